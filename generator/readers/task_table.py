"""Recognising the 重点任务分工表 this tool prints as a further 附件, so an imported document reads
back to ``plan.task_table`` instead of a stray 附件 of the plan.

The table repeats the plan's task fields, which the plan's own paragraphs already carry
(（牵头单位：…；完成时限：…）), so only its title and columns are kept. It is known by its place and
shape: a 附件 label, a title, then a header row of 分工表 columns only — a Word table, or a line of
them (the .txt and .md writers'). An agency's own table of that shape holds what the plan's text
may not (who leads, by when): it is ours only when the plan prints exactly its rows again
(:meth:`FoundTable.printed_by`); otherwise it is kept whole, as a further attachment's table.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass

from ..model import DEFAULT_TASK_COLUMNS, Appendix, Table, TaskColumn, TaskTable
from ..tasks.table import TaskTableView, default_title
from .lines import Line
from .notice import is_imprint

_COLUMNS = set(typing.get_args(TaskColumn))
_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}$")
_MAX_TITLE_LINES = 3
_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")  # | 1 | 推进… | 医政科 |
_MD_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")  # | --- | :---: |


@dataclass(frozen=True)
class FoundTable:
    """A 分工表 cut out of the lines: its 附件 label, title as printed, columns, its rows (cells of
    a Word table or of a Markdown table), and lines of text that could not be split into cells
    (a .txt or a PDF prints the table as lines)."""

    label: str
    title: str
    columns: list[TaskColumn]
    rows: list[list[str]]
    text: list[str]

    def settings(self, plan_title: str) -> TaskTable:
        """``task_table`` as a plan writes it: the defaults left out."""
        title = None if self.title == default_title(plan_title) else self.title
        return TaskTable(title=title, columns=self.columns or list(DEFAULT_TASK_COLUMNS))

    def printed_by(self, table: TaskTableView) -> bool:
        """Does ``table`` (the plan's own 分工表) print these rows — same words, spacing and
        separators aside?"""
        ours = "".join(
            group.heading + "".join(row.line(table.columns) for row in group.rows) for group in table.groups
        )
        found = "".join("".join(c or "" for c in row) for row in self.rows) + "".join(self.text)
        return _squeezed(ours) == _squeezed(found)

    def as_appendix(self) -> Appendix:
        """The whole table as a further attachment keeps it: a table (header row first) when its
        rows have cells, its lines as paragraphs when they have none."""
        tables = [Table(rows=[list(self.columns), *self.rows])] if self.rows else []
        text = [" ".join(self.columns), *self.text] if not self.rows else list(self.text)
        return Appendix(title=self.title, tables=tables, text=text)


def _squeezed(text: str) -> str:
    return re.sub(r"[\s|:：\-—]+", "", text)


def _header(line: Line) -> list[TaskColumn] | None:
    """The columns of a header row, when every cell is a 分工表 column name."""
    if line.table is not None:
        cells = [c.strip() for c in line.table.rows[0]] if line.table.rows else []
    else:
        cells = [c for c in re.split(r"[\s|]+", line.text) if c]
    if len(cells) >= 2 and all(c in _COLUMNS for c in cells):
        return typing.cast(list[TaskColumn], cells)
    return None


def split_task_table(lines: list[Line]) -> tuple[list[Line], FoundTable | None]:
    """``lines`` without a trailing 分工表 (label, title, header and rows up to the 版记)."""
    content = [i for i, line in enumerate(lines) if not line.blank]
    for position, index in enumerate(content):
        if not _ANNEX_LABEL.match(lines[index].text) or lines[index].table is not None:
            continue
        after = content[position + 1 : position + 2 + _MAX_TITLE_LINES]
        for offset, header_index in enumerate(after):
            columns = _header(lines[header_index])
            if columns is None:
                continue
            title_lines = [lines[i].text for i in after[:offset]]
            if not title_lines or any(lines[i].table is not None for i in after[:offset]):
                break
            # the table runs to the 版记, or to the next attachment's label
            end = next(
                (
                    i
                    for i in content
                    if i > header_index and (is_imprint(lines[i].text) or _ANNEX_LABEL.match(lines[i].text))
                ),
                len(lines),
            )
            kept = lines[:index] + lines[end:]
            header = lines[header_index]
            rows = [list(r) for r in header.table.rows[1:]] if header.table is not None else []
            text: list[str] = []
            for line in lines[header_index + 1 : end]:
                if line.table is not None:
                    rows += [list(r) for r in line.table.rows]
                elif _MD_ROW.match(line.text):
                    if not _MD_RULE.match(line.text):
                        rows.append([c.strip() for c in line.text.strip().strip("|").split("|")])
                elif not line.blank:
                    text.append(line.text)
            return kept, FoundTable(lines[index].text, "".join(title_lines), columns, rows, text)
    return lines, None
