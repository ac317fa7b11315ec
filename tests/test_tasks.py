"""The 重点任务分工表 (``plan.task_table``) in every format, its lint rules, and the 督办台账 ledger
(``workplan tasks``): written, read back, and its statuses written into the plan YAML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from conftest import EXAMPLES, plan_files, validate_ooxml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.check.lint import lint_document
from generator.cli import app
from generator.diff import diff_documents
from generator.dump import dump_document
from generator.load import load_document, load_text
from generator.model import Document, TaskTable
from generator.model_tools import replace
from generator.numbering import number_plan
from generator.render import render, render_to_file
from generator.tasks.deadlines import parse_deadline
from generator.tasks.ledger import HEADERS, STATUS_LABELS, ledger_bytes, ledger_rows, read_ledger
from generator.tasks.table import task_entries
from generator.view import annexes, build_view

EXAMPLE = EXAMPLES / "example.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The example's 分工表, written by reading examples/example.yaml: the nodes with task fields are
# quality-core （一）, quality-drugs （二） and services-payment （四） (（三） and its children carry
# none; （三）（四） are numbered straight through the sections, numbering.continuous: [2]).
EXAMPLE_COLUMNS = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限", "工作目标"]
EXAMPLE_GROUPS = [
    (
        "一、提升医疗质量安全水平",
        [
            [
                "1",
                "一、（一）落实医疗质量安全核心制度",
                "市卫生健康委员会医政医管科",
                "各县（区）卫生健康局、市直各医院",
                "2025年6月底前",
                "核心制度督查覆盖率100%；二级以上医院院内质控体系建成率100%",
            ],
            ["2", "一、（二）加强合理用药管理", "市卫生健康委员会药政科", "", "2025年底前", ""],
        ],
    ),
    (
        "二、改善群众就医体验",
        [["3", "二、（四）推行医保移动支付", "云溪市医疗保障局", "", "2025年9月底前", ""]],
    ),
]
EXAMPLE_ROWS = [row for _, rows in EXAMPLE_GROUPS for row in rows]


def run(*args: str) -> object:
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="workplan")


def example(**task_table: object) -> Document:
    document = load_document(EXAMPLE)
    if task_table:
        document.plan.task_table = TaskTable(**task_table)  # type: ignore[arg-type]
    return document


# ---------------------------------------------------------------- the rows


def test_the_examples_rows_are_its_nodes_with_task_fields() -> None:
    table = build_view(example()).plan.task_table
    assert table is not None
    assert table.label == "附件2" and table.title == "2025年云溪市医疗服务提升工作重点任务分工表"
    assert table.columns == EXAMPLE_COLUMNS and table.landscape
    assert [
        (g.heading, [[r.cells[c] for c in table.columns] for r in g.rows]) for g in table.groups
    ] == EXAMPLE_GROUPS
    assert [row.node.id for row in table.rows] == ["quality-core", "quality-drugs", "services-payment"]


def test_levels_choose_the_rows_and_text_joins_the_task() -> None:
    table = build_view(example(levels=[3], text=True, columns=["重点任务", "完成时限"])).plan.task_table
    assert table is not None and not table.landscape
    # level 3 of the example: 1. and 2. under （三）
    assert [r.cells["重点任务"] for r in table.rows] == [
        "二、（三）1.拓展线上预约渠道。统一接入市级预约平台。",
        "二、（三）2.优化现场预约服务。保留人工窗口，方便老年人就医。",
    ]
    assert [g.heading for g in table.groups] == ["二、改善群众就医体验"]
    with_points = build_view(example(text=True)).plan.task_table
    assert with_points is not None  # （二） prints its heading, its points inline, then its paragraphs
    assert (
        with_points.rows[1]
        .cells["重点任务"]
        .startswith(
            "一、（二）加强合理用药管理。一是开展抗菌药物临床应用专项点评。二是推进处方前置审核系统建设。"
            "全年门诊处方点评率不低于10%。在甪直路社区卫生服务中心"
        )
    )


def test_a_plan_without_task_fields_lists_its_items() -> None:
    for path in plan_files():
        document = load_document(path)
        if any(n.lead or n.owners or n.deadline or n.targets for n in document.plan.nodes()):
            continue
        entries = task_entries(document.plan, number_plan(document.plan))
        level_two = [n for s in document.plan.sections for n in s.items]
        assert [e.node for e, _ in entries] == (level_two or document.plan.sections), path.name


def test_attachments_are_numbered_in_one_place() -> None:
    document = example()
    document.notice.attachments = None  # the default 附件说明: the plan, then the 分工表
    printed = annexes(document)
    assert [(a.kind, a.label) for a in printed] == [("plan", "附件1"), ("task_table", "附件2")]
    view = build_view(document)
    assert view.notice.attachments == [
        "附件：1.2025年云溪市医疗服务提升工作要点",
        "2.2025年云溪市医疗服务提升工作重点任务分工表",
    ]
    document.plan.task_table = None
    assert [(a.kind, a.label) for a in annexes(document)] == [("plan", "附件")]


# ---------------------------------------------------------------- .docx


def _text(element: object) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))  # type: ignore[attr-defined]


def _table_after(body: object, text: str) -> object:
    tables = [t for t in body.iter(f"{W}tbl") if text in _text(t)]
    assert len(tables) == 1
    return tables[0]


def _rows(tbl: object) -> list[list[str]]:
    return [[_text(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]


def test_docx_table_header_repeats_rows_do_not_split_and_the_section_is_landscape(
    tmp_path: Path, ooxml_validator: str
) -> None:
    path = tmp_path / "example.docx"
    path.write_bytes(render(example(), "docx"))  # type: ignore[arg-type]
    word = docx.Document(str(path))
    body = word.element.body
    tbl = _table_after(body, "重点任务")
    rows = _rows(tbl)
    expected = [EXAMPLE_COLUMNS]
    for heading, group in EXAMPLE_GROUPS:
        expected += [[heading], *group]
    assert rows == expected
    trs = tbl.findall(f"{W}tr")
    assert trs[0].find(f"{W}trPr/{W}tblHeader") is not None  # the header repeats on every page
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in trs[1:])
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)  # no row split by a page
    spans = [tr.find(f"{W}tc/{W}tcPr/{W}gridSpan") for tr in trs]
    assert [int(s.get(f"{W}val")) for s in spans if s is not None] == [6, 6]  # the section rows
    widths = [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")]
    assert sum(widths) == 16838 - 2098 - 1984  # the turned 版心: 225 mm across
    # sections: notice + plan portrait, the table landscape, the 版记 portrait again
    sections = word.sections
    assert [s.page_width > s.page_height for s in sections] == [False, True, False]
    blocks = list(body.iterchildren())
    breaks = [i for i, el in enumerate(blocks) if el.find(f"{W}pPr/{W}sectPr") is not None]
    assert breaks[0] < blocks.index(tbl) < breaks[1]  # the table is inside the landscape section
    assert [round(m / 36000) for m in (sections[1].top_margin, sections[1].left_margin)] == [28, 35]
    # the landscape pages have their own footers (the turned page number); the 版记 section the
    # portrait ones, not the landscape ones it would inherit
    refs = [[r.get(qn_r("id")) for r in s._sectPr.findall(f"{W}footerReference")] for s in sections]
    assert refs[0] == refs[2] and not set(refs[0]) & set(refs[1])
    styles = word.styles
    head, text = styles["WP Task Head"], styles["WP Task Text"]
    assert head.font.size.pt == 14 and text.font.size.pt == 14  # 4号
    assert head.base_style.name == "WP Font Hei"
    assert validate_ooxml(ooxml_validator, path) == []


def qn_r(name: str) -> str:
    return "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}" + name


def test_docx_narrow_table_stays_portrait_and_a_last_landscape_section_ends_the_file(
    tmp_path: Path, ooxml_validator: str
) -> None:
    narrow = example(columns=["序号", "重点任务", "牵头单位", "完成时限"])
    path = tmp_path / "narrow.docx"
    path.write_bytes(render(narrow, "docx"))  # type: ignore[arg-type]
    word = docx.Document(str(path))
    assert len(word.sections) == 1
    tbl = _table_after(word.element.body, "重点任务")
    assert sum(int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")) == 11906 - 1587 - 1474  # 156 mm
    assert validate_ooxml(ooxml_validator, path) == []
    # no 版记: nothing follows the landscape table, so no portrait page after it
    bare = example()
    bare.notice.cc, bare.notice.printer, bare.notice.print_date = [], None, None
    path = tmp_path / "bare.docx"
    path.write_bytes(render(bare, "docx"))  # type: ignore[arg-type]
    word = docx.Document(str(path))
    assert [s.page_width > s.page_height for s in word.sections] == [False, True]
    assert validate_ooxml(ooxml_validator, path) == []


def _check(tmp_path: Path, document: Document, name: str) -> tuple[dict, list[tuple[float, float]]]:
    import pdfplumber

    pdf = tmp_path / f"{name}.pdf"
    render_to_file(document, pdf)
    result = run("check", pdf, "--json")
    report = json.loads(result.stdout)  # type: ignore[attr-defined]
    with pdfplumber.open(pdf) as opened:
        sizes = [(float(p.width), float(p.height)) for p in opened.pages]
    return report, sizes


@pytest.mark.slow
def test_pdf_with_the_table_passes_check_on_odd_and_even_pages(tmp_path: Path, soffice: str) -> None:
    """The landscape page's number stands where the portrait ones do once the sheet is turned:
    odd right, even left, 7 mm under the 版心 (checked by `workplan check`, which reads a
    landscape page as bound). The example's table falls on page 5; with one section less, on 4."""
    del soffice
    report, sizes = _check(tmp_path, example(), "odd")
    assert report["passed"], report
    landscape = [i + 1 for i, (w, h) in enumerate(sizes) if w > h]
    assert landscape == [5]
    short = example()
    short.plan.sections = short.plan.sections[:1]
    report, sizes = _check(tmp_path, short, "even")
    assert report["passed"], report
    assert [i + 1 for i, (w, h) in enumerate(sizes) if w > h] == [4]
    page_rule = next(r for r in report["rules"] if r["rule"] == "页码")
    # duplex: the 版记 would fall on odd page 5, so a blank page 5 goes before it and neither is
    # numbered (§7.4, §7.5); the landscape page 4 is numbered
    assert page_rule["measured"].startswith("all pages but the blank page and the 版记 page [5, 6]")


