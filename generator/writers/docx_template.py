"""Build ``templates/notice.docx`` — the GB/T 9704-2012 Word template — from code.

The template is committed; this module makes it reproducible: ``python -m
generator.writers.docx_template`` rewrites it. The standard's numbers are in
:mod:`.docx_geometry`, the style sheet (font map, one named style per element) in
:mod:`.docx_styles` — both re-exported here, so ``tpl.ZI`` and ``tpl.STYLES`` keep working. This
module holds the template program:

* the page: A4, margins 37/35/28/26 mm (版心 156 × 225 mm), a "lines" grid of 579 twips, odd/even
  footers with ``— PAGE —`` (§7.5);
* docxtpl tags over the context built by :mod:`generator.writers.docx`;
* the 重点任务分工表's place: a landscape section (turned margins, its own footers with the page
  number turned to where the portrait pages print theirs) between two section breaks that the
  tags keep only for a wide table, then a portrait section for the 版记.

All raw WordprocessingML comes from :mod:`generator.ooxml`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import NamedTuple

from .. import ooxml as ox
from ..resources import NOTICE_TEMPLATE, notice_template
from .docx_geometry import (  # noqa: F401 (re-exported as tpl.NAME)
    BODY_PT,
    CHAR_SPACING,
    FOOTER_DISTANCE,
    IMPRINT_THICK,
    IMPRINT_THIN,
    JOINT_SUFFIX_WIDTH,
    LANDSCAPE_MARGINS,
    LANDSCAPE_TEXT_WIDTH,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    RED,
    RULE_EIGHTHS,
    SMALL_ZI,
    TASK_LINE,
    TASK_PT,
    TEXT_WIDTH,
    TURNED_NUMBER_BOX,
    TURNED_NUMBER_SHIFT,
    TURNED_NUMBER_X,
    ZI,
)
from .docx_styles import FONT_MAP, REQUIRED_STYLES, STYLES, StyleSpec, _unindented  # noqa: F401

TEMPLATE_NAME = NOTICE_TEMPLATE
_FIXED_TIME = dt.datetime(2012, 7, 1, tzinfo=dt.UTC)

# ---------------------------------------------------------------- the body, as tagged paragraphs


class P(NamedTuple):
    """A template paragraph: style name and text (docxtpl tags allowed)."""

    style: str
    text: str = ""
    keep_next: bool = False  # a blank line inside a keep chain


def _tag(text: str) -> P:
    """A docxtpl ``{%p …%}`` paragraph; docxtpl removes it when rendering."""
    return P("Normal", text)


BODY_BEFORE_ISSUER: list[P] = [
    # 份号/密级/紧急程度 print even without a 发文机关标志: nothing given is dropped silently.
    _tag("{%p if has_header or has_header_fields %}"),
    P("WP Header Field", "{{r header_lines[0] }}"),
    P("WP Header Field", "{{r header_lines[1] }}"),
    P("WP Header Field", "{{r header_lines[2] }}"),
    _tag("{%p endif %}"),
    _tag("{%p if has_header %}"),
    _tag("{%p if not joint %}"),
    P("WP Issuer Mark", "{{p issuer_mark }}"),
    _tag("{%p else %}"),
]
# (the joint-issuers table goes here)
BODY_AFTER_ISSUER: list[P] = [
    _tag("{%p endif %}"),
    P("WP Blank"),
    P("WP Blank"),
    _tag("{%p endif %}"),
    _tag("{%p if has_notice %}"),
    _tag("{%p for line in signer_lines %}"),
    P("WP Signers", "{{r line }}"),
    _tag("{%p endfor %}"),
    _tag("{%p if upward %}"),
    P("WP Doc Number Upward", "\t{{ doc_number }}\t{{r signer_last }}"),
    _tag("{%p elif doc_number or has_header %}"),
    # the red rule is this paragraph's bottom border: a 版头 without 文号 keeps it, on an empty line
    P("WP Doc Number", "{{ doc_number }}"),
    _tag("{%p endif %}"),
    _tag("{%p if has_header or doc_number %}"),
    P("WP Blank"),
    P("WP Blank"),
    _tag("{%p endif %}"),
    _tag("{%p for line in title_lines %}"),
    P("WP Title", "{{ line }}"),
    _tag("{%p endfor %}"),
    _tag("{%p if doc_number_under_title %}"),  # a notice without 版头 that prints it there
    P("WP Doc Number Under Title", "{{ doc_number_under_title }}"),
    _tag("{%p endif %}"),
    P("WP Blank"),
    _tag("{%p if recipients %}"),
    P("WP Recipients", "{{ recipients }}"),
    _tag("{%p endif %}"),
    _tag("{%p for paragraph in body %}"),
    _tag("{%p if loop.last and closing %}"),
    P("WP Body Last", "{{ paragraph }}"),
    _tag("{%p else %}"),
    P("WP Body", "{{ paragraph }}"),
    _tag("{%p endif %}"),
    _tag("{%p endfor %}"),
    _tag("{%p for a in attachments %}"),
    _tag("{%p if a.blank %}"),
    P("WP Blank", keep_next=True),  # the chain 正文 → 附件说明 → 署名 → 成文日期 (§7.3.5)
    _tag("{%p elif a.kind == 'single' %}"),
    P("WP Attachment", "{{ a.text }}"),
    _tag("{%p elif a.kind == 'first' %}"),
    P("WP Attachment First", "{{ a.text }}"),
    _tag("{%p else %}"),
    P("WP Attachment Next", "{{ a.text }}"),
    _tag("{%p endif %}"),
    _tag("{%p endfor %}"),
    _tag("{%p for c in closing %}"),
    P("WP Signatory", "{{p c }}"),
    _tag("{%p endfor %}"),
    _tag("{%p if note %}"),
    P("WP Note", "{{ note }}"),
    _tag("{%p endif %}"),
    _tag("{%p endif %}"),
    # 附件: the plan on a new page (§7.3.7); none for a notice whose numbered text is its own
    _tag("{%p if not in_notice %}"),
    _tag("{%p if annex_label %}"),
    P("WP Annex Label", "{{ annex_label }}"),
    P("WP Blank"),
    _tag("{%p else %}"),
    P("WP Annex Label"),
    P("WP Blank"),
    _tag("{%p endif %}"),
    _tag("{%p for line in plan_title_lines %}"),
    P("WP Annex Title", "{{ line }}"),
    _tag("{%p endfor %}"),
    P("WP Blank"),
    _tag("{%p endif %}"),
    _tag("{%p for p in paragraphs %}"),
    _tag("{%p if p.kind == 'section' %}"),
    P("WP Section", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'item2' %}"),
    P("WP Item", "{{r p.head }}{{ p.text }}"),
    _tag("{%p elif p.kind == 'item3' %}"),
    P("WP Level 3", "{{r p.head }}{{ p.text }}"),
    _tag("{%p elif p.kind == 'item4' %}"),
    P("WP Level 4", "{{r p.head }}{{ p.text }}"),
    _tag("{%p elif p.kind == 'item5' %}"),
    P("WP Level 5", "{{r p.head }}{{ p.text }}"),
    _tag("{%p elif p.kind == 'preamble' %}"),
    P("WP Preamble", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'tasks' %}"),
    P("WP Tasks", "{{ p.text }}"),
    # a notice's own numbered 正文 is followed by its 附件说明, 署名 and 附注 here
    _tag("{%p elif p.kind == 'attachment' %}"),
    P("WP Attachment", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'attachment_first' %}"),
    P("WP Attachment First", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'attachment_next' %}"),
    P("WP Attachment Next", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'signature' %}"),
    P("WP Signatory", "{{p p.xml }}"),
    _tag("{%p elif p.kind == 'note' %}"),
    P("WP Note", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'blank' %}"),
    P("WP Blank"),
    # a further 附件 (appendix) on a new page: its label, title, paragraphs and tables
    _tag("{%p elif p.kind == 'appendix_label' %}"),
    P("WP Annex Label", "{{ p.text }}"),
    P("WP Blank"),
    _tag("{%p elif p.kind == 'appendix_title' %}"),
    P("WP Annex Title", "{{ p.text }}"),
    P("WP Blank"),
    _tag("{%p elif p.kind == 'table_title' %}"),
    P("WP Table Title", "{{ p.text }}"),
    _tag("{%p elif p.kind == 'table' %}"),
]
# (the plan-table goes here)
BODY_AFTER_TABLE: list[P] = [
    _tag("{%p else %}"),
    P("WP Body", "{{ p.text }}"),
    _tag("{%p endif %}"),
    _tag("{%p endfor %}"),
    _tag("{%p if task_table %}"),
    _tag("{%p if task_table.landscape %}"),
]
# (the section break ending the portrait pages goes here)
TASK_TABLE: list[P] = [
    _tag("{%p endif %}"),
    # 附件 label and title as for the plan (§7.3.7); the table under them
    P("WP Annex Label", "{{ task_table.label }}"),
    P("WP Blank"),
    _tag("{%p for line in task_table.title_lines %}"),
    P("WP Annex Title", "{{ line }}"),
    _tag("{%p endfor %}"),
    P("WP Blank"),
    P("WP Table Text", "{{p task_table.table }}"),
    _tag("{%p if task_table.landscape %}"),
]
# (the section break ending the landscape pages goes here)
AFTER_TASK_TABLE: list[P] = [
    _tag("{%p endif %}"),
    _tag("{%p endif %}"),
]

# ---------------------------------------------------------------- building


def _apply_style(document: object, spec: StyleSpec) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles  # type: ignore[attr-defined]
    kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
    style = styles.add_style(spec.name, kind)
    if spec.base:
        style.base_style = styles[spec.base]
    style.quick_style = True
    element = style.element
    rpr = ox.get_rpr(element)
    if spec.font:
        ox.set_fonts(rpr, FONT_MAP[spec.font])
    if spec.size:
        ox.set_size(rpr, spec.size)
    if spec.color:
        ox.set_color(rpr, spec.color)
    if spec.font and spec.name.endswith(" Char"):
        # Word keeps linked twins in step: changing the font of one changes the other
        twin = spec.name.removesuffix(" Char")
        ox.link_style(element, twin.replace(" ", ""))
        ox.link_style(styles[twin].element, spec.name.replace(" ", ""))
    if spec.kind == "character":
        return
    ppr = ox.get_ppr(element)
    if spec.jc:
        ox.set_alignment(ppr, spec.jc)
    if any(v is not None for v in (spec.first_line, spec.hanging, spec.left, spec.right)):
        ox.set_indent(ppr, left=spec.left, right=spec.right, first_line=spec.first_line, hanging=spec.hanging)
    if spec.line:
        ox.set_line_spacing_exact(ppr, spec.line)
    if spec.before is not None:
        ox.set_space(ppr, before=spec.before)
    if spec.snap is not None:
        ox.set_flag(ppr, "snapToGrid", spec.snap)
    if spec.keep_next:
        ox.set_flag(ppr, "keepNext", True)
    if spec.widow_control is not None:
        ox.set_flag(ppr, "widowControl", spec.widow_control)
    if spec.page_break_before:
        ox.set_flag(ppr, "pageBreakBefore", True)
    if spec.outline is not None:
        ox.set_outline_level(ppr, spec.outline)
    for side, (eighths, color, space) in spec.borders.items():
        ox.set_border(ppr, side, eighths=eighths, color=color, space_pt=space)
    for kind, pos in spec.tabs:
        ox.add_tab_stop(ppr, kind, pos)


def _setup_normal(document: object) -> None:
    """Normal = 3号仿宋, exact 28.95 pt lines, −0.25 pt 字距, widow control off (§1c: with widow
    control on, LibreOffice leaves many pages at 21 lines), justified, 2字 first-line indent."""
    styles_el = document.styles.element  # type: ignore[attr-defined]
    ox.set_doc_defaults(styles_el, FONT_MAP["fang"], BODY_PT)
    normal = document.styles["Normal"].element  # type: ignore[attr-defined]
    rpr = ox.get_rpr(normal)
    ox.set_fonts(rpr, FONT_MAP["fang"])
    ox.set_size(rpr, BODY_PT)
    ox.set_char_spacing(rpr, CHAR_SPACING)
    ox.set_kern(rpr, 0)
    ox.set_lang(rpr)
    ppr = ox.get_ppr(normal)
    ox.set_flag(ppr, "widowControl", False)
    ox.set_space(ppr, before=0, after=0)
    ox.set_line_spacing_exact(ppr, LINE_PITCH)
    ox.set_indent(ppr, first_line=2 * ZI)
    ox.set_alignment(ppr, "both")
    # LibreOffice reads w:overflowPunct inverted (DomainMapper: hanging = value == 0). With it off
    # (0), a line-end ，。 hangs past the 版心 — and in justified lines it is lost from the PDF
    # (measured: 3–7 marks per plan). "1" is Word's own default, and stops the hanging in LibreOffice.
    ox.set_flag(ppr, "overflowPunct", True)
    ox.remove_theme_fonts(styles_el)


def _setup_section(document: object) -> None:
    from docx.shared import Twips

    section = document.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance = Twips(ox.mm_to_twips(15))
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    ox.set_doc_grid(section._sectPr, LINE_PITCH)
    ox.set_settings_flag(document.settings.element, "evenAndOddHeaders")  # type: ignore[attr-defined]
    for footer, style in (
        (section.footer, "WP Page Number Odd"),
        (section.even_page_footer, "WP Page Number Even"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[style]  # type: ignore[attr-defined]
        paragraph.add_run("— ")
        ox.append_field(paragraph._p, "PAGE")
        paragraph.add_run(" —")


def _add_paragraph(document: object, spec: P) -> None:
    paragraph = document.add_paragraph(spec.text, style=spec.style)  # type: ignore[attr-defined]
    if spec.keep_next:
        paragraph.paragraph_format.keep_with_next = True


def _add_joint_issuers(document: object) -> None:
    """Joint issuers stacked, the suffix (文件) vertically centred at their right (§7.2.4)."""
    suffix_width = JOINT_SUFFIX_WIDTH
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    tbl = table._tbl
    ox.set_table_borders(tbl)
    ox.set_table_width(tbl, TEXT_WIDTH)
    ox.set_table_layout_fixed(tbl)
    ox.set_cell_margins(tbl)
    names, suffix = table.rows[0].cells
    ox.set_cell_width(names._tc, TEXT_WIDTH - suffix_width)
    ox.set_cell_width(suffix._tc, suffix_width)
    for col, width in zip(tbl.tblGrid.gridCol_lst, (TEXT_WIDTH - suffix_width, suffix_width), strict=True):
        col.w = ox.twips_length(width)
    names.paragraphs[0].text = "{%p for name in issuers %}"
    names.add_paragraph("{{p name }}", style="WP Issuer Joint")
    names.add_paragraph("{%p endfor %}")
    suffix.paragraphs[0].text = "{{r issuer_suffix }}"
    suffix.paragraphs[0].style = document.styles["WP Issuer Suffix"]  # type: ignore[attr-defined]
    ox.set_cell_v_align(suffix._tc, "center")


IMPRINT: list[P] = [
    P("WP Imprint Rule Thick"),
    _tag("{%p if cc %}"),
    P("WP CC", "{{ cc }}"),
    _tag("{%p if printer or print_date %}"),  # a draft's 版记 of 抄送 alone has no thin rule
    P("WP Imprint Rule Thin"),
    _tag("{%p endif %}"),
    _tag("{%p endif %}"),
    _tag("{%p if printer or print_date or not cc %}"),
    P("WP Printer", "{{ printer }}\t{{ print_date }}"),
    _tag("{%p endif %}"),
    P("WP Imprint Rule Thick"),
]


def _add_imprint(document: object) -> None:
    """版记 (§7.4) in a text box anchored to the bottom of the 版心 of the last page, so its last
    rule lies on the 版心's bottom edge whatever the length of the text above."""
    _add_paragraph(document, _tag("{%p if has_imprint %}"))
    _add_paragraph(document, P("WP Imprint Anchor", "{{p imprint_spacer }}"))
    anchor = document.add_paragraph(style="WP Imprint Anchor")  # type: ignore[attr-defined]
    inner = []
    for spec in IMPRINT:
        paragraph = document.add_paragraph(spec.text, style=spec.style)  # type: ignore[attr-defined]
        inner.append(paragraph._p)
    for element in inner:
        element.getparent().remove(element)
    ox.bottom_textbox(anchor._p, inner, TEXT_WIDTH, "版记")
    _add_paragraph(document, _tag("{%p endif %}"))


