"""Word writer: the DocumentView rendered into ``templates/notice.docx`` with docxtpl.

The template (built by :mod:`generator.writers.docx_template`) owns fonts, sizes and named styles;
this module turns the view's printed strings into the template's context and computes only what
GB/T 9704-2012 makes depend on the document: the 标题's line breaks (梯形/菱形, §7.3.1), the
发文机关标志's size and its 35 mm offset (§7.2.4), and the 署名/成文日期 indents (§7.3.5).

Plan text is data: it reaches Jinja only as values (autoescaped, braces turned into character
references by :func:`generator.ooxml.escape_text`), never as template source.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import jinja2

from .. import ooxml as ox
from ..errors import InputError, Problem, os_reason
from ..i18n import _
from ..ooxml import package as ox_package
from ..resources import notice_template
from ..tasks.table import TaskTableView
from ..title_lines import TITLE_MAX_ZI, break_title, width_zi
from ..view import AppendixView, DocumentView, NoticeView, Para
from . import docx_geometry as geo
from .docx_numbering import LevelLook, ListPlan, apply_lists, check_mode, level_look, plan_lists, typed_label
from .flow import FlowFix, apply_fix, keep_closing, keep_tasks

if TYPE_CHECKING:
    from .seal_rows import SealRows

# ---------------------------------------------------------------- style names → ids

StyleIds = Callable[[str], str]


def default_style_id(name: str) -> str:
    """The w:styleId python-docx and Word give a custom style: its name without spaces."""
    return name.replace(" ", "")


def style_resolver(found: dict[str, str]) -> StyleIds:
    """Style names to the ids a template really uses (``found``, read from its styles.xml: an
    agency's Word may differ), else the id Word would give the name."""
    return lambda name: found.get(name, default_style_id(name))


# ---------------------------------------------------------------- 版头 geometry (§7.2)

MARK_MAX_PT = 36.0  # 小初; the standard leaves the size open ("醒目、美观、庄重")
MARK_TOP_TWIPS = ox.mm_to_twips(35)  # top edge 35 mm below the 版心 top (§7.2.4)
HEADER_LINES = 3  # 份号, 密级, 紧急 are always given three grid lines, present or not
MARK_LINE_FACTOR = 1.25  # exact line height of the mark, × its size
JOINT_LINE_FACTOR = 1.1  # names set smaller than they fit (3 and more) stack closer: one block
MARK_EM_OFFSET = 8  # twips from line top to em-box top, measured in LibreOffice 7.4 (pdfplumber)


def mark_size(names: list[str], width_twips: int) -> float:
    """Largest size ≤ 小初 at which the longest name fits ``width_twips`` (−0.25 pt 字距)."""
    longest = max(width_zi(n) for n in names)
    fit = (width_twips / 20 - 2) / longest + geo.CHAR_SPACING / 20
    return float(min(MARK_MAX_PT, math.floor(fit)))


MARK_MIN_PT = 26.0  # below this a long name keeps its height and is condensed instead (w:w)
# A joint 版头 stacks its names one per line (§7.2.4, whose size the standard leaves to the agency):
# together they take no more height than two names at 小初 with the single mark's spacing (90 pt),
# so that three or four issuers leave page 1 room for a short 正文 and its closing — 署名 and
# 成文日期 kept with it (§7.3.3, §7.3.5) — the common practice of a smaller joint mark. Measured
# (LibreOffice, Fandol): at 34 pt four names took 60 mm and a one-line 正文 with 附件说明 and four
# 署名 went to page 2; at 20 pt they take 31 mm and the whole notice holds page 1.
JOINT_NAMES_HEIGHT_PT = 2 * MARK_MAX_PT * MARK_LINE_FACTOR  # 90 pt: 2 names ≤ 36, 3 → 27, 4 → 20
JOINT_MARK_MIN_PT = 20.0  # five names and more: set wide, 20 pt still outweighs the 22 pt 标题 in black


def joint_mark_cap(count: int) -> float:
    """Largest size of the names of a joint mark of ``count`` stacked names."""
    per_line = JOINT_NAMES_HEIGHT_PT / max(1, count) / JOINT_LINE_FACTOR
    return float(min(MARK_MAX_PT, max(JOINT_MARK_MIN_PT, math.floor(per_line))))


MARK_WIDEST = 150  # % : a mark held lower than its width allows is set wide (扁), up to this


def mark_font(fit: float, cap: float = MARK_MAX_PT) -> tuple[float, int | None]:
    """Size and horizontal scale (%) of a mark that fits its width at ``fit`` pt and its height at
    ``cap`` pt: long names stay 26 pt high (or ``cap``) and are narrowed, as printers set long
    发文机关标志; names held lower than their width allows are widened (扁), as printers set the
    stacked names of a joint mark, so they still fill the line instead of being spread apart."""
    size = min(cap, max(fit, MARK_MIN_PT))
    scale = min(MARK_WIDEST, math.floor(fit / size * 100))
    return size, None if scale == 100 else scale


def _mark_paragraph(
    sid: StyleIds,
    style: str,
    text: str,
    fit: float,
    first: bool,
    cap: float = MARK_MAX_PT,
    factor: float = MARK_LINE_FACTOR,
) -> ox.ParagraphXml:
    """One line of the 发文机关标志, its em-box top 35 mm below the 版心 top when ``first``."""
    size, scale = mark_font(fit, cap)
    line = round(size * factor * 20)
    before = None
    if first:
        # LibreOffice sets the glyphs at the top of an exact-height line: the em box starts
        # MARK_EM_OFFSET below the paragraph top whatever the size (measured 0.14–0.16 mm).
        before = MARK_TOP_TWIPS - HEADER_LINES * geo.LINE_PITCH - MARK_EM_OFFSET
    return ox.paragraph(
        sid(style), ox.run(text, size_pt=size, char_scale=scale), line_exact=line, before=before
    )


# ---------------------------------------------------------------- 署名 and 成文日期 (§7.3.5)

LINE_ZI = 28  # 字 a line of the 版心 holds (§5.2.3)


def _fit_right(right: int, width: float) -> int:
    """A right indent (twips) that leaves a line ``width`` 字 wide room in the 版心: a long 署名
    moved left, never past the left edge (one longer than the line wraps there, nothing cut off —
    a negative indent printed it past the paper's edge)."""
    advance = geo.ZI + geo.CHAR_SPACING  # one condensed 汉字, as printed
    room = geo.TEXT_WIDTH - math.ceil(width * advance) - 20  # a point's slack against rounding
    return max(0, min(right, room))


SEAL_ROOM_LINES = 3  # blank lines over a sealed 署名 for its seal (practice: 2–3)


def closing_paragraphs(
    signatories: list[str], date: str, sealed: bool, sid: StyleIds = default_style_id
) -> list[ox.ParagraphXml | ox.TableXml]:
    """署名 and 成文日期 with the indents of §7.3.5.1 (sealed) or §7.3.5.2 (not sealed); the 署名
    of a sealed joint notice side by side in rows, each under its seal (see :mod:`.seal_rows`)."""
    if not signatories and not date:
        return []
    zi = geo.ZI
    d = width_zi(date)
    out: list[ox.ParagraphXml | ox.TableXml] = []
    blank = ox.paragraph(sid("WP Blank"), keep_next=True)  # the block moves to a new page as a whole
    rows = None
    if sealed and len(signatories) > 1:
        from .seal_rows import ROW_LINES, seal_rows  # joint notices only: one sealed 署名 needs none

        rows = seal_rows(signatories, date)
    if rows is not None:
        out += [blank] * SEAL_ROOM_LINES
        out.append(seal_table(rows, sid))
    elif sealed:
        # Room for the seal, date right-indented 4字, 署名 centred over it. Joint 署名 too long to
        # stand side by side: one a row, each row with the room for its seal.
        out += [blank] * SEAL_ROOM_LINES
        for index, name in enumerate(signatories):
            if index:
                out += [blank] * (ROW_LINES - 1)
            n = width_zi(name)
            right = _fit_right(round((4 + (d - n) / 2) * zi), n)
            out.append(ox.paragraph(sid("WP Signatory"), name, right=right))
    else:
        out.append(blank)
        n = max((width_zi(s) for s in signatories), default=0)
        if d > n:
            date_right, name_right = 2.0, d - n + 4
        else:
            date_right, name_right = n - d, 2.0
        # a 署名 as long as the line starts at the 版心's left edge at most (it wraps there)
        name_right = min(name_right, max(0.0, LINE_ZI - n))
        for name in signatories:
            # names of a joint document start at one x: shorter names sit further left-indented
            right = _fit_right(round((name_right + n - width_zi(name)) * zi), width_zi(name))
            out.append(ox.paragraph(sid("WP Signatory"), name, right=right))
    if not date:
        return out
    if sealed or d > n:
        out.append(ox.paragraph(sid("WP Date"), date, right=round((4 if sealed else date_right) * zi)))
    else:
        # The date starts 2字 right of the 署名's first character: set from the left, so the
        # rule holds whatever the width of the digits in the font at hand.
        advance = geo.ZI + geo.CHAR_SPACING  # one condensed 汉字
        left = max(0, geo.TEXT_WIDTH - round(name_right * zi) - round(n * advance)) + 2 * advance
        out.append(ox.paragraph(sid("WP Date"), date, left=left, right=0, jc="left"))
    return out


def seal_table(rows: SealRows, sid: StyleIds = default_style_id) -> ox.TableXml:
    """The joint 署名 in their rows of slots, a borderless table: each name centred in its slot,
    the rows :data:`ROW_LINES` lines apart (blank lines across the table between them)."""
    from .seal_rows import ROW_LINES

    blank = ox.paragraph(sid("WP Blank"), keep_next=True)
    widths = [slot.right - slot.left for slot in rows.slots]
    # a slot cut short by the 版心's edge keeps its name on its centre: a margin on its long side
    margins = [
        (max(0, 2 * s.centre - s.left - s.right), max(0, s.left + s.right - 2 * s.centre)) for s in rows.slots
    ]
    spacer = [ox.PlacedCell((blank,) * (ROW_LINES - 1), span=len(widths))]
    table: list[list[ox.PlacedCell]] = []
    for index, row in enumerate(rows.rows):
        if index:
            table.append(spacer)
        table.append(
            [
                ox.PlacedCell(
                    (
                        ox.paragraph(sid("WP Signatory"), name, left=0, right=0, keep_next=True, jc="center")
                        if name
                        else blank,
                    ),
                    margins=margin,
                )
                for name, margin in zip(row, margins, strict=True)
            ]
        )
    return ox.layout_table(table, widths, indent=rows.slots[0].left)


# ---------------------------------------------------------------- 版记 (§7.4)

IMPRINT_PT = 14  # 4号
IMPRINT_AREA_HEIGHT = geo.PAGE_H - geo.MARGIN_TOP - geo.MARGIN_BOTTOM  # 版心 225 mm
IMPRINT_RULE_TWIPS = 20 + 20  # a rule paragraph: 1 pt line plus its border


def imprint_height(cc: str, printer: str = "", print_date: str = "") -> int:
    """Twips the 版记 box takes at the 版心 bottom: its text lines on the grid plus the rules.

    The box does not push text away (see ooxml.bottom_textbox); a spacer of this height before its
    anchor keeps the last page's text clear of it, or moves the 版记 to a page of its own.
    """
    usable = geo.TEXT_WIDTH / 20 - 2 * IMPRINT_PT  # indented 1字 each side
    per_line = math.floor(usable / (IMPRINT_PT + geo.CHAR_SPACING / 20))  # 30 字
    printed = bool(printer or print_date)
    # the 印发 line between the first and last rule (a draft's 版记 of 抄送 alone has none); a long
    # 印发机关 pushes the date (tabbed to the right) onto a line of its own
    issued = 1 if width_zi(printer) + 1 + width_zi(print_date) <= per_line else 2
    issued += max(0, math.ceil((width_zi(printer) - per_line) / per_line))
    lines, rules = (issued, 2) if printed else (0 if cc else 1, 2)
    if cc:
        # wrapped lines hang under the names, 3字 in; each line counted one 字 short: a mark that may
        # not start a line (，。) pulls a character down with it (measured: 抄送 lines of 29 and 25
        # 字 where 30 and 27 fit). Short rather than long: where the box is pinned (after a
        # landscape 分工表 or a blank page) it is as high as counted, and cuts off what is not.
        rest = width_zi(cc) - (per_line - 1)
        lines += 1 + max(0, math.ceil(rest / (per_line - 4)))
        rules += 1 if printed else 0
    return lines * geo.LINE_PITCH + rules * IMPRINT_RULE_TWIPS + 60


# ---------------------------------------------------------------- the context


def _header_lines(view: DocumentView, sid: StyleIds) -> list[ox.RunXml]:
    """份号 / 密级★期限 / 紧急程度 stacked from line 1 of the 版心 (§7.2.1–7.2.3)."""
    n = view.notice
    present = [
        ox.run(text, style=sid(style))
        for text, style in (
            (n.copy_number, "WP Copy Number"),
            (n.classification, "WP Classification"),
            (n.urgency, "WP Urgency"),
        )
        if text
    ]
    return present + [ox.RunXml("")] * (HEADER_LINES - len(present))


def _signers(view: DocumentView, sid: StyleIds) -> tuple[list[ox.RunXml], ox.RunXml]:
    """签发人 lines, two names a line (§7.2.6); the 文号 shares the last line."""
    names = view.notice.signers
    if not names:
        return [], ox.RunXml("")
    label = view.notice.signers_label
    lines = [names[i : i + 2] for i in range(0, len(names), 2)]
    built = []
    for index, pair in enumerate(lines):
        # later lines keep the names under the first one: the label's width in full-width spaces
        prefix = ox.run(label if index == 0 else "　" * len(label), style=sid("WP Signer Label"))
        built.append(prefix + ox.run("　".join(pair), style=sid("WP Signer Name")))
    return built[:-1], built[-1]


def _attachments(lines: list[str]) -> list[dict[str, Any]]:
    if not lines:
        return []
    out: list[dict[str, Any]] = [{"blank": True}]
    if len(lines) == 1:
        return [*out, {"blank": False, "kind": "single", "text": lines[0]}]
    out.append({"blank": False, "kind": "first", "text": lines[0]})
    out += [{"blank": False, "kind": "next", "text": line} for line in lines[1:]]
    return out


_ITEM_STYLES = {
    2: "WP Item Heading",
    3: "WP Level 3 Heading",
    4: "WP Level 4 Heading",
    5: "WP Level 5 Heading",
}


def stamp_name(path: tuple[int, ...], part: str) -> str:
    """The identity of one rendered block: node path and part (``h`` heading line, ``t0`` its
    first further paragraph, ``k`` task line, ``c0``/``b0`` caption/body of its first table,
    ``p0`` the first preamble paragraph)."""
    return ox.stamps.PREFIX + "_".join(map(str, path)) + "_" + part


def parse_stamp(name: str) -> tuple[tuple[int, ...], str]:
    """(node path, part) of a :func:`stamp_name`."""
    *path, part = name[len(ox.stamps.PREFIX) :].split("_")
    return tuple(int(i) for i in path if i), part


def _part(p: Para, counts: dict[tuple[tuple[int, ...], str], int], prefix: str) -> str:
    key = (p.entry.path if p.entry else (), prefix)
    counts[key] = counts.get(key, 0) + 1
    return f"{prefix}{counts[key] - 1}"


def _stamp(block: dict[str, Any], name: str, stamps: list[str] | None) -> None:
    """Mark the block's text with its identity (see :mod:`generator.ooxml.stamps`)."""
    if stamps is None:
        return
    token = ox.stamp_token(len(stamps))
    stamps.append(name)
    if "rows" in block:
        block["rows"][0][0] = token + block["rows"][0][0]
    else:
        block["text"] = token + block["text"]


def _plan_paragraphs(
    paragraphs: list[Para], sid: StyleIds, stamps: list[str] | None = None, lists: ListPlan | None = None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    counts: dict[tuple[tuple[int, ...], str], int] = {}
    for p in paragraphs:
        path = p.entry.path if p.entry else ()
        if p.kind == "section":
            out.append({"kind": "section", "text": typed_label(p, lists) + p.heading})
            _stamp(out[-1], stamp_name(path, "h"), stamps)
        elif p.kind == "item":
            level = min(p.level, 5)
            head = ox.run(typed_label(p, lists) + p.heading, style=sid(_ITEM_STYLES[level]))
            out.append({"kind": f"item{level}", "head": head, "text": p.text})
            _stamp(out[-1], stamp_name(path, "h"), stamps)
        elif p.kind == "table" and p.table is not None:
            number = _part(p, counts, "table")[5:]
            if p.table.title:
                out.append({"kind": "table_title", "text": p.table.title})
                _stamp(out[-1], stamp_name(path, "c" + number), stamps)
            if p.table.rows:
                width = max(len(r) for r in p.table.rows)
                rows = [list(r) + [""] * (width - len(r)) for r in p.table.rows]
                out.append({"kind": "table", "rows": rows})
                _stamp(out[-1], stamp_name(path, "b" + number), stamps)
        elif p.kind == "preamble":
            out.append({"kind": "preamble", "text": p.text})
            _stamp(out[-1], stamp_name(path, _part(p, counts, "p")), stamps)
        else:
            out.append({"kind": "text", "text": p.text})
            _stamp(out[-1], stamp_name(path, _part(p, counts, "t")), stamps)
        if p.tasks:
            out.append({"kind": "tasks", "text": p.tasks})
            _stamp(out[-1], stamp_name(path, "k"), stamps)
    return out


def _closing_after(n: NoticeView, closing: list[Any]) -> list[dict[str, Any]]:
    """附件说明, 署名 and 附注 as paragraphs after a notice's own numbered 正文."""
    out: list[dict[str, Any]] = []
    for a in _attachments(n.attachments):
        out.append(
            {"kind": "blank"} if a["blank"] else {"kind": _ATTACHMENT_KINDS[a["kind"]], "text": a["text"]}
        )
    out.extend({"kind": "signature", "xml": c} for c in closing)
    if n.note:
        out.append({"kind": "note", "text": n.note})
    return out


_ATTACHMENT_KINDS = {"single": "attachment", "first": "attachment_first", "next": "attachment_next"}


def _appendix_paragraphs(appendices: list[AppendixView], sid: StyleIds) -> list[dict[str, Any]]:
    """Each further 附件 from a new page (its label paragraph breaks the page), then its text."""
    out: list[dict[str, Any]] = []
    for appendix in appendices:
        out.append({"kind": "appendix_label", "text": appendix.label})
        if appendix.title:
            out.append({"kind": "appendix_title", "text": appendix.title})
        out.extend({"kind": "text", "text": text} for text in appendix.text)
        tables = [Para("table", 0, table=table) for table in appendix.tables]
        out.extend(_plan_paragraphs(tables, sid))
        out.extend({"kind": "text", "text": text} for text in appendix.notes)
    return out


# ---------------------------------------------------------------- 重点任务分工表

LANDSCAPE_TITLE_ZI = 28
TASK_CELL_MARGIN = 57  # 1 mm each side of a cell's text
TASK_ZI = geo.TASK_PT * 20 + geo.CHAR_SPACING  # 1字 of the table's 4号 text, as condensed by Normal
_CENTRED = {"序号", "完成时限"}


def task_table_xml(table: TaskTableView, sid: StyleIds = default_style_id) -> ox.TableXml:
    """The 分工表 as a Word table across the 版心 (turned when landscape): header row repeated,
    a spanning row per section kept with its first task, no row split across pages."""
    width = geo.LANDSCAPE_TEXT_WIDTH if table.landscape else geo.TEXT_WIDTH
    margins = 2 * TASK_CELL_MARGIN * len(table.columns)
    zi = table.column_widths((width - margins) / TASK_ZI)
    widths = [round(w * TASK_ZI) + 2 * TASK_CELL_MARGIN for w in zi]
    widths[-1] += width - sum(widths)  # rounding: the table is exactly the 版心 wide
    header = [ox.CellSpec(column, sid("WP Task Head")) for column in table.columns]
    rows: list[tuple[list[ox.CellSpec], bool]] = []
    for group in table.groups:
        rows.append(([ox.CellSpec(group.heading, sid("WP Task Section"), len(table.columns))], True))
        for row in group.rows:
            cells = [
                ox.CellSpec(row.cells[c], sid("WP Task Center" if c in _CENTRED else "WP Task Text"))
                for c in table.columns
            ]
            rows.append((cells, False))
    return ox.grid_table(header, rows, widths, cell_margin=TASK_CELL_MARGIN)


def _task_table(view: DocumentView, sid: StyleIds) -> dict[str, Any] | None:
    table = view.plan.task_table
    if table is None:
        return None
    return {
        "landscape": table.landscape,
        "label": table.label,
        # a landscape 版心 is 225 mm across: 28 字 of the 2号 title a line instead of 20
        "title_lines": break_title(table.title, LANDSCAPE_TITLE_ZI if table.landscape else TITLE_MAX_ZI),
        "table": task_table_xml(table, sid),
    }


def build_context(
    view: DocumentView,
    sid: StyleIds = default_style_id,
    stamps: list[str] | None = None,
    lists: ListPlan | None = None,
) -> dict[str, Any]:
    """Everything the template prints, as plain strings or ooxml fragments; with ``stamps``, plan
    blocks carry their identity tokens and ``stamps`` receives their names; with ``lists`` the
    headings' labels are left to Word's numbering."""
    n = view.notice
    joint = len(n.issuers) > 1
    context: dict[str, Any] = {
        "has_header": bool(n.issuers),
        "has_header_fields": bool(n.copy_number or n.classification or n.urgency),
        "header_lines": _header_lines(view, sid),
        "joint": joint,
        "issuer_mark": ox.ParagraphXml(""),
        "issuers": [],
        "issuer_suffix": ox.RunXml(""),
    }
    if n.issuers and not joint:
        text = n.issuers[0] + n.issuer_suffix
        size = mark_size([text], geo.TEXT_WIDTH)
        context["issuer_mark"] = _mark_paragraph(sid, "WP Issuer Mark", text, size, first=True)
    elif joint:
        names_width = geo.TEXT_WIDTH - geo.JOINT_SUFFIX_WIDTH
        size = min(
            mark_size(n.issuers, names_width), mark_size([n.issuer_suffix or "文件"], geo.JOINT_SUFFIX_WIDTH)
        )
        cap = joint_mark_cap(len(n.issuers))
        # names set lower than they fit stack closer; two names keep the single mark's spacing
        factor = JOINT_LINE_FACTOR if cap < MARK_MAX_PT else MARK_LINE_FACTOR
        context["issuers"] = [
            # the first name keeps the single mark's line, on which its 35 mm offset is measured
            # (a tighter exact line sets the glyphs higher in it); the names under it stack closer
            _mark_paragraph(
                sid,
                "WP Issuer Joint",
                name,
                size,
                first=(i == 0),
                cap=cap,
                factor=MARK_LINE_FACTOR if i == 0 else factor,
            )
            for i, name in enumerate(n.issuers)
        ]
        suffix_size, suffix_scale = mark_font(size, cap)
        if suffix_scale is not None and suffix_scale > 100:
            suffix_scale = None  # 文件 keeps its own width in its column: only narrowed names narrow it
        context["issuer_suffix"] = ox.run(n.issuer_suffix, size_pt=suffix_size, char_scale=suffix_scale)
    signer_lines, signer_last = _signers(view, sid)
    closing = closing_paragraphs(n.signatories, n.date, n.sealed, sid)
    own = view.plan.in_notice  # the numbered text is the notice's own 正文: the closing follows it
    context.update(
        upward=n.upward,
        signer_lines=signer_lines,
        signer_last=signer_last,
        doc_number=n.header_doc_number,
        doc_number_under_title=n.doc_number_under_title,
        title_lines=break_title("\n".join(n.title_lines)),
        recipients=n.recipients,
        body=n.body,
        attachments=[] if own else _attachments(n.attachments),
        closing=[] if own else closing,
        note="" if own else n.note,
        has_notice=view.has_notice,
        in_notice=view.plan.in_notice,
        annex_label=view.plan.annex_label,
        plan_title_lines=break_title(view.plan.title),
        # the further 附件 follow the plan in its loop, each from a new page; the 分工表 comes last
        paragraphs=_plan_paragraphs(view.plan.paragraphs, sid, stamps, lists)
        + (_closing_after(n, closing) if own else [])
        + _appendix_paragraphs(view.plan.appendices, sid),
        task_table=_task_table(view, sid),
        has_imprint=n.has_imprint,
        imprint_spacer=ox.paragraph(
            sid("WP Imprint Anchor"), line_exact=imprint_height(n.cc, n.printer, n.print_date)
        ),
        cc=n.cc,
        printer=n.printer,
        print_date=n.print_date,
    )
    return context


# ---------------------------------------------------------------- templates


def _finalize(value: Any) -> Any:
    """Jinja finalize: every printed value becomes escaped character data (see ooxml.escape_text)."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(ox.escape_text("" if value is None else str(value)))


_ENV_SIGNATURE = (
    "PolicyEnvironment autoescape=True finalize=_finalize v2"  # what the compiled code depends on
)


@lru_cache(maxsize=1)
def _jinja_env() -> Any:
    from .template_policy import LOOP_ATTRIBUTES, PolicyEnvironment

    class CompiledOnce(PolicyEnvironment):
        """docxtpl compiles the template's XML on every render; the XML is the same each time
        for one template, so the compiled code is kept — in memory, and on disk for the next
        process (generator.cache: compiling is most of a first render)."""

        _compiled: ClassVar[dict[str, Any]] = {}

        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            if source not in self._compiled:
                if len(self._compiled) > 256:
                    self._compiled.clear()
                code = _compiled_code(self, source)
                self._compiled[source] = self.template_class.from_code(
                    self, code, self.make_globals(None), None
                )
            return self._compiled[source]

    env = CompiledOnce(autoescape=True, finalize=_finalize)
    # Templates are sandboxed (see template_policy): they read what the bundled one reads.
    bundled = notice_template().resolve()
    env.allowed_attributes = LOOP_ATTRIBUTES | _template_facts(str(bundled), bundled.stat().st_mtime)[2]
    return env


@lru_cache(maxsize=1)
def _bundled_names() -> frozenset[str]:
    from .template_policy import names_of, template_sources

    return names_of(_jinja_env(), template_sources(str(notice_template())))


def _compiled_code(env: Any, source: str) -> Any:
    """The Python code Jinja compiles ``source`` to, from the disk cache when it is there."""
    import marshal

    import jinja2

    from .. import cache

    name = cache.key("jinja", jinja2.__version__, _ENV_SIGNATURE, source)
    data = cache.load("jinja", name)
    if data is not None:
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            pass  # a damaged entry: compile again
    code = env.compile(source)
    cache.store("jinja", name, marshal.dumps(code))
    return code


@lru_cache(maxsize=8)
def _template_bytes(path: str, mtime: float) -> bytes:
    from ..limits import MAX_PACKAGE_BYTES, read_input

    return read_input(path, MAX_PACKAGE_BYTES)  # checked again: the file may have changed since


_FACTS_SIGNATURE = "template facts v1"  # what a stored entry's layout depends on


@lru_cache(maxsize=8)
def _template_facts(path: str, mtime: float) -> tuple[dict[str, str], LevelLook, frozenset[str]]:
    """What a render reads from a template besides its XML: the style ids by name, the look of
    the heading labels, and the attributes its tags read (for the sandbox). They depend on the
    template's bytes alone, so they are kept on disk (generator.cache) and the next process reads
    them instead of parsing styles.xml twice and scanning every part."""
    import marshal

    from .. import cache
    from .template_policy import attributes_in_package

    source = _template_bytes(path, mtime)
    name = cache.key(_FACTS_SIGNATURE, _code_stamp(), source)
    stored = cache.load("template-facts", name)
    if stored is not None:
        try:
            ids, fonts, indents, attributes = marshal.loads(stored)
            return ids, LevelLook(fonts, indents), frozenset(attributes)
        except (EOFError, ValueError, TypeError):
            pass  # a damaged entry: read the template again
    styles = zipfile.ZipFile(io.BytesIO(source)).read("word/styles.xml")
    ids = ox.style_ids(styles)
    look = level_look(styles, style_resolver(ids))
    attributes = attributes_in_package(path)
    cache.store("template-facts", name, marshal.dumps((ids, look.fonts, look.indents, sorted(attributes))))
    return ids, look, attributes


@lru_cache(maxsize=8)
def _style_ids(path: str, mtime: float) -> StyleIds:
    return style_resolver(_template_facts(path, mtime)[0])


def _level_look(path: str, mtime: float) -> LevelLook:
    return _template_facts(path, mtime)[1]


_PRINTED = re.compile(r"\{\{[rp]?\s*(.*?)\s*\}\}")


def placeholders_of(path: Path) -> set[str]:
    """The printed expressions (``{{ note }}``, ``{{r p.head }}`` …) of a template's body."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    template.init_docx()
    return set(_PRINTED.findall(template.patch_xml(template.get_xml())))


OPTIONAL_PLACEHOLDERS = frozenset({"doc_number_under_title"})
"""Placeholders added after agencies made their templates (see :func:`_printed_by`)."""


@lru_cache(maxsize=1)
def _required_placeholders() -> frozenset[str]:
    return frozenset(placeholders_of(notice_template())) - OPTIONAL_PLACEHOLDERS


@lru_cache(maxsize=8)
def _printed_by(path: str, mtime: float) -> frozenset[str]:
    """The placeholders an agency's template prints (read once per template)."""
    return frozenset(placeholders_of(Path(path)))


def validate_template(path: Path) -> None:
    """Refuse an agency template missing a style or placeholder, listing all that is missing."""
    import docx

    from ..limits import MAX_PACKAGE_BYTES, check_input
    from ..zipcheck import PackageError, check_package
    from .template_policy import policy_problems, template_sources

    name = str(path)
    check_input(path, MAX_PACKAGE_BYTES)  # a FIFO, a device or a huge file is refused unread
    try:
        check_package(path)
    except PackageError as exc:
        raise InputError([Problem(name, 1, 1, str(exc), _("give the agency's .docx template"))]) from None
    except zipfile.BadZipFile:
        message = _("not a Word .docx template (not a zip)")
        raise InputError([Problem(name, 1, 1, message, _("give a .docx file"))]) from None
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a non-docx file, in English
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    _("not a Word .docx template: a zip without the parts of a Word document"),
                    _("open it in Word and save it as a Word document (.docx)"),
                )
            ]
        ) from None
    from .docx_styles import REQUIRED_STYLES

    present = {style.name for style in document.styles}
    problems = [
        Problem(
            name,
            1,
            1,
            _("template lacks the style {style}").format(style=repr(style)),
            _("add it (see templates/notice.docx)"),
        )
        for style in REQUIRED_STYLES
        if style not in present
    ]
    found = placeholders_of(path)
    env = _jinja_env()
    problems += [
        Problem(name, 1, 1, message, _("templates may only print the placeholders of templates/notice.docx"))
        # the first is enough: the rest are usually parts of the same expression
        for message in policy_problems(env, template_sources(name), _bundled_names(), env.allowed_attributes)[
            :1
        ]
    ]
    problems += [
        Problem(
            name,
            1,
            1,
            _("template lacks the placeholder {placeholder}").format(placeholder=f"{{{{ {var} }}}}"),
            _("copy it from templates/notice.docx"),
        )
        for var in sorted(_required_placeholders() - set(found))
    ]
    if problems:
        raise InputError(problems)