# ---------------------------------------------------------------- txt, md, html


def test_txt_md_and_html_print_the_same_table() -> None:
    document = example()
    txt = str(render(document, "txt"))
    lines = txt.split("\n")
    start = lines.index("\t".join(EXAMPLE_COLUMNS))
    expected_lines = []
    for heading, group in EXAMPLE_GROUPS:
        expected_lines += [heading] + ["\t".join(row) for row in group]
    assert lines[start + 1 : start + 1 + len(expected_lines)] == expected_lines
    assert lines[start - 3 : start - 1] == ["附件2", "2025年云溪市医疗服务提升工作重点任务分工表"]

    md = str(render(document, "md"))
    pipe = [line for line in md.split("\n") if line.startswith("| ")]
    cells = [[c.strip() for c in line.strip("|").split(" |")] for line in pipe]
    table = cells[cells.index(EXAMPLE_COLUMNS) :]
    assert table[1] == ["---"] * 6
    expected_md = []
    for heading, group in EXAMPLE_GROUPS:
        expected_md += [[f"**{heading}**"] + [""] * 5, *group]
    assert table[2:] == expected_md

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.inside = False
            self.spans: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "table" and ("class", "task-table") in attrs:
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.rows[-1].append("")
                self.spans.extend(v or "" for k, v in attrs if k == "colspan")

        def handle_endtag(self, tag: str) -> None:
            if tag == "table":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside and self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    parser = Cells()
    parser.feed(str(render(document, "html")))
    expected_html = [EXAMPLE_COLUMNS]
    for heading, group in EXAMPLE_GROUPS:
        expected_html += [[heading], *group]
    assert [[c.strip() for c in r] for r in parser.rows] == expected_html and parser.spans == ["6", "6"]
    assert "<thead>" in str(render(document, "html"))  # repeated on every printed page (CSS)


