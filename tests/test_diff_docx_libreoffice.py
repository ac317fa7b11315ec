"""The tracked-changes .docx judged by LibreOffice itself, not by our reading of the XML:
its 接受所有修订 gives the text of the NEW document and its 拒绝所有修订 that of the OLD one, on a
reviewer's real edits of real plans (a section moved, one inserted at the top so that every 一、
after it becomes 二、, an item split, two merged, the 文号 / 主送 / 成文日期 changed, one character
of a long paragraph)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from generator.diff import diff_documents
from generator.load import load_document
from generator.model import Document, Node
from generator.model_tools import deep_copy, replace
from generator.serve.pdf import uno_python
from generator.view import build_view
from generator.writers.diff_docx import render_diff_docx
from generator.writers.docx import render_docx
from tests.conftest import PLANS, validate_ooxml
from tests.test_diff_docx import W

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).with_name("lo_tracked_changes.py")


def _moved(d: Document) -> None:
    s = d.plan.sections
    s[0], s[1] = s[1], s[0]


def _top_section(d: Document) -> None:
    item = Node(heading="加强党的建设。", text=["深入学习贯彻党的二十大精神，落实全面从严治党主体责任。"])
    d.plan.sections.insert(0, Node(heading="坚持党建引领", items=[item]))


def _split(d: Document) -> None:
    items = d.plan.sections[1].items
    text = items[0].text[0]
    items[0] = replace(items[0], text=[text[: len(text) // 2]])
    items.insert(1, Node(heading="另立一项。", text=[text[len(text) // 2 :]]))


def _merged(d: Document) -> None:
    items = d.plan.sections[1].items
    second = items.pop(1)
    items[0] = replace(items[0], text=[*items[0].text, (second.heading or "") + "".join(second.text)])


def _notice(d: Document) -> None:
    notice = d.notice
    assert notice is not None and notice.date is not None
    if notice.doc_number is not None:  # wuzhong-2019 prints none
        notice.doc_number = replace(notice.doc_number, year=notice.doc_number.year + 1, serial=7)
    notice.recipients = [*notice.recipients, "各镇（街道）社区卫生服务中心"]
    notice.date = notice.date + dt.timedelta(days=3)


def _one_character(d: Document) -> None:
    node = max(d.plan.nodes(), key=lambda n: len("".join(n.text)))
    text = node.text[0]
    node.text[0] = text[: len(text) // 2] + "强" + text[len(text) // 2 + 1 :]


EDITS: dict[str, Callable[[Document], None]] = {
    "moved": _moved,
    "top-section": _top_section,
    "split": _split,
    "merged": _merged,
    "notice": _notice,
    "one-character": _one_character,
}
PLAN_NAMES = ["suzhou-wuzhong-2021", "wuzhong-2019"]  # 版记 with 抄送 and 印发 in the second


def _without_comments(data: bytes) -> bytes:
    """The .docx without its comment anchors: LibreOffice 7.4 loading any commented .docx through
    UNO headless aborts (a sidebar window it cannot build); comments change no text anyway."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(part)
                for mark in list(root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd")):
                    mark.getparent().remove(mark)
                for reference in list(root.iter(f"{W}commentReference")):
                    run = reference.getparent()
                    run.getparent().remove(run)
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, part)
    return out.getvalue()


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> dict[str, dict[str, str]]:
    """(plan, edit) name → LibreOffice's text of: the diff accepted, rejected; the old and new plain."""
    python = uno_python()
    if python is None:
        pytest.fail("python3-uno is not installed — run .ci/run (it installs python3-uno)")
    work = tmp_path_factory.mktemp("lo-tracked")
    files = []
    for plan in PLAN_NAMES:
        old = load_document(PLANS / f"{plan}.yaml")
        (work / f"{plan}.old.docx").write_bytes(render_docx(build_view(old), numbering="text"))
        files.append(work / f"{plan}.old.docx")
        for edit, change in EDITS.items():
            new = deep_copy(old)
            change(new)
            data = render_diff_docx(diff_documents(old, new), author="审校人")
            (work / f"{plan}.{edit}.diff.docx").write_bytes(_without_comments(data))
            (work / f"{plan}.{edit}.new.docx").write_bytes(render_docx(build_view(new), numbering="text"))
            files += [work / f"{plan}.{edit}.diff.docx", work / f"{plan}.{edit}.new.docx"]
    subprocess.run(
        [python, str(SCRIPT), str(work / "profile"), str(work), *map(str, files)],
        check=True,
        capture_output=True,
        timeout=900,
    )

    def text(name: str) -> str:
        return (work / name).read_text(encoding="utf-8-sig")

    return {
        f"{plan}.{edit}": {
            "accept": text(f"{plan}.{edit}.diff.docx.accept.txt"),
            "reject": text(f"{plan}.{edit}.diff.docx.reject.txt"),
            "new": text(f"{plan}.{edit}.new.docx.plain.txt"),
            "old": text(f"{plan}.old.docx.plain.txt"),
        }
        for plan in PLAN_NAMES
        for edit in EDITS
    }


@pytest.mark.parametrize("plan", PLAN_NAMES)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_libreoffice_accepts_to_new_and_rejects_to_old(
    resolved: dict[str, dict[str, str]], plan: str, edit: str
) -> None:
    texts = resolved[f"{plan}.{edit}"]
    assert texts["new"] != texts["old"]
    assert texts["accept"].splitlines() == texts["new"].splitlines()
    assert texts["reject"].splitlines() == texts["old"].splitlines()


def test_a_top_section_shows_every_section_label_after_it_renumbered(
    resolved: dict[str, dict[str, str]],
) -> None:
    """The six sections of suzhou-wuzhong-2021 (seed 000: 一、全力做好常态化疫情防控和医疗救治工作 …
    六、落实综合医疗服务工作任务) are 二、…七、 once accepted, 一、…六、 again once rejected."""
    texts = resolved["suzhou-wuzhong-2021.top-section"]
    labels = {f"{n}、" for n in "一二三四五六七八"}
    accepted, rejected = texts["accept"].splitlines(), texts["reject"].splitlines()
    assert [line[:2] for line in accepted if line[:2] in labels] == [f"{n}、" for n in "一二三四五六七"]
    assert [line[:2] for line in rejected if line[:2] in labels] == [f"{n}、" for n in "一二三四五六"]
    assert "一、坚持党建引领" in accepted and "二、全力做好常态化疫情防控和医疗救治工作" in accepted
    assert "七、落实综合医疗服务工作任务" in accepted and "六、落实综合医疗服务工作任务" in rejected


def test_one_character_changed_is_one_character_deleted_and_one_inserted() -> None:
    old = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    new = deep_copy(old)
    _one_character(new)
    root = etree.fromstring(
        zipfile.ZipFile(io.BytesIO(render_diff_docx(diff_documents(old, new)))).read("word/document.xml")
    )
    deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    inserted = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in root.iter(f"{W}ins")]
    assert [len(t) for t in deleted if t] == [1] and [t for t in inserted if t] == ["强"]


def test_the_real_edits_are_valid_for_word(tmp_path: Path, ooxml_validator: str) -> None:
    """The same tracked-changes files, comments included: the Open XML SDK validator finds nothing."""
    for plan in PLAN_NAMES:
        old = load_document(PLANS / f"{plan}.yaml")
        for edit, change in EDITS.items():
            new = deep_copy(old)
            change(new)
            out = tmp_path / f"{plan}.{edit}.docx"
            out.write_bytes(render_diff_docx(diff_documents(old, new), author="审校人"))
            assert validate_ooxml(ooxml_validator, out) == [], out.name
