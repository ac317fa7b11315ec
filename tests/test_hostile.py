"""The hostile cases of issue 12, one named test per row of its table.

Each case runs the real command in a subprocess under RLIMIT_CPU 5 s and RLIMIT_AS 200 MB
(hostile_files.run_limited): a case that spins or swells is killed or fails to allocate, which
shows as a traceback or a signal exit — so "exit 2, one message, no traceback, no output file"
asserted here also says "within 5 s and 200 MB". Times are not asserted (benchmarks/ has them).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from hostile_files import (
    Limited,
    billion_laughs,
    deep_block,
    deep_flow,
    docx_with,
    lying_zip_docx,
    many_pages_pdf,
    plan_yaml,
    run_limited,
    zip_bomb_docx,
)
from typer.testing import CliRunner

from generator import output
from generator.cli import app
from generator.load import load_text
from generator.title_lines import break_title, width_zi
from generator.zipcheck import PackageError, check_package

TITLE_110 = (
    "关于印发《2024年吴中区卫生健康委员会进一步加强医疗服务质量管理推进高质量发展专项行动实施方案》的通知"
    "以及《2024年吴中区卫生健康委员会进一步加强医疗服务质量管理推进高质量发展专项行动实施方案》的补充通知"
)[:110]
TITLE_140 = (TITLE_110 * 2)[:140]


def refused(result: Limited, *, says: str = "", code: int = 2) -> None:
    """Exit ``code``, exactly one message line (naming what ``says``), no traceback."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert len(result.error_lines) == 1, result.stderr
    assert says in result.stderr, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "plan.yaml").write_text(plan_yaml(), encoding="utf-8")
    return tmp_path


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ---------------------------------------------------------------- YAML aliases


@pytest.mark.parametrize("where", ["top", "unknown-key"])
def test_billion_laughs_refused(folder: Path, where: str) -> None:
    """A 1 KB alias bomb (9⁹ "lol"s) is refused from its events, before anything is built."""
    if where == "top":
        text = "bomb:\n" + billion_laughs()
    else:  # under an unknown key of the plan: the model never sees it
        text = plan_yaml(extra="  junk:\n" + billion_laughs())
    (folder / "bomb.yaml").write_text(text, encoding="utf-8")
    before = _files(folder)
    for command in (["validate", "bomb.yaml"], ["render", "bomb.yaml", "-o", "out.docx"]):
        refused(run_limited(*command, cwd=folder), says="an alias bomb")
    assert _files(folder) == before


def test_billion_laughs_given_to_rollover(folder: Path) -> None:
    (folder / "bomb.yaml").write_text(plan_yaml(extra="  junk:\n" + billion_laughs()), encoding="utf-8")
    result = run_limited("rollover", "bomb.yaml", "--year", "2025", "-o", "next.yaml", cwd=folder)
    refused(result, says="an alias bomb")
    assert not (folder / "next.yaml").exists()


def test_rollover_reads_through_the_same_limits() -> None:
    """rollover also parses with ruamel — only after the loader's limits passed on the same text."""
    from generator.errors import InputError
    from generator.rollover import rollover_text

    with pytest.raises(InputError, match="alias bomb"):
        rollover_text(plan_yaml(extra="  junk:\n" + billion_laughs()), "bomb.yaml", 2025)


def test_one_long_paragraph_aliased_40000_times(folder: Path) -> None:
    paragraph = "各单位要进一步提高认识，加强组织领导，确保各项任务落到实处。" * 20
    text = plan_yaml(extra=f'  preamble: [&p "{paragraph}", ' + ", ".join(["*p"] * 40000) + "]\n")
    (folder / "para.yaml").write_text(text, encoding="utf-8")
    refused(run_limited("render", "para.yaml", "-o", "out.txt", cwd=folder), says="YAML aliases")
    assert not (folder / "out.txt").exists()


