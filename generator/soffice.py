"""LibreOffice (soffice) headless conversion: many .docx → .pdf with one LibreOffice start.

Starting LibreOffice costs seconds; converting a file costs a fraction of that, so a batch is
always one process. Each run gets a private, throw-away user profile: two LibreOffice processes
sharing a profile hand their work to each other or fail on the profile lock.
"""

from __future__ import annotations

import os
import shutil
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


def convert_to_pdf(
    docx_paths: list[Path], outdir: Path, *, timeout: float | None = None, to: str = "pdf"
) -> list[Path]:
    """Convert every file of ``docx_paths`` to ``outdir/<stem>.pdf`` with ONE LibreOffice process
    (``to="docx"``: to .docx instead, for the importer's .doc/.rtf/.odt).

    Returns the PDF paths in input order. Raises :class:`SofficeError` naming the file when a PDF
    did not appear, and :class:`SofficeMissing` when LibreOffice is not installed.
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
                    path=source, other=stems[source.stem], name=f"{source.stem}.pdf"
                )
            )
        stems[source.stem] = source
    program = find_soffice()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / f"{source.stem}.{to}" for source in sources]
    for target in targets:
        target.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    limit = timeout if timeout is not None else _BASE_TIMEOUT + _PER_FILE_TIMEOUT * len(sources)
    with tempfile.TemporaryDirectory(prefix="workplan-soffice-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(outdir.resolve()),
            *(str(source) for source in sources),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=limit,
                check=False,
                env=_fontconfig_env(Path(profile)),
            )
        except subprocess.TimeoutExpired:
            raise SofficeError(
                _("LibreOffice did not finish converting {count} file(s) within {seconds} s").format(
                    count=len(sources), seconds=f"{limit:.0f}"
                )
            ) from None
    missing = [source for source, target in zip(sources, targets, strict=True) if not target.is_file()]
    if missing:
        detail = (result.stderr or result.stdout or "").strip().splitlines()
        reason = (
            _("LibreOffice said: {detail}").format(detail=detail[-1])
            if detail
            else _("exit code {code}").format(code=result.returncode)
        )
        raise SofficeError(
            _("{path}: LibreOffice produced no {kind} ({reason})").format(
                path=missing[0], kind=to.upper(), reason=reason
            )
        )
    return targets
