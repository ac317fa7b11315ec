"""Page flow of the rendered notice (GB/T 9704-2012 §7.3.3, §7.3.5, §7.4, §7.5), measured on the PDF.

The plans are small YAML files written here, each the shape of a failure seen before the flow
work: a short notice with 附件说明 whose 署名 and 成文日期 stood alone on page 2, a joint notice
doing the same, a one-paragraph 正文 without 附件说明 that jumped whole to page 2, and plans whose
版记 ended on an odd page. They are rendered to PDF by this tool (two LibreOffice passes: see
writers/flow.py) and the PDF is measured as `workplan check` measures it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import validate_ooxml

from generator.check.layout import CheckReport, check_pdf
from generator.check.pdf_measure import PdfMeasure, measure_pdf
from generator.load import load_document
from generator.render import render_files
from generator.view import build_view
from generator.writers.docx import joint_mark_cap, mark_font, render_docx
from generator.writers.flow import FlowFix

SENTENCE = "为深入贯彻落实党中央国务院决策部署，进一步做好卫生健康工作，现就有关事项通知如下。"
LONG = "各地要把卫生健康工作摆上重要议程，细化任务分工，压实工作责任，确保各项任务落到实处" * 40
ISSUING = "现将《2025年某某市卫生健康工作要点》印发给你们，请认真贯彻落实。"
DATE = "2025年2月18日"
LONG_TITLE = (
    "关于印发《2025年某某市卫生健康工作要点》及《2025年某某市深化医药卫生体制改革重点工作任务》的通知"
)
FOUR_ISSUERS = ["某某市卫生健康委员会", "某某市市场监督管理局", "某某市财政局", "某某市医疗保障局"]
IMPRINT = {"cc": ["省卫生健康委员会"], "printer": "某某市卫生健康委员会办公室", "print_date": "2025-02-18"}


def _plan(notice: dict, text_chars: int = 200, layout: dict | None = None) -> dict:
    base = {
        "issuers": ["某某市卫生健康委员会"],
        "doc_number": "某卫发〔2025〕3号",
        "recipients": ["各区县卫生健康局"],
        "signatories": ["某某市卫生健康委员会"],
        "date": "2025-02-18",
    }
    data = {
        "notice": base | notice,
        "plan": {
            "title": "2025年某某市卫生健康工作要点",
            "year": 2025,
            "sections": [
                {"heading": "加强组织领导", "items": [{"heading": "压实责任。", "text": [LONG[:text_chars]]}]}
            ],
        },
    }
    if layout is not None:
        data["layout"] = layout
    return data


def _own_text(body: list[str], section: dict) -> dict:
    """A notice without 文号 whose numbered text (one section) is its own 正文 (in_notice)."""
    title = "关于做好2025年卫生健康工作的通知"
    notice = {
        "issuers": ["某某市卫生健康委员会"],
        "title": title,
        "recipients": ["各区县卫生健康局"],
        "body": body,
        "signatories": ["某某市卫生健康委员会"],
        "date": "2025-02-18",
    }
    plan = {"title": title, "year": 2025, "in_notice": True, "sections": [section]}
    return {"notice": notice, "plan": plan}


PLANS = {
    # 正文 of two paragraphs, 附件说明: the chain used to break at the blank line before 附件说明.
    "short_with_attachment": _plan({"body": [SENTENCE * 2, SENTENCE * 3]}),
    "joint": _plan(
        {
            "issuers": ["某某市卫生健康委员会", "某某市医疗保障局"],
            "signatories": ["某某市卫生健康委员会", "某某市医疗保障局"],
            "body": [SENTENCE * 2, SENTENCE * 2],
        }
    ),
    # One paragraph, no 附件说明: LibreOffice moved it whole to page 2.
    "one_paragraph": _plan({"body": [SENTENCE * 4], "attachments": []}),
    # One short line of 正文 that cannot split: the signature block's blank lines give way.
    "one_line": _plan({"body": ["请认真贯彻落实。"]}),
    # Content ends on odd page 3: the 版记 goes to page 4.
    "ends_odd": _plan(
        {"body": ["现将《2025年某某市卫生健康工作要点》印发给你们，请认真贯彻落实。"], **IMPRINT}
    ),
    # Content fills page 4: the 版记 would land alone on page 5; a blank page 5 goes before it.
    "ends_even_full": _plan(
        {"body": ["现将《2025年某某市卫生健康工作要点》印发给你们，请认真贯彻落实。"], **IMPRINT},
        text_chars=1000,
    ),
    # Every item carries a task line; LibreOffice used to move kept items whole, leaving gaps.
    "tasks": {
        **_plan({"body": [ISSUING]}),
        "plan": {
            "title": "2025年某某市卫生健康工作要点",
            "year": 2025,
            "sections": [
                {
                    "heading": "加强组织领导",
                    "items": [
                        {
                            "heading": f"压实责任{i}。",
                            "text": [LONG[: 169 + 37 * i]],
                            "lead": "市卫生健康委员会医政医管科",
                            "deadline": "2025年底前",
                        }
                        for i in range(6)
                    ],
                }
            ],
        },
    },
    "simplex": _plan({"body": [ISSUING], **IMPRINT}, layout={"duplex": False}),
    # The own 正文 ends with a short table: the signature block went alone to page 3 under it.
    "own_text_table": _own_text(
        ["现就有关事项通知如下。"],
        {
            "heading": "加强组织领导",
            "text": [LONG[:600] + "。"],
            "tables": [{"rows": [["任务", "牵头单位"], ["压实责任", "市卫生健康委"]]}],
        },
    ),
    # Every full line of 正文 is one whose last character went down with a ，(避头): the checker
    # took their justified pitch for the grid's and counted 27 characters.
    "pulled_down": _plan({"body": ["甲" * 26 + "乙" * 28 + "，" + "丙" * 10 + "。"] * 3}, text_chars=10),
    # A 版记 of 抄送 only, pushed to an odd page: the blank page before it is not numbered.
    "cc_only": _plan(
        {"body": [ISSUING], "cc": ["省卫生健康委员会"]},
        text_chars=1040,
    ),
    # Four issuers and a title of two documents with years in it: lines of 20 字 by the ½-字 digit
    # rule were wider than the 版心 in the title font, LibreOffice wrapped them again (a 点 alone on a
    # line) and the 正文 was pushed off page 1.
    "long_title": _plan(
        {
            "issuers": FOUR_ISSUERS,
            "signatories": FOUR_ISSUERS,
            "title": LONG_TITLE,
            "recipients": ["市疾控中心", "各有关医疗机构", "委直属各单位"],
            "body": [SENTENCE, SENTENCE * 3],
        }
    ),
    # A section printed without a number whose items restart at （一）: its numbering passes.
    "unnumbered_section": {
        **_plan({"body": [ISSUING]}),
        "plan": {
            "title": "2025年某某市卫生健康工作要点",
            "year": 2025,
            "sections": [
                {"heading": "加强组织领导", "items": [{"heading": "压实责任。"}, {"heading": "细化分工。"}]},
                {"heading": "重点工作", "numbered": False, "items": [{"heading": "推进医改。"}]},
                {"heading": "保障措施", "items": [{"heading": "加强督导。"}]},
            ],
        },
    },
    # A notice whose numbered text is its own 正文, without 文号: its last lines used to stay on
    # page 1 and the 署名 went alone to page 2 (the chain began after them), and no red rule printed.
    "own_text": _own_text([SENTENCE], {"heading": "加强组织领导", "text": [LONG[:120] + "。"]}),
    # Three and four issuers, a one-line 正文 and a 附件说明: a 34 pt mark of four names took 60 mm
    # and the whole closing (it cannot split a single line) went to page 2 with the 正文, leaving
    # page 1 with the 主送 alone. Not sealed: the names one a line (§7.3.5.2). Sealed, their seals
    # in two rows need some 95 mm under the 正文, where page 1 has 63 (see joint_sealed_one_line).
    "joint_three_one_line": _plan(
        {
            "issuers": FOUR_ISSUERS[:3],
            "signatories": FOUR_ISSUERS[:3],
            "body": ["现将工作要点印发给你们，请认真贯彻落实。"],
            "sealed": False,
        }
    ),
    # An attachment printed alone (notice: null, 附件2): the checker took its label for the 标题.
    "bare_plan": {
        "notice": None,
        "plan": {
            "title": "2025年某某市卫生健康工作要点",
            "year": 2025,
            "attachment_label": "附件2",
            "sections": [
                {"heading": "加强组织领导", "items": [{"heading": "压实责任。", "text": [LONG[:300]]}]}
            ],
        },
    },
    "joint_four_one_line": _plan(
        {
            "issuers": FOUR_ISSUERS,
            "signatories": FOUR_ISSUERS,
            "body": ["现将工作要点印发给你们，请认真贯彻落实。"],
            "sealed": False,
        }
    ),
    "joint_sealed_one_line": _plan(
        {
            "issuers": FOUR_ISSUERS,
            "signatories": FOUR_ISSUERS,
            "body": ["现将工作要点印发给你们，请认真贯彻落实。"],
        }
    ),
}

# Four sealed issuers, their 署名 two by two under the seals (writers/seal_rows.py): a 正文 of
# growing length puts the 12 lines from its last one to the 成文日期 across the end of page 2 at
# every few lines, where the keep chain must move the block whole, never without 正文.
SEALED_ROWS = [f"joint_sealed_rows_{n}" for n in (10, 12, 14, 16)]
for _name in SEALED_ROWS:
    _n = int(_name.rsplit("_", 1)[1])
    PLANS[_name] = _plan(
        {"issuers": FOUR_ISSUERS, "signatories": FOUR_ISSUERS, "body": [SENTENCE * 4, SENTENCE * (_n - 4)]}
    )


# Varied notices drawn at random for a probe of the flow (tests/flow_cases/), each one that failed:
#   split_moves_the_record — a task line's split pulled the plan back a page, so the 版记 the first
#     pass had sent to the next page landed on an odd one;
#   chain_ends_the_page — the signature block's keep chain ended the page before the 成文日期's four
#     lines early, which the checker measured as a short page;
#   long_printer — a 印发机关 too long to share its line with the date: the 版记 box cut the date off;
#   tables_outweigh_text — tables in 12 pt outnumbering the text: the checker took 12 pt for the body.
FLOW_CASES = Path(__file__).parent / "flow_cases"
for _case in sorted(FLOW_CASES.glob("*.yaml")):
    PLANS[_case.stem] = yaml.safe_load(_case.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def rendered(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, PdfMeasure]]:
    """name → (pdf, measure); the plans are YAML files, loaded as a user's would be."""
    folder = tmp_path_factory.mktemp("flow")
    jobs = []
    for name, data in PLANS.items():
        source = folder / f"{name}.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        document = load_document(source)
        jobs += [(document, folder / f"{name}.pdf"), (document, folder / f"{name}.docx")]
    render_files(jobs)
    return {name: (folder / f"{name}.pdf", measure_pdf(folder / f"{name}.pdf")) for name in PLANS}


