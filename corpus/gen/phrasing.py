"""The statement phrasings of a bulletin's narrative, by wording family, and the renderer.

A wording family is one county office's way of writing the progress paragraphs; each offers two or
three phrasings of every statement kind, so that every kind has at least eight phrasings in all:
  gongyou  — 共有重点监测指标N项 / 共监测重点指标N项; 已完成N项，占比x%; 分别为 / 分别是; Arabic digits
  nalu     — 纳入监测的重点指标共N项; 有序推进的N项 / 完成年度目标的有N项; 占总数的x% / 比例为x%;
             具体为 / 包括; 其余N项
  zongshu  — 监测指标总数为N项 / N项重点指标中; N项有序推进 / 有N项…; (x%) / 约占x%; 主要是 / 有：A、B;
             另外N项 / 剩余N项; 其中X尚未下达
  diaodu   — 本季度共调度N项; Chinese numerals (二十三项, 两项, 百分之十一点一); 滞后的指标有N项 /
             N项指标滞后; 为A、B和C / 其中，A、B进展滞后; 尚余两项 / 另有N项
  quanjiao — full-width digits (３０项, ２．５％); 列入考核的指标合计N项 / 共有监测指标N个; 占x% /
             所占比例为x%; 涉及 / 即; 余下N项 / 其他N项

A section's content (its `plan`: counts, shares, names) is fixed; only its wording is drawn here.
Rendering never changes what a statement claims, so a plan's expected findings hold for every
rendering. The plan's constraints keep it so: a share stated wrong on purpose keeps its digits and
is never "约占"; a list that leaves an item out never uses a trigger that admits a partial list
(主要是 / 包括); a remainder (其余N项) is only used when the stated parts do add up.
"""
from __future__ import annotations

import random

from . import numerals as N
from .vocab import NARRATIVE

WORDING = ("gongyou", "nalu", "zongshu", "diaodu", "quanjiao")

NUMERALS = {"gongyou": "arabic", "nalu": "arabic", "zongshu": "arabic", "diaodu": "chinese",
            "quanjiao": "fullwidth"}
DECIMALS = {"gongyou": 1, "nalu": 2, "zongshu": 1, "diaodu": 1, "quanjiao": 2}
PART_SEP = {"gongyou": "；", "nalu": "；", "zongshu": "，", "diaodu": "；", "quanjiao": "，"}

# total of a section; the template carries the connector that leads into the parts
TOTALS = [
    ("gongyou", "共有重点监测指标{n}项，截至目前，"),
    ("gongyou", "共监测重点指标{n}项，其中，"),
    ("nalu", "纳入监测的重点指标共{n}项，截至{month}月底，"),
    ("nalu", "纳入本次调度的指标共计{n}项，其中"),
    ("zongshu", "监测指标总数为{n}项，从进展情况看，"),
    ("zongshu", "{n}项重点指标中，"),
    ("diaodu", "本季度共调度{n}项重点工作指标，其中"),
    ("diaodu", "此次共调度重点任务{n}项，截至目前，"),
    ("quanjiao", "列入考核的指标合计{n}项，截至目前，"),
    ("quanjiao", "共有监测指标{n}个，其中，"),
]

# total of a 民生 sub-section: {jian} 件 is not the total, {n} 项 is
MS_TOTALS = [
    ("gongyou", "{year}年{level}下达我县{what}共{jian}件{n}项，截至目前，"),
    ("gongyou", "{year}年{level}定{what}涉及我县共{jian}件{n}项，截至目前，"),
    ("nalu", "纳入{year}年{level}级考核的{what}涉及我县{jian}件{n}项，其中"),
    ("nalu", "{level}定{what}纳入监测的共{n}项（{jian}件），截至{month}月底，"),
    ("zongshu", "{level}定{what}我县承担指标总数为{n}项，从进展看，"),
    ("zongshu", "{level}定{what}{jian}件{n}项中，"),
    ("diaodu", "{year}年{level}里下达我县{what}{jian}件、指标{n}项，本季度调度显示，"),
    ("diaodu", "{level}定{what}共调度{n}项，截至目前，"),
    ("quanjiao", "{level}定{what}我县合计{jian}件{n}项，截至{month}月底，"),
    ("quanjiao", "{year}年{level}定{what}共有指标{n}个，其中，"),
]

