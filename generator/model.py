"""The plan model: one typed 通知 (notice) that issues a 工作要点 (work plan).

This is the single source of truth for every reader and writer. It holds data only: no I/O, no
formatting, no numbering (labels come from ``numbering.py``). Field names are the domain's,
with the Chinese term of GB/T 9704-2012 once in each docstring.

The classes are plain dataclasses, so building, reading and copying them costs nothing more than
Python objects do; pydantic validates plan data into them (``model_tools.validate``) from the
annotations and field metadata here (``ge``, ``min_length``, ``description`` …) and the markers
below. Unknown keys are errors everywhere (``extra="forbid"``), so a typo in a plan never passes.
Objects built in code are neither validated nor copied: give each field a value of its type, and
a list of its own (the object keeps the very list it is given).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

from .docnumber import parse_doc_number
from .i18n import _

MAX_DEPTH = 5
"""Levels of the hierarchy: 一、 （一） 1. （1） ①."""

Scheme = Literal["chinese", "chinese_paren", "arabic", "arabic_paren", "arabic_comma", "circled"]
"""Label schemes: 一、 | （一） | 1. | （1） | 1、 | ①."""

DEFAULT_SCHEMES: tuple[Scheme, ...] = (
    "chinese",
    "chinese_paren",
    "arabic",
    "arabic_paren",
    "circled",
)

Status = Literal["ongoing", "done", "dropped"]
DocNumberPlace = Literal["header", "under_title", "under_title_bracketed"]
"""Where a notice prints its 发文字号: in the 版头 (GB/T 9704 §7.2.4), or — as a web page's article or
a 公报 prints a document with no 版头 — on a line of its own under the title, bare or in （）."""


_MISSING: Any = dataclasses.MISSING


def _f(
    description: str | None = None,
    *,
    default: Any = _MISSING,
    factory: Callable[[], Any] | Any = _MISSING,
    **constraints: Any,
) -> Any:
    """A field: its default or default factory, and for the validator its description and
    constraints (``ge``, ``le``, ``min_length``), which pydantic reads from the field's metadata."""
    metadata = {"description": description, **constraints} if description else constraints
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


class _Strict:
    """Base of the model's classes: unknown keys are errors (read by pydantic), and a class may
    name a function run on its raw data first (``_before``) or on the built object (``_after``),
    which both validators call: pydantic's and ``model_exact``'s."""

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}
    _before: ClassVar[Callable[[Any], Any] | None] = None
    _after: ClassVar[Callable[[Any], Any] | None] = None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if cls._before is None and cls._after is None:
            return schema
        from pydantic_core import core_schema

        if cls._after is not None:
            schema = core_schema.no_info_after_validator_function(cls._after, schema)
        if cls._before is not None:
            schema = core_schema.no_info_before_validator_function(cls._before, schema)
        return schema


def _as_list(value: object) -> object:
    """Let a YAML author write one string where a list of paragraphs/names is expected."""
    if isinstance(value, str):
        return [value]
    return value


class _Before:
    """Annotation marker: ``function`` runs on the raw value before the type is checked."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.function, handler(source))


class _After(_Before):
    """Annotation marker: ``function`` checks the value after the type is checked."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


ONE_OR_MANY = _Before(_as_list)
"""Marks a list field that also takes one string for a one-entry list (``body: 正文…``)."""

Lines = Annotated[list[str], ONE_OR_MANY]
"""Paragraphs or names: a list of strings, or one string."""


def _levels_exist(value: list[int] | None) -> list[int] | None:
    for level in value or []:
        if not 1 <= level <= MAX_DEPTH:
            raise ValueError(
                _("level {level} does not exist — levels are 1 to {depth}").format(
                    level=level, depth=MAX_DEPTH
                )
            )
    return value


Levels = Annotated[list[int], _After(_levels_exist)]
"""Level numbers of the hierarchy, 1 to MAX_DEPTH."""


