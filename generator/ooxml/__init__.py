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
* :mod:`.revisions` — tracked changes (w:ins/w:del, w:pPrChange/w:rPrChange) for ``writers/diff_docx.py``;
* :mod:`.comments` — comments (批注) anchored on paragraphs, for the diff writer;
* :mod:`.stamps` — hidden bookmarks naming the node and part each plan paragraph prints, so the
  diff writer pairs paragraphs by identity;
* :mod:`.printed` — what a paragraph prints with tracked changes accepted, through content
  controls, fields, hidden text and symbols, for ``readers/docx.py``;
* :mod:`.reading` — a body's blocks and printed text, characters with their run formatting, inline
  edits and style ids, for ``readers/docx.py`` and the diff writer;
* :mod:`.numbering_read` — numbering.xml and a paragraph's w:numPr as written, for the same.

Units: Word measures in twips (1/20 pt), font sizes in half-points, borders in eighths of a point.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as type checkers and readers see them; loaded on first use
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
    from .numbering import (
        LevelDef,
        add_list,
        free_ids,
        paragraph_style,
        set_num_pr,
        style_font,
        style_indent,
    )
    from .numbering_read import LevelXml, NumberingXml, NumXml, OverrideXml, num_pr, numbering_xml
    from .printed import (
        ALT_CHUNK,
        blocks,
        cell_paragraphs,
        chunk_id,
        contents_paragraphs,
        grid_skipped,
        mark_deleted,
        printed_text,
        row_deleted,
        tracked_changes,
    )
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
        own_text,
        paragraph_text,
        replace_content,
        replace_prefix,
        run_look,
        set_body_blocks,
        style_ids,
        table_rows,
        text_atoms,
        text_box_texts,
    )
    from .revisions import (
        Revisions,
        as_deleted_text,
        same_properties,
        serialize_part,
        text_run,
        track_revisions_on,
    )
    from .sections import move_last_section, pin_textbox_to_page, share_header_footer_refs, turned_textbox
    from .stamps import apply_stamps, block_stamp, remove_stamps, stamp_token
    from .stories import SectionStories, note_references, notes, parse_part, section_stories, story_lines
    from .tables import CellSpec, TableXml, grid_table, grids_fit

