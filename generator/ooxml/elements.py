"""Namespaces, units and the generic plumbing every other ooxml module builds on.

Child elements are found or created in schema order (Word refuses a file whose w:pPr or w:rPr
children are out of order); attributes are set in the w: namespace, ``None`` removing one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# python-docx's prefixes (docx.oxml.ns.nsmap), kept here so that rendering a plan, which works on
# plain lxml trees, never imports python-docx (a fifth of a render's start-up).
NSMAP = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcterms": "http://purl.org/dc/terms/",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "w": W_NS,
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def qn(tag: str) -> str:
    """``w:p`` → ``{namespace}p`` (lxml's Clark notation), as python-docx's ``qn``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def OxmlElement(tag: str, like: Any = None, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new ``tag`` element. With ``like`` (an element of the tree it will join) it is made by that
    tree's parser: python-docx's element classes in a python-docx document, plain lxml elements in
    a render's tree (python-docx is not imported); without, python-docx's own ``OxmlElement``."""
    prefix = tag.split(":")[0]
    if like is not None:
        return like.makeelement(qn(tag), attrib=attrs or {}, nsmap={prefix: NSMAP[prefix]})
    from docx.oxml import OxmlElement as docx_element

    return docx_element(tag, attrs)


def parse_xml(xml: str | bytes) -> BaseOxmlElement:
    """``xml`` parsed into python-docx's element classes (python-docx imported when first needed)."""
    from docx.oxml import parse_xml as docx_parse

    return docx_parse(xml)


_PLAIN_PARSER: Any = None


def parse_like(xml: str | bytes, like: Any) -> Any:
    """``xml`` parsed into the element kind of the tree ``like`` belongs to (see OxmlElement)."""
    return parse_plain(xml) if type(like).__module__ == "lxml.etree" else parse_xml(xml)


def parse_plain(xml: str | bytes) -> Any:
    """``xml`` parsed into plain lxml elements, blank text dropped as python-docx's parser drops it."""
    global _PLAIN_PARSER
    from lxml import etree

    if _PLAIN_PARSER is None:
        _PLAIN_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(xml, _PLAIN_PARSER)


TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# XML 1.0 forbids these code points; a NUL from an old .doc must not make the file unreadable.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------- generic element plumbing

# Child order inside w:pPr, w:rPr, w:tblPr and w:tcPr is fixed by the schema; Word refuses files
# that break it ("unreadable content") where LibreOffice reads them anyway.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()


_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
_TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
).split()
_SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
    "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
    "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
    "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
    "mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary "
    "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()
SCHEMA_ORDERS = {
    "pPr": _PPR_ORDER,
    "rPr": _RPR_ORDER,
    "tblPr": _TBLPR_ORDER,
    "tcPr": _TCPR_ORDER,
    "settings": _SETTINGS_ORDER,
}
"""Children's schema order of each property element (also what the tests check output against)."""


def get_or_add_child(parent: BaseOxmlElement, tag: str, order: list[str] | None = None) -> BaseOxmlElement:
    """The ``w:tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    new = OxmlElement(f"w:{tag}", like=parent)
    if order and tag in order:
        rank = order.index(tag)
        for index, sibling in enumerate(parent):
            local = sibling.tag.rsplit("}", 1)[-1]
            if local in order and order.index(local) > rank:
                parent.insert(index, new)
                return new
    parent.append(new)
    return new


def set_attrs(element: BaseOxmlElement, **attrs: str | int | None) -> BaseOxmlElement:
    """Set w:name attributes; a value of None removes the attribute."""
    for name, value in attrs.items():
        key = qn(f"w:{name}")
        if value is None:
            element.attrib.pop(key, None)
        else:
            element.set(key, str(value))
    return element


def ppr_child(ppr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return get_or_add_child(ppr, tag, _PPR_ORDER)


def rpr_child(rpr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return get_or_add_child(rpr, tag, _RPR_ORDER)


def tblpr_child(tbl_pr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return get_or_add_child(tbl_pr, tag, _TBLPR_ORDER)


def settings_child(settings: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return get_or_add_child(settings, tag, _SETTINGS_ORDER)


def tcpr_child(tc_pr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return get_or_add_child(tc_pr, tag, _TCPR_ORDER)


def get_ppr(element: BaseOxmlElement) -> BaseOxmlElement:
    """w:pPr of a paragraph or paragraph style element."""
    if hasattr(element, "get_or_add_pPr"):
        return element.get_or_add_pPr()
    return _first_child(element, "pPr")


def get_rpr(element: BaseOxmlElement) -> BaseOxmlElement:
    """w:rPr of a run or style element."""
    if hasattr(element, "get_or_add_rPr"):
        return element.get_or_add_rPr()
    return _first_child(element, "rPr")


def _first_child(element: Any, tag: str) -> Any:
    """w:pPr of a plain w:p, w:rPr of a plain w:r: the schema puts them first."""
    if element.tag not in (qn("w:p"), qn("w:r")):
        raise TypeError(f"{element.tag}: only a paragraph's or run's properties are made on a plain tree")
    found = element.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}", like=element)
        element.insert(0, found)
    return found
