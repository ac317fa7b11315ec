"""Import through LibreOffice: .doc/.wps/.rtf/.odt (converted to .docx), and the PDF round trip
render(plan) → .pdf → import = plan, for every plan and for generated plans.

All slow (LibreOffice); each group converts its files in ONE LibreOffice start.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from conftest import SHARED, plan_files
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, Phase, given, settings
from test_roundtrip import plans, printable
from typer.testing import CliRunner

from generator.cli import app
from generator.load import load_document
from generator.model import Document
from generator.model_tools import validate
from generator.readers import ImportResult, import_file, import_text
from generator.render import render
from generator.soffice import convert_to_pdf

REAL = SHARED / "corpus" / "real"
DOCS = sorted(REAL.glob("*.doc"))

pytestmark = pytest.mark.slow


def _text(document: Document) -> str:
    return "".join(str(render(document, "txt")).split())


@functools.cache
def _imported(path: Path) -> ImportResult:
    """One LibreOffice conversion per .doc for all the tests that read it."""
    return import_file(path)


# --- .doc / .wps / .rtf / .odt -----------------------------------------------------------------


def test_corpus_has_the_nine_doc_files() -> None:
    assert [p.name[:2] for p in DOCS] == ["06", "07", "08", "09", "10", "11", "12", "13", "14"]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:24])
def test_every_real_doc_imports(path: Path, tmp_path: Path, soffice: str) -> None:
    out = tmp_path / "plan.yaml"
    done = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output and out.is_file()


# Sentences read in the .doc files (opened in LibreOffice Writer).
DOC_SENTENCES = {
    "06": "浙江银行业“智慧小微”金融服务行动计划",
    "08": "现将《进一步加快推动农业保险高质量发展行动方案》印发给你们，请结合实际认真贯彻落实。",
    "10": "现提出如下要求：",
    "13": "特此通知。",
}


@pytest.mark.parametrize("prefix", sorted(DOC_SENTENCES))
def test_doc_text_survives(prefix: str, soffice: str) -> None:
    (path,) = [p for p in DOCS if p.name.startswith(prefix)]
    assert DOC_SENTENCES[prefix] in _text(_imported(path).document)


def test_mergefield_codes_do_not_leak_and_the_field_result_keeps_its_paragraphs(soffice: str) -> None:
    """real/08: title, 文号, 主送 and the whole 正文 + plan are MERGEFIELD results; a nested
    field's code (`` MERGEFIELD title ``) sits inside the 正文's result."""
    document = _imported(DOCS[2]).document
    text = _text(document)
    assert "MERGEFIELD" not in text and "incomingNo" not in text and "TextContent" not in text
    # the cited 文号 that followed the nested field code, now bare
    assert "（财金〔2019〕102号）" in text
    # the field's result keeps the paragraphs the .doc shows: 署名 and 成文日期 on their own
    # lines, the plan's title over two, each heading its own; the nested field stays inline
    from generator.readers.defects import DefectLog
    from generator.readers.legacy import legacy_lines

    lines = [line.text for line in legacy_lines(DOCS[2], "doc", DefectLog()) if line.text]
    start = lines.index(
        "现将《进一步加快推动农业保险高质量发展行动方案》印发给你们，请结合实际认真贯彻落实。"
    )
    assert lines[start + 1 : start + 5] == [
        "中国银保监会浙江监管局办公室",
        "2021年11月26日",
        "进一步加快推动农业保险高质量发展",
        "行动方案",
    ]
    assert lines[start + 5].startswith(
        "为进一步加快推动浙江农业保险高质量发展，根据《财政部 农业农村部 银保监会 林草局关于印发"
        "〈关于加快农业保险高质量发展的指导意见〉的通知》（财金〔2019〕102号）、《浙江省人民政府办公厅"
    )
    assert lines[start + 6] == "一、明确总体要求"
    assert "五、统筹协调推进" in lines
    # so the plan is read as a plan (一、明确总体要求 … 五、统筹协调推进), not swallowed by the 正文
    headings = [s.heading for s in document.plan.sections]
    assert headings == ["明确总体要求", "丰富产品供给", "优化保险服务", "加强监督管理", "统筹协调推进"]


def test_wps_rtf_and_odt_read_like_the_doc(tmp_path: Path, soffice: str) -> None:
    """A .wps is a .doc inside (told by content, whatever the name); .rtf and .odt saved from
    the same .doc read to the same plan."""
    source = DOCS[0]
    wps = tmp_path / "plan.wps"
    shutil.copyfile(source, wps)
    expected = _imported(source).document
    assert printable(import_file(wps).document) == printable(expected)
    folder = tmp_path / "saved"
    shutil.copyfile(source, tmp_path / "06.doc")
    (rtf,) = convert_to_pdf([tmp_path / "06.doc"], folder, to="rtf")
    (odt,) = convert_to_pdf([tmp_path / "06.doc"], folder / "odt", to="odt")
    for path in (rtf, odt):
        renamed = path.with_suffix(".txt")  # the content decides, not the name
        path.rename(renamed)
        imported = import_file(renamed).document
        assert [s.heading for s in imported.plan.sections] == [s.heading for s in expected.plan.sections]
        assert _text(imported) == _text(expected)


def test_a_doc_libreoffice_cannot_read_is_one_message(tmp_path: Path, soffice: str) -> None:
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    done = CliRunner().invoke(app, ["import", str(bad), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output and len(done.output.strip().splitlines()) == 1


# --- PDF: running headers and footers ----------------------------------------------------------


def _page_field(paragraph: object) -> None:
    run = OxmlElement("w:fldSimple")
    run.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    run.append(inner)
    paragraph._p.append(run)  # type: ignore[attr-defined]


def test_running_header_and_footer_page_numbers_are_removed(tmp_path: Path, soffice: str) -> None:
    word = WordDocument()
    section = word.sections[0]
    section.header.paragraphs[0].text = "云溪市卫生健康委员会内部资料"
    footer = section.footer.paragraphs[0]
    footer.text = "第"
    _page_field(footer)
    footer.add_run("页")
    word.add_paragraph("2024年云溪市卫生健康工作要点")
    for n in range(1, 4):
        word.add_paragraph(["一", "二", "三"][n - 1] + "、加强医疗服务第" + str(n) + "部分")
        for _ in range(12):
            word.add_paragraph(
                "开展服务质量提升行动，二级以上医院全部建立院内质控体系，确保各项任务按期完成。" * 2
            )
    source = tmp_path / "headed.docx"
    word.save(str(source))
    (pdf,) = convert_to_pdf([source], tmp_path)
    result = import_file(pdf)
    chrome = [d for d in result.defects if d.kind == "removed_page_chrome"]
    pages = {d.page for d in chrome}
    assert len(pages) >= 3  # the document runs over several pages, each with its header and footer
    assert any("running header" in d.message for d in chrome)
    assert any("第" in d.message and "页" in d.message for d in chrome)
    text = _text(result.document)
    assert "内部资料" not in text and "第1页" not in text and "第2页" not in text
    assert [s.heading for s in result.document.plan.sections] == [
        "加强医疗服务第1部分",
        "加强医疗服务第2部分",
        "加强医疗服务第3部分",
    ]


# --- PDF round trip ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every plan of plans/ and examples/ as PDF, in one LibreOffice start."""
    folder = tmp_path_factory.mktemp("plan-pdfs")
    sources = []
    for path in plan_files():
        target = folder / f"{path.stem}.docx"
        target.write_bytes(render(load_document(path), "docx"))  # type: ignore[arg-type]
        sources.append(target)
    return {pdf.stem: pdf for pdf in convert_to_pdf(sources, folder / "pdf")}


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_plan_round_trips_through_pdf(path: Path, plan_pdfs: dict[str, Path], soffice: str) -> None:
    document = load_document(path)
    imported = import_file(plan_pdfs[path.stem])
    assert printable(imported.document) == printable(document)
    # our own PDFs: the "— N —" page numbers are the only chrome; the rest is what the text says
    chrome = [d for d in imported.defects if d.kind == "removed_page_chrome"]
    assert chrome and all("page number '—" in d.message for d in chrome)
    as_text = import_text(str(render(document, "txt")))
    others = [(d.kind, d.message) for d in imported.defects if d.kind != "removed_page_chrome"]
    assert others == [(d.kind, d.message) for d in as_text.defects]


