"""Reading the 通知 around the plan: 版头, 标题, 主送, 正文, 附件说明, 署名, 成文日期, 附注, 版记.

GB/T 9704-2012 fixes the order of these elements (§7), so they are read in that order from the
lines before the plan; 版记 (抄送, 印发机关和印发日期) may also stand after the plan, at the end.
"""

from __future__ import annotations

import re
from typing import Any

from ..docnumber import parse_doc_number
from ..i18n import _
from .defects import DefectLog
from .lines import Line, ends_sentence, halfwidth_message, has_halfwidth_punctuation, parse_date

_COPY_NUMBER = re.compile(r"^\d{6}$")
_CLASSIFICATION = re.compile(r"^(?P<level>绝密|机密|秘密)\s*(?:★\s*(?P<period>\S+))?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_SIGNERS = re.compile(r"签发人[：:]\s*(?P<names>.+)$")
_TITLE_END = re.compile(r"(通知|决定|意见|方案|要点|函|报告|通报|批复|公告|通告|规定|办法|纪要|请示)$")
_TITLE_TAIL = re.compile(r"^(?:的[^：:，。]{0,12}|通知|意见|决定|方案|函|批复|通报|报告|请示)$")
"""A title's last line that a break left short (…工作要点 / 的通知): the title goes on."""
_RECIPIENTS_END = ("：", ":")
_ATTACHMENT = re.compile(r"^附件\s*[：:]\s*(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>.+)$")
_NOTE = re.compile(r"^[（(](?P<note>.+)[）)]$")
_CC = re.compile(r"^抄送\s*[：:]\s*(?P<names>.*)$")
_PRINTED = re.compile(
    r"^(?P<printer>.*?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)\s*印发$"
)
_BOOK_NAME = re.compile(r"《([^《》]+)》")


def book_names(lines: list[Line]) -> list[str]:
    """Names in 《》 — the plan's title is among them when the notice issues it."""
    return [name.replace(" ", "") for line in lines for name in _BOOK_NAME.findall(line.text)]


_DISCLOSURE_LINE = re.compile(
    r"^(?:公开方式|信息公开属性|公开属性)\s*[：:]\s*(?P<kind>主动公开|依申请公开|不予公开|不公开)$"
)


def is_disclosure(text: str) -> bool:
    """A 公开方式：主动公开 line (real/05, beside the 版记)."""
    return bool(_DISCLOSURE_LINE.match(text.replace(" ", "")))


def is_cc(text: str) -> bool:
    """A 抄送：… line of the 版记."""
    return bool(_CC.match(text))


def is_imprint(text: str) -> bool:
    """A 版记 line: 抄送：… or …印发."""
    return bool(_CC.match(text) or _PRINTED.match(text))


def join_printer_lines(lines: list[Line]) -> list[Line]:
    """The 印发 line set over two lines (印发机关 on one, 2024年2月29日印发 right-aligned under
    it) as one line, so the 印发机关 is read with its date and not as a 署名 or 正文."""
    out: list[Line] = []
    for line in lines:
        printed = _PRINTED.match(line.text)
        above = out[-1].text if out else ""
        if printed and not printed["printer"] and _names_only(above) and not re.search("[：:，,]", above):
            out[-1] = Line(out[-1].no, f"{out[-1].text} {line.text}")
        else:
            out.append(line)
    return out


def read_imprint(
    lines: list[Line], fields: dict[str, Any], defects: DefectLog, where: dict[str, int] | None = None
) -> None:
    """抄送 and 印发机关/印发日期 lines into ``fields`` (their lines into ``where``, by field)."""
    where = {} if where is None else where
    for line in lines:
        if match := _DISCLOSURE_LINE.match(line.text.replace(" ", "")):
            fields.setdefault("note", match["kind"])  # 公开属性: a 附注, never an issuer
        elif match := _CC.match(line.text):
            names = match["names"].rstrip("。.").strip()
            fields["cc"] = [n.strip() for n in names.split("，") if n.strip()]
            where["notice.cc"] = line.no
        elif match := _PRINTED.match(line.text):
            if match["printer"]:
                fields["printer"] = match["printer"].strip()
            found = parse_date(match["date"])
            if found is not None:
                _report_date(found, line, defects)
                if found.date:
                    fields["print_date"] = found.date
                    where["notice.print_date"] = line.no


def read_notice(lines: list[Line], defects: DefectLog, where: dict[str, int] | None = None) -> dict[str, Any]:
    """The notice fields from the lines before the plan (blank lines already dropped); the lines
    of the fields a rollover changes go into ``where`` ("notice.date" → line)."""
    where = {} if where is None else where
    fields: dict[str, Any] = {}
    rest = _number_apart_from_title(list(lines))
    _read_header(rest, fields, defects, where)
    if rest:
        where["notice.title"] = rest[0].no
    _read_title(rest, fields)
    wrapped = _wrapped_recipients(rest)
    if wrapped:  # 主送 over several lines: joined, as the names run on
        rest[: len(wrapped)] = [Line(wrapped[0].no, "".join(line.text for line in wrapped))]
    if rest and rest[0].text.endswith(_RECIPIENTS_END) and not _ATTACHMENT.match(rest[0].text):
        line = rest.pop(0)
        where["notice.recipients"] = line.no
        _warn_halfwidth(line, defects)
        fields["recipients"] = [r.strip() for r in re.split(r"[，,]", line.text[:-1]) if r.strip()]
    rest = join_printer_lines(rest)
    imprint = [line for line in rest if is_imprint(line.text)]
    rest = [line for line in rest if not is_imprint(line.text)]
    read_imprint(imprint, fields, defects, where)
    _read_closing(rest, fields, defects, where)
    disclosure = fields.pop("disclosure", None)
    if disclosure and "note" not in fields:
        fields["note"] = disclosure  # 公开属性 is printed as a 附注 (never an issuer)
    return fields


def _number_apart_from_title(rest: list[Line]) -> list[Line]:
    """A 文号 and the title on one line (a site's heading: 云府办发〔2021〕6号 云岩区…的通知), as the
    two lines a document prints."""
    for k, line in enumerate(rest[:4]):
        head, space, tail = line.text.strip().partition(" ")
        titled = _starts_title(tail) and _TITLE_END.search(tail.replace(" ", ""))
        if space and _is_doc_number(head) and titled:
            return [*rest[:k], Line(line.no, head), Line(line.no, tail.strip()), *rest[k + 1 :]]
    return rest


def _wrapped_recipients(rest: list[Line]) -> list[Line]:
    """The lines of a 主送 that wraps: names with their commas on lines that end without a
    sentence mark, up to the one ending in ：(at most three lines); [] when it does not wrap."""
    for end in range(1, min(3, len(rest) - 1) + 1):
        last = rest[end].text
        if not last.endswith(_RECIPIENTS_END):
            continue
        head = rest[:end]
        if all(
            line.table is None
            and not ends_sentence(line.text)
            and not re.search(r"[。；]", line.text)
            and re.search(r"[，、,]$|[，、,]", line.text)
            and len(line.text) >= 8
            for line in head
        ) and not _ATTACHMENT.match(last):
            return rest[: end + 1]
        return []
    return []


def _read_header(rest: list[Line], fields: dict[str, Any], defects: DefectLog, where: dict[str, int]) -> None:
    """版头: 份号, 密级★期限, 紧急程度, 公开属性, 发文机关标志 (one or several lines, with or without
    文件), 发文字号 (also under the title, in brackets), 签发人."""
    _read_marks(rest, fields)
    number_at = next((i for i, line in enumerate(rest[:8]) if _is_doc_number(line.text)), None)
    # the 标题 may stand above the 文号 (real/19–22: 文号 under the title): the mark ends there
    title_at = next((i for i, line in enumerate(rest[: number_at or 4]) if _starts_title(line.text)), None)
    if number_at is None or (title_at is not None and title_at < number_at):
        # Without a 文号 above the title, the issuer mark is the lines up to one ending in 文件
        # (joint: A / B文件), or up to the title.
        end = 0
        for i, line in enumerate(rest[: title_at if title_at is not None else 4]):
            if line.text.replace(" ", "").endswith("文件"):
                end = i + 1
        if title_at is not None and end == 0:
            # names without 文件 straight above the title are its first line (real/09, 12: no
            # red header, the title names the issuers); other lines there are the issuer mark
            end = 0 if all(_names_only(line.text) for line in rest[:title_at]) else title_at
        issuer_lines = rest[:end]
        number_line = rest.pop(number_at) if number_at is not None and number_at < 8 else None
        if number_line is not None and title_at is not None and end == 0:
            # a 文号 under the title of a notice without 版头 (real/18–22): kept there when printed
            bracketed = re.match(r"^[（(].+号[）)]$", number_line.text.strip())
            fields["doc_number_place"] = "under_title_bracketed" if bracketed else "under_title"
        number_at = end
    else:
        issuer_lines, number_line = rest[:number_at], rest[number_at]
        number_at += 1
    issuers: list[str] = []
    suffix = ""
    for line in issuer_lines:
        if _MARK_LINE.match(line.text.replace(" ", "")):
            continue  # a mark that stood among the issuer lines (依申请公开 …)
        if (alone := _doc_number_of(line.text)) is not None and alone[0] is None:
            fields["signers"] = alone[1]  # 签发人 above its 文号 (cells of a table row)
            continue
        name = line.text.replace(" ", "") if not _JOINT_ON_ONE_LINE.search(line.text) else line.text
        if name.endswith("文件"):
            name, suffix = name[: -len("文件")].strip(), "文件"
        # joint issuers on one line apart by spaces (real/09: 中国银保监会浙江监管局  浙江省司法厅)
        issuers.extend(o for part in re.split(r"\s+", name) if part for o in organ_names(part, []))
    if issuers:
        fields["issuers"] = issuers
        fields["issuer_suffix"] = suffix
    if number_line is not None:
        number, signers = _doc_number_of(number_line.text) or (None, [])
        if number:
            fields["doc_number"] = number
            where["notice.doc_number"] = number_line.no
            if _BRACKET_LOST.match(number_line.text.strip()) and parse_doc_number(number_line.text) is None:
                message = _("文号 {text!r} has lost a bracket or its 号; read as {read!r}, check it")
                read = f"{number['prefix']}〔{number['year']}〕{number['serial']}号"
                message = message.format(text=number_line.text, read=read)
                defects.add(number_line.no, "broken_doc_number", message)
        if signers:
            fields["signers"] = signers
    del rest[:number_at]
    if rest and (alone := _doc_number_of(rest[0].text)) is not None and alone[0] is None:
        fields["signers"] = alone[1]  # 签发人 in the 文号's row of a table: a line of its own
        rest.pop(0)
    _read_marks(rest, fields)


_DISCLOSURE = re.compile(
    r"^[（(]?(?:信息)?(?:公开属性[：:])?(主动公开|依申请公开|不予公开|不公开|此件公开发布|此件主动公开)[）)]?$"
)
_MARK_LINE = re.compile(r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.*)?|特急|加急|特提|平急|特|急)$")
_JOINT_ON_ONE_LINE = re.compile(r"\S{4,}\s+\S{4,}")