def _add_plan_table(document: object) -> None:
    """A 附表 of the plan: rows and cells looped by docxtpl (``{%tr %}``/``{%tc %}``)."""
    table = document.add_table(rows=3, cols=3)  # type: ignore[attr-defined]
    tbl = table._tbl
    ox.set_table_borders(tbl, eighths=4)
    ox.set_table_width(tbl, TEXT_WIDTH)
    for col in tbl.tblGrid.gridCol_lst:
        col.w = ox.twips_length(TEXT_WIDTH // 3)
    rows = table.rows
    rows[0].cells[0].text = "{%tr for row in p.rows %}"
    rows[1].cells[0].text = "{%tc for cell in row %}"
    rows[1].cells[1].text = "{{ cell }}"
    rows[1].cells[1].paragraphs[0].style = document.styles["WP Table Text"]  # type: ignore[attr-defined]
    rows[1].cells[2].text = "{%tc endfor %}"
    rows[2].cells[0].text = "{%tr endfor %}"


def _add_section_break(document: object) -> object:
    """End the current section in a paragraph of its own (python-docx moves the body's w:sectPr
    into it) and return the new, following section."""
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    body = document.element.body  # type: ignore[attr-defined]
    carrier = body.findall(ox.qn("w:p"))[-1]
    carrier.style = "WPSectionBreak"
    return section


def _landscape_footers(document: object, section: object) -> None:
    """Footers of the landscape section: no text at the landscape foot, the page number turned
    in the margin where the portrait pages print theirs (spec §8: same place on the sheet)."""
    for footer, style, shape in (
        (section.footer, "WP Page Number Odd", 910),  # type: ignore[attr-defined]
        (section.even_page_footer, "WP Page Number Even", 911),  # type: ignore[attr-defined]
    ):
        footer.is_linked_to_previous = False
        anchor = footer.paragraphs[0]
        anchor.style = document.styles["WP Section Break"]  # type: ignore[attr-defined]
        number = footer.add_paragraph(style=document.styles[style])  # type: ignore[attr-defined]
        number.add_run("— ")
        ox.append_field(number._p, "PAGE")
        number.add_run(" —")
        number._p.getparent().remove(number._p)
        ox.turned_textbox(
            anchor._p,
            [number._p],
            left=TURNED_NUMBER_X - TURNED_NUMBER_BOX // 2 + TURNED_NUMBER_SHIFT,
            top=MARGIN_LEFT,
            width=TURNED_NUMBER_BOX,
            height=TEXT_WIDTH,
            name="页码",
            shape_id=shape,
        )


def _add_landscape_table_section(document: object) -> None:
    """The 重点任务分工表: a landscape section between two breaks when it is wide; the portrait
    section after it (版记) gets the portrait footers back."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Twips

    landscape = _add_section_break(document)
    first = document.sections[0]  # type: ignore[attr-defined]  # now the notice + plan section
    for spec in TASK_TABLE:
        _add_paragraph(document, spec)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Twips(PAGE_H), Twips(PAGE_W)
    landscape.top_margin, landscape.bottom_margin = (
        Twips(LANDSCAPE_MARGINS["top"]),
        Twips(LANDSCAPE_MARGINS["bottom"]),
    )
    landscape.left_margin = Twips(LANDSCAPE_MARGINS["left"])
    landscape.right_margin = Twips(LANDSCAPE_MARGINS["right"])
    landscape.footer_distance = Twips(ox.mm_to_twips(10))
    _landscape_footers(document, landscape)
    last = _add_section_break(document)
    for spec in AFTER_TASK_TABLE:
        _add_paragraph(document, spec)
    last.orientation = WD_ORIENT.PORTRAIT
    last.page_width, last.page_height = Twips(PAGE_W), Twips(PAGE_H)
    last.top_margin, last.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    last.left_margin, last.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    last.footer_distance = Twips(FOOTER_DISTANCE)
    ox.share_header_footer_refs(first._sectPr, last._sectPr)


def build_template() -> bytes:
    """The bytes of ``templates/notice.docx``."""
    import docx

    document = docx.Document()
    _setup_normal(document)
    for spec in STYLES:
        _apply_style(document, spec)
    _setup_section(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(ox.qn("w:p"))):
        body.remove(paragraph)
    for spec in BODY_BEFORE_ISSUER:
        _add_paragraph(document, spec)
    _add_joint_issuers(document)
    for spec in BODY_AFTER_ISSUER:
        _add_paragraph(document, spec)
    _add_plan_table(document)
    for spec in BODY_AFTER_TABLE:
        _add_paragraph(document, spec)
    _add_landscape_table_section(document)
    _add_imprint(document)
    _prune_styles(document)
    _word_and_wps_settings(document)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010 duplicate of styles.xml, 430 kB
            del document.part.rels[rel_id]
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # python-docx's default preview picture
            del package.rels[rel_id]
    core = document.core_properties
    core.created = core.modified = core.last_printed = _FIXED_TIME
    core.revision = 1
    core.last_modified_by = "workplan"
    core.title, core.author, core.comments = (
        "GB/T 9704-2012 通知 + 工作要点",
        "workplan",
        "generated by workplan",
    )
    out = io.BytesIO()
    document.save(out)
    return _normalise_zip(out.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Fixed member dates, so rebuilding the template changes no byte unless its content does."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2012, 7, 1, 0, 0, 0))  # GB/T 9704-2012 in force
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


_KEEP_BUILTIN = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Header",
    "Footer",
}


def _prune_styles(document: object) -> None:
    """Drop python-docx's ~160 unused built-in styles: a 350 kB styles.xml is parsed and
    compressed again for every rendered document."""
    keep = _KEEP_BUILTIN | {spec.name for spec in STYLES}
    for style in list(document.styles):  # type: ignore[attr-defined]
        if style.name not in keep and style.name.lower() not in {k.lower() for k in keep}:
            style.delete()


def _word_and_wps_settings(document: object) -> None:
    """What another machine's Word or WPS reads first: no Compatibility Mode, zh-CN theme language,
    no style links left dangling by the pruning, and a fontTable entry (with its alt name and GB2312
    charset) for every face the file names — see ooxml/parts.py for why."""
    from ..ooxml import parts

    styles = document.styles.element  # type: ignore[attr-defined]
    settings = document.settings.element  # type: ignore[attr-defined]
    parts.drop_dangling_style_links(styles)
    parts.set_styles_language(styles)
    parts.set_compatibility_mode(settings, 15)
    parts.set_theme_font_lang(settings)
    section = document.sections[0]  # type: ignore[attr-defined]
    roots = [styles, document.element.body]  # type: ignore[attr-defined]
    roots += [footer._element for footer in (section.footer, section.even_page_footer)]
    names = parts.named_fonts(*roots)
    for part in document.part.package.iter_parts():  # type: ignore[attr-defined]
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = parts.font_table_xml(names)


def template_path() -> Path:
    return notice_template()


def main() -> None:
    from ..output import write_atomic

    target = write_atomic(Path(__file__).resolve().parents[2] / "templates" / TEMPLATE_NAME, build_template())
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
