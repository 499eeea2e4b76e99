"""Genre corpus, helper b: 重点项目 (xiangmu), 民生实事 (minsheng), 营商环境 / 为民办实事 /
乡村振兴 (shiqing).

    python corpus/genres/gen_b.py        # (re)writes sources/{xiangmu,minsheng,shiqing}-*.yaml

Every document is built from its own facts (counts per status, amounts, table rows); the sentences
are composed from those facts, every share is computed here (half-up with `decimal`), and the
truth (`statements`, `expected_findings`) follows from the figures and the mistakes written in on
purpose. Nothing here reads the tool's rules or imports `extract`.
"""
from __future__ import annotations

import random
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent / "sources"
RNG = random.Random(20240917)


# ---------------------------------------------------------------------------------------------
# arithmetic
# ---------------------------------------------------------------------------------------------

def pct(part, base, dec=1, mode=ROUND_HALF_UP) -> str:
    """part / base as a printed percentage, half-up (or cut with mode=ROUND_DOWN)."""
    v = Decimal(str(part)) * 100 / Decimal(str(base))
    return f"{v.quantize(Decimal(1).scaleb(-dec), rounding=mode)}%"


def cut(part, base, dec=1) -> str:
    return pct(part, base, dec, ROUND_DOWN)


def yi(wan: int) -> str:
    """万元 -> 亿元 printed with 2 decimals (the generators keep 万元 sums on whole 100万元)."""
    assert wan % 100 == 0, wan
    return f"{Decimal(wan) / 10000:.2f}"


FW = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


def fw(s) -> str:
    """full-width digits (and ％) as some typists write them."""
    return str(s).translate(FW)


CN = "零一二三四五六七八九"


def cn(n: int) -> str:
    """22 -> 二十二 (0 < n < 100)."""
    if n < 10:
        return CN[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN[t]) + "十" + (CN[u] if u else "")


# ---------------------------------------------------------------------------------------------
# a document
# ---------------------------------------------------------------------------------------------

class P:
    """One piece of a paragraph (ending in 。 or ；) that states exact figures."""

    def __init__(self, text, counts=(), shares=(), amounts=(), items=()):
        self.text, self.counts, self.shares = text, list(counts), list(shares)
        self.amounts, self.items = list(amounts), list(items)


class Doc:
    def __init__(self, name, issuer, number, title, date, annex_format="docx"):
        self.name = name
        self.genre = name.split("-")[0]
        self.header = {"issuer": issuer, "doc_number": number, "title": title, "date": date}
        self.annex_format = annex_format
        self.body, self.statements, self.findings, self.injections, self.annexes = [], [], [], [], []

    def h(self, text):
        """a heading line (一、总体情况): no figures."""
        self.body.append(text)

    def p(self, *pieces):
        text = ""
        for pc in pieces:
            t = pc if isinstance(pc, str) else pc.text
            assert t[-1] in "。；", t
            if isinstance(pc, P):
                assert not any(ch in "。；" for ch in t[:-1]), t
                self.statements.append({"text": t, "counts": pc.counts, "shares": pc.shares,
                                        "amounts": pc.amounts, "items": pc.items})
            text += t
        self.body.append(text)

    def find(self, kind, stated, computed, note):
        self.findings.append({"kind": kind, "stated": stated, "computed": computed, "note": note})
        self.injections.append(f"{kind}: {note}")

    def table(self, title, header, rows, roles, widths, unit=None):
        annex = {"no": len(self.annexes) + 1, "title": title}
        if unit:
            annex["filler_unit"] = unit
        annex["orientation"] = "landscape"
        full = {"seq": None, "target": [], "units": None, "progress": None, "completion": None,
                "status": None, "section": None, "target_goal": None, "seq_in_target": False}
        full.update(roles)
        annex["tables"] = [{"name": "", "caption": False, "repeat_header": True, "widths": widths,
                            "header": [header], "roles": full, "rows": rows}]
        self.annexes.append(annex)

    def source(self):
        s = {"name": self.name, "genre": self.genre}
        if self.annexes:
            s["annex_format"] = self.annex_format
        s["header"] = self.header
        s["body"] = self.body
        if self.annexes:
            s["annex_list"] = True
        s["annexes"] = self.annexes
        s["statements"] = self.statements
        s["expected_findings"] = self.findings
        s["injections"] = self.injections
        return s


# ---------------------------------------------------------------------------------------------
# pools for table rows
# ---------------------------------------------------------------------------------------------

PROJECTS = [
    ("县城第二污水处理厂扩建工程", "新增日处理能力2万吨", "县住建局"),
    ("工业园区标准厂房（三期）", "建设标准厂房8栋", "工业园区管委会"),
    ("农产品冷链物流园", "建设冷库及分拣中心", "县商务局"),
    ("县人民医院住院综合楼", "新增床位400张", "县卫健局"),
    ("城北片区棚户区改造", "改造棚户区住房620户", "县住建局"),
    ("乡镇集中供水提质工程", "新建水厂2座、管网46公里", "县水利局"),
    ("滨河路市政道路改造", "改造道路3.2公里", "县城投公司"),
    ("职业中专实训大楼", "建筑面积1.6万平方米", "县教育局"),
    ("城区智慧停车场", "新增停车泊位900个", "县城投公司"),
    ("电子信息产业园基础设施", "建设园区道路及管网", "工业园区管委会"),
    ("中药材初加工园区", "建设加工厂房及仓储", "县农业农村局"),
    ("古镇文旅融合示范区", "游客中心及街区提质", "县文旅局"),
    ("县城集中供热管网改造", "改造供热管网18公里", "县住建局"),
    ("现代农业产业园", "建设育苗中心及示范基地", "县农业农村局"),
    ("商贸物流园仓储中心", "建设仓储用房5万平方米", "县商务局"),
    ("城区老旧供水管网改造", "改造供水管网27公里", "县水利局"),
    ("农光互补光伏发电项目", "装机容量50兆瓦", "县发改局"),
    ("新能源电池材料项目", "建设正极材料生产线", "县工信局"),
    ("小型水库除险加固工程", "加固小型水库12座", "县水利局"),
    ("高标准农田建设项目", "建设高标准农田2.5万亩", "县农业农村局"),
    ("县城义务教育学校扩容工程", "新增学位2700个", "县教育局"),
    ("县级综合福利院", "新增养老床位300张", "县民政局"),
    ("全民健身中心", "建设体育馆及游泳馆", "县文旅局"),
    ("生活垃圾焚烧发电厂", "日处理垃圾600吨", "县城管局"),
    ("城乡公交一体化站场", "建设公交首末站6处", "县交通运输局"),
    ("国道过境段改线工程", "新建一级公路9.8公里", "县交通运输局"),
    ("沿江防洪堤加固工程", "加固堤防7.5公里", "县水利局"),
    ("数字乡村综合服务平台", "覆盖全县行政村", "县数据局"),
    ("特色小镇配套基础设施", "建设道路及景观工程", "县自然资源局"),
    ("应急物资储备中心", "建设储备库1.2万平方米", "县应急管理局"),
]

