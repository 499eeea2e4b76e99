"""Link the same indicator across consecutive bulletins of one issuer.

Each row gets features (masked target, unit set, campaign, group); a pair of rows gets a score in
[0, 1], the weighted mean of four similarities (rules/history.yaml). Between each bulletin and the
one before, rows identical in every feature (and unique on both sides) are paired first; the rest
are paired by an optimal one-to-one assignment (scipy's linear_sum_assignment) on the scores, pairs
under the threshold dropped: a row left over is a new indicator, a row of the
bulletin before that is left over was dropped. Rows still left over are then offered to the
indicators last seen a few bulletins earlier (`max_gap`), so an indicator that skips an issue
keeps its id. An id is given to at most one row per bulletin: the assignment is one-to-one and an
id already continued in a bulletin is never offered again in it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import regex
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment

from extract.chinese.text import squash
from extract.settings.sections import HistoryRules, HistoryWeights


@dataclass(frozen=True)
class LinkRules:
    masks: tuple[tuple[regex.Pattern[str], str], ...]
    weights: HistoryWeights       # rules/history.yaml's weights, scaled to add up to 1
    threshold: float
    max_gap: int
    gap_threshold: float
    max_cells: int = 4_000_000    # cells of one score matrix (history.max_score_cells in limits.yaml)

    @classmethod
    def from_rules(cls, history: HistoryRules, max_cells: int) -> LinkRules:
        w = history.weights
        target, units, campaign, section = float(w.target), float(w.units), float(w.campaign), float(w.section)
        total = target + units + campaign + section
        if total <= 0:
            raise ValueError("rules file history.yaml: the weights must add up to more than 0")
        return cls(
            masks=tuple((regex.compile(m.pattern), m.replace) for m in history.mask),
            weights=HistoryWeights(target=target / total, units=units / total, campaign=campaign / total,
                                   section=section / total),
            threshold=float(history.threshold),
            max_gap=history.max_gap,
            gap_threshold=float(history.gap_threshold),
            max_cells=max_cells,
        )


def mask(text: str, rules: LinkRules) -> str:
    """The text as compared: NFKC, no whitespace, numbers masked, numbering and punctuation gone."""
    text = squash(text or "")
    for pattern, replace in rules.masks:
        text = pattern.sub(replace, text)
    return text


@dataclass
class Features:
    """Per row: its masked target, and codes into the distinct compared forms of the unit sets,
    campaigns and groups. Their similarities are computed for the codes a block of pairs uses,
    never as a table of every distinct form against every other (quadratic: 30,000 distinct unit
    sets would make a 3.4 GiB table)."""

    target: list[str]                  # masked targets
    units: np.ndarray                  # index into unit_forms
    campaign: np.ndarray               # index into campaign_forms
    section: np.ndarray                # index into section_forms
    unit_forms: list[str]
    campaign_forms: list[str]
    section_forms: list[str]
    key: np.ndarray                    # equal keys: equal in every feature (a score of 1)


def _forms(values: list[str], transform: Callable[[str], str]) -> tuple[np.ndarray, list[str]]:
    """Each value's index among the distinct compared forms, and those forms. Copies of a
    bulletin repeat most texts, so each distinct text is transformed once."""
    forms: dict[str, int] = {}
    form_of = {raw: forms.setdefault(transform(raw), len(forms)) for raw in dict.fromkeys(values)}
    return np.array([form_of[v] for v in values], dtype=np.intp), list(forms)


def _similarity(forms: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """len(a) x len(b) similarities of the forms coded `a` against those coded `b`, each distinct
    pair of forms compared once (a block has a few distinct campaigns, groups and unit sets)."""
    ua, ia = np.unique(a, return_inverse=True)
    ub, ib = np.unique(b, return_inverse=True)
    table = cdist([forms[i] for i in ua], [forms[j] for j in ub], scorer=fuzz.ratio, dtype=np.float32) / 100.0
    empty_a = np.array([not forms[i] for i in ua], dtype=bool)
    empty_b = np.array([not forms[j] for j in ub], dtype=bool)
    table[np.ix_(empty_a, empty_b)] = 1.0    # neither row has one: no evidence either way
    return table[np.ix_(ia.reshape(-1), ib.reshape(-1))]


def features(targets: list[str], units: list[str], campaigns: list[str], sections: list[str],
             rules: LinkRules) -> Features:
    """Features of the rows of one issuer (units: ";"-joined as in indicators.csv)."""
    target_codes, target_forms = _forms(targets, lambda t: mask(t, rules))
    unit_codes, unit_forms = _forms(units, lambda u: ";".join(sorted(squash(x) for x in u.split(";") if x.strip())))
    campaign_codes, campaign_forms = _forms(campaigns, squash)
    section_codes, section_forms = _forms(sections, lambda s: mask(s, rules))
    columns = np.stack([target_codes, unit_codes, campaign_codes, section_codes], axis=1)
    key = np.unique(columns, axis=0, return_inverse=True)[1].reshape(-1) if len(targets) else np.zeros(0, np.intp)
    return Features(
        target=[target_forms[c] for c in target_codes], units=unit_codes, campaign=campaign_codes,
        section=section_codes, unit_forms=unit_forms, campaign_forms=campaign_forms, section_forms=section_forms,
        key=key,
    )


def scores(f: Features, a: np.ndarray, b: np.ndarray, rules: LinkRules) -> np.ndarray:
    """len(a) x len(b) scores of rows a (earlier) against rows b (later)."""
    w = rules.weights
    target = cdist([f.target[i] for i in a], [f.target[j] for j in b], scorer=fuzz.ratio,
                   dtype=np.float32) / 100.0
    units = _similarity(f.unit_forms, f.units[a], f.units[b])
    campaign = _similarity(f.campaign_forms, f.campaign[a], f.campaign[b])
    section = _similarity(f.section_forms, f.section[a], f.section[b])
    return w.target * target + w.units * units + w.campaign * campaign + w.section * section


def assign(matrix: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """The one-to-one pairing with the highest total score among pairs at or over the threshold."""
    if matrix.size == 0:
        return []
    usable = np.where(matrix >= threshold, matrix, 0.0)
    rows, cols = linear_sum_assignment(usable, maximize=True)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols) if matrix[r, c] >= threshold]


def _candidates(f: Features, a: np.ndarray, b: np.ndarray, rules: LinkRules,
                threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (i, j, score) at or over the threshold, scored in blocks of at most `max_cells`;
    each row of `a` keeps its best `max_cells // len(a)` (at least one), so what is kept is bounded
    too."""
    per_row = max(1, rules.max_cells // max(1, len(a)))
    cols = max(1, min(len(b), rules.max_cells))
    rows = max(1, rules.max_cells // cols)
    found_i, found_j, found_s = [], [], []
    for r0 in range(0, len(a), rows):
        best: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for c0 in range(0, len(b), cols):
            block = scores(f, a[r0:r0 + rows], b[c0:c0 + cols], rules)
            i, j = np.nonzero(block >= threshold)
            best.append((i + r0, j + c0, block[i, j]))
            # keep each row's best few so far: what is held never grows past the budget
            i, j, s = (np.concatenate(x) for x in zip(*best))
            order = np.lexsort((-s, i))
            rank = np.arange(len(i)) - np.searchsorted(i[order], i[order])
            keep = order[rank < per_row]
            best = [(i[keep], j[keep], s[keep])]
        found_i.append(best[0][0])
        found_j.append(best[0][1])
        found_s.append(best[0][2])
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def assign_bounded(f: Features, a: np.ndarray, b: np.ndarray, rules: LinkRules,
                   threshold: float) -> list[tuple[int, int, float]]:
    """`assign(scores(...))` when the score matrix is within `rules.max_cells`. A bigger one is never
    built: the candidate pairs over the threshold are found block by block, and each connected
    group of them is assigned optimally when its matrix is within the budget, else greedily (best
    pair first)."""
    if len(a) * len(b) <= rules.max_cells:
        return assign(scores(f, a, b, rules), threshold)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ci, cj, cs = _candidates(f, a, b, rules, threshold)
    if not len(ci):
        return []
    graph = coo_matrix((np.ones(len(ci)), (ci, cj + len(a))), shape=(len(a) + len(b),) * 2)
    _, label = connected_components(graph, directed=False)
    out: list[tuple[int, int, float]] = []
    for group in np.unique(label[ci]):
        mine = np.nonzero(label[ci] == group)[0]
        ri, rj = np.unique(ci[mine], return_inverse=True)
        qi, qj = np.unique(cj[mine], return_inverse=True)
        if len(ri) * len(qi) <= rules.max_cells:
            matrix = np.zeros((len(ri), len(qi)), dtype=np.float32)
            matrix[rj.reshape(-1), qj.reshape(-1)] = cs[mine]
            out += [(int(ri[r]), int(qi[c]), s) for r, c, s in assign(matrix, threshold)]
            continue
        used_i: set[int] = set()
        used_j: set[int] = set()
        for k in mine[np.argsort(-cs[mine], kind="stable")]:
            i, j = int(ci[k]), int(cj[k])
            if i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                out.append((i, j, float(cs[k])))
    return out


@dataclass(frozen=True)
class Link:
    series: int          # 0-based number of the indicator within its issuer, in order of first appearance
    score: float | None  # None for the first appearance
    kind: str            # new | next | gap


def _identical(f: Features, earlier: np.ndarray, later: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) of rows equal in every feature (score 1) and unique on both sides: linked before
    the assignment, which then only weighs the rows that changed (most rows of a bulletin do not)."""
    def positions(rows: np.ndarray) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i, key in enumerate(f.key[rows].tolist()):
            out.setdefault(key, []).append(i)
        return out

    before = positions(earlier)
    return [(before[key][0], js[0]) for key, js in positions(later).items()
            if len(js) == 1 and len(before.get(key, ())) == 1]


def link_bulletins(bulletins: list[np.ndarray], f: Features, rules: LinkRules) -> dict[int, Link]:
    """Rows (indexes into the features) of each bulletin of one issuer, in order -> each row's Link."""
    out: dict[int, Link] = {}
    last_row: dict[int, int] = {}               # series -> its latest row
    seen_in: list[list[int]] = []               # bulletin -> the series last seen in it
    n_series = 0
    stages = [(1, rules.threshold)] + [(1 + g, rules.gap_threshold) for g in range(1, rules.max_gap + 1)]
    for k, rows in enumerate(bulletins):
        unmatched = list(range(len(rows)))
        for back, threshold in stages:
            # an id already continued in this bulletin is never offered again: it was last seen here
            open_series = seen_in[k - back] if k - back >= 0 else []
            if not open_series or not unmatched:
                continue
            earlier = np.array([last_row[s] for s in open_series], dtype=np.intp)
            later = rows[unmatched]
            same = _identical(f, earlier, later)
            pairs = [(i, j, 1.0) for i, j in same]
            rest_i = sorted(set(range(len(earlier))) - {i for i, _ in same})
            rest_j = sorted(set(range(len(later))) - {j for _, j in same})
            if rest_i and rest_j:
                assigned = assign_bounded(f, earlier[rest_i], later[rest_j], rules, threshold)
                pairs += [(rest_i[i], rest_j[j], score) for i, j, score in assigned]
            for i, j, score in pairs:
                out[int(later[j])] = Link(open_series[i], round(score, 4), "next" if back == 1 else "gap")
            matched = {unmatched[j] for _, j, _ in pairs}
            unmatched = [j for j in unmatched if j not in matched]
        for j in unmatched:
            out[int(rows[j])] = Link(n_series, None, "new")
            n_series += 1
        here = []
        for row in rows.tolist():
            series = out[row].series
            last_row[series] = row
            here.append(series)
        # a series continued here leaves the list of the bulletin it was seen in before
        moved = set(here)
        for back, _ in stages:
            if k - back >= 0:
                seen_in[k - back] = [s for s in seen_in[k - back] if s not in moved]
        seen_in.append(here)
    return out
