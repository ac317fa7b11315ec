"""Headings of the .docx are numbered by Word's own multi-level lists (numbering.xml), and the
labels Word's numbering prints are the labels the .txt writer prints.

Two independent readers of the numbering check it: the Word importer (readers/docx.py, which
counts numbering.xml as Word does) on every plan and on generated plans with every numbering
setting (continuous levels, ``numbered: false`` at any level, ``child_numbering``, more than 20
circled numbers), and LibreOffice itself (slow: one LibreOffice start per batch), which also
shows that a heading a clerk inserts renumbers every later one.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, plan_files
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_roundtrip import plans

from generator.list_numbering import assign_lists
from generator.load import load_document
from generator.model import Document, Node, Numbering, Plan, Scheme
from generator.model_tools import deep_copy, to_data, validate
from generator.numbering import chinese_numeral, parse_label, walk
from generator.readers.defects import DefectLog
from generator.readers.docx import docx_lines
from generator.render import render
from generator.view import build_view

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = {"WPSection", "WPItem", "WPLevel3", "WPLevel4", "WPLevel5"}
ALL_PLANS = plan_files()  # plans/ and examples/
SCHEME_LIST: list[Scheme] = ["chinese", "chinese_paren", "arabic", "arabic_paren", "arabic_comma", "circled"]


def headings(document: Document) -> list[str]:
    """What the .txt writer prints for each heading paragraph: label + heading + run-in text."""
    view = build_view(document)
    return [p.full for p in view.plan.paragraphs if p.kind in ("section", "item")]


def _xml(data: bytes, part: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


def _style(p: etree._Element) -> str | None:
    found = p.find(f"{W}pPr/{W}pStyle")
    return None if found is None else found.get(f"{W}val")


def heading_paragraphs(data: bytes) -> list[etree._Element]:
    body = _xml(data, "word/document.xml").find(f"{W}body")
    return [p for p in body.iterchildren(f"{W}p") if _style(p) in HEADING_STYLES]


def imported_headings(data: bytes) -> list[str]:
    """Heading paragraphs as the Word importer reads them: the list number Word prints + text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.docx"
        path.write_bytes(data)
        lines = docx_lines(path, DefectLog())
        document = docx.Document(str(path))
    styles = {}
    for no, paragraph in enumerate(document.element.body.iterchildren(), start=1):
        styles[no] = _style(paragraph)
    out: list[str] = []
    seen: set[int] = set()
    for line in lines:
        if styles.get(line.no) in HEADING_STYLES and line.no not in seen:
            seen.add(line.no)
            out.append(line.label + line.text)
    return out


# --- generated plans with every numbering setting -----------------------------------------------


@st.composite
def numbered_plans(draw: st.DrawFn) -> Document:
    """test_roundtrip's plans, with any scheme for the sections, ``numbered: false`` at any level,
    ``child_numbering`` and sometimes a long list (past ⑳, past 十)."""
    document: Document = draw(plans())
    if draw(st.integers(0, 4)) == 0:  # any scheme for the sections too
        document.plan.numbering.levels[0] = draw(st.sampled_from(SCHEME_LIST))
    nodes = document.plan.nodes()
    for node in nodes:
        if draw(st.integers(0, 6)) == 0:
            node.numbered = False
        if node.items and draw(st.integers(0, 4)) == 0:
            node.child_numbering = draw(st.sampled_from(SCHEME_LIST))
    if draw(st.integers(0, 3)) == 0:
        parent = draw(st.sampled_from(nodes))
        scheme = draw(st.sampled_from(SCHEME_LIST))
        parent.child_numbering = scheme
        parent.items = parent.items + [Node(heading=f"工作{i}。") for i in range(draw(st.integers(11, 24)))]
        if sum(1 for _ in document.plan.nodes()) and _depth(document) > 5:
            parent.items = []
    return validate(Document, to_data(document))


def _depth(document: Document) -> int:
    def depth(node: Node) -> int:
        return 1 + max((depth(c) for c in node.items), default=0)

    return max((depth(s) for s in document.plan.sections), default=0)


# --- fast: the numbering.xml written and read back ------------------------------------------------


