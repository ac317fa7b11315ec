"""Every plan renders to .txt .md .html through the real CLI, saying the view's words in order.

Plan text is data: ``{{ x }}``, ``{% if %}``, ``&``, ``<b>`` and Markdown marks come out literally
in all three formats, the HTML still parses, and a Markdown reader gives back the plain text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, plan_files
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from generator.cli import app
from generator.load import load_document
from generator.model_tools import validate
from generator.view import DocumentView, build_view
from generator.writers.text import md_escape, md_inline, md_strong, render_text

FORMATS = ("txt", "md", "html")
PLANS = plan_files()
runner = CliRunner()


# --- reading the outputs back -------------------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "td", "th", "caption", "title"}


class _Blocks(HTMLParser):
    """The text of each block element of an HTML page, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.tags: list[str] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in _BLOCKS:
            self._open.append(tag)
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS and self._open:
            self._open.pop()
            self.blocks.append("".join(self._text).strip())
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def html_blocks(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser


def markdown_blocks(md: str) -> _Blocks:
    """The Markdown as a CommonMark reader (markdown-it, with GFM tables) understands it."""
    return html_blocks(MarkdownIt("commonmark").enable("table").render(md))


def printed_strings(view: DocumentView) -> list[str]:
    """Every paragraph the view prints, in document order (tables aside)."""
    n, plan = view.notice, view.plan
    out = [n.copy_number, n.classification, n.urgency, n.recipients, *n.body, *n.attachments]
    out += [*n.signatories, n.date, n.note]
    out += [plan.annex_label, plan.title]
    for p in plan.paragraphs:
        if p.kind != "table":
            out += [p.full, p.tasks]
    out += [n.cc]
    return [s for s in out if s]


def assert_in_order(needles: list[str], haystack: list[str], what: str) -> None:
    """Each needle equals a later element of ``haystack`` than the one before."""
    position = 0
    for needle in needles:
        try:
            position = haystack.index(needle, position) + 1
        except ValueError:
            pytest.fail(f"{what}: {needle!r} missing or out of order")


def render_cli(plan: Path, out: Path) -> None:
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output + (result.stderr or "")


def _id(path: Path) -> str:
    return path.stem


# --- every plan, every format ---------------------------------------------------------------------


def test_there_are_plans() -> None:
    assert len(PLANS) >= 6, PLANS  # five seeds and the example
    assert EXAMPLES / "example.yaml" in PLANS


@pytest.mark.parametrize("plan", PLANS, ids=_id)
def test_txt_is_the_view_line_by_line(plan: Path, tmp_path: Path) -> None:
    view = build_view(load_document(plan))
    render_cli(plan, tmp_path / "out.txt")
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert lines[0].strip(), "no blank line before the first block"
    assert "\n\n\n" not in text, "one blank line between blocks, never more"
    assert_in_order(printed_strings(view), lines, plan.name)
    # Labels in document order, each at the start of its own line, heading attached.
    numbered = [p for p in view.plan.paragraphs if p.label]
    assert_in_order([p.label + p.heading + p.text for p in numbered], lines, plan.name)
    # The clerk's layout: 版记 last, 附件 after the notice.
    if view.notice.cc:
        assert view.notice.cc in lines[-4:]
    assert lines.index(view.plan.title) > lines.index(view.notice.title_lines[-1])


@pytest.mark.parametrize("plan", PLANS, ids=_id)
def test_markdown_reads_back_as_the_view(plan: Path, tmp_path: Path) -> None:
    view = build_view(load_document(plan))
    render_cli(plan, tmp_path / "out.md")
    parsed = markdown_blocks((tmp_path / "out.md").read_text(encoding="utf-8"))
    assert_in_order(printed_strings(view), parsed.blocks, plan.name)
    headings = [p.full for p in view.plan.paragraphs if p.kind == "section" and p.full]
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert_in_order([f"## {h}" for h in headings], md.split("\n"), plan.name)
    assert {"ol", "ul", "blockquote", "pre", "code", "em"}.isdisjoint(parsed.tags)


@pytest.mark.parametrize("plan", PLANS, ids=_id)
def test_html_parses_and_shows_the_view(plan: Path, tmp_path: Path) -> None:
    view = build_view(load_document(plan))
    render_cli(plan, tmp_path / "out.html")
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    parsed = html_blocks(html)
    assert parsed.tags[0] == "html" and html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html
    assert_in_order(printed_strings(view), parsed.blocks, plan.name)
    # Self-contained: nothing fetched from elsewhere.
    assert {"link", "script", "img", "iframe"}.isdisjoint(parsed.tags)
    assert "http://" not in html and "https://" not in html and "url(" not in html
    for issuer in view.notice.issuers:
        assert f'<span class="issuer">{issuer}</span>' in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_shared_lines_print_the_views_strings(fmt: str, tmp_path: Path) -> None:
    """文号 and 签发人 share a line (GB/T 9704 §7.2.6), 印发机关 and 印发日期 too (§7.4.3): txt and
    md print the view's line as it is, the same two full-width spaces apart; html places the parts."""
    view = build_view(load_document(EXAMPLES / "example.yaml"))
    n = view.notice
    assert n.doc_number and n.signers and n.printer and n.print_date  # the example has them all
    assert n.number_line == f"{n.doc_number}　　签发人：{'　'.join(n.signers)}"
    assert n.imprint_line == f"{n.printer}　　{n.print_date}"
    render_cli(EXAMPLES / "example.yaml", tmp_path / f"out.{fmt}")
    text = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
    if fmt == "html":
        assert f'<span class="doc-number">{n.doc_number}</span>' in text
        assert f'<span class="signers">签发人：<span class="signer">{n.signers[0]}</span>' in text
        printing = f'<span class="printer">{n.printer}</span><span class="print-date">{n.print_date}</span>'
        assert printing in text
        return
    lines = text.split("\n") if fmt == "txt" else markdown_blocks(text).blocks
    assert n.number_line in lines and n.imprint_line in lines


# --- hostile text -----------------------------------------------------------------------------------

HOSTILE = [
    "{{ x }}",
    "{% if %}",
    "医疗&医保",
    "<b>加粗</b>",
    "&amp;",
    "<script>alert(1)</script>",
    "*星号* _下划线_ `代码` [链接](http://x) ![图](y) ~~删~~ $x$ ^上^ a|b \\ #话题",
]
LINE_START_HOSTILE = ["# 非标题", "1. 非列表", "2) 非列表", "- 非列表", "> 非引用", "(1) 非列表", "+ 加"]


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    joined = "".join(HOSTILE)

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "notice:",
        f"  issuers: [{q('甲<i>局</i>')}]",
        "  doc_number: 甲卫〔2024〕1号",
        f"  recipients: [{q('{{ 各单位 }}')}]",
        f"  body: [{', '.join(q(s) for s in HOSTILE + LINE_START_HOSTILE)}]",
        f"  signatories: [{q('甲&局')}]",
        "  date: 2024-01-02",
        f"  note: {q('<!-- 注 -->')}",
        f"  cc: [{q('<em>乙</em>')}]",
        "plan:",
        f"  title: {q('2024年{{ year }}工作要点')}",
        "  year: 2024",
        f"  preamble: [{', '.join(q(s) for s in LINE_START_HOSTILE)}]",
        "  sections:",
        f"    - heading: {q('{% raw %}标题&<b>')}",
        f"      text: {q(joined)}",
        "      items:",
        f"        - heading: {q('*强调*。')}",
        f"          text: {q('1. 正文 <br> &lt;')}",
        f"          lead: {q('<u>办公室</u>')}",
        "          tables:",
        f"            - rows: [[{q('a|b')}, {q('<td>')}], [{q('{{ c }}')}, {q('&')}]]",
    ]
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_document(path)  # the plan itself is valid
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_is_printed_literally(hostile_plan: Path, fmt: str, tmp_path: Path) -> None:
    view = build_view(load_document(hostile_plan))
    out = tmp_path / f"out.{fmt}"
    render_cli(hostile_plan, out)
    text = out.read_text(encoding="utf-8")
    expected = printed_strings(view)
    assert any("{{ x }}" in s for s in expected) and any("<b>加粗</b>" in s for s in expected)
    if fmt == "txt":
        assert_in_order(expected, text.split("\n"), fmt)
        assert "a|b\t<td>" in text
        return
    parsed = html_blocks(text) if fmt == "html" else markdown_blocks(text)
    assert_in_order(expected, parsed.blocks, fmt)
    # No element came from the data: only the writer's own tags.
    from_data = {"b", "i", "u", "em", "script", "br", "a", "img", "code", "ol", "ul", "blockquote", "h3"}
    assert from_data.isdisjoint(parsed.tags), parsed.tags
    if fmt == "html":
        assert "<b>" not in text and "&lt;b&gt;加粗&lt;/b&gt;" in text
    else:
        assert ["a|b", "<td>"] == [b for b in parsed.blocks if b in ("a|b", "<td>")]


