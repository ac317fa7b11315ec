"""Chinese numerals and the labels of a plan's hierarchy (一、 （一） 1. （1） ①).

Labels are computed once for a whole plan by :func:`number_plan`; every writer prints the labels
it returns and never counts on its own. Reading goes the other way here too: :func:`parse_label`
and :func:`parse_chinese_numeral` are the one reader of printed labels and numerals, used by the
importer, the layout check and lint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Node, Numbering, Plan, Scheme

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """1–9999 in Chinese numerals as used in document numbering.

    十 for 10–19 (not 一十); 零 once for each run of missing units (一百零一, 一千零一十).
    """
    if not 1 <= n <= 9999:
        raise ValueError(f"Chinese numerals cover 1–9999, not {n}")
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    pending_zero = False
    rest = n
    for unit, name in _UNITS:
        digit, rest = divmod(rest, unit)
        if digit:
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(_DIGITS[digit] + name)
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append("零")
        out.append(_DIGITS[rest])
    return "".join(out)


_CIRCLED = [chr(0x2460 + i) for i in range(20)]  # ①–⑳


def circled_numeral(n: int) -> str:
    """①–⑳; past 20 Unicode's circled numbers are not in common CJK fonts, so fall back to
    the parenthesised form （21） that every font has."""
    if n < 1:
        raise ValueError(f"circled numerals start at 1, not {n}")
    if n <= 20:
        return _CIRCLED[n - 1]
    return f"（{n}）"


def label(scheme: Scheme, n: int) -> str:
    """The label of the ``n``-th node under ``scheme``, e.g. ("chinese_paren", 11) → （十一）."""
    if scheme == "chinese":
        return f"{chinese_numeral(n)}、"
    if scheme == "chinese_paren":
        return f"（{chinese_numeral(n)}）"
    if scheme == "arabic":
        return f"{n}."
    if scheme == "arabic_paren":
        return f"（{n}）"
    if scheme == "arabic_comma":
        return f"{n}、"
    if scheme == "circled":
        return circled_numeral(n)
    raise ValueError(f"unknown numbering scheme {scheme!r}")


def citation(labels: list[str]) -> str:
    """How documents cite a node by its labels, outermost first: 二、 + （三） → 二（三）.

    A label ends in 、 only when nothing follows it, so every label but the last drops its 、;
    empty labels (``numbered: false`` headings) are skipped.
    """
    shown = [text for text in labels if text]
    return "".join(text.removesuffix("、") for text in shown[:-1]) + (shown[-1] if shown else "")


# --- reading numerals and labels back ----------------------------------------------------------

_DIGIT_VALUES = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGIT_VALUES |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
# Spellings a careful writer also uses: 〇/○ for 零 (一百〇一), 两 before 百/千 (两百),
# and 一十 for 10–19 at the start (一十五, the formal reading of 十五).
_VARIANTS = re.compile(r"[〇○]|两(?=[百千])|^一(?=十)")


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral of 1–9999 (十一 → 11, 一百零一 → 101), or None.

    Strict: only the spelling :func:`chinese_numeral` prints (and the variants above) is read,
    so "一二", "十十", "一百一" or "二十零" are not numerals — a label like 一二、 is a slip, not 2.
    """
    if not text or any(ch not in _DIGIT_VALUES and ch not in _UNIT_VALUES for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _UNIT_VALUES:
            total += (1 if digit is None else digit) * _UNIT_VALUES[ch]
            digit = None
        else:
            digit = _DIGIT_VALUES[ch]
    total += digit or 0
    canonical = _VARIANTS.sub(lambda m: {"〇": "零", "○": "零", "两": "二"}.get(m.group(), ""), text)
    if not 1 <= total <= 9999 or chinese_numeral(total) != canonical:
        return None
    return total


def parse_chinese_digits(text: str) -> int | None:
    """Digits read one by one, as years are written: 二〇二一 → 2021; None if any is not a digit."""
    if not text or any(ch not in _DIGIT_VALUES or ch == "两" for ch in text):
        return None
    return int("".join(str(_DIGIT_VALUES[ch]) for ch in text))


def parse_word_counting(text: str) -> int | None:
    """A number of 100–9999 as Word's chineseCounting list prints it, digit by digit (一○○,
    一○一, 一二三: Word counts 一 … 九十九, then goes on so); None for anything else — two digits
    one by one (一二) are a slip, not 12."""
    if not 3 <= len(text) <= 4 or text[0] in "零〇○":
        return None
    value = parse_chinese_digits(text.replace("零", "○"))
    return value if value is not None and value >= 100 else None


_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千"  # up to 7 of them: 九千九百九十九
_LABEL = re.compile(
    rf"""^(?:
        (?P<chinese>[{_NUMERAL_CHARS}]{{1,7}})\s*(?:、|(?P<dotted>[.．])(?:(?=(?:19|20)\d\d\s*年)|(?![\d.．])))
      | (?P<cp_open>[（(])\s*(?P<chinese_paren>[{_NUMERAL_CHARS}]{{1,7}})\s*(?P<cp_close>[）)])
      | (?P<ap_open>[（(])\s*(?P<arabic_paren>\d{{1,3}})\s*(?P<ap_close>[）)])
      | (?P<arabic>\d{{1,3}})\s*[.．](?:(?=(?:19|20)\d\d\s*年)|(?![\d.．]))
      | (?P<arabic_comma>\d{{1,3}})\s*、
      | (?P<circled>[①-⑳㉑-㉟㊱-㊿])
      | (?P<enclosed_paren>[⑴-⒇])
      | (?P<enclosed_dot>[⒈-⒛])
    )\s*""",
    re.VERBOSE,
)


class Label(NamedTuple):
    """A number typed (or printed) at the start of a paragraph, read back into its scheme."""

    scheme: Scheme
    number: int
    raw: str  # as written, e.g. "(十八)"
    rest: str  # the paragraph after the label
    halfwidth: bool = False  # (一) rather than （一）
    mixed: bool = False  # （一) — one bracket of each width
    dotted: bool = False  # 一． rather than 一、 (a typing slip; 1. is the arabic scheme)
    enclosed: bool = False  # ⑴ or ⒈: a number and its mark typed as one character


def parse_label(text: str) -> Label | None:
    """The label ``text`` starts with, in any scheme :func:`label` prints, or None.

    Tolerant of what typists do — spaces inside （ 十一 ） and before the mark (1 .), full-width
    1．, half-width or mixed brackets (flagged on the result) — but not of a numeral that
    :func:`parse_chinese_numeral` refuses. A dot followed by a digit is a decimal (1.5倍), unless
    the digits are a year (1.2024年全省医政工作要点: the label, then the year).
    """
    match = _LABEL.match(text)
    if not match:
        return None
    raw, rest = match.group(0).strip(), text[match.end() :]
    for group, scheme, first in (("enclosed_paren", "arabic_paren", "⑴"), ("enclosed_dot", "arabic", "⒈")):
        if (char := match.group(group)) is not None:
            # ⑴ ⒈: one character each, as old Word documents type them; printed （1） and 1.
            return Label(scheme, ord(char) - ord(first) + 1, raw, rest, enclosed=True)
    scheme = next(s for s in _SCHEMES_READ if match.group(s) is not None)
    value = match.group(scheme)
    if scheme in ("chinese", "chinese_paren"):
        number = parse_chinese_numeral(value) or parse_word_counting(value)
        if number is None:
            return None
    elif scheme == "circled":
        number = _circled_value(value)
    else:
        number = int(value)
    halfwidth = mixed = False
    if scheme in ("chinese_paren", "arabic_paren"):
        prefix = "cp" if scheme == "chinese_paren" else "ap"
        opening, closing = match.group(f"{prefix}_open"), match.group(f"{prefix}_close")
        halfwidth = opening == "(" and closing == ")"
        mixed = (opening == "(") != (closing == ")")
    dotted = match.group("dotted") is not None
    return Label(scheme, number, raw, rest, halfwidth, mixed, dotted)


def _circled_value(numeral: str) -> int:
    """①–⑳, and ㉑–㊿ as Word and LibreOffice print a circled list past 20."""
    code = ord(numeral)
    if code >= 0x32B1:  # ㊱–㊿
        return code - 0x32B1 + 36
    if code >= 0x3251:  # ㉑–㉟
        return code - 0x3251 + 21
    return code - ord("①") + 1


_SCHEMES_READ: tuple[Scheme, ...] = (
    "chinese",
    "chinese_paren",
    "arabic_paren",
    "arabic",
    "arabic_comma",
    "circled",
)


def points_inline(points: list[str]) -> str:
    """An inline enumeration as seed 004 writes it: 一是……。二是……。"""
    return "".join(f"{chinese_numeral(i)}是{p}" for i, p in enumerate(points, start=1))


class Counter:
    """The counting rule of a plan's hierarchy, for anything that walks headings in document order.

    A heading at a level restarts the levels below it (its children count from 1), except the
    ``continuous`` levels, whose count runs on across parents for the whole plan. ``continuous``
    None means "not known" (a printed document read back): a level opening under a new parent may
    then either restart or run on. :func:`number_plan` counts labels with it; the loader's limits,
    the importer's defect check and the layout checker ask it what number is due.
    """

    def __init__(self, continuous: Iterable[int] | None = ()) -> None:
        self.continuous = None if continuous is None else frozenset(continuous)
        self._local: dict[int, int] = {}  # last number of each level under its current parent
        self._running: dict[int, int] = {}  # last number of each level anywhere

    def heading(self, level: int) -> None:
        """A heading at ``level`` (numbered or not) begins: every deeper level opens afresh."""
        for deeper in [k for k in self._local if k > level]:
            del self._local[deeper]

    def due(self, level: int) -> set[int]:
        """The numbers the next numbered heading at ``level`` may carry (one, unless continuity
        is unknown and the level opens under a new parent)."""
        if level in self._local:
            return {self._local[level] + 1}
        if self.continuous is None:
            return {1, self._running.get(level, 0) + 1}
        if level in self.continuous:
            return {self._running.get(level, 0) + 1}
        return {1}

    def forget(self, level: int) -> None:
        """``level`` holds another list from now on (a printed document changed its scheme there):
        nothing counted before runs on into it."""
        self._local.pop(level, None)
        self._running.pop(level, None)

    def count(self, level: int, number: int | None = None) -> int:
        """Record a numbered heading at ``level``: its due number, or the ``number`` a source
        printed (so that what follows is judged against the source's own count)."""
        if number is None:
            number = max(self.due(level)) if self.continuous is not None else min(self.due(level))
        self._local[level] = self._running[level] = number
        return number


class Ordinal(NamedTuple):
    """A node's place in the count: its level, the scheme its label is in, and its number
    (None for a ``numbered: false`` heading, which uses no number up)."""

    node: Node
    path: tuple[int, ...]
    level: int
    scheme: Scheme
    number: int | None


def ordinals(plan: Plan) -> list[Ordinal]:
    """Every node of ``plan`` in document order with its number under the plan's settings
    (``numbering.continuous``, ``numbered: false``, a parent's ``child_numbering``). The numbers
    only — no label is formed, so this also serves the loader checking numbers past 9999."""
    settings = plan.numbering
    counter = Counter(settings.continuous)
    out: list[Ordinal] = []

    def visit(nodes: list[Node], level: int, parent_path: tuple[int, ...], scheme: Scheme) -> None:
        counting = count_level(settings, scheme, level)
        for index, node in enumerate(nodes):
            path = (*parent_path, index)
            counter.heading(counting)
            number = counter.count(counting) if node.numbered else None
            out.append(Ordinal(node, path, level, scheme, number))
            visit(node.items, level + 1, path, node.child_numbering or settings.scheme(level + 1))

    visit(plan.sections, 1, (), settings.scheme(1))
    return out


def count_level(settings: Numbering, scheme: Scheme, level: int) -> int:
    """The level whose count a list at ``level`` runs on: its own, or — for a list numbered in
    the scheme of a deeper level that is numbered straight through (``child_numbering``: 22.
    straight under 三、 after 1.–21. under the （一） of the sections before, real/20) — that
    level's, so the count goes on there."""
    if scheme != settings.scheme(level) and scheme in settings.levels:
        deeper = settings.levels.index(scheme) + 1
        if deeper > level and deeper in settings.continuous:
            return deeper
    return level


@dataclass
class Numbered:
    """A node with its computed label; ``label`` is '' for ``numbered: false`` headings."""

    node: Node
    level: int
    label: str
    ordinal: int | None
    path: tuple[int, ...]
    children: list[Numbered] = field(default_factory=list)
    scheme: Scheme = "chinese"  # the scheme of its label (its level's, or its parent's child_numbering)

    def walk(self) -> Iterator[Numbered]:
        yield self
        for child in self.children:
            yield from child.walk()


def number_plan(plan: Plan) -> list[Numbered]:
    """Label every node of ``plan`` once, following its numbering settings."""
    roots: list[Numbered] = []
    by_path: dict[tuple[int, ...], Numbered] = {}
    for place in ordinals(plan):
        text = "" if place.number is None else label(place.scheme, place.number)
        entry = Numbered(place.node, place.level, text, place.number, place.path, scheme=place.scheme)
        by_path[place.path] = entry
        siblings = roots if len(place.path) == 1 else by_path[place.path[:-1]].children
        siblings.append(entry)
    return roots


def walk(outline: list[Numbered]) -> Iterator[Numbered]:
    """Every numbered node of an outline in document order."""
    for entry in outline:
        yield from entry.walk()
