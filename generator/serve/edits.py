"""Edits of a plan's YAML *text* from the editor's operations, keeping every untouched byte.

The page sends operations on the plan's data (set a field, insert/delete/move an outline node);
each is carried out as a splice of the source text at positions from ruamel.yaml's composed node
tree (as :mod:`generator.rollover.yaml_edits` does for rollover), never by dumping the data
again: comments, key order, quoting and every other line stay byte for byte, a changed value
changes only its scalar, a structural edit only the lines of the items it adds, moves or removes.

After each operation the text is parsed again and compared with the operation applied to the plain
data (:func:`expected_data`); a splice that would mean something else is refused, never saved.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Document, Notice, Plan
from ..model import Node as PlanNode
from ..rollover.yaml_edits import Edit, Lines, apply_edits, item_span, last_content

Path_ = tuple[str | int, ...]

_NULL = "tag:yaml.org,2002:null"


class EditError(ValueError):
    """An operation that cannot be applied to this text (a stale path, a non-plan structure)."""


# --- plain data ----------------------------------------------------------------------------------


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Plain data for the page and for checking edits; an impossible date stays text."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def parse_data(text: str) -> Any:
    """The YAML as plain data (dates as :class:`datetime.date`); raises :class:`yaml.YAMLError`."""
    return yaml.load(text, Loader=_DataLoader)


def json_data(data: Any) -> Any:
    """``data`` with dates as ISO strings, for JSON."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=_iso))


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


# --- scalars ------------------------------------------------------------------------------------


def _date_fields() -> set[str]:
    """Keys whose values are dates in the model (written plain so YAML reads a date)."""
    out = set()
    for model in (Notice, Plan, PlanNode, Document):
        for name, info in model.model_fields.items():
            if "date" in str(info.annotation):
                out.add(name)
    return out


DATE_KEYS = _date_fields()


def _reads_back(candidate: str, value: object, *, flow: bool) -> bool:
    source = f"[{candidate}]" if flow else f"k: {candidate}"
    try:
        loaded = yaml.load(source, Loader=_DataLoader)
    except yaml.YAMLError:
        return False
    got = loaded[0] if flow else (loaded or {}).get("k", object())
    return type(got) is type(value) and got == value


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is one)."""
    return json.dumps(value, ensure_ascii=False)


def format_scalar(
    value: object, *, key: str | None = None, style: str | None = None, flow: bool = False
) -> str:
    """``value`` as YAML scalar text that reads back as ``value``, in ``style`` where it can.

    A date field's text is written plain when YAML reads it as a date (or as the same text), so
    the loader reports a bad date as the CLI would, at its position."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if key in DATE_KEYS and "\n" not in text and text.strip() == text and text:
        try:
            loaded = yaml.load(f"k: {text}", Loader=_DataLoader)
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict) and (isinstance(loaded.get("k"), dt.date) or loaded.get("k") == text):
            return text
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style == '"':
        return double_quoted(text)
    if text and "\n" not in text and _reads_back(text, text, flow=flow):
        return text
    return double_quoted(text)


# --- the composed tree --------------------------------------------------------------------------


def compose(text: str) -> Node:
    try:
        root = YAML().compose(text)
    except Exception as exc:  # ruamel raises many error classes; all mean "not YAML"
        raise EditError(f"the YAML does not parse: {exc}") from None
    if not isinstance(root, MappingNode):
        raise EditError("the plan file is not a mapping")
    return root


def _child(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _key_node(node: MappingNode, key: str) -> Node | None:
    for k, _ in node.value:
        if getattr(k, "value", None) == key:
            return k
    return None


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    """Offset after the line break of the line holding ``offset - 1`` (the end of content)."""
    end = text.find("\n", max(offset - 1, 0))
    return len(text) if end < 0 else end + 1


def _column(text: str, offset: int) -> int:
    return offset - _line_start(text, offset)


def _indent_lines(block: str, indent: int) -> str:
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _dedent_lines(block: str, indent: int) -> str:
    out = []
    for line in block.splitlines(keepends=True):
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, indent) :])
    return "".join(out)


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


