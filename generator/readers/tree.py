"""The plan's tree from its paragraphs, read from their typed labels (一、 （一） 1. （1） ① in any
bracket width); the level of a scheme is the order in which schemes first nest. The numbering
settings (scheme per level, continuous or restarting) are inferred so that rendering prints the
source's labels, and every place where the source's own numbers disagree is reported.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from ..model import DEFAULT_SCHEMES, MAX_DEPTH, Node, Numbering, Plan, Scheme
from ..numbering import Counter, chinese_numeral, count_level, label, number_plan, walk
from .defects import DefectLog
from .lines import (
    LIST_HEAD,
    Label,
    Line,
    halfwidth_message,
    has_halfwidth_punctuation,
    is_paragraph,
    label_of,
)

HEADING_MAX = 40
"""A run-in heading is the paragraph's first sentence when it is this short (with its 。)."""

PART = re.compile(r"^第[一二三四五六七八九十]{1,3}部分")
"""第一部分 总体要求: a plan in parts, each holding its 一、 sections."""
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+[章条]")
_TASKS = re.compile(r"^（(?P<body>(?:牵头单位|责任单位|完成时限|指标)：.*)）$")
_TASK_KEYS = {"牵头单位": "lead", "责任单位": "owners", "完成时限": "deadline", "指标": "targets"}


def is_task_line(text: str) -> bool:
    """（牵头单位：…；完成时限：…）: a node's task fields as the view prints them."""
    return _TASKS.match(text) is not None


NodePath = tuple[int, ...]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SENTENCE_END = "。；！？"


def split_run_in_circled(lines: list[Line]) -> list[Line]:
    """A ① list run into one paragraph (①语音合成。支持……。②排队规则知识库。……, the 2017
    医院信息化建设应用技术指引): each item its own line, so each is read as the item it is. An
    item ends in a sentence's end before the next numeral, and the numerals go ①, ②, ③ in
    order; a form's choices (①种植业 ②养殖业) have no such ends and stay as they are."""
    out: list[Line] = []
    for line in lines:
        if line.table is not None or line.label or not line.text.startswith("①"):
            out.append(line)
            continue
        cuts = [0]
        text = line.text
        for numeral in _CIRCLED[1:]:
            at = text.find(numeral, cuts[-1] + 1)
            if at < 0 or text[:at].rstrip()[-1:] not in _SENTENCE_END:
                break
            cuts.append(at)
        if len(cuts) == 1:
            out.append(line)
            continue
        cuts.append(len(text))
        out.extend(Line(line.no, text[a:b].strip()) for a, b in itertools.pairwise(cuts))
    return out


@dataclass
class SourceMarks:
    """What the source printed for each plan node (by node path, as ``numbering.number_plan``
    gives it): the importer renumbers the plan, so the source's own labels are kept here for a
    diff to show the corrections, and each node's source line for reports to cite."""

    labels: dict[NodePath, str] = field(default_factory=dict)  # '' where the source printed none
    lines: dict[NodePath, int] = field(default_factory=dict)
    paragraphs: dict[tuple[NodePath, int], int] = field(default_factory=dict)  # (node, k) → line of text[k]
    fields: dict[str, int] = field(default_factory=dict)
    """Lines of other parts by model field ("notice.date", "plan.title"; "notice" and "plan" for
    where each begins)."""


def build_tree(plan: Plan, lines: list[Line], defects: DefectLog) -> SourceMarks:
    """Fill ``plan`` (preamble, sections, numbering) from the lines after its title."""
    builder = _TreeBuilder(plan, defects)
    builder.build(lines)
    return builder.marks


@dataclass
class _Open:
    """A node being built, with what the defect checks need to know about its source."""

    node: Node
    level: int
    line: int
    number: int | None  # the number the source printed; None for a heading without one
    scheme: Scheme | None
    printed: str  # the label as the source printed it ('' for none)
    article: bool = False  # a 第X条 part of rules: its lists are its children
    text_lines: list[int] = field(default_factory=list)  # source line of each of node.text
    children: list[_Open] = field(default_factory=list)


