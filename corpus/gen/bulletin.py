"""A bulletin from a spec: annex tables from structured rows, the narrative's plan from the tables'
truth, a few injected inconsistencies, the expected findings they cause, the body in the spec's
wording family. The result is a corpus source (corpus/SCHEMA.md) with `families` and `plan`."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from corpus import build

from . import content as C
from . import findings as F
from . import layouts as L
from . import numerals as N
from . import phrasing as P
from . import vocab as V

# (campaign, annex kind, the same campaign named differently: for a campaign_name_drift)
PROGRAMS = {
    "liuzhang": ("打好“发展六仗”工作", [
        ("打好经济增长主动仗", "econ", "打好经济发展主动仗"),
        ("打好科技创新攻坚仗", "tech", "打好科技创新主动仗"),
        ("打好优化发展环境持久仗", "business", "打好优化营商环境持久仗"),
        ("打好防范化解风险阻击仗", "risk", "打好防范化解重大风险阻击仗"),
        ("打好安全生产翻身仗", "safety", "打好安全生产攻坚仗"),
        ("打好重点民生保障仗", "minsheng", "打好民生保障仗"),
    ]),
    "gongjian": ("“五大攻坚行动”", [
        ("稳经济促增长行动", "econ", "稳经济促发展行动"),
        ("项目建设攻坚行动", "projects", "项目建设攻坚年"),
        ("工业强县攻坚行动", "tech", "工业强县攻坚战"),
        ("营商环境优化提升行动", "business", "营商环境提升行动"),
        ("安全生产治本攻坚行动", "safety", "安全生产治本攻坚三年行动"),
        ("民生实事攻坚行动", "minsheng", "民生实事推进行动"),
    ]),
    "zhongdian": ("重点工作任务", [
        ("高质量发展主要任务", "econ", "高质量发展重点任务"),
        ("重大项目建设", "projects", "重点项目建设"),
        ("科技创新和产业升级", "tech", "科技创新与产业发展"),
        ("防风险保稳定", "risk", "防风险护稳定"),
        ("安全生产专项整治", "safety", "安全隐患专项整治"),
        ("为民办实事", "minsheng", "民生实事"),
    ]),
}
POOLS = {"econ": C.ECON, "tech": C.TECH, "business": C.BUSINESS, "risk": C.RISK}
SEC_MARKERS = ["一", "二", "三", "四", "五", "六"]
TITLE_SUFFIXES = ["重要指标监测表", "指标监测表", "监测表"]

INJECTIONS = ("pct_wrong", "pct_trunc", "count_wrong", "total_wrong", "count_shift", "name_wrong_status",
              "name_missing", "name_unknown", "name_misspelt", "drift")
CONSEQUENCES = {
    "pct_wrong": ["percent_mismatch"],
    "pct_trunc": ["percent_truncated"],
    "count_wrong": ["count_vs_table", "sum_mismatch"],
    "total_wrong": ["total_vs_table", "sum_mismatch"],
    "count_shift": ["count_vs_table", "count_vs_table"],
    "name_wrong_status": ["named_item_status"],
    "name_missing": ["named_item_missing"],
    "name_unknown": ["name_not_found"],
    "name_misspelt": ["name_variant"],
    "drift": ["campaign_name_drift"],
}

# characters a typist confuses (same sound or shape): a misspelt name is one of them swapped
HOMOPHONES = {"园": "圆", "资": "姿", "投": "头", "施": "实", "建": "健", "设": "社", "改": "该", "造": "早",
              "务": "物", "标": "表", "公": "工", "路": "录", "化": "华", "品": "评", "安": "按", "全": "权",
              "产": "厂", "科": "课", "技": "计", "创": "闯", "新": "心", "增": "曾", "营": "赢", "商": "尚",
              "养": "样", "老": "劳", "幼": "优", "额": "頟", "收": "售", "入": "如", "总": "综", "值": "植",
              "农": "侬", "村": "材", "城": "成", "镇": "真", "业": "叶", "企": "启", "站": "战", "项": "向",
              "防": "房", "治": "制", "整": "正", "检": "减", "测": "侧", "筛": "师", "查": "察", "就": "救",
              "培": "陪", "训": "讯", "保": "宝", "障": "章", "费": "废", "融": "荣", "库": "裤", "灾": "栽"}


@dataclass
class Spec:
    name: str
    county: str           # 桐川县
    abbr: str             # 桐
    year: int
    nn: int               # the bulletin's number in its year
    month: int            # last month reported (4 -> 1-4月)
    program: str
    wording: str
    vocab: str
    header: str
    n_annex: int
    injections: tuple[str, ...]   # each in a statement of its own (a drift may share one)


# Every wording family, status vocabulary and header layout in two bulletins or more; every
# injection in one or more; four bulletins without any.
SPECS = [
    Spec("var-qinglan-2024-03", "青岚县", "青", 2024, 3, 4, "liuzhang", "gongyou", "shunli", "synonyms", 6, ()),
    Spec("var-tongchuan-2023-09", "桐川县", "桐", 2023, 9, 8, "gongjian", "nalu", "zhengchang", "reordered", 5,
         ("total_wrong", "name_wrong_status")),
    Spec("var-baixi-2024-06", "白溪县", "白", 2024, 6, 5, "zhongdian", "zongshu", "dabiao", "merged", 4, ("count_shift",)),
    Spec("var-fenglin-2023-11", "枫林县", "枫", 2023, 11, 10, "gongjian", "diaodu", "xiangxi", "numeric", 5,
         ("count_wrong", "name_missing", "pct_trunc")),
    Spec("var-yunling-2024-04", "云岭县", "云", 2024, 4, 3, "liuzhang", "quanjiao", "shunli", "norepeat", 4, ()),
    Spec("var-heming-2022-12", "鹤鸣县", "鹤", 2022, 12, 11, "zhongdian", "gongyou", "zhengchang", "merged", 5,
         ("drift", "name_unknown")),
    Spec("var-nanping-2024-08", "南屏县", "屏", 2024, 8, 7, "gongjian", "nalu", "dabiao", "numeric", 4, ()),
    Spec("var-chenghu-2023-05", "澄湖县", "澄", 2023, 5, 4, "liuzhang", "zongshu", "xiangxi", "norepeat", 5,
         ("pct_wrong", "name_misspelt")),
    Spec("var-cuifeng-2024-10", "翠峰县", "翠", 2024, 10, 9, "zhongdian", "diaodu", "shunli", "reordered", 3,
         ("name_wrong_status",)),
    Spec("var-liuwan-2023-07", "柳湾县", "柳", 2023, 7, 6, "gongjian", "quanjiao", "zhengchang", "synonyms", 6,
         ("drift", "pct_trunc", "name_missing")),
    Spec("var-shiqiao-2024-02", "石桥县", "石", 2024, 2, 3, "liuzhang", "nalu", "shunli", "merged", 4, ("name_misspelt",)),
    Spec("var-jinxi-2023-04", "金溪县", "金", 2023, 4, 3, "zhongdian", "zongshu", "dabiao", "synonyms", 4, ()),
    Spec("var-lanshui-2024-09", "岚水县", "岚", 2024, 9, 8, "liuzhang", "gongyou", "dabiao", "reordered", 5,
         ("count_wrong", "pct_wrong")),
    Spec("var-songping-2022-10", "松坪县", "松", 2022, 10, 9, "gongjian", "diaodu", "zhengchang", "norepeat", 4,
         ("total_wrong",)),
]


# =============================================================================================
# tables

def draw_statuses(kind: str, n: int, rng: random.Random, sub: int = 0) -> list[str]:
    """Statuses of a table's rows, in table order, as such a table tends to have them."""
    r = rng.randint
    if kind == "econ":
        counts = {"completed": r(0, 2), "behind": r(2, 5)}
    elif kind == "tech":
        counts = {"completed": r(1, 3), "behind": r(1, 3)}
    elif kind == "business":
        counts = {"completed": r(2, 5), "behind": r(0, 2)}
    elif kind == "risk":
        counts = {"completed": r(0, 2), "behind": r(1, 3)}
    elif kind == "safety":
        counts = {} if rng.random() < 0.5 else {"behind": r(1, 3)}
    elif kind == "projects":
        counts = {"completed": r(0, 2), "behind": r(2, 4), "preparing": r(1, 3)}
    else:   # a 民生 sub-table; the first may have one item the level above has not assigned yet
        counts = {"completed": r(1, 3), "preparing": r(1, 3), "behind": r(0, 1),
                  "unassigned": 1 if sub == 0 and rng.random() < 0.7 else 0}
    out = [s for s, k in counts.items() for _ in range(k)]
    out += ["on_track"] * (n - len(out))
    rng.shuffle(out)
    return out


