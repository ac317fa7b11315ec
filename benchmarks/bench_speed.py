"""Issue 9 speed figures (printed, never asserted):

1. whole process, `workplan render plan.yaml -o x.docx` against `pandoc plan.md -o x.docx`, for
   every plan: best of N runs each, interleaved (so a busy machine slows both alike); with the
   compiled-template cache warm (a user's second render) and cold (first render ever); then the
   floor under it: python's start and the imports of the fixed libraries alone;
2. a batch of 100 plans to .docx in one process (`workplan render *.yaml -d OUT -f docx`): ms per
   document, loading, rendering and writing included (target ≤ 10 ms);
3. PDF of a batch: one LibreOffice per core, each with its own profile, against one LibreOffice
   for the whole batch: seconds per document.

The whole process is measured as a user installs it: ``pip install .`` into a fresh venv (built in a
temporary folder, ~1 min), not the developer's editable install, whose import hook — and any .pth
file the machine's site-packages carries — adds to every start what a user's install does not.
``--here`` measures the console script beside this interpreter instead; ``--venv DIR`` reuses a
venv holding the project.

Run: python benchmarks/bench_speed.py [--runs N] [--no-pdf] [--here | --venv DIR]
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PLANS = sorted((REPO / "plans").glob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))


def _runs() -> int:
    return int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7


CPU: list[float] = []  # CPU seconds (user + system) of the last run: steadier on a busy machine


def _time(command: list[str], env: dict[str, str] | None = None) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime]
    return wall


PYTHON = sys.executable  # the interpreter of the measured install (see _install)


def _workplan() -> list[str]:
    # the console script beside the interpreter: a pyenv shim on PATH would add ~100 ms of bash
    script = Path(PYTHON).with_name("workplan")
    return [str(script)] if script.exists() else [PYTHON, "-m", "generator.entry"]


def _install(tmp: Path) -> None:
    """Point PYTHON at the install measured: a fresh venv with ``pip install .`` (the default),
    a given venv (``--venv DIR``) or this interpreter's (``--here``)."""
    global PYTHON
    if "--here" in sys.argv:
        return
    if "--venv" in sys.argv:
        PYTHON = str(Path(sys.argv[sys.argv.index("--venv") + 1]) / "bin" / "python")
        return
    venv = tmp / "venv"
    print("   installing the project into a fresh venv (pip install .) …", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    PYTHON = str(venv / "bin" / "python")
    subprocess.run([PYTHON, "-m", "pip", "install", "-q", str(REPO)], check=True, capture_output=True)


def bench_process(tmp: Path) -> None:
    from generator.load import load_document
    from generator.render import render

    pandoc = shutil.which("pandoc")
    if not pandoc:
        print("whole process: pandoc not installed — no ratio (apt-get install pandoc)")
        return
    runs = _runs()
    cold_env = dict(os.environ)
    print(f"1. whole process, best of {runs} (interleaved), ms:")
    print(f"   {'plan':28} {'pandoc':>7} {'warm':>7} {'ratio':>6} {'cold':>7} {'ratio':>6} {'CPU ratio':>9}")
    ratios_warm, ratios_cold, ratios_cpu = [], [], []
    for plan in PLANS:
        markdown = tmp / f"{plan.stem}.md"
        markdown.write_text(str(render(load_document(plan), "md")), encoding="utf-8")
        ours_cmd = [*_workplan(), "render", str(plan), "-o", str(tmp / "ours.docx"), "--force"]
        theirs_cmd = [pandoc, str(markdown), "-o", str(tmp / "pandoc.docx")]
        _time(ours_cmd)  # fills the cache
        warm, cold, theirs, cpu_ours, cpu_theirs = [], [], [], [], []
        for run in range(runs):
            (tmp / "ours.docx").unlink(missing_ok=True)
            warm.append(_time(ours_cmd))
            cpu_ours += CPU
            theirs.append(_time(theirs_cmd))
            cpu_theirs += CPU
            cold_env["WORKPLAN_CACHE_DIR"] = str(tmp / f"cold-{plan.stem}-{run}")
            (tmp / "ours.docx").unlink(missing_ok=True)
            cold.append(_time(ours_cmd, cold_env))
        best_warm, best_cold, best_theirs = min(warm), min(cold), min(theirs)
        ratios_warm.append(best_warm / best_theirs)
        ratios_cold.append(best_cold / best_theirs)
        row = f"   {plan.stem:28} {best_theirs * 1000:7.0f} {best_warm * 1000:7.0f}"
        row += f" {best_warm / best_theirs:5.2f}× {best_cold * 1000:7.0f} {best_cold / best_theirs:5.2f}×"
        ratios_cpu.append(min(cpu_ours) / min(cpu_theirs))
        print(row + f" {ratios_cpu[-1]:8.2f}×")
    print(
        f"   ratio workplan / pandoc: warm {min(ratios_warm):.2f}–{max(ratios_warm):.2f}×, "
        f"cold {min(ratios_cold):.2f}–{max(ratios_cold):.2f}×, CPU time (warm) "
        f"{min(ratios_cpu):.2f}–{max(ratios_cpu):.2f}× (target ≤ 3×)"
    )


_LIBRARIES = "import gc; gc.disable(); import yaml, lxml.etree, jinja2, jinja2.sandbox, zipfile"
_FLOOR_STEPS = [
    ("python start-up", "pass"),
    ("+ import PyYAML, lxml, jinja2", _LIBRARIES),
    (
        "+ every module a render imports",
        _LIBRARIES
        + "; import generator.render, generator.load, generator.writers.docx, generator.check.lint",
    ),
    ("(pydantic-core, imported only for bad data)", _LIBRARIES + "; import pydantic_core"),
    ("(pydantic, imported only without a cache)", _LIBRARIES + "; import pydantic.main"),
]


def bench_floor(runs: int) -> None:
    """What a render's process costs before it renders anything: python, then the libraries the
    design card fixes (jinja2, PyYAML, lxml under python-docx/docxtpl) — the floor under the
    whole-process ratio, whatever workplan's own code does — then workplan's own modules; and, for
    comparison, what importing pydantic-core or pydantic would add."""
    pandoc = shutil.which("pandoc")
    print(f"   floor, best of {runs} (CPU ms; wall in brackets), the cycle collector off as in a render:")
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "1"}
    for label, code in _FLOOR_STEPS:
        walls, cpus = [], []
        for _ in range(runs):
            walls.append(_time([PYTHON, "-c", code], env))
            cpus += CPU
        print(f"   {label:38} {min(cpus) * 1000:5.0f} ({min(walls) * 1000:.0f})")
    if pandoc:
        walls = [_time([pandoc, "--version"]) for _ in range(runs)]
        print(f"   {'pandoc --version':38}       ({min(walls) * 1000:.0f})")


