"""A .docx as other people and tools write it: tables merged across columns, a 版记 kept in the
last page's footer, 份号 and 密级 in the first page's header, footnotes, Word's numbering past 99,
headings broken by hand into two paragraphs, a joint 署名 on one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

    rest = _JOINT.split("\n", 3)[3].format(signature="苏州市卫生健康委员会")
    text = "苏州市卫生健康委员会苏州市医疗保障局文件\n" + rest
    notice = import_text(text).document.notice
    assert notice is not None and notice.issuers == ["苏州市卫生健康委员会", "苏州市医疗保障局"]
    assert notice.issuer_suffix == "文件" and notice.doc_number is not None


def _page_field(paragraph: Any) -> None:
    """ "— N —": Word's PAGE field between two dashes, as a footer prints the page number."""
    paragraph.add_run("— ")
    for kind, code in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(element("fldChar", fldCharType=kind))
        elif code:
            instr = element("instrText")
            instr.text = code
            run._r.append(instr)
        else:
            run.text = "3"
    paragraph.add_run(" —")


_CLERK_NOTICE = [
    "苏州市卫生健康委员会文件",
    "苏卫医〔2025〕3号",
    "关于印发《2025年苏州市医政工作要点》的通知",
    "各市、区卫生健康委：",
    "现将《2025年苏州市医政工作要点》印发给你们，请认真贯彻落实。",
    "苏州市卫生健康委员会",
    "2025年3月1日",
    "2025年苏州市医政工作要点",
    "一、加强组织领导",
    "（一）完善工作机制。明确分工。",
]


@pytest.mark.parametrize("first_page", [True, False], ids=["first-page-header", "running-header"])
def test_marks_in_the_header_and_the_imprint_in_the_last_footer_are_read(
    tmp_path: Path, first_page: bool
) -> None:
    """A clerk's notice: 份号 and 密级 typed into the header (the first page's own, or the running
    header of the first section, with a running title beside them), the 版记 typed into the footer
    of the last page's section, page numbers (— N —, a PAGE field) in every footer. The marks and
    the 版记 are the notice's; the running title, the template's 内部资料 line and the page
    numbers are no text."""
    from docx.enum.section import WD_SECTION

    from generator.readers import import_file

    document = docx.Document()
    section = document.sections[0]
    header = section.first_page_header if first_page else section.header
    section.different_first_page_header_footer = first_page
    header.paragraphs[0].text = "000123"
    header.add_paragraph("机密★5年")
    header.add_paragraph("内部资料　注意保存")  # a template's line of the page, not the 版头's
    if first_page:
        section.header.paragraphs[0].text = "2025年苏州市医政工作要点"
    else:
        header.add_paragraph("苏州市卫生健康委员会")  # a running title: not the text's
    for footer in (section.footer, section.first_page_footer):
        _page_field(footer.paragraphs[0])
    for text in _CLERK_NOTICE:
        document.add_paragraph(text)
    last = document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("（二）压实工作责任。")
    last.footer.is_linked_to_previous = False
    last.footer.paragraphs[0].text = "抄送：苏州市人民政府办公室，省卫生健康委。"
    last.footer.add_paragraph("苏州市卫生健康委员会办公室\t2025年3月1日印发")
    _page_field(last.footer.add_paragraph())
    path = tmp_path / "clerk.docx"
    document.save(str(path))

    result = import_file(path).document
    notice = result.notice
    assert notice is not None
    assert (notice.copy_number, notice.classification, notice.secrecy_period) == ("000123", "机密", "5年")
    assert notice.issuers == ["苏州市卫生健康委员会"] and notice.doc_number is not None
    assert notice.cc == ["苏州市人民政府办公室", "省卫生健康委"]
    assert notice.printer == "苏州市卫生健康委员会办公室"
    assert notice.print_date is not None and notice.print_date.isoformat() == "2025-03-01"
    assert result.plan.title == "2025年苏州市医政工作要点" and not result.plan.preamble
    (section_read,) = result.plan.sections
    assert [i.heading for i in section_read.items] == ["完善工作机制。", "压实工作责任。"]
    assert section_read.items[-1].text == []


