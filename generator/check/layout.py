"""The layout check: measure a PDF (or a .docx converted by LibreOffice) against GB/T 9704-2012.

It judges any document, not only this tool's: everything is measured from the printed page —
glyph baselines and sizes, red glyphs, horizontal rules — never from how the file was made.
Figures are millimetres from the paper's top-left corner (spec §9, checker geometry cheat-sheet).

Line boxes: a full body page is 22 fixed-height lines filling the 225 mm 版心; the glyphs sit inside
their line box with a baseline ≈ 0.45 em above its bottom (LibreOffice 7.4, measured 7.0–7.9 pt at
16 pt with Noto CJK and AR PL fonts), so the 版心 top is the first baseline minus (pitch − 0.45 em)
and its bottom the last baseline plus 0.45 em. LibreOffice centres its line grid in the text area,
so when the margins are wrong the measured top and bottom are only known to half a line pitch; the
.docx page setup, when the input is a .docx, is reported as its own rule.
"""

from __future__ import annotations

import itertools
import re
import statistics
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _
from ..title_lines import NO_LINE_START
from .labels import UNNUMBERED, Label, first_break, parse_label
from .pdf_measure import EM_ASCENT, MM, PageMeasure, PdfMeasure, TextLine, TooManyPages, measure_pdf
from .report import CheckReport, Rule

# GB/T 9704-2012 geometry (§5.1, §5.2.1, §7.2.4, §7.2.7, §7.3.1, §7.4.1, §7.5), millimetres.
PAPER = (210.0, 297.0)
MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
SIDES = {
    "top": N_("top"),
    "bottom": N_("bottom"),
    "left": N_("left"),
    "right": N_("right"),
}  # shown translated
AREA_BOTTOM = 262.0  # 版心 bottom: top margin 37 + height 225
AREA_LEFT, AREA_RIGHT = 28.0, 184.0
AREA_WIDTH = 156.0
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT, TITLE_PT = 16.0, 22.0  # 3号, 2号
ISSUER_MARK_TOP = 72.0  # 版心 top + 35 mm
RED_RULE_GAP = 4.0
PAGE_NUMBER_Y = 269.0  # 一字线 7 mm under the 版心
PAGE_NUMBER_ODD_RIGHT = AREA_RIGHT - 14 / MM  # 1字 of 4号 (14 pt) in from the 版心 edge: 179.1
PAGE_NUMBER_EVEN_LEFT = AREA_LEFT + 14 / MM  # 32.9

TOL_PAPER = TOL_MARGIN = TOL_RULE = 1.0
TOL_ISSUER_MARK = 3.0  # ink top sits below the em-box top; CS6 allows 3 mm
TOL_PAGE_NUMBER = 2.0  # §6.2: page numbers registered within 2 mm
TOL_SIZE_PT = 0.5

_LINE_DESCENT_EM = 0.45  # see module docstring
_DEFAULT_PITCH = 28.95 / MM  # 579 twips; used only when a document has no two consecutive body lines
_PAGE_NUMBER = re.compile(r"^([-‐‑‒–—―－─])\s*(\d+)\s*([-‐‑‒–—―－─])$")  # any dash: wrong ones are named
_EM_DASH = "—"  # U+2014, the 一字线 of §7.5
_ISSUED = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")  # 印发机关和印发日期 line, §7.4.3
_ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*$")  # §7.3.7: the 附件 page opens with 附件 [N]
_CN_DIGITS = "〇零一二三四五六七八九十"
_DATE_LINE = re.compile(  # 成文日期 on a line of its own (§7.3.5.4; Chinese numerals in older documents)
    rf"^(\d{{4}}|[{_CN_DIGITS}]{{4}})年(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})月(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})日$"
)
_SIGNATURE_X = 90.0  # mm: 署名 and 成文日期 sit right of the page middle, 正文 lines start at the left


class CheckInputError(ValueError):
    """A file the checker cannot read: missing, not .docx/.pdf, or damaged."""


def _na(rule: str, expected: str, why: str) -> Rule:
    return Rule(rule, expected, _("n/a — {why}").format(why=why), True)


def _signed(delta: float) -> str:
    """+2, −1, +0.4 with a true minus sign, as in the rest of the report."""
    text = f"{delta:+d}" if isinstance(delta, int) else f"{delta:+.1f}"
    return text.replace("-", "−")


def _off(value: float, target: float, unit: str = "mm") -> str:
    """``72.4 mm (+0.4)``: the value and how far it is from the target."""
    delta = value - target
    sign = "−" if delta < -0.05 else "+" if delta > 0.05 else "±"
    return _("{value} {unit} ({delta})").format(
        value=f"{value:.1f}", unit=unit, delta=f"{sign}{abs(delta):.1f}"
    )


# ---------------------------------------------------------------- entry points


def check_file(path: Path, *, simplex: bool = False) -> CheckReport:
    """Check a .pdf directly, or a .docx after converting it with LibreOffice in a temp folder."""
    return check_files([path], simplex=simplex)[0]


