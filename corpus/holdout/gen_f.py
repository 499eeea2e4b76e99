#!/usr/bin/env python3
"""Holdout generator, hand f: xiangmu, minsheng, zhenggai, anquan, chengguan, shiqing (2 documents each).

Each document is written by its own function from its own figures. A sentence is built from pieces
(each ends with 。 or ；); a piece that states an exact figure carries its counts / shares / amounts /
items and becomes a `statements` entry. Besides the text, each function records the relations a careful
reader would check (share = part / base, parts add to their total, the annex agrees); `expected_findings`
is what those relations give on the printed figures, and it must equal the mistakes the function says it
injected. Run: python corpus/holdout/gen_f.py  (writes sources/*.yaml and vocabulary-f.yaml, then checks).
"""
import pathlib
import random
import unicodedata
from decimal import Decimal as D, ROUND_DOWN, ROUND_HALF_UP

import yaml

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "sources"
MY_VOCAB = {"completed": ["已建成", "已投入使用", "已解决"], "on_track": ["正在协调"]}


# ---------------------------------------------------------------- small helpers
def pct(part, base, nd=1, cut=False):
    q = D(1).scaleb(-nd)
    return (D(str(part)) * 100 / D(str(base))).quantize(q, ROUND_DOWN if cut else ROUND_HALF_UP)


def ps(part, base, nd=1, cut=False):
    return f"{pct(part, base, nd, cut)}%"


FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def fw(s):
    return s.translate(FW)


CN = "零一二三四五六七八九"


