"""The `workplan` command: help and version, `new`, and `validate` with each semantic warning."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml
from conftest import PLANS, plan_files
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator import __version__
from generator.check.lint import lint_document
from generator.cli import app
from generator.limits import illegal_char_message
from generator.load import load_document, load_text
from generator.model import Document, Node, Notice, Plan
from generator.model_tools import field_specs
from generator.starter import starter_plan

# The commands in the order of the work, and a phrase each one's --help must show.
COMMANDS = {
    "new": "commented starter plan",
    "import": "numbering defects are reported",
    "validate": "semantic warnings",
    "render": "format from the -o suffix",
    "check": "GB/T 9704-2012",
    "diff": "exit 0 same, 1 different",
    "rollover": "Draft next year's plan",
    "tasks": "writes its statuses back",
    "schema": "JSON Schema",
}
OPTIONS = {  # an option each command's --help must list
    "new": "--force",
    "import": "--report",
    "validate": "--strict",
    "render": "--template",
    "check": "--json",
    "diff": "--summary",
    "rollover": "--bump-text-years",
    "tasks": "--update",
    "schema": "--help",
}


def run(*args: str) -> typer.testing.Result:  # type: ignore[name-defined]
    return CliRunner().invoke(app, list(args), prog_name="workplan")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_on_every_command(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: workplan {command} [OPTIONS]" in result.stdout
    flat = " ".join(result.stdout.replace("│", " ").split())  # rich wraps long lines
    assert COMMANDS[command] in flat
    assert OPTIONS[command] in flat
    assert "Traceback" not in result.output


def test_top_level_help_shows_the_workflow_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "validate → render (.docx .pdf .html .md .txt) → check the layout" in flat
    assert "Exit codes: 0 ok · 1 the document has problems" in flat
    listed = [
        line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ") and line[2] != " "
    ]
    assert [c for c in listed if c in COMMANDS] == list(COMMANDS), "commands in workflow order"


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"workplan {__version__}"


# --- new ------------------------------------------------------------------------------------------


def test_new_then_validate(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    target = tmp_path / "plans" / "starter.yaml"
    made = run("new", "--issuer", "某某市卫生健康委员会", "--year", "2025", "-o", str(target))
    assert made.exit_code == 0, made.output
    checked = run("validate", str(target))
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"{target}: ok\n"
    strict = run("validate", "--strict", str(target))
    assert strict.exit_code == 0, strict.output


def test_new_starter_content(tmp_path: Path) -> None:
    target = tmp_path / "starter.yaml"
    # outside a checkout and with no schema file near, no $schema comment (never an absolute path)
    assert run("new", "--issuer", "某某区卫生健康委员会", "--year", "2026", "-o", str(target)).exit_code == 0
    assert "$schema" not in target.read_text(encoding="utf-8")
    schema_file = tmp_path / "workplan.schema.json"
    assert run("schema", "-o", str(schema_file)).exit_code == 0
    assert json.loads(schema_file.read_text(encoding="utf-8"))["title"]
    assert run("schema", "-o", str(schema_file)).exit_code == 2  # exists: --force to overwrite
    target.unlink()
    assert run("new", "--issuer", "某某区卫生健康委员会", "--year", "2026", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=workplan.schema.json"
    document = load_document(target)
    assert document.notice.issuers == ["某某区卫生健康委员会"]
    assert document.plan.year == 2026
    assert len(document.plan.sections) == 2
    assert all(section.items for section in document.plan.sections)
    # Every notice field appears, set or commented, with its Chinese name beside it.
    for field in field_specs(Notice):
        assert f"{field}:" in text, field
    for chinese in ("份号", "密级", "保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "标题"):
        assert chinese in text
    for chinese in (
        "主送机关",
        "正文",
        "附件说明",
        "署名",
        "成文日期",
        "附注",
        "抄送机关",
        "印发机关",
        "印发日期",
    ):
        assert chinese in text


def test_new_to_stdout() -> None:
    result = run("new", "--issuer", "某某县卫生健康局", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert "$schema" not in result.stdout  # no file to make a path relative to
    assert load_text(result.stdout).plan.title == "2024年某某县卫生健康局工作要点"


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("mine", encoding="utf-8")
    refused = run("new", "--issuer", "甲", "--year", "2025", "-o", str(target))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("new", "--issuer", "甲", "--year", "2025", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert load_document(target).notice.issuers == ["甲"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--issuer", "  ", "--year", "2025"], "issuer name is empty"),
        (["--issuer", "甲", "--year", "25"], "out of range"),
        (["--issuer", "甲", "--year", "二〇二五"], "Invalid value"),
        (["--year", "2025"], "Missing option"),
    ],
)
def test_new_bad_arguments(args: list[str], needle: str) -> None:
    result = run("new", *args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.output


def test_issuer_name_with_a_control_character_is_refused() -> None:
    """A control character (no .docx can hold one) is refused by `new`, at its position."""
    result = run("new", "--issuer", "某某\x1b局", "--year", "2025")
    assert result.exit_code == 2
    assert "U+001B" in result.stderr and "position 3" in result.stderr
    assert result.stdout == ""


def test_new_date_falls_in_the_accepted_range() -> None:
    """The starter's 成文日期 must never trip the date rule, whatever today is."""
    for today in (dt.date(2025, 6, 1), dt.date(2024, 12, 1), dt.date(2030, 1, 1)):
        document = load_text(starter_plan("甲", 2025, today=today))
        assert document.notice.date is not None
        assert document.notice.date.year in (2024, 2025)
        assert lint_document(document) == []


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip() and illegal_char_message(s) is None))
def test_issuer_name_is_data(issuer: str) -> None:
    """Whatever the name (`: `, `#`, quotes, `{{ }}`, line breaks), the starter loads and keeps it."""
    document = load_text(starter_plan(issuer, 2025))
    assert document.notice.issuers == [issuer.strip()]
    assert document.notice.signatories == [issuer.strip()]
    assert document.plan.title == f"2025年{issuer.strip()}工作要点"


