"""Time and peak memory of the worst case of every row of issue 12's hostile-case table.

Each case runs the installed `workplan` command once under GNU time (`/usr/bin/time -v`: wall
clock and maximum resident set size), in a fresh temp folder. The bound of the issue is 5 s and
200 MB per case (a long 标题: ≤ 50 ms for the render itself, measured in-process below).

Run: python benchmarks/bench_hostile.py

Measured 2026-12-01 on the CI VM (load average ~7 from parallel work), each case once:
every refusal 0.3–1.2 s wall and 33–50 MB peak — Python's start-up is most of both (the
worst: the alias bomb given to rollover, 1.16 s / 37 MB; `check` of a 4,000-page PDF, 0.58 s /
49 MB; a 1 GiB zip bomb imported, 0.60 s / 41 MB). A 140-character 标题: 0.46 s / 47 MB for the
whole command, 11 ms for the render itself; break_title of 200 characters 1.9 ms. SIGTERM
during PDF conversion: exit 0.27 s after the signal, temp folders removed. A 19 MiB plan with a
full-width colon on its last line: 3.3 s / 184 MB (41 s / 212 MB while its message came from a
second, pure-Python parse). 50,000 sections with a number for a heading and a key typo each
(100,000 messages): 11 s (53 s while each node's skeleton inspected pydantic's default
factories and difflib ran once per typo).
Before (issue 12's probe): alias bombs > 60 s or 3.8 GB, 110-character 标题 79 s, /dev/zero
5 GB, 4,000-page check 40 s / 2.5 GB, zip bomb 2.1 GB.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hostile_files import (  # noqa: E402
    billion_laughs,
    deep_flow,
    docx_with,
    lying_zip_docx,
    many_pages_pdf,
    plan_yaml,
    zip_bomb_docx,
)

TITLE = (
    "关于印发《2024年吴中区卫生健康委员会进一步加强医疗服务质量管理推进高质量发展专项行动实施方案》的通知" * 3
)


def timed(folder: Path, *args: str, stdout: int | None = subprocess.DEVNULL) -> tuple[int, float, float]:
    """(exit code, seconds, peak MB) of one `workplan ARGS` under /usr/bin/time -v."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", "workplan", *args],
        cwd=folder,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    assert wall is not None, done.stderr
    hours, minutes, seconds = wall.groups()
    elapsed = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert rss is not None
    return done.returncode, elapsed, int(rss[1]) / 1024


