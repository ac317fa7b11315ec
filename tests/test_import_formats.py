"""Import of .pdf (text layer), .html and Markdown with front matter, on the real corpus.

Every expectation here was read in the source files themselves (the PDF pages, the page's HTML):
the sentences that must survive, the chrome that must not, the metadata box's values.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import PLANS, SHARED
from test_roundtrip import printable
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import InputError
from generator.load import load_document
from generator.readers import import_file
from generator.readers.defects import DefectLog
from generator.readers.html import decode_html, html_lines
from generator.readers.pdf import NotPdf, pdf_lines
from generator.render import render
from generator.view import annex_labels

REAL = SHARED / "corpus" / "real"
PDF_16 = REAL / "16_huguan_police_gender_change_service_guide_2022.pdf"
PDF_17 = REAL / "17_yuncheng_police_household_disclosure_catalog_2020.pdf"
HTML = sorted(REAL.glob("*.html"))


def printed(path: Path) -> str:
    """The imported document as text (what a reader of the import sees), spaces dropped."""
    return "".join(str(render(import_file(path).document, "txt")).split())


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_paragraphs_are_rebuilt_from_the_wrapped_lines() -> None:
    text = printed(PDF_16)
    # the 文号 wrapped after 〔2015〕 on page 1 (next line "27 号）" at the left margin)
    assert "《山西省常住户口登记管理规定》（晋公通字〔2015〕27号）" in text
    # a paragraph broken by the page: "…（申请人属 16 周岁以下的" / page 2 "未成年人，可以不提供身份证）；"
    assert "申请人的户口簿和身份证（申请人属16周岁以下的未成年人，可以不提供身份证）；" in text
    # a line that ends one character short of the margin ("…提交相关的材" / "料。") still goes on
    assert "申请人向户籍地派出所提出申请，并提交相关的材料。" in text
    assert "因实施变性手术后，要求变更本人户籍登记性别项目的或登记有误的，可以申请性别变更、更正。" in text
    document = import_file(PDF_16).document
    assert document.plan.title == "性别变更更正办理服务指南"  # the 22 pt centred title on page 1
    assert [s.heading for s in document.plan.sections][:3] == ["适用范围", "事项审查类型", "办理依据"]
    assert len(document.plan.sections) == 18  # 一、 … 十八、


def test_pdf_page_numbers_are_removed_and_reported_with_their_page() -> None:
    result = import_file(PDF_16)
    chrome = [d for d in result.defects if d.kind == "removed_page_chrome"]
    # the bare "1" "2" "3" centred under each page's text, 9 pt
    assert [(d.page, d.message) for d in chrome] == [
        (1, "removed the page number '1'"),
        (2, "removed the page number '2'"),
        (3, "removed the page number '3'"),
    ]
    paragraphs = [p for s in result.document.plan.sections for p in s.text]
    assert not any(p.strip() in ("1", "2", "3") for p in paragraphs)
    # every defect of a PDF names the page and the line on it, in the report and on stderr
    assert all(d.page is not None and d.page_line is not None for d in result.defects)
    assert (
        chrome[0].format("x.pdf")
        == "x.pdf: page 1, line 24: warning: removed_page_chrome: removed the page number '1'"
    )
    assert chrome[0].as_json()["page"] == 1


def test_pdf_import_cli_writes_the_report_with_pages(tmp_path: Path) -> None:
    out, report = tmp_path / "plan.yaml", tmp_path / "report.json"
    done = CliRunner().invoke(app, ["import", str(PDF_16), "-o", str(out), "--report", str(report)])
    assert done.exit_code == 0, done.output
    entries = json.loads(report.read_text(encoding="utf-8"))
    assert {"line", "kind", "message", "page", "page_line"} <= set(entries[0])
    assert "page 2, line" in done.output


def test_pdf_table_document_keeps_its_table_across_pages() -> None:
    document = import_file(PDF_17).document
    assert document.plan.title == "户籍管理领域基层政务公开标准目录"
    (table,) = document.plan.sections[0].tables  # pages 2 and 3 continue the table of page 1
    assert len(table.rows) == 2 + 18  # two header rows, then items 1–18
    assert all(len(row) == 14 for row in table.rows)
    assert table.rows[0][:2] == ["序号", "公开事项"]  # "序/号" set character by character
    assert table.rows[1][1:3] == ["一级事项", "二级事项"]
    assert [row[0] for row in table.rows[2:]] == [str(n) for n in range(1, 19)]
    assert table.rows[2][2] == "出生登记"
    assert table.rows[-1][6] == "郓城县公安局"


def _image_pdf(path: Path) -> None:
    """A PDF of one page that is only a picture (as a scanner makes it)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 500, 140), fill="black")
    image.save(path, "PDF")


