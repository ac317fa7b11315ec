"""Word's automatic numbering as Word and WPS write it (not as this tool writes it) reads as the
labels Word prints: numbering through heading styles, w:lvlRestart, w:isLgl, level overrides,
list styles, numId 0, the number formats of ST_NumberFormat, and the 序号 column of a table."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from generator.numbering import parse_label
from generator.readers import import_file
from generator.readers.defects import DefectLog
from generator.readers.docx import docx_lines
from generator.readers.word_numbers import word_format

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _level(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


PLAN_LEVELS = _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")
PLAN_LEVELS += _level(2, "decimal", "%3.")


def _numbered(
    path: Path,
    abstract: dict[int, str],
    nums: dict[int, str],
    paragraphs: list[tuple[str, dict[str, int | str]]],
    styles: dict[str, str] | None = None,
) -> Path:
    """A .docx with the given w:abstractNum levels (id → w:lvl XML, or a whole element), w:num
    (id → inner XML) and paragraphs (text, {"num": numId, "ilvl": k, "style": style id});
    ``styles``: style id → the w:pPr inner XML of a paragraph style of that id."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for built_in in list(numbering):  # python-docx's template brings lists of its own
        numbering.remove(built_in)
    for abstract_id, levels in abstract.items():
        xml = (
            levels
            if levels.startswith("<w:abstractNum")
            else f'<w:abstractNum w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
        )
        numbering.insert(0, parse_xml(xml.replace("<w:abstractNum ", f"<w:abstractNum {W} ", 1)))
    for num_id, inner in nums.items():
        numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}">{inner}</w:num>'))
    for style_id, ppr in (styles or {}).items():
        document.styles.element.append(
            parse_xml(
                f'<w:style {W} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
                f'<w:basedOn w:val="Normal"/><w:pPr>{ppr}</w:pPr></w:style>'
            )
        )
    for text, how in paragraphs:
        paragraph = document.add_paragraph(text)
        ppr = paragraph._p.get_or_add_pPr()
        if "style" in how:
            ppr.insert(0, parse_xml(f'<w:pStyle {W} w:val="{how["style"]}"/>'))
        if "num" in how:
            ilvl = f'<w:ilvl w:val="{how["ilvl"]}"/>' if "ilvl" in how else ""
            ppr.append(parse_xml(f'<w:numPr {W}>{ilvl}<w:numId w:val="{how["num"]}"/></w:numPr>'))
    document.save(str(path))
    return path


def _labels(path: Path) -> list[str]:
    return [line.full for line in docx_lines(path, DefectLog()) if line.full]


def test_numbering_through_heading_styles_linked_to_the_list_levels(tmp_path: Path) -> None:
    """Word's 多级列表 linked to 标题 1/2 (Chinese Word's style ids "1" and "2"; the styles'
    numPr without an ilvl, as WPS writes them: the level is the one whose w:pStyle names the
    style); body text in between is not numbered."""
    levels = _level(0, "chineseCounting", "%1、", '<w:pStyle w:val="1"/>')
    levels += _level(1, "chineseCounting", "（%2）", '<w:pStyle w:val="2"/>')
    path = _numbered(
        tmp_path / "styles.docx",
        {1: levels},
        {3: '<w:abstractNumId w:val="1"/>'},
        [
            ("加强组织领导", {"style": "1"}),
            ("完善制度。", {"style": "2"}),
            ("正文。", {}),
            ("压实责任。", {"style": "2"}),
            ("推进改革", {"style": "1"}),
            ("深化医改。", {"style": "2"}),
        ],
        styles={
            "1": '<w:numPr><w:numId w:val="3"/></w:numPr>',
            "2": '<w:numPr><w:numId w:val="3"/></w:numPr>',
        },
    )
    assert _labels(path) == [
        "一、加强组织领导",
        "（一）完善制度。",
        "正文。",
        "（二）压实责任。",
        "二、推进改革",
        "（一）深化医改。",
    ]


