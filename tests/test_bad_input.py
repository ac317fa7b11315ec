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
        ((6, 1, "YAML syntax: expected ',' or ']'"),),
    ),
    Case(
        "yaml-syntax-tab",
        _text("plan:\n\ttitle: 要点\n"),
        ((2, 1, "YAML syntax"),),
    ),
    Case(
        "unknown-key",
        _text(HEAD + "  sections:\n    - heading: 加强领导\n      itmes: []\n"),
        ((6, 7, "unknown key `itmes` — did you mean `items`?"),),
    ),
    Case(
        "unknown-key-notice",
        _text("notice:\n  recipient: 各单位\n" + HEAD),
        ((2, 3, "unknown key `recipient` — did you mean `recipients`?"),),
    ),
    Case(
        "wrong-type",
        _text("plan:\n  title: 工作要点\n  year: 二〇二一\n"),
        ((3, 9, "plan.year: Input should be a valid integer"),),
    ),
    Case(
        "wrong-type-bool",
        _text("notice:\n  sealed: 是\n" + HEAD),
        ((2, 11, "notice.sealed: Input should be a valid boolean"),),
    ),
    Case(
        "bad-date-month",
        _text("notice:\n  date: 2021-13-40\n" + HEAD),
        ((2, 9, "notice.date: Input should be a valid date"),),
    ),
    Case(
        "bad-date-feb-30",
        _text("notice:\n  date: 2021-02-30\n" + HEAD),
        ((2, 9, "day value is outside expected range"),),
    ),
    Case(
        "missing-required",
        _text("plan:\n  year: 2021\n"),
        ((2, 3, "missing required field `title` (in plan)"),),
    ),
    Case(
        "missing-plan",
        _text("notice:\n  recipients: 各单位\n"),
        ((1, 1, "missing required field `plan`"),),
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
            (4, 3, "unknown key `doc_numbr` — did you mean `doc_number`?"),
            (11, 7, "unknown key `itmes`"),
            (12, 11, "duplicate id `a`"),
        ),
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
    assert result.stderr.startswith(f"{path}:1:1: error: cannot read the file")


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
