"""Hostile inputs built on the fly for tests/test_hostile.py and tests/test_fuzz.py (no binary
fixtures to keep in the repository): alias bombs, deep nesting, zip bombs, a PDF of many pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

NOTICE = """\
notice:
  issuers: [某某市卫生健康委员会]
  doc_number: 某卫〔2024〕1号
  recipients: [各单位]
  body: [现将要点印发给你们。]
  signatories: [某某市卫生健康委员会]
  date: 2024-01-05
"""


def plan_yaml(title: str = "2024年工作要点", extra: str = "") -> str:
    """A small valid plan; ``extra`` is appended under ``plan:`` (indented by the caller)."""
    return (
        NOTICE
        + f"plan:\n  title: {title}\n  year: 2024\n{extra}"
        + "  sections:\n    - heading: 加强领导\n      items:\n        - heading: 完善制度。\n"
    )


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: each level lists the previous one nine times (9⁹ once expanded)."""
    lines = ['    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        lines.append(f"    {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def deep_flow(depth: int) -> str:
    return "plan: " + "[" * depth + "]" * depth + "\n"


def deep_block(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"


def docx_with(document_xml: bytes, *, base: Path, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``base`` (a .docx) with its word/document.xml replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def zip_bomb_docx(base: Path, inflated: int = 1 << 30) -> bytes:
    """A .docx whose document.xml inflates to ``inflated`` bytes of one repeated character
    (about a megabyte compressed per gigabyte), streamed so that building it costs no memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as stream:
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated // len(chunk)):
                        stream.write(chunk)
            else:
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def lying_zip_docx(base: Path, inflated: int = 200 << 20) -> bytes:
    """A .docx whose directory claims document.xml is 1 KB, while its stream inflates to far more."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w") as stream:
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated // len(chunk)):
                        stream.write(chunk)
            else:
                target.writestr(info.filename, source.read(info.filename))
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    # Local header (PK 3 4): uncompressed size at 22; central directory entry (PK 1 2): at 24.
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (found := data.find(signature, start)) != -1:
            if data[found + name_at : found + name_at + len(name)] == name:
                data[found + size_at : found + size_at + 4] = (1024).to_bytes(4, "little")
            start = found + 1
    return bytes(data)


def many_pages_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` A4 pages sharing one content stream (a line of text)."""
    objects: list[bytes] = []
    content = b"BT /F1 16 Tf 100 700 Td (page) Tj ET"
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend([page] * pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
