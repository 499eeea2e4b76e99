"""Statements of any genre: what each count, share, rate and sum of a genre section is of.

A campaign section states one total and its parts. Other bulletins say more in one paragraph:
"共立项督办事项152件，其中批示件47件、交办件38件……已办结139件，办结率91.4%……批示件办结45件（95.7%）"
holds several classifications of several bases. So counts are read as mentions, grouped into runs
(siblings of one classification), and the base of each run is inferred from the document's own
evidence (`Evidence`), strongest first:
1. named: the share says what it is of (占总任务的 / 占年度计划的), or the sentence opens with a
   scope (转派件中，…): the earlier count whose words hold those words;
2. summed after: a total printed right after the run (…正在推进6项，合计46项);
3. opened: the count just before says the run breaks it down (正在办理的9件中，…);
4. framed: an earlier count of the same sentence that is no member of the run (计划新开工的32个项目
   已开工25个);
5. labelled: a lone part's words before its status repeat an earlier count's (新开工项目已开工7个);
6. parallel: each member's class has its own earlier count (批示件办结45件 after 批示件47件);
7. summed: the run's counts add up to exactly one earlier count (41+35+28+14+8 = 126), in this part
   or, when this part has no count big enough, in an earlier one;
8. latest: the last total before the run, a guess, taken only where the printed share agrees with
   it: a share is never called wrong on a guessed base. An inferred (not said) base far from its
   share is no base at all (claims.far_share).
A run is a breakdown when its sentence opens with a breakdown word (分行业看, 按内容分类：, 其中) or
after 其中 in its sentence: there a count with no status and no share is a member too; elsewhere
such a count is a base the next counts may be parts of.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import regex

from extract.chinese.text import squash
from extract.model import Status
from extract.narrative.grammar import AmountRead, ClaimGrammar, ItemsRead, ListRead, RateRead, TotalRead
from extract.narrative.outline import Section, Sentence


@dataclass(eq=False)     # a mention is itself: two counts of equal words and value are two mentions
class Mention:
    """One count of a genre section, in reading order."""

    index: int
    sentence: Sentence
    order: int                    # which sentence of the section
    start: int
    value: int
    unit: str
    label: str
    status: Status | None
    total: bool                   # the grammar's total (共24件 / 18个项目中)
    bare: bool                    # no status, no share: a count others may be parts of
    first: bool                   # the first count of its sentence
    breakdown: bool               # stands where its sentence breaks something down
    partition: bool = False       # ...by a word that splits all of it into classes (按类型分 / 从行业看), not 其中
    divided: bool = False         # ...by one that divides it (按行业领域划分), whatever its classes are called
    percent_raw: str = ""
    percent: float | None = None
    of: str = ""                  # 占X的: the words of what its share is of
    opens: bool = False           # N件中，……
    remainder: bool = False       # 其余/另有
    sub: bool = False             # breaks the part before it down (其中 after a part)
    is_all: bool = False
    scope: str = ""               # 转派件中，……: its sentence's scope words
    classifies: bool = False      # ...said by a classification (工单分类：/ 从诉求类型看): weaker than an exact sum
    run: int = -1                 # the run it belongs to (-1: none, a base only)
    group: int = 0                # which 。-sentence (；-pieces of one sentence share it)
    opener: bool = False          # the first count of a sentence that opens with a breakdown or scope
    another: bool = False         # 另有2件 / 还有3项: one more class of the classification before it
    rest_uncounted: bool = False  # its sentence says the rest is in some class without a count (其余均按序时推进)
    own_base: Mention | None = None   # its own base, in a breakdown parallel to an earlier one
    text: str = ""                # its sentence as read (positions refer to it)
    breaks: bool = False          # stands in a 其中 breakdown of the part before it


class Evidence(Enum):
    """Why a run's base is the count it is, strongest first (the module's ladder)."""

    NAMED = "named"                           # 占总任务的 / 转派件中: the share or scope says it
    SUMMED_AFTER = "summed after"             # 两项合计955人次 printed after its parts
    EARLIER_SUMMED = "an earlier part's total, summed"
    OPENED = "opened"                         # 正在办理的9件中，…
    FRAMED = "framed"                         # 计划新开工的32个项目已开工25个
    LABELLED = "labelled"                     # 新开工项目已开工7个 after 新开工9个
    PARALLEL = "parallel"                     # each member has its own counterpart as base
    CARRIED = "carried"                       # a rate's base, said for its run in another sentence
    SUMMED = "summed"                         # the members add up to exactly one earlier count
    ONLY_EARLIER = "the one earlier count in that unit"
    LATEST = "latest"                         # the last total before the run: a guess
    NONE = "no base"

    @property
    def strong(self) -> bool:
        """Evidence a share may be called wrong on (not a guess)."""
        return self not in (Evidence.ONLY_EARLIER, Evidence.LATEST, Evidence.NONE)

    @property
    def said(self) -> bool:
        """The text itself says the base (by its words or by a sum), not only where a count stands."""
        return self in (Evidence.NAMED, Evidence.SUMMED, Evidence.SUMMED_AFTER, Evidence.EARLIER_SUMMED)


@dataclass
class Base:
    mention: Mention | None
    evidence: Evidence

    @property
    def strong(self) -> bool:
        return self.evidence.strong


@dataclass
class Run:
    members: list[Mention]
    base: Base
    summed_by: Mention | None = None   # 两项合计955人次: a total printed after its parts
    exhaustive: bool = False           # the text says the members cover the base


@dataclass
class GenreReading:
    mentions: list[Mention] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    rates: list[tuple[RateRead, Sentence, int, list[Mention], Base]] = field(default_factory=list)
    amounts: list[tuple[AmountRead, Sentence]] = field(default_factory=list)
    items: list[tuple[ItemsRead, Sentence]] = field(default_factory=list)
    lists: list[tuple[ListRead, Sentence]] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    linked: Mention | None = None  # the total a 详见附件 is said of: the last base before it
    # id of an amount said in a partition (从投资构成看，…) -> which partition: two views of one whole
    # (从项目类别看 … 从建设阶段看 …) each add up to it, not together
    partition_amounts: dict[int, int] = field(default_factory=dict)


def read_genre_section(sec: Section, grammar: ClaimGrammar, earlier: tuple[Mention, ...] = ()) -> GenreReading:
    """`earlier`: the counts of the genre sections before this one (二、办理结果 classifies what
    一、基本情况 counted)."""
    out = GenreReading()
    rate_spots: list[tuple[RateRead, Sentence, int]] = []
    group = 0
    frame_at = 0                                  # where the latest total stands among the mentions
    group_breakdown = group_partition = False     # a 。-sentence's breakdown runs on over its ；-pieces
    rest_groups: set[int] = set()
    # 二、诉求分类: a heading that classifies names what the section's counts are of, as 诉求分类：would
    heading = grammar.scope.match(squash(sec.heading) + "：") if sec.heading else None
    heading_scope = squash(heading.group("scope")) if heading else ""
    for order, s in enumerate(sec.sentences):
        new_group = order and not grammar.piece_end.search(sec.sentences[order - 1].raw)
        if new_group:
            group += 1
            group_breakdown = group_partition = False
        read = grammar.read(s.raw)
        text = read.text
        if any(p.is_all for p in read.parts) and grammar.remainder_word.search(text) is not None \
                or grammar.overlap.search(text):
            # 其余均按序时推进: the rest has no count; 部分问题同时涉及两类区域: the classes overlap
            rest_groups.add(group)
        if grammar.each.search(text):
            out.doubts.append(f"'{grammar.each.search(text).group()}' counts each of several names")
        opener = grammar.breakdown.match(text)
        partition = bool(opener) and grammar.partition.match(text) is not None
        divided = bool(opener) and grammar.partition_strong.match(text) is not None
        scope = grammar.scope.match(text)
        inner = [m.start() for m in grammar.names_first.finditer(text)]
        # 共发现各类问题186处，按问题类型分：……: a breakdown word at a clause start within the sentence
        clause_starts = [c.end() for c in regex.finditer(r"[，,；;：:]", text)]
        partitions = [at for at in clause_starts if grammar.partition.match(text[at:])]
        inner += partitions
        # 从办理结果看，代表建议中，……: a clause that is only a scope names what the counts after it are of
        scopes = [(at, squash(m.group("scope")), _classifies(m, grammar)) for at in [0, *clause_starts]
                  if (m := grammar.scope.match(text[at:])) is not None]
        events = sorted([(p.start, p) for p in read.parts] + ([(read.total.start, read.total)] if read.total else []),
                        key=lambda e: e[0])
        # 16个欠进度的具体工作内容中，……: a sentence opening with a count it breaks down
        opening_scope = bool(events) and isinstance(events[0][1], TotalRead) and events[0][1].scope
        piece_breakdown = group_breakdown and not (opener or scope)
        group_breakdown = group_breakdown or bool(opener or scope) or opening_scope
        group_partition = group_partition or partition
        # 城关街道发现问题34起，已整改32起: in a breakdown, a piece that opens with a bare count and then
        # says what became of it is a small statement of its own
        framed_piece = (len(events) >= 2 and not isinstance(events[0][1], TotalRead)
                        and events[0][1].status is None and events[0][1].percent is None
                        and any(not isinstance(e, TotalRead) and e.status is not None for _, e in events[1:]))
        previous_part = None
        for k, (at, event) in enumerate(events):
            breakdown = bool(opener or scope or piece_breakdown) or (opening_scope and k > 0) or any(i < at for i in inner)
            if breakdown and framed_piece and k == 0:
                breakdown = False
            if isinstance(event, TotalRead) and (grammar.another.search(event.label)
                                                 or (breakdown and not event.scope)):
                # 另有2件因涉及……: one more class; 各镇共承办1932件 inside a breakdown: one of its classes
                # 另有2件因涉及……: one more class, however its clause reads
                m = Mention(len(out.mentions), s, order, at, event.count, event.unit, event.label, None,
                            total=False, bare=True, first=k == 0, breakdown=breakdown)
            elif isinstance(event, TotalRead):
                m = Mention(len(out.mentions), s, order, at, event.count, event.unit, event.label, None,
                            total=True, bare=False, first=k == 0, breakdown=breakdown)
            else:
                part = event
                bare = part.status is None and not part.is_all and part.percent is None
                m = Mention(len(out.mentions), s, order, at, part.count or 0, part.unit, part.label, part.status,
                            total=False, bare=bare, first=k == 0, breakdown=breakdown, percent_raw=part.percent_raw,
                            percent=part.percent, of=part.of, opens=part.opens, remainder=part.remainder,
                            is_all=part.is_all, scope=squash(scope.group("scope")) if scope else "",
                            classifies=_classifies(scope, grammar))
                # 已办结20件，其中按期办结18件: 其中 after a part breaks that part down
                breaks_down = previous_part is not None and (any(previous_part.start < i < at for i in inner) and (
                    previous_part.status is not None or previous_part.percent is not None) or previous_part.breaks)
                m.sub = m.breaks = breaks_down
                # 2项进度滞后（8.0%）。滞后的2项分别是……: the same class said again, with no new total
                # between, is no new part (but 已办结的27件中，…… opens a breakdown of it)
                since = out.mentions[frame_at:]
                if m.status is not None and not m.opens and any(
                        (x.status, x.value, x.unit) == (m.status, m.value, m.unit) for x in since if not x.total):
                    m.sub = True
                previous_part = m
            m.partition = (group_partition and breakdown) or any(i < at for i in partitions)
            m.divided = (divided or any(i < at and grammar.partition_strong.match(text[i:]) for i in partitions))
            m.text = text
            m.group = group
            m.opener = k == 0 and bool(opener or scope)
            clause_scope = [(words, classifies) for begin, words, classifies in scopes if begin <= at]
            if clause_scope and not m.scope and not m.total:
                m.scope, m.classifies = clause_scope[-1]
                m.opener = not any(x.scope == m.scope for x in out.mentions if x.sentence is s)
            if heading_scope and not m.scope and not m.total:
                m.scope, m.classifies = heading_scope, _classifies(heading, grammar)
            own = grammar.scope_in_label.match(m.label)
            if own and not m.scope and not m.total:
                # 已开工项目中竣工投产5个: a scope in the count's own clause
                m.scope, m.opener = squash(own.group("scope")), True
            previous = out.mentions[-1] if out.mentions else None
            m.another = m.bare and grammar.another.search(text[max(0, at - 6):at]) is not None \
                and previous is not None and previous.group == group
            if m.is_all:
                continue
            if m.total or (m.bare and m.first and not m.breakdown):
                frame_at = len(out.mentions)    # a new total: what was said before it is of another
            out.mentions.append(m)
        ref = grammar.annex_ref.search(text)
        if ref is not None and out.linked is None:
            bases = [m for m in out.mentions if not _is_member(m) and (m.order, m.start) < (order, ref.start())]
            out.linked = bases[-1] if bases else None
        rate_spots.extend((rate, s, order) for rate in read.rates)
        out.amounts.extend((a, s) for a in read.amounts)
        if group_partition or partitions:
            out.partition_amounts.update((id(a), group) for a in read.amounts
                                         if group_partition or any(i < a.start for i in partitions))
        out.items.extend((i, s) for i in read.items)
        out.lists.extend((named, s) for named in read.lists)
        out.doubts.extend(read.doubts)
    for m in out.mentions:
        m.rest_uncounted = m.group in rest_groups     # 其余均按序时推进 in any piece of the sentence
    out.runs = _runs(out.mentions, grammar, earlier)
    for rate, s, order in rate_spots:
        numerator = _rate_parts(rate, s, order, out.mentions, grammar)
        runs = {m.run for m in numerator}
        named = _named_base(rate.of, numerator, out.mentions, grammar) if rate.of and numerator else None
        if named is not None:
            base = named
        elif numerator:
            base = out.runs[runs.pop()].base if len(runs) == 1 else _base_of(numerator, out.mentions, grammar)
        else:
            base = Base(None, Evidence.NONE)
        out.rates.append((rate, s, order, numerator, base))
    return out


def _is_member(m: Mention) -> bool:
    """A count that is part of a classification (not a base only)."""
    if m.total or m.sub or m.opens:
        return False
    if m.bare:
        return m.breakdown or m.another
    return True


def _runs(mentions: list[Mention], grammar: ClaimGrammar, earlier: tuple[Mention, ...] = ()) -> list[Run]:
    runs: list[list[Mention]] = []
    for m in mentions:
        if not _is_member(m):
            if runs and runs[-1] and m.unit == runs[-1][-1].unit:
                runs.append([])       # a base between two runs ends the first
            continue
        last = runs[-1][-1] if runs and runs[-1] else None
        # a run goes on in its unit; a sentence that opens a breakdown or scope starts another, and
        # so does a change between status counts and class counts after the sentence's end
        same = (last is not None and last.unit == m.unit and not m.opener
                and ((last.status is None) == (m.status is None)
                     or (last.group == m.group and (m.percent is not None or m.another or m.remainder
                                                    or (m.partition and last.partition)
                                                    or grammar.catch_all.match(m.label) is not None))))
        if same:
            runs[-1].append(m)
        else:
            runs.append([m])
    out: list[Run] = []
    for members in (r for r in runs if r):
        for m in members:
            m.run = len(out)
        run = Run(members, _base_of(members, mentions, grammar, earlier))
        after = next((x for x in mentions if x.index > members[-1].index and x.unit == members[0].unit), None)
        if after is not None and after.total and after.order == members[-1].order and len(members) >= 2 \
                and after.index == members[-1].index + 1:
            run.summed_by = after     # 已完成整改28项、基本完成11项、正在推进6项，合计46项
            if run.base.mention is None:
                run.base = Base(after, Evidence.SUMMED_AFTER)
        run.exhaustive = _exhaustive(members, grammar)
        for m in members:
            # 累计投入达到序时进度的项目有188个，占开工在建项目数的67.6%: a member's own 占X的 names its base
            own = _named_base(m.of, [m], mentions, grammar, earlier) if m.of and m.own_base is None else None
            if own is not None and own.mention is not None and own.mention is not run.base.mention:
                m.own_base = own.mention
        out.append(run)
    return out


def _classifies(scope: regex.Match[str] | None, grammar: ClaimGrammar) -> bool:
    """A scope said by a classification (工单分类：/ 从诉求类型看，), not by X中 (转派件中，)."""
    return scope is not None and not scope.group(0).rstrip("，,：: ").endswith(grammar.among)


def _covers(words: str, label: str, min_coverage: float) -> bool:
    chars = set(words)
    return bool(chars) and len(chars & set(label)) / len(chars) >= min_coverage


def _base_of(members: list[Mention], mentions: list[Mention], grammar: ClaimGrammar,
             earlier: tuple[Mention, ...] = ()) -> Base:
    first = members[0]
    unit = first.unit
    biggest = max(m.value for m in members)
    candidates = [m for m in mentions if m.index < first.index and m.unit == unit and m not in members
                  and m.value >= biggest and not m.sub]
    named = first.of or first.scope      # a later member's 占X的 names its own base (own_base)
    total = sum(m.value for m in members)
    if not candidates:
        # 二、办理结果：从办理结果看，A类51件…: a classification of the total an earlier part counted,
        # when the words that open it repeat that total's
        summed = [m for m in earlier if m.unit == unit and m.value == total and len(members) >= 2]
        if summed:
            return Base(summed[-1], Evidence.EARLIER_SUMMED)
        # 二、诉求分类 / 代表建议中，…: the earlier part's count the words name
        found = _named_base(named, members, mentions, grammar, earlier) if named else None
        if found is not None and found.mention is not None:
            return found
        # 二、办理结果：从办理结果看，A类51件…: a partition of the one count the earlier parts give in its
        # unit (not of one of several: 二、 may classify the 98 建议 of the 224 建议和提案 一、 counted)
        wholes = {m.value for m in earlier if m.unit == unit and m.value >= biggest}
        if first.partition and len(wholes) == 1:
            return Base(next(m for m in earlier if m.value in wholes and m.unit == unit), Evidence.ONLY_EARLIER)
        return Base(None, Evidence.NONE)
    summed = [m for m in candidates if m.value == total]
    if first.classifies and len(members) >= 2 and len({m.value for m in summed}) == 1:
        # 从项目类别看，…: a classification's words (项目) may fit several earlier counts; the one its
        # classes add up to is the one it classifies
        return Base(summed[-1], Evidence.SUMMED)
    found = _named_base(named, members, mentions, grammar, earlier) if named else None
    if found is not None:
        return found
    before = [m for m in candidates if m.index < first.index]
    nearest = before[-1] if before else None
    if nearest is not None and nearest.opens and first.order - nearest.order <= 1:
        return Base(nearest, Evidence.OPENED)
    framed = [m for m in before if m.order == first.order and m.run == -1 and not m.breakdown]
    if framed:
        return Base(framed[-1], Evidence.FRAMED)
    labelled = _labelled_base(first, candidates, grammar) if len(members) == 1 else None
    if labelled is not None:
        return Base(labelled, Evidence.LABELLED)
    parallel = _counterparts(members, [m for m in mentions if m.index < first.index and m.unit == unit], grammar)
    if parallel:
        for m, twin in zip(members, parallel):
            m.own_base = twin
        return Base(None, Evidence.PARALLEL)
    if len(members) >= 2 and len({m.value for m in summed}) == 1:
        return Base(summed[-1], Evidence.SUMMED)
    frames = [m for m in before if m.run == -1]
    if frames:
        return Base(frames[-1], Evidence.LATEST)
    return Base(None, Evidence.NONE)


def _core(label: str, grammar: ClaimGrammar) -> set[str]:
    """A label's characters without its status words: 批示件办结 -> 批示件."""
    for word in grammar.vocab.read(label).words:
        label = label.replace(word.split("+")[-1], "")
    return set(label) - grammar.label_fillers


