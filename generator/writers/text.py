"""Text writers: plain text, Markdown and HTML from the Jinja templates ``templates/plan.*.j2``.

The templates receive the :class:`~generator.view.DocumentView` and print its strings; they never
count, format a date or decide a label. Plan text reaches them only as variables, so ``{{ x }}``
or ``{% if %}`` written in a plan is printed, never evaluated; HTML is autoescaped and Markdown
goes through :func:`md_escape`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jinja2

from ..resources import templates_dir
from ..view import DocumentView

TEMPLATES = {"txt": "plan.txt.j2", "md": "plan.md.j2", "html": "plan.html.j2"}

# ASCII punctuation that Markdown (CommonMark, GFM tables/strikethrough, pandoc math and
# super/subscript) reads as markup anywhere in a line; a backslash makes each one literal.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~#$^!])")
# At the start of a line: list bullets, block quotes, setext underlines, pandoc definition lists
# and example/fancy lists such as "(1)" or "a." — and ordered list markers "1." / "1)".
_MD_LINE_START = re.compile(r"^([-+=:(])")
_MD_ORDERED = re.compile(r"^([0-9]{1,9}|[A-Za-z]{1,4})([.)])")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as Markdown that reads back as exactly ``text``. Blanks that open a line are
    dropped (Markdown would drop them or make a code block); ``line_start=False`` for text that
    continues a line already begun."""
    lines = []
    for number, line in enumerate(str(text).split("\n")):
        if number == 0 and not line_start:
            lines.append(_MD_INLINE.sub(r"\\\1", line))
            continue
        line = _MD_INLINE.sub(r"\\\1", line.lstrip(" \t"))
        line = _MD_LINE_START.sub(r"\\\1", line)
        line = _MD_ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def md_inline(text: str) -> str:
    """``text`` escaped for the middle of a line (after a bold run-in heading)."""
    return md_escape(text, line_start=False)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or unicodedata.category(char).startswith("S")


def md_strong(text: str) -> str:
    """``text`` (at the start of a paragraph) in bold, trailing punctuation outside the ``**``.

    CommonMark does not close ``**`` after punctuation when a letter follows
    (``**（一）能力。**规范`` stays literal), which is how every run-in heading ends; the
    full-width 。 outside the markers keeps the bold intact and the text unchanged.
    """
    text = str(text)
    end = len(text)
    while end > 0 and (_is_punctuation(text[end - 1]) or text[end - 1].isspace()):
        end -= 1
    if not text[:end].strip():
        return md_escape(text)
    return f"**{md_escape(text[:end])}**{md_inline(text[end:])}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment of the text writers, built once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_strong"] = md_strong
    env.filters["md_inline"] = md_inline
    return env


def render_text(view: DocumentView, fmt: str) -> str:
    """The document in ``fmt`` (txt, md or html) as one string ending in a newline."""
    try:
        name = TEMPLATES[fmt]
    except KeyError:
        raise ValueError(f"no text template for format {fmt!r}") from None
    rows = seal_slots(view) if fmt == "html" else None
    text = (
        environment().get_template(name).render(view=view, notice=view.notice, plan=view.plan, seal_rows=rows)
    )
    return text.rstrip("\n") + "\n"


def seal_slots(view: DocumentView) -> list[list[tuple[str, str, str]]] | None:
    """The 署名 of a sealed joint notice in their rows, as the .docx sets them (writers/seal_rows.py):
    per row, each name with its slot's left edge and width in mm of the 版心 — a slot cut short by
    the 版心's edge narrowed to stand on its centre; None when they stand one a line."""
    notice = view.notice
    if not notice.sealed or len(notice.signatories) < 2:
        return None
    from ..ooxml import TWIPS_PER_MM
    from .seal_rows import seal_rows

    rows = seal_rows(notice.signatories, notice.date)
    if rows is None:
        return None
    slots = []
    for slot in rows.slots:
        half = min(slot.centre - slot.left, slot.right - slot.centre)
        slots.append((f"{(slot.centre - half) / TWIPS_PER_MM:.1f}", f"{2 * half / TWIPS_PER_MM:.1f}"))
    return [[(name, *slot) for name, slot in zip(row, slots, strict=True) if name] for row in rows.rows]
