"""Semantic warnings of a plan that loads (``workplan validate``): things a clerk would query.

The loader has already refused what cannot be a plan; these rules flag what is probably a
mistake. Each warning is a :class:`~generator.load.Problem` of severity ``warning``, placed at the
``file:line:col`` of the YAML that causes it, and ends with its rule name in brackets.

Rules (always on):

- ``empty-section``: a section (一、) with no items, no text, no points and no tables, or a
  numbered one without a heading (it prints a bare 一、); or a deeper node with neither a heading
  nor any content.
- ``duplicate-heading``: two headings with the same words (ignoring spaces and a final 。),
  among siblings or anywhere else in the plan; placed at the second one.
- ``typed-number``: a heading that begins with a number typed by hand (一、 （一） 1. （1） ①…):
  numbers are generated, so it would print twice.
- ``doc-number``: the 发文字号 is not of the form 代字〔YYYY〕N号 (a 机关代字 with spaces, digits or
  brackets, as a mapping can hold), or its 〔year〕 differs from the year of the 成文日期.
- ``date``: the 成文日期 is neither in the plan year nor in the year before (plans are issued
  late in the previous year or during their own year); the 印发日期 is before the 成文日期.
- ``recipients``: no 主送机关 — a 通知 that issues a plan is addressed to someone.
- ``signature``: 正文 without 署名.
- ``to-fill``: what a draft leaves blank — the 序号 of the 发文字号, the 成文日期 of a notice with
  正文 or 署名 (printed as ``2028年　月　日``), the 印发日期 beside an 印发机关, and blanks typed in
  the text (``　月　日``, ``××``).
- ``imprint``: 印发日期 without 印发机关; 抄送 without an 印发 line.
- ``attachments``: 附件说明 lists attachments but not the plan itself, which is printed as the
  附件 (the titles are compared without spaces and 《》); or the notice's 标题 names a 《…》 that is
  not the plan title.

Rules with ``plan.task_table`` on (the 重点任务分工表; rows as :mod:`generator.tasks.table` picks them):

- ``task-fields``: a row node without 牵头单位 (``lead``) or 完成时限 (``deadline``).
- ``task-deadline``: a 完成时限 that falls due outside the plan year (2024年底前 in a 2025 plan).
- ``task-owners``: the 责任单位 list repeats the 牵头单位.
- ``attachments``: the 附件说明 lists attachments but not the 分工表.

Rule under ``strict`` only (``workplan validate --strict``):

- ``punctuation``: half-width ``, : ; ( ) ? !`` inside Chinese text (between Chinese characters;
  a bracket enclosing Chinese) — the rule of ``typography.py``, which the importer reports too.
  Off by default because real documents carry it: seed 001 keeps its source's half-width commas
  and brackets as published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

import yaml

from ..docnumber import CLOSING, OPENING
from ..i18n import _
from ..load import Problem, compose_file, node_at, position
from ..model import Document, Node, Notice
from ..numbering import Numbered, number_plan, parse_label
from ..typography import FULL_WIDTH, halfwidth_marks
from ..view import BLANK, date_placeholder, placeholder_year

Loc = tuple[str | int, ...]


def lint_document(
    document: Document,
    path: str | Path | None = None,
    *,
    strict: bool = False,
    root: yaml.Node | None = None,
) -> list[Problem]:
    """Every warning for ``document`` read from ``path`` (positions 1:1 when built in code).
    ``root``: the file's node tree when the caller has it (the editor, on every keystroke), so
    the warnings are placed without reading and parsing the file again."""
    lint = _Lint(document, path)
    if root is not None:
        lint.root = root  # fills the cached_property
    lint.sections()
    lint.headings()
    if document.notice is not None:  # a bare plan has no notice to check
        lint.doc_number_and_dates()
        lint.recipients()
        lint.attachments()
        lint.signature_and_imprint()
    lint.placeholders()
    lint.task_table()
    if strict:
        lint.punctuation()
    return sorted(lint.problems, key=lambda p: (p.line, p.column))


def lint_files(paths: list[Path]) -> list[Problem]:
    """The warnings of every plan of ``paths`` that loads (one that does not is left to the
    command that reads it, which reports its errors): what ``render`` prints before rendering."""
    from ..errors import InputError
    from ..load import load_document

    out: list[Problem] = []
    for path in paths:
        try:
            document = load_document(path)
        except InputError:
            continue
        out.extend(lint_document(document, path))
    return out


class _Lint:
    def __init__(self, document: Document, path: str | Path | None) -> None:
        self.document = document
        self.path = path
        self.name = str(path) if path is not None else "<document>"
        self.outline = number_plan(document.plan)
        self.problems: list[Problem] = []

    @cached_property
    def root(self) -> yaml.Node | None:
        """The file's YAML nodes, parsed again only when there is a warning to place."""
        return compose_file(self.path) if self.path is not None else None

    def warn(
        self, loc: Loc, rule: str, message: str, hint: str, *, offset: int | None = None, key: bool = False
    ) -> None:
        line, column = position(self.root, loc, key=key)
        if offset is not None and self.root is not None:
            column += _column_offset(node_at(self.root, loc), offset)
        self.problems.append(
            Problem(self.name, line, column, f"{message} [{rule}]", hint, "warning", tuple(loc))
        )

    # --- the plan's hierarchy ---------------------------------------------------------------

    def entries(self) -> Iterator[tuple[Numbered, Loc]]:
        for entry in self.outline:
            for numbered in entry.walk():
                yield numbered, _node_loc(numbered.path)

    def sections(self) -> None:
        for entry, loc in self.entries():
            node = entry.node
            if entry.level == 1 and node.numbered and not (node.heading or "").strip() and _has_content(node):
                # A section heading stands on its own line: without one the document prints a bare 一、
                self.warn(
                    loc,
                    "empty-section",
                    _("section {label} has no heading: it prints as a bare {label}").format(
                        label=entry.label
                    ),
                    _("write its `heading:`, or `numbered: false` for text that belongs to no section"),
                )
            if _has_content(node):
                continue
            if entry.level == 1:
                self.warn(
                    loc,
                    "empty-section",
                    _("section {name} has no items, text or points").format(name=_name(entry)),
                    _("add its items or text, or remove the section"),
                )
            elif not node.heading:
                self.warn(
                    loc,
                    "empty-section",
                    _("item {name} is empty").format(name=_name(entry)),
                    _("write its heading and text"),
                )

    def headings(self) -> None:
        seen: dict[str, tuple[Numbered, Loc]] = {}
        for entry, loc in self.entries():
            heading = entry.node.heading
            if not heading:
                continue
            typed = parse_label(heading.lstrip())
            if typed:
                self.warn(
                    (*loc, "heading"),
                    "typed-number",
                    _("heading {heading} begins with a typed number `{number}`").format(
                        heading=_quote(heading), number=typed.raw
                    ),
                    _("numbers are generated from the hierarchy; remove it (or set numbered: false)"),
                )
            key = _heading_key(heading)
            if not key:
                continue
            if key in seen:
                first, first_loc = seen[key]
                sibling = first.path[:-1] == entry.path[:-1]
                repeats = (
                    _("heading {heading} repeats a sibling, {name}")
                    if sibling
                    else _("heading {heading} repeats another heading, {name}")
                )
                self.warn(
                    (*loc, "heading"),
                    "duplicate-heading",
                    repeats.format(heading=_quote(heading), name=_name(first)),
                    _("it is on line {line}; make the headings distinct or merge the two").format(
                        line=position(self.root, (*first_loc, "heading"))[0]
                    ),
                )
            else:
                seen[key] = (entry, loc)

    # --- the notice -----------------------------------------------------------------------------

    def doc_number_and_dates(self) -> None:
        notice, plan = self.document.notice, self.document.plan
        number = notice.doc_number
        if number is not None and not _PREFIX.fullmatch(number.prefix):
            self.warn(
                ("notice", "doc_number"),
                "doc-number",
                _("机关代字 {prefix} is not of the form 代字〔YYYY〕N号").format(prefix=repr(number.prefix)),
                _("the 代字 is the issuer's short name, e.g. 吴卫医: no spaces, brackets or digits"),
            )
        if number is not None and number.serial is None:
            self.warn(
                ("notice", "doc_number"),
                "to-fill",
                _("发文字号 {number} has no 序号: to fill (prints {printed})").format(
                    number=f"{number.prefix}〔{number.year}〕", printed=f"〔{number.year}〕{BLANK}号"
                ),
                _("fill in the number (e.g. 38 → 〔…〕38号) before the notice is issued"),
            )
        if number is not None and notice.date is not None and number.year != notice.date.year:
            self.warn(
                ("notice", "doc_number"),
                "doc-number",
                _("发文字号 year {year} differs from the 成文日期 year {date_year}").format(
                    year=number.year, date_year=notice.date.year
                ),
                _("the 〔year〕 of a 文号 is the year the document is issued"),
            )
        if notice.date is not None and notice.date.year not in (plan.year, plan.year - 1):
            self.warn(
                ("notice", "date"),
                "date",
                _("成文日期 {date} is not in the plan year {year} or the year before").format(
                    date=notice.date.isoformat(), year=plan.year
                ),
                _("a {year} plan is issued in {before} or {year}; check both years").format(
                    year=plan.year, before=plan.year - 1
                ),
            )
        if notice.date is not None and notice.print_date is not None and notice.print_date < notice.date:
            self.warn(
                ("notice", "print_date"),
                "date",
                _("印发日期 {print_date} is before the 成文日期 {date}").format(
                    print_date=notice.print_date.isoformat(), date=notice.date.isoformat()
                ),
                _("a document is printed on or after the day it is signed"),
            )

    def recipients(self) -> None:
        if not self.document.notice.recipients:
            self.warn(
                ("notice",),
                "recipients",
                _("the notice has no 主送机关 (recipients)"),
                _("add `recipients:`, e.g. - 各区卫生健康委"),
                key=True,
            )

    def attachments(self) -> None:
        notice, plan = self.document.notice, self.document.plan
        wanted = _title_key(plan.title)
        if notice.attachments and not any(wanted in _title_key(name) for name in notice.attachments):
            self.warn(
                ("notice", "attachments"),
                "attachments",
                _("附件说明 does not list the plan {title}, which is printed as the 附件").format(
                    title=_quote(plan.title)
                ),
                _("add the plan title to attachments, or leave attachments out to use it by default"),
            )
        if notice.title:
            for cited in _CITED.findall(notice.title):
                if _title_key(cited) != wanted:
                    self.warn(
                        ("notice", "title"),
                        "attachments",
                        _("the notice title names {cited} but the plan is titled {title}").format(
                            cited=f"《{cited}》", title=_quote(plan.title)
                        ),
                        _("make the two titles agree, or leave notice.title out to derive it"),
                    )

    def signature_and_imprint(self) -> None:
        """The parts of a notice that come in pairs (GB/T 9704 §7.3.5, §7.4): 正文 is signed and
        dated, and the 印发 line names both 印发机关 and 印发日期; 抄送 sits over an 印发 line."""
        n = self.document.notice
        if n is None:
            return
        year = placeholder_year(self.document)
        if n.body and not n.signatories:
            self.warn(
                ("notice", "body"),
                "signature",
                _("正文 without 署名 (signatories)"),
                _("add `signatories:` — the issuing organ's name, printed over the 成文日期"),
            )
        if n.date is None and (n.body or n.signatories):
            shown = (
                _("prints {date}").format(date=date_placeholder(year))
                if n.signatories
                else _("no date line is printed")
            )
            message = (
                _("成文日期 to fill ({shown}) — the seal goes on it")
                if n.sealed and n.signatories
                else _("成文日期 to fill ({shown})")
            )
            self.warn(
                ("notice", "date"),
                "to-fill",
                message.format(shown=shown),
                _("set `date:` (YYYY-MM-DD) once the notice is signed"),
            )
        if n.printer and n.print_date is None:
            self.warn(
                ("notice", "print_date"),
                "to-fill",
                _("印发日期 to fill (the 印发 line prints {date}印发)").format(date=date_placeholder(year)),
                _("set `print_date:` (YYYY-MM-DD), the day the document is printed"),
            )
        if n.print_date is not None and not n.printer:
            self.warn(
                ("notice", "print_date"),
                "imprint",
                _("印发日期 without 印发机关 (printer)"),
                _("add `printer:`, the office that prints the document (usually the 办公室)"),
            )
        if n.cc and not n.printer and n.print_date is None:
            self.warn(
                ("notice", "cc"),
                "imprint",
                _("抄送 without an 印发 line (printer and print_date)"),
                _("add `printer:` and `print_date:` — the 版记 ends with the 印发 line"),
            )

    def placeholders(self) -> None:
        """Blanks typed in the text to fill in later: ``　月　日``, ``××``, ``XX``."""
        for loc, text in _texts(self.document):
            found = _BLANKS.search(text)
            if found:
                self.warn(
                    loc,
                    "to-fill",
                    _("placeholder `{blank}` to fill").format(blank=found.group()),
                    _("write the date, number or name it stands for"),
                    offset=found.start(),
                )

    # --- the 重点任务分工表 (with task_table on) ---------------------------------------------------

    def task_table(self) -> None:
        from ..tasks.deadlines import parse_deadline
        from ..tasks.table import task_entries
        from ..view import task_table_title

        plan, notice = self.document.plan, self.document.notice
        if plan.task_table is None:
            return
        title = task_table_title(self.document)
        if notice is not None and notice.attachments and title not in notice.attachments:
            self.warn(
                ("notice", "attachments"),
                "attachments",
                _("附件说明 does not list the 重点任务分工表 {title}, printed as a 附件").format(
                    title=_quote(title or "")
                ),
                _("add its title to attachments (or give task_table the title listed there)"),
            )
        for entry, _depth in task_entries(plan, self.outline):
            node, loc = entry.node, _node_loc(entry.path)
            missing = [
                name for name, value in (("牵头单位", node.lead), ("完成时限", node.deadline)) if not value
            ]
            if missing:
                self.warn(
                    loc,
                    "task-fields",
                    _("task {name} has no {fields} for the 重点任务分工表").format(
                        name=_name(entry), fields=_(" or ").join(missing)
                    ),
                    _(
                        "add {keys} to the node (e.g. deadline: {year}年底前), or leave its level out of "
                        "task_table.levels"
                    ).format(
                        keys=_(" and ").join(
                            f"`{key}:`"
                            for key, v in (("lead", node.lead), ("deadline", node.deadline))
                            if not v
                        ),
                        year=plan.year,
                    ),
                )
            due = parse_deadline(node.deadline, plan.year)
            if due is not None and due.year != plan.year:
                self.warn(
                    (*loc, "deadline"),
                    "task-deadline",
                    _("完成时限 {deadline} of {name} is not in the plan year {year}").format(
                        deadline=node.deadline, name=_name(entry), year=plan.year
                    ),
                    _("a {year} plan's tasks fall due in {year}; check the year").format(year=plan.year),
                )
            if node.lead and node.lead in node.owners:
                index = node.owners.index(node.lead)
                self.warn(
                    (*loc, "owners", index),
                    "task-owners",
                    _("责任单位 of {name} repeats the 牵头单位 {lead}").format(
                        name=_name(entry), lead=node.lead
                    ),
                    _("the 牵头单位 leads; list only the other units under owners"),
                )

    # --- typography (strict) -------------------------------------------------------------------

    def punctuation(self) -> None:
        for loc, text in _texts(self.document):
            found = halfwidth_marks(text)
            if not found:
                continue
            first = found[0]
            char = first.group()
            message = (
                _("half-width `{char}` in Chinese text ({count} half-width marks in this text)")
                if len(found) > 1
                else _("half-width `{char}` in Chinese text")
            )
            self.warn(
                loc,
                "punctuation",
                message.format(char=char, count=len(found)),
                _("use full-width {char}").format(char=FULL_WIDTH[char]),
                offset=first.start(),
            )


