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
    unmarked = _utf16_without_bom(sample)
    if unmarked is not None:
        try:
            return raw.decode(unmarked)
        except UnicodeDecodeError:
            raise NotText(_("not text: broken UTF-16")) from None
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


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text saved without its byte-order mark (some export
    tools do): its line ends and ASCII digits put a NUL in every other byte, most on one side (the
    full-width space U+3000 and ideographs such as U+4E00 一 have one on the other), and it decodes
    to Chinese text without control characters; else None (a binary file's NULs fall anywhere)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 64 or sample.count(0) < len(sample) // 50:
        return None
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > len(zeros) // 50 and zeros.count(0) > 3 * other.count(0):
            try:
                text = sample[: len(sample) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
            ideographs = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
            if controls == 0 and "\n" in text and ideographs > len(text) // 4:
                return encoding
    return None


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
