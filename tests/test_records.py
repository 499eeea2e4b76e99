"""Table rows -> Indicator records: the conventions, on hand-made annex tables."""
from __future__ import annotations

import pytest
from grids import cells_from_spec

from extract.model import AnnexTable, Grid, Role, RoleChoice, TableMapping
from extract.tables.columns import split_units
from extract.tables.records import table_records


@pytest.mark.parametrize("text, units", [
    ("县园区办、凤凰产\n业开发区\n管委会", ("县园区办", "凤凰产业开发区管委会")),
    ("县人社局\n县委组织部", ("县人社局", "县委组织部")),
    ("县应急管理局县林业局", ("县应急管理局", "县林业局")),
    ("州生态环境\n局凤凰分局", ("州生态环境局凤凰分局",)),
    ("国网湘西供电公司凤凰分公司", ("国网湘西供电公司凤凰分公司",)),
    ("人民银行\n凤凰县支\n行\n县金融办", ("人民银行凤凰县支行", "县金融办")),
    ("", ()),
])
def test_units_split(text, units, rules):
    assert split_units(text, rules) == units


def _table(rows: list[list[str]], roles: dict[str, list[int]], name: str = "") -> AnnexTable:
    """An annex table on page 1 from a text spec (see grids.cells_from_spec)."""
    cells = cells_from_spec(rows, 1)
    grid = Grid(rows=cells, row_pages=[(1, 1)] * len(cells), row_locators=["第1页"] * len(cells))
    choices = tuple(RoleChoice(role=Role(r), columns=tuple(c), header=r, evidence="header", confidence=1.0)
                    for r, c in roles.items())
    mapping = TableMapping(columns=tuple(roles), choices=choices, min_confidence=0.6)
    return AnnexTable(1, "打好经济增长主动仗", name, grid, mapping)


ROLES = {"seq": [0], "target": [1], "units": [2], "progress": [3], "completion": [4], "status": [5]}


def test_sub_rows_under_one_seq_and_one_status_are_one_record(rules):
    table = _table([
        ["21", "举办现场经验交流会。", "县文旅广电局", "跟进做好现场会工作。", "60%", "进展有序"],
        ["^", "全省夏季乡村文化旅游节。", "^", "稳步筹备旅游发展大会。", "^", "^"],
        ["22", "打造网红打卡地。", "县文旅广电局", "全面复演。", "90%", "进展有序"],
    ], ROLES)
    first, second = table_records(table, "f.pdf", rules)
    assert first.seq == "21" and first.target == "举办现场经验交流会。\n全省夏季乡村文化旅游节。"
    assert first.progress == "跟进做好现场会工作。\n稳步筹备旅游发展大会。"
    assert first.completion_ratio == 0.6 and first.status == "on_track"
    assert second.seq == "22"


def test_sub_rows_with_their_own_status_are_separate_records(rules):
    table = _table([
        ["省重点民生实事项目", "<", "<", "<", "<", "<", "<"],
        ["2", "推进“湘易办”", "“一网通办”事项达到700项", "县行政审批局", "", "", ""],
        ["^", "^", "集成电子证照超过80类", "^", "10", "12.50%", "进展有序"],
    ], {"seq": [0], "target": [1, 2], "units": [3], "progress": [4], "completion": [5], "status": [6]})
    records = table_records(table, "f.pdf", rules)
    assert [r.target for r in records] == ["“一网通办”事项达到700项", "集成电子证照超过80类"]
    assert {r.section for r in records} == {"省重点民生实事项目"} and {r.seq for r in records} == {"2"}
    assert records[0].status == "unknown" and records[1].completion_ratio == 0.125


def test_seq_printed_in_the_target_cell_and_group_column(rules):
    table = _table([
        ["一、创新成果转化攻坚行动", "1、净增高新技术企业3家。", "县科技工信局", "摸底培育5家。", "22%", "进展有序"],
        ["^", "2、全社会研发经费投入增长12%。", "县科技工信局", "完成任务数的123%。", "考核上年度任务", "预计完成年度任务"],
    ], {**{k: v for k, v in ROLES.items() if k != "seq"}, "section": [0]})   # as map_table reads a 序号 of group names
    one, two = table_records(table, "f.pdf", rules)
    assert (one.seq, one.target, one.section) == ("1", "净增高新技术企业3家。", "一、创新成果转化攻坚行动")
    assert two.completion_ratio is None and two.completion_raw == "考核上年度任务"
    assert two.status == "completed"


def test_shared_name_uses_the_goal_column(rules):
    roles = {"target": [0], "units": [1], "target_goal": [2], "progress": [3], "completion": [4], "status": [5]}
    table = _table([
        ["教育事业发展", "县教体局", "开展教育质量提升攻坚行动。", "完成模考评价。", "50.00%", "进展有序"],
        ["^", "^", "完成4所乡镇标准化寄宿制学校建设", "已完成需求摸底。", "20.00%", "前期准备"],
        ["新增天然气用户", "县住建局", "2100户", "530户", "25.00%", "进展有序"],
    ], roles, name="州重点民生实事项目")
    records = table_records(table, "f.pdf", rules)
    assert [r.target for r in records] == ["开展教育质量提升攻坚行动。", "完成4所乡镇标准化寄宿制学校建设", "新增天然气用户"]
    assert [r.status for r in records] == ["on_track", "preparing", "on_track"]


def test_a_ratio_wrapped_over_lines_of_a_narrow_cell_is_one_number(rules):
    [row] = table_records(_table([["7", "实施残疾儿童康复救助173人", "县残联", "已完成200人。", "1\n1\n5.9\n7%", "达标"]], ROLES),
                          "f.pdf", rules)
    assert row.completion_raw == "115.97%" and row.completion_ratio == 1.1597


def test_a_row_whose_name_cell_is_blank_is_named_by_its_goal(rules):
    # a 项目 name merged over two rows, cut by a page break and left blank on the new page, in a
    # column that merges nowhere else: the row is still the goal it states
    table = _table([
        ["消防能力建设", "县应急管理局", "新建防火隔离带20公里。", "隔离带建设正在推进。", "30%", "进展有序"],
        ["", "县消防救援大队", "完成6个传统村落消防水池建设。", "正在进行图纸设计。", "", "前期准备"],
        ["城镇新增就业", "县人社局", "2400人", "新增1130人。", "47.08%", "进展有序"],
    ], {"target": [0], "units": [1], "target_goal": [2], "progress": [3], "completion": [4], "status": [5]})
    assert [r.target for r in table_records(table, "f.pdf", rules)] == [
        "消防能力建设", "完成6个传统村落消防水池建设。", "城镇新增就业"]
