"""`workplan diff -o diff.docx`: real Word tracked changes that accept to NEW and reject to OLD."""

from __future__ import annotations

import io
import itertools
import random
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.diff import Version, diff_documents, load_version
from generator.load import load_document
from generator.model import Document, Node, Table
from generator.model_tools import deep_copy, replace
from generator.render import render
from generator.view import build_view
from generator.writers.diff_docx import render_diff_docx
from generator.writers.docx import render_docx
from tests.conftest import EXAMPLES, PLANS, SEEDS, plan_files
from tests.test_diff import edited_seed_000, plan_and_edits, random_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = {f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"}


def _document_xml(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def resolve(data: bytes, *, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change, done on the XML:
    accept drops w:del/w:moveFrom content and unwraps w:ins/w:moveTo; reject the opposite; a
    dropped paragraph mark joins its paragraph to the next; a dropped row goes entirely."""
    root = _document_xml(data)
    drop = {f"{W}del", f"{W}moveFrom"} if accept else {f"{W}ins", f"{W}moveTo"}
    for tr in list(root.iter(f"{W}tr")):
        trpr = tr.find(f"{W}trPr")
        if trpr is not None and any(child.tag in drop for child in trpr):
            tr.getparent().remove(tr)
    for mark in list(root.iter(*REVISIONS)):
        parent = mark.getparent()
        if parent is None or parent.tag in (f"{W}rPr", f"{W}trPr"):
            continue  # paragraph and row marks: handled below / above
        if mark.tag in drop:
            parent.remove(mark)
        else:
            index = parent.index(mark)
            for offset, child in enumerate(list(mark)):
                parent.insert(index + offset, child)
            parent.remove(mark)
    return joined_paragraphs(root, drop)


def joined_paragraphs(root: etree._Element, drop: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Texts of all paragraphs in document order; a paragraph whose mark is in ``drop`` joins the
    next paragraph of the same story (the body, or the text box it sits in)."""
    texts: list[str] = []
    pending: dict[etree._Element | None, int] = {}  # story → slot of the paragraph being joined
    for p in root.iter(f"{W}p"):
        story = next(p.iterancestors(f"{W}txbxContent", f"{W}body"), None)
        slot = pending.pop(story, None)
        if slot is None:  # a joined paragraph stands where its first part stood
            slot = len(texts)
            texts.append("")
        texts[slot] += paragraph_text(p)
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is not None and any(child.tag in drop for child in rpr):
            pending[story] = slot
    return texts


def paragraph_text(p: etree._Element) -> str:
    """The paragraph's own text (a text box it anchors is its own story)."""
    out = []
    for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        if next(node.iterancestors(f"{W}p")) is not p:
            continue
        if node.tag in (f"{W}t", f"{W}delText"):
            out.append(node.text or "")
        else:
            out.append("\t" if node.tag == f"{W}tab" else "\n")
    return "".join(out)


def plain_paragraphs(version: Document | Version) -> list[str]:
    """Paragraph texts of the document rendered with typed labels as the diff writer renders it (no
    revisions); for an imported source, with the labels the source printed."""
    if isinstance(version, Document):
        version = Version(version)
    view = build_view(version.document)
    root = _document_xml(render_docx(view, numbering="text"))
    assert not any(True for _ in root.iter(*REVISIONS))
    printed = version.printed or {}
    relabel = {
        p.full: printed[p.entry.path] + p.full[len(p.label) :]
        for p in view.plan.paragraphs
        if p.label and p.entry is not None and p.entry.path in printed
    }
    return [relabel.get(text, text) for text in joined_paragraphs(root)]


def squashed(lines: list[str]) -> str:
    """All the text, without the line breaks and spaces in which .txt and .docx differ (the
    标题 broken over two paragraphs, a tab before the 印发 date)."""
    return "".join("".join(lines).split())


def check_round_trip(old: Document | Version, new: Document | Version) -> bytes:
    data = render_diff_docx(diff_documents(old, new), author="审校人")
    accepted, rejected = resolve(data, accept=True), resolve(data, accept=False)
    assert accepted == plain_paragraphs(new)
    assert rejected == plain_paragraphs(old)
    for side, texts in ((new, accepted), (old, rejected)):
        if isinstance(side, Version) and side.printed:
            continue  # the .txt prints computed labels, not the source's
        document = side.document if isinstance(side, Version) else side
        assert squashed(texts) == squashed(txt_lines(document))
    return data


def txt_lines(document: Document) -> list[str]:
    text = render(document, "txt")
    assert isinstance(text, str)
    return [line for line in text.splitlines() if line.strip()]


def test_seed_000_edits_accept_to_new_and_reject_to_old() -> None:
    old, new, _ = edited_seed_000()
    data = check_round_trip(old, new)
    # the plan's paragraphs, as the .txt prints them, are all there in order after accepting
    accepted = resolve(data, accept=True)
    plan_lines = [p.full for p in build_view(new).plan.paragraphs if p.kind != "table"]
    assert [t for t in accepted if t in set(plan_lines)] == plan_lines
    assert set(plan_lines) <= set(txt_lines(new))
    rejected = resolve(data, accept=False)
    old_lines = [p.full for p in build_view(old).plan.paragraphs if p.kind != "table"]
    assert [t for t in rejected if t in set(old_lines)] == old_lines


def test_revisions_carry_author_date_and_unique_ids() -> None:
    old, new, _ = edited_seed_000()
    root = _document_xml(render_diff_docx(diff_documents(old, new), author="审校人"))
    marks = list(root.iter(*REVISIONS))
    assert len(marks) > 20
    for mark in marks:
        assert mark.get(f"{W}author") == "审校人"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(f"{W}date") or "")
    ids = [mark.get(f"{W}id") for mark in marks]
    assert len(ids) == len(set(ids))


def test_renumbered_label_is_one_deletion_and_one_insertion() -> None:
    old, new, _ = edited_seed_000()
    heading = "加强院前急救能力建设。"
    labels = [
        next(p.label for p in build_view(d).plan.paragraphs if p.heading == heading) for d in (old, new)
    ]
    assert labels == ["（十五）", "（十七）"]  # one item added before it, one moved in before it
    root = _document_xml(render_diff_docx(diff_documents(old, new)))
    for p in root.iter(f"{W}p"):
        if heading in paragraph_text(p) and p.find(f"{W}pPr/{W}rPr/{W}del") is None:
            deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in p.iter(f"{W}del")]
            inserted = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in p.iter(f"{W}ins")]
            assert deleted == labels[:1]
            assert inserted == labels[1:]
            return
    pytest.fail("item 加强院前急救能力建设 not found")


