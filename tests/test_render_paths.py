"""The fast render path gives what docxtpl's own path gives, and the `workplan render` command line
runs without the command-line framework. (Speed figures: benchmarks/bench_speed.py.)"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import plan_files
from lxml import etree

from generator.load import load_document
from generator.view import build_view
from generator.writers.docx import render_docx
from generator.writers.flow import FlowFix

# A fix that changes nothing (no such paragraph): it sends the render through docxtpl's own path.
THROUGH_DOCXTPL = FlowFix(task_splits=((10**6, 1),))


def _c14n(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


@pytest.mark.parametrize("plan", plan_files(), ids=lambda p: p.stem)
def test_the_fast_path_writes_what_docxtpl_writes(plan: Path) -> None:
    view = build_view(load_document(plan))
    fast = zipfile.ZipFile(io.BytesIO(render_docx(view)))
    slow = zipfile.ZipFile(io.BytesIO(render_docx(view, flow=THROUGH_DOCXTPL)))
    assert fast.testzip() is None
    assert fast.namelist() == slow.namelist()
    for name in fast.namelist():
        if name == "docProps/core.xml":  # docxtpl adds empty dc:identifier and dc:language
            continue
        assert _c14n(fast.read(name)) == _c14n(slow.read(name)), name
    docx.Document(io.BytesIO(render_docx(view)))  # python-docx (as Word) opens the package


def _workplan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator.entry", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).resolve().parent.parent,
        timeout=120,
    )


def _imported(stderr: str) -> set[str]:
    return {
        line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")
    }


def test_render_to_docx_imports_no_cli_framework(tmp_path: Path) -> None:
    plan = plan_files()[0]
    out = tmp_path / "x.docx"
    done = _workplan("render", str(plan), "-o", str(out), env={"WORKPLAN_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes() == render_docx(build_view(load_document(plan)))
    modules = _imported(done.stderr)
    assert "generator.writers.docx" in modules
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click", "rich")}
    # the first render prepared the template with docxtpl; the next one reads that from the cache
    # and never imports docxtpl or python-docx (a fifth of the start-up)
    assert "docxtpl" in modules
    again = tmp_path / "y.docx"
    done = _workplan("render", str(plan), "-o", str(again), env={"WORKPLAN_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert again.read_bytes() == out.read_bytes()
    modules = _imported(done.stderr)
    assert not {m for m in modules if m.split(".")[0] in ("docx", "docxtpl", "typer", "click", "rich")}
    # what only a failure, a PDF, a misspelt key, a Chinese locale or the template builder needs
    # (each is milliseconds of a ~100 ms start; see benchmarks/bench_speed.py)
    needless = {
        "pydantic_core",  # data of the model's own types is read by model_exact
        "gettext",  # English is the messages as written
        "difflib",  # "did you mean" for a misspelt key
        "calendar",  # a month's length is datetime arithmetic
        "subprocess",  # LibreOffice, for a PDF
        "importlib.resources",  # the templates folder is the package's own
        "generator.yaml_syntax",  # explains a YAML syntax error
        "generator.writers.docx_template",  # builds templates/notice.docx
        "generator.writers.docx_styles",  # the builder's style sheet
        "generator.ooxml.comments",  # the diff's 批注
        "generator.ooxml.numbering_read",  # numbering.xml as written, for the Word reader
    }
    start = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True)
    assert not needless & (modules - _imported(start.stderr))  # less what this machine's site imports


def test_the_fast_command_line_reports_bad_input_like_the_full_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan:\n  title: 要点\n  year: 二〇二一\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    done = _workplan("render", str(bad), "-o", str(out))
    assert done.returncode == 2
    messages = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
    assert messages and all(line.startswith(f"{bad}:3:") for line in messages), messages
    assert "Traceback" not in done.stderr and not out.exists()
    wrong = _workplan("render", str(plan_files()[0]), "-o", str(tmp_path / "x.doc"))
    assert wrong.returncode == 2 and "error: " in wrong.stderr and "unknown output format" in wrong.stderr


def test_the_fast_command_line_prints_the_warnings_the_full_one_prints(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    plan = tmp_path / "warned.yaml"
    plan.write_text(
        "plan:\n  title: 要点\n  year: 2021\n  sections:\n    - heading: 一、甲\n", encoding="utf-8"
    )
    fast = _workplan("render", str(plan), "-o", str(tmp_path / "fast.docx"))
    full = CliRunner().invoke(app, ["render", str(plan), "-o", str(tmp_path / "full.docx")])
    assert fast.returncode == full.exit_code == 0
    warnings = [line for line in fast.stderr.splitlines() if not line.startswith("import time:")]
    assert warnings and warnings == full.stderr.splitlines()
    assert (tmp_path / "fast.docx").read_bytes() == (tmp_path / "full.docx").read_bytes()


def test_other_command_lines_go_to_the_full_cli(tmp_path: Path) -> None:
    done = _workplan("render", "--help")
    assert done.returncode == 0 and "Render plans" in done.stdout
    assert "typer" in {m.split(".")[0] for m in _imported(done.stderr)}


def test_a_damaged_cache_entry_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.writers.docx as writer

    def forget() -> None:  # what this process compiled: the next render reads the disk cache
        type(writer._jinja_env())._compiled.clear()
        writer._prepared.cache_clear()

    cache = tmp_path / "cache"
    monkeypatch.setenv("WORKPLAN_CACHE_DIR", str(cache))
    view = build_view(load_document(plan_files()[0]))
    forget()
    expected = render_docx(view)
    entries = list((cache / "jinja").iterdir())
    assert entries, "the compiled template was stored"
    forget()
    assert render_docx(view) == expected  # from the cache
    for entry in entries:
        entry.write_bytes(b"not marshal data")
    forget()
    assert render_docx(view) == expected


def _table_body(grid: int, cells: int) -> str:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cols = "".join('<w:gridCol w:w="3000"/>' for _ in range(grid))
    row = "".join("<w:tc><w:p/></w:tc>" for _ in range(cells))
    return f"<w:body {w}><w:tbl><w:tblGrid>{cols}</w:tblGrid><w:tr>{row}</w:tr></w:tbl></w:body>"


@pytest.mark.parametrize(("grid", "cells"), [(3, 3), (2, 3), (4, 3)])
def test_a_table_grid_is_fitted_to_its_rows_as_docxtpl_fits_it(grid: int, cells: int) -> None:
    """A template's loop over cells ({%tc %}) can leave a grid wider or narrower than its rows;
    the fast path hands only those tables to docxtpl's fix_tables, and keeps a fitting one."""
    from docxtpl import DocxTemplate
    from lxml import etree

    from generator.writers.docx import _body_tree

    xml = _table_body(grid, cells)
    ours = _body_tree(xml)
    columns = ours.findall(".//{*}gridCol")
    assert len(columns) == cells
    assert sum(int(c.get(next(iter(c.attrib)))) for c in columns) in range(
        3000 * grid - cells, 3000 * grid + 1
    )
    assert etree.tostring(ours) == etree.tostring(DocxTemplate.fix_tables(None, xml))  # type: ignore[arg-type]
