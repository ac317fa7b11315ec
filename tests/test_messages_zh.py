"""Under a Chinese locale a clerk reads no English: the catalog is complete (no empty, no fuzzy
translation, no message left out of it), and a sample of every command's error and warning paths,
its --help, the layout check's table and the web editor's replies hold no English word outside the
names, paths, keys and codes a clerk types or greps."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS

from generator import i18n_catalog

WORKPLAN = [sys.executable, "-m", "generator.cli"]
ZH = {"WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "COLUMNS": "400"}

# Words a Chinese message may hold: products, formats and the program's own commands.
NAMES = {
    "LibreOffice", "Word", "WPS", "Excel", "YAML", "JSON", "Unicode", "Schema", "Markdown", "PATH",
    "UTF", "GBK", "Ctrl", "workplan", "soffice", "true", "false", "null", "word", "text", "always",
    "never", "auto", "new", "import", "validate", "render", "check", "diff", "rollover", "tasks",
    "serve", "schema", "docx", "xlsx", "html", "json", "yaml", "token", "LANG", "git",
}  # fmt: skip


def english_words(text: str) -> list[str]:
    """The English words (4+ ASCII letters) of ``text`` outside what stays English in Chinese:
    `code`, paths and file names, --options, [rule-ids], snake_case codes, （keys） and
    (plan.sections.0) paths, 'values' typed by the clerk, U+0007, and :data:`NAMES`."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\S*[/\\]\S*", " ", text)
    text = re.sub(r"[\w.-]*\.(?:ya?ml|docx?|pdf|txt|md|html?|json|csv|xlsx|wps|rtf|odt|mht)\b", " ", text)
    text = re.sub(r"\b[a-z]+(?:\.\w+|\[\d+\])+", " ", text)  # plan.sections[0].heading
    text = re.sub(r"[\w.-]*\.[A-Za-z0-9]{1,5}\b", " ", text)  # a file name with its suffix
    text = re.sub(r"\[[\w-]+\]", " ", text)
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)  # --force, -o
    text = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", " ", text)
    text = re.sub(r"[（(][\w.]+[）)]", " ", text)
    text = re.sub(r"'[^'\s]*'", " ", text)  # a value the clerk typed, quoted back
    text = re.sub(r"U\+[0-9A-F]{4,}", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{4,}", text) if word not in NAMES]


def test_the_detector_finds_english_and_passes_names() -> None:
    assert english_words("plan.yaml:3:9: error: the plan 年份（year） is missing") == [
        "error",
        "plan",
        "missing",
    ]
    assert (
        english_words(
            "plan.yaml:3:9: 错误：通知（notice）中有不认识的键 `recipient`——是不是想写 `recipients`？"
        )
        == []
    )
    assert (
        english_words("警告：序号重复（duplicate_number）：二、 [to-fill] 用 --force 覆盖 LibreOffice") == []
    )


# --- the catalog ------------------------------------------------------------------------------


def test_every_catalog_entry_is_translated_and_none_is_fuzzy() -> None:
    catalog = i18n_catalog.read_catalog()
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy"
    empty = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not empty, f"msgstr missing (translate them in {i18n_catalog.PO_PATH}): {empty}"
    assert not fuzzy, f"fuzzy translations (check and clear the flag): {fuzzy}"
    missing = [text for text in i18n_catalog.collect() if not catalog.get(text)]
    assert not missing, f"texts not in the catalog (run python -m generator.i18n_catalog): {missing}"


def test_a_text_wrapped_inside_an_f_string_reaches_the_catalog(tmp_path: Path) -> None:
    """Babel reads Python 3.11's f-string as one token: `f"[red]{_('FAIL')}[/]"` was never
    extracted and the check table printed FAIL under Chinese."""
    (tmp_path / "table.py").write_text(
        "mark = f\"[green]{_('pass')}[/]\" if ok else f\"[red]{N_('FAIL')} {x}[/]\"\n", encoding="utf-8"
    )
    found = i18n_catalog._calls_in_fstrings(tmp_path)
    assert found == [("table.py:1", "pass"), ("table.py:1", "FAIL")]


def test_every_defect_kind_has_a_chinese_name() -> None:
    from generator.readers.defects import _KIND_NAMES, KINDS

    assert set(_KIND_NAMES) == set(KINDS), "add the new kind to defects._KIND_NAMES and translate it"


def test_every_year_class_has_a_chinese_name() -> None:
    from generator.rollover.years import CLASS_NAMES, CLASSES

    assert set(CLASS_NAMES) == set(CLASSES), "add the new class to years.CLASS_NAMES and translate it"


# Exceptions that only ever say a programmer's mistake (a clerk's input raises the program's own
# kinds, or ValueError, which the editor shows as it is).
PROGRAMMING_ERRORS = ("AttributeError", "TypeError", "KeyError", "NotImplementedError", "AssertionError")

# Message literals still given straight to a message call without _(): a caller's bug reported
# in English on purpose (never a clerk's input). Anything else is a message to wrap.
CALLERS_BUGS = {
    "unknown numbering  — use one of ",
    "unknown numbering scheme ",
    "Chinese numerals cover 1–9999, not ",
    "circled numerals start at 1, not ",
    "not a revision kind: ",
    "Broken pipe",
    "PDF is written to a file — use render_to_file",
    "no ledger format ",
    "diff writes , not ",
    "no text template for format ",
}


def test_no_message_literal_is_left_unwrapped() -> None:
    left = [
        line
        for line in i18n_catalog.unwrapped(skip=PROGRAMMING_ERRORS)
        if line.split(": ", 1)[1] not in CALLERS_BUGS
    ]
    assert not left, "wrap these in _() and translate them: " + "\n".join(left)


# --- the commands -------------------------------------------------------------------------------


def _workplan(argv: list[str], cwd: Path) -> str:
    done = subprocess.run(
        [*WORKPLAN, *argv], capture_output=True, text=True, env={**os.environ, **ZH}, cwd=cwd, timeout=120
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


BAD_PLANS = {
    # each a slip a clerk makes, in one `validate` run (it reports every file)
    "syntax.yaml": "plan:\n  title: 要点\n  year: 2027\n  sections:\n    - heading: [加强领导\n",
    "tab.yaml": "plan:\n\ttitle: 要点\n",
    "unknown.yaml": "notice:\n  recipient: 各单位\nplan:\n  title: 要点\n  year: 2027\n",
    "type.yaml": "notice:\n  sealed: 是\nplan:\n  title: 要点\n  year: 二〇二七\n",
    "date.yaml": "notice:\n  date: 2027-02-30\nplan:\n  title: 要点\n  year: 2027\n",
    "duplicate.yaml": "plan:\n  title: 甲\n  title: 乙\n  year: 2027\n",
    "no_plan.yaml": "notice:\n  recipients: 各单位\n",
    "empty.yaml": "",
    "list.yaml": "- plan\n",
    "control.yaml": "plan:\n  title: 工\x01作\n  year: 2027\n",
    "depth.yaml": "plan:\n  title: 要点\n  year: 2027\n  sections:\n"
    + "".join(f"{'  ' * (2 + 2 * d)}- heading: 第{d}层\n{'  ' * (3 + 2 * d)}items:\n" for d in range(6))
    + "              " * 2
    + "- heading: 末\n",
    "ids.yaml": "plan:\n  title: 要点\n  year: 2027\n  sections:\n"
    "    - {id: 甲, heading: 一}\n    - {id: 甲, heading: 二}\n",
    "colon.yaml": "notice:\n  doc_number：某卫〔2027〕1号\nplan:\n  title: 要点\n  year: 2027\n",
    "quote.yaml": 'notice:\n  title: "关于印发\nplan:\n  title: 要点\n  year: 2027\n',
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plans good and bad, a ledger typed by hand, files that are no plan."""
    from generator.starter import write_starter

    here = tmp_path_factory.mktemp("zh")
    write_starter("某某市卫生健康委员会", 2027, here / "plan.yaml")
    text = (here / "plan.yaml").read_text(encoding="utf-8")
    (here / "next.yaml").write_text(text.replace("deadline: 2027年底前", "deadline: 2027年9月底前"), "utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("recipients:"))
    (here / "unaddressed.yaml").write_text("".join(lines[:at] + lines[at + 2 :]), encoding="utf-8")
    for name, content in BAD_PLANS.items():
        (here / name).write_text(content, encoding="utf-8")
    (here / "gbk.yaml").write_bytes("plan:\n  title: 工作要点\n  year: 2027\n".encode("gbk"))
    (here / "blank.txt").write_text("\n \n", encoding="utf-8")
    (here / "notes.txt").write_text("随手记的几行字。\n", encoding="utf-8")
    (here / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (here / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(40))
    (here / "ledger.csv").write_text("编号,状态\n一、（一）,完成了\n", encoding="utf-8")
    (here / "columns.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    (here / "old.txt").write_text("上一次的输出\n", encoding="utf-8")
    (here / "文件夹").mkdir()
    _broken_template(here / "坏模板.docx")
    return here


def _broken_template(target: Path) -> None:
    """The bundled template with one tag typed short of a brace, as a clerk may in Word."""
    import zipfile

    from generator.resources import templates_dir

    with zipfile.ZipFile(templates_dir() / "notice.docx") as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                tag = re.search(r"\{\{[^}]*\}\}", text)
                assert tag is not None
                data = text.replace(tag.group(0), tag.group(0)[:-1], 1).encode("utf-8")
            out.writestr(item, data)


CASES = [
    ["validate", *BAD_PLANS, "gbk.yaml", "missing.yaml", "文件夹"],
    ["validate", "--strict", "unaddressed.yaml"],
    ["new", "--issuer", "某委", "--year", "2027", "-o", "plan.yaml"],
    ["new", "--issuer", "", "--year", "2027"],
    ["new", "--issuer", "某委", "--year", "二〇二七"],
    ["import", str(SEEDS / "003_56f570fbe846ebf6.txt"), "-o", "imported.yaml", "--force"],
    ["import", str(SEEDS / "000_6c230b0bbdf8365a.txt"), "-o", "imported.yaml", "--force"],
    ["import", "blank.txt", "-o", "imported.yaml", "--force"],
    ["import", "notes.txt", "-o", "imported.yaml", "--force"],
    ["import", "broken.docx", "-o", "imported.yaml", "--force"],
    ["import", "plan.yaml", "-o", "imported.yaml", "--force"],
    ["import", "notes.txt", "-o", "imported.txt", "--force"],
    ["render", "plan.yaml", "-o", "old.txt"],
    ["render", "plan.yaml", "-o", "plan.yaml", "--force"],
    ["render", "plan.yaml", "-o", "计划.rtfd"],
    ["render", "plan.yaml", "-o", "文件夹"],
    ["render", "plan.yaml", "-o", "无此文件夹/plan.txt"],
    ["render", "plan.yaml", "-o", "plan.docx", "--force", "--template", "notes.txt"],
    ["render", "plan.yaml", "-o", "plan.docx", "--force", "--template", "无此模板.docx"],
    ["render", "plan.yaml", "-o", "plan.txt", "--force", "--numbering", "编号"],
    ["render", "plan.yaml", "-o", "plan.docx", "--force", "--template", "坏模板.docx"],
    ["render", "gbk.yaml", "-o", "gbk.txt", "--force"],
    ["check", "broken.pdf"],
    ["check", "broken.docx"],
    ["check", "notes.txt"],
    ["check", "missing.pdf"],
    ["diff", "plan.yaml", "missing.yaml"],
    ["diff", "plan.yaml", "next.yaml", "--color", "彩色"],
    ["diff", "plan.yaml", "next.yaml", "-o", "对比.txt"],
    ["diff", "--color", "never", "plan.yaml", "next.yaml"],
    ["rollover", "plan.yaml", "--year", "2020", "-o", "rolled.yaml", "--force"],
    ["rollover", "plan.yaml", "--year", "2028", "-o", "rolled.yaml", "--report", "review.md", "--force"],
    ["rollover", "plan.yaml", "--year", "2028", "-o", "rolled.txt", "--force"],
    ["tasks", "plan.yaml"],
    ["tasks", "plan.yaml", "-o", "台账.pdf"],
    ["tasks", "plan.yaml", "--update", "ledger.csv"],
    ["tasks", "plan.yaml", "--update", "columns.csv"],
    ["tasks", "plan.yaml", "--update", "notes.txt"],
    ["serve", "无此文件夹"],
    ["serve", "notes.txt", "--no-browser"],
    ["schema", "-o", "plan.yaml"],
    ["validate", "plan.yaml", "--frobnicate"],
    ["render"],
    ["rendr", "plan.yaml"],
    ["--help"],
    *([command, "--help"] for command in ("new", "import", "validate", "render", "check", "diff")),
    *([command, "--help"] for command in ("rollover", "tasks", "serve", "schema")),
]


@pytest.mark.parametrize("argv", CASES, ids=[" ".join(a)[:60] for a in CASES])
def test_a_clerk_reads_no_english_under_a_chinese_locale(folder: Path, argv: list[str]) -> None:
    said = _workplan(argv, folder)
    assert re.search(r"[\u4e00-\u9fff]", said), said
    english = {line: words for line in said.splitlines() if (words := english_words(line))}
    assert not english, english


def test_the_rollover_review_is_chinese(folder: Path) -> None:
    _workplan(
        ["rollover", "plan.yaml", "--year", "2028", "-o", "r.yaml", "--report", "r.md", "--force"], folder
    )
    review = (folder / "r.md").read_text(encoding="utf-8")
    english = {line: words for line in review.splitlines() if (words := english_words(line))}
    assert not english, english


# --- the layout check of documents that break the page flow -----------------------------------


@pytest.fixture(scope="module")
def bad_pages(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Notices built by hand (tests/test_layout.py) that fail the flow rules, as PDFs."""
    from test_layout import GOOD_LABELS, build_notice

    from generator.soffice import convert_to_pdf

    here = tmp_path_factory.mktemp("flow")
    built = {
        "record_odd": {"labels": GOOD_LABELS[:6]},
        "date_alone": {"closing": "new_page", "record": "none"},
        "body_on_page_2": {"body_on_page_2": True, "labels": GOOD_LABELS[:2], "record": "none"},
        "blank_numbered": {"labels": GOOD_LABELS[:6], "blank_page": True},
        "margins_25": {"margins": (25, 25, 25, 25)},
        "numbering_gap": {"labels": ["一、", "（一）", "（三）", "二、"]},
    }
    docx = [build_notice(here / f"{name}.docx", **options) for name, options in built.items()]
    return convert_to_pdf(docx, here / "pdf")


@pytest.mark.slow
def test_the_check_table_is_chinese_for_every_rule_that_fails(bad_pages: list[Path], tmp_path: Path) -> None:
    said = _workplan(["check", *map(str, bad_pages)], tmp_path)
    rows = [line for line in said.splitlines() if "│" in line]
    assert sum("不通过" in row for row in rows) >= len(bad_pages), said
    cells = [cell.strip() for row in rows for cell in row.split("│")]
    english = {cell: words for cell in cells if (words := english_words(cell))}
    assert not english, english


# --- the web editor -----------------------------------------------------------------------------


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[object]:
    """The editor of a folder, served in-process while the process itself speaks English."""
    import shutil

    from starlette.testclient import TestClient

    from generator.serve.app import Target, create_app

    shutil.copy(EXAMPLES / "example.yaml", tmp_path / "example.yaml")
    app = create_app(Target(tmp_path, "example.yaml"), token="t" * 40, hosts=["testserver"])
    with TestClient(app, base_url="http://testserver") as client:
        client.cookies.set("workplan_token", "t" * 40)
        yield client


ORIGIN = {"Origin": "http://testserver"}


def test_the_editor_words_every_message_in_chinese(editor) -> None:  # type: ignore[no-untyped-def]
    from generator import i18n

    assert i18n.language() == "en"  # the server's own locale: the page is Chinese all the same
    text = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
    broken = text.replace("  date: 2025-02-18", "  date: 2025-02-30").replace("  recipients:", "  recipient:")
    replies = [
        editor.post("/api/render", json={"name": "example.yaml", "text": broken}, headers=ORIGIN),
        editor.post("/api/render", json={"name": "example.yaml", "text": "plan: [\n"}, headers=ORIGIN),
        editor.post(
            "/api/edit",
            json={
                "name": "example.yaml",
                "text": text,
                "ops": [{"op": "set", "path": ["plan", "sections", 99, "heading"], "value": "甲"}],
            },
            headers=ORIGIN,
        ),
        editor.post(
            "/api/edit", json={"name": "example.yaml", "text": text, "ops": [{"op": "fly"}]}, headers=ORIGIN
        ),
        editor.post("/api/render", json={"name": "../secret.yaml", "text": text}, headers=ORIGIN),
        editor.post(
            "/api/export", json={"name": "example.yaml", "text": text, "format": "odt"}, headers=ORIGIN
        ),
        editor.post(
            "/api/export", json={"name": "example.yaml", "text": broken, "format": "docx"}, headers=ORIGIN
        ),
        editor.post(
            "/api/save", json={"name": "example.yaml", "text": text}, headers={"Origin": "http://evil"}
        ),
        editor.get("/api/file", params={"name": "notes.txt"}),
        editor.get("/fonts/none.ttf"),
        editor.post(
            "/api/render", content=b"{not json", headers={**ORIGIN, "Content-Type": "application/json"}
        ),
    ]
    said: list[str] = []
    for reply in replies[:2]:
        problems = reply.json()["state"]["problems"]
        assert problems and all(p["text"].startswith("第 ") for p in problems), problems
        said += [p["text"] for p in problems] + [p["beside"] for p in problems]
    for reply in replies[2:]:
        assert reply.status_code >= 400
        said.append(reply.json()["error"] if "json" in reply.headers["content-type"] else reply.text)
    for line in said:
        assert re.search(r"[\u4e00-\u9fff]", line), line
        assert not english_words(line), line


def test_an_unexpected_failure_of_the_editor_is_said_in_chinese(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Starlette answers an exception no handler expected with "Internal Server Error", which the
    page printed as it was."""
    import shutil

    from starlette.testclient import TestClient

    from generator.serve import api
    from generator.serve.app import Target, create_app

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    shutil.copy(EXAMPLES / "example.yaml", tmp_path / "example.yaml")
    monkeypatch.setattr(api, "build_state", broken)
    app = create_app(Target(tmp_path, "example.yaml"), token="t" * 40, hosts=["testserver"])
    with TestClient(app, base_url="http://testserver", raise_server_exceptions=False) as client:
        client.cookies.set("workplan_token", "t" * 40)
        reply = client.post(
            "/api/render", json={"name": "example.yaml", "text": "plan: {}\n"}, headers=ORIGIN
        )
    assert reply.status_code == 500
    said = reply.json()["error"]
    assert "出错" in said and not english_words(said), said


def test_the_schema_an_editor_shows_on_hover_is_chinese(tmp_path: Path) -> None:
    """`workplan schema` under Chinese: the hover texts of VS Code and the like (titles and
    descriptions) in Chinese, the schema itself — every key, type and pattern — unchanged."""
    import json

    import jsonschema

    from generator.schema import json_schema

    chinese = json.loads(_workplan(["schema"], tmp_path))
    jsonschema.Draft202012Validator.check_schema(chinese)

    def texts(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [v for k, v in node.items() if k in ("title", "description") and isinstance(v, str)]
            return (
                found
                + [t for k, v in node.items() if k != "properties" for t in texts(v)]
                + [t for prop in node.get("properties", {}).values() for t in texts(prop)]
            )
        return [t for item in node for t in texts(item)] if isinstance(node, list) else []

    def shape(node: object, in_properties: bool = False) -> object:
        if isinstance(node, dict):
            return {
                k: shape(v, k == "properties")
                for k, v in node.items()
                if in_properties or k not in ("title", "description")
            }
        return [shape(item) for item in node] if isinstance(node, list) else node

    said = texts(chinese)
    assert "份号" in said and len(said) > 50
    assert not [t for t in said if english_words(re.sub(r"\b(?:ongoing|done|dropped)\b", "", t))]
    assert shape(chinese) == shape(json_schema())
