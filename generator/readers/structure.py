"""Lines → document: paragraphs rejoined across page breaks, where the notice ends and the plan
begins, the plan's title and its appendices (附表). The notice is read by ``notice.py``, the
plan's numbered tree by ``tree.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..i18n import _
from ..model import Appendix, Document, Notice, Plan
from ..model_tools import replace, to_data, validate
from ..typography import IDEOGRAPHS
from ..view import annex_labels, default_notice_title
from .defects import DefectLog
from .lines import (
    LIST_HEAD,
    Line,
    ends_sentence,
    is_page_number,
    is_paragraph,
    label_of,
    parse_date,
    parse_label,
)
from .notice import (
    book_names,
    is_cc,
    is_closing_formula,
    is_disclosure,
    is_doc_number_line,
    is_imprint,
    join_printer_lines,
    read_imprint,
    read_notice,
)
from .task_table import split_task_table
from .tree import PART, SourceMarks, build_tree, is_task_line

_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}\s*[：:]?$")
_APPENDIX = re.compile(r"^附(?:表|件)\s*(?:\d{1,2}\s*[：:]?|)\s*$")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百]+[章条节]")  # 第一章 总则 / 第一条 (rules, not plans)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
UNTITLED = "工作要点"
"""The plan's title when the source shows none (the model needs one)."""
_NOTE = re.compile(r"^[（(].+[）)]$")
_EDITION = re.compile(
    r"^[（(]?\s*(?:(?:19|20)\d{2}\s*年?\s*版|试\s*行|暂\s*行|征求意见稿|修订稿?)\s*[）)]?$"
    r"|^[（(]\s*(?:19|20)\d{2}\s*年?\s*版\s*[，,、]\s*试\s*行\s*[）)]$"
)


def build_document(lines: list[Line], defects: DefectLog) -> tuple[Document, SourceMarks]:
    """The document read from cleaned ``lines`` (blank lines included), and what the source
    printed where (its labels and lines, see :class:`SourceMarks`)."""
    lines, task_table = split_task_table(lines)
    lines = join_page_breaks(lines, defects)
    content = join_printer_lines(drop_database_lines([line for line in lines if not line.blank], defects))
    tail = split_imprint(content, defects)
    start = find_plan_start(content)
    notice_lines, plan_lines = content[:start], content[start:]
    attached: list[Line] = []
    if plan_lines and _numbered_before_date(notice_lines):
        # the notice's own 正文 is numbered and what follows its date is its 附件 (real/03 html)
        attached, plan_lines, notice_lines = plan_lines, [], content[:start]
        content = notice_lines
    own_body = None if plan_lines else numbered_body(content)
    if own_body is not None:  # a notice that issues no plan: its numbered text is its own 正文
        body_at, closing_at = own_body
        notice_lines = content[:body_at] + content[closing_at:]
        plan_lines = content[body_at:closing_at]
    marks = SourceMarks()
    if notice_lines:
        marks.fields["notice"] = notice_lines[0].no
    fields = read_notice([line for line in notice_lines if line.table is None], defects, marks.fields)
    for line in notice_lines:
        if line.table is not None:
            message = _("a table in the notice has no place in the model; left out")
            defects.add(line.no, "skipped_table", message)
    read_imprint(tail, fields, defects, marks.fields)
    # A notice alone (external/04) is its own title; the model's plan needs one.
    untitled = "".join(str(fields.get("title") or "").split()) or UNTITLED
    if own_body is not None:
        plan, printed = Plan(title=untitled, year=dt.date.today().year, in_notice=True), ""
        _mark_tree(marks, build_tree(plan, plan_lines, defects))
        appendices = _appendices(attached, defects)
    else:
        known = frozenset(book_names(notice_lines))
        plan, printed, appendices = read_plan(plan_lines, defects, marks, untitled, known)
    if not _YEAR.search(plan.title) or plan.in_notice:
        plan.year = _year_of(fields, plan)
    if task_table is not None:
        plan.task_table = task_table.settings(plan)
        if plan.task_table is None:
            # an agency's own 分工表: what it says is kept, as an attachment in its place
            appendices.insert(
                _place_of(task_table.label, appendices), (task_table.as_appendix(), task_table.label)
            )
            task_table = None
    # the default 附件说明 names the plan, its 分工表 and the further attachments (view.attachment_names)
    default = [] if plan.in_notice else [plan.title]
    default += [a.title for a, _ in appendices if a.title] + ([task_table.title] if task_table else [])
    if default and fields.get("attachments") == default:
        del fields["attachments"]
    elif "attachments" not in fields:
        fields["attachments"] = []
    bare = not notice_lines and not tail  # an attachment kept without the notice that issued it
    if not bare and own_body is None and "title" not in fields:
        fields["title"] = ""  # a notice printed without its title (seeds/001): none is invented
    notice = None if bare else validate(Notice, fields)  # the fields as read: 文号 parts, dates …
    document = Document(notice=notice, plan=plan, appendices=[a for a, _ in appendices])
    if notice is not None and notice.title == default_notice_title(plan.title):
        notice.title = None  # the default title, written out
    _keep_printed_labels(document, printed, [label for _, label in appendices])
    # what was read, checked as a plan file is: an import never hands on what `render` would refuse
    return validate(Document, to_data(document)), marks


