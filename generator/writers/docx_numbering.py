"""Headings of the rendered .docx numbered by Word itself (``numbering="word"``, the default), or
with their labels typed into the text (``numbering="text"``, for agencies whose template needs it).

With Word numbering the template prints each heading without its label; after docxtpl has
rendered, each heading paragraph (found by its style, in document order — the view's section and
item paragraphs, one to one) gets the w:numPr of its list from :func:`assign_lists`, and the lists
are added to numbering.xml in the level's fonts of the template.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .. import ooxml as ox
from ..i18n import _
from ..list_numbering import WORD_FORMATS, ListPlan, NumberingMode, assign_lists, check_mode

__all__ = ["LevelLook", "ListPlan", "apply_lists", "check_mode", "level_look", "plan_lists", "typed_label"]
from ..model import MAX_DEPTH
from ..view import DocumentView, Para
from .docx_geometry import FONT_MAP

HEADING_STYLES = {1: "WP Section", 2: "WP Item", 3: "WP Level 3", 4: "WP Level 4", 5: "WP Level 5"}
LABEL_STYLES = {1: "WP Section", 2: "WP Item Heading", 3: "WP Level 3 Heading", 4: "WP Level 4 Heading"}
LABEL_STYLES[5] = "WP Level 5 Heading"
"""The style whose font the label of each level takes: the heading's own (黑体 一、, 楷体 （一）)."""
LABEL_FONTS = {1: FONT_MAP["hei"], 2: FONT_MAP["kai"]}
"""Fallback when the template's styles name no font (the bundled template's font map)."""


def plan_lists(view: DocumentView, mode: NumberingMode) -> ListPlan | None:
    """The Word lists of the view's headings, or None when labels are typed."""
    if mode == "text":
        return None
    return assign_lists(view.plan.outline, view.document.plan.numbering)


def typed_label(para: Para, lists: ListPlan | None) -> str:
    """The label typed into a heading paragraph: all of them as text, else only the ones no Word
    format prints (circled past ⑳)."""
    if lists is None or para.entry is None:
        return para.label
    return para.label if lists.typed(para.entry) else ""


class LevelLook(NamedTuple):
    """What a template's styles give the label of each level: its font and its paragraph's indents."""

    fonts: dict[int, str]
    indents: dict[int, dict[str, str]]


def level_look(styles_xml: bytes, sid: Any) -> LevelLook:
    """The labels' look from a template's styles.xml (read once per template: it is the same for
    every document rendered from it)."""
    styles = ox.parse_plain(styles_xml)
    fonts = {
        level: ox.style_font(styles, sid(LABEL_STYLES[level]))
        or ox.style_font(styles, sid(HEADING_STYLES[level]))
        or LABEL_FONTS.get(level, FONT_MAP["fang"])
        for level in range(1, MAX_DEPTH + 1)
    }
    indents = {level: ox.style_indent(styles, sid(HEADING_STYLES[level])) for level in fonts}
    return LevelLook(fonts, indents)


def apply_lists(document: Any, view: DocumentView, lists: ListPlan, sid: Any, look: LevelLook) -> None:
    """Number the rendered headings of ``document`` (a python-docx Document) by ``lists``."""
    styles = {sid(name) for name in HEADING_STYLES.values()}
    heads = [p for p in ox.body_blocks(document.element.body) if ox.paragraph_style(p) in styles]
    entries = [p.entry for p in view.plan.paragraphs if p.kind in ("section", "item") and p.entry]
    if len(heads) != len(entries):
        raise ValueError(
            _(
                "the template printed {printed} heading paragraphs for {count} headings "
                "(a style of WP Section / WP Item / WP Level N used elsewhere?) — "
                "render with --numbering text"
            ).format(printed=len(heads), count=len(entries))
        )
    numbering = document.part.numbering_part.element
    num_base, abstract_base = ox.free_ids(numbering)
    offset = num_base - 1
    settings = view.document.plan.numbering
    for index, word_list in enumerate(lists.lists):
        levels = []
        for level in range(1, MAX_DEPTH + 1):
            fmt, text = WORD_FORMATS[word_list.schemes.get(level, settings.scheme(level))]
            start = word_list.starts.get(level, 1)
            font, indent = look.fonts[level], look.indents[level]
            levels.append(ox.LevelDef(level - 1, fmt, text.format(n=level), start, font, indent))
        ox.add_list(numbering, word_list.num_id + offset, abstract_base + index, levels)
    for paragraph, entry in zip(heads, entries, strict=True):
        ref = lists.refs.get(entry.path)
        if ref is not None:
            ox.set_num_pr(paragraph, ref.num_id + offset, ref.ilvl)
