"""Page flow that only a laid-out page shows: measured on a first LibreOffice pass, fixed on a second.

Two things of GB/T 9704-2012 depend on where the pages break, which a .docx cannot say by itself:

* **the 成文日期's page holds 正文** (§7.3.5): the last 正文 paragraph, the 附件说明 and the
  signature block are one keep chain (keep with next). Word splits the paragraph and carries its
  last lines over; LibreOffice never splits a keep-with-next paragraph, it moves it whole — a
  one-paragraph 正文 then leaves page 1 with nothing under the 主送. Measured on the first pass,
  the paragraph is split exactly where LibreOffice broke its lines, so that the lines which fit
  stay on the page before and only the last lines go over (:func:`plan_fix`);
* **the 版记 on an even page** when printed on both sides (§7.4, §6.2): the page count is known
  only after layout. Content ending on an odd page: the 版记 goes to the next (even) page; the
  版记 pushed by its height onto an odd page: a blank page goes before it, and neither page is
  numbered (§7.5). A field-based switch (IF PAGE is odd) is not evaluated by LibreOffice and only
  on a field update by Word, so the decision is measured instead.

Only documents that need a fix are converted a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from ..check.pdf_measure import PdfMeasure, TextLine
    from ..view import DocumentView

Imprint = Literal["", "next_page", "blank_page"]

IMPRINT_PT = 14.0  # 版记 text is 4号 (§7.4.2): what is not 14 pt on the last page is content
AREA_BOTTOM = 262.0  # 版心 bottom, mm from the paper top
_DESCENT_EM = 0.45  # baseline to line-box bottom, as in check/layout.py
CARRIED_LINES = 2  # lines carried over with the 署名, as Word's widow control does
FIRST_PAGES = 4  # the 正文's last paragraph is on these (a longer notice keeps LibreOffice's flow)
LINE_PITCH = 579  # twips, the template's line grid
BLANK_KEEPS = LINE_PITCH // 4  # a blank line of the closing keeps a quarter of its height at least
LINE_KEEPS = LINE_PITCH * 7 // 10  # a printed line of it 0.7 of a line: 20.3 pt for 16 pt text


class FlowFix(NamedTuple):
    """What the second pass changes: where to split the last 正文 paragraph, and the 版记's page."""

    body_head_chars: int | None = None  # printed characters of the last 正文 paragraph left before
    squeeze_lines: int = 0  # lines the blank lines of the signature block give up (§7.3.5.5)
    imprint: Imprint = ""
    # (n, printed characters): split the n-th plan paragraph followed by a task line, LibreOffice
    # having moved it whole to keep it with its （牵头单位：…）
    task_splits: tuple[tuple[int, int], ...] = ()

    def for_word(self) -> FlowFix:
        """The fix for the .docx handed on: Word splits kept paragraphs itself (carrying their last
        lines, with its own line breaks, which may differ from LibreOffice's where fonts differ),
        so only the spacing and the 版记's page are fixed in it."""
        return FlowFix(squeeze_lines=self.squeeze_lines, imprint=self.imprint)

    @property
    def splits(self) -> bool:
        """Does the fix move lines between pages (the page count may change with it)?"""
        return self.body_head_chars is not None or self.squeeze_lines > 0 or bool(self.task_splits)

    @property
    def needed(self) -> bool:
        return (
            self.body_head_chars is not None
            or self.squeeze_lines > 0
            or bool(self.imprint)
            or bool(self.task_splits)
        )


def _plain(text: str) -> str:
    return "".join(text.split())


def _page_number(line: TextLine) -> bool:
    return line.baseline > 265 and line.text.strip("—- 0123456789") == ""


def _content(measure: PdfMeasure, page: int) -> list[TextLine]:
    return [line for line in measure.pages[page - 1].lines if not _page_number(line)]


def _last_paragraph_lines(measure: PdfMeasure, text: str, date: str) -> list[TextLine]:
    """The printed lines of the last 正文 paragraph ``text``: the run of lines, before the first line
    reading ``date``, whose texts put together spell the paragraph."""
    target = _plain(text)
    lines = [line for page in measure.pages for line in page.lines if not _page_number(line)]
    end = next((i for i, line in enumerate(lines) if _plain(line.text) == date), len(lines))
    for start in range(end - 1, -1, -1):
        joined = "".join(_plain(line.text) for line in lines[start:end])
        for stop in range(end, start, -1):
            if "".join(_plain(line.text) for line in lines[start:stop]) == target:
                return lines[start:stop]
        if len(joined) > 2 * len(target) + 200:
            break
    return []


