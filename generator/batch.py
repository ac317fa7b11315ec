"""Rendering many plans at once: ``workplan render *.yaml -d OUT --format txt,docx,pdf``.

Every output is ``OUT/<plan stem>.<format>``, written atomically. A plan that does not load is
reported (file:line:col) and skipped; the others are still rendered, and the caller learns of the
failure from the result. PDF goes through LibreOffice once for the whole batch, because starting
it costs seconds and converting one more document a fraction of that.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .i18n import _
from .load import load_document
from .model import Document
from .output import OutputError, exists_message, make_folder
from .render import FORMATS, FormatError, render_files


@dataclass
class BatchResult:
    """What a batch wrote, and which plans it could not render."""

    written: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def check_formats(formats: Sequence[str]) -> list[str]:
    """The requested formats, without repeats; :class:`FormatError` names any unknown one."""
    wanted = list(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    known = ", ".join(FORMATS)
    if not wanted:
        raise FormatError(
            _("no output format given — use --format with some of {formats}").format(formats=known)
        )
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise FormatError(
            _("unknown output format {format} — use some of {formats}").format(
                format=", ".join(map(repr, unknown)), formats=known
            )
        )
    return wanted


def output_paths(
    plans: Sequence[Path], outdir: Path, formats: Sequence[str], *, force: bool = True
) -> dict[Path, dict[str, Path]]:
    """``outdir/<stem>.<format>`` for each plan; two plans with one stem would overwrite each
    other, an output may not be one of the inputs, and without ``force`` an existing file is not
    written over, so all three are refused up front."""
    inputs = {Path(p).resolve() for p in plans}
    targets: dict[Path, dict[str, Path]] = {}
    owner: dict[Path, Path] = {}
    for plan in plans:
        targets[plan] = {}
        for fmt in formats:
            target = outdir / f"{Path(plan).stem}.{fmt}"
            key = target.resolve()
            if key in owner and owner[key] != plan:
                raise OutputError(
                    _(
                        "{first} and {second} would both be written to {path} — "
                        "rename one or render them into different folders"
                    ).format(first=owner[key], second=plan, path=target)
                )
            if key in inputs:
                raise OutputError(
                    _("{path}: refusing to overwrite the input file; choose another {option}").format(
                        path=target, option="-d"
                    )
                )
            if not force and os.path.lexists(target):
                raise OutputError(exists_message(target, "-d"))
            owner[key] = plan
            targets[plan][fmt] = target
    return targets


class _Console:
    """Messages and progress on stderr; a rich progress bar only on a terminal."""

    def __init__(self, total: int, bar: bool) -> None:
        self.total = total
        self.bar = bar
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Console:
        if self.bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            console = Console(stderr=True)
            columns = (
                TextColumn("{task.description}", markup=False),  # a file name is not markup
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self._progress = Progress(*columns, console=console, transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task(_("rendering"), total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def say(self, line: str) -> None:
        """A message line, printed above the bar when there is one."""
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def start(self, what: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=what)

    def done(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)


def render_batch(
    plans: Sequence[Path],
    outdir: Path,
    formats: Sequence[str],
    *,
    template: Path | None = None,
    progress: bool = True,
    numbering: str = "word",
    force: bool = True,
) -> BatchResult:
    """Render each plan in each format into ``outdir``; see the module docstring.

    Raises :class:`FormatError` or :class:`OutputError` before writing anything when the request
    itself is wrong (unknown format, clashing or self-overwriting outputs, ``outdir`` a file).
    """
    formats = check_formats(formats)
    plans = [Path(p) for p in plans]
    targets = output_paths(plans, Path(outdir), formats, force=force)
    make_folder(outdir, option="-d")  # -d names a folder to fill, so it may be created
    result = BatchResult()
    pdf_jobs: list[tuple[Path, Document, list[Path]]] = []
    with_pdf = "pdf" in formats
    with _Console(len(plans) + int(with_pdf), progress and sys.stderr.isatty()) as console:
        for plan in plans:
            console.start(str(plan))
            document = _render_plan(plan, formats, targets[plan], plans, template, console, result, numbering)
            if document is not None and with_pdf:
                pdf_jobs.append((plan, document, [targets[plan][f] for f in formats if f in ("docx", "pdf")]))
            console.done()
        if pdf_jobs:
            console.start(_("PDF of {count} plan(s) with LibreOffice").format(count=len(pdf_jobs)))
            _render_pdfs(pdf_jobs, template, console, result, numbering)
            console.done()
    return result


def _render_plan(
    plan: Path,
    formats: list[str],
    targets: dict[str, Path],
    inputs: list[Path],
    template: Path | None,
    console: _Console,
    result: BatchResult,
    numbering: str = "word",
) -> Document | None:
    """Load one plan and write its non-PDF outputs; the document, or None after a problem."""
    try:
        document = load_document(plan)
        # With PDF the .docx is written with it, from the PDF's layout pass (render_files).
        later = {"pdf", "docx"} if "pdf" in formats else {"pdf"}
        jobs = [(document, targets[f]) for f in formats if f not in later]
        written = render_files(jobs, template=template, inputs=inputs, option="-d", numbering=numbering)
        result.written.extend(written)
    except InputError as exc:
        for problem in exc.problems:
            console.say(str(problem))
        result.failed.append(plan)
        return None
    except OutputError as exc:
        console.say(_("error: {message}").format(message=exc))
        result.failed.append(plan)
        return None
    return document


def _render_pdfs(
    jobs: list[tuple[Path, Document, list[Path]]],
    template: Path | None,
    console: _Console,
    result: BatchResult,
    numbering: str = "word",
) -> None:
    """All PDFs of the batch (and their .docx) with one LibreOffice start, plus one for flow fixes."""
    from .soffice import SofficeError

    pairs = [(document, target) for _, document, targets in jobs for target in targets]
    try:
        inputs = [plan for plan, _, _ in jobs]
        written = render_files(pairs, template=template, inputs=inputs, option="-d", numbering=numbering)
    except (SofficeError, OutputError, InputError) as exc:
        lines = (
            [str(p) for p in exc.problems]
            if isinstance(exc, InputError)
            else [_("error: {message}").format(message=exc)]
        )
        for line in lines:
            console.say(line)
        result.failed.extend(plan for plan, _, _ in jobs)
        return
    result.written.extend(written)
