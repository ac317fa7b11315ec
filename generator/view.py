"""The document as the strings every writer prints.

Readers build a :class:`~generator.model.Document`; this module turns it, once, into the exact
texts of each element (文号 with 〔〕, dates without leading zeros, labels from ``numbering``, the
run-in first paragraph of each item). Writers (txt, md, html, docx) only choose fonts and places
for these strings, so all formats say the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .model import Appendix, DocNumber, Document, Node, Notice, Table
from .numbering import Numbered, number_plan, points_inline
from .tasks.table import TaskTableView, build_task_table
from .tasks.table import default_title as default_task_table_title


def format_date(date: dt.date) -> str:
    """成文日期 per GB/T 9704-2012 §7.3.5.4: Arabic, full year, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


def format_doc_number(number: DocNumber) -> str:
    """发文字号 with 六角括号 〔〕 (§7.2.5); an unassigned 序号 prints as a blank to fill in."""
    serial = str(number.serial) if number.serial is not None else BLANK
    return f"{number.prefix}〔{number.year}〕{serial}号"


BLANK = "　"
"""One full-width space: the blank a clerk fills in by hand (序号, month, day)."""


def date_placeholder(year: int) -> str:
    """A date still to fill in, as drafts print it: ``2028年　月　日``."""
    return f"{year}年{BLANK}月{BLANK}日"


def placeholder_year(document: Document) -> int:
    """The year a blank date of the notice is to be in: its 文号's, else the plan's."""
    number = document.notice.doc_number if document.notice else None
    return number.year if number is not None else document.plan.year


def notice_title(document: Document) -> str:
    """标题 of the notice: as given, else 关于印发《plan title》的通知 (a newline forces a line break);
    '' for a bare plan (no notice, so no title is invented), a notice whose title is '' (printed
    without one, seeds/001) and a notice of which only the 版记 is left."""
    notice = document.notice
    if notice is None:
        return ""
    if notice.title is not None:
        return notice.title
    if not _issues_anything(notice):
        return ""  # a 版记 kept under attachments whose notice is lost: no title is invented
    return document.plan.title if document.plan.in_notice else default_notice_title(document.plan.title)


def _issues_anything(notice: Notice) -> bool:
    """Does the notice print anything of a notice's own (版头, 主送, 正文, 署名, 成文日期), beyond
    a 版记 and a 附注?"""
    own = (notice.issuers, notice.doc_number, notice.recipients, notice.body, notice.signatories)
    return any(own) or notice.date is not None or bool(notice.signers)


def default_notice_title(plan_title: str) -> str:
    """The 标题 a notice issuing ``plan_title`` gets unless it gives its own."""
    return f"关于印发《{plan_title}》的通知"


def task_table_title(document: Document) -> str | None:
    """Title of the 重点任务分工表, None when the plan has none."""
    table = document.plan.task_table
    if table is None:
        return None
    return table.title or default_task_table_title(document.plan.title)


def attachment_names(document: Document) -> list[str]:
    """附件说明 names: as given, else the plan's title, those of the further attachments and the
    分工表's; [] when the notice names none (or there is no notice: a bare plan is no one's 附件)."""
    if getattr(document, "notice", None) is None:
        return []
    if document.notice.attachments is None:
        table = task_table_title(document)
        further = [a.title for a in document.appendices if a.title]
        own = [] if document.plan.in_notice else [document.plan.title]
        return own + further + ([table] if table else [])
    return list(document.notice.attachments)


class Annex(NamedTuple):
    """One printed 附件: what it is, its title and its label."""

    kind: str  # plan | task_table | appendix
    name: str
    label: str  # 附件 / 附件N; '' for the plan when the 附件说明 does not name it


