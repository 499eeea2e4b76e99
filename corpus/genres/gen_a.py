#!/usr/bin/env python3
"""Genre sources of helper a: gzbg (政府工作报告 重点任务), changwu (常务会议/县长办公会 确定事项),
pishi (领导批示件/交办件).

    python corpus/genres/gen_a.py          # (re)writes sources/{gzbg,changwu,pishi}-*.yaml, then checks them

Each document function holds its facts (counts per status, table rows, amounts), composes the
narrative from them and computes every share itself (half-up at the printed decimals). A mistake is
injected through `Doc.share(..., wrong=/cut=)`, `Doc.parts(...)` with a stated total the parts do not
reach, or by a narrative figure that differs from the annex rows; each records its expected finding.
The check at the end reloads every file and re-derives the findings from the recorded checks and
the annex rows. Deterministic (fixed seed); no file of the tool is read.
"""
from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections import Counter
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "sources"
VOCAB_FILES = [HERE.parent / "vocabulary.yaml", HERE / "vocabulary-a.yaml"]
rng = random.Random(20240917)

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
CN_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """Chinese numeral for 0 <= n < 1000 (二十二, 一百一十二)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    s = CN_DIGITS[h] + "百"
    if r == 0:
        return s
    if r < 10:
        return s + "零" + CN_DIGITS[r]
    return s + CN_DIGITS[r // 10] + "十" + (CN_DIGITS[r % 10] if r % 10 else "")


def pct(part, base, d: int, mode: str = "round") -> str:
    q = Decimal(1).scaleb(-d)
    v = Decimal(str(part)) * 100 / Decimal(str(base))
    v = v.quantize(q, rounding=ROUND_HALF_UP if mode == "round" else ROUND_DOWN)
    return f"{v}%"


# =============================================================================================
# A document under construction
# =============================================================================================

class Doc:
    def __init__(self, name, genre, header, numerals="arabic", annex_format="docx"):
        self.name, self.genre, self.header = name, genre, header
        self.numerals = numerals            # arabic | fullwidth | chinese
        self.annex_format = annex_format
        self.body: list[str] = []
        self.statements: list[dict] = []
        self.findings: list[dict] = []
        self.injections: list[str] = []
        self.annexes: list[dict] = []
        self.checks: list[dict] = []        # what the check() at the end re-derives

    # -- formatting in the document's own digits ------------------------------------------
    def n(self, x: int) -> str:
        if self.numerals == "chinese":
            return cn(x)
        s = str(x)
        return s.translate(FW) if self.numerals == "fullwidth" else s

    def f(self, s: str) -> str:
        """A share / date string in the document's digits (Chinese-numeral documents keep
        Arabic shares and amounts, as offices type them)."""
        return s.translate(FW) if self.numerals == "fullwidth" else s

    # -- figures ----------------------------------------------------------------------------
    def share(self, part, base, d=1, wrong=None, cut=False, what=""):
        right = pct(part, base, d)
        if cut:
            printed = pct(part, base, d, "cut")
            assert printed != right, (self.name, part, base)
            self.finding("percent_truncated", self.f(printed), right,
                         f"{what}{part}/{base} = {Decimal(str(part)) * 100 / Decimal(str(base)):.3f}%, "
                         f"printed cut instead of rounded")
        elif wrong is not None:
            printed = wrong
            assert printed not in (right, pct(part, base, d, "cut"))
            self.finding("percent_mismatch", self.f(printed), right,
                         f"{what}{part}/{base} = {Decimal(str(part)) * 100 / Decimal(str(base)):.3f}%")
        else:
            printed = right
        self.checks.append({"type": "share", "part": str(part), "base": str(base), "d": d,
                            "printed": self.f(printed)})
        return self.f(printed)

    def parts(self, parts, total, stated, unit_note=""):
        """One exhaustive classification: the parts must add to the stated total."""
        s = sum(Decimal(str(p)) for p in parts)
        self.checks.append({"type": "sum", "parts": [str(p) for p in parts], "total": str(total),
                            "stated": stated})
        if s != Decimal(str(total)):
            self.finding("sum_mismatch", stated, f"{s}{unit_note}",
                         f"{' + '.join(str(p) for p in parts)} = {s}, stated total {total}")

    def table_count(self, status, stated_n, stated, annex=1):
        """A narrative count of one status, to be compared with the annex rows."""
        self.checks.append({"type": "table_count", "status": status, "n": stated_n,
                            "stated": stated, "annex": annex})

    def table_total(self, stated_n, stated, annex=1):
        self.checks.append({"type": "table_total", "n": stated_n, "stated": stated, "annex": annex})

    def named(self, item, claimed, stated, annex=1):
        """Item number `item` said to be in status `claimed` (late: on_track or behind are fine)."""
        self.checks.append({"type": "named", "item": item, "claimed": claimed, "stated": stated,
                            "annex": annex})

    def finding(self, kind, stated, computed, note):
        self.findings.append({"kind": kind, "stated": stated, "computed": computed, "note": note})

    def inject(self, note):
        self.injections.append(note)

    # -- text -------------------------------------------------------------------------------
    def st(self, text, counts=(), shares=(), amounts=(), items=()):
        assert text[-1] in "。；", text
        self.statements.append({"text": text, "counts": list(counts), "shares": list(shares),
                                "amounts": list(amounts), "items": list(items)})
        return text

    def p(self, *pieces):
        self.body.append("".join(pieces))

    def source(self) -> dict:
        return {
            "name": self.name,
            "genre": self.genre,
            "annex_format": self.annex_format,
            "header": self.header,
            "body": self.body,
            "annex_list": bool(self.annexes),
            "annexes": self.annexes,
            "statements": self.statements,
            "expected_findings": self.findings,
            "injections": self.injections,
        }


def hdr(issuer, doc_number, title, date):
    return {"issuer": issuer, "doc_number": doc_number, "title": title, "date": date}


def annex(no, title, header, rows, roles, widths, orientation="landscape", filler_unit=None):
    a = {"no": no, "title": title}
    if filler_unit:
        a["filler_unit"] = filler_unit
    a["orientation"] = orientation
    a["tables"] = [{"name": "", "caption": False, "repeat_header": True, "widths": widths,
                    "header": [header], "roles": roles, "rows": rows}]
    return a


# =============================================================================================
# Item pools (written for this corpus)
# =============================================================================================

CW_POOL = [
    ("抓好秋冬季森林防灭火准备工作，落实重点时段巡山护林措施", "县林业局"),
    ("完善城乡低保动态管理，开展低保对象年度复核", "县民政局"),
    ("加快推进县城污水处理厂提标改造工程", "县住建局"),
    ("做好下年度重点项目谋划储备，积极争取专项债券额度", "县发改局"),
    ("落实秋季学期家庭经济困难学生资助政策", "县教体局"),
    ("开展城区道路交通秩序集中整治", "县公安局"),
    ("推进农村户厕问题摸排整改", "县农业农村局"),
    ("加强税费征管，确保全年税收收入目标完成", "县税务局"),
    ("完成县域医共体信息平台建设", "县卫健局"),
    ("做好秋冬季传染病防控和疫苗接种工作", "县卫健局"),
    ("推进茶叶产业园基础设施配套建设", "县农业农村局"),
    ("开展经营性自建房安全隐患排查整治", "县住建局"),
    ("加快推进国土空间总体规划成果报批", "县自然资源局"),
    ("做好汛后水毁工程修复", "县水利局"),
    ("推进集镇供水管网改造工程", "县水利局"),
    ("落实根治拖欠农民工工资工作措施", "县人社局"),
    ("开展校园及周边食品安全专项抽检", "县市场监管局"),
    ("完成国道沿线环境综合整治", "县交通运输局"),
    ("加快农村公路安全生命防护工程建设", "县交通运输局"),
    ("开展人员密集场所消防安全隐患专项排查", "县消防救援大队"),
    ("做好冬季电煤储备和能源保供工作", "县发改局"),
    ("推进工业园区标准化厂房招商入驻", "县经贸局"),
    ("完成年度高标准农田建设任务", "县农业农村局"),
    ("推进城区公共停车场建设项目前期工作", "县住建局"),
    ("做好重点优抚对象抚恤补助发放", "县退役军人事务局"),
    ("开展重点行业领域安全生产大检查", "县应急管理局"),
    ("抓好生猪稳产保供和动物疫病防控", "县农业农村局"),
    ("加强河湖长制巡河问题整改", "县水利局"),
    ("完成县城区主干道绿化提升工程", "县城管局"),
    ("推进乡镇卫生院标准化建设", "县卫健局"),
    ("开展重点税源企业走访服务", "县税务局"),
    ("做好城乡居民医保集中参保缴费", "县医保局"),
    ("推进文化旅游项目招商签约", "县文旅广电局"),
    ("开展农村留守儿童关爱帮扶行动", "县民政局"),
    ("加快易地搬迁安置社区配套设施建设", "县乡村振兴局"),
    ("完成地质灾害隐患点搬迁避让任务", "县自然资源局"),
    ("推进城区背街小巷改造", "县住建局"),
    ("做好高校毕业生等重点群体就业帮扶", "县人社局"),
    ("加强粮食储备库安全管理", "县粮食和物资储备中心"),
    ("推进政务服务“一网通办”事项梳理", "县政务服务中心"),
    ("开展中小学校园周边环境综合治理", "县教体局"),
    ("完成义务教育薄弱学校改造项目", "县教体局"),
    ("推进县体育馆免费低收费开放", "县教体局"),
    ("开展城镇燃气安全专项整治", "县住建局"),
    ("做好第四季度财政收支平衡工作", "县财政局"),
    ("推进供销社综合改革", "县供销社"),
]

DONE_TXT = ["已按会议要求完成，办结报告已报县政府。", "相关工作已落实到位，资料已归档备查。",
            "已全面完成，经督查组现场核实。", "已完成并通过县级验收。",
            "已按期办结，并建立长效工作机制。", "已完成既定任务，相关情况已专题报告县政府。"]
DOING_TXT = ["已制定实施方案，正在按时序推进。", "前期工作已完成，正在组织实施。",
             "正在履行相关审批程序。", "已完成阶段性任务，剩余工作计划年底前完成。",
             "正在与上级部门对接，争取政策支持。", "已启动实施，正在加快推进。"]
LATE_TXT = ["受资金未到位影响，推进缓慢。", "相关手续办理周期较长，尚未取得实质进展。",
            "实施方案仍在修改完善，推进较慢。", "施工单位未按计划进场，进度滞后。"]
OVERDUE_TXT = ["已超过规定办理时限，承办单位尚未报送办理结果。",
               "涉及历史遗留问题，超期未能办结。", "协调难度较大，已逾期。"]


def pick_rows(n, fixed=None, pool=CW_POOL, exclude=()):
    """n (item, unit) pairs from the pool; `fixed` maps 1-based positions to given pairs."""
    fixed = fixed or {}
    rest = [x for x in pool if x not in fixed.values() and x not in exclude]
    rng.shuffle(rest)
    out = []
    for i in range(1, n + 1):
        out.append(fixed[i] if i in fixed else rest.pop())
    return out


# =============================================================================================
# gzbg — 政府工作报告 重点任务
# =============================================================================================

GZ_PROG = {
    "已完成": ["年度任务已全部完成。", "已提前完成全年目标。", "已完成并通过验收。"],
    "超进度": ["完成进度超过序时要求。", "已完成年度目标的八成以上，快于序时。"],
    "达进度": ["按计划有序推进，达到序时进度。", "各项工作按节点推进。", "正在按序时推进。"],
    "欠进度": ["受要素保障制约，进度慢于序时。", "前期手续尚未办结，未达序时进度。",
              "资金到位不足，推进较慢。"],
}


def gzbg_huoshan():
    """Clean, no annex: five categories, each a share of the M printed one sentence earlier."""
    d = Doc("gzbg-huoshan-2024-07", "gzbg",
            hdr("霍山县人民政府督查室", "霍政督通〔2024〕7号",
                "关于2024年县《政府工作报告》目标任务上半年落实情况的通报", "2024年7月22日"))
    T, M = 131, 214
    cats = [("欠进度的有", 16, "个"), ("超进度的有", 11, "个"), ("已完成和提前完成的", 23, "个"),
            ("其它类", 9, "个"), ("达进度的有", 155, "个")]
    d.parts([c for _, c, _ in cats], M, f"{M}个")
    d.p("7月8日至16日，县政府督查室通过查阅工作台账、电话核实和实地察看等方式，"
        "对2024年县《政府工作报告》目标任务上半年落实情况开展了专项督查。现将有关情况通报如下。")
    pieces = [d.st(f"2024年县《政府工作报告》共明确目标任务{T}项，经各牵头单位分解、分管县领导审定，"
                   f"细化为{M}个具体工作内容。", counts=[T, M])]
    for i, (lab, c, u) in enumerate(cats):
        s = d.share(c, M, 1)
        lead = "经逐项核实：" if i == 0 else ""
        end = "。" if i == len(cats) - 1 else "；"
        tail = "占总任务的" if i in (0, 1, 4) else "占"
        pieces.append(d.st(f"{lead}{lab}{c}{u}，{tail}{s}{end}", counts=[c], shares=[s]))
    d.p(*pieces)
    d.p("从总体上看，多数责任单位对《政府工作报告》目标任务高度重视，压实责任、倒排工期，"
        "部分任务已提前完成年度目标；但也有少数单位思想上不够重视，推进措施不够有力。")
    late, obj, subj = 16, 9, 7
    d.parts([obj, subj], late, f"{late}个")
    d.p(d.st(f"{late}个欠进度的具体工作内容中，因上级政策调整、资金未到位等客观原因造成的{obj}个，"
             f"因工作推进不力造成的{subj}个。", counts=[late, obj, subj]),
        d.st("另有3个具体工作内容连续两个季度欠进度，已列入县政府督查室重点督办清单。", counts=[3]))
    d.p("下一步工作要求：")
    d.p("一是盯紧节点抓落实。各责任单位要把《政府工作报告》目标任务落实作为重要政治任务，"
        "对照时间节点逐项推进，确保年度目标如期实现。")
    d.p("二是分析原因补短板。对欠进度的工作内容，责任单位要逐项查找原因，"
        "主动加强与上级部门的沟通衔接，采取有力措施迎头赶上。")
    d.p("三是强化督查促实效。县政府督查室将于三季度末开展“回头看”，"
        "对整改不力的单位按规定予以通报。")
    return d


def gzbg_shucheng():
    """Full-width digits, no annex; the completed share is cut instead of rounded."""
    d = Doc("gzbg-shucheng-2024-09", "gzbg",
            hdr("舒城县人民政府督查室", "舒政督〔2024〕9号",
                "关于2024年县《政府工作报告》重点任务半年推进情况的通报", "2024年8月2日"),
            numerals="fullwidth")
    n = d.n
    T, M = 88, 146
    done, ok, late = 29, 99, 18
    d.parts([done, ok, late], M, f"{n(M)}个")
    d.p(d.f("根据县政府主要负责同志要求，县政府督查室会同县发改委对2024年县《政府工作报告》"
            "重点任务推进情况进行了半年督查，现将有关情况通报如下。"))
    d.p("一、总体进展")
    s_done = d.share(done, M, 1, cut=True, what="已完成 ")
    d.inject("已完成 29/146 printed cut (19.8%) instead of rounded (19.9%)")
    s_ok, s_late = d.share(ok, M, 1), d.share(late, M, 1)
    d.p(d.st(f"今年县《政府工作报告》共确定重点工作任务{n(T)}项，分解为具体工作事项{n(M)}个。",
             counts=[T, M]),
        d.st(f"截至{d.f('6')}月{d.f('30')}日，{n(M)}个具体工作事项中，已完成{n(done)}个，占{s_done}；",
             counts=[M, done], shares=[s_done]),
        d.st(f"达到序时进度的{n(ok)}个，占{s_ok}；", counts=[ok], shares=[s_ok]),
        d.st(f"滞后于序时进度的{n(late)}个，占{s_late}。", counts=[late], shares=[s_late]))
    e = dict(T=31, M=54, done=9, ok=36, late=9)
    d.parts([e["done"], e["ok"], e["late"]], e["M"], f"{n(e['M'])}个")
    d.p("（一）经济发展类任务。",
        d.st(f"经济发展类任务{n(e['T'])}项、具体工作事项{n(e['M'])}个，已完成{n(e['done'])}个，"
             f"达到序时进度{n(e['ok'])}个，滞后{n(e['late'])}个。",
             counts=[e["T"], e["M"], e["done"], e["ok"], e["late"]]),
        "规上工业增加值、固定资产投资等指标增速高于全市平均水平。")
    m = dict(T=26, M=43, done=11, ok=29, late=3)
    d.parts([m["done"], m["ok"], m["late"]], m["M"], f"{n(m['M'])}个")
    d.p("（二）民生保障类任务。",
        d.st(f"民生保障类任务{n(m['T'])}项，细化具体工作事项{n(m['M'])}个，其中已完成{n(m['done'])}个、"
             f"达到序时进度{n(m['ok'])}个、滞后{n(m['late'])}个。",
             counts=[m["T"], m["M"], m["done"], m["ok"], m["late"]]))
    d.p("二、存在问题")
    d.p(d.st(f"从滞后的{n(late)}个具体工作事项看，主要集中在重大项目建设、招商引资和城市更新等领域，"
             "部分单位存在等靠思想，主动对接上级不够。", counts=[late]))
    d.p("三、下步工作")
    d.p("各责任单位要对照任务清单查漏补缺，对滞后事项逐一制定赶超措施，明确完成时限；"
        "县政府督查室将按月调度，对连续滞后的事项进行专项督办。")
    return d


G3_TASKS = [
    ("推进教育优质均衡发展", [
        ("城区学校扩容提质，新增公办学位1800个", "县教体局", "欠进度", "城南小学主体完工，城东初中尚在办理用地手续。"),
        ("完成农村学校寄宿条件改善项目", "县教体局", "已完成", None)]),
    ("提升医疗卫生服务能力", [
        ("县医院新院区建设主体工程封顶", "县卫健局", "欠进度", "受设计变更影响，主体施工至第五层。"),
        ("建成紧密型县域医共体", "县卫健局", "达进度", None)]),
    ("完善养老服务体系", [
        ("新建村级互助养老服务站", "县民政局", "超进度", None),
        ("推进特困供养机构改造提升", "县民政局", "达进度", None)]),
    ("实施城市更新行动", [
        ("老旧小区改造开工", "县住建局", "欠进度", "部分小区居民意见未统一，开工项目少于计划。"),
        ("背街小巷提升改造", "县住建局", "达进度", None),
        ("城区雨污分流改造", "县住建局", "达进度", None)]),
    ("保障农村饮水安全", [
        ("农村供水保障工程建设", "县水利局", "欠进度", "专项资金到位不足，管网铺设进度偏慢。")]),
    ("稳定和扩大就业", [
        ("城镇新增就业", "县人社局", "超进度", None),
        ("开展补贴性职业技能培训", "县人社局", "达进度", None)]),
    ("落实社会保障政策", [
        ("城乡居民基本养老保险参保扩面", "县人社局", "已完成", None),
        ("城乡居民基本医疗保险参保", "县医保局", "已完成", None)]),
    ("加强困难群众救助", [
        ("低保、特困人员救助金按时足额发放", "县民政局", "达进度", None)]),
    ("推进文化惠民", [
        ("开展送戏下乡", "县文旅广电局", "已完成", None),
        ("建设城市书房", "县文旅广电局", "达进度", None)]),
    ("广泛开展全民健身", [
        ("新建更新全民健身路径", "县教体局", "超进度", None)]),
    ("完善住房保障", [
        ("发放城镇住房保障家庭租赁补贴", "县住建局", "达进度", None)]),
    ("保障食品药品安全", [
        ("完成年度食品安全监督抽检", "县市场监管局", "已完成", None),
        ("开展药品安全专项整治", "县市场监管局", "达进度", None)]),
    ("发展普惠托育服务", [
        ("新增普惠性托位", "县卫健局", "达进度", None)]),
    ("做好退役军人服务保障", [
        ("村级退役军人服务站规范化建设", "县退役军人事务局", "已完成", None)]),
    ("健全残疾人关爱服务", [
        ("残疾儿童康复救助", "县残联", "已完成", None),
        ("困难重度残疾人家庭无障碍改造", "县残联", "达进度", None)]),
    ("建设更高水平平安县", [
        ("城区公共视频监控补点建设", "县公安局", "已完成", None),
        ("农村应急广播维护升级", "县文旅广电局", "达进度", None)]),
]


def task_rows(tasks):
    rows = []
    for i, (task, works) in enumerate(tasks, 1):
        for j, (work, unit, status, prog) in enumerate(works):
            rows.append([str(i) if j == 0 else "^", task if j == 0 else "^", work, unit,
                         prog or rng.choice(GZ_PROG[status]), status])
    return rows


GZ_HEADER = ["序号", "重点任务", "具体工作内容", "责任单位", "进展情况", "进度评价"]
GZ_ROLES = {"seq": 0, "target": [1, 2], "units": 3, "progress": 4, "status": 5}


def gzbg_lujiang():
    """Clean, docx annex: 16 tasks refined into 27 works; shares after a colon; seq per task."""
    d = Doc("gzbg-lujiang-2024-10", "gzbg",
            hdr("庐江县人民政府督查室", "庐政督通〔2024〕10号",
                "关于2024年县《政府工作报告》民生领域重点任务前三季度落实情况的通报",
                "2024年10月18日"))
    rows = task_rows(G3_TASKS)
    c = Counter(r[5] for r in rows)
    T, M = len(G3_TASKS), len(rows)
    order = ["已完成", "超进度", "达进度", "欠进度"]
    d.parts([c[k] for k in order], M, f"{M}个")
    for k in order:
        d.table_count(k, c[k], f"{c[k]}个")
    d.table_total(M, f"{M}个")
    d.p("按照县政府工作安排，县政府督查室对2024年县《政府工作报告》民生领域重点任务前三季度"
        "落实情况进行了督查，现将有关情况通报如下。")
    d.p("一、总体情况")
    s = {k: d.share(c[k], M, 1) for k in order}
    d.p(d.st(f"《政府工作报告》民生领域共有重点任务{T}项，细化为具体工作内容{M}个，其中："
             f"已完成{c['已完成']}个，占{s['已完成']}；", counts=[T, M, c["已完成"]], shares=[s["已完成"]]),
        d.st(f"超进度{c['超进度']}个，占{s['超进度']}；", counts=[c["超进度"]], shares=[s["超进度"]]),
        d.st(f"达进度{c['达进度']}个，占{s['达进度']}；", counts=[c["达进度"]], shares=[s["达进度"]]),
        d.st(f"欠进度{c['欠进度']}个，占{s['欠进度']}（详见附件）。", counts=[c["欠进度"]],
             shares=[s["欠进度"]]))
    d.p("二、存在问题")
    d.p(d.st(f"欠进度的{c['欠进度']}个具体工作内容分别是：城区学校扩容提质、县医院新院区建设、"
             "老旧小区改造、农村供水保障工程，主要受资金拨付、设计变更和群众工作等因素影响。",
             counts=[c["欠进度"]]))
    d.p("三、下步工作")
    d.p("各牵头单位要紧盯四季度关键节点，对欠进度工作逐项明确责任人和完成时限，"
        "确保民生领域重点任务年底前全面完成；县政府督查室将适时组织“回头看”。")
    d.annexes.append(annex(1, "2024年县《政府工作报告》民生领域重点任务落实情况表", GZ_HEADER, rows,
                           GZ_ROLES, [2, 5, 7, 4, 8, 3], filler_unit="县政府督查室"))
    return d


G4_TASKS = [
    ("扩大有效投资", [
        ("固定资产投资增长8%", "县发改委", "欠进度", "1-9月增长4.1%，低于序时目标。"),
        ("争取地方政府专项债券资金", "县财政局", "超进度", None)]),
    ("加快重点项目建设", [
        ("省市重点项目完成年度投资计划", "县发改委", "达进度", None),
        ("新开工亿元以上项目", "县发改委", "欠进度", "部分项目用地报批未完成，开工推迟。")]),
    ("提升招商引资实效", [
        ("新签约亿元以上项目", "县投资促进中心", "欠进度", "在谈项目多，签约转化慢。"),
        ("实际到位省外资金", "县投资促进中心", "达进度", None)]),
    ("壮大工业经济", [
        ("规上工业增加值增长", "县经信局", "达进度", None),
        ("新增规上工业企业", "县经信局", "已完成", None)]),
    ("建强经济开发区", [
        ("经开区标准化厂房建设", "县经开区管委会", "欠进度", "二期厂房施工进度滞后。")]),
    ("促进消费扩容提质", [
        ("社会消费品零售总额增长", "县商务局", "达进度", None),
        ("举办消费促进活动", "县商务局", "已完成", None)]),
    ("稳定农业生产", [
        ("粮食播种面积稳定在年度目标以上", "县农业农村局", "已完成", None),
        ("新建高标准农田", "县农业农村局", "达进度", None)]),
    ("推动文旅融合发展", [
        ("接待游客人次增长", "县文旅局", "超进度", None)]),
    ("激发市场主体活力", [
        ("新增经营主体", "县市场监管局", "达进度", None)]),
    ("稳住外贸基本盘", [
        ("进出口总额增长", "县商务局", "欠进度", "主要出口企业订单下降。")]),
    ("优化营商环境", [
        ("企业开办时间压缩至1个工作日", "县数据资源局", "已完成", None),
        ("工程建设项目审批全流程网办", "县住建局", "已完成", None)]),
    ("加强金融服务", [
        ("各项贷款余额增长", "县金融服务中心", "达进度", None),
        ("推进政银企对接", "县金融服务中心", "达进度", None)]),
]


def gzbg_yuexi():
    """xlsx annex; the narrative's 欠进度 count is one less than the table's rows."""
    d = Doc("gzbg-yuexi-2024-11", "gzbg",
            hdr("岳西县人民政府督查室", "岳政督通〔2024〕11号",
                "2024年县《政府工作报告》经济发展领域重点任务督查情况通报", "2024年10月25日"),
            annex_format="xlsx")
    rows = task_rows(G4_TASKS)
    c = Counter(r[5] for r in rows)
    T, M = len(G4_TASKS), len(rows)
    late_said = c["欠进度"] - 1
    d.inject(f"narrative says 欠进度{late_said}个, the annex has {c['欠进度']} 欠进度 rows")
    d.finding("count_vs_table", f"欠进度{late_said}个", f"{c['欠进度']}",
              f"annex rows with 欠进度: {c['欠进度']}")
    d.table_count("欠进度", late_said, f"欠进度{late_said}个")
    d.table_count("已完成", c["已完成"], f"{c['已完成']}个")
    d.table_count("超进度", c["超进度"], f"{c['超进度']}个")
    d.table_total(M, f"{M}个")
    d.p("9月下旬，县政府督查室组成督查组，对县《政府工作报告》经济发展领域重点任务推进情况"
        "进行了专项督查，现将督查情况通报如下。")
    d.p("一、总体情况")
    s_done, s_up, s_late = d.share(c["已完成"], M, 0), d.share(c["超进度"], M, 0), d.share(late_said, M, 0)
    d.p(d.st(f"经济发展领域{T}项重点任务共细化为{M}个具体工作。", counts=[T, M]),
        d.st(f"截至9月底，已完成的{c['已完成']}个，占{s_done}；", counts=[c["已完成"]], shares=[s_done]),
        d.st(f"超进度的{c['超进度']}个，占{s_up}；", counts=[c["超进度"]], shares=[s_up]),
        d.st(f"欠进度{late_said}个，占{s_late}，主要集中在项目建设和招商引资方面；",
             counts=[late_said], shares=[s_late]),
        "其余均按序时推进（详见附件）。")
    d.p("二、存在问题")
    d.p("一是项目要素保障不足，用地、用能指标落实较慢；二是招商项目签约转化率不高，"
        "部分意向项目长期停留在洽谈阶段；三是个别单位报送进展情况不及时、不准确。")
    d.p("三、下步工作")
    d.p("各责任单位要聚焦四季度目标，细化工作举措，对欠进度任务挂图作战、销号管理；"
        "县政府督查室将持续跟踪，对推进不力的单位进行约谈。")
    d.annexes.append(annex(1, "2024年县《政府工作报告》经济发展领域重点任务推进情况表", GZ_HEADER,
                           rows, GZ_ROLES, [2, 5, 7, 4, 8, 3]))
    return d


def gzbg_taihu():
    """Chinese numerals, no annex: the parts fall two short of the stated total; amounts."""
    d = Doc("gzbg-taihu-2024-06", "gzbg",
            hdr("太湖县人民政府督查室", "太政督通〔2024〕6号",
                "关于县《政府工作报告》重点任务1至5月推进情况的督查通报", "2024年6月12日"),
            numerals="chinese")
    n = d.n
    T, M = 68, 112
    done, ok, late = 23, 71, 16          # 110: two works are missing from the split
    d.parts([done, ok, late], M, f"{n(M)}项", unit_note="项")
    d.inject(f"stated {M} works, the three parts add to {done + ok + late}")
    d.p("六月上旬，县政府督查室对县《政府工作报告》确定的年度重点任务推进情况开展了督查，"
        "现将有关情况通报如下。")
    d.p("一、重点任务推进情况")
    d.p(d.st(f"县《政府工作报告》确定的年度重点任务共{n(T)}项，细化为{n(M)}项具体工作。",
             counts=[T, M]),
        d.st(f"{n(M)}项具体工作中，截至五月底，已完成{n(done)}项，按序时推进{n(ok)}项，滞后{n(late)}项。",
             counts=[M, done, ok, late]))
    d.p("二、重点项目建设情况")
    P, inv, plan = 50, "38.62", "82"
    s_inv = d.share(inv, plan, 1, what="完成投资 ")
    subs = [("产业项目", "21.4"), ("基础设施项目", "11.9"), ("社会民生项目", "5.32")]
    d.parts([a for _, a in subs], inv, f"{inv}亿元", unit_note="亿元")
    new, new_plan = 12, 14
    s_new = d.share(new, new_plan, 1, what="开工率 ")
    d.p(d.st(f"全县{n(P)}个重点项目累计完成投资{inv}亿元，占年度计划投资{plan}亿元的{s_inv}。",
             counts=[P], shares=[s_inv], amounts=[f"{inv}亿元", f"{plan}亿元"]),
        d.st("其中，" + "，".join(f"{k}完成投资{a}亿元" for k, a in subs) + "。",
             amounts=[f"{a}亿元" for _, a in subs]),
        d.st(f"新开工项目{n(new)}个，开工率{s_new}（年度计划新开工{n(new_plan)}个）。",
             counts=[new, new_plan], shares=[s_new]),
        "项目建设带动就业三千余人。")
    d.p("三、存在的问题")
    d.p(d.st(f"滞后的{n(late)}项具体工作中，属于项目建设类的{n(9)}项，属于改革攻坚类的{n(4)}项，"
             f"属于社会事业类的{n(3)}项。", counts=[late, 9, 4, 3]))
    d.parts([9, 4, 3], late, f"{n(late)}项")
    d.p("四、下步工作要求")
    d.p("各责任单位要对照年度目标查找差距，对滞后工作逐项制定追赶计划；"
        "县政府督查室将实行周调度、月通报，推动各项任务按期完成。")
    return d


def gzbg_qianshan():
    """No annex, (一)(二)(三) sections; the investment share of the yearly plan is off."""
    d = Doc("gzbg-qianshan-2024-12", "gzbg",
            hdr("潜山市人民政府督查室", "潜政督通〔2024〕12号",
                "关于2024年市《政府工作报告》重点任务及重点项目推进情况的通报", "2024年10月10日"))
    T, done, doing, late = 142, 41, 89, 12
    d.parts([done, doing, late], T, f"{T}项")
    s_two = d.share(done + doing, T, 1, what="已完成和正在推进 ")
    d.p("为推动市《政府工作报告》各项目标任务落地见效，市政府督查室于9月下旬对重点任务及"
        "重点项目推进情况进行了督查。现将有关情况通报如下。")
    d.p("（一）任务推进总体情况。",
        d.st(f"全市《政府工作报告》重点任务{T}项，截至9月底，已完成{done}项，正在推进{doing}项，"
             f"进度滞后{late}项。", counts=[T, done, doing, late]),
        d.st(f"已完成和正在推进的共{done + doing}项，占{s_two}。", counts=[done + doing], shares=[s_two]))
    P, inv, plan = 87, "126.35", "186"
    s_inv = d.share(inv, plan, 1, wrong="69.9%", what="完成投资 ")
    d.inject("完成投资 126.35/186 = 67.9%, printed 69.9%")
    cont, cont_inv, new, new_inv = 52, "91.08", 35, "35.27"
    d.parts([cont, new], P, f"{P}个")
    d.parts([cont_inv, new_inv], inv, f"{inv}亿元", unit_note="亿元")
    d.p("（二）重点项目投资情况。",
        d.st(f"全市{P}个省市重点项目完成投资{inv}亿元，占年度计划{plan}亿元的{s_inv}。",
             counts=[P], shares=[s_inv], amounts=[f"{inv}亿元", f"{plan}亿元"]),
        d.st(f"其中，续建项目{cont}个，完成投资{cont_inv}亿元；", counts=[cont], amounts=[f"{cont_inv}亿元"]),
        d.st(f"新开工项目{new}个，完成投资{new_inv}亿元。", counts=[new], amounts=[f"{new_inv}亿元"]))
    sign, mfg, started = 31, 19, 17
    s_start = d.share(started, sign, 1, what="开工率 ")
    d.p("（三）招商引资情况。",
        d.st(f"新签约亿元以上项目{sign}个，协议引资总额约210亿元，其中制造业项目{mfg}个；",
             counts=[sign, mfg]),
        d.st(f"已开工项目{started}个，开工率{s_start}。", counts=[started], shares=[s_start]),
        "从各镇（街道）看，梅城镇、余井镇、源潭镇任务完成情况较好。")
    d.p(d.st(f"进度滞后的{late}项任务主要集中在重大产业项目和城市基础设施领域，"
             "请各责任单位认真分析原因，拿出过硬措施，确保年度任务不打折扣。", counts=[late]))
    return d


G7_ROWS = [
    ("城区第二污水处理厂建设", "县住建局", "设备采购招标未完成。", "招标文件多次修改"),
    ("老旧小区改造", "县住建局", "已开工小区少于计划。", "居民意见未统一"),
    ("城区燃气管网更新改造", "县住建局", "完成管网改造约四成。", "施工受道路占用审批制约"),
    ("新开工亿元以上项目", "县发改委", "已开工项目少于计划。", "项目用地报批未完成"),
    ("争取中央预算内投资", "县发改委", "到位资金低于序时。", "申报项目成熟度不高"),
    ("城区新建幼儿园", "县教体局", "主体施工中。", "设计变更"),
    ("职教中心实训楼建设", "县教体局", "尚在办理施工许可。", "资金未足额到位"),
    ("新签约亿元以上工业项目", "县投资促进中心", "签约项目少于序时。", "在谈项目转化慢"),
    ("规上工业增加值增长", "县经信局", "增速低于目标。", "重点企业订单下降"),
    ("外贸进出口增长", "县商务局", "同比下降。", "出口市场需求减弱"),
    ("新建高标准农田", "县农业农村局", "完成年度任务的四成。", "施工进场晚"),
    ("农村公路提质改造", "县交通运输局", "部分标段未开工。", "地方配套资金不足"),
    ("中心敬老院改扩建", "县民政局", "尚在办理前期手续。", "用地调规未完成"),
    ("县中医院综合楼建设", "县卫健局", "基础施工中。", "地质条件复杂"),
    ("废弃矿山生态修复", "县自然资源局", "方案待审批。", "方案评审未通过"),
    ("农村供水工程建设", "县水利局", "管网铺设滞后。", "资金拨付慢"),
    ("文旅综合体招商", "县文旅局", "暂无签约企业。", "投资主体未确定"),
    ("土地出让收入", "县财政局", "完成年度预算的三成。", "土地市场低迷"),
]


def gzbg_susong():
    """Clean, docx annex that lists only the 欠进度 works; overlapping categories; subset."""
    d = Doc("gzbg-susong-2024-08", "gzbg",
            hdr("宿松县人民政府督查室", "松政督通〔2024〕8号",
                "关于2024年县《政府工作报告》目标任务落实情况的督查通报", "2024年8月9日"))
    T, M = 96, 158
    late = len(G7_ROWS)
    ok = M - late
    early = 9
    d.parts([ok, late], M, f"{M}个")
    d.table_count("欠进度", late, f"欠进度的{late}个")
    s_ok, s_late = d.share(ok, M, 1, what="达到或超过 "), d.share(late, M, 1)
    d.p("7月下旬，县政府督查室对2024年县《政府工作报告》目标任务落实情况开展了专项督查，"
        "现将有关情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"2024年县《政府工作报告》明确目标任务{T}项，细化为具体工作内容{M}个。", counts=[T, M]),
        d.st(f"截至7月底，{M}个具体工作内容中，有{ok}个达到或超过序时进度，占{s_ok}，"
             f"其中{early}个已提前完成全年任务；", counts=[M, ok, early], shares=[s_ok]),
        d.st(f"欠进度的{late}个，占{s_late}（清单见附件）。", counts=[late], shares=[s_late]))
    units = Counter(u for _, u, _, _ in G7_ROWS)
    assert units["县住建局"] == 3 and units["县发改委"] == 2 and units["县教体局"] == 2
    d.p("二、欠进度工作分析")
    d.p(d.st(f"从领域看，{late}个欠进度工作内容中，涉及项目建设的11个，涉及资金争取的8个，"
             "部分工作内容两方面兼有。", counts=[late, 11, 8]),
        d.st(f"从责任单位看，县住建局{units['县住建局']}个，县发改委、县教体局各{units['县发改委']}个，"
             "其余分散在多个单位。", counts=[units["县住建局"], units["县发改委"]]))
    d.p("三、工作要求")
    d.p("各责任单位要对照清单逐项分析原因，制定赶进度措施，并于每月5日前向县政府督查室"
        "报送推进情况；对连续两次督查仍欠进度的，县政府督查室将提请县政府约谈。")
    rows = [[str(i), w, u, p, "欠进度", r] for i, (w, u, p, r) in enumerate(G7_ROWS, 1)]
    d.annexes.append(annex(1, "2024年县《政府工作报告》欠进度具体工作内容清单",
                           ["序号", "具体工作内容", "责任单位", "进展情况", "进度评价", "原因分析"],
                           rows, {"seq": 0, "target": [1], "units": 2, "progress": 3, "status": 4},
                           [2, 8, 4, 8, 3, 6], orientation="portrait"))
    return d


# =============================================================================================
# changwu — 常务会议 / 县长办公会 确定事项
# =============================================================================================

CW_HEADER = ["序号", "确定事项", "责任单位", "办理情况", "办理状态"]
CW_ROLES = {"seq": 0, "target": [1], "units": 2, "progress": 3, "status": 4}


def cw_rows(pairs, status_of_pos, done_word="已办结", doing_word="正在办理"):
    rows = []
    for i, (item, unit) in enumerate(pairs, 1):
        st = status_of_pos(i)
        if st == "done":
            rows.append([str(i), item, unit, rng.choice(DONE_TXT), done_word])
        elif st == "late":
            rows.append([str(i), item, unit, rng.choice(LATE_TXT), f"{doing_word}（进展滞后）"])
        else:
            rows.append([str(i), item, unit, rng.choice(DOING_TXT), doing_word])
    return rows


def changwu_ziyang():
    """Clean, docx annex; items named by number (第2件 … 第17、18件) are in progress in the table."""
    d = Doc("changwu-ziyang-2024-17", "changwu",
            hdr("紫阳县人民政府督查室", "紫政督通〔2024〕17号",
                "2024年第九次县政府常务会议确定事项落实情况的通报", "2024年10月14日"))
    by = {u: [x for x in CW_POOL if x[1] == u] for u in ("县民政局", "县发改局", "县税务局", "县卫健局")}
    late = {2: by["县民政局"][0], 5: by["县发改局"][0], 13: by["县税务局"][0],
            17: by["县卫健局"][0], 18: by["县卫健局"][1]}
    pairs = pick_rows(22, late)
    others = [i for i in range(1, 23) if i not in late]
    done = set(rng.sample(others, 7))
    rows = cw_rows(pairs, lambda i: "done" if i in done else ("late" if i in late else "doing"))
    N, nd = len(rows), len(done)
    ni = N - nd
    d.parts([nd, ni], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    for k in late:
        d.named(k, "late", f"第{k}件")
    s1, s2 = d.share(nd, N, 0), d.share(ni, N, 0)
    d.p("近期，县政府督查室对2024年第九次县政府常务会议确定事项落实情况开展了专项督查，现通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"2024年第九次县政府常务会议确定事项{N}件，截至10月12日，已办结{nd}件，占比{s1}；",
             counts=[N, nd], shares=[s1]),
        d.st(f"正在办理{ni}件，占比{s2}（详见附件）。", counts=[ni], shares=[s2]))
    d.p("二、工作要求")
    d.p(d.st(f"{ni}件正在办理的事项中，第2件（县民政局）、第5件（县发改局）、第13件（县税务局）"
             "和第17、18件（县卫健局）推进较慢，请相关单位倒排工期、加快办理。",
             counts=[ni], items=[2, 5, 13, 17, 18]),
        "县政府督查室将紧盯未办结事项开展“回头看”，实行红黄蓝三色预警，直至办结销号。")
    d.annexes.append(annex(1, "2024年第九次县政府常务会议确定事项落实情况汇总表", CW_HEADER, rows,
                           CW_ROLES, [1, 7, 3, 6, 2]))
    return d


def changwu_langao():
    """xlsx annex (43 rows); the 工作要求 part speaks of 28 in-progress items, the table has 27."""
    d = Doc("changwu-langao-2024-06", "changwu",
            hdr("岚皋县人民政府督查室", "岚政督通〔2024〕6号",
                "2024年第五次县政府常务会议确定事项落实情况的通报", "2024年6月18日"),
            annex_format="xlsx")
    farm = ("完成年度高标准农田建设任务", "县农业农村局")
    plan = ("做好下年度重点项目谋划储备，积极争取专项债券额度", "县发改局")
    pairs = pick_rows(43, {7: plan, 23: farm})
    done = set(rng.sample([i for i in range(1, 44) if i not in (7, 23)], 16))
    rows = cw_rows(pairs, lambda i: "done" if i in done else "doing", done_word="已完成")
    N, nd = len(rows), len(done)
    ni = N - nd
    said = ni + 1
    d.parts([nd, ni], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", said, f"{said}件")
    d.finding("count_vs_table", f"{said}件", f"{ni}",
              f"annex rows 正在办理: {ni}; the 总体情况 sentence also says {ni}")
    d.inject(f"工作要求 says {said} items in progress; the table (and the first part) have {ni}")
    s1, s2 = d.share(nd, N, 0), d.share(ni, N, 0)
    d.p("按照《岚皋县政府系统督查检查工作办法》有关规定，县政府督查室对2024年第五次县政府常务会议"
        "确定事项落实情况开展了专项督查，现通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"县政府第五次常务会议共确定事项{N}件。", counts=[N]),
        d.st(f"截至6月10日，已完成{nd}件，占{s1}；", counts=[nd], shares=[s1]),
        d.st(f"正在办理{ni}件，占{s2}。", counts=[ni], shares=[s2]))
    d.p("具体办理情况见附件。")
    d.p("二、工作要求")
    d.parts([4, 2], 6, "6个")
    d.p(d.st(f"督查发现，{said}件正在办理的事项中，有3件需加快推进落实。", counts=[said, 3]),
        d.st("如县发改局负责的“做好下年度重点项目谋划储备”事项，目前已有26个项目完成前期论证，"
             "其余项目仍在编制可研报告；", counts=[26]),
        d.st("县农业农村局负责的高标准农田建设项目共6个，已开工4个，未开工2个。", counts=[6, 4, 2]),
        "请相关单位抓紧推进，按时报送办理结果。")
    d.annexes.append(annex(1, "2024年第五次县政府常务会议确定事项汇总表", CW_HEADER, rows, CW_ROLES,
                           [1, 7, 3, 6, 2]))
    return d


def changwu_xunyang():
    """No annex; annual summary of three kinds of meetings with nested totals and 完成率;
    one meeting's rate is off."""
    d = Doc("changwu-xunyang-2024-01", "changwu",
            hdr("旬阳市人民政府督查室", "旬政督通〔2024〕1号",
                "关于2023年市政府党组会议、常务会议、市长办公会议确定事项完成情况的通报",
                "2024年1月26日"))
    dz = dict(meet=6, n=42, done=42)
    cw = [("第八次", 36, 33), ("第十次", 41, 35), ("第十一次", 47, 39)]
    cw_tot = dict(meet=11, n=358, done=341)
    bg = [("第四次", 9, 7), ("第九次", 13, 10), ("第十二次", 8, 5)]
    bg_tot = dict(meet=15, n=112, done=104)
    N = dz["n"] + cw_tot["n"] + bg_tot["n"]
    D = dz["done"] + cw_tot["done"] + bg_tot["done"]
    d.parts([dz["n"], cw_tot["n"], bg_tot["n"]], N, f"{N}项")
    d.parts([dz["done"], cw_tot["done"], bg_tot["done"]], D, f"{D}项")
    d.parts([n - k for _, n, k in cw], cw_tot["n"] - cw_tot["done"], f"{cw_tot['n'] - cw_tot['done']}项")
    d.parts([n - k for _, n, k in bg], bg_tot["n"] - bg_tot["done"], f"{bg_tot['n'] - bg_tot['done']}项")
    d.p("市政府督查室对2023年市政府党组会议、常务会议、市长办公会议确定事项完成情况进行了专项督查，"
        "现将有关情况通报如下。")
    d.p("一、基本情况")
    r = d.share(D, N, 1, what="总完成率 ")
    d.parts([D, N - D], N, f"{N}项")
    d.p(d.st(f"2023年市政府各类会议确定重要工作事项共{N}项，截至目前，已完成{D}项，正在办理{N - D}项，"
             f"完成率{r}。", counts=[N, D, N - D], shares=[r]))
    rz = d.share(dz["done"], dz["n"], 0)
    d.p("（一）市政府党组会议确定事项完成情况。",
        d.st(f"全年召开市政府党组会议{dz['meet']}次，确定事项{dz['n']}项，已全部完成，完成率{rz}。",
             counts=[dz["meet"], dz["n"]], shares=[rz]))
    d.p("（二）市政府常务会议确定事项完成情况。")
    rc = d.share(cw_tot["done"], cw_tot["n"], 1)
    d.parts([cw_tot["done"], cw_tot["n"] - cw_tot["done"]], cw_tot["n"], f"{cw_tot['n']}项")
    pieces = [d.st(f"全年召开市政府常务会议{cw_tot['meet']}次，确定事项{cw_tot['n']}项，完成{cw_tot['done']}项，"
                   f"正在办理{cw_tot['n'] - cw_tot['done']}项，完成率{rc}。",
                   counts=[cw_tot["meet"], cw_tot["n"], cw_tot["done"], cw_tot["n"] - cw_tot["done"]],
                   shares=[rc]),
              "其中第一至七次、第九次常务会议确定事项已全部完成；"]
    for i, (nm, n, k) in enumerate(cw):
        s = d.share(k, n, 1)
        d.parts([k, n - k], n, f"{n}项")
        end = "。" if i == len(cw) - 1 else "；"
        pieces.append(d.st(f"{nm}常务会确定事项{n}项，完成{k}项，正在办理{n - k}项，完成率{s}{end}",
                           counts=[n, k, n - k], shares=[s]))
    d.p(*pieces)
    d.p("（三）市长办公会议确定事项完成情况。")
    rb = d.share(bg_tot["done"], bg_tot["n"], 1)
    d.parts([bg_tot["done"], bg_tot["n"] - bg_tot["done"]], bg_tot["n"], f"{bg_tot['n']}项")
    pieces = [d.st(f"全年召开市长办公会议{bg_tot['meet']}次，确定事项{bg_tot['n']}项，完成{bg_tot['done']}项，"
                   f"正在办理{bg_tot['n'] - bg_tot['done']}项，完成率{rb}。",
                   counts=[bg_tot["meet"], bg_tot["n"], bg_tot["done"], bg_tot["n"] - bg_tot["done"]],
                   shares=[rb])]
    for i, (nm, n, k) in enumerate(bg):
        wrong = "65.2%" if nm == "第十二次" else None
        s = d.share(k, n, 1, wrong=wrong, what=f"{nm}市长办公会 ")
        if wrong:
            d.inject(f"{nm}市长办公会 完成率 {k}/{n} = 62.5%, printed {wrong}")
        d.parts([k, n - k], n, f"{n}项")
        end = "。" if i == len(bg) - 1 else "；"
        pieces.append(d.st(f"{nm}市长办公会确定事项{n}项，完成{k}项，正在办理{n - k}项，完成率{s}{end}",
                           counts=[n, k, n - k], shares=[s]))
    d.p(*pieces)
    d.p("二、存在问题")
    d.p(d.st(f"从未完成的{N - D}项事项看，涉及项目审批和要素保障的较多，部分事项跨部门协调难度大，"
             "个别单位办理进度反馈不及时。", counts=[N - D]))
    d.p("三、工作要求")
    d.p("各责任单位要对未完成事项建立台账、挂账督办，明确完成时限，确保件件有落实、事事有回音。")
    return d


