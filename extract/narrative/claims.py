"""Narrative sentences (and counts printed in table cells) -> Claim records.

The narrative's progress part (一、工作进展情况) states, per campaign section (一)…(六), a total
("共有重点监测指标40项"), per-status parts with a count and a share ("已完成年度任务1项，占比2.5%"),
and named lists ("未完成时序进度的指标分别为A、B、C"). Each becomes a Claim that checks.py compares
with the annex tables. The stages:
- extract/narrative/outline.py: lines -> sections -> sentences;
- extract/narrative/links.py: section -> annex (and sub-table), once;
- extract/narrative/grammar.py: sentence -> total, parts, shares, lists (and doubts);
- here: the claims of each section, and those printed inside table cells (annex 3 style
  "共有37项任务清单，其中已完成年度任务6项，稳步推进31项").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal
from typing import Any

import regex

from extract.chinese.numbers import Numerals, int_in_range, parse_percent, percent_of, to_arabic_in_text
from extract.chinese.text import repair_cjk
from extract.model import Annex, Claim, ClaimKind, Indicator, SectionKey, Status, TextLine, TotalKind
from extract.narrative.genre import Base, Evidence, GenreReading, Mention, listed_before, read_genre_section
from extract.narrative.grammar import AmountRead, ClaimGrammar, ListRead, PartRead, TotalRead
from extract.narrative.links import SectionLink, link_sections
from extract.narrative.outline import Section, Sentence, outline
from extract.settings.rules import Rules


@dataclass
class NarrativeReading:
    """Everything read from a bulletin's narrative, for the checks."""

    claims: list[Claim]
    links: dict[SectionKey, SectionLink]
    doubts: dict[SectionKey, list[str]] = field(default_factory=dict)   # why a section's claims are uncertain
    unread: list[tuple[Claim, str]] = field(default_factory=list)   # a figure left unread, and why


@dataclass
class _SectionState:
    total: TotalRead | None = None
    total_sentence: Sentence | None = None
    parts: list[tuple[PartRead, Sentence]] = field(default_factory=list)
    lists: list[tuple[ListRead, Sentence]] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)


def _read_section(sec: Section, grammar: ClaimGrammar) -> _SectionState:
    state = _SectionState()
    for s in sec.sentences:
        read = grammar.read(s.raw)
        state.doubts.extend(read.doubts)
        if read.total is not None and state.total is None:
            state.total, state.total_sentence = read.total, s
        state.parts.extend((p, s) for p in read.parts)
        state.lists.extend((named, s) for named in read.lists)
    if state.total is None and state.parts and state.parts[0][0].status is None:
        # the first count of a statement with no status of its own, followed by parts, is its total
        first, s = state.parts.pop(0)
        state.total, state.total_sentence = TotalRead(first.label, first.count or 0, first.unit), s
    if state.total is not None:
        # a statement counts one thing: counts in other units are details, not parts ("建成基站45个");
        # the item unit (项) counts indicators whatever unit the total used (共有指标8个，其中3项…)
        item = grammar.item_unit
        state.parts = [(p, s) for p, s in state.parts if p.is_all or p.unit in (state.total.unit, item)]
    for part, _ in state.parts:
        if part.status is None and not part.is_all:
            state.doubts.append(f"'{part.label}{part.count}{part.unit}' states no status")
    return state