def cn(n):
    """Chinese numeral for 0 < n < 1000 (as an office types it: 二十二, 一百零八)."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    s = ""
    if h:
        s += CN[h] + "百"
        if t == 0 and u:
            return s + "零" + CN[u]
    if t:
        s += ("" if (t == 1 and not h) else CN[t]) + "十"
    if u:
        s += CN[u]
    return s


def load_vocab():
    v = yaml.safe_load((HERE.parent / "vocabulary.yaml").read_text(encoding="utf-8"))["statuses"]
    pairs = [(w, st) for st, ws in v.items() for w in ws]
    pairs += [(w, st) for st, ws in MY_VOCAB.items() for w in ws]
    return pairs


VOCAB = load_vocab()


def status_of(cell):
    t = "".join(unicodedata.normalize("NFKC", cell).split())
    best = None
    for w, st in VOCAB:
        if t.startswith(w) and (best is None or len(w) > len(best[0])):
            best = (w, st)
    return best[1] if best else "unknown"


class S:
    """One piece of a paragraph, cut at 。or ；, with the exact figures it states."""

    def __init__(self, text, c=(), s=(), a=(), i=()):
        self.text, self.counts, self.shares, self.amounts, self.items = text, list(c), list(s), list(a), list(i)

    def has_figures(self):
        return bool(self.counts or self.shares or self.amounts or self.items)


class Doc:
    def __init__(self, name, genre, issuer, doc_number, title, date, annex_format="docx"):
        self.name, self.genre, self.annex_format = name, genre, annex_format
        self.header = {"issuer": issuer, "doc_number": doc_number, "title": title, "date": date}
        self.paras, self.annexes, self.rel, self.injected = [], [], [], []

    def p(self, *pieces):
        self.paras.append([x if isinstance(x, S) else S(x) for x in pieces])

    # relations -------------------------------------------------------------
    def share(self, part, base, printed, note=""):
        self.rel.append(("share", part, base, printed, note))

    def parts(self, parts, total, stated, unit=""):
        self.rel.append(("sum", list(parts), total, stated, unit))

    def table_total(self, n, stated, table):
        self.rel.append(("table_total", n, stated, table))

    def table_count(self, n, status, stated, table):
        self.rel.append(("table_count", n, status, stated, table))

    def named(self, item, status, stated, table):
        self.rel.append(("named", item, status, stated, table))

    def inject(self, kind, stated, note):
        self.injected.append((kind, stated, note))

    # annex ------------------------------------------------------------------
    def annex(self, title, header, rows, roles, widths, filler_unit=None, orientation="landscape"):
        tbl = {"name": "", "caption": False, "repeat_header": True, "widths": widths, "header": header,
               "roles": {"seq": None, "target": [], "units": None, "progress": None, "completion": None,
                         "status": None, "section": None, "target_goal": None, "seq_in_target": False, **roles},
               "rows": rows}
        a = {"no": len(self.annexes) + 1, "title": title}
        if filler_unit:
            a["filler_unit"] = filler_unit
        a.update({"orientation": orientation, "tables": [tbl]})
        self.annexes.append(a)
        return tbl

    # truth ------------------------------------------------------------------
    def findings(self):
        out = []
        for r in self.rel:
            if r[0] == "share":
                _, part, base, printed, note = r
                val = D(unicodedata.normalize("NFKC", printed).rstrip("%"))
                nd = -val.as_tuple().exponent
                good, cut = pct(part, base, nd), pct(part, base, nd, cut=True)
                if val != good:
                    kind = "percent_truncated" if val == cut else "percent_mismatch"
                    exact = (D(str(part)) * 100 / D(str(base))).quantize(D("0.001"), ROUND_HALF_UP)
                    out.append({"kind": kind, "stated": printed, "computed": f"{good}%",
                                "note": f"{part}/{base} = {exact}%" + (f"; {note}" if note else "")})
            elif r[0] == "sum":
                _, parts, total, stated, unit = r
                got = sum(D(str(x)) for x in parts)
                if got != D(str(total)):
                    out.append({"kind": "sum_mismatch", "stated": stated, "computed": f"{got}{unit}",
                                "note": " + ".join(str(x) for x in parts) + f" = {got}{unit}, stated total {stated}"})
            elif r[0] == "table_total":
                _, n, stated, t = r
                if len(t["rows"]) != n:
                    out.append({"kind": "total_vs_table", "stated": stated, "computed": str(len(t["rows"])),
                                "note": f"the narrative says {n}, the annex table lists {len(t['rows'])} rows"})
            elif r[0] == "table_count":
                _, n, st, stated, t = r
                col = t["roles"]["status"]
                got = sum(1 for row in t["rows"] if status_of(row[col]) == st)
                if got != n:
                    out.append({"kind": "count_vs_table", "stated": stated, "computed": str(got),
                                "note": f"narrative {n} {st}, annex rows with that status: {got}"})
            elif r[0] == "named":
                _, item, st, stated, t = r
                seq, col = t["roles"]["seq"], t["roles"]["status"]
                row = next(row for row in t["rows"] if row[seq] == str(item))
                if status_of(row[col]) != st:
                    out.append({"kind": "named_item_status", "stated": stated, "computed": row[col],
                                "note": f"item {item} is said to be {st}; annex row {item} reads {row[col]}"})
        return out

    def source(self):
        body = ["".join(x.text for x in para) for para in self.paras]
        stmts = []
        for para in self.paras:
            for x in para:
                if x.has_figures():
                    stmts.append({"text": x.text, "counts": x.counts, "shares": x.shares,
                                  "amounts": x.amounts, "items": x.items})
        found = self.findings()
        want = sorted((k, s) for k, s, _ in self.injected)
        assert sorted((f["kind"], f["stated"]) for f in found) == want, (self.name, found, self.injected)
        src = {"name": self.name, "genre": self.genre, "annex_format": self.annex_format, "header": self.header,
               "body": body}
        if self.annexes:
            src["annex_list"] = True
        src.update({"annexes": self.annexes, "statements": stmts, "expected_findings": found,
                    "injections": [f"{k} ({s}): {n}" for k, s, n in self.injected]})
        return src


def alloc(total, weights):
    """Split an integer total in proportion to weights (largest remainder)."""
    sw = sum(weights)
    raw = [total * w / sw for w in weights]
    base = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - base[i], reverse=True)[: total - sum(base)]:
        base[i] += 1
    return base


def yi(cents):
    return f"{D(cents) / 100:.2f}"


# ================================================================ xiangmu
def xiangmu_huaichuan():
    """Clean; 24 projects, the annex as a spreadsheet."""
    rng = random.Random(7)
    d = Doc("xiangmu-huaichuan-2024-07", "xiangmu", "槐川县人民政府督查室", "槐政督通〔2024〕7号",
            "槐川县人民政府督查室关于2024年上半年县级重点项目建设情况的通报", "2024年7月12日", "xlsx")
    # name, nature, total (0.1亿), unit, image progress, status
    P = [
        ("槐川经开区标准化厂房三期", "续建", 65, "县经开区管委会", "12栋厂房通过竣工验收，已有企业入驻", "已建成"),
        ("县人民医院门急诊综合楼", "续建", 48, "县卫健局", "装修及设备安装完成，6月20日投入使用", "已建成"),
        ("城北污水处理厂扩建工程", "续建", 26, "县住建局", "设备调试完成，进入试运行", "已建成"),
        ("G236国道槐川段改线工程", "续建", 186, "县交通运输局", "路基基本成型，桥梁下部结构施工中", "正常推进"),
        ("槐川中学新校区", "续建", 39, "县教育局", "教学楼主体封顶，宿舍楼主体施工", "正常推进"),
        ("东山片区棚户区改造", "续建", 124, "县住建局", "安置房主体施工至12层", "正常推进"),
        ("槐河流域综合治理", "续建", 98, "县水利局", "受汛期影响堤防工程停工，清淤段未完成", "进度滞后"),
        ("县域冷链物流中心", "续建", 22, "县商务局", "冷库钢结构安装完成，设备采购中", "正常推进"),
        ("槐川文化艺术中心", "续建", 35, "县文旅局", "幕墙施工，室内装修完成招标", "正常推进"),
        ("110千伏槐南输变电工程", "续建", 16, "国网槐川县供电公司", "铁塔组立过半，导线架设准备中", "正常推进"),
        ("新能源电池配套材料产业园", "新建", 500, "县经开区管委会", "完成场地平整，1号车间桩基施工", "正常推进"),
        ("高铁站站前广场及配套路网", "新建", 56, "县住建局", "广场土方开挖，配套道路管网施工", "正常推进"),
        ("乡镇区域性养老服务中心", "新建", 9, "县民政局", "仅部分站点开工，其余站点设计调整中", "进度滞后"),
        ("城南农贸市场改造", "新建", 8, "县市场监管局", "旧棚拆除完成，钢结构进场", "正常推进"),
        ("农村供水一体化工程", "新建", 42, "县水利局", "水厂土建施工，主管网铺设中", "正常推进"),
        ("槐川县第二幼儿园", "新建", 7, "县教育局", "主体施工至二层", "正常推进"),
        ("智慧城市一期", "新建", 15, "县数据局", "机房建设完成，平台软件开发中", "正常推进"),
        ("新型绿色建材生产线", "新建", 30, "县工信局", "环评批复延迟，6月中旬方进场施工", "进度滞后"),
        ("高标准农田建设", "新建", 6, "县农业农村局", "土地平整和沟渠施工同步推进", "正常推进"),
        ("城区公共停车场建设", "新建", 5, "县城管局", "部分停车场划线完成，其余施工中", "正常推进"),
        ("槐川物流园二期", "新建", 88, "县发改局", "仓储区基础施工", "正常推进"),
        ("县职业教育实训基地", "新建", 21, "县教育局", "用地报批材料补充完善中", "未开工"),
        ("城西片区路网工程", "新建", 64, "县住建局", "征拆未完成，用地报批中", "未开工"),
        ("农产品精深加工园", "新建", 354, "县农业农村局", "等待省级用地指标", "未开工"),
    ]
    n = len(P)
    xu = [i for i, x in enumerate(P) if x[1] == "续建"]
    xin = [i for i, x in enumerate(P) if x[1] == "新建"]
    started = [i for i in xin if P[i][5] != "未开工"]
    idle = [i for i in xin if P[i][5] == "未开工"]
    total10 = sum(x[2] for x in P)                     # in 0.1亿元
    assert total10 == 1864
    # annual plan and 1-6 done, in 0.01亿元; the big new park (index 10) takes the slack
    plan = [0] * n
    for i in range(n):
        lo, hi = (0.25, 0.45) if i in xu else (0.15, 0.35) if i in started else (0.04, 0.08)
        plan[i] = round(P[i][2] * 10 * rng.uniform(lo, hi))
    plan[10] = 0
    plan[10] = 4260 - sum(plan)
    assert 500 <= plan[10] <= 2000, plan[10]
    done = [0] * n
    built = [i for i in xu if P[i][5] == "已建成"]
    rest = [i for i in xu if i not in built]
    for i in built:
        done[i] = round(plan[i] * 0.96)
    for i, v in zip(rest, alloc(1420 - sum(done), [plan[i] * (0.4 if P[i][5] == "进度滞后" else 1) for i in rest])):
        done[i] = v
    done_xin = alloc(965, [plan[i] * (0.25 if P[i][5] == "进度滞后" else 0.6) for i in started])
    for i, v in zip(started, done_xin):
        done[i] = v
    assert all(0 <= done[i] <= plan[i] for i in range(n)), list(zip(done, plan))
    assert sum(plan) == 4260 and sum(done) == 2385 and sum(done[i] for i in xu) == 1420
    rows = [[str(i + 1), x[0], x[1], f"{D(x[2]) / 10:.1f}", yi(plan[i]), yi(done[i]), x[4], x[3], x[5]]
            for i, x in enumerate(P)]
    t = d.annex("槐川县2024年县级重点项目建设进展情况表",
                [["序号", "项目名称", "建设性质", "投资情况（亿元）", "<", "<", "形象进度", "责任单位", "进展评价"],
                 ["^", "^", "^", "总投资", "年度计划", "1—6月完成", "^", "^", "^"]],
                rows, {"seq": 0, "target": [1], "units": 7, "progress": 6, "status": 8},
                [1, 5, 2, 2, 2, 2, 6, 3, 2], filler_unit="县发改局")

    over1 = sum(1 for x in P if x[2] >= 10)
    n_built = sum(1 for x in P if x[5] == "已建成")
    n_late = [i for i in range(n) if P[i][5] == "进度滞后"]
    s_done = ps("23.85", "42.6")
    s_xu = ps("14.2", "23.85")
    s_kg = ps(len(started), len(xin))
    s_big = ps(over1, n)
    d.p("6月下旬，县政府督查室会同县发改局、县统计局，采取听取汇报、查阅台账、现场察看相结合的方式，"
        "对全县重点项目建设情况开展了半年专项督查。现将有关情况通报如下。")
    d.p("一、总体情况")
    d.p(S(f"今年全县共安排县级重点项目{n}个，总投资186.4亿元，年度计划投资42.6亿元。", [n], a=["186.4亿元", "42.6亿元"]),
        S(f"1—6月，{n}个项目累计完成投资23.85亿元，占年度计划的{s_done}，投资进度快于时序。", [n], [s_done], ["23.85亿元"]))
    d.p(S(f"从建设性质看，续建项目{len(xu)}个，新建项目{len(xin)}个。", [len(xu), len(xin)]),
        S(f"{len(xu)}个续建项目完成投资14.2亿元，占全部完成投资的{s_xu}，其中县人民医院门急诊综合楼等{n_built}个项目已建成投用。",
          [len(xu), n_built], [s_xu], ["14.2亿元"]),
        S(f"{len(xin)}个新建项目中已开工{len(started)}个，开工率{s_kg}；", [len(xin), len(started)], [s_kg]),
        S(f"另有{len(idle)}个项目尚未开工。", [len(idle)]))
    d.p(S(f"按投资规模看，总投资亿元以上项目{over1}个，占项目总数的{s_big}，是全年投资的主要支撑。", [over1], [s_big]))
    d.p("二、存在问题")
    late_xu = sum(1 for i in n_late if i in xu)
    d.p("（一）部分项目进度滞后。",
        S(f"对照年度计划，槐河流域综合治理、乡镇区域性养老服务中心、新型绿色建材生产线等{len(n_late)}个项目进度滞后，"
          f"其中续建{late_xu}个、新建{len(n_late) - late_xu}个（详见附件）。", [len(n_late), late_xu, len(n_late) - late_xu]))
    d.p("（二）要素保障不够有力。",
        S(f"未开工的{len(idle)}个项目均卡在用地环节，县职业教育实训基地、城西片区路网工程的用地报批材料仍在补充完善，"
          "农产品精深加工园尚待省级用地指标。", [len(idle)]))
    d.p("三、下步工作")
    d.p("各项目责任单位要对照督查发现的问题，逐项制定赶超措施，倒排工期、挂图作战；县自然资源局要加快用地报批，"
        "力争三季度内实现全部开工。县政府督查室将对进度滞后项目实行按月跟踪督办，督办情况纳入年度目标考核。")
    d.share("23.85", "42.6", s_done)
    d.share("14.2", "23.85", s_xu)
    d.share(len(started), len(xin), s_kg)
    d.share(over1, n, s_big)
    d.parts([len(xu), len(xin)], n, str(n))
    d.parts([len(started), len(idle)], len(xin), str(len(xin)))
    d.parts([late_xu, len(n_late) - late_xu], len(n_late), str(len(n_late)))
    d.table_total(n, str(n), t)
    d.table_count(n_built, "completed", str(n_built), t)
    d.table_count(len(n_late), "behind", str(len(n_late)), t)
    d.table_count(len(idle), "preparing", str(len(idle)), t)
    return d


def xiangmu_shituan():
    """Two mistakes: a field amount typed 6.81 for 6.18 (parts exceed the total), a share cut."""
    d = Doc("xiangmu-shituan-2023-11", "xiangmu", "石湍县人民政府督查室", "石政督〔2023〕11号",
            "石湍县1—9月重大项目建设推进情况督查专报", "2023年10月16日")
    N, plan, done = 38, "56.8", "44.37"
    fields = [("工业项目", 21, "26.14"), ("基础设施项目", 11, "12.05"), ("社会民生项目", 6, "6.18")]
    printed_minsheng = "6.81"                            # injected: digits swapped
    jg, zj, qq = 5, 27, 6
    s_done = ps(done, plan)
    s_gy = ps(fields[0][2], done)
    s_jg, s_zj = ps(jg, N), ps(zj, N)
    s_qq = ps(qq, N, cut=True)                           # injected: cut instead of rounded
    assert s_qq != ps(qq, N)
    new, new_on = 14, 12
    s_new = ps(new_on, new)
    d.p("按照县委、县政府主要领导批示要求，县政府督查室于10月上旬对全县市级重大项目推进情况进行了专项督查，现将督查情况报告如下。")
    d.p("（一）投资完成情况。",
        S(f"全县列入市级重大项目的共{N}个，年度计划投资{plan}亿元。", [N], a=[f"{plan}亿元"]),
        S(f"截至9月底，累计完成投资{done}亿元，完成年度计划的{s_done}，超序时进度3.1个百分点。", s=[s_done], a=[f"{done}亿元"]),
        S(f"分领域看，{fields[0][0]}{fields[0][1]}个完成投资{fields[0][2]}亿元，{fields[1][0]}{fields[1][1]}个完成投资"
          f"{fields[1][2]}亿元，{fields[2][0]}{fields[2][1]}个完成投资{printed_minsheng}亿元。",
          [f[1] for f in fields], a=[f"{fields[0][2]}亿元", f"{fields[1][2]}亿元", f"{printed_minsheng}亿元"]),
        S(f"工业项目完成投资占全部完成投资的{s_gy}，拉动作用明显。", s=[s_gy]))
    d.p("（二）项目推进情况。",
        S(f"{N}个项目中，已竣工{jg}个，占{s_jg}；", [N, jg], [s_jg]),
        S(f"在建{zj}个，占{s_zj}；", [zj], [s_zj]),
        S(f"处于前期阶段的{qq}个，占{s_qq}。", [qq], [s_qq]),
        S(f"今年计划新开工的{new}个项目，已开工{new_on}个，开工率{s_new}。", [new, new_on], [s_new]),
        S("省级重点项目4个，1—9月完成投资9.6亿元，占其年度计划的81.3%。", [4], ["81.3%"], ["9.6亿元"]),
        "项目建设带动就业约2600人。")
    d.p("（三）存在的主要问题。",
        S(f"一是前期工作推进偏慢，{qq}个前期项目中有2个尚未取得可研批复，分别是县城污水处理厂提标改造和石湍物流园二期；", [qq, 2]),
        S("二是要素制约依然突出，有4个在建项目反映存在资金到位不及时的问题，其中2个已出现停工；", [4, 2]),
        S("三是个别责任单位调度不够，8月以来仍有3个项目未按要求报送月度进展。", [3]))
    d.p("（四）下步建议。",
        S(f"建议由县发改局牵头，对{qq}个前期项目逐一召开推进会，明确时间节点；", [qq]),
        "对资金困难项目，由县财政局、县金融办协调金融机构予以支持，确保四季度完成年度投资目标。")
    d.share(done, plan, s_done)
    d.share(fields[0][2], done, s_gy)
    d.share(jg, N, s_jg)
    d.share(zj, N, s_zj)
    d.share(qq, N, s_qq, "printed cut instead of rounded")
    d.share(new_on, new, s_new)
    d.parts([f[1] for f in fields], N, str(N))
    d.parts([fields[0][2], fields[1][2], printed_minsheng], done, f"{done}亿元", "亿元")
    d.parts([jg, zj, qq], N, str(N))
    d.inject("sum_mismatch", f"{done}亿元", "社会民生 6.18亿元 printed as 6.81亿元: the fields add to 45.00亿元")
    d.inject("percent_truncated", s_qq, f"{qq}/{N} = 15.79% printed cut as {s_qq}")
    return d


# ================================================================ minsheng
def minsheng_fengao():
    """Clean, no annex: 15 实事 refined into 42 sub-projects, 分别占, numbered items."""
    d = Doc("minsheng-fengao-2024-05", "minsheng", "枫岙县人民政府督查室", "枫政督通〔2024〕5号",
            "关于2024年县级民生实事项目1—5月推进情况的通报", "2024年6月7日")
    n_ss, n_sub = 15, 42
    done, ontrack, late = 12, 24, 6
    town, rural = 19, 23
    s1, s2, s3 = ps(done, n_sub), ps(ontrack, n_sub), ps(late, n_sub)
    s_inv = ps("2.17", "3.86")
    s_t, s_r = ps(town, n_sub), ps(rural, n_sub)
    d.p("为推动县政府年初承诺的民生实事如期兑现，县政府督查室于5月下旬对各牵头单位推进情况进行了集中督查，"
        "并随机走访了部分项目点位。现将有关情况通报如下：")
    d.p("一、总体进展")
    d.p(S(f"今年县政府确定的{n_ss}件民生实事，细化分解为{n_sub}个子项目，计划总投资3.86亿元。", [n_ss, n_sub], a=["3.86亿元"]),
        S(f"截至5月31日，{n_sub}个子项目中：已完成{done}个，占{s1}；", [n_sub, done], [s1]),
        S(f"按序时推进{ontrack}个，占{s2}；", [ontrack], [s2]),
        S(f"进度滞后{late}个，占{s3}。", [late], [s3]))
    d.p(S(f"累计完成投资2.17亿元，为计划总投资的{s_inv}。", s=[s_inv], a=["2.17亿元"]),
        S(f"从分布看，城镇类子项目{town}个、农村类子项目{rural}个，分别占{s_t}和{s_r}。", [town, rural], [s_t, s_r]),
        S(f"已完成的{done}个子项目中，政策类项目有5个，均已兑现到人到户。", [done, 5]))
    d.p("二、存在问题")
    d.p(S(f"进度滞后的{late}个子项目中，4个集中在第3件（城区学校扩容）和第9件（农村供水保障），另2个分别属于第11件、第14件。",
          [late, 4, 2], i=[3, 9, 11, 14]),
        "究其原因，主要是设计变更和招投标耗时较长，个别乡镇配套资金迟迟不到位。")
    d.p("三、下步工作")
    d.p("各牵头单位要紧盯年度目标，对滞后子项目逐一分析原因、倒排工期；县财政局要统筹做好资金保障。"
        "这批实事惠及群众近12万人，要坚持质量与进度并重，确保年底前全面完成。")
    for part in (done, ontrack, late, town, rural):
        d.share(part, n_sub, ps(part, n_sub))
    d.share("2.17", "3.86", s_inv)
    d.parts([done, ontrack, late], n_sub, str(n_sub))
    d.parts([town, rural], n_sub, str(n_sub))
    d.parts([4, 2], late, str(late))
    return d


def minsheng_tangxi():
    """Two mistakes: the money share, and item 8 said not started while the annex has it under way."""
    d = Doc("minsheng-tangxi-2023-09", "minsheng", "棠溪县人民政府督查室", "棠政督〔2023〕9号",
            "棠溪县2023年民生实事项目进展情况督查通报", "2023年9月8日")
    R = [  # name, goal, unit, plan 万元, done 万元, progress, status
        ("城区学校新建扩建", "新增学位2400个", "县教育局", 3200, 3200, "2所学校主体及配套完工，秋季开学投入使用", "已完工"),
        ("农村公路提质改造", "改造农村公路120公里", "县交通运输局", 2800, 1450, "已完成改造68公里", "在建"),
        ("城区老旧小区改造", "改造老旧小区15个", "县住建局", 2100, 1120, "9个小区完成管网改造，外立面施工中", "在建"),
        ("乡镇卫生院能力提升", "提升乡镇卫生院6所", "县卫健局", 900, 880, "设备采购安装完毕，均已开诊", "已投入使用"),
        ("城区公厕新建改造", "新建改造公厕20座", "县城管局", 600, 0, "选址未最终确定", "未开工"),
        ("农村饮水安全巩固提升", "巩固提升饮水工程35处", "县水利局", 1300, 1290, "工程全部完工通水", "已完工"),
        ("城乡居民医保参保补助", "资助困难群众参保", "县医保局", 650, 650, "资助资金已全部拨付", "已完工"),
        ("县城集中供热管网延伸", "新建供热管网8公里", "县住建局", 1500, 420, "主管网沟槽开挖完成2.6公里", "在建"),
        ("社区居家养老服务站", "新建服务站10个", "县民政局", 500, 260, "6个站点完成装修", "在建"),
        ("农贸市场标准化改造", "改造农贸市场4个", "县市场监管局", 800, 510, "2个市场改造完成，其余正在施工", "在建"),
        ("乡镇敬老院消防改造", "改造敬老院消防设施8所", "县民政局", 350, 0, "设计方案审查中", "未开工"),
        ("城区智慧停车系统", "建设智慧停车泊位1500个", "县公安局", 500, 90, "前端设备安装调试中", "在建"),
    ]
    plan, done = sum(r[3] for r in R), sum(r[4] for r in R)
    assert (plan, done) == (15200, 9870)
    rows = [[str(i + 1), r[0], r[1], r[2], str(r[3]), str(r[4]), r[5], r[6]] for i, r in enumerate(R)]
    t = d.annex("棠溪县2023年民生实事项目进展情况表",
                [["序号", "项目名称", "年度目标任务", "牵头单位", "年度计划投资（万元）", "完成投资（万元）", "截至8月底进展", "状态"]],
                rows, {"seq": 0, "target": [1], "units": 3, "progress": 6, "status": 7}, [1, 4, 4, 3, 2, 2, 6, 2])
    n = len(R)
    st = [status_of(r[6]) for r in R]
    wg, zj, wk = st.count("completed"), st.count("on_track"), st.count("preparing")
    s_wg, s_kg = ps(wg, n), ps(wg + zj, n)
    s_inv_true = ps(done, plan)
    s_inv = "69.4%"                                       # injected
    assert s_inv != s_inv_true and s_inv != ps(done, plan, cut=True)
    d.p("近期，县政府督查室会同县发改局，对县委、县政府今年承诺办理的民生实事进行了第三季度督查。现将有关情况通报如下。")
    d.p("一、总体进展情况")
    d.p(S(f"今年承诺办理的民生实事共{n}项，年度计划投资1.52亿元（详见附件）。", [n], a=["1.52亿元"]),
        S(f"截至8月31日，已完工{wg}项，在建{zj}项，未开工{wk}项；", [wg, zj, wk]),
        S(f"完工率{s_wg}，开工率{s_kg}。", s=[s_wg, s_kg]),
        S(f"累计完成投资{done}万元，占年度计划投资的{s_inv}。", s=[s_inv], a=[f"{done}万元"]))
    d.p("二、存在的问题")
    d.p("一是个别项目开工滞后。",
        S("第5项（城区公厕新建改造）、第8项（县城集中供热管网延伸）至今未开工，选址和设计方案尚未最终确定。", i=[5, 8]),
        "二是资金拨付不够及时。",
        S(f"{zj}个在建项目中有3个反映上级补助资金尚未足额到位，影响工程款支付。", [zj, 3]),
        "三是部分政策类项目宣传不到位，群众知晓率不高。")
    d.p("三、下步工作要求")
    d.p("各牵头单位要对照附件所列进度，逐项抓好推进，未开工项目务必于9月底前开工建设；县财政局要加快资金拨付。"
        "县政府督查室将按月通报进展情况。")
    d.share(wg, n, s_wg)
    d.share(wg + zj, n, s_kg)
    d.share(done, plan, s_inv, "the plan is 1.52亿元 = 15200万元")
    d.parts([wg, zj, wk], n, str(n))
    d.table_total(n, str(n), t)
    d.table_count(wg, "completed", str(wg), t)
    d.table_count(zj, "on_track", str(zj), t)
    d.table_count(wk, "preparing", str(wk), t)
    d.named(5, "preparing", "第5项", t)
    d.named(8, "preparing", "第8项", t)
    d.inject("percent_mismatch", s_inv, f"9870/15200 = 64.93%, printed {s_inv}")
    d.inject("named_item_status", "第8项", "item 8 said not started; the annex has it 在建 (item 11 is the other one not started)")
    return d


# ================================================================ zhenggai
def zhenggai_heting():
    """Mistake: item 14 finished in the annex, the narrative still counts it as under way (two findings)."""
    d = Doc("zhenggai-heting-2024-03", "zhenggai", "鹤汀县人民政府督查室", "鹤政督专〔2024〕3号",
            "关于省生态环境保护督察反馈问题整改落实情况的督查专报", "2024年3月20日", "xlsx")
    R = [  # problem, unit, deadline, progress, status
        ("城区部分路段餐饮油烟直排，群众反映强烈", "县城管局", "2023年12月底", "42家餐饮单位完成油烟净化设施安装", "已完成整改"),
        ("县城生活垃圾填埋场渗滤液处理能力不足", "县住建局", "2023年12月底", "新增渗滤液处理设备已投运", "已完成整改"),
        ("鹤溪河部分河段存在非法采砂现象", "县水利局", "2023年10月底", "取缔非法采砂点，恢复河道岸线", "已完成整改"),
        ("工业园区部分企业挥发性有机物治理设施运行不正常", "县生态环境局", "2023年12月底", "11家企业完成治理设施升级改造", "已完成整改"),
        ("畜禽养殖废弃物资源化利用率偏低", "县农业农村局", "2024年6月底", "规模养殖场粪污设施配套基本完成，散养户治理推进中", "整改中"),
        ("农村生活污水处理设施部分闲置", "县住建局", "2024年6月底", "已修复设施18座，其余正在排查修复", "整改中"),
        ("饮用水水源保护区内存在违规建筑", "县水利局", "2023年11月底", "违规建筑已拆除，设置隔离防护", "已完成整改"),
        ("废弃矿山生态修复进度滞后", "县自然资源局", "2024年12月底", "完成复绿320亩，剩余区域按计划推进", "整改中"),
        ("城区黑臭水体治理不彻底", "县住建局", "2023年12月底", "截污管网改造未完成，水质尚未稳定达标", "逾期未整改"),
        ("建筑工地扬尘管控不到位", "县住建局", "2023年10月底", "落实围挡、覆盖、冲洗等措施，接入视频监控", "已完成整改"),
        ("秸秆露天焚烧现象时有发生", "县农业农村局", "2023年11月底", "建立网格化监管机制，推广秸秆还田", "已完成整改"),
        ("医疗废物收集处置不规范", "县卫健局", "2023年10月底", "乡镇卫生院医疗废物全部纳入集中收运", "已完成整改"),
        ("加油站油气回收装置未正常使用", "县商务局", "2023年10月底", "完成全县加油站油气回收检测", "已完成整改"),
        ("砖瓦窑企业无组织排放问题突出", "县生态环境局", "2023年12月底", "关停落后窑炉，其余企业完成密闭改造并通过验收", "已完成整改"),
        ("乡镇垃圾中转站运行不规范", "县城管局", "2023年12月底", "完成中转站提标改造", "已完成整改"),
        ("河道沿岸垃圾乱堆乱倒", "县水利局", "2023年10月底", "清理河道垃圾，落实河长巡河制度", "已完成整改"),
        ("工业固体废物贮存场所防渗措施不到位", "县生态环境局", "2023年12月底", "督促企业完成贮存场所规范化改造", "已完成整改"),
        ("污水处理厂出水总磷间歇性超标", "县住建局", "2023年12月底", "完成除磷工艺改造，出水稳定达标", "已完成整改"),
        ("自然保护区内违规开垦林地", "县林业局", "2024年3月底", "退耕还林正在实施", "整改中"),
        ("重点排污单位自动监控数据传输不稳定", "县生态环境局", "2023年11月底", "完成监控设备更换和联网调试", "已完成整改"),
        ("工业园区污水管网雨污分流不彻底", "县工业园区管委会", "2023年12月底", "管网改造工程仍在施工，未按期完成", "逾期未整改"),
        ("餐厨垃圾处置能力不足", "县城管局", "2024年9月底", "餐厨垃圾处理项目已开工建设", "整改中"),
        ("露天烧烤油烟扰民", "县城管局", "2023年9月底", "规范设置集中经营区，取缔露天烧烤摊点", "已完成整改"),
        ("部分企业环境影响评价手续不全", "县生态环境局", "2023年12月底", "督促企业补办环评手续", "已完成整改"),
        ("城区噪声扰民投诉较多", "县公安局", "2023年11月底", "开展夜间施工和社会生活噪声专项整治", "已完成整改"),
        ("农药包装废弃物回收体系不健全", "县农业农村局", "2023年12月底", "建成乡村回收网点", "已完成整改"),
        ("历史遗留废弃矿坑存在环境风险", "县自然资源局", "2023年12月底", "完成风险评估和警示标识设置，治理方案已批复", "已完成整改"),
    ]
    rows = [[str(i + 1), r[0], r[1], r[2], r[3], r[4]] for i, r in enumerate(R)]
    t = d.annex("鹤汀县省生态环境保护督察反馈问题整改进展情况表",
                [["序号", "反馈问题", "责任单位", "整改时限", "整改进展", "整改状态"]],
                rows, {"seq": 0, "target": [1], "units": 2, "progress": 4, "status": 5}, [1, 6, 3, 2, 6, 2],
                filler_unit="县生态环境局")
    n = len(R)
    st = [status_of(r[4]) for r in R]
    late_items = [i + 1 for i, s in enumerate(st) if s == "behind"]
    # the narrative was written before item 14 was signed off
    done_n, doing_n, late_n = st.count("completed") - 1, st.count("on_track") + 1, len(late_items)
    assert R[13][4] == "已完成整改"
    s_done = ps(done_n, n)
    xf, xf_done = 113, 108
    s_xf = ps(xf_done, xf)
    d.p("根据县生态环境保护督察整改工作领导小组安排，县政府督查室联合县生态环境局，于3月上旬对省第三生态环境保护督察组"
        "反馈问题整改情况开展了跟踪督查。现将督查情况报告如下。")
    d.p("一、整改总体情况")
    d.p(S(f"省督察组共向我县反馈问题{n}个、交办群众信访件{xf}件。", [n, xf]),
        S(f"对照整改方案，{n}个反馈问题中已完成整改{done_n}个，整改完成率{s_done}；", [n, done_n], [s_done]),
        S(f"正在整改{doing_n}个；", [doing_n]),
        S(f"超过整改时限仍未完成的{late_n}个。", [late_n]))
    d.p(S(f"{xf}件信访件已办结{xf_done}件，办结率{s_xf}，其余{xf - xf_done}件正在办理。", [xf, xf_done, xf - xf_done], [s_xf]),
        S("信访件办理过程中，共责令整改企业64家，立案查处环境违法案件17起，处罚金额286.5万元。", [64, 17], a=["286.5万元"]))
    d.p("二、存在的主要问题")
    d.p("（一）部分问题整改超期。",
        S(f"第{late_items[0]}项（城区黑臭水体治理）和第{late_items[1]}项（工业园区污水管网雨污分流）已超过整改时限，目前仍未完成。",
          i=late_items),
        "（二）整改质量有待提升。",
        S("督查中抽查已完成整改问题8个，发现2个存在反弹迹象。", [8, 2]))
    d.p("三、下一步工作建议")
    d.p("请各责任单位于3月31日前将超期问题整改计划报县督察整改办；县生态环境局要牵头做好已完成问题的“回头看”，防止问题反弹。")
    d.share(done_n, n, s_done)
    d.share(xf_done, xf, s_xf)
    d.parts([done_n, doing_n, late_n], n, str(n))
    d.parts([xf_done, xf - xf_done], xf, str(xf))
    d.table_total(n, str(n), t)
    d.table_count(done_n, "completed", str(done_n), t)
    d.table_count(doing_n, "on_track", str(doing_n), t)
    d.table_count(late_n, "behind", str(late_n), t)
    for i in late_items:
        d.named(i, "behind", f"第{i}项", t)
    d.inject("count_vs_table", str(done_n), "annex row 14 reads 已完成整改; the narrative counts it as still under way")
    d.inject("count_vs_table", str(doing_n), "same row: the annex has one 整改中 fewer than the narrative")
    return d


def zhenggai_luwan():
    """Clean, no annex: 巡察 three-way split, a share of two parts together, 审计 amounts."""
    d = Doc("zhenggai-luwan-2023-12", "zhenggai", "芦湾县人民政府督查室", "芦政督通〔2023〕12号",
            "关于巡察及审计反馈问题整改工作进展情况的通报", "2023年12月8日")
    n, done, basic, going = 146, 128, 11, 7
    s_done, s_two = ps(done, n), ps(done + basic, n)
    sj, sj_done = 45, 38
    s_sj, s_amt = ps(sj_done, sj), ps("1.06", "1.38")
    d.p("按照县委、县政府关于抓好巡察和审计反馈问题整改的部署要求，县政府督查室近期对相关单位整改工作进行了督查，"
        "现将进展情况通报如下。")
    d.p("一、巡察反馈问题整改")
    d.p(S(f"十三届县委第四轮巡察向被巡察党组织反馈问题{n}个。", [n]),
        S(f"截至11月30日，已完成整改{done}个，基本完成{basic}个，正在推进{going}个，整改完成率{s_done}。",
          [done, basic, going], [s_done]),
        S(f"已完成和基本完成的{done + basic}个问题，占反馈问题总数的{s_two}。", [done + basic], [s_two]),
        S("巡察整改中，各单位共建立完善制度规定57项，给予党纪政务处分4人，诫勉谈话9人。", [57, 4, 9]))
    d.p("二、审计查出问题整改")
    d.p(S(f"县审计局2022年度审计工作报告反映问题{sj}个，涉及问题金额1.38亿元。", [sj], a=["1.38亿元"]),
        S(f"目前已整改{sj_done}个，问题整改率{s_sj}；", [sj_done], [s_sj]),
        S(f"整改问题金额1.06亿元，占应整改金额的{s_amt}。", s=[s_amt], a=["1.06亿元"]),
        S(f"尚未完成整改的{sj - sj_done}个问题，主要涉及历史遗留债务和国有资产处置，需分阶段推进。", [sj - sj_done]))
    d.p("三、存在的不足")
    d.p("一是个别单位整改存在“重形式、轻实效”倾向，有的整改措施停留在制度层面；",
        S(f"二是{going}个正在推进的巡察反馈问题中，有3个属于跨部门事项，牵头单位协调力度不够。", [going, 3]))
    d.p("四、下步要求")
    d.p("各单位要建立整改台账，逐项明确责任人和完成时限，对已完成整改的问题适时开展“回头看”；县审计局要持续跟踪审计整改，"
        "确保年底前应改尽改。")
    d.share(done, n, s_done)
    d.share(done + basic, n, s_two)
    d.share(sj_done, sj, s_sj)
    d.share("1.06", "1.38", s_amt)
    d.parts([done, basic, going], n, str(n))
    d.parts([sj_done, sj - sj_done], sj, str(sj))
    return d


# ================================================================ anquan
def anquan_ligang():
    """Clean; the annex lists only the 15 hazards not yet fixed."""
    d = Doc("anquan-ligang-2024-06", "anquan", "栗岗县人民政府督查室", "栗政督通〔2024〕6号",
            "关于全县安全生产大检查督查情况的通报", "2024年6月18日")
    R = [  # town, unit, grade, hazard, measure, deadline, status
        ("梅溪镇", "梅溪化工有限公司", "重大", "液氯储罐区可燃气体报警装置失效", "更换报警探头并接入监控平台", "2024年6月30日", "整改中"),
        ("梅溪镇", "梅溪镇商贸综合体", "一般", "疏散通道堆放杂物", "清理通道，落实日常巡查", "2024年6月20日", "整改中"),
        ("梅溪镇", "恒达建材厂", "一般", "除尘系统未设置泄爆装置", "加装泄爆片，更换除尘器", "2024年7月15日", "未整改"),
        ("岗头镇", "县第二中学宿舍楼改造工地", "一般", "塔吊限位装置失灵", "维修限位装置并重新检测", "2024年6月25日", "整改中"),
        ("岗头镇", "岗头镇农贸市场", "一般", "电气线路私拉乱接", "重新敷设线路", "2024年6月30日", "整改中"),
        ("岗头镇", "宏远木业有限公司", "重大", "粉尘涉爆车间积尘未按规定清扫", "停产清理，更换防爆电气设备", "2024年7月10日", "未整改"),
        ("白沙乡", "白沙加油站", "一般", "卸油区静电接地装置损坏", "更换接地装置", "2024年6月20日", "整改中"),
        ("白沙乡", "白沙乡敬老院", "一般", "厨房燃气管道老化", "更换燃气管道并加装报警器", "2024年6月25日", "整改中"),
        ("城关镇", "滨江花园项目工地", "一般", "深基坑临边防护不到位", "完善临边防护", "2024年6月20日", "整改中"),
        ("城关镇", "金色年华KTV", "一般", "应急照明灯不亮", "更换应急照明设施", "2024年6月20日", "整改中"),
        ("城关镇", "鑫源液化气站", "一般", "钢瓶检验台账不全", "完善台账，超期钢瓶送检", "2024年6月30日", "整改中"),
        ("石门乡", "石门采石场", "一般", "开采边坡台阶高度超标", "编制边坡治理方案，停产整改", "2024年7月31日", "未整改"),
        ("石门乡", "石门乡中心小学", "一般", "消防水泵无法正常启动", "维修消防水泵", "2024年6月25日", "整改中"),
        ("梅溪镇", "梅溪冷链仓储中心", "一般", "氨制冷设备压力表超期未检", "送检并更换压力表", "2024年6月30日", "整改中"),
        ("岗头镇", "岗头纺织厂", "一般", "配电柜老化，更换需停产检修", "制定停产检修计划", "2024年7月20日", "未整改"),
    ]
    rows = [[str(i + 1), *r] for i, r in enumerate(R)]
    t = d.annex("栗岗县安全生产大检查未整改到位隐患清单",
                [["序号", "乡镇", "检查单位", "隐患等级", "隐患问题", "整改措施", "整改时限", "整改情况"]],
                rows, {"seq": 0, "target": [4], "units": 2, "status": 7}, [1, 2, 4, 2, 5, 5, 3, 2])
    found, fixed = 86, 71
    left = found - fixed
    st = [status_of(r[6]) for r in R]
    doing, notyet = st.count("on_track"), st.count("behind")
    major_left = sum(1 for r in R if r[2] == "重大")
    s_fix = ps(fixed, found)
    d.p(S("为深入推进安全生产治本攻坚三年行动，5月20日至6月5日，县政府督查室会同县应急管理局、县住建局、县消防救援大队"
          "组成4个督查组，对全县各乡镇和重点行业领域安全生产大检查开展情况进行了督查。", [4]),
        "现将有关情况通报如下。")
    d.p("一、基本情况")
    d.p(S("督查组共抽查生产经营单位32家，其中危险化学品企业6家、建筑施工工地11个、人员密集场所15处。", [32, 6, 11, 15]),
        S(f"共发现各类问题隐患{found}处，现场督促整改{fixed}处，整改率{s_fix}。", [found, fixed], [s_fix]),
        S(f"其中重大隐患3处，已整改1处，其余{major_left}处已由县安委办挂牌督办。", [3, 1, major_left]),
        S("对检查中发现的违法违规行为，立案处罚9起，责令停产停业整顿2家，罚款金额共计23.5万元。", [9, 2], a=["23.5万元"]))
    d.p(S("从乡镇情况看，问题隐患数量居前三位的是梅溪镇（14处）、岗头镇（11处）和白沙乡（9处）。", [14, 11, 9]))
    d.p("二、未整改到位隐患情况")
    d.p(S(f"截至6月14日，尚未整改到位的隐患共{left}处（详见附件），其中正在整改{doing}处；", [left, doing]),
        S(f"另有{notyet}处涉及设备更换、需停产检修，暂未整改。", [notyet]),
        S(f"{major_left}处尚未整改到位的重大隐患均已明确整改责任人和整改资金。", [major_left]))
    d.p("三、工作要求")
    d.p("各乡镇、各有关部门要对照隐患清单，逐条落实整改责任、措施、资金、时限和预案，实行闭环销号管理；"
        "县应急管理局要加强跟踪复查，对逾期未整改的依法从严处罚。")
    d.share(fixed, found, s_fix)
    d.parts([6, 11, 15], 32, "32")
    d.parts([fixed, left], found, str(found))
    d.parts([1, major_left], 3, "3")
    d.parts([doing, notyet], left, str(left))
    d.table_total(left, str(left), t)
    d.table_count(doing, "on_track", str(doing), t)
    d.table_count(notyet, "behind", str(notyet), t)
    return d


def anquan_yutang():
    """Traditional characters, no annex; two mistakes: a field count 71 for 61, a rate cut."""
    d = Doc("anquan-yutang-2023-08", "anquan", "榆塘縣人民政府督查室", "榆政督通〔2023〕8號",
            "關於全縣汛期安全生產專項檢查情況的通報", "2023年8月15日")
    units, total = 128, 247
    fields = [("非煤礦山", 38), ("危險化學品", 52), ("建築施工", 96), ("消防安全", 61)]
    printed_fire = 71                                    # injected
    fixed = 215
    s_fix = ps(fixed, total)
    jz, jz_fixed = 96, 79
    s_jz = ps(jz_fixed, jz, cut=True)                    # injected
    assert s_jz != ps(jz_fixed, jz)
    shown = [fields[0][1], fields[1][1], fields[2][1], printed_fire]
    d.p("入汛以來，縣安委辦組織應急、住建、交通運輸、消防等部門，對全縣重點行業領域開展了汛期安全生產專項檢查。現將檢查情況通報如下。")
    d.p("一、檢查基本情況")
    d.p(S(f"本次專項檢查共檢查生產經營單位{units}家，發現各類安全隱患{total}處。", [units, total]),
        S(f"按行業領域劃分，{fields[0][0]}{shown[0]}處、{fields[1][0]}{shown[1]}處、{fields[2][0]}{shown[2]}處、"
          f"{fields[3][0]}{shown[3]}處。", shown),
        S(f"截至8月10日，已整改{fixed}處，整改率{s_fix}；", [fixed], [s_fix]),
        S(f"其餘{total - fixed}處正在整改。", [total - fixed]))
    d.p(S(f"建築施工領域是隱患最集中的領域，{jz}處隱患已整改{jz_fixed}處，整改率{s_jz}。", [jz, jz_fixed], [s_jz]),
        S("檢查中發現重大隱患4處，已整改3處，剩餘1處已掛牌督辦。", [4, 3, 1]),
        S("對隱患突出的企業，約談企業負責人17人，責令停產整頓5家，立案處罰12起、罰款46.8萬元。", [17, 5, 12], a=["46.8萬元"]))
    d.p("二、存在的主要問題")
    d.p("一是部分企業主體責任落實不到位，近20家企業未按要求開展汛前自查；二是部分在建工地深基坑、高邊坡防護措施不足，"
        "臨時用電管理混亂；三是個別鄉鎮對轄區小作坊、小倉庫底數不清，存在監管盲區。")
    d.p("三、下步工作")
    d.p(S(f"各鄉鎮、各行業主管部門要對未整改完成的{total - fixed}處隱患實行清單化管理，明確整改時限，確保8月底前全部銷號；",
          [total - fixed]),
        "縣應急管理局將適時組織“回頭看”，對整改不力的單位予以通報。")
    d.share(fixed, total, s_fix)
    d.share(jz_fixed, jz, s_jz, "printed cut instead of rounded")
    d.parts(shown, total, str(total))
    d.parts([fixed, total - fixed], total, str(total))
    d.parts([3, 1], 4, "4")
    d.inject("sum_mismatch", str(total), "消防安全 61處 printed as 71處: the fields add to 257")
    d.inject("percent_truncated", s_jz, f"{jz_fixed}/{jz} = 82.29% printed cut as {s_jz}")
    return d


# ================================================================ chengguan
def chengguan_shanqiao():
    """Two mistakes: the rate's digits swapped, and item 19 (fixed in the annex) named as unfixed."""
    d = Doc("chengguan-shanqiao-2024-04", "chengguan", "杉桥县人民政府督查室", "杉政督〔2024〕4号",
            "关于城区市容环境秩序专项督察情况的通报（第4期）", "2024年4月12日")
    A, B, C, E = "占道经营", "乱堆乱放", "违规设置广告招牌", "市政设施破损缺失"
    R = [  # place, type, description, unit, status
        ("人民路与建设路交叉口", A, "水果摊点占用人行道经营", "城东街道", "已整改"),
        ("东门农贸市场东侧", A, "流动摊贩聚集，堵塞通道", "城东街道", "已整改"),
        ("建设路中段", C, "商铺招牌破损、超出规定尺寸", "城东街道", "已整改"),
        ("东环路公交站台", E, "候车亭顶棚破损", "县住建局", "已整改"),
        ("滨河路步行道", B, "建筑材料堆放占用步行道", "城南街道", "已整改"),
        ("解放街", A, "店外摆放桌椅经营", "城西街道", "已整改"),
        ("西关大道与杉桥路口", C, "楼顶大型户外广告未经审批设置", "城西街道", "未整改"),
        ("东风巷", B, "居民杂物堆放楼道口", "城东街道", "已整改"),
        ("文化路", E, "人行道板松动破损", "县住建局", "整改中"),
        ("城南菜市场", A, "蔬菜摊点出店经营", "城南街道", "整改中"),
        ("东街小学门口", A, "上下学时段流动摊贩聚集", "城东街道", "整改中"),
        ("南门桥头", B, "废旧家具堆放桥头空地", "城南街道", "已整改"),
        ("北环路", E, "路灯不亮", "县住建局", "已整改"),
        ("西门市场", A, "肉类摊点出店经营", "城西街道", "已整改"),
        ("西关大道中段", C, "大型户外广告牌架体锈蚀", "城西街道", "未整改"),
        ("东城小区门口", B, "装修垃圾未及时清运", "城东街道", "已整改"),
        ("杉桥路", E, "窨井盖缺失", "县住建局", "已整改"),
        ("河西路", B, "废品收购点物品外溢", "城西街道", "整改中"),
        ("建设路北段", C, "墙体广告违规张贴", "城东街道", "已整改"),
        ("人民路东段", A, "汽车维修店占道作业", "城东街道", "已整改"),
        ("体育场周边", A, "夜市摊点超范围经营", "城南街道", "已整改"),
        ("滨河路桥下", E, "护栏缺失", "县住建局", "未整改"),
        ("城南路", B, "商户货物堆放店外", "城南街道", "整改中"),
        ("西门新村", B, "建筑垃圾乱倒", "城西街道", "已整改"),
        ("汽车站广场", A, "流动摊点占道经营", "县交通运输局", "整改中"),
        ("人民医院门口", E, "盲道被占用破坏", "县住建局", "已整改"),
    ]
    rows = [[str(i + 1), *r] for i, r in enumerate(R)]
    t = d.annex("杉桥县城区市容环境秩序督察问题清单（第4期）",
                [["序号", "问题点位", "问题类型", "问题描述", "责任单位", "复查情况"]],
                rows, {"seq": 0, "target": [1, 3], "units": 4, "status": 5}, [1, 4, 3, 5, 3, 2])
    n = len(R)
    by_type = [sum(1 for r in R if r[1] == k) for k in (A, B, C, E)]
    st = [status_of(r[4]) for r in R]
    ok, doing, no = st.count("completed"), st.count("on_track"), st.count("behind")
    unfixed = [i + 1 for i, s in enumerate(st) if s == "behind"]
    dong = [r for r in R if r[3] == "城东街道"]
    dong_ok = sum(1 for r in dong if r[4] == "已整改")
    assert {R[i - 1][3] for i in unfixed} == {"城西街道", "县住建局"}
    s_true = ps(ok, n)
    s_rate = "64.5%"                                     # injected: 65.4% with digits swapped
    assert s_true == "65.4%"
    named = [unfixed[0], 19]                             # injected: 19 instead of 15
    assert unfixed[1] == 15 and R[18][1] == C and R[18][4] == "已整改"
    d.p("3月下旬，县政府督查室会同县城市管理局，采取明查与暗访相结合的方式，对城区市容环境秩序开展了专项督察。现将督察情况通报如下。")
    d.p("一、督察发现问题情况")
    d.p(S(f"本次督察覆盖城区主次干道14条、背街小巷22条、农贸市场3个，共发现市容环境问题{n}处（详见附件）。", [14, 22, 3, n]),
        S(f"按问题类型分，{A}{by_type[0]}处，{B}{by_type[1]}处，{C}{by_type[2]}处，{E}{by_type[3]}处。", by_type))
    d.p("二、整改复查情况")
    d.p(S(f"4月10日，督察组对上述问题进行了复查：已整改{ok}处，整改率{s_rate}；", [ok], [s_rate]),
        S(f"正在整改{doing}处，限期于4月20日前完成；", [doing]),
        S(f"仍有{no}处未整改。", [no]))
    d.p(S(f"从责任单位看，城东街道整改进度最快，{len(dong)}处问题已整改{dong_ok}处；", [len(dong), dong_ok]),
        S(f"城西街道、县住建局整改较慢，{no}处未整改问题均集中在上述单位。", [no]))
    d.p("三、存在问题")
    d.p(S(f"一是违规广告招牌问题整改难度大，未整改的{no}处中，第{named[0]}号、第{named[1]}号均为违规设置的大型户外广告，"
          "产权单位拆除意愿不强；", [no], i=named),
        S(f"二是部分路段占道经营反弹明显，督察中发现的{by_type[0]}处占道经营问题有5处属于往期已通报点位。", [by_type[0], 5]))
    d.p("四、工作要求")
    d.p("各责任单位要举一反三，对未整改问题建立销号台账；县城市管理局要加大执法力度，对反复出现的占道经营行为依法查处。"
        "督察结果将纳入城市管理月度考核。")
    d.share(ok, n, s_rate)
    d.parts(by_type, n, str(n))
    d.parts([ok, doing, no], n, str(n))
    d.table_total(n, str(n), t)
    d.table_count(ok, "completed", str(ok), t)
    d.table_count(doing, "on_track", str(doing), t)
    d.table_count(no, "behind", str(no), t)
    for i in named:
        d.named(i, "behind", f"第{i}号", t)
    d.inject("percent_mismatch", s_rate, f"{ok}/{n} = 65.38%, printed {s_rate}")
    d.inject("named_item_status", "第19号", "item 19 named among the unfixed; the annex has it 已整改 (the unfixed sign is item 15)")
    return d


