"""Import of PDFs made by other producers than WPS and this tool: a government web page printed
from Chromium (the site's chrome and metadata box, the browser's date/URL margins), and a Word
document exported by LibreOffice whose 分工表 runs over several pages.

The documents are built here — the page after the markup of a TRS 政府信息公开 page, the Word file
with python-docx — and printed by the real programs; what a reader of the printed pages sees is
stated by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_html_chromium import chromium, run_chromium  # noqa: F401 (the fixture)
from test_import_formats import refused_in_both_languages
from test_import_web_pages import NOTICE, PLAN
from typer.testing import CliRunner

from generator.cli import app
from generator.readers import import_file
from generator.readers.defects import DefectLog
from generator.readers.pdf import pdf_lines
from generator.render import render
from generator.view import format_doc_number

pytestmark = pytest.mark.slow

TITLE = "某市卫生健康委员会关于印发《2024年全市卫生健康工作要点》的通知"
TEXT = NOTICE + PLAN  # the notice and plan of the web-page tests, printed by other producers

# the chrome of a TRS page: menu, breadcrumb, the 政府信息公开 box, the date-and-source line, font
# size buttons, 责任编辑, share buttons, 相关链接 and the footer
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}_通知公告_某市卫生健康委员会</title>
<style>body {{ font-size: 14px; }} .zw p {{ text-indent: 2em; font-size: 16px; }}</style></head><body>
<div class="top">首页 | 无障碍 | 长者模式 | English</div>
<ul class="nav"><li>首页</li><li>机构概况</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>
<div class="bread">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<table class="xxgk" border="1">
<tr><td>索&nbsp;引&nbsp;号：</td><td>000014349/2024-00005</td><td>主题分类：</td><td>卫生、体育\\卫生</td></tr>
<tr><td>发文机关：</td><td>某市卫生健康委员会</td><td>成文日期：</td><td>2024年02月20日</td></tr>
<tr><td>标　　题：</td><td colspan="3">{TITLE}</td></tr>
<tr><td>发文字号：</td><td>某卫发〔2024〕5号</td><td>发布日期：</td><td>2024年02月26日</td></tr>
</table>
<h1 style="font-size: 22px">{TITLE}</h1>
<div class="info">2024-02-26 10:30　来源：某市卫生健康委员会</div>
<div class="tools">【字体：大 中 小】打印</div>
<div class="zw">{"".join(f"<p>{line}</p>" for line in TEXT)}</div>
<div class="editor">责任编辑：王某</div>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关链接</h3><p>国家卫生健康委员会关于做好2024年基本公共卫生服务工作的通知</p>
<p>省卫生健康委关于印发2024年全省卫生健康工作要点的通知</p></div>
<div class="footer"><p>主办单位：某市卫生健康委员会　承办：某市卫生健康委员会办公室</p>
<p>网站标识码：1101000012　京ICP备05060933号　京公网安备 11010502030000号</p>
<p>网站地图 | 联系我们</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def printed_page(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    folder = tmp_path_factory.mktemp("print")
    page = folder / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = folder / "page.pdf"
    # Chromium's print keeps its own margins: the date and the page's title on top, the page's
    # address and "1/2" at the foot
    run_chromium(chromium, folder / "profile", f"--print-to-pdf={out}", page.as_uri())
    return out


def test_a_printed_web_page_reads_as_its_document(printed_page: Path) -> None:
    result = import_file(printed_page)
    notice = result.document.notice
    assert notice is not None
    assert notice.title == TITLE
    assert notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    assert notice.body == ["现将《2024年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。"]
    assert notice.signatories == ["某市卫生健康委员会"]
    assert not notice.issuers  # 发文机关 of the box is who published the page
    # the 文号 is printed only in the box; the 成文日期 in both
    assert notice.doc_number is not None and format_doc_number(notice.doc_number) == "某卫发〔2024〕5号"
    assert notice.date == dt.date(2024, 2, 20)
    plan = result.document.plan
    assert plan.title == "2024年全市卫生健康工作要点"
    assert [s.heading for s in plan.sections] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]
    assert [len(s.items) for s in plan.sections] == [2, 2]
    assert plan.sections[-1].items[-1].text == ["开展老年人、儿童和孕产妇健康管理服务。"]
    text = "".join(str(render(result.document, "txt")).split())
    for chrome in ("首页", "当前位置", "索引号", "主题分类", "来源", "字体", "责任编辑", "分享到", "相关链接",
                   "ICP备", "网站地图", "file:", "通知公告_"):  # fmt: skip
        assert chrome not in text, chrome
    kinds = {d.kind for d in result.defects}
    assert {"removed_web_chrome", "removed_page_chrome"} <= kinds
    margins = [d for d in result.defects if "print margin" in d.message]
    assert margins and {d.page for d in margins} == {1, 2}  # on top and at the foot of each page


def test_a_printed_web_page_imports_without_pdfminer_noise(printed_page: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["import", str(printed_page), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 0, done.output
    assert "FontBBox" not in done.output  # pdfminer's font warnings are no message of the import
    assert "removed_web_chrome" in done.output


def test_one_printed_page_loses_the_browser_margins(chromium: str, tmp_path: Path) -> None:  # noqa: F811
    # a page of its own: no repetition shows the margins, their form does
    page = tmp_path / "short.html"
    body = "".join(f"<p>{line}</p>" for line in TEXT[:6] + TEXT[7:10] + TEXT[10:11])
    page.write_text(
        f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>{body}</body></html>"
    )
    out = tmp_path / "short.pdf"
    run_chromium(chromium, tmp_path / "profile", f"--print-to-pdf={out}", page.as_uri())
    read = pdf_lines(out, defects := DefectLog())
    assert read.lines[0].text == "各区卫生健康局，委机关各处室，委直属各单位："
    assert not any("file:" in line.text or TITLE in line.text for line in read.lines)
    assert len([d for d in defects.sorted() if "print margin" in d.message]) == 2


# --- a Word file exported by LibreOffice: a 分工表 over several pages ----------------------------


def _task_table_docx(path: Path) -> None:
    """A 分工表 of 40 rows whose header row repeats on every page (Word's 标题行重复), each row's
    task long enough to wrap, under a running header — a row is cut by each page break."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "某市卫生健康委员会"
    document.add_paragraph("附件2")
    document.add_paragraph("2024年重点任务分工表")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "完成时限"], strict=True):
        cell.text = text
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for n in range(1, 41):
        cells = table.add_row().cells
        cells[0].text, cells[2].text, cells[3].text = str(n), "医政医管处", "2024年12月底前"
        cells[1].text = f"第{n}项重点任务：推进医疗卫生服务体系建设，落实各项改革举措。"
        for paragraph in (c.paragraphs[0] for c in cells):
            for run in paragraph.runs:
                run.font.size = Pt(16)
    document.save(str(path))


