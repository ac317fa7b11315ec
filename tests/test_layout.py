"""`workplan check` measures the printed page: it judges Word files this tool did not make (built
here by hand with python-docx), and every plan this tool renders passes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import plan_files
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from typer.testing import CliRunner

from generator.check.labels import UNNUMBERED, first_break, parse_label
from generator.check.layout import CheckReport, Rule, check_pdf
from generator.check.pdf_measure import plain_text
from generator.cli import app
from generator.soffice import SofficeMissing, convert_to_pdf, find_soffice

FONT = "Noto Serif CJK SC"
SENTENCE = (
    "为深入贯彻落实党中央国务院决策部署，进一步做好卫生健康监测工作，现就有关事项通知如下，请认真组织实施。"
)
GOOD_LABELS = ["一、", "（一）", "（二）", "1.", "2.", "（三）", "二、", "（一）", "（二）", "（三）"]


# ---------------------------------------------------------------- a GB/T 9704 notice built by hand


def _el(tag: str, **attrs: object) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(name), str(value))
    return element


def _east_asian(run_or_style_rpr: OxmlElement) -> None:
    fonts = run_or_style_rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def build_notice(
    path: Path,
    *,
    margins: tuple[float, float, float, float] = (37, 35, 28, 26),  # top, bottom, left, right (mm)
    page_numbers: bool = True,
    labels: list[str] = GOOD_LABELS,
    record: str = "bottom",  # 版记: "bottom" of a page of its own, "high" right after the text, or "none"
    pitch_pt: float = 28.95,
    dash: str = "—",
    closing: str = "after_body",  # 署名 and 成文日期: "after_body", "new_page" (alone), or "none"
    body_on_page_2: bool = False,  # a page break between the 主送 and the 正文
    blank_page: bool = False,  # an empty (numbered) page before the 版记 page
    joint: str = "",  # a sealed joint 署名 (room for seals above it): one of JOINT_SIGNATURES
) -> Path:
    """A red-header 通知 the way a clerk sets it up in Word: A4, 3号 text on a 579-twip line grid
    condensed 0.25 pt (22 × 28), red 标志 35 mm under the 版心 top, red rule under the 文号, 2号 标题,
    odd/even footers — built without any code of this project."""
    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(24.7)  # puts the 一字线 7 mm under the 版心
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    sect_pr.append(_el("w:docGrid", **{"w:type": "lines", "w:linePitch": round(pitch_pt * 20)}))

    normal = word.styles["Normal"]
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    _east_asian(rpr)
    rpr.append(_el("w:spacing", **{"w:val": -5}))
    layout = normal.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(pitch_pt)
    layout.space_before = layout.space_after = Pt(0)
    layout.widow_control = False

    def para(text: str, *, size: float = 16, align=None, red=False, indent=True, exact=None, before=0):
        paragraph = word.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        if red:
            run.font.color.rgb = RGBColor(0xFF, 0, 0)
        if align is not None:
            paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Pt(32 if indent else 0)
        if exact:
            paragraph.paragraph_format.line_spacing = Pt(exact)
        if before:
            paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    center = WD_ALIGN_PARAGRAPH.CENTER
    para("某某市卫生健康委员会文件", size=36, align=center, red=True, indent=False, exact=50, before=86)
    para("", indent=False)
    number = para("某卫发〔2021〕5号", align=center, indent=False)
    border = _el("w:pBdr")
    border.append(_el("w:bottom", **{"w:val": "single", "w:sz": 12, "w:space": 4, "w:color": "FF0000"}))
    number._p.get_or_add_pPr().append(border)
    para("", indent=False)
    para("关于印发某某工作要点的通知", size=22, align=center, indent=False)
    para("各区县卫生健康局：", indent=False)
    if body_on_page_2:
        word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    for label in labels:
        para(label + SENTENCE * 2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if closing != "none":
        if closing == "new_page":
            word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
        para("", indent=False)
        if joint:
            para("", indent=False)  # three blank lines: room for the seals
            para("", indent=False)
        for text, align in JOINT_SIGNATURES[joint] if joint else [("某某市卫生健康委员会", "right")]:
            signed = para(text, align=ALIGNMENTS[align], indent=False)
            signed.paragraph_format.right_indent = Pt(64 if align == "right" else 0)
        para(
            "2021年7月19日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False
        ).paragraph_format.right_indent = Pt(64)
    if blank_page:
        word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
        para("")
    if record == "bottom":
        # 版记 alone on a new page: 20 empty grid lines, then two 27.5 pt lines end on the 版心 bottom.
        word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
        for _ in range(20):
            para("")
    if record != "none":
        _record_line(word, "　抄送：某某单位，某某单位。", top=8)
        _record_line(word, "　某某市卫生健康委员会办公室　　　　　2021年7月19日印发　", top=6, bottom=8)
    if page_numbers:
        _page_number_footers(word, section, dash)
    word.save(str(path))
    return path


ALIGNMENTS = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}
JOINT_SIGNATURES = {
    # the 署名 one a line, each under its seal: the seals, a line apart, lie on one another
    "stacked": [("某某市卫生健康委员会", "right"), ("某某市医疗保障局", "right")],
    # side by side a space apart: their centres 7字 (39 mm) apart, two 42 mm seals overlap
    "crowded": [("某某市财政局　某某市医保局", "right")],
    # the first 署名 flush with the text's left edge: its seal hangs 5 mm into the margin
    "past_edge": [("某某市财政局" + "　" * 10 + "某某市医保局", "left")],
    # four spaces between: centres 55 mm apart, the second over the date
    "apart": [("某某市财政局　　　　某某市医保局", "right")],
}


def _record_line(word: WordDocument, text: str, *, top: int, bottom: int | None = None) -> None:
    paragraph = word.add_paragraph()
    paragraph.add_run(text).font.size = Pt(14)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(27.5)
    ppr = paragraph._p.get_or_add_pPr()
    border = _el("w:pBdr")
    for edge, size in (("w:top", top), ("w:bottom", bottom)):
        if size:
            border.append(_el(edge, **{"w:val": "single", "w:sz": size, "w:space": 0, "w:color": "000000"}))
    ppr.append(border)
    ppr.append(_el("w:snapToGrid", **{"w:val": 0}))


def _page_number_footers(word: WordDocument, section, dash: str) -> None:
    word.settings.element.append(_el("w:evenAndOddHeaders"))
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "w:right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "w:left"),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph._p.get_or_add_pPr().append(_el("w:ind", **{side: 280}))  # 1字 of 4号

        _field_run(paragraph, f"{dash} ")
        _field_run(paragraph, field="begin")
        _field_run(paragraph, instruction=" PAGE ")
        _field_run(paragraph, field="separate")
        _field_run(paragraph, "1")
        _field_run(paragraph, field="end")
        _field_run(paragraph, f" {dash}")


def _field_run(paragraph, text: str = "", field: str | None = None, instruction: str | None = None) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(14)
    if field:
        run._r.append(_el("w:fldChar", **{"w:fldCharType": field}))
    if instruction:
        element = _el("w:instrText")
        element.text = instruction
        run._r.append(element)


HAND_BUILT = {
    "conforming": {},
    "margins_25": {"margins": (25, 25, 25, 25)},
    "no_page_numbers": {"page_numbers": False},
    "numbering_gap": {"labels": ["一、", "（一）", "（二）", "二、", "（一）", "（三）", "四、"]},
    "record_high": {"record": "high"},
    "hyphen_page_numbers": {"dash": "-", "record": "none"},
    "pitch_30": {"pitch_pt": 30, "record": "none"},  # 30 pt = 1 行 of §3.2 taken literally
    # page flow: each breaks one rule of §7.3.3, §7.3.5, §7.4 or §7.5
    "date_alone": {"closing": "new_page", "record": "none"},
    "body_on_page_2": {"body_on_page_2": True, "labels": GOOD_LABELS[:2], "record": "none"},
    "record_odd": {"labels": GOOD_LABELS[:6]},  # the 正文 ends on page 2, the 版记 on page 3
    "blank_numbered": {"labels": GOOD_LABELS[:6], "blank_page": True},  # blank page 3, 版记 page 4
    # §7.3.5.1: the seals of a joint 署名
    **{f"joint_{name}": {"joint": name, "record": "none"} for name in JOINT_SIGNATURES},
}


@pytest.fixture(scope="session")
def hand_built(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name → (docx, pdf); all converted by one LibreOffice start."""
    folder = tmp_path_factory.mktemp("hand_built")
    docx = [build_notice(folder / f"{name}.docx", **options) for name, options in HAND_BUILT.items()]
    blank = folder / "blank.docx"
    empty = WordDocument()
    empty.sections[0].page_width, empty.sections[0].page_height = Mm(210), Mm(297)
    empty.save(str(blank))  # an A4 page without any text
    pdfs = convert_to_pdf([*docx, blank], folder / "pdf")
    return {name: (d, p) for name, d, p in zip([*HAND_BUILT, "blank"], [*docx, blank], pdfs, strict=True)}


