"""Word comments (批注): a note anchored on a paragraph, kept in word/comments.xml.

The diff writer puts one on each changed node, naming the fields that changed — the ones no
line prints (状态, 标识) included — so the .docx says what a reviewer must look at. Comments are
no revisions: accepting or rejecting every change leaves them, and the text, as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .elements import W_NS, OxmlElement, qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

COMMENTS_PART = "word/comments.xml"
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def anchor_comment(p: BaseOxmlElement, comment_id: int) -> None:
    """Anchor comment ``comment_id`` on the whole of paragraph ``p`` (range and reference mark)."""
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), str(comment_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
    end = OxmlElement("w:commentRangeEnd")
    end.set(qn("w:id"), str(comment_id))
    p.append(end)
    run = OxmlElement("w:r")
    reference = OxmlElement("w:commentReference")
    reference.set(qn("w:id"), str(comment_id))
    run.append(reference)
    p.append(run)


def comments_part(comments: list[tuple[int, list[str]]], author: str, date: str) -> bytes:
    """word/comments.xml holding each (id, lines) as a comment of one paragraph a line."""
    w = f"{{{W_NS}}}"
    root = etree.Element(f"{w}comments", nsmap={"w": W_NS})
    for comment_id, lines in comments:
        comment = etree.SubElement(root, f"{w}comment")
        comment.set(f"{w}id", str(comment_id))
        comment.set(f"{w}author", author)
        comment.set(f"{w}date", date)
        for line in lines:
            text = etree.SubElement(etree.SubElement(etree.SubElement(comment, f"{w}p"), f"{w}r"), f"{w}t")
            text.text = line
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def register_comments(content_types: bytes, relations: bytes) -> tuple[bytes, bytes]:
    """[Content_Types].xml and word/_rels/document.xml.rels with the comments part added."""
    types = etree.fromstring(content_types)
    override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
    override.set("PartName", "/" + COMMENTS_PART)
    override.set("ContentType", _CONTENT_TYPE)
    rels = etree.fromstring(relations)
    taken = {r.get("Id") for r in rels}
    rid = next(f"rIdWp{i}" for i in range(len(taken) + 1) if f"rIdWp{i}" not in taken)
    relation = etree.SubElement(rels, f"{{{_REL_NS}}}Relationship")
    relation.set("Id", rid)
    relation.set("Type", _RELATION)
    relation.set("Target", "comments.xml")

    def out(root: etree._Element) -> bytes:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return out(types), out(rels)
