"""A .docx after clerks and other tools touched it reads as Word prints it: tracked changes read
as accepted (and said), content controls, fields, smart tags, comments, hidden text and run splits
change nothing of the plan read."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, PLANS
from docx_edits import UNCHANGED_PRINT, edit_docx, element, q, removed_run, runs, text_paragraphs
from lxml import etree
from test_roundtrip import printable

from generator.load import load_document
from generator.ooxml import W_NS
from generator.readers import import_file
from generator.render import render

SOURCES = [EXAMPLES / "example.yaml", PLANS / "wuzhong-2019.yaml", PLANS / "suzhou-wuzhong-2021.yaml"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendered")
    out = {}
    for source in SOURCES:
        path = folder / f"{source.stem}.docx"
        path.write_bytes(render(load_document(source), "docx"))  # type: ignore[arg-type]
        out[source.stem] = path
    return out


@pytest.mark.parametrize("source", [s.stem for s in SOURCES[:2]])
@pytest.mark.parametrize("edit", sorted(UNCHANGED_PRINT))
def test_what_word_prints_alike_imports_alike(
    edit: str, source: str, rendered: dict[str, Path], tmp_path: Path
) -> None:
    original = import_file(rendered[source])
    edited = import_file(edit_docx(rendered[source], tmp_path / "edited.docx", UNCHANGED_PRINT[edit]))
    assert printable(edited.document) == printable(original.document)


def test_tracked_changes_are_read_accepted_and_said(rendered: dict[str, Path], tmp_path: Path) -> None:
    """A clerk with 修订 on: a heading typed in, a word deleted, a whole item deleted (its
    paragraph mark too, so Word renumbers the items after it)."""
    original = import_file(rendered["example"]).document
    second = original.plan.sections[0].items[1].heading  # （二）加强合理用药管理。

    def edit(root: etree._Element) -> None:
        paragraphs = text_paragraphs(root)
        section = next(p for p in paragraphs if "提升医疗质量安全水平" in "".join(p.itertext()))
        for run in runs(section):  # the section heading rewritten: old text out, new text in
            texts = run.findall(q("t"))
            if texts:
                old = texts[0].text
                run.getparent().replace(run, removed_run("del", old))
        inserted = element("ins", id="1", author="clerk", date="2025-03-01T09:00:00Z")
        etree.SubElement(etree.SubElement(inserted, q("r")), q("t")).text = "全面提升医疗质量安全水平"
        section.append(inserted)
        item = next(p for p in paragraphs if second in "".join(p.itertext()))
        while "改善群众就医体验" not in "".join(item.itertext()):  # the item, its text, its task line
            for run in runs(item):
                texts = run.findall(q("t"))
                if texts:
                    run.getparent().replace(run, removed_run("del", texts[0].text or ""))
            mark = etree.SubElement(item.find(q("pPr")), q("rPr"))
            mark.append(element("del", id="3", author="clerk"))
            item = item.getnext()

    result = import_file(edit_docx(rendered["example"], tmp_path / "tracked.docx", edit))
    plan = result.document.plan
    assert plan.sections[0].heading == "全面提升医疗质量安全水平"
    assert [i.heading for i in plan.sections[0].items] == ["落实医疗质量安全核心制度。"]
    assert plan.sections[1].items[0].heading == original.plan.sections[1].items[0].heading
    said = [d for d in result.defects if d.kind == "tracked_changes"]
    assert len(said) == 1 and "accepted" in said[0].message
    assert not [d for d in import_file(rendered["example"]).defects if d.kind == "tracked_changes"]


def test_a_heading_wrapped_by_hand_is_one_heading(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Shift+Enter inside a section heading (Word numbers it) and inside a typed one: the short
    rest after the break is the heading's; a sentence or a next label after a break is not."""
    original = import_file(rendered["example"]).document

    def edit(root: etree._Element) -> None:
        for p in text_paragraphs(root):
            for run in runs(p):
                t = run.find(q("t"))
                if t is not None and t.text == "提升医疗质量安全水平":  # 一、 from Word's list
                    t.text = "提升医疗质量"
                    run.append(element("br"))
                    etree.SubElement(run, q("t")).text = "安全水平"
                elif t is not None and t.text == "改善群众就医体验":  # typed, with a sentence after
                    t.text = "二、改善群众就医体验"
                    run.append(element("br"))
                    etree.SubElement(run, q("t")).text = "各医院要优化服务流程，方便群众就医。"
                    p.find(q("pPr")).remove(p.find(q("pPr")).find(q("numPr")))

        for p in text_paragraphs(root):
            t = p.find(f"{q('r')}/{q('t')}")
            if t is not None and t.text == "工作要求":  # typed, a sentence after it broken in two
                t.text = "三、工作要求"
                run = t.getparent()
                run.append(element("br"))
                etree.SubElement(run, q("t")).text = "各单位要加强组织领导，"
                run.append(element("br"))
                etree.SubElement(run, q("t")).text = "确保各项工作按期完成。"

    plan = import_file(edit_docx(rendered["example"], tmp_path / "wrapped.docx", edit)).document.plan
    assert plan.sections[0].heading == original.plan.sections[0].heading
    assert plan.sections[1].heading == "改善群众就医体验"
    assert plan.sections[1].text[0] == "各医院要优化服务流程，方便群众就医。"
    assert plan.sections[2].heading == "工作要求"
    assert plan.sections[2].text[0] == "各单位要加强组织领导，确保各项工作按期完成。"


