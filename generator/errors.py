"""The problems an input can have, shared by the loader, the importers and the writers.

They live apart from ``load.py`` so that a writer or reader reporting a problem does not
depend on the YAML loader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem of an input file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"
    loc: tuple[str | int, ...] = ()
    """The data path the problem is about, where its position cannot say (a missing `date:` is
    reported at the notice's first key): the editor puts the message beside that field."""

    def __str__(self) -> str:
        # file:line:col: stays as compilers print it, so editors and scripts can jump to the place.
        return f"{self.path}:{self.line}:{self.column}: {self.said()}"

    def said(self) -> str:
        """``error: what — what to do`` in the language in force, without the place (the editor
        page names the place its own way). Chinese takes its own punctuation: 错误：…——…"""
        from .i18n import _

        text = (
            _("{message} — {hint}").format(message=self.message, hint=self.hint)
            if self.hint
            else self.message
        )
        if self.severity == "error":
            return _("error: {message}").format(message=text)
        if self.severity == "warning":
            return _("warning: {message}").format(message=text)
        return f"{self.severity}: {text}"


class InputError(Exception):
    """Bad input: carries every problem found; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the catalog's words: ``strerror`` is the C
    library's English whatever the language (``No such file or directory``)."""
    import errno

    from .i18n import _

    reasons = {
        errno.ENOENT: _("there is no such file or folder"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ELOOP: _("too many symbolic links"),
        errno.EEXIST: _("it exists already"),
        errno.EIO: _("the disk reported an input/output error"),
        errno.EFBIG: _("the file is too large"),
        errno.ENXIO: _("no such device"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
