"""In-place edits of the plan YAML *text*, at positions taken from ruamel.yaml's node tree.

``YAML().compose`` gives every node with its exact start and end in the source; an edit replaces
those characters only, so comments, key order, quoting, folding and line ends survive byte for byte.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[str | int, ...]
"""A path in the plan data: keys and list indices, e.g. ``("plan", "sections", 0, "heading")``."""

_STR = "tag:yaml.org,2002:str"
_NOT_TEXT = {"id", "status", "numbering", "doc_number"}
"""Keys whose values are not prose (doc_number is a structured field, changed on its own)."""


@dataclass(frozen=True)
class Edit:
    """Replace the source characters ``start:end`` with ``new``."""

    start: int
    end: int
    new: str


class Lines:
    """Offsets ↔ 1-based lines, with YAML's line breaks (\\r\\n counts once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|[\n\r\x85\u2028\u2029]", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def start_of(self, line: int) -> int:
        return self.starts[line - 1]

    def end_of(self, line: int) -> int:
        """Offset after the line's break (start of the next line)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)


def apply_edits(text: str, edits: list[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue  # inside a removed item: the removal wins
        out.append(text[pos : edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def item_span(text: str, lines: Lines, item: MappingNode) -> tuple[int, int]:
    """Source span of a block-sequence item: its dash line, the comment lines right above it at
    the dash's indentation (they describe the item), through the line of its last content."""
    dash = text.rindex("-", 0, item.start_mark.index)
    first = lines.line(dash)
    indent = dash - lines.start_of(first)
    while first > 1:
        above = text[lines.start_of(first - 1) : lines.end_of(first - 1)]
        if above.strip().startswith("#") and len(above) - len(above.lstrip(" ")) == indent:
            first -= 1
        else:
            break
    last = lines.line(last_content(item) - 1)
    return lines.start_of(first), lines.end_of(last)


# --- the composed node tree ---------------------------------------------------------------------


def child(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def node_at(root: Node, path: Path_) -> Node | None:
    node: Node | None = root
    for part in path:
        if isinstance(part, int):
            node = node.value[part] if isinstance(node, SequenceNode) else None
        else:
            node = child(node, part)
    return node


def scalar(node: Node | None) -> str | None:
    return text_of(node) if isinstance(node, ScalarNode) else None


def scalar_texts(node: Node) -> list[str]:
    if isinstance(node, ScalarNode):
        return [text_of(node)] if node.tag == _STR and str(node.value).strip() else []
    if isinstance(node, SequenceNode):
        return [t for sub in node.value for t in scalar_texts(sub)]
    return []


def prose_strings(node: Node, path: Path_) -> list[tuple[Path_, ScalarNode]]:
    """Every prose string scalar under ``node`` with its path, in document order."""
    out: list[tuple[Path_, ScalarNode]] = []
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            out.append((path, node))
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            name = getattr(key, "value", None)
            if name in _NOT_TEXT or name is None:
                continue
            out.extend(prose_strings(value, (*path, name)))
    elif isinstance(node, SequenceNode):
        for i, value in enumerate(node.value):
            out.extend(prose_strings(value, (*path, i)))
    return out


def text_of(node: ScalarNode) -> str:
    """A string scalar's value; ruamel marks the fold points of a ``>`` scalar with BEL (\\a)."""
    value = str(node.value)
    return value.replace("\a", "") if node.style == ">" else value


def last_content(node: Node) -> int:
    """Offset just after the last character of a node's content (scalars end exactly there).
    Works on ruamel's node tree and on PyYAML's (the editor composes with libyaml: same marks)."""
    import yaml.nodes

    if isinstance(node, ScalarNode | yaml.nodes.ScalarNode):
        return node.end_mark.index
    children: list[Node] = []
    if isinstance(node, MappingNode | yaml.nodes.MappingNode):
        for key, value in node.value:
            children.extend((key, value))
    elif isinstance(node, SequenceNode | yaml.nodes.SequenceNode):
        children = list(node.value)
    return max((last_content(c) for c in children), default=node.end_mark.index)


def dotted(path: Path_) -> str:
    """``plan.sections[0].items[2]``: a path as the review report names a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