def changwu_baihe():
    """Chinese numerals, clean, no annex; 15/24 = 62.5% and 9/24 = 37.5% printed 63% and 38%."""
    d = Doc("changwu-baihe-2024-04", "changwu",
            hdr("白河县人民政府督查室", "白政督通〔2024〕4号",
                "关于第四次县长办公会议议定事项办理情况的通报", "2024年4月28日"),
            numerals="chinese")
    n = d.n
    N, nd = 24, 15
    ni = N - nd
    d.parts([nd, ni], N, f"{n(N)}件")
    s1, s2 = d.share(nd, N, 0), d.share(ni, N, 0)
    d.p("为推动县长办公会议议定事项落地见效，县政府督查室对第四次县长办公会议议定事项办理情况"
        "进行了跟踪督查，现将有关情况通报如下。")
    d.p("一、办理进展")
    d.p(d.st(f"四月十五日召开的县长办公会议共议定事项{n(N)}件。", counts=[N]),
        d.st(f"截至四月二十五日，已办结的有{n(nd)}件，占{s1}；", counts=[nd], shares=[s1]),
        d.st(f"其余{n(ni)}件正在办理，占{s2}。", counts=[ni], shares=[s2]))
    d.p(d.st(f"正在办理的{n(ni)}件中，有{n(4)}件须报市级部门审批，办理周期相对较长。", counts=[ni, 4]))
    d.p("二、存在问题")
    d.p("个别单位对议定事项重视不够，办理进度反馈不及时，上半年仍有二十余件往期事项需跟踪督办；",
        d.st(f"县交通运输局、县住建局承办的事项分别为{n(6)}件、{n(5)}件，占全部议定事项的近一半。",
             counts=[6, 5]))
    d.p("三、下步工作")
    d.p("各承办单位要明确专人负责，逐件细化办理措施，按期报送办理结果；"
        "县政府督查室将对未办结事项实行销号管理。")
    return d