# Each name's module: a render needs a few of these modules, the diff and the importers others,
# and importing all of them costs a render more than writing its package does.
_HOME = {
    "COMMENTS_PART": "comments",
    "anchor_comment": "comments",
    "comments_part": "comments",
    "register_comments": "comments",
    "NSMAP": "elements",
    "TWIPS_PER_MM": "elements",
    "W_NS": "elements",
    "get_ppr": "elements",
    "get_rpr": "elements",
    "mm_to_twips": "elements",
    "parse_plain": "elements",
    "ppr_child": "elements",
    "qn": "elements",
    "rpr_child": "elements",
    "EMU_PER_TWIP": "fragments",
    "ParagraphXml": "fragments",
    "RunXml": "fragments",
    "bottom_textbox": "fragments",
    "escape_text": "fragments",
    "offset_drawing_ids": "fragments",
    "paragraph": "fragments",
    "renumber_drawings": "fragments",
    "run": "fragments",
    "runs": "fragments",
    "LevelDef": "numbering",
    "add_list": "numbering",
    "free_ids": "numbering",
    "paragraph_style": "numbering",
    "set_num_pr": "numbering",
    "style_font": "numbering",
    "style_indent": "numbering",
    "ALT_CHUNK": "printed",
    "blocks": "printed",
    "cell_paragraphs": "printed",
    "chunk_id": "printed",
    "contents_paragraphs": "printed",
    "grid_skipped": "printed",
    "mark_deleted": "printed",
    "printed_text": "printed",
    "row_deleted": "printed",
    "tracked_changes": "printed",
    "add_tab_stop": "properties",
    "append_field": "properties",
    "link_style": "properties",
    "remove_theme_fonts": "properties",
    "set_alignment": "properties",
    "set_border": "properties",
    "set_cell_margins": "properties",
    "set_cell_v_align": "properties",
    "set_cell_width": "properties",
    "set_char_spacing": "properties",
    "set_color": "properties",
    "set_doc_defaults": "properties",
    "set_doc_grid": "properties",
    "set_flag": "properties",
    "set_fonts": "properties",
    "set_indent": "properties",
    "set_kern": "properties",
    "set_lang": "properties",
    "set_line_spacing_exact": "properties",
    "set_outline_level": "properties",
    "set_settings_flag": "properties",
    "set_size": "properties",
    "set_space": "properties",
    "set_table_borders": "properties",
    "set_table_layout_fixed": "properties",
    "set_table_width": "properties",
    "twips_length": "properties",
    "Atom": "reading",
    "LevelXml": "numbering_read",
    "NumberingXml": "numbering_read",
    "NumXml": "numbering_read",
    "OverrideXml": "numbering_read",
    "atom_runs": "reading",
    "block_text": "reading",
    "body_blocks": "reading",
    "document_body": "reading",
    "drop_section_break": "reading",
    "has_nested_table": "reading",
    "inner_paragraphs": "reading",
    "insert_row_before": "reading",
    "is_paragraph": "reading",
    "is_table": "reading",
    "num_pr": "numbering_read",
    "numbering_xml": "numbering_read",
    "own_text": "reading",
    "paragraph_text": "reading",
    "replace_content": "reading",
    "replace_prefix": "reading",
    "run_look": "reading",
    "set_body_blocks": "reading",
    "style_ids": "reading",
    "table_rows": "reading",
    "text_atoms": "reading",
    "text_box_texts": "reading",
    "Revisions": "revisions",
    "as_deleted_text": "revisions",
    "same_properties": "revisions",
    "serialize_part": "revisions",
    "text_run": "revisions",
    "track_revisions_on": "revisions",
    "move_last_section": "sections",
    "pin_textbox_to_page": "sections",
    "share_header_footer_refs": "sections",
    "turned_textbox": "sections",
    "apply_stamps": "stamps",
    "block_stamp": "stamps",
    "remove_stamps": "stamps",
    "stamp_token": "stamps",
    "SectionStories": "stories",
    "note_references": "stories",
    "notes": "stories",
    "parse_part": "stories",
    "section_stories": "stories",
    "story_lines": "stories",
    "CellSpec": "tables",
    "TableXml": "tables",
    "grid_table": "tables",
    "grids_fit": "tables",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    elif not name.startswith("_"):  # a module itself: ``ox.stamps.PREFIX``
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise  # the module exists and imports something missing
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


__all__ = [
    "ALT_CHUNK",
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
    "NumberingXml",
    "OverrideXml",
    "ParagraphXml",
    "Revisions",
    "RunXml",
    "SectionStories",
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
    "blocks",
    "body_blocks",
    "bottom_textbox",
    "cell_paragraphs",
    "chunk_id",
    "comments_part",
    "contents_paragraphs",
    "document_body",
    "drop_section_break",
    "escape_text",
    "free_ids",
    "get_ppr",
    "get_rpr",
    "grid_skipped",
    "grid_table",
    "grids_fit",
    "has_nested_table",
    "inner_paragraphs",
    "insert_row_before",
    "is_paragraph",
    "is_table",
    "link_style",
    "mark_deleted",
    "mm_to_twips",
    "move_last_section",
    "note_references",
    "notes",
    "num_pr",
    "numbering_xml",
    "offset_drawing_ids",
    "own_text",
    "paragraph",
    "paragraph_style",
    "paragraph_text",
    "parse_part",
    "parse_plain",
    "pin_textbox_to_page",
    "ppr_child",
    "printed_text",
    "qn",
    "register_comments",
    "remove_stamps",
    "remove_theme_fonts",
    "renumber_drawings",
    "replace_content",
    "replace_prefix",
    "row_deleted",
    "rpr_child",
    "run",
    "run_look",
    "runs",
    "same_properties",
    "section_stories",
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
    "story_lines",
    "style_font",
    "style_ids",
    "style_indent",
    "table_rows",
    "text_atoms",
    "text_box_texts",
    "text_run",
    "track_revisions_on",
    "tracked_changes",
    "turned_textbox",
    "twips_length",
]
