"""The NEW document as a Word file carrying real tracked changes against the OLD one.

Both versions are rendered with the normal template (:func:`generator.writers.docx.render_docx`),
which stamps every plan paragraph with the node and part it prints (heading line, n-th paragraph,
task line, table). Plan blocks are paired by that identity, following the diff's node pairing —
never re-aligned by text — so a changed task line is diffed against the same item's old task line;
the notice's lines are paired by a sequence match. The NEW document's body is then rewritten:

* a paired paragraph whose text changed keeps its place; the change is inline ``w:del`` + ``w:ins``
  runs (character segments from diff-match-patch, the label treated as one unit so a renumbered
  item shows ``（七）`` deleted and ``（八）`` inserted); a paired paragraph whose layout changed
  (indent, alignment, keep-with-next) carries its old properties in a ``w:pPrChange``, and words
  both versions print but in another face (a run-in heading made text) a ``w:rPrChange``;
* a removed paragraph is copied back from the OLD file at its old place with its runs in ``w:del``
  and its paragraph mark deleted; an added one has its runs in ``w:ins`` and its mark inserted;
* the paragraphs of a node the diff found moved (and of the nodes inside it), or of one that
  left the order of the others, are a deletion at the old place and an insertion at the new one
  — the form every Word, WPS and LibreOffice version shows alike; an unchanged node is never marked.

Accepting every change gives the NEW document's paragraphs, rejecting every change the OLD ones
(their text, and the layout of the paragraphs kept in place).
The XML is read and edited only through the helpers of :mod:`generator.ooxml`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import zipfile
from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.xmlchemy import BaseOxmlElement

from .. import ooxml as ox
from ..diff import Change, DiffResult, char_segments, longest_increasing
from ..view import DocumentView
from .docx import parse_stamp, render_docx


@dataclass(eq=False)
class _Block:
    """A body-level w:p or w:tbl of one side, with what the view says it prints."""

    element: BaseOxmlElement
    text: str
    label: str = ""
    key: tuple[tuple[int, ...], str] | None = None  # (node path, part), from the writer's stamp
    partner: _Block | None = field(default=None, repr=False)


# --- reading the rendered bodies -------------------------------------------------------------------


def _relabel(block: _Block, printed: str) -> None:
    """Print the label an imported source printed (its defects included) instead of the computed
    one, so that the tracked changes show the corrections of the numbering."""
    if ox.replace_prefix(block.element, block.label, printed):
        block.text = printed + block.text[len(block.label) :]
        block.label = printed


def _blocks(
    body: BaseOxmlElement, view: DocumentView, printed: dict[tuple[int, ...], str] | None = None
) -> list[_Block]:
    """Body blocks in order; those printing a plan paragraph carry the node path and part the
    Word writer stamped on them (the stamps are removed: the output carries none)."""
    labels = {
        para.entry.path: para.label
        for para in view.plan.paragraphs
        if para.entry is not None and para.kind in ("section", "item")
    }
    blocks = []
    for element in ox.body_blocks(body):
        name = ox.block_stamp(element)
        block = _Block(element, ox.block_text(element))
        if name is not None:
            ox.remove_stamps(element)
            path, part = parse_stamp(name)
            block.key = (path, part)
            if part == "h":
                block.label = labels.get(path, "")
                if printed and path in printed and block.label:
                    _relabel(block, printed[path])
        blocks.append(block)
    return blocks


# --- pairing -------------------------------------------------------------------------------------


def _by_node(blocks: list[_Block]) -> dict[tuple[int, ...], list[_Block]]:
    out: dict[tuple[int, ...], list[_Block]] = defaultdict(list)
    for block in blocks:
        if block.key is not None:
            out[block.key[0]].append(block)
    return out


def _pair_node(old: list[_Block], new: list[_Block]) -> None:
    """One node's blocks on both sides: heading line with heading line, task line with task
    line, n-th table with n-th table; its further paragraphs by a sequence match among themselves
    (a paragraph inserted in the middle does not shift the pairs of the others)."""
    new_by_part = {b.key[1]: b for b in new if b.key is not None}
    for block in old:
        assert block.key is not None
        if block.key[1][0] in "tp":
            continue
        partner = new_by_part.get(block.key[1])
        if partner is not None and partner.element.tag == block.element.tag:
            block.partner, partner.partner = partner, block
    flowing_old = [b for b in old if b.key is not None and b.key[1][0] in "tp"]
    flowing_new = [b for b in new if b.key is not None and b.key[1][0] in "tp"]
    _pair_in_order(flowing_old, flowing_new)


def _pair(old: list[_Block], new: list[_Block], node_pairs: dict) -> None:
    """Plan blocks pair by identity, node by node as the diff paired the nodes; the rest (the
    notice, blank lines, the 版记) by a sequence match, zone by zone."""
    old_nodes, new_nodes = _by_node(old), _by_node(new)
    _pair_node(old_nodes.get((), []), new_nodes.get((), []))  # the preamble
    for old_path, new_path in node_pairs.items():
        _pair_node(old_nodes.get(old_path, []), new_nodes.get(new_path, []))
    for zone_old, zone_new in zip(_zones(old), _zones(new), strict=True):
        _pair_in_order(zone_old, zone_new)


def _zones(blocks: list[_Block]) -> list[list[_Block]]:
    """Unpaired non-plan blocks before the plan (the notice), inside it, and after it (版记):
    matched zone by zone, so that a blank line of the notice never pairs with one after the plan."""
    plan = [i for i, b in enumerate(blocks) if b.key is not None]
    first, last = (plan[0], plan[-1]) if plan else (len(blocks), len(blocks))
    rest = [(i, b) for i, b in enumerate(blocks) if b.partner is None and b.key is None]
    return [
        [b for i, b in rest if i < first],
        [b for i, b in rest if first <= i <= last],
        [b for i, b in rest if i > last],
    ]


def _pair_in_order(old: list[_Block], new: list[_Block]) -> None:
    matcher = difflib.SequenceMatcher(
        None,
        [(b.element.tag, b.text) for b in old],
        [(b.element.tag, b.text) for b in new],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):  # a replaced run of lines is reworded line by line
            for a, b in zip(old[i1:i2], new[j1:j2], strict=False):
                if a.element.tag == b.element.tag:
                    a.partner, b.partner = b, a


def _moving(block: _Block, moved: set[tuple[int, ...]]) -> bool:
    """The block prints a node the diff found moved, or a node inside one (it moves along)."""
    if block.key is None:
        return False
    path = block.key[0]
    return any(path[:depth] in moved for depth in range(1, len(path) + 1))


def _anchors(old: list[_Block], new: list[_Block], moved: set[tuple[int, ...]]) -> set[int]:
    """Ids of the pairs kept in place: the longest run of pairs in the same order on both sides,
    among the blocks of nodes that did not move. The other pairs — moved items first — are shown
    as deleted at their old place and inserted at the new one."""
    position = {id(b): i for i, b in enumerate(old)}
    paired = [b for b in new if b.partner is not None and not _moving(b.partner, moved)]
    keep = longest_increasing([position[id(b.partner)] for b in paired])
    return {id(b) for i, b in enumerate(paired) if i in keep}


# --- writing revisions -------------------------------------------------------------------------


def _segments(old: _Block, new: _Block) -> list[tuple[str, str]]:
    """Character segments old → new; a changed label is one deletion plus one insertion."""
    if old.label and new.label and old.text.startswith(old.label) and new.text.startswith(new.label):
        head = [("=", new.label)] if old.label == new.label else [("-", old.label), ("+", new.label)]
        return head + char_segments(old.text[len(old.label) :], new.text[len(new.label) :])
    return char_segments(old.text, new.text)


def _kept_runs(old: list[ox.Atom], new: list[ox.Atom], revisions: ox.Revisions) -> list[BaseOxmlElement]:
    """Runs for characters both versions print, in their new formatting; where the old one differs
    (a heading's 楷体 now plain text), the run records it in a w:rPrChange."""
    out: list[BaseOxmlElement] = []
    start = 0
    for i in range(1, len(new) + 1):
        if i < len(new) and new[i][1] is new[start][1] and old[i][1] is old[start][1]:
            continue
        for r in ox.atom_runs(new[start:i]):
            if not ox.same_properties(old[start][1], new[start][1]):
                revisions.run_properties(r, old[start][1])
            out.append(r)
        start = i
    return out


def _faces_differ(old: _Block, new: _Block) -> bool:
    """Some character of two paragraphs printing the same text is set otherwise."""
    old_atoms, new_atoms = ox.text_atoms(old.element), ox.text_atoms(new.element)
    if old_atoms is None or new_atoms is None or len(old_atoms) != len(new_atoms):
        return False
    # characters of one run share its w:rPr object: each pair of runs is compared once
    pairs = {(id(a[1]), id(b[1])): (a[1], b[1]) for a, b in zip(old_atoms, new_atoms, strict=True)}
    return any(not ox.same_properties(a, b) for a, b in pairs.values())


def _rewrite_inline(old: _Block, new: _Block, revisions: ox.Revisions) -> bool:
    """Replace the new paragraph's runs by equal / inserted / deleted runs; False if it cannot."""
    old_atoms, new_atoms = ox.text_atoms(old.element), ox.text_atoms(new.element)
    if old_atoms is None or new_atoms is None:
        return False
    built: list[BaseOxmlElement] = []
    oi = ni = 0
    for op, text in _segments(old, new):
        n = len(text)
        if op == "=":
            built.extend(_kept_runs(old_atoms[oi : oi + n], new_atoms[ni : ni + n], revisions))
            oi, ni = oi + n, ni + n
        elif op == "+":
            built.append(revisions.wrap("ins", ox.atom_runs(new_atoms[ni : ni + n])))
            ni += n
        else:
            built.append(revisions.wrap("del", ox.atom_runs(old_atoms[oi : oi + n], deleted=True)))
            oi += n
    ox.replace_content(new.element, built)
    return True


def _rewrite_table(old: _Block, new: _Block, revisions: ox.Revisions) -> bool:
    """A changed table edited in place, so that only what changed is marked: rows paired by their
    text, a changed row with as many paragraphs as before edited cell by cell, a row added or
    removed marked as a row (a removed one put back, deleted, where it stood). One changed 完成时限
    in a 分工表 is then one change in one cell, not the whole table struck and written again.
    False (the table replaced whole) for a nested table or a cell that is not plain runs."""
    old_rows, new_rows = ox.table_rows(old.element), ox.table_rows(new.element)
    if not new_rows or ox.has_nested_table(old.element) or ox.has_nested_table(new.element):
        return False
    cells = {id(tr): ox.inner_paragraphs(tr) for tr in [*old_rows, *new_rows]}
    if any(ox.text_atoms(p) is None for paragraphs in cells.values() for p in paragraphs):
        return False
    if old_rows and len(cells[id(old_rows[0])]) != len(cells[id(new_rows[0])]):
        return False  # other columns: an old row would not fit the new table's grid

    def key(tr: BaseOxmlElement) -> tuple[str, ...]:
        return tuple(ox.paragraph_text(p) for p in cells[id(tr)])

    matcher = difflib.SequenceMatcher(
        None, [key(r) for r in old_rows], [key(r) for r in new_rows], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(old_rows[i1:i2], new_rows[j1:j2], strict=False))
        if (
            op == "replace"
            and i2 - i1 == j2 - j1
            and all(len(cells[id(a)]) == len(cells[id(b)]) for a, b in pairs)
        ):
            for a, b in pairs:
                for o, n in zip(cells[id(a)], cells[id(b)], strict=True):
                    before, after = ox.paragraph_text(o), ox.paragraph_text(n)
                    if before != after:
                        _rewrite_inline(_Block(o, before), _Block(n, after), revisions)
            continue
        for tr in new_rows[j1:j2]:
            revisions.mark_row(tr, "ins")
            for p in cells[id(tr)]:
                revisions.paragraph_content(p, "ins")
        for tr in old_rows[i1:i2]:  # deletions before the insertions of the same place, as Word shows them
            gone = deepcopy(tr)
            revisions.mark_row(gone, "del")
            for p in ox.inner_paragraphs(gone):
                revisions.paragraph_content(p, "del")
            ox.insert_row_before(new_rows[j1] if j1 < len(new_rows) else None, gone, new.element)
    return True


def _rewrite_nested(old: _Block, new: _Block, revisions: ox.Revisions) -> bool:
    """A paragraph anchoring a text box (the 版记) whose own text is unchanged: the paragraphs
    inside the box are paired in order and edited inline, so the box stays one box."""
    old_inner, new_inner = ox.inner_paragraphs(old.element), ox.inner_paragraphs(new.element)
    if (
        not new_inner
        or len(old_inner) != len(new_inner)
        or ox.own_text(old.element) != ox.own_text(new.element)
    ):
        return False
    pairs = [
        (_Block(o, ox.paragraph_text(o)), _Block(n, ox.paragraph_text(n)))
        for o, n in zip(old_inner, new_inner, strict=True)
        if ox.paragraph_text(o) != ox.paragraph_text(n)
    ]
    if any(ox.text_atoms(o.element) is None or ox.text_atoms(n.element) is None for o, n in pairs):
        return False
    for o, n in pairs:
        _rewrite_inline(o, n, revisions)
    for o, n in zip(old_inner, new_inner, strict=True):
        revisions.paragraph_properties(n, o)
    return True


def _deleted_copy(block: _Block, revisions: ox.Revisions) -> BaseOxmlElement:
    element = deepcopy(block.element)
    if ox.is_paragraph(element):
        ox.drop_section_break(element)  # a section break belongs to the new layout only
    ox.offset_drawing_ids(element, 10000)  # the old 版记's text box beside the new one
    _mark_whole(element, "del", revisions)
    return element


def _mark_whole(element: BaseOxmlElement, kind: str, revisions: ox.Revisions) -> None:
    """All content of a paragraph or table inserted/deleted (rows marked too; ¶ marks later)."""
    if ox.is_table(element):
        for tr in ox.table_rows(element):
            revisions.mark_row(tr, kind)
        for p in ox.inner_paragraphs(element):
            revisions.paragraph_content(p, kind)
    else:
        revisions.paragraph_content(element, kind)


def _merge(
    old: list[_Block], new: list[_Block], revisions: ox.Revisions, moved: set[tuple[int, ...]]
) -> list[tuple[BaseOxmlElement, str]]:
    """The new body in order, each block with the state of its paragraph mark (keep/ins/del).

    Old blocks that leave (removed, or moved away) are put back just before the next block kept
    in place, where they stood; within a gap deletions come before insertions, as Word shows them.
    """
    anchors = _anchors(old, new, moved)
    old_index = {id(b): i for i, b in enumerate(old)}
    anchored_old = sorted(old_index[id(b.partner)] for b in new if id(b) in anchors)
    out: list[tuple[BaseOxmlElement, str]] = []
    next_old = 0

    def flush(until: int) -> None:
        nonlocal next_old
        while next_old < until:
            block = old[next_old]
            if not (block.partner is not None and id(block.partner) in anchors):
                out.append((_deleted_copy(block, revisions), "del"))
            next_old += 1

    gap = 0
    flush(anchored_old[0] if anchored_old else len(old))
    for block in new:
        if id(block) in anchors:
            assert block.partner is not None
            if block.text != block.partner.text and not (
                (
                    ox.is_paragraph(block.element)
                    and (
                        _rewrite_inline(block.partner, block, revisions)
                        or _rewrite_nested(block.partner, block, revisions)
                    )
                )
                or (
                    ox.is_table(block.element)
                    and ox.is_table(block.partner.element)
                    and _rewrite_table(block.partner, block, revisions)
                )
            ):
                # a table or an unusual paragraph that changed: the old one out, the new one in
                out.append((_deleted_copy(block.partner, revisions), "del"))
                _mark_whole(block.element, "ins", revisions)
                out.append((block.element, "ins"))
            else:
                if ox.is_paragraph(block.element):
                    if block.text == block.partner.text and _faces_differ(block.partner, block):
                        _rewrite_inline(block.partner, block, revisions)  # every run kept, restyled
                    revisions.paragraph_properties(block.element, block.partner.element)
                out.append((block.element, "keep"))
            next_old = old_index[id(block.partner)] + 1
            gap += 1
            flush(anchored_old[gap] if gap < len(anchored_old) else len(old))
        else:
            _mark_whole(block.element, "ins", revisions)
            out.append((block.element, "ins"))
    return out


def _mark_paragraphs(merged: list[tuple[BaseOxmlElement, str]], revisions: ox.Revisions) -> None:
    """Mark the ¶ of every inserted/deleted paragraph.

    An accepted deleted ¶ (a rejected inserted one) joins its paragraph to the next; the last
    paragraphs of the body have no next, so there the marks shift one paragraph up: the last kept
    paragraph carries the first one's mark, and the very last paragraph keeps a plain ¶.
    """
    states = [state for _, state in merged]
    tail = len(merged)
    while tail > 0 and states[tail - 1] != "keep":
        tail -= 1
    if tail < len(merged) and tail > 0 and ox.is_paragraph(merged[tail - 1][0]):
        # tables in the tail (an added 分工表) carry no ¶: the marks shift over the paragraphs only
        marks = [i for i in range(tail - 1, len(merged)) if ox.is_paragraph(merged[i][0])]
        for i, state in zip(marks, [*(states[j] for j in marks[1:]), "keep"], strict=True):
            states[i] = state
    for (element, _), state in zip(merged, states, strict=True):
        if ox.is_paragraph(element) and state != "keep":
            revisions.mark_paragraph(element, state)


def _body(data: bytes) -> tuple[zipfile.ZipFile, BaseOxmlElement, BaseOxmlElement]:
    package = zipfile.ZipFile(io.BytesIO(data))
    root, body = ox.document_body(package.read("word/document.xml"))
    return package, root, body


def tracked_changes_docx(
    old_view: DocumentView,
    new_view: DocumentView,
    node_pairs: dict[tuple[int, ...], tuple[int, ...]],
    *,
    old_printed: dict[tuple[int, ...], str] | None = None,
    new_printed: dict[tuple[int, ...], str] | None = None,
    author: str = "workplan",
    date: dt.datetime | None = None,
    template: Path | None = None,
    moved: set[tuple[int, ...]] | None = None,
    comments: list[tuple[tuple[int, ...] | None, list[str]]] | None = None,
) -> bytes:
    """The NEW view as .docx with every difference from the OLD view as a tracked change.

    ``*_printed`` are the labels an imported source printed
    (:attr:`generator.readers.ImportResult.printed_labels`); ``moved`` the old paths of the
    nodes the diff found moved (shown as deleted there and inserted where they stand now);
    ``comments`` are (new node path, lines) put as comments on that node's heading line, or on
    the first paragraph for None (a notice field).
    """
    when = (date or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Labels typed into the text: a renumbered item must show （七） deleted and （八） inserted,
    # and Word tracks no change of a list number (w:numPr) as text.
    _, _, old_body = _body(render_docx(old_view, template=template, stamp=True, numbering="text"))
    package, root, new_body = _body(render_docx(new_view, template=template, stamp=True, numbering="text"))
    old, new = _blocks(old_body, old_view, old_printed), _blocks(new_body, new_view, new_printed)
    _pair(old, new, node_pairs)
    revisions = ox.Revisions(author, when)
    merged = _merge(old, new, revisions, moved or set())
    _mark_paragraphs(merged, revisions)

    ox.set_body_blocks(new_body, [element for element, _ in merged])
    # An agency template with comments of its own keeps them; ours are then left out.
    notes = comments if comments and ox.COMMENTS_PART not in package.namelist() else []
    numbered = _anchor_comments(new, merged, notes)
    registered = {}
    if numbered:  # read before writing: writestr updates the ZipInfo the reader checks against
        types, rels = "[Content_Types].xml", "word/_rels/document.xml.rels"
        parts = ox.register_comments(package.read(types), package.read(rels))
        registered = dict(zip((types, rels), parts, strict=True))

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "word/document.xml":
                data = ox.serialize_part(root)
            elif item.filename == "word/settings.xml":
                data = ox.track_revisions_on(data)
            elif item.filename in registered:
                data = registered[item.filename]
            target.writestr(item, data)
        if numbered:
            target.writestr(ox.COMMENTS_PART, ox.comments_part(numbered, author, when))
    return out.getvalue()


def _anchor_comments(
    new: list[_Block],
    merged: list[tuple[BaseOxmlElement, str]],
    notes: list[tuple[tuple[int, ...] | None, list[str]]],
) -> list[tuple[int, list[str]]]:
    """Anchor each note on its node's heading line (the first kept paragraph for the notice);
    the numbered notes to write into the comments part."""
    headings = {b.key[0]: b.element for b in new if b.key is not None and b.key[1] == "h"}
    first = next((el for el, state in merged if state != "del" and ox.is_paragraph(el)), None)
    out: list[tuple[int, list[str]]] = []
    for path, lines in notes:
        element = headings.get(path) if path is not None else first
        if element is None:
            continue
        ox.anchor_comment(element, len(out))
        out.append((len(out), lines))
    return out


def render_diff_docx(
    result: DiffResult,
    *,
    author: str = "workplan",
    date: dt.datetime | None = None,
    template: Path | None = None,
) -> bytes:
    return tracked_changes_docx(
        result.old_view,
        result.new_view,
        result.pairs,
        old_printed=result.old_printed,
        new_printed=result.new_printed,
        author=author,
        date=date,
        template=template,
        moved={c.old_path for c in result.changes if c.kind == "moved" and c.old_path is not None},
        comments=[_comment(c) for c in result.changes if c.fields],
    )


def _comment(change: Change) -> tuple[tuple[int, ...] | None, list[str]]:
    """Where the comment on a change goes and what it says: the node and each field, old → new."""
    from .diff_text import KIND_NAMES

    def shown(value: str) -> str:
        return value.replace("\n", " / ") if value else "（无）"

    label = change.new_label or change.old_label or ""
    lines = [f"{KIND_NAMES[change.kind]} {label}"]
    lines += [f"{f.name} {f.key}：{shown(f.old)} → {shown(f.new)}" for f in change.fields]
    return (change.new_path if change.kind != "notice" else None), lines