def test_removed_item_comes_back_as_a_deleted_paragraph_at_its_old_place() -> None:
    old, new, _ = edited_seed_000()
    removed = old.plan.sections[4].items[1]
    root = _document_xml(render_diff_docx(diff_documents(old, new)))
    paragraphs = list(root.iter(f"{W}p"))
    hit = [p for p in paragraphs if paragraph_text(p).endswith(removed.text[0])]
    assert len(hit) == 1
    assert hit[0].find(f"{W}pPr/{W}rPr/{W}del") is not None
    assert not list(hit[0].iter(f"{W}t"))  # every character is w:delText
    before = paragraph_text(paragraphs[paragraphs.index(hit[0]) - 1])
    assert old.plan.sections[4].items[0].heading in before


def test_notice_changes_are_tracked() -> None:
    old = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    new = deep_copy(old)
    new.notice.doc_number.serial = 39  # type: ignore[union-attr]
    new.notice.recipients.append("各有关单位")
    check_round_trip(old, new)


def test_imprint_changes_stay_inside_the_one_text_box() -> None:
    """版记 (抄送, 印发) sits in a text box at the foot of the last page; its lines are edited inline
    so the tracked document still has one box, not a deleted and an inserted one on top of it."""
    old = load_document(PLANS / "wuzhong-2019.yaml")
    new = deep_copy(old)
    new.notice.cc = ["自治区卫生健康委员会", "市纪委监委派驻纪检监察组"]
    new.notice.print_date = new.notice.print_date.replace(month=4, day=1)  # type: ignore[union-attr]
    new.notice.note = "此件主动公开"
    data = check_round_trip(old, new)
    check_round_trip(new, old)
    root = _document_xml(data)
    assert len(list(root.iter(f"{W}drawing"))) == 1
    inserted = {"".join(i.itertext()) for i in root.iter(f"{W}ins")}
    assert "，市纪委监委派驻纪检监察组" in inserted


def test_seed_003_import_against_corrected_plan() -> None:
    imported = load_version(SEEDS / "003_56f570fbe846ebf6.txt")
    corrected = load_version(PLANS / "wuzhong-2019.yaml")
    data = check_round_trip(imported, corrected)
    check_round_trip(corrected, imported)
    rejected = resolve(data, accept=False)
    assert "二、大力推进“互联网+医疗健康”发展" in rejected  # the source's repeated 二、 …
    assert "三、大力推进“互联网+医疗健康”发展" in resolve(data, accept=True)  # … corrected
    root = _document_xml(data)
    assert {"".join(t.itertext()) for t in root.iter(f"{W}ins")} >= {"三、", "六、"}


def test_reworded_and_emptied_documents() -> None:
    old = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    new = deep_copy(old)
    new.plan.sections = new.plan.sections[:1]  # everything after section 一 removed (end of body)
    check_round_trip(old, new)
    check_round_trip(new, old)  # and added back at the end


