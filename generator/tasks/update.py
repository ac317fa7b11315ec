"""``workplan tasks PLAN --update LEDGER``: the ledger's status changes written into the plan YAML.

The YAML text is edited in place at the positions of its node tree, with the rollover's edits
(:mod:`generator.rollover.yaml_edits`): a changed ``status:`` value is replaced, a new one inserted
as one line after the node's own fields, a cleared one removed — every other byte stays. A ledger
row is matched to its node by id, else by its label path and heading; a row whose node is gone
(or has moved, so the path names another task) is refused with the row named, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Problem
from ..i18n import _
from ..load import load_text
from ..model import Document
from ..numbering import Numbered, number_plan
from ..rollover.yaml_edits import Edit, Lines, apply_edits
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
            return f"{STATUS_LABELS[code]} ({code})" if code in STATUS_LABELS else "（无）"

        return f"{self.path}{self.heading}: {shown(self.old)} → {shown(self.new)}"


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).removesuffix("。")


def _node_loc(path: tuple[int, ...]) -> tuple[str | int, ...]:
    loc: list[str | int] = ["plan", "sections", path[0]]
    for index in path[1:]:
        loc += ["items", index]
    return tuple(loc)


def _match(
    rows: list[ReadRow], document: Document, ledger: str
) -> tuple[list[tuple[Numbered, str, str]], list[Problem]]:
    """(entry, path, new status) for every row whose status differs, and the rows refused."""
    outline = number_plan(document.plan)
    every = [(e, label_path(e, p)) for e, p in _all(outline)]
    by_id = {e.node.id: (e, path) for e, path in every if e.node.id}
    by_path: dict[str, list[tuple[Numbered, str]]] = {}
    for e, path in every:
        by_path.setdefault(path, []).append((e, path))
    problems: list[Problem] = []
    changes: list[tuple[Numbered, str, str]] = []
    for read in rows:
        row, where = read.row, _("row {line}").format(line=read.line)
        if row.status and row.status not in STATUS_LABELS:
            problems.append(
                Problem(
                    ledger,
                    read.line,
                    1,
                    _("{where}: status {status} is not a status").format(
                        where=where, status=repr(row.status)
                    ),
                    _("choose {choices} or leave it empty").format(choices="、".join(STATUS_LABELS.values())),
                )
            )
            continue
        if row.id:
            found = by_id.get(row.id)
            if found is None:
                problems.append(
                    Problem(
                        ledger,
                        read.line,
                        1,
                        _("{where}: no task with id {id} in the plan any more").format(
                            where=where, id=repr(row.id)
                        ),
                        _("write the ledger again with `workplan tasks`, or remove the row"),
                    )
                )
                continue
        else:
            candidates = by_path.get(row.path, [])
            if len(candidates) != 1:
                what = _("no task") if not candidates else _("{count} tasks").format(count=len(candidates))
                problems.append(
                    Problem(
                        ledger,
                        read.line,
                        1,
                        _("{where}: {what} numbered {path} in the plan").format(
                            where=where, what=what, path=row.path or _("(empty)")
                        ),
                        _("give the node an id, or write the ledger again with `workplan tasks`"),
                    )
                )
                continue
            found = candidates[0]
            now = cell_heading(found[0].node)
            if _key(now) != _key(row.heading):
                problems.append(
                    Problem(
                        ledger,
                        read.line,
                        1,
                        _("{where}: {path} is now “{now}”, not “{heading}” — the plan changed").format(
                            where=where, path=row.path, now=now, heading=row.heading
                        ),
                        _("write the ledger again with `workplan tasks`, or give the node an id"),
                    )
                )
                continue
        entry, path = found
        if (entry.node.status or "") != row.status:
            changes.append((entry, path, row.status))
    return changes, problems


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