# ---------------------------------------------------------------- the model's file


def test_task_table_true_and_its_mapping_dump_and_load_back() -> None:
    for settings in ({}, {"title": "某表", "columns": ["序号", "重点任务"], "levels": [2], "text": True}):
        document = example(**settings) if settings else example()
        if not settings:
            document.plan.task_table = TaskTable()
        text = dump_document(document)
        if not settings:
            assert re.search(r"\n  task_table: true(  #.*)?\n", text)
        assert load_text(text).plan.task_table == document.plan.task_table
    assert load_text("plan: {title: 2025年某工作要点, year: 2025, task_table: false}").plan.task_table is None


def test_a_bad_task_table_is_an_error_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan:\n  title: 2025年某工作要点\n  year: 2025\n  task_table:\n    columns: [序号, 负责人]\n"
    )
    result = run("validate", bad)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert f"{bad}:5:" in result.output and "Traceback" not in result.output  # type: ignore[attr-defined]


# ---------------------------------------------------------------- lint


LINT_PLAN = """\
notice:
  recipients: [各科室]
plan:
  title: 2025年某市卫生健康工作要点
  year: 2025
  task_table: true
  sections:
    - heading: 甲
      items:
        - heading: 任务一。
          lead: 医政科
          owners: [医政科, 药政科]
          deadline: 2024年底前
        - heading: 任务二。
          owners: [药政科]
        - heading: 任务三。
          lead: 药政科
          deadline: 长期坚持
"""