def _contents(
    root: etree._Element, *, wrapped: bool, field: bool, style: str | None, closed: bool = True
) -> None:
    """A Word 目录 (引用 → 目录) before the plan's preamble: a 目录 heading, then an entry per section
    heading — the heading's text, a tab, a PAGEREF field printing the page; the entries are the
    result of a TOC field (``field``), in a content control as Word 2010+ writes it (``wrapped``;
    WPS and Word 2003 write none), in the style "toc 1" (``style``: its id); ``closed``: the
    field's end is there (a clerk's edit can delete it, leaving the field open to the end)."""
    body = root.find(q("body"))
    preamble = next(p for p in body if p.tag == q("p") and "".join(p.itertext()).startswith("2025年，全市"))
    blocks = []
    heading = etree.Element(q("p"))
    etree.SubElement(etree.SubElement(heading, q("r")), q("t")).text = "目  录"
    blocks.append(heading)
    for k, text in enumerate(["一、提升医疗质量安全水平", "二、改善群众就医体验", "工作要求"]):
        entry = etree.Element(q("p"))
        if style:
            etree.SubElement(etree.SubElement(entry, q("pPr")), q("pStyle")).set(q("val"), style)

        def field_run(kind: str) -> etree._Element:
            run = etree.Element(q("r"))
            run.append(element("fldChar", fldCharType=kind))
            return run

        if field and k == 0:
            entry.append(field_run("begin"))
            code = etree.SubElement(entry, q("r"))
            etree.SubElement(code, q("instrText")).text = ' TOC \\o "1-3" \\h \\z \\u '
            entry.append(field_run("separate"))
        link = etree.SubElement(entry, q("hyperlink"))
        link.set(q("anchor"), f"_Toc{k}")
        etree.SubElement(etree.SubElement(link, q("r")), q("t")).text = text
        etree.SubElement(link, q("r")).append(element("tab"))
        link.append(field_run("begin"))
        etree.SubElement(etree.SubElement(link, q("r")), q("instrText")).text = f" PAGEREF _Toc{k} \\h "
        link.append(field_run("separate"))
        etree.SubElement(etree.SubElement(link, q("r")), q("t")).text = str(k + 2)
        link.append(field_run("end"))
        blocks.append(entry)
    if field and closed:
        last = etree.Element(q("p"))
        last.append(field_run("end"))
        blocks.append(last)
    if wrapped:
        sdt = element("sdt")
        gallery = etree.SubElement(
            etree.SubElement(etree.SubElement(sdt, q("sdtPr")), q("docPartObj")), q("docPartGallery")
        )
        gallery.set(q("val"), "Table of Contents")
        content = etree.SubElement(sdt, q("sdtContent"))
        content.extend(blocks)
        blocks = [sdt]
    for block in blocks:
        preamble.addprevious(block)


def _toc_style(root: etree._Element) -> None:
    root.append(
        etree.fromstring(
            f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/>'
            '<w:basedOn w:val="Normal"/></w:style>'
        )
    )


