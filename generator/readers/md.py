"""Markdown → lines: the text reader, after Markdown's own syntax is undone, and the notice
fields of a YAML front matter.

Headings (`#`), emphasis (`**`) and rules (`---`) are dropped by ``lines.clean_text`` for every
text source, since extracted plain text carries them too (seed 000). What only Markdown has is
undone here, each line kept on its line number: the escaping of ASCII punctuation (``2\\.`` so
that a line is not read as a list item); a front matter (``---`` … ``---`` at the top, as
static-site generators and pandoc write it), whose keys (标题/title, 文号, 发布机构/发文机关,
成文日期, 主送 …) ``metadata.py`` maps to the notice; pipe tables (a 分工表), and HTML tables, as
tables; links and bracketed spans as their text, images as nothing; raw HTML tags (a page
converted to Markdown keeps its ``<span class=…>``) and pandoc's fenced-div fences (``::: {.body}``)
as nothing; HTML entities (``&nbsp;``) as their characters.
"""

from __future__ import annotations

import html
import re

from ..model import Table
from .defects import DefectLog
from .lines import Line, clean_text
from .txt import text_lines

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark §2.4: any ASCII punctuation
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)


_TAG_NAMES = (
    "a|abbr|article|aside|b|big|blockquote|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|"
    "figcaption|figure|font|footer|h[1-6]|header|hr|i|img|ins|li|main|mark|nav|ol|p|pre|s|section|"
    "small|span|strike|strong|sub|sup|u|ul|wbr"
)
_TAG = re.compile(rf"(?<!\\)</?(?:{_TAG_NAMES})\b[^<>]*?/?>", re.I | re.S)  # not an escaped \\<b\\>
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}:{3,}.*$", re.M)  # pandoc's fenced divs
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)(?:\{[^}\n]*\})?")  # [text](url "title")
_SPAN = re.compile(r"\[([^\]\n]*)\]\{[^}\n]*\}")  # pandoc's [text]{.class}
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)  # [1]: http://…
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>", re.I)
_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}\n]*\}[ \t]*$", re.M)  # pandoc's heading {#id .class}
_CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")
_WRAP_WIDTH = 40  # columns (an ideograph takes two): a line broken by a wrapping writer is long
_PIPE_ROW = re.compile(r"^\s*\|?.*\|.*$")
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def md_lines(text: str, defects: DefectLog) -> tuple[list[Line], dict[str, str]]:
    """The lines (numbered as in the file) and the front matter's fields, as text."""
    metadata: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        metadata = _front_matter(match["yaml"])
        if metadata or not match["yaml"].strip():
            # the front matter's lines stay as blank lines so that line numbers are the file's
            text = "\n" * match.group(0).count("\n") + text[match.end() :]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    tables: dict[int, Table] = {}  # line number of a table's first line → the table
    text = _HTML_TABLE.sub(lambda m: _html_table(m, text, tables), text)
    rows = text.split("\n")
    for start, end in _pipe_tables(rows):
        tables[start + 1] = _pipe_table(rows[start:end])
        rows[start:end] = [""] * (end - start)
    text = _plain("\n".join(_unwrapped(rows)))  # pandoc wraps its source lines, markup and all
    lines = text_lines(_ESCAPE.sub(r"\1", text), defects)
    return [
        Line(line.no, "", table=tables[line.no]) if line.no in tables else line for line in lines
    ], metadata


def _plain(text: str) -> str:
    """The text with Markdown's links, images and spans, raw HTML and fences undone; every line
    where it was (a tag over two lines leaves an empty line)."""

    def gone(match: re.Match[str]) -> str:
        return "\0" * match.group(0).count("\n")  # the line breaks it held, moved below its line

    text = _COMMENT.sub(gone, text)
    text = _FENCE.sub("", text)
    text = _REFERENCE.sub("", text)
    text = _IMAGE.sub("", text)
    for _ in range(4):  # spans in spans: [[（一）]{.label}继续推进….]{.run-in}, innermost first
        undone = _SPAN.sub(r"\1", _LINK.sub(r"\1", text))
        if undone == text:
            break
        text = undone
    text = _AUTOLINK.sub("", text)
    text = _TAG.sub(gone, text)
    text = _ATTRIBUTES.sub("", text)
    text = html.unescape(text) if "&" in text else text
    rows: list[str] = []
    for row in text.split("\n"):
        rows.append(row.replace("\0", ""))
        rows.extend([""] * row.count("\0"))
    return "\n".join(_quotes(row) for row in rows)


