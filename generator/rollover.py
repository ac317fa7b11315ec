"""Roll a plan over to a new year: next year's draft, with every year-dependent change applied or
listed for review (年度滚动).

The draft is made by editing the input YAML *text* in place, at positions taken from the ruamel.yaml
node tree (``YAML().compose``: every node with its exact start and end). Only the changed
characters differ — four digits of a year, a date or 序号 set to ``null``, the lines of a dropped
item — so comments, key order, quoting, folding and line ends survive byte for byte and ``git diff``
shows the rollover's changes and nothing else. (Dumping a round-trip tree would re-flow plain
multi-line scalars and re-indent to one style.) The result is loaded back and compared with the
expected model; a rollover never writes an invalid or unexpected plan.

Structured fields (always changed):

* ``plan.year``; the plan year in ``plan.title``, in an explicit ``notice.title`` and in 附件说明
  entries that equal the plan title (a derived title follows by itself);
* 发文字号: the year advances and the 序号 is cleared. A mapping gets ``serial: null``; a string
  keeps its style without the number, ``沪松卫〔2024〕52号`` → ``沪松卫〔2025〕号``, which loads
  as serial None and prints a blank to fill in;
* 成文日期 ``notice.date`` and 印发日期 ``notice.print_date`` become ``null``: the key stays where
  it was, with any comment, so the author sees where to fill in the new date.

Text: every year mention of every string (see :mod:`generator.years` for the classes and the
"unambiguous" rule) is listed; only unambiguous ones change unless ``bump_text_years``.
Items with ``status: done`` or ``dropped`` are removed (unless ``keep_done``) and listed; items with
``targets`` (指标) are listed for review.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .docnumber import find_doc_number, parse_doc_number
from .errors import InputError, Problem
from .load import load_text
from .model import Document
from .numbering import number_plan
from .years import CLASSES, Mention, apply_mentions, find_mentions, new_digits, sentence

_STR = "tag:yaml.org,2002:str"
_NOT_TEXT = {"id", "status", "numbering", "doc_number"}
"""Keys whose values are not prose (doc_number is a structured field, changed on its own)."""
_TITLE_FIELDS = {("plan", "title"), ("notice", "title")}

Path_ = tuple[str | int, ...]
_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=[^\r\n]*", re.MULTILINE)
_HEAD_COMMENTS = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|[\r\n]))*")
"""The comment lines before the YAML's first key, where editors look for ``$schema``."""


class RolloverError(Exception):
    """The draft would not be what the rollover promises (a bug: please report with the plan)."""


@dataclass(frozen=True)
class FieldChange:
    """A structured field changed by the rollover."""

    field: str
    line: int
    old: str
    new: str


@dataclass(frozen=True)
class LocatedMention:
    """A year mention placed in the source YAML (``line``) and in the draft (``draft_line``)."""

    mention: Mention
    field: str
    line: int
    draft_line: int | None
    sentence: str
    applied: bool
    structured: bool = False
    dropped: bool = False

    @property
    def cls(self) -> str:
        return self.mention.cls


@dataclass(frozen=True)
class ReviewItem:
    """Something an author must look at: kind is ``warning``, ``dropped``, ``kept``, ``targets``,
    ``proposal`` (a year left unchanged that may need to change) or ``future``."""

    kind: str
    field: str
    line: int
    text: str
    note: str


@dataclass(frozen=True)
class Summary:
    """Counts for the terminal."""

    old_year: int
    new_year: int
    fields: int
    mentions: dict[str, int]
    changed_mentions: int
    dropped_items: int
    review_items: int
    warnings: int

    def __str__(self) -> str:
        by_class = ", ".join(f"{cls} {n}" for cls, n in self.mentions.items() if n)
        total = sum(self.mentions.values())
        return "\n".join(
            [
                f"rollover {self.old_year} → {self.new_year}",
                f"  fields changed: {self.fields}",
                f"  year mentions: {total}" + (f" ({by_class})" if by_class else ""),
                f"  mentions changed: {self.changed_mentions}",
                f"  items dropped: {self.dropped_items}",
                f"  to review: {self.review_items} (warnings: {self.warnings})",
            ]
        )


