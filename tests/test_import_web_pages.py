"""Import of web pages laid out as government sites and WeChat print them, beyond the corpus' five.

The pages are written here after the markup of real sites (a TRS 政府信息公开 page, a WeChat 公众号
article, download links to the attachments); what a reader of each page sees is stated by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SHARED

from generator.readers import import_file
from generator.render import render
from generator.view import format_doc_number

REAL = SHARED / "corpus" / "real"

TITLE = "某市卫生健康委员会关于印发《2024年全市卫生健康工作要点》的通知"
NOTICE = [
    "各区卫生健康局，委机关各处室，委直属各单位：",
    "现将《2024年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。",
    "附件：2024年全市卫生健康工作要点",
    "某市卫生健康委员会",
    "2024年2月20日",
    "（此件主动公开）",
]
PLAN = [
    "附件",
    "2024年全市卫生健康工作要点",
    "2024年是实现“十四五”规划目标任务的关键一年，全市卫生健康工作要坚持以人民健康为中心。",
    "一、深化医药卫生体制改革",
    "（一）推进分级诊疗制度建设。加快紧密型城市医疗集团建设，推动优质医疗资源扩容下沉。",
    "（二）深化公立医院改革。全面落实党委领导下的院长负责制，推进公立医院绩效考核。",
    "二、提升公共卫生服务能力",
    "（一）加强疾病预防控制体系建设。完善传染病监测预警机制，提升应急处置能力。",
    "（二）做好重点人群健康服务。开展老年人、儿童和孕产妇健康管理服务。",
]


def _page(path: Path, article: str, head: str = "", above: str = "") -> Path:
    path.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title>{head}
<script>var _hmt = _hmt || [];</script></head><body>
<div class="nav"><a href="/">首页</a> <a href="#">政务公开</a> <a href="#">通知公告</a></div>
{above}{article}
<div class="footer"><p>主办单位：某市卫生健康委员会　网站标识码：1101000012　京ICP备05060933号</p></div>
</body></html>""",
        encoding="utf-8",
    )
    return path


def _paragraphs(lines: list[str], wrap: str = '<p style="text-indent:2em">{}</p>') -> str:
    return "\n".join(wrap.format(line) for line in lines)


def test_a_wechat_article_of_sections_reads_whole(tmp_path: Path) -> None:
    # mp.weixin.qq.com: the text in div#js_content (hidden until a script shows it), each paragraph
    # in <section><section><p><span>, the title in h1#activity-name, the account's name above
    wrap = (
        '<section style="margin:0 8px;"><section><p style="text-indent:2em;">'
        "<span>{}</span></p></section></section>"
    )
    article = f"""<div id="js_article" class="rich_media"><div class="rich_media_inner">
<h1 class="rich_media_title" id="activity-name">{TITLE}</h1>
<div id="meta_content"><span class="rich_media_meta_text">某市卫健委</span><a id="js_name">健康某市</a>
<em id="publish_time">2024-02-26 18:00</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
{_paragraphs(NOTICE + PLAN, wrap)}</div>
<div class="rich_media_tool"><a id="js_view_source" href="##">阅读原文</a> 阅读 <span>3456</span></div>
</div></div>"""
    page = _page(tmp_path / "wechat.html", article, head=f'<meta property="og:title" content="{TITLE}">')
    document = import_file(page).document
    assert document.notice is not None
    assert document.notice.title == TITLE  # the article's heading, above the text
    assert document.notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    assert document.notice.signatories == ["某市卫生健康委员会"]
    assert document.notice.date == dt.date(2024, 2, 20)
    assert document.plan.title == "2024年全市卫生健康工作要点"
    assert [s.heading for s in document.plan.sections] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]
    assert [len(s.items) for s in document.plan.sections] == [2, 2]
    assert "阅读原文" not in "".join(str(render(document, "txt")).split())


def test_attachments_named_by_download_links_lose_the_file_suffix(tmp_path: Path) -> None:
    # a TRS page links the 附件说明's names to the files: 附件：1.<a>….docx</a> / 2.<a>….xlsx</a>
    notice = list(NOTICE)
    notice[2] = '附件：1.<a href="/attach/P020240226.docx">2024年全市卫生健康工作要点.docx</a>'
    notice.insert(3, '2.<a href="/attach/P020240227.xlsx">2024年重点任务分工表.xlsx</a>')
    page = _page(tmp_path / "links.html", f'<div class="TRS_Editor">{_paragraphs(notice + PLAN)}</div>')
    notice_read = import_file(page).document.notice
    assert notice_read is not None
    assert notice_read.attachments == ["2024年全市卫生健康工作要点", "2024年重点任务分工表"]