def _labelled_base(m: Mention, candidates: list[Mention], grammar: ClaimGrammar) -> Mention | None:
    """新开工项目已开工7个 after 新开工9个: the words before a part's status name the class it is of;
    the earlier count whose words those repeat most (all of 新开工), when one is best."""
    words = [w.split("+")[-1] for w in grammar.vocab.read(m.label).words]
    cut = max((m.label.rfind(w) for w in words if w), default=-1)
    prefix = set(m.label[:cut]) - grammar.label_fillers - grammar.class_fillers if cut > 0 else set()
    if len(prefix) < 2:
        return None
    scored = [(len(prefix & set(c.label)) / max(1, len(set(c.label))), len(prefix & set(c.label)), c)
              for c in candidates]
    scored = [x for x in scored if x[1] >= 2 and x[0] >= 0.5]
    if not scored:
        return None
    best = max(x[:2] for x in scored)
    tops = [c for ratio, n, c in scored if (ratio, n) == best]
    return tops[-1] if len({c.value for c in tops}) == 1 else None


def _counterparts(members: list[Mention], candidates: list[Mention], grammar: ClaimGrammar) -> list[Mention] | None:
    """批示件办结45件（95.7%），交办件办结36件（94.7%）after 批示件47件、交办件38件: each member is
    a share of the class its words name, one class each, all of one earlier classification."""
    if len(members) < 2:
        return None
    twins = []
    for m in members:
        core = _core(m.label, grammar)
        scored = [(len(core & _core(c.label, grammar)), c) for c in candidates if c.run >= 0 and c.value >= m.value]
        best = max((n for n, _ in scored), default=0)
        tops = [c for n, c in scored if n == best]
        if best < 2 or len(tops) != 1:
            return None
        twins.append(tops[0])
    if len({id(t) for t in twins}) != len(twins) or len({t.run for t in twins}) != 1:
        return None
    return twins


