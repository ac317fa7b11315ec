"""LibreOffice (soffice) headless conversion: many .docx → .pdf with one LibreOffice start.

Starting LibreOffice costs seconds; converting a file costs a fraction of that, so a batch is
one process per core (never one per file). Each process gets a private, throw-away user profile:
two LibreOffice processes sharing a profile hand their work to each other or fail on its lock.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .i18n import _
from .resources import templates_dir

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-noto-cjk"

# LibreOffice's first start (profile creation) takes several seconds; each document a few more.
_BASE_TIMEOUT = 120.0
_PER_FILE_TIMEOUT = 20.0


class SofficeError(RuntimeError):
    """LibreOffice is missing or did not produce the PDF it was asked for."""


class SofficeMissing(SofficeError):
    """No soffice/libreoffice program on PATH."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "LibreOffice (soffice) was not found on PATH; it is needed for PDF — install it with: "
                "{command}"
            ).format(command=INSTALL_HINT)
        )


def find_soffice() -> str:
    """Path of the LibreOffice program (``soffice`` or ``libreoffice`` on PATH)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SofficeMissing()


def _fontconfig_env(workdir: Path) -> dict[str, str]:
    """The environment for LibreOffice: the system's fontconfig plus templates/fonts.conf, which maps
    the standard's font names (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体) to installed free
    fonts — without it LibreOffice falls back to a Japanese face."""
    env = dict(os.environ)
    aliases = templates_dir() / "fonts.conf"
    if not aliases.is_file():
        return env
    system = env.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    conf = workdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{system}</include>\n'
        f"  <include>{aliases}</include>\n</fontconfig>\n",
        encoding="utf-8",
    )
    env["FONTCONFIG_FILE"] = str(conf)
    return env


def _private_tmp(env: dict[str, str], workdir: Path) -> dict[str, str]:
    """LibreOffice's own temp files (lu*.tmp, copies of the document) in the private folder
    removed after the run, not in the shared /tmp where an interrupt would leave them."""
    tmp = workdir / "tmp"
    tmp.mkdir(mode=0o700, exist_ok=True)
    return {**env, "TMPDIR": str(tmp), "TMP": str(tmp), "TEMP": str(tmp)}


def _kill_group(process: subprocess.Popen[str]) -> None:
    """End LibreOffice's whole process group (a no-op when it has exited) and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


_DOCUMENTS_PER_START = 4  # a start costs about as much as converting four documents (measured)


def default_jobs(count: int) -> int:
    """LibreOffice processes for ``count`` documents: one per core, but no more than one per four
    documents, below which a further start costs more than it saves (WORKPLAN_SOFFICE_JOBS sets
    the number of processes)."""
    wanted = os.environ.get("WORKPLAN_SOFFICE_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return max(1, min(int(wanted), count))
    return max(1, min(os.cpu_count() or 1, count // _DOCUMENTS_PER_START))


def convert_to_pdf(
    docx_paths: list[Path],
    outdir: Path,
    *,
    timeout: float | None = None,
    to: str = "pdf",
    jobs: int | None = None,
) -> list[Path]:
    """Convert every file of ``docx_paths`` to ``outdir/<stem>.pdf`` (``to="docx"``: to .docx
    instead, for the importer's .doc/.rtf/.odt).

    LibreOffice converts one document at a time, so a batch is shared out over ``jobs``
    LibreOffice processes (default :func:`default_jobs`), each with its own throw-away profile —
    two processes sharing a profile hand their work to each other or fail on its lock. Returns the
    output paths in input order. Raises :class:`SofficeError` naming the file when an output did
    not appear, and :class:`SofficeMissing` when LibreOffice is not installed.
    """
    sources = [Path(p).resolve() for p in docx_paths]
    if not sources:
        return []
    for source in sources:
        if not source.is_file():
            raise SofficeError(_("{path}: no such file to convert to PDF").format(path=source))
    stems: dict[str, Path] = {}
    for source in sources:
        # LibreOffice names each output <stem>.pdf, so two inputs with one stem would overwrite each other.
        if source.stem in stems:
            raise SofficeError(
                _("{path}: same file name as {other}; both would become {name}").format(
                    path=source, other=stems[source.stem], name=f"{source.stem}.{to}"
                )
            )
        stems[source.stem] = source
    program = find_soffice()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / f"{source.stem}.{to}" for source in sources]
    for target in targets:
        target.unlink(missing_ok=True)  # a stale output must not pass for a fresh one
    count = jobs if jobs is not None else default_jobs(len(sources))
    count = max(1, min(count, len(sources)))
    groups = [sources[i::count] for i in range(count)]
    limit = timeout if timeout is not None else _BASE_TIMEOUT + _PER_FILE_TIMEOUT * len(groups[0])
    with tempfile.TemporaryDirectory(prefix="workplan-soffice-") as work:
        running: list[subprocess.Popen[str]] = []
        outputs = []
        try:
            for index, group in enumerate(groups):
                profile = Path(work) / f"profile{index}"
                profile.mkdir(mode=0o700)
                command = [
                    program,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nolockcheck",
                    "--convert-to",
                    to,
                    "--outdir",
                    str(outdir.resolve()),
                    *(str(source) for source in group),
                ]
                # Its own process group: soffice is a script starting oosplash and soffice.bin, and
                # all of them must go when workplan stops (Ctrl-C, SIGTERM, the time limit) —
                # killing the script alone leaves LibreOffice running with the document open.
                running.append(
                    subprocess.Popen(
                        command,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                        env=_private_tmp(_fontconfig_env(profile), profile),
                        start_new_session=True,
                    )
                )
            for process in running:
                outputs.append(process.communicate(timeout=limit))
        except subprocess.TimeoutExpired:
            raise SofficeError(
                _("LibreOffice did not finish converting {count} file(s) within {seconds} s").format(
                    count=len(sources), seconds=f"{limit:.0f}"
                )
            ) from None
        finally:
            for process in running:
                _kill_group(process)  # also on an interrupt: the temp folders hold the document
    missing = [source for source, target in zip(sources, targets, strict=True) if not target.is_file()]
    if missing:
        group = next(i for i, g in enumerate(groups) if missing[0] in g)
        stdout, stderr = outputs[group]
        detail = (stderr or stdout or "").strip().splitlines()
        reason = (
            _("LibreOffice said: {detail}").format(detail=detail[-1])
            if detail
            else _("exit code {code}").format(code=running[group].returncode)
        )
        raise SofficeError(
            _("{path}: LibreOffice produced no {kind} ({reason})").format(
                path=missing[0], kind=to.upper(), reason=reason
            )
        )
    return targets
