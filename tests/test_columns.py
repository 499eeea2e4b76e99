"""Header cells -> column roles through rules/columns.yaml, and a county's own wording via --rules."""
from __future__ import annotations

import shutil
from pathlib import Path

from extract.model import GridCell
from extract.rules import load_rules
from extract.status import classify_status
from extract.tables.columns import assign_roles, flat_headers
from grids import cells_from_spec


def header(*rows: list[str]) -> list[list[GridCell]]:
    return cells_from_spec(list(rows))


def test_target_table(rules):
    h = header(["序号", "2023年度具体目标任务", "责任单位", "当前进展情况", "完成年度任务 之比", "备注"])
    assert assign_roles(h, 6, rules.columns) == {"seq": [0], "target": [1], "units": [2], "progress": [3],
                                                 "completion": [4], "status": [5]}


def test_risk_table_keeps_the_short_task_name_out_of_the_target(rules):
    h = header(["指 标", "风险 类型", "工作任务", "2023年度具体目标任务", "当前工作进展情况", "备注"])
    roles = assign_roles(h, 6, rules.columns)
    assert roles["seq"] == [0] and roles["section"] == [1] and roles["target"] == [3] and "units" not in roles


def test_livelihood_table_two_header_rows_and_the_two_meanings_of_danwei(rules):
    h = header(["序号", "考核指标", "<", "<", "牵头单位", "单位", "年度任务", "完成情况", "<", "投入资金", "备注"],
               ["^", "^", "^", "^", "^", "^", "^", "已完成数", "占年度任务之比", "^", "^"])
    roles = assign_roles(h, 11, rules.columns)
    assert roles["target"] == [1, 2, 3] and roles["units"] == [4] and roles["measure_unit"] == [5]
    assert roles["progress"] == [7] and roles["completion"] == [8] and roles["status"] == [10]
    assert flat_headers(h, 11)[7] == "完成情况/已完成数"
    zhou = header(["考核项目指标名称", "单位", "工作目标", "完成情况", "<", "<"],
                  ["^", "^", "^", "已完成数", "占年度任务之比", "备注"])
    roles = assign_roles(zhou, 6, rules.columns)
    assert roles["units"] == [1] and roles["target_goal"] == [2] and roles["status"] == [5]


def test_other_wordings(rules):
    h = header(["序号", "目标任务", "牵头单位", "当前进展情况", "完成进度", "进展评价"])
    roles = assign_roles(h, 6, rules.columns)
    assert roles["units"] == [2] and roles["completion"] == [4] and roles["status"] == [5]


def test_a_countys_wording_is_a_rules_edit(tmp_path, rules):
    """A new county writes 按计划推进 in 备注 and 责任科室 in the header: copy the rules, add the words."""
    assert classify_status("按计划推进", rules.status) == "unknown"
    custom = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules", custom,
                    ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    text = (custom / "status.yaml").read_text(encoding="utf-8")
    (custom / "status.yaml").write_text(text.replace("    - 进展有序\n", "    - 进展有序\n    - 按计划推进\n", 1),
                                        encoding="utf-8")
    text = (custom / "columns.yaml").read_text(encoding="utf-8")
    (custom / "columns.yaml").write_text(text.replace("    - 责任单位\n", "    - 责任单位\n    - 责任科室\n", 1),
                                         encoding="utf-8")
    county = load_rules(custom)
    assert classify_status("按计划推进", county.status) == "on_track"
    h = header(["序号", "目标任务", "责任科室", "备注"])
    assert assign_roles(h, 4, county.columns)["units"] == [2]


def test_bad_rules_are_a_one_line_error(tmp_path, mini_pdf, capsys):
    from extract.cli import main

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "status.yaml").write_text("statuses: [\n  - x: :\n", encoding="utf-8")
    assert main(["check", str(mini_pdf), "--rules", str(broken)]) == 2
    assert main(["extract", str(mini_pdf), "--out", str(tmp_path / "o"), "--rules", str(tmp_path / "missing")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == ["zhuanbao: rules file status.yaml line 2: not valid YAML",
                   f"zhuanbao: rules folder {tmp_path / 'missing'}: not a folder"]
    assert not (tmp_path / "o").exists()
