"""The numbering-defect report of an import: what the source got wrong, line by line.

The document is still read; each defect says what the importer noticed and what it did about it,
so a clerk can check the YAML against the original.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Literal

from ..i18n import N_

DefectKind = Literal[
    "duplicate_number",
    "skipped_number",
    "out_of_order",
    "unnumbered_heading",
    "mixed_bracket_width",
    "enclosed_label",
    "halfwidth_punctuation",
    "garbage",
    "broken_date",
    "broken_doc_number",
    "skipped_table",
    "missing_title",
    "broken_numbering",
    "scheme_change",
    "removed_page_chrome",
    "removed_web_chrome",
    "tracked_changes",
    "joined_lines",
]
KINDS: tuple[str, ...] = DefectKind.__args__  # type: ignore[attr-defined]

# Each kind through the catalog: English prints the code itself, Chinese its name and the code
# (a kind missing here prints its code; tests/test_messages_zh.py asks for every kind).
_KIND_NAMES = (
    N_("duplicate_number"),
    N_("skipped_number"),
    N_("out_of_order"),
    N_("unnumbered_heading"),
    N_("mixed_bracket_width"),
    N_("enclosed_label"),
    N_("halfwidth_punctuation"),
    N_("garbage"),
    N_("broken_date"),
    N_("broken_doc_number"),
    N_("skipped_table"),
    N_("missing_title"),
    N_("broken_numbering"),
    N_("scheme_change"),
    N_("removed_page_chrome"),
    N_("removed_web_chrome"),
    N_("tracked_changes"),
    N_("joined_lines"),
)


@dataclass(frozen=True)
class Defect:
    """One finding: ``line`` is the source line (a paragraph number for .docx and .pdf),
    1-based; for a PDF also the ``page`` and the ``page_line`` on it, where a person finds it."""

    line: int
    kind: DefectKind
    message: str
    page: int | None = None
    page_line: int | None = None

    def format(self, path: str) -> str:
        """``FILE:LINE: warning: kind: message``, the compiler style editors jump to; a PDF's
        ``FILE: page P, line L: warning: …`` (nobody opens a PDF at a paragraph number)."""
        from ..i18n import _

        # The kind is the code of the JSON report, so scripts can grep either; Chinese names it
        # in words before the code (序号重复（duplicate_number）).
        said = _("warning: {message}").format(
            message=_("{kind}: {message}").format(kind=_(self.kind), message=self.message)
        )
        if self.page is not None:
            where = _("page {page}, line {line}").format(page=self.page, line=self.page_line)
            return _("{path}: {where}: {said}").format(path=path, where=where, said=said)
        return f"{path}:{self.line}: {said}"

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        if self.page is None:
            del data["page"], data["page_line"]
        return data


def defects_json(defects: list[Defect]) -> str:
    """The defect report as a JSON file: a list of ``{line, kind, message}``."""
    return json.dumps([d.as_json() for d in defects], ensure_ascii=False, indent=2) + "\n"


class DefectLog:
    """Collects defects while reading; one per (line, kind, message)."""

    def __init__(self) -> None:
        self._items: dict[tuple[int, str, str], Defect] = {}

    def add(
        self,
        line: int,
        kind: DefectKind,
        message: str,
        *,
        page: int | None = None,
        page_line: int | None = None,
    ) -> None:
        defect = Defect(line, kind, message, page, page_line)
        self._items.setdefault((line, kind, message), defect)

    def discard(self, kind: DefectKind) -> None:
        """Forget the defects of ``kind`` (a later reading found a place for what they left out)."""
        self._items = {key: d for key, d in self._items.items() if d.kind != kind}

    def sorted(self, places: Mapping[int, tuple[int, int]] | None = None) -> list[Defect]:
        """The defects in line order; with ``places`` (line → page, line on the page: a PDF)
        each also names where it stands on the printed page."""
        items = list(self._items.values())
        if places:
            items = [
                d
                if d.page is not None or d.line not in places
                else replace(d, page=places[d.line][0], page_line=places[d.line][1])
                for d in items
            ]
        return sorted(items, key=lambda d: (d.line, KINDS.index(d.kind)))