def _random_edits(document: Document, rng: random.Random) -> None:
    """Rewordings, a whole section added or dropped, and notice fields changed, on top."""
    nodes = document.plan.nodes()
    for node in rng.sample(nodes, k=min(len(nodes), rng.randint(0, 3))):
        if node.text:
            text, cut = node.text[0], rng.randint(0, len(node.text[0]))
            node.text[0] = text[:cut] + random_text(rng, 1, 6) + text[cut + rng.randint(0, 4) :]
        elif node.heading:
            node.heading = random_text(rng, 4, 10)
    sections = document.plan.sections
    roll = rng.random()
    if roll < 0.15 and len(sections) > 1:
        sections.pop(rng.randrange(len(sections)))
    elif roll < 0.3:
        sections.insert(rng.randint(0, len(sections)), Node(heading=random_text(rng, 4, 10), items=[]))
    notice = document.notice
    if rng.random() < 0.3:
        notice.recipients = [random_text(rng, 4, 10) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.3:
        notice.body = [random_text(rng, 10, 60) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.2:
        notice.cc = [random_text(rng, 4, 10)]
    if rng.random() < 0.2:
        document.plan.preamble = [random_text(rng, 10, 60)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_and_edits(), st.randoms(use_true_random=False))
def test_generated_pairs_accept_and_reject(case: tuple[Document, Document, dict], rng: random.Random) -> None:
    old, new, _ = case
    old.notice.issuers = ["某某市卫生健康委员会"]
    old.notice.recipients = ["各县（区）卫生健康局"]
    old.notice.signatories = ["某某市卫生健康委员会"]
    new.notice = deep_copy(old.notice)
    _random_edits(new, rng)
    check_round_trip(old, new)


def test_tables_changed_added_and_removed() -> None:
    old = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    old.plan.sections[0].items[0].tables = [
        Table(title="附表1 指标", rows=[["指标", "目标"], ["发热门诊", "3家"]])
    ]
    old.plan.sections[2].items[0].tables = [Table(rows=[["甲", "乙"]])]
    new = deep_copy(old)
    new.plan.sections[0].items[0].tables[0].rows[1][1] = "4家"
    new.plan.sections[2].items[0].tables = []
    new.plan.sections[1].items[1].tables = [Table(title="附表2", rows=[["一", "二", "三"]])]
    data = check_round_trip(old, new)
    check_round_trip(new, old)
    row_props = [tr.find(f"{W}trPr") for tr in _document_xml(data).iter(f"{W}tr")]
    marks = [etree.QName(child).localname for trpr in row_props if trpr is not None for child in trpr]
    # the changed table is edited in its cell (3家 → 4家); only the table gone and the new one are rows
    assert marks.count("del") == 1 and marks.count("ins") == 1
    root = _document_xml(data)
    assert [t.text for t in root.iter(f"{W}delText") if t.text == "3"] == ["3"]
    assert "4" in [t.text for ins in root.iter(f"{W}ins") for t in ins.iter(f"{W}t")]


def test_a_changed_task_table_marks_only_what_changed() -> None:
    """The 分工表 of the example: one 完成时限 changed is one change in one cell (the table was
    struck and written again whole); a task added is one inserted row. Accepting gives NEW."""
    old = load_document(EXAMPLES / "example.yaml")
    new = deep_copy(old)
    new.plan.sections[0].items[0].deadline = "2025年9月底前"
    data = check_round_trip(old, new)
    table = next(t for t in _document_xml(data).iter(f"{W}tbl") if "重点任务" in "".join(t.itertext()))
    assert not [m for tr in table.iter(f"{W}tr") for m in tr.iterfind(f"{W}trPr/{W}ins")]
    assert not [m for tr in table.iter(f"{W}tr") for m in tr.iterfind(f"{W}trPr/{W}del")]
    assert ["".join(d.itertext()) for d in table.iter(f"{W}del")] == ["6"]
    assert ["".join(i.itertext()) for i in table.iter(f"{W}ins")] == ["9"]
    added = deep_copy(new)
    extra = replace(added.plan.sections[0].items[0], id="extra", heading="新增一项重点任务。")
    added.plan.sections[0].items.append(extra)
    data = check_round_trip(new, added)
    table = next(t for t in _document_xml(data).iter(f"{W}tbl") if "重点任务" in "".join(t.itertext()))
    inserted = [tr for tr in table.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert len(inserted) == 1 and "新增一项重点任务" in "".join(inserted[0].itertext())
    assert not [tr for tr in table.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]
    narrower = deep_copy(added)  # other columns: the old table out, the new one in
    assert narrower.plan.task_table is not None
    narrower.plan.task_table.columns = ["序号", "重点任务", "牵头单位", "完成时限"]
    check_round_trip(added, narrower)


def test_every_pair_of_real_plans() -> None:
    """Unrelated documents (different issuers, 版记 on one side only, tables, themed sections):
    still exactly NEW when accepted and OLD when rejected."""
    documents = [load_document(path) for path in plan_files()]
    assert len(documents) >= 5
    for old, new in itertools.permutations(documents, 2):
        check_round_trip(old, new)


@pytest.mark.slow
def test_libreoffice_opens_it_and_shows_the_revisions(tmp_path: Path, soffice: str) -> None:
    old, new, _ = edited_seed_000()
    path = tmp_path / "diff.docx"
    path.write_bytes(render_diff_docx(diff_documents(old, new)))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    fodt = (tmp_path / "diff.fodt").read_text(encoding="utf-8")
    assert "<text:tracked-changes" in fodt
    regions = fodt.count("<text:changed-region")
    assert fodt.count("<text:deletion>") > 0 and fodt.count("<text:insertion>") > 0
    assert regions > 20


# --- the OOXML reading helpers the diff (and the Word reader and writer) use --------------------


def test_style_ids_read_in_any_attribute_order() -> None:
    """An agency's styles.xml may write w:type after w:styleId, or put w:aliases before w:name."""
    from generator import ooxml as ox

    styles = (
        f'<w:styles xmlns:w="{W[1:-1]}">'
        '<w:style w:styleId="a1" w:type="paragraph" w:customStyle="1"><w:name w:val="WP Body"/></w:style>'
        '<w:style w:customStyle="1" w:type="paragraph" w:styleId="T9"><w:aliases w:val="x"/>'
        '<w:name w:val="WP Title"/></w:style>'
        "</w:styles>"
    ).encode()
    assert ox.style_ids(styles) == {"WP Body": "a1", "WP Title": "T9"}


def test_paragraph_text_and_atoms_agree_on_every_rendered_paragraph() -> None:
    """Text read for pairing and characters edited inline are the same, tabs and breaks included."""
    from generator import ooxml as ox

    _, body = ox.document_body(
        zipfile.ZipFile(io.BytesIO(render_docx(build_view(load_document(PLANS / "wuzhong-2019.yaml"))))).read(
            "word/document.xml"
        )
    )
    blocks = ox.body_blocks(body)
    assert all(ox.is_paragraph(b) or ox.is_table(b) for b in blocks)
    edited = 0
    for p in (b for b in blocks if ox.is_paragraph(b)):
        atoms = ox.text_atoms(p)
        if atoms is None:
            continue
        text = ox.paragraph_text(p)
        assert "".join(ch for ch, _ in atoms) == text
        ox.replace_content(p, ox.atom_runs(atoms))
        assert ox.paragraph_text(p) == text  # runs rebuilt from the atoms print the same
        edited += 1
    assert edited > 50


def test_agency_template_carries_into_the_tracked_changes_docx(tmp_path: Path) -> None:
    """`diff --template`: the reviewer's copy uses the agency's restyled template, and the
    revisions still accept to NEW and reject to OLD; a template missing a style is refused."""
    import docx as python_docx

    from generator.writers import docx_template as tpl

    agency = python_docx.Document(str(tpl.template_path()))
    agency.styles["WP Body"].font.size = python_docx.shared.Pt(15)  # an agency's own choice
    restyled = tmp_path / "agency.docx"
    agency.save(str(restyled))

    old, new, _ = edited_seed_000()
    result = diff_documents(Version(old), Version(new))
    data = render_diff_docx(result, template=restyled)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    body_style = styles[styles.index('w:styleId="WPBody"') :]
    assert '<w:sz w:val="30"/>' in body_style[: body_style.index("</w:style>")]
    assert squashed(resolve(data, accept=True)) == squashed(plain_paragraphs(new))
    assert squashed(resolve(data, accept=False)) == squashed(plain_paragraphs(old))

    agency.styles["WP Section"].delete()
    broken = tmp_path / "broken.docx"
    agency.save(str(broken))
    out = tmp_path / "d.docx"
    cli = subprocess.run(
        ["workplan", "diff", str(PLANS / "suzhou-wuzhong-2021.yaml"), str(PLANS / "wuzhong-2019.yaml"),
         "-o", str(out), "--template", str(broken)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert cli.returncode == 2, cli.stderr
    assert "WP Section" in cli.stderr and "Traceback" not in cli.stderr
    assert not out.exists()


def test_track_changes_is_on_for_the_reviewer() -> None:
    """The reviewer's own edits to the tracked-changes copy are tracked too (w:trackRevisions in
    settings.xml); the normal rendering of a plan leaves it off."""
    old, new, _ = edited_seed_000()
    data = render_diff_docx(diff_documents(Version(old), Version(new)))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find(w + "trackRevisions") is not None
    with zipfile.ZipFile(io.BytesIO(render_docx(build_view(new)))) as package:
        plain = etree.fromstring(package.read("word/settings.xml"))
    assert plain.find(w + "trackRevisions") is None