@pytest.fixture(scope="module")
def task_table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("table")
    _task_table_docx(folder / "table.docx")
    (out,) = convert_to_pdf([folder / "table.docx"], folder)
    return out


def test_a_table_over_pages_is_one_table_with_its_rows_whole(task_table_pdf: Path) -> None:
    read = pdf_lines(task_table_pdf, DefectLog())
    tables = [line.table for line in read.lines if line.table is not None]
    assert len(tables) == 1  # continued on each page under the running header
    rows = tables[0].rows
    assert rows[0] == ["序号", "重点任务", "牵头单位", "完成时限"]  # once, not again on every page
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 41)]  # no half row
    assert all(
        row[1] == f"第{n}项重点任务：推进医疗卫生服务体系建设，落实各项改革举措。"
        for n, row in enumerate(rows[1:], 1)
    )
    assert all(row[2:] == ["医政医管处", "2024年12月底前"] for row in rows[1:])


def test_a_password_protected_pdf_is_refused_in_both_languages(tmp_path: Path) -> None:
    # LibreOffice's export with an open password (PDF 1.7, AES): PDFium cannot read it
    import subprocess

    from generator.soffice import find_soffice

    _task_table_docx(tmp_path / "secret.docx")
    export = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},' + (
        '"DocumentOpenPassword":{"type":"string","value":"x"}}'
    )
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [find_soffice(), profile, "--headless", "--convert-to", export, "--outdir", str(tmp_path)]
    subprocess.run([*command, str(tmp_path / "secret.docx")], capture_output=True, timeout=180, check=True)
    said = refused_in_both_languages(tmp_path / "secret.pdf", tmp_path)
    assert "a password-protected (encrypted) PDF" in said["en"] and "without the password" in said["en"]
    assert "加密（有密码保护）的 PDF" in said["zh"]


# --- a Word file set in small type with wide fixed line spacing ---------------------------------


