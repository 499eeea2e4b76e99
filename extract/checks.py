"""Claims x tables x arithmetic -> Finding records.

Each check is a small function of a `Context` (the claims grouped by section, each section's
linked table rows) returning findings. Thresholds live in rules/tolerances.yaml.

Finding kinds (severity error unless noted):
- percent_mismatch     a stated share is not count/total rounded half-up at its printed decimals,
                       or the shares of one total do not add to 100 within rounding
- percent_truncated    (warning) the stated share is count/total cut, not rounded ("16.66%" for 5/30)
- sum_mismatch         the parts do not add to the stated total (also: a table cell's parts vs its
                       total; the narrative total vs the sum of the table's cells)
- total_vs_table       a stated total vs the number of the linked table's assessed rows (项), or vs
                       its number of distinct 序号 (件)
- count_vs_table       a per-status count vs the number of linked rows with that status (or the
                       sum of the table's cells for that status)
- named_item_status    a named item matches a row whose status is another one
- name_not_found       a named item matches no row of the linked table
- named_item_missing   a row with the list's status that the list does not name
- campaign_name_drift  (warning) the narrative names the linked annex's campaign differently
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any, Callable, Iterable

import regex
from rapidfuzz import fuzz

from extract.claims import (
    KIND_ALL,
    KIND_CELL,
    KIND_NAMES,
    KIND_PART,
    KIND_TOTAL,
    STATUS_GROUPS,
    STATUS_TOTAL,
    SectionLink,
    link_sections,
)
from extract.model import Annex, Claim, Finding, Indicator
from extract.numbers import parse_percent, percent_of
from extract.text import squash

UNKNOWN = "unknown"
_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")


@dataclass
class Context:
    file: str
    rules: Any
    claims: list[Claim]
    indicators: list[Indicator]
    annexes: list[Annex]
    links: dict[str, SectionLink]
    by_section: dict[str, list[Claim]] = field(default_factory=dict)   # narrative claims
    cells_by_annex: dict[int, list[Claim]] = field(default_factory=dict)

    def rows(self, section: str) -> list[Indicator] | None:
        """The linked table rows of a section; None when the section has no (unambiguous) table."""
        link = self.links.get(section)
        if link is None or link.annex_no is None:
            return None
        rows = [i for i in self.indicators if i.annex_no == link.annex_no]
        if link.subtable is not None:
            return [i for i in rows if i.section == link.subtable]
        if regex.search(r"\)\d+$", section):
            return None   # a sub-section ((六)1) whose sub-table could not be told
        return rows

    def assessed(self, rows: list[Indicator]) -> list[Indicator]:
        if not self.rules.tolerance("table", "count_only_assessed_rows", default=True):
            return rows
        return [r for r in rows if (r.status and r.status != UNKNOWN) or r.completion_ratio is not None]

    def cell_mode(self, section: str) -> bool:
        """Annex-3 style: the linked table has no per-row assessment but cells stating counts."""
        link = self.links.get(section)
        rows = self.rows(section)
        if link is None or link.annex_no is None or not self.cells_by_annex.get(link.annex_no):
            return False
        return not rows or not self.assessed(rows)

    def finding(self, kind: str, claim: Claim, detail: str, severity: str = "error",
                section: str | None = None, stated: str = "", computed: str = "", basis: str = "") -> Finding:
        section = claim.section if section is None else section
        link = self.links.get(section)
        campaign = link.campaign if link is not None and link.campaign else claim.campaign
        annex_no = link.annex_no if link is not None and link.annex_no is not None else claim.annex_no
        return Finding(file=self.file, kind=kind, severity=severity, annex_no=annex_no, campaign=campaign,
                       detail=detail, page=claim.page, locator=claim.locator, section=section,
                       sentence=claim.text, label=claim.label, stated=stated, computed=computed, basis=basis)


def _context(claims: list[Claim], indicators: list[Indicator], annexes: list[Annex], rules: Any,
             file: str) -> Context:
    ctx = Context(file, rules, claims, indicators, annexes, link_sections(claims, annexes, indicators, rules))
    by_section: dict[str, list[Claim]] = defaultdict(list)
    cells: dict[int, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind == KIND_CELL:
            if c.annex_no is not None:
                cells[c.annex_no].append(c)
        elif c.section:
            by_section[c.section].append(c)
    ctx.by_section = dict(by_section)
    ctx.cells_by_annex = dict(cells)
    return ctx


def _total(claims: Iterable[Claim], status: str = STATUS_TOTAL) -> Claim | None:
    return next((c for c in claims if c.kind == KIND_TOTAL and c.status == status and c.count is not None), None)


def _parts(claims: Iterable[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in (KIND_PART, KIND_ALL) and c.count is not None]


def _pct(x: Decimal) -> str:
    return f"{x}%"


def _stated(claim: Claim) -> tuple[Decimal, int] | None:
    p = parse_percent(claim.percent_raw) if claim.percent_raw else None
    if p is None:
        return None
    value = (Decimal(repr(p.value)) * 100).quantize(Decimal(1).scaleb(-p.decimals))
    return value, p.decimals


# --------------------------------------------------------------------------- checks


def check_percents(ctx: Context) -> list[Finding]:
    """Each stated share vs count/total*100, rounded half-up at the printed decimals."""
    slack = Decimal(str(ctx.rules.tolerance("percent", "slack_points", default=0)))
    trunc_severity = ctx.rules.tolerance("percent", "truncated_severity", default="warning")
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        for c in claims:
            if c.kind != KIND_PART or c.count is None or not c.total:
                continue
            stated = _stated(c)
            if stated is None:
                continue
            value, decimals = stated
            rounded = percent_of(c.count, c.total, decimals)
            if abs(value - rounded) <= slack:
                continue
            head = f"{section} {c.label} {c.count}/{c.total}: stated {c.percent_raw}, computed {_pct(rounded)}"
            numbers = {"stated": c.percent_raw, "computed": _pct(rounded), "basis": f"{c.count}/{c.total}"}
            if value == percent_of(c.count, c.total, decimals, ROUND_DOWN):
                out.append(ctx.finding("percent_truncated", c, head + " (the stated share is cut, not rounded)",
                                       trunc_severity, **numbers))
            else:
                out.append(ctx.finding("percent_mismatch", c, head, **numbers))
    return out


def check_percent_sum(ctx: Context) -> list[Finding]:
    """The shares of one total add to 100 within their rounding, when every part states one.

    Only where the shares cannot be checked one by one (a part without a count, no total).
    """
    slack = Decimal(str(ctx.rules.tolerance("percent", "sum_slack_points", default=0)))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        parts = [c for c in claims if c.kind in (KIND_PART, KIND_ALL)]
        if len(parts) < 2 or any(c.kind != KIND_PART or not c.percent_raw for c in parts):
            continue
        total = _total(claims)
        counts = [c.count for c in parts]
        checkable = all(n is not None for n in counts) and (total is not None or all(c.total for c in parts))
        if checkable:
            # every share is checked on its own (check_percents), and right shares of parts that
            # add to the total add to 100 within rounding; a remainder the shares do not cover
            # is sum_mismatch's. The sum adds nothing then but a second finding for one mistake.
            continue
        stated = [_stated(c) for c in parts]
        if any(s is None for s in stated):
            continue
        total_pct = sum((s[0] for s in stated), Decimal(0))
        tolerance = sum((Decimal(5).scaleb(-1 - s[1]) for s in stated), Decimal(0)) + slack
        if abs(total_pct - 100) > tolerance:
            terms = " + ".join(c.percent_raw for c in parts)
            out.append(ctx.finding("percent_mismatch", parts[0],
                                   f"{section} shares add to {total_pct}% ({terms}), not 100%",
                                   stated=f"{total_pct}%（{terms}）", computed="100%"))
    return out


def check_sums(ctx: Context) -> list[Finding]:
    """The parts (including unassigned ones) add to the stated total."""
    min_parts = int(ctx.rules.tolerance("sums", "min_parts", default=2))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        total = _total(claims)
        parts = _parts(claims)
        if total is None or len(parts) < min_parts:
            continue
        got = sum(c.count for c in parts)
        if got != total.count:
            terms = " + ".join(f"{c.label} {c.count}" for c in parts)
            out.append(ctx.finding("sum_mismatch", total,
                                   f"{section} parts add to {got} ({terms}), stated total {total.count}",
                                   stated=str(total.count), computed=str(got),
                                   basis=" + ".join(str(c.count) for c in parts)))
    return out


def check_totals_vs_table(ctx: Context) -> list[Finding]:
    """A stated total (项) vs the linked table's assessed rows; 件 vs its distinct 序号."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        if not rows or ctx.cell_mode(section):
            continue
        assessed = ctx.assessed(rows)
        total = _total(claims)
        if total is not None and assessed and total.count != len(assessed):
            out.append(ctx.finding("total_vs_table", total,
                                   f"{section} {total.label}: stated total {total.count}, "
                                   f"the table has {len(assessed)} assessed rows",
                                   stated=str(total.count), computed=str(len(assessed))))
        groups = _total(claims, STATUS_GROUPS)
        seqs = {r.seq.strip() for r in rows if r.seq and r.seq.strip()}
        if groups is not None and seqs and groups.count != len(seqs):
            out.append(ctx.finding("total_vs_table", groups,
                                   f"{section} {groups.label}: stated {groups.count} 件, "
                                   f"the table has {len(seqs)} distinct 序号",
                                   stated=str(groups.count), computed=str(len(seqs))))
    return out


