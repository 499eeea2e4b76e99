"""Checks that need no table: shares at their printed precision, rates, sums of classes, amounts."""
from __future__ import annotations

import itertools
from collections import defaultdict
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import regex

from extract.checks.context import Context, Verified, parts_of, stated_share, total_of
from extract.chinese.numbers import Numerals, percent_of
from extract.model import (
    Claim,
    ClaimKind,
    Finding,
    FindingKind,
    SectionKey,
    Unchecked,
)
from extract.narrative.genre import reached_milestone

# --------------------------------------------------------------------------- arithmetic


def check_percents(ctx: Context) -> list[Finding]:
    """Each stated share vs count/total*100, rounded half-up at the printed decimals."""
    slack = ctx.rules.tolerances.percent.slack_points
    trunc_severity = ctx.rules.tolerances.percent.truncated_severity
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        for c in claims:
            if c.kind not in (ClaimKind.PART, ClaimKind.RATE):
                continue
            stated = stated_share(c, ctx.count_words.numerals)
            if stated is None:
                continue
            if c.count is None or not c.total:
                # a figure said of nothing counted (同比下降18.2%) is read, and counted as unchecked
                if c.genre and (c.kind is not ClaimKind.RATE or c.names != ("",)):
                    out.append(ctx.unchecked(c, *_why_no_base(section, c), section))
                continue
            value, decimals = stated
            rounded = percent_of(c.count, c.total, decimals)
            if abs(value - rounded) <= slack:
                ctx.verify(Verified.ARITHMETIC, c)
                continue
            head = f"{section.section} {c.label} {c.count}/{c.total}: stated {c.percent_raw}, computed {rounded}%"
            if (lost := _run_together(ctx, c, head, section)) is not None:
                out.append(lost)
                continue
            other = _other_reading(c, ctx.reading.claims, value, decimals, slack, ctx.rules.claims.rate_word) \
                if c.kind is ClaimKind.RATE else None
            if other is not None:
                out.append(ctx.unchecked(c, Unchecked.RATE_COUNTS_UNSURE,
                                         f"{head}; {other} of the same statement gives the stated share",
                                         section))
                continue
            ctx.verify(Verified.ARITHMETIC, c)
            if value == percent_of(c.count, c.total, decimals, ROUND_DOWN):
                out.append(ctx.finding(FindingKind.PERCENT_TRUNCATED, c,
                                       head + " (the stated share is cut, not rounded)", trunc_severity,
                                       stated=c.percent_raw, computed=f"{rounded}%", basis=f"{c.count}/{c.total}"))
            else:
                out.append(ctx.finding(FindingKind.PERCENT_MISMATCH, c, head, stated=c.percent_raw,
                                       computed=f"{rounded}%", basis=f"{c.count}/{c.total}"))
    return out


def _run_together(ctx: Context, c: Claim, head: str, section: SectionKey) -> Finding | None:
    """The unchecked line for a share that disagrees in a statement whose figures run together
    (claims.run_together: 占年度计划的76%98个, a lost mark), where which figure is whose is not certain."""
    if not ctx.rules.claims.run_together.search(c.text):
        return None
    return ctx.unchecked(c, Unchecked.NOT_READ_WHOLE, f"{head}; figures run together in the statement", section)


def _other_reading(c: Claim, claims: list[Claim], value: Decimal, decimals: int, slack: Decimal,
                   rate_word: str) -> str | None:
    """Another reading of a rate among its statement's own counts that gives the stated share
    ("728 + 7/735"). A rate's count and base are inferred from its words, and offices word them
    loosely (结案率 may count the cases closed on time and those closed late; 按期结案率 is over
    应结案数, not 结案数): when such a reading agrees, the document does not contradict itself. The
    readings: the rate's count over another base; its count plus a sibling's; one of the parts it was
    read as the sum of (总体完成率 of 完成整改 alone, not also 基本完成); another count whose words
    hold the rate's (结案数 for 结案率, never 正在办理: a share printed of the wrong count is the slip
    a checker is for). A count over itself is no reading (it would agree with every 100%)."""
    assert c.count is not None and c.total
    stem = c.label.removesuffix(rate_word)
    siblings = [x for x in claims if x is not c and (x.section, x.text, x.unit) == (c.section, c.text, c.unit)]
    figures = sorted({n for x in siblings for n in (x.count, x.total) if n})
    worded = sorted({x.count for x in siblings if x.count and stem and stem in x.label})
    # a count the rate was read as the sum of (完成整改688 + 基本完成4): each of those parts alone too
    parts = [x.count for x in siblings if x.kind is ClaimKind.PART and x.count]
    summed_of = next((combo for size in range(2, min(len(parts), 4) + 1)
                      for combo in itertools.combinations(parts, size) if sum(combo) == c.count), ())
    readings = [(n, str(n), False) for n in [c.count, *worded, *summed_of]]
    readings += [(c.count + n, f"{c.count} + {n}", True) for n in figures if n != c.count]
    for numerator, said, summed in readings:
        for base in [c.total, *figures]:
            if 0 < numerator <= base and (summed or numerator != base) \
                    and abs(value - percent_of(numerator, base, decimals)) <= slack:
                return f"{said}/{base}"
    return None