def bench_batch(tmp: Path, count: int = 100, rounds: int = 3) -> None:
    from generator.batch import render_batch

    folder = tmp / "batch-in"
    folder.mkdir()
    plans = []
    for index in range(count):
        source = PLANS[index % len(PLANS)]
        target = folder / f"{index:03d}-{source.name}"
        text = source.read_text(encoding="utf-8").replace("../templates/", str(REPO / "templates") + "/")
        target.write_text(text, encoding="utf-8")
        plans.append(target)
    render_batch(plans[:2], tmp / "warm", ["docx"], progress=False)  # imports, template compiled
    per_doc = []
    for round_ in range(rounds):
        start = time.perf_counter()
        result = render_batch(plans, tmp / f"out{round_}", ["docx"], progress=False)
        per_doc.append((time.perf_counter() - start) / count * 1000)
        assert result.ok
    print(
        f"2. batch of {count} plans → .docx in one process (load + render + write): "
        f"median {statistics.median(per_doc):.1f} ms, best {min(per_doc):.1f} ms per document "
        "(target ≤ 10 ms)"
    )


def bench_pdf(tmp: Path, count: int = 24) -> None:
    from generator.load import load_document
    from generator.render import render
    from generator.soffice import SofficeMissing, convert_to_pdf

    sources = []
    for index in range(count):
        plan = PLANS[index % len(PLANS)]
        source = tmp / f"pdf-{index:02d}.docx"
        source.write_bytes(render(load_document(plan), "docx"))  # type: ignore[arg-type]
        sources.append(source)
    cores = os.cpu_count() or 1
    try:
        times = {}
        for jobs in sorted({1, min(2, cores), cores}):
            start = time.perf_counter()
            convert_to_pdf(sources, tmp / f"pdf{jobs}", jobs=jobs)
            times[jobs] = time.perf_counter() - start
    except SofficeMissing as exc:
        print(f"3. pdf: skipped — {exc}")
        return
    print(f"3. PDF of {count} documents ({cores} cores):")
    for jobs, seconds in times.items():
        print(f"   {jobs} LibreOffice process(es): {seconds:6.1f} s, {seconds / count:.2f} s per document")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as folder:
        tmp = Path(folder)
        _install(tmp)
        print(f"   measured install: {_workplan()[0]}")
        bench_process(tmp)
        bench_floor(_runs())
        bench_batch(tmp)
        if "--no-pdf" not in sys.argv:
            bench_pdf(tmp)


if __name__ == "__main__":
    main()
