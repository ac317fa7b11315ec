"""Line-level reading shared by every reader: cleaning artefacts, numbering labels, dates.

A reader (txt, md, docx) turns its file into :class:`Line` objects — one per source line or Word
paragraph, blank ones kept because a blank line is where a page break split a paragraph — and
``structure.py`` builds the document from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Scheme, Table
from .defects import DefectLog


@dataclass
class Line:
    """One source line (or Word paragraph) after cleaning; ``no`` is 1-based.

    ``table`` is set for a Word table standing at this place (``text`` is then empty);
    ``label`` is Word's automatic number of the paragraph, already resolved to text.
    """

    no: int
    text: str
    table: Table | None = None
    label: str = ""

    @property
    def blank(self) -> bool:
        return not self.text and self.table is None and not self.label

    @property
    def full(self) -> str:
        return self.label + self.text


# --- cleaning ----------------------------------------------------------------------------------

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_FULLWIDTH_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’—…·"
# A space between Chinese and Latin/digits is an extraction artefact ("2021 年", "建成 1 家").
_SPACE_BEFORE_ASCII = re.compile(rf"(?<=[{_CJK}{_FULLWIDTH_PUNCT}]) +(?=[0-9A-Za-z])")
_SPACE_AFTER_ASCII = re.compile(rf"(?<=[0-9A-Za-z%]) +(?=[{_CJK}{_FULLWIDTH_PUNCT}])")
_SPACE_BEFORE_UNIT = re.compile(rf"(?<=\d) +(?=[A-Za-z]{{1,3}}[²³]?[{_CJK}])")  # 10000 m²业务用房
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_PAGE_NUMBER = re.compile(r"^[—–\-－]\s*\d{1,4}\s*[—–\-－]$")  # "— 1 —" footers in extracted text
# Runs of "0" or NUL where a .doc field was lost (external/01, 02): "一）告000…000----".
_GARBAGE_RUN = re.compile(r"(?:[一二三四五六七八九十]{1,3}[）)])?[^\s。；，0\x00]{0,2}[0\x00]{16,}[-—]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]+")


def clean_text(raw: str) -> str:
    """A line without its artefacts: Markdown marks, odd spaces, stray spaces around digits."""
    text = raw.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ")
    if _MD_RULE.match(text) or _PAGE_NUMBER.match(text.strip()):
        return ""
    text = _MD_HEADING.sub("", text).replace("**", "")  # not "__": a form's fill-in blank
    text = re.sub(r" {2,}", " ", text.strip())
    text = _SPACE_BEFORE_ASCII.sub("", text)
    text = _SPACE_BEFORE_UNIT.sub("", text)
    return _SPACE_AFTER_ASCII.sub("", text)


def remove_garbage(text: str, line: int, defects: DefectLog) -> str:
    """Drop runs of garbage (lost .doc fields, control characters), reporting each."""
    for match in _GARBAGE_RUN.finditer(text):
        shown = match.group(0)
        shown = shown if len(shown) <= 24 else f"{shown[:12]}…{shown[-6:]}"
        defects.add(line, "garbage", f"removed {len(match.group(0))} characters of garbage: {shown!r}")
    text = _GARBAGE_RUN.sub("", text)
    for match in _CONTROL.finditer(text):
        defects.add(line, "garbage", f"removed {len(match.group(0))} control character(s)")
    return _CONTROL.sub("", text)


# --- labels ------------------------------------------------------------------------------------

_NUMERALS = "零〇一二两三四五六七八九十百千"
_LABEL = re.compile(
    rf"""^(?:
        (?P<chinese>[{_NUMERALS}]{{1,6}})\s*、
      | (?P<cp_open>[（(])\s*(?P<chinese_paren>[{_NUMERALS}]{{1,6}})\s*(?P<cp_close>[）)])
      | (?P<ap_open>[（(])\s*(?P<arabic_paren>\d{{1,3}})\s*(?P<ap_close>[）)])
      | (?P<arabic>\d{{1,3}})\s*(?P<dot>[.．])(?![\d.．])
      | (?P<arabic_comma>\d{{1,3}})\s*、
      | (?P<circled>[①-⑳])
    )\s*""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Label:
    """A typed number at the start of a paragraph."""

    scheme: Scheme
    number: int
    raw: str  # as written, e.g. "(十八)"
    rest: str  # the paragraph after the label
    halfwidth: bool = False  # (一) rather than （一）
    mixed: bool = False  # （一) — one bracket of each width