def chengguan_zhelin():
    """Clean, no annex, every figure in full-width digits."""
    d = Doc("chengguan-zhelin-2024-09", "chengguan", "柘林县人民政府督查室", fw("柘政督通〔2024〕9号"),
            fw("关于8月份城区市容秩序巡查督察情况的通报"), "2024年9月6日")
    pts, found, fixed = 48, 113, 97
    kinds = [("店外经营", 38), ("非机动车乱停放", 29), ("垃圾暴露", 17), ("其他问题", 29)]
    assert sum(k[1] for k in kinds) == found
    s_fix = fw(ps(fixed, found))
    back, back_ok = 21, 19

    def F(text, c=(), s=()):
        return S(fw(text), c, s)

    d.p(F("8月份，县政府督查室联合县城市管理局、县市场监管局，对城区6个街道（镇）市容秩序开展了常态化巡查督察。", [6]),
        "现将有关情况通报如下。")
    d.p("一、巡查总体情况")
    d.p(F(f"本月共巡查点位{pts}个，发现问题{found}处，均已通过数字城管平台交办。", [pts, found]),
        F(f"截至8月31日，已整改{fixed}处，整改率{ps(fixed, found)}；", [fixed], [s_fix]),
        F(f"剩余{found - fixed}处正在整改。", [found - fixed]),
        F("从问题类型看，" + "、".join(f"{k}{v}处" for k, v in kinds) + "。", [v for _, v in kinds]))
    d.p(F("从各街道（镇）情况看，问题数量最多的是城关街道（31处），最少的是柘溪镇（6处）；", [31, 6]),
        "整改率居前的是柘溪镇和北门街道，居末位的是城关街道。")
    d.p("二、“回头看”情况")
    d.p(F(f"督察组对第8期通报的{back}处问题开展了“回头看”，其中{back_ok}处保持整改效果，{back - back_ok}处出现反弹，已重新交办。",
          [back, back_ok, back - back_ok]))
    d.p("三、工作要求")
    d.p(fw("各街道（镇）要落实“门前三包”责任，对反弹问题从严从快处置；城关街道要针对问题数量多、整改率低的情况，"
           "制定专项整治方案，于9月15日前报县城市管理局。"))
    d.share(fixed, found, s_fix)
    d.parts([fixed, found - fixed], found, fw(str(found)))
    d.parts([v for _, v in kinds], found, fw(str(found)))
    d.parts([back_ok, back - back_ok], back, fw(str(back)))
    return d


