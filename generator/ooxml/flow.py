"""Page-flow edits of a rendered document: splitting the last 正文 paragraph, and the 版记's own page.

These change a document after docxtpl has rendered it, once a layout pass has shown they are
needed (see :mod:`generator.writers.flow`); they find paragraphs by style id, so they work on an
agency's own template too.
"""

from __future__ import annotations

import copy
import itertools
from typing import TYPE_CHECKING

from lxml import etree

from .elements import W_NS, OxmlElement, ppr_child, qn, set_attrs
from .properties import set_flag, set_indent

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement


def _ppr(paragraph: BaseOxmlElement) -> BaseOxmlElement:
    """w:pPr of a paragraph, created first in it when missing (plain lxml elements too)."""
    found = paragraph.find(qn("w:pPr"))
    if found is None:
        found = OxmlElement("w:pPr", like=paragraph)
        paragraph.insert(0, found)
    return found


def style_of(paragraph: BaseOxmlElement) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def paragraphs_in_style(body: BaseOxmlElement, style_id: str) -> list[BaseOxmlElement]:
    """The body's own paragraphs (not those inside text boxes or tables) in ``style_id``."""
    return [p for p in body.iterchildren(qn("w:p")) if style_of(p) == style_id]


def split_paragraph(
    paragraph: BaseOxmlElement,
    printed: int,
    *,
    printed_total: int | None = None,
    head_style: str | None = None,
    tail_style: str | None = None,
    tail_keep: bool = False,
) -> BaseOxmlElement:
    """Split ``paragraph`` after ``printed`` visible characters of its printed text; the tail.

    ``printed`` counts what the page shows; with ``printed_total``, the visible length of the whole
    printed paragraph, a label Word prints from numbering.xml (not in the paragraph's text) is
    counted off first. The head ends on a full line, so it is set
    ``distribute`` (its last line justified like the lines before it) and loses keep-with-next;
    the tail starts flush left, continuing the line above: in print the paragraph looks whole.
    """
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    visible = len("".join(text.split()))
    label = max(0, printed_total - visible) if printed_total is not None else 0
    cut = _index_of_visible(text, printed - label)
    tail = copy.deepcopy(paragraph)
    paragraph.addnext(tail)
    _keep_text(paragraph, 0, cut)
    _keep_text(tail, cut, None)
    head_ppr = _ppr(paragraph)
    if head_style:
        set_attrs(ppr_child(head_ppr, "pStyle"), val=head_style)
    set_attrs(ppr_child(head_ppr, "jc"), val="distribute")
    keep = head_ppr.find(qn("w:keepNext"))
    if keep is not None:
        head_ppr.remove(keep)
    tail_ppr = _ppr(tail)
    if tail_style:
        set_attrs(ppr_child(tail_ppr, "pStyle"), val=tail_style)
        numbering = tail_ppr.find(qn("w:numPr"))
        if numbering is not None:  # the tail continues the item: it takes no number of its own
            tail_ppr.remove(numbering)
    if tail_keep:
        set_flag(tail_ppr, "keepNext", True)
    set_indent(tail_ppr, first_line=0)
    return tail


def _keep_text(paragraph: BaseOxmlElement, start: int, end: int | None) -> None:
    """Keep characters ``start:end`` of the paragraph's w:t text, across its runs."""
    position = 0
    for text in list(paragraph.iter(qn("w:t"))):
        value = text.text or ""
        lo, hi = position, position + len(value)
        position = hi
        keep_from = max(start, lo) - lo
        keep_to = (min(end, hi) if end is not None else hi) - lo
        text.text = value[keep_from:keep_to] if keep_to > keep_from else ""


def _index_of_visible(text: str, count: int) -> int:
    """Index in ``text`` after its first ``count`` non-space characters."""
    seen = 0
    for index, char in enumerate(text):
        if seen >= count:
            return index
        if not char.isspace():
            seen += 1
    return len(text)


_IN_STYLE = etree.XPath("w:p[w:pPr/w:pStyle/@w:val=$style]", namespaces={"w": W_NS})


def keep_with_following(body: BaseOxmlElement, style: str) -> list[BaseOxmlElement]:
    """Keep-with-next on each body paragraph followed by one in ``style``; those paragraphs."""
    kept = []
    for paragraph in _IN_STYLE(body, style=style):
        before = paragraph.getprevious()
        if before is not None and before.tag == qn("w:p"):
            set_flag(_ppr(before), "keepNext", True)
            kept.append(before)
    return kept


def set_exact_height(paragraph: BaseOxmlElement, twips: int) -> None:
    """An exact line height off the line grid (on it LibreOffice rounds a line up to the grid)."""
    ppr = _ppr(paragraph)
    set_flag(ppr, "snapToGrid", False)
    set_attrs(ppr_child(ppr, "spacing"), line=twips, lineRule="exact")


def break_before(paragraph: BaseOxmlElement) -> None:
    """Start ``paragraph`` on a new page (w:pageBreakBefore)."""
    set_flag(_ppr(paragraph), "pageBreakBefore", True)


