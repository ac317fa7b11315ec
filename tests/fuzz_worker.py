"""The fuzz suite's worker: runs `workplan` commands, each in a forked child under resource limits.

Started once per test session (tests/test_fuzz.py) with every module already imported, it reads
one case per line on stdin — ``{"files": {name: base64}, "args": [...]}`` — and answers one line
``{"code", "signal", "stderr", "files", "cpu", "rss_mb"}``. Each case runs in a fork of the
worker (milliseconds, where a fresh interpreter costs a third of a second) in its own temp
folder, under RLIMIT_CPU and an address-space limit 200 MB above what the worker already maps:
a case that spins is killed by SIGXCPU, one that swells fails to allocate — both show up.
"""

from __future__ import annotations

import base64
import gc
import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

CPU_SECONDS = 5
EXTRA_MEMORY = 200 * 2**20


def _preload() -> None:
    """Import what the commands import lazily, so each fork starts warm."""
    import generator.check.layout
    import generator.diff
    import generator.readers.docx
    import generator.rollover
    import generator.writers.diff_docx
    import generator.writers.docx
    import generator.writers.review_md
    import generator.writers.text  # noqa: F401
    from generator.writers.docx import _jinja_env

    _jinja_env()


def _mapped_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _child(args: list[str]) -> None:
    from generator.cli import app

    limit = _mapped_bytes() + EXTRA_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    err = os.open("stderr.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(err, 2)
    os.dup2(out, 1)
    code = 3
    try:
        app(args=args, prog_name="workplan")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 3)
    except BaseException:  # typer re-raises what no command caught: that is the bug to find
        import traceback

        traceback.print_exc()
        code = 4
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def run_case(case: dict) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="workplan-fuzz-"))
    try:
        for name, data in case["files"].items():
            (folder / name).write_bytes(base64.b64decode(data))
        before = set(case["files"])
        pid = os.fork()
        if pid == 0:
            os.chdir(folder)
            _child(case["args"])
        _, status, usage = os.wait4(pid, 0)
        stderr = (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        files = sorted(p.name for p in folder.iterdir() if p.name not in before and p.name != "stderr.txt")
        return {
            "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "stderr": stderr[-4000:],
            "files": files,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    _preload()
    # Objects the forks never free: frozen, the collector in a fork does not touch (and so copy)
    # every page of the worker — a fork runs twice as fast.
    gc.collect()
    gc.freeze()
    print("ready", flush=True)
    for line in sys.stdin:
        print(json.dumps(run_case(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
