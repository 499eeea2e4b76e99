"""Claims of the narrative: the reference bulletin's 一、工作进展情况, with its converter damage."""
from __future__ import annotations

import pytest

from extract.model import Annex, Claim, Indicator, TextLine
from extract.narrative.claims import extract_claims, read_narrative
from extract.narrative.outline import outline

# The narrative of /work/shared/seeds/000_1518ac055eb62881.txt (fenghuang 2023-13) as the
# converter left it: "- " bullets, spaces inside numbers ("22. 3%"), a word cut over a blank
# line ("技术\n\n合同成交额"), "施工进 度", the doubled "分别为分别为".
REFERENCE = """\
凤凰县人民政府督查室

凤政督函〔2023〕13号

凤凰县打好"发展六仗"工作情况专报

近期,县政府督查室对全县打好"发展六仗"工作情况进行 专项调度。现将有关情况汇报如下:

一、工作进展情况

- (一) 打好经济增长主动仗。共有重点监测指标 40 项,截至目前,已完成年度任务 1 项,占比 2.5%;进展有序 26 项,占比 65%;未完成时序进度 13 项,占比 32.5%,未完成时序进度的指标分别为地区生产总值、固定资产投资、园区技工贸总收入、社会消费品零售总额、进出口总额、实际利用外资、新增有资质的建筑企业和有经营活动的房地产开发经营企业、金融机构存贷款余额、城乡居民人均可支配收入、"夜湘村"计划、园区招商到位资金、园区产业项目投资、园区单体投资超过 2 亿元的产业项目。(详见附件 1)
- (二) 打好科技创新攻坚仗。共有重点监测指标 18 项,截至目前,已完成年度任务 4 项,占比 22. 3%;进展有序 12 项,占比 66. 7%,未完成时序进度 2 项,占比 11%,未完成时序进度的指标分别为技术

合同成交额、知识产权质押融资登记。(详见附件2)

- (三) 打好优化发展环境持久仗。共有重点监测指标 225 项, 截至目前, 已完成年度任务 55 项, 占比 24.4%; 稳步推进 170 项, 占比 75.6%。(详见附件 3)
- (四)打好防范化解风险阻击仗。共有重点监测指标 39 项, 其中,进展有序 37 项,占比 94.9%;进展滞后 2 项,占比 5.1%。 未完成时序进度的指标分别为分别为凤凰县大唐领域项目施工进 度缓慢、保交楼办证工作。(详见附件 4)
- (五)打好安全生产翻身仗。共有重点监测指标 23 项,截至目前,均有序推进。1-4 月,全县未发生较大及以上生产安全事故。(详见附件 5)

(六) 打好重点民生保障仗。

1. 省定十大重点民生实事项目

2023年省下达凤凰县重点民生实事共10件30项,截至目前,已完成年度任务9项,占比30.00%;有序推进15项,占比50.00%;处于前期准备阶段5项,占比16.66%,1项待州里下达具体任务,即启动建设县域普通高中"徐特立项目"。处于前期准备阶段的分别是困难老年人居家适老化改造、城镇住宅小区居民"一户一表"改造、农村公路提质改造、农村公路安防设施建设、普通国省道安防精细化提升;

- 2. 省定重点监测民生实事项目
- 2023年省定重点监测民生实事项目涉及我县共4件6项,

截至目前,有序推进6项,占比100.00%。

3. 州定民生实事项目

2023年州定民生实事项目涉及我县共15件20项,截至目前,已完成年度任务1项,占比5.00%;有序推进12项,占比60.00%;处于前期准备阶段7项,占比35.00%,分别是乡镇标准化寄宿制学校建设、新建村组停车场、农村公路提质改造、农村公路安防工程提质升级、公共充电桩建设、通信管线整治、建成营运村居综合照料中心。

(详见附件6)

二、存在问题

- (一)工作重视程度有待提高。督查发现,有的专班工作机制有待进一步理顺,各责任单位工作合力有待加强。如打好经济发展主动仗专班力量单薄,仅有专抓人员1人,未全面及时掌握各项指标进展情况;打好防范化解风险阻击仗专班尚未召开专题会议研究等,不利于工作推动。
- (二)部分工作推进有待加快。一是有的经济指标未达预期。 一季度,我县固定资产投资增速排名全州第八,城镇居民可支配 收入排名全州第七,农村居民可支配收入排名全州第五。截至 目前,进出口总额仅完成全年任务的 7.05%,技术合同成交额 仅完成全年任务的 2.8%。二是重点民生实事项目进展不平衡, 个别项目暂未下达指标任务,如启动建设县域普通高中"徐特立 项目",一定程度上影响了项目推进。省重点民生实事项目中有

5 项任务、州定民生实事项目中有7项任务尚处于前期筹备阶段,暂无实质性进展。共有问题指标12项,其中进展滞后5项,占比41.7%。

三、下步工作建议

(一)提高思想认识,强化责任落实。各专班共有考核指标10项,已完成年度任务3项。

附件: 1. 凤凰县打好经济增长主动仗重要指标监测表

- 2. 凤凰县打好科技创新攻坚仗重要指标监测表
"""
# (The last sentence of 二、(二) and the one of 三、(一) are added: counts outside 一、 give no claims.)

