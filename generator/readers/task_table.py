"""Recognising the 重点任务分工表 this tool prints as a further 附件, so an imported document reads
back to ``plan.task_table`` instead of a stray 附件 of the plan.

The table repeats the plan's task fields, which the plan's own paragraphs already carry
(（牵头单位：…；完成时限：…）), so only its settings are kept — its title, its columns, which nodes
its rows are (``levels``) and whether they print the node's text (``text``), told by building the
table each way from the plan read and comparing it with the rows printed. It is known by its
place and shape: a 附件 label, a title, then a header row of 分工表 columns only — a Word table, or
a line of them (the .txt and .md writers'). An agency's own table of that shape holds what the
plan's text may not (who leads, by when): it is ours only when the plan prints exactly its rows
again (:meth:`FoundTable.settings` finds settings that do); otherwise it is kept whole, as a
further attachment's table.
"""

from __future__ import annotations

import itertools
import re
import typing
from dataclasses import dataclass

from ..model import DEFAULT_TASK_COLUMNS, MAX_DEPTH, Appendix, Plan, Table, TaskColumn, TaskTable
from ..model_tools import replace
from ..numbering import number_plan
from ..tasks.table import TaskTableView, build_task_table, default_title, walk_with_parents
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

    def settings(self, plan: Plan) -> TaskTable | None:
        """``task_table`` as a plan writes it, the defaults left out: the first settings (defaults
        first) whose table, built from ``plan``, prints these rows — same words, spacing and
        separators aside; None when none does (an agency's own table, not the plan's)."""
        title = None if self.title == default_title(plan.title) else self.title
        base = TaskTable(title=title, columns=self.columns or list(DEFAULT_TASK_COLUMNS))
        outline = number_plan(plan)
        present = sorted({entry.level for entry, _ in walk_with_parents(outline)})
        choices: list[list[int] | None] = [None]
        for size in range(1, len(present) + 1):
            choices += [list(c) for c in itertools.combinations(present, size)]
        if max(present, default=0) < MAX_DEPTH:
            choices.append([max(present, default=0) + 1])  # a table of no rows: a level no node has
        printed = self._printed()
        for levels in choices:
            for text in (False, True):
                settings = replace(base, levels=levels, text=text)
                trial = replace(plan, task_table=settings)
                if _rows_of(build_task_table(trial, outline, "", "")) == printed:
                    return settings
        return None

    def _printed(self) -> tuple[str, ...]:
        """The rows as compared: a row's text (a table row's cells, or a line of a text table)
        without spaces and separators, the header a page break repeated (Word repeats it on every
        page) left out."""
        header = _squeezed("".join(self.columns))
        rows = [_squeezed("".join(c or "" for c in row)) for row in self.rows]
        rows += [_squeezed(line) for line in self.text]
        return tuple(r for r in rows if r and r != header)

    def as_appendix(self) -> Appendix:
        """The whole table as a further attachment keeps it: a table (header row first) when its
        rows have cells, its lines as paragraphs when they have none."""
        tables = [Table(rows=[list(self.columns), *self.rows])] if self.rows else []
        text = [" ".join(self.columns), *self.text] if not self.rows else list(self.text)
        return Appendix(title=self.title, tables=tables, text=text)


def _squeezed(text: str) -> str:
    return re.sub(r"[\s|:：\-—]+", "", text)


def _rows_of(table: TaskTableView) -> tuple[str, ...]:
    """The rows ``table`` prints, as :meth:`FoundTable._printed` compares them (section rows too;
    a row of empty cells prints as nothing in a text table)."""
    out: list[str] = []
    for group in table.groups:
        out.append(_squeezed(group.heading))
        out.extend(_squeezed("".join(row.cells[c] for c in table.columns)) for row in group.rows)
    return tuple(t for t in out if t)


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
