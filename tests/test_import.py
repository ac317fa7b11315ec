"""`workplan import`: every real document of the corpus is read, and renders back to its source.

The similarity measure ignores what the extraction added (whitespace, Markdown marks, the width of
brackets and of the dot in 1．) and what the defect report flagged and the importer corrected: the
section numbers of a level whose numbering was reported, and the garbage runs it removed.
Everything else must come back, in order, to a difflib ratio of 0.99.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXTERNAL, REPO, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.load import InputError, load_document
from generator.numbering import number_plan, parse_label
from generator.readers import import_file, import_text
from generator.readers.defects import KINDS, Defect, DefectLog
from generator.readers.lines import remove_garbage
from generator.render import render

MIN_RATIO = 0.99
CORPUS = sorted(SEEDS.glob("*.txt")) + sorted(EXTERNAL.glob("*.txt"))
NUMBERING_KINDS = {"duplicate_number", "skipped_number", "out_of_order", "unnumbered_heading"}


def normalise(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = text.replace("---", "").replace("#", "").replace("*", "")
    return text.replace("（", "(").replace("）", ")").replace("．", ".")


def strip_labels(text: str, schemes: set[str]) -> str:
    """Remove the labels of the given schemes at line starts (numbering the report flagged)."""
    out = []
    for line in text.splitlines():
        bare = line.strip().lstrip("#").strip().strip("*").strip()
        label = parse_label(bare)
        out.append(label.rest if label is not None and label.scheme in schemes else bare)
    return "\n".join(out)


def flagged_source(path: Path, defects: list[Defect]) -> tuple[str, set[str]]:
    """The source with the garbage the report flagged removed, and the flagged label schemes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    schemes: set[str] = set()
    for defect in defects:
        if defect.kind == "garbage":
            lines[defect.line - 1] = remove_garbage(lines[defect.line - 1], defect.line, DefectLog())
        elif defect.kind in NUMBERING_KINDS:
            label = parse_label(lines[defect.line - 1].strip().lstrip("#").strip())
            schemes.add(label.scheme if label is not None else "chinese")  # a lost number: a section
    return "\n".join(lines), schemes


def similarity(path: Path) -> float:
    result = import_file(path)
    source, schemes = flagged_source(path, result.defects)
    rendered = render(result.document, "txt")
    assert isinstance(rendered, str)
    a = normalise(strip_labels(source, schemes))
    b = normalise(strip_labels(rendered, schemes))
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:24])
def test_import_renders_back_to_the_source(path: Path) -> None:
    ratio = similarity(path)
    assert ratio >= MIN_RATIO, f"{path.name}: similarity {ratio:.4f} < {MIN_RATIO}"


def test_similarity_is_not_blind() -> None:
    """Dropping one item of a seed from the import drops the measure below the bar."""
    path = next(SEEDS.glob("002_*.txt"))
    document = import_file(path).document
    del document.plan.sections[0].items[1]
    rendered = render(document, "txt")
    ratio = difflib.SequenceMatcher(
        None, normalise(path.read_text(encoding="utf-8")), normalise(str(rendered)), autojunk=False
    ).ratio()
    assert ratio < MIN_RATIO


def _seed(key: str) -> Path:
    return next(SEEDS.glob(f"{key}_*.txt"))


def test_seed_003_numbering_defects_at_their_lines() -> None:
    path = _seed("003")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    second_two = [i for i, line in enumerate(lines, start=1) if line.startswith("二、")][1]
    lost = {
        "提高医疗质量和服务水平",
        "提升医疗安全保障水平",
        "强化公共卫生服务工作",
        "加强政风行风建设，推动工作有效落实",
    }
    lost_at = [i for i, line in enumerate(lines, start=1) if line in lost]
    assert len(lost_at) == 4
    found = [(d.line, d.kind) for d in import_file(path).defects if d.kind in NUMBERING_KINDS]
    assert found == sorted([(second_two, "duplicate_number")] + [(n, "unnumbered_heading") for n in lost_at])


def test_seed_003_sections_numbered_in_order() -> None:
    document = import_file(_seed("003")).document
    assert len(document.plan.sections) == 11
    assert all(s.numbered for s in document.plan.sections)
    assert [s.heading for s in document.plan.sections[5:7]] == [
        "提高医疗质量和服务水平",
        "提升医疗安全保障水平",
    ]
    assert document.plan.numbering.continuous == [2]
    assert sum(len(s.items) for s in document.plan.sections) == 42


