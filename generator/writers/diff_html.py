"""A diff as one self-contained HTML page: old and new side by side, labels as printed."""

from __future__ import annotations

from dataclasses import dataclass

from ..diff import Change, DiffResult
from ..i18n import _, language
from .diff_text import KIND_NAMES
from .text import environment


@dataclass(frozen=True)
class _Row:
    kind: str
    old_label: str | None
    new_label: str | None
    old: list[tuple[str, str]]  # segments shown on the old side: "=" and "-"
    new: list[tuple[str, str]]  # on the new side: "=" and "+"
    note: str
    fields: list[_Field]


@dataclass(frozen=True)
class _Field:
    """A changed field of the row's node, named, with its two sides."""

    name: str
    key: str
    old: list[tuple[str, str]]
    new: list[tuple[str, str]]


def _row(change: Change) -> _Row:
    if change.segments:
        old = [(op, t) for op, t in change.segments if op != "+"] if change.old_text is not None else []
        new = [(op, t) for op, t in change.segments if op != "-"] if change.new_text is not None else []
    else:  # renumbered or moved unchanged: the same words on both sides
        old = [("=", change.old_text or "")]
        new = [("=", change.new_text or "")]
    fields = [
        _Field(
            f.name,
            f.key,
            [(op, t) for op, t in f.segments if op != "+"],
            [(op, t) for op, t in f.segments if op != "-"],
        )
        for f in change.fields
    ]
    return _Row(change.kind, change.old_label, change.new_label, old, new, change.note, fields)


def render_diff_html(result: DiffResult) -> str:
    title = _("{title} — changes").format(title=result.old_view.plan.title)
    return (
        environment()
        .get_template("diff.html.j2")
        .render(
            title=title,
            summary=result.summary,
            names=KIND_NAMES,
            # The page's own labels through the catalog; the kind codes (added …) only in English.
            _=_,
            show_codes=language() != "zh",
            rows=[_row(c) for c in result.changes],
        )
    )
