"""The 督办台账 as it comes back from an office: written by `workplan tasks`, edited in Excel
(rows sorted, columns added, cells merged, dates typed, rows deleted), read back by --update —
on every plan and on a rule set whose items have no headings and share their labels."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, SHARED, plan_files
from typer.testing import CliRunner

from generator.cli import app
from generator.load import load_document

EXAMPLE = EXAMPLES / "example.yaml"
RULES_2018 = SHARED / "corpus" / "real" / "15_sh_circ_branch_exec_exam_rules_2018.docx"


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="workplan")


def _csv(ledger: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(ledger.read_text(encoding="utf-8-sig"))))


def _write_csv(ledger: Path, table: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    ledger.write_bytes(out.getvalue().encode("utf-8-sig"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
@pytest.mark.parametrize("plan", plan_files(), ids=lambda p: p.stem)
def test_a_ledger_read_back_unedited_changes_nothing(plan: Path, fmt: str, tmp_path: Path) -> None:
    ledger, out = tmp_path / f"tasks.{fmt}", tmp_path / "out.yaml"
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    result = run("tasks", plan, "--update", ledger, "-o", out)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "no status changed" in result.output and "warning" not in result.output  # type: ignore[attr-defined]
    assert out.read_bytes() == plan.read_bytes()


# 第二十一条 and 第二十二条 of the rule set, as the document prints them: each lists four 情形, the
# first three one sentence each (no heading of their own), the fourth 其他严重违纪行为。 in both.
ARTICLE_21 = [
    ("（一）", "由他人冒名顶替参加考试的；"),
    ("（二）", "在考试中使用手机或者有翻看考试相关材料行为的；"),
    ("（三）", "违反考场纪律、影响考场秩序的；"),
    ("（四）", "其他严重违纪行为"),
]
ARTICLE_22 = [
    ("（一）", "协助冒名顶替参加考试的；"),
    ("（二）", "有组织的考场作弊行为的；"),
    ("（三）", "有组织的违反考场纪律、影响考场秩序的；"),
    ("（四）", "其他严重违纪行为"),
]


@pytest.fixture
def rules(tmp_path: Path) -> tuple[Path, Path]:
    """The rule set imported to a plan, and its ledger as .csv."""
    plan, ledger = tmp_path / "rules.yaml", tmp_path / "tasks.csv"
    assert run("import", RULES_2018, "-o", plan).exit_code == 0  # type: ignore[attr-defined]
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    return plan, ledger


def _article(plan: Path, heading: str) -> list:
    (section,) = [s for s in load_document(plan).plan.sections if (s.heading or "").startswith(heading)]
    return section.items


def test_items_without_a_heading_show_their_text_and_twins_are_told_apart_by_order(
    rules: tuple[Path, Path],
) -> None:
    plan, ledger = rules
    table = _csv(ledger)
    assert [(r[1], r[2]) for r in table[1:]] == ARTICLE_21 + ARTICLE_22  # no empty 重点任务
    # the office marks 第二十二条's 其他严重违纪行为 done, then sorts the sheet by 编号 (a stable sort)
    table[8][8] = "已完成"
    _write_csv(ledger, [table[0], *sorted(table[1:], key=lambda r: r[1])])
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert [n.status for n in _article(plan, "第二十一条")] == [None] * 4
    assert [n.status for n in _article(plan, "第二十二条")] == [None, None, None, "done"]


def test_a_twin_row_deleted_is_refused_with_what_to_do(rules: tuple[Path, Path]) -> None:
    plan, ledger = rules
    before = plan.read_bytes()
    table = _csv(ledger)
    table[8][8] = "已完成"
    del table[4]  # 第二十一条's （四）: which of the two is left cannot be told
    _write_csv(ledger, table)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert (
        f"{ledger}:8:2: error: row 8: 2 tasks of the plan read （四）其他严重违纪行为, and the ledger has 1 "
        "of them" in result.output  # type: ignore[attr-defined]
    )
    assert "give these nodes an id" in result.output  # type: ignore[attr-defined]
    assert plan.read_bytes() == before


def _example_xlsx(tmp_path: Path) -> tuple[Path, Path, openpyxl.Workbook]:
    plan, ledger = tmp_path / "plan.yaml", tmp_path / "tasks.xlsx"
    shutil.copy(EXAMPLE, plan)
    assert run("tasks", plan, "-o", ledger).exit_code == 0  # type: ignore[attr-defined]
    return plan, ledger, openpyxl.load_workbook(ledger)


def test_an_excel_sheet_sorted_with_columns_added_and_a_row_deleted(tmp_path: Path) -> None:
    """The example's three tasks (一、（一） ongoing, 一、（二） ongoing, 二、（四） done); the office
    adds a 备注 column in front and a 督办意见 column at the end, deletes 一、（一）'s row, marks
    一、（二） done and sorts by 牵头单位 — 二、（四） comes first."""
    plan, ledger, book = _example_xlsx(tmp_path)
    sheet = book.active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header, body = rows[0], rows[1:]
    assert [r[1] for r in body] == ["一、（一）", "一、（二）", "二、（四）"]
    body[1][8] = "已完成"
    del body[0]
    body.sort(key=lambda r: r[3], reverse=True)  # 云溪市医疗保障局 before 市卫生健康委员会药政科
    sheet.delete_rows(1, sheet.max_row)
    sheet.append(["备注", *header, "督办意见"])
    for r in body:
        sheet.append(["", *r, "请按期办结"])
    book.save(ledger)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "一、（二）加强合理用药管理: 推进中 (ongoing) → 已完成 (done)" in result.output  # type: ignore[attr-defined]
    assert "warning" not in result.output  # type: ignore[attr-defined]
    document = load_document(plan)
    assert [n.status for n in document.plan.sections[0].items[:2]] == ["ongoing", "done"]
    assert document.plan.sections[1].items[1].status == "done"


def test_two_rows_of_one_task_with_different_statuses_are_refused(tmp_path: Path) -> None:
    """ID and 编号 merged over the rows of 一、（一） and 一、（二） (to group them): both rows then
    name 一、（一）; their two statuses cannot both be written, and were silently (the second row's
    推进中 dropped, 一、（二） never reached)."""
    plan, ledger, book = _example_xlsx(tmp_path)
    before = plan.read_bytes()
    sheet = book.active
    sheet["I2"] = "已完成"
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    book.save(ledger)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert (
        f"{ledger}:3:9: error: row 3 and row 2 are both the task 一、（一）落实医疗质量安全核心制度, "
        "with different statuses (推进中, 已完成)" in result.output  # type: ignore[attr-defined]
    )
    assert plan.read_bytes() == before
    sheet["I3"] = "已完成"  # the same status on both rows says the same thing twice: written once
    book.save(ledger)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert load_document(plan).plan.sections[0].items[0].status == "done"


def test_a_date_excel_made_of_a_typed_deadline_is_shown_as_a_date(tmp_path: Path) -> None:
    plan, ledger, book = _example_xlsx(tmp_path)
    sheet = book.active
    sheet["F2"] = dt.datetime(2025, 6, 20)  # 完成时限 retyped 2025/6/20: Excel stores a date
    sheet["G3"] = dt.datetime(2025, 12, 31)  # 截止日期 as a date cell, the plan's own: no warning
    book.save(ledger)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert (
        f"{ledger}:2:6: warning: row 2: 完成时限 in the ledger is “2025年6月20日”, "
        "in the plan “2025年6月底前”" in result.output  # type: ignore[attr-defined]
    )
    assert result.output.count("warning") == 1  # type: ignore[attr-defined]
