"""The library side of ``workplan tasks``: write a ledger, or write a ledger's statuses back."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from ..i18n import _
from ..load import load_document
from ..output import OutputError, check_plan_target, check_target, is_read_only, write_atomic
from .ledger import FORMATS, ledger_bytes, ledger_rows, read_ledger
from .update import unwritten_edits, update_plan_file


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputError(
            _("{path} exists; choose another {option} or add --force to overwrite it").format(
                path=path, option="-o"
            )
        )


def write_ledger(plan: Path, output: Path, *, force: bool = False) -> str:
    """Write the ledger of ``plan`` to ``output`` (format from its suffix); the line to report."""
    fmt = output.suffix.lower().lstrip(".")
    check_target(output, inputs=[plan])
    if fmt not in FORMATS:
        raise OutputError(
            _("{path}: a ledger is .xlsx, .csv or .json — change the -o suffix").format(path=output)
        )
    _refuse_existing(output, force)
    document = load_document(plan)
    rows = ledger_rows(document)
    write_atomic(output, ledger_bytes(rows, fmt, title=document.plan.title), inputs=[plan])
    return _("wrote {path} ({count} tasks)").format(path=output, count=len(rows))


def update_from_ledger(
    plan: Path, ledger: Path, output: Path | None, *, force: bool = False, warn: Callable[[str], None] = print
) -> list[str]:
    """Write the statuses of ``ledger`` into ``plan`` (in place, or into ``output``); the report.
    ``warn`` gets each cell the office changed that is not written (a new 牵头单位 …)."""
    target = plan if output is None else output
    if output is not None:
        check_target(output, inputs=[plan, ledger])
        check_plan_target(output)
        _refuse_existing(output, force)
    elif is_read_only(plan) and not force:
        # The rename of the atomic write would replace a plan someone marked read-only.
        raise OutputError(
            _("{path} is read-only; write the update into -o NEW.yaml, or add --force to change it").format(
                path=plan
            )
        )
    document = load_document(plan)  # a plan that does not load is reported as such, before the ledger
    rows = read_ledger(ledger)
    text, changes = update_plan_file(plan, ledger, rows)
    for problem in unwritten_edits(rows, document, str(ledger)):
        warn(str(problem))
    if not changes:
        if output is not None:
            write_atomic(output, text, inputs=[plan, ledger])
        return [_("{path}: no status changed").format(path=plan)]
    mode = plan.stat().st_mode & 0o7777 if output is None else None
    write_atomic(target, text, inputs=[ledger] if output is None else [plan, ledger])
    if mode is not None:
        with contextlib.suppress(OSError):  # written; only its mode could not be restored
            os.chmod(target, mode)  # the plan keeps its own (0600, read-only), not a new file's
    done = _("wrote {path} ({count} status changes)").format(path=target, count=len(changes))
    return [f"{target}:{c.line}: {c}" for c in changes] + [done]
