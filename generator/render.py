"""Render a document to a format chosen by file suffix; batch rendering of many plans.

Heavy writers (docx, pdf) are imported lazily so that `workplan render x.txt` starts fast.
"""

from __future__ import annotations

from pathlib import Path

from .model import Document
from .view import build_view

TEXT_FORMATS = ("txt", "md", "html")
BINARY_FORMATS = ("docx", "pdf")
FORMATS = TEXT_FORMATS + BINARY_FORMATS


class FormatError(ValueError):
    """An output format this tool does not write."""


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "markdown":
        suffix = "md"
    if suffix == "htm":
        suffix = "html"
    if suffix not in FORMATS:
        raise FormatError(
            f"{path}: unknown output format {suffix or '(no suffix)'!r} — use one of "
            + ", ".join(f".{f}" for f in FORMATS)
        )
    return suffix


def render(document: Document, fmt: str, *, template: Path | None = None) -> str | bytes:
    """``document`` in ``fmt`` (txt, md, html → str; docx → bytes). PDF goes through
    :func:`generator.writers.pdf.convert` because it needs a file on disk."""
    view = build_view(document)
    if fmt in TEXT_FORMATS:
        from .writers.text import render_text

        return render_text(view, fmt)
    if fmt == "docx":
        from .writers.docx import render_docx

        return render_docx(view, template=template)
    raise FormatError(f"unknown output format {fmt!r}")