def _named_base(named: str, members: list[Mention], mentions: list[Mention], grammar: ClaimGrammar,
                earlier: tuple[Mention, ...] = ()) -> Base | None:
    """The base a share names (占全部督办件的 / 占总任务的: the first total; 转派件中 / 占X的: the
    earlier count whose words it repeats most); None when its words point at no single count."""
    first = members[0]
    biggest = max(m.value for m in members)
    candidates = [m for m in mentions if m.index < first.index and m.unit == first.unit and m not in members
                  and m.value >= biggest and not m.sub]
    generic = grammar.generic_base.fullmatch(named)
    if not generic:
        # 代表建议中 may name 一、's 代表建议98件: the earlier parts' counts are candidates too (the best
        # repetition of the words wins, this part's counts first on a tie)
        candidates = [m for m in earlier if m.unit == first.unit and m.value >= biggest] + candidates
    if generic:
        tops = [m for m in candidates if m.total or (m.first and m.bare)]
        if tops:
            return Base(tops[0], Evidence.NAMED)
    words = grammar.generic_base.sub("", named) or named
    hits = [m for m in candidates if _covers(words, m.label, grammar.amount_base_coverage)]
    if len({m.value for m in hits}) == 1:
        return Base(hits[-1], Evidence.NAMED)
    # 转派件中 / 已办结的督办件中: the earlier count whose words the scope repeats most (已办结 all
    # of it; 县政府共交办督办件 three characters of nine)
    shared = [(len(set(words) & set(m.label)) / max(1, len(set(m.label))), len(set(words) & set(m.label)), m)
              for m in candidates]
    shared = [x for x in shared if x[1] >= 2]
    if shared:
        best = max(x[:2] for x in shared)
        tops = [m for ratio, n, m in shared if (ratio, n) == best]
        if len({m.value for m in tops}) == 1:
            return Base(tops[-1], Evidence.NAMED)
    return None