def test_a_scanned_pdf_is_refused_with_one_message(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan)
    with pytest.raises(InputError) as caught:
        import_file(scan)
    (problem,) = caught.value.problems
    assert "scanned PDF" in problem.message and "no text layer" in problem.message
    done = CliRunner().invoke(app, ["import", str(scan), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 2
    assert "Traceback" not in done.output and not (tmp_path / "p.yaml").exists()


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n")
    done = CliRunner().invoke(app, ["import", str(broken), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 2, done.output
    assert "PDF" in done.output


def refused_in_both_languages(source: Path, tmp_path: Path) -> dict[str, str]:
    """``workplan import`` of ``source`` as the installed program runs it, in English and in
    Chinese: each must refuse with one line (exit 2, no traceback, nothing written)."""
    import os
    import subprocess
    import sys

    out = tmp_path / "plan.yaml"
    said = {}
    for language in ("en", "zh"):
        env = {**os.environ, "WORKPLAN_LANG": language}
        command = [sys.executable, "-m", "generator.entry", "import", str(source), "-o", str(out)]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and not out.exists()
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        said[language] = done.stderr.strip()
    return said


def test_a_pdf_cut_short_is_refused_as_damaged_in_both_languages(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(PDF_16.read_bytes()[:30000])  # a download broken off
    said = refused_in_both_languages(cut, tmp_path)
    assert said["en"].startswith(f"{cut}:1:1: error: a damaged PDF: its structure cannot be read")
    assert "download the PDF again" in said["en"] and "PDFium" not in said["en"]
    assert "损坏的 PDF" in said["zh"] and "PDFium" not in said["zh"]


def test_pdf_page_limit() -> None:
    with pytest.raises(NotPdf, match="3 pages, more than the 2"):
        pdf_lines(PDF_16, DefectLog(), max_pages=2)


# --- HTML --------------------------------------------------------------------------------------

CHROME = [
    "浏览次数",
    "打印本页",
    "关闭窗口",
    "分享到",
    "索引号",
    "用户登录",
    "无障碍",
    "浏览量",
    "统一编号",
    "搜索",
]


@pytest.mark.parametrize("path", HTML, ids=lambda p: p.name[:24])
def test_html_imports_the_article_without_the_page_chrome(path: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 0, done.output
    text = printed(path)
    for word in CHROME:
        assert word not in text, word


# Sentences read in each page's article (one per page, from its 正文 or plan).
SENTENCES = {
    "01": ["实施过程中遇到有关情况，请向相关部门反映。", "市卫生健康委联系人：孙映吟，联系电话：81085234"],
    "02": ["小班的入园年龄为3周岁，幼儿园优先满足天河区户籍适龄幼儿的入园需求。"],
    "03": ["纳入社会医疗保险统筹基金支付费用范围的门诊特定病种分为一类门诊特定病种、二类门诊特定病种。"],
    "04": ["现将《2025年北京市耕地地力保护补贴实施方案》印发给你们，请认真组织实施。"],
    "05": ["已经市人民政府同意,现印发给你们,请认真贯彻执行。执行中遇到问题,请径向市民政局反映。"],
}


@pytest.mark.parametrize("path", HTML, ids=lambda p: p.name[:24])
def test_html_keeps_the_body_sentences(path: Path) -> None:
    text = printed(path)
    for sentence in SENTENCES[path.name[:2]]:
        assert sentence in text


def test_html_metadata_box_gives_notice_fields_and_stays_out_of_the_body() -> None:
    # 01: 发布机构：广州市卫生健康委员会 / 成文日期：2023-10-19 / 文号：穗卫函〔2023〕1930号
    notice = import_file(HTML[0]).document.notice
    assert notice.doc_number is not None and notice.doc_number.serial == 1930
    assert (notice.doc_number.prefix, notice.doc_number.year) == ("穗卫函", 2023)
    assert notice.date == dt.date(2023, 10, 19)
    assert not any("发布机构" in p or "成文日期" in p for p in notice.body)
    # 04: [成文日期] 2025-05-21 [发文字号] 京政农函〔2025〕9号
    notice = import_file(HTML[3]).document.notice
    assert notice.doc_number is not None and (notice.doc_number.prefix, notice.doc_number.serial) == (
        "京政农函",
        9,
    )
    assert notice.date == dt.date(2025, 5, 21)


def test_html_tables_become_tables() -> None:
    # 01 prints 附件2, the 任务分工表 (序号 / 工作事项 / 主要内容 / 牵头单位 / 配合单位 …), as an HTML table
    document = import_file(HTML[0]).document
    tables = [t for a in document.appendices for t in a.tables]
    assert any(t.rows and t.rows[0][:3] == ["序号", "工作事项", "主要内容"] for t in tables)


def test_html_attachments_captioned_in_their_tables_are_appendices() -> None:
    """01 sets each 附件 as a table whose first row, spanning it, holds the label (附件1, left)
    over the title (centred): read on the page, 附件1 广州市家庭医生签约服务质量监测指标体系
    （2023年版） with 一级指标 / 二级指标 / 评价标准 / 指标含义 / 数据来源 columns, and 附件2 关于推进…
    任务分工表 with 序号 / 工作事项 / 主要内容 / 牵头单位 / 配合单位 / 市卫健委内牵头处室 / 市卫健委内
    配合处室 — attachments after the plan, not tables of its last item."""
    document = import_file(HTML[0]).document
    assert annex_labels(document)[1:] == ["附件1", "附件2"]
    first, second = document.appendices
    assert first.title == "广州市家庭医生签约服务质量监测指标体系（2023年版）"
    assert first.tables[0].rows[0] == ["一级指标", "二级指标", "评价标准", "指标含义", "数据来源"]
    assert first.tables[0].rows[1][:2] == ["签约数量指标", "1.重点人群签约服务覆盖率"]
    assert second.title == "关于推进广州市家庭医生签约服务高质量发展工作的任务分工表"
    assert second.tables[0].rows[0] == [
        "序号",
        "工作事项",
        "主要内容",
        "牵头单位",
        "配合单位",
        "市卫健委内牵头处室",
        "市卫健委内配合处室",
    ]
    assert second.tables[0].rows[1][:2] == ["1", "有序扩大家庭医生来源。"]
    # the caption row is the attachment's label and title, not a row or a table title
    assert all(t.title is None for a in document.appendices for t in a.tables)
    last = document.plan.sections[-1].items[-1]
    assert last.heading == "加强宣传引导。" and not last.tables


def test_html_site_publisher_is_no_issuer() -> None:
    """The box's 发布机构 (01: 广州市卫生健康委员会) and 发文机构 (04: 北京市农业农村局) name who
    published the page; neither page prints a 发文机关标志. The 署名 are the text's own: 01 signs
    four bodies in two columns, 04 two bodies on two lines."""
    notice = import_file(HTML[0]).document.notice
    assert notice.issuers == []
    assert notice.signatories == [
        "广州市卫生健康委员会",
        "广州市财政局",
        "广州市人力资源和社会保障局",
        "广州市医疗保障局",
    ]
    notice = import_file(HTML[3]).document.notice
    assert notice.issuers == []
    assert notice.signatories == ["北京市农业农村局", "北京市财政局"]


def test_html_title_the_page_states() -> None:
    """04's article starts at its 文号; the title is the page's: its heading (``<h1><p>…</p></h1>``,
    which the parser empties), ``<meta name="ArticleTitle">`` and ``<title>`` before the
    site's names (_政策文件_首都之窗_北京市人民政府门户网站) all say 北京市农业农村局 北京市财政局关于
    印发《2025年北京市耕地地力保护补贴实施方案》的函."""
    notice = import_file(HTML[3]).document.notice
    assert notice.title == "北京市农业农村局 北京市财政局关于印发《2025年北京市耕地地力保护补贴实施方案》的函"


TITLED = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>云溪市卫生健康委员会关于印发《2024年工作要点》的函_通知公告_云溪市人民政府门户网站</title>
</head><body>{heading}<div class="article">
<p style="text-align:center">云卫函〔2024〕7号</p>
<p>各县（区）卫生健康局：</p>
<p>　　现将《2024年云溪市卫生健康工作要点》印发给你们，请结合实际，认真抓好落实。这是一段足够长的正文。</p>
<p style="text-align:right">云溪市卫生健康委员会</p><p style="text-align:right">2024年2月18日</p>
<p>2024年云溪市卫生健康工作要点</p>
<p>一、加强医疗服务</p><p>（一）提升服务质量。开展服务质量提升行动，二级以上医院全部建立质控体系。</p>
<p>二、推进体系建设</p><p>（一）完善分级诊疗。推进医联体建设，确保各项任务按期完成，落实到位。</p>
</div></body></html>"""


@pytest.mark.parametrize(
    "heading",
    ["", "<h1><p>云溪市卫生健康委员会关于印发《2024年工作要点》的函</p></h1>"],
    ids=["title-element", "heading-holding-a-paragraph"],
)
def test_html_title_from_a_heading_or_the_title_element(heading: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(TITLED.format(heading=heading), encoding="utf-8")
    notice = import_file(page).document.notice
    assert notice.title == "云溪市卫生健康委员会关于印发《2024年工作要点》的函"
    assert notice.issuers == []


PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>某局关于印发《2024年工作要点》的通知_某局</title>
<script>var x = "浏览次数";</script></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a></div>
<table class="meta"><tr><td>索引号：</td><td>001-2024</td>
<td>发布机构：</td><td>云溪市卫生健康委员会</td></tr>
<tr><td>成文日期：</td><td>2024-02-18</td><td>文号：</td><td>云卫发〔2024〕7号</td></tr></table>
<div class="article">
<p>发布时间：2024-02-19 浏览次数：123</p>
<p>字号：大 中 小</p>
<p>各县（区）卫生健康局，市直各医疗卫生单位：</p>
<p>　　现将《2024年云溪市卫生健康工作要点》印发给你们，请结合实际，认真抓好落实。这是一段足够长的正文。</p>
<p style="text-align:right">云溪市卫生健康委员会</p>
<p style="text-align:right">2024年2月18日</p>
<p>2024年云溪市卫生健康工作要点</p>
<p>一、加强医疗服务</p><p>（一）提升服务质量。开展服务质量提升行动，二级以上医院全部建立质控体系。</p>
<p>二、推进体系建设</p><p>（一）完善分级诊疗。推进医联体建设，确保各项任务按期完成，落实到位。</p>
<p>【打印本页】【关闭窗口】</p>
<p>分享到：微信 微博 QQ空间</p>
<div style="display:none">隐藏的正文副本，不应进入导入结果，这是一段很长的重复文字。</div>
</div>
<div class="footer">主办单位：云溪市人民政府办公室 版权所有</div>
</body></html>"""


def test_web_chrome_inside_the_article_is_removed_and_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.format(charset="gb2312").encode("gb2312"))
    result = import_file(page)
    chrome = [d.message for d in result.defects if d.kind == "removed_web_chrome"]
    assert len(chrome) == 4  # 发布时间/浏览次数, 字号, 打印本页/关闭窗口, 分享到
    text = "".join(str(render(result.document, "txt")).split())
    for word in [
        "浏览次数",
        "字号",
        "打印本页",
        "关闭窗口",
        "分享到",
        "首页",
        "主办单位",
        "隐藏的正文副本",
        "索引号",
    ]:
        assert word not in text, word
    notice = result.document.notice
    assert notice.doc_number is not None and str(notice.doc_number.serial) == "7"
    assert notice.date == dt.date(2024, 2, 18)
    assert [s.heading for s in result.document.plan.sections] == ["加强医疗服务", "推进体系建设"]


def test_html_encoding_from_meta_or_detection() -> None:
    text = "<html><head><meta charset='gbk'></head><body><p>卫生健康委员会</p></body></html>"
    assert "卫生健康委员会" in decode_html(text.encode("gbk"))
    undeclared = "<html><body><p>卫生健康委员会工作要点</p></body></html>"
    assert "卫生健康委员会工作要点" in decode_html(undeclared.encode("gb18030"))
    assert "卫生健康委员会工作要点" in decode_html(undeclared.encode("utf-8"))


def test_a_page_without_an_article_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><body><a href='/'>首页</a></body></html>", encoding="utf-8")
    done = CliRunner().invoke(app, ["import", str(empty), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 2, done.output
    with pytest.raises(ValueError):
        html_lines(empty.read_bytes(), DefectLog())


# --- Markdown front matter ---------------------------------------------------------------------

MD = """---
标题: 关于印发《2024年云溪市医政工作要点》的通知
文号: 云卫医〔2024〕12号
发布机构: 云溪市卫生健康委员会
成文日期: 2024-03-05
主送: [各县（区）卫生健康局, 市直各医疗卫生单位]
索引号: 001-2024-0012
---

# 2024年云溪市医政工作要点

2024年，全市医政工作以提升医疗服务质量为主线，推动卫生健康事业高质量发展。

## 一、加强医疗质量管理

（一）落实核心制度。开展核心制度落实情况专项督查，二级以上医院全部建立质控体系。
"""


def test_md_front_matter_maps_to_the_notice(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MD, encoding="utf-8")
    result = import_file(path)
    notice = result.document.notice
    assert notice.title is None  # the default 关于印发《…》的通知, written out
    assert notice.doc_number is not None and (notice.doc_number.prefix, notice.doc_number.serial) == (
        "云卫医",
        12,
    )
    assert notice.issuers == ["云溪市卫生健康委员会"]
    assert notice.date == dt.date(2024, 3, 5)
    assert notice.recipients == ["各县（区）卫生健康局", "市直各医疗卫生单位"]
    assert result.document.plan.title == "2024年云溪市医政工作要点"
    assert result.node_lines[(0,)] == 14  # "## 一、…": lines still count from the file's first line


def test_md_english_front_matter_keys(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MD.replace("标题:", "title:").replace("文号:", "doc_number:"), encoding="utf-8")
    notice = import_file(path).document.notice
    assert notice.doc_number is not None and notice.doc_number.serial == 12


def test_md_rule_at_the_top_is_no_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("---\n\n" + MD.split("---\n", 2)[2], encoding="utf-8")
    assert import_file(path).document.plan.title == "2024年云溪市医政工作要点"


# A page converted to Markdown (pandoc, a browser's "save as Markdown"): its spans and classes,
# links, an image, entities, pandoc's fences and heading attributes, a 分工表 as a pipe table, a
# table pipes cannot hold as HTML, a sentence wrapped at a space, smart quotes written straight
CONVERTED_MD = r"""::: {.article}
# [关于印发《2024年云溪市医政工作要点》的通知]{.title-line} {#notice-title .title}

<div class="recipients">各县（区）卫生健康局，市直各医疗卫生单位：</div>

现将《2024年云溪市医政工作要点》印发给你们，请认真贯彻执行。详见[网站](http://wjw.yx.gov.cn/a "网站")。

![](logo.png)
<span class="signature">云溪市卫生健康委员会</span>

2024年3月5日
:::

# 2024年云溪市医政工作要点

## [一、]{.label}加强医疗质量管理 {#s1 .section-heading}

[[（一）]{.label}落实核心制度。]{.run-in}开展"核心制度"落实情况专项督查，二级以上医院全部建立质控体系&nbsp;。

[[（二）]{.label}推进信息化。]{.run-in}推广使用 HIS 与 LIS
系统互联，完成省平台对接。

| 序号 | 重点任务 | 牵头单位 |
|:---:|---|---|
| 1 | 落实核心制度 | 医政科 |
| 2 | 推进信息化\|互联互通 | 信息科<br>医政科 |

<table><tr><th>指标</th><th>目标值</th></tr>
<tr><td>质控体系覆盖率</td><td>100%</td></tr></table>

## [二、]{.label}改善医疗服务

[[（一）]{.label}优化就诊流程。]{.run-in}推进分时段预约诊疗------全面推行“先诊疗后付费”。
"""


def test_a_page_converted_to_markdown_reads_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "converted.md"
    path.write_text(CONVERTED_MD, encoding="utf-8")
    document = import_file(path).document
    notice = document.notice
    assert notice is not None
    assert notice.recipients == ["各县（区）卫生健康局", "市直各医疗卫生单位"]
    assert notice.body == ["现将《2024年云溪市医政工作要点》印发给你们，请认真贯彻执行。详见网站。"]
    assert notice.signatories == ["云溪市卫生健康委员会"]
    assert notice.date == dt.date(2024, 3, 5)
    plan = document.plan
    assert plan.title == "2024年云溪市医政工作要点"
    assert [s.heading for s in plan.sections] == ["加强医疗质量管理", "改善医疗服务"]
    first, second = plan.sections[0].items
    assert first.heading == "落实核心制度。"
    assert first.text == ["开展“核心制度”落实情况专项督查，二级以上医院全部建立质控体系。"]
    assert second.heading == "推进信息化。"
    assert second.text == ["推广使用HIS与LIS系统互联，完成省平台对接。"]
    tables = [table.rows for node in plan.nodes() for table in node.tables]
    assert tables == [
        [
            ["序号", "重点任务", "牵头单位"],
            ["1", "落实核心制度", "医政科"],
            ["2", "推进信息化|互联互通", "信息科\n医政科"],
        ],
        [["指标", "目标值"], ["质控体系覆盖率", "100%"]],
    ]
    assert plan.sections[1].items[0].text == ["推进分时段预约诊疗——全面推行“先诊疗后付费”。"]
    text = str(render(document, "txt"))
    for markup in ("{.", ":::", "<", "](", "&nbsp;", "logo.png", "http"):
        assert markup not in text, markup


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_our_own_html_reads_back_to_the_plan(path: Path, tmp_path: Path) -> None:
    """The page `render -o x.html` writes: a notice <article> and its plan's <section>, one
    article of the same class. (examples/example.yaml's joint issuers stand in inline <span>s
    that only its CSS sets on lines of their own — they read as one line.)"""
    document = load_document(path)
    page = tmp_path / "plan.html"
    page.write_text(str(render(document, "html")), encoding="utf-8")
    assert printable(import_file(page).document) == printable(document)


def test_an_ofd_document_is_refused_as_what_it_is_in_both_languages(tmp_path: Path) -> None:
    # GB/T 33190's package: OFD.xml at the root, the document and its pages under Doc_0/
    import zipfile

    ofd = tmp_path / "通知.ofd"
    with zipfile.ZipFile(ofd, "w") as package:
        package.writestr(
            "OFD.xml",
            '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
            'Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>",
        )
        package.writestr("Doc_0/Document.xml", '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>')
        package.writestr(
            "Doc_0/Pages/Page_0/Content.xml", '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'
        )
    said = refused_in_both_languages(ofd, tmp_path)
    assert said["en"].startswith(f"{ofd}:1:1: error: an OFD document")
    assert "save it as PDF" in said["en"] and "word/document.xml" not in said["en"]
    assert "OFD" in said["zh"] and "PDF" in said["zh"] and "error" not in said["zh"]
