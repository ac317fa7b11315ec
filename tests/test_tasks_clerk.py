"""The 督办台账 as it comes back from an office: written by `workplan tasks`, edited in Excel
(rows sorted, columns added, cells merged, dates typed, rows deleted), read back by --update —
on every plan and on a rule set whose items have no headings and share their labels."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, SHARED, plan_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import InputError
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


def test_items_without_a_heading_show_their_text_and_twins_are_matched_where_it_cannot_matter(
    rules: tuple[Path, Path],
) -> None:
    plan, ledger = rules
    table = _csv(ledger)
    assert [(r[1], r[2]) for r in table[1:]] == ARTICLE_21 + ARTICLE_22  # no empty 重点任务
    # the office marks both 其他严重违纪行为 done and sorts the sheet by 编号
    table[4][8] = table[8][8] = "已完成"
    _write_csv(ledger, [table[0], *sorted(table[1:], key=lambda r: r[1])])
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert [n.status for n in _article(plan, "第二十一条")] == [None, None, None, "done"]
    assert [n.status for n in _article(plan, "第二十二条")] == [None, None, None, "done"]
    # 第二十二条's （四） set back to ongoing in the YAML: a ledger read back as written keeps the two
    text = plan.read_text(encoding="utf-8")
    _, second = (m.end() for m in re.finditer(r"其他严重违纪行为。[^\n]*\n *status: ", text))
    text = text[:second] + text[second:].replace("done", "ongoing", 1)
    plan.write_text(text, encoding="utf-8")
    assert run("tasks", plan, "-o", ledger, "--force").exit_code == 0  # type: ignore[attr-defined]
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 0 and "no status changed" in result.output, result.output  # type: ignore[attr-defined]
    assert [n.status for n in _article(plan, "第二十二条")][3] == "ongoing"
    table = _csv(ledger)
    table[4][8] = (
        ""  # 第二十一条's （四） not done after all: the rows differ only in 状态, and not as written
    )
    _write_csv(ledger, table)
    result = run("tasks", plan, "--update", ledger)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert (
        f"{ledger}:5:9: error: row 5: 2 tasks of the plan read （四）其他严重违纪行为, and their rows "
        "differ only in 状态" in result.output  # type: ignore[attr-defined]
    )
    assert "give these nodes an id" in result.output  # type: ignore[attr-defined]
    assert plan.read_text(encoding="utf-8") == text


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


def _rules_plan() -> tuple[str, str]:
    """The rule set's plan YAML (name, text), imported once."""
    from generator.dump import dump_document
    from generator.readers import import_file

    if not _RULES_TEXT:
        _RULES_TEXT.append(dump_document(import_file(RULES_2018).document))
    return "rules.yaml", _RULES_TEXT[0]


_RULES_TEXT: list[str] = []
PLAN_CHOICES = [*(p.name for p in plan_files()), "rules.yaml"]
STATUS_CHOICES = ["", "推进中", "已完成", "已取消"]
CODES = {"": None, "推进中": "ongoing", "已完成": "done", "已取消": "dropped"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLAN_CHOICES), st.data())
def test_a_ledger_edited_at_random_writes_each_rows_status_to_its_task(
    name: str, data: st.DataObject
) -> None:
    """Rows deleted, statuses changed, a column added, the sheet sorted by any column (Excel's sort
    keeps the order of equal rows): every row left gives its status to its own task, and the
    tasks whose rows were deleted keep theirs."""
    from generator.load import load_text
    from generator.numbering import number_plan
    from generator.tasks.ledger import ledger_bytes, ledger_rows, read_ledger
    from generator.tasks.table import task_entries
    from generator.tasks.update import update_statuses

    if name == "rules.yaml":
        plan_name, text = _rules_plan()
    else:
        path = next(p for p in plan_files() if p.name == name)
        plan_name, text = str(path), path.read_text(encoding="utf-8")
    document = load_text(text, plan_name)
    table = list(csv.reader(io.StringIO(ledger_bytes(ledger_rows(document), "csv").decode("utf-8-sig"))))
    header, body = table[0], [[str(i), *row] for i, row in enumerate(table[1:])]  # the task's place first
    kept = data.draw(st.lists(st.booleans(), min_size=len(body), max_size=len(body)))
    body = [row for row, keep in zip(body, kept, strict=True) if keep]
    status = header.index("状态") + 1
    for row in body:
        row[status] = data.draw(st.sampled_from(STATUS_CHOICES))
    by = data.draw(st.integers(1, len(header)))
    body.sort(key=lambda row: row[by], reverse=data.draw(st.booleans()))
    at = data.draw(st.integers(0, len(header)))
    out_header = [*header[:at], "备注", *header[at:]]
    out_body = [[*row[1:][:at], "", *row[1:][at:]] for row in body]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([out_header, *out_body])
    before = [e.node.status for e, _ in task_entries(document.plan, number_plan(document.plan))]
    # twins (rows alike in 编号 and 重点任务, no ID) are matched only where the pairing cannot matter
    twins: dict[tuple[str, str], list[int]] = {}
    for index, row in enumerate(table[1:]):
        twins.setdefault((row[1], row[2]), []).append(index)
    refused = False
    for places in (p for p in twins.values() if len(p) > 1):
        left = [row for row in body if int(row[0]) in places]
        statuses = [CODES[row[status]] for row in left]
        if left and (
            len(left) < len(places) or (len(set(statuses)) > 1 and statuses != [before[i] for i in places])
        ):
            refused = True
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "tasks.csv"
        ledger.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        if refused:
            with pytest.raises(InputError, match="which"):
                update_statuses(text, plan_name, read_ledger(ledger), str(ledger))
            return
        new_text, _ = update_statuses(text, plan_name, read_ledger(ledger), str(ledger))
    updated = load_text(new_text, plan_name)
    after = [e.node.status for e, _ in task_entries(updated.plan, number_plan(updated.plan))]
    expected = list(before)
    for row in body:
        expected[int(row[0])] = CODES[row[status]]
    assert after == expected
