"""The one place that builds raw WordprocessingML (OOXML).

Writers and the template builder call these small functions; none of them concatenates XML.
Two kinds of helpers live here:

* element setters over python-docx/lxml elements (``set_fonts``, ``set_indent``, ``set_border``…),
  used by ``writers/docx_template.py`` to build ``templates/notice.docx``;
* :class:`RunXml` fragments that docxtpl inserts verbatim through ``{{r …}}`` (a run with a character
  style), with the text escaped here so plan text is always data.

Units: Word measures in twips (1/20 pt), font sizes in half-points, borders in eighths of a point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# ---------------------------------------------------------------- generic element plumbing

# Child order inside w:pPr and w:rPr is fixed by the schema; Word refuses files that break it.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def _child(parent: BaseOxmlElement, tag: str, order: list[str] | None = None) -> BaseOxmlElement:
    """The ``w:tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    new = OxmlElement(f"w:{tag}")
    if order and tag in order:
        rank = order.index(tag)
        for index, sibling in enumerate(parent):
            local = sibling.tag.rsplit("}", 1)[-1]
            if local in order and order.index(local) > rank:
                parent.insert(index, new)
                return new
    parent.append(new)
    return new


def _set(element: BaseOxmlElement, **attrs: str | int | None) -> BaseOxmlElement:
    for name, value in attrs.items():
        key = qn(f"w:{name}")
        if value is None:
            element.attrib.pop(key, None)
        else:
            element.set(key, str(value))
    return element