MINSHENG = [
    ("城区公办幼儿园新建", "新建公办幼儿园2所", "县教育局"),
    ("老旧小区改造", "改造老旧小区14个", "县住建局"),
    ("农村公路提质改造", "提质改造农村公路60公里", "县交通运输局"),
    ("乡镇卫生院提质升级", "改造乡镇卫生院5所", "县卫健局"),
    ("城区公共停车场建设", "新增停车泊位600个", "县城管局"),
    ("农贸市场提质改造", "改造农贸市场3个", "县市场监管局"),
    ("城乡公共厕所新建改造", "新建改造公厕40座", "县城管局"),
    ("村级养老服务站建设", "建设村级养老服务站20个", "县民政局"),
    ("城乡供水一体化", "新增供水人口1.5万人", "县水利局"),
    ("困难群众医疗救助", "资助困难群众参保", "县医保局"),
    ("中小学食堂改造", "改造学校食堂12所", "县教育局"),
    ("城区路灯节能改造", "更换路灯3000盏", "县城管局"),
    ("全民健身路径建设", "新建健身路径30条", "县文旅局"),
    ("农村危房改造", "改造农村危房150户", "县住建局"),
    ("就业技能培训", "开展技能培训3000人次", "县人社局"),
    ("残疾儿童康复救助", "救助残疾儿童200名", "县残联"),
    ("社区老年食堂建设", "建设社区老年食堂8个", "县民政局"),
    ("城区公交线路优化", "新开及优化公交线路6条", "县交通运输局"),
    ("便民服务中心标准化建设", "改造乡镇便民服务中心10个", "县行政审批局"),
    ("背街小巷整治", "整治背街小巷25条", "县城管局"),
    ("农村饮水安全巩固提升", "维修农村供水工程35处", "县水利局"),
    ("城区排水防涝设施建设", "改造易涝点9处", "县住建局"),
]

PROGRESS = {
    "done": ["已完工并投入使用", "已全部完成，正在组织验收", "主体及配套工程已完工",
             "已完成年度建设内容"],
    "doing": ["主体工程正在施工", "正在进行基础施工", "已完成形象进度的六成左右",
              "设备正在安装调试", "正在进行附属工程施工", "正在加紧施工"],
    "wait": ["正在办理用地报批手续", "施工图设计正在审查", "正在开展招标前期工作",
             "受选址调整影响尚未进场"],
    "late": ["征地拆迁进度缓慢，未达序时", "资金未完全到位，进度偏慢", "施工进度明显滞后于计划"],
}


def progress(kind):
    return RNG.choice(PROGRESS[kind])


def amounts(n, lo, hi):
    """n yearly-plan amounts in 万元, whole hundreds."""
    return [RNG.randrange(lo, hi, 100) for _ in range(n)]


# =============================================================================================
# xiangmu: 重点项目
# =============================================================================================

def xiangmu_qingshui():
    """clean, no annex; nested totals (新开工 within the total), categories with plans."""
    d = Doc("xiangmu-qingshui-2024-08", "清水县人民政府督查室", "清政督通〔2024〕8号",
            "关于全县重点项目建设推进情况的督查通报", "2024年8月16日")
    cats = [("产业项目", 18, 152000, 98600), ("基础设施项目", 16, 163000, 81500),
            ("社会民生项目", 11, 71000, 44600)]
    total = sum(c[1] for c in cats)
    plan = sum(c[2] for c in cats)
    done = sum(c[3] for c in cats)
    new, cont = 26, total - 26
    started = 19
    d.p("为全面掌握重点项目建设进度，8月上旬，县政府督查室会同县发改局组成联合督查组，"
        "深入20余个项目现场查看形象进度、核对投资台账。现将有关情况通报如下。")
    d.h("一、总体情况")
    d.h("（一）项目开工情况")
    d.p(P(f"今年全县共安排县级重点项目{total}个，年度计划投资{yi(plan)[:-1]}亿元。",
          [total], amounts=[f"{yi(plan)[:-1]}亿元"]),
        P(f"按建设性质分，新开工项目{new}个、续建项目{cont}个；", [new, cont]),
        P(f"截至7月底，{new}个新开工项目中已开工{started}个，开工率{pct(started, new)}。",
          [new, started], [pct(started, new)]))
    d.h("（二）投资完成情况")
    d.p(P(f"1-7月，重点项目累计完成投资{yi(done)}亿元，占年度计划投资的{pct(done, plan)}，"
          f"同比增长12.4%。", shares=[pct(done, plan), "12.4%"], amounts=[f"{yi(done)}亿元"]))
    pieces = []
    for i, (cname, n, cp, cd) in enumerate(cats):
        lead = "分领域看：" if i == 0 else ""
        end = "。" if i == len(cats) - 1 else "；"
        cp_s = yi(cp).rstrip("0").rstrip(".")
        pieces.append(P(f"{lead}{cname}{n}个，年度计划投资{cp_s}亿元，完成{yi(cd)}亿元，"
                        f"完成率{pct(cd, cp)}{end}", [n], [pct(cd, cp)],
                        [f"{cp_s}亿元", f"{yi(cd)}亿元"]))
    d.p(*pieces)
    d.h("二、存在问题")
    idle = new - started
    d.p("一是部分新开工项目落地偏慢。",
        P(f"未开工的{idle}个项目中，4个因用地报批手续尚未办结无法进场，{idle - 4}个受资金筹措影响迟迟未能动工。",
          [idle, 4, idle - 4]))
    d.p("二是个别续建项目投资进度偏慢，基础设施类项目完成投资仅为年度计划的一半左右，"
        "部分项目存在重进度轻入统的问题。")
    d.h("三、下步工作")
    d.p("各项目责任单位要对照年度目标倒排工期，对未开工项目逐一明确开工时间；"
        "县发改局要加强用地、资金等要素保障协调，县政府督查室将按月跟踪通报进展。")
    return d


