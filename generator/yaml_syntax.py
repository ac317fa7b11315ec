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
from .i18n import _, language

# A key as plans write them (ASCII field names), then the slip.
_FULLWIDTH_COLON = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<colon>：)")
_NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<value>[^\s/].*)$")
_TAB_INDENT = re.compile(r"^ *\t")
_FLOW_OPENERS = {"[": "]", "{": "}"}
# A full-width space (U+3000) or no-break space (U+00A0, pasted from a web page or Word) where YAML
# needs a plain one: in the indentation of a key or list item, right after a key's colon or after
# the dash of a list item. Inside text (``text: 　　第一段``) they are data and never matched.
_WIDE_SPACES = "\u3000\u00a0"
_WIDE_INDENT = re.compile(
    rf"^[ {_WIDE_SPACES}]*[{_WIDE_SPACES}][ {_WIDE_SPACES}]*(?=-[ {_WIDE_SPACES}]|[A-Za-z_][A-Za-z0-9_]*\s*:)"
)
_WIDE_AFTER = re.compile(rf"^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*:|-)(?P<space>[{_WIDE_SPACES}])")
# A list item's dash without its space (``-heading: 甲``), or a full-width dash for it (``－ heading``).
_DASH_NO_SPACE = re.compile(r"^(?P<indent>\s*)-(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:")
_WIDE_DASH = re.compile(r"^(?P<indent>\s*)(?P<dash>[－—–‐−])\s*(?=[A-Za-z_][A-Za-z0-9_]*\s*:)")
_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?P<value>.*)$")


# libyaml's words for the slips PyYAML names otherwise (the marks are the same, but for an escape).
_LIBYAML_WORDS = (
    ("mapping values are not allowed in this context", "mapping values are not allowed here"),
    ("did not find expected '-' indicator", "expected <block end>, but found '<block mapping start>'"),
    ("did not find expected key", "expected <block end>, but found '<scalar>'"),
    ("found character that cannot start any token", "found character that cannot start any token"),
    ("did not find expected alphabetic or numeric character", "expected alphabetic or numeric character"),
    ("did not find expected comment or line break", "expected chomping or indentation indicators"),
    ("did not find expected whitespace or line break", "expected URI"),
)