def _free_lines(measure: PdfMeasure, page: int, pitch: float) -> int:
    """Whole body lines left empty at the bottom of ``page``."""
    content = _content(measure, page)
    if not content:
        return 0
    last = content[-1]
    return int((AREA_BOTTOM - (last.baseline + _DESCENT_EM * last.size_mm)) // pitch)


_PITCH = 28.95 * 25.4 / 72  # mm, the line grid of the template


def _free_mm(measure: PdfMeasure, page: int) -> float:
    """Height left empty at the bottom of ``page``, in mm."""
    content = _content(measure, page)
    if not content:
        return 0.0
    last = content[-1]
    return AREA_BOTTOM - (last.baseline + _DESCENT_EM * last.size_mm)


def _headings_kept_with_last(view: DocumentView) -> list[str]:
    """The headings printed on lines of their own right before the 正文's last paragraph (a notice
    whose numbered text is its own 正文: 一、 headings keep with the next paragraph, so a keep
    chain that moves the paragraph moves them along)."""
    if not view.plan.in_notice:
        return []
    paragraphs = view.plan.paragraphs
    if not paragraphs or paragraphs[-1].tasks:
        return []
    out: list[str] = []
    for para in reversed(paragraphs[:-1]):
        if para.kind != "section" or para.tasks:
            break
        out.insert(0, para.full)
    return out


def body_split(measure: PdfMeasure, view: DocumentView) -> tuple[int | None, int]:
    """Where to split the last 正文 paragraph when LibreOffice moved it whole to the 成文日期's
    page, and — when a one-line 正文 moved, leaving page 1 without 正文 — by how many lines the
    signature block's blank lines must shrink for it to fit (§7.3.5.5: adjust the spacing)."""
    notice = view.notice
    if not view.last_body_paragraph or not (notice.signatories or notice.date):
        return None, 0
    date = _plain(notice.date)
    lines = _last_paragraph_lines(measure, view.last_body_paragraph, date)
    if not lines:
        return None, 0
    page = lines[0].page
    if any(line.page != page for line in lines):
        return None, 0
    after = [line for p in measure.pages[page - 1 :] for line in _content(measure, p.number)]
    end = next(i for i, line in enumerate(after) if line is lines[-1])
    dates = [line for line in after[end + 1 :] if _plain(line.text) == date]
    if dates and dates[0].page > page and len(lines) > CARRIED_LINES:
        # The chain from this paragraph on is longer than what is left of its page (a long 附件说明):
        # LibreOffice broke it at the page end, in the 署名. Only the last lines go over with the
        # closing, which then starts the next page (Word's widow control does the same).
        return sum(len(_plain(line.text)) for line in lines[:-CARRIED_LINES]), 0
    if page == 1:
        return None, 0
    content = _content(measure, page)
    above = next((i for i, line in enumerate(content) if line is lines[0]), -1)
    kept = "".join(_plain(text) for text in _headings_kept_with_last(view))
    if above < 0 or "".join(_plain(line.text) for line in content[:above]) != kept:
        return None, 0  # not moved by the keep chain: it already starts on the page before
    free = _free_lines(measure, page - 1, _PITCH) - above  # the headings it took along go back too
    if len(lines) == 1:
        if len(notice.body) > 1 or view.plan.in_notice:
            return None, 0  # the page before keeps the other paragraphs; the moved line is 正文 too
        if not dates or dates[0].page != page:
            return None, 0
        chain = round((dates[0].baseline - lines[0].baseline) / _PITCH) + 1
        printed = sum(1 for line in content if lines[0].baseline < line.baseline <= dates[0].baseline)
        blanks = chain - 1 - printed
        most = (blanks * (LINE_PITCH - BLANK_KEEPS) + printed * (LINE_PITCH - LINE_KEEPS)) / LINE_PITCH
        room = _free_mm(measure, page - 1)  # in mm: whole lines would waste the fraction left
        if chain * _PITCH - most * _PITCH > room:
            # No spacing holds it on the page before: the chain stays whole where it is (squeezed
            # short of fitting, LibreOffice broke it between two 署名)
            return None, 0
        return None, max(0, chain - free)
    head = min(free, len(lines) - min(CARRIED_LINES, len(lines) - 1))
    if head < 1:
        return None, 0
    return sum(len(_plain(line.text)) for line in lines[:head]), 0


def imprint_page(measure: PdfMeasure, view: DocumentView, duplex: bool) -> Imprint:
    """Where the 版记 must go so that it ends the document on an even page (duplex only)."""
    if not duplex or not view.notice.has_imprint or len(measure.pages) < 2:
        return ""
    last = len(measure.pages)
    content = [
        page.number
        for page in measure.pages
        # text other than the 版记's 4号, or table boxes (a turned 分工表 page measures as boxes)
        if page.frames or any(abs(line.size_pt - IMPRINT_PT) > 0.5 for line in _content(measure, page.number))
    ]
    ends = content[-1] if content else last
    if ends == last:  # the 版记 shares the last content page
        return "next_page" if last % 2 else ""
    if last == ends + 1 and last % 2:  # pushed onto an odd page of its own
        return "blank_page"
    return ""


def task_holders(view: DocumentView) -> list[str]:
    """Printed text of each plan paragraph followed by a task line, in document order."""
    return [_plain(p.full) for p in view.plan.paragraphs if p.tasks and p.kind != "table"]


def task_splits(measure: PdfMeasure, view: DocumentView) -> tuple[tuple[int, int], ...]:
    """Split every plan paragraph followed by a task line after all but its last two lines.

    Keep-with-next holds a paragraph with its （牵头单位：…）; LibreOffice, which never splits a
    kept paragraph, moves it whole to the next page and leaves a gap of up to a page. Split where
    LibreOffice broke its lines (the same on every page, they are all as wide), only the last two
    lines stay kept with the task line — what Word's widow control does — wherever the page ends.
    """
    lines = [line for page in measure.pages for line in page.lines if not _page_number(line)]
    splits, position = [], 0
    for index, text in enumerate(task_holders(view)):
        for start in range(position, len(lines)):
            if not text.startswith(_plain(lines[start].text)):
                continue
            joined, stop = "", start
            while stop < len(lines) and len(joined) < len(text):
                joined += _plain(lines[stop].text)
                stop += 1
            if joined != text:
                continue
            count = stop - start
            if count > CARRIED_LINES:
                head = lines[start : stop - CARRIED_LINES]
                splits.append((index, sum(len(_plain(line.text)) for line in head)))
            position = stop
            break
    return tuple(splits)


def pages_to_measure(pdf: Path, view: DocumentView) -> set[int] | None:
    """The pages a layout pass reads: the first ones (the 正文's end) and the last two (the 版记);
    every page (None) when plan paragraphs carry task lines."""
    if task_holders(view):
        return None
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
    finally:
        document.close()
    return set(range(1, min(count, FIRST_PAGES) + 1)) | set(range(max(1, count - 1), count + 1))


def plan_fix(measure: PdfMeasure, view: DocumentView, duplex: bool) -> FlowFix:
    """The fix a first-pass PDF calls for (``FlowFix()`` when none)."""
    head, squeeze = body_split(measure, view)
    return FlowFix(head, squeeze, imprint_page(measure, view, duplex), task_splits(measure, view))


def keep_tasks(body: Any, sid: Callable[[str], str]) -> list[Any]:
    """Every paragraph of ``body`` followed by a task line (（牵头单位：…）) keeps with it (Word then
    carries its last lines over with the task line); those paragraphs."""
    from ..ooxml import flow

    return flow.keep_with_following(body, sid("WP Tasks"))


_CHAIN = ("WP Blank", "WP Attachment", "WP Attachment First", "WP Attachment Next")


def keep_closing(body: Any, sid: Callable[[str], str]) -> Any | None:
    """The 正文's last paragraph kept with the 附件说明 and signature block (§7.3.5) — the notice's
    last body paragraph, or the last line of the numbered text a notice prints as its own 正文;
    that paragraph (None when there is no signature block or a table ends the 正文)."""
    from ..ooxml import flow

    return flow.keep_closing(body, {sid("WP Signatory"), sid("WP Date")}, {sid(name) for name in _CHAIN})


def squeeze_closing(last: Any, twips: int, sid: Callable[[str], str], body: Any) -> None:
    """Take ``twips`` of height out of the chain after the 正文's ``last`` paragraph (§7.3.5.5:
    adjust the spacing so the 署名 and 成文日期 stay with the 正文): first from its blank lines,
    each giving an equal share down to a quarter of a line; what they cannot give comes from the
    lines printed (附件说明, 署名, 成文日期), each down to three quarters of a line."""
    from ..ooxml import flow

    chain = [*flow.chain_after(last, sid("WP Date")), *flow.paragraphs_in_style(body, sid("WP Date"))[:1]]
    signature = {sid("WP Signatory"), sid("WP Date")}
    ends = [i for i, p in enumerate(chain) if flow.style_of(p) in signature]
    chain = chain[: ends[-1] + 1] if ends else []  # without a 成文日期 the chain ends with the 署名
    blank_style = sid("WP Blank")
    blanks = [p for p in chain if flow.style_of(p) == blank_style]
    printed = [p for p in chain if flow.style_of(p) != blank_style]
    if blanks:
        share = min(LINE_PITCH - BLANK_KEEPS, -(-twips // len(blanks)))
        for blank in blanks:
            flow.set_exact_height(blank, LINE_PITCH - share)
        twips -= share * len(blanks)
    if twips > 0 and printed:
        share = min(LINE_PITCH - LINE_KEEPS, -(-twips // len(printed)))
        for paragraph in printed:
            flow.set_exact_height(paragraph, LINE_PITCH - share)


def apply_fix(
    document: Any, fix: FlowFix, sid: Callable[[str], str], view: DocumentView, holders: list[Any]
) -> None:
    """Apply ``fix`` to a rendered python-docx ``document``; ``sid`` maps style names to ids,
    ``holders`` are the paragraphs :func:`keep_tasks` kept with their task lines."""
    from ..ooxml import flow

    body = document.element.body
    texts = task_holders(view)
    for index, printed in fix.task_splits:
        if index < len(holders) and index < len(texts):
            flow.split_paragraph(
                holders[index],
                printed,
                printed_total=len(texts[index]),
                tail_style=sid("WP Body"),
                tail_keep=True,
            )
    last = keep_closing(body, sid)
    if fix.body_head_chars is not None and last is not None:
        if view.plan.in_notice:
            # a plan paragraph: its head keeps its style and number, the tail takes no number
            own = flow.style_of(last)
            tail = flow.split_paragraph(
                last,
                fix.body_head_chars,
                printed_total=len(_plain(view.last_body_paragraph)),
                tail_style=own,
            )
        else:
            tail = flow.split_paragraph(last, fix.body_head_chars, head_style=sid("WP Body"))
        # The tail and the closing did not fit under the head (the whole chain did not, and the
        # head took at most the lines free), so the tail opens the next page. Said outright:
        # LibreOffice left the tail on the page and broke the chain before the 署名 in longer
        # documents (a plan of five pages and more behind the notice), keep-with-next or not.
        flow.break_before(tail)
    if fix.squeeze_lines and last is not None:
        squeeze_closing(last, fix.squeeze_lines * LINE_PITCH, sid, body)
    anchors = flow.paragraphs_in_style(body, sid("WP Imprint Anchor"))
    if not fix.imprint or not anchors:
        return
    if fix.imprint == "next_page":
        flow.break_before(anchors[0])
        return
    flow.end_section_before(anchors[0], sid("WP Imprint Anchor"))
    section = document.sections[-1]
    # New, empty footers: the blank page and the 版记 page carry no page number (§7.5).
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
    # The 版记 box set from the page top, not on the margin's bottom: LibreOffice placed it 2.2 mm
    # high on the page after the blank one when a page break came earlier in the document (the
    # tail of a split 正文), as on the page after a landscape 分工表 (see pin_textbox_to_page).
    from .. import ooxml as ox
    from . import docx_geometry as geometry
    from .docx import IMPRINT_AREA_HEIGHT, imprint_height

    notice = view.notice
    ox.pin_textbox_to_page(
        body,
        "版记",
        bottom=geometry.MARGIN_TOP + IMPRINT_AREA_HEIGHT,
        height=imprint_height(notice.cc, notice.printer, notice.print_date),
    )
