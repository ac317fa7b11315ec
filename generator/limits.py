"""Every limit workplan puts on its input, and reading an input file within them.

A plan is tens of kilobytes of text; a year's document a few megabytes. Anything far past that is
a mistake or an attack (an alias bomb, /dev/zero, a FIFO, a zip bomb), and is refused with one
message before it can cost time or memory. The README's "Limits" section lists these values.

Each message is built by one small function here, so that it can be moved into a catalog later.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import InputError, Problem, os_reason
from .i18n import _

MIB = 2**20

MAX_TEXT_BYTES = 20 * MIB
"""A plan YAML, .txt or .md: refused above this size, before it is read."""
MAX_PACKAGE_BYTES = 50 * MIB
"""A .docx (input or ``--template``) or .pdf file on disk."""
MAX_UNCOMPRESSED = 50 * MIB
"""All members of a .docx together, once inflated."""
MAX_MEMBER_RATIO = 200
"""Inflated ÷ compressed size of one .docx member (above 1 MiB): XML compresses ~10×, a bomb 1000×."""
MAX_MEMBERS = 2000
"""Files inside one .docx."""
MAX_YAML_DEPTH = 64
"""Nested mappings and lists in a plan YAML (a plan needs about 15)."""
MAX_YAML_ALIASES = 1000
"""``*alias`` references in one plan YAML."""
MAX_ALIAS_EXPANSION = 1_000_000
"""Characters plus nodes that aliases may add to a plan once expanded (a billion-laughs bomb adds 10⁹)."""
MAX_PDF_PAGES = 500
"""Pages of a PDF given to ``check`` (a notice with its plan has tens)."""


def _problem(name: str, message: str, hint: str) -> InputError:
    return InputError([Problem(name, 1, 1, message, hint)])


def not_regular_message(kind: str) -> str:
    return _("not a regular file but {kind}").format(kind=kind)


def too_large_message(size: int, limit: int) -> str:
    return _("the file is {size}, over the {limit} an input may have").format(
        size=_size(size), limit=_size(limit)
    )


def _size(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:.1f} GiB"
    if n >= MIB:
        return f"{n / MIB:.1f} MiB"
    return _("{count} bytes").format(count=n)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISCHR(mode):
        return _("a character device")
    if stat.S_ISBLK(mode):
        return _("a block device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def read_input(path: str | Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of the input file ``path``: a regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO would otherwise wait forever for a writer) and
    checked with fstat before a byte is read, so /dev/zero or an 8 GB sparse file cost nothing;
    at most ``limit + 1`` bytes are ever read, in case the file grows meanwhile.
    """
    name = str(path)
    fd = open_input(path, limit)
    try:
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _problem(
            name, _("cannot read the file: {reason}").format(reason=os_reason(exc)), _("check the path")
        ) from None
    if len(data) > limit:
        raise _problem(name, too_large_message(len(data), limit), _("give the plan file itself"))
    return data


def open_input(path: str | Path, limit: int) -> int:
    """An open descriptor of ``path`` once it is known to be a regular file within ``limit``."""
    name = str(path)
    if name == "-" and not os.path.exists(name):
        # `workplan render - …`: inputs are read twice (the plan, then its positions for the
        # warnings), which a pipe cannot give; say so rather than "no such file".
        raise _problem(
            name,
            _("standard input (-) is not read; give a file"),
            _("save what you would pipe in to a file and give its name"),
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _problem(name, _("no such file"), _("check the path")) from None
    except IsADirectoryError:
        raise _problem(name, not_regular_message(_("a folder")), _("give a plan or document file")) from None
    except OSError as exc:
        raise _problem(
            name, _("cannot read the file: {reason}").format(reason=os_reason(exc)), _("check the path")
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _problem(
                name, not_regular_message(file_kind(info.st_mode)), _("give a plan or document file")
            )
        if info.st_size > limit:
            raise _problem(name, too_large_message(info.st_size, limit), _("give the plan file itself"))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_input(path: str | Path, limit: int) -> None:
    """Refuse ``path`` unless it is a regular file within ``limit`` (for readers that open it again)."""
    os.close(open_input(path, limit))


ILLEGAL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no XML (so no .docx) may hold: C0 controls but tab and line ends, lone surrogates,
U+FFFE/U+FFFF. YAML's "\\x07" escapes can write them into a plan."""


def illegal_char_message(text: str, what: str | None = None) -> str | None:
    """What is wrong with ``text`` (``what`` says what it is) if it holds a character XML cannot."""
    found = ILLEGAL_CHARS.search(text)
    if found is None:
        return None
    code, at = ord(found.group()), found.start() + 1
    return _("the character U+{code} (a control character) at position {at} of {what}").format(
        code=f"{code:04X}", at=at, what=what or _("the text")
    )


def illegal_char_hint() -> str:
    return _("delete it: a Word document cannot hold it")
