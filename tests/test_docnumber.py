"""发文字号 read from text in every bracket form, by the one reader the model, importer, rollover
and the year finder share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.docnumber import CLOSING, OPENING, cited_years, find_doc_number, parse_doc_number
from generator.model import DocNumber
from generator.model_tools import validate
from generator.rollover.years import find_mentions

WHOLE = [
    ("吴卫医〔2021〕38号", ("吴卫医", 2021, 38)),
    ("吴卫医[2021]38号", ("吴卫医", 2021, 38)),
    ("吴卫医［2021］38号", ("吴卫医", 2021, 38)),
    ("沪卫规(2021)3号", ("沪卫规", 2021, 3)),
    ("沪卫规（2021）3号", ("沪卫规", 2021, 3)),
    ("苏卫【2019】第12号", ("苏卫", 2019, 12)),
    (" 吴卫医 〔 2021 〕 第 38 号 ", ("吴卫医", 2021, 38)),
    ("沪松卫〔2025〕号", ("沪松卫", 2025, None)),  # a rollover draft, 序号 to be filled
    ("沪松卫〔2025〕", ("沪松卫", 2025, None)),
]


@pytest.mark.parametrize(("text", "parts"), WHOLE)
def test_parse_doc_number(text: str, parts: tuple[str, int, int | None]) -> None:
    prefix, year, serial = parts
    assert parse_doc_number(text) == {"prefix": prefix, "year": year, "serial": serial}
    assert validate(DocNumber, text) == DocNumber(prefix=prefix, year=year, serial=serial)


@pytest.mark.parametrize(
    "text", ["", "吴卫医38号", "〔2021〕38号", "吴卫医〔21〕38号", "吴卫医〔2021〕38号 附件"]
)
def test_parse_doc_number_refuses(text: str) -> None:
    assert parse_doc_number(text) is None


def test_find_inside_a_quoted_scalar() -> None:
    """rollover edits the YAML source in place: the spans index the source text."""
    source = '"吴卫医〔2021〕第38号"'
    found = find_doc_number(source)
    assert found is not None
    assert source[slice(*found.year_span)] == "2021"
    assert found.number_span is not None and source[slice(*found.number_span)] == "第38"
    assert source[slice(*found.bracket_span)] == "〔2021〕"


def test_cited_years_in_running_text() -> None:
    text = "根据《通知》（苏卫医政〔2023〕12号）、沪卫（2021）3号和[2019]，（2022）为界"
    assert [(c.year, text[slice(*c.bracket_span)]) for c in cited_years(text)] == [
        (2023, "〔2023〕"),
        (2021, "（2021）"),
        (2019, "[2019]"),
    ]  # （2022） alone is not a 文号


def test_years_classes_cited_numbers_as_documents() -> None:
    text = "按照沪卫（2024）3号要求，2024年底前完成。"
    classes = [(m.cls, m.text) for m in find_mentions(text, 2024, 2025)]
    assert classes == [("document", "（2024）"), ("deadline", "2024年底前")]


@given(
    st.text(alphabet="吴卫医沪松苏政办", min_size=1, max_size=6),
    st.integers(min_value=1949, max_value=9999),
    st.none() | st.integers(min_value=1, max_value=9999),
    st.sampled_from(list(zip(OPENING, CLOSING, strict=True))),
)
def test_any_bracket_form_round_trips(
    prefix: str, year: int, serial: int | None, brackets: tuple[str, str]
) -> None:
    opening, closing = brackets
    text = f"{prefix}{opening}{year}{closing}{serial or ''}号"
    assert parse_doc_number(text) == {"prefix": prefix, "year": year, "serial": serial}
