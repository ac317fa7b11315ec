"""The 署名 of a sealed joint notice (GB/T 9704-2012 §7.3.5.1): names in issuer order side by side in
rows, each centred under its own seal, the seals (42 mm) neither meeting nor leaving the 版心 (156
mm), the last one over the 成文日期 (right-indented 4字, as under one sealed 署名). Written to a
borderless table in the .docx, which the Word reader reads back as 署名, not plan content."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path

import pytest
from conftest import validate_ooxml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.model import DocNumber, Document, Node, Notice, Plan
from generator.readers import import_file
from generator.render import render
from generator.view import build_view
from generator.writers import docx_geometry as geometry
from generator.writers.docx import closing_paragraphs, render_docx
from generator.writers.seal_rows import (
    ADVANCE,
    ROW_LINES,
    SEAL,
    SEAL_GAP,
    date_centre,
    printed_width,
    seal_rows,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = geometry.TEXT_WIDTH / 156  # twips per mm of the 版心
DATE = "2025年12月18日"
HEALTH, MARKET = "某某市卫生健康委员会", "某某市市场监督管理局"  # 10 字 each
FINANCE, INSURANCE = "某某市财政局", "某某市医疗保障局"
SHORT = ["某某市卫健委", "某某市财政局", "某某市医保局"]  # 6 字 each


def _flat(rows: tuple[tuple[str | None, ...], ...]) -> list[str]:
    return [name for row in rows for name in row if name]


# ---------------------------------------------------------------- the rows


def test_two_issuers_stand_side_by_side_the_second_over_the_date():
    rows = seal_rows([HEALTH, INSURANCE], DATE)
    assert rows is not None and rows.rows == ((HEALTH, INSURANCE),)
    left, right = rows.slots
    assert right.centre == date_centre(DATE)
    # 10 字 and 1字 between the names: wider than a seal and its gap
    assert right.centre - left.centre == math.ceil(10 * ADVANCE) + ADVANCE > SEAL + SEAL_GAP


def test_three_short_names_share_one_row_three_long_ones_go_two_and_one():
    short = seal_rows(SHORT, DATE)
    assert short is not None and short.rows == (tuple(SHORT),)
    assert short.pitch == SEAL + SEAL_GAP  # names of 6 字 are narrower than a seal
    assert short.slots[0].centre - SEAL // 2 >= 0  # the first seal just inside the 版心
    long = seal_rows([HEALTH, MARKET, FINANCE], DATE)
    assert long is not None and long.rows == ((HEALTH, MARKET), (None, FINANCE))  # the last at the right


def test_four_issuers_stand_two_by_two():
    rows = seal_rows([HEALTH, MARKET, FINANCE, INSURANCE], DATE)
    assert rows is not None and rows.rows == ((HEALTH, MARKET), (FINANCE, INSURANCE))


def test_names_too_long_to_stand_side_by_side_get_a_row_each_with_room_for_the_seal():
    long = "中共某某市委某某市人民政府深化医药卫生体制改革领导小组办公室"
    assert seal_rows([long, HEALTH], DATE) is None
    paragraphs = [str(p) for p in closing_paragraphs([long, HEALTH], DATE, sealed=True)]
    styles = [re.search(r'w:pStyle w:val="([^"]+)"', p)[1] for p in paragraphs]
    assert styles == ["WPBlank"] * 3 + ["WPSignatory"] + ["WPBlank"] * (ROW_LINES - 1) + [
        "WPSignatory",
        "WPDate",
    ]


def test_the_date_is_measured_with_the_space_between_digits_and_han():
    # 2025|年|12|月|18|日: five gaps between digits and 汉字, as LibreOffice and Word print them
    assert printed_width(DATE) == math.ceil(7 * ADVANCE) + 5 * 64
    assert printed_width("某某市财政局") == math.ceil(6 * ADVANCE)


NAME = st.text(
    st.sampled_from("某市县区卫生健康委员会财政局教育医疗保障人民政府办公室"), min_size=3, max_size=14
)


@given(
    names=st.lists(NAME, min_size=2, max_size=7, unique=True),
    date=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
)
@settings(max_examples=300, deadline=None)
def test_seals_never_meet_never_leave_the_type_area_and_keep_the_issuers_order(names, date):
    printed = f"{date.year}年{date.month}月{date.day}日"
    rows = seal_rows(names, printed)
    if rows is None:  # too long to stand two a row: two slots far enough apart put the left one's
        # seal or name past the 版心's left edge
        widest = max(printed_width(n) for n in names)
        assert date_centre(printed) - max(SEAL + SEAL_GAP, widest + ADVANCE) - max(SEAL, widest) // 2 < 0
        return
    assert _flat(rows.rows) == names
    assert rows.rows[-1][-1] == names[-1]  # the last name in the last slot, over the date
    assert rows.slots[-1].centre == date_centre(printed)
    assert len(rows.slots) <= 3
    pitch_v = ROW_LINES * geometry.LINE_PITCH
    seals = [
        (rows.slots[s].centre, r * pitch_v)
        for r, row in enumerate(rows.rows)
        for s, name in enumerate(row)
        if name
    ]
    for i, a in enumerate(seals):
        for b in seals[i + 1 :]:
            assert math.dist(a, b) >= (SEAL + SEAL_GAP if a[1] == b[1] else SEAL + 1), (a, b)
    for x, _y in seals:
        assert x - SEAL // 2 >= 0 and x + SEAL // 2 <= geometry.TEXT_WIDTH
    for slot in rows.slots:  # each name fits its slot with room to spare, on the slot's centre
        assert 0 <= slot.left < slot.centre < slot.right <= geometry.TEXT_WIDTH
    for row in rows.rows:
        for slot, name in zip(rows.slots, row, strict=True):
            if name:
                half = printed_width(name) / 2
                assert slot.centre - half >= 0 and slot.centre + half <= geometry.TEXT_WIDTH


# ---------------------------------------------------------------- the .docx


def _document(names: list[str], sealed: bool = True) -> Document:
    notice = Notice(
        issuers=list(names),
        doc_number=DocNumber(prefix="某卫发", year=2025, serial=3),
        recipients=["各区县卫生健康局"],
        body=["现将《2025年某某市卫生健康工作要点》印发给你们，请认真贯彻落实。"],
        signatories=list(names),
        date=dt.date(2025, 12, 18),
        sealed=sealed,
    )
    plan = Plan(
        title="2025年某某市卫生健康工作要点",
        year=2025,
        sections=[
            Node(heading="加强组织领导", items=[Node(heading="压实责任。", text=["各地要把工作摆上议程。"])])
        ],
    )
    return Document(notice=notice, plan=plan)


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


def _style(p: etree._Element) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _signature_tables(body: etree._Element) -> list[etree._Element]:
    """Tables holding 署名 (the joint 版头 is a table too)."""
    return [t for t in body.iter(f"{W}tbl") if any(_style(p) == "WPSignatory" for p in t.iter(f"{W}p"))]


def test_the_docx_sets_joint_names_in_a_borderless_table_of_slots_the_date_under_it():
    body = _body(render_docx(build_view(_document([HEALTH, MARKET, FINANCE, INSURANCE]))))
    (table,) = _signature_tables(body)
    rows = table.findall(f"{W}tr")
    texts = [[_text(tc) for tc in tr.findall(f"{W}tc")] for tr in rows]
    assert texts == [[HEALTH, MARKET], [""], [FINANCE, INSURANCE]]  # the names two by two, room between
    assert len(rows[1].findall(f".//{W}p")) == ROW_LINES - 1
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"none"}
    names = [p for p in table.iter(f"{W}p") if _style(p) == "WPSignatory"]
    assert [p.find(f"{W}pPr/{W}jc").get(f"{W}val") for p in names] == ["center"] * 4
    # the table's columns are the slots, from its indent: the last centred over the 成文日期
    widths = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    indent = int(table.find(f"{W}tblPr/{W}tblInd").get(f"{W}w"))
    last_centre = indent + widths[0] + widths[1] / 2
    after = table.getnext()
    assert _style(after) == "WPDate" and _text(after) == "2025年12月18日"
    date_right = int(after.find(f"{W}pPr/{W}ind").get(f"{W}right"))
    assert date_right == 4 * geometry.ZI
    assert abs(geometry.TEXT_WIDTH - date_right - printed_width(_text(after)) / 2 - last_centre) <= 1
    # three blank lines over the first row, for its seals
    blanks = [
        table.getprevious(),
        table.getprevious().getprevious(),
        table.getprevious().getprevious().getprevious(),
    ]
    assert [_style(p) for p in blanks] == ["WPBlank"] * 3


def test_one_sealed_issuer_and_unsealed_joint_names_keep_their_lines():
    for names, sealed in (([HEALTH], True), ([HEALTH, INSURANCE], False)):
        body = _body(render_docx(build_view(_document(names, sealed))))
        assert not _signature_tables(body)
        signed = [_text(p) for p in body.iterchildren(f"{W}p") if _style(p) == "WPSignatory"]
        assert signed == names


def test_the_keep_chain_runs_from_the_last_body_paragraph_through_the_table_to_the_date():
    body = _body(render_docx(build_view(_document([HEALTH, MARKET, FINANCE]))))
    children = list(body)
    last = next(p for p in children if "请认真贯彻落实" in _text(p))
    date = next(p for p in children if _style(p) == "WPDate")
    block = children[children.index(last) : children.index(date)]
    paragraphs = [
        p for element in block for p in ([element] if element.tag == f"{W}p" else element.iter(f"{W}p"))
    ]
    assert any(element.tag == f"{W}tbl" for element in block)
    kept = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs]
    assert all(kept), [(_style(p), _text(p)) for p, k in zip(paragraphs, kept, strict=True) if not k]


def test_the_written_docx_passes_the_open_xml_sdk_validator(tmp_path: Path, ooxml_validator: str):
    for count in (2, 3, 4):
        names = [HEALTH, MARKET, FINANCE, INSURANCE][:count]
        path = tmp_path / f"joint{count}.docx"
        path.write_bytes(render_docx(build_view(_document(names))))
        assert validate_ooxml(ooxml_validator, path) == [], count
    short = tmp_path / "short.docx"
    short.write_bytes(render_docx(build_view(_document(SHORT))))
    assert validate_ooxml(ooxml_validator, short) == []


@pytest.mark.parametrize(
    "names",
    [
        [HEALTH, INSURANCE],
        SHORT,
        [HEALTH, MARKET, FINANCE],
        [HEALTH, MARKET, FINANCE, INSURANCE],
        ["某某大学", "某某市教育局"],  # no organ's ending to tell a 署名 by: told by its style
        [*SHORT, "某某市教育局", "某某市民政局"],  # five: three and two, each a 署名 line read
    ],
    ids=lambda names: f"{len(names)}-{names[0]}",
)
def test_sealed_joint_names_read_back_from_the_docx_in_order_with_the_date(tmp_path: Path, names):
    document = _document(names)
    path = tmp_path / "joint.docx"
    path.write_bytes(render(document, "docx"))  # type: ignore[arg-type]
    read = import_file(path).document
    assert read.notice is not None
    assert read.notice.signatories == names
    assert read.notice.date == dt.date(2025, 12, 18)
    assert read.notice.body == document.notice.body  # no name taken for 正文
    assert read.plan.sections[0].heading == "加强组织领导" and not read.plan.preamble
    assert not [t for node in read.plan.nodes() for t in node.tables]  # nor for a table of the plan


def test_the_html_sets_the_rows_as_the_docx_does():
    """The web page and the editor's preview put the names in the .docx's rows and slots, so that a
    page holds what the PDF's holds."""
    html = render(_document([HEALTH, MARKET, FINANCE, INSURANCE]), "html")
    assert isinstance(html, str)
    rows = re.findall(r'<div class="seal-row">(.*?)</div>', html, flags=re.S)
    found = [re.findall(r'style="left: ([\d.]+)mm; width: ([\d.]+)mm">([^<]+)</p>', row) for row in rows]
    assert [[name for _l, _w, name in row] for row in found] == [[HEALTH, MARKET], [FINANCE, INSURANCE]]
    left, width, _name = found[-1][-1]
    assert abs(float(left) + float(width) / 2 - date_centre("2025年12月18日") / MM) < 0.1
    assert '<div class="seal-row">' not in render(_document([HEALTH, INSURANCE], sealed=False), "html")
