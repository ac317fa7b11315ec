"""The Word writer keeps its promises: every plan renders to a GB/T 9704 .docx that Word's library
opens, LibreOffice converts in one batch, and whose PDF says the same words as the .txt writer;
plan text stays data; an agency template missing a style or placeholder is refused."""

from __future__ import annotations

import difflib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from conftest import EXAMPLES, REPO, plan_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import InputError, load_document
from generator.model import Document
from generator.model_tools import replace, validate
from generator.render import render
from generator.title_lines import break_title, title_width, width_zi
from generator.view import build_view
from generator.writers import docx_template as tpl
from generator.writers.docx import closing_paragraphs, render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 25.4 / 72
PLANS = plan_files()


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """Every plan of plans/ and examples/ as .docx bytes."""
    assert PLANS, "no plans found — plans/ and examples/ should hold YAML plans"
    return {p.stem: render(load_document(p), "docx") for p in PLANS}  # type: ignore[misc]


@pytest.fixture(scope="session")
def pdfs(
    rendered: dict[str, bytes], soffice: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """All plans converted by ONE LibreOffice start (generator.soffice)."""
    from generator.soffice import convert_to_pdf

    folder = tmp_path_factory.mktemp("docx")
    sources = []
    for stem, data in rendered.items():
        source = folder / f"{stem}.docx"
        source.write_bytes(data)
        sources.append(source)
    out = convert_to_pdf(sources, folder / "pdf")
    return {path.stem: path for path in out}


def _xml(data: bytes, part: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8")


# ---------------------------------------------------------------- the .docx itself


@pytest.mark.parametrize("plan", PLANS, ids=_ids(PLANS))
def test_docx_opens_and_has_the_plan_text(plan: Path, rendered: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(rendered[plan.stem]))
    text = "".join(p.text for p in document.paragraphs)
    model = load_document(plan)
    assert model.plan.title in text
    for node in model.plan.nodes():
        if node.heading:
            assert node.heading in text, node.heading
    # no docxtpl tag survived rendering
    assert not re.search(
        r"\{%-?\s*(p|tr|tc|endfor|endif|else)\b|\{\{[rp] ", _xml(rendered[plan.stem], "word/document.xml")
    )


@pytest.mark.parametrize("plan", PLANS, ids=_ids(PLANS))
def test_page_setup_grid_and_fonts(plan: Path, rendered: dict[str, bytes]) -> None:
    data = rendered[plan.stem]
    body = _xml(data, "word/document.xml")
    styles = _xml(data, "word/styles.xml")
    settings_xml = _xml(data, "word/settings.xml")
    # A4, margins 37/35/28/26 mm in twips (§5.2.1), line grid of 579 twips (22 lines, spec §1c)
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body
    for attr, value in (("top", 2098), ("bottom", 1984), ("left", 1587), ("right", 1474)):
        assert f'w:{attr}="{value}"' in body
    assert re.search(r'<w:docGrid (?=[^>]*w:type="lines")(?=[^>]*w:linePitch="579")', body)
    assert "<w:evenAndOddHeaders" in settings_xml
    # fonts by name on eastAsia AND ascii/hAnsi, no theme fonts
    for name in tpl.FONT_MAP.values():
        assert re.search(rf'w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}"', styles), name
    assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles, flags=re.S)
    # Normal: exact 28.95 pt lines, −0.25 pt 字距, widow control off, 2字 first-line indent
    normal = re.search(
        r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S
    )
    assert normal is not None
    normal_xml = normal.group(0)
    fragments = ('w:line="579" w:lineRule="exact"', '<w:spacing w:val="-5"/>', '<w:widowControl w:val="0"/>')
    for fragment in (*fragments, 'w:firstLine="640"'):
        assert fragment in normal_xml, fragment


@pytest.mark.parametrize("plan", PLANS, ids=_ids(PLANS))
def test_footers_and_red_elements(plan: Path, rendered: dict[str, bytes]) -> None:
    data = rendered[plan.stem]
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    footers = [_xml(data, n) for n in names if re.match(r"word/footer\d+\.xml", n)]
    assert len(footers) == 4  # odd and even, of the portrait pages and of a landscape 分工表
    for footer in footers:
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
        assert text.startswith("— ") and text.endswith(" —")  # U+2014 一字线 (§7.5)
        assert "PAGE" in footer
    styles = _xml(data, "word/styles.xml")
    for style in ("WPIssuerMark", "WPDocNumber"):
        block = re.search(rf'w:styleId="{style}".*?</w:style>', styles, re.S)
        assert block is not None and "FF0000" in block.group(0), style
    model = load_document(plan)
    body = _xml(data, "word/document.xml")
    if model.notice.issuers:
        assert "WPIssuerMark" in body or "WPIssuerJoint" in body
    if model.notice.doc_number:
        assert "WPDocNumber" in body


# Child order of property elements, from ECMA-376 Part 1 (CT_PPrBase, CT_RPr, CT_TblPrBase,
# CT_TcPr, CT_SectPr), written out here rather than taken from generator/ooxml. Word declares a
# file with children out of this order unreadable; LibreOffice opens it anyway, so only this test
# can catch it.
_SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
    "sectPr pPrChange",
    "rPr": "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline "
    "shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath "
    "rPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings sectPrChange",
    # CT_Settings, the part of it up to the elements python-docx's default settings.xml carries
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
    "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
    "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
    "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves "
    "doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet "
    "defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps "
    "showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
    "rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
}


