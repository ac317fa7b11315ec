"""Tracked changes: w:ins / w:del marks on runs, paragraph marks and table rows, and w:pPrChange on a
paragraph whose layout changed, w:rPrChange on words set otherwise (the diff writer)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .elements import INVALID_XML_CHARS, OxmlElement, get_ppr, get_rpr, ppr_child, qn, set_attrs

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Word and LibreOffice show w:ins / w:del as changes a reviewer accepts or rejects one by one.
# Every revision element needs a w:id unique in the document, an author and a date (ISO 8601).


class Revisions:
    """Issues revision marks by one author at one time, with ids unique within a document."""

    def __init__(self, author: str, date: str, first_id: int = 1) -> None:
        self.author = author
        self.date = date
        self._next = first_id

    def mark(self, kind: str) -> BaseOxmlElement:
        """An empty ``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, ``w:pPrChange`` or
        ``w:rPrChange`` with id, author and date."""
        if kind not in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange"):
            raise ValueError(f"not a revision kind: {kind!r}")
        element = OxmlElement(f"w:{kind}")
        set_attrs(element, id=self._next, author=self.author, date=self.date)
        self._next += 1
        return element

    def wrap(self, kind: str, runs: Iterable[BaseOxmlElement]) -> BaseOxmlElement:
        """``runs`` inside one revision mark; deleted runs get w:delText (Word's rule)."""
        mark = self.mark(kind)
        for r in runs:
            if kind in ("del", "moveFrom"):
                as_deleted_text(r)
            mark.append(r)
        return mark

    def mark_paragraph(self, p: BaseOxmlElement, kind: str) -> None:
        """Mark the paragraph mark (¶) itself inserted or deleted: w:pPr/w:rPr/w:ins|w:del.

        A deleted ¶ joins the paragraph to the next one when accepted; an inserted ¶ does so when
        rejected — this is how whole paragraphs come and go in a tracked document.
        """
        rpr = ppr_child(get_ppr(p), "rPr")
        for old in rpr.findall(qn("w:ins")) + rpr.findall(qn("w:del")):
            rpr.remove(old)
        rpr.insert(0, self.mark(kind))  # CT_ParaRPr: ins/del/moveFrom/moveTo come first

    def paragraph_properties(self, p: BaseOxmlElement, old: BaseOxmlElement) -> bool:
        """Record the paragraph properties ``p`` had as ``old`` (its counterpart in the old
        version) in a w:pPrChange, when they differ: a paragraph kept in place whose layout changed
        (the 署名 of a notice no longer sealed, a heading now kept with its new task line) then
        gets its old layout back when the change is rejected, as Word does for a tracked format
        change. True if a change was recorded."""
        before, after = _base_properties(old), _base_properties(p)
        if _shape(before) == _shape(after):
            return False
        ppr = get_ppr(p)
        for stale in ppr.findall(qn("w:pPrChange")):
            ppr.remove(stale)
        change = self.mark("pPrChange")
        change.append(before)
        ppr.append(change)  # CT_PPr: pPrChange is its last child, after rPr and sectPr
        return True

    def run_properties(self, r: BaseOxmlElement, old_rpr: BaseOxmlElement | None) -> None:
        """Record the run properties the characters of ``r`` had (``old_rpr``) in a w:rPrChange:
        words that stay but are set otherwise (a run-in heading made plain text) get their old
        face back when the change is rejected."""
        from copy import deepcopy

        rpr = get_rpr(r)
        for stale in rpr.findall(qn("w:rPrChange")):
            rpr.remove(stale)
        original = OxmlElement("w:rPr")
        for child in old_rpr if old_rpr is not None else ():
            if child.tag != qn("w:rPrChange"):
                original.append(deepcopy(child))
        change = self.mark("rPrChange")
        change.append(original)
        rpr.append(change)  # CT_RPr: rPrChange is its last child

    def mark_row(self, tr: BaseOxmlElement, kind: str) -> None:
        """Mark a table row inserted or deleted (w:trPr/w:ins|w:del)."""
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            tbl_pr_ex = tr.find(qn("w:tblPrEx"))
            tr.insert(1 if tbl_pr_ex is not None else 0, trpr)
        change = trpr.find(qn("w:trPrChange"))  # ins/del precede trPrChange in CT_TrPr
        mark = self.mark(kind)
        if change is not None:
            change.addprevious(mark)
        else:
            trpr.append(mark)

    def paragraph_content(self, p: BaseOxmlElement, kind: str) -> None:
        """Put every run of ``p`` inside one revision mark (a wholly inserted/deleted paragraph)."""
        content = [child for child in p if child.tag == qn("w:r")]
        if not content:
            return
        mark = self.mark(kind)
        content[0].addprevious(mark)
        for r in content:
            if kind in ("del", "moveFrom"):
                as_deleted_text(r)
            mark.append(r)


_NOT_BASE = ("rPr", "sectPr", "pPrChange")
"""Children of w:pPr outside CT_PPrBase: the ¶ mark's own run properties and revisions, the section."""


def _base_properties(p: BaseOxmlElement) -> BaseOxmlElement:
    """A copy of ``p``'s w:pPr without the children a w:pPrChange may not hold."""
    from copy import deepcopy

    base = OxmlElement("w:pPr")
    ppr = p.find(qn("w:pPr"))
    for child in ppr if ppr is not None else ():
        if not any(child.tag == qn(f"w:{tag}") for tag in _NOT_BASE):
            base.append(deepcopy(child))
    return base


def same_properties(a: BaseOxmlElement | None, b: BaseOxmlElement | None) -> bool:
    """Whether two w:rPr (or None) set the same formatting."""
    return (_shape(a) if a is not None else ()) == (_shape(b) if b is not None else ())


def _shape(element: BaseOxmlElement) -> tuple:
    """Tags, attributes and children: equal for equal properties whatever prefixes the parts use."""
    return (element.tag, tuple(sorted(element.attrib.items())), tuple(_shape(c) for c in element))


def as_deleted_text(r: BaseOxmlElement) -> None:
    """w:t → w:delText and w:instrText → w:delInstrText inside a run being deleted."""
    for child in r:
        if child.tag == qn("w:t"):
            child.tag = qn("w:delText")
        elif child.tag == qn("w:instrText"):
            child.tag = qn("w:delInstrText")


def text_run(rpr: BaseOxmlElement | None, text: str, *, deleted: bool = False) -> BaseOxmlElement:
    """A run with a copy of ``rpr``; "\\t" becomes w:tab and "\\n" w:br, the rest w:t (w:delText)."""
    from copy import deepcopy

    r = OxmlElement("w:r")
    if rpr is not None:
        r.append(deepcopy(rpr))
    for piece in re.split(r"([\t\n])", text):
        if piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece == "\n":
            r.append(OxmlElement("w:br"))
        elif piece:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = INVALID_XML_CHARS.sub("", piece)
            r.append(t)
    return r


def serialize_part(root: BaseOxmlElement) -> bytes:
    """An XML part as Word writes it: UTF-8 with a standalone declaration."""
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def track_revisions_on(settings_xml: bytes) -> bytes:
    """word/settings.xml with 修订 (Track Changes) switched on, in its schema place, so that a
    reviewer's own edits to a tracked-changes document are tracked too."""
    from docx.oxml import parse_xml

    from .properties import set_settings_flag

    root = parse_xml(settings_xml)
    set_settings_flag(root, "trackRevisions")
    return serialize_part(root)