def is_mark(text: str) -> bool:
    """A 版头 mark: 份号, 密级★保密期限, 紧急程度 or 公开属性 (what a page header may carry)."""
    text = text.replace(" ", "")
    return bool(_MARK_LINE.match(text) or _DISCLOSURE.match(text))


def is_header_line(text: str) -> bool:
    """A line of the 版头: a mark (see ``is_mark``), the 发文机关标志 (organ names, …文件), the
    发文字号 or 签发人 — what a first page's own page header may hold of the document."""
    compact = text.replace(" ", "")
    return is_mark(text) or compact.endswith("文件") or _names_only(text) or _doc_number_of(text) is not None


def _read_marks(rest: list[Line], fields: dict[str, Any]) -> None:
    """份号, 密级★期限, 紧急程度 (also 特 / 急 over two lines) and 公开属性 marks at the top."""
    while rest:
        text = rest[0].text.replace(" ", "")
        if _COPY_NUMBER.match(text) and "copy_number" not in fields:
            fields["copy_number"] = text
        elif match := _CLASSIFICATION.match(text):
            fields["classification"] = match["level"]
            if match["period"]:
                fields["secrecy_period"] = match["period"]
        elif _URGENCY.match(text):
            fields["urgency"] = text
        elif text in ("特", "加", "平") and len(rest) > 1 and rest[1].text.strip() == "急":
            fields["urgency"] = text + "急"
            rest.pop(0)
        elif match := _DISCLOSURE.match(text):
            fields.setdefault("disclosure", match[1])
        else:
            break
        rest.pop(0)