def test_seed_003_notice_and_imprint() -> None:
    notice = import_file(_seed("003")).document.notice
    assert notice.title is None  # 关于印发《…》的通知 split over two lines is the derived title
    assert notice.recipients == ["各县（市、区）卫生健康局", "市直属各医疗卫生单位"]
    assert notice.signatories == ["吴忠市卫生健康委员会"]
    assert notice.note == "此件公开发布"
    assert notice.cc == ["自治区卫生健康委员会"]
    assert notice.printer == "吴忠市卫生健康委员会办公室"
    assert str(notice.print_date) == "2019-02-19"


def test_seed_000_page_breaks_joined_and_header_read() -> None:
    document = import_file(_seed("000")).document
    third = document.plan.sections[0].items[2]
    assert third.heading == "提升医疗救治能力。"
    assert "感染性疾病楼立项工作。" in third.text[0]
    assert document.notice.issuers == ["苏州市吴中区卫生健康委员会"]
    assert document.notice.doc_number is not None and document.notice.doc_number.serial == 38
    assert document.plan.title == "2021年吴中区医政工作要点"  # "2021 年" and the # mark cleaned
    assert document.plan.numbering.continuous == [2]


def test_seed_004_points_and_restarting_items() -> None:
    document = import_file(_seed("004")).document
    assert document.plan.numbering.continuous == []
    first = document.plan.sections[0]
    assert (
        first.items == [] and first.text[0].startswith("时刻绷紧") and first.text[0].endswith("社会大防线。")
    )
    sixth = document.plan.sections[6].items[5]
    assert len(sixth.points) == 7
    assert sixth.text[0].startswith("七项活动要按照")  # the closing sentence is text, not a point
    fifth = document.plan.sections[5].items[4]
    assert len(fifth.points) == 3 and fifth.points[2].endswith("知识等。") and not fifth.text


def test_seed_002_arabic_items_run_on() -> None:
    numbering = import_file(_seed("002")).document.plan.numbering
    assert numbering.levels[:2] == ["chinese", "arabic"]
    assert numbering.continuous == [2]


def test_seed_001_halfwidth_reported_not_rewritten() -> None:
    result = import_file(_seed("001"))
    assert any(d.kind == "halfwidth_punctuation" for d in result.defects)
    assert any(d.kind == "mixed_bracket_width" and d.line == 8 for d in result.defects)  # (一)
    assert "," in result.document.plan.preamble[0]  # the text is kept as written


def test_external_garbage_reported_and_removed() -> None:
    for name in ("01_", "02_"):
        path = next(EXTERNAL.glob(f"{name}*.txt"))
        result = import_file(path)
        garbage = [d for d in result.defects if d.kind == "garbage"]
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [d.line for d in garbage] == [
            i for i, line in enumerate(lines, start=1) if "一）告000" in line
        ]
        texts = [t for n in result.document.plan.nodes() for t in n.text]
        assert not any("0000000000" in t or "一）告" in t for t in texts)
        assert any(t.startswith("遵循科学、随机的原则") for t in texts)