def test_download_links_ending_the_article_are_no_text(tmp_path: Path) -> None:
    links = [
        "附件下载：",
        '<a href="/attach/P020240226.docx">2024年全市卫生健康工作要点.docx</a>',
        '<a href="/attach/P020240227.pdf">附件2.pdf</a>',
    ]
    article = f'<div class="TRS_Editor">{_paragraphs(NOTICE + PLAN + links)}</div>'
    page = _page(tmp_path / "downloads.html", article)
    result = import_file(page)
    last = result.document.plan.sections[-1].items[-1]
    assert last.text == ["开展老年人、儿童和孕产妇健康管理服务。"]
    assert not result.document.appendices  # 附件2.pdf is no attachment's label
    removed = [d.message for d in result.defects if d.kind == "removed_web_chrome"]
    tail = ": the file it names is not part of the page"
    assert removed == [
        "removed the page's '附件下载：'",
        f"left out the download link '2024年全市卫生健康工作要点.docx'{tail}",
        f"left out the download link '附件2.pdf'{tail}",
    ]


def test_real_page_whose_attachments_are_downloads_ends_with_its_last_item() -> None:
    # real/02: the plan's last item （五） is followed by 附件： and six links (附件1.docx … .doc)
    result = import_file(REAL / "02_gz_tianhe_kindergarten_admission_plan_2026.html")
    last = result.document.plan.sections[-1].items[-1]
    assert last.text == [
        "幼儿园要建立信息管理制度，及时按要求在全国学前教育管理信息系统和地方教育行政部门建设的信息平台中"
        "填报和更新幼儿有关信息数据，并按卫生部门的要求建立新生健康档案。"
    ]
    assert not result.document.appendices
    removed = [d.message for d in result.defects if d.kind == "removed_web_chrome"]
    assert len(removed) == 7 and "附件5.docx" in removed[5]


def test_metadata_lines_named_as_other_sites_name_them(tmp_path: Path) -> None:
    # 【发布文号】 and 成文时间 are other sites' words for 发文字号 and 成文日期
    above = """<div class="xxgk"><p>【发布单位】某市卫生健康委员会</p><p>【发布文号】某卫发〔2024〕5号</p>
<p>成文时间：2024-02-20</p></div>"""
    notice = [line for line in NOTICE if line != "2024年2月20日"]
    article = f'<div id="zoom">{_paragraphs(notice[:4] + PLAN)}</div>'
    page = _page(tmp_path / "meta.html", article, above=above)
    notice_read = import_file(page).document.notice
    assert notice_read is not None
    assert notice_read.doc_number is not None
    assert format_doc_number(notice_read.doc_number) == "某卫发〔2024〕5号"
    assert notice_read.date == dt.date(2024, 2, 20)