def signature_part(text: str) -> str | None:
    """What a line of a 署名 block set apart (a borderless table of joint 署名, the 成文日期 under
    them) is: "names" (organ names), "date" (the 成文日期), "seal" (（盖章）), or None."""
    text = text.strip()
    if _SEAL_MARKS.match(text):
        return "seal"
    if len(text) <= 20 and parse_date(text) is not None:
        return "date"
    return "names" if len(text) <= 40 and _names_only(text) else None


def _names_only(text: str) -> bool:
    """A line of organ names (one, or several apart by spaces), nothing else."""
    return bool(text) and all(_ORGAN.search(part) for part in re.split(r"\s+", text.strip()))


_ORGAN = re.compile(r"(局|厅|委|会|室|部|府|院|处|办|行|司|所|中心|公司|政府|办公厅|委员会)$")


def _starts_title(text: str) -> bool:
    """The first line of a notice's 标题 (关于…, or 某局关于印发… with the issuer in front)."""
    text = text.replace(" ", "")
    if text.endswith("文件") or parse_doc_number(text) is not None:
        return False
    return "关于" in text or ("印发" in text and bool(_TITLE_END.search(text)))


def _is_doc_number(text: str) -> bool:
    return (found := _doc_number_of(text)) is not None and found[0] is not None


