"""The structured fields a rollover always changes: ``plan.year``, the 发文字号 (year advanced,
序号 cleared) and the dates (成文日期, 印发日期 set to ``null`` where they stand)."""

from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from ..docnumber import find_doc_number, parse_doc_number
from ..i18n import _
from .result import FieldChange, ReviewItem
from .state import RolloverState
from .yaml_edits import Edit, Path_, child

_NULL = "tag:yaml.org,2002:null"


def change_fields(state: RolloverState) -> None:
    plan = child(state.root, "plan")
    notice = child(state.root, "notice")
    year_node = child(plan, "year")
    assert isinstance(year_node, ScalarNode)
    _replace_year_in(state, year_node, "plan.year", ("plan", "year"))
    if state.old != state.new and not re.search(rf"{state.old}\s*年", state.document.plan.title):
        line = state.lines.line(child(plan, "title").start_mark.index)  # type: ignore[union-attr]
        state.review.append(
            ReviewItem(
                "warning",
                "plan.title",
                line,
                state.document.plan.title,
                _("the title names no year to change"),
            )
        )
    number = child(notice, "doc_number")
    if number is not None:
        _doc_number(state, number)
    for key in ("date", "print_date"):
        node = child(notice, key)
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            _set_null(state, node, f"notice.{key}", ("notice", key))


def _replace_year_in(state: RolloverState, node: ScalarNode, label: str, path: Path_) -> None:
    source = state.text[node.start_mark.index : node.end_mark.index]
    found = re.search(rf"(?<!\d){state.old}(?!\d)", source)
    if found is None or state.old == state.new:
        return
    start = node.start_mark.index + found.start()
    state.edits.append(Edit(start, start + 4, str(state.new)))
    state.changes.append(FieldChange(label, state.lines.line(start), str(state.old), str(state.new)))
    state.set_data(path, state.new)


def _set_null(state: RolloverState, node: ScalarNode, label: str, path: Path_) -> None:
    start, end = node.start_mark.index, node.end_mark.index
    state.edits.append(Edit(start, end, "null"))
    state.changes.append(FieldChange(label, state.lines.line(start), state.text[start:end], "null"))
    state.set_data(path, None)


def _doc_number(state: RolloverState, node: Node) -> None:
    if isinstance(node, MappingNode):
        year = child(node, "year")
        if isinstance(year, ScalarNode):
            _replace_year_in(state, year, "notice.doc_number.year", ("notice", "doc_number", "year"))
        serial = child(node, "serial")
        if isinstance(serial, ScalarNode) and serial.tag != _NULL:
            _set_null(state, serial, "notice.doc_number.serial", ("notice", "doc_number", "serial"))
        return
    assert isinstance(node, ScalarNode)
    start, end = node.start_mark.index, node.end_mark.index
    source = state.text[start:end]
    # 代字〔YYYY〕N号 → 代字〔YYYY+1〕号: the model parses a 文号 without 序号 as serial None.
    found = find_doc_number(source)  # in the scalar's source, which may be quoted
    parsed = parse_doc_number(str(node.value))
    if found is None or parsed is None:
        return
    year = source[slice(*found.year_span)]
    new = str(state.new) if state.new != state.old else year
    if year != new:
        state.edits.append(Edit(start + found.year_span[0], start + found.year_span[1], new))
    if found.number_span is not None:
        state.edits.append(Edit(start + found.number_span[0], start + found.number_span[1], ""))
    old_text = str(node.value)
    parsed.update(year=int(new), serial=None)
    state.changes.append(
        FieldChange(
            "notice.doc_number",
            state.lines.line(start),
            old_text,
            f"{parsed['prefix']}〔{parsed['year']}〕号",
        )
    )
    state.set_data(("notice", "doc_number"), parsed)