def _doc_number_from_string(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # `doc_number: 38` — a serial alone is no 文号 either; say so as for text
    if isinstance(value, str):
        parsed = parse_doc_number(value)
        if parsed is None:
            raise ValueError(
                _(
                    "发文字号 {value} is not of the form 代字〔YYYY〕N号 — write e.g. 吴卫医〔2021〕38号"
                ).format(value=repr(value))
            )
        return parsed
    return value


@dataclasses.dataclass(kw_only=True)
class DocNumber(_Strict):
    """发文字号: 机关代字 + 〔年份〕 + 序号 + 号, e.g. 吴卫医〔2021〕38号.

    ``serial`` is None while the number is still to be assigned (a rollover draft).
    A plan may also give the whole 文号 as one string; it is split into its parts.
    """

    prefix: str = _f("机关代字, e.g. 吴卫医")
    year: int = _f("年份, four digits", ge=1949, le=9999)
    serial: int | None = _f("序号, no leading zeros; null = to be filled", default=None, ge=1)

    _before = _doc_number_from_string


@dataclasses.dataclass(kw_only=True)
class Table(_Strict):
    """附表: a table carried in the plan (imported from a Word file or written by hand)."""

    title: str | None = None
    rows: list[list[str]] = _f(factory=list)


@dataclasses.dataclass(kw_only=True)
class Node(_Strict):
    """One heading of the plan's hierarchy: a section (一、), an item (（一）), a sub-item ….

    A section's heading stands on its own line; a deeper node's heading runs in, followed on the
    same line by its ``points`` and first paragraph, as the seeds print them:
    ``（一）提升常态化疫情防控能力。规范落实…``.
    """

    id: str | None = _f("stable identity across versions (used by diff)", default=None)
    heading: str | None = _f("标题 of this node, as written", default=None)
    numbered: bool = _f("false: no label, and no number is used up", default=True)
    points: Lines = _f("inline enumeration rendered 一是……。二是……。", factory=list)
    text: Lines = _f("paragraphs", factory=list)
    tables: list[Table] = _f(factory=list)
    items: list[Node] = _f("children, one level deeper", factory=list)
    child_numbering: Scheme | None = _f(
        "label scheme of this node's children when it differs from the plan's for their level "
        "(a section numbering its items 1. directly under 一、)",
        default=None,
    )
    lead: str | None = _f("牵头单位", default=None)
    owners: Lines = _f("责任单位", factory=list)
    deadline: str | None = _f("完成时限, e.g. 2024年底前", default=None)
    targets: Lines = _f("指标: numeric targets", factory=list)
    status: Status | None = _f("ongoing / done / dropped (rollover)", default=None)

    def walk(self) -> list[Node]:
        """This node and all its descendants, in document order."""
        out = [self]
        for child in self.items:
            out.extend(child.walk())
        return out


def _default_schemes() -> list[Scheme]:
    return list(DEFAULT_SCHEMES)


@dataclasses.dataclass(kw_only=True)
class Numbering(_Strict):
    """Numbering settings of a plan. Read only by ``numbering.py``.

    ``levels`` gives the label scheme per level (level 1 first). ``continuous`` lists the levels
    whose numbers run straight through their parents (seeds 000/001/003: （一）…（三十六） across
    sections); other levels restart under each parent (seed 004).
    """

    levels: list[Scheme] = _f(factory=_default_schemes, min_length=1)
    continuous: Levels = _f(factory=list)

    def scheme(self, level: int) -> Scheme:
        """The scheme of ``level`` (1-based); levels past the list reuse the defaults."""
        if level <= len(self.levels):
            return self.levels[level - 1]
        return DEFAULT_SCHEMES[min(level, len(DEFAULT_SCHEMES)) - 1]


TaskColumn = Literal["序号", "重点任务", "牵头单位", "责任单位", "完成时限", "工作目标"]
"""Columns of the 重点任务分工表 (工作目标 prints the node's 指标)."""

DEFAULT_TASK_COLUMNS: tuple[TaskColumn, ...] = ("序号", "重点任务", "牵头单位", "责任单位", "完成时限")


def _default_task_columns() -> list[TaskColumn]:
    return list(DEFAULT_TASK_COLUMNS)


@dataclasses.dataclass(kw_only=True)
class TaskTable(_Strict):
    """重点任务分工表: the plan's task fields as a further 附件 (``task_table: true`` for the defaults)."""

    title: str | None = _f("default: the plan title's 工作 + 重点任务分工表", default=None)
    columns: list[TaskColumn] = _f("columns, in order", factory=_default_task_columns, min_length=1)
    levels: Levels | None = _f(
        "levels whose nodes become rows (e.g. [2]); default: the nodes that carry task fields", default=None
    )
    text: bool = _f("重点任务 also prints the node's text", default=False)


def _task_table_flag(value: object) -> object:
    """``task_table: true`` is the table with its defaults; ``false`` none."""
    if value is True:
        return {}
    if value is False:
        return None
    return value


@dataclasses.dataclass(kw_only=True)
class Plan(_Strict):
    """工作要点: the plan issued by the notice, printed as its 附件."""

    title: str = _f("e.g. 2021年吴中区医政工作要点", min_length=1)
    year: int = _f(ge=1949, le=9999)
    preamble: Lines = _f("paragraphs before section 一、", factory=list)
    sections: list[Node] = _f(factory=list)
    numbering: Numbering = _f(factory=Numbering)
    attachment_label: str | None = _f(
        "附件 label above the plan (附件2 of a bare plan); null = from the notice's 附件说明", default=None
    )
    in_notice: bool = _f(
        "true: the notice issues no separate plan — this numbered text is the notice's own 正文, "
        "printed after its body paragraphs, without a title or 附件 page",
        default=False,
    )
    task_table: Annotated[TaskTable | None, _Before(_task_table_flag)] = _f(
        "重点任务分工表 as the next 附件: true, or title/columns/levels/text", default=None
    )

    def nodes(self) -> list[Node]:
        """Every node of the plan in document order."""
        out: list[Node] = []
        for section in self.sections:
            out.extend(section.walk())
        return out


@dataclasses.dataclass(kw_only=True)
class Notice(_Strict):
    """The 通知 (red-header document) that issues the plan; every element of GB/T 9704-2012 §7."""

    copy_number: str | None = _f("份号: 6 digits, e.g. 000001", default=None)
    classification: Literal["绝密", "机密", "秘密"] | None = _f("密级", default=None)
    secrecy_period: str | None = _f("保密期限, e.g. 1年", default=None)
    urgency: Literal["特急", "加急", "特提", "平急"] | None = _f("紧急程度", default=None)
    issuers: Lines = _f("发文机关标志: issuing organs, 主办机关 first; empty = no red header", factory=list)
    issuer_suffix: str = _f("word after the issuers' names; '' for none", default="文件")
    doc_number: DocNumber | None = _f("发文字号", default=None)
    doc_number_place: DocNumberPlace = _f(
        "where the 发文字号 prints: header (GB/T 9704: under the 发文机关标志); under_title or "
        "under_title_bracketed (（…）) for a notice without 发文机关标志 that prints it under its title",
        default="header",
    )
    signers: Lines = _f("签发人; only for 上行文", factory=list)
    title: str | None = _f(
        "标题; default 关于印发《plan title》的通知; '' for none. A newline forces a line break.",
        default=None,
    )
    recipients: Lines = _f("主送机关", factory=list)
    body: Lines = _f("正文 paragraphs", factory=list)
    attachments: list[str] | None = _f(
        "附件说明: attachment names; default the plan and the appendices; [] for none", default=None
    )
    signatories: Lines = _f("署名 (one or several)", factory=list)
    date: dt.date | None = _f("成文日期", default=None)
    sealed: bool = _f("加盖印章: picks the signature layout", default=True)
    note: str | None = _f("附注, printed in brackets", default=None)
    cc: Lines = _f("抄送机关", factory=list)
    printer: str | None = _f("印发机关", default=None)
    print_date: dt.date | None = _f("印发日期", default=None)


@dataclasses.dataclass(kw_only=True)
class Layout(_Strict):
    """How the document is printed (GB/T 9704-2012 §6.2 prints both sides of the sheet)."""

    duplex: bool = _f("双面印刷: 版记 on an even page (§7.4); false for single-sided printing", default=True)


@dataclasses.dataclass(kw_only=True)
class Appendix(_Strict):
    """A further 附件 after the plan (a 任务分工表, a form, a name list), kept as text and tables and
    printed on its own pages after the plan."""

    label: str | None = _f("附件 label as printed (附件2); null = by its place", default=None)
    title: str | None = _f("标题 of the attachment", default=None)
    text: Lines = _f("paragraphs, as written (labels included)", factory=list)
    tables: list[Table] = _f("tables, after the paragraphs", factory=list)
    notes: Lines = _f("paragraphs after the tables (备注, 说明)", factory=list)


def _depth_and_ids(document: Document) -> Document:
    problems: list[str] = []
    seen: set[str] = set()

    def visit(node: Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            problems.append(f"nesting deeper than {MAX_DEPTH} levels")
        if node.id is not None:
            if node.id in seen:
                problems.append(f"duplicate id {node.id!r}")
            seen.add(node.id)
        for child in node.items:
            visit(child, depth + 1)

    for section in document.plan.sections:
        visit(section, 1)
    if problems:
        # The loader locates these precisely; this guard keeps validated data within the model's limits.
        raise ValueError("; ".join(dict.fromkeys(problems)))
    return document


@dataclasses.dataclass(kw_only=True)
class Document(_Strict):
    """A plan file: the notice and the plan it issues, and any further attachments.

    ``notice`` is None for a bare plan (an attachment kept without the notice that issued it): it
    prints no 版头, no 标题 and no 关于印发 title of its own.
    """

    notice: Notice | None = _f("通知 that issues the plan; null for a bare plan (no notice)", factory=Notice)
    plan: Plan
    appendices: list[Appendix] = _f(
        "further 附件 after the plan (tables, forms, lists), as written", factory=list
    )
    layout: Layout = _f("printing: duplex or single-sided", factory=Layout)

    _after = _depth_and_ids