def _why_no_base(section: SectionKey, c: Claim) -> tuple[Unchecked, str]:
    if c.kind is ClaimKind.RATE:
        return Unchecked.RATE_NO_COUNT, \
            f"{section.section} {c.label} {c.percent_raw}: the text states no count of what the rate counts"
    if c.sub_part:
        return Unchecked.PART_OF_PART, (f"{section.section} {c.label} {c.count}{c.unit} ({c.percent_raw}) breaks "
                                        "down another part: its base is not certain")
    # "no total was read", not "the text prints none": a total the reading did not tie to the share may be there
    return Unchecked.NO_TOTAL, (f"{section.section} {c.label} {c.count}{c.unit} ({c.percent_raw}): no total in "
                                f"{c.unit or 'that unit'} was read for its share")


def check_percent_sum(ctx: Context) -> list[Finding]:
    """The shares of one total add to 100 within their rounding, when every part states one and the
    shares cannot be checked one by one (a part without a count, no total)."""
    slack = ctx.rules.tolerances.percent.sum_slack_points
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        parts = [c for c in claims if c.kind in (ClaimKind.PART, ClaimKind.ALL)]
        if any(c.genre for c in claims):
            continue   # check_genre_sums
        if len(parts) < 2 or any(c.kind is not ClaimKind.PART or not c.percent_raw for c in parts):
            continue
        counts = [c.count for c in parts]
        if all(n is not None for n in counts) and (total_of(claims) is not None or all(c.total for c in parts)):
            continue   # each share is checked on its own, and the remainder is sum_mismatch's
        shares = share_sum(parts, slack, ctx.count_words.numerals)
        if shares is None:
            continue
        total_pct, covers = shares
        if not covers:
            terms = " + ".join(c.percent_raw for c in parts)
            out.append(ctx.finding(FindingKind.PERCENT_MISMATCH, parts[0],
                                   f"{section.section} shares add to {total_pct}% ({terms}), not 100%",
                                   stated=f"{total_pct}%", computed="100%"))
    return out


def check_sums(ctx: Context) -> list[Finding]:
    """The parts (including unassigned ones) add to the stated total."""
    min_parts = ctx.rules.tolerances.sums.min_parts
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        total = total_of(claims)
        parts = parts_of(claims)
        if total is None or len(parts) < min_parts or total.genre:
            continue
        got = sum(c.count for c in parts if c.count is not None)
        if got == total.count:
            ctx.verify(Verified.ARITHMETIC, total, *parts)
            continue
        terms = " + ".join(f"{c.label} {c.count}" for c in parts)
        if ctx.doubts(section):
            out.append(ctx.unchecked(total, Unchecked.NOT_READ_WHOLE,
                                     f"{section.section} parts add to {got}, stated total {total.count}, but the "
                                     f"statement was not read whole ({'; '.join(ctx.doubts(section))})"))
            continue
        ctx.verify(Verified.ARITHMETIC, total, *parts)
        out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                               f"{section.section} parts add to {got} ({terms}), stated total {total.count}",
                               stated=total.count, computed=got, basis=" + ".join(str(c.count) for c in parts)))
    return out


def share_sum(parts: list[Claim], slack: Decimal, numerals: Numerals) -> tuple[Decimal, bool] | None:
    """The parts' printed shares added up, and whether that is 100% within their rounding (each
    share may be off by half its last digit, plus the slack); None when not every part prints one."""
    stated = [stated_share(c, numerals) for c in parts]
    if not parts or any(x is None for x in stated):
        return None
    total = sum((x[0] for x in stated if x), Decimal(0))
    tolerance = sum((Decimal(5).scaleb(-1 - x[1]) for x in stated if x), Decimal(0)) + slack
    return total, abs(total - 100) <= tolerance


def _shares_cover_all(parts: list[Claim], slack: Decimal, numerals: Numerals) -> bool | None:
    """Whether the parts' printed shares add to 100% within their rounding (None: not all print one)."""
    shares = share_sum(parts, slack, numerals)
    return None if shares is None else shares[1]


