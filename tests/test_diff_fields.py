"""Every leaf field of the model is compared: a random change of one field in a copy of the
bundled example (which sets every element) is reported at its node, as printed (一、（一）), and
under its field name, in every output — terminal, piped text, HTML, JSON and the .docx (a
tracked change in that node's paragraphs where the field is printed, and a comment naming the
field on that node's heading in any case)."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rich.console import Console

from generator.diff import DiffResult, diff_documents
from generator.load import load_document
from generator.model import DEFAULT_SCHEMES, Appendix, Document, Node, Table, TaskTable
from generator.model_tools import deep_copy, field_specs, replace
from generator.numbering import number_plan
from generator.render import render
from generator.view import build_view
from generator.writers.diff_docx import render_diff_docx
from generator.writers.diff_html import render_diff_html
from generator.writers.diff_text import print_diff
from tests.conftest import EXAMPLES, validate_ooxml
from tests.test_diff_docx import W, _document_xml, resolve

BASE = load_document(EXAMPLES / "example.yaml")
# a further 附件 as agencies append one (a form with a titled table), so that its fields are compared too
BASE.appendices.append(
    Appendix(
        title="医疗质量安全专项检查情况汇总表",
        text=["填报单位（盖章）："],
        tables=[Table(title="一、检查情况", rows=[["单位", "检查次数", "发现问题"], ["", "", ""]])],
        notes=["注：请于每季度末前报送。"],
    )
)


def _rand(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(low, high)))


def _other(rng: random.Random, choices: list[Any], old: Any) -> Any:
    return rng.choice([c for c in choices if c != old])


# node field → how to change it (a small change: the node is still recognised as itself)
NODE_EDITS: dict[str, Callable[[Node, random.Random], None]] = {
    "id": lambda n, r: setattr(n, "id", f"changed-{r.randint(0, 10**6)}"),
    "heading": lambda n, r: setattr(n, "heading", (n.heading or "") + _rand(r)),
    "numbered": lambda n, r: setattr(n, "numbered", not n.numbered),
    "points": lambda n, r: setattr(n, "points", [*n.points, _rand(r, 4, 8) + "。"]),
    "text": lambda n, r: setattr(
        n, "text", [n.text[0] + _rand(r), *n.text[1:]] if n.text else [_rand(r, 6, 9)]
    ),
    "tables": lambda n, r: setattr(n, "tables", [*n.tables, Table(title=_rand(r, 3, 4), rows=[[_rand(r)]])]),
    "child_numbering": lambda n, r: setattr(
        n, "child_numbering", _other(r, [None, *DEFAULT_SCHEMES], n.child_numbering)
    ),
    "lead": lambda n, r: setattr(n, "lead", (n.lead or "") + _rand(r, 2, 4)),
    "owners": lambda n, r: setattr(n, "owners", [*n.owners, _rand(r, 3, 5)]),
    "deadline": lambda n, r: setattr(n, "deadline", (n.deadline or "2025年") + _rand(r)),
    "targets": lambda n, r: setattr(n, "targets", [*n.targets, _rand(r, 3, 5)]),
    "status": lambda n, r: setattr(n, "status", _other(r, [None, "ongoing", "done", "dropped"], n.status)),
}


def _append(key: str) -> Callable[[Document, random.Random], None]:
    def edit(d: Document, r: random.Random) -> None:
        setattr(d.notice, key, [*(getattr(d.notice, key) or []), _rand(r, 3, 6)])

    return edit


def _extend(key: str) -> Callable[[Document, random.Random], None]:
    return lambda d, r: setattr(d.notice, key, (getattr(d.notice, key) or "") + _rand(r))


def _number(
    part: str, value: Callable[[Any, random.Random], Any]
) -> Callable[[Document, random.Random], None]:
    def edit(d: Document, r: random.Random) -> None:
        assert d.notice.doc_number is not None
        setattr(d.notice.doc_number, part, value(getattr(d.notice.doc_number, part), r))

    return edit


def _later(key: str) -> Callable[[Document, random.Random], None]:
    return lambda d, r: setattr(d.notice, key, getattr(d.notice, key) + dt.timedelta(days=r.randint(1, 9)))


def _table_setting(
    change: Callable[[TaskTable, random.Random], dict[str, Any]],
) -> Callable[[Document, random.Random], None]:
    def edit(d: Document, r: random.Random) -> None:
        table = d.plan.task_table or TaskTable()
        d.plan.task_table = replace(table, **change(table, r))

    return edit


def _appendix(
    change: Callable[[Appendix, random.Random], dict[str, Any]],
) -> Callable[[Document, random.Random], None]:
    def edit(d: Document, r: random.Random) -> None:
        d.appendices[0] = replace(d.appendices[0], **change(d.appendices[0], r))

    return edit


# document field (model path) → (reported key, how to change it)
DOCUMENT_EDITS: dict[str, tuple[str, Callable[[Document, random.Random], None]]] = {
    "notice.copy_number": (
        "notice.copy_number",
        lambda d, r: setattr(d.notice, "copy_number", f"{r.randint(200, 999999):06d}"),
    ),
    "notice.classification": (
        "notice.classification",
        lambda d, r: setattr(d.notice, "classification", _other(r, ["绝密", "机密", None], None)),
    ),
    "notice.secrecy_period": (
        "notice.secrecy_period",
        lambda d, r: setattr(d.notice, "secrecy_period", f"{r.randint(2, 30)}年"),
    ),
    "notice.urgency": (
        "notice.urgency",
        lambda d, r: setattr(d.notice, "urgency", _other(r, ["特急", "特提", "平急", None], None)),
    ),
    "notice.issuers": (
        "notice.issuers",
        lambda d, r: setattr(d.notice, "issuers", [d.notice.issuers[0] + _rand(r), *d.notice.issuers[1:]]),
    ),
    "notice.issuer_suffix": (
        "notice.issuer_suffix",
        lambda d, r: setattr(d.notice, "issuer_suffix", _rand(r, 2, 2)),
    ),
    "notice.doc_number.prefix": ("notice.doc_number", _number("prefix", lambda v, r: v + _rand(r, 1, 1))),
    "notice.doc_number.year": ("notice.doc_number", _number("year", lambda v, r: v - r.randint(1, 5))),
    "notice.doc_number.serial": (
        "notice.doc_number",
        _number("serial", lambda v, r: _other(r, [None, *range(1, 99)], v)),
    ),
    "notice.doc_number_place": (
        "notice.doc_number_place",
        lambda d, r: setattr(
            d.notice, "doc_number_place", _other(r, ["under_title", "under_title_bracketed"], None)
        ),
    ),
    "notice.signers": ("notice.signers", _append("signers")),
    "notice.title": (
        "notice.title",
        lambda d, r: setattr(d.notice, "title", "关于" + _rand(r, 6, 10) + "的通知"),
    ),
    "notice.recipients": ("notice.recipients", _append("recipients")),
    "notice.body": ("notice.body", _append("body")),
    "notice.attachments": ("notice.attachments", _append("attachments")),
    "notice.signatories": ("notice.signatories", _append("signatories")),
    "notice.date": ("notice.date", _later("date")),
    "notice.sealed": ("notice.sealed", lambda d, r: setattr(d.notice, "sealed", not d.notice.sealed)),
    "notice.note": ("notice.note", _extend("note")),
    "notice.cc": ("notice.cc", _append("cc")),
    "notice.printer": ("notice.printer", _extend("printer")),
    "notice.print_date": ("notice.print_date", _later("print_date")),
    "plan.title": ("plan.title", lambda d, r: setattr(d.plan, "title", d.plan.title + _rand(r))),
    "plan.year": ("plan.year", lambda d, r: setattr(d.plan, "year", d.plan.year + r.randint(1, 3))),
    "plan.preamble": (
        "plan.preamble",
        lambda d, r: setattr(d.plan, "preamble", [*d.plan.preamble, _rand(r, 5, 9)]),
    ),
    "plan.numbering.levels": (
        "plan.numbering.levels",
        lambda d, r: setattr(
            d.plan.numbering, "levels", ["chinese", _other(r, ["arabic", "arabic_paren", "circled"], None)]
        ),
    ),
    "plan.numbering.continuous": (
        "plan.numbering.continuous",
        lambda d, r: setattr(d.plan.numbering, "continuous", [] if d.plan.numbering.continuous else [2]),
    ),
    "plan.attachment_label": (
        "plan.attachment_label",
        lambda d, r: setattr(d.plan, "attachment_label", f"附件{r.randint(3, 9)}"),
    ),
    "plan.in_notice": ("plan.in_notice", lambda d, r: setattr(d.plan, "in_notice", not d.plan.in_notice)),
    # the 分工表's settings (its rows are the nodes'), reported as one line of settings
    "plan.task_table.title": (
        "plan.task_table",
        _table_setting(lambda t, r: {"title": "另表" + _rand(r, 4, 6)}),
    ),
    "plan.task_table.columns": ("plan.task_table", _table_setting(lambda t, r: {"columns": t.columns[:-1]})),
    "plan.task_table.levels": (
        "plan.task_table",
        _table_setting(lambda t, r: {"levels": [1] if t.levels != [1] else [2]}),
    ),
    "plan.task_table.text": ("plan.task_table", _table_setting(lambda t, r: {"text": not t.text})),
    "layout.duplex": ("layout.duplex", lambda d, r: setattr(d.layout, "duplex", not d.layout.duplex)),
    "appendices.label": ("appendices", _appendix(lambda a, r: {"label": f"附件{r.randint(5, 9)}"})),
    "appendices.title": ("appendices", _appendix(lambda a, r: {"title": (a.title or "") + _rand(r)})),
    "appendices.text": ("appendices", _appendix(lambda a, r: {"text": [*a.text, _rand(r, 4, 8)]})),
    "appendices.tables": (
        "appendices",
        _appendix(lambda a, r: {"tables": [*a.tables, Table(rows=[[_rand(r)]])]}),
    ),
    "appendices.tables.title": (
        "appendices",
        _appendix(
            lambda a, r: {"tables": [replace(a.tables[0], title=(a.tables[0].title or "") + _rand(r))]}
        ),
    ),
    "appendices.tables.rows": (
        "appendices",
        _appendix(lambda a, r: {"tables": [replace(a.tables[0], rows=[*a.tables[0].rows, [_rand(r)] * 3])]}),
    ),
    "appendices.notes": ("appendices", _appendix(lambda a, r: {"notes": [*a.notes, _rand(r, 4, 8)]})),
}

NOT_PRINTED = {"id", "status", "notice.sealed", "plan.year", "notice.doc_number_place", "layout.duplex"}
"""Fields no line of the document prints (sealed picks the layout only; the 文号's place moves it
only in a notice without 发文机关标志, and the base has one; duplex adds a blank page): the .docx
carries them in the comment alone."""


def test_every_field_of_the_model_has_an_edit() -> None:
    """The edits above cover the model: a new field must get one (and so be compared)."""
    from generator.model import DocNumber, Layout, Notice, Numbering, Plan

    assert set(NODE_EDITS) == set(field_specs(Node)) - {"items"}
    leaves = {f"notice.{k}" for k in field_specs(Notice) if k != "doc_number"}
    leaves |= {f"notice.doc_number.{k}" for k in field_specs(DocNumber)}
    leaves |= {f"plan.{k}" for k in field_specs(Plan) if k not in ("sections", "numbering", "task_table")}
    leaves |= {f"plan.numbering.{k}" for k in field_specs(Numbering)}
    leaves |= {f"plan.task_table.{k}" for k in field_specs(TaskTable)}
    leaves |= {f"layout.{k}" for k in field_specs(Layout)}
    leaves |= {f"appendices.{k}" for k in field_specs(Appendix)}
    leaves |= {f"appendices.tables.{k}" for k in field_specs(Table)}
    assert set(field_specs(Document)) == {"notice", "plan", "appendices", "layout"}
    assert set(DOCUMENT_EDITS) == leaves


def _paths(document: Document) -> dict[tuple[int, ...], str]:
    """Every node's path → its labels as printed, outermost first (一、（一）)."""
    out: dict[tuple[int, ...], str] = {}

    def visit(entries: list, prefix: str) -> None:
        for entry in entries:
            out[entry.path] = prefix + entry.label
            visit(entry.children, prefix + entry.label)

    visit(number_plan(document.plan), "")
    return out