def _report(rendered, name: str) -> CheckReport:
    return check_pdf(rendered[name][0], simplex=name == "simplex")


def _rule(report: CheckReport, name: str):
    return next(rule for rule in report.rules if rule.rule == name)


def _plain(text: str) -> str:
    return "".join(text.split())


def _date_page(measure: PdfMeasure) -> int:
    return next(line.page for line in measure.lines if _plain(line.text) == DATE)


def _body_lines(measure: PdfMeasure, paragraphs: list[str], page: int) -> list[str]:
    """Lines of ``page`` that are 正文 text: their text occurs in a 正文 paragraph."""
    body = "".join(_plain(p) for p in paragraphs)
    return [
        line.text
        for line in measure.pages[page - 1].lines
        if len(line.text) > 3 and _plain(line.text) in body
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "short_with_attachment",
        "joint",
        "one_paragraph",
        "one_line",
        "joint_three_one_line",
        "joint_four_one_line",
    ],
)
def test_the_date_page_holds_body_text_and_page_1_starts_the_body(rendered, name):
    _, measure = rendered[name]
    body = PLANS[name]["notice"]["body"]
    page = _date_page(measure)
    assert _body_lines(measure, body, 1), f"{name}: page 1 has no 正文"
    assert _body_lines(measure, body, page), f"{name}: 署名 and 成文日期 alone on page {page}"
    report = _report(rendered, name)
    for rule in ("正文 on page 1", "成文日期 with 正文"):
        assert _rule(report, rule).passed, _rule(report, rule).measured
    assert report.passed, [(r.rule, r.measured) for r in report.failed()]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["joint", *SEALED_ROWS, "joint_sealed_one_line"])
