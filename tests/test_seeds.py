"""Each seed document, written as a plan, renders back to the text it came from.

The comparison ignores what the extraction added or lost and nothing else: whitespace, the
Markdown marks (`#`, `*`, `---`) and the width of brackets ((一) vs （一）). Everything else —
every character of the notice and the plan, in order — must match to a difflib ratio of 0.99, and
the numbering labels must come out in the source's order (for seed 003 in the corrected order).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from conftest import PLANS, SEEDS

from generator.load import load_document
from generator.render import render

SEED_PLANS = {
    "000": "suzhou-wuzhong-2021.yaml",
    "001": "lianyungang-2022.yaml",
    "002": "shanghai-songjiang-2024.yaml",
    "003": "wuzhong-2019.yaml",
    "004": "suixi-2021.yaml",
}

MIN_RATIO = 0.99

_NUMERAL = "[一二三四五六七八九十百]+"
# A numbering label at the start of a paragraph: 一、 （一） (一) 1. 1、 （1） ①.
LABEL = re.compile(rf"^(?:{_NUMERAL}、|[（(]{_NUMERAL}[）)]|\d+[.．、]|[（(]\d+[）)]|[①-⑳])")

# Seed 003 as it should have been numbered (read from the source, sections counted by hand): the
# source prints 一、二、二、三、四、 then three headings without a number, then 八、九、 and one more
# without a number; its items （一）…（四十二） are right. One line per section.
EXPECTED_003 = """
一、 (一) (二)
二、 (三) (四) (五) (六) (七) (八) (九)
三、 (十) (十一) (十二) (十三)
四、 (十四) (十五) (十六)
五、 (十七) (十八) (十九) (二十) (二十一) (二十二)
六、 (二十三) (二十四) (二十五) (二十六) (二十七)
七、 (二十八) (二十九) (三十) (三十一) (三十二)
八、 (三十三) (三十四) (三十五) (三十六)
九、 (三十七) (三十八)
十、 (三十九) (四十)
十一、 (四十一) (四十二)
""".split()

# What the source of 003 actually prints as section labels (the defects the plan corrects).
SOURCE_003_SECTIONS = ["一、", "二、", "二、", "三、", "四、", "八、", "九、"]


def seed_path(key: str) -> Path:
    (path,) = SEEDS.glob(f"{key}_*.txt")
    return path


def normalise(text: str) -> str:
    """Drop whitespace and Markdown marks; bracket widths made equal."""
    text = re.sub(r"\s+", "", text)
    text = text.replace("---", "").replace("#", "").replace("*", "")
    return text.replace("（", "(").replace("）", ")")


def labels(text: str) -> list[str]:
    """Numbering labels at paragraph starts, brackets normalised, in order."""
    found = []
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().strip("*").strip()
        match = LABEL.match(line)
        if match:
            found.append(match.group(0).replace("（", "(").replace("）", ")"))
    return found


def rendered_txt(key: str) -> str:
    text = render(load_document(PLANS / SEED_PLANS[key]), "txt")
    assert isinstance(text, str)
    return text


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


@pytest.mark.parametrize("key", sorted(SEED_PLANS))
def test_rendered_text_matches_seed(key: str) -> None:
    source = seed_path(key).read_text(encoding="utf-8")
    ratio = similarity(source, rendered_txt(key))
    assert ratio >= MIN_RATIO, f"seed {key}: similarity {ratio:.4f} < {MIN_RATIO}"


@pytest.mark.parametrize("key", ["000", "001", "002", "004"])
def test_labels_follow_the_source(key: str) -> None:
    expected = labels(seed_path(key).read_text(encoding="utf-8"))
    assert len(expected) >= 20, "the source's labels were not found — the label pattern is wrong"
    assert labels(rendered_txt(key)) == expected


def test_seed_003_source_defects_are_what_the_plan_corrects() -> None:
    source = labels(seed_path("003").read_text(encoding="utf-8"))
    assert [label for label in source if label.endswith("、")] == SOURCE_003_SECTIONS
    # the items are already right in the source; only the sections change
    assert [label for label in source if label.startswith("(")] == [
        label for label in EXPECTED_003 if label.startswith("(")
    ]


def test_seed_003_labels_come_out_corrected() -> None:
    assert labels(rendered_txt("003")) == EXPECTED_003


def test_similarity_sees_a_changed_word() -> None:
    """The measure is not blind: replacing one paragraph of a seed drops it below the bar."""
    source = seed_path("002").read_text(encoding="utf-8")
    text = rendered_txt("002")
    paragraph = next(line for line in text.splitlines() if line.startswith("14."))
    damaged = text.replace(paragraph, "14.推进医疗卫生行风建设。" + "另行部署。")
    assert similarity(source, damaged) < MIN_RATIO