# ================================================================ shiqing
def shiqing_weitang():
    """Clean, no annex, counts in Chinese numerals (衔接资金 projects and 办实事)."""
    d = Doc("shiqing-weitang-2024-02", "shiqing", "苇塘县人民政府督查室", "苇政督通〔2024〕2号",
            "关于2023年度衔接资金项目和“我为群众办实事”项目推进情况的通报", "2024年2月5日")
    n, done = 46, 41
    fund, paid, industry = 8650, 7932, 5370
    s_wg, s_pay, s_ind = ps(done, n), ps(paid, fund), ps(industry, fund)
    xs, town, town_done = 22, 108, 103
    s_xs, s_town = ps(xs, xs, 0), ps(town_done, town)
    d.p("春节前，县政府督查室会同县乡村振兴局、县财政局，对2023年度衔接推进乡村振兴补助资金项目和“我为群众办实事”项目"
        "完成情况进行了督查。现将有关情况通报如下。")
    d.p("一、衔接资金项目")
    d.p(S(f"2023年全县实施衔接资金项目{cn(n)}个，下达资金{fund}万元。", [n], a=[f"{fund}万元"]),
        S(f"截至1月31日，{cn(n)}个项目中已完工{cn(done)}个，完工率{s_wg}；", [n, done], [s_wg]),
        S(f"在建{cn(n - done)}个，均为跨年度实施的产业项目。", [n - done]),
        S(f"已拨付资金{paid}万元，拨付率{s_pay}。", s=[s_pay], a=[f"{paid}万元"]),
        S(f"资金使用结构上，用于产业发展{industry}万元，占比{s_ind}，高于省定比例要求。", s=[s_ind], a=[f"{industry}万元"]),
        S("项目建成后带动脱贫户三千余户增收，吸纳当地群众就业1260人。", [1260]))
    d.p("二、“我为群众办实事”项目")
    d.p(S(f"县级层面确定的{cn(xs)}项办实事项目已全部完成，完成率{s_xs}；", [xs], [s_xs]),
        S(f"各乡镇确定的{cn(town)}项项目中，已完成{cn(town_done)}项，完成率{s_town}，其余{cn(town - town_done)}项正在收尾。",
          [town, town_done, town - town_done], [s_town]))
    d.p("三、下步工作")
    d.p(S(f"县乡村振兴局要督促在建的{cn(n - done)}个衔接资金项目加快进度，确保3月底前完工并及时组织验收；", [n - done]),
        "县财政局要加快剩余资金拨付进度。")
    d.share(done, n, s_wg)
    d.share(paid, fund, s_pay)
    d.share(industry, fund, s_ind)
    d.share(xs, xs, s_xs)
    d.share(town_done, town, s_town)
    d.parts([done, n - done], n, cn(n))
    d.parts([town_done, town - town_done], town, cn(town))
    return d