class _Text:
    """One version of the text with its node tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = compose(text)
        self.lines = Lines(text)

    @classmethod
    def of(cls, text: str) -> _Text:
        """The tree of ``text``, from the cache when :func:`prepare` has composed it already."""
        with _CACHE_LOCK:
            found = _CACHE.get(text)
            if found is not None:
                _CACHE.move_to_end(text)
                return found
        return cls(text)

    def node(self, path: Path_) -> Node | None:
        node: Node | None = self.root
        for part in path:
            node = _child(node, part)
            if node is None:
                return None
        return node

    def sequence_indent(self) -> int:
        """How far this file puts a block sequence's dash right of its key (0 or 2 by convention)."""
        seqs: list[tuple[Node, Node]] = []

        def visit(node: Node) -> None:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(v, SequenceNode) and not v.flow_style and v.value:
                        seqs.append((k, v))
                    visit(v)
            elif isinstance(node, SequenceNode):
                for v in node.value:
                    visit(v)

        visit(self.root)
        for key, seq in seqs:
            dash = self.text.rfind("-", 0, seq.value[0].start_mark.index)
            return max(_column(self.text, dash) - key.start_mark.column, 0)
        return 2

    def mapping_indent(self, mapping: MappingNode) -> int:
        return mapping.value[0][0].start_mark.column if mapping.value else 0


# ruamel's pure-Python composer is most of an edit's cost (~10-30 ms for the example). The page
# sends back the text the server just returned, so the server composes that text after answering
# (:func:`prepare`, run in the background) and the next keystroke finds its tree here.
_CACHE: OrderedDict[str, _Text] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 8


def prepare(text: str) -> None:
    """Compose ``text`` ahead of the next edit (silently nothing when it does not parse)."""
    try:
        tree = _Text(text)
    except EditError:
        return
    with _CACHE_LOCK:
        _CACHE[text] = tree
        _CACHE.move_to_end(text)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


# --- serialising new content ----------------------------------------------------------------------


def block_lines(value: Any, indent: int, seq_indent: int, key: str | None = None) -> str:
    """``value`` (a mapping or list) as block YAML lines starting at column ``indent``."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.append(_entry(k, v, indent, seq_indent))
        return "".join(out)
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner = block_lines(item, indent + 2, seq_indent)
                out.append(pad + "- " + inner[indent + 2 :])
            elif isinstance(item, list) and item:
                inner = block_lines(item, indent + 2, seq_indent)
                out.append(pad + "- " + inner[indent + 2 :])
            else:
                out.append(pad + "- " + format_scalar(item, key=key) + "\n")
        return "".join(out)
    raise EditError("only mappings and lists are written as blocks")


def _entry(key: str, value: Any, indent: int, seq_indent: int) -> str:
    pad = " " * indent
    if isinstance(value, dict) and value:
        return f"{pad}{key}:\n" + block_lines(value, indent + 2, seq_indent)
    if isinstance(value, list) and value:
        return f"{pad}{key}:\n" + block_lines(value, indent + seq_indent, seq_indent, key)
    if isinstance(value, dict):
        return f"{pad}{key}: {{}}\n"
    if isinstance(value, list):
        return f"{pad}{key}: []\n"
    return f"{pad}{key}: {format_scalar(value, key=key)}\n"


def _flow(values: list[Any], key: str | None) -> str:
    return "[" + ", ".join(format_scalar(v, key=key, flow=True) for v in values) + "]"


# --- model key order ------------------------------------------------------------------------------


def _order_for(path: Path_) -> list[str]:
    """The model's field order for the mapping at ``path`` (new keys go in that order)."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return list(Document.model_fields)
    if names[0] == "notice":
        return list(Notice.model_fields) if len(names) == 1 else []
    if names[-1] in ("sections", "items") or (path and isinstance(path[-1], int)):
        # A node's children read best after all of its own fields, whatever the model's order.
        return [name for name in PlanNode.model_fields if name != "items"] + ["items"]
    if names == ["plan"]:
        return [name for name in Plan.model_fields if name != "sections"] + ["sections"]
    return []


# --- operations ------------------------------------------------------------------------------------


def _remove_key(t: _Text, mapping: MappingNode, key: str) -> list[Edit]:
    key_node = _key_node(mapping, key)
    value = _child(mapping, key)
    if key_node is None or value is None:
        return []
    start = _line_start(t.text, key_node.start_mark.index)
    end = _line_end(t.text, last_content(value))
    if len(mapping.value) == 1:
        # The mapping's only key: leave `{}` so the parent still holds a mapping.
        return [Edit(key_node.start_mark.index, last_content(value), "{}")]
    return [Edit(start, end, "")]


