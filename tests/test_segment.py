"""Segmentation: header fields, the narrative, and the 附件N blocks with their tables."""
from __future__ import annotations

import pytest

from extract.layout.segment import campaign_from_title, parse_header, segment
from extract.model import Document, Grid, GridCell, TextLine
from extract.settings.rules import load_rules


def lines(*texts: str, page: int = 1) -> list[TextLine]:
    return [TextLine(t, page, f"第{page}页") for t in texts]


def grid(page: int) -> Grid:
    row = [GridCell("序号", (0, 0), page), GridCell("目标任务", (0, 1), page)]
    return Grid(rows=[row], row_pages=[(page, page)], row_locators=[f"第{page}页"])


@pytest.mark.parametrize("title, campaign", [
    ("凤凰县打好经济增长主动仗重要指标监测表", "打好经济增长主动仗"),
    ("凤凰县打好重点民生保障仗重要指标监测表（1）", "打好重点民生保障仗"),
    ("凤凰县打好重点民生保障仗重要指标监测表(1)", "打好重点民生保障仗"),
    ("保靖县稳住经济运行基本盘重要指标监测表", "稳住经济运行基本盘"),
    ("湘西州打好 科技创新攻坚仗 指标监测表", "打好科技创新攻坚仗"),
])
def test_campaign_from_title(title, campaign, rules):
    assert campaign_from_title(title, rules.document) == campaign


@pytest.mark.parametrize("number", ["凤政督函〔2023〕13号", "凤政督函[2023]13号", "泸政督函（2023）7号", "吉政督函 〔2024〕 2号", "湘政督办〔2024〕第15号"])
def test_header_doc_number_variants(number, rules):
    header, start = parse_header(lines("凤凰县人民政府督查室", number, "凤凰县打好“发展六仗”工作情况", "专报",
                                       "近期，县政府督查室对全县工作进行专项调度。"), rules.document)
    assert header.issuer == "凤凰县人民政府督查室"
    assert header.doc_number.replace(" ", "") == number.replace(" ", "")
    assert header.title == "凤凰县打好“发展六仗”工作情况专报"      # a title wrapped over two lines
    assert start == 4


def test_annex_list_is_narrative_and_annex_blocks_carry_their_tables(rules):
    blocks = [
        *lines("凤凰县人民政府督查室", "凤政督函〔2023〕13号", "凤凰县工作情况专报", "一、工作进展情况",
               "附件：1. 凤凰县打好经济增长主动仗重要指标监测表", "2. 凤凰县打好科技创新攻坚仗重要指标监测表",
               "- 3 -", "2023年5月12日"),
        *lines("附件1：", "凤凰县打好经济增长主动仗重要指标监测表", "填报单位：县发改局 填报人：刘检华", page=2),
        grid(2), grid(3),
        *lines("附件2：凤凰县打好科技创新攻坚仗重要指标监测表", page=4),
        grid(4),
        *lines("州重点民生实事项目", page=4),
        grid(5),
    ]
    parts = segment(Document("x.pdf", "pdf", 5, blocks), rules)
    assert parts.header.date == "2023年5月12日"
    assert [l.text for l in parts.narrative][-3:] == ["附件：1. 凤凰县打好经济增长主动仗重要指标监测表",
                                                      "2. 凤凰县打好科技创新攻坚仗重要指标监测表", "2023年5月12日"]
    one, two = parts.annexes
    assert (one.no, one.campaign, one.title) == (1, "打好经济增长主动仗", "凤凰县打好经济增长主动仗重要指标监测表")
    assert one.captions == []                  # the 填报单位 line is neither title nor caption
    assert len(one.fragments) == 2 and one.text_around[0] == (True, False) and one.text_around[1] == (False, False)
    assert (two.no, two.title) == (2, "凤凰县打好科技创新攻坚仗重要指标监测表")
    assert two.captions == [(1, "州重点民生实事项目")]      # text between two tables names the next one
    assert "- 3 -" not in [l.text for l in parts.narrative]   # page numbers are noise


