"""Every message speaks plainly, in English and in Chinese: the catalog has a translation with the
same placeholders for every text the program can print, the compiled catalog is current, the
typing slips clerks really make are explained by their cause at their line, and the language
follows the locale (LANG=zh_CN.UTF-8) or --lang."""

from __future__ import annotations

import gettext
import os
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
        "四、（三） 完成时限（deadline） (plan.sections.3.items.1.deadline)：这里应是文字",
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
        ({"WORKPLAN_LANG": "en"}, english, "error"),
        ({"WORKPLAN_LANG": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": ""}, chinese, "错误"),
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
        assert lines[0].startswith(f"{plan}:{line}:{column}: {severity}: "), lines[0]
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