def status_word(status: str, vocab: str, rng: random.Random) -> str:
    word = rng.choice(V.TABLE[vocab][status])
    if vocab in V.REMARK_VOCABS and status in V.REMARKS and rng.random() < 0.15:
        word += rng.choice(V.REMARKS[status])
    return word


def make_annex(no: int, campaign: str, kind: str, spec: Spec, ctx: C.Ctx) -> tuple[dict, list]:
    """An annex (source dict) and its sub-tables [(name or "", rows)]."""
    rng = ctx.rng
    if kind in POOLS:
        rows = C.indicator_rows(POOLS[kind], draw_statuses(kind, rng.randint(12, 20), rng), ctx)
        subs = [("", rows)]
    elif kind == "safety":
        rows = C.safety_rows(draw_statuses(kind, rng.randint(10, 16), rng), ctx)
        subs = [("", rows)]
    elif kind == "projects":
        rows = C.project_rows(draw_statuses(kind, rng.randint(10, 16), rng), ctx)
        subs = [("", rows)]
    else:
        pools = C.minsheng_pools(ctx)
        subs = []
        for i, name in enumerate(["省重点民生实事项目", "市重点民生实事项目"]):
            statuses = draw_statuses("minsheng", rng.randint(8, 12), rng, sub=i)
            subs.append((name, C.minsheng_rows(statuses, ctx, pools, parents=spec.header == "merged")))
    for _, rows in subs:
        for row in rows:
            row.extra["word"] = "" if row.parent else status_word(row.status, spec.vocab, rng)
    if kind in POOLS:
        tables = [L.indicator(spec.header, subs[0][1], kind, rng, ctx.period)]
    elif kind == "safety":
        tables = [L.safety(spec.header, subs[0][1], rng)]
    elif kind == "projects":
        tables = [L.projects(spec.header, subs[0][1], rng)]
    else:
        tables = L.minsheng(spec.header, subs, rng)
    title = f"{spec.county}{campaign}{rng.choice(TITLE_SUFFIXES)}"
    if build.campaign_of(title) != campaign:
        raise ValueError(f"annex title {title} does not give the campaign {campaign}")
    annex = {"no": no, "title": title, "filler_unit": rows_unit(subs), "filler_person": rng.choice(PERSONS),
             "orientation": "landscape", "tables": tables}
    return annex, subs


