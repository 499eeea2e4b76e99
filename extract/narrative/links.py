"""Which annex table each narrative section speaks of: computed once, used by claims and checks.

A section links to an annex by its "详见附件N" (an item's own reference, else its section's; for
(六) the one after its item 3 applies to all its items), else by the campaign its heading names
(fuzzy, tolerant of 发展 vs 增长). An item ((六)1) then links to the annex's sub-table (the
indicators' `section` value) its heading names best, one-to-one (IDF-weighted character overlap:
characters that tell the sub-tables apart, such as 监测 or 州, weigh more).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

from rapidfuzz import fuzz

from extract.chinese.numbers import Numerals, parse_cn_int
from extract.chinese.text import simplified, squash
from extract.model import Annex, Indicator, SectionKey
from extract.narrative.outline import Section, rx
from extract.settings.rules import Rules


class SectionLink(NamedTuple):
    annex_no: int | None
    subtable: str | None          # the indicators' `section` value of the linked sub-table
    campaign: str                 # the linked annex's campaign (else the narrative's wording)
    drift: bool                   # the narrative names that campaign differently
    stated: str = ""              # the campaign as the section's heading words it ("" when it names none)
    implicit: bool = False        # a genre section linked to the bulletin's only table without saying so


def _annex_ref(section: Section, rules: Rules, annexes: list[Annex]) -> int | None:
    """The annex number a section refers to; "详见附件" without a number is the only annex."""
    pattern = rx(rules.claims.annex_ref)
    for s in section.sentences:
        m = pattern.search(simplified(s.raw))
        if m and m.group("no"):
            return parse_cn_int(m.group("no"), Numerals.from_rules(rules))
        if m and len(annexes) == 1:
            return annexes[0].no
    return None


def _best_campaign(heading: str, annexes: list[Annex]) -> tuple[Annex | None, float]:
    """The annex whose campaign the heading names best (its title when it has no campaign)."""
    best, best_score = None, -1.0
    for annex in annexes:
        if annex.campaign:
            # the heading may frame the name (X推进情况, 关于X方面): its best-aligned stretch counts
            score = max(fuzz.ratio(squash(heading), squash(annex.campaign)),
                        fuzz.partial_ratio(squash(heading), squash(annex.campaign)))
        elif annex.title:
            score = fuzz.partial_ratio(squash(heading), squash(annex.title))
        else:
            continue
        if score > best_score:
            best, best_score = annex, score
    return best, best_score


def _idf_dice(a: str, b: str, df: Counter[str], n: int) -> float:
    """Character overlap of a and b, each character weighted by how rare it is among candidates."""
    ca, cb = set(squash(a)), set(squash(b))
    if not ca or not cb:
        return 0.0

    def w(chars: set[str]) -> float:
        # fsum: exact, so equal overlaps score equal whatever order the set iterates in (a plain
        # sum over a set of str depends on PYTHONHASHSEED, and so did which heading won a tie)
        return math.fsum(math.log(1 + n / (df.get(ch, 0) + 0.5)) for ch in chars)

    denom = w(ca) + w(cb)
    return 100.0 * 2 * w(ca & cb) / denom if denom else 0.0


def match_subtables(headings: dict[SectionKey, str], candidates: list[str], min_score: float) -> dict[SectionKey, str]:
    """Item heading -> sub-table name, one-to-one, best score first."""
    if not headings or not candidates:
        return {}
    df: Counter[str] = Counter()
    for name in candidates:
        df.update(set(squash(name)))
    pairs = []
    for key, heading in headings.items():
        for name in candidates:
            pairs.append((_idf_dice(heading, name, df, len(candidates)), fuzz.ratio(squash(heading), squash(name)),
                          key, name))
    pairs.sort(key=lambda p: (-p[0], -p[1]))
    out: dict[SectionKey, str] = {}
    used: set[str] = set()
    for score, _, key, name in pairs:
        if score < min_score or key in out or name in used:
            continue
        out[key] = name
        used.add(name)
    return out


def link_sections(sections: list[Section], annexes: list[Annex], indicators: list[Indicator],
                  rules: Rules) -> dict[SectionKey, SectionLink]:
    """section key -> SectionLink, for every section and item of the narrative's claims part."""
    min_score = rules.tolerances.linking.campaign_min_score
    by_no = {a.no: a for a in annexes}
    refs = {s.key: _annex_ref(s, rules, annexes) for s in sections}
    section_ref: dict[SectionKey, int | None] = {}
    for s in sections:
        if not s.is_item:
            item_refs = [refs[i.key] for i in sections if i.is_item and i.parent == s.key and refs[i.key]]
            section_ref[s.key] = refs[s.key] or (item_refs[0] if item_refs else None)
    links: dict[SectionKey, SectionLink] = {}
    for s in sections:
        ref = refs[s.key] if s.is_item and refs[s.key] else section_ref.get(s.parent)
        if s.genre:
            # a genre section speaks of a table where it says so (详见附件), or of the bulletin's only
            # table (implicit: checked against it only where its total matches the table's size);
            # its headings (总体情况, 工作要求) name no campaign
            # an annex that came as a file beside the draft is the writer's own word that it belongs
            implicit = ref is None and len(annexes) == 1 and not annexes[0].attached
            only = annexes[0] if ref is None and len(annexes) == 1 else None
            annex = by_no.get(ref) if ref is not None else only
            links[s.key] = SectionLink(annex.no if annex else None, None, annex.campaign if annex else "", False,
                                       implicit=implicit)
            continue
        best, score = _best_campaign(s.campaign_heading, annexes) if s.campaign_heading else (None, 0.0)
        names_campaign = best is not None and score >= min_score
        annex = by_no.get(ref) if ref is not None else (best if names_campaign else None)
        if annex is None:
            stated = s.campaign_heading if names_campaign or ref is None else ""
            links[s.key] = SectionLink(ref, None, stated, False, stated)
            continue
        stated = s.campaign_heading if names_campaign and best is not None and best.no == annex.no else ""
        # a heading frames the name its own way (关于X, X方面, X推进情况): drift is a name that is
        # not in the heading as printed, 重点项目建设 for 重大项目建设
        drift = bool(stated and annex.campaign and squash(annex.campaign) not in squash(stated))
        links[s.key] = SectionLink(annex.no, None, annex.campaign, drift, stated)
    _link_subtables(sections, links, indicators, rules)
    return links


def _link_subtables(sections: list[Section], links: dict[SectionKey, SectionLink], indicators: list[Indicator],
                    rules: Rules) -> None:
    min_score = rules.tolerances.linking.subtable_min_score
    items_by_annex: dict[int, dict[SectionKey, str]] = {}
    for s in sections:
        annex_no = links[s.key].annex_no
        if s.is_item and annex_no is not None:
            items_by_annex.setdefault(annex_no, {})[s.key] = s.heading
    for annex_no, headings in items_by_annex.items():
        candidates = list(dict.fromkeys(i.section for i in indicators if i.annex_no == annex_no and i.section))
        for key, name in match_subtables(headings, candidates, min_score).items():
            links[key] = links[key]._replace(subtable=name)
