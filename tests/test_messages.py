"""Every message speaks plainly, in English and in Chinese: the catalog has a translation with the
same placeholders for every text the program can print, the compiled catalog is current, the
typing slips clerks really make are explained by their cause at their line, and the language
follows the locale (LANG=zh_CN.UTF-8) or --lang."""

from __future__ import annotations

import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import i18n, i18n_catalog

WORKPLAN = [sys.executable, "-m", "generator.cli"]


def _catalog() -> dict[str, str]:
    return {m.id: m.string for m in i18n_catalog.read_catalog() if m.id}


def test_every_text_the_program_prints_has_a_chinese_translation() -> None:
    catalog = _catalog()
    texts = i18n_catalog.collect()
    missing = {text: places for text, places in texts.items() if not catalog.get(text)}
    assert not missing, f"untranslated (run python -m generator.i18n_catalog): {missing}"


def test_translations_keep_the_placeholders() -> None:
    for msgid, msgstr in _catalog().items():
        if msgstr:
            assert i18n_catalog.placeholders(msgid) == i18n_catalog.placeholders(msgstr), (msgid, msgstr)


def test_every_message_renders_in_both_languages() -> None:
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        try:
            for msgid in i18n_catalog.collect():
                names = i18n_catalog.placeholders(msgid)
                values = {name: "X" for name in names if name}
                translated = i18n._(msgid)
                if "" in names:
                    continue  # typer's own "{}" texts are formatted positionally by typer
                rendered = translated.format(**values)
                assert rendered.strip(), msgid
                words = [w for w in string_words(msgid) if len(w) > 2]
                if language == "zh" and words:
                    # An English text must not come out in English under Chinese (codes and keys aside).
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in rendered), msgid
        finally:
            i18n.set_language("en")


def string_words(text: str) -> list[str]:
    """The English words of a message outside placeholders and `code`."""
    import re

    text = re.sub(r"`[^`]*`|\{[^}]*\}|\[[^\]]*\]", " ", text)
    return re.findall(r"[A-Za-z]+", text)


def test_compiled_catalog_is_current() -> None:
    with i18n_catalog.MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in _catalog().items():
        if msgstr:
            assert compiled.gettext(msgid) == msgstr, (
                f"stale .mo for {msgid!r}: run python -m generator.i18n_catalog"
            )


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ([], {"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "C"}, "en"),
        ([], {}, "en"),
        (["--lang", "zh", "validate", "x"], {"LANG": "C"}, "zh"),
        (["--lang=en", "validate"], {"LANG": "zh_CN.UTF-8"}, "en"),
        ([], {"WORKPLAN_LANG": "zh", "LANG": "C"}, "zh"),
        (["validate", "--", "--lang", "zh"], {}, "en"),
    ],
)
def test_language_follows_command_line_then_locale(
    argv: list[str], env: dict[str, str], expected: str
) -> None:
    assert i18n.detect_language(argv, env) == expected


