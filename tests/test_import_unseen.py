"""The files an agency keeps of one real notice, made from its published text, read as the text.

``tests/corpus_extra/05``, ``07``, ``08`` and ``09`` are the texts of government pages (a 卫健委
工作要点, a 行动计划 with its title over two lines and 此件主动公开, a 预通知 with 联系人 lines and
an 附件说明 list, a notice numbered in its own 正文 whose 文号 lost a bracket). From each text this
builds what clerks and sites make of it — a .docx typed in Word (版头 in a floating text box,
labels typed, direct formatting), the same with Word's own multi-level numbering (numbering.xml),
a CMS page (breadcrumb, metadata table, info line, share bar, footer), and LibreOffice's and
Chromium's conversions of those — and checks that each imports with the structure written in
``tests/corpus_expected`` by reading the document.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus_real import EXTRA, _flat, expectation, found_structure

from generator.readers import import_file
from generator.render import render
from generator.soffice import convert_to_pdf

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _full_width(text: str) -> str:
    """The page's Chinese punctuation as the clerk typed it (the stored text has ASCII marks)."""
    text = re.sub(r"(?<=\S),", "，", text)
    text = re.sub(r":(?!\d{2})", "：", text)
    return text.replace(";", "；").replace("!", "！").replace("(", "（").replace(")", "）")


# What each document is, as a clerk's file holds it: from its 文号 (or title) on, with the lines
# a Word file sets apart. Expectations: tests/corpus_expected/<stem>.yaml.
DOCUMENTS: dict[str, dict[str, Any]] = {
    "05_huzhou_wjw_health_work_points_2023": {
        "start": "湖卫健发",
        "banner": "湖州市卫生健康委员会文件",
        "issuers": ["湖州市卫生健康委员会"],
        "title": "湖州市卫生健康委关于印发2023年全市卫生健康工作要点的通知",
        "centred": {"湖卫健发〔2023〕1号", "湖州市卫生健康委关于印发", "2023年全市卫生健康工作要点的通知"},
        "big": {"湖州市卫生健康委关于印发", "2023年全市卫生健康工作要点的通知", "2023年全市卫生健康工作要点"},
        "right": {"湖州市卫生健康委员会", "2023年4月26日"},
    },
    "07_shanxi_wjw_healthy_shanxi_action_plan_2017": {
        "start": "晋卫发",
        "banner": "山西省卫生和计划生育委员会文件",
        "issuers": ["山西省卫生和计划生育委员会"],
        "title": "山西省卫生和计划生育委员会关于印发贯彻《“健康中国2030”规划纲要》、"
        "实施《“健康山西2030”规划纲要》2017年行动计划的通知",
        "centred": {"晋卫发〔2017〕14号"},
        "big": {"贯彻《“健康中国2030”规划纲要》、", "实施《“健康山西2030”规划纲要》2017年行动计划"},
        "right": {"山西省卫生和计划生育委员会", "2017年4月28日"},
    },
    "09_gansu_wjw_occupational_three_actions_2024": {
        "start": "关于印发甘肃省职业病防治",
        "banner": None,
        "issuers": [],
        "title": "关于印发甘肃省职业病防治“三项行动”实施方案的通知",
        "centred": {"甘卫职健函2024〕217"},
        "big": set(),
        "right": set(),
    },
    "08_xuancheng_wjw_consultation_pre_notice_2020": {
        "start": "关于召开",
        "banner": None,
        "issuers": [],
        "title": "关于召开《健康宣城行动实施方案（代拟稿）》征求意见会的预通知",
        "centred": set(),
        "big": {"参会单位名单"},
        "right": {"2020年10月21日"},
    },
}
STEMS = sorted(DOCUMENTS)
_LEVELS = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 0, "黑体"),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 1, "楷体_GB2312"),
    (re.compile(r"^\d+[.．]"), 2, "仿宋_GB2312"),
    (re.compile(r"^（\d+）"), 3, "仿宋_GB2312"),
]
_SKIP_LINES = re.compile(r"^(?:发布时间|来源)[：:]")  # the page's info line under its heading


def document_lines(stem: str) -> list[str]:
    """The document's own lines (no page chrome), with full-width punctuation."""
    spec = DOCUMENTS[stem]
    lines = [_full_width(line.strip()) for line in (EXTRA / f"{stem}.txt").read_text().splitlines()]
    lines = [line for line in lines if line and not _SKIP_LINES.match(line)]
    start = next(k for k, line in enumerate(lines) if line.startswith(spec["start"]))
    out = lines[start:]
    if spec["title"] not in out and not any(spec["title"].startswith(line) for line in out[:3]):
        # the page prints the title above the 文号 (07): a clerk's file has it under
        out.insert(1 if spec["banner"] else 0, spec["title"])
    return out