def test_a_few_aliases_are_still_fine() -> None:
    """The limits are far above real use: a plan that repeats a 牵头单位 by alias loads."""
    text = plan_yaml().replace("        - heading: 完善制度。\n", "")
    text += "        - heading: 完善制度。\n          lead: &lead 办公室\n"
    text += "        - heading: 健全机制。\n          lead: *lead\n"
    document = load_text(text)
    assert [item.lead for item in document.plan.sections[0].items] == ["办公室", "办公室"]


# ---------------------------------------------------------------- nesting


@pytest.mark.parametrize(
    "text",
    [deep_flow(2000), deep_flow(100_000), deep_block(2000), "plan:\n  " + "- " * 100_000 + "x\n"],
    ids=["flow-2000", "flow-100000", "block-2000", "block-sequence-100000"],
)
def test_deep_nesting_refused_while_parsing(folder: Path, text: str) -> None:
    (folder / "deep.yaml").write_text(text, encoding="utf-8")
    result = run_limited("validate", "deep.yaml", cwd=folder)
    refused(result, says="nested deeper than 64 levels")
    assert "deep.yaml:" in result.stderr and "RecursionError" not in result.stderr


def test_anchor_that_contains_itself(folder: Path) -> None:
    (folder / "self.yaml").write_text("plan: &a\n  title: x\n  items: [*a]\n", encoding="utf-8")
    result = run_limited("validate", "self.yaml", cwd=folder)
    refused(result, says="the YAML anchor &a contains itself")
    assert "self.yaml:3:11:" in result.stderr  # at the alias


# ---------------------------------------------------------------- long titles


def test_break_title_of_200_characters_keeps_its_rules() -> None:
    """Bounded search, same rules: every line ≤ 20 字 and whole (the DP's own tests are in
    test_typography); 200 characters come back as lines in milliseconds, not minutes."""
    title = (TITLE_140 * 2)[:200]
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(width_zi(line) <= 20 for line in lines)


def test_long_title_renders_imports_and_diffs(folder: Path) -> None:
    for name, title in (("t110", TITLE_110), ("t140", TITLE_140)):
        (folder / f"{name}.yaml").write_text(plan_yaml(title=title), encoding="utf-8")
        assert run_limited("render", f"{name}.yaml", "-o", f"{name}.docx", cwd=folder).returncode == 0
        imported = run_limited("import", f"{name}.docx", "-o", f"{name}.back.yaml", cwd=folder)
        assert imported.returncode == 0, imported.stderr
        assert title in (folder / f"{name}.back.yaml").read_text(encoding="utf-8")
    batch = run_limited("render", "t110.yaml", "t140.yaml", "-d", "out", "-f", "docx", cwd=folder)
    assert batch.returncode == 0, batch.stderr
    diffed = run_limited("diff", "t110.yaml", "t140.yaml", "-o", "d.docx", cwd=folder)
    assert diffed.returncode == 1 and (folder / "d.docx").is_file(), diffed.stderr


# ---------------------------------------------------------------- agency templates (SSTI)


def _template_with(folder: Path, tag: str, name: str = "agency.docx") -> Path:
    base = REPO / "templates" / "notice.docx"
    with zipfile.ZipFile(base) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "{{ note }}" in xml
    path = folder / name
    path.write_bytes(docx_with(xml.replace("{{ note }}", "{{ note }}" + tag, 1).encode("utf-8"), base=base))
    return path


def test_ssti_template_runs_nothing(folder: Path) -> None:
    marker = folder / "pwned"
    _template_with(folder, "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}")
    result = run_limited("render", "plan.yaml", "-o", "out.docx", "--template", "agency.docx", cwd=folder)
    refused(result, says="`cycler`, which is not a placeholder")
    assert not marker.exists() and not (folder / "out.docx").exists()


