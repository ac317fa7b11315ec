"""The plan model: one typed 通知 (notice) that issues a 工作要点 (work plan).

This is the single source of truth for every reader and writer. It holds data only: no I/O, no
formatting, no numbering (labels come from ``numbering.py``). Field names are the domain's,
with the Chinese term of GB/T 9704-2012 once in each docstring.

Unknown keys are errors everywhere (``extra="forbid"``), so a typo in a plan never passes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


def _as_list(value: object) -> object:
    """Let a YAML author write one string where a list of paragraphs/names is expected."""
    if isinstance(value, str):
        return [value]
    return value


class DocNumber(_Strict):
    """发文字号: 机关代字 + 〔年份〕 + 序号 + 号, e.g. 吴卫医〔2021〕38号.

    ``serial`` is None while the number is still to be assigned (a rollover draft).
    A plan may also give the whole 文号 as one string; it is split into its parts.
    """

    prefix: str = Field(description="机关代字, e.g. 吴卫医")
    year: int = Field(ge=1949, le=9999, description="年份, four digits")
    serial: int | None = Field(default=None, ge=1, description="序号, no leading zeros; null = to be filled")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
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


class Table(_Strict):
    """附表: a table carried in the plan (imported from a Word file or written by hand)."""

    title: str | None = None
    rows: list[list[str]] = Field(default_factory=list)


class Node(_Strict):
    """One heading of the plan's hierarchy: a section (一、), an item (（一）), a sub-item ….

    A section's heading stands on its own line; a deeper node's heading runs in, followed on the
    same line by its ``points`` and first paragraph, as the seeds print them:
    ``（一）提升常态化疫情防控能力。规范落实…``.
    """

    id: str | None = Field(default=None, description="stable identity across versions (used by diff)")
    heading: str | None = Field(default=None, description="标题 of this node, as written")
    numbered: bool = Field(default=True, description="false: no label, and no number is used up")
    points: list[str] = Field(
        default_factory=list, description="inline enumeration rendered 一是……。二是……。"
    )
    text: Annotated[list[str], Field(default_factory=list, description="paragraphs")]
    tables: list[Table] = Field(default_factory=list)
    items: list[Node] = Field(default_factory=list, description="children, one level deeper")
    child_numbering: Scheme | None = Field(
        default=None,
        description="label scheme of this node's children when it differs from the plan's for their level "
        "(a section numbering its items 1. directly under 一、)",
    )
    lead: str | None = Field(default=None, description="牵头单位")
    owners: list[str] = Field(default_factory=list, description="责任单位")
    deadline: str | None = Field(default=None, description="完成时限, e.g. 2024年底前")
    targets: list[str] = Field(default_factory=list, description="指标: numeric targets")
    status: Status | None = Field(default=None, description="ongoing / done / dropped (rollover)")

    _listify = field_validator("text", "points", "owners", "targets", mode="before")(
        lambda cls, v: _as_list(v)
    )

    def walk(self) -> list[Node]:
        """This node and all its descendants, in document order."""
        out = [self]
        for child in self.items:
            out.extend(child.walk())
        return out


class Numbering(_Strict):
    """Numbering settings of a plan. Read only by ``numbering.py``.

    ``levels`` gives the label scheme per level (level 1 first). ``continuous`` lists the levels
    whose numbers run straight through their parents (seeds 000/001/003: （一）…（三十六） across
    sections); other levels restart under each parent (seed 004).
    """

    levels: list[Scheme] = Field(default_factory=lambda: list(DEFAULT_SCHEMES), min_length=1)
    continuous: list[int] = Field(default_factory=list)

    @field_validator("continuous")
    @classmethod
    def _levels_exist(cls, value: list[int]) -> list[int]:
        for level in value:
            if not 1 <= level <= MAX_DEPTH:
                raise ValueError(
                    _("level {level} does not exist — levels are 1 to {depth}").format(
                        level=level, depth=MAX_DEPTH
                    )
                )
        return value

    def scheme(self, level: int) -> Scheme:
        """The scheme of ``level`` (1-based); levels past the list reuse the defaults."""
        if level <= len(self.levels):
            return self.levels[level - 1]
        return DEFAULT_SCHEMES[min(level, len(DEFAULT_SCHEMES)) - 1]


TaskColumn = Literal["序号", "重点任务", "牵头单位", "责任单位", "完成时限", "工作目标"]
"""Columns of the 重点任务分工表 (工作目标 prints the node's 指标)."""

DEFAULT_TASK_COLUMNS: tuple[TaskColumn, ...] = ("序号", "重点任务", "牵头单位", "责任单位", "完成时限")


class TaskTable(_Strict):
    """重点任务分工表: the plan's task fields as a further 附件 (``task_table: true`` for the defaults)."""

    title: str | None = Field(default=None, description="default: the plan title's 工作 + 重点任务分工表")
    columns: list[TaskColumn] = Field(
        default_factory=lambda: list(DEFAULT_TASK_COLUMNS), min_length=1, description="columns, in order"
    )
    levels: list[int] | None = Field(
        default=None,
        description="levels whose nodes become rows (e.g. [2]); default: the nodes that carry task fields",
    )
    text: bool = Field(default=False, description="重点任务 also prints the node's text")

    @field_validator("levels")
    @classmethod
    def _levels_exist(cls, value: list[int] | None) -> list[int] | None:
        for level in value or []:
            if not 1 <= level <= MAX_DEPTH:
                raise ValueError(
                    _("level {level} does not exist — levels are 1 to {depth}").format(
                        level=level, depth=MAX_DEPTH
                    )
                )
        return value


class Plan(_Strict):
    """工作要点: the plan issued by the notice, printed as its 附件."""

    title: str = Field(min_length=1, description="e.g. 2021年吴中区医政工作要点")
    year: int = Field(ge=1949, le=9999)
    preamble: list[str] = Field(default_factory=list, description="paragraphs before section 一、")
    sections: list[Node] = Field(default_factory=list)
    numbering: Numbering = Field(default_factory=Numbering)
    attachment_label: str | None = Field(
        default=None,
        description="附件 label above the plan (附件2 of a bare plan); null = from the notice's 附件说明",
    )
    in_notice: bool = Field(
        default=False,
        description="true: the notice issues no separate plan — this numbered text is the notice's own 正文, "
        "printed after its body paragraphs, without a title or 附件 page",
    )
    task_table: TaskTable | None = Field(
        default=None, description="重点任务分工表 as the next 附件: true, or title/columns/levels/text"
    )

    _listify = field_validator("preamble", mode="before")(lambda cls, v: _as_list(v))

    @field_validator("task_table", mode="before")
    @classmethod
    def _task_table_flag(cls, value: object) -> object:
        """``task_table: true`` is the table with its defaults; ``false`` none."""
        if value is True:
            return {}
        if value is False:
            return None
        return value

    def nodes(self) -> list[Node]:
        """Every node of the plan in document order."""
        out: list[Node] = []
        for section in self.sections:
            out.extend(section.walk())
        return out


class Notice(_Strict):
    """The 通知 (red-header document) that issues the plan; every element of GB/T 9704-2012 §7."""

    copy_number: str | None = Field(default=None, description="份号: 6 digits, e.g. 000001")
    classification: Literal["绝密", "机密", "秘密"] | None = Field(default=None, description="密级")
    secrecy_period: str | None = Field(default=None, description="保密期限, e.g. 1年")
    urgency: Literal["特急", "加急", "特提", "平急"] | None = Field(default=None, description="紧急程度")
    issuers: list[str] = Field(
        default_factory=list,
        description="发文机关标志: issuing organs, 主办机关 first; empty = no red header",
    )
    issuer_suffix: str = Field(default="文件", description="word after the issuers' names; '' for none")
    doc_number: DocNumber | None = Field(default=None, description="发文字号")
    doc_number_place: DocNumberPlace = Field(
        default="header",
        description="where the 发文字号 prints: header (GB/T 9704: under the 发文机关标志); under_title or "
        "under_title_bracketed (（…）) for a notice without 发文机关标志 that prints it under its title",
    )
    signers: list[str] = Field(default_factory=list, description="签发人; only for 上行文")
    title: str | None = Field(
        default=None,
        description="标题; default 关于印发《plan title》的通知; '' for none. A newline forces a line break.",
    )
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    body: list[str] = Field(default_factory=list, description="正文 paragraphs")
    attachments: list[str] | None = Field(
        default=None,
        description="附件说明: attachment names; default the plan and the appendices; [] for none",
    )
    signatories: list[str] = Field(default_factory=list, description="署名 (one or several)")
    date: dt.date | None = Field(default=None, description="成文日期")
    sealed: bool = Field(default=True, description="加盖印章: picks the signature layout")
    note: str | None = Field(default=None, description="附注, printed in brackets")
    cc: list[str] = Field(default_factory=list, description="抄送机关")
    printer: str | None = Field(default=None, description="印发机关")
    print_date: dt.date | None = Field(default=None, description="印发日期")

    _listify = field_validator(
        "issuers", "signers", "recipients", "body", "signatories", "cc", mode="before"
    )(lambda cls, v: _as_list(v))


class Layout(_Strict):
    """How the document is printed (GB/T 9704-2012 §6.2 prints both sides of the sheet)."""

    duplex: bool = Field(
        default=True,
        description="双面印刷: 版记 on an even page (§7.4); false for single-sided printing",
    )


class Appendix(_Strict):
    """A further 附件 after the plan (a 任务分工表, a form, a name list), kept as text and tables and
    printed on its own pages after the plan."""

    label: str | None = Field(default=None, description="附件 label as printed (附件2); null = by its place")
    title: str | None = Field(default=None, description="标题 of the attachment")
    text: list[str] = Field(default_factory=list, description="paragraphs, as written (labels included)")
    tables: list[Table] = Field(default_factory=list, description="tables, after the paragraphs")
    notes: list[str] = Field(default_factory=list, description="paragraphs after the tables (备注, 说明)")

    _listify = field_validator("text", "notes", mode="before")(lambda cls, v: _as_list(v))


class Document(_Strict):
    """A plan file: the notice and the plan it issues, and any further attachments.

    ``notice`` is None for a bare plan (an attachment kept without the notice that issued it): it
    prints no 版头, no 标题 and no 关于印发 title of its own.
    """

    notice: Notice | None = Field(
        default_factory=Notice, description="通知 that issues the plan; null for a bare plan (no notice)"
    )
    plan: Plan
    appendices: list[Appendix] = Field(
        default_factory=list, description="further 附件 after the plan (tables, forms, lists), as written"
    )
    layout: Layout = Field(default_factory=Layout, description="printing: duplex or single-sided")

    @model_validator(mode="after")
    def _depth_and_ids(self) -> Document:
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

        for section in self.plan.sections:
            visit(section, 1)
        if problems:
            # The loader locates these precisely; this guard keeps the model valid when built in code.
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return self
