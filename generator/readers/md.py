"""Markdown → lines: the text reader, after undoing Markdown's backslash escapes.

Headings (`#`), emphasis (`**`) and rules (`---`) are dropped by ``lines.clean_text`` for every
text source, since extracted plain text carries them too (seed 000); what only Markdown has is
the escaping of ASCII punctuation (``2\\.`` so that a line is not read as a list item).
"""

from __future__ import annotations

import re

from .defects import DefectLog
from .lines import Line
from .txt import text_lines

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark §2.4: any ASCII punctuation


def md_lines(text: str, defects: DefectLog) -> list[Line]:
    return text_lines(_ESCAPE.sub(r"\1", text), defects)