def _section_claims(sec: Section, state: _SectionState, link: SectionLink, grammar: ClaimGrammar,
                    file: str) -> list[Claim]:
    total = state.total.count if state.total is not None else None

    def make(label: str, status: Status | TotalKind | None, count: int | None, s: Sentence, kind: ClaimKind, of: int | None,
             percent_raw: str = "", percent: float | None = None, names: tuple[str, ...] = ()) -> Claim:
        return Claim(file=file, section=sec.key, campaign=link.stated or link.campaign, annex_no=link.annex_no,
                     label=label, status=status, count=count, total=of, percent_raw=percent_raw, percent=percent,
                     text=s.text, page=s.page, locator=s.locator, names=names, kind=kind,
                     confidence=s.confidence)

    claims: list[Claim] = []
    if state.total is not None and state.total_sentence is not None:
        t, s = state.total, state.total_sentence
        label = sec.heading if (sec.is_item or not t.label) and sec.heading else t.label
        claims.append(make(label, TotalKind.TOTAL, t.count, s, ClaimKind.TOTAL, t.count))
        if t.groups is not None:
            claims.append(make(label, TotalKind.GROUPS, t.groups, s, ClaimKind.TOTAL, t.groups))
    stated: dict[str, int] = defaultdict(int)
    for part, _ in state.parts:
        if part.status is not None and part.count is not None:
            stated[part.status] += part.count
    events: list[tuple[int, int, Claim]] = []
    sentence_index = {id(s): k for k, s in enumerate(sec.sentences)}
    for part, s in state.parts:
        count = total if part.is_all else part.count
        kind = ClaimKind.ALL if part.is_all else ClaimKind.PART
        events.append((sentence_index[id(s)], part.start, make(part.label, part.status, count, s, kind, total,
                                                               part.percent_raw, part.percent)))
    for named, s in state.lists:
        expected = named.count_in_clause or (stated.get(named.status) if named.status else None)
        names = grammar.split_last(named.names, expected)
        if named.names_first and named.status and not stated.get(named.status):
            # 其中普惠托位待市里下达具体任务: no count states this status, so the names are the part
            events.append((sentence_index[id(s)], 10**6 - 1, make(named.label, named.status, len(names), s,
                                                                  ClaimKind.PART, total)))
        events.append((sentence_index[id(s)], 10**6, make(named.label, named.status, len(names), s,
                                                          ClaimKind.NAMES, total, names=names)))
    claims.extend(c for _, _, c in sorted(events, key=lambda e: (e[0], e[1])))
    return claims


# Statement numbers of a genre section past its bases' own (0, 1, …): a run whose base is no count
# of its own (_UNFRAMED + its run), the rates after every run, the amounts after those.
_UNFRAMED = 1000
_AMOUNTS = 2000