def annexes(document: Document) -> list[Annex]:
    """The printed 附件 in order — the plan, the further attachments, then the 重点任务分工表 — each
    labelled: the one place attachments are numbered. An explicit label is kept as written (附件2
    of a bare plan); else the 附件说明 numbers what it names (附件 alone when it names one); else a
    further attachment (and the 分工表) takes the number after the one before it."""
    names = attachment_names(document)
    plan = document.plan
    taken: set[int] = set()

    def by_name(name: str | None) -> str:
        # two attachments of one name (two 任务分工表) are the 附件说明's first and second of it
        free = [k for k, named in enumerate(names) if named == name and k not in taken]
        if name is None or not free:
            return ""
        taken.add(free[0])
        return "附件" if len(names) == 1 else f"附件{free[0] + 1}"

    if plan.in_notice:
        first = ""
    elif plan.attachment_label is not None:
        first = plan.attachment_label
    else:
        first = by_name(plan.title)
    out = [Annex("plan", plan.title, first)]
    table = task_table_title(document)
    total = (1 if first else 0) + len(document.appendices) + (table is not None)

    def by_place() -> str:
        if total == 1:
            return "附件"
        # the number after the attachment before it (附件2 → 附件3)
        previous = re.search(r"(\d+)$", out[-1].label)
        return f"附件{int(previous[1]) + 1 if previous else len(out) + 1}"

    for appendix in document.appendices:
        label = appendix.label if appendix.label is not None else by_name(appendix.title) or by_place()
        out.append(Annex("appendix", appendix.title or "", label))
    if table is not None:
        # the generated 分工表 after what the document already attaches, labelled like a further
        # attachment (a 附件说明 that leaves it out still prints it as an attachment; the label is
        # also what tells it apart when the document is read back)
        out.append(Annex("task_table", table, by_name(table) or by_place()))
    return out


def doc_number_under_title(notice: Notice) -> str:
    """The line under the title that prints the 发文字号, '' when the 版头 prints it: GB/T 9704
    sets it under the 发文机关标志 (§7.2.4), so only a notice without one — a web page's article, a
    公报's text — keeps it under its title, bare or in （）, as it was written."""
    if notice.doc_number is None or notice.issuers or notice.doc_number_place == "header":
        return ""
    if notice.title == "":
        return ""  # no title to stand under: it stands first, where the 版头's would
    number = format_doc_number(notice.doc_number)
    return f"（{number}）" if notice.doc_number_place == "under_title_bracketed" else number


def annex_labels(document: Document) -> list[str]:
    """The labels of the plan and of each further attachment (the 分工表's aside), as printed."""
    return [annex.label for annex in annexes(document) if annex.kind != "task_table"]


SIGNERS_LABEL = "签发人："  # §7.2.6
LINE_GAP = "　　"
"""Between the two items that share a line (文号 … 签发人, 印发机关 … 印发日期) in txt and md,
which cannot push them to the margins as Word and HTML do: two full-width spaces, as typed."""


class Para(NamedTuple):
    """One printed paragraph of the plan.

    kind: ``section`` (standalone heading line), ``item`` (run-in heading + first paragraph),
    ``text`` (a further paragraph of a node), ``preamble``, or ``table``.
    ``heading`` is the part a writer sets in the level's heading font; ``text`` the rest.
    """

    kind: str
    level: int
    label: str = ""
    heading: str = ""
    text: str = ""
    entry: Numbered | None = None
    table: Table | None = None
    ends_node: bool = False  # the last text paragraph of its node: task fields print after it

    @property
    def full(self) -> str:
        return f"{self.label}{self.heading}{self.text}"

    @property
    def tasks(self) -> str:
        """Task fields of this paragraph's node as one printed paragraph, '' if none or if this is
        not the node's last text paragraph: （牵头单位：…；责任单位：…、…；完成时限：…；指标：…）."""
        if not self.ends_node or self.entry is None:
            return ""
        node = self.entry.node
        fields = [
            f"牵头单位：{node.lead}" if node.lead else "",
            ("责任单位：" + "、".join(node.owners)) if node.owners else "",
            f"完成时限：{node.deadline}" if node.deadline else "",
            ("指标：" + "；".join(node.targets)) if node.targets else "",
        ]
        printed = "；".join(f for f in fields if f)
        return f"（{printed}）" if printed else ""


