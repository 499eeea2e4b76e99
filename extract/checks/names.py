"""Named lists (未完成时序进度的指标分别为……) against the rows of the linked table: each name
matched to one row, spelling variants, rows of the list's status it does not name."""
from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import regex
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from extract.checks.context import Context, Verified, row_name
from extract.chinese.text import squash
from extract.model import (
    Claim,
    ClaimKind,
    Finding,
    FindingKind,
    Indicator,
    Role,
    SectionKey,
    Severity,
    Status,
    TotalKind,
    Unchecked,
)
from extract.settings.sections import NameTolerance

# --------------------------------------------------------------------------- named lists

_PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")
_HAN = regex.compile(r"\p{Han}")



@functools.lru_cache(maxsize=1 << 14)   # pure; every listed name is scored against every row
def _key(text: str) -> str:
    key: str = _PUNCT.sub("", squash(text or ""))
    return key


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


@dataclass(frozen=True)
class Matching:
    """Names matched to rows: at most one row each, each row to at most one name."""

    row_of: dict[int, int]                     # name index -> row index
    across: frozenset[int]                     # names matched to a row in the second pass (any status)
    score: dict[tuple[int, int], float]        # (name, row) -> similarity


def match_names(names: list[tuple[str, Status | TotalKind | None]], rows: list[Indicator], tol: NameTolerance) -> Matching:
    """Each (name, the status its list says) to one row: first among the rows of that status (a
    pair must come close to the name's best row of another status), then the names left among all
    the rows left. Pure: the findings are made from its result."""
    score = {(k, r): name_score(name, rows[r], tol.fallback_weight) for k, (name, _) in enumerate(names)
             for r in range(len(rows))}
    status_of = {k: status for k, (_, status) in enumerate(names)}
    # the name's best score on a row of another status: a same-status pair must come close to it
    other = {k: max((score[(k, r)] for r in range(len(rows)) if rows[r].status != status_of[k]), default=0.0)
             for k in status_of}
    assigned: dict[int, int] = {}
    same_status_pair = functools.partial(_same_status_pair, other, tol.min_score_same_status, tol.status_margin)
    for status in dict.fromkeys(status_of.values()):     # pass 1: each list vs the rows with its status
        ks = [k for k in status_of if status_of[k] == status]
        rs = [r for r in range(len(rows)) if rows[r].status == status and r not in assigned.values()]
        assigned.update(_assign(ks, rs, score, same_status_pair))
    left = [k for k in status_of if k not in assigned]     # pass 2: the names left vs every row left
    free = [r for r in range(len(rows)) if r not in assigned.values()]
    second = _assign(left, free, score, lambda k, r, s: s >= tol.min_score)
    assigned.update(second)
    return Matching(assigned, frozenset(second), score)


def check_named_lists(ctx: Context) -> list[Finding]:
    """Names after 分别为/即 vs the linked rows: status, not found, missing, misspelt."""
    tol = ctx.rules.tolerances.names
    joined = regex.compile(ctx.rules.claims.list_last_separator)
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
                out.append(ctx.unchecked(lists[0], Unchecked.NO_TABLE_LINKED,
                                         f"{section.section} names: no annex table is linked to this section"))
            continue
        if not rows:
            continue
        unsure = ctx.unsure_column(rows, Role.TARGET, lists[0], f"{section.section} names")
        if unsure is not None:
            out.append(unsure)
            continue
        for c in [c for c in lists if not c.status]:
            out.append(ctx.unchecked(c, Unchecked.LIST_STATUS_UNKNOWN,
                                     f"{section.section} names after '{c.label}': the list's status was not understood"))
        lists = [c for c in lists if c.status]
        named = [(piece, c) for c in lists for n in c.names
                 for piece in _split_joined(n, rows, joined, tol.fallback_weight, tol.min_score_same_status, tol.min_score)]
        if not named:
            continue
        ctx.verify(Verified.TABLE, *lists)
        matching = match_names([(name, c.status) for name, c in named], rows, tol)
        out.extend(_name_findings(ctx, section, named, rows, matching, tol))
    return out


def _name_findings(ctx: Context, section: SectionKey, named: list[tuple[str, Claim]], rows: list[Indicator],
                   matching: Matching, tol: NameTolerance) -> list[Finding]:
    """What a matching says: a name spelt otherwise, of another status, matching no row; a row of a
    list's status that the list does not name."""
    out: list[Finding] = []
    for k, (name, c) in enumerate(named):
        if k in matching.row_of:
            row = rows[matching.row_of[k]]
            variant = spelling_variant(name, row, tol.variant_max_changes)
            if variant is not None:
                out.append(ctx.finding(FindingKind.NAME_VARIANT, c,
                                       f"{section.section} names '{name}': narrative {variant[0]}, table {variant[1]} "
                                       f"(row '{row_name(row)}')", Severity.WARNING,
                                       stated=variant[0], computed=variant[1]))
        if k in matching.across:
            row = rows[matching.row_of[k]]
            if row.status != Status.UNKNOWN and row.status != c.status:
                out.append(ctx.finding(FindingKind.NAMED_ITEM_STATUS, c,
                                       f"{section.section} {c.label} names '{name}' ({c.status_text}), but its row "
                                       f"'{row_name(row)}' is {row.status} ({row.status_raw})",
                                       stated=c.status_text, computed=row.status, basis=row_name(row)))
        elif k not in matching.row_of:
            near = max(range(len(rows)), key=lambda r: matching.score[(k, r)])
            out.append(ctx.finding(FindingKind.NAME_NOT_FOUND, c,
                                   f"{section.section} {c.label} names '{name}', which matches no row of the table "
                                   f"(closest: '{row_name(rows[near])}', score {matching.score[(k, near)]:.0f})",
                                   stated=name, computed=row_name(rows[near])))
    named_rows = set(matching.row_of.values())
    for status in dict.fromkeys(c.status for _, c in named):
        first = next(c for _, c in named if c.status == status)
        for r, row in enumerate(rows):
            if row.status == status and r not in named_rows:
                out.append(ctx.finding(FindingKind.NAMED_ITEM_MISSING, first,
                                       f"{section.section} {first.label}: the row '{row_name(row)}' is {status} "
                                       f"({row.status_raw}) but is not named", computed=row_name(row)))
    return out
