"""Compare two versions of a plan: which nodes were added, removed, moved, renumbered or reworded.

Alignment is global, so an item that moved from 二（三） to 三（一） is one ``moved`` change, not a
removal and an addition. Nodes are paired in four passes, cheapest first:

1. by ``id`` when both sides carry the same one;
2. by identical printed text (a hash lookup — most nodes of two drafts are unchanged);
3. by text similarity (Dice coefficient of character bigrams) over candidate pairs only — pairs
   that share rare bigrams, found through an inverted index — assigned greedily, best pair first;
4. by structure: an unmatched parent whose children went mostly to one unmatched parent on the
   other side is that parent (a section whose heading was rewritten).

A paired node is then ``moved`` when its parent is not the partner of its old parent (or it left
the order of its siblings, by a longest increasing subsequence), ``changed`` when any field of
the node differs (text, task fields, status, numbering flags: :data:`NODE_FIELDS`),
``renumbered`` when only its own label differs (the items under a renumbered 二、→三、 whose own
（一） stays are not listed again; their new paths show in later changes). A node both moved and
reworded is reported once, as ``moved``, with the character segments of the rewording: the move
is what a reviewer must find, and the segments still show the words. Labels come from
:func:`generator.numbering.number_plan` through the view, printed like the document (二、（三） for a
level-2 item); for an imported source, as the source printed them
(:attr:`generator.readers.ImportResult.printed_labels`).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from diff_match_patch import diff_match_patch

from .i18n import _
from .model import Document, Node, Notice, Plan, Table
from .numbering import Numbered
from .readers import read_plan
from .tasks.table import TaskTableView
from .view import DocumentView, NoticeView, Para, build_view

KINDS = ("added", "removed", "moved", "renumbered", "changed", "notice")

SIMILAR = 0.45
"""Least bigram Dice similarity for two different texts to be the same node reworded."""

CONTAINED = 0.6
"""Share of a node's bigrams found in another node for it to count as split off / merged in."""

_ALL_PAIRS_LIMIT = 40_000
"""Up to this many unmatched pairs every pair is scored (set intersections, no character diff);
beyond it only pairs sharing a rare bigram are."""

_CONTAINED_PAIRS_LIMIT = 4_000
"""The same for the split/merge hints, which score every pair of added × reworded nodes."""


@dataclass
class FieldDiff:
    """One field of a node or of the notice that differs: its model key (``deadline``,
    ``notice.cc``), its name as a clerk says it (完成时限, 抄送), both values as printed text and
    their character segments."""

    key: str
    name: str
    old: str
    new: str
    segments: list[tuple[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"field": self.key, "name": self.name, "old": self.old, "new": self.new}


@dataclass
class Change:
    """One difference between the two documents.

    ``kind`` is one of :data:`KINDS`. Labels are printed like the document (二（三）); for a
    ``notice`` change both labels name the field (文号, 成文日期 …). ``segments`` is the
    character-level diff of ``old_text`` → ``new_text`` as ``(op, text)`` with op ``=``, ``-``, ``+``.
    """

    kind: str
    old_label: str | None
    new_label: str | None
    old_text: str | None
    new_text: str | None
    old_path: tuple[int, ...] | None = None
    new_path: tuple[int, ...] | None = None
    segments: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    fields: list[FieldDiff] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "old_label": self.old_label,
            "new_label": self.new_label,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "old_path": list(self.old_path) if self.old_path is not None else None,
            "new_path": list(self.new_path) if self.new_path is not None else None,
            "segments": [list(s) for s in self.segments],
            "note": self.note or None,
            "fields": [f.as_json() for f in self.fields],
        }