def _add_key(t: _Text, mapping: MappingNode, path: Path_, key: str, value: Any) -> list[Edit]:
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
    entry = _entry(key, value, indent, seq_indent)
    order = _order_for(path)
    if key in order:
        rank = order.index(key)
        for k, _ in mapping.value:
            name = getattr(k, "value", None)
            if name in order and order.index(name) > rank:
                at = _line_start(t.text, k.start_mark.index)
                return [Edit(at, at, entry)]
    at = _line_end(t.text, last_content(mapping))
    prefix = "" if t.text[:at].endswith("\n") or at == 0 else "\n"
    return [Edit(at, at, prefix + entry)]


def _owner_column(t: _Text, node: Node) -> int:
    """Column of the key that owns ``node`` (for an empty `{}`/`[]` value turned into a block)."""
    start = _line_start(t.text, node.start_mark.index)
    line = t.text[start : node.start_mark.index]
    stripped = line.lstrip(" ")
    col = len(line) - len(stripped)
    while stripped.startswith("- "):
        col += 2
        stripped = stripped[2:]
    return col


def _flow_mapping(t: _Text, mapping: MappingNode, key: str, value: Any) -> str:
    data = parse_data(t.text[mapping.start_mark.index : mapping.end_mark.index]) or {}
    data[key] = value
    parts = [
        f"{k}: {format_scalar(v, key=k, flow=True) if not isinstance(v, list) else _flow(v, k)}"
        for k, v in data.items()
    ]
    return "{" + ", ".join(parts) + "}"


def _set(t: _Text, path: Path_, value: Any) -> list[Edit]:
    """Set the value at ``path``; ``None`` or an empty list/string removes an optional key."""
    if not path:
        raise EditError("cannot replace the whole file")
    parent_path, key = path[:-1], path[-1]
    parent = t.node(parent_path)
    if parent is None:
        # Create the missing parents as one nested mapping.
        for depth in range(len(parent_path) - 1, -1, -1):
            if isinstance(parent_path[depth], int):
                raise EditError(f"no list entry at {list(parent_path[: depth + 1])}")
            holder = t.node(parent_path[:depth])
            if holder is not None:
                nested: Any = value
                for part in reversed(path[depth + 1 :]):
                    nested = {part: nested}
                if _empty(value):
                    return []
                if not isinstance(holder, MappingNode):
                    raise EditError(f"{list(parent_path[:depth])} is not a mapping")
                return _add_key(t, holder, parent_path[:depth], str(parent_path[depth]), nested)
        raise EditError(f"no such place {list(path)}")
    if isinstance(parent, SequenceNode) and isinstance(key, int):
        current = _child(parent, key)
        if current is None:
            raise EditError(f"no list entry at {list(path)}")
        return _replace(t, current, value, key=_owning_key(parent_path))
    if not isinstance(parent, MappingNode) or not isinstance(key, str):
        raise EditError(f"{list(parent_path)} is not a mapping")
    current = _child(parent, key)
    if current is None:
        return [] if _empty(value) else _add_key(t, parent, parent_path, key, value)
    if _empty(value) and not (key == "attachments" and value == []):
        # Removing a mapping's last key removes the mapping's own key too (no `numbering: {}`).
        while len(parent.value) == 1 and parent_path and isinstance(parent_path[-1], str):
            holder = t.node(parent_path[:-1])
            if not isinstance(holder, MappingNode):
                break
            parent, key, parent_path = holder, parent_path[-1], parent_path[:-1]
        return _remove_key(t, parent, key)
    return _replace(t, current, value, key=key)


def _owning_key(path: Path_) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _replace(t: _Text, current: Node, value: Any, *, key: str | None) -> list[Edit]:
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
        start = _line_start(t.text, start)
        # the key line keeps "key:"; put the scalar after it
        key_line_end = t.text.rfind("\n", 0, start)
        return [
            Edit(
                key_line_end,
                _line_end(t.text, last_content(current)) - 1,
                " " + format_scalar(value, key=key),
            )
        ]
    return [Edit(start, current.end_mark.index, format_scalar(value, key=key))]


def _path_of(t: _Text, target: Node) -> Path_:
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
        raise EditError("node not in tree")
    return found


def _replace_scalar(t: _Text, node: ScalarNode, value: Any, key: str | None) -> Edit:
    style = node.style if node.style in ("'", '"') else None
    new = format_scalar(value, key=key, style=style)
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        # A block scalar runs to the next line: keep the break after the replacement.
        end = _line_end(t.text, last_content(node)) - 1 if t.text[start:end].endswith("\n") else end
        old_break = t.text[start:end].endswith("\n")
        new = new + ("\n" if old_break else "")
    return Edit(start, end, new)


