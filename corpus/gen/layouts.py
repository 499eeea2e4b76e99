"""Header layouts: how a county draws an annex table from its rows.

A layout family is one county's habit, applied to every annex kind (indicator, safety, projects,
民生). The families:
  synonyms  — the usual column order, other header words for every role (工作目标/年度目标/考核内容,
              牵头部门/承办单位, 工作进展/完成情况, 完成比例/进度, 进展评价/状态/推进情况评价 …)
  reordered — the status column before the progress column, the responsible units last
  merged    — two-level headers: 考核指标 over two or three sub-columns, 完成情况 over
              推进情况|完成率|评价 (已完成数|占比|评价), a 单位 column of measures (个/万元/%) and a 工作目标
              column holding the planned quantity (94, 46648)
  numeric   — extra numeric columns: 单位 / 年度目标 / 已完成 quantities without a progress text,
              投资 columns (总投资, 年度计划投资, 累计完成投资), 投入资金
  norepeat  — header rows not repeated on continuation pages; a group column and the 序号 inside
              the target cell ("1、…")
Each table declares its true `roles` (corpus/SCHEMA.md).
"""
from __future__ import annotations

import random

from .content import Row

FAMILIES = ("synonyms", "reordered", "merged", "numeric", "norepeat")

SYN = {
    "seq": ["序号", "编号", "序号"],
    "target": ["工作目标", "年度目标", "目标任务内容", "考核内容", "年度目标任务", "目标任务"],
    "units": ["责任单位", "牵头部门", "承办单位", "牵头单位"],
    "progress": ["推进情况", "完成情况", "工作进展", "进展情况", "工作推进情况"],
    "completion": ["完成率", "完成比例", "进度", "完成进度"],
    "status": ["进展评价", "状态", "备注", "推进情况评价", "评价"],
}

# group names for the 类别 column of the merged / norepeat indicator tables, by annex kind
GROUPS = {
    "econ": ["一、总量指标", "二、投资消费", "三、产业发展", "四、收入民生"],
    "tech": ["一、创新主体培育", "二、创新投入", "三、平台与人才"],
    "business": ["一、政务服务", "二、要素保障", "三、法治信用"],
    "risk": ["一、债务风险", "二、金融与房地产", "三、社会稳定"],
}


