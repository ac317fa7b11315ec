"""Lines → document: paragraphs rejoined across page breaks, where the notice ends and the plan
begins, the plan's title and its appendices (附表). The notice is read by ``notice.py``, the
plan's numbered tree by ``tree.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..i18n import _
from ..model import Document, Node, Notice, Plan
from ..view import default_notice_title
from .defects import DefectLog
from .lines import LIST_HEAD, Line, ends_sentence, is_paragraph, label_of, parse_date, parse_label
from .notice import book_names, is_imprint, read_imprint, read_notice
from .task_table import split_task_table
from .tree import SourceMarks, build_tree

_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}\s*[：:]?$")
_APPENDIX = re.compile(r"^附(?:表|件)\s*\d{1,2}\s*[：:]?\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
UNTITLED = "工作要点"
"""The plan's title when the source shows none (the model needs one)."""
_NOTE = re.compile(r"^[（(].+[）)]$")


def build_document(lines: list[Line], defects: DefectLog) -> tuple[Document, SourceMarks]:
    """The document read from cleaned ``lines`` (blank lines included), and what the source
    printed where (its labels and lines, see :class:`SourceMarks`)."""
    lines, task_table = split_task_table(lines)
    lines = join_page_breaks(lines, defects)
    content = [line for line in lines if not line.blank]
    tail: list[Line] = []
    while content and is_imprint(content[-1].text):
        tail.insert(0, content.pop())
    start = find_plan_start(content)
    notice_lines, plan_lines = content[:start], content[start:]
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
    plan = read_plan(plan_lines, defects, marks, untitled)
    if not _YEAR.search(plan.title):
        plan.year = _year_of(fields, plan)
    if task_table is not None:
        plan.task_table = task_table.settings(plan.title)
    if plan.title and fields.get("attachments") == [plan.title] + ([task_table.title] if task_table else []):
        del fields["attachments"]  # the default: 附件说明 names the plan (and its 分工表)
    elif "attachments" not in fields:
        fields["attachments"] = []
    notice = Notice(**fields)
    document = Document(notice=notice, plan=plan)
    if notice.title == default_notice_title(plan.title):
        document.notice.title = None  # the default title, written out
    return document, marks


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
    for i, line in enumerate(lines):
        text = line.text.replace(" ", "")
        if _ANNEX_LABEL.match(text) and i + 1 < len(lines) and not parse_label(lines[i + 1].text):
            return i
        if text in names and i > 0:
            return i - 1 if _ANNEX_LABEL.match(lines[i - 1].text) else i
        if _attachment_names_here(line, names):
            names.update(_attachment_names_here(line, names))
    first_section = next(
        (
            i
            for i, line in enumerate(lines)
            if (lab := label_of(line)) is not None and lab.scheme == "chinese"
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
        if parse_date(lines[i - 1].text) or is_imprint(lines[i - 1].text):
            break
        i -= 1
        if _ANNEX_LABEL.match(lines[i].text):
            break
    return i


def _attachment_names_here(line: Line, names: set[str]) -> set[str]:
    match = re.match(r"^附件\s*[：:]\s*(?:1\s*[.．、]\s*)?(?P<name>.+)$", line.text)
    return {match["name"].replace(" ", "")} if match else set()


def _is_title_line(text: str) -> bool:
    """A line that can be (part of) the plan's title — not the notice's own title or 文号."""
    if not 0 < len(text) <= 60 or ends_sentence(text) or re.search(r"[。；]", text):
        return False
    return not (text.startswith("关于") or re.search(r"(通知|〔\d{4}〕.*号)$", text))


# --- the plan ----------------------------------------------------------------------------------


def read_plan(lines: list[Line], defects: DefectLog, marks: SourceMarks, untitled: str = UNTITLED) -> Plan:
    """The plan from its lines: 附件 label, title, preamble, the tree, appendices (附表); where
    each part stood goes into ``marks``."""
    i = 0
    if lines:
        marks.fields["plan"] = lines[0].no
    if i < len(lines) and _ANNEX_LABEL.match(lines[i].text):
        i += 1
    title_parts: list[str] = []
    while i < len(lines) and not title_parts:
        if label_of(lines[i]) is None and _is_title_line(lines[i].text) and lines[i].table is None:
            marks.fields["plan.title"] = marks.fields["plan.year"] = lines[i].no  # the year is read there
            title_parts.append(lines[i].text.replace(" ", ""))
            i += 1
            # A title over two lines (external/02): a short line without punctuation follows.
            nxt = lines[i] if i < len(lines) else None
            if (
                nxt is not None
                and nxt.table is None
                and label_of(nxt) is None
                and len(nxt.text) <= 30
                and not re.search(r"[。，；：,;:]", nxt.text)
                and not _APPENDIX.match(nxt.text)
                and i + 1 < len(lines)
                and (label_of(lines[i + 1]) is not None or is_paragraph(lines[i + 1].text))
            ):
                title_parts.append(nxt.text.replace(" ", ""))
                i += 1
        else:
            break
    title = "".join(title_parts)
    if not title:
        title = untitled
        if lines:
            message = _("no plan title found; titled {title} — write its own").format(title=title)
            defects.add(lines[0].no, "missing_title", message)
    year_match = _YEAR.search(title)
    plan = Plan(title=title, year=int(year_match.group(1)) if year_match else dt.date.today().year)
    body = lines[i:]
    appendix_at = next(
        (k for k, line in enumerate(body) if _APPENDIX.match(line.text) and k > 0),
        len(body),
    )
    tree = build_tree(plan, body[:appendix_at], defects)
    marks.labels.update(tree.labels)
    marks.lines.update(tree.lines)
    marks.paragraphs.update(tree.paragraphs)
    marks.fields.update(tree.fields)
    for line, node, text_lines in _appendices(body[appendix_at:], defects):
        path = (len(plan.sections),)
        marks.labels[path], marks.lines[path] = "", line
        marks.paragraphs.update(((path, k), no) for k, no in enumerate(text_lines))
        plan.sections.append(node)
    return plan


def _appendices(lines: list[Line], defects: DefectLog) -> list[tuple[int, Node, list[int]]]:
    """附表 after the plan (forms, tables): unnumbered sections whose lines are kept as text;
    each with the line of its heading and those of its paragraphs."""
    out: list[tuple[int, Node, list[int]]] = []
    for line in lines:
        if _APPENDIX.match(line.text):
            out.append((line.no, Node(heading=line.text, numbered=False), []))
        elif line.table is not None:
            out[-1][1].tables.append(line.table)
        else:
            out[-1][1].text.append(line.full)
            out[-1][2].append(line.no)
            label = label_of(line)
            if label is not None and (label.halfwidth or label.mixed):
                # kept as typed (a form's line, not a plan item), but still a slip worth naming
                message = _("label {label} in half-width brackets").format(label=label.raw)
                defects.add(line.no, "mixed_bracket_width", message)
    return out
