"""Generate the 花垣县 series: six consecutive bulletins of one county across a year boundary, as
corpus sources (corpus/SCHEMA.md), plus the truth of the indicators' identities across them.

    python corpus/series/make_series.py        # writes corpus/series/sources/*.yaml and truth/history/
    python corpus/build.py --no-variants --out corpus/series corpus/series/sources/*.yaml

The series exists to test linking one indicator across bulletins (`zhuanbao history`). Between
issues the indicators are reworded (2023年度 → 2024年度, 3家 → 5家, 进出口总额 → 外贸进出口总额),
added (a whole new campaign in 2024), dropped, reordered, moved to another annex number, skip one
issue and come back, change their responsible unit; their statuses evolve, and some are behind in
three or more issues in a row. Every row carries its true series id (`sid` below), and the truth
file lists the true links and the expected laggards.

Written from the bulletins' point of view only: nothing here reads extract/ or rules/. Status cells
use plain words only; "behind" means 未完成时序进度 or 进展滞后 (the two words of a 专报 for it).
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ISSUER = "花垣县人民政府督查室"
COUNTY = "花垣县"
MIN_RUN = 2          # laggards: behind in at least this many consecutive bulletins

# --------------------------------------------------------------------------------------------
# The bulletins, in order. `months`: progress is reported cumulatively for the first N months.
# `period`: what the period is, as an analyst would read it (start, end, label, the evidence).

BULLETINS = [
    dict(name="huayuan-2023-08", doc="花政督函〔2023〕8号", date="2023年7月21日", year=2023, months=6,
         title="花垣县打好“发展六仗”2023年上半年工作情况专报",
         period=("2023-01-01", "2023-06-30", "2023年上半年", "title")),
    dict(name="huayuan-2023-12", doc="花政督函〔2023〕12号", date="2023年10月20日", year=2023, months=9,
         title="花垣县打好“发展六仗”第三季度工作情况专报",          # the year is the date's
         period=("2023-07-01", "2023-09-30", "2023年第三季度", "title+date")),
    dict(name="huayuan-2024-01", doc="花政督函〔2024〕1号", date="2024年1月19日", year=2023, months=12,
         title="花垣县打好“发展六仗”第四季度工作情况专报",          # printed in 2024, about 2023
         period=("2023-10-01", "2023-12-31", "2023年第四季度", "title+date")),
    dict(name="huayuan-2024-04", doc="花政督函〔2024〕4号", date="2024年4月19日", year=2024, months=3,
         title="花垣县打好“发展六仗”2024年一季度工作情况专报",
         period=("2024-01-01", "2024-03-31", "2024年第一季度", "title")),
    dict(name="huayuan-2024-06", doc="花政督函〔2024〕6号", date="2024年5月20日", year=2024, months=4,
         title="花垣县打好“发展六仗”工作情况专报",                  # no period printed: the date's
         period=("2024-01-01", "2024-05-20", "2024年截至5月20日", "date")),
    dict(name="huayuan-2024-09", doc="花政督函〔2024〕9号", date="2024年7月19日", year=2024, months=6,
         title="花垣县打好“发展六仗”2024年1-6月工作情况专报",
         period=("2024-01-01", "2024-06-30", "2024年1-6月", "title")),
]
N = len(BULLETINS)

STATUS_WORDS = {"C": "已完成年度任务", "O": "进展有序", "B": "未完成时序进度", "L": "进展滞后",
                "P": "处于前期准备阶段"}
BEHIND = {"B", "L"}
COUNTED = {"家", "个", "所", "套", "名", "户", "件"}


@dataclass
class Ind:
    """One indicator across the series. `st`: a status code per bulletin ("-" = not in it).
    t23 / t24: the target as printed in 2023 / 2024 (the 2024 one defaults to the 2023 one)."""

    sid: str
    camp: str
    st: str
    t23: str = ""
    t24: str = ""
    units23: str = ""
    units24: str = ""
    kind: str = "amount"          # rate | amount | text | mins
    subject: str = ""             # progress wording
    qty: tuple = ()               # (2023 amount, 2024 amount, unit) for kind amount / mins
    short: str = ""               # name in the narrative's list of behind indicators
    section: str = ""             # group / 风险类型 / 工作任务 / 民生 sub-table
    task: str = ""                # risk: 工作任务; 民生: 项目名称; safety: unused
    extra: dict = field(default_factory=dict)

    def target(self, b: int) -> str:
        return (self.t24 or self.t23) if BULLETINS[b]["year"] == 2024 else self.t23

    def units(self, b: int) -> str:
        return (self.units24 or self.units23) if BULLETINS[b]["year"] == 2024 else self.units23

    def amount(self, b: int):
        return self.qty[1] if BULLETINS[b]["year"] == 2024 else self.qty[0]


ECO = "打好经济增长主动仗"
TECH = "打好科技创新攻坚仗"
SAFE = "打好安全生产翻身仗"
RISK = "打好防范化解风险阻击仗"
LIFE = "打好重点民生保障仗"

INDICATORS = [
    # --- economy ------------------------------------------------------------------------------
    Ind("E01", ECO, "BBOBBB", "地区生产总值增长7.5%以上。", "地区生产总值增长8%以上。", "县发改局",
        kind="rate", subject="全县地区生产总值同比增长", short="地区生产总值"),
    Ind("E02", ECO, "OBBBOO", "固定资产投资增长10%。", "固定资产投资增长8%。", "县发改局",
        kind="rate", subject="全县固定资产投资同比增长", short="固定资产投资"),
    Ind("E03", ECO, "OOCOOO", "重点项目投资65亿元。", "重点项目投资70亿元。", "县发改局",
        subject="全县重点项目累计完成投资", qty=(65, 70, "亿元")),
    Ind("E04", ECO, "OOCOOO", "新增规模以上服务业企业3家。", "新增规模以上服务业企业5家。", "县发改局",
        subject="新增入库规模以上服务业企业", qty=(3, 5, "家")),
    Ind("E05", ECO, "OCCOBB", "新增规模以上工业企业8家。", "新增规模以上工业企业10家。", "县工信局",
        subject="新增入库规模以上工业企业", qty=(8, 10, "家"), short="新增规模以上工业企业"),
    Ind("E06", ECO, "BOOOOO", "园区技工贸总收入突破120亿元。", "园区技工贸总收入突破135亿元。",
        "县园区办、花垣高新区管委会", subject="园区实现技工贸总收入", qty=(120, 135, "亿元"),
        short="园区技工贸总收入"),
    Ind("E07", ECO, "BBBBOB", "园区招商到位资金25亿元。", "园区招商到位资金28亿元。",
        "花垣高新区管委会、县商务局", subject="园区招商实际到位资金", qty=(25, 28, "亿元"),
        short="园区招商到位资金"),
    Ind("E08", ECO, "BOOOOB", "社会消费品零售总额增长7%。", "社会消费品零售总额增长6.5%。", "县商务局",
        kind="rate", subject="全县社会消费品零售总额同比增长", short="社会消费品零售总额"),
    Ind("E09", ECO, "BBOBBO", "进出口总额增长15%。", "外贸进出口总额增长12%以上。", "县商务局",
        kind="rate", subject="全县外贸进出口总额同比增长", short="进出口总额"),
    Ind("E10", ECO, "OBBOOO", "实际利用外资1000万美元。", "实际使用外资1200万美元。", "县商务局",
        subject="实际到位外资", qty=(1000, 1200, "万美元"), short="实际利用外资"),
    Ind("E11", ECO, "OOCOOO", "一般公共预算收入增长6%。", "地方一般公共预算收入增长5%。",
        "县财政局、县税务局", kind="rate", subject="全县一般公共预算收入同比增长"),
    Ind("E12", ECO, "OOOOOO", "金融机构各项存款余额增长8%、贷款余额增长10%。",
        "金融机构各项存款余额增长7%、贷款余额增长9%。", "县金融办、人行花垣县支行",
        kind="rate", subject="全县金融机构各项贷款余额同比增长"),
    Ind("E13", ECO, "BOOOOO", "城镇居民人均可支配收入增长6.5%。", "城镇居民人均可支配收入增长6%。",
        "县统计局、县人社局", kind="rate", subject="全县城镇居民人均可支配收入同比增长",
        short="城镇居民人均可支配收入"),
    Ind("E14", ECO, "OOOBBO", "农村居民人均可支配收入增长8%。", "农村居民人均可支配收入增长7.5%。",
        "县统计局、县农业农村局", kind="rate", subject="全县农村居民人均可支配收入同比增长",
        short="农村居民人均可支配收入"),
    Ind("E15", ECO, "BBB---", "新增有资质的建筑企业和有经营活动的房地产开发经营企业5家。", "", "县住建局",
        subject="新增有资质的建筑企业和房地产开发经营企业", qty=(5, 5, "家"),
        short="新增有资质的建筑企业和有经营活动的房地产开发经营企业"),
    Ind("E16", ECO, "OOC---", "“夜湘村”建设计划完成年度投资1.2亿元。", "", "县文旅广体局",
        subject="“夜湘村”建设累计完成投资", qty=(1.2, 1.2, "亿元")),
    Ind("E17", ECO, "---OOO", "", "新增“四上”企业25家。", "县统计局",
        subject="新增入库“四上”企业", qty=(25, 25, "家")),
    Ind("E18", ECO, "---OBB", "", "数字经济核心产业增加值增长10%。", "县工信局",
        kind="rate", subject="全县数字经济核心产业增加值同比增长", short="数字经济核心产业增加值"),
    Ind("E19", ECO, "OOCOOO", "旅游接待人次增长10%、旅游综合收入增长12%。",
        "旅游接待人次增长15%、旅游综合收入增长18%。", "县文旅广体局",
        kind="rate", subject="全县旅游综合收入同比增长"),
    # comes back after one bulletin without it (a gap), with its number changed
    Ind("E20", ECO, "OOC-OO", "粮食播种面积稳定在32万亩以上。", "粮食播种面积稳定在32.5万亩以上。",
        "县农业农村局", subject="全县粮食播种面积", qty=(32, 32.5, "万亩")),

    # --- tech (group column, "N、" numbering inside the target cell) ---------------------------
    Ind("T01", TECH, "OOCOOO", "净增高新技术企业3家。", "净增高新技术企业5家。", "县科工局", "县科技局",
        subject="已认定高新技术企业", qty=(3, 5, "家"), section="一、创新主体培育攻坚行动"),
    Ind("T02", TECH, "OCCOOC", "科技型中小企业备案入库30家。", "科技型中小企业备案入库40家。",
        "县科工局", "县科技局", subject="科技型中小企业完成备案入库", qty=(30, 40, "家"),
        section="一、创新主体培育攻坚行动"),
    Ind("T07", TECH, "OOCOOO", "培育省级专精特新中小企业2家。", "培育省级专精特新中小企业3家。", "县工信局",
        subject="通过省级专精特新中小企业认定", qty=(2, 3, "家"), section="一、创新主体培育攻坚行动"),
    Ind("T12", TECH, "OOOOOO", "培育国家级专精特新“小巨人”企业1家。", "", "县工信局",
        subject="申报国家级专精特新“小巨人”企业", qty=(1, 1, "家"), section="一、创新主体培育攻坚行动"),
    Ind("T03", TECH, "OOOOOO", "全社会研发经费投入增长12%以上。", "全社会研发经费投入增长15%以上。",
        "县科工局、县统计局", "县科技局、县统计局", kind="rate", subject="全社会研发经费投入同比增长",
        section="二、创新成果转化攻坚行动"),
    Ind("T04", TECH, "OBOOOO", "高新技术产业增加值增长10%以上。", "高新技术产业增加值增长12%以上。",
        "县科工局", "县科技局", kind="rate", subject="全县高新技术产业增加值同比增长",
        short="高新技术产业增加值", section="二、创新成果转化攻坚行动"),
    Ind("T05", TECH, "BBBBBO", "技术合同成交额达到1.5亿元。", "技术合同登记成交额达到2亿元。", "县科工局",
        "县科技局", subject="登记技术合同成交额", qty=(1.5, 2, "亿元"), short="技术合同成交额",
        section="二、创新成果转化攻坚行动"),
    Ind("T06", TECH, "BOBBOO", "知识产权质押融资登记金额3000万元。", "知识产权质押融资登记金额4000万元。",
        "县市场监管局", subject="完成知识产权质押融资登记", qty=(3000, 4000, "万元"),
        short="知识产权质押融资登记金额", section="二、创新成果转化攻坚行动"),
    Ind("T11", TECH, "OOOOOO", "每万人高价值发明专利拥有量达到0.8件。", "每万人高价值发明专利拥有量达到1件。",
        "县市场监管局", subject="每万人高价值发明专利拥有量", qty=(0.8, 1, "件"),
        section="二、创新成果转化攻坚行动"),
    Ind("T08", TECH, "OOCOOO", "新建省级以上创新平台1个。", "新建省级以上创新平台2个。", "县科工局", "县科技局",
        subject="获批省级以上创新平台", qty=(1, 2, "个"), section="三、创新平台建设攻坚行动"),
    Ind("T09", TECH, "OOC---", "新增科技特派员服务企业20家。", "", "县科工局",
        subject="科技特派员新增服务企业", qty=(20, 20, "家"), section="三、创新平台建设攻坚行动"),
    Ind("T10", TECH, "---OBB", "", "规模以上工业企业研发机构覆盖率达到30%。", "县工信局",
        kind="rate", subject="规模以上工业企业研发机构覆盖率达到", short="规模以上工业企业研发机构覆盖率",
        section="三、创新平台建设攻坚行动"),

    # --- safety: a campaign new in 2024 ------------------------------------------------------------
    Ind("S01", SAFE, "---OOO", "", "（一）开展重大事故隐患专项排查整治，重大隐患动态清零。", kind="text",
        section="一、强化安全监管", extra=dict(done="排查一般隐患{a}处，已整改{b}处；重大隐患{c}处，已全部整改销号。")),
    Ind("S02", SAFE, "---OOO", "", "（二）高危行业企业监管执法覆盖率100%。", kind="text",
        section="一、强化安全监管", extra=dict(done="开展执法检查{a}次，立案查处{c}起。")),
    Ind("S03", SAFE, "---BBB", "", "（三）完成城镇燃气管道老化更新改造15公里。", kind="text",
        section="二、深化专项整治",
        extra=dict(done="完成燃气管道老化更新改造{c}公里，部分路段因施工许可办理滞后尚未开工。")),
    Ind("S04", SAFE, "---OOC", "", "（四）完成经营性自建房安全隐患整治120栋。", kind="text",
        section="二、深化专项整治", extra=dict(done="完成经营性自建房安全隐患整治{b}栋。")),
    Ind("S05", SAFE, "---OOO", "", "（五）道路交通万车死亡率控制在2.5以下。", kind="text",
        section="三、夯实基层基础", extra=dict(done="全县道路交通事故起数同比下降{c}%，未发生较大道路交通事故。")),

    # --- risk (风险类型 column; no units, no completion) -----------------------------------------
    Ind("R01", RISK, "OOOOOO", "全年新增政府隐性债务为零，按月审核重大政府性投资项目资金来源。", kind="text",
        section="政府债务", task="严格遏制新增政府隐性债务",
        extra=dict(done="按月开展重大政府性投资项目资金来源审核，已完成{a}个项目审核，未发现新增隐性债务。")),
    Ind("R02", RISK, "LLOOLL", "完成年度化解隐性债务任务3.5亿元。", "完成年度化解隐性债务任务4亿元。", kind="text",
        section="政府债务", task="多措并举化解存量债务",
        extra=dict(done="累计化解隐性债务{c}亿元，完成年度化债任务的{p}%。")),
    Ind("R08", RISK, "OOOOOO", "全年不发生重大非法集资案件，开展防范非法集资宣传10次以上。",
        "全年不发生重大非法集资案件，开展防范非法集资宣传12次以上。", kind="text",
        section="金融风险", task="防范非法集资",
        extra=dict(done="开展防范非法集资宣传{c}次，未发生重大非法集资案件。")),
    Ind("R03", RISK, "OOOOOO", "银行业金融机构不良贷款率控制在2%以内。", "银行业金融机构不良贷款率控制在1.8%以内。",
        kind="text", section="金融风险", task="压降不良贷款",
        extra=dict(done="全县银行业金融机构不良贷款率为1.{c}%。")),
    Ind("R04", RISK, "LLLLOO", "完成保交楼专项借款项目2个交付。", "完成保交楼项目3个交付。", kind="text",
        section="房地产风险", task="保交楼",
        extra=dict(done="已交付保交楼项目{z}个，其余项目主体已完工，正在进行配套工程建设。")),
    Ind("R05", RISK, "OLOOOO", "新建商品房“交房即交证”项目占比达到60%。", "新建商品房“交房即交证”项目占比达到70%。",
        kind="text", section="房地产风险", task="“交房即交证”",
        extra=dict(done="实现“交房即交证”项目{c}个，占新建商品房项目的{p}%。")),
    Ind("R06", RISK, "OOC---", "化解信访积案25件。", "", kind="text", section="社会稳定", task="信访积案化解",
        extra=dict(done="已化解信访积案{c}件。")),
    Ind("R07", RISK, "---OOO", "", "矛盾纠纷调解成功率达到98%以上。", kind="text", section="社会稳定",
        task="矛盾纠纷排查化解", extra=dict(done="排查矛盾纠纷{a}起，调解成功{b}起。")),

    # --- 民生 (two sub-tables; the same project in both, told apart by the sub-table) ----------------
    Ind("M01", LIFE, "OOCOOO", "改造城镇老旧小区12个。", "改造城镇老旧小区15个。", "县住建局", kind="mins",
        qty=(12, 15, "个"), section="省重点民生实事项目", task="城镇老旧小区改造"),
    Ind("M02", LIFE, "PBCPBB", "完成困难老年人家庭适老化改造200户。", "完成困难老年人家庭适老化改造250户。",
        "县民政局", kind="mins", qty=(200, 250, "户"), section="省重点民生实事项目", task="困难老年人居家适老化改造"),
    Ind("M03", LIFE, "BBCOOO", "完成农村公路提质改造30公里。", "完成农村公路提质改造35公里。", "县交通运输局",
        kind="mins", qty=(30, 35, "公里"), section="省重点民生实事项目", task="农村公路提质改造"),
    Ind("M04", LIFE, "OOC---", "完成城镇住宅小区居民“一户一表”改造1500户。", "", "县住建局", kind="mins",
        qty=(1500, 1500, "户"), section="省重点民生实事项目", task="城镇住宅小区居民“一户一表”改造"),
    Ind("M05", LIFE, "OOCOOO", "新建义务教育学校教师周转宿舍60套。", "新建义务教育学校教师周转宿舍80套。", "县教体局",
        kind="mins", qty=(60, 80, "套"), section="省重点民生实事项目", task="教师周转宿舍建设"),
    Ind("M10", LIFE, "OOCOOO", "为符合条件的残疾儿童提供康复救助120名。", "为符合条件的残疾儿童提供康复救助130名。",
        "县残联", kind="mins", qty=(120, 130, "名"), section="省重点民生实事项目", task="残疾儿童康复救助"),
    Ind("M06", LIFE, "POCPPO", "建成乡镇标准化寄宿制学校2所。", "建成乡镇标准化寄宿制学校1所。", "县教体局",
        kind="mins", qty=(2, 1, "所"), section="州定民生实事项目", task="乡镇标准化寄宿制学校建设"),
    Ind("M07", LIFE, "OOCOOO", "新建村组停车场20个。", "新建村组停车场25个。", "县交通运输局", kind="mins",
        qty=(20, 25, "个"), section="州定民生实事项目", task="新建村组停车场"),
    Ind("M11", LIFE, "OBCOOO", "完成农村公路提质改造15公里。", "完成农村公路提质改造20公里。", "县交通运输局",
        kind="mins", qty=(15, 20, "公里"), section="州定民生实事项目", task="农村公路提质改造"),
    Ind("M08", LIFE, "BOCOBB", "建成公共充电桩80个。", "建成公共充电桩120个。", "县发改局、国网花垣县供电公司",
        kind="mins", qty=(80, 120, "个"), section="州定民生实事项目", task="公共充电桩建设"),
    Ind("M09", LIFE, "---OOO", "", "城乡居民医保参保人数稳定在25万人以上。", "县医保局", kind="mins",
        qty=(25, 25, "万人"), section="州定民生实事项目", task="城乡居民医保参保"),
]
BY_SID = {i.sid: i for i in INDICATORS}

# Reordering between issues: (sid, new position) applied to the base order; in a grouped table
# (tech, safety, risk, 民生) the position is within the row's own group.
MOVES = {
    1: [("E13", 1), ("E09", 4)],
    2: [("E20", 0), ("E05", 10)],
    3: [("E14", 2), ("E13", 14), ("E17", 5), ("M06", 0)],
    4: [("E08", 3), ("T06", 0), ("R05", 0)],
    5: [("E01", 6), ("E18", 0), ("M11", 0)],
}

# campaigns per year, in annex order (2024: the safety campaign comes in as annex 3)
ANNEXES = {2023: [ECO, TECH, RISK, LIFE], 2024: [ECO, TECH, SAFE, RISK, LIFE]}
FILLERS = {ECO: ("县发改局", "龙海波"), TECH: ("县科工局", "石红梅"), SAFE: ("县应急管理局", "麻建军"),
           RISK: ("县财政局", "吴晓峰"), LIFE: ("县人社局", "杨丽君")}


def pct1(n: int, total: int) -> str:
    """占比 as a 专报 prints it: one decimal, half up, no trailing .0."""
    v = (Decimal(n) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{v.normalize():f}%"


def num(v: float) -> str:
    d = Decimal(str(v)).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
    return f"{d:f}"


def present(b: int, camp: str) -> list[Ind]:
    """The annex's indicators in bulletin b, in the order printed."""
    rows = [i for i in INDICATORS if i.camp == camp and i.st[b] != "-"]
    if camp in (TECH, SAFE, RISK, LIFE):
        # grouped tables: a move keeps a row inside its own group
        groups: dict[str, list[Ind]] = {}
        for i in rows:
            groups.setdefault(i.section, []).append(i)
        for sid, pos in MOVES.get(b, []):
            ind = BY_SID[sid]
            if ind in rows and ind.camp == camp:
                g = groups[ind.section]
                g.remove(ind)
                g.insert(min(pos, len(g)), ind)
        return [i for g in groups.values() for i in g]
    for sid, pos in MOVES.get(b, []):
        ind = BY_SID[sid]
        if ind in rows:
            rows.remove(ind)
            rows.insert(min(pos, len(rows)), ind)
    return rows


