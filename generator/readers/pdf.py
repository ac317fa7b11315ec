"""PDF (with a text layer) → lines: paragraphs rebuilt from line geometry, page chrome removed.

A PDF keeps no paragraphs, only positioned lines. pdfplumber gives each page's text lines with
their boxes and fonts; a paragraph is rebuilt the way a reader sees one:

- a line that runs to the right edge of the text block continues on the next line when that
  line starts at the left edge (also across a page break);
- an indented line, a line after a short one, or a change of font size starts a paragraph;
- consecutive centred lines in a large font are one title (broken as the Word reader does);
- a line set beside a block (the 文件 of a joint 发文机关标志) ends the block's last line;
- a line of letters spread over the width (云 溪 市 医 疗 局) is read without the spaces.

Page numbers (``— 3 —``, ``-3-``, ``第3页``, ``3``) at a page's top or bottom and running
headers/footers repeated on several pages are removed and reported (``removed_page_chrome``).
Tables (ruled) come from pdfplumber's table extraction, in place, a table continued on the next
page joined to its first part.

Line numbers are paragraphs, counted through the document; ``places`` maps each to the page and
the line on that page where it starts, which is what a defect names.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..i18n import _
from ..model import Table
from ..title_lines import break_title, width_zi
from ..typography import CJK_PUNCTUATION, IDEOGRAPHS
from .defects import DefectLog
from .lines import Line, clean_text, ends_sentence, is_page_number, parse_label, remove_garbage
from .pdf_sidebar import Side, inked_stretches, side_gutter
from .tree import is_task_line
from .web_print import is_browser_print, strip_web_chrome

MAX_PAGES = 300
"""A year's plan is a few dozen pages; past this it is not one (and would take minutes)."""
MIN_TEXT_CHARS = 20
"""Fewer characters than this in the whole text layer: a scan (an OCR'd stamp does not count)."""

_SPREAD = re.compile(rf"^(?:[{IDEOGRAPHS}] )+[{IDEOGRAPHS}]$")
_CJK = re.compile(rf"[{IDEOGRAPHS}]")
_ANNEX_LABEL = re.compile(r"^附[件表]\s*\d{0,2}\s*[：:]?$")
"""An attachment's label (附件 / 附件2 / 附表1), printed alone at the top of its first page."""
_WIDE = re.compile(rf"[{IDEOGRAPHS}{CJK_PUNCTUATION}²³°]")


