"""Word's list numbering written: w:abstractNum / w:num in numbering.xml and w:numPr on paragraphs.

Each list gets an abstract numbering of its own (two w:num sharing one count on together in Word but
not in LibreOffice, so none is shared). A level prints its number with no tab or space after it
(``w:suff`` nothing: 一、统筹… as typed), in the level's own fonts (the label of a 楷体 run-in
heading is 楷体), and keeps the paragraph style's indents (no w:ind of its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .elements import W_NS, get_ppr, parse_like, ppr_child, qn
from .fragments import escape_text

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement


class LevelDef(NamedTuple):
    """One w:lvl: number format, level text (``%1、``), start value and the label's font."""

    ilvl: int
    fmt: str
    text: str
    start: int
    font: str
    indent: dict[str, str] | None = None  # w:ind attributes (local names) the paragraph style gives


def _level_xml(level: LevelDef) -> str:
    font = escape_text(level.font)
    return (
        f'<w:lvl w:ilvl="{level.ilvl}"><w:start w:val="{level.start}"/>'
        # schema order of w:lvl: start numFmt lvlRestart pStyle isLgl suff lvlText … lvlJc pPr rPr
        f'<w:numFmt w:val="{escape_text(level.fmt)}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{escape_text(level.text)}"/><w:lvlJc w:val="left"/>'
        f"{_indent_xml(level.indent)}"
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"'
        ' w:hint="eastAsia"/></w:rPr></w:lvl>'
    )


def _indent_xml(indent: dict[str, str] | None) -> str:
    """The level's w:pPr/w:ind: the paragraph style's own indents, written again because a list
    level's indents win over the style's (LibreOffice then sets a numbered paragraph flush left)."""
    attrs = " ".join(f'w:{name}="{escape_text(value)}"' for name, value in sorted((indent or {}).items()))
    return f"<w:pPr><w:ind {attrs}/></w:pPr>" if attrs else ""


def add_list(numbering: BaseOxmlElement, num_id: int, abstract_id: int, levels: list[LevelDef]) -> None:
    """Append a list to a numbering part: its w:abstractNum after the existing ones (the schema
    puts every abstractNum before the first w:num), its w:num at the end."""
    nsid = f"{0x57500000 + abstract_id:08X}"  # "WP" + id: unique per list, stable across renders
    abstract = parse_like(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        '<w:multiLevelType w:val="multilevel"/>'
        + "".join(_level_xml(lv) for lv in levels)
        + "</w:abstractNum>",
        numbering,
    )
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    num = parse_like(
        f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>',
        numbering,
    )
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)


def free_ids(numbering: BaseOxmlElement) -> tuple[int, int]:
    """The first unused w:numId and w:abstractNumId of a numbering part (an agency template may
    carry lists of its own, which keep theirs)."""
    nums = [
        int(n.get(qn("w:numId"), "0"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId"), "").isdigit()
    ]
    abstracts = [
        int(a.get(qn("w:abstractNumId"), "0"))
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId"), "").isdigit()
    ]
    return max(nums, default=0) + 1, max(abstracts, default=-1) + 1


def set_num_pr(p: BaseOxmlElement, num_id: int, ilvl: int) -> None:
    """Make paragraph ``p`` a paragraph of list ``num_id`` at level ``ilvl`` (w:pPr/w:numPr)."""
    from lxml import etree

    numpr = ppr_child(get_ppr(p), "numPr")
    for child in list(numpr):
        numpr.remove(child)
    etree.SubElement(numpr, _ILVL).set(_VAL, str(ilvl))  # w:ilvl before w:numId (schema order)
    etree.SubElement(numpr, _NUM_ID).set(_VAL, str(num_id))


_ILVL, _NUM_ID, _VAL = qn("w:ilvl"), qn("w:numId"), qn("w:val")
_PPR, _PSTYLE = qn("w:pPr"), qn("w:pStyle")


def paragraph_style(p: BaseOxmlElement) -> str | None:
    """The w:pStyle of a paragraph, or None."""
    ppr = p.find(_PPR)
    style = None if ppr is None else ppr.find(_PSTYLE)
    return None if style is None else style.get(_VAL)


def style_font(styles: BaseOxmlElement, style_id: str) -> str | None:
    """The East-Asian font a style gives its text: its own w:rFonts, else its base style's."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    seen: set[str] = set()
    while style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
        based = style.find(qn("w:basedOn"))
        if based is None:
            break
        style_id = based.get(qn("w:val"), "")
    return None


def style_indent(styles: BaseOxmlElement, style_id: str) -> dict[str, str]:
    """The w:ind a paragraph style gives (its own attributes first, then its base styles', then
    the document defaults'), as local attribute name → value; ``left``/``right`` 0 when unset."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    chain = []
    seen: set[str] = set()
    while style_id in by_id and style_id not in seen:
        seen.add(style_id)
        chain.append(by_id[style_id].find(f"{qn('w:pPr')}/{qn('w:ind')}"))
        based = by_id[style_id].find(qn("w:basedOn"))
        style_id = "" if based is None else based.get(qn("w:val"), "")
    chain.append(styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:ind')}"))
    found: dict[str, str] = {}
    for ind in chain:
        if ind is None:
            continue
        for key, value in ind.attrib.items():
            name = key.rsplit("}", 1)[-1]
            if name in ("firstLine", "hanging") and ({"firstLine", "hanging"} & found.keys()):
                continue  # one of the two applies, the nearest style's
            found.setdefault(name, value)
    found.setdefault("left", "0")
    found.setdefault("right", "0")
    if "start" in found:
        found.pop("left")
    if "end" in found:
        found.pop("right")
    if not {"firstLine", "hanging"} & found.keys():
        found["firstLine"] = "0"
    return found
