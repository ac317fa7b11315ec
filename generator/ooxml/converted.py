"""Repairs of a .docx that LibreOffice converted from a Word 97–2003 (.doc) file.

LibreOffice reads a field whose result spans several paragraphs (a mail-merge template's
``MERGEFIELD $TextContent`` holding a whole 正文, corpus real/08) into one run, writing each of the
result's paragraphs as its own ``w:t`` and a nested field's code as plain text (`` MERGEFIELD
title ``). Word never writes two ``w:t`` in one run, so each boundary is where a paragraph ended:
a ``w:br`` there keeps the lines apart, and the leaked field codes are dropped. A nested field
stands inside a paragraph: its code, its result and the text after it are three ``w:t`` of one
line (``根据《`` · `` MERGEFIELD title `` · ``财政部…的通知`` · ``》（``), joined as they print.
"""

from __future__ import annotations

import re

from lxml import etree

from .elements import W_NS

_T = f"{{{W_NS}}}t"
_R = f"{{{W_NS}}}r"
_BR = f"{{{W_NS}}}br"
_FIELD_CODE = re.compile(
    r"^\s*(?:MERGEFIELD|DOCPROPERTY|DOCVARIABLE|REF|PAGEREF|HYPERLINK|FORMTEXT)\b[^\u3400-\u9fff]*$"
)


def split_field_paragraphs(document_xml: bytes) -> tuple[bytes, int]:
    """``word/document.xml`` with the repairs above; also how many field codes were dropped."""
    root = etree.fromstring(document_xml, etree.XMLParser(resolve_entities=False, huge_tree=False))
    dropped = 0
    for run in root.iter(_R):
        texts = [child for child in run if child.tag == _T]
        if len(texts) < 2:
            continue
        inline: set[int] = set()  # indexes of w:t that go on the line before them
        for k, t in enumerate(texts):
            if _FIELD_CODE.match(t.text or ""):
                inline.update((k, k + 1, k + 2))  # the code, the field's result, the text after
        for k, t in enumerate(texts):
            if _FIELD_CODE.match(t.text or ""):
                run.remove(t)
                dropped += 1
            elif k > 0 and k not in inline:
                t.addprevious(etree.Element(_BR))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped
