#!/usr/bin/env python3
"""Genre generator d: 督察整改 (zhenggai), 安全生产检查 (anquan), 城管/市容督察 (chengguan).

Each document below holds its own facts (counts per status, amounts, annex rows); the narrative is
composed from them through the token helpers of `Doc`, which record, piece by piece (a piece ends
at 。or ；), every exact count, share, amount and numbered item that the sentence prints. Every
share is computed here, half-up at the printed decimals with `decimal`. A mistake is written in
only through `Doc.p(..., cut=True | bad=...)`, a wrong stated total (`Doc.sum_`) or a table claim
(`Doc.claim`) that the rows contradict; the expected findings are derived from those.

    python corpus/genres/gen_d.py          # (re)writes sources/{zhenggai,anquan,chengguan}-*.yaml
                                           # and checks them (exit 1 on a problem)
No file here reads rules/ or imports extract.
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
SEED = 20240604

CN = "零一二三四五六七八九"
FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
TOK = re.compile("\ue000(\\d+)\ue001")


def cn(n: int) -> str:
    """22 -> 二十二 (n < 100); 2 -> 两 (before a measure word, as written)."""
    if n == 2:
        return "两"
    if n < 10:
        return CN[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN[t]) + "十" + (CN[u] if u else "")


def pct(part, base, dec=1, rounding=ROUND_HALF_UP) -> str:
    q = Decimal(str(part)) * 100 / Decimal(str(base))
    return f"{q.quantize(Decimal(1).scaleb(-dec), rounding=rounding)}%"


def exact(part, base) -> str:
    q = Decimal(str(part)) * 100 / Decimal(str(base))
    return f"{part}/{base} = {q.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP)}%"


def split_pieces(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=[。；])", text) if p]


class Doc:
    def __init__(self, name, issuer, doc_number, title, date, annex_format="docx", fw=False):
        self.name, self.genre = name, name.split("-")[0]
        self.header = {"issuer": issuer, "doc_number": doc_number, "title": title, "date": date}
        self.annex_format, self.fw = annex_format, fw
        self.body, self.statements, self.findings, self.injections, self.annexes = [], [], [], [], []
        self.toks: list[tuple[str, object]] = []
        self.shares: list[tuple] = []      # (part, base, dec, shown) for the self-check
        self.sums: list[tuple] = []        # (stated total, parts) of exhaustive classifications
        self.claims: list[tuple] = []      # table claims: (kind, key, stated text)
        self.rng = random.Random(f"{SEED}-{name}")

    # ---- tokens: each returns a placeholder that `para` resolves and records -----------------
    def _t(self, kind, value, shown):
        if self.fw:
            shown = shown.translate(FW)
        self.toks.append((kind, shown if value is None else value, shown))
        return f"\ue000{len(self.toks) - 1}\ue001"

    def c(self, n: int, chinese=False):            # an exact count
        return self._t("counts", n, cn(n) if chinese else str(n))

    def i(self, n: int):                           # an item named by its number
        return self._t("items", n, str(n))

    def a(self, text: str):                        # an amount of money as printed
        return self._t("amounts", None, text)

    def r(self, text: str):                        # a share whose base the text never prints
        return self._t("shares", None, text)

    def p(self, part, base, dec=1, cut=False, bad=None):
        """part/base, half-up at `dec` decimals; cut=True prints it truncated, bad=... wrong."""
        right = pct(part, base, dec)
        shown = right
        if cut:
            shown = pct(part, base, dec, ROUND_DOWN)
            assert shown != right, (self.name, part, base)
            self.find("percent_truncated", shown, right, f"{exact(part, base)}, printed cut instead of rounded")
        elif bad:
            shown = bad
            assert bad not in (right, pct(part, base, dec, ROUND_DOWN)), (self.name, bad)
            self.find("percent_mismatch", shown, right, f"{exact(part, base)}, printed {bad}")
        self.shares.append((part, base, dec, shown))
        return self._t("shares", None, shown)

    def sum_(self, stated, parts, unit="项"):
        """One exhaustive classification: `stated` is the printed total."""
        self.sums.append((stated, list(parts)))
        if stated != sum(parts):
            self.find("sum_mismatch", f"{stated}{unit}", f"{sum(parts)}{unit}",
                      f"total {stated} stated; the parts {'+'.join(map(str, parts))} = {sum(parts)}")

    # ---- narrative ----------------------------------------------------------------------------
    def para(self, text: str):
        out = ""
        for piece in split_pieces(text):
            rec = {"counts": [], "shares": [], "amounts": [], "items": []}

            def sub(m):
                kind, value, shown = self.toks[int(m.group(1))]
                rec[kind].append(value)
                return shown
            plain = TOK.sub(sub, piece)
            out += plain
            if any(rec.values()):
                self.statements.append({"text": plain, **rec})
        self.body.append(out)

    def find(self, kind, stated, computed, note):
        self.findings.append({"kind": kind, "stated": stated, "computed": computed, "note": note})
        self.injections.append(f"{kind}: {note}")

    # ---- annex claims: the narrative's statements about the table -----------------------------
    def claim(self, kind, key, stated_text, rows_status: dict[int, str], unit="项"):
        """kind total (key = stated total), count (key = (status, stated n)), named (key =
        (item, status said)); rows_status maps seq -> completed/on_track/behind."""
        self.claims.append((kind, key, stated_text))
        if kind == "total" and key != len(rows_status):
            self.find("total_vs_table", stated_text, f"{len(rows_status)}{unit}",
                      f"total {key} stated; the annex lists {len(rows_status)} rows")
        elif kind == "count":
            status, n = key
            real = sum(1 for s in rows_status.values() if s == status)
            if n != real:
                self.find("count_vs_table", stated_text, f"{real}{unit}",
                          f"{n} {status} stated; {real} annex rows are {status}")
        elif kind == "named":
            item, status = key
            if rows_status[item] != status:
                self.find("named_item_status", stated_text, rows_status[item],
                          f"item {item} said {status}; its annex row is {rows_status[item]}")

    def source(self) -> dict:
        s = {"name": self.name, "genre": self.genre, "annex_format": self.annex_format,
             "header": self.header, "body": self.body}
        if self.annexes:
            s["annex_list"] = True
        s["annexes"] = self.annexes
        s["statements"] = self.statements
        s["expected_findings"] = self.findings
        s["injections"] = self.injections
        return s


STATUS_OF = {"done": "completed", "doing": "on_track", "late": "behind"}


def annex(no, title, header, rows, roles, widths, unit=None, orientation="landscape"):
    r = {"seq": None, "target": None, "units": None, "progress": None, "completion": None,
         "status": None, "section": None, "target_goal": None, "seq_in_target": False}
    r.update(roles)
    a = {"no": no, "title": title}
    if unit:
        a["filler_unit"] = unit
    a["orientation"] = orientation
    a["tables"] = [{"name": "", "caption": False, "repeat_header": True, "widths": widths,
                    "header": [header], "roles": r, "rows": rows}]
    return a


PROGRESS = {
    "done": ["已完成整改，经核查验收合格", "整改措施已全部落实，已申请销号", "已完成整改，相关制度已印发执行",
             "已整改到位，整改资料已归档备查"],
    "doing": ["整改方案已制定，正在组织实施", "已完成阶段性任务，正按计划推进", "正在推进，已明确完成时限"],
    "late": ["涉及多部门协调，进度滞后于整改时限", "受资金和施工条件影响，未能按期完成"],
}


def seqs(data, key, col=-1):
    return [k for k, row in enumerate(data, 1) if row[col] == key]


# =============================================================================================
# 督察整改 (zhenggai)
# =============================================================================================

def z_qingxi():
    """no annex, clean: nested totals, shares per part, a share of two parts, 其中 subsets, approx."""
    d = Doc("zhenggai-qingxi-2023-06", "清溪县人民政府督查室", "清政督通〔2023〕9号",
            "关于第二轮中央生态环境保护督察反馈问题整改落实情况的通报", "2023年6月20日")
    c, p = d.c, d.p
    done, basic, doing = 19, 7, 5
    total = done + basic + doing
    measures, measures_done = 94, 78
    closed, staged = 136, 6
    letters = closed + staged
    d.sum_(total, [done, basic, doing])
    d.sum_(measures, [measures_done, measures - measures_done], "条")
    d.sum_(letters, [closed, staged], "件")
    d.para("为压紧压实整改责任，近期县政府督查室会同县生态环境局，对第二轮中央生态环境保护督察反馈问题整改落实情况"
           "开展了专项督查，现将有关情况通报如下。")
    d.para("一、总体情况")
    d.para(f"第二轮中央生态环境保护督察反馈意见涉及我县的整改任务共{c(total)}项，县委、县政府将其细化分解为"
           f"{c(measures)}条具体整改措施，逐项明确了责任领导、责任单位和完成时限。")
    d.para(f"截至6月15日，{c(total)}项整改任务中，已完成整改{c(done)}项，占{p(done, total)}；基本完成{c(basic)}项，"
           f"占{p(basic, total)}；正在推进{c(doing)}项，占{p(doing, total)}。已完成和基本完成的合计{c(done + basic)}项，"
           f"占任务总数的{p(done + basic, total)}，总体进度符合整改方案确定的时序要求。")
    d.para(f"从整改措施落实情况看，{c(measures)}条措施中已落实到位{c(measures_done)}条，落实率"
           f"{p(measures_done, measures)}，其余{c(measures - measures_done)}条正在按计划推进。")
    d.para(f"中央督察组交办我县的群众信访举报件{c(letters)}件已全部办结或阶段性办结，其中办结{c(closed)}件、"
           f"阶段性办结{c(staged)}件，办结率{p(closed, letters)}。交办件中反映大气污染问题的{c(58)}件，反映噪声扰民"
           f"问题的{c(27)}件，其余涉及水、土壤和生态破坏等方面。")
    d.para("督查期间，督查组共出动督查人员120余人次，实地查看整改点位近60个，随机回访信访举报人40多名。")
    d.para("二、存在问题")
    d.para(f"一是个别任务进展偏慢。正在推进的{c(doing)}项任务中，有{c(2)}项涉及工业园区污水处理设施提标改造，"
           "工程量大、资金需求多，目前仍处于设备安装阶段。")
    d.para("二是部分整改成效不够稳固。督查组回访发现，有的已销号问题出现反弹，城区餐饮油烟扰民投诉时有发生，"
           "群众对整改效果的认可度还有待提升。")
    d.para("三、下步工作")
    d.para("各责任单位要对照整改清单，倒排工期、挂图作战，确保正在推进的任务按期完成；对已完成整改的任务，要适时"
           "组织开展“回头看”，坚决防止问题反弹。县政府督查室将继续实行月调度、季通报，对整改不力的单位按规定予以问责。")
    return d


def z_baisha():
    """docx annex (巡察问题台账); mistakes: a named item said late is done in the table; the
    completion rate cut (11/16 = 68.75% printed 68.7%)."""
    d = Doc("zhenggai-baisha-2024-03", "白沙县人民政府督查室", "白政督通〔2024〕3号",
            "关于县委巡察反馈问题整改落实情况的督查通报", "2024年3月12日")
    c, p, i = d.c, d.p, d.i
    A = "贯彻落实党的路线方针政策和上级决策部署方面"
    B = "落实全面从严治党战略部署方面"
    C = "落实新时代党的组织路线方面"
    data = [
        (A, "耕地保护责任落实不到位，部分撂荒地复耕复种进度缓慢", "建立撂荒地台账，分片包干推进复耕", "种植业股", "done"),
        (A, "高标准农田建设项目后期管护机制不健全", "制定管护办法，落实管护主体和经费", "农田建设股", "done"),
        (A, "农村人居环境整治长效机制未建立", "出台村庄清洁行动长效管护办法", "社会事业股", "done"),
        (A, "村级集体经济合同清理不彻底，部分合同未按规定公开", "开展合同专项清理，逐村建立合同台账", "农村经营管理股", "late"),
        (A, "农业产业化项目绩效评价流于形式", "委托第三方开展绩效评价", "计划财务股", "done"),
        (B, "落实“一岗双责”不到位，班子成员开展廉政谈话不够经常", "制定班子成员廉政谈话计划", "办公室", "done"),
        (B, "公务接待管理不规范，部分接待无公函", "修订公务接待管理办法，开展自查自纠", "办公室", "done"),
        (B, "违规发放工作补贴", "清退违规发放资金", "计划财务股", "done"),
        (B, "涉农补贴资金发放审核把关不严", "建立补贴发放多部门联审机制", "计划财务股", "late"),
        (B, "政府采购程序执行不严格", "修订内部采购管理制度", "计划财务股", "doing"),
        (B, "专项资金拨付进度偏慢", "建立资金拨付月调度制度", "计划财务股", "done"),
        (C, "干部教育培训针对性不强", "制定年度干部教育培训计划", "人事股", "done"),
        (C, "基层党组织“三会一课”制度落实不到位", "开展支部规范化建设", "机关党委", "done"),
        (C, "干部人事档案管理不规范", "开展干部人事档案专项审核", "人事股", "doing"),
        (C, "年轻干部培养选拔力度不够", "建立优秀年轻干部储备库", "人事股", "doing"),
        (C, "发展党员程序不够严谨", "规范发展党员全过程纪实", "机关党委", "done"),
    ]
    word = {"done": "已完成整改", "doing": "正在整改", "late": "进度滞后"}
    rows = [[str(k), cat, prob, meas, unit, d.rng.choice(PROGRESS[st]), word[st]]
            for k, (cat, prob, meas, unit, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, doing, late = len(data), seqs(data, "done"), seqs(data, "doing"), seqs(data, "late")
    named = [late[0], 11]                  # the office names item 11 instead of item 9
    assert 11 in done
    d.sum_(n, [len(done), len(doing), len(late)], "个")
    d.claim("total", n, f"{n}个", status, "个")
    d.claim("count", ("completed", len(done)), f"{len(done)}个", status, "个")
    d.claim("count", ("on_track", len(doing)), f"{len(doing)}个", status, "个")
    d.claim("count", ("behind", len(late)), f"{len(late)}个", status, "个")
    for it in named:
        d.claim("named", (it, "behind"), f"第{it}项", status)
    measures, measures_done = 43, 35
    d.para("根据县委巡察工作领导小组的安排，县政府督查室于2月下旬对县委第三巡察组反馈县农业农村局问题的整改"
           "落实情况进行了跟踪督查。现将督查情况通报如下。")
    d.para("一、整改进展")
    d.para(f"县委第三巡察组向县农业农村局党组反馈问题{c(n)}个，该局党组制定整改措施{c(measures)}条，建立问题、任务、"
           "责任“三张清单”（详见附件）。")
    d.para(f"经逐项核查，已完成整改{c(len(done))}个，整改完成率{p(len(done), n, cut=True)}；正在整改{c(len(doing))}个；"
           f"进度滞后{c(len(late))}个。")
    d.para(f"整改措施方面，{c(measures)}条措施已落实{c(measures_done)}条，其余正在推进。通过整改，共清退违规发放的"
           f"补贴资金{d.a('12.6万元')}，完善内部管理制度{c(9)}项，对{c(3)}名干部进行了提醒谈话。")
    d.para("二、存在的问题")
    d.para(f"进度滞后的{c(len(late))}个问题，分别是附件中的第{i(named[0])}项和第{i(named[1])}项，主要原因是涉及"
           "多个部门协调、历史遗留问题较多，牵头股室推进力度不够。")
    d.para("三、下步要求")
    d.para("县农业农村局党组要切实履行整改主体责任，对进度滞后的问题逐项制定攻坚方案，4月底前全部整改到位；县政府"
           "督查室将持续跟踪督办，整改情况纳入年度绩效考核。")
    d.annexes.append(annex(1, "县农业农村局巡察反馈问题整改落实情况台账",
                           ["序号", "问题类别", "反馈问题", "整改措施", "责任股室", "整改进展", "整改状态"], rows,
                           {"seq": 0, "section": 1, "target": [2], "units": 4, "progress": 5, "status": 6},
                           [1, 3, 5, 5, 2, 4, 2], unit="县农业农村局"))
    return d


def z_yuntai():
    """no annex; 审计整改 with amounts in 亿元/万元 (categories add up across units); the share of
    one category's rectified amount is wrong."""
    d = Doc("zhenggai-yuntai-2023-11", "云台县人民政府督查室", "云政督通〔2023〕27号",
            "关于2022年度审计查出问题整改情况的督查通报", "2023年11月10日")
    c, p, a = d.c, d.p, d.a
    # per field: (name, problems, amount 万元, rectified 万元, still rectifying)
    fields = [("财政管理", 14, 12700, 12700, 0), ("部门预算执行", 17, 5386, 4120, 2),
              ("重大项目", 13, 13600, 9800, 2), ("民生资金", 8, 3514, 1980, 0)]
    probs = sum(f[1] for f in fields)
    money = sum(f[2] for f in fields)          # 35200 万元 = 3.52亿元
    fixed_money = sum(f[3] for f in fields)    # 28600 万元 = 2.86亿元
    fixed, partly, doing = 40, 8, 4
    assert fixed + partly + doing == probs == 52 and money == 35200 and fixed_money == 28600
    assert doing == sum(f[4] for f in fields)
    d.sum_(probs, [fixed, partly, doing])
    d.sum_(probs, [f[1] for f in fields])
    d.sum_(money, [f[2] for f in fields], "万元")
    d.sum_(fixed_money, [f[3] for f in fields], "万元")
    d.para("按照县人大常委会审议意见和县政府工作安排，县政府督查室会同县审计局，对2022年度县本级预算执行和其他财政收支"
           "审计查出问题的整改情况进行了督查。现将有关情况通报如下。")
    d.para("一、整改总体情况")
    d.para(f"审计工作报告共反映{c(4)}个方面{c(probs)}项具体问题，涉及问题金额{a('3.52亿元')}。")
    d.para(f"截至10月31日，{c(fixed)}项问题已整改到位，占问题总数的{p(fixed, probs)}；部分整改{c(partly)}项，"
           f"正在整改{c(doing)}项。已整改和部分整改的问题合计{c(fixed + partly)}项，占{p(fixed + partly, probs)}。")
    d.para(f"整改到位金额{a('2.86亿元')}，占问题金额的{p('2.86', '3.52')}。通过整改，出台或完善规章制度{c(13)}项，"
           f"追责问责{c(5)}人。")
    d.para("二、分领域整改情况")
    d.para(f"（一）财政管理方面。反映问题{c(14)}项，涉及金额{a('1.27亿元')}，已全部整改到位。")
    d.para(f"（二）部门预算执行方面。反映问题{c(17)}项，涉及金额{a('5386万元')}，已整改到位{a('4120万元')}，"
           f"尚有{c(2)}项因涉及往来款清理正在整改。")
    d.para(f"（三）重大项目方面。反映问题{c(13)}项，涉及金额{a('1.36亿元')}，已整改到位{a('0.98亿元')}，占该领域问题"
           f"金额的{p('0.98', '1.36', bad='70.6%')}；另有{c(2)}项问题涉及工程结算审核，正在整改。")
    d.para(f"（四）民生资金方面。反映问题{c(8)}项，涉及金额{a('3514万元')}，已整改到位{a('1980万元')}，剩余资金"
           "正在追回或归还原渠道。")
    d.para("三、存在的问题")
    d.para("部分单位对审计整改重视不够，存在“重审计、轻整改”现象；有的问题涉及历史遗留事项，整改难度较大，需要"
           "多部门协同推进。")
    d.para("四、下步工作")
    d.para("各责任单位要建立审计整改台账，实行销号管理；对正在整改的问题，明确整改时限，年底前确保全部整改到位。")
    return d


