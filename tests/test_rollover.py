"""Rollover: next year's draft differs from this year's plan exactly where the review report says."""

from __future__ import annotations

import difflib
import json
import re

import pytest
import yaml
from conftest import PLANS, SEEDS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.load import InputError, load_text
from generator.model_tools import to_data
from generator.rollover import RolloverResult, rollover_file, rollover_text
from generator.view import attachment_names, notice_title
from generator.writers.review_md import render_review

SEED_PLANS = [
    "suzhou-wuzhong-2021",
    "lianyungang-2022",
    "shanghai-songjiang-2024",
    "wuzhong-2019",
    "suixi-2021",
]
YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年")


def seed(name: str) -> str:
    return (PLANS / f"{name}.yaml").read_text(encoding="utf-8")


def roll(text: str, year: int, **options: bool) -> RolloverResult:
    return rollover_text(text, "plan.yaml", year, **options)


def unaccounted_changes(source: str, result: RolloverResult) -> list[str]:
    """Changed source lines that no field change, changed mention or left-out item explains."""
    accounted = {c.line for c in result.changes} | {m.line for m in result.mentions if m.applied}
    removed = {n for first, last in result.removed_lines for n in range(first, last + 1)}
    old, new = source.splitlines(), result.yaml_text.splitlines()
    problems: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            problems.append(f"inserted lines {new[j1:j2]}")
        for n in range(i1 + 1, i2 + 1):
            if n not in (removed if tag == "delete" else accounted | removed):
                problems.append(f"line {n}: {old[n - 1]}")
    return problems


def text_lines(source: str) -> list[tuple[int, str]]:
    """Lines of a plan file without its comment lines (comments are not plan text)."""
    return [(n, line) for n, line in enumerate(source.splitlines(), 1) if not line.lstrip().startswith("#")]


# --- the five seed plans -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_PLANS)
def test_seed_rolls_to_next_year(name: str) -> None:
    source = seed(name)
    before = load_text(source, name)
    year = before.plan.year
    result = roll(source, year + 1)
    after = load_text(result.yaml_text, "draft")

    assert after.plan.year == year + 1
    assert str(year + 1) in after.plan.title and str(year) not in after.plan.title
    assert str(year) not in notice_title(after)
    if before.notice.doc_number is not None:
        assert after.notice.doc_number is not None
        assert after.notice.doc_number.year == year + 1
        assert after.notice.doc_number.prefix == before.notice.doc_number.prefix
        assert after.notice.doc_number.serial is None
    assert after.notice.date is None and after.notice.print_date is None
    assert before.notice.date is not None or before.notice.doc_number is not None  # something to clear
    assert attachment_names(after) == [
        after.plan.title if a == before.plan.title else a for a in attachment_names(before)
    ]
    assert unaccounted_changes(source, result) == []
    # only the two default classes changed in the text
    assert {m.cls for m in result.mentions if m.applied} <= {"title", "this_year"}


@pytest.mark.parametrize("name", SEED_PLANS)
def test_report_lists_every_year_mention_of_the_seed(name: str) -> None:
    """Counted independently: every `YYYY年` on a text line is a mention of the report at that line."""
    source = seed(name)
    year = load_text(source, name).plan.year
    result = roll(source, year + 1)
    report = render_review(result, "next.yaml")
    by_line: dict[int, list[str]] = {}
    for m in result.mentions:
        by_line.setdefault(m.line, []).append(m.mention.text)
    counted = 0
    for n, line in text_lines(source):
        words = YEAR_WORD.findall(line)
        counted += len(words)
        in_report = [w for text in by_line.get(n, []) for w in YEAR_WORD.findall(text)]
        assert len(in_report) >= len(words), (n, line)
        if words:
            row = next(r for r in report.splitlines() if r.startswith(f"| plan.yaml:{n} |"))
            assert any(f"| {m.cls} |" in row for m in result.mentions if m.line == n)
    assert counted >= 3  # title, body or preamble at least
    assert f"## Year mentions ({len(result.mentions)})" in report


def test_songjiang_2026_is_outside_the_14th_five_year_plan() -> None:
    source = seed("shanghai-songjiang-2024")
    warned = [r.note for r in roll(source, 2026).review if r.kind == "warning"]
    assert "2026 is outside 十四五 (2021–2025)" in warned
    assert not [r for r in roll(source, 2025).review if r.kind == "warning" and "十四五" in r.note]
    assert "⚠ 2026 is outside 十四五" in render_review(roll(source, 2026))


