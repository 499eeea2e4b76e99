"""The claim grammar on other counties' phrasings: totals, parts in either order, shares attached
any way, lists after any trigger, counts in Chinese numerals, and what it must refuse to read."""
from __future__ import annotations

import pytest
from test_claims import annexes

from extract.model import TextLine
from extract.narrative.claims import read_narrative

HEAD = "（一）打好经济增长主动仗。"


def read(sentence: str, rules):
    lines = [TextLine("一、工作进展情况", 1, "第1页"), TextLine(HEAD + sentence + "（详见附件1）", 1, "第1页")]
    return read_narrative(lines, annexes(), [], rules, "f.pdf")


def summary(sentence: str, rules) -> list[tuple]:
    return [(c.kind, c.status, c.count, c.percent_raw, c.names) for c in read(sentence, rules).claims]


@pytest.mark.parametrize("sentence, expected", [
    # the example: 其中已完成1项 was dropped by the fixed phrasings
    ("纳入监测的重点指标共38项，其中已完成1项，占比2.63%；有序推进29项，占比76.32%；进展滞后8项，占比21.05%。",
     [("total", "total", 38, "", ()), ("part", "completed", 1, "2.63%", ()), ("part", "on_track", 29, "76.32%", ()),
      ("part", "behind", 8, "21.05%", ())]),
    # total after the count; parts with the count before or after their status phrase
    ("40项重点指标中，已完成年度任务3项，有序推进的30项，7项进展滞后。",
     [("total", "total", 40, "", ()), ("part", "completed", 3, "", ()), ("part", "on_track", 30, "", ()),
      ("part", "behind", 7, "", ())]),
    # Chinese numerals; shares as 占总数的 / 约占 / in brackets
    ("监测指标总数为二十项，截至目前，完成年度目标的有两项，占总数的百分之十；进展顺利的十五项，约占75%；"
     "序时进度滞后的指标有3项（15%）。",
     [("total", "total", 20, "", ()), ("part", "completed", 2, "10%", ()), ("part", "on_track", 15, "75%", ()),
      ("part", "behind", 3, "15%", ())]),
    # names first: 人均 in a name is not the predicate's 均; an approximate count with no status (十余项
    # 指标增速高于…) leaves the sum checkable
    ("共有重点监测指标12项，有序推进9项，三项进度滞后，其中，固定资产投资、城镇居民人均可支配收入及一般公共预算收入未完成时序进度。"
     "十余项指标增速高于全市平均水平。",
     [("total", "total", 12, "", ()), ("part", "on_track", 9, "", ()), ("part", "behind", 3, "", ()),
      ("names", "behind", 3, "", ("固定资产投资", "城镇居民人均可支配收入", "一般公共预算收入"))]),
    # 另外三项 / 其余一项; an unassigned part by 下达 negated
    ("本季度共调度24项重点指标，按计划推进20项，另外三项进展缓慢，其余一项尚未下达任务。",
     [("total", "total", 24, "", ()), ("part", "on_track", 20, "", ()), ("part", "behind", 3, "", ()),
      ("part", "unassigned", 1, "", ())]),
    # full-width digits
    ("共有指标１２项，已完成４项，占比３３．３％，有序推进８项，占比６６．７％。",
     [("total", "total", 12, "", ()), ("part", "completed", 4, "33.3%", ()), ("part", "on_track", 8, "66.7%", ())]),
    # "all" statements
    ("共有重点监测指标23项，已全部完成。", [("total", "total", 23, "", ()), ("all", "completed", 23, "", ())]),
    ("共有重点监测指标23项，截至目前，均按计划推进。", [("total", "total", 23, "", ()), ("all", "on_track", 23, "", ())]),
])
def test_totals_parts_and_shares(sentence, expected, rules):
    assert summary(sentence, rules) == expected


@pytest.mark.parametrize("sentence, status, names", [
    ("共有指标10项，其中进展滞后3项，进展滞后的指标具体为：地区生产总值、固定资产投资和进出口总额。",
     "behind", ("地区生产总值", "固定资产投资", "进出口总额")),
    # 和 inside one name stays when the stated count says so
    ("共有指标10项，其中进展滞后2项，滞后的指标分别是新增有资质的建筑企业和房地产开发企业、进出口总额。",
     "behind", ("新增有资质的建筑企业和房地产开发企业", "进出口总额")),
    ("共有指标10项，其中进展滞后2项，主要是社会消费品零售总额、实际利用外资。",
     "behind", ("社会消费品零售总额", "实际利用外资")),
    # one unassigned item after 即: its name keeps its 、
    ("共有指标10项，有序推进9项，1项待上级下达任务，即新建、改扩建公办幼儿园。", "unassigned", ("新建、改扩建公办幼儿园",)),
    # one item in brackets
    ("共有指标10项，有序推进9项，尚有1项未下达（县域普通高中“徐特立项目”）。", "unassigned", ("县域普通高中“徐特立项目”",)),
])
def test_lists(sentence, status, names, rules):
    [named] = [c for c in read(sentence, rules).claims if c.kind == "names"]
    assert (named.status, named.names) == (status, names)


def test_an_estimate_is_no_count_and_puts_the_section_in_doubt(rules):
    reading = read("共有重点监测指标10项，有序推进8项，两三项进展滞后。", rules)
    assert [(c.kind, c.count) for c in reading.claims] == [("total", 10), ("part", 8)]
    assert any("两三项" in d for d in reading.doubts["(一)"])
    reading = read("共有重点监测指标30项，有序推进20余项。", rules)
    assert [c.count for c in reading.claims] == [30] and reading.doubts["(一)"]


def test_counts_of_other_things_are_details_not_parts(rules):
    claims = read("共有重点监测指标10项，已完成3项，有序推进7项，新建5G基站45个。", rules).claims
    assert [(c.kind, c.count) for c in claims] == [("total", 10), ("part", 3), ("part", 7)]


def test_a_count_without_a_status_is_a_doubt(rules):
    reading = read("共有重点监测指标10项，已完成3项，新增入库7项。", rules)
    assert reading.doubts["(一)"] == ["'新增入库7项' states no status"]


def test_an_approximate_count_doubts_the_sum_only_where_it_would_be_a_part(rules):
    """十余项指标增速高于全市平均水平 counts no status: the sum stays checkable. 另有十余项尚未启动
    would be a part: the sum cannot be checked."""
    base = "共有重点监测指标12项，有序推进9项，三项进度滞后。"
    assert read(base + "十余项指标增速高于全市平均水平。", rules).doubts == {}
    doubts = read(base + "另有十余项尚未启动。", rules).doubts
    assert list(doubts) == ["(一)"] and "not an exact count" in doubts["(一)"][0]