def shiqing_mingxi():
    """Mistake: one pending demand left out of the annex (total and 在办 count disagree with it)."""
    rng = random.Random(1010)
    d = Doc("shiqing-mingxi-2024-10", "shiqing", "茗溪县人民政府督查室", "茗政督〔2024〕10号",
            "关于第三季度企业诉求办理情况的督查通报", "2024年10月11日", "xlsx")
    T = [  # demand, unit, text when done, text when pending ("" = cannot be pending)
        ("协调解决厂区扩建用地指标", "县自然资源局", "已完成用地预审，企业取得不动产权证", "已纳入年度用地计划，正在办理报批手续"),
        ("申请变压器增容", "国网茗溪县供电公司", "增容工程完工送电", "供电方案已确定，线路施工中"),
        ("反映技改补助资金未兑现", "县工信局", "补助资金拨付到位", "正在与县财政局核对资金来源"),
        ("申请办理排污许可证变更", "县生态环境局", "许可证变更完成", "企业补正材料中"),
        ("反映园区道路破损影响货车通行", "县经开区管委会", "道路修复完成", "维修工程已完成招标"),
        ("协调解决员工子女入学", "县教育局", "已安排就近入学", ""),
        ("申请稳岗返还补贴", "县人社局", "补贴发放到位", "正在审核申报材料"),
        ("反映天然气供应价格偏高", "县发改局", "组织供需双方协商，价格已下调", "正在开展成本监审"),
        ("申请办理消防验收", "县住建局", "消防验收通过", "整改后复查中"),
        ("希望帮助对接银行融资", "县金融服务中心", "企业获得银行授信", "正在对接合作银行"),
        ("反映出口退税办理慢", "县税务局", "退税款到账", ""),
        ("申请开展招工用工对接", "县人社局", "组织专场招聘会，企业招到所需员工", ""),
        ("反映厂区周边排水不畅", "县住建局", "排水管网疏通完成", "正在设计改造方案"),
        ("申请兑现招商引资奖励", "县商务局", "奖励资金兑现", "正在按程序审批"),
        ("申请办理施工许可证", "县行政审批服务局", "施工许可证核发", "材料已受理，正在审查"),
        ("反映标准化厂房租金补贴未到位", "县经开区管委会", "租金补贴拨付到位", "正在核算补贴金额"),
        ("希望开通园区公交线路", "县交通运输局", "园区公交专线开通", "线路方案征求意见中"),
        ("申请高新技术企业认定辅导", "县科技局", "组织专家入企辅导，完成申报", ""),
    ]
    heads = ["恒远", "华瑞", "丰泰", "绿源", "鑫达", "宏盛", "瑞丰", "金茗", "天禾", "新峰", "汇通", "嘉信",
             "云雾", "德润", "兴隆", "佳禾", "弘毅", "捷成"]
    trades = ["茶业", "电子科技", "新材料", "机械制造", "食品", "纺织", "建材", "物流", "生物科技", "包装"]
    names = set()
    while len(names) < 36:
        names.add(f"茗溪县{rng.choice(heads)}{rng.choice(trades)}有限公司")
    names = sorted(names)
    rng.shuffle(names)
    statuses = ["已办结"] * 22 + ["已解决"] * 3 + ["办理中"] * 7 + ["正在协调"] * 4
    rng.shuffle(statuses)
    # a public matter (bus line, gas price) appears once; a firm's own matter may recur for other firms
    public = {"希望开通园区公交线路", "反映天然气供应价格偏高", "反映园区道路破损影响货车通行"}
    pend_pool = rng.sample([x for x in T if x[3] and x[0] not in public], 11)
    done_pool = rng.sample(T, len(T))
    done_pool += rng.sample([x for x in T if x[0] not in public] * 2, 25 - len(T))
    rows = []
    for k, stt in enumerate(statuses):
        pending = status_of(stt) == "on_track"
        dem = (pend_pool if pending else done_pool).pop()
        rows.append([names[k], dem[0], dem[1], dem[3] if pending else dem[2], stt])
    n = len(rows)
    done_n = sum(1 for r in rows if status_of(r[4]) == "completed")
    doing_n = n - done_n
    # injected: the last pending demand never made it into the annex
    drop = max(i for i, r in enumerate(rows) if status_of(r[4]) == "on_track")
    shown = [r for i, r in enumerate(rows) if i != drop]
    t = d.annex("茗溪县第三季度企业诉求办理情况台账",
                [["序号", "企业名称", "诉求事项", "承办单位", "办理情况", "办理状态"]],
                [[str(i + 1), *r] for i, r in enumerate(shown)],
                {"seq": 0, "target": [2], "units": 3, "progress": 4, "status": 5}, [1, 5, 5, 3, 5, 2],
                filler_unit="县营商环境服务中心")
    s_bj = ps(done_n, n)
    cats = [("要素保障", 14), ("政策兑现", 9), ("审批服务", 7), ("其他方面", 6)]
    assert sum(c for _, c in cats) == n
    d.p("为持续优化营商环境，县政府督查室对第三季度收集的企业诉求办理情况进行了跟踪督查。现将有关情况通报如下。")
    d.p("一、诉求收集和办理情况")
    d.p(S(f"第三季度，通过“政企面对面”座谈会、入企走访和营商环境监督热线等渠道，共收集企业诉求52条，经梳理合并、剔除重复后，"
          f"确定有效诉求{n}条（详见附件）。", [52, n]),
        S("有效诉求涉及" + "、".join(f"{k}{v}条" for k, v in cats) + "。", [v for _, v in cats]))
    d.p(S(f"截至9月30日，{n}条诉求中已办结{done_n}条，办结率{s_bj}；", [n, done_n], [s_bj]),
        S(f"正在协调办理{doing_n}条。", [doing_n]),
        S("回访显示，企业对已办结诉求的满意率为96.0%。", s=["96.0%"]))
    d.p("二、存在的问题")
    d.p(S(f"一是部分诉求办理周期偏长，{doing_n}条在办诉求中有4条超过办理时限仍未办结，主要涉及用地、用电等要素保障事项；",
          [doing_n, 4]),
        "二是个别承办单位存在“重答复、轻解决”现象，以政策解释代替实际办理。")
    d.p("三、工作要求")
    d.p("各承办单位要对在办诉求逐条明确办理时限，能办的马上办，一时难以解决的要向企业说明情况并持续跟进；"
        "县营商环境服务中心要做好回访，对办理不力的单位进行通报。")
    d.share(done_n, n, s_bj)
    d.parts([v for _, v in cats], n, str(n))
    d.parts([done_n, doing_n], n, str(n))
    d.table_total(n, str(n), t)
    d.table_count(done_n, "completed", str(done_n), t)
    d.table_count(doing_n, "on_track", str(doing_n), t)
    d.inject("total_vs_table", str(n), f"one pending demand ({rows[drop][0]}) left out of the annex: {n - 1} rows")
    d.inject("count_vs_table", str(doing_n), f"the annex shows {doing_n - 1} pending demands")
    return d