@pytest.mark.parametrize("name", SEED_PLANS)
def test_rolling_twice_equals_rolling_once(name: str) -> None:
    source = seed(name)
    year = load_text(source, name).plan.year
    twice = roll(roll(source, year + 1).yaml_text, year + 2)
    once = roll(source, year + 2)
    a, b = load_text(twice.yaml_text, "twice"), load_text(once.yaml_text, "once")
    assert a.plan.year == b.plan.year == year + 2
    assert a.plan.title == b.plan.title
    assert notice_title(a) == notice_title(b)
    assert a.notice.doc_number == b.notice.doc_number
    assert (a.notice.date, a.notice.print_date) == (b.notice.date, b.notice.print_date)
    assert attachment_names(a) == attachment_names(b)
    # With the default rule the text agrees too (2024年底前 stays as written either way), except
    # a "this year" sentence whose 五年规划 the later year leaves (002: 十四五 ends in 2025): the
    # one-step roll leaves it for review, the two-step roll changed it while it was still true.
    withheld = {m.draft_line for m in once.mentions if m.mention.cls == "this_year" and not m.applied}
    differing = {
        i
        for i, (x, y) in enumerate(
            zip(twice.yaml_text.splitlines(), once.yaml_text.splitlines(), strict=True), start=1
        )
        if x != y
    }
    assert differing <= withheld
    assert bool(differing) == (name == "shanghai-songjiang-2024")


def test_bump_text_years_applies_every_proposal() -> None:
    source = seed("suixi-2021")
    default, bumped = roll(source, 2022), roll(source, 2022, bump_text_years=True)
    plan = load_text(bumped.yaml_text, "bumped")
    text = json.dumps(to_data(plan, json=True), ensure_ascii=False)
    assert "2022 年底" in text or "2022年底" in text
    assert "2022年度乡村医生" in text and "2022年末" in text
    assert "（2021-2023年）" in text  # a range is never changed
    assert sum(m.applied for m in bumped.mentions) > sum(m.applied for m in default.mentions)
    assert not [r for r in bumped.review if r.kind == "proposal"]
    assert [r for r in default.review if r.kind == "proposal"]
    assert unaccounted_changes(source, bumped) == []


def test_same_year_changes_no_text() -> None:
    source = seed("shanghai-songjiang-2024")
    result = roll(source, 2024)
    before, after = load_text(source, "a"), load_text(result.yaml_text, "b")
    assert after.plan == before.plan
    assert after.notice.body == before.notice.body and after.notice.title == before.notice.title
    assert not [m for m in result.mentions if m.applied]


# --- a hand-written plan with unusual order, comments and styles ----------------------------------

UNUSUAL = """\
# A plan written by hand, in an unusual order.
---
plan:   # the plan first
  year: 2024          # 年份
  numbering: {levels: [chinese, chinese_paren], continuous: []}
  title: '2024年某区卫生健康工作要点'   # single quotes kept
  preamble: >-
    2024年是“十四五”规划的关键一年，
    全区卫生健康工作要在2024年底前完成既定任务。
  sections:
    # 一、 comment above the first section
    - items:
        # a finished task: left out with this comment
        - heading: "已完成的事项。"
          status: done
          text: 2024年底前完成。
          items:
            - heading: 子项。
        - targets: [床位数达到1000张, 2024年底前达到80%]
          heading: 提升服务能力。   # kept
          deadline: 2024年底前
          lead: 区卫健委
      heading: 强化基层服务   # heading after items
    - heading: 全部完成的一节
      items:
        - heading: 甲。
          status: dropped
    - heading: "最后一节"
      text:
        - |
          第一段2024年，全区要……
          继续推进。
notice:
  date: 2024-03-01  # 成文日期
  doc_number: {prefix: 某卫, year: 2024, serial: 7}
  print_date: "2024-03-02"
  attachments:
    - 2024年某区卫生健康工作要点
    - 2024年重点项目清单
  body: |
    现将《2024年某区卫生健康工作要点》印发给你们。
    请于2024年4月10日前报送。
  title: "关于印发《2024年某区卫生健康\\n工作要点》的通知"
  issuers: 某区卫生健康委员会
"""


def test_unusual_plan_keeps_comments_order_and_quotes() -> None:
    result = roll(UNUSUAL, 2025)
    out = result.yaml_text
    draft = load_text(out, "draft")
    assert unaccounted_changes(UNUSUAL, result) == []
    # key order: plan before notice, the flow mapping and the keys after `items` as they were
    assert out.index("plan:") < out.index("notice:")
    assert "  numbering: {levels: [chinese, chinese_paren], continuous: []}\n" in out
    assert "  title: '2025年某区卫生健康工作要点'   # single quotes kept\n" in out
    assert "  year: 2025          # 年份\n" in out
    assert "  date: null  # 成文日期\n" in out
    assert "  print_date: null\n" in out
    assert "  doc_number: {prefix: 某卫, year: 2025, serial: null}\n" in out
    assert '  title: "关于印发《2025年某区卫生健康\\n工作要点》的通知"\n' in out
    # every comment survives except the one that described the left-out item
    for line in UNUSUAL.splitlines():
        if "#" in line and "left out with this comment" not in line:
            assert line.split("#", 1)[1] in out, line
    assert "left out with this comment" not in out
    # done and dropped items are gone (with their children), an emptied list reads []
    assert "已完成的事项" not in out and "子项" not in out and "甲。" not in out
    assert "    - heading: 全部完成的一节\n      items: []\n" in out
    assert [s.heading for s in draft.plan.sections] == ["强化基层服务", "全部完成的一节", "最后一节"]
    assert [i.heading for i in draft.plan.sections[0].items] == ["提升服务能力。"]
    # text: default rule only
    assert draft.plan.preamble == [
        "2025年是“十四五”规划的关键一年， 全区卫生健康工作要在2024年底前完成既定任务。"
    ]
    assert draft.plan.sections[2].text == ["第一段2024年，全区要……\n继续推进。\n"]  # not a sentence start
    assert draft.notice.body == [
        "现将《2025年某区卫生健康工作要点》印发给你们。\n请于2024年4月10日前报送。\n"
    ]
    assert draft.notice.attachments == ["2025年某区卫生健康工作要点", "2024年重点项目清单"]
    assert draft.plan.sections[0].items[0].deadline == "2025年底前"  # a task field: the plan's own deadline
    # the review lists the left-out items, the targets and the proposals
    kinds = [(r.kind, r.text) for r in result.review]
    assert ("dropped", "（一）已完成的事项。") in kinds
    assert ("dropped", "（一）甲。") in kinds
    assert any(k == "targets" and t == "（二）提升服务能力。" for k, t in kinds)
    targets = next(r for r in result.review if r.kind == "targets")
    assert "床位数达到1000张" in targets.note
    assert result.summary.dropped_items == 2
    dropped = [m for m in result.mentions if m.dropped]
    assert [m.mention.text for m in dropped] == ["2024年底前"]
    report = render_review(result, "next.yaml")
    assert "Items left out (status done/dropped) (2)" in report
    assert "Items with targets (指标) (1)" in report


def test_keep_done_keeps_items_and_lists_them() -> None:
    result = roll(UNUSUAL, 2025, keep_done=True)
    draft = load_text(result.yaml_text, "draft")
    assert draft.plan.sections[0].items[0].status == "done"
    assert [r.kind for r in result.review].count("kept") == 2
    assert unaccounted_changes(UNUSUAL, result) == []


def test_bad_input_is_refused_with_its_position() -> None:
    with pytest.raises(InputError) as caught:
        roll("plan:\n  title: x\n  year: twenty\n", 2025)
    assert "plan.yaml:3" in str(caught.value)
    with pytest.raises(InputError):
        roll(seed("suixi-2021"), 99)


def test_a_tab_the_loader_reads_but_the_draft_cannot_edit_around_is_named() -> None:
    # found by test_fuzz: PyYAML reads a tab inside a plain scalar, ruamel (the in-place edits) not
    text = "plan:\n  title: 2025年工作要点\n  year: 2025\n  sections:\n    - text:\n        - 2\t025年云溪\n"
    assert load_text(text, "plan.yaml").plan.sections[0].text == ["2\t025年云溪"]
    with pytest.raises(InputError) as caught:
        roll(text, 2026)
    assert str(caught.value).startswith("plan.yaml:6:12: error: a tab here")
    assert "replace the tab with a space" in str(caught.value)


