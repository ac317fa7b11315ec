"""A narrow column printed beside the text: a web page's sidebar (相关链接, 热点专题, 办事指南 …) or
its menu down the left, which a browser prints level with the article.

Read line by line across the page, its entries fall between the article's lines or run into them
(``各镇（街道）卫生院：区人民政府``), and the article's paragraphs break at every one. Such a column
is told by a clear vertical band that almost no line crosses, off the middle of the text, with the
text on the wide side and at least three entries on the narrow one level with the text's lines.
A 公报 set in two equal columns is :func:`pdf._gutter`'s; this is only for browser prints, where a
side column is the site's, never the document's.
"""

from __future__ import annotations

import statistics
from typing import Any

SIDE_MAX = 0.4
"""The side column's width, at most, as a share of the printed width (a sidebar is a quarter)."""
MIN_TEXT_LINES = 5
MIN_FULL_LINES = 3
"""Lines across the text's width: running text, not the short cells of a table of two columns."""
MIN_SIDE_LINES = 3


Side = tuple[float, float, str, float, float]
"""The band's left and right x, the side the column stands on ("left", "right"), and the top and
bottom of the column (lines above or below it, such as the browser's print margins, are whole)."""


def inked_stretches(inked: list[dict[str, Any]]) -> tuple[float, list[list[float]]]:
    """A line's type size and its inked stretches (x0, x1), the gaps within a word's spacing
    closed, from its inked characters left to right: what a gutter between columns is looked for
    in, here and in ``pdf._gutter``."""
    size = max(statistics.median(c["size"] for c in inked), 1.0)
    stretches = [[inked[0]["x0"], inked[0]["x1"]]]
    for char in inked[1:]:
        if char["x0"] - stretches[-1][1] < 0.8 * size:
            stretches[-1][1] = max(stretches[-1][1], char["x1"])
        else:
            stretches.append([char["x0"], char["x1"]])
    return size, stretches


def side_gutter(lines: list[list[dict[str, Any]]]) -> Side | None:
    """The band between the text and a side column on a page of character lines (each a
    baseline's characters), or None."""
    pieces = []  # per line: (top, bottom, size, inked stretches)
    for line in lines:
        inked = sorted((c for c in line if c["text"].strip()), key=lambda c: c["x0"])
        if inked:
            size, stretches = inked_stretches(inked)
            pieces.append((min(c["top"] for c in inked), max(c["bottom"] for c in inked), size, stretches))
    if len(pieces) < MIN_TEXT_LINES + MIN_SIDE_LINES:
        return None
    left = min(p[3][0][0] for p in pieces)
    right = max(p[3][-1][1] for p in pieces)
    width = right - left
    size = statistics.median(p[2] for p in pieces)
    lo, hi = int(left + 0.1 * width), int(right - 0.1 * width)
    if hi - lo < 4 * size:
        return None
    covered = [0] * (hi - lo + 1)
    for *_, stretches in pieces:
        for x0, x1 in stretches:
            for x in range(max(lo, int(x0)), min(hi, int(x1)) + 1):
                covered[x - lo] += 1
    # the browser's print margins, a banner or the site's footer across the whole page may cross:
    # the cleanest bands are tried first, then ones a few more lines cross
    runs: list[tuple[int, int]] = []
    for limit in range(max(4, int(0.08 * len(pieces))) + 1):
        start = None
        for k, count in enumerate([*covered, limit + 1]):
            if count <= limit and start is None:
                start = k
            elif count > limit and start is not None:
                if k - start >= 1.5 * size and (lo + start, lo + k) not in runs:
                    runs.append((lo + start, lo + k))
                start = None
    for g0, g1 in runs:
        side = "right" if right - g1 < g0 - left else "left"
        if (right - g1 if side == "right" else g0 - left) > SIDE_MAX * width:
            continue
        text, column = [], []
        for top, bottom, _size, stretches in pieces:
            before = [s for s in stretches if s[1] <= g0 + 1]
            after = [s for s in stretches if s[0] >= g1 - 1]
            if len(before) + len(after) < len(stretches):
                continue  # it crosses the band
            ours, theirs = (before, after) if side == "right" else (after, before)
            if ours:
                text.append((top, bottom, ours[0][0], ours[-1][1]))
            if theirs:
                column.append((top, bottom))
        if len(text) < MIN_TEXT_LINES or len(column) < MIN_SIDE_LINES:
            continue
        start, end = min(t[2] for t in text), max(t[3] for t in text)
        if sum(1 for t in text if t[3] - t[2] >= 0.8 * (end - start)) < MIN_FULL_LINES:
            continue
        # level with the text: entries with a text line above and below them, not a block after it
        first, last = min(t[0] for t in text), max(t[1] for t in text)
        beside = sum(1 for top, bottom in column if first < top and bottom < last)
        if beside >= MIN_SIDE_LINES:
            return float(g0), float(g1), side, min(t for t, _ in column), max(b for _, b in column)
    return None