def test_sealed_joint_signatures_stand_in_rows_kept_whole_with_body_text(rendered, name):
    """The 署名 of a sealed joint notice side by side, in rows, the 成文日期 under the last: all of
    them on one page, the 正文's last line on it, wherever the page ends — and the check measures
    seals that neither meet nor leave the 版心."""
    _, measure = rendered[name]
    notice = PLANS[name]["notice"]
    page = _date_page(measure)
    printed = [_plain(line.text) for line in measure.pages[page - 1].lines]
    names = "".join(notice["signatories"])
    rows = [text for text in printed if text and text in names]  # lines made of 署名 only
    assert "".join(rows) == names, (name, page, printed)  # every name, in order, on the date's page
    assert len(rows) == len(notice["signatories"]) // 2  # two a row: the names are 10 字 long
    assert _body_lines(measure, notice["body"], page), f"{name}: 署名 and 成文日期 alone on page {page}"
    rule = _rule(_report(rendered, name), "joint seals")
    assert rule.passed and rule.measured.startswith(f"page {page}: 署名 in rows of 2"), rule.measured
    if name != "joint_sealed_one_line":  # it cannot hold page 1 (see PLANS): page 1 has the 主送 only
        report = _report(rendered, name)
        assert report.passed, [(r.rule, r.measured) for r in report.failed()]