@lru_cache(maxsize=8)
def _validated(path: str, mtime: float) -> None:
    validate_template(Path(path))


@lru_cache(maxsize=1)
def _template_class() -> type:
    from docxtpl import DocxTemplate

    class PatchedOnce(DocxTemplate):
        """docxtpl re-cleans the template XML with ~30 regular expressions on every render; for
        one template the result never changes, so it is kept."""

        _patched: ClassVar[dict[str, str]] = {}

        def patch_xml(self, src_xml: str) -> str:
            if src_xml not in self._patched:
                if len(self._patched) > 64:
                    self._patched.clear()
                self._patched[src_xml] = _patched_xml(super().patch_xml, src_xml)
            return self._patched[src_xml]

    return PatchedOnce


def _patched_xml(patch: Callable[[str], str], src_xml: str) -> str:
    """docxtpl's clean-up of a template part's XML, from the disk cache when it is there."""
    import docxtpl

    from .. import cache

    name = cache.key("patch", docxtpl.__version__, src_xml)
    data = cache.load("patch", name)
    if data is not None:
        return data.decode("utf-8")
    patched = patch(src_xml)
    cache.store("patch", name, patched.encode("utf-8"))
    return patched


_HEADER_FOOTER = ("/relationships/header", "/relationships/footer")
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