PERSONS = ["张晓明", "李红梅", "王建国", "刘思远", "陈立新", "杨春燕", "赵文斌", "周海涛", "吴丽娟", "彭志刚"]


def rows_unit(subs: list) -> str:
    units = Counter(r.units.split("、")[0] for _, rows in subs for r in rows if r.units)
    return units.most_common(1)[0][0]


# =============================================================================================
# plan

def section_plan(records: list[dict], kind: str, rng: random.Random, ctx: C.Ctx, shorts: dict) -> dict:
    """What a section's statement claims, true to its table: total, parts, shares, lists."""
    with_status = [r for r in records if r["status"] != "unknown"]
    count = Counter(r["status"] for r in with_status)
    stmt: dict = {"total": len(with_status)}
    if set(count) == {"on_track"}:
        stmt["all"] = "on_track"
    else:
        order = ["completed", "on_track", "behind", "preparing"] + (["unassigned"] if count["unassigned"] > 1 else [])
        stmt["parts"] = [{"status": s, "count": count[s], "share": "auto"} for s in order if count[s]]
        if count["unassigned"] == 1:
            row = next(r for r in with_status if r["status"] == "unassigned")
            stmt["unassigned"] = {"count": 1, "name": short_of(row, records, shorts)}
        lists = []
        for status, p in (("behind", 0.85), ("preparing", 0.9), ("completed", 0.2)):
            rows = [r for r in with_status if r["status"] == status]
            if rows and rng.random() < p and (status != "completed" or len(rows) <= 4):
                at = "end" if status == "preparing" and stmt.get("unassigned") else rng.choice(["inline", "end"])
                lists.append({"status": status, "names": [short_of(r, records, shorts) for r in rows], "at": at,
                              "complete": True})
        stmt["lists"] = lists
    stmt["asides"] = asides(kind, ctx, rng)
    return stmt