# Markdown escaping as a round-trip invariant: a reader gives back exactly the text.
_ASCII = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ 0123456789aZ"
_TEXT = st.text(alphabet=st.sampled_from(list(_ASCII) + list("一（）。“”《》")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_md_escape_round_trips(text: str) -> None:
    parsed = markdown_blocks(md_escape(text) + "\n")
    expected = text.strip(" ")
    if not expected:
        return
    assert parsed.blocks == [expected]
    assert parsed.tags == ["p"]


@settings(max_examples=300, deadline=None)
@given(_TEXT.filter(lambda s: s.strip(" ")), _TEXT)
def test_md_strong_round_trips(heading: str, rest: str) -> None:
    md = md_strong(heading) + md_inline(rest)
    parsed = markdown_blocks(md + "\n")
    expected = (heading.lstrip(" ") + rest).rstrip(" ")
    assert parsed.blocks == [expected]


def test_run_in_heading_is_bold_in_markdown() -> None:
    html = MarkdownIt("commonmark").render(md_strong("（一）提升常态化疫情防控能力。") + "规范落实。")
    assert "<strong>（一）提升常态化疫情防控能力</strong>。规范落实。" in html


# --- the CLI --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_dash_writes_to_stdout(fmt: str) -> None:
    plan = PLANS[0]
    result = runner.invoke(app, ["render", str(plan), "-o", "-", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_text(build_view(load_document(plan)), fmt)


def test_outdir_writes_every_format_of_every_plan(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    result = runner.invoke(app, ["render", *map(str, PLANS), "-d", str(outdir), "--format", "txt,md,html"])
    assert result.exit_code == 0, result.stderr
    expected = {f"{p.stem}.{fmt}" for p in PLANS for fmt in FORMATS}
    assert {p.name for p in outdir.iterdir()} == expected
    for plan in PLANS:
        view = build_view(load_document(plan))
        for fmt in FORMATS:
            assert (outdir / f"{plan.stem}.{fmt}").read_text(encoding="utf-8") == render_text(view, fmt)


def test_unknown_format_in_a_batch_writes_nothing(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    result = runner.invoke(app, ["render", str(PLANS[0]), "-d", str(outdir), "--format", "txt,rtf"])
    assert result.exit_code == 2
    assert "unknown output format 'rtf'" in result.stderr
    assert not outdir.exists()


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"  # a plan may have any name; its output must not replace it
    shutil.copy(PLANS[0], plan)
    before = plan.read_bytes()
    result = runner.invoke(app, ["render", str(plan), "-o", str(plan)])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert plan.read_bytes() == before
    result = runner.invoke(app, ["render", str(plan), "-d", str(tmp_path), "--format", "txt"])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt"]


def test_two_plans_with_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in "ab":
        shutil.copy(PLANS[0], tmp_path / sub / "plan.yaml")
    outdir = tmp_path / "out"
    result = runner.invoke(
        app, ["render", str(tmp_path / "a/plan.yaml"), str(tmp_path / "b/plan.yaml"), "-d", str(outdir)]
    )
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not outdir.exists()


def test_a_bad_plan_in_a_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    good = PLANS[0]
    bad.write_text("plan:\n  title: 坏\n  year: 2024\n  sections:\n    - heading: 一\n      itemz: []\n")
    outdir = tmp_path / "out"
    result = runner.invoke(app, ["render", str(bad), str(good), "-d", str(outdir), "--format", "txt,html"])
    assert result.exit_code == 2
    assert f"{bad}:6:7: error: unknown key `itemz`" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    # The good plan is still rendered; the bad one leaves nothing, not even a temp file.
    assert sorted(p.name for p in outdir.iterdir()) == [f"{good.stem}.html", f"{good.stem}.txt"]


def test_installed_command_from_another_directory(tmp_path: Path) -> None:
    command = shutil.which("workplan")
    assert command, "the workplan command is not installed — pip install -e ."
    plan = EXAMPLES / "example.yaml"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [command, "render", str(plan), "-o", "example.html"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "example.html").read_text(encoding="utf-8")
    assert html == render_text(build_view(load_document(plan)), "html")
    assert Path.cwd() != tmp_path and REPO != tmp_path


def test_two_attachments_of_one_title_are_numbered_apart() -> None:
    """Two further attachments with the same title (two lists both called 医院名单) are the 附件说明's
    second and third names: labelled 附件2 and 附件3, not 附件2 twice."""
    from generator.model import Document

    document = validate(
        Document,
        {
            "notice": {"issuers": ["云溪市卫生健康委员会"], "body": ["现印发。"], "date": "2024-05-17"},
            "plan": {"title": "2024年工作要点", "year": 2024, "sections": [{"heading": "加强领导"}]},
            "appendices": [
                {"title": "医院名单", "text": ["第一批。"]},
                {"title": "医院名单", "text": ["第二批。"]},
            ],
        },
    )
    lines = render_text(build_view(document), "txt").splitlines()
    assert [line for line in lines if line.startswith("附件")] == [
        "附件：1.2024年工作要点",
        "附件1",
        "附件2",
        "附件3",
    ]