@pytest.mark.parametrize(
    ("wrapped", "field", "style", "closed"),
    [
        (True, True, None, True),
        (False, True, None, True),
        (False, False, "11", True),
        (False, True, None, False),
    ],
    ids=["word-content-control", "field-only", "toc-style-only", "field-left-open"],
)
def test_a_word_table_of_contents_is_left_out_and_said(
    rendered: dict[str, Path], tmp_path: Path, wrapped: bool, field: bool, style: str | None, closed: bool
) -> None:
    source = rendered["example"]
    if style:
        source = edit_docx(source, tmp_path / "styled.docx", _toc_style, member="word/styles.xml")
    edited = edit_docx(
        source,
        tmp_path / "contents.docx",
        lambda root: _contents(root, wrapped=wrapped, field=field, style=style, closed=closed),
    )
    result = import_file(edited)
    assert printable(result.document) == printable(import_file(rendered["example"]).document)
    said = [d.message for d in result.defects if d.kind == "removed_page_chrome"]
    assert said == ["removed a table of contents (3 entries)"]


def test_a_table_row_deleted_with_track_changes_is_gone(tmp_path: Path) -> None:
    import docx

    from generator.readers.defects import DefectLog
    from generator.readers.docx import docx_lines

    document = docx.Document()
    document.add_paragraph("2025年工作要点")
    table = document.add_table(rows=3, cols=2)
    for row, texts in zip(
        table.rows, [("任务", "单位"), ("旧任务", "旧单位"), ("新任务", "办公室")], strict=True
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].text = text
    deleted = table.rows[1]._tr
    deleted.insert(0, element("trPr"))
    deleted[0].append(element("del", id="5", author="clerk"))
    for run in deleted.iter(q("r")):  # its text deleted too, as Word writes a deleted row
        for t in run.findall(q("t")):
            run.replace(t, etree.Element(q("delText")))
            run.find(q("delText")).text = t.text
    path = tmp_path / "rows.docx"
    document.save(str(path))
    (line,) = [line for line in docx_lines(path, DefectLog()) if line.table is not None]
    assert line.table is not None and line.table.rows == [["任务", "单位"], ["新任务", "办公室"]]


def _framed(root: etree._Element) -> None:
    """The plan (附件1 up to the 分工表's 附件2) set inside a table of one cell: a frame round
    the text, as some agency templates draw it."""
    body = root.find(q("body"))
    blocks = [b for b in body if b.tag in (q("p"), q("tbl"))]

    def text(block: etree._Element) -> str:
        return "".join(t.text or "" for t in block.iter(q("t")))

    start = next(k for k, b in enumerate(blocks) if text(b) == "附件1")
    end = next(k for k, b in enumerate(blocks) if text(b) == "附件2")
    frame = etree.Element(q("tbl"))
    cell = etree.SubElement(etree.SubElement(frame, q("tr")), q("tc"))
    blocks[start].addprevious(frame)
    for block in blocks[start:end]:
        cell.append(block)


def test_a_plan_set_in_a_one_cell_frame_reads_as_its_text(rendered: dict[str, Path], tmp_path: Path) -> None:
    edited = edit_docx(rendered["example"], tmp_path / "framed.docx", _framed)
    assert printable(import_file(edited).document) == printable(import_file(rendered["example"]).document)


@pytest.mark.parametrize(
    "main_type",
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ],
    ids=["dotx", "docm", "dotm"],
)
def test_a_template_or_macro_enabled_file_reads_as_the_document(
    rendered: dict[str, Path], tmp_path: Path, main_type: str
) -> None:
    """An agency's .dotx, or a .docm saved as .docx: the same WordprocessingML under another
    content type (python-docx alone refuses it)."""
    import zipfile

    with zipfile.ZipFile(rendered["example"]) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    document_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(document_type, main_type.encode())
    path = tmp_path / "template.docx"
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert printable(import_file(path).document) == printable(import_file(rendered["example"]).document)


