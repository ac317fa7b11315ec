"""The plan's labels as Word's own multi-level list numbering (numbering.xml), so that a clerk who
inserts or deletes a heading in Word sees every later heading renumber.

Each level of the hierarchy is level ``level - 1`` of a Word list whose number format prints the
level's scheme (:data:`WORD_FORMATS`: 一、 is ``chineseCounting`` with text ``%1、``). Word counts
a list as the plan counts restarting levels: a paragraph of a list restarts the deeper levels of
the same list. So the plan's levels are split into lists at each ``continuous`` level — a level
that runs on across its parents is the top of a list of its own, which the headings above it
(in another list) never restart.

The rest is decided by simulating Word's counters over the headings in document order
(:func:`assign_lists`): a heading goes into the list whose next number at its level equals its
ordinal in the scheme of its label. Where none does — the children of a ``numbered: false``
heading (Word has no paragraph there to restart them), a node's ``child_numbering``, the count
picking up again after such a group — another list is started with its start values set to the
plan's ordinals. Within one list every insertion renumbers what follows; a started list begins at
its written start. Labels no Word format prints like the .txt writer (circled past ⑳: Word and
LibreOffice print ㉑, the plan （21）) stay typed text in the paragraph, outside any list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .model import MAX_DEPTH, Numbering, Scheme
from .numbering import Numbered, walk

NumberingMode = Literal["word", "text"]
NUMBERING_MODES: tuple[NumberingMode, ...] = ("word", "text")
"""How the .docx numbers its headings: Word's own lists (default), or labels typed as text."""


def check_mode(mode: str) -> NumberingMode:
    if mode not in NUMBERING_MODES:
        raise ValueError(f"unknown numbering {mode!r} — use one of {', '.join(NUMBERING_MODES)}")
    return mode  # type: ignore[return-value]


WORD_FORMATS: dict[Scheme, tuple[str, str]] = {
    "chinese": ("chineseCounting", "%{n}、"),
    "chinese_paren": ("chineseCounting", "（%{n}）"),
    "arabic": ("decimal", "%{n}."),
    "arabic_paren": ("decimal", "（%{n}）"),
    "arabic_comma": ("decimal", "%{n}、"),
    "circled": ("decimalEnclosedCircle", "%{n}"),
}
"""Scheme → (w:numFmt, w:lvlText with ``{n}`` for the level's 1-based number)."""

CIRCLED_MAX = 20
"""decimalEnclosedCircle prints ①–⑳ as the plan does; past it the plan falls back to （21）."""


def word_prints(scheme: Scheme, ordinal: int) -> bool:
    """Does the Word format of ``scheme`` print the label the .txt writer prints for ``ordinal``?"""
    return not (scheme == "circled" and ordinal > CIRCLED_MAX)


def list_top(level: int, settings: Numbering) -> int:
    """The level a Word list holding ``level`` starts at: level 1, or the nearest continuous
    level at or above it."""
    return max([1] + [c for c in settings.continuous if c <= level])


@dataclass
class WordList:
    """One list (a w:num with an w:abstractNum of its own): the schemes of its levels, the start
    value of each level (1 unless the list picks up a count), and Word's counters as they run."""

    num_id: int
    top: int  # first plan level it holds
    schemes: dict[int, Scheme]  # plan level → scheme, for levels top..MAX_DEPTH
    starts: dict[int, int] = field(default_factory=dict)  # plan level → w:start (when not 1)
    _counters: dict[int, int] = field(default_factory=dict, repr=False)
    _skipped: set[int] = field(default_factory=set, repr=False)

    def next_number(self, level: int) -> int:
        return self._counters.get(level, self.starts.get(level, 1) - 1) + 1

    def takes(self, level: int, scheme: Scheme, ordinal: int) -> bool:
        """Would a paragraph at ``level`` of this list print ``ordinal`` in ``scheme``? Not when a
        deeper level was used while this one had no number yet: LibreOffice then counts this level
        as used once already (Word does not), so what it prints is not certain."""
        return (
            self.schemes[level] == scheme
            and self.next_number(level) == ordinal
            and level not in self._skipped
        )

    def count(self, level: int) -> None:
        """A paragraph at ``level``: it counts, and the deeper levels of this list restart."""
        self._counters[level] = self.next_number(level)
        for deeper in [k for k in self._counters if k > level]:
            del self._counters[deeper]
        self._skipped = {k for k in self._skipped if k < level}
        self._skipped |= {k for k in range(self.top, level) if k not in self._counters}


class ListRef(NamedTuple):
    """Where a heading paragraph sits in the numbering: w:numId and w:ilvl."""

    num_id: int
    ilvl: int


@dataclass
class ListPlan:
    """The lists a plan needs and the list place of each heading (by node path); a heading absent
    from ``refs`` carries its label as typed text, or none (``numbered: false``)."""

    lists: list[WordList] = field(default_factory=list)
    refs: dict[tuple[int, ...], ListRef] = field(default_factory=dict)

    def typed(self, entry: Numbered) -> bool:
        """True when ``entry`` prints a label that is not Word's list number."""
        return bool(entry.label) and entry.path not in self.refs


def assign_lists(outline: list[Numbered], settings: Numbering, first_num_id: int = 1) -> ListPlan:
    """Put every numbered heading of ``outline`` into a Word list that prints its label."""
    plan = ListPlan()
    current: dict[int, WordList] = {}  # list top → the list its levels used last

    def new_list(top: int, level: int, scheme: Scheme, ordinal: int) -> WordList:
        schemes = {k: settings.scheme(k) for k in range(top, MAX_DEPTH + 1)}
        schemes[level] = scheme
        made = WordList(
            first_num_id + len(plan.lists), top, schemes, {level: ordinal} if ordinal != 1 else {}
        )
        plan.lists.append(made)
        return made

    for entry in walk(outline):
        if entry.ordinal is None or not word_prints(entry.scheme, entry.ordinal):
            continue
        top = list_top(entry.level, settings)
        candidates = [current[top]] if top in current else []
        candidates += [w for w in reversed(plan.lists) if w.top == top and w not in candidates]
        chosen = next((w for w in candidates if w.takes(entry.level, entry.scheme, entry.ordinal)), None)
        if chosen is None:
            chosen = new_list(top, entry.level, entry.scheme, entry.ordinal)
        chosen.count(entry.level)
        current[top] = chosen
        plan.refs[entry.path] = ListRef(chosen.num_id, entry.level - 1)
    return plan