class _TreeBuilder:
    def __init__(self, plan: Plan, defects: DefectLog) -> None:
        self.plan = plan
        self.defects = defects
        self.schemes: list[Scheme] = []  # scheme of each level, in order of first nesting
        self.roots: list[_Open] = []
        self.stack: list[_Open] = []  # the open path, level 1 first
        self.in_list = False  # inside a 附表：1. … list (its lines are text, not items)
        self.restarted: tuple[Scheme, int] | None = None  # a list restarted inside one item
        self.group: _Open | None = None  # the unnumbered lead line a restarted list stands under
        self.last_number: dict[Scheme, int] = {}  # the last number read in each scheme
        self.marks = SourceMarks()

    # pass 1: classify paragraphs and build the tree
    def build(self, lines: list[Line]) -> None:
        entries = [(line, label_of(line)) for line in split_run_in_circled(lines)]
        heading_at = self._unnumbered_headings(entries)
        for k, (line, lab) in enumerate(entries):
            if line.table is not None:
                self._table(line)
            elif k in heading_at:
                self._open(1, None, line.full, line.no, None)
            elif lab is None and not self.in_list and self._article(line):
                pass
            elif lab is not None and not self.in_list and not self._restarts(lab):
                self.restarted = None
                self.group = None
                self._check_label(lab, line.no)
                if (top := self._scheme_changed(lab)) is not None:
                    self.defects.add(
                        line.no,
                        "scheme_change",
                        _(
                            "{label} goes on from {before} in another scheme; printed {printed} in the plan"
                        ).format(
                            label=lab.raw,
                            before=top.printed,
                            printed=label(top.scheme, lab.number) if top.scheme else lab.raw,
                        ),
                    )
                    self._open(top.level, lab, lab.rest, line.no, top.scheme)
                    continue
                level = self._level(lab.scheme)
                self._open(level, lab, lab.rest, line.no, lab.scheme)
            elif lab is not None and not self.in_list and self._grouped(lab):
                self._check_label(lab, line.no)
                assert self.group is not None
                self._open(self.group.level + 1, lab, lab.rest, line.no, lab.scheme)
            else:
                self._text(line)
        self._finish()

    def _unnumbered_headings(self, entries: list[tuple[Line, Label | None]]) -> set[int]:
        """Short lines without a label or final punctuation, between numbered sections and
        followed by items (seed 003: 提高医疗质量和服务水平)."""
        found: set[int] = set()
        seen_section = False
        nested = self._nested_schemes(entries)
        for k, (line, lab) in enumerate(entries):
            if lab is None and line.table is None and PART.match(line.text):
                found.add(k)  # 第二部分 重点任务: a part of the plan, printed as it stands
                continue
            if lab is not None and lab.scheme == "chinese":
                seen_section = True
            if lab is not None or line.table is not None or not seen_section:
                continue
            text = line.text
            if not (0 < len(text) <= 30) or re.search(r"[。；：;:！？!?]", text) or LIST_HEAD.match(text):
                continue
            after = k + 1
            if after < len(entries) and entries[after][1] is None and _TASKS.match(entries[after][0].text):
                after += 1  # the heading's own task line (（牵头单位：…）) stands between
            if after >= len(entries):
                continue
            following, nxt = entries[after]
            if nxt is None:
                # followed by a paragraph: a heading only if it has no comma and the paragraph is one
                if "，" not in text and "," not in text and is_paragraph(following.text):
                    found.add(k)
            elif nxt.scheme != "chinese" and nxt.scheme in (nested or {nxt.scheme}):
                found.add(k)
        return found

    @staticmethod
    def _nested_schemes(entries: list[tuple[Line, Label | None]]) -> set[str]:
        """Schemes used for the level below 一、 (the first label after a section label, its
        paragraphs between)."""
        out: set[str] = set()
        after_section = False
        for _entry, lab in entries:
            if lab is None:
                continue
            if after_section and lab.scheme != "chinese":
                out.add(lab.scheme)
            after_section = lab.scheme == "chinese"
        return out

    def _level(self, scheme: Scheme) -> int:
        if scheme not in self.schemes:
            depth = len(self.stack)
            if len(self.schemes) > depth:
                # A new scheme where a known one was expected: it takes the open level's place.
                self.schemes = self.schemes[: depth + 1]
                self.schemes[depth] = scheme
            else:
                self.schemes.append(scheme)
        return min(self.schemes.index(scheme) + 1, MAX_DEPTH)

    def _scheme_changed(self, lab: Label) -> _Open | None:
        """The open item whose list ``lab`` carries on in another scheme ((一) (二) 3.: the 3. is
        the list's third item, typed in the wrong scheme), or None."""
        if not self.stack or lab.number < 2:
            return None
        top = self.stack[-1]
        if top.scheme is None or top.scheme == lab.scheme or top.number != lab.number - 1:
            return None
        if top.node.items or top.children or self.last_number.get(lab.scheme) == lab.number - 1:
            return None  # (二) then 3.: a list of 1. 2. under (一) going on straight through
        deeper = lab.scheme not in self.schemes or self.schemes.index(lab.scheme) + 1 > top.level
        return top if deeper and top.level > 1 else None

    def _article(self, line: Line) -> bool:
        """A 第一章 / 第一条 line of rules (办法, 细则, 指引: real/13–15, 22) in a document without
        一、 sections: an unnumbered part of its own, so the （一） lists of two articles are two
        lists, not one list that goes back to 1."""
        if "chinese" in self.schemes or not _ARTICLE.match(line.text):
            return False
        self._open(1, None, line.full, line.no, None)
        self.stack[-1].article = True
        return True

    def _grouped(self, lab: Label) -> bool:
        """A list that starts again at 1 after a lead line of its own (external/03: 收集的信息：
        1.–5., then 检索的信息： 1.–3.): the lead line becomes an unnumbered node at the list's
        level and the new list its children, numbered as written (``child_numbering``)."""
        if self.group is not None:
            return lab.scheme == self.group.node.child_numbering
        if lab.number != 1 or lab.scheme not in self.schemes:
            return False
        level = self.schemes.index(lab.scheme) + 1
        if len(self.stack) < level:
            return False
        sibling = self.stack[level - 1]
        node = sibling.node
        if not node.text or not node.text[-1].endswith("：") or len(node.text[-1]) > HEADING_MAX:
            return False
        if sibling.text_lines and sibling.text_lines[-1] == sibling.line:
            return False  # run in on the item's own line: the item's text, not a lead line
        lead, lead_line = node.text.pop(), sibling.text_lines.pop()
        group = _Open(
            Node(heading=lead, numbered=False, child_numbering=lab.scheme), level, lead_line, None, None, ""
        )
        parent = self.stack[level - 2] if level > 1 else None
        (parent.children if parent is not None else self.roots).append(group)
        del self.stack[level - 1 :]
        self.stack.append(group)
        self.group = group
        self.restarted = None
        return True

    def _restarts(self, lab: Label) -> bool:
        """A list that starts again at 1 inside the same item (external/03: 1.–5. then 1.–3.):
        printed as typed, as text of the item, so rendering reproduces it."""
        if self.restarted is not None and self.restarted == (lab.scheme, lab.number - 1):
            self.restarted = (lab.scheme, lab.number)
            return True
        if lab.number != 1 or lab.scheme not in self.schemes:
            return False
        level = self.schemes.index(lab.scheme) + 1
        if level == 1 or len(self.stack) < level:
            return False
        sibling = self.stack[level - 1]
        if sibling.scheme == lab.scheme and sibling.number is not None and sibling.number >= 1:
            self.restarted = (lab.scheme, 1)
            return True
        return False

    def _open(self, level: int, lab: Label | None, rest: str, line: int, scheme: Scheme | None) -> None:
        if scheme is not None and self.stack and self.stack[0].article and level <= len(self.stack):
            if len(self.stack) == 1 or self.stack[0].node.child_numbering == scheme:
                self.stack[0].node.child_numbering = scheme  # a list inside an article
                level = 2
        for depth, open_entry in enumerate(self.stack):
            if scheme is not None and open_entry.node.child_numbering == scheme:
                level = depth + 2  # a sibling in the list that stands under its parent directly
        if level > len(self.stack) + 1 and self.stack and scheme is not None:
            # a list straight under a node one level up (22. under 三、 in real/20, 1. under 九、 in
            # real/16): the parent numbers its children in that scheme, as written
            self.stack[-1].node.child_numbering = scheme
        level = min(level, len(self.stack) + 1)
        del self.stack[level - 1 :]
        if lab is not None:
            self.last_number[lab.scheme] = lab.number
        heading, remainder = _split_heading(rest, standalone=level == 1)
        node = Node(heading=heading)
        entry = _Open(node, level, line, lab.number if lab else None, scheme, lab.raw if lab else "")
        if remainder:
            self._add(entry, remainder, line)
        if self.stack:
            self.stack[-1].children.append(entry)
        else:
            self.roots.append(entry)
        self.stack.append(entry)
        self.in_list = False
        if has_halfwidth_punctuation(rest):
            self.defects.add(
                line, "halfwidth_punctuation", halfwidth_message((lab.raw if lab else "") + rest)
            )

    def _text(self, line: Line) -> None:
        text = line.full
        if has_halfwidth_punctuation(text):
            self.defects.add(line.no, "halfwidth_punctuation", halfwidth_message(text))
        if not self.stack:
            self.marks.fields[f"plan.preamble[{len(self.plan.preamble)}]"] = line.no
            self.plan.preamble.append(text)
            return
        node = self.stack[-1].node
        if (tasks := _TASKS.match(text)) is not None and _read_tasks(node, tasks["body"]):
            return
        self._add(self.stack[-1], text, line.no)
        if LIST_HEAD.match(text):
            self.in_list = True

    @staticmethod
    def _add(entry: _Open, text: str, line: int) -> None:
        before = len(entry.node.text)
        _add_text(entry.node, text)
        entry.text_lines.extend([line] * (len(entry.node.text) - before))

    def _table(self, line: Line) -> None:
        assert line.table is not None
        if not self.stack:
            self.defects.add(line.no, "skipped_table", _("a table before the plan's first heading; left out"))
            return
        self.stack[-1].node.tables.append(line.table)

    def _check_label(self, lab: Label, line: int) -> None:
        if lab.mixed:
            self.defects.add(
                line,
                "mixed_bracket_width",
                _("label {label} mixes bracket widths; printed （）").format(label=lab.raw),
            )
        elif lab.enclosed:
            self.defects.add(
                line,
                "enclosed_label",
                _("label {label} is one character; printed {printed}").format(
                    label=lab.raw, printed=label(lab.scheme, lab.number)
                ),
            )
        elif lab.halfwidth:
            self.defects.add(
                line,
                "mixed_bracket_width",
                _("label {label} in half-width brackets; printed （）").format(label=lab.raw),
            )

    # pass 2: numbering settings and defects
    def _finish(self) -> None:
        levels = self._level_schemes()
        if levels == list(DEFAULT_SCHEMES[: len(levels)]):
            levels = list(DEFAULT_SCHEMES)
        continuous = [lv for lv in range(2, MAX_DEPTH + 1) if self._is_continuous(lv)]
        self.plan.numbering = Numbering(levels=levels or list(DEFAULT_SCHEMES), continuous=continuous)
        self._keep_written_schemes(self.roots, 1)
        consuming = self._headings_take_numbers()
        self.plan.sections = [self._node(entry, consuming, (i,)) for i, entry in enumerate(self.roots)]
        printed = {entry.path: entry.label for entry in walk(number_plan(self.plan))}
        self._check_numbers(self.roots, 1, (), Counter(self.plan.numbering.continuous), consuming, printed, 1)

    def _level_schemes(self) -> list[Scheme]:
        """The scheme of each level: the one most of its lists are numbered in (the first seen on a
        tie). While reading, a list in a new scheme takes its level's place (the level's scheme is
        the last one seen), so the plan's settings are settled here, on the whole tree; the lists
        numbered otherwise keep their labels through ``child_numbering``."""
        levels = list(self.schemes)
        for level in range(1, MAX_DEPTH + 1):
            votes: dict[Scheme, int] = {}  # insertion order is document order: first seen wins a tie
            for parent, group in self._lists(level):
                schemes = {entry.scheme for entry in group if entry.scheme is not None}
                if len(schemes) != 1 or (parent is not None and parent.node.child_numbering is not None):
                    continue  # mixed, or a list straight under its parent, numbered as a deeper level
                (scheme,) = schemes
                votes[scheme] = votes.get(scheme, 0) + 1
            if not votes:
                if level > len(levels):
                    break
                continue
            best = max(votes.values())
            scheme = next(scheme for scheme, n in votes.items() if n == best)
            if level > len(levels):
                # a deeper level the reading dropped when a level above changed its scheme
                levels.append(scheme)
            else:
                levels[level - 1] = scheme
        return levels

    def _lists(self, level: int) -> list[tuple[_Open | None, list[_Open]]]:
        """(parent, children) of every list at ``level``, in document order (parent None at 1)."""
        found: list[tuple[_Open | None, list[_Open]]] = []

        def visit(parent: _Open | None, entries: list[_Open], depth: int) -> None:
            if depth == level:
                if entries:
                    found.append((parent, entries))
                return
            for entry in entries:
                visit(entry, entry.children, depth + 1)

        visit(None, self.roots, 1)
        return found

    def _keep_written_schemes(self, entries: list[_Open], level: int) -> None:
        """A list numbered otherwise than its level (1. under one （二）, ① under another （一）: the
        level takes one scheme) keeps its labels: its parent numbers its children in their scheme
        (``child_numbering``), so the plan prints what the source printed."""
        for entry in entries:
            schemes = {child.scheme for child in entry.children if child.scheme is not None}
            if len(schemes) == 1 and entry.node.child_numbering is None:
                (scheme,) = schemes
                if scheme != self.plan.numbering.scheme(level + 1):
                    entry.node.child_numbering = scheme
            self._keep_written_schemes(entry.children, level + 1)

    def _groups(self, level: int) -> list[list[_Open]]:
        """Children lists at ``level`` (one per parent), in document order."""
        return [group for _parent, group in self._lists(level)]

    def _is_continuous(self, level: int) -> bool:
        running, votes = 0, 0
        for group in self._groups(level):
            numbered = [e.number for e in group if e.number is not None]
            if numbered and running:
                if numbered[0] == 1:
                    votes -= 1
                elif numbered[0] == running + 1:
                    votes += 1
            running += len(group)
        return votes > 0

    def _headings_take_numbers(self) -> bool:
        """Did the sections without a number lose it (003: 四、 X X X 八、), or are they
        meant to be unnumbered (一、 二、 X 三、)?"""
        takes = keeps = 0
        previous: int | None = None
        run = 0
        for entry in self.roots:
            if entry.number is None:
                run += 1
                continue
            if run and previous is not None:
                if entry.number - previous - 1 == run:
                    takes += 1
                elif entry.number == previous + 1:
                    keeps += 1
            previous, run = entry.number, 0
        return takes > 0 and takes >= keeps  # without evidence of a lost number, keep none

    def _check_numbers(
        self,
        entries: list[_Open],
        level: int,
        parent: NodePath,
        counter: Counter,
        consuming: bool,
        printed: dict[NodePath, str],
        counting: int,
    ) -> None:
        """Report where the source's numbers go wrong. ``counter`` follows the source's own numbers
        (to tell a repeat from a gap) under the plan's settings; ``printed`` holds the labels the
        plan will print; ``counting`` is the level whose count the list runs on (a deeper one's
        for a list straight under its parent, ``numbering.count_level``)."""
        for index, entry in enumerate(entries):
            path = (*parent, index)
            counter.heading(counting)
            expected = min(counter.due(counting))
            if entry.number is None:
                if level == 1 and consuming:
                    counter.count(counting)
                    self.defects.add(
                        entry.line,
                        "unnumbered_heading",
                        _("section heading without a number; numbered {label} in the plan").format(
                            label=printed[path]
                        ),
                    )
            else:
                count = expected - 1
                shown = _shown(entry.scheme, entry.number)
                if entry.number == expected:
                    pass
                elif entry.number == count and count > 0:
                    self.defects.add(
                        entry.line,
                        "duplicate_number",
                        _("{label} repeats the number before; renumbered in order").format(label=shown),
                    )
                elif entry.number > expected:
                    missing = _shown(entry.scheme, expected)
                    self.defects.add(
                        entry.line,
                        "skipped_number",
                        _("{label} where {missing} was due; the numbers between are missing").format(
                            label=shown, missing=missing
                        ),
                    )
                else:
                    self.defects.add(
                        entry.line,
                        "out_of_order",
                        _("{label} after number {count}; renumbered in order").format(
                            label=shown, count=count
                        ),
                    )
                counter.count(counting, entry.number)
            settings = self.plan.numbering
            below = entry.node.child_numbering or settings.scheme(level + 1)
            self._check_numbers(
                entry.children,
                level + 1,
                path,
                counter,
                consuming,
                printed,
                count_level(settings, below, level + 1),
            )

    def _node(self, entry: _Open, consuming: bool, path: NodePath) -> Node:
        node = entry.node
        if entry.number is None and entry.level == 1 and not consuming and entry.scheme is None:
            node.numbered = False
        self.marks.labels[path] = entry.printed
        self.marks.lines[path] = entry.line
        for k, line in enumerate(entry.text_lines):
            self.marks.paragraphs[(path, k)] = line
        node.items = [self._node(child, consuming, (*path, i)) for i, child in enumerate(entry.children)]
        return node


