"""The `workplan` command: each subcommand is a few lines over a library function.

Exit codes: 0 ok, 1 the document has problems (or, for diff, differs), 2 usage or input error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .load import InputError, load_document
from .output import OutputError, write_atomic
from .render import FormatError, format_of, render

app = typer.Typer(
    help="Draft Chinese government work plans (工作要点) as GB/T 9704-2012 documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


def guarded(func: F) -> F:
    """Turn bad input into one clear message and exit 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            raise typer.Exit(2) from None
        except (OutputError, FormatError) as exc:
            raise _fail(f"error: {exc}") from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Draft Chinese government work plans (工作要点) as GB/T 9704-2012 documents."""


@app.command("render")
@guarded
def render_cmd(
    plans: Annotated[list[Path], typer.Argument(help="Plan YAML file(s).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file; format from suffix; - for stdout.")
    ] = None,
    outdir: Annotated[
        Path | None, typer.Option("-d", "--outdir", help="Output folder for many plans.")
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="With -d: comma-separated formats, e.g. docx,pdf; with -o -: the text format.",
        ),
    ] = "txt",
    template: Annotated[
        Path | None, typer.Option("--template", help="Agency's own Word template (.docx).")
    ] = None,
) -> None:
    """Render plans to .txt .md .html .docx .pdf (format from the -o suffix)."""
    if (output is None) == (outdir is None):
        raise _fail("error: give either -o OUTPUT (one plan) or -d OUTDIR (one or more plans)")
    if output is not None:
        if len(plans) != 1:
            raise _fail("error: -o takes one plan; use -d OUTDIR for several")
        _render_one(plans[0], output, template, stdout_format=formats)
        return
    assert outdir is not None
    from .batch import render_batch

    wanted = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
    if not render_batch(plans, outdir, wanted, template=template, progress=True).ok:
        raise typer.Exit(2)


def _render_one(plan: Path, output: Path, template: Path | None, *, stdout_format: str) -> None:
    if str(output) == "-":
        fmt = stdout_format.strip().lower().lstrip(".")
        if fmt not in ("txt", "md", "html"):
            raise _fail("error: -o - writes text formats only (--format txt, md or html)")
        data = render(load_document(plan), fmt)
        assert isinstance(data, str)
        sys.stdout.write(data)
        return
    fmt = format_of(output)
    document = load_document(plan)
    if fmt == "pdf":
        from .soffice import SofficeError
        from .writers.pdf import render_pdf

        try:
            render_pdf([(document, output)], template=template, inputs=[plan])
        except SofficeError as exc:
            raise _fail(f"error: {exc}") from None
        return
    data = render(document, fmt, template=template)
    write_atomic(output, data, inputs=[plan])


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
        except InputError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            worst = 2
            continue
        warnings = lint_document(document, plan, strict=strict)
        for warning in warnings:
            typer.echo(str(warning), err=True)
        if warnings:
            worst = max(worst, 1)
        if not warnings:
            typer.echo(f"{plan}: ok")
    raise typer.Exit(worst)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the plan YAML (for editors)."""
    from .schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


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
    from .starter import starter_plan

    if output is not None and output.exists() and not force:
        raise _fail(f"error: {output} exists; choose another -o or add --force to overwrite it")
    try:
        text = starter_plan(issuer, year, for_file=output)
    except ValueError as exc:
        raise _fail(f"error: {exc}") from None
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text)
    typer.echo(f"wrote {output}", err=True)


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
) -> None:
    """Compare two versions of a plan; exit 0 same, 1 different, 2 bad input."""
    from .diff import DIFF_FORMATS, diff_documents, load_version, render_diff
    from .writers.diff_text import print_diff, summary_line

    fmt = output.suffix.lower().lstrip(".") if output is not None else ""
    if output is not None and fmt not in DIFF_FORMATS:
        raise _fail(f"error: {output}: diff writes .html, .json or .docx — choose one of those suffixes")
    result = diff_documents(load_version(old), load_version(new))
    if output is None:
        print_diff(result, summary_only=summary)
    else:
        write_atomic(output, render_diff(result, fmt, author=author), inputs=[old, new])
        typer.echo(f"wrote {output}", err=True)
        typer.echo(summary_line(result))
    raise typer.Exit(0 if result.same else 1)


@app.command("check")
def check_cmd(
    file: Annotated[Path, typer.Argument(help="A .docx (converted with LibreOffice) or a .pdf.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure a document's layout against GB/T 9704-2012 (exit 1 when a rule fails)."""
    from .check.layout import CheckInputError, check_file, report_table
    from .soffice import SofficeError

    try:
        report = check_file(file)
    except (CheckInputError, SofficeError) as exc:
        raise _fail(f"error: {exc}") from None
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        Console().print(report_table(report, title=str(file)))
    raise typer.Exit(0 if report.passed else 1)


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
) -> None:
    """Draft next year's plan: years advance, 序号 and dates cleared, text years listed for review."""
    from .rollover import RolloverError, read_plan_text, rollover_text
    from .writers.review_md import render_review

    text, name = read_plan_text(plan)
    try:
        result = rollover_text(text, name, year, bump_text_years=bump_text_years, keep_done=keep_done)
    except RolloverError as exc:
        raise _fail(f"error: {plan}: {exc}") from None
    write_atomic(output, result.yaml_text, inputs=[plan])
    if report is not None:
        write_atomic(report, render_review(result, str(output)), inputs=[plan, output])
    typer.echo(str(result.summary))
    typer.echo(f"wrote {output}" + (f" and {report}" if report is not None else ""), err=True)


@app.command("import")
@guarded
def import_cmd(
    source: Annotated[Path, typer.Argument(help="Last year's document: .txt, .md or .docx.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Plan YAML to write.")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the defect report as JSON.")
    ] = None,
) -> None:
    """Import a document into a plan YAML; numbering defects are reported (exit 0 when read)."""
    from .dump import dump_document
    from .readers import import_file

    result = import_file(source)
    for defect in result.defects:
        typer.echo(defect.format(str(source)), err=True)
    comments = [f"Imported from {source.name}; {len(result.defects)} defect(s) reported."]
    write_atomic(output, dump_document(result.document, for_file=output, comments=comments), inputs=[source])
    if report is not None:
        data = json.dumps([d.as_json() for d in result.defects], ensure_ascii=False, indent=2) + "\n"
        write_atomic(report, data, inputs=[source, output])
    written = f"wrote {output}" + (f" and {report}" if report is not None else "")
    typer.echo(f"{written} ({len(result.defects)} defect(s) reported)", err=True)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