def cum_words(b: int) -> str:
    months = BULLETINS[b]["months"]
    return "全年" if months == 12 else f"1-{months}月"


def progress(ind: Ind, b: int, rng: random.Random) -> tuple[str, str]:
    """(progress text, completion cell) consistent with the status code."""
    code = ind.st[b]
    share = BULLETINS[b]["months"] / 12
    if code == "C":
        frac = rng.uniform(1.0, 1.2)
    elif code in BEHIND:
        frac = share * rng.uniform(0.45, 0.8)
    elif code == "P":
        frac = 0.0
    else:
        frac = min(share * rng.uniform(1.0, 1.15), 0.98)
    cum = cum_words(b)
    if ind.kind == "rate":
        rate = float(re.findall(r"(\d+(?:\.\d+)?)%", ind.target(b))[-1])
        growth = rate * (frac / share if code != "C" else frac)
        return f"{cum}，{ind.subject}{growth:.1f}%。", "/"
    if ind.kind == "amount":
        total = ind.amount(b)
        whole = ind.qty[2] in COUNTED        # 3家, not 2.6家; but 0.75亿元
        value = round(total * frac) if whole else round(total * frac, 2)
        ratio = value / total
        return f"{cum}，{ind.subject}{num(value)}{ind.qty[2]}。", f"{ratio * 100:.2f}%"
    if ind.kind == "mins":
        total = ind.amount(b)
        value = round(total * frac, 1) if isinstance(total, float) else round(total * frac)
        return num(value), f"{value / total * 100:.2f}%"
    a = rng.randint(20, 200)
    values = dict(a=a, b=max(1, a - rng.randint(0, 10)), c=rng.randint(2, 9), z=1 if code in BEHIND else 2,
                  p=f"{frac * 100:.1f}")
    text = f"{cum}，" + ind.extra["done"].format(**values)
    if code == "L":
        text += "受资金筹措等因素影响，进度滞后于时序要求。"
    if code == "P":
        text = "项目正在开展前期工作，尚未开工建设。"
    return text, ""


