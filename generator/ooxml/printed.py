"""What a paragraph prints, read the way Word shows a clerk's file with every tracked change
accepted (the Word reader).

A .docx that has been through an office is more than runs of text: unaccepted tracked changes
(``w:ins`` and ``w:moveTo`` hold text that is in, ``w:del`` and ``w:moveFrom`` text that is out), content
controls (``w:sdt``, also around whole paragraphs and tables), smart tags and custom XML around
runs, simple fields (``w:fldSimple``) whose result is the text, hidden text (``w:vanish``),
symbols inserted from a font (``w:sym``), ruby annotations, and content controls a clerk never
filled in (their placeholder, 单击或点击此处输入文字。, is not the document's text).
python-docx's ``Paragraph.text`` reads only the runs and hyperlinks that are the paragraph's own
children, so a heading typed with track changes on, or a 成文日期 in a content control, would read
as nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .elements import qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

_P, _TBL, _R, _PPR, _RPR = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:pPr"), qn("w:rPr")
_TR, _TC = qn("w:tr"), qn("w:tc")
_T, _TAB, _PTAB, _BR, _CR, _SYM = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr"), qn("w:sym")
_NB_HYPHEN = qn("w:noBreakHyphen")
_DEL, _MOVE_FROM, _INS, _MOVE_TO = qn("w:del"), qn("w:moveFrom"), qn("w:ins"), qn("w:moveTo")
_VANISH, _SPEC_VANISH = qn("w:vanish"), qn("w:specVanish")
_FLD_CHAR, _TXBX = qn("w:fldChar"), qn("w:txbxContent")
_FLD_SIMPLE, _INSTR_TEXT = qn("w:fldSimple"), qn("w:instrText")
_RUBY_TEXT = qn("w:rt")  # the small annotation over a ruby's base text: not the line's text
_SDT, _SDT_CONTENT, _SDT_PR, _SDT_END_PR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sdtPr"), qn("w:sdtEndPr")
_CUSTOM_XML, _SMART_TAG = qn("w:customXml"), qn("w:smartTag")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MC_ALTERNATE, _MC_CHOICE = f"{_MC}AlternateContent", f"{_MC}Choice"
_W_VAL = qn("w:val")
_OFF = ("0", "false", "off")

# Content left out of what prints: what a tracked change took out, the properties of a paragraph
# (its mark's w:rPr may hold a w:ins/w:del of its own), text boxes (read apart, as boxes), the
# annotation of a ruby.
_NOT_PRINTED = {_DEL, _MOVE_FROM, _PPR, _TXBX, _RUBY_TEXT, _SDT_PR, _SDT_END_PR}

# Symbols inserted from Wingdings (w:sym with a private-use code, U+F000 + the font's byte) that
# plans use: the ★ of a 密级 (秘密★1年), bullets and boxes of a form. Another private-use symbol
# has no Unicode character and is left out.
_WINGDINGS = {0x6C: "●", 0x6E: "■", 0x6F: "□", 0x75: "◆", 0xAB: "★", 0xFC: "✓", 0xFE: "☑"}

TRACKED = (_INS, _DEL, _MOVE_FROM, _MOVE_TO)


# Fields whose result is the page's number or count (a footer's "— 1 —", 第1页 共5页).
PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")


class _Field:
    """Where the reading stands in complex fields: inside a field's code (between begin and
    separate), the code read so far, and whether the result being read is left out."""

    def __init__(self, page_numbers: bool) -> None:
        self.page_numbers = page_numbers
        self.in_code = False
        self.code = ""
        self.dropped = False


def printed_text(p: BaseOxmlElement, *, page_numbers: bool = True) -> str:
    """The paragraph's text as Word prints it with all changes accepted: tabs as \\t, line
    breaks as \\n; text boxes it anchors are not part of it (see ``text_box_texts``).
    ``page_numbers=False`` leaves out what page-number fields print (a header's or footer's
    PAGE, NUMPAGES), which is the page's, not the document's text."""
    out: list[str] = []
    _collect(p, out, _Field(page_numbers))
    return "".join(out)


def _collect(element: BaseOxmlElement, out: list[str], field: _Field) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_PRINTED:
            continue
        if tag == _R:
            if not _hidden(child):
                _run_text(child, out, field)
        elif tag == _MC_ALTERNATE:  # what a reader that knows the markup sees: the first choice
            choice = child.find(_MC_CHOICE)
            if choice is not None:
                _collect(choice, out, field)
        elif tag in (_P, _TBL) or (tag == _SDT and placeholder(child)):
            continue  # a nested block (only inside a text box, read apart); a control not filled in
        elif tag == _FLD_SIMPLE and not field.page_numbers and _page_field(child.get(qn("w:instr"), "")):
            continue
        else:  # w:ins, w:moveTo, w:hyperlink, w:sdt/w:sdtContent, w:smartTag, w:fldSimple, …
            _collect(child, out, field)


def _page_field(code: str) -> bool:
    return code.upper().split()[:1] in ([name] for name in PAGE_FIELDS)


def _run_text(run: BaseOxmlElement, out: list[str], field: _Field) -> None:
    for part in run:
        tag = part.tag
        if tag == _FLD_CHAR:  # a complex field: its code stands between begin and separate
            kind = part.get(qn("w:fldCharType"))
            if kind == "begin":
                field.in_code, field.code, field.dropped = True, "", False
            elif kind == "separate" and field.in_code:
                field.in_code = False
                field.dropped = not field.page_numbers and _page_field(field.code)
            elif kind == "end":
                field.in_code = field.dropped = False
        elif field.in_code:
            if tag == _INSTR_TEXT:
                field.code += part.text or ""
            continue
        elif field.dropped:
            continue
        elif tag == _T:
            out.append(part.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag == _CR or (tag == _BR and part.get(qn("w:type")) in (None, "textWrapping")):
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
        elif tag == _SYM:
            out.append(_symbol(part))
        elif tag == _MC_ALTERNATE:
            choice = part.find(_MC_CHOICE)
            if choice is not None:
                _run_text(choice, out, field)


def _hidden(run: BaseOxmlElement) -> bool:
    """Hidden text (w:vanish): on screen with 显示隐藏文字 only, never printed."""
    rpr = run.find(_RPR)
    if rpr is None:
        return False
    flag = rpr.find(_VANISH)
    if flag is None:
        flag = rpr.find(_SPEC_VANISH)
    return flag is not None and flag.get(_W_VAL, "true") not in _OFF


def _symbol(sym: BaseOxmlElement) -> str:
    try:
        code = int(sym.get(qn("w:char"), ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        font = (sym.get(qn("w:font")) or "").lower()
        return _WINGDINGS.get(code - 0xF000, "") if font == "wingdings" else ""
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else ""


def placeholder(sdt: BaseOxmlElement) -> bool:
    """Does the content control still show its placeholder (单击或点击此处输入文字。), not filled in?"""
    properties = sdt.find(_SDT_PR)
    return properties is not None and properties.find(qn("w:showingPlcHdr")) is not None


def mark_deleted(p: BaseOxmlElement) -> bool:
    """Is the paragraph's mark a tracked deletion? Then, accepted, it is one with the next."""
    ppr = p.find(_PPR)
    rpr = None if ppr is None else ppr.find(_RPR)
    return rpr is not None and (rpr.find(_DEL) is not None or rpr.find(_MOVE_FROM) is not None)


