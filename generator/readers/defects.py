"""The numbering-defect report of an import: what the source got wrong, line by line.

The document is still read; each defect says what the importer noticed and what it did about it,
so a clerk can check the YAML against the original.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

DefectKind = Literal[
    "duplicate_number",
    "skipped_number",
    "out_of_order",
    "unnumbered_heading",
    "mixed_bracket_width",
    "halfwidth_punctuation",
    "garbage",
    "broken_date",
    "skipped_table",
    "missing_title",
    "broken_numbering",
]
KINDS: tuple[str, ...] = DefectKind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Defect:
    """One finding: ``line`` is the source line (a paragraph number for .docx), 1-based."""

    line: int
    kind: DefectKind
    message: str

    def format(self, path: str) -> str:
        """``FILE:LINE: warning: kind: message``, the compiler style editors jump to."""
        from ..i18n import _

        # The kind stays the code of the JSON report, so scripts can grep either.
        return f"{path}:{self.line}: {_('warning')}: {self.kind}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def defects_json(defects: list[Defect]) -> str:
    """The defect report as a JSON file: a list of ``{line, kind, message}``."""
    return json.dumps([d.as_json() for d in defects], ensure_ascii=False, indent=2) + "\n"


class DefectLog:
    """Collects defects while reading; one per (line, kind, message)."""

    def __init__(self) -> None:
        self._items: dict[tuple[int, str, str], Defect] = {}

    def add(self, line: int, kind: DefectKind, message: str) -> None:
        defect = Defect(line, kind, message)
        self._items.setdefault((line, kind, message), defect)

    def sorted(self) -> list[Defect]:
        return sorted(self._items.values(), key=lambda d: (d.line, KINDS.index(d.kind)))