def is_doc_number_line(text: str) -> bool:
    """A line holding a 发文字号 alone (any brackets, or one of them lost), 签发人 perhaps."""
    return _is_doc_number(text.strip())


def _doc_number_of(text: str) -> tuple[dict[str, Any] | None, list[str]] | None:
    """A 发文字号 line (any brackets), perhaps with 签发人 on it."""
    signers: list[str] = []
    if match := _SIGNERS.search(text):
        signers = [n for n in re.split(r"[\s　、，]+", match["names"]) if n]
        text = text[: match.start()].strip()
    if not text and signers:
        return None, signers
    if bracketed := re.match(r"^[（(](.+号)[）)]$", text.strip()):
        text = bracketed[1]  # 文号 in brackets under the title (real/18, 20)
    parsed = parse_doc_number(text)
    lost = _BRACKET_LOST.match(text.strip()) if parsed is None else None
    if lost and (lost["open"] or lost["close"]):
        # a 文号 that lost a bracket or its 号 on a web page (甘卫职健函2024〕217): its parts
        # still read, and the writers print it whole
        parsed = {"prefix": lost["prefix"], "year": lost["year"], "serial": lost["serial"]}
        text = f"{lost['prefix']}〔{lost['year']}〕{lost['serial']}号"
    if parsed is None or not re.search(r"号\s*$", text) or not 1949 <= int(parsed["year"]) <= 9999:
        return None
    if parsed["serial"] is not None and int(parsed["serial"]) < 1:
        return None
    return parsed, signers


