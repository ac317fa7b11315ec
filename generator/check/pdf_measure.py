"""Read a PDF into what the layout rules measure: text lines and horizontal rules, in millimetres.

Positions are millimetres from the paper's top-left corner. Glyph positions come from each glyph's
baseline (its text matrix) and size, not from pdfminer's box, whose height depends on whether the
producer wrote the font's descent: the box of a CJK glyph is taken as the ideographic em box,
0.88 em above and 0.12 em below the baseline (the convention CJK fonts are drawn to).
"""

from __future__ import annotations

import logging
import statistics
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..limits import MAX_PDF_PAGES

MM = 72 / 25.4  # PDF points per millimetre
EM_ASCENT = 0.88  # ideographic em box above the baseline, in em
EM_DESCENT = 0.12

# Glyphs whose baselines differ by less than this share a line (mixed fonts on one line differ slightly).
_SAME_LINE_PT = 1.5
# A drawn segment thinner than this is a rule, not a box (LibreOffice draws borders as lines or thin rects).
_RULE_MAX_THICKNESS_MM = 2.0


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    baseline: float
    size_pt: float
    red: bool

    @property
    def full_width(self) -> bool:
        """A CJK glyph or full-width punctuation: as wide as it is high (1 字)."""
        return (self.x1 - self.x0) >= 0.8 * self.size_pt / MM


@dataclass
class TextLine:
    """Glyphs of one page sharing a baseline, left to right."""

    page: int  # 1-based
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return statistics.median(g.baseline for g in self.glyphs)

    @property
    def size_pt(self) -> float:
        return max(g.size_pt for g in self.glyphs)

    @property
    def size_mm(self) -> float:
        return self.size_pt / MM

    @property
    def top(self) -> float:
        """Top of the ideographic em box of the line's largest glyphs."""
        return self.baseline - EM_ASCENT * self.size_mm

    @property
    def bottom(self) -> float:
        return self.baseline + EM_DESCENT * self.size_mm

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def red(self) -> bool:
        return all(g.red for g in self.glyphs if g.text.strip())


@dataclass(frozen=True)
class HRule:
    """A horizontal stroke: a line, or a rectangle thin enough to be drawn as one."""

    page: int
    x0: float
    x1: float
    y: float
    thickness: float
    red: bool

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class PageMeasure:
    number: int
    width: float
    height: float
    lines: list[TextLine]
    rules: list[HRule]
    frames: int  # vertical strokes and boxes: table cell borders, text frames


@dataclass
class PdfMeasure:
    pages: list[PageMeasure]

    @property
    def lines(self) -> list[TextLine]:
        return [line for page in self.pages for line in page.lines]


def is_red(colour: object) -> bool:
    """Red in any colour space pdfplumber reports: RGB, CMYK (Y80 M80 for GB/T 9704 red ink) or named."""
    if not isinstance(colour, tuple | list):
        return False
    values = [float(v) for v in colour if isinstance(v, int | float)]
    if len(values) == 3:
        r, g, b = values
        return r >= 0.6 and g <= 0.35 and b <= 0.35
    if len(values) == 4:
        c, m, y, k = values
        return c <= 0.3 and m >= 0.6 and y >= 0.6 and k <= 0.3
    return False


def measure_pdf(path: Path, pages: Collection[int] | None = None) -> PdfMeasure:
    """Every page's text lines and horizontal rules; raises whatever pdfplumber raises on a bad file.

    ``pages`` (1-based numbers) limits the work to those pages: the others are listed with their
    size but no lines or rules (what a layout pass needs)."""
    import pdfplumber  # heavy: imported only when a PDF is measured

    # pdfminer logs every font-descriptor quirk of other producers' PDFs; the report is what counts.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    _check_page_count(path)  # before pdfplumber, which builds every page object up front
    pages_out: list[PageMeasure] = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages, start=1):
            width, height = float(page.width), float(page.height)
            if pages is not None and index not in pages:
                pages_out.append(PageMeasure(index, width / MM, height / MM, [], [], 0))
                continue
            objects = list(page.lines) + list(page.rects)
            if width > height:
                # A landscape page (a wide table, GB/T 9704 §8) is bound into the portrait sheets
                # turned head-left: it is measured as the reader holds the sheet, upright, where its
                # page number must stand as on every other page; the table's text runs across it.
                glyphs = [_turned_glyph(char, width) for char in page.chars if _reads_downward(char)]
                objects = [_turned_box(obj, width) for obj in objects]
                width, height = height, width
            else:
                glyphs = [_glyph(char, height) for char in page.chars if char.get("upright", True)]
            rules, frames = _strokes(objects, index)
            pages_out.append(
                PageMeasure(
                    number=index,
                    width=width / MM,
                    height=height / MM,
                    lines=_group_lines(glyphs, index),
                    rules=rules,
                    frames=frames,
                )
            )
            page.close()  # one page's objects in memory at a time
    return PdfMeasure(pages_out)


class TooManyPages(ValueError):
    """A PDF past :data:`~generator.limits.MAX_PDF_PAGES`; not measured."""