CAMPAIGNS = ["打好经济增长主动仗", "打好科技创新攻坚仗", "打好优化发展环境持久仗",
             "打好防范化解风险阻击仗", "打好安全生产翻身仗", "打好重点民生保障仗"]
FILE = "fenghuang-2023-13.pdf"


def annexes(campaigns=CAMPAIGNS) -> list[Annex]:
    return [Annex(no=i + 1, title=f"凤凰县{c}重要指标监测表", campaign=c) for i, c in enumerate(campaigns)]


def lines_of(text: str, per_page: int = 1000) -> list[TextLine]:
    """One TextLine per dump line (blank lines kept out, as a PDF reader gives none)."""
    out = []
    for i, line in enumerate(l for l in text.splitlines() if l.strip()):
        page = 1 + i // per_page
        out.append(TextLine(line, page, f"第{page}页"))
    return out


def wrapped(text: str, width: int = 29, per_page: int = 12) -> list[TextLine]:
    """The same text as a PDF gives it: every paragraph cut into lines of `width` characters."""
    out, n = [], 0
    for para in (l for l in text.splitlines() if l.strip()):
        for start in range(0, len(para), width):
            page = 1 + n // per_page
            out.append(TextLine(para[start:start + width], page, f"第{page}页"))
            n += 1
    return out


def row(c: Claim) -> tuple:
    return (c.section, c.kind, c.label, c.status, c.count, c.total, c.percent_raw, c.percent, c.names)


NAMES_1 = ("地区生产总值", "固定资产投资", "园区技工贸总收入", "社会消费品零售总额", "进出口总额", "实际利用外资",
           "新增有资质的建筑企业和有经营活动的房地产开发经营企业", "金融机构存贷款余额", "城乡居民人均可支配收入",
           '"夜湘村"计划', "园区招商到位资金", "园区产业项目投资", "园区单体投资超过2亿元的产业项目")
NAMES_6_1 = ("困难老年人居家适老化改造", '城镇住宅小区居民"一户一表"改造', "农村公路提质改造", "农村公路安防设施建设",
             "普通国省道安防精细化提升")
NAMES_6_3 = ("乡镇标准化寄宿制学校建设", "新建村组停车场", "农村公路提质改造", "农村公路安防工程提质升级",
             "公共充电桩建设", "通信管线整治", "建成营运村居综合照料中心")