def short_of(record: dict, records: list[dict], shorts: dict) -> str:
    """The row's short name (content.Row.short), which must name exactly this row of the annex."""
    short = shorts[id(record)]
    hits = [r for r in records if F.norm(short) in F.norm(r["target"])]
    if hits != [record]:
        raise ValueError(f"short name {short} names {len(hits)} rows")
    return short


def asides(kind: str, ctx: C.Ctx, rng: random.Random) -> list[str]:
    """Sentences with numbers that claim no count (approximate counts, months, growth rates)."""
    g = f"{rng.uniform(3.5, 8.5):.1f}"
    common = ["有两三项指标数据需待统计部门季度反馈后确认。", "各项工作总体呈现稳中有进态势。"]
    by_kind = {
        "econ": [f"{ctx.period}，全县地区生产总值同比增长{g}%，增速居全市第{rng.randint(2, 8)}位。",
                 "十余项指标增速高于全市平均水平。"],
        "tech": ["一两项指标受统计口径调整影响，数据暂缺。"],
        "business": ["企业满意度测评中，有两三项指标排名靠后。"],
        "risk": ["全县未发生系统性、区域性风险。"],
        "safety": [f"1-{ctx.month}月，全县未发生较大及以上生产安全事故。", "全县安全生产形势总体平稳。"],
        "projects": [f"{ctx.period}，全县重点项目累计完成投资{rng.randint(20, 90)}.{rng.randint(1, 9)}亿元，同比增长{g}%。",
                     "三五个项目存在用地报批较慢的问题。"],
        "minsheng": ["一两个项目资金尚未全部到位。", "各项目资金已按要求足额安排。"],
    }
    return by_kind[kind] + ([] if kind == "minsheng" else common)


def refresh(stmt: dict, records: list[dict]) -> None:
    """Recompute what a plan derives from itself: whether its lists are complete, whether a
    remainder (其余N项) may state the last part."""
    if stmt.get("all"):
        return
    for lst in stmt["lists"]:
        named = set()
        for name in lst["names"]:
            _, hits = F.match(name, records)
            named |= {id(h) for h in hits}
        lst["complete"] = all(id(r) in named for r in records if r["status"] == lst["status"])
    stmt["remainder_ok"] = (not stmt.get("unassigned")
                            and sum(p["count"] for p in stmt["parts"]) == stmt["total"])


# =============================================================================================
# injections

