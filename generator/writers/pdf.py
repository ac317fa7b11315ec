"""PDF writer: each document rendered to .docx, then ALL converted by one LibreOffice start.

LibreOffice's start-up costs seconds and a file a fraction of that, so a batch never starts it
more than needed (see :mod:`generator.soffice`). The page flow is measured on that first pass
(:mod:`generator.writers.flow`); the documents whose 正文 or 版记 must move are rendered again with
the fix and converted in a second batch. Outputs are written atomically: a failed conversion
leaves no partial PDF behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..check.pdf_measure import measure_pdf
from ..model import Document
from ..output import write_atomic
from ..view import build_view
from .flow import FlowFix, imprint_page, pages_to_measure, plan_fix


def layout_fixes(documents: list[Document], pdfs: list[Path]) -> list[FlowFix]:
    """What each first-pass PDF shows must change (``FlowFix()`` where nothing)."""
    fixes = []
    for document, pdf in zip(documents, pdfs, strict=True):
        view = build_view(document)
        measure = measure_pdf(pdf, pages_to_measure(pdf, view))
        fixes.append(plan_fix(measure, view, document.layout.duplex))
    return fixes


def render_pdf(
    pairs: list[tuple[Document, Path]],
    template: Path | None = None,
    *,
    inputs: list[Path] | None = None,
    numbering: str = "word",
    docx_targets: list[Path | None] | None = None,
) -> list[Path]:
    """Write ``document`` → ``path`` as PDF for every pair; returns the written paths.

    ``docx_targets`` (one per pair, or None) also receive the document as .docx, with the page
    flow the PDF's layout pass found (:meth:`FlowFix.for_word`).

    Raises :class:`generator.soffice.SofficeError` (or ``SofficeMissing``) when LibreOffice is
    absent or produces no PDF; no output is written then.
    """
    from ..soffice import convert_to_pdf
    from .docx import render_docx

    if not pairs:
        return []
    documents = [document for document, _ in pairs]
    with tempfile.TemporaryDirectory(prefix="workplan-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, document in enumerate(documents):
            # numbered names: two outputs called report.pdf in different folders must not collide
            source = folder / f"{index:05d}.docx"
            source.write_bytes(render_docx(build_view(document), template=template, numbering=numbering))
            sources.append(source)
        pdfs = convert_to_pdf(sources, folder / "pdf")
        fixes = layout_fixes(documents, pdfs)

        def convert_fixed(indexes: list[int], name: str) -> list[Path]:
            fixed = []
            for index in indexes:
                source = folder / name / f"{index:05d}.docx"
                source.parent.mkdir(exist_ok=True)
                view = build_view(documents[index])
                source.write_bytes(
                    render_docx(view, template=template, numbering=numbering, flow=fixes[index])
                )
                fixed.append(source)
            return convert_to_pdf(fixed, folder / f"{name}-pdf")

        # A split moves lines back to the page before, which can change the page count: where the
        # 版记 goes is decided again on the layout with the splits made (then a third pass if it moves).
        staged = [
            index
            for index, (fix, document) in enumerate(zip(fixes, documents, strict=True))
            if fix.splits and document.layout.duplex and build_view(document).notice.has_imprint
        ]
        done: set[int] = set()
        if staged:
            for index in staged:
                fixes[index] = fixes[index]._replace(imprint="")
            for index, pdf in zip(staged, convert_fixed(staged, "split"), strict=True):
                view = build_view(documents[index])
                imprint = imprint_page(measure_pdf(pdf, pages_to_measure(pdf, view)), view, True)
                fixes[index] = fixes[index]._replace(imprint=imprint)
                if not imprint:
                    pdfs[index] = pdf
                    done.add(index)
        again = [index for index, fix in enumerate(fixes) if fix.needed and index not in done]
        if again:
            for index, pdf in zip(again, convert_fixed(again, "fixed"), strict=True):
                pdfs[index] = pdf
        written = [
            write_atomic(target, pdf.read_bytes(), inputs=inputs or [])
            for (_, target), pdf in zip(pairs, pdfs, strict=True)
        ]
        for index, target in enumerate(docx_targets or []):
            if target is not None:
                view = build_view(documents[index])
                flow = fixes[index].for_word()
                data = render_docx(view, template=template, numbering=numbering, flow=flow)
                written.append(write_atomic(target, data, inputs=inputs or []))
        return written