def _replace_list(t: _Text, current: Node, values: list[Any], key: str | None) -> list[Edit]:
    if isinstance(current, ScalarNode):
        if len(values) == 1 and current.tag != _NULL:
            return [_replace_scalar(t, current, values[0], key)]
        return [Edit(current.start_mark.index, current.end_mark.index, _flow(values, key))]
    if isinstance(current, SequenceNode) and (current.flow_style or not current.value):
        return [Edit(current.start_mark.index, current.end_mark.index, _flow(values, key))]
    if not isinstance(current, SequenceNode):
        raise EditError("expected a list here")
    old_nodes = list(current.value)
    if any(not isinstance(n, ScalarNode) for n in old_nodes):
        raise EditError("this list holds more than text")
    old = [_plain_value(t, n) for n in old_nodes]
    dash_col = _column(t.text, t.text.rfind("-", 0, old_nodes[0].start_mark.index))
    edits: list[Edit] = []

    def item_bounds(node: ScalarNode) -> tuple[int, int]:
        dash = t.text.rfind("-", 0, node.start_mark.index)
        return _line_start(t.text, dash), _line_end(t.text, last_content(node))

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


def _plain_value(t: _Text, node: ScalarNode) -> Any:
    if node.style in ("|", ">", "'", '"'):
        return str(node.value).replace("\a", "")
    return parse_data(t.text[node.start_mark.index : node.end_mark.index])


def _node_block(t: _Text, item: Node) -> tuple[int, int, str, int]:
    """Span of a sequence item (comments above included), its text dedented to column 0, its dash column."""
    start, end = item_span(t.text, t.lines, item)
    dash = t.text.rindex("-", 0, item.start_mark.index)
    col = _column(t.text, dash)
    block = _ensure_newline(t.text[start:end])
    return start, end, _dedent_lines(block, col), col


def _delete(t: _Text, path: Path_) -> list[Edit]:
    seq_path, index = path[:-1], path[-1]
    seq = t.node(seq_path)
    if not isinstance(seq, SequenceNode) or not isinstance(index, int) or _child(seq, index) is None:
        raise EditError(f"no list entry at {list(path)}")
    if seq.flow_style:
        values = parse_data(t.text[seq.start_mark.index : seq.end_mark.index])
        del values[index]
        return [Edit(seq.start_mark.index, seq.end_mark.index, _flow(values, None) if values else "[]")]
    if len(seq.value) == 1 and seq_path and isinstance(seq_path[-1], str) and seq_path[-1] == "items":
        holder = t.node(seq_path[:-1])
        assert isinstance(holder, MappingNode)
        return _remove_key(t, holder, "items")
    if len(seq.value) == 1:
        dash = t.text.rindex("-", 0, seq.value[0].start_mark.index)
        key_end = t.text.rfind(":", 0, dash)
        return [Edit(key_end + 1, _line_end(t.text, last_content(seq)) - 1, " []")]
    start, end, _, _ = _node_block(t, seq.value[index])
    return [Edit(start, end, "")]


def _insert_block(t: _Text, seq_path: Path_, index: int, block: str) -> list[Edit]:
    """Insert ``block`` (one sequence item's lines with its dash at column 0) at ``index``."""
    seq = t.node(seq_path)
    seq_indent = t.sequence_indent()
    if seq is None or (isinstance(seq, ScalarNode) and seq.tag == _NULL):
        holder = t.node(seq_path[:-1])
        key = seq_path[-1]
        if not isinstance(holder, MappingNode) or not isinstance(key, str):
            raise EditError(f"no list at {list(seq_path)}")
        if seq is not None:  # `items:` with nothing after it
            for edit in _remove_key(t, holder, key):
                t = _Text(apply_edits(t.text, [edit]))
            holder = t.node(seq_path[:-1])
            assert isinstance(holder, MappingNode)
        if not holder.value:
            indent = _owner_column(t, holder) + 2
            text = "\n" + " " * indent + f"{key}:\n" + _indent_lines(block, indent + seq_indent)
            return [Edit(holder.start_mark.index, holder.end_mark.index, text.rstrip("\n"))]
        indent = t.mapping_indent(holder)
        entry = " " * indent + f"{key}:\n" + _indent_lines(block, indent + seq_indent)
        order = _order_for(seq_path[:-1])
        if key in order:
            rank = order.index(key)
            for k, _ in holder.value:
                name = getattr(k, "value", None)
                if name in order and order.index(name) > rank:
                    at = _line_start(t.text, k.start_mark.index)
                    return [Edit(at, at, entry)]
        at = _line_end(t.text, last_content(holder))
        prefix = "" if t.text[:at].endswith("\n") else "\n"
        return [Edit(at, at, prefix + entry)]
    if not isinstance(seq, SequenceNode):
        raise EditError(f"{list(seq_path)} is not a list")
    if seq.flow_style or not seq.value:
        if seq.value:
            raise EditError("a flow list of outline items cannot take a block item")
        owner = _owner_column(t, seq)
        start = seq.start_mark.index
        # `items: []` → a block list on the next lines.
        return [
            Edit(
                start - (1 if t.text[start - 1] == " " else 0),
                seq.end_mark.index,
                "\n" + _indent_lines(block, owner + seq_indent).rstrip("\n"),
            )
        ]
    index = max(0, min(index, len(seq.value)))
    if index < len(seq.value):
        start, _, _, col = _node_block(t, seq.value[index])
        return [Edit(start, start, _indent_lines(block, col))]
    _, end, _, col = _node_block(t, seq.value[-1])
    text = _indent_lines(block, col)
    if end == len(t.text) and not t.text.endswith("\n"):
        text = "\n" + text
    return [Edit(end, end, text)]