def _grouped(rows: list[Row], names: list[str], rng: random.Random) -> list[str]:
    """A group name for each row: consecutive runs, as a table groups its indicators."""
    k = min(len(names), max(2, len(rows) // 5))
    cuts = sorted(rng.sample(range(1, len(rows)), k - 1))
    out, g = [], 0
    for i in range(len(rows)):
        while g < len(cuts) and i >= cuts[g]:
            g += 1
        out.append(names[g])
    return out


def _merge_down(values: list[str]) -> list[str]:
    """A value equal to the one above becomes "^" (a vertically merged cell)."""
    return [v if i == 0 or v != values[i - 1] else "^" for i, v in enumerate(values)]


def _word(row: Row) -> str:
    return row.extra["word"]


# ---------------------------------------------------------------------------------------------
# indicator tables (经济 / 科技 / 营商 / 风险)

def indicator(family: str, rows: list[Row], kind: str, rng: random.Random, period: str) -> dict:
    header: list   # one header row, or two for a merged header
    if family == "synonyms":
        header = [rng.choice(SYN[k]) for k in ("seq", "target", "units", "progress", "completion", "status")]
        body = [[str(i + 1), r.target, r.units, r.progress, r.completion, _word(r)] for i, r in enumerate(rows)]
        roles = {"seq": 0, "target": [1], "units": 2, "progress": 3, "completion": 4, "status": 5}
        return _table([header], roles, body, [1, 5, 2.2, 8, 1.8, 1.8])
    if family == "reordered":
        if rng.random() < 0.5:
            header = ["序号", "考核内容", "进展评价", "工作进展", "完成比例", "牵头部门"]
            body = [[str(i + 1), r.target, _word(r), r.progress, r.completion, r.units] for i, r in enumerate(rows)]
            roles = {"seq": 0, "target": [1], "status": 2, "progress": 3, "completion": 4, "units": 5}
            return _table([header], roles, body, [1, 5, 1.8, 8, 1.8, 2.2])
        header = ["序号", "评价", "工作目标", "完成进度", "推进情况", "责任单位"]
        body = [[str(i + 1), _word(r), r.target, r.completion, r.progress, r.units] for i, r in enumerate(rows)]
        roles = {"seq": 0, "status": 1, "target": [2], "completion": 3, "progress": 4, "units": 5}
        return _table([header], roles, body, [1, 1.8, 5, 1.8, 8, 2.2])
    if family == "merged":
        groups = _merge_down(_grouped(rows, GROUPS[kind], rng))
        header = [["序号", "考核指标", "<", "单位", "工作目标", "完成情况", "<", "<", "责任单位"],
                  ["^", "类别", "指标内容", "^", "^", "推进情况", "完成率", "评价", "^"]]
        body = [[str(i + 1), g, r.target, r.measure, r.goal, r.progress, r.completion, _word(r), r.units]
                for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": 0, "section": 1, "target": [2], "progress": 5, "completion": 6, "status": 7, "units": 8}
        return _table(header, roles, body, [0.8, 1.6, 4, 1, 1.2, 7, 1.4, 1.4, 2])
    if family == "numeric":
        header = ["序号", "指标名称", "单位", "年度目标", f"{period}完成", "完成率", "责任单位", "进展评价"]
        body = [[str(i + 1), r.name if r.goal != "/" else r.target, r.measure, r.goal, r.done,
                 r.completion, r.units, _word(r)] for i, r in enumerate(rows)]
        roles = {"seq": 0, "target": [1], "progress": 4, "completion": 5, "units": 6, "status": 7}
        return _table([header], roles, body, [1, 6, 1.2, 1.6, 1.8, 1.6, 3, 1.8])
    if family == "norepeat":
        groups = _merge_down(_grouped(rows, GROUPS[kind], rng))
        header = ["类别", "目标任务", "责任单位", "工作进展", "完成率", "备注"]
        body = [[g, f"{i + 1}、{r.target}", r.units, r.progress, r.completion, _word(r)]
                for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": None, "section": 0, "target": [1], "units": 2, "progress": 3, "completion": 4,
                 "status": 5, "seq_in_target": True}
        return _table([header], roles, body, [1.8, 5, 2, 8, 1.6, 1.6], repeat=False)
    raise ValueError(family)


# ---------------------------------------------------------------------------------------------
# safety (安全生产): the target is a long 工作内容 cell under a 工作任务 group

def safety(family: str, rows: list[Row], rng: random.Random) -> dict:
    header: list   # one header row, or two for a merged header
    groups = _merge_down([r.group for r in rows])
    if family == "synonyms":
        header = [rng.choice(["指标", "序号"]), "工作任务", "工作内容", rng.choice(SYN["units"]),
                  rng.choice(SYN["progress"]), rng.choice(SYN["status"])]
        body = [[str(i + 1), g, r.target, r.units, r.progress, _word(r)] for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": 0, "section": 1, "target": [2], "units": 3, "progress": 4, "status": 5}
        return _table([header], roles, body, [1, 1.6, 8, 2, 8, 1.6])
    if family == "reordered":
        header = ["序号", "评价", "工作内容", "进展情况", "责任单位"]
        body = [[str(i + 1), _word(r), r.target, r.progress, r.units] for i, r in enumerate(rows)]
        roles = {"seq": 0, "status": 1, "target": [2], "progress": 3, "units": 4}
        return _table([header], roles, body, [1, 1.6, 9, 9, 2.2])
    if family == "merged":
        header = [["序号", "考核指标", "<", "完成情况", "<", "责任单位"],
                  ["^", "工作任务", "工作内容", "推进情况", "评价", "^"]]
        body = [[str(i + 1), g, r.target, r.progress, _word(r), r.units] for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": 0, "section": 1, "target": [2], "progress": 3, "status": 4, "units": 5}
        return _table(header, roles, body, [0.8, 1.6, 8, 8, 1.6, 2.2])
    if family == "numeric":
        header = ["序号", "工作任务", "工作内容", "责任单位", "投入资金（万元）", "推进情况", "评价"]
        body = [[str(i + 1), g, r.target, r.units, str(rng.randint(5, 120) * 10), r.progress, _word(r)]
                for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": 0, "section": 1, "target": [2], "units": 3, "progress": 5, "status": 6}
        return _table([header], roles, body, [0.8, 1.6, 8, 2, 1.4, 8, 1.6])
    if family == "norepeat":
        header = ["指标", "工作任务", "工作内容", "进展情况", "备注"]
        body = [[str(i + 1), g, r.target, r.progress, _word(r)] for i, (r, g) in enumerate(zip(rows, groups))]
        roles = {"seq": 0, "section": 1, "target": [2], "progress": 3, "status": 4}
        return _table([header], roles, body, [1, 1.6, 9, 10, 1.6], repeat=False)
    raise ValueError(family)


# ---------------------------------------------------------------------------------------------
# projects (项目建设)

def projects(family: str, rows: list[Row], rng: random.Random) -> dict:
    header: list   # one header row, or two for a merged header
    if family == "numeric":
        header = ["序号", "项目名称", "建设内容", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）",
                  "投资完成率", "责任单位", "推进情况", "评价"]
        body = [[str(i + 1), r.name, r.content, *r.invest, r.completion, r.units, r.progress, _word(r)]
                for i, r in enumerate(rows)]
        roles = {"seq": 0, "target": [1], "completion": 6, "units": 7, "progress": 8, "status": 9}
        return _table([header], roles, body, [0.8, 2.6, 3, 1.4, 1.4, 1.4, 1.4, 2, 5.5, 1.4])
    if family == "merged":
        header = [["序号", "项目名称", "建设内容", "投资情况（万元）", "<", "<", "完成情况", "<", "<", "责任单位"],
                  ["^", "^", "^", "总投资", "年度计划", "累计完成", "推进情况", "完成率", "评价", "^"]]
        body = [[str(i + 1), r.name, r.content, *r.invest, r.progress, r.completion, _word(r), r.units]
                for i, r in enumerate(rows)]
        roles = {"seq": 0, "target": [1], "progress": 6, "completion": 7, "status": 8, "units": 9}
        return _table(header, roles, body, [0.8, 2.6, 3, 1.3, 1.3, 1.3, 5.5, 1.3, 1.4, 2])
    if family == "reordered":
        header = ["序号", "状态", "项目名称", "建设内容", "推进情况", "完成率", "责任单位"]
        body = [[str(i + 1), _word(r), r.name, r.content, r.progress, r.completion, r.units] for i, r in enumerate(rows)]
        roles = {"seq": 0, "status": 1, "target": [2], "progress": 4, "completion": 5, "units": 6}
        return _table([header], roles, body, [0.8, 1.5, 3, 3.5, 7, 1.5, 2.2])
    header = ["序号", "项目名称", "建设内容及规模", rng.choice(SYN["units"]), "项目进展", "完成率",
              "备注" if family == "norepeat" else rng.choice(SYN["status"])]
    body = [[str(i + 1), r.name, r.content, r.units, r.progress, r.completion, _word(r)] for i, r in enumerate(rows)]
    roles = {"seq": 0, "target": [1], "units": 3, "progress": 4, "completion": 5, "status": 6}
    return _table([header], roles, body, [0.8, 3, 3.5, 2.2, 7, 1.5, 1.5], repeat=family != "norepeat")


# ---------------------------------------------------------------------------------------------
# 民生 sub-tables

def _ms_seq(rows: list[Row]) -> tuple[list[str], list[str]]:
    """序号 and project cells: a project's sub-indicator rows share one merged 序号 and name."""
    seqs, names, n, prev = [], [], 0, None
    for r in rows:
        if r.group != prev or r.parent:
            n += 1
            seqs.append(str(n))
            names.append(r.group)
        else:
            seqs.append("^")
            names.append("^")
        prev = r.group
    return seqs, names


def _ms_units(rows: list[Row], seqs: list[str]) -> list[str]:
    return [r.units if s != "^" else "^" for r, s in zip(rows, seqs)]


def minsheng(family: str, subtables: list[tuple[str, list[Row]]], rng: random.Random) -> list[dict]:
    """One or more tables for the 民生 annex; `subtables` = [(name, rows)]. Some families draw the
    sub-tables as title rows inside one table, the others as captioned tables."""
    header: list
    body: list
    if family == "merged":
        header = [["序号", "考核指标", "<", "<", "单位", "工作目标", "完成情况", "<", "<", "承办单位"],
                  ["^", "^", "^", "^", "^", "^", "已完成数", "占比", "评价", "^"]]
        roles = {"seq": 0, "target": [1, 2, 3], "progress": 6, "completion": 7, "status": 8, "units": 9}
        body = []
        for name, rows in subtables:
            body.append({"title": name})
            seqs, names = _ms_seq(rows)
            units = _ms_units(rows, seqs)
            for i, r in enumerate(rows):
                multi = sum(1 for x in rows if x.group == r.group and not x.parent) > 1
                summary = f"抓好{r.group}各项工作，完成年度目标任务" if multi else r.target
                summary_cell = "^" if multi and i > 0 and rows[i - 1].group == r.group else summary
                if r.parent:
                    # the project's own row, without a status; its summary cell runs down over
                    # the sub-indicators (so its right neighbour stays an empty cell of its own)
                    body.append([seqs[i], names[i], summary, "", "", "", "", "", "", units[i]])
                elif r.status == "unassigned":
                    body.append([seqs[i], names[i], r.target, "<", r.measure, _word(r), "<", "<", "<", units[i]])
                elif multi:
                    body.append([seqs[i], names[i], summary_cell, r.target, r.measure, r.goal, r.done,
                                 r.completion, _word(r), units[i]])
                else:
                    body.append([seqs[i], names[i], r.target, "<", r.measure, r.goal, r.done, r.completion,
                                 _word(r), units[i]])
        return [_table(header, roles, body, [0.8, 1.8, 3, 3, 0.9, 1.2, 2.4, 1.2, 1.3, 2])]

    tables = []
    for t_i, (name, rows) in enumerate(subtables):
        seqs, names = _ms_seq(rows)
        units = _ms_units(rows, seqs)
        if family == "numeric":
            header = ["序号", "项目名称", "建设内容", "单位", "工作目标", "已完成数", "投入资金（万元）", "完成率",
                      "牵头单位", "评价"]
            body = []
            for i, r in enumerate(rows):
                if r.status == "unassigned":
                    body.append([seqs[i], names[i], r.target, r.measure, _word(r), "<", "<", "<", units[i], _word(r)])
                else:
                    body.append([seqs[i], names[i], r.target, r.measure, r.goal, r.done,
                                 str(rng.randint(2, 90) * 10), r.completion, units[i], _word(r)])
            roles = {"seq": 0, "target": [1, 2], "progress": 5, "completion": 7, "units": 8, "status": 9}
            widths = [0.8, 2.4, 4.5, 0.9, 1.2, 2.4, 1.4, 1.2, 2, 1.3]
            tables.append(_table([header], roles, body, widths, name=name, caption=True))
        elif family == "reordered":
            header = ["序号", "项目名称", "具体指标", "评价", "已完成数", "完成比例", "牵头单位"]
            body = []
            for i, r in enumerate(rows):
                done = "/" if r.status == "unassigned" else r.done
                comp = "/" if r.status == "unassigned" else r.completion
                body.append([seqs[i], names[i], r.target, _word(r), done, comp, units[i]])
            roles = {"seq": 0, "target": [1, 2], "status": 3, "progress": 4, "completion": 5, "units": 6}
            tables.append(_table([header], roles, body, [0.8, 2.6, 5, 1.4, 3, 1.4, 2.2], name=name, caption=True))
        else:   # synonyms, norepeat: 完成情况 over 推进情况|完成比例|评价
            status_head = "备注" if family == "norepeat" else rng.choice(["评价", "进展评价", "状态"])
            header = [["序号", "项目名称", rng.choice(["年度目标", "工作目标", "目标任务"]), "牵头单位", "完成情况", "<", "<"],
                      ["^", "^", "^", "^", "推进情况", "完成比例", status_head]]
            body = []
            for i, r in enumerate(rows):
                if r.status == "unassigned":
                    body.append([seqs[i], names[i], r.target, units[i], _word(r), "<", "<"])
                else:
                    body.append([seqs[i], names[i], r.target, units[i], r.progress, r.completion, _word(r)])
            roles = {"seq": 0, "target": [1, 2], "units": 3, "progress": 4, "completion": 5, "status": 6}
            tables.append(_table(header, roles, body, [0.8, 2.6, 5, 2.2, 4, 1.4, 1.4], name=name,
                                 caption=True, repeat=family != "norepeat"))
    return tables


def _table(header: list[list[str]], roles: dict, rows: list, widths: list[float], *, name: str = "",
           caption: bool = False, repeat: bool = True) -> dict:
    full: dict = {"seq": None, "target": [], "units": None, "progress": None, "completion": None, "status": None,
            "section": None, "target_goal": None, "seq_in_target": False}
    full.update(roles)
    return {"name": name, "caption": caption, "repeat_header": repeat, "widths": widths, "header": header,
            "roles": full, "rows": rows}