def test_validate_warns_about_the_tables_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(LINT_PLAN, encoding="utf-8")
    warnings = lint_document(load_document(path), path)
    found = [(w.line, re.search(r"\[(.+)\]$", w.message).group(1)) for w in warnings]  # type: ignore[union-attr]
    assert found == [(12, "task-owners"), (13, "task-deadline"), (14, "task-fields")]
    assert "no 牵头单位 or 完成时限" in warnings[2].message
    off = LINT_PLAN.replace("  task_table: true\n", "")
    path.write_text(off, encoding="utf-8")
    assert lint_document(load_document(path), path) == []  # the rules are the table's
    listed = LINT_PLAN.replace(
        "  recipients: [各科室]\n", "  recipients: [各科室]\n  attachments: [2025年某市卫生健康工作要点]\n"
    )
    path.write_text(listed, encoding="utf-8")
    assert any(
        "分工表" in w.message and "[attachments]" in w.message
        for w in lint_document(load_document(path), path)
    )


def test_the_examples_validate_cleanly() -> None:
    assert lint_document(load_document(EXAMPLE), EXAMPLE) == []


# ---------------------------------------------------------------- 完成时限 → dates


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2027年9月底前", dt.date(2027, 9, 30)),
        ("2027年底前", dt.date(2027, 12, 31)),
        ("年内", dt.date(2025, 12, 31)),
        ("全年", dt.date(2025, 12, 31)),
        ("长期坚持", None),
        ("持续推进", None),
        ("", None),
        ("6月底前", dt.date(2025, 6, 30)),
        ("2025年12月15日前", dt.date(2025, 12, 15)),
        ("2025年6月前", dt.date(2025, 5, 31)),
        ("2025年上半年", dt.date(2025, 6, 30)),
        ("第三季度", dt.date(2025, 9, 30)),
        ("2026年3月—6月", dt.date(2026, 6, 30)),
        ("2025年2月30日前", None),
    ],
)
def test_deadlines_parse_to_their_dates(text: str, due: dt.date | None) -> None:
    assert parse_deadline(text, 2025) == due


@given(st.integers(1949, 9998), st.integers(1, 12), st.integers(1949, 9998))
def test_month_end_deadlines_are_the_last_day_of_that_month(year: int, month: int, plan_year: int) -> None:
    due = parse_deadline(f"{year}年{month}月底前", plan_year)
    assert due is not None and (due.year, due.month) == (year, month)
    assert (due + dt.timedelta(days=1)).day == 1  # the month's last day
    without_year = parse_deadline(f"{month}月底前", plan_year)  # in the plan year
    assert without_year is not None and (without_year.year, without_year.month) == (plan_year, month)
    assert parse_deadline(f"{year}年底前", plan_year) == dt.date(year, 12, 31)


# ---------------------------------------------------------------- the ledger