def _out_of_order(data: bytes) -> list[str]:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in package.namelist():
            if not (part.startswith("word/") and part.endswith(".xml")):
                continue
            root = etree.fromstring(package.read(part))
            for tag, names in _SCHEMA_ORDER.items():
                order = names.split()
                for element in root.iter(w + tag):
                    kids = [etree.QName(k).localname for k in element if str(k.tag).startswith(w)]
                    unknown = [k for k in kids if k not in order]
                    ranks = [order.index(k) for k in kids if k in order]
                    if unknown or ranks != sorted(ranks):
                        found.append(f"{part}: w:{tag} children {kids}")
            # properties come first in their paragraph, run and table; the last section's
            # properties close the body
            for parent, first in (("p", "pPr"), ("r", "rPr"), ("tbl", "tblPr")):
                for element in root.iter(w + parent):
                    tags = [etree.QName(k).localname for k in element if str(k.tag).startswith(w)]
                    if first in tags[1:]:
                        found.append(f"{part}: w:{first} is not the first child of w:{parent}")
            for body in root.iter(w + "body"):
                tags = [etree.QName(k).localname for k in body if str(k.tag).startswith(w)]
                if "sectPr" in tags and tags[-1] != "sectPr":
                    found.append(f"{part}: w:sectPr is not the last child of w:body")
    return found


def test_property_children_are_in_schema_order(rendered: dict[str, bytes]) -> None:
    """Every rendered plan, the template itself and a tracked-changes diff keep ECMA-376's child
    order in w:pPr, w:rPr, w:tblPr, w:tcPr, w:sectPr and w:settings (Word's condition for opening
    the file)."""
    from generator.diff import diff_documents, load_version
    from generator.writers.diff_files import render_diff

    diff = render_diff(
        diff_documents(
            load_version(REPO / "plans" / "suzhou-wuzhong-2021.yaml"),
            load_version(REPO / "plans" / "wuzhong-2019.yaml"),
        ),
        "docx",
    )
    assert isinstance(diff, bytes)
    sources = {**rendered, "templates/notice.docx": tpl.template_path().read_bytes(), "diff.docx": diff}
    problems = {name: found for name, data in sources.items() if (found := _out_of_order(data))}
    assert not problems, problems


def test_every_element_has_a_named_style() -> None:
    document = docx.Document(str(tpl.template_path()))
    present = {s.name for s in document.styles}
    assert set(tpl.REQUIRED_STYLES) <= present
    for name in ("WP Issuer Mark", "WP Doc Number", "WP Title", "WP Recipients", "WP Body", "WP Section",
                 "WP Item", "WP Item Heading", "WP Level 3", "WP CC", "WP Printer"):  # fmt: skip
        assert name in present


def test_template_is_reproducible_from_code() -> None:
    """templates/notice.docx is what docx_template builds (same styles and body XML)."""
    built = tpl.build_template()
    committed = tpl.template_path().read_bytes()
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/settings.xml"):
        assert _xml(built, part) == _xml(committed, part), part


# ---------------------------------------------------------------- plan text is data

HOSTILE = ["{{ x }}", "{% if %}", "医疗&医保", "<b>加粗</b>", "甪", "𠀀", "{_{ y }_}", "\"quoted\" 'single'"]


def test_hostile_text_of_the_example_survives(rendered: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(rendered["example"]))
    text = "\n".join(p.text for p in document.paragraphs)
    for needle in ("{{ x }}", "{% if %}", "医疗&医保", "<b>加粗</b>", "甪", "𠀀"):
        assert needle in text, needle


