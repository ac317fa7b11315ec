"""Year mentions (年份表述) in Chinese plan text: found, classified, and proposed for a new year.

Pure functions over one string, used by ``rollover``. A mention is a place where the text names a
year: ``2024年是…``, ``2024年底前``, ``2021 年度``, ``（2021-2023年）``, ``“十四五”``, ``年内``,
``〔2021〕``. Each gets a class (:data:`CLASSES`) and, when it names the plan's own year, a
proposal that replaces only its four digits — so applying proposals never changes the text
outside the digits of a mention.

The "unambiguous" rule (what a rollover changes without ``--bump-text-years``):

* ``title`` — the plan year inside the plan's own title wherever it is quoted
  (``现将《2024年松江区医政管理工作要点》印发给你们``): it is a name, not a date.
* ``this_year`` — the plan year written ``YYYY年`` (spaces allowed before 年) that starts a
  sentence (string start, or only spaces after 。！？；： or a line break) and is followed by
  是, a comma (，or ,), or a scope word starting 全/我 (全区, 全市, 我委 …):
  ``2024年是…``, ``2021 年，全区…``, ``2024年全市…``. Not, though, when the same sentence names a
  五年规划 period or a range that the new year falls outside (``2024年是实现“十四五”…`` rolled to
  2026): the rollover (``text_years``) then only proposes it, beside the warning.

Every other mention of the plan year (``2024年底前``, ``2021年度``, ``进一步做好2021年孕优…``) gets a
proposal that is applied only with ``--bump-text-years``. Mentions of other years, ranges,
五年规划 periods and relative words (年内, 今年) are listed and never changed.

``ordinal`` — the year of a 五年规划 (``2027年是“十五五”规划实施的第二年``) follows the year
(``第三年``) when the text's ordinal is right for the plan year and the new year lies in the
period; otherwise it is flagged and its sentence left unchanged (see ``text_years``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..docnumber import cited_years
from ..i18n import N_, _

CLASSES: dict[str, str] = {
    "title": N_("plan title (the plan's own name)"),
    "this_year": N_("plan year as 'this year'"),
    "deadline": N_("date or deadline in the plan year"),
    "annual": N_("年度 of the plan year"),
    "plan_year": N_("plan year, other use"),
    "past": N_("an earlier year"),
    "future": N_("a later year"),
    "range": N_("range of years"),
    "period": N_("五年规划 period"),
    "ordinal": N_("year of a 五年规划 (第二年)"),
    "document": N_("year of a cited 文号"),
    "relative": N_("relative year word (年内, 年底前, 今年 …)"),
}

# The classes' short names in the summary line: English prints the code, Chinese a word.
CLASS_NAMES: dict[str, str] = {
    "title": N_("title"),
    "this_year": N_("this_year"),
    "deadline": N_("deadline"),
    "annual": N_("annual"),
    "plan_year": N_("plan_year"),
    "past": N_("past"),
    "future": N_("future"),
    "range": N_("range"),
    "period": N_("period"),
    "ordinal": N_("ordinal"),
    "document": N_("document"),
    "relative": N_("relative"),
}
"""Mention classes, in the order the review report lists them."""

DEFAULT_CLASSES = frozenset({"title", "this_year"})
"""Classes whose proposals a rollover applies without ``--bump-text-years``."""

FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
    "十六五": (2031, 2035),
}
"""五年规划 periods; from the third plan (1966) on each is five calendar years."""

_Y = r"(?:19|20)\d{2}"
_SP = r"[ \t\u3000]*"
_DASH = r"(?:-|－|‐|–|—{1,2}|―|~|～|〜|至|到)"
_NOT_AFTER_DIGIT = r"(?<![\d.．])"

_RANGE = re.compile(
    rf"{_NOT_AFTER_DIGIT}(?P<a>{_Y})(?!\d){_SP}(?:年{_SP})?{_DASH}{_SP}(?P<b>{_Y})(?!\d)(?:{_SP}年度?)?"
)
# After 年: a date or deadline inside the year (年底前, 年12月底, 年上半年, 年第三季度 …).
_DEADLINE_TAIL = (
    r"(?:底|末|初|中|内|前)"
    r"|(?:上|下)半年"
    r"|第?[一二三四1-4]季度"
    r"|\d{1,2}{_SP}月(?:{_SP}\d{1,2}{_SP}日)?(?:底|末|初|中旬|上旬|下旬)?"
).replace("{_SP}", _SP)
_YEAR = re.compile(
    rf"{_NOT_AFTER_DIGIT}(?P<y>{_Y})(?!\d){_SP}年"
    rf"(?:(?P<annual>度)|(?P<deadline>(?:{_DEADLINE_TAIL})(?:前|以前|之前)?))?"
)
_PERIOD = re.compile("|".join(FIVE_YEAR_PLANS))
_ORDINALS = "一二三四五"
# “十五五”规划实施的第二年, 十四五时期的第三年, “十五五”开局之年 is not an ordinal (no 第N年).
_ORDINAL = re.compile(
    rf"(?P<period>{'|'.join(FIVE_YEAR_PLANS)})[”\"」』’]?{_SP}(?:规划|时期)?{_SP}(?:实施)?{_SP}的?{_SP}"
    rf"(?P<ord>第(?P<n>[{_ORDINALS}])个?年)"
)
# 年内/年底前 not preceded by a number (3年内, 半年内) nor by 每/近/历 (每年底 is every year).
_RELATIVE_DEADLINE = re.compile(
    r"(?<![\d０-９一二三四五六七八九十两几数多半每近历同])(?:年度内|年内|年底前|年底|年末)"
)
_RELATIVE_WORD = re.compile(r"今年|本年度|当年|明年|去年|上一?年度|上年")

_SENTENCE_END = "。！？；：:!?;\n"
_THIS_YEAR_NEXT = re.compile(rf"{_SP}(?:是|，|,|全|我)")


@dataclass(frozen=True)
class Mention:
    """One year mention in a string.

    ``start``/``end`` span the whole expression (``2024年底前``); ``digits`` spans the four digits a
    proposal replaces (None when nothing would change). ``proposal`` is the expression as proposed
    for the new year; ``default`` says whether a rollover applies it without ``--bump-text-years``.
    """

    start: int
    end: int
    text: str
    cls: str
    years: tuple[int, ...]
    digits: tuple[int, int] | None = None
    proposal: str | None = None
    default: bool = False
    warning: str | None = None


def find_mentions(text: str, plan_year: int, new_year: int, *, title: str | None = None) -> list[Mention]:
    """Every year mention of ``text`` in order, classified for rolling ``plan_year`` to ``new_year``.

    ``title`` is the plan's title; where it is quoted in ``text`` its year is class ``title``.
    """
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(mention: Mention) -> None:
        found.append(mention)
        taken.append((mention.start, mention.end))

    for m in _RANGE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not a < b <= a + 50:
            continue
        add(
            Mention(
                m.start(), m.end(), m.group(), "range", (a, b), warning=_outside(new_year, a, b, m.group())
            )
        )
    titles = _title_spans(text, title) if title else []
    for m in _YEAR.finditer(text):
        if not free(m.start(), m.end()):
            continue
        year = int(m["y"])
        if year != plan_year:
            cls = "past" if year < plan_year else "future"
            add(Mention(m.start(), m.end(), m.group(), cls, (year,)))
            continue
        if any(s <= m.start("y") and m.end("y") <= e for s, e in titles):
            cls = "title"
        elif m["annual"]:
            cls = "annual"
        elif m["deadline"]:
            cls = "deadline"
        elif _starts_sentence(text, m.start()) and _THIS_YEAR_NEXT.match(text, m.end()):
            cls = "this_year"
        else:
            cls = "plan_year"
        add(_year_mention(m.start(), m.end(), text, cls, year, new_year, m.span("y")))
    for cited in cited_years(text):
        start, end = cited.bracket_span
        if free(start, end) and re.fullmatch(_Y, str(cited.year)):
            add(Mention(start, end, text[start:end], "document", (cited.year,)))
    for m in _PERIOD.finditer(text):
        if free(m.start(), m.end()):
            first, last = FIVE_YEAR_PLANS[m.group()]
            warning = _outside(new_year, first, last, m.group())
            add(Mention(m.start(), m.end(), m.group(), "period", (first, last), warning=warning))
    for m in _ORDINAL.finditer(text):
        if free(*m.span("ord")):
            add(_ordinal(m, plan_year, new_year))
    for pattern in (_RELATIVE_WORD, _RELATIVE_DEADLINE):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                cls = "deadline" if pattern is _RELATIVE_DEADLINE else "relative"
                add(Mention(m.start(), m.end(), m.group(), cls, ()))
    return sorted(found, key=lambda x: x.start)


def _year_mention(
    start: int, end: int, text: str, cls: str, year: int, new_year: int, digits: tuple[int, int]
) -> Mention:
    if new_year == year:
        return Mention(start, end, text[start:end], cls, (year,))
    proposal = text[start : digits[0]] + str(new_year) + text[digits[1] : end]
    return Mention(
        start,
        end,
        text[start:end],
        cls,
        (year,),
        digits=digits,
        proposal=proposal,
        default=cls in DEFAULT_CLASSES,
    )


def _ordinal(m: re.Match[str], plan_year: int, new_year: int) -> Mention:
    """``第二年`` of a 五年规划: the new year's ordinal when the text's is right for the plan year
    and the new year is in the period; otherwise no proposal and a warning (the rollover then
    leaves the whole sentence as it is, so a year never gets another year's ordinal)."""
    first, last = FIVE_YEAR_PLANS[m["period"]]
    said = _ORDINALS.index(m["n"]) + 1
    start, end = m.span("ord")
    old, new = plan_year - first + 1, new_year - first + 1
    args = (start, end, m["ord"], "ordinal", (first + said - 1,))
    if said != old:
        warning = _("{ordinal} of {period} is {year}, not the plan year {plan_year}").format(
            ordinal=m["ord"], period=m["period"], year=first + said - 1, plan_year=plan_year
        )
        return Mention(*args, warning=warning)
    if not first <= new_year <= last:
        return Mention(*args, warning=_outside(new_year, first, last, m["period"]))
    if new == old:
        return Mention(*args)
    digits = m.span("n")
    proposal = m["ord"].replace(m["n"], _ORDINALS[new - 1], 1)
    return Mention(*args, digits=digits, proposal=proposal, default=True)


def _outside(new_year: int, first: int, last: int, name: str) -> str | None:
    if first <= new_year <= last:
        return None
    return _("{year} is outside {period} ({first}–{last})").format(
        year=new_year, period=name, first=first, last=last
    )


def _starts_sentence(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\u3000")
    return not before or before[-1] in _SENTENCE_END


def _title_spans(text: str, title: str) -> list[tuple[int, int]]:
    """Where ``title`` occurs in ``text``, allowing line breaks and spaces between its characters
    (notice titles are broken into lines by hand, and extracted text has stray spaces)."""
    chars = [c for c in title if not c.isspace()]
    if not chars:
        return []
    pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
    return [m.span() for m in pattern.finditer(text)]


def apply_mentions(text: str, mentions: list[Mention]) -> str:
    """``text`` with the proposal of each mention put in; only the mentions' digits change."""
    out: list[str] = []
    pos = 0
    for mention in sorted(mentions, key=lambda x: x.start):
        if mention.digits is None or mention.proposal is None:
            continue
        start, end = mention.digits
        out.append(text[pos:start])
        out.append(new_digits(mention))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def new_digits(mention: Mention) -> str:
    """The four digits a mention's proposal puts in place of its year."""
    assert mention.digits is not None and mention.proposal is not None
    start, end = mention.digits
    return mention.proposal[start - mention.start : end - mention.start]


def sentence(text: str, start: int, end: int, *, limit: int = 120) -> str:
    """The sentence of ``text`` around ``start:end`` (between 。！？； or line breaks), shortened
    around the mention with … when longer than ``limit`` characters."""
    ends = "。！？；!?;\n"
    left = max(text.rfind(c, 0, start) for c in ends) + 1
    right_candidates = [i for i in (text.find(c, end) for c in ends) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    out = text[left:right].strip()
    if len(out) <= limit:
        return " ".join(out.split())
    offset = text.index(out, left)
    a = max(offset, start - limit // 2)
    b = min(offset + len(out), end + limit // 2)
    piece = text[a:b]
    return ("…" if a > offset else "") + " ".join(piece.split()) + ("…" if b < offset + len(out) else "")
