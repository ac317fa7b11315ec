"""Every refusal of the loader: one message at file:line:col, exit 2, no traceback, no output.

Each case is a small broken plan and the exact places the loader must name. They run through the
CLI (`typer.testing.CliRunner`) for `validate` and for `render -o`, and once as a real process.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.load import InputError, load_document

HEAD = "plan:\n  title: 2021年工作要点\n  year: 2021\n"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    expected: tuple[tuple[int, int, str], ...]  # (line, column, message substring) in order


def _text(s: str) -> bytes:
    return s.encode("utf-8")


CASES = [
    Case(
        "yaml-syntax",
        _text(HEAD + "  sections:\n    - heading: [加强领导\n"),
        ((5, 16, "the bracket [ opened here is never closed"),),
    ),
    Case(
        "yaml-syntax-tab",
        _text("plan:\n\ttitle: 要点\n"),
        ((2, 1, "a tab in the indentation — YAML indents with spaces only"),),
    ),
    Case(
        "unknown-key",
        _text(HEAD + "  sections:\n    - heading: 加强领导\n      itmes: []\n"),
        ((6, 7, "unknown key `itmes` in 一、 (plan.sections.0) — did you mean `items`?"),),
    ),
    Case(
        "unknown-key-notice",
        _text("notice:\n  recipient: 各单位\n" + HEAD),
        ((2, 3, "unknown key `recipient` in the notice (notice) — did you mean `recipients`?"),),
    ),
    Case(
        "wrong-type",
        _text("plan:\n  title: 工作要点\n  year: 二〇二一\n"),
        ((3, 9, "the plan 年份（year） (plan.year): this must be a whole number: 二〇二一"),),
    ),
    Case(
        "wrong-type-bool",
        _text("notice:\n  sealed: 是\n" + HEAD),
        ((2, 11, "the notice 加盖印章（sealed） (notice.sealed): this must be true or false"),),
    ),
    Case(
        "bad-date-month",
        _text("notice:\n  date: 2021-13-40\n" + HEAD),
        ((2, 9, "the notice 成文日期（date） (notice.date): 2021 has no month 13"),),
    ),
    Case(
        "bad-date-feb-30",
        _text("notice:\n  date: 2021-02-30\n" + HEAD),
        ((2, 9, "there is no day 30 in month 2 of 2021"),),
    ),
    Case(
        "missing-required",
        _text("plan:\n  year: 2021\n"),
        ((2, 3, "the plan 标题（title） (plan.title) is missing"),),
    ),
    Case(
        "missing-plan",
        _text("notice:\n  recipients: 各单位\n"),
        ((1, 1, "the plan (plan) is missing"),),
    ),
    Case(
        "depth-beyond-5",
        _text(
            HEAD
            + "  sections:\n"
            + "    - heading: 一\n"
            + "      items:\n"
            + "        - heading: 二\n"
            + "          items:\n"
            + "            - heading: 三\n"
            + "              items:\n"
            + "                - heading: 四\n"
            + "                  items:\n"
            + "                    - heading: 五\n"
            + "                      items:\n"
            + "                        - heading: 六\n"
        ),
        ((15, 27, "nesting deeper than 5 levels"),),
    ),
    Case(
        "duplicate-id",
        _text(HEAD + "  sections:\n    - id: lead\n      heading: 甲\n    - id: lead\n      heading: 乙\n"),
        ((7, 11, "duplicate id `lead` — already used on line 5"),),
    ),
    Case(
        "duplicate-key",
        _text("plan:\n  title: 甲\n  title: 乙\n  year: 2021\n"),
        ((3, 3, "duplicate key `title` — it is already set on line 2"),),
    ),
    Case(
        "not-utf8",
        "plan:\n  title: 工作要点\n  year: 2021\n".encode("gbk"),
        ((2, 10, "not UTF-8 text"),),
    ),
    Case("empty-file", b"", ((1, 1, "the file is empty"),)),
    Case("only-comments", _text("# 工作要点\n\n"), ((1, 1, "the file is empty"),)),
    Case(
        "top-level-list",
        _text("- plan\n- notice\n"),
        ((1, 1, "a plan is a mapping with keys `notice` and `plan`"),),
    ),
    Case(
        "top-level-scalar",
        _text("工作要点\n"),
        ((1, 1, "a plan is a mapping"),),
    ),
    Case(
        "control-character",
        _text("plan:\n  title: 工\x01作\n"),
        ((2, 11, "control character U+0001"),),
    ),
    Case(
        "all-problems-in-one-run",
        _text(
            "notice:\n"
            "  date: 2021-02-30\n"
            "  sealed: maybe\n"
            "  doc_numbr: 某卫〔2021〕1号\n"
            "plan:\n"
            "  title: 要点\n"
            "  year: 2021\n"
            "  sections:\n"
            "    - id: a\n"
            "      heading: 甲\n"
            "      itmes: []\n"
            "    - id: a\n"
            "      heading: 乙\n"
        ),
        (
            (2, 9, "notice.date"),
            (3, 11, "notice.sealed"),
            (4, 3, "unknown key `doc_numbr` in the notice (notice) — did you mean `doc_number`?"),
            (11, 7, "unknown key `itmes`"),
            (12, 11, "duplicate id `a`"),
        ),
    ),
    Case(
        "empty-title",
        _text("plan:\n  title: ''\n  year: 2021\n"),
        ((2, 10, "the plan 标题（title） (plan.title): this may not be empty"),),
    ),
    Case(
        # 一万 has no label: Chinese numerals in labels stop at 九千九百九十九. Item i is on line 5 + i.
        "ten-thousand-sections",
        _text(HEAD + "  sections:\n" + "".join(f"    - heading: 第{i}项\n" for i in range(10001))),
        ((5 + 9999, 7, "more than 9999 numbered entries at level 1"),),
    ),
    Case(
        "ten-thousand-points",
        _text(HEAD + "  sections:\n    - heading: 甲\n      points:\n" + "        - 是\n" * 10000),
        ((7 + 9999, 11, "more than 9999 points"),),
    ),
]


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / f"{case.name}.yaml"
    path.write_bytes(case.content)
    return path


def _assert_messages(output: str, path: Path, case: Case) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert "Traceback" not in output
    assert len(lines) == len(case.expected), output
    for line, (row, col, needle) in zip(lines, case.expected, strict=True):
        assert line.startswith(f"{path}:{row}:{col}: error: "), line
        assert needle in line, line
        assert " — " in line, f"every message carries a hint: {line}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_loader_names_each_problem(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, case)
    with pytest.raises(InputError) as raised:
        load_document(path)
    problems = raised.value.problems
    assert [(p.line, p.column) for p in problems] == [(r, c) for r, c, _ in case.expected]
    for problem, (_, _, needle) in zip(problems, case.expected, strict=True):
        assert needle in str(problem)
        assert problem.severity == "error"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_exits_2(tmp_path: Path, case: Case) -> None:
    path = _write(tmp_path, case)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    _assert_messages(result.stderr, path, case)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_render_leaves_no_output(tmp_path: Path, case: Case, suffix: str) -> None:
    path = _write(tmp_path, case)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out / f"plan{suffix}")])
    assert result.exit_code == 2, result.output
    _assert_messages(result.stderr, path, case)
    assert list(out.iterdir()) == [], "no partial or temporary file may be left"


def test_render_into_missing_folder_creates_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, CASES[0])
    out = tmp_path / "new-folder"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out / "plan.txt")])
    assert result.exit_code == 2
    assert not out.exists()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:1:1: error: no such file")


def test_validate_reports_every_file(tmp_path: Path) -> None:
    """One bad file does not stop the others from being checked."""
    bad = _write(tmp_path, CASES[2])
    worse = _write(tmp_path, CASES[3])
    result = CliRunner().invoke(app, ["validate", str(bad), str(worse)])
    assert result.exit_code == 2
    assert f"{bad}:6:7:" in result.stderr
    assert f"{worse}:2:3:" in result.stderr


def test_real_process(tmp_path: Path) -> None:
    """The installed entry point as a real process: stderr only, exit 2, no traceback, no output."""
    case = next(c for c in CASES if c.name == "all-problems-in-one-run")
    path = _write(tmp_path, case)
    out = tmp_path / "out"
    out.mkdir()
    for args in (["validate", str(path)], ["render", str(path), "-o", str(out / "plan.html")]):
        done = subprocess.run(
            [sys.executable, "-m", "generator.cli", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        _assert_messages(done.stderr, path, case)
    assert list(out.iterdir()) == []


# --- outputs that cannot be written: one message, exit 2, nothing written, no traceback -------------

PLAN = Path(__file__).resolve().parent.parent / "plans" / "suixi-2021.yaml"
SEED = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds" / "004_cea060df376792bd.txt"
)


def _refused(args: list[str], needle: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1, f"one message: {result.stderr}"
    assert needle in result.stderr, result.stderr


def test_output_is_an_existing_folder(tmp_path: Path) -> None:
    for name in ("out", "out.txt"):
        folder = tmp_path / name
        folder.mkdir()
        _refused(
            ["render", str(PLAN), "-o", str(folder)], f"{folder}: is a folder — give -o the name of a file"
        )
        assert list(folder.iterdir()) == []


def test_output_under_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    for suffix in (".txt", ".docx", ".pdf"):
        _refused(
            ["render", str(PLAN), "-o", str(blocker / f"plan{suffix}")], f"{blocker}: is a file, not a folder"
        )
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_output_into_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "deeper"
    _refused(["render", str(PLAN), "-o", str(missing / "plan.docx")], f"{missing}: the folder does not exist")
    _refused(["new", "--issuer", "甲", "--year", "2025", "-o", str(missing / "plan.yaml")], "does not exist")
    assert not (tmp_path / "typo").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_output_the_system_refuses() -> None:
    _refused(
        ["render", str(PLAN), "-o", "/proc/workplan-test.txt"], "/proc/workplan-test.txt: cannot write: "
    )


def test_outdir_naming_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("mine", encoding="utf-8")
    _refused(
        ["render", str(PLAN), "-d", str(blocker)], f"{blocker}: is a file, not a folder — choose another -d"
    )
    _refused(["render", str(PLAN), "-d", str(blocker / "sub")], "choose another -d")
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_outdir_may_be_created(tmp_path: Path) -> None:
    """-d names a folder to fill, so unlike -o it is created."""
    outdir = tmp_path / "new" / "out"
    result = CliRunner().invoke(app, ["render", str(PLAN), "-d", str(outdir), "-f", "txt,md"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in outdir.iterdir()) == ["suixi-2021.md", "suixi-2021.txt"]


@pytest.mark.parametrize("command", ["import", "rollover"])
def test_report_may_not_be_the_output_or_the_input(tmp_path: Path, command: str) -> None:
    """Both targets are checked before either is written."""
    source = tmp_path / (SEED.name if command == "import" else PLAN.name)
    source.write_bytes((SEED if command == "import" else PLAN).read_bytes())
    before = source.read_bytes()
    extra = ["--year", "2022"] if command == "rollover" else []
    out = tmp_path / "draft.yaml"
    _refused([command, str(source), "-o", str(out), "--report", str(out), *extra], "choose another --report")
    assert not out.exists(), "nothing may be written"
    _refused([command, str(source), "-o", str(out), "--report", str(source), *extra], "refusing to overwrite")
    assert not out.exists()
    _refused([command, str(source), "-o", str(source), *extra], "refusing to overwrite the input file")
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", ["import", "rollover", "new", "tasks"])
@pytest.mark.parametrize("name", ["plan.docx", "plan.txt", "-"])
def test_a_plan_is_only_written_as_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, name: str
) -> None:
    """`import last.docx -o plan.docx` wrote YAML that Word cannot open, and `-o -` a file named
    "-": every command that writes a plan YAML refuses another name, and writes nothing."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / (SEED.name if command == "import" else PLAN.name)
    source.write_bytes((SEED if command == "import" else PLAN).read_bytes())
    argv = {
        "import": ["import", str(source)],
        "rollover": ["rollover", str(source), "--year", "2022"],
        "new": ["new", "--issuer", "某某市卫生健康委员会", "--year", "2022"],
        "tasks": ["tasks", str(source), "--update", str(tmp_path / "tasks.json")],
    }[command]
    if command == "tasks":
        assert CliRunner().invoke(app, ["tasks", str(source), "-o", "tasks.json"]).exit_code == 0
    before = set(tmp_path.iterdir())
    needle = "is for render's text formats" if name == "-" else "name it plan.yaml"
    _refused([*argv, "-o", name], needle)
    assert set(tmp_path.iterdir()) == before, "nothing may be written"


