"""`workplan diff` finds the edits a reviewer made, and only those, on the real seed plans."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diff import KINDS, diff_documents, load_version
from generator.load import load_document
from generator.model import Document, Node
from generator.model_tools import deep_copy, replace, to_data, validate
from generator.numbering import number_plan, walk
from tests.conftest import EXAMPLES, PLANS, SEEDS

WUZHONG_2021 = PLANS / "suzhou-wuzhong-2021.yaml"
WUZHONG_2019 = PLANS / "wuzhong-2019.yaml"
SEED_003 = SEEDS / "003_56f570fbe846ebf6.txt"


def _labels(document: Document) -> dict[int, str]:
    """Own label of every node, keyed by the node object's identity."""
    return {id(entry.node): entry.label for entry in walk(number_plan(document.plan))}


def edited_seed_000() -> tuple[Document, Document, dict[str, object]]:
    """Seed 000's plan and a reviewer's edit of it: one item added at the very front (so every
    continuous （n） label after it shifts), two items moved to another section, one removed,
    three reworded. Returns the expectation alongside."""
    old = load_document(WUZHONG_2021)
    new = deep_copy(old)
    sections = new.plan.sections
    # same node objects in ``new`` before editing, so identity tracks each item through the edit
    before = _labels(new)

    added = Node(
        heading="推进互联网医院建设。", text=["年内建成区域互联网医院平台，开通在线复诊和处方流转服务。"]
    )
    sections[0].items.insert(0, added)
    moved_a = sections[0].items.pop(3)  # 提升医疗救治能力 → section 三
    sections[2].items.insert(1, moved_a)
    moved_b = sections[3].items.pop(0)  # first item of 四 → end of section 二
    sections[1].items.append(moved_b)
    removed = sections[4].items.pop(1)
    reworded = []
    for section, index, edit in (
        (1, 0, lambda t: t.replace("研究制定", "制定并印发")),
        (2, 3, lambda t: t + "年底前完成全区评估。"),
        (5, 0, lambda t: t[: len(t) // 2] + "，" + t[len(t) // 2 + 6 :]),
    ):
        node = sections[section].items[index]
        changed = replace(node, text=[edit(node.text[0])])
        sections[section].items[index] = changed
        reworded.append((node, changed))
    for node, changed in reworded:
        before[id(changed)] = before[id(node)]

    after = _labels(new)
    edited = {id(moved_a), id(moved_b), id(added), *(id(c) for _, c in reworded)}
    shifted = [
        key for key, label in after.items() if key not in edited and key in before and before[key] != label
    ]
    expected = {
        "summary": {
            "added": 1,
            "removed": 1,
            "moved": 2,
            "renumbered": len(shifted),
            "changed": 3,
            "notice": 0,
        },
        "moved": (moved_a.heading, moved_b.heading),
        "removed": removed.heading,
        "reworded": [c.heading for _, c in reworded],
    }
    return old, new, expected


def test_seed_000_edits_are_found_exactly() -> None:
    old, new, expected = edited_seed_000()
    result = diff_documents(old, new)
    summary = expected["summary"]
    assert isinstance(summary, dict)
    # the item added at the front shifts every continuous （n） after it by +1, until the moves and
    # the removal shift them back: 16 items keep their text and place but change label
    assert summary["renumbered"] == 16
    assert result.summary == summary

    by_kind: dict[str, list] = {}
    for change in result.changes:
        by_kind.setdefault(change.kind, []).append(change)
    moved = by_kind["moved"]
    assert {c.new_text.split("。")[0] + "。" for c in moved} == set(expected["moved"])  # type: ignore[arg-type]
    # 提升医疗救治能力 was 一、（三）, and after the edit stands second in section 三
    first = next(c for c in moved if c.new_text.startswith("提升医疗救治能力"))
    assert first.old_label == "一、（三）"
    assert first.new_label.startswith("三、（")
    assert not first.segments  # moved, not reworded
    assert by_kind["removed"][0].old_text.startswith(expected["removed"])  # type: ignore[arg-type]
    assert by_kind["added"][0].new_label == "一、（一）"
    changed = by_kind["changed"]
    assert sorted(c.new_text.split("。")[0] + "。" for c in changed) == sorted(expected["reworded"])  # type: ignore[arg-type]
    for change in changed:
        assert any(op != "=" for op, _ in change.segments)
        assert "".join(t for op, t in change.segments if op != "+") == change.old_text
        assert "".join(t for op, t in change.segments if op != "-") == change.new_text
    for change in by_kind["renumbered"]:
        assert change.old_text == change.new_text
        assert change.old_label != change.new_label


def test_reworded_item_shows_only_the_reworded_words() -> None:
    old, new, _ = edited_seed_000()
    result = diff_documents(old, new)
    change = next(c for c in result.changes if c.kind == "changed" and "制定并印发" in (c.new_text or ""))
    assert [t for op, t in change.segments if op == "-"] == ["研究"]
    assert [t for op, t in change.segments if op == "+"] == ["并印发"]


def test_same_document_has_no_changes() -> None:
    document = load_document(WUZHONG_2021)
    result = diff_documents(document, deep_copy(document))
    assert result.same
    assert set(result.summary.values()) == {0}


def test_notice_fields_are_compared() -> None:
    old = load_document(WUZHONG_2021)
    new = deep_copy(old)
    new.notice.doc_number.serial = 39  # type: ignore[union-attr]
    new.notice.date = new.notice.date.replace(day=20)  # type: ignore[union-attr]
    new.notice.recipients.append("各有关单位")
    result = diff_documents(old, new)
    assert result.summary["notice"] == 3
    fields = {c.new_label: c for c in result.changes}
    assert fields["文号"].old_text == "吴卫医〔2021〕38号"
    assert fields["文号"].new_text == "吴卫医〔2021〕39号"
    assert fields["成文日期"].new_text == "2021年7月20日"
    assert "主送" in fields


def test_ids_win_over_text() -> None:
    """Two items swapping their texts but keeping their ids are the same items, reworded."""
    old = load_document(WUZHONG_2021)
    for n, node in enumerate(old.plan.nodes()):
        node.id = f"n{n}"
    new = deep_copy(old)
    a, b = new.plan.sections[0].items[0], new.plan.sections[0].items[1]
    a.text, b.text = b.text, a.text
    result = diff_documents(old, new)
    assert result.summary["changed"] == 2
    assert result.summary["moved"] == 0


def test_moved_section_heading_reworded_is_found_by_its_items() -> None:
    old = load_document(WUZHONG_2021)
    new = deep_copy(old)
    new.plan.sections[1].heading = "健全整合型服务体系"
    result = diff_documents(old, new)
    assert result.summary == dict.fromkeys(KINDS, 0) | {"changed": 1}
    assert result.changes[0].old_label == result.changes[0].new_label == "二、"


def test_split_item_is_noted() -> None:
    old = load_document(WUZHONG_2021)
    new = deep_copy(old)
    items = new.plan.sections[0].items
    text = items[0].text[0]
    cut = text.index("坚持重点人群")
    items[0].text = [text[:cut]]
    items.insert(1, Node(heading="落实重点人群管理。", text=[text[cut:]]))
    result = diff_documents(old, new)
    added = [c for c in result.changes if c.kind == "added"]
    assert len(added) == 1
    assert added[0].note == "split from 一、（一）"


def test_merged_items_are_noted() -> None:
    old = load_document(WUZHONG_2021)
    new = deep_copy(old)
    items = new.plan.sections[0].items
    items[0].text = [items[0].text[0] + items[1].heading + items[1].text[0]]  # （二） folded into （一）
    del items[1]
    result = diff_documents(old, new)
    removed = [c for c in result.changes if c.kind == "removed"]
    assert [(c.old_label, c.note) for c in removed] == [("一、（二）", "merged into 一、（一）")]
    assert result.summary["changed"] == 1


def test_seed_003_import_against_corrected_plan_is_numbering_only() -> None:
    """The source repeats 二、, loses four section numbers and jumps to 八、; the import and the
    corrected plan say the same words, so the diff is exactly those numbering corrections."""
    result = diff_documents(load_version(SEED_003), load_version(WUZHONG_2019))
    assert {c.kind for c in result.changes} == {"renumbered"}
    for change in result.changes:
        assert change.old_text == change.new_text
        assert change.old_label != change.new_label
    moves = {(c.old_label, c.new_label, (c.new_text or "")[:8]) for c in result.changes}
    assert ("二、", "三、", "大力推进“互联网") in moves  # the second 二、
    assert ("", "六、", "提高医疗质量和服") in moves  # a heading that lost its number
    assert ("八、", "九、", "全面优化人口环境") in moves  # the jump to 八、
    assert result.summary["renumbered"] == 9
    assert all(c.new_label and c.new_label.endswith("、") for c in result.changes)  # sections only


# --- generated plans ---------------------------------------------------------------------------


def random_text(rng: random.Random, low: int = 8, high: int = 40) -> str:
    """Random characters of the CJK block: two such texts share almost no bigram, so every edit is
    unambiguous (hypothesis drives the seed; shrinking the characters themselves would make texts
    alike and turn an addition into a rewording)."""
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(low, high)))