@pytest.fixture(scope="module")
def wide_spacing_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clerk's Word file: 宋体 12 pt on an exact 28 pt line spacing (a gap of more than a line of
    its type between lines), paragraphs indented two characters."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("spacing")
    document = Document()
    for line in TEXT[9:]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(28)
        paragraph.paragraph_format.first_line_indent = Pt(24)
        run = paragraph.add_run(line * (1 if line.startswith(("一", "二")) else 2))
        run.font.size = Pt(12)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.save(str(folder / "spacing.docx"))
    (out,) = convert_to_pdf([folder / "spacing.docx"], folder)
    return out


def test_lines_far_apart_by_their_spacing_still_make_one_paragraph(wide_spacing_pdf: Path) -> None:
    read = pdf_lines(wide_spacing_pdf, DefectLog())
    texts = [line.text for line in read.lines]
    # each paragraph wraps over two or three lines; every line of it is 28 pt under the one above
    assert texts == [line * (1 if line.startswith(("一", "二")) else 2) for line in TEXT[9:]]


@pytest.fixture(scope="module")
def bordered_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The notice and plan in a Word file with a page border (页面边框) round the text."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("border")
    document = Document()
    for line in [TITLE, *TEXT]:
        document.add_paragraph(line)
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "text")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "auto")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    document.sections[0]._sectPr.find(qn("w:pgMar")).addnext(borders)
    document.save(str(folder / "border.docx"))
    (out,) = convert_to_pdf([folder / "border.docx"], folder)
    return out


def test_a_page_border_is_no_table(bordered_pdf: Path) -> None:
    result = import_file(bordered_pdf)
    notice = result.document.notice
    assert notice is not None and notice.title == TITLE
    assert notice.signatories == ["某市卫生健康委员会"]
    assert [s.heading for s in result.document.plan.sections] == [
        "深化医药卫生体制改革",
        "提升公共卫生服务能力",
    ]
    assert not any(line.table for line in pdf_lines(bordered_pdf, DefectLog()).lines)


# --- the corpus' own pages, printed ------------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


