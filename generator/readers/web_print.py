"""A web page printed to PDF by a browser: the site's chrome and metadata box among the lines.

Printing a government article from Chromium or Firefox gives a PDF of the whole page: the menu
(首页 / 机构概况 / 政务公开 …), the breadcrumb (当前位置：首页 > …), the 政府信息公开 metadata box (索引号
/ 发布机构 / 文号 / 成文日期 …, a table or lines of ``key：value``), the article's date-and-source
line, share buttons, 相关链接 and the site's footer (主办单位, 版权所有, ICP备 …) — all set as text
like the document's own. The browser's print margins (date and title on top, URL and ``1/2`` at
the foot) are page chrome, removed with the other running headers in ``pdf.py``.

The PDF reader knows such a file by its Creator (the browser's user agent) and hands its lines
here: chrome lines go (reported as ``removed_web_chrome``), the metadata box becomes notice
fields (``metadata.py``) as a web page's does, and the document's own lines stay.
"""

from __future__ import annotations

import re

from ..i18n import _
from .defects import DefectLog
from .html import is_chrome_line
from .lines import Line, ends_sentence
from .metadata import notice_key

_BROWSER = re.compile(r"Mozilla/\d|Chrome/|Chromium|Firefox|Safari/|Edg/", re.I)

_BREADCRUMB = re.compile(r"^(?:您?(?:当前|现在)?(?:所在)?的?位置|当前位置是)\s*[：:]")
_SITE_FOOTER = re.compile(
    r"^(?:主办单位|承办单位|主办|承办|协办|版权所有|网站标识码|网站地图|联系我们|技术支持|运维单位|网站声明)"
    r"|ICP备|公网安备|网站标识码|版权所有"
)
_RELATED = re.compile(
    r"^(?:相关链接|相关文件|相关阅读|相关新闻|相关稿件|相关政策|相关解读|政策解读)\s*[：:]?$"
)
_META_KEYS = frozenset(
    "索引号 主题分类 分类 信息分类 体裁分类 组配分类 服务对象分类 主题词 关键词 发布日期 生成日期 "
    "公开方式 公开范围 公开时限 有效性 统一编号 实施日期 失效日期 废止日期 信息来源 内容概述 时效 "
    "效力状态 发布机关 文件状态 发布时间 时效性 效力 信息名称 文件编号 文件有效性 公开日期 发布人".split()
)
_KEY_BEFORE = re.compile(r"[\[【]?\s*(?P<key>(?:[\u4e00-\u9fff]\s*){1,7}[\u4e00-\u9fff])\s*[\]】]?\s*$")
"""A key ending right before a colon; tried from each start, the longest first."""
_ORGAN_NAME = re.compile(r"^[\u4e00-\u9fff（）]{3,30}(?:局|厅|委员会|委|政府|办公室|办公厅|部|院|中心|会)$")
_MARKS = re.compile(r"文件$|〔\d{4}〕\d+号|^\d{6}$|^(?:绝密|机密|秘密)|^(?:特急|加急)$|签发人")
_LISTED_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")
_TITLE_WORD_END = re.compile(r"(?:通知|意见|方案|要点|决定|函|办法|计划|细则|规定|通报|批复)$")
_TITLE_START = re.compile(r"关于|印发|(?:通知|意见|方案|要点|决定|函|办法|计划)$")


def is_browser_print(creator: str, producer: str) -> bool:
    """Was the PDF printed by a web browser? Chromium writes its user agent as the Creator (Google
    Docs, also Skia/PDF, writes none), Firefox its name."""
    return bool(_BROWSER.search(creator)) or "firefox" in producer.lower()


_BULLETS = re.compile(r"^[•·●◆■▪▶►>＞»\s]+")
_PATH = re.compile(r"^(?:网站)?首页\s*[>＞»/]|\S\s*[>＞»]\s*\S.*\s*[>＞»]\s*\S")  # 首页 > 政务公开 > 通知公告
_SITE_LINE = re.compile(r"^欢迎(?:访问|来到).{2,30}网站|^(?:适老版|长辈版|无障碍|设为首页|加入收藏)")
_HEAD_LINES = 40


