"""The HTML page in a real browser: headless Chromium loads it, shows the document, prints it.

CI installs Chromium (Debian ``chromium``); without it these tests fail rather than skip, so a
missing browser is never mistaken for a passing page.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest
from conftest import EXAMPLES, HEADLESS_FLAGS, PLANS

from generator.load import load_document
from generator.view import DocumentView, build_view
from generator.writers.text import render_text

pytestmark = pytest.mark.slow

PAGES = [EXAMPLES / "example.yaml", PLANS / "suzhou-wuzhong-2021.yaml"]
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="session")
def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        pytest.fail("Chromium is not installed — run .ci/run or apt-get install chromium")
    return found


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = ["--headless", *HEADLESS_FLAGS, f"--user-data-dir={profile}"]
    done = subprocess.run([chromium, *flags, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


class _Text(HTMLParser):
    """The visible text of a DOM, one string per block (outside <head>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.classes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "title"):
            self._skip += 1
        self.classes.extend((dict(attrs).get("class") or "").split())
        if tag in ("p", "h1", "h2", "br", "td", "div", "span"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def dom_text(dom: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(dom)
    return "".join(parser.parts), parser.classes


def write_page(plan: Path, tmp_path: Path) -> tuple[Path, DocumentView]:
    view = build_view(load_document(plan))
    page = tmp_path / f"{plan.stem}.html"
    page.write_text(render_text(view, "html"), encoding="utf-8")
    return page, view


@pytest.mark.parametrize("plan", PAGES, ids=lambda p: p.stem)
def test_rendered_dom_shows_title_and_labels(chromium: str, plan: Path, tmp_path: Path) -> None:
    page, view = write_page(plan, tmp_path)
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    text, classes = dom_text(dom)
    flat = text.replace("\n", "")
    assert "".join(view.notice.title_lines) in flat
    assert view.plan.title in text
    # Every label with its heading, in document order (一、 （一） 1. （1） …).
    position = 0
    numbered = [p for p in view.plan.paragraphs if p.label]
    assert numbered
    for p in numbered:
        found = flat.find(p.label + p.heading, position)
        assert found >= 0, f"{p.label}{p.heading} missing or out of order in the rendered DOM"
        position = found + 1
    labels = {p.label for p in numbered}
    assert {"一、", "（一）"} <= labels
    for name in ("issuer-mark", "doc-number", "notice-title", "recipients", "annex", "section-heading"):
        assert name in classes


def test_screenshot_is_a_png(chromium: str, tmp_path: Path) -> None:
    page, _ = write_page(EXAMPLES / "example.yaml", tmp_path)
    shot = tmp_path / "page.png"
    run_chromium(
        chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=900,1400", page.as_uri()
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000  # a blank page compresses to far less


def test_printed_pages_follow_gbt9704(chromium: str, tmp_path: Path) -> None:
    """Chromium's print: A4, the 版心 at 28 mm from the left, a red 发文机关标志 whose top is
    35 mm into the 版心 (72 mm from the paper top), page numbers — n —, the plan on a new page."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    page, view = write_page(EXAMPLES / "example.yaml", tmp_path)
    pdf_path = tmp_path / "page.pdf"
    run_chromium(
        chromium, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", page.as_uri()
    )
    with pdfplumber.open(pdf_path) as pdf:
        pages = [(p.width, p.height, p.chars, p.extract_text() or "") for p in pdf.pages]
    assert len(pages) >= 2
    for number, (width, height, _, text) in enumerate(pages, start=1):
        assert abs(width - 210 * MM) < 1 and abs(height - 297 * MM) < 1
        assert f"{number}" in text.split("\n")[-1] and "—" in text.split("\n")[-1]
    body = [c for _, _, chars, _ in pages for c in chars if c["top"] < 262 * MM]
    assert abs(min(c["x0"] for c in body) / MM - 28) < 1.5
    assert abs(max(c["x1"] for c in body) / MM - 184) < 1.5
    assert abs(min(c["top"] for c in body) / MM - 37) < 3
    first_chars = pages[0][2]
    issuer = view.notice.issuers[0]
    mark = [c for c in first_chars if c["text"] == issuer[0] and c["size"] > 20]
    assert mark, "no large 发文机关标志 on page 1"
    red, green, blue = mark[0]["non_stroking_color"][:3]
    assert red > 0.8 and green < 0.2 and blue < 0.2
    assert abs(mark[0]["top"] / MM - 72) < 4
    # The 附件 starts a page: its label is the first line of some page after the first.
    starts = [text.split("\n")[0] for *_, text in pages[1:]]
    assert view.plan.annex_label in starts
    # The 版记 is 4号 (14 pt, §7.4.1) under 3号 (16 pt) text: its 抄送 and 印发 lines both.
    chars = [c for _, _, page_chars, _ in pages for c in page_chars if len(c["text"]) == 1]
    line = "".join(c["text"] for c in chars)
    for start in (line.index("抄送："), line.rindex("印发")):
        assert {round(c["size"]) for c in chars[start : start + 2]} == {14}, line[start : start + 2]
    body_sizes = {round(c["size"]) for c in chars if c["text"] in view.notice.body[0][:4]}
    assert 16 in body_sizes
