"""Annex tables -> column roles from header AND content (rules/columns.yaml), and a county's own wording via --rules."""
from __future__ import annotations

from pathlib import Path

from grids import cells_from_spec

from extract.chinese.status import classify_status
from extract.model import GridCell, Role, Status
from extract.settings.rules import load_rules
from extract.tables.columns import flat_headers, map_columns


def header(*rows: list[str]) -> list[list[GridCell]]:
    return cells_from_spec(list(rows))


def roles(head: list[list[GridCell]], body_rows: list[list[str]], rules) -> dict[str, list[int]]:
    n_cols = max(len(r) for r in head) if head else len(body_rows[0])
    body = cells_from_spec(body_rows) if body_rows else []
    mapping = map_columns(head, body, n_cols, rules)
    return {role.value: cols for role, cols in mapping.roles.items()}


TARGET_BODY = [["1", "净增高新技术企业3家，高新技术产业增加值增长10%。", "县科技工信局", "已净增2家，正在申报1家。", "66.7%", "进展有序"],
               ["2", "技术合同登记额达到1.2亿元以上。", "县科技工信局、县发改局", "目前完成登记额0.4亿元。", "33.3%", "未完成时序进度"],
               ["3", "新增规模以上工业企业5家以上。", "县科技工信局", "已新增规模以上工业企业5家。", "100%", "已完成"]]


def test_target_table(rules):
    h = header(["序号", "2023年度具体目标任务", "责任单位", "当前进展情况", "完成年度任务 之比", "备注"])
    assert roles(h, TARGET_BODY, rules) == {"seq": [0], "target": [1], "units": [2], "progress": [3],
                                            "completion": [4], "status": [5]}


def test_headers_in_no_list_are_found_from_content(rules):
    """A county's own header words (进度评估, 办理情况, 占比情况) still map: the cells say what the column is."""
    h = header(["No.", "年度重点事项", "承接科室", "办理情况", "占比情况", "进度评估"])
    body = [[r[0], r[1], r[2], r[3], r[4], w] for r, w in zip(TARGET_BODY, ["进展顺利", "序时进度滞后", "超额完成"])]
    got = roles(h, body, rules)
    assert got["completion"] == [4] and got["status"] == [5] and got["target"] == [1]


def test_a_project_table_in_words_no_rule_lists(rules):
    """工程项目名称 | 建设规模及内容 | 主管部门 | 进展 | 完成比例 | 进度评价: the name is the target, the
    description stays out of it and out of progress, and 主体完工，设备安装中。 is progress although it
    reads as a status (it is a sentence; 进度评价 holds the statuses)."""
    h = header(["序号", "工程项目名称", "建设规模及内容", "主管部门", "进展", "完成比例", "进度评价"])
    body = [["1", "城南污水处理厂", "日处理污水5万吨，配套管网12公里", "县住建局", "主体完工，设备安装中。", "65%", "正常"],
            ["2", "滨江公园二期", "建设公园绿地20公顷", "县城管局", "尚未开工。", "0%", "滞后"],
            ["3", "县一中扩建", "新建教学楼2栋", "县教体局", "已完成主体施工。", "80%", "正常"],
            ["4", "农贸市场改造", "改造市场3个", "县商务局", "已完工。", "100%", "完成"]]
    assert roles(h, body, rules) == {"seq": [0], "target": [1], "units": [3], "progress": [4], "completion": [5],
                                     "status": [6]}


def test_a_description_column_never_takes_the_target_from_a_bare_name_header(rules):
    """项目 | 建设内容及规模 | 牵头单位 | 目前进度 | 完成率 | 评价 (another county's project table): the short
    names under 项目 are the target, not the longer descriptions beside them, and 目前进度 is the progress
    text (its cells are sentences; the ratio column is 完成率)."""
    h = header(["序号", "项目", "建设内容及规模", "牵头单位", "目前进度", "完成率", "评价"])
    body = [["1", "城南污水处理厂", "日处理污水5万吨，配套管网12公里", "县住建局", "主体完工，设备安装中。", "65%", "正常推进"],
            ["2", "滨江公园二期", "建设公园绿地20公顷", "县城管局", "尚未开工。", "0%", "进度滞后"],
            ["3", "县一中扩建", "新建教学楼2栋", "县教体局", "已完成主体施工。", "80%", "正常推进"],
            ["4", "农贸市场改造", "改造市场3个", "县商务局", "已完工。", "100%", "已完成"]]
    assert roles(h, body, rules) == {"seq": [0], "target": [1], "units": [3], "progress": [4], "completion": [5],
                                     "status": [6]}


def test_content_vetoes_a_number_column_as_target(rules):
    """工作目标 over 94 / 46648 / 1938 is a planned quantity, not the target (issue 10, class 1)."""
    h = header(["序号", "考核指标", "<", "<", "单位", "工作目标", "完成情况", "<", "备注"],
               ["^", "^", "^", "^", "^", "^", "已完成数", "占年度任务之比", "^"])
    body = [["1", "新建改扩建公办幼儿园", "幼儿园", "新增学位", "个", "94", "60", "63.8%", "进展有序"],
            ["2", "城乡居民医保", "参保", "参保人数", "人", "46648", "40000", "85.7%", "进展有序"],
            ["3", "农村公路提质改造", "公路", "改造里程", "公里", "1938", "1200", "61.9%", "未完成时序进度"]]
    got = roles(h, body, rules)
    assert got["target"] == [1, 2, 3]
    assert 5 not in got["target"] and got["status"] == [8] and got["completion"] == [7]