_FOOTNOTES = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
    "</w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
    '</w:r><w:r><w:t xml:space="preserve"> 二级以上公立医院按国家三级公立医院绩效考核口径统计。</w:t>'
    "</w:r></w:p>"
    "</w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>含民营医院。</w:t></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>以省卫生健康委公布为准。</w:t></w:r>'
    "</w:p></w:footnote></w:footnotes>"
)


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_footnotes_follow_the_paragraph_that_refers_to_them(tmp_path: Path, kind: str) -> None:
    """Footnotes (脚注) under a 指标 and in a 分工表's cell: Word prints the text at the page's
    foot and a superscript number at the mark. The note is read after its paragraph (注：…; 注1：
    注2： for two), in the cell after the cell's text; the mark's number is no text. Endnotes
    (尾注), printed at the document's end, are read so too: by the text they annotate."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from generator.readers import import_file

    document = docx.Document()
    part = Part(
        PackURI(f"/word/{kind}s.xml"),
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
        _FOOTNOTES.replace("footnote", kind).encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)

    def mark(paragraph: Any, note: str) -> None:
        run = paragraph.add_run()
        run._r.append(element(f"{kind}Reference", id=note))

    document.add_paragraph("2025年苏州市医政工作要点")
    document.add_paragraph("一、提升医疗质量")
    item = document.add_paragraph("（一）加强绩效考核。二级以上公立医院")
    mark(item, "1")
    item.add_run("全部参加绩效考核。")
    two = document.add_paragraph("（二）扩大覆盖面。医疗机构")
    mark(two, "2")
    two.add_run("全部接入平台")
    mark(two, "3")
    two.add_run("。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "重点任务", "完成时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "接入平台", "年底前"
    mark(table.cell(1, 1).paragraphs[0], "3")
    path = tmp_path / "notes.docx"
    document.save(str(path))

    plan = import_file(path).document.plan
    first, second = plan.sections[0].items
    assert first.heading == "加强绩效考核。"
    assert first.text == [
        "二级以上公立医院全部参加绩效考核。",
        "注：二级以上公立医院按国家三级公立医院绩效考核口径统计。",
    ]
    assert second.text == ["医疗机构全部接入平台。", "注1：含民营医院。", "注2：以省卫生健康委公布为准。"]
    (table_read,) = second.tables
    assert table_read.rows[1] == ["接入平台", "年底前 注：以省卫生健康委公布为准。"]


def _hand_broken(path: Path, heading_font: str | None = None, rest_font: str | None = None) -> Path:
    """A clerk's plan in one typeface, its long first heading broken by Enter into two paragraphs
    (the second without the number Word then gave it); ``heading_font`` / ``rest_font``: an
    East-Asian font set on the heading's runs / on its rest's."""
    document = docx.Document()

    def add(text: str, font: str | None = None) -> None:
        run = document.add_paragraph().add_run(text)
        if font:
            properties = run._r.get_or_add_rPr()
            fonts = element("rFonts", eastAsia=font)
            properties.insert(0, fonts)

    add("2025年苏州市医政工作要点")
    add("一、全面加强医疗质量安全管理与控制", heading_font)
    add("推动医疗服务能力体系建设", rest_font)
    add("（一）完善工作机制。明确分工。")
    add("二、持续深化公立医院综合改革", heading_font)
    add("（一）推进薪酬制度改革。")
    add("三、统筹做好全年重点任务的分工安排", heading_font)
    add("重点任务分工表", rest_font)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "重点任务", "完成时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "推进薪酬制度改革", "年底前"
    add("四、工作要求", heading_font)
    add("各单位要加强组织领导")
    add("确保各项工作按期完成。")
    document.save(str(path))
    return path


def test_a_heading_broken_by_hand_into_two_paragraphs_is_one_heading(tmp_path: Path) -> None:
    """The rest of the broken heading — short, in the heading's typeface, ending no sentence —
    goes on the heading; a table's title under a heading, a short heading's text and a sentence
    broken over paragraphs do not."""
    from generator.readers import import_file

    plan = import_file(_hand_broken(tmp_path / "broken.docx")).document.plan
    assert [s.heading for s in plan.sections] == [
        "全面加强医疗质量安全管理与控制推动医疗服务能力体系建设",
        "持续深化公立医院综合改革",
        "统筹做好全年重点任务的分工安排",
        "工作要求",
    ]
    assert [i.heading for i in plan.sections[0].items] == ["完善工作机制。"]
    assert plan.sections[2].text == ["重点任务分工表"] and len(plan.sections[2].tables) == 1
    assert plan.sections[3].text[0].startswith("各单位要加强组织领导")


def test_a_short_line_in_another_typeface_under_a_heading_is_not_its_rest(tmp_path: Path) -> None:
    """The heading in 黑体, the line under it in the body's 仿宋: not a piece of the heading."""
    from generator.readers import import_file

    path = _hand_broken(tmp_path / "faces.docx", heading_font="黑体", rest_font="仿宋_GB2312")
    plan = import_file(path).document.plan
    assert plan.sections[0].heading == "全面加强医疗质量安全管理与控制"