def z_jinshi():
    """xlsx annex (督察整改任务清单), clean: parts in reverse order, 销号率 at 0 decimals, items by
    number that the table confirms, 100% 办结率."""
    d = Doc("zhenggai-jinshi-2024-08", "金石县人民政府督查室", "金政督〔2024〕12号",
            "关于省生态环境保护督察反馈问题整改情况的核查通报", "2024年8月2日", annex_format="xlsx")
    c, p, i = d.c, d.p, d.i
    data = [
        ("城区生活污水管网雨污分流改造", "县住建局", "2023年12月", "done"),
        ("县城污水处理厂提标改造", "县住建局", "2023年12月", "done"),
        ("工业园区污水集中处理设施建设", "县工业园管委会", "2024年12月", "doing"),
        ("畜禽养殖废弃物资源化利用", "县农业农村局", "2023年12月", "done"),
        ("饮用水水源保护区内违规建筑清理", "县水利局", "2023年10月", "done"),
        ("城区黑臭水体治理", "县住建局", "2024年6月", "late"),
        ("建筑工地扬尘污染防治", "县住建局", "长期坚持", "done"),
        ("餐饮油烟污染整治", "县城管局", "2023年12月", "done"),
        ("砂石码头堆场扬尘治理", "县交通运输局", "2023年12月", "done"),
        ("农村生活垃圾收运处置体系建设", "县城管局", "2024年12月", "doing"),
        ("医疗废物规范化收集处置", "县卫健局", "2023年9月", "done"),
        ("工业固体废物排查整治", "市生态环境局金石分局", "2023年12月", "done"),
        ("河道非法采砂整治", "县水利局", "长期坚持", "done"),
        ("自然保护区内违规项目清理", "县林业局", "2023年12月", "done"),
        ("重点排污单位在线监测设施规范运行", "市生态环境局金石分局", "2023年11月", "done"),
        ("乡镇污水处理设施运行管理", "县住建局", "2024年12月", "doing"),
        ("废弃矿山生态修复", "县自然资源局", "2024年6月", "late"),
        ("秸秆禁烧和综合利用", "县农业农村局", "长期坚持", "done"),
        ("加油站油气回收治理", "县商务局", "2023年10月", "done"),
        ("生态环境领域信访问题化解", "市生态环境局金石分局", "2024年12月", "doing"),
    ]
    words = {"done": ["已完成整改", "已销号"], "doing": ["持续推进"], "late": ["进度滞后"]}
    rows = [[str(k), task, unit, due, d.rng.choice(PROGRESS[st]), words[st][k % len(words[st])]]
            for k, (task, unit, due, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, doing, late = len(data), seqs(data, "done"), seqs(data, "doing"), seqs(data, "late")
    d.sum_(n, [len(late), len(doing), len(done)])
    d.claim("total", n, f"{n}项", status)
    d.claim("count", ("behind", len(late)), f"{len(late)}项", status)
    d.claim("count", ("on_track", len(doing)), f"{len(doing)}项", status)
    d.claim("count", ("completed", len(done)), f"{len(done)}项", status)
    for it in late:
        d.claim("named", (it, "behind"), f"第{it}项", status)
    letters = 87
    d.para("按照市生态环境保护督察整改工作领导小组办公室的部署，县政府督查室于7月中下旬对省生态环境保护督察反馈问题"
           "整改情况开展了第三轮现场核查，现将核查情况通报如下。")
    d.para("一、总体进展")
    d.para(f"省生态环境保护督察反馈我县问题整改任务{c(n)}项（清单见附件）。经现场核查和资料审核，进度滞后的"
           f"{c(len(late))}项，持续推进的{c(len(doing))}项，已完成整改并销号的{c(len(done))}项，销号率"
           f"{p(len(done), n, 0)}。")
    d.para(f"督察期间交办的群众信访举报件{c(letters)}件已全部办结，办结率{p(letters, letters, 0)}，未发生重复信访。")
    d.para("二、存在问题")
    t6, t17 = data[late[0] - 1][0], data[late[1] - 1][0]
    d.para(f"第{i(late[0])}项（{t6}）和第{i(late[1])}项（{t17}）仍滞后于整改时序。其中，{t6}因截污管网施工受汛期"
           f"影响，完成时限已由6月底顺延至9月底；{t17}涉及的历史遗留矿山权属复杂，修复方案尚在论证。")
    d.para("三、工作要求")
    d.para("各责任单位要对照清单逐项对账，对持续推进的任务细化月度目标；对进度滞后的任务，由分管县领导牵头专题调度，"
           "确保9月底前取得实质性进展。")
    d.annexes.append(annex(1, "省生态环境保护督察反馈问题整改任务清单",
                           ["序号", "整改任务", "责任单位", "整改时限", "进展情况", "整改状态"], rows,
                           {"seq": 0, "target": [1], "units": 2, "progress": 4, "status": 5},
                           [1, 5, 3, 2, 6, 2]))
    return d


def z_shiqiao():
    """no annex, clean; Chinese numerals (二十二个) beside Arabic ones."""
    d = Doc("zhenggai-shiqiao-2022-12", "石桥县委督查室", "石督通〔2022〕18号",
            "关于省委巡视反馈意见整改落实情况的督查通报", "2022年12月16日")
    c, p = d.c, d.p
    done, basic, longterm = 17, 3, 2
    total = done + basic + longterm
    measures, measures_done = 68, 61
    clues, clues_done = 14, 12
    d.sum_(total, [done, basic, longterm], "个")
    d.para("根据县委巡视整改工作领导小组安排，县委督查室于12月上旬对省委第六巡视组反馈意见整改落实情况进行了督查，"
           "现将有关情况通报如下。")
    d.para("（一）整改任务完成情况")
    d.para(f"省委第六巡视组反馈我县的问题共{c(total, True)}个，县委研究制定整改措施{c(measures, True)}条，召开县委常委会"
           f"会议专题研究整改工作{c(4, True)}次。")
    d.para(f"截至目前，{c(total, True)}个问题中，已完成整改{c(done, True)}个，基本完成{c(basic, True)}个，需要长期坚持的"
           f"{c(longterm, True)}个；{c(measures)}条整改措施已落实{c(measures_done)}条，占{p(measures_done, measures)}。")
    d.para(f"巡视移交的问题线索{c(clues, True)}件，已办结{c(clues_done, True)}件，办结率{p(clues_done, clues)}，给予党纪政务"
           f"处分{c(5)}人。通过整改，建立完善制度{c(26)}项，清退收缴违规资金{d.a('86.4万元')}。")
    d.para("（二）存在的不足")
    d.para("个别单位对整改工作存在“交差”思想，整改材料多、实际成效少；部分需要长期坚持的问题缺少阶段性目标，推进力度"
           "有所减弱。")
    d.para("（三）下步工作要求")
    d.para("各牵头单位要对照整改清单逐项开展“回头看”，已完成整改的问题要巩固成果，需要长期坚持的问题要明确阶段目标和"
           "时间节点，确保整改取得实效。")
    return d


def z_heshan():
    """no annex; the parts (28+11+6 = 45) do not reach the total after them (合计46项)."""
    d = Doc("zhenggai-heshan-2023-09", "鹤山县人民政府督查室", "鹤政督通〔2023〕21号",
            "关于全县生态环境保护督察整改工作推进情况的通报", "2023年9月8日")
    c, p = d.c, d.p
    done, basic, doing = 28, 11, 6
    stated = done + basic + doing + 1
    d.sum_(stated, [done, basic, doing])
    d.para("近期，县政府督查室对全县生态环境保护督察整改工作推进情况进行了专项督查。总体看，各牵头单位整改责任进一步"
           "压实，但部分任务进度仍不理想。现将有关情况通报如下。")
    d.para("一、整改工作进展")
    d.para(f"截至8月底，全县整改任务完成情况为：已完成整改{c(done)}项、基本完成{c(basic)}项、正在推进{c(doing)}项，"
           f"合计{c(stated)}项。整改完成率为{p(done, stated)}。")
    d.para(f"上述任务中，由县级领导领衔督办的有{c(12)}项，涉及畜禽养殖污染治理的{c(9)}项。今年以来，县政府督查室开展"
           f"整改专项督查{c(3)}次，下发督办函{c(14)}份，约谈整改进度滞后单位负责人{c(4)}人。")
    d.para("二、存在问题")
    d.para(f"正在推进的{c(doing)}项任务中，县城第二污水处理厂建设、城区黑臭水体治理等任务工程量大，年内完成压力较大；"
           "部分乡镇对已销号问题疏于巡查，群众投诉有所反弹。")
    d.para("三、下步工作")
    d.para("各牵头单位要对正在推进的任务实行清单化管理，每月5日前报送整改进展；县政府督查室将采取明察暗访方式开展"
           "跟踪督查，对工作不力的单位予以通报。")
    return d


def z_lianhua():
    """docx annex of 23 tasks while the text says 24; the completion rate cut at 0 decimals
    (17/24 = 70.8% printed 70%)."""
    d = Doc("zhenggai-lianhua-2024-05", "莲花县人民政府督查室", "莲政督函〔2024〕7号",
            "关于省政府第五督查组反馈问题整改进展情况的通报", "2024年5月22日")
    c, p, i = d.c, d.p, d.i
    data = [
        ("压缩企业开办时间，实现当日办结", "县市场监管局", "县政务服务中心", "done"),
        ("推行工程建设项目审批“一网通办”", "县住建局", "县政务服务中心", "done"),
        ("清理拖欠民营企业中小企业账款", "县工信局", "县财政局", "done"),
        ("规范涉企行政检查", "县司法局", "县直各执法部门", "done"),
        ("落实结构性减税降费政策", "县税务局", "县财政局", "done"),
        ("优化不动产登记办理流程", "县自然资源局", "县税务局", "done"),
        ("解决园区企业用工难问题", "县人社局", "县工业园管委会", "done"),
        ("推进工业园区标准化厂房建设", "县工业园管委会", "县住建局", "late"),
        ("提升政务服务事项网上可办率", "县政务服务中心", "县直有关单位", "done"),
        ("规范中介服务收费", "县发改局", "县市场监管局", "done"),
        ("加快惠企资金兑现", "县财政局", "县工信局", "done"),
        ("整治招投标领域突出问题", "县发改局", "县住建局、县交通运输局", "done"),
        ("推进“双随机、一公开”监管全覆盖", "县市场监管局", "县直各执法部门", "done"),
        ("建立企业诉求快速响应机制", "县工商联", "县政务服务中心", "done"),
        ("化解历史遗留不动产办证问题", "县自然资源局", "县住建局", "doing"),
        ("提升水电气报装服务效率", "县住建局", "县供电公司", "done"),
        ("强化知识产权保护", "县市场监管局", "县法院", "done"),
        ("加大政府性融资担保支持力度", "县财政局", "县融资担保公司", "doing"),
        ("推进县城供水管网改造工程", "县水利局", "县自来水公司", "late"),
        ("规范行政执法自由裁量权", "县司法局", "县直各执法部门", "done"),
        ("推进“信用+审批”改革", "县发改局", "县政务服务中心", "done"),
        ("完善政企沟通常态化机制", "县工商联", "县工信局", "doing"),
        ("开展营商环境突出问题专项整治", "县营商办", "县纪委监委", "doing"),
    ]
    word = {"done": "已完成", "doing": "按计划推进", "late": "滞后"}
    due = {"done": "2024年3月", "doing": "2024年12月", "late": "2024年4月"}
    rows = [[str(k), task, lead, helper, due[st], d.rng.choice(PROGRESS[st]), word[st]]
            for k, (task, lead, helper, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, late = len(data), seqs(data, "done"), seqs(data, "late")
    said = n + 1
    d.claim("total", said, f"{said}项", status)
    d.claim("count", ("completed", len(done)), f"{len(done)}项", status)
    d.claim("count", ("behind", len(late)), f"{len(late)}项", status)
    for it in late:
        d.claim("named", (it, "behind"), f"第{it}项", status)
    d.para("去年11月，省政府第五督查组对我县开展了实地督查，反馈了营商环境、项目建设和民生保障等方面的问题。县政府"
           "督查室近期对整改进展情况进行了跟踪核查，现通报如下。")
    d.para("一、整改进展")
    d.para(f"省政府第五督查组反馈问题涉及我县整改任务{c(said)}项，县政府逐项明确了牵头单位、配合单位和完成时限"
           "（见附件）。")
    d.para(f"截至5月15日，已完成整改{c(len(done))}项，完成率{p(len(done), said, 0, cut=True)}；其余任务正在按序时推进。")
    t8, t19 = data[late[0] - 1][0], data[late[1] - 1][0]
    d.para(f"其中，第{i(late[0])}项“{t8}”和第{i(late[1])}项“{t19}”进度滞后，这{c(len(late))}项任务均属于工程建设类，"
           "受资金到位迟、施工条件限制等因素影响，未能按原定时限完成。")
    d.para("二、存在问题")
    d.para("一是个别牵头单位统筹协调不够，配合单位参与整改的主动性不强；二是部分已完成的整改任务缺少长效机制，企业"
           "反映的问题仍有反复。")
    d.para("三、下步要求")
    d.para("各牵头单位要对照附件所列任务，逐项对账销号；对进度滞后的任务，分管县领导要亲自调度，6月底前完成整改。")
    d.annexes.append(annex(1, "省政府第五督查组反馈问题整改任务进展表",
                           ["序号", "整改任务", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"], rows,
                           {"seq": 0, "target": [1], "units": 2, "progress": 5, "status": 6},
                           [1, 5, 3, 3, 2, 5, 2]))
    return d


# =============================================================================================
# 安全生产检查 (anquan)
# =============================================================================================

def a_liuhe():
    """no annex, clean: 其中 subset, 各1起 distributive parts, approximate counts."""
    d = Doc("anquan-liuhe-2024-01", "柳河县安全生产委员会办公室", "柳安委办〔2024〕2号",
            "关于春节前安全生产大检查督查情况的通报", "2024年2月1日")
    c, p = d.c, d.p
    units, found, major, fixed = 146, 382, 3, 351
    d.sum_(found, [fixed, found - fixed], "处")
    accidents = {"道路运输": 2, "建筑施工": 1, "工贸": 1}
    d.sum_(4, list(accidents.values()), "起")
    d.para(f"为切实做好春节期间安全生产工作，1月15日至25日，县安委会办公室牵头组织{c(5)}个督查组，对全县{c(12)}个乡镇"
           f"和{c(9)}个重点行业主管部门安全生产大检查开展情况进行了督查。现将有关情况通报如下。")
    d.para("一、基本情况")
    d.para(f"督查组采取“四不两直”方式，共抽查生产经营单位{c(units)}家，发现各类安全隐患{c(found)}处，其中重大事故隐患"
           f"{c(major)}处。")
    d.para(f"截至1月31日，已整改{c(fixed)}处，整改率{p(fixed, found)}；其余{c(found - fixed)}处已落实管控措施并限期整改，"
           f"{c(major)}处重大事故隐患全部实行挂牌督办。")
    d.para(f"督查期间，对{c(7)}家存在严重违法行为的企业依法立案查处，责令停产整顿{c(2)}家，罚款{d.a('38.6万元')}。")
    d.para(f"今年以来全县共发生一般生产安全事故{c(4)}起，其中道路运输领域{c(2)}起，建筑施工领域、工贸领域各{c(1)}起，"
           "未发生较大及以上事故。")
    d.para("各乡镇、各部门累计出动检查人员2100余人次，开展宣传培训近80场。")
    d.para("二、存在问题")
    d.para(f"一是隐患排查不够深入。部分企业自查自纠流于形式，督查组抽查的{c(units)}家单位中，有{c(23)}家未建立隐患排查"
           "治理台账。")
    d.para(f"二是重点领域风险仍然突出。{c(major)}处重大事故隐患中有{c(2)}处集中在城镇燃气领域，主要是餐饮场所违规"
           "使用液化石油气。")
    d.para("三、下步工作")
    d.para("各乡镇、各有关部门要紧盯节日期间人员密集场所、城镇燃气、道路交通等重点领域，严格落实领导干部带班和"
           "关键岗位24小时值班制度；对督查发现的隐患，要逐项明确责任人和整改时限，确保节前整改到位。")
    return d


def a_xinghe():
    """no annex, clean; full-width digits throughout (２１８家, ９２．２％)."""
    d = Doc("anquan-xinghe-2023-07", "星河县安全生产委员会办公室", "星安办通〔2023〕14号",
            "关于“安全生产月”专项检查情况的通报", "2023年7月5日", fw=True)
    c, p = d.c, d.p
    by = {"危险化学品": 96, "建筑施工": 187, "消防安全": 213, "工贸企业": 108}
    found = sum(by.values())
    fixed = 557
    d.sum_(found, list(by.values()), "条")
    d.sum_(found, [fixed, found - fixed], "条")
    d.para("为深入开展“安全生产月”活动，６月１日至３０日，县安委会办公室组织应急、住建、消防等部门，对全县重点行业"
           "领域开展了安全生产专项检查。现将检查情况通报如下。")
    d.para("一、检查基本情况")
    d.para(f"本次专项检查共组织检查组{c(12)}个，检查企业{c(218)}家，发现各类安全隐患{c(found)}条。分行业看，危险化学品"
           f"企业隐患{c(by['危险化学品'])}条，建筑施工隐患{c(by['建筑施工'])}条（{p(by['建筑施工'], found)}），消防安全隐患"
           f"{c(by['消防安全'])}条（{p(by['消防安全'], found)}），工贸企业隐患{c(by['工贸企业'])}条。")
    d.para(f"截至６月３０日，整改到位的有{c(fixed)}条，整改率{p(fixed, found)}；尚未整改的{c(found - fixed)}条已全部落实"
           f"监控措施和整改责任人。检查中责令停产整顿企业{c(4)}家，立案查处{c(9)}家，罚款{d.a('27.8万元')}。")
    d.para("二、存在问题")
    d.para(f"一是部分企业主体责任落实不到位，安全管理制度“挂在墙上、锁在柜里”；二是小微企业和“九小场所”隐患较为"
           f"集中，{c(by['消防安全'])}条消防安全隐患中，有{c(129)}条出自小微企业和“九小场所”；三是个别乡镇监管力量薄弱，"
           "检查频次不足。")
    d.para("三、下步工作")
    d.para("各乡镇、各部门要建立隐患整改台账，实行闭环管理，７月１５日前将整改情况报县安委会办公室。")
    return d


def a_taiping():
    """xlsx annex (燃气隐患清单); the text says 11 hazards rectified, the table shows 10."""
    d = Doc("anquan-taiping-2024-05", "太平县安全生产委员会办公室", "太安办通〔2024〕11号",
            "关于城镇燃气安全专项整治督查情况的通报", "2024年5月21日", annex_format="xlsx")
    c, p, i = d.c, d.p, d.i
    data = [
        ("城关镇老味道餐馆", "液化石油气钢瓶与灶具连接软管老化", "县住建局", "立即整改", "done"),
        ("城关镇好再来饭店", "未安装可燃气体报警装置", "县住建局", "5月20日前", "done"),
        ("城关镇四季鲜火锅店", "液化石油气钢瓶存放于地下室", "县住建局", "立即整改", "done"),
        ("县城天然气门站", "应急预案未按规定开展演练", "县应急管理局", "5月31日前", "done"),
        ("河口镇李家院子农家乐", "使用过期未检钢瓶", "县市场监管局", "立即整改", "done"),
        ("河口镇顺发瓶装液化气供应站", "钢瓶充装记录不完整", "县市场监管局", "5月20日前", "done"),
        ("城关镇学府路小吃街", "多户商户共用钢瓶，私拉软管", "县住建局", "5月31日前", "doing"),
        ("县第二中学食堂", "燃气管道穿越配电间", "县教育局", "6月30日前", "doing"),
        ("城关镇滨江大酒店", "燃气泄漏报警装置未与紧急切断阀联动", "县住建局", "5月31日前", "done"),
        ("太平镇福满楼酒家", "操作间无机械排风设施", "县住建局", "6月15日前", "doing"),
        ("太平镇瓶装液化气配送点", "配送车辆无危险货物运输资质", "县交通运输局", "立即整改", "done"),
        ("县人民医院食堂", "燃气管道未设置明显标识", "县卫健局", "立即整改", "done"),
        ("城关镇东街烧烤店", "室外燃气管道私接改装", "县住建局", "5月15日前", "late"),
        ("城关镇东街面馆", "室外燃气管道私接改装", "县住建局", "5月15日前", "late"),
        ("县城天然气有限公司", "部分庭院管网阀门井积水锈蚀", "县住建局", "5月31日前", "done"),
    ]
    word = {"done": "已整改", "doing": "整改中", "late": "未整改"}
    rows = [[str(k), who, what, unit, due, word[st]] for k, (who, what, unit, due, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, late = len(data), seqs(data, "done"), seqs(data, "late")
    said_done = len(done) + 1
    d.claim("total", n, f"{n}处", status, "处")
    d.claim("count", ("completed", said_done), f"{said_done}处", status, "处")
    for it in late:
        d.claim("named", (it, "behind"), f"第{it}", status)
    d.para(f"5月上旬，县安委会办公室会同县政府督查室，组成{c(3)}个督查组，对城镇燃气安全专项整治开展情况进行了督查。"
           "现将督查情况通报如下。")
    d.para("一、督查发现的问题")
    d.para(f"督查组共抽查燃气经营企业{c(4)}家、餐饮等用气场所{c(34)}家，发现燃气安全隐患{c(n)}处（详见附件）。")
    d.para(f"截至5月18日，已整改{c(said_done)}处，整改率{p(said_done, n)}，其余隐患已下达限期整改通知书，由行业主管部门"
           "跟踪督办。")
    d.para(f"其中，第{i(late[0])}、{i(late[1])}号隐患均为室外燃气管道私接改装，存在较大泄漏风险，目前尚未整改。")
    d.para("二、存在的主要问题")
    d.para("一是部分餐饮经营者安全意识淡薄，违规存放钢瓶、私拉乱接软管等问题屡查屡犯；二是个别行业主管部门对"
           "所属单位燃气使用情况底数不清，监管责任落实不到位。")
    d.para("三、工作要求")
    d.para("各行业主管部门要对照隐患清单，督促责任单位逐项整改销号；对拒不整改的，依法从严查处。县安委会办公室将于"
           "6月上旬组织复查。")
    d.annexes.append(annex(1, "城镇燃气安全专项整治督查发现隐患清单",
                           ["序号", "检查对象", "隐患问题", "监管部门", "整改时限", "整改情况"], rows,
                           {"seq": 0, "target": [2], "units": 3, "status": 5}, [1, 4, 6, 3, 2, 2]))
    return d


def a_lushan():
    """docx annex with section-title rows, clean: two sections that add up, items by number."""
    d = Doc("anquan-lushan-2023-10", "鹿山县人民政府督查室", "鹿政督通〔2023〕19号",
            "关于全县建筑施工领域安全生产督查情况的通报", "2023年10月9日")
    c, p, i = d.c, d.p, d.i
    S1, S2 = "一、房屋建筑工程", "二、市政及交通工程"
    data = [
        (S1, "锦绣华庭二期", "塔吊标准节连接螺栓松动", "县建工集团", "立即停用，紧固螺栓后复检", "done"),
        (S1, "锦绣华庭二期", "施工现场消防通道被材料堵塞", "县建工集团", "清理通道，设置禁停标识", "done"),
        (S1, "锦绣华庭二期", "8号楼楼层临边防护栏杆缺失", "县建工集团", "补设防护栏杆和挡脚板", "doing"),
        (S1, "城南安置小区", "配电箱未设置漏电保护器", "鹿远建设公司", "更换合格配电箱", "done"),
        (S1, "城南安置小区", "特种作业人员无证上岗", "鹿远建设公司", "清退无证人员", "done"),
        (S1, "县人民医院住院楼", "深基坑未按方案设置监测点", "省第六工程公司", "补设监测点，落实第三方监测", "done"),
        (S1, "县人民医院住院楼", "卸料平台临边防护不到位", "省第六工程公司", "完善防护设施", "doing"),
        (S1, "县人民医院住院楼", "脚手架连墙件设置不足", "省第六工程公司", "按专项方案补设连墙件", "done"),
        (S1, "职业中专实训楼", "施工升降机防坠安全器超期未检", "宏达建筑公司", "送检合格后方可使用", "done"),
        (S1, "职业中专实训楼", "动火作业未办理审批手续", "宏达建筑公司", "规范动火审批", "done"),
        (S2, "滨江大道改造工程", "沟槽开挖未设置临边防护", "县市政工程公司", "设置防护栏和警示标志", "doing"),
        (S2, "滨江大道改造工程", "夜间施工警示灯缺失", "县市政工程公司", "补设警示灯", "done"),
        (S2, "省道改扩建工程", "施工便道未设置限速标志", "县路桥公司", "补设标志", "done"),
        (S2, "省道改扩建工程", "爆破器材临时存放点管理不规范", "县路桥公司", "规范存放和领用登记", "done"),
        (S2, "青龙河大桥", "高墩作业平台临边防护缺失", "县路桥公司", "完善防护设施", "doing"),
        (S2, "青龙河大桥", "架桥机安全验收资料不全", "县路桥公司", "补办验收手续", "doing"),
        (S2, "城区污水管网工程", "有限空间作业未配备气体检测仪", "县市政工程公司", "配备检测仪，落实先通风后检测", "done"),
        (S2, "城区污水管网工程", "部分施工人员未佩戴安全帽", "县市政工程公司", "加强班前教育", "done"),
    ]
    word = {"done": "已整改", "doing": "整改中"}
    rows, last = [], None
    for k, (sec, proj, what, unit, req, st) in enumerate(data, 1):
        if sec != last:
            rows.append({"title": sec})
            last = sec
        rows.append([str(k), proj, what, unit, req, word[st]])
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, doing = len(data), seqs(data, "done"), seqs(data, "doing")
    per_sec = Counter(row[0] for row in data)
    projects = len({row[1] for row in data})
    edge = [k for k in doing if "临边" in data[k - 1][2]]
    d.sum_(n, [len(done), len(doing)], "处")
    d.sum_(n, [per_sec[S1], per_sec[S2]], "处")
    d.claim("total", n, f"{n}处", status, "处")
    d.claim("count", ("completed", len(done)), f"{len(done)}处", status, "处")
    d.claim("count", ("on_track", len(doing)), f"{len(doing)}处", status, "处")
    for it in edge:
        d.claim("named", (it, "on_track"), f"{it}", status, "处")
    d.para("为防范化解建筑施工领域安全风险，9月下旬，县政府督查室会同县住建局、县交通运输局，对全县在建工程项目"
           "安全生产情况开展了专项督查。现将督查情况通报如下。")
    d.para(f"本次督查共检查在建项目{c(14)}个，其中{c(projects)}个项目存在安全隐患。督查组共发现安全隐患{c(n)}处"
           f"（详见附件），房屋建筑工程{c(per_sec[S1])}处，市政及交通工程{c(per_sec[S2])}处。")
    d.para(f"截至10月8日，已整改{c(len(done))}处，整改率{p(len(done), n)}；正在整改{c(len(doing))}处。")
    items = "、".join(i(k) for k in edge)
    d.para(f"正在整改的隐患中，第{items}项均涉及临边防护不到位，施工单位已停止相关部位作业，待防护设施验收合格后"
           "方可复工。")
    d.para(f"督查期间，县住建局对存在违法违规行为的施工企业立案查处{c(5)}起，罚款{d.a('9.5万元')}，约谈项目负责人"
           f"{c(6)}人。")
    d.para("从督查情况看，部分项目安全管理人员配备不足，安全技术交底流于形式，临边洞口防护、临时用电等常见隐患"
           "反复出现。各行业主管部门要督促施工企业落实主体责任，对督查发现的隐患逐项整改销号，并举一反三开展自查。")
    d.annexes.append(annex(1, "建筑施工领域安全隐患整改情况表",
                           ["序号", "项目名称", "隐患描述", "施工单位", "整改要求", "整改状态"], rows,
                           {"seq": 0, "target": [2], "units": 3, "progress": 4, "status": 5}, [1, 3, 6, 3, 4, 2]))
    return d


def a_shuangxi():
    """no annex; hazards counted in 处 and in 起 (the rate is on 起, right); the rate of the
    major hazards is wrong (9/12 printed 80%)."""
    d = Doc("anquan-shuangxi-2024-09", "双溪县人民政府督查室", "双政督通〔2024〕16号",
            "关于全县消防安全专项整治督查情况的通报", "2024年9月26日")
    c, p = d.c, d.p
    places, cases, fixed = 163, 213, 197
    major, major_fixed = 12, 9
    d.sum_(major, [major_fixed, major - major_fixed], "处")
    d.para("按照县政府工作安排，9月上中旬，县政府督查室会同县消防救援大队，对各乡镇、各行业部门消防安全专项整治"
           "工作开展了督查。现将督查情况通报如下。")
    d.para("一、基本情况")
    d.para(f"督查组共检查社会单位{c(86)}家，其中人员密集场所{c(41)}家，共发现消防安全隐患{c(places)}处{c(cases)}起。")
    d.para(f"截至9月20日，已整改隐患{c(fixed)}起，整改率{p(fixed, cases)}；其余隐患正在按期整改。")
    d.para(f"督查中发现重大火灾隐患{c(major)}处，已整改{c(major_fixed)}处，整改率{p(major_fixed, major, 0, bad='80%')}，"
           f"剩余{c(major - major_fixed)}处已由县政府挂牌督办。")
    d.para(f"对存在严重隐患的单位，依法责令“三停”{c(4)}家，临时查封{c(3)}处，罚款{d.a('21.3万元')}。")
    d.para(f"今年1月至8月，全县共接报火灾{c(37)}起，同比下降{d.r('18.2%')}，未发生亡人火灾事故。")
    d.para("二、存在问题")
    d.para("一是部分单位消防主体责任悬空，消防设施维护保养不到位；二是电动自行车违规停放充电问题依然突出；三是部分"
           "乡镇消防工作站作用发挥不明显。")
    d.para("三、工作要求")
    d.para("各乡镇、各有关部门要对督查发现的问题建立清单，逐项整改销号，10月15日前将整改情况报县政府督查室。")
    return d


def a_yanhu():
    """no annex, plain paragraphs; the fields (63+152+137+49+31 = 432) exceed the total 428."""
    d = Doc("anquan-yanhu-2023-04", "沿湖县安全生产委员会办公室", "沿安办〔2023〕9号",
            "关于一季度全县安全生产隐患排查整治情况的通报", "2023年4月12日")
    c, p, r = d.c, d.p, d.r
    by = {"危险化学品": 63, "建筑施工": 152, "消防": 137, "道路交通": 49, "工贸及其他": 31}
    stated = 428
    fixed = 396
    d.sum_(stated, list(by.values()), "处")
    d.para("一季度，各乡镇、各有关部门认真落实县安委会工作部署，深入开展安全生产隐患排查整治，全县安全生产形势总体"
           "平稳。现将有关情况通报如下。")
    fields = "，".join(f"{k}领域{c(v)}处" for k, v in by.items())
    d.para(f"全县共检查生产经营单位{c(1346)}家次，排查发现各类隐患{c(stated)}处。分领域看，{fields}。消防领域隐患数量"
           f"居首，占隐患总数的{p(by['消防'], stated)}，主要集中在沿街门店、出租房屋和小型加工作坊。")
    d.para(f"截至3月31日，已整改隐患{c(fixed)}处，整改率{p(fixed, stated)}；未完成整改的隐患均已落实管控措施。各乡镇中，"
           f"整改率偏低的是湖口镇、白泥乡和新港镇，整改率分别为{r('81.3%')}、{r('83.0%')}、{r('84.6%')}，均低于全县平均水平。")
    d.para(f"一季度全县共发生生产安全事故{c(5)}起、死亡{c(2)}人，事故起数和死亡人数同比分别下降{r('28.6%')}和"
           f"{r('33.3%')}。县安委会办公室对隐患整改不力的{c(3)}家企业进行了约谈，对{c(1)}家企业实施联合惩戒。")
    d.para("各乡镇、各部门要针对排查出的问题举一反三，加大执法检查力度，确保隐患整改闭环；二季度县安委会办公室将对"
           "隐患整改情况开展“回头看”，对整改不到位的单位予以通报。")
    return d


def a_fengyuan():
    """docx annex (消防隐患清单); mistakes: item 10 said 逾期未整改 is 已整改 in the table; the rate
    cut (9/14 = 64.29% printed 64.2%)."""
    d = Doc("anquan-fengyuan-2024-12", "丰源县人民政府督查室", "丰政督通〔2024〕23号",
            "关于人员密集场所冬季消防安全督查情况的通报", "2024年12月20日")
    c, p, i = d.c, d.p, d.i
    data = [
        ("华联超市", "疏散通道堆放货物", "城关镇", "立即整改", "done"),
        ("金色年华KTV", "包厢装修使用易燃可燃材料", "城关镇", "12月31日前", "doing"),
        ("阳光养老院", "部分感烟火灾探测器失效", "桥头镇", "12月15日前", "done"),
        ("县第一中学学生宿舍", "学生违规使用大功率电器", "城关镇", "立即整改", "done"),
        ("新世纪网吧", "安全出口数量不足", "城关镇", "12月10日前", "late"),
        ("万家福商场", "自动喷水灭火系统处于故障状态", "城关镇", "12月15日前", "done"),
        ("锦江宾馆", "消防控制室值班人员无证上岗", "城关镇", "12月31日前", "doing"),
        ("县汽车站候车厅", "灭火器过期未更换", "城关镇", "立即整改", "done"),
        ("桥头镇中心幼儿园", "电气线路私拉乱接", "桥头镇", "立即整改", "done"),
        ("鑫源农贸市场", "消防车通道被摊位占用", "桥头镇", "12月10日前", "done"),
        ("悦来酒店", "疏散指示标志损坏", "白石乡", "立即整改", "done"),
        ("白石乡敬老院", "未设置室内消火栓", "白石乡", "12月10日前", "late"),
        ("城关镇电动自行车集中充电点", "充电区域未与住宅有效分隔", "城关镇", "12月31日前", "doing"),
        ("县图书馆", "防火门闭门器损坏", "城关镇", "立即整改", "done"),
    ]
    word = {"done": "已整改", "doing": "整改中", "late": "逾期未整改"}
    rows = [[str(k), who, what, town, due, word[st]] for k, (who, what, town, due, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, doing, late = len(data), seqs(data, "done"), seqs(data, "doing"), seqs(data, "late")
    named = [late[0], 10]                 # the office names 10 instead of 12
    assert 10 in done
    d.sum_(n, [len(done), len(doing), len(late)], "处")
    d.claim("total", n, f"{n}处", status, "处")
    d.claim("count", ("completed", len(done)), f"{len(done)}处", status, "处")
    d.claim("count", ("on_track", len(doing)), f"{len(doing)}处", status, "处")
    d.claim("count", ("behind", len(late)), f"{len(late)}处", status, "处")
    for it in named:
        d.claim("named", (it, "behind"), f"第{it}号", status, "处")
    d.para("入冬以来，火灾风险明显上升。12月上旬，县政府督查室会同县消防救援大队、县应急管理局，对城区和重点乡镇"
           "人员密集场所消防安全开展了联合督查。现将督查情况通报如下。")
    d.para("一、督查发现问题及整改情况")
    d.para(f"督查组共检查商场超市、宾馆酒店、养老机构、学校等人员密集场所{c(32)}家，发现火灾隐患{c(n)}处（详见附件）。")
    d.para(f"截至12月18日，已整改{c(len(done))}处，整改率{p(len(done), n, cut=True)}；整改中{c(len(doing))}处；逾期未整改"
           f"{c(len(late))}处，为第{i(named[0])}号和第{i(named[1])}号隐患。")
    d.para("二、存在问题")
    d.para(f"部分经营者消防安全意识淡薄，对督查指出的问题整改不及时；桥头镇、白石乡{c(2)}个乡镇的养老机构和幼儿园消防"
           "设施配备不足，基层消防安全网格化管理有待加强。")
    d.para("三、工作要求")
    d.para("各乡镇、各行业主管部门要督促相关单位对照隐患清单限期整改，对逾期未整改的，由县消防救援大队依法查处；"
           "元旦、春节前，县政府督查室将组织复查。")
    d.annexes.append(annex(1, "人员密集场所消防安全隐患清单",
                           ["序号", "场所名称", "隐患内容", "属地乡镇", "整改时限", "整改情况"], rows,
                           {"seq": 0, "target": [2], "units": 3, "status": 5}, [1, 4, 6, 2, 3, 2]))
    return d


# =============================================================================================
# 城管 / 市容督察 (chengguan)
# =============================================================================================

def c_nanhu():
    """no annex, clean: problem types that add up, overlapping areas (158+131 > 263), rankings."""
    d = Doc("chengguan-nanhu-2024-04", "南湖县城市管理委员会办公室", "南城管委〔2024〕6号",
            "关于一季度城区市容环境卫生督查考评情况的通报", "2024年4月22日")
    c, p = d.c, d.p
    types = {"占道经营": 71, "乱堆乱放": 64, "垃圾清运不及时": 52, "乱贴乱画": 38, "其他问题": 38}
    found = sum(types.values())
    fixed = 241
    d.sum_(found, list(types.values()), "处")
    d.sum_(found, [fixed, found - fixed], "处")
    d.para(f"为巩固全国文明城市创建成果，4月上旬，县城市管理委员会办公室会同县政府督查室，对城区{c(6)}个街道和城郊"
           f"{c(4)}个乡镇的市容环境卫生管理情况进行了督查考评。现将有关情况通报如下。")
    d.para("一、督查考评基本情况")
    d.para(f"本次督查采取随机抽查与暗访相结合的方式，共检查主次干道{c(48)}条、背街小巷{c(117)}条、农贸市场{c(9)}个，"
           f"发现各类问题{c(found)}处。")
    d.para(f"按问题类型分，占道经营{c(71)}处，比例为{p(71, found)}；乱堆乱放{c(64)}处，比例为{p(64, found)}；垃圾清运"
           f"不及时{c(52)}处；乱贴乱画{c(38)}处；其他问题{c(38)}处。")
    d.para(f"从问题分布看，涉及沿街门店的{c(158)}处，涉及背街小巷的{c(131)}处，部分问题同时涉及两类区域。")
    d.para(f"截至4月20日，已整改到位{c(fixed)}处，整改率{p(fixed, found)}；未整改的{c(found - fixed)}处已全部交办属地，"
           "限期整改。")
    d.para("二、考评排名情况")
    d.para("综合得分位居前列的是城东街道（95.2分）、滨河街道（93.8分）和青石镇（92.6分），考评等次为优秀。")
    d.para(f"排名后三位的是桥西街道（79.1分）、白马乡（76.9分）和龙口镇（74.3分），其中龙口镇发现问题{c(37)}处，"
           f"整改{c(29)}处，整改率仅为{p(29, 37)}。")
    d.para("三、存在问题")
    d.para(f"一是长效管理机制不健全，“重突击、轻长效”现象依然存在，{c(3)}个农贸市场周边占道经营问题反复出现；二是部分"
           "乡镇城郊结合部垃圾清运不及时，存在卫生死角。")
    d.para("四、工作要求")
    d.para("各街道、乡镇要落实属地管理责任，对考评发现的问题举一反三、立行立改；县城管委办将每月开展督查考评，考评"
           "结果纳入年度目标管理考核。")
    return d


def c_jinsha():
    """no annex, traditional characters; problems in 處 and 起 (rates on 起); one street's rate
    wrong (35/41 printed 87.8%)."""
    d = Doc("chengguan-jinsha-2023-08", "金沙縣城市管理局", "金城管通〔2023〕15號",
            "關於7月份城區市容環境秩序督察情況的通報", "2023年8月3日")
    c, p = d.c, d.p
    streets = [("城關街道", 34, 32, None), ("東興街道", 41, 35, "87.8%"), ("西城街道", 29, 27, None),
               ("南溪街道", 27, 24, None)]
    cases = sum(s[1] for s in streets)
    fixed = sum(s[2] for s in streets)
    d.sum_(cases, [s[1] for s in streets], "起")
    d.sum_(fixed, [s[2] for s in streets], "起")
    d.para(f"為進一步提升城市精細化管理水平，7月份縣城市管理局督察科對城區{c(len(streets))}個街道的市容環境秩序進行了"
           "專項督察，現將有關情況通報如下。")
    d.para("一、總體情況")
    d.para(f"本月共檢查主要街道{c(36)}條、重點點位{c(152)}處，發現各類市容環境秩序問題{c(97)}處{c(cases)}起，主要為店外"
           "經營、亂停亂放和亂貼亂畫。")
    d.para(f"截至7月31日，已整改{c(fixed)}起，整改率{p(fixed, cases)}。")
    parts = "；".join(f"{name}發現問題{c(f)}起，已整改{c(x)}起，整改率{p(x, f, bad=bad)}" for name, f, x, bad in streets)
    d.para(f"分街道看：{parts}。")
    d.para("二、存在問題")
    d.para(f"一是部分路段問題反彈明顯，東興街道濱江路沿線有{c(6)}家餐飲門店多次被督察通報，仍未落實“門前三包”責任；"
           "二是共享單車亂停亂放治理缺乏長效機制，早晚高峰時段人行道通行受阻。")
    d.para("三、下步要求")
    d.para("各街道要對督察發現的問題建立台賬，逐項銷號；督察科將於下月開展“回頭看”，對整改不到位的問題在全縣範圍內"
           "予以通報。")
    return d


def c_taoxi():
    """docx annex (问题清单); the text says 21 problems (the table lists 20) and 14 rectified (the
    table shows 13)."""
    d = Doc("chengguan-taoxi-2024-06", "桃溪县人民政府督查室", "桃政督通〔2024〕9号",
            "关于城区市容环境问题督办整改情况的通报", "2024年6月14日")
    c, p, i = d.c, d.p, d.i
    data = [
        ("桃源街道", "人民路农贸市场东门", "流动摊贩占道经营", "立即整改", "done"),
        ("桃源街道", "解放路与建设路交叉口", "共享单车乱停乱放", "立即整改", "done"),
        ("桃源街道", "文化广场", "广告横幅乱拉乱挂", "立即整改", "done"),
        ("桃源街道", "和平巷", "建筑垃圾堆放未清运", "3日内", "done"),
        ("桃源街道", "人民路沿街门店", "店外经营、违规设置户外广告", "3日内", "doing"),
        ("溪口街道", "溪口菜市场", "垃圾桶满溢，周边污水横流", "立即整改", "done"),
        ("溪口街道", "滨河路", "绿化带内种菜", "7日内", "done"),
        ("溪口街道", "溪口小学门口", "早餐摊点占道经营", "立即整改", "done"),
        ("溪口街道", "滨河路东段", "违规搭建彩钢棚", "15日内", "late"),
        ("溪口街道", "老粮站小区", "楼道及外墙“牛皮癣”小广告", "3日内", "done"),
        ("新华街道", "新华路", "沿街餐饮油烟直排", "15日内", "doing"),
        ("新华街道", "步行街", "店招店牌破损", "7日内", "done"),
        ("新华街道", "新华路公厕", "公厕保洁不到位", "立即整改", "done"),
        ("新华街道", "车站路", "机动车占用人行道停放", "立即整改", "done"),
        ("新华街道", "东门巷", "私设地桩地锁", "3日内", "doing"),
        ("城北街道", "城北工业路", "渣土车抛洒滴漏，路面污染", "立即整改", "late"),
        ("城北街道", "城北农贸市场", "活禽宰杀区卫生差", "7日内", "done"),
        ("城北街道", "北环路", "废品收购站占道堆放", "7日内", "doing"),
        ("城北街道", "城北安置小区", "生活垃圾分类设施损坏", "7日内", "doing"),
        ("城北街道", "北环路加油站旁", "占道洗车", "立即整改", "done"),
    ]
    word = {"done": "已整改", "doing": "整改中", "late": "逾期未整改"}
    rows = [[str(k), street, spot, what, due, word[st]] for k, (street, spot, what, due, st) in enumerate(data, 1)]
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, late = len(data), seqs(data, "done"), seqs(data, "late")
    said_n, said_done = n + 1, len(done) + 1
    d.claim("total", said_n, f"{said_n}处", status, "处")
    d.claim("count", ("completed", said_done), f"{said_done}处", status, "处")
    d.claim("count", ("behind", len(late)), f"{len(late)}处", status, "处")
    for it in late:
        d.claim("named", (it, "behind"), f"第{it}号", status, "处")
    d.para("5月下旬，县政府督查室会同县城市管理局，对城区各街道市容环境秩序开展了暗访督查，对发现的问题实行清单化"
           "交办、销号式管理。现将督办整改情况通报如下。")
    d.para("一、问题交办及整改情况")
    d.para(f"本次暗访共交办市容环境问题{c(said_n)}处（详见附件），涉及城区{c(4)}个街道。截至6月12日，已整改到位"
           f"{c(said_done)}处，整改率{p(said_done, said_n)}。")
    d.para(f"逾期未整改的有{c(len(late))}处，即第{i(late[0])}号、第{i(late[1])}号问题，分别为溪口街道滨河路东段违规搭建"
           "彩钢棚和城北街道工业路渣土车抛洒滴漏。")
    d.para("二、存在问题")
    d.para("部分街道对暗访交办问题重视不够，整改不及时、不彻底，个别问题“前清后乱”；部门之间协调联动不足，涉及违建"
           "拆除、渣土运输等问题的执法衔接不畅。")
    d.para("三、工作要求")
    d.para("各街道要对照问题清单逐项整改，6月20日前将整改情况报县政府督查室；对逾期未整改的问题，县政府督查室将"
           "约谈相关街道负责人。")
    d.annexes.append(annex(1, "城区市容环境问题督办清单",
                           ["序号", "责任街道", "问题点位", "问题描述", "整改时限", "整改情况"], rows,
                           {"seq": 0, "units": 1, "target": [3], "status": 5}, [1, 2, 4, 5, 2, 2]))
    return d


def c_meixi():
    """xlsx annex with a section-title row per street, clean; 各7处 distributive counts; items
    by number."""
    d = Doc("chengguan-meixi-2023-11", "梅溪县城市管理局", "梅城管〔2023〕31号",
            "关于10月份城区市容环境交叉督察情况的通报", "2023年11月3日", annex_format="xlsx")
    c, p, i = d.c, d.p, d.i
    H, S = "环境卫生", "市容秩序"
    data = [
        ("城北街道", S, "北门路沿街水果店店外经营", "城北城管中队", "done"),
        ("城北街道", H, "北门菜市场垃圾收集点周边地面油污", "城北街道环卫所", "done"),
        ("城北街道", S, "建设路非机动车乱停放", "城北城管中队", "done"),
        ("城北街道", S, "建设路临街门店违规设置落地广告牌", "城北城管中队", "doing"),
        ("城北街道", H, "北门巷建筑垃圾乱倒", "城北街道环卫所", "done"),
        ("城北街道", H, "公园路果皮箱破损", "城北街道环卫所", "done"),
        ("城北街道", S, "北门巷车辆占用消防通道", "城北城管中队", "done"),
        ("城北街道", S, "工业路废品收购站占道堆放", "城北城管中队", "doing"),
        ("梅溪街道", H, "梅溪河沿岸漂浮垃圾", "梅溪街道环卫所", "done"),
        ("梅溪街道", S, "解放路夜市摊点超时经营", "梅溪城管中队", "done"),
        ("梅溪街道", S, "解放路临街门店违规设置户外广告", "梅溪城管中队", "doing"),
        ("梅溪街道", H, "老街公厕保洁不到位", "梅溪街道环卫所", "done"),
        ("梅溪街道", S, "步行街乱拉横幅", "梅溪城管中队", "done"),
        ("梅溪街道", H, "学府小区垃圾分类投放点脏乱", "梅溪街道环卫所", "done"),
        ("梅溪街道", S, "梅溪桥头流动摊贩聚集", "梅溪城管中队", "doing"),
        ("龙泉街道", H, "龙泉路道路保洁不及时", "龙泉街道环卫所", "done"),
        ("龙泉街道", S, "龙泉市场周边占道经营", "龙泉城管中队", "done"),
        ("龙泉街道", H, "龙泉小区绿化带内垃圾", "龙泉街道环卫所", "done"),
        ("龙泉街道", S, "龙泉路临街门店违规设置户外广告", "龙泉城管中队", "doing"),
        ("龙泉街道", S, "车站路出租车乱停乱靠", "龙泉城管中队", "done"),
        ("龙泉街道", H, "车站路沿线乱贴小广告", "龙泉街道环卫所", "done"),
        ("龙泉街道", S, "龙泉路洗车店占道洗车", "龙泉城管中队", "done"),
    ]
    word = {"done": "已整改到位", "doing": "正在整改"}
    prog = {"done": ["督察当日已责令整改并复查到位", "已清理完毕，复查合格", "已完成整改，建立日常巡查台账"],
            "doing": ["已下达整改通知书，正在履行拆除程序", "已约谈当事人，正在整改", "已落实专人盯守，正在整改"]}
    rows, last = [], None
    for k, (street, kind, what, unit, st) in enumerate(data, 1):
        if street != last:
            rows.append({"title": street})
            last = street
        rows.append([str(k), kind, what, unit, d.rng.choice(prog[st]), word[st]])
    status = {k: STATUS_OF[row[-1]] for k, row in enumerate(data, 1)}
    n, done, doing = len(data), seqs(data, "done"), seqs(data, "doing")
    per_street = Counter(row[0] for row in data)
    per_kind = Counter(row[1] for row in data)
    ads = [k for k in doing if "户外广告" in data[k - 1][2] or "落地广告" in data[k - 1][2]]
    d.sum_(n, [len(done), len(doing)], "处")
    d.sum_(n, [per_street["城北街道"], per_street["梅溪街道"], per_street["龙泉街道"]], "处")
    d.sum_(n, [per_kind[H], per_kind[S]], "处")
    assert per_street["梅溪街道"] == per_street["龙泉街道"]
    d.claim("total", n, f"{n}处", status, "处")
    d.claim("count", ("completed", len(done)), f"{len(done)}处", status, "处")
    d.claim("count", ("on_track", len(doing)), f"{len(doing)}处", status, "处")
    for it in ads:
        d.claim("named", (it, "on_track"), f"{it}", status, "处")
    d.para(f"10月下旬，县城市管理局组织督察大队，对城区{c(3)}个街道的市容秩序和环境卫生开展了交叉督察。现将督察"
           "情况通报如下。")
    d.para(f"本轮督察共发现问题{c(n)}处（问题清单见附件），其中已整改{c(len(done))}处，占{p(len(done), n)}；正在整改"
           f"{c(len(doing))}处，占{p(len(doing), n)}。")
    d.para(f"分街道看，城北街道问题最多，有{c(per_street['城北街道'])}处；梅溪街道和龙泉街道各"
           f"{c(per_street['梅溪街道'])}处。从问题类型看，市容秩序类{c(per_kind[S])}处，环境卫生类{c(per_kind[H])}处。")
    items = "、".join(i(k) for k in ads)
    d.para(f"正在整改的问题中，第{items}号涉及临街门店违规设置户外广告，需依法履行拆除程序，由各城管中队跟踪落实。")
    d.para("督察发现，个别街道对背街小巷和城郊结合部关注不够，日常巡查存在盲区；部分问题整改后出现反弹。各街道要"
           "建立问题台账，落实“日巡查、周通报、月考评”机制，巩固整治成效。")
    d.annexes.append(annex(1, "10月份城区市容环境交叉督察问题清单",
                           ["序号", "问题类型", "问题点位及描述", "整改责任单位", "整改情况", "状态"], rows,
                           {"seq": 0, "target": [2], "units": 3, "progress": 4, "status": 5},
                           [1, 2, 6, 3, 5, 2]))
    return d


def c_fengyang():
    """no annex; the problem types (58+41+22+27+19+17 = 184) fall short of the total 186."""
    d = Doc("chengguan-fengyang-2024-02", "枫阳县城乡环境综合整治领导小组办公室", "枫环治办〔2024〕3号",
            "关于春节前城乡环境综合整治督查情况的通报", "2024年2月6日")
    c, p = d.c, d.p
    types = {"生活垃圾乱堆乱倒": 58, "占道经营": 41, "乱搭乱建": 22, "乱贴乱画": 27, "河道沟渠漂浮物": 19, "其他问题": 17}
    stated, fixed = 186, 171
    d.sum_(stated, list(types.values()), "处")
    d.para(f"为营造干净整洁的节日环境，1月下旬，县城乡环境综合整治领导小组办公室组织{c(4)}个督查组，对全县{c(11)}个"
           "乡镇（街道）城乡环境综合整治工作进行了暗访督查。现将督查情况通报如下。")
    d.para("一、督查发现的问题")
    listing = "，".join(f"{k}{c(v)}处" for k, v in types.items())
    d.para(f"本次暗访共发现各类问题{c(stated)}处，按问题类型分：{listing}。生活垃圾乱堆乱倒问题最为突出，占问题总数的"
           f"{p(types['生活垃圾乱堆乱倒'], stated)}。")
    d.para(f"问题较多的乡镇是石塘镇（{c(24)}处）、河西街道（{c(21)}处）和柳溪乡（{c(19)}处），主要集中在集镇农贸市场"
           "周边和国省道沿线。")
    d.para("二、整改落实情况")
    d.para(f"督查发现的问题已全部交办属地乡镇（街道），截至2月4日，已整改{c(fixed)}处，整改率{p(fixed, stated)}。暗访期间，"
           "督查组还随机走访群众近百人，群众对春节前环境整治工作总体满意。")
    d.para("三、工作要求")
    d.para("各乡镇（街道）要对照问题清单，举一反三开展自查自纠，春节期间落实保洁人员在岗值守，确保节日期间城乡环境"
           "干净整洁。")
    return d


def c_hongqiao():
    """no annex; one line per town (score, problems, rectified, rate), totals that add up; one
    town's rate wrong (20/25 printed 84.0%)."""
    d = Doc("chengguan-hongqiao-2023-05", "红桥县城市管理委员会办公室", "红城管委办〔2023〕11号",
            "关于4月份城乡环境卫生考评情况的通报", "2023年5月10日")
    c, p = d.c, d.p
    towns = [("马溪镇", "93.6", 18, 17, None), ("青岗镇", "91.2", 21, 19, None), ("龙潭镇", "88.5", 25, 20, "84.0%"),
             ("白鹤乡", "87.9", 23, 21, None), ("双河镇", "85.4", 29, 25, None), ("石板镇", "83.0", 31, 26, None),
             ("仁和乡", "80.7", 33, 29, None), ("太和镇", "78.2", 34, 30, None)]
    found = sum(t[2] for t in towns)
    fixed = sum(t[3] for t in towns)
    d.sum_(found, [t[2] for t in towns], "处")
    d.sum_(fixed, [t[3] for t in towns], "处")
    d.para(f"4月份，县城市管理委员会办公室按照城乡环境卫生考评办法，对全县{c(len(towns))}个乡镇的集镇区、主要道路和"
           "村庄环境卫生进行了考评。现将考评情况通报如下。")
    d.para("一、考评总体情况")
    d.para(f"本月共考评集镇{c(len(towns))}个、行政村{c(32)}个、道路{c(26)}条，发现各类问题{c(found)}处，已整改{c(fixed)}处，"
           f"整改率{p(fixed, found)}。")
    d.para("二、各乡镇考评结果（按得分排序）")
    lines = "；".join(f"{name}{score}分，发现问题{c(f)}处，已整改{c(x)}处，整改率{p(x, f, bad=bad)}"
                      for name, score, f, x, bad in towns)
    d.para(lines + "。")
    d.para("综合得分排名后三位的是石板镇、仁和乡和太和镇，由县城管委办约谈其分管负责人。")
    d.para("三、存在问题")
    d.para("部分乡镇集镇区背街小巷保洁不到位，垃圾收集点周边脏乱；个别村庄存在柴草乱堆、畜禽散养等问题。")
    d.para("四、工作要求")
    d.para("各乡镇要对照考评发现的问题，5月15日前整改到位并报送整改报告；考评结果将纳入年度绩效考核。")
    return d


def c_yanxi():
    """docx annex: a score table of the 14 towns (no status column), clean; the narrative's totals
    are the column sums, the bottom three's share of a base stated earlier."""
    d = Doc("chengguan-yanxi-2024-09", "岩溪县城乡环境综合整治领导小组办公室", "岩环治办〔2024〕8号",
            "关于8月份全县城乡环境综合整治考评结果的通报", "2024年9月6日")
    c, p = d.c, d.p
    towns = [("城关街道", "96.3", 12, 12), ("东城街道", "94.8", 15, 14), ("岩溪镇", "93.5", 11, 10),
             ("西城街道", "92.1", 18, 16), ("青山镇", "90.7", 14, 12), ("马头镇", "89.4", 16, 14),
             ("长岭镇", "88.2", 13, 11), ("石门镇", "87.6", 19, 16), ("杨柳镇", "86.0", 17, 14),
             ("水口镇", "84.3", 21, 17), ("大坪乡", "82.9", 15, 12), ("白云乡", "80.5", 22, 17),
             ("高峰乡", "78.1", 24, 17), ("桃林乡", "75.6", 26, 18)]
    found = sum(t[2] for t in towns)
    fixed = sum(t[3] for t in towns)
    d.sum_(found, [t[2] for t in towns], "处")
    rows = [[str(k), name, score, str(f), str(x), pct(x, f)] for k, (name, score, f, x) in enumerate(towns, 1)]
    top, bottom = towns[:3], towns[-3:]
    b_found = sum(t[2] for t in bottom)
    last = towns[-1]
    d.claim("total", len(towns), f"{len(towns)}个", {k: "none" for k in range(1, len(towns) + 1)}, "个")
    d.para(f"按照全县城乡环境综合整治考评办法，8月下旬，县城乡环境综合整治领导小组办公室组织考评组，对全县"
           f"{c(len(towns))}个乡镇（街道）城乡环境综合整治工作进行了考评，考评结果见附件。现将有关情况通报如下。")
    d.para(f"本次考评共发现问题{c(found)}处，截至9月5日已整改{c(fixed)}处，整改率{p(fixed, found)}。")
    fmt = lambda ts: "、".join(f"{t[0]}（{t[1]}分）" for t in ts[:-1]) + f"和{ts[-1][0]}（{ts[-1][1]}分）"
    d.para(f"综合得分排名前三位的是{fmt(top)}；排名后三位的是{fmt(bottom)}。")
    d.para(f"排名后三位的乡镇共发现问题{c(b_found)}处，占全县问题总数的{p(b_found, found)}。其中{last[0]}发现问题"
           f"{c(last[2])}处，仅整改{c(last[3])}处，整改率{p(last[3], last[2])}，为全县最低。")
    d.para("从考评情况看，排名靠后的乡镇普遍存在集镇区保洁标准不高、村庄垃圾收集设施不足、河道沟渠清理不及时等"
           "问题。各乡镇（街道）要对照考评反馈的问题清单，立行立改；县城乡环境综合整治领导小组办公室将对排名靠后的"
           "乡镇开展跟踪督查，考评结果纳入年度绩效考核。")
    d.annexes.append(annex(1, "8月份全县城乡环境综合整治考评得分及排名",
                           ["排名", "乡镇（街道）", "综合得分", "发现问题（处）", "已整改（处）", "整改率"], rows,
                           {"seq": 0, "target": [1], "completion": 5}, [1, 3, 2, 2, 2, 2], orientation="portrait"))
    return d


DOCS = [z_qingxi, z_baisha, z_yuntai, z_jinshi, z_shiqiao, z_heshan, z_lianhua,
        a_liuhe, a_xinghe, a_taiping, a_lushan, a_shuangxi, a_yanhu, a_fengyuan,
        c_nanhu, c_jinsha, c_taoxi, c_meixi, c_fengyang, c_hongqiao, c_yanxi]


# =============================================================================================
# writing and checking
# =============================================================================================

class _Dumper(yaml.SafeDumper):
    """Block style, except short lists of scalars (counts, shares, table rows) in flow style."""

    def represent_list(self, data):
        flow = all(not isinstance(x, (list, dict)) for x in data) and all(len(str(x)) <= 60 for x in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)


def write(d: Doc) -> Path:
    path = OUT / f"{d.name}.yaml"
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# written by corpus/genres/gen_d.py ({d.genre}); edit the generator, not this file\n")
        yaml.dump(d.source(), f, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                  default_flow_style=False)
    return path


def _vocab():
    pairs = []
    for path in (HERE.parent / "vocabulary.yaml", HERE / "vocabulary-d.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs += [(_norm(w), st) for st, words in data["statuses"].items() for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _norm(t: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t or ""))


def _figures(piece: str) -> list[str]:
    """The Arabic figures of a piece that should be in its statement: not dates, scores, 24小时,
    approximate counts."""
    t = _norm(piece)
    t = re.sub(r"\d+(?:\.\d+)?(?=[年月日分]|小时)", "", t)
    t = re.sub(r"(约|近|超过)\d+", "", t)
    t = re.sub(r"\d+(?=余|多)", "", t)
    return sorted(re.findall(r"\d+(?:\.\d+)?%?", t))


def check(docs: list[Doc]) -> list[str]:
    problems = []
    vocab = _vocab()

    def status_of(raw):
        t = _norm(raw)
        return next((st for w, st in vocab if w and t.startswith(w)), "unknown")

    for d in docs:
        name = d.name
        src = yaml.safe_load((OUT / f"{name}.yaml").read_text(encoding="utf-8"))
        body = src["body"]
        by_text = {s["text"]: s for s in src["statements"]}
        for s in src["statements"]:
            if not any(s["text"] in par for par in body):
                problems.append(f"{name}: statement not in body: {s['text']}")
            if not s["text"].endswith(("。", "；")):
                problems.append(f"{name}: statement not cut at 。/；: {s['text']}")
            for v in s["shares"] + s["amounts"]:
                if v not in s["text"]:
                    problems.append(f"{name}: {v} not in {s['text']}")
        # every Arabic figure of every piece is listed, and nothing else
        for par in body:
            for piece in split_pieces(par):
                s = by_text.get(piece)
                want = []
                if s:
                    for n in s["counts"]:
                        if str(n) in _figures(piece):
                            want.append(str(n))
                        elif cn(n) not in piece:
                            problems.append(f"{name}: count {n} not printed in {piece}")
                    want += [_norm(x) for x in s["shares"]] + [str(x) for x in s["items"]]
                    want += [re.search(r"\d+(?:\.\d+)?", _norm(x)).group() for x in s["amounts"]]
                if sorted(want) != _figures(piece):
                    problems.append(f"{name}: figures {_figures(piece)} vs listed {sorted(want)} in {piece}")
        # annex tables
        text = "".join(body)
        for an in src["annexes"]:
            for tb in an["tables"]:
                ncol = len(tb["header"][0])
                roles = [c for v in tb["roles"].values() if v is not None and not isinstance(v, bool)
                         for c in (v if isinstance(v, list) else [v])]
                if len(tb["widths"]) != ncol or any(not 0 <= c < ncol for c in roles):
                    problems.append(f"{name}: widths or roles do not fit {ncol} columns")
                for row in tb["rows"]:
                    if isinstance(row, dict):
                        continue
                    text += "".join(row)
                    if len(row) != ncol:
                        problems.append(f"{name}: row {row[0]} has {len(row)} cells, header {ncol}")
                    st = tb["roles"].get("status")
                    if st is not None and status_of(row[st]) == "unknown":
                        problems.append(f"{name}: status {row[st]!r} not in the vocabularies")
        for f in src["expected_findings"]:
            if _norm(f["stated"]) not in _norm(text):
                problems.append(f"{name}: finding's stated {f['stated']} not in the document")
        # the expected findings, derived again from the recorded figures and the table
        derived = Counter()
        for part, base, dec, shown in d.shares:
            right = pct(part, base, dec)
            if _norm(shown) != right:
                kind = "percent_truncated" if _norm(shown) == pct(part, base, dec, ROUND_DOWN) else "percent_mismatch"
                derived[(kind, shown)] += 1
        for stated, parts in d.sums:
            if stated != sum(parts):
                derived[("sum_mismatch", None)] += 1
        if src["annexes"]:
            tb = src["annexes"][0]["tables"][0]
            recs = [r for r in tb["rows"] if not isinstance(r, dict)]
            sc = tb["roles"].get("status")
            by_seq = {int(r[0]): (status_of(r[sc]) if sc is not None else "none") for r in recs}
            for kind, key, stated in d.claims:
                if kind == "total" and key != len(recs):
                    derived[("total_vs_table", stated)] += 1
                elif kind == "count" and key[1] != sum(1 for v in by_seq.values() if v == key[0]):
                    derived[("count_vs_table", stated)] += 1
                elif kind == "named" and by_seq[key[0]] != key[1]:
                    derived[("named_item_status", stated)] += 1
        expected = Counter((f["kind"], None if f["kind"] == "sum_mismatch" else f["stated"])
                           for f in src["expected_findings"])
        if derived != expected:
            problems.append(f"{name}: findings {dict(expected)} but the figures give {dict(derived)}")
        if len(src["injections"]) != len(src["expected_findings"]):
            problems.append(f"{name}: {len(src['injections'])} injections, {len(src['expected_findings'])} findings")
    return problems


def main() -> int:
    OUT.mkdir(exist_ok=True)
    docs = [make() for make in DOCS]
    for d in docs:
        write(d)
    problems = check(docs)
    for pr in problems:
        print("PROBLEM", pr)
    by_genre = Counter(d.genre for d in docs)
    print(f"wrote {len(docs)} sources: {dict(by_genre)}; {sum(len(d.findings) for d in docs)} expected findings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