def ppr_child(ppr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return _child(ppr, tag, _PPR_ORDER)


def rpr_child(rpr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return _child(rpr, tag, _RPR_ORDER)


def get_ppr(element: BaseOxmlElement) -> BaseOxmlElement:
    """w:pPr of a paragraph or paragraph style element."""
    return element.get_or_add_pPr()


def get_rpr(element: BaseOxmlElement) -> BaseOxmlElement:
    """w:rPr of a run or style element."""
    return element.get_or_add_rPr()


# ---------------------------------------------------------------- run properties


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str | None = None) -> None:
    """East-Asian font on ``w:eastAsia`` AND ascii/hAnsi/cs, hinted eastAsia, no theme fonts.

    python-docx's ``font.name`` sets ascii/hAnsi only; WPS then reports a missing font and
    LibreOffice substitutes a Japanese face for the Chinese text (GB/T 9704 needs named faces).
    """
    fonts = rpr_child(rpr, "rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    latin = latin or east_asia
    _set(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def set_size(rpr: BaseOxmlElement, pt: float) -> None:
    half_points = round(pt * 2)
    _set(rpr_child(rpr, "sz"), val=half_points)
    _set(rpr_child(rpr, "szCs"), val=half_points)


def set_color(rpr: BaseOxmlElement, hex_rgb: str) -> None:
    _set(rpr_child(rpr, "color"), val=hex_rgb.lstrip("#").upper())


def set_char_spacing(rpr: BaseOxmlElement, twips: int) -> None:
    """字距 (w:spacing on a run, twips): −5 = −0.25 pt condenses 28 3号 glyphs into 156 mm."""
    _set(rpr_child(rpr, "spacing"), val=twips)


def set_lang(rpr: BaseOxmlElement, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    _set(rpr_child(rpr, "lang"), val=latin, eastAsia=east_asia)


def set_kern(rpr: BaseOxmlElement, half_points: int) -> None:
    _set(rpr_child(rpr, "kern"), val=half_points)


# ---------------------------------------------------------------- paragraph properties


def set_line_spacing_exact(ppr: BaseOxmlElement, twips: int) -> None:
    """固定值 line spacing: every line takes exactly ``twips`` whatever its font size."""
    _set(ppr_child(ppr, "spacing"), line=twips, lineRule="exact")


def set_space(ppr: BaseOxmlElement, before: int | None = None, after: int | None = None) -> None:
    """Space before/after in twips; ``before``/``after`` of 0 are written explicitly."""
    spacing = ppr_child(ppr, "spacing")
    _set(spacing, before=before, after=after)
    if before is not None:
        _set(spacing, beforeLines=None, beforeAutospacing=None)
    if after is not None:
        _set(spacing, afterLines=None, afterAutospacing=None)


def set_indent(
    ppr: BaseOxmlElement,
    left: int | None = None,
    right: int | None = None,
    first_line: int | None = None,
    hanging: int | None = None,
) -> None:
    """Indents in twips. firstLine and hanging exclude each other; 0 is written explicitly so a
    style does not inherit Normal's 2字 first-line indent."""
    ind = ppr_child(ppr, "ind")
    _set(ind, left=left, right=right)
    if first_line is not None:
        _set(ind, firstLine=first_line, hanging=None, firstLineChars=None, hangingChars=None)
    if hanging is not None:
        _set(ind, hanging=hanging, firstLine=None, firstLineChars=None, hangingChars=None)


def set_alignment(ppr: BaseOxmlElement, jc: str) -> None:
    """w:jc: left | center | right | both (justified)."""
    _set(ppr_child(ppr, "jc"), val=jc)


def set_flag(ppr: BaseOxmlElement, tag: str, on: bool) -> None:
    """A boolean paragraph property: widowControl, snapToGrid, keepNext, pageBreakBefore, …"""
    _set(ppr_child(ppr, tag), val="1" if on else "0")


def set_border(
    ppr: BaseOxmlElement, side: str, *, eighths: int, color: str = "000000", space_pt: int = 0
) -> None:
    """A paragraph border line (w:pBdr/w:{top,bottom}): ``eighths`` of a point thick,
    ``space_pt`` points from the text."""
    border = _child(ppr_child(ppr, "pBdr"), side, ["top", "left", "bottom", "right", "between", "bar"])
    _set(border, val="single", sz=eighths, space=space_pt, color=color.lstrip("#").upper())


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """Navigation-pane level (0 = top) so Word's outline shows the plan's headings."""
    _set(ppr_child(ppr, "outlineLvl"), val=level)


# ---------------------------------------------------------------- section, settings, fields


def set_doc_grid(sect_pr: BaseOxmlElement, line_pitch: int) -> None:
    """文档网格 of type "lines": LibreOffice and Word put lines on a ``line_pitch`` twip grid."""
    grid = _child(sect_pr, "docGrid")
    _set(grid, type="lines", linePitch=line_pitch, charSpace=None)


def set_settings_flag(settings: BaseOxmlElement, tag: str, on: bool = True) -> None:
    """A w:settings flag such as evenAndOddHeaders (奇偶页不同)."""
    element = settings.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        # evenAndOddHeaders must precede most settings; inserting first keeps the schema order valid.
        settings.insert(0, element)
    _set(element, val=None if on else "0")


def append_field(paragraph: BaseOxmlElement, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES …) as begin / instrText / separate / result / end runs."""

    def run_with(child: BaseOxmlElement) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph.append(run)

    run_with(_set(OxmlElement("w:fldChar"), fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(_set(OxmlElement("w:fldChar"), fldCharType="separate"))
    result = OxmlElement("w:t")
    result.text = placeholder
    run_with(result)
    run_with(_set(OxmlElement("w:fldChar"), fldCharType="end"))


# ---------------------------------------------------------------- tables


def set_table_borders(tbl: BaseOxmlElement, *, eighths: int = 0) -> None:
    """All borders of a table: none (0) or single lines ``eighths`` of a point."""
    tbl_pr = tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        tbl_pr.append(borders)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = _child(borders, side)
        if eighths:
            _set(line, val="single", sz=eighths, space=0, color="000000")
        else:
            _set(line, val="nil", sz=None, space=None, color=None)


def set_table_width(tbl: BaseOxmlElement, twips: int) -> None:
    width = _child(tbl.tblPr, "tblW")
    _set(width, w=twips, type="dxa")
    _set(_child(tbl.tblPr, "jc"), val="center")


def set_table_layout_fixed(tbl: BaseOxmlElement) -> None:
    _set(_child(tbl.tblPr, "tblLayout"), type="fixed")


def set_cell_v_align(tc: BaseOxmlElement, where: str) -> None:
    _set(_child(tc.get_or_add_tcPr(), "vAlign"), val=where)


def set_cell_width(tc: BaseOxmlElement, twips: int) -> None:
    _set(_child(tc.get_or_add_tcPr(), "tcW"), w=twips, type="dxa")


def set_cell_margins(tbl: BaseOxmlElement, left: int = 0, right: int = 0) -> None:
    margins = _child(tbl.tblPr, "tblCellMar")
    _set(_child(margins, "left"), w=left, type="dxa")
    _set(_child(margins, "right"), w=right, type="dxa")


# ---------------------------------------------------------------- fragments for docxtpl {{r …}}

# XML 1.0 forbids these code points; a NUL from an old .doc must not make the file unreadable.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_text(text: str) -> str:
    """Plan text as inert XML character data.

    Besides & < >, braces become character references: docxtpl rewrites ``{_{`` to ``{{`` in the
    rendered XML, and a literal brace must never meet Jinja or that rewrite.
    """
    text = _INVALID_XML.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


@dataclass(frozen=True)
class RunXml:
    """WordprocessingML runs for docxtpl's ``{{r value}}`` (inserted verbatim via ``__html__``)."""

    xml: str

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml

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


# ---------------------------------------------------------------- styles part


def add_tab_stop(ppr: BaseOxmlElement, kind: str, position: int) -> None:
    """A tab stop (w:tabs/w:tab): ``kind`` left | center | right, ``position`` in twips."""
    tabs = ppr_child(ppr, "tabs")
    stop = OxmlElement("w:tab")
    _set(stop, val=kind, pos=position)
    tabs.append(stop)


def set_doc_defaults(styles: BaseOxmlElement, east_asia: str, size_pt: float) -> None:
    """w:docDefaults run properties: the named face instead of the theme's (no theme fonts)."""
    defaults = _child(styles, "docDefaults")
    rpr_default = _child(defaults, "rPrDefault")
    rpr = _child(rpr_default, "rPr")
    set_fonts(rpr, east_asia)
    set_size(rpr, size_pt)
    set_lang(rpr)


_STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
).split()


def link_style(style: BaseOxmlElement, other_id: str) -> None:
    """w:link: a paragraph style and its character twin share their formatting in Word."""
    _set(_child(style, "link", _STYLE_ORDER), val=other_id)


def remove_theme_fonts(root: BaseOxmlElement) -> None:
    """Drop every theme-font reference (asciiTheme …) below ``root``: fonts are named explicitly."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def twips_length(twips: int) -> object:
    """A python-docx Length of ``twips`` (for column widths)."""
    from docx.shared import Twips

    return Twips(twips)


@dataclass(frozen=True)
class ParagraphXml:
    """A whole paragraph for docxtpl's ``{{p value}}``: a named style plus the few direct
    properties the layout must compute per document (indents, exact height, space before)."""

    xml: str

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


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


# --- revisions (tracked changes)
# Word and LibreOffice show w:ins / w:del as changes a reviewer accepts or rejects one by one.
# Every revision element needs a w:id unique in the document, an author and a date (ISO 8601).


class Revisions:
    """Issues revision marks by one author at one time, with ids unique within a document."""

    def __init__(self, author: str, date: str, first_id: int = 1) -> None:
        self.author = author
        self.date = date
        self._next = first_id

    def mark(self, kind: str) -> BaseOxmlElement:
        """An empty ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo`` with id, author and date."""
        if kind not in ("ins", "del", "moveFrom", "moveTo"):
            raise ValueError(f"not a revision kind: {kind!r}")
        element = OxmlElement(f"w:{kind}")
        _set(element, id=self._next, author=self.author, date=self.date)
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
            t.text = _INVALID_XML.sub("", piece)
            r.append(t)
    return r


def serialize_part(root: BaseOxmlElement) -> bytes:
    """An XML part as Word writes it: UTF-8 with a standalone declaration."""
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- floating text box

_TEXTBOX = (
    '<w:r xmlns:w="{w}"><w:drawing>'
    '<wp:anchor xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2"'
    ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic xmlns:a="{a}"><a:graphicData uri="{wps}">'
    '<wps:wsp xmlns:wps="{wps}"><wps:cNvSpPr txBox="1"/>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent/></wps:txbx>"
    '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"'
    ' anchorCtr="0"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    "</w:drawing></w:r>"
)
EMU_PER_TWIP = 635


def bottom_textbox(paragraph: BaseOxmlElement, inner: list[BaseOxmlElement], width: int, name: str) -> None:
    """Move the ``inner`` paragraphs into a borderless text box anchored to the BOTTOM of the 版心
    (DrawingML ``wp:anchor`` aligned bottom, relative to the margin), run of ``paragraph``.

    Measured in LibreOffice 7.4: w:framePr frames (yAlign=bottom) and floating tables
    (tblpYSpec=bottom) are laid out in the text flow there, a DrawingML text box is not. With
    wrapTopAndBottom LibreOffice lifts the box 2 mm off the margin, so the box does not wrap; the
    writer reserves its height with a spacer paragraph before the anchor instead.
    """
    from docx.oxml import parse_xml

    xml = _TEXTBOX.format(
        w=W_NS,
        wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        a="http://schemas.openxmlformats.org/drawingml/2006/main",
        wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        cx=width * EMU_PER_TWIP,
        cy=1440 * EMU_PER_TWIP,
        id=900,
        name=name,
    )
    run_element = parse_xml(xml)
    content = next(run_element.iter(qn("w:txbxContent")))
    for element in inner:
        content.append(element)
    paragraph.append(run_element)


# ---------------------------------------------------------------- reading and editing a body

_P, _TBL, _R, _PPR, _RPR = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:pPr"), qn("w:rPr")
_T, _TAB, _BR, _SECT = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sectPr")
_SKIPPED_IN_RUN = {_RPR, qn("w:lastRenderedPageBreak")}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

Atom = tuple[str, BaseOxmlElement | None]
"""One printed character of a paragraph and the w:rPr of the run it stands in."""


def is_paragraph(element: BaseOxmlElement) -> bool:
    return bool(element.tag == _P)


def is_table(element: BaseOxmlElement) -> bool:
    return bool(element.tag == _TBL)


def body_blocks(body: BaseOxmlElement) -> list[BaseOxmlElement]:
    """The body's paragraphs and tables in order (not its w:sectPr)."""
    return [el for el in body if el.tag in (_P, _TBL)]


def set_body_blocks(body: BaseOxmlElement, blocks: list[BaseOxmlElement]) -> None:
    """Replace the body's paragraphs and tables by ``blocks``; the final w:sectPr stays last."""
    for element in body_blocks(body):
        body.remove(element)
    sect = body.find(_SECT)
    for element in blocks:
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)


def paragraph_text(p: BaseOxmlElement) -> str:
    """Printed text of a paragraph, text boxes included: tabs as \\t, line breaks as \\n."""
    out = []
    for node in p.iter(_T, _TAB, _BR):
        out.append(node.text or "" if node.tag == _T else "\t" if node.tag == _TAB else "\n")
    return "".join(out)


def block_text(element: BaseOxmlElement) -> str:
    """Printed text of a paragraph, or of a table (cells by \\t, rows by \\n)."""
    if element.tag == _P:
        return paragraph_text(element)
    rows = []
    for tr in element.iter(qn("w:tr")):
        rows.append(
            "\t".join("\n".join(paragraph_text(p) for p in tc.iter(_P)) for tc in tr.iter(qn("w:tc")))
        )
    return "\n".join(rows)


def own_text(p: BaseOxmlElement) -> str:
    """Text of ``p`` outside any text box it anchors."""
    return "".join(t.text or "" for t in p.iter(_T) if next(t.iterancestors(_P)) is p)


def inner_paragraphs(element: BaseOxmlElement) -> list[BaseOxmlElement]:
    """Paragraphs inside ``element`` (a table's cells, a paragraph's text boxes), not itself."""
    return [p for p in element.iter(_P) if p is not element]


def table_rows(tbl: BaseOxmlElement) -> list[BaseOxmlElement]:
    return list(tbl.iter(qn("w:tr")))


def text_box_texts(p: BaseOxmlElement) -> list[str]:
    """Text of each text box anchored in ``p``, its paragraphs by \\n; the VML fallback copy
    that mc:AlternateContent carries of the same box is skipped."""
    out: list[str] = []
    for box in p.iter(qn("w:txbxContent")):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        out.append("\n".join("".join(t.text or "" for t in q.iter(_T)) for q in box.iter(_P)))
    return out


def text_atoms(p: BaseOxmlElement) -> list[Atom] | None:
    """The paragraph's characters with the w:rPr of the run each stands in; None when it holds
    anything but plain runs of text, tabs and line breaks (then it is never edited inline)."""
    atoms: list[Atom] = []
    for child in p:
        if child.tag == _PPR:
            continue
        if child.tag != _R:
            return None
        rpr = child.find(_RPR)
        for part in child:
            if part.tag in _SKIPPED_IN_RUN:
                continue
            if part.tag == _T:
                atoms.extend((ch, rpr) for ch in part.text or "")
            elif part.tag == _TAB:
                atoms.append(("\t", rpr))
            elif part.tag == _BR and part.get(qn("w:type")) in (None, "textWrapping"):
                atoms.append(("\n", rpr))
            else:
                return None
    return atoms


def atom_runs(atoms: list[Atom], *, deleted: bool = False) -> list[BaseOxmlElement]:
    """Runs for consecutive characters that came from the same original run (same formatting)."""
    out: list[BaseOxmlElement] = []
    start = 0
    for i in range(1, len(atoms) + 1):
        if i == len(atoms) or atoms[i][1] is not atoms[start][1]:
            if i > start:
                text = "".join(ch for ch, _ in atoms[start:i])
                out.append(text_run(atoms[start][1], text, deleted=deleted))
            start = i
    return out


def replace_content(p: BaseOxmlElement, content: list[BaseOxmlElement]) -> None:
    """Everything of ``p`` but its w:pPr replaced by ``content`` (runs, revision marks)."""
    for child in list(p):
        if child.tag != _PPR:
            p.remove(child)
    p.extend(content)


def replace_prefix(p: BaseOxmlElement, old: str, new: str) -> bool:
    """Print ``new`` for the ``old`` that the paragraph's first text starts with (a label)."""
    for t in p.iter(_T):
        if t.text:
            if not t.text.startswith(old):
                return False
            t.text = new + t.text[len(old) :]
            return True
    return False


def drop_section_break(p: BaseOxmlElement) -> None:
    """Remove a section break carried by the paragraph (w:pPr/w:sectPr)."""
    ppr = p.find(_PPR)
    if ppr is not None and ppr.find(_SECT) is not None:
        ppr.remove(ppr.find(_SECT))


def style_ids(styles_xml: bytes) -> dict[str, str]:
    """Style name → w:styleId of a styles.xml part (an agency's Word may use its own ids)."""
    from docx.oxml import parse_xml

    found: dict[str, str] = {}
    for style in parse_xml(styles_xml).iter(qn("w:style")):
        name = style.find(qn("w:name"))
        sid = style.get(qn("w:styleId"))
        if name is not None and sid is not None and name.get(qn("w:val")) is not None:
            found[name.get(qn("w:val"))] = sid
    return found


def document_body(document_xml: bytes) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """The parsed word/document.xml and its w:body."""
    from docx.oxml import parse_xml

    root = parse_xml(document_xml)
    return root, root.find(qn("w:body"))


# ---------------------------------------------------------------- numbering.xml, as written

_W = f"{{{W_NS}}}"


@dataclass(frozen=True)
class LevelXml:
    """One w:lvl of an abstract numbering, its values as written (checked by the reader)."""

    ilvl: str | None
    fmt: str | None
    text: str | None
    start: str | None


@dataclass(frozen=True)
class NumXml:
    """One w:num: the abstract numbering it uses and its (ilvl, startOverride) overrides."""

    num_id: str
    abstract_id: str
    overrides: list[tuple[str | None, str | None]]


def _val(node: BaseOxmlElement | None) -> str | None:
    return None if node is None else node.get(f"{_W}val")


def numbering_xml(numbering: BaseOxmlElement) -> tuple[dict[str, list[LevelXml]], list[NumXml]]:
    """The abstract numberings (by w:abstractNumId) and the w:num list of a numbering part."""
    abstract: dict[str, list[LevelXml]] = {}
    for node in numbering.findall(f"{_W}abstractNum"):
        abstract[node.get(f"{_W}abstractNumId", "")] = [
            LevelXml(
                lvl.get(f"{_W}ilvl"),
                _val(lvl.find(f"{_W}numFmt")),
                _val(lvl.find(f"{_W}lvlText")),
                _val(lvl.find(f"{_W}start")),
            )
            for lvl in node.findall(f"{_W}lvl")
        ]
    nums = [
        NumXml(
            num.get(f"{_W}numId", ""),
            _val(num.find(f"{_W}abstractNumId")) or "",
            [
                (override.get(f"{_W}ilvl"), _val(override.find(f"{_W}startOverride")))
                for override in num.findall(f"{_W}lvlOverride")
            ],
        )
        for num in numbering.findall(f"{_W}num")
    ]
    return abstract, nums


def num_pr(ppr: BaseOxmlElement | None) -> tuple[str | None, str | None]:
    """(w:numId, w:ilvl) of a paragraph's or style's w:pPr/w:numPr, as written. Read as text:
    python-docx converts them to numbers on access and raises on a value that is none."""
    numpr = None if ppr is None else ppr.find(f"{_W}numPr")
    if numpr is None:
        return None, None
    return _val(numpr.find(f"{_W}numId")), _val(numpr.find(f"{_W}ilvl"))
