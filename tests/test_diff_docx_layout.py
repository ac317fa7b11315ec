"""The tracked-changes .docx keeps the layout of both versions: a paragraph kept in place whose
paragraph properties changed carries the old ones in a w:pPrChange, and words kept whose face
changed their old run properties in a w:rPrChange, so that rejecting every change gives the old
layout back (Word's own form of a tracked format change)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from generator.diff import diff_documents
from generator.model import Document, Node
from generator.model_tools import deep_copy
from generator.view import build_view
from generator.writers.diff_docx import render_diff_docx
from generator.writers.docx import render_docx
from tests.conftest import validate_ooxml
from tests.test_diff_docx import W, paragraph_text
from tests.test_diff_fields import BASE, DOCUMENT_EDITS, FIXED_PATHS, NODE_EDITS, _node

_OUTSIDE_BASE = {f"{W}rPr", f"{W}sectPr", f"{W}pPrChange"}


def _shape(element: etree._Element) -> tuple:
    return (element.tag, tuple(sorted(element.attrib.items())), tuple(_shape(c) for c in element))


def _properties(ppr: etree._Element | None) -> tuple:
    """The paragraph properties a w:pPrChange records (CT_PPrBase), prefix-independent."""
    return tuple(_shape(c) for c in (ppr if ppr is not None else ()) if c.tag not in _OUTSIDE_BASE)


def _body_paragraphs(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [p for p in root.iter(f"{W}p") if next(p.iterancestors(f"{W}txbxContent"), None) is None]


def _layout_by_text(document: Document) -> dict[str, tuple]:
    """Paragraph properties of each body paragraph whose text occurs once, as the plain render has them."""
    paragraphs = _body_paragraphs(render_docx(build_view(document), numbering="text"))
    texts = [paragraph_text(p) for p in paragraphs]
    pairs = zip(texts, paragraphs, strict=True)
    return {t: _properties(p.find(f"{W}pPr")) for t, p in pairs if texts.count(t) == 1}


def check_layouts(old: Document, new: Document) -> int:
    """Accepting keeps the new layout and rejecting gives the old one, for every paragraph kept in
    place with its text (no ¶ mark and no run revised); the number of format changes recorded."""
    data = render_diff_docx(diff_documents(old, new))
    before, after = _layout_by_text(old), _layout_by_text(new)
    changes = 0
    for p in _body_paragraphs(data):
        if any(True for _ in p.iter(f"{W}ins", f"{W}del")):
            continue
        text = paragraph_text(p)
        recorded = p.find(f"{W}pPr/{W}pPrChange/{W}pPr")
        accepted = _properties(p.find(f"{W}pPr"))
        rejected = _properties(recorded) if recorded is not None else accepted
        changes += recorded is not None
        if text in after:
            assert accepted == after[text], text
        if text in before:
            assert rejected == before[text], text
    return changes


@pytest.mark.parametrize("where", sorted(DOCUMENT_EDITS))
def test_each_document_field_change_rejects_to_the_old_layout(where: str) -> None:
    new = deep_copy(BASE)
    DOCUMENT_EDITS[where][1](new, random.Random(7))
    check_layouts(BASE, new)


@pytest.mark.parametrize(("key", "path"), [(k, p) for k in sorted(NODE_EDITS) for p in FIXED_PATHS], ids=str)
def test_each_node_field_change_rejects_to_the_old_layout(key: str, path: tuple[int, ...]) -> None:
    new = deep_copy(BASE)
    NODE_EDITS[key](_node(new, path), random.Random(7))
    check_layouts(BASE, new)


def _unsealed() -> Document:
    new = deep_copy(BASE)
    assert BASE.notice is not None and BASE.notice.sealed and new.notice is not None
    new.notice.sealed = False  # the 署名 and 成文日期 are set otherwise: same text, other layout
    return new


def test_a_notice_no_longer_sealed_records_the_old_signature_layout() -> None:
    assert check_layouts(BASE, _unsealed()) >= 1


def test_a_task_line_added_records_the_old_layout_of_the_heading_above_it() -> None:
    """A 牵头单位 given to a level-4 item adds its task line; the heading line is now kept with it
    (keepNext) — rejecting the change must drop that too."""
    new = deep_copy(BASE)
    NODE_EDITS["lead"](_node(new, (1, 0, 0, 0)), random.Random(7))
    assert check_layouts(BASE, new) == 1


@pytest.mark.slow
def test_format_changes_are_valid_for_word(tmp_path: Path, ooxml_validator: str) -> None:
    new = _unsealed()
    NODE_EDITS["lead"](_node(new, (1, 0, 0, 0)), random.Random(7))
    _heading_made_text(_node(new, (0, 0)))
    out = tmp_path / "diff.docx"
    out.write_bytes(render_diff_docx(diff_documents(BASE, new)))
    xml = zipfile.ZipFile(out).read("word/document.xml")
    assert b"pPrChange" in xml and b"rPrChange" in xml
    assert validate_ooxml(ooxml_validator, out) == []


def _faces(p: etree._Element, *, accept: bool) -> list[tuple[str, tuple]]:
    """Each character of the paragraph with its run properties once every change is accepted
    (or rejected): inserted runs go on rejecting, deleted ones on accepting; a w:rPrChange gives
    the run's properties back on rejecting."""
    drop = f"{W}del" if accept else f"{W}ins"
    out = []
    for r in p.iter(f"{W}r"):
        if any(a.tag == drop for a in r.iterancestors()):
            continue
        rpr = r.find(f"{W}rPr")
        recorded = rpr.find(f"{W}rPrChange/{W}rPr") if rpr is not None else None
        shown = recorded if (recorded is not None and not accept) else rpr
        face = tuple(_shape(c) for c in (shown if shown is not None else ()) if c.tag != f"{W}rPrChange")
        for t in r.iter(f"{W}t", f"{W}delText"):
            out.extend((ch, face) for ch in t.text or "")
    return out


