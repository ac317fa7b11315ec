"""PDF writer: each document rendered to .docx, then ALL converted by one LibreOffice start.

LibreOffice's start-up costs seconds and a file a fraction of that, so a batch never starts it
twice (see :mod:`generator.soffice`). Outputs are written atomically: a failed conversion leaves
no partial PDF behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..model import Document
from ..output import write_atomic
from ..view import build_view


def render_pdf(
    pairs: list[tuple[Document, Path]],
    template: Path | None = None,
    *,
    inputs: list[Path] | None = None,
    numbering: str = "word",
) -> list[Path]:
    """Write ``document`` → ``path`` as PDF for every pair; returns the written paths.

    Raises :class:`generator.soffice.SofficeError` (or ``SofficeMissing``) when LibreOffice is
    absent or produces no PDF; no output is written then.
    """
    from ..soffice import convert_to_pdf
    from .docx import render_docx

    if not pairs:
        return []
    with tempfile.TemporaryDirectory(prefix="workplan-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, (document, _) in enumerate(pairs):
            # numbered names: two outputs called report.pdf in different folders must not collide
            source = folder / f"{index:05d}.docx"
            source.write_bytes(render_docx(build_view(document), template=template, numbering=numbering))
            sources.append(source)
        pdfs = convert_to_pdf(sources, folder / "pdf")
        return [
            write_atomic(target, pdf.read_bytes(), inputs=inputs or [])
            for (_, target), pdf in zip(pairs, pdfs, strict=True)
        ]