# --------------------------------------------------------------------------------------------
# tables

ROLES = dict(seq=None, target=None, units=None, progress=None, completion=None, status=None, section=None,
             target_goal=None, seq_in_target=False)


def _table(header: list[str], widths: list[int], roles: dict, body: list, repeat_header: bool = True) -> dict:
    return dict(name="", caption=False, repeat_header=repeat_header, widths=widths, header=[header],
                roles={**ROLES, **roles}, rows=body)


def _rows(b: int, rows: list[Ind], rng, cells) -> tuple[list, list[dict]]:
    """Body rows (cells(k, ind, group cell, progress, completion) gives one) and their truth; a
    group cell is "^" under a row of the same group (merged)."""
    body, truth, last = [], [], None
    for k, ind in enumerate(rows, start=1):
        prog, comp = progress(ind, b, rng)
        body.append(cells(k, ind, "^" if ind.section == last else ind.section, prog, comp))
        last = ind.section
        truth.append(dict(section=ind.section, seq=str(k), target=ind.target(b), sid=ind.sid,
                          units=_units(ind.units(b)), progress=prog, code=ind.st[b]))
    return body, truth


def eco_table(b: int, rows: list[Ind], rng) -> tuple[dict, list[dict]]:
    body, truth = _rows(b, rows, rng, lambda k, ind, group, prog, comp: [
        str(k), ind.target(b), ind.units(b), prog, comp, STATUS_WORDS[ind.st[b]]])
    header = ["序号", f"{BULLETINS[b]['year']}年度具体目标任务", "责任单位", "当前进展情况", "完成年度任务之比", "备注"]
    roles = dict(seq=0, target=[1], units=2, progress=3, completion=4, status=5)
    return _table(header, [1, 5, 2, 8, 2, 2], roles, body), truth


