"""YAML → model (a reader), with every problem of a file reported as ``file:line:col``.

PyYAML's safe loader builds the data; its composed node tree is kept beside it so that each
validation error, unknown key or duplicate id can be pointed at the exact line and column.
"""

from __future__ import annotations

import functools
import types
import typing
from pathlib import Path
from typing import Any

import yaml

from . import field_messages, limits
from .errors import InputError, Problem
from .i18n import _
from .model import MAX_DEPTH, Document
from .model_tools import ValidationError, field_specs, is_model, validate
from .numbering import ordinals

__all__ = ["InputError", "Problem", "load_document", "load_text"]

MAX_PLAN_BYTES = limits.MAX_TEXT_BYTES  # a plan is text; anything larger is not one


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


def _parse(
    text: str, loader_class: type, name: str = "<string>"
) -> tuple[yaml.Node | None, object, list[Problem]]:
    """One parse: the composed node tree (for positions), the data built from it, and its
    duplicate keys.

    The events are checked against the limits first (:func:`_check_events`), so that nothing is
    composed or built from a bomb; duplicate keys are found before building, because building
    merges ``<<: *base`` keys into the node tree."""
    _check_events(text, loader_class, name)
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        duplicates = _duplicate_keys(root, name) if root is not None else []
        unbuildable = [p for p in duplicates if p.message == collection_key_message()]
        if unbuildable:  # a list or mapping as a key cannot even be built into the data
            raise InputError(unbuildable)
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data, duplicates


def depth_message(limit: int) -> str:
    return _("YAML nested deeper than {limit} levels").format(limit=limit)


def aliases_message(limit: int) -> str:
    return _("more than {limit} YAML aliases (*name)").format(limit=limit)


def expansion_message(limit: int) -> str:
    return _("YAML aliases expand to more than {limit} characters and nodes (an alias bomb?)").format(
        limit=f"{limit:,}"
    )


def recursive_alias_message(anchor: str) -> str:
    return _("the YAML anchor &{anchor} contains itself").format(anchor=anchor)