def check_files(paths: list[Path], *, simplex: bool = False) -> list[CheckReport]:
    """Check many files; every .docx among them is converted by ONE LibreOffice start.

    ``simplex``: the documents are printed on one side, so the 版记 need not be on an even page."""
    from ..soffice import convert_to_pdf

    sources = [Path(p) for p in paths]
    for source in sources:
        if source.is_dir():
            raise CheckInputError(_("{path}: is a directory — give a .docx or .pdf file").format(path=source))
        if source.suffix.lower() not in (".docx", ".pdf"):
            raise CheckInputError(_("{path}: not a .docx or .pdf file").format(path=source))
        _check_input(source)
    docx = [s for s in sources if _kind(s) == "docx"]
    for source in docx:
        _docx_margins(source)  # refuses a file that is not a Word document before LibreOffice runs
    with tempfile.TemporaryDirectory(prefix="workplan-check-") as tmp:
        staged = []
        for index, source in enumerate(docx):
            # Unique stems: LibreOffice names outputs by stem, and two inputs may share one.
            link = Path(tmp) / f"{index:04d}.docx"
            link.symlink_to(source.resolve())
            staged.append(link)
        pdfs = dict(zip(docx, convert_to_pdf(staged, Path(tmp) / "pdf"), strict=True)) if staged else {}
        return [
            check_pdf(pdfs[s], source_docx=s, simplex=simplex) if s in pdfs else check_pdf(s, simplex=simplex)
            for s in sources
        ]


def _kind(source: Path) -> str:
    """``docx`` or ``pdf``, told by the first bytes (a PDF saved as x.docx is measured as the PDF
    it is), else by the name."""
    try:
        with source.open("rb") as handle:
            head = handle.read(5)
    except OSError:
        head = b""
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"%PDF"):
        return "pdf"
    return source.suffix.lower().lstrip(".")


def _check_input(source: Path) -> None:
    """A regular file within the size limit; a .docx within the zip limits (see limits.py)."""
    from ..errors import InputError
    from ..limits import MAX_PACKAGE_BYTES, check_input

    try:
        check_input(source, MAX_PACKAGE_BYTES)
    except InputError as exc:
        problem = exc.problems[0]
        raise CheckInputError(
            _("{path}: {reason} — {hint}").format(path=source, reason=problem.message, hint=problem.hint)
        ) from None
    if _kind(source) == "docx":
        import zipfile

        from ..zipcheck import PackageError, check_package

        try:
            check_package(source)
        except PackageError as exc:
            raise CheckInputError(_("{path}: {reason}").format(path=source, reason=exc)) from None
        except zipfile.BadZipFile:
            raise CheckInputError(
                _("{path}: not a readable Word document — check that it opens in Word").format(path=source)
            ) from None


def check_pdf(pdf_path: Path, *, source_docx: Path | None = None, simplex: bool = False) -> CheckReport:
    """Measure a PDF against the GB/T 9704-2012 geometry. ``source_docx`` adds the docx's own margins."""
    try:
        measure = measure_pdf(Path(pdf_path))
    except TooManyPages as exc:
        raise CheckInputError(
            _("{path}: {reason} — check it in parts").format(path=pdf_path, reason=exc)
        ) from None
    except Exception:  # pdfminer raises many kinds on damaged input
        raise CheckInputError(
            _("{path}: not a readable PDF — check that it opens in a PDF viewer").format(path=pdf_path)
        ) from None
    report = CheckReport(_rules(measure, simplex=simplex))
    if source_docx is not None:
        report.rules.insert(2, _docx_margin_rule(source_docx))
    return report


# ---------------------------------------------------------------- the document's body text


@dataclass
class Body:
    """What the rules share: body lines (the most common glyph size) and the line pitch."""

    size_pt: float
    share: float  # fraction of glyphs at the body size
    lines: list[TextLine]
    pitch: float  # mm between consecutive baselines
    left: float | None
    right: float | None
    page_number_lines: set[int]  # id() of lines that are page numbers


def _page_number_line(page: PageMeasure) -> TextLine | None:
    candidates = [
        line
        for line in page.lines
        if line.baseline > 0.75 * page.height and _PAGE_NUMBER.match(line.text.replace(" ", ""))
    ]
    return max(candidates, key=lambda line: line.baseline) if candidates else None


MIN_EDGE_CHARS = 14  # characters a line spans at least to show where the 版心's right edge is


def _edge(values: list[float], *, lowest: bool, support: int) -> float | None:
    """The outermost position shared by at least ``support`` lines (±0.4 mm): a text edge, not a stray."""
    for value in sorted(values, reverse=not lowest):
        near = [v for v in values if abs(v - value) <= 0.4]
        if len(near) >= support:
            return statistics.median(near)
    return None


def _in_table(line: TextLine, page: PageMeasure) -> bool:
    """Is ``line`` inside a ruled box — a table cell, the 版记 — with a rule above and one below it
    spanning its text?"""

    def spans(rule) -> bool:  # type: ignore[no-untyped-def]
        return not rule.red and rule.x0 <= line.x0 + 0.5 and rule.x1 >= line.x1 - 0.5

    return any(spans(r) and r.y <= line.top for r in page.rules) and any(
        spans(r) and r.y >= line.baseline for r in page.rules
    )


