"""Word (.docx) → lines: paragraphs with Word's automatic numbers resolved, tables in place.

A .docx is a zip of XML; a hostile one can claim gigabytes once inflated, so member sizes are
checked before python-docx parses anything (its lxml parser does not resolve entities).
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import ooxml as ox
from ..errors import os_reason
from ..i18n import _
from ..model import Table
from ..numbering import parse_label
from ..title_lines import break_title, width_zi
from .defects import DefectLog
from .lines import Line, clean_text, ends_sentence, is_page_number, parse_date, remove_garbage
from .notice import is_header_line, is_imprint, is_mark, signature_part
from .word_numbers import WordNumbers

_LAYOUT_CELL = re.compile(r"(抄送|印发$|〔\d{4}〕|文件$|签发人)")
_SECTION_LABEL = re.compile(r"^[一二三四五六七八九十]{1,3}、")  # a plan's 一、 heading


class NotDocx(ValueError):
    """The file cannot be read as a Word document; the message says why, ``hint`` what to do
    when it is not the general one."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def docx_lines(path: Path, defects: DefectLog) -> list[Line]:
    """The document's body as lines (paragraph numbers count from 1, tables included)."""
    _check_package(path)
    import docx  # python-docx; imported here so text imports stay fast

    try:
        document = docx.Document(_as_document(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise NotDocx(
            _("not a readable Word document ({reason})").format(reason=type(exc).__name__)
        ) from None
    numbers = WordNumbers(document, defects)
    body = document.element.body
    notes = _notes(document)
    _report_tracked_changes(body, defects)
    contents = ox.contents_paragraphs(body)
    entries: list[int] = []  # paragraph numbers of a Word 目录's entries, left out
    out: list[Line] = []
    titles: list[tuple[str, list[str]]] = []  # (style, lines) of the last title paragraphs
    captions: dict[int, str] = {}  # paragraph number → text of a table-title paragraph
    previous_style = ""
    joined = ""  # text of paragraphs whose mark a tracked change deleted: it goes on in the next
    boxes: list[Line] = []  # lines of the text boxes anchored in the paragraph(s) being read
    referred: list[tuple[str, str]] = []  # the notes the paragraph(s) being read refer to
    no = 0
    heading: _Heading | None = None  # the paragraph just read, if its rest may follow it
    items = list(_body_items(document))
    for no, (kind, item) in enumerate(items, start=1):
        above, heading = heading, None
        if kind == "chunk":
            previous_style = ""
            out.extend(_chunk_lines(document, item, no, defects))
            continue
        if kind == "tbl":
            if joined.strip():
                out.append(Line(no - 1, clean_text(remove_garbage(joined, no - 1, defects))))
            joined = ""
            out.extend(boxes)
            boxes = []
            previous_style = ""
            after = items[no] if no < len(items) else ("", None)
            lines = _table_lines(
                item, no, numbers, notes, ox.printed_text(after[1]._p) if after[0] == "p" else ""
            )
            caption = captions.get(no - 1)
            if caption is not None and lines and lines[0].table is not None and out and out[-1].no == no - 1:
                out.pop()  # the table's title paragraph (附表 caption) belongs to the table
                lines[0].table.title = caption
            out.extend(lines)
            continue
        # 版记 set in a text box at the page bottom (our writer), a 发文机关标志 in a box …
        boxes += [
            Line(no, clean_text(t))
            for box in ox.text_box_texts(item._p)
            for t in box.split("\n")
            if t.strip()
        ]
        if _contents_entry(item, contents):
            if not entries and out and _CONTENTS_HEADING.match(out[-1].text.replace(" ", "")):
                out.pop()  # the 目录 heading over the entries
            if ox.printed_text(item._p).strip() and not _style_name(item).lower().endswith("heading"):
                entries.append(no)
            continue
        printed = ox.printed_text(item._p)
        if notes:
            referred += ox.note_references(item._p)
        if ox.mark_deleted(item._p):  # accepted, this paragraph and the next are one
            joined += printed
            continue
        printed, joined = joined + printed, ""
        style = _style_name(item)
        if style in _CAPTION_STYLES and printed.strip():
            captions[no] = printed.strip()
        text = remove_garbage(printed, no, defects)
        follows_title = previous_style == style  # a title's next line, not the next title
        previous_style = style
        if style in _TITLE_STYLES and follows_title and titles and out and out[-1].no == no - 1:
            # Our writer breaks long titles over paragraphs by its own layout rule; only a break
            # that rule would not make is the author's (a forced "\n" in the title).
            titles[-1][1].append(clean_text(text))
            out[-1] = _title_line(out[-1].no, style, titles[-1][1], no)
            continue
        if style in _TITLE_STYLES:
            titles.append((style, [clean_text(text)]))
        label = numbers.label(item, no)
        following = items[no][0] if no < len(items) else ""
        if (
            above is not None
            and above.no == no - 1
            and not label
            and style not in _TITLE_STYLES
            and _rest_of_heading(out[-1], item, above, style, text, following)
        ):  # Enter pressed inside a long heading: its rest is the heading's
            out[-1] = Line(out[-1].no, out[-1].text + clean_text(text), label=out[-1].label)
        else:
            for part in _broken_lines(text, label):
                out.append(Line(no, clean_text(part), label=label))
                label = ""
        out += [Line(no, clean_text(note)) for note in _note_texts(referred, notes)]
        if not referred and not boxes and "\n" not in text:
            heading = _Heading(no, style, item._p)
        referred = []
        out.extend(boxes)
        boxes = []
    if joined.strip():
        out.append(Line(no, clean_text(remove_garbage(joined, no, defects))))
    out.extend(boxes)
    head, imprint = _header_and_footer_lines(document, out)
    out = [Line(1, text) for text in head] + out + [Line(max(no, 1), text) for text in imprint]
    if entries:  # reported as the text readers report a printed 目录
        message = _("removed a table of contents ({count} entries)").format(count=len(entries))
        defects.add(entries[0], "removed_page_chrome", message)
    return out


def _report_tracked_changes(body: Any, defects: DefectLog) -> None:
    """Unaccepted tracked changes (修订) are read as accepted; the clerk is told where they start."""
    count = ox.tracked_changes(body)
    if not count:
        return
    first = next(
        (no for no, (_kind, item) in enumerate(_body_items_of(body), start=1) if ox.tracked_changes(item)), 1
    )
    defects.add(
        first,
        "tracked_changes",
        _(
            "{count} tracked change(s) not accepted or rejected: read as if all were accepted "
            "(accept or reject them in Word to be sure)"
        ).format(count=count),
    )


_WRAPPED_HEADING_MAX = 20  # characters a heading's wrapped-over rest may have; a sentence is longer


def _broken_lines(text: str, label: str) -> list[str]:
    """The lines of a paragraph with line breaks (w:br, Shift+Enter). Each is a line of its own —
    clerks break paragraphs so — but where the break falls inside a sentence (after ，or 、) the
    sentence goes on, and a numbered heading wrapped by hand (``四、加强作风⏎建设``) is one
    heading: a short rest that ends no sentence goes on the heading's line."""
    parts = text.split("\n")
    if _wrapped_at_width(parts):
        return ["".join(part.strip() for part in parts)]
    numbered = bool(label) or parse_label(clean_text(parts[0])) is not None
    while (
        numbered
        and len(parts) > 1
        and not ends_sentence(clean_text(parts[0]))
        and not ends_sentence(clean_text(parts[1]))
        and 0 < len(clean_text(parts[1])) <= _WRAPPED_HEADING_MAX
        and parse_label(clean_text(parts[1])) is None  # the next heading, typed after a break
        and clean_text(parts[1])[-1] not in _MID_SENTENCE  # a sentence broken off, going on below
    ):
        parts[:2] = [parts[0].rstrip() + parts[1].lstrip()]
    joined = [parts[0]]
    for part in parts[1:]:
        before = clean_text(joined[-1])
        if (
            before
            and before[-1] in _MID_SENTENCE
            and clean_text(part)
            and parse_label(clean_text(part)) is None
        ):
            joined[-1] = joined[-1].rstrip() + part.lstrip()
        else:
            joined.append(part)
    return joined


_MID_SENTENCE = "，、,"  # a line ending so is a sentence that goes on


def _wrapped_at_width(parts: list[str]) -> bool:
    """Line breaks at each printed line's end (a PDF-to-Word converter's, text pasted from a
    PDF): every line but the last as wide as the others (±1 字: a 避头 mark carried in), the
    first up to 2 字 short for its indent; none after the first opening with a number of its
    own. Of two lines, the first must fill a line of GB/T 9704's 28 字 less its indent and end no
    sentence."""
    cleaned = [clean_text(part) for part in parts]
    if len(parts) < 2 or any(parse_label(part) is not None for part in cleaned[1:]):
        return False
    widths = [width_zi(part) for part in cleaned[:-1]]
    if len(parts) == 2:
        return 25.5 <= widths[0] <= 29 and not ends_sentence(cleaned[0])
    full = min(widths[1:])
    return full >= 20 and all(w <= full + 1 for w in widths[1:]) and full - 2.5 <= widths[0] <= full + 1


@dataclass(frozen=True)
class _Heading:
    """A paragraph just read whose line a heading's rest may go on: its number, style and w:p."""

    no: int
    style: str
    p: Any


# Characters a heading line holds (28 to the line, less the first line's indent of 2): a heading
# that fits is not broken by hand, so the paragraphs of a shorter one are two headings.
_HEADING_LINE = 26
_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}$")


def _rest_of_heading(line: Line, item: Any, above: _Heading, style: str, text: str, following: str) -> bool:
    """Is this paragraph the rest of a numbered heading too long for its line that a clerk broke
    with Enter (一、全面加强医疗质量安全管理与控制 / 推动医疗服务能力体系建设)? Enter keeps the
    paragraph's style and formatting on both halves, so the rest is in the heading's style and
    typeface — whatever the typeface, the body's too —, short, ending no sentence, with no number
    of its own; a table's title under a heading is followed by its table. Under a heading Word
    numbers, the rest got the next number, which the clerk took away (w:numId 0): without that
    trace a paragraph in the heading's style is a heading of its own (``numbered: false``)."""
    rest = clean_text(text)
    head = clean_text(line.text)
    if line.label:
        if ox.num_pr(item._p.pPr)[0] != "0":
            return False
    elif parse_label(head) is None:
        return False
    return (
        style == above.style
        and "\n" not in text
        and len(line.label + head + rest) > _HEADING_LINE
        and 0 < len(rest) <= _WRAPPED_HEADING_MAX
        and not ends_sentence(head)
        and not ends_sentence(rest)
        and not re.search(r"[，、,。；;：:]", rest)
        and parse_label(rest) is None
        and parse_date(rest) is None
        and not _ANNEX_LABEL.match(rest)
        and following != "tbl"
        and ox.run_look(item._p) == ox.run_look(above.p, last=True)
    )


_TITLE_STYLES = ("WP Title", "WP Annex Title")
# Word's 目录 styles: "toc 1"… for the entries (in any case; WPS: "目录 1"), "TOC Heading" over them.
_TOC_STYLE = re.compile(r"^(?:toc \d|目录 ?\d|toc heading)$", re.IGNORECASE)
_CONTENTS_HEADING = re.compile(r"^目录$")
_PAGE_AT_END = re.compile(r"\t[\s.·…]*\d{1,4}\s*$")  # an entry's tab (dot leader) and page number


def _contents_entry(paragraph: Any, contents: set[Any]) -> bool:
    """A paragraph of a Word 目录: in the toc styles, or in a TOC field's result and printed as an
    entry is (a heading, a tab, its page; or nothing) — a field left open by a clerk's edit does
    not take the rest of the document with it."""
    if _TOC_STYLE.match(_style_name(paragraph)):
        return True
    if paragraph._p not in contents:
        return False
    text = ox.printed_text(paragraph._p)
    return not text.strip() or _PAGE_AT_END.search(text) is not None


_CAPTION_STYLES = ("WP Table Title", "Caption", "题注")


def _title_line(first_no: int, style: str, parts: list[str], no: int) -> Line:
    joined = "".join(parts)
    if style == "WP Annex Title":
        return Line(first_no, joined)
    automatic = break_title(joined) == parts
    return Line(first_no, joined if automatic else "\n".join(parts))


def _style_name(paragraph: Any) -> str:
    try:
        return str(paragraph.style.name)
    except (AttributeError, KeyError, ValueError):
        return ""


def _table_lines(
    table: Any, no: int, numbers: WordNumbers, notes: dict[tuple[str, str], str], following: str
) -> list[Line]:
    """A table in place; a layout table (版头/版记 set in a grid, a frame around the text, the
    署名 side by side) gives its cells' lines. A cell's footnote follows its text in the cell.
    ``following``: the text of the paragraph after the table."""

    def printed(p: Any) -> str:
        text = numbers.cell_label(table, p, no) + ox.printed_text(p)
        return " ".join([text, *_note_texts(ox.note_references(p), notes)]) if notes else text

    cells = _cells(table, printed)
    placed = [[cell.paragraphs for cell in row if not cell.below] for row in cells]
    if _is_layout(placed, following) or _own_signature_table(table):
        texts = [part for row in placed for cell in row for p in cell for part in p.split("\n")]
        return [Line(no, clean_text(text)) for text in texts if text.strip()]
    rows = [[clean_text(" ".join(cell.paragraphs)) for cell in row] for row in cells]
    return [Line(no, "", table=Table(rows=rows))] if rows else []


def _own_signature_table(table: Any) -> bool:
    """The 署名 of a sealed joint notice as this tool sets them (writers/seal_rows.py): a table
    whose every paragraph with text is in the 署名's style — whatever the names (某某大学 has no
    organ's ending to be told by)."""
    printed = (p for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text.strip())
    first = next(printed, None)  # a table of data stops at its first cell: no row more is looked at
    return first is not None and all(
        _style_name(p) == "WP Signatory" for p in itertools.chain([first], printed)
    )


_SIGNATURE_CELLS = 12  # four 署名 two by two, their seals and the date: a few rows of cells


def _is_layout(cells: list[list[list[str]]], following: str = "") -> bool:
    """A table that only places text: a cell of the 版头 or 版记; one cell alone holding
    paragraphs (a frame drawn round the text, as some agency templates do); a cell holding the
    plan's own headings; the 署名 of a joint notice set side by side — organ names, (盖章), and
    the 成文日期 in the table or straight under it (``following``)."""
    texts = [[clean_text(p) for p in cell] for row in cells for cell in row]
    if any(_LAYOUT_CELL.search(p) for cell in texts for p in cell):
        return True
    if len(texts) <= _SIGNATURE_CELLS:  # a 署名 block is a few cells: a 分工表 is none
        parts = [signature_part(p) for cell in texts for p in cell if p]
        if "names" in parts and all(parts) and "date" in [*parts, signature_part(clean_text(following))]:
            return True
    if len(texts) == 1 and sum(1 for p in texts[0] if p) > 1:
        return True
    return any(sum(1 for p in cell if _SECTION_LABEL.match(p)) >= 2 for cell in texts)


def _notes(document: Any) -> dict[tuple[str, str], str]:
    """The document's footnotes and endnotes by (kind, w:id): their text as printed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    found: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        kind = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}.get(rel.reltype)
        if kind is None or rel.is_external:
            continue
        root = _story_root(rel.target_part)
        if root is not None:
            found.update(((kind, key), text) for key, text in ox.notes(root).items())
    return found


def _note_texts(referred: list[tuple[str, str]], notes: dict[tuple[str, str], str]) -> list[str]:
    """The notes a paragraph refers to, as paragraphs after it: 注：… (注1：… 注2：… for several);
    Word's marks of them in the text, a superscript number, are not read — the note is."""
    texts = [notes[ref] for ref in referred if ref in notes]
    if len(texts) == 1:
        return [texts[0] if texts[0].startswith("注") else "注：" + texts[0]]
    return [f"注{k}：{text}" for k, text in enumerate(texts, start=1)]


def _story_root(part: Any) -> Any:
    if getattr(part, "element", None) is not None:  # python-docx parsed it already (a header)
        return part.element
    try:
        return ox.parse_part(part.blob)
    except Exception:  # a broken header or notes part loses only its own text
        return None


def _header_and_footer_lines(document: Any, body: list[Line]) -> tuple[list[str], list[str]]:
    """What headers and footers print that is the document's own text: the 版头 lines of the
    first page's header (w:titlePg: printed once, above the body — a 份号, 密级, even the
    发文机关标志 and 文号 kept there; not a cover's 内部资料 or a slogan), or the 版头 marks (份号,
    密级, 紧急程度) of the first section's running header; and the 版记 (抄送, 印发) a clerk typed
    into a footer, the last page's. A running header's other lines (a title on every page) and
    the page numbers of footers are the pages', not the text's."""
    stories = ox.section_stories(document.element.body)
    parts = document.part.related_parts

    def lines_of(rid: str | None) -> list[str]:
        root = _story_root(parts[rid]) if rid in parts else None
        if root is None:
            return []
        # tabs and runs of spaces set 份号 left, 密级 right on one header line: each is a line
        texts = [clean_text(t) for line in ox.story_lines(root) for t in re.split(r"\t|\s{2,}", line)]
        return [t for t in texts if t and not is_page_number(t)]

    head: list[str] = []
    if stories:
        first = stories[0]
        if first.title_page:
            head = [text for text in lines_of(first.headers.get("first")) if is_header_line(text)]
        else:
            head = [text for text in lines_of(first.headers.get("default")) if is_mark(text)]
    printed = {line.text for line in body}
    imprint: list[str] = []
    seen: set[str] = set()
    for section in stories:
        for kind in ("first", "default", "even"):
            rid = section.footers.get(kind)
            if rid is None or rid in seen:
                continue
            seen.add(rid)
            root = _story_root(parts[rid]) if rid in parts else None
            lines = [clean_text(t) for t in ox.story_lines(root)] if root is not None else []
            if any(is_imprint(t) for t in lines):
                imprint += [t for t in lines if t and not is_page_number(t) and t not in printed]
    return head, imprint


def _check_package(path: Path) -> None:
    from ..zipcheck import PackageError, check_package

    try:
        check_package(path)
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if "OFD.xml" in names:  # GB/T 33190: the 版式 file agencies publish beside (or for) a PDF
                raise NotDocx(
                    _("an OFD document (a fixed-layout file like a PDF), which workplan does not read"),
                    _("open it in an OFD reader and save it as PDF, or import the Word file behind it"),
                )
            if "word/document.xml" not in names:
                raise NotDocx(_("a zip file, not a Word document (no word/document.xml)"))
    except PackageError as exc:
        raise NotDocx(str(exc)) from None
    except zipfile.BadZipFile:
        raise NotDocx(_("not a .docx: the file is not a valid zip package")) from None
    except OSError as exc:
        raise NotDocx(_("cannot read the file: {reason}").format(reason=os_reason(exc))) from None


# The main part of a template (.dotx), or of a document or template with macros (.docm, .dotm):
# the same WordprocessingML under another content type, which python-docx refuses to open.
_OTHER_MAIN_TYPES = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# ISO/IEC 29500 Strict (Word's "Strict Open XML Document"): the same markup under other namespace
# names, which python-docx does not know; renamed to the transitional ones it reads.
_STRICT_NAMES = (
    (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/picture",
        b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
)


def _as_document(path: Path) -> str | io.BytesIO:
    """``path``, or a copy in memory that python-docx opens: for a template or macro-enabled
    file (an agency's .dotx, a .docm saved as .docx) one whose main part says it is a document
    (its macros are never run — only the XML is read); for a Strict Open XML file one in the
    transitional namespaces. The package's size was checked before (``_check_package``)."""
    with zipfile.ZipFile(path) as package:
        types = package.read("[Content_Types].xml")
        other = next((t for t in _OTHER_MAIN_TYPES if t in types), None)
        strict = (
            _STRICT_NAMES[1][0] in package.read("_rels/.rels")
            if "_rels/.rels" in package.namelist()
            else False
        )
        if other is None and not strict:
            return str(path)
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for member in package.infolist():
                data = package.read(member)
                if member.filename == "[Content_Types].xml" and other is not None:
                    data = data.replace(other, _DOCUMENT_MAIN_TYPE)
                if strict and member.filename.endswith((".xml", ".rels")):
                    for strict_name, name in _STRICT_NAMES:
                        data = data.replace(strict_name, name)
                out.writestr(member, data)
    copy.seek(0)
    return copy


_HTML_TYPES = ("text/html", "application/xhtml+xml", "message/rfc822")


def _chunk_lines(document: Any, chunk: Any, no: int, defects: DefectLog) -> list[Line]:
    """The lines of a w:altChunk's part: an HTML page (an office system's export: its body is
    all the text) read as the web-page reader reads one, or plain text; each line at ``no``."""
    from .html import NotHtml, html_lines

    try:
        part = document.part.related_parts[ox.chunk_id(chunk)]
    except KeyError:
        return []
    if part.content_type in _HTML_TYPES:
        try:
            lines = html_lines(_html_of(part.content_type, part.blob), defects).lines
        except NotHtml:
            return []
        return [Line(no, line.text, table=line.table) for line in lines]
    if part.content_type == "text/plain":
        text = part.blob.decode("utf-8", errors="replace")
        return [Line(no, clean_text(remove_garbage(t, no, defects))) for t in text.splitlines()]
    return []


def _html_of(content_type: str, blob: bytes) -> bytes:
    """The HTML of a chunk; of a web archive (.mht, message/rfc822), its first HTML part."""
    if content_type != "message/rfc822":
        return blob
    import email

    for piece in email.message_from_bytes(blob).walk():
        if piece.get_content_type() == "text/html":
            payload = piece.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = piece.get_content_charset()
                if charset is None:
                    return payload
                try:  # the part's charset said with a BOM, which the HTML reader trusts before <meta>
                    return b"\xef\xbb\xbf" + payload.decode(charset, errors="replace").encode("utf-8")
                except LookupError:  # a charset Python does not know: the page's <meta> may
                    return payload
    return b""


def _body_items(document: Any) -> Iterator[tuple[str, Any]]:
    """Paragraphs and tables of the body in document order (also inside content controls)."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for kind, child in _body_items_of(document.element.body):
        yield (
            kind,
            Paragraph(child, document)
            if kind == "p"
            else DocxTable(child, document)
            if kind == "tbl"
            else child,
        )


def _body_items_of(body: Any) -> Iterator[tuple[str, Any]]:
    for child in ox.blocks(body):
        yield ("p" if ox.is_paragraph(child) else "tbl" if ox.is_table(child) else "chunk"), child


@dataclass(frozen=True)
class _Cell:
    """A cell's paragraph texts; ``below`` for a row's part of a cell merged down from the row
    above (w:vMerge), whose text Word prints once, in the merged cell."""

    paragraphs: list[str]
    below: bool = False


def _cells(table: Any, printed: Callable[[Any], str]) -> list[list[_Cell]]:
    """rows → cells (``printed``: a paragraph's text with its Word number, a 序号 column numbered
    by a list, counted once per cell). A cell spanning columns (w:gridSpan) prints its text once:
    in its first column, the others it covers empty, so every row keeps the table's columns (a
    section's row across the whole 分工表 too); so do the grid columns a row leaves out before
    or after its cells (w:gridBefore, w:gridAfter). A cell merged down over rows stands in each
    of its rows, so the columns keep their places (the 牵头单位 of three tasks, merged, is each
    task's)."""
    rows: list[list[_Cell]] = []
    # keyed by the w:tc elements themselves, kept alive so lxml hands out the same proxy again
    texts: dict[Any, list[str]] = {}  # w:tc → its paragraphs' texts
    earlier: set[Any] = set()  # cells of the rows above
    for row in table.rows:
        if ox.row_deleted(row._tr):  # a row deleted with track changes on: gone once accepted
            continue
        before, after = ox.grid_skipped(row._tr)
        cells: list[_Cell] = [_Cell([]) for _ in range(before)]
        here: set[Any] = set()
        for cell in row.cells:
            key = cell._tc
            if key in here:  # python-docx gives a spanning cell once per grid column it covers
                cells.append(_Cell([]))
                continue
            here.add(key)
            if key not in texts:
                texts[key] = [printed(p) for p in ox.cell_paragraphs(cell._tc)]
            cells.append(_Cell(texts[key], below=key in earlier))
        earlier |= here
        rows.append(cells + [_Cell([]) for _ in range(after)])
    return rows