@pytest.mark.slow
def test_our_docx_saved_again_by_libreoffice_imports_the_same(
    rendered: dict[str, Path], tmp_path: Path, soffice: str
) -> None:
    """A clerk opens the rendered .docx in LibreOffice (or WPS) and saves it again: as .docx, via
    .odt, via .doc — LibreOffice rewrites the lists, styles and tables its own way; the plan read
    back is the same."""
    from generator.soffice import convert_to_pdf

    sources = list(rendered.values())
    again = convert_to_pdf(sources, tmp_path / "docx", to="docx")
    odt = convert_to_pdf(sources, tmp_path / "odt", to="odt")
    doc = convert_to_pdf(sources, tmp_path / "doc", to="doc")
    via_odt = convert_to_pdf(odt, tmp_path / "odt-docx", to="docx")
    via_doc = convert_to_pdf(doc, tmp_path / "doc-docx", to="docx")
    for k, source in enumerate(sources):
        expected = printable(import_file(source).document)
        for saved in (again[k], via_odt[k], via_doc[k]):
            assert printable(import_file(saved).document) == expected, saved


def test_content_controls_left_unfilled_say_nothing(rendered: dict[str, Path], tmp_path: Path) -> None:
    """A template's controls a clerk did not fill in show their placeholder text — inside a
    paragraph and around one of their own — which is not the document's text."""

    def placeholder_sdt() -> tuple[etree._Element, etree._Element]:
        sdt = element("sdt")
        etree.SubElement(sdt, q("sdtPr")).append(element("showingPlcHdr"))
        return sdt, etree.SubElement(sdt, q("sdtContent"))

    def edit(root: etree._Element) -> None:
        paragraphs = text_paragraphs(root)
        body_text = next(p for p in paragraphs if "".join(p.itertext()).startswith("现将"))
        sdt, content = placeholder_sdt()
        etree.SubElement(etree.SubElement(content, q("r")), q("t")).text = "单击或点击此处输入文字。"
        body_text.append(sdt)
        sdt, content = placeholder_sdt()
        paragraph = etree.SubElement(content, q("p"))
        etree.SubElement(etree.SubElement(paragraph, q("r")), q("t")).text = "单击或点击此处输入日期。"
        body_text.addnext(sdt)

    edited = edit_docx(rendered["example"], tmp_path / "placeholders.docx", edit)
    assert printable(import_file(edited).document) == printable(import_file(rendered["example"]).document)


def test_a_cell_merged_down_over_rows_keeps_the_columns_in_place(tmp_path: Path) -> None:
    """A 分工表 whose 牵头单位 is one cell merged over two tasks (w:vMerge): each task's row keeps
    its 完成时限 in its column and has the 牵头单位 the merged cell prints; a 文件 cell merged down
    beside joint issuers in a layout table is still read once."""
    import docx

    from generator.readers.defects import DefectLog
    from generator.readers.docx import docx_lines

    document = docx.Document()
    document.add_paragraph("2025年工作要点")
    table = document.add_table(rows=4, cols=3)
    texts = [
        ("重点任务", "牵头单位", "完成时限"),
        ("任务甲", "办公室", "6月底前"),
        ("任务乙", "", "9月底前"),
        ("任务丙", "医政科", "年底前"),
    ]
    for row, cells in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    layout = document.add_table(rows=2, cols=2)
    layout.cell(0, 0).text, layout.cell(1, 0).text = "某某市卫生健康委员会", "某某市医疗保障局"
    layout.cell(0, 1).merge(layout.cell(1, 1)).text = "文件"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    lines = docx_lines(path, DefectLog())
    (found,) = [line.table for line in lines if line.table is not None]
    assert found is not None and found.rows == [
        ["重点任务", "牵头单位", "完成时限"],
        ["任务甲", "办公室", "6月底前"],
        ["任务乙", "办公室", "9月底前"],
        ["任务丙", "医政科", "年底前"],
    ]
    assert [line.text for line in lines if line.table is None][-3:] == [
        "某某市卫生健康委员会",
        "文件",
        "某某市医疗保障局",
    ]


_CHUNK_HTML = (
    "<html><head><meta charset='utf-8'></head><body><p>关于印发《2025年某某市卫生健康工作要点》的通知</p>"
    "<p>各区卫生健康局：</p><p>现将《2025年某某市卫生健康工作要点》印发给你们，请认真贯彻落实。</p>"
    "<p>某某市卫生健康委员会</p><p>2025年3月1日</p><p>2025年某某市卫生健康工作要点</p><p>一、加强组织领导</p>"
    "<p>（一）完善工作机制。明确分工。</p><p>二、深化医药卫生体制改革</p><p>（一）推进公立医院改革。</p></body></html>"
)