@pytest.mark.parametrize(
    "tag, names",
    [
        ("{{ note.__class__ }}", "`.__class__`"),
        ("{{ lipsum() }}", "`lipsum`"),
        ("{{ note.upper() }}", "`note.upper(…)`"),
        ("{{ note['__class__'] }}", "`.__class__`"),
    ],
)
def test_template_reaching_past_its_placeholders_is_refused(folder: Path, tag: str, names: str) -> None:
    _template_with(folder, tag)
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(folder / "plan.yaml"),
            "-o",
            str(folder / "o.docx"),
            "--template",
            str(folder / "agency.docx"),
        ],
    )
    assert result.exit_code == 2 and names in result.stderr, result.stderr
    assert not (folder / "o.docx").exists()


def test_the_sandbox_holds_even_without_the_check(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: with the template check bypassed, the sandboxed Jinja still runs nothing."""
    from generator.writers import docx as docx_writer

    marker = folder / "pwned"
    path = _template_with(folder, "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}")
    monkeypatch.setattr(docx_writer, "_validated", lambda *args: None)
    from generator.errors import InputError
    from generator.load import load_document
    from generator.render import render

    try:
        render(load_document(folder / "plan.yaml"), "docx", template=path)
    except InputError:
        pass
    assert not marker.exists()


def test_the_bundled_template_still_renders_and_plan_text_stays_data(folder: Path) -> None:
    text = plan_yaml(title='"{{ cycler.__init__ }}年工作要点"')
    (folder / "braces.yaml").write_text(
        text.replace("完善制度。", '"{% for x in y %}完善制度。"'), encoding="utf-8"
    )
    assert run_limited("render", "braces.yaml", "-o", "out.txt", cwd=folder).returncode == 0
    assert run_limited("render", "braces.yaml", "-o", "out.docx", cwd=folder).returncode == 0
    back = run_limited("import", "out.docx", "-o", "back.yaml", cwd=folder)
    assert back.returncode == 0 and "{{ cycler.__init__ }}" in (folder / "back.yaml").read_text(
        encoding="utf-8"
    )


# ---------------------------------------------------------------- terminal, Markdown, XML


def test_rich_markup_in_a_checked_file_name(folder: Path) -> None:
    """`check a[/]b.pdf` — the folder `a[` and the file `]b.pdf` — once raised rich's MarkupError."""
    (folder / "a[").mkdir()
    (folder / "a[" / "]b.pdf").write_bytes(many_pages_pdf(2))
    result = run_limited("check", "a[/]b.pdf", cwd=folder)
    assert result.returncode == 1, result.stderr  # rules fail; the name is shown, not parsed
    assert "Traceback" not in result.stderr and "a[/]b.pdf" in result.stdout.replace("\n", "")


def test_rich_markup_in_a_plan_title_and_file_name_when_rendering_many(folder: Path) -> None:
    (folder / "[bold]x[red].yaml").write_text(plan_yaml(title='"[/]2024年[/bold]工作要点"'), encoding="utf-8")
    result = run_limited("render", "[bold]x[red].yaml", "-d", "out", "-f", "txt,md", cwd=folder)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "[/]2024年[/bold]工作要点" in (folder / "out" / "[bold]x[red].txt").read_text(encoding="utf-8")


def test_author_with_a_control_character(folder: Path) -> None:
    (folder / "new.yaml").write_text(plan_yaml(title="2024年新工作要点"), encoding="utf-8")
    result = run_limited("diff", "plan.yaml", "new.yaml", "-o", "d.docx", "--author", "张\x07三", cwd=folder)
    refused(result, says="U+0007 (a control character) at position 2 of the name")
    assert not (folder / "d.docx").exists()


def test_plan_text_with_a_control_character(folder: Path) -> None:
    (folder / "ctl.yaml").write_text(plan_yaml().replace("完善制度。", '"完善\\x01制度。"'), encoding="utf-8")
    result = run_limited("render", "ctl.yaml", "-o", "out.docx", cwd=folder)
    refused(result, says="ctl.yaml:")
    assert "U+0001" in result.stderr and not (folder / "out.docx").exists()


def test_html_in_plan_text_is_escaped_in_the_review_report(folder: Path) -> None:
    hostile = "<script>alert(1)</script>2024年底前<img src=x onerror=alert(2)>"
    text = plan_yaml().replace("完善制度。", f'"{hostile}完善制度。"')
    (folder / "html.yaml").write_text(text, encoding="utf-8")
    result = run_limited(
        "rollover", "html.yaml", "--year", "2025", "-o", "n.yaml", "--report", "r.md", cwd=folder
    )
    assert result.returncode == 0, result.stderr
    report = (folder / "r.md").read_text(encoding="utf-8")
    assert "<script>" not in report and "<img" not in report
    assert "&lt;script&gt;" in report or "&lt;img" in report


# ---------------------------------------------------------------- inputs that are not files


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["render", "-o", "out.txt"],
        ["import", "-o", "out.yaml"],
        ["rollover", "--year", "2025", "-o", "out.yaml"],
    ],
    ids=["validate", "render", "import", "rollover"],
)
def test_device_as_input(folder: Path, device: str, command: list[str]) -> None:
    args = [command[0], device, *command[1:]]
    refused(run_limited(*args, cwd=folder), says="character device")
    assert _files(folder) == {"plan.yaml"}


