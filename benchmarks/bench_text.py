"""In-process time to load, number and render each plan to .txt and .html (and .md).

Run: ``python benchmarks/bench_text.py [--runs N]``. Prints a table of medians in milliseconds for
every plan in plans/ and examples/, and for a generated plan of 2,000 items (20 sections of 100
items, each with a paragraph), written to a temporary YAML file so that loading is measured too.
Figures only — nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.load import load_document  # noqa: E402
from generator.model import Document, Node, Notice, Plan  # noqa: E402
from generator.model_tools import to_data  # noqa: E402
from generator.numbering import number_plan  # noqa: E402
from generator.view import build_view  # noqa: E402
from generator.writers.text import environment, render_text  # noqa: E402


def generated_plan(sections: int = 20, items_per_section: int = 100) -> Document:
    """A plan the size of a large ministry's: continuous （一）… numbering across sections."""
    body = "加强统筹协调，细化工作措施，明确责任分工，确保各项任务按时保质完成。" * 2
    plan = Plan(
        title="2025年某市卫生健康工作要点（基准测试）",
        year=2025,
        preamble=["2025年，全市卫生健康工作要坚持以人民健康为中心。"],
        sections=[
            Node(
                heading=f"第{s + 1}方面重点工作",
                items=[
                    Node(heading=f"推进第{s * items_per_section + i + 1}项任务。", text=[body])
                    for i in range(items_per_section)
                ],
            )
            for s in range(sections)
        ],
        numbering={"continuous": [2]},
    )
    notice = Notice(
        issuers=["某市卫生健康委员会"],
        doc_number={"prefix": "某卫发", "year": 2025, "serial": 1},
        recipients=["各区卫生健康局", "委属各单位"],
        body=["现将《2025年某市卫生健康工作要点》印发给你们，请认真贯彻落实。"],
        signatories=["某市卫生健康委员会"],
        date="2025-01-20",
    )
    return Document(notice=notice, plan=plan)


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(path: Path, runs: int) -> dict[str, float | int | str]:
    document = load_document(path)
    view = build_view(document)
    return {
        "plan": path.stem,
        "items": len(document.plan.nodes()),
        "load": median_ms(lambda: load_document(path), runs),
        "number": median_ms(lambda: number_plan(document.plan), runs),
        "view": median_ms(lambda: build_view(document), runs),
        "txt": median_ms(lambda: render_text(view, "txt"), runs),
        "md": median_ms(lambda: render_text(view, "md"), runs),
        "html": median_ms(lambda: render_text(view, "html"), runs),
        "load+txt+html": median_ms(lambda: _load_and_render(path), runs),
    }


def _load_and_render(path: Path) -> None:
    view = build_view(load_document(path))
    render_text(view, "txt")
    render_text(view, "html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median reported)")
    args = parser.parse_args()

    start = time.perf_counter()
    for name in ("plan.txt.j2", "plan.md.j2", "plan.html.j2"):
        environment().get_template(name)
    compile_ms = (time.perf_counter() - start) * 1000

    plans = sorted((REPO / "plans").glob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))
    rows = [measure(p, args.runs) for p in plans]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "generated-2000.yaml"
        data = to_data(generated_plan(), json=True, exclude_defaults=True)
        big.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        rows.append(measure(big, max(3, args.runs // 2)))

    columns = ["plan", "items", "load", "number", "view", "txt", "md", "html", "load+txt+html"]
    widths = [max(len(c), *(len(_cell(r[c])) for r in rows)) for c in columns]
    big_runs = max(3, args.runs // 2)
    print(
        f"median of {args.runs} runs ({big_runs} for the generated plan), ms; Python {sys.version.split()[0]}"
    )
    print(f"template compile (once per process, not in the table): {compile_ms:.1f} ms")
    print(_line(columns, widths))
    for row in rows:
        print(_line([_cell(row[c]) for c in columns], widths))


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(cells, widths, strict=True))
    )


def _cell(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


if __name__ == "__main__":
    main()
