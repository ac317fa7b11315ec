"""Zoning of real layouts: what each part of a notice and its plan is read as, one rule a test.

Small documents written here show one layout each (as the corpus prints it); the real documents
of ``../shared/corpus`` show them in context.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXTERNAL, REPO, SEEDS, SHARED

from generator.model import Appendix, Document, Node, Notice, Plan
from generator.readers import import_file, import_text
from generator.render import render
from generator.view import annex_labels, build_view, notice_title

REAL = SHARED / "corpus" / "real"

PLAN = """2024年工作要点
一、总体要求
（一）加强领导。各单位要高度重视，认真抓好落实，确保各项任务按期完成。
"""


def _real(prefix: str) -> Path:
    (path,) = REAL.glob(f"{prefix}_*")
    return path


def test_bare_plan_keeps_its_label_and_invents_no_title() -> None:
    result = import_file(next(EXTERNAL.glob("01_*.txt")))
    document = result.document
    assert document.notice is None
    assert annex_labels(document)[0] == "附件2"
    printed = str(render(document, "txt"))
    assert printed.startswith("附件2\n2013年农村环境卫生监测工作方案\n")
    assert "关于印发" not in printed and "通知" not in printed.splitlines()[1]
    for fmt in ("md", "html"):
        assert "关于印发" not in str(render(document, fmt))  # type: ignore[arg-type]


def test_attachments_after_the_plan_are_kept_on_their_own() -> None:
    document = import_file(next(EXTERNAL.glob("01_*.txt"))).document
    assert [a.title for a in document.appendices][:2] == [
        "2013年农村环境卫生监测工作任务安排",
        "项目县基本情况调查表",
    ]
    assert annex_labels(document)[1:] == ["附表1", "附表2", "附表3", "附表4", "附表5"]
    # the plan's own sections end where the first 附表 begins: none of them is a plan section
    assert [s.heading for s in document.plan.sections] == ["监测目的", "监测内容和方法", "组织实施"]


def test_appendix_labels_follow_the_plan_label() -> None:
    plan = Plan(
        title="2024年工作要点", year=2024, attachment_label="附件2", sections=[Node(heading="总体要求")]
    )
    document = Document(
        notice=None, plan=plan, appendices=[Appendix(title="任务分工表"), Appendix(title="名单")]
    )
    assert annex_labels(document) == ["附件2", "附件3", "附件4"]
    view = build_view(document)
    assert [a.label for a in view.plan.appendices] == ["附件3", "附件4"]
    assert notice_title(document) == "" and view.notice.title_lines == []


def test_each_appendix_starts_a_page_in_word() -> None:
    import io

    import docx

    plan = Plan(title="2024年工作要点", year=2024, sections=[Node(heading="总体要求")])
    document = Document(plan=plan, appendices=[Appendix(title="任务分工表", text=["一、牵头单位"])])
    word = docx.Document(io.BytesIO(render(document, "docx")))  # type: ignore[arg-type]
    labels = [p for p in word.paragraphs if p.style.name == "WP Annex Label"]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    assert all(p.style.paragraph_format.page_break_before for p in labels)


def test_notice_without_plan_keeps_its_numbered_body() -> None:
    """real/10: a four-issuer notice whose own text is numbered (here as text, same layout)."""
    text = """关于进一步加强个体工商户金融服务的通知