# --- helpers ----------------------------------------------------------------------------------------


def _node_loc(path: tuple[int, ...]) -> Loc:
    loc: list[str | int] = ["plan", "sections", path[0]]
    for index in path[1:]:
        loc += ["items", index]
    return tuple(loc)


def _has_content(node: Node) -> bool:
    return bool(node.items or node.text or node.points or node.tables)


def _name(entry: Numbered) -> str:
    heading = entry.node.heading or ""
    if entry.label or heading:
        return f"{entry.label}{_short(heading)}"
    return _("at position {path}").format(path=entry.path)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str) -> str:
    return f"“{_short(text)}”"


def _heading_key(heading: str) -> str:
    return re.sub(r"\s+", "", heading).rstrip("。.；;：:")


def _title_key(title: str) -> str:
    return re.sub(r"[\s《》〈〉<>“”\"']+", "", title)


# A 机关代字 holds no spaces, digits or brackets (those of a 文号's year, or any other kind).
_PREFIX = re.compile(rf"[^\s\d{re.escape(OPENING + CLOSING)}{{}}<>《》]+")

_CITED = re.compile(r"《([^《》]+)》")

_BLANKS = re.compile(r"(?:\d{4}年)?[　 ]+月[　 ]*日|[×Ｘ]{2,}|X{2,}|〔[　 ]*〕|〔\d{4}〕[　 ]+号")