def _genre_claims(sec: Section, reading: GenreReading, link: SectionLink, grammar: ClaimGrammar,
                  file: str) -> list[Claim]:
    """A genre section's claims: every count (bases as totals, run members as parts of their run's
    base), rates over the base of the counts they are taken of, amounts, numbered items, lists.

    `statement` numbers the bases in order (0: the first, the one a table check reads); a share or
    rate whose base is only the latest total, and that another printed count explains, gets no base:
    it is read, not called wrong."""
    bases = [m for m in reading.mentions if m.run == -1]
    if reading.linked is not None:
        # the count the 详见附件 is said of comes first: statement 0 is what table checks read
        bases.remove(reading.linked)
        bases.insert(0, reading.linked)
    frames = {id(m): n for n, m in enumerate(bases)}     # by identity: an earlier part's count may be a base
    far_share = float(grammar.inferred_base_max_slip)
    numerals = grammar.numerals
    if bases:
        # 18件重点诉求中，已办结12件: a total said again is the one the table is checked against
        first = bases[0]
        frames.update({id(m): 0 for m in bases if (m.value, m.unit) == (first.value, first.unit)})

    def make(label: str, status: Status | TotalKind | None, count: int | None, s: Sentence, kind: ClaimKind, of: int | None,
             statement: int, **more: Any) -> Claim:
        return Claim(file=file, section=sec.key, campaign=link.stated or link.campaign, annex_no=link.annex_no,
                     label=label, status=status, count=count, total=of, percent_raw=more.pop("percent_raw", ""),
                     percent=more.pop("percent", None), text=s.text, page=s.page, locator=s.locator,
                     kind=kind, confidence=s.confidence, statement=statement, genre=True, **more)

    def base_value(base: Base, count: int, percent: float | None, percent_raw: str) -> int | None:
        if base.mention is None:
            return None
        if percent is not None and percent <= 1 and count > base.mention.value:
            return None   # a share of a smaller count: the statement was not read as meant
        if percent is not None and not base.evidence.said and _far(count, base.mention.value, percent, far_share):
            # 竣工率40.7% of 50 over the 303 projects two sentences before (16.5%): an inferred base
            # that far from the share is not the base meant (the projects due, never printed)
            return None
        if base.strong or percent is None or _explains(count, base.mention.value, percent_raw, numerals):
            return base.mention.value
        # only the last total before it: a guess, which a share may contradict without being wrong
        # (竣工率40.7% of the 123 projects due, a number the text never prints)
        return None

    claims: list[Claim] = []
    runs_of = {m.index: reading.runs[m.run] for m in reading.mentions if m.run >= 0}

    def run_statement(k: int) -> int:
        base = reading.runs[k].base.mention
        return frames[id(base)] if base is not None and id(base) in frames else _UNFRAMED + k

    for m in reading.mentions:
        if m.run == -1:
            run_summed = next((k for k, r in enumerate(reading.runs) if r.summed_by is m), -1)
            claims.append(make(m.label or sec.heading, TotalKind.TOTAL, m.value, m.sentence, ClaimKind.TOTAL, m.value,
                               run_statement(run_summed) if run_summed >= 0 else frames[id(m)],
                               unit=m.unit, run=run_summed,
                               sub_part=m.sub, percent_raw=m.percent_raw, percent=m.percent))
            continue
        run = runs_of[m.index]
        base = Base(m.own_base, Evidence.PARALLEL) if m.own_base is not None else run.base
        statement = run_statement(m.run)
        total = base_value(base, m.value, m.percent, m.percent_raw)
        count, label = m.value, m.label
        if m.percent is not None and total is not None and not _explains(m.value, total, m.percent_raw, numerals):
            shared = [x for x in run.members if x.percent is not None]
            together = listed_before(m, reading.mentions, grammar)
            run_sum = sum(x.value for x in run.members)
            if len(shared) >= 2 and all(_explains(x.value, run_sum, x.percent_raw, numerals) for x in shared):
                # 其中，咨询类124599件，占63.72%…: the shares are of the classes' own sum (195532), not
                # of the total (284406); the classes falling short of it is one finding, the sum's
                total = run_sum
            elif together and _explains(m.value + sum(x.value for x in together), total, m.percent_raw, numerals):
                # A类783件、B类579件、C类562件，占工单总量的77%: one share for the listed counts together
                count = m.value + sum(x.value for x in together)
                label = "、".join(x.label.strip("、，,") for x in together) + "、" + m.label.strip("、，,")
        claims.append(make(label, m.status, count, m.sentence, ClaimKind.PART, total, statement, unit=m.unit,
                           percent_raw=m.percent_raw, percent=m.percent, exhaustive=run.exhaustive, run=m.run))
    for rate, s, _, numerator, base in reading.rates:
        if base.mention is not None and base.mention.sentence is not s and base.evidence.said:
            base = Base(base.mention, Evidence.CARRIED)
        rate_count = sum(m.value for m in numerator) if numerator else None
        unit = numerator[0].unit if numerator else ""
        rate_total = base_value(base, rate_count, rate.percent, rate.percent_raw) \
            if rate_count is not None else None
        claims.append(make(rate.label, None, rate_count, s, ClaimKind.RATE, rate_total, _UNFRAMED + len(reading.runs),
                           unit=unit,
                           percent_raw=rate.percent_raw, percent=rate.percent, names=(rate.stem,)))
    amounts = list(reading.amounts)
    classes = _amount_classes(amounts, reading.partition_amounts)
    for amount, s in amounts:
        amount_run, whole = classes.get(id(amount), (-1, ""))
        of = whole or amount.base_raw or (_amount_base(amount, s, amounts, sec, grammar.amount_base_coverage,
                                                       grammar.own_plan_words, grammar.count)
                                          if amount.percent_raw else "")
        claims.append(make(amount.label, None, None, s, ClaimKind.AMOUNT, None, _AMOUNTS, percent_raw=amount.percent_raw,
                           percent=amount.percent, amount_raw=amount.raw, base_raw=of, run=amount_run,
                           exhaustive=amount_run >= 0,
                           names=(amount.of,) if amount.of else ()))
    for items, s in reading.items:
        claims.append(make(items.label, items.status, len(items.numbers), s, ClaimKind.ITEMS, None, 0,
                           unit=items.unit,
                           names=tuple(str(x) for x in items.numbers)))
    for named, s in reading.lists:
        claims.append(make(named.label, named.status, len(named.names), s, ClaimKind.NAMES, None, 0,
                           names=named.names))
    return claims


def _amount_classes(amounts: list[tuple[AmountRead, Sentence]], in_partition: dict[int, int]) -> dict[int, tuple[int, str]]:
    """从投资构成看，工业项目完成投资7.92亿元；城建交通项目完成投资6.35亿元…: the amounts of one partition
    said alike (their clauses end in the same words, 完成投资) are classes of the last earlier amount
    whose clause holds those words (累计完成投资19.74亿元). Each partition is a classification of its
    own: two views of one whole are never added together. id(amount) -> (class run, that amount as printed)."""
    order = [a for a, _ in amounts]
    out: dict[int, tuple[int, str]] = {}
    members = [k for k, a in enumerate(order) if id(a) in in_partition and len(a.label) >= 2]
    classes = sorted({(in_partition[id(order[k])], order[k].label[-4:]) for k in members})
    for run, (partition, tail) in enumerate(classes):
        same = [k for k in members if in_partition[id(order[k])] == partition and order[k].label.endswith(tail)]
        wholes = [k for k, a in enumerate(order) if k < same[0] and id(a) not in in_partition and tail in a.label]
        if len(same) >= 2 and wholes:
            for k in same:
                out[id(order[k])] = (run, order[wholes[-1]].raw)
    return out


