"""The bundled plans load into the model and carry the structure of their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, PLANS, plan_files

from generator.dump import dump_document, field_comment
from generator.load import load_document
from generator.model import Document, Notice
from generator.model_tools import field_specs
from generator.numbering import number_plan, walk
from generator.render import render
from generator.starter import starter_plan
from generator.view import attachment_names, notice_title


def plan(name: str) -> Document:
    return load_document(PLANS / name)


def section_labels(document: Document) -> list[str]:
    return [entry.label for entry in number_plan(document.plan)]


def item_labels(document: Document) -> list[list[str]]:
    """Labels of the level-2 nodes, grouped by section."""
    return [[child.label for child in entry.children] for entry in number_plan(document.plan)]


def test_the_five_seeds_and_the_example_are_there() -> None:
    names = sorted(path.name for path in plan_files())
    assert names == [
        "example.yaml",
        "lianyungang-2022.yaml",
        "shanghai-songjiang-2024.yaml",
        "suixi-2021.yaml",
        "suzhou-wuzhong-2021.yaml",
        "wuzhong-2019.yaml",
    ]


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_plan_loads(path: Path) -> None:
    document = load_document(path)
    assert document.plan.sections
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../templates/workplan.schema.json\n"
    )


def test_003_sections_are_numbered_in_order() -> None:
    document = plan("wuzhong-2019.yaml")
    assert section_labels(document) == [
        "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、",
    ]  # fmt: skip
    headings = {entry.label: entry.node.heading for entry in number_plan(document.plan)}
    # the source prints 二、 twice, these four headings without a number, and jumps to 八、
    assert headings["三、"] == "大力推进“互联网+医疗健康”发展"
    assert headings["六、"] == "提高医疗质量和服务水平"
    assert headings["七、"] == "提升医疗安全保障水平"
    assert headings["八、"] == "强化公共卫生服务工作"
    assert headings["九、"] == "全面优化人口环境"
    assert headings["十一、"] == "加强政风行风建设，推动工作有效落实"
    items = [label for group in item_labels(document) for label in group]
    assert items[0] == "（一）" and items[-1] == "（四十二）" and len(items) == 42


def test_002_numbers_items_straight_through() -> None:
    groups = item_labels(plan("shanghai-songjiang-2024.yaml"))
    assert [label for group in groups for label in group] == [f"{n}." for n in range(1, 16)]
    assert groups[1][0] == "5."  # section 二、 goes on from section 一、's 4.


def test_004_restarts_items_in_every_section() -> None:
    document = plan("suixi-2021.yaml")
    groups = item_labels(document)
    assert groups[0] == []  # section 一、 is one paragraph and no items
    assert document.plan.sections[0].text
    assert all(group[0] == "（一）" for group in groups[1:])
    assert [len(group) for group in groups] == [0, 2, 3, 4, 5, 6, 7]
    assert document.plan.sections[0].heading == "筑牢“一道防线”，推进常态化疫情防控向纵深发展"


def test_004_inline_points_print_as_the_source_writes_them() -> None:
    document = plan("suixi-2021.yaml")
    item = document.plan.sections[6].items[5]
    assert item.heading == "突出抓好7个专项活动、行动。"
    assert len(item.points) == 7
    assert item.text[0].startswith("七项活动要")
    assert "六是开展开展党史学习教育活动。七是在全县卫健系统" in render(document, "txt")


def test_continuous_items_in_000_001_003() -> None:
    for name, count in [
        ("suzhou-wuzhong-2021.yaml", 36),
        ("lianyungang-2022.yaml", 34),
        ("wuzhong-2019.yaml", 42),
    ]:
        entries = [e for e in walk(number_plan(plan(name).plan)) if e.level == 2]
        assert [e.ordinal for e in entries] == list(range(1, count + 1)), name


def test_notice_title_is_derived_unless_the_source_differs() -> None:
    wuzhong = plan("suzhou-wuzhong-2021.yaml")
    assert wuzhong.notice.title is None
    assert notice_title(wuzhong) == "关于印发《2021年吴中区医政工作要点》的通知"
    songjiang = plan("shanghai-songjiang-2024.yaml")
    assert songjiang.notice.title == "关于印发2024年上海市松江区医政管理工作要点的通知"


def test_run_in_headings_keep_their_full_stop() -> None:
    item = plan("suzhou-wuzhong-2021.yaml").plan.sections[0].items[0]
    assert item.heading == "提升常态化疫情防控能力。"
    assert item.text[0].startswith("规范落实预检分诊")


def test_recipients_and_attachments_of_the_seeds() -> None:
    assert plan("suzhou-wuzhong-2021.yaml").notice.recipients == [
        "各医院、乡镇卫生院（社区卫生服务中心）",
        "委属各单位",
    ]
    assert plan("suzhou-wuzhong-2021.yaml").notice.attachments == []
    wuzhong = plan("wuzhong-2019.yaml")
    assert wuzhong.notice.attachments is None  # 附件说明 names the plan: the default
    assert attachment_names(wuzhong) == ["吴忠市2019年卫生健康工作要点"]


def test_example_uses_every_element() -> None:
    document = load_document(EXAMPLES / "example.yaml")
    n = document.notice
    assert n.copy_number and n.classification and n.secrecy_period and n.urgency
    assert len(n.issuers) == 2 and len(n.signatories) == 2
    assert n.signers and n.doc_number is not None
    assert attachment_names(document)[0] == document.plan.title and len(attachment_names(document)) == 2
    assert n.note and n.cc and n.printer and n.print_date
    entries = list(walk(number_plan(document.plan)))
    assert max(entry.level for entry in entries) == 4
    assert {entry.label for entry in entries} >= {"一、", "（一）", "1.", "（1）"}
    nodes = document.plan.nodes()
    assert any(node.points for node in nodes)
    assert any(node.lead and node.owners and node.deadline and node.targets for node in nodes)
    assert any(node.id for node in nodes) and any(node.status for node in nodes)
    assert any(not node.numbered for node in nodes)


def test_example_prints_hostile_text_literally() -> None:
    text = render(load_document(EXAMPLES / "example.yaml"), "txt")
    for literal in ["{{ x }}", "{% if %}", "医疗&医保", "<b>加粗</b>", "甪直", "𠀀"]:
        assert literal in text


def _notice_key_comments(yaml_text: str) -> dict[str, str]:
    """Each key of the ``notice:`` block (set or commented out) → the comment beside it."""
    block = yaml_text.split("\nnotice:", 1)[1].split("\n\n", 1)[0]
    found = re.findall(r"^  (?:# )?(\w+):[^#\n]*#\s*(.*)$", block, flags=re.MULTILINE)
    return dict(found)


def test_yaml_writers_gloss_keys_with_the_model_descriptions() -> None:
    """One glossary: `workplan new` and `workplan import` comment each notice key with the
    model's description (also shown by editors through the JSON Schema)."""
    starter = _notice_key_comments(starter_plan("甲", 2025))
    dumped = _notice_key_comments(dump_document(load_document(EXAMPLES / "example.yaml")))
    assert set(starter) == set(field_specs(Notice))
    assert len(dumped) >= 15  # the example sets nearly every notice field
    for name, info in field_specs(Notice).items():
        assert info.description and field_comment(Notice, name).startswith(info.description), name
        assert starter[name].startswith(field_comment(Notice, name)), name
        assert dumped.get(name, field_comment(Notice, name)) == field_comment(Notice, name), name
    assert field_comment(Notice, "urgency") == "紧急程度: 特急 | 加急 | 特提 | 平急"  # the choices
