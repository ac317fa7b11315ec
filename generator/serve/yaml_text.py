"""The plan YAML as text for the editor's splices: plain data, scalar text, node positions.

Positions come from the composed node tree (start and end of every node in the source, as
:mod:`generator.rollover.yaml_edits` uses them; libyaml's composer, whose marks are ruamel's
and which takes a tenth of the time); new content is written as block YAML in the
file's own indentation; every scalar is written so that YAML reads back exactly the value given.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from ..i18n import _
from ..model import Document, Notice, Plan
from ..model import Node as PlanNode
from ..model_tools import field_specs
from ..rollover.yaml_edits import Lines

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


def acyclic(data: Any) -> bool:
    """No list or mapping contains itself (an anchor inside itself, which the loader refuses):
    the page's data is JSON and its outline is walked, and neither ends on such a thing. One
    depth-first walk, each container entered once (a few ms for a 500-item plan)."""
    on_path: set[int] = set()
    done: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)] if isinstance(data, dict | list) else []
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            on_path.discard(key)
            done.add(key)
            continue
        if key in on_path:
            return False
        if key in done:
            continue
        on_path.add(key)
        stack.append((node, True))
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, False) for c in children if isinstance(c, dict | list))
    return True


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
        for name, info in field_specs(model).items():
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


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer: the same node marks as ruamel's pure-Python one, ten times faster
    (0.07 s, not 0.72 s, for a 500-item plan: an edit composes the text it splices)."""


def compose(text: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError:
        # libyaml's reason is English; the page's list of problems says where and why in words.
        raise EditError(_("the YAML does not parse")) from None
    if not isinstance(root, MappingNode):
        raise EditError(_("the plan file is not a mapping"))
    return root


def child(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def find_key(node: MappingNode, key: str) -> Node | None:
    for k, _value in node.value:
        if getattr(k, "value", None) == key:
            return k
    return None


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset after the line break of the line holding ``offset - 1`` (the end of content)."""
    end = text.find("\n", max(offset - 1, 0))
    return len(text) if end < 0 else end + 1


def column(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


def indent_lines(block: str, indent: int) -> str:
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def dedent_lines(block: str, indent: int) -> str:
    out = []
    for line in block.splitlines(keepends=True):
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, indent) :])
    return "".join(out)


def ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


class YamlText:
    """One version of the text with its node tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = compose(text)
        self.lines = Lines(text)

    @classmethod
    def of(cls, text: str) -> YamlText:
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
            node = child(node, part)
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
            return max(column(self.text, dash) - key.start_mark.column, 0)
        return 2

    def mapping_indent(self, mapping: MappingNode) -> int:
        return mapping.value[0][0].start_mark.column if mapping.value else 0


# Composing is a good part of an edit's cost (0.07 s for a 500-item plan). The page
# sends back the text the server just returned, so the server composes that text after answering
# (:func:`prepare`, run in the background) and the next keystroke finds its tree here.
_CACHE: OrderedDict[str, YamlText] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 8


def prepare(text: str) -> None:
    """Compose ``text`` ahead of the next edit (silently nothing when it does not parse)."""
    try:
        tree = YamlText(text)
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
            out.append(entry_lines(k, v, indent, seq_indent))
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
    raise EditError(_("only mappings and lists are written as blocks"))


def entry_lines(key: str, value: Any, indent: int, seq_indent: int) -> str:
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


def flow_list(values: list[Any], key: str | None) -> str:
    return "[" + ", ".join(format_scalar(v, key=key, flow=True) for v in values) + "]"