@pytest.mark.slow
def test_a_one_paragraph_body_fills_page_1_and_carries_two_lines(rendered):
    _, measure = rendered["one_paragraph"]
    body = PLANS["one_paragraph"]["notice"]["body"]
    page = _date_page(measure)
    assert page == 2
    # The paragraph prints as 6 lines; LibreOffice used to move all six to page 2 (the 署名 block
    # does not fit under them on page 1). Now all but the last two stay on page 1, and page 2 opens
    # with the two carried lines (as Word's widow control would carry them).
    assert len(_body_lines(measure, body, 1)) == 4
    assert len(_body_lines(measure, body, 2)) == 2
    first_on_2 = measure.pages[1].lines[0]
    assert first_on_2.baseline < 46 and _plain(first_on_2.text) in _plain(body[0])


@pytest.mark.slow
def test_a_one_line_body_keeps_the_whole_notice_on_page_1(rendered):
    _, measure = rendered["one_line"]
    assert _date_page(measure) == 1


@pytest.mark.slow
def test_content_ending_on_an_odd_page_puts_the_record_on_the_next(rendered):
    _, measure = rendered["ends_odd"]
    last = measure.pages[-1]
    assert len(measure.pages) == 4
    assert all(abs(line.size_pt - 14) < 0.5 for line in last.lines)  # 版记 (4号) and page number only
    assert any(re.fullmatch(r"—\s*4\s*—", line.text) for line in last.lines)  # numbered: no blank before
    report = _report(rendered, "ends_odd")
    assert report.passed, [(r.rule, r.measured) for r in report.failed()]
    assert _rule(report, "版记 page").measured == "page 4 of 4"


@pytest.mark.slow
def test_a_record_pushed_to_an_odd_page_gets_a_blank_page_and_neither_is_numbered(rendered):
    _, measure = rendered["ends_even_full"]
    assert len(measure.pages) == 6
    blank, record = measure.pages[4], measure.pages[5]
    assert not blank.lines
    assert record.lines and not any("—" in line.text for line in record.lines)
    assert any(re.fullmatch(r"—\s*4\s*—", line.text) for line in measure.pages[3].lines)
    report = _report(rendered, "ends_even_full")
    assert report.passed, [(r.rule, r.measured) for r in report.failed()]
    assert _rule(report, "blank page").measured == "page 5: blank, unnumbered"


@pytest.mark.slow
def test_single_sided_printing_leaves_the_record_where_it_falls(rendered):
    pdf, measure = rendered["simplex"]
    assert len(measure.pages) == 3  # the 版记 with the plan on odd page 3
    assert not check_pdf(pdf).passed  # a duplex reading fails it …
    assert _report(rendered, "simplex").passed  # … `check --simplex` does not


@pytest.mark.slow
def test_task_lines_stay_with_their_item_and_pages_stay_full(rendered):
    _, measure = rendered["tasks"]
    plan_pages = [page for page in measure.pages if page.number > 2]
    assert len(plan_pages) >= 3
    for page in plan_pages:
        lines = [line for line in page.lines if line.baseline < 262]
        assert not lines[0].text.startswith("（牵头单位"), f"page {page.number} opens with a task line"
        if page.number < len(measure.pages):
            free = (262 - lines[-1].baseline) / 10.21
            assert free < 3, f"page {page.number}: {free:.1f} empty lines (an item moved whole)"
    printed = "".join(_plain(line.text) for page in plan_pages for line in page.lines if "—" not in line.text)
    for i in range(6):
        assert _plain(LONG[: 169 + 37 * i]) in printed  # every item whole, split or not


