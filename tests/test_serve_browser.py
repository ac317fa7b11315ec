"""`workplan serve` in a real browser: Selenium drives Debian's Chromium through the clerk's work
on a copy of the bundled example in a fresh git repository, then checks the saved YAML with git.

Screenshots of each step go to the test's temp folder (printed with -s). The preview latency —
from the keystroke to the paginated preview in the page — is printed, never asserted.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, HEADLESS_FLAGS
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(EXAMPLES / "example.yaml", folder / "example.yaml")
    git(folder, "init", "-q")
    git(folder, "add", "example.yaml")
    git(folder, "commit", "-qm", "example")
    return folder


@pytest.fixture
def server(repo: Path) -> Iterator[str]:
    """`workplan serve` as a clerk starts it; the URL it prints (with the token)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "serve",
            str(repo / "example.yaml"),
            "--port",
            "0",  # any free port: the URL says which
            "--no-browser",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = None
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and url is None:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        if found:
            url = found.group(0)
    assert url, "workplan serve printed no URL"
    _wait_listening(int(re.search(r":(\d+)/", url).group(1)))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_listening(port: int) -> None:
    import socket

    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("the server did not start listening")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium and chromedriver are needed — run .ci/run (chromium, chromium-driver)")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        *HEADLESS_FLAGS,
        f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-', dir=tmp_path)}",
        "--window-size=1600,1000",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


# --- helpers on the page --------------------------------------------------------------------------


def wait(driver: WebDriver, condition, timeout: float = 20):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))


def idle(driver: WebDriver) -> None:
    wait(
        driver,
        lambda d: d.execute_script("return !window.workplan.inFlight && !window.workplan.pending.length"),
    )


def outline(driver: WebDriver) -> list[tuple[str, str]]:
    """(label, text) of every outline entry, as shown (read in one go: the tree is redrawn often)."""
    rows = driver.execute_script(
        "return [...document.querySelectorAll('#outline [role=treeitem]')].map(li => "
        "[li.querySelector('.outline-label').textContent, li.querySelector('.outline-text').textContent])"
    )
    return [tuple(row) for row in rows]


def entry(driver: WebDriver, text: str):
    """The outline entry showing ``text``, once the page is idle."""
    idle(driver)
    for li in driver.find_elements(By.CSS_SELECTOR, "#outline [role=treeitem]"):
        if li.find_element(By.CLASS_NAME, "outline-text").text == text:
            return li
    raise AssertionError(f"no outline entry {text!r} in {outline(driver)}")


def value(driver: WebDriver, element_id: str) -> str | None:
    return driver.execute_script("return document.getElementById(arguments[0])?.value ?? null", element_id)


def preview_text(driver: WebDriver) -> str:
    return driver.execute_script(
        "return document.getElementById('preview').contentDocument.getElementById('pages').innerText"
    )


