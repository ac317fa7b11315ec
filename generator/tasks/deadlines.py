"""完成时限 as written (2025年9月底前, 年内, 长期坚持) → the date it falls due, where it is one.

The forms are those of real 分工表; anything else (持续推进, 按上级要求) is no date and parses to
None, as does a text that names no time at all. Years default to the plan year (年底前 in a 2025
plan is 2025-12-31); when a text names several times (3月—6月), the last is the deadline.
"""

from __future__ import annotations

import datetime as dt
import re

_SEASON_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}

_YEAR = r"(?:(?P<year>\d{4})\s*年)?"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_YEAR + r"\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"), "day"),
    (
        re.compile(
            _YEAR + r"\s*(?P<month>\d{1,2})\s*月\s*(?P<mark>[上中下]旬|底|末|份|中)?\s*(?P<before>前|以前)?"
        ),
        "month",
    ),
    (re.compile(_YEAR + r"\s*(?:第)?(?P<season>[一二三四1-4])\s*季度"), "season"),
    (re.compile(_YEAR + r"\s*(?P<half>上|下)半年"), "half"),
    (re.compile(r"(?P<year>\d{4})\s*年(?!\s*\d{1,2}\s*月)(?:\s*(?:年)?底|末|内|度|全年)?"), "year"),
    (re.compile(r"(?:年底|年末|年内|全年|本年度|当年)"), "this_year"),
]


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (calendar.monthrange's answer, without importing calendar and locale for it)."""
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return (following - dt.date(year, month, 1)).days


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


def _date_of(kind: str, match: re.Match[str], year: int) -> dt.date | None:
    groups = match.groupdict()
    if kind == "this_year":
        return dt.date(year, 12, 31)
    if kind == "year":
        return dt.date(year, 12, 31)
    if kind == "half":
        return dt.date(year, 6, 30) if groups["half"] == "上" else dt.date(year, 12, 31)
    if kind == "season":
        return _month_end(year, _SEASON_END[groups["season"]])
    month = int(groups["month"])
    if not 1 <= month <= 12:
        return None
    if kind == "day":
        day = int(groups["day"])
        if not 1 <= day <= days_in_month(year, month):
            return None
        return dt.date(year, month, day)
    mark = groups.get("mark") or ""
    if groups.get("before") and not mark:
        # 6月前: before June begins — the last day of May
        return _month_end(year, month - 1) if month > 1 else dt.date(year - 1, 12, 31)
    if mark == "上旬":
        return dt.date(year, month, 10)
    if mark in ("中旬", "中"):
        return dt.date(year, month, 20)
    return _month_end(year, month)  # 9月底前, 9月底, 9月末, 9月下旬, 9月


def parse_deadline(text: str | None, plan_year: int) -> dt.date | None:
    """The date a 完成时限 falls due, None when it names none (长期坚持, 持续推进, '')."""
    if not text:
        return None
    matches: list[tuple[int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if end == start or any(start < e and s < end for s, e in taken):
                continue  # inside a time an earlier (more precise) pattern has read
            taken.append((start, end))
            matches.append((start, kind, match))
    date = None
    year = plan_year  # a time without its year is in the year named before it (2026年3月—6月)
    for _, kind, match in sorted(matches, key=lambda m: m[0]):
        named = match.groupdict().get("year")
        year = int(named) if named else year
        date = _date_of(kind, match, year) or date
    return date  # the last time the text names