def _report(hand_built: dict[str, tuple[Path, Path]], name: str) -> CheckReport:
    docx, pdf = hand_built[name]
    return check_pdf(pdf, source_docx=docx)


def _rule(report: CheckReport, name: str) -> Rule:
    return next(rule for rule in report.rules if rule.rule == name)


def _explain(report: CheckReport) -> str:
    return "\n".join(f"{r.rule}: {r.measured} (expected {r.expected})" for r in report.failed())


# ---------------------------------------------------------------- judging documents made elsewhere


@pytest.mark.slow
def test_hand_built_conforming_notice_passes_every_rule(hand_built):
    report = _report(hand_built, "conforming")
    assert report.passed, _explain(report)
    # Every element is present, so no rule may have passed by being "n/a" — but the seals of a
    # joint 署名: it has one, not sealed (see the joint_… notices).
    assert [rule.rule for rule in report.rules if rule.measured.startswith("n/a")] == ["joint seals"]
    assert _rule(report, "lines per page").measured.startswith("22 on all")
    assert _rule(report, "characters per line").measured.startswith("28 on all")


@pytest.mark.slow
def test_wrong_margins_fail_and_say_by_how_much(hand_built):
    report = _report(hand_built, "margins_25")
    assert not report.passed
    measured = _rule(report, "版心 margins (measured text)")
    assert not measured.passed
    # Left and right edges are where the text is; top and bottom are measured from the line grid, which
    # LibreOffice centres in the text area, so they are only known to half a line pitch.
    for side, wanted, target in (("left", 25.0, 28.0), ("right", 25.0, 26.0), ("top", 25.0, 37.0)):
        match = re.search(rf"{side} (\d+\.\d) mm \(−(\d+\.\d)\)", measured.measured)
        assert match, measured.measured
        value, off = float(match.group(1)), float(match.group(2))
        assert abs(off - (target - value)) < 0.11, measured.measured
        tolerance = 0.15 if side == "left" else 5.2 if side == "top" else 1.0
        assert abs(value - wanted) <= tolerance, measured.measured
    page_setup = _rule(report, "版心 margins (docx page setup)")
    assert not page_setup.passed
    assert page_setup.measured == (
        "top 25.0 mm (−12.0), bottom 25.0 mm (−10.0), left 25.0 mm (−3.0), right 25.0 mm (−1.0)"
    )
    # 247 mm of 版心 holds more than 22 lines of 28.95 pt.
    assert not _rule(report, "lines per page").passed


