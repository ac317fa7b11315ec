"""Word/PDF speed figures (printed, never asserted).

1. docx render time per plan, all plans in one process (target ≤ 20 ms per document);
2. whole-process `workplan render seed.yaml -o x.docx` against `pandoc seed.md -o x.docx`
   (target ≤ 4×), when pandoc is installed;
3. PDF for the whole plans/ batch: one LibreOffice start vs one start per file.

Run: python benchmarks/bench_docx.py [--no-pdf]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.load import load_document  # noqa: E402
from generator.render import render  # noqa: E402
from generator.view import build_view  # noqa: E402
from generator.writers.docx import render_docx  # noqa: E402

PLANS = sorted((REPO / "plans").glob("*.yaml"))
ALL = PLANS + sorted((REPO / "examples").glob("*.yaml"))


def bench_render(rounds: int = 5) -> None:
    views = [build_view(load_document(p)) for p in ALL]
    start = time.perf_counter()
    render_docx(views[0])  # first render: template read, compiled, patched
    first = time.perf_counter() - start
    per_doc = []
    for _ in range(rounds):
        start = time.perf_counter()
        for view in views:
            render_docx(view)
        per_doc.append((time.perf_counter() - start) / len(views) * 1000)
    print(f"docx render: {len(views)} plans × {rounds} rounds, first render {first * 1000:.0f} ms")
    median, best = statistics.median(per_doc), min(per_doc)
    print(f"  per document: median {median:.1f} ms, best {best:.1f} ms (target ≤ 20 ms)")


def _best_of(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_process(tmp: Path) -> None:
    seed = PLANS[0] if PLANS else ALL[0]
    # the console script beside this interpreter: a pyenv shim on PATH would add ~100 ms of bash
    script = Path(sys.executable).with_name("workplan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]
    ours = _best_of([*command, "render", str(seed), "-o", str(tmp / "ours.docx"), "--force"])
    print(f"whole process: workplan render {seed.name} -o x.docx: {ours * 1000:.0f} ms (best of 5)")
    pandoc = shutil.which("pandoc")
    if not pandoc:
        print("  pandoc not installed — no ratio (apt-get install pandoc)")
        return
    markdown = tmp / f"{seed.stem}.md"
    markdown.write_text(str(render(load_document(seed), "md")), encoding="utf-8")
    theirs = _best_of([pandoc, str(markdown), "-o", str(tmp / "pandoc.docx")])
    print(f"  pandoc {markdown.name} -o x.docx: {theirs * 1000:.0f} ms")
    print(f"  ratio workplan / pandoc: {ours / theirs:.2f}× (target ≤ 4×)")


def bench_pdf(tmp: Path) -> None:
    from generator.soffice import SofficeMissing, convert_to_pdf

    sources = []
    for plan in PLANS:
        source = tmp / f"{plan.stem}.docx"
        source.write_bytes(render_docx(build_view(load_document(plan))))
        sources.append(source)
    try:
        start = time.perf_counter()
        convert_to_pdf(sources, tmp / "batch")
        batch = time.perf_counter() - start
    except SofficeMissing as exc:
        print(f"pdf: skipped — {exc}")
        return
    start = time.perf_counter()
    for source in sources:
        convert_to_pdf([source], tmp / "single")
    single = time.perf_counter() - start
    count = len(sources)
    print(f"pdf: {count} plans in one LibreOffice start {batch:.1f} s; one start per file {single:.1f} s")
    print(f"  ({batch / count:.2f} s vs {single / count:.2f} s per plan; {single / batch:.1f}× faster)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as folder:
        tmp = Path(folder)
        bench_render()
        bench_process(tmp)
        if "--no-pdf" not in sys.argv:
            bench_pdf(tmp)


if __name__ == "__main__":
    main()