def inject(kind: str, unit: tuple, sec: dict, rng: random.Random, annex_records: list[dict],
           pool_names: list[str], shorts: dict) -> str | None:
    """Change the plan of one statement; returns a note, or None when it does not apply."""
    _, stmt, records = unit
    parts = [] if stmt.get("all") else stmt["parts"]
    if kind == "drift":
        sec["heading"] = sec["drift"]
        return f"heading names the campaign {sec['drift']}"
    if kind in ("pct_wrong", "pct_trunc"):
        cands = [p for p in parts if p["share"] == "auto"]
        rng.shuffle(cands)
        for p in cands:
            if kind == "pct_trunc":
                for d in (2, 1):
                    cut = N.share_value(p["count"], stmt["total"], d, cut=True)
                    if cut != N.share_value(p["count"], stmt["total"], d):
                        p["share"] = cut
                        return f"{p['status']} share cut to {cut}%"
            else:
                right = N.share_value(p["count"], stmt["total"], 1)
                cut = N.share_value(p["count"], stmt["total"], 1, cut=True)
                for delta in rng.sample([0.1, 0.2, 0.3, -0.1, -0.2, 0.5], 6):
                    wrong = f"{float(right) + delta:.1f}"
                    if wrong not in (right, cut) and float(wrong) > 0:
                        p["share"] = wrong
                        return f"{p['status']} share {wrong}% (right: {right}%)"
        return None
    if kind == "count_wrong" and len(parts) >= 2:
        p = rng.choice(parts)
        delta = -1 if p["count"] >= 2 and rng.random() < 0.5 else 1
        p["count"] += delta
        return f"{p['status']} count stated {p['count']} ({delta:+d})"
    if kind == "total_wrong" and len(parts) >= 2:
        delta = rng.choice([1, -1])
        stmt["total"] += delta
        return f"total stated {stmt['total']} ({delta:+d})"
    if kind == "count_shift" and len(parts) >= 2:
        donors = [p for p in parts if p["count"] >= 2]
        if not donors:
            return None
        b = rng.choice(donors)
        a = rng.choice([p for p in parts if p is not b])
        a["count"] += 1
        b["count"] -= 1
        return f"one {b['status']} row counted as {a['status']}"
    lists = [] if stmt.get("all") else stmt["lists"]
    if kind == "name_wrong_status" and lists:
        lst = rng.choice(lists)
        others = [r for r in records if r["status"] not in ("unknown", "unassigned", lst["status"])]
        if not others:
            return None
        r = rng.choice(others)
        lst["names"].insert(rng.randint(0, len(lst["names"])), shorts[id(r)])
        return f"{shorts[id(r)]} ({r['status']}) listed as {lst['status']}"
    if kind == "name_missing":
        cands = [lst for lst in lists if len(lst["names"]) >= 2]
        if not cands:
            return None
        lst = rng.choice(cands)
        gone = lst["names"].pop(rng.randrange(len(lst["names"])))
        return f"{gone} left out of the {lst['status']} list"
    if kind == "name_unknown" and lists:
        lst = rng.choice(lists)
        cands = [n for n in pool_names
                 if len(F.norm(n)) >= 5 and all(F.substring_distance(F.norm(n), F.norm(r["target"])) > 2
                                                 for r in annex_records)]
        if not cands:
            return None
        name = rng.choice(cands)
        lst["names"].append(name)
        return f"{name} (no such row) listed as {lst['status']}"
    if kind == "name_misspelt" and lists:
        lst = rng.choice(lists)
        idx = [i for i, n in enumerate(lst["names"]) if len(F.norm(n)) >= 4]
        rng.shuffle(idx)
        for i in idx:
            name = lst["names"][i]
            spots = [j for j, ch in enumerate(name) if ch in HOMOPHONES]
            rng.shuffle(spots)
            for j in spots:
                wrong = name[:j] + HOMOPHONES[name[j]] + name[j + 1:]
                how, hits = F.match(wrong, annex_records)
                own = F.match(name, annex_records)[1]
                if how == "variant" and hits == own:
                    lst["names"][i] = wrong
                    return f"{name} misspelt {wrong}"
        return None
    return None


# =============================================================================================
# the bulletin