def is_web_page_text(lines: list[Line]) -> bool:
    """Are these the lines of a web page saved as text (the page selected and pasted into a .txt,
    or an .html opened in Word or LibreOffice and saved as .docx or .pdf)? Above the document's
    first sentence they show what only a site prints: a breadcrumb, a metadata box, the line of
    the date, source and 浏览次数, 字号 or 打印 buttons."""
    if _chrome_at_the_end(lines):
        return True
    seen = 0
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            return False
        if _document_line(line):
            return _summary_at(lines, lines.index(line))
        if line.table is not None:
            continue
        bare = _BULLETS.sub("", text)
        if _summary_at(lines, lines.index(line)):
            return True
        if (
            _BREADCRUMB.match(bare)
            or _PATH.search(text)
            or _SITE_LINE.match(bare)
            or is_chrome_line(bare)
            or len(_metadata_pairs(text)) >= 2
            or _spaced_metadata(text)
        ):
            return True
    return False


def _chrome_at_the_end(lines: list[Line]) -> bool:
    """Does the text end with what a site prints under an article (扫描二维码分享, 打印本页 关闭窗口,
    主办单位 … ICP备)? The last lines pasted with it, when the page's head was left out."""
    last = [line.text.strip() for line in lines if line.text.strip() and line.table is None][-3:]
    return any(is_chrome_line(_BULLETS.sub("", text)) or _SITE_FOOTER.search(text) for text in last)


def _summary_at(lines: list[Line], k: int) -> bool:
    """Is ``lines[k]`` a site's 内容概述 over the text: the 主送 and the 正文's start run together on
    one line (各街道办事处…单位：经区政府同意，现将…) that the text's own next two lines say again?"""
    near = [line for line in lines[k : k + 8] if line.text.strip() and line.table is None][:3]
    if len(near) < 3 or near[0] is not lines[k] or not near[1].text.strip().endswith(("：", ":")):
        return False
    summary, recipients = _squeeze(near[0].text), _squeeze(near[1].text)
    return len(summary) > len(recipients) + 8 and (recipients + _squeeze(near[2].text)).startswith(summary)


def _spaced_metadata(text: str) -> bool:
    """A metadata box's row flattened to text without colons: 索引号 000014349/2020-3761045 成文日期
    2020-10-15, 发布机构 文件有效性, 名称 市人民政府办公室关于… (a key of a box opening the line, then
    a space or another key), or a link to the document's 解读."""
    text = text.strip()
    if _READING.match(text):
        return True
    for size in range(7, 1, -1):
        if len(text) <= size or text[size - 1].isspace() or not _known_key(text[:size]):
            continue
        if text[size].isspace() or _key_at(text, size):
            return True
        # 索引号000014349/2020-3761045成文日期2020-10-15: the spaces lost, a second key further on
        if any(_key_at(text, at) for at in range(size + 1, len(text))):
            return True
    return False


def _key_at(text: str, at: int) -> bool:
    return any(_known_key(text[at : at + size]) for size in range(2, 8))


_READING = re.compile(
    r"^(?:政策解读|文字解读|图文解读|图解|视频解读|解读)\s*[：:]?\s*(?:文字解读|图文解读|《|$)"
)