def changwu_pingli():
    """Full-width digits, no annex: stated 23 items, 9 + 13 = 22."""
    d = Doc("changwu-pingli-2024-09", "changwu",
            hdr("平利县人民政府督查室", "平政督通〔2024〕9号",
                "关于县政府第十二次常务会议确定事项落实情况的通报", "2024年9月5日"),
            numerals="fullwidth")
    n = d.n
    N, nd, ni = 23, 9, 13
    d.parts([nd, ni], N, f"{n(N)}件", unit_note="件")
    d.inject(f"stated {N} items, 已办结{nd} + 正在办理{ni} = {nd + ni}")
    on, early = 7, 2
    d.parts([on, early], nd, f"{n(nd)}件")
    good, slow = 8, 5
    d.parts([good, slow], ni, f"{n(ni)}件")
    s_good, s_slow = d.share(good, ni, 1), d.share(slow, ni, 1)
    d.p("县政府督查室对县政府第十二次常务会议确定事项落实情况进行了专项督查，现将有关情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"县政府第十二次常务会议确定需督办落实事项{n(N)}件。", counts=[N]),
        d.st(f"截至{d.f('8')}月{d.f('31')}日，{n(nd)}件已办结，{n(ni)}件正在办理。", counts=[nd, ni]))
    d.p(d.st(f"已办结事项中，按期办结{n(on)}件，提前办结{n(early)}件。", counts=[on, early]),
        d.st(f"{n(ni)}件正在办理的事项中，{n(good)}件按时序推进，占{s_good}；", counts=[ni, good],
             shares=[s_good]),
        d.st(f"{n(slow)}件进度偏慢，占{s_slow}。", counts=[slow], shares=[s_slow]))
    d.p("二、存在问题")
    d.p(d.st(f"进度偏慢的{n(slow)}件事项均涉及跨部门协调，其中第{n(3)}件、第{n(11)}件"
             "已连续两次督查未取得实质进展。", counts=[slow], items=[3, 11]))
    d.p("三、下步要求")
    d.p("各责任单位要主动担当、加强协作，对进度偏慢的事项制定专项推进方案；"
        "县政府督查室将实行周调度，直至事项办结。")
    return d