def main() -> None:
    if not shutil.which("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    base = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    (base / "plan.yaml").write_text(plan_yaml(), encoding="utf-8")
    subprocess.run(["workplan", "render", "plan.yaml", "-o", "plan.docx"], cwd=base, check=True)
    template = REPO / "templates" / "notice.docx"

    def write(name: str, data: str | bytes) -> Callable[[], None]:
        def make() -> None:
            path = base / name
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

        return make

    paragraph = "各单位要进一步提高认识，加强组织领导，确保各项任务落到实处。" * 20
    import zipfile

    with zipfile.ZipFile(template) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    ssti = xml.replace(
        "{{ note }}", "{{ note }}{{ cycler.__init__.__globals__.os.system('touch pwned') }}", 1
    )

    def sparse() -> None:
        with open(base / "sparse.yaml", "wb") as handle:
            handle.truncate(8 * 2**30)

    def fifo() -> None:
        if not (base / "pipe.yaml").exists():
            os.mkfifo(base / "pipe.yaml")

    rows: list[tuple[str, Callable[[], None], list[str]]] = [
        (
            "alias bomb (rollover, under a key)",
            write("bomb.yaml", plan_yaml(extra="  junk:\n" + billion_laughs())),
            ["rollover", "bomb.yaml", "--year", "2025", "-o", "n.yaml"],
        ),
        (
            "one paragraph aliased 40,000 times",
            write(
                "para.yaml",
                plan_yaml(extra=f'  preamble: [&p "{paragraph}", ' + ", ".join(["*p"] * 40000) + "]\n"),
            ),
            ["render", "para.yaml", "-o", "p.docx"],
        ),
        ("nesting 100,000 deep (flow)", write("deep.yaml", deep_flow(100_000)), ["validate", "deep.yaml"]),
        (
            "19 MiB plan, a full-width colon on its last line",
            write(
                "slip.yaml",
                plan_yaml()
                + "".join(
                    f"        - heading: 第{i}项重点工作。\n          text: [督查落实。]\n"
                    for i in range(280_000)
                )
                + "  year：2024\n",
            ),
            ["validate", "slip.yaml"],
        ),
        (
            "50,000 sections, each with a number for its heading and a key typo",
            write(
                "typos.yaml",
                plan_yaml().replace(
                    "  sections:\n", "  sections:\n" + "    - heading: 1\n      itmes: []\n" * 50_000
                ),
            ),
            ["validate", "typos.yaml"],
        ),
        (
            "140-character 标题 → .docx",
            write("t140.yaml", plan_yaml(title=TITLE[:140])),
            ["render", "t140.yaml", "-o", "t140.docx"],
        ),
        ("140-character 标题 .docx imported", lambda: None, ["import", "t140.docx", "-o", "t140.back.yaml"]),
        (
            "SSTI --template",
            write("ssti.docx", docx_with(ssti.encode(), base=template)),
            ["render", "plan.yaml", "-o", "s.docx", "--template", "ssti.docx"],
        ),
        ("rich markup in check's file name", write("a[x].pdf", many_pages_pdf(2)), ["check", "a[x].pdf"]),
        (
            "diff --author with a control character",
            lambda: None,
            ["diff", "plan.yaml", "plan.yaml", "-o", "d.docx", "--author", "a\x07b"],
        ),
        (
            "<script> in the rollover review",
            write("html.yaml", plan_yaml().replace("完善制度。", '"<script>x</script>2024年底前完善制度。"')),
            ["rollover", "html.yaml", "--year", "2025", "-o", "h.yaml", "--report", "h.md"],
        ),
        ("/dev/zero as a plan", lambda: None, ["render", "/dev/zero", "-o", "z.txt"]),
        ("8 GB sparse file as a plan", sparse, ["validate", "sparse.yaml"]),
        ("FIFO as a plan", fifo, ["validate", "pipe.yaml"]),
        ("-o onto a FIFO", fifo, ["render", "plan.yaml", "-o", "pipe.yaml"]),
        (
            "zip bomb .docx (1 GiB) imported",
            write("bomb.docx", zip_bomb_docx(base / "plan.docx")),
            ["import", "bomb.docx", "-o", "b.yaml"],
        ),
        (
            "zip bomb .docx as --template",
            lambda: None,
            ["render", "plan.yaml", "-o", "b.docx", "--template", "bomb.docx"],
        ),
        (
            "lying zip directory (200 MiB)",
            write("lying.docx", lying_zip_docx(base / "plan.docx")),
            ["import", "lying.docx", "-o", "l.yaml"],
        ),
        ("check on a 4,000-page PDF", write("long.pdf", many_pages_pdf(4000)), ["check", "long.pdf"]),
        (
            "YAML merge key with an override",
            write(
                "merge.yaml",
                plan_yaml().replace(
                    "        - heading: 完善制度。\n",
                    "        - &b\n          heading: 完善制度。\n          lead: 办公室\n"
                    "        - <<: *b\n          heading: 另一。\n",
                ),
            ),
            ["validate", "merge.yaml"],
        ),
    ]
    print(f"{'case':42} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    for name, prepare, args in rows:
        prepare()
        code, seconds, peak = timed(base, *args)
        print(f"{name:42} {code:>4} {seconds:>8.2f} {peak:>8.1f}")
    with open("/dev/full", "wb") as full:
        code, seconds, peak = timed(base, "render", "plan.yaml", "-o", "-", stdout=full.fileno())
    print(f"{'stdout on a full disk':42} {code:>4} {seconds:>8.2f} {peak:>8.1f}")

    from generator.load import load_document
    from generator.render import render
    from generator.title_lines import break_title

    title = TITLE[:200]
    start = time.perf_counter()
    for _ in range(20):
        break_title(title)
    print(f"break_title, 200 characters: {(time.perf_counter() - start) / 20 * 1000:.1f} ms")
    for length in (110, 140):
        document = copy.copy(load_document(base / "t140.yaml"))
        document.plan.title = TITLE[:length]
        render(document, "docx")  # warm: templates compiled once per process
        start = time.perf_counter()
        render(document, "docx")
        print(f"render .docx with a {length}-character 标题: {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"SIGTERM during PDF conversion: exit within {sigterm_seconds(base):.2f} s, temp folders removed")
    shutil.rmtree(base, ignore_errors=True)


def sigterm_seconds(base: Path) -> float:
    """Seconds from SIGTERM (sent while LibreOffice converts) to workplan's exit, cleanup included."""
    import signal

    private = base / "tmp"
    private.mkdir()
    process = subprocess.Popen(
        ["workplan", "render", "plan.yaml", "-o", "sig.pdf"],
        cwd=base,
        env={**os.environ, "TMPDIR": str(private)},
        stderr=subprocess.DEVNULL,
    )
    while not list(private.glob("workplan-soffice-*")):
        time.sleep(0.02)
    time.sleep(0.5)
    start = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    elapsed = time.perf_counter() - start
    assert process.returncode == 128 + signal.SIGTERM and not list(private.iterdir())
    return elapsed


if __name__ == "__main__":
    main()