class _Prepared(NamedTuple):
    """A template made ready for :func:`_render_fast`: its zip members, document.xml around the
    body, and the compiled Jinja code of the body and of each header and footer."""

    members: list[ox_package.Member]
    prefix: str
    suffix: str
    body: Any
    parts: list[tuple[str, Any, str]]  # zip member, compiled code, the part as it is (unrendered)
    numbering: bytes | None  # word/numbering.xml as the template has it


_PREPARE_SIGNATURE = "prepared v1"  # what the stored preparation's layout depends on


@lru_cache(maxsize=8)
def _prepared(path: str, mtime: float) -> _Prepared | None:
    """The fast path's view of a template, or None when it has tags where only docxtpl's own
    rendering reaches (core properties, footnotes). Preparing opens the template with docxtpl
    (python-docx) and cleans its XML; the result depends only on the template's bytes and the
    two libraries, so it is kept on disk (generator.cache) and the next process renders without
    importing either."""
    import marshal

    from .. import cache

    source = _template_bytes(path, mtime)
    name = cache.key("prepared", _PREPARE_SIGNATURE, _code_stamp(), source)
    stored = cache.load("prepared", name)
    if stored is not None:
        try:
            raw = marshal.loads(stored)
            return _from_preparation(raw) if raw is not None else None
        except (EOFError, ValueError, TypeError):
            pass  # a damaged or foreign entry: prepare again
    raw = _preparation(source)
    cache.store("prepared", name, marshal.dumps(raw))
    return _from_preparation(raw) if raw is not None else None