HANYIN_ROWS = [
    ("做好秋季學期學生資助資金發放", "縣教體局"),
    ("加快推進城區污水管網改造工程", "縣住建局"),
    ("完成國土空間總體規劃成果報批", "縣自然資源局"),
    ("開展冬季森林防火專項檢查", "縣林業局"),
    ("落實城鄉低保對象年度核查", "縣民政局"),
    ("推進富硒茶產業園配套設施建設", "縣農業農村局"),
    ("加強稅費徵管，確保完成全年收入目標", "縣稅務局"),
    ("做好秋冬季傳染病防控工作", "縣衛健局"),
    ("開展重點行業領域安全生產大檢查", "縣應急管理局"),
    ("推進農村公路安全防護工程建設", "縣交通運輸局"),
    ("完成城區背街小巷改造", "縣住建局"),
    ("做好根治欠薪冬季專項行動", "縣人社局"),
    ("推進鎮村供水設施提升改造", "縣水利局"),
    ("開展城鎮燃氣安全專項整治", "縣住建局"),
    ("做好城鄉居民醫保集中參保繳費", "縣醫保局"),
]


def changwu_hanyin():
    """繁體, docx annex; 第11件 is said to lag but the table shows it 已辦結 (a done item 7 is
    in progress instead, so the counts still agree)."""
    d = Doc("changwu-hanyin-2024-10", "changwu",
            hdr("漢陰縣人民政府督查室", "漢政督通〔2024〕10號",
                "關於2024年第十次縣政府常務會議確定事項落實情況的通報", "2024年10月22日"))
    doing = {3, 7, 8, 12, 14, 15}            # the table; the narrative believes 11 instead of 7
    rows = []
    for i, (item, unit) in enumerate(HANYIN_ROWS, 1):
        if i in doing:
            prog = "受資金未到位影響，推進緩慢。" if i == 3 else rng.choice(
                ["正在按時序推進。", "已啟動實施，正在加快推進。", "正在履行相關審批程序。"])
            rows.append([str(i), item, unit, prog, "正在辦理"])
        else:
            rows.append([str(i), item, unit, rng.choice(
                ["已按會議要求完成，辦結報告已報縣政府。", "已全面完成，經督查組現場核實。",
                 "已完成並通過縣級驗收。"]), "已辦結"])
    N, ni = len(rows), len(doing)
    nd = N - ni
    d.parts([nd, ni], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    d.named(3, "late", "第3件")
    d.named(11, "late", "第11件")
    d.finding("named_item_status", "第11件", "已辦結", "第11件 said to lag (進展滯後); annex row 11 is 已辦結")
    d.inject("第11件 named as lagging; the annex shows it 已辦結 (row 7 is the one in progress)")
    s1, s2 = d.share(nd, N, 0), d.share(ni, N, 0)
    d.p("近期，縣政府督查室對2024年第十次縣政府常務會議確定事項落實情況進行了專項督查，"
        "現將有關情況通報如下。")
    d.p("一、總體情況")
    d.p(d.st(f"本次常務會議共確定事項{N}件，截至10月20日，已辦結{nd}件，佔{s1}；", counts=[N, nd],
             shares=[s1]),
        d.st(f"正在辦理{ni}件，佔{s2}（詳見附件）。", counts=[ni], shares=[s2]))
    d.p("二、存在問題")
    d.p(d.st(f"正在辦理的{ni}件事項中，第3件、第11件進展滯後，分別由縣自然資源局、縣住建局負責。",
             counts=[ni], items=[3, 11]),
        "個別單位對確定事項重視不夠，辦理結果報送不及時。")
    d.p("三、下步工作")
    d.p("各責任單位要對照確定事項逐項抓好落實，對進展滯後的事項倒排工期；"
        "縣政府督查室將持續跟蹤問效，直至全部辦結。")
    d.annexes.append(annex(1, "2024年第十次縣政府常務會議確定事項辦理情況匯總表",
                           ["序號", "確定事項", "責任單位", "辦理情況", "辦理狀態"], rows, CW_ROLES,
                           [1, 7, 3, 6, 2]))
    return d


def changwu_ningshan():
    """Clean, docx annex with a merged 会议 column; 办结率 whose cut value differs; overlapping
    categories that must not be summed; a subset."""
    d = Doc("changwu-ningshan-2024-11", "changwu",
            hdr("宁陕县人民政府督查室", "宁政督通〔2024〕11号",
                "关于第三季度县长办公会议议定事项督办情况的通报", "2024年11月4日"))
    meetings = [("第七次县长办公会议", 5), ("第八次县长办公会议", 4), ("第九次县长办公会议", 6),
                ("第十次县长办公会议", 4)]
    N = sum(k for _, k in meetings)
    pairs = pick_rows(N)
    doing = set(rng.sample(range(1, N + 1), 7))
    rows, i = [], 0
    for m, k in meetings:
        for j in range(k):
            i += 1
            item, unit = pairs[i - 1]
            st = "办理中" if i in doing else "已办结"
            prog = rng.choice(DOING_TXT if i in doing else DONE_TXT)
            rows.append([str(i), m if j == 0 else "^", item, unit, prog, st])
    ni = len(doing)
    nd = N - ni
    d.parts([nd, ni], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    r = d.share(nd, N, 1, what="办结率 ")
    d.p("为推动县长办公会议议定事项落地落实，县政府督查室对第三季度县长办公会议议定事项办理情况"
        "进行了督查，现将有关情况通报如下。")
    d.p(d.st(f"今年第三季度，县政府共召开县长办公会议{len(meetings)}次，议定需督办事项共计{N}件。",
             counts=[len(meetings), N]),
        d.st(f"经督查，办结的有{nd}件，尚在办理的{ni}件，办结率{r}。", counts=[nd, ni], shares=[r]))
    d.p(d.st(f"{N}件事项中，涉及项目建设的8件、涉及资金保障的6件、涉及民生服务的7件"
             "（部分事项涉及多个方面）。", counts=[N, 8, 6, 7]),
        d.st(f"{ni}件尚在办理的事项中，其中3件因需上级部门审批，预计年底前办结。", counts=[ni, 3]),
        "各事项办理情况见附件。")
    d.p("下一步，各承办单位要按照议定事项要求，细化措施、压实责任，确保尚在办理的事项按期办结；"
        "县政府督查室将持续跟踪督办，并将办理情况纳入年度目标责任考核。")
    d.annexes.append(annex(1, "第三季度县长办公会议议定事项办理情况表",
                           ["序号", "会议名称", "议定事项", "责任单位", "办理情况", "办理状态"], rows,
                           {"seq": 0, "section": 1, "target": [2], "units": 3, "progress": 4,
                            "status": 5}, [1, 3, 7, 3, 6, 2]))
    return d


# =============================================================================================
# pishi — 领导批示件 / 交办件
# =============================================================================================

PS_POOL = [
    ("关于城区部分小区供暖不达标问题的批示", "县住建局"),
    ("关于农村饮水安全问题群众来信的批示", "县水利局"),
    ("关于加快推进重点项目建设的批示", "县发改局"),
    ("关于城区学校周边交通安全隐患的批示", "县公安局"),
    ("关于某建筑工地拖欠农民工工资问题的批示", "县人社局"),
    ("关于集镇垃圾清运不及时问题的批示", "县城管局"),
    ("关于做好防汛救灾工作的批示", "县应急管理局"),
    ("关于农村危房改造资金拨付问题的批示", "县住建局"),
    ("关于规范中小学教辅材料征订的批示", "县教体局"),
    ("关于加强校园食品安全监管的批示", "县市场监管局"),
    ("关于耕地保护和违法占地整治的批示", "县自然资源局"),
    ("关于乡镇卫生院医疗服务能力提升的批示", "县卫健局"),
    ("关于化解信访积案的批示", "县信访局"),
    ("关于做好企业用工服务保障的批示", "县人社局"),
    ("关于国道沿线路灯损坏问题的批示", "县交通运输局"),
    ("关于加快茶产业发展的批示", "县农业农村局"),
    ("关于河道非法采砂问题的批示", "县水利局"),
    ("关于景区旅游秩序整治的批示", "县文旅广电局"),
    ("关于城区停车难问题的批示", "县住建局"),
    ("关于养老机构消防安全整改的批示", "县民政局"),
    ("关于不动产登记办证难问题的批示", "县自然资源局"),
    ("关于医保报销结算问题的批示", "县医保局"),
    ("关于高标准农田建设质量问题的批示", "县农业农村局"),
    ("关于老旧小区改造进度的批示", "县住建局"),
    ("关于电商产业园运营情况的批示", "县商务局"),
    ("关于矿山地质灾害隐患排查的批示", "县自然资源局"),
    ("关于农村客运班线停运问题的批示", "县交通运输局"),
    ("关于商品房逾期交房问题的批示", "县住建局"),
    ("关于土地征收补偿款发放问题的批示", "县自然资源局"),
]
LEADERS = ["县委书记", "县长", "常务副县长", "分管副县长"]


def pishi_yongshun():
    """Clean, no annex: leader-level split, 办结率, a share of the done items."""
    d = Doc("pishi-yongshun-2024-07", "pishi",
            hdr("永顺县人民政府督查室", "永政督通〔2024〕7号",
                "关于上半年领导批示件办理情况的通报", "2024年7月8日"))
    prov, city, county = 12, 37, 87
    N = prov + city + county
    nd, ni = 121, 15
    ontime = 118
    d.parts([prov, city, county], N, f"{N}件")
    d.parts([nd, ni], N, f"{N}件")
    r = d.share(nd, N, 0, what="办结率 ")
    s_on = d.share(ontime, nd, 1, what="按时办结 ")
    d.p("为推动各级领导批示精神落地见效，县政府督查室对上半年领导批示件办理情况进行了梳理，"
        "现将有关情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"今年1至6月，县政府督查室共受理各级领导批示件{N}件，其中省领导批示{prov}件、"
             f"市领导批示{city}件、县领导批示{county}件。", counts=[N, prov, city, county]),
        d.st(f"截至6月30日，已办结{nd}件，正在办理{ni}件，办结率{r}。", counts=[nd, ni], shares=[r]))
    d.p(d.st(f"从办理时效看，在规定时限内办结的{ontime}件，占已办结件的{s_on}。",
             counts=[ontime], shares=[s_on]))
    d.p("二、存在问题")
    d.p("个别单位存在重答复、轻落实的问题，有的批示件反馈材料过于简单；",
        d.st(f"另有{nd - ontime}件批示件超过规定时限才报送办理结果。", counts=[nd - ontime]))
    d.p("三、下步工作")
    d.p("下半年预计还将有近百件批示件转办，各承办单位要严格落实批示件办理责任制，"
        "做到批必办、办必果；县政府督查室将对超时限办理的单位予以通报。")
    return d


BJ_ROWS = [
    ("督促解决城南安置小区业主不动产办证问题", "县委书记", "县自然资源局"),
    ("协调解决工业园区企业用电增容问题", "县长", "县发改局"),
    ("加快推进县人民医院门诊楼改造", "县长", "县卫健局"),
    ("整治迁陵镇集贸市场周边占道经营", "县委书记", "县城管局"),
    ("妥善处置某房地产项目逾期交房问题", "县长", "县住建局"),
    ("做好春季学期学生营养改善计划落实", "常务副县长", "县教体局"),
    ("推动茶叶加工企业技改项目落地", "县长", "县农业农村局"),
    ("排查整治国道沿线地质灾害隐患", "县委书记", "县自然资源局"),
    ("督促兑现返乡创业扶持资金", "县长", "县人社局"),
    ("解决葫芦镇村民饮水困难问题", "县委书记", "县水利局"),
    ("加快电商物流园招商运营", "常务副县长", "县商务局"),
    ("做好清明节期间森林防火工作", "县长", "县林业局"),
    ("协调解决城区公交线路调整问题", "县长", "县交通运输局"),
    ("推进城区老旧小区雨污分流改造", "县委书记", "县住建局"),
    ("督促化解一起重复信访案件", "县委书记", "县信访局"),
    ("做好景区旅游旺季安全保障", "常务副县长", "县文旅广电局"),
    ("推进乡镇卫生院医护人员招聘", "县长", "县卫健局"),
    ("规范城区建筑渣土运输管理", "县长", "县城管局"),
]


def pishi_baojing():
    """Clean, docx annex of 交办事项 with three statuses; the one overdue item (第5件) named by number."""
    d = Doc("pishi-baojing-2024-05", "pishi",
            hdr("保靖县人民政府督查室", "保政督通〔2024〕5号",
                "关于4月份县委、县政府主要领导交办事项落实情况的通报", "2024年5月13日"))
    overdue = {5}
    doing = {3, 8, 11, 14, 16, 17}
    rows = []
    for i, (item, leader, unit) in enumerate(BJ_ROWS, 1):
        if i in overdue:
            rows.append([str(i), item, leader, unit, rng.choice(OVERDUE_TXT), "逾期未办结"])
        elif i in doing:
            rows.append([str(i), item, leader, unit, rng.choice(DOING_TXT), "正在办理"])
        else:
            rows.append([str(i), item, leader, unit, rng.choice(DONE_TXT), "已办结"])
    N, no, ni = len(rows), len(overdue), len(doing)
    nd = N - no - ni
    d.parts([nd, ni, no], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    d.table_count("behind", no, f"{no}件")
    d.named(5, "behind", "第5件")
    r = d.share(nd, N, 1, what="办结率 ")
    d.p("4月份，县委、县政府主要领导在调研、接访和会议中交办了一批具体事项。"
        "县政府督查室逐件建立台账、跟踪督办，现将落实情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"4月份，县委、县政府主要领导共交办事项{N}件。", counts=[N]),
        d.st(f"截至5月10日，已办结{nd}件，正在办理{ni}件，逾期未办结{no}件。", counts=[nd, ni, no]),
        d.st(f"办结率为{r}。", shares=[r]),
        "各事项办理情况见附件。")
    d.p("二、存在问题")
    d.p(d.st(f"逾期未办结的{no}件为第5件“{BJ_ROWS[4][0]}”，由{BJ_ROWS[4][2]}牵头办理，"
             "因开发企业资金链断裂，处置工作推进困难。", counts=[no], items=[5]))
    d.p("三、工作要求")
    d.p("各承办单位要提高政治站位，对领导交办事项坚持急事急办、特事特办；"
        "对逾期未办结的事项，承办单位要向县政府作出书面说明。")
    d.annexes.append(annex(1, "4月份县委、县政府主要领导交办事项落实情况表",
                           ["序号", "交办事项", "交办领导", "承办单位", "办理情况", "办理状态"], rows,
                           {"seq": 0, "target": [1], "units": 3, "progress": 4, "status": 5},
                           [1, 7, 2, 3, 6, 2]))
    return d


def pishi_guzhang():
    """xlsx annex missing one 已办结 row: the stated total and the 已办结 count exceed the table."""
    d = Doc("pishi-guzhang-2024-09", "pishi",
            hdr("古丈县人民政府督查室", "古政督通〔2024〕9号",
                "关于第三季度县领导批示件落实情况的通报", "2024年10月9日"),
            annex_format="xlsx")
    zj = [x for x in PS_POOL if x[1] == "县住建局"]
    zr = [x for x in PS_POOL if x[1] == "县自然资源局"]
    assert len(zj) >= 5 and len(zr) >= 4
    rest = [x for x in PS_POOL if x[1] not in ("县住建局", "县自然资源局")]
    rng.shuffle(rest)
    pairs = zj[:5] + zr[:4] + rest[:14]            # 23 rows in the table
    rng.shuffle(pairs)
    fixed_done = {i for i, p in enumerate(pairs, 1) if p[1] in ("县住建局", "县自然资源局")}
    doing = set(rng.sample([i for i in range(1, 24) if i not in fixed_done], 6))
    rows = []
    for i, (item, unit) in enumerate(pairs, 1):
        st = "正在办理" if i in doing else "已办结"
        rows.append([str(i), item, rng.choice(LEADERS), unit,
                     rng.choice(DOING_TXT if i in doing else DONE_TXT), st])
    rows_n, ni = len(rows), len(doing)
    nd_table = rows_n - ni
    N, nd = rows_n + 1, nd_table + 1             # the narrative counts the omitted row
    d.inject("the annex omits one 已办结 row: narrative 24 / 18, table 23 rows / 17 已办结")
    d.finding("total_vs_table", f"{N}件", f"{rows_n}", f"annex has {rows_n} rows")
    d.finding("count_vs_table", f"{nd}件", f"{nd_table}", f"annex rows 已办结: {nd_table}")
    d.parts([nd, ni], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    r = d.share(nd, N, 0, what="办结率 ")
    d.p("为推动县领导批示精神落到实处，县政府督查室对第三季度县领导批示件落实情况进行了梳理督办，"
        "现将有关情况通报如下。")
    d.p("一、办理情况")
    d.p(d.st(f"第三季度，县政府督查室共收到县领导批示件{N}件，截至9月30日，已办结{nd}件，"
             f"正在办理{ni}件，办结率{r}（详见附件）。", counts=[N, nd, ni], shares=[r]),
        d.st("县住建局、县自然资源局承办件数较多，分别为5件、4件，已全部办结。", counts=[5, 4]))
    d.p("二、存在问题")
    d.p("部分承办单位报送办理结果不规范，个别批示件仅有过程性描述、缺少结果性材料；"
        "少数单位对批示件办理时限把握不严。")
    d.p("三、工作要求")
    d.p("各承办单位要严格执行批示件办理规定，办理结果须经单位主要负责人审签后报送；"
        "县政府督查室将对正在办理的批示件实行周调度。")
    d.annexes.append(annex(1, "第三季度县领导批示件落实情况汇总表",
                           ["序号", "批示件名称", "批示领导", "承办单位", "办理情况", "办理状态"], rows,
                           {"seq": 0, "target": [1], "units": 3, "progress": 4, "status": 5},
                           [1, 7, 2, 3, 6, 2]))
    return d


def pishi_longshan():
    """Full-width digits, no annex: the 办结率 is not what 47/52 gives."""
    d = Doc("pishi-longshan-2024-10", "pishi",
            hdr("龙山县人民政府督查室", "龙政督通〔2024〕10号",
                "关于今年以来领导批示件督办情况的通报", "2024年10月16日"),
            numerals="fullwidth")
    n = d.n
    N, nd = 52, 47
    ni = N - nd
    sat = 45
    d.parts([nd, ni], N, f"{n(N)}件")
    r = d.share(nd, N, 1, wrong="92.3%", what="办结率 ")
    d.inject("办结率 47/52 = 90.4%, printed 92.3%")
    s_sat = d.share(sat, nd, 1, what="满意率 ")
    d.p("今年以来，县政府督查室坚持把领导批示件督办作为重点工作，实行台账管理、跟踪问效。"
        "现将有关情况通报如下。")
    d.p("一、督办情况")
    d.p(d.st(f"今年以来，县政府督查室累计督办领导批示件{n(N)}件。", counts=[N]),
        d.st(f"其中，已办结{n(nd)}件，正在办理{n(ni)}件，办结率{r}。", counts=[nd, ni], shares=[r]))
    d.p(d.st(f"在已办结的{n(nd)}件中，经回访，承办单位落实到位、批示领导认可的{n(sat)}件，"
             f"满意率{s_sat}。", counts=[nd, sat], shares=[s_sat]),
        d.st(f"正在办理的{n(ni)}件均为跨部门事项，其中{n(2)}件需报市级部门审批。", counts=[ni, 2]))
    d.p("二、存在问题")
    d.p(d.f("部分批示件办理周期偏长，有30余件办理时间超过一个月；个别单位存在“以文件落实文件”现象，"
            "办理结果缺乏实际成效。"))
    d.p("三、下步工作")
    d.p("县政府督查室将进一步完善批示件督办流程，对正在办理的批示件逐件明确办结时限，"
        "对办理质量不高的予以退回重办。")
    return d


def pishi_huayuan():
    """Chinese numerals, no annex; a share of two parts together; the overdue share is cut."""
    d = Doc("pishi-huayuan-2024-08", "pishi",
            hdr("花垣县人民政府督查室", "花政督通〔2024〕8号",
                "关于上半年县领导批示交办件办理情况的通报", "2024年8月6日"),
            numerals="chinese")
    n = d.n
    N, nd, ni, no = 43, 34, 6, 3
    d.parts([nd, ni + no], N, f"{n(N)}件")
    d.parts([ni, no], ni + no, f"{n(ni + no)}件")
    s_d = d.share(nd, N, 1)
    s_two = d.share(ni + no, N, 1, what="正在办理和逾期 ")
    s_o = d.share(no, N, 1, cut=True, what="逾期 ")
    d.inject("逾期 3/43 = 6.977% printed cut as 6.9%")
    d.p("县政府督查室对上半年县领导批示交办件办理情况进行了全面梳理，现将有关情况通报如下。")
    d.p("一、基本情况")
    d.p(d.st(f"上半年，县领导批示交办件共{n(N)}件。", counts=[N]),
        d.st(f"目前已办结{n(nd)}件，占{s_d}；", counts=[nd], shares=[s_d]),
        d.st(f"正在办理和逾期未办结的共{n(ni + no)}件，占{s_two}。", counts=[ni + no], shares=[s_two]),
        d.st(f"其中正在办理{n(ni)}件，逾期未办结{n(no)}件，逾期件占总数的{s_o}。", counts=[ni, no],
             shares=[s_o]))
    d.p("二、存在问题")
    d.p(d.st(f"{n(no)}件逾期件分别为第五件、第十二件、第二十件，均涉及历史遗留问题，"
             "承办单位未及时报告办理进展。", counts=[no], items=[5, 12, 20]))
    d.p("三、工作要求")
    d.p("各承办单位要对逾期件逐件分析原因，明确办结时限，并向批示领导专题报告；"
        "县政府督查室将把办理情况纳入年度绩效考核。")
    return d


def pishi_luxi():
    """docx annex with a merged 类别 column; 第9件 named overdue is 已办结 in the table, and the
    在办 share is off."""
    d = Doc("pishi-luxi-2024-11", "pishi",
            hdr("泸溪县人民政府督查室", "泸政督通〔2024〕11号",
                "关于10月份县领导批示件和交办件落实情况的通报", "2024年11月7日"))
    nps, njb = 13, 7
    pairs = pick_rows(nps, pool=PS_POOL)
    jb = [("督促解决白沙镇安置房漏水问题", "县住建局"), ("协调处置一起征地补偿纠纷", "县自然资源局"),
          ("推进城区农贸市场提质改造", "县商务局"), ("做好冬季农村饮水保障", "县水利局"),
          ("整治县城主干道违规停车", "县公安局"), ("加快乡村振兴衔接资金拨付", "县财政局"),
          ("做好冬季学校取暖安全检查", "县教体局")]
    items = [("批示件", *p) for p in pairs] + [("交办件", *p) for p in jb]
    overdue, doing = {6, 15}, {4, 11, 17, 19}   # the narrative names 6 and 9 as overdue
    rows = []
    prev = None
    for i, (cat, item, unit) in enumerate(items, 1):
        if i in overdue:
            st, prog = "逾期未办结", rng.choice(OVERDUE_TXT)
        elif i in doing:
            st, prog = "正在办理", rng.choice(DOING_TXT)
        else:
            st, prog = "已办结", rng.choice(DONE_TXT)
        rows.append([str(i), cat if cat != prev else "^", item, unit, prog, st])
        prev = cat
    N, no, ni = len(rows), len(overdue), len(doing)
    nd = N - no - ni
    d.parts([nps, njb], N, f"{N}件")
    d.parts([nd, ni, no], N, f"{N}件")
    d.table_total(N, f"{N}件")
    d.table_count("completed", nd, f"{nd}件")
    d.table_count("on_track", ni, f"{ni}件")
    d.table_count("behind", no, f"{no}件")
    d.named(6, "behind", "第6件")
    d.named(9, "behind", "第9件")
    d.finding("named_item_status", "第9件", "已办结", "第9件 named 逾期未办结; annex row 9 is 已办结")
    d.inject("第9件 named overdue, annex row 9 已办结 (row 15 is the other overdue one)")
    s_d = d.share(nd, N, 0)
    s_i = d.share(ni, N, 0, wrong="25%", what="正在办理 ")
    d.inject("正在办理 4/20 = 20%, printed 25%")
    s_o = d.share(no, N, 0)
    d.p("10月份，县政府督查室对县领导批示件和交办件实行清单化管理、逐件跟踪督办，现将落实情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"10月份，县政府督查室跟踪督办县领导批示件和交办件合计{N}件，其中批示件{nps}件、"
             f"交办件{njb}件。", counts=[N, nps, njb]))
    d.p(d.st(f"经核实，已办结{nd}件，占{s_d}；", counts=[nd], shares=[s_d]),
        d.st(f"正在办理{ni}件，占{s_i}；", counts=[ni], shares=[s_i]),
        d.st(f"逾期未办结{no}件，占{s_o}（详见附件）。", counts=[no], shares=[s_o]))
    d.p("二、存在问题")
    d.p(d.st(f"逾期未办结的{no}件为第6件、第9件，请承办单位说明逾期原因并限期办结。", counts=[no],
             items=[6, 9]))
    d.p("三、下步工作")
    d.p("各承办单位要落实“一把手”负责制，对正在办理的事项逐件明确时间表；"
        "县政府督查室将对逾期事项进行专项督办，并视情况提请县政府约谈。")
    d.annexes.append(annex(1, "10月份县领导批示件和交办件落实情况表",
                           ["序号", "类别", "事项内容", "承办单位", "办理进展", "状态"], rows,
                           {"seq": 0, "section": 1, "target": [2], "units": 3, "progress": 4,
                            "status": 5}, [1, 2, 7, 3, 6, 2]))
    return d


def pishi_jishou():
    """Clean, no annex: a city's year, 办结率 per unit (93.75% rounds to 93.8%, 94.495% to 94.5%)."""
    d = Doc("pishi-jishou-2024-12", "pishi",
            hdr("吉首市人民政府督查室", "吉政督通〔2024〕12号",
                "关于2024年市领导批示件和交办件办理情况的通报", "2024年12月27日"))
    N, nd = 218, 206
    ni = N - nd
    d.parts([nd, ni], N, f"{N}件")
    r = d.share(nd, N, 1, what="办结率 ")
    units = [("市住建局", 19, 18), ("市自然资源和规划局", 16, 15), ("市交通运输局", 11, 9)]
    d.p("今年以来，市政府督查室坚持“批必办、办必果”，对市领导批示件和交办件实行台账管理、销号落实。"
        "现将全年办理情况通报如下。")
    d.p("一、总体情况")
    d.p(d.st(f"全年共督办市领导批示件和交办件{N}件，已办结{nd}件，办结率{r}；", counts=[N, nd], shares=[r]),
        d.st(f"正在办理的{ni}件均已明确办理时限。", counts=[ni]))
    d.p("二、承办单位办理情况")
    pieces = [d.st("按承办单位统计，全年批示件全部办结的单位有23个。", counts=[23])]
    for i, (u, k, done) in enumerate(units):
        s = d.share(done, k, 1, what=f"{u} 办结率 ")
        end = "。" if i == len(units) - 1 else "；"
        pieces.append(d.st(f"{u}承办{k}件，办结{done}件，办结率{s}{end}", counts=[k, done], shares=[s]))
    d.p(*pieces)
    d.p("从办理质量看，市交通运输局、市自然资源和规划局、市住建局办结率排名靠后，"
        "请以上单位认真分析原因，加快办理进度。")
    d.p("三、下步工作")
    d.p("明年，市政府督查室将完善批示件办理评价机制，把办理时效和质量纳入绩效考核，"
        "推动领导批示精神不折不扣落到实处。")
    return d


DOCS = [gzbg_huoshan, gzbg_shucheng, gzbg_lujiang, gzbg_yuexi, gzbg_taihu, gzbg_qianshan, gzbg_susong,
        changwu_ziyang, changwu_langao, changwu_xunyang, changwu_baihe, changwu_pingli, changwu_hanyin,
        changwu_ningshan,
        pishi_yongshun, pishi_baojing, pishi_guzhang, pishi_longshan, pishi_huayuan, pishi_luxi,
        pishi_jishou]


# =============================================================================================
# Writing and checking
# =============================================================================================

class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, s):
    return dumper.represent_scalar("tag:yaml.org,2002:str", s)


_Dumper.add_representer(str, _str)


def write(doc: Doc) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{doc.name}.yaml"
    text = yaml.dump(doc.source(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(text, encoding="utf-8")
    return path


def _norm(t: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))


def vocabulary():
    pairs = []
    for f in VOCAB_FILES:
        for status, phrases in yaml.safe_load(f.read_text(encoding="utf-8"))["statuses"].items():
            pairs += [(_norm(p), status) for p in phrases]
    return sorted(pairs, key=lambda p: -len(p[0]))


def status_of(raw, vocab):
    t = _norm(raw)
    for p, s in vocab:
        if t.startswith(p):
            return s
    return "unknown"


GZ_STATUS = {"已完成": "completed", "超进度": "on_track", "达进度": "on_track", "欠进度": "behind"}


def segments(par: str) -> list[str]:
    return re.findall(r"[^。；]*[。；]", par)


def check(doc: Doc, path: Path, vocab) -> list[str]:
    errs = []
    src = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = src["body"]
    segs = [s for par in body for s in segments(par)]
    fmt = doc.n
    for st in src["statements"]:
        t = st["text"]
        if t not in segs:
            errs.append(f"statement not a body segment: {t}")
        for c in st["counts"]:
            if fmt(c) not in t:
                errs.append(f"count {c} not in: {t}")
        for s in st["shares"] + st["amounts"]:
            if s not in t:
                errs.append(f"{s} not in: {t}")
        for i in st["items"]:
            if fmt(i) not in t:
                errs.append(f"item {i} not in: {t}")
    # sentences with a figure that are not statements (for review)
    stated = {st["text"] for st in src["statements"]}
    num = re.compile(r"[0-9０-９]|[一二三四五六七八九十百]+[件项个]")
    for s in segs:
        if s not in stated and num.search(s):
            print(f"  note {doc.name}: unlisted segment with a figure: {s}")
    by_text = {st["text"]: st for st in src["statements"]}
    for s in segs:
        for m in re.findall(r"[0-9０-９.．]+[%％]|[0-9.]+[亿万]元", s):
            st = by_text.get(s)
            if st is None or m not in st["shares"] + st["amounts"]:
                if not re.search(r"约" + re.escape(m), s):
                    errs.append(f"{m} not listed in a statement: {s}")
    alltext = "".join(body)
    for f in src["expected_findings"]:
        if f["stated"] not in alltext:
            errs.append(f"finding stated {f['stated']!r} not in the body")
    # annex rows
    records = {}
    for a in src["annexes"]:
        for t in a["tables"]:
            ncol = len(t["header"][0])
            for r in t["rows"]:
                if len(r) != ncol:
                    errs.append(f"row with {len(r)} cells, header {ncol}: {r}")
            sc = t["roles"]["status"]
            recs = []
            for r in t["rows"]:
                s = status_of(r[sc], vocab)
                if s == "unknown":
                    errs.append(f"status word not in the vocabularies: {r[sc]}")
                recs.append((r[0], r[sc], s))
            records[a.get("no", 1)] = recs
    # re-derive the findings from the recorded checks
    got = []
    for c in doc.checks:
        if c["type"] == "share":
            right = doc.f(pct(c["part"], c["base"], c["d"]))
            cut = doc.f(pct(c["part"], c["base"], c["d"], "cut"))
            if c["printed"] != right:
                got.append(("percent_truncated" if c["printed"] == cut else "percent_mismatch",
                            c["printed"]))
        elif c["type"] == "sum":
            if sum(Decimal(p) for p in c["parts"]) != Decimal(c["total"]):
                got.append(("sum_mismatch", c["stated"]))
        elif c["type"] == "table_total":
            if len(records[c["annex"]]) != c["n"]:
                got.append(("total_vs_table", c["stated"]))
        elif c["type"] == "table_count":
            want = GZ_STATUS.get(c["status"], c["status"])
            k = sum(1 for _, raw, s in records[c["annex"]]
                    if s == want and (c["status"] not in GZ_STATUS or raw.startswith(c["status"])))
            if k != c["n"]:
                got.append(("count_vs_table", c["stated"]))
        elif c["type"] == "named":
            rec = [s for seq, _, s in records[c["annex"]] if seq == str(c["item"])]
            ok = {"late": {"on_track", "behind"}, "behind": {"behind"}}[c["claimed"]]
            if not rec or rec[0] not in ok:
                got.append(("named_item_status", c["stated"]))
    want = sorted((f["kind"], f["stated"]) for f in src["expected_findings"])
    if sorted(got) != want:
        errs.append(f"findings re-derived {sorted(got)} != expected {want}")
    if src["expected_findings"] and not src.get("injections"):
        errs.append("findings without injections")
    return errs


def main() -> int:
    vocab = vocabulary()
    bad = 0
    summary = Counter()
    for fn in DOCS:
        doc = fn()
        path = write(doc)
        errs = check(doc, path, vocab)
        kind = "clean" if not doc.findings else f"{len(doc.findings)} finding(s)"
        annex_kind = (doc.annex_format if doc.annexes else "no annex")
        summary[(doc.genre, kind == "clean", annex_kind)] += 1
        print(f"{doc.name}: {len(doc.statements)} statements, {annex_kind}, {kind}"
              + "".join(f"\n  ERROR {e}" for e in errs))
        bad += bool(errs)
    for k, v in sorted(summary.items()):
        print(k, v)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