_TEXT = st.text(
    alphabet=st.sampled_from(list("{}%_&<>\"'#甪𠀀字。 a1\\")) | st.characters(codec="utf-8"),
    min_size=1,
    max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_TEXT, heading=_TEXT)
def test_any_text_renders_literally(body: str, heading: str) -> None:
    """Whatever a plan says comes back verbatim from the .docx (XML-invalid characters dropped)."""
    body = body.replace("\r", "").replace("\n", " ")
    heading = heading.replace("\r", "").replace("\n", " ")
    document = validate(
        Document,
        {
            "notice": {"issuers": ["某某市卫生健康委员会"], "body": [body], "signatories": ["某某市"]},
            "plan": {
                "title": "2025年工作要点",
                "year": 2025,
                "sections": [{"heading": heading, "text": [body]}],
            },
        },
    )
    data = render_docx(build_view(document))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    legal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    assert legal.sub("", body) in text
    assert legal.sub("", heading) in text


# ---------------------------------------------------------------- agency templates


def _template_without(tmp_path: Path, style: str, placeholder: str) -> Path:
    document = docx.Document(str(tpl.template_path()))
    document.styles[style].delete()
    for paragraph in document.paragraphs:
        if placeholder in paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
    path = tmp_path / "agency.docx"
    document.save(str(path))
    return path


def test_template_missing_style_and_placeholder_is_refused(tmp_path: Path) -> None:
    bad = _template_without(tmp_path, "WP Section", "{{ note }}")
    view = build_view(load_document(EXAMPLES / "example.yaml"))
    with pytest.raises(InputError) as caught:
        render_docx(view, template=bad)
    messages = [p.message for p in caught.value.problems]
    assert any("'WP Section'" in m for m in messages), messages
    assert any("{{ note }}" in m for m in messages), messages


def test_cli_refuses_bad_template_with_exit_2(tmp_path: Path) -> None:
    bad = _template_without(tmp_path, "WP Title", "{{ recipients }}")
    out = tmp_path / "x.docx"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "render", str(EXAMPLES / "example.yaml"), "-o", str(out),
         "--template", str(bad)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "WP Title" in result.stderr and "{{ recipients }}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_bundled_template_passes_as_an_agency_template(tmp_path: Path) -> None:
    copy = tmp_path / "ours.docx"
    copy.write_bytes(tpl.template_path().read_bytes())
    view = build_view(load_document(EXAMPLES / "example.yaml"))
    assert render_docx(view, template=copy)[:2] == b"PK"


# ---------------------------------------------------------------- layout decisions


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("关于印发《2021年吴中区医政工作要点》的通知", ["关于印发《2021年吴中区", "医政工作要点》的通知"]),
        ("关于做好工作的通知", ["关于做好工作的通知"]),
        ("关于印发\n《工作要点》的通知", ["关于印发", "《工作要点》的通知"]),
    ],
)
def test_title_lines(title: str, expected: list[str]) -> None:
    assert break_title(title) == expected


@given(
    st.text(
        alphabet=st.sampled_from(list("关于印发《》年市区卫生健康工作要点的通知2025、")),
        min_size=1,
        max_size=70,
    )
)
def test_title_lines_keep_text_and_width(title: str) -> None:
    lines = break_title(title)
    assert "".join(lines) == title
    # in the title fonts a digit is about 0.6 字 wide (title_width), not ½: the line must fit that
    assert all(title_width(line) <= 20 for line in lines)


def test_unsealed_signature_indents_follow_the_formula() -> None:
    """§7.3.5.2: 署名 right-indented 2字; the date starts 2字 right of the 署名's first character."""
    name = "某某市卫生健康委员会"
    signatory, date = closing_paragraphs([name], "2025年2月18日", sealed=False)[1:]
    assert 'w:right="640"' in signatory.xml
    advance = tpl.ZI + tpl.CHAR_SPACING
    name_start = tpl.TEXT_WIDTH - 2 * tpl.ZI - len(name) * advance
    assert f'w:left="{name_start + 2 * advance}"' in date.xml and '<w:jc w:val="left"/>' in date.xml


def test_unsealed_long_date_pushes_the_name_left() -> None:
    paragraphs = closing_paragraphs(["某某局"], "2025年12月18日", sealed=False)
    name_right, date_right = (int(m) for p in paragraphs[1:] for m in re.findall(r'w:right="(\d+)"', p.xml))
    assert date_right == 2 * tpl.ZI
    assert name_right == round((width_zi("2025年12月18日") - 3 + 4) * tpl.ZI)


