"""``--help`` in the language in force: the CLI's help texts are written in English in cli.py and
translated on the built click command tree just before it runs, through the same catalog as every
message (so cli.py carries no translation calls, and a new option's help is caught by the
catalog test until it is translated)."""

from __future__ import annotations

import re
from typing import Any

from .i18n import N_, _


def help_texts(command: Any) -> list[str]:
    """Every help text of ``command`` and its subcommands and parameters, in tree order."""
    texts: list[str] = []
    for item in (command.help, command.short_help):
        if item:
            texts.append(item)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            texts.append(text)
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        for sub in command.commands.values():
            texts.extend(help_texts(sub))
    return list(dict.fromkeys(texts))


# typer's own words of the usage line and of the type column (typer/core.py builds them as
# plain strings, outside gettext).
_USAGE_PREFIX = "Usage: "
_METAVARS = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}
_TYPES = {
    "<str>": N_("<str>"),
    "<int>": N_("<int>"),
    "<path>": N_("<path>"),
    "<bool>": N_("<bool>"),
    "<list[Path]>": N_("<list[Path]>"),
}
N_("Usage: ")
# The arguments' names in the usage line, the table and the errors ("缺少参数 '工作要点文件'"):
# English keeps cli.py's own names, so only a translated name is set.
_ARGUMENTS = {
    "plans": N_("plan files"),
    "plan": N_("plan file"),
    "source": N_("document to import"),
    "files": N_("documents"),
    "old": N_("old version"),
    "new": N_("new version"),
    "path": N_("plan or folder"),
}


def _named(param: Any) -> None:
    phrase = _ARGUMENTS.get(getattr(param, "name", None) or "")
    if phrase and getattr(param, "param_type_name", "") == "argument" and param.metavar is None:
        said = _(phrase)
        if said != phrase:
            param.metavar = said


def _typed(param: Any) -> None:
    """The type column of ``param`` through the catalog (``<str>`` is ``<文字>`` in Chinese)."""
    original = getattr(param, "display_type_rich", None)
    if original is None:
        return

    def display_type_rich(ctx: Any) -> Any:
        shown = original(ctx)
        return _(_TYPES[shown]) if shown in _TYPES else shown

    param.display_type_rich = display_type_rich


def _usage(command: Any) -> None:
    """``Usage: workplan render [OPTIONS] …`` through the catalog."""
    for attribute in ("options_metavar", "subcommand_metavar"):
        value = getattr(command, attribute, None)
        if value in _METAVARS:
            setattr(command, attribute, _(_METAVARS[value]))
    original = command.get_usage

    def get_usage(ctx: Any) -> str:
        text = original(ctx)
        return _("Usage: ") + text.removeprefix(_USAGE_PREFIX) if text.startswith(_USAGE_PREFIX) else text

    command.get_usage = get_usage


def translate(command: Any) -> Any:
    """Translate ``command``'s help texts in place (and its subcommands'); returns it."""
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    _usage(command)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _(text)  # type: ignore[attr-defined]
        _typed(param)
        _named(param)
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        # The vendored click builds --help's own option on demand, its text untranslated.
        option = original(ctx)
        if option is not None and option.help:
            option.help = _(option.help)
        if option is not None and not getattr(option, "_workplan_typed", False):
            _typed(option)
            option._workplan_typed = True
        return option

    command.get_help_option = get_help_option
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        for sub in command.commands.values():
            translate(sub)
    return command


# click's own usage errors (typer vendors click, which builds them as plain English f-strings):
# recognised by their shape and said again through the catalog when they are printed.
_USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^No such option: (?P<name>\S+)(?P<rest>.*)$", re.S), N_("No such option: {name}")),
    (re.compile(r"^Missing argument (?P<name>.+?)\.(?P<rest>.*)$", re.S), N_("Missing argument {name}.")),
    (re.compile(r"^Missing option (?P<name>.+?)\.(?P<rest>.*)$", re.S), N_("Missing option {name}.")),
    (
        re.compile(r"^Invalid value for (?P<name>.+?): (?P<reason>.*)$", re.S),
        N_("Invalid value for {name}: {reason}"),
    ),
    (
        re.compile(r"^Got unexpected extra arguments? ?\(s?\)? ?\((?P<args>.*)\)(?P<rest>.*)$", re.S),
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        re.compile(r"^Option (?P<name>\S+) requires an argument\.(?P<rest>.*)$", re.S),
        N_("Option {name} requires an argument."),
    ),
    (
        # `workplan rendr`: typer adds its suggestion to the sentence itself
        re.compile(
            r"^No such command (?P<name>'[^']*')\. Did you mean (?P<suggestion>.+)\?(?P<rest>.*)$", re.S
        ),
        N_("No such command {name}. Did you mean {suggestion}?"),
    ),
    (re.compile(r"^No such command (?P<name>'[^']*')\.(?P<rest>.*)$", re.S), N_("No such command {name}.")),
)
_POSSIBLE = re.compile(r"\(Possible options: (?P<options>.*)\)")
_REASONS = (
    (
        re.compile(r"^(Input should be a valid integer|'.*' is not a valid integer)"),
        N_("write a whole number, e.g. 2025"),
    ),
)


def usage_error_text(text: str) -> str:
    """``text`` (a click usage error) in the language in force; unknown shapes unchanged."""
    for pattern, message in _USAGE_ERRORS:
        match = pattern.match(text)
        if match:
            fields = {k: v for k, v in match.groupdict().items() if k != "rest"}
            for reason, plain in _REASONS:
                if "reason" in fields and reason.match(fields["reason"]):
                    fields["reason"] = _(plain)
            said = _(message).format(**fields)
            rest = match.groupdict().get("rest") or ""
            possible = _POSSIBLE.search(rest)
            if possible:
                said += " " + _("(Possible options: {options})").format(options=possible["options"])
            return said
    return text


def translate_usage_errors() -> None:
    """Route typer's printing of click errors through :func:`usage_error_text`."""
    from typer import rich_utils

    if getattr(rich_utils.rich_format_error, "_workplan", False):
        return
    original = rich_utils.rich_format_error

    def rich_format_error(error: Any) -> None:
        text = error.format_message()
        translated = usage_error_text(text)
        if translated != text:
            error.format_message = lambda: translated
        original(error)

    rich_format_error._workplan = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = rich_format_error
