"""The editor's YAML splices: only the edited value or the moved/added/removed lines change."""

from __future__ import annotations

import difflib

import pytest
from conftest import EXAMPLES, plan_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_text
from generator.serve.edits import EditError, apply_ops
from generator.serve.yaml_text import format_scalar, parse_data

EXAMPLE = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
S = ["plan", "sections"]


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def test_a_heading_edit_changes_that_line_only() -> None:
    new = apply_ops(
        EXAMPLE, [{"op": "set", "path": [*S, 1, "items", 1, "heading"], "value": "推行医保移动支付结算。"}]
    )
    assert changed_lines(EXAMPLE, new) == (
        ["          heading: 推行医保移动支付。"],
        ["          heading: 推行医保移动支付结算。"],
    )


def test_quoting_is_kept_and_added_only_where_needed() -> None:
    new = apply_ops(EXAMPLE, [{"op": "set", "path": ["notice", "copy_number"], "value": "000124"}])
    assert changed_lines(EXAMPLE, new) == (['  copy_number: "000123"'], ['  copy_number: "000124"'])
    # A ": " or " #" in plain text would change its meaning: quoted; the data is what was typed.
    tricky = "要点: 第一 # 不是注释"
    new = apply_ops(EXAMPLE, [{"op": "set", "path": ["plan", "title"], "value": tricky}])
    assert parse_data(new)["plan"]["title"] == tricky
    assert format_scalar("2025-02-18", key="date") == "2025-02-18"  # a date stays a date
    assert format_scalar("2025", key="heading") == '"2025"'  # a heading of digits stays text


def test_list_edits_touch_only_the_entries_that_change() -> None:
    path = ["notice", "recipients"]
    new = apply_ops(
        EXAMPLE,
        [
            {
                "op": "set",
                "path": path,
                "value": ["各县（区）卫生健康局、医疗保障局", "市直各医疗卫生单位", "各有关单位"],
            }
        ],
    )
    assert changed_lines(EXAMPLE, new) == ([], ["    - 各有关单位"])
    new = apply_ops(EXAMPLE, [{"op": "set", "path": path, "value": ["市直各医疗卫生单位"]}])
    assert changed_lines(EXAMPLE, new) == (["    - 各县（区）卫生健康局、医疗保障局"], [])


def test_a_new_key_goes_where_the_model_orders_it() -> None:
    new = apply_ops(
        EXAMPLE, [{"op": "set", "path": [*S, 1, "items", 0, "deadline"], "value": "2025年9月底前"}]
    )
    lines = new.splitlines()
    at = lines.index("          deadline: 2025年9月底前")
    assert lines[at + 1] == "          items:"  # deadline comes after text and before the children
    assert changed_lines(EXAMPLE, new) == ([], ["          deadline: 2025年9月底前"])


def test_removing_an_optional_field_removes_its_line() -> None:
    new = apply_ops(EXAMPLE, [{"op": "set", "path": ["notice", "note"], "value": None}])
    assert changed_lines(EXAMPLE, new) == (["  note: 联系人：王芳，电话：0571-8765432"], [])


def test_insert_under_a_node_without_children_creates_its_items() -> None:
    new = apply_ops(
        EXAMPLE,
        [{"op": "insert", "path": [*S, 2, "items"], "index": 0, "value": {"heading": "加强组织领导。"}}],
    )
    assert changed_lines(EXAMPLE, new) == ([], ["      items:", "        - heading: 加强组织领导。"])
    assert load_text(new).plan.sections[2].items[0].heading == "加强组织领导。"


def test_delete_takes_the_comments_that_describe_an_item() -> None:
    text = EXAMPLE.replace(
        "        - id: quality-drugs\n", "        # 合理用药\n        - id: quality-drugs\n"
    )
    new = apply_ops(text, [{"op": "delete", "path": [*S, 0, "items", 1]}])
    removed, added = changed_lines(text, new)
    assert added == [] and removed[:2] == ["        # 合理用药", "        - id: quality-drugs"]
    assert "# 合理用药" not in new and new.startswith("# yaml-language-server")


def test_deleting_the_last_child_removes_the_empty_items_key() -> None:
    path = [*S, 1, "items", 0, "items", 0, "items"]
    new = apply_ops(EXAMPLE, [{"op": "delete", "path": [*path, 1]}, {"op": "delete", "path": [*path, 0]}])
    assert "items" not in parse_data(new)["plan"]["sections"][1]["items"][0]["items"][0]
    load_text(new)


def test_move_and_indent_keep_the_moved_lines() -> None:
    # Indent （四） under （三）: its lines move to the dash column of 1. and 2.; nothing else changes.
    new = apply_ops(
        EXAMPLE,
        [{"op": "move", "from": [*S, 1, "items", 1], "path": [*S, 1, "items", 0, "items"], "index": 2}],
    )
    removed, added = changed_lines(EXAMPLE, new)
    assert [line[4:] for line in added] == removed
    assert removed[0] == "        - id: services-payment" and "\n".join(removed) + "\n" in EXAMPLE
    document = load_text(new)
    assert [n.heading for n in document.plan.sections[1].items[0].items][-1] == "推行医保移动支付。"


