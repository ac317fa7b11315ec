"""Readers: last year's document (.txt, .md, .docx, .pdf, .html, .doc/.wps, .rtf, .odt) → the plan
model, with a defect report.

``import_file`` picks the reader by content (a .docx is a zip, whatever its name; a zip with an
OpenDocument ``mimetype`` is an .odt; OLE2 is a .doc or .wps; ``{\\rtf`` an RTF; ``%PDF`` a PDF; a
page that opens with ``<html>`` a web page), reads the file
into :class:`~generator.readers.lines.Line` objects, and ``structure.build_document`` makes the
document. Anything that is not a readable document raises :class:`~generator.load.InputError`
with one message (the CLI exits 2).

``read_plan`` is the one place that decides how a plan file is read: a ``.yaml``/``.yml`` file
by the loader, anything else through ``import_file`` (diff and rollover both use it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import InputError, Problem, os_reason
from ..i18n import _
from ..limits import MAX_PACKAGE_BYTES, MAX_TEXT_BYTES, open_input, read_input
from ..model import Document
from ..model_tools import ValidationError, replace
from .contents import drop_contents
from .defects import Defect, DefectLog
from .html import is_html
from .legacy import is_odt
from .lines import Line
from .mhtml import is_mhtml
from .structure import build_document
from .tree import NodePath, SourceMarks
from .web_print import is_web_page_text, strip_web_chrome

SNIFF_BYTES = 4096  # enough to see an HTML page's <html> past its comments and BOM
_ZIP = b"PK\x03\x04"
_RTF = b"{\\rtf"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc, Excel .xls …
_SNIFFED = (_OLE, _RTF, b"%PDF")  # formats told by their first bytes whatever the name


YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ImportResult:
    """The document read, the defects noticed, and where the source printed what.

    ``printed_labels``: each plan node's label as the source printed it ('' where none), by node
    path. The importer numbers the plan afresh (a repeated 二、 becomes 三、), so only these keep
    the source's own numbers, for a diff to show the corrections. ``node_lines``,
    ``paragraph_lines`` ((node path, k) → line of its ``text[k]``) and ``field_lines``
    ("notice.date", "plan.title", "plan.preamble[0]" …) are source lines (paragraphs of a .docx).
    """

    document: Document
    defects: list[Defect]
    printed_labels: dict[NodePath, str] = field(default_factory=dict)
    node_lines: dict[NodePath, int] = field(default_factory=dict)
    paragraph_lines: dict[tuple[NodePath, int], int] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, dotted: str) -> int | None:
        """The source line of a model field such as ``plan.sections[2].items[0].text[1]``: the
        line of the nearest part the reader placed (the node, else the notice or plan start)."""
        head, _, rest = dotted.partition(".sections")
        if head == "plan" and rest:
            path = tuple(int(i) for i in re.findall(r"(?:^|\.items)\[(\d+)\]", rest))
            paragraph = re.search(r"\.text\[(\d+)\]$", rest)
            if paragraph and (path, int(paragraph[1])) in self.paragraph_lines:
                return self.paragraph_lines[(path, int(paragraph[1]))]
            while path and path not in self.node_lines:
                path = path[:-1]
            if path:
                return self.node_lines[path]
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            key = ".".join(parts[:end])
            if key in self.field_lines:
                return self.field_lines[key]
        return None


@dataclass(frozen=True)
class PlanSource:
    """A plan file as read by :func:`read_plan`: a plan YAML, or a document read by the importer."""

    path: Path
    document: Document
    imported: ImportResult | None = None

    @property
    def kind(self) -> Literal["yaml", "imported"]:
        return "yaml" if self.imported is None else "imported"

    @property
    def printed_labels(self) -> dict[NodePath, str] | None:
        """Labels as an imported source printed them; None for a plan YAML (it prints its own)."""
        return None if self.imported is None else self.imported.printed_labels


def read_plan(path: str | Path) -> PlanSource:
    """Read a plan: ``.yaml``/``.yml`` by the loader, any other file through the importer, which
    looks at the content (a .docx renamed .txt is still a .docx)."""
    from ..load import load_document

    path = Path(path)
    if path.suffix.lower() in YAML_SUFFIXES:
        return PlanSource(path, load_document(path))
    imported = import_file(path)
    return PlanSource(path, imported.document, imported)


def import_file(path: str | Path) -> ImportResult:
    """Read ``path`` (.txt, .md, .docx) into the model; raises InputError when it cannot."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() in YAML_SUFFIXES:  # its lines would be read as a notice's 正文
        raise _refuse(
            name,
            _("this is a plan YAML already; there is nothing to import"),
            _("validate, render or roll it over as it is"),
        )
    # A FIFO, a device or a huge file is refused before a byte is read (see limits.py).
    fd = open_input(path, max(MAX_TEXT_BYTES, MAX_PACKAGE_BYTES))
    try:
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise _refuse(
            name, _("cannot read the file: {reason}").format(reason=os_reason(exc)), _("check the path")
        ) from None
    if size == 0:
        raise _refuse(name, _("the file is empty"), _("import the document's .docx or .txt"))
    defects = DefectLog()
    places: dict[int, tuple[int, int]] = {}  # a PDF's line → (page, line on the page)
    metadata: dict[str, str] = {}  # notice fields a format states apart (front matter, a web page's box)
    if head.startswith(_ZIP) and is_odt(path):
        lines = _converted_lines(path, name, "odt", defects)
    elif head.startswith(_ZIP) or (path.suffix.lower() == ".docx" and not head.startswith(_SNIFFED)):
        # The content decides: a .doc or a PDF renamed .docx is read as what it is; only a file no
        # other reader knows gets the Word reader's word on why it is no .docx.
        from .docx import NotDocx, docx_lines

        try:
            lines = docx_lines(path, defects)
            from .unwrap import unwrap

            lines = unwrap(lines, defects)
        except NotDocx as exc:
            hint = exc.hint or _("save the document from Word as .docx, or as .txt")
            raise _refuse(name, str(exc), hint) from None
    elif head.startswith(_OLE):
        lines = _converted_lines(path, name, "doc", defects)
    elif head.startswith(_RTF):
        lines = _converted_lines(path, name, "rtf", defects)
    elif head.startswith(b"%PDF"):
        from .pdf import NotPdf, pdf_lines

        try:
            read = pdf_lines(path, defects)
        except NotPdf as exc:
            hint = exc.hint or _("import the .docx it was made from, or a PDF with a text layer")
            raise _refuse(name, str(exc), hint) from None
        lines, places, metadata = read.lines, read.places, read.metadata
    elif is_mhtml(head):
        from .html import NotHtml, html_lines
        from .mhtml import NotMhtml, mhtml_page

        try:
            page = html_lines(mhtml_page(path.read_bytes()), defects)
        except (NotHtml, NotMhtml) as exc:
            raise _refuse(name, str(exc), _("save the page as .html, or its text as .txt")) from None
        lines, metadata = page.lines, page.metadata
    elif is_html(head, path):
        from .html import NotHtml, html_lines

        if size > MAX_TEXT_BYTES:
            raise _refuse(
                name,
                _("file too large for a plan"),
                _("a plan is under {limit} MiB").format(limit=MAX_TEXT_BYTES // 2**20),
            )
        try:
            page = html_lines(path.read_bytes(), defects)
        except NotHtml as exc:
            raise _refuse(name, str(exc), _("save the page as .html, or its text as .txt")) from None
        lines, metadata = page.lines, _title_over_recipients(page.lines, page.metadata)
    else:
        if size > MAX_TEXT_BYTES:
            raise _refuse(
                name,
                _("file too large for a plan"),
                _("a plan is under {limit} MiB").format(limit=MAX_TEXT_BYTES // 2**20),
            )
        from .txt import NotText, decode, text_lines

        try:
            text = decode(read_input(path, MAX_TEXT_BYTES))
        except NotText as exc:
            raise _refuse(name, str(exc), _("import a .txt, .md or .docx document")) from None
        if path.suffix.lower() in (".md", ".markdown"):
            from .md import md_lines

            lines, metadata = md_lines(text, defects)
        else:
            from .unwrap import unwrap

            lines = unwrap(text_lines(text, defects), defects)
    if path.suffix.lower() not in (".md", ".markdown") and is_web_page_text(lines):
        # a page's text pasted into a .txt, or an .html saved as .docx/.pdf: its chrome is no text
        lines, found = strip_web_chrome(lines, defects)
        metadata = {**found, **metadata}
    lines = drop_contents(lines, defects)
    if not any(not line.blank for line in lines):
        raise _refuse(name, _("the document has no text"), _("import the document's .docx or .txt"))
    try:
        document, marks = build_document(lines, defects)
    except ValidationError as exc:  # a reader slip must not surface as a traceback
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise _refuse(
            name,
            _("could not be read into a plan ({where}: {reason})").format(where=where, reason=first["msg"]),
            _("report this file"),
        ) from None
    if not document.plan.sections and any(line.table is not None for line in lines):
        document = _table_document(document, lines, defects)
    if metadata:
        from .metadata import apply_metadata

        document = apply_metadata(
            document, metadata, defects, override=path.suffix.lower() in (".md", ".markdown")
        )
    if not _plan_like(document):
        raise _refuse(
            name, _("no plan found in {name}").format(name=name), _("is this a work-plan document?")
        )
    return _result(document, defects, marks, places)


def _title_over_recipients(lines: list[Line], metadata: dict[str, str]) -> dict[str, str]:
    """A page whose article opens with the 主送 (…单位：) sets the notice's title above it, as the
    page's heading: put back over the 主送 as its first line (``lines`` in place), the text is a
    notice — its own numbered 正文 no bare plan (a page of a 通知 that issues rules in 一、…).
    The metadata left: all but that title."""
    title = metadata.get("标题", "")
    first = next((line for line in lines if not line.blank), None)
    if not title or first is None or first.table is not None or not first.text.endswith(("：", ":")):
        return metadata
    lines.insert(lines.index(first), Line(first.no, title))
    return {key: value for key, value in metadata.items() if key != "标题"}


def import_text(text: str) -> ImportResult:
    """Read a document given as text (tests, stdin); unlike a file, any text is taken."""
    from .txt import text_lines

    defects = DefectLog()
    document, marks = build_document(text_lines(text, defects), defects)
    return _result(document, defects, marks)


def _result(
    document: Document,
    defects: DefectLog,
    marks: SourceMarks,
    places: dict[int, tuple[int, int]] | None = None,
) -> ImportResult:
    return ImportResult(
        document, defects.sorted(places), marks.labels, marks.lines, marks.paragraphs, marks.fields
    )


def _table_document(document: Document, lines: list[Line], defects: DefectLog) -> Document:
    """A document that is a table under its title (a 公开目录, a 分工表 printed alone, real/17):
    its tables are the plan's one unnumbered part, not dropped as tables before a heading."""
    from ..model import Node

    tables = [line.table for line in lines if line.table is not None]
    defects.discard("skipped_table")
    plan = replace(document.plan, sections=[Node(numbered=False, tables=tables)])
    return replace(document, plan=plan)


def _converted_lines(path: Path, name: str, kind: str, defects: DefectLog) -> list[Line]:
    """A .doc/.wps, .rtf or .odt: LibreOffice makes a .docx of it, which the Word reader reads."""
    from ..soffice import SofficeError
    from .legacy import legacy_lines

    try:
        return legacy_lines(path, kind, defects)
    except SofficeError as exc:
        what = {
            "doc": "a Word 97–2003 (.doc) or WPS (.wps) file",
            "rtf": "an RTF file",
            "odt": "an OpenDocument text",
        }
        raise _refuse(
            name, f"{what[kind]} that LibreOffice could not convert: {exc}", "save it as .docx"
        ) from None


def _plan_like(document: Document) -> bool:
    """A numbered plan, or at least a notice's own elements (external/04 is a notice alone);
    lines of anything else (a password file, a log) read as a title and a preamble only."""
    notice = document.notice
    if notice is None:  # a bare plan: its own numbered text, or at least a titled attachment
        return bool(document.plan.sections or document.appendices)
    return bool(
        document.plan.sections
        or notice.title
        or notice.doc_number
        or notice.date
        or notice.issuers
        or notice.recipients
    )


def _refuse(name: str, message: str, hint: str) -> InputError:
    return InputError([Problem(name, 1, 1, message, hint)])


__all__ = ["Defect", "ImportResult", "PlanSource", "import_file", "import_text", "read_plan"]
