"""YAML syntax errors explained by their real cause, at the line where the cause is.

PyYAML reports where its parser gave up, which for a clerk's typing slips is often the *next*
line and always in parser jargon ("could not find expected ':'"). The slips are few and
recognisable in the text itself — a full-width colon after a key, no space after the colon, a
tab in the indentation, a quote or bracket never closed, a list item where a key belongs — so
they are looked for first, up to the line where the parser stopped; PyYAML's own words are the
fallback.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem
from .i18n import _

# A key as plans write them (ASCII field names), then the slip.
_FULLWIDTH_COLON = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<colon>：)")
_NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<value>[^\s/].*)$")
_TAB_INDENT = re.compile(r"^ *\t")
_FLOW_OPENERS = {"[": "]", "{": "}"}


def explain(text: str, exc: yaml.MarkedYAMLError, name: str) -> Problem:
    """One problem for a YAML syntax error: its cause where it can be named, at its place."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    stop = mark.line if mark is not None else len(lines) - 1
    for finder in (_tab, _fullwidth_colon, _missing_space):
        found = finder(lines, stop, name)
        if found is not None:
            return found
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "quoted scalar" in context and opened is not None:
        quote = _char(lines, opened.line, opened.column, '"')
        return Problem(
            name,
            opened.line + 1,
            opened.column + 1,
            _("the quote {quote} opened here is never closed").format(quote=quote),
            _("end the text with the same quote mark {quote}").format(quote=quote),
        )
    comma = _char(lines, stop, None, "").find("，") if "flow" in context else -1
    if comma >= 0:
        return Problem(
            name,
            stop + 1,
            comma + 1,
            _("full-width comma `，` between the entries of a [ ] or { } list"),
            _("a full-width comma `，` does not separate entries: write a half-width `,` and a space"),
        )
    unclosed = _unclosed_bracket(lines, stop) if "flow" in context else None
    if unclosed is not None:
        opened_line, opened_column = unclosed
        bracket = _char(lines, opened_line, opened_column, "[")
        closing = _FLOW_OPENERS.get(bracket, "]")
        hint = _("close it with {closing} on the same line, separating entries with a half-width comma `,`")
        if "，" in _char(lines, opened_line, None, ""):
            hint = _("a full-width comma `，` does not separate entries: write a half-width `,` and a space")
        return Problem(
            name,
            opened_line + 1,
            opened_column + 1,
            _("the bracket {bracket} opened here is never closed").format(bracket=bracket),
            hint.format(closing=closing),
        )
    if "found '-'" in problem or (mark is not None and _starts_list_item(lines, mark.line)):
        return Problem(
            name,
            line,
            col,
            _("a list item `- ` stands where a key is expected"),
            _("indent it exactly like the other items of its list, under the key the list belongs to"),
        )
    if "mapping values are not allowed" in problem:
        return Problem(
            name,
            line,
            col,
            _("a colon `:` inside a value"),
            _('put the whole value in quotes, e.g. title: "…：…"'),
        )
    what = problem or context or "invalid YAML"
    return Problem(
        name, line, col, _("YAML syntax: {what}").format(what=what), _("fix the indentation or quoting here")
    )


def _tab(lines: list[str], stop: int, name: str) -> Problem | None:
    for index, text in enumerate(lines[: stop + 1]):
        if _TAB_INDENT.match(text):
            return Problem(
                name,
                index + 1,
                text.index("\t") + 1,
                _("a tab in the indentation"),
                _("YAML indents with spaces only: replace the tab with spaces"),
            )
    return None


def _fullwidth_colon(lines: list[str], stop: int, name: str) -> Problem | None:
    for index in range(min(stop, len(lines) - 1), -1, -1):
        match = _FULLWIDTH_COLON.match(lines[index])
        if match:
            key, rest = match["key"], lines[index][match.end() :].strip()
            return Problem(
                name,
                index + 1,
                match.start("colon") + 1,
                _("full-width colon `：` after `{key}`").format(key=key),
                _("YAML needs a half-width colon and a space: `{fix}`").format(fix=f"{key}: {rest}".rstrip()),
            )
    return None


def _missing_space(lines: list[str], stop: int, name: str) -> Problem | None:
    for index in range(min(stop, len(lines) - 1), -1, -1):
        match = _NO_SPACE.match(lines[index])
        if match and not match["value"].startswith(":"):
            key, value = match["key"], match["value"].strip()
            return Problem(
                name,
                index + 1,
                match.end("key") + 1,
                _("no space after the colon of `{key}`").format(key=key),
                _("write a space after the colon: `{fix}`").format(fix=f"{key}: {value}"),
            )
    return None


def _unclosed_bracket(lines: list[str], stop: int) -> tuple[int, int] | None:
    """(line, column) of the last [ or { still open at line ``stop`` (quotes and comments skipped)."""
    stack: list[tuple[int, int]] = []
    for index, text in enumerate(lines[: stop + 1]):
        quote = ""
        for column, char in enumerate(text):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'" and (column == 0 or text[column - 1] in " [{,:"):
                quote = char
            elif char == "#" and (column == 0 or text[column - 1] == " "):
                break
            elif char in "[{":
                stack.append((index, column))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _char(lines: list[str], line: int, column: int | None, default: str) -> str:
    """The character at (line, column) — the whole line when column is None — or ``default``."""
    if not 0 <= line < len(lines):
        return default
    if column is None:
        return lines[line]
    return lines[line][column] if 0 <= column < len(lines[line]) else default


def _starts_list_item(lines: list[str], index: int) -> bool:
    return 0 <= index < len(lines) and lines[index].lstrip().startswith("- ")