def _shown(scheme: Scheme | None, number: int) -> str:
    return label(scheme, number) if scheme and number > 0 else str(number)


def _split_heading(text: str, *, standalone: bool) -> tuple[str | None, str]:
    """(heading, rest). A section's heading is its line; an item's heading is its first sentence
    when that is short (stored with its 。), else the item has no heading."""
    text = text.strip()
    if not text:
        return None, ""
    if text.startswith("一是") and "二是" in text:
        return None, text  # an enumeration straight after the label is the item's text
    stop = text.find("。")
    if 0 <= stop < HEADING_MAX:
        return text[: stop + 1], text[stop + 1 :].lstrip()  # **（一）X。** Y: no space before Y
    if standalone:
        return text, ""
    return None, text


_MARKER = "一二三四五六七八九十"


def _add_text(node: Node, text: str) -> None:
    """A paragraph of ``node``; its first one may carry an inline 一是…二是… enumeration."""
    if not node.text and not node.points and not node.items and text.startswith("一是") and "二是" in text:
        points, rest = _split_points(text)
        if len(points) >= 2:
            node.points = points
            if rest:
                node.text.append(rest)
            return
    node.text.append(text)


_SUMMARY = re.compile(rf"^(?:上述|以上|这些|各项|[{_MARKER}两]+(?:项|个|条))")


