"""A .docx is a zip: refuse a zip bomb before any XML of it is parsed.

The central directory states each member's sizes; a bomb states gigabytes, or a ratio no XML has,
or lies. So the sizes are checked from the directory first, then every member is inflated in
small chunks — never held whole — counting what really comes out, so a lying directory is caught
too. Memory stays at one chunk whatever the package claims.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import IO

from .i18n import _
from .limits import MAX_MEMBER_RATIO, MAX_MEMBERS, MAX_UNCOMPRESSED, MIB

_CHUNK = 1 * MIB
_RATIO_FLOOR = 1 * MIB  # a small member may compress very well (an empty part); only large ones count


class PackageError(ValueError):
    """The zip is not a document one may open; the message says why."""


def members_message(count: int) -> str:
    return _("a zip of {count} files, not a document").format(count=count)


def inflated_message(total: int) -> str:
    return _(
        "the file inflates to more than {limit} MiB (at least {size} MiB) — a zip bomb, or not a plan"
    ).format(limit=MAX_UNCOMPRESSED // MIB, size=total // MIB)


def ratio_message(member: str, ratio: float) -> str:
    return _(
        "the member {member} is compressed {ratio}:1, more than any document ({limit}:1) — a zip bomb?"
    ).format(member=member, ratio=f"{ratio:.0f}", limit=MAX_MEMBER_RATIO)


def lying_message(member: str) -> str:
    return _(
        "the member {member} inflates to more than the zip's directory says — a damaged or hostile file"
    ).format(member=member)


def damaged_message(member: str, exc: Exception) -> str:
    return _("the member {member} cannot be inflated ({reason}) — a damaged or encrypted file").format(
        member=member, reason=exc
    )


def check_package(source: str | Path | IO[bytes]) -> None:
    """Raise :class:`PackageError` unless ``source`` is a zip within the limits of limits.py;
    ``zipfile.BadZipFile`` for a file that is not a zip at all."""
    with zipfile.ZipFile(source) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackageError(members_message(len(members)))
        declared = sum(member.file_size for member in members)
        if declared > MAX_UNCOMPRESSED:
            raise PackageError(inflated_message(declared))
        for member in members:
            if member.file_size > _RATIO_FLOOR:
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > MAX_MEMBER_RATIO:
                    raise PackageError(ratio_message(member.filename, ratio))
        total = 0
        for member in members:
            inflated = 0
            try:
                with package.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        inflated += len(chunk)
                        total += len(chunk)
                        if inflated > member.file_size:
                            raise PackageError(lying_message(member.filename))
                        if total > MAX_UNCOMPRESSED:
                            raise PackageError(inflated_message(total))
            except (RuntimeError, NotImplementedError, zlib.error, EOFError) as exc:
                # encrypted, an unknown compression method, a truncated stream
                raise PackageError(damaged_message(member.filename, exc)) from None