def test_a_caption_before_an_annexs_first_table_names_it_and_stays_out_of_the_title(rules):
    blocks = [*lines("凤凰县人民政府督查室", "凤政督函〔2023〕13号", "凤凰县工作情况专报", "一、工作进展情况"),
              *lines("附件5：", "枫林县民生实事攻坚行动监测表", "填报单位：县住建局 填报人：李红梅", "省重点民生实事项目",
                     page=2),
              grid(2), *lines("市重点民生实事项目", page=3), grid(3)]
    [annex] = segment(Document("x.pdf", "pdf", 3, blocks), rules).annexes
    assert annex.campaign == "民生实事攻坚行动" and annex.title == "枫林县民生实事攻坚行动监测表"
    assert annex.captions == [(0, "省重点民生实事项目"), (1, "市重点民生实事项目")]


def test_a_document_without_annex_tables_has_no_annexes(rules):
    parts = segment(Document("m.docx", "docx", 0, lines("会议纪要", "附件1：", "参会人员名单")), rules)
    assert parts.annexes == []


def test_another_countys_annex_wording_is_a_rules_edit(rules, tmp_path):
    """A county titling its annexes "…重点工作推进表" with campaigns "抓好…": add the words to rules."""
    title = "龙山县抓好产业发展重点工作推进表"
    assert campaign_from_title(title, rules.document) == "抓好产业发展重点工作推进表"
    (tmp_path / "document.yaml").write_text("annex: {title_suffixes+: [重点工作推进表], campaign_starts+: [抓好]}\n",
                                            encoding="utf-8")
    assert campaign_from_title(title, load_rules(tmp_path).document) == "抓好产业发展"


def test_a_countys_running_share_reaches_segmentation(tmp_path, rules):
    # a line on 3 of 4 pages is a running header under the shipped share (0.5), so no caption; a
    # county that counts as running only lines on more than 80% of pages keeps it as the caption
    blocks = [*lines("枫林县人民政府督查室", "枫政督函〔2024〕3号", "枫林县工作情况专报", "一、工作进展情况"),
              *lines("附件1：", "枫林县民生实事攻坚行动监测表", "民生实事推进情况", page=2), grid(2),
              *lines("民生实事推进情况", page=3), grid(3), *lines("民生实事推进情况", page=4), grid(4)]
    document = Document("x.pdf", "pdf", 4, blocks)
    county = tmp_path / "county"
    county.mkdir()
    (county / "geometry.yaml").write_text("stitch:\n  running_share: 0.8\n", encoding="utf-8")
    [shipped] = segment(document, rules).annexes
    [own] = segment(document, load_rules(county)).annexes
    assert shipped.captions == []
    assert own.captions == [(0, "民生实事推进情况"), (1, "民生实事推进情况"), (2, "民生实事推进情况")]


@pytest.mark.parametrize("title, addressees", [
    (("关于2024年上半年", "重点民生实事推进情况的通报"), "各乡镇人民政府，县直有关单位："),
    (("关于全县重点项目建设进展情况的汇报",), "县委、县政府："),
    (("2024年第3期督查快报",), "各位领导："),
])
def test_a_draft_that_opens_with_its_title_has_that_title_and_no_addressees_in_its_narrative(title, addressees, rules):
    # no masthead: a draft often starts with its title, then whom it is sent to
    blocks = lines(*title, addressees, "今年县政府确定民生实事12件，已完成5件，正在推进7件。")
    parts = segment(Document("d.docx", "docx", 0, blocks), rules)
    assert parts.header.title == "".join(title)
    assert [line.text for line in parts.narrative] == ["今年县政府确定民生实事12件，已完成5件，正在推进7件。"]
    # a line ending in a colon that names no one is the narrative's
    told = segment(Document("t.docx", "docx", 0, lines(*title, "现将有关情况通报如下：", "今年共12件。")), rules)
    assert [line.text for line in told.narrative] == ["现将有关情况通报如下：", "今年共12件。"]
    # a first line that is a sentence is no title
    plain = segment(Document("m.docx", "docx", 0, lines("本月共开展督查12次，发现问题若干。", "下步将持续跟踪。")), rules)
    assert plain.header.title == "" and len(plain.narrative) == 2