@pytest.mark.parametrize("year", [2020, 2012])
def test_a_year_before_the_plans_is_refused(tmp_path, year: int) -> None:
    """--year 2020 for a 2021 plan would turn its deadlines back (2021年底前 → 2020年底前): a slip
    for next year, refused at the plan's year line, nothing written."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(seed("suixi-2021"), encoding="utf-8")
    line = next(i for i, text in enumerate(seed("suixi-2021").splitlines(), 1) if text.startswith("  year:"))
    out = tmp_path / "next.yaml"
    run = CliRunner().invoke(app, ["rollover", str(plan), "--year", str(year), "-o", str(out)])
    assert run.exit_code == 2 and not out.exists()
    assert f"{plan}:{line}:9: error: --year {year} comes before the plan's year 2021" in run.output
    assert "give e.g. --year 2022" in run.output


# --- invariants ----------------------------------------------------------------------------------

FRAGMENTS = [
    "2023", "2024", "2025", "年", "年度", "年底前", "年内", "是", "，", "。", "；", " ",
    "全区", "十四五", "-", "至", "（", "）", "工作", "《", "》", "要点", "1000",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)


STYLES = ("plain", "single", "double", "literal")


def styled(text: str, style: str, indent: str) -> str:
    """``text`` as a YAML scalar in ``style``; double quotes when the style cannot hold it."""
    if style == "literal" and text and not text.startswith(" ") and text == text.strip():
        return f"|-\n{indent}  {text}"
    candidates = {"plain": text, "single": "'" + text.replace("'", "''") + "'"}
    written = candidates.get(style)
    if written is not None:
        try:
            if yaml.safe_load(f"k: {written}") == {"k": text}:
                return written
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def minimal_plan(
    body: str, preamble: str, heading: str, styles: tuple[str, str, str] = ("double",) * 3
) -> str:
    return (
        "notice:\n  doc_number: 某卫〔2024〕3号\n  date: 2024-01-02\n"
        f"  body:\n    - {styled(body, styles[0], '    ')}\n"
        "plan:\n  title: 2024年某区工作要点\n  year: 2024\n"
        f"  preamble:\n    - {styled(preamble, styles[1], '    ')}\n"
        f"  sections:\n    - heading: {styled(heading, styles[2], '      ')}\n"
    )


@settings(max_examples=60, deadline=None)
@given(texts, texts, texts)
def test_rolling_to_the_same_year_keeps_the_text(body: str, preamble: str, heading: str) -> None:
    source = minimal_plan(body, preamble, heading)
    result = roll(source, 2024)
    before, after = load_text(source, "a"), load_text(result.yaml_text, "b")
    assert after.plan == before.plan
    assert after.notice.body == before.notice.body
    changed = [a for a, b in zip(source.splitlines(), result.yaml_text.splitlines(), strict=True) if a != b]
    assert changed == ["  doc_number: 某卫〔2024〕3号", "  date: 2024-01-02"]


@settings(max_examples=100, deadline=None)
@given(
    texts,
    texts,
    texts,
    st.integers(2025, 2030),
    st.booleans(),
    st.tuples(*[st.sampled_from(STYLES)] * 3),
)
@example("x", "y", "20232024年2024年", 2025, True, ("plain", "plain", "plain"))  # 2024年 after 2023
def test_rollover_changes_only_year_digits(
    body: str, preamble: str, heading: str, year: int, bump: bool, styles: tuple[str, str, str]
) -> None:
    source = minimal_plan(body, preamble, heading, styles)
    result = roll(source, year, bump_text_years=bump)
    assert unaccounted_changes(source, result) == []
    for a, b in zip(source.splitlines(), result.yaml_text.splitlines(), strict=True):
        if a.startswith(("  doc_number:", "  date:")):
            continue
        # same length, and every changed character is a digit of a year
        assert len(a) == len(b)
        assert all(x == y or (x.isdigit() and y.isdigit()) for x, y in zip(a, b, strict=True))


# --- command line ------------------------------------------------------------------------------


def test_cli_writes_draft_and_report(tmp_path) -> None:
    out, report = tmp_path / "next.yaml", tmp_path / "review.md"
    plan = PLANS / "shanghai-songjiang-2024.yaml"
    run = CliRunner().invoke(
        app, ["rollover", str(plan), "--year", "2026", "-o", str(out), "--report", str(report)]
    )
    assert run.exit_code == 0, run.output
    assert "rollover 2024 → 2026" in run.stdout and "warnings: 2" in run.stdout
    assert load_text(out.read_text(encoding="utf-8")).plan.year == 2026
    text = report.read_text(encoding="utf-8")
    assert "2026 is outside 十四五" in text and "| notice.doc_number |" in text


def test_cli_never_overwrites_the_input(tmp_path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(seed("suixi-2021"), encoding="utf-8")
    run = CliRunner().invoke(app, ["rollover", str(plan), "--year", "2022", "-o", str(plan)])
    assert run.exit_code == 2
    assert "refusing to overwrite" in run.output
    assert plan.read_text(encoding="utf-8") == seed("suixi-2021")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("吴卫医〔2021〕38号", "吴卫医〔2022〕号"),
        ("'吴卫医[2021]第38号'", "'吴卫医[2022]号'"),
        ("吴卫医〔2021〕号", "吴卫医〔2022〕号"),
    ],
)
def test_doc_number_string_keeps_its_style_without_serial(written: str, expected: str) -> None:
    source = seed("suzhou-wuzhong-2021").replace("doc_number: 吴卫医〔2021〕38号", f"doc_number: {written}")
    result = roll(source, 2022)
    assert f"doc_number: {expected}\n" in result.yaml_text
    number = load_text(result.yaml_text).notice.doc_number
    assert number is not None and (number.year, number.serial) == (2022, None)


def test_imported_document_rolls_over(tmp_path) -> None:
    """A .txt of last year's notice goes through the importer, then the same YAML path."""
    out = tmp_path / "next.yaml"
    seed_txt = SEEDS / "002_7c2f7981371f6a1c.txt"
    run = CliRunner().invoke(app, ["rollover", str(seed_txt), "--year", "2025", "-o", str(out)])
    assert run.exit_code == 0, run.output
    draft = load_text(out.read_text(encoding="utf-8"))
    assert draft.plan.year == 2025 and draft.plan.title.startswith("2025年")
    assert draft.notice.doc_number is not None and draft.notice.doc_number.serial is None
    assert draft.notice.date is None