def _run(paragraph: Any, text: str, font: str = "仿宋_GB2312", size: int = 16) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _text_box(paragraph: Any, text: str) -> None:
    """The 发文机关标志 in red in a floating text box, as many 公文 templates set it."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="page"><wp:posOffset>1270000</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5600000" cy="900000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapTopAndBottom/><wp:docPr id="9" name="版头"/><wp:cNvGraphicFramePr/><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="5600000" cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:noFill/></wps:spPr><wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            '<w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:color w:val="FF0000"/><w:sz w:val="60"/>'
            f"</w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        )
    )


def _word_numbering(document: Any) -> None:
    """One multi-level list 一、/（一）/1./（1） in numbering.xml, as a clerk's template defines it."""
    numbering = document.part.numbering_part.element
    for built_in in list(numbering):
        numbering.remove(built_in)
    formats = [
        ("chineseCounting", "%1、"),
        ("chineseCounting", "（%2）"),
        ("decimal", "%3."),
        ("decimal", "（%4）"),
    ]
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl>'
        for k, (fmt, text) in enumerate(formats)
    )
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="3"><w:abstractNumId w:val="7"/></w:num>'))


def clerk_docx(stem: str, target: Path, *, word_numbering: bool) -> Path:
    """The notice as a clerk types it in Word: direct formatting, labels typed or Word's own."""
    spec = DOCUMENTS[stem]
    document = docx.Document()
    if word_numbering:
        _word_numbering(document)
    if spec["banner"]:
        _text_box(document.add_paragraph(), spec["banner"])
    for line in document_lines(stem):
        paragraph = document.add_paragraph()
        if line in spec["big"] or line == spec["title"]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, line, "方正小标宋简体", 22)
            continue
        if line in spec["centred"] or line in spec["right"]:
            centred = line in spec["centred"]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, line)
            continue
        paragraph.paragraph_format.first_line_indent = Pt(32)
        level = next(((rx, k, font) for rx, k, font in _LEVELS if rx.match(line)), None)
        if level is None:
            _run(paragraph, line)
            continue
        pattern, k, font = level
        if word_numbering:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{k}"/><w:numId w:val="3"/></w:numPr>')
            )
            _run(paragraph, line[pattern.match(line).end() :].lstrip(), font)  # type: ignore[union-attr]
        else:
            _run(paragraph, line, font)
    document.save(str(target))
    return target


def cms_page(stem: str, target: Path) -> Path:
    """The notice as a government CMS prints it: menus, breadcrumb, metadata table, the title as
    the page's heading, the info line, the text, share bar and footer."""
    spec = DOCUMENTS[stem]
    text = [line for line in document_lines(stem) if line != spec["title"]]  # a page keeps the 文号
    numbers = [line for line in spec["centred"] if "〔" in line]
    meta = [
        ("索引号", "113300000000000000/2023-00001"),
        ("发布机构", spec["issuers"][0] if spec["issuers"] else "本站"),
    ]
    meta += [("文号", number) for number in numbers]
    rows = "".join(f"<tr><th>{html.escape(k)}：</th><td>{html.escape(v)}</td></tr>" for k, v in meta)
    body = "\n".join(f'<p style="text-indent:2em">{html.escape(line)}</p>' for line in text)
    target.write_text(
        f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(spec["title"])}_政务公开</title></head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="#">无障碍浏览</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div><table class="meta">{rows}</table>