def shot(driver: WebDriver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


# --- the scenario ---------------------------------------------------------------------------------


def test_clerk_edits_saves_and_downloads(server: str, browser: WebDriver, repo: Path, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    shots.mkdir()
    browser.get(server)
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    wait(browser, lambda d: "推进分时段预约诊疗" in preview_text(d))
    assert browser.current_url.endswith("/")  # the token left the address bar for a cookie
    before = outline(browser)
    assert ("（三）", "推进分时段预约诊疗。") in before and ("（四）", "推行医保移动支付。") in before
    pages = browser.execute_script(
        "return document.getElementById('preview').contentDocument.querySelectorAll('.page').length"
    )
    assert pages >= 3  # the notice, then the plan as 附件 on pages of its own
    assert "— 1 —" in preview_text(browser)
    shot(browser, shots, "1-open")

    # Edit an item heading; the preview follows. Each keystroke is timed to the repainted preview.
    entry(browser, "落实医疗质量安全核心制度。").click()
    heading = browser.find_element(By.ID, "f-plan-sections-0-items-0-heading")
    heading.send_keys(Keys.END, Keys.BACKSPACE)
    for char in "和规范":
        heading.send_keys(char)
        idle(browser)
        time.sleep(0.15)
    heading.send_keys("。")
    idle(browser)
    wait(browser, lambda d: "（一）落实医疗质量安全核心制度和规范。" in preview_text(d))
    timings = browser.execute_script("return window.workplan.timing")
    parts = browser.execute_script("return window.workplan.timingParts")
    shot(browser, shots, "2-heading")

    # Add an item after （二）: every later （…） renumbers, in the outline and in the preview.
    entry(browser, "加强合理用药管理。").click()
    browser.find_element(By.ID, "add-sibling").click()
    wait(browser, lambda d: ("（三）", "新的工作事项。") in outline(d))
    after = outline(browser)
    assert ("（四）", "推进分时段预约诊疗。") in after and ("（五）", "推行医保移动支付。") in after
    wait(browser, lambda d: "（五）推行医保移动支付。" in preview_text(d))
    new_heading = browser.find_element(By.ID, "f-plan-sections-0-items-2-heading")
    assert (
        browser.switch_to.active_element.get_attribute("role") == "treeitem"
    )  # keyboard focus stays in the tree
    new_heading.send_keys(Keys.CONTROL, "a")
    new_heading.send_keys("加强医院感染防控。")
    idle(browser)
    wait(browser, lambda d: "（三）加强医院感染防控。" in preview_text(d))

    # Move an item with the keyboard: （五） up above （四）.
    entry(browser, "推行医保移动支付。").click()
    browser.switch_to.active_element.send_keys(Keys.ALT, Keys.ARROW_UP)
    wait(browser, lambda d: ("（四）", "推行医保移动支付。") in outline(d))
    assert ("（五）", "推进分时段预约诊疗。") in outline(browser)
    wait(browser, lambda d: "（四）推行医保移动支付。" in preview_text(d))
    shot(browser, shots, "3-moved")

    # Delete a section (the unnumbered 工作要求).
    entry(browser, "工作要求").click()
    browser.find_element(By.ID, "delete").click()
    wait(browser, lambda d: all(text != "工作要求" for _, text in outline(d)))
    wait(browser, lambda d: "各单位要加强组织领导" not in preview_text(d))

    # A bad date: the loader's message appears beside 成文日期, with the CLI's text.
    entry(browser, "通知（版头、主体、版记）").click()
    date = browser.find_element(By.ID, "f-notice-date")
    date.send_keys(Keys.CONTROL, "a")
    date.send_keys("2025-02-30")
    idle(browser)
    message = browser.find_element(By.ID, "f-notice-date-msg")
    wait(browser, lambda d: "错误" in message.text)
    assert "notice.date" in message.text and "2025年2月没有30日" in message.text
    assert date.get_attribute("aria-invalid") == "true"
    shot(browser, shots, "4-bad-date")
    time.sleep(1.6)  # a pause ends one undo step (typing in one field is one step)
    date.send_keys(Keys.CONTROL, "a")
    date.send_keys("2025-02-18")
    idle(browser)
    wait(browser, lambda d: message.text == "")

    # Undo and redo the date fix round trip through the text.
    browser.find_element(By.ID, "undo").click()
    wait(browser, lambda d: value(d, "f-notice-date") == "2025-02-30")
    browser.find_element(By.ID, "redo").click()
    wait(browser, lambda d: value(d, "f-notice-date") == "2025-02-18")

    # Save; git shows exactly these edits, every comment kept.
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: "已保存" in d.find_element(By.ID, "status").text)
    diff = git(repo, "diff", "-U0", "example.yaml")
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "          heading: 落实医疗质量安全核心制度和规范。" in added
    assert "          heading: 落实医疗质量安全核心制度。" in removed
    assert "        - heading: 加强医院感染防控。" in added
    # The moved item's six lines leave and come back unchanged, one place up.
    assert (
        removed.count("        - id: services-payment") == 1
        and added.count("        - id: services-payment") == 1
    )
    assert not [line for line in removed if line.lstrip().startswith("#")]
    assert all(line in removed for line in ["      numbered: false", "    - heading: 工作要求"])
    changed = {line.strip() for line in removed} ^ {line.strip() for line in added}
    assert changed == {
        "heading: 落实医疗质量安全核心制度。",
        "heading: 落实医疗质量安全核心制度和规范。",
        "- heading: 加强医院感染防控。",
        "- heading: 工作要求",
        "numbered: false",
        "- 各单位要加强组织领导，将本要点任务纳入年度目标管理，确保各项工作按期完成。",
    }, diff
    assert "已保存" in browser.find_element(By.ID, "status").text
    shot(browser, shots, "5-saved")

    # Download the .docx and read it with python-docx.
    browser.find_element(By.ID, "dl-docx").click()
    target = tmp_path / "downloads" / "example.docx"
    wait(browser, lambda d: target.exists() and target.stat().st_size > 0, timeout=30)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs]
    # (labels are Word's own list numbering, not text: the edited headings, in their new order)
    assert any(p.startswith("落实医疗质量安全核心制度和规范。") for p in paragraphs)
    order = [p.split("。")[0] for p in paragraphs if p.startswith(("推行医保移动支付", "推进分时段预约诊疗"))]
    assert order == ["推行医保移动支付", "推进分时段预约诊疗"]
    assert any(p.startswith("加强医院感染防控。") for p in paragraphs)
    assert not any("工作要求" in p for p in paragraphs)

    # The diff against git HEAD is the diff page of `workplan diff`.
    browser.find_element(By.ID, "diff-head").click()
    wait(browser, lambda d: d.find_element(By.ID, "dialog").get_attribute("open") is not None)
    frame = browser.find_element(By.ID, "dialog-frame")
    wait(browser, lambda d: "修改对照" in (frame.get_attribute("srcdoc") or ""))
    shot(browser, shots, "6-diff")

    figures = {
        "preview_ms": [round(t, 1) for t in timings],
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "server_ms": [round(p["server"], 1) for p in parts],
        "page_ms": [round(p["page"], 1) for p in parts],
    }
    (tmp_path / "latency.json").write_text(json.dumps(figures), encoding="utf-8")
    print(f"\npreview latency (keystroke → paginated preview): {figures}; screenshots in {shots}")


