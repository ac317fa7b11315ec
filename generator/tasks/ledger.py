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
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import InputError, Problem, os_reason
from ..i18n import _
from ..model import Document, Status
from ..numbering import number_plan
from ..title_lines import width_zi
from .deadlines import parse_deadline
from .table import cell_heading, label_path, task_entries

FORMATS = ("xlsx", "csv", "json")

STATUS_LABELS: dict[str, str] = {"ongoing": "推进中", "done": "已完成", "dropped": "已取消"}
"""How the ledger prints a status (the plan's YAML keeps the codes)."""


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
    """A ledger row read back, with where it stands in its file (1-based, the header is 1)."""

    line: int
    row: LedgerRow


_BY_HEADER = {header: key for key, header in HEADERS.items()} | {key: key for key in HEADERS}
_STATUS_BY_TEXT = {label: code for code, label in STATUS_LABELS.items()} | {c: c for c in STATUS_LABELS}


def status_code(text: str) -> Status | str | None:
    """The plan's code for a printed status ('' → None); an unknown text is returned as it is."""
    text = text.strip()
    if not text:
        return None
    return _STATUS_BY_TEXT.get(text, text)


def _row(values: dict[str, object], line: int) -> ReadRow:
    kwargs: dict[str, object] = {}
    for f in fields(LedgerRow):
        value = values.get(f.name)
        if f.name == "due":
            if isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, str) and value.strip():
                try:
                    value = dt.date.fromisoformat(value.strip())
                except ValueError:  # retyped by hand (2025/6/30): the date is not read back, the 完成时限 is
                    value = None
            elif not isinstance(value, dt.date):
                value = None
        elif f.name == "status":
            code = status_code("" if value is None else str(value))
            value = code or ""
        else:
            value = "" if value is None else str(value)
        kwargs[f.name] = value
    return ReadRow(line, LedgerRow(**kwargs))  # type: ignore[arg-type]


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
            return [_row(task, index) for index, task in enumerate(tasks, start=1)]
        if fmt == "csv":
            table = list(csv.reader(io.StringIO(_text(path))))
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
    if not table:
        raise _refuse(path, 1, _("the ledger is empty"), _("give the file `workplan tasks` wrote"))
    keys = [_BY_HEADER.get(str(h or "").strip()) for h in table[0]]
    if "status" not in keys or not ({"id", "path"} & set(keys)):
        raise _refuse(
            path, 1, _("no 状态 column and ID or 编号 column in the header row"), _("keep the header row")
        )
    out = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        out.append(_row({k: v for k, v in zip(keys, cells, strict=False) if k}, line))
    return out


def _text(path: Path) -> str:
    """A .csv or .json ledger's text. `workplan tasks` writes UTF-8 with a BOM; Excel on a Chinese
    Windows saves an edited .csv (“CSV (逗号分隔)”) in GBK, so GB18030 is read too."""
    raw = path.read_bytes()
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
        book = load_workbook(path, read_only=True, data_only=True)
    except PackageError as exc:
        raise ValueError(str(exc)) from None
    except OSError:
        raise
    except Exception:  # BadZipFile, KeyError (no [Content_Types].xml), openpyxl's own kinds …
        # Their words are English and name zip members; a clerk needs what to do.
        raise ValueError(_("not an .xlsx workbook Excel or WPS can open")) from None
    sheet = book["督办台账"] if "督办台账" in book.sheetnames else book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows
