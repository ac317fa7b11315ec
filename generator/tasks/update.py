"""``workplan tasks PLAN --update LEDGER``: the ledger's status changes written into the plan YAML.

The YAML text is edited in place at the positions of its node tree, with the rollover's edits
(:mod:`generator.rollover.yaml_edits`): a changed ``status:`` value is replaced, a new one inserted
as one line after the node's own fields, a cleared one removed — every other byte stays. A ledger
row is matched to its node by id, else by its label path and heading (tasks alike in both only where
the pairing cannot matter); a row whose node is gone (or has moved, so the path names another task),
two rows of one task with different statuses, are refused with the row named, and nothing is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Problem
from ..i18n import _
from ..load import load_text
from ..model import Document
from ..model import Node as PlanNode
from ..numbering import Numbered, number_plan
from ..rollover.yaml_edits import Edit, Lines, apply_edits
from .deadlines import parse_deadline
from .ledger import STATUS_LABELS, ReadRow
from .table import cell_heading, label_path, walk_with_parents


@dataclass(frozen=True)
class StatusChange:
    """One status written: the task and its status before and after ('' for none)."""

    path: str
    heading: str
    old: str
    new: str
    line: int  # of the plan YAML, after the update

    def __str__(self) -> str:
        def shown(code: str) -> str:
            if code in STATUS_LABELS:
                return _("{label} ({code})").format(label=STATUS_LABELS[code], code=code)
            return _("(none)")

        return _("{task}: {old} → {new}").format(
            task=f"{self.path}{self.heading}", old=shown(self.old), new=shown(self.new)
        )


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).removesuffix("。")


def _path_key(text: str) -> str:
    """A label path as typed again: (一) for （一）, 1． for 1., spaces — one key (NFKC folds widths)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _node_loc(path: tuple[int, ...]) -> tuple[str | int, ...]:
    loc: list[str | int] = ["plan", "sections", path[0]]
    for index in path[1:]:
        loc += ["items", index]
    return tuple(loc)


class _Index:
    """The plan's nodes by id and by label path, to find a ledger row's task."""

    def __init__(self, document: Document, ledger: str, rows: list[ReadRow]) -> None:
        self.ledger = ledger
        every = [(e, label_path(e, p)) for e, p in _all(number_plan(document.plan))]
        self.by_id = {e.node.id: (e, path) for e, path in every if e.node.id}
        self.by_path: dict[str, list[tuple[Numbered, str]]] = {}
        for e, path in every:
            self.by_path.setdefault(_path_key(path), []).append((e, path))
        # Twins: tasks alike in 编号 and 重点任务 (（四）其他严重违纪行为 closing two lists under
        # unnumbered articles). Nothing in their rows tells them apart, so they are matched only
        # where the pairing cannot matter: as many rows as tasks, and the rows all of one 状态 or
        # with the very statuses the tasks have (a ledger read back as written) — else refused.
        self._twins: dict[int, list[ReadRow]] = {}  # row line → the rows alike with it
        alike: dict[tuple[str, str], list[ReadRow]] = {}
        for read in rows:
            if not read.row.id:
                alike.setdefault((_path_key(read.row.path), _key(read.row.heading)), []).append(read)
        for group in alike.values():
            for read in group:
                self._twins[read.line] = group

    def _problem(self, read: ReadRow, field: str, message: str, hint: str, **values: object) -> Problem:
        """A refusal of ``read`` at its cell of ``field``; ``message`` names the row as {where}."""
        where = _("row {line}").format(line=read.line)
        return Problem(
            self.ledger, read.line, read.columns.get(field, 1), message.format(where=where, **values), hint
        )

    def find(self, read: ReadRow) -> tuple[Numbered, str] | Problem:
        """The row's task, or the problem naming the row (and the cell) and what to do."""
        row = read.row
        if row.id:
            found = self.by_id.get(row.id)
            if found is None:
                return self._problem(
                    read,
                    "id",
                    _("{where}: no task with id {id} in the plan any more"),
                    _("write the ledger again with `workplan tasks`, or remove the row"),
                    id=repr(row.id),
                )
            return found
        unnumbered = [
            c for c in self.by_path.get("", []) if _key(cell_heading(c[0].node)) == _key(row.heading)
        ]
        if not row.path.strip() and len(unnumbered) != 1:
            # A row the office typed in (no unnumbered heading of the plan reads so): the ledger is
            # no place to add tasks to the plan.
            return self._problem(
                read,
                "path",
                _("{where}: a task added in the ledger (no ID, no 编号): “{heading}”"),
                _(
                    "add the task to the plan (workplan serve, or the YAML) and write the ledger again, "
                    "or remove the row"
                ),
                heading=row.heading.strip() or _("(empty)"),
            )
        candidates = self.by_path.get(_path_key(row.path), [])
        if len(candidates) > 1:  # unnumbered headings share a path: the heading tells them apart
            candidates = [c for c in candidates if _key(cell_heading(c[0].node)) == _key(row.heading)]
        if len(candidates) > 1:  # twins: alike in 编号 and 重点任务
            group = self._twins.get(read.line, [read])
            statuses = [r.row.status for r in group]
            if len(group) == len(candidates) and (
                len(set(statuses)) == 1 or statuses == [c[0].node.status or "" for c in candidates]
            ):
                return candidates[group.index(read)]
            if len(group) == len(candidates):
                return self._problem(
                    read,
                    "status",
                    _(
                        "{where}: {count} tasks of the plan read {path}{heading}, and their rows differ "
                        "only in 状态 — which task has which status cannot be told"
                    ),
                    _("give these nodes an id in the plan (id: …), then write the ledger again"),
                    count=len(candidates),
                    path=row.path,
                    heading=row.heading,
                )
            rows = len(group)
            return self._problem(
                read,
                "path",
                _(
                    "{where}: {count} tasks of the plan read {path}{heading}, and the ledger has {rows} "
                    "of them — which row is which task cannot be told"
                ),
                _("give these nodes an id in the plan (id: …), then write the ledger again"),
                count=len(candidates),
                path=row.path,
                heading=row.heading,
                rows=rows,
            )
        if len(candidates) != 1:
            what = _("no task") if not candidates else _("{count} tasks").format(count=len(candidates))
            return self._problem(
                read,
                "path",
                _("{where}: {what} numbered {path} in the plan"),
                _("give the node an id, or write the ledger again with `workplan tasks`"),
                what=what,
                path=row.path,
            )
        found = candidates[0]
        now = cell_heading(found[0].node)
        if _key(now) != _key(row.heading):
            return self._problem(
                read,
                "heading",
                _("{where}: {path} is now “{now}”, not “{heading}” — the plan changed"),
                _("write the ledger again with `workplan tasks`, or give the node an id"),
                path=row.path,
                now=now,
                heading=row.heading,
            )
        return found


def _match(
    rows: list[ReadRow], document: Document, ledger: str
) -> tuple[list[tuple[Numbered, str, str]], list[Problem]]:
    """(entry, path, new status) for every row whose status differs, and the rows refused."""
    index = _Index(document, ledger, rows)
    problems: list[Problem] = []
    changes: list[tuple[Numbered, str, str]] = []
    first_row: dict[tuple[int, ...], ReadRow] = {}  # task → the first row found for it
    for read in rows:
        row = read.row
        if row.status and row.status not in STATUS_LABELS:
            problems.append(
                index._problem(
                    read,
                    "status",
                    _("{where}: status {status} is not a status"),
                    _("choose {choices} or leave it empty").format(choices="、".join(STATUS_LABELS.values())),
                    status=repr(row.status),
                )
            )
            continue
        found = index.find(read)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        entry, path = found
        earlier = first_row.setdefault(entry.path, read)
        if earlier is not read:
            # Two rows name one task (an ID or 编号 cell merged over both, a row copied): the same
            # status twice says nothing new; two different ones cannot both be written.
            if earlier.row.status != row.status:
                problems.append(
                    index._problem(
                        read,
                        "status",
                        _(
                            "{where} and row {other} are both the task {path}, with different "
                            "statuses ({status}, {other_status})"
                        ),
                        _("keep one row per task: undo the merged ID or 编号 cells, or remove the copy"),
                        other=earlier.line,
                        path=path + cell_heading(entry.node),
                        status=STATUS_LABELS.get(row.status, _("(empty)")),
                        other_status=STATUS_LABELS.get(earlier.row.status, _("(empty)")),
                    )
                )
            continue
        if (entry.node.status or "") != row.status:
            changes.append((entry, path, row.status))
    return changes, problems


def _cells(node: PlanNode, plan_year: int) -> dict[str, str]:
    """A node's task fields as the ledger prints them (see :func:`~.ledger.ledger_rows`)."""
    due = parse_deadline(node.deadline, plan_year)
    return {
        "heading": cell_heading(node),
        "lead": node.lead or "",
        "owners": "、".join(node.owners),
        "deadline": node.deadline or "",
        "due": due.isoformat() if due else "",
        "targets": "；".join(node.targets),
    }


def unwritten_edits(rows: list[ReadRow], document: Document, ledger: str) -> list[Problem]:
    """Warnings for the cells an office changed that ``--update`` does not write (a new 牵头单位, a
    完成时限 retyped): only 状态 goes into the plan, and silence would let the clerk think it had."""
    from .ledger import HEADERS

    index = _Index(document, ledger, rows)
    out = []
    for read in rows:
        found = index.find(read)
        if isinstance(found, Problem):
            continue
        plan_cells = _cells(found[0].node, document.plan.year)
        row = read.row
        for key, now in plan_cells.items():
            if key not in read.columns:
                continue  # a column the office deleted says nothing
            given = row.due.isoformat() if key == "due" and row.due else getattr(row, key)
            if key == "due" and not row.due:
                continue  # a date typed so that it is not one: 完成时限 is what counts
            if _key(str(given)) == _key(now):
                continue
            problem = index._problem(
                read,
                key,
                _(
                    "{where}: {column} in the ledger is “{given}”, in the plan “{now}” — "
                    "--update writes only 状态"
                ),
                _("change it in the plan (workplan serve, or the YAML), then write the ledger again"),
                column=HEADERS[key],
                given=given,
                now=now or _("(empty)"),
            )
            out.append(replace(problem, severity="warning"))
    return out


