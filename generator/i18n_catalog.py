"""Keep the message catalog complete: collect every translatable text, update the .po, compile the .mo.

Development tool (needs Babel, in the ``test`` extra); the installed program only reads the .mo.
``python -m generator.i18n_catalog`` adds new texts to ``generator/locale/zh/LC_MESSAGES/workplan.po``
(untranslated), marks vanished ones obsolete, compiles ``workplan.mo`` and lists what still needs a
translation. The texts are: every ``_("…")`` / ``N_("…")`` in ``generator/`` and in the HTML
templates (``{{ _("…") }}``), every help text of the
CLI (translated at run time by :mod:`generator.help_i18n`), and the strings typer prints itself.
``python -m generator.i18n_catalog --unwrapped`` lists message literals not yet wrapped in ``_()``.
"""

from __future__ import annotations

import io
import string
import sys
from pathlib import Path

from .i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent
PO_PATH = LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_PATH = PO_PATH.with_suffix(".mo")

FRAMEWORK_TEXTS = (
    # typer's own strings (typer/rich_utils.py, typer/core.py), through gettext's global domain.
    "Arguments",
    "Options",
    "Commands",
    "Error",
    "Aborted.",
    "Aborted!",
    "[default: {}]",
    "[required]",
    "Missing command.",
    "Try [blue]'{command_path} {help_option}'[/] for help.",
    "Show this message and exit.",  # the vendored click's --help (see help_i18n.translate)
)


def collect() -> dict[str, list[str]]:
    """Every translatable text → where it is used (file:line, or ``cli --help``)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    method_map = [("**.py", "python")]
    keywords = {"_": None, "N_": None}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=method_map, keywords=keywords
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    for place, message in _calls_in_fstrings():
        found.setdefault(message, []).append(place)
    from .resources import templates_dir

    # Jinja templates: the labels they pass through the `_` the writer gives them.
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(templates_dir()),
        method_map=[(pattern, "jinja2.ext:babel_extract") for pattern in ("**.html.j2", "**.yaml.j2")],
        keywords=keywords,
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"templates/{filename}:{lineno}")
    for text in cli_help_texts():
        found.setdefault(text, []).append("cli --help")
    for text in FRAMEWORK_TEXTS:
        found.setdefault(text, []).append("typer")
    for text in model_descriptions():
        found.setdefault(text, []).append("model field description")
    return found


def _calls_in_fstrings(root: Path = PACKAGE) -> list[tuple[str, str]]:
    """``(file:line, text)`` of each ``_("…")`` / ``N_("…")`` inside an f-string: Babel reads
    Python 3.11's f-string as one token and never sees them (``f"[red]{_('FAIL')}[/]"``)."""
    import ast

    found: list[tuple[str, str]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fstring in ast.walk(tree):
            if not isinstance(fstring, ast.JoinedStr):
                continue
            for node in ast.walk(fstring):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.append((f"{path.relative_to(root)}:{node.lineno}", node.args[0].value))
    return found


def model_descriptions() -> list[str]:
    """The model's field descriptions: the comments `workplan new` and `import` write beside each
    key (translated by :func:`generator.dump.field_comment`)."""
    from . import model
    from .model_tools import field_specs, is_model

    texts: list[str] = []
    for value in vars(model).values():
        if isinstance(value, type) and is_model(value):
            texts.extend(spec.description for spec in field_specs(value).values() if spec.description)
    return list(dict.fromkeys(texts))


def cli_help_texts() -> list[str]:
    import typer

    from . import cli, help_i18n

    return help_i18n.help_texts(typer.main.get_command(cli.app))


def placeholders(text: str) -> set[str]:
    """The named ``{fields}`` of a message (``{}`` counts as a field named '')."""
    names: set[str] = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is not None:
            names.add(field)
    return names


def read_catalog():  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with PO_PATH.open("rb") as handle:
        return read_po(handle, locale="zh_Hans_CN", domain=DOMAIN)


def update() -> list[str]:
    """Bring the .po up to date and compile the .mo; returns the texts still untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    texts = collect()
    old = read_catalog() if PO_PATH.exists() else Catalog(locale="zh_Hans_CN", domain=DOMAIN)
    new = Catalog(locale="zh_Hans_CN", domain=DOMAIN, project="workplan", fuzzy=False)
    for text, places in sorted(texts.items()):
        # A text that comes back (a merge, a branch switch) gets its old translation again.
        previous = old.get(text) or old.obsolete.get(text)
        new.add(text, previous.string if previous is not None else "", auto_comments=places[:1])
    for message in [*old, *old.obsolete.values()]:
        if message.id and message.string and message.id not in texts:
            new.obsolete[message.id] = message  # kept as #~ so no translation is lost
    PO_PATH.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, new, width=0, omit_header=False, sort_output=True, include_lineno=False)
    PO_PATH.write_bytes(buffer.getvalue())
    out = io.BytesIO()
    write_mo(out, new, use_fuzzy=False)
    MO_PATH.write_bytes(out.getvalue())
    return [text for text in texts if not (new.get(text) and new.get(text).string)]


# Calls whose text argument a user reads: an exception raised, a Problem, a defect, a line echoed.
_MESSAGE_CALLS = ("Error", "Problem", "NotDocx", "NotText", "Missing", "echo", "say", "add", "warn")


def unwrapped(skip: tuple[str, ...] = ()) -> list[str]:
    """``file:line: text`` of each English message literal (a plain or f-string with words) given
    straight to a message call of :data:`_MESSAGE_CALLS` without ``_()`` — the texts a helper
    added that the catalog cannot see yet. A review aid, not a rule: a caller's-bug message may
    stay English (``skip`` leaves out calls by name, e.g. ``AttributeError``)."""
    import ast
    import re

    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if not name.endswith(_MESSAGE_CALLS) or name in skip:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    text = arg.value
                elif isinstance(arg, ast.JoinedStr):
                    text = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                else:
                    continue
                if re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", text):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{arg.lineno}: {text}")
    return found


def main() -> None:
    if sys.argv[1:] == ["--unwrapped"]:
        for line in unwrapped():
            print(line)
        return
    missing = update()
    print(f"{PO_PATH}: {len(missing)} text(s) to translate")
    for text in missing:
        print(f"  {text!r}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
