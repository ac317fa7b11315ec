"""`workplan serve` in Chromium on the cases a clerk meets after the first day: a long plan, a
plan file made read-only, a plan file deleted while the page has edits.

The helpers on the page are those of test_serve_browser.py; each test starts its own server on
its own folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, HEADLESS_FLAGS
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from test_serve_browser import CHROMEDRIVER, CHROMIUM, entry, idle, wait

from generator.load import load_text

pytestmark = pytest.mark.slow


def _serve(plan: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", str(plan), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    url = None
    deadline = time.monotonic() + 30
    while url is None and time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", process.stdout.readline())
        url = found.group(0) if found else None
    assert url, "workplan serve printed no URL"
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium and chromedriver are needed — run .ci/run (chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        *HEADLESS_FLAGS,
        f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-', dir=tmp_path)}",
        "--window-size=1600,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), timeout=60)
    idle(driver)


def _status(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "status").text


def _long_plan(sections: int = 10, items: int = 50) -> str:
    """A plan of 500 items whose headings name numbers (第5组第7项), as real ones name years."""
    data = {
        "notice": {
            "issuers": ["某市卫生健康委员会"],
            "recipients": ["各科室"],
            "signatories": ["某市卫生健康委员会"],
        },
        "plan": {
            "title": "2025年某市卫生健康工作要点",
            "year": 2025,
            "sections": [
                {
                    "heading": f"推进第{s + 1}项重点工作",
                    "items": [
                        {
                            "heading": f"落实第{s + 1}组第{i + 1}项任务。",
                            "text": ["明确责任分工，细化工作措施，确保各项任务落到实处。"],
                        }
                        for i in range(items)
                    ],
                }
                for s in range(sections)
            ],
        },
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_long_plan_reveals_headings_and_keeps_up_with_typing(tmp_path: Path, chromium: WebDriver) -> None:
    plan = tmp_path / "long.yaml"
    plan.write_text(_long_plan(), encoding="utf-8")
    server = _serve(plan)
    _open(chromium, next(server))
    try:
        pages = chromium.execute_script(
            "return document.getElementById('preview').contentDocument.querySelectorAll('.page').length"
        )
        assert pages > 40  # a long plan indeed

        # Selecting an item scrolls the preview to it. The preview sets a gap between Han and digits
        # (第 5 组), so a heading naming a number was never found and the preview stayed on page 1.
        entry(chromium, "落实第5组第7项任务。").click()
        shown = """
        const doc = document.getElementById('preview').contentDocument;
        const win = doc.defaultView;
        const item = [...doc.querySelectorAll('.page-body .item')]
          .find(p => p.textContent.replace(/\\s+/g, '').startsWith('（七）落实第5组第7项任务。'));
        const box = item.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= win.innerHeight;
        """
        wait(chromium, lambda d: d.execute_script(shown))

        # Typing: cutting 100+ pages takes over a second on the page's one thread, and every
        # keystroke waited for it. The preview now waits for a pause; the outline follows at once.
        heading = chromium.find_element(By.ID, "f-plan-sections-4-items-6-heading")
        for char in "加强":
            heading.send_keys(Keys.END, char)
            time.sleep(0.1)
        idle(chromium)
        wait(chromium, lambda d: "落实第5组第7项任务。加强" in d.find_element(By.ID, "outline").text)
        assert chromium.execute_script("return window.workplan.previewsDeferred") >= 1
        printed = (
            "return document.getElementById('preview').contentDocument.getElementById('pages').innerText"
        )
        wait(chromium, lambda d: "落实第5组第7项任务。加强" in re.sub(r"\s+", "", d.execute_script(printed)))
        assert chromium.find_element(By.ID, "preview").get_attribute("class") in ("", None)
        chromium.save_screenshot(str(tmp_path / "long-plan.png"))
    finally:
        server.close()


def test_a_read_only_or_deleted_plan_keeps_the_pages_edits(tmp_path: Path, chromium: WebDriver) -> None:
    plan = tmp_path / "example.yaml"
    shutil.copy(EXAMPLES / "example.yaml", plan)
    plan.chmod(0o444)
    before = plan.read_bytes()
    server = _serve(plan)
    _open(chromium, next(server))
    try:
        assert chromium.find_element(By.ID, "filename").text == "example.yaml（只读）"
        assert "只读" in _status(chromium)
        entry(chromium, "推行医保移动支付。").click()
        field = chromium.find_element(By.ID, "f-plan-sections-1-items-1-heading")
        field.send_keys(Keys.END, Keys.BACKSPACE, "结算。")
        idle(chromium)
        chromium.find_element(By.ID, "save").click()
        wait(chromium, lambda d: "此文件是只读的，未保存" in _status(d))
        assert plan.read_bytes() == before  # the rename of the atomic save replaced it before
        chromium.save_screenshot(str(tmp_path / "read-only.png"))

        # The clerk's colleague moves the file away: the page says so, and its text is not lost.
        plan.chmod(0o644)
        plan.unlink()
        wait(chromium, lambda d: "已被删除、移动或改名" in _status(d), timeout=15)
        chromium.find_element(By.ID, "save").click()
        wait(chromium, lambda d: d.find_element(By.ID, "dialog").get_attribute("open") is not None)
        assert chromium.find_element(By.ID, "dialog-title").text == "磁盘上的文件已不存在"
        assert chromium.find_element(By.ID, "dialog").size["height"] < 300  # words only: no empty frame
        assert chromium.find_element(By.ID, "filename").text == "example.yaml（未保存）"  # not （只读）
        assert not plan.exists()  # nothing written before the clerk says so
        chromium.save_screenshot(str(tmp_path / "deleted.png"))
        (again,) = [
            b
            for b in chromium.find_elements(By.CSS_SELECTOR, "#dialog-buttons button")
            if b.text == "用本页内容重新创建文件"
        ]
        again.click()
        wait(chromium, lambda d: "已保存" in _status(d))
        text = plan.read_text(encoding="utf-8")
        assert text == chromium.execute_script("return window.workplan.text")
        assert load_text(text, "example.yaml").plan.sections[1].items[1].heading == "推行医保移动支付结算。"
    finally:
        server.close()


def test_emptying_a_list_box_restores_its_default(tmp_path: Path, chromium: WebDriver) -> None:
    """附件说明's hint says an empty box prints the plan as the 附件 (the default); the page sent
    [] — no 附件说明 at all — which the splice then refused (无法执行此修改)."""
    plan = tmp_path / "example.yaml"
    shutil.copy(EXAMPLES / "example.yaml", plan)
    server = _serve(plan)
    _open(chromium, next(server))
    try:
        box = chromium.find_element(By.ID, "f-notice-attachments")
        box.send_keys(Keys.CONTROL, "a", Keys.DELETE)
        idle(chromium)
        text = chromium.execute_script("return window.workplan.text")
        assert "\n  attachments:" not in text
        assert "无法执行" not in _status(chromium)
        assert load_text(text, "example.yaml").notice.attachments is None
        printed = (
            "return document.getElementById('preview').contentDocument.getElementById('pages').innerText"
        )
        wait(chromium, lambda d: "附件：" in d.execute_script(printed))
    finally:
        server.close()