_COPIES = re.compile(r"^[（(]?\s*共印\s*\d+\s*份\s*[）)]?$")
_PROOFREADER = re.compile(r"^(?:校对|校核|核稿)\s*[：:]\s*\S{1,12}$")


def split_imprint(content: list[Line], defects: DefectLog) -> list[Line]:
    """The 版记 at the end of ``content``, taken off it: its 抄送 and 印发 lines, a 公开方式 line
    beside them, a 抄送 wrapped onto a second line (a .doc's 版记 set with spaces), and a last
    校对：… line, which the model has no place for (an older 版记, 卫生部办公厅 2009)."""
    tail: list[Line] = []
    for k in range(max(0, len(content) - 4), len(content)):
        if k < len(content) and _COPIES.match(content[k].text.strip()):
            neighbours = content[max(0, k - 1) : k] + content[k + 1 : k + 2]
            if any(is_imprint(n.text) for n in neighbours):  # 印数 of an older 版记: no field for it
                line = content.pop(k)
                message = _("left out the 版记's print run {text}: the model has no place for it")
                defects.add(line.no, "removed_page_chrome", message.format(text=repr(line.text.strip())))
                break
    if len(content) > 1 and _PROOFREADER.match(content[-1].text.strip()):
        if is_imprint(content[-2].text) or is_disclosure(content[-2].text):
            line = content.pop()
            message = _("left out the 版记's proofreader line {text}: the model has no place for it")
            defects.add(line.no, "removed_page_chrome", message.format(text=repr(line.text.strip())))
    while content and (is_imprint(content[-1].text) or is_disclosure(content[-1].text)):
        tail.insert(0, content.pop())
    if tail and len(content) > 1 and is_cc(content[-2].text) and not is_cc(tail[0].text):
        # between 抄送 and 印发 only the 抄送's own continuation stands
        wrapped, head = content[-1], content[-2]
        names = wrapped.text.strip()
        if (
            wrapped.table is None
            and label_of(wrapped) is None
            and not head.text.rstrip().endswith("。")
            and not _NOTE.match(names)  # （共印50份） is no name
            and not re.search(r"\d", names)
        ):
            content[-2:] = []
            tail.insert(0, Line(head.no, head.text.rstrip() + wrapped.text.strip(), None, head.label))
    return tail


def _place_of(label: str, appendices: list[tuple[Appendix, str]]) -> int:
    """Where an attachment labelled ``label`` (附件2) stands among ``appendices``: before the first
    of a higher number (附件3), else last."""
    number = _label_number(label)
    if number is not None:
        for k, (_appendix, other) in enumerate(appendices):
            if (later := _label_number(other)) is not None and later > number:
                return k
    return len(appendices)


