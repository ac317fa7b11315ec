"""A clerk's slips in a plan YAML, each explained at its own place in both languages.

Every case is one slip typed into a valid plan: the loader must name the line and column of the
slip itself (not where PyYAML gave up), say what it is in words a clerk reads, and — in Chinese —
leave no English of PyYAML's or pydantic's behind (``could not find expected ':'``,
``Keys should be strings``, ``datetime.datetime(…)``).
"""

from __future__ import annotations

import re

import pytest

from generator.i18n import speaking
from generator.load import InputError, load_text

PLAN = (
    "notice:\n"  # 1
    "  recipients: [各单位]\n"  # 2
    "  body:\n"  # 3
    "    - 现将工作要点印发给你们。\n"  # 4
    "  date: 2025-02-18\n"  # 5
    "plan:\n"  # 6
    "  title: 2025年工作要点\n"  # 7
    "  year: 2025\n"  # 8
    "  sections:\n"  # 9
    "    - heading: 加强领导\n"  # 10
    "      items:\n"  # 11
    "        - heading: 健全机制。\n"  # 12
)


def _slip(old: str, new: str) -> str:
    assert old in PLAN
    return PLAN.replace(old, new, 1)


# (name, text, line, column, English words, Chinese words)
SLIPS = [
    (
        "full-width spaces as indentation",
        _slip("  year: 2025", "\u3000\u3000year: 2025"),
        8,
        1,
        "a full-width space in the indentation",
        "缩进中有全角空格",
    ),
    (
        "a no-break space as indentation (pasted from a web page)",
        _slip("  year: 2025", "\u00a0 year: 2025"),
        8,
        1,
        "a no-break space (U+00A0) in the indentation",
        "缩进中有不换行空格",
    ),
    (
        "a full-width space after the colon",
        _slip("  year: 2025", "  year:\u30002025"),
        8,
        8,
        "a full-width space after the colon or dash",
        "冒号或短横线后面是全角空格",
    ),
    (
        "a full-width space after a list dash",
        _slip("    - heading: 加强领导", "    -\u3000heading: 加强领导"),
        10,
        6,
        "a full-width space after the colon or dash",
        "冒号或短横线后面是全角空格",
    ),
    (
        "no space after a list dash",
        _slip("    - heading: 加强领导", "    -heading: 加强领导"),
        10,
        5,
        "no space after the `-` of a list item",
        "列表项的“-”后面缺少空格",
    ),
    (
        "a full-width dash for a list item",
        _slip("    - heading: 加强领导", "    － heading: 加强领导"),
        10,
        5,
        "the list item begins with `－`",
        "列表项以“－”开头",
    ),
    (
        "a key indented one space too far",
        _slip("  year: 2025", "   year: 2025"),
        8,
        4,
        "`year` is indented further than `title` on line 7",
        "`year` 比第 7 行的 `title` 缩进得多",
    ),
    (
        "a key indented less than its siblings",
        _slip("      items:", "     items:"),
        11,
        6,
        "this line does not line up with the keys above it",
        "这一行的缩进与上面的键对不齐",
    ),
    (
        "a Windows path in double quotes",
        _slip("title: 2025年工作要点", 'title: "C:\\d盘\\工作要点"'),
        7,
        13,
        "a backslash `\\` in double quotes starts an escape",
        "双引号中的反斜杠",
    ),
    (
        "text after a closing quote",
        _slip("title: 2025年工作要点", 'title: "2025年"工作要点'),
        7,
        17,
        'text after the closing “"”',
        '结束的“"”后面还有文字',
    ),
    (
        "a value that opens with a bracket",
        _slip("title: 2025年工作要点", "title: [重点]工作要点"),
        7,
        14,
        "text after the closing “]”",
        "结束的“]”后面还有文字",
    ),
    (
        "a value starting with @",
        _slip("title: 2025年工作要点", "title: @市委 工作要点"),
        7,
        10,
        "a value cannot begin with “@”",
        "值不能以“@”开头",
    ),
    (
        "a value starting with *",
        _slip("title: 2025年工作要点", "title: *重点*工作要点"),
        7,
        10,
        "a value cannot begin with “*”",
        "值不能以“*”开头",
    ),
    (
        "a value starting with |",
        _slip("title: 2025年工作要点", "title: |重点|"),
        7,
        10,
        "a value cannot begin with “|”",
        "值不能以“|”开头",
    ),
    (
        "a python tag",
        _slip("title: 2025年工作要点", 'title: !!python/object/apply:os.system ["echo"]'),
        7,
        10,
        "the YAML tag `!!python/object/apply:os.system` is not allowed",
        "不能使用 YAML 标签",
    ),
    (
        "a local tag",
        _slip("title: 2025年工作要点", "title: !重要 工作要点"),
        7,
        10,
        "the YAML tag `!重要` is not allowed",
        "不能使用 YAML 标签 `!重要`",
    ),
    (
        "an alias without its anchor",
        _slip("title: 2025年工作要点", "title: *plan_title"),
        7,
        10,
        "`*plan_title` refers to an anchor `&plan_title` that is not defined",
        "锚点 `&plan_title` 在前面没有定义",
    ),
    (
        "a second document",
        PLAN + "---\nplan: {}\n",
        13,
        1,
        "a second YAML document begins here",
        "这里开始了第二个 YAML 文档",
    ),
    (
        "a list as a key",
        _slip("  year: 2025", "  year: 2025\n  [甲, 乙]: 1"),
        9,
        3,
        "a list or a group of keys stands where a key name belongs",
        "应写键名的地方写成了列表",
    ),
    (
        "a complex key",
        _slip("  year: 2025", "  year: 2025\n  ? [甲, 乙]\n  : 1"),
        9,
        5,
        "a list or a group of keys stands where a key name belongs",
        "应写键名的地方写成了列表",
    ),
    (
        "a number as a key",
        _slip("  year: 2025", "  year: 2025\n  1: 甲"),
        9,
        3,
        "`1` is not a key name",
        "`1` 不是键名",
    ),
    (
        "yes as a key",
        _slip("  year: 2025", "  year: 2025\n  yes: 甲"),
        9,
        3,
        "`yes` is not a key name",
        "`yes` 不是键名",
    ),
    (
        "a key behind a full-width space",
        _slip("  year: 2025", "  year: 2025\n\u3000sections_x: 1")
        .replace("\u3000sections_x: 1\n", "")
        .replace("notice:", "\u3000notice:", 1),
        1,
        1,
        "the key `notice` has an invisible or full-width character in it (U+3000)",
        "键 `notice` 中夹有",
    ),
    (
        "a key with a zero-width space",
        _slip("  year: 2025", "  year\u200b: 2025"),
        8,
        3,
        "the key `year` has an invisible or full-width character in it (U+200B)",
        "键 `year` 中夹有",
    ),
    (
        "a time of day in a date",
        _slip("date: 2025-02-18", "date: 2025-02-18 10:00:00"),
        5,
        9,
        "not a date: 2025-02-18 10:00:00",
        "不是日期：2025-02-18 10:00:00",
    ),
    (
        "a date as printed",
        _slip("date: 2025-02-18", "date: 2025年2月18日"),
        5,
        9,
        "not a date: 2025年2月18日 — write it as 2025-02-18 (YYYY-MM-DD)",
        "请写成 2025-02-18（年-月-日）",
    ),
    (
        "a date in Chinese numerals",
        _slip("date: 2025-02-18", "date: 二〇二五年二月十八日"),
        5,
        9,
        "write it as 2025-02-18 (YYYY-MM-DD)",
        "请写成 2025-02-18（年-月-日）",
    ),
    (
        "a date with slashes and no leading zero",
        _slip("date: 2025-02-18", "date: 2025/2/8"),
        5,
        9,
        "write it as 2025-02-08 (YYYY-MM-DD)",
        "请写成 2025-02-08（年-月-日）",
    ),
    (
        "a date without dashes",
        _slip("date: 2025-02-18", "date: 20250218"),
        5,
        9,
        "write it as 2025-02-18 (YYYY-MM-DD)",
        "请写成 2025-02-18（年-月-日）",
    ),
    (
        "a date in a list",
        _slip("date: 2025-02-18", "date: [2025-02-18]"),
        5,
        9,
        "not a date: [2025-02-18]",
        "不是日期：[2025-02-18]",
    ),
    (
        "yes as the year",
        _slip("year: 2025", "year: yes"),
        8,
        9,
        "this must be a whole number: yes",
        "这里应是整数：yes",
    ),
    (
        "a year in full-width digits",
        _slip("year: 2025", "year: ２０２５"),
        8,
        9,
        "these are full-width digits: type them half-width, 2025",
        "这是全角数字：请用半角输入，2025",
    ),
    (
        "a bare dash in a list",
        _slip("    - 现将工作要点印发给你们。", "    - 现将工作要点印发给你们。\n    -"),
        5,
        6,
        "正文（body） (notice.body.1): nothing is written here — write it, or delete the line",
        "这里什么也没写——请写上内容，或删去这一行",
    ),
    (
        "a required key with nothing after it",
        _slip("title: 2025年工作要点", "title:"),
        7,
        9,
        "标题（title） (plan.title): nothing is written here — write it",
        "这里什么也没写——请写上内容",
    ),
    (
        "a name YAML reads as false",
        _slip("  recipients: [各单位]", "  recipients: [各单位, NO]"),
        2,
        21,
        "this must be text: YAML reads NO as true or false — put it in quotes: 'NO'",
        "YAML 会把 NO 读成 true 或 false——请加上引号：'NO'",
    ),
    (
        "a serial alone as the 文号",
        _slip("  recipients: [各单位]", "  doc_number: 38\n  recipients: [各单位]"),
        2,
        15,
        "发文字号 '38' is not of the form 代字〔YYYY〕N号",
        "不符合“代字〔YYYY〕N号”的格式",
    ),
]