@pytest.mark.slow
def test_a_30pt_line_pitch_gives_21_lines_and_fails(hand_built):
    rule = _rule(_report(hand_built, "pitch_30"), "lines per page")
    assert not rule.passed
    assert rule.measured.startswith("21 lines on page 2 (−1)") and "pitch 30.00 pt" in rule.measured


@pytest.mark.slow
def test_missing_page_numbers_fail(hand_built):
    report = _report(hand_built, "no_page_numbers")
    rule = _rule(report, "页码")
    assert not rule.passed
    assert rule.measured.startswith("page 1: no")
    assert [r.rule for r in report.failed()] == ["页码"]


@pytest.mark.slow
def test_page_numbers_need_em_dashes(hand_built):
    rule = _rule(_report(hand_built, "hyphen_page_numbers"), "页码")
    assert not rule.passed
    assert rule.measured == "page 1: “-1-” uses U+002D, not — U+2014"


@pytest.mark.slow
def test_numbering_gap_is_named(hand_built):
    rule = _rule(_report(hand_built, "numbering_gap"), "numbering")
    assert not rule.passed
    assert "（三）" in rule.measured and "expected number 2" in rule.measured


@pytest.mark.slow
def test_record_block_off_the_bottom_fails(hand_built):
    rule = _rule(_report(hand_built, "record_high"), "版记")
    assert not rule.passed
    assert re.search(r"y \d+\.\d mm \(−\d+\.\d\)", rule.measured), rule.measured