@pytest.fixture(scope="module")
def printed_real(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # noqa: F811
    """real/02 and real/05 printed from Chromium as saved (without the sites' style sheets, so
    every menu, search box and link list prints as lines of text)."""
    folder = tmp_path_factory.mktemp("real")
    out = {}
    for number in ("02", "05"):
        (page,) = REAL.glob(f"{number}_*.html")
        out[number] = folder / f"{number}.pdf"
        run_chromium(chromium, folder / f"profile{number}", f"--print-to-pdf={out[number]}", page.as_uri())
    return out


def test_a_district_page_printed_reads_as_the_page_does(printed_real: dict[str, Path]) -> None:
    result = import_file(printed_real["02"])
    notice = result.document.notice
    assert notice is not None
    assert notice.title == "广州市天河区教育局关于印发《2026年广州市天河区幼儿园招生工作方案》的通知"
    assert notice.recipients == ["各幼儿园"]
    assert notice.body == [
        "《2026年广州市天河区幼儿园招生工作方案》已经广州市天河区教育局局长办公会议审议通过，现印发给你们，请遵照执行。"
    ]
    assert notice.signatories == ["广州市天河区教育局"]
    assert notice.date == dt.date(2026, 4, 20)
    assert result.document.plan.title == "2026年广州市天河区幼儿园招生工作方案"
    assert [s.heading for s in result.document.plan.sections] == [
        "招生原则", "招生对象", "招生方式", "招生工作安排", "招生工作要求"
    ]  # fmt: skip
    text = "".join(str(render(result.document, "txt")).split())
    for chrome in ("无障碍", "搜索热词", "当前所在的位置", "发表时间", "A大", "网站地图", "ICP备", "扫一扫"):
        assert chrome not in text, chrome


def test_a_city_page_printed_keeps_its_notice_under_the_page_heading(printed_real: dict[str, Path]) -> None:
    # real/05 prints the page's heading, its font buttons and the 文号, then the text's own title
    result = import_file(printed_real["05"])
    notice = result.document.notice
    assert notice is not None
    assert notice.title == "广州市人民政府办公厅关于印发广州市临时救助实施细则的通知"
    assert notice.doc_number is not None and format_doc_number(notice.doc_number) == "穗府办规〔2021〕19号"
    assert notice.recipients == ["各区人民政府", "市政府各部门、各直属机构"]
    assert notice.signatories == ["广州市人民政府办公厅"]
    assert notice.date == dt.date(2021, 12, 1)
    assert result.document.plan.title == "广州市临时救助实施细则"
    text = "".join(str(render(result.document, "txt")).split())
    for chrome in ("字体加大", "浏览次数", "政策解读", "统一编号", "新闻办"):
        assert chrome not in text, chrome


def test_our_own_page_printed_from_the_browser_keeps_its_red_header(
    chromium: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    # the page `render -o x.html` writes, printed: its 版头 (a joint 发文机关标志 over two lines,
    # 文件 beside them, the 文号) stands above the title, where a site's menus would
    from conftest import EXAMPLES

    from generator.load import load_document

    plan = load_document(EXAMPLES / "example.yaml")
    page = tmp_path / "example.html"
    page.write_text(str(render(plan, "html")), encoding="utf-8")
    out = tmp_path / "example.pdf"
    run_chromium(chromium, tmp_path / "profile", f"--print-to-pdf={out}", page.as_uri())
    result = import_file(out)
    notice, expected = result.document.notice, plan.notice
    assert notice is not None and expected is not None
    assert notice.issuers == expected.issuers == ["云溪市卫生健康委员会", "云溪市医疗保障局"]
    assert notice.title == expected.title  # the default, wrapped by the page's width: no breaks of its own
    assert notice.doc_number == expected.doc_number
    assert notice.recipients == expected.recipients
    assert notice.date == expected.date
    assert notice.cc == expected.cc and notice.printer == expected.printer
    assert [s.heading for s in result.document.plan.sections] == [s.heading for s in plan.plan.sections]
    assert not [d for d in result.defects if d.kind == "removed_web_chrome"]


# --- a page in two columns, as a 政府公报 prints documents ----------------------------------------


@pytest.fixture(scope="module")
def two_column_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The notice and plan set in two columns of 五号 宋体, left-aligned (ragged right), the
    page number centred under both columns."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("columns")
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "425")
    section._sectPr.append(columns)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.text = "— 1 —"
    for line in [TITLE, *TEXT, *TEXT[9:]]:  # long enough to fill the first column
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if line in (TITLE, TEXT[7]):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line in (TEXT[3], TEXT[4]):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            paragraph.paragraph_format.first_line_indent = Pt(21)
        run = paragraph.add_run(line if len(line) < 30 else line * 2)
        run.font.size = Pt(14 if line in (TITLE, TEXT[7]) else 10.5)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.save(str(folder / "columns.docx"))
    (out,) = convert_to_pdf([folder / "columns.docx"], folder)
    return out


def test_two_columns_are_read_one_after_the_other(two_column_pdf: Path) -> None:
    read = pdf_lines(two_column_pdf, DefectLog())
    texts = [line.text for line in read.lines]
    doubled = [line if len(line) < 30 else line * 2 for line in TEXT[8:]]
    # every paragraph whole, in order, though its lines stand beside another column's
    start = texts.index(doubled[0])
    assert texts[start : start + len(doubled)] == doubled
    assert not any(text.strip("— 1") == "" for text in texts)  # the page number is no line
    result = import_file(two_column_pdf)
    assert result.document.notice is not None
    assert result.document.notice.signatories == ["某市卫生健康委员会"]
    sections = [s.heading for s in result.document.plan.sections]
    assert sections[:2] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]


@pytest.fixture(scope="module")
def broken_heading_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Headings in 黑体 over a 仿宋 text, one broken by the author with a line break (Shift+Enter)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("heading")
    document = Document()
    for line in TEXT[9:]:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        heading = line.startswith(("一、", "二、"))
        parts = ["二、提升公共卫生", "服务能力"] if line.startswith("二、") else [line]
        for k, part in enumerate(parts):
            run = paragraph.add_run(part)
            if k < len(parts) - 1:
                run.add_break()
            run.font.size = Pt(16)
            run._element.get_or_add_rPr().get_or_add_rFonts().set(
                qn("w:eastAsia"), "黑体" if heading else "仿宋"
            )
    document.save(str(folder / "heading.docx"))
    (out,) = convert_to_pdf([folder / "heading.docx"], folder)
    return out


def test_a_heading_broken_by_hand_is_one_heading(broken_heading_pdf: Path) -> None:
    texts = [line.text for line in pdf_lines(broken_heading_pdf, DefectLog()).lines]
    assert texts == TEXT[9:]


