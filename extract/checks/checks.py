"""Claims x tables x arithmetic -> Finding records.

Precision first: an error is reported only where the document contradicts itself. Where an input
is uncertain (a column whose role is in doubt, status words not understood, a count that is not
exact, a sentence the grammar could not read whole), a check that would have fired says so in one
`unchecked` info line instead. Where the tables leave room (rows without a status, status words
not understood), a count is an error only when no reading of those rows could make it right.

Finding kinds (severity error unless noted):
- percent_mismatch     a stated share is not count/total rounded half-up at its printed decimals,
                       or the shares of one total do not add to 100 within rounding
- percent_truncated    (warning) the stated share is count/total cut, not rounded ("16.66%" for 5/30)
- sum_mismatch         the parts do not add to the stated total (also: a table cell's parts vs its
                       total; the narrative total vs the sum of the table's cells)
- total_vs_table       a stated total vs the number of the linked table's rows (项), or its number
                       of distinct 序号 (件)
- count_vs_table       a per-status count vs the number of linked rows with that status (or the
                       sum of the table's cells for that status)
- named_item_status    a named item matches a row whose status is another one
- name_not_found       a named item matches no row of the linked table
- named_item_missing   a row with the list's status that the list does not name
- name_variant         (warning) a named item matches a row only with one or two characters changed
- campaign_name_drift  (warning) the narrative names the linked annex's campaign differently
- unchecked            (info) a check not run, or not trusted, and why
- unknown_status_words (info) status words of the tables that were not understood
Thresholds live in rules/tolerances.yaml.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

import numpy as np
import regex
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from extract.chinese.numbers import parse_percent, percent_of
from extract.chinese.status import StatusVocabulary, vocabulary
from extract.chinese.text import squash
from extract.model import (
    Annex,
    Claim,
    ClaimKind,
    Coverage,
    Finding,
    FindingKind,
    Indicator,
    Role,
    SectionKey,
    Severity,
    Status,
    TableMapping,
    TotalKind,
)
from extract.narrative.claims import NarrativeReading
from extract.narrative.genre import reached_milestone
from extract.narrative.links import SectionLink

_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")
_HAN = regex.compile(r"\p{Han}")


class Verified(StrEnum):
    TABLE = "table"               # compared with the annex table
    ARITHMETIC = "arithmetic"     # compared with the document's own other figures


@dataclass
class Context:
    file: str
    rules: Any
    vocab: StatusVocabulary
    reading: NarrativeReading
    indicators: list[Indicator]
    annexes: list[Annex]
    tables: dict[tuple[int, int], TableMapping] = field(default_factory=dict)
    by_section: dict[SectionKey, list[Claim]] = field(default_factory=dict)   # narrative claims, per statement
    cells_by_annex: dict[int, list[Claim]] = field(default_factory=dict)
    # claims a check compared with something (id -> Verified.TABLE / Verified.ARITHMETIC): the summary's counts
    verified: dict[int, Verified] = field(default_factory=dict)

    def verify(self, how: Verified, *claims: Claim) -> None:
        for claim in claims:
            if self.verified.get(id(claim)) is not Verified.TABLE:
                self.verified[id(claim)] = how

    @property
    def links(self) -> dict[SectionKey, SectionLink]:
        return self.reading.links

    def doubts(self, section: SectionKey) -> list[str]:
        """Why a section's statements were not read whole (said of the section, any statement of it)."""
        return self.reading.doubts.get(section.section, [])

    def rows(self, section: SectionKey) -> list[Indicator] | None:
        """The linked table rows of a section; None when the section has no (unambiguous) table, or
        for a later statement of a genre section (a table speaks for the section's first only)."""
        link = None if section.is_later_statement else self.links.get(section)
        if link is None or link.annex_no is None:
            return None
        rows = [i for i in self.indicators if i.annex_no == link.annex_no]
        if link.subtable is not None:
            return [i for i in rows if i.section == link.subtable]
        if section.is_item:
            return None   # a sub-section ((六)1) whose sub-table could not be told
        return rows

    def uncertain_role(self, rows: list[Indicator], role: Role) -> TableMapping | None:
        """The first table of these rows whose `role` column is in doubt (None: all are certain)."""
        for key in dict.fromkeys((r.annex_no, r.table_no) for r in rows):
            mapping = self.tables.get(key)
            if mapping is not None and not mapping.is_certain(role):
                return mapping
        return None

    def unsure_column(self, rows: list[Indicator], role: Role, claim: Claim, what: str) -> Finding | None:
        """The unchecked line for a check resting on a `role` column whose mapping is uncertain."""
        shaky = self.uncertain_role(rows, role)
        if shaky is None:
            return None
        return self.unchecked(claim, f"{what}: the {role} column of 附件{shaky.annex_no} is uncertain "
                                     f"({_role_note(shaky, role)})")

    def assessed(self, rows: list[Indicator]) -> list[Indicator]:
        if not self.rules.tolerance("table", "count_only_assessed_rows"):
            return rows
        return [r for r in rows if r.status != Status.UNKNOWN or r.completion_ratio is not None]

    def not_understood(self, rows: list[Indicator]) -> list[Indicator]:
        """Rows whose status cell has words the vocabulary could not read: any status is possible."""
        return [r for r in rows if r.status == Status.UNKNOWN and not self.vocab.understood(r.status_raw)]

    def finding(self, kind: FindingKind, claim: Claim, detail: str, severity: Severity = Severity.ERROR,
                section: SectionKey | None = None, stated: Any = "", computed: Any = "", basis: Any = "") -> Finding:
        # a finding names the section as printed, never the statement key it was checked under
        section = SectionKey(claim.section) if section is None else section.section
        link = self.links.get(section)
        campaign = link.campaign if link is not None and link.campaign else claim.campaign
        annex_no = link.annex_no if link is not None and link.annex_no is not None else claim.annex_no
        return Finding(file=self.file, kind=kind, severity=severity, annex_no=annex_no, campaign=campaign,
                       detail=detail, page=claim.page, locator=claim.locator, section=section,
                       sentence=claim.text, label=claim.label, stated=str(stated), computed=str(computed),
                       basis=str(basis))

    def unchecked(self, claim: Claim, why: str, section: SectionKey | None = None) -> Finding:
        return self.finding(FindingKind.UNCHECKED, claim, f"not checked: {why}", Severity.INFO, section)


