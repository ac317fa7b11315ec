"""Numbering labels read back from a printed document: are 一、（一）1.（1）… counted without gaps?

Works on paragraph-start texts of any document, so it knows nothing of the plan model. Which kind of
label is a child of which is learnt from the order they appear in: a kind first seen below another
opens a deeper level. A level restarts at 1 under a new parent, or continues the count across parents
(both occur in real plans, and plans may ask for continuous numbering).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import numbering
from ..i18n import _


@dataclass(frozen=True)
class Label:
    kind: str
    number: int
    text: str  # as printed, e.g. （十二）
    where: str  # e.g. "page 3"


UNNUMBERED = Label("", 0, "", "")
"""A heading line without a number (see :func:`first_break`)."""


def parse_label(text: str, where: str = "") -> Label | None:
    """The numbering label at the start of a paragraph, or None (read by :func:`numbering.parse_label`)."""
    found = numbering.parse_label(text)
    return None if found is None else Label(found.scheme, found.number, found.raw, where)


def first_break(labels: list[Label | None]) -> str | None:
    """Describe the first label that breaks the count, or None when all levels count 1, 2, 3 ….

    ``None`` entries mark a restart point (e.g. the start of an attachment with its own numbering);
    :data:`UNNUMBERED` a heading printed without a number (``numbered: false``): a new parent, so
    the list after it may start again at 1.
    """
    stack: list[str] = []  # kinds from outermost to innermost
    current: dict[str, Label] = {}  # last label of each open level
    counter = numbering.Counter(continuous=None)  # a printed document does not say which run on
    kind_at: dict[int, str] = {}  # the kind last counted at each level
    opened = False  # an unnumbered heading stands before the next label
    for label in labels:
        if label is None:
            stack, current, counter, kind_at = [], {}, numbering.Counter(continuous=None), {}
            continue
        if label is UNNUMBERED:
            opened = True
            continue
        if label.kind in stack:
            del stack[stack.index(label.kind) + 1 :]
            context = _("follows {label}").format(label=current[label.kind].text)
        else:
            stack.append(label.kind)
            context = (
                _("opens a level") if label.kind not in current else _("opens a level under a new parent")
            )
        level = stack.index(label.kind) + 1
        if kind_at.get(level, label.kind) != label.kind:
            counter.forget(level)  # a kind of its own: its count is not another kind's
        kind_at[level] = label.kind
        if opened and level > 1:
            counter.heading(level - 1)  # its parent: the list opens under it, afresh or running on
        opened = False
        counter.heading(level)
        allowed = counter.due(level)
        if label.number not in allowed:
            wanted = _(" or ").join(str(n) for n in sorted(allowed))
            return _("{where}: {label} {context} (expected number {wanted})").format(
                where=label.where, label=label.text, context=context, wanted=wanted
            )
        current[label.kind] = label
        counter.count(level, label.number)
    return None