def test_a_wechat_article_printed_loses_its_byline_and_foot(chromium: str, tmp_path: Path) -> None:  # noqa: F811
    # the account and time under the title, 阅读原文 / 阅读 3456 and the QR code's words under the text
    text = "".join(f'<section><p style="text-indent:2em"><span>{line}</span></p></section>' for line in TEXT)
    page = tmp_path / "wechat.html"
    page.write_text(
        f"""<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>
<div id="js_article"><h1 id="activity-name">{TITLE}</h1>
<div id="meta_content"><span>某市卫健委</span> <a id="js_name">健康某市</a> <em>2024-02-26 18:00</em></div>
<div id="js_content">{text}</div>
<div class="tool"><a>阅读原文</a></div><div>阅读 3456</div></div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div></body></html>""",
        encoding="utf-8",
    )
    out = tmp_path / "wechat.pdf"
    run_chromium(chromium, tmp_path / "profile", f"--print-to-pdf={out}", page.as_uri())
    result = import_file(out)
    assert result.document.notice is not None
    assert result.document.notice.title == TITLE
    assert result.document.notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    printed = "".join(str(render(result.document, "txt")).split())
    for chrome in ("健康某市", "18:00", "阅读原文", "3456", "扫一扫", "公众号"):
        assert chrome not in printed, chrome


@pytest.fixture(scope="module")
def merged_table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 分工表 whose 类别 and 牵头单位 cells are merged over two rows each, over several pages:
    where a page ends on a merged cell's first row, the next page starts with those cells empty."""
    from docx import Document
    from docx.shared import Pt

    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("merged")
    document = Document()
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["类别", "序号", "重点任务", "牵头单位"], strict=True):
        cell.text = text
    for n in range(1, 81):
        cells = table.add_row().cells
        cells[1].text, cells[2].text, cells[3].text = str(n), f"第{n}项任务", "医政医管处"
        for cell in cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(16)
    for first in range(1, 81, 2):  # a category's two tasks have one 牵头单位 too
        top = table.cell(first, 0).merge(table.cell(first + 1, 0))
        top.text = f"第{(first + 1) // 2}类"
        lead = table.cell(first, 3).merge(table.cell(first + 1, 3))
        lead.text = "医政医管处"
    document.save(str(folder / "merged.docx"))
    (out,) = convert_to_pdf([folder / "merged.docx"], folder)
    return out


def test_rows_under_a_merged_cell_on_the_next_page_stay_rows(merged_table_pdf: Path) -> None:
    tables = [line.table for line in pdf_lines(merged_table_pdf, DefectLog()).lines if line.table]
    assert len(tables) == 1
    rows = tables[0].rows
    assert [row[1] for row in rows[1:]] == [str(n) for n in range(1, 81)]
    assert [row[2] for row in rows[1:]] == [f"第{n}项任务" for n in range(1, 81)]


# --- a page printed with its sidebar or its menu down the left ---------------------------------

SIDEBAR = ["相关链接", *(f"国家卫生健康委员会政策文件第{i}号" for i in range(1, 6))] + [
    "热点专题", "健康中国行动", "医改进行时", "基层卫生服务", "家庭医生签约", "慢病管理", "办事指南",
    "医师执业注册", "护士执业注册", "医疗机构校验",
] * 8  # fmt: skip