def xiangmu_rows(n, nature, status, plan_lo=2000, plan_hi=26000, county="县"):
    """table rows and per-row figures: nature/status are dicts {row number: value}."""
    names = RNG.sample(PROJECTS, n)
    plans = amounts(n, plan_lo, plan_hi)
    rows, figs = [], []
    for i in range(1, n + 1):
        st = status[i]
        p = plans[i - 1]
        if st == "已竣工":
            dn, prog = p, progress("done")
        elif st == "未开工":
            dn, prog = 0, progress("wait")
        else:
            dn, prog = RNG.randrange(int(p * 0.35) // 100 * 100, int(p * 0.9) // 100 * 100 + 1, 100), \
                progress("doing")
        name, content, unit = names[i - 1]
        figs.append({"no": i, "nature": nature[i], "status": st, "plan": p, "done": dn})
        rows.append([str(i), name, content, nature[i], str(p), str(dn), unit.replace("县", county, 1),
                     prog, st])
    return rows, figs


def xiangmu_longtan():
    """clean, docx annex of 18 projects; items named by number; completion column."""
    d = Doc("xiangmu-longtan-2023-10", "龙潭区人民政府督查室", "龙政督通〔2023〕17号",
            "龙潭区区级重点项目建设进展情况通报", "2023年10月12日")
    idle = {4, 11, 16}
    new = idle | {2, 7, 9, 13, 18}
    built = {1, 6, 15}
    nature = {i: "新开工" if i in new else "续建" for i in range(1, 19)}
    status = {i: "未开工" if i in idle else "已竣工" if i in built else "在建" for i in range(1, 19)}
    rows, figs = xiangmu_rows(18, nature, status, county="区")
    table = []
    for r, f in zip(rows, figs):
        share = pct(f["done"], f["plan"]) if f["plan"] else "/"
        table.append(r[:2] + [r[3], r[4], r[5], share, r[6], r[7], r[8]])
    plan = sum(f["plan"] for f in figs)
    done = sum(f["done"] for f in figs)
    n_new, n_started = len(new), len(new - idle)
    n_cont = 18 - n_new
    d.p("按照区委、区政府工作安排，区政府督查室于9月下旬对全区区级重点项目推进情况开展了专项督查，"
        "现将有关情况通报如下。")
    d.h("一、项目推进情况")
    d.p(P(f"截至9月底，全区18个区级重点项目累计完成投资{yi(done)}亿元，"
          f"占年度计划投资{yi(plan)}亿元的{pct(done, plan)}。",
          [18], [pct(done, plan)], [f"{yi(done)}亿元", f"{yi(plan)}亿元"]))
    d.p(P(f"18个项目中，已竣工投用{len(built)}个，正在施工建设{18 - len(built) - len(idle)}个，"
          f"尚未开工{len(idle)}个（第4、11、16项，详见附件）。",
          [18, len(built), 18 - len(built) - len(idle), len(idle)], items=[4, 11, 16]))
    d.p(P(f"新开工项目{n_new}个，已开工{n_started}个，开工率{pct(n_started, n_new)}；",
          [n_new, n_started], [pct(n_started, n_new)]),
        P(f"续建项目{n_cont}个，均在有序施工或已完工。", [n_cont]))
    d.h("二、存在的问题")
    d.p(P(f"{len(idle)}个未开工项目均为今年新开工项目，主要受征地拆迁和施工许可办理进度影响；", [len(idle)]),
        "部分在建项目施工力量投入不足，现场作业人员偏少。")
    d.h("三、下步工作要求")
    d.p("各项目牵头单位要落实领导包保、专班推进机制，倒排工期、挂图作战，"
        "确保未开工项目10月底前全部开工。")
    d.table("龙潭区2023年区级重点项目推进情况表",
            ["序号", "项目名称", "建设性质", "年度计划投资（万元）", "1-9月完成投资（万元）",
             "占年度计划", "责任单位", "形象进度", "状态"],
            table, {"seq": 0, "target": [1], "units": 6, "progress": 7, "completion": 5, "status": 8},
            [1, 5, 2, 2, 2, 2, 3, 5, 2], unit="区发改局")
    assert sum(1 for f in figs if f["status"] == "已竣工") == len(built)
    return d


def xiangmu_shiqiao():
    """xlsx annex; 开工率 cut instead of rounded; 已竣工 count differs from the table."""
    d = Doc("xiangmu-shiqiao-2024-07", "石桥县人民政府督查室", "石政督通〔2024〕11号",
            "关于上半年全县重点项目建设情况的通报", "2024年7月9日", annex_format="xlsx")
    idle = {6, 19}
    new = idle | {2, 9, 12, 14, 17, 21, 23}
    built_said = {1, 5, 10}
    built_table = {1, 5}                  # row 10 printed as 在建 in the table
    nature = {i: "新开工" if i in new else "续建" for i in range(1, 25)}
    status = {i: "未开工" if i in idle else "已竣工" if i in built_said else "在建" for i in range(1, 25)}
    rows, figs = xiangmu_rows(24, nature, status)
    rows[9][8] = "在建"
    rows[9][7] = "主体已完工，正在进行竣工验收"
    plan = sum(f["plan"] for f in figs)
    done = sum(f["done"] for f in figs)
    n_new, n_started = len(new), len(new - idle)
    assert cut(n_started, n_new) != pct(n_started, n_new)
    d.p("上半年，全县上下紧盯年度目标，全力推进重点项目建设。根据县发改局调度数据和督查组实地核查情况，"
        "现将有关情况通报如下。")
    d.h("一、基本情况")
    d.p(P(f"今年列入县级重点项目计划的项目共{24}个，其中新开工{n_new}个、续建{24 - n_new}个。",
          [24, n_new, 24 - n_new]),
        P(f"截至6月底，新开工项目已开工{n_started}个，开工率{cut(n_started, n_new)}；",
          [n_started], [cut(n_started, n_new)]),
        P(f"已开工项目中，已竣工{len(built_said)}个。", [len(built_said)]))
    d.p(P(f"重点项目年度计划投资{yi(plan)}亿元，1-6月完成投资{yi(done)}亿元，占比{pct(done, plan)}。",
          shares=[pct(done, plan)], amounts=[f"{yi(plan)}亿元", f"{yi(done)}亿元"]))
    d.h("二、存在问题")
    d.p(P(f"一是仍有{len(idle)}个新开工项目未开工（第6、19项），前期手续办理不够主动；",
          [len(idle)], items=[6, 19]),
        "二是部分续建项目投资完成情况不理想，入统工作滞后于建设进度。")
    d.h("三、工作要求")
    d.p("各责任单位要逐项目梳理堵点，对进度滞后的项目实行周调度，确保三季度末完成年度投资计划的八成以上。")
    d.table("石桥县2024年县级重点项目进展情况表",
            ["序号", "项目名称", "建设内容", "建设性质", "年度计划投资（万元）",
             "1-6月完成投资（万元）", "责任单位", "进展情况", "项目状态"],
            rows, {"seq": 0, "target": [1], "units": 6, "progress": 7, "status": 8},
            [1, 5, 4, 2, 2, 2, 3, 5, 2], unit="县发改局")
    d.find("percent_truncated", cut(n_started, n_new), pct(n_started, n_new),
           f"开工率 {n_started}/{n_new} = {pct(n_started, n_new, 3)}, printed cut")
    d.find("count_vs_table", f"{len(built_said)}个", str(len(built_table)),
           "已竣工3个 in the narrative; the table shows 2 rows 已竣工 (row 10 is 在建)")
    return d


def xiangmu_hexi():
    """no annex; the category amounts do not add up to the stated total."""
    d = Doc("xiangmu-hexi-2023-06", "河西县人民政府督查室", "河政督查〔2023〕6号",
            "全县市县重点项目建设督查情况通报", "2023年6月8日")
    cats = [("工业项目", 21, 79200), ("城建交通项目", 19, 63500), ("社会事业项目", 14, 31800),
            ("农林水项目", 9, 18900)]
    total = sum(c[1] for c in cats)
    plan = 528000
    parts = sum(c[2] for c in cats)
    stated = parts + 4000                      # 19.74 printed for a sum of 19.34
    new, started = 32, 25
    stat = 58
    d.p("5月下旬，县政府督查室联合县发改局、县统计局，对全县市县重点项目进行了集中督查。现将督查情况通报如下。")
    d.h("一、总体进展")
    d.p(P(f"全县{total}个市县重点项目，年度计划投资{yi(plan)[:-1]}亿元，截至5月底累计完成投资"
          f"{yi(stated)}亿元，完成年度计划的{pct(stated, plan)}。",
          [total], [pct(stated, plan)], [f"{yi(plan)[:-1]}亿元", f"{yi(stated)}亿元"]),
        P("其中，列入省重点项目8个，列入市重点项目27个。", [8, 27]))
    d.p(P(f"计划新开工的{new}个项目已开工{started}个，开工率{pct(started, new)}；", [new, started],
          [pct(started, new)]),
        P(f"已纳入固定资产投资统计库的项目{stat}个，入库率{pct(stat, total)}。", [stat], [pct(stat, total)]))
    ps = []
    for i, (cname, n, wan) in enumerate(cats):
        lead = "从投资构成看，" if i == 0 else ""
        end = "。" if i == len(cats) - 1 else "；"
        ps.append(P(f"{lead}{cname}{n}个，完成投资{yi(wan)}亿元{end}", [n], amounts=[f"{yi(wan)}亿元"]))
    d.p(*ps)
    d.h("二、存在问题")
    d.p(P(f"一是开工进度不均衡，尚有{new - started}个计划新开工项目未开工；", [new - started]),
        "二是要素保障仍有短板，部分项目用地指标和配套资金落实不到位；",
        "三是部分单位对项目入统重视不够，存在已完成投资未及时入库的情况。")
    d.h("三、下步要求")
    d.p("各乡镇、各部门要对标年度计划查找差距，县发改局要牵头建立问题清单，实行交办、督办、销号闭环管理。")
    d.find("sum_mismatch", f"{yi(stated)}亿元", f"{yi(parts)}亿元",
           "工业7.92 + 城建交通6.35 + 社会事业3.18 + 农林水1.89 = 19.34亿元, total printed 19.74亿元")
    return d


def xiangmu_yunxi():
    """no annex; total after a colon; 开工率 stated wrong."""
    d = Doc("xiangmu-yunxi-2024-09", "云溪县人民政府督查室", "云政督通〔2024〕15号",
            "关于重点项目“百日攻坚”行动推进情况的通报", "2024年9月5日")
    total, started = 37, 31
    idle = total - started
    built = 5
    plan, done = 275000, 183600
    wrong = pct(started + 1, total)
    assert wrong != pct(started, total)
    d.p("重点项目“百日攻坚”行动开展以来，各乡镇、各部门聚焦开工、投资、入统等关键环节，攻坚克难、"
        "压茬推进，全县项目建设总体呈现加快推进态势。")
    d.p(P(f"截至8月31日，全县重点项目推进情况如下：共{total}个项目，已开工{started}个，未开工{idle}个，"
          f"开工率{wrong}。", [total, started, idle], [wrong]))
    d.p(P(f"已开工项目中竣工投产的有{built}个，比例为{pct(built, started)}；", [built], [pct(built, started)]),
        P(f"累计完成投资{yi(done)}亿元，为年度计划（{yi(plan)[:-1]}亿元）的{pct(done, plan)}。",
          shares=[pct(done, plan)], amounts=[f"{yi(done)}亿元", f"{yi(plan)[:-1]}亿元"]))
    d.p("项目建设带动就业近800人，一批产业和民生项目相继发挥效益。")
    d.p(P(f"{idle}个未开工项目中，有3个已完成施工招标，具备近期开工条件，其余3个仍在办理用地和规划手续。",
          [idle, 3, 3]))
    d.p("请各项目责任单位紧盯9月底全部开工的目标，逐项目落实专人盯守；县政府督查室将对未按期开工的项目进行专项督办。")
    d.find("percent_mismatch", wrong, pct(started, total),
           f"开工率 {started}/{total} = {pct(started, total, 2)}; printed {wrong} ({started + 1}/{total})")
    return d


def xiangmu_baisha():
    """docx annex; counts in Chinese numerals; the share of the yearly plan is off."""
    d = Doc("xiangmu-baisha-2023-11", "白沙县人民政府督查室", "白政督通〔2023〕20号",
            "全县重点项目建设第三季度督查通报", "2023年11月3日")
    n = 22
    idle = {3, 12, 20}
    built = {5, 8, 14, 17}
    nature = {i: "续建" if i in built else "新开工" if i in idle else RNG.choice(["新开工", "续建"])
              for i in range(1, n + 1)}
    status = {i: "未开工" if i in idle else "已竣工" if i in built else "在建" for i in range(1, n + 1)}
    rows, figs = xiangmu_rows(n, nature, status, 3000, 15000)
    table = [r[:3] + [r[4], r[5], r[6], r[7], r[8]] for r in rows]
    plan = sum(f["plan"] for f in figs)
    done = sum(f["done"] for f in figs)
    right = pct(done, plan)
    wrong = f"{Decimal(right[:-1]) + Decimal('3.0')}%"
    doing = n - len(idle) - len(built)
    d.p("根据县委、县政府安排，县政府督查室于10月中下旬对全县重点项目第三季度推进情况进行了督查。现将有关情况通报如下。")
    d.h("一、总体情况")
    d.p(P(f"全县{cn(n)}个重点项目中，已竣工{cn(len(built))}个，在建{cn(doing)}个，"
          f"未开工{cn(len(idle))}个（详见附件）。", [n, len(built), doing, len(idle)]),
        P(f"1-9月累计完成投资{yi(done)}亿元，占年度计划{yi(plan)}亿元的{wrong}。",
          shares=[wrong], amounts=[f"{yi(done)}亿元", f"{yi(plan)}亿元"]))
    d.h("二、存在问题")
    d.p(P(f"一是{cn(len(idle))}个项目至今未开工，分别为第三、十二、二十项，前期工作推进缓慢；",
          [len(idle)], items=[3, 12, 20]),
        "二是部分在建项目资金拨付不及时，施工单位存在窝工现象。")
    d.h("三、下步工作")
    d.p("各责任单位要对照年度投资计划，加快工程进度和资金拨付，确保全年目标任务如期完成。")
    d.table("白沙县2023年重点项目推进情况表",
            ["序号", "项目名称", "建设内容及规模", "年度计划（万元）", "1-9月完成投资（万元）",
             "责任单位", "当前进度", "项目状态"],
            table, {"seq": 0, "target": [1], "units": 5, "progress": 6, "status": 7},
            [1, 5, 4, 2, 2, 3, 5, 2])
    d.find("percent_mismatch", wrong, right,
           f"完成投资 {yi(done)} / 年度计划 {yi(plan)} = {pct(done, plan, 2)}, printed {wrong}")
    return d


# =============================================================================================
# minsheng: 民生实事
# =============================================================================================

def minsheng_rows(status, plan_lo, plan_hi):
    n = len(status)
    names = RNG.sample(MINSHENG, n)
    plans = amounts(n, plan_lo, plan_hi)
    rows = []
    for i in range(1, n + 1):
        st = status[i]
        kind = {"已完工": "done", "已完成": "done", "在建": "doing", "有序推进": "doing",
                "未开工": "wait", "滞后": "late"}[st]
        name, goal, unit = names[i - 1]
        rows.append([str(i), name, goal, unit, str(plans[i - 1]), progress(kind), st])
    return rows, plans


MS_HEADER = ["序号", "民生实事项目", "年度目标任务", "牵头单位", "计划投资（万元）", "进展情况", "状态"]
MS_ROLES = {"seq": 0, "target": [1], "units": 3, "progress": 5, "status": 6}
MS_WIDTHS = [1, 4, 5, 3, 2, 5, 2]


def minsheng_songxi():
    """clean, docx annex of 15 items; shares of each status; items named by number."""
    d = Doc("minsheng-songxi-2023-12", "松溪县人民政府督查室", "松政督通〔2023〕22号",
            "关于2023年县级民生实事项目进展情况的通报", "2023年12月6日")
    status = {i: "未开工" if i == 12 else "在建" if i in {2, 6, 9, 13, 15} else "已完工"
              for i in range(1, 16)}
    rows, plans = minsheng_rows(status, 500, 3500)
    plan = sum(plans)
    arrived = plan * 79 // 100 // 100 * 100
    c = {k: sum(1 for v in status.values() if v == k) for k in ("已完工", "在建", "未开工")}
    d.p("为推动民生实事项目按期落地见效，县政府督查室会同县发改局于11月下旬对县级民生实事项目进行了专项督查，"
        "现将有关情况通报如下。")
    d.h("一、总体进展")
    d.p(P(f"县政府今年承诺办理的15件民生实事，截至11月底，已完工{c['已完工']}件，占{pct(c['已完工'], 15)}；",
          [15, c["已完工"]], [pct(c["已完工"], 15)]),
        P(f"在建{c['在建']}件，占{pct(c['在建'], 15)}；", [c["在建"]], [pct(c["在建"], 15)]),
        P(f"未开工{c['未开工']}件，占{pct(c['未开工'], 15)}。", [c["未开工"]], [pct(c["未开工"], 15)]))
    d.p(P(f"其中，第3、7件已于年中提前完成全年任务。", items=[3, 7]))
    d.p(P(f"15件实事计划投入资金{yi(plan)}亿元，已到位{yi(arrived)}亿元，资金到位率{pct(arrived, plan)}。",
          [15], [pct(arrived, plan)], [f"{yi(plan)}亿元", f"{yi(arrived)}亿元"]))
    d.h("二、存在问题")
    d.p(P(f"未开工的1件为第12件{rows[11][1]}，因选址调整需重新办理规划手续；", [1], items=[12]),
        "部分在建项目受雨季影响，工期有所延后。")
    d.h("三、下步工作")
    d.p("各牵头单位要对照年度目标查漏补缺，已完工项目要抓紧组织验收，在建项目要确保年底前完工。")
    d.table("松溪县2023年县级民生实事项目进展情况表", MS_HEADER, rows, MS_ROLES, MS_WIDTHS,
            unit="县发改局")
    return d


def minsheng_taoyuan():
    """clean, no annex; 共 total, 有…的有N项, a share of two parts together, 占总任务的."""
    d = Doc("minsheng-taoyuan-2024-06", "桃源县人民政府督查室", "桃政督通〔2024〕9号",
            "关于县级民生实事项目上半年推进情况的督查通报", "2024年6月28日")
    n, done, doing, late = 12, 4, 7, 1
    plan, inv, fin = 8650, 5420, 3260
    d.p("6月中旬，县政府督查室采取听取汇报、查阅资料、实地察看相结合的方式，对全县民生实事推进情况开展了督查，"
        "其间走访群众约60户。")
    d.h("一、总体情况")
    d.p(P(f"今年县政府确定的民生实事项目共{n}项，年度计划投入资金{plan}万元。", [n], amounts=[f"{plan}万元"]))
    d.p(P(f"截至6月20日，已完成的有{done}项，占总任务的{pct(done, n)}；", [done], [pct(done, n)]),
        P(f"有序推进的有{doing}项，进度滞后的有{late}项；", [doing, late]),
        P(f"已完成和有序推进的合计{done + doing}项，占{pct(done + doing, n)}。", [done + doing],
          [pct(done + doing, n)]))
    d.p(P(f"上半年已完成投资{inv}万元，占年度计划投资的{pct(inv, plan)}，其中财政资金{fin}万元。",
          shares=[pct(inv, plan)], amounts=[f"{inv}万元", f"{fin}万元"]))
    d.h("二、存在问题")
    d.p(P("进度滞后的为第9项农贸市场提质改造，因商户过渡安置方案未确定，改造工程推迟进场；", items=[9]),
        P("第2、5项涉及老旧小区改造和农村公路提质，施工点多面广，群众协调工作量大。", items=[2, 5]))
    d.h("三、工作要求")
    d.p("各牵头单位要坚持“一项目一方案”，对滞后项目制定追赶措施；对已完成项目开展群众满意度回访，确保实事办实、好事办好。")
    return d


def minsheng_jinhe():
    """xlsx annex of 20 items; item 15 said to be late, shown as 有序推进 in the table."""
    d = Doc("minsheng-jinhe-2024-10", "金河县人民政府督查室", "金政督通〔2024〕18号",
            "关于2024年民生实事项目办理情况的督查通报", "2024年10月15日", annex_format="xlsx")
    done_rows = {1, 2, 4, 5, 7, 10, 11, 13, 16, 18, 20}
    status = {i: "已完成" if i in done_rows else "滞后" if i == 8 else "有序推进" for i in range(1, 21)}
    rows, plans = minsheng_rows(status, 800, 3200)
    plan = sum(plans)
    inv = plan * 79 // 100 // 100 * 100
    n_done = len(done_rows)
    d.p("按照县政府工作安排，县政府督查室于9月下旬至10月上旬对2024年民生实事项目进行了跟踪督查。现将督查情况通报如下。")
    d.h("一、办理进展")
    d.p(P(f"今年确定的20件民生实事，已完成{n_done}件，完成率{pct(n_done, 20)}；", [20, n_done],
          [pct(n_done, 20)]),
        P(f"其余{20 - n_done}件正在加快推进，其中第8、15件进度滞后。", [20 - n_done], items=[8, 15]))
    d.p(P(f"累计完成投资{yi(inv)}亿元，占年度计划{yi(plan)}亿元的{pct(inv, plan)}。",
          shares=[pct(inv, plan)], amounts=[f"{yi(inv)}亿元", f"{yi(plan)}亿元"]))
    d.h("二、存在问题")
    d.p("个别项目前期论证不充分，实施过程中多次调整建设内容；部分项目资金拨付与工程进度不匹配。")
    d.h("三、下步工作")
    d.p("各牵头单位要对照附件所列进度逐项销号，滞后项目要在10月底前拿出追赶方案报县政府督查室。")
    d.table("金河县2024年民生实事项目办理情况表", MS_HEADER, rows, MS_ROLES, MS_WIDTHS)
    assert rows[14][6] == "有序推进"
    d.find("named_item_status", "第8、15件", "有序推进",
           "第15件 said to be 进度滞后; annex row 15 status is 有序推进 (on_track)")
    return d


def minsheng_hongshan():
    """no annex; total in its own sentence; parts do not reach it."""
    d = Doc("minsheng-hongshan-2023-07", "红山市人民政府督查室", "红政督通〔2023〕14号",
            "市政府民生实事项目上半年进展情况通报", "2023年7月10日")
    total, done, doing, idle = 30, 8, 17, 4
    assert done + doing + idle != total
    rural = 12
    d.p("为确保民生实事项目按时保质完成，近期市政府督查室对各牵头单位推进情况进行了督查。现将有关情况通报如下。")
    d.h("一、总体情况")
    d.p(P(f"2023年市政府确定的民生实事共{total}项。", [total]),
        P(f"截至6月30日，已完工{done}项，占总数的{pct(done, total)}；", [done], [pct(done, total)]),
        P(f"在建{doing}项，占总数的{pct(doing, total)}；", [doing], [pct(doing, total)]),
        P(f"未开工{idle}项。", [idle]))
    d.p(P(f"其中，涉及农村的项目{rural}项，已完工3项。", [rural, 3]))
    d.p(P("经第三方抽样回访，群众对已完工项目的满意率达98.6%。", shares=["98.6%"]))
    d.h("二、存在问题")
    d.p(P(f"{idle}个未开工项目均存在前期手续办理慢的问题，个别单位等靠思想严重；", [idle]),
        "部分项目建设标准不高，群众反映的配套设施不完善问题仍未解决。")
    d.h("三、下步工作")
    d.p("各牵头单位要强化主体责任，对未开工项目实行挂牌督办，确保三季度全部开工建设。")
    d.find("sum_mismatch", f"{total}项", str(done + doing + idle),
           f"已完工{done} + 在建{doing} + 未开工{idle} = {done + doing + idle}, total printed {total}")
    return d


def minsheng_qinglan():
    """docx annex of 15 items; the narrative total says 16."""
    d = Doc("minsheng-qinglan-2024-12", "青岚县人民政府督查室", "青政督通〔2024〕25号",
            "关于全县民生实事项目完成情况的督查通报", "2024年12月10日")
    status = {i: "未开工" if i == 13 else "在建" if i in {3, 8, 11, 14} else "已完工" for i in range(1, 16)}
    rows, plans = minsheng_rows(status, 300, 2600)
    said, done = 16, 10
    assert sum(1 for v in status.values() if v == "已完工") == done
    d.p("年终将至，为推动民生实事项目全面收官，县政府督查室于12月初对全县民生实事项目完成情况进行了专项督查。")
    d.h("一、完成情况")
    d.p(P(f"全县共实施民生实事{said}件（详见附件），其中已完工{done}件，占{pct(done, said)}；",
          [said, done], [pct(done, said)]),
        P("其余项目正在加快建设，第13件因选址调整尚未开工。", items=[13]))
    d.p(P(f"各项目计划投资合计{sum(plans)}万元。", amounts=[f"{sum(plans)}万元"]))
    d.h("二、存在问题")
    d.p("部分项目开工较晚，年底前完工压力较大；个别项目验收资料不齐全，影响资金拨付。")
    d.h("三、下步要求")
    d.p("各牵头单位要倒排工期、加密调度，确保在建项目年底前完工，未开工项目落实开工条件。")
    d.table("青岚县2024年民生实事项目完成情况表", MS_HEADER, rows, MS_ROLES, MS_WIDTHS)
    d.find("total_vs_table", f"{said}件", "15", "民生实事16件 stated; the annex lists 15 items")
    return d


def minsheng_yanshan():
    """no annex; full-width digits; the share of 教育类 investment is off."""
    d = Doc("minsheng-yanshan-2024-09", "雁山市人民政府督查室", "雁政督通〔2024〕16号",
            "关于市级民生实事项目推进情况的通报", "2024年9月12日")
    n, done, doing, idle = 18, 7, 9, 2
    plan, inv, edu, edu_n = 12500, 8620, 3240, 5
    right = pct(edu, inv, 0)
    wrong = "35%"
    d.p("为推动市级民生实事项目加快实施，市政府督查室于９月上旬对各牵头单位进展情况进行了督查，现通报如下。")
    d.h("一、总体进展")
    d.p(P(f"全市{fw(n)}项民生实事年度计划投资{fw(plan)}万元，截至８月底已完成投资{fw(inv)}万元，"
          f"占计划投资的{fw(pct(inv, plan, 0))}。", [n], [fw(pct(inv, plan, 0))],
          [f"{fw(plan)}万元", f"{fw(inv)}万元"]))
    d.p(P(f"从建设进度看，已完工{fw(done)}项、在建{fw(doing)}项、未开工{fw(idle)}项，"
          f"完工率{fw(pct(done, n, 0))}。", [done, doing, idle], [fw(pct(done, n, 0))]))
    d.p(P(f"其中教育类项目{fw(edu_n)}项，完成投资{fw(edu)}万元，占已完成投资的{fw(wrong)}。",
          [edu_n], [fw(wrong)], [f"{fw(edu)}万元"]))
    d.h("二、存在问题")
    d.p(P(f"{fw(idle)}个未开工项目前期工作推进缓慢，其中城区排水防涝项目因方案调整尚未完成招标；", [idle]),
        "部分在建项目现场管理不规范。")
    d.h("三、下步工作")
    d.p("各牵头单位要聚焦年度目标，加快推进项目建设，确保年底前全面完成。")
    d.find("percent_mismatch", fw(wrong), right,
           f"教育类 {edu}/{inv} = {pct(edu, inv, 2)}, printed {wrong}")
    return d


# =============================================================================================
# shiqing: 营商环境 / 为民办实事 / 乡村振兴
# =============================================================================================

def shiqing_fengxi():
    """营商环境 督查, clean, no annex; categories, 整改率, 满意率, ranking of 乡镇 by score."""
    d = Doc("shiqing-fengxi-2024-04", "枫溪县人民政府督查室", "枫政督通〔2024〕4号",
            "关于优化营商环境突出问题专项督查情况的通报", "2024年4月19日")
    cats = [("审批服务", 19), ("涉企收费", 8), ("要素保障", 12), ("执法监管", 7)]
    total = sum(c[1] for c in cats)
    fixed = 39
    visit, ok = 150, 142
    d.p(P("为深入推进优化营商环境攻坚行动，3月中旬至4月上旬，县政府督查室牵头组成4个督查组，"
          "采取暗访、座谈、企业回访等方式，对全县各乡镇和县直有关部门开展了专项督查。", [4]))
    d.h("一、问题整改情况")
    lst = "、".join(f"{name}类{n}个" for name, n in cats)
    d.p(P(f"督查组共发现各类问题{total}个，涉及{lst}。", [total] + [c[1] for c in cats]),
        P(f"截至4月15日，已完成整改{fixed}个，整改率{pct(fixed, total)}；", [fixed], [pct(fixed, total)]),
        P(f"剩余{total - fixed}个问题已明确整改时限，正在整改中。", [total - fixed]))
    d.p(P(f"督查期间共回访企业{visit}家，对营商环境表示满意的{ok}家，满意率{pct(ok, visit)}。",
          [visit, ok], [pct(ok, visit)]))
    d.h("二、乡镇营商环境评价情况")
    d.p("从各乡镇评价得分看，石门镇、柳溪镇、南岗乡分列前三位，得分分别为96.5分、95.8分、94.2分；"
        "排名靠后的是双河乡、白云镇、高桥镇，得分分别为82.3分、81.6分、79.4分。")
    d.h("三、存在问题")
    d.p("一是部分窗口一次性告知不到位，企业反映多次跑腿的问题依然存在；二是个别部门涉企检查频次偏高，"
        "“综合查一次”落实不到位；三是惠企政策兑现周期偏长。")
    d.h("四、下步工作")
    d.p("各乡镇、各部门要对照问题清单逐项整改，排名靠后的乡镇要向县优化营商环境办书面说明原因并提出改进措施。")
    return d


def shiqing_nanping():
    """为民办实事, clean, docx annex of 25 items; （xx%） share; items by number."""
    d = Doc("shiqing-nanping-2023-09", "南坪区人民政府督查室", "南政督通〔2023〕13号",
            "关于“我为群众办实事”项目推进情况的督查通报", "2023年9月4日")
    late = {7, 21}
    done_rows = {1, 2, 3, 5, 6, 9, 10, 12, 14, 16, 17, 19, 22, 24}
    items = [
        ("优化不动产登记办理流程", "区自然资源局"), ("企业开办一站式服务", "区行政审批局"),
        ("社区便民服务站建设", "区民政局"), ("农村道路安装太阳能路灯", "区农业农村局"),
        ("老旧小区加装电梯", "区住建局"), ("城区公厕免费开放", "区城管局"),
        ("解决北门片区供水压力不足问题", "区水务局"), ("中小学课后延时服务", "区教育局"),
        ("医保业务村级代办", "区医保局"), ("新建口袋公园", "区城管局"),
        ("农民工工资支付专项治理", "区人社局"), ("公交站台改造", "区交通运输局"),
        ("背街小巷路面修复", "区住建局"), ("社区医院慢病管理服务", "区卫健局"),
        ("菜市场周边交通秩序整治", "区公安分局"), ("困难老人助餐服务", "区民政局"),
        ("政务服务“周末不打烊”", "区行政审批局"), ("农村生活污水治理", "区生态环境分局"),
        ("小区充电桩建设", "区发改局"), ("法律援助进社区", "区司法局"),
        ("城区学校周边停车场建设", "区城管局"), ("残疾人辅具适配服务", "区残联"),
        ("河道沿线绿化提升", "区水务局"), ("农产品质量安全快检服务", "区市场监管局"),
        ("退役军人服务站标准化建设", "区退役军人事务局"),
    ]
    rows = []
    for i, (name, unit) in enumerate(items, 1):
        st = "已完成" if i in done_rows else "进展滞后" if i in late else "有序推进"
        kind = "done" if i in done_rows else "late" if i in late else "doing"
        rows.append([str(i), name, unit, progress(kind), st])
    n, nd, nl = 25, len(done_rows), len(late)
    no = n - nd - nl
    d.p("“我为群众办实事”实践活动开展以来，区政府督查室按照区委部署，对第一批为民办实事项目实行清单化管理、"
        "销号式推进。现将推进情况通报如下。")
    d.h("一、总体情况")
    d.p(P(f"截至8月底，第一批{n}项为民办实事项目中，{nd}项已完成（{pct(nd, n)}），"
          f"{no}项正在有序推进（{pct(no, n)}），{nl}项进度滞后（{pct(nl, n)}）。",
          [n, nd, no, nl], [pct(nd, n), pct(no, n), pct(nl, n)]))
    d.p(P(f"滞后的{nl}项分别是第7项{items[6][0]}和第21项{items[20][0]}。", [nl], items=[7, 21]))
    d.h("二、存在问题")
    d.p("个别项目牵头单位与配合单位衔接不畅，存在推诿现象；部分已完成项目群众知晓度不高。")
    d.h("三、下步工作")
    d.p("各牵头单位要对照项目清单逐项推进，滞后项目要明确时间节点，区政府督查室将实行一周一调度。")
    d.table("南坪区第一批“我为群众办实事”项目推进情况表",
            ["序号", "项目名称", "牵头单位", "推进情况", "进展评价"], rows,
            {"seq": 0, "target": [1], "units": 2, "progress": 3, "status": 4}, [1, 6, 3, 6, 2])
    return d


def shiqing_huaxi():
    """乡村振兴 督查 问题清单, xlsx annex; 已整改 count differs from the table."""
    d = Doc("shiqing-huaxi-2024-05", "花溪县人民政府督查室", "花政督通〔2024〕7号",
            "关于乡村振兴重点工作专项督查发现问题整改情况的通报", "2024年5月22日", annex_format="xlsx")
    towns = [("河口镇", 6), ("青山乡", 5), ("石坝镇", 4), ("龙井乡", 4), ("马田镇", 4),
             ("杉木乡", 3), ("团结镇", 3), ("新场乡", 3)]
    problems = [
        "部分村庄生活垃圾清运不及时", "产业项目联农带农机制不健全", "防返贫监测信息更新不及时",
        "村级集体经济收益未按规定分配", "衔接资金项目推进缓慢", "农村户厕问题摸排整改不彻底",
        "村庄规划编制滞后", "小额信贷到期未及时续贷", "公益性岗位人员管理不规范",
        "村内道路破损未及时修复", "农村饮水工程管护不到位", "扶贫资产台账不完整",
    ]
    total = sum(t[1] for t in towns)
    fixed_said = 21
    fixed_rows = set(RNG.sample(range(1, total + 1), 22))
    rows, i = [], 0
    for town, k in towns:
        for _ in range(k):
            i += 1
            st = "已整改" if i in fixed_rows else "整改中"
            rows.append([str(i), town, RNG.choice(problems), town + "人民政府",
                         "2024年4月30日前" if st == "已整改" else "2024年6月30日前", st])
    d.p("4月，县政府督查室会同县农业农村局、县乡村振兴服务中心，对各乡镇乡村振兴重点工作开展了专项督查，"
        "并对发现的问题逐一建立清单、限期整改。")
    d.h("一、问题整改总体情况")
    d.p(P(f"此次督查共发现问题{total}个，截至5月20日，已整改到位{fixed_said}个，整改率{pct(fixed_said, total)}；",
          [total, fixed_said], [pct(fixed_said, total)]),
        "其余问题正在整改。")
    d.p(P(f"从乡镇分布看，问题较多的是河口镇（{towns[0][1]}个）、青山乡（{towns[1][1]}个），"
          f"石坝镇、龙井乡、马田镇各{towns[2][1]}个。", [towns[0][1], towns[1][1], towns[2][1]]))
    d.h("二、下步要求")
    d.p("各乡镇要对照问题清单（见附件）逐项销号，未完成整改的问题须在6月底前整改到位，县政府督查室将适时开展“回头看”。")
    d.table("花溪县乡村振兴重点工作专项督查问题整改清单",
            ["序号", "乡镇", "发现问题", "责任单位", "整改时限", "整改状态"], rows,
            {"seq": 0, "target": [2], "units": 3, "section": 1, "status": 5}, [1, 2, 7, 3, 3, 2])
    d.find("count_vs_table", f"{fixed_said}个", str(len(fixed_rows)),
           f"已整改到位{fixed_said}个 stated; {len(fixed_rows)} annex rows are 已整改")
    return d


def shiqing_dongxiang():
    """营商环境 企业诉求, no annex; 办结率 cut; categories do not add to the total."""
    d = Doc("shiqing-dongxiang-2023-11", "东乡县人民政府督查室", "东政督通〔2023〕19号",
            "关于“企业服务月”活动企业诉求办理情况的通报", "2023年11月20日")
    total, closed = 128, 109
    going = total - closed
    cats = [("融资", 35), ("用工", 28), ("用地", 19), ("审批", 26), ("其他", 18)]
    s = sum(c[1] for c in cats)
    assert s != total and cut(closed, total) != pct(closed, total)
    d.p("“企业服务月”活动开展以来，全县各级各部门深入企业走访，收集企业反映的困难和问题，建立台账逐件办理。"
        "现将办理情况通报如下。")
    d.h("一、诉求收集和办理情况")
    d.p(P(f"活动期间，各单位共走访企业312家，涉及企业诉求{total}件。", [312, total]),
        P("按诉求类型分：" + "、".join(f"{n}类{k}件" for n, k in cats) + "。", [c[1] for c in cats]))
    d.p(P(f"截至11月15日，已办结{closed}件，正在办理{going}件，办结率{cut(closed, total)}。",
          [closed, going], [cut(closed, total)]))
    d.h("二、存在问题")
    d.p("一是融资类诉求办结偏慢，部分银行授信审批周期长；二是个别单位对诉求答复简单，存在“答复了事”现象。")
    d.h("三、下步工作")
    d.p("各责任单位要对未办结诉求实行专人跟踪，县政府督查室将开展企业满意度回访，回访结果纳入年度绩效考核。")
    d.find("percent_truncated", cut(closed, total), pct(closed, total),
           f"办结率 {closed}/{total} = {pct(closed, total, 3)}, printed cut")
    d.find("sum_mismatch", f"{total}件", str(s),
           f"诉求类型 {'+'.join(str(c[1]) for c in cats)} = {s}, total printed {total}")
    return d


def shiqing_dongxi_trad():
    """為民辦實事, traditional characters, no annex; the share of two parts together is off."""
    d = Doc("shiqing-dongxi-2024-11", "東溪縣人民政府督查室", "東政督通〔2024〕12號",
            "關於全縣為民辦實事項目推進情況的通報", "2024年11月8日")
    n, done, doing, late = 40, 26, 11, 3
    right = pct(done + doing, n)
    wrong = "92.0%"
    assert wrong != right and wrong != cut(done + doing, n)
    d.p("為推動為民辦實事項目落地見效，縣政府督查室於10月下旬對各牽頭單位項目推進情況進行了督查，現將有關情況通報如下。")
    d.h("一、總體情況")
    d.p(P(f"今年全縣確定為民辦實事項目{n}項，截至10月底，已完成{done}項，佔{pct(done, n)}；",
          [n, done], [pct(done, n)]),
        P(f"正在推進{doing}項，佔{pct(doing, n)}；", [doing], [pct(doing, n)]),
        P(f"進度滯後{late}項，佔{pct(late, n)}。", [late], [pct(late, n)]))
    d.p(P(f"已完成和正在推進的合計{done + doing}項，佔{wrong}，總體進度符合預期。", [done + doing], [wrong]))
    d.h("二、存在問題")
    d.p(P(f"進度滯後的{late}個項目主要集中在農村供水和學校改擴建領域，受資金和施工條件制約較大；", [late]),
        "部分已完成項目後續管護機制尚未建立。")
    d.h("三、下步工作")
    d.p("各牽頭單位要對滯後項目制定專項推進方案，確保年底前全面完成；縣政府督查室將持續跟蹤督辦。")
    d.find("percent_mismatch", wrong, right, f"({done}+{doing})/{n} = {right}, printed {wrong}")
    return d


def shiqing_yangping():
    """乡村振兴 衔接资金项目, clean, no annex; 万元 vs 亿元 base; rates without counts (ranking)."""
    d = Doc("shiqing-yangping-2023-08", "杨坪县人民政府督查室", "杨政督通〔2023〕10号",
            "关于巩固衔接资金项目推进情况的督查通报", "2023年8月25日")
    n, done, doing, idle = 58, 34, 21, 3
    fund, paid = 12600, 8975
    d.p("为加快巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金项目实施进度，8月中旬，县政府督查室对全县各乡镇衔接资金项目进行了督查。")
    d.h("一、项目实施情况")
    d.p(P(f"今年全县安排衔接资金项目{n}个，下达资金{yi(fund)}亿元。", [n], amounts=[f"{yi(fund)}亿元"]),
        P(f"截至8月20日，{done}个项目已完工，{doing}个项目正在实施，{idle}个项目未开工，"
          f"完工率{pct(done, n)}。", [done, doing, idle], [pct(done, n)]))
    d.p(P(f"累计拨付资金{paid}万元，资金拨付率{pct(paid, fund)}。", shares=[pct(paid, fund)],
          amounts=[f"{paid}万元"]))
    d.h("二、乡镇资金拨付进度排名")
    d.p(P("从各乡镇资金拨付进度看，排名前三位的是桥头镇、茶园乡、枫木镇，拨付率分别为92.4%、88.7%、85.1%；",
          shares=["92.4%", "88.7%", "85.1%"]),
        P("排名后三位的是大坪乡、沙溪镇、草场乡，拨付率分别为51.3%、48.6%、43.2%。",
          shares=["51.3%", "48.6%", "43.2%"]))
    d.h("三、存在问题")
    d.p(P(f"一是{idle}个未开工项目均因项目变更调整未及时报批；", [idle]),
        "二是部分乡镇资金拨付与项目进度脱节，完工项目未及时验收报账。")
    d.h("四、下步工作")
    d.p(P("排名后三位的乡镇要专题研究资金拨付工作，9月底前拨付率须达到70%以上。", shares=["70%"]))
    return d


DOCS = [
    xiangmu_qingshui, xiangmu_longtan, xiangmu_shiqiao, xiangmu_hexi, xiangmu_yunxi, xiangmu_baisha,
    minsheng_songxi, minsheng_taoyuan, minsheng_jinhe, minsheng_hongshan, minsheng_qinglan,
    minsheng_yanshan,
    shiqing_fengxi, shiqing_nanping, shiqing_huaxi, shiqing_dongxiang, shiqing_dongxi_trad,
    shiqing_yangping,
]


# ---------------------------------------------------------------------------------------------
# self-check of the written sources
# ---------------------------------------------------------------------------------------------

FIGURE = re.compile(r"(?<![约近0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?(?![余多])"
                    r"(?:[项件个处家户条人次名所座%％]|万元|亿元)")
CN_FIGURE = re.compile(r"[一二三四五六七八九十]+[个项件]")


def pieces(paragraph):
    return [m.group(0) for m in re.finditer(r"[^。；]*[。；]", paragraph)]


def vocabulary():
    words = {}
    for path in (OUT.parent.parent / "vocabulary.yaml", OUT.parent / "vocabulary-b.yaml"):
        for status, phrases in yaml.safe_load(path.read_text(encoding="utf-8"))["statuses"].items():
            words.update({w: status for w in phrases})
    return words


def check(names):
    problems = []
    words = vocabulary()
    for name in names:
        src = yaml.safe_load((OUT / f"{name}.yaml").read_text(encoding="utf-8"))
        body = src["body"]
        every = set(pc for para in body for pc in pieces(para))
        listed = set()
        for st in src["statements"]:
            t = st["text"]
            listed.add(t)
            if t not in every:
                problems.append(f"{name}: not a piece of the body: {t}")
            for v in st["shares"] + st["amounts"]:
                if v not in t:
                    problems.append(f"{name}: {v} not in {t}")
            for c in st["counts"] + st["items"]:
                if not any(f in t for f in (str(c), fw(c), cn(c) if c < 100 else "-")):
                    problems.append(f"{name}: count {c} not in {t}")
        for pc in every - listed:
            if FIGURE.search(pc) or CN_FIGURE.search(pc.replace("一项目一方案", "")):
                problems.append(f"{name}: unlisted figure in: {pc}")
        text = "".join(body)
        for f in src["expected_findings"]:
            if f["stated"] not in text:
                problems.append(f"{name}: finding {f['stated']} not in the body")
        if src["genre"] not in name or src["name"] != name:
            problems.append(f"{name}: name/genre")
        for annex in src["annexes"]:
            for table in annex["tables"]:
                n = len(table["header"][0])
                tally = {}
                for row in table["rows"]:
                    if len(row) != n:
                        problems.append(f"{name}: row {row[0]} has {len(row)} cells, header {n}")
                    word = row[table["roles"]["status"]]
                    if word not in words:
                        problems.append(f"{name}: status word {word} not in a vocabulary")
                    tally[words.get(word)] = tally.get(words.get(word), 0) + 1
                print(f"  {name}: {len(table['rows'])} rows {tally}")
    return problems


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    names = []
    for make in DOCS:
        d = make()
        names.append(d.name)
        path = OUT / f"{d.name}.yaml"
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(d.source(), f, allow_unicode=True, sort_keys=False, width=1000)
        print(path.name, len(d.statements), "statements,", len(d.findings), "findings")
    problems = check(names)
    print("\n".join(problems) or "self-check: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
