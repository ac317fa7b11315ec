"""Section-level XML of the template: footer references shared between sections, and the page
number of a landscape page drawn where the portrait pages have it once the sheet is turned."""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from .elements import qn
from .fragments import EMU_PER_TWIP, anchored_textbox

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

_REFS = ("w:headerReference", "w:footerReference")


def share_header_footer_refs(source: BaseOxmlElement, target: BaseOxmlElement) -> None:
    """Give section ``target`` the very header/footer parts of ``source`` (the same r:ids): a
    section without references would inherit those of the section before it instead."""
    for tag in _REFS:
        for ref in target.findall(qn(tag)):
            target.remove(ref)
    refs = [deepcopy(ref) for tag in _REFS for ref in source.findall(qn(tag))]
    for ref in reversed(refs):  # references open a w:sectPr (schema order)
        target.insert(0, ref)


def move_last_section(body: BaseOxmlElement) -> None:
    """Make the section ended by the last paragraph the document's final section, dropping the empty
    one after it (a landscape table that ends the document needs no portrait page behind it)."""
    paragraphs = body.findall(qn("w:p"))
    final = body.find(qn("w:sectPr"))
    for p in reversed(paragraphs):
        ppr = p.find(qn("w:pPr"))
        inner = ppr.find(qn("w:sectPr")) if ppr is not None else None
        if inner is None:
            continue
        ppr.remove(inner)
        if final is not None:
            body.replace(final, inner)
        # the paragraph only carried the break, and paragraphs after it belonged to the dropped section
        for later in paragraphs[paragraphs.index(p) :]:
            if not "".join(later.itertext()).strip():
                body.remove(later)
        return


def turned_textbox(
    paragraph: BaseOxmlElement,
    inner: list[BaseOxmlElement],
    *,
    left: int,
    top: int,
    width: int,
    height: int,
    name: str,
    shape_id: int,
) -> None:
    """Move ``inner`` into a text box at (``left``, ``top``) twips from the page corner, its text
    turned 90° clockwise (DrawingML ``vert="vert"``): on a landscape page printed on a portrait
    sheet head-left, it reads upright when the sheet is turned back."""

    anchored_textbox(
        paragraph,
        inner,
        frame="page",
        horizontal=f"<wp:posOffset>{left * EMU_PER_TWIP}</wp:posOffset>",
        vertical=f"<wp:posOffset>{top * EMU_PER_TWIP}</wp:posOffset>",
        width=width,
        height=height,
        name=name,
        shape_id=shape_id,
        turned=True,
    )


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def pin_textbox_to_page(body: BaseOxmlElement, name: str, *, bottom: int, height: int) -> None:
    """Fix the text box ``name`` (see :func:`generator.ooxml.bottom_textbox`) to end ``bottom``
    twips below the page top, ``height`` high, its text at its foot.

    LibreOffice 7.4 sets a box aligned to the margin's bottom 2 mm too high on a right page that
    opens a section (measured: the 版记 after a landscape 分工表); a page offset has no such case.
    """
    for anchor in body.iter(f"{_WP}anchor"):
        doc_pr = anchor.find(f"{_WP}docPr")
        if doc_pr is None or doc_pr.get("name") != name:
            continue
        vertical = anchor.find(f"{_WP}positionV")
        vertical.set("relativeFrom", "page")
        for part in list(vertical):
            vertical.remove(part)
        offset = vertical.makeelement(f"{_WP}posOffset", {})
        offset.text = str((bottom - height) * EMU_PER_TWIP)
        vertical.append(offset)
        for extent in (anchor.find(f"{_WP}extent"), *anchor.iter(f"{_A}ext")):
            if extent is not None:
                extent.set("cy", str(height * EMU_PER_TWIP))
        for fit in list(anchor.iter(f"{_A}spAutoFit")):
            fit.addprevious(fit.makeelement(f"{_A}noAutofit", {}))
            fit.getparent().remove(fit)
