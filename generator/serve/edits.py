"""Edits of a plan's YAML *text* from the editor's operations, keeping every untouched byte.

The page sends operations on the plan's data (set a field, insert/delete/move an outline node);
each is carried out as a splice of the source text at positions from the composed node tree
(as :mod:`generator.rollover.yaml_edits` does for rollover), never by dumping the data
again: comments, key order, quoting and every other line stay byte for byte, a changed value
changes only its scalar, a structural edit only the lines of the items it adds, moves or removes.

After each operation the text is parsed again and compared with the operation applied to the plain
data (:func:`expected_data`); a splice that would mean something else is refused, never saved.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..i18n import _
from ..model import Document, Notice, Plan
from ..model import Node as PlanNode
from ..model_tools import field_specs
from ..rollover.yaml_edits import Edit, apply_edits, item_span, last_content
from .yaml_text import (
    DATE_KEYS,
    EditError,
    Path_,
    YamlText,
    acyclic,
    block_lines,
    child,
    column,
    dedent_lines,
    ensure_newline,
    entry_lines,
    find_key,
    flow_list,
    format_scalar,
    indent_lines,
    line_end,
    line_start,
    parse_data,
)

__all__ = ["EditError", "apply_op", "apply_ops", "expected_data"]

_NULL = "tag:yaml.org,2002:null"


def _shown(path: Sequence[object]) -> str:
    """A data path as a message names it: plan.sections.5 (the YAML path the messages use)."""
    return ".".join(map(str, path)) or "."


# --- model key order ------------------------------------------------------------------------------


def _order_for(path: Path_) -> list[str]:
    """The model's field order for the mapping at ``path`` (new keys go in that order)."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return list(field_specs(Document))
    if names[0] == "notice":
        return list(field_specs(Notice)) if len(names) == 1 else []
    if names[-1] in ("sections", "items") or (path and isinstance(path[-1], int)):
        # A node's children read best after all of its own fields, whatever the model's order.
        return [name for name in field_specs(PlanNode) if name != "items"] + ["items"]
    if names == ["plan"]:
        return [name for name in field_specs(Plan) if name != "sections"] + ["sections"]
    return []


# --- operations ------------------------------------------------------------------------------------


def _remove_key(t: YamlText, mapping: MappingNode, key: str) -> list[Edit]:
    key_node = find_key(mapping, key)
    value = child(mapping, key)
    if key_node is None or value is None:
        return []
    start = line_start(t.text, key_node.start_mark.index)
    end = line_end(t.text, last_content(value))
    if len(mapping.value) == 1:
        # The mapping's only key: leave `{}` so the parent still holds a mapping.
        return [Edit(key_node.start_mark.index, last_content(value), "{}")]
    return [Edit(start, end, "")]


def _add_key(t: YamlText, mapping: MappingNode, path: Path_, key: str, value: Any) -> list[Edit]:
    """Insert ``key: value`` into ``mapping`` (at ``path``) before the first key the model orders after it."""
    seq_indent = t.sequence_indent()
    if mapping.flow_style or not mapping.value:
        data = {key: value}
        if mapping.value:  # a flow mapping with keys: rewrite it as flow text
            return [
                Edit(mapping.start_mark.index, mapping.end_mark.index, _flow_mapping(t, mapping, key, value))
            ]
        # `key: {}` → a block mapping on the next lines, indented under its key.
        start = mapping.start_mark.index
        start -= 1 if t.text[start - 1] == " " else 0
        text = "\n" + block_lines(data, _owner_column(t, mapping) + 2, seq_indent)
        return [Edit(start, mapping.end_mark.index, text.rstrip("\n"))]
    indent = t.mapping_indent(mapping)
    entry = entry_lines(key, value, indent, seq_indent)
    order = _order_for(path)
    if key in order:
        rank = order.index(key)
        for k, _value in mapping.value:
            name = getattr(k, "value", None)
            if name in order and order.index(name) > rank:
                return [_before_key(t, k, entry, indent)]
    at = line_end(t.text, last_content(mapping))
    prefix = "" if t.text[:at].endswith("\n") or at == 0 else "\n"
    return [Edit(at, at, prefix + entry)]