def _context(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Any, file: str,
             tables: Iterable[TableMapping]) -> Context:
    ctx = Context(file, rules, vocabulary(rules), reading, indicators, annexes,
                  {(t.annex_no, t.table_no): t for t in tables})
    by_section: dict[SectionKey, list[Claim]] = defaultdict(list)
    cells: dict[int, list[Claim]] = defaultdict(list)
    for c in reading.claims:
        if c.kind is ClaimKind.CELL:
            if c.annex_no is not None:
                cells[c.annex_no].append(c)
        elif c.section:
            # a genre section's later statements are checked on their own (never against a table)
            by_section[SectionKey.statement_of(c.section, c.statement)].append(c)
    ctx.by_section = dict(by_section)
    ctx.cells_by_annex = dict(cells)
    return ctx


def _total(claims: Iterable[Claim], kind: TotalKind = TotalKind.TOTAL) -> Claim | None:
    return next((c for c in claims if c.kind is ClaimKind.TOTAL and c.status == kind and c.count is not None), None)


def _parts(claims: Iterable[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in (ClaimKind.PART, ClaimKind.ALL) and c.count is not None]


def _stated(claim: Claim) -> tuple[Decimal, int] | None:
    p = parse_percent(claim.percent_raw) if claim.percent_raw else None
    if p is None:
        return None
    value = (Decimal(repr(p.value)) * 100).quantize(Decimal(1).scaleb(-p.decimals))
    return value, p.decimals


# --------------------------------------------------------------------------- arithmetic


def check_percents(ctx: Context) -> list[Finding]:
    """Each stated share vs count/total*100, rounded half-up at the printed decimals."""
    slack = Decimal(str(ctx.rules.tolerance("percent", "slack_points")))
    trunc_severity = Severity(ctx.rules.tolerance("percent", "truncated_severity"))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        for c in claims:
            if c.kind not in (ClaimKind.PART, ClaimKind.RATE):
                continue
            stated = _stated(c)
            if stated is None:
                continue
            if c.count is None or not c.total:
                # a figure said of nothing counted (同比下降18.2%) is read, and counted as unchecked
                if c.genre and (c.kind is not ClaimKind.RATE or c.names != ("",)):
                    out.append(ctx.unchecked(c, _why_no_base(section, c), section))
                continue
            ctx.verify(Verified.ARITHMETIC, c)
            value, decimals = stated
            rounded = percent_of(c.count, c.total, decimals)
            if abs(value - rounded) <= slack:
                continue
            head = f"{section.section} {c.label} {c.count}/{c.total}: stated {c.percent_raw}, computed {rounded}%"
            if value == percent_of(c.count, c.total, decimals, ROUND_DOWN):
                out.append(ctx.finding(FindingKind.PERCENT_TRUNCATED, c,
                                       head + " (the stated share is cut, not rounded)", trunc_severity,
                                       stated=c.percent_raw, computed=f"{rounded}%", basis=f"{c.count}/{c.total}"))
            else:
                out.append(ctx.finding(FindingKind.PERCENT_MISMATCH, c, head, stated=c.percent_raw,
                                       computed=f"{rounded}%", basis=f"{c.count}/{c.total}"))
    return out


def _why_no_base(section: SectionKey, c: Claim) -> str:
    if c.kind is ClaimKind.RATE:
        return f"{section.section} {c.label} {c.percent_raw}: the text states no count of what the rate counts"
    if c.sub_part:
        return (f"{section.section} {c.label} {c.count}{c.unit} ({c.percent_raw}) breaks down another part: "
                "its base is not certain")
    return f"{section.section} {c.label} {c.count}{c.unit} ({c.percent_raw}): the text prints no total in {c.unit or 'that unit'}"


def check_percent_sum(ctx: Context) -> list[Finding]:
    """The shares of one total add to 100 within their rounding, when every part states one and the
    shares cannot be checked one by one (a part without a count, no total)."""
    slack = Decimal(str(ctx.rules.tolerance("percent", "sum_slack_points")))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        parts = [c for c in claims if c.kind in (ClaimKind.PART, ClaimKind.ALL)]
        if any(c.genre for c in claims):
            continue   # check_genre_sums
        if len(parts) < 2 or any(c.kind is not ClaimKind.PART or not c.percent_raw for c in parts):
            continue
        counts = [c.count for c in parts]
        if all(n is not None for n in counts) and (_total(claims) is not None or all(c.total for c in parts)):
            continue   # each share is checked on its own, and the remainder is sum_mismatch's
        shares = _share_sum(parts, slack)
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
    min_parts = int(ctx.rules.tolerance("sums", "min_parts"))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        total = _total(claims)
        parts = _parts(claims)
        if total is None or len(parts) < min_parts or total.genre:
            continue
        got = sum(c.count for c in parts if c.count is not None)
        if got == total.count:
            ctx.verify(Verified.ARITHMETIC, total, *parts)
            continue
        ctx.verify(Verified.ARITHMETIC, total, *parts)
        terms = " + ".join(f"{c.label} {c.count}" for c in parts)
        if ctx.doubts(section):
            out.append(ctx.unchecked(total, f"{section.section} parts add to {got}, stated total {total.count}, but the "
                                            f"statement was not read whole ({'; '.join(ctx.doubts(section))})"))
            continue
        out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                               f"{section.section} parts add to {got} ({terms}), stated total {total.count}",
                               stated=total.count, computed=got, basis=" + ".join(str(c.count) for c in parts)))
    return out