def _unwrapped(rows: list[str]) -> list[str]:
    """A paragraph a writer wrapped at a space (pandoc wraps at 72 columns): a long line whose
    break falls beside a Latin letter or a digit (``HIS 与 LIS`` / ``系统``) goes on with the next;
    the next line's place stays, empty. Chinese text has no spaces to wrap at elsewhere, so a
    clerk's Markdown of one paragraph a line is never joined."""
    out = list(rows)
    for k in range(len(out) - 1):
        line, after = out[k].rstrip(), out[k + 1].lstrip()
        if (
            after
            and _columns(line) >= _WRAP_WIDTH
            and ((line[-1].isascii() and line[-1].isalnum()) or (after[0].isascii() and after[0].isalnum()))
            and not _BLOCK_START.match(out[k + 1])
        ):
            out[k], out[k + 1] = f"{line} {after}", ""
    return out


def _columns(text: str) -> int:
    return sum(2 if _CJK.match(c) else 1 for c in text)


_EM_DASHES = re.compile(r"(?<=[^\s-])(?:---)+(?=[^\s-])")


def _quotes(row: str) -> str:
    """Straight double quotes and ``---`` in Chinese text (pandoc's "smart" Markdown writes “…”
    as "…" and —— as ------) as the full-width marks they stand for."""
    if "---" in row and _CJK.search(row):
        row = _EM_DASHES.sub(lambda m: "—" * (len(m.group(0)) // 3), row)
    if '"' not in row or not _CJK.search(row) or row.count('"') % 2:
        return row
    parts = row.split('"')
    return "".join(part + ("“" if k % 2 == 0 else "”") for k, part in enumerate(parts[:-1])) + parts[-1]


def _pipe_tables(rows: list[str]) -> list[tuple[int, int]]:
    """(first, past the last) row index of each pipe table: a header row, the delimiter row under
    it, and the rows that follow with a pipe in them."""
    out = []
    k = 0
    while k + 1 < len(rows):
        if "|" in rows[k] and _DELIMITER_ROW.match(rows[k + 1]) and "-" in rows[k + 1]:
            end = k + 2
            while end < len(rows) and rows[end].strip() and _PIPE_ROW.match(rows[end]):
                end += 1
            out.append((k, end))
            k = end
        else:
            k += 1
    return out


def _pipe_table(rows: list[str]) -> Table:
    cells = [_cells(row) for k, row in enumerate(rows) if k != 1]  # the delimiter row is no row
    width = max(len(row) for row in cells)
    return Table(rows=[row + [""] * (width - len(row)) for row in cells])


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    parts = re.split(r"(?<!\\)\|", row)
    out = []
    for part in parts:
        part = _BREAK_TAG.sub("\n", part.replace("\\|", "|"))
        part = _ESCAPE.sub(r"\1", _plain(part))
        out.append("\n".join(clean_text(p) for p in part.split("\n")).strip())
    return out


def _html_table(match: re.Match[str], text: str, tables: dict[int, Table]) -> str:
    """An HTML table in the Markdown (pandoc writes one for a table pipes cannot hold): read as
    the HTML reader reads one, kept at its first line, its lines left blank."""
    import lxml.html

    from .html import _table

    source = match.group(0)
    line = text.count("\n", 0, match.start()) + 1
    try:
        element = lxml.html.fragment_fromstring(source)
    except Exception:  # not a table lxml can read: its cells' text stays as lines
        return source
    found = [entry for entry in _table(element) if entry.table is not None]
    if not found:
        return source
    tables[line] = found[0].table
    return "\n" * source.count("\n")


def _front_matter(source: str) -> dict[str, str]:
    """The mapping's scalar and list values as text (a list joined with newlines); not a
    mapping (a '---' rule over a paragraph, bad YAML): nothing."""
    import yaml

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            out[str(key)] = "\n".join(str(v) for v in value if v is not None)
        elif value is not None and not isinstance(value, dict):
            out[str(key)] = str(value)
    return out