def test_risk_table_keeps_the_short_task_name_out_of_the_target(rules):
    h = header(["指 标", "风险 类型", "工作任务", "2023年度具体目标任务", "当前工作进展情况", "备注"])
    got = roles(h, [], rules)
    assert got["seq"] == [0] and got["section"] == [1] and got["target"] == [3] and "units" not in got


def test_livelihood_table_two_header_rows_and_the_two_meanings_of_danwei(rules):
    h = header(["序号", "考核指标", "<", "<", "牵头单位", "单位", "年度任务", "完成情况", "<", "投入资金", "备注"],
               ["^", "^", "^", "^", "^", "^", "^", "已完成数", "占年度任务之比", "^", "^"])
    got = roles(h, [], rules)
    assert got["target"] == [1, 2, 3] and got["units"] == [4] and got["measure_unit"] == [5]
    assert got["progress"] == [7] and got["completion"] == [8] and got["status"] == [10]
    assert flat_headers(h, 11)[7] == "完成情况/已完成数"


def test_other_wordings(rules):
    h = header(["序号", "目标任务", "牵头单位", "当前进展情况", "完成进度", "进展评价"])
    got = roles(h, [], rules)
    assert got["units"] == [2] and got["completion"] == [4] and got["status"] == [5]


def test_a_countys_wording_is_a_rules_edit(tmp_path, rules):
    """A county writes 责任科室 in the header and 如期 in 备注: a county rules file adds the words."""
    assert classify_status("如期", rules) is Status.UNKNOWN
    custom = tmp_path / "rules"
    custom.mkdir()
    (custom / "status.yaml").write_text("words:\n  如期: [on_track, behind]\n", encoding="utf-8")
    (custom / "columns.yaml").write_text("header_words:\n  units: [科室, 承办]\n", encoding="utf-8")
    county = load_rules(custom)
    assert classify_status("如期", county) is Status.ON_TRACK
    assert classify_status("进展有序", county) is Status.ON_TRACK   # the shipped words stay
    h = header(["序号", "目标任务", "责任科室", "备注"])
    assert roles(h, [], county)["units"] == [2]
    assert Role.UNITS.value == "units"


def test_bad_rules_are_a_one_line_error(tmp_path, mini_pdf, capsys):
    from extract.cli import main

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "status.yaml").write_text("words: [\n  - x: :\n", encoding="utf-8")
    assert main(["check", str(mini_pdf), "--rules", str(broken)]) == 2
    assert main(["extract", str(mini_pdf), "--out", str(tmp_path / "o"), "--rules", str(tmp_path / "missing")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == ["zhuanbao: rules file status.yaml line 2: not valid YAML",
                   f"zhuanbao: rules folder {tmp_path / 'missing'}: not a folder"]
    assert not (tmp_path / "o").exists()


def test_tables_csv_shows_each_tables_mapping(tmp_path):
    """A user sees what was decided: a county that prints 状态 second and 项目名称 | 建设内容 gets
    those columns as status and target (the description stays out), with evidence and confidence."""
    import csv

    from extract.run.batch import run_batch
    from extract.run.options import BatchOptions

    pdf = Path(__file__).resolve().parents[1] / "corpus" / "pdf" / "var-cuifeng-2024-10.pdf"
    run_batch([pdf], tmp_path / "out", load_rules(), BatchOptions())
    with open(tmp_path / "out" / "tables.csv", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["annex_no"] == "1"]
    roles = {r["role"]: r for r in rows}
    assert roles["status"]["columns"] == "状态" and roles["target"]["columns"] == "项目名称"
    assert all(r["certain"] == "True" and 0 < float(r["confidence"]) <= 1 for r in rows)
    assert not any(r["columns"] == "建设内容" for r in rows)


def test_a_seq_column_of_group_names_is_mapped_as_the_section(rules):
    # 序号 heads a column of group names: the mapping (and so tables.csv) says section, and the
    # records take it as it says
    from extract.model import Grid
    from extract.tables.columns import map_table

    head = cells_from_spec([["序号", "目标任务", "责任单位", "进展情况", "完成比例", "评价"]])
    body = cells_from_spec([
        ["一、创新成果转化攻坚行动", "1、净增高新技术企业3家。", "县科技工信局", "摸底培育5家。", "22%", "进展有序"],
        ["^", "2、全社会研发经费投入增长12%。", "县科技工信局", "完成任务数的123%。", "60%", "进展有序"],
        ["二、数字经济攻坚行动", "3、数字经济增长15%以上。", "县发改局", "已完成年度任务的40%。", "40%", "进展有序"]])
    grid = Grid(rows=body, row_pages=[(1, 1)] * 3, row_locators=["第1页"] * 3, header=head)
    mapping = map_table(grid, rules)
    assert mapping.roles[Role.SECTION] == [0] and Role.SEQ not in mapping.roles
    assert "group names" in (mapping.choice(Role.SECTION).evidence)
