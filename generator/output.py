"""Writing output files safely: never a partial file, never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output that must not be written (it would overwrite an input)."""


def write_atomic(path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` through a temp file in the same folder, then rename.

    A crash or an error half-way leaves no partial output; ``inputs`` are refused as targets.
    """
    target = Path(path)
    for source in inputs:
        if Path(source).exists() and target.exists() and target.resolve() == Path(source).resolve():
            raise OutputError(f"{target}: refusing to overwrite the input file; choose another -o")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp creates 0600; an output file gets the permissions any new file would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
