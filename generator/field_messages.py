"""The model's validation errors in our own words, at the node as the document prints it.

pydantic says "Input should be a valid date or datetime, day value is outside expected range" at
``plan.sections.3.items.2``; a clerk needs "2027年2月没有30日" at ``四、（三）``. The words come
from the catalog (:mod:`generator.i18n`); the labels come from :mod:`generator.numbering`, run over
a skeleton of the raw data (no validation needed, so a broken file still gets its labels).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, get_args

from .i18n import _, language
from .model import Node, Numbering, Plan, Scheme
from .model_tools import ValidationError, validate
from .numbering import number_plan

_FIELD_NAMES = {
    # The GB/T 9704 names a clerk knows, beside the YAML key (domain terms: the same in every language).
    "copy_number": "份号",
    "classification": "密级",
    "secrecy_period": "保密期限",
    "urgency": "紧急程度",
    "issuers": "发文机关标志",
    "issuer_suffix": "发文机关标志后缀",
    "doc_number": "发文字号",
    "doc_number_place": "发文字号位置",
    "signers": "签发人",
    "title": "标题",
    "recipients": "主送机关",
    "body": "正文",
    "attachments": "附件说明",
    "signatories": "署名",
    "date": "成文日期",
    "sealed": "加盖印章",
    "note": "附注",
    "cc": "抄送机关",
    "printer": "印发机关",
    "print_date": "印发日期",
    "heading": "标题",
    "lead": "牵头单位",
    "owners": "责任单位",
    "deadline": "完成时限",
    "targets": "指标",
    "year": "年份",
}


def field_name(key: str) -> str:
    """``date`` → ``成文日期 (date)``: the document's name first, then the key to look for."""
    chinese = _FIELD_NAMES.get(key)
    return f"{chinese}（{key}）" if chinese else f"`{key}`"


def node_labels(data: object) -> dict[tuple[int, ...], str]:
    """Printed label paths (``四、（三）``) by node path, from raw YAML data that may not validate."""
    plan = data.get("plan") if isinstance(data, dict) else None
    if not isinstance(plan, dict):
        return {}
    try:
        numbering = validate(Numbering, plan.get("numbering") or {})
    except (ValidationError, TypeError):
        numbering = Numbering()

    def skeleton(raw: object) -> Node:
        raw = raw if isinstance(raw, dict) else {}
        items = raw.get("items")
        scheme = raw.get("child_numbering")
        return Node(
            numbered=raw.get("numbered") is not False,
            items=[skeleton(c) for c in items] if isinstance(items, list) else [],
            child_numbering=scheme if scheme in get_args(Scheme) else None,
        )

    sections = plan.get("sections")
    skeleton_plan = Plan(
        title="",
        year=0,
        sections=[skeleton(s) for s in sections] if isinstance(sections, list) else [],
        numbering=numbering,
    )
    try:
        outline = number_plan(skeleton_plan)
    except (ValueError, KeyError, TypeError):
        return {}
    labels: dict[tuple[int, ...], str] = {}

    def visit(entries: list[Any], prefix: str) -> None:
        for entry in entries:
            printed = prefix + entry.label
            labels[entry.path] = printed
            visit(entry.children, printed)

    visit(outline, "")
    return labels


def describe(loc: tuple[str | int, ...], labels: dict[tuple[int, ...], str]) -> str:
    """Where ``loc`` is, as the document prints it, with the YAML path after it:
    ``四、（三） 完成时限（deadline） (plan.sections.3.items.2.deadline)``."""
    dotted = ".".join(str(p) for p in loc)
    path: list[int] = []
    rest: list[str | int] = []
    if loc[:2] == ("plan", "sections") and len(loc) > 2 and isinstance(loc[2], int):
        path.append(loc[2])
        index = 3
        while index + 1 < len(loc) and loc[index] == "items" and isinstance(loc[index + 1], int):
            path.append(loc[index + 1])
            index += 2
        rest = list(loc[index:])
    where: list[str] = []
    if path:
        printed = labels.get(tuple(path), "")
        where.append(printed or _("the unnumbered heading at {path}").format(path=dotted))
    elif loc and loc[0] == "notice":
        where.append(_("the notice"))
        rest = list(loc[1:])
    elif loc and loc[0] == "plan":
        where.append(_("the plan"))
        rest = list(loc[1:])
    key = next((p for p in reversed(rest) if isinstance(p, str)), None)
    if key is not None:
        where.append(field_name(key))
    text = " ".join(where) if where else _("the document")
    return _("{where} ({path})").format(where=text, path=dotted) if dotted else text


_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def impossible_date(value: object) -> str | None:
    """Why a YYYY-MM-DD text is no date (2027-02-30 → 2027年2月没有30日), or None."""
    match = _DATE.match(str(value)) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return _("{year} has no month {month}").format(year=year, month=month)
    from .tasks.deadlines import days_in_month

    last = days_in_month(year, month)
    if not 1 <= day <= last:
        return _("there is no day {day} in month {month} of {year} (the month has {last} days)").format(
            year=year, month=month, day=day, last=last
        )
    return None


