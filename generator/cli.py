"""The `workplan` command: each subcommand is a few lines over a library function.

Commands are defined in the order of the work (typer lists them in that order):
new/import → validate → render → check, then diff, rollover and tasks; schema last.
Exit codes: 0 ok, 1 the document has problems (or, for diff, differs), 2 usage or input error.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__, help_i18n
from .errors import InputError, os_reason
from .i18n import _
from .list_numbering import NUMBERING_MODES
from .load import load_document
from .output import (
    OutputError,
    check_plan_target,
    check_target,
    check_targets,
    exists_message,
    write_atomic,
    write_together,
)
from .render import TEXT_FORMATS, FormatError, format_of, refuse_unused_template, render, render_to_file
from .soffice import SofficeError

HELP = """\
Draft Chinese government work plans (工作要点) as GB/T 9704-2012 documents.

Workflow: **new** (a starter plan) or **import** (last year's .docx/.txt/.md) → edit the YAML →
**validate** → **render** (.docx .pdf .html .md .txt) → **check** the layout.
Between versions: **diff**; for next year: **rollover**; during the year: **tasks** (督办台账).

Exit codes: 0 ok · 1 the document has problems (validate, check) or differs (diff) ·
2 bad input or usage (one message naming file:line:column, nothing written).
"""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


def _error(message: object) -> str:
    """``error: message`` in the language in force."""
    return _("error: {message}").format(message=message)


def _echo_problems(exc: InputError) -> None:
    for problem in exc.problems:
        typer.echo(str(problem), err=True)


def guarded(func: F) -> F:
    """Turn bad input into one clear message and exit 2, never a traceback; the same for a
    standard output that is closed (``| head -c1``) or full (``> /dev/full``)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return func(*args, **kwargs)
            finally:
                sys.stdout.flush()  # a full disk shows here, not at exit as "Exception ignored"
        except InputError as exc:
            _echo_problems(exc)
            raise typer.Exit(2) from None
        except (OutputError, FormatError, SofficeError) as exc:
            raise _fail(_error(exc)) from None
        except OSError as exc:
            # Files are read and written through limits.py and output.py, which raise the errors
            # above; what is left is the terminal's stdout.
            if exc.errno not in _STDOUT_ERRORS:
                raise
            _drop_stdout()
            raise _fail(stdout_message(exc)) from None

    return wrapper  # type: ignore[return-value]


_STDOUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG}


def stdout_message(exc: OSError) -> str:
    if exc.errno == errno.EPIPE:
        return _("error: standard output was closed before everything was written")
    return _("error: cannot write to standard output: {reason}").format(reason=os_reason(exc))


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so what is still buffered does not fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class Interrupted(BaseException):
    """SIGINT or SIGTERM: unwinds every ``with`` and ``finally`` (temp folders, LibreOffice) like
    an exception, then exits 128 + the signal number. A BaseException, so no ``except
    Exception`` swallows it, and not KeyboardInterrupt, which click would turn into "Aborted!"."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupted_message(signum: int) -> str:
    return _("interrupted ({signal}); temporary files removed").format(signal=signal.Signals(signum).name)


def _on_signal(signum: int, frame: object) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
    raise Interrupted(signum)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of messages and help: zh (中文) or en; default from the locale (LANG=zh_CN).",
        ),
    ] = None,
) -> None:
    # The language is chosen from argv on import (generator.i18n), before any help text is built.
    pass


@app.command("new")
@guarded
def new_cmd(
    issuer: Annotated[str, typer.Option("--issuer", help="发文机关 name, e.g. 某某市卫生健康委员会.")],
    year: Annotated[int, typer.Option("--year", help="Plan year, e.g. 2025.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; stdout if absent.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter plan that validates cleanly."""
    from .starter import starter_plan, write_starter

    try:
        if output is None:
            sys.stdout.write(starter_plan(issuer, year))
            return
        check_target(output, force=True)  # a folder, a device … first, as every command says it
        check_plan_target(output)
        write_starter(issuer, year, output, force=force)
    except ValueError as exc:
        raise _fail(_error(exc)) from None
    typer.echo(_("wrote {path}").format(path=output), err=True)


