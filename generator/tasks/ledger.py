"""The 督办台账: one row per task of the plan, written as .xlsx, .csv or .json and read back.

Rows are the tasks of :func:`generator.tasks.table.task_entries` (the 分工表's rows), each with its
id, label path (一、（三）), heading, task fields, the parsed due date of its 完成时限, its status,
and empty 进展情况 / 完成情况 for the office to fill in during the year. ``--update`` reads the
same three formats back (:func:`read_ledger`) and writes status changes into the plan
(:mod:`generator.tasks.update`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, os_reason
from ..i18n import _
from ..model import Document, Status
from ..numbering import number_plan
from ..title_lines import width_zi
from .deadlines import parse_deadline
from .table import cell_heading, label_path, task_entries

FORMATS = ("xlsx", "csv", "json")

STATUS_LABELS: dict[str, str] = {"ongoing": "推进中", "done": "已完成", "dropped": "已取消"}
"""How the ledger (and the editor's form) prints a status (the plan's YAML keeps the codes)."""

STATUS_SYNONYMS: dict[str, str] = {
    "进行中": "ongoing",
    "正在推进": "ongoing",
    "完成": "done",
    "办结": "done",
    "已办结": "done",
    "取消": "dropped",
}
"""What offices type into the 状态 cell for the same statuses (read back, never written)."""


@dataclass(frozen=True)
class LedgerRow:
    """One task as the ledger prints it; ``status`` is the plan's code ('' for none)."""

    id: str
    path: str
    heading: str
    lead: str
    owners: str
    deadline: str
    due: dt.date | None
    targets: str
    status: str
    progress: str = ""
    result: str = ""


HEADERS: dict[str, str] = {
    "id": "ID",
    "path": "编号",
    "heading": "重点任务",
    "lead": "牵头单位",
    "owners": "责任单位",
    "deadline": "完成时限",
    "due": "截止日期",
    "targets": "指标",
    "status": "状态",
    "progress": "进展情况",
    "result": "完成情况",
}
"""Column headers of .xlsx and .csv, in order (the .json uses the keys)."""


def ledger_rows(document: Document) -> list[LedgerRow]:
    """The plan's tasks, in document order."""
    plan = document.plan
    out = []
    for entry, parents in task_entries(plan, number_plan(plan)):
        node = entry.node
        out.append(
            LedgerRow(
                id=node.id or "",
                path=label_path(entry, parents),
                heading=cell_heading(node),
                lead=node.lead or "",
                owners="、".join(node.owners),
                deadline=node.deadline or "",
                due=parse_deadline(node.deadline, plan.year),
                targets="；".join(node.targets),
                status=node.status or "",
            )
        )
    return out


# ---------------------------------------------------------------- writing


def _printed(row: LedgerRow, key: str) -> object:
    value = getattr(row, key)
    if key == "status":
        return STATUS_LABELS.get(value, value)
    return value


def ledger_bytes(rows: list[LedgerRow], fmt: str, *, title: str = "") -> bytes:
    """The ledger in ``fmt`` (xlsx, csv or json)."""
    if fmt == "xlsx":
        return _xlsx(rows, title)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # Excel's own line ends
        writer.writerow(HEADERS.values())
        for row in rows:
            writer.writerow(
                [
                    (v.isoformat() if isinstance(v, dt.date) else v)
                    for v in (_printed(row, k) for k in HEADERS)
                ]
            )
        return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8
    if fmt == "json":
        tasks = [
            {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(row).items()}
            for row in rows
        ]
        return (json.dumps({"title": title, "tasks": tasks}, ensure_ascii=False, indent=2) + "\n").encode()
    raise ValueError(f"no ledger format {fmt!r}")


_WRAP_FROM = 40  # columns wider than this many Excel units wrap their text instead
_EXCEL_UNITS_PER_ZI = 2.2  # a CJK character is about two '0' widths in Excel's default font


