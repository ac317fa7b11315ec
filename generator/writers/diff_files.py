"""A diff as a file: json (the change list), html (side by side), docx (tracked changes).

Here rather than in :mod:`generator.diff` so that the comparison never imports its writers (the
writers import the comparison's result types).
"""

from __future__ import annotations

from pathlib import Path

from ..diff import DiffResult

DIFF_FORMATS = ("json", "html", "docx")


def render_diff(
    result: DiffResult, fmt: str, *, author: str = "workplan", template: Path | None = None
) -> str | bytes:
    """The diff in ``fmt`` (one of :data:`DIFF_FORMATS`); docx revisions carry ``author`` and use
    the agency's Word ``template`` when given."""
    if fmt == "json":
        return result.to_json()
    if fmt == "html":
        from .diff_html import render_diff_html

        return render_diff_html(result)
    if fmt == "docx":
        from .diff_docx import render_diff_docx

        return render_diff_docx(result, author=author, template=template)
    raise ValueError(f"diff writes {', '.join(DIFF_FORMATS)}, not {fmt!r}")
