"""Readers: last year's document (.txt, .md, .docx) → the plan model, with a defect report.

``import_file`` picks the reader by content (a .docx is a zip, whatever its name), reads the file
into :class:`~generator.readers.lines.Line` objects, and ``structure.build_document`` makes the
document. Anything that is not a readable document raises :class:`~generator.load.InputError`
with one message (the CLI exits 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..model import Document
from .defects import Defect, DefectLog
from .structure import build_document

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a year's plan is tens of KB; more is not one

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc, Excel .xls …


@dataclass(frozen=True)
class ImportResult:
    document: Document
    defects: list[Defect]


def import_file(path: str | Path) -> ImportResult:
    """Read ``path`` (.txt, .md, .docx) into the model; raises InputError when it cannot."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _refuse(name, f"cannot read the file: {exc.strerror}", "check the path") from None
    if size == 0:
        raise _refuse(name, "the file is empty", "import the document's .docx or .txt")
    defects = DefectLog()
    if head.startswith(_ZIP) or path.suffix.lower() == ".docx":
        from .docx import NotDocx, docx_lines

        try:
            lines = docx_lines(path, defects)
        except NotDocx as exc:
            raise _refuse(name, str(exc), "save the document from Word as .docx, or as .txt") from None
    elif head.startswith(_OLE):
        raise _refuse(name, "a Word 97–2003 (.doc) file", "open it in Word or LibreOffice and save as .docx")
    elif head.startswith(b"%PDF"):
        raise _refuse(name, "a PDF file", "import the .docx it was made from, or save its text as .txt")
    else:
        if size > MAX_TEXT_BYTES:
            raise _refuse(name, "file too large for a plan", f"a plan is under {MAX_TEXT_BYTES // 2**20} MiB")
        from .txt import NotText, decode, text_lines

        try:
            text = decode(path.read_bytes())
        except NotText as exc:
            raise _refuse(name, str(exc), "import a .txt, .md or .docx document") from None
        if path.suffix.lower() in (".md", ".markdown"):
            from .md import md_lines

            lines = md_lines(text, defects)
        else:
            lines = text_lines(text, defects)
    if not any(not line.blank for line in lines):
        raise _refuse(name, "the document has no text", "import the document's .docx or .txt")
    try:
        document = build_document(lines, defects)
    except ValidationError as exc:  # a reader slip must not surface as a traceback
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise _refuse(
            name, f"could not be read into a plan ({where}: {first['msg']})", "report this file"
        ) from None
    return ImportResult(document, defects.sorted())


def import_text(text: str) -> ImportResult:
    """Read a document given as text (tests, stdin)."""
    from .txt import text_lines

    defects = DefectLog()
    document = build_document(text_lines(text, defects), defects)
    return ImportResult(document, defects.sorted())


def _refuse(name: str, message: str, hint: str) -> InputError:
    return InputError([Problem(name, 1, 1, message, hint)])


__all__ = ["Defect", "ImportResult", "import_file", "import_text"]