def test_device_given_to_diff_and_check(folder: Path) -> None:
    refused(run_limited("diff", "plan.yaml", "/dev/zero", cwd=folder), says="character device")
    refused(run_limited("check", "/dev/zero.pdf", cwd=folder), says="no such file")


def test_eight_gigabyte_sparse_file(folder: Path) -> None:
    for name in ("sparse.yaml", "sparse.txt", "sparse.pdf"):
        with open(folder / name, "wb") as handle:
            handle.truncate(8 * 2**30)
    refused(run_limited("validate", "sparse.yaml", cwd=folder), says="8.0 GiB")
    refused(run_limited("import", "sparse.txt", "-o", "out.yaml", cwd=folder), says="8.0 GiB")
    refused(run_limited("diff", "plan.yaml", "sparse.txt", cwd=folder), says="8.0 GiB")
    refused(run_limited("check", "sparse.pdf", cwd=folder), says="8.0 GiB")
    assert not (folder / "out.yaml").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "pipe.yaml"],
        ["render", "pipe.yaml", "-o", "out.txt"],
        ["import", "pipe.docx", "-o", "out.yaml"],
        ["diff", "plan.yaml", "pipe.docx"],
        ["rollover", "pipe.yaml", "--year", "2025", "-o", "out.yaml"],
        ["check", "pipe.docx"],
        ["render", "plan.yaml", "-o", "out.docx", "--template", "pipe.docx"],
    ],
    ids=["validate", "render", "import", "diff", "rollover", "check", "template"],
)
def test_fifo_as_input(folder: Path, command: list[str]) -> None:
    """Nobody writes to the FIFO: reading it would block forever (wall limit 20 s here)."""
    os.mkfifo(folder / "pipe.yaml")
    os.mkfifo(folder / "pipe.docx")
    refused(run_limited(*command, cwd=folder, wall=20), says="a pipe (FIFO)")
    assert not (folder / "out.txt").exists() and not (folder / "out.yaml").exists()


# ---------------------------------------------------------------- outputs


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device"])
def test_output_onto_a_special_file(folder: Path, kind: str) -> None:
    target = folder / "out.txt"
    if kind == "fifo":
        os.mkfifo(target)
        says = "a pipe (FIFO)"
    elif kind == "symlink":
        (folder / "elsewhere.txt").write_text("keep", encoding="utf-8")
        target.symlink_to(folder / "elsewhere.txt")
        says = "symbolic link"
    else:
        target = Path("/dev/null")
        says = "character device"
    result = run_limited("render", "plan.yaml", "-o", str(target), cwd=folder, wall=20)
    refused(result, says=says)
    if kind == "fifo":
        assert (folder / "out.txt").is_fifo()
    elif kind == "symlink":
        assert target.is_symlink() and (folder / "elsewhere.txt").read_text(encoding="utf-8") == "keep"
    else:
        assert Path("/dev/null").is_char_device()