def _all(outline: list[Numbered]) -> list[tuple[Numbered, tuple[Numbered, ...]]]:
    return list(walk_with_parents(outline))


def update_statuses(
    plan_text: str, plan_name: str, rows: list[ReadRow], ledger: str
) -> tuple[str, list[StatusChange]]:
    """The plan YAML with the ledger's statuses written in, and the changes; refused rows raise
    :class:`InputError` naming each (nothing is changed then)."""
    document = load_text(plan_text, plan_name)
    changes, problems = _match(rows, document, ledger)
    if problems:
        raise InputError(problems)
    root = _compose(plan_text)
    lines = Lines(plan_text)
    edits: list[Edit] = []
    for entry, _path, new in changes:
        node = node_at(root, _node_loc(entry.path))
        if not isinstance(node, MappingNode) or node.flow_style:
            raise InputError(
                [
                    Problem(
                        plan_name,
                        node.start_mark.line + 1 if node else 1,
                        1,
                        _(
                            "this node is written in flow style ({braces}); its status cannot be set in place"
                        ).format(braces="{…}"),
                        _("write the node as a block mapping (one key a line)"),
                    )
                ]
            )
        edits.append(_status_edit(plan_text, lines, node, new))
    text = apply_edits(plan_text, edits)
    updated = load_text(text, plan_name)  # the edit must leave a plan that loads, with these statuses
    by_path = {e.path: e for e in _walk(number_plan(updated.plan))}
    new_lines = Lines(text)
    report = []
    for (entry, path, new), edit in zip(changes, edits, strict=True):
        assert (by_path[entry.path].node.status or "") == new
        # where the edit landed: its offset moved by the edits before it (no second parse)
        shift = sum(len(e.new) - (e.end - e.start) for e in edits if e.start < edit.start)
        line = new_lines.line(edit.start + shift + (len(edit.new) - len(edit.new.lstrip("\r\n"))))
        report.append(StatusChange(path, cell_heading(entry.node), entry.node.status or "", new, line))
    return text, report


def _compose(text: str) -> Node:
    """The node tree with exact character positions, from libyaml (the loader's own parser; the
    same positions ruamel gives the rollover, ~15× faster on a 2,000-task plan)."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def node_at(root: Node, path: tuple[str | int, ...]) -> Node | None:
    node: Node | None = root
    for part in path:
        if isinstance(part, int):
            node = node.value[part] if isinstance(node, SequenceNode) else None
        elif isinstance(node, MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        else:
            node = None
    return node


def last_content(node: Node) -> int:
    """Offset just after the last character of a node's content (scalars end exactly there)."""
    if isinstance(node, ScalarNode):
        return node.end_mark.index
    children: list[Node] = []
    if isinstance(node, MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    return max((last_content(c) for c in children), default=node.end_mark.index)


def _walk(outline: list[Numbered]) -> list[Numbered]:
    return [e for top in outline for e in top.walk()]


def _status_edit(text: str, lines: Lines, node: MappingNode, new: str) -> Edit:
    """Replace, insert or remove the ``status:`` of a block mapping node."""
    keys = [(k, v) for k, v in node.value]
    for key, value in keys:
        if getattr(key, "value", None) != "status":
            continue
        if new:
            assert isinstance(value, ScalarNode)
            return Edit(value.start_mark.index, value.end_mark.index, new)
        # cleared: the key's whole line goes (a status shares its line with nothing else)
        line = lines.line(key.start_mark.index)
        return Edit(lines.start_of(line), lines.end_of(line), "")
    # a new key, after the node's own fields (before its items and tables), at its keys' indent
    own = [(k, v) for k, v in keys if getattr(k, "value", None) not in ("items", "tables")] or keys
    after = lines.line(last_content(own[-1][1]) - 1)
    indent = " " * keys[0][0].start_mark.column
    at = lines.end_of(after)
    newline = "\r\n" if "\r\n" in text else "\n"
    prefix = "" if text[:at].endswith(("\n", "\r")) else newline
    return Edit(at, at, f"{prefix}{indent}status: {new}{newline}")


def update_plan_file(plan: Path, ledger_path: Path, rows: list[ReadRow]) -> tuple[str, list[StatusChange]]:
    """:func:`update_statuses` on the file ``plan``."""
    return update_statuses(plan.read_text(encoding="utf-8"), str(plan), rows, str(ledger_path))