<div class="article"><h1>{html.escape(spec["title"])}</h1>
<div class="info">发布时间：2023-05-04 08:58 来源：本站 浏览次数：1024 【字体：大 中 小】 打印 关闭</div>
<div class="content">{body}</div><div class="share">分享到：微信 微博 QQ空间</div></div>
<div class="foot">主办单位：本站 版权所有 网站标识码 3305000001 浙ICP备12345678号</div></body></html>""",
        encoding="utf-8",
    )
    return target


_COMPARED = ("doc_number", "title", "recipients", "attachments", "signatories", "date", "note", "plan_title")


def assert_reads_as_written(path: Path, stem: str, *, issuers: list[str] | None) -> None:
    """The fields a reader wrote for the document (``issuers``: the 版头's, when the file has one)."""
    wanted = expectation(EXTRA / f"{stem}.txt")
    wanted = {**wanted, **wanted["notice"], "issuers": issuers}
    found = found_structure(import_file(path))
    keys = [*_COMPARED, "labels", *(("issuers",) if issuers is not None else ())]
    misses = [
        f"{k}: {found.get(k)!r}, expected {wanted[k]!r}"
        for k in keys
        if _flat(found.get(k)) != _flat(wanted[k])
    ]
    assert not misses, f"{path.name}: " + "; ".join(misses)


@pytest.mark.parametrize("numbering", ["typed", "word"])
@pytest.mark.parametrize("stem", STEMS)
def test_a_clerks_docx_reads_as_the_page(stem: str, numbering: str, tmp_path: Path) -> None:
    path = clerk_docx(stem, tmp_path / f"{stem}.docx", word_numbering=numbering == "word")
    assert_reads_as_written(path, stem, issuers=DOCUMENTS[stem]["issuers"])


@pytest.mark.parametrize("stem", STEMS)
def test_a_cms_page_reads_as_the_text(stem: str, tmp_path: Path) -> None:
    assert_reads_as_written(cms_page(stem, tmp_path / f"{stem}.html"), stem, issuers=[])


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_libreoffice_conversions_read_as_the_text(stem: str, tmp_path: Path, soffice: str) -> None:
    """The clerk's .docx saved as .doc and printed to PDF; the CMS page saved as .docx and printed."""
    typed = clerk_docx(stem, tmp_path / f"{stem}_typed.docx", word_numbering=False)
    page = cms_page(stem, tmp_path / f"{stem}_page.html")
    (pdf,) = convert_to_pdf([typed], tmp_path / "pdf")
    (doc,) = convert_to_pdf([typed], tmp_path / "doc", to="doc")
    (page_pdf,) = convert_to_pdf([page], tmp_path / "page")  # flush left: the page's indents lost
    saved = tmp_path / "docx" / f"{page.stem}.docx"  # a web page needs Writer's filter named
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [soffice, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML"]
    subprocess.run([*command, "--outdir", str(saved.parent), str(page)], capture_output=True, timeout=180)
    assert saved.is_file()
    for path in (pdf, doc):
        assert_reads_as_written(path, stem, issuers=DOCUMENTS[stem]["issuers"])
    for path in (saved, page_pdf):
        assert_reads_as_written(path, stem, issuers=[])


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_a_page_printed_by_chromium_reads_as_the_text(stem: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed — run .ci/run or apt-get install chromium")
    page = cms_page(stem, tmp_path / f"{stem}.html")
    pdf = tmp_path / f"{stem}.pdf"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run(
        [chromium, *flags, f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120
    )
    assert pdf.is_file()
    assert_reads_as_written(pdf, stem, issuers=[])


# --- a page's chrome around any text: what the text says is what is read ------------------------

_CHROME_ABOVE = [
    "当前位置：首页 > 政务公开 > 通知公告",
    "您现在所在的位置: 网站首页> 市卫健委> 重大决策预公开> 意见征集",
    "首页 > 信息公开 > 信息浏览",
    "  • 设为首页|",
    "  • 无障碍浏览|",
    "欢迎访问兰州市七里河区人民政府网站!",
    "适老版",
    "索 引 号: 002482365/2023-00095 公开日期: 2023-04-22",
    "发布机构: 七里河区人民政府 文  号: 七政发〔2023〕71号",
    "索引号 000014349/2020-3761045 成文日期 2020-10-15",
    "发布机构 文件有效性",
]
_CHROME_UNDER_TITLE = [
    "发布时间: 2023-08-11 10:08   发布人:   文章来源:",
    "来源:区政府办 浏览次数: 添加时间:2023-08-11 11:08",
    "  • 时间:2023-08-11 08:58:16",
    "  • 发布:七里河区人民政府",
    "字号:",
    "收藏",
    "政策解读 文字解读:《健康七里河行动实施方案》",
]
_QILIHE = "12_qilihe_gov_healthy_action_plan_2023"


def _fields(text: str, path: Path) -> dict[str, Any]:
    path.write_text(text, encoding="utf-8")
    found = found_structure(import_file(path))
    return {k: _flat(found.get(k)) for k in (*_COMPARED, "labels")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    above=st.lists(st.sampled_from(_CHROME_ABOVE), min_size=1, max_size=5, unique=True),
    under=st.lists(st.sampled_from(_CHROME_UNDER_TITLE), max_size=3, unique=True),
    heading=st.booleans(),
)
def test_a_sites_chrome_pasted_with_the_text_changes_nothing_read(
    above: list[str], under: list[str], heading: bool, tmp_path: Path
) -> None:
    """The district text (no chrome of its own) with a site's lines pasted above it — menus,
    breadcrumb, metadata rows — and the page's heading and info lines under it, as a browser's
    select-all gives them: every field reads as from the text alone."""
    text = (EXTRA / f"{_QILIHE}.txt").read_text(encoding="utf-8")
    page_title = "兰州市七里河区人民政府关于印发《健康七里河行动实施方案》的通知"
    pasted = "\n".join([*above, *([page_title] if heading else []), *under, "", text])
    assert _fields(pasted, tmp_path / "page.txt") == _fields(text, tmp_path / "text.txt")


def test_a_plan_title_over_three_lines_of_a_pdf_copy(tmp_path: Path) -> None:
    """07's plan title as the lines of its PDF copied into a .txt break it (贯彻…、 / 实施…2017年 /
    行动计划): one title, not a title of its first line and a preamble of the rest."""
    stem = "07_shanxi_wjw_healthy_shanxi_action_plan_2017"
    lines = document_lines(stem)
    at = lines.index("实施《“健康山西2030”规划纲要》2017年行动计划")
    lines[at : at + 1] = ["实施《“健康山西2030”规划纲要》2017年", "行动计划"]
    path = tmp_path / "copied.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    wanted = expectation(EXTRA / f"{stem}.txt")
    found = found_structure(import_file(path))
    assert (found["plan_title"], found["labels"]) == (wanted["plan_title"], wanted["labels"])


# A 旗 government's page text (https://www.ewenke.gov.cn/OpennessContent/show/273144.html, as the
# search service stored it): a notice numbered in its own 正文, closed by 此通知 with no 署名, one
# 附件, the date alone, a bracketed 联系人 line and （此件公开发布） under it, the page's share line.
# Kept here, not in corpus_extra: the model has one 附注, so the 联系人 line goes on the 正文 and a
# render prints it above 一、 — the corpus test's render-back comparison would fail on the model.
EWENKE = """鄂温克族自治旗人民政府办公室
关于印发2022年《政府工作报告》
重点任务责任落实分工的通知
各苏木乡镇人民政府,旗政府各部门,驻鄂温克族自治旗有关单位:
经旗人民政府同意,现将《2022年<政府工作报告>重点任务责任落实分工》印发给你们,请结合实际,认真贯彻落实。
一、各地区、各部门要高度重视《政府工作报告》重点任务责任落实工作,主要领导要亲自抓、负总责,采取有力措施,确保各项任务不折不扣落到实处。从2022年3月起,务于\
每月25日前将本单位主要领导审阅同意后的《2022年<政府工作报告>重点任务落实推进情况表》(电子版)报旗政府督查室。
二、旗政府督查室要加强对重点工作的日常调度,建立重点任务落实台账,按照旗政府主要领导指示批示要求和政策调整需要,切实加强动态管理和跟踪督办,及时汇总重点任务落实\
情况后向旗政府主要领导报告。对重点任务推进落实缓慢、未达到序时进度或不按时报送的要加大通报力度,推动政府工作全面有效落实。
此通知
附件:2022年《政府工作报告》重点任务落实推进情况表
2022年2月21日
(联系人:白文俊、巴义日,联系电话:8812822,电子邮箱:ewkdc@163.com)
(此件公开发布)
用微信扫描二维码分享至好友和朋友圈
"""


def test_a_closing_formula_and_a_contact_line_are_no_signature(tmp_path: Path) -> None:
    path = tmp_path / "ewenke.txt"
    path.write_text(EWENKE, encoding="utf-8")
    result = import_file(path)
    notice = result.document.notice
    assert notice is not None
    assert notice.signatories == []  # not 此通知, nor the page's share line
    assert notice.note == "此件公开发布"
    assert notice.attachments == ["2022年《政府工作报告》重点任务落实推进情况表"]
    assert str(notice.date) == "2022-02-21"
    text = "".join(str(render(result.document, "txt")).split())
    assert "联系电话:8812822" in text  # the second bracketed line is kept, on the 正文
    assert "此通知附件" in text  # 特此通知 stays the last line of the numbered 正文
    assert "二维码" not in text