@dataclass(frozen=True)
class RolloverResult:
    """The draft YAML text and everything the review report shows."""

    yaml_text: str
    mentions: list[LocatedMention]
    review: list[ReviewItem]
    summary: Summary
    changes: list[FieldChange] = field(default_factory=list)
    name: str = "<string>"
    old_year: int = 0
    new_year: int = 0
    removed_lines: list[tuple[int, int]] = field(default_factory=list)
    """(first, last) source lines of each item left out."""


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    new: str


class _Lines:
    """Offsets ↔ 1-based lines, with YAML's line breaks (\\r\\n counts once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|[\n\r\x85\u2028\u2029]", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def start_of(self, line: int) -> int:
        return self.starts[line - 1]

    def end_of(self, line: int) -> int:
        """Offset after the line's break (start of the next line)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)


def rollover_file(
    path: str | Path,
    year: int,
    *,
    for_file: str | Path | None = None,
    bump_text_years: bool = False,
    keep_done: bool = False,
) -> RolloverResult:
    """Roll the plan at ``path`` over to ``year``; the draft is to be written at ``for_file``.

    A plan YAML is edited in place (see the module docstring). A document (.docx, .txt, .md) is
    imported and dumped to YAML first, and the review cites the document's own lines (paragraphs
    of a .docx) — the YAML it was dumped to is never written.
    """
    from .readers import read_plan

    source = read_plan(path)  # every problem with its position, before anything else
    name = str(path)
    if source.imported is None:
        text = Path(path).read_bytes().decode("utf-8-sig")  # read_plan has loaded it: UTF-8 YAML
        return _rollover(text, name, source.document, year, bump_text_years, keep_done, for_file)
    from .dump import dump_document

    text = dump_document(source.document, for_file=for_file)
    document = load_text(text, f"{name} (imported)")  # the draft is made from this YAML text
    imported = source.imported

    def source_line(field: str) -> int:
        return imported.line_of(field) or 1

    return _rollover(text, name, document, year, bump_text_years, keep_done, for_file, source_line)


def rollover_text(
    yaml_text: str,
    name: str,
    year: int,
    *,
    for_file: str | Path | None = None,
    bump_text_years: bool = False,
    keep_done: bool = False,
) -> RolloverResult:
    """Roll the plan YAML ``yaml_text`` (reported as ``name``) over to ``year``."""
    document = load_text(yaml_text, name)
    return _rollover(yaml_text, name, document, year, bump_text_years, keep_done, for_file)


def _rollover(
    text: str,
    name: str,
    document: Document,
    year: int,
    bump: bool,
    keep_done: bool,
    for_file: str | Path | None,
    source_line: Callable[[str], int] | None = None,
) -> RolloverResult:
    """The rollover of ``text``, already loaded as ``document``: only ruamel's node tree (exact
    positions) is added to the loader's one parse."""
    if not 1949 <= year <= 9999:
        raise InputError([Problem(name, 1, 1, f"--year {year} is not a year", "give four digits, e.g. 2025")])
    reader = YAML()
    reader.version = (1, 1)  # the loader (PyYAML) reads YAML 1.1: `yes` is a bool, not text
    root = reader.compose(text)
    assert isinstance(root, MappingNode)  # the loader accepted it
    rollover = _Rollover(text, name, document, root, year, bump, keep_done)
    if for_file is not None:
        rollover.schema_line(for_file)
    result = rollover.run()
    return _cite_source(result, source_line) if source_line is not None else result


def _cite_source(result: RolloverResult, source_line: Callable[[str], int]) -> RolloverResult:
    """The result with every source line taken from the imported document, by field."""
    return replace(
        result,
        changes=[replace(c, line=source_line(c.field)) for c in result.changes],
        review=sorted((replace(r, line=source_line(r.field)) for r in result.review), key=lambda r: r.line),
        mentions=[replace(m, line=source_line(m.field)) for m in result.mentions],
    )