# The slips of the issue, each as a clerk typed it: (name, plan text, line, column, English, Chinese).
HEAD = "plan:\n  title: 2027年工作要点\n  year: 2027\n"
SLIPS = [
    (
        "full-width colon",
        "notice:\n  doc_number：某卫〔2027〕1号\n  recipients: [各单位]\n" + HEAD,
        2,
        13,
        "full-width colon `：` after `doc_number` — YAML needs a half-width colon and a space: "
        "`doc_number: 某卫〔2027〕1号`",
        "`doc_number` 后面用了全角冒号“：”",
    ),
    (
        "no space after the colon",
        "notice:\n  date:2027-02-03\n  recipients: [各单位]\n" + HEAD,
        2,
        7,
        "no space after the colon of `date` — write a space after the colon: `date: 2027-02-03`",
        "`date` 的冒号后面缺少空格",
    ),
    (
        "tab in the indentation",
        "notice:\n\trecipients: [各单位]\n" + HEAD,
        2,
        1,
        "a tab in the indentation",
        "缩进中有制表符（Tab）",
    ),
    (
        "unclosed quote",
        'notice:\n  title: "关于印发\n  recipients: [各单位]\n' + HEAD,
        2,
        10,
        'the quote " opened here is never closed',
        '这里开始的引号 " 没有结束',
    ),
    (
        "full-width comma in a flow list",
        "notice:\n  cc: {甲: 1， 乙: 2}\n" + HEAD,
        2,
        12,
        "a full-width comma `，` does not separate entries",
        "全角逗号“，”不能分隔各项",
    ),
    (
        "list item under a mapping",
        "notice:\n  recipients: [各单位]\n  - 各医疗机构\n" + HEAD,
        3,
        3,
        "a list item `- ` stands where a key is expected",
        "此处应写“键: 值”，却出现了列表项“- ”",
    ),
    (
        "a date that does not exist",
        "notice:\n  date: 2027-02-30\n" + HEAD,
        2,
        9,
        "成文日期（date） (notice.date): there is no day 30 in month 2 of 2027",
        "2027年2月没有30日",
    ),
    (
        "a node path as the document prints it",
        HEAD
        + "  numbering: {continuous: [2]}\n"
        + "  sections:\n"
        + "    - heading: 甲\n      items: [{heading: 子}]\n"
        + "    - heading: 乙\n    - heading: 丙\n"
        + "    - heading: 丁\n      items:\n        - heading: 戊\n        - heading: 己\n"
        + "          deadline: [年底]\n",
        14,
        21,
        "四、（三） 完成时限（deadline） (plan.sections.3.items.1.deadline): this must be text",
        "四、（三） 完成时限（deadline）（plan.sections.3.items.1.deadline）：这里应是文字",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "english", "chinese"), SLIPS, ids=[s[0] for s in SLIPS]
)
def test_a_typing_slip_is_explained_at_its_line_in_both_languages(
    tmp_path: Path, name: str, text: str, line: int, column: int, english: str, chinese: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    for env, expected, severity in (
        ({"WORKPLAN_LANG": "en"}, english, "error: "),
        ({"WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": ""}, chinese, "错误："),
    ):
        done = subprocess.run(
            [*WORKPLAN, "validate", str(plan)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"{plan}:{line}:{column}: {severity}"), lines[0]
        assert expected in lines[0], lines[0]


def test_help_is_chinese_under_a_chinese_locale_and_english_on_request() -> None:
    zh_env = {**os.environ, "WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": "", "COLUMNS": "200"}
    chinese = subprocess.run([*WORKPLAN, "--help"], capture_output=True, text=True, env=zh_env, timeout=60)
    assert chinese.returncode == 0
    for text in ("起草中国政府机关的年度工作要点", "选项", "命令", "显示本帮助并退出。"):
        assert text in chinese.stdout
    sub = subprocess.run(
        [*WORKPLAN, "render", "--help"], capture_output=True, text=True, env=zh_env, timeout=60
    )
    assert "把工作要点排成" in sub.stdout and "输出文件；格式由后缀决定" in sub.stdout
    english = subprocess.run(
        [*WORKPLAN, "--lang", "en", "--help"], capture_output=True, text=True, env=zh_env, timeout=60
    )
    assert "Draft Chinese government work plans" in english.stdout and "选项" not in english.stdout


# --- every area's messages through the real command, in both languages -------------------------

SEED_003 = Path(__file__).resolve().parent.parent.parent / "shared/corpus/seeds/003_56f570fbe846ebf6.txt"
EXAMPLE_PDF = Path(__file__).resolve().parent.parent / "examples" / "example.pdf"
ZH = {"WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "COLUMNS": "200"}
EN = {"WORKPLAN_LANG": "en", "COLUMNS": "200"}


def _workplan(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WORKPLAN, *argv], capture_output=True, text=True, env={**os.environ, **env}, cwd=cwd, timeout=60
    )


def _plans(folder: Path) -> None:
    """plan.yaml (the starter, as `workplan new` writes it) and next.yaml, a copy with one edit:
    the plan without 主送机关, its first item's 完成时限 changed."""
    from generator.starter import write_starter

    write_starter("某某市卫生健康委员会", 2027, folder / "plan.yaml")  # what `workplan new -o` writes
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    edited = text.replace("deadline: 2027年底前", "deadline: 2027年9月底前")
    assert edited != text
    (folder / "next.yaml").write_text(edited, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("recipients:"))
    (folder / "unaddressed.yaml").write_text("".join(lines[:at] + lines[at + 2 :]), encoding="utf-8")
    (folder / "blank.txt").write_text("\n  \n\n", encoding="utf-8")
    (folder / "notepad.yaml").write_bytes(text.encode("utf-16"))  # Notepad's "Unicode", with its BOM
    (folder / "plan.docx").write_bytes(b"PK\x03\x04" + bytes(60))  # a document where the plan belongs
    import zipfile

    with zipfile.ZipFile(folder / "zip.docx", "w") as package:  # a zip of something else
        package.writestr("hello.txt", "hi")
    ledger = '{"title": "x", "tasks": [{"id": "", "path": "一、（一）", "heading": "", "status": "完成了"}]}'
    (folder / "ledger.json").write_text(ledger, encoding="utf-8")  # a 状态 typed by hand


# (area, argv, exit code, stream, English, Chinese); files are made by _plans.
AREAS = [
    (
        "output refusal",
        ["new", "--issuer", "某委", "--year", "2027", "-o", "plan.yaml"],
        2,
        "stderr",
        "error: plan.yaml exists; choose another -o or add --force to overwrite it",
        "错误：plan.yaml 已存在；请换一个 -o，或加 --force 覆盖",
    ),
    (
        "render format",
        ["render", "plan.yaml", "-o", "plan.rtfd"],
        2,
        "stderr",
        "error: plan.rtfd: unknown output format 'rtfd' — use one of .txt, .md, .html, .docx, .pdf",
        "错误：plan.rtfd：不认识的输出格式 'rtfd'——请用以下之一：.txt, .md, .html, .docx, .pdf",
    ),
    (
        "batch formats",
        ["render", "plan.yaml", "-d", "out", "-f", "txt,odt"],
        2,
        "stderr",
        "error: unknown output format 'odt' — use some of txt, md, html, docx, pdf",
        "错误：不认识的输出格式 'odt'——可选：txt, md, html, docx, pdf",
    ),
    (
        "LibreOffice missing",
        ["render", "plan.yaml", "-o", "plan.pdf"],
        2,
        "stderr",
        "LibreOffice (soffice) was not found on PATH; it is needed for PDF",
        "在 PATH 中找不到 LibreOffice（soffice），生成 PDF 需要它",
    ),
    (
        "validate warning",
        ["validate", "unaddressed.yaml"],
        1,
        "stderr",
        "unaddressed.yaml:6:1: warning: the notice has no 主送机关 (recipients) [recipients] — "
        "add `recipients:`, e.g. - 各区卫生健康委",
        "unaddressed.yaml:6:1: 警告：通知没有主送机关（recipients） [recipients]——"
        "请加上 `recipients:`，例如 - 各区卫生健康委",
    ),
    (
        "validate ok",
        ["validate", "plan.yaml"],
        0,
        "stdout",
        "plan.yaml: ok",
        "plan.yaml：通过",
    ),
    (
        "import defect",
        # seed 003 prints 二、 twice (its lines 26 and 38): the second is reported, kind code kept
        ["import", str(SEED_003), "-o", "imported.yaml", "--force"],
        0,
        "stderr",
        f"{SEED_003}:38: warning: duplicate_number: 二、 repeats the number before; renumbered in order",
        f"{SEED_003}:38: 警告：序号重复（duplicate_number）：二、 与前一个序号重复；已按顺序重新编号",
    ),
    (
        "import refusal",
        ["import", "blank.txt", "-o", "imported.yaml"],
        2,
        "stderr",
        "blank.txt:1:1: error: the document has no text — import the document's .docx or .txt",
        "blank.txt:1:1: 错误：文件中没有文字——请导入该文件的 .docx 或 .txt 版本",
    ),
    (
        "diff terminal",
        ["diff", "--color", "never", "plan.yaml", "next.yaml"],
        1,
        "stdout",
        "added 0, removed 0, moved 0, renumbered 0, changed 1, notice 0",
        "新增 0，删除 0，移动 0，序号变化 0，修改 1，通知要素 0",
    ),
    (
        "rollover summary",
        ["rollover", "plan.yaml", "--year", "2028", "-o", "rolled.yaml", "--force"],
        0,
        "stdout",
        "rollover 2027 → 2028\n  fields changed: 3",
        "跨年 2027 → 2028\n  修改字段：3",
    ),
    (
        "check input",
        ["check", "plan.yaml"],
        2,
        "stderr",
        "error: plan.yaml: not a .docx or .pdf file",
        "错误：plan.yaml：不是 .docx 或 .pdf 文件",
    ),
    (
        "a write the system refuses",
        ["render", "plan.yaml", "-o", "/proc/plan.txt"],
        2,
        "stderr",
        "error: /proc/plan.txt: cannot write: there is no such file or folder — nothing was written",
        "错误：/proc/plan.txt：无法写入：没有这个文件或文件夹——没有写入任何文件；请换一个 -o",
    ),
    (
        "a device as the output",
        ["render", "plan.yaml", "-o", "/dev/null", "--force"],
        2,
        "stderr",
        "error: /dev/null: is a character device, not a file — choose another -o",
        "错误：/dev/null：是字符设备，不是文件——请换一个 -o",
    ),
    (
        "a missing template",
        ["render", "plan.yaml", "-o", "plan.docx", "--force", "--template", "agency.docx"],
        2,
        "stderr",
        "agency.docx:1:1: error: cannot read the template: there is no such file or folder",
        "agency.docx:1:1: 错误：无法读取模板：没有这个文件或文件夹",
    ),
    (
        "a plan saved as UTF-16",
        ["validate", "notepad.yaml"],
        2,
        "stderr",
        "notepad.yaml:1:1: error: the file is saved as UTF-16 (“Unicode” in Notepad), not UTF-8",
        "notepad.yaml:1:1: 错误：文件是 UTF-16 编码（记事本中的“Unicode”），不是 UTF-8",
    ),
    (
        "a document given as the plan",
        ["render", "plan.docx", "-o", "plan.txt"],
        2,
        "stderr",
        "plan.docx:1:1: error: this is a Word .docx (zip) file, not a plan YAML — to read a document",
        "plan.docx:1:1: 错误：这是 Word .docx (zip) 文件，不是工作要点 YAML 文件——要把文件读成工作要点",
    ),
    (
        "a control character in --issuer",
        ["new", "--issuer", "某\x07委", "--year", "2027"],
        2,
        "stderr",
        "error: --issuer: the character U+0007 (a control character) at position 2 of the issuer name — type",
        "错误：--issuer：发文机关名称第 2 个字符 U+0007 是控制字符——请重新输入名称",
    ),
    (
        "a ledger row with a status typed by hand",
        ["tasks", "plan.yaml", "--update", "ledger.json"],
        2,
        "stderr",
        "ledger.json:1:1: error: row 1: status '完成了' is not a status — choose 推进中、已完成、已取消 or",
        "ledger.json:1:1: 错误：第 1 行：状态 '完成了' 不是可选的状态——请从 推进中、已完成、已取消 中选一个",
    ),
    (
        "a zip of something else as the template",
        ["render", "plan.yaml", "-o", "plan.docx", "--force", "--template", "zip.docx"],
        2,
        "stderr",
        "zip.docx:1:1: error: not a Word .docx template: a zip without the parts of a Word document",
        "zip.docx:1:1: 错误：不是 Word .docx 模板：是 zip 压缩包，但没有 Word 文件的组成部分",
    ),
    (
        "check of a missing file",
        ["check", "missing.pdf"],
        2,
        "stderr",
        "error: missing.pdf: no such file — check the path",
        "错误：missing.pdf：文件不存在——请检查文件路径",
    ),
    (
        "starter comments",
        ["new", "--issuer", "某委", "--year", "2027"],
        0,
        "stdout",
        '# Optional keys are shown commented out: remove the leading "# " to use one.',
        "# 可选的键以注释形式列出：去掉行首的“# ”即可启用。",
    ),
]


@pytest.mark.parametrize(
    ("area", "argv", "code", "stream", "english", "chinese"), AREAS, ids=[a[0] for a in AREAS]
)
def test_each_area_speaks_chinese_under_a_chinese_locale_and_english_otherwise(
    tmp_path: Path, area: str, argv: list[str], code: int, stream: str, english: str, chinese: str
) -> None:
    _plans(tmp_path)
    extra = {"PATH": "/nonexistent"} if area == "LibreOffice missing" else {}
    for env, expected, other in ((EN, english, chinese), (ZH, chinese, english)):
        done = _workplan(argv, {**env, **extra}, tmp_path)
        assert done.returncode == code, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        text = getattr(done, stream)
        assert expected in text, text
        assert other not in text, text


def test_check_table_names_the_rules_in_the_language_and_json_keeps_them(tmp_path: Path) -> None:
    zh = _workplan(["check", str(EXAMPLE_PDF)], ZH, tmp_path)
    en = _workplan(["check", str(EXAMPLE_PDF)], EN, tmp_path)
    for name in ("纸张尺寸", "每页行数", "层次序数", "— 通过"):
        assert name in zh.stdout
    for name in ("page size", "lines per page", "numbering", "— passed"):
        assert name in en.stdout and name not in zh.stdout
    as_json = _workplan(["check", "--json", str(EXAMPLE_PDF)], ZH, tmp_path)
    rules = [rule["rule"] for rule in json.loads(as_json.stdout)["rules"]]
    assert "page size" in rules and "numbering" in rules  # a script's rule names do not follow the locale


def test_review_report_and_html_diff_are_labelled_in_the_language(tmp_path: Path) -> None:
    _plans(tmp_path)
    for env, review_head, columns, html_labels in (
        (
            EN,
            "# Rollover review: plan.yaml → rolled.yaml (2027 → 2028)",
            "| field | source line | was | now |",
            ("<th>Old text</th>", "The two versions are the same.", "— changes</title>"),
        ),
        (
            ZH,
            "# 跨年审阅清单：plan.yaml → rolled.yaml（2027 → 2028）",
            "| 字段 | 原文件行 | 原为 | 现为 |",
            ("<th>原文</th>", "两个版本相同。", "——修改对照</title>"),
        ),
    ):
        rolled = _workplan(
            [
                "rollover",
                "plan.yaml",
                "--year",
                "2028",
                "-o",
                "rolled.yaml",
                "--report",
                "review.md",
                "--force",
            ],
            env,
            tmp_path,
        )
        assert rolled.returncode == 0, rolled.stderr
        review = (tmp_path / "review.md").read_text(encoding="utf-8")
        assert review.startswith(review_head) and columns in review
        changed = _workplan(["diff", "plan.yaml", "next.yaml", "-o", "d.html"], env, tmp_path)
        same = _workplan(["diff", "plan.yaml", "plan.yaml", "-o", "s.html"], env, tmp_path)
        assert (changed.returncode, same.returncode) == (1, 0), changed.stderr + same.stderr
        page = (tmp_path / "d.html").read_text(encoding="utf-8")
        assert html_labels[0] in page and html_labels[2] in page
        assert html_labels[1] in (tmp_path / "s.html").read_text(encoding="utf-8")
        (tmp_path / "d.html").unlink()
        (tmp_path / "s.html").unlink()


@pytest.mark.parametrize(
    ("argv", "english", "chinese"),
    [
        (
            ["validate", "x.yaml", "--frobnicate"],
            "No such option: --frobnicate",
            "没有这个选项：--frobnicate",
        ),
        (["render"], "Missing argument 'plans'.", "缺少参数 '工作要点文件'。"),
        (["new", "--issuer", "某委", "--year", "abc"], "write a whole number", "'--year' 的值无效：请写整数"),
        (
            ["rendr", "x.yaml"],
            "No such command 'rendr'. Did you mean 'render'?",
            "没有命令 'rendr'。是不是想写 'render'？",
        ),
        (["frobnicate"], "No such command 'frobnicate'.", "没有命令 'frobnicate'。"),
    ],
)
def test_usage_errors_speak_the_users_language(argv: list[str], english: str, chinese: str) -> None:
    """click's own usage errors (typer vendors click without gettext) come out in Chinese too."""
    for env, expected, absent in (
        ({"WORKPLAN_LANG": "en", "COLUMNS": "200"}, english, chinese),
        ({"WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": "", "COLUMNS": "200"}, chinese, english),
    ):
        done = subprocess.run(
            [*WORKPLAN, *argv], capture_output=True, text=True, env={**os.environ, **env}, timeout=60
        )
        assert done.returncode == 2
        assert expected in done.stderr and absent not in done.stderr, done.stderr


def _comment_english(yaml_text: str) -> list[str]:
    """English words in the comments of a plan YAML (a key, a value or a `command` aside)."""
    words: list[str] = []
    for line in yaml_text.splitlines():
        _code, hash_, comment = line.partition("# ")
        if not hash_ or line.lstrip().startswith("# yaml-language-server"):
            continue
        if line.lstrip().startswith("# ") and ":" in comment.split("#")[0] and not _code.strip():
            comment = comment.split("#", 1)[1] if "#" in comment else ""  # a commented-out key: its aside
        comment = re.sub(
            r"`[^`]*`|\b(?:null|true|false|header|under_title(?:_bracketed)?|ongoing|done|dropped)\b",
            "",
            comment,
        )
        comment = re.sub(
            r"title/columns/levels/text|workplan \w+|diff|GB/T \d+|YYYY-MM-DD|plan\.\w+|\.yaml|\.html|-o",
            "",
            comment,
        )
        words += re.findall(r"[A-Za-z]{3,}", comment)
    return words


def test_the_comments_of_new_and_import_are_chinese_under_a_chinese_locale() -> None:
    """README: the comments `workplan new` and `import` write are in Chinese under a Chinese
    locale — the keys' comments are the model's field descriptions, translated too."""
    from generator.dump import dump_document
    from generator.i18n import speaking
    from generator.load import load_document
    from generator.starter import starter_plan

    with speaking("zh"):
        starter = starter_plan("某某市卫生健康委员会", 2027)
        dumped = dump_document(
            load_document(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")
        )
    assert "份号：6 位数字" in starter and "密级：绝密 | 机密 | 秘密" in starter
    assert _comment_english(starter) == []
    assert _comment_english(dumped) == []
    with speaking("en"):
        assert "份号: 6 digits, e.g. 000001" in starter_plan("某某市卫生健康委员会", 2027)


@pytest.mark.parametrize(
    "argv",
    [["validate", "missing.yaml", "--lang", "zh"], ["validate", "--lang=zh", "missing.yaml"]],
    ids=["--lang zh at the end", "--lang=zh after the command"],
)
def test_lang_is_taken_after_the_command_too(tmp_path: Path, argv: list[str]) -> None:
    """The language followed `--lang` written after the command, but the command refused the
    option: "没有这个选项：--lang", a usage error in the language asked for."""
    done = _workplan(argv, {"WORKPLAN_LANG": "", "LANG": "C", "LANGUAGE": "", "LC_ALL": ""}, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "missing.yaml:1:1: 错误：文件不存在——请检查文件路径", done.stderr