class NoticeView(NamedTuple):
    """Every element of the notice as printed text; empty strings/lists where absent."""

    copy_number: str
    classification: str  # 密级★期限
    urgency: str
    issuers: list[str]
    issuer_suffix: str
    doc_number: str
    signers: list[str]
    title_lines: list[str]
    doc_number_under_title: str  # the 文号's line under the title ('' when it prints in the 版头)
    recipients: str  # with the closing full-width colon
    body: list[str]
    attachments: list[str]  # 附件：1.… lines as printed
    signatories: list[str]
    date: str
    sealed: bool
    note: str  # in full-width brackets
    cc: str  # 抄送：…。
    printer: str
    print_date: str  # …印发

    @property
    def signers_label(self) -> str:
        """签发人： before the first name, '' for a 下行文."""
        return SIGNERS_LABEL if self.signers else ""

    @property
    def signers_line(self) -> str:
        """签发人：张三　李四 (§7.2.6), '' for a 下行文; names apart by a full-width space."""
        return self.signers_label + "　".join(self.signers)

    @property
    def header_doc_number(self) -> str:
        """The 发文字号 as the 版头 prints it: '' when it stands under the title instead."""
        return "" if self.doc_number_under_title else self.doc_number

    @property
    def number_line(self) -> str:
        """发文字号 and 签发人 as one line of text (§7.2.6: on the same line), '' if neither."""
        return LINE_GAP.join(s for s in (self.header_doc_number, self.signers_line) if s)

    @property
    def imprint_line(self) -> str:
        """印发机关 and 印发日期 as one line of text (§7.4.3: on the same line), '' if neither."""
        return LINE_GAP.join(s for s in (self.printer, self.print_date) if s)

    @property
    def upward(self) -> bool:
        """上行文: carries 签发人 (GB/T 9704 §7.2.6)."""
        return bool(self.signers)

    @property
    def has_imprint(self) -> bool:
        """版记 present (抄送 or 印发机关/日期)."""
        return bool(self.cc or self.printer or self.print_date)


class AppendixView(NamedTuple):
    """A further 附件 as printed: its label, title, paragraphs and tables, on pages of its own."""

    label: str
    title: str
    text: list[str]
    tables: list[Table]
    notes: list[str]


class PlanView(NamedTuple):
    title: str
    year: int
    annex_label: str  # 附件 / 附件1; '' when no 附件说明 names the plan
    paragraphs: list[Para]
    outline: list[Numbered]
    in_notice: bool  # printed as the notice's own 正文: no title, no 附件 page
    appendices: list[AppendixView]
    task_table: TaskTableView | None  # 重点任务分工表, the next 附件


class DocumentView(NamedTuple):
    notice: NoticeView
    plan: PlanView
    document: Document

    @property
    def last_body_paragraph(self) -> str:
        """The printed text of the 正文's last paragraph, the one the 附件说明 and signature block
        keep with (§7.3.5): the notice body's last, or — for a notice whose numbered text is its
        own 正文 — the plan's last printed line (a task line, where its node has task fields)."""
        if self.plan.in_notice:
            for para in reversed(self.plan.paragraphs):
                if para.kind != "table":
                    return para.tasks or para.full
                break  # a table ends the 正文: no paragraph to carry over
            return ""
        return self.notice.body[-1] if self.notice.body else ""

    @property
    def has_notice(self) -> bool:
        """False for a bare plan: no 版头, 标题 or 主体 of a notice is printed (nor for a notice of
        which only the 版记 is left: the 版记 is printed after the attachments all the same)."""
        notice = self.document.notice
        return notice is not None and bool(notice.title or notice.note or _issues_anything(notice))


