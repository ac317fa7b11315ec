"""The rollover's entry points and its run: parse once, apply the steps (structured fields, done
items, text years), write the edits into the text and check that the draft loads as the expected plan."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode

from ..errors import InputError, Problem
from ..i18n import _
from ..load import load_text
from ..model import Document
from ..model_tools import validate
from .done_items import drop_done_items, mark_emptied_lists
from .fields import change_fields
from .result import FieldChange, LocatedMention, RolloverError, RolloverResult, Summary
from .state import RolloverState
from .text_years import change_text_years
from .yaml_edits import Edit, apply_edits
from .years import CLASSES

_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=[^\r\n]*", re.MULTILINE)
_HEAD_COMMENTS = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|[\r\n]))*")
"""The comment lines before the YAML's first key, where editors look for ``$schema``."""


def rollover_file(
    path: str | Path,
    year: int,
    *,
    for_file: str | Path | None = None,
    bump_text_years: bool = False,
    keep_done: bool = False,
) -> RolloverResult:
    """Roll the plan at ``path`` over to ``year``; the draft is to be written at ``for_file``.

    A plan YAML is edited in place (see :mod:`generator.rollover`). A document (.docx, .txt, .md) is
    imported and dumped to YAML first, and the review cites the document's own lines (paragraphs
    of a .docx) — the YAML it was dumped to is never written.
    """
    from ..readers import read_plan

    source = read_plan(path)  # every problem with its position, before anything else
    name = str(path)
    if source.imported is None:
        from ..limits import read_input

        text = read_input(path).decode("utf-8-sig")  # read_plan has loaded it: UTF-8 YAML
        return _rollover(text, name, source.document, year, bump_text_years, keep_done, for_file)
    from ..dump import dump_document

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
        message = _("--year {year} is not a year").format(year=year)
        raise InputError([Problem(name, 1, 1, message, _("give four digits, e.g. 2025"))])
    reader = YAML()
    reader.version = (1, 1)  # the loader (PyYAML) reads YAML 1.1: `yes` is a bool, not text
    try:
        root = reader.compose(text)
    except YAMLError as exc:  # stricter than PyYAML: a tab inside a plain scalar, say
        raise InputError([_not_editable(name, text, exc)]) from None
    assert isinstance(root, MappingNode)  # the loader accepted it
    if year < document.plan.year:
        # An earlier year would turn 2025年底前 back into 2024年底前 and date the 文号 before the
        # plan it follows: a slip for next year. (The same year is a revised plan: new 序号, dates.)
        # (an imported document has no YAML of its own to point into)
        line, column = _plan_year_position(root) if source_line is None else (1, 1)
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    _("--year {year} comes before the plan's year {old}").format(
                        year=year, old=document.plan.year
                    ),
                    _("rollover drafts a later year's plan: give e.g. --year {next}").format(
                        next=document.plan.year + 1
                    ),
                )
            ]
        )
    state = RolloverState(text, name, document, root, year, bump, keep_done)
    if for_file is not None:
        _schema_line(state, for_file)
    result = _run(state)
    return _cite_source(result, source_line) if source_line is not None else result


def _plan_year_position(root: MappingNode) -> tuple[int, int]:
    """1-based line and column of ``plan.year`` in the file (of the file's start if not found)."""
    for key, value in root.value:
        if getattr(key, "value", None) == "plan" and isinstance(value, MappingNode):
            for k, v in value.value:
                if getattr(k, "value", None) == "year":
                    return v.start_mark.line + 1, v.start_mark.column + 1
    return 1, 1


def _cite_source(result: RolloverResult, source_line: Callable[[str], int]) -> RolloverResult:
    """The result with every source line taken from the imported document, by field."""
    return replace(
        result,
        changes=[replace(c, line=source_line(c.field)) for c in result.changes],
        review=sorted((replace(r, line=source_line(r.field)) for r in result.review), key=lambda r: r.line),
        mentions=[replace(m, line=source_line(m.field)) for m in result.mentions],
    )