def _label_number(label: str) -> int | None:
    match = re.search(r"\d+", label)
    return int(match[0]) if match else None


def _keep_printed_labels(document: Document, plan_label: str, appendix_labels: list[str]) -> None:
    """附件 labels as the source printed them, where they differ from the ones the view would
    compute (a bare plan's 附件2; a plan printed without one although the 附件说明 names it)."""
    computed = annex_labels(document)
    # a plan printed without the label its 附件说明 implies gets it (GB/T 9704 §7.3.7); one
    # printed otherwise (a bare plan's 附件2) is kept as printed
    if plan_label and computed[0] != plan_label and not document.plan.in_notice:
        document.plan.attachment_label = plan_label
    for appendix, label in zip(document.appendices, appendix_labels, strict=True):
        appendix.label = label
    for k, appendix in enumerate(document.appendices):  # in order: a label may follow the one before
        label, appendix.label = appendix.label, None
        if annex_labels(document)[k + 1] != label:
            appendix.label = label


def _mark_tree(marks: SourceMarks, tree: SourceMarks) -> None:
    marks.labels.update(tree.labels)
    marks.lines.update(tree.lines)
    marks.paragraphs.update(tree.paragraphs)
    marks.fields.update(tree.fields)


# 北大法宝 exports open with the database's own lines (real/18–22): not part of the document.
_DATABASE_LINE = re.compile(r"^(?:【法宝引证码】|原文链接[：:]\s*https?[：:])")


def drop_database_lines(lines: list[Line], defects: DefectLog) -> list[Line]:
    """The document without a legal database's citation lines at its top, and without the
    database's first copy of the title when the document's own follows (real/18: the copy has
    half-width brackets)."""
    out = list(lines)
    dropped = 0
    while out and dropped < 3 and _DATABASE_LINE.match(out[0].text):
        defects.add(
            out[0].no, "garbage", _("removed a database line: {text}").format(text=repr(out[0].text[:24]))
        )
        out.pop(0)
        dropped += 1
    if dropped and len(out) > 1 and _same_title(out[0].text, out[1].text):
        defects.add(out[0].no, "garbage", _("removed the database's copy of the title"))
        out.pop(0)
    return out


def _same_title(first: str, second: str) -> bool:
    table = str.maketrans("()—", "（）-")
    return first.replace(" ", "").translate(table) == second.replace(" ", "").translate(table)


def numbered_body(lines: list[Line]) -> tuple[int, int] | None:
    """(first, end) of a notice's own numbered 正文 (external/04, real/10): from its first 一、 to
    the 附件说明 or 署名 above the 成文日期; None when the notice has no numbered text."""
    first = next(
        (
            i
            for i, line in enumerate(lines)
            if i > 0 and (lab := label_of(line)) is not None and lab.scheme == "chinese" and lab.number == 1
        ),
        None,
    )
    if first is None:
        return None
    end = len(lines)
    dated = next((i for i in range(len(lines) - 1, first, -1) if parse_date(lines[i].text)), None)
    if dated is not None:
        end = dated
        while end - 1 > first and _closing_line(lines[end - 1]) and dated - end < 6:
            end -= 1
    attachment = next((i for i in range(first + 1, end) if re.match(r"^附件\s*[：:]", lines[i].text)), None)
    if attachment is not None:
        end = attachment
    return (first, end) if end > first else None


def _numbered_before_date(lines: list[Line]) -> bool:
    """Do sections 一、 二、 … stand before the notice's 成文日期 (its own numbered 正文)?"""
    dated = next((i for i in range(len(lines) - 1, -1, -1) if parse_date(lines[i].text)), None)
    if dated is None:
        return False
    numbers = [
        lab.number
        for line in lines[:dated]
        if (lab := label_of(line)) is not None and lab.scheme == "chinese"
    ]
    return numbers[:2] == [1, 2]