# --- validate -------------------------------------------------------------------------------------


def test_validate_the_real_plans() -> None:
    """Clean, but for the one whose published notice (seed 004, read by hand) prints its 正文 with
    no 署名 and no 成文日期 after it."""
    plans = plan_files()
    unsigned = PLANS / "suixi-2021.yaml"
    assert sorted(PLANS.glob("*.yaml")), "plans/ holds the seed plans"
    result = run("validate", *map(str, plans))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [f"{p}: ok" for p in plans if p != unsigned]
    assert [line.split(" [")[0] for line in result.stderr.splitlines()] == [
        f"{unsigned}:14:3: warning: 成文日期 to fill (no date line is printed)",
        f"{unsigned}:22:5: warning: 正文 without 署名 (signatories)",
    ]


def test_strict_flags_the_half_width_commas_of_seed_001() -> None:
    """Seed 001 keeps its source's half-width commas: quiet by default, reported under --strict."""
    plan = PLANS / "lianyungang-2022.yaml"
    assert run("validate", str(plan)).exit_code == 0
    strict = run("validate", "--strict", str(plan))
    assert strict.exit_code == 1
    assert "half-width `,` in Chinese text" in strict.stderr
    assert "[punctuation]" in strict.stderr


BASE = """\
notice:
  recipients: 各单位
  doc_number: 某卫〔2021〕3号
  date: 2021-03-01
plan:
  title: 2021年工作要点
  year: 2021
  sections:
    - heading: 加强领导
      items:
        - heading: 健全机制。
          text: 落实责任。
    - heading: 推进工作
      text: 统筹推进。
"""