_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LOOSE_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.．]\s*(\d{1,2})\s*[-/.．]\s*(\d{1,2})\s*$"  # 2025/2/18, 2025.2.18, 2025-2-18
    r"|^\s*(\d{4})(\d{2})(\d{2})\s*$"  # 20250218
    r"|^\s*(\d{4})-(\d{2})-(\d{2})[Tt ]"  # 2025-02-18 10:00: the day without its time
)


def _meant_date(value: object) -> dt.date | None:
    """The date a clerk wrote another way — as printed (2025年2月18日, 二〇二五年二月十八日), with
    slashes or dots, without leading zeros — or None."""
    if not isinstance(value, str):
        return None
    from .readers.lines import parse_date

    printed = parse_date(value)
    if printed is not None and not printed.broken:
        return printed.date
    match = _LOOSE_DATE.match(value)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups() if g is not None))
    except ValueError:
        return None


_GROUP_TYPES = ("dataclass_type", "dataclass_args_type", "model_type", "dict_type", "model_attributes_type")
"""Error types of a value where a group of keys belongs."""


def message_for(error: dict[str, Any], written: str | None = None) -> tuple[str, str]:
    """(message, hint) for one pydantic error, in the catalog's words. ``written`` is the value as
    the file writes it (``2025-02-18 10:00``, ``yes``), which the message quotes instead of the
    Python object YAML built from it (``datetime.datetime(2025, 2, 18, 10, 0)``, ``True``)."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if value is None and kind in ("string_type", *_GROUP_TYPES):
        # a bare `-` (or `key:` with nothing after it) where text or a group of keys belongs
        in_list = bool(error.get("loc")) and isinstance(error["loc"][-1], int)
        return _("nothing is written here"), _("write it, or delete the line") if in_list else _("write it")
    if written is not None:
        value = written
    if isinstance(error.get("input"), bool) and kind in ("greater_than_equal", "less_than_equal"):
        # `year: yes` is True to YAML and 1 to pydantic: not a number that is too small.
        kind = "int_type"
    if kind.startswith("date") or kind == "datetime_from_date_parsing":
        reason = impossible_date(value)
        if reason:
            return reason, _("write a date that exists, as YYYY-MM-DD, e.g. 2024-03-28")
        meant = _meant_date(value)
        if meant is not None:  # 2025年2月18日, 2025/2/18, 2025-2-18: say the one way to write it
            return _("not a date: {value}").format(value=_short(value)), _(
                "write it as {date} (YYYY-MM-DD)"
            ).format(date=meant.isoformat())
        return _("not a date: {value}").format(value=_short(value)), _(
            "write a date as YYYY-MM-DD, e.g. 2024-03-28"
        )
    if kind == "literal_error":
        expected = " / ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("{value} is not one of the allowed values").format(value=_short(value)), _(
            "use one of: {expected}"
        ).format(expected=expected)
    if kind in ("string_type",):
        if isinstance(error.get("input"), bool):  # `owners: [NO]`, `lead: on`: YAML 1.1's true/false words
            return _("this must be text: YAML reads {value} as true or false").format(value=_short(value)), _(
                "put it in quotes: '{value}'"
            ).format(value=_short(value))
        return _("this must be text"), _("write text here (put numbers or dates in quotes)")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        text = str(value).strip()
        if text and all("０" <= c <= "９" for c in text):  # typed with the IME in full-width mode
            return _("this must be a whole number: {value}").format(value=_short(value)), _(
                "these are full-width digits: type them half-width, {digits}"
            ).format(digits=text.translate(_HALF_WIDTH_DIGITS))
        return _("this must be a whole number: {value}").format(value=_short(value)), _(
            "write digits only, e.g. 2025"
        )
    if kind in ("bool_type", "bool_parsing"):
        return _("this must be true or false"), _("write true or false")
    if kind == "list_type":
        return _("this must be a list"), _("write each entry on its own line starting with `- `")
    if kind in _GROUP_TYPES:
        return _("this must be a group of keys"), _("write `key: value` lines indented under it")
    if kind == "greater_than_equal":
        return _("{value} is too small").format(value=_short(value)), _("use {limit} or more").format(
            limit=ctx.get("ge")
        )
    if kind == "less_than_equal":
        return _("{value} is too large").format(value=_short(value)), _("use {limit} or less").format(
            limit=ctx.get("le")
        )
    if kind in ("too_short", "string_too_short"):
        return _("this may not be empty"), _("give at least one entry")
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
        return _("this must be a number: {value}").format(value=_short(value)), _("write digits only")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), _("see `workplan schema`")
    if language() == "en":
        return str(error["msg"]), _("see `workplan schema`")
    # pydantic's own words are English: elsewhere, name the value and where to look it up.
    return _("this value is not allowed here: {value}").format(value=_short(value)), _(
        "see `workplan new` for what this key takes"
    )


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:39] + "…"