# one counted part: a status label {L} and a count {c}, in either order
PARTS = [
    ("gongyou", "{L}{c}项"),
    ("gongyou", "{L}共{c}项"),
    ("nalu", "{L}的{c}项"),
    ("nalu", "{L}的有{c}项"),
    ("zongshu", "{c}项{L}"),
    ("zongshu", "有{c}项{L}"),
    ("diaodu", "{L}的指标有{c}项"),
    ("diaodu", "{c}项指标{L}"),
    ("quanjiao", "{L}计{c}项"),
    ("quanjiao", "{L}{c}项"),
]

# the last part as the rest of the total
REMAINDERS = [
    ("gongyou", "还有{c}项{L}"),
    ("gongyou", "其余{c}项均{L}"),
    ("nalu", "其余{c}项{L}"),
    ("nalu", "其余的{c}项{L}"),
    ("zongshu", "另外{c}项{L}"),
    ("zongshu", "剩余{c}项{L}"),
    ("diaodu", "尚余{c}项{L}"),
    ("diaodu", "另有{c}项{L}"),
    ("quanjiao", "余下{c}项{L}"),
    ("quanjiao", "其他{c}项{L}"),
]

# every item in one status (one part whose count is the total)
ALLS = [
    ("gongyou", "均{L}"),
    ("gongyou", "全部{L}"),
    ("nalu", "各项指标均{L}"),
    ("nalu", "{n}项指标均{L}"),
    ("zongshu", "所有指标均{L}"),
    ("zongshu", "{n}项全部{L}"),
    ("diaodu", "各项任务均{L}"),
    ("diaodu", "全部指标{L}"),
    ("quanjiao", "均{L}"),
    ("quanjiao", "监测指标全部{L}"),
]

# a share after its part; (family, template, approximate)
SHARES = [
    ("gongyou", "，占比{p}", False),
    ("gongyou", "，占比为{p}", False),
    ("nalu", "，占总数的{p}", False),
    ("nalu", "，比例为{p}", False),
    ("zongshu", "（{p}）", False),
    ("zongshu", "，约占{p}", True),
    ("zongshu", "(占{p})", False),
    ("diaodu", "，占{p}", False),
    ("diaodu", "，所占比例为{p}", False),
    ("quanjiao", "，占监测指标总数的{p}", False),
    ("quanjiao", "，占全部指标的{p}", False),
]

# a named list; {sep} is "，" after its part or "。" as a sentence of its own; (family, template,
# needs a label (can stand alone), admits a partial list)
LISTS = [
    ("gongyou", "{sep}{L}的指标分别为{names}", True, False),
    ("gongyou", "{sep}分别是{names}", False, False),
    ("gongyou", "{sep}{L}的分别是{names}", True, False),
    ("nalu", "{sep}具体为{names}", False, False),
    ("nalu", "{sep}包括{names}", False, True),
    ("nalu", "{sep}{L}的具体为{names}", True, False),
    ("zongshu", "{sep}主要是{names}", False, True),
    ("zongshu", "{sep}{L}的指标有：{names}", True, False),
    ("diaodu", "{sep}为{names}", False, False),
    ("diaodu", "{sep}其中，{names}{L}", True, False),
    ("quanjiao", "{sep}涉及{names}", False, False),
    ("quanjiao", "{sep}即{names}", False, False),
    ("quanjiao", "{sep}{L}的有：{names}", True, False),
]

