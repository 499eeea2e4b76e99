#!/usr/bin/env python3
"""Genre corpus, helper c: 12345 热线 / 县长信箱 (rexian), 人大建议·政协提案 办理 (jianyi), 督办件 (duban).

    python corpus/genres/gen_c.py        # (re)writes corpus/genres/sources/{rexian,jianyi,duban}-*.yaml

Every document below holds its facts (counts per status, amounts, table rows), composes the narrative
from them and records, while composing, each relation a reader can check: a share is part/base, the
parts of one classification add up to their total, a stated count or numbered item agrees with the
annex table. The expected findings are derived from those relations by `Doc.derive`; each document
also declares the mistakes it injects (`inject`), and `check()` insists that both agree.
Shares are rounded half-up at the printed decimals (decimal). Nothing here reads rules/ or extract/.
"""
from __future__ import annotations

import random
import re
import sys
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "sources"
VOCAB_FILES = [HERE.parent / "vocabulary.yaml", HERE / "vocabulary-c.yaml"]
RNG = random.Random(20240515)

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
CN_DIGITS = "零一二三四五六七八九"

# status words of this helper's tables (also written to vocabulary-c.yaml)
MY_VOCAB = {
    "completed": ["已办结", "按期办结", "逾期办结"],
    "on_track": ["正在办理"],
    "behind": ["逾期未办结"],
    "preparing": ["列入计划逐步解决"],
}
DONE = ("已办结", "按期办结", "逾期办结")


