"""The problems an input can have, shared by the loader, the importers and the writers.

They live apart from ``load.py`` so that a writer or reader reporting a problem does not
depend on the YAML loader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem of an input file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        from .i18n import _

        hint = f" — {self.hint}" if self.hint else ""
        # file:line:col: stays as compilers print it, so editors and scripts can jump to the place.
        severity = (
            _("error")
            if self.severity == "error"
            else _("warning")
            if self.severity == "warning"
            else self.severity
        )
        return f"{self.path}:{self.line}:{self.column}: {severity}: {self.message}{hint}"


class InputError(Exception):
    """Bad input: carries every problem found; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
