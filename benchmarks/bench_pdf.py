"""PDF through LibreOffice: the whole plans/ + examples/ batch in ONE LibreOffice start against one
start per file, and the layout check's own time (measuring the PDFs, no conversion).

Issue 3 asks for the batch figure against one start per file. Each run uses a private profile,
so the first start of each run pays LibreOffice's profile creation — as a user's run does.

Run: python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from generator.check.layout import check_pdf
from generator.load import load_document
from generator.render import render
from generator.soffice import convert_to_pdf

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    plans = sorted((REPO / "plans").glob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        docx = []
        for plan in plans:
            target = folder / f"{plan.stem}.docx"
            target.write_bytes(render(load_document(plan), "docx"))  # type: ignore[arg-type]
            docx.append(target)

        start = time.perf_counter()
        pdfs = convert_to_pdf(docx, folder / "batch")
        batch = time.perf_counter() - start

        start = time.perf_counter()
        for path in docx:
            convert_to_pdf([path], folder / "single")
        single = time.perf_counter() - start

        start = time.perf_counter()
        reports = [check_pdf(pdf) for pdf in pdfs]
        measuring = time.perf_counter() - start

    n = len(docx)
    print(f"{n} plans → PDF")
    print(f"  one LibreOffice start for the batch: {batch:6.2f} s ({batch / n:.2f} s per plan)")
    print(f"  one LibreOffice start per plan:      {single:6.2f} s ({single / n:.2f} s per plan)")
    print(f"  batch speed-up:                      {single / batch:6.2f} ×")
    per_pdf = measuring / n * 1000
    print(f"  layout check, measuring {n} PDFs:    {measuring:6.2f} s ({per_pdf:.0f} ms per PDF)")
    print(f"  passing the check: {sum(r.passed for r in reports)} of {n}")


if __name__ == "__main__":
    main()