def test_conflict_offers_a_merge(server: str, browser: WebDriver, repo: Path) -> None:
    browser.get(server)
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    entry(browser, "推行医保移动支付。").click()
    field = browser.find_element(By.ID, "f-plan-sections-1-items-1-heading")
    field.send_keys(Keys.END, Keys.BACKSPACE, "结算。")
    idle(browser)
    path = repo / "example.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("urgency: 加急", "urgency: 特急"), encoding="utf-8"
    )
    # Unsaved edits: closing the page asks first.
    assert browser.execute_script(
        "const e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented"
    )
    wait(browser, lambda d: "磁盘上的文件已被其他程序修改" in d.find_element(By.ID, "status").text)
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: d.find_element(By.ID, "dialog").get_attribute("open") is not None)
    assert "互不冲突" in browser.find_element(By.ID, "dialog-text").text
    merge = [
        b
        for b in browser.find_elements(By.CSS_SELECTOR, "#dialog-buttons button")
        if b.text == "合并双方的修改"
    ]
    merge[0].click()
    wait(browser, lambda d: "已合并" in d.find_element(By.ID, "status").text)
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: "已保存" in d.find_element(By.ID, "status").text)
    text = path.read_text(encoding="utf-8")
    assert "urgency: 特急" in text and "heading: 推行医保移动支付结算。" in text

    # A clean page follows a change made on disk by itself.
    path.write_text(text.replace("urgency: 特急", "urgency: 加急"), encoding="utf-8")
    wait(browser, lambda d: "已重新载入" in d.find_element(By.ID, "status").text)
    entry(browser, "通知（版头、主体、版记）").click()
    assert value(browser, "f-notice-urgency") == "加急"


UNLABELLED = """
return [...document.querySelectorAll('#form input, #form select, #form textarea, #source')]
  .filter(el => !(el.labels && el.labels.length))
  .filter(el => !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map(el => el.id || el.outerHTML.slice(0, 80));
"""


def drag(driver: WebDriver, source, target, *, after: bool) -> None:
    """HTML5 drag and drop as the browser dispatches it (WebDriver cannot drive native DnD)."""
    driver.execute_script(
        """
        const [source, target, after] = arguments;
        const data = new DataTransfer();
        const rect = target.getBoundingClientRect();
        const y = after ? rect.bottom - 2 : rect.top + 2;
        source.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
        const at = {bubbles: true, cancelable: true, dataTransfer: data, clientY: y};
        target.dispatchEvent(new DragEvent('dragover', at));
        target.dispatchEvent(new DragEvent('drop', at));
        """,
        source,
        target,
        after,
    )