def _xlsx(rows: list[LedgerRow], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "督办台账"
    keys = list(HEADERS)
    sheet.append(list(HEADERS.values()))
    for row in rows:
        sheet.append([_printed(row, k) for k in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = len(rows) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{last}"
    due = keys.index("due") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=due, max_col=due):
        cell.number_format = "yyyy-mm-dd"
    status = get_column_letter(keys.index("status") + 1)
    choices = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_LABELS.values()) + '"', allow_blank=True
    )
    choices.error = "状态只能是：" + "、".join(STATUS_LABELS.values())
    choices.add(f"{status}2:{status}{max(last, 2) + 1000}")  # rows the office adds later too
    sheet.add_data_validation(choices)
    for index, key in enumerate(keys, start=1):
        texts = [HEADERS[key]] + [str(_printed(r, key) or "") for r in rows]
        widest = max(width_zi(t) for t in texts) * _EXCEL_UNITS_PER_ZI + 2
        if key in ("progress", "result"):
            widest = _WRAP_FROM  # room to write in
        if key == "due":
            widest = 12
        sheet.column_dimensions[get_column_letter(index)].width = min(widest, _WRAP_FROM)
        if widest > _WRAP_FROM:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if title:
        book.properties.title = title
    book.properties.creator = "workplan"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ReadRow:
    """A ledger row read back, with where it stands in its file (1-based, the header is 1) and
    the column each field was read from (1-based; none for a .json ledger)."""

    line: int
    row: LedgerRow
    columns: Mapping[str, int] = field(default_factory=dict)


_BY_HEADER = {header: key for key, header in HEADERS.items()} | {key: key for key in HEADERS}
_STATUS_BY_TEXT = (
    {label: code for code, label in STATUS_LABELS.items()} | {c: c for c in STATUS_LABELS} | STATUS_SYNONYMS
)


def status_code(text: str) -> Status | str | None:
    """The plan's code for a printed status ('' → None); an unknown text is returned as it is.
    Spaces inside (已 完成, a cell wrapped by hand) and a closing 。 are the typist's, not the status's."""
    key = re.sub(r"\s+", "", text).removesuffix("。")
    if not key:
        return None
    return _STATUS_BY_TEXT.get(key, text.strip())


def header_key(text: object) -> str | None:
    """The ledger field a header cell names: spaces and line breaks inside it (状 态, a header
    wrapped in its cell) and a trailing note in brackets (状态（下拉选择）) are ignored."""
    name = re.sub(r"\s+", "", str(text or ""))
    name = re.sub(r"[（(][^（）()]*[）)]$", "", name) or name
    return _BY_HEADER.get(name)


_TYPED_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def typed_date(text: str) -> dt.date | None:
    """A date as an office retypes it in a cell (2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日),
    or None for anything else (月底前 is no date)."""
    match = _TYPED_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:  # 2025/2/30
        return None


def _row(values: dict[str, object], line: int, columns: Mapping[str, int] | None = None) -> ReadRow:
    kwargs: dict[str, object] = {}
    for f in fields(LedgerRow):
        value = values.get(f.name)
        if f.name == "due":
            if isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, str) and value.strip():
                value = typed_date(value)
            elif not isinstance(value, dt.date):
                value = None
        elif f.name == "status":
            code = status_code("" if value is None else str(value))
            value = code or ""
        elif isinstance(value, dt.date):
            # Excel turns 2025/6/30 typed into a text column (完成时限) into a date: shown as the
            # plan writes dates, not as 2025-06-30 00:00:00
            value = f"{value.year}年{value.month}月{value.day}日"
        else:
            value = "" if value is None else str(value)
        kwargs[f.name] = value
    return ReadRow(line, LedgerRow(**kwargs), dict(columns or {}))  # type: ignore[arg-type]


def _refuse(path: Path, line: int, message: str, hint: str) -> InputError:
    return InputError([Problem(str(path), line, 1, message, hint)])