def _expected_ledger(document: Document) -> list[list[object]]:
    return [[getattr(row, key) for key in HEADERS] for row in ledger_rows(document)]


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_ledger_reads_back_the_same_rows_in_every_format(path: Path, tmp_path: Path) -> None:
    document = load_document(path)
    rows = ledger_rows(document)
    assert rows  # a plan without task fields lists its items
    for fmt in ("xlsx", "csv", "json"):
        out = tmp_path / f"tasks.{fmt}"
        result = run("tasks", path, "-o", out)
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        assert [r.row for r in read_ledger(out)] == rows
    # and as the office's own programs read them
    book = openpyxl.load_workbook(tmp_path / "tasks.xlsx")
    sheet = book.active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == list(HEADERS.values())
    for row, cells in zip(rows, values[1:], strict=True):
        assert cells[0] == (row.id or None) and cells[1] == row.path and cells[2] == row.heading
        assert cells[6] == (dt.datetime.combine(row.due, dt.time()) if row.due else None)  # a real date
        assert cells[8] == (STATUS_LABELS[row.status] if row.status else None)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:K{len(rows) + 1}"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "I2" in str(validation.sqref)
    assert validation.formula1 == '"推进中,已完成,已取消"'
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width  # widths follow text
    raw = (tmp_path / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == list(HEADERS.values()) and len(table) == len(rows) + 1
    assert [r[1] for r in table[1:]] == [r.path for r in rows]
    data = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert [t["path"] for t in data["tasks"]] == [r.path for r in rows]
    assert data["title"] == document.plan.title


def test_the_examples_ledger_rows() -> None:
    rows = ledger_rows(load_document(EXAMPLE))
    assert [(r.id, r.path, r.heading, r.lead, r.deadline, r.due, r.status) for r in rows] == [
        (
            "quality-core",
            "一、（一）",
            "落实医疗质量安全核心制度",
            "市卫生健康委员会医政医管科",
            "2025年6月底前",
            dt.date(2025, 6, 30),
            "ongoing",
        ),
        (
            "quality-drugs",
            "一、（二）",
            "加强合理用药管理",
            "市卫生健康委员会药政科",
            "2025年底前",
            dt.date(2025, 12, 31),
            "ongoing",
        ),
        (
            "services-payment",
            "二、（四）",
            "推行医保移动支付",
            "云溪市医疗保障局",
            "2025年9月底前",
            dt.date(2025, 9, 30),
            "done",
        ),
    ]
    assert rows[0].owners == "各县（区）卫生健康局、市直各医院" and rows[0].progress == rows[0].result == ""


def test_an_existing_ledger_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "tasks.csv"
    out.write_text("mine", encoding="utf-8")
    result = run("tasks", EXAMPLE, "-o", out)
    assert result.exit_code == 2 and "--force" in result.output  # type: ignore[attr-defined]
    assert out.read_text(encoding="utf-8") == "mine"
    assert run("tasks", EXAMPLE, "-o", out, "--force").exit_code == 0  # type: ignore[attr-defined]
    assert run("tasks", EXAMPLE, "-o", tmp_path / "tasks.txt").exit_code == 2  # type: ignore[attr-defined]


# ---------------------------------------------------------------- --update


def _changed_lines(before: bytes, after: bytes) -> list[tuple[int, bytes, bytes]]:
    a, b = before.split(b"\n"), after.split(b"\n")
    assert len(a) == len(b)
    return [(i + 1, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def test_update_from_xlsx_changes_only_that_status_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, plan)
    before = plan.read_bytes()
    ledger = tmp_path / "tasks.xlsx"
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(ledger)
    sheet = book.active
    sheet["I3"] = "已完成"  # quality-drugs
    sheet["J3"] = "处方前置审核系统已上线"  # progress notes stay in the ledger
    book.save(ledger)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    after = plan.read_bytes()
    (change,) = _changed_lines(before, after)
    assert change[1:] == (b"          status: ongoing", b"          status: done")
    assert (
        f"{plan}:{change[0]}: 一、（二）加强合理用药管理: 推进中 (ongoing) → 已完成 (done)" in result.output
    )  # type: ignore[attr-defined]
    assert load_document(plan).plan.sections[0].items[1].status == "done"
    again = run("tasks", plan, "--update", ledger)
    assert "no status changed" in again.output and plan.read_bytes() == after  # type: ignore[attr-defined]


def test_update_inserts_a_status_where_a_node_has_none_keeping_comments(tmp_path: Path) -> None:
    source = next(p for p in plan_files() if p.name == "wuzhong-2019.yaml")
    plan = tmp_path / "plan.yaml"
    shutil.copy(source, plan)
    before = plan.read_text(encoding="utf-8")
    ledger = tmp_path / "tasks.csv"
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    table = list(csv.reader(io.StringIO(ledger.read_text(encoding="utf-8-sig"))))
    table[2][8] = "已取消"  # the second task, no id: matched by its label path and heading
    with ledger.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    after = plan.read_text(encoding="utf-8")
    a, b = before.split("\n"), after.split("\n")
    assert len(b) == len(a) + 1
    inserted = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
    assert b[inserted].strip() == "status: dropped"
    assert b[:inserted] + b[inserted + 1 :] == a  # every other byte, comments included, kept
    document = load_document(plan)
    second = ledger_rows(document)[1]
    assert second.status == "dropped" and second.path == table[2][1]


def test_update_refuses_rows_of_tasks_that_are_gone(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, plan)
    before = plan.read_bytes()
    rows = json.loads(ledger_bytes(ledger_rows(load_document(plan)), "json"))
    rows["tasks"][0]["status"] = "done"
    rows["tasks"][2]["id"] = "no-such-task"
    ledger = tmp_path / "tasks.json"
    ledger.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2 and "Traceback" not in result.output  # type: ignore[attr-defined]
    assert f"{ledger}:3:1: error: row 3: no task with id 'no-such-task'" in result.output  # type: ignore[attr-defined]
    assert plan.read_bytes() == before  # nothing written
    # a row matched by its label path whose heading changed names another task now
    rows["tasks"][2]["id"] = ""
    rows["tasks"][2]["heading"] = "推行医保电子凭证"
    ledger.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2 and "row 3: 二、（四） is now “推行医保移动支付”" in result.output  # type: ignore[attr-defined]
    rows["tasks"][2]["heading"] = "推行医保移动支付"
    rows["tasks"][2]["status"] = "完成了"
    ledger.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2 and "row 3: status '完成了' is not a status" in result.output  # type: ignore[attr-defined]
    assert plan.read_bytes() == before


def test_update_from_a_csv_excel_saved_in_gbk(tmp_path: Path) -> None:
    """Excel on a Chinese Windows saves an edited .csv (“CSV (逗号分隔)”) in GBK, without the BOM
    `workplan tasks` wrote: its statuses are read all the same."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, plan)
    ledger = tmp_path / "tasks.csv"
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    table = list(csv.reader(io.StringIO(ledger.read_text(encoding="utf-8-sig"))))
    assert table[2][1] == "一、（二）" and table[2][8] == "推进中"
    table[2][8] = "已完成"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    ledger.write_bytes(out.getvalue().encode("gbk"))
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "一、（二）加强合理用药管理: 推进中 (ongoing) → 已完成 (done)" in result.output  # type: ignore[attr-defined]
    assert load_document(plan).plan.sections[0].items[1].status == "done"


@pytest.mark.parametrize(
    ("name", "content", "place", "words"),
    [
        (
            "tasks.json",
            b'{"title": "x", "tasks": [\n  {"id": 1,\n',
            "3:1",
            "the JSON of the ledger breaks off",
        ),
        ("tasks.json", b'{"title": "x"}', "1:1", "no list of tasks under `tasks`"),
        ("tasks.xlsx", b"PK\x05\x06" + bytes(18), "1:1", "not an .xlsx workbook Excel or WPS can open"),
        ("tasks.csv", b"\xff\xfe\x00\xd8 \x81\x30", "1:1", "the ledger is neither UTF-8 nor GBK text"),
    ],
)
def test_a_broken_ledger_is_named_in_plain_words(
    tmp_path: Path, name: str, content: bytes, place: str, words: str
) -> None:
    """No exception's name or Python's English (KeyError: 'tasks', JSONDecodeError: Expecting …,
    "There is no item named '[Content_Types].xml'") in the message; a JSON slip at its line."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, plan)
    ledger = tmp_path / name
    ledger.write_bytes(content)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert f"{ledger}:{place}: error: " in result.output and words in result.output  # type: ignore[attr-defined]
    assert not re.search(r"Error|Exception|Expecting|KeyError|named '", result.output)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- diff and rollover


def test_diff_shows_a_task_change_once_at_its_node() -> None:
    """The table follows from the plan: changing a node's 牵头单位 is one change, at the node, and
    none of the table's."""
    old = example()
    new = example()
    new.plan.sections[0].items[1].lead = "市卫生健康委员会医政医管科"
    result = diff_documents(old, new)
    (change,) = result.changes  # one change, at the node — none for the table's row
    assert change.kind == "changed" and change.new_path == (0, 1)
    assert [f.key for f in change.fields] == ["lead"]
    assert all(
        "分工表" not in json.dumps(c.__dict__, ensure_ascii=False, default=str) for c in result.changes
    )
    assert yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["plan"]["task_table"] == {
        "columns": EXAMPLE_COLUMNS
    }


def test_rollover_advances_the_tables_title_with_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    result = run("rollover", EXAMPLE, "--year", "2026", "-o", out)
    assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]
    document = load_document(out)
    view = build_view(document)
    assert view.plan.task_table is not None
    assert view.plan.task_table.title == "2026年云溪市医疗服务提升工作重点任务分工表"
    assert view.plan.task_table.label == "附件2"  # the 附件说明 line followed the year as well
    # the rows are the draft's nodes (services-payment, done, is left out): their deadlines
    # advanced with the plan, and the table has no state of its own to fall behind
    assert [(r.node.id, r.cells["完成时限"]) for r in view.plan.task_table.rows] == [
        ("quality-core", "2026年6月底前"),
        ("quality-drugs", "2026年底前"),
    ]


def test_docx_zip_members_of_the_template_have_fixed_dates() -> None:
    """The rebuilt template with its landscape section is still reproducible byte for byte."""
    from generator.writers.docx_template import build_template, template_path

    assert build_template() == template_path().read_bytes()
    names = zipfile.ZipFile(template_path()).namelist()
    assert sum(1 for n in names if re.match(r"word/footer\d+\.xml", n)) == 4


@given(
    st.lists(st.text(alphabet="测试单位2025年底前；、", max_size=40), min_size=6, max_size=6),
    st.floats(20, 60),
)
def test_column_widths_fill_the_line_and_keep_the_headers(cells: list[str], available: float) -> None:
    from generator.tasks.table import TaskGroup, TaskRow, TaskTableView

    document = example()
    entry = number_plan(document.plan)[0]
    row = TaskRow(1, entry, "一、", "x", dict(zip(EXAMPLE_COLUMNS, cells, strict=True)))
    table = TaskTableView("附件2", "表", list(EXAMPLE_COLUMNS), [TaskGroup("一、", [row])])  # type: ignore[arg-type]
    widths = table.column_widths(available)
    assert abs(sum(widths) - available) < 1e-6
    least = [2 + 1.0] + [4 + 1.0] * 5  # 序号 two digits; every other header is four 字
    if available >= sum(least):  # else no width keeps every header on one line: all shrink alike
        assert all(w >= lo - 1e-6 for w, lo in zip(widths, least, strict=True))


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_an_imported_document_reads_its_table_back_to_task_table(fmt: str, tmp_path: Path) -> None:
    """The printed 分工表 is the plan's, not a stray 附件 node: import gives ``task_table`` back
    (its columns; the default title and 附件说明 as defaults) and the same plan."""
    from generator.readers import import_file

    document = example(columns=["序号", "重点任务", "牵头单位", "完成时限"])
    document.notice.attachments = None
    path = tmp_path / f"plan.{fmt}"
    data = render(document, fmt)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    imported = import_file(path).document
    assert imported.plan.task_table == TaskTable(columns=["序号", "重点任务", "牵头单位", "完成时限"])
    assert imported.notice.attachments is None
    assert [n.heading for n in imported.plan.sections] == [n.heading for n in document.plan.sections]
    assert imported.plan.nodes()[-1].text == document.plan.nodes()[-1].text  # nothing of the table appended


def test_update_into_another_file_leaves_the_plan_alone(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, plan)
    before = plan.read_bytes()
    ledger = tmp_path / "tasks.csv"
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    table = list(csv.reader(io.StringIO(ledger.read_text(encoding="utf-8-sig"))))
    table[1][8] = "已完成"
    with ledger.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)
    out = tmp_path / "next.yaml"
    result = run("tasks", plan, "--update", ledger, "-o", out)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert plan.read_bytes() == before
    assert load_document(out).plan.sections[0].items[0].status == "done"
    again = run("tasks", plan, "--update", ledger, "-o", out)  # an existing -o needs --force
    assert again.exit_code == 2 and "--force" in again.output  # type: ignore[attr-defined]
    assert run("tasks", plan, "--update", ledger, "-o", ledger).exit_code == 2  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_table_over_several_landscape_pages_repeats_its_header_and_passes_check(
    tmp_path: Path, soffice: str
) -> None:
    import pdfplumber

    del soffice
    document = example()
    item = document.plan.sections[0].items[0]
    document.plan.sections[0].items = [
        replace(item, id=f"t{i}", heading=f"落实第{i + 1}项重点任务。") for i in range(60)
    ]
    report, _ = _check(tmp_path, document, "long")
    assert report["passed"], report
    with pdfplumber.open(tmp_path / "long.pdf") as pdf:
        turned = [p for p in pdf.pages if p.width > p.height]
        assert len(turned) >= 3
        for page in turned:  # every page of the table opens with its header row
            first_row = page.find_tables()[0].extract()[0]
            assert [c.replace("\n", "") for c in first_row] == EXAMPLE_COLUMNS
        rows = [row for p in turned for t in p.find_tables() for row in t.extract()[1:]]
    # a row split by a page break would leave a part without its 序号 (or section heading) above
    assert all(row[0] for row in rows)
    # 60 tasks of section 一, then （四） of section 二
    assert [row[0] for row in rows if row[0].isdigit()] == [str(n) for n in range(1, 62)]