def _faces_by_text(document: Document) -> dict[str, list[tuple[str, tuple]]]:
    paragraphs = _body_paragraphs(render_docx(build_view(document), numbering="text"))
    texts = [paragraph_text(p) for p in paragraphs]
    pairs = zip(texts, paragraphs, strict=True)
    return {t: _faces(p, accept=True) for t, p in pairs if texts.count(t) == 1}


def _heading_made_text(node: Node) -> None:
    node.text = [(node.heading or "") + "".join(node.text)]
    node.heading = None


def _text_made_heading(node: Node) -> None:
    first = node.text[0]
    node.heading, node.text = first[:8], [first[8:], *node.text[1:]]


OWN_LABELS = {(0, 0): "（一）", (1, 0, 0, 0): "（1）"}
"""The example's nodes at these paths print these labels (read from examples/example.yaml)."""


@pytest.mark.parametrize("edit", [_heading_made_text, _text_made_heading], ids=lambda f: f.__name__)
@pytest.mark.parametrize("path", [(0, 0), (1, 0, 0, 0)], ids=str)
def test_words_set_in_another_face_reject_to_their_old_face(
    edit: Callable[[Node], None], path: tuple
) -> None:
    """一、（一） prints its run-in heading 落实医疗质量安全核心制度。 in the heading's face, then its
    text plain: the same characters moved between heading and text keep their place, and their
    face changes — a w:rPrChange, so that rejecting gives the old face back."""
    new = deep_copy(BASE)
    edit(_node(new, path))
    data = render_diff_docx(diff_documents(BASE, new))
    before, after = _faces_by_text(BASE), _faces_by_text(new)
    checked = []
    for p in _body_paragraphs(data):
        accepted, rejected = _faces(p, accept=True), _faces(p, accept=False)
        text_after = "".join(ch for ch, _ in accepted)
        text_before = "".join(ch for ch, _ in rejected)
        if text_after in after and text_before in before and before[text_before] != after[text_after]:
            assert accepted == after[text_after]
            assert rejected == before[text_before]
            checked.append(text_after)
    # the node's heading line (and its row of the 分工表, for 一、（一）)
    assert any(text.startswith(OWN_LABELS[path]) for text in checked), checked