class NotPdf(ValueError):
    """The file cannot be read as a PDF with text; the message says why, ``hint`` what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _unreadable(exc: Any) -> NotPdf:
    """PDFium's refusal as a person reads it: a password, a damaged file, or PDFium's own words."""
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return NotPdf(
            _("a password-protected (encrypted) PDF: its text cannot be read without the password"),
            _("open it with its password and save or print it as a PDF without one, or import the .docx"),
        )
    if code == raw.FPDF_ERR_FORMAT:
        return NotPdf(
            _("a damaged PDF: its structure cannot be read (a download cut short, or not a PDF at all)"),
            _("download the PDF again, or import the .docx it was made from"),
        )
    return NotPdf(_("not a readable PDF ({reason})").format(reason=exc))


@dataclass
class _Row:
    """One printed line of a page (or a table standing there)."""

    page: int
    index: int  # 1-based line on the page, counting every printed line
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_font: str
    last_font: str
    table: Table | None = None
    columns: int = 0
    end_page: int = 0  # a table broken by pages: the page it ends on
    turned: bool = False  # characters set one under another (text turned on its side)
    side: bool = False  # in a column printed beside the text (a web page's sidebar: pdf_sidebar)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class PdfText:
    """The lines read and where each starts: line number → (page, line on the page)."""

    lines: list[Line]
    places: dict[int, tuple[int, int]] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)  # a printed web page's metadata box


def pdf_lines(path: Path, defects: DefectLog, *, max_pages: int = MAX_PAGES) -> PdfText:
    """Read the PDF page by page into paragraphs; raises :class:`NotPdf` for a broken or scanned
    file, or one of more than ``max_pages`` pages.

    Characters come from PDFium (pypdfium2, which pdfplumber itself depends on): pdfplumber's
    pure-Python parser costs ~100 ms a page, PDFium a few. pdfplumber's table finder reads the
    pages that have ruling lines (a table), and only those."""
    import pypdfium2 as pdfium

    pages: list[list[_Row]] = []
    widths: list[tuple[float, float]] = []
    plumber: Any = None
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _unreadable(exc) from None
    try:
        info = document.get_metadata_dict()
        browser = is_browser_print(info.get("Creator", ""), info.get("Producer", ""))
        count = len(document)
        if count > max_pages:
            raise NotPdf(
                _("a PDF of {count} pages, more than the {limit} a plan may have").format(
                    count=count, limit=max_pages
                )
            )
        for index in range(count):
            page = document[index]
            width, height = (float(v) for v in page.get_size())
            tables: list[tuple[tuple[float, float, float, float], Table]] = []
            if _has_rules(page):
                plumber = plumber or _open_plumber(path)
                ruled = plumber.pages[index]
                tables = _tables(ruled)
                ruled.close()  # pages one at a time: drop the parsed objects before the next
            pages.append(_page_rows(page, height, index + 1, tables, browser=browser))
            widths.append((width, height))
            page.close()
    except pdfium.PdfiumError as exc:
        raise _unreadable(exc) from None
    finally:
        document.close()
        if plumber is not None:
            plumber.close()
    text_chars = sum(len(row.text.replace(" ", "")) for rows in pages for row in rows if row.table is None)
    table_chars = sum(1 for rows in pages for row in rows if row.table is not None)
    if text_chars < MIN_TEXT_CHARS and not table_chars:
        raise NotPdf(
            _("a scanned PDF: its {count} page(s) have no text layer, only images of text").format(
                count=len(pages)
            )
        )
    sidebar = _sidebar_after_first_page(pages)
    chrome = _remove_chrome(pages, widths)
    text = _paragraphs(pages, widths, defects)
    if browser:  # a web page printed: its site's menus, metadata box and footer are no text
        text.lines, text.metadata = strip_web_chrome(text.lines, defects)
    for page_no, index, message in chrome:
        # reported at the paragraph that follows it, and by the page and line a person finds
        after = [no for no, place in text.places.items() if place >= (page_no, index)]
        no = min(after) if after else max(text.places, default=1)
        defects.add(no, "removed_page_chrome", message, page=page_no, page_line=index)
    for page_no, index, message in sidebar:
        after = [no for no, place in text.places.items() if place >= (page_no, index)]
        no = min(after) if after else max(text.places, default=1)
        defects.add(no, "removed_web_chrome", message, page=page_no, page_line=index)
    return text


def _sidebar_after_first_page(pages: list[list[_Row]]) -> list[tuple[int, int, str]]:
    """Remove a web page's side column from the pages after the first, where its entries would
    fall into the article's paragraphs running over the page; on the first page it stands above
    the article, where the web-page reader keeps its metadata (成文日期, 文号) and drops the rest."""
    removed = []
    for rows in pages[1:]:
        side = [row for row in rows if row.side]
        if side:
            rows[:] = [row for row in rows if not row.side]
            message = _("removed the printed page's side column ({count} lines: {text!r} …)")
            removed.append((side[0].page, side[0].index, message.format(count=len(side), text=side[0].text)))
    return removed


def _open_plumber(path: Path) -> Any:
    import logging

    import pdfplumber

    # pdfminer logs each font it cannot measure (a browser's print: "Could not get FontBBox …")
    # as a warning on stderr, between the import's own messages; its text is not needed
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(str(path))
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError, TypeError) as exc:
        raise NotPdf(_("not a readable PDF ({reason})").format(reason=type(exc).__name__)) from None


# --- one page ----------------------------------------------------------------------------------

_RULES_FOR_A_TABLE = 4
"""Path objects a page needs before its tables are looked for: a table has at least four rules
(one cell), a notice page has one or two (the red rule, the 版记 lines)."""


def _has_rules(page: Any) -> bool:
    import pypdfium2.raw as raw

    found = 0
    for k in range(raw.FPDFPage_CountObjects(page)):  # raw calls: no wrapper per object
        if raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, k)) == raw.FPDF_PAGEOBJ_PATH:
            found += 1
            if found >= _RULES_FOR_A_TABLE:
                return True
    return False


def _page_chars(page: Any, height: float) -> tuple[list[dict[str, Any]], Any]:
    """The page's characters with their boxes (pdfplumber's coordinates: ``top`` from the top
    edge), printed size and baseline; PDFium's generated spaces and line ends are left out.
    PDFium's own calls, one per fact, keep a page to a few milliseconds."""
    import ctypes
    import math

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    chars: list[dict[str, Any]] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    last_font_size, scale = -1.0, 1.0
    count = raw.FPDFText_CountChars(textpage)
    units = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, units)  # every character's code in one call
    for k in range(count):
        code = units[k]
        # Spaces (PDFium's generated ones and real ones) are left to the gaps they leave:
        # ``_line_text`` puts one back where the gap is a space's.
        if code in (0, 0x09, 0x0A, 0x0D, 0x20, 0xFFFE, 0xFFFF):
            continue
        if 0xDC00 <= code <= 0xDFFF and chars and 0xD800 <= ord(chars[-1]["text"][-1]) <= 0xDBFF:
            # the second half of a character outside the BMP (𠀀): one character with the first
            high = ord(chars[-1]["text"])
            chars[-1]["text"] = chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
            continue
        raw.FPDFText_GetLooseCharBox(textpage, k, box)
        raw.FPDFText_GetCharOrigin(textpage, k, x, y)
        font_size = float(raw.FPDFText_GetFontSize(textpage, k))
        if font_size != last_font_size:
            # the printed size is the font size times the scale of the text matrix (WPS writes
            # Tf 439 scaled down to 22 pt); a run of one font size keeps one matrix
            raw.FPDFText_GetMatrix(textpage, k, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            last_font_size = font_size
        chars.append(
            {
                "text": chr(code),
                "x0": box.left,
                "x1": box.right,
                "top": height - box.top,
                "bottom": height - box.bottom,
                "baseline": height - y.value,
                "size": font_size * scale,
                "index": k,
            }
        )
    return chars, textpage


def _font(textpage: Any, index: int) -> str:
    """The font's name without its subset tag (ERVJIS+KaiTi → KaiTi)."""
    import ctypes

    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", errors="replace").split("+")[-1]


def _page_rows(
    page: Any,
    height: float,
    number: int,
    tables: list[tuple[tuple[float, float, float, float], Table]],
    *,
    browser: bool = False,
) -> list[_Row]:
    """The page's printed lines (tables as one row each) from top to bottom: characters on one
    baseline make a line, read left to right; a browser print's side column first (pdf_sidebar)."""
    chars, textpage = _page_chars(page, height)
    boxes = [bbox for bbox, _ in tables]

    def outside(char: dict[str, Any]) -> bool:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    visible = [c for c in chars if outside(c)] if boxes else chars
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(visible, key=lambda c: (c["baseline"], c["x0"])):
        if lines and abs(char["baseline"] - lines[-1][0]["baseline"]) <= 0.3 * max(char["size"], 1.0):
            lines[-1].append(char)
        else:
            lines.append([char])
    gutter = None if tables else _gutter(lines)
    if gutter is not None:
        lines = _split_at(lines, gutter)
    side = side_gutter(lines) if browser and gutter is None else None
    if side is not None:
        lines = [
            part for line in lines for part in (_split_at([line], side[:2]) if _level(line, side) else [line])
        ]
    rows: list[_Row] = []
    for line in lines:
        inked = [c for c in line if c["text"].strip()]
        if not inked:
            continue
        inked.sort(key=lambda c: c["x0"])
        size = statistics.median(c["size"] for c in inked)
        rows.append(
            _Row(
                number,
                0,
                _line_text(line, size),
                inked[0]["x0"],
                inked[-1]["x1"],
                min(c["top"] for c in inked),
                max(c["bottom"] for c in inked),
                round(size, 1),
                _font(textpage, inked[0]["index"]),
                _font(textpage, inked[-1]["index"]),
            )
        )
    textpage.close()
    if gutter is not None:
        rows = _one_column(rows, gutter)
    if side is not None:
        rows = _side_first(rows, side)
    rows = _stack_vertical(rows)
    for (x0, top, x1, bottom), table in tables:
        rows.append(_Row(number, 0, "", x0, x1, top, bottom, 0.0, "", "", table, len(table.rows[0])))
    rows.sort(key=lambda r: (round(r.top), r.x0))
    for index, row in enumerate(rows, start=1):
        row.index = index
    return rows


def _level(line: list[dict[str, Any]], side: Side) -> bool:
    """Does the line stand level with the side column (not in the print margins above it)?"""
    return side[3] - 1 <= min(c["top"] for c in line) and max(c["bottom"] for c in line) <= side[4] + 1


def _side_first(rows: list[_Row], side: Side) -> list[_Row]:
    """The side column's rows moved above the text's, in their order, marked ``side``, and onto
    the text's left edge, so that they do not widen the text block the paragraph rules measure."""
    g0, g1, where, top, bottom = side
    middle = (g0 + g1) / 2
    column = [
        r
        for r in rows
        if (r.x0 >= middle if where == "right" else r.x1 <= middle)
        and top - 1 <= r.top
        and r.bottom <= bottom + 1
    ]
    text = [r for r in rows if r not in column]
    if not column or not text:
        return rows
    lift = max(r.bottom for r in column) - min(r.top for r in text) + 2 * max(r.size for r in column)
    shift = min(r.x0 for r in text) - min(r.x0 for r in column)
    moved = [
        replace(r, x0=r.x0 + shift, x1=r.x1 + shift, top=r.top - lift, bottom=r.bottom - lift, side=True)
        for r in column
    ]
    return moved + text


# --- pages set in two columns (a 政府公报) ---------------------------------------------------------


def _gutter(lines: list[list[dict[str, Any]]]) -> tuple[float, float] | None:
    """The gutter of a page set in two columns, as (left, right) x; None for one column. A band
    about the middle of the text that few lines cross (a title over both columns may), with
    justified lines on both sides: most left lines end at it, most right lines start at it — an
    unruled table's gaps fall elsewhere and its cells do not fill their columns."""
    spans = []  # per line: its size and inked stretches
    for line in lines:
        inked = sorted((c for c in line if c["text"].strip()), key=lambda c: c["x0"])
        if inked:
            spans.append(inked_stretches(inked))
    if len(spans) < 16:
        return None
    left = min(s[0][0] for _size, s in spans)
    right = max(s[-1][1] for _size, s in spans)
    size = statistics.median(z for z, _ in spans)
    lo, hi = int(left + 0.35 * (right - left)), int(left + 0.65 * (right - left))
    if hi - lo < 2 * size:
        return None
    covered = [0] * (hi - lo + 1)
    for _size, stretches in spans:
        for x0, x1 in stretches:
            for x in range(max(lo, int(x0)), min(hi, int(x1)) + 1):
                covered[x - lo] += 1
    limit = 0.1 * len(spans)
    best: tuple[int, int] | None = None
    start = None
    for k, count in enumerate([*covered, len(spans)]):
        if count <= limit and start is None:
            start = k
        elif count > limit and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if best is None or best[1] - best[0] < 0.8 * size:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    lefts = [s for _size, s in spans if s[-1][1] <= g0 + 1]
    rights = [s for _size, s in spans if s[0][0] >= g1 - 1]
    if len(lefts) < 8 or len(rights) < 8:
        return None
    filled = sum(1 for s in lefts if s[-1][1] >= g0 - 2 * size)
    starting = sum(1 for s in rights if s[0][0] <= g1 + 2.5 * size)
    if 2 * filled < len(lefts) or 2 * starting < len(rights):
        return None
    return float(g0), float(g1)


def _split_at(lines: list[list[dict[str, Any]]], gutter: tuple[float, float]) -> list[list[dict[str, Any]]]:
    """Each baseline's characters as the column lines they are: left of the gutter, right of it,
    or one line where it crosses the gutter (a title, a centred page number)."""
    middle = (gutter[0] + gutter[1]) / 2
    out = []
    for line in lines:
        left = [c for c in line if c["x1"] <= middle]
        right = [c for c in line if c["x0"] >= middle]
        inked_left = [c["x1"] for c in left if c["text"].strip()]
        inked_right = [c["x0"] for c in right if c["text"].strip()]
        apart = (
            inked_left and inked_right and min(inked_right) - max(inked_left) >= 0.8 * (gutter[1] - gutter[0])
        )
        if len(left) + len(right) < len(line) or (inked_left and inked_right and not apart):
            out.append(line)  # it crosses the gutter, or stands in it ("— 1 —" under both columns)
            continue
        out.extend(part for part in (left, right) if any(c["text"].strip() for c in part))
    return out


def _one_column(rows: list[_Row], gutter: tuple[float, float]) -> list[_Row]:
    """The page's rows as one column read in order: in each band between lines that cross the
    gutter, the left column, then the right one moved under it (shifted left onto the left
    column's edge, and down below it), so the paragraph rules see one narrow text block."""
    middle = (gutter[0] + gutter[1]) / 2
    lefts = [r for r in rows if r.x1 <= middle]
    rights = [r for r in rows if r.x0 >= middle]
    if not lefts or not rights:
        return rows
    shift = _edge([r.x0 for r in rights], min) - _edge([r.x0 for r in lefts], min)
    out: list[_Row] = []
    band_left: list[_Row] = []
    band_right: list[_Row] = []
    offset = 0.0  # how much lower the rows below a band now stand

    def flush() -> None:
        nonlocal offset
        for row in band_left:
            out.append(replace(row, top=row.top + offset, bottom=row.bottom + offset))
        if band_right:
            pitch = 1.5 * statistics.median(r.size for r in band_right)
            base = (
                (band_left[-1].bottom if band_left else band_right[0].top)
                + offset
                + pitch
                - band_right[0].top
            )
            if not band_left:
                base = offset
            for row in band_right:
                out.append(
                    replace(
                        row,
                        x0=row.x0 - shift,
                        x1=row.x1 - shift,
                        top=row.top + base,
                        bottom=row.bottom + base,
                    )
                )
            offset = out[-1].bottom - max(band_right[-1].bottom, band_left[-1].bottom if band_left else 0.0)
        band_left.clear()
        band_right.clear()

    for row in sorted(rows, key=lambda r: r.top):
        if row.x1 <= middle:
            band_left.append(row)
        elif row.x0 >= middle:
            band_right.append(row)
        else:
            flush()
            out.append(replace(row, top=row.top + offset, bottom=row.bottom + offset))
    flush()
    return out


def _stack_vertical(rows: list[_Row]) -> list[_Row]:
    """Characters set one under another in one column (text turned on its side: the page
    number of a landscape page, "— 5 —") are one line, not a line per character. A line beside
    the column may come between two of its characters in baseline order (the 附件2 label level
    with the turned number's first dash), so the column is looked for a few lines back."""
    out: list[_Row] = []
    for row in rows:
        above = next((r for r in reversed(out[-3:]) if _stacks_on(r, row)), None)
        if above is not None:
            above.text += row.text
            above.bottom = row.bottom
            above.turned = True
            continue
        out.append(row)
    return out


def _stacks_on(above: _Row, row: _Row) -> bool:
    """Is ``row`` one character set right under the column of ``above``?"""
    return (
        len(row.text) == 1
        and len(above.text.replace(" ", "")) == len(above.text)
        and abs(row.x0 - above.x0) < 1.0
        and abs(row.x1 - above.x1) < 1.0
        and 0 <= row.top - above.bottom < 0.6 * max(row.size, 1.0)
        and (len(above.text) > 1 or above.x1 - above.x0 < 1.2 * row.size)
    )


def _line_text(chars: list[dict[str, Any]], size: float) -> str:
    """The line's text with a space only where the gap is one: LibreOffice and WPS set a
    quarter-em between Chinese and Latin letters (no space in the text), and a justified line
    stretches its gaps; a space between two Latin letters is about a quarter-em."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = char["text"]
        if not text.strip():
            if out and out[-1] != " ":
                out.append(" ")  # a space the PDF carries as a glyph
            continue
        if previous is not None and out and out[-1] != " ":
            gap = float(char["x0"]) - float(previous["x1"])
            wide = _WIDE.match(text) or _WIDE.match(previous["text"])
            if gap > (0.5 if wide else 0.15) * size:
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out).strip()


_FRAME_SHARE = 0.4
"""A ruled box alone taller than this share of the page frames the text; a boxed note is smaller."""


def _tables(page: Any) -> list[tuple[tuple[float, float, float, float], Table]]:
    """Ruled tables of the page: rows of cell texts, a cell's wrapped lines joined (Chinese
    needs no space between them), a merged cell empty after its first place. pdfplumber keeps
    only tables of two cells or more; a ruled box alone (Word's one-cell table, a framed note)
    is a table too."""
    from pdfplumber.table import Table as FoundTable

    page = page.filter(_drawn)
    finder = page.debug_tablefinder()
    found = list(finder.tables)
    boxes = [t.bbox for t in found]
    for cell in finder.cells:
        x0, top, x1, bottom = cell
        if bottom - top > _FRAME_SHARE * float(page.height):
            continue  # a page border (Word's 页面边框) or a frame round the text: no table
        inside = (b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= top and bottom <= b[3] + 1 for b in boxes)
        if not any(inside):
            found.append(FoundTable(page, [cell]))
            boxes.append(cell)
    out = []
    for table in found:
        rows = []
        for raw in table.extract():
            cells = [clean_text("".join((cell or "").split("\n"))) for cell in raw]
            if any(cells):
                rows.append(cells)
        if rows:
            out.append((tuple(float(v) for v in table.bbox), Table(rows=rows)))
    return out


_RULE_WIDTH = 2.5  # pt: a border drawn as a filled rectangle is a hairline to a point or two


def _white(color: Any) -> bool:
    values = color if isinstance(color, list | tuple) else [color]
    numbers = [v for v in values if isinstance(v, int | float)]
    if len(numbers) == 4:  # CMYK: no ink at all
        return all(v == 0 for v in numbers)
    return bool(numbers) and all(v == 1 for v in numbers)


def _drawn(obj: dict[str, Any]) -> bool:
    """Is a page object a rule a reader sees? Not a white or filled area: LibreOffice exports a
    paragraph's background (a .doc's white 底纹) as a white rectangle behind each paragraph, which
    the table finder took for the cells of one page-high table."""
    kind = obj.get("object_type")
    if kind not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    if obj.get("fill") and not _white(obj.get("non_stroking_color")):
        return min(float(obj.get("width", 0)), float(obj.get("height", 0))) <= _RULE_WIDTH
    return False


# --- page chrome -------------------------------------------------------------------------------


def _remove_chrome(pages: list[list[_Row]], sizes: list[tuple[float, float]]) -> list[tuple[int, int, str]]:
    """Drop page numbers and running headers/footers; returns what went, as (page, line on
    the page, message)."""
    chrome: list[tuple[int, int, str]] = []
    # A running header or footer stands in the page's top or bottom margin zone on each page it
    # repeats on, on the same side: a paragraph that happens to repeat (a stock sentence ending
    # one page and starting another) is no header.
    edge: dict[tuple[str, bool], list[tuple[int, _Row]]] = {}
    for number, rows in enumerate(pages, start=1):
        height = sizes[number - 1][1]
        text_rows = [r for r in rows if r.table is None and not r.side]  # a side column is no margin
        for row in text_rows[:2] + text_rows[-2:]:
            if row.bottom < height * 0.15 or row.top > height * 0.85:
                key = (re.sub(r"\d+", "#", row.text.replace(" ", "")), row.top < height / 2)
                edge.setdefault(key, []).append((number, row))
    repeated = {
        key
        for key, found in edge.items()
        if len(pages) >= 2 and len({n for n, _ in found}) >= max(2, (len(pages) + 1) // 2)
    }
    for number, rows in enumerate(pages, start=1):
        height = sizes[number - 1][1]
        text_rows = [r for r in rows if r.table is None and not r.side]  # a side column is no margin
        candidates = {id(r) for r in text_rows[:2] + text_rows[-2:]}
        keep: list[_Row] = []
        for row in rows:
            squeezed = row.text.replace(" ", "")
            outer = row.bottom < height * 0.15 or row.top > height * 0.85
            if (
                id(row) in candidates
                and _is_page_number(row, text_rows, height)
                and (outer or len(pages) > 1)
            ):
                chrome.append(
                    (number, row.index, _("removed the page number {text!r}").format(text=row.text))
                )
                continue
            if id(row) in candidates and outer and _BROWSER_MARGIN.match(row.text):
                what = _("removed the browser's print margin {text!r}")
                chrome.append((number, row.index, what.format(text=row.text)))
                continue
            side = (re.sub(r"\d+", "#", squeezed), row.top < height / 2)
            if id(row) in candidates and side in repeated and outer:
                what = (
                    _("removed the running header {text!r}")
                    if row.top < height / 2
                    else _("removed the running footer {text!r}")
                )
                chrome.append((number, row.index, what.format(text=row.text)))
                continue
            keep.append(row)
        pages[number - 1] = keep
    return chrome


_BROWSER_MARGIN = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s*(?:(?:上午|下午)\s*)?\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s|$)"
    r"|^(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$",
    re.IGNORECASE,
)
"""What a browser prints in the page margins: the date and time (then the page's title) on top,
the address (then 1/2) at the foot — on a page of its own too, where no repetition shows it."""


def _is_page_number(row: _Row, rows: list[_Row], height: float) -> bool:
    """A page number: the pattern, standing first or last on the page, away from the text."""
    if not is_page_number(row.text, bare=True):
        return False
    if row is not rows[0] and row is not rows[-1] and not row.turned:
        return False  # a turned number stands in the margin beside the text, wherever it is first
    return row.top > height * 0.75 or row.bottom < height * 0.25


# --- paragraphs --------------------------------------------------------------------------------


@dataclass
class _Block:
    """The text block of pages of one size: its left and right edges and body font size."""

    left: float
    right: float
    size: float
    pitch: float = 0.0  # the usual distance from one line's top to the next's, in the body
    line_end: float = 0.0  # where most full lines end: short of ``right`` in a ragged column
    font: str = ""  # the typeface most of the body's text is set in
    flush: bool = False  # numbered lines set flush left, not indented (a default Word style)


def _flush(rows: list[_Row], left: float, size: float) -> bool:
    """Are the document's numbered lines (一、 （一） 1.) mostly set at the left edge, so that an
    indent tells no paragraph from its wrapped lines?"""
    numbered = [r for r in rows if r.table is None and parse_label(r.text.strip()) is not None]
    at_left = [r for r in numbered if r.x0 <= left + 0.5 * size]
    return len(numbered) >= 2 and 2 * len(at_left) > len(numbered)


def _pitch(rows: list[_Row], size: float) -> float:
    """The body's line pitch: the commonest top-to-top distance of consecutive body lines on a
    page (a paragraph's own lines), whatever the line spacing (fixed 28 pt, 1.5 lines …)."""
    steps = Counter()  # type: Counter[float]
    for above, below in itertools.pairwise(rows):
        if above.table is None and below.table is None and above.page == below.page:
            step = below.top - above.top
            if abs(above.size - size) < 0.6 and abs(below.size - size) < 0.6 and 0 < step < 4 * size:
                steps[round(step)] += 1
    return float(steps.most_common(1)[0][0]) if steps else 0.0


def _block(rows: list[_Row], middles: dict[int, float] | None = None) -> _Block:
    """The block of ``rows``; its type size is the one most text is set in, centred lines (titles)
    left out where the pages' ``middles`` are given: a short plan's titles may outnumber its text."""
    text = [r for r in rows if r.table is None and not r.side] or [r for r in rows if r.table is None]
    if not text:
        return _Block(0.0, 0.0, 0.0)
    sizes = Counter()  # type: Counter[float]
    middles = middles or {}
    for r in [r for r in text if not _centred(r, middles.get(r.page))] or text:
        sizes[r.size] += len(r.text)
    size = sizes.most_common(1)[0][0]
    body = [r for r in text if abs(r.size - size) < 0.6] or text
    right = _edge([r.x1 for r in body], max)
    # Left-aligned (not justified) Chinese lines end where the next character no longer fits,
    # up to an em short of the column's edge (a right-aligned 署名 reaches it), one more before
    # a mark that may not start a line: the commonest line end near the edge is the full line's.
    ends = Counter(round(r.x1) for r in body if right - 2 * size <= r.x1 <= right)
    line_end = float(ends.most_common(1)[0][0]) if ends else right
    faces = Counter()  # type: Counter[str]
    for r in body:
        faces[r.first_font] += len(r.text)
    font = faces.most_common(1)[0][0] if faces else ""
    return _Block(_edge([r.x0 for r in body], min), right, size, line_end=line_end, font=font)


def _centred(row: _Row, middle: float | None) -> bool:
    """A line centred on the page (a title, a page number), away from the left margin."""
    return middle is not None and row.x0 > 0.4 * middle and abs(row.centre - middle) < max(row.size, 1.0)


def _edge(values: list[float], pick: Any) -> float:
    """The outermost position shared by at least two lines (one odd line does not move it),
    unless few lines reach the edge at all (a document mostly of tables): then the outermost."""
    rounded = Counter(round(v) for v in values)
    shared = [v for v in rounded if sum(n for w, n in rounded.items() if abs(w - v) <= 1.5) >= 2]
    outermost = float(pick(values))
    if not shared:
        return outermost
    edge = float(pick(shared))
    return edge if abs(edge - outermost) < 0.1 * max(abs(outermost), 1.0) else outermost


def _paragraphs(pages: list[list[_Row]], sizes: list[tuple[float, float]], defects: DefectLog) -> PdfText:
    # The text block is measured over all pages of one paper size (a landscape table page
    # has its own); one page's few lines do not show where its margins are.
    by_size: dict[tuple[int, int], list[_Row]] = {}
    page_size: dict[int, tuple[int, int]] = {}
    for number, rows in enumerate(pages, start=1):
        key = (round(sizes[number - 1][0]), round(sizes[number - 1][1]))
        page_size[number] = key
        by_size.setdefault(key, []).extend(rows)
    # the body's type size is the document's (a landscape page of a table and its title alone
    # would take the title's); the edges are each paper size's own
    middles = {number: width / 2 for number, (width, _) in enumerate(sizes, start=1)}
    body = _block([row for rows in pages for row in rows], middles).size
    pitch = _pitch([row for rows in pages for row in rows], body)
    blocks = {key: replace(_block(rows), size=body, pitch=pitch) for key, rows in by_size.items()}
    for key, rows in by_size.items():
        blocks[key].flush = _flush(rows, blocks[key].left, body)
    stream = _captions([row for rows in pages for row in rows], {n: blocks[k] for n, k in page_size.items()})
    groups: list[list[_Row]] = []
    for row in _attach_side_text(stream):
        if groups and _continues(groups[-1], row, blocks[page_size[row.page]]):
            groups[-1].append(row)
        else:
            groups.append([row])
    out = PdfText([])
    for no, group in enumerate(groups, start=1):
        first = group[0]
        out.places[no] = (first.page, first.index)
        if first.table is not None:
            out.lines.append(Line(no, "", table=first.table))
            continue
        text = _joined(group, blocks[page_size[first.page]])
        out.lines.append(Line(no, clean_text(remove_garbage(text, no, defects))))
    return out


def _captions(rows: list[_Row], blocks: dict[int, _Block]) -> list[_Row]:
    """A short line centred right above a table is its title (附表 caption), as the Word reader
    takes a table's caption paragraph — unless it is the last line of the paragraph above; a
    table that ends a page and one of as many columns that begins the next are one table broken
    by the page (its header rows, repeated on the new page, and a row the break split are
    read once)."""
    out: list[_Row] = []
    first_on_page: dict[int, int] = {}  # after the running header (page chrome) is gone
    for row in rows:
        first_on_page.setdefault(row.page, id(row))
    for row in rows:
        above = out[-1] if out else None
        if (
            row.table is not None
            and above is not None
            and above.table is not None
            and max(above.page, above.end_page) == row.page - 1
            and first_on_page[row.page] == id(row)
            and above.columns == row.columns
        ):
            _continue_table(above.table, row.table)
            above.end_page = row.page
            continue
        if (
            row.table is not None
            and row.table.title is None
            and above is not None
            and above.table is None
            and len(out) > 1  # the document's first line is its title, not a table's
            and above.size < blocks[above.page].size + 2  # a caption is body type; a title is larger
            and above.page == row.page
            and 0 <= row.top - above.bottom < 2 * above.size
            and abs(above.centre - row.centre) < above.size
            and len(above.text) <= 40
            and not ends_sentence(above.text)
            and not is_task_line(clean_text(above.text))  # a node's （牵头单位：…） above its table
            and not (len(out) > 1 and _continues([out[-2]], above, blocks[above.page]))
        ):
            out.pop()
            row.table.title = clean_text(above.text)
        out.append(row)
    return out


def _continue_table(table: Table, more: Table) -> None:
    """``table`` goes on with the rows of ``more``, its part on the next page: without the header
    rows Word and WPS repeat on every page, and with the row the page break cut in two (its rest
    stands in the columns whose text ran over, the others empty) joined again."""
    rows = more.rows
    repeated = 0
    while repeated < min(3, len(rows), len(table.rows) - 1) and rows[repeated] == table.rows[repeated]:
        repeated += 1
    rows = rows[repeated:]
    if rows and table.rows and _split_row(table.rows[-1], rows[0]):
        last = table.rows[-1]
        table.rows[-1] = [a + b for a, b in zip(last, rows[0], strict=True)]
        rows = rows[1:]
    table.rows.extend(rows)


_NUMBER = re.compile(r"^\d{1,4}[.、．]?$")


def _split_row(last: list[str], rest: list[str]) -> bool:
    """Is ``rest`` the part of the row ``last`` that a page break carried over: text only where
    ``last`` has text that ran on (not ending a sentence), in at most half the cells, its first
    cell (序号) and at least one other empty where ``last`` has them? A row under a merged first
    cell has most of its own cells, and its short ones (牵头单位) often repeat the row above."""
    if len(last) != len(rest) or rest[0] or not last[0]:
        return False
    cut = [k for k, cell in enumerate(rest) if cell]
    if not cut or 2 * len(cut) > len(rest):
        return False  # most cells filled: a row of its own (under a merged 序号 or 类别 cell)
    if any(
        not last[k] or ends_sentence(last[k]) or rest[k] == last[k] or _NUMBER.match(rest[k]) for k in cut
    ):
        return False  # a cell that ended, the same 牵头单位 again, a 序号 of its own: a new row
    return any(not rest[k] and last[k] for k in range(1, len(rest)))


def _attach_side_text(rows: list[_Row]) -> list[_Row]:
    """A line set beside a block of lines (文件 to the right of two issuers' names, centred on
    them) ends the block's last line, as it reads."""
    out: list[_Row] = []
    for i, row in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        prev = out[-1] if out else None
        beside_prev = (
            prev is not None
            and prev.table is None
            and row.table is None
            and prev.page == row.page
            and row.x0 > prev.x1
            and row.top < prev.bottom
        )
        if (
            beside_prev
            and nxt is not None
            and nxt.page == row.page
            and nxt.table is None
            and nxt.top < row.bottom
        ):
            if nxt.x1 < row.x0:  # the block goes on under it: it ends the block's next line
                rows[i + 1] = _merged(nxt, row)
                continue
        if beside_prev and prev is not None:
            out[-1] = _merged(prev, row)
            continue
        out.append(row)
    return out


def _merged(left: _Row, right: _Row) -> _Row:
    return _Row(
        left.page,
        left.index,
        _unspread(left.text) + _unspread(right.text),
        left.x0,
        left.x1,  # where the block's own line ends: the side text does not make it full
        min(left.top, right.top),
        max(left.bottom, right.bottom),
        left.size,
        left.first_font,
        right.last_font,
    )


def _continues(group: list[_Row], row: _Row, block: _Block) -> bool:
    """Does ``row`` go on the paragraph of ``group``?"""
    last = group[-1]
    if last.table is not None or row.table is not None:
        return False
    if abs(last.size - row.size) >= 0.6:
        return False
    if is_task_line("".join(part.text for part in group).replace(" ", "")):
        return False  # （牵头单位：…） ends where its bracket closes, full line or not
    em = max(row.size, 1.0)
    if row.page == last.page and row.top - last.top > max(2.2 * em, 1.25 * block.pitch):
        return False  # a gap wider than the line spacing: a new block
    if _is_title(last, block) and _is_title(row, block):
        return True  # a title over several centred lines
    if row.size >= block.size + 2:
        return False  # large type that is no centred title (a 发文机关标志): a line each
    at_left = row.x0 <= block.left + 0.5 * em
    # a line broken before a 。 falls one character short
    full = last.x1 >= min(block.right, block.line_end or block.right) - 1.6 * em
    if at_left and not full and _heading_broken_by_hand(group, row, block):
        return True
    if at_left and not full and _pushed_on(group, row, block):
        return True
    if not (at_left and full):
        return False
    if last.x0 > block.left + 4 * em and abs(last.centre - (block.left + block.right) / 2) < em:
        return False  # a centred line is its own paragraph
    if _section_label(group[0].text) and _section_label(row.text):
        return False  # a section heading after a section heading: each stands on its own line
    if block.flush and ends_sentence(last.text) and parse_label(row.text.strip()) is not None:
        # a full line that ends a sentence, then a numbered line: a new item, in a text set flush
        # left without indents (a default Word style), which shows no other sign of it; where
        # items are indented, a wrapped line may well start with （二） of a run-in list
        return False
    if _ANNEX_LABEL.match(row.text.replace(" ", "")):
        # an attachment's label stands alone (GB/T 9704 §7.3.7), though a plan of bare headings
        # leaves too few lines to tell a full line from a short one
        return False
    first_char = row.text[:1]
    return not (_CJK.match(first_char) and row.first_font != last.last_font and len(row.text) < 12)


_NO_CLAUSE_END = re.compile(r"[\u4e00-\u9fff]$")  # mid-word (a date, a link's entry, ends in digits)


def _pushed_on(group: list[_Row], row: _Row, block: _Block) -> bool:
    """A paragraph's line that stops short of the edge mid-phrase, no mark ending it, because the
    typesetter pushed a run it would not break (（2024—2025年）工作方案》) to the next line: the next
    line at the left edge goes on it — after a line of an indented paragraph, or a nearly full one."""
    last, head = group[-1], group[0]
    em = max(last.size, 1.0)
    width = block.right - block.left
    indented = not block.flush and head.x0 > block.left + 1.5 * em  # the paragraph opened indented
    # set flush left (a web page's text printed without its indents): only a line nearly full
    reach = 0.6 if indented else 0.85
    return (
        row.page == last.page
        and (indented or head.x0 <= block.left + 0.5 * em)
        and abs(head.centre - (block.left + block.right) / 2) >= em  # no centred title
        and last.x1 >= block.left + reach * width
        and bool(_NO_CLAUSE_END.search(last.text.rstrip()))
        and not _section_label(head.text)
        and parse_label(row.text.strip()) is None
        and not _ANNEX_LABEL.match(row.text.replace(" ", ""))
        and not row.text.lstrip().startswith(("【", "[", "•", "·"))  # an entry of a list of links
    )


def _heading_broken_by_hand(group: list[_Row], row: _Row, block: _Block) -> bool:
    """A section heading (一、…) in its own typeface (黑体 over a 仿宋 text) that the author broke
    with a line break: its rest, short, in the same face at the left edge, ending no sentence."""
    head = group[0]
    return (
        len(group) == 1
        and row.page == head.page  # on the next page, under it: a 附件 label, a new part
        and not _ANNEX_LABEL.match(row.text.replace(" ", ""))
        and _section_label(head.text)
        and bool(block.font)
        and head.first_font != block.font
        and row.first_font == head.last_font == row.last_font
        and parse_label(row.text.strip()) is None
        and len(row.text) <= 20
        and not ends_sentence(head.text)
        and not ends_sentence(row.text)
        and not re.search(r"[，。；：]", row.text)
    )


def _section_label(text: str) -> bool:
    """Does the line open with a section label (一、 …)? With too few lines to measure the text
    block (a plan of bare headings), two headings would otherwise read as one paragraph."""
    found = parse_label(text.strip())
    return found is not None and found.scheme == "chinese"


def _is_title(row: _Row, block: _Block) -> bool:
    """A line in a font clearly larger than the body's, centred in the text block."""
    middle = (block.left + block.right) / 2
    return row.size >= block.size + 2 and abs(row.centre - middle) < 0.75 * max(row.size, 1.0)


def _joined(group: list[_Row], block: _Block) -> str:
    parts = [_unspread(row.text) for row in group]
    if len(group) == 1:
        return parts[0]
    if all(_is_title(row, block) for row in group):
        lines = [clean_text(p) for p in parts]
        return _title_text(
            lines, [_full(row, after, block) for row, after in zip(group, [*lines[1:], ""], strict=True)]
        )
    text = parts[0]
    for part in parts[1:]:
        # Lines of a Chinese paragraph join without a space; two Latin words keep one.
        glue = (
            " "
            if text[-1:].isascii() and text[-1:].isalpha() and part[:1].isascii() and part[:1].isalpha()
            else ""
        )
        text += glue + part
    return text


def _full(row: _Row, after: str, block: _Block) -> bool:
    """Is ``row`` as full as a wrapped line is: would the next line's first character (with
    the closing marks that may not start a line) have overrun the text block?"""
    head = re.match(r"^.[，。、；：？！）》」』】〕”’%]*", after)
    need = width_zi(head.group(0)) * row.size if head else 0.0
    return row.x1 - row.x0 + need > block.right - block.left + 1.0


def _title_text(lines: list[str], full: list[bool]) -> str:
    """A title printed over ``lines``. The Word writer prints ``break_title`` of the title, whose
    forced breaks ("\n") the author wrote, a paragraph per line, which LibreOffice may wrap once
    more; the title is the reading with the fewest forced breaks that prints as these lines. A
    title no reading gives (another tool's PDF, wrapped by its own rule) is read as one line."""
    gaps = len(lines) - 1
    for forced in range(min(gaps, 4) + 1):
        for where in itertools.combinations(range(gaps), forced):
            text = lines[0] + "".join(("\n" if k in where else "") + line for k, line in enumerate(lines[1:]))
            if _prints_as(break_title(text), lines, full):
                return text
    return "".join(lines)


def _prints_as(paragraphs: list[str], lines: list[str], full: list[bool]) -> bool:
    """Do ``lines`` group, in order, into ``paragraphs``, each wrapped over lines that are
    ``full`` but for its last?"""
    k = 0
    for paragraph in paragraphs:
        built = ""
        while k < len(lines) and len(built) < len(paragraph):
            if built and not full[k - 1]:
                return False
            built += lines[k]
            k += 1
        if built != paragraph:
            return False
    return k == len(lines)


def _unspread(text: str) -> str:
    """云 溪 市 医 疗 局 → 云溪市医疗局: single characters spread over the line's width."""
    return text.replace(" ", "") if _SPREAD.match(text) else text