class _Rollover:
    """One rollover: collects source edits and the same changes on a plain copy of the data."""

    def __init__(
        self,
        text: str,
        name: str,
        document: Document,
        root: MappingNode,
        year: int,
        bump: bool,
        keep_done: bool,
    ) -> None:
        self.text = text
        self.name = name
        self.document = document
        self.root = root
        self.old = document.plan.year
        self.new = year
        self.bump = bump
        self.keep_done = keep_done
        self.lines = _Lines(text)
        # The expected result is built on a plain copy of the loaded model (the YAML's own keys).
        self.data = document.model_dump()
        self.edits: list[_Edit] = []
        self.changes: list[FieldChange] = []
        self.review: list[ReviewItem] = []
        self.mentions: list[LocatedMention] = []
        self.removed: list[tuple[int, int]] = []  # (first line, last line) of removed items
        self.deletions: list[tuple[Path_, int]] = []  # (list path, index) of removed items
        self.emptied: list[tuple[SequenceNode, Path_]] = []  # lists whose items were all removed

    # --- main ------------------------------------------------------------------------------

    def schema_line(self, for_file: str | Path) -> None:
        """The editor's ``$schema`` comment, made for the draft's folder (a relative path from
        the input's folder would point elsewhere)."""
        from .schema import schema_comment

        head = _HEAD_COMMENTS.match(self.text)
        found = _SCHEMA_LINE.search(self.text, 0, head.end()) if head else None
        wanted = schema_comment(Path(for_file))
        if found is not None and found.group(0) != wanted:
            self.edits.append(_Edit(found.start(), found.end(), wanted))

    def run(self) -> RolloverResult:
        self._structured()
        dropped = self._items()
        self._text_mentions(dropped)
        # Paths of the plain data hold until here; removing items shifts later indices.
        for path, index in sorted(self.deletions, reverse=True):
            del _container(self.data, path)[index]
        for seq, path in self.emptied:
            self._empty_list(seq, path)
        output = _apply(self.text, self.edits)
        self._check(output)
        self.mentions = [self._with_draft_line(m) for m in self.mentions]
        counts = Counter(m.cls for m in self.mentions)
        summary = Summary(
            old_year=self.old,
            new_year=self.new,
            fields=len(self.changes),
            mentions={cls: counts.get(cls, 0) for cls in CLASSES},
            changed_mentions=sum(1 for m in self.mentions if m.applied and not m.structured),
            dropped_items=sum(1 for r in self.review if r.kind == "dropped"),
            review_items=len(self.review),
            warnings=sum(1 for r in self.review if r.kind == "warning"),
        )
        return RolloverResult(
            output,
            self.mentions,
            sorted(self.review, key=lambda r: r.line),
            summary,
            self.changes,
            self.name,
            self.old,
            self.new,
            sorted(self.removed),
        )

    # --- structured fields ---------------------------------------------------------------------

    def _structured(self) -> None:
        plan = _child(self.root, "plan")
        notice = _child(self.root, "notice")
        year_node = _child(plan, "year")
        assert isinstance(year_node, ScalarNode)
        self._replace_year_in(year_node, "plan.year", ("plan", "year"))
        if self.old != self.new and not re.search(rf"{self.old}\s*年", self.document.plan.title):
            line = self.lines.line(_child(plan, "title").start_mark.index)  # type: ignore[union-attr]
            self.review.append(
                ReviewItem(
                    "warning",
                    "plan.title",
                    line,
                    self.document.plan.title,
                    "the title names no year to change",
                )
            )
        number = _child(notice, "doc_number")
        if number is not None:
            self._doc_number(number)
        for key in ("date", "print_date"):
            node = _child(notice, key)
            if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
                self._set_null(node, f"notice.{key}", ("notice", key))

    def _replace_year_in(self, node: ScalarNode, label: str, path: Path_) -> None:
        source = self.text[node.start_mark.index : node.end_mark.index]
        found = re.search(rf"(?<!\d){self.old}(?!\d)", source)
        if found is None or self.old == self.new:
            return
        start = node.start_mark.index + found.start()
        self.edits.append(_Edit(start, start + 4, str(self.new)))
        self.changes.append(FieldChange(label, self.lines.line(start), str(self.old), str(self.new)))
        _set(self.data, path, self.new)

    def _set_null(self, node: ScalarNode, label: str, path: Path_) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        self.edits.append(_Edit(start, end, "null"))
        self.changes.append(FieldChange(label, self.lines.line(start), self.text[start:end], "null"))
        _set(self.data, path, None)

    def _doc_number(self, node: Node) -> None:
        if isinstance(node, MappingNode):
            year = _child(node, "year")
            if isinstance(year, ScalarNode):
                self._replace_year_in(year, "notice.doc_number.year", ("notice", "doc_number", "year"))
            serial = _child(node, "serial")
            if isinstance(serial, ScalarNode) and serial.tag != "tag:yaml.org,2002:null":
                self._set_null(serial, "notice.doc_number.serial", ("notice", "doc_number", "serial"))
            return
        assert isinstance(node, ScalarNode)
        start, end = node.start_mark.index, node.end_mark.index
        source = self.text[start:end]
        # 代字〔YYYY〕N号 → 代字〔YYYY+1〕号: the model parses a 文号 without 序号 as serial None.
        found = find_doc_number(source)  # in the scalar's source, which may be quoted
        parsed = parse_doc_number(str(node.value))
        if found is None or parsed is None:
            return
        year = source[slice(*found.year_span)]
        new = str(self.new) if self.new != self.old else year
        if year != new:
            self.edits.append(_Edit(start + found.year_span[0], start + found.year_span[1], new))
        if found.number_span is not None:
            self.edits.append(_Edit(start + found.number_span[0], start + found.number_span[1], ""))
        old_text = str(node.value)
        parsed.update(year=int(new), serial=None)
        self.changes.append(
            FieldChange(
                "notice.doc_number",
                self.lines.line(start),
                old_text,
                f"{parsed['prefix']}〔{parsed['year']}〕号",
            )
        )
        _set(self.data, ("notice", "doc_number"), parsed)

    # --- items: done/dropped, targets ------------------------------------------------------------

    def _items(self) -> list[tuple[int, int]]:
        """Remove done/dropped items; returns the removed source spans."""
        labels = {
            entry.path: entry.label for outline in number_plan(self.document.plan) for entry in outline.walk()
        }
        removed_spans: list[tuple[int, int]] = []
        sections = _child(_child(self.root, "plan"), "sections")
        if not isinstance(sections, SequenceNode):
            return removed_spans

        def visit(seq: SequenceNode, path: Path_, index_path: tuple[int, ...]) -> None:
            removed_here: list[int] = []
            for i, item in enumerate(seq.value):
                if not isinstance(item, MappingNode):
                    continue
                node_path = (*path, i)
                where = _dotted(node_path)
                line = self.lines.line(item.start_mark.index)
                heading = _scalar(_child(item, "heading")) or ""
                label = labels.get((*index_path, i), "")
                status = _scalar(_child(item, "status"))
                if status in ("done", "dropped"):
                    if self.keep_done or seq.flow_style:
                        note = f"status: {status}; kept" + (
                            "" if self.keep_done else " (flow-style list: remove it by hand)"
                        )
                        self.review.append(ReviewItem("kept", where, line, f"{label}{heading}", note))
                    else:
                        span = self._item_span(item)
                        removed_spans.append(span)
                        self.edits.append(_Edit(*span, ""))
                        first, last = self.lines.line(span[0]), self.lines.line(span[1] - 1)
                        self.removed.append((first, last))
                        removed_here.append(i)
                        note = f"status: {status}; left out (source lines {first}–{last})"
                        self.review.append(ReviewItem("dropped", where, line, f"{label}{heading}", note))
                        continue
                targets = _child(item, "targets")
                if targets is not None and _scalar_texts(targets):
                    self.review.append(
                        ReviewItem(
                            "targets",
                            where,
                            line,
                            f"{label}{heading}",
                            "指标 to review: " + "；".join(_scalar_texts(targets)),
                        )
                    )
                children = _child(item, "items")
                if isinstance(children, SequenceNode):
                    visit(children, (*node_path, "items"), (*index_path, i))
            if removed_here and len(removed_here) == len(seq.value):
                self.emptied.append((seq, path))
            self.deletions.extend((path, i) for i in removed_here)

        visit(sections, ("plan", "sections"), ())
        return removed_spans

    def _item_span(self, item: MappingNode) -> tuple[int, int]:
        """Source span of a block-sequence item: its dash line, the comment lines right above it at
        the dash's indentation (they describe the item), through the line of its last content."""
        dash = self.text.rindex("-", 0, item.start_mark.index)
        first = self.lines.line(dash)
        indent = dash - self.lines.start_of(first)
        while first > 1:
            above = self.text[self.lines.start_of(first - 1) : self.lines.end_of(first - 1)]
            if above.strip().startswith("#") and len(above) - len(above.lstrip(" ")) == indent:
                first -= 1
            else:
                break
        last = self.lines.line(_last_content(item) - 1)
        return self.lines.start_of(first), self.lines.end_of(last)

    def _empty_list(self, seq: SequenceNode, path: Path_) -> None:
        """Every item of a list was removed: write ``[]`` after its key, or the key would read null."""
        parent = _node_at(self.root, path[:-1])
        assert isinstance(parent, MappingNode)
        for key, value in parent.value:
            if value is seq:
                colon = self.text.index(":", key.end_mark.index)
                self.edits.append(_Edit(colon + 1, colon + 1, " []"))
                _set(self.data, path, [])
                line = self.lines.line(colon)
                self.changes.append(FieldChange(_dotted(path), line, "(all items left out)", "[]"))

    # --- text ------------------------------------------------------------------------------------

    def _text_mentions(self, dropped: list[tuple[int, int]]) -> None:
        title = self.document.plan.title
        for path, node in _strings(self.root, ()):
            value = _text_of(node)
            found = find_mentions(value, self.old, self.new, title=title)
            if not found:
                continue
            start = node.start_mark.index
            is_dropped = any(a <= start < b for a, b in dropped)
            structured = path[:2] in _TITLE_FIELDS or (
                path[:2] == ("notice", "attachments") and _same(value, title)
            )
            where = _dotted(path)
            applied_any: list[Mention] = []
            cursor = start
            for mention in found:
                offset = self._locate(mention, cursor, node.end_mark.index)
                if offset is not None:
                    cursor = offset + 1
                line = self.lines.line(offset if offset is not None else start)
                wanted = mention.proposal is not None and (
                    structured or mention.default or (self.bump and mention.digits is not None)
                )
                applied = wanted and offset is not None and not is_dropped
                if applied:
                    assert mention.digits is not None
                    digit_at = offset + (mention.digits[0] - mention.start)
                    assert offset is not None
                    self.edits.append(_Edit(digit_at, digit_at + 4, new_digits(mention)))
                    applied_any.append(mention)
                self.mentions.append(
                    LocatedMention(
                        mention,
                        where,
                        line,
                        None,
                        sentence(value, mention.start, mention.end),
                        applied,
                        structured and applied,
                        is_dropped,
                    )
                )
                self._review_mention(mention, where, line, value, applied, is_dropped, wanted, offset)
            if applied_any:
                new_value = apply_mentions(value, applied_any)
                _set(self.data, path, new_value)
                if structured:
                    self.changes.append(FieldChange(where, self.lines.line(start), value, new_value))

    def _locate(self, mention: Mention, begin: int, end: int) -> int | None:
        """Source offset of the mention's first character, searching the scalar's source in order.

        The key is the mention's first run of non-space characters: a plain or folded scalar may
        break a line at a space (``2021 年度``), never inside ``2021`` or ``十四五``.
        """
        key = mention.text.split()[0]
        found = self.text.find(key, begin, end)
        return None if found == -1 else found

    def _review_mention(
        self,
        mention: Mention,
        where: str,
        line: int,
        value: str,
        applied: bool,
        dropped: bool,
        wanted: bool,
        offset: int | None,
    ) -> None:
        if dropped:
            return
        context = sentence(value, mention.start, mention.end)
        if mention.warning:
            self.review.append(ReviewItem("warning", where, line, context, mention.warning))
        if wanted and not applied and offset is None:
            self.review.append(
                ReviewItem(
                    "proposal",
                    where,
                    line,
                    context,
                    f"could not place {mention.text} in the file; change it by hand to {mention.proposal}",
                )
            )
        elif mention.proposal is not None and not applied:
            self.review.append(
                ReviewItem(
                    "proposal", where, line, context, f"{mention.text} → {mention.proposal}? ({mention.cls})"
                )
            )
        elif mention.cls == "future" and mention.years[0] <= self.new:
            self.review.append(
                ReviewItem(
                    "future", where, line, context, f"{mention.text}: no longer a later year in {self.new}"
                )
            )

    # --- result ----------------------------------------------------------------------------------

    def _check(self, output: str) -> None:
        """The draft must load, and must be exactly the expected model (no stray change)."""
        try:
            actual = load_text(output, f"{self.name} (rolled over)")
        except InputError as exc:
            raise RolloverError(f"the draft does not load: {exc}") from exc
        expected = Document.model_validate(self.data)
        if actual != expected:
            raise RolloverError("the draft differs from the expected plan; please report this input")

    def _with_draft_line(self, m: LocatedMention) -> LocatedMention:
        if m.dropped:
            return m
        shift = sum(last - first + 1 for first, last in self.removed if last < m.line)
        return LocatedMention(
            m.mention, m.field, m.line, m.line - shift, m.sentence, m.applied, m.structured, m.dropped
        )


# --- helpers over the composed node tree and the plain data ----------------------------------------


def _child(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def _node_at(root: Node, path: Path_) -> Node | None:
    node: Node | None = root
    for part in path:
        if isinstance(part, int):
            node = node.value[part] if isinstance(node, SequenceNode) else None
        else:
            node = _child(node, part)
    return node


def _scalar(node: Node | None) -> str | None:
    return _text_of(node) if isinstance(node, ScalarNode) else None


def _scalar_texts(node: Node) -> list[str]:
    if isinstance(node, ScalarNode):
        return [_text_of(node)] if node.tag == _STR and str(node.value).strip() else []
    if isinstance(node, SequenceNode):
        return [t for child in node.value for t in _scalar_texts(child)]
    return []


def _strings(node: Node, path: Path_) -> list[tuple[Path_, ScalarNode]]:
    """Every prose string scalar under ``node`` with its path, in document order."""
    out: list[tuple[Path_, ScalarNode]] = []
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            out.append((path, node))
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            name = getattr(key, "value", None)
            if name in _NOT_TEXT or name is None:
                continue
            out.extend(_strings(value, (*path, name)))
    elif isinstance(node, SequenceNode):
        for i, value in enumerate(node.value):
            out.extend(_strings(value, (*path, i)))
    return out


def _text_of(node: ScalarNode) -> str:
    """A string scalar's value; ruamel marks the fold points of a ``>`` scalar with BEL (\\a)."""
    value = str(node.value)
    return value.replace("\a", "") if node.style == ">" else value


def _last_content(node: Node) -> int:
    """Offset just after the last character of a node's content (scalars end exactly there)."""
    if isinstance(node, ScalarNode):
        return node.end_mark.index
    children: list[Node] = []
    if isinstance(node, MappingNode):
        for key, value in node.value:
            children.extend((key, value))
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    return max((_last_content(c) for c in children), default=node.end_mark.index)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _container(data: object, path: Path_) -> list[object]:
    target = data
    for part in path:
        target = target[part]  # type: ignore[index]
    assert isinstance(target, list)
    return target


def _set(data: object, path: Path_, value: object) -> None:
    """Set ``path`` in the plain data; a string given for a list of paragraphs stays a string."""
    target = data
    for part in path[:-1]:
        target = target[part]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]


def _apply(text: str, edits: list[_Edit]) -> str:
    out: list[str] = []
    pos = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue  # inside a removed item: the removal wins
        out.append(text[pos : edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
