"""Chinese numerals and the labels of a plan's hierarchy (一、 （一） 1. （1） ①).

Labels are computed once for a whole plan by :func:`number_plan`; every writer prints the labels
it returns and never counts on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Node, Plan, Scheme

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


def points_inline(points: list[str]) -> str:
    """An inline enumeration as seed 004 writes it: 一是……。二是……。"""
    return "".join(f"{chinese_numeral(i)}是{p}" for i, p in enumerate(points, start=1))


@dataclass
class Numbered:
    """A node with its computed label; ``label`` is '' for ``numbered: false`` headings."""

    node: Node
    level: int
    label: str
    ordinal: int | None
    path: tuple[int, ...]
    children: list[Numbered] = field(default_factory=list)

    def walk(self) -> Iterator[Numbered]:
        yield self
        for child in self.children:
            yield from child.walk()


def number_plan(plan: Plan) -> list[Numbered]:
    """Label every node of ``plan`` once, following its numbering settings."""
    settings = plan.numbering
    continuous = set(settings.continuous)
    running: dict[int, int] = {}  # counters of continuous levels, alive across parents

    def visit(nodes: list[Node], level: int, parent_path: tuple[int, ...]) -> list[Numbered]:
        local = 0
        out: list[Numbered] = []
        for index, node in enumerate(nodes):
            path = (*parent_path, index)
            if node.numbered:
                if level in continuous:
                    running[level] = running.get(level, 0) + 1
                    ordinal: int | None = running[level]
                else:
                    local += 1
                    ordinal = local
                text = label(settings.scheme(level), ordinal)
            else:
                ordinal, text = None, ""
            entry = Numbered(node, level, text, ordinal, path)
            entry.children = visit(node.items, level + 1, path)
            out.append(entry)
        return out

    return visit(plan.sections, 1, ())


def walk(outline: list[Numbered]) -> Iterator[Numbered]:
    """Every numbered node of an outline in document order."""
    for entry in outline:
        yield from entry.walk()
