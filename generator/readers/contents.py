"""A 目录 (table of contents) in front of the text: its entries repeat the headings with page
numbers, so read as text they would make a second copy of the plan's tree before the real one
(a 技术指引 or 指南 from a ministry's PDF, tests/corpus_extra/01). The block is left out and
reported, like page chrome: the page numbers in it point at a layout the import does not keep.

An entry is a line that ends in a leader (dots, middle dots, ellipses) and a page number, printed
as ``- 6 -``, ``6`` or a Roman numeral; a wrapped entry's first half has no page number and is
taken with the entry it runs into. The block is the 目录 heading (when there is one) and the run
of entries after it; a run of fewer than three entries is not a 目录.
"""

from __future__ import annotations

import re

from ..i18n import _
from .defects import DefectLog
from .lines import Line

_HEADING = re.compile(r"^目\s*录$")
_LEADER = r"(?:\.{3,}|…{2,}|·{3,}|．{3,}|‥{2,})"
_ENTRY = re.compile(_LEADER + r"\s*[-－—–]?\s*(?:\d{1,4}|[IVXLivxl]{1,6})\s*[-－—–]?$")
_MIN_ENTRIES = 3
_MAX_WRAPPED = 40  # characters of an entry's first half that wrapped onto the next line


def drop_contents(lines: list[Line], defects: DefectLog) -> list[Line]:
    """``lines`` without a 目录 block (heading and entries); each block is reported once."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = _block_end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        entries = sum(1 for line in lines[i:end] if _ENTRY.search(line.text))
        message = _("removed a table of contents ({count} entries)").format(count=entries)
        defects.add(lines[i].no, "removed_page_chrome", message)
        i = end
    return out


def _block_end(lines: list[Line], start: int) -> int | None:
    """The index after the 目录 block that begins at ``start``, or None when none begins there."""
    line = lines[start]
    if line.table is not None:
        return None
    heading = bool(_HEADING.match(line.text.replace(" ", "")))
    if not heading and not _ENTRY.search(line.text):
        return None
    i = start + 1 if heading else start
    entries = 0
    last = None
    while i < len(lines):
        text = lines[i].text
        if lines[i].blank:
            i += 1
            continue
        if lines[i].table is None and _ENTRY.search(text):
            entries += 1
            last = i
            i += 1
            continue
        # the first half of a wrapped entry, or a page's running footer left in the block
        nxt = _next_content(lines, i + 1)
        if (
            lines[i].table is None
            and len(text) <= _MAX_WRAPPED
            and nxt is not None
            and _ENTRY.search(lines[nxt].text)
            and entries
        ):
            i += 1
            continue
        break
    if entries < _MIN_ENTRIES or last is None:
        return None
    return last + 1


def _next_content(lines: list[Line], i: int) -> int | None:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i if i < len(lines) else None