def _from_preparation(raw: tuple[Any, ...]) -> _Prepared:
    members, prefix, suffix, body, parts, numbering = raw
    env = _jinja_env()
    return _Prepared(
        [ox_package.Member(*member) for member in members],
        prefix,
        suffix,
        env.from_string(body),
        [(part, env.from_string(xml), original) for part, xml, original in parts],
        numbering,
    )


def _code_stamp() -> str:
    """What preparing depends on besides the template, found without importing it: docxtpl's and
    python-docx's installed files and this module's and ooxml.package's own (size and time) — an
    upgrade or an edit of any changes the key."""
    import importlib.util
    import os

    origins = [(name, importlib.util.find_spec(name)) for name in ("docxtpl", "docx")]
    files = [(name, spec.origin if spec is not None else None) for name, spec in origins]
    files += [("writer", __file__), ("package", ox_package.__file__)]
    stamp = []
    for name, origin in files:
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None  # a zipped or frozen install: the name alone
        stamp.append(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}" if info else name)
    return "|".join(stamp)


def _preparation(source: bytes) -> tuple[Any, ...] | None:
    """What :func:`_prepared` keeps, as plain values (marshal stores them): the members, the
    document.xml around the body, the cleaned body and header/footer XML to compile."""
    import zipfile

    document = _template_class()(io.BytesIO(source))
    document.init_docx()
    core = document.docx.core_properties
    texts = [
        str(getattr(core, name) or "") for name in ("author", "comments", "keywords", "subject", "title")
    ]
    package = zipfile.ZipFile(io.BytesIO(source))
    if any("{{" in t or "{%" in t for t in texts) or any("footnotes" in n for n in package.namelist()):
        return None
    body = _PARAGRAPH_START.sub(r"\n<w:p\1", document.patch_xml(document.get_xml()))
    parts = []
    for rel in document.docx.part.rels.values():
        if rel.reltype.endswith(_HEADER_FOOTER) and not rel.is_external:
            xml = document.get_part_xml(rel.target_part)
            cleaned = _PARAGRAPH_START.sub(r"\n<w:p\1", document.patch_xml(xml))
            parts.append((str(rel.target_part.partname).lstrip("/"), cleaned, xml))
    prefix, suffix = ox_package.split_body(package.read("word/document.xml").decode("utf-8"))
    names = package.namelist()
    numbering = package.read("word/numbering.xml") if "word/numbering.xml" in names else None
    members = [(m.name, m.crc, m.size, m.data) for m in ox_package.read_members(source)]
    return members, prefix, suffix, body, parts, numbering