def test_a_paragraph_with_a_task_line_keeps_with_it_in_the_docx(tmp_path):
    document = load_document_from(PLANS["tasks"], tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(render_docx(build_view(document)))).read("word/document.xml").decode()
    items = re.findall(r'<w:p><w:pPr><w:pStyle w:val="WPItem"/>(<w:keepNext[^>]*>)?', xml)
    assert len(items) == 6 and all(items), items  # Word splits it, carrying its last lines over


def test_a_blank_page_fix_is_a_section_with_footers_of_its_own(tmp_path, ooxml_validator):
    document = load_document_from(_plan({"body": ["请认真贯彻落实。"], **IMPRINT}), tmp_path)
    data = render_docx(build_view(document), flow=FlowFix(imprint="blank_page"))
    path = tmp_path / "fixed.docx"
    path.write_bytes(data)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert xml.count("<w:sectPr") == 2
    package = zipfile.ZipFile(path)
    footers = [n for n in package.namelist() if re.fullmatch(r"word/footer\d+\.xml", n)]
    template = zipfile.ZipFile(io.BytesIO(render_docx(build_view(document))))
    before = [n for n in template.namelist() if re.fullmatch(r"word/footer\d+\.xml", n)]
    assert len(footers) == len(before) + 2
    unnumbered = [n for n in footers if "PAGE" not in package.read(n).decode()]
    assert len(unnumbered) == 2  # the odd and even footers of the 版记's own section
    last = xml.rsplit("<w:sectPr", 1)[1]
    ids = re.findall(r'footerReference w:type="\w+" r:id="(\w+)"', last)
    rels = package.read("word/_rels/document.xml.rels").decode()
    targets = {rid: re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1) for rid in ids}
    assert sorted("word/" + t for t in targets.values()) == sorted(unnumbered)
    assert validate_ooxml(ooxml_validator, path) == []


def test_a_split_keeps_every_character_of_the_paragraph(tmp_path):
    document = load_document_from(_plan({"body": [SENTENCE * 4], "attachments": []}), tmp_path)
    data = render_docx(build_view(document), flow=FlowFix(body_head_chars=50))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)
    head, tail = (SENTENCE * 4)[:50], (SENTENCE * 4)[50:]
    assert head in texts and tail in texts
    assert 'w:jc w:val="distribute"' in xml  # the head's last line is justified like the others


def load_document_from(data: dict, folder: Path):
    source = folder / "plan.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_document(source)


@pytest.mark.slow
def test_a_notice_whose_numbered_text_is_its_own_body_carries_its_last_lines(rendered):
    """The plan printed as the notice's own 正文 (in_notice): its last paragraph is the one the
    signature block keeps with — split so page 1 stays filled and its last lines go over with
    the 署名 — and a 版头 without 文号 still has its red rule."""
    _, measure = rendered["own_text"]
    text = PLANS["own_text"]["plan"]["sections"][0]["text"]
    assert _date_page(measure) == 2
    assert _body_lines(measure, text, 1), "page 1 keeps the head of the last paragraph"
    assert _body_lines(measure, text, 2), "署名 and 成文日期 alone on page 2"
    report = _report(rendered, "own_text")
    assert report.passed, [(r.rule, r.measured) for r in report.failed()]
    assert _rule(report, "红色分隔线").measured.startswith("width 156.0 mm")


def test_a_red_header_without_a_doc_number_keeps_its_red_rule(tmp_path):
    """The red rule is the bottom border of the 文号's paragraph: a 版头 without 文号 (and without
    签发人) keeps that paragraph, empty, so the rule prints 4 mm under where the 文号 would be."""
    from generator.render import render

    data = PLANS["own_text"]
    document = load_document_from(data, tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(render(document, "docx"))).read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    styles = [re.search(r'w:pStyle w:val="([^"]+)"', p) for p in paragraphs]
    numbered = [p for p, st in zip(paragraphs, styles, strict=True) if st and st[1] == "WPDocNumber"]
    assert len(numbered) == 1 and not re.findall(r"<w:t[^>]*>[^<]", numbered[0])  # no text


