"""Writing output files safely: never a partial file, never over an input, never a traceback.

Every refusal is an :class:`OutputError` naming the path, what is wrong and which option to change;
the CLI prints it and exits 2.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import os_reason
from .i18n import _


class OutputError(Exception):
    """An output that cannot or must not be written (over an input, into a missing folder, …)."""


def _same_file(target: Path, source: str | Path) -> bool:
    source = Path(source)
    return source.exists() and target.exists() and target.resolve() == source.resolve()


def exists_message(target: str | Path, option: str) -> str:
    return _("{path} exists; choose another {option} or add --force to overwrite it").format(
        path=target, option=option
    )


def check_target(
    path: str | Path, *, inputs: Iterable[str | Path] = (), option: str = "-o", force: bool = True
) -> Path:
    """Refuse ``path`` as an output before anything is rendered: an input file, a folder, a file
    in a folder that does not exist (a mistyped -o must not quietly create folders), and — unless
    ``force`` (the commands' --force) — a file that exists."""
    target = Path(path)
    for source in inputs:
        if _same_file(target, source):
            raise OutputError(
                _("{path}: refusing to overwrite the input file; choose another {option}").format(
                    path=target, option=option
                )
            )
    try:
        mode: int | None = os.lstat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise OutputError(symlink_message(target, option))
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise OutputError(special_file_message(target, mode, option))
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
    if not force and mode is not None:
        raise OutputError(exists_message(target, option))
    return target


def is_read_only(path: str | Path) -> bool:
    """``path`` is marked read-only: no write bit for anyone (chmod a-w, Windows' 只读 on a shared
    drive; root could still write it) or none for this user. An atomic write (temp file + rename)
    would replace it all the same, so the commands that edit a file in place ask first."""
    try:
        return not (os.stat(path).st_mode & 0o222) or not os.access(path, os.W_OK)
    except OSError:
        return False


PLAN_SUFFIXES = (".yaml", ".yml")


def check_plan_target(path: str | Path, option: str = "-o") -> None:
    """Refuse a plan YAML output not named .yaml/.yml: `import x.docx -o plan.docx` would write
    YAML that Word cannot open, and `-o -` a file named "-"."""
    target = Path(path)
    if str(path) == "-":
        raise OutputError(
            _(
                "-o - (standard output) is for render's text formats; give {option} the plan file to write, "
                "e.g. plan.yaml"
            ).format(option=option)
        )
    if target.suffix.lower() not in PLAN_SUFFIXES:
        raise OutputError(
            _(
                "{path}: a plan is written as YAML — name it {name}; render makes .docx, .pdf … from it"
            ).format(path=target, name=target.with_suffix(".yaml").name)
        )


def symlink_message(target: Path, option: str) -> str:
    return _(
        "{path}: is a symbolic link — workplan does not write through links; choose another {option}"
    ).format(path=target, option=option)


def special_file_message(target: Path, mode: int, option: str) -> str:
    from .limits import file_kind

    return _("{path}: is {kind}, not a file — choose another {option}").format(
        path=target, kind=file_kind(mode), option=option
    )


def check_targets(
    targets: Mapping[str, str | Path | None], *, inputs: Iterable[str | Path] = (), force: bool = True
) -> None:
    """Check every output of one command (option → path; None = not asked for) before writing
    any, so that a bad second output does not leave the first one written; two options naming
    the same file are refused too."""
    inputs = list(inputs)
    seen: dict[Path, str] = {}
    for option, path in targets.items():
        if path is None:
            continue
        check_target(path, inputs=inputs, option=option, force=force)
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
                path=folder, reason=os_reason(exc), option=option
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
    return write_together([(path, data, option)], inputs=inputs)[0]


def write_together(
    outputs: list[tuple[str | Path, bytes | str, str]], *, inputs: Iterable[str | Path] = ()
) -> list[Path]:
    """Write several outputs of one command (path, data, option) all or none: each goes to a
    temp file first, and only when every one is written in full are they renamed into place —
    a full disk while writing the second leaves neither (import's YAML and its report)."""
    inputs = list(inputs)
    targets = [check_target(path, inputs=inputs, option=option) for path, _data, option in outputs]
    temps: list[str] = []
    done: list[Path] = []
    existed = [target.exists() for target in targets]
    current = 0  # the output being written or renamed, for the message
    try:
        for target, (_path, data, _option) in zip(targets, outputs, strict=True):
            current = len(temps)
            temps.append(_write_temp(target, data.encode("utf-8") if isinstance(data, str) else data))
        for target, tmp in zip(targets, temps, strict=True):
            current = len(done)
            os.replace(tmp, target)
            done.append(target)
    except OSError as exc:
        for target, was in zip(done, existed, strict=False):
            if not was:  # a file this command created must not stay when its sibling failed
                target.unlink(missing_ok=True)
        raise OutputError(write_failed_message(targets[current], exc, outputs[current][2])) from None
    finally:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
    return targets


def write_failed_message(target: Path, exc: OSError, option: str) -> str:
    return _("{path}: cannot write: {reason} — nothing was written; choose another {option}").format(
        path=target, reason=os_reason(exc), option=option
    )


def _write_temp(target: Path, payload: bytes) -> str:
    """A temp file beside ``target`` holding ``payload`` (flushed), with a new file's permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())  # a full disk shows here, not after the rename
        # mkstemp creates 0600; an output file gets the permissions any new file would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def terminal_console(**options: object) -> object:
    """A rich Console for stdout whose closed pipe raises BrokenPipeError like any other write
    (rich itself exits 1 silently), so the CLI reports it as it does everywhere (exit 2)."""
    import errno

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    return _Console(**options)  # type: ignore[arg-type]
