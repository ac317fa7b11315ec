"""A diff for the terminal: one block per change, labelled like the document, coloured with rich."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..diff import KINDS, Change, DiffResult

KIND_NAMES = {
    "added": "新增",
    "removed": "删除",
    "moved": "移动",
    "renumbered": "序号变化",
    "changed": "修改",
    "notice": "通知要素",
}
_STYLES = {"-": "red strike", "+": "green underline", "=": ""}


def summary_line(result: DiffResult) -> str:
    """e.g. ``added 1, removed 1, moved 2, renumbered 14, changed 3, notice 0``."""
    return ", ".join(f"{kind} {result.summary[kind]}" for kind in KINDS)


def _heading(change: Change) -> Text:
    line = Text()
    line.append(f"{change.kind} {KIND_NAMES[change.kind]}", style="bold cyan")
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


def _body(change: Change, *, marks: bool) -> Text:
    """The change's text; without colour (a pipe, NO_COLOR) edits are marked [-old-]{+new+} as
    wdiff does, so the output still says which characters went and came."""
    if change.segments:
        body = Text()
        for op, text in change.segments:
            opening, closing = (
                _MARKS[op] if marks and change.kind != "added" and change.kind != "removed" else ("", "")
            )
            body.append(f"{opening}{text}{closing}", style=_STYLES[op])
        return body
    return Text(change.new_text or change.old_text or "", style="dim")


def print_diff(result: DiffResult, console: Console | None = None, *, summary_only: bool = False) -> None:
    """Print every change (or only the counts) to ``console`` (stdout by default)."""
    if console is None:
        from ..output import terminal_console

        console = terminal_console(highlight=False)  # type: ignore[assignment]
    assert console is not None
    marks = console.no_color or not console.is_terminal
    if not summary_only:
        for change in result.changes:
            console.print(_heading(change))
            console.print(_body(change, marks=marks))
            console.print()
    console.print(summary_line(result), style="bold")