@pytest.mark.slow
def test_a_section_without_number_is_its_items_new_parent_for_the_checker(rendered):
    """一、（一）（二） 重点工作 （一） 二、（一）: the checker reads the heading without a number as
    the parent its （一） restarts under, as the plan numbers it."""
    rule = _rule(_report(rendered, "unnumbered_section"), "numbering")
    assert rule.passed, rule.measured


@pytest.mark.slow
def test_a_table_that_ends_the_own_text_goes_over_with_the_signature(rendered):
    """The numbered text a notice prints as its own 正文 ends with a table: the table keeps with
    the signature block, so the 成文日期's page holds it (not the 署名 alone on a page)."""
    _, measure = rendered["own_text_table"]
    page = _date_page(measure)
    texts = [_plain(line.text) for line in measure.pages[page - 1].lines]
    assert "任务" in texts[0] and "压实责任" in texts[1], texts[:3]
    rule = _rule(_report(rendered, "own_text_table"), "成文日期 with 正文")
    assert rule.passed and "table" in rule.measured, rule.measured


@pytest.mark.slow
def test_lines_pulled_short_by_a_mark_that_may_not_start_a_line_are_not_short_lines(rendered):
    report = _report(rendered, "pulled_down")
    rule = _rule(report, "characters per line")
    assert rule.passed, rule.measured
    assert report.passed, _explain(report)


@pytest.mark.slow
def test_a_blank_page_before_a_cc_only_record_is_not_numbered(rendered):
    _, measure = rendered["cc_only"]
    assert len(measure.pages) % 2 == 0
    last = [_plain(line.text) for line in measure.pages[-1].lines]
    assert any(text.startswith("抄送：") for text in last)
    assert not measure.pages[-2].lines, "a blank page before the 版记's page"
    report = _report(rendered, "cc_only")
    assert _rule(report, "页码").passed, _rule(report, "页码").measured
    assert report.passed, _explain(report)


def _explain(report: CheckReport) -> str:
    return "; ".join(f"{r.rule}: {r.measured}" for r in report.failed())


def test_a_cc_only_record_prints_no_empty_issuing_line(tmp_path):
    """A draft's 版记 of 抄送 alone: thick rule, 抄送, thick rule — no empty 印发 line and thin rule
    under it; with 印发机关 and 日期 the three rules and both lines are there."""
    from generator.render import render

    def imprint_styles(data: dict) -> list[str]:
        document = load_document_from(data, tmp_path)
        xml = zipfile.ZipFile(io.BytesIO(render(document, "docx"))).read("word/document.xml").decode()
        styles = re.findall(r'w:pStyle w:val="(WPImprint[^"]*|WPCC|WPPrinter)"', xml)
        return [s for s in styles if s != "WPImprintAnchor"]

    assert imprint_styles(PLANS["cc_only"]) == ["WPImprintRuleThick", "WPCC", "WPImprintRuleThick"]
    assert imprint_styles(PLANS["ends_odd"]) == [
        "WPImprintRuleThick",
        "WPCC",
        "WPImprintRuleThin",
        "WPPrinter",
        "WPImprintRuleThick",
    ]


@pytest.mark.slow
def test_a_long_title_prints_in_the_lines_it_was_broken_into(rendered):
    """Every 标题 line the writer breaks fits the 版心 in the title font: LibreOffice prints exactly
    those lines (no word re-wrapped alone), and page 1 still holds the 正文."""
    from generator.title_lines import break_title

    _, measure = rendered["long_title"]
    printed = [_plain(line.text) for line in measure.pages[0].lines if abs(line.size_pt - 22) < 1]
    assert printed == [_plain(line) for line in break_title(LONG_TITLE)]
    report = _report(rendered, "long_title")
    assert report.passed, _explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(case.stem for case in FLOW_CASES.glob("*.yaml")))
def test_varied_notices_pass_every_rule(rendered, name):
    report = _report(rendered, name)
    assert report.passed, _explain(report)
    _, measure = rendered[name]
    assert len(measure.pages) % 2 == 0  # duplex: the 版记 ends the last side of a sheet