def _check_events(text: str, loader_class: type, name: str) -> None:
    """Refuse a YAML text whose nesting or aliases exceed the limits, from its event stream.

    The parser is a state machine (no recursion), and events are counted as they come: the depth
    of open mappings and lists, the number of aliases, and what the aliases would add once
    expanded (the size of an anchored node counts the aliases inside it, so a billion-laughs
    bomb is stopped at its first few levels)."""
    loader = loader_class(text)
    sizes: dict[str, int] = {}  # anchor → expanded size (characters + nodes)
    stack: list[list[Any]] = [[None, 0]]  # open collections: [anchor, size so far]
    aliases = expansion = 0

    def refuse(event: yaml.Event, message: str, hint: str) -> InputError:
        mark = event.start_mark
        return InputError([Problem(name, mark.line + 1, mark.column + 1, message, hint)])

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) - 1 > limits.MAX_YAML_DEPTH:
                    raise refuse(
                        event,
                        depth_message(limits.MAX_YAML_DEPTH),
                        _("a plan needs about 15 levels; flatten it"),
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                stack[-1][1] += size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1 + len(event.value)
                if event.anchor is not None:
                    sizes[event.anchor] = size
                stack[-1][1] += size
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.MAX_YAML_ALIASES:
                    raise refuse(
                        event, aliases_message(limits.MAX_YAML_ALIASES), _("write the text out instead")
                    )
                if any(frame[0] == event.anchor for frame in stack):
                    raise refuse(event, recursive_alias_message(event.anchor), _("refer to another anchor"))
                size = sizes.get(event.anchor, 0)  # an undefined alias: the composer reports it
                expansion += size
                if expansion > limits.MAX_ALIAS_EXPANSION:
                    raise refuse(
                        event, expansion_message(limits.MAX_ALIAS_EXPANSION), _("write the text out instead")
                    )
                stack[-1][1] += size
    finally:
        loader.dispose()


def load_document(path: str | Path) -> Document:
    """Read a plan file. Raises :class:`InputError` listing every problem with its position."""
    path = Path(path)
    name = str(path)
    raw = limits.read_input(path, MAX_PLAN_BYTES)  # a FIFO, a device, an oversized file: refused
    return load_text(decode_plan(raw, name), name)


def _not_yaml_text(raw: bytes, name: str) -> Problem | None:
    """A file that is no plan text at all, told by its first bytes: a document given where the plan
    YAML belongs (a .docx is a zip, a PDF), or a plan saved as UTF-16 (Notepad's "Unicode")."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(
            name,
            1,
            1,
            _("the file is saved as UTF-16 (“Unicode” in Notepad), not UTF-8"),
            _("save the plan as UTF-8 (in the editor's Save As, choose UTF-8)"),
        )
    for magic, kind in (
        (b"PK\x03\x04", "Word .docx (zip)"),
        (b"%PDF", "PDF"),
        (b"\xd0\xcf\x11\xe0", "Word 97–2003"),
    ):
        if raw.startswith(magic):
            return Problem(
                name,
                1,
                1,
                _("this is a {kind} file, not a plan YAML").format(kind=kind),
                _("to read a document into a plan, run `workplan import FILE -o plan.yaml`"),
            )
    return None


# Past this size a syntax error is explained from libyaml's own report: the pure-Python parser
# (whose words the explanations know best) needs ~2 s a MiB, 40 s for a 20 MiB plan.
_PURE_PARSE_LIMIT = 1 << 20


def decode_plan(raw: bytes, name: str) -> str:
    """The text of a plan file's bytes: UTF-8 (a BOM allowed). Anything else — GBK, UTF-16, a
    .docx or a PDF given as the plan — raises :class:`InputError` saying what it is and what to do."""
    not_a_plan = _not_yaml_text(raw, name)
    if not_a_plan is not None:
        raise InputError([not_a_plan])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig", "replace")) + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    _("not UTF-8 text"),
                    _("save the plan as UTF-8 (in the editor's Save As, choose UTF-8 instead of GBK)"),
                )
            ]
        ) from None
    return text


def load_text(text: str, name: str = "<string>") -> Document:
    """Parse plan YAML given as a string; ``name`` is used in messages."""
    try:
        try:
            root, data, duplicates = _parse(text, _FastLoader, name)
        except yaml.MarkedYAMLError as fast:
            if len(text) > _PURE_PARSE_LIMIT:
                from . import yaml_syntax  # its patterns are compiled only for a plan that fails

                raise InputError(
                    [yaml_syntax.explain(text, yaml_syntax.in_pyyaml_words(fast), name)]
                ) from None
            root, data, duplicates = _parse(text, _Loader, name)
        except yaml.YAMLError:
            root, data, duplicates = _parse(text, _Loader, name)
    except yaml.MarkedYAMLError as exc:
        from . import yaml_syntax

        raise InputError([yaml_syntax.explain(text, exc, name)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    col,
                    _("control character U+{code} is not allowed in a plan").format(code=f"{code:04X}"),
                    _("delete it (it is invisible; it often comes from copying out of another program)"),
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(
            [Problem(name, 1, 1, _("YAML syntax: {what}").format(what=exc), _("fix the YAML syntax"))]
        ) from None
    if root is None or data is None:
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    _("the file is empty"),
                    _("start from `workplan new --issuer NAME --year YYYY`"),
                )
            ]
        )
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    name,
                    root.start_mark.line + 1,
                    root.start_mark.column + 1,
                    _("a plan is a mapping with keys `notice` and `plan`"),
                    _("see `workplan new` for a starter plan"),
                )
            ]
        )

    problems = duplicates + _illegal_chars(root, name) + _structural_problems(root, name)
    try:
        document = validate(Document, data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, root, name, data, text))
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
        # The last one: merged keys (`<<: *base`) come first and a later key overrides them.
        for k, v in reversed(node.value):
            if getattr(k, "value", None) == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in reversed(node.value):
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
        return _parse(limits.read_input(path).decode("utf-8-sig"), _FastLoader)[0]
    except (InputError, UnicodeDecodeError, yaml.YAMLError):
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


def _illegal_chars(root: yaml.Node, name: str) -> list[Problem]:
    """Text holding a character no .docx can (written as a YAML escape such as "\\x07")."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an aliased node is checked once
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            message = limits.illegal_char_message(node.value)
            if message is not None:
                problems.append(Problem(name, *_pos(node), message, limits.illegal_char_hint()))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def collection_key_message() -> str:
    return _("a list or a group of keys stands where a key name belongs")


def _duplicate_keys(root: yaml.Node, name: str) -> list[Problem]:
    """Keys set twice in one mapping, at the second one; a merge key (``<<``) is not a key.
    Keys that are no field name at all are reported here too, at the key: a list or mapping
    (``? [a, b]``), a number, true/false or null (``1:``, ``yes:``, ``~:``)."""
    problems: list[Problem] = []

    def visit(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, yaml.Node] = {}
            for k, v in node.value:
                if k.tag == "tag:yaml.org,2002:merge":
                    pass
                elif not isinstance(k, yaml.ScalarNode):
                    problems.append(
                        Problem(
                            name,
                            *_pos(k),
                            collection_key_message(),
                            _("a key is one English name followed by a colon, e.g. `title:`"),
                        )
                    )
                    continue
                elif k.tag != "tag:yaml.org,2002:str":
                    problems.append(
                        Problem(
                            name,
                            *_pos(k),
                            _("`{key}` is not a key name").format(key=k.value),
                            _("keys are the English names of the fields, e.g. `title:` (see `workplan new`)"),
                        )
                    )
                elif getattr(k, "value", None) in seen:
                    first = seen[k.value]
                    problems.append(
                        Problem(
                            name,
                            *_pos(k),
                            _("duplicate key `{key}`").format(key=k.value),
                            _("it is already set on line {line}; keep one").format(line=_pos(first)[0]),
                        )
                    )
                else:
                    seen[getattr(k, "value", None)] = k
                visit(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                visit(v)

    visit(root)
    return problems


def _structural_problems(root: yaml.Node, name: str) -> list[Problem]:
    """Duplicate ids and excessive depth, each at its own line."""
    problems: list[Problem] = []

    ids: dict[str, int] = {}

    def visit(node: yaml.Node, depth: int) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        if depth > MAX_DEPTH:
            problems.append(
                Problem(
                    name,
                    *_pos(node),
                    _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH),
                    _("GB/T 9704 numbering has 一、（一）1.（1）①; fold this into its parent's text"),
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
                        _("duplicate id `{id}`").format(id=id_node.value),
                        _("already used on line {line}; ids must be unique").format(line=ids[id_node.value]),
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


# Characters that look like nothing (or like a space) but are not YAML's space: pasted into a key,
# they make it another key.
_INVISIBLE = frozenset("\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\u2028\u2029")

MAX_NUMBER = 9999  # Chinese numerals (一、 （一） 一是) are written up to 九千九百九十九
_CHINESE_SCHEMES = ("chinese", "chinese_paren")


def _count_problems(document: Document, root: yaml.Node, name: str) -> list[Problem]:
    """Numbers past :data:`MAX_NUMBER`, which no Chinese label could print: numbered siblings on a
    一、/（一） level (counted across parents on a ``continuous`` level, as the labels are) and the
    ``points`` of one node."""
    problems: list[Problem] = []
    hint = _("Chinese numerals stop at {limit}; split this list").format(limit=MAX_NUMBER)
    for place in ordinals(document.plan):  # the numbers the labels will carry
        here: tuple[str | int, ...] = ("plan", "sections", place.path[0])
        for index in place.path[1:]:
            here = (*here, "items", index)
        if place.number == MAX_NUMBER + 1 and place.scheme in _CHINESE_SCHEMES:
            message = _("more than {limit} numbered entries at level {level}").format(
                limit=MAX_NUMBER, level=place.level
            )
            problems.append(Problem(name, *position(root, here), message, hint))
        if len(place.node.points) > MAX_NUMBER:
            message = _("more than {limit} points (一是……) in one item").format(limit=MAX_NUMBER)
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
        elif isinstance(annotation, type) and is_model(annotation):
            spec = field_specs(annotation).get(part)
            if spec is None:
                return []
            annotation = spec.annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and is_model(annotation):
        return list(field_specs(annotation))
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


@functools.lru_cache(maxsize=1024)
def _close_match(key: str, allowed: tuple[str, ...]) -> list[str]:
    """did-you-mean, once per key: a slip repeated on 50,000 items costs 10 s in difflib otherwise."""
    import difflib  # only for a misspelt key

    return difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)


def _written(text: str, root: yaml.Node, loc: tuple[str | int, ...]) -> str | None:
    """The value at ``loc`` as the file writes it — ``yes``, ``2025-02-18 10:00``, ``[a, b]`` — or
    None when ``loc`` is not written out there (a default) or spans several lines."""
    node: yaml.Node | None = root
    for part in loc:
        node = _child(node, part)
        if node is None:
            return None
    if isinstance(node, yaml.ScalarNode):
        return node.value
    source = text[node.start_mark.index : node.end_mark.index].strip()
    return source if source and "\n" not in source else None


def _pydantic_problems(
    exc: ValidationError, root: yaml.Node, name: str, data: object, text: str
) -> list[Problem]:
    problems: list[Problem] = []
    labels = field_messages.node_labels(data)
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's unknown key
            key = str(loc[-1])
            node = _locate(root, loc, key=True)
            allowed = _fields_at(loc[:-1])
            close = _close_match(key, tuple(allowed))
            hidden = [c for c in key if c in _INVISIBLE]
            if hidden and "".join(c for c in key if c not in _INVISIBLE) in allowed:
                # `　notice:`, `year\u200b:` — pasted from a web page or Word; the key looks right.
                codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in hidden))
                bare = "".join(c for c in key if c not in _INVISIBLE)
                problems.append(
                    Problem(
                        name,
                        *_pos(node),
                        _("the key `{key}` has an invisible or full-width character in it ({codes})").format(
                            key=bare, codes=codes
                        ),
                        _("delete the indentation and the key, and type them again with plain spaces"),
                    )
                )
                continue
            if close:
                hint = _("did you mean `{key}`?").format(key=close[0])
            elif allowed:
                hint = _("allowed keys: {keys}").format(keys=", ".join(allowed))
            else:
                hint = _("remove it")
            where = field_messages.describe(loc[:-1], labels)
            problems.append(
                Problem(
                    name, *_pos(node), _("unknown key `{key}` in {where}").format(key=key, where=where), hint
                )
            )
            continue
        if kind in ("invalid_key", "string_unicode"):
            # A number, true/false or null as a key, and a lone surrogate ("\ud800"): reported at
            # their place by _duplicate_keys and _illegal_chars.
            continue
        if (
            not loc
            and kind == "value_error"
            and ("duplicate id" in err["msg"] or "nesting deeper" in err["msg"])
        ):
            continue  # already reported at its own line by _structural_problems
        node = _locate(root, loc)
        if kind == "missing":
            message = _("{where} is missing").format(where=field_messages.describe(loc, labels))
            hint = _("add it")
        else:
            what, hint = field_messages.message_for(err, _written(text, root, loc))
            message = _("{where}: {what}").format(where=field_messages.describe(loc, labels), what=what)
        problems.append(Problem(name, *_pos(node), message, hint))
    return problems