def _insert(t: _Text, seq_path: Path_, index: int, value: dict[str, Any]) -> list[Edit]:
    block = block_lines([value], 0, t.sequence_indent())
    return _insert_block(t, seq_path, index, block)


def _move(text: str, source: Path_, seq_path: Path_, index: int) -> str:
    """Move the item at ``source`` to ``index`` of the list at ``seq_path`` (indices after removal)."""
    t = _Text.of(text)
    item = t.node(source)
    if item is None or not isinstance(t.node(source[:-1]), SequenceNode):
        raise EditError(f"no list entry at {list(source)}")
    if tuple(seq_path[: len(source)]) == tuple(source):
        raise EditError("an item cannot move into itself")
    _, _, block, _ = _node_block(t, item)
    removed = apply_edits(t.text, _delete(t, source))
    target = _shift_path(seq_path, source)
    t2 = _Text(removed)
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
        t = _Text.of(text)
        return apply_edits(text, _set(t, _path(op.get("path")), op.get("value")))
    if kind == "insert":
        t = _Text.of(text)
        value = op.get("value") or {}
        if not isinstance(value, dict):
            raise EditError("insert takes a mapping")
        return apply_edits(text, _insert(t, _path(op.get("path")), int(op.get("index", 0)), value))
    if kind == "delete":
        t = _Text.of(text)
        return apply_edits(text, _delete(t, _path(op.get("path"))))
    if kind == "move":
        return _move(text, _path(op.get("from")), _path(op.get("path")), int(op.get("index", 0)))
    raise EditError(f"unknown operation {kind!r}")


def apply_ops(text: str, ops: Sequence[dict[str, Any]]) -> str:
    """Every operation in order, each checked against the data it must produce.

    A file whose every line ends in CRLF keeps CRLF: the splices are made on LF text and the
    line ends put back, so new lines match the old ones."""
    if "\r\n" in text and text.count("\n") == text.count("\r\n") and "\r" not in text.replace("\r\n", ""):
        return apply_ops(text.replace("\r\n", "\n"), ops).replace("\n", "\r\n")
    for op in ops:
        before = parse_data(text)
        new = apply_op(text, op)
        try:
            after = parse_data(new)
        except yaml.YAMLError as exc:
            raise EditError(f"internal: the edit {op.get('op')} broke the YAML ({exc})") from None
        wanted = expected_data(before, op)
        if after != wanted:
            raise EditError(
                f"internal: the edit {op.get('op')} at {op.get('path')} did not give the intended data"
            )
        text = new
    return text


def _path(raw: object) -> Path_:
    if not isinstance(raw, list | tuple):
        raise EditError("a path is a list of keys and indices")
    out: list[str | int] = []
    for part in raw:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise EditError("a path is a list of keys and indices")
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
            if isinstance(holder, dict) and part not in holder:
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
    raise EditError(f"unknown operation {kind!r}")


def _coerce(value: Any, key: str | None) -> Any:
    """The value YAML reads back for what the page sent (a date field's text becomes a date)."""
    if isinstance(value, dict):
        return {k: _coerce(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_coerce(v, key) for v in value]
    if isinstance(value, str) and key in DATE_KEYS:
        text = format_scalar(value, key=key)
        return yaml.load(f"k: {text}", Loader=_DataLoader)["k"]
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