def _closing_line(line: Line) -> bool:
    """A 署名 line (or a name of several on one line) above the 成文日期 — not a heading, whose
    label may be Word's own (in ``line.label``)."""
    text = line.text
    if is_task_line(text) or is_closing_formula(text):
        return False  # the last item's （牵头单位：…）, the 正文's 特此通知: no name
    return 0 < len(text) <= 40 and not ends_sentence(text) and label_of(line) is None and "，" not in text


def _year_of(fields: dict[str, Any], plan: Plan) -> int:
    """The plan's year when its title has none: the notice's dates or 文号, else the first year
    the plan mentions, else this year."""
    for key in ("date", "print_date"):
        if key in fields:
            return int(fields[key].year)
    if "doc_number" in fields:
        return int(fields["doc_number"]["year"])
    for text in [*plan.preamble, *(t for n in plan.nodes() for t in [n.heading or "", *n.text])]:
        if match := _YEAR.search(text):
            return int(match.group(1))
    return dt.date.today().year


# --- page breaks -------------------------------------------------------------------------------


def join_page_breaks(lines: list[Line], defects: DefectLog) -> list[Line]:
    """Join a paragraph that a page break split (a blank line inside a sentence, seed 000:
    感染性疾病楼 / 立项工作). Word paragraphs are never split this way: only text has blanks."""
    out: list[Line] = []
    blank_since = False
    for line in lines:
        if line.blank:
            blank_since = True
            continue
        previous = out[-1] if out else None
        if blank_since and previous is not None and _continues(previous, line):
            out[-1] = Line(previous.no, previous.text + line.text)
        else:
            out.append(line)
        blank_since = False
    return out


def _continues(before: Line, after: Line) -> bool:
    first, second = before.text, after.text
    if before.table is not None or after.table is not None or before.label or after.label:
        return False
    if ends_sentence(first) or not (len(first) >= 30 or re.search(r"[。，；,;]", first)):
        return False
    label = parse_label(first)
    if label is not None and label.scheme == "chinese":
        return False  # a section heading stands on its own line
    if parse_label(second) or parse_date(second) or is_imprint(second) or LIST_HEAD.match(second):
        return False
    if _ANNEX_LABEL.match(second) or _APPENDIX.match(second) or _NOTE.match(first):
        return False
    return not second.endswith(("：", ":")) and not re.search(r"(通知|意见|决定)$", first)


# --- where the plan begins ---------------------------------------------------------------------


def find_plan_start(lines: list[Line]) -> int:
    """Index of the plan's first line (its 附件 label or title); len(lines) when the document is
    a notice alone (external/04: the numbered text is the notice's own 正文)."""
    names = set(book_names(lines))
    sections = dated = False
    for i, line in enumerate(lines):
        text = _squeezed(line.text)
        # a 附件 after numbered sections and no 成文日期 is the plan's own attachment (a bare plan's)
        own = sections and not dated
        if _ANNEX_LABEL.match(text) and i + 1 < len(lines) and not parse_label(lines[i + 1].full) and not own:
            return i
        if (lab := label_of(line)) is not None and lab.scheme == "chinese":
            sections = True
        dated = dated or parse_date(line.text) is not None
        two = text + _squeezed(lines[i + 1].text) if i + 1 < len(lines) else ""
        # the title, perhaps over two lines — not the notice's own (…的通知 under its 文号), which
        # the plan may cite in 《》 too
        if (text in names or two in names) and i > 0 and _is_title_line(text if text in names else two):
            return i - 1 if _ANNEX_LABEL.match(lines[i - 1].text) else i
        if _attachment_names_here(line, names):
            names.update(_attachment_names_here(line, names))
    first_section = next(
        (
            i
            for i, line in enumerate(lines)
            if ((lab := label_of(line)) is not None and lab.scheme == "chinese")
            or (lab is None and PART.match(line.text))  # 第一部分 opens the plan's first part
        ),
        None,
    )
    if first_section is None:  # no numbered plan: a notice alone, or a plan of paragraphs
        head = [line.text for line in lines[:8]]
        notice = any(t.startswith("关于") or t.endswith(("：", ":")) or parse_date(t) for t in head)
        return len(lines) if notice else 0
    i = first_section - 1
    while i >= 0 and (is_paragraph(lines[i].text) or ends_sentence(lines[i].text)):
        i -= 1  # the preamble, however short its sentences
    if i < 0 or not _is_title_line(lines[i].text):
        return len(lines) if i >= 0 else 0
    while i > 0 and _is_title_line(lines[i - 1].text) and len(lines[i - 1].text) <= 30:
        if parse_date(lines[i - 1].text) or is_imprint(lines[i - 1].text) or _NOTE.match(lines[i - 1].text):
            break
        i -= 1
        if _ANNEX_LABEL.match(lines[i].text):
            break
    return i