@app.command("import")
@guarded
def import_cmd(
    source: Annotated[
        Path,
        typer.Argument(help="Last year's document: .txt, .md, .docx, .pdf, .html, .doc/.wps, .rtf, .odt."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Plan YAML to write.")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the defect report as JSON.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing plan or report.")] = False,
) -> None:
    """Import a document into a plan YAML; numbering defects are reported (exit 0 when read)."""
    from .dump import dump_document
    from .readers import import_file
    from .readers.defects import defects_json

    check_targets({"-o": output, "--report": report}, inputs=[source], force=force)
    check_plan_target(output)
    result = import_file(source)
    for defect in result.defects:
        typer.echo(defect.format(str(source)), err=True)
    comments = [
        _("Imported from {name}; {count} defect(s) reported.").format(
            name=source.name, count=len(result.defects)
        )
    ]
    outputs = [(output, dump_document(result.document, for_file=output, comments=comments), "-o")]
    if report is not None:
        outputs.append((report, defects_json(result.defects), "--report"))
    write_together(outputs, inputs=[source])  # the YAML and its report, or neither
    written = _wrote(output, report)
    typer.echo(
        _("{written} ({count} defect(s) reported)").format(written=written, count=len(result.defects)),
        err=True,
    )


def _wrote(output: Path, report: Path | None) -> str:
    """``wrote OUTPUT`` or ``wrote OUTPUT and REPORT``."""
    if report is None:
        return _("wrote {path}").format(path=output)
    return _("wrote {path} and {report}").format(path=output, report=report)


@app.command("validate")
@guarded
def validate_cmd(
    plans: Annotated[list[Path], typer.Argument(help="Plan YAML file(s).")],
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Also check typography: half-width , : ; ( ) ? ! in Chinese text."),
    ] = False,
) -> None:
    """Check plans: loader errors (exit 2) and semantic warnings (exit 1); clean files print `ok`."""
    from .check.lint import lint_document

    worst = 0
    for plan in plans:
        try:
            document = load_document(plan)
        except InputError as exc:  # reported like @guarded does, but the other files are still checked
            _echo_problems(exc)
            worst = 2
            continue
        warnings = lint_document(document, plan, strict=strict)
        for warning in warnings:
            typer.echo(str(warning), err=True)
        if warnings:
            worst = max(worst, 1)
        else:
            typer.echo(_("{path}: ok").format(path=plan))
    raise typer.Exit(worst)


@app.command("render")
@guarded
def render_cmd(
    plans: Annotated[list[Path], typer.Argument(help="Plan YAML file(s).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file; format from suffix; - for stdout.")
    ] = None,
    outdir: Annotated[
        Path | None, typer.Option("-d", "--outdir", help="Output folder for many plans (created if needed).")
    ] = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="With -d: comma-separated formats, e.g. docx,pdf (default txt); with -o -: the text "
            "format. With -o FILE the suffix decides, and -f must agree with it.",
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Agency's own Word template (.docx).")
    ] = None,
    numbering: Annotated[
        str,
        typer.Option(
            "--numbering",
            help="docx/pdf headings: 'word' (Word's own list numbering, renumbers on edits) or "
            "'text' (labels typed into the text, for templates that need it).",
        ),
    ] = "word",
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on validate's warnings (exit 1, nothing written).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
) -> None:
    """Render plans to .docx .pdf .html .md .txt (format from the -o suffix); validate's warnings
    go to stderr."""
    from .check.lint import lint_files

    if numbering not in NUMBERING_MODES:
        raise _fail(
            _error(
                _("--numbering {value} — use one of {choices}").format(
                    value=repr(numbering), choices=", ".join(NUMBERING_MODES)
                )
            )
        )
    if (output is None) == (outdir is None):
        raise _fail(_error(_("give either -o OUTPUT (one plan) or -d OUTDIR (one or more plans)")))
    if strict:  # before anything is written
        _print_warnings(lint_files(plans), strict=True)
    wanted = [f.strip().lower().lstrip(".") for f in (formats or "txt").split(",") if f.strip()]
    if output is not None:
        if len(plans) != 1:
            raise _fail(_error(_("-o takes one plan; use -d OUTDIR for several")))
        _render_one(plans[0], output, template, wanted if formats is not None else None, numbering, force)
        if not strict:  # after rendering: an output error stays the one message
            _print_warnings(lint_files(plans), strict=False)
        return
    assert outdir is not None
    refuse_unused_template(template, wanted)
    from .batch import render_batch

    ok = render_batch(
        plans, outdir, wanted, template=template, progress=True, numbering=numbering, force=force
    ).ok
    if not strict:
        _print_warnings(lint_files(plans), strict=False)
    if not ok:
        raise typer.Exit(2)


def _print_warnings(warnings: list[Any], *, strict: bool) -> None:
    """validate's warnings on stderr; with --strict any warning fails the render (exit 1)."""
    for warning in warnings:
        typer.echo(str(warning), err=True)
    if strict and warnings:
        message = _("{count} warning(s) and --strict: nothing written").format(count=len(warnings))
        typer.echo(_error(message), err=True)
        raise typer.Exit(1)