def tech_table(b: int, rows: list[Ind], rng) -> tuple[dict, list[dict]]:
    body, truth = _rows(b, rows, rng, lambda k, ind, group, prog, comp: [
        group, f"{k}、{ind.target(b)}", ind.units(b), prog, comp, STATUS_WORDS[ind.st[b]]])
    header = ["序号", "目标任务", "责任单位", "当前进展情况", "完成年度任务之比", "备注"]
    roles = dict(target=[1], units=2, progress=3, completion=4, status=5, section=0, seq_in_target=True)
    return _table(header, [2, 5, 2, 7, 2, 2], roles, body), truth


def safety_table(b: int, rows: list[Ind], rng) -> tuple[dict, list[dict]]:
    body, truth = _rows(b, rows, rng, lambda k, ind, group, prog, comp: [
        str(k), group, ind.target(b), prog, STATUS_WORDS[ind.st[b]]])
    roles = dict(seq=0, target=[2], progress=3, status=4, section=1)
    return _table(["指标", "工作任务", "工作内容", "进展情况", "备注"], [1, 2, 7, 7, 2], roles, body,
                  repeat_header=False), truth


def risk_table(b: int, rows: list[Ind], rng) -> tuple[dict, list[dict]]:
    body, truth = _rows(b, rows, rng, lambda k, ind, group, prog, comp: [
        str(k), group, ind.task, ind.target(b), prog, STATUS_WORDS[ind.st[b]]])
    header = ["指标", "风险类型", "工作任务", f"{BULLETINS[b]['year']}年度具体目标任务", "当前工作进展情况", "备注"]
    roles = dict(seq=0, target=[3], progress=4, status=5, section=1)
    return _table(header, [1, 1, 2, 6, 7, 2], roles, body, repeat_header=False), truth