浙银保监发〔2021〕64号
各银保监分局：
为贯彻落实政府工作报告精神，现提出如下要求：
一、完善服务机制
（一）优化融资环境。各银行业金融机构要适当下放授信审批权限，进一步简化信贷流程。
二、创新金融产品
（二）开发贷款产品。各银行业金融机构要结合块状经济特点开发特色金融产品。
中国银保监会浙江监管局  浙江省财政厅
2021年5月12日
"""
    result = import_text(text)
    notice, plan = result.document.notice, result.document.plan
    assert notice is not None and plan.in_notice
    assert notice.body == ["为贯彻落实政府工作报告精神，现提出如下要求："]
    assert notice.signatories == ["中国银保监会浙江监管局", "浙江省财政厅"]
    assert [s.heading for s in plan.sections] == ["完善服务机制", "创新金融产品"]
    assert not result.defects
    printed = str(render(result.document, "txt"))
    assert "附件" not in printed and printed.index("（二）开发") < printed.index("2021年5月12日")


def test_list_straight_under_its_section_is_read_as_written() -> None:
    """real/20: 22.–24. stand directly under 三、 after 1.–21. under （一）…（七）."""
    result = import_file(_real("20"))
    section = result.document.plan.sections[2]
    assert section.heading == "保障措施" and section.child_numbering == "arabic"
    printed = str(render(result.document, "txt")).splitlines()
    at = printed.index("三、保障措施")
    assert [line[:3] for line in printed[at + 1 : at + 4]] == ["22.", "23.", "24."]
    assert not [d for d in result.defects if d.kind in ("skipped_number", "out_of_order", "duplicate_number")]


def test_lists_of_two_articles_are_two_lists() -> None:
    """real/22: rules in 第X条 with a （一） list in two articles — no false out_of_order."""
    result = import_file(_real("22"))
    assert not [d for d in result.defects if d.kind not in ("garbage", "halfwidth_punctuation")]
    articles = [s for s in result.document.plan.sections if s.items]
    assert [len(a.items) for a in articles] == [4, 13]


def test_doc_number_in_brackets_under_the_title_and_database_lines() -> None:
    """real/18: 【法宝引证码】/原文链接 and the database's copy of the title are dropped (reported),
    the 文号 in brackets under the title is read, and 主送 follows."""
    result = import_file(_real("18"))
    notice = result.document.notice
    assert notice is not None
    assert str(notice.doc_number.prefix if notice.doc_number else "") == "皖政办秘"
    assert notice.recipients == ["各市人民政府", "省政府各部门", "各直属机构"]
    assert [d.line for d in result.defects if d.kind == "garbage"] == [1, 2, 3]
    assert [a.title for a in result.document.appendices] == [
        "安徽省工业互联网创新发展行动计划（2021-2023年）",
        "省推进工业互联网创新发展专项工作组名单",
    ]


# Read in each file: the title (twice, the database's copy first), then the 文号 on its own line —
# in （） in 18 and 20, bare in 19, 21 and 22 — then the 主送; no 发文机关标志 anywhere.
UNDER_TITLE = {
    "18": ("（皖政办秘〔2021〕82号）", "under_title_bracketed"),
    "19": ("包府办发〔2022〕43号", "under_title"),
    "20": ("（皖开放办〔2022〕6号）", "under_title_bracketed"),
    "21": ("京经信发〔2022〕87号", "under_title"),
    "22": ("阿府办发〔2021〕21号", "under_title"),
}


@pytest.mark.parametrize("prefix", sorted(UNDER_TITLE))
def test_doc_number_under_the_title_prints_back_under_it(prefix: str) -> None:
    """A notice without 版头 that prints its 文号 under the title keeps it there (the model's
    ``doc_number_place``): rendered, the line after the title is the 文号 as written, and the 主送
    follows — the source's order, not the 版头's."""
    document = import_file(_real(prefix)).document
    notice = document.notice
    assert notice is not None and notice.issuers == []
    printed, place = UNDER_TITLE[prefix]
    assert notice.doc_number_place == place
    lines = [line for line in str(render(document, "txt")).splitlines() if line]
    title_lines = notice_title(document).split("\n")
    assert lines[: len(title_lines) + 1] == [*title_lines, printed]
    assert lines[len(title_lines) + 1] == "，".join(notice.recipients) + "："


def test_a_red_header_prints_the_doc_number_under_the_issuers() -> None:
    """GB/T 9704 §7.2.4: with a 发文机关标志 the 文号 stands under it, above the title, in every
    writer, wherever the file asks for it."""
    document = import_file(_real("18")).document
    assert document.notice is not None
    document.notice.issuers = ["安徽省人民政府办公厅"]
    view = build_view(document)
    assert view.notice.doc_number_under_title == "" and view.notice.number_line == "皖政办秘〔2021〕82号"
    lines = [line for line in str(render(document, "txt")).splitlines() if line]
    assert lines[:2] == ["安徽省人民政府办公厅文件", "皖政办秘〔2021〕82号"]
    html = str(render(document, "html"))
    assert '<p class="doc-number-under-title">' not in html
    assert '<span class="doc-number">皖政办秘〔2021〕82号' in html


def test_doc_number_under_the_title_in_every_writer() -> None:
    document = import_file(_real("20")).document
    md = str(render(document, "md"))
    assert "的通知\n\n（皖开放办〔2022〕6号）\n" in md
    html = str(render(document, "html"))
    assert '</h1>\n<p class="doc-number-under-title">（皖开放办〔2022〕6号）</p>' in html
    assert '<span class="doc-number">' not in html


def test_a_doc_number_without_issuers_is_printed_by_every_writer() -> None:
    """real/04's article opens with its 文号 (京政农函〔2025〕9号, centred) above the 主送 and
    prints no 发文机关标志: the 文号 keeps its place above the title in every writer (the web page
    writer printed it only inside a 发文机关标志's 版头)."""
    document = import_file(_real("04")).document
    assert document.notice is not None and document.notice.issuers == []
    assert document.notice.doc_number_place == "header"
    for fmt in ("txt", "md", "html"):
        printed = str(render(document, fmt))
        assert printed.index("京政农函〔2025〕9号") < printed.index("各相关区人民政府"), fmt


def test_a_notice_printed_without_a_title_gets_none_invented() -> None:
    """seeds/001 opens with its 主送 (各县区卫健委、社会事业局,委属各医疗机构:) — no 版头, no title —
    and issues 2022年连云港市医政医管工作要点: the notice's title is '' and no 关于印发《…》的通知
    is printed in any writer."""
    document = import_file(SEEDS / "001_958536be37686331.txt").document
    assert document.notice is not None and document.notice.title == ""
    assert notice_title(document) == "" and build_view(document).notice.title_lines == []
    lines = [line for line in str(render(document, "txt")).splitlines() if line]
    assert lines[0] == "各县区卫健委、社会事业局，委属各医疗机构："
    for fmt in ("txt", "md", "html"):
        assert "关于印发" not in str(render(document, fmt)), fmt


def test_marks_at_the_top_are_never_issuers() -> None:
    text = """000123
秘密★1年
特
急
依申请公开
云溪市卫生健康委员会文件
云卫发〔2024〕 37 号
关于印发《2024年工作要点》的通知
各单位：
现将《2024年工作要点》印发给你们。
云溪市卫生健康委员会
2024年 4月 20 日
""" + PLAN.replace("2024年工作要点\n", "2024年工作要点\n", 1)
    notice = import_text(text).document.notice
    assert notice is not None
    assert (notice.copy_number, notice.classification, notice.secrecy_period) == ("000123", "秘密", "1年")
    assert notice.urgency == "特急" and notice.issuers == ["云溪市卫生健康委员会"]
    assert notice.note == "依申请公开"  # a 公开属性 mark, printed as a 附注
    assert notice.doc_number is not None and notice.doc_number.serial == 37
    assert notice.date == dt.date(2024, 4, 20)


def test_wrapped_attachment_names_are_not_signatories() -> None:
    """real/09: 附件说明 names wrapped mid-name (（2020 / 年）), joint 署名 on one line."""
    text = """关于全面推进改革工作的通知
浙银保监发〔2020〕172号
各银保监分局：
现将工作方案和指导目录印发给大家，请认真抓好贯彻落实。
附件：1.浙江辖内银行保险机构改革工作方案
2.浙江辖内银行机构改革指导目录（2020
年）
中国银保监会浙江监管局           浙江省司法厅
2020年8月17日
附件1
浙江辖内银行保险机构改革工作方案
一、指导思想
坚持以人民为中心的发展理念，切实方便群众和企业办事创业，优化营商环境。
"""
    document = import_text(text).document
    assert document.notice is not None
    assert document.notice.attachments is not None
    assert document.notice.attachments[1] == "浙江辖内银行机构改革指导目录（2020年）"
    assert document.notice.signatories == ["中国银保监会浙江监管局", "浙江省司法厅"]


def test_halfwidth_marks_named_with_column() -> None:
    result = import_text(PLAN.replace("认真抓好落实，", "认真抓好落实,"))
    (defect,) = [d for d in result.defects if d.kind == "halfwidth_punctuation"]
    assert defect.line == 3
    assert "',' at column" in defect.message and "write ，" in defect.message
    column = int(defect.message.split("at column ")[1].split()[0])
    assert "（一）加强领导。各单位要高度重视，认真抓好落实,确保"[column - 1] == ","


def test_scheme_changed_mid_list_is_reported() -> None:
    result = import_text(
        PLAN + "（二）完善制度。建立健全工作制度，落实责任。\n3.强化督查。定期开展督查，通报进展情况。\n"
    )
    (defect,) = [d for d in result.defects if d.kind == "scheme_change"]
    assert defect.line == 5 and "（三）" in defect.message
    assert len(result.document.plan.sections[0].items) == 3


def test_no_false_defects_on_correct_corpus_documents() -> None:
    """Documents that number correctly report no numbering defect."""
    kinds = ("duplicate_number", "skipped_number", "out_of_order", "unnumbered_heading", "scheme_change")
    for path in [*(REAL.glob("1[89]_*.txt")), *REAL.glob("2[0-2]_*.txt"), *EXTERNAL.glob("0[234]_*.txt")]:
        found = [d for d in import_file(path).defects if d.kind in kinds]
        assert not found, f"{path.name}: {found}"


def test_notice_none_round_trips_through_yaml() -> None:
    from generator.dump import dump_document
    from generator.load import load_text

    document = Document(
        notice=None,
        plan=Plan(
            title="2024年工作要点", year=2024, attachment_label="附件2", sections=[Node(heading="总体要求")]
        ),
        appendices=[Appendix(title="任务分工表", text=["一、牵头单位"])],
    )
    text = dump_document(document)
    assert "notice: null" in text
    assert load_text(text) == document
    assert Notice() == Document(plan=document.plan).notice  # a plan file without `notice:` still has one


def test_recipients_over_two_lines() -> None:
    text = (
        """关于印发《2024年工作要点》的通知
各区卫生健康局、财政局、人力资源社会保障局，市医保中心，
各有关医疗卫生单位：
现将《2024年工作要点》印发给你们，请认真贯彻落实。
云溪市卫生健康委员会
2024年4月20日
"""
        + PLAN
    )
    notice = import_text(text).document.notice
    assert notice is not None
    assert notice.recipients == [
        "各区卫生健康局、财政局、人力资源社会保障局",
        "市医保中心",
        "各有关医疗卫生单位",
    ]
    assert notice.body == ["现将《2024年工作要点》印发给你们，请认真贯彻落实。"]


def test_a_title_whose_last_line_is_only_its_ending_goes_on() -> None:
    """A title broken as 关于印发…年 / …工作要点 / 的通知: the second line ends as a title may
    (要点), but the third is its end; the 主送 after it stays the 主送."""
    text = (
        """某某县卫生健康局文件
某县卫〔2023〕5号
关于印发某某县2023年
卫生健康工作要点
的通知
各乡镇卫生院，县直各医疗卫生单位：
现将《2024年工作要点》印发给你们，请认真抓好落实。
某某县卫生健康局
二〇二三年二月十日
"""
        + PLAN
    )
    notice = import_text(text).document.notice
    assert notice is not None
    assert notice.title == "关于印发某某县2023年\n卫生健康工作要点\n的通知"
    assert notice.recipients == ["各乡镇卫生院", "县直各医疗卫生单位"]
    assert notice.body == ["现将《2024年工作要点》印发给你们，请认真抓好落实。"]
    assert notice.date == dt.date(2023, 2, 10)


def test_page_numbers_of_copied_text_are_removed_and_reported() -> None:
    """Text copied from a PDF or a printout keeps its page numbers: — 1 —, -2-, 第3页 共5页."""
    text = (
        "关于印发《2024年工作要点》的通知\n各单位：\n现将《2024年工作要点》印发给你们。\n"
        "云溪市卫生健康委员会\n2024年4月20日\n— 1 —\n"
        + PLAN
        + "-2-\n（二）加强督导。定期通报进展。\n第 3 页 共 5 页\n第4页/共5页\n"
    )
    result = import_text(text)
    chrome = [d for d in result.defects if d.kind == "removed_page_chrome"]
    assert [d.line for d in chrome] == [6, 10, 12, 13]
    printed = str(render(result.document, "txt"))
    assert "页" not in printed and "— 1 —" not in printed and "-2-" not in printed
    assert "（二）加强督导。定期通报进展。" in printed


def test_doc_number_in_small_and_lenticular_brackets() -> None:
    for opening, closing in (("﹝", "﹞"), ("〖", "〗"), ("【", "】"), ("[", "]")):
        text = f"云溪市卫生健康委员会文件\n云卫发{opening}2024{closing}37号\n" + (
            "关于印发《2024年工作要点》的通知\n各单位：\n现将《2024年工作要点》印发给你们。\n"
            "云溪市卫生健康委员会\n2024年4月20日\n" + PLAN
        )
        notice = import_text(text).document.notice
        assert notice is not None and notice.doc_number is not None, opening
        assert (notice.doc_number.prefix, notice.doc_number.year, notice.doc_number.serial) == (
            "云卫发",
            2024,
            37,
        )


def test_a_level_numbered_two_ways_keeps_both() -> None:
    """1. under one （二）, ① under another （一）: the level takes one scheme, the other list keeps
    its own (child_numbering) — the plan prints what the source printed."""
    text = """某区2024年卫生健康工作要点
一、深化医改
（一）推进医联体建设。
（二）深化公立医院改革。
1.推进薪酬制度改革。
（1）完善绩效考核。
2.加强医院运营管理。
二、强化公共卫生
（一）提升疾控能力。
①加强实验室建设；
②完善监测预警。
"""
    result = import_text(text)
    printed = str(render(result.document, "txt"))
    for line in ("1.推进薪酬制度改革。", "（1）完善绩效考核。", "2.加强医院运营管理。", "①加强实验室建设；"):
        assert f"\n{line}\n" in printed, line
    assert not [d for d in result.defects if d.kind != "removed_page_chrome"]


def test_a_level_takes_the_scheme_most_of_its_lists_print() -> None:
    """Two sections number their items （1）, the last one 1、: the level's scheme is （1） (two
    lists against one) and the last section keeps its 1、 as its own (child_numbering) — not the
    scheme read last, which made the other two the exceptions."""
    text = """某区2024年卫生健康工作要点
一、深化医改
（1）推进医联体建设。
（2）深化公立医院改革。
二、强化公共卫生
（1）提升疾控能力。
（2）完善监测预警。
三、加强基层卫生
1、推进乡村一体化。
2、加强家庭医生签约。
"""
    plan = import_text(text).document.plan
    assert plan.numbering.levels[:2] == ["chinese", "arabic_paren"]
    assert [s.child_numbering for s in plan.sections] == [None, None, "arabic_comma"]


def test_a_level_under_a_list_numbered_otherwise_is_kept() -> None:
    """三、 numbers its items 1. where the others have （一）, and its 2. has 1、 items of its own:
    those stay the level below (the plan's third level is 1、), not a fourth level taken for a
    list straight under its parent."""
    text = """某区2024年卫生健康工作要点
一、深化医改
（一）推进医联体建设。
二、强化公共卫生
（一）提升疾控能力。
三、加强基层卫生
1.推进乡村一体化。
2.加强家庭医生签约。
1、扩大签约覆盖面。
2、提高签约服务质量。
四、保障措施
（一）加强组织领导。
"""
    result = import_text(text)
    plan = result.document.plan
    assert plan.numbering.levels[:3] == ["chinese", "chinese_paren", "arabic_comma"]
    third = plan.sections[2]
    assert third.child_numbering == "arabic"
    assert [item.heading for item in third.items[1].items] == ["扩大签约覆盖面。", "提高签约服务质量。"]
    assert third.items[1].child_numbering is None
    printed = str(render(result.document, "txt"))
    assert "\n2.加强家庭医生签约。\n1、扩大签约覆盖面。\n" in printed


def test_an_unnumbered_section_whose_items_follow_a_paragraph_elsewhere() -> None:
    """The level below 一、 is told by the first label after a section, its paragraphs between
    (二、 opens with a paragraph before its 1.): 重点工作 without a number, followed by 1., is a
    section heading, not a line of 二、's last item."""
    text = """某区2024年卫生健康工作要点
一、深化医改
（一）推进医联体建设。
二、强化公共卫生
坚持预防为主，完善公共卫生体系。
1.提升疾控能力。
2.完善监测预警。
重点工作
1.推进乡村一体化。
2.加强家庭医生签约。
三、保障措施
（一）加强组织领导。
"""
    plan = import_text(text).document.plan
    assert [s.heading for s in plan.sections] == ["深化医改", "强化公共卫生", "重点工作", "保障措施"]
    assert [s.numbered for s in plan.sections] == [True, True, False, True]
    assert [item.heading for item in plan.sections[2].items] == ["推进乡村一体化。", "加强家庭医生签约。"]


def test_one_character_labels_of_old_word_files() -> None:
    """⑴ ⑵ and ⒈ ⒉ (one character each, as older Word documents type them) are the （1） and 1.
    schemes: items of their level, printed in the standard's form and reported, not text."""
    text = """某区2024年卫生健康工作要点
一、深化医改
（一）推进医联体建设。
⑴完善紧密型医联体。
⑵推进县域医共体。
（二）深化公立医院改革。
⒈推进薪酬改革。
⒉加强运营管理。
"""
    result = import_text(text)
    first, second = result.document.plan.sections[0].items
    assert [item.heading for item in first.items] == ["完善紧密型医联体。", "推进县域医共体。"]
    assert [item.heading for item in second.items] == ["推进薪酬改革。", "加强运营管理。"]
    printed = str(render(result.document, "txt"))
    assert "\n（1）完善紧密型医联体。\n（2）推进县域医共体。\n" in printed
    assert "\n1.推进薪酬改革。\n2.加强运营管理。\n" in printed
    assert [d.kind for d in result.defects] == ["enclosed_label"] * 4


def test_attachment_names_under_a_bare_label_and_a_printer_over_two_lines() -> None:
    """附件： alone on its line with 1.2024年… 2.2024年… under it (a year right after the label's
    dot), and the 印发 line set as 印发机关 / 2024年2月29日印发."""
    text = """某某省卫生健康委员会办公室文件
某卫办医政函〔2024〕88号
某某省卫生健康委员会办公室关于印发2024年全省医政工作要点的通知
各设区市卫生健康委，委属（管）各医疗机构：
现将《2024年全省医政工作要点》印发给你们，请认真抓好落实。
附件：
1.2024年全省医政工作要点
2.2024年全省医政重点工作任务清单
某某省卫生健康委员会办公室
2024年2月29日
附件1
2024年全省医政工作要点
一、提升医疗服务能力
（一）加快国家区域医疗中心建设。
附件2
2024年全省医政重点工作任务清单
1.建设国家区域医疗中心2个。
抄送：国家卫生健康委医政司，省政府办公厅。
某某省卫生健康委员会办公室
2024年2月29日印发
"""
    document = import_text(text).document
    notice = document.notice
    assert notice is not None
    assert notice.signatories == ["某某省卫生健康委员会办公室"]
    assert notice.date == dt.date(2024, 2, 29)
    assert notice.cc == ["国家卫生健康委医政司", "省政府办公厅"]
    assert (notice.printer, notice.print_date) == ("某某省卫生健康委员会办公室", dt.date(2024, 2, 29))
    assert document.plan.title == "2024年全省医政工作要点"
    assert [a.title for a in document.appendices] == ["2024年全省医政重点工作任务清单"]
    assert "".join(build_view(document).notice.attachments) == (
        "附件：1.2024年全省医政工作要点2.2024年全省医政重点工作任务清单"
    )


def test_a_bold_run_in_heading_leaves_no_space_before_its_text() -> None:
    """Markdown's **（一）深化医改。** 推进…: the space after the bold heading is no text."""
    source = "2024年工作要点\n\n一、重点任务\n\n**（一）深化医改。** 推进紧密型医联体建设。\n"
    document = import_text(source).document
    (item,) = document.plan.sections[0].items
    assert (item.heading, item.text) == ("深化医改。", ["推进紧密型医联体建设。"])


def test_seal_placeholders_under_joint_names_are_no_signatories() -> None:
    """An electronic copy prints （盖章） where each seal goes: the notice is sealed, the marks
    are no 署名."""
    text = (
        "关于印发《2024年工作要点》的通知\n各区人民政府：\n现将《2024年工作要点》印发给你们。\n"
        "某某市卫生健康委员会　　　　某某市爱国卫生运动委员会办公室\n（盖章）　　　　（盖章）\n"
        "2024年5月6日\n" + PLAN
    )
    notice = import_text(text).document.notice
    assert notice is not None
    assert notice.signatories == ["某某市卫生健康委员会", "某某市爱国卫生运动委员会办公室"]
    assert notice.sealed and notice.date == dt.date(2024, 5, 6)


def test_signer_on_a_line_of_its_own_after_the_doc_number() -> None:
    """A 上行文 whose 文号 and 签发人 stand in two cells of one table row (read as two lines)."""
    text = (
        "某某市卫生健康委员会文件\n某卫发〔2024〕9号\n签发人：张三\n"
        "关于报送《2024年工作要点》的报告\n市人民政府：\n现将《2024年工作要点》报送给你们。\n"
        "某某市卫生健康委员会\n2024年3月5日\n" + PLAN
    )
    notice = import_text(text).document.notice
    assert notice is not None
    assert notice.signers == ["张三"]
    assert notice.title == "关于报送《2024年工作要点》的报告"
    assert notice.recipients == ["市人民政府"]


def test_a_version_of_which_only_the_imprint_is_left_gets_no_invented_notice() -> None:
    """corpus_extra/02: four 临床路径 kept without their notice, the 版记 still under them. The
    版记 is kept; no 关于印发《…》的通知 and no empty notice page are printed for it."""
    (path,) = (REPO / "tests" / "corpus_extra").glob("02_*")
    document = import_file(path).document
    assert document.notice is not None and document.notice.printer == "卫生部办公厅"
    assert notice_title(document) == ""
    printed = str(render(document, "txt"))
    assert "关于印发" not in printed and "通知" not in printed.splitlines()[0]
    assert printed.startswith(document.plan.title)
    assert printed.rstrip().endswith("卫生部办公厅　　2009年9月21日印发")


def test_a_cc_line_without_its_full_stop_keeps_the_print_date_apart() -> None:
    text = (
        "关于印发《2024年工作要点》的通知\n各单位：\n现将《2024年工作要点》印发给你们。\n某局\n2024年3月5日\n"
        + PLAN
        + "抄送：市委办公室，市政府办公室\n2024年2月29日印发\n"
    )
    notice = import_text(text).document.notice
    assert notice is not None
    assert notice.cc == ["市委办公室", "市政府办公室"]
    assert notice.print_date == dt.date(2024, 2, 29)


def test_parts_of_one_labelled_attachment_are_not_split_into_two() -> None:
    """附件2 holds 基本指标 and 加分指标, each with sections from 一、: one attachment."""
    text = "某局2024年工作要点\n一、总体要求\n（一）加强领导。\n二、重点任务\n（一）推进改革。\n" + (
        "附件2\n2024年度医院考核评分标准\n基本指标\n一、医疗质量\n（一）质控。\n二、安全\n（一）安全生产。\n"
        "加分指标\n一、科研\n（一）论文。\n二、教学\n（一）带教。\n"
    )
    (appendix,) = import_text(text).document.appendices
    assert appendix.title == "2024年度医院考核评分标准"
    assert "加分指标" in appendix.text


def test_a_print_run_line_in_the_imprint_is_left_out_and_said() -> None:
    text = (
        "关于印发《2024年工作要点》的通知\n各单位：\n现将《2024年工作要点》印发给你们。\n某局\n2024年3月5日\n"
        + PLAN
        + "抄送：市委办公室，市政府办公室，\n（共印50份）\n某局办公室 2024年2月29日印发\n"
    )
    result = import_text(text)
    notice = result.document.notice
    assert notice is not None and notice.cc == ["市委办公室", "市政府办公室"]
    assert notice.printer == "某局办公室"
    assert [d.kind for d in result.defects] == ["removed_page_chrome"]
    assert "共印50份" not in str(render(result.document, "txt"))


def test_a_plan_in_parts_keeps_its_parts_and_is_not_cut_at_the_second() -> None:
    """第一部分 总体要求 … 第二部分 重点任务 一、…: the parts are unnumbered headings of the plan
    (printed as they stand); the plan is not taken to start at 第二部分 with part one as a notice."""
    text = (
        "2024年工作要点\n第一部分 总体要求\n坚持以人民为中心。\n第二部分 重点任务\n"
        "一、深化改革\n（一）推进医联体。\n二、强化公卫\n（一）完善疾控。\n"
        "第三部分 保障措施\n加强组织领导。\n"
    )
    document = import_text(text).document
    assert document.notice is None
    assert (document.plan.title, document.plan.year) == ("2024年工作要点", 2024)
    sections = document.plan.sections
    assert [s.heading for s in sections] == [
        "第一部分 总体要求",
        "第二部分 重点任务",
        "深化改革",
        "强化公卫",
        "第三部分 保障措施",
    ]
    assert [s.numbered for s in sections] == [False, False, True, True, False]
    printed = str(render(document, "txt"))
    assert "一、深化改革\n（一）推进医联体。\n二、强化公卫" in printed
