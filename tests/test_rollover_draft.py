"""A rollover drafts a complete next-year document: a 2027 plan with task deadlines and a 十五五
ordinal rolls to 2028 with its deadlines and ordinal advanced, its cleared fields visible as
blanks in every format, listed by validate, never over an existing draft, and no absolute path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from generator.cli import app
from generator.load import load_document
from generator.render import render
from generator.rollover import rollover_text
from tests.conftest import EXAMPLES

ABSOLUTE_SCHEMA = "# yaml-language-server: $schema=/opt/venv/lib/python3.11/site-packages/templates/x.json"


def plan_2027() -> str:
    """The bundled example moved to 2027, its preamble naming the year's place in 十五五, and the
    editor line a venv once wrote."""
    text = (EXAMPLES / "example.yaml").read_text(encoding="utf-8").replace("2025", "2027")
    text = text.replace("2027年，全市医疗服务工作", "2027年是“十五五”规划实施的第二年，全市医疗服务工作")
    lines = text.splitlines(keepends=True)
    assert lines[0].startswith("# yaml-language-server")
    return ABSOLUTE_SCHEMA + "\n" + "".join(lines[1:])


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    source = tmp_path / "plan-2027.yaml"
    source.write_text(plan_2027(), encoding="utf-8")
    out = tmp_path / "plan-2028.yaml"
    result = invoke("rollover", source, "--year", "2028", "-o", out, "--report", tmp_path / "review.md")
    assert result.exit_code == 0, result.output
    return out


def test_the_draft_advances_deadlines_and_the_ordinal(draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    document = load_document(draft)
    items = document.plan.sections[0].items
    assert [items[0].deadline, items[1].deadline] == ["2028年6月底前", "2028年底前"]
    assert document.plan.preamble[0].startswith("2028年是“十五五”规划实施的第三年，")
    assert "2027" not in document.plan.title and document.plan.year == 2028
    notice = document.notice
    number = notice.doc_number
    assert number is not None and (number.year, number.serial) == (2028, None)
    assert notice.date is None and notice.print_date is None
    assert notice.printer == "云溪市卫生健康委员会办公室"
    # never an absolute path: no schema is reachable by a relative one here, so the line goes
    assert "$schema" not in text
    review = (draft.parent / "review.md").read_text(encoding="utf-8")
    assert "plan.sections[0].items[0].deadline" in review and "第二年" in review and "$schema" in review


def test_the_draft_is_never_overwritten_without_force(draft: Path) -> None:
    before = draft.read_bytes()
    again = invoke("rollover", draft.parent / "plan-2027.yaml", "--year", "2028", "-o", draft)
    assert again.exit_code == 2
    assert "exists" in again.output and "--force" in again.output and "Traceback" not in again.output
    assert draft.read_bytes() == before
    forced = invoke("rollover", draft.parent / "plan-2027.yaml", "--year", "2028", "-o", draft, "--force")
    assert forced.exit_code == 0, forced.output


def test_a_schema_file_beside_the_draft_is_pointed_at_relatively(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    assert invoke("schema", "-o", tmp_path / "plans" / "workplan.schema.json").exit_code == 0
    source = tmp_path / "plans" / "plan-2027.yaml"
    source.write_text(plan_2027(), encoding="utf-8")
    out = tmp_path / "plans" / "plan-2028.yaml"
    assert invoke("rollover", source, "--year", "2028", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=workplan.schema.json"
    )


def test_validate_lists_what_is_to_fill_where_it_is(draft: Path) -> None:
    result = invoke("validate", draft)
    assert result.exit_code == 1
    lines = draft.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        return next(i for i, line in enumerate(lines, start=1) if line.startswith(f"  {key}:"))

    to_fill = [line for line in result.stderr.splitlines() if "[to-fill]" in line]
    assert len(to_fill) == 3, result.stderr
    wanted = {"doc_number": "序号", "date": "成文日期", "print_date": "印发日期"}
    for key, name in wanted.items():
        assert any(line.startswith(f"{draft}:{line_of(key)}:") and name in line for line in to_fill), key


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_the_draft_renders_its_blanks_in_every_format(draft: Path, fmt: str) -> None:
    data = render(load_document(draft), fmt)
    if isinstance(data, bytes):
        from tests.test_diff_docx import _document_xml, joined_paragraphs

        text = "\n".join(joined_paragraphs(_document_xml(data)))
    else:
        text = data
    assert "云卫医〔2028〕　号" in text
    signed = [line for line in text.splitlines() if "2028年　月　日" in line and "印发" not in line]
    assert signed, "the 成文日期 to fill"
    imprint = re.search(r"云溪市卫生健康委员会办公室.*?2028年　月　日印发", text, re.DOTALL)
    assert imprint, "the 印发 line keeps its 印发机关 and a blank date"


@pytest.mark.slow
def test_the_draft_renders_to_pdf_with_its_blanks(draft: Path, tmp_path: Path, soffice: str) -> None:
    import pdfplumber

    out = tmp_path / "plan-2028.pdf"
    result = invoke("render", draft, "-o", out)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    squashed = "".join(text.split())
    assert "云卫医〔2028〕号" in squashed
    assert squashed.count("2028年月日") >= 2  # the 成文日期 and the 印发日期 to fill
    assert "云溪市卫生健康委员会办公室2028年月日印发" in squashed


# --- 五年规划 ordinals: the right one or none --------------------------------------------------


def _roll_preamble(sentence: str, year: int, new: int) -> tuple[str, list[str]]:
    text = f"plan:\n  title: {year}年工作要点\n  year: {year}\n  preamble:\n    - {sentence}\n"
    result = rollover_text(text, "p.yaml", new)
    draft = result.yaml_text.split("    - ", 1)[1].strip()
    return draft, [r.note for r in result.review if r.kind == "warning"]


def test_an_ordinal_follows_its_year() -> None:
    draft, warnings = _roll_preamble("2027年是“十五五”规划实施的第二年，全区要……", 2027, 2028)
    assert draft == "2028年是“十五五”规划实施的第三年，全区要……" and warnings == []


def test_a_year_leaving_its_period_leaves_the_sentence_whole() -> None:
    draft, warnings = _roll_preamble("2025年是“十四五”规划实施的第五年，全区要……", 2025, 2026)
    assert draft == "2025年是“十四五”规划实施的第五年，全区要……"
    assert any("outside 十四五" in w for w in warnings)


def test_a_wrong_ordinal_is_flagged_not_paired() -> None:
    draft, warnings = _roll_preamble("2027年是“十五五”规划实施的第三年，全区要……", 2027, 2028)
    assert draft == "2027年是“十五五”规划实施的第三年，全区要……"
    assert any("第三年 of 十五五 is 2028" in w for w in warnings)
