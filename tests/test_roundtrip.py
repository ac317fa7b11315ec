"""Import inverts render: for every plan P, import(render(P, .txt)) and import(render(P, .docx))
(and .md) equal P as models — compared on what a printed document carries.

Left out of the comparison because print cannot carry them: node ids and status, ``sealed`` (a
layout choice), the 文号's place in a notice whose 版头 prints it anyway, and the numbering
*settings* — what must match is the labels they produce, so a scheme for a level no node uses,
or a continuous flag that changes no number, does not count. Task fields (牵头单位, 责任单位,
完成时限, 指标) print as one line after their node and read back exactly.
A title or 附件说明 left at its default compares equal to the same text written out.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import EXTERNAL, SEEDS, plan_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.dump import dump_document
from generator.load import load_document, load_text
from generator.model import Appendix, DocNumber, Document, Node, Notice, Numbering, Plan, Table, TaskTable
from generator.model_tools import to_data
from generator.numbering import number_plan, walk
from generator.readers import import_file, import_text
from generator.render import render
from generator.view import annex_labels, attachment_names, build_view, notice_title

TASK_FIELDS = {"id", "status"}


def printable(document: Document) -> dict[str, Any]:
    """The model as print carries it (see the module docstring for what is left out)."""
    data = to_data(document, json=True)
    notice, plan = data["notice"], data["plan"]
    if notice is not None:
        notice["title"] = notice_title(document)
        notice["attachments"] = attachment_names(document)
        del notice["sealed"]
        if not notice["issuers"]:
            del notice["issuer_suffix"]
        if notice["issuers"] or not notice["doc_number"] or not notice["title"]:
            # a 版头 prints the 文号 (GB/T 9704) wherever it is asked for; no 文号 or no title, no place
            notice["doc_number_place"] = "header"
    plan["labels"] = [entry.label for entry in walk(number_plan(document.plan))]
    del plan["numbering"]
    # 附件 labels as printed (a label equal to the computed one may be given or not)
    data["annex_labels"] = annex_labels(document)
    if plan["task_table"] is not None:  # the 分工表 as printed: settings that print alike are alike
        table = build_view(document).plan.task_table
        assert table is not None
        rows = [[group.heading, *(row.line(table.columns) for row in group.rows)] for group in table.groups]
        plan["task_table"] = {"title": table.title, "columns": table.columns, "rows": rows}
    del plan["attachment_label"]
    for appendix in data["appendices"]:
        del appendix["label"]

    def strip(node: dict[str, Any]) -> None:
        for key in TASK_FIELDS:
            node.pop(key, None)
        for child in node["items"]:
            strip(child)

    for section in plan["sections"]:
        strip(section)
    return data


def _docx_import(document: Document, folder: Path) -> Document:
    path = folder / "plan.docx"
    path.write_bytes(render(document, "docx"))  # type: ignore[arg-type]
    return import_file(path).document


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_plan_round_trips_through_txt(path: Path) -> None:
    document = load_document(path)
    imported = import_text(str(render(document, "txt"))).document
    assert printable(imported) == printable(document)


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_plan_round_trips_through_docx(path: Path, tmp_path: Path) -> None:
    document = load_document(path)
    assert printable(_docx_import(document, tmp_path)) == printable(document)


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_plan_round_trips_through_md(path: Path, tmp_path: Path) -> None:
    """Markdown too: its escapes (2\\.) are undone, its marks dropped."""
    document = load_document(path)
    out = tmp_path / "plan.md"
    out.write_text(str(render(document, "md")), encoding="utf-8")
    assert printable(import_file(out).document) == printable(document)


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_dumped_yaml_loads_back_equal(path: Path, tmp_path: Path) -> None:
    """The YAML `import` writes is read by the loader to the very same model."""
    document = load_document(path)
    out = tmp_path / "plan.yaml"
    text = dump_document(document, for_file=out, comments=["round trip"])
    assert load_text(text, str(out)) == document


@pytest.mark.parametrize(
    "path",
    sorted(SEEDS.glob("*.txt"))
    + sorted(EXTERNAL.glob("*.txt"))
    + sorted((SEEDS.parent / "real").glob("*.txt"))
    + sorted((SEEDS.parent / "real").glob("*.docx")),
    ids=lambda p: p.name[:24],
)
def test_imported_yaml_loads_back_equal(path: Path, tmp_path: Path) -> None:
    """What `import` writes for each corpus document is a valid plan file of the same model."""
    document = import_file(path).document
    out = tmp_path / "plan.yaml"
    assert load_text(dump_document(document, for_file=out), str(out)) == document


def test_plans_exist() -> None:
    assert len(plan_files()) >= 5


# --- generated plans ---------------------------------------------------------------------------

# Chinese-like text from a small alphabet (no numerals, no 是: those would read as labels or
# as 一是…二是… markers), with the punctuation plans use inside sentences.
WORDS = st.text(
    alphabet="工作推进落实加强建设管理服务体系健全完善制度能力水平质量安全医疗卫生", min_size=2, max_size=8
)
INNER = st.sampled_from(["，", "、", "", "“", "”"])


@st.composite
def sentence(draw: st.DrawFn, max_len: int = 200) -> str:
    parts = draw(st.lists(st.tuples(WORDS, INNER), min_size=1, max_size=6))
    text = "".join(w + p for w, p in parts).rstrip("，、“”") or "工作"
    return text[: max_len - 1] + "。"


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


@st.composite
def long_paragraph(draw: st.DrawFn) -> str:
    """Over 30 characters: what reads as a paragraph rather than a heading."""
    text = draw(paragraph())
    return (
        text if len(text) > 30 else "加强组织领导，细化工作措施，压实各方责任，确保各项任务按期完成。" + text
    )


SECTION_HEADING = st.builds(lambda a, b: a + b, WORDS, WORDS)  # no punctuation: stands alone


@st.composite
def table(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(WORDS, min_size=width, max_size=width), min_size=1, max_size=3))
    return Table(title=draw(st.one_of(st.none(), WORDS)), rows=rows)


@st.composite
def node(draw: st.DrawFn, level: int, depth: int, tables: bool = False) -> Node:
    heading = draw(SECTION_HEADING) if level == 1 else draw(sentence(max_len=30))
    points: list[str] = []
    if draw(st.booleans()) and level > 1:
        points = draw(st.lists(sentence(max_len=30), min_size=2, max_size=4))
    text = draw(st.lists(paragraph() if level > 1 else long_paragraph(), max_size=2))
    items: list[Node] = []
    if level < depth:
        items = draw(st.lists(node(level + 1, depth, tables), max_size=3))
    found = draw(st.lists(table(), max_size=1)) if tables and (level > 1 or text) else []
    made = Node(heading=heading, points=points, text=text, items=items, tables=found)
    if draw(st.integers(0, 3)) == 0:  # task fields, printed on a line of their own after the node
        made.lead = draw(st.sampled_from(["市卫生健康委", "医政医管处"]))
        made.owners = draw(st.lists(st.sampled_from(["各区卫生健康局", "市医保局", "市财政局"]), unique=True))
        made.deadline = draw(st.sampled_from([None, "2025年底前", "长期坚持"]))
        made.targets = draw(st.lists(st.sampled_from(["覆盖率达到90%", "全部完成"]), max_size=1))
    return made


SCHEMES = st.sampled_from(
    [
        ["chinese", "chinese_paren", "arabic", "arabic_paren", "circled"],
        ["chinese", "arabic"],
        ["chinese", "chinese_paren", "arabic_comma"],
        ["chinese", "arabic_paren", "circled"],
    ]
)


@st.composite
def plans(draw: st.DrawFn, tables: bool = False) -> Document:
    """Plans as an author writes them; ``tables`` only for Word (text prints a table as lines)."""
    year = draw(st.integers(2015, 2030))
    title = f"{year}年{draw(WORDS)}工作要点"
    levels = list(draw(SCHEMES))  # a list of its own: the model keeps what it is given, and tests edit it
    depth = draw(st.integers(1, len(levels)))
    sections = draw(st.lists(node(1, depth, tables), min_size=1, max_size=4))
    for section in sections[1:]:
        # a heading without a number, where the source shows it: before items or a paragraph
        if draw(st.integers(0, 5)) == 0 and (section.items or (section.text and not section.points)):
            section.numbered = False
    continuous = draw(st.lists(st.integers(2, max(2, depth)), max_size=2, unique=True)) if depth > 1 else []
    if draw(st.integers(0, 3)) == 0:
        _number_one_list_otherwise(draw, sections, Numbering(levels=levels, continuous=continuous))
    issuers = draw(
        st.lists(st.sampled_from(["云溪市卫生健康委员会", "云溪市医疗保障局"]), max_size=2, unique=True)
    )
    notice = Notice(
        issuers=issuers,
        doc_number=DocNumber(prefix="云卫医", year=2025, serial=12) if draw(st.booleans()) else None,
        recipients=["各县（区）卫生健康局", "市直各医疗卫生单位"],
        body=[f"现将《{title}》印发给你们，请结合实际，认真抓好落实。"],
        signatories=list(issuers) or ["云溪市卫生健康委员会"],
        date=dt.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28))),
        note=draw(st.sampled_from([None, "此件公开发布"])),
        cc=list(draw(st.sampled_from([[], ["云溪市人民政府办公室", "省卫生健康委员会"]]))),
    )
    # a 文号 under the title, as a page without 版头 prints it (with a 版头 it prints there)
    notice.doc_number_place = draw(st.sampled_from(["header", "under_title", "under_title_bracketed"]))
    if issuers and draw(st.booleans()):  # the 版头 of a classified, urgent 上行文
        notice.copy_number, notice.classification, notice.secrecy_period = "000123", "秘密", "1年"
        notice.urgency, notice.signers = "加急", ["张明远", "李华"]
    if draw(st.booleans()):
        # a title with a forced break, one of its own, or none printed ('')
        notice.title = draw(
            st.sampled_from([f"关于印发《{title}》的\n通知", f"关于做好{year}年工作的通知", ""])
        )
    if draw(st.booleans()):
        notice.attachments = list(
            draw(st.sampled_from([[], [title, "重点任务清单"], ["重点任务清单", title]]))
        )
    if draw(st.booleans()):  # 印发机关 and 印发日期 stand together on one line (GB/T 9704 §8.3)
        notice.printer, notice.print_date = "云溪市卫生健康委员会办公室", notice.date
    preamble = draw(st.lists(long_paragraph(), max_size=2))
    plan = Plan(
        title=title,
        year=year,
        preamble=preamble,
        sections=sections,
        numbering=Numbering(levels=levels, continuous=continuous),
    )
    kind = draw(st.sampled_from(["notice+plan", "notice+plan", "plan", "notice"]))
    appendices = draw(st.lists(appendix(tables), max_size=2)) if kind != "notice" else []
    plan.task_table = draw(st.one_of(st.none(), task_table(title)))
    if kind == "plan":  # a bare plan, perhaps headed by the label it had as an attachment
        plan.attachment_label = draw(st.sampled_from([None, "附件2"]))
        return Document(notice=None, plan=plan, appendices=appendices)
    if kind == "notice" and levels[0] == "chinese" and sections[0].numbered:
        # a notice that issues no plan: its own 正文 is the numbered text
        notice.title = plan.title = f"关于做好{year}年工作的通知"
        notice.attachments, plan.preamble, plan.in_notice = None, [], True
        plan.task_table = None
    return Document(notice=notice, plan=plan, appendices=appendices)


def _number_one_list_otherwise(draw: st.DrawFn, sections: list[Node], settings: Numbering) -> None:
    """One list numbered otherwise than its level (1. under one （二） where the others have （1）):
    ``child_numbering``, in a form the printed text leaves no doubt about — a scheme no level above
    or below it uses, at least two other lists of that level in the level's own scheme (so the
    level's scheme is the one most of its lists print), and a level that restarts under each
    parent (a list in its own scheme that goes on counting from the list before is no one's)."""
    by_level: dict[int, list[Node]] = {}

    def visit(nodes: list[Node], level: int) -> None:
        for node in nodes:
            if node.items and node.numbered:
                by_level.setdefault(level, []).append(node)
            visit(node.items, level + 1)

    visit(sections, 1)
    choices = [
        (level, node)
        for level, nodes in by_level.items()
        if len(nodes) >= 3 and level + 1 not in settings.continuous
        for node in nodes
    ]
    if not choices:
        return
    _level, node = draw(st.sampled_from(choices))
    depth = max(lv for lv in by_level) + 1
    used = {settings.scheme(lv) for lv in range(1, depth + 1)}
    schemes = ("arabic", "arabic_paren", "arabic_comma", "circled", "chinese_paren")
    free = [s for s in schemes if s not in used]
    if free:
        node.child_numbering = draw(st.sampled_from(free))


EXAMPLES = int(os.environ.get("RT_EXAMPLES", "200"))  # more for a long local run
TASK_COLUMNS = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限", "工作目标"]


@st.composite
def task_table(draw: st.DrawFn, plan_title: str) -> TaskTable:
    """The 重点任务分工表 as an author asks for it: the title (default, short, or long enough to
    wrap), columns in any order, the levels its rows are and whether they print the nodes' text;
    its rows come from the plan."""
    title = draw(st.sampled_from([None, "重点任务清单", f"{plan_title[:-2]}重点任务分工及进度安排表"]))
    # 序号 and 重点任务 in every table (a row is known by them), the others in any order
    others = draw(st.lists(st.sampled_from(TASK_COLUMNS[2:]), max_size=4, unique=True))
    columns = draw(st.permutations(["序号", "重点任务", *others]))
    levels = draw(st.one_of(st.none(), st.lists(st.integers(1, 3), min_size=1, max_size=2, unique=True)))
    return TaskTable(title=title, columns=columns, levels=levels, text=draw(st.booleans()))


@st.composite
def appendix(draw: st.DrawFn, tables: bool = False) -> Appendix:
    """A further attachment: a form or list with its title, paragraphs and (Word) tables."""
    title = draw(WORDS) + draw(st.sampled_from(["任务分工表", "名单", "调查表"]))
    text = draw(st.lists(paragraph(), min_size=1, max_size=3))
    drawn = draw(st.lists(table(), max_size=1)) if tables else []
    notes = draw(st.lists(paragraph(), max_size=1)) if drawn else []  # a 备注 after the table
    return Appendix(title=title, text=text, tables=drawn, notes=notes)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip_through_txt(document: Document) -> None:
    imported = import_text(str(render(document, "txt"))).document
    assert printable(imported) == printable(document)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip_through_md(document: Document) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plan.md"
        out.write_text(str(render(document, "md")), encoding="utf-8")
        assert _one_line_title(printable(import_file(out).document)) == _one_line_title(printable(document))


def _one_line_title(data: dict[str, Any]) -> dict[str, Any]:
    """Markdown prints the notice's title as one "#" heading: its forced breaks are not kept."""
    if data["notice"] is not None:
        data["notice"]["title"] = data["notice"]["title"].replace("\n", "")
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(tables=True))
def test_generated_plans_round_trip_through_docx(document: Document) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        assert printable(_docx_import(document, Path(folder))) == printable(document)