def test_imported_document_review_cites_the_documents_own_lines(tmp_path) -> None:
    """The YAML an import is dumped to is never written: every line the review cites is a line of
    the .txt itself, one that holds what is cited."""
    seed_txt = SEEDS / "002_7c2f7981371f6a1c.txt"
    source = [
        " ".join(line.split()).replace(" ", "") for line in seed_txt.read_text(encoding="utf-8").splitlines()
    ]
    result = rollover_file(seed_txt, 2025, for_file=tmp_path / "next.yaml")
    assert result.name == str(seed_txt)
    assert result.mentions and result.changes
    for m in result.mentions:
        assert m.mention.text.split()[0] in source[m.line - 1], m
    where = {c.field: source[c.line - 1] for c in result.changes}
    assert "〔2024〕" in where["notice.doc_number"] and "2024年3月28日" in where["notice.date"]
    assert where["plan.title"].endswith("2024年上海市松江区医政管理工作要点")
    assert where["plan.year"] == where["plan.title"]
    review = render_review(result, str(tmp_path / "next.yaml"))
    assert f"{seed_txt}:{result.mentions[0].line}" in review and "(imported)" not in review


@pytest.mark.parametrize("imported", [False, True], ids=["yaml", "imported"])
def test_schema_comment_made_for_the_drafts_folder(tmp_path, imported: bool) -> None:
    """plans/x.yaml points at ../templates/…; a draft written elsewhere must point there too."""
    from generator.schema import schema_comment

    plan = SEEDS / "002_7c2f7981371f6a1c.txt" if imported else PLANS / "shanghai-songjiang-2024.yaml"
    out = tmp_path / "drafts" / "2025" / "next.yaml"
    out.parent.mkdir(parents=True)
    run = CliRunner().invoke(app, ["rollover", str(plan), "--year", "2025", "-o", str(out)])
    assert run.exit_code == 0, run.output
    # no schema reachable by a relative path: the comment is left out, never made absolute
    assert "$schema" not in out.read_text(encoding="utf-8")
    made = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "drafts" / "workplan.schema.json")])
    assert made.exit_code == 0, made.output
    run = CliRunner().invoke(app, ["rollover", str(plan), "--year", "2025", "-o", str(out), "--force"])
    assert run.exit_code == 0, run.output
    head = out.read_text(encoding="utf-8").splitlines()[0]
    assert head == schema_comment(out) == "# yaml-language-server: $schema=../workplan.schema.json"