def test_a_page_declaring_gb2312_whose_bytes_are_utf8_reads_as_utf8(tmp_path: Path) -> None:
    # saved again as UTF-8 by an editor or a site's migration, the old <meta> kept
    body = _paragraphs(NOTICE + PLAN)
    page = tmp_path / "resaved.html"
    page.write_bytes(
        f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}</title></head><body><div id="zoom">{body}</div></body></html>""".encode()
    )
    document = import_file(page).document
    assert document.notice is not None and document.notice.title == TITLE
    assert document.plan.title == "2024年全市卫生健康工作要点"
    # a real GB2312 page still reads as one
    page.write_bytes(page.read_bytes().decode().encode("gb2312"))
    assert import_file(page).document.plan.title == "2024年全市卫生健康工作要点"


def test_a_notice_in_a_block_of_its_own_beside_the_plan_is_read_with_it(tmp_path: Path) -> None:
    # the CMS sets the attachment's text in a <div> after the notice's: both are the article
    article = (
        f'<div class="wrap"><div class="notice">{_paragraphs(NOTICE)}</div>'
        f'<div class="attach-text">{_paragraphs(PLAN)}</div>'
        '<div class="pages">上一篇：关于做好2024年春节期间卫生应急工作的通知</div></div>'
    )
    document = import_file(_page(tmp_path / "split.html", article)).document
    assert document.notice is not None
    assert document.notice.recipients == ["各区卫生健康局", "委机关各处室", "委直属各单位"]
    assert document.notice.signatories == ["某市卫生健康委员会"]
    assert document.plan.title == "2024年全市卫生健康工作要点"
    assert [len(s.items) for s in document.plan.sections] == [2, 2]
    assert "上一篇" not in "".join(str(render(document, "txt")).split())


def test_a_second_copy_of_the_text_is_read_once(tmp_path: Path) -> None:
    # a responsive page: the same text for the desktop and (hidden by a style sheet) for phones
    text = _paragraphs(NOTICE + PLAN)
    article = (
        f'<div class="wrap"><div class="content pc">{text}</div><div class="content m">{text}</div></div>'
    )
    document = import_file(_page(tmp_path / "copies.html", article)).document
    assert [s.heading for s in document.plan.sections] == ["深化医药卫生体制改革", "提升公共卫生服务能力"]
    assert not document.appendices


def test_a_page_exported_by_libreoffice_has_no_page_footer_in_its_text(tmp_path: Path) -> None:
    # LibreOffice's "Save as HTML" of a Word file: the page footer (PAGE / NUMPAGES fields) once,
    # in <div title="footer">, after the text
    footer = (
        '<div title="footer"><p align="center"><sdfield type=PAGE subtype=RANDOM format=PAGE>2</sdfield>'
        " / <sdfield type=DOCSTAT subtype=PAGE format=PAGE>2</sdfield></p></div>"
    )
    page = tmp_path / "exported.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body lang="zh-CN">'
        f"<p align=center>{TITLE}</p>{_paragraphs(NOTICE + PLAN)}{footer}</body></html>",
        encoding="utf-8",
    )
    document = import_file(page).document
    assert document.plan.sections[-1].items[-1].text == ["开展老年人、儿童和孕产妇健康管理服务。"]


def test_a_text_without_its_date_still_ends_with_its_signatory_and_note(tmp_path: Path) -> None:
    # the 成文日期 is only in the page's metadata box; the text ends 署名, 附注
    above = (
        '<table class="xxgk"><tr><td>成文日期：</td><td>2024-02-20</td>'
        "<td>索引号：</td><td>x/2024-05</td></tr></table>"
    )
    notice = [line for line in NOTICE if line != "2024年2月20日"]
    article = f'<div id="zoom">{_paragraphs([TITLE, *notice, *PLAN])}</div>'
    read = import_file(_page(tmp_path / "undated.html", article, above=above)).document.notice
    assert read is not None
    assert read.body == ["现将《2024年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。"]
    assert read.signatories == ["某市卫生健康委员会"]
    assert read.note == "此件主动公开"
    assert read.date == dt.date(2024, 2, 20)


def _mhtml(path: Path, page: Path, charset: str, encoding: str, header: str) -> Path:
    """The page saved as one file, as a browser writes it: the MIME head, the page in its
    charset and transfer encoding, an image beside it."""
    import base64
    import quopri

    html = page.read_text(encoding="utf-8").replace('charset="utf-8"', f'charset="{charset}"').encode(charset)
    body = base64.encodebytes(html) if encoding == "base64" else quopri.encodestring(html)
    png = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    path.write_bytes(
        header.encode()
        + b'\r\n\r\n--BOUNDARY\r\nContent-Type: text/html; charset="'
        + charset.encode()
        + b'"\r\nContent-Transfer-Encoding: '
        + encoding.encode()
        + b"\r\nContent-Location: http://wjw.example.gov.cn/a.html\r\n\r\n"
        + body.replace(b"\n", b"\r\n")
        + b"\r\n--BOUNDARY\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        + b"Content-Location: http://wjw.example.gov.cn/logo.png\r\n\r\n"
        + png
        + b"\r\n--BOUNDARY--\r\n"
    )
    return path


def test_a_page_saved_as_one_file_reads_as_the_page(tmp_path: Path) -> None:
    page = _page(tmp_path / "page.html", f"<div class='zw'>{_paragraphs(NOTICE + PLAN)}</div>")
    expected = import_file(page).document
    assert expected.notice is not None and expected.notice.signatories == ["某市卫生健康委员会"]
    chrome = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://wjw.example.gov.cn/a.html\r\n"
        "Subject: =?utf-8?Q?page?=\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="BOUNDARY"'
    )
    explorer = (  # Internet Explorer's and Edge's 网页，单个文件 (.mht), the page in GB18030
        "From: <Saved by Windows Internet Explorer 11>\r\nSubject: page\r\n"
        "Date: Tue, 20 Feb 2024 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="BOUNDARY"'
    )
    for name, charset, encoding, header in (
        ("chrome.mhtml", "utf-8", "quoted-printable", chrome),
        ("explorer.mht", "gb18030", "base64", explorer),
    ):
        saved = _mhtml(tmp_path / name, page, charset, encoding, header)
        assert import_file(saved).document == expected, name