def _edit(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# (name, plan text, expected warnings as (line, column, rule, message substring))
LINT_CASES = [
    (
        "empty-section",
        _edit(("      text: 统筹推进。\n", "")),
        [(13, 7, "empty-section", "section 二、推进工作 has no items, text or points")],
    ),
    (
        "section-without-heading",  # it printed a bare 二、 above its text, and validate said ok
        _edit(("    - heading: 推进工作\n      text: 统筹推进。\n", "    - text: 统筹推进。\n")),
        [(13, 7, "empty-section", "section 二、 has no heading: it prints as a bare 二、")],
    ),
    (
        "empty-item",
        _edit(("          text: 落实责任。\n", "          text: 落实责任。\n        - {}\n")),
        [(13, 11, "empty-section", "item （二） is empty")],
    ),
    (
        "duplicate-sibling",
        _edit(("- heading: 推进工作", "- heading: 加强领导")),
        [(13, 16, "duplicate-heading", "repeats a sibling, 一、加强领导")],
    ),
    (
        "duplicate-across-plan",
        _edit(("- heading: 推进工作", "- heading: 健全 机制")),
        [(13, 16, "duplicate-heading", "repeats another heading, （一）健全机制。")],
    ),
    (
        "typed-number",
        _edit(("- heading: 健全机制。", "- heading: （一）健全机制。")),
        [(11, 20, "typed-number", "begins with a typed number `（一）`")],
    ),
    (
        "doc-number-prefix",
        _edit(("  doc_number: 某卫〔2021〕3号\n", "  doc_number: {prefix: 某卫 2, year: 2021, serial: 3}\n")),
        [(3, 15, "doc-number", "机关代字 '某卫 2' is not of the form 代字〔YYYY〕N号")],
    ),
    (
        "doc-number-no-serial",
        _edit(("某卫〔2021〕3号", "某卫〔2021〕号")),
        [(3, 15, "to-fill", "发文字号 某卫〔2021〕 has no 序号: to fill (prints 〔2021〕　号)")],
    ),
    (
        "body-without-signature",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  body: 现将要点印发给你们。\n")),
        [(5, 9, "signature", "正文 without 署名")],
    ),
    (
        "signed-without-date",
        _edit(("  date: 2021-03-01\n", "  date: null\n  body: 现将要点印发给你们。\n  signatories: 某卫\n")),
        [(4, 9, "to-fill", "成文日期 to fill (prints 2021年　月　日) — the seal goes on it")],
    ),
    (
        "body-and-no-date-key",
        _edit(
            ("  date: 2021-03-01\n", "  body: 现将要点印发给你们。\n  signatories: 某卫\n  sealed: false\n")
        ),
        [(2, 3, "to-fill", "成文日期 to fill (prints 2021年　月　日)")],
    ),
    (
        "printer-without-print-date",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  printer: 某卫办公室\n  print_date: null\n")),
        [(6, 15, "to-fill", "印发日期 to fill (the 印发 line prints 2021年　月　日印发)")],
    ),
    (
        "print-date-without-printer",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  print_date: 2021-03-02\n")),
        [(5, 15, "imprint", "印发日期 without 印发机关")],
    ),
    (
        "cc-without-imprint",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  cc: [某市卫健委]\n")),
        [(5, 7, "imprint", "抄送 without an 印发 line")],
    ),
    (
        "typed-placeholder",
        _edit(("text: 落实责任。", "text: 于2021年　月　日前落实责任。")),
        [(12, 18, "to-fill", "placeholder `2021年　月　日` to fill")],
    ),
    (
        "doc-number-year",
        _edit(("某卫〔2021〕3号", "某卫〔2020〕3号")),
        [(3, 15, "doc-number", "发文字号 year 2020 differs from the 成文日期 year 2021")],
    ),
    (
        "date-outside-plan-years",
        _edit(("某卫〔2021〕3号", "某卫〔2019〕3号"), ("date: 2021-03-01", "date: 2019-03-01")),
        [(4, 9, "date", "成文日期 2019-03-01 is not in the plan year 2021 or the year before")],
    ),
    (
        "print-date-before-date",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  print_date: 2021-02-28\n")),
        [
            (5, 15, "date", "印发日期 2021-02-28 is before the 成文日期 2021-03-01"),
            (5, 15, "imprint", "印发日期 without 印发机关"),
        ],
    ),
    (
        "no-recipients",
        _edit(("  recipients: 各单位\n", "")),
        [(1, 1, "recipients", "the notice has no 主送机关")],
    ),
    (
        "attachments-without-the-plan",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  attachments: [其他材料]\n")),
        [(5, 16, "attachments", "附件说明 does not list the plan “2021年工作要点”")],
    ),
    (
        "notice-title-names-another-plan",
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  title: 关于印发《2020年工作要点》的通知\n")),
        [(5, 10, "attachments", "the notice title names 《2020年工作要点》")],
    ),
]


def test_base_plan_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: ok\n"


@pytest.mark.parametrize(("name", "text", "expected"), LINT_CASES, ids=[c[0] for c in LINT_CASES])
def test_validate_warns_and_exits_1(
    tmp_path: Path, name: str, text: str, expected: list[tuple[int, int, str, str]]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout == "", "a file with warnings is not `ok`"
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), result.stderr
    for line, (row, col, rule, needle) in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:{row}:{col}: warning: "), line
        assert f"[{rule}]" in line
        assert needle in line, line


def test_attachments_that_list_the_plan_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        _edit(("  date: 2021-03-01\n", "  date: 2021-03-01\n  attachments: [《2021年工作要点》, 附表]\n")),
        encoding="utf-8",
    )
    assert run("validate", str(path)).exit_code == 0


