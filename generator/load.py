"""YAML → model (a reader), with every problem of a file reported as ``file:line:col``.

PyYAML's safe loader builds the data; its composed node tree is kept beside it so that each
pydantic error, unknown key or duplicate id can be pointed at the exact line and column.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .model import MAX_DEPTH, Document
from .numbering import ordinals

__all__ = ["InputError", "Problem", "load_document", "load_text"]

MAX_PLAN_BYTES = 20 * 1024 * 1024  # a plan is text; anything larger is not one


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """Leave an impossible date (2021-13-40) as text for the model to report with its position,
    instead of PyYAML raising from deep inside without one."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    """Pure-Python safe loader: slow, but its syntax errors carry the most precise messages."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same over libyaml: parsing a plan once in C is ~15× faster than pure Python. A file
    with a syntax error is parsed again with :class:`_Loader` for its message."""


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _parse(text: str, loader_class: type) -> tuple[yaml.Node | None, object]:
    """One parse: the composed node tree (for positions) and the data built from it."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def load_document(path: str | Path) -> Document:
    """Read a plan file. Raises :class:`InputError` listing every problem with its position."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem(name, 1, 1, f"cannot read the file: {exc.strerror}", "check the path")]
        ) from None
    if len(raw) > MAX_PLAN_BYTES:
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "file too large for a plan",
                    f"a plan is under {MAX_PLAN_BYTES // 2**20} MiB of YAML",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig", "replace")) + 1
        raise InputError(
            [Problem(name, line, column, "not UTF-8 text", "save the plan as UTF-8 (e.g. from GBK)")]
        ) from None
    return load_text(text, name)


def load_text(text: str, name: str = "<string>") -> Document:
    """Parse plan YAML given as a string; ``name`` is used in messages."""
    try:
        try:
            root, data = _parse(text, _FastLoader)
        except yaml.YAMLError:
            root, data = _parse(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        hint = "fix the indentation or quoting at this place"
        opened = exc.context_mark
        if exc.problem and exc.context and opened is not None and opened is not mark:
            # An unclosed bracket or quote is detected far below where it was opened.
            hint = f"{exc.context} that starts at line {opened.line + 1}, column {opened.column + 1}; {hint}"
        raise InputError([Problem(name, line, col, f"YAML syntax: {what}", hint)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(
            [Problem(name, line, col, f"control character U+{code:04X} is not allowed in YAML", "delete it")]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 1, 1, f"YAML: {exc}", "fix the YAML syntax")]) from None
    if root is None or data is None:
        raise InputError(
            [Problem(name, 1, 1, "the file is empty", "start from `workplan new --issuer NAME --year YYYY`")]
        )
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    name,
                    root.start_mark.line + 1,
                    root.start_mark.column + 1,
                    "a plan is a mapping with keys `notice` and `plan`",
                    "see `workplan schema`",
                )
            ]
        )

    problems = _structural_problems(root, name)
    try:
        document = Document.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, root, name))
        document = None
    else:
        problems.extend(_count_problems(document, root, name))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise InputError(_dedupe(problems))
    assert document is not None
    return document


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- positions ---------------------------------------------------------------------------------


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return k
    return None


def _locate(root: yaml.Node, loc: tuple[str | int, ...], *, key: bool = False) -> yaml.Node:
    """The deepest YAML node along ``loc`` (the key node itself when ``key``)."""
    node = root
    for i, part in enumerate(loc):
        if key and i == len(loc) - 1 and isinstance(part, str):
            found = _key_node(node, part)
        else:
            found = _child(node, part)
        if found is None:
            return node
        node = found
    return node


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def compose_file(path: str | Path) -> yaml.Node | None:
    """The YAML node tree of a plan file that loads, so checks can place warnings; None if the
    file cannot be read or parsed (the loader reports that)."""
    try:
        return _parse(Path(path).read_bytes().decode("utf-8-sig"), _FastLoader)[0]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def node_at(root: yaml.Node, loc: tuple[str | int, ...]) -> yaml.Node:
    """The YAML node of a model path such as ``("plan", "sections", 0, "heading")``; the deepest
    existing node along the way when the path is not written out (a default, or one string for
    a list)."""
    return _locate(root, loc)


def position(root: yaml.Node | None, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of a model path in a composed plan file (of its key when ``key``);
    (1, 1) without a file."""
    return _pos(_locate(root, loc, key=key)) if root is not None else (1, 1)


# --- checks the model cannot place -----------------------------------------------------------


