"""Line-level reading shared by every reader: cleaning artefacts, dates, paragraph shapes.

A reader (txt, md, docx) turns its file into :class:`Line` objects — one per source line or Word
paragraph, blank ones kept because a blank line is where a page break split a paragraph — and
``structure.py`` builds the document from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..i18n import _
from ..model import Table
from ..numbering import Label, parse_chinese_digits, parse_chinese_numeral, parse_label
from ..typography import CJK_PUNCTUATION, FULL_WIDTH, IDEOGRAPHS, halfwidth_marks
from ..typography import has_halfwidth_punctuation as has_halfwidth_punctuation  # tree, notice use it
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

# A space between Chinese and Latin/digits is an extraction artefact ("2021 年", "建成 1 家").
_SPACE_BEFORE_ASCII = re.compile(rf"(?<=[{IDEOGRAPHS}{CJK_PUNCTUATION}]) +(?=[0-9A-Za-z])")
_SPACE_AFTER_ASCII = re.compile(rf"(?<=[0-9A-Za-z%²³]) +(?=[{IDEOGRAPHS}{CJK_PUNCTUATION}])")
_SPACE_AT_PUNCTUATION = re.compile(
    rf" +(?=[，。；：！？、）》」』”〕】])|(?<=[（《「『“〔【]) +|(?<=[{IDEOGRAPHS}]) +(?=[,;])"
)
"""A space inside full-width punctuation (体系 。, 《 通知》): an artefact, never typeset Chinese."""
_SPACE_BEFORE_UNIT = re.compile(rf"(?<=\d) +(?=[A-Za-z]{{1,3}}[²³]?[{IDEOGRAPHS}])")  # 10000 m²业务用房
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# A page's number printed as a line of its own, as text copied from a PDF or Word keeps it:
# "— 1 —", "-1-", "第1页", "第 1 页 共 5 页", "第1页/共5页". (A bare "1" could be anything.)
_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－~～]\s*\d{1,4}\s*[—–\-－~～]|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?)$"
)
# Runs of "0" or NUL where a .doc field was lost (external/01, 02): "一）告000…000----".
_GARBAGE_RUN = re.compile(r"(?:[一二三四五六七八九十]{1,3}[）)])?[^\s。；，0\x00]{0,2}[0\x00]{16,}[-—]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]+")


_SPACES = re.compile("[\u3000\xa0\t\u2000-\u200a\u202f\u205f]")  # full-width, no-break, en/em … spaces


# What only a line's place on the page tells from text (a PDF's foot): 3, 3/12, -3, Page 3 of 12.
_BARE_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,4}(?:\s*/\s*\d{1,4})?|[-—–]?\s*\d{1,4}\s*[-—–]?|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def is_page_number(raw: str, *, bare: bool = False) -> bool:
    """Is this line a page number (see ``_PAGE_NUMBER``)? With ``bare``, also the forms that are
    one only where they stand (a PDF reader knows the line sits at the page's foot)."""
    text = _SPACES.sub(" ", raw).strip()
    return _PAGE_NUMBER.match(text) is not None or (bare and _BARE_PAGE_NUMBER.match(text) is not None)


def clean_text(raw: str) -> str:
    """A line without its artefacts: Markdown marks, odd spaces, stray spaces around digits, and
    nothing of a page-number line."""
    text = _SPACES.sub(" ", raw)
    if _MD_RULE.match(text) or _PAGE_NUMBER.match(text.strip()):
        return ""
    text = _MD_HEADING.sub("", text).replace("**", "")  # not "__": a form's fill-in blank
    text = re.sub(r" {2,}", " ", text.strip())
    text = _SPACE_BEFORE_ASCII.sub("", text)
    text = _SPACE_BEFORE_UNIT.sub("", text)
    text = _SPACE_AT_PUNCTUATION.sub("", text)
    return _SPACE_AFTER_ASCII.sub("", text)


def remove_garbage(text: str, line: int, defects: DefectLog) -> str:
    """Drop runs of garbage (lost .doc fields, control characters), reporting each."""
    for match in _GARBAGE_RUN.finditer(text):
        shown = match.group(0)
        shown = shown if len(shown) <= 24 else f"{shown[:12]}…{shown[-6:]}"
        message = _("removed {count} characters of garbage: {shown}").format(
            count=len(match.group(0)), shown=repr(shown)
        )
        defects.add(line, "garbage", message)
    text = _GARBAGE_RUN.sub("", text)
    for match in _CONTROL.finditer(text):
        defects.add(
            line, "garbage", _("removed {count} control character(s)").format(count=len(match.group(0)))
        )
    return _CONTROL.sub("", text)


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
        year = parse_chinese_digits(match["y"]) or 0
        month, day = parse_chinese_numeral(match["m"]), parse_chinese_numeral(match["d"])
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


LIST_HEAD = re.compile(r"^附(?:表|件)\s*[：:]")
"""附表：1.… / 附件：1.… — a list of names whose numbered lines are text, not plan items."""


def label_of(line: Line) -> Label | None:
    """The typed or Word-numbered label a line starts with (none for a table)."""
    return parse_label(line.full) if line.table is None else None


def is_paragraph(text: str) -> bool:
    """A full paragraph (a sentence's end, longer than any heading), not a title or heading."""
    return ends_sentence(text) and not text.endswith(("：", ":")) and len(text) > 30


def halfwidth_message(text: str) -> str:
    """The half-width marks of a paragraph as a person fixes them: each character with its
    column in the paragraph (1-based) and the full-width form to type."""
    marks = halfwidth_marks(text)
    shown = [
        _("'{char}' at column {column}").format(char=m.group(0), column=m.start() + 1) for m in marks[:5]
    ]
    more = _(" and {count} more").format(count=len(marks) - 5) if len(marks) > 5 else ""
    wanted = "".join(dict.fromkeys(FULL_WIDTH[m.group(0)] for m in marks))
    return _("half-width {marks} in Chinese text; write {wanted}").format(
        marks=_(", ").join(shown) + more, wanted=wanted
    )