def in_pyyaml_words(exc: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """libyaml's error said as PyYAML says it, so :func:`explain` reads either parser's."""
    problem, context = exc.problem or "", exc.context or ""
    for theirs, ours in _LIBYAML_WORDS:
        if problem.startswith(theirs):
            problem = ours
            break
    mark = exc.problem_mark
    if "unknown escape character" in problem and mark is not None:
        # libyaml marks the backslash, PyYAML the letter after it
        mark = yaml.Mark(mark.name, mark.index + 1, mark.line, mark.column + 1, None, None)
    if context == "while parsing a quoted scalar":
        context = "while scanning a quoted scalar"
    return yaml.MarkedYAMLError(context, exc.context_mark, problem, mark)


def explain(text: str, exc: yaml.MarkedYAMLError, name: str) -> Problem:
    """One problem for a YAML syntax error: its cause where it can be named, at its place."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    stop = mark.line if mark is not None else len(lines) - 1
    problem, context = exc.problem or "", exc.context or ""
    if "unknown escape character" in problem and mark is not None:
        # "C:\data" in double quotes: a backslash starts an escape in YAML's double quotes.
        return Problem(
            name,
            mark.line + 1,
            mark.column,
            _("a backslash `\\` in double quotes starts an escape YAML does not know"),
            _("write the text in single quotes ('…') or without quotes, or double the backslash"),
        )
    for finder in (_tab, _wide_space, _wide_dash, _dash_without_space, _fullwidth_colon, _missing_space):
        found = finder(lines, stop, name)
        if found is not None:
            return found
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
    found = _by_parser_problem(lines, exc, name, layout=False)  # `- heading: @x` is about the @
    if found is not None:
        return found
    if "found '-'" in problem or (mark is not None and _starts_list_item(lines, mark.line)):
        return Problem(
            name,
            line,
            col,
            _("a list item `- ` stands where a key is expected"),
            _("indent it exactly like the other items of its list, under the key the list belongs to"),
        )
    if "mapping values are not allowed" in problem:
        further = _indented_further(lines, mark.line, name) if mark is not None else None
        if further is not None:
            return further
        return Problem(
            name,
            line,
            col,
            _("a colon `:` inside a value"),
            _('put the whole value in quotes, e.g. title: "…：…"'),
        )
    found = _by_parser_problem(lines, exc, name)
    if found is not None:
        return found
    if language() == "en":
        what = problem or context or "invalid YAML"
        return Problem(
            name,
            line,
            col,
            _("YAML syntax: {what}").format(what=what),
            _("fix the indentation or quoting here"),
        )
    # The parser's own words are English jargon: in another language, say where and what to look at.
    return Problem(
        name,
        line,
        col,
        _("the YAML cannot be read from here"),
        _("check the indentation, the colons (`key: value`) and the quotes of this line and the one above"),
    )


def _by_parser_problem(
    lines: list[str], exc: yaml.MarkedYAMLError, name: str, *, layout: bool = True
) -> Problem | None:
    """The slips PyYAML names itself, in our words: a value starting with a YAML indicator, a tag,
    an alias without its anchor, a second document; with ``layout`` also text after a closing
    quote and a line out of line with the keys above (which a list item's own check precedes)."""
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    line, col = mark.line + 1, mark.column + 1
    text = _char(lines, mark.line, None, "")
    key_line = _KEY_LINE.match(text)
    key = key_line["key"] if key_line else "title"
    value = key_line["value"].strip() if key_line else ""
    quoted = _("put the whole value in quotes: `{fix}`").format(fix=f'{key}: "{value or "…"}"')
    if "mapping keys are not allowed" in problem:
        problem = "cannot start any token"  # `title: ? 重点`: the same slip as `title: @重点`
    if "cannot start any token" in problem or "expected alphabetic or numeric character" in problem:
        start = mark.column if "cannot start" in problem else mark.column - 1
        char = _char(lines, mark.line, start, "?")
        return Problem(
            name,
            line,
            start + 1,
            _("a value cannot begin with “{char}”: YAML reads it as syntax").format(char=char),
            quoted,
        )
    if "chomping or indentation indicators" in problem:
        char = _char(lines, mark.line, mark.column - 1, "|")
        return Problem(
            name,
            line,
            mark.column,
            _("a value cannot begin with “{char}”: YAML reads it as syntax").format(char=char),
            quoted,
        )
    if "expected URI" in problem or "constructor for the tag" in problem:
        tag = _TAG.search(value if key_line else text)
        if tag is not None:
            col = text.find(tag.group(0)) + 1
        return Problem(
            name,
            line,
            col,
            _("the YAML tag `{tag}` is not allowed in a plan").format(tag=tag.group(0) if tag else "!"),
            _("a plan holds only text, numbers, dates and lists: delete the tag"),
        )
    if "undefined alias" in problem:
        alias = _ALIAS.search(text[mark.column :])
        anchor = alias.group(1) if alias else ""
        return Problem(
            name,
            line,
            col,
            _("`*{anchor}` refers to an anchor `&{anchor}` that is not defined above").format(anchor=anchor),
            _("define `&{anchor}` before it, or put the text in quotes if the `*` is meant as text").format(
                anchor=anchor
            ),
        )
    if "another document" in problem or "<document start>" in problem:
        return Problem(
            name,
            line,
            col,
            _("a second YAML document begins here"),
            _("a plan file holds one plan: delete this line and all after it, or make it a file of its own"),
        )
    if not layout:
        return None
    if "expected <block end>" in problem:
        before = text[: mark.column].rstrip()
        if before.endswith(('"', "'", "]", "}")) and text[mark.column :].strip():
            # `title: "2025年"工作要点`, `title: [重点]工作`: a value that opens with a quote or a
            # bracket ends where they close.
            return Problem(
                name,
                line,
                col,
                _("text after the closing “{mark}”").format(mark=before[-1]),
                _("a value that begins with a quote or a bracket must be quoted as a whole: `{fix}`").format(
                    fix=f"{key}: '{value}'" if "'" not in value else f'{key}: "{value}"'
                ),
            )
        return Problem(
            name,
            line,
            col,
            _("this line does not line up with the keys above it"),
            _("indent each key as the other keys of its group, and each `- ` item as the other items"),
        )
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        start = exc.context_mark
        return Problem(
            name,
            start.line + 1,
            start.column + 1,
            _("this line is neither `key: value` nor a `- ` list item"),
            _("write `key: value` (a half-width colon and a space), or indent it as text of the line above"),
        )
    return None


_TAG = re.compile(r"!\S*")
_ALIAS = re.compile(r"\*([^\s,\[\]{}]*)")


def _wide_space(lines: list[str], stop: int, name: str) -> Problem | None:
    for index in range(min(stop, len(lines) - 1), -1, -1):
        text = lines[index]
        indent = _WIDE_INDENT.match(text)
        after = _WIDE_AFTER.match(text)
        if indent is None and after is None:
            continue
        column = (
            min(text.index(c) for c in _WIDE_SPACES if c in text[: indent.end()])
            if indent is not None
            else after.start("space")
        )
        char = text[column]
        what = _("a full-width space") if char == "\u3000" else _("a no-break space (U+00A0)")
        if indent is not None:
            message = _("{what} in the indentation").format(what=what)
        else:
            message = _("{what} after the colon or dash").format(what=what)
        return Problem(
            name,
            index + 1,
            column + 1,
            message,
            _("YAML needs plain half-width spaces there: delete it and type ordinary spaces"),
        )
    return None


def _wide_dash(lines: list[str], stop: int, name: str) -> Problem | None:
    for index in range(min(stop, len(lines) - 1), -1, -1):
        match = _WIDE_DASH.match(lines[index])
        if match:
            return Problem(
                name,
                index + 1,
                match.start("dash") + 1,
                _("the list item begins with `{dash}`, not the half-width `-`").format(dash=match["dash"]),
                _("a list item begins with a half-width `-` and a space: `- `"),
            )
    return None


def _dash_without_space(lines: list[str], stop: int, name: str) -> Problem | None:
    for index in range(min(stop, len(lines) - 1), -1, -1):
        match = _DASH_NO_SPACE.match(lines[index])
        if match:
            return Problem(
                name,
                index + 1,
                match.end("indent") + 1,
                _("no space after the `-` of a list item"),
                _("write a space after the dash: `{fix}`").format(fix=f"- {match['key']}:"),
            )
    return None


def _indented_further(lines: list[str], index: int, name: str) -> Problem | None:
    """``key:`` on a line indented further than the key above it, which has a value: YAML reads
    the line as more of that value's text and then stumbles on its colon."""
    this = _KEY_LINE.match(_char(lines, index, None, ""))
    if this is None or this["indent"].strip():
        return None
    above = index - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    previous = _KEY_LINE.match(_char(lines, above, None, ""))
    if previous is None or not previous["value"].strip() or len(this["indent"]) <= len(previous["indent"]):
        return None
    return Problem(
        name,
        index + 1,
        len(this["indent"]) + 1,
        _(
            "`{key}` is indented further than `{above}` on line {line}, so YAML reads it as more of that text"
        ).format(key=this["key"], above=previous["key"], line=above + 1),
        _("start `{key}:` in the same column as `{above}:`").format(key=this["key"], above=previous["key"]),
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