def parse_label(text: str) -> Label | None:
    match = _LABEL.match(text)
    if not match:
        return None
    raw, rest = match.group(0).strip(), text[match.end() :]
    for scheme in ("chinese", "chinese_paren", "arabic_paren", "arabic", "arabic_comma", "circled"):
        value = match.group(scheme)
        if value is None:
            continue
        if scheme in ("chinese", "chinese_paren"):
            number = chinese_to_int(value)
            if number is None:
                return None
        elif scheme == "circled":
            number = ord(value) - 0x2460 + 1
        else:
            number = int(value)
        halfwidth = mixed = False
        if scheme in ("chinese_paren", "arabic_paren"):
            prefix = "cp" if scheme == "chinese_paren" else "ap"
            opening, closing = match.group(f"{prefix}_open"), match.group(f"{prefix}_close")
            halfwidth = opening == "(" and closing == ")"
            mixed = (opening == "(") != (closing == ")")
        return Label(scheme, number, raw, rest, halfwidth, mixed)  # type: ignore[arg-type]
    return None


_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零一 → 101; None for what is not a numeral."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            total += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        else:
            return None
    total += digit or 0
    return total or None


# --- dates -------------------------------------------------------------------------------------

_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
_CN_DATE = re.compile(
    r"^(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日$"
)
_BROKEN_DATE = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<rest>\d{2,4})$")


@dataclass(frozen=True)
class DateText:
    date: dt.date | None
    broken: bool = False


def parse_date(text: str) -> DateText | None:
    """A line that is a 成文日期: 2021年7月19日, 二〇一九年二月十九日, or a broken 2020928."""
    text = text.strip()
    if match := _DATE.match(text):
        return DateText(_safe_date(int(match["y"]), int(match["m"]), int(match["d"])))
    if match := _CN_DATE.match(text):
        year = int("".join(str(_DIGIT[c]) for c in match["y"]))
        month, day = chinese_to_int(match["m"]), chinese_to_int(match["d"])
        return DateText(_safe_date(year, month or 0, day or 0))
    if match := _BROKEN_DATE.match(text):
        return DateText(_broken_date(int(match["y"]), match["rest"]), broken=True)
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _broken_date(year: int, rest: str) -> dt.date | None:
    """Read month and day out of digits that lost their 年月日, when only one reading is a date."""
    readings = {
        found
        for split in range(1, len(rest))
        if (found := _safe_date(year, int(rest[:split]), int(rest[split:]))) is not None
        and len(rest[split:]) <= 2
        and len(rest[:split]) <= 2
    }
    return readings.pop() if len(readings) == 1 else None


SENTENCE_END = "。！？；：:;!?…"


def ends_sentence(text: str) -> bool:
    """Does the paragraph end as a sentence does (so no page break cut it)?"""
    text = text.rstrip("”’」』）)\"'")
    return bool(text) and text[-1] in SENTENCE_END


_HALFWIDTH = re.compile(rf"(?<=[{_CJK}])[,;:?!()]|[,;:?!()](?=[{_CJK}])")


def has_halfwidth_punctuation(text: str) -> bool:
    """Half-width , ; : ( ) beside Chinese characters (a typing or extraction slip)."""
    return bool(_HALFWIDTH.search(text))


LIST_HEAD = re.compile(r"^附(?:表|件)\s*[：:]")
"""附表：1.… / 附件：1.… — a list of names whose numbered lines are text, not plan items."""


def label_of(line: Line) -> Label | None:
    """The typed or Word-numbered label a line starts with (none for a table)."""
    return parse_label(line.full) if line.table is None else None


def is_paragraph(text: str) -> bool:
    """A full paragraph (a sentence's end, longer than any heading), not a title or heading."""
    return ends_sentence(text) and not text.endswith(("：", ":")) and len(text) > 30