INTROS = [
    "近期，县政府督查室对全县{program}推进情况进行了专项调度，现将有关情况通报如下：",
    "为全面掌握{program}进展，县政府督查室近期开展了专项督查调度。现将有关情况专报如下：",
    "按照县委、县政府工作部署，县政府督查室对{program}各项指标推进情况进行了调度督查，现将有关情况通报如下：",
]
PROBLEMS = [
    "部分指标完成情况不理想。{names}等指标与序时进度仍有差距，完成全年目标任务压力较大。",
    "项目推进不够平衡。部分项目前期工作推进缓慢，用地、资金等要素保障仍需加强。",
    "工作合力有待加强。个别责任单位对指标调度不够及时，数据报送存在迟报、漏报现象。",
    "民生实事推进不够均衡。部分民生实事项目仍处于前期阶段，个别项目上级尚未明确具体任务。",
]
SUGGESTIONS = [
    "压实工作责任。各牵头单位要对照年度目标任务，实行清单化管理、项目化推进，确保时间过半、任务过半。",
    "强化统筹调度。县政府督查室将继续实行“月调度、季通报”，对进度滞后的指标实行挂牌督办。",
    "加强要素保障。聚焦重点项目建设和企业培育，加大用地、资金、用工等要素保障力度，推动各项指标稳中有进。",
    "严格督查问效。对工作推进不力、指标严重滞后的单位进行约谈，确保各项工作落到实处。",
]
ISSUERS = ["{c}人民政府督查室", "{c}人民政府办公室", "{c}政府督查室"]
DOC_NUMBERS = ["{a}政督函〔{y}〕{n}号", "{a}政办督〔{y}〕{n}号", "{a}督查〔{y}〕{n}号"]
TITLES = ["{c}{p}推进情况通报", "{c}{p}进展情况专报", "关于{c}{p}推进情况的通报"]


def make(spec: Spec, seed: int) -> dict:
    rng = random.Random(f"{seed}:{spec.name}")
    ctx = C.Ctx(place=spec.county[:-1], month=spec.month, rng=rng)
    program_name, campaigns = PROGRAMS[spec.program]
    chosen = [c for c in campaigns if c[1] != "minsheng"]
    rng.shuffle(chosen)
    chosen = chosen[:spec.n_annex - 1] + [c for c in campaigns if c[1] == "minsheng"]
    order = {c: i for i, c in enumerate(campaigns)}
    chosen.sort(key=lambda c: order[c])

    annexes, subs_of = [], {}
    for i, (campaign, kind, _) in enumerate(chosen, 1):
        annex, subs = make_annex(i, campaign, kind, spec, ctx)
        annexes.append(annex)
        subs_of[i] = subs
    source = {"name": spec.name,
              "header": {"issuer": rng.choice(ISSUERS).format(c=spec.county),
                         "doc_number": rng.choice(DOC_NUMBERS).format(a=spec.abbr, y=spec.year, n=spec.nn),
                         "title": rng.choice(TITLES).format(c=spec.county, p=program_name),
                         "date": f"{spec.year}年{min(spec.month + 1, 12)}月{rng.randint(5, 25)}日"},
              "body": [], "annex_list": True, "annexes": annexes}
    truth = build.truth_for(source)
    shorts = _shorts(truth, subs_of)

    # the plan, true to the tables
    sections = []
    for i, (campaign, kind, drift) in enumerate(chosen, 1):
        records = [r for r in truth["indicators"] if r["annex_no"] == i]
        _check_counts(records, subs_of[i])
        sec: dict = {"key": f"({SEC_MARKERS[i - 1]})", "marker": f"（{SEC_MARKERS[i - 1]}）", "campaign": campaign,
               "heading": campaign, "drift": drift, "annex": i, "kind": kind}
        if kind == "minsheng":
            sec["subs"] = []
            for k, (name, rows) in enumerate(subs_of[i], 1):
                sub_records = [r for r in records if r["section"] == name]
                level = name[0]
                sec["subs"].append({"item": k, "title": name, "table": name, "level": level,
                                    "what": "重点民生实事" if level == "省" else "民生实事",
                                    "jian": len({r.group for r in rows}),
                                    "stmt": section_plan(sub_records, kind, rng, ctx, shorts)})
        else:
            sec["stmt"] = section_plan(records, kind, rng, ctx, shorts)
        sections.append(sec)
    plan = {"year": spec.year, "month": spec.month, "sections": sections}

    # injections: each in its own statement (a drift may share one)
    units = [(key, stmt, recs, sec) for sec in sections for key, _, stmt, recs in F.units({"sections": [sec]}, truth)]
    notes: list[dict] = []
    declared: Counter[tuple[str, str]] = Counter()
    free = list(units)
    rng.shuffle(free)
    for kind in spec.injections:
        targets = list(units) if kind == "drift" else free
        rng.shuffle(targets)
        for unit in targets:
            key, stmt, recs, sec = unit
            if kind == "drift" and sec["heading"] != sec["campaign"]:
                continue
            annex_records = [r for r in truth["indicators"] if r["annex_no"] == sec["annex"]]
            note = inject(kind, (key, stmt, recs), sec, rng, annex_records, _pool_names(sec["kind"]), shorts)
            if note:
                unit_key = sec["key"] if kind == "drift" else key
                notes.append({"kind": kind, "section": unit_key, "note": note})
                for finding in CONSEQUENCES[kind]:
                    declared[(finding, unit_key)] += 1
                if kind != "drift":
                    free.remove(unit)
                break
        else:
            raise ValueError(f"{spec.name}: no statement takes the injection {kind}")
    for _, stmt, recs, _ in units:
        refresh(stmt, recs)
    expected = F.expected(plan, truth)
    got = Counter((f["kind"], f["section"]) for f in expected)
    if got != declared:
        raise ValueError(f"{spec.name}: injections {notes} give {dict(got)}, declared {dict(declared)}")

    body = render_body(plan, truth, shorts, program_name, P.Chooser(rng, spec.wording))
    source["body"] = body
    source["families"] = {"wording": spec.wording, "status_vocab": spec.vocab, "header": spec.header}
    source["injections"] = notes
    source["plan"] = plan
    source["expected_findings"] = expected
    return source


