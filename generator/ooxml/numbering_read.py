"""numbering.xml as a file has it — abstract numberings, w:num overrides, list-style links — and
a paragraph's w:numPr, as written, for the Word reader and the diff writer. Apart from
:mod:`.reading` because a render needs none of it (the records cost a start-up their code
generation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import W_NS

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

_W = f"{{{W_NS}}}"


@dataclass(frozen=True)
class LevelXml:
    """One w:lvl of an abstract numbering, its values as written (checked by the reader)."""

    ilvl: str | None
    fmt: str | None
    text: str | None
    start: str | None
    restart: str | None = None  # w:lvlRestart
    legal: bool = False  # w:isLgl
    style: str | None = None  # w:pStyle
    custom: str | None = None  # w:format of a Word 2010 custom w:numFmt ("001, 002, 003, ...")


@dataclass(frozen=True)
class OverrideXml:
    """One w:lvlOverride of a w:num: a w:startOverride, and/or a whole w:lvl in its place."""

    ilvl: str | None
    start: str | None
    level: LevelXml | None


@dataclass(frozen=True)
class NumXml:
    """One w:num: the abstract numbering it uses and its level overrides."""

    num_id: str
    abstract_id: str
    overrides: list[OverrideXml]


@dataclass(frozen=True)
class NumberingXml:
    """A numbering part as written: abstract numberings by w:abstractNumId, the w:num list, and
    the list-style links (abstract id → w:numStyleLink; style → the abstract id whose w:styleLink
    defines it)."""

    abstract: dict[str, list[LevelXml]]
    nums: list[NumXml]
    style_links: dict[str, str]
    style_definers: dict[str, str]


def _val(node: BaseOxmlElement | None) -> str | None:
    return None if node is None else node.get(f"{_W}val")


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _level_xml(lvl: BaseOxmlElement) -> LevelXml:
    legal = lvl.find(f"{_W}isLgl")
    fmt = lvl.find(f"{_W}numFmt")
    custom = None
    if fmt is None:
        # Word 2010+ writes a custom format (w:numFmt w:val="custom" w:format="001, 002, 003, ...")
        # in mc:AlternateContent, with the nearest standard format as its fallback.
        fmt = lvl.find(f"{_MC}AlternateContent/{_MC}Fallback/{_W}numFmt")
        chosen = lvl.find(f"{_MC}AlternateContent/{_MC}Choice/{_W}numFmt")
        if chosen is not None and _val(chosen) == "custom":
            custom = chosen.get(f"{_W}format")
    return LevelXml(
        lvl.get(f"{_W}ilvl"),
        _val(fmt),
        _val(lvl.find(f"{_W}lvlText")),
        _val(lvl.find(f"{_W}start")),
        _val(lvl.find(f"{_W}lvlRestart")),
        legal is not None and _val(legal) not in ("0", "false", "off"),
        _val(lvl.find(f"{_W}pStyle")),
        custom,
    )


def numbering_xml(numbering: BaseOxmlElement) -> NumberingXml:
    """The abstract numberings, the w:num list and the list-style links of a numbering part."""
    abstract: dict[str, list[LevelXml]] = {}
    style_links: dict[str, str] = {}
    style_definers: dict[str, str] = {}
    for node in numbering.findall(f"{_W}abstractNum"):
        abstract_id = node.get(f"{_W}abstractNumId", "")
        abstract[abstract_id] = [_level_xml(lvl) for lvl in node.findall(f"{_W}lvl")]
        if (link := _val(node.find(f"{_W}numStyleLink"))) is not None:
            style_links[abstract_id] = link
        if (defined := _val(node.find(f"{_W}styleLink"))) is not None:
            style_definers.setdefault(defined, abstract_id)
    nums = [
        NumXml(
            num.get(f"{_W}numId", ""),
            _val(num.find(f"{_W}abstractNumId")) or "",
            [
                OverrideXml(
                    override.get(f"{_W}ilvl"),
                    _val(override.find(f"{_W}startOverride")),
                    None if (lvl := override.find(f"{_W}lvl")) is None else _level_xml(lvl),
                )
                for override in num.findall(f"{_W}lvlOverride")
            ],
        )
        for num in numbering.findall(f"{_W}num")
    ]
    return NumberingXml(abstract, nums, style_links, style_definers)


def num_pr(ppr: BaseOxmlElement | None) -> tuple[str | None, str | None]:
    """(w:numId, w:ilvl) of a paragraph's or style's w:pPr/w:numPr, as written. Read as text:
    python-docx converts them to numbers on access and raises on a value that is none."""
    numpr = None if ppr is None else ppr.find(f"{_W}numPr")
    if numpr is None:
        return None, None
    return _val(numpr.find(f"{_W}numId")), _val(numpr.find(f"{_W}ilvl"))
