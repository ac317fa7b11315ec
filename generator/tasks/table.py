"""The rows of the 重点任务分工表, computed once from the model and its numbering.

Every writer (txt, md, html, docx), the lint rules and the ledger take their rows from here: which
nodes are tasks (:func:`task_entries`), each node's label path (``一、（三）``, from ``numbering``,
never recounted) and the printed cells. A row is a node; the table is grouped by section, each
group opened by a row spanning the table with the section's label and heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..model import Node, Plan, TaskColumn, TaskTable
from ..numbering import Numbered, points_inline
from ..title_lines import width_zi

LANDSCAPE_AFTER = 4
"""More columns than this do not fit a portrait 版心 legibly: the table is set landscape (GB/T 9704 §8)."""

TASK_WEIGHT = 1.6
"""How much wider than the other long columns 重点任务 may grow when the widths are cut."""

DEFAULT_TASK_LEVEL = 2
"""Rows of a plan whose nodes carry no task field yet: its （一） items, the unit a 分工表 assigns."""


def has_task_fields(node: Node) -> bool:
    """牵头单位, 责任单位, 完成时限 or 指标 given: the node is a task of the table."""
    return bool(node.lead or node.owners or node.deadline or node.targets)


def walk_with_parents(outline: list[Numbered]) -> Iterator[tuple[Numbered, tuple[Numbered, ...]]]:
    """Every entry with its ancestors (outermost first), in document order."""

    def visit(
        entry: Numbered, parents: tuple[Numbered, ...]
    ) -> Iterator[tuple[Numbered, tuple[Numbered, ...]]]:
        yield entry, parents
        for child in entry.children:
            yield from visit(child, (*parents, entry))

    for entry in outline:
        yield from visit(entry, ())


def task_entries(plan: Plan, outline: list[Numbered]) -> list[tuple[Numbered, tuple[Numbered, ...]]]:
    """The nodes that are tasks, with their ancestors: the nodes at ``task_table.levels`` when
    given, else those carrying task fields; a plan where none does yet lists its （一） items (or its
    sections when it has no deeper level), so a ledger or a table can be drawn up before they are."""
    entries = list(walk_with_parents(outline))
    levels = plan.task_table.levels if plan.task_table is not None else None
    if levels:
        return [(e, p) for e, p in entries if e.level in levels]
    chosen = [(e, p) for e, p in entries if has_task_fields(e.node)]
    if chosen:
        return chosen
    level = DEFAULT_TASK_LEVEL if any(e.level == DEFAULT_TASK_LEVEL for e, _ in entries) else 1
    return [(e, p) for e, p in entries if e.level == level]


def label_path(entry: Numbered, parents: tuple[Numbered, ...]) -> str:
    """The labels of a node and its ancestors as printed, outermost first: 一、（三）."""
    return "".join(p.label for p in (*parents, entry))


def cell_heading(node: Node, with_text: bool = False) -> str:
    """The 重点任务 cell of a node: its heading, or with ``with_text`` the node as printed. A node
    with no heading (an item that is one paragraph, as rule sets and imported lists write them:
    （一）依法合规经营，…) shows its text: an empty cell would say nothing to the office, and the
    ledger's rows of such items could not be told apart when read back."""
    heading = (node.heading or "").strip()
    if (with_text or not heading) and (node.points or node.text):
        # as the plan prints the node: heading, inline points (一是…), then its paragraphs
        return heading + points_inline(node.points) + "".join(node.text)
    # a cell is no sentence: the heading's closing 。 is dropped (一、（一）落实核心制度)
    return heading.removesuffix("。")


def default_title(plan_title: str) -> str:
    """2025年…工作要点 → 2025年…工作重点任务分工表."""
    return (
        plan_title.removesuffix("要点") + "重点任务分工表"
        if plan_title.endswith("工作要点")
        else (plan_title + "重点任务分工表")
    )


