"""Word 97–2003 (.doc), WPS (.wps), RTF and OpenDocument (.odt) → lines, through LibreOffice.

None of these has a well-kept Python reader; LibreOffice reads them all (it is already needed
for PDF output). It converts the file to .docx in a throw-away folder — one start, a private
profile (``soffice.py``) — and the Word reader reads that, so a .doc gives the same lines, with
Word's automatic numbers resolved, as the .docx saved from it. The file is copied under a name
whose suffix says what its content is (a WPS file is a .doc inside; LibreOffice would otherwise
take a ``.wps`` for Microsoft Works).
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from .defects import DefectLog
from .lines import Line

MAX_LEGACY_BYTES = 20 * 1024 * 1024
"""A year's plan as .doc is well under a MB; the limit keeps LibreOffice off anything huge."""

_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}
_ODT_MIMETYPES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)


def is_odt(path: Path) -> bool:
    """An OpenDocument text: a zip whose ``mimetype`` member says so (ODF 1.2 §3.3)."""
    try:
        with zipfile.ZipFile(path) as package:
            if "mimetype" not in package.namelist():
                return False
            with package.open("mimetype") as member:
                return member.read(100).strip() in _ODT_MIMETYPES
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


@dataclass(frozen=True)
class Converted:
    """The .docx LibreOffice made and how long it took (the benchmark reports it apart)."""

    docx: Path
    seconds: float


def convert_to_docx(path: Path, kind: str, folder: Path) -> Converted:
    """LibreOffice's .docx of ``path`` (content ``kind``: doc, rtf or odt) inside ``folder``."""
    from ..ooxml.converted import split_field_paragraphs
    from ..soffice import SofficeError, convert_to_pdf

    if path.stat().st_size > MAX_LEGACY_BYTES:
        raise SofficeError(
            _("the file is over {limit} MiB, more than a plan").format(limit=MAX_LEGACY_BYTES // 2**20)
        )
    source = folder / f"source{_SUFFIX[kind]}"
    shutil.copyfile(path, source)
    start = time.perf_counter()
    (docx,) = convert_to_pdf([source], folder / "out", to="docx")
    seconds = time.perf_counter() - start
    if kind == "doc":
        _repair(docx, split_field_paragraphs)
    return Converted(docx, seconds)


def _repair(docx: Path, repair: Callable[[bytes], tuple[bytes, int]]) -> None:
    """Rewrite the converted package's ``word/document.xml`` through ``repair``."""
    fixed = docx.with_suffix(".fixed.docx")
    with zipfile.ZipFile(docx) as package, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out:
        for member in package.infolist():
            data = package.read(member)
            if member.filename == "word/document.xml":
                data, _ = repair(data)
            out.writestr(member, data)
    fixed.replace(docx)


def legacy_lines(path: Path, kind: str, defects: DefectLog) -> list[Line]:
    """The document's lines, as the Word reader reads LibreOffice's .docx of it."""
    from .docx import NotDocx, docx_lines

    with tempfile.TemporaryDirectory(prefix="workplan-import-") as folder:
        converted = convert_to_docx(path, kind, Path(folder))
        try:
            return docx_lines(converted.docx, defects)
        except NotDocx as exc:
            from ..soffice import SofficeError

            raise SofficeError(_("its conversion is not readable ({reason})").format(reason=exc)) from None
