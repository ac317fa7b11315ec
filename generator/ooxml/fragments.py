"""XML fragments that docxtpl inserts verbatim: runs (``{{r …}}``), paragraphs (``{{p …}}``) and the
floating text box at the foot of the 版心. Plan text in them is always escaped here, so it stays data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import INVALID_XML_CHARS, W_NS, parse_like, qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# ---------------------------------------------------------------- fragments for docxtpl {{r …}} / {{p …}}


def escape_text(text: str) -> str:
    """Plan text as inert XML character data.

    Besides & < >, braces become character references: docxtpl rewrites ``{_{`` to ``{{`` in the
    rendered XML, and a literal brace must never meet Jinja or that rewrite.
    """
    text = INVALID_XML_CHARS.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


@dataclass(frozen=True)
class Fragment:
    """XML that docxtpl inserts verbatim (Jinja's autoescape leaves what has ``__html__``). The
    kinds below only name what the XML is: as plain subclasses they share this class's generated
    methods (each decorated class costs a start-up about half a millisecond of code generation)."""

    xml: str

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


class RunXml(Fragment):
    """WordprocessingML runs for docxtpl's ``{{r value}}``."""

    def __add__(self, other: RunXml) -> RunXml:
        return RunXml(self.xml + other.xml)


def run(
    text: str,
    *,
    style: str | None = None,
    size_pt: float | None = None,
    char_scale: int | None = None,
    char_spacing: int | None = None,
) -> RunXml:
    """One text run with an optional character style (its w:styleId) and direct size/scale/spacing."""
    props = []
    if style:
        props.append(f'<w:rStyle w:val="{escape_text(style)}"/>')
    if char_spacing is not None:
        props.append(f'<w:spacing w:val="{int(char_spacing)}"/>')
    if char_scale is not None:
        props.append(f'<w:w w:val="{int(char_scale)}"/>')
    if size_pt is not None:
        half = round(size_pt * 2)
        props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return RunXml(f'<w:r>{rpr}<w:t xml:space="preserve">{escape_text(text)}</w:t></w:r>')


def runs(parts: Iterable[RunXml]) -> RunXml:
    return RunXml("".join(part.xml for part in parts))


class ParagraphXml(Fragment):
    """A whole paragraph for docxtpl's ``{{p value}}``: a named style plus the few direct
    properties the layout must compute per document (indents, exact height, space before)."""


def paragraph(
    style: str,
    content: RunXml | str = "",
    *,
    right: int | None = None,
    left: int | None = None,
    first_line: int | None = None,
    line_exact: int | None = None,
    before: int | None = None,
    keep_next: bool = False,
    jc: str | None = None,
) -> ParagraphXml:
    """A paragraph in ``style`` (a w:styleId); indents/spacing in twips override the style only
    where given."""
    props = [f'<w:pStyle w:val="{escape_text(style)}"/>']
    if keep_next:
        props.append("<w:keepNext/>")
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{int(before)}"')
    if line_exact is not None:
        spacing.append(f'w:line="{int(line_exact)}" w:lineRule="exact"')
    if spacing:
        props.append(f"<w:spacing {' '.join(spacing)}/>")
    indent = []
    if left is not None:
        indent.append(f'w:left="{int(left)}"')
    if right is not None:
        indent.append(f'w:right="{int(right)}"')
    if first_line is not None:
        indent.append(f'w:firstLine="{int(first_line)}"')
    if indent:
        props.append(f"<w:ind {' '.join(indent)}/>")
    if jc:
        props.append(f'<w:jc w:val="{escape_text(jc)}"/>')
    body = content.xml if isinstance(content, RunXml) else (run(content).xml if content else "")
    return ParagraphXml(f"<w:p><w:pPr>{''.join(props)}</w:pPr>{body}</w:p>")


# ---------------------------------------------------------------- floating text box

_TEXTBOX = (
    '<w:r xmlns:w="{w}"><w:drawing>'
    '<wp:anchor xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0" simplePos="0"'
    ' relativeHeight="{layer}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="{overlap}">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="{frame}">{horizontal}</wp:positionH>'
    '<wp:positionV relativeFrom="{frame}">{vertical}</wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic xmlns:a="{a}"><a:graphicData uri="{wps}">'
    '<wps:wsp xmlns:wps="{wps}"><wps:cNvSpPr txBox="1"/>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent/></wps:txbx>"
    '<wps:bodyPr rot="0" vert="{vert}" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}"'
    ' anchorCtr="0"><a:{fit}/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    "</w:drawing></w:r>"
)
EMU_PER_TWIP = 635


def _offset(twips: int) -> str:
    return f"<wp:posOffset>{twips * EMU_PER_TWIP}</wp:posOffset>"


def anchored_textbox(
    paragraph: BaseOxmlElement,
    inner: list[BaseOxmlElement],
    *,
    frame: str,
    horizontal: str,
    vertical: str,
    width: int,
    height: int,
    name: str,
    shape_id: int,
    turned: bool = False,
) -> None:
    """Move the ``inner`` paragraphs into a borderless, non-wrapping DrawingML text box (wps:wsp)
    in a run appended to ``paragraph``: placed ``horizontal``/``vertical`` (wp:posOffset or
    wp:align XML, see :func:`_offset`) relative to ``frame`` (margin, page), ``width`` × ``height``
    twips. A plain box grows with its text from its foot (spAutoFit, text at the bottom); a
    ``turned`` one has a fixed size, its text turned 90° clockwise and centred."""
    xml = _TEXTBOX.format(
        w=W_NS,
        wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        a="http://schemas.openxmlformats.org/drawingml/2006/main",
        wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        layer=3 if turned else 2,
        overlap=1 if turned else 0,
        frame=frame,
        horizontal=horizontal,
        vertical=vertical,
        cx=width * EMU_PER_TWIP,
        cy=height * EMU_PER_TWIP,
        id=shape_id,
        name=name,
        vert="vert" if turned else "horz",
        anchor="ctr" if turned else "b",
        fit="noAutofit" if turned else "spAutoFit",
    )
    run_element = parse_like(xml, paragraph)
    content = next(run_element.iter(qn("w:txbxContent")))
    for element in inner:
        content.append(element)
    paragraph.append(run_element)


def bottom_textbox(paragraph: BaseOxmlElement, inner: list[BaseOxmlElement], width: int, name: str) -> None:
    """Move the ``inner`` paragraphs into a borderless text box anchored to the BOTTOM of the 版心
    (DrawingML ``wp:anchor`` aligned bottom, relative to the margin), run of ``paragraph``.

    Measured in LibreOffice 7.4: w:framePr frames (yAlign=bottom) and floating tables
    (tblpYSpec=bottom) are laid out in the text flow there, a DrawingML text box is not. With
    wrapTopAndBottom LibreOffice lifts the box 2 mm off the margin, so the box does not wrap; the
    writer reserves its height with a spacer paragraph before the anchor instead.
    """
    anchored_textbox(
        paragraph,
        inner,
        frame="margin",
        horizontal=_offset(0),
        vertical="<wp:align>bottom</wp:align>",
        width=width,
        height=1440,
        name=name,
        shape_id=900,
    )


def renumber_drawings(element: BaseOxmlElement, start: int) -> None:
    """Number the drawings (wp:docPr) under ``element`` from ``start`` on: a rendered body repeats
    the ids of its template's boxes, and Word wants each once."""
    for number, doc_pr in enumerate(element.iter(qn("wp:docPr")), start=start):
        doc_pr.attrib["id"] = str(number)


def offset_drawing_ids(element: BaseOxmlElement, offset: int) -> None:
    """Move the ids of the drawings (wp:docPr) under ``element`` by ``offset``: a copy of a block
    with a text box (the diff's deleted old 版记) must not repeat the ids of the document's own."""
    for doc_pr in element.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ):
        doc_pr.set("id", str(int(doc_pr.get("id", "0")) + offset))
