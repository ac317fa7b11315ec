"""Hostile inputs built on the fly for tests/test_hostile.py and tests/test_fuzz.py (no binary
fixtures to keep in the repository): alias bombs, deep nesting, zip bombs, a PDF of many pages."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

NOTICE = """\
notice:
  issuers: [某某市卫生健康委员会]
  doc_number: 某卫〔2024〕1号
  recipients: [各单位]
  body: [现将要点印发给你们。]
  signatories: [某某市卫生健康委员会]
  date: 2024-01-05
"""


def plan_yaml(title: str = "2024年工作要点", extra: str = "") -> str:
    """A small valid plan; ``extra`` is appended under ``plan:`` (indented by the caller)."""
    return (
        NOTICE
        + f"plan:\n  title: {title}\n  year: 2024\n{extra}"
        + "  sections:\n    - heading: 加强领导\n      items:\n        - heading: 完善制度。\n"
    )


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: each level lists the previous one nine times (9⁹ once expanded)."""
    lines = ['    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        lines.append(f"    {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def deep_flow(depth: int) -> str:
    return "plan: " + "[" * depth + "]" * depth + "\n"


def deep_block(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"


def docx_with(document_xml: bytes, *, base: Path, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``base`` (a .docx) with its word/document.xml replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def zip_bomb_docx(base: Path, inflated: int = 1 << 30) -> bytes:
    """A .docx whose document.xml inflates to ``inflated`` bytes of one repeated character
    (about a megabyte compressed per gigabyte), streamed so that building it costs no memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as stream:
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated // len(chunk)):
                        stream.write(chunk)
            else:
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def lying_zip_docx(base: Path, inflated: int = 200 << 20) -> bytes:
    """A .docx whose directory claims document.xml is 1 KB, while its stream inflates to far more."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w") as stream:
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated // len(chunk)):
                        stream.write(chunk)
            else:
                target.writestr(info.filename, source.read(info.filename))
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    # Local header (PK 3 4): uncompressed size at 22; central directory entry (PK 1 2): at 24.
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (found := data.find(signature, start)) != -1:
            if data[found + name_at : found + name_at + len(name)] == name:
                data[found + size_at : found + size_at + 4] = (1024).to_bytes(4, "little")
            start = found + 1
    return bytes(data)


def many_pages_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` A4 pages sharing one content stream (a line of text)."""
    objects: list[bytes] = []
    content = b"BT /F1 16 Tf 100 700 Td (page) Tj ET"
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend([page] * pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# ---------------------------------------------------------------- running a command under limits

CPU_SECONDS = 5
MEMORY_BYTES = 200 * 2**20
"""The bound of every hostile case (issue 12): 5 s of CPU and 200 MB of address space."""


@dataclass
class Limited:
    """A finished `workplan` run: exit code, output, and what it cost (from wait4's rusage)."""

    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    max_rss_mb: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_limited(
    *args: str,
    cwd: Path,
    cpu: int = CPU_SECONDS,
    memory: int | None = MEMORY_BYTES,
    wall: float = 60.0,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
) -> Limited:
    """``python -m generator.cli ARGS`` in ``cwd`` under RLIMIT_CPU and RLIMIT_AS: a case that
    spins is killed by the kernel at ``cpu`` seconds, one that swells fails to allocate past
    ``memory`` — either shows as a failure, never as a hung or swapping test run. ``wall`` only
    catches a process that blocks (a FIFO) without using CPU."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
        env=env,
    )
    output: dict[str, bytes] = {}

    def drain(name: str, stream: IO[bytes] | None) -> None:
        output[name] = stream.read() if stream is not None else b""

    readers = [
        threading.Thread(target=drain, args=("out", process.stdout)),
        threading.Thread(target=drain, args=("err", process.stderr)),
    ]
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        process.kill()

    timer = threading.Timer(wall, stop)
    timer.start()
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    # wait4, not waitpid: this child's own CPU time and peak memory.
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        raise AssertionError(f"workplan {' '.join(args)} still running after {wall} s")
    return Limited(
        process.returncode,
        output["out"].decode("utf-8", "replace"),
        output["err"].decode("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
    )
