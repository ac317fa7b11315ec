"""Writing output files safely: never a partial file, never over an input, never a traceback.

Every refusal is an :class:`OutputError` naming the path, what is wrong and which option to change;
the CLI prints it and exits 2.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .i18n import _


class OutputError(Exception):
    """An output that cannot or must not be written (over an input, into a missing folder, …)."""


def _same_file(target: Path, source: str | Path) -> bool:
    source = Path(source)
    return source.exists() and target.exists() and target.resolve() == source.resolve()


def check_target(path: str | Path, *, inputs: Iterable[str | Path] = (), option: str = "-o") -> Path:
    """Refuse ``path`` as an output before anything is rendered: an input file, a folder, or a file
    in a folder that does not exist (a mistyped -o must not quietly create folders)."""
    target = Path(path)
    for source in inputs:
        if _same_file(target, source):
            raise OutputError(
                _("{path}: refusing to overwrite the input file; choose another {option}").format(
                    path=target, option=option
                )
            )
    if target.is_dir():
        raise OutputError(
            _("{path}: is a folder — give {option} the name of a file to write").format(
                path=target, option=option
            )
        )
    folder = target.parent
    if not folder.exists():
        raise OutputError(
            _("{path}: the folder does not exist — create it first or choose another {option}").format(
                path=folder, option=option
            )
        )
    if not folder.is_dir():
        raise OutputError(_not_a_folder(folder, option))
    return target


def check_targets(targets: Mapping[str, str | Path | None], *, inputs: Iterable[str | Path] = ()) -> None:
    """Check every output of one command (option → path; None = not asked for) before writing
    any, so that a bad second output does not leave the first one written; two options naming
    the same file are refused too."""
    inputs = list(inputs)
    seen: dict[Path, str] = {}
    for option, path in targets.items():
        if path is None:
            continue
        check_target(path, inputs=inputs, option=option)
        key = Path(path).resolve()
        if key in seen:
            raise OutputError(
                _("{path}: {first} and {option} name the same file; choose another {option}").format(
                    path=path, first=seen[key], option=option
                )
            )
        seen[key] = option


def _not_a_folder(folder: Path, option: str) -> str:
    return _("{path}: is a file, not a folder — choose another {option}").format(path=folder, option=option)


def make_folder(path: str | Path, *, option: str = "-d") -> Path:
    """Create the output folder ``path`` (and its parents) if needed — only for an explicit folder
    option such as ``render -d``."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(_not_a_folder(folder, option)) from None
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot create the folder: {reason} — choose another {option}").format(
                path=folder, reason=exc.strerror, option=option
            )
        ) from None
    return folder


def write_atomic(
    path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = (), option: str = "-o"
) -> Path:
    """Write ``data`` to ``path`` through a temp file in the same folder, then rename.

    A crash or an error half-way leaves no partial output. Refusals (see :func:`check_target`) and
    system errors (permission, full disk, read-only folder) raise :class:`OutputError`; ``option``
    is the command-line option the message tells the user to change.
    """
    target = check_target(path, inputs=inputs, option=option)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp creates 0600; an output file gets the permissions any new file would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write: {reason} — choose another {option}").format(
                path=target, reason=exc.strerror or exc, option=option
            )
        ) from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink(missing_ok=True)
    return target