def test_crlf_line_ends_survive() -> None:
    source = UNUSUAL.replace("\n", "\r\n")
    result = roll(source, 2025)
    assert result.yaml_text.count("\r\n") == result.yaml_text.count("\n")
    assert unaccounted_changes(source, result) == []
    assert [m.line for m in result.mentions] == [m.line for m in roll(UNUSUAL, 2025).mentions]


def test_a_title_without_the_year_is_flagged() -> None:
    source = seed("suixi-2021").replace("title: 2021年全县卫生健康工作要点", "title: 全县卫生健康工作要点")
    result = roll(source, 2022)
    assert any(r.kind == "warning" and r.field == "plan.title" for r in result.review)
    assert load_text(result.yaml_text).plan.title == "全县卫生健康工作要点"


@pytest.mark.parametrize("inside", [True, False])
def test_every_changed_line_of_a_cli_draft_is_in_the_report(tmp_path, inside: bool) -> None:
    """Through the CLI, wherever the draft is written: a line of the draft that differs from the
    input is one the review report names — the editor's `$schema` line too, which is rewritten
    only when its relative path no longer reaches the schema from the draft's folder."""
    source = PLANS / "shanghai-songjiang-2024.yaml"
    folder = PLANS if inside else tmp_path
    out = folder / "rolled-draft-under-test.yaml"
    review = tmp_path / "review.md"
    try:
        run = CliRunner().invoke(
            app, ["rollover", str(source), "--year", "2025", "-o", str(out), "--report", str(review)]
        )
        assert run.exit_code == 0, run.output
        before = source.read_text(encoding="utf-8").splitlines()
        after = out.read_text(encoding="utf-8").splitlines()
    finally:
        if inside:
            out.unlink(missing_ok=True)
    report = review.read_text(encoding="utf-8")
    cited = {int(n) for n in re.findall(re.escape(source.name) + r":(\d+)", report)}
    if not inside:  # no schema reachable from tmp_path: the $schema line is left out, and reported
        assert after[0] != before[0] and "$schema" not in "\n".join(after) and 1 in cited
        after = [before[0], *after]
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True), start=1) if a != b]
    assert changed and set(changed) <= cited, (changed, sorted(cited))
    assert after[0] == before[0]  # inside, the relative $schema path still works


def test_a_this_year_sentence_left_behind_by_its_plan_period_is_only_proposed() -> None:
    """002: 2024年是实现“十四五”规划目标至关重要的一年 — rolled to 2025 it still reads true and
    changes; rolled to 2026 (outside 十四五) it is listed with a warning and a proposal instead."""
    source = seed("shanghai-songjiang-2024")
    for year, changes in ((2025, True), (2026, False)):
        result = roll(source, year)
        this_year = [m for m in result.mentions if m.mention.cls == "this_year"]
        assert [m.applied for m in this_year] == [changes]
        preamble = load_text(result.yaml_text, "draft").plan.preamble[0]
        assert preamble.startswith(f"{year if changes else 2024}年是实现“十四五”")
        kinds = {r.kind for r in result.review if r.field == "plan.preamble[0]"}
        assert kinds == (set() if changes else {"warning", "proposal"})


def test_a_text_year_after_other_digits_is_changed_where_it_stands() -> None:
    """20232024年2024年: the finder sees one year, the second 2024年; the first 2024年 of the text
    is inside a longer number and must not take the change."""
    source = minimal_plan("x", "y", "20232024年2024年", ("plain", "plain", "plain"))
    result = roll(source, 2025, bump_text_years=True)
    assert "heading: 20232024年2025年" in result.yaml_text