def test_second_output_failing_leaves_neither(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the report is written: the YAML is not written either (import, rollover)."""
    real = output._write_temp
    calls = []

    def second_fails(target: Path, payload: bytes) -> str:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, payload)

    monkeypatch.setattr(output, "_write_temp", second_fails)
    (folder / "plan.txt").write_text("2024年工作要点\n一、加强领导\n（一）完善制度。\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "import",
            str(folder / "plan.txt"),
            "-o",
            str(folder / "p.yaml"),
            "--report",
            str(folder / "r.json"),
        ],
    )
    assert result.exit_code == 2 and "the disk is full" in result.stderr
    calls.clear()
    result = runner.invoke(
        app,
        [
            "rollover",
            str(folder / "plan.yaml"),
            "--year",
            "2025",
            "-o",
            str(folder / "n.yaml"),
            "--report",
            str(folder / "r.md"),
        ],
    )
    assert result.exit_code == 2 and "nothing was written" in result.stderr
    assert _files(folder) == {"plan.yaml", "plan.txt"}  # no YAML, no report, no temp file


@pytest.mark.parametrize("how", ["closed", "full"])
@pytest.mark.parametrize(
    "command", [["render", "plan.yaml", "-o", "-"], ["schema"], ["diff", "plan.yaml", "other.yaml"]]
)
def test_stdout_closed_or_full(folder: Path, how: str, command: list[str]) -> None:
    (folder / "other.yaml").write_text(plan_yaml(title="2024年另一工作要点"), encoding="utf-8")
    if how == "closed":
        read, write = os.pipe()
        os.close(read)
        try:
            result = run_limited(*command, cwd=folder, stdout=write)
        finally:
            os.close(write)
    else:
        with open("/dev/full", "wb") as full:
            result = run_limited(*command, cwd=folder, stdout=full.fileno())
    refused(result, says="standard output")


# ---------------------------------------------------------------- zip bombs, PDFs


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docx")
    (folder / "plan.yaml").write_text(plan_yaml(), encoding="utf-8")
    assert run_limited("render", "plan.yaml", "-o", "plan.docx", cwd=folder).returncode == 0
    return folder / "plan.docx"


@pytest.fixture(scope="module")
def bombs(small_docx: Path) -> dict[str, bytes]:
    """A .docx declaring 256 MiB inflated, and one whose directory says 1 KB for 200 MiB."""
    return {"declared": zip_bomb_docx(small_docx, 256 << 20), "lying": lying_zip_docx(small_docx)}


@pytest.mark.parametrize("bomb", ["declared", "lying"])
def test_zip_bomb_docx(folder: Path, bombs: dict[str, bytes], bomb: str) -> None:
    (folder / "bomb.docx").write_bytes(bombs[bomb])
    for command in (
        ["import", "bomb.docx", "-o", "out.yaml"],
        ["render", "plan.yaml", "-o", "out.docx", "--template", "bomb.docx"],
        ["diff", "plan.yaml", "bomb.docx"],
        ["check", "bomb.docx"],
    ):
        refused(run_limited(*command, cwd=folder), says="bomb.docx")
    assert _files(folder) == {"plan.yaml", "bomb.docx"}


def test_ledger_bomb_and_fifo(folder: Path, bombs: dict[str, bytes]) -> None:
    """`tasks --update` reads an .xlsx (a zip) or .csv the clerks edited: same limits."""
    (folder / "ledger.xlsx").write_bytes(bombs["declared"])
    os.mkfifo(folder / "ledger.csv")
    for ledger, says in (("ledger.xlsx", "zip bomb"), ("ledger.csv", "a pipe (FIFO)")):
        result = run_limited("tasks", "plan.yaml", "--update", ledger, "-o", "new.yaml", cwd=folder, wall=20)
        refused(result, says=says)
    assert not (folder / "new.yaml").exists()


def test_zip_bomb_is_refused_within_50_mb(bombs: dict[str, bytes], tmp_path: Path) -> None:
    """The check itself holds one chunk at a time, whatever the package claims."""
    for data in bombs.values():
        path = tmp_path / "bomb.docx"
        path.write_bytes(data)
        tracemalloc.start()
        try:
            with pytest.raises((PackageError, zipfile.BadZipFile)):
                check_package(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 50 * 2**20, peak


def test_high_ratio_member_refused(small_docx: Path, tmp_path: Path) -> None:
    xml = b"<w:document>" + b"<w:p/>" * (6 * 2**20) + b"</w:document>"  # 36 MB of one repeated tag
    path = tmp_path / "ratio.docx"
    path.write_bytes(docx_with(xml, base=small_docx))
    with pytest.raises(PackageError, match="compressed"):
        check_package(path)


@pytest.mark.parametrize("count", ["honest", "lying"])
def test_check_on_a_4000_page_pdf(folder: Path, count: str) -> None:
    data = many_pages_pdf(4000)
    if count == "lying":  # the page tree says 3: the pages are counted, up to one past the limit
        data = data.replace(b"/Count 4000", b"/Count 3   ")
    (folder / "long.pdf").write_bytes(data)
    says = "4000 pages" if count == "honest" else "more than 500 pages"
    refused(run_limited("check", "long.pdf", cwd=folder), says=says)


# ---------------------------------------------------------------- merge keys


def test_yaml_merge_key_with_an_override() -> None:
    text = plan_yaml().replace(
        "        - heading: 完善制度。\n",
        "        - &base\n          heading: 完善制度。\n          lead: 办公室\n"
        "          deadline: 2024年底前\n"
        "        - <<: *base\n          heading: 健全机制。\n",
    )
    items = load_text(text).plan.sections[0].items
    assert [(i.heading, i.lead, i.deadline) for i in items] == [
        ("完善制度。", "办公室", "2024年底前"),
        ("健全机制。", "办公室", "2024年底前"),
    ]


def test_a_real_duplicate_key_is_still_refused() -> None:
    from generator.errors import InputError

    with pytest.raises(InputError, match="duplicate key `title`"):
        load_text(plan_yaml().replace("  year: 2024\n", "  year: 2024\n  title: 又一个\n"))


# ---------------------------------------------------------------- signals during PDF conversion


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_during_pdf_conversion_cleans_up(folder: Path, sig: signal.Signals, soffice: str) -> None:
    private = folder / "tmp"
    private.mkdir()
    env = {**os.environ, "TMPDIR": str(private)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "render", "plan.yaml", "-o", "out.pdf"],
        cwd=folder,
        env=env,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(private.glob("workplan-soffice-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    folders = list(private.glob("workplan-*"))
    assert folders, "LibreOffice never started"
    assert all(f.stat().st_mode & 0o777 == 0o700 for f in folders)  # private: they hold the document
    time.sleep(0.5)
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + sig, err
    assert err.decode().count("\n") == 1 and b"Traceback" not in err
    assert list(private.iterdir()) == []  # profile, copies of the document, LibreOffice's lu*.tmp
    assert not (folder / "out.pdf").exists()
    time.sleep(0.3)
    survivors = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(private).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                survivors.append(pid)
        except OSError:
            continue
    assert survivors == []  # no orphaned LibreOffice


def test_examples_still_load() -> None:
    """The limits leave every real plan alone."""
    from generator.load import load_document

    for path in sorted(EXAMPLES.glob("*.yaml")):
        load_document(path)


def test_the_sandbox_allows_what_the_bundled_template_reads() -> None:
    """The quick scan of the bundled template (run at every render's start) finds every
    attribute its tags read, as Jinja's own parse of them says."""
    from generator.writers import docx_template as tpl
    from generator.writers.docx import _jinja_env
    from generator.writers.template_policy import attributes_of, template_sources

    env = _jinja_env()
    read = attributes_of(env, template_sources(str(tpl.template_path())))
    assert {"kind", "text", "rows"} <= read
    assert read <= env.allowed_attributes