# a 文号 that lost one of its two brackets, and perhaps its 号: 甘卫职健函2024〕217, 国发2019〕13号
_BRACKET_LOST = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff]{2,12})\s*(?P<open>[〔\[［【(（])?\s*(?P<year>(?:19|20)\d{2})\s*"
    r"(?P<close>[〕\]］】)）])?\s*(?P<serial>\d{1,5})\s*(?P<hao>号)?$"
)


def _read_title(rest: list[Line], fields: dict[str, Any]) -> None:
    """标题: one or more lines, up to the word that ends a title (通知, 意见 …)."""
    if not rest or rest[0].text.endswith(_RECIPIENTS_END):
        return
    first = rest[0].text
    names_first = _names_only(first) and len(rest) > 1 and _starts_title(rest[1].text)
    if not (names_first or _starts_title(first) or _TITLE_END.search(first.replace(" ", ""))):
        return
    parts: list[str] = []
    for count, line in enumerate(rest[:4], start=1):
        if line.text.endswith(_RECIPIENTS_END):
            break
        parts.append(line.text)
        following = rest[count].text.replace(" ", "") if count < min(len(rest), 4) else ""
        if _TITLE_END.search(line.text.replace(" ", "")) and not _TITLE_TAIL.match(following):
            del rest[:count]
            fields["title"] = _title_text(parts)
            return
    # No line ended as a title does: take the first line alone.
    fields["title"] = _title_text([rest.pop(0).text])


def _title_text(parts: list[str]) -> str:
    """Lines of a title joined by forced breaks, as the writers print them; a break inside 《》
    and a space within a line are extraction artefacts (seeds 002, 003, 004)."""
    out = ""
    for part in parts:
        piece = part.replace(" ", "")
        inside = out.count("《") > out.count("》")
        out += piece if not out or inside else "\n" + piece
    return out


def _read_closing(
    rest: list[Line], fields: dict[str, Any], defects: DefectLog, where: dict[str, int]
) -> None:
    """正文, 附件说明, 署名, 成文日期, 附注 from what is left of the notice."""
    date_at = None
    for i in range(len(rest) - 1, -1, -1):
        found = parse_date(rest[i].text)
        if found is not None:
            date_at = i
            _report_date(found, rest[i], defects)
            if found.date:
                fields["date"] = found.date
                where["notice.date"] = rest[i].no
            break
    after = rest[date_at + 1 :] if date_at is not None else []
    before = rest[:date_at] if date_at is not None else list(rest)
    notes = [line for line in after if _NOTE.match(line.text)]
    # two bracketed lines under the date ((联系人：…) then (此件公开发布)): the 公开属性 is the 附注,
    # the other goes on the 正文 — kept, never dropped
    note_line = next((line for line in notes if _DISCLOSURE.match(line.text.replace(" ", ""))), None)
    note_line = note_line or (notes[-1] if notes else None)
    for line in after:
        if line is note_line and (match := _NOTE.match(line.text)):
            fields["note"] = match["note"].strip()
            if line.text[0] == "(" or line.text[-1] == ")":
                defects.add(line.no, "halfwidth_punctuation", _("附注 in half-width brackets; printed （…）"))
        else:
            before.append(line)  # anything else after the date is kept as 正文, never dropped
    attach_at = next((i for i, line in enumerate(before) if _ATTACHMENT.match(line.text)), None)
    after_attachments: list[Line] = []
    if attach_at is not None:
        names, used = _attachment_names(before[attach_at:])
        fields["attachments"] = names
        before, after_attachments = before[:attach_at], before[attach_at + used :]
    if date_at is not None:
        signatories: list[Line] = []

        most = max(4, len(fields.get("issuers", [])))  # a joint notice's 署名 are its issuers

        def room() -> bool:  # up to four 署名 lines, or one a joint issuer; a （盖章） line is none
            return sum(not _SEAL_MARKS.match(s.text) for s in signatories) < most

        while after_attachments and _is_signatory(after_attachments[-1].text) and room():
            signatories.insert(0, after_attachments.pop())
        while not after_attachments and before and _is_signatory(before[-1].text) and room():
            signatories.insert(0, before.pop())
        if any(_SEAL_MARKS.match(s.text) for s in signatories):
            fields["sealed"] = True  # （盖章） under the names: where the seals go, not a name
        signatories = [s for s in signatories if not _SEAL_MARKS.match(s.text)]
        if signatories:
            fields["signatories"] = [
                name for s in signatories for name in _signatory_names(s.text, fields.get("issuers", []))
            ]
    elif (closing := after_attachments or before) and len(before) >= 1:
        # no 成文日期 in the text (a web page states it in its metadata box): organ names ending
        # the notice, under a 附注 perhaps, are still its 署名 and 附注
        if len(closing) > 1 and (note := _NOTE.match(closing[-1].text)) and _names_only(closing[-2].text):
            fields["note"] = note["note"].strip()
            closing.pop()
        names: list[Line] = []
        while len(closing) > (0 if closing is after_attachments else 1) and len(names) < 4:
            if not _names_only(closing[-1].text):
                break
            names.insert(0, closing.pop())
        if names:
            fields["signatories"] = [
                name for s in names for name in _signatory_names(s.text, fields.get("issuers", []))
            ]
    before.extend(after_attachments)  # never dropped: kept as 正文
    body = [line for line in before if line.text]
    for line in body:
        _warn_halfwidth(line, defects)
    if body:
        fields["body"] = [line.text for line in body]
        where.update((f"notice.body[{k}]", line.no) for k, line in enumerate(body))


def _signatory_names(text: str, issuers: list[str]) -> list[str]:
    """One line of 署名: several organs apart by spaces (joint 署名, real/09, 14), or one after
    another without a space (see ``organ_names``), or one name whose stray spaces are
    extraction artefacts."""
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    if len(parts) > 1 and all(len(p) >= 3 and _ORGAN.search(p) for p in parts):
        return [name for part in parts for name in organ_names(part, issuers)]
    return organ_names(text.replace(" ", ""), issuers)


# The place an organ's name starts with (苏州市, 浙江省, 吴中区 …): a name that starts again
# with it, straight after an organ's ending, is the next organ of a joint 署名.
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}?[省市区县州盟旗]")


