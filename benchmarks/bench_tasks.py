"""督办台账 and 分工表 figures for a big plan (printed, never asserted).

A synthetic plan of 2,000 tasks (40 sections × 50 items, every item with 牵头单位, 责任单位,
完成时限 and 指标): the ledger written as .xlsx, .csv and .json (time and file size), read back, and
``--update`` with every status changed; the 分工表's rows and its .docx render.

Run: python benchmarks/bench_tasks.py [--items N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.dump import dump_document  # noqa: E402
from generator.load import load_document  # noqa: E402
from generator.model import Document  # noqa: E402
from generator.model_tools import validate  # noqa: E402
from generator.tasks.ledger import ledger_bytes, ledger_rows, read_ledger  # noqa: E402
from generator.tasks.update import update_plan_file  # noqa: E402
from generator.view import build_view  # noqa: E402
from generator.writers.docx import render_docx  # noqa: E402

UNITS = ["医政医管科", "药政科", "基层卫生科", "疾控科", "规划发展科", "财务科", "人事科"]


def big_plan(items: int, per_section: int = 50) -> Document:
    sections = []
    for s in range(max(1, items // per_section)):
        sections.append(
            {
                "heading": f"推进第{s + 1}项重点工作",
                "items": [
                    {
                        "id": f"t{s}-{i}",
                        "heading": f"落实第{s + 1}组第{i + 1}项任务。",
                        "text": ["明确责任分工，细化工作措施，确保各项任务落到实处。"],
                        "lead": UNITS[(s + i) % len(UNITS)],
                        "owners": [UNITS[(s + i + 1) % len(UNITS)], "各县（区）卫生健康局"],
                        "deadline": f"2025年{(i % 12) + 1}月底前",
                        "targets": [f"覆盖率达到{80 + i % 20}%以上"],
                        "status": "ongoing",
                    }
                    for i in range(per_section)
                ],
            }
        )
    return validate(
        Document,
        {
            "notice": {"issuers": ["某市卫生健康委员会"], "recipients": ["各科室"], "signatories": ["某市"]},
            "plan": {
                "title": "2025年某市卫生健康工作要点",
                "year": 2025,
                "task_table": True,
                "sections": sections,
            },
        },
    )


def timed(call: object, rounds: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = folder / "plan.yaml"
        plan.write_text(dump_document(big_plan(args.items)), encoding="utf-8")
        seconds, document = timed(lambda: load_document(plan), 1)
        print(
            f"plan: {args.items} tasks, {plan.stat().st_size / 1024:.0f} KiB YAML, loaded in {seconds:.2f} s"
        )
        seconds, rows = timed(lambda: ledger_rows(document))  # type: ignore[arg-type]
        print(f"ledger rows: {len(rows)} in {seconds * 1000:.0f} ms")  # type: ignore[arg-type]
        for fmt in ("xlsx", "csv", "json"):
            seconds, data = timed(lambda fmt=fmt: ledger_bytes(rows, fmt))  # type: ignore[arg-type]
            out = folder / f"tasks.{fmt}"
            out.write_bytes(data)  # type: ignore[arg-type]
            back, read = timed(lambda out=out: read_ledger(out))
            print(
                f"  .{fmt}: written in {seconds * 1000:.0f} ms, {len(data) / 1024:.0f} KiB; "  # type: ignore[arg-type]
                f"read back in {back * 1000:.0f} ms ({len(read)} rows)"  # type: ignore[arg-type]
            )
        changed = folder / "changed.csv"
        done = [r.__class__(**{**r.__dict__, "status": "done"}) for r in rows]  # type: ignore[union-attr]
        changed.write_bytes(ledger_bytes(done, "csv"))
        seconds, (_, changes) = timed(lambda: update_plan_file(plan, changed, read_ledger(changed)), 1)  # type: ignore[misc]
        print(f"--update: {len(changes)} statuses written into the YAML in {seconds:.2f} s")
        seconds, view = timed(lambda: build_view(document), 1)  # type: ignore[arg-type]
        print(f"分工表: {len(view.plan.task_table.rows)} rows in the view, built in {seconds:.2f} s")  # type: ignore[union-attr]
        seconds, docx = timed(lambda: render_docx(view), 1)  # type: ignore[arg-type]
        print(f"  .docx with the table: {seconds:.2f} s, {len(docx) / 1024:.0f} KiB")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