def _attachment_lines(names: list[str]) -> list[str]:
    """附件说明 lines (§7.3.4): one name plain, several numbered 1. 2. …"""
    if not names:
        return []
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    return [f"附件：1.{names[0]}"] + [f"{i}.{n}" for i, n in enumerate(names[1:], start=2)]


def _node_paragraphs(entry: Numbered) -> list[Para]:
    node: Node = entry.node
    inline = points_inline(node.points)
    paragraphs = list(node.text)
    out: list[Para] = []
    if entry.level == 1:
        out.append(Para("section", 1, entry.label, node.heading or "", "", entry))
        if inline or paragraphs:
            first = inline + (paragraphs.pop(0) if paragraphs else "")
            out.append(Para("text", 1, text=first, entry=entry))
    else:
        first = inline + (paragraphs.pop(0) if paragraphs else "")
        out.append(Para("item", entry.level, entry.label, node.heading or "", first, entry))
    out.extend(Para("text", entry.level, text=p, entry=entry) for p in paragraphs)
    out[-1] = out[-1]._replace(ends_node=True)
    out.extend(Para("table", entry.level, entry=entry, table=t) for t in node.tables)
    for child in entry.children:
        out.extend(_node_paragraphs(child))
    return out


_NO_NOTICE = Notice(issuer_suffix="")


def _appendix_view(appendix: Appendix, label: str) -> AppendixView:
    return AppendixView(
        label, appendix.title or "", list(appendix.text), list(appendix.tables), list(appendix.notes)
    )


def build_view(document: Document) -> DocumentView:
    """The printed strings of ``document``; numbering is computed here, once."""
    n = document.notice if document.notice is not None else _NO_NOTICE
    blank_year = placeholder_year(document)
    outline = number_plan(document.plan)
    paragraphs = [Para("preamble", 0, text=p) for p in document.plan.preamble]
    for entry in outline:
        paragraphs.extend(_node_paragraphs(entry))

    names = attachment_names(document)
    printed = annexes(document)
    annex_label = printed[0].label
    task_table = None
    for annex in printed:
        if annex.kind == "task_table":
            task_table = build_task_table(document.plan, outline, annex.label, annex.name)
    appendix_labels = [annex.label for annex in printed if annex.kind == "appendix"]

    classification = n.classification or ""
    if classification and n.secrecy_period:
        classification = f"{classification}★{n.secrecy_period}"
    notice = NoticeView(
        copy_number=n.copy_number or "",
        classification=classification,
        urgency=n.urgency or "",
        issuers=list(n.issuers),
        issuer_suffix=n.issuer_suffix if n.issuers else "",
        doc_number=format_doc_number(n.doc_number) if n.doc_number else "",
        signers=list(n.signers),
        title_lines=notice_title(document).split("\n") if notice_title(document) else [],
        doc_number_under_title=doc_number_under_title(n),
        recipients=("，".join(n.recipients) + "：") if n.recipients else "",
        body=list(n.body),
        attachments=_attachment_lines(names),
        signatories=list(n.signatories),
        # A notice that is signed but undated (a rollover draft) shows the date to fill in.
        date=format_date(n.date) if n.date else date_placeholder(blank_year) if n.signatories else "",
        sealed=n.sealed,
        note=f"（{n.note}）" if n.note else "",
        cc=("抄送：" + "，".join(n.cc) + "。") if n.cc else "",
        printer=n.printer or "",
        # 印发机关 without 印发日期 (cleared by a rollover) keeps its line with a blank date.
        print_date=(format_date(n.print_date) if n.print_date else date_placeholder(blank_year)) + "印发"
        if n.print_date or n.printer
        else "",
    )
    plan = PlanView(
        title=document.plan.title,
        year=document.plan.year,
        annex_label=annex_label,
        paragraphs=paragraphs,
        outline=outline,
        in_notice=document.plan.in_notice,
        appendices=[_appendix_view(a, x) for a, x in zip(document.appendices, appendix_labels, strict=True)],
        task_table=task_table,
    )
    return DocumentView(notice, plan, document)