def _share_sum(parts: list[Claim], slack: Decimal) -> tuple[Decimal, bool] | None:
    """The parts' printed shares added up, and whether that is 100% within their rounding (each
    share may be off by half its last digit, plus the slack); None when not every part prints one."""
    stated = [_stated(c) for c in parts]
    if not parts or any(x is None for x in stated):
        return None
    total = sum((x[0] for x in stated if x), Decimal(0))
    tolerance = sum((Decimal(5).scaleb(-1 - x[1]) for x in stated if x), Decimal(0)) + slack
    return total, abs(total - 100) <= tolerance


def _shares_cover_all(parts: list[Claim], slack: Decimal) -> bool | None:
    """Whether the parts' printed shares add to 100% within their rounding (None: not all print one)."""
    shares = _share_sum(parts, slack)
    return None if shares is None else shares[1]


def check_genre_sums(ctx: Context) -> list[Finding]:
    """Each classification (run of sibling counts) of a genre section against its base, only where
    the text makes it exhaustive (extract/narrative/genre.py: a total printed right after it, a partition word,
    a catch-all class, the rest, statuses done and not done), or its shares add to 100%, or, of
    distinct statuses, it adds to more than the base. A sum that falls short with no such sign is an
    info line: offices often name some classes only (已完成20项，基本完成5项 of 30)."""
    slack = Decimal(str(ctx.rules.tolerance("percent", "sum_slack_points")))
    milestone = regex.compile(ctx.rules.claims["milestone"])
    negated = regex.compile(ctx.rules.claims["negated_stem"])
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
            covers = _shares_cover_all(group, slack)
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
            ctx.verify(Verified.ARITHMETIC, *group)
            if got == base:
                ctx.verify(Verified.ARITHMETIC, anchor)
                continue
            unit = group[0].unit
            terms = " + ".join(f"{c.label} {c.count}" for c in group)
            detail = f"{key.section} parts add to {got}{unit} ({terms}), stated total {base}{unit}"
            if ctx.doubts(key):
                out.append(ctx.unchecked(anchor, f"{detail}, but the statement was not read whole "
                                                 f"({'; '.join(ctx.doubts(key))})"))
            elif explicit is not None or covers or any(c.exhaustive for c in group) or (
                    got > base and _disjoint(group, milestone, negated)):
                ctx.verify(Verified.ARITHMETIC, anchor)
                out.append(ctx.finding(FindingKind.SUM_MISMATCH, anchor, detail, stated=base, computed=got,
                                       basis=" + ".join(str(c.count) for c in group)))
            else:
                out.append(ctx.unchecked(anchor, f"{detail}; the text does not say the parts cover the total"))
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
            scale = Decimal(str(ctx.rules.claims["amount_units"][unit]))
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
    trunc_severity = Severity(ctx.rules.tolerance("percent", "truncated_severity"))
    out: list[Finding] = []
    for key, claims in ctx.by_section.items():
        for c in claims:
            stated = _stated(c) if c.kind is ClaimKind.AMOUNT else None
            if stated is None:
                continue
            part, base = _amount(c.amount_raw, ctx), _amount(c.base_raw, ctx)
            if part is None or base is None or base[0] <= 0:
                out.append(ctx.unchecked(c, f"{key.section} {c.label}{c.amount_raw} ({c.percent_raw}): the amount the share "
                                            f"is of is not certain", key))
                continue
            value, decimals = stated
            if part[0] > base[0] and value <= 100:
                # a share under 100% of a smaller amount: the base was not the one meant
                out.append(ctx.unchecked(c, f"{key.section} {c.label}{c.amount_raw} ({c.percent_raw}): {c.base_raw} is "
                                            f"smaller, so it is not what the share is of", key))
                continue
            ctx.verify(Verified.ARITHMETIC, c)
            half = Decimal(5).scaleb(-1 - decimals)
            low = (part[0] - part[1] / 2) / (base[0] + base[1] / 2) * 100
            high = (part[0] + part[1] / 2) / (base[0] - base[1] / 2) * 100
            if value - half <= high and value + half >= low:
                continue
            step = Decimal(1).scaleb(-decimals)
            computed = (part[0] / base[0] * 100).quantize(step, ROUND_HALF_UP)
            head = (f"{key.section} {c.label}{c.amount_raw} of {c.base_raw}: stated {c.percent_raw}, computed {computed}% "
                    f"({low.quantize(Decimal('0.01'))}-{high.quantize(Decimal('0.01'))}% within the printed rounding)")
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
    m = regex.fullmatch(ctx.rules.claims["amount"], raw) if raw else None
    if m is None:
        return None
    unit = Decimal(str(ctx.rules.claims["amount_units"][m.group("unit")]))
    number = m.group("value")
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(number) * unit, unit * Decimal(1).scaleb(-decimals)


def check_counts_in_table_words(ctx: Context) -> list[Finding]:
    """A genre bulletin whose table is the list of its items (a linked statement's total is exactly
    the table's rows) may state a status count anywhere: 正在办理的28件事项中 in its problems part,
    已开工项目中，已竣工3个 in a breakdown of the started ones. Each count whose words hold one of the
    table's own status words, in that total's unit and over a base that is the total or a status, is
    compared with the rows that print that word. Counts already compared with the table are not
    compared again."""
    out: list[Finding] = []
    tables: dict[int, tuple[list[Indicator], str]] = {}
    for key, claims in ctx.by_section.items():
        rows, total = ctx.rows(key), _total(claims)
        if rows and total is not None and total.genre and total.count == len(ctx.assessed(rows)):
            tables.setdefault(rows[0].annex_no, (rows, total.unit))
    if len(tables) != 1:
        return out
    rows, unit = next(iter(tables.values()))
    words = sorted({squash(r.status_raw) for r in rows if len(squash(r.status_raw)) >= 2}, key=len, reverse=True)
    claims = [c for section in ctx.by_section.values() for c in section]
    labels: dict[tuple[str, int | None], str] = {}
    for c in claims:       # what each count of a section says it counts (the first saying)
        if c.kind in (ClaimKind.TOTAL, ClaimKind.PART) and c.genre:
            labels.setdefault((c.section, c.count), c.label)
    for c in claims:
        if not c.genre or c.unit != unit or c.count is None or ctx.verified.get(id(c)) is Verified.TABLE:
            continue
        # 正在办理的28件事项中 says a status of its count; 19件确定事项中已办结8件 says one of the next count's
        said_of_it = squash(c.label).split("中")[0] if c.kind is ClaimKind.TOTAL else squash(c.label)
        word = next((w for w in words if w in said_of_it), None)
        if word is None or c.kind not in (ClaimKind.PART, ClaimKind.TOTAL) or c.sub_part:
            continue
        if c.kind is ClaimKind.TOTAL and ctx.vocab.read(c.label).status is Status.UNKNOWN:
            continue
        base = labels.get((c.section, c.total)) if c.kind is ClaimKind.PART else None
        if c.kind is ClaimKind.PART and (base is None or (c.total != len(ctx.assessed(rows))
                                                          and ctx.vocab.read(base).status is Status.UNKNOWN)):
            continue   # a count over a department's or a town's share of the items is no count of the table
        ctx.verify(Verified.TABLE, c)
        have = sum(1 for r in rows if word in squash(r.status_raw))
        status = ctx.vocab.read(word).status
        if have != c.count and c.count != sum(1 for r in rows if r.status == status):
            out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, c,
                                   f"{c.section} {c.label} ({word}): stated {c.count}, the table has {have} rows {word}",
                                   stated=c.count, computed=have))
    return out