def _finish_part(xml: str) -> str:
    """What docxtpl does to a rendered part (render_xml_part): line breaks out, escaped tags back."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if not any(char in xml for char in "\n\t\a\f"):
        return xml  # resolve_listing turns only these into breaks and tabs: nothing to do
    from docxtpl import DocxTemplate

    return DocxTemplate.resolve_listing(None, xml)  # type: ignore[arg-type]


_RECOVER: Any = None


def _body_tree(xml: str) -> Any:
    """The rendered body as a plain lxml tree, as docxtpl's ``fix_tables`` and python-docx's parser
    would leave it: blank text dropped, and tables' grids fitted to their rows (by docxtpl, only
    when a grid does not fit already: a template's loop over cells can add or drop columns)."""
    global _RECOVER
    from lxml import etree

    if _RECOVER is None:
        _RECOVER = etree.XMLParser(recover=True, remove_blank_text=True, resolve_entities=False)
    tree = etree.fromstring(xml, _RECOVER)
    if ox.grids_fit(tree):
        return tree
    from docxtpl import DocxTemplate

    return ox.parse_plain(etree.tostring(DocxTemplate.fix_tables(None, xml)))  # type: ignore[arg-type]


def _render_fast(
    prepared: _Prepared,
    context: dict[str, Any],
    sid: StyleIds,
    numbered: Callable[[Any], None] | None,
    view: DocumentView,
) -> bytes:
    """docxtpl's render and save for a template of :func:`_prepared`, without python-docx's package
    round trip (see :mod:`generator.ooxml.package`); ``numbered`` puts Word's lists in (it is given
    a stand-in of the python-docx document: the body, and the numbering part). The trees are plain
    lxml: the ooxml helpers used here work on either kind."""
    from types import SimpleNamespace

    from lxml import etree

    tree = _body_tree(_finish_part(prepared.body.render(context)))
    ox.renumber_drawings(tree, start=1001)  # unique drawing ids, as docxtpl numbers them
    _place_landscape_table(tree, view)
    replaced: dict[str, bytes] = {}
    if numbered is not None and prepared.numbering is not None:
        numbering = ox.parse_plain(prepared.numbering)
        part = SimpleNamespace(numbering_part=SimpleNamespace(element=numbering))
        numbered(SimpleNamespace(element=SimpleNamespace(body=tree), part=part))
        xml = _DECLARATION + etree.tostring(numbering, encoding="unicode")
        replaced["word/numbering.xml"] = xml.encode("utf-8")
    keep_tasks(tree, sid)
    keep_closing(tree, sid)
    body = etree.tostring(tree, encoding="unicode")
    replaced["word/document.xml"] = (prepared.prefix + body + prepared.suffix).encode("utf-8")
    for name, code, original in prepared.parts:
        rendered = _finish_part(code.render(context))
        if rendered != original:
            replaced[name] = (_DECLARATION + rendered).encode("utf-8")
    return ox_package.write_package(prepared.members, replaced)