def test_importing_a_plan_yaml_is_refused(tmp_path: Path) -> None:
    """`import plan.yaml` read the YAML's lines as a notice's 正文 (`- 'issuers: […]'`) and wrote
    that as a plan, exit 0."""
    out = tmp_path / "imported.yaml"
    _refused(["import", str(PLAN), "-o", str(out)], "is a plan YAML already")
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "-"],
        ["render", "-", "-o", "out.txt"],
        ["import", "-", "-o", "out.yaml"],
        ["diff", "-", "x"],
    ],
    ids=["validate", "render", "import", "diff"],
)
def test_standard_input_is_named_not_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """`workplan render - …` said "-: no such file — check the path"."""
    monkeypatch.chdir(tmp_path)
    _refused(argv, "-:1:1: error: standard input (-) is not read; give a file")
    assert not any(tmp_path.iterdir())


EXAMPLE_PDF = Path(__file__).resolve().parent.parent / "examples" / "example.pdf"
DOC = Path(__file__).resolve().parent / "corpus_extra" / "02_moh_pediatrics_clinical_pathways_2009.doc"


def test_a_pdf_named_docx_is_imported_and_checked_as_the_pdf_it_is(tmp_path: Path) -> None:
    """The content decides, as README says: a PDF saved as x.docx was refused ("not a valid zip
    package") by import and ("not a readable Word document") by check."""
    misnamed = tmp_path / "plan.docx"
    misnamed.write_bytes(EXAMPLE_PDF.read_bytes())
    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(app, ["import", str(misnamed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_document(out).plan.title == "2025年云溪市医疗服务提升工作要点"
    checked = CliRunner().invoke(app, ["check", str(misnamed), "--json"])
    assert checked.exit_code == 0, checked.output


@pytest.mark.slow
def test_a_doc_named_docx_is_imported_as_the_doc_it_is(tmp_path: Path, soffice: str) -> None:
    """Renaming 去年的.doc to .docx is a clerk's first try; it was refused as "not a valid zip"."""
    misnamed = tmp_path / "last.docx"
    misnamed.write_bytes(DOC.read_bytes())
    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(app, ["import", str(misnamed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_document(out).plan.sections


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["render", str(PLAN), "-o", "out.txt"], "--template shapes .docx and .pdf only, not .txt"),
        (
            ["render", str(PLAN), "-o", "-", "--format", "md"],
            "--template shapes .docx and .pdf only, not .md",
        ),
        (["render", str(PLAN), "-d", "out", "-f", "txt,html"], "not .txt, .html"),
        (["diff", str(PLAN), str(PLAN), "-o", "d.html"], "--template shapes diff.docx only"),
        (["diff", str(PLAN), str(PLAN)], "--template shapes diff.docx only"),
    ],
    ids=["render -o", "render -o -", "render -d", "diff -o html", "diff terminal"],
)
def test_a_template_no_output_uses_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], needle: str
) -> None:
    """`render plan.yaml -o plan.html --template agency.docx` wrote the page without a word: the
    agency's look silently missing. Refused, nothing written."""
    monkeypatch.chdir(tmp_path)
    template = tmp_path / "agency.docx"
    template.write_bytes((Path(__file__).resolve().parent.parent / "templates" / "notice.docx").read_bytes())
    _refused([*argv, "--template", str(template)], needle)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agency.docx"]