def check_numbered_items(ctx: Context) -> list[Finding]:
    """Items named by number (第1件、第17、18件……进展滞后) against the 序号 of the linked table, or of
    the bulletin's only table: a number that no row carries, a row of another status."""
    out: list[Finding] = []
    only = {(i.annex_no, i.table_no) for i in ctx.indicators}
    for key, claims in ctx.by_section.items():
        for c in claims:
            if c.kind is not ClaimKind.ITEMS:
                continue
            rows = ctx.rows(key) or (ctx.indicators if len(only) == 1 else None)
            numbered = {n: r for r in rows or [] if (n := _seq_number(r.seq)) is not None}
            if not numbered:
                out.append(ctx.unchecked(c, f"{key.section} items {'、'.join(c.names)} ({c.status}): no table numbers its rows"))
                continue
            unsure = ctx.unsure_column(rows or [], Role.STATUS, c, f"{key.section} items by number")
            if unsure is not None:
                out.append(unsure)
                continue
            ctx.verify(Verified.TABLE, c)
            # a table that only says 已办结 / 正在办理 cannot tell a late item from an ongoing one:
            # the item conflicts with its row only on done / not done
            strict = c.status in {r.status for r in rows or []}
            for number in c.names:
                row = numbered.get(int(number))
                if row is None:
                    out.append(ctx.finding(FindingKind.NAME_NOT_FOUND, c,
                                           f"{key.section} {c.label}: item {number} is not a 序号 of the table "
                                           f"(it numbers {min(numbered)}-{max(numbered)})",
                                           stated=f"第{number}{c.unit}", computed=""))
                elif row.status != Status.UNKNOWN and (row.status != c.status if strict else
                                                       (row.status == Status.COMPLETED) != (c.status == Status.COMPLETED)):
                    out.append(ctx.finding(FindingKind.NAMED_ITEM_STATUS, c,
                                           f"{key.section} {c.label} names item {number} ({c.status}), but its row "
                                           f"'{_row_name(row)}' is {row.status} ({row.status_raw})",
                                           stated=f"第{number}{c.unit}: {c.status}", computed=row.status,
                                           basis=_row_name(row)))
    return out