def check_counts_vs_table(ctx: Context) -> list[Finding]:
    """Each per-status count vs the number of linked rows with that status."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        if not rows or ctx.cell_mode(section):
            continue
        assessed = ctx.assessed(rows)
        if not assessed:
            continue
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in _parts(claims):
            if c.status:
                stated[c.status].append(c)
        for status, parts in stated.items():
            said = sum(c.count for c in parts)
            have = sum(1 for r in assessed if r.status == status)
            if said != have:
                labels = "/".join(dict.fromkeys(c.label for c in parts))
                out.append(ctx.finding("count_vs_table", parts[0],
                                       f"{section} {labels} ({status}): stated {said}, "
                                       f"the table has {have} rows {status}",
                                       stated=str(said), computed=str(have)))
    return out


# --------------------------------------------------------------------------- named lists


def _key(text: str) -> str:
    return _PUNCT.sub("", squash(text or ""))


def _coverage(name: str, text: str) -> float:
    """Share (0-100) of the name's characters that lie in a two-character piece also found in text.

    Narratives name problems with words taken from different places of a row ("保交楼办证工作"
    vs a progress text with 保交楼 … 办证情况), which an alignment score misses.
    """
    if len(name) < 2:
        return 100.0 if name and name in text else 0.0
    pieces = {text[i:i + 2] for i in range(len(text) - 1)}
    covered = [False] * len(name)
    for i in range(len(name) - 1):
        if name[i:i + 2] in pieces:
            covered[i] = covered[i + 1] = True
    return 100.0 * sum(covered) / len(name)


def name_score(name: str, row: Indicator, fallback_weight: float) -> float:
    """How well a (shortened) name matches a row: target first, progress/section as fallback.

    The better of rapidfuzz partial_ratio (a shortened target: "园区招商到位资金" in "园区招商到位
    资金20.5亿元…") and the two-character coverage above.
    """
    n = _key(name)
    if not n:
        return 0.0
    best = 0.0
    for text, weight in ((row.target, 1.0), (row.progress, fallback_weight), (row.section, fallback_weight)):
        t = _key(text)
        if t:
            best = max(best, weight * max(fuzz.partial_ratio(n, t), _coverage(n, t)))
    return best


def _hungarian(weights: list[list[float]]) -> list[int]:
    """Maximum-weight assignment of rows (len n) to columns (len m >= n): column index per row."""
    n, m = len(weights), len(weights[0]) if weights else 0
    if n == 0 or m == 0:
        return [-1] * n
    if n > m:   # more names than rows: solve the transpose
        cols = _hungarian([list(col) for col in zip(*weights)])
        out = [-1] * n
        for j, i in enumerate(cols):
            if i >= 0:
                out[i] = j
        return out
    top = max(max(r) for r in weights)
    cost = [[top - w for w in r] for r in weights]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out


def _assign(names: list[tuple[int, str]], rows: list[int], score: dict[tuple[int, int], float],
            accept: Callable[[int, int, float], bool]) -> dict[int, int]:
    """One-to-one name index -> row index maximising the summed score of acceptable pairs.

    A greedy best-first pass can take the row another name needs ("保交楼办证工作" scores as well on
    both 保交楼 rows; "凤凰县大唐领域项目施工进度缓慢" only on one), so the assignment is optimal
    (Hungarian method; lists are short).
    """
    if not names or not rows:
        return {}
    weights = [[score[(k, r)] if accept(k, r, score[(k, r)]) else 0.0 for r in rows] for k, _ in names]
    out: dict[int, int] = {}
    for i, col in enumerate(_hungarian(weights)):
        if col >= 0 and weights[i][col] > 0:
            out[names[i][0]] = rows[col]
    return out


def _row_name(row: Indicator) -> str:
    text = (row.target or row.progress or "").replace("\n", " ")
    seq = f"{row.seq} " if row.seq else ""
    return f"{seq}{text[:30]}{'…' if len(text) > 30 else ''}"


def check_named_lists(ctx: Context) -> list[Finding]:
    """Names after 分别为/即 vs the linked rows: status, not found, missing."""
    weight = float(ctx.rules.tolerance("names", "fallback_weight", default=0.9))
    min_same = float(ctx.rules.tolerance("names", "min_score_same_status", default=40))
    margin = float(ctx.rules.tolerance("names", "status_margin", default=15))
    min_any = float(ctx.rules.tolerance("names", "min_score", default=70))
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        lists = [c for c in claims if c.kind == KIND_NAMES and c.names]
        rows = ctx.rows(section)
        if not lists or not rows:
            continue
        names = [(k, name, c) for k, (name, c) in enumerate((n, c) for c in lists for n in c.names)]
        score = {(k, r): name_score(name, rows[r], weight) for k, name, _ in names for r in range(len(rows))}
        status_of = {k: c.status for k, _, c in names}
        # the name's best score on a row of another status: a same-status pair must come close
        other = {k: max((score[(k, r)] for r in range(len(rows)) if rows[r].status != status_of[k]), default=0.0)
                 for k, _, _ in names}
        assigned: dict[int, int] = {}
        # pass 1: each list vs the rows with its status
        for status in dict.fromkeys(status_of.values()):
            ks = [(k, n) for k, n, _ in names if status_of[k] == status]
            rs = [r for r in range(len(rows)) if rows[r].status == status and r not in assigned.values()]
            assigned.update(_assign(ks, rs, score, lambda k, r, s: s >= min_same and s >= other[k] - margin))
        # pass 2: the names left vs every row left
        left = [(k, n) for k, n, _ in names if k not in assigned]
        free = [r for r in range(len(rows)) if r not in assigned.values()]
        second = _assign(left, free, score, lambda k, r, s: s >= min_any)
        assigned.update(second)
        for k, name, c in names:
            if k in second:
                row = rows[second[k]]
                if row.status and row.status != UNKNOWN and row.status != c.status:
                    out.append(ctx.finding("named_item_status", c,
                                           f"{section} {c.label} names '{name}' ({c.status}), but its row "
                                           f"'{_row_name(row)}' is {row.status} ({row.status_raw})",
                                           stated=name, computed=row.status_raw, basis=_row_name(row)))
            elif k not in assigned:
                near = max(range(len(rows)), key=lambda r: score[(k, r)])
                out.append(ctx.finding("name_not_found", c,
                                       f"{section} {c.label} names '{name}', which matches no row of the table "
                                       f"(closest: '{_row_name(rows[near])}', score {score[(k, near)]:.0f})",
                                       stated=name, basis=_row_name(rows[near])))
        named_rows = set(assigned.values())
        for status in dict.fromkeys(status_of.values()):
            if not status:
                continue
            first = next(c for _, _, c in names if c.status == status)
            for r, row in enumerate(rows):
                if row.status == status and r not in named_rows:
                    out.append(ctx.finding("named_item_missing", first,
                                           f"{section} {first.label}: the row '{_row_name(row)}' is {status} "
                                           f"({row.status_raw}) but is not named",
                                           computed=row.status_raw, basis=_row_name(row)))
    return out


# --------------------------------------------------------------------------- table cells


def _cell_groups(cells: list[Claim]) -> list[list[Claim]]:
    groups: list[list[Claim]] = []
    for c in cells:
        if c.status == STATUS_TOTAL or not groups:
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
            total = group[0] if group[0].status == STATUS_TOTAL else None
            parts = [c for c in group[1:] if c.count is not None]
            if total is not None and parts and sum(c.count for c in parts) != total.count:
                terms = " + ".join(f"{c.label} {c.count}" for c in parts)
                out.append(ctx.finding("sum_mismatch", total,
                                       f"annex {annex_no} table cell ({total.locator or total.page}): parts add to "
                                       f"{sum(c.count for c in parts)} ({terms}), the cell states {total.count}",
                                       stated=str(total.count), computed=str(sum(c.count or 0 for c in parts)),
                                       basis=" + ".join(str(c.count) for c in parts)))
        section = next((c.section for c in cells if c.section), "")
        if not section or not ctx.cell_mode(section):
            continue
        claims = ctx.by_section.get(section, [])
        cell_total = sum(g[0].count for g in groups if g[0].status == STATUS_TOTAL and g[0].count is not None)
        total = _total(claims)
        if total is not None and cell_total != total.count:
            terms = " + ".join(str(g[0].count) for g in groups if g[0].status == STATUS_TOTAL)
            out.append(ctx.finding("sum_mismatch", total,
                                   f"{section} {total.label}: stated total {total.count}, the sum of the "
                                   f"table's cells is {cell_total} ({terms})",
                                   stated=str(total.count), computed=str(cell_total), basis=terms))
        by_status: dict[str, int] = defaultdict(int)
        for c in cells:
            if c.status != STATUS_TOTAL and c.count is not None:
                by_status[c.status] += c.count
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in _parts(claims):
            if c.status:
                stated[c.status].append(c)
        for status, parts in stated.items():
            said = sum(c.count for c in parts)
            if said != by_status.get(status, 0):
                out.append(ctx.finding("count_vs_table", parts[0],
                                       f"{section} {parts[0].label} ({status}): stated {said}, the sum of the "
                                       f"table's cells is {by_status.get(status, 0)}",
                                       stated=str(said), computed=str(by_status.get(status, 0))))
    return out


def check_campaign_drift(ctx: Context) -> list[Finding]:
    """The narrative names the linked annex's campaign differently (warning)."""
    out: list[Finding] = []
    seen: set[tuple[int | None, str]] = set()
    for section, claims in ctx.by_section.items():
        link = ctx.links.get(section)
        if link is None or not link.drift:
            continue
        said = claims[0].campaign
        if (link.annex_no, said) in seen:
            continue
        seen.add((link.annex_no, said))
        parent = regex.sub(r"\d+$", "", section)
        out.append(ctx.finding("campaign_name_drift", claims[0],
                               f"{parent} names the campaign '{said}', annex {link.annex_no} is '{link.campaign}'",
                               "warning", section=section, stated=said, computed=link.campaign))
    return out


CHECKS: tuple[Callable[[Context], list[Finding]], ...] = (
    check_campaign_drift,
    check_percents,
    check_percent_sum,
    check_sums,
    check_totals_vs_table,
    check_counts_vs_table,
    check_named_lists,
    check_cells,
)


def check(claims: list[Claim], indicators: list[Indicator], annexes: list[Annex], rules: Any,
          file: str) -> list[Finding]:
    """Every finding of one bulletin: its narrative's claims against its tables and arithmetic."""
    ctx = _context(claims, indicators, annexes, rules, file)
    findings: list[Finding] = []
    for fn in CHECKS:
        findings.extend(fn(ctx))
    return findings