def cn_num(n: int) -> str:
    """93 -> 九十三, 126 -> 一百二十六, 105 -> 一百零五 (n < 1000)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    head, rest = CN_DIGITS[n // 100] + "百", n % 100
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + CN_DIGITS[rest]
    return head + CN_DIGITS[rest // 10] + "十" + (CN_DIGITS[rest % 10] if rest % 10 else "")


def pct(part, base, dec: int, mode=ROUND_HALF_UP) -> Decimal:
    return (Decimal(part) * 100 / Decimal(base)).quantize(Decimal(1).scaleb(-dec), rounding=mode)


class Tok:
    """A figure inside a sentence: its printed text and what it is."""

    def __init__(self, text: str, kind: str, value=None):
        self.text, self.kind, self.value = text, kind, value


class Doc:
    def __init__(self, name, genre, header, style="arabic", annex_format="docx", inject=()):
        self.name, self.genre, self.header, self.style = name, genre, header, style
        self.annex_format = annex_format
        self.body: list[str] = []
        self.statements: list[dict] = []
        self.rels: list[tuple] = []
        self.annexes: list[dict] = []
        self.declared = list(inject)          # [(kind, stated)] the mistakes written in on purpose

    # ---- figures ----------------------------------------------------------------------------
    def num(self, v: int) -> str:
        if self.style == "cn":
            return cn_num(v)
        if self.style == "fw":
            return str(v).translate(FW)
        return str(v)

    def n(self, v: int, unit="件") -> Tok:
        return Tok(self.num(v) + unit, "count", v)

    def ptext(self, d: Decimal) -> str:
        t = f"{d}%"
        return t.translate(FW) if self.style == "fw" else t

    def p(self, part, base, dec=1, how="ok", pre="", post="") -> Tok:
        """A share part/base printed at `dec` decimals: right ("ok"), cut ("trunc"), or the digits given."""
        right = pct(part, base, dec)
        if how == "ok":
            val = right
        elif how == "trunc":
            val = pct(part, base, dec, ROUND_DOWN)
            assert val != right, (self.name, part, base)
        else:
            val = Decimal(how)
            assert val != right
        text = self.ptext(val)
        self.rels.append(("share", text, part, base, dec))
        return Tok(pre + text + post, "share", text)

    def pf(self, text) -> Tok:
        """A percentage whose part or base the text does not give (checked by nobody)."""
        text = text.translate(FW) if self.style == "fw" else text
        return Tok(text, "share", text)

    def amt(self, text) -> Tok:
        return Tok(text, "amount", text)

    def it(self, v: int) -> Tok:
        return Tok(self.num(v), "item", v)

    # ---- sentences ----------------------------------------------------------------------------
    def s(self, *parts) -> str:
        """One piece of a paragraph (up to its 。or ；); recorded as a statement if it has figures."""
        text = "".join(p.text if isinstance(p, Tok) else p for p in parts)
        assert text[-1] in "。；", text
        toks = [p for p in parts if isinstance(p, Tok)]
        if toks:
            self.statements.append({
                "text": text,
                "counts": [t.value for t in toks if t.kind == "count"],
                "shares": [t.value for t in toks if t.kind == "share"],
                "amounts": [t.value for t in toks if t.kind == "amount"],
                "items": [t.value for t in toks if t.kind == "item"],
            })
        return text

    def para(self, *pieces):
        self.body.append("".join(pieces))

    # ---- relations ----------------------------------------------------------------------------
    def total(self, stated: Tok, parts: list[int]):
        """The parts of one exhaustive classification must add to the stated total."""
        self.rels.append(("sum", stated.text, stated.value, list(parts)))

    def amount_total(self, stated: str, total_wan, parts_wan):
        self.rels.append(("amount_sum", stated, Decimal(total_wan), [Decimal(x) for x in parts_wan]))

    def tab_total(self, stated: Tok, rows):
        self.rels.append(("tab_total", stated.text, stated.value, rows))

    def tab_count(self, stated: Tok, rows, statuses, label):
        """A stated count of the rows whose status cell is one of `statuses`."""
        self.rels.append(("tab_count", stated.text, stated.value, rows, tuple(statuses), label))

    def tab_item(self, stated: str, no: int, rows, statuses, label):
        self.rels.append(("tab_item", stated, no, rows, tuple(statuses), label))

    # ---- annex --------------------------------------------------------------------------------
    def annex(self, title, header, widths, roles, rows, status_col, orientation="landscape"):
        self.annexes.append({
            "no": 1, "title": title, "orientation": orientation,
            "tables": [{"name": "", "caption": False, "repeat_header": True, "widths": widths,
                        "header": [header], "roles": roles, "rows": rows}],
        })
        return [r[status_col] for r in rows]          # the status cells, for the relations

    # ---- truth --------------------------------------------------------------------------------
    def fmt_count(self, v: int, unit="件") -> str:
        return self.num(v) + unit

    def derive(self) -> list[dict]:
        out = []
        for rel in self.rels:
            kind = rel[0]
            if kind == "share":
                _, text, part, base, dec = rel
                printed = Decimal(unicodedata.normalize("NFKC", text).rstrip("%"))
                right, cut = pct(part, base, dec), pct(part, base, dec, ROUND_DOWN)
                if printed != right:
                    k = "percent_truncated" if printed == cut else "percent_mismatch"
                    exact = (Decimal(part) * 100 / Decimal(base)).quantize(Decimal("0.001"))
                    out.append({"kind": k, "stated": text, "computed": self.ptext(right),
                                "note": f"{part}/{base} = {exact}%, printed {text}"})
            elif kind == "sum":
                _, text, total, parts = rel
                if sum(parts) != total:
                    out.append({"kind": "sum_mismatch", "stated": text,
                                "computed": self.fmt_count(sum(parts)),
                                "note": " + ".join(map(str, parts)) + f" = {sum(parts)}, stated {total}"})
            elif kind == "amount_sum":
                _, text, total, parts = rel
                if sum(parts) != total:
                    out.append({"kind": "sum_mismatch", "stated": text, "computed": f"{sum(parts)}万元",
                                "note": f"parts add to {sum(parts)}万元, stated {total}万元"})
            elif kind == "tab_total":
                _, text, v, rows = rel
                if v != len(rows):
                    out.append({"kind": "total_vs_table", "stated": text, "computed": self.fmt_count(len(rows)),
                                "note": f"annex 1 has {len(rows)} rows, the text says {v}"})
            elif kind == "tab_count":
                _, text, v, rows, sts, label = rel
                m = sum(1 for r in rows if r in sts)
                if v != m:
                    out.append({"kind": "count_vs_table", "stated": text, "computed": self.fmt_count(m),
                                "note": f"annex 1 has {m} rows {label}, the text says {v}"})
            elif kind == "tab_item":
                _, text, no, rows, sts, label = rel
                if rows[no - 1] not in sts:
                    out.append({"kind": "named_item_status", "stated": text, "computed": rows[no - 1],
                                "note": f"item {no} is said to be {label}; annex 1 row {no} is {rows[no - 1]}"})
        return out

    def source(self) -> dict:
        findings = self.derive()
        src = {"name": self.name, "genre": self.genre, "annex_format": self.annex_format,
               "header": self.header, "body": self.body}
        if self.annexes:
            src["annex_list"] = True
        src.update({"annexes": self.annexes, "statements": self.statements,
                    "expected_findings": findings,
                    "injections": [f"{f['kind']}: {f['note']}" for f in findings]})
        return src


# =============================================================================================
# Item pools for the annex tables ({p} = 县/市, {t} = a town of the place)
# =============================================================================================

REXIAN_POOL = [
    ("{t}滨河小区二次供水设备老化，高层住户长期水压不足", "{p}水务公司"),
    ("城南环路路灯大面积不亮，夜间出行存在安全隐患", "{p}城管局"),
    ("城区某商住楼工地夜间违规施工，噪音扰民", "{p}住建局"),
    ("某安置房项目拖欠农民工工资", "{p}人社局"),
    ("某小区物业服务不到位，电梯频繁故障", "{p}住建局"),
    ("{t}至县城农村客运班线停运，群众出行不便", "{p}交通运输局"),
    ("{t}某村通组道路塌方，车辆无法通行", "{t}"),
    ("农贸市场周边占道经营、油烟扰民", "{p}城管局"),
    ("滨江安置小区不动产权证迟迟未办理", "{p}自然资源局"),
    ("县城第二小学周边上下学时段交通拥堵", "{p}公安局交警大队"),
    ("{t}低保评定程序不公开", "{p}民政局"),
    ("城区东大街雨后积水严重", "{p}住建局"),
    ("异地就医备案办理不畅", "{p}医保局"),
    ("{t}某养殖场污水直排河道", "市生态环境局{p}分局"),
    ("{t}集镇垃圾清运不及时", "{t}"),
    ("健身房闭店，会员预付卡无法退费", "{p}市场监管局"),
    ("农村宅基地审批时间过长", "{p}自然资源局"),
    ("燃气管道改造后路面长期未恢复", "{p}燃气公司"),
    ("城区多个公交站台损毁未修复", "{p}交通运输局"),
    ("民办幼儿园收费项目不规范", "{p}教体局"),
    ("{t}河段夜间非法采砂", "{p}水利局"),
    ("{t}电力线路老化，频繁停电", "{p}供电公司"),
    ("{t}某村饮用水源受到污染", "{p}水利局"),
    ("山体滑坡隐患威胁沿线住户安全", "{p}应急管理局"),
    ("灵活就业人员社保缴费年限认定有误", "{p}人社局"),
    ("老旧小区改造施工影响居民出行", "{p}住建局"),
]
REXIAN_PROGRESS = {
    "已办结": ["问题已解决，已电话回访诉求人", "已处理完毕，群众表示满意", "已书面答复诉求人并回访"],
    "正在办理": ["已制定处置方案，正在组织实施", "已约谈相关企业，正在协调解决", "已进场处置，预计下月完成"],
    "进展滞后": ["涉及资金筹措，尚未实质推进", "多部门协调难度较大，进度迟缓"],
    "列入计划逐步解决": ["属历史遗留问题，已列入明年计划", "需纳入片区改造统筹解决，已列入计划"],
}

DUBAN_POOL = [
    ("推进城区农贸市场改造提升", "{p}商务局"),
    ("解决{t}村组道路硬化遗留问题", "{t}"),
    ("清理拖欠中小企业账款", "{p}财政局"),
    ("加快安置小区不动产权证办理", "{p}自然资源局"),
    ("完成{p}城污水处理厂提标改造", "{p}住建局"),
    ("整治国道沿线环境卫生", "{p}交通运输局"),
    ("推进高标准农田建设项目", "{p}农业农村局"),
    ("处理群众反映的{t}砂石厂粉尘污染问题", "市生态环境局{p}分局"),
    ("落实义务教育学校课后服务", "{p}教体局"),
    ("推进城区公共停车场建设", "{p}城管局"),
    ("完成{p}医院新院区竣工验收", "{p}卫健局"),
    ("解决{t}农村饮水工程季节性缺水问题", "{p}水利局"),
    ("推进电商产业园招商入驻", "{p}商务局"),
    ("消除{t}危桥安全隐患", "{p}交通运输局"),
    ("落实秸秆禁烧与综合利用", "{t}"),
    ("开展城镇燃气安全专项整治", "{p}住建局"),
    ("化解重复信访积案", "{p}信访局"),
    ("做好汛前防汛物资储备", "{p}应急管理局"),
    ("补齐乡镇卫生院医疗设备短板", "{p}卫健局"),
    ("推进城区老旧小区改造", "{p}住建局"),
    ("解决{t}集镇供电不稳问题", "{p}供电公司"),
    ("整改{p}级预算执行审计反馈问题", "{p}财政局"),
    ("落实就业补贴发放", "{p}人社局"),
    ("规范校外培训机构管理", "{p}教体局"),
    ("推进{t}河道清淤疏浚", "{p}水利局"),
    ("完成地质灾害隐患点避险搬迁", "{p}自然资源局"),
    ("加快{p}城供水管网改造", "{p}水务公司"),
    ("推进农村户厕问题摸排整改", "{p}农业农村局"),
    ("解决企业项目用地手续办理问题", "{p}自然资源局"),
    ("推进政务服务“一网通办”", "{p}行政审批局"),
    ("开展食品安全监督抽检", "{p}市场监管局"),
    ("解决{t}中心小学校舍维修问题", "{p}教体局"),
    ("完成村级光伏电站收益分配", "{p}乡村振兴局"),
    ("整治城区流动摊贩占道经营", "{p}城管局"),
    ("开展货车超限超载治理", "{p}交通运输局"),
    ("推进公益性公墓建设", "{p}民政局"),
    ("落实{t}人居环境整治问题整改", "{t}"),
    ("推进森林防火视频监控建设", "{p}林业局"),
]
DUBAN_PROGRESS = {
    "按期办结": ["已按时限完成，办结报告已报送", "已完成并通过现场核查", "事项已落实，资料已归档"],
    "逾期办结": ["超过办理时限后完成，已书面说明原因", "已完成，较规定时限延迟办结"],
    "已办结": ["已完成，经核查符合要求", "已办结并报送办理结果"],
    "正在办理": ["已制定实施方案，正在推进", "已完成阶段性任务，正在加快推进", "正在协调解决，预计下月完成"],
    "逾期未办结": ["已超过办理时限，尚未完成", "资金未落实，超期未完成"],
}
# deadlines by status, for a report as of the end of April (ningshan) or of September (xunyang)
DEADLINES_APR = {"按期办结": ["3月31日前", "4月15日前", "4月30日前"], "逾期办结": ["3月15日前", "3月31日前"],
                 "逾期未办结": ["3月31日前", "4月15日前"], "正在办理": ["5月31日前", "6月30日前"]}
DEADLINES_SEP = {"按期办结": ["8月31日前", "9月15日前", "9月30日前"], "逾期办结": ["8月15日前", "8月31日前"],
                 "逾期未办结": ["8月31日前", "9月15日前"], "正在办理": ["10月31日前", "11月30日前"]}

JIANYI_POOL = [
    ("关于加强农村饮水安全保障的建议", "{p}水利局"),
    ("关于加快城区停车设施建设的建议", "{p}住建局"),
    ("关于提升乡镇卫生院服务能力的建议", "{p}卫健局"),
    ("关于完善农村客运网络的建议", "{p}交通运输局"),
    ("关于扶持特色农产品品牌建设的建议", "{p}农业农村局"),
    ("关于规范城区夜市管理的建议", "{p}城管局"),
    ("关于加快老旧小区改造的建议", "{p}住建局"),
    ("关于加强中小学心理健康教育的建议", "{p}教体局"),
    ("关于推进农村生活污水治理的建议", "市生态环境局{p}分局"),
    ("关于优化企业开办流程的建议", "{p}行政审批局"),
    ("关于加大返乡创业扶持力度的建议", "{p}人社局"),
    ("关于完善村级养老服务设施的建议", "{p}民政局"),
    ("关于加快乡村旅游公路建设的建议", "{p}交通运输局"),
    ("关于加强耕地保护和撂荒地整治的建议", "{p}农业农村局"),
    ("关于解决偏远村组手机信号弱问题的建议", "{p}工信局"),
    ("关于加强非物质文化遗产保护传承的建议", "{p}文旅局"),
    ("关于推进县域医共体建设的建议", "{p}卫健局"),
    ("关于加强校园周边食品安全监管的建议", "{p}市场监管局"),
    ("关于完善城区排水管网的建议", "{p}住建局"),
    ("关于加大林下经济扶持力度的建议", "{p}林业局"),
    ("关于规范物业服务收费的建议", "{p}发改局"),
    ("关于加强地质灾害防治的建议", "{p}自然资源局"),
    ("关于提高农村学校教师待遇的建议", "{p}教体局"),
    ("关于建设城区公共充电设施的建议", "{p}发改局"),
    ("关于加快农产品冷链物流建设的建议", "{p}商务局"),
    ("关于支持民营企业融资的建议", "{p}金融办"),
    ("关于加强河道采砂管理的建议", "{p}水利局"),
    ("关于推进全民健身设施建设的建议", "{p}教体局"),
]
JIANYI_PROGRESS = {
    "已办结": ["已答复代表，所提问题已解决", "已答复，相关工作已纳入年度计划并实施", "已办复，代表表示满意"],
    "正在办理": ["已与代表面商，正在落实", "方案已制定，正在争取资金", "已启动前期工作，正在推进"],
    "进展滞后": ["涉及跨部门协调，推进较慢", "资金来源尚未落实，进度滞后"],
}
SURNAMES = "张王李刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓彭"
GIVEN = ["建华", "志强", "秀英", "海燕", "国平", "晓东", "丽娟", "永红", "明辉", "春梅", "德军", "玉兰",
         "文斌", "小平", "红霞", "世勇", "金凤", "光明", "继承", "雪梅"]


def person() -> str:
    return RNG.choice(SURNAMES) + RNG.choice(GIVEN)


def pick(pool, k, prefix, towns, fixed=None):
    """k rows [text, unit] from the pool (one town per row for both); fixed = {row: unit} puts on that
    row an item of the pool that this unit handles."""
    fixed = fixed or {}
    rest = list(pool)
    RNG.shuffle(rest)
    chosen = {}
    for row, unit in sorted(fixed.items()):
        town = unit if unit in towns else None
        entry = next(e for e in rest if (e[1] == "{t}" if town else e[1].format(p=prefix, t="") == unit))
        rest.remove(entry)
        chosen[row] = (entry, town)
    out = []
    for i in range(1, k + 1):
        (text, unit), town = chosen[i] if i in chosen else (rest.pop(), None)
        town = town or RNG.choice(towns)
        out.append([text.format(p=prefix, t=town), unit.format(p=prefix, t=town)])
    return out


def statuses(n, counts: dict, fixed: dict | None = None) -> list[str]:
    """n status cells: `counts` of each word, rows in `fixed` ({row: word}) pinned, the rest shuffled."""
    fixed = fixed or {}
    rest = []
    for word, c in counts.items():
        rest += [word] * (c - sum(1 for w in fixed.values() if w == word))
    assert len(rest) + len(fixed) == n, (n, counts, fixed)
    RNG.shuffle(rest)
    it = iter(rest)
    return [fixed.get(i) or next(it) for i in range(1, n + 1)]


# =============================================================================================
# rexian: 12345 热线 / 县长信箱
# =============================================================================================

def rexian_langao():
    d = Doc("rexian-langao-2024-04", "rexian",
            {"issuer": "岚皋县人民政府督查室", "doc_number": "岚政督通〔2024〕9号",
             "title": "关于2024年3月份12345政务服务便民热线诉求办理情况的通报", "date": "2024年4月8日"})
    total = d.n(1846)
    cats = [("咨询类", 612), ("求助类", 538), ("投诉类", 455), ("建议类", 97), ("其他类", 144)]
    d.para("为进一步提升热线诉求办理质效，现将2024年3月份全县12345政务服务便民热线诉求办理情况通报如下。")
    d.para("一、总体情况")
    d.para(d.s("3月份，县12345热线共受理群众各类诉求", total, "，较上月增加", d.n(112), "。"),
           "其中，反映供水、供电问题的诉求明显增多，重复来电仍有200余件。")
    pieces = []
    for i, (c, v) in enumerate(cats):
        head = "按诉求类型分：" if i == 0 else ""
        end = "。" if i == len(cats) - 1 else "；"
        pieces.append(d.s(head, c, d.n(v), "，占", d.p(v, 1846, 2), end))
    d.total(total, [v for _, v in cats])
    d.para(*pieces)
    direct, sent, done = 703, 1143, 1121
    d.para(d.s("从办理方式看，热线直接答复", d.n(direct), "，转派承办单位办理", d.n(sent), "。"),
           d.s("转派件中，已办结", d.n(done), "，办结率", d.p(done, sent, 2), "，其余", d.n(sent - done),
               "均在办理时限内。"))
    d.total(total, [direct, sent])
    d.total(Tok(f"{sent}件", "count", sent), [done, sent - done])
    visits, sat, basic = 980, 903, 52
    d.para(d.s("全月回访群众", d.n(visits, "人次"), "，其中表示满意的", d.n(sat, "人次"), "、基本满意的",
               d.n(basic, "人次"), "，两项合计", d.n(sat + basic, "人次"), "，综合满意率",
               d.p(sat + basic, visits, 2), "。"))
    d.total(Tok(f"{sat + basic}人次", "count", sat + basic), [sat, basic])
    d.para("二、各单位办理情况")
    d.para(d.s("从承办量看，县住建局（", d.n(164), "）、县城管局（", d.n(131), "）、县人社局（", d.n(97),
               "）位居前三。"),
           d.s("县教体局、县医保局、四季镇等", d.n(21, "个单位"), "按期办结率、满意率均达到", d.pf("100%"), "；"),
           d.s("城关镇、佐龙镇、县供电公司", d.n(3, "个单位"), "出现超期件，合计超期", d.n(9), "。"))
    d.para("三、存在问题")
    d.para("一是部分单位对转派工单签收不及时，个别工单临近时限才开始办理。二是少数答复内容简单套用政策条文，"
           "群众反映的实际问题没有得到解决。")
    d.para("四、下步工作")
    d.para("各承办单位要落实“首接负责、限时办结”要求，对超期工单逐件说明原因，县政府督查室将对不满意工单"
           "开展回访抽查，并将办理情况纳入年度目标责任考核。")
    return d


def rexian_shiquan():
    d = Doc("rexian-shiquan-2023-11", "rexian",
            {"issuer": "石泉县人民政府督查室", "doc_number": "石政督通〔2023〕21号",
             "title": "关于10月份县长信箱及12345热线重点诉求督办情况的通报", "date": "2023年11月3日"},
            inject=[("count_vs_table", "12件")])
    towns = ["城关镇", "池河镇", "后柳镇", "喜河镇", "饶峰镇", "两河镇", "迎丰镇", "中池镇"]
    fixed_units = {3: "县住建局", 8: "池河镇", 15: "县交通运输局"}
    rows = pick(REXIAN_POOL, 18, "县", towns, fixed_units)
    sts = statuses(18, {"已办结": 11, "正在办理": 4, "进展滞后": 3},
                   {3: "进展滞后", 8: "进展滞后", 15: "进展滞后"})
    table = [[str(i), text, unit, RNG.choice(REXIAN_PROGRESS[st]), st]
             for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("石泉县10月份12345热线重点诉求督办情况表", ["序号", "诉求内容", "责任单位", "办理情况", "办理状态"],
                  [1, 6, 3, 6, 2], {"seq": 0, "target": [1], "units": 2, "progress": 3, "status": 4}, table, 4)
    d.para("为推动群众急难愁盼问题及时解决，县政府督查室对10月份县长信箱和12345热线重点诉求办理情况进行了"
           "跟踪督办，现将有关情况通报如下。")
    d.para("一、县长信箱办理情况")
    d.para(d.s("10月份，县长信箱共收到群众来信", d.n(86, "封"), "。"),
           d.s("经甄别，受理有效诉求", d.n(79), "，因重复反映、内容不明等原因不予受理", d.n(7), "。"),
           d.s("受理的", d.n(79), "诉求已全部按期回复，回复率", d.p(79, 79, 0), "。"))
    d.para("二、12345热线重点诉求督办情况")
    n18 = d.n(18)
    done = d.n(12)
    d.para(d.s("本月从热线工单中梳理出群众反映集中的重点诉求", n18, "，实行挂牌督办（详见附件）。"),
           d.s("截至10月31日，", d.n(18), "重点诉求中，已办结", done, "，占", d.p(12, 18, 1), "；"),
           d.s("其余事项正在加紧办理，其中县住建局承办的第", d.it(3), "件、池河镇承办的第", d.it(8),
               "件、县交通运输局承办的第", d.it(15), "件进展滞后。"))
    d.tab_total(n18, col)
    d.tab_count(done, col, DONE, "已办结")
    for no in (3, 8, 15):
        d.tab_item(f"第{no}件", no, col, ("进展滞后", "逾期未办结"), "进展滞后")
    d.para("三、存在问题")
    d.para("部分承办单位答复内容空泛，以“已转相关部门”代替实际办理；个别诉求反复出现，城区某小区供水问题"
           "本月重复来电30余次。")
    d.para("四、下步工作")
    d.para("对进展滞后的诉求，县政府督查室将实行“一周一调度”，责任单位要明确办结时限，逐件销号；对群众"
           "不满意的工单，一律退回重办。")
    return d


def rexian_hanyin():
    d = Doc("rexian-hanyin-2024-07", "rexian",
            {"issuer": "汉阴县人民政府督查室", "doc_number": "汉政督通〔2024〕14号",
             "title": "关于2024年二季度12345热线工单办理情况的通报", "date": "2024年7月9日"},
            inject=[("percent_truncated", "5.5%")])
    total = 4217
    cats = [("投诉类", 1563, "ok"), ("求助类", 1288, "ok"), ("咨询类", 972, "ok"), ("建议类", 236, "trunc"),
            ("举报类", 158, "ok")]
    d.para("按照县政府要求，县政府督查室会同县热线中心对二季度全县12345热线工单办理情况进行了梳理分析，"
           "现通报如下。")
    d.para("一、工单受理情况")
    parts = []
    for c, v, how in cats:
        parts += [c, d.n(v), d.p(v, total, 1, how, "（", "）"), "，"]
    t = d.n(total)
    d.para(d.s("二季度，县热线中心共接收工单", t, "，环比增长", d.pf("6.3%"), "。"),
           d.s("分类别看，", *parts[:-1], "。"))
    d.total(t, [v for _, v, _ in cats])
    towns, depts, direct = 1932, 2105, 180
    d.para(d.s("从承办主体看，各镇共承办", d.n(towns), "，县直部门承办", d.n(depts), "，县热线中心直接答复办结",
               d.n(direct), "。"))
    d.total(t, [towns, depts, direct])
    d.para("二、工单办理情况")
    d.para(d.s("全季度工单按期办结率", d.pf("99.2%"), "，群众满意率", d.pf("96.8%"), "，均高于全市平均水平。"),
           d.s("涧池镇、蒲溪镇、县人社局等", d.n(15, "个单位"), "按期办结率和满意率均为", d.pf("100%"), "。"),
           d.s("满意率排名靠后的", d.n(3, "个单位"), "分别为：县自然资源局（", d.pf("88.4%"), "）、漩涡镇（",
               d.pf("89.1%"), "）、县水利局（", d.pf("90.2%"), "）。"))
    d.para("三、存在问题")
    d.para("一是重复诉求较多，同一问题多次来电的工单达300余件。",
           d.s("二是部分工单办理质量不高，二季度退单重办工单", d.n(47), "，较一季度增加", d.n(12), "。"))
    d.para("四、下步工作")
    d.para("各镇、各部门要建立重复诉求台账，逐件分析原因；对满意率排名靠后的单位，县政府督查室将约谈其"
           "分管负责同志。")
    return d


def rexian_pingli():
    """繁體 document."""
    d = Doc("rexian-pingli-2024-02", "rexian",
            {"issuer": "平利縣人民政府督查室", "doc_number": "平政督通〔2024〕3號",
             "title": "關於2024年1月份12345熱線訴求辦理情況的通報", "date": "2024年2月6日"},
            inject=[("sum_mismatch", "985件")])
    t = d.n(985)
    cats = [("諮詢類", 388), ("求助類", 301), ("投訴類", 246), ("建議類", 41)]   # add to 976
    d.para("為推動群眾訴求辦理提質增效，現將2024年1月份全縣12345政務服務便民熱線運行情況通報如下。")
    d.para("一、總體情況")
    d.para(d.s("1月份，縣12345熱線共受理群眾訴求", t, "。"),
           d.s("從訴求類別看，", *sum(([c, d.n(v), "，"] for c, v in cats), [])[:-1], "。"))
    d.total(t, [v for _, v in cats])
    direct, sent, done = 373, 612, 597
    d.para(d.s("受理的訴求中，熱線直接答覆", d.n(direct), "，轉派各承辦單位", d.n(sent), "。"),
           d.s("轉派件已辦結", d.n(done), "，辦結率", d.p(done, sent, 1), "；"),
           d.s("剩餘", d.n(sent - done), "均在辦理時限內。"))
    d.total(t, [direct, sent])
    d.para(d.s("全月回訪群眾", d.n(430, "人次"), "，滿意", d.n(411, "人次"), "，滿意率", d.p(411, 430, 1), "。"))
    d.para("二、存在問題")
    d.para(d.s("一是個別單位答覆敷衍，城關鎮、縣住建局各有", d.n(2), "工單被群眾評價為不滿意。"),
           d.s("二是超期件仍有發生，縣自然資源局、縣交通運輸局共超期", d.n(3), "。"))
    d.para("三、下步工作")
    d.para("各承辦單位要進一步壓實辦理責任，對不滿意工單逐件回頭看，確保群眾訴求件件有回音、事事有著落。")
    return d


def rexian_zhenping():
    d = Doc("rexian-zhenping-2024-10", "rexian",
            {"issuer": "镇坪县人民政府督查室", "doc_number": "镇政督通〔2024〕18号",
             "title": "关于三季度12345热线重点工单挂牌督办情况的通报", "date": "2024年10月9日"},
            annex_format="xlsx")
    towns = ["城关镇", "曾家镇", "牛头店镇", "钟宝镇", "上竹镇", "华坪镇", "曙坪镇"]
    rows = pick(REXIAN_POOL, 24, "县", towns)
    sts = statuses(24, {"已办结": 17, "正在办理": 5, "列入计划逐步解决": 2})
    table = [[str(i), unit, text, st, RNG.choice(REXIAN_PROGRESS[st])]
             for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("镇坪县三季度12345热线重点工单督办台账", ["序号", "承办单位", "工单内容", "办理状态", "办理结果"],
                  [1, 3, 6, 2, 6], {"seq": 0, "target": [2], "units": 1, "progress": 4, "status": 3}, table, 3)
    d.para("为切实解决群众反映强烈的突出问题，县政府督查室对三季度12345热线重点工单实行挂牌督办，现将"
           "办理情况通报如下。")
    d.para("一、热线运行总体情况")
    d.para(d.s("7月至9月，全县12345热线共受理群众诉求", d.n(5312), "，办结", d.n(5268), "，办结率",
               d.p(5268, 5312, 2), "；"),
           d.s("群众满意率", d.pf("97.3%"), "，较二季度提高0.8个百分点。"))
    d.para("二、重点工单督办情况")
    n24, done, doing, plan = d.n(24), d.n(17), d.n(5), d.n(2)
    d.para(d.s("县政府督查室从热线工单中筛选出群众反映集中、办理难度较大的重点工单", n24, "，实行挂牌督办"
               "（详见附件）。"),
           d.s("其中，涉及物业管理的", d.n(7), "，涉及房屋质量的", d.n(4), "，涉及道路交通的", d.n(5), "。"))
    d.para(d.s("截至9月30日，已办结", done, "，占比", d.p(17, 24, 1), "；"),
           d.s(doing, "正在办理；"),
           d.s("另有", plan, "因涉及历史遗留问题，已列入计划逐步解决。"))
    d.total(n24, [17, 5, 2])
    d.tab_total(n24, col)
    d.tab_count(done, col, DONE, "已办结")
    d.tab_count(doing, col, ("正在办理",), "正在办理")
    d.tab_count(plan, col, ("列入计划逐步解决",), "列入计划逐步解决")
    d.para("三、下步工作")
    d.para("对正在办理的重点工单，承办单位要每周报送进展；对列入计划的事项，要向群众做好解释说明，明确"
           "解决时限，防止矛盾反复。")
    return d


def rexian_baihe():
    d = Doc("rexian-baihe-2024-06", "rexian",
            {"issuer": "白河县人民政府督查室", "doc_number": "白政督通〔2024〕11号",
             "title": "关于1—5月份县长信箱和12345热线诉求办理情况的通报", "date": "2024年6月6日"},
            inject=[("percent_mismatch", "97.3%")])
    total, mail, phone, done = 6035, 418, 5617, 5912
    t = d.n(total)
    d.para("现将1—5月份全县县长信箱和12345热线诉求办理情况通报如下。")
    d.para("一、受理办理情况")
    d.para(d.s("1—5月份，全县累计受理群众诉求", t, "，其中县长信箱来信", d.n(mail), "、12345热线来电",
               d.n(phone), "。"),
           d.s("累计办结", d.n(done), "，办结率", d.p(done, total, 1, "97.3"), "；"),
           d.s("未办结的", d.n(total - done), "均在办理时限内。"),
           "日均受理诉求40余件，5月份受理量较4月份有所回落。")
    d.total(t, [mail, phone])
    d.total(t, [done, total - done])
    cats = [("城乡建设类", 1496), ("劳动社保类", 873), ("交通运输类", 642), ("市场监管类", 511), ("其他类", 2513)]
    d.para(d.s("按诉求内容分，", *sum(([c, d.n(v), "，"] for c, v in cats), [])[:-1], "。"),
           d.s("从诉求性质看，投诉类", d.n(2386), "，涉及企业的诉求", d.n(317), "。"))
    d.total(t, [v for _, v in cats])
    d.para("二、回访情况")
    d.para(d.s("县热线中心对已办结诉求回访", d.n(2210), "，群众满意", d.n(2136), "，满意率", d.p(2136, 2210, 1), "。"),
           d.s("办结率排名后三位的分别是卡子镇（", d.pf("91.2%"), "）、县自然资源局（", d.pf("92.5%"), "）、宋家镇（",
               d.pf("93.0%"), "）。"))
    d.para("三、存在问题")
    d.para("城乡建设类诉求居高不下，物业管理、房屋质量、拖欠工资等问题反复出现；部分单位对县长信箱来信"
           "答复不够及时。")
    d.para("四、下步工作")
    d.para("县政府督查室将对办结率排名靠后的单位进行专项督办，每月通报办理情况；各单位要对反复出现的问题"
           "建立清单，推动由“解决个案”向“解决一类问题”转变。")
    return d


# =============================================================================================
# jianyi: 人大代表建议 / 政协委员提案 办理
# =============================================================================================

def jianyi_luxi():
    d = Doc("jianyi-luxi-2023-12", "jianyi",
            {"issuer": "泸溪县人民政府督查室", "doc_number": "泸政督通〔2023〕27号",
             "title": "关于县十八届人大三次会议代表建议办理情况的通报", "date": "2023年12月12日"})
    total = 126
    t = d.n(total)
    d.para("根据县政府工作安排，县政府督查室对县十八届人大三次会议代表建议办理情况进行了全程跟踪督办，"
           "现将有关情况通报如下。")
    d.para("一、交办情况")
    d.para(d.s("县十八届人大三次会议期间，县人大代表共提出建议", d.n(134), "，经县人大常委会审查，交由县政府"
               "系统办理的", t, "，分别交", d.n(38, "个承办单位"), "办理。"))
    cats = [("农业农村方面", 41), ("城乡建设方面", 35), ("教科文卫方面", 28), ("财政经济方面", 14), ("其他方面", 8)]
    pieces = [d.s("按内容分类：" if i == 0 else "", c, d.n(v), "，占", d.p(v, total, 1),
                  "。" if i == len(cats) - 1 else "；") for i, (c, v) in enumerate(cats)]
    d.total(t, [v for _, v in cats])
    d.para(*pieces)
    d.para("二、办理结果")
    a, b, c = 71, 43, 12
    d.para(d.s("截至11月底，", d.n(total), "建议全部办结并答复代表，办结率", d.p(total, total, 0), "。"),
           d.s("其中，所提问题已经解决或基本解决的A类建议", d.n(a), "，占总数的", d.p(a, total, 1), "；"),
           d.s("正在解决或已列入年度计划解决的B类建议", d.n(b), "，占总数的", d.p(b, total, 1), "；"),
           d.s("因受政策、资金等条件限制暂时难以解决、留作参考的C类建议", d.n(c), "，占总数的", d.p(c, total, 1), "。"))
    d.total(t, [a, b, c])
    d.para(d.s("代表对办理结果表示满意的", d.n(108), "、基本满意的", d.n(18), "，满意率（含基本满意）",
               d.p(108 + 18, total, 0), "。"))
    d.para("三、存在问题")
    d.para("一是个别承办单位重答复、轻落实，部分B类建议推进不快。",
           d.s("二是少数单位办理前与代表沟通不够，有", d.n(2), "建议代表对初次答复不满意，经重新办理后表示基本满意。"))
    d.para("四、下步要求")
    d.para("各承办单位要对B类、C类建议建立跟踪台账，已承诺的事项要按时兑现，并在下次人代会前向代表"
           "通报落实进展。")
    return d


def jianyi_baojing():
    d = Doc("jianyi-baojing-2024-11", "jianyi",
            {"issuer": "保靖县人民政府督查室", "doc_number": "保政督通〔2024〕16号",
             "title": "关于县政协十二届三次会议提案办理情况的通报", "date": "2024年11月5日"},
            annex_format="xlsx")
    towns = ["迁陵镇", "葫芦镇", "水田河镇", "清水坪镇", "毛沟镇", "比耳镇", "碗米坡镇"]
    rows = pick(JIANYI_POOL, 20, "县", towns)
    sts = statuses(20, {"已办结": 16, "正在办理": 4})
    nos = sorted(RNG.sample(range(1, 98), 20))
    table = [[str(i), f"第{no}号", text.replace("的建议", "的提案"), person(), unit,
              RNG.choice(JIANYI_PROGRESS[st]).replace("代表", "委员"), st]
             for i, ((text, unit), st, no) in enumerate(zip(rows, sts, nos), 1)]
    col = d.annex("保靖县2024年县领导领衔督办重点提案办理情况表",
                  ["序号", "提案号", "提案题目", "提案人", "主办单位", "办理情况", "办理状态"],
                  [1, 2, 6, 2, 3, 5, 2],
                  {"seq": 0, "target": [2], "units": 4, "progress": 5, "status": 6}, table, 6)
    total = 97
    t = d.n(total)
    d.para("县政协十二届三次会议以来，各承办单位认真落实提案办理责任，现将提案办理情况通报如下。")
    d.para("一、总体情况")
    d.para(d.s("县政协十二届三次会议以来，交由县政府系统办理的委员提案共", t, "，其中集体提案", d.n(21),
               "、委员个人或联名提案", d.n(76), "。"),
           d.s("经各承办单位认真办理，", d.n(total), "提案均在规定时限内答复委员，答复率", d.p(total, total, 0), "。"))
    d.total(t, [21, 76])
    a, b, c = 52, 36, 9
    d.para(d.s("从办理结果看，已解决或采纳的A类提案", d.n(a), "，占", d.p(a, total, 1), "；"),
           d.s("计划解决或部分采纳的B类提案", d.n(b), "，占", d.p(b, total, 1), "；"),
           d.s("留作参考的C类提案", d.n(c), "，占", d.p(c, total, 1), "。"),
           d.s("委员对办理结果满意的有", d.n(85), "，基本满意的有", d.n(12), "，满意和基本满意率达",
               d.p(85 + 12, total, 0), "。"))
    d.total(t, [a, b, c])
    d.para("二、重点提案督办情况")
    n20, done, doing = d.n(20), d.n(16), d.n(4)
    d.para(d.s("今年县政府领导领衔督办重点提案", n20, "（详见附件）。"),
           d.s("截至10月底，", d.n(20), "重点提案中，", done, "已办结，", doing, "仍在办理，办结率", d.p(16, 20, 0), "。"))
    d.total(n20, [16, 4])
    d.tab_total(n20, col)
    d.tab_count(done, col, DONE, "已办结")
    d.tab_count(doing, col, ("正在办理",), "正在办理")
    d.para("三、下步工作")
    d.para("对仍在办理的重点提案，领衔督办的县领导将召开专题会议研究解决；各承办单位要把提案办理与部门"
           "年度工作结合起来，推动办理成果转化为工作实效。")
    return d


def jianyi_guzhang():
    d = Doc("jianyi-guzhang-2024-09", "jianyi",
            {"issuer": "古丈县人民政府督查室", "doc_number": "古政督通〔2024〕12号",
             "title": "关于重点人大代表建议办理进展情况的通报", "date": "2024年9月10日"},
            inject=[("total_vs_table", "16件"), ("count_vs_table", "7件")])
    towns = ["古阳镇", "默戎镇", "红石林镇", "断龙山镇", "岩头寨镇", "高峰镇"]
    # the office's register has 16 items; the annex as printed lost one of the 7 still in progress
    rows = pick(JIANYI_POOL, 15, "县", towns)
    sts = statuses(15, {"已办结": 9, "正在办理": 6}, {4: "正在办理", 11: "正在办理"})
    table = [[str(i), text, person(), unit, RNG.choice(JIANYI_PROGRESS[st]), st]
             for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("古丈县2024年重点督办代表建议办理进展表",
                  ["序号", "建议题目", "领衔代表", "承办单位", "办理进展", "办理状态"],
                  [1, 6, 2, 3, 6, 2], {"seq": 0, "target": [1], "units": 3, "progress": 4, "status": 5}, table, 5)
    t, done, doing = d.n(16), d.n(9), d.n(7)
    d.para("为推动代表建议办理由“答复型”向“落实型”转变，县政府督查室对今年重点督办代表建议办理进展"
           "进行了督查，现将有关情况通报如下。")
    d.para("一、基本情况")
    d.para(d.s("今年县人大常委会确定的重点督办建议共", t, "（详见附件），由县政府分管领导牵头办理。"),
           d.s("截至8月31日，已办结", done, "，占", d.p(9, 16, 1), "；"),
           d.s("正在办理", doing, "，占", d.p(7, 16, 1), "。"),
           d.s("在已办结的建议中，代表满意", d.n(7), "、基本满意", d.n(2), "。"))
    d.total(t, [9, 7])
    d.tab_total(t, col)
    d.tab_count(done, col, DONE, "已办结")
    d.tab_count(doing, col, ("正在办理",), "正在办理")
    d.para("二、存在问题")
    d.para(d.s("部分建议涉及资金量大、跨部门协调多，推进难度较大，如第", d.it(4), "件、第", d.it(11),
               "件至今尚未确定资金来源。"))
    d.tab_item("第4件", 4, col, ("正在办理", "进展滞后"), "not yet done")
    d.tab_item("第11件", 11, col, ("正在办理", "进展滞后"), "not yet done")
    d.para("三、下步工作")
    d.para("牵头县领导要定期听取办理情况汇报，承办单位要主动与领衔代表对接，确保年底前重点建议办结销号。")
    return d


def jianyi_huayuan():
    d = Doc("jianyi-huayuan-2024-10", "jianyi",
            {"issuer": "花垣县人民政府督查室", "doc_number": "花政督通〔2024〕19号",
             "title": "关于2024年建议提案办理工作情况的通报", "date": "2024年10月22日"},
            inject=[("percent_mismatch", "39.0%")])
    jy, ta = 104, 79
    t = d.n(jy + ta)
    d.para("今年以来，县政府系统各承办单位把建议提案办理作为践行全过程人民民主的重要工作，现将办理情况"
           "通报如下。")
    d.para("一、总体情况")
    d.para(d.s("今年，县政府系统共承办县人大代表建议和县政协委员提案", t, "，其中人大代表建议", d.n(jy),
               "、政协委员提案", d.n(ta), "，承办单位涉及", d.n(43, "个"), "。"),
           d.s("截至9月底，", d.n(jy + ta), "建议提案已全部办复，办复率", d.p(jy + ta, jy + ta, 0), "。"))
    d.total(t, [jy, ta])
    d.para("二、办理结果")
    a, b, c = 58, 37, 9
    tj = d.n(jy)
    d.para("（一）人大代表建议办理结果。",
           d.s(tj, "建议中，A类", d.n(a), "，占", d.p(a, jy, 1), "；"),
           d.s("B类", d.n(b), "，占", d.p(b, jy, 1), "；"),
           d.s("C类", d.n(c), "，占", d.p(c, jy, 1), "。"))
    d.total(tj, [a, b, c])
    a2, b2, c2 = 41, 30, 8
    tt = d.n(ta)
    d.para("（二）政协委员提案办理结果。",
           d.s("在", tt, "提案中，已解决或采纳的", d.n(a2), d.p(a2, ta, 1, "ok", "（", "）"), "，计划解决的",
               d.n(b2), d.p(b2, ta, 1, "39.0", "（", "）"), "，留作参考的", d.n(c2),
               d.p(c2, ta, 1, "ok", "（", "）"), "。"))
    d.total(tt, [a2, b2, c2])
    d.para("（三）满意度情况。",
           d.s("代表委员对办理结果满意和基本满意的共", d.n(180), "，满意率", d.p(180, jy + ta, 1), "。"))
    d.para("（四）办理成效。",
           d.s("通过建议提案办理，共落实各类项目资金", d.amt("2.36亿元"), "，其中争取上级资金", d.amt("1.58亿元"),
               "，县级财政安排", d.amt("7800万元"), "。"),
           d.s("上级资金占落实资金总额的", d.p(Decimal("1.58"), Decimal("2.36"), 1), "。"))
    d.amount_total("2.36亿元", 23600, [15800, 7800])
    d.para("三、存在问题")
    d.para("C类建议提案占比仍然偏高，个别承办单位以“留作参考”代替实际办理，与代表委员沟通的深度不够。")
    d.para("四、下步工作")
    d.para("各承办单位要对A类件开展“回头看”，对B类件明确时间表，对C类件加强解释说明，年底前将办理"
           "落实情况报县政府督查室。")
    return d


def jianyi_longshan():
    """Counts in Chinese numerals."""
    d = Doc("jianyi-longshan-2023-10", "jianyi",
            {"issuer": "龙山县人民政府督查室", "doc_number": "龙政督通〔2023〕15号",
             "title": "关于县十八届人大二次会议代表建议办理情况的督查通报", "date": "2023年10月16日"},
            style="cn", inject=[("sum_mismatch", "九十三件")])
    total = 93
    t = d.n(total)
    d.para("根据县人大常委会关于代表建议办理工作的要求，县政府督查室对县十八届人大二次会议代表建议办理"
           "情况进行了督查，现将有关情况通报如下。")
    d.para("一、基本情况")
    d.para(d.s("县十八届人大二次会议期间，交由县政府系统办理的代表建议共", t, "，由", d.n(26, "个承办单位"), "办理。"),
           d.s("截至九月底，", d.n(total), "建议已全部办理完毕并答复代表，办结率", d.p(total, total, 0), "。"))
    d.para("二、办理结果")
    a, b, c = 51, 32, 8          # add to 91: two were not classified
    d.para(d.s("从办理结果看，所提问题已经解决或基本解决的（A类）", d.n(a), "；"),
           d.s("正在解决或已列入计划解决的（B类）", d.n(b), "；"),
           d.s("因政策、财力等条件限制暂时难以解决、作为参考的（C类）", d.n(c), "。"),
           d.s("代表反馈意见中，满意的", d.n(79), "，基本满意的", d.n(14), "。"))
    d.total(t, [a, b, c])
    d.para("三、存在问题")
    d.para(d.s("一是部分承办单位答复后跟踪落实不够，B类建议中有", d.n(11), "推进缓慢。"),
           d.s("二是个别单位与代表沟通不充分，有", d.n(3), "建议在面商前代表未收到办理方案。"))
    d.para("四、下步要求")
    d.para("各承办单位要坚持“先沟通、后答复、再落实”，对已答复的建议逐件建立落实台账，县政府督查室将"
           "适时开展跟踪督查。")
    return d


def jianyi_yongshun():
    d = Doc("jianyi-yongshun-2024-08", "jianyi",
            {"issuer": "永顺县人民政府督查室", "doc_number": "永政督通〔2024〕10号",
             "title": "关于政协委员提案办理进度的督查通报", "date": "2024年8月16日"},
            inject=[("percent_truncated", "79.1%")])
    towns = ["灵溪镇", "首车镇", "石堤镇", "芙蓉镇", "泽家镇", "砂坝镇", "万坪镇"]
    rows = pick(JIANYI_POOL, 24, "县", towns, {4: "县交通运输局", 11: "县住建局"})
    sts = statuses(24, {"已办结": 19, "进展滞后": 2, "正在办理": 3}, {4: "进展滞后", 11: "进展滞后"})
    units = sorted({u for _, u in rows})
    table = [[str(i), text.replace("的建议", "的提案"), person(), unit,
              RNG.choice([x for x in units if x != unit] + ["/"]), RNG.choice(JIANYI_PROGRESS[st]).replace("代表", "委员"),
              st] for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("永顺县政协十三届三次会议提案办理进度表",
                  ["序号", "提案题目", "提案人", "主办单位", "协办单位", "办理进展", "办理状态"],
                  [1, 6, 2, 3, 3, 5, 2], {"seq": 0, "target": [1], "units": 3, "progress": 5, "status": 6}, table, 6)
    t, done = d.n(24), d.n(19)
    d.para("为推动提案办理提质增效，县政府督查室近期对政协委员提案办理进度进行了督查，现将有关情况通报如下。")
    d.para("一、办理进度")
    d.para(d.s("县政协十三届三次会议交县政府系统办理的提案共", t, "，涉及", d.n(len(units), "个承办单位"),
               "（详见附件）。"),
           d.s("截至7月31日，已办结", done, "，办结率", d.p(19, 24, 1, "trunc"), "；"),
           d.s("尚未办结的", d.n(5), "中，县交通运输局承办的第", d.it(4), "件、县住建局承办的第", d.it(11),
               "件进展滞后，其余", d.n(3), "正在按计划推进。"))
    d.total(t, [19, 5])
    d.tab_total(t, col)
    d.tab_count(done, col, DONE, "已办结")
    d.tab_count(Tok("5件", "count", 5), col, ("正在办理", "进展滞后"), "not done")
    d.tab_count(Tok("3件", "count", 3), col, ("正在办理",), "正在办理")
    d.tab_item("第4件", 4, col, ("进展滞后",), "进展滞后")
    d.tab_item("第11件", 11, col, ("进展滞后",), "进展滞后")
    d.para("二、存在问题")
    d.para("部分提案办理停留在答复层面，办理措施不够具体；个别主办单位与协办单位衔接不够，协办意见迟迟不能反馈。")
    d.para("三、下步要求")
    d.para("进展滞后的承办单位要在8月底前报送整改措施，县政府督查室将会同县政协提案委开展联合督办。")
    return d


# =============================================================================================
# duban: 督办件
# =============================================================================================

def duban_table(rows, sts, deadlines):
    return [[str(i), text, unit, RNG.choice(deadlines[st]), RNG.choice(DUBAN_PROGRESS[st]), st]
            for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]


def duban_ningshan():
    d = Doc("duban-ningshan-2024-05", "duban",
            {"issuer": "宁陕县人民政府督查室", "doc_number": "宁政督通〔2024〕6号",
             "title": "关于1—4月份县政府督办事项办理情况的通报", "date": "2024年5月8日"})
    towns = ["城关镇", "四亩地镇", "江口回族镇", "广货街镇", "龙王镇", "筒车湾镇", "金川镇", "皇冠镇"]
    rows = pick(DUBAN_POOL, 28, "县", towns, {6: "县住建局", 21: "筒车湾镇"})
    counts = {"按期办结": 19, "逾期办结": 3, "正在办理": 4, "逾期未办结": 2}
    sts = statuses(28, counts, {6: "逾期未办结", 21: "逾期未办结"})
    col = d.annex("宁陕县2024年1—4月县政府督办事项办理情况表",
                  ["序号", "督办事项", "责任单位", "办理时限", "办理情况", "办理状态"], [1, 6, 3, 2, 6, 2],
                  {"seq": 0, "target": [1], "units": 2, "progress": 4, "status": 5}, duban_table(rows, sts, DEADLINES_APR), 5)
    t = d.n(28)
    toks = {k: d.n(v) for k, v in counts.items()}
    d.para("为推动县委、县政府决策部署落地见效，县政府督查室对1—4月份县政府督办事项办理情况进行了梳理，"
           "现通报如下。")
    d.para("一、总体情况")
    d.para(d.s("今年以来，县政府督查室围绕县委、县政府重点工作，共向各镇、县直各部门交办督办件", t, "（详见附件）。"),
           d.s("截至4月30日，按期办结", toks["按期办结"], "，逾期办结", toks["逾期办结"], "，正在办理", toks["正在办理"],
               "，逾期未办结", toks["逾期未办结"], "，办结率", d.p(19 + 3, 28, 1), "。"),
           d.s("按期办结的督办件占全部督办件的", d.p(19, 28, 1), "。"))
    d.total(t, list(counts.values()))
    d.tab_total(t, col)
    for k, tok in toks.items():
        d.tab_count(tok, col, (k,), k)
    d.para("二、存在问题")
    d.para("一是个别事项逾期未办结。",
           d.s("县住建局承办的第", d.it(6), "件、筒车湾镇承办的第", d.it(21),
               "件已超过办理时限，至今未办结。"),
           d.s("二是部分单位反馈不及时，有", d.n(8, "个单位"), "未按要求报送阶段性进展。"),
           d.s("三是部分办结材料不规范，", d.n(3), "已办结事项的佐证材料不完整，已要求补充。"))
    d.tab_item("第6件", 6, col, ("逾期未办结",), "逾期未办结")
    d.tab_item("第21件", 21, col, ("逾期未办结",), "逾期未办结")
    d.para("三、下步工作")
    d.para("对逾期未办结的事项，县政府督查室将下发催办通知，责任单位主要负责同志要亲自过问，限期办结；"
           "对无正当理由逾期的，将按规定予以通报问责。")
    return d


def duban_xunyang():
    d = Doc("duban-xunyang-2024-10", "duban",
            {"issuer": "旬阳市人民政府督查室", "doc_number": "旬政督通〔2024〕23号",
             "title": "关于三季度市政府督办件办理情况的通报", "date": "2024年10月12日"},
            annex_format="xlsx", inject=[("named_item_status", "第12件")])
    towns = ["城关镇", "蜀河镇", "仁河口镇", "吕河镇", "赵湾镇", "段家河镇", "金寨镇", "棕溪镇", "桐木镇", "双河镇"]
    fixed_units = {5: "市交通运输局", 12: "市水利局", 19: "仁河口镇", 21: "市水利局"}
    rows = pick(DUBAN_POOL, 34, "市", towns, fixed_units)
    counts = {"按期办结": 24, "逾期办结": 3, "正在办理": 4, "逾期未办结": 3}
    # the overdue items are 5, 19 and 21; the text names 12 (a typo for 21), which the table shows done
    sts = statuses(34, counts, {5: "逾期未办结", 19: "逾期未办结", 21: "逾期未办结", 12: "按期办结"})
    dates = [f"{m}月{d}日" for m, d in sorted((RNG.choice([7, 8]), RNG.randint(1, 31)) for _ in range(34))]
    table = [[str(i), text, dates[i - 1], unit, RNG.choice(DEADLINES_SEP[st]), RNG.choice(DUBAN_PROGRESS[st]), st]
             for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("旬阳市三季度市政府督办件办理情况统计表",
                  ["序号", "督办事项", "交办日期", "责任单位", "办理时限", "进展情况", "办理状态"],
                  [1, 6, 2, 3, 2, 6, 2], {"seq": 0, "target": [1], "units": 3, "progress": 5, "status": 6}, table, 6)
    t, done, undone, late = d.n(34), d.n(27), d.n(7), d.n(3)
    d.para("现将三季度市政府督办件办理情况通报如下。")
    d.para("一、总体情况")
    d.para(d.s("三季度，市政府督查室共交办督办件", t, "，涉及", d.n(12, "个镇"), "和", d.n(15, "个市直部门"),
               "（详见附件）。"),
           d.s("截至9月30日，", d.n(34), "督办件中，已办结", done, "，办结率", d.p(27, 34, 1), "；"),
           d.s("未办结", undone, "，其中逾期未办结", late, "。"))
    d.total(t, [27, 7])
    d.tab_total(t, col)
    d.tab_count(done, col, DONE, "已办结")
    d.tab_count(undone, col, ("正在办理", "逾期未办结"), "not done")
    d.tab_count(late, col, ("逾期未办结",), "逾期未办结")
    d.para(d.s("已办结的", d.n(27), "中，按期办结", d.n(24), "、逾期办结", d.n(3), "，按期办结率为",
               d.p(24, 27, 1), "（按期办结件数占已办结件数的比例）。"))
    d.total(Tok("27件", "count", 27), [24, 3])
    d.para(d.s("逾期未办结的分别是市交通运输局承办的第", d.it(5), "件、市水利局承办的第", d.it(12),
               "件、仁河口镇承办的第", d.it(19), "件。"))
    for no in (5, 12, 19):
        d.tab_item(f"第{no}件", no, col, ("逾期未办结",), "逾期未办结")
    d.para("二、各镇部门办理情况")
    d.para(d.s("城关镇、蜀河镇、市发改局、市财政局等", d.n(19, "个单位"), "承办的督办件全部按期办结；"),
           "市交通运输局、市水利局、仁河口镇办理进度明显滞后，请上述单位于10月20日前书面说明原因。")
    d.para("三、下步要求")
    d.para("各承办单位要对照督办件清单逐项销号，确需延期的，须在办理时限届满前提出申请，未经同意逾期的，"
           "一律按逾期未办结处理。")
    return d


def duban_linli():
    """Full-width digits."""
    d = Doc("duban-linli-2024-07", "duban",
            {"issuer": "临澧县人民政府督查室", "doc_number": "临政督通〔2024〕8号",
             "title": "关于上半年县政府督办件办理情况的通报", "date": "2024年7月5日"},
            style="fw", inject=[("sum_mismatch", "３８件")])
    t, done = d.n(46), d.n(38)
    d.para("为进一步压实工作责任，县政府督查室对上半年县政府督办件办理情况进行了全面清理，现通报如下。")
    d.para("一、总体情况")
    d.para(d.s("上半年，县政府共交办督办件", t, "，其中县政府主要领导批示交办的", d.n(18), "、县政府常务会议"
               "议定事项", d.n(28), "。"),
           d.s("截至６月３０日，已办结", done, "，办结率", d.p(38, 46, 1), "；"),
           d.s("已办结的督办件中，按期办结", d.n(31), "，逾期办结", d.n(6), "。"))
    d.total(t, [18, 28])
    d.total(done, [31, 6])
    un = d.n(8)
    late = d.n(4)
    d.para(d.s("未办结的", un, "中，正在办理", d.n(4), "，逾期未办结", late, "。"),
           d.s("逾期未办结的", d.n(4), "分别由县自然资源局（", d.n(2), "）、县交通运输局（", d.n(1), "）、烽火乡（",
               d.n(1), "）承办。"))
    d.total(t, [38, 8])
    d.total(un, [4, 4])
    d.total(late, [2, 1, 1])
    d.para("二、存在问题")
    d.para("一是个别单位对督办件重视不够，存在“等靠拖”思想；二是部分事项办理质量不高，办结报告内容空泛。")
    d.para("三、下步工作")
    d.para("对逾期未办结的事项，实行“红色预警”，责任单位要在７月１５日前报送整改方案；县政府督查室将把"
           "督办件办理情况纳入年度绩效考核。")
    return d


def duban_taoyuan():
    d = Doc("duban-taoyuan-2023-12", "duban",
            {"issuer": "桃源县人民政府督查室", "doc_number": "桃政督通〔2023〕31号",
             "title": "关于2023年度县政府督办事项办理情况的通报", "date": "2023年12月26日"})
    kinds = [("县委、县政府主要领导批示件", 47, 45, "批示件"), ("上级交办件", 38, 36, "上级交办件"),
             ("县政府常务会议确定事项", 67, 58, "常务会议确定事项")]
    total = sum(k[1] for k in kinds)
    done = sum(k[2] for k in kinds)
    t, tdone = d.n(total), d.n(done)
    d.para("2023年，县政府督查室紧紧围绕县委、县政府中心工作，持续加大督查督办力度，现将全年督办事项"
           "办理情况通报如下。")
    d.para("一、督办事项办理情况")
    d.para(d.s("2023年，县政府督查室共立项督办事项", t, "，其中", *sum(([k[0], d.n(k[1]), "、"] for k in kinds), [])[:-1],
               "。"),
           d.s("截至12月20日，已办结", tdone, "，办结率", d.p(done, total, 1), "；"),
           d.s("正在办理", d.n(total - done), "。"))
    d.total(t, [k[1] for k in kinds])
    d.total(t, [done, total - done])
    parts = []
    for name, n, dn, short in kinds:
        parts += [short, "办结", d.n(dn), d.p(dn, n, 1, "ok", "（", "）"), "，"]
    d.para(d.s("分类看，", *parts[:-1], "。"),
           d.s("在督办过程中，共发出催办通知", d.n(23, "份"), "，开展实地督查", d.n(41, "次"), "，约谈责任单位负责人",
               d.n(6, "人次"), "。"))
    d.total(tdone, [k[2] for k in kinds])
    d.para("二、存在问题")
    d.para(d.s("一是少数事项办理超期，全年超期办结", d.n(8), "，其中", d.n(3), "为跨部门事项，占", d.p(3, 8, 0), "。"),
           "二是个别单位存在“重答复、轻落实”现象，办结后跟踪问效不够。")
    d.para("三、下步工作")
    d.para("2024年，县政府督查室将推行督办事项“清单化、闭环式”管理，对跨部门事项明确牵头单位，对超期"
           "事项实行预警提醒。")
    return d


def duban_shimen():
    d = Doc("duban-shimen-2024-04", "duban",
            {"issuer": "石门县人民政府督查室", "doc_number": "石府督通〔2024〕5号",
             "title": "关于一季度县政府督办件办理情况的通报", "date": "2024年4月12日"},
            inject=[("total_vs_table", "31件")])
    towns = ["楚江街道", "夹山镇", "壶瓶山镇", "新关镇", "皂市镇", "蒙泉镇", "易家渡镇", "维新镇", "太平镇"]
    # the register has 31 督办件; the annex as printed has 30 rows (one of the unfinished was left out)
    rows = pick(DUBAN_POOL, 30, "县", towns)
    sts = statuses(30, {"已办结": 26, "正在办理": 4})
    table = [[str(i), unit, text, RNG.choice(["3月31日前", "4月15日前", "4月30日前"]), RNG.choice(DUBAN_PROGRESS[st]), st]
             for i, ((text, unit), st) in enumerate(zip(rows, sts), 1)]
    col = d.annex("石门县一季度县政府督办件办理情况一览表",
                  ["序号", "责任单位", "督办事项", "完成时限", "办理进展", "状态"], [1, 3, 6, 2, 6, 2],
                  {"seq": 0, "target": [2], "units": 1, "progress": 4, "status": 5}, table, 5)
    t, done = d.n(31), d.n(26)
    d.para("现将一季度县政府督办件办理情况通报如下：")
    d.para(d.s("一季度，县政府共交办督办件", t, "（详见附件），其中各镇（街道）承办", d.n(17), "，县直部门承办",
               d.n(14), "。"),
           d.s("截至3月31日，已办结", done, "，占", d.p(26, 31, 1), "，其余事项正在推进。"))
    d.total(t, [17, 14])
    d.tab_total(t, col)
    d.tab_count(done, col, DONE, "已办结")
    d.para(d.s("夹山镇、壶瓶山镇、县发改局、县财政局等", d.n(9, "个单位"), "承办的督办件全部按期办结，值得肯定。"),
           "个别单位对督办件重视不够，存在拖延办理、敷衍应付等问题。")
    d.para("请各承办单位对照附件逐项核对，未办结事项要倒排工期，确保4月底前全部办结。")
    return d


def duban_anxiang():
    d = Doc("duban-anxiang-2024-10", "duban",
            {"issuer": "安乡县人民政府督查室", "doc_number": "安政督通〔2024〕17号",
             "title": "关于涉企问题督办件办理情况的通报", "date": "2024年10月18日"},
            inject=[("percent_truncated", "80.8%"), ("percent_mismatch", "76.4%")])
    t = d.n(68)
    d.para("为持续优化营商环境，县政府督查室对前三季度涉企问题督办件办理情况进行了专项督查，现将有关"
           "情况通报如下。")
    d.para("（一）办理情况")
    d.para(d.s("前三季度，县政府督查室共受理企业反映问题并立项督办", t, "，涉及20余家企业。"),
           d.s("截至9月30日，已办结", d.n(55), "，办结率", d.p(55, 68, 1, "trunc"), "；"),
           d.s("正在办理", d.n(13), "。"))
    d.total(t, [55, 13])
    d.para(d.s("其中涉及拖欠账款的督办件", d.n(21), "，经督办共清偿企业账款", d.amt("4860万元"), "，占应清偿总额",
               d.amt("6200万元"), "的", d.p(4860, 6200, 1, "76.4"), "。"),
           d.s("涉及用地审批的", d.n(9), "、用电用水的", d.n(7), "已全部办结。"))
    d.para("（二）存在问题")
    d.para("一是部分问题办理周期偏长，约三成督办件超过一个月才办结。",
           d.s("二是清欠进度不平衡，尚有", d.amt("1340万元"), "账款未清偿。"))
    d.amount_total("6200万元", 6200, [4860, 1340])
    d.para("（三）下步工作")
    d.para("各承办单位要建立涉企问题“接诉即办”机制，对拖欠账款制定分期清偿计划，县政府督查室将每月调度"
           "清欠进度。")
    return d


DOCS = [rexian_langao, rexian_shiquan, rexian_hanyin, rexian_pingli, rexian_zhenping, rexian_baihe,
        jianyi_luxi, jianyi_baojing, jianyi_guzhang, jianyi_huayuan, jianyi_longshan, jianyi_yongshun,
        duban_ningshan, duban_xunyang, duban_linli, duban_taoyuan, duban_shimen, duban_anxiang]


# =============================================================================================
# Self-check
# =============================================================================================

def _norm(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def status_of(raw, vocab):
    t = _norm(raw)
    for phrase, st in vocab:
        if phrase and t.startswith(phrase):
            return st
    return "unknown"


FIGURE = re.compile(r"(?<![余约近多])[0-9０-９]+(?:[.．][0-9０-９]+)?(?:件|个|家|人|次|封|份|项|%|％|万元|亿元)"
                    r"|[一二三四五六七八九十百]+件")


def check(docs) -> list[str]:
    errors = []
    vocab = []
    for f in VOCAB_FILES:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        vocab += [(_norm(p), st) for st, ps in data["statuses"].items() for p in ps]
    vocab.sort(key=lambda p: -len(p[0]))
    for doc in docs:
        path = OUT / f"{doc.name}.yaml"
        src = yaml.safe_load(path.read_text(encoding="utf-8"))
        where = doc.name
        body = src["body"]
        alltext = "\n".join(body)
        listed = set()
        for st in src["statements"]:
            text = st["text"]
            hits = [p for p in body if text in p]
            if not hits:
                errors.append(f"{where}: statement not in body: {text}")
                continue
            p = hits[0]
            i = p.index(text)
            if i and p[i - 1] not in "。；":
                errors.append(f"{where}: statement does not start a piece: {text}")
            if text[-1] not in "。；" or re.search("[。；]", text[:-1]):
                errors.append(f"{where}: statement not cut at 。/；: {text}")
            for s in st["shares"] + st["amounts"]:
                if s not in text:
                    errors.append(f"{where}: {s} not in {text}")
            for n in st["counts"]:
                if doc.style == "arabic" and str(n) not in text:
                    errors.append(f"{where}: count {n} not in {text}")
            listed.add(text)
        # every piece with a figure must be a statement
        for p in body:
            for piece in re.findall(r"[^。；]*[。；]|[^。；]+$", p):
                if FIGURE.search(piece) and piece not in listed:
                    errors.append(f"{where}: piece with a figure not listed: {piece}")
        for f in src["expected_findings"]:
            if f["stated"] not in alltext:
                errors.append(f"{where}: finding's stated {f['stated']} not in the document")
        got = sorted((f["kind"], f["stated"]) for f in src["expected_findings"])
        if got != sorted(doc.declared):
            errors.append(f"{where}: derived findings {got} != injected {sorted(doc.declared)}")
        for annex in src["annexes"]:
            for table in annex["tables"]:
                n = len(table["header"][0])
                assert len(table["widths"]) == n
                for row in table["rows"]:
                    if len(row) != n:
                        errors.append(f"{where}: row of {len(row)} cells, header {n}: {row}")
                    st = row[table["roles"]["status"]]
                    if status_of(st, vocab) == "unknown":
                        errors.append(f"{where}: status word not in any vocabulary: {st}")
    return errors


def summary(docs):
    print(f"{'name':28} {'annex':6} {'findings'}")
    for doc in docs:
        src = doc.source()
        annex = src["annex_format"] if src["annexes"] else "-"
        print(f"{doc.name:28} {annex:6} {[f['kind'] for f in src['expected_findings']]}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (HERE / "vocabulary-c.yaml").write_text(
        "# Status words of helper c's annex tables (rexian / jianyi / duban) that corpus/vocabulary.yaml\n"
        "# does not have; same format. Written by gen_c.py.\n"
        + yaml.safe_dump({"statuses": MY_VOCAB}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    docs = [make() for make in DOCS]
    for doc in docs:
        text = yaml.safe_dump(doc.source(), allow_unicode=True, sort_keys=False, width=100000)
        (OUT / f"{doc.name}.yaml").write_text(text, encoding="utf-8")
    errors = check(docs)
    summary(docs)
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