@pytest.mark.slow
def test_signature_and_date_alone_on_their_page_fail(hand_built):
    report = _report(hand_built, "date_alone")
    assert [r.rule for r in report.failed()] == ["成文日期 with 正文"], _explain(report)
    assert _rule(report, "成文日期 with 正文").measured == "page 4: 署名 and 成文日期 without 正文 above them"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "measured"),
    [
        # a line (10.2 mm) down and 1字 (5.6 mm) across
        (
            "stacked",
            r"page 3: the seals of “某某市卫生健康委员会” and “某某市医疗保障局” would meet, 11\.6 mm",
        ),
        ("crowded", r"page 3: the seals of “某某市财政局” and “某某市医保局” would meet, 38\.\d mm"),
        ("past_edge", r"page 3: seals would run past the 版心, x 2[34]\.\d–"),  # 28 + 3字 − 21 mm
    ],
)
def test_seals_of_a_joint_signature_that_would_meet_or_leave_the_type_area_fail(hand_built, name, measured):
    report = _report(hand_built, f"joint_{name}")
    assert [r.rule for r in report.failed()] == ["joint seals"], _explain(report)
    assert re.match(measured, _rule(report, "joint seals").measured), _rule(report, "joint seals").measured


@pytest.mark.slow
def test_joint_signatures_far_enough_apart_for_their_seals_pass(hand_built):
    report = _report(hand_built, "joint_apart")
    assert report.passed, _explain(report)
    measured = _rule(report, "joint seals").measured
    assert re.match(r"page 3: 署名 in rows of 2, seals 5\d\.\d mm apart or more", measured), measured


@pytest.mark.slow
def test_body_not_starting_on_page_1_fails(hand_built):
    report = _report(hand_built, "body_on_page_2")
    rule = _rule(report, "正文 on page 1")
    assert not rule.passed
    assert rule.measured == "page 1 ends with “各区县卫生健康局：”: no 正文 under it"


@pytest.mark.slow
def test_record_on_an_odd_page_fails_unless_simplex(hand_built):
    report = _report(hand_built, "record_odd")
    assert [r.rule for r in report.failed()] == ["版记 page"], _explain(report)
    assert _rule(report, "版记 page").measured == "page 3 of 3: odd, the front of a sheet"
    docx, pdf = hand_built["record_odd"]
    simplex = check_pdf(pdf, source_docx=docx, simplex=True)
    assert simplex.passed, _explain(simplex)
    assert _rule(simplex, "版记 page").measured == "n/a — printed single-sided (--simplex)"
    result = CliRunner().invoke(app, ["check", str(pdf), "--simplex", "--json"])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_a_numbered_blank_page_fails(hand_built):
    report = _report(hand_built, "blank_numbered")
    assert [r.rule for r in report.failed()] == ["blank page"], _explain(report)
    assert _rule(report, "blank page").measured == "page 3: blank but numbered"


