"""A web page saved from a government site (.html) → lines of its article, with its metadata.

Such a page is mostly chrome: menus, search boxes, a metadata box (索引号 / 发布机构 / 成文日期 /
文号), share buttons, a footer, scripts — and, on some sites, a hidden copy of the text for a
"print" or "export" button. The article is the element where the page's sentences gather: every
run of text of ten characters or more counts for the block that holds it, hidden elements
(``display:none``) and scripts left out; nav items and buttons are too short to count. Inside the
article, chrome lines (发布时间, 浏览次数, 字号 大 中 小, 打印本页, 关闭窗口, 分享到 …) are removed and
reported (``removed_web_chrome``), and so are the download links that end the article (附件：
附件1.docx …: the files are not in the page). The metadata box, wherever it stands, gives notice fields
(``metadata.py``) and never enters the body. Tables become :class:`~generator.model.Table`.

Line numbers are the lines of the .html file where each block starts, so a defect points into
the file a person has.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from ..model import Table
from .defects import DefectLog
from .lines import Line, clean_text, remove_garbage
from .metadata import notice_key

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)

_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th tbody thead tfoot section article "
    "header footer blockquote pre center form address hr caption figure figcaption main aside".split()
)
_DROP = frozenset(
    "script style noscript template iframe object embed svg canvas button select input textarea nav".split()
)
_INLINE_CLIMB = frozenset("span font strong b em i u p h1 h2 h3 h4 h5 h6 a sup sub small big label".split())
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)  # not visibility: pages hide <body> until a script runs

# Chrome lines of government pages (whole lines; the body never says these on their own).
_CHROME = re.compile(
    r"^(?:【?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?|纠错|我要纠错|字号|字体)\s*】?[：:]?\s*)+"
    r"(?:[大中小]\s*)*(?:(?:微信|微博|新浪微博|腾讯微博|QQ空间|QQ|朋友圈|豆瓣)\s*)*"
    r"(?:【?\s*(?:打印本页|打印|关闭窗口|关闭|分享到?)\s*】?\s*)*$"
    r"|^(?:发布时间|发表时间|发布日期|更新时间|时间|来源|信息来源|作者|浏览次数|浏览量|阅读次数|访问量|点击数|点击量|字号"
    r"|发布|发布人|发布者|添加时间|录入时间)"
    r"\s*[：:].{0,60}$"
    r"|^(?:扫一扫|在手机上查看|分享至|相关链接|相关文件|相关解读|上一篇|下一篇)[：:]?.{0,40}$"
    # 2024-02-26 10:30 来源：… (the date and source under an article's heading); 【字体：大 中 小】 打印
    r"|^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"(?:来源|信息来源|作者|浏览次数|发布机构)\s*[：:].{0,60}$"
    r"|^【?\s*(?:字号|字体)\s*[：:]\s*(?:[大中小]\s*)+】?\s*(?:【?\s*(?:打印本页|打印|关闭窗口|关闭)\s*】?\s*)*$"
    r"|^(?:责任编辑|编辑)\s*[：:]\s*\S{1,12}$"
    r"|^(?:A\s*[+＋-]?\s*[大中小]\s*)+$|^[+＋\s]+$"  # font size buttons: A+大 A+中 A+小
    r"|^(?:字体|字号)\s*[：:]\s*[\[【(（]?[大中小\s]*[\]】)）]?$"  # 字体：[ ] (its buttons drawn as images)
    r"|^(?:视力保护色|护眼模式|背景色|阅读模式|语音播报|语音朗读|朗读)\s*[：:]?.{0,20}$"
    r"|^字体(?:加大|适中|减小|放大|缩小|默认)$|^(?:浏览次数|浏览量|阅读次数|访问量|点击数|点击量)$"
    # a WeChat article's byline (account, time) and foot (阅读原文, 阅读 3456, 微信扫一扫 关注该公众号)
    r"|^[^：:]{0,30}?\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}$|^阅读原文$|^阅读\s*\d+[万+]?$"
    r"|^(?:微信)?扫一扫.{0,20}$|^(?:用)?(?:微信|手机)?扫描二维码.{0,20}$|^关注该公众号$|^(?:在看|点赞|分享|收藏)(?:\s*\d*\s*(?:在看|点赞|分享|收藏))*$"
)
_META_LINE = re.compile(
    r"^(?:[\[【]\s*(?P<bkey>[\u4e00-\u9fff ]{2,8})\s*[\]】]\s*[：:]?"  # [成文日期] 2025-05-21
    r"|(?P<key>[\u4e00-\u9fff ]{2,8})\s*[：:])\s*(?P<value>.*)$"  # 发布机构：广州市卫生健康委员会
)
_NEXT_KEY = re.compile(r"\s*(?:[\[【]\s*[\u4e00-\u9fff ]{2,8}\s*[\]】]|[\u4e00-\u9fff]{2,6}\s*[：:]).*$")
_TITLE_END = re.compile(r"(通知|通报|意见|决定|批复|函|方案|要点|办法|细则|规定|计划)$")
_SITE_SUFFIX = re.compile(r"\s*[-_|—–]\s*[^-_|—–]*$")


class NotHtml(ValueError):
    """The bytes cannot be read as a web page with an article; the message says why."""


@dataclass
class HtmlText:
    """The article's lines and the notice fields of the page's metadata box."""

    lines: list[Line]
    metadata: dict[str, str] = field(default_factory=dict)


def is_html(head: bytes, path: Path) -> bool:
    """A web page: it opens as one (after a BOM, blanks and comments such as a browser's
    ``<!-- saved from url=… -->``), or an .html/.htm file whose first bytes are a tag."""
    if _HTML_START.match(head):
        return True
    return path.suffix.lower() in (".html", ".htm", ".xhtml") and head.lstrip().startswith(b"<")


def decode_html(raw: bytes) -> str:
    """The page's text: the BOM, else the ``<meta charset>``, else UTF-8, else GB18030 (which
    reads GB2312 and GBK, the encodings older government sites declare or just use); a page
    declaring GB2312/GBK whose bytes are UTF-8 is read as UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    declared = _CHARSET.search(raw[:8192])
    codec = declared.group(1).decode("ascii").lower() if declared else ""
    if codec in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936"):
        try:
            # a page saved again as UTF-8 that kept its old <meta charset=gb2312> (an editor's
            # re-save, a converted site): bytes with Chinese in them are valid UTF-8 only if they
            # are UTF-8, never by chance of GBK
            text = raw.decode("utf-8")
            if not text.isascii():
                return text
        except UnicodeDecodeError:
            pass
        return raw.decode("gb18030", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if codec and codec not in ("utf-8", "utf8"):
            try:
                return raw.decode(codec, errors="replace")
            except LookupError:
                pass
        return raw.decode("gb18030", errors="replace")


def html_lines(raw: bytes, defects: DefectLog) -> HtmlText:
    """The article of the page as lines (tables in place), and its metadata."""
    import lxml.html
    from lxml import etree

    text = decode_html(raw)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str that declares its encoding
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise NotHtml(_("not a readable web page ({reason})").format(reason=exc)) from None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        hidden = _HIDDEN.search(element.get("style", "")) or element.get("hidden") is not None
        # LibreOffice's HTML export sets the page header and footer (a page number "1 / 2") in
        # <div title="header|footer">, once for the whole document
        hidden = hidden or (element.tag == "div" and element.get("title") in ("header", "footer"))
        if (
            (element.tag in _DROP or hidden)
            and element.tag not in ("html", "body")
            and element.getparent() is not None
        ):
            element.drop_tree()
    article = _article(root)
    if not article:
        raise NotHtml(_("a web page without an article (no paragraph of text in it)"))
    metadata = _metadata(root, article)
    lines: list[Line] = []
    for block in article:
        _walk(block, lines)
    downloads = _download_links(article)
    lines = _drop_trailing_downloads(lines, downloads, defects)
    out: list[Line] = []
    for line in lines:
        if line.table is None and downloads:
            line = Line(line.no, _without_file_suffixes(line.text, downloads), table=line.table)
        if line.table is None and is_chrome_line(line.text):
            defects.add(
                line.no, "removed_web_chrome", _("removed the page's {text!r}").format(text=line.text)
            )
            continue
        out.append(Line(line.no, clean_text(remove_garbage(line.text, line.no, defects)), table=line.table))
    return HtmlText(out, metadata)


def is_chrome_line(text: str) -> bool:
    """A line of a page's chrome (打印本页, 浏览次数：…, 分享到 …), as a web page or its print has it."""
    return bool(_CHROME.match(text.replace(" ", "") if len(text) < 12 else text))


# --- the article -------------------------------------------------------------------------------


_FILE_SUFFIX = re.compile(r"\.(?:docx?|xlsx?|et|wps|pdf|ofd|zip|rar|7z|txt)$", re.I)
_DOWNLOADS_HEAD = re.compile(r"^(?:相关)?附件(?:下载)?\s*[：:]?$")


def _download_links(article: list[Any]) -> set[str]:
    """The texts of the article's links to files (附件1.docx): a download, whose text is the
    file's name, not words of the document."""
    found = set()
    for block in article:
        for link in block.iter("a"):
            text = " ".join(link.text_content().split())
            href = link.get("href", "").split("?")[0].split("#")[0]
            if text and (_FILE_SUFFIX.search(text) or _FILE_SUFFIX.search(href)):
                found.add(text)
    return found


def _drop_trailing_downloads(lines: list[Line], downloads: set[str], defects: DefectLog) -> list[Line]:
    """The article without the list of download links that ends it (附件： / 附件1.docx …, real/02):
    the files are not in the page, and their names are no text of the plan's last item."""
    end = len(lines)
    while end and lines[end - 1].table is None and _squeezed(lines[end - 1].text) in downloads:
        end -= 1
    if end == len(lines):
        return lines
    links = end
    if end and lines[end - 1].table is None and _DOWNLOADS_HEAD.match(_squeezed(lines[end - 1].text)):
        end -= 1
        text = _squeezed(lines[end].text)
        defects.add(lines[end].no, "removed_web_chrome", _("removed the page's {text!r}").format(text=text))
    for line in lines[links:]:
        message = _("left out the download link {text!r}: the file it names is not part of the page")
        defects.add(line.no, "removed_web_chrome", message.format(text=_squeezed(line.text)))
    return lines[:end]


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _without_file_suffixes(text: str, downloads: set[str]) -> str:
    """A line naming attachments by their download links (附件：1.《…》.docx): the names, without
    the files' suffixes."""
    for link in downloads:
        if link in text:
            text = text.replace(link, _FILE_SUFFIX.sub("", link))
    return text


def _length(text: str | None) -> int:
    return len("".join((text or "").split()))


def _article(root: Any) -> list[Any]:
    """The block holding most of the page's sentences (runs of ≥ 10 characters), with the
    sibling blocks that continue it."""
    score: Counter[Any] = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        own = _length(element.text) + sum(_length(child.tail) for child in element)
        if own < 10:
            continue
        holder = element.getparent() if element.tag in _INLINE_CLIMB else element
        while holder is not None and holder.tag in _INLINE_CLIMB:
            holder = holder.getparent()
        if holder is not None:
            score[holder] += own
    if not score:
        return []
    best, top = score.most_common(1)[0]
    own = _squeezed_text(best)
    for sibling in [*best.itersiblings(), *best.itersiblings(preceding=True)]:
        if isinstance(sibling.tag, str) and _squeezed_text(sibling) == own:
            sibling.drop_tree()  # a second copy of the text (a mobile layout's, a print copy's)
    # Paragraphs split over sibling blocks (a <div> per part of the page): take the parent
    # when it gathers clearly more of the text than the best block alone — through wrappers
    # that hold nothing else (WeChat sets each paragraph in <section><section><p>, so the
    # best block is one paragraph's section, two levels under the article).
    parent = best.getparent()
    while parent is not None and parent.tag not in ("html", "body"):
        together = sum(score.get(e, 0) for e in parent.iter())
        if together == top and len(parent) == 1:
            best, parent = parent, parent.getparent()  # a wrapper: climb, nothing is gained
            continue
        if together > 1.5 * top:
            best, top = parent, together
        break
    # A document in several sheets side by side (a notice's <article> and its plan's <section>,
    # as our own HTML writer prints them): siblings of the same class that hold text belong to
    # it; a sibling of another class (a footer, a list of links) does not, however long.
    parent = best.getparent()
    if parent is None:
        return [best]
    classes = set(best.get("class", "").split())
    siblings = [sibling for sibling in parent if isinstance(sibling.tag, str)]
    keep = {best}
    for sibling in siblings:
        share = sum(score.get(e, 0) for e in sibling.iter())
        if share and classes & set(sibling.get("class", "").split()):
            keep.add(sibling)
    # The notice in a block of its own beside the plan's (a CMS that sets the attachment's text
    # apart): an adjacent block of sentences — not links, a footer or the metadata box — goes on it.
    at = siblings.index(best)
    for step in (-1, 1):
        k = at + step
        while 0 <= k < len(siblings) and _document_block(siblings[k], score):
            keep.add(siblings[k])
            k += step
    return [sibling for sibling in siblings if sibling in keep]


_NOT_DOCUMENT = re.compile(
    r"版权所有|ICP备|公网安备|主办单位|网站标识码|技术支持|相关链接|相关文件|相关阅读|上一篇|下一篇"
    r"|索\s*引\s*号|主题分类|发布机构|发布日期"
)


def _document_block(element: Any, score: Counter[Any]) -> bool:
    """A block of the document's own sentences: some text with a sentence in it, few of its
    characters in links, no footer, link list or metadata box."""
    share = sum(score.get(e, 0) for e in element.iter())
    if share < 20:
        return False
    text = _squeezed_text(element)
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    # sentences, not the page's heading over the article or its date-and-source line
    sentences = "。" in text or "；" in text
    return sentences and linked < 0.3 * max(len(text), 1) and not _NOT_DOCUMENT.search(text)


def _squeezed_text(element: Any) -> str:
    return "".join(element.text_content().split())


def _walk(element: Any, lines: list[Line]) -> None:
    """Blocks and <br> end a line; a <table> is one line carrying the Table."""
    current: list[str] = []
    start = [element.sourceline or 1]

    def flush(next_line: int | None) -> None:
        text = " ".join("".join(current).split(" ")) if current else ""
        text = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()
        if text:
            lines.append(Line(start[0], text))
        current.clear()
        if next_line is not None:
            start[0] = next_line

    def visit(node: Any) -> None:
        if node.text:
            current.append(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "br":
                flush(child.sourceline or start[0])
            elif child.tag == "table":
                flush(None)
                lines.extend(_table(child))
                start[0] = child.sourceline or start[0]
            elif child.tag in _BLOCKS:
                flush(child.sourceline or start[0])
                visit(child)
                flush(child.sourceline or start[0])
            else:
                visit(child)
            if child.tail:
                current.append(child.tail)

    visit(element)
    flush(None)


_ANNEX_LABEL = re.compile(r"^附[件表]\s*\d{0,2}\s*[：:]?$")


def _table(element: Any) -> list[Line]:
    """A table; a layout table (one column, or a notice's own lines set in a grid) gives its
    cells' lines instead, as the Word reader does. A caption row spanning the table that opens
    with an attachment's label (附件1 over its title, real/01) is that attachment's label and
    title lines, as a page that prints them above the table gives them."""
    rows: list[list[str]] = []
    caption: list[Line] = []
    for tr in element.iter("tr"):
        if _enclosing_table(tr) is not element:
            continue  # a row of a nested table is read within its cell
        found = [cell for cell in tr if cell.tag in ("td", "th")]
        cells = [" ".join(cell.text_content().split()) for cell in found]
        if any(cells):
            if not rows and len(found) == 1:
                caption = []
                _walk(found[0], caption)
            rows.append(cells)
    if not rows:
        return []
    line = element.sourceline or 1
    width = max(len(r) for r in rows)
    if width == 1:
        return [Line(line, " ".join(r[0] for r in rows))]
    title = None
    if len(rows[0]) == 1 and len(rows) > 1:
        if len(caption) >= 2 and _ANNEX_LABEL.match(caption[0].text.replace(" ", "")):
            cleaned = [[clean_text(c) for c in r] + [""] * (width - len(r)) for r in rows[1:]]
            return [*caption, Line(line, "", table=Table(rows=cleaned))]
        title = clean_text(rows.pop(0)[0])  # a caption row spanning the table: 附表1 … 表
    cleaned = [[clean_text(c) for c in r] + [""] * (width - len(r)) for r in rows]
    return [Line(line, "", table=Table(title=title, rows=cleaned))]


def _enclosing_table(element: Any) -> Any | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


# --- the metadata box --------------------------------------------------------------------------


def _metadata(root: Any, article: list[Any]) -> dict[str, str]:
    """``key: value`` pairs of the page outside the article (索引号：… 发布机构：… [文号] …), for
    the keys that name a notice field, the first value of each; and the page's title (its
    heading, else ``<title>`` without the site's name) for a notice whose article has none."""
    inside = {element for block in article for element in block.iter()}
    found: dict[str, str] = {}
    for element in root.iter():
        if element in inside or not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > 120:
            continue
        match = _META_LINE.match(text)
        if match is None:
            continue
        key = (match["bkey"] or match["key"]).replace(" ", "")
        if notice_key(key) in (None, "title", "issuers"):
            # 发布机构 / 发文机构 name who published the page, not a 发文机关标志 the document
            # prints (a page has no 版头): its 署名 is in the text
            continue
        value = _NEXT_KEY.sub("", match["value"]).strip()
        if not value and not match["value"].strip():
            sibling = element.getnext()
            value = " ".join(sibling.text_content().split()) if sibling is not None else ""
            value = _NEXT_KEY.sub("", value).strip()
        value = value.strip("-—–_ ")  # 发文机构] ----北京市农业农村局: an empty field's dashes
        if value and key not in found:
            found[key] = value
    title = _page_title(root, inside)
    if title:
        found["标题"] = title
    return found


def _page_title(root: Any, inside: set[Any]) -> str:
    """The document's title as the page states it: the content-management system's
    ``<meta name="ArticleTitle">`` (TRS, which most government sites run), else the heading above
    the article, else ``<title>`` without the site's names (标题_栏目_网站)."""
    for meta in root.xpath("//meta[@name]"):
        if meta.get("name", "").lower() in ("articletitle", "title"):
            text = " ".join(meta.get("content", "").split())
            if _a_title(text):
                return text
    for element in root.iter("h1", "h2", "h3", "div", "p", "span", "td"):
        if element in inside:
            break  # a heading above the article, not one after it
        name = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if element.tag in ("div", "p", "span", "td") and "title" not in name:
            continue
        text = " ".join(element.text_content().split())
        if not text and element.tag.startswith("h") and element.getnext() is not None:
            # <h1><p>title</p></h1>: the parser closes the heading before the <p> it may not hold
            text = " ".join(element.getnext().text_content().split())
        if _a_title(text):
            return text
    heads = root.xpath("//head/title")
    text = " ".join(heads[0].text_content().split()) if heads else ""
    while not _TITLE_END.search(text) and _SITE_SUFFIX.search(text):
        text = _SITE_SUFFIX.sub("", text)  # 标题_政策文件_首都之窗_北京市人民政府门户网站
    return text if _a_title(text) else ""


def _a_title(text: str) -> bool:
    return 8 <= len(text) <= 120 and bool(_TITLE_END.search(text))