def _squeezed(text: str) -> str:
    """A line as the 《》 of a title it may be: no spaces, no line break (a PDF's title over two
    printed lines keeps its break)."""
    return text.replace(" ", "").replace("\n", "")


def _attachment_names_here(line: Line, names: set[str]) -> set[str]:
    match = re.match(r"^附件\s*[：:]\s*(?:1\s*[.．、]\s*)?(?P<name>.+)$", line.text)
    return {match["name"].replace(" ", "")} if match else set()


def _title_rest(line: Line) -> bool:
    """A line that can go on a plan title broken over lines: short, no label, no punctuation."""
    return (
        line.table is None
        and label_of(line) is None
        and len(line.text) <= 30
        and not re.search(r"[。，；：,;:]", line.text)
        and not _APPENDIX.match(line.text)
        and not _CHAPTER.match(line.text)
    )


def _is_title_line(text: str) -> bool:
    """A line that can be (part of) the plan's title — not the notice's own title or 文号."""
    if not 0 < len(text) <= 60 or ends_sentence(text) or re.search(r"[。；]", text):
        return False
    # a title beginning 关于 is the plan's (关于推进…的指导意见, real/21) unless it is a notice's
    if text.startswith(("关于印发", "关于转发")):
        return False
    if is_doc_number_line(text):  # one that lost a bracket too (甘卫职健函2024〕217)
        return False
    return not re.search(r"(通知|函|决定|批复|〔\d{4}〕.*号[）)]?)$", text)  # （文号） under a title too


# --- the plan ----------------------------------------------------------------------------------


def read_plan(
    lines: list[Line],
    defects: DefectLog,
    marks: SourceMarks,
    untitled: str = UNTITLED,
    known: frozenset[str] = frozenset(),
) -> tuple[Plan, str, list[tuple[Appendix, str]]]:
    """The plan from its lines: 附件 label, title, preamble, the tree; and the attachments after it
    (附件2, 附表1 …, each with the label it printed); where each part stood goes into ``marks``."""
    i = 0
    printed = ""
    if lines:
        marks.fields["plan"] = lines[0].no
    if i < len(lines) and _ANNEX_LABEL.match(lines[i].text):
        printed = lines[i].text.replace(" ", "").rstrip("：:")
        i += 1
    title_parts: list[str] = []
    while i < len(lines) and not title_parts:
        if label_of(lines[i]) is None and _is_title_line(lines[i].text) and lines[i].table is None:
            marks.fields["plan.title"] = marks.fields["plan.year"] = lines[i].no  # the year is read there
            title_parts.append(lines[i].text.replace(" ", ""))
            i += 1
            # A title over two lines (external/02): a short line without punctuation follows.
            nxt = lines[i] if i < len(lines) else None
            if nxt is not None and title_parts[0] + nxt.text.replace(" ", "") in known:
                title_parts.append(nxt.text.replace(" ", ""))  # the title the notice names, over two lines
                i += 1
            else:
                # the title's further lines (up to two: a long title over three, as a .txt copied
                # out of a PDF keeps them), when the text begins right after them
                for more in (1, 2):
                    run = lines[i : i + more]
                    after = lines[i + more] if i + more < len(lines) else None
                    if len(run) < more or not all(_title_rest(line) for line in run) or after is None:
                        break
                    if label_of(after) is not None or is_paragraph(after.text) or _CHAPTER.match(after.text):
                        title_parts.extend(line.text.replace(" ", "") for line in run)
                        i += more
                        break
        else:
            break
    # an edition or status printed under the title (2017 年版 / （试行）): part of the title
    while title_parts and i < len(lines) and lines[i].table is None and _is_edition(lines[i].text):
        title_parts.append(lines[i].text.replace(" ", "").replace("\n", ""))
        i += 1
    title = "".join(title_parts)
    if not title:
        title = untitled
        if lines:
            message = _("no plan title found; titled {title} — write its own").format(title=title)
            defects.add(lines[0].no, "missing_title", message)
    year_match = _YEAR.search(title)
    plan = Plan(title=title, year=int(year_match.group(1)) if year_match else dt.date.today().year)
    body = lines[i:]
    appendix_at = _appendix_start(body)
    _mark_tree(marks, build_tree(plan, body[:appendix_at], defects))
    return plan, printed, _appendices(body[appendix_at:], defects)