def _before_key(t: YamlText, key: Node, entry: str, indent: int) -> Edit:
    """Insert ``entry`` (whole lines at ``indent``) before the mapping key ``key``. A key on its
    item's dash line (``- text:``, an item without a heading, as import writes them) takes the
    entry after the dash, and moves to a line of its own: inserted above the dash, the entry
    would belong to the item before."""
    at = line_start(t.text, key.start_mark.index)
    if t.text[at : key.start_mark.index].strip():
        return Edit(key.start_mark.index, key.start_mark.index, entry.lstrip(" ") + " " * indent)
    return Edit(at, at, entry)


def _is_null(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _owner_column(t: YamlText, node: Node) -> int:
    """Column of the key that owns ``node`` (for an empty `{}`/`[]` value turned into a block)."""
    start = line_start(t.text, node.start_mark.index)
    line = t.text[start : node.start_mark.index]
    stripped = line.lstrip(" ")
    col = len(line) - len(stripped)
    while stripped.startswith("- "):
        col += 2
        stripped = stripped[2:]
    return col


def _flow_mapping(t: YamlText, mapping: MappingNode, key: str, value: Any) -> str:
    data = parse_data(t.text[mapping.start_mark.index : mapping.end_mark.index]) or {}
    data[key] = value
    parts = [
        f"{k}: {format_scalar(v, key=k, flow=True) if not isinstance(v, list) else flow_list(v, k)}"
        for k, v in data.items()
    ]
    return "{" + ", ".join(parts) + "}"


def _set(t: YamlText, path: Path_, value: Any) -> list[Edit]:
    """Set the value at ``path``; ``None`` or an empty list/string removes an optional key."""
    if not path:
        raise EditError(_("cannot replace the whole file"))
    parent_path, key = path[:-1], path[-1]
    parent = t.node(parent_path)
    if parent is None or _is_null(parent):
        # Create the missing parents as one nested mapping (`notice: null`, a bare plan, becomes
        # the notice the clerk starts to fill in).
        for depth in range(len(parent_path) - 1, -1, -1):
            if isinstance(parent_path[depth], int):
                raise EditError(_("no list entry at {place}").format(place=_shown(parent_path[: depth + 1])))
            holder = t.node(parent_path[:depth])
            if holder is not None and not _is_null(holder):
                nested: Any = value
                for part in reversed(path[depth + 1 :]):
                    nested = {part: nested}
                if _empty(value):
                    return []
                if not isinstance(holder, MappingNode):
                    raise EditError(_("{place} is not a mapping").format(place=_shown(parent_path[:depth])))
                name = str(parent_path[depth])
                null = child(holder, name)
                if _is_null(null):
                    return _fill_null(t, holder, name, null, nested)
                return _add_key(t, holder, parent_path[:depth], name, nested)
        raise EditError(_("no such place {place}").format(place=_shown(path)))
    if isinstance(parent, SequenceNode) and isinstance(key, int):
        current = child(parent, key)
        if current is None:
            raise EditError(_("no list entry at {place}").format(place=_shown(path)))
        return _replace(t, current, value, key=_owning_key(parent_path))
    if not isinstance(parent, MappingNode) or not isinstance(key, str):
        raise EditError(_("{place} is not a mapping").format(place=_shown(parent_path)))
    current = child(parent, key)
    if current is None:
        if _empty(value) and not (key == "attachments" and value == []):
            return []
        return _add_key(t, parent, parent_path, key, value)
    if _empty(value) and not (key == "attachments" and value == []):
        # Removing a mapping's last key removes the mapping's own key too (no `numbering: {}`).
        while len(parent.value) == 1 and parent_path and isinstance(parent_path[-1], str):
            holder = t.node(parent_path[:-1])
            if not isinstance(holder, MappingNode):
                break
            parent, key, parent_path = holder, parent_path[-1], parent_path[:-1]
        return _remove_key(t, parent, key)
    return _replace(t, current, value, key=key)


def _fill_null(t: YamlText, holder: MappingNode, key: str, null: Node, value: dict[str, Any]) -> list[Edit]:
    """``key: null`` (or ``key:``) → ``key:`` with ``value`` as a block mapping on the next lines;
    a comment after the null stays on the key's line."""
    key_node = find_key(holder, key)
    assert key_node is not None
    indent = key_node.start_mark.column + 2
    block = block_lines(value, indent, t.sequence_indent())
    start, end = null.start_mark.index, null.end_mark.index
    edits = [Edit(start - (1 if start > 0 and t.text[start - 1] == " " and end > start else 0), end, "")]
    at = line_end(t.text, max(end, key_node.end_mark.index + 1))
    prefix = "" if t.text[:at].endswith("\n") else "\n"
    return [*edits, Edit(at, at, prefix + block)]


def _owning_key(path: Path_) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _replace(t: YamlText, current: Node, value: Any, *, key: str | None) -> list[Edit]:
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return _replace_list(t, current, value, key)
    if isinstance(value, dict):
        if isinstance(current, MappingNode) and not current.flow_style:
            edits: list[Edit] = []
            old = parse_data(t.text[current.start_mark.index : last_content(current)]) or {}
            for k, v in value.items():
                if old.get(k) != v:
                    edits.extend(_set(t, (*_path_of(t, current), k), v))
            for k in old:
                if k not in value:
                    edits.extend(_remove_key(t, current, k))
            return edits
        indent = _owner_column(t, current) + 2
        text = "\n" + block_lines(value, indent, t.sequence_indent())
        return [Edit(current.start_mark.index, last_content(current), text.rstrip("\n"))]
    if isinstance(current, ScalarNode):
        return [_replace_scalar(t, current, value, key)]
    # A list or mapping becomes a scalar: replace the whole value.
    start = current.start_mark.index
    if not current.flow_style:
        start = line_start(t.text, start)
        # the key line keeps "key:"; put the scalar after it
        key_line_end = t.text.rfind("\n", 0, start)
        return [
            Edit(
                key_line_end,
                line_end(t.text, last_content(current)) - 1,
                " " + format_scalar(value, key=key),
            )
        ]
    return [Edit(start, current.end_mark.index, format_scalar(value, key=key))]


def _path_of(t: YamlText, target: Node) -> Path_:
    def find(node: Node, path: Path_) -> Path_ | None:
        if node is target:
            return path
        if isinstance(node, MappingNode):
            for k, v in node.value:
                got = find(v, (*path, k.value))
                if got is not None:
                    return got
        elif isinstance(node, SequenceNode):
            for i, v in enumerate(node.value):
                got = find(v, (*path, i))
                if got is not None:
                    return got
        return None

    found = find(t.root, ())
    if found is None:
        raise EditError(_("node not in tree"))
    return found


def _replace_scalar(t: YamlText, node: ScalarNode, value: Any, key: str | None) -> Edit:
    style = node.style if node.style in ("'", '"') else None
    new = format_scalar(value, key=key, style=style)
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        # A block scalar runs to the next line: keep the break after the replacement.
        end = line_end(t.text, last_content(node)) - 1 if t.text[start:end].endswith("\n") else end
        old_break = t.text[start:end].endswith("\n")
        new = new + ("\n" if old_break else "")
    return Edit(start, end, new)


def _replace_list(t: YamlText, current: Node, values: list[Any], key: str | None) -> list[Edit]:
    if isinstance(current, ScalarNode):
        if len(values) == 1 and current.tag != _NULL:
            return [_replace_scalar(t, current, values[0], key)]
        return [Edit(current.start_mark.index, current.end_mark.index, flow_list(values, key))]
    if isinstance(current, SequenceNode) and (current.flow_style or not current.value):
        return [Edit(current.start_mark.index, current.end_mark.index, flow_list(values, key))]
    if not isinstance(current, SequenceNode):
        raise EditError(_("expected a list here"))
    if not values:
        # An explicit empty list (`attachments: []`, no 附件说明): removing every item would leave
        # `attachments:`, which YAML reads as null — the default, the opposite.
        dash = t.text.rindex("-", 0, current.value[0].start_mark.index)
        colon = t.text.rfind(":", 0, dash)
        return [Edit(colon + 1, line_end(t.text, last_content(current)) - 1, " []")]
    old_nodes = list(current.value)
    if any(not isinstance(n, ScalarNode) for n in old_nodes):
        raise EditError(_("this list holds more than text"))
    old = [_plain_value(t, n) for n in old_nodes]
    dash_col = column(t.text, t.text.rfind("-", 0, old_nodes[0].start_mark.index))
    edits: list[Edit] = []

    def item_bounds(node: ScalarNode) -> tuple[int, int]:
        dash = t.text.rfind("-", 0, node.start_mark.index)
        return line_start(t.text, dash), line_end(t.text, last_content(node))

    def new_lines(items: Sequence[Any]) -> str:
        return "".join(" " * dash_col + "- " + format_scalar(v, key=key) + "\n" for v in items)

    matcher = difflib.SequenceMatcher(a=old, b=values, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(common):
            edits.append(_replace_scalar(t, old_nodes[i1 + k], values[j1 + k], key))
        for k in range(i1 + common, i2):
            start, end = item_bounds(old_nodes[k])
            edits.append(Edit(start, end, ""))
        extra = values[j1 + common : j2]
        if extra:
            if i1 + common < len(old_nodes):
                at = item_bounds(old_nodes[i1 + common])[0]
            else:
                at = item_bounds(old_nodes[-1])[1]
            text = new_lines(extra)
            if at == len(t.text) and not t.text.endswith("\n"):
                text = "\n" + text
            edits.append(Edit(at, at, text))
    return edits


def _plain_value(t: YamlText, node: ScalarNode) -> Any:
    if node.style in ("|", ">", "'", '"'):
        return str(node.value).replace("\a", "")
    return parse_data(t.text[node.start_mark.index : node.end_mark.index])


def _node_block(t: YamlText, item: Node) -> tuple[int, int, str, int]:
    """Span of a sequence item (comments above included), its text dedented to column 0, its dash column."""
    start, end = item_span(t.text, t.lines, item)
    dash = t.text.rindex("-", 0, item.start_mark.index)
    col = column(t.text, dash)
    block = ensure_newline(t.text[start:end])
    return start, end, dedent_lines(block, col), col


def _delete(t: YamlText, path: Path_) -> list[Edit]:
    seq_path, index = path[:-1], path[-1]
    seq = t.node(seq_path)
    if not isinstance(seq, SequenceNode) or not isinstance(index, int) or child(seq, index) is None:
        raise EditError(_("no list entry at {place}").format(place=_shown(path)))
    if seq.flow_style:
        values = parse_data(t.text[seq.start_mark.index : seq.end_mark.index])
        del values[index]
        return [Edit(seq.start_mark.index, seq.end_mark.index, flow_list(values, None) if values else "[]")]
    if len(seq.value) == 1 and seq_path and isinstance(seq_path[-1], str) and seq_path[-1] == "items":
        holder = t.node(seq_path[:-1])
        assert isinstance(holder, MappingNode)
        return _remove_key(t, holder, "items")
    if len(seq.value) == 1:
        dash = t.text.rindex("-", 0, seq.value[0].start_mark.index)
        key_end = t.text.rfind(":", 0, dash)
        return [Edit(key_end + 1, line_end(t.text, last_content(seq)) - 1, " []")]
    start, end, _col, _line = _node_block(t, seq.value[index])
    return [Edit(start, end, "")]


def _insert_block(t: YamlText, seq_path: Path_, index: int, block: str) -> list[Edit]:
    """Insert ``block`` (one sequence item's lines with its dash at column 0) at ``index``."""
    seq = t.node(seq_path)
    seq_indent = t.sequence_indent()
    if seq is None or (isinstance(seq, ScalarNode) and seq.tag == _NULL):
        holder = t.node(seq_path[:-1])
        key = seq_path[-1]
        if not isinstance(holder, MappingNode) or not isinstance(key, str):
            raise EditError(_("no list at {place}").format(place=_shown(seq_path)))
        if seq is not None:  # `items:` with nothing after it
            for edit in _remove_key(t, holder, key):
                t = YamlText(apply_edits(t.text, [edit]))
            holder = t.node(seq_path[:-1])
            assert isinstance(holder, MappingNode)
        if not holder.value:
            indent = _owner_column(t, holder) + 2
            text = "\n" + " " * indent + f"{key}:\n" + indent_lines(block, indent + seq_indent)
            return [Edit(holder.start_mark.index, holder.end_mark.index, text.rstrip("\n"))]
        indent = t.mapping_indent(holder)
        entry = " " * indent + f"{key}:\n" + indent_lines(block, indent + seq_indent)
        order = _order_for(seq_path[:-1])
        if key in order:
            rank = order.index(key)
            for k, _value in holder.value:
                name = getattr(k, "value", None)
                if name in order and order.index(name) > rank:
                    return [_before_key(t, k, entry, indent)]
        at = line_end(t.text, last_content(holder))
        prefix = "" if t.text[:at].endswith("\n") else "\n"
        return [Edit(at, at, prefix + entry)]
    if not isinstance(seq, SequenceNode):
        raise EditError(_("{place} is not a list").format(place=_shown(seq_path)))
    if seq.flow_style or not seq.value:
        if seq.value:
            raise EditError(_("a flow list of outline items cannot take a block item"))
        owner = _owner_column(t, seq)
        start = seq.start_mark.index
        # `items: []` → a block list on the next lines.
        return [
            Edit(
                start - (1 if t.text[start - 1] == " " else 0),
                seq.end_mark.index,
                "\n" + indent_lines(block, owner + seq_indent).rstrip("\n"),
            )
        ]
    index = max(0, min(index, len(seq.value)))
    if index < len(seq.value):
        start, _end, _line, col = _node_block(t, seq.value[index])
        return [Edit(start, start, indent_lines(block, col))]
    _start, end, _line, col = _node_block(t, seq.value[-1])
    text = indent_lines(block, col)
    if end == len(t.text) and not t.text.endswith("\n"):
        text = "\n" + text
    return [Edit(end, end, text)]


def _insert(t: YamlText, seq_path: Path_, index: int, value: dict[str, Any]) -> list[Edit]:
    block = block_lines([value], 0, t.sequence_indent())
    return _insert_block(t, seq_path, index, block)


def _move(text: str, source: Path_, seq_path: Path_, index: int) -> str:
    """Move the item at ``source`` to ``index`` of the list at ``seq_path`` (indices after removal)."""
    t = YamlText.of(text)
    item = t.node(source)
    if item is None or not isinstance(t.node(source[:-1]), SequenceNode):
        raise EditError(_("no list entry at {place}").format(place=_shown(source)))
    if tuple(seq_path[: len(source)]) == tuple(source):
        raise EditError(_("an item cannot move into itself"))
    _start, _end, block, _col = _node_block(t, item)
    removed = apply_edits(t.text, _delete(t, source))
    target = _shift_path(seq_path, source)
    t2 = YamlText(removed)
    return apply_edits(removed, _insert_block(t2, target, index, block))


def _shift_path(path: Path_, removed: Path_) -> Path_:
    """``path`` after the item ``removed`` is taken out (a later sibling's index drops by one)."""
    n = len(removed)
    if len(path) > n - 1 and tuple(path[: n - 1]) == tuple(removed[: n - 1]):
        here = path[n - 1] if len(path) >= n else None
        if isinstance(here, int) and isinstance(removed[-1], int) and here > removed[-1]:
            return (*path[: n - 1], here - 1, *path[n:])
    return path


# --- the public entry ----------------------------------------------------------------------------


def apply_op(text: str, op: dict[str, Any]) -> str:
    """``text`` with one editor operation carried out (see module doc); raises :class:`EditError`."""
    kind = op.get("op")
    if kind == "set":
        t = YamlText.of(text)
        return apply_edits(text, _set(t, _path(op.get("path")), op.get("value")))
    if kind == "insert":
        t = YamlText.of(text)
        value = op.get("value") or {}
        if not isinstance(value, dict):
            raise EditError(_("insert takes a mapping"))
        return apply_edits(text, _insert(t, _path(op.get("path")), int(op.get("index", 0)), value))
    if kind == "delete":
        t = YamlText.of(text)
        return apply_edits(text, _delete(t, _path(op.get("path"))))
    if kind == "move":
        return _move(text, _path(op.get("from")), _path(op.get("path")), int(op.get("index", 0)))
    raise EditError(_("unknown operation {kind}").format(kind=repr(kind)))


def apply_ops(text: str, ops: Sequence[dict[str, Any]]) -> str:
    """Every operation in order, each checked against the data it must produce.

    A file whose every line ends in CRLF keeps CRLF: the splices are made on LF text and the
    line ends put back, so new lines match the old ones."""
    if "\r\n" in text and text.count("\n") == text.count("\r\n") and "\r" not in text.replace("\r\n", ""):
        return apply_ops(text.replace("\r\n", "\n"), ops).replace("\n", "\r\n")
    for op in ops:
        try:
            before = parse_data(text)
        except yaml.YAMLError:
            # The outline's buttons stay live while the source has a slip (a tab, a bad tag):
            # the slip is what to fix first, as the loader's message beside it says.
            raise EditError(_("the YAML does not parse")) from None
        if not acyclic(before):
            raise EditError(_("the YAML refers to itself (an anchor inside itself)"))
        new = apply_op(text, op)
        try:
            after = parse_data(new)
        except yaml.YAMLError as exc:
            raise EditError(
                _("internal: the edit {op} broke the YAML ({reason})").format(op=op.get("op"), reason=exc)
            ) from None
        wanted = expected_data(before, op)
        if after != wanted:
            raise EditError(
                _("internal: the edit {op} at {place} did not give the intended data").format(
                    op=op.get("op"), place=op.get("path")
                )
            )
        text = new
    return text


def _path(raw: object) -> Path_:
    if not isinstance(raw, list | tuple):
        raise EditError(_("a path is a list of keys and indices"))
    out: list[str | int] = []
    for part in raw:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise EditError(_("a path is a list of keys and indices"))
        out.append(part)
    return tuple(out)


def expected_data(data: Any, op: dict[str, Any]) -> Any:
    """What the plain data must be after ``op`` — the meaning every text splice is checked against."""
    data = copy.deepcopy(data)
    kind = op["op"]
    if kind == "set":
        path = _path(op["path"])
        value = _coerce(op.get("value"), path[-1] if isinstance(path[-1], str) else _owning_key(path))
        holder = data
        for part in path[:-1]:
            if isinstance(holder, dict) and holder.get(part) is None:
                if _empty(value):
                    return data
                holder[part] = {}
            holder = holder[part]
        last = path[-1]
        if _empty(value) and isinstance(holder, dict) and not (last == "attachments" and value == []):
            if last not in holder:
                return data
            holder.pop(last)
            at = list(path[:-1])
            while not holder and at and isinstance(at[-1], str):
                above = _get(data, tuple(at[:-1]))
                if not isinstance(above, dict):
                    break
                above.pop(at[-1])
                holder, at = above, at[:-1]
            return data
        if isinstance(value, dict) and isinstance(
            holder[last] if isinstance(holder, list) else holder.get(last), dict
        ):
            holder[last] = value
            return data
        holder[last] = value
        return data
    if kind == "insert":
        seq = _ensure_seq(data, _path(op["path"]))
        index = max(0, min(int(op.get("index", 0)), len(seq)))
        seq.insert(index, _coerce(op.get("value") or {}, None))
        return data
    if kind == "delete":
        path = _path(op["path"])
        holder = _get(data, path[:-1])
        del holder[path[-1]]
        if not holder and path[-2] == "items":
            del _get(data, path[:-2])["items"]
        return data
    if kind == "move":
        source = _path(op["from"])
        holder = _get(data, source[:-1])
        item = holder.pop(source[-1])
        if not holder and source[-2] == "items":
            del _get(data, source[:-2])["items"]
        target = _shift_path(_path(op["path"]), source)
        seq = _ensure_seq(data, target)
        seq.insert(max(0, min(int(op.get("index", 0)), len(seq))), item)
        return data
    raise EditError(_("unknown operation {kind}").format(kind=repr(kind)))


def _coerce(value: Any, key: str | None) -> Any:
    """The value YAML reads back for what the page sent (a date field's text becomes a date)."""
    if isinstance(value, dict):
        return {k: _coerce(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_coerce(v, key) for v in value]
    if isinstance(value, str) and key in DATE_KEYS:
        text = format_scalar(value, key=key)
        return parse_data(f"k: {text}")["k"]
    return value


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _ensure_seq(data: Any, path: Path_) -> list[Any]:
    holder = _get(data, path[:-1])
    if holder.get(path[-1]) is None:
        holder[path[-1]] = []
    return holder[path[-1]]
