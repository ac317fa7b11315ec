"""Headers, footers, footnotes and endnotes: which of them a section prints, and the text they
print (the Word reader).

A clerk's .docx keeps text outside the body: a 版记 typed into the last page's footer, a 份号 or
密级 in the first page's header, a footnote under a 指标. Their page-number fields (the footer's
"— 1 —") print the page's number, not the document's text, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import qn
from .printed import _hidden, printed_text
from .reading import text_box_texts

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

_P, _PPR, _R, _SECT, _BODY = qn("w:p"), qn("w:pPr"), qn("w:r"), qn("w:sectPr"), qn("w:body")
_TXBX, _DEL, _MOVE_FROM = qn("w:txbxContent"), qn("w:del"), qn("w:moveFrom")
_FOOTNOTE_REF, _ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_R_ID = qn("r:id")
_NOT_PRINTED = {_DEL, _MOVE_FROM, _MC_FALLBACK}
_SOMETHING = re.compile(r"\w")  # a line of more than the dashes around a page number


@dataclass(frozen=True)
class SectionStories:
    """The headers and footers one section names (w:headerReference, w:footerReference): the
    relationship id of each, by its type ("default", "first", "even"), and whether the section's
    first page has a header and footer of its own (w:titlePg)."""

    headers: dict[str, str]
    footers: dict[str, str]
    title_page: bool


def section_stories(body: BaseOxmlElement) -> list[SectionStories]:
    """The body's sections in document order: those a paragraph ends (w:pPr/w:sectPr), then the
    last one (the body's own w:sectPr)."""
    # the paragraphs' (in w:pPr), in order, then the body's own; not a tracked change's old one
    found = [sect for sect in body.iter(_SECT) if sect.getparent().tag in (_PPR, _BODY)]
    out = []
    for sect in found:
        refs: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
        for kind in refs:
            for ref in sect.findall(qn(f"w:{kind}Reference")):
                if ref.get(_R_ID):
                    refs[kind][ref.get(qn("w:type"), "default")] = ref.get(_R_ID)
        title = sect.find(qn("w:titlePg"))
        out.append(
            SectionStories(
                refs["header"],
                refs["footer"],
                title is not None and title.get(qn("w:val"), "true") not in ("0", "false", "off"),
            )
        )
    return out


def parse_part(blob: bytes) -> BaseOxmlElement:
    """A header, footer or notes part, parsed as python-docx parses the body."""
    from docx.oxml import parse_xml

    return parse_xml(blob)


def story_lines(root: BaseOxmlElement) -> list[str]:
    """The lines a header or footer (w:hdr, w:ftr) prints, in order — its paragraphs (in tables
    too) split at line breaks, then the text boxes each anchors — without what page-number
    fields print; a line left with only the dashes of "— 1 —" is none."""
    lines: list[str] = []
    for p in root.iter(_P):
        if any(a.tag in (_TXBX, _MC_FALLBACK) for a in p.iterancestors()):
            continue  # a text box's paragraph: read with the paragraph that anchors it
        lines += printed_text(p, page_numbers=False).split("\n")
        for box in text_box_texts(p, page_numbers=False):
            lines += box.split("\n")
    return [line for line in lines if _SOMETHING.search(line)]


def notes(root: BaseOxmlElement) -> dict[str, str]:
    """The footnotes or endnotes of a notes part by w:id: each one's text as printed (its
    paragraphs joined), without Word's separator notes and the note's own mark."""
    out: dict[str, str] = {}
    for note in root:
        if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(printed_text(p) for p in note.iter(_P)).strip()
        if note.get(qn("w:id")) is not None and text:
            out[note.get(qn("w:id"))] = text
    return out


def note_references(p: BaseOxmlElement) -> list[tuple[str, str]]:
    """("footnote" | "endnote", w:id) of each note the paragraph's own text refers to, in order;
    not those of a deleted or hidden run, or of a text box it anchors."""
    found = []
    for ref in p.iter(_FOOTNOTE_REF, _ENDNOTE_REF):
        run = ref.getparent()
        ancestors = list(ref.iterancestors())
        own = ancestors[: ancestors.index(p)] if p in ancestors else ancestors
        if any(a.tag in _NOT_PRINTED or a.tag == _TXBX for a in own):
            continue
        if run is not None and run.tag == _R and _hidden(run):
            continue
        kind = "footnote" if ref.tag == _FOOTNOTE_REF else "endnote"
        if ref.get(qn("w:id")) is not None:
            found.append((kind, ref.get(qn("w:id"))))
    return found