def _place_landscape_table(body: Any, view: DocumentView) -> None:
    """The sections around a landscape 分工表, once the body is rendered."""
    table = view.plan.task_table
    if table is not None and table.landscape and not view.notice.has_imprint:
        # nothing follows the landscape table: its section ends the document, no portrait page after
        ox.move_last_section(body)
    elif table is not None and table.landscape:
        # the 版记 opens the portrait section after the table: its last rule set on the 版心 bottom
        # from the page top, where LibreOffice misplaces a margin-aligned box (see the function)
        ox.pin_textbox_to_page(
            body,
            "版记",
            bottom=geo.MARGIN_TOP + IMPRINT_AREA_HEIGHT,
            height=imprint_height(view.notice.cc, view.notice.printer, view.notice.print_date),
        )


def render_docx(
    view: DocumentView,
    template: Path | None = None,
    *,
    stamp: bool = False,
    numbering: str = "word",
    flow: FlowFix | None = None,
) -> bytes:
    """The document as .docx bytes, from the bundled template or an agency's own ``template``;
    ``stamp`` bookmarks every plan paragraph with the node and part it prints (for the diff);
    headings numbered by Word's own lists, or with typed labels (``numbering="text"``); ``flow``
    is what a layout pass found to fix (see :mod:`generator.writers.flow`)."""
    path = Path(template) if template else notice_template()
    if template:
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise InputError(
                [
                    Problem(
                        str(path),
                        1,
                        1,
                        _("cannot read the template: {reason}").format(reason=os_reason(exc)),
                        _("check the path"),
                    )
                ]
            ) from None
        _validated(str(path.resolve()), mtime)
    key = (str(path.resolve()), path.stat().st_mtime)
    sid = _style_ids(*key)
    stamps: list[str] | None = [] if stamp else None
    lists = plan_lists(view, check_mode(numbering))
    context = build_context(view, sid, stamps, lists)
    if template and "doc_number_under_title" not in _printed_by(*key):
        # a template older than the 文号-under-the-title line prints it in the 版头, as it did
        context["doc_number"] = view.notice.doc_number
        context["doc_number_under_title"] = ""

    def numbered(document: Any) -> None:
        if lists is not None:
            apply_lists(document, view, lists, sid, _level_look(*key))

    fixing = flow is not None and flow.needed
    prepared = _prepared(*key) if not fixing and not stamp else None
    try:
        if prepared is not None and (lists is None or prepared.numbering is not None):
            return _render_fast(prepared, context, sid, numbered, view)
        # docxtpl's own path: templates with tags in other parts, flow fixes that add parts, stamps
        document = _template_class()(io.BytesIO(_template_bytes(*key)))
        document.render(context, jinja_env=_jinja_env(), autoescape=True)
    except jinja2.exceptions.SecurityError as exc:  # the sandbox's own refusal (checked above too)
        message = _("the template's tags are refused: {reason}").format(reason=exc)
        raise InputError([Problem(str(path), 1, 1, message, _("remove them"))]) from None
    _place_landscape_table(document.docx.element.body, view)
    if stamps:
        ox.apply_stamps(document.docx.element.body, stamps)
    numbered(document.docx)
    holders = keep_tasks(document.docx.element.body, sid)
    keep_closing(document.docx.element.body, sid)
    if flow is not None and fixing:
        apply_fix(document.docx, flow, sid, view, holders)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
