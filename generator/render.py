"""Render a document: to a string or bytes (:func:`render`), or to files whose suffix names the
format (:func:`render_to_file`, :func:`render_files` — the one place PDF is dispatched).

Heavy writers (docx, pdf) are imported lazily so that `workplan render x.txt` starts fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .i18n import _
from .model import Document
from .output import check_target, write_atomic
from .view import build_view

TEXT_FORMATS = ("txt", "md", "html")
BINARY_FORMATS = ("docx", "pdf")
FORMATS = TEXT_FORMATS + BINARY_FORMATS


class FormatError(ValueError):
    """An output format this tool does not write."""


def format_of(path: str | Path) -> str:
    """The format a file name asks for: its suffix (.markdown → md, .htm → html)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "markdown":
        suffix = "md"
    if suffix == "htm":
        suffix = "html"
    if suffix not in FORMATS:
        raise FormatError(
            _("{path}: unknown output format {format} — use one of {formats}").format(
                path=path,
                format=repr(suffix) if suffix else _("(no suffix)"),
                formats=", ".join(f".{f}" for f in FORMATS),
            )
        )
    return suffix


def render(
    document: Document, fmt: str, *, template: Path | None = None, numbering: str = "word"
) -> str | bytes:
    """``document`` in ``fmt`` (txt, md, html → str; docx → bytes). PDF is made by LibreOffice from
    a file on disk, so it is written by :func:`render_to_file` instead. ``numbering`` (docx): the
    headings numbered by Word's own lists (``word``) or with typed labels (``text``)."""
    view = build_view(document)
    if fmt in TEXT_FORMATS:
        from .writers.text import render_text

        return render_text(view, fmt)
    if fmt == "docx":
        from .writers.docx import render_docx

        return render_docx(view, template=template, numbering=numbering)
    if fmt == "pdf":
        raise FormatError("PDF is written to a file — use render_to_file")  # a caller's bug
    raise FormatError(
        _("unknown output format {format} — use one of {formats}").format(
            format=repr(fmt), formats=", ".join(FORMATS)
        )
    )


def render_to_file(
    document: Document,
    path: str | Path,
    *,
    template: Path | None = None,
    inputs: Iterable[str | Path] = (),
    option: str = "-o",
    numbering: str = "word",
) -> Path:
    """Write ``document`` to ``path`` in the format of its suffix (see :func:`render_files`)."""
    refuse_unused_template(template, [format_of(path)])
    return render_files(
        [(document, Path(path))], template=template, inputs=inputs, option=option, numbering=numbering
    )[0]


def refuse_unused_template(template: Path | None, formats: Iterable[str]) -> None:
    """An agency template shapes the Word file (and the PDF made from it) only: given for text
    formats alone it would be ignored, and the clerk would wonder where the agency's look went."""
    formats = list(formats)
    if template is not None and not {"docx", "pdf"} & set(formats):
        raise FormatError(
            _(
                "--template shapes .docx and .pdf only, not .{formats} — drop --template or write a .docx"
            ).format(formats=", .".join(formats))
        )


def render_files(
    jobs: Sequence[tuple[Document, Path]],
    *,
    template: Path | None = None,
    inputs: Iterable[str | Path] = (),
    option: str = "-o",
    numbering: str = "word",
) -> list[Path]:
    """Write each ``(document, path)``, the format from the path's suffix; the written paths.

    Every target is checked, and every non-PDF output rendered in memory, before the first file is
    written: a bad target or a failing writer leaves no file behind. PDFs are made last, all by ONE
    LibreOffice start (it costs seconds, each further document a fraction of that) plus one for the
    documents whose page flow the first pass showed must change; when that fails the other formats
    are already written. A document's .docx, when its PDF is made too, comes with the PDF.
    Raises :class:`FormatError`, :class:`generator.output.OutputError`,
    :class:`generator.errors.InputError` (a bad template) or :class:`generator.soffice.SofficeError`.
    """
    inputs = list(inputs)
    for _document, path in jobs:
        check_target(path, inputs=inputs, option=option)
    planned = [(document, Path(path), format_of(path)) for document, path in jobs]
    # A document rendered to PDF too gets its .docx from the PDF's layout pass, so both have the
    # same page flow (writers/flow.py); the others are rendered here, before anything is written.
    with_pdf = {id(document) for document, _, fmt in planned if fmt == "pdf"}
    companions = {
        id(document): path for document, path, fmt in planned if fmt == "docx" and id(document) in with_pdf
    }
    rendered = [
        (path, render(document, fmt, template=template, numbering=numbering))
        for document, path, fmt in planned
        if fmt != "pdf" and not (fmt == "docx" and id(document) in companions)
    ]
    written = [write_atomic(path, data, inputs=inputs, option=option) for path, data in rendered]
    pdfs = [(document, path) for document, path, fmt in planned if fmt == "pdf"]
    if pdfs:
        from .writers.pdf import render_pdf

        docx = [companions.get(id(document)) for document, _ in pdfs]
        written.extend(
            render_pdf(pdfs, template=template, inputs=inputs, numbering=numbering, docx_targets=docx)
        )
    return written
