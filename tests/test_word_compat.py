"""Every .docx the project writes opens as Word would open it: Microsoft's Open XML SDK validator
reports no error, and the parts another machine's Word or WPS reads first — fontTable.xml with
alt names and the GB2312 charset, compatibilityMode 15, a zh-CN East Asian language, no style
link left dangling — are what a Chinese office needs."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from conftest import PLANS, plan_files, validate_ooxml
from lxml import etree

from generator.diff import diff_documents
from generator.load import load_document
from generator.render import render
from generator.writers import docx_template as tpl
from generator.writers.diff_docx import render_diff_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FILES = plan_files()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind of .docx the project writes: every plan and the example, the template, and the
    tracked-changes diff (two real plans of different years, and the diff through --template)."""
    folder = tmp_path_factory.mktemp("written")
    out: dict[str, Path] = {}
    for path in FILES:
        out[path.stem] = folder / f"{path.stem}.docx"
        out[path.stem].write_bytes(render(load_document(path), "docx"))  # type: ignore[arg-type]
    out["template"] = tpl.template_path()
    old, new = load_document(PLANS / "wuzhong-2019.yaml"), load_document(PLANS / "suzhou-wuzhong-2021.yaml")
    result = diff_documents(old, new)
    out["diff"] = folder / "diff.docx"
    out["diff"].write_bytes(render_diff_docx(result, author="审核人"))
    out["diff-template"] = folder / "diff-template.docx"
    out["diff-template"].write_bytes(render_diff_docx(result, template=tpl.template_path()))
    return out


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(BytesIO(path.read_bytes())) as package:
        return etree.fromstring(package.read(name))


def test_every_written_docx_passes_the_open_xml_sdk_validator(
    written: dict[str, Path], ooxml_validator: str
) -> None:
    failures = {
        name: [f"{e.get('description')} at {e.get('xPath')} in {e.get('path')}" for e in errors]
        for name, path in written.items()
        if (errors := validate_ooxml(ooxml_validator, path))
    }
    assert not failures, failures


def test_font_table_names_every_face_with_alt_names_and_gb2312(written: dict[str, Path]) -> None:
    for name, path in written.items():
        table = _part(path, "word/fontTable.xml")
        entries = {font.get(f"{W}name"): font for font in table.iter(f"{W}font")}
        named: set[str] = set()
        for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
            for fonts in _part(path, part).iter(f"{W}rFonts"):
                named |= {v for k, v in fonts.attrib.items() if k.split("}")[1] in ("ascii", "eastAsia")}
        assert named - set(entries) == set(), (name, named - set(entries))
        for face, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
            entry = entries[face]
            assert entry.find(f"{W}altName").get(f"{W}val") == alt, (name, face)
            assert entry.find(f"{W}charset").get(f"{W}val") == "86", (name, face)


def test_settings_leave_compatibility_mode_and_name_chinese(written: dict[str, Path]) -> None:
    for name, path in written.items():
        settings = _part(path, "word/settings.xml")
        modes = [
            s.get(f"{W}val")
            for s in settings.iter(f"{W}compatSetting")
            if s.get(f"{W}name") == "compatibilityMode"
        ]
        assert modes == ["15"], (name, modes)
        theme_lang = settings.find(f"{W}themeFontLang")
        assert theme_lang is not None and theme_lang.get(f"{W}eastAsia") == "zh-CN", name
        styles = _part(path, "word/styles.xml")
        east_asian = {lang.get(f"{W}eastAsia") for lang in styles.iter(f"{W}lang")}
        assert east_asian == {"zh-CN"}, (name, east_asian)


def test_no_style_link_dangles(written: dict[str, Path]) -> None:
    for name, path in written.items():
        styles = _part(path, "word/styles.xml")
        ids = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
        dangling = [
            (s.get(f"{W}styleId"), ref.tag.split("}")[1], ref.get(f"{W}val"))
            for s in styles.iter(f"{W}style")
            for ref in s
            if ref.tag in (f"{W}link", f"{W}basedOn", f"{W}next") and ref.get(f"{W}val") not in ids
        ]
        assert dangling == [], (name, dangling)