def _shorts(truth: dict, subs_of: dict) -> dict[int, str]:
    """Each truth record's short name (by the record's id): the truth, not the generator's rows,
    is what the plan is built on; rows and records come in the same order."""
    out = {}
    for annex, subs in subs_of.items():
        rows = [row for _, rs in subs for row in rs]
        records = [r for r in truth["indicators"] if r["annex_no"] == annex]
        if len(rows) != len(records):
            raise ValueError(f"annex {annex}: {len(rows)} rows but {len(records)} records")
        for row, rec in zip(rows, records):
            out[id(rec)] = row.short
    return out


def _check_counts(records: list[dict], subs: list) -> None:
    """The truth's statuses (corpus/vocabulary.yaml on the status cells) are the generator's."""
    want = [row.status for _, rows in subs for row in rows]
    got = [r["status"] for r in records]
    if want != got:
        raise ValueError(f"status cells read back differently: {list(zip(want, got))}")


def _pool_names(kind: str) -> list[str]:
    """Plausible names that are not in the bulletin: other kinds' short names."""
    names = [str(e[1]) for k, pool in POOLS.items() if k != kind for e in pool]
    names += [s[0] for s in C.SAFETY] if kind != "safety" else []
    return names


def render_body(plan: dict, truth: dict, shorts: dict, program: str, ch: P.Chooser) -> list[str]:
    rng = ch.rng
    body = [rng.choice(INTROS).format(program=program), "一、工作进展情况"]
    body += P.progress_paragraphs(plan, ch)
    body.append("二、存在问题")
    behind = [r for r in truth["indicators"] if r["status"] == "behind" and r["annex_no"] == 1]
    names = "、".join(shorts[id(r)] for r in behind[:3])
    problems = [p for p in PROBLEMS if "{names}" not in p or names]
    if not any(s.get("kind") == "minsheng" for s in plan["sections"]):
        problems = [p for p in problems if not p.startswith("民生")]
    for i, p in enumerate(problems[:3]):
        body.append(f"（{SEC_MARKERS[i]}）" + p.format(names=names))
    body.append("三、下步工作建议")
    for i, s in enumerate(rng.sample(SUGGESTIONS, 3)):
        body.append(f"（{SEC_MARKERS[i]}）" + s)
    return body
