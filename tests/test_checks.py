"""Cross-checks of narrative claims against hand-built annex rows (and the corpus truth)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_claims import CAMPAIGNS, FILE, REFERENCE, annexes, lines_of

from extract.checks.checks import check
from extract.checks.names import name_score
from extract.model import Annex, Claim, Indicator, Status, TextLine
from extract.narrative.claims import NarrativeReading, read_narrative

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "corpus" / "truth" / "fenghuang-2023-13.json"


def ind(annex_no: int, seq: str, target: str, status: str, section: str = "", progress: str = "",
        ratio: float | None = None, page: int = 9) -> Indicator:
    return Indicator(file=FILE, annex_no=annex_no, campaign=CAMPAIGNS[annex_no - 1], section=section, seq=seq,
                     target=target, responsible_units=(), progress=progress, completion_raw="",
                     completion_ratio=ratio, status_raw={"completed": "完成年度任务", "on_track": "进展有序",
                                                         "behind": "未完成时序进度", "preparing": "前期准备",
                                                         "unassigned": "未下指标"}.get(status, ""),
                     status=Status(status), page_start=page, page_end=page, locator=f"第{page}页")


# Annex 2 of the reference: 18 rows, 4 completed (row 2 预计完成), 12 on track, 2 behind.
ANNEX_2 = [ind(2, str(i), target, status) for i, (target, status) in enumerate([
    ("净增高新技术企业3家；科技型中小企业备案63家。", "on_track"),
    ("全社会研发经费投入增长12%以上，力争达到15%", "completed"),
    ("高新技术产业增加值增长12%以上。", "on_track"),
    ("培育省级专精特新小巨人企业1家。", "completed"),
    ("技术合同成交额2亿元。", "behind"),
    ("实施“智赋万企”行动，完成州定深度“上云”、“上平台”任务。", "on_track"),
    ("加大科技型企业知识价值信用贷款风险补偿力度，做好企业名录审核和推荐工作。", "on_track"),
    ("开展知识产权质押融资“入园惠企”行动，知识产权质押融资登记金额增长10%以上。", "behind"),
    ("完成市场监督管理局发明专利授权目标任务。", "on_track"),
    ("创建省级技术转移示范机构、科技企业孵化器、众创空间。", "on_track"),
    ("聚焦大数据产业链建设，力争数字经济增长15%以上。", "on_track"),
    ("创建州级重点实验室、工程技术研究中心、临床医学研究中心。", "on_track"),
    ("申报一批省级创新平台。", "on_track"),
    ("实施高校毕业生就业创业促进行动。", "on_track"),
    ("深入实施科技特派员、“三区科技人才”等制度。", "completed"),
    ("集聚一批院士、“三尖”人才等科技领军人才团队。", "completed"),
    ("落实《湘西自治州高层次及急需紧缺人才引进管理办法》。", "on_track"),
    ("报送特色亮点工作", "on_track"),
], 1)]

# Annex 6's 省重点民生实事项目 sub-table: 30 assessed rows under 10 序号, plus unassessed sub-rows.
_P = "省重点民生实事项目"
ANNEX_6_PROVINCE = (
    [ind(6, "1", "启动100所县域普通高中一校一栋建筑项目，适应生源增长，改善办学条件", "unassigned", _P),
     ind(6, "2", "“一网通办”事项达到700项", "unknown", _P),             # no assessment: not counted
     ind(6, "2", "集成可应用的电子证照种类超过80类", "on_track", _P),
     ind(6, "2", "用户数突破136万人", "on_track", _P),
     ind(6, "3", "城镇新增就业20000人", "on_track", _P),
     ind(6, "3", "开展补贴性职业技能培训19000万人次", "on_track", _P),
     ind(6, "4", "农村适龄及城镇低保适龄妇女“两癌”免费检查33000人", "completed", _P)]
    + [ind(6, "5", f"医保经办服务{i}", "completed", _P) for i in range(4)]
    + [ind(6, "6", "完成1095户困难老年人居家适老化改造", "preparing", _P, ratio=0.35)]
    + [ind(6, "7", f"提高困难群体救助标准{i}", "on_track", _P) for i in range(2)]
    + [ind(6, "7", f"提高残疾人孤儿补贴标准{i}", "completed", _P) for i in range(4)]
    + [ind(6, "8", f"残疾人关爱服务{i}", "on_track", _P) for i in range(2)]
    + [ind(6, "9", "开工改造103个城镇老旧小区", "on_track", _P),
       ind(6, "9", "城镇住宅小区居民“一户一表”改造接收18000户", "preparing", _P),
       ind(6, "10", "完成农村公路提质改造", "preparing", _P),
       ind(6, "10", "完成农村公路安防设施建设", "preparing", _P),
       ind(6, "10", "普通国省道安防精细化提升", "preparing", _P)]
    + [ind(6, "10", f"农村电网与网络建设{i}", "on_track", _P) for i in range(3)]
    + [ind(6, "10", f"农村水源保障{i}", "on_track", _P) for i in range(3)]
)


def reading_of(text_lines: list[str], rules, indicators=()) -> NarrativeReading:
    lines = [TextLine("一、工作进展情况", 1, "第1页")] + [TextLine(t, 1, "第1页") for t in text_lines]
    return read_narrative(lines, annexes(), list(indicators), rules, FILE)


def facts(finding) -> tuple[str, str, str, str]:
    """What a finding says, field by field (not its English detail)."""
    return finding.label, finding.stated, finding.computed, finding.basis


def problems(findings) -> list:
    """The findings about the document (info lines say what was not checked)."""
    return [f for f in findings if f.severity != "info"]


def kinds(findings) -> list[tuple[str, str, str]]:
    return [(f.kind, f.severity, f.section) for f in problems(findings)]


def test_fixture_tables_are_as_the_reference_says():
    assert sum(r.status == "completed" for r in ANNEX_2) == 4 and len(ANNEX_2) == 18
    assessed = [r for r in ANNEX_6_PROVINCE if r.status != "unknown"]
    assert len(assessed) == 30 and len({r.seq for r in ANNEX_6_PROVINCE}) == 10


def test_reference_mistakes_are_found_and_nothing_else(rules):
    indicators = ANNEX_2 + ANNEX_6_PROVINCE
    reading = read_narrative(lines_of(REFERENCE), annexes(), indicators, rules, FILE)
    findings = check(reading, indicators, annexes(), rules, FILE)
    assert [(f.kind, f.severity, f.annex_no, f.campaign, f.section, *facts(f)) for f in problems(findings)] == [
        ("percent_mismatch", "error", 2, "打好科技创新攻坚仗", "(二)", "已完成年度任务", "22.3%", "22.2%", "4/18"),
        ("percent_truncated", "warning", 6, "打好重点民生保障仗", "(六)1", "处于前期准备阶段", "16.66%", "16.67%", "5/30"),
    ]
    assert all(f.page == 1 and f.file == FILE for f in findings)
    # the row without a status is left out of the 30, and the reader is told so
    [note] = [f for f in findings if f.severity == "info" and f.section == "(六)1"]
    assert note.kind == "unchecked" and "1 rows without a status (31 rows in all)" in note.detail


def test_consistent_section_gives_nothing(rules):
    # 11% for 2/18 is right at 0 decimals; 66.7% for 12/18; names match the behind rows
    reading = reading_of(["（二）打好科技创新攻坚仗。共有重点监测指标18项，截至目前，已完成年度任务4项，占比22.2%；"
                        "进展有序12项，占比66.7%，未完成时序进度2项，占比11%，未完成时序进度的指标分别为技术合同成交额、"
                        "知识产权质押融资登记。（详见附件2）"], rules, ANNEX_2)
    assert check(reading, ANNEX_2, annexes(), rules, FILE) == []


def test_sixty_five_percent_and_behind_synonyms_are_no_alarm(rules):
    # 65% for 26/40 is right; the narrative's 进展滞后 is the table's 未完成时序进度 (both behind)
    rows = ([ind(1, str(i), f"指标{i}", "on_track") for i in range(26)]
            + [ind(1, str(26 + i), f"其他指标{i}", "completed") for i in range(12)]
            + [ind(1, "38", "凤凰县大唐领御项目保交楼", "behind", "房地产", "大唐领御项目2#楼外墙施工队进场正常施工"),
               ind(1, "39", "通过容缺承诺制等方式推行“交房即交证”", "behind", "房地产",
                   "全县共实施保交楼项目2个，办证情况为：大唐领域项目已办理栋证2本")])
    reading = reading_of(["（一）打好经济增长主动仗。共有重点监测指标40项，其中，进展有序26项，占比65%；已完成年度任务12项，"
                        "占比30%；进展滞后2项，占比5%。未完成时序进度的指标分别为分别为凤凰县大唐领域项目施工进度缓慢、"
                        "保交楼办证工作。（详见附件1）"], rules, rows)
    # the one warning: the narrative spells the project 大唐领域, its row 大唐领御
    [variant] = check(reading, rows, annexes(), rules, FILE)
    assert (variant.kind, variant.severity, variant.stated, variant.computed) == \
        ("name_variant", "warning", "大唐领域", "大唐领御")


def test_percent_truncated_is_a_warning(rules):
    rows = [ind(1, str(i), f"指标{i}", "on_track" if i < 25 else "behind") for i in range(30)]
    reading = reading_of(["（一）打好经济增长主动仗。共有重点监测指标30项，进展有序25项，占比83.33%；未完成时序进度5项，"
                        "占比16.66%。（详见附件1）"], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    assert kinds(findings) == [("percent_truncated", "warning", "(一)")]
    assert facts(findings[0]) == ("未完成时序进度", "16.66%", "16.67%", "5/30")


def test_percent_mismatch(rules):
    reading = reading_of(["（一）打好经济增长主动仗。共有重点监测指标40项，已完成年度任务1项，占比2.6%；进展有序39项，占比97.5%。"
                        "（详见附件1）"], rules)
    findings = check(reading, [], annexes(), rules, FILE)
    assert kinds(findings) == [("percent_mismatch", "error", "(一)")]
    assert facts(findings[0]) == ("已完成年度任务", "2.6%", "2.5%", "1/40")


def test_percent_sum_not_100(rules):
    def part(label: str, status: Status, pct_raw: str, pct: float) -> Claim:
        return Claim(FILE, "(一)", "打好经济增长主动仗", 1, label, status, None, None, pct_raw, pct, "…", 1, "第1页")
    claims = [part("已完成年度任务", Status.COMPLETED, "20%", 0.2), part("进展有序", Status.ON_TRACK, "70%", 0.7),
              part("未完成时序进度", Status.BEHIND, "5%", 0.05)]
    findings = check(NarrativeReading(claims, {}), [], annexes(), rules, FILE)
    assert kinds(findings) == [("percent_mismatch", "error", "(一)")]
    assert facts(findings[0])[1:3] == ("95%", "100%")
    # within rounding: 33.3 + 33.3 + 33.3 = 99.9 is fine
    claims = [part("a", Status.COMPLETED, "33.3%", 0.333), part("b", Status.ON_TRACK, "33.3%", 0.333),
              part("c", Status.BEHIND, "33.3%", 0.333)]
    assert check(NarrativeReading(claims, {}), [], annexes(), rules, FILE) == []


def test_sum_mismatch(rules):
    reading = reading_of(["（一）打好经济增长主动仗。共有重点监测指标40项，已完成年度任务1项，进展有序26项，未完成时序进度12项。"
                        "（详见附件1）"], rules)
    findings = check(reading, [], annexes(), rules, FILE)
    assert kinds(findings) == [("sum_mismatch", "error", "(一)")]
    assert facts(findings[0])[1:] == ("40", "39", "1 + 26 + 12")


def test_total_vs_table_counts_assessed_rows_and_groups(rules):
    rows = ([ind(6, str(1 + i // 3), f"项目{i}", "on_track", "州重点民生实事项目") for i in range(5)]
            + [ind(6, "2", "分组标题行", "unknown", "州重点民生实事项目")])
    reading = reading_of(["（六）打好重点民生保障仗。", "1.州定民生实事项目", "2023年州定民生实事项目涉及我县共3件6项，截至目前，"
                        "均有序推进。（详见附件6）"], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    # 6 items may count the row without a status: that alone is no contradiction (an info line) …
    assert [(f.kind, f.severity) for f in findings if f.kind in ("total_vs_table", "unchecked")] == [
        ("unchecked", "info"), ("total_vs_table", "error")]
    assert "stated total 6, the table has 5 assessed rows" in findings[0].detail   # why it was left unchecked
    assert facts(findings[1])[1:3] == ("3", "2")                                  # 件 against distinct 序号
    assert findings[1].detail == "(六)1 州定民生实事项目: stated 3 件, the table has 2 distinct 序号"
    # … but "均有序推进" says 6 on track, and only 5 rows are
    assert kinds(findings)[-1] == ("count_vs_table", "error", "(六)1")


def test_count_vs_table(rules):
    rows = [ind(4, str(i), f"风险{i}", "on_track") for i in range(37)] + [
        ind(4, "37", "大唐领御项目", "behind"), ind(4, "38", "保交楼办证", "on_track")]
    reading = reading_of(["（四）打好防范化解风险阻击仗。共有重点监测指标39项，其中，进展有序37项，占比94.9%；进展滞后2项，"
                        "占比5.1%。（详见附件4）"], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    assert kinds(findings) == [("count_vs_table", "error", "(四)"), ("count_vs_table", "error", "(四)")]
    assert [facts(f)[:3] for f in findings] == [("进展有序", "37", "38"), ("进展滞后", "2", "1")]


def test_ocr_doubt_turns_a_finding_into_an_unchecked_line(rules):
    """A scan read '进展滞后' as '进展有序' with confidence 0.55: the count mismatch rests on that
    misread, so it is an info line naming the score, not an error (issue 12)."""
    import dataclasses

    rows = [ind(4, str(i), f"风险{i}", "on_track") for i in range(37)] + [
        ind(4, "37", "大唐领御项目", "behind"), ind(4, "38", "保交楼办证", "on_track")]
    rows[-1] = dataclasses.replace(rows[-1], min_confidence=0.55, confidence=(("status_raw", 0.55),))
    reading = reading_of(["（四）打好防范化解风险阻击仗。共有重点监测指标39项，其中，进展有序37项，占比94.9%；进展滞后2项，"
                          "占比5.1%。（详见附件4）"], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    assert kinds(findings) == []
    doubts = [f for f in findings if f.kind == "unchecked"]
    assert len(doubts) == 2 and all("OCR confidence 0.55 in row '38 保交楼办证'" in f.detail for f in doubts)
    # the same misread with a confident reading is the document's own contradiction
    rows[-1] = dataclasses.replace(rows[-1], min_confidence=0.97, confidence=(("status_raw", 0.97),))
    assert len(problems(check(reading, rows, annexes(), rules, FILE))) == 2


def test_an_uncertain_column_mapping_is_an_unchecked_line_not_an_error(rules):
    """The same contradiction as above, but the status column was chosen with little evidence:
    the count check says why it was not run; the target column stays trusted for the names."""
    from extract.model import Role, RoleChoice, TableMapping

    rows = [ind(4, str(i), f"风险{i}", "on_track") for i in range(37)] + [
        ind(4, "37", "大唐领御项目", "behind"), ind(4, "38", "保交楼办证", "on_track")]
    reading = reading_of(["（四）打好防范化解风险阻击仗。共有重点监测指标39项，其中，进展有序37项，占比94.9%；进展滞后2项，"
                          "占比5.1%。（详见附件4）"], rules, rows)
    mapping = TableMapping(columns=("序号", "指标", "说明"), min_confidence=0.6, annex_no=4, table_no=0, choices=(
        RoleChoice(Role.TARGET, (1,), "指标", "header+content", 1.0),
        RoleChoice(Role.STATUS, (2,), "说明", "content, ambiguous", 0.42)))
    findings = check(reading, rows, annexes(), rules, FILE, tables=[mapping])
    assert kinds(findings) == []
    [line] = [f for f in findings if f.kind == "unchecked"]
    assert "(四) counts by status: the status column of 附件4 is uncertain" in line.detail


NARRATIVE_2 = ("（二）打好科技创新攻坚仗。共有重点监测指标18项，截至目前，已完成年度任务4项，占比22.2%；进展有序12项，"
               "占比66.7%，未完成时序进度2项，占比11%，未完成时序进度的指标分别为{names}。（详见附件2）")


def test_named_item_with_another_status(rules):
    rows = [r if r.seq != "8" else ind(2, "8", r.target, "on_track") for r in ANNEX_2]
    rows = [r if r.seq != "9" else ind(2, "9", r.target, "behind") for r in rows]
    reading = reading_of([NARRATIVE_2.format(names="技术合同成交额、知识产权质押融资登记")], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    assert kinds(findings) == [("named_item_status", "error", "(二)"), ("named_item_missing", "error", "(二)")]
    assert facts(findings[0])[1:3] == ("behind", "on_track") and "知识产权质押融资登记" in findings[0].basis
    assert "发明专利授权" in findings[1].computed


def test_items_named_by_number_against_the_tables_numbers(rules):
    # the document's words in the details (序号, 第7件) are claims.yaml terms
    rows = [ind(3, str(i), f"事项{i}", "behind" if i in (2, 4) else "completed") for i in range(1, 6)]
    reading = reading_of(["二、存在问题", "确定事项5件，已办结3件，尚未办结的2件中，第3件、第7件进展滞后。（详见附件3）"],
                         rules, rows)
    findings = problems(check(reading, rows, annexes(), rules, FILE))
    assert [(f.kind, f.detail, f.stated) for f in findings] == [
        ("named_item_status", "二、 进展滞后。 names item 3 (behind), but its row '3 事项3' is completed (完成年度任务)",
         "第3件: behind"),
        ("name_not_found", "二、 进展滞后。: item 7 is not a 序号 of the table (it numbers 1-5)", "第7件")]


def test_name_not_found(rules):
    reading = reading_of([NARRATIVE_2.format(names="技术合同成交额、招商引资外资到位")], rules, ANNEX_2)
    findings = check(reading, ANNEX_2, annexes(), rules, FILE)
    # the unnamed behind row (知识产权质押融资) is missing too
    assert kinds(findings) == [("name_not_found", "error", "(二)"), ("named_item_missing", "error", "(二)")]
    assert findings[0].stated == "招商引资外资到位"
    assert "知识产权质押融资" in findings[1].computed


def test_named_item_missing(rules):
    reading = reading_of([NARRATIVE_2.format(names="技术合同成交额")], rules, ANNEX_2)
    findings = check(reading, ANNEX_2, annexes(), rules, FILE)
    assert kinds(findings) == [("named_item_missing", "error", "(二)")]
    assert "知识产权质押融资" in findings[0].computed


def test_names_are_shortened_and_may_name_the_problem():
    row = ind(1, "31", "园区招商到位资金20.5亿元，在全县总量中占比超过75%。", "behind")
    assert name_score("园区招商到位资金", row, 0.9) == 100
    risk = ind(4, "14", "1.对保交楼专项借款项目进行周调度，推进项目竣工交付使用。", "behind", "房地产",
               "大唐领御项目0.1775亿元资金已到位，2#楼外墙施工队进场正常施工")
    other = ind(4, "15", "组织开展政银企对接活动。", "on_track", "房地产", "正在积极与银行对接，争取配套资金。")
    assert name_score("凤凰县大唐领域项目施工进度缓慢", risk, 0.9) > name_score("凤凰县大唐领域项目施工进度缓慢", other, 0.9)


ANNEX_3 = [ind(3, str(i), f"提升行动{i}", "unknown", progress=text, page=20 + i) for i, text in enumerate([
    "共有37项任务清单,其中已完成年度任务6项,稳步推进31项 。",
    "共有87项任务清单,其中已完成年度任务21项,稳步推进66 项。",
    "共有33项任务清单,其中已完成年度任务14项,稳步推进19 项。",
    "共有21项任务清单,其中已完成年度任务3项,稳步推进18项 。",
    "共有47项任务清单,其中已完成年度任务11项,稳步推进36 项。",
], 1)]
NARRATIVE_3 = ("（三）打好优化发展环境持久仗。共有重点监测指标{total}项，截至目前，已完成年度任务{done}项，占比{p1}；"
               "稳步推进{going}项，占比{p2}。（详见附件3）")


def test_annex_3_cells_reconcile_with_the_narrative(rules):
    reading = reading_of([NARRATIVE_3.format(total=225, done=55, going=170, p1="24.4%", p2="75.6%")], rules, ANNEX_3)
    assert sum(c.kind == "cell" for c in reading.claims) == 15
    assert check(reading, ANNEX_3, annexes(), rules, FILE) == []


def test_annex_3_cells_disagree(rules):
    rows = list(ANNEX_3)
    rows[1] = ind(3, "2", "提升行动2", "unknown", progress="共有87项任务清单,其中已完成年度任务20项,稳步推进66项。", page=22)
    reading = reading_of([NARRATIVE_3.format(total=225, done=55, going=170, p1="24.4%", p2="75.6%")], rules, rows)
    findings = check(reading, rows, annexes(), rules, FILE)
    assert kinds(findings) == [("sum_mismatch", "error", "(三)"), ("count_vs_table", "error", "(三)")]
    assert facts(findings[0])[1:] == ("87", "86", "20 + 66") and findings[0].page == 22
    assert facts(findings[1])[:3] == ("已完成年度任务", "55", "54")
    # a narrative total that is not the cells' sum
    reading = reading_of([NARRATIVE_3.format(total=226, done=55, going=171, p1="24.3%", p2="75.7%")], rules, ANNEX_3)
    findings = check(reading, ANNEX_3, annexes(), rules, FILE)
    assert kinds(findings) == [("sum_mismatch", "error", "(三)"), ("count_vs_table", "error", "(三)")]
    assert facts(findings[0])[1:3] == ("226", "225")


def test_campaign_name_drift_is_a_warning(rules):
    reading = reading_of(["（一）打好经济发展主动仗。共有重点监测指标40项，截至目前，均有序推进。"], rules)
    findings = check(reading, [], annexes(), rules, FILE)
    assert [(f.kind, f.severity, f.annex_no, f.campaign) for f in findings] == [
        ("campaign_name_drift", "warning", 1, "打好经济增长主动仗")]
    assert findings[0].stated == "打好经济发展主动仗"


@pytest.mark.skipif(not TRUTH.exists(), reason="corpus truth not built yet")
def test_reference_narrative_against_truth_tables(rules):
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    indicators = [Indicator(**{"file": FILE, "page_start": None, "page_end": None, **row,
                                "responsible_units": tuple(row.get("responsible_units") or ())})
                  for row in truth["indicators"]]
    reading = read_narrative(lines_of(REFERENCE), annexes(), indicators, rules, FILE)
    findings = check(reading, indicators, annexes(), rules, FILE)
    assert [(f.kind, f.severity, f.annex_no, f.section) for f in problems(findings)] == [
        ("percent_mismatch", "error", 2, "(二)"), ("percent_truncated", "warning", 6, "(六)1"),
        ("name_variant", "warning", 4, "(四)")]


def _corpus_names() -> list[str]:
    sources = ROOT / "corpus" / "sources"
    return sorted(p.stem for p in sources.glob("*.yaml") if (ROOT / "corpus" / "truth" / f"{p.stem}.json").exists())


@pytest.mark.parametrize("name", _corpus_names())
def test_corpus_narratives_give_exactly_their_expected_findings(name, rules):
    """Each corpus bulletin's clean narrative + truth tables: the hand-written expected findings, no more."""
    yaml = pytest.importorskip("yaml")
    source = yaml.safe_load((ROOT / "corpus" / "sources" / f"{name}.yaml").read_text(encoding="utf-8"))
    truth = json.loads((ROOT / "corpus" / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    indicators = [Indicator(**{"file": name, "page_start": None, "page_end": None, **row,
                                "responsible_units": tuple(row.get("responsible_units") or ())})
                  for row in truth["indicators"]]
    campaigns = {}
    for row in truth["indicators"]:
        campaigns.setdefault(row["annex_no"], row["campaign"])
    annex_list = [Annex(no=a["no"], title=a["title"], campaign=campaigns.get(a["no"], "")) for a in source["annexes"]]
    lines = [TextLine(text, None, f"第{i}段") for i, text in enumerate(source["body"], 1)]
    reading = read_narrative(lines, annex_list, indicators, rules, name)
    findings = problems(check(reading, indicators, annex_list, rules, name))
    got = sorted((f.kind, f.annex_no, f.campaign) for f in findings)
    want = sorted((e["kind"], e["annex_no"], e["campaign"]) for e in truth["expected_findings"])
    assert got == want, [f.detail for f in findings]


def test_names_are_matched_to_rows_by_a_pure_function(rules):
    from extract.checks.names import match_names

    tol = rules.tolerances.names
    # two late items of annex 2, one said with its words shortened
    matching = match_names([("技术合同成交额", Status.BEHIND), ("知识产权质押融资登记", Status.BEHIND)], ANNEX_2, tol)
    assert {k: ANNEX_2[r].seq for k, r in matching.row_of.items()} == {0: "5", 1: "8"}
    assert matching.across == frozenset()
    # a name of the list's status that only a row of another status carries is matched across
    other = match_names([("发明专利授权", Status.BEHIND)], ANNEX_2, tol)
    assert {k: ANNEX_2[r].seq for k, r in other.row_of.items()} == {0: "9"} and other.across == {0}