DOCS = [xiangmu_huaichuan, xiangmu_shituan, minsheng_fengao, minsheng_tangxi, zhenggai_heting, zhenggai_luwan,
        anquan_ligang, anquan_yutang, chengguan_shanqiao, chengguan_zhelin, shiqing_weitang, shiqing_mingxi]


# ================================================================ write + check
def dump(obj, path):
    path.write_text(yaml.safe_dump(obj, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")


def check(path):
    src = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = src["body"]
    text = "\n".join(body)
    for st in src["statements"]:
        hits = [p for p in body if st["text"] in p]
        assert hits, (path.name, st["text"])
        p = hits[0]
        k = p.index(st["text"])
        assert k == 0 or p[k - 1] in "。；", (path.name, "statement not cut at 。/；", st["text"])
        assert st["text"][-1] in "。；", (path.name, st["text"])
        assert not any(ch in st["text"][:-1] for ch in "。；"), (path.name, st["text"])
        for s in st["shares"] + st["amounts"]:
            assert s in st["text"], (path.name, s, st["text"])
        for i in st["items"]:
            assert str(i) in unicodedata.normalize("NFKC", st["text"]), (path.name, i)
    for f in src["expected_findings"]:
        assert f["stated"] in text, (path.name, f)
    for a in src["annexes"]:
        for t in a["tables"]:
            w = len(t["header"][0])
            assert all(len(h) == w for h in t["header"]), path.name
            assert all(len(r) == w for r in t["rows"]), path.name
            assert len(t["widths"]) == w, path.name
            for r in t["rows"]:
                assert status_of(r[t["roles"]["status"]]) != "unknown", (path.name, r)
    assert len(src["expected_findings"]) == len(src["injections"]), path.name
    return src


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    summary = []
    for fn in DOCS:
        d = fn()
        path = OUT / f"{d.name}.yaml"
        dump(d.source(), path)
        src = check(path)
        summary.append((d.name, len(src["annexes"]), src["annex_format"], len(src["statements"]),
                        [f["kind"] for f in src["expected_findings"]]))
    dump({"statuses": MY_VOCAB}, HERE / "vocabulary-f.yaml")
    for s in summary:
        print(*s)


if __name__ == "__main__":
    main()
