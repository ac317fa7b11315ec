"""A diff for the terminal: one block per change, labelled like the document, coloured with rich."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..diff import KINDS, Change, DiffResult
from ..i18n import N_, _, language

KIND_NAMES = {
    "added": "新增",
    "removed": "删除",
    "moved": "移动",
    "renumbered": "序号变化",
    "changed": "修改",
    "notice": "通知要素",
}
# The counts of the summary line: `added 1, …` in English, `新增 1，…` in Chinese.
_COUNTS = {
    "added": N_("added {count}"),
    "removed": N_("removed {count}"),
    "moved": N_("moved {count}"),
    "renumbered": N_("renumbered {count}"),
    "changed": N_("changed {count}"),
    "notice": N_("notice {count}"),
}
_STYLES = {"-": "red strike", "+": "green underline", "=": ""}


def summary_line(result: DiffResult) -> str:
    """e.g. ``added 1, removed 1, moved 2, renumbered 14, changed 3, notice 0`` (in Chinese
    ``新增 1，删除 1，…``)."""
    return _(", ").join(_(_COUNTS[kind]).format(count=result.summary[kind]) for kind in KINDS)


def kind_title(kind: str) -> str:
    """The heading of a change: ``changed 修改`` (the code a script greps, and the name), in
    Chinese the name alone."""
    return KIND_NAMES[kind] if language() == "zh" else f"{kind} {KIND_NAMES[kind]}"


def _heading(change: Change) -> Text:
    line = Text()
    line.append(kind_title(change.kind), style="bold cyan")
    line.append("  ")
    if change.kind == "notice":
        line.append(change.new_label or "", style="bold")
    elif change.old_label is not None and change.new_label is not None:
        if change.old_label == change.new_label:
            line.append(change.new_label, style="bold")
        else:
            line.append(change.old_label, style="bold red")
            line.append(" → ")
            line.append(change.new_label, style="bold green")
    else:
        line.append(change.old_label or change.new_label or "", style="bold")
    if change.note:
        line.append(f"  ({change.note})", style="italic")
    return line


_MARKS = {"-": ("[-", "-]"), "+": ("{+", "+}"), "=": ("", "")}


def _segments(segments: list[tuple[str, str]], *, marks: bool) -> Text:
    body = Text()
    for op, text in segments:
        opening, closing = _MARKS[op] if marks else ("", "")
        body.append(f"{opening}{text}{closing}", style=_STYLES[op])
    return body


def _body(change: Change, *, marks: bool) -> Text:
    """The change's text, field by field when fields changed (``完成时限 deadline: …``); without
    colour (a pipe, NO_COLOR, --color never) edits are marked [-old-]{+new+} as git's word diff
    does, so the output still says which characters went and came."""
    if change.fields:
        body = Text()
        for index, diff in enumerate(change.fields):
            if index:
                body.append("\n")
            body.append("  " + _("{name} {key}: ").format(name=diff.name, key=diff.key), style="bold")
            body.append_text(_segments(diff.segments, marks=marks))
        return body
    if change.segments:
        whole = change.kind in ("added", "removed")  # all one colour: marks would say nothing more
        return _segments(change.segments, marks=marks and not whole)
    return Text(change.new_text or change.old_text or "", style="dim")


COLOR_CHOICES = ("auto", "always", "never")


def diff_console(color: str = "auto") -> Console:
    """The stdout console for ``--color``: auto colours a terminal only (a pipe gets the marks)."""
    if color not in COLOR_CHOICES:
        raise ValueError(
            _("--color is one of {choices}, not {color}").format(
                choices=", ".join(COLOR_CHOICES), color=repr(color)
            )
        )
    from ..output import terminal_console  # a closed pipe is reported like any other (exit 2)

    if color == "always":
        return terminal_console(highlight=False, force_terminal=True)  # type: ignore[return-value]
    if color == "never":
        return terminal_console(highlight=False, no_color=True)  # type: ignore[return-value]
    return terminal_console(highlight=False)  # type: ignore[return-value]


def print_diff(result: DiffResult, console: Console | None = None, *, summary_only: bool = False) -> None:
    """Print every change (or only the counts) to ``console`` (stdout by default)."""
    console = console or diff_console()
    marks = console.no_color or not console.is_terminal
    if not summary_only:
        for change in result.changes:
            console.print(_heading(change))
            console.print(_body(change, marks=marks))
            console.print()
    console.print(summary_line(result), style="bold")