def test_rollover_advances_an_explicit_table_title_and_its_attachment_line(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "    - 2025年云溪市医疗服务提升工作重点任务分工表\n", "    - 2025年云溪市医疗服务提升重点任务清单\n"
    )
    text = text.replace(
        "  task_table:  ", "  task_table:\n    title: 2025年云溪市医疗服务提升重点任务清单\n  #", 1
    )
    source.write_text(text, encoding="utf-8")
    assert build_view(load_document(source)).plan.task_table.label == "附件2"  # type: ignore[union-attr]
    out = tmp_path / "next.yaml"
    result = run("rollover", source, "--year", "2026", "-o", out)
    assert result.exit_code in (0, 1), result.output  # type: ignore[attr-defined]
    table = build_view(load_document(out)).plan.task_table
    assert table is not None and (table.title, table.label) == (
        "2026年云溪市医疗服务提升重点任务清单",
        "附件2",
    )


def test_an_agencys_own_task_table_is_kept_whole_not_dropped(tmp_path: Path) -> None:
    """A 分工表 with this tool's columns but rows the plan does not print (its leads and
    deadlines are in the table only, as agencies write them): kept as the last attachment's
    table, every cell; the tool's own table still reads back as plan.task_table."""
    import docx as python_docx

    from generator.readers import import_file

    source = python_docx.Document()
    for text in (
        "附件1",
        "某某市2024年卫生健康工作要点",
        "一、深化医改",
        "（一）推进医联体建设。",
        "（二）深化公立医院改革。",
    ):
        source.add_paragraph(text)
    source.add_paragraph("附件2")
    source.add_paragraph("某某市2024年卫生健康重点任务分工表")
    rows = [["序号", "重点任务", "牵头单位", "完成时限"], ["1", "推进医联体建设", "医政科", "2024年底"]]
    table = source.add_table(rows=2, cols=4)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "agency.docx"
    source.save(str(path))
    document = import_file(path).document
    assert document.plan.task_table is None
    (appendix,) = document.appendices
    assert appendix.title == "某某市2024年卫生健康重点任务分工表"
    assert [t.rows for t in appendix.tables] == [rows]