def end_section_before(paragraph: BaseOxmlElement, marker_style: str) -> BaseOxmlElement:
    """End the body's section just before ``paragraph``; returns the new last section's w:sectPr.

    A paragraph of ``marker_style`` one twip high carries a copy of the body's w:sectPr (with its
    numbered footers): everything before it keeps the page numbers. A second such paragraph opens
    the new section on a page of its own — the blank page — and ``paragraph`` follows on the next.
    The caller gives the new section footers of its own (unnumbered).
    """
    body = paragraph.getparent()
    final = body.find(qn("w:sectPr"))
    previous = paragraph.getprevious()
    if previous is None or previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        ending = _marker(marker_style)
        ending.find(qn("w:pPr")).append(copy.deepcopy(final))
        paragraph.addprevious(ending)
    # else a section already ends right before (after a landscape 分工表): the blank page opens the next
    paragraph.addprevious(_marker(marker_style))
    break_before(paragraph)
    for reference in final.findall(qn("w:footerReference")) + final.findall(qn("w:headerReference")):
        final.remove(reference)
    for old in final.findall(qn("w:type")):
        final.remove(old)
    final.insert(0, _type_element("nextPage"))  # first child once the references are gone
    return final


def _type_element(value: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement

    element = OxmlElement("w:type")
    set_attrs(element, val=value)
    return element


def _marker(style: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement

    paragraph = OxmlElement("w:p")
    ppr = _ppr(paragraph)
    set_attrs(ppr_child(ppr, "pStyle"), val=style)
    set_flag(ppr, "snapToGrid", False)
    set_attrs(ppr_child(ppr, "spacing"), line=1, lineRule="exact")
    return paragraph


def is_signature_table(table: BaseOxmlElement, signature: set[str], chain: set[str]) -> bool:
    """Is ``table`` one that only places the 署名 (the names of a sealed joint notice side by side,
    blank lines for their seals): every paragraph in it in a ``signature`` or ``chain`` style, and
    a name among them?"""
    styles = [style_of(p) for p in table.iter(qn("w:p"))]
    return any(s in signature for s in styles) and all(s in signature or s in chain for s in styles)


def lines_after(paragraph: BaseOxmlElement, last_style: str) -> list[list[BaseOxmlElement]]:
    """The printed lines after ``paragraph`` up to the first body paragraph in ``last_style``: a
    body paragraph each, and each row of a table between (its cells' paragraphs side by side). A
    row of one cell across a table of several columns is left out: it is the room between two rows
    of seals (see writers/seal_rows.py), which keeps its height or the seals would meet."""
    lines: list[list[BaseOxmlElement]] = []
    for following in paragraph.itersiblings(qn("w:p"), qn("w:tbl")):
        if following.tag == qn("w:p"):
            if style_of(following) == last_style:
                break
            lines.append([following])
            continue
        for row in following.iter(qn("w:tr")):
            if len(row.findall(qn("w:tc"))) > 1:
                lines.append(list(row.iter(qn("w:p"))))
    return lines


SHORT_TABLE_ROWS = 6  # a table of at most this many rows moves whole rather than split off one row


def keep_closing(body: BaseOxmlElement, signature: set[str], chain: set[str]) -> BaseOxmlElement | None:
    """Keep the 正文's last paragraph with the signature block (§7.3.5): keep-with-next on every
    paragraph from the one before the first in a ``signature`` style (署名, 成文日期) back over
    the ``chain`` styles (blank lines, 附件说明), and on the paragraph before them; that
    paragraph, or None (no signature block, or a table before it — kept too)."""

    def in_block(element: BaseOxmlElement) -> bool:
        if element.tag == qn("w:tbl"):
            return is_signature_table(element, signature, chain)
        return style_of(element) in signature

    first = next((e for e in body.iterchildren(qn("w:p"), qn("w:tbl")) if in_block(e)), None)
    if first is None:
        return None
    # the block itself is one: every 署名 keeps with the next line (the next 署名, the 成文日期), so a
    # joint block never leaves its first names on one page and the rest with the date on the next
    block = [first, *itertools.takewhile(in_block, first.itersiblings(qn("w:p"), qn("w:tbl")))]
    lines = [
        p for element in block for p in ([element] if element.tag == qn("w:p") else element.iter(qn("w:p")))
    ]
    for paragraph in lines[:-1]:
        set_flag(_ppr(paragraph), "keepNext", True)
    before = first.getprevious()
    while before is not None and before.tag == qn("w:p") and style_of(before) in chain:
        set_flag(_ppr(before), "keepNext", True)
        before = before.getprevious()
    if before is not None and before.tag == qn("w:tbl"):
        # a table ends the 正文: it keeps with the signature block (Word and LibreOffice keep a row
        # whose paragraphs keep with the next with what follows it) — a short table whole, a long
        # one by its last row
        rows = before.findall(qn("w:tr"))
        for row in rows if len(rows) <= SHORT_TABLE_ROWS else rows[-1:]:
            for paragraph in row.iter(qn("w:p")):
                set_flag(_ppr(paragraph), "keepNext", True)
        return None
    if before is None or before.tag != qn("w:p"):
        return None
    set_flag(_ppr(before), "keepNext", True)
    return before
