"""Model → commented plan YAML (the inverse of ``load.py``), as ``workplan import`` writes it.

The YAML is minimal — defaults and empty fields are left out — and block-style, so a person can
edit it; each node carries its printed label as a comment (``# （三）``) because labels are
computed and never typed. ``load_document`` reads the output back to an equal model.

The structure is emitted here (the schema is fixed and small); each scalar goes through PyYAML,
which knows when a string must be quoted (``'2021'``, ``'- x'``, ``'null'``). The comments beside
the keys are the model's field descriptions, the glossary the JSON Schema shows too. ``workplan new``
(``starter.py``) quotes its values and takes its comments from here as well.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .docnumber import parse_doc_number
from .i18n import N_, _
from .model import DocNumber, Document, Layout, Node, Notice, Plan
from .model_tools import field_specs, is_model, to_data
from .numbering import Numbered, number_plan
from .view import format_doc_number

INDENT = "  "

# Plan keys the model describes by example only, or not at all: what to know when editing them.
_PLAN_COMMENTS = {
    "title": N_("工作要点 title"),
    "numbering": N_("label scheme per level; levels numbered straight through"),
    "sections": N_("numbers are generated — never type them into headings"),
}
# Node keys in the order a reader expects them; children last so a node's own data stays together.
_NODE_ORDER = (
    "id",
    "heading",
    "numbered",
    "points",
    "text",
    "lead",
    "owners",
    "deadline",
    "targets",
    "status",
    "tables",
    "child_numbering",
    "items",
)


def dump_document(
    document: Document, *, for_file: str | Path | None = None, comments: Iterable[str] | None = None
) -> str:
    """``document`` as plan YAML, starting with the schema line for an editor.

    ``for_file`` is where the YAML will be written (the schema path is made relative to it);
    ``comments`` are extra header lines (e.g. where the plan was imported from).
    """
    from .schema import schema_comment

    comment = schema_comment(Path(for_file) if for_file is not None else None)
    lines = [comment] if comment else []
    lines.append("# " + _("工作要点 (work plan) issued by a 通知 (notice), written for `workplan`."))
    lines.extend(f"# {c}" if c else "#" for c in comments or ())
    lines.append("")
    if document.notice is None:
        lines.append("notice: null  # a bare plan: no notice issues it here")
        lines.append("")
    notice = _fields(document.notice) if document.notice is not None else {}
    if notice:
        lines.append("notice:  # " + _("通知: the red-header document that issues the plan"))
        for key, value in notice.items():
            lines.extend(_entry(key, value, 1, field_comment(Notice, key)))
        lines.append("")
    lines.append("plan:  # " + _("工作要点: printed as the notice's 附件"))
    plan = _fields(document.plan)
    outline = number_plan(document.plan)
    for key, value in plan.items():
        if key == "sections":
            empty = " []" if not outline else ""
            lines.append(f"{INDENT}sections:{empty}  # {plan_comment('sections')}")
            for entry in outline:
                lines.extend(_node(entry, 2))
        else:
            lines.extend(_entry(key, value, 1, plan_comment(key)))
    if document.appendices:
        lines.append("")
        lines.extend(_entry("appendices", document.appendices, 0, field_comment(Document, "appendices")))
    layout = _fields(document.layout)
    if layout:
        lines.append("")
        lines.append("layout:  # " + _("printing"))
        for key, value in layout.items():
            lines.extend(_entry(key, value, 1, field_comment(Layout, key)))
    return "\n".join(lines) + "\n"


def field_comment(model: type, name: str) -> str:
    """The comment beside key ``name``: the model's description of the field, followed by the
    choices when the type is a fixed set and the description does not list them."""
    info = field_specs(model)[name]
    text = _(info.description) if info.description else ""  # the catalog holds every description
    choices = [str(c) for c in _literal_values(info.annotation)]
    if choices and not all(c in text for c in choices):
        listed = " | ".join(choices)
        text = _("{what}: {choices}").format(what=text, choices=listed) if text else listed
    return text


def plan_comment(name: str) -> str:
    """The comment beside a key of ``plan:``."""
    return _(_PLAN_COMMENTS[name]) if name in _PLAN_COMMENTS else field_comment(Plan, name)


def _literal_values(annotation: Any) -> list[object]:
    """The values of a ``Literal[...]`` type, also inside ``… | None``."""
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [v for arg in typing.get_args(annotation) for v in _literal_values(arg)]


def _fields(model: Any) -> dict[str, Any]:
    """The fields of ``model`` that differ from their defaults, as plain data."""
    out: dict[str, Any] = {}
    for name, info in field_specs(type(model)).items():
        value = getattr(model, name)
        if value == info.default_value():
            continue
        if (
            isinstance(value, list)
            and not value
            and not (isinstance(model, Notice) and name == "attachments")
        ):
            continue
        out[name] = value
    if isinstance(model, Plan) and "task_table" in out and not _fields(out["task_table"]):
        out["task_table"] = True  # the table with its defaults
    if isinstance(model, Plan):  # numbering settings read best before the tree they number
        sections = out.pop("sections", [])
        out["sections"] = sections
    return out


def _node(entry: Numbered, level: int) -> list[str]:
    """One node as a list entry, its printed label in a comment."""
    node: Node = entry.node
    fields = _fields(node)
    fields.pop("items", None)
    pad = INDENT * level
    label = entry.label or _("(no number)")
    ordered = [k for k in _NODE_ORDER if k in fields]
    if not ordered:  # an empty node still needs a mapping to be a node
        return [f"{pad}- {{}}  # {label}"]
    out: list[str] = []
    for i, key in enumerate(ordered):
        entry_lines = _entry(key, fields[key], level + 1, label if i == 0 else None)
        if i == 0:
            entry_lines[0] = f"{pad}- " + entry_lines[0].lstrip()
        out.extend(entry_lines)
    if entry.children:
        out.append(f"{INDENT * (level + 1)}items:")
        for child in entry.children:
            out.extend(_node(child, level + 2))
    return out


def _entry(key: str, value: Any, level: int, comment: str | None = None) -> list[str]:
    """``key: value`` at ``level``, block style."""
    pad = INDENT * level
    note = f"  # {comment}" if comment else ""
    if isinstance(value, DocNumber):
        text = format_doc_number(value)
        if value.serial is not None and parse_doc_number(text) == to_data(value):
            return [f"{pad}{key}: {yaml_scalar(text)}{note}"]
        value = to_data(value, exclude_none=True)
    if is_model(value):
        value = _plain(value)
    if isinstance(value, dict):
        out = [f"{pad}{key}:{note}"]
        for k, v in value.items():
            out.extend(_entry(k, v, level + 1))
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []{note}"]
        out = [f"{pad}{key}:{note}"]
        for item in value:
            out.extend(_list_item(_plain(item), level + 1))
        return out
    return [f"{pad}{key}: {yaml_scalar(value)}{note}"]


def _list_item(value: Any, level: int) -> list[str]:
    pad = INDENT * level
    if isinstance(value, dict):
        if not value:
            return [f"{pad}- {{}}"]
        out: list[str] = []
        for i, (k, v) in enumerate(value.items()):
            lines = _entry(k, v, level + 1)
            if i == 0:
                lines[0] = f"{pad}- " + lines[0].lstrip()
            out.extend(lines)
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}- []"]
        out = []
        for i, item in enumerate(value):
            lines = _list_item(item, level + 1)
            if i == 0:
                lines[0] = f"{pad}- " + lines[0].lstrip()
            out.extend(lines)
        return out
    return [f"{pad}- {yaml_scalar(value)}"]


def _plain(value: Any) -> Any:
    """A nested model (Table) as a dict without its defaults."""
    if is_model(value):
        return {k: _plain(v) for k, v in _fields(value).items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def yaml_scalar(value: Any) -> str:
    """One YAML scalar on one line, quoted only when YAML would misread it: a value that is data
    whatever it holds (``: ``, ``#``, a leading ``-``, ``{{ }}``, line breaks, control characters)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    # Line breaks (a forced break in a title) and control characters need the escaped form.
    style = '"' if any(ch in text for ch in "\n\r\t") or not text.isprintable() else None
    out = yaml.safe_dump(text, allow_unicode=True, width=10**9, default_style=style)
    return out.removesuffix("\n...\n").rstrip("\n")
