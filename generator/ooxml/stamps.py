"""Identity stamps: which node and part of the plan a rendered paragraph or table prints.

The Word writer cannot place XML through the template's ``{{ p.text }}`` placeholders (they are
character data), so it prefixes the text with a token of private-use characters
(:func:`stamp_token`); :func:`apply_stamps` then turns each token into a hidden bookmark
(``_wp…``, hidden because of the leading underscore) at the start of its paragraph. The diff
writer reads the bookmarks back (:func:`block_stamp`) to pair old and new paragraphs by identity,
whatever their text or labels, and removes them (:func:`remove_stamps`) before writing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .elements import OxmlElement, qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement


_OPEN, _CLOSE, _ZERO = "\uf8f0", "\uf8f1", 0xF8E0
_TOKEN = re.compile(f"{_OPEN}([{chr(_ZERO)}-{chr(_ZERO + 9)}]+){_CLOSE}")
PREFIX = "_wp"
_FIRST_ID = 900_000  # bookmark ids above any the template or Word uses


def stamp_token(index: int) -> str:
    """Characters standing for stamp ``index`` in text until :func:`apply_stamps` replaces them."""
    return _OPEN + "".join(chr(_ZERO + int(d)) for d in str(index)) + _CLOSE


def apply_stamps(body: BaseOxmlElement, names: list[str]) -> None:
    """Replace every token in ``body`` by a bookmark named ``names[index]`` at the start of the
    paragraph holding it."""
    for t in list(body.iter(qn("w:t"))):
        found = _TOKEN.search(t.text or "")
        if found is None:
            continue
        index = int("".join(str(ord(c) - _ZERO) for c in found.group(1)))
        t.text = t.text[: found.start()] + t.text[found.end() :]
        p = next(t.iterancestors(qn("w:p")))
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(_FIRST_ID + index))
        start.set(qn("w:name"), names[index])
        end.set(qn("w:id"), str(_FIRST_ID + index))
        ppr = p.find(qn("w:pPr"))
        at = 0 if ppr is None else list(p).index(ppr) + 1
        p.insert(at, end)
        p.insert(at, start)


def block_stamp(element: BaseOxmlElement) -> str | None:
    """The stamp name of a body block (a paragraph, or a table through its first cell)."""
    for mark in element.iter(qn("w:bookmarkStart")):
        name = mark.get(qn("w:name")) or ""
        if name.startswith(PREFIX):
            return name
    return None


def remove_stamps(element: BaseOxmlElement) -> None:
    """Drop the stamp bookmarks inside ``element`` (a block)."""
    ids = set()
    for mark in list(element.iter(qn("w:bookmarkStart"))):
        if (mark.get(qn("w:name")) or "").startswith(PREFIX):
            ids.add(mark.get(qn("w:id")))
            mark.getparent().remove(mark)
    for mark in list(element.iter(qn("w:bookmarkEnd"))):
        if mark.get(qn("w:id")) in ids:
            mark.getparent().remove(mark)