EXPECTED = [
    ("(一)", "total", "共有重点监测指标", "total", 40, 40, "", None, ()),
    ("(一)", "part", "已完成年度任务", "completed", 1, 40, "2.5%", 0.025, ()),
    ("(一)", "part", "进展有序", "on_track", 26, 40, "65%", 0.65, ()),
    ("(一)", "part", "未完成时序进度", "behind", 13, 40, "32.5%", 0.325, ()),
    ("(一)", "names", "未完成时序进度的指标分别为", "behind", 13, 40, "", None, NAMES_1),
    ("(二)", "total", "共有重点监测指标", "total", 18, 18, "", None, ()),
    ("(二)", "part", "已完成年度任务", "completed", 4, 18, "22.3%", 0.223, ()),
    ("(二)", "part", "进展有序", "on_track", 12, 18, "66.7%", 0.667, ()),
    ("(二)", "part", "未完成时序进度", "behind", 2, 18, "11%", 0.11, ()),
    ("(二)", "names", "未完成时序进度的指标分别为", "behind", 2, 18, "", None, ("技术合同成交额", "知识产权质押融资登记")),
    ("(三)", "total", "共有重点监测指标", "total", 225, 225, "", None, ()),
    ("(三)", "part", "已完成年度任务", "completed", 55, 225, "24.4%", 0.244, ()),
    ("(三)", "part", "稳步推进", "on_track", 170, 225, "75.6%", 0.756, ()),
    ("(四)", "total", "共有重点监测指标", "total", 39, 39, "", None, ()),
    ("(四)", "part", "进展有序", "on_track", 37, 39, "94.9%", 0.949, ()),
    ("(四)", "part", "进展滞后", "behind", 2, 39, "5.1%", 0.051, ()),
    ("(四)", "names", "未完成时序进度的指标分别为", "behind", 2, 39, "", None, ("凤凰县大唐领域项目施工进度缓慢", "保交楼办证工作")),
    ("(五)", "total", "共有重点监测指标", "total", 23, 23, "", None, ()),
    ("(五)", "all", "均有序推进", "on_track", 23, 23, "", None, ()),
    ("(六)1", "total", "省定十大重点民生实事项目", "total", 30, 30, "", None, ()),
    ("(六)1", "total", "省定十大重点民生实事项目", "total_groups", 10, 10, "", None, ()),
    ("(六)1", "part", "已完成年度任务", "completed", 9, 30, "30.00%", 0.3, ()),
    ("(六)1", "part", "有序推进", "on_track", 15, 30, "50.00%", 0.5, ()),
    ("(六)1", "part", "处于前期准备阶段", "preparing", 5, 30, "16.66%", 0.1666, ()),
    ("(六)1", "part", "待州里下达具体任务", "unassigned", 1, 30, "", None, ()),
    ("(六)1", "names", "1项待州里下达具体任务,即", "unassigned", 1, 30, "", None, ('启动建设县域普通高中"徐特立项目"',)),
    ("(六)1", "names", "处于前期准备阶段的分别是", "preparing", 5, 30, "", None, NAMES_6_1),
    ("(六)2", "total", "省定重点监测民生实事项目", "total", 6, 6, "", None, ()),
    ("(六)2", "total", "省定重点监测民生实事项目", "total_groups", 4, 4, "", None, ()),
    ("(六)2", "part", "有序推进", "on_track", 6, 6, "100.00%", 1.0, ()),
    ("(六)3", "total", "州定民生实事项目", "total", 20, 20, "", None, ()),
    ("(六)3", "total", "州定民生实事项目", "total_groups", 15, 15, "", None, ()),
    ("(六)3", "part", "已完成年度任务", "completed", 1, 20, "5.00%", 0.05, ()),
    ("(六)3", "part", "有序推进", "on_track", 12, 20, "60.00%", 0.6, ()),
    ("(六)3", "part", "处于前期准备阶段", "preparing", 7, 20, "35.00%", 0.35, ()),
    ("(六)3", "names", "分别是", "preparing", 7, 20, "", None, NAMES_6_3),
]


