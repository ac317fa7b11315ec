"""The editor's forms, built from the model's own field list.

Every field of :class:`~generator.model.Notice`, :class:`~generator.model.Plan` and
:class:`~generator.model.Node` becomes a form field whose kind follows its type (text, lines for a
list of strings, a date, a choice for a Literal, a check box for a bool, the three parts of a
发文字号). The Chinese label, the GB/T 9704-2012 name and a hint come from :data:`LABELS`; a field
added to the model later still appears, labelled from its description, until it gets an entry.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from ..model import DEFAULT_SCHEMES, MAX_DEPTH, DocNumber, Node, Notice, Plan
from ..model_tools import field_specs

# field → (label, GB/T 9704-2012 element or "" , hint)
LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "notice": {
        "copy_number": ("份号", "份号（7.2.2）", "涉密公文的印制份数顺序号，6位阿拉伯数字，如 000001"),
        "classification": ("密级", "密级和保密期限（7.2.3）", "绝密、机密或秘密；不涉密留空"),
        "secrecy_period": ("保密期限", "密级和保密期限（7.2.3）", "如 1年；与密级之间印★"),
        "urgency": ("紧急程度", "紧急程度（7.2.4）", "特急或加急（电报另有特提、平急）；不紧急留空"),
        "issuers": (
            "发文机关",
            "发文机关标志（7.2.5）",
            "发文机关全称或规范化简称，每行一个；联合行文时主办机关排列在前",
        ),
        "issuer_suffix": ("标志后缀", "发文机关标志（7.2.5）", "机关名称后的“文件”二字；留空即用默认“文件”"),
        "doc_number": (
            "发文字号",
            "发文字号（7.2.6）",
            "由机关代字、年份、序号组成，如 云卫医〔2025〕12号；年份用全称，序号不编虚位、不加“第”",
        ),
        "doc_number_place": (
            "文号位置",
            "发文字号（7.2.6）",
            "版头：印在发文机关标志之下（标准位置）；无版头的公文（网页、公报）可印在标题之下，或加圆括号",
        ),
        "signers": ("签发人", "签发人（7.2.7）", "上行文标注签发人姓名，每行一个；下行文留空"),
        "title": ("标题", "标题（7.3.1）", "留空即用“关于印发《工作要点标题》的通知”；换行处强制分行"),
        "recipients": (
            "主送机关",
            "主送机关（7.3.2）",
            "受理公文的机关，每行一个；印出时以顿号隔开、末尾加全角冒号",
        ),
        "body": ("正文", "正文（7.3.3）", "每段一行；首行缩进由排版生成，不要输入空格"),
        "attachments": ("附件说明", "附件说明（7.3.4）", "附件名称，每行一个；留空即以本工作要点为附件"),
        "signatories": ("署名", "发文机关署名（7.3.5）", "署发文机关全称或规范化简称，每行一个"),
        "date": ("成文日期", "成文日期（7.3.5）", "写作 YYYY-MM-DD，如 2025-02-18；印出为 2025年2月18日"),
        "sealed": ("加盖印章", "印章（7.3.5）", "加盖印章的公文署名居中、日期在下；不加盖印章则另行排版"),
        "note": ("附注", "附注（7.3.6）", "如联系人和电话；印出时加圆括号，居左空二字"),
        "cc": ("抄送机关", "抄送机关（7.4.2）", "每行一个；印出在版记中"),
        "printer": ("印发机关", "印发机关和印发日期（7.4.3）", "一般为发文机关的办公厅（室）"),
        "print_date": (
            "印发日期",
            "印发机关和印发日期（7.4.3）",
            "写作 YYYY-MM-DD；印出为 2025年2月18日印发",
        ),
    },
    "plan": {
        "title": ("工作要点标题", "附件标题（7.3.7）", "如 2025年云溪市医疗服务提升工作要点"),
        "year": ("年度", "", "四位数字，如 2025"),
        "preamble": ("导语", "", "一、之前的段落，每段一行"),
    },
    "node": {
        "heading": ("标题", "", "不要输入序号：一、（一）1. 由系统自动编排"),
        "numbered": ("编号", "", "取消勾选则此标题不编号，也不占用序号（如“工作要求”）"),
        "points": ("要点", "", "每行一条，印出为“一是……二是……”"),
        "text": ("正文段落", "", "每段一行；第一段接在标题之后同一行"),
        "lead": ("牵头单位", "", "任务的牵头单位"),
        "owners": ("责任单位", "", "每行一个"),
        "deadline": ("完成时限", "", "如 2025年底前"),
        "targets": ("指标", "", "量化指标，每行一条"),
        "status": ("状态", "", "进行中、已完成或已取消（下一年度起草时使用）"),
        "id": ("标识", "", "可选的稳定标识，比较版本时用来对应条目（英文字母、数字、连字符）"),
        "child_numbering": ("下级编号样式", "", "仅当下级不按默认样式编号时选择"),
    },
}

CHOICES: dict[str, dict[str, str]] = {
    "status": {"ongoing": "进行中", "done": "已完成", "dropped": "已取消"},
    "doc_number_place": {
        "header": "版头",
        "under_title": "标题之下",
        "under_title_bracketed": "标题之下（加括号）",
    },
    "child_numbering": {
        "chinese": "一、",
        "chinese_paren": "（一）",
        "arabic": "1.",
        "arabic_paren": "（1）",
        "arabic_comma": "1、",
        "circled": "①",
    },
}

# Shown elsewhere in the page, or structures the outline edits.
_SKIP = {"node": {"items", "tables"}, "plan": {"sections", "numbering"}, "notice": set()}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, optional) of ``X | None`` / ``Annotated[X, …]``."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _kind(annotation: Any) -> tuple[str, list[str]]:
    inner, _ = _unwrap(annotation)
    origin = typing.get_origin(inner)
    if inner is bool:
        return "bool", []
    if inner is int:
        return "int", []
    if inner is dt.date:
        return "date", []
    if inner is str:
        return "text", []
    if inner is DocNumber:
        return "doc_number", []
    if origin is Literal:
        return "choice", [str(a) for a in typing.get_args(inner)]
    if origin is list and typing.get_args(inner) and _unwrap(typing.get_args(inner)[0])[0] is str:
        return "lines", []
    return "", []


def _fields(model: type, group: str) -> list[dict[str, Any]]:
    out = []
    for name, info in field_specs(model).items():
        if name in _SKIP.get(group, set()):
            continue
        kind, options = _kind(info.annotation)
        if not kind:
            continue
        description = info.description or ""
        default_label = description.split(":")[0].split(",")[0].strip() or name
        label, gbt, hint = LABELS.get(group, {}).get(name, (default_label, "", description))
        default = info.default if isinstance(info.default, bool | str) else None
        out.append(
            {
                "name": name,
                "kind": kind,
                "label": label,
                "gbt": gbt,
                "hint": hint,
                "options": [{"value": o, "label": CHOICES.get(name, {}).get(o, o)} for o in options],
                "default": default,
                "required": info.required,
            }
        )
    return out


def numbering_spec() -> dict[str, Any]:
    """The plan's numbering settings (``plan.numbering``): a scheme per level, continuous levels."""
    return {
        "levels": MAX_DEPTH,
        "defaults": list(DEFAULT_SCHEMES),
        "schemes": [{"value": k, "label": v} for k, v in CHOICES["child_numbering"].items()],
        "label": "编号设置",
        "hint": "各级序号的样式；勾选“连续编号”的一级在各上级之间接续编号"
        "（如（一）至（三十六）贯穿全文），否则在每个上级下从头编号",
    }


def form_spec() -> dict[str, Any]:
    """Every form of the page: the notice, the plan's own fields, an outline node's fields."""
    return {
        "notice": _fields(Notice, "notice"),
        "plan": _fields(Plan, "plan"),
        "node": _fields(Node, "node"),
        "numbering": numbering_spec(),
    }
