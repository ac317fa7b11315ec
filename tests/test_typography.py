"""Half-width punctuation in Chinese text: one rule for the importer's defect report and lint.

The table is written by hand; seeds 001 and 003 carry real slips.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS

from generator.typography import FULL_WIDTH, halfwidth_marks, has_halfwidth_punctuation

# (text, the half-width marks flagged, in order)
CASES = [
    ("卫健委,社会事业局", ","),
    ("落实责任,压实担子(二级以上)。", ",()"),
    ("管理体,100%以上", ","),  # seed 003: a number after the comma is still Chinese prose
    ("截至2020,全区", ","),
    ("要求:全面", ":"),
    ("为什么?还要", "?"),
    ("行吗!", "!"),
    ("推进多学科诊疗(MDT)、日间手术", ""),  # a Latin abbreviation in half-width brackets is left alone
    ("日间手术,x,y。", ""),
    ("共10,000元", ""),  # a thousands separator
    ("范围(A类)", ")"),  # only the bracket next to Chinese
    ("Hello, world", ""),
    ("卫健委，社会事业局（四院除外）", ""),
]


@pytest.mark.parametrize(("text", "marks"), CASES)
def test_halfwidth_marks(text: str, marks: str) -> None:
    assert "".join(m.group() for m in halfwidth_marks(text)) == marks
    assert has_halfwidth_punctuation(text) == bool(marks)


def test_every_flagged_mark_has_a_full_width_form() -> None:
    for text, marks in CASES:
        for mark in marks:
            assert FULL_WIDTH[mark] != mark and len(FULL_WIDTH[mark]) == 1, text


def test_seed_slips_are_found() -> None:
    """Seed 001 keeps its source's 社会事业局,委属各医院; seed 003 has 管理体,100%."""
    for name, slip in (("001", "社会事业局,委属"), ("003", "管理体,100%")):
        text = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if slip in line]
        assert lines and all(has_halfwidth_punctuation(line) for line in lines)