def _far(count: int, base: int, percent: float, share: float) -> bool:
    """The share printed is of a count far from this one on this base: more than `share` of the base
    (and more than one and a half counts) away. A slip is a count or so off (5 of 9 printed for 4);
    40.7% of 303 is 123, not 50."""
    return base > 0 and abs(percent * base - count) > max(1.5, share * base)


def _explains(count: int, base: int, percent_raw: str, numerals: Numerals) -> bool:
    """count/base at the share's printed decimals is the share as printed (rounded half-up, or cut)."""
    printed = parse_percent(percent_raw, numerals) if percent_raw else None
    if printed is None or base <= 0:
        return False
    stated = (Decimal(repr(printed.value)) * 100).quantize(Decimal(1).scaleb(-printed.decimals))
    return stated in (percent_of(count, base, printed.decimals), percent_of(count, base, printed.decimals, ROUND_DOWN))


def _amount_base(amount: AmountRead, where: Sentence, amounts: list[tuple[AmountRead, Sentence]],
                 sec: Section, min_coverage: float, plan_words: regex.Pattern[str], count: regex.Pattern[str]) -> str:
    """The amount a share of an amount is of, as printed: the earlier one whose clause holds most of
    the words of its 占…的 (年度计划 in 年度计划投资; 该领域问题金额 repeats 涉及金额 most), the nearest
    such, else the only other amount before it in its sentence; "" when that is not certain."""
    order = {id(s): k for k, s in enumerate(sec.sentences)}
    earlier = [(a, s) for a, s in amounts if a is not amount and a.raw != amount.raw
               and (order[id(s)], a.start) < (order[id(where)], amount.start)]
    said_before = where.text[:where.text.find(amount.raw)] if amount.raw in where.text else amount.label
    if amount.of and plan_words.search(amount.of) and count.search(said_before) \
            and not any(s is where for a, s in amounts if a is not amount):
        # 其中133个续建项目完成投资454.31亿元，占年度计划的75% / 124个新建项目已开工122个，…完成投资
        # 124.06亿元，占年度计划的64%: the class's own plan, which is not printed (占已完成投资的 is
        # the whole's: 教育类项目5项，完成投资3240万元，占已完成投资的35%)
        return ""
    if amount.of:
        of = set(amount.of)
        named = [a for a, _ in earlier if len(of & set(a.label)) / len(of) >= min_coverage]
        if len({a.raw for a in named}) == 1:
            return named[-1].raw
        # 反映问题13项，涉及金额1.36亿元，已整改到位0.98亿元，占该领域问题金额的70.6%: its own sentence first
        here = [(a, s) for a, s in earlier if s is where and len(of & set(a.label)) >= 2]
        shared = [(len(of & set(a.label)), order[id(s)], a) for a, s in (here or earlier)]
        best = max((n for n, _, _ in shared), default=0)
        ranked = [(k, a) for n, k, a in shared if n == best and best >= 2]
        nearest = max((k for k, _ in ranked), default=-1)
        tops = [a for k, a in ranked if k == nearest]
        return tops[-1].raw if len({a.raw for a in tops}) == 1 else ""
    before = [a for a, s in amounts if s is where and a is not amount and a.start < amount.start]
    return before[0].raw if len(before) == 1 else ""