def check_genre_sums(ctx: Context) -> list[Finding]:
    """Each classification (run of sibling counts) of a genre section against its base, only where
    the text makes it exhaustive (extract/narrative/genre.py: a total printed right after it, a partition word,
    a catch-all class, the rest, statuses done and not done), or its shares add to 100%, or, of
    distinct statuses, it adds to more than the base. A sum that falls short with no such sign is an
    info line: offices often name some classes only (已完成20项，基本完成5项 of 30)."""
    slack = ctx.rules.tolerances.percent.sum_slack_points
    milestone = regex.compile(ctx.rules.claims.milestone)
    negated = regex.compile(ctx.rules.claims.negated_stem)
    out: list[Finding] = []
    for key, claims in ctx.by_section.items():
        runs: dict[int, list[Claim]] = defaultdict(list)
        for c in claims:
            if c.genre and c.kind is ClaimKind.PART and c.run >= 0 and c.count is not None:
                runs[c.run].append(c)
        for run, group in runs.items():
            explicit = next((c for c in claims if c.kind is ClaimKind.TOTAL and c.run == run), None)
            # the run's base is its statement's total (the shares may be of the classes' own sum)
            frame = [c for c in claims if c.kind is ClaimKind.TOTAL and c.run == -1 and c.statement == group[0].statement
                     and c.unit == group[0].unit]
            bases = {c.total for c in group}
            base = explicit.count if explicit is not None else (
                frame[0].count if len(frame) == 1 else (bases.pop() if len(bases) == 1 else None))
            covers = _shares_cover_all(group, slack, ctx.count_words.numerals)
            if base is None or len(group) < 2:
                if base is None and len(group) >= 2 and covers is False and any(c.exhaustive for c in group) \
                        and all(c.total is None for c in group):
                    ctx.verify(Verified.ARITHMETIC, *group)
                    terms = " + ".join(c.percent_raw for c in group)
                    out.append(ctx.finding(FindingKind.PERCENT_MISMATCH, group[0],
                                           f"{key.section} shares of parts of distinct statuses do not add to 100% ({terms})",
                                           stated=terms, computed="100%"))
                continue
            got = sum(c.count or 0 for c in group)
            anchor = explicit or next((c for c in claims if c.kind is ClaimKind.TOTAL and c.count == base), group[0])
            # a part counts as checked only when its sum was compared: not when the sum is dropped below
            if got == base:
                ctx.verify(Verified.ARITHMETIC, anchor, *group)
                continue
            unit = group[0].unit
            terms = " + ".join(f"{c.label} {c.count}" for c in group)
            detail = f"{key.section} parts add to {got}{unit} ({terms}), stated total {base}{unit}"
            if ctx.doubts(key):
                out.append(ctx.unchecked(anchor, Unchecked.NOT_READ_WHOLE, f"{detail}, but the statement was not read whole "
                                                 f"({'; '.join(ctx.doubts(key))})"))
            elif explicit is not None or covers or any(c.exhaustive for c in group) or (
                    got > base and _disjoint(group, milestone, negated)):
                ctx.verify(Verified.ARITHMETIC, anchor, *group)
                out.append(ctx.finding(FindingKind.SUM_MISMATCH, anchor, detail, stated=base, computed=got,
                                       basis=" + ".join(str(c.count) for c in group)))
            else:
                out.append(ctx.unchecked(anchor, Unchecked.PARTS_NOT_EXHAUSTIVE,
                                         f"{detail}; the text does not say the parts cover the total"))
    return out


def check_amount_sums(ctx: Context) -> list[Finding]:
    """The classes of an amount in a partition (从投资构成看，工业项目完成投资7.92亿元…) add to that amount
    within the rounding of every printed figure."""
    out: list[Finding] = []
    for key, claims in ctx.by_section.items():
        runs: dict[int, list[Claim]] = defaultdict(list)
        for c in claims:
            if c.kind is ClaimKind.AMOUNT and c.run >= 0 and c.base_raw:
                runs[c.run].append(c)
        for group in runs.values():
            parts = [_amount(c.amount_raw, ctx) for c in group]
            whole = _amount(group[0].base_raw, ctx)
            if whole is None or any(p is None for p in parts):
                continue
            ctx.verify(Verified.ARITHMETIC, *group)
            low = sum((p[0] - p[1] / 2 for p in parts if p), Decimal(0))
            high = sum((p[0] + p[1] / 2 for p in parts if p), Decimal(0))
            if high >= whole[0] - whole[1] / 2 and low <= whole[0] + whole[1] / 2:
                continue
            terms = " + ".join(c.amount_raw for c in group)
            unit = regex.sub(r"[0-9.]", "", group[0].base_raw)
            scale = ctx.rules.claims.amount_units[unit]
            got = (sum((p[0] for p in parts if p), Decimal(0)) / scale).normalize()
            out.append(ctx.finding(FindingKind.SUM_MISMATCH, group[0],
                                   f"{key.section} {group[0].label}: parts add to {got}{unit} ({terms}), "
                                   f"stated {group[0].base_raw}",
                                   stated=group[0].base_raw, computed=f"{got}{unit}", basis=terms))
    return out


