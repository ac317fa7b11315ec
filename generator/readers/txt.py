"""Plain text (and Markdown) → lines: decoding, CRLF, artefacts, garbage.

Text comes from wherever a clerk copied it: UTF-8 (with or without BOM), UTF-16, or the GB18030
of older Chinese Windows. Markdown marks are dropped line by line in ``lines.clean_text``.
"""

from __future__ import annotations

from ..i18n import _
from .defects import DefectLog
from .lines import Line, clean_text, is_page_number, remove_garbage


class NotText(ValueError):
    """The bytes are not a text document; the message says why."""


def decode(raw: bytes) -> str:
    """The text of ``raw``; raises :class:`NotText` for binary data."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText(_("not text: broken UTF-16")) from None
    sample = raw[:65536]
    # NUL-heavy or control-heavy data is a binary file, whatever it is named.
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample.count(0) > len(sample) // 100 + 16 or controls > len(sample) // 20 + 16:
        raise NotText(_("a binary file, not text"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotText(_("not text in UTF-8 or GB18030"))


def text_lines(text: str, defects: DefectLog) -> list[Line]:
    """Cleaned lines of ``text``, numbered as in the file (CRLF and CR ends both count once)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if is_page_number(raw):  # kept by a copy from a PDF or a printout: said, then dropped
            message = _("removed the page number {text!r}").format(text=raw.strip())
            defects.add(no, "removed_page_chrome", message)
        out.append(Line(no, clean_text(remove_garbage(raw, no, defects))))
    return out
