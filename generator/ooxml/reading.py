"""Reading and editing an existing body: blocks, printed text, characters with their run
formatting, style ids and numbering.xml as written (the Word reader and the diff writer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import W_NS, parse_plain, qn
from .revisions import text_run

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# ---------------------------------------------------------------- reading and editing a body

_P, _TBL, _R, _PPR, _RPR = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:pPr"), qn("w:rPr")
_T, _TAB, _BR, _SECT = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sectPr")
_SKIPPED_IN_RUN = {_RPR, qn("w:lastRenderedPageBreak")}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

Atom = tuple[str, "BaseOxmlElement | None"]
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


def has_nested_table(tbl: BaseOxmlElement) -> bool:
    """Whether a cell of ``tbl`` holds a table of its own."""
    return any(el is not tbl for el in tbl.iter(_TBL))


def insert_row_before(row: BaseOxmlElement | None, new_row: BaseOxmlElement, tbl: BaseOxmlElement) -> None:
    """Put ``new_row`` before ``row`` of ``tbl``, or after its last row when ``row`` is None."""
    if row is not None:
        row.addprevious(new_row)
    else:
        table_rows(tbl)[-1].addnext(new_row)


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
    found: dict[str, str] = {}
    for style in parse_plain(styles_xml).iter(qn("w:style")):
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