def too_many_pages_message(count: int, *, exact: bool = True) -> str:
    from ..i18n import _

    if exact:
        return _("the PDF has {count} pages, more than the {limit} a checked document may have").format(
            count=count, limit=MAX_PDF_PAGES
        )
    return _("the PDF has more than {limit} pages, more than a checked document may have").format(
        limit=MAX_PDF_PAGES
    )


def _check_page_count(path: Path) -> None:
    """Refuse a PDF of more than MAX_PDF_PAGES pages: by the count its page tree declares, then
    by walking the tree lazily up to one page past the limit (a declared count may lie)."""
    import itertools

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        try:
            declared = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
        except (KeyError, TypeError, ValueError):
            declared = 0
        if declared > MAX_PDF_PAGES:
            raise TooManyPages(too_many_pages_message(declared))
        walked = sum(1 for _ in itertools.islice(PDFPage.create_pages(document), MAX_PDF_PAGES + 1))
        if walked > MAX_PDF_PAGES:
            raise TooManyPages(too_many_pages_message(walked, exact=False))


def _reads_downward(char: dict) -> bool:
    """A glyph turned 90° clockwise on the page (text matrix (0, −1, 1, 0)): upright once the
    landscape page is turned back to portrait."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    a, b, c, d = (float(v) for v in matrix[:4])
    return abs(a) < 1e-3 and abs(d) < 1e-3 and b < 0 < c


def _turned_glyph(char: dict, page_width: float) -> Glyph:
    """A downward-reading glyph of a landscape page in the portrait sheet's coordinates: the
    landscape top is the sheet's left, the landscape left its foot."""
    matrix = char["matrix"]
    return Glyph(
        text=plain_text(char["text"]),
        x0=float(char["top"]) / MM,
        x1=float(char["bottom"]) / MM,
        baseline=(page_width - float(matrix[4])) / MM,
        size_pt=round(float(char["size"]), 2),
        red=is_red(char.get("non_stroking_color")),
    )


def _turned_box(obj: dict, page_width: float) -> dict:
    """A line or rectangle of a landscape page in the portrait sheet's coordinates."""
    turned = dict(obj)
    turned.update(
        x0=obj["top"],
        x1=obj["bottom"],
        top=page_width - float(obj["x1"]),
        bottom=page_width - float(obj["x0"]),
    )
    return turned


def plain_text(text: str) -> str:
    """Kangxi and supplementary radicals (U+2E80–U+2FDF) as the ideographs they look like: Chromium/Skia
    PDFs map 一 日 月 … to ⼀ ⽇ ⽉ in their ToUnicode tables, which would hide labels and dates."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch for ch in text)


def _glyph(char: dict, page_height: float) -> Glyph:
    matrix = char.get("matrix")
    baseline_pt = page_height - float(matrix[5]) if matrix else float(char["bottom"])
    return Glyph(
        text=plain_text(char["text"]),
        x0=float(char["x0"]) / MM,
        x1=float(char["x1"]) / MM,
        baseline=baseline_pt / MM,
        size_pt=round(float(char["size"]), 2),
        red=is_red(char.get("non_stroking_color")),
    )


def _group_lines(glyphs: list[Glyph], page: int) -> list[TextLine]:
    lines: list[TextLine] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if lines and abs(glyph.baseline - lines[-1].glyphs[0].baseline) * MM <= _SAME_LINE_PT:
            lines[-1].glyphs.append(glyph)
        else:
            lines.append(TextLine(page, [glyph]))
    for line in lines:
        line.glyphs.sort(key=lambda g: g.x0)
        # Spaces carry no ink: a line is where its visible glyphs are.
        visible = [g for g in line.glyphs if g.text.strip()]
        line.glyphs = visible
    return [line for line in lines if line.glyphs]


def _strokes(objects: list[dict], number: int) -> tuple[list[HRule], int]:
    rules: list[HRule] = []
    frames = 0
    for obj in objects:
        x0, x1 = float(obj["x0"]) / MM, float(obj["x1"]) / MM
        top, bottom = float(obj["top"]) / MM, float(obj["bottom"]) / MM
        width, height = x1 - x0, bottom - top
        if obj["object_type"] == "line":
            colour = obj.get("stroking_color")
            thickness = float(obj.get("linewidth") or 0) / MM
        else:
            filled = obj.get("fill")
            colour = obj.get("non_stroking_color") if filled else obj.get("stroking_color")
            thickness = height
        if height <= _RULE_MAX_THICKNESS_MM and width > 5 * max(height, 0.01):
            rules.append(HRule(number, x0, x1, (top + bottom) / 2, thickness, is_red(colour)))
        elif height > 2:  # a vertical border, or a cell or frame drawn as a box
            frames += 1
    return _dedupe(rules), frames


def _dedupe(rules: list[HRule]) -> list[HRule]:
    """LibreOffice sometimes paints one border twice; keep one of each."""
    kept: list[HRule] = []
    for rule in sorted(rules, key=lambda r: (r.y, r.x0)):
        if any(
            abs(rule.y - k.y) < 0.2 and abs(rule.x0 - k.x0) < 0.2 and abs(rule.x1 - k.x1) < 0.2 for k in kept
        ):
            continue
        kept.append(rule)
    return kept
