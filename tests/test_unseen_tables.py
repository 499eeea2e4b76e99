"""Annex tables of shapes the corpus does not hold, read from a draft as an office writes it."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from paths import FIXTURES

from extract.pipeline import process_file

HEADER = ["序号", "工作任务", "责任单位", "工作进展", "完成情况"]

# 安全生产 work: progress cells are prose, some of which count things by their own state
SAFETY = [
    ("开展经营性自建房安全隐患整治", "县住建局", "全县共排查经营性自建房120栋，已完成整改80栋，正在整改40栋。"),
    ("推进消防水源建设", "县消防救援大队", "农村团寨完成消防水池建设8个，其余正在进行图纸设计。"),
    ("开展道路交通安全整治", "县公安局", "查处各类交通违法行为1260起。"),
    ("开展危险化学品专项检查", "县应急管理局", "检查企业14家，督促整改隐患23处。"),
    ("开展燃气安全专项整治", "县城管局", "排查燃气用户3200户，全部建立台账。"),
    ("推进矿山安全治理", "县自然资源局", "关闭退出小型矿山2家。"),
    ("开展校园周边安全整治", "县教体局", "组织校园周边巡查46次。"),
    ("推进森林防火网格化管理", "县林业局", "落实护林员312名。"),
    ("开展特种设备安全检查", "县市场监管局", "检查特种设备使用单位57家。"),
    ("推进农村房屋安全排查", "县农业农村局", "完成排查农村房屋8620栋，其中13个项目已纳入省级重点项目库。"
                                          "其中，A镇完成8个，B镇完成4个，C镇完成3个。"),
    ("开展水上交通安全整治", "县交通运输局", "检查渡口渡船18处。"),
    ("开展建筑施工安全检查", "县住建局", "检查在建工地31个，下达整改通知书9份。"),
]


def annexed_draft(path: Path, narrative: list[str], rows: list[tuple[str, str, str]], status: str = "进展有序") -> Path:
    document = docx.Document()
    for text in ["某县人民政府督查室", "关于安全生产重点工作推进情况的通报", *narrative, "附件1", "安全生产重点工作推进情况表"]:
        document.add_paragraph(text)
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for col, label in enumerate(HEADER):
        table.cell(0, col).text = label
    for i, (task, unit, progress) in enumerate(rows, 1):
        for col, text in enumerate([str(i), task, unit, progress, status]):
            table.cell(i, col).text = text
    document.save(str(path))
    return path


def errors(result) -> list[tuple[str, str, str]]:
    return [(f.kind, f.stated, f.computed) for f in result.findings if f.severity != "info"]


def test_prose_progress_cells_are_no_tallies_of_the_table(tmp_path, rules):
    # one prose cell counts houses by state (80 done, 40 under way): the table's 12 rows, each 进展有序,
    # are still what the section's 13 counts
    narrative = ["一、工作进展情况", "（一）安全生产重点工作推进。纳入监测的重点指标共13项，均有序推进。（详见附件1）"]
    result = process_file(annexed_draft(tmp_path / "safety.docx", narrative, SAFETY), rules)
    assert result.status == "ok"
    assert sorted(errors(result)) == [("count_vs_table", "13", "12"), ("total_vs_table", "13", "12")]


def test_a_breakdown_by_town_is_no_tally_of_a_cell(tmp_path, rules):
    # 8 + 4 + 3 towns against the 13 projects of the same cell: towns are not states of the 13
    narrative = ["一、工作进展情况", "（一）安全生产重点工作推进。纳入监测的重点指标共12项，均有序推进。（详见附件1）"]
    result = process_file(annexed_draft(tmp_path / "safety.docx", narrative, SAFETY), rules)
    assert result.status == "ok"
    assert errors(result) == []
    assert result.coverage.table >= 2


def _truth_rows(name: str) -> list[tuple[str, tuple[str, ...], str]]:
    truth = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return [(t["target"], tuple(t["responsible_units"]), t["status"]) for t in truth["indicators"]]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_table_cut_by_page_breaks_gives_its_rows(kind, rules):
    # 项目 names merged over rows that page breaks cut; units on two lines of one cell
    result = process_file(FIXTURES / f"breaks-bulletin.{kind}", rules)
    assert [(r.target, r.responsible_units, r.status) for r in result.indicators] == _truth_rows("breaks-bulletin")
    assert errors(result) == [] and result.coverage.table >= 4


def test_two_units_on_two_lines_of_a_cell_are_two_units_and_a_wrapped_name_is_one(rules):
    # 县交通运输局 ends well short of the cell's edge: the writer broke the line; 县公安局交 | 通警察大队
    # and 县城市管理 | 和综合执法 | 局 fill it: they wrapped
    units = {r.target: r.responsible_units for r in process_file(FIXTURES / "breaks-bulletin.pdf", rules).indicators}
    assert units["完成农村公路安防设施提质升级25公里，设置波形护栏和警示标志。"] == ("县交通运输局", "公路建设养护中心")
    assert units["整治道路交通安全隐患点位30处。"] == ("县公安局交通警察大队",)
    assert units["新建城区公厕6座，改造提升背街小巷10条。"] == ("县城市管理和综合执法局",)
    assert units["新建防火隔离带20公里，购置森林消防巡护车2辆。"] == ("县应急管理局", "县林业局")


def test_a_row_under_a_name_cut_by_a_page_break_is_a_row_of_its_own(rules):
    # page 2 ends with 养老服务提升 | 县民政局 | … | 50.00% | 进展有序; page 3 begins with a blank name,
    # no ratio and 前期准备: two statuses the column repeats elsewhere are two rows, not one cut row
    rows = {r.target: r for r in process_file(FIXTURES / "breaks-bulletin.pdf", rules).indicators}
    first, second = rows["新建乡镇区域养老服务中心2个。"], rows["完成特殊困难老年人家庭适老化改造400户。"]
    assert (first.page_start, first.status, first.completion_ratio) == (2, "on_track", 0.5)
    assert (second.page_start, second.status, second.completion_ratio) == (3, "preparing", None)