def test_external_01_halfwidth_label_in_a_form_named() -> None:
    path = next(EXTERNAL.glob("01_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [i for i, line in enumerate(lines, start=1) if line.startswith("(一)")]
    found = [d.line for d in import_file(path).defects if d.kind == "mixed_bracket_width"]
    assert found == expected and len(expected) == 1


def test_external_02_title_over_two_lines() -> None:
    plan = import_file(next(EXTERNAL.glob("02_*.txt"))).document.plan
    assert plan.title == "2013年空气污染（雾霾）人群健康影响监测工作方案"
    assert plan.year == 2013


def test_external_03_list_restarting_inside_an_item() -> None:
    path = next(EXTERNAL.glob("03_*.txt"))
    result = import_file(path)
    assert not [d for d in result.defects if d.kind in NUMBERING_KINDS]
    rendered = str(render(result.document, "txt")).splitlines()
    # The restarted list's lead line is an unnumbered node of its own (the first list's stays the
    # item's text) and the list its children numbered as written: every line prints as typed.
    at = rendered.index("检索的信息：")
    assert rendered[at - 1].startswith("5.省级以上")
    item = result.document.plan.sections[3].items[0]
    group = item.items[-1]
    assert (group.heading, group.numbered, group.child_numbering) == ("检索的信息：", False, "arabic")
    assert len(item.items) == 6 and len(group.items) == 3
    assert rendered[at + 1 : at + 4] == [
        "1.国家食品药品监管部门发布的药物不良反应信息；",
        "2.国内外有关药物临床使用信息；",
        "3.国内外用药相关医疗损害事件信息。",
    ]


def test_external_04_joint_notice() -> None:
    result = import_file(next(EXTERNAL.glob("04_*.txt")))
    notice, plan = result.document.notice, result.document.plan
    assert notice is not None
    assert notice.issuers == ["发展改革委办公厅", "税务总局办公厅"]
    assert notice.issuer_suffix == "文件"
    assert notice.doc_number is not None and notice.doc_number.prefix == "发改办财金规"
    assert notice.signatories == ["国家发展改革委办公厅", "税务总局办公厅"]
    assert str(notice.date) == "2019-08-20"
    # the numbered text is the notice's own 正文: read as numbered text, printed inside the notice
    assert plan.in_notice and [s.heading for s in plan.sections][:2] == [
        "总体要求",
        "建立个人所得税纳税信用管理机制",
    ]
    assert notice.body[0].startswith("为贯彻落实") and len(notice.body) == 1
    assert not result.defects
    printed = render(result.document, "txt")
    assert "关于印发《" not in printed.splitlines()[3] and "\n一、总体要求\n" in printed
    assert printed.index("一、总体要求") < printed.index(
        "国家发展改革委办公厅\n税务总局办公厅\n2019年8月20日"
    )


def test_broken_date_reported(tmp_path: Path) -> None:
    source = _seed("001").read_text(encoding="utf-8").replace("2022年5月20日", "2022520")
    path = tmp_path / "broken.txt"
    path.write_text(source, encoding="utf-8")
    result = import_file(path)
    assert [(d.line, d.kind) for d in result.defects if d.kind == "broken_date"] == [(4, "broken_date")]
    assert str(result.document.notice.date) == "2022-05-20"


def _variant(tmp_path: Path, key: str, old: str, new: str) -> Path:
    """A seed with one real element rewritten the way other documents write it."""
    source = _seed(key).read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / f"{key}.txt"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "written", ["吴卫医[2021]38号", "吴卫医（2021）38号", "吴卫医［2021］38号", "吴卫医(2021)38号"]
)
def test_doc_number_in_any_brackets(tmp_path: Path, written: str) -> None:
    path = _variant(tmp_path, "000", "吴卫医〔2021〕38号", written)
    number = import_file(path).document.notice.doc_number
    assert number is not None and (number.prefix, number.year, number.serial) == ("吴卫医", 2021, 38)


def test_date_in_chinese_numerals(tmp_path: Path) -> None:
    path = _variant(tmp_path, "000", "2021年7月19日", "二〇二一年七月十九日")
    assert str(import_file(path).document.notice.date) == "2021-07-19"


def test_skipped_and_out_of_order_numbers(tmp_path: Path) -> None:
    path = _variant(tmp_path, "002", "3. 持续深化分级诊疗工作", "5. 持续深化分级诊疗工作")
    found = [(d.line, d.kind) for d in import_file(path).defects if d.kind in NUMBERING_KINDS]
    assert found == [(31, "skipped_number"), (35, "out_of_order")]  # 5. where 3. was due; then 4.


def test_markdown_reads_like_text(tmp_path: Path) -> None:
    text = _seed("000").read_text(encoding="utf-8")
    path = tmp_path / "plan.md"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    assert import_file(path).document == import_file(_seed("000")).document


def test_gb18030_text(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(_seed("002").read_text(encoding="utf-8").encode("gb18030"))
    assert import_file(path).document == import_file(_seed("002")).document


def _broken_at(text: str, width: int) -> str:
    """Each paragraph as a PDF prints it and a copy out of it gives it: lines of ``width``
    characters, the first 2 shorter (its indent, lost), a closing mark kept on its line (避头), a
    number or Latin word never cut."""
    from generator.title_lines import width_zi  # digits and Latin letters: half a 字 (§3.1)

    out = []
    for paragraph in text.splitlines():
        line, room = "", width - 2
        for char in paragraph:
            inside_a_number = (
                line[-1:].isascii() and line[-1:].isalnum() and char.isascii() and char.isalnum()
            )
            if width_zi(line + char) > room and char not in "，。、；：！？）》”" and not inside_a_number:
                out.append(line)
                line, room = "", width
            line += char
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("plan", ["suixi-2021", "suzhou-wuzhong-2021", "shanghai-songjiang-2024"])
def test_text_copied_out_of_a_pdf_reads_as_its_paragraphs(tmp_path: Path, plan: str) -> None:
    text = str(render(load_document(REPO / "plans" / f"{plan}.yaml"), "txt"))  # a paragraph a line
    whole, copied = tmp_path / "whole.txt", tmp_path / "copied.txt"
    whole.write_text(text, encoding="utf-8")
    copied.write_text(_broken_at(text, 28), encoding="utf-8")
    result = import_file(copied)
    assert result.document == import_file(whole).document
    assert [d.kind for d in result.defects].count("joined_lines") == 1


def test_a_text_of_one_paragraph_a_line_is_not_joined() -> None:
    for path in sorted(SEEDS.glob("*.txt")) + sorted(EXTERNAL.glob("*.txt")):
        assert "joined_lines" not in {d.kind for d in import_file(path).defects}, path.name


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_its_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    # an export tool's "Unicode" text without the BOM Notepad writes: read as the seed, not refused
    path = tmp_path / "unmarked.txt"
    path.write_bytes(_seed("000").read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    assert import_file(path).document == import_file(_seed("000")).document


def test_binary_data_with_many_nuls_is_still_no_text(tmp_path: Path) -> None:
    path = tmp_path / "program.txt"
    path.write_bytes(Path(sys.executable).read_bytes()[:70000])
    with pytest.raises(InputError, match="binary file"):
        import_file(path)


# --- the command -------------------------------------------------------------------------------


def test_cli_writes_yaml_and_report(tmp_path: Path) -> None:
    out, report = tmp_path / "p.yaml", tmp_path / "r.json"
    result = CliRunner().invoke(app, ["import", str(_seed("003")), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {"line": 38, "kind": "duplicate_number"}.items() <= data[0].items()
    assert all(set(d) == {"line", "kind", "message"} and d["kind"] in KINDS for d in data)
    assert re.search(r"003_\w+\.txt:38: warning: duplicate_number: ", result.output)
    assert "$schema" not in out.read_text(encoding="utf-8")  # no schema near tmp_path: no absolute path
    rendered = CliRunner().invoke(app, ["render", str(out), "-o", str(tmp_path / "p.txt")])
    assert rendered.exit_code == 0, rendered.output


def test_cli_never_overwrites_the_input(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(_seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(path)])
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == _seed("002").read_text(encoding="utf-8")


# --- hostile input -----------------------------------------------------------------------------


def _zip_not_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "not a document")


def _zip_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates to 64 MiB from a few hundred KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document>" + " " * (64 * 2**20) + "</w:document>")


def _entity_bomb(path: Path) -> None:
    """A real .docx whose document.xml defines nested entities ("billion laughs")."""
    import docx

    base = path.with_suffix(".base.docx")
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(str(base))
    chain = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "哈">{chain}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as package:
        for member in source.infolist():
            data = xml.encode() if member.filename == "word/document.xml" else source.read(member)
            package.writestr(member, data)


HOSTILE = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty"),
    "blank.txt": (lambda p: p.write_text(" \n\u3000\n\n", encoding="utf-8"), "no text"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 64), "binary"),
    "old.doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), ".doc"),
    "archive.docx": (_zip_not_docx, "not a Word document"),
    "truncated.docx": (lambda p: p.write_bytes(b"PK\x03\x04broken"), "not a valid zip"),
    "bomb.docx": (_zip_bomb, "MiB"),
    "entities.docx": (_entity_bomb, "not a readable Word document"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_clearly(tmp_path: Path, name: str) -> None:
    make, words = HOSTILE[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as caught:
        import_file(path)
    (problem,) = caught.value.problems
    assert words in problem.message
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


# --- Word's automatic numbering ----------------------------------------------------------------

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">
  <w:abstractNumId w:val="90"/></w:num>"""


def _numbered_docx(path: Path) -> None:
    """A Word file whose 一、（一）1. come from numbering.xml, not from typed text (as Word's
    multilevel list button makes them); the notice is typed."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(_NUM))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 90

    for text in ["各有关单位：", "现将《2025年工作要点》印发给你们。", "某市卫生健康委员会", "2025年3月1日"]:
        document.add_paragraph(text)
    document.add_paragraph("2025年工作要点")
    for _section in range(2):
        numbered("加强组织领导", 0)
        for _ in range(2):
            numbered("完善工作机制。明确责任分工。", 1)
            numbered("细化任务。", 2)
            numbered("压实责任。", 2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务", "单位"
    table.cell(1, 0).text, table.cell(1, 1).text = "制度建设", "办公室"
    document.save(str(path))


def test_word_automatic_numbering_resolved(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_docx(path)
    result = import_file(path)
    assert not [d for d in result.defects if d.kind in NUMBERING_KINDS]
    plan = result.document.plan
    assert [len(s.items) for s in plan.sections] == [2, 2]
    assert plan.numbering.continuous == []  # Word restarts a level when the one above counts
    item = plan.sections[1].items[1]
    assert item.heading == "完善工作机制。" and item.text == ["明确责任分工。"]
    assert [child.heading for child in item.items] == ["细化任务。", "压实责任。"]
    assert item.items[1].tables[0].rows == [
        ["任务", "单位"],
        ["制度建设", "办公室"],
    ]  # on the node it follows
    lines = str(render(result.document, "txt")).splitlines()
    assert lines.count("（二）完善工作机制。明确责任分工。") == 2 and lines.count("2.压实责任。") == 4


def _rewrite_member(path: Path, member: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in one XML part of a .docx (a hand-edited or generated file)."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    text = parts[member].decode("utf-8")
    assert old in text
    parts[member] = text.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


@pytest.mark.parametrize(
    ("member", "old", "new"),
    [
        (
            "word/numbering.xml",
            '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>',
            '<w:start w:val="x"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>',
        ),
        ("word/numbering.xml", '<w:lvl w:ilvl="2">', '<w:lvl w:ilvl="two">'),
        ("word/document.xml", '<w:ilvl w:val="1"/>', '<w:ilvl w:val="one"/>'),
    ],
    ids=["start", "abstract-ilvl", "paragraph-ilvl"],
)
def test_word_numbering_with_no_number_is_a_defect(tmp_path: Path, member: str, old: str, new: str) -> None:
    """Numbers in Word's numbering that are not numbers are reported, not a traceback."""
    path = tmp_path / "numbered.docx"
    _numbered_docx(path)
    _rewrite_member(path, member, old, new)
    result = import_file(path)
    broken = [d for d in result.defects if d.kind == "broken_numbering"]
    assert broken and all(repr(new.split('"')[1]) in d.message for d in broken)
    assert result.document.plan.sections


def test_text_that_is_no_plan_is_refused(tmp_path: Path) -> None:
    """A password file or a log reads as a title and paragraphs only: exit 2, nothing written."""
    path = tmp_path / "passwd"
    path.write_text(
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"no plan found in \S*passwd — is this a work-plan document\?"):
        import_file(path)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2 and "no plan found" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_source_labels_and_lines_kept_by_node() -> None:
    """Seed 003 prints 二、 twice and loses four section numbers: the import renumbers, and keeps
    what the source printed where, by node path."""
    result = import_file(_seed("003"))
    assert result.printed_labels[(1,)] == "二、" and result.printed_labels[(2,)] == "二、"
    assert result.printed_labels[(5,)] == ""  # the heading that lost its number
    assert result.printed_labels[(8,)] == "八、"
    lines = _seed("003").read_text(encoding="utf-8").splitlines()
    for path, no in result.node_lines.items():
        assert lines[no - 1].strip().startswith(result.printed_labels[path])
    assert "全面优化人口环境" in lines[result.node_lines[(8,)] - 1]
    assert result.line_of("plan.sections[8].items[1].text[0]") == result.node_lines[(8, 1)]
    assert "年" in lines[result.line_of("notice.date") - 1]


# --- any text ----------------------------------------------------------------------------------

_WORDS = """一、 （一） (二) 1. 1． 2、 （1） ① 一是 二是 。 ， ： 附件 附件： 附表1 抄送： 印发 2021年7月19日
    2020928 某卫发〔1900〕3号 〔2021〕 号 文件 关于印发《 》的通知 各单位： （此件公开发布） # ** ---
    加强管理 工作要点 签发人：张三 000001 秘密★1年 特急 （牵头单位：办公室；责任单位：甲、乙） 十一、
    （二十） ⑳ 2019年"""
PIECES = st.sampled_from([*_WORDS.split(), "\n", "\n\n", " ", "\u3000", "0" * 20, "\x00"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=80).map("".join))
def test_any_text_is_read_and_renders(text: str) -> None:
    """Whatever the arrangement of plan-like pieces, import reads a valid model (no traceback)."""
    result = import_text(text)
    assert isinstance(render(result.document, "txt"), str)
    assert all(d.kind in KINDS for d in result.defects)


def test_seed_003_report_names_the_numbers_the_plan_prints() -> None:
    """A restored section number in the report is the one the imported plan really prints (the
    repeated 二、 shifts every later section by one, which the message must count in)."""
    path = _seed("003")
    result = import_file(path)
    printed = {
        result.node_lines[entry.path]: entry.label
        for entry in number_plan(result.document.plan)
        if entry.path in result.node_lines
    }
    restored = [d for d in result.defects if d.kind == "unnumbered_heading"]
    assert [re.search(r"numbered (\S+、)", d.message)[1] for d in restored] == [
        printed[d.line] for d in restored
    ]
    assert [printed[d.line] for d in restored] == ["六、", "七、", "八、", "十一、"]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_plan_without_its_notice_imports_as_a_plan(tmp_path: Path, suffix: str) -> None:
    """Last year's file is often the 工作要点 alone: a title, a short preamble and 一、… with no
    notice and no 附件 line. Seed 004's plan, cut from its notice, must read as that plan — also
    when the preamble is one short sentence (it used to be taken for the notice's 正文)."""
    from generator.load import load_document

    expected = load_document(REPO / "plans" / "suixi-2021.yaml").plan
    text = _seed("004").read_text(encoding="utf-8")
    plan_part = text[text.index("2021 年全县卫生健康工作要点") :]
    lines = [line for line in plan_part.splitlines() if line.strip()]
    short = [lines[0], "2021年，全县卫生健康工作要稳中求进。", *lines[2:]]
    for content in (lines, short):
        path = tmp_path / f"plan{suffix}"
        if suffix == ".txt":
            path.write_text("\n".join(content) + "\n", encoding="utf-8")
        else:
            import docx

            document = docx.Document()
            for line in content:
                document.add_paragraph(line)
            document.save(str(path))
        plan = import_file(path).document.plan
        assert plan.title == expected.title
        assert len(plan.sections) == len(expected.sections)
        assert [s.heading for s in plan.sections] == [s.heading for s in expected.sections]
    assert plan.preamble == ["2021年，全县卫生健康工作要稳中求进。"]


def test_a_notice_title_the_plan_cites_is_still_the_notice_title() -> None:
    # the 文号 above the title (a red-header notice), and the plan citing its issuing notice in 《》:
    # the notice's title is no plan title, though a name in 《》 matches it
    text = """穗卫发〔2024〕5号
某市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知
各区卫生健康局：
现将《2024年全市卫生健康工作要点》印发给你们，请认真贯彻落实。
某市卫生健康委员会
2024年2月20日
2024年全市卫生健康工作要点
一、深化医药卫生体制改革
（一）推进分级诊疗。落实《某市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知》的部署。
二、强化保障措施
各单位要高度重视，确保各项工作落到实处。
"""
    document = import_text(text).document
    assert document.notice is not None
    assert document.notice.title == "某市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知"
    assert document.notice.recipients == ["各区卫生健康局"]
    # the title over two lines, broken inside a word as a narrow page wraps it
    wrapped = text.replace("工作要点的通知\n各区", "工作\n要点的通知\n各区", 1)
    document = import_text(wrapped).document
    assert document.notice is not None
    assert document.notice.title == "某市卫生健康委员会关于印发2024年全市卫生健康工作\n要点的通知"
    assert document.notice.recipients == ["各区卫生健康局"]
    assert str(document.notice.date) == "2024-02-20"
    assert document.plan.title == "2024年全市卫生健康工作要点"