def random_item(rng: random.Random) -> Node:
    return Node(heading=random_text(rng, 4, 10) + "。", text=[random_text(rng)])


@st.composite
def plan_and_edits(draw: st.DrawFn) -> tuple[Document, Document, dict[str, int]]:
    """A generated plan (continuous （n） items) and a copy with random additions, removals and
    moves to another section; the expected summary follows from the items' identities."""
    rng = draw(st.randoms(use_true_random=False))
    old = validate(
        Document,
        {"plan": {"title": "测试工作要点", "year": 2024, "numbering": {"continuous": [2]}, "sections": []}},
    )
    old.plan.sections = [
        Node(
            heading=random_text(rng, 4, 12), items=[random_item(rng) for _ in range(draw(st.integers(1, 5)))]
        )
        for _ in range(draw(st.integers(2, 4)))
    ]
    new = deep_copy(old)
    # An item moves at most once: moving it back home to another place would be a reordering
    # within its section, which the diff rightly calls a move and this count would call a shift.
    moved: set[int] = set()
    for _ in range(draw(st.integers(0, 5))):
        action = draw(st.sampled_from(["add", "remove", "move"]))
        source = draw(st.sampled_from(new.plan.sections))
        if action == "add":
            source.items.insert(draw(st.integers(0, len(source.items))), random_item(rng))
        elif source.items and action == "remove":
            source.items.pop(draw(st.integers(0, len(source.items) - 1)))
        elif action == "move":
            movable = [i for i, item in enumerate(source.items) if id(item) not in moved]
            if not movable:
                continue
            item = source.items.pop(movable[0])
            moved.add(id(item))
            target = draw(st.sampled_from([s for s in new.plan.sections if s is not source]))
            target.items.insert(draw(st.integers(0, len(target.items))), item)

    def placed(document: Document) -> dict[str, tuple[int, str]]:
        return {
            entry.node.text[0]: (entry.path[0], entry.label)
            for entry in walk(number_plan(document.plan))
            if entry.level == 2
        }

    before, after = placed(old), placed(new)
    both = before.keys() & after.keys()
    expected = {
        "added": len(after.keys() - before.keys()),
        "removed": len(before.keys() - after.keys()),
        "moved": sum(before[t][0] != after[t][0] for t in both),
        "renumbered": sum(before[t][0] == after[t][0] and before[t][1] != after[t][1] for t in both),
        "changed": 0,
        "notice": 0,
    }
    return old, new, expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_and_edits())
def test_generated_edits_are_counted(case: tuple[Document, Document, dict[str, int]]) -> None:
    old, new, expected = case
    assert diff_documents(old, new).summary == expected
    assert diff_documents(new, deep_copy(new)).same


# --- the command -----------------------------------------------------------------------------


def _workplan(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "diff", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    _, new, expected = edited_seed_000()
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        json.dumps(to_data(new, json=True, exclude_none=True), ensure_ascii=False), encoding="utf-8"
    )

    same = _workplan(WUZHONG_2021, WUZHONG_2021, "--summary")
    assert same.returncode == 0, same.stderr
    assert "added 0" in same.stdout

    out = tmp_path / "diff.json"
    differ = _workplan(WUZHONG_2021, edited, "-o", out)
    assert differ.returncode == 1, differ.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"] == expected["summary"]
    assert {"kind", "old_label", "new_label", "old_text", "new_text"} <= set(data["changes"][0])

    bad = _workplan(WUZHONG_2021, tmp_path / "missing.yaml")
    assert bad.returncode == 2
    assert "missing.yaml:1:1" in bad.stderr
    assert "Traceback" not in bad.stderr
    wrong = _workplan(WUZHONG_2021, edited, "-o", tmp_path / "diff.pdf")
    assert wrong.returncode == 2
    assert not (tmp_path / "diff.pdf").exists()


def test_terminal_output_is_labelled_like_the_document() -> None:
    old, new, _ = edited_seed_000()
    from io import StringIO

    from rich.console import Console

    from generator.writers.diff_text import print_diff

    buffer = StringIO()
    print_diff(diff_documents(old, new), Console(file=buffer, width=200, no_color=True))
    text = buffer.getvalue()
    assert "moved 移动  一、（三） → 三、（" in text
    assert "[-研究-]" in text
    assert text.rstrip().endswith("changed 3, notice 0")


@pytest.mark.parametrize("suffix", [".yaml", ".txt"])
def test_inputs_by_suffix(suffix: str) -> None:
    path = WUZHONG_2021 if suffix == ".yaml" else SEED_003
    assert load_version(path).document.plan.sections