def test_example_headings_are_list_paragraphs_in_the_levels_fonts() -> None:
    document = load_document(EXAMPLES / "example.yaml")
    data = render(document, "docx")
    assert isinstance(data, bytes)
    numbering = _xml(data, "word/numbering.xml")
    abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")}
    num_to_abstract = {
        n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val") for n in numbering.iter(f"{W}num")
    }
    paragraphs = heading_paragraphs(data)
    view = build_view(document)
    heads = [p for p in view.plan.paragraphs if p.kind in ("section", "item")]
    assert len(paragraphs) == len(heads) > 5
    expected = {
        0: ("chineseCounting", "%1、", "黑体"),
        1: ("chineseCounting", "（%2）", "楷体_GB2312"),
        2: ("decimal", "%3.", "仿宋_GB2312"),
        3: ("decimal", "（%4）", "仿宋_GB2312"),
        4: ("decimalEnclosedCircle", "%5", "仿宋_GB2312"),
    }
    used_levels = set()
    for p, head in zip(paragraphs, heads, strict=True):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        assert text == head.heading + head.text  # the label is Word's, not typed
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if not head.label:  # numbered: false — no number, none used up
            assert num_pr is None
            continue
        ilvl = int(num_pr.find(f"{W}ilvl").get(f"{W}val"))
        assert ilvl == head.level - 1
        lvl = abstract[num_to_abstract[num_pr.find(f"{W}numId").get(f"{W}val")]].find(
            f"{W}lvl[@{W}ilvl='{ilvl}']"
        )
        fmt, text_pattern, font = expected[ilvl]
        assert lvl.find(f"{W}numFmt").get(f"{W}val") == fmt
        assert lvl.find(f"{W}lvlText").get(f"{W}val") == text_pattern
        assert lvl.find(f"{W}suff").get(f"{W}val") == "nothing"
        assert lvl.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == font
        used_levels.add(ilvl)
    assert used_levels >= {0, 1, 2, 3}


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.stem)
def test_word_numbers_read_back_as_the_txt_labels(path: Path) -> None:
    document = load_document(path)
    data = render(document, "docx")
    assert isinstance(data, bytes)
    assert imported_headings(data) == headings(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(numbered_plans())
def test_generated_word_numbers_read_back_as_the_txt_labels(document: Document) -> None:
    data = render(document, "docx")
    assert isinstance(data, bytes)
    assert imported_headings(data) == headings(document)


def test_circled_past_twenty_is_typed_and_the_count_goes_on() -> None:
    document = load_document(EXAMPLES / "example.yaml")
    parent = next(n for n in document.plan.nodes() if n.items)
    parent.child_numbering = "circled"
    parent.items = [Node(heading=f"工作{i}。") for i in range(23)]
    data = render(document, "docx")
    assert isinstance(data, bytes)
    typed = [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in heading_paragraphs(data)
        if p.find(f"{W}pPr/{W}numPr") is None
    ]
    assert [t[:4] for t in typed if t.startswith("（2")] == ["（21）", "（22）", "（23）"]
    assert imported_headings(data) == headings(document)


def test_numbering_text_types_every_label_and_writes_no_list() -> None:
    document = load_document(EXAMPLES / "example.yaml")
    data = render(document, "docx", numbering="text")
    assert isinstance(data, bytes)
    paragraphs = heading_paragraphs(data)
    assert all(p.find(f"{W}pPr/{W}numPr") is None for p in paragraphs)
    assert ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs] == headings(document)


def test_unknown_numbering_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown numbering"):
        render(load_document(EXAMPLES / "example.yaml"), "docx", numbering="roman")


# --- slow: what LibreOffice prints ------------------------------------------------------------------


def _soffice_text(paths: list[Path], soffice: str) -> dict[Path, list[str]]:
    """Each .docx as LibreOffice's plain-text export (list numbers included), one start for all."""
    outdir = paths[0].parent / "txt"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=60 + 10 * len(paths),
        )
    out = {}
    for path in paths:
        lines = (outdir / f"{path.stem}.txt").read_text(encoding="utf-8-sig").splitlines()
        out[path] = [_joined(line.strip()) for line in lines if line.strip()]
    return out