class TaskRow(NamedTuple):
    """One task: its node, label path and the printed cells."""

    number: int  # 序号, 1 … through the whole table
    entry: Numbered
    path: str  # 一、（三）
    heading: str  # the heading as the cell prints it
    cells: dict[str, str]

    @property
    def node(self) -> Node:
        return self.entry.node

    def line(self, columns: list[TaskColumn]) -> str:
        """The row's cells in ``columns`` apart by tabs: a line of the plain-text table."""
        return "\t".join(self.cells[c] for c in columns)


class TaskGroup(NamedTuple):
    """The rows under one section, opened by a row spanning the table: 一、提升医疗质量安全水平."""

    heading: str
    rows: list[TaskRow]


class TaskTableView(NamedTuple):
    """The 分工表 as printed: 附件 label, title, column names and the grouped rows."""

    label: str  # 附件2; '' when the 附件说明 does not name it
    title: str
    columns: list[TaskColumn]
    groups: list[TaskGroup]

    @property
    def landscape(self) -> bool:
        return len(self.columns) > LANDSCAPE_AFTER

    @property
    def rows(self) -> list[TaskRow]:
        return [row for group in self.groups for row in group.rows]

    def column_widths(self, available_zi: float, padding_zi: float = 1.0) -> list[float]:
        """Column widths in 字 summing to ``available_zi``: each column as wide as its longest cell
        would like, never narrower than its header (序号: two digits). When they do not all fit,
        the widest are cut to one common width (water-filling), so short columns (完成时限,
        牵头单位) stay on one line and the long texts wrap; spare room goes to the text columns."""
        natural, least = [], []
        for column in self.columns:
            longest = max((width_zi(row.cells[column]) for row in self.rows), default=0.0)
            lo = (2 if column == "序号" else width_zi(column)) + padding_zi
            natural.append(max(lo, longest + padding_zi))
            least.append(lo)
        if sum(least) >= available_zi:
            return [available_zi * lo / sum(least) for lo in least]
        if sum(natural) <= available_zi:
            wide = [i for i, c in enumerate(self.columns) if c not in ("序号", "完成时限")] or [0]
            share = (available_zi - sum(natural)) / len(wide)
            return [w + (share if i in wide else 0.0) for i, w in enumerate(natural)]
        # 重点任务 is what the table is read for: it may grow to a larger share than the others
        weight = [TASK_WEIGHT if c == "重点任务" else 1.0 for c in self.columns]

        def capped(cap: float) -> list[float]:
            return [max(lo, min(n, cap * w)) for n, lo, w in zip(natural, least, weight, strict=True)]

        low, high = 0.0, max(natural)
        for _ in range(60):  # the cap at which the capped widths fill the line exactly
            cap = (low + high) / 2
            if sum(capped(cap)) > available_zi:
                high = cap
            else:
                low = cap
        widths = capped(low)
        cut = [i for i, (w, n) in enumerate(zip(widths, natural, strict=True)) if w < n] or [0]
        rest = (available_zi - sum(widths)) / len(cut)
        return [w + (rest if i in cut else 0.0) for i, w in enumerate(widths)]


def _cells(number: int, task: str, node: Node) -> dict[str, str]:
    return {
        "序号": str(number),
        "重点任务": task,
        "牵头单位": node.lead or "",
        "责任单位": "、".join(node.owners),
        "完成时限": node.deadline or "",
        "工作目标": "；".join(node.targets),
    }


def build_task_table(plan: Plan, outline: list[Numbered], label: str, title: str) -> TaskTableView:
    """The table of ``plan`` (whose ``task_table`` is set) from its numbered ``outline``."""
    settings = plan.task_table or TaskTable()
    groups: list[TaskGroup] = []
    current: Numbered | None = None
    number = 0
    for entry, parents in task_entries(plan, outline):
        section = parents[0] if parents else entry
        if section is not current:
            current = section
            groups.append(TaskGroup(section.label + (section.node.heading or "").strip(), []))
        number += 1
        heading = cell_heading(entry.node, settings.text)
        path = label_path(entry, parents)
        row = TaskRow(number, entry, path, heading, _cells(number, path + heading, entry.node))
        groups[-1].rows.append(row)
    return TaskTableView(label, title, list(settings.columns), groups)