def test_sealed_signature_is_centred_over_the_date() -> None:
    paragraphs = closing_paragraphs(["某某市卫生健康委员会"], "2025年2月18日", sealed=True)
    indents = [int(m) for p in paragraphs for m in re.findall(r'w:right="(\d+)"', p.xml)]
    name_right, date_right = indents
    assert date_right == 4 * tpl.ZI
    name_width, date_width = width_zi("某某市卫生健康委员会"), width_zi("2025年2月18日")
    name_centre = name_right + name_width * tpl.ZI / 2
    assert abs(name_centre - (date_right + date_width * tpl.ZI / 2)) < 1


# ---------------------------------------------------------------- through LibreOffice


def _pdf_text(path: Path) -> str:
    """Text inside the 版心 (page numbers below it are left out; on a landscape page they stand
    turned in its left margin, under the turned 版心)."""

    def inside(p: pdfplumber.page.Page) -> tuple[float, float, float, float]:
        return (32 / MM, 0, p.width, p.height) if p.width > p.height else (0, 0, p.width, 264 / MM)

    def text(p: pdfplumber.page.Page) -> str:
        page = p.crop(inside(p))
        tables = page.find_tables() if p.width > p.height else []
        if not tables:
            return page.extract_text() or ""
        # a 分工表 cell wraps over several lines: read it cell by cell, row by row, under the
        # text above the table (附件 label and title)
        above = page.crop((page.bbox[0], 0, page.bbox[2], tables[0].bbox[1])).extract_text() or ""
        cells = [cell or "" for table in tables for row in table.extract() for cell in row]
        return above + "".join(cells)

    with pdfplumber.open(path) as pdf:
        return "".join(text(p) for p in pdf.pages)


@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS, ids=_ids(PLANS))
def test_pdf_says_what_the_txt_writer_says(plan: Path, pdfs: dict[str, Path]) -> None:
    expected = re.sub(r"\s", "", str(render(load_document(plan), "txt")))
    found = re.sub(r"\s", "", _pdf_text(pdfs[plan.stem]))
    ratio = difflib.SequenceMatcher(None, expected, found).ratio()
    assert ratio >= 0.99, f"{plan.stem}: text ratio {ratio:.3f}"
    # LibreOffice once dropped line-end punctuation from justified lines (see docx_template, overflowPunct)
    for mark in "，。、；：":
        assert found.count(mark) == expected.count(mark), mark


@pytest.mark.slow
def test_pdf_geometry_of_the_example(pdfs: dict[str, Path]) -> None:
    """The measured positions of GB/T 9704 §7 on the example (joint, 上行文, with 版记)."""
    with pdfplumber.open(pdfs["example"]) as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        red = [c for c in first.chars if tuple(c["non_stroking_color"] or ())[:3] == (1, 0, 0)]
        assert abs(min(c["top"] for c in red) * MM - 72) < 1  # 标志 top 35 mm under the 版心 top
        rule = next(ln for ln in first.lines if tuple(ln["stroking_color"] or ())[:3] == (1, 0, 0))
        assert abs(rule["x0"] * MM - 28) < 0.5 and abs(rule["x1"] * MM - 184) < 0.5  # 156 mm
        imprint = sorted(ln["top"] * MM for ln in last.lines)
        assert len(imprint) == 3 and abs(imprint[-1] - 262) < 0.5  # last 版记 rule on the 版心 edge
        turned = 0
        for number, page in enumerate(pdf.pages, start=1):
            dash = [c for c in page.chars if c["text"] == "—"]
            if page.width > page.height:
                # the landscape 分工表 page, bound turned head-left: its page number reads downward
                # in the left margin, and stands where the others do once the sheet is turned
                turned += 1
                assert all(c["matrix"][:4] == (0, -1, 1, 0) for c in dash)
                baseline = page.width - dash[0]["matrix"][4]  # from the paper's foot, turned
                assert abs((baseline - 0.38 * dash[0]["size"]) * MM - 269) < 1
                if number % 2:
                    assert abs(dash[-1]["bottom"] * MM - (184 - 14 * MM)) < 1
                else:
                    assert abs(dash[0]["top"] * MM - (28 + 14 * MM)) < 1
                continue
            assert abs((dash[0]["top"] + dash[0]["bottom"]) / 2 * MM - 269) < 1  # 7 mm under the 版心
            if number % 2:
                assert abs(dash[-1]["x1"] * MM - (184 - 14 * MM)) < 1  # odd: right, 1字 in
            else:
                assert abs(dash[0]["x0"] * MM - (28 + 14 * MM)) < 1  # even: left, 1字 in
        assert turned == 1  # the example's 分工表 (six columns) is landscape