def test_a_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    """The importer looks at the content, and so does the diff (and its labels): a .docx renamed
    .txt compares like the .docx."""
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.render import render

    data = render(load_document(WUZHONG_2019), "docx")
    assert isinstance(data, bytes)
    (tmp_path / "plan.docx").write_bytes(data)
    (tmp_path / "zipped.txt").write_bytes(data)
    as_docx, as_txt = load_version(tmp_path / "plan.docx"), load_version(tmp_path / "zipped.txt")
    assert as_txt == as_docx and as_txt.printed
    result = CliRunner().invoke(app, ["diff", str(tmp_path / "zipped.txt"), str(WUZHONG_2019)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def test_a_file_that_is_no_plan_is_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(hosts), str(WUZHONG_2019)])
    assert result.exit_code == 2 and f"no plan found in {hosts}" in result.output


def test_html_is_side_by_side_and_escapes_plan_text() -> None:
    from generator.writers.diff_html import render_diff_html

    old, new, _ = edited_seed_000()
    new.plan.sections[0].items[1].text[0] += "<script>alert(1)</script>{{ x }}&amp;"
    page = render_diff_html(diff_documents(old, new))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ x }}&amp;amp;" in page
    assert "<ins>" in page and "<del>" in page
    assert '<td class="label"><del>一、（三）</del></td>' in page  # old label of the moved item
    assert "<link" not in page and "src=" not in page  # self-contained: no external files


def test_cli_writes_html_and_tracked_docx(tmp_path: Path) -> None:
    import zipfile

    page, word = tmp_path / "diff.html", tmp_path / "diff.docx"
    for out in (page, word):
        run = _workplan(SEED_003, WUZHONG_2019, "-o", out, "--author", "张三")
        assert run.returncode == 1, run.stderr
        assert "renumbered 9" in run.stdout
    assert '<td class="label"><del>二、</del></td>' in page.read_text(encoding="utf-8")
    xml = zipfile.ZipFile(word).read("word/document.xml").decode("utf-8")
    assert 'w:author="张三"' in xml


def test_word_and_markdown_versions_read_through_the_importer(tmp_path: Path) -> None:
    """A reviewer's .docx or .md of the edited plan diffs like the plan itself."""
    from generator.render import render

    old, new, expected = edited_seed_000()
    for suffix in ("docx", "md"):
        path = tmp_path / f"edited.{suffix}"
        data = render(new, suffix)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        assert diff_documents(old, load_version(path)).summary == expected["summary"]


def test_not_a_document_is_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip at all")
    run = _workplan(fake, WUZHONG_2021)
    assert run.returncode == 2
    assert "fake.docx" in run.stderr and "Traceback" not in run.stderr


def test_piped_output_marks_edits_and_color_is_chosen(tmp_path: Path) -> None:
    """A pipe (auto) and --color never get git's word-diff marks; --color always gets ANSI colour."""
    from typer.testing import CliRunner

    from generator.cli import app

    new = load_document(WUZHONG_2021)
    new.plan.sections[3].items[2].deadline = "2021年底前"  # a task field no text had
    new.notice.cc = ["苏州市卫生健康委员会"]
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        json.dumps(to_data(new, json=True, exclude_none=True), ensure_ascii=False), encoding="utf-8"
    )
    outputs = {}
    for color in ("auto", "never", "always"):
        result = CliRunner().invoke(app, ["diff", str(WUZHONG_2021), str(edited), "--color", color])
        assert result.exit_code == 1, result.output
        outputs[color] = result.stdout
    for color in ("auto", "never"):
        assert "\x1b[" not in outputs[color]
        assert "changed 修改  四、（二十一）\n  完成时限 deadline: {+2021年底前+}" in outputs[color]
        assert "抄送 notice.cc: {+抄送：苏州市卫生健康委员会。+}" in outputs[color]
    assert "\x1b[" in outputs["always"] and "{+" not in outputs["always"]
    bad = CliRunner().invoke(app, ["diff", str(WUZHONG_2021), str(edited), "--color", "sometimes"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_a_plan_is_the_same_as_its_own_rendering(tmp_path: Path, fmt: str) -> None:
    """Every field is compared, but not those no printed document carries (id, status): the
    example, which sets them, reads back from each of its renderings as the same plan."""
    from generator.render import render

    data = render(load_document(EXAMPLES / "example.yaml"), fmt)
    path = tmp_path / f"example.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    result = diff_documents(load_version(EXAMPLES / "example.yaml"), load_version(path))
    assert result.same, [(c.kind, c.new_label, [f.key for f in c.fields]) for c in result.changes]