def listed_before(m: Mention, mentions: list[Mention], grammar: ClaimGrammar) -> list[Mention]:
    """The counts listed with `m` in its clause (交通能源环保类783件、城乡建设类579件、政法类562件，
    占工单总量的77%): those right before it in its sentence with no clause mark between."""
    chain: list[Mention] = []
    for x in reversed([x for x in mentions if x.sentence is m.sentence and x.start < m.start and x.unit == m.unit]):
        stop = (chain[-1] if chain else m).start
        if grammar.clause_end.search(m.text[x.start:stop]):
            break
        chain.append(x)
    return chain[::-1]


def reached_milestone(label: str, milestone: regex.Pattern[str], negated: regex.Pattern[str]) -> bool:
    """The label says a milestone was reached (已开工), not that it was not (未开工)."""
    return any(not negated.search(label[:m.start()]) for m in milestone.finditer(label))


def _exhaustive(members: list[Mention], grammar: ClaimGrammar) -> bool:
    """The text says these counts cover their base: a partition word (按类型分：/ 从行业看), a
    catch-all class or the rest (其他类 / 其余N件), or distinct statuses that say both done and not
    done (已办结 / 正在办理: every item is one or the other)."""
    if any(m.rest_uncounted for m in members):
        return False   # 其余均按序时推进 / 同时涉及两类: the classes named are not all of them, or overlap
    if any(m.remainder or m.another or m.divided or grammar.catch_all.match(m.label) for m in members):
        return True
    # 从诉求类别看，咨询类388件，求助类301件…: a partition whose classes are named alike (all …类);
    # 从诉求性质看，投诉类2386件，涉及企业的诉求317件 names two views, not one classification
    ends = {grammar.label_noise.sub("", m.label)[-1:] for m in members}
    if any(m.partition for m in members) and len(members) >= 2 and len(ends) == 1 and ends != {""}:
        return True
    # 已办结9件，正在办理13件: done and not done in one clause chain cover everything; across ；or 。
    # offices name the notable classes only (已整改14处。逾期未整改的有2处 of 21: 5 are 正在整改), and
    # 124个新建项目已开工122个；50个建成项目…；151个前期项目 are classes, not statuses of one base
    statuses = [m.status for m in members]
    if len(members) < 2 or None in statuses or len(set(statuses)) != len(statuses) or Status.COMPLETED not in statuses:
        return False
    if any(reached_milestone(m.label, grammar.milestone, grammar.negated_stem) for m in members):
        return False   # 已完成26件，已开工65件: the started include the done (未开工 is no milestone)
    # across ；-pieces only when each class is a status alone (已完工8项；在建17项；未开工4项), not a
    # class with a status (124个新建项目已开工122个；50个建成项目…；151个前期项目有序推进)
    return len({m.order for m in members}) == 1 or all(len(_core(m.label, grammar)) <= 1 for m in members)