def life_table(b: int, rows: list[Ind], rng) -> tuple[dict, list[dict]]:
    body, truth, last, k = [], [], None, 0
    for ind in rows:
        if ind.section != last:
            body.append({"title": ind.section})
            last, k = ind.section, 0
        k += 1
        done, comp = progress(ind, b, rng)
        body.append([str(k), ind.task, ind.target(b), ind.units(b), ind.qty[2], num(ind.amount(b)), done, comp,
                     STATUS_WORDS[ind.st[b]]])
        truth.append(dict(section=ind.section, seq=str(k), target=ind.target(b), sid=ind.sid,
                          units=_units(ind.units(b)), progress=done, code=ind.st[b]))
    header = ["序号", "项目名称", "考核指标", "牵头单位", "单位", "年度任务", "已完成数", "占年度任务之比", "备注"]
    roles = dict(seq=0, target=[2], units=3, progress=6, completion=7, status=8)
    return _table(header, [1, 2, 4, 2, 1, 1, 2, 1, 2], roles, body), truth


TABLES = {ECO: eco_table, TECH: tech_table, SAFE: safety_table, RISK: risk_table, LIFE: life_table}
ORIENTATION = {ECO: "landscape", TECH: "portrait", SAFE: "portrait", RISK: "landscape", LIFE: "landscape"}