def read_ledger(path: str | Path) -> list[ReadRow]:
    """The rows of a ledger written by :func:`ledger_bytes` (and edited in Excel/WPS since)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise _refuse(
            path, 1, _("not a ledger (.xlsx, .csv or .json)"), _("give the file `workplan tasks` wrote")
        )
    from ..limits import MAX_PACKAGE_BYTES, MAX_TEXT_BYTES, check_input

    # a FIFO, a device or a huge file is refused unread (see limits.py)
    check_input(path, MAX_PACKAGE_BYTES if fmt == "xlsx" else MAX_TEXT_BYTES)
    try:
        if fmt == "json":
            data = _json(path)
            tasks = data.get("tasks") if isinstance(data, dict) else None
            if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
                raise _refuse(
                    path, 1, _("no list of tasks under `tasks`"), _("give the file `workplan tasks` wrote")
                )
            # a .json has no columns: every key it holds is named at column 1
            return [_row(task, index, dict.fromkeys(task, 1)) for index, task in enumerate(tasks, start=1)]
        if fmt == "csv":
            table = _csv_table(_text(path))
        else:
            table = _xlsx_table(path)
    except InputError:
        raise
    except OSError as exc:
        raise _refuse(
            path, 1, _("cannot read the ledger: {reason}").format(reason=os_reason(exc)), _("check the path")
        ) from None
    except csv.Error:  # a cell past csv's field limit, a NUL byte: its words are English
        raise _refuse(path, 1, _("the CSV of the ledger cannot be read"), _("check the file")) from None
    except ValueError as exc:  # our own words: not a workbook, a zip bomb
        raise _refuse(
            path, 1, _("cannot read the ledger ({reason})").format(reason=exc), _("check the file")
        ) from None
    if not any(any(str(c or "").strip() for c in cells) for cells in table):
        raise _refuse(path, 1, _("the ledger is empty"), _("give the file `workplan tasks` wrote"))
    found = _header_row(table)
    if found is None:
        first = next(i for i, cells in enumerate(table) if any(str(c or "").strip() for c in cells))
        shown = "、".join(str(c).strip() for c in table[first] if str(c or "").strip())
        raise _refuse(
            path,
            first + 1,
            _("no 状态 column and ID or 编号 column in the header row ({headers})").format(headers=shown),
            _("name the columns as `workplan tasks` wrote them: 状态, and ID or 编号"),
        )
    at, keys = found
    columns = {k: index for index, k in enumerate(keys, start=1) if k}
    out = []
    for line, cells in enumerate(table[at + 1 :], start=at + 2):
        if not any(str(c or "").strip() for c in cells):
            continue
        out.append(_row({k: v for k, v in zip(keys, cells, strict=False) if k}, line, columns))
    return out


_HEADER_SEARCH = 10
"""Rows above the header an office may add (a title row, the date it was filled in)."""


def _header_row(table: list[list[object]]) -> tuple[int, list[str | None]] | None:
    """(index, field per column) of the first row naming 状态 and ID or 编号, among the first rows."""
    for index, cells in enumerate(table[:_HEADER_SEARCH]):
        keys = [header_key(c) for c in cells]
        if "status" in keys and {"id", "path"} & set(keys):
            return index, keys
    return None


def _csv_table(text: str) -> list[list[object]]:
    """The cells of a .csv ledger. Excel writes commas; a sheet saved as “文本文件(制表符分隔)” or
    “Unicode 文本” and renamed .csv has tabs, a European Excel semicolons: the header line tells."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count) if first.count(",") == 0 else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _text(path: Path) -> str:
    """A .csv or .json ledger's text. `workplan tasks` writes UTF-8 with a BOM; Excel on a Chinese
    Windows saves an edited .csv (“CSV (逗号分隔)”) in GBK, so GB18030 is read too, and its
    “Unicode 文本” is UTF-16 with a BOM."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: named below
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            raise _refuse(
                path,
                line,
                _("the ledger is neither UTF-8 nor GBK text"),
                _("save it again from Excel or WPS as .xlsx or as CSV UTF-8"),
            ) from None


def _json(path: Path) -> object:
    try:
        return json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    str(path),
                    exc.lineno,
                    exc.colno,
                    _("the JSON of the ledger breaks off or has a slip here"),
                    _("give the file `workplan tasks` wrote, or mend it here"),
                )
            ]
        ) from None


def _xlsx_table(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    from ..zipcheck import PackageError, check_package

    try:
        check_package(path)  # an .xlsx is a zip too: no bomb reaches openpyxl
        # Not read_only: that mode hides merged ranges, and a 状态 merged over several rows must
        # reach each of them (the ledger is small; its size is checked above).
        book = load_workbook(path, data_only=True)
    except PackageError as exc:
        raise ValueError(str(exc)) from None
    except OSError:
        raise
    except Exception:  # BadZipFile, KeyError (no [Content_Types].xml), openpyxl's own kinds …
        # Their words are English and name zip members; a clerk needs what to do.
        raise ValueError(_("not an .xlsx workbook Excel or WPS can open")) from None
    sheets = [book["督办台账"]] if "督办台账" in book.sheetnames else []
    sheets += [s for s in book.worksheets if s.title != "督办台账"]
    tables = [_sheet_cells(sheet) for sheet in sheets]
    book.close()
    # The ledger's sheet, renamed or moved behind a sheet the office added: the one with its header.
    return next((t for t in tables if _header_row(t) is not None), tables[0] if tables else [])


def _sheet_cells(sheet: Any) -> list[list[object]]:
    """A sheet's values; every cell of a merged range holds the value of its top-left cell."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            cells = rows[r - 1]
            cells.extend([None] * (merged.max_col - len(cells)))
            for c in range(merged.min_col, merged.max_col + 1):
                cells[c - 1] = top
    return rows
