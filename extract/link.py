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

from extract.text import squash


@dataclass(frozen=True)
class LinkRules:
    masks: tuple[tuple[regex.Pattern, str], ...]
    weights: dict[str, float]
    threshold: float
    max_gap: int
    gap_threshold: float

    @classmethod
    def from_rules(cls, history: dict) -> LinkRules:
        weights = {k: float(history["weights"][k]) for k in ("target", "units", "campaign", "section")}
        total = sum(weights.values())
        if total <= 0:
            raise ValueError("rules file history.yaml: the weights must add up to more than 0")
        return cls(
            masks=tuple((regex.compile(m["pattern"]), m.get("replace", "")) for m in history.get("mask", [])),
            weights={k: v / total for k, v in weights.items()},
            threshold=float(history["threshold"]),
            max_gap=int(history.get("max_gap", 0)),
            gap_threshold=float(history.get("gap_threshold", history["threshold"])),
        )


def mask(text: str, rules: LinkRules) -> str:
    """The text as compared: NFKC, no whitespace, numbers masked, numbering and punctuation gone."""
    text = squash(text or "")
    for pattern, replace in rules.masks:
        text = pattern.sub(replace, text)
    return text


@dataclass
class Features:
    """Per row: its masked target, and codes into small tables of the similarities of the distinct
    unit sets, campaigns and groups (one county has a few dozen of each), so a pair is a lookup."""

    target: list[str]                  # masked targets
    units: np.ndarray                  # index into unit_sim
    campaign: np.ndarray               # index into campaign_sim
    section: np.ndarray                # index into section_sim
    unit_sim: np.ndarray
    campaign_sim: np.ndarray
    section_sim: np.ndarray
    key: np.ndarray                    # equal keys: equal in every feature (a score of 1)


def _forms(values: list[str], transform: Callable[[str], str]) -> tuple[np.ndarray, list[str]]:
    """Each value's index among the distinct compared forms, and those forms. Copies of a
    bulletin repeat most texts, so each distinct text is transformed once."""
    forms: dict[str, int] = {}
    form_of = {raw: forms.setdefault(transform(raw), len(forms)) for raw in dict.fromkeys(values)}
    return np.array([form_of[v] for v in values], dtype=np.intp), list(forms)


def _similarities(forms: list[str]) -> np.ndarray:
    table = cdist(forms, forms, scorer=fuzz.ratio, dtype=np.float32) / 100.0
    empty = np.array([not v for v in forms])
    table[np.ix_(empty, empty)] = 1.0    # neither row has one: no evidence either way
    return table


def features(targets: list[str], units: list[str], campaigns: list[str], sections: list[str],
             rules: LinkRules) -> Features:
    """Features of the rows of one issuer (units: ";"-joined as in indicators.csv). The tables grow
    with the square of the distinct values, so they are built per issuer."""
    target_codes, target_forms = _forms(targets, lambda t: mask(t, rules))
    unit_codes, unit_forms = _forms(units, lambda u: ";".join(sorted(squash(x) for x in u.split(";") if x.strip())))
    campaign_codes, campaign_forms = _forms(campaigns, squash)
    section_codes, section_forms = _forms(sections, lambda s: mask(s, rules))
    columns = np.stack([target_codes, unit_codes, campaign_codes, section_codes], axis=1)
    key = np.unique(columns, axis=0, return_inverse=True)[1].reshape(-1) if len(targets) else np.zeros(0, np.intp)
    return Features(
        target=[target_forms[c] for c in target_codes], units=unit_codes, campaign=campaign_codes,
        section=section_codes, unit_sim=_similarities(unit_forms), campaign_sim=_similarities(campaign_forms),
        section_sim=_similarities(section_forms), key=key,
    )


def scores(f: Features, a: np.ndarray, b: np.ndarray, rules: LinkRules) -> np.ndarray:
    """len(a) x len(b) scores of rows a (earlier) against rows b (later)."""
    w = rules.weights
    target = cdist([f.target[i] for i in a], [f.target[j] for j in b], scorer=fuzz.ratio,
                   dtype=np.float32) / 100.0
    units = f.unit_sim[np.ix_(f.units[a], f.units[b])]
    campaign = f.campaign_sim[np.ix_(f.campaign[a], f.campaign[b])]
    section = f.section_sim[np.ix_(f.section[a], f.section[b])]
    return w["target"] * target + w["units"] * units + w["campaign"] * campaign + w["section"] * section


def assign(matrix: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """The one-to-one pairing with the highest total score among pairs at or over the threshold."""
    if matrix.size == 0:
        return []
    usable = np.where(matrix >= threshold, matrix, 0.0)
    rows, cols = linear_sum_assignment(usable, maximize=True)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols) if matrix[r, c] >= threshold]


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
                assigned = assign(scores(f, earlier[rest_i], later[rest_j], rules), threshold)
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
