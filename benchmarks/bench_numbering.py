"""What Word's own list numbering costs the docx writer (printed, never asserted).

Per-document docx render of every plan of plans/ and examples/ in one process, headings numbered
by Word's lists (``--numbering word``, the default) against typed labels (``--numbering text``,
the writer before list numbering), best of N rounds (the machine is shared: the best round is the
least disturbed one); and how many lists the plans need.

Run: python benchmarks/bench_numbering.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.list_numbering import assign_lists  # noqa: E402
from generator.load import load_document  # noqa: E402
from generator.view import build_view  # noqa: E402
from generator.writers.docx import render_docx  # noqa: E402

ALL = sorted((REPO / "plans").glob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))


def main(rounds: int = 15) -> None:
    views = [build_view(load_document(p)) for p in ALL]
    results = {}
    for mode in ("text", "word", "text", "word"):  # interleaved: a load spike hits both
        for view in views:
            render_docx(view, numbering=mode)
        best = min(_round(views, mode) for _ in range(rounds))
        results[mode] = min(results.get(mode, best), best)
    for mode, best in results.items():
        print(f"docx render, --numbering {mode}: {best * 1000:.2f} ms per document (best of {rounds} rounds)")
    print(f"  Word numbering costs {(results['word'] - results['text']) * 1000:+.2f} ms per document")
    for path, view in zip(ALL, views, strict=True):
        lists = assign_lists(view.plan.outline, view.document.plan.numbering)
        print(f"  {path.stem}: {len(lists.refs)} numbered headings in {len(lists.lists)} Word list(s)")


def _round(views: list, mode: str) -> float:
    start = time.perf_counter()
    for view in views:
        render_docx(view, numbering=mode)
    return (time.perf_counter() - start) / len(views)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