def test_level_restart_zero_numbers_straight_through(tmp_path: Path) -> None:
    """w:lvlRestart 0 on the second level: （一）…（三） run on across 一、 二、 (seeds/000's plan)."""
    levels = _level(0, "chineseCounting", "%1、") + _level(
        1, "chineseCounting", "（%2）", '<w:lvlRestart w:val="0"/>'
    )
    levels += _level(2, "decimal", "%3.", '<w:lvlRestart w:val="1"/>')  # restarts under 一、 only
    path = _numbered(
        tmp_path / "restart.docx",
        {1: levels},
        {1: '<w:abstractNumId w:val="1"/>'},
        [
            ("甲", {"num": 1, "ilvl": 0}),
            ("乙", {"num": 1, "ilvl": 1}),
            ("子", {"num": 1, "ilvl": 2}),
            ("丙", {"num": 1, "ilvl": 1}),
            ("丑", {"num": 1, "ilvl": 2}),  # not restarted by （二）
            ("丁", {"num": 1, "ilvl": 0}),
            ("戊", {"num": 1, "ilvl": 1}),
            ("寅", {"num": 1, "ilvl": 2}),
        ],
    )
    assert _labels(path) == ["一、甲", "（一）乙", "1.子", "（二）丙", "2.丑", "二、丁", "（三）戊", "1.寅"]
    result = import_file(path)
    assert result.document.plan.numbering.continuous == [2]


def test_legal_numbering_prints_arabic_digits(tmp_path: Path) -> None:
    """w:isLgl: 1.1 under 一、, though level 1 is chineseCounting."""
    levels = _level(0, "chineseCounting", "%1、") + _level(1, "decimal", "%1.%2", "<w:isLgl/>")
    path = _numbered(
        tmp_path / "legal.docx",
        {1: levels},
        {1: '<w:abstractNumId w:val="1"/>'},
        [
            ("甲", {"num": 1, "ilvl": 0}),
            ("乙", {"num": 1, "ilvl": 1}),
            ("丙", {"num": 1, "ilvl": 0}),
            ("丁", {"num": 1, "ilvl": 1}),
        ],
    )
    assert _labels(path) == ["一、甲", "1.1乙", "二、丙", "2.1丁"]


def test_overrides_lists_sharing_an_abstract_numbering_and_numid_zero(tmp_path: Path) -> None:
    """Two w:num of one abstractNum count on together; one with a w:startOverride starts again
    at its first paragraph, and the list counts on from there (LibreOffice prints this file
    一、二、一、第5条、戊、六、: one count for the abstract numbering, whatever the instance); a w:lvl
    inside a w:lvlOverride replaces the level's format (Word writes it with a w:startOverride);
    numId 0 on the paragraph takes away the numbering its style gives."""
    override = (
        '<w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>'
        + _level(0, "decimal", "第%1条")
        + "</w:lvlOverride>"
    )
    path = _numbered(
        tmp_path / "overrides.docx",
        {1: PLAN_LEVELS},
        {
            1: '<w:abstractNumId w:val="1"/>',
            2: '<w:abstractNumId w:val="1"/>',
            3: '<w:abstractNumId w:val="1"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
            4: override,
        },
        [
            ("甲", {"num": 1, "ilvl": 0}),
            ("乙", {"num": 2, "ilvl": 0}),  # goes on: 二、
            ("丙", {"num": 3, "ilvl": 0}),  # starts again: 一、
            ("丁", {"num": 4, "ilvl": 0}),  # its own level: 第5条
            ("戊", {"num": 0, "ilvl": 0, "style": "Numbered"}),
            ("己", {"style": "Numbered"}),
        ],
        styles={"Numbered": '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'},
    )
    assert _labels(path) == ["一、甲", "二、乙", "一、丙", "第5条丁", "戊", "六、己"]