def strip_web_chrome(lines: list[Line], defects: DefectLog) -> tuple[list[Line], dict[str, str]]:
    """The document's lines of a printed web page, and the notice fields its metadata box gave."""
    metadata: dict[str, str] = {}
    lines = [_without_bar(line) for line in lines]
    lines = [_without_info(line, defects) if k < _HEAD_LINES else line for k, line in enumerate(lines)]
    title_at = _title_at(lines)
    recipients_at = _recipients_at(lines, title_at)
    out: list[Line] = []
    tail = False  # from the first chrome line after which only the site's lines follow
    tail_like = _tail_like(lines)
    marks = _header_marks(lines[:title_at])
    values = _values_under_keys(lines[:title_at])
    for k, line in enumerate(lines):
        text = line.text.strip()
        head = k < title_at
        if k in values:  # a metadata box's value on the line under its key (文号： / 湖卫健发〔2023〕1号)
            _keep_first(metadata, {values[k]: text})
            _report(defects, line.no, _("removed the printed page's {text!r}").format(text=text))
            continue
        if line.table is not None:
            cells = " ".join(cell for row in line.table.rows for cell in row if cell)
            found = _metadata_pairs(cells)
            if head and len(found) >= 2:
                _keep_first(metadata, found)
                _report(defects, line.no, _("removed the printed page's metadata box"))
                continue
            if head:  # the site's layout above the title (no document prints a table there)
                message = _("removed the printed page's table {text!r}")
                _report(defects, line.no, message.format(text=cells[:40]))
                continue
            out.append(line)
            continue
        bare = _BULLETS.sub("", text)
        chrome = (
            is_chrome_line(bare)
            or bool(_BREADCRUMB.match(bare))
            or (k < recipients_at and (bool(_PATH.search(text)) or _spaced_metadata(text)))
            or bool(_SITE_FOOTER.search(text))
            or bool(_RELATED.match(text.replace(" ", "")))
        )
        chrome = chrome or (k < recipients_at + 1 and _summary_at(lines, k))
        tail = tail or (not head and chrome and tail_like[k + 1])
        # the metadata box stands above the article (below it, 抄送：… is the 版记's own)
        found = _metadata_pairs(text) if head and _starts_with_key(text) else {}
        if tail or found or chrome or (head and k not in marks):
            _keep_first(metadata, found)
            if text:  # a blank line of the page's goes unsaid
                _report(defects, line.no, _("removed the printed page's {text!r}").format(text=text))
            continue
        # a title's lines are where the browser wrapped it, never breaks its author typed
        out.append(Line(line.no, line.text.replace("\n", ""), line.table, line.label))
    return _title_on_one_line(_without_repeated_title(out, defects)), metadata


def _values_under_keys(head: list[Line]) -> dict[int, str]:
    """The lines of a metadata box set as a key's line and its value's line below (a page's table
    flattened by a word processor): value line → its key."""
    out: dict[int, str] = {}
    for k, line in enumerate(head[:-1]):
        key = line.text.strip()
        if line.table is None and key[-1:] in "：:" and _known_key(key[:-1]):
            below = next((j for j in range(k + 1, len(head)) if head[j].text.strip()), None)
            if (
                below is not None
                and head[below].table is None
                and not head[below].text.strip().endswith(("：", ":"))
            ):
                out[below] = re.sub(r"\s", "", key[:-1])
    return out


def _without_bar(line: Line) -> Line:
    """A heading cell's text without the bar that closed its cell (…的通知 |) in the page's text."""
    if line.table is None and re.search(r"\S\s*\|$", line.text) and "|" not in line.text.rstrip()[:-1]:
        return Line(line.no, line.text.rstrip()[:-1].rstrip(), line.table, line.label)
    return line


_INFO_PREFIX = re.compile(
    r"^(?:发布时间|发布日期|更新时间|时间|来源|信息来源|作者)\s*[：:].{0,80}?"
    r"(?:(?:打印本页|打印|关闭窗口|关闭|【[^】]{0,12}】|(?:浏览次数|浏览量|阅读次数|点击数|访问量)\s*[：:]\s*\d*)\s*)+"
)


def _without_info(line: Line, defects: DefectLog) -> Line:
    """A line that the page's date-and-source line (发布时间：… 浏览次数：… 【字体：大 中 小】 打印 关闭)
    runs into, as a PDF's paragraphs join them: the document's own words after it."""
    match = _INFO_PREFIX.match(line.text.strip()) if line.table is None else None
    rest = line.text.strip()[match.end() :] if match else ""
    if not match or not rest:
        return line
    _report(defects, line.no, _("removed the printed page's {text!r}").format(text=match.group().strip()))
    return Line(line.no, rest, line.table, line.label)


