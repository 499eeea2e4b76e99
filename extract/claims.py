"""Narrative sentences (and counts printed in table cells) -> Claim records.

The narrative's progress part (一、工作进展情况) states, per campaign section (一)…(六), a total
("共有重点监测指标40项"), per-status parts with a count and a share ("已完成年度任务1项，占比2.5%"),
and named lists ("未完成时序进度的指标分别为A、B、C"). Each becomes a Claim that checks.py compares
with the annex tables. The stages:
- extract/outline.py: lines -> sections -> sentences;
- extract/linking.py: section -> annex (and sub-table), once;
- extract/claim_grammar.py: sentence -> total, parts, shares, lists (and doubts);
- here: the claims of each section, and those printed inside table cells (annex 3 style
  "共有37项任务清单，其中已完成年度任务6项，稳步推进31项").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from extract.claim_grammar import AmountRead, ClaimGrammar, ItemsRead, ListRead, PartRead, RateRead, TotalRead
from extract.linking import SectionLink, link_sections
from extract.model import Annex, Claim, ClaimKind, Indicator, SectionKey, Status, TextLine, TotalKind
from extract.numbers import to_arabic_in_text
from extract.outline import Section, Sentence, outline
from extract.status import vocabulary
from extract.text import repair_cjk, squash


@dataclass
class NarrativeReading:
    """Everything read from a bulletin's narrative, for the checks."""

    claims: list[Claim]
    links: dict[SectionKey, SectionLink]
    doubts: dict[SectionKey, list[str]] = field(default_factory=dict)   # why a section's claims are uncertain


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

    def make(label: str, status: str, count: int | None, s: Sentence, kind: ClaimKind, of: int | None,
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
        events.append((sentence_index[id(s)], part.start, make(part.label, part.status or "", count, s, kind, total,
                                                               part.percent_raw, part.percent)))
    for named, s in state.lists:
        expected = named.count_in_clause or (stated.get(named.status) if named.status else None)
        names = grammar.split_last(named.names, expected)
        if named.names_first and named.status and not stated.get(named.status):
            # 其中普惠托位待市里下达具体任务: no count states this status, so the names are the part
            events.append((sentence_index[id(s)], 10**6 - 1, make(named.label, named.status, len(names), s,
                                                                  ClaimKind.PART, total)))
        events.append((sentence_index[id(s)], 10**6, make(named.label, named.status or "", len(names), s,
                                                          ClaimKind.NAMES, total, names=names)))
    claims.extend(c for _, _, c in sorted(events, key=lambda e: (e[0], e[1])))
    return claims


@dataclass
class _Base:
    count: int
    unit: str
    label: str
    sentence: Sentence


@dataclass
class _Statement:
    """A genre section's statement: a total (or totals in other units: 145项目标任务 refined into
    222个具体工作内容) and the counts, rates, amounts and lists that follow it."""

    bases: list[_Base] = field(default_factory=list)
    parts: list[tuple[PartRead, Sentence]] = field(default_factory=list)
    sub: set[int] = field(default_factory=set)        # parts that break down another part (其中 after a part)
    lists: list[tuple[ListRead, Sentence]] = field(default_factory=list)
    items: list[tuple[ItemsRead, Sentence]] = field(default_factory=list)
    rates: list[tuple[RateRead, Sentence]] = field(default_factory=list)
    amounts: list[tuple[AmountRead, Sentence]] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    last: str = ""                                    # what its last count was: base | part

    def base(self, unit: str) -> _Base | None:
        """The total a count in `unit` is of: the latest one in that unit."""
        return next((b for b in reversed(self.bases) if b.unit == unit), None)


def _genre_statements(sec: Section, grammar: ClaimGrammar) -> list[_Statement]:
    """A genre section's sentences -> statements. A statement starts at a total, or at a count that
    opens a sentence with no status and no share (受理诉求1200件，办结1150件); a count with no
    status or share in another unit, before any part, is a second total (nested: 145项 -> 222个).
    Every other count is a part of the statement before it; counts after a 其中 that follows a
    part break that part down (已办结20件，其中按期办结18件) and are no parts of the total."""
    statements: list[_Statement] = []
    current: _Statement | None = None

    def start(base: _Base) -> _Statement:
        statement = _Statement(bases=[base], last="base")
        statements.append(statement)
        return statement

    for s in sec.sentences:
        read = grammar.read(s.raw)
        breakdown = [m.start() for m in grammar.names_first.finditer(read.text)]
        events: list[tuple[int, TotalRead | PartRead]] = [(p.start, p) for p in read.parts]
        if read.total is not None:
            events.append((read.total.start, read.total))
        owner: list[tuple[int, _Statement]] = []          # from which position on a statement owns the text
        previous, sub = -1, False
        for k, (at, event) in enumerate(sorted(events, key=lambda e: e[0])):
            since = any(previous < b < at for b in breakdown)
            if since:
                sub = current is not None and current.last == "part"
            previous = at
            if isinstance(event, TotalRead):
                current, sub = start(_Base(event.count, event.unit, event.label, s)), False
                owner.append((at, current))
                continue
            bare = event.status is None and not event.is_all and event.percent is None
            if bare and current is not None and not current.parts and current.base(event.unit) is None:
                current.bases.append(_Base(event.count or 0, event.unit, event.label, s))
                continue
            if bare and k == 0 and not since:
                current, sub = start(_Base(event.count or 0, event.unit, event.label, s)), False
                owner.append((at, current))
                continue
            if current is None:
                current = _Statement()
                statements.append(current)
                owner.append((at, current))
            if sub:
                current.sub.add(len(current.parts))
            current.parts.append((event, s))
            current.last = "part"
        if current is None and (read.rates or read.amounts or read.items or read.lists):
            current = _Statement()
            statements.append(current)
        if current is None:
            continue

        for rate in read.rates:
            _owner_at(owner, rate.start, current).rates.append((rate, s))
        for amount in read.amounts:
            _owner_at(owner, amount.start, current).amounts.append((amount, s))
        current.items.extend((i, s) for i in read.items)
        current.lists.extend((named, s) for named in read.lists)
        current.doubts.extend(read.doubts)
    return statements


def _owner_at(owner: list[tuple[int, _Statement]], position: int, last: _Statement) -> _Statement:
    """The statement a figure at `position` of a sentence belongs to: the last one begun before it."""
    return next((st for begin, st in reversed(owner) if begin <= position), owner[0][1] if owner else last)


def _rate_counts(rate: RateRead, st: _Statement, grammar: ClaimGrammar) -> tuple[int | None, int | None, str]:
    """The count and base of a rate (办结率): the parts whose label holds its stem (办结 in 已办结) and,
    where the stem reads as a status (开工), have that status (未开工 holds 开工 too); over the
    statement's total in their unit, or, with no total printed, over the parts together when they
    are two or more of distinct statuses (32项已办结，13项处于推进中，完成率71.1%)."""
    stem = squash(rate.stem)
    wanted = grammar.vocab.read(stem).status
    parts = [p for k, (p, _) in enumerate(st.parts) if k not in st.sub and p.count is not None]
    hits: list[PartRead] = []
    for size in range(len(stem), 1, -1):          # the longest tail of the stem a label holds: 受理诉求办结 -> 办结
        tail = stem[-size:]
        hits = [p for p in parts if tail in squash(p.label)
                and (wanted is Status.UNKNOWN or p.status is wanted)]
        if hits:
            break
    units = {p.unit for p in hits}
    if not hits or len(units) != 1:
        return None, None, ""
    unit = units.pop()
    count = sum(p.count or 0 for p in hits)
    base = st.base(unit)
    if base is not None:
        return count, base.count, unit
    peers = [p for p in parts if p.unit == unit]
    statuses = [p.status for p in peers]
    if len(peers) >= 2 and None not in statuses and len(set(statuses)) == len(statuses):
        return count, sum(p.count or 0 for p in peers), unit
    return count, None, unit


def _amount_base(amount: AmountRead, st: _Statement, min_coverage: float) -> AmountRead | None:
    """The amount a share of an amount is of: the one its 占…的 names (the most characters of 年度计划
    in its clause), else the only other amount before it in the statement."""
    where = next(s for a, s in st.amounts if a is amount)
    others = [(a, s) for a, s in st.amounts if a is not amount and a.raw != amount.raw]
    if amount.of:
        # the base's clause must say most of what the share is of (年度计划 in 年度计划投资), and
        # come first: 本年支出合计 is not 一般公共预算财政拨款支出增加 for sharing 支出
        earlier = [a for a, s in others if s is not where or a.start < amount.start]
        scored = [(len(set(amount.of) & set(a.label)) / len(set(amount.of)), a) for a in earlier]
        named = [a for score, a in scored if score >= min_coverage]
        return named[-1] if len({a.raw for a in named}) == 1 else None
    before = [a for a, s in others if s is where and a.start < amount.start]
    return before[0] if len(before) == 1 else None


def _genre_claims(sec: Section, statements: list[_Statement], link: SectionLink, grammar: ClaimGrammar,
                  file: str) -> list[Claim]:
    claims: list[Claim] = []
    for n, st in enumerate(statements):
        def make(label: str, status: str, count: int | None, s: Sentence, kind: ClaimKind, of: int | None,
                 unit: str = "", statement: int = n, **more: Any) -> Claim:
            return Claim(file=file, section=sec.key, campaign=link.stated or link.campaign, annex_no=link.annex_no,
                         label=label, status=status, count=count, total=of, percent_raw=more.pop("percent_raw", ""),
                         percent=more.pop("percent", None), text=s.text, page=s.page, locator=s.locator,
                         kind=kind, confidence=s.confidence, statement=statement, unit=unit, genre=True, **more)

        for b in st.bases:
            claims.append(make(b.label or sec.heading, TotalKind.TOTAL, b.count, b.sentence, ClaimKind.TOTAL,
                               b.count, b.unit))
        for k, (part, s) in enumerate(st.parts):
            base = None if k in st.sub else st.base(part.unit)
            count = (base.count if base else None) if part.is_all else part.count
            claims.append(make(part.label, part.status or "", count, s, ClaimKind.ALL if part.is_all else ClaimKind.PART,
                               base.count if base else None, part.unit, percent_raw=part.percent_raw,
                               percent=part.percent, sub_part=k in st.sub, remainder=part.remainder))
        for rate, s in st.rates:
            count, total, unit = _rate_counts(rate, st, grammar)
            claims.append(make(rate.label, "", count, s, ClaimKind.RATE, total, unit, percent_raw=rate.percent_raw,
                               percent=rate.percent, names=(rate.stem,)))
        for amount, s in st.amounts:
            of = _amount_base(amount, st, grammar.amount_base_coverage) if amount.percent_raw else None
            claims.append(make(amount.label, "", None, s, ClaimKind.AMOUNT, None, percent_raw=amount.percent_raw,
                               percent=amount.percent, amount_raw=amount.raw, base_raw=of.raw if of else "",
                               names=(amount.of,) if amount.of else ()))
        for items, s in st.items:
            claims.append(make(items.label, items.status, len(items.numbers), s, ClaimKind.ITEMS, None, items.unit,
                               names=tuple(str(x) for x in items.numbers)))
        for named, s in st.lists:
            claims.append(make(named.label, named.status or "", len(named.names), s, ClaimKind.NAMES, None,
                               names=named.names))
    return claims


def _cell_claims(indicators: list[Indicator], annex_section: dict[int, SectionKey], annexes: list[Annex],
                 grammar: ClaimGrammar, rules: Any, file: str) -> list[Claim]:
    """Counts printed inside a table's cells: a cell with a total and parts with a status."""
    min_parts = int(rules.claims["cell_min_parts"])
    campaigns = {a.no: a.campaign for a in annexes}
    claims: list[Claim] = []
    for ind in indicators:
        raw = repair_cjk(ind.progress or "")
        read = grammar.read(raw)
        parts = [p for p in read.parts if p.status is not None and p.count is not None and not p.is_all]
        if read.total is None or len(parts) < min_parts:
            continue
        total = read.total.count
        section = annex_section.get(ind.annex_no, SectionKey(""))

        cell = Claim(file=file, section=section, campaign=campaigns.get(ind.annex_no, ind.campaign),
                     annex_no=ind.annex_no, label=read.total.label, status=TotalKind.TOTAL, count=total, total=total,
                     percent_raw="", percent=None, text=to_arabic_in_text(raw), page=ind.page_start,
                     locator=ind.locator, kind=ClaimKind.CELL)
        claims.append(cell)
        claims.extend(replace(cell, label=p.label, status=p.status or "", count=p.count) for p in parts)
    return claims


def read_narrative(narrative: list[TextLine], annexes: list[Annex], indicators: list[Indicator],
                   rules: Any, file: str) -> NarrativeReading:
    """Every counted statement of the narrative's progress part, its links, and its doubts."""
    grammar = ClaimGrammar(rules, vocabulary(rules))
    sections = outline(narrative, rules)
    links = link_sections(sections, annexes, indicators, rules)
    claims: list[Claim] = []
    doubts: dict[SectionKey, list[str]] = {}
    annex_section: dict[int, SectionKey] = {}
    for sec in sections:
        link = links[sec.key]
        if link.annex_no is not None:
            annex_section.setdefault(link.annex_no, sec.parent)
        if sec.genre:
            statements = _genre_statements(sec, grammar)
            for n, st in enumerate(statements):
                if st.doubts:
                    doubts[SectionKey.statement_of(sec.key, n)] = list(dict.fromkeys(st.doubts))
            claims.extend(_genre_claims(sec, statements, link, grammar, file))
            continue
        state = _read_section(sec, grammar)
        if state.doubts:
            doubts[sec.key] = list(dict.fromkeys(state.doubts))
        claims.extend(_section_claims(sec, state, link, grammar, file))
    claims.extend(_cell_claims(indicators, annex_section, annexes, grammar, rules, file))
    return NarrativeReading(claims, links, doubts)


def extract_claims(narrative: list[TextLine], annexes: list[Annex], indicators: list[Indicator],
                   rules: Any, file: str) -> list[Claim]:
    return read_narrative(narrative, annexes, indicators, rules, file).claims