def _column_offset(node: yaml.Node, index: int) -> int:
    """Columns from a scalar's start to character ``index`` of its value — exact only for a
    plain or single-quoted scalar on one line; elsewhere the scalar's start is close enough."""
    if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
        return 0
    if not node.style:  # plain: PyYAML says None, libyaml ''
        return index
    if node.style == "'" and "''" not in node.value[:index]:
        return index + 1
    if node.style == '"' and "\\" not in node.value[:index]:
        return index + 1
    return 0


def _texts(document: Document) -> Iterator[tuple[Loc, str]]:
    """Every piece of Chinese prose of the document with its model path."""
    notice, plan = document.notice or Notice(), document.plan
    for key in ("title", "note", "printer"):
        value = getattr(notice, key)
        if value:
            yield ("notice", key), value
    for key in ("issuers", "recipients", "body", "attachments", "signatories", "cc"):
        for i, value in enumerate(getattr(notice, key) or []):
            yield ("notice", key, i), value
    yield ("plan", "title"), plan.title
    for i, value in enumerate(plan.preamble):
        yield ("plan", "preamble", i), value
    for entry in number_plan(plan):
        for numbered in entry.walk():
            loc = _node_loc(numbered.path)
            node = numbered.node
            for key in ("heading", "lead", "deadline"):
                value = getattr(node, key)
                if value:
                    yield (*loc, key), value
            for key in ("points", "text", "owners", "targets"):
                for i, value in enumerate(getattr(node, key)):
                    yield (*loc, key, i), value
            for t, table in enumerate(node.tables):
                if table.title:
                    yield (*loc, "tables", t, "title"), table.title
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row):
                        yield (*loc, "tables", t, "rows", r, c), cell
