"""How fast `workplan import` reads a document, in-process, per corpus file.

Target (issue 4): ≤ 50 ms for 30 KB of text. Each file is imported once to warm up (imports,
regex compilation), then timed over repeated runs; the median is reported with the file's size,
and the ms per 30 KB so files of different sizes compare. A .docx of each seed's plan, as the
Word writer makes it, is timed too.

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


if __name__ == "__main__":
    main()