@dataclass
class DiffResult:
    """The changes in reading order of the new document, their counts, and the node pairing
    (old path → new path) that the tracked-changes writer follows."""

    changes: list[Change]
    summary: dict[str, int]
    pairs: dict[tuple[int, ...], tuple[int, ...]]
    old_view: DocumentView
    new_view: DocumentView
    old_printed: dict[tuple[int, ...], str] | None = None
    new_printed: dict[tuple[int, ...], str] | None = None

    @property
    def same(self) -> bool:
        return not self.changes

    def to_json(self) -> str:
        data = {"summary": self.summary, "changes": [c.as_json() for c in self.changes]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- the nodes being aligned -----------------------------------------------------------------


@dataclass(eq=False)
class _Entry:
    """A node of one side, flattened: its printed label path and own text (without children)."""

    index: int
    numbered: Numbered
    parent: _Entry | None
    sibling: int
    label: str
    label_path: str
    text: str
    children: list[_Entry] = field(default_factory=list)
    grams: frozenset[str] = frozenset()

    @property
    def level(self) -> int:
        return self.numbered.level

    @property
    def id(self) -> str | None:
        return self.numbered.node.id


def _bigrams(text: str) -> frozenset[str]:
    text = "".join(text.split())
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _join_labels(labels: list[str]) -> str:
    """二、 + （三） → 二、（三）: the labels of the node and its parents as the document prints
    them (unnumbered headings print none)."""
    return "".join(text for text in labels if text)


def node_texts(view: DocumentView) -> dict[int, str]:
    """Own printed text of every node (heading, points, paragraphs, tables; no label), by id()."""
    parts: dict[int, list[str]] = defaultdict(list)
    for para in view.plan.paragraphs:
        if para.entry is None:
            continue
        parts[id(para.entry)].append(para_text(para))
    return {key: "\n".join(value) for key, value in parts.items()}


def para_text(para: Para) -> str:
    """The printed text of a plan paragraph without its label (a table as tab-separated rows)."""
    if para.kind == "table" and para.table is not None:
        rows = ["\t".join(row) for row in para.table.rows]
        return "\n".join(([para.table.title] if para.table.title else []) + rows)
    return para.heading + para.text


def _flatten(view: DocumentView, printed: dict[tuple[int, ...], str] | None = None) -> list[_Entry]:
    """Nodes in document order; ``printed`` overrides labels with those a source document printed."""
    texts = node_texts(view)
    out: list[_Entry] = []

    def visit(items: list[Numbered], parent: _Entry | None, labels: list[str]) -> None:
        for sibling, numbered in enumerate(items):
            shown = printed.get(numbered.path, numbered.label) if printed else numbered.label
            path_labels = [*labels, shown]
            entry = _Entry(
                index=len(out),
                numbered=numbered,
                parent=parent,
                sibling=sibling,
                label=shown,
                label_path=_join_labels(path_labels),
                text=texts.get(id(numbered), ""),
            )
            entry.grams = _bigrams(entry.text)
            out.append(entry)
            if parent is not None:
                parent.children.append(entry)
            visit(numbered.children, entry, path_labels)

    visit(view.plan.outline, None, [])
    return out


# --- alignment -----------------------------------------------------------------------------


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _candidate_pairs(
    olds: list[_Entry], news: list[_Entry], limit: int = _ALL_PAIRS_LIMIT
) -> list[tuple[_Entry, _Entry]]:
    """Pairs worth scoring: all of them when at most ``limit``, else those sharing a rare bigram."""
    if len(olds) * len(news) <= limit:
        return [(o, n) for o in olds for n in news]
    postings: dict[str, list[_Entry]] = defaultdict(list)
    for n in news:
        for gram in n.grams:
            postings[gram].append(n)
    # Bigrams such as 工作 or 医疗 occur in most items and say nothing; skipping them keeps the
    # work proportional to the number of plausible partners.
    cap = max(20, len(news) // 50)
    out: list[tuple[_Entry, _Entry]] = []
    for o in olds:
        shared: Counter[int] = Counter()
        by_index: dict[int, _Entry] = {}
        for gram in o.grams:
            posting = postings.get(gram)
            if posting is None or len(posting) > cap:
                continue
            for n in posting:
                shared[n.index] += 1
                by_index[n.index] = n
        out.extend((o, by_index[i]) for i, _ in shared.most_common(30))
    return out


def _match(old: list[_Entry], new: list[_Entry]) -> dict[int, int]:
    """Pair old entries with new ones (old index → new index); see the module docstring."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def pair(o: _Entry, n: _Entry) -> None:
        pairs[o.index] = n.index
        taken.add(n.index)

    # 1. ids carried on both sides
    new_by_id = {n.id: n for n in new if n.id is not None}
    for o in old:
        if o.id is not None and o.id in new_by_id:
            pair(o, new_by_id[o.id])
    reserved = {o.id for o in old if o.id is not None} & set(new_by_id)

    def free_new() -> list[_Entry]:
        return [n for n in new if n.index not in taken and n.id not in reserved]

    def free_old() -> list[_Entry]:
        return [o for o in old if o.index not in pairs and o.id not in reserved]

    # 2. identical text, in document order
    by_text: dict[tuple[str, int], deque[_Entry]] = defaultdict(deque)
    for n in free_new():
        by_text[(n.text, n.level)].append(n)
    leftovers: list[_Entry] = []
    for o in free_old():
        queue = by_text.get((o.text, o.level))
        if queue:
            pair(o, queue.popleft())
        else:
            leftovers.append(o)
    by_text_any: dict[str, deque[_Entry]] = defaultdict(deque)
    for n in free_new():
        by_text_any[n.text].append(n)
    for o in leftovers:  # same text at another level: promoted or demoted
        queue = by_text_any.get(o.text)
        if queue and o.text:
            pair(o, queue.popleft())

    # 3. similar text, greedy best pair first over candidate pairs
    olds, news = free_old(), free_new()
    if olds and news:
        old_count, new_count = max(len(old) - 1, 1), max(len(new) - 1, 1)
        scored: list[tuple[float, int, int]] = []
        for o, n in _candidate_pairs(olds, news):
            shorter, longer = sorted((len(o.text), len(n.text)))
            if longer and shorter / longer < 0.3:
                continue
            score = _dice(o.grams, n.grams)
            if score < SIMILAR:
                continue
            # ties (boilerplate items) go to the partner at the same relative place and level
            score += 0.01 * (1 - abs(o.index / old_count - n.index / new_count))
            score += 0.01 * (o.level == n.level)
            scored.append((score, o.index, n.index))
        scored.sort(key=lambda t: -t[0])
        for _, oi, ni in scored:
            if oi not in pairs and ni not in taken:
                pair(old[oi], new[ni])

    # 4. parents recognised by where their children went (deepest first)
    for o in sorted(free_old(), key=lambda e: -e.level):
        if not o.children:
            continue
        votes = Counter(
            new[pairs[c.index]].parent.index
            for c in o.children
            if c.index in pairs and new[pairs[c.index]].parent is not None
        )
        for parent_index, count in votes.most_common(1):
            n = new[parent_index]
            if n.index not in taken and n.level == o.level and 2 * count >= len(o.children):
                pair(o, n)
    return pairs


def longest_increasing(values: list[int]) -> set[int]:
    """Positions (into ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_pos: list[int] = []
    previous = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        previous[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def _moved(old: list[_Entry], new: list[_Entry], pairs: dict[int, int]) -> set[int]:
    """Old indices of paired nodes that changed parent, level, or order among their siblings."""
    moved: set[int] = set()
    stay: dict[int, list[tuple[int, int]]] = defaultdict(list)  # new parent → (new sib, old sib)
    for oi, ni in pairs.items():
        o, n = old[oi], new[ni]
        same_parent = (o.parent is None and n.parent is None) or (
            o.parent is not None and n.parent is not None and pairs.get(o.parent.index) == n.parent.index
        )
        if not same_parent or o.level != n.level:
            moved.add(oi)
            continue
        stay[n.parent.index if n.parent else -1].append((n.sibling, oi))
    for members in stay.values():
        members.sort()
        olds = [old[oi].sibling for _, oi in members]
        keep = longest_increasing(olds)
        moved.update(oi for pos, (_, oi) in enumerate(members) if pos not in keep)
    return moved


# --- changes ---------------------------------------------------------------------------------

_dmp = diff_match_patch()
_dmp.Diff_Timeout = 0.5
_OPS = {0: "=", -1: "-", 1: "+"}


def char_segments(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff with semantic cleanup, which keeps Chinese words whole."""
    diffs = _dmp.diff_main(old, new)
    _dmp.diff_cleanupSemantic(diffs)
    return [(_OPS[op], text) for op, text in diffs]


NODE_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "标识"),
    ("heading", "标题"),
    ("numbered", "编号"),
    ("points", "分项"),
    ("text", "正文"),
    ("tables", "附表"),
    ("child_numbering", "下级编号"),
    ("lead", "牵头单位"),
    ("owners", "责任单位"),
    ("deadline", "完成时限"),
    ("targets", "指标"),
    ("status", "状态"),
)
"""Every field of a :class:`~generator.model.Node` but its children, with the name a clerk uses."""


_SEPARATORS = {"owners": "、", "targets": "；"}
"""How the task line prints a list field; other lists show one element a line."""


def _shown(value: object, separator: str = "\n") -> str:
    """A field's value as one string: lists one element a line, tables as tab-separated rows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Table):
        rows = ["\t".join(row) for row in value.rows]
        return "\n".join(([value.title] if value.title else []) + rows)
    if isinstance(value, list):
        return separator.join(_shown(v) for v in value)
    return str(value)


def field_diff(key: str, name: str, before: str, after: str) -> FieldDiff:
    return FieldDiff(key, name, before, after, char_segments(before, after))


UNPRINTED_FIELDS = frozenset({"id", "status"})
"""Node fields no printed document carries: not compared when a side is read from a document."""


def node_field_diffs(old: Node, new: Node, *, skip: frozenset[str] = frozenset()) -> list[FieldDiff]:
    """The fields of two paired nodes that differ, compared on the model (a status or a
    numbering flag counts although no text shows it); ``skip`` names fields left out."""
    out = []
    for key, name in NODE_FIELDS:
        if key in skip:
            continue
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            separator = _SEPARATORS.get(key, "\n")
            out.append(field_diff(key, name, _shown(before, separator), _shown(after, separator)))
    return out


def _notice_fields(view: DocumentView) -> list[tuple[str, str, str]]:
    """(model key, name, value as printed) of every notice element, of the plan's own fields
    outside the numbered hierarchy, of the further 附件 and of the layout; model values where the
    print does not show them all."""
    n: NoticeView = view.notice
    model = view.document.notice or Notice()  # a bare plan (no notice) compares as an empty one
    plan = view.document.plan
    return [
        ("notice.copy_number", "份号", n.copy_number),
        ("notice.classification", "密级", model.classification or ""),
        ("notice.secrecy_period", "保密期限", model.secrecy_period or ""),
        ("notice.urgency", "紧急程度", n.urgency),
        ("notice.issuers", "发文机关", "、".join(model.issuers)),
        ("notice.issuer_suffix", "发文机关标志后缀", model.issuer_suffix),
        ("notice.doc_number", "文号", n.doc_number),
        ("notice.doc_number_place", "文号位置", model.doc_number_place),
        ("notice.signers", "签发人", "、".join(n.signers)),
        ("notice.title", "标题", "\n".join(n.title_lines)),
        ("notice.recipients", "主送", n.recipients),
        ("notice.body", "正文", "\n".join(n.body)),
        ("notice.attachments", "附件说明", "\n".join(n.attachments)),
        ("notice.signatories", "署名", "\n".join(n.signatories)),
        ("notice.date", "成文日期", n.date),
        ("notice.sealed", "加盖印章", _shown(model.sealed)),
        ("notice.note", "附注", n.note),
        ("notice.cc", "抄送", n.cc),
        ("notice.printer", "印发机关", n.printer),
        ("notice.print_date", "印发日期", n.print_date),
        ("plan.title", "要点标题", plan.title),
        ("plan.year", "年度", str(plan.year)),
        ("plan.preamble", "前言", "\n".join(plan.preamble)),
        ("plan.numbering.levels", "编号方案", "、".join(plan.numbering.levels)),
        ("plan.numbering.continuous", "连续编号", "、".join(map(str, plan.numbering.continuous))),
        # the 分工表's settings only: its rows are the nodes', whose changes show at each node
        ("plan.task_table", "重点任务分工表", _task_table_settings(view.plan.task_table, plan)),
        ("plan.attachment_label", "附件标签", view.plan.annex_label),
        ("plan.in_notice", "正文编号", "通知正文" if plan.in_notice else ""),
        ("appendices", "其他附件", "\n".join(_appendix_lines(view))),
        # the pages change (a blank page before the 版记), not the text: still the reviewer's to see
        ("layout.duplex", "双面印刷", "双面" if view.document.layout.duplex else "单面"),
    ]


def _appendix_lines(view: DocumentView) -> list[str]:
    """Each further 附件 as printed: label, title, then its paragraphs and table rows."""
    out: list[str] = []
    for appendix in view.plan.appendices:
        out.append(f"{appendix.label}《{appendix.title}》" if appendix.title else appendix.label)
        out.extend(appendix.text)
        for table in appendix.tables:
            out.extend([table.title] if table.title else [])
            out.extend("\t".join(row) for row in table.rows)
        out.extend(appendix.notes)
    return out


def _task_table_settings(table: TaskTableView | None, plan: Plan) -> str:
    """How a 分工表 is set up, as one line: 附件2《title》（序号、重点任务…）, then the levels its
    rows are drawn from and whether 重点任务 prints the text — both change the printed rows while
    no node changes; '' when there is none."""
    if table is None:
        return ""
    parts = [f"{table.label}《{table.title}》（{'、'.join(table.columns)}）"]
    settings = plan.task_table
    if settings is not None and settings.levels:
        parts.append("行取第" + "、".join(map(str, settings.levels)) + "级")
    if settings is not None and settings.text:
        parts.append("重点任务含正文")
    return "；".join(parts)


def _notice_changes(old: DocumentView, new: DocumentView) -> list[Change]:
    changes = []
    for (key, name, before), (_key, _name, after) in zip(
        _notice_fields(old), _notice_fields(new), strict=True
    ):
        if before != after:
            diff = field_diff(key, name, before, after)
            changes.append(
                Change(
                    "notice",
                    name,
                    name,
                    before or None,
                    after or None,
                    segments=diff.segments,
                    fields=[diff],
                )
            )
    return changes


def _notes(old: list[_Entry], new: list[_Entry], pairs: dict[int, int], changed: set[int]) -> dict:
    """Split and merge hints: an added node whose words sit in a reworded old node was split off
    it; a removed node whose words sit in a reworded new node was merged into it."""
    inverse = {ni: oi for oi, ni in pairs.items()}
    notes: dict[tuple[str, int], str] = {}
    added = [n for n in new if n.index not in inverse and n.grams]
    removed = [o for o in old if o.index not in pairs and o.grams]
    reworded_old = [old[oi] for oi in changed]
    reworded_new = [new[pairs[oi]] for oi in changed]

    def contained(parts: list[_Entry], wholes: list[_Entry]) -> dict[int, _Entry]:
        """For each part, the whole holding most of its bigrams (at least CONTAINED of them)."""
        best: dict[int, tuple[float, _Entry]] = {}
        # a part held in a whole shares its rare bigrams, so the index finds it cheaply
        for part, whole in _candidate_pairs(parts, wholes, _CONTAINED_PAIRS_LIMIT):
            share = len(part.grams & whole.grams) / len(part.grams)
            if share >= CONTAINED and share > best.get(part.index, (0.0, whole))[0]:
                best[part.index] = (share, whole)
        return {index: whole for index, (_, whole) in best.items()}

    for index, source in contained(added, reworded_old).items():
        notes[("new", index)] = _("split from {label}").format(label=source.label_path)
    for index, target in contained(removed, reworded_new).items():
        notes[("old", index)] = _("merged into {label}").format(label=target.label_path)
    return notes


def diff_views(
    old_view: DocumentView,
    new_view: DocumentView,
    *,
    old_printed: dict[tuple[int, ...], str] | None = None,
    new_printed: dict[tuple[int, ...], str] | None = None,
) -> DiffResult:
    """Differences of two views; ``*_printed`` are labels as an imported source printed them
    (:attr:`generator.readers.ImportResult.printed_labels`), so a defect the import corrected
    shows as ``renumbered``."""
    old, new = _flatten(old_view, old_printed), _flatten(new_view, new_printed)
    # a side read from a document (it has printed labels) cannot say a node's id or status
    skip = UNPRINTED_FIELDS if old_printed is not None or new_printed is not None else frozenset()
    pairs = _match(old, new)
    moved = _moved(old, new, pairs)
    fields = {}
    for oi, ni in pairs.items():
        diffs = node_field_diffs(old[oi].numbered.node, new[ni].numbered.node, skip=skip)
        if diffs or old[oi].text != new[ni].text:
            fields[oi] = diffs
    changed = set(fields)
    # split/merge hints look at rewordings only: a new 完成时限 splits nothing off
    notes = _notes(old, new, pairs, {oi for oi in changed if old[oi].text != new[pairs[oi]].text})

    ordered: list[tuple[float, Change]] = []
    for oi, ni in pairs.items():
        o, n = old[oi], new[ni]
        if oi in moved:
            kind = "moved"
        elif oi in changed:
            kind = "changed"
        elif o.label != n.label:
            kind = "renumbered"
        else:
            continue
        segments = char_segments(o.text, n.text) if o.text != n.text else []
        ordered.append(
            (
                ni,
                Change(
                    kind,
                    o.label_path,
                    n.label_path,
                    o.text,
                    n.text,
                    o.numbered.path,
                    n.numbered.path,
                    segments,
                    fields=fields.get(oi, []),
                ),
            )
        )
    inverse = {ni: oi for oi, ni in pairs.items()}
    for n in new:
        if n.index not in inverse:
            change = Change("added", None, n.label_path, None, n.text, None, n.numbered.path)
            change.segments = [("+", n.text)]
            change.note = notes.get(("new", n.index), "")
            ordered.append((n.index, change))
    # a removed node is listed where it stood: after the new partner of the node before it
    anchor = -0.5
    for o in old:
        if o.index in pairs:
            anchor = pairs[o.index]
            continue
        change = Change("removed", o.label_path, None, o.text, None, o.numbered.path, None)
        change.segments = [("-", o.text)]
        change.note = notes.get(("old", o.index), "")
        ordered.append((anchor + 0.5 + o.index * 1e-7, change))

    ordered.sort(key=lambda t: t[0])
    changes = _notice_changes(old_view, new_view) + [c for _, c in ordered]
    summary = {kind: 0 for kind in KINDS}
    for change in changes:
        summary[change.kind] += 1
    node_pairs = {old[oi].numbered.path: new[ni].numbered.path for oi, ni in pairs.items()}
    return DiffResult(changes, summary, node_pairs, old_view, new_view, old_printed, new_printed)


def diff_documents(old: Document | Version, new: Document | Version) -> DiffResult:
    """All differences between two versions of a plan document."""
    old, new = (v if isinstance(v, Version) else Version(v) for v in (old, new))
    return diff_views(
        build_view(old.document),
        build_view(new.document),
        old_printed=old.printed,
        new_printed=new.printed,
    )


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One side of a diff: the document, and for an imported source the labels it printed."""

    document: Document
    printed: dict[tuple[int, ...], str] | None = None


def load_version(path: str | Path) -> Version:
    """One side of a diff: a plan YAML, or a document read by the importer (see
    :func:`generator.readers.read_plan`), with the labels the document printed."""
    source = read_plan(path)
    return Version(source.document, source.printed_labels)