def test_a_heading_word_numbers_broken_by_hand_is_one_heading(tmp_path: Path) -> None:
    """Enter inside a heading Word numbers gives its rest the next number; the clerk takes that
    away (w:numId 0) and the rest is the heading's. A paragraph in the headings' style that never
    had a number is not a piece of the heading above it (this tool's writer prints an unnumbered
    heading so)."""
    from test_docx_word_numbering import _level, _numbered

    from generator.readers import import_file

    path = _numbered(
        tmp_path / "numbered.docx",
        {1: _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")},
        {1: '<w:abstractNumId w:val="1"/>'},
        [
            ("2025年苏州市医政工作要点", {}),
            ("全面加强医疗质量安全管理与控制", {"num": 1, "ilvl": 0}),
            ("推动医疗服务能力体系建设", {"num": 0, "ilvl": 0}),
            ("完善工作机制。", {"num": 1, "ilvl": 1}),
            ("统筹推进全年各项医政重点工作任务落实", {"num": 1, "ilvl": 0}),
            ("其他医政管理工作", {}),
            ("各单位要按照要求抓好落实，确保取得实效。", {}),
        ],
    )
    plan = import_file(path).document.plan
    assert [s.heading for s in plan.sections if s.numbered] == [
        "全面加强医疗质量安全管理与控制推动医疗服务能力体系建设",
        "统筹推进全年各项医政重点工作任务落实",
    ]
    assert [i.heading for i in plan.sections[0].items] == ["完善工作机制。"]


def test_a_list_restarted_as_libreoffice_writes_it_counts_on_from_the_restart(tmp_path: Path) -> None:
    """LibreOffice (and WPS) save a list restarted in each section as a w:num with a
    w:startOverride on the first item only, the items after it in the list's plain w:num: each
    section's items are （一）（二）（三）, as LibreOffice prints them — not a second count of the
    plain instance going on from the section before."""
    from test_docx_word_numbering import _level, _numbered

    from generator.readers import import_file

    restart = (
        '<w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride>'
    )
    levels = _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")
    path = _numbered(
        tmp_path / "restarted.docx",
        {1: levels, 2: levels},
        {1: '<w:abstractNumId w:val="1"/>', 2: '<w:abstractNumId w:val="2"/>', 5: restart, 6: restart},
        [
            ("2025年工作要点", {}),
            ("加强组织领导", {"num": 1, "ilvl": 0}),
            ("完善工作机制。", {"num": 5, "ilvl": 1}),
            ("压实工作责任。", {"num": 2, "ilvl": 1}),
            ("强化督促检查。", {"num": 2, "ilvl": 1}),
            ("深化医药卫生体制改革", {"num": 1, "ilvl": 0}),
            ("推进公立医院改革。", {"num": 6, "ilvl": 1}),
            ("健全医保支付机制。", {"num": 2, "ilvl": 1}),
        ],
    )
    assert [line.full[:3] for line in docx_lines(path, DefectLog()) if line.label] == [
        "一、加",
        "（一）",
        "（二）",
        "（三）",
        "二、深",
        "（一）",
        "（二）",
    ]
    plan = import_file(path).document.plan
    assert [len(s.items) for s in plan.sections] == [3, 2]
    assert plan.numbering.continuous == []


@pytest.mark.parametrize("date_in_table", [True, False])
def test_a_joint_signature_set_side_by_side_in_a_table_is_the_signature(
    tmp_path: Path, date_in_table: bool
) -> None:
    """A joint notice's 署名 set side by side in a borderless table, the 成文日期 in its second row
    or in the paragraph under it: read as 署名 and 成文日期 (not a table of the notice, which lost
    both). A table of organ names alone, with no date by it (a 成员单位 list), stays a table."""
    from generator.readers import import_file

    document = docx.Document()
    for text in _JOINT.split("\n")[:7]:
        document.add_paragraph(text)
    table = document.add_table(rows=2 if date_in_table else 1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "苏州市卫生健康委员会", "苏州市医疗保障局"
    if date_in_table:
        table.cell(1, 1).text = "2025年3月1日"
    else:
        document.add_paragraph("2025年3月1日")
    for text in ["2025年苏州市医政工作要点", "一、加强组织领导", "成员单位如下："]:
        document.add_paragraph(text)
    members = document.add_table(rows=2, cols=2)
    members.cell(0, 0).text, members.cell(0, 1).text = "苏州市财政局", "苏州市人力资源和社会保障局"
    members.cell(1, 0).text, members.cell(1, 1).text = "苏州市医疗保障局", "苏州市市场监督管理局"
    path = tmp_path / "signed.docx"
    document.save(str(path))
    result = import_file(path).document
    assert result.notice is not None
    assert result.notice.signatories == ["苏州市卫生健康委员会", "苏州市医疗保障局"]
    assert result.notice.date is not None and result.notice.date.isoformat() == "2025-03-01"
    assert result.plan.title == "2025年苏州市医政工作要点" and not result.plan.preamble
    (section,) = result.plan.sections
    assert [table.rows for table in section.tables] == [
        [["苏州市财政局", "苏州市人力资源和社会保障局"], ["苏州市医疗保障局", "苏州市市场监督管理局"]]
    ]


def _printed_lines(paragraph: str, first: float = 26, full: float = 28) -> list[str]:
    """A paragraph as GB/T 9704 prints it: 28 字 to the line, the first 2 字 in (its indent),
    digits ½ 字, a mark that may not start a line (避头) carried onto the line before."""
    from generator.title_lines import NO_LINE_START, width_zi

    lines, line, room = [], "", first
    for char in paragraph:
        if line and width_zi(line + char) > room and char not in NO_LINE_START:
            lines.append(line)
            line, room = "", full
        line += char
    return [*lines, line]


def _joined_text(data: Any) -> Any:
    """The printable document with each node's paragraphs run together: a paragraph that ends
    a sentence at the end of a printed line, its next line its last, cannot be told from two."""
    if isinstance(data, dict):
        return {
            k: "".join(v) if k in ("text", "preamble", "body") else _joined_text(v) for k, v in data.items()
        }
    if isinstance(data, list):
        return [_joined_text(v) for v in data]
    return data


@pytest.mark.parametrize("how", ["paragraph-per-line", "break-per-line", "txt"])
def test_text_wrapped_at_each_printed_line_reads_as_its_paragraphs(tmp_path: Path, how: str) -> None:
    """A plan pasted out of its PDF into Word (or Notepad), or converted by a PDF-to-Word tool:
    every printed line ends in a paragraph mark (or a line break). The lines of a paragraph go
    on, whatever sentence ends inside them; only a sentence ending exactly at a line's end with
    the paragraph's short last line after it is left a paragraph break (nothing tells it from
    one)."""
    from conftest import PLANS
    from test_roundtrip import printable

    from generator.load import load_document
    from generator.readers import import_file
    from generator.render import render

    source = load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    # a section heading longer than its printed line: its rest wraps onto the next line too
    source.plan.sections[1].heading = "完善医疗卫生服务体系建设，推动优质医疗资源扩容下沉和区域均衡布局"
    text = str(render(source, "txt"))
    printed = [
        _printed_lines(paragraph) if len(paragraph) > 26 else [paragraph] for paragraph in text.split("\n")
    ]
    if how == "txt":
        path = tmp_path / "pasted.txt"
        path.write_text("\n".join(line for lines in printed for line in lines), encoding="utf-8")
    else:
        document = docx.Document()
        for lines in printed:
            if how == "paragraph-per-line":
                for line in lines:
                    document.add_paragraph(line)
            else:
                paragraph = document.add_paragraph()
                for k, line in enumerate(lines):
                    run = paragraph.add_run(line)
                    if k < len(lines) - 1:
                        run.add_break()
        path = tmp_path / "pasted.docx"
        document.save(str(path))
    imported = printable(import_file(path).document)
    if how == "break-per-line":  # the paragraph's own breaks: no doubt where each one ends
        assert imported == printable(source)
    else:
        assert _joined_text(imported) == _joined_text(printable(source))
        assert sum(len(node["text"]) for node in _nodes(imported)) <= 1.1 * sum(
            len(node["text"]) for node in _nodes(printable(source))
        )


def _nodes(data: dict[str, Any]) -> list[dict[str, Any]]:
    found, todo = [], list(data["plan"]["sections"])
    while todo:
        node = todo.pop()
        found.append(node)
        todo += node["items"]
    return found


@pytest.mark.slow
def test_a_pdf_made_into_word_by_libreoffice_reads_as_its_plan(tmp_path: Path, soffice: str) -> None:
    """A clerk who has only last year's PDF opens it in LibreOffice and saves it as .docx: every
    printed line becomes a text frame of its own. Read as the lines of the page, the paragraphs,
    headings and notice are the plan's again, as the plan file says (two real plans)."""
    import subprocess

    from conftest import PLANS
    from test_roundtrip import printable

    from generator.load import load_document
    from generator.readers import import_file
    from generator.render import render_to_file

    sources = {name: load_document(PLANS / f"{name}.yaml") for name in ("lianyungang-2022", "wuzhong-2019")}
    pdfs = []
    for name, document in sources.items():
        pdf = tmp_path / f"{name}.pdf"
        render_to_file(document, pdf)
        pdfs.append(str(pdf))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--infilter=writer_pdf_import",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_path / "docx"),
            *pdfs,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name, document in sources.items():
        assert printable(import_file(tmp_path / "docx" / f"{name}.docx").document) == printable(document), (
            name
        )