def _units(text: str) -> str:
    return ";".join(u for u in text.split("、") if u)


# --------------------------------------------------------------------------------------------
# narrative

CHINESE_NO = "一二三四五六七八九十"


def counts_sentence(rows: list[Ind], b: int, behind_word: str) -> str:
    codes = [i.st[b] for i in rows]
    total = len(codes)
    parts = []
    for code, word in (("C", "已完成年度任务"), ("O", "进展有序"), ("B", behind_word), ("L", behind_word),
                       ("P", "处于前期准备阶段")):
        n = codes.count(code)
        if n:
            parts.append(f"{word}{n}项，占比{pct1(n, total)}")
    return "；".join(parts)


def narrative(b: int, annexes: list[tuple[str, list[Ind]]]) -> list[str]:
    bl = BULLETINS[b]
    when = {6: "上半年", 9: "前三季度", 12: "全年", 3: "一季度", 4: "1-4月"}[bl["months"]]
    body = [f"为推动全县打好“发展六仗”各项工作落地见效，县政府督查室近期对各专班{when}工作推进情况进行了专项调度。"
            "现将有关情况汇报如下：", "一、工作进展情况"]
    for k, (camp, rows) in enumerate(annexes):
        head = f"（{CHINESE_NO[k]}）{camp}。"
        if camp == LIFE:
            body.append(head)
            for j, sub in enumerate(("省重点民生实事项目", "州定民生实事项目"), start=1):
                subrows = [i for i in rows if i.section == sub]
                projects = len({i.task for i in subrows})
                who = "省下达" if sub.startswith("省") else "州定民生实事项目涉及"
                body.append(f"{j}.{sub}")
                lead = (f"{bl['year']}年省下达{COUNTY}重点民生实事共{projects}件{len(subrows)}项" if who == "省下达"
                        else f"{bl['year']}年州定民生实事项目涉及我县共{projects}件{len(subrows)}项")
                body.append(f"{lead}，截至目前，{counts_sentence(subrows, b, '未完成时序进度')}。")
            body.append(f"（详见附件{k + 1}）")
            continue
        word = "进展滞后" if camp == RISK else "未完成时序进度"
        sentence = f"{head}共有重点监测指标{len(rows)}项，截至目前，{counts_sentence(rows, b, word)}"
        behind = [i.short for i in rows if i.st[b] in BEHIND and i.short]
        if behind and len(behind) == sum(i.st[b] in BEHIND for i in rows):
            sentence += f"，{word}的指标分别为{'、'.join(behind)}"
        body.append(f"{sentence}。（详见附件{k + 1}）")
    body += [
        "二、存在问题",
        "（一）部分经济指标与时序进度仍有差距。地区生产总值、园区招商到位资金等指标增速低于年度目标，"
        "项目储备不足，拉动作用不明显。",
        "（二）个别民生实事项目推进较慢。部分项目仍处于前期准备阶段，尚未形成实物工作量。",
        "三、下步工作建议",
        "（一）压实工作责任。各专班牵头单位要对照年度目标任务，对滞后指标逐项分析原因，制定针对性措施。",
        "（二）强化督查问效。县政府督查室将继续实行月调度、季通报，对连续滞后的指标进行重点督办。",
    ]
    return body


