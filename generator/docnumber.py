"""发文字号 (文号) read from text: 吴卫医〔2021〕38号 in any bracket form people type.

GB/T 9704-2012 §7.2.4 prints the year in 六角括号 〔〕, but plans, Word files and YAML written by
hand use [ ] ［ ］ ( ) （ ） 【 】 ﹝ ﹞ 〖 〗 as well; this is the one reader of them all, used by the model
(a 文号 given as one string), the importer, rollover and the year finder. Printing is view.py's.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

OPENING = "〔[［(（【﹝〖"
CLOSING = "〕]］)）】﹞〗"
"""The brackets accepted around a 文号's year (the printed form is always 〔〕)."""

# The year in brackets and what may follow it: 38号, 第38号, or nothing yet (a draft's 〔2025〕号).
_CORE = (
    rf"(?P<bracket>[{re.escape(OPENING)}]\s*(?P<year>\d{{4}})\s*[{re.escape(CLOSING)}])\s*"
    r"(?P<number>(?:第\s*)?(?P<serial>\d+)?)"
)
_WHOLE = re.compile(rf"^\s*(?P<prefix>\S+?)\s*{_CORE}\s*号?\s*$")


@functools.cache
def _inside() -> re.Pattern[str]:
    return re.compile(_CORE)  # compiled on first use: a render reads whole 文号 only


def _hao_follows(text: str, at: int) -> bool:
    """号 at ``at``, spaces allowed before it."""
    while at < len(text) and text[at].isspace():
        at += 1
    return text.startswith("号", at)


class DocNumberText(NamedTuple):
    """Where the parts of a 文号 stand in the text it was read from (spans index that text)."""

    prefix: str  # '' when found inside running text
    year: int
    serial: int | None
    year_span: tuple[int, int]
    bracket_span: tuple[int, int]  # 〔2021〕
    number_span: tuple[int, int] | None  # 第38 or 38, the 序号 as written; None when absent


def parse_doc_number(text: str) -> dict[str, object] | None:
    """A whole string that is a 文号 → its parts ``{prefix, year, serial}`` (serial None when not
    yet numbered), as the model's ``DocNumber`` takes them; None when it is not one."""
    found = read_doc_number(text)
    if found is None:
        return None
    return {"prefix": found.prefix, "year": found.year, "serial": found.serial}


def read_doc_number(text: str) -> DocNumberText | None:
    """Like :func:`parse_doc_number`, with the place of each part (for editing it in place)."""
    match = _WHOLE.match(text)
    return None if match is None else _parts(match)


def find_doc_number(text: str) -> DocNumberText | None:
    """The first bracketed 文号 year (with its 序号, if any) anywhere in ``text`` — e.g. in the
    source of a quoted YAML scalar."""
    match = _inside().search(text)
    return None if match is None else _parts(match)


def cited_years(text: str) -> list[DocNumberText]:
    """Every cited 文号 year in running text: 〔2021〕 [2021] ［2021］ 【2021】 always; a year in
    round brackets only when a 序号 and 号 follow (（2021）12号) — alone it is not a 文号."""
    found = []
    for match in _inside().finditer(text):
        if match["bracket"][0] in "(（" and not (match["serial"] and _hao_follows(text, match.end())):
            continue
        found.append(_parts(match))
    return found


def _parts(match: re.Match[str]) -> DocNumberText:
    serial = match["serial"]
    return DocNumberText(
        prefix=match.groupdict().get("prefix") or "",
        year=int(match["year"]),
        serial=int(serial) if serial else None,
        year_span=match.span("year"),
        bracket_span=match.span("bracket"),
        number_span=match.span("number") if serial else None,
    )
