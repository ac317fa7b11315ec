"""Line widths in 字 and the line breaking of a 标题 (GB/T 9704-2012 §3.1, §7.3.1).

Shared by the Word writer, which breaks titles, and the Word reader, which must tell the
writer's automatic breaks from breaks an author forced with "\\n".
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata


def width_zi(text: str) -> float:
    """Printed width in 字 (§3.1): full-width characters 1, half-width (digits, Latin) ½."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text)


def title_width(text: str) -> float:
    """Width in 字 of a 标题's text as the title fonts set it: their digits and Latin letters run
    about 0.6 字 at 2号 (measured 4.61 mm against 7.65 mm), not the ½ of §3.1 — a line of 20 字
    by :func:`width_zi` with four digits in it does not fit the 版心."""
    return sum(0.6 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text)


TITLE_MAX_ZI = 20  # 156 mm at 22 pt with −0.25 pt 字距: 442 / 21.75 ≈ 20.3 characters

# Breaks that keep words whole, best first (penalty): around 《》, before the 文种 ("的通知"),
# after 关于/印发/转发, after a year or an administrative unit.
_GOOD_BEFORE = re.compile(r"《|的(?:通知|意见|决定|通报|报告|请示|批复|函|方案|要点)$")
_FAIR_AFTER = re.compile(r"(?:关于|印发|转发|\d{4}年|[省市县区州盟旗镇乡]|委员会|局|厅|办公室|中心|院)$")
_FAIR_BEFORE = re.compile(r"^(?:工作|实施|专项|年度|开展|进一步|加强|做好|推进)")
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’%…")
"""避头: marks that never begin a line (a line breaker carries the character before them down)."""
_NO_LINE_END = set("（《「『【〔“‘")


def _break_penalty(text: str, i: int) -> float | None:
    """Cost of breaking ``text`` before index ``i``; None where a break is not allowed."""
    before, after = text[:i], text[i:]
    if before[-1] in _NO_LINE_END or after[0] in NO_LINE_START:
        return None
    if before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return None  # never split a number or a Latin word
    if before[-1] == "》" or after[0] == "《" or _GOOD_BEFORE.match(after):
        return 0.0
    if before[-1] in "，、：" or _FAIR_AFTER.search(before) or _FAIR_BEFORE.match(after):
        return 2.0
    return 12.0  # inside a word, as far as these rules can tell


def break_title(text: str, max_zi: float = TITLE_MAX_ZI) -> list[str]:
    """Lines of a 标题: whole words, each ≤ ``max_zi`` 字, in 梯形 or 菱形 shape (§7.3.1).

    An explicit "\\n" in the plan wins; otherwise the cheapest split over break penalties and
    imbalance between lines (widest minus narrowest) is chosen, with the fewest lines that allow
    one (or one more); among equal costs, the one whose breaks come earliest.

    The search is a dynamic programme, not an enumeration of every split: in a 梯形 each line is
    at most as wide as the one above, so the best rest of a title depends only on where it starts,
    how many lines it has and the width of the line above — a few thousand states even for a
    200-character title (the enumeration took minutes there).
    """
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    total = title_width(text)
    if total <= max_zi:
        return [text]
    if total > MAX_SEARCH_LINES * max_zi:
        return _fill(text, max_zi)  # far longer than any 标题: plain lines, no search
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + title_width(ch))
    n = len(text)
    cuts = [i for i in range(1, n) if _break_penalty(text, i) is not None]
    penalty = {i: _break_penalty(text, i) or 0.0 for i in cuts}
    minimum = math.ceil(total / max_zi)
    for count in range(minimum, minimum + 2):
        found = [
            c
            for c in (
                _trapezoid(prefix, cuts, penalty, count, max_zi),
                _diamond(prefix, cuts, penalty, count, max_zi),
            )
            if c
        ]
        if found:
            best = min(found)[1]
            return [text[a:b] for a, b in zip([0, *best], [*best, n], strict=True)]
    return _fill(text, max_zi)  # no whole-word split fits: cut at the width limit


MAX_SEARCH_LINES = 12
"""Titles wider than this many lines are filled line by line (a 标题 has two or three)."""

_Best = tuple[float, tuple[int, ...]]


def _trapezoid(
    prefix: list[float], cuts: list[int], penalty: dict[int, float], count: int, max_zi: float
) -> _Best | None:
    """The cheapest 梯形 (each line at most as wide as the one above) of ``count`` lines."""
    n = len(prefix) - 1
    memo: dict[tuple[int, int, float], _Best | None] = {}

    def rest(start: int, lines: int, cap: float) -> _Best | None:
        # (penalties of the breaks after ``start`` minus the last line's width, breaks)
        key = (start, lines, cap)
        if key in memo:
            return memo[key]
        remaining = prefix[n] - prefix[start]
        best: _Best | None = None
        if lines == 1:
            if remaining <= cap:
                best = (-remaining, ())
        elif remaining <= lines * cap:
            for i in cuts[bisect.bisect_right(cuts, start) :]:
                width = prefix[i] - prefix[start]
                if width > cap:
                    break
                sub = rest(i, lines - 1, width)
                if sub is not None:
                    candidate = (penalty[i] + sub[0], (i, *sub[1]))
                    if best is None or candidate < best:
                        best = candidate
        memo[key] = best
        return best

    best: _Best | None = None
    for i in cuts:
        first = prefix[i]
        if first > max_zi:
            break
        sub = rest(i, count - 1, first)
        if sub is not None:
            candidate = (penalty[i] + sub[0] + first, (i, *sub[1]))
            if best is None or candidate < best:
                best = candidate
    return best


def _diamond(
    prefix: list[float], cuts: list[int], penalty: dict[int, float], count: int, max_zi: float
) -> _Best | None:
    """The cheapest 菱形 (short, long, short) when ``count`` is three."""
    if count != 3:
        return None
    n = len(prefix) - 1
    best: _Best | None = None
    for a, i in enumerate(cuts):
        first = prefix[i]
        if first > max_zi:
            break
        for j in cuts[a + 1 :]:
            middle = prefix[j] - prefix[i]
            if middle > max_zi:
                break
            last = prefix[n] - prefix[j]
            if last <= max_zi and first < middle > last:
                candidate = (penalty[i] + penalty[j] + middle - min(first, last), (i, j))
                if best is None or candidate < best:
                    best = candidate
    return best


def _fill(text: str, max_zi: float) -> list[str]:
    """Lines filled to the width limit, whatever they cut."""
    lines, line, width = [], "", 0.0
    for ch in text:
        w = title_width(ch)
        if width + w > max_zi and line:
            lines.append(line)
            line, width = "", 0.0
        line += ch
        width += w
    return [*lines, line]