# --------------------------------------------------------------------------------------------

def bulletin(b: int, rng: random.Random) -> tuple[dict, list[dict]]:
    bl = BULLETINS[b]
    camps = ANNEXES[bl["year"]]
    annexes, truth_rows, listed = [], [], []
    for no, camp in enumerate(camps, start=1):
        rows = present(b, camp)
        listed.append((camp, rows))
        table, truth = TABLES[camp](b, rows, rng)
        unit, person = FILLERS[camp]
        if camp == TECH and bl["year"] == 2024:
            unit = "县科技局"
        annexes.append({"no": no, "title": f"{COUNTY}{camp}重要指标监测表", "filler_unit": unit,
                        "filler_person": person, "orientation": ORIENTATION[camp], "tables": [table]})
        for row in truth:
            truth_rows.append(dict(annex_no=no, campaign=camp, **row))
    source = {
        "name": bl["name"],
        "header": {"issuer": ISSUER, "doc_number": bl["doc"], "title": bl["title"], "date": bl["date"]},
        "body": narrative(b, listed),
        "annex_list": True,
        "annexes": annexes,
        "expected_findings": [],
    }
    return source, truth_rows


def laggards(rows_by_bulletin: list[list[dict]]) -> list[dict]:
    """Runs of >= MIN_RUN consecutive bulletins in which an indicator is behind (absent = run broken)."""
    out = []
    for ind in INDICATORS:
        run: list[int] = []
        for b in range(N + 1):
            if b < N and ind.st[b] in BEHIND:
                run.append(b)
                continue
            if len(run) >= MIN_RUN:
                last = next(r for r in rows_by_bulletin[run[-1]] if r["sid"] == ind.sid)
                out.append(dict(sid=ind.sid, first=BULLETINS[run[0]]["name"], last=BULLETINS[run[-1]]["name"],
                                run=len(run), ongoing=run[-1] == N - 1, target=last["target"],
                                units=last["units"], last_progress=last["progress"]))
            run = []
    return out