def _disjoint(parts: list[Claim], milestone: regex.Pattern[str], negated: regex.Pattern[str]) -> bool:
    """Parts of distinct statuses, each with one, none of them a milestone that later stages pass
    too (已开工65件 counts the 26 已完成 as well): no item can be in two of them."""
    statuses = [c.status for c in parts]
    return all(statuses) and len(set(statuses)) == len(statuses) and not any(
        reached_milestone(c.label, milestone, negated) for c in parts)


def check_amount_shares(ctx: Context) -> list[Finding]:
    """A share of an amount (完成投资4.28亿元，占年度计划的24.2%) against the amounts as printed, each
    within the rounding of its unit: 4.28亿 of 17.68亿 is 24.17-24.24%, so 24.2% is right and 24.25%
    is not."""
    trunc_severity = ctx.rules.tolerances.percent.truncated_severity
    out: list[Finding] = []
    for key, claims in ctx.by_section.items():
        for c in claims:
            stated = stated_share(c, ctx.count_words.numerals) if c.kind is ClaimKind.AMOUNT else None
            if stated is None:
                continue
            part, base = _amount(c.amount_raw, ctx), _amount(c.base_raw, ctx)
            if part is None or base is None or base[0] <= 0:
                out.append(ctx.unchecked(c, Unchecked.AMOUNT_BASE_UNSURE,
                                         f"{key.section} {c.label}{c.amount_raw} ({c.percent_raw}): the amount the share "
                                            f"is of is not certain", key))
                continue
            value, decimals = stated
            if part[0] > base[0] and value <= 100:
                # a share under 100% of a smaller amount: the base was not the one meant
                out.append(ctx.unchecked(c, Unchecked.AMOUNT_BASE_UNSURE,
                                         f"{key.section} {c.label}{c.amount_raw} ({c.percent_raw}): {c.base_raw} is "
                                            f"smaller, so it is not what the share is of", key))
                continue
            half = Decimal(5).scaleb(-1 - decimals)
            low = (part[0] - part[1] / 2) / (base[0] + base[1] / 2) * 100
            high = (part[0] + part[1] / 2) / (base[0] - base[1] / 2) * 100
            if value - half <= high and value + half >= low:
                ctx.verify(Verified.ARITHMETIC, c)
                continue
            step = Decimal(1).scaleb(-decimals)
            computed = (part[0] / base[0] * 100).quantize(step, ROUND_HALF_UP)
            head = (f"{key.section} {c.label}{c.amount_raw} of {c.base_raw}: stated {c.percent_raw}, computed {computed}% "
                    f"({low.quantize(Decimal('0.01'))}-{high.quantize(Decimal('0.01'))}% within the printed rounding)")
            if (lost := _run_together(ctx, c, head, key)) is not None:
                out.append(lost)
                continue
            ctx.verify(Verified.ARITHMETIC, c)
            if value <= high and value + step >= low:
                out.append(ctx.finding(FindingKind.PERCENT_TRUNCATED, c, head + " (cut, not rounded)", trunc_severity,
                                       stated=c.percent_raw, computed=f"{computed}%",
                                       basis=f"{c.amount_raw}/{c.base_raw}"))
            else:
                out.append(ctx.finding(FindingKind.PERCENT_MISMATCH, c, head, stated=c.percent_raw,
                                       computed=f"{computed}%", basis=f"{c.amount_raw}/{c.base_raw}"))
    return out


def _amount(raw: str, ctx: Context) -> tuple[Decimal, Decimal] | None:
    """(value in yuan, printed step in yuan) of an amount as printed."""
    m = regex.fullmatch(ctx.rules.claims.amount, raw) if raw else None
    if m is None:
        return None
    unit = ctx.rules.claims.amount_units[m.group("unit")]
    number = m.group("value")
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(number) * unit, unit * Decimal(1).scaleb(-decimals)