@pytest.mark.parametrize("kind", ["html", "mht"])
def test_an_office_systems_export_in_an_html_chunk_is_read(tmp_path: Path, kind: str) -> None:
    """An office system's .docx whose text is a w:altChunk: an HTML page (or a web archive) in a
    part of its own, which Word prints in the chunk's place (python-docx and LibreOffice see
    nothing there)."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某某市卫生健康委员会文件")
    if kind == "html":
        content_type, blob = "text/html", _CHUNK_HTML.encode("utf-8")
    else:
        content_type = "message/rfc822"
        blob = (
            (
                b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
                b'Content-Type: text/html; charset="gb18030"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            )
            + __import__("base64").encodebytes(_CHUNK_HTML.replace("utf-8", "gb18030").encode("gb18030"))
            + b"\r\n--b--\r\n"
        )
    part = Part(PackURI(f"/word/chunk.{kind}"), content_type, blob, document.part.package)
    rid = document.part.relate_to(
        part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    )
    chunk = parse_xml(
        f'<w:altChunk xmlns:w="{W_NS}" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'
    )
    document.element.body.insert(len(document.element.body) - 1, chunk)
    path = tmp_path / "exported.docx"
    document.save(str(path))
    imported = import_file(path).document
    assert imported.notice is not None and imported.notice.issuers == ["某某市卫生健康委员会"]
    assert imported.notice.date is not None and imported.notice.recipients == ["各区卫生健康局"]
    assert [s.heading for s in imported.plan.sections] == ["加强组织领导", "深化医药卫生体制改革"]
    assert imported.plan.sections[0].items[0].heading == "完善工作机制。"


def test_our_tracked_changes_docx_imports_as_new() -> None:
    """`workplan diff OLD NEW -o diff.docx` is NEW with OLD's differences as tracked changes —
    inserted and deleted text, paragraphs, tables and a 版记 text box replaced by another: read
    as accepted, it is NEW, for every pair of real plans."""
    import itertools
    import tempfile

    from conftest import plan_files

    from generator.diff import diff_documents
    from generator.writers.diff_docx import render_diff_docx

    documents = [load_document(path) for path in plan_files()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "diff.docx"
        for old, new in itertools.permutations(documents, 2):
            path.write_bytes(render_diff_docx(diff_documents(old, new), author="审校人"))
            result = import_file(path)
            assert printable(result.document) == printable(new)
            assert [d.kind for d in result.defects].count("tracked_changes") == 1


def test_a_strict_open_xml_file_reads_as_the_transitional_one(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    """Word's "Strict Open XML Document" (ISO/IEC 29500 Strict): the same markup under the
    purl.oclc.org namespace names (python-docx alone finds no document in it)."""
    import zipfile

    strict = {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
    }
    path = tmp_path / "strict.docx"
    with zipfile.ZipFile(rendered["example"]) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for transitional, name in strict.items():
                    data = data.replace(transitional, name)
            target.writestr(info, data)
    assert printable(import_file(path).document) == printable(import_file(rendered["example"]).document)


def test_an_issuer_mark_set_as_wordart_is_read(rendered: dict[str, Path], tmp_path: Path) -> None:
    """The 发文机关标志 as VML WordArt (艺术字: the text only in v:textpath's string, as old 红头
    templates stretch it), alone in the paragraph it stands on."""
    source = rendered["suzhou-wuzhong-2021"]

    def edit(root: etree._Element) -> None:
        mark = next(
            p for p in text_paragraphs(root) if "".join(p.itertext()) == "苏州市吴中区卫生健康委员会文件"
        )
        for run in runs(mark):
            mark.remove(run)
        run = etree.SubElement(mark, q("r"))
        shape = etree.SubElement(etree.SubElement(run, q("pict")), "{urn:schemas-microsoft-com:vml}shape")
        shape.set("type", "#_x0000_t136")
        shape.set("fillcolor", "red")
        etree.SubElement(shape, "{urn:schemas-microsoft-com:vml}textpath").set(
            "string", "苏州市吴中区卫生健康委员会文件"
        )

    edited = edit_docx(source, tmp_path / "wordart.docx", edit)
    assert printable(import_file(edited).document) == printable(import_file(source).document)