def _seq_number(seq: str) -> int | None:
    m = regex.fullmatch(r"\s*([0-9]{1,4})\s*[.、．]?\s*", seq or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- against the tables


def _cell_total(ctx: Context, annex_no: int | None) -> int | None:
    cells = ctx.cells_by_annex.get(annex_no) if annex_no is not None else None
    if not cells:
        return None
    return sum(c.count for c in cells if c.status == TotalKind.TOTAL and c.count is not None)


def _mode(ctx: Context, section: SectionKey, claims: list[Claim]) -> str:
    """What the section's counts count: the table's rows, or the counts printed in its cells.

    Decided by the document's own evidence: a table whose rows carry no assessment but whose cells
    state counts is counted by its cells; where both exist, by whichever the stated total equals;
    "ambiguous" when it equals neither."""
    rows = ctx.rows(section) or []
    link = ctx.links.get(section)
    cell_total = _cell_total(ctx, link.annex_no if link else None)
    if cell_total is None:
        return "rows"
    if not ctx.assessed(rows):
        return "cells"
    total = _total(claims)
    if total is None or total.count == len(ctx.assessed(rows)):
        return "rows"
    if total.count == cell_total:
        return "cells"
    return "ambiguous"


def check_totals_vs_table(ctx: Context) -> list[Finding]:
    """A stated total (项) vs the linked table's rows; 件 vs its distinct 序号.

    Rows without a status may or may not be counted by the narrative (sub-rows, 未下指标 lines):
    a total between the assessed rows and all rows is an info line, not an error."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        total = _total(claims)
        if not rows or total is None or total.count is None:
            continue
        mode = _mode(ctx, section, claims)
        if mode == "cells":
            continue
        assessed = ctx.assessed(rows)
        if total.genre and not _lists_what_it_counts(ctx, total, assessed):
            link = ctx.links.get(section)
            if link is not None and not link.implicit:
                out.append(ctx.unchecked(total, f"{section.section} total {total.count}{total.unit}: the linked table's "
                                                f"{len(assessed)} rows list something else"))
            continue
        if mode == "ambiguous":
            out.append(ctx.unchecked(total, f"{section.section} total {total.count} is neither the table's {len(assessed)} "
                                            f"rows nor the {_cell_total(ctx, total.annex_no)} items its cells count"))
            continue
        if assessed:
            ctx.verify(Verified.TABLE, total)
        if assessed and total.count == len(assessed) < len(rows):
            out.append(ctx.unchecked(total, f"{section.section} total {total.count} is taken to leave out the table's "
                                            f"{len(rows) - len(assessed)} rows without a status "
                                            f"({len(rows)} rows in all)"))
        elif assessed and total.count != len(assessed):
            detail = f"{section.section} {total.label}: stated total {total.count}, the table has {len(assessed)} assessed rows"
            if len(assessed) <= total.count <= len(rows):
                out.append(ctx.unchecked(total, f"{detail}; {len(rows) - len(assessed)} more rows have no status, "
                                                f"and the narrative may count them"))
            elif ctx.uncertain_role(rows, Role.STATUS) is not None:
                out.append(ctx.unchecked(total, f"{detail}, but the status column is uncertain"))
            else:
                out.append(ctx.finding(FindingKind.TOTAL_VS_TABLE, total,
                                       f"{detail}" + (f" ({len(rows)} rows in all)" if len(rows) != len(assessed) else ""),
                                       stated=total.count, computed=len(assessed)))
        groups = _total(claims, TotalKind.GROUPS)
        seqs = {r.seq.strip() for r in rows if r.seq and r.seq.strip()}
        if groups is not None and seqs and groups.count != len(seqs):
            out.append(ctx.finding(FindingKind.TOTAL_VS_TABLE, groups,
                                   f"{section.section} {groups.label}: stated {groups.count} 件, "
                                   f"the table has {len(seqs)} distinct 序号", stated=groups.count, computed=len(seqs)))
    return out


def _lists_what_it_counts(ctx: Context, total: Claim, assessed: list[Indicator]) -> bool:
    """A genre statement's table lists the items its total counts when the two are close: a table
    of those items may miss or repeat a row; one of very another size lists something else (the 18
    late tasks of 96, the 14 hazards of 32 firms inspected). A statement that does not refer to the
    table (the bulletin's only table, no 详见附件) must count exactly its rows."""
    link = ctx.links.get(SectionKey(total.section))
    if link is not None and link.implicit:
        return total.count == len(assessed)
    band = max(int(ctx.rules.tolerance("table", "genre_rows_band")),
               round(float(ctx.rules.tolerance("table", "genre_rows_share")) * len(assessed)))
    return total.count is not None and abs(total.count - len(assessed)) <= band


def _table_word(group: list[Claim], rows: list[Indicator]) -> str:
    """A genre statement's label that the table's status cells use as printed (超进度, 正在办理): what
    its count is compared with, finer than the status it reads as; "" when the table does not."""
    labels = {squash(c.label) for c in group}
    if not group[0].genre or len(labels) != 1:
        return ""
    label = labels.pop()
    return label if label and any(label in squash(r.status_raw) for r in rows) else ""


def _learned_key(claim: Claim, rows: list[Indicator]) -> str | None:
    """A part whose label the vocabulary could not read, matched to a table word that is not
    understood either but that the label contains (the bulletin's own word for a status)."""
    label = squash(claim.label)
    words = {squash(r.status_raw) for r in rows if r.status == Status.UNKNOWN and squash(r.status_raw)}
    hits = [w for w in words if w and (w in label or label in w)]
    return hits[0] if len(hits) == 1 else None


def check_counts_vs_table(ctx: Context) -> list[Finding]:
    """Each per-status count vs the number of linked rows with that status.

    Rows whose status words were not understood could hold any status: a count is an error only
    when it lies outside [rows with the status, rows with the status + rows not understood]."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        if not rows or _mode(ctx, section, claims) != "rows":
            continue
        assessed = ctx.assessed(rows)
        if not assessed:
            continue
        parts = [c for c in _parts(claims) if not c.sub_part]
        if not parts:
            continue
        total = _total(claims)
        if parts[0].genre and (total is None or not _lists_what_it_counts(ctx, total, assessed)):
            continue   # the table lists something else than these counts (check_totals_vs_table says so)
        # 其余9件正在加快推进，其中第8、15件进度滞后: the 9 count the statuses its breakdown names too
        broken = {c.text: {x.status for x in claims if x.text == c.text and x.status and x.status != c.status
                           and (x.kind is ClaimKind.ITEMS or x.sub_part)} for c in parts if c.genre}
        unsure = ctx.unsure_column(rows, Role.STATUS, parts[0], f"{section.section} counts by status")
        if unsure is not None:
            out.append(unsure)
            continue
        unread = ctx.not_understood(rows)
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in parts:
            if c.status:
                stated[c.status].append(c)
            else:
                word = _learned_key(c, rows)
                if word is not None:
                    stated[f"word:{word}"].append(c)
        for key, group in stated.items():
            ctx.verify(Verified.TABLE, *group)
            said = sum(c.count for c in group if c.count is not None)
            own = _table_word(group, rows)
            if key.startswith("word:"):
                have, slack, name = sum(1 for r in rows if squash(r.status_raw) == key[5:]), 0, key[5:]
            elif own:
                # 超进度 / 正在办理 as the table itself writes them: 达进度 rows are on_track too, and
                # 正在办理（进展滞后） is still 正在办理
                have, slack, name = sum(1 for r in rows if own in squash(r.status_raw)), 0, own
            else:
                have, slack, name = sum(1 for r in assessed if r.status == key), len(unread), key
            wider = {s for c in group for s in broken.get(c.text, set())} if group[0].genre else set()
            if said == have or (wider and said == have + sum(1 for r in assessed if r.status in wider)):
                continue
            if own and said == sum(1 for r in assessed if r.status == key):
                continue   # 已完工4项: 3 rows 已完工 and 1 已投入使用, both done: one reading makes it right
            if own and have < said <= have + len(unread):
                slack = len(unread)
            labels = "/".join(dict.fromkeys(c.label for c in group))
            detail = f"{section.section} {labels} ({name}): stated {said}, the table has {have} rows {name}"
            if have < said <= have + slack:
                words = "、".join(dict.fromkeys(squash(r.status_raw) for r in unread))
                out.append(ctx.unchecked(group[0], f"{detail}; {slack} rows have status words not understood ({words})"))
            else:
                out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, group[0], detail, stated=said, computed=have))
    return out


def _role_note(mapping: TableMapping, role: Role) -> str:
    choice = mapping.choice(role)
    if choice is None:
        return "no column found"
    return f"column '{choice.header}', {choice.evidence}, confidence {choice.confidence:.2f}"


# --------------------------------------------------------------------------- named lists


@functools.lru_cache(maxsize=1 << 14)   # pure; every listed name is scored against every row
def _key(text: str) -> str:
    return _PUNCT.sub("", squash(text or ""))


@functools.lru_cache(maxsize=1 << 12)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _coverage(name: str, text: str) -> float:
    """Share (0-100) of the name's characters that lie in a two-character piece also found in text.

    Narratives name problems with words taken from different places of a row ("保交楼办证工作"
    vs a progress text with 保交楼 … 办证情况), which an alignment score misses.
    """
    if len(name) < 2:
        return 100.0 if name and name in text else 0.0
    pieces = _pairs(text)
    covered = [False] * len(name)
    for i in range(len(name) - 1):
        if name[i:i + 2] in pieces:
            covered[i] = covered[i + 1] = True
    return 100.0 * sum(covered) / len(name)


def _texts(row: Indicator, fallback_weight: float) -> list[tuple[str, float]]:
    return [(_key(row.target), 1.0), (_key(row.progress), fallback_weight), (_key(row.section), fallback_weight)]


def name_score(name: str, row: Indicator, fallback_weight: float) -> float:
    """How well a (shortened) name matches a row: target first, progress/section as fallback.

    The better of rapidfuzz partial_ratio (a shortened target: "园区招商到位资金" in "园区招商到位
    资金20.5亿元…") and the two-character coverage above.
    """
    n = _key(name)
    if not n:
        return 0.0
    best = 0.0
    for text, weight in _texts(row, fallback_weight):
        if text:
            best = max(best, weight * max(fuzz.partial_ratio(n, text), _coverage(n, text)))
    return best


def spelling_variant(name: str, row: Indicator, max_changes: int) -> tuple[str, str] | None:
    """(narrative spelling, table spelling) when a stretch of the name appears in the row only with
    one or two Han characters replaced (凤凰县大唐领域项目… vs 大唐领御项目…); None otherwise.

    A replacement counts only between two stretches that match exactly (two characters or more on
    each side; or three before it at the name's end, where the table's word ends too), and when
    the name's stretch appears nowhere in the row as printed: a word added or
    left out is a shortened name, a changed figure is another number, neither is a spelling."""
    n = _key(name)
    texts = [t for t, _ in _texts(row, 1.0) if t]
    if len(n) < 4 or any(n in t for t in texts):
        return None
    for t in texts:
        ops = difflib.SequenceMatcher(None, n, t, autojunk=False).get_opcodes()
        for before, op, after in zip(ops, ops[1:], ops[2:] + [None]):
            tag, i1, i2, j1, j2 = op
            if tag != "replace" or i2 - i1 > max_changes or before[0] != "equal":
                continue
            if after is not None and after[0] == "equal":
                if i2 - i1 != j2 - j1 or before[2] - before[1] < 2 or after[2] - after[1] < 2:
                    continue
                end = after[2]
            elif i2 == len(n) and before[2] - before[1] >= 3:
                # at the name's end (旅游综合收如 / 旅游综合收入77亿元): the table's word must end there too
                j2 = j1 + (i2 - i1)
                if j2 < len(t) and _HAN.fullmatch(t[j2]):
                    continue
                end = len(n)
            else:
                continue
            said, printed = n[i1:i2], t[j1:j2]
            if not all(_HAN.fullmatch(ch) for ch in said + printed):
                continue
            stretch = n[before[1]:end]
            if any(stretch in other for other in texts):
                continue
            lead = n[max(before[1], i1 - 3):i1]
            return lead + said, lead + printed
    return None


def _assign(names: list[int], rows: list[int], score: dict[tuple[int, int], float],
            accept: Callable[[int, int, float], bool]) -> dict[int, int]:
    """One-to-one name -> row maximising the summed score of acceptable pairs.

    A greedy best-first pass can take the row another name needs ("保交楼办证工作" scores as well on
    both 保交楼 rows; "凤凰县大唐领域项目施工进度缓慢" only on one), so the assignment is optimal."""
    if not names or not rows:
        return {}
    weights = np.array([[score[(k, r)] if accept(k, r, score[(k, r)]) else 0.0 for r in rows] for k in names])
    out: dict[int, int] = {}
    for i, j in zip(*linear_sum_assignment(weights, maximize=True)):
        if weights[i, j] > 0:
            out[names[i]] = rows[j]
    return out


def _split_joined(name: str, rows: list[Indicator], joined: regex.Pattern[str], weight: float,
                  min_score: float, min_any: float) -> list[str]:
    """"粮食储备及生态环境信访": two names when each piece matches its own row well; one name (新增
    有资质的建筑企业和有经营活动的房地产开发经营企业) when the pieces point at one row."""
    pieces = [p.strip() for p in joined.split(name)]
    if len(pieces) < 2 or any(len(_key(p)) < 2 for p in pieces):
        return [name]
    best = [max(range(len(rows)), key=lambda r: name_score(p, rows[r], weight)) for p in pieces]
    scores = [name_score(p, rows[b], weight) for p, b in zip(pieces, best)]
    if len(set(best)) == len(pieces) and min(scores) >= min_score:
        return pieces
    # 隐性债务化解和省级现代农业产业园: one piece is a row, the other a name the table does not have
    if max(scores) >= min_score and sum(s >= min_score for s in scores) == 1 and max(
            s for s in scores if s < min_score) < min_any and all(len(_key(p)) >= 4 for p in pieces):
        return pieces
    return [name]


def _same_status_pair(other: dict[int, float], min_same: float, margin: float, k: int, r: int, s: float) -> bool:
    """A name and a row of its list's status pair up when the score is good and not clearly beaten by
    a row of another status."""
    return s >= min_same and s >= other[k] - margin


def _row_name(row: Indicator) -> str:
    text = (row.target or row.progress or "").replace("\n", " ")
    seq = f"{row.seq} " if row.seq else ""
    return f"{seq}{text[:30]}{'…' if len(text) > 30 else ''}"


def check_named_lists(ctx: Context) -> list[Finding]:
    """Names after 分别为/即 vs the linked rows: status, not found, missing, misspelt."""
    tol = ctx.rules.tolerance
    weight = float(tol("names", "fallback_weight"))
    min_same = float(tol("names", "min_score_same_status"))
    margin = float(tol("names", "status_margin"))
    min_any = float(tol("names", "min_score"))
    max_changes = int(tol("names", "variant_max_changes"))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        lists = [c for c in claims if c.kind is ClaimKind.NAMES and c.names]
        rows = ctx.rows(section)
        if not lists:
            continue
        link = ctx.links.get(section)
        if rows is not None and lists[0].genre and (link is None or link.implicit):
            continue   # names in a section that does not refer to the table (problems told in words)
        if rows is None:
            if not lists[0].genre:   # a genre section's lists are counted as unchecked in the summary
                out.append(ctx.unchecked(lists[0], f"{section.section} names: no annex table is linked to this section"))
            continue
        if not rows:
            continue
        unsure = ctx.unsure_column(rows, Role.TARGET, lists[0], f"{section.section} names")
        if unsure is not None:
            out.append(unsure)
            continue
        for c in [c for c in lists if not c.status]:
            out.append(ctx.unchecked(c, f"{section.section} names after '{c.label}': the list's status was not understood"))
        lists = [c for c in lists if c.status]
        joined = regex.compile(ctx.rules.claims["list_last_separator"])
        names = [(k, name, c) for k, (name, c) in enumerate(
            (piece, c) for c in lists for n in c.names for piece in _split_joined(n, rows, joined, weight, min_same, min_any))]
        if not names:
            continue
        ctx.verify(Verified.TABLE, *lists)
        score = {(k, r): name_score(name, rows[r], weight) for k, name, _ in names for r in range(len(rows))}
        status_of = {k: c.status for k, _, c in names}
        # the name's best score on a row of another status: a same-status pair must come close to it
        other = {k: max((score[(k, r)] for r in range(len(rows)) if rows[r].status != status_of[k]), default=0.0)
                 for k, _, _ in names}
        assigned: dict[int, int] = {}
        for status in dict.fromkeys(status_of.values()):     # pass 1: each list vs the rows with its status
            ks = [k for k, _, _ in names if status_of[k] == status]
            rs = [r for r in range(len(rows)) if rows[r].status == status and r not in assigned.values()]
            assigned.update(_assign(ks, rs, score, functools.partial(_same_status_pair, other, min_same, margin)))
        left = [k for k, _, _ in names if k not in assigned]     # pass 2: the names left vs every row left
        free = [r for r in range(len(rows)) if r not in assigned.values()]
        second = _assign(left, free, score, lambda k, r, s: s >= min_any)
        assigned.update(second)
        for k, name, c in names:
            if k in assigned:
                row = rows[assigned[k]]
                variant = spelling_variant(name, row, max_changes)
                if variant is not None:
                    out.append(ctx.finding(FindingKind.NAME_VARIANT, c,
                                           f"{section.section} names '{name}': narrative {variant[0]}, table {variant[1]} "
                                           f"(row '{_row_name(row)}')", Severity.WARNING,
                                           stated=variant[0], computed=variant[1]))
            if k in second:
                row = rows[second[k]]
                if row.status != Status.UNKNOWN and row.status != c.status:
                    out.append(ctx.finding(FindingKind.NAMED_ITEM_STATUS, c,
                                           f"{section.section} {c.label} names '{name}' ({c.status}), but its row "
                                           f"'{_row_name(row)}' is {row.status} ({row.status_raw})",
                                           stated=c.status, computed=row.status, basis=_row_name(row)))
            elif k not in assigned:
                near = max(range(len(rows)), key=lambda r: score[(k, r)])
                out.append(ctx.finding(FindingKind.NAME_NOT_FOUND, c,
                                       f"{section.section} {c.label} names '{name}', which matches no row of the table "
                                       f"(closest: '{_row_name(rows[near])}', score {score[(k, near)]:.0f})",
                                       stated=name, computed=_row_name(rows[near])))
        named_rows = set(assigned.values())
        for status in dict.fromkeys(status_of.values()):
            first = next(c for _, _, c in names if c.status == status)
            for r, row in enumerate(rows):
                if row.status == status and r not in named_rows:
                    out.append(ctx.finding(FindingKind.NAMED_ITEM_MISSING, first,
                                           f"{section.section} {first.label}: the row '{_row_name(row)}' is {status} "
                                           f"({row.status_raw}) but is not named", computed=_row_name(row)))
    return out


# --------------------------------------------------------------------------- table cells


def _cell_groups(cells: list[Claim]) -> list[list[Claim]]:
    groups: list[list[Claim]] = []
    for c in cells:
        if c.status == TotalKind.TOTAL or not groups:
            groups.append([c])
        else:
            groups[-1].append(c)
    return groups


def check_cells(ctx: Context) -> list[Finding]:
    """Counts printed in table cells: each cell adds up; their sums match the narrative."""
    out: list[Finding] = []
    for annex_no, cells in ctx.cells_by_annex.items():
        groups = _cell_groups(cells)
        for group in groups:
            total = group[0] if group[0].status == TotalKind.TOTAL else None
            parts = [c for c in group[1:] if c.count is not None]
            got = sum(c.count for c in parts if c.count is not None)
            if total is not None and len(parts) >= 2 and got != total.count:
                terms = " + ".join(f"{c.label} {c.count}" for c in parts)
                out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                                       f"annex {annex_no} table cell ({total.locator or total.page}): parts add to "
                                       f"{got} ({terms}), the cell states {total.count}",
                                       stated=total.count, computed=got, basis=" + ".join(str(c.count) for c in parts)))
        section = next((c.section for c in cells if c.section), None)
        if section is None:
            continue
        claims = ctx.by_section.get(section, [])
        if _mode(ctx, section, claims) != "cells":
            continue
        cell_total = sum(g[0].count for g in groups if g[0].status == TotalKind.TOTAL and g[0].count is not None)
        total = _total(claims)
        ctx.verify(Verified.TABLE, *[c for c in claims if c.kind is not ClaimKind.NAMES])
        if total is not None and cell_total != total.count:
            terms = " + ".join(str(g[0].count) for g in groups if g[0].status == TotalKind.TOTAL)
            out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                                   f"{section.section} {total.label}: stated total {total.count}, the sum of the "
                                   f"table's cells is {cell_total} ({terms})", stated=total.count, computed=cell_total,
                                   basis=terms))
        by_status: dict[str, int] = defaultdict(int)
        for c in cells:
            if c.status != TotalKind.TOTAL and c.count is not None:
                by_status[c.status] += c.count
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in _parts(claims):
            if c.status:
                stated[c.status].append(c)
        for status, parts in stated.items():
            said = sum(c.count for c in parts if c.count is not None)
            if said != by_status.get(status, 0):
                out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, parts[0],
                                       f"{section.section} {parts[0].label} ({status}): stated {said}, the sum of the "
                                       f"table's cells is {by_status.get(status, 0)}",
                                       stated=said, computed=by_status.get(status, 0)))
    return out


def check_campaign_drift(ctx: Context) -> list[Finding]:
    """The narrative names the linked annex's campaign differently (warning)."""
    out: list[Finding] = []
    seen: set[tuple[int | None, str]] = set()
    for section, claims in ctx.by_section.items():
        link = ctx.links.get(section)
        if link is None or not link.drift or (link.annex_no, link.stated) in seen:
            continue
        seen.add((link.annex_no, link.stated))
        out.append(ctx.finding(FindingKind.CAMPAIGN_NAME_DRIFT, claims[0],
                               f"{section.parent} names the campaign '{link.stated}', annex {link.annex_no} is "
                               f"'{link.campaign}'", Severity.WARNING, section=section,
                               stated=link.stated, computed=link.campaign))
    return out


def check_status_words(ctx: Context) -> list[Finding]:
    """One info line per bulletin: the tables' status words the vocabulary did not understand."""
    words = list(dict.fromkeys(squash(r.status_raw) for r in ctx.not_understood(ctx.indicators)))
    if not words:
        return []
    first = next(r for r in ctx.not_understood(ctx.indicators))
    return [Finding(file=ctx.file, kind=FindingKind.UNKNOWN_STATUS_WORDS, severity=Severity.INFO,
                    annex_no=first.annex_no, campaign=first.campaign,
                    detail=f"status words not understood: {'、'.join(words)} (add them to rules/status.yaml)",
                    page=first.page_start, locator=first.locator, stated="、".join(words))]


CHECKS: tuple[Callable[[Context], list[Finding]], ...] = (
    check_campaign_drift,
    check_percents,
    check_percent_sum,
    check_sums,
    check_genre_sums,
    check_amount_shares,
    check_amount_sums,
    check_numbered_items,
    check_totals_vs_table,
    check_counts_vs_table,
    check_counts_in_table_words,
    check_named_lists,
    check_cells,
    check_status_words,
)


def check(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Any, file: str,
          tables: Iterable[TableMapping] = ()) -> list[Finding]:
    """Every finding of one bulletin: its narrative's claims against its tables and arithmetic."""
    return review(reading, indicators, annexes, rules, file, tables)[0]


def review(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Any, file: str,
           tables: Iterable[TableMapping] = ()) -> tuple[list[Finding], Coverage]:
    """The findings, and how many of the narrative's counted statements were checked and how."""
    ctx = _context(reading, indicators, annexes, rules, file, tables)
    findings: list[Finding] = []
    for fn in CHECKS:
        findings.extend(fn(ctx))
    findings = [_unless_ocr_doubt(ctx, f) for f in findings]
    read = [c for c in reading.claims if c.kind is not ClaimKind.CELL]
    how = [ctx.verified.get(id(c)) for c in read]
    coverage = Coverage(statements=len(read), table=how.count(Verified.TABLE),
                        arithmetic=how.count(Verified.ARITHMETIC), unchecked=how.count(None))
    return findings, coverage


# the table fields each kind of finding rests on
_ROW_FIELDS: dict[FindingKind, tuple[str, ...]] = {
    FindingKind.TOTAL_VS_TABLE: ("status_raw", "seq"),
    FindingKind.COUNT_VS_TABLE: ("status_raw",),
    FindingKind.NAMED_ITEM_STATUS: ("status_raw", "target"),
    FindingKind.NAMED_ITEM_MISSING: ("status_raw", "target"),
    FindingKind.NAME_NOT_FOUND: ("target",),
    FindingKind.NAME_VARIANT: ("target",),
}


def _unless_ocr_doubt(ctx: Context, f: Finding) -> Finding:
    """A finding that rests on OCR text read with low confidence (its sentence, or the fields of
    its section's rows) becomes an info line saying so: a misread is not the document's mistake."""
    if f.severity is Severity.INFO:
        return f
    limit = float(ctx.rules.tolerance("ocr", "min_confidence"))
    section = SectionKey(f.section) if f.section else None
    sentence = [c.confidence for key, claims in ctx.by_section.items() if key.section == section for c in claims
                if c.text == f.sentence and c.confidence is not None and c.confidence < limit] if section else []
    why = ""
    if sentence:
        why = f"OCR confidence {min(sentence):.2f} on the sentence"
    elif f.kind in _ROW_FIELDS and section is not None:
        scores = [(score, row) for row in ctx.rows(section) or [] for name, score in row.confidence
                  if name in _ROW_FIELDS[f.kind] and score < limit]
        if scores:
            score, row = min(scores, key=lambda s: s[0])
            why = f"OCR confidence {score:.2f} in row '{_row_name(row)}' of 附件{row.annex_no}"
    if not why:
        return f
    return dataclasses.replace(f, kind=FindingKind.UNCHECKED, severity=Severity.INFO,
                               detail=f"not checked ({f.kind}): {why}; {f.detail}")
