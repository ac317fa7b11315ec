"""The `workplan` program: `render PLAN.yaml -o OUT` without the command-line framework.

Rendering one plan to .docx takes about as long as importing typer, click and rich, which build the
help screens and the other commands; that one form, the most common, is parsed here and runs the
same library calls as `cli.render_cmd`, with the same messages and exit codes. Every other command
line — options, several plans, -o -, --help — goes to :mod:`generator.cli`.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def _simple_render(args: list[str]) -> tuple[Path, Path, Path | None, bool] | None:
    """(plan, output, template, force) for ``render PLAN -o OUT [--template T] [--force]``, else
    None."""
    if not args or args[0] != "render":
        return None
    plan = output = template = None
    force = False
    rest = args[1:]
    while rest:
        head = rest.pop(0)
        if head == "--force":
            force = True
        elif head in ("-o", "--output", "--template") and rest:
            value = rest.pop(0)
            if head == "--template":
                template = value
            else:
                output = value
        elif head.startswith("-") or plan is not None:
            return None  # another option, or several plans: the full command line
        else:
            plan = head
    if plan is None or output is None or output == "-" or (template is not None and template.startswith("-")):
        return None
    return Path(plan), Path(output), Path(template) if template else None, force


def main() -> None:
    # pydantic looks for plugins in every installed distribution's metadata when the first model is
    # built (importlib.metadata, ~40 ms); workplan uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # Starting up creates some hundred thousand objects (modules, classes, functions) of which none
    # is garbage, and the cycle collector walks them all again and again while they are made: 5 ms
    # of a 100 ms render. One render makes little cyclic garbage (the same peak memory, measured
    # on a 210-heading plan), so it runs without the collector; the full command line, which may
    # render a batch or serve for hours, turns it back on once it is imported.
    gc.disable()
    simple = _simple_render(sys.argv[1:])
    if simple is None:
        from .cli import main as full

        gc.freeze()  # what importing made stays; later collections skip it
        gc.enable()
        full()
        return
    plan, output, template, force = simple
    from .errors import InputError
    from .output import OutputError, check_target
    from .render import FormatError, format_of, render_to_file

    expected: tuple[type[Exception], ...] = (OutputError, FormatError)
    if output.suffix.lower() == ".pdf":  # only a PDF starts LibreOffice (subprocess: not imported else)
        from .soffice import SofficeError

        expected += (SofficeError,)
    try:
        check_target(output, inputs=[plan], force=force)  # "is a folder" says more than "no suffix"
        format_of(output)
        from .load import load_document

        document = load_document(plan)
        render_to_file(document, output, template=template, inputs=[plan])
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        sys.exit(2)
    except expected as exc:
        from .i18n import _

        print(_("error: {message}").format(message=exc), file=sys.stderr)  # as cli._error words it
        sys.exit(2)
    from .check.lint import lint_document

    # validate's warnings after rendering, as `cli.render_cmd` prints them (lint_files, one plan)
    for warning in lint_document(document, plan):
        print(warning, file=sys.stderr)


if __name__ == "__main__":
    main()