def test_a_list_style_link_uses_the_levels_that_define_it(tmp_path: Path) -> None:
    """w:numStyleLink: an abstract numbering without levels of its own, naming a list style whose
    levels another abstract numbering (w:styleLink) defines."""
    definer = (
        f'<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="PlanList"/>{PLAN_LEVELS}</w:abstractNum>'
    )
    linker = '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'
    path = _numbered(
        tmp_path / "linked.docx",
        {1: definer, 2: linker},
        {1: '<w:abstractNumId w:val="1"/>', 2: '<w:abstractNumId w:val="2"/>'},
        [("甲", {"num": 2, "ilvl": 0}), ("乙", {"num": 2, "ilvl": 1}), ("丙", {"num": 2, "ilvl": 2})],
    )
    assert _labels(path) == ["一、甲", "（一）乙", "1.丙"]


@pytest.mark.parametrize(
    ("fmt", "n", "printed"),
    [
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 21, "二十一"),
        ("chineseCounting", 100, "一○○"),  # Word goes digit by digit from 100
        ("chineseCountingThousand", 15, "十五"),
        ("chineseCountingThousand", 101, "一百〇一"),
        ("chineseCountingThousand", 110, "一百一十"),
        ("japaneseCounting", 100, "百"),
        ("ideographDigital", 10, "一〇"),
        ("chineseLegalSimplified", 11, "壹拾壹"),
        ("chineseLegalSimplified", 20, "贰拾"),
        ("ideographTraditional", 10, "癸"),
        ("ideographTraditional", 11, "11"),  # past 癸, Arabic digits
        ("ideographZodiac", 3, "寅"),
        ("decimalEnclosedCircleChinese", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "㉑"),
        ("decimalEnclosedParen", 3, "⑶"),
        ("decimalEnclosedFullstop", 3, "⒊"),
        ("ideographEnclosedCircle", 2, "㈡"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalZero", 7, "07"),
        ("lowerLetter", 27, "aa"),
        ("upperLetter", 2, "B"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 4, "iv"),
        ("cardinalText", 3, "3"),
    ],
)
def test_word_number_formats(fmt: str, n: int, printed: str) -> None:
    assert word_format(fmt, n) == printed


@pytest.mark.parametrize(
    ("fmt", "text", "labels"),
    [
        ("chineseCountingThousand", "%1、", ["一、", "二、", "三、"]),
        ("japaneseCounting", "（%1）", ["（一）", "（二）", "（三）"]),
        ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
        ("decimalEnclosedCircleChinese", "%1", ["①", "②", "③"]),
        ("decimal", "(%1)", ["(1)", "(2)", "(3)"]),
        ("decimal", "%1、", ["1、", "2、", "3、"]),
    ],
)
def test_sections_in_any_chinese_format_import_as_a_plan(
    tmp_path: Path, fmt: str, text: str, labels: list[str]
) -> None:
    path = _numbered(
        tmp_path / "formats.docx",
        {1: _level(0, fmt, text)},
        {1: '<w:abstractNumId w:val="1"/>'},
        [("2025年工作要点", {})]
        + [(heading, {"num": 1, "ilvl": 0}) for heading in ("加强领导", "完善制度", "压实责任")],
    )
    assert _labels(path)[1:] == [
        label + h for label, h in zip(labels, ("加强领导", "完善制度", "压实责任"), strict=True)
    ]
    assert [s.heading for s in import_file(path).document.plan.sections] == [
        "加强领导",
        "完善制度",
        "压实责任",
    ]


