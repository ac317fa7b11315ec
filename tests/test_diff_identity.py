"""The tracked-changes .docx pairs paragraphs by the identity the Word writer stamps on them.

The clerk's revision is built from a real plan (plans/suzhou-wuzhong-2021.yaml) given the task
fields a 分工 would carry: three items changed (a rewording, a new 完成时限, other 责任单位), one
added, one removed and one moved to another section. Every paragraph with a revision must show
old and new text of the same item, and an unchanged item must carry no mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from generator.diff import DiffResult, diff_documents
from generator.load import load_document
from generator.model import Document, Node
from generator.model_tools import deep_copy
from generator.view import build_view
from generator.writers.diff_docx import render_diff_docx
from generator.writers.docx import render_docx
from tests.conftest import PLANS, validate_ooxml
from tests.test_diff_docx import W, _document_xml, check_round_trip

UNITS = ["医政科", "疾控科", "基层卫生科", "老龄健康科", "人口家庭科", "规划信息科", "中医科"]


def tasked_plan() -> Document:
    """The real 2021 plan with a 牵头单位, 责任单位 and 完成时限 on every item (the 分工 a clerk adds)."""
    document = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    for s, section in enumerate(document.plan.sections):
        for i, item in enumerate(section.items):
            item.lead = UNITS[(s + i) % len(UNITS)]
            item.owners = [UNITS[(s + i + 1) % len(UNITS)], UNITS[(s + i + 3) % len(UNITS)]]
            item.deadline = "2021年底前"
    return document


def clerks_revision(old: Document) -> Document:
    new = deep_copy(old)
    sections = new.plan.sections
    first = sections[0].items[0]
    first.text[0] = first.text[0].replace("坚持", "始终坚持", 1)  # changed: reworded
    sections[1].items[1].deadline = "2021年9月底前"  # changed: task line
    sections[2].items[0].owners = ["人口家庭科"]  # changed: task line
    sections[1].items.insert(  # added just before the item whose task line changed
        1,
        Node(
            heading="推进智慧医院建设。",
            text=["完善互联网医院服务功能，推广预约诊疗和移动支付。"],
            lead="规划信息科",
            owners=["医政科"],
            deadline="2021年10月底前",
        ),
    )  # added
    del sections[3].items[1]  # removed
    sections[2].items.append(sections[0].items.pop(2))  # moved to another section
    return new


def _texts(p: etree._Element, drop: set[str]) -> str:
    """Text of one paragraph with the revisions in ``drop`` left out."""
    out = []
    for node in p.iter(f"{W}t", f"{W}delText"):
        if next(node.iterancestors(f"{W}p")) is not p:
            continue
        if any(a.tag in drop for a in node.iterancestors()):
            continue
        out.append(node.text or "")
    return "".join(out)


def _node_texts(document: Document) -> dict[tuple[int, ...], set[str]]:
    """Every printed line (paragraph, task line) of each node."""
    out: dict[tuple[int, ...], set[str]] = {}
    for para in build_view(document).plan.paragraphs:
        if para.entry is None:
            continue
        lines = out.setdefault(para.entry.path, set())
        lines.add(para.full)
        if para.tasks:
            lines.add(para.tasks)
    return out


def _revised_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(text rejected, text accepted) of each body paragraph carrying a revision."""
    root = _document_xml(data)
    out = []
    for p in root.iter(f"{W}p"):
        marks = {m.tag for m in p.iter(f"{W}ins", f"{W}del")}
        if marks:
            out.append((_texts(p, {f"{W}ins"}), _texts(p, {f"{W}del"})))
    return out


def check_pairs_by_item(old: Document, new: Document, result: DiffResult, data: bytes) -> None:
    old_lines, new_lines = _node_texts(old), _node_texts(new)
    touched_old = {c.old_path for c in result.changes if c.old_path is not None}
    touched_new = {c.new_path for c in result.changes if c.new_path is not None}
    moved_or_gone = {c.old_path for c in result.changes if c.kind in ("moved", "removed")}
    moved_or_new = {c.new_path for c in result.changes if c.kind in ("moved", "added")}

    def inside(path: tuple[int, ...], roots: set) -> bool:
        return any(path[:depth] in roots for depth in range(1, len(path) + 1))

    checked = 0
    for before, after in _revised_paragraphs(data):
        owners_old = {path for path, lines in old_lines.items() if before in lines}
        owners_new = {path for path, lines in new_lines.items() if after in lines}
        if before and after:
            # an edit inside one paragraph: old and new text of one item, which the diff reports
            assert any(result.pairs.get(o) in owners_new for o in owners_old), (before, after)
            assert owners_old & touched_old and owners_new & touched_new, (before, after)
            checked += 1
        elif before and owners_old:  # a deleted paragraph: of an item that moved away or went
            assert any(inside(o, moved_or_gone) for o in owners_old), before
        elif after and owners_new:  # an inserted one: of an item that came or moved here
            assert any(inside(n, moved_or_new) for n in owners_new), after
    assert checked >= 3


def test_clerks_revision_pairs_every_changed_paragraph_within_its_item(tmp_path: Path) -> None:
    old = tasked_plan()
    new = clerks_revision(old)
    result = diff_documents(old, new)
    counts = {k: result.summary[k] for k in ("added", "removed", "moved", "changed")}
    assert counts == {"added": 1, "removed": 1, "moved": 1, "changed": 3}
    data = check_round_trip(old, new)
    check_pairs_by_item(old, new, result, data)
    # the task line of 二、（二） is diffed against its own old task line: only the date differs
    old_tasks = build_view(old).plan.paragraphs
    own = next(p.tasks for p in old_tasks if p.tasks and p.entry and p.entry.path == (1, 1))
    edited = [(before, after) for before, after in _revised_paragraphs(data) if "9月底前" in after]
    assert edited == [(own, own.replace("2021年底前", "2021年9月底前"))]


@pytest.mark.slow
def test_clerks_revision_is_valid_for_word(tmp_path: Path, ooxml_validator: str) -> None:
    old = tasked_plan()
    out = tmp_path / "diff.docx"
    out.write_bytes(render_diff_docx(diff_documents(old, clerks_revision(old))))
    assert validate_ooxml(ooxml_validator, out) == []


def test_plain_render_carries_no_stamps() -> None:
    xml = etree.tostring(_document_xml(render_docx(build_view(tasked_plan()))), encoding="unicode")
    assert "_wp" not in xml and "\uf8f0" not in xml
    stamped = etree.tostring(
        _document_xml(render_docx(build_view(tasked_plan()), stamp=True)), encoding="unicode"
    )
    assert 'w:name="_wp0_0_k"' in stamped and "\uf8f0" not in stamped
