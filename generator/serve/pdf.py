"""PDF downloads from one LibreOffice process that lives as long as the server.

``soffice --convert-to`` starts LibreOffice for every call (seconds each); forwarding a
``--convert-to`` to a running instance makes that instance quit afterwards. So the editor starts
LibreOffice once, listening on a private pipe (``--accept=pipe,…;urp``), and converts over UNO,
as unoconv does: load the .docx hidden, store it with the ``writer_pdf_Export`` filter, close it.
UNO's Python binding (Debian's ``python3-uno``) belongs to the system Python, not to a venv, so the
UNO side runs as a small worker script under that interpreter, fed one JSON line per file.

Without python3-uno the editor falls back to :func:`generator.soffice.convert_to_pdf` (one
LibreOffice start per download).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..i18n import _
from ..soffice import SofficeError, _fontconfig_env, convert_to_pdf, find_soffice

WORKER = r"""
import json, sys, time, subprocess
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

soffice, profile, pipe = sys.argv[1:4]
office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
    "--norestore", "--nologo", "--nolockcheck", "--nodefault",
    "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + 90
while True:
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        break
    except Exception:
        if time.time() > deadline or office.poll() is not None:
            print(json.dumps({"ready": False}), flush=True); sys.exit(1)
        time.sleep(0.2)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print(json.dumps({"ready": True}), flush=True)
try:
    for line in sys.stdin:
        job = json.loads(line)
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                               (prop("Hidden", True),))
            try:
                target = uno.systemPathToFileUrl(job["out"])
                doc.storeToURL(target, (prop("FilterName", "writer_pdf_Export"),))
            finally:
                doc.close(True)
            print(json.dumps({"ok": True}), flush=True)
        except Exception as exc:
            print(json.dumps({"ok": False, "error": str(exc)}), flush=True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(10)
    except Exception:
        office.kill()
"""


def uno_python() -> str | None:
    """An interpreter that can ``import uno``: this one, else the system's python3."""
    for candidate in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if not candidate or not Path(candidate).exists():
            continue
        try:
            ok = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=20, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            return candidate
    return None


class PdfConverter:
    """Converts .docx bytes to PDF bytes; the LibreOffice process is started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: subprocess.Popen[str] | None = None
        self._workdir = Path(tempfile.mkdtemp(prefix="workplan-serve-pdf-"))
        self.mode = "none"
        self.conversions = 0

    def start(self) -> None:
        """Start LibreOffice now (the server warms it up in the background at start)."""
        with self._lock:
            self._ensure()

    def _ensure(self) -> None:
        if self._worker is not None and self._worker.poll() is None:
            return
        python = uno_python()
        if python is None:
            self.mode = "per-call"
            return
        soffice = find_soffice()
        profile = self._workdir / "profile"
        script = self._workdir / "uno_worker.py"
        script.write_text(WORKER, encoding="utf-8")
        env = _fontconfig_env(self._workdir)
        env.pop("PYTHONPATH", None)
        env.pop("PYTHONHOME", None)
        pipe = f"workplan_{os.getpid()}_{id(self)}"
        self._worker = subprocess.Popen(
            [python, str(script), soffice, profile.as_uri(), pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self._worker.stdout is not None
        ready = json.loads(self._worker.stdout.readline() or '{"ready": false}')
        if not ready.get("ready"):
            self.close_locked()
            self.mode = "per-call"
            return
        self.mode = "resident"

    def convert(self, docx: bytes) -> bytes:
        with self._lock:
            self._ensure()
            source = self._workdir / "document.docx"
            target = self._workdir / "document.pdf"
            source.write_bytes(docx)
            target.unlink(missing_ok=True)
            if self.mode == "resident" and self._worker is not None:
                assert self._worker.stdin is not None and self._worker.stdout is not None
                self._worker.stdin.write(json.dumps({"in": str(source), "out": str(target)}) + "\n")
                self._worker.stdin.flush()
                reply = json.loads(self._worker.stdout.readline() or '{"ok": false, "error": "worker ended"}')
                if not reply.get("ok"):
                    # UNO's own reason is English: named in brackets, for whoever looks into it.
                    raise SofficeError(
                        _("LibreOffice could not convert the document ({reason}); try again").format(
                            reason=reply.get("error")
                        )
                    )
            else:
                convert_to_pdf([source], self._workdir)
            self.conversions += 1
            return target.read_bytes()

    def close(self) -> None:
        with self._lock:
            self.close_locked()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def close_locked(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        try:
            if worker.stdin:
                worker.stdin.close()
            worker.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            worker.kill()

    def pid(self) -> int | None:
        return self._worker.pid if self._worker is not None else None