def test_an_agencys_own_task_table_keeps_its_place_and_the_attachments_after_it(tmp_path: Path) -> None:
    import docx as python_docx

    from generator.readers import import_file
    from generator.view import annex_labels

    source = python_docx.Document()
    for text in ("附件1", "某某市2024年卫生健康工作要点", "一、深化医改", "（一）推进医联体建设。"):
        source.add_paragraph(text)
    for label, title, rows in (
        (
            "附件2",
            "某某市2024年卫生健康重点任务分工表",
            [["序号", "重点任务", "牵头单位"], ["1", "推进医联体建设", "医政科"]],
        ),
        ("附件3", "某某市医联体建设情况统计表", [["单位", "数量"], ["甲", "1"]]),
    ):
        source.add_paragraph(label)
        source.add_paragraph(title)
        table = source.add_table(rows=len(rows), cols=len(rows[0]))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    path = tmp_path / "agency.docx"
    source.save(str(path))
    document = import_file(path).document
    assert [a.title for a in document.appendices] == [
        "某某市2024年卫生健康重点任务分工表",
        "某某市医联体建设情况统计表",
    ]
    assert [t.rows for t in document.appendices[1].tables] == [[["单位", "数量"], ["甲", "1"]]]
    assert annex_labels(document) == ["附件1", "附件2", "附件3"]


def test_an_agencys_task_table_in_markdown_keeps_its_cells(tmp_path: Path) -> None:
    """The example's table in .md with one deadline changed in the table only: not this tool's
    table any more, kept with every cell (the separator row is no row)."""
    markdown = str(render(load_document(EXAMPLE), "md"))
    start = markdown.rindex("重点任务分工表")
    table = markdown[start:]
    changed = markdown[:start] + table.replace("2025年6月底前", "2030年6月底前", 1)
    assert changed != markdown
    path = tmp_path / "agency.md"
    path.write_text(changed, encoding="utf-8")
    from generator.readers import import_file

    document = import_file(path).document
    assert document.plan.task_table is None
    (kept,) = [a for a in document.appendices if a.title and "分工表" in a.title]
    (grid,) = kept.tables
    assert grid.rows[0][:3] == ["序号", "重点任务", "牵头单位"]
    assert all(len(row) == len(grid.rows[0]) for row in grid.rows)
    assert any("2030年6月底前" in row for row in grid.rows)
    assert not any(set("".join(row)) <= set("-:| ") for row in grid.rows)
