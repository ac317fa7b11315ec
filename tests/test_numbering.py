"""Chinese numerals and hierarchy labels, checked against a table written by hand, not by the code.

The numerals are those of document numbering: 十 (not 一十) for 10–19, 一百一十 (with 一) past 100,
one 零 for each run of missing units, 二千 (as in 二千零二十年) rather than 两千.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Node, Numbering, Plan
from generator.numbering import (
    Counter,
    chinese_numeral,
    circled_numeral,
    citation,
    label,
    number_plan,
    ordinals,
    parse_chinese_digits,
    parse_chinese_numeral,
    parse_label,
    points_inline,
)

NUMERALS = {
    1: "一",
    2: "二",
    3: "三",
    9: "九",
    10: "十",
    11: "十一",
    12: "十二",
    19: "十九",
    20: "二十",
    21: "二十一",
    30: "三十",
    34: "三十四",
    36: "三十六",
    42: "四十二",
    99: "九十九",
    100: "一百",
    101: "一百零一",
    105: "一百零五",
    110: "一百一十",
    111: "一百一十一",
    119: "一百一十九",
    120: "一百二十",
    200: "二百",
    305: "三百零五",
    350: "三百五十",
    999: "九百九十九",
    1000: "一千",
    1001: "一千零一",
    1009: "一千零九",
    1010: "一千零一十",
    1011: "一千零一十一",
    1020: "一千零二十",
    1100: "一千一百",
    1101: "一千一百零一",
    1110: "一千一百一十",
    1200: "一千二百",
    2020: "二千零二十",
    2024: "二千零二十四",
    3005: "三千零五",
    4000: "四千",
    5050: "五千零五十",
    7007: "七千零七",
    8800: "八千八百",
    9999: "九千九百九十九",
}


@pytest.mark.parametrize(("n", "expected"), NUMERALS.items())
def test_chinese_numeral_table(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, -1, 10000, 12345])
def test_chinese_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


def _read_numeral(text: str) -> int:
    """An independent reader of Chinese numerals, for the round trip below."""
    digits, units = "零一二三四五六七八九", {"十": 10, "百": 100, "千": 1000}
    total = digit = 0
    for char in text:
        if char in units:
            total += (digit or 1) * units[char]  # 十一: a bare 十 is one ten
            digit = 0
        else:
            digit = digits.index(char)
    return total + digit


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numeral_reads_back(n: int) -> None:
    """Every numeral reads back as its number, with no doubled or final 零 and 十 leading only 10–19."""
    text = chinese_numeral(n)
    assert _read_numeral(text) == n
    assert "零零" not in text
    assert not text.endswith("零")
    assert text.startswith("十") == (10 <= n <= 19)


LABELS = [
    ("chinese", 1, "一、"),
    ("chinese", 11, "十一、"),
    ("chinese", 20, "二十、"),
    ("chinese_paren", 1, "（一）"),
    ("chinese_paren", 11, "（十一）"),
    ("chinese_paren", 36, "（三十六）"),
    ("chinese_paren", 42, "（四十二）"),
    ("arabic", 1, "1."),
    ("arabic", 15, "15."),
    ("arabic_paren", 3, "（3）"),
    ("arabic_paren", 12, "（12）"),
    ("arabic_comma", 5, "5、"),
    ("circled", 1, "①"),
    ("circled", 10, "⑩"),
    ("circled", 20, "⑳"),
    ("circled", 21, "（21）"),
    ("circled", 100, "（100）"),
]


@pytest.mark.parametrize(("scheme", "n", "expected"), LABELS)
def test_labels(scheme: str, n: int, expected: str) -> None:
    assert label(scheme, n) == expected  # type: ignore[arg-type]


def test_circled_one_to_twenty() -> None:
    assert "".join(circled_numeral(n) for n in range(1, 21)) == "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def test_circled_fallback_past_twenty() -> None:
    """Documented fallback: past ⑳ the full-width parenthesised Arabic number."""
    assert [circled_numeral(n) for n in (21, 22, 50)] == ["（21）", "（22）", "（50）"]


@pytest.mark.parametrize("scheme", ["chinese", "chinese_paren", "circled"])
def test_label_rejects_zero(scheme: str) -> None:
    with pytest.raises(ValueError):
        label(scheme, 0)  # type: ignore[arg-type]


def test_label_rejects_10000_in_chinese() -> None:
    with pytest.raises(ValueError):
        label("chinese", 10000)
    with pytest.raises(ValueError):
        label("chinese_paren", 10000)


def test_points_inline() -> None:
    assert (
        points_inline(["加强领导。", "压实责任。", "严格考核。"])
        == "一是加强领导。二是压实责任。三是严格考核。"
    )


# --- reading numerals and labels back ---------------------------------------------------------


@pytest.mark.parametrize(("n", "text"), NUMERALS.items())
def test_parse_chinese_numeral_table(n: int, text: str) -> None:
    assert parse_chinese_numeral(text) == n


READ_VARIANTS = {
    "一十": 10,  # the formal 一十 for 10–19
    "一十五": 15,
    "一百〇一": 101,  # 〇 (and ○) for 零
    "一千○五": 1005,
    "两百": 200,  # 两 before 百/千
    "两千零二十": 2020,
}


@pytest.mark.parametrize(("text", "n"), READ_VARIANTS.items())
def test_parse_chinese_numeral_variants(text: str, n: int) -> None:
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一二",  # read digit by digit before: 2
        "十十",  # 20 before
        "一百一",  # colloquial 110, not document numbering
        "一千一十",  # 1010 is 一千零一十
        "一百零零一",
        "二十零",
        "零",
        "零一",
        "十两",
        "两",
        "百",
        "千",
        "一万",
        "十一、",
        "11",
    ],
)
def test_parse_chinese_numeral_rejects(text: str) -> None:
    assert parse_chinese_numeral(text) is None


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize(
    ("text", "n"), [("二〇二一", 2021), ("二○一九", 2019), ("二零二四", 2024), ("一九", 19)]
)
def test_parse_chinese_digits(text: str, n: int) -> None:
    assert parse_chinese_digits(text) == n


@pytest.mark.parametrize("text", ["", "二〇二十", "两〇二一", "2021"])
def test_parse_chinese_digits_rejects(text: str) -> None:
    assert parse_chinese_digits(text) is None


# (text, scheme, number, raw, rest, flags): what parse_label reads at the start of a paragraph.
PARSED_LABELS = [
    ("一、总体要求", "chinese", 1, "一、", "总体要求", ""),
    ("十一、加强监管", "chinese", 11, "十一、", "加强监管", ""),
    ("（一百零一）做好", "chinese_paren", 101, "（一百零一）", "做好", ""),
    ("（二百）", "chinese_paren", 200, "（二百）", "", ""),
    ("（ 十一 ）做好", "chinese_paren", 11, "（ 十一 ）", "做好", ""),
    ("(一)加强", "chinese_paren", 1, "(一)", "加强", "halfwidth"),
    ("（一)加强", "chinese_paren", 1, "（一)", "加强", "mixed"),
    ("(一）加强", "chinese_paren", 1, "(一）", "加强", "mixed"),
    ("一．加强", "chinese", 1, "一．", "加强", "dotted"),
    ("1.加强", "arabic", 1, "1.", "加强", ""),
    ("1 . 加强", "arabic", 1, "1 .", "加强", ""),
    ("1．加强", "arabic", 1, "1．", "加强", ""),
    ("12.加强", "arabic", 12, "12.", "加强", ""),
    ("（3）做好", "arabic_paren", 3, "（3）", "做好", ""),
    ("(12)做好", "arabic_paren", 12, "(12)", "做好", "halfwidth"),
    ("5、做好", "arabic_comma", 5, "5、", "做好", ""),
    ("①做好", "circled", 1, "①", "做好", ""),
    ("⑳做好", "circled", 20, "⑳", "做好", ""),
    ("⑴做好", "arabic_paren", 1, "⑴", "做好", "enclosed"),  # U+2474, one character
    ("⒇做好", "arabic_paren", 20, "⒇", "做好", "enclosed"),
    ("⒈做好", "arabic", 1, "⒈", "做好", "enclosed"),  # U+2488, DIGIT ONE FULL STOP
    ("⒓ 做好", "arabic", 12, "⒓", "做好", "enclosed"),
]


@pytest.mark.parametrize(("text", "scheme", "n", "raw", "rest", "flag"), PARSED_LABELS)
def test_parse_label_table(text: str, scheme: str, n: int, raw: str, rest: str, flag: str) -> None:
    found = parse_label(text)
    assert found is not None
    assert (found.scheme, found.number, found.raw, found.rest) == (scheme, n, raw, rest)
    flags = {name for name in ("halfwidth", "mixed", "dotted", "enclosed") if getattr(found, name)}
    assert flags == ({flag} if flag else set())


@pytest.mark.parametrize(
    "text",
    [
        "1.5倍以上",  # a decimal, not a label
        "2021年7月19日",
        "2021.",  # four digits: a year, not a label
        "一二、",  # not a numeral
        "十十、",
        "（一二）",
        "一是加强领导",
        "总体要求",
        "（一",
        "",
    ],
)
def test_parse_label_refuses(text: str) -> None:
    assert parse_label(text) is None


@given(
    st.sampled_from(["chinese", "chinese_paren", "arabic", "arabic_paren", "arabic_comma", "circled"]),
    st.integers(min_value=1, max_value=9999),
)
def test_labels_read_back(scheme: str, n: int) -> None:
    """Every label the writers print reads back as its scheme and number (Arabic up to 999,
    past which a number would be a year; ① up to ⑳, past which the fallback （21） is Arabic)."""
    if scheme.startswith("arabic") or scheme == "circled":
        n = n % 999 + 1
    printed = label(scheme, n)  # type: ignore[arg-type]
    found = parse_label(printed + "加强")
    expected = "arabic_paren" if scheme == "circled" and n > 20 else scheme
    assert found is not None
    assert (found.scheme, found.number, found.raw, found.rest) == (expected, n, printed, "加强")


@pytest.mark.parametrize(
    ("labels", "cited"),
    [
        (["二、", "（三）"], "二（三）"),
        (["二、", "（三）", "1."], "二（三）1."),
        (["一、"], "一、"),
        (["", "（一）"], "（一）"),
        (["三、", ""], "三、"),
        ([], ""),
    ],
)
def test_citation(labels: list[str], cited: str) -> None:
    assert citation(labels) == cited


# --- labels of whole plans ----------------------------------------------------------------------


def _item(heading: str, *children: Node, numbered: bool = True) -> Node:
    return Node(heading=heading, numbered=numbered, items=list(children))


def _labels(plan: Plan) -> list[tuple[int, str, str]]:
    return [(e.level, e.label, e.node.heading or "") for top in number_plan(plan) for e in top.walk()]


def _two_sections(numbering: Numbering) -> Plan:
    return Plan(
        title="要点",
        year=2021,
        numbering=numbering,
        sections=[
            _item("甲", _item("a"), _item("b")),
            _item("乙", _item("c")),
            _item("丙", _item("d"), _item("e")),
        ],
    )


def test_default_levels_restart_under_each_parent() -> None:
    """Seed 004: (一) restarts in every section."""
    assert _labels(_two_sections(Numbering())) == [
        (1, "一、", "甲"),
        (2, "（一）", "a"),
        (2, "（二）", "b"),
        (1, "二、", "乙"),
        (2, "（一）", "c"),
        (1, "三、", "丙"),
        (2, "（一）", "d"),
        (2, "（二）", "e"),
    ]


def test_continuous_level_runs_across_sections() -> None:
    """Seeds 000, 001, 003: （一）…（五） straight through all sections."""
    assert [lab for _, lab, _ in _labels(_two_sections(Numbering(continuous=[2])))] == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（三）",
        "三、",
        "（四）",
        "（五）",
    ]


def test_arabic_items_continuous() -> None:
    """Seed 002: sections 一、 with items 1. … numbered straight through."""
    plan = _two_sections(Numbering(levels=["chinese", "arabic"], continuous=[2]))
    assert [lab for _, lab, _ in _labels(plan)] == ["一、", "1.", "2.", "二、", "3.", "三、", "4.", "5."]


def test_continuous_third_level_runs_across_its_grandparents() -> None:
    plan = Plan(
        title="要点",
        year=2021,
        numbering=Numbering(continuous=[3]),
        sections=[
            _item("甲", _item("a", _item("x"), _item("y")), _item("b", _item("z"))),
            _item("乙", _item("c", _item("w"))),
        ],
    )
    assert [lab for _, lab, _ in _labels(plan)] == [
        "一、",
        "（一）",
        "1.",
        "2.",
        "（二）",
        "3.",
        "二、",
        "（一）",
        "4.",
    ]


def test_five_default_levels() -> None:
    deepest = _item("一", _item("二", _item("三", _item("四", _item("五")))))
    plan = Plan(title="要点", year=2021, sections=[deepest])
    assert [lab for _, lab, _ in _labels(plan)] == ["一、", "（一）", "1.", "（1）", "①"]


def test_levels_past_the_list_use_the_defaults() -> None:
    plan = Plan(
        title="要点",
        year=2021,
        numbering=Numbering(levels=["chinese"]),
        sections=[_item("甲", _item("a", _item("x")))],
    )
    assert [lab for _, lab, _ in _labels(plan)] == ["一、", "（一）", "1."]


def test_unnumbered_heading_uses_up_no_number() -> None:
    """`numbered: false`: no label, and the next sibling takes the number it would have had."""
    plan = Plan(
        title="要点",
        year=2021,
        numbering=Numbering(continuous=[2]),
        sections=[
            _item("总体要求", _item("指导思想", numbered=False), _item("a")),
            _item("附则", numbered=False),
            _item("乙", _item("b"), _item("说明", numbered=False), _item("c")),
        ],
    )
    assert _labels(plan) == [
        (1, "一、", "总体要求"),
        (2, "", "指导思想"),
        (2, "（一）", "a"),
        (1, "", "附则"),
        (1, "二、", "乙"),
        (2, "（二）", "b"),
        (2, "", "说明"),
        (2, "（三）", "c"),
    ]


def test_children_of_an_unnumbered_heading_are_numbered() -> None:
    plan = Plan(
        title="要点",
        year=2021,
        sections=[_item("前言", _item("a"), _item("b"), numbered=False), _item("甲", _item("c"))],
    )
    assert [lab for _, lab, _ in _labels(plan)] == ["", "（一）", "（二）", "一、", "（一）"]


def test_many_items_cross_into_tens() -> None:
    """（十） (十一) … as seeds 000/001/003 print them past nine items."""
    plan = Plan(
        title="要点",
        year=2021,
        sections=[_item("甲", *[_item(str(i)) for i in range(1, 22)])],
    )
    labels = [lab for level, lab, _ in _labels(plan) if level == 2]
    assert labels[8:12] == ["（九）", "（十）", "（十一）", "（十二）"]
    assert labels[19:] == ["（二十）", "（二十一）"]


# --- the counting rule, shared by the labels, the loader, the importer and the checker ------------


def test_counter_restarts_under_a_new_parent_unless_the_level_is_continuous() -> None:
    counter = Counter(continuous=[3])
    counted = []
    for level in (1, 2, 3, 3, 2, 3, 1, 2, 3):  # 一、（一）1. 2.（二）3. 二、（一）4.
        counter.heading(level)
        counted.append(counter.count(level))
    assert counted == [1, 1, 1, 2, 2, 3, 2, 1, 4]


def test_counter_of_a_printed_document_allows_both_readings() -> None:
    counter = Counter(continuous=None)
    for level, number in ((1, 1), (2, 1), (2, 2), (1, 2)):
        counter.heading(level)
        counter.count(level, number)
    counter.heading(2)
    assert counter.due(2) == {1, 3}  # restarting under 二、, or running on from （二）
    counter.count(2, 3)
    counter.heading(2)
    assert counter.due(2) == {4}  # under the same parent only the next number will do


def test_ordinals_skip_unnumbered_nodes_and_follow_child_numbering() -> None:
    plan = Plan(
        title="t",
        year=2024,
        numbering=Numbering(continuous=[2]),
        sections=[
            Node(heading="a", items=[Node(heading="x"), Node(heading="y")]),
            Node(heading="b", numbered=False, items=[Node(heading="z")]),
            Node(heading="c", child_numbering="arabic", items=[Node(heading="w")]),
        ],
    )
    found = [(o.path, o.scheme, o.number) for o in ordinals(plan)]
    assert found == [
        ((0,), "chinese", 1),
        ((0, 0), "chinese_paren", 1),
        ((0, 1), "chinese_paren", 2),
        ((1,), "chinese", None),
        ((1, 0), "chinese_paren", 3),
        ((2,), "chinese", 2),
        ((2, 0), "arabic", 4),
    ]