@pytest.fixture(scope="module", params=["right", "left"])
def sidebar_pdf(
    request: pytest.FixtureRequest,
    chromium: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    side = request.param
    folder = tmp_path_factory.mktemp(f"sidebar-{side}")
    # the site's layout: the article 680 px wide in large type over two pages, the column 220 px
    # wide in small type beside it, long enough to run onto the second page too
    column = f'<div class="side">{"<br>".join(SIDEBAR)}</div>'
    article = f'<div class="main"><h1>{TITLE}</h1>{"".join(f"<p>{line}</p>" for line in TEXT)}</div>'
    border = "left" if side == "right" else "right"
    page = folder / "page.html"
    page.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title><style>
body {{ margin: 0 }} .wrap {{ display: flex; width: 1000px }}
.main {{ width: 680px; padding: 0 24px; font-size: 30px; line-height: 2.4 }}
.main p {{ text-indent: 2em; margin: 0 }}
h1 {{ font-size: 24px; text-align: center }}
.side {{ width: 220px; padding: 0 16px; font-size: 14px; line-height: 1.7; border-{border}: 1px solid #ccc }}
</style></head><body><div class="top">首页 | 政务公开 | 通知公告</div>
<div class="wrap">{article + column if side == "right" else column + article}</div>
<div class="footer">主办单位：某市卫生健康委员会　京ICP备05060933号</div></body></html>""",
        encoding="utf-8",
    )
    out = folder / "page.pdf"
    run_chromium(chromium, folder / "profile", f"--print-to-pdf={out}", page.as_uri())
    return out


def test_a_side_column_printed_beside_the_article_is_no_text(sidebar_pdf: Path) -> None:
    result = import_file(sidebar_pdf)
    notice = result.document.notice
    assert notice is not None
    assert notice.title == TITLE
    assert notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    assert notice.body == ["现将《2024年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。"]
    assert notice.signatories == ["某市卫生健康委员会"]
    assert notice.date == dt.date(2024, 2, 20)
    plan = result.document.plan
    assert plan.title == "2024年全市卫生健康工作要点"
    assert plan.preamble == [
        "2024年是实现“十四五”规划目标任务的关键一年，全市卫生健康工作要坚持以人民健康为中心。"
    ]
    assert [s.heading for s in plan.sections] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]
    assert [[i.heading for i in s.items] for s in plan.sections] == [
        ["推进分级诊疗制度建设。", "深化公立医院改革。"],
        ["加强疾病预防控制体系建设。", "做好重点人群健康服务。"],
    ]
    # a paragraph level with the column, and one running over the page, each whole
    assert plan.sections[0].items[0].text == ["加快紧密型城市医疗集团建设，推动优质医疗资源扩容下沉。"]
    assert plan.sections[0].items[1].text == ["全面落实党委领导下的院长负责制，推进公立医院绩效考核。"]
    assert plan.sections[1].items[1].text == ["开展老年人、儿童和孕产妇健康管理服务。"]
    text = "".join(str(render(result.document, "txt")).split())
    for entry in ("相关链接", "政策文件", "热点专题", "医改进行时", "办事指南", "医疗机构校验"):
        assert entry not in text, entry
    assert any("side column" in d.message and d.page == 2 for d in result.defects)


def test_a_column_entry_on_an_article_line_is_cut_from_it(chromium: str, tmp_path: Path) -> None:  # noqa: F811
    # one page, the column's lines in a pitch that puts some on the article's baselines
    lines = "".join(f"<p>{line}</p>" for line in TEXT)
    page = tmp_path / "page.html"
    page.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title><style>
.wrap {{ display: flex; width: 1000px }} .main {{ width: 700px; font-size: 16px; line-height: 1.8 }}
.main p {{ text-indent: 2em; margin: 0 }}
.side {{ width: 240px; padding-left: 20px; font-size: 16px; line-height: 1.8 }}
</style></head><body><div class="wrap"><div class="main"><h1>{TITLE}</h1>{lines}</div>
<div class="side">{"<br>".join(SIDEBAR[:20])}</div></div></body></html>""",
        encoding="utf-8",
    )
    out = tmp_path / "page.pdf"
    run_chromium(chromium, tmp_path / "profile", f"--print-to-pdf={out}", page.as_uri())
    document = import_file(out).document
    assert document.notice is not None and document.notice.title == TITLE
    assert document.notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    assert document.notice.signatories == ["某市卫生健康委员会"]
    assert [s.heading for s in document.plan.sections] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]
    assert document.plan.sections[1].items[0].text == ["完善传染病监测预警机制，提升应急处置能力。"]
    assert "热点专题" not in "".join(str(render(document, "txt")).split())


def test_white_paragraph_backgrounds_are_no_table(tmp_path: Path) -> None:
    # real/12 (a .doc) exported to PDF by LibreOffice: a white rectangle behind each paragraph of
    # its pages (the .doc's 底纹), which pdfplumber's finder took for one page-high table
    from conftest import SHARED

    from generator.soffice import convert_to_pdf

    source = SHARED / "corpus" / "real" / "12_hainan_agri_machinery_subsidy_plan_2024.doc"
    (out,) = convert_to_pdf([source], tmp_path)
    document = import_file(out).document
    assert not [t for node in document.plan.nodes() for t in node.tables]
    text = "".join(str(render(document, "txt")).split())
    # what the printed pages say, read off them: the title, the first heading and a sentence
    assert "关于印发2024-2026年海南省农机购置与应用补贴实施方案的通知" in text
    assert "一、总体要求" in text
    assert "以保障粮食和重要农产品稳定安全供给为着力点" in text
    # the notice closes with its two 署名 side by side and the date; the plan, whose title is
    # printed over two lines and cited in the 正文 in 《》, starts under them
    assert document.notice is not None
    assert document.notice.signatories == ["海南省农业农村厅", "海南省财政厅"]
    assert document.notice.date == dt.date(2024, 7, 1)
    assert document.plan.title.replace("\n", "") == "2024—2026年海南省农机购置与应用补贴实施方案"
    assert [s.heading for s in document.plan.sections[:2]] == ["总体要求", "实施重点"]