def _split_points(text: str) -> tuple[list[str], str]:
    """一是A。二是B。C → points and the paragraph's text. Each point runs to the next marker; the
    last one is shaped like the others: one short sentence when they are short sentences (the
    rest is text), else to the end of the paragraph (seed 004: 一是…。elaboration。二是…) — unless
    what follows its first sentence sums the list up (seed 004 七（六）: 七是…。七项活动要…)."""
    points: list[str] = []
    at = len("一是")
    n = 2
    while True:
        marker = f"{chinese_numeral(n)}是"
        found = _find_marker(text, marker, at)
        if found < 0:
            break
        points.append(text[at:found])
        at, n = found + len(marker), n + 1
    stop = text.find("。", at)
    short = all(len(p) <= HEADING_MAX and p.count("。") == 1 and p.endswith("。") for p in points)
    ends_point = stop >= 0 and (short or _SUMMARY.match(text[stop + 1 :]))
    end = stop + 1 if ends_point else len(text)
    points.append(text[at:end])
    return points, text[end:]


def _find_marker(text: str, marker: str, start: int) -> int:
    """The next ``marker`` (二是 …) that follows punctuation, as an enumeration's does."""
    at = text.find(marker, start)
    while at >= 0:
        if at > start and text[at - 1] in "。；，;,：:":
            return at
        at = text.find(marker, at + 1)
    return -1


def _read_tasks(node: Node, body: str) -> bool:
    """（牵头单位：…；责任单位：…、…；完成时限：…；指标：…） as the view prints task fields."""
    found: dict[str, Any] = {}
    key: str | None = None
    for part in body.split("；"):
        head, sep, value = part.partition("：")
        if sep and head in _TASK_KEYS and _TASK_KEYS[head] not in found:
            key = _TASK_KEYS[head]
            found[key] = value
        elif key == "targets":
            found[key] += "；" + part
        else:
            return False
    if "owners" in found:
        found["owners"] = found["owners"].split("、")
    if "targets" in found:
        found["targets"] = found["targets"].split("；")
    for name, value in found.items():
        setattr(node, name, value)
    return True
