"""The one place that builds and reads raw WordprocessingML (OOXML).

Writers, the template builder and the Word reader call these small functions as ``ox.name``;
none of them concatenates XML or walks w: elements itself, so schema order, escaping and Word's
quirks are handled once, here. One module per area, as in python-docx's ``oxml`` package:

* :mod:`.elements` — namespaces and qualified names (no python-docx import: a render works on plain
  lxml trees), twips, finding/creating children in schema order,
  setting w: attributes, a paragraph's or run's w:pPr/w:rPr;
* :mod:`.properties` — setters for run, paragraph, section/settings/field, table and styles-part
  properties, used by ``writers/docx_template.py`` to build ``templates/notice.docx``;
* :mod:`.fragments` — :class:`RunXml` / :class:`ParagraphXml` XML that docxtpl inserts verbatim
  (``{{r …}}``, ``{{p …}}``) with plan text escaped as data, and the bottom-anchored text box;
* :mod:`.sections` — footer references shared by sections, the turned page number of a
  landscape page;
* :mod:`.tables` — whole tables for ``{{p …}}`` (the 重点任务分工表);
* :mod:`.numbering` — Word's list numbering: w:abstractNum/w:num and a paragraph's w:numPr;
* :mod:`.revisions` — tracked changes (w:ins/w:del) for ``writers/diff_docx.py``;
* :mod:`.comments` — comments (批注) anchored on paragraphs, for the diff writer;
* :mod:`.stamps` — hidden bookmarks naming the node and part each plan paragraph prints, so the
  diff writer pairs paragraphs by identity;
* :mod:`.reading` — a body's blocks and printed text, characters with their run formatting, inline
  edits, style ids and numbering.xml as written, for ``readers/docx.py`` and the diff writer.

Units: Word measures in twips (1/20 pt), font sizes in half-points, borders in eighths of a point.
"""

from .comments import COMMENTS_PART, anchor_comment, comments_part, register_comments
from .elements import (
    NSMAP,
    TWIPS_PER_MM,
    W_NS,
    get_ppr,
    get_rpr,
    mm_to_twips,
    parse_plain,
    ppr_child,
    qn,
    rpr_child,
)
from .fragments import (
    EMU_PER_TWIP,
    ParagraphXml,
    RunXml,
    bottom_textbox,
    escape_text,
    offset_drawing_ids,
    paragraph,
    renumber_drawings,
    run,
    runs,
)
from .numbering import LevelDef, add_list, free_ids, paragraph_style, set_num_pr, style_font, style_indent
from .properties import (
    add_tab_stop,
    append_field,
    link_style,
    remove_theme_fonts,
    set_alignment,
    set_border,
    set_cell_margins,
    set_cell_v_align,
    set_cell_width,
    set_char_spacing,
    set_color,
    set_doc_defaults,
    set_doc_grid,
    set_flag,
    set_fonts,
    set_indent,
    set_kern,
    set_lang,
    set_line_spacing_exact,
    set_outline_level,
    set_settings_flag,
    set_size,
    set_space,
    set_table_borders,
    set_table_layout_fixed,
    set_table_width,
    twips_length,
)
from .reading import (
    Atom,
    LevelXml,
    NumXml,
    atom_runs,
    block_text,
    body_blocks,
    document_body,
    drop_section_break,
    has_nested_table,
    inner_paragraphs,
    insert_row_before,
    is_paragraph,
    is_table,
    num_pr,
    numbering_xml,
    own_text,
    paragraph_text,
    replace_content,
    replace_prefix,
    set_body_blocks,
    style_ids,
    table_rows,
    text_atoms,
    text_box_texts,
)
from .revisions import Revisions, as_deleted_text, serialize_part, text_run, track_revisions_on
from .sections import move_last_section, pin_textbox_to_page, share_header_footer_refs, turned_textbox
from .stamps import apply_stamps, block_stamp, remove_stamps, stamp_token
from .tables import CellSpec, TableXml, grid_table, grids_fit

__all__ = [
    "COMMENTS_PART",
    "EMU_PER_TWIP",
    "NSMAP",
    "TWIPS_PER_MM",
    "W_NS",
    "Atom",
    "CellSpec",
    "LevelDef",
    "LevelXml",
    "NumXml",
    "ParagraphXml",
    "Revisions",
    "RunXml",
    "TableXml",
    "add_list",
    "add_tab_stop",
    "anchor_comment",
    "append_field",
    "apply_stamps",
    "as_deleted_text",
    "atom_runs",
    "block_stamp",
    "block_text",
    "body_blocks",
    "bottom_textbox",
    "comments_part",
    "document_body",
    "drop_section_break",
    "escape_text",
    "free_ids",
    "get_ppr",
    "get_rpr",
    "grid_table",
    "grids_fit",
    "has_nested_table",
    "inner_paragraphs",
    "insert_row_before",
    "is_paragraph",
    "is_table",
    "link_style",
    "mm_to_twips",
    "move_last_section",
    "num_pr",
    "numbering_xml",
    "offset_drawing_ids",
    "own_text",
    "paragraph",
    "paragraph_style",
    "paragraph_text",
    "parse_plain",
    "pin_textbox_to_page",
    "ppr_child",
    "qn",
    "register_comments",
    "remove_stamps",
    "remove_theme_fonts",
    "renumber_drawings",
    "replace_content",
    "replace_prefix",
    "rpr_child",
    "run",
    "runs",
    "serialize_part",
    "set_alignment",
    "set_body_blocks",
    "set_border",
    "set_cell_margins",
    "set_cell_v_align",
    "set_cell_width",
    "set_char_spacing",
    "set_color",
    "set_doc_defaults",
    "set_doc_grid",
    "set_flag",
    "set_fonts",
    "set_indent",
    "set_kern",
    "set_lang",
    "set_line_spacing_exact",
    "set_num_pr",
    "set_outline_level",
    "set_settings_flag",
    "set_size",
    "set_space",
    "set_table_borders",
    "set_table_layout_fixed",
    "set_table_width",
    "share_header_footer_refs",
    "stamp_token",
    "style_font",
    "style_ids",
    "style_indent",
    "table_rows",
    "text_atoms",
    "text_box_texts",
    "text_run",
    "track_revisions_on",
    "turned_textbox",
    "twips_length",
]