def test_punctuation_only_under_strict(tmp_path: Path) -> None:
    path = tmp_path / "commas.yaml"
    path.write_text(_edit(("text: 落实责任。", "text: 落实责任,压实担子(二级以上)。")), encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:12:21: warning: half-width `,` in Chinese text (3 half-width marks in this text) "
        "[punctuation] — use full-width ，"
    ]


def test_latin_in_brackets_is_not_flagged() -> None:
    text = _edit(("text: 落实责任。", "text: 推进多学科诊疗(MDT)、日间手术,x,y。"))
    assert lint_document(load_text(text), strict=True) == []


def test_warnings_and_errors_in_one_run(tmp_path: Path) -> None:
    """Exit 2 wins over 1; each file is still reported."""
    warned = tmp_path / "warned.yaml"
    warned.write_text(_edit(("  recipients: 各单位\n", "")), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [\n", encoding="utf-8")
    result = run("validate", str(warned), str(broken))
    assert result.exit_code == 2
    assert f"{warned}:1:1: warning:" in result.stderr
    assert f"{broken}:" in result.stderr


def test_lint_of_a_document_built_in_code() -> None:
    document = Document(plan=Plan(title="要点", year=2021, sections=[Node(heading="甲")]))
    warnings = lint_document(document)
    assert sorted(w.message.split("[")[-1] for w in warnings) == ["empty-section]", "recipients]"]
    assert all(str(w).startswith("<document>:1:1: warning:") for w in warnings)


def test_validated_yaml_is_plain_data() -> None:
    """The starter is YAML any tool can read (no custom tags)."""
    data = yaml.safe_load(starter_plan("甲", 2025))
    assert set(data) == {"notice", "plan"}


def test_readme_example_validates(tmp_path: Path) -> None:
    """The YAML shown in README.md is a real plan."""
    readme = (PLANS.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "readme.yaml"
    path.write_text(block, encoding="utf-8")
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 0, result.output


# --- render and check: usage errors -----------------------------------------------------------------


def test_format_contradicting_the_suffix_is_an_error(tmp_path: Path) -> None:
    plan = PLANS / "suixi-2021.yaml"
    target = tmp_path / "x.txt"
    result = run("render", str(plan), "-o", str(target), "-f", "docx")
    assert result.exit_code == 2
    assert "-o" in result.stderr and "writes txt, but --format asks for docx" in result.stderr
    assert not target.exists()
    agreeing = run("render", str(plan), "-o", str(target), "-f", "txt")
    assert agreeing.exit_code == 0, agreeing.output
    assert target.read_text(encoding="utf-8").startswith(run("render", str(plan), "-o", "-").stdout[:40])


def test_check_on_a_directory(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a directory — give a .docx or .pdf file\n"


def test_check_refuses_without_exception_names(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4 not really")
    result = run("check", str(fake))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {fake}: not a readable PDF — ")
    assert "Exception" not in result.stderr and "Error" not in result.stderr


@pytest.mark.slow
def test_check_several_files_with_one_libreoffice_start(
    tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.soffice

    plans = [PLANS / "suixi-2021.yaml", PLANS / "wuzhong-2019.yaml"]
    assert run("render", *map(str, plans), "-d", str(tmp_path), "-f", "docx").exit_code == 0
    starts: list[int] = []
    convert = generator.soffice.convert_to_pdf

    def counted(paths: list[Path], outdir: Path, **kwargs: object) -> list[Path]:
        starts.append(len(paths))
        return convert(paths, outdir, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.soffice, "convert_to_pdf", counted)
    files = [tmp_path / f"{p.stem}.docx" for p in plans]
    result = run("check", "--json", *map(str, files))
    assert starts == [2], "both documents in one LibreOffice run"
    reports = json.loads(result.stdout)
    assert len(reports) == 2
    assert result.exit_code == (0 if all(r["passed"] for r in reports) else 1)
    assert all(any("版心" in rule["rule"] for rule in r["rules"]) for r in reports)


def test_render_prints_validates_warnings_and_strict_fails(tmp_path: Path) -> None:
    """seed 004's notice prints no 署名 and no 成文日期 (read by hand): render says so on stderr."""
    unsigned = PLANS / "suixi-2021.yaml"
    out = tmp_path / "plan.txt"
    result = run("render", str(unsigned), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert "[signature]" in result.stderr and "[to-fill]" in result.stderr
    out.unlink()
    strict = run("render", str(unsigned), "-o", str(out), "--strict")
    assert strict.exit_code == 1
    assert not out.exists()
    clean = run("render", str(PLANS / "wuzhong-2019.yaml"), "-o", str(out), "--strict")
    assert clean.exit_code == 0 and "warning" not in clean.stderr


def _workplan(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed program's own entry (its render fast path skips typer)."""
    env = {**os.environ, "WORKPLAN_LANG": "en"}
    command = [sys.executable, "-m", "generator.entry", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("via", ["typer", "entry"])
def test_render_never_writes_over_an_existing_output_without_force(tmp_path: Path, via: str) -> None:
    plan = PLANS / "suzhou-wuzhong-2021.yaml"
    target = tmp_path / "out.txt"
    target.write_text("the clerk's own file", encoding="utf-8")
    args = ["render", str(plan), "-o", str(target)]
    if via == "typer":
        refused_code, refused_err = (r := run(*args)).exit_code, r.stderr
    else:
        refused_code, refused_err = (p := _workplan(*args, cwd=tmp_path)).returncode, p.stderr
    assert refused_code == 2
    assert f"{target} exists; choose another -o or add --force to overwrite it" in refused_err
    assert "Traceback" not in refused_err
    assert target.read_text(encoding="utf-8") == "the clerk's own file"
    forced = run(*args, "--force") if via == "typer" else _workplan(*args, "--force", cwd=tmp_path)
    assert (forced.exit_code if via == "typer" else forced.returncode) == 0
    assert "吴中区" in target.read_text(encoding="utf-8")


def test_render_to_a_folder_refuses_an_existing_output_before_writing_any(tmp_path: Path) -> None:
    first, second = PLANS / "suzhou-wuzhong-2021.yaml", PLANS / "lianyungang-2022.yaml"
    (tmp_path / f"{second.stem}.md").write_text("kept", encoding="utf-8")
    refused = run("render", str(first), str(second), "-d", str(tmp_path), "-f", "txt,md")
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{second.stem}.md"]  # nothing else written
    forced = run("render", str(first), str(second), "-d", str(tmp_path), "-f", "txt,md", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / f"{second.stem}.md").read_text(encoding="utf-8") != "kept"
    assert len(list(tmp_path.iterdir())) == 4


def test_import_and_diff_never_write_over_an_existing_output_without_force(tmp_path: Path) -> None:
    plan = PLANS / "suzhou-wuzhong-2021.yaml"
    text = tmp_path / "plan.txt"
    assert run("render", str(plan), "-o", str(text)).exit_code == 0
    for args in (
        ["import", str(text), "-o", str(tmp_path / "kept.yaml")],
        ["diff", str(plan), str(text), "-o", str(tmp_path / "kept.json")],
    ):
        target = Path(args[-1])
        target.write_text("kept", encoding="utf-8")
        refused = run(*args)
        assert refused.exit_code == 2, refused.output
        assert f"{target} exists; choose another -o or add --force" in refused.stderr
        assert target.read_text(encoding="utf-8") == "kept"
        forced = run(*args, "--force")
        assert forced.exit_code in (0, 1), forced.output  # diff: 1 = the versions differ
        assert target.read_text(encoding="utf-8") != "kept"