class _Dumper(yaml.SafeDumper):
    """Rows and widths on one line each, as the hand-written sources have them."""


_Dumper.add_representer(list, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=all(isinstance(x, (str, int)) for x in v)))


def main() -> None:
    rng = random.Random(20240719)
    (HERE / "sources").mkdir(exist_ok=True)
    rows_by_bulletin = []
    bulletins_truth = []
    for b, bl in enumerate(BULLETINS):
        source, rows = bulletin(b, rng)
        rows_by_bulletin.append(rows)
        text = "# Generated by corpus/series/make_series.py; edit the generator, not this file.\n"
        text += yaml.dump(source, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        (HERE / "sources" / f"{bl['name']}.yaml").write_text(text, encoding="utf-8")
        start, end, label, evidence = bl["period"]
        bulletins_truth.append(dict(name=bl["name"], doc_number=bl["doc"], date=bl["date"], period_start=start,
                                    period_end=end, period_label=label, period_evidence=evidence,
                                    rows=[{k: r[k] for k in ("annex_no", "campaign", "section", "seq", "target",
                                                             "sid")} for r in rows]))
    truth = dict(issuer=ISSUER, min_run=MIN_RUN, bulletins=bulletins_truth, laggards=laggards(rows_by_bulletin))
    out = HERE / "truth" / "history"
    out.mkdir(parents=True, exist_ok=True)
    (out / "series.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
