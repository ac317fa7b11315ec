"""Word (.docx) → lines: paragraphs with Word's automatic numbers resolved, tables in place.

A .docx is a zip of XML; a hostile one can claim gigabytes once inflated, so member sizes are
checked before python-docx parses anything (its lxml parser does not resolve entities).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import ooxml as ox
from ..errors import os_reason
from ..i18n import _
from ..model import Table
from ..numbering import chinese_numeral, circled_numeral
from ..title_lines import break_title
from .defects import DefectLog
from .lines import Line, clean_text, remove_garbage

_LAYOUT_CELL = re.compile(r"(抄送|印发$|〔\d{4}〕|文件$|签发人)")
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"


class NotDocx(ValueError):
    """The file cannot be read as a Word document; the message says why."""


def docx_lines(path: Path, defects: DefectLog) -> list[Line]:
    """The document's body as lines (paragraph numbers count from 1, tables included)."""
    _check_package(path)
    import docx  # python-docx; imported here so text imports stay fast

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise NotDocx(
            _("not a readable Word document ({reason})").format(reason=type(exc).__name__)
        ) from None
    numbers = _AutoNumbers(document, defects)
    out: list[Line] = []
    titles: list[tuple[str, list[str]]] = []  # (style, lines) of the last title paragraphs
    captions: dict[int, str] = {}  # paragraph number → text of a table-title paragraph
    previous_style = ""
    for no, (kind, item) in enumerate(_body_items(document), start=1):
        if kind == "tbl":
            previous_style = ""
            lines = _table_lines(item, no)
            caption = captions.get(no - 1)
            if caption is not None and lines and lines[0].table is not None and out and out[-1].no == no - 1:
                out.pop()  # the table's title paragraph (附表 caption) belongs to the table
                lines[0].table.title = caption
            out.extend(lines)
            continue
        style = _style_name(item)
        if style in _CAPTION_STYLES and item.text.strip():
            captions[no] = item.text.strip()
        text = remove_garbage(item.text, no, defects)
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
        for part in text.split("\n"):
            out.append(Line(no, clean_text(part), label=label))
            label = ""
        for box in ox.text_box_texts(item._p):  # 版记 set in a text box at the page bottom (our writer)
            out.extend(Line(no, clean_text(line)) for line in box.split("\n") if line.strip())
    return out


_TITLE_STYLES = ("WP Title", "WP Annex Title")
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


def _table_lines(table: Any, no: int) -> list[Line]:
    """A table in place; a layout table (版头/版记 set in a grid) gives its cells' lines."""
    cells = _cells(table)
    if any(_LAYOUT_CELL.search(p) for row in cells for cell in row for p in cell):
        return [Line(no, clean_text(p)) for row in cells for cell in row for p in cell if p.strip()]
    rows = [[clean_text(" ".join(cell)) for cell in row] for row in cells]
    return [Line(no, "", table=Table(rows=rows))] if rows else []


def _check_package(path: Path) -> None:
    from ..zipcheck import PackageError, check_package

    try:
        check_package(path)
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise NotDocx(_("a zip file, not a Word document (no word/document.xml)"))
    except PackageError as exc:
        raise NotDocx(str(exc)) from None
    except zipfile.BadZipFile:
        raise NotDocx(_("not a .docx: the file is not a valid zip package")) from None
    except OSError as exc:
        raise NotDocx(_("cannot read the file: {reason}").format(reason=os_reason(exc))) from None


def _body_items(document: Any) -> Iterator[tuple[str, Any]]:
    """Paragraphs and tables of the body in document order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if ox.is_paragraph(child):
            yield "p", Paragraph(child, document)
        elif ox.is_table(child):
            yield "tbl", DocxTable(child, document)


def _cells(table: Any) -> list[list[list[str]]]:
    """rows → cells → paragraph texts; a merged cell is taken once (python-docx repeats it per
    grid column)."""
    rows: list[list[list[str]]] = []
    seen: list[Any] = []
    for row in table.rows:
        cells: list[list[str]] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append([p.text for p in cell.paragraphs])
        rows.append(cells)
    return rows


class _AutoNumbers:
    """Word's automatic numbering (w:numPr → numbering.xml) turned into the label text Word
    shows: counters per list and level, deeper levels restarting when a shallower one counts."""

    def __init__(self, document: Any, defects: DefectLog) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}  # list → ilvl → last number
        self.list_of: dict[str, str] = {}  # numId → the list whose counters it uses
        self.defects = defects
        self.broken: list[str] = []  # what numbering.xml got wrong, reported at the first number
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return
        written, nums = ox.numbering_xml(numbering)
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract_id, lvls in written.items():
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in lvls:
                start = self._number(lvl.start, "w:start", 1)
                levels[self._number(lvl.ilvl, "w:ilvl", 0)] = (lvl.fmt or "decimal", lvl.text or "", start)
            abstract[abstract_id] = levels
        for num in nums:
            num_id, ref = num.num_id, num.abstract_id
            levels = dict(abstract.get(ref, {}))
            # Lists sharing an abstractNum count on together (Word), unless this one restarts.
            self.list_of[num_id] = f"abstract:{ref}"
            for written_ilvl, start in num.overrides:
                ilvl = self._number(written_ilvl, "w:ilvl", 0)
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, self._number(start, "w:startOverride", 1))
                    self.list_of[num_id] = f"num:{num_id}"
            self.levels[num_id] = levels

    def _number(self, value: str | None, name: str, default: int) -> int:
        """A whole number of numbering.xml; anything else (a hand-edited or generated file) is
        reported and counted as ``default``, as Word does."""
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            self.broken.append(
                _("Word numbering: {name} {value} is not a number; {default} used").format(
                    name=name, value=repr(value), default=default
                )
            )
            return default

    def label(self, paragraph: Any, no: int) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        for message in self.broken:
            self.defects.add(no, "broken_numbering", message)
        self.broken.clear()
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.list_of.get(num_id, num_id), {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            if level not in levels:
                return ""
            value = counters.get(level, levels[level][2])
            return _format(levels[level][0], value)

        return re.sub(r"%(\d)", number, text)

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        """numPr of the paragraph, or of its style (Word numbers headings through styles)."""
        candidates = [paragraph._p.pPr]
        try:
            style = paragraph.style
            while style is not None:
                candidates.append(style.element.pPr)
                style = style.base_style
        except (AttributeError, KeyError, ValueError):
            pass  # a broken style reference: the paragraph's own numPr still counts
        num_id: str | None = None
        ilvl: int | None = None
        for ppr in candidates:
            written_id, written_ilvl = ox.num_pr(ppr)
            if num_id is None and written_id is not None:
                num_id = written_id
            if ilvl is None and written_ilvl is not None:
                ilvl = self._number(written_ilvl, "w:ilvl", 0)
        return num_id, ilvl or 0


def _format(fmt: str, n: int) -> str:
    """One counter in Word's number format (ECMA-376 §17.18.59, the formats Chinese plans use)."""
    if fmt.startswith("chinese") or fmt in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return chinese_numeral(n) if 1 <= n <= 9999 else str(n)
    if fmt == "ideographTraditional":
        return _IDEOGRAPH_TRADITIONAL[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle"):
        return circled_numeral(n)
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    return str(n)
