"""How fast `workplan diff` aligns two versions of a plan, in-process.

Targets: two 40-item plans ≤ 50 ms (issue 5); two 2,000-item generated plans ≤ 1 s (issue 11:
every field of the model is compared, 357–548 ms before it). Generated items carry task fields
(牵头单位, 责任单位, 完成时限). The edited copy carries every kind of edit — additions, removals,
moves to another section, rewordings and new 完成时限 (10 % of items each), so the similarity
stage and the field comparison have real work — and the figures include building both views and
the character diffs. The tracked-changes .docx (both versions rendered with the template, paired
by the writer's identity stamps) is timed too, without a target.

Run: python benchmarks/bench_diff.py
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from generator.diff import diff_documents, load_version
from generator.model import Document, Node
from generator.model_tools import deep_copy, validate

REPO = Path(__file__).resolve().parent.parent
WORDS = (
    "推进 加强 完善 落实 提升 健全 医疗 服务 体系 建设 管理 质量 安全 能力 机制 制度 基层 卫生 健康 "
    "疫情 防控 救治 公立 医院 改革 信息化 人才 培训 监督 考核 中医药 妇幼 老年 护理 药品 采购 "
    "标准化 规范化 示范 试点 重点 专科 临床 急救 网络 平台 数据 共享 年底前 全区 各级 有关 单位"
).split()


def sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + "。"


def generated_plan(items: int, seed: int = 1) -> Document:
    rng = random.Random(seed)
    sections = []
    per_section = max(1, items // 10)
    for s in range(0, items, per_section):
        sections.append(
            Node(
                heading=f"第{s}部分" + "".join(rng.sample(WORDS, 3)),
                items=[
                    Node(
                        heading=sentence(rng),
                        text=[sentence(rng) + sentence(rng)],
                        lead=rng.choice(WORDS) + "科",
                        owners=[rng.choice(WORDS) + "科", rng.choice(WORDS) + "中心"],
                        deadline=f"2024年{rng.randint(1, 12)}月底前",
                    )
                    for _ in range(min(per_section, items - s))
                ],
            )
        )
    document = validate(Document, {"plan": {"title": "生成的工作要点", "year": 2024, "sections": []}})
    document.plan.numbering.continuous = [2]
    document.plan.sections = sections
    return document


def edited(document: Document, share: float = 0.1, seed: int = 2) -> Document:
    """Reword, remove, add and move about ``share`` of the items each."""
    rng = random.Random(seed)
    new = deep_copy(document)
    sections = new.plan.sections
    count = max(1, int(share * sum(len(s.items) for s in sections)))
    for _ in range(count):
        section = rng.choice(sections)
        if section.items:
            item = rng.choice(section.items)
            item.text = [item.text[0][:-1] + "，" + sentence(rng)]
        section = rng.choice(sections)
        if section.items:
            rng.choice(section.items).deadline = "2024年底前"
    for _ in range(count // 3):
        section = rng.choice(sections)
        if section.items:
            section.items.pop(rng.randrange(len(section.items)))
        section = rng.choice(sections)
        section.items.insert(
            rng.randrange(len(section.items) + 1), Node(heading=sentence(rng), text=[sentence(rng)])
        )
        source, target = rng.sample(sections, 2)
        if source.items:
            target.items.insert(0, source.items.pop())
    return new


def timed(old: Document, new: Document, runs: int) -> tuple[float, float, dict[str, int]]:
    """Median wall and CPU seconds: on a shared machine the CPU time is the steadier figure."""
    figures, cpu = [], []
    result = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = diff_documents(old, new)
        figures.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert result is not None
    return statistics.median(figures), statistics.median(cpu), result.summary


def main() -> None:
    seed_plan = load_version(REPO / "plans" / "suzhou-wuzhong-2021.yaml").document
    cases = [
        ("seed 000 (36 items) vs edited", seed_plan, edited(seed_plan, 0.1), 20, 0.050),
        ("generated 40 items vs edited", generated_plan(40), edited(generated_plan(40)), 20, 0.050),
        ("generated 2,000 items vs edited", generated_plan(2000), edited(generated_plan(2000)), 3, 1.0),
        (
            "generated 2,000 items vs 30 % edited",
            generated_plan(2000),
            edited(generated_plan(2000), 0.3),
            3,
            1.0,
        ),
    ]
    for name, old, new, runs, target in cases:
        seconds, cpu, summary = timed(old, new, runs)
        verdict = "ok" if seconds <= target else "SLOW"
        print(
            f"{name:40s} {seconds * 1000:8.1f} ms (cpu {cpu * 1000:6.1f} ms; target {target * 1000:.0f} ms, "
            f"{verdict})  {summary}"
        )
    # the tracked-changes Word file renders both versions with the template first (no target)
    from generator.writers.diff_docx import render_diff_docx

    for name, old, new, _, _ in cases[:3]:
        start, start_cpu = time.perf_counter(), time.process_time()
        render_diff_docx(diff_documents(old, new))
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        print(f"{name + ' → diff.docx':40s} {wall * 1000:8.1f} ms (cpu {cpu * 1000:6.1f} ms)")


if __name__ == "__main__":
    main()
