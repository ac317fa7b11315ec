"""What clerks and other tools leave in a .docx, done to a rendered one on the fly (no binary
fixtures): tracked changes, content controls, fields, smart tags, hidden text, run splits …

Each edit changes ``word/document.xml`` of a copy; :data:`UNCHANGED_PRINT` holds those after which
Word prints the very same document (with tracked changes accepted), so an import must give back
the same plan.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


Edit = Callable[[etree._Element], None]


def edit_docx(source: Path, target: Path, edit: Edit, member: str = "word/document.xml") -> Path:
    """A copy of ``source`` whose ``member`` went through ``edit`` (on its parsed root)."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts[member])
    edit(root)
    parts[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def text_paragraphs(root: etree._Element) -> list[etree._Element]:
    return [p for p in root.iter(q("p")) if "".join(t.text or "" for t in p.iter(q("t"))).strip()]


def runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p if r.tag == q("r")]


def element(tag: str, **attrs: str) -> etree._Element:
    made = etree.Element(q(tag))
    for key, value in attrs.items():
        made.set(q(key), value)
    return made


def wrap_runs(p: etree._Element, wrapper: etree._Element, inner: str | None = None) -> None:
    """Put all runs of ``p`` inside ``wrapper`` (or its child ``inner``, for w:sdtContent)."""
    found = runs(p)
    if not found:
        return
    found[0].addprevious(wrapper)
    target = wrapper if inner is None else wrapper.find(q(inner))
    for run in found:
        target.append(run)


def removed_run(tag: str, text: str) -> etree._Element:
    """A tracked deletion (w:del or w:moveFrom) of ``text``."""
    change = element(tag, id="901", author="clerk", date="2025-03-01T09:00:00Z")
    run = etree.SubElement(change, q("r"))
    etree.SubElement(run, q("delText")).text = text
    return change


def _each(edit: Callable[[etree._Element], None]) -> Edit:
    def on_root(root: etree._Element) -> None:
        for p in text_paragraphs(root):
            edit(p)

    return on_root


def _inserted(p: etree._Element) -> None:
    wrap_runs(p, element("ins", id="900", author="clerk", date="2025-03-01T09:00:00Z"))


def _deleted_text(p: etree._Element) -> None:
    p.append(removed_run("del", "删去的字"))


def _moved(p: etree._Element) -> None:
    wrap_runs(p, element("moveTo", id="902", author="clerk"))
    p.append(removed_run("moveFrom", "移走的字"))


def _commented(p: etree._Element) -> None:
    found = runs(p)
    if found:
        found[0].addprevious(element("commentRangeStart", id="7"))
        end = element("commentRangeEnd", id="7")
        found[-1].addnext(end)
        reference = etree.Element(q("r"))
        reference.append(element("commentReference", id="7"))
        end.addnext(reference)


def _content_control(p: etree._Element) -> None:
    sdt = element("sdt")
    etree.SubElement(sdt, q("sdtPr")).append(element("alias", val="成文日期"))
    etree.SubElement(sdt, q("sdtContent"))
    wrap_runs(p, sdt, "sdtContent")


def _block_content_controls(root: etree._Element) -> None:
    """Every three blocks of the body inside one content control (a cover page, a locked 版头)."""
    body = root.find(q("body"))
    blocks = [child for child in body if child.tag in (q("p"), q("tbl"))]
    for start in range(0, len(blocks), 3):
        sdt = element("sdt")
        etree.SubElement(sdt, q("sdtPr"))
        content = etree.SubElement(sdt, q("sdtContent"))
        blocks[start].addprevious(sdt)
        for block in blocks[start : start + 3]:
            content.append(block)


def _smart_tag(p: etree._Element) -> None:
    wrap_runs(p, element("smartTag", uri="urn:schemas-microsoft-com:office:smarttags", element="place"))


def _simple_field(p: etree._Element) -> None:
    wrap_runs(p, element("fldSimple", instr=" DOCPROPERTY Title "))


def _complex_field(p: etree._Element) -> None:
    found = runs(p)
    if not found:
        return

    def char(kind: str) -> etree._Element:
        run = etree.Element(q("r"))
        run.append(element("fldChar", fldCharType=kind))
        return run

    begin = char("begin")
    found[0].addprevious(begin)
    code = etree.Element(q("r"))
    etree.SubElement(code, q("instrText")).text = " DOCPROPERTY Subject \\* MERGEFORMAT "
    begin.addnext(code)
    code.addnext(char("separate"))
    found[-1].addnext(char("end"))


def _hidden_text(p: etree._Element) -> None:
    run = etree.SubElement(p, q("r"))
    etree.SubElement(etree.SubElement(run, q("rPr")), q("vanish"))
    etree.SubElement(run, q("t")).text = "隐藏的批语"


def _split_runs(p: etree._Element) -> None:
    """Every character a run of its own, as Word leaves text typed over several sessions."""
    for run in runs(p):
        texts = run.findall(q("t"))
        if len(texts) != 1 or not texts[0].text or len(run) > 2:
            continue
        previous = run
        for ch in texts[0].text:
            piece = copy.deepcopy(run)
            piece.find(q("t")).text = ch
            piece.set(q("rsidR"), "00A1B2C3")
            previous.addnext(piece)
            previous = piece
        p.remove(run)


def _bookkeeping(p: etree._Element) -> None:
    """Bookmarks, proofing marks and rendered page breaks, as Word saves them everywhere."""
    found = runs(p)
    if found:
        found[0].addprevious(element("bookmarkStart", id="950", name="_Toc950"))
        found[0].addprevious(element("proofErr", type="spellStart"))
        found[-1].addnext(element("bookmarkEnd", id="950"))
        found[0].insert(1 if found[0].find(q("rPr")) is not None else 0, element("lastRenderedPageBreak"))


def _hyperlink(p: etree._Element) -> None:
    wrap_runs(p, element("hyperlink", anchor="_Toc950"))


UNCHANGED_PRINT: dict[str, Edit] = {
    "tracked-insertion": _each(_inserted),
    "tracked-deletion": _each(_deleted_text),
    "tracked-move": _each(_moved),
    "comment": _each(_commented),
    "content-control": _each(_content_control),
    "block-content-controls": _block_content_controls,
    "smart-tag": _each(_smart_tag),
    "simple-field": _each(_simple_field),
    "complex-field": _each(_complex_field),
    "hidden-text": _each(_hidden_text),
    "split-runs": _each(_split_runs),
    "bookkeeping": _each(_bookkeeping),
    "hyperlink": _each(_hyperlink),
}