def _schema_line(state: RolloverState, for_file: str | Path) -> None:
    """The editor's ``$schema`` comment, rewritten only when its path is absolute or no longer
    reaches the schema from the draft's folder, and left out when no schema is reachable by a
    relative path (:func:`generator.schema.schema_comment`); the change is reported."""
    from ..schema import schema_comment

    head = _HEAD_COMMENTS.match(state.text)
    found = _SCHEMA_LINE.search(state.text, 0, head.end()) if head else None
    if found is None:
        return
    old = found.group(0)
    target = Path(old.split("$schema=", 1)[1].strip())
    # An absolute path is never kept: the draft is meant to be committed and read elsewhere.
    if not target.is_absolute() and (Path(for_file).resolve().parent / target).is_file():
        return
    wanted = schema_comment(Path(for_file))
    if wanted is None:  # no schema reachable by a relative path: the comment goes, with its line end
        end = found.end() + len(re.match(r"\r\n|\r|\n|", state.text[found.end() :]).group(0))
        state.edits.append(Edit(found.start(), end, ""))
        state.changes.append(
            FieldChange(_("$schema comment"), state.lines.line(found.start()), old, _("(left out)"))
        )
    elif wanted != old:
        state.edits.append(Edit(found.start(), found.end(), wanted))
        state.changes.append(FieldChange(_("$schema comment"), state.lines.line(found.start()), old, wanted))


def _run(state: RolloverState) -> RolloverResult:
    change_fields(state)
    dropped = drop_done_items(state)
    change_text_years(state, dropped)
    # Paths of the plain data hold until here; removing items shifts later indices.
    state.delete_removed_items()
    mark_emptied_lists(state)
    output = apply_edits(state.text, state.edits)
    _check(state, output)
    state.mentions = [_with_draft_line(state, m) for m in state.mentions]
    counts = Counter(m.cls for m in state.mentions)
    summary = Summary(
        old_year=state.old,
        new_year=state.new,
        fields=len(state.changes),
        mentions={cls: counts.get(cls, 0) for cls in CLASSES},
        changed_mentions=sum(1 for m in state.mentions if m.applied and not m.structured),
        dropped_items=sum(1 for r in state.review if r.kind == "dropped"),
        review_items=len(state.review),
        warnings=sum(1 for r in state.review if r.kind == "warning"),
    )
    return RolloverResult(
        output,
        state.mentions,
        sorted(state.review, key=lambda r: r.line),
        summary,
        state.changes,
        state.name,
        state.old,
        state.new,
        sorted(state.removed),
    )


def _check(state: RolloverState, output: str) -> None:
    """The draft must load, and must be exactly the expected model (no stray change)."""
    try:
        actual = load_text(output, f"{state.name} (rolled over)")
    except InputError as exc:
        raise RolloverError(_("the draft does not load: {reason}").format(reason=exc)) from exc
    expected = validate(Document, state.data)
    if actual != expected:
        raise RolloverError(_("the draft differs from the expected plan; please report this input"))


def _with_draft_line(state: RolloverState, m: LocatedMention) -> LocatedMention:
    if m.dropped:
        return m
    shift = sum(last - first + 1 for first, last in state.removed if last < m.line)
    return LocatedMention(
        m.mention, m.field, m.line, m.line - shift, m.sentence, m.applied, m.structured, m.dropped
    )


def _not_editable(name: str, text: str, exc: YAMLError) -> Problem:
    """What ruamel (which the draft's in-place edits need) refuses although the loader read it."""
    mark = exc.problem_mark if isinstance(exc, MarkedYAMLError) else None
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.splitlines()
    here = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if here == "\t":
        return Problem(
            name,
            line,
            column,
            _("a tab here: next year's draft is edited into this text and cannot be written around it"),
            _("replace the tab with a space"),
        )
    return Problem(
        name,
        line,
        column,
        _("next year's draft cannot be edited into this text as it is written"),
        _("look at this line for tabs or control characters, or write the value in quotes"),
    )
