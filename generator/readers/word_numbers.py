"""Word's automatic numbering (w:numPr → numbering.xml) turned into the label text Word prints,
for a .docx written by Word, WPS or LibreOffice rather than by this tool.

What Word does, and is done here (ECMA-376 Part 1 §17.9):

* a paragraph is numbered by its own w:numPr or its style's (through the style's parents); a
  style that a level names (w:lvl/w:pStyle, Word's 多级列表 linked to 标题 1–3) gives that level;
  ``w:numId`` 0 takes the numbering away;
* the w:num instances of one w:abstractNum count on together; a w:lvlOverride with a
  w:startOverride starts the count afresh at the first paragraph of its instance, and the
  paragraphs after it count on from there, whichever instance of the list they name (as
  LibreOffice writes a restarted list — the restart's instance on its first paragraph only —
  and prints it); a w:lvl inside a w:lvlOverride replaces the level's format and text for that
  instance; an abstract numbering that only links a list style
  (w:numStyleLink) uses the levels of the one that defines it (w:styleLink);
* a paragraph counts at its level and restarts the deeper levels — each deeper level unless its
  w:lvlRestart says it restarts only after a shallower level, or never (0: numbered straight
  through, as a plan's （一） running on across its 一、);
* the level's w:lvlText prints each %N as level N's counter in that level's w:numFmt, or in
  Arabic digits when the level is w:isLgl (1.1 under 一、).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .. import ooxml as ox
from ..i18n import _
from ..numbering import chinese_numeral
from .defects import DefectLog


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    restart: (
        int | None
    )  # w:lvlRestart: restart after a level numbered ≤ this (1-based); None: the level above
    legal: bool  # w:isLgl
    style: str | None  # w:pStyle: the paragraph style this level is linked to


class WordNumbers:
    """Counters per list and level, run over the paragraphs in document order."""

    def __init__(self, document: Any, defects: DefectLog) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # numId → ilvl → level
        self.counters: dict[str, dict[int, int]] = {}  # list → ilvl → last number
        self.list_of: dict[str, str] = {}  # numId → the list whose counters it uses
        self.restarts: dict[str, dict[int, int]] = {}  # numId → ilvl → start, until first used
        self.styled: dict[tuple[str, str], int] = {}  # (numId, style id) → the level linked to it
        self.defects = defects
        self.broken: list[str] = []  # what numbering.xml got wrong, reported at the first number
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return
        written = ox.numbering_xml(numbering)
        abstract: dict[str, dict[int, _Level]] = {
            abstract_id: {self._number(lvl.ilvl, "w:ilvl", 0): self._level(lvl) for lvl in lvls}
            for abstract_id, lvls in written.abstract.items()
        }
        for abstract_id, style in written.style_links.items():  # w:numStyleLink → w:styleLink
            definer = written.style_definers.get(style)
            if not abstract.get(abstract_id) and definer in abstract:
                abstract[abstract_id] = abstract[definer]
        for num in written.nums:
            num_id, ref = num.num_id, num.abstract_id
            levels = dict(abstract.get(ref, {}))
            # Lists sharing an abstractNum count on together (Word), unless this one restarts.
            self.list_of[num_id] = f"abstract:{ref}"
            for override in num.overrides:
                ilvl = self._number(override.ilvl, "w:ilvl", 0)
                if override.level is not None:
                    levels[ilvl] = self._level(override.level)
                if override.start is not None and ilvl in levels:
                    start = self._number(override.start, "w:startOverride", 1)
                    levels[ilvl] = replace(levels[ilvl], start=start)
                    self.restarts.setdefault(num_id, {})[ilvl] = start
            self.levels[num_id] = levels
            for ilvl, level in levels.items():
                if level.style:
                    self.styled.setdefault((num_id, level.style), ilvl)

    def _level(self, lvl: ox.LevelXml) -> _Level:
        restart = None if lvl.restart is None else self._number(lvl.restart, "w:lvlRestart", 0)
        padded = _PADDED.match(lvl.custom or "")
        return _Level(
            f"decimalZero{len(padded[1])}" if padded else lvl.fmt or "decimal",
            lvl.text or "",
            self._number(lvl.start, "w:start", 1),
            restart,
            lvl.legal,
            lvl.style,
        )

    def _number(self, value: str | None, name: str, default: int) -> int:
        """A whole number of numbering.xml; anything else (a hand-edited or generated file) is
        reported and counted as ``default``, as Word does."""
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            self.broken.append(
                _("Word numbering: {name} {value} is not a number; {default} used").format(
                    name=name, value=repr(value), default=default
                )
            )
            return default

    def label(self, paragraph: Any, no: int) -> str:
        """The label Word prints before ``paragraph`` (python-docx's), counting it; '' for none."""
        num_id, ilvl = self._num_pr(paragraph)
        for message in self.broken:
            self.defects.add(no, "broken_numbering", message)
        self.broken.clear()
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.list_of.get(num_id, num_id), {})
        for level_no, start in self.restarts.pop(num_id, {}).items():
            # the instance's first paragraph: its overridden levels start again from here
            if level_no == ilvl:
                counters[level_no] = start - 1
            elif level_no > ilvl:
                counters.pop(level_no, None)
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if ilvl < (deeper if restart is None else restart):
                del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            if shown not in levels:
                return ""
            value = counters.get(shown, levels[shown].start)
            return str(value) if level.legal else word_format(levels[shown].fmt, value)

        return re.sub(r"%(\d)", number, level.text)

    def cell_label(self, table: Any, p: Any, no: int) -> str:
        """The label of paragraph ``p`` of a cell of ``table`` (python-docx's): a 序号 column
        numbered by a list counts in document order with the rest."""
        from docx.text.paragraph import Paragraph

        return self.label(Paragraph(p, table), no)

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        """numPr of the paragraph, or of its style (Word numbers headings through styles)."""
        candidates = [paragraph._p.pPr]
        style_id: str | None = None
        try:
            style = paragraph.style
            style_id = None if style is None else style.style_id
            while style is not None:
                candidates.append(style.element.pPr)
                style = style.base_style
        except (AttributeError, KeyError, ValueError):
            pass  # a broken style reference: the paragraph's own numPr still counts
        num_id: str | None = None
        ilvl: int | None = None
        for k, ppr in enumerate(candidates):
            written_id, written_ilvl = ox.num_pr(ppr)
            if num_id is None and written_id is not None:
                num_id = written_id
            if k == 1 and ilvl is None and num_id is not None and style_id is not None:
                # A level linked to the paragraph's style is that style's level, whatever the
                # style's own numPr says (ECMA-376 §17.9.23); the paragraph's own ilvl wins.
                ilvl = self.styled.get((num_id, style_id))
            if ilvl is None and written_ilvl is not None:
                ilvl = self._number(written_ilvl, "w:ilvl", 0)
        return num_id, ilvl or 0