# Words allowed in a Chinese message: what a clerk types (keys, values quoted from the file) is in
# `…` or “…”, and these names stay as they are in both languages.
_KEPT = {
    "YAML",
    "true",  # the YAML words a clerk types
    "false",
    "UTF",
    "Unicode",
    "Word",
    "docx",
    "Tab",
    "workplan",
    "import",
    "schema",
    "new",
    "plan",
    "yaml",
}


def english_left(message: str) -> list[str]:
    """English words of a Chinese message outside quotes, backticks and the file:line:col prefix."""
    body = re.sub(r"^\S+?:\d+:\d+: ", "", message)
    body = re.sub(r"`[^`]*`|“[^”]*”|\([a-z_.0-9]+\)|（[A-Za-z_.0-9]+）", "", body)
    return [w for w in re.findall(r"[A-Za-z]{3,}", body) if w not in _KEPT]


def _problems(text: str, language: str) -> list[str]:
    with speaking(language):
        with pytest.raises(InputError) as caught:
            load_text(text, "plan.yaml")
        return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "english", "chinese"), SLIPS, ids=[s[0] for s in SLIPS]
)
def test_a_slip_is_named_at_its_place_in_both_languages(
    name: str, text: str, line: int, column: int, english: str, chinese: str
) -> None:
    for language, words, severity in (("en", english, "error: "), ("zh", chinese, "错误：")):
        problems = _problems(text, language)
        ours = [p for p in problems if words in p]
        assert ours, problems
        assert ours[0].startswith(f"plan.yaml:{line}:{column}: {severity}"), ours[0]
        if language == "zh":
            assert english_left(ours[0].replace("yes", "")) == [], ours[0]


