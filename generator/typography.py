"""Chinese typography shared by the importer and lint: what counts as Chinese text, and where a
half-width mark is a slip.

One rule for both, so a line the importer reports is a line ``validate --strict`` warns about:
a half-width mark is flagged only where it sits *inside Chinese text* —

- ``, ; :`` between two pieces of Chinese prose, where a number counts as prose
  (卫健委,社会事业局; seed 003's 管理体,100%以上; 2020,全区) but two numbers do not (10,000);
- ``? !`` after Chinese text, at the end or before more of it;
- ``(`` opening onto a Chinese character and ``)`` closing after one ((四院除外)).

Marks beside Latin letters are left alone: 诊疗(MDT) and 日间手术,x,y are not reported.
Full-width brackets would be the house form around MDT too, but real plans write Latin
abbreviations in half-width brackets throughout, and a report on every one of them would bury
the real slips. (Before this module the importer flagged any of these marks touching Chinese,
(MDT) included, while lint flagged only marks between Chinese characters.)
"""

from __future__ import annotations

import functools
import re

IDEOGRAPHS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK Unified Ideographs (with Extension A) and the compatibility block, as a regex class body."""

CJK_PUNCTUATION = r"\u3000-\u303f\uff00-\uffef“”‘’—…·"
"""Full-width marks that sit among Chinese characters (、。〔〕，（） “” — … ·)."""

CJK = IDEOGRAPHS + CJK_PUNCTUATION
"""Chinese text: ideographs and the punctuation around them."""

_HALFWIDTH_SOURCE = (
    rf"(?<=[{CJK}])[,:;](?=[{CJK}0-9])"
    rf"|(?<=[0-9])[,:;](?=[{CJK}])"
    rf"|(?<=[{CJK}])[?!](?=[{CJK}]|$)"
    rf"|\((?=[{IDEOGRAPHS}])"
    rf"|(?<=[{IDEOGRAPHS}])\)"
)
_MARKS = frozenset(",:;?!()")


@functools.cache
def _halfwidth() -> re.Pattern[str]:
    # compiled on first need: its wide character classes take ~3 ms, and most texts (every
    # clean plan) hold none of the marks it looks for
    return re.compile(_HALFWIDTH_SOURCE)


FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
"""The full-width form of each half-width mark flagged."""


def halfwidth_marks(text: str) -> list[re.Match[str]]:
    """Every half-width mark inside Chinese text, in order (see the module's rule)."""
    if _MARKS.isdisjoint(text):
        return []
    return list(_halfwidth().finditer(text))


def has_halfwidth_punctuation(text: str) -> bool:
    """Is there a half-width mark inside Chinese text (a typing or extraction slip)?"""
    return not _MARKS.isdisjoint(text) and _halfwidth().search(text) is not None