def _rate_parts(rate: RateRead, s: Sentence, order: int, mentions: list[Mention],
                grammar: ClaimGrammar) -> list[Mention]:
    """The counts a rate is taken of: the members before it whose words hold the most of its stem
    (办结 in 已办结, 逾期办结 too, never 未办结; 按期办结 of 按期办结的督办件), in its sentence if any,
    else the nearest before it. 满意和基本满意率 takes each of its pieces."""
    stem = squash(rate.stem)
    if not stem:
        return []
    pieces = sorted([p for p in grammar.list_last.split(stem) if len(p) >= 2] or [stem], key=len, reverse=True)
    # members of a classification only: 计划新开工的32个 is what 开工率 is over, not what it counts
    before = [m for m in mentions if (m.order, m.start) < (order, rate.start) and m.run >= 0]
    chosen: list[Mention] = []
    for piece in pieces:
        # 整改完成率 counts 已完成整改 (every character of the stem), not 基本完成
        hits = [m for m in before if set(piece) <= set(m.label) and _holds(m.label, piece[-2:], grammar)
                and m not in chosen]
        if hits:
            same = [m for m in hits if m.order == order]
            latest = max(x.order for x in hits)
            chosen += same or [m for m in hits if m.order == latest]
            continue
        tails_only = rate.label.endswith(grammar.rate_word)   # 群众对已完工项目的满意率 counts 满意, not 已完工
        for size in range(len(piece), 1, -1):      # the longest stretch a label holds: 综合满意 -> 满意
            for at in range(len(piece) - size, -1, -1):
                if tails_only and at != len(piece) - size:
                    continue
                stretch = piece[at:at + size]
                hits += [m for m in before if _holds(m.label, stretch, grammar) and m not in chosen and m not in hits
                         and not any(len(p) > len(piece) and p in m.label for p in pieces)]
            if hits:
                break
        same = [m for m in hits if m.order == order]
        if same:
            chosen += same
        elif hits:
            last = max(m.order for m in hits)
            chosen += [m for m in hits if m.order == last]
    unique = list({m.index: m for m in chosen}.values())
    return unique if len({m.unit for m in unique}) == 1 else []


def _holds(label: str, stem: str, grammar: ClaimGrammar) -> bool:
    at = label.find(stem)
    return at != -1 and not grammar.negated_stem.search(label[:at])