_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]")
_TITLE_WORD = re.compile(
    r"(计划|方案|办法|政策|意见|要点|规则|细则|指标|清单|目录|指引|规定|表|范围|名单|标准|指南|路径)(（[^（）]*）)?$"
)


def _is_edition(text: str) -> bool:
    """A line (a PDF keeps a short block as one, lines apart by newlines) of edition or status
    notes only."""
    return all(_EDITION.match(part.strip()) for part in text.split("\n") if part.strip())


def _appendix_start(body: list[Line]) -> int:
    """Where the attachments after the plan begin: a 附件2 / 附表1 line, or (real/18) the title of a
    second document whose sections start again at 一、; len(body) when there are none."""
    sections = 0
    for k, line in enumerate(body):
        if k > 0 and _APPENDIX.match(line.text):
            return k
        lab = label_of(line)
        if lab is not None and lab.scheme == "chinese":
            sections += 1
        elif sections >= 2 and lab is None and _further_title(body, k):
            return k - 1 if _title_head(body[k - 1]) else k
    return len(body)


_BODY_NAME = re.compile(r"(委员会|政府|办公室|办公厅|局|厅|部|中心|处|科|院|会)$")
_IDEOGRAPH = re.compile(rf"[{IDEOGRAPHS}]")
_REMARK = re.compile(r"^(?:备注|说明|附注|联系人|联系电话|电话|此件)|^注$")  # remarks, no title
_MONTH = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月")


def _title_head(line: Line) -> bool:
    """``line`` can be the first line of a title printed over two (重症多形红斑/中毒性表皮坏死松解型药疹
    / 临床路径): short, unnumbered, no sentence, no date, not the name of a body (a 署名)."""
    text = line.text.strip()
    return (
        line.table is None
        and label_of(line) is None
        and 0 < len(text) <= 30
        and len(_IDEOGRAPH.findall(text)) >= 2  # not a page number, 12, XVI
        and not is_page_number(text)
        and not _NOTE.match(text)  # （完）, （此页无正文）
        and not is_disclosure(text)
        and not _REMARK.match(text)
        and not _MONTH.search(text)
        and not _APPENDIX.match(text)
        and _is_title_line(text)
        and not re.search(r"[，、：:。；]", text)
        and not _TITLE_WORD.search(text.replace(" ", ""))
        and not _BODY_NAME.search(text)
        and parse_date(text) is None
        and not is_imprint(text)
    )


def _further_title(body: list[Line], k: int) -> bool:
    """``body[k]`` is the title of a further document whose sections start again at 一、 (real/18;
    a 卫生部 file of several 临床路径, one after the other)."""
    line = body[k]
    return (
        k > 0
        and line.table is None
        and label_of(line) is None
        and _is_title_line(line.text)
        and bool(_TITLE_WORD.search(line.text.replace(" ", "")))
        and not _ATTACHMENT_LIST.match(body[k - 1].text)
        and _next_section_restarts(body, k)
    )


