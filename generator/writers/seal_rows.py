"""Where the seals of a sealed joint 署名 go (GB/T 9704-2012 §7.3.5.1), in twips of the 版心.

联合行文: the 署名 stand in issuer order, each under its own seal (一一对应、居中下压), the last
seal pressing the last 署名 and the 成文日期; no two seals meet (互不相交或相切) and no row of
them runs past the 版心 (两端不得超出版心). Common practice sets the names side by side, two or
three a row (GB/T 9704 图7; the 1999 rules: at most three a row). So the names are set in rows of
slots of one pitch, each name centred in its slot, the rows' last slot centred over the 成文日期
— which keeps its place of the single sealed 署名, right-indented 4字 — and every row ending in
that column; a last row short of names fills the slots at the right, its last name over the date.
Rows stand :data:`ROW_LINES` lines apart so that a row's seals clear the next row's.

The layout check (check/layout.py) measures the printed rows against the same seal.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from typing import NamedTuple

from .. import ooxml as ox
from ..title_lines import width_zi
from . import docx_geometry as geometry

SEAL = ox.mm_to_twips(42)  # the round seal of an organ (the size most common, the check's too)
SEAL_GAP = ox.mm_to_twips(3)  # between two seals side by side, at the least (the 1999 rules: at most 3 mm)
MOST_PER_ROW = 3  # practice (and the 1999 rules); three fit the 版心 only with short names
ROW_LINES = 5  # name lines a row below the last: 51 mm between rows' seals of 42 mm (4.1 lines)
DATE_RIGHT_ZI = 4  # 成文日期 right-indented 4字 (§7.3.5.1)
ADVANCE = geometry.ZI + geometry.CHAR_SPACING  # one printed 汉字 of body text, condensed
AUTOSPACE = 64  # twips set between a digit and a 汉字 (w:autoSpaceDN): 1.1 mm at 3号, measured in LibreOffice


class Slot(NamedTuple):
    """One column of the rows: its edges and the centre its name (and seal) stand on, twips from
    the 版心's left edge; ``centre`` is midway between the edges except where the 版心's edge cut
    the slot short."""

    left: int
    right: int
    centre: int


class SealRows(NamedTuple):
    """The names in rows of slots: ``rows[r][s]`` is the name in slot ``s`` of row ``r`` or None."""

    slots: tuple[Slot, ...]
    rows: tuple[tuple[str | None, ...], ...]
    pitch: int  # twips between the centres of two slots side by side


def printed_width(text: str) -> int:
    """Twips a line of body text ``text`` takes: half-width digits ½字, and the space set between
    a digit or Latin letter and a 汉字 (2025 年 12 月: four such gaps widen a date by 4.5 mm)."""
    gaps = sum(_half(a) != _half(b) for a, b in itertools.pairwise(text))
    return math.ceil(width_zi(text) * ADVANCE) + gaps * AUTOSPACE


def _half(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("Na", "H")


def date_centre(date: str) -> int:
    """Centre of the 成文日期, right-indented 4字, from the 版心's left edge."""
    return geometry.TEXT_WIDTH - DATE_RIGHT_ZI * geometry.ZI - printed_width(date) // 2


def seal_rows(names: list[str], date: str) -> SealRows | None:
    """The rows of ``names`` (two and more), or None when not even two fit side by side (names
    too long): each then stands on a row of its own."""
    last = date_centre(date)
    widest = max(printed_width(name) for name in names)
    pitch = max(SEAL + SEAL_GAP, widest + ADVANCE)  # seals apart, and names 1字 apart at least
    half = max(SEAL, widest) // 2  # a slot's seal or name, each side of its centre

    def fits(count: int) -> bool:
        return last - (count - 1) * pitch - half >= 0 and last + half <= geometry.TEXT_WIDTH

    most = next((k for k in range(min(MOST_PER_ROW, len(names)), 1, -1) if fits(k)), None)
    if most is None:
        return None
    count = math.ceil(len(names) / most)
    per_row = math.ceil(len(names) / count)  # rows as even as they go: four names two by two
    centres = [last - (per_row - 1 - i) * pitch for i in range(per_row)]
    slots = tuple(
        Slot(max(0, c - pitch // 2), min(geometry.TEXT_WIDTH, c + pitch - pitch // 2), c) for c in centres
    )
    rows = []
    for start in range(0, len(names), per_row):
        row = names[start : start + per_row]
        rows.append(tuple([None] * (per_row - len(row)) + row))
    return SealRows(slots, tuple(rows), pitch)