def test_a_table_numbered_by_a_list_keeps_its_numbers(tmp_path: Path) -> None:
    """A 分工表 whose 序号 column is a Word list (1 2 3 …, the clerk's 编号 button): the cells read
    as Word prints them, counting on from row to row."""
    path = _numbered(
        tmp_path / "table.docx",
        {1: _level(0, "decimal", "%1")},
        {1: '<w:abstractNumId w:val="1"/>'},
        [],
    )
    document = docx.Document(str(path))
    table = document.add_table(rows=4, cols=3)
    for row, texts in zip(
        table.rows,
        [
            ("序号", "重点任务", "牵头单位"),
            ("", "完善制度", "办公室"),
            ("", "压实责任", "医政科"),
            ("", "深化改革", "体改科"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].text = text
    for row in table.rows[1:]:
        ppr = row.cells[0].paragraphs[0]._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    document.save(str(path))
    (line,) = [line for line in docx_lines(path, DefectLog()) if line.table is not None]
    assert line.table is not None
    assert [row[0] for row in line.table.rows] == ["序号", "1", "2", "3"]


def test_a_circled_list_past_twenty_reads_on(tmp_path: Path) -> None:
    """Word prints the 21st of a decimalEnclosedCircle list as ㉑ (not the plan's （21））: read as
    the 21st all the same, not as text that ends the list."""
    headings = [f"第{k}项工作任务" for k in range(1, 24)]
    path = _numbered(
        tmp_path / "circled.docx",
        {1: _level(0, "chineseCounting", "%1、") + _level(1, "decimalEnclosedCircle", "%2")},
        {1: '<w:abstractNumId w:val="1"/>'},
        [("2025年工作要点", {}), ("加强领导", {"num": 1, "ilvl": 0})]
        + [(heading, {"num": 1, "ilvl": 1}) for heading in headings],
    )
    assert _labels(path)[-3:] == ["㉑第21项工作任务", "㉒第22项工作任务", "㉓第23项工作任务"]
    (section,) = import_file(path).document.plan.sections
    assert [item.text for item in section.items] == [[heading] for heading in headings]
    assert parse_label("㊿").number == 50 and parse_label("㉟").number == 35  # type: ignore[union-attr]


def test_a_custom_format_of_word_2010_prints_its_fallback(tmp_path: Path) -> None:
    """Word 2010+ writes a custom number format (001, 002 …) in mc:AlternateContent, the standard
    format nearest to it as the fallback (decimalZero: 01, 02); Word prints the custom one."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    custom = (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent {mc}><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    path = _numbered(
        tmp_path / "custom.docx",
        {1: custom},
        {1: '<w:abstractNumId w:val="1"/>'},
        [("甲", {"num": 1, "ilvl": 0}), ("乙", {"num": 1, "ilvl": 0})],
    )
    assert _labels(path) == ["001.甲", "002.乙"]


def test_sections_numbered_by_word_and_items_typed_make_one_plan(tmp_path: Path) -> None:
    """A clerk's mix: 一、 二、 from Word's list, （一） （二） and 1. typed into the text, a typed
    二、-level heading after the list broke off (工作要求 typed as 三、)."""
    path = _numbered(
        tmp_path / "mixed.docx",
        {1: _level(0, "chineseCounting", "%1、")},
        {1: '<w:abstractNumId w:val="1"/>'},
        [
            ("2025年工作要点", {}),
            ("加强组织领导", {"num": 1, "ilvl": 0}),
            ("（一）完善工作机制。明确分工。", {}),
            ("1.细化任务。", {}),
            ("2.压实责任。", {}),
            ("（二）健全考核制度。", {}),
            ("深化医药卫生体制改革", {"num": 1, "ilvl": 0}),
            ("（一）推进公立医院改革。", {}),
            ("三、工作要求", {}),
            ("各单位要抓好落实。", {}),
        ],
    )
    plan = import_file(path).document.plan
    assert [s.heading for s in plan.sections] == ["加强组织领导", "深化医药卫生体制改革", "工作要求"]
    assert [i.heading for i in plan.sections[0].items] == ["完善工作机制。", "健全考核制度。"]
    assert [i.heading for i in plan.sections[0].items[0].items] == ["细化任务。", "压实责任。"]
    assert plan.sections[2].text == ["各单位要抓好落实。"]