def _cell_claims(indicators: list[Indicator], annex_section: dict[int, SectionKey], annexes: list[Annex],
                 grammar: ClaimGrammar, rules: Rules, file: str) -> list[Claim]:
    """Counts printed inside a table's cells: a cell with a total and parts of it, each in the
    total's unit with a status of its own (a tally: 共有37项任务清单，其中已完成6项，稳步推进31项). Prose
    that counts other things (完成消防水池8个 … 整改隐患11180处) or says one status twice is no tally."""
    min_parts, min_share = rules.claims.cell_min_parts, rules.claims.cell_tally_share
    campaigns = {a.no: a.campaign for a in annexes}
    by_annex: dict[int | None, list[Claim]] = defaultdict(list)
    written: dict[int | None, int] = defaultdict(int)
    for ind in indicators:
        raw = repair_cjk(ind.progress or "")
        written[ind.annex_no] += bool(raw)
        read = grammar.read(raw)
        parts = [p for p in read.parts if p.status is not None and p.count is not None and not p.is_all]
        if read.total is None or len(parts) < min_parts:
            continue
        statuses = [p.status for p in parts]
        if any(p.unit != read.total.unit for p in parts) or len(set(statuses)) != len(statuses):
            continue
        total = read.total.count
        section = annex_section.get(ind.annex_no, SectionKey(""))

        cell = Claim(file=file, section=section, campaign=campaigns.get(ind.annex_no, ind.campaign),
                     annex_no=ind.annex_no, label=read.total.label, status=TotalKind.TOTAL, count=total, total=total,
                     percent_raw="", percent=None, text=to_arabic_in_text(raw, grammar.count_words), page=ind.page_start,
                     locator=ind.locator, kind=ClaimKind.CELL)
        by_annex[ind.annex_no].append(cell)
        by_annex[ind.annex_no].extend(replace(cell, label=p.label, status=p.status, count=p.count) for p in parts)
    # one prose cell that happens to count houses by state is no tally: an annex's cells are read as
    # tallies only where its written progress cells mostly are (claims.cell_tally_share)
    return [c for annex_no, cells in by_annex.items()
            if sum(c.status == TotalKind.TOTAL for c in cells) >= min_share * written[annex_no] for c in cells]


def read_narrative(narrative: list[TextLine], annexes: list[Annex], indicators: list[Indicator],
                   rules: Rules, file: str) -> NarrativeReading:
    """Every counted statement of the narrative's progress part, its links, and its doubts."""
    grammar = ClaimGrammar.from_rules(rules)
    sections = outline(narrative, rules)
    links = link_sections(sections, annexes, indicators, rules)
    claims: list[Claim] = []
    doubts: dict[SectionKey, list[str]] = {}
    annex_section: dict[int, SectionKey] = {}
    earlier: list[Mention] = []
    for sec in sections:
        link = links[sec.key]
        if link.annex_no is not None:
            annex_section.setdefault(link.annex_no, sec.parent)
        campaign = link.annex_no is not None and (len(annexes) > 1 or bool(link.stated))
        if sec.genre or not campaign:
            # a section that is no campaign of an annex (no table speaks for it, or the bulletin's
            # one annex with no campaign named: 督办件 (一)…（详见附件）) is read as statements of any
            # genre: a campaign reading sums every part of it against one total
            genre = read_genre_section(sec, grammar, tuple(earlier))
            earlier.extend(genre.mentions)
            if genre.doubts:
                doubts[sec.key] = list(dict.fromkeys(genre.doubts))
            claims.extend(_genre_claims(sec, genre, link, grammar, file))
            continue
        state = _read_section(sec, grammar)
        if state.doubts:
            doubts[sec.key] = list(dict.fromkeys(state.doubts))
        claims.extend(_section_claims(sec, state, link, grammar, file))
    claims.extend(_cell_claims(indicators, annex_section, annexes, grammar, rules, file))
    reading = NarrativeReading([], links, doubts)
    reading.claims = [_in_range(claim, reading) for claim in claims]
    return reading


def _in_range(claim: Claim, reading: NarrativeReading) -> Claim:
    """The claim with a count no output can hold (numbers.INT_MAX) left unread, and its section
    doubted: checked against it, every figure would be a false alarm."""
    count = claim.count if int_in_range(claim.count or 0) else None
    total = claim.total if int_in_range(claim.total or 0) else None
    if (count, total) == (claim.count, claim.total):
        return claim
    wild = [name for name, kept in (("count", count), ("total", total)) if kept is None and getattr(claim, name)]
    why = f"{' and '.join(wild)} out of range: not read"
    reading.doubts.setdefault(claim.section, []).append(f"{claim.label or claim.section}: {why}")
    reading.unread.append((claim, why))
    return replace(claim, count=count, total=total)


def extract_claims(narrative: list[TextLine], annexes: list[Annex], indicators: list[Indicator],
                   rules: Rules, file: str) -> list[Claim]:
    return read_narrative(narrative, annexes, indicators, rules, file).claims