def test_a_node_cannot_move_into_itself() -> None:
    with pytest.raises(EditError):
        apply_ops(
            EXAMPLE, [{"op": "move", "from": [*S, 1], "path": [*S, 1, "items", 0, "items"], "index": 0}]
        )


def test_a_stale_path_is_refused() -> None:
    with pytest.raises(EditError):
        apply_ops(EXAMPLE, [{"op": "delete", "path": [*S, 9]}])
    with pytest.raises(EditError):
        apply_ops(EXAMPLE, [{"op": "set", "path": [*S, 9, "heading"], "value": "x"}])


# --- properties ---------------------------------------------------------------------------------


def _node_paths(data: dict) -> list[list[int]]:
    out: list[list[int]] = []

    def visit(nodes: list, parent: list[int]) -> None:
        for i, node in enumerate(nodes or []):
            out.append([*parent, i])
            visit(node.get("items") or [], [*parent, i])

    visit(data["plan"].get("sections") or [], [])
    return out


def _yaml_path(path: list[int]) -> list[str | int]:
    out: list[str | int] = ["plan", "sections"]
    for depth, index in enumerate(path):
        if depth:
            out.append("items")
        out.append(index)
    return out


@st.composite
def operations(draw: st.DrawFn, text: str) -> dict:
    data = parse_data(text)
    nodes = _node_paths(data)
    kind = draw(
        st.sampled_from(["heading", "text", "insert", "delete", "move", "notice"] if nodes else ["insert"])
    )
    words = st.text(alphabet=st.sampled_from(list("工作要点：# -'\"，。a1{}[]&")), min_size=1, max_size=12)
    if kind == "insert" or not nodes:
        parent = draw(st.sampled_from([[], *nodes]))
        seq = ["plan", "sections"] if not parent else [*_yaml_path(parent), "items"]
        count = (
            len(data["plan"].get("sections") or [])
            if not parent
            else len(_get(data, _yaml_path(parent)).get("items") or [])
        )
        return {
            "op": "insert",
            "path": seq,
            "index": draw(st.integers(0, count)),
            "value": {"heading": draw(words)},
        }
    if kind == "notice":
        field = draw(
            st.sampled_from(["note", "printer", "title", "recipients", "body", "cc", "date", "copy_number"])
        )
        if field in ("recipients", "body", "cc"):
            value: object = draw(st.lists(words, max_size=4))
        elif field == "date":
            value = draw(st.sampled_from(["2025-03-01", "2025-02-30", "2025年3月1日", "", None]))
        else:
            value = draw(st.one_of(words, st.none(), st.just("000001"), st.just("true")))
        return {"op": "set", "path": ["notice", field], "value": value}
    node = draw(st.sampled_from(nodes))
    if kind == "heading":
        return {"op": "set", "path": [*_yaml_path(node), "heading"], "value": draw(words)}
    if kind == "text":
        return {"op": "set", "path": [*_yaml_path(node), "text"], "value": draw(st.lists(words, max_size=3))}
    if kind == "delete":
        return {"op": "delete", "path": _yaml_path(node)}
    targets = [[]] + [n for n in nodes if n[: len(node)] != node]
    parent = draw(st.sampled_from(targets))
    seq = ["plan", "sections"] if not parent else [*_yaml_path(parent), "items"]
    return {"op": "move", "from": _yaml_path(node), "path": seq, "index": draw(st.integers(0, 3))}


def _get(data: dict, path: list) -> dict:
    for part in path:
        data = data[part]
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_sequence_of_edits_means_what_it_says_and_keeps_comments(data: st.DataObject) -> None:
    """apply_ops checks each splice against the edit applied to the data (it raises otherwise);
    the comment lines that no deleted item carried survive."""
    text = EXAMPLE
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(operations(text))
        try:
            text = apply_ops(text, [op])
        except EditError as exc:
            assert "internal" not in str(exc), (op, exc)
    head = [line for line in EXAMPLE.splitlines() if line.startswith("#")]
    assert text.splitlines()[: len(head)] == head


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_every_bundled_plan_takes_a_heading_edit_on_its_last_node(path) -> None:
    text = path.read_text(encoding="utf-8")
    nodes = _node_paths(parse_data(text))
    new = apply_ops(text, [{"op": "set", "path": [*_yaml_path(nodes[-1]), "heading"], "value": "改过的标题"}])
    removed, added = changed_lines(text, new)
    assert len(added) == 1 and added[0].strip().endswith("改过的标题")
    assert len(removed) <= 1


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(_node_paths(parse_data(EXAMPLE))),
    st.text(alphabet=st.sampled_from(list("工作要点：# -'\"，。a1{}[]&!*|>%@`")), min_size=1, max_size=16),
)
def test_a_heading_edit_changes_one_line_and_reads_back(path: list[int], heading: str) -> None:
    new = apply_ops(EXAMPLE, [{"op": "set", "path": [*_yaml_path(path), "heading"], "value": heading}])
    removed, added = changed_lines(EXAMPLE, new)
    assert len(removed) == 1 and len(added) == 1
    assert removed[0].split("heading:")[0] == added[0].split("heading:")[0]  # same key, same indentation
    node = parse_data(new)["plan"]["sections"][path[0]]
    for index in path[1:]:
        node = node["items"][index]
    assert node["heading"] == heading


