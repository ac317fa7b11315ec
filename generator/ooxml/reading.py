"""Reading and editing an existing body: blocks, printed text, characters with their run
formatting and style ids (the Word reader and the diff writer; numbering.xml as written is
:mod:`.numbering_read`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .elements import parse_plain, qn
from .printed import printed_text
from .revisions import text_run

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# ---------------------------------------------------------------- reading and editing a body

_P, _TBL, _R, _PPR, _RPR = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:pPr"), qn("w:rPr")
_T, _TAB, _BR, _SECT = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sectPr")
_SKIPPED_IN_RUN = {_RPR, qn("w:lastRenderedPageBreak")}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
_NOT_A_BOX = {_MC_FALLBACK, qn("w:del"), qn("w:moveFrom")}  # a copy, or a box deleted with its run

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


def text_box_texts(p: BaseOxmlElement, *, page_numbers: bool = True) -> list[str]:
    """Text of each text box anchored in ``p``, its paragraphs by \\n, as printed with tracked
    changes accepted (a box in a deleted run is gone), and of each VML WordArt; the VML fallback
    copy that mc:AlternateContent carries of the same box is skipped."""
    out: list[str] = []
    for box in p.iter(qn("w:txbxContent"), _TEXTPATH):
        if any(a.tag in _NOT_A_BOX for a in box.iterancestors()):
            continue
        if box.tag == _TEXTPATH:  # WordArt (艺术字) of VML, as old 红头 templates set the 发文机关标志
            out.append(box.get("string") or "")
        else:
            out.append("\n".join(printed_text(q, page_numbers=page_numbers) for q in box.iter(_P)))
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


# Run properties that change no glyph a reader sees (spell-check language, kerning, revision ids).
_UNSEEN_RPR = {qn("w:lang"), qn("w:kern"), qn("w:noProof"), qn("w:rPrChange"), qn("w:webHidden")}


def run_look(
    p: BaseOxmlElement, *, last: bool = False
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The direct character formatting (font, size, bold, colour … as written in w:rPr) of the
    paragraph's first run that prints text, or its last (``last``); () for a paragraph without
    text. Two paragraphs that look alike in the same style have equal looks."""
    texted = [
        r
        for r in p.iter(_R)
        if next(r.iterancestors(_P)) is p and any((t.text or "").strip() for t in r.iter(_T))
    ]
    if not texted:
        return ()
    rpr = texted[-1 if last else 0].find(_RPR)
    if rpr is None:
        return ()
    return tuple(
        (child.tag, tuple(sorted((k, v) for k, v in child.attrib.items() if k != _HINT)))
        for child in rpr
        if child.tag not in _UNSEEN_RPR
    )


_HINT = qn("w:hint")  # w:rFonts' w:hint: which font slot Word used for ambiguous characters