def _recipients_at(lines: list[Line], start: int) -> int:
    """The 主送 line under the title (…单位：), or where the text begins: the end of the stretch
    where a page may still print its date, source and metadata rows between title and text."""
    for k in range(start, min(len(lines), start + 25)):
        if _document_line(lines[k]):
            return k
    return start


def _title_on_one_line(lines: list[Line]) -> list[Line]:
    """The article's title that the browser wrapped over two or three lines, as one line: the
    breaks are the page width's, not the title's own."""
    first = next((k for k, line in enumerate(lines) if line.table is None and _is_title(line.text)), None)
    if first is None:
        return lines
    text, end = _joined_title(lines, first)
    if end - first < 2 or not _TITLE_WORD_END.search(text):
        return lines
    return [*lines[:first], Line(lines[first].no, text), *lines[end:]]


def _without_repeated_title(lines: list[Line], defects: DefectLog) -> list[Line]:
    """The page's heading over the article, when the text's own first line says it again: once."""
    for k, line in enumerate(lines[:-1]):
        if line.table is None and _is_title(line.text):
            if lines[k + 1].table is None and lines[k + 1].text.replace(" ", "") == line.text.replace(
                " ", ""
            ):
                message = _("removed the page's heading {text!r}, which the text repeats")
                _report(defects, line.no, message.format(text=line.text))
                return lines[:k] + lines[k + 1 :]
            break
    return lines


def _title_at(lines: list[Line]) -> int:
    """Where the document begins: its title — the text's own copy, when the page's heading above
    it says the same (a CMS prints the heading, its buttons and the 文号, then the text)."""
    first = next((k for k, line in enumerate(lines) if line.table is None and _is_title(line.text)), None)
    if first is None or any(_document_line(line) for line in lines[:first]):
        return 0  # the text began before it: a page without its title, whose 主送 came first
    first = _issuer_above(lines, first)
    title, after = _joined_title(lines, first)
    near = [k for k in range(after, len(lines)) if lines[k].text.strip()][:12]  # blank lines are no distance
    for k in near:
        if lines[k].table is None and _squeeze(lines[k].text)[:8] == title[:8]:
            if _joined_title(lines, k)[0] == title:
                return k
    return first


def _issuer_above(lines: list[Line], k: int) -> int:
    """Where a title 关于… begins whose issuer's name stands on the line above it (兰州市七里河区人民政府
    / 关于印发《…》的通知, 发文机关 + 事由 + 文种 over two lines): that line, else ``k``."""
    if not _squeeze(lines[k].text).startswith("关于"):
        return k
    above = k - 1
    while above >= 0 and not lines[above].text.strip() and lines[above].table is None:
        above -= 1
    if above >= 0 and lines[above].table is None:
        name = _squeeze(lines[above].text)
        if _ORGAN_NAME.match(name) and not name.endswith("文件"):
            return above
    return k


def _document_line(line: Line) -> bool:
    """A 主送 line (…单位：) or a sentence of the text — no line of the site's."""
    text = line.text.strip()
    if line.table is not None or is_chrome_line(text) or _starts_with_key(text) or _BREADCRUMB.match(text):
        return False
    return text.endswith(("：", ":")) or (ends_sentence(text) and len(text) > 30)


def _joined_title(lines: list[Line], k: int) -> tuple[str, int]:
    """The title starting at ``lines[k]``, over up to three lines, and the index after it."""
    text = ""
    for end in range(k, min(len(lines), k + 3)):
        if lines[end].table is not None:
            break
        text += _squeeze(lines[end].text)
        if _TITLE_WORD_END.search(text):
            return text, end + 1
    return _squeeze(lines[k].text), k + 1


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _report(defects: DefectLog, no: int, message: str) -> None:
    defects.add(no, "removed_web_chrome", message)