@pytest.mark.slow
def test_full_pages_have_22_lines_of_28_characters(pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(pdfs["suzhou-wuzhong-2021"]) as pdf:
        counts = []
        widest = 0
        for page in pdf.pages[2:-1]:
            rows: dict[int, list[dict]] = {}
            for c in page.chars:
                if c["text"].strip() and 37 < c["top"] * MM < 262:
                    rows.setdefault(round(c["top"]), []).append(c)
            counts.append(len(rows))
            widest = max(widest, *(sum(1 for c in r if ord(c["text"]) > 0x2E80) for r in rows.values()))
        assert max(counts) == 22 and counts.count(22) >= len(counts) - 1
        assert widest == 28


def test_plan_tables_render_row_by_row() -> None:
    """附表 rows and cells are looped by the template; ragged rows are padded, text stays data."""
    document = validate(
        Document,
        {
            "notice": {"issuers": ["某市卫生健康委员会"], "signatories": ["某市"]},
            "plan": {
                "title": "2025年工作要点",
                "year": 2025,
                "sections": [
                    {
                        "heading": "任务",
                        "tables": [
                            {"title": "附表1 任务清单", "rows": [["序号", "任务", "牵头"], ["1", "甲&<乙>"]]}
                        ],
                    }
                ],
            },
        },
    )
    rendered = docx.Document(io.BytesIO(render_docx(build_view(document))))
    assert [[c.text for c in row.cells] for row in rendered.tables[-1].rows] == [
        ["序号", "任务", "牵头"],
        ["1", "甲&<乙>", ""],
    ]
    assert "附表1 任务清单" in [p.text for p in rendered.paragraphs]


def test_pdf_without_libreoffice_is_one_clear_message(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "render", str(EXAMPLES / "example.yaml"), "-o", str(out)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr and "apt-get install" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_agency_template_older_than_the_doc_number_under_the_title_still_renders(tmp_path: Path) -> None:
    """A template made before the WP Doc Number Under Title style and its placeholder existed
    (the bundled one of an earlier release, as an agency keeps it) is not refused: a 文号 that
    would print under the title prints in its 版头 line, as that template always printed it."""
    source = docx.Document(str(tpl.template_path()))
    source.styles["WP Doc Number Under Title"].delete()
    paragraphs = source.paragraphs
    for k, paragraph in enumerate(paragraphs):
        if paragraph.text == "{%p if doc_number_under_title %}":  # the tag, the line, its endif
            for gone in paragraphs[k : k + 3]:
                gone._p.getparent().remove(gone._p)
            break
    old = tmp_path / "agency-2025.docx"
    source.save(str(old))
    assert "doc_number_under_title" not in "".join(p.text for p in docx.Document(str(old)).paragraphs)
    document = load_document(EXAMPLES / "example.yaml")
    assert document.notice is not None
    notice = replace(document.notice, issuers=[], doc_number_place="under_title")
    view = build_view(replace(document, notice=notice))
    assert view.notice.doc_number_under_title  # the bundled template prints it under the title
    printed = "".join(p.text for p in docx.Document(io.BytesIO(render_docx(view, template=old))).paragraphs)
    assert view.notice.doc_number in printed


def test_a_signature_longer_than_its_room_moves_left_and_is_never_cut_off():
    """A 署名 of 29 字 (more than the 28 of a line) was given a negative right indent and printed
    past the paper's edge; a joint block with it wrapped the shorter names after a few 字."""
    from generator.writers.docx import closing_paragraphs

    long = "中共某某市委某某市人民政府深化医药卫生体制改革领导小组办公室"
    for sealed in (True, False):
        for names in ([long], [long, "某某市卫生健康委员会"], ["某某市卫生健康委员会（某某市中医药管理局）"]):
            paragraphs = [str(p) for p in closing_paragraphs(names, "2025年12月31日", sealed)]
            indents = [
                {side: int(v) for side, v in re.findall(r'w:(left|right)="(-?\d+)"', p)}
                for p in paragraphs
                if "WPSignatory" in p or "WPDate" in p
            ]
            assert len(indents) == len(names) + 1 and any(indents)
            assert all(v >= 0 for indent in indents for v in indent.values()), (sealed, names, indents)
            # every name that fits a line gets the room for it
            for name, indent in zip(names, indents, strict=False):
                if len(name) <= 28:
                    assert 8844 - indent.get("right", 0) >= len(name) * 315, (name, indent)