GENERATED = 200


def test_generated_plans_round_trip_through_pdf(tmp_path: Path, soffice: str) -> None:
    """Property: render → .pdf → import = the plan, for generated plans (tables included). The
    plans are drawn first (hypothesis, reproducibly) and converted in ONE LibreOffice start; a
    failure names the plans that did not come back, dumped as YAML beside the PDF."""
    from generator.dump import dump_document

    drawn: list[Document] = []

    @settings(
        max_examples=GENERATED,
        phases=[Phase.generate],
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(plans(tables=True))
    def draw(document: Document) -> None:
        drawn.append(document)

    draw()
    assert len(drawn) == GENERATED
    sources = []
    for k, document in enumerate(drawn):
        source = tmp_path / f"plan{k:03}.docx"
        source.write_bytes(render(document, "docx"))  # type: ignore[arg-type]
        sources.append(source)
    pdfs = convert_to_pdf(sources, tmp_path / "pdf")
    failed = []
    for document, pdf in zip(drawn, pdfs, strict=True):
        if printable(import_file(pdf).document) != printable(document):
            dumped = pdf.with_suffix(".yaml")
            dumped.write_text(dump_document(document, for_file=dumped), encoding="utf-8")
            failed.append(str(dumped))
    assert not failed, f"{len(failed)} of {GENERATED} did not round-trip: {failed[:5]}"


def test_a_task_line_short_of_the_edge_ends_its_paragraph(tmp_path: Path, soffice: str) -> None:
    """A one-page bare plan whose lines all start 2字 in and none runs full: the text block's
    edges are those of its longest lines, so a section's （牵头单位：…） looked full and the （一）
    under it was read as its continuation. A task line ends where its bracket closes. (Drawn by
    the property above in another test order.)"""
    document = validate(
        Document,
        {
            "notice": None,
            "plan": {
                "title": "2026年建落医卫进平疗全工作要点",
                "year": 2026,
                "numbering": {"levels": ["chinese", "chinese_paren", "arabic_comma"], "continuous": [2]},
                "sections": [
                    {
                        "heading": "善推质疗体系平",
                        "lead": "医政医管处",
                        "owners": ["市医保局"],
                        "items": [
                            {"heading": "疗设服生医度强，生卫推服。"},
                            {
                                "heading": "度力管推疗系能务。",
                                "lead": "市卫生健康委",
                                "tables": [{"rows": [["全管管生理全能作"], ["工能理卫生疗"]]}],
                            },
                        ],
                    }
                ],
            },
        },
    )
    source = tmp_path / "plan.docx"
    source.write_bytes(render(document, "docx"))  # type: ignore[arg-type]
    (pdf,) = convert_to_pdf([source], tmp_path / "pdf")
    assert printable(import_file(pdf).document) == printable(document)
