"""A .docx as other people and tools write it: tables merged across columns, a 版记 kept in the
last page's footer, 份号 and 密级 in the first page's header, footnotes, Word's numbering past 99,
headings broken by hand into two paragraphs, a joint 署名 on one line."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx_edits import element, q

from generator.readers.defects import DefectLog
from generator.readers.docx import docx_lines


def _tables(path: Path) -> list[list[list[str]]]:
    return [line.table.rows for line in docx_lines(path, DefectLog()) if line.table is not None]


def test_a_cell_merged_across_columns_keeps_the_rows_columns(tmp_path: Path) -> None:
    """A 分工表's section row merged across the whole table (w:gridSpan), a 牵头单位 cell merged
    over the 完成时限 column, and a row that starts a column late (w:gridBefore, as Word writes a
    row whose first cell was deleted): every row has the header's four columns, the merged text
    once, in the first column it covers."""
    document = docx.Document()
    document.add_paragraph("2025年工作要点")
    table = document.add_table(rows=5, cols=4)
    texts = [
        ("序号", "重点任务", "牵头单位", "完成时限"),
        ("一、加强组织领导", "", "", ""),
        ("1", "完善制度", "办公室", "6月底前"),
        ("2", "压实责任", "医政科、办公室", ""),
        ("", "深化改革", "体改科", "年底前"),
    ]
    for row, cells in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    table.cell(1, 0).merge(table.cell(1, 3))
    table.cell(3, 2).merge(table.cell(3, 3))
    late = table.rows[4]._tr
    late.remove(late.findall(q("tc"))[0])
    properties = element("trPr")
    properties.append(element("gridBefore", val="1"))
    late.insert(0, properties)
    path = tmp_path / "spans.docx"
    document.save(str(path))
    assert _tables(path) == [
        [
            ["序号", "重点任务", "牵头单位", "完成时限"],
            ["一、加强组织领导", "", "", ""],
            ["1", "完善制度", "办公室", "6月底前"],
            ["2", "压实责任", "医政科、办公室", ""],
            ["", "深化改革", "体改科", "年底前"],
        ]
    ]


def test_word_counting_past_ninety_nine_reads_as_its_ordinal(tmp_path: Path) -> None:
    """Word's chineseCounting prints 100 on digit by digit (一○○、 一○一、), as a clerk's list of
    a hundred and more 重点任务 shows them: read back as the 100th and 101st, the list goes on
    (typed 一百零一、 too)."""
    from test_docx_word_numbering import _level, _numbered

    from generator.numbering import parse_label
    from generator.readers import import_file

    for typed, number in [("一○○、", 100), ("一〇一、", 101), ("一百零一、", 101), ("（一○二）", 102)]:
        found = parse_label(typed + "加强领导")
        assert found is not None and found.number == number and found.rest == "加强领导", typed
    assert parse_label("一二、加强领导") is None  # two digits one by one: a slip, not 12
    assert parse_label("○一二、加强领导") is None
    headings = [f"第{k}项重点工作" for k in range(1, 103)]
    path = _numbered(
        tmp_path / "hundred.docx",
        {1: _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")},
        {1: '<w:abstractNumId w:val="1"/>'},
        [("2025年工作要点", {})]
        + [(heading, {"num": 1, "ilvl": 0}) for heading in headings]
        + [(f"第{k}项任务。", {"num": 1, "ilvl": 1}) for k in range(1, 3)],
    )
    plan = import_file(path).document.plan
    assert [s.heading for s in plan.sections] == headings
    assert [i.heading for i in plan.sections[-1].items] == ["第1项任务。", "第2项任务。"]


_JOINT = """苏州市卫生健康委员会
苏州市医疗保障局
文件
苏卫医〔2025〕3号
关于印发《2025年苏州市医政工作要点》的通知
各市、区卫生健康委，各医疗保障分局：
现将《2025年苏州市医政工作要点》印发给你们，请认真贯彻落实。
{signature}
2025年3月1日
2025年苏州市医政工作要点
一、加强组织领导
（一）完善工作机制。
"""


@pytest.mark.parametrize(
    ("header", "signature", "names"),
    [
        # the 版头's issuers, signed on one line without a space between them
        (True, "苏州市卫生健康委员会苏州市医疗保障局", ["苏州市卫生健康委员会", "苏州市医疗保障局"]),
        (True, "苏州市医疗保障局苏州市卫生健康委员会", ["苏州市医疗保障局", "苏州市卫生健康委员会"]),
        # no 版头: organ names that each start again with the same place
        (
            False,
            "广州市财政局广州市卫生健康委员会广州市医疗保障局",
            ["广州市财政局", "广州市卫生健康委员会", "广州市医疗保障局"],
        ),
        (False, "浙江省财政厅浙江省地方金融监管局", ["浙江省财政厅", "浙江省地方金融监管局"]),
        # one organ whose name holds another's ending: never cut
        (False, "中国银保监会浙江监管局", ["中国银保监会浙江监管局"]),
        (False, "国家税务总局浙江省税务局", ["国家税务总局浙江省税务局"]),
        (False, "苏州市人民政府办公室", ["苏州市人民政府办公室"]),
        (False, "北京市市场监督管理局", ["北京市市场监督管理局"]),
        (True, "苏州市卫生健康委员会办公室", ["苏州市卫生健康委员会办公室"]),
    ],
)
def test_a_joint_signature_on_one_line_is_each_organ(header: bool, signature: str, names: list[str]) -> None:
    from generator.readers import import_text

    text = _JOINT.format(signature=signature)
    if not header:
        text = text.split("\n", 4)[4]
    notice = import_text(text).document.notice
    assert notice is not None and notice.signatories == names
    if header:
        assert notice.issuers == ["苏州市卫生健康委员会", "苏州市医疗保障局"]


def test_joint_issuers_on_one_line_without_a_space_are_each_organ() -> None:
    from generator.readers import import_text

    text = "苏州市卫生健康委员会苏州市医疗保障局文件\n" + _JOINT.split("\n", 3)[3].format(signature="苏州市卫生健康委员会")
    notice = import_text(text).document.notice
    assert notice is not None and notice.issuers == ["苏州市卫生健康委员会", "苏州市医疗保障局"]
    assert notice.issuer_suffix == "文件" and notice.doc_number is not None
