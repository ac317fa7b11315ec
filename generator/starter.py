"""`workplan new`: a commented starter plan that loads and validates cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from .dump import field_comment, plan_comment, yaml_scalar
from .i18n import _
from .model import Layout, Node, Notice
from .resources import templates_dir
from .schema import schema_comment


def starter_date(year: int, today: dt.date | None = None) -> dt.date:
    """成文日期 of the starter: today if it lies in the plan year or the one before (the range
    `validate` accepts), otherwise 1 January of the plan year."""
    today = today or dt.date.today()
    return today if year - 1 <= today.year <= year else dt.date(year, 1, 1)


def starter_plan(
    issuer: str, year: int, *, for_file: Path | None = None, today: dt.date | None = None
) -> str:
    """The starter YAML for ``issuer`` and ``year``; ``for_file`` sets the schema path."""
    issuer = issuer.strip()
    if not issuer:
        raise ValueError(_("the issuer name is empty — give e.g. --issuer 某某市卫生健康委员会"))
    from .limits import illegal_char_message

    if (wrong := illegal_char_message(issuer, _("the issuer name"))) is not None:
        raise ValueError(_("--issuer: {reason} — type the name again").format(reason=wrong))
    if not 1949 <= year <= 9999:
        raise ValueError(
            _("year {year} is out of range — give a four-digit year such as {example}").format(
                year=year, example=dt.date.today().year
            )
        )
    title = f"{year}年{issuer}工作要点"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=False,  # YAML, not HTML: values are quoted by the `yaml` filter instead
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = yaml_scalar  # the quoter `workplan import` writes with
    # The key comments are the ones `workplan import` writes: the model's field descriptions.
    env.globals.update(
        notice_comment=lambda name: field_comment(Notice, name),
        plan_comment=plan_comment,
        node_comment=lambda name: field_comment(Node, name),
        layout_comment=lambda name: field_comment(Layout, name),
        _=_,  # the template's own comments follow the language (the field descriptions are the model's)
    )
    return env.get_template("new.yaml.j2").render(
        schema_comment=schema_comment(for_file),
        issuer=issuer,
        year=year,
        date=starter_date(year, today).isoformat(),
        title=title,
        body=f"现将《{title}》印发给你们，请结合实际，认真抓好落实。",
        preamble=f"{year}年，要坚持以人民为中心，统筹推进各项工作，确保年度目标任务全面完成。",
    )


def write_starter(issuer: str, year: int, output: Path, *, force: bool = False) -> Path:
    """Write the starter plan to ``output``; an existing file is overwritten only with ``force``.

    Raises :class:`ValueError` for a bad issuer or year, :class:`generator.output.OutputError`
    for a target that exists or cannot be written.
    """
    from .output import OutputError, write_atomic

    if output.exists() and not force:
        raise OutputError(
            _("{path} exists; choose another {option} or add --force to overwrite it").format(
                path=output, option="-o"
            )
        )
    return write_atomic(output, starter_plan(issuer, year, for_file=output))
