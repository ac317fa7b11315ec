"""Year mentions: every way the corpus names a year is found, classified, and changed only in its digits."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.rollover.years import DEFAULT_CLASSES, apply_mentions, find_mentions, sentence

SEED_YEARS = {"000": 2021, "001": 2022, "002": 2024, "003": 2019, "004": 2021}
YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年")


def classes(text: str, plan_year: int = 2024, new_year: int = 2025, title: str | None = None) -> list[str]:
    return [m.cls for m in find_mentions(text, plan_year, new_year, title=title)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the plan year as "this year": sentence start + 是 / comma / 全… / 我…
        ("2024年是实现“十四五”规划目标至关重要的一年", ["this_year", "period"]),
        ("2024 年，全区医政医管工作要以习近平新时代", ["this_year"]),
        ("2024年,全市医政医管工作要以", ["this_year"]),
        ("总体要求。2024年全县卫生健康工作思路", ["this_year"]),
        ("2024年我委将继续", ["this_year"]),
        # the plan year elsewhere: proposed, not applied by default
        ("结合我市卫生健康工作实际，2024年卫生健康工作重点抓好以下方面工作。", ["plan_year"]),
        ("进一步做好2024年孕优和婚检工作。", ["plan_year"]),
        ("2024年卫生健康工作重点", ["plan_year"]),
        # deadlines and dates within the plan year
        ("2024年底前完成", ["deadline"]),
        ("2024 年底全面完成设备采购", ["deadline"]),
        ("力争2024年末达到二级专科医院建设标准", ["deadline"]),
        ("2024年12月底,传染病医疗机构", ["deadline"]),
        ("请于2024年4月10日前报送", ["deadline"]),
        ("2024年上半年完成", ["deadline"]),
        ("2024年第三季度", ["deadline"]),
        ("年内新增省级临床重点专科6-8个", ["deadline"]),
        ("年底前完成", ["deadline"]),
        ("年度内再成立1-2个质控中心", ["deadline"]),
        # 年度
        ("组织开展 2024 年度绩效考核", ["annual"]),
        ("实施2024年度乡村医生定向委托培养", ["annual"]),
        # other years
        ("2022年12月底前已完成", ["past"]),
        ("到2035年基本建成", ["future"]),
        ("2023年度考核结果", ["past"]),
        # ranges
        ("《苏州市吴中区医疗机构设置规划（2021-2025）》", ["range"]),
        ("组织开展新一轮（2021-2023年）卫生城镇创建工作", ["range"]),
        ("《上海市遏制微生物耐药行动计划（2022-2025年）实施方案》", ["range"]),
        ("2021—2025年", ["range"]),
        ("2021年至2025年", ["range"]),
        # 五年规划 and cited 文号
        ("完成《连云港市“十四五”院前急救医疗事业发展规划》编制工作", ["period"]),
        ("“十三五”以来", ["period"]),
        ("谋划“十五五”卫生健康规划", ["period"]),
        ("根据《通知》（苏卫医政〔2023〕12号）", ["document"]),
        # relative words
        ("绩效工资总量比上年度提高10-20%", ["relative"]),
        ("今年要", ["relative"]),
        # not year mentions
        ("力争3年内创建成功", []),
        ("半年内完成", []),
        ("确保定点医院做好1000张救治床位准备", []),
        ("新建 10000 m²业务用房，总投资 11600 万元", []),
        ("每年底报送", []),
        ("市级 20 家", []),
    ],
)
def test_classes(text: str, expected: list[str]) -> None:
    assert classes(text) == expected


def test_plan_title_quoted_is_title_class() -> None:
    title = "2024年上海市松江区医政管理工作要点"
    body = "现将《2024年上海市松江区医政管理工作要点》印发给你们。"
    assert classes(body, title=title) == ["title"]
    # a notice title broken by hand and with a stray space still names the plan
    assert classes("关于印发2024年上海市松江区 医政管理\n工作要点的通知", title=title) == ["title"]
    assert classes(body) == ["plan_year"]


def test_only_title_and_this_year_apply_by_default() -> None:
    text = "2024年是关键一年。2024年底前完成；组织开展2024年度考核。"
    mentions = find_mentions(text, 2024, 2025)
    assert [(m.cls, m.default) for m in mentions] == [
        ("this_year", True),
        ("deadline", False),
        ("annual", False),
    ]
    defaults = [m for m in mentions if m.default]
    assert apply_mentions(text, defaults) == "2025年是关键一年。2024年底前完成；组织开展2024年度考核。"
    assert apply_mentions(text, mentions) == "2025年是关键一年。2025年底前完成；组织开展2025年度考核。"
    assert {m.cls for m in mentions if m.default} <= DEFAULT_CLASSES


def test_proposals_keep_spacing() -> None:
    (mention,) = find_mentions("组织开展 2021 年度绩效考核", 2021, 2022)
    assert mention.text == "2021 年度"
    assert mention.proposal == "2022 年度"


@pytest.mark.parametrize(
    ("text", "new_year", "warned"),
    [
        ("2024年是实现“十四五”规划目标至关重要的一年", 2025, False),
        ("2024年是实现“十四五”规划目标至关重要的一年", 2026, True),
        ("“十三五”以来", 2021, True),
        ("谋划“十五五”规划", 2026, False),
        ("新一轮（2021-2023年）卫生城镇创建", 2023, False),
        ("新一轮（2021-2023年）卫生城镇创建", 2024, True),
    ],
)
def test_period_and_range_warnings(text: str, new_year: int, warned: bool) -> None:
    warnings = [m.warning for m in find_mentions(text, 2024, new_year) if m.warning]
    assert bool(warnings) == warned
    if warned:
        assert str(new_year) in warnings[0]


def test_five_year_plan_periods() -> None:
    (m,) = find_mentions("“十四五”", 2024, 2025)
    assert m.years == (2021, 2025)
    (m,) = find_mentions("“十三五”", 2024, 2025)
    assert m.years == (2016, 2020)
    (m,) = find_mentions("“十五五”", 2024, 2025)
    assert m.years == (2026, 2030)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_year_word_of_the_seeds_is_a_mention(seed) -> None:
    """Each `YYYY年` of the five seed notices lies inside a found mention."""
    text = seed.read_text(encoding="utf-8")
    year = SEED_YEARS[seed.name[:3]]
    mentions = find_mentions(text, year, year + 1)
    spans = [(m.start, m.end) for m in mentions]
    words = list(YEAR_WORD.finditer(text))
    assert words
    for word in words:
        assert any(s <= word.start() and word.end() <= e for s, e in spans), word.group()


def test_sentence_is_the_one_around_the_mention() -> None:
    text = "第一句。2024年底前完成第二句；第三句。"
    (m,) = find_mentions(text, 2024, 2025)
    assert sentence(text, m.start, m.end) == "2024年底前完成第二句；"
    long = "甲" * 300 + "2024年底前" + "乙" * 300 + "。"
    (m,) = find_mentions(long, 2024, 2025)
    short = sentence(long, m.start, m.end)
    assert "2024年底前" in short and short.startswith("…") and short.endswith("…")


FRAGMENTS = [
    "2023", "2024", "2025", "2019", "年", "年度", "年底前", "年内", "是", "，", ",", "。", "；", "\n", " ",
    "全区", "我委", "十四五", "十三五", "-", "—", "至", "（", "）", "〔", "〕", "3", "12月底", "工作",
    "《", "》", "要点", "1000", "半",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.integers(2015, 2030),
    st.integers(2015, 2030),
)
def test_applying_proposals_changes_only_mention_digits(text: str, old: int, new: int) -> None:
    mentions = find_mentions(text, old, new, title=f"{old}年工作要点")
    out = apply_mentions(text, mentions)
    assert len(out) == len(text)
    digits = {i for m in mentions if m.digits for i in range(*m.digits)}
    for i, (a, b) in enumerate(zip(text, out, strict=True)):
        if a != b:
            assert i in digits
    for m in mentions:
        assert text[m.start : m.end] == m.text
        if m.digits:
            assert text[m.digits[0] : m.digits[1]] == str(old)
            assert out[m.digits[0] : m.digits[1]] == str(new)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), st.integers(2015, 2030))
def test_rolling_to_the_same_year_changes_nothing(text: str, year: int) -> None:
    mentions = find_mentions(text, year, year)
    assert all(m.proposal is None for m in mentions)
    assert apply_mentions(text, mentions) == text
