"""Line widths in 字 and the line breaking of a 标题 (GB/T 9704-2012 §3.1, §7.3.1).

Shared by the Word writer, which breaks titles, and the Word reader, which must tell the
writer's automatic breaks from breaks an author forced with "\\n".
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata


def width_zi(text: str) -> float:
    """Printed width in 字 (§3.1): full-width characters 1, half-width (digits, Latin) ½."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text)


TITLE_MAX_ZI = 20  # 156 mm at 22 pt with −0.25 pt 字距: 442 / 21.75 ≈ 20.3 characters

# Breaks that keep words whole, best first (penalty): around 《》, before the 文种 ("的通知"),
# after 关于/印发/转发, after a year or an administrative unit.
_GOOD_BEFORE = re.compile(r"《|的(?:通知|意见|决定|通报|报告|请示|批复|函|方案|要点)$")
_FAIR_AFTER = re.compile(r"(?:关于|印发|转发|\d{4}年|[省市县区州盟旗镇乡]|委员会|局|厅|办公室|中心|院)$")
_FAIR_BEFORE = re.compile(r"^(?:工作|实施|专项|年度|开展|进一步|加强|做好|推进)")
_NO_LINE_START = set("，。、；：？！）》」』】〕”’%")
_NO_LINE_END = set("（《「『【〔“‘")


def _break_penalty(text: str, i: int) -> float | None:
    """Cost of breaking ``text`` before index ``i``; None where a break is not allowed."""
    before, after = text[:i], text[i:]
    if before[-1] in _NO_LINE_END or after[0] in _NO_LINE_START:
        return None
    if before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return None  # never split a number or a Latin word
    if before[-1] == "》" or after[0] == "《" or _GOOD_BEFORE.match(after):
        return 0.0
    if before[-1] in "，、：" or _FAIR_AFTER.search(before) or _FAIR_BEFORE.match(after):
        return 2.0
    return 12.0  # inside a word, as far as these rules can tell


def _shape_ok(widths: list[float]) -> bool:
    """梯形 (each line at least as long as the next) or, for three lines, 菱形 (short-long-short)."""
    if all(a >= b for a, b in itertools.pairwise(widths)):
        return True
    return len(widths) == 3 and widths[0] < widths[1] > widths[2]


def break_title(text: str, max_zi: float = TITLE_MAX_ZI) -> list[str]:
    """Lines of a 标题: whole words, each ≤ ``max_zi`` 字, in 梯形 or 菱形 shape (§7.3.1).

    An explicit "\\n" in the plan wins; otherwise the cheapest split over break penalties and
    imbalance between lines is chosen.
    """
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    if width_zi(text) <= max_zi:
        return [text]
    allowed = {i: p for i in range(1, len(text)) if (p := _break_penalty(text, i)) is not None}
    best: tuple[float, list[int]] | None = None
    minimum = math.ceil(width_zi(text) / max_zi)

    def search(start: int, cuts: list[int], cost: float, lines_left: int) -> None:
        nonlocal best
        rest = text[start:]
        if lines_left == 1:
            if width_zi(rest) > max_zi:
                return
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
            widths = [width_zi(p) for p in pieces]
            if not _shape_ok(widths):
                return
            total = cost + (max(widths) - min(widths))
            if best is None or total < best[0]:
                best = (total, list(cuts))
            return
        for i, penalty in allowed.items():
            if i > start and width_zi(text[start:i]) <= max_zi:
                search(i, [*cuts, i], cost + penalty, lines_left - 1)

    for count in range(minimum, minimum + 2):
        search(0, [], 0.0, count)
        if best is not None:
            break
    if best is None:  # no whole-word split fits: cut at the width limit
        lines, line = [], ""
        for ch in text:
            if width_zi(line + ch) > max_zi:
                lines.append(line)
                line = ""
            line += ch
        return [*lines, line]
    cuts = best[1]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