# --- number formats (ECMA-376 §17.18.59 ST_NumberFormat), as Word prints them in Chinese -------

_PADDED = re.compile(r"^(0*1)\s*,")  # Word 2010's custom formats: "001, 002, 003, ..."
_DIGITS = "○一二三四五六七八九"
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
_ROMAN += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def word_format(fmt: str, n: int) -> str:
    """One counter in Word's number format ``fmt``; a format Word has no glyph for at ``n``
    prints the number in Arabic digits, as Word does."""
    if n < 1:
        return str(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "taiwaneseCounting"):
        return _counting_thousand(n) if n <= 9999 else str(n)
    if fmt == "chineseCounting":
        # Word: 十, 十一, 九十九 up to 99; from 100 digit by digit (一○○, 一○一).
        if n <= 99:
            return chinese_numeral(n)
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "japaneseCounting":
        return _counting_thousand(n).replace("一百", "百").replace("一千", "千") if n <= 9999 else str(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _legal(n) if n <= 9999 else str(n)
    if fmt == "ideographTraditional":
        return _IDEOGRAPH_TRADITIONAL[n - 1] if n <= 10 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _ZODIAC[n - 1] if n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _circled(n)
    if fmt == "ideographEnclosedCircle":
        return chr(0x3220 + n - 1) if n <= 10 else str(n)  # ㈠–㈩
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if n <= 20 else str(n)  # ⑴–⒇
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if n <= 20 else str(n)  # ⒈–⒛
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt.startswith("decimalZero"):  # 01; 001 and 0001 from Word 2010's custom formats
        return f"{n:0{int(fmt[11:] or 2)}d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a" if fmt == "lowerLetter" else "A") + (n - 1) % 26)
        return letter * ((n - 1) // 26 + 1)  # y, z, aa, bb …
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _counting_thousand(n: int) -> str:
    """十 for 10–19, 〇 where units are missing (一百〇一, 一千〇一十): Word's 一, 二, 三 (简)."""
    return chinese_numeral(n).replace("零", "〇")


def _legal(n: int) -> str:
    """壹, 贰 … 壹拾, 壹拾壹, 贰拾, 壹佰 (the financial numerals; 拾 keeps its 壹)."""
    plain = chinese_numeral(n)
    if plain.startswith("十"):
        plain = "一" + plain
    table = str.maketrans("零一二三四五六七八九十百千", _LEGAL_DIGITS + "拾佰仟")
    return plain.translate(table)


def _circled(n: int) -> str:
    if n <= 20:
        return chr(0x2460 + n - 1)  # ①–⑳
    if n <= 35:
        return chr(0x3251 + n - 21)  # ㉑–㉟
    if n <= 50:
        return chr(0x32B1 + n - 36)  # ㊱–㊿
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
