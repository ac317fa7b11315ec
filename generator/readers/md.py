"""Markdown → lines: the text reader, after undoing Markdown's backslash escapes, and the notice
fields of a YAML front matter.

Headings (`#`), emphasis (`**`) and rules (`---`) are dropped by ``lines.clean_text`` for every
text source, since extracted plain text carries them too (seed 000); what only Markdown has is
the escaping of ASCII punctuation (``2\\.`` so that a line is not read as a list item) and a
front matter (``---`` … ``---`` at the top, as static-site generators and pandoc write it), whose
keys (标题/title, 文号, 发布机构/发文机关, 成文日期, 主送 …) ``metadata.py`` maps to the notice.
"""

from __future__ import annotations

import re

from .defects import DefectLog
from .lines import Line
from .txt import text_lines

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark §2.4: any ASCII punctuation
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)


def md_lines(text: str, defects: DefectLog) -> tuple[list[Line], dict[str, str]]:
    """The lines (numbered as in the file) and the front matter's fields, as text."""
    metadata: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        metadata = _front_matter(match["yaml"])
        if metadata or not match["yaml"].strip():
            # the front matter's lines stay as blank lines so that line numbers are the file's
            text = "\n" * match.group(0).count("\n") + text[match.end() :]
    return text_lines(_ESCAPE.sub(r"\1", text), defects), metadata


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
