"""A small on-disk cache of derived data (prepared and compiled templates, the model's validator
schema: ``model_tools``) in the user's cache folder.

Compiling the Word template's Jinja code and docxtpl's preparation of it (opening it with
python-docx, cleaning its XML) take longer than the rest of a render; their results depend only on
the template's bytes and the library versions, so they are stored under a key of those and reused
by the next process, which then imports neither docxtpl nor python-docx. A cache that cannot be read
or written is no error: the work is done again.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

_DISABLED = "0"


def cache_dir() -> Path | None:
    """WORKPLAN_CACHE_DIR, else $XDG_CACHE_HOME/workplan, else ~/.cache/workplan; None when
    WORKPLAN_CACHE_DIR is "0" (no cache)."""
    chosen = os.environ.get("WORKPLAN_CACHE_DIR")
    if chosen == _DISABLED:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workplan"


def key(*parts: str | bytes) -> str:
    """A key for ``parts`` and the Python version (compiled code is specific to it)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def load(kind: str, name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / kind / name).read_bytes()
    except OSError:
        return None


def store(kind: str, name: str, data: bytes) -> None:
    """Write atomically (a concurrent reader never sees half a file); failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        target = folder / kind
        target.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target / name)
    except OSError:
        pass