@pytest.fixture(scope="module")
def reference_claims(rules) -> list[Claim]:
    """The campaign claims of the reference; its 二、存在问题 part is read too, as genre statements."""
    return [c for c in extract_claims(lines_of(REFERENCE), annexes(), [], rules, FILE) if not c.genre]


def test_reference_claims_exactly(reference_claims):
    assert [row(c) for c in reference_claims] == EXPECTED


def test_reference_claims_link_their_annex(reference_claims):
    by_section = {c.section: (c.annex_no, c.campaign) for c in reference_claims}
    assert by_section == {
        "(一)": (1, "打好经济增长主动仗"), "(二)": (2, "打好科技创新攻坚仗"), "(三)": (3, "打好优化发展环境持久仗"),
        "(四)": (4, "打好防范化解风险阻击仗"), "(五)": (5, "打好安全生产翻身仗"),
        "(六)1": (6, "打好重点民生保障仗"), "(六)2": (6, "打好重点民生保障仗"), "(六)3": (6, "打好重点民生保障仗"),
    }
    assert all(c.file == FILE and c.text for c in reference_claims)


def test_problems_part_gives_no_claims(reference_claims, rules):
    # 二、存在问题 and 三、 hold counts ("共有问题指标12项，其中进展滞后5项") that are no claims
    assert not [c for c in reference_claims if c.count in (12, 3) and c.kind == "total"]
    assert {c.section for c in reference_claims} == {"(一)", "(二)", "(三)", "(四)", "(五)", "(六)1", "(六)2", "(六)3"}
    # ...they are read as statements of any genre, never as a campaign's claims
    problems = REFERENCE[REFERENCE.index("二、存在问题"):]
    read = extract_claims(lines_of(problems), annexes(), [], rules, FILE)
    assert read and all(c.genre and c.section.startswith("二、") for c in read)


def test_outline_structure(rules):
    sections = outline(lines_of(REFERENCE), rules)
    # the opening paragraph, the progress part's own lines and 二、存在问题 are read as genre
    # statements; 三、下步工作打算 is not read
    assert [s.key for s in sections if s.genre] == ["导语", "一、", "二、", "二、(一)", "二、(二)"]
    assert [(s.key, s.heading) for s in sections if not s.genre] == [
        ("(一)", "打好经济增长主动仗"), ("(二)", "打好科技创新攻坚仗"), ("(三)", "打好优化发展环境持久仗"),
        ("(四)", "打好防范化解风险阻击仗"), ("(五)", "打好安全生产翻身仗"), ("(六)", "打好重点民生保障仗"),
        ("(六)1", "省定十大重点民生实事项目"), ("(六)2", "省定重点监测民生实事项目"), ("(六)3", "州定民生实事项目"),
    ]


def test_wrapped_pdf_lines_give_the_same_claims_and_their_pages(rules):
    claims = [c for c in extract_claims(wrapped(REFERENCE), annexes(), [], rules, FILE) if not c.genre]
    assert [row(c) for c in claims] == EXPECTED
    pages = {(c.section, c.label, c.status): c.page for c in claims}
    # (一)'s total starts on page 1; (六)3's sentences start later in the document
    assert pages[("(一)", "共有重点监测指标", "total")] == 1
    assert pages[("(六)3", "州定民生实事项目", "total")] > pages[("(四)", "共有重点监测指标", "total")] > 1
    assert all(c.locator == f"第{c.page}页" for c in claims)


def test_sentence_page_is_where_the_sentence_starts(rules):
    lines = [
        TextLine("一、工作进展情况", 1, "第1页"),
        TextLine("（一）打好经济增长主动仗。共有重点监测指标40项，截至目前，", 1, "第1页"),
        TextLine("已完成年度任务1项，占比2.5%；进展有序39", 1, "第1页"),
        TextLine("项，占比97.5%。", 2, "第2页"),
    ]
    claims = extract_claims(lines, annexes(), [], rules, FILE)
    assert [(c.label, c.count, c.page) for c in claims] == [
        ("共有重点监测指标", 40, 1), ("已完成年度任务", 1, 1), ("进展有序", 39, 1)]
    assert claims[2].percent_raw == "97.5%"