def _structural_problems(root: yaml.Node, name: str) -> list[Problem]:
    """Duplicate keys, duplicate ids and excessive depth, each at its own line."""
    problems: list[Problem] = []

    def duplicate_keys(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, yaml.Node] = {}
            for k, v in node.value:
                if getattr(k, "value", None) in seen:
                    first = seen[k.value]
                    problems.append(
                        Problem(
                            name,
                            *_pos(k),
                            f"duplicate key `{k.value}`",
                            f"it is already set on line {_pos(first)[0]}; keep one",
                        )
                    )
                else:
                    seen[getattr(k, "value", None)] = k
                duplicate_keys(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                duplicate_keys(v)

    duplicate_keys(root)

    ids: dict[str, int] = {}

    def visit(node: yaml.Node, depth: int) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        if depth > MAX_DEPTH:
            problems.append(
                Problem(
                    name,
                    *_pos(node),
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "GB/T 9704 numbering has 一、（一）1.（1）①; fold this into its parent's text",
                )
            )
        id_node = _child(node, "id")
        # `id: null` (or `id:`) means "no id", which may repeat.
        if isinstance(id_node, yaml.ScalarNode) and id_node.tag != "tag:yaml.org,2002:null":
            if id_node.value in ids:
                problems.append(
                    Problem(
                        name,
                        *_pos(id_node),
                        f"duplicate id `{id_node.value}`",
                        f"already used on line {ids[id_node.value]}; ids must be unique",
                    )
                )
            else:
                ids[id_node.value] = _pos(id_node)[0]
        items = _child(node, "items")
        if isinstance(items, yaml.SequenceNode):
            for child in items.value:
                visit(child, depth + 1)

    sections = _child(_child(root, "plan"), "sections")
    if isinstance(sections, yaml.SequenceNode):
        for section in sections.value:
            visit(section, 1)
    return problems


MAX_NUMBER = 9999  # Chinese numerals (一、 （一） 一是) are written up to 九千九百九十九
_CHINESE_SCHEMES = ("chinese", "chinese_paren")


def _count_problems(document: Document, root: yaml.Node, name: str) -> list[Problem]:
    """Numbers past :data:`MAX_NUMBER`, which no Chinese label could print: numbered siblings on a
    一、/（一） level (counted across parents on a ``continuous`` level, as the labels are) and the
    ``points`` of one node."""
    problems: list[Problem] = []
    hint = f"Chinese numerals stop at {MAX_NUMBER}; split this list"
    for place in ordinals(document.plan):  # the numbers the labels will carry
        here: tuple[str | int, ...] = ("plan", "sections", place.path[0])
        for index in place.path[1:]:
            here = (*here, "items", index)
        if place.number == MAX_NUMBER + 1 and place.scheme in _CHINESE_SCHEMES:
            message = f"more than {MAX_NUMBER} numbered entries at level {place.level}"
            problems.append(Problem(name, *position(root, here), message, hint))
        if len(place.node.points) > MAX_NUMBER:
            message = f"more than {MAX_NUMBER} points (一是……) in one item"
            problems.append(Problem(name, *position(root, (*here, "points", MAX_NUMBER)), message, hint))
    return problems


def _fields_at(loc: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may have (for did-you-mean)."""
    annotation: Any = Document
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part)
            if info is None:
                return []
            annotation = info.annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so list[...] and models show through."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


_HINTS = {
    "missing": "add it",
    "string_type": "write text here",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "list_type": "write a list (lines starting with `- `)",
    "date_from_datetime_parsing": "write a date as YYYY-MM-DD, e.g. 2024-03-28",
    "date_parsing": "write a date as YYYY-MM-DD, e.g. 2024-03-28",
    "date_type": "write a date as YYYY-MM-DD, e.g. 2024-03-28",
    "literal_error": "use one of the values listed",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "model_type": "write a mapping of keys here",
    "dict_type": "write a mapping of keys here",
    "too_short": "give at least one entry",
    "string_too_short": "it may not be empty",
}


def _pydantic_problems(exc: ValidationError, root: yaml.Node, name: str) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            node = _locate(root, loc, key=True)
            allowed = _fields_at(loc[:-1])
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else ("allowed keys: " + ", ".join(allowed) if allowed else "remove it")
            )
            problems.append(Problem(name, *_pos(node), f"unknown key `{key}`", hint))
            continue
        if (
            not loc
            and kind == "value_error"
            and ("duplicate id" in err["msg"] or "nesting deeper" in err["msg"])
        ):
            continue  # already reported at its own line by _structural_problems
        node = _locate(root, loc)
        where = ".".join(str(p) for p in loc) or "document"
        if kind == "missing":
            message = f"missing required field `{loc[-1]}` (in {'.'.join(map(str, loc[:-1])) or 'top level'})"
        else:
            msg = err["msg"].removeprefix("Value error, ")
            message = f"{where}: {msg}"
        problems.append(Problem(name, *_pos(node), message, _HINTS.get(kind, "see `workplan schema`")))
    return problems
