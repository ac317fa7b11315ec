"""Setters for run, paragraph, section, settings, table and styles-part properties.

Used by ``writers/docx_template.py`` to build ``templates/notice.docx`` and by the Word writer for
the few properties computed per document. Units: twips (1/20 pt), font sizes in points (written as
half-points), borders in eighths of a point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .elements import (
    OxmlElement,
    get_or_add_child,
    ppr_child,
    qn,
    rpr_child,
    set_attrs,
    settings_child,
    tblpr_child,
    tcpr_child,
)

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

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
    set_attrs(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def set_size(rpr: BaseOxmlElement, pt: float) -> None:
    half_points = round(pt * 2)
    set_attrs(rpr_child(rpr, "sz"), val=half_points)
    set_attrs(rpr_child(rpr, "szCs"), val=half_points)


def set_color(rpr: BaseOxmlElement, hex_rgb: str) -> None:
    set_attrs(rpr_child(rpr, "color"), val=hex_rgb.lstrip("#").upper())


def set_char_spacing(rpr: BaseOxmlElement, twips: int) -> None:
    """字距 (w:spacing on a run, twips): −5 = −0.25 pt condenses 28 3号 glyphs into 156 mm."""
    set_attrs(rpr_child(rpr, "spacing"), val=twips)


def set_lang(rpr: BaseOxmlElement, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    set_attrs(rpr_child(rpr, "lang"), val=latin, eastAsia=east_asia)


def set_kern(rpr: BaseOxmlElement, half_points: int) -> None:
    set_attrs(rpr_child(rpr, "kern"), val=half_points)


# ---------------------------------------------------------------- paragraph properties


def set_line_spacing_exact(ppr: BaseOxmlElement, twips: int) -> None:
    """固定值 line spacing: every line takes exactly ``twips`` whatever its font size."""
    set_attrs(ppr_child(ppr, "spacing"), line=twips, lineRule="exact")


def set_space(ppr: BaseOxmlElement, before: int | None = None, after: int | None = None) -> None:
    """Space before/after in twips; ``before``/``after`` of 0 are written explicitly."""
    spacing = ppr_child(ppr, "spacing")
    set_attrs(spacing, before=before, after=after)
    if before is not None:
        set_attrs(spacing, beforeLines=None, beforeAutospacing=None)
    if after is not None:
        set_attrs(spacing, afterLines=None, afterAutospacing=None)


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
    set_attrs(ind, left=left, right=right)
    if first_line is not None:
        set_attrs(ind, firstLine=first_line, hanging=None, firstLineChars=None, hangingChars=None)
    if hanging is not None:
        set_attrs(ind, hanging=hanging, firstLine=None, firstLineChars=None, hangingChars=None)


def set_alignment(ppr: BaseOxmlElement, jc: str) -> None:
    """w:jc: left | center | right | both (justified)."""
    set_attrs(ppr_child(ppr, "jc"), val=jc)


def set_flag(ppr: BaseOxmlElement, tag: str, on: bool) -> None:
    """A boolean paragraph property: widowControl, snapToGrid, keepNext, pageBreakBefore, …"""
    set_attrs(ppr_child(ppr, tag), val="1" if on else "0")


def set_border(
    ppr: BaseOxmlElement, side: str, *, eighths: int, color: str = "000000", space_pt: int = 0
) -> None:
    """A paragraph border line (w:pBdr/w:{top,bottom}): ``eighths`` of a point thick,
    ``space_pt`` points from the text."""
    border = get_or_add_child(
        ppr_child(ppr, "pBdr"), side, ["top", "left", "bottom", "right", "between", "bar"]
    )
    set_attrs(border, val="single", sz=eighths, space=space_pt, color=color.lstrip("#").upper())


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """Navigation-pane level (0 = top) so Word's outline shows the plan's headings."""
    set_attrs(ppr_child(ppr, "outlineLvl"), val=level)


# ---------------------------------------------------------------- section, settings, fields


def set_doc_grid(sect_pr: BaseOxmlElement, line_pitch: int) -> None:
    """文档网格 of type "lines": LibreOffice and Word put lines on a ``line_pitch`` twip grid."""
    grid = get_or_add_child(sect_pr, "docGrid")
    set_attrs(grid, type="lines", linePitch=line_pitch, charSpace=None)


def set_settings_flag(settings: BaseOxmlElement, tag: str, on: bool = True) -> None:
    """A w:settings flag such as evenAndOddHeaders (奇偶页不同)."""
    set_attrs(settings_child(settings, tag), val=None if on else "0")


def append_field(paragraph: BaseOxmlElement, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES …) as begin / instrText / separate / result / end runs."""

    def run_with(child: BaseOxmlElement) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph.append(run)

    run_with(set_attrs(OxmlElement("w:fldChar"), fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(set_attrs(OxmlElement("w:fldChar"), fldCharType="separate"))
    result = OxmlElement("w:t")
    result.text = placeholder
    run_with(result)
    run_with(set_attrs(OxmlElement("w:fldChar"), fldCharType="end"))


# ---------------------------------------------------------------- tables


def set_table_borders(tbl: BaseOxmlElement, *, eighths: int = 0) -> None:
    """All borders of a table: none (0) or single lines ``eighths`` of a point."""
    borders = tblpr_child(tbl.tblPr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = get_or_add_child(borders, side)
        if eighths:
            set_attrs(line, val="single", sz=eighths, space=0, color="000000")
        else:
            set_attrs(line, val="nil", sz=None, space=None, color=None)


def set_table_width(tbl: BaseOxmlElement, twips: int) -> None:
    set_attrs(tblpr_child(tbl.tblPr, "tblW"), w=twips, type="dxa")
    set_attrs(tblpr_child(tbl.tblPr, "jc"), val="center")


def set_table_layout_fixed(tbl: BaseOxmlElement) -> None:
    set_attrs(tblpr_child(tbl.tblPr, "tblLayout"), type="fixed")


def set_cell_v_align(tc: BaseOxmlElement, where: str) -> None:
    set_attrs(tcpr_child(tc.get_or_add_tcPr(), "vAlign"), val=where)


def set_cell_width(tc: BaseOxmlElement, twips: int) -> None:
    set_attrs(tcpr_child(tc.get_or_add_tcPr(), "tcW"), w=twips, type="dxa")


def set_cell_margins(tbl: BaseOxmlElement, left: int = 0, right: int = 0) -> None:
    margins = tblpr_child(tbl.tblPr, "tblCellMar")
    set_attrs(get_or_add_child(margins, "left"), w=left, type="dxa")
    set_attrs(get_or_add_child(margins, "right"), w=right, type="dxa")


# ---------------------------------------------------------------- styles part


def add_tab_stop(ppr: BaseOxmlElement, kind: str, position: int) -> None:
    """A tab stop (w:tabs/w:tab): ``kind`` left | center | right, ``position`` in twips."""
    tabs = ppr_child(ppr, "tabs")
    stop = OxmlElement("w:tab")
    set_attrs(stop, val=kind, pos=position)
    tabs.append(stop)


def set_doc_defaults(styles: BaseOxmlElement, east_asia: str, size_pt: float) -> None:
    """w:docDefaults run properties: the named face instead of the theme's (no theme fonts)."""
    defaults = get_or_add_child(styles, "docDefaults")
    rpr_default = get_or_add_child(defaults, "rPrDefault")
    rpr = get_or_add_child(rpr_default, "rPr")
    set_fonts(rpr, east_asia)
    set_size(rpr, size_pt)
    set_lang(rpr)


_STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
).split()


def link_style(style: BaseOxmlElement, other_id: str) -> None:
    """w:link: a paragraph style and its character twin share their formatting in Word."""
    set_attrs(get_or_add_child(style, "link", _STYLE_ORDER), val=other_id)


def remove_theme_fonts(root: BaseOxmlElement) -> None:
    """Drop every theme-font reference (asciiTheme …) below ``root``: fonts are named explicitly."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def twips_length(twips: int) -> object:
    """A python-docx Length of ``twips`` (for column widths)."""
    from docx.shared import Twips

    return Twips(twips)