def test_chinese_numerals_and_fullwidth_digits(rules):
    lines = [
        TextLine("一、工作进展情况", 1, "第1页"),
        TextLine("（一）打好经济增长主动仗。共有重点监测指标四十项，截至目前，已完成年度任务十项，占比百分之二十五；"
                 "进展有序二十六项，占比百分之六十五；未完成时序进度四项，占比百分之十，未完成时序进度的指标分别为"
                 "“一户一表”改造、地区生产总值、固定资产投资、进出口总额。（详见附件一）", 1, "第1页"),
        TextLine("（二）打好科技创新攻坚仗。共有重点监测指标１８项，截至目前，已完成年度任务４项，占比２２．２％；"
                 "进展有序１４项，占比７７．８％。（详见附件２）", 1, "第1页"),
    ]
    claims = extract_claims(lines, annexes(), [], rules, FILE)
    assert [row(c) for c in claims] == [
        ("(一)", "total", "共有重点监测指标", "total", 40, 40, "", None, ()),
        ("(一)", "part", "已完成年度任务", "completed", 10, 40, "25%", 0.25, ()),
        ("(一)", "part", "进展有序", "on_track", 26, 40, "65%", 0.65, ()),
        ("(一)", "part", "未完成时序进度", "behind", 4, 40, "10%", 0.1, ()),
        ("(一)", "names", "未完成时序进度的指标分别为", "behind", 4, 40, "", None,
         ("“一户一表”改造", "地区生产总值", "固定资产投资", "进出口总额")),
        ("(二)", "total", "共有重点监测指标", "total", 18, 18, "", None, ()),
        ("(二)", "part", "已完成年度任务", "completed", 4, 18, "22.2%", 0.222, ()),
        ("(二)", "part", "进展有序", "on_track", 14, 18, "77.8%", 0.778, ()),
    ]
    assert {c.annex_no for c in claims} == {1, 2}


def test_campaign_link_by_name_and_drift(rules):
    # no "详见附件": the heading's campaign picks the annex, tolerant of drift (发展 vs 增长)
    lines = [
        TextLine("一、工作进展情况", 1, "第1页"),
        TextLine("（一）打好经济发展主动仗。共有重点监测指标40项，均有序推进。", 1, "第1页"),
        TextLine("（二）打好安全生产翻身仗。共有重点监测指标23项，均有序推进。", 1, "第1页"),
    ]
    claims = extract_claims(lines, annexes(), [], rules, FILE)
    assert [(c.section, c.annex_no, c.campaign) for c in claims] == [
        ("(一)", 1, "打好经济发展主动仗"), ("(一)", 1, "打好经济发展主动仗"),
        ("(二)", 5, "打好安全生产翻身仗"), ("(二)", 5, "打好安全生产翻身仗")]
    links = read_narrative(lines, annexes(), [], rules, FILE).links
    assert links["(一)"][:4] == (1, None, "打好经济增长主动仗", True)
    assert links["(二)"][:4] == (5, None, "打好安全生产翻身仗", False)


def test_heading_that_is_no_campaign_keeps_the_annex_campaign(rules):
    lines = [
        TextLine("一、工作进展情况", 1, "第1页"),
        TextLine("（一）经济运行方面。共有重点监测指标40项，均有序推进。（详见附件1）", 1, "第1页"),
    ]
    reading = read_narrative(lines, annexes(), [], rules, FILE)
    assert {(c.annex_no, c.campaign) for c in reading.claims} == {(1, "打好经济增长主动仗")}
    assert reading.links["(一)"].drift is False


def ind(annex_no: int, section: str, seq: str, target: str, status: str, progress: str = "",
        page: int | None = 9) -> Indicator:
    return Indicator(file=FILE, annex_no=annex_no, campaign=CAMPAIGNS[annex_no - 1], section=section, seq=seq,
                     target=target, responsible_units=(), progress=progress, completion_raw="",
                     completion_ratio=None, status_raw="", status=status, page_start=page, page_end=page,
                     locator=f"第{page}页")


