"""A fuzz suite that stays: hypothesis-made YAML text, plan structures, .txt and .docx contents
through the loader, every importer, render, diff and rollover — each command in a forked child
under RLIMIT_CPU 5 s and 200 MB more address space (tests/fuzz_worker.py).

The invariant: whatever the input, the command ends by itself with 0, 1 or 2 — never a
traceback, never killed by a limit — and a refusal (2) leaves no output file behind.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO
from hostile_files import NOTICE, plan_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.limits import ILLEGAL_CHARS

EXAMPLE = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
# 8 examples per property in CI; WORKPLAN_FUZZ_EXAMPLES=500 for a longer hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("WORKPLAN_FUZZ_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


class Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fuzz_worker.py"))],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "ready"

    def run(self, files: dict[str, bytes | str], *args: str) -> dict:
        encoded = {
            name: base64.b64encode(data.encode("utf-8") if isinstance(data, str) else data).decode()
            for name, data in files.items()
        }
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"files": encoded, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.close()


def clean(result: dict, args: tuple[str, ...], outputs: tuple[str, ...] = ()) -> None:
    """The fuzz invariant for one run."""
    context = f"workplan {' '.join(args)}: {result}"
    assert result["signal"] is None, context  # SIGXCPU: past 5 s; SIGKILL/SIGSEGV: worse
    assert result["code"] in (0, 1, 2), context
    assert "Traceback" not in result["stderr"], context
    if result["code"] == 2:
        assert result["stderr"].strip(), context  # a refusal says why
        assert not set(outputs) & set(result["files"]), context  # and writes nothing


# ---------------------------------------------------------------- strategies

_YAML_TOKENS = [
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!str ",
    "!!binary ",
    "!!python/object ",
    "? ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\\x07",
    "\\ud800",
    "notice",
    "plan",
    "title",
    "sections",
    "items",
    "heading",
    "text",
    "points",
    "numbering",
    "levels",
    "continuous",
    "year",
    "date",
    "2024-02-30",
    "2024",
    "99999999999999999999",
    "null",
    "~",
    "true",
    "一、",
    "（一）",
    "关于印发",
    "工作要点",
    "通知",
    "〔2024〕",
    "\u3000",
    "：",
    "，",
    "\ufeff",
]
yaml_text = st.lists(
    st.one_of(st.sampled_from(_YAML_TOKENS), st.text(max_size=4)), min_size=1, max_size=60
).map("".join)


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """The example plan with a few random edits: a cut, an insertion, a duplicated line."""
    text = EXAMPLE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["cut", "insert", "duplicate"]))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(_YAML_TOKENS)) + text[at:]
        else:
            lines = text.splitlines(keepends=True)
            index = at % max(len(lines), 1)
            text = "".join([*lines[: index + 1], *lines[index:]])
    return text


_KEYS = [
    "heading",
    "text",
    "points",
    "items",
    "id",
    "lead",
    "owners",
    "deadline",
    "targets",
    "status",
    "numbered",
    "tables",
    "title",
    "year",
    "sections",
    "preamble",
    "numbering",
    "levels",
    "continuous",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.text(max_size=30),
    st.sampled_from(["done", "一、", "2024年底前"]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(_KEYS), children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def plan_structure(draw: st.DrawFn) -> str:
    """A plan whose `plan:` mapping is made of the model's own keys with values of any shape."""
    plan = {
        "title": draw(st.text(max_size=40)),
        "year": draw(st.integers(1900, 2200)),
        "sections": draw(st.lists(structures, max_size=4)),
    }
    extra = draw(st.dictionaries(st.sampled_from(_KEYS), structures, max_size=3))
    plan.update(extra)
    return NOTICE + yaml.safe_dump({"plan": plan}, allow_unicode=True)


_LABELS = [
    "一、",
    "二、",
    "（一）",
    "(二)",
    "1.",
    "2．",
    "3、",
    "（1）",
    "①",
    "附件",
    "抄送：",
    "印发",
    "",
    "",
    "",
]
document_lines = st.lists(
    st.tuples(st.sampled_from(_LABELS), st.text(max_size=40)).map("".join), min_size=1, max_size=30
)


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(ILLEGAL_CHARS.sub("", line))  # python-docx itself refuses them
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- the properties


def _yaml_commands(worker: Worker, text: str) -> None:
    files = {"plan.yaml": text, "other.yaml": plan_yaml()}
    for args, outputs in (
        (("render", "plan.yaml", "-o", "out.docx"), ("out.docx",)),
        (("diff", "other.yaml", "plan.yaml", "-o", "d.json"), ("d.json",)),
        (("rollover", "plan.yaml", "--year", "2025", "-o", "n.yaml", "--report", "r.md"), ("n.yaml", "r.md")),
    ):
        clean(worker.run(files, *args), args, outputs)


@FUZZ
@given(text=yaml_text)
def test_yaml_text_never_breaks_a_command(worker: Worker, text: str) -> None:
    _yaml_commands(worker, text)


@FUZZ
@given(text=mutated_example())
def test_edited_example_never_breaks_a_command(worker: Worker, text: str) -> None:
    _yaml_commands(worker, text)


@FUZZ
@given(text=plan_structure())
def test_plan_structures_never_break_a_command(worker: Worker, text: str) -> None:
    _yaml_commands(worker, text)


@FUZZ
@given(lines=document_lines, suffix=st.sampled_from([".txt", ".md"]))
def test_text_documents_import_diff_and_roll_over(worker: Worker, lines: list[str], suffix: str) -> None:
    files = {f"doc{suffix}": "\n".join(lines), "other.yaml": plan_yaml()}
    for args, outputs in (
        (("import", f"doc{suffix}", "-o", "p.yaml", "--report", "r.json"), ("p.yaml", "r.json")),
        (("diff", "other.yaml", f"doc{suffix}"), ()),
        (("rollover", f"doc{suffix}", "--year", "2025", "-o", "n.yaml"), ("n.yaml",)),
    ):
        clean(worker.run(files, *args), args, outputs)


@FUZZ
@given(
    lines=document_lines, damage=st.one_of(st.none(), st.tuples(st.integers(0, 10**6), st.binary(max_size=8)))
)
def test_docx_documents_import_diff_and_check(worker: Worker, lines: list[str], damage: tuple | None) -> None:
    data = docx_bytes(lines)
    if damage is not None:  # a few bytes overwritten somewhere in the zip
        at, junk = damage
        at %= len(data)
        data = data[:at] + junk + data[at + len(junk) :]
    files = {"doc.docx": data, "other.yaml": plan_yaml()}
    for args, outputs in (
        (("import", "doc.docx", "-o", "p.yaml"), ("p.yaml",)),
        (("diff", "other.yaml", "doc.docx", "-o", "d.docx"), ("d.docx",)),
        (("render", "other.yaml", "-o", "o.docx", "--template", "doc.docx"), ("o.docx",)),
    ):
        clean(worker.run(files, *args), args, outputs)