def _node(document: Document, path: tuple[int, ...]) -> Node:
    node = document.plan.sections[path[0]]
    for index in path[1:]:
        node = node.items[index]
    return node


NODE_PATHS = sorted(_paths(BASE))


@st.composite
def one_field_changed(draw: st.DrawFn) -> tuple[Document, str, str, tuple[int, ...] | None]:
    """A copy of the example with one leaf field changed: (copy, field key, model path, node)."""
    rng = draw(st.randoms(use_true_random=False))
    new = deep_copy(BASE)
    if draw(st.booleans()):
        path = draw(st.sampled_from(NODE_PATHS))
        key = draw(st.sampled_from(sorted(NODE_EDITS)))
        NODE_EDITS[key](_node(new, path), rng)
        return new, key, key, path
    where = draw(st.sampled_from(sorted(DOCUMENT_EDITS)))
    key, edit = DOCUMENT_EDITS[where]
    edit(new, rng)
    return new, key, where, None


def _blocks(text: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", text).split("\n\n")


def _terminal(result: DiffResult, *, tty: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=300, force_terminal=tty, no_color=not tty, highlight=False)
    print_diff(result, console)
    return buffer.getvalue()


def _comments(data: bytes) -> dict[str, str]:
    """Comment id → its text."""
    package = zipfile.ZipFile(io.BytesIO(data))
    if "word/comments.xml" not in package.namelist():
        return {}
    root = etree.fromstring(package.read("word/comments.xml"))
    return {
        c.get(f"{W}id"): "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
        for c in root.iter(f"{W}comment")
    }


def _anchored_text(data: bytes, comment_id: str) -> str:
    """The text (revisions accepted) of the paragraph the comment is anchored on."""
    root = _document_xml(data)
    start = next(s for s in root.iter(f"{W}commentRangeStart") if s.get(f"{W}id") == comment_id)
    p = start.getparent()
    return "".join(
        t.text or "" for t in p.iter(f"{W}t") if not any(a.tag == f"{W}del" for a in t.iterancestors())
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_field_changed())
def test_one_field_change_is_reported_at_its_node_in_every_output(
    case: tuple[Document, str, str, tuple[int, ...] | None],
) -> None:
    check_reported(*case)


# each field at least once, at a section, an item and a level-4 node (hypothesis picks at random)
FIXED_PATHS = [(0,), (0, 1), (1, 0, 0, 0)]


@pytest.mark.parametrize(("key", "path"), [(k, p) for k in sorted(NODE_EDITS) for p in FIXED_PATHS], ids=str)
def test_each_node_field_is_reported(key: str, path: tuple[int, ...]) -> None:
    new = deep_copy(BASE)
    NODE_EDITS[key](_node(new, path), random.Random(7))
    check_reported(new, key, key, path)


@pytest.mark.parametrize("where", sorted(DOCUMENT_EDITS))
def test_each_document_field_is_reported(where: str) -> None:
    new = deep_copy(BASE)
    key, edit = DOCUMENT_EDITS[where]
    edit(new, random.Random(7))
    check_reported(new, key, where, None)


def check_reported(new: Document, key: str, where: str, path: tuple[int, ...] | None) -> None:
    result = diff_documents(BASE, new)
    label = _paths(BASE)[path] if path is not None else None

    def ours(c: dict[str, Any]) -> bool:
        keys = {f["field"] for f in c["fields"]}
        if path is None:
            return c["kind"] == "notice" and key in keys
        return c["kind"] in ("changed", "moved") and c["old_label"] == label and key in keys

    # JSON
    changes = json.loads(result.to_json())["changes"]
    assert any(ours(c) for c in changes), (where, label, changes)
    shown = label if label is not None else next(c["new_label"] for c in changes if ours(c))

    # terminal (colour) and piped text ([-old-]{+new+} marks): the block of that node names the field
    for tty in (True, False):
        blocks = [b for b in _blocks(_terminal(result, tty=tty)) if f" {key}: " in b]
        assert any(b.splitlines()[0].split("  ")[1].split(" → ")[0] == shown for b in blocks), (tty, blocks)
        if not tty:
            assert any("{+" in b or "[-" in b for b in blocks)

    # HTML: the row of that node carries the field
    rows = render_diff_html(result).split('<tr class="')[1:]
    assert any(f">{shown}<" in row and f" {key}</span>" in row for row in rows), where

    # .docx: a comment names the field; a printed field is also a tracked change
    data = render_diff_docx(result)
    naming = [i for i, text in _comments(data).items() if f" {key}：" in text]
    assert naming, where
    if path is not None:  # on the heading line of that node, as the new version prints it
        new_path = next(c.new_path for c in result.changes if c.old_path == path and c.fields)
        lines = {p.full for p in build_view(new).plan.paragraphs if p.entry and p.entry.path == new_path}
        assert any(_anchored_text(data, i) in lines for i in naming), where
    # a field that changes what the document prints (the .txt says it) is a tracked change too
    if render(BASE, "txt") != render(new, "txt"):
        assert resolve(data, accept=True) != resolve(data, accept=False), where
    else:
        assert where in NOT_PRINTED or key in NOT_PRINTED or key == "child_numbering", where


@pytest.mark.slow
def test_every_field_changed_at_once_is_valid_for_word(tmp_path: Path, ooxml_validator: str) -> None:
    """Comments and revisions together, for a change of every field: the SDK validator finds nothing."""
    new = deep_copy(BASE)
    for key in sorted(NODE_EDITS):
        NODE_EDITS[key](_node(new, (0, 1)), random.Random(1))
    for where in sorted(DOCUMENT_EDITS):
        DOCUMENT_EDITS[where][1](new, random.Random(2))
    out = tmp_path / "diff.docx"
    out.write_bytes(render_diff_docx(diff_documents(BASE, new)))
    assert validate_ooxml(ooxml_validator, out) == []