def _body(measure: PdfMeasure) -> Body | None:
    numbers = {id(line) for page in measure.pages if (line := _page_number_line(page))}
    sizes: Counter[float] = Counter()
    boxed: Counter[float] = Counter()  # text in tables, set smaller: the body size only if there is no other
    for line in measure.lines:
        if id(line) not in numbers:
            votes = boxed if _in_table(line, measure.pages[line.page - 1]) else sizes
            votes.update(round(g.size_pt * 2) / 2 for g in line.glyphs if not g.red)
    sizes = sizes or boxed
    if not sizes:
        return None
    size, count = sizes.most_common(1)[0]
    lines = [
        line
        for line in measure.lines
        if id(line) not in numbers and not line.red and abs(line.size_pt - size) <= TOL_SIZE_PT
    ]
    # The 署名 and 成文日期 (right of the page middle) are no measure of the text's grid or edges:
    # their lines may be squeezed closer (§7.3.5.5) and they end short of the right edge.
    text = [line for line in lines if line.x0 < _SIGNATURE_X]
    gaps = [
        b.baseline - a.baseline
        for a, b in itertools.pairwise(text)
        if a.page == b.page and 0 < b.baseline - a.baseline < 2.5 * size / MM
    ]
    support = max(2, len(text) // 20)
    pitch = _DEFAULT_PITCH
    if gaps:
        # LibreOffice rounds positions; the mean of the one-line gaps is steadier than their median.
        # The middle gap itself (median_low), not the mean of two: with an even count of gaps, two
        # kinds (a squeezed signature block's and the grid's) may leave none within 0.3 of their mean.
        middle = statistics.median_low(gaps)
        pitch = statistics.fmean(g for g in gaps if abs(g - middle) <= 0.3)
    left = _edge([line.x0 for line in text], lowest=True, support=support)
    # Two short lines ending alike (各单位： and 现印发。 of a one-line notice) are no right edge: a
    # line that reaches the edge is at least half the 28 characters of the standard's line.
    shortest = (left or 0.0) + MIN_EDGE_CHARS * size / MM
    return Body(
        size_pt=size,
        share=count / sum(sizes.values()),
        lines=lines,
        pitch=pitch,
        left=left,
        right=_edge([line.x1 for line in text if line.x1 >= shortest], lowest=False, support=support),
        page_number_lines=numbers,
    )


def _box_top(line: TextLine, body: Body) -> float:
    return line.baseline - (body.pitch - _LINE_DESCENT_EM * line.size_mm)


def _box_bottom(line: TextLine) -> float:
    return line.baseline + _LINE_DESCENT_EM * line.size_mm


def _content(page: PageMeasure, body: Body) -> list[TextLine]:
    return [line for line in page.lines if id(line) not in body.page_number_lines]


def _full_pages(measure: PdfMeasure, body: Body) -> list[PageMeasure]:
    """Body pages filled to the bottom: only body-size text, no table or 版记 rules, and either the
    last paragraph runs on to the next page or no further line would fit above the 版心 bottom
    (a page short of the bottom on the standard grid, its paragraph running on, is not one when
    one or two lines short, or when it is the page before the 成文日期's, ended by the keep chain)."""
    body_ids = {id(line) for line in body.lines}
    date = _date_line(measure)
    full = []
    for index, page in enumerate(measure.pages):
        content = _content(page, body)
        if len(content) < 2 or any(id(line) not in body_ids for line in content):
            continue
        if page.frames or any(rule.width > 50 for rule in page.rules):
            continue
        last = content[-1]
        runs_on = False
        if index + 1 < len(measure.pages) and body.left is not None and body.right is not None:
            following = _content(measure.pages[index + 1], body)
            # The 附件 label also starts flush left, but after a page break, not a running paragraph.
            runs_on = (
                last.x1 >= body.right - last.size_mm
                and bool(following)
                and abs(following[0].x0 - body.left) < 0.5 * following[0].size_mm
                and not _ATTACHMENT_LABEL.match(following[0].text)
            )
        free = AREA_BOTTOM - _box_bottom(last)
        standard = abs(body.pitch - _DEFAULT_PITCH) < 0.05
        if runs_on and standard and free > 0.5 * body.pitch:
            chain = date is not None and page.number == date.page - 1
            if chain or free < 2.5 * body.pitch:
                # grid lines left empty on the standard's grid: the signature block's keep chain
                # ended the page before the 成文日期's, or widow and orphan control (a task line
                # kept with its item's last two lines) carried one or two lines over — the flow's
                # choice, not the geometry's
                continue
        if runs_on or _box_bottom(last) + body.pitch > AREA_BOTTOM + TOL_MARGIN:
            full.append(page)
    return full


def _page_line_count(lines: list[TextLine], pitch: float) -> int:
    """Lines a page holds: its baselines plus the empty lines (blank paragraphs) between them."""
    count = len(lines)
    for a, b in itertools.pairwise(lines):
        count += max(0, round((b.baseline - a.baseline) / pitch) - 1)
    return count


# ---------------------------------------------------------------- the rules


def _rules(measure: PdfMeasure, *, simplex: bool = False) -> list[Rule]:
    body = _body(measure)
    rules = [_paper_rule(measure)]
    if body is None:
        rules.append(Rule("body text", _("3号 body text on the pages"), _("no text found"), False))
        return rules
    full = _full_pages(measure, body)
    rules += [
        _margin_rule(measure, body, full),
        _lines_rule(body, full),
        _chars_rule(body),
        _body_size_rule(body),
        _issuer_mark_rule(measure),
        _red_rule_rule(measure),
        _title_rule(measure),
        _page_number_rule(measure),
        _record_rule(measure),
        _body_start_rule(measure, body),
        _date_page_rule(measure, body),
        _record_page_rule(measure, simplex),
        _blank_page_rule(measure, body),
        _text_area_rule(measure, body),
        _numbering_rule(measure, body),
    ]
    return rules


def _paper_rule(measure: PdfMeasure) -> Rule:
    expected = f"A4 {PAPER[0]:.0f} × {PAPER[1]:.0f} mm ±{TOL_PAPER:.0f}"
    for page in measure.pages:
        if abs(page.width - PAPER[0]) > TOL_PAPER or abs(page.height - PAPER[1]) > TOL_PAPER:
            return Rule(
                "page size",
                expected,
                _("page {page}: {width} × {height} mm ({dw}, {dh})").format(
                    page=page.number,
                    width=f"{page.width:.1f}",
                    height=f"{page.height:.1f}",
                    dw=_signed(page.width - PAPER[0]),
                    dh=_signed(page.height - PAPER[1]),
                ),
                False,
            )
    first = measure.pages[0]
    return Rule(
        "page size",
        expected,
        _("{width} × {height} mm, {pages} pages").format(
            width=f"{first.width:.1f}", height=f"{first.height:.1f}", pages=len(measure.pages)
        ),
        True,
    )


def _margin_rule(measure: PdfMeasure, body: Body, full: list[PageMeasure]) -> Rule:
    expected = _("top 37, bottom 35, left 28, right 26 mm ±1 (版心 156 × 225)")
    tops = []
    body_ids = {id(line) for line in body.lines}
    for page in measure.pages:
        content = _content(page, body)
        # Page 1 starts with the 版头 (often blank lines above the 发文机关标志): use it only if alone.
        if content and id(content[0]) in body_ids and (page.number > 1 or len(measure.pages) == 1):
            tops.append(_box_top(content[0], body))
    bottoms = [_box_bottom(_content(page, body)[-1]) for page in full]
    found = {
        "top": statistics.median(tops) if tops else None,
        "bottom": PAPER[1] - statistics.median(bottoms) if bottoms else None,
        "left": body.left,
        "right": PAPER[0] - body.right if body.right is not None else None,
    }
    parts, passed = [], True
    for side, value in found.items():
        if value is None:
            parts.append(_("{side} n/a").format(side=_(SIDES[side])))
            continue
        parts.append(f"{_(SIDES[side])} {_off(value, MARGINS[side])}")
        passed &= abs(value - MARGINS[side]) <= TOL_MARGIN
    return Rule("版心 margins (measured text)", expected, _(", ").join(parts), passed)


def _docx_margins(path: Path) -> list[dict[str, float]]:
    """Each section's page margins in mm, as the .docx sets them up (w:sectPr/w:pgMar), on the
    portrait sheet."""
    import docx  # python-docx: heavy, only for .docx input

    try:
        sections = list(docx.Document(str(path)).sections)
    except Exception:  # not a zip, not OOXML, no document part: python-docx, zipfile, lxml errors
        raise CheckInputError(
            _("{path}: not a readable Word document — check that it opens in Word").format(path=path)
        ) from None
    emu_per_mm = 36000
    out = []
    for section in sections:
        margins = {
            "top": (section.top_margin or 0) / emu_per_mm,
            "bottom": (section.bottom_margin or 0) / emu_per_mm,
            "left": (section.left_margin or 0) / emu_per_mm,
            "right": (section.right_margin or 0) / emu_per_mm,
        }
        if (section.page_width or 0) > (section.page_height or 0):
            # a landscape section is bound turned head-left (GB/T 9704 §8): its top margin is the
            # sheet's left, its left margin the sheet's foot
            margins = {
                "top": margins["right"],
                "bottom": margins["left"],
                "left": margins["top"],
                "right": margins["bottom"],
            }
        out.append(margins)
    return out


def _docx_margin_rule(path: Path) -> Rule:
    expected = _("top 37, bottom 35, left 28, right 26 mm ±1")
    sections = _docx_margins(path)
    if not sections:
        return Rule("版心 margins (docx page setup)", expected, _("no section properties"), False)
    wrong = [
        (number, margins)
        for number, margins in enumerate(sections, start=1)
        if any(abs(margins[side] - MARGINS[side]) > TOL_MARGIN for side in MARGINS)
    ]
    number, margins = wrong[0] if wrong else (1, sections[0])
    measured = _(", ").join(f"{_(SIDES[side])} {_off(margins[side], MARGINS[side])}" for side in MARGINS)
    if len(sections) > 1:
        measured = _("section {number} of {count}: {measured}").format(
            number=number, count=len(sections), measured=measured
        )
    return Rule("版心 margins (docx page setup)", expected, measured, not wrong)


def _lines_rule(body: Body, full: list[PageMeasure]) -> Rule:
    expected = _("{lines} lines on a full body page").format(lines=LINES_PER_PAGE)
    if not full:
        return _na("lines per page", expected, _("no full body page"))
    by_page = {page.number: _page_line_count(_content(page, body), body.pitch) for page in full}
    wrong = {number: n for number, n in by_page.items() if n != LINES_PER_PAGE}
    pitch = _("pitch {pitch} pt").format(pitch=f"{body.pitch * MM:.2f}")
    if wrong:
        number, n = next(iter(wrong.items()))
        return Rule(
            "lines per page",
            expected,
            _("{lines} lines on page {page} ({off}); {wrong} of {full} full pages wrong; {pitch}").format(
                lines=n,
                page=number,
                off=_signed(n - LINES_PER_PAGE),
                wrong=len(wrong),
                full=len(full),
                pitch=pitch,
            ),
            False,
        )
    measured = _("{lines} on all {full} full pages; {pitch}").format(
        lines=LINES_PER_PAGE, full=len(full), pitch=pitch
    )
    return Rule("lines per page", expected, measured, True)


def _advance(line: TextLine) -> float:
    """Median distance from one glyph to the next: the character pitch of the line."""
    steps = [b.x0 - a.x0 for a, b in itertools.pairwise(line.glyphs)]
    return statistics.median(steps) if steps else 0.0


def _chars_rule(body: Body) -> Rule:
    expected = _("{chars} characters on a full body line").format(chars=CHARS_PER_LINE)
    if body.left is None or body.right is None:
        return _na("characters per line", expected, _("no text edge found"))
    full: list[TextLine] = []
    pulled = 0
    for k, line in enumerate(body.lines):
        em = line.size_mm
        if abs(line.x0 - body.left) > 0.3 * em or line.x1 < body.right - 0.5 * em or len(line.glyphs) < 2:
            continue
        if not all(g.full_width for g in line.glyphs):  # half-width digits and Latin change the count
            continue
        after = body.lines[k + 1].text.lstrip() if k + 1 < len(body.lines) else ""
        if any(char in NO_LINE_START for char in after[:2]):
            pulled += 1  # its last character went down with a mark that may not start a line
            continue
        full.append(line)
    if not full and pulled:
        return _na("characters per line", expected, _("no full line of CJK text"))
    if not full:
        return _na("characters per line", expected, _("no full line of CJK text"))
    # A line is also full when justification spread fewer characters over it: a character that may not
    # start a line (，。、）…) or an unbreakable number pulled the last one down. Such lines show a wider
    # pitch than the line grid's, so only lines at the natural pitch count — the narrowest (the
    # median was a justified pitch when most of a short document's full lines were such lines).
    natural = min(_advance(line) for line in full)
    natural_lines = [line for line in full if abs(_advance(line) - natural) <= 0.02]
    spread = len(full) - len(natural_lines) + pulled
    note = _("; ") + _("pitch {pitch} pt").format(pitch=f"{natural * MM:.2f}")
    if spread:
        note += _("; ") + _("{count} justified lines with a wider pitch not counted").format(count=spread)
    counts = [
        # Punctuation LibreOffice hangs into the margin is not one of the line's characters.
        (sum(1 for g in line.glyphs if (g.x0 + g.x1) / 2 < body.right), line)
        for line in natural_lines
    ]
    wrong = [(n, line) for n, line in counts if n != CHARS_PER_LINE]
    if wrong:
        n, line = wrong[0]
        return Rule(
            "characters per line",
            expected,
            _("{chars} on page {page} ({off}); {wrong} of {full} full lines wrong").format(
                chars=n, page=line.page, off=_signed(n - CHARS_PER_LINE), wrong=len(wrong), full=len(counts)
            )
            + note,
            False,
        )
    return Rule(
        "characters per line",
        expected,
        _("{chars} on all {full} full lines").format(chars=CHARS_PER_LINE, full=len(counts)) + note,
        True,
    )


def _body_size_rule(body: Body) -> Rule:
    return Rule(
        "body glyph size",
        _("{size} pt ({name}) ±{tol}").format(size=f"{BODY_PT:.0f}", name="3号", tol=TOL_SIZE_PT),
        _("{size}, {share} of glyphs").format(
            size=_off(body.size_pt, BODY_PT, "pt"), share=f"{body.share:.0%}"
        ),
        abs(body.size_pt - BODY_PT) <= TOL_SIZE_PT,
    )


def _issuer_mark(measure: PdfMeasure) -> list[TextLine]:
    red = [line for line in measure.pages[0].lines if line.red]
    if not red:
        return []
    largest = max(line.size_pt for line in red)
    return [line for line in red if line.size_pt >= largest - TOL_SIZE_PT]


def _issuer_mark_rule(measure: PdfMeasure) -> Rule:
    expected = _("red, top {top} mm ±{tol} from the paper top").format(
        top=f"{ISSUER_MARK_TOP:.0f}", tol=f"{TOL_ISSUER_MARK:.0f}"
    )
    mark = _issuer_mark(measure)
    if not mark:
        return _na("发文机关标志", expected, _("no red text on page 1"))
    top = min(line.baseline - EM_ASCENT * line.size_mm for line in mark)
    return Rule(
        "发文机关标志",
        expected,
        _("red {size} pt, top {top}").format(size=f"{mark[0].size_pt:.0f}", top=_off(top, ISSUER_MARK_TOP)),
        abs(top - ISSUER_MARK_TOP) <= TOL_ISSUER_MARK,
    )


def _red_rules(measure: PdfMeasure) -> list:
    return [rule for rule in measure.pages[0].rules if rule.red and rule.width > 100]


def _red_rule_rule(measure: PdfMeasure) -> Rule:
    expected = _("{width} mm wide from x {left}, {gap} mm under the 文号 ±1").format(
        width=f"{AREA_WIDTH:.0f}", left=f"{AREA_LEFT:.0f}", gap=f"{RED_RULE_GAP:.0f}"
    )
    rules = _red_rules(measure)
    if not rules:
        if _issuer_mark(measure):
            return Rule("红色分隔线", expected, _("no red rule on page 1 under the 发文机关标志"), False)
        return _na("红色分隔线", expected, _("no 发文机关标志"))
    rule = rules[0]
    mark = _issuer_mark(measure)
    # The 文号 is the text between the 标志 and the rule (份号, 密级 … above the 标志 are not it).
    ceiling = max((line.bottom for line in mark if line.bottom < rule.y), default=0.0)
    above = [
        line
        for line in measure.pages[0].lines
        if ceiling < line.top and line.bottom < rule.y and not line.red
    ]
    parts = [_("width {width}").format(width=_off(rule.width, AREA_WIDTH)), f"x {_off(rule.x0, AREA_LEFT)}"]
    passed = abs(rule.width - AREA_WIDTH) <= TOL_RULE and abs(rule.x0 - AREA_LEFT) <= TOL_RULE
    if above:
        gap = rule.y - max(above, key=lambda line: line.baseline).bottom
        parts.append(_("under 文号 {gap}").format(gap=_off(gap, RED_RULE_GAP)))
        passed &= abs(gap - RED_RULE_GAP) <= TOL_RULE
    else:
        parts.append(
            _("no 文号 above it (gap not checked)")
        )  # §7.2.7 places the rule relative to the 文号 only
    return Rule("红色分隔线", expected, _(", ").join(parts), passed)


def _title_rule(measure: PdfMeasure) -> Rule:
    expected = _("{size} pt ({name}) ±{tol}").format(size=f"{TITLE_PT:.0f}", name="2号", tol=TOL_SIZE_PT)
    page = measure.pages[0]
    rules = _red_rules(measure)
    mark = _issuer_mark(measure)
    below = rules[0].y if rules else max(line.bottom for line in mark) if mark else 0.0
    candidates = [line for line in page.lines if line.top > below and not line.red]
    if not candidates:
        return _na("标题", expected, _("no text under the 版头 on page 1"))
    if len(candidates) > 1 and _ATTACHMENT_LABEL.match(candidates[0].text.replace(" ", "")):
        candidates = candidates[1:]  # a 附件 printed alone (§7.3.7): its label, then its title
    title = candidates[0]
    text = title.text.replace(" ", "")
    flush_left = title.x0 < AREA_LEFT + 1
    if abs(title.size_pt - TITLE_PT) > TOL_SIZE_PT and text.endswith(("：", ":")) and flush_left:
        # the 主送 straight under the 版头, flush left: a notice printed without a 标题
        return _na("标题", expected, _("no 标题: the 主送 follows the 版头"))
    return Rule(
        "标题",
        expected,
        f"{_off(title.size_pt, TITLE_PT, 'pt')} “{title.text[:12]}”",
        abs(title.size_pt - TITLE_PT) <= TOL_SIZE_PT,
    )


def _page_number_rule(measure: PdfMeasure) -> Rule:
    expected = _(
        "“— N —” on every page, dash at y {y}; odd right end x {odd}, even left x {even} (±{tol} mm)"
    ).format(
        y=f"{PAGE_NUMBER_Y:.0f}",
        odd=f"{PAGE_NUMBER_ODD_RIGHT:.1f}",
        even=f"{PAGE_NUMBER_EVEN_LEFT:.1f}",
        tol=f"{TOL_PAGE_NUMBER:.0f}",
    )
    found: list[str] = []
    unnumbered = _unnumbered_pages(measure)
    for page in measure.pages:
        line = _page_number_line(page)
        if line is None and page.number in unnumbered:
            continue
        if line is None:
            return Rule(
                "页码", expected, _("page {page}: no “— N —” page number").format(page=page.number), False
            )
        match = _PAGE_NUMBER.match(line.text.replace(" ", ""))
        assert match is not None
        dashes = {match.group(1), match.group(3)} - {_EM_DASH}
        if dashes:
            wrong = ", ".join(f"U+{ord(d):04X}" for d in sorted(dashes))
            measured = _("page {page}: “{text}” uses {wrong}, not — U+2014").format(
                page=page.number, text=line.text, wrong=wrong
            )
            return Rule("页码", expected, measured, False)
        if int(match.group(2)) != page.number:
            measured = _("page {page} is numbered {number}").format(page=page.number, number=match.group(2))
            return Rule("页码", expected, measured, False)
        # The dash (一字线) sits at the middle of the em box.
        dash_y = line.baseline - (EM_ASCENT - 0.5) * line.size_mm
        if page.number % 2:
            x, target, side = line.x1, PAGE_NUMBER_ODD_RIGHT, _("right end")
        else:
            x, target, side = line.x0, PAGE_NUMBER_EVEN_LEFT, _("left start")
        where = _("page {page}: {side} x {x}, dash y {y}").format(
            page=page.number, side=side, x=_off(x, target), y=_off(dash_y, PAGE_NUMBER_Y)
        )
        if abs(x - target) > TOL_PAGE_NUMBER or abs(dash_y - PAGE_NUMBER_Y) > TOL_PAGE_NUMBER:
            return Rule("页码", expected, where, False)
        if page.number <= 2:
            found.append(where)
    pages = _("all {pages} pages").format(pages=len(measure.pages))
    if unnumbered:
        blank = _("all pages but the blank page and the 版记 page {pages} (§7.5)")
        pages = blank.format(pages=sorted(unnumbered))
    return Rule("页码", expected, pages + _("; ") + _("; ").join(found), True)


def _record_rule(measure: PdfMeasure) -> Rule:
    expected = _("last 版记 rule at y {y} ±{tol} mm on the last page").format(
        y=f"{AREA_BOTTOM:.0f}", tol=f"{TOL_RULE:.0f}"
    )
    issued = [
        line
        for page in measure.pages
        for previous, line in itertools.pairwise([None, *page.lines])
        # A long 印发机关 may push the date onto a second line.
        if _ISSUED.search(line.text) or (previous and _ISSUED.search(previous.text + line.text))
    ]
    if not issued:
        return _na("版记", expected, _("no 版记 (no “…年…月…日印发” line)"))
    line = issued[-1]
    page = measure.pages[line.page - 1]
    under = [rule for rule in page.rules if rule.y > line.baseline and rule.width > AREA_WIDTH - 10]
    if not under:
        return Rule(
            "版记", expected, _("page {page}: no rule under the 印发 line").format(page=page.number), False
        )
    rule = min(under, key=lambda r: r.y)
    measured = _("page {page} of {pages}, y {y}, width {width} mm, {thickness} mm thick").format(
        page=page.number,
        pages=len(measure.pages),
        y=_off(rule.y, AREA_BOTTOM),
        width=f"{rule.width:.1f}",
        thickness=f"{rule.thickness:.2f}",
    )
    passed = page.number == len(measure.pages) and abs(rule.y - AREA_BOTTOM) <= TOL_RULE
    return Rule("版记", expected, measured, passed)


def _heading_line(
    line: TextLine, after: TextLine | None, starts_paragraph: Callable[[TextLine], bool]
) -> bool:
    """A heading printed without a number: a one-line paragraph, short, with no closing mark."""
    text = "".join(line.text.split())
    if not 0 < len(text) <= 24 or text[-1] in "。；：！？…，、;:!?,)）":
        return False
    return after is None or after.page != line.page or starts_paragraph(after)


def _numbering_rule(measure: PdfMeasure, body: Body) -> Rule:
    expected = _("一、（一）1.（1）… each level 1, 2, 3 without gaps or repeats")
    if body.left is None:
        return _na("numbering", expected, _("no text edge found"))
    labels: list[Label | None] = []
    lines = [line for line in measure.lines if id(line) not in body.page_number_lines]

    def starts_paragraph(line: TextLine) -> bool:
        # A paragraph starts 2字 in (§7.3.3); wrapped lines and 附件说明 items start elsewhere.
        return abs(line.x0 - (body.left + 2 * line.size_mm)) <= 0.5 * line.size_mm

    for k, line in enumerate(lines):
        if _ATTACHMENT_LABEL.match(line.text):
            labels.append(None)  # an attachment numbers afresh
            continue
        if not starts_paragraph(line):
            continue
        label = parse_label(line.text, _("page {page}").format(page=line.page))
        if label is not None:
            labels.append(label)
        elif _heading_line(line, lines[k + 1] if k + 1 < len(lines) else None, starts_paragraph):
            labels.append(UNNUMBERED)
    found = [label for label in labels if label is not None]
    if not found:
        return _na("numbering", expected, _("no numbered paragraphs"))
    problem = first_break(labels)
    if problem:
        return Rule("numbering", expected, problem, False)
    kinds = len({label.kind for label in found})
    measured = _("{count} labels in {kinds} kinds, continuous").format(count=len(found), kinds=kinds)
    return Rule("numbering", expected, measured, True)


# ---------------------------------------------------------------- page flow (§7.3.3, §7.3.5, §7.4, §7.5)


def _blank(page: PageMeasure) -> bool:
    """A page with nothing printed on it: no text (a page number is text), no rules, no boxes."""
    return not page.lines and not page.rules and not page.frames


def _imprint_page(measure: PdfMeasure) -> PageMeasure | None:
    """The page of the 版记: the one holding the last “…年…月…日印发” line (or, in a 版记 without
    one, the last 抄送 line)."""
    pages = [line.page for line in measure.lines if _ISSUED.search(line.text)]
    pages = pages or [line.page for line in measure.lines if line.text.replace(" ", "").startswith("抄送：")]
    return measure.pages[pages[-1] - 1] if pages else None


def _unnumbered_pages(measure: PdfMeasure) -> set[int]:
    """Pages §7.5 leaves without a number: blank pages before the 版记 page, and that page."""
    imprint = _imprint_page(measure)
    if imprint is None or imprint.number < 2 or not _blank(measure.pages[imprint.number - 2]):
        return set()
    pages = {imprint.number}
    number = imprint.number - 1
    while number >= 1 and _blank(measure.pages[number - 1]):
        pages.add(number)
        number -= 1
    return pages


def _main_top(measure: PdfMeasure) -> float | None:
    """Bottom of the 标题 on page 1 (2号 lines under the 版头), where the 主送 and 正文 begin."""
    title = [
        line
        for line in measure.pages[0].lines
        if not line.red and abs(line.size_pt - TITLE_PT) <= 1.0 and line.baseline < AREA_BOTTOM
    ]
    return max(line.baseline for line in title) if title else None


def _paragraph_starts(lines: list[TextLine], body: Body) -> list[TextLine]:
    """正文 paragraph first lines: body size, indented 2字 (§7.3.3), not a 附件说明."""
    if body.left is None:
        return []
    return [
        line
        for line in lines
        if abs(line.size_pt - body.size_pt) <= TOL_SIZE_PT
        and not line.red
        and abs(line.x0 - (body.left + 2 * line.size_mm)) <= 0.5 * line.size_mm
        and not line.text.startswith("附件")
    ]


def _body_start_rule(measure: PdfMeasure, body: Body) -> Rule:
    expected = _("正文 begins on page 1, under the 主送 (§7.3.3)")
    top = _main_top(measure)
    if top is None:
        return _na("正文 on page 1", expected, _("no 标题 on page 1"))
    below = [line for line in _content(measure.pages[0], body) if line.baseline > top]
    starts = _paragraph_starts(below, body)
    if not starts:
        if below:
            measured = _("page 1 ends with “{text}”: no 正文 under it").format(text=below[-1].text[:12])
        else:
            measured = _("page 1 ends with the 标题: no 正文 under it")
        return Rule("正文 on page 1", expected, measured, False)
    return Rule("正文 on page 1", expected, _("page 1: “{text}…”").format(text=starts[0].text[:12]), True)


def _date_line(measure: PdfMeasure) -> TextLine | None:
    """The 成文日期: the first date standing alone on its line, right of the page middle."""
    for line in measure.lines:
        if _DATE_LINE.match(line.text.replace(" ", "")) and line.x0 > _SIGNATURE_X:
            return line
    return None


def _date_page_rule(measure: PdfMeasure, body: Body) -> Rule:
    expected = _("the page of the 成文日期 holds 正文 text (§7.3.5)")
    date = _date_line(measure)
    if date is None:
        return _na("成文日期 with 正文", expected, _("no 成文日期"))
    if date.page == 1:
        if _body_start_rule(measure, body).passed:
            return Rule("成文日期 with 正文", expected, _("page 1, under the 正文"), True)
        return Rule("成文日期 with 正文", expected, _("page 1, no 正文 above it"), False)
    page = measure.pages[date.page - 1]
    above = [line for line in _content(page, body) if line.baseline < date.baseline]
    # What is left of the 附件说明 and 署名: lines starting at the text edge or 2字 in, above any 附件.
    attachments = [line.baseline for line in above if line.text.startswith("附件")]
    cut = min(attachments) if attachments else date.baseline
    text = [
        line
        for line in above
        if line.baseline < cut
        and abs(line.size_pt - body.size_pt) <= TOL_SIZE_PT
        and not line.red
        and line.x0 < _SIGNATURE_X
        and (body.left is None or line.x0 <= body.left + 2.5 * line.size_mm)
    ]
    # a table of the 正文 (its ruled borders, in text smaller than the body's) counts as 正文 too
    table = [r for r in page.rules if not r.red and r.y < cut and r.x1 - r.x0 > 20]
    if not text and table:
        measured = _("page {page}: a table of the 正文 above the 成文日期").format(page=date.page)
        return Rule("成文日期 with 正文", expected, measured, True)
    if not text:
        return Rule(
            "成文日期 with 正文",
            expected,
            _("page {page}: 署名 and 成文日期 without 正文 above them").format(page=date.page),
            False,
        )
    return Rule(
        "成文日期 with 正文",
        expected,
        _("page {page}: {lines} lines of 正文 above the 成文日期").format(page=date.page, lines=len(text)),
        True,
    )


def _record_page_rule(measure: PdfMeasure, simplex: bool) -> Rule:
    expected = _("版记 on an even page: the last side of a duplex sheet (§7.4, §6.2)")
    page = _imprint_page(measure)
    if page is None:
        return _na("版记 page", expected, _("no 版记"))
    if simplex:
        return _na("版记 page", expected, _("printed single-sided (--simplex)"))
    if len(measure.pages) == 1:
        return Rule("版记 page", expected, _("page 1 of 1: one side"), True)
    where = _("page {page} of {pages}").format(page=page.number, pages=len(measure.pages))
    if page.number % 2:
        return Rule("版记 page", expected, _("{where}: odd, the front of a sheet").format(where=where), False)
    return Rule("版记 page", expected, where, True)


def _blank_page_rule(measure: PdfMeasure, body: Body) -> Rule:
    expected = _("a blank page carries no page number (§7.5)")
    numbered = [
        page.number
        for page in measure.pages
        if _page_number_line(page) is not None
        and not _content(page, body)
        and not page.rules
        and not page.frames  # a table page (a turned 分工表 measures as rules and boxes)
    ]
    if numbered:
        pages = _(", ").join(map(str, numbered))
        return Rule("blank page", expected, _("page {pages}: blank but numbered").format(pages=pages), False)
    blank = [page.number for page in measure.pages if _blank(page)]
    if blank:
        pages = _(", ").join(map(str, blank))
        return Rule("blank page", expected, _("page {pages}: blank, unnumbered").format(pages=pages), True)
    return Rule("blank page", expected, _("no blank page"), True)


_HUNG = set("，。、；：！？）》」』”’,.;:!?)")  # punctuation LibreOffice may hang past the right edge


def _text_area_rule(measure: PdfMeasure, body: Body) -> Rule:
    expected = _("every line inside the 版心, x {left}–{right} mm ±{tol}").format(
        left=f"{AREA_LEFT:.0f}", right=f"{AREA_RIGHT:.0f}", tol=f"{TOL_MARGIN:.0f}"
    )
    for page in measure.pages:
        if page.width > page.height:
            continue  # a page turned for a wide table has its 版心 across the sheet
        for line in _content(page, body):
            glyphs = [g for g in line.glyphs if g.text.strip()]
            while len(glyphs) > 1 and glyphs[-1].text in _HUNG:
                glyphs.pop()
            if not glyphs:
                continue
            left, right = glyphs[0].x0, glyphs[-1].x1
            if left < AREA_LEFT - TOL_MARGIN or right > AREA_RIGHT + TOL_MARGIN:
                measured = _("page {page}: “{text}” at x {left}–{right} mm, past the 版心's edge").format(
                    page=page.number, text=line.text[:14], left=f"{left:.1f}", right=f"{right:.1f}"
                )
                return Rule("text in the 版心", expected, measured, False)
    return Rule("text in the 版心", expected, _("every line inside"), True)