@pytest.mark.slow
@pytest.mark.parametrize("name", ["joint_three_one_line", "joint_four_one_line"])
def test_a_joint_notice_with_a_one_line_body_holds_page_1(rendered, name):
    """The stacked names of a joint mark are set smaller (and wide) so the one line of 正文 and its
    closing — 附件说明, every 署名, the 成文日期 — stay on page 1 under the 版头."""
    _, measure = rendered[name]
    assert _date_page(measure) == 1
    mark = [line for line in measure.pages[0].lines if line.red and line.size_pt > 17]
    names = len(PLANS[name]["notice"]["issuers"])
    assert len(mark) == names + 1  # the names, and 文件 beside them
    assert max(line.size_pt for line in mark) <= joint_mark_cap(names)
    # the names still fill the names column: set wide, not spread apart
    longest = max(mark, key=lambda line: len(line.text))
    assert longest.x1 - longest.x0 > 100
    # and the PDF reader still reads the smaller, closer mark as the issuers
    from generator.readers import import_file

    pdf, _ = rendered[name]
    assert import_file(pdf).document.notice.issuers == PLANS[name]["notice"]["issuers"]


def test_a_joint_mark_of_more_names_is_set_smaller_and_wide():
    assert [joint_mark_cap(n) for n in (1, 2, 3, 4, 6)] == [36.0, 36.0, 27.0, 20.0, 20.0]
    assert mark_font(34.0) == (34.0, None)  # one issuer, or two: as before
    assert mark_font(34.0, cap=20.0) == (20.0, 150)  # held low, set wide up to 150 %
    assert mark_font(22.0, cap=20.0) == (20.0, 110)
    assert mark_font(15.0, cap=20.0) == (20.0, 75)  # a name too long for the line is narrowed


def test_every_line_of_a_joint_signature_block_keeps_with_the_next(tmp_path):
    """Four 署名 and the 成文日期 are one block: a page may not end between two 署名 (a probe left the
    first name on page 1 and the other three with the date on page 2)."""
    for sealed in (True, False):
        data = _plan(
            {"issuers": FOUR_ISSUERS, "signatories": FOUR_ISSUERS, "body": [SENTENCE], "sealed": sealed}
        )
        document = load_document_from(data, tmp_path)
        xml = (
            zipfile.ZipFile(io.BytesIO(render_docx(build_view(document)))).read("word/document.xml").decode()
        )
        block = re.findall(r'<w:p><w:pPr><w:pStyle w:val="(WPSignatory|WPDate)"/>(<w:keepNext[^>]*>)?', xml)
        assert [style for style, _ in block] == ["WPSignatory"] * 4 + ["WPDate"]
        assert all(keep for _, keep in block[:-1]), block


def test_a_long_issuing_organ_gives_the_record_a_line_for_the_date():
    from generator.writers.docx import imprint_height
    from generator.writers.docx_geometry import LINE_PITCH

    cc = "抄送：市血液中心，市卫生监督所。"
    short = imprint_height(cc, "某某市卫生健康委员会办公室", "2025年3月17日印发")
    long = imprint_height(
        cc, "某某市卫生健康委员会办公室（某某市爱国卫生运动委员会办公室）", "2025年3月17日印发"
    )
    assert long - short == LINE_PITCH
    assert imprint_height(cc) < short  # a draft's 版记 of 抄送 alone: no 印发 line


def test_the_tail_of_a_split_last_paragraph_opens_the_next_page(tmp_path):
    """The split's tail goes over with the closing by a page break of its own: LibreOffice, with a
    plan of five pages behind the notice, kept the tail under the head and sent the 署名 alone on."""
    document = load_document_from(_plan({"body": [SENTENCE * 4], "attachments": []}), tmp_path)
    data = render_docx(build_view(document), flow=FlowFix(body_head_chars=50))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    tail = (SENTENCE * 4)[50:]
    paragraph = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S) if tail in p)
    assert "<w:pageBreakBefore" in paragraph
    word = render_docx(build_view(document), flow=FlowFix(body_head_chars=50).for_word())
    assert "<w:pageBreakBefore" not in zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode()


def _measured(lines):
    """A PdfMeasure of ``lines`` (page, text, x0, baseline), 16 pt."""
    from generator.check.pdf_measure import MM, Glyph, PageMeasure, TextLine

    em = 16 / MM * 0.98
    built = [
        TextLine(page, [Glyph(c, x + i * em, x + (i + 1) * em, y, 16.0, False) for i, c in enumerate(text)])
        for page, text, x, y in lines
    ]
    pages = [PageMeasure(n, 210.0, 297.0, [t for t in built if t.page == n], [], 0) for n in (1, 2)]
    return PdfMeasure(pages)


