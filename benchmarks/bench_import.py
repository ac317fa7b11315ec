"""How fast `workplan import` reads a document, in-process, per corpus file.

Target (issue 4): ≤ 50 ms for 30 KB of text. Each file is imported once to warm up (imports,
regex compilation), then timed over repeated runs; the median is reported with the file's size,
and the ms per 30 KB so files of different sizes compare. A .docx of each seed's plan, as the
Word writer makes it, is timed too.

Per format (issue 10): one ~30 KB document — a plan of plans/ grown to 30 KB of text — in
every format the importer reads, timed in-process (target ≤ 50 ms for the text formats and
.html, ≤ 300 ms for .pdf); .doc/.rtf/.odt go through LibreOffice, whose conversion is timed
apart from the reading of its .docx. Then the real corpus files of those formats.

Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.model_tools import deep_copy  # noqa: E402
from generator.readers import import_file  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
TARGET_MS_PER_30KB = 50.0
RUNS = 15


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "external").glob("*.txt"))
    print(f"{'file':44} {'KB':>6} {'ms':>7} {'ms/30KB':>8}")
    worst = 0.0
    for path in files:
        size = path.stat().st_size / 1024
        ms = median_ms(lambda p=path: import_file(p))
        per = ms * 30 / size
        worst = max(worst, per)
        print(f"{path.name[:44]:44} {size:6.1f} {ms:7.2f} {per:8.2f}")
    with tempfile.TemporaryDirectory() as folder:
        from generator.load import load_document
        from generator.render import render

        for plan in sorted((REPO / "plans").glob("*.yaml")):
            target = Path(folder) / (plan.stem + ".docx")
            target.write_bytes(render(load_document(plan), "docx"))  # type: ignore[arg-type]
            size = target.stat().st_size / 1024
            ms = median_ms(lambda p=target: import_file(p), runs=5)
            print(f"{target.name[:44]:44} {size:6.1f} {ms:7.2f} {'(docx)':>8}")
    verdict = "within" if worst <= TARGET_MS_PER_30KB else "OVER"
    print(f"worst text import: {worst:.2f} ms per 30 KB — {verdict} the {TARGET_MS_PER_30KB:.0f} ms target")
    formats()


TARGET_PDF_MS = 300.0


def _thirty_kb_plan() -> object:
    """The longest plan of plans/, its sections repeated one by one until its text is 30 KB."""
    from generator.load import load_document
    from generator.render import render

    plans = [load_document(p) for p in sorted((REPO / "plans").glob("*.yaml"))]
    document = max(plans, key=lambda d: len(str(render(d, "txt")).encode()))
    sections = list(document.plan.sections)
    k = 0
    while len(str(render(document, "txt")).encode()) < 30 * 1024:
        document.plan.sections.append(deep_copy(sections[k % len(sections)]))
        k += 1
    return document


def formats() -> None:
    from generator.readers.defects import DefectLog
    from generator.readers.docx import docx_lines
    from generator.readers.legacy import convert_to_docx
    from generator.render import render
    from generator.soffice import convert_to_pdf

    document = _thirty_kb_plan()
    print()
    print(f"{'format (one ~30 KB plan)':32} {'KB':>6} {'import ms':>10} {'LibreOffice s':>14}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files: dict[str, Path] = {}
        for fmt in ("txt", "md", "html", "docx"):
            files[fmt] = folder / f"plan.{fmt}"
            data = render(document, fmt)  # type: ignore[arg-type]
            if isinstance(data, str):
                files[fmt].write_text(data, encoding="utf-8")
            else:
                files[fmt].write_bytes(data)
        (files["pdf"],) = convert_to_pdf([files["docx"]], folder)
        for fmt in ("doc", "rtf", "odt"):
            (files[fmt],) = convert_to_pdf([files["docx"]], folder / fmt, to=fmt)
        for fmt in ("txt", "md", "html", "docx", "pdf"):
            path = files[fmt]
            ms = median_ms(lambda p=path: import_file(p), runs=5 if fmt == "pdf" else RUNS)
            target = TARGET_PDF_MS if fmt == "pdf" else TARGET_MS_PER_30KB
            flag = "" if ms <= target or fmt == "docx" else "  OVER target"
            print(f"{fmt:32} {path.stat().st_size / 1024:6.1f} {ms:10.1f} {'':>14}{flag}")
        kinds = {"doc": "doc", "rtf": "rtf", "odt": "odt"}
        for fmt, kind in kinds.items():
            path = files[fmt]
            work = folder / f"convert-{fmt}"
            work.mkdir()
            converted = convert_to_docx(path, kind, work)
            read = median_ms(lambda p=converted.docx: docx_lines(p, DefectLog()), runs=5)
            total = median_ms(lambda p=path: import_file(p), runs=1)
            print(
                f"{fmt + ' (read its .docx / whole)':32} {path.stat().st_size / 1024:6.1f} "
                f"{read:5.1f}/{total:4.0f} {converted.seconds:14.2f}"
            )
    real = CORPUS / "real"
    print()
    print(f"{'real corpus file':44} {'KB':>6} {'import ms':>10} {'LibreOffice s':>14}")
    for path in sorted(real.glob("*.html")) + sorted(real.glob("*.pdf")):
        ms = median_ms(lambda p=path: import_file(p), runs=5)
        print(f"{path.name[:44]:44} {path.stat().st_size / 1024:6.1f} {ms:10.1f}")
    for path in sorted(real.glob("*.doc")):
        with tempfile.TemporaryDirectory() as name:
            converted = convert_to_docx(path, "doc", Path(name))
            ms = median_ms(lambda p=converted.docx: docx_lines(p, DefectLog()), runs=3)
        print(f"{path.name[:44]:44} {path.stat().st_size / 1024:6.1f} {ms:10.1f} {converted.seconds:14.2f}")


if __name__ == "__main__":
    main()
