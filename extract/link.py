"""Link the same indicator across consecutive bulletins of one issuer.

Each row gets features (masked target, unit set, campaign, group); a pair of rows gets a score in
[0, 1], the weighted mean of four similarities (rules/history.yaml). Between each bulletin and the
one before, rows are paired by an optimal one-to-one assignment (scipy's linear_sum_assignment) on
the scores, pairs under the threshold dropped: a row left over is a new indicator, a row of the
bulletin before that is left over was dropped. Rows still left over are then offered to the
indicators last seen a few bulletins earlier (`max_gap`), so an indicator that skips an issue
keeps its id. An id is given to at most one row per bulletin: the assignment is one-to-one and an
id already continued in a bulletin is never offered again in it.
"""
from __future__ import annotations

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


def _codes(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each value's index among the distinct values, and the table of their similarities."""
    distinct = list(dict.fromkeys(values))
    index = {v: i for i, v in enumerate(distinct)}
    table = cdist(distinct, distinct, scorer=fuzz.ratio, dtype=np.float32) / 100.0
    empty = np.array([not v for v in distinct])
    table[np.ix_(empty, empty)] = 1.0    # neither row has one: no evidence either way
    return np.array([index[v] for v in values], dtype=np.intp), table


def features(targets: list[str], units: list[tuple[str, ...]], campaigns: list[str], sections: list[str],
             rules: LinkRules) -> Features:
    """Features of the rows of one issuer (the tables grow with the square of the distinct values)."""
    seen: dict[str, str] = {}

    def masked(text: str) -> str:   # copies of a bulletin repeat most texts: mask each once
        if text not in seen:
            seen[text] = mask(text, rules)
        return seen[text]

    unit_codes, unit_sim = _codes([";".join(sorted(squash(u) for u in row)) for row in units])
    campaign_codes, campaign_sim = _codes([squash(c) for c in campaigns])
    section_codes, section_sim = _codes([masked(s) for s in sections])
    return Features(
        target=[masked(t) for t in targets],
        units=unit_codes, campaign=campaign_codes, section=section_codes,
        unit_sim=unit_sim, campaign_sim=campaign_sim, section_sim=section_sim,
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


def link_bulletins(bulletins: list[np.ndarray], f: Features, rules: LinkRules) -> dict[int, Link]:
    """Rows (indexes into the features) of each bulletin of one issuer, in order -> each row's Link."""
    out: dict[int, Link] = {}
    last_row: dict[int, int] = {}       # series -> its latest row
    last_seen: dict[int, int] = {}      # series -> index of the bulletin it was last in
    n_series = 0
    for k, rows in enumerate(bulletins):
        unmatched = list(range(len(rows)))
        taken: set[int] = set()
        stages = [(1, rules.threshold)] + [(1 + g, rules.gap_threshold) for g in range(1, rules.max_gap + 1)]
        for back, threshold in stages:
            open_series = [s for s, seen in last_seen.items() if seen == k - back and s not in taken]
            if not open_series or not unmatched:
                continue
            earlier = np.array([last_row[s] for s in open_series], dtype=np.intp)
            later = rows[unmatched]
            pairs = assign(scores(f, earlier, later, rules), threshold)
            for i, j, score in pairs:
                series, row = open_series[i], int(later[j])
                out[row] = Link(series, round(score, 4), "next" if back == 1 else "gap")
                taken.add(series)
            matched = {unmatched[j] for _, j, _ in pairs}
            unmatched = [j for j in unmatched if j not in matched]
        for j in unmatched:
            out[int(rows[j])] = Link(n_series, None, "new")
            n_series += 1
        for row in rows:
            link = out[int(row)]
            last_row[link.series] = int(row)
            last_seen[link.series] = k
    return out