def _joined(line: str) -> str:
    """LibreOffice's text export puts a space after a list number (w:suff nothing or not)."""
    found = parse_label(line)
    if found is not None and line[len(found.raw) : len(found.raw) + 1] == " ":
        return found.raw + line[len(found.raw) + 1 :]
    return line


def _in_order(expected: list[str], printed: list[str]) -> list[str]:
    """The expected heading lines missing from ``printed`` (a subsequence match, in order)."""
    missing, cursor = [], 0
    for line in expected:
        try:
            cursor = printed.index(line, cursor) + 1
        except ValueError:
            missing.append(line)
    return missing


def generated(count: int, *, derandomize: bool = True) -> list[Document]:
    """``count`` plans of :func:`numbered_plans`, to convert with one LibreOffice start (a test per
    plan would start it per plan); the same plans on every run unless ``derandomize`` is off."""
    found: list[Document] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=derandomize,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(numbered_plans())
    def collect(document: Document) -> None:
        found.append(document)

    collect()
    return found


@lru_cache(maxsize=1)
def _plan_cases() -> dict[str, Document]:
    return {f"plan-{path.stem}": load_document(path) for path in ALL_PLANS}


@lru_cache(maxsize=1)
def _generated_cases() -> dict[str, Document]:
    return {f"generated-{i}": document for i, document in enumerate(generated(30))}


COUNTED = [*range(1, 131), 199, 200, 201, 210, 999, 1000, 1001, 1010, 1100, 1234, 2000, 2020, 9090, 9999]