def _same_kind(title: str | None, other: str) -> bool:
    """Do two titles end in the same document word (…临床路径, …临床路径)?"""
    first, second = (_TITLE_WORD.search((t or "").replace(" ", "")) for t in (title, other))
    return first is not None and second is not None and first[1] == second[1]


def _next_section_restarts(body: list[Line], k: int) -> bool:
    for line in body[k + 1 : k + 4]:
        if _APPENDIX.match(line.text):
            return False  # an attachment of the plan's own follows: this line names it
        lab = label_of(line)
        if lab is not None:
            return lab.scheme == "chinese" and lab.number == 1
    return False


def _appendices(lines: list[Line], defects: DefectLog) -> list[tuple[Appendix, str]]:
    """Attachments after the plan (forms, tables, a second document), kept as written: each with
    its printed label ('' for none), title, paragraphs and tables."""
    out: list[tuple[Appendix, str]] = []
    title_due = continues = False
    for k, line in enumerate(lines):
        head = k + 1 < len(lines) and _title_head(line) and _further_title(lines, k + 1)
        further = head or _further_title(lines, k)
        if further and out and out[-1][1]:
            # inside an attachment of its own label (附件2), a titled part whose sections start at
            # 一、 again (基本指标 / 加分指标) is part of it, unless it is a document of the same
            # kind as the one it follows (路径 after 路径)
            further = _same_kind(out[-1][0].title, lines[k + 1].text if head else line.text)
        if out and not title_due and not continues and further:
            out.append((Appendix(), ""))  # the next of several documents, one after the other
            title_due = True
        if _APPENDIX.match(line.text) or not out:
            if _APPENDIX.match(line.text):
                out.append((Appendix(), line.text.replace(" ", "").rstrip("：:")))
                title_due = True
                continue
            out.append((Appendix(), ""))
            title_due = True
        appendix = out[-1][0]
        if line.table is not None:
            table = line.table
            head = [cell for cell in table.rows[0] if cell.strip()] if table.rows else []
            if title_due and len(head) == 1 and _is_title_line(head[0]) and len(table.rows) > 1:
                # the attachment's title in a merged first row (real/09): its title, not a row
                appendix.title = head[0].replace(" ", "")
                table = replace(table, rows=table.rows[1:])
            appendix.tables.append(table)
            title_due = False
        elif title_due and label_of(line) is None and _is_title_line(line.text):
            appendix.title = line.text.replace(" ", "") if _is_cjk_title(line.text) else line.text
            title_due = False
            continues = True
        elif continues and appendix.title and not appendix.text and _is_edition(line.text):
            appendix.title += line.text.replace(" ", "")  # its （2009年版）, as a plan's own
            continues = False
        elif (
            continues
            and appendix.title
            and not _TITLE_WORD.search(appendix.title)
            and _TITLE_WORD.search(line.text.replace(" ", ""))
            and not appendix.text
            and label_of(line) is None
            and len(line.text) <= 30
            and _is_title_line(line.text)
            and not re.search(r"[，。；：]", line.text)
        ):
            appendix.title += line.text.replace(" ", "")  # a title over two lines (real/12)
        else:
            # a paragraph after a table (备注, real/09) stays after it
            (appendix.notes if appendix.tables else appendix.text).append(line.full)
            title_due = continues = False
            label = label_of(line)
            if label is not None and (label.halfwidth or label.mixed):
                # kept as typed (a form's line, not a plan item), but still a slip worth naming
                message = _("label {label} in half-width brackets").format(label=label.raw)
                defects.add(line.no, "mixed_bracket_width", message)
    return out


def _is_cjk_title(text: str) -> bool:
    """Spaces in a Chinese title are extraction artefacts; in a Latin one they are words."""
    return not re.search(r"[A-Za-z] [A-Za-z]", text)
