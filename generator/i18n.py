"""The language of every message, warning and help text: gettext catalogs, Chinese or English.

Messages are written in English in the code, wrapped in :func:`_` with named ``{placeholders}``
(``_("duplicate key `{key}`").format(key=…)``), and translated by the catalog
``generator/locale/zh/LC_MESSAGES/workplan.po`` (compiled to ``workplan.mo`` beside it; the tests
check that every wrapped message has a translation with the same placeholders and that the .mo is
current). Update after changing messages::

    pybabel extract -k _ -k N_ --no-location -o /tmp/workplan.pot generator
    pybabel update -i /tmp/workplan.pot -d generator/locale -D workplan --no-fuzzy-matching
    # translate the new entries, then:
    pybabel compile -d generator/locale -D workplan

The language is Chinese under a Chinese locale (``LANG=zh_CN.UTF-8``, or LANGUAGE / LC_ALL /
LC_MESSAGES) or with ``--lang zh`` / ``WORKPLAN_LANG=zh``; English otherwise. It is decided once, on
import, before typer and click build their help (their own strings — Usage, Options, Error … — go
through the same catalog, since both call :mod:`gettext`'s global domain).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext as _gettext

DOMAIN = "workplan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")

_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def detect_language(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``zh`` or ``en``: ``--lang`` on the command line, then WORKPLAN_LANG, then the locale."""
    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return _normalise(arg.split("=", 1)[1])
        if arg == "--lang" and index + 1 < len(argv):
            return _normalise(argv[index + 1])
    if environ.get("WORKPLAN_LANG"):
        return _normalise(environ["WORKPLAN_LANG"])
    for name in _ENV_ORDER:
        value = environ.get(name, "")
        if value:
            # LANGUAGE may list several (zh_CN:en); the first decides. C/POSIX mean English.
            return _normalise(value.split(":")[0])
    return "en"


def _normalise(value: str) -> str:
    return "zh" if value.strip().lower().startswith("zh") else "en"


_translation: _gettext.NullTranslations | None = None  # None: the code's own English
_language = "en"


def set_language(language: str) -> None:
    """Switch every later :func:`_` call (and click's and typer's own strings) to ``language``."""
    global _translation, _language
    _language = _normalise(language)
    if _language == "en" and "gettext" not in sys.modules:
        # English is the messages as written: nothing to read, and gettext's global domain, which
        # nothing has used yet, finds no catalog for "en" anyway (a render starts faster)
        _translation = None
        os.environ["LANGUAGE"] = _language
        return
    import gettext as _gettext

    _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    # click and typer translate through gettext's global domain: point it at our catalog.
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _language  # what the global gettext functions consult


# The language of one block of work (a request of the web editor), over the process's own: a
# context variable, so two requests served at once never switch each other's language back.
_speaking: contextvars.ContextVar[tuple[str, _gettext.NullTranslations] | None] = contextvars.ContextVar(
    "workplan_speaking", default=None
)  # (the type is a string: gettext is imported only when a catalog is read)


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages in ``language`` inside the block, the previous language after it (the web editor
    speaks Chinese to its page whatever the server's own locale). Only this context (and the
    threads and tasks it starts) speaks it: the process's language stays as it was."""
    import gettext as _gettext

    chosen = _normalise(language)
    token = _speaking.set(
        (chosen, _gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True))
    )
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    """The language in force: ``zh`` or ``en``."""
    here = _speaking.get()
    return here[0] if here is not None else _language


def _(message: str) -> str:
    """``message`` in the language in force (itself in English or when no translation exists)."""
    here = _speaking.get()
    translation = here[1] if here is not None else _translation
    return message if translation is None else translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (module-level tables)."""
    return message


set_language(detect_language())