def _counting_docx() -> bytes:
    """One paragraph per number of :data:`COUNTED`, each the first of a chineseCounting list that
    starts at it."""
    from generator import ooxml as ox

    document = docx.Document()
    numbering = document.part.numbering_part.element
    num_id, abstract_id = ox.free_ids(numbering)
    for k, n in enumerate(COUNTED):
        ox.add_list(
            numbering, num_id + k, abstract_id + k, [ox.LevelDef(0, "chineseCounting", "%1、", n, "黑体")]
        )
        ox.set_num_pr(document.add_paragraph("x")._p, num_id + k, 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _insert_copy(data: bytes, index: int) -> bytes:
    """The clerk's edit: copy the ``index``-th heading paragraph and insert the copy before it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    body = root.find(f"{W}body")
    target = [p for p in body.iterchildren(f"{W}p") if _style(p) in HEADING_STYLES][index]
    target.addprevious(deepcopy(target))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            package.writestr(info, content)
    return out.getvalue()


def _with_inserted(document: Document, path: tuple[int, ...]) -> Document:
    """The plan a copied heading makes: a node like the one at ``path``, without content, before it
    (the paragraphs after the copy still belong to the original node)."""
    changed = deep_copy(document)
    siblings = changed.plan.sections
    for index in path[:-1]:
        siblings = siblings[index].items
    original = siblings[path[-1]]
    copy = Node(heading=original.heading, numbered=original.numbered, points=list(original.points))
    if original.text:
        copy.text = [original.text[0]]
    siblings.insert(path[-1], copy)
    return changed


@lru_cache(maxsize=1)
def _insert_cases() -> dict[str, tuple[bytes, Document, list[str]]]:
    """For each plan and level 1 and 2: the .docx with the second numbered heading of the level
    copied before itself, the plan that edit makes, and the headings from the copied one on."""
    cases = {}
    for plan_path in ALL_PLANS:
        document = load_document(plan_path)
        heads = [p for p in build_view(document).plan.paragraphs if p.kind in ("section", "item")]
        for level in (1, 2):
            found = [(k, p) for k, p in enumerate(heads) if p.level == level and p.entry and p.entry.ordinal]
            if len(found) < 2:
                continue
            k, para = found[1]  # later headings of the level must move on
            data = _insert_copy(render(document, "docx"), k)  # type: ignore[arg-type]
            expected = _with_inserted(document, para.entry.path)  # type: ignore[union-attr]
            cases[f"inserted-{plan_path.stem}-{level}"] = (data, expected, [h.full for h in heads[k:]])
    return cases


@pytest.fixture(scope="module")
def libreoffice_text(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every case of the slow tests below as LibreOffice prints it, from ONE LibreOffice start."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = {
        name: render(document, "docx") for name, document in {**_plan_cases(), **_generated_cases()}.items()
    }
    files |= {name: data for name, (data, _, _) in _insert_cases().items()}
    files["counting"] = _counting_docx()
    paths = []
    for name, data in files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)  # type: ignore[arg-type]
        paths.append(path)
    return {path.stem: lines for path, lines in _soffice_text(paths, soffice).items()}


@pytest.mark.slow
def test_libreoffice_prints_the_txt_labels_for_every_plan(libreoffice_text: dict[str, list[str]]) -> None:
    for name, document in _plan_cases().items():
        assert _in_order(headings(document), libreoffice_text[name]) == [], name


@pytest.mark.slow
def test_libreoffice_prints_the_txt_labels_for_generated_plans(
    libreoffice_text: dict[str, list[str]],
) -> None:
    assert len(_generated_cases()) == 30
    for name, document in _generated_cases().items():
        assert _in_order(headings(document), libreoffice_text[name]) == [], to_data(document.plan)


@pytest.mark.slow
def test_chinese_counting_prints_like_chinese_numeral(libreoffice_text: dict[str, list[str]]) -> None:
    """Word's chineseCounting in LibreOffice against numbering.chinese_numeral, 1–9999 sampled."""
    assert libreoffice_text["counting"] == [f"{chinese_numeral(n)}、x" for n in COUNTED]


@pytest.mark.slow
def test_an_inserted_heading_renumbers_every_later_one(libreoffice_text: dict[str, list[str]]) -> None:
    assert len(_insert_cases()) >= 8
    for name, (_, expected, before) in _insert_cases().items():
        lines = headings(expected)
        assert _in_order(lines, libreoffice_text[name]) == [], name
        after = lines[len(lines) - len(before) :]  # the copied heading and every one after it
        assert lines[len(lines) - len(before) - 1] == before[0]  # the copy takes its number ...
        assert [old for old, new in zip(before, after, strict=True) if old != new], (
            name
        )  # ... the rest move on


# --- options, templates, the validator -------------------------------------------------------------


def test_agency_template_keeps_its_own_lists_and_numbers_the_headings(tmp_path: Path) -> None:
    """An agency's template may carry lists of its own (the bundled one has python-docx's): they keep
    their ids, the plan's lists take fresh ones."""
    from generator.writers import docx_template as tpl

    template = tmp_path / "agency.docx"
    template.write_bytes(tpl.template_path().read_bytes())
    own = {n.get(f"{W}numId") for n in _xml(template.read_bytes(), "word/numbering.xml").iter(f"{W}num")}
    assert own  # the template's lists, to be kept
    document = load_document(EXAMPLES / "example.yaml")
    data = render(document, "docx", template=template)
    assert isinstance(data, bytes)
    nums = [n.get(f"{W}numId") for n in _xml(data, "word/numbering.xml").iter(f"{W}num")]
    assert len(nums) == len(set(nums)) and own <= set(nums)
    used = {
        p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        for p in heading_paragraphs(data)
        if p.find(f"{W}pPr/{W}numPr") is not None
    }
    assert used and not used & own
    assert imported_headings(data) == headings(document)


def test_cli_numbering_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    plan = EXAMPLES / "example.yaml"
    runner = CliRunner()
    typed = tmp_path / "typed.docx"
    assert runner.invoke(app, ["render", str(plan), "-o", str(typed), "--numbering", "text"]).exit_code == 0
    assert all(p.find(f"{W}pPr/{W}numPr") is None for p in heading_paragraphs(typed.read_bytes()))
    batch = tmp_path / "batch"
    assert (
        runner.invoke(
            app, ["render", str(plan), "-d", str(batch), "-f", "docx", "--numbering", "text"]
        ).exit_code
        == 0
    )
    assert all(
        p.find(f"{W}pPr/{W}numPr") is None for p in heading_paragraphs((batch / "example.docx").read_bytes())
    )
    listed = tmp_path / "listed.docx"
    assert runner.invoke(app, ["render", str(plan), "-o", str(listed)]).exit_code == 0
    assert any(p.find(f"{W}pPr/{W}numPr") is not None for p in heading_paragraphs(listed.read_bytes()))
    bad = runner.invoke(app, ["render", str(plan), "-o", str(tmp_path / "bad.docx"), "--numbering", "roman"])
    assert bad.exit_code == 2 and "--numbering" in bad.output
    assert not (tmp_path / "bad.docx").exists()


@pytest.mark.slow
def test_numbered_docx_passes_the_sdk_validator(ooxml_validator: str, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from conftest import validate_ooxml

    circled = load_document(EXAMPLES / "example.yaml")  # lists started past 1, labels typed past ⑳
    parent = next(n for n in circled.plan.nodes() if n.items)
    parent.child_numbering, parent.items = "circled", [Node(heading=f"工作{i}。") for i in range(23)]
    paths = []
    for i, document in enumerate([circled, *generated(2)]):
        for mode in ("word", "text"):
            path = tmp_path / f"plan{i}-{mode}.docx"
            path.write_bytes(render(document, "docx", numbering=mode))  # type: ignore[arg-type]
            paths.append(path)
    with ThreadPoolExecutor(max_workers=len(paths)) as pool:  # the validator takes one file a run
        reports = list(pool.map(lambda path: validate_ooxml(ooxml_validator, path), paths))
    assert {path.name: report for path, report in zip(paths, reports, strict=True) if report} == {}


# --- which list each heading goes into ---------------------------------------------------------------


def _lists_of(document: Document) -> list[tuple[str, int | None]]:
    view = build_view(document)
    lists = assign_lists(view.plan.outline, document.plan.numbering)
    return [
        (entry.label, lists.refs[entry.path].num_id if entry.path in lists.refs else None)
        for entry in walk(view.plan.outline)
    ]


def _plan(sections: list[Node], **numbering: object) -> Document:
    return Document(plan=Plan(title="t", year=2024, sections=sections, numbering=Numbering(**numbering)))


def test_a_restarting_plan_is_one_list_and_a_continuous_level_a_list_of_its_own() -> None:
    sections = [
        Node(heading="a", items=[Node(heading="x"), Node(heading="y")]),
        Node(heading="b", items=[Node(heading="z")]),
    ]
    assert _lists_of(_plan(sections)) == [
        ("一、", 1),
        ("（一）", 1),
        ("（二）", 1),
        ("二、", 1),
        ("（一）", 1),
    ]
    assert _lists_of(_plan(sections, continuous=[2])) == [
        ("一、", 1),
        ("（一）", 2),
        ("（二）", 2),
        ("二、", 1),
        ("（三）", 2),  # never restarted: no 一、 of its list comes between
    ]


def test_children_of_an_unnumbered_heading_start_a_list_and_the_count_resumes_after() -> None:
    sections = [
        Node(heading="a", items=[Node(heading="x")]),
        Node(heading="b", numbered=False, items=[Node(heading="y"), Node(heading="z")]),
        Node(heading="c", items=[Node(heading="w")]),
    ]
    assert _lists_of(_plan(sections)) == [
        ("一、", 1),
        ("（一）", 1),
        ("", None),
        ("（一）", 2),  # Word has no heading there to restart list 1's （二）
        ("（二）", 2),
        ("二、", 1),  # back in list 1: inserting a section before b still renumbers c
        ("（一）", 1),
    ]


def test_child_numbering_gets_its_own_list() -> None:
    sections = [
        Node(heading="a", items=[Node(heading="x")]),
        Node(heading="b", child_numbering="arabic", items=[Node(heading="y"), Node(heading="z")]),
        Node(heading="c", items=[Node(heading="w")]),
    ]
    assert _lists_of(_plan(sections)) == [
        ("一、", 1),
        ("（一）", 1),
        ("二、", 1),
        ("1.", 2),
        ("2.", 2),
        ("三、", 1),
        ("（一）", 1),
    ]
