"""``--help`` in the language in force: the CLI's help texts are written in English in cli.py and
translated on the built click command tree just before it runs, through the same catalog as every
message (so cli.py carries no translation calls, and a new option's help is caught by the
catalog test until it is translated)."""

from __future__ import annotations

from typing import Any

from .i18n import _


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


def translate(command: Any) -> Any:
    """Translate ``command``'s help texts in place (and its subcommands'); returns it."""
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _(text)  # type: ignore[attr-defined]
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        # The vendored click builds --help's own option on demand, its text untranslated.
        option = original(ctx)
        if option is not None and option.help:
            option.help = _(option.help)
        return option

    command.get_help_option = get_help_option
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        for sub in command.commands.values():
            translate(sub)
    return command