def organ_names(text: str, known: list[str]) -> list[str]:
    """Organ names printed one after another without a space (苏州市卫生健康委员会苏州市医疗保障局,
    a joint 署名 or 发文机关标志 typed on one line): cut where an organ's ending (局, 委员会 …) is
    followed by one of the ``known`` names (the notice's 发文机关) or by the place the first name
    starts with. Never cut inside one organ whose name holds another's (中国银保监会浙江监管局,
    国家税务总局浙江省税务局, 苏州市人民政府办公室): the part after the cut must start a name."""
    place = _PLACE.match(text)

    def starts_name(rest: str) -> bool:
        return any(rest.startswith(name) for name in known if name) or (
            place is not None and rest.startswith(place[0])
        )

    names: list[str] = []
    rest = text
    while rest:
        cut = next(
            (end for end in range(3, len(rest) - 2) if _ORGAN.search(rest[:end]) and starts_name(rest[end:])),
            None,
        )
        if cut is None:
            names.append(rest)
            break
        names.append(rest[:cut])
        rest = rest[cut:]
    if len(names) > 1 and all(_ORGAN.search(name) for name in names):
        return names
    return [text]


_SEAL_MARKS = re.compile(r"^(?:[（(](?:盖章|印章|公章|签章|章)[）)]\s*)+$")


_CONTACT = re.compile(r"^[（(]?(?:联系人|联系电话|联系方式|电话|传真|邮箱|电子邮箱|地址|邮编)\s*[：:]|\d{7,}")
_CLOSING_FORMULA = re.compile(r"^(?:特此|此)(?:通知|函告|函|报告|批复|公告|通告|通报)[。！]?$")


def is_closing_formula(text: str) -> bool:
    """The 正文's closing words (特此通知。, 此通知): its last line, never a 署名."""
    return bool(_CLOSING_FORMULA.match(text.replace(" ", "")))


def _is_signatory(text: str) -> bool:
    """A line that may be a 署名: short, no sentence; never a 联系人 line or its hanging second
    name with a telephone number (an organ's name holds no run of seven digits)."""
    return (
        0 < len(text) <= 40
        and not ends_sentence(text)
        and "，" not in text
        and not _ATTACHMENT.match(text)
        and not _CONTACT.search(text)
        and not is_closing_formula(text)
    )


def _attachment_names(lines: list[Line]) -> tuple[list[str], int]:
    """附件：1.名称 / 2.名称 …, or one name; and how many lines they take."""
    first = _ATTACHMENT.match(lines[0].text)
    assert first is not None
    head = first["rest"].strip()
    offset = 0
    if not head and len(lines) > 1 and (item := _LIST_ITEM.match(lines[1].full)) and item["n"] == "1":
        # 附件： alone on its line, the numbered names under it
        head, offset, lines = lines[1].full, 1, lines[1:]  # Word's own 1. 2. (numbering.xml) too
    match = _LIST_ITEM.match(head)
    if not match:
        if not head:
            return [], 1
        used = 1
        while used < len(lines) and _wraps(head, lines[used].text):
            head += lines[used].text.replace(" ", "")
            used += 1
        return [head], used
    names = [match["name"].strip()]
    used = 1
    for line in lines[1:]:
        item = _LIST_ITEM.match(line.full)
        if item and int(item["n"]) == len(names) + 1:
            names.append(item["name"].strip())
        elif _wraps(names[-1], line.text):
            names[-1] += line.text.replace(" ", "")
        else:
            break
        used += 1
    return names, used + offset


def _wraps(name: str, text: str) -> bool:
    """Does ``text`` carry on a wrapped 附件 name (real/09: …目录（2020 / 年）; real/12: …范 / 围)?"""
    if not text or parse_date(text) or _LIST_ITEM.match(text):
        return False
    return name.count("（") > name.count("）") or (len(text) <= 3 and not ends_sentence(name))


def _report_date(found: Any, line: Line, defects: DefectLog) -> None:
    if not found.broken and found.date is not None:
        return
    if found.date is not None:
        defects.add(
            line.no,
            "broken_date",
            _("date {text} lost its 年月日; read as {date}").format(
                text=repr(line.text), date=found.date.isoformat()
            ),
        )
    else:
        message = _("date {text} cannot be read; left out — add it by hand").format(text=repr(line.text))
        defects.add(line.no, "broken_date", message)


def _warn_halfwidth(line: Line, defects: DefectLog) -> None:
    if has_halfwidth_punctuation(line.text):
        defects.add(line.no, "halfwidth_punctuation", halfwidth_message(line.text))