# the one item not yet assigned by the level above
UNASSIGNED = [
    ("gongyou", "，{c}项{L}，即{name}"),
    ("gongyou", "，另有{c}项{L}，即{name}"),
    ("nalu", "，{c}项{L}，为{name}"),
    ("nalu", "，{L}的{c}项为{name}"),
    ("zongshu", "，其中{name}{L}"),
    ("zongshu", "；{L}{c}项（{name}）"),
    ("diaodu", "，另有{c}项（{name}）{L}"),
    ("diaodu", "，{c}项{L}，系{name}"),
    ("quanjiao", "，{c}项{L}，是{name}"),
    ("quanjiao", "；尚有{c}项{L}：{name}"),
]

HEADINGS = [
    ("gongyou", "{marker}{campaign}。"),
    ("nalu", "{marker}{campaign}方面。"),
    ("zongshu", "{marker}{campaign}推进情况。"),
    ("diaodu", "{marker}关于{campaign}。"),
    ("quanjiao", "{marker}{campaign}。"),
]

ITEMS = [("gongyou", "{i}.{title}"), ("nalu", "{i}．{title}"), ("zongshu", "{i}.{title}"),
         ("diaodu", "{i}.{title}"), ("quanjiao", "{i}．{title}")]

LINKS = [("gongyou", "（详见附件{k}）"), ("nalu", "（具体见附件{k}）"), ("zongshu", "（详见附件{k}）"),
         ("diaodu", "（附件{k}）"), ("quanjiao", "（详情见附件{k}）")]

# how names are joined: the last joint may be 和 / 及 / 以及
JOINS = ["、", "、", "、", "和", "及", "以及"]


class Chooser:
    """Draws the wording. With a family, only that family's phrasings (the bulletin as its county
    writes it); without one, any family's, a fresh draw for every statement (the fuzz test)."""

    def __init__(self, rng: random.Random, family: str | None = None):
        self.rng = rng
        self.family = family
        self.asides: set[str] = set()      # an aside is said once per bulletin

    def pick(self, catalog: list, ok=lambda entry: True):
        pool = [e for e in catalog if ok(e) and (self.family is None or e[0] == self.family)]
        if not pool:                      # the family has no phrasing that keeps the plan true
            pool = [e for e in catalog if ok(e)]
        return self.rng.choice(pool)

    def numerals(self) -> str:
        if self.family:
            return NUMERALS[self.family]
        return self.rng.choice(N.STYLES)

    def decimals(self) -> int:
        if self.family:
            return DECIMALS[self.family]
        return self.rng.choice((0, 1, 1, 2, 2))

    def strip_zeros(self) -> bool:
        """Write 65% for 65.0% (a rounded share keeps its meaning without trailing zeros)."""
        if self.family:
            return DECIMALS[self.family] == 1
        return self.coin()

    def part_sep(self) -> str:
        return PART_SEP[self.family] if self.family else self.rng.choice(("；", "，"))

    def label(self, status: str) -> str:
        return self.rng.choice(NARRATIVE[status])

    def coin(self, p: float = 0.5) -> bool:
        return self.rng.random() < p


def join_names(names: list[str], rng: random.Random) -> str:
    if len(names) == 1:
        return names[0]
    last = rng.choice(JOINS)
    return "、".join(names[:-1]) + last + names[-1]


def _share(part: dict, total: int, ch: Chooser, style: str, decimals: int) -> str:
    fixed = part["share"] != "auto"
    value = part["share"] if fixed else N.share_value(part["count"], total, decimals)
    if not fixed and (style == "chinese" or ch.strip_zeros()) and "." in value:
        value = value.rstrip("0").rstrip(".")
    _, template, _ = ch.pick(SHARES, lambda e: not (fixed and e[2]))
    return template.format(p=N.percent(value, style))


def _list(lst: dict, sep: str, ch: Chooser) -> str:
    def ok(e):
        return (e[2] or sep == "，") and not (e[3] and not lst["complete"])
    _, template, _, _ = ch.pick(LISTS, ok)
    return template.format(sep=sep, L=ch.label(lst["status"]), names=join_names(lst["names"], ch.rng))