def test_a_crlf_file_keeps_its_line_ends() -> None:
    crlf = EXAMPLE.replace("\n", "\r\n")
    new = apply_ops(
        crlf, [{"op": "insert", "path": [*S, 2, "items"], "index": 0, "value": {"heading": "加强组织领导。"}}]
    )
    assert "\r\n      items:\r\n        - heading: 加强组织领导。\r\n" in new
    assert new.count("\n") == new.count("\r\n")


# --- plans as import writes them ------------------------------------------------------------------

# A bare plan (notice: null) whose items have no heading, each written `- text:` on its dash line —
# as `workplan import` writes a service guide or a plan without headed items (dump.py).
IMPORTED = """\
notice: null  # a bare plan: no notice issues it here

plan:
  title: 性别变更更正办理服务指南
  year: 2026
  sections:
    - heading: 办理依据  # 一、
      items:
        - text:  # （一）
            - 《中华人民共和国户口登记条例》
        - text:  # （二）
            - 《山西省常住户口登记管理规定》
"""


def test_a_heading_typed_for_an_item_without_one_stays_in_that_item() -> None:
    """The heading went above the item's dash line — into the item before, or breaking the YAML —
    and the page answered 无法执行此修改：internal: … did not give the intended data."""
    for index in (0, 1):
        op = {"op": "set", "path": [*S, 0, "items", index, "heading"], "value": "法律依据。"}
        new = apply_ops(IMPORTED, [op])
        items = load_text(new, "guide.yaml").plan.sections[0].items
        assert [item.heading for item in items] == ["法律依据。" if i == index else None for i in (0, 1)]
        assert [item.text for item in items] == [
            ["《中华人民共和国户口登记条例》"],
            ["《山西省常住户口登记管理规定》"],
        ]
        removed, added = changed_lines(IMPORTED, new)
        assert removed == [f"        - text:  # （{'一二'[index]}）"]
        assert added == ["        - heading: 法律依据。", f"          text:  # （{'一二'[index]}）"]
    # 不编号 goes in the same way
    new = apply_ops(IMPORTED, [{"op": "set", "path": [*S, 0, "items", 1, "numbered"], "value": False}])
    assert [item.numbered for item in load_text(new, "guide.yaml").plan.sections[0].items] == [True, False]


def test_typing_into_the_notice_of_a_bare_plan_makes_the_notice() -> None:
    """`notice: null` refused every field of the 通知 form: ['notice'] is not a mapping."""
    ops = [
        {"op": "set", "path": ["notice", "title"], "value": "关于印发《性别变更更正办理服务指南》的通知"},
        {"op": "set", "path": ["notice", "recipients"], "value": ["各派出所"]},
    ]
    new = apply_ops(IMPORTED, ops)
    notice = load_text(new, "guide.yaml").notice
    assert notice is not None and notice.recipients == ["各派出所"]
    assert notice.title == "关于印发《性别变更更正办理服务指南》的通知"
    removed, added = changed_lines(IMPORTED, new)
    assert removed == ["notice: null  # a bare plan: no notice issues it here"]
    assert added == [
        "notice:  # a bare plan: no notice issues it here",
        "  title: 关于印发《性别变更更正办理服务指南》的通知",
        "  recipients:",
        "    - 各派出所",
    ]


def test_no_attachments_is_written_as_an_empty_list() -> None:
    """attachments: [] (no 附件说明) — as a block list, or where the key is missing (the default)."""
    new = apply_ops(EXAMPLE, [{"op": "set", "path": ["notice", "attachments"], "value": []}])
    assert load_text(new, "example.yaml").notice.attachments == []
    assert changed_lines(EXAMPLE, new)[1] == ["  attachments: []"]
    wuzhong = next(p for p in plan_files() if p.name == "wuzhong-2019.yaml").read_text(encoding="utf-8")
    new = apply_ops(wuzhong, [{"op": "set", "path": ["notice", "attachments"], "value": []}])
    assert load_text(new, "wuzhong-2019.yaml").notice.attachments == []
