"""Repairs of a .docx that LibreOffice converted from a Word 97–2003 (.doc) file.

LibreOffice reads a field whose result spans several paragraphs (a mail-merge template's
``MERGEFIELD $TextContent`` holding a whole 正文, corpus real/08) into one run, writing each of the
result's paragraphs as its own ``w:t`` and a nested field's code as plain text (`` MERGEFIELD
title ``). Word never writes two ``w:t`` in one run, so each boundary is where a paragraph ended:
a ``w:br`` there keeps the lines apart, and the leaked field codes are dropped.
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
        kept = []
        for t in texts:
            if _FIELD_CODE.match(t.text or ""):
                run.remove(t)
                dropped += 1
            else:
                kept.append(t)
        for t in kept[1:]:
            t.addprevious(etree.Element(_BR))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped
