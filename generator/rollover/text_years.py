"""Year mentions in the plan's prose: every mention is listed with its sentence; unambiguous ones
(and, with ``bump_text_years``, every one with a proposal) are changed in place, digits only. See
:mod:`generator.rollover.years` for the classes and the "unambiguous" rule."""

from __future__ import annotations

from ..i18n import _
from ..view import task_table_title
from .result import FieldChange, LocatedMention, ReviewItem
from .state import RolloverState
from .yaml_edits import Edit, dotted, prose_strings, text_of
from .years import Mention, apply_mentions, find_mentions, new_digits, sentence

_TITLE_FIELDS = {("plan", "title"), ("notice", "title")}


_TASK_FIELDS = {"lead", "owners", "deadline", "targets"}
"""Task fields: their years are the plan's own deadlines and targets, so they follow the year."""


def change_text_years(state: RolloverState, dropped: list[tuple[int, int]]) -> None:
    """List and change the year mentions of every prose string; ``dropped`` spans are left out."""
    title = state.document.plan.title
    titles = [t for t in (title, task_table_title(state.document)) if t]
    for path, node in prose_strings(state.root, ()):
        value = text_of(node)
        found = find_mentions(value, state.old, state.new, title=title)
        if not found:
            continue
        start = node.start_mark.index
        is_dropped = any(a <= start < b for a, b in dropped)
        # the 分工表's title (its own, or its 附件说明 line) follows the year as the plan title does
        structured = (
            path[:2] in _TITLE_FIELDS
            or path == ("plan", "task_table", "title")
            or (path[:2] == ("notice", "attachments") and any(_same(value, t) for t in titles))
        )
        task = bool(_TASK_FIELDS & {p for p in path[-2:] if isinstance(p, str)})
        where = dotted(path)
        # A "this year" sentence that also names a period or range the new year falls outside
        # (2024年是实现“十四五”… rolled to 2026) is no longer unambiguous: propose, don't change.
        stale = {_sentence_span(value, m.start) for m in found if m.warning}
        decided: list[tuple[Mention, int | None, bool]] = []
        cursor = start
        for mention in found:
            offset = _locate(state.text, mention, cursor, node.end_mark.index)
            if offset is not None:
                cursor = offset + 1
            default = (mention.default or task) and _sentence_span(value, mention.start) not in stale
            wanted = mention.proposal is not None and (
                structured or default or (state.bump and mention.digits is not None)
            )
            decided.append((mention, offset, wanted))
        broken = _broken_pairs(value, decided)
        applied_any: list[Mention] = []
        for mention, offset, wanted in decided:
            line = state.lines.line(offset if offset is not None else start)
            in_broken = _sentence_span(value, mention.start) in broken
            applied = wanted and offset is not None and not is_dropped and not in_broken
            if applied:
                assert mention.digits is not None and offset is not None
                digit_at = offset + (mention.digits[0] - mention.start)
                width = mention.digits[1] - mention.digits[0]
                state.edits.append(Edit(digit_at, digit_at + width, new_digits(mention)))
                applied_any.append(mention)
            state.mentions.append(
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
            if in_broken and mention.cls == "ordinal" and not is_dropped:
                state.review.append(
                    ReviewItem(
                        "warning",
                        where,
                        line,
                        sentence(value, mention.start, mention.end),
                        _(
                            "{mention} would no longer match the sentence's year; sentence left as it is"
                        ).format(mention=mention.text),
                    )
                )
            _review_mention(
                state, mention, where, line, value, applied, is_dropped, wanted and not in_broken, offset
            )
        if applied_any:
            new_value = apply_mentions(value, applied_any)
            state.set_data(path, new_value)
            if structured:
                state.changes.append(FieldChange(where, state.lines.line(start), value, new_value))


def _broken_pairs(value: str, decided: list[tuple[Mention, int | None, bool]]) -> set[tuple[int, int]]:
    """Sentences holding a 五年规划 ordinal where the ordinal and a year of the plan would not
    both change (or both stay): changing one alone would pair a year with another year's
    ordinal, so such a sentence is left whole."""
    by_sentence: dict[tuple[int, int], list[tuple[Mention, bool]]] = {}
    for mention, offset, wanted in decided:
        if mention.digits is not None or mention.cls == "ordinal":
            ok = wanted and offset is not None
            by_sentence.setdefault(_sentence_span(value, mention.start), []).append((mention, ok))
    broken = set()
    for span, members in by_sentence.items():
        ordinals = [ok for m, ok in members if m.cls == "ordinal"]
        years = [ok for m, ok in members if m.cls != "ordinal"]
        if ordinals and len(set(ordinals + years)) > 1:
            broken.add(span)
    return broken


def _locate(text: str, mention: Mention, begin: int, end: int) -> int | None:
    """Source offset of the mention's first character, searching the scalar's source in order.

    The key is the mention's first run of non-space characters: a plain or folded scalar may
    break a line at a space (``2021 年度``), never inside ``2021`` or ``十四五``.
    """
    key = mention.text.split()[0]
    found = text.find(key, begin, end)
    while found != -1 and _inside_number(text, found, found + len(key)):
        found = text.find(key, found + 1, end)  # 2024年 in 20232024年 is no year the finder saw
    return None if found == -1 else found


def _inside_number(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a longer run of digits."""
    before = start > 0 and text[start].isdigit() and text[start - 1].isdigit()
    after = end < len(text) and text[end - 1].isdigit() and text[end].isdigit()
    return before or after


def _review_mention(
    state: RolloverState,
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
        state.review.append(ReviewItem("warning", where, line, context, mention.warning))
    if wanted and not applied and offset is None:
        state.review.append(
            ReviewItem(
                "proposal",
                where,
                line,
                context,
                _("could not place {mention} in the file; change it by hand to {proposal}").format(
                    mention=mention.text, proposal=mention.proposal
                ),
            )
        )
    elif mention.proposal is not None and not applied:
        state.review.append(
            ReviewItem(
                "proposal",
                where,
                line,
                context,
                _("{mention} → {proposal}? ({cls})").format(
                    mention=mention.text, proposal=mention.proposal, cls=mention.cls
                ),
            )
        )
    elif mention.cls == "future" and mention.years[0] <= state.new:
        state.review.append(
            ReviewItem(
                "future",
                where,
                line,
                context,
                _("{mention}: no longer a later year in {year}").format(mention=mention.text, year=state.new),
            )
        )


_SENTENCE_END = "。！？；!?;\n"


def _sentence_span(text: str, index: int) -> tuple[int, int]:
    """(start, end) of the sentence of ``text`` that holds ``index``."""
    start = max(text.rfind(ch, 0, index) for ch in _SENTENCE_END) + 1
    ends = [i for ch in _SENTENCE_END if (i := text.find(ch, index)) != -1]
    return start, (min(ends) + 1 if ends else len(text))


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())