def _keep_first(metadata: dict[str, str], found: dict[str, str]) -> None:
    """The first value of each key that names a notice field — not 发布机构 (who published the page;
    the 署名 is in the text) nor the title (the text has its own), as for a web page."""
    for key, value in found.items():
        if notice_key(key) not in (None, "title", "issuers") and value:
            metadata.setdefault(key, value)


def _is_title(text: str) -> bool:
    """The article's title (the notice's 关于…的通知), where the document begins."""
    squeezed = text.replace(" ", "")
    return (
        8 <= len(squeezed) <= 80
        and bool(_TITLE_START.search(squeezed))
        and not squeezed.startswith(("《", "【", "[", "“"))  # a link to the 解读 of it, in the page's head
        and not _LISTED_DATE.search(squeezed)  # a list entry with its date: 《…》政策解读2019-06-18
        and not ends_sentence(squeezed)
        and not re.search(r"[，。；：:]", squeezed)  # 现将《…》印发给你们，… is the 正文, 附件：… its list
        and not _starts_with_key(text)
    )


def _starts_with_key(text: str) -> bool:
    keys = _keys(text.strip())
    return bool(keys) and keys[0][0] == 0


def _known_key(key: str) -> bool:
    squeezed = re.sub(r"\s", "", key)
    return squeezed in _META_KEYS or notice_key(squeezed) is not None


def _metadata_pairs(text: str) -> dict[str, str]:
    """``key：value`` pairs of a metadata line or table (索 引 号： 000014349/2024-00005 主题分类： 卫生),
    of the keys a metadata box has; a value runs to the next key."""
    keys = _keys(text)
    pairs: dict[str, str] = {}
    if not keys:
        return pairs
    for (_start, end, key), nxt in zip(keys, [*keys[1:], None], strict=True):
        value = text[end : nxt[0] if nxt is not None else len(text)].strip()
        pairs.setdefault(key, value)
    return pairs


def _keys(text: str) -> list[tuple[int, int, str]]:
    """The metadata keys of ``text`` as (start, end after the colon, key): before each colon, the
    longest run of its last characters (spaces inside, 索 引 号) that is a key; or a key in
    brackets ([成文日期] 2025-05-21)."""
    found: list[tuple[int, int, str]] = []
    for mark in re.finditer(r"[：:]|[\]】]", text):
        lo = max(0, found[-1][1] if found else 0, mark.start() - 24)
        for start in range(lo, mark.start()):
            match = _KEY_BEFORE.match(text, start, mark.start())
            if match and _known_key(match["key"]):
                end = mark.end()
                if mark.group() in "]】" and end < len(text) and text[end] in "：:":
                    end += 1
                found.append((start, end, re.sub(r"\s", "", match["key"])))
                break
    return found


def _header_marks(head: list[Line]) -> set[int]:
    """The lines of the head that a 版头 prints: its marks, and the names of a joint 发文机关标志
    above the line that ends in 文件."""
    marks = {k for k, line in enumerate(head) if line.table is None and _header_mark(line.text)}
    for k in sorted(marks, reverse=True):
        above = k - 1
        while above >= 0 and head[above].table is None and _ORGAN_NAME.match(_squeeze(head[above].text)):
            if not head[k].text.replace(" ", "").endswith("文件"):
                break
            marks.add(above)
            above -= 1
    return marks


def _header_mark(text: str) -> bool:
    """Above the article's title, what a document's own 版头 may print (份号, 密级, 紧急程度, a
    发文机关标志 ending in 文件, a 文号) — everything else there is the site's: its logo, menus,
    search, breadcrumb (a web page prints no 版头, only the text under it)."""
    return bool(_MARKS.search(text.replace(" ", "")))


def _tail_like(lines: list[Line]) -> list[bool]:
    """For each place (and the end), are the lines from there on only what a site prints under
    an article — link titles, 解读 entries, footer lines — and no sentence of the document?"""
    out = [True] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        text = lines[k].text
        link = lines[k].table is None and len(text) <= 60 and not (ends_sentence(text) and len(text) > 30)
        out[k] = out[k + 1] and link
    return out
