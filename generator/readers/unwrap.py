"""Text broken at the page width: a .txt copied out of a PDF (a viewer's copy, ``pdftotext``).

Each printed line comes as a line of its own, so every paragraph arrives in pieces of the same
width — 28 字 on a GB/T 9704 page — and the importer would take each piece for a paragraph. Such
a text is told by that width: most of its long lines end at it and none runs much past it (a text
of one paragraph a line has lines of every length, many far longer). Then a line that reaches
the width goes on with the next — also over a page break, where the page number and blank lines
stand between — unless the next line opens a heading (一、 （一） 1.) or the line ends a 主送
(…：) or the next line is a closing formula (特此通知。). The joined paragraph keeps the first
line's number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..i18n import _
from .defects import DefectLog
from .lines import Line, ends_sentence, label_of


def _width(text: str) -> float:
    """A line's printed width in 字: digits and Latin letters of the body type take a little more
    than the half 字 of GB/T 9704 §3.1, about 0.6 (title_lines measured it; a line of 120, GPS and
    APP holds a character less)."""
    return sum(0.6 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text)


MIN_LINES = 6
"""Lines at the width, at least: fewer say nothing about how the text was made."""
INDENT = 2.0
"""字: the first-line indent of a paragraph (GB/T 9704 §7.3.3), lost with the copy."""
SHORT = 12.0
"""字: shorter lines (titles, 署名, dates, headings) are not counted."""


def page_width(lines: list[Line]) -> float | None:
    """The width in 字 the text was broken at, or None when it was not."""
    widths = [_width(line.text) for line in lines if line.table is None and _width(line.text) >= SHORT]
    if len(widths) < MIN_LINES:
        return None
    counts = Counter(round(w) for w in widths)
    width, _count = max(counts.items(), key=lambda item: (item[1], item[0]))
    near = sum(1 for w in widths if width - 2 <= w <= width + 1)
    past = sum(1 for w in widths if w > width + 3)
    if near < MIN_LINES or near < 0.4 * len(widths) or past > 0.05 * len(widths):
        return None
    return float(width)


def unwrap(lines: list[Line], defects: DefectLog) -> list[Line]:
    """``lines`` with the paragraphs a page width broke joined again (unchanged when none was)."""
    width = page_width(lines)
    if width is None:
        return lines
    out: list[Line] = []
    joined = 0
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if line.table is not None or not line.text:
            out.append(line)
            continue
        text = last = line.text
        # a paragraph's first line is indented 2 字 in print, which a copy loses; a heading of the
        # first level (一、) stands on its own line, unless it reached the width
        opening = label_of(line) is not None or _PAUSES.search(line.text) is not None
        indent = INDENT if opening and not _own_line(line) else 0.0
        while True:
            after = k
            while (
                after < len(lines) and (_blank(lines[after]) or _bare_number(lines[after])) and after - k < 4
            ):
                after += 1  # a page break: blank lines, the page number (a bare 3 is still there)
            if after >= len(lines) or lines[after].table is not None or not lines[after].text:
                break
            following = lines[after]
            if text == line.text and _own_line(line) and _heading_rest(last, following, width):
                # a heading indented as paragraphs are, longer than its line: its short rest
                text = text + following.text
                out.extend(Line(lines[j].no, "") for j in range(k, after))
                k = after + 1
                joined += 1
                break
            if indent and ends_sentence(last) and _width(last) < width - 1.0:
                break  # a paragraph of one line, as long as a first line: it ends with its sentence
            if not _full(last, following.text, width - indent):
                break
            indent = 0.0
            if after > k and ends_sentence(last):
                break  # a paragraph that ended with its page
            if (
                label_of(following) is not None
                or last.endswith(("：", ":"))
                or _CLOSING_LINE.match(following.text)
            ):
                break
            space = " " if text[-1].isascii() and text[-1].isalnum() and following.text[0].isascii() else ""
            text, last = text + space + following.text, following.text
            out.extend(Line(lines[j].no, "") for j in range(k, after))  # the page break's lines stay
            k = after + 1
            joined += 1
        out.append(Line(line.no, text, line.table, line.label) if text != line.text else line)
    if joined:
        first = next(line.no for line in lines if line.text)
        message = _("joined {count} lines broken at the page width of {width} characters (a copy from a PDF)")
        defects.add(first, "joined_lines", message.format(count=joined, width=int(width)))
    return out


_PAUSES = re.compile(r"[，、；。：,;:]")
"""A paragraph's first line of 24 字 and more has a pause in it, or a label (（一）); a title line
(关于印发…的通知), which the allowance for the indent would otherwise join to the 主送 under it,
has neither."""
_CLOSING_LINE = re.compile(r"^(?:特此(?:通知|报告|函告|批复|公告|通告|说明)|此复|以上意见.{0,12})。?$")
"""A notice's closing words, a paragraph of their own after a paragraph that filled its last line."""


def _bare_number(line: Line) -> bool:
    return line.table is None and line.text.isdigit() and len(line.text) <= 3


def _blank(line: Line) -> bool:
    return not line.text and line.table is None


def _own_line(line: Line) -> bool:
    label = label_of(line)
    return label is not None and label.scheme == "chinese"


_CLOSING = "，。、；：！？）》」』”’"
_UNBROKEN = re.compile(
    rf"^[\u4e00-\u9fff]?[{_CLOSING}]*[A-Za-z0-9][A-Za-z0-9.%\-]*|^[\u4e00-\u9fff][{_CLOSING}]*"
)
"""What a line cannot be broken before: an ideograph with the marks that may not start a line
after it, and a Latin word or a number run on to it (理，PICC)."""


def _heading_rest(heading: str, following: Line, width: float) -> bool:
    """Is ``following`` the rest of a 一、 heading that filled its indented line? Short, ending
    no sentence, with no pause and no label: a heading's words, not the paragraph under it."""
    rest = following.text
    return (
        _full(heading, rest, width - INDENT)
        and not ends_sentence(heading)
        and 0 < _width(rest) <= 20
        and not ends_sentence(rest)
        and _PAUSES.search(rest) is None
        and label_of(following) is None
    )


def _full(text: str, following: str, width: float) -> bool:
    """Did the line end at the width? It reaches it (a mark that may not start a line carried
    over leaves it a character short), or what the next line starts with would not have fitted
    after it."""
    used = _width(text)
    if used >= width - 1.5:
        return True
    chunk = _UNBROKEN.match(following)
    return chunk is not None and used + _width(chunk.group(0)) > width - 1.0