def _render_one(
    plan: Path,
    output: Path,
    template: Path | None,
    formats: list[str] | None,
    numbering: str = "word",
    force: bool = False,
) -> None:
    if str(output) == "-":
        fmt = ",".join(formats) if formats else "txt"
        if fmt not in TEXT_FORMATS:
            raise _fail(_error(_("-o - writes one text format only (--format txt, md or html)")))
        refuse_unused_template(template, [fmt])
        data = render(load_document(plan), fmt)
        assert isinstance(data, str)
        sys.stdout.write(data)
        return
    check_target(output, inputs=[plan], force=force)  # "is a folder" says more than "no suffix"
    fmt = format_of(output)
    if formats is not None and formats != [fmt]:
        raise _fail(
            _error(
                _(
                    "-o {output} writes {format}, but --format asks for {formats} — "
                    "drop --format or change the -o suffix"
                ).format(output=output, format=fmt, formats=",".join(formats))
            )
        )
    render_to_file(load_document(plan), output, template=template, inputs=[plan], numbering=numbering)


@app.command("check")
@guarded
def check_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="A .docx (converted with LibreOffice) or .pdf; several allowed.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON (a list of reports for several files).")
    ] = False,
    simplex: Annotated[
        bool,
        typer.Option("--simplex", help="Printed single-sided: the 版记 need not be on an even page."),
    ] = False,
) -> None:
    """Measure a document's layout against GB/T 9704-2012 (exit 1 when a rule fails)."""
    from .check.layout import CheckInputError, check_files
    from .check.report import report_table, reports_json

    try:
        reports = check_files(files, simplex=simplex)
    except (CheckInputError, SofficeError) as exc:
        raise _fail(_error(exc)) from None
    if as_json:
        typer.echo(reports_json(reports, as_list=len(files) > 1))
    else:
        from .output import terminal_console

        console: Any = terminal_console()
        for file, report in zip(files, reports, strict=True):
            console.print(report_table(report, title=str(file)))
    raise typer.Exit(0 if all(r.passed for r in reports) else 1)


@app.command("diff")
@guarded
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="Old version: plan .yaml or .docx/.txt/.md document.")],
    new: Annotated[Path, typer.Argument(help="New version, same kinds of file.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="diff.html, diff.json or diff.docx (tracked changes)."),
    ] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Print the counts only.")] = False,
    author: Annotated[str, typer.Option("--author", help="Author of the docx revisions.")] = "workplan",
    template: Annotated[
        Path | None, typer.Option("--template", help="With -o diff.docx: the agency's own Word template.")
    ] = None,
    color: Annotated[
        str,
        typer.Option(
            "--color", help="always, never or auto (colour on a terminal; [-old-]{+new+} marks otherwise)."
        ),
    ] = "auto",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing -o file.")] = False,
) -> None:
    """Compare two versions of a plan; exit 0 same, 1 different, 2 bad input."""
    from .diff import diff_documents, load_version
    from .limits import illegal_char_message
    from .writers.diff_files import DIFF_FORMATS, render_diff
    from .writers.diff_text import COLOR_CHOICES, diff_console, print_diff, summary_line

    if color not in COLOR_CHOICES:
        raise _fail(_error(_("--color {color}: choose always, never or auto").format(color=color)))

    fmt = output.suffix.lower().lstrip(".") if output is not None else ""
    if (wrong := illegal_char_message(author, _("the name"))) is not None:
        raise _fail(_error(_("--author: {reason} — type the name again").format(reason=wrong)))
    if output is not None and fmt not in DIFF_FORMATS:
        raise _fail(
            _error(
                _("{path}: diff writes .html, .json or .docx — choose one of those suffixes").format(
                    path=output
                )
            )
        )
    if template is not None and fmt != "docx":
        raise _fail(_error(_("--template shapes diff.docx only — drop --template or write -o diff.docx")))
    check_targets({"-o": output}, inputs=[old, new], force=force)
    result = diff_documents(load_version(old), load_version(new))
    if output is None:
        print_diff(result, diff_console(color), summary_only=summary)
    else:
        data = render_diff(result, fmt, author=author, template=template)
        write_atomic(output, data, inputs=[old, new])
        typer.echo(_("wrote {path}").format(path=output), err=True)
        typer.echo(summary_line(result))
    raise typer.Exit(0 if result.same else 1)