def test_subsections_link_to_their_sub_tables(rules):
    tables = [ind(6, "省重点民生实事项目", "1", "a", "completed"), ind(6, "省重点监测民生项目", "1", "b", "on_track"),
              ind(6, "州重点民生实事项目", "", "c", "on_track")]
    links = read_narrative(lines_of(REFERENCE), annexes(), tables, rules, FILE).links
    assert links["(六)1"][:4] == (6, "省重点民生实事项目", "打好重点民生保障仗", False)
    assert links["(六)2"][:4] == (6, "省重点监测民生项目", "打好重点民生保障仗", False)
    assert links["(六)3"][:4] == (6, "州重点民生实事项目", "打好重点民生保障仗", False)
    assert links["(二)"][:4] == (2, None, "打好科技创新攻坚仗", False)


def test_cell_claims_of_annex_3(rules):
    cells = [
        ind(3, "", "1", "实施办事效率提升行动", "unknown", "共有37项任务清单,其中已完成年度任务6项,稳步推进31项 。", 12),
        ind(3, "", "2", "", "unknown", "共有87项任务清单,其中已完成年度任务21项,稳步推进66 项。", 12),
        ind(3, "", "3", "实施执法规范提升行动", "unknown", "办理中", 13),
    ]
    claims = [c for c in extract_claims(lines_of(REFERENCE), annexes(), cells, rules, FILE) if c.kind == "cell"]
    assert [(c.section, c.annex_no, c.label, c.status, c.count, c.total, c.page) for c in claims] == [
        ("(三)", 3, "任务清单", "total", 37, 37, 12),
        ("(三)", 3, "已完成年度任务", "completed", 6, 37, 12),
        ("(三)", 3, "稳步推进", "on_track", 31, 37, 12),
        ("(三)", 3, "任务清单", "total", 87, 87, 12),
        ("(三)", 3, "已完成年度任务", "completed", 21, 87, 12),
        ("(三)", 3, "稳步推进", "on_track", 66, 87, 12),
    ]
    assert all(c.campaign == "打好优化发展环境持久仗" for c in claims)


def test_a_negated_label_is_read_by_its_meaning(rules):
    lines = [
        TextLine("一、工作进展情况", 1, "第1页"),
        TextLine("（一）打好经济增长主动仗。共有重点监测指标40项，未完成年度任务3项，进展有序37项。（详见附件1）", 1, "第1页"),
    ]
    claims = extract_claims(lines, annexes(), [], rules, FILE)
    assert [(c.label, c.status, c.count) for c in claims] == [
        ("共有重点监测指标", "total", 40), ("未完成年度任务", "behind", 3), ("进展有序", "on_track", 37)]


def test_docx_paragraphs_without_pages(rules):
    lines = [TextLine(t, None, f"第{i}段") for i, t in enumerate([
        "一、工作进展情况", "（一）打好经济增长主动仗。共有重点监测指标40项，截至目前，均有序推进。（详见附件1）"], 1)]
    claims = extract_claims(lines, annexes(), [], rules, FILE)
    assert [(c.kind, c.count, c.page, c.locator) for c in claims] == [("total", 40, None, "第2段"), ("all", 40, None, "第2段")]


def test_single_named_item_without_fenbie(rules):
    text = ("一、工作进展情况\n（一）打好经济增长主动仗。共有重点监测指标6项，截至目前，进展有序5项，占比83.3%；"
            "未完成时序进度1项，占比16.7%，未完成时序进度的指标为进出口总额。（详见附件1）")
    claims = extract_claims(lines_of(text), annexes(), [], rules, "f.pdf")
    [named] = [c for c in claims if c.kind == "names"]
    assert (named.status, named.names, named.count) == ("behind", ("进出口总额",), 1)