def test_a_closing_no_spacing_can_hold_on_page_1_is_not_squeezed(tmp_path):
    """A one-line 正文 moved with its closing to page 2: squeezed when the spacing can take the
    closing back under the 主送 (§7.3.5.5), left whole when it cannot — squeezed short of fitting,
    LibreOffice broke the block between two 署名."""
    from generator.writers.flow import body_split

    body = "现将工作要点印发给你们，请认真贯彻落实。"
    document = load_document_from(
        _plan({"issuers": FOUR_ISSUERS, "signatories": FOUR_ISSUERS, "body": [body], "sealed": False}),
        tmp_path,
    )
    view = build_view(document)
    pitch = 10.21

    def layout(recipient_y: float):  # four 署名 one a line under three blank lines
        closing = [(2, body, 39.3, 45.0), (2, "附件：2025年某某市卫生健康工作要点", 39.3, 45.0 + 2 * pitch)]
        closing += [(2, name, 115.6, 45.0 + (6 + k) * pitch) for k, name in enumerate(FOUR_ISSUERS)]
        closing.append((2, DATE, 119.4, 45.0 + 10 * pitch))
        return _measured([(1, "各区县卫生健康局：", 28.0, recipient_y), *closing])

    # 7.6 lines free, 11 needed: the 4 blank lines and 6 printed lines can give 4.8
    assert body_split(layout(recipient_y=180.0), view) == (None, 4)
    assert body_split(layout(recipient_y=207.0), view) == (None, 0)  # 5.1 free: no spacing gives 5.9


def test_the_room_between_rows_of_seals_is_never_squeezed(tmp_path):
    """Sealed, the four 署名 stand two by two, their rows five lines apart so that the seals of the
    first clear the second's (42 mm): those four blank lines keep their height when the closing is
    squeezed — the 附件说明's blank line and the three over the first row (3 lines) and the four
    printed lines (1.2) give what the page before lacks, or the chain stays whole where it is."""
    from generator.writers.flow import body_split

    body = "现将工作要点印发给你们，请认真贯彻落实。"
    document = load_document_from(
        _plan({"issuers": FOUR_ISSUERS, "signatories": FOUR_ISSUERS, "body": [body]}), tmp_path
    )
    view = build_view(document)
    pitch = 10.21

    def layout(recipient_y: float):
        closing = [(2, body, 39.3, 45.0), (2, "附件：2025年某某市卫生健康工作要点", 39.3, 45.0 + 2 * pitch)]
        closing += [
            (2, "某某市卫生健康委员会　某某市市场监督管理局", 53.1, 45.0 + 6 * pitch),
            (2, "某某市财政局　某某市医疗保障局", 64.2, 45.0 + 11 * pitch),
            (2, DATE, 116.7, 45.0 + 12 * pitch),
        ]
        return _measured([(1, "各区县卫生健康局：", 28.0, recipient_y), *closing])

    # 13 lines from the 正文 to the date; squeezed by 4.2 they take 89.8 mm: 109.5 mm are free
    # under a 主送 at 150 mm (10 whole lines, 3 short), 79.5 mm under one at 180 mm
    assert body_split(layout(recipient_y=150.0), view) == (None, 3)
    assert body_split(layout(recipient_y=180.0), view) == (None, 0)


def test_a_record_of_three_cc_lines_is_counted_three_lines_high():
    """抄送 of 57 字 printed on three lines (29, 25 — a ，pulled 单 down with 位 — and 2) where the
    box, pinned after a landscape 分工表, was counted two lines high: its 印发 line was cut off."""
    from generator.writers.docx import imprint_height
    from generator.writers.docx_geometry import LINE_PITCH

    two = "抄送：市各有关部门，各三级医院，各有关医疗机构，各区人民政府。"
    three = two[:-1] + "，市急救中心，市卫生监督所，市疾控中心，委直属各单位。"
    printer, date = "某某市卫生健康委员会办公室", "2025年2月12日印发"
    assert imprint_height(three, printer, date) - imprint_height(two, printer, date) == LINE_PITCH


@pytest.mark.slow
def test_an_attachment_printed_alone_has_its_title_under_its_label(rendered):
    report = _report(rendered, "bare_plan")
    rule = _rule(report, "标题")
    assert rule.passed and "22.0 pt" in rule.measured, rule.measured
    assert report.passed, _explain(report)
