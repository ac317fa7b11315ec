"""The .docx package of a render: the template's zip with its rendered parts put in.

A rendered document differs from its template only in word/document.xml (and, where a template
has tags in them, its headers and footers). python-docx, which docxtpl saves through, parses every
part of the template on opening and serializes and compresses every part again on saving — most
of a render's time for a 15 kB document. Here the unchanged parts' compressed bytes are copied from
the template as they are, and only the rendered parts are compressed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import NamedTuple

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_DOS_DATE = (2012 - 1980) << 9 | 7 << 5 | 1  # 2012-07-01, the day GB/T 9704-2012 came into force


class Member(NamedTuple):
    name: str
    crc: int
    size: int
    data: bytes  # deflated (raw, no zlib header)


def read_members(template: bytes) -> list[Member]:
    """The template's zip members, each with its compressed bytes as stored."""
    members = []
    with zipfile.ZipFile(io.BytesIO(template)) as package:
        for info in package.infolist():
            raw = package.read(info.filename)
            members.append(_deflated(info.filename, raw))
    return members


def _deflated(name: str, raw: bytes) -> Member:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(raw), len(raw), compressor.compress(raw) + compressor.flush())


def write_package(members: list[Member], replaced: dict[str, bytes]) -> bytes:
    """A zip of ``members`` in their order, each named in ``replaced`` with those bytes instead."""
    out = io.BytesIO()
    central = []
    for member in members:
        if member.name in replaced:
            member = _deflated(member.name, replaced[member.name])
        name = member.name.encode("utf-8")
        offset = out.tell()
        header = (b"PK\x03\x04", 20, 0x800, 8, 0, _DOS_DATE, member.crc, len(member.data), member.size)
        out.write(_LOCAL.pack(*header, len(name), 0))
        out.write(name)
        out.write(member.data)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                20,
                20,
                0x800,
                8,
                0,
                _DOS_DATE,
                member.crc,
                len(member.data),
                member.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def split_body(document_xml: str) -> tuple[str, str]:
    """document.xml around its w:body element: what goes before it and after it."""
    start = document_xml.index("<w:body")
    end = document_xml.rindex("</w:body>") + len("</w:body>")
    return document_xml[:start], document_xml[end:]