@pytest.mark.slow
def test_a_document_without_text_fails(hand_built):
    report = check_pdf(hand_built["blank"][1])
    assert not report.passed
    assert [(r.rule, r.measured) for r in report.failed()] == [("body text", "no text found")]


@pytest.mark.slow
def test_cli_json_shape_and_exit_codes(hand_built):
    runner = CliRunner()
    good_pdf = hand_built["conforming"][1]
    result = runner.invoke(app, ["check", str(good_pdf), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"passed", "rules"} and data["passed"] is True
    assert all(set(rule) == {"rule", "expected", "measured", "pass"} for rule in data["rules"])
    assert all(isinstance(rule["pass"], bool) for rule in data["rules"])
    bad = runner.invoke(app, ["check", str(hand_built["margins_25"][1]), "--json"])
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["passed"] is False
    table = runner.invoke(app, ["check", str(hand_built["no_page_numbers"][1])])
    assert table.exit_code == 1 and "页码" in table.stdout and "FAIL" in table.stdout


def test_cli_refuses_unreadable_input(tmp_path):
    runner = CliRunner()
    text = tmp_path / "notes.txt"
    text.write_text("not a document", encoding="utf-8")
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text("not a pdf", encoding="utf-8")
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_text("not a docx", encoding="utf-8")
    for path, says in (
        (tmp_path / "missing.pdf", "no such file"),
        (text, "not a .docx or .pdf"),
        (fake_pdf, "not a readable PDF"),
        (fake_docx, "not a readable Word document"),
    ):
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert says in result.stderr and "Traceback" not in result.output


@pytest.mark.slow
def test_without_libreoffice_the_message_says_how_to_install(hand_built, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(SofficeMissing, match="apt-get install libreoffice-writer-nogui fonts-noto-cjk"):
        find_soffice()
    result = CliRunner().invoke(app, ["check", str(hand_built["conforming"][0])])
    assert result.exit_code == 2 and "apt-get install libreoffice-writer-nogui" in result.stderr
    # A PDF needs no LibreOffice.
    assert CliRunner().invoke(app, ["check", str(hand_built["conforming"][1])]).exit_code == 0


# ---------------------------------------------------------------- numbering continuity, label by label


def _labels(*texts: str | None):
    """Labels of paragraph starts; None an attachment's start, "·" a heading printed without number."""
    return [
        None if text is None else UNNUMBERED if text == "·" else parse_label(text, f"paragraph {i}")
        for i, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    "sequence",
    [
        ("一、", "（一）", "（二）", "二、", "（一）", "1.", "2.", "（二）"),  # restart under a new parent
        ("一、", "（一）", "（二）", "二、", "（三）", "（四）"),  # continuous across parents
        ("一、", "（一）", "1.", "（1）", "①", "②", "（2）", "2.", "（二）", "二、"),
        ("一、", "二、", None, "一、", "二、"),  # the 附件 numbers afresh
        ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、"),
        # a section printed without a number (numbered: false) is its items' new parent
        ("一、", "（一）", "（二）", "·", "（一）", "（二）", "二、", "（一）"),
        ("一、", "（一）", "（二）", "·", "（三）"),  # or they run on across it
    ],
)
def test_continuous_numbering_passes(sequence):
    assert first_break(_labels(*sequence)) is None


@pytest.mark.parametrize(
    ("sequence", "offender"),
    [
        (("一、", "二、", "四、"), "四、"),
        (("一、", "（一）", "（一）"), "（一）"),
        (("一、", "（二）"), "（二）"),
        (("一、", "（一）", "1.", "3."), "3."),
        (("一、", "（一）", "（二）", "二、", "（五）"), "（五）"),
        (("一、", "二、", "·", "二、"), "二、"),  # a heading without number restarts no section count
        (("一、", "（一）", "（二）", "（一）"), "（一）"),  # nor may a list restart under no new parent
    ],
)
def test_broken_numbering_names_the_first_offender(sequence, offender):
    problem = first_break(_labels(*sequence))
    assert problem is not None and f"paragraph {len(sequence) - 1}: {offender}" in problem


def test_radicals_from_chromium_pdfs_read_as_ideographs():
    # Chromium's PDFs map 一 十 日 月 to Kangxi radicals (U+2F00 …) in their ToUnicode tables.
    assert plain_text("（⼗⼆）") == "（十二）" and parse_label(plain_text("⼀、")).number == 1
    assert plain_text("2025年2⽉18⽇印发") == "2025年2月18日印发"
    assert plain_text("①（1）：") == "①（1）："  # only radicals change, not circled or full-width forms


def test_labels_are_read_only_at_paragraph_starts():
    assert parse_label("1.5倍以上") is None
    assert parse_label("2021年7月19日") is None
    assert parse_label("（十二）加强监测").number == 12
    assert parse_label("（3）做好").kind == "arabic_paren"


# ---------------------------------------------------------------- the real thing: every plan rendered


def test_there_are_plans_to_check():
    assert plan_files(), "plans/ and examples/ hold no plan YAML"


@pytest.fixture(scope="session")
def rendered_reports(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple]:
    """plan → (document, report): every plan rendered by this tool to .pdf and .docx at once (so the
    .docx carries the PDF's measured page flow, writers/flow.py), each PDF checked with its .docx."""
    from generator.load import load_document
    from generator.render import render_files

    folder = tmp_path_factory.mktemp("rendered")
    plans = plan_files()
    documents = [load_document(plan) for plan in plans]
    stems = [folder / f"{plan.parent.name}-{plan.stem}" for plan in plans]
    jobs = [
        (d, s.with_suffix(f".{fmt}"))
        for d, s in zip(documents, stems, strict=True)
        for fmt in ("docx", "pdf")
    ]
    render_files(jobs)
    reports = [check_pdf(s.with_suffix(".pdf"), source_docx=s.with_suffix(".docx")) for s in stems]
    return dict(zip(plans, zip(documents, reports, strict=True), strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("plan", plan_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rendered_plan_passes_check(plan, rendered_reports):
    document, report = rendered_reports[plan]
    assert report.passed, _explain(report)
    # What the plan has must really be measured, not pass as "n/a".
    present = ["标题", "页码", "numbering", "版心 margins (docx page setup)"]
    if document.notice.issuers:
        present += ["发文机关标志", "红色分隔线"]
    if document.notice.printer or document.notice.cc:
        present.append("版记")
    for name in present:
        assert not _rule(report, name).measured.startswith("n/a"), (name, _rule(report, name).measured)


SHORT_NOTICE = """\
notice:
  issuers: [甲市卫生健康委员会]
  doc_number: 甲卫〔2025〕1号
  recipients: [各单位]
  body: [现印发。]
  signatories: [甲市卫生健康委员会]
  date: 2025-02-18
plan:
  title: 2025年工作要点
  year: 2025
  sections: [{heading: 甲, numbered: false}, {heading: 乙, numbered: false}, {heading: 丙, numbered: false}]
"""


@pytest.mark.slow
def test_a_notice_without_a_full_line_has_no_right_edge_to_fail(tmp_path: Path, soffice: str) -> None:
    """各单位： and 现印发。 end at the same x: two short lines were taken for the 版心's right edge
    (right margin 165 mm, "3 characters on a full line") and a conforming short notice failed."""
    from generator.load import load_text
    from generator.render import render_to_file

    pdf = render_to_file(load_text(SHORT_NOTICE, "short.yaml"), tmp_path / "short.pdf")
    report = check_pdf(pdf)
    assert report.passed, _explain(report)
    assert _rule(report, "版心 margins (measured text)").measured.endswith("right n/a")
    assert _rule(report, "characters per line").measured.startswith("n/a")


# ---------------------------------------------------------------- measured from synthetic pages


def _line(page: int, text: str, x0: float, baseline: float, size_pt: float = 16.0):
    from generator.check.pdf_measure import MM, Glyph, TextLine

    em = size_pt / MM * 0.98  # the condensed 字 of the grid
    glyphs = [Glyph(c, x0 + i * em, x0 + (i + 1) * em, baseline, size_pt, False) for i, c in enumerate(text)]
    return TextLine(page, glyphs)


def _measure(lines):
    from generator.check.pdf_measure import PageMeasure, PdfMeasure

    pages = sorted({line.page for line in lines})
    return PdfMeasure(
        [PageMeasure(n, 210.0, 297.0, [line for line in lines if line.page == n], [], 0) for n in pages]
    )


def test_a_squeezed_signature_block_is_no_measure_of_the_grid_or_the_right_edge():
    """A one-line 正文 whose 署名 and 成文日期 were set closer (§7.3.5.5) so that they stay on
    page 1: their gaps and their right ends are not the text's. Before, the even count of gaps of
    two kinds left none near their median and the check stopped with a StatisticsError; with one
    more grid gap the pitch came out as the squeezed one and the 署名's end as the right edge."""
    from generator.check.layout import _body

    pitch, squeezed = 10.21, 7.15
    for extra_grid_line in (False, True):
        lines = [
            _line(1, "各区县卫生健康局：", 28.0, 200.0),
            _line(1, "现将工作要点印发给你们，请认真贯彻落实。", 39.3, 200.0 + pitch),
        ]
        if extra_grid_line:
            lines.append(_line(1, "附件：工作要点", 39.3, 200.0 + 2 * pitch))
        y = lines[-1].baseline
        for name in ("某某市卫生健康委员会", "某某市市场监督管理局", "某某市财政局", "某某市医疗保障局"):
            y += squeezed
            lines.append(_line(1, name, 115.6, y))
        lines.append(_line(1, "2025年2月18日", 119.4, y + squeezed))
        body = _body(_measure(lines))
        assert body is not None
        assert abs(body.pitch - pitch) < 0.05, body.pitch
        assert body.right is None  # no line of the text reaches an edge


def test_text_in_tables_does_not_outvote_the_body_size():
    """A plan whose tables (12 pt in their cells) hold more glyphs than its 16 pt text: the body is
    still the text's size, not the tables' (every rule failed on a 12 pt \u201cbody\u201d before)."""
    from generator.check.layout import _body
    from generator.check.pdf_measure import HRule, PageMeasure, PdfMeasure

    text = [
        _line(
            1, "落实各项惠民政策确保年底前完成全部任务覆盖率达到以上健全重大疫情防控", 28.0, 50.0 + 10.21 * k
        )
        for k in range(8)
    ]
    cells, rules = [], []
    for row in range(12):
        top = 40.0 + row * 18.0
        rules.append(HRule(2, 28.0, 184.0, top, 0.2, False))
        for column in range(8):
            cells += [
                _line(2, "推进互联网医疗", 29.0 + column * 19.5, top + 6.0 + 5.0 * k, 12.0) for k in range(2)
            ]
    rules.append(HRule(2, 28.0, 184.0, 40.0 + 12 * 18.0, 0.2, False))
    pages = [PageMeasure(1, 210.0, 297.0, text, [], 0), PageMeasure(2, 210.0, 297.0, cells, rules, 20)]
    body = _body(PdfMeasure(pages))
    assert body is not None and body.size_pt == 16.0


def test_a_line_past_the_edge_of_the_type_area_fails_but_hung_punctuation_does_not():
    """A 署名 printed past the paper's edge (a negative right indent) lost its last characters;
    no rule saw it. Punctuation hung into the margin is LibreOffice's justification, not a fault."""
    from generator.check.layout import _body, _text_area_rule

    full = "落实各项惠民政策确保年底前完成全部任务覆盖率达到以上健全"  # 28 字
    text = [_line(1, full, 28.0, 50.0 + 10.21 * k) for k in range(4)]
    hung = _line(1, full + "，", 28.0, 100.0)
    past = _line(1, "中共某某市委某某市人民政府深化医药卫生体制改革领导小组办公室", 59.5, 240.6)
    for lines, passed in (([*text, hung], True), ([*text, hung, past], False)):
        measure = _measure(lines)
        rule = _text_area_rule(measure, _body(measure))
        assert rule.passed is passed, rule.measured


def test_joint_names_one_a_line_under_one_blank_line_are_not_sealed_and_a_date_off_the_last_seal_fails():
    """§7.3.5.2 sets unsealed joint 署名 one a line a blank line under the 正文: no seals to measure.
    Sealed (room above), the last seal presses the 成文日期 too: a date far from under it fails."""
    from generator.check.layout import _body, _joint_seals_rule

    pitch = 10.21
    text = [_line(1, "现将工作要点印发给你们，请认真贯彻落实。", 39.3, 100.0)]
    unsealed = [
        *text,
        _line(1, "某某市卫生健康委员会", 117.3, 100.0 + 2 * pitch),
        _line(1, "某某市医疗保障局", 117.3, 100.0 + 3 * pitch),
        _line(1, "2025年2月18日", 128.4, 100.0 + 4 * pitch),
    ]
    measure = _measure(unsealed)
    rule = _joint_seals_rule(measure, _body(measure))
    assert rule.passed and rule.measured == "n/a — not sealed: no room for a seal above the 署名", (
        rule.measured
    )
    from generator.check.pdf_measure import TextLine

    y = 100.0 + 4 * pitch  # three blank lines: room for the seals
    row = TextLine(1, _line(1, "某某市财政局", 60.0, y).glyphs + _line(1, "某某市医保局", 105.0, y).glyphs)
    # the names' centres 76.6 and 121.6 mm (45 mm apart); the date's (10 glyphs of 5.5 mm) 171.7
    measure = _measure([*text, row, _line(1, "2025年2月18日", 144.0, y + pitch)])
    rule = _joint_seals_rule(measure, _body(measure))
    assert not rule.passed
    assert rule.measured == "page 1: the 成文日期 is 50.1 mm off the centre of the last seal (“某某市医保局”)"


REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


@pytest.mark.slow
def test_real_joint_notices_are_judged_by_their_seals(soffice: str, tmp_path: Path) -> None:
    """Two real joint notices, read off their last pages: 10 (四部门, 浙江) sets its four 署名 two by
    two, rows six lines apart, the date under the last — it passes; 12 (海南, two 厅) sets its two
    names side by side and the date right-indented far right of the second, where that name's
    seal cannot press it."""
    sources = [
        REAL / "10_zj_four_bodies_individual_business_finance_2021.doc",
        REAL / "12_hainan_agri_machinery_subsidy_plan_2024.doc",
    ]
    four, hainan = (check_pdf(pdf) for pdf in convert_to_pdf(sources, tmp_path))
    measured = _rule(four, "joint seals").measured
    assert _rule(four, "joint seals").passed and re.match(r"page 8: 署名 in rows of 2 \+ 2", measured), (
        measured
    )
    rule = _rule(hainan, "joint seals")
    assert not rule.passed and re.match(
        r"page 1: the 成文日期 is 2\d\.\d mm off .*“海南省财政厅”", rule.measured
    )