def row_deleted(tr: BaseOxmlElement) -> bool:
    """Is the table row a tracked deletion (w:trPr/w:del)?"""
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and trpr.find(_DEL) is not None


def grid_skipped(tr: BaseOxmlElement) -> tuple[int, int]:
    """The grid columns a table row leaves out before and after its cells (w:gridBefore,
    w:gridAfter), as written; 0 for none or a value that is no number."""
    trpr = tr.find(qn("w:trPr"))
    out = []
    for name in ("w:gridBefore", "w:gridAfter"):
        found = None if trpr is None else trpr.find(qn(name))
        value = "" if found is None else found.get(_W_VAL, "")
        out.append(int(value) if value.isdigit() else 0)
    return out[0], out[1]


def tracked_changes(element: BaseOxmlElement) -> int:
    """How many tracked insertions, deletions and moves ``element`` holds (paragraph marks too)."""
    return sum(1 for _ in element.iter(*TRACKED))


def blocks(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The paragraphs and tables of a body or cell in reading order, also those inside content
    controls and custom XML around blocks (a cover page, a 版头 kept in a w:sdt); a control that
    still shows its placeholder holds none. A w:altChunk — a part in another format (HTML) that
    Word prints in its place, as office systems export documents — stands in the order too."""
    yield from _wrapped(container, (_P, _TBL, ALT_CHUNK))


def _wrapped(container: BaseOxmlElement, tags: tuple[str, ...]) -> Iterator[BaseOxmlElement]:
    """Children of ``container`` with one of ``tags``, looking through content controls, custom
    XML and smart tags (a w:sdt around a table row or cell, too)."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT and not placeholder(child):
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tags)
        elif child.tag in (_CUSTOM_XML, _SMART_TAG):
            yield from _wrapped(child, tags)


def cell_paragraphs(tc: BaseOxmlElement) -> list[BaseOxmlElement]:
    """The paragraphs of a table cell in reading order, those of tables nested in it included."""
    found: list[BaseOxmlElement] = []
    for block in blocks(tc):
        if block.tag == _P:
            found.append(block)
            continue
        for row in _wrapped(block, (_TR,)):
            for cell in _wrapped(row, (_TC,)):
                found.extend(cell_paragraphs(cell))
    return found


_INSTR = qn("w:instrText")
ALT_CHUNK = qn("w:altChunk")


def chunk_id(chunk: BaseOxmlElement) -> str | None:
    """The relationship id of the part a w:altChunk prints."""
    return chunk.get(qn("r:id"))


def contents_paragraphs(body: BaseOxmlElement) -> set[BaseOxmlElement]:
    """The paragraphs a Word 目录 prints: those in the result of a TOC field (Word's 引用 → 目录,
    WPS's too), whose entries are headings again with page numbers after a tab."""
    found: set[BaseOxmlElement] = set()
    fields: list[list[str]] = []  # open fields, innermost last: [code, "result" once separated]
    paragraph = None
    for node in body.iter(_P, _FLD_CHAR, _INSTR):
        if node.tag == _P:
            paragraph = node
        elif node.tag == _INSTR and fields:
            fields[-1][0] += node.text or ""
        elif node.tag == _FLD_CHAR:
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(["", ""])
            elif kind == "separate" and fields:
                fields[-1][1] = "result"
            elif kind == "end" and fields:
                fields.pop()
        if paragraph is not None and any(
            code.upper().split()[:1] == ["TOC"] and result for code, result in fields
        ):
            found.add(paragraph)
    return found