@app.command("rollover")
@guarded
def rollover_cmd(
    plan: Annotated[Path, typer.Argument(help="This year's plan: .yaml, or .docx/.txt/.md (imported).")],
    year: Annotated[int, typer.Option("--year", help="The new plan year, e.g. 2025.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The draft plan YAML to write.")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Review report (Markdown) to write, e.g. review.md.")
    ] = None,
    bump_text_years: Annotated[
        bool, typer.Option("--bump-text-years", help="Apply every proposed year change in the text.")
    ] = False,
    keep_done: Annotated[
        bool, typer.Option("--keep-done", help="Keep items whose status is done or dropped.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing draft or report.")] = False,
) -> None:
    """Draft next year's plan: years advance, 序号 and dates cleared, text years listed for review."""
    from .rollover import RolloverError, rollover_file
    from .writers.review_md import render_review

    check_targets({"-o": output, "--report": report}, inputs=[plan])
    check_plan_target(output)
    for option, target in (("-o", output), ("--report", report)):
        if target is not None and target.exists() and not force:
            raise _fail(_error(_exists(target, option)))
    try:
        result = rollover_file(
            plan, year, for_file=output, bump_text_years=bump_text_years, keep_done=keep_done
        )
    except RolloverError as exc:
        raise _fail(_error(_("{path}: {reason}").format(path=plan, reason=exc))) from None
    outputs = [(output, result.yaml_text, "-o")]
    if report is not None:
        outputs.append((report, render_review(result, str(output)), "--report"))
    write_together(outputs, inputs=[plan])  # the draft and its review, or neither
    typer.echo(str(result.summary))
    typer.echo(_wrote(output, report), err=True)


@app.command("tasks")
@guarded
def tasks_cmd(
    plan: Annotated[Path, typer.Argument(help="Plan YAML.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Ledger: .xlsx, .csv or .json (with --update: the YAML to write)."
        ),
    ] = None,
    update: Annotated[
        Path | None,
        typer.Option("--update", help="Read this ledger back and write its status changes into the plan."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """The 督办台账: one row per task (.xlsx/.csv/.json); --update writes its statuses back."""
    from .tasks.cli import update_from_ledger, write_ledger

    if update is None:
        if output is None:
            raise _fail(_("error: give -o tasks.xlsx|.csv|.json, or --update LEDGER"))
        typer.echo(write_ledger(plan, output, force=force), err=True)
        return
    for line in update_from_ledger(plan, update, output, force=force, warn=lambda w: typer.echo(w, err=True)):
        typer.echo(line)


@app.command("serve")
@guarded
def serve_cmd(
    path: Annotated[
        Path, typer.Argument(help="A plan .yaml to open, or a folder of plans (default: this folder).")
    ] = Path("."),
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = 8765,
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on; anything but 127.0.0.1 is warned about.")
    ] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
) -> None:
    """Edit plans in a local web page (in Chinese) with a live A4 preview; saving keeps the YAML's layout."""
    from .serve.app import ServeError, serve

    try:
        serve(path, host=host, port=port, open_browser=not no_browser, echo=typer.echo)
    except ServeError as exc:
        raise _fail(_error(str(exc))) from None


@app.command("schema")
@guarded
def schema_cmd(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write it to this file (e.g. plans/workplan.schema.json: plan files written beside it "
            "point their $schema comment at it); stdout if absent.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Print the JSON Schema of the plan YAML (for editors)."""
    from .schema import schema_text

    if output is None:
        sys.stdout.write(schema_text())
        return
    check_target(output)
    if output.exists() and not force:
        raise _fail(_error(_exists(output, "-o")))
    write_atomic(output, schema_text())
    typer.echo(_("wrote {path}").format(path=output), err=True)


def _exists(target: Path, option: str) -> str:
    return exists_message(target, option)


def lang_first(argv: list[str]) -> list[str]:
    """``argv`` with a ``--lang`` written after the command (``validate x.yaml --lang zh``) moved
    before it: the language already follows it (generator.i18n reads all of argv), and the option
    belongs to the program, not to the command, which would refuse it."""
    out = list(argv)
    end = out.index("--") if "--" in out else len(out)
    for index in range(end):
        arg = out[index]
        if arg.startswith("--lang="):
            return [out.pop(index), *out]
        if arg == "--lang" and index + 1 < end:
            pair = out[index : index + 2]
            del out[index : index + 2]
            return [*pair, *out]
    return out


def main() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)
    try:
        help_i18n.translate_usage_errors()
        help_i18n.translate(typer.main.get_command(app))(args=lang_first(sys.argv[1:]), prog_name="workplan")
    except Interrupted as exc:
        _drop_stdout()
        print(interrupted_message(exc.signum), file=sys.stderr)
        sys.exit(128 + exc.signum)


if __name__ == "__main__":
    main()