def test_numbering_drag_and_labels(server: str, browser: WebDriver, repo: Path) -> None:
    browser.get(server)
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    assert browser.execute_script(UNLABELLED) == []  # the notice form

    # Typing through an input method: the pinyin being composed reaches neither file nor preview.
    entry(browser, "加强合理用药管理。").click()
    heading = browser.find_element(By.ID, "f-plan-sections-0-items-1-heading")
    browser.execute_script(
        "const [el] = arguments; el.value = '加强合理用药管理tigao';"
        "el.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true}));",
        heading,
    )
    time.sleep(0.3)
    idle(browser)
    assert "tigao" not in browser.execute_script("return window.workplan.text")
    browser.execute_script(
        "const [el] = arguments; el.value = '加强合理用药管理提高。';"
        "el.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '提高。'}));",
        heading,
    )
    wait(browser, lambda d: "（二）加强合理用药管理提高。" in preview_text(d))
    browser.find_element(By.ID, "undo").click()
    wait(browser, lambda d: "（二）加强合理用药管理。" in preview_text(d))

    # Drag （四） onto the upper half of （三）: it moves before it and the two swap labels.
    drag(browser, entry(browser, "推行医保移动支付。"), entry(browser, "推进分时段预约诊疗。"), after=False)
    wait(browser, lambda d: ("（三）", "推行医保移动支付。") in outline(d))
    assert ("（四）", "推进分时段预约诊疗。") in outline(browser)
    # Drag 2. 优化现场预约服务 after 一、's （二）: it becomes an item of section 一, numbered （三）.
    drag(browser, entry(browser, "优化现场预约服务。"), entry(browser, "加强合理用药管理。"), after=True)
    wait(browser, lambda d: ("（三）", "优化现场预约服务。") in outline(d))
    assert ("（四）", "推行医保移动支付。") in outline(browser) and (
        "（五）",
        "推进分时段预约诊疗。",
    ) in outline(browser)
    assert browser.execute_script(UNLABELLED) == []  # a node's form

    # Outdent with the keyboard: 1. 拓展线上预约渠道 becomes an item of 二、 after its parent.
    entry(browser, "拓展线上预约渠道。").click()
    browser.switch_to.active_element.send_keys(Keys.ALT, Keys.ARROW_LEFT)
    wait(browser, lambda d: ("（六）", "拓展线上预约渠道。") in outline(d))
    # Its own children come along, now at the 1. level.
    assert ("1.", "开通家庭医生转诊预约号源。") in outline(browser)

    # 不编号: the item loses its label and uses up no number.
    entry(browser, "推进分时段预约诊疗。").click()
    browser.find_element(By.ID, "f-plan-sections-1-items-1-numbered").click()
    wait(browser, lambda d: ("", "推进分时段预约诊疗。") in outline(d))
    assert ("（五）", "拓展线上预约渠道。") in outline(browser)

    # The plan's numbering settings: （一） restarts in each section when it is not continuous.
    entry(browser, "附件：2025年云溪市医疗服务提升工作要点").click()
    assert browser.execute_script(UNLABELLED) == []
    browser.find_element(By.ID, "f-plan-numbering-continuous-2").click()
    wait(browser, lambda d: ("（一）", "推行医保移动支付。") in outline(d))
    wait(browser, lambda d: "（一）推行医保移动支付。" in preview_text(d))

    # A click on a paragraph of the preview selects its heading (here the second paragraph of （二）).
    browser.switch_to.frame(browser.find_element(By.ID, "preview"))
    second = "//div[@id='pages']//p[contains(., '社区卫生服务中心试点合理用药')]"
    paragraph = browser.find_element(By.XPATH, second)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", paragraph)
    paragraph.click()
    browser.switch_to.default_content()
    wait(browser, lambda d: "加强合理用药管理" in d.find_element(By.ID, "form-title").text)

    # The YAML source editor: a syntax error is reported and the form waits for the fix.
    browser.find_element(By.CSS_SELECTOR, "#source-box summary").click()
    source = browser.find_element(By.ID, "source")
    wait(browser, lambda d: "plan:" in value(d, "source"))  # the box is filled when it opens
    text = value(browser, "source")
    assert "continuous" not in text.split("plan:")[1].split("sections:")[0]
    browser.execute_script(
        "arguments[0].value = arguments[1]", source, text.replace("  year: 2025", "  year: [2025")
    )
    browser.find_element(By.ID, "source-apply").click()
    wait(browser, lambda d: "括号 [ 没有结束" in d.find_element(By.ID, "problems").text)
    browser.find_element(By.ID, "undo").click()
    wait(browser, lambda d: "没有发现问题" in d.find_element(By.ID, "problems").text)