def test_text_with_full_width_spaces_is_still_text() -> None:
    """Full-width spaces inside a value (a paragraph's 首行缩进) are data, not a slip."""
    text = _slip(
        "    - 现将工作要点印发给你们。", "    - \u3000\u3000现将工作要点印发给你们。\n      \u3000续行。"
    )
    document = load_text(text, "plan.yaml")
    assert document.notice is not None
    assert document.notice.body == ["\u3000\u3000现将工作要点印发给你们。 \u3000续行。"]


def test_an_unexplained_syntax_error_speaks_chinese() -> None:
    """A slip with no explanation of its own still gets a Chinese message: PyYAML's words stay out."""
    text = _slip("title: 2025年工作要点", "title: 2025年工作要点\n  %YAML: 1")
    for message in _problems(text, "zh"):
        assert english_left(message) == [], message


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "english", "chinese"), SLIPS, ids=[s[0] for s in SLIPS]
)
def test_a_large_plan_gets_the_same_explanation_from_libyaml(
    name: str, text: str, line: int, column: int, english: str, chinese: str
) -> None:
    """Past 1 MiB a syntax error is explained from libyaml's report (PyYAML would take ~2 s a
    MiB to say it again): each slip reads the same from either parser's words."""
    import yaml

    from generator import yaml_syntax

    def explained(loader: type) -> str | None:
        try:
            yaml.load(text, Loader=loader)  # the safe loaders only
        except yaml.MarkedYAMLError as exc:
            if loader is yaml.CSafeLoader:
                exc = yaml_syntax.in_pyyaml_words(exc)
            return str(yaml_syntax.explain(text, exc, "plan.yaml"))
        except yaml.YAMLError:
            return None
        return None

    assert explained(yaml.CSafeLoader) == explained(yaml.SafeLoader)


def test_a_slip_at_the_end_of_a_large_plan(tmp_path) -> None:
    """A 2 MiB plan with a full-width colon on its last line: named there, from libyaml's report."""
    from generator.load import load_document

    items = "".join(
        f"    - heading: 第{i}项重点工作\n      text: [开展督查，确保落实到位。]\n" for i in range(30000)
    )
    text = PLAN + items + "  year：2025\n"
    assert len(text.encode()) > 1 << 20
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(plan)
    (problem,) = caught.value.problems
    assert str(problem).startswith(
        f"{plan}:{text.count(chr(10))}:7: error: full-width colon `：` after `year`"
    )
