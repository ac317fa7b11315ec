"""Notice fields a format states apart from the text: a Markdown front matter, the metadata box
of a government web page (索引号 / 发布机构 / 成文日期 / 文号 …).

Keys are matched after dropping spaces and a trailing colon, in Chinese or English; a value that
does not read (a date that is no date) is left out. A front matter is the author's own
statement and wins over what the text seemed to say; a web page's box only fills a field the
text left empty.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..docnumber import parse_doc_number
from ..model import Document, Notice
from ..model_tools import ValidationError, replace, to_data, validate
from ..view import default_notice_title
from .defects import DefectLog
from .lines import parse_date
from .structure import UNTITLED

_KEYS: dict[str, str] = {
    **dict.fromkeys(["标题", "title", "名称", "文件名称", "题目", "公文标题"], "title"),
    **dict.fromkeys(
        ["文号", "发文字号", "发文号", "发布文号", "发文文号", "doc_number", "docnumber"], "doc_number"
    ),
    **dict.fromkeys(
        ["发布机构", "发文机关", "发文单位", "发布单位", "发文机构", "制发机关", "issuer", "issuers"],
        "issuers",
    ),
    **dict.fromkeys(["成文日期", "成文时间", "发文日期", "印发日期", "date"], "date"),
    **dict.fromkeys(["主送", "主送机关", "主送单位", "recipients"], "recipients"),
    **dict.fromkeys(["抄送", "抄送机关", "cc"], "cc"),
    **dict.fromkeys(["署名", "signatories"], "signatories"),
    **dict.fromkeys(["附注", "note"], "note"),
}
_NAMES_SPLIT = re.compile(r"[\s、，,；;]+")  # joint issuers: 广州市卫生健康委员会 广州市财政局
_RECIPIENTS_SPLIT = re.compile(r"[\n，,；;]+")  # 各县（区）卫生健康局、医疗保障局 is one recipient
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def notice_key(key: str) -> str | None:
    """The notice field a metadata key names (None for 索引号, 主题分类 and the like)."""
    return _KEYS.get(re.sub(r"[\s:：]", "", key).lower())


def apply_metadata(
    document: Document, metadata: dict[str, str], defects: DefectLog, *, override: bool
) -> Document:
    """``document`` with the fields ``metadata`` states; ``override``: over what the text gave."""
    del defects  # a value that does not read is left out silently: the text still has its say
    if document.notice is None and not override:
        return document  # a bare plan: a page's metadata box invents no notice for it
    notice = to_data(document.notice or Notice())
    plan = document.plan
    for key, raw in metadata.items():
        field = notice_key(key)
        value = _value(field, raw.strip()) if field else None
        if field is None or value in (None, "", []):
            continue
        if field == "title":
            if not re.search(r"(通知|函|意见|决定|通报|批复)$", str(value)) and plan.title == UNTITLED:
                plan = replace(plan, title=value)  # a bare plan's own title
                continue
            if value == default_notice_title(plan.title):
                value = None  # the default title, written out
                if notice.get("title") is None:
                    continue
        if notice.get(field) not in (None, "", []) and not override:
            continue
        notice[field] = value
    try:
        # replace keeps the rest of the document (its appendices)
        return replace(document, notice=validate(Notice, notice), plan=plan)
    except ValidationError:
        return document


def _value(field: str, raw: str) -> Any:
    if field == "date":
        if match := _ISO_DATE.match(raw):
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
        found = parse_date(raw.replace(" ", ""))
        return found.date if found is not None and not found.broken else None
    if field == "doc_number":
        return parse_doc_number(raw.replace(" ", ""))
    if field in ("issuers", "signatories"):
        return [part for part in _NAMES_SPLIT.split(raw) if part]
    if field in ("recipients", "cc"):
        return [part.strip().rstrip("：:。") for part in _RECIPIENTS_SPLIT.split(raw) if part.strip()]
    return raw.replace("\n", "") if field != "title" else raw