def statement(stmt: dict, ch: Chooser, ctx: dict) -> str:
    """The counted statement of a section: total, parts with shares, lists, the unassigned item."""
    style = ch.numerals()
    decimals = ch.decimals()
    total = stmt["total"]
    n = N.count(total, style)
    month = N.plain(ctx["month"], style if style != "chinese" else "arabic")
    if ctx.get("sub"):
        sub = ctx["sub"]
        _, template = ch.pick(MS_TOTALS)
        text = template.format(year=ctx["year"], level=sub["level"], what=sub["what"],
                               jian=N.count(sub["jian"], style), n=n, month=month)
    else:
        # "…其中，均有序推进" does not read: a statement of one part takes a plain connector
        _, template = ch.pick(TOTALS, lambda e: not (stmt.get("all") and e[1].endswith(("其中", "其中，", "中，"))))
        text = template.format(n=n, month=month)
    if stmt.get("all"):
        _, template = ch.pick(ALLS)
        return text + template.format(L=ch.label(stmt["all"]), n=n)

    parts = stmt["parts"]
    inline = {lst["status"]: lst for lst in stmt.get("lists", []) if lst["at"] == "inline"}
    segs = []
    for i, part in enumerate(parts):
        c = N.count(part["count"], style)
        label = ch.label(part["status"])
        last = i == len(parts) - 1
        if last and i > 0 and stmt.get("remainder_ok") and ch.coin(0.4):
            _, template = ch.pick(REMAINDERS, lambda e, c=part["count"]: c > 1 or "均" not in e[1])
        else:
            _, template = ch.pick(PARTS)
        seg = template.format(L=label, c=c)
        if part.get("share") is not None:
            seg += _share(part, total, ch, style, decimals)
        if part["status"] in inline:
            seg += _list(inline[part["status"]], "，", ch)
        segs.append(seg)
    text += ch.part_sep().join(segs)
    un = stmt.get("unassigned")
    if un:
        _, template = ch.pick(UNASSIGNED)
        text += template.format(c=N.count(un["count"], style), L=ch.label("unassigned"), name=un["name"])
    for lst in stmt.get("lists", []):
        if lst["at"] == "end":
            text += _list(lst, "。", ch)
    return text


def section(sec: dict, ch: Chooser, ctx: dict) -> list[str]:
    """The paragraphs of one progress section (one, or for a 民生 section: heading, then item
    title and statement per sub-table, then the annex link)."""
    _, heading = ch.pick(HEADINGS)
    head = heading.format(marker=sec["marker"], campaign=sec["heading"])
    link_style = "fullwidth" if ch.numerals() == "fullwidth" else "arabic"
    _, link = ch.pick(LINKS)
    link = link.format(k=N.plain(sec["annex"], link_style))
    if "subs" in sec:
        out = [head]
        for sub in sec["subs"]:
            _, item = ch.pick(ITEMS)
            out.append(item.format(i=sub["item"], title=sub["title"]))
            text = statement(sub["stmt"], ch, {**ctx, "sub": sub})
            out.append(text + "。" + _aside(sub["stmt"], ch))
        out.append(link)
        return out
    return [head + statement(sec["stmt"], ch, ctx) + "。" + _aside(sec["stmt"], ch) + link]


def _aside(stmt: dict, ch: Chooser) -> str:
    """An optional sentence with numbers that are no count claim (两三项, 1-4月, 同比增长5.2%)."""
    asides = [a for a in stmt.get("asides") or [] if a not in ch.asides]
    if not asides or ch.coin(0.5):
        return ""
    aside = ch.rng.choice(asides)
    ch.asides.add(aside)
    return aside


def progress_paragraphs(plan: dict, ch: Chooser) -> list[str]:
    ctx = {"year": plan["year"], "month": plan["month"]}
    out: list[str] = []
    for sec in plan["sections"]:
        out += section(sec, ch, ctx)
    return out
