"""What one sentence states: its total, its per-status parts with their shares, its named lists.

A small grammar over the sentence rather than a list of sentence shapes (rules/claims.yaml has the
words): counts are found first; a count is a total when a total marker stands next to it, else a
part whose status is read, by meaning, from the words on either side of it (extract/chinese/status.py);
a percentage belongs to the part just before it when only share words stand between; a list
follows a trigger and takes its status from the clause before the trigger.

Whatever cannot be read exactly is not guessed: it becomes a `doubt`, which the checks turn into an
"unchecked" info line instead of a finding.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex

from extract.chinese.numbers import CountWords, find_percents, parse_cn_int, to_arabic_in_text
from extract.chinese.status import StatusReading, StatusVocabulary
from extract.chinese.text import simplified, squash
from extract.model import Status
from extract.narrative.outline import rx
from extract.settings.rules import Rules


def _bracket(text: str, at: int) -> int:
    """Where a bracket opens after `at` (a part's phrase ends there: "1项未下达（名称）")."""
    found = [i for i in (text.find("（", at), text.find("(", at)) if i != -1]
    return min(found) if found else len(text)


@dataclass
class PartRead:
    start: int                    # where the part's count starts in the sentence's (converted) text
    end: int                      # where its phrase ends: a share must follow this
    label: str
    status: Status | None         # None: no status word near the count
    count: int | None             # None for "均…" (the total)
    unit: str = ""
    percent_raw: str = ""
    percent: float | None = None
    is_all: bool = False
    remainder: bool = False       # 其余16件 / 另有3项: what the parts before it leave over
    of: str = ""                  # the words of 占X的 in its share: what the share is of
    opens: bool = False           # 正在办理的9件中，……: the counts after it break this one down


@dataclass
class ListRead:
    label: str
    status: Status | None
    names: tuple[str, ...]
    count_in_clause: int | None   # "1项待州里下达具体任务，即X": the list names that many
    names_first: bool = False     # "其中A、B进展滞后": a part of its own when no count states the status


@dataclass
class TotalRead:
    label: str
    count: int
    unit: str
    groups: int | None = None     # 共10件30项: 10
    start: int = 0
    scope: bool = False           # 在79件提案中: the counts after it break it down


@dataclass
class ItemsRead:
    """Items named by their number: 第1件、第4件、第17、18件……进展滞后."""

    label: str                    # the predicate that gives their status (确定事项进展滞后)
    status: Status | None         # None: said of them is no status (第4件、第11件至今尚未确定资金来源)
    numbers: tuple[int, ...]
    unit: str


@dataclass
class RateRead:
    """A rate (办结率95.8%): a share whose count the text leaves to the reader."""

    start: int
    stem: str                     # 办结 (what is counted, as the words before 率 say it)
    label: str                    # 办结率
    percent_raw: str
    percent: float
    of: str = ""                  # 占全部督办件的: what the share is of, when it says so


@dataclass
class AmountRead:
    """An amount of money (4.28亿元) and the share printed after it (占年度计划的24.2%)."""

    start: int
    end: int
    raw: str
    value: Decimal                # in yuan
    step: Decimal                 # the printed precision in yuan (0.01亿元 -> 1000000)
    label: str                    # the clause before it: 完成投资
    percent_raw: str = ""
    percent: float | None = None
    of: str = ""                  # 占年度计划的 -> 年度计划: what the share is of
    base_raw: str = ""            # 占年度计划186亿元的: the base printed inside the share phrase


@dataclass
class SentenceRead:
    total: TotalRead | None = None
    parts: list[PartRead] = field(default_factory=list)
    lists: list[ListRead] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    items: list[ItemsRead] = field(default_factory=list)
    rates: list[RateRead] = field(default_factory=list)
    amounts: list[AmountRead] = field(default_factory=list)
    text: str = ""                # what positions refer to: the sentence without its lists, numerals Arabic


@dataclass(frozen=True)
class _Count:
    start: int
    end: int
    value: int
    unit: str
    groups: int | None


class ClaimGrammar:
    """rules/claims.yaml compiled, with the status vocabulary it reads labels with."""

    @classmethod
    def from_rules(cls, rules: Rules) -> ClaimGrammar:
        """The grammar of a rules object, compiled once (it keeps no state of a reading)."""
        return rules.view(_grammar)

    def __init__(self, rules: Rules, vocab: StatusVocabulary):
        self.count_words = CountWords.from_rules(rules)
        self.numerals = self.count_words.numerals
        cfg = rules.claims
        self.vocab = vocab
        self.count = rx(cfg.count)
        self.approximate = rx(cfg.approximate)
        self.groups = rx(cfg.groups)
        self.item_unit = cfg.item_unit
        self.filler_before = rx(cfg.label_filler_before)
        self.filler_after = rx(cfg.label_filler_after)
        self.total_before = rx(cfg.total_before)
        self.total_after = rx(cfg.total_after)
        self.total_words = cfg.total_words
        self.all_words = rx(cfg.all_words)
        self.share_gap = rx(cfg.share_gap)
        self.clause_end = rx(cfg.clause_end)
        self.list_trigger = rx(cfg.list_trigger)
        self.list_separator = rx(cfg.list_separator)
        self.list_last = rx(cfg.list_last_separator)
        self.list_end = rx(cfg.list_end)
        self.list_strip = rx(cfg.list_strip)
        self.single_in_brackets = rx(cfg.single_in_brackets)
        self.names_first = rx(cfg.names_first)
        self.names_first_predicate = rx(cfg.names_first_predicate)
        self.names_first_gap = cfg.names_first_gap
        self.ordinal = rx(cfg.ordinal)
        self.ordinal_numeral = rx(cfg.ordinal_numeral)
        self.remainder = rx(cfg.remainder)
        self.rate = rx(cfg.rate)
        self.rate_word = cfg.rate_word
        self.rate_plus = cfg.rate_plus
        self.amount = rx(cfg.amount)
        self.amount_units = dict(cfg.amount_units)
        self.share_of = rx(cfg.share_of)
        self.amount_base_coverage = cfg.amount_base_min_coverage
        self.own_plan_words = rx(cfg.own_plan_words)
        self.inferred_base_max_slip = cfg.inferred_base_max_slip
        self.annex_ref = rx(cfg.annex_ref)
        self.amount_share_before = rx(cfg.amount_share_before)
        self.amount_share_after = rx(cfg.amount_share_after)
        self.subject_share = rx(cfg.subject_share)
        self.amount_word = rx(cfg.amount_word)
        self.comma_trigger = rx(cfg.comma_trigger)
        self.total_lead = rx(cfg.total_lead)
        self.piece_end = rx(cfg.piece_end)
        self.remainder_word = rx(cfg.remainder_word)
        self.each = rx(cfg.each)
        self.milestone = rx(cfg.milestone)
        self.overlap = rx(cfg.overlap)
        self.label_noise = rx(cfg.label_noise)
        self.label_fillers = frozenset(cfg.label_fillers)
        self.class_fillers = frozenset(cfg.class_fillers)
        self.among = self.count_words.among
        self.another = rx(cfg.another)
        self.breakdown = rx(cfg.breakdown)
        self.partition = rx(cfg.partition)
        self.partition_strong = rx(cfg.partition_strong)
        self.catch_all = rx(cfg.catch_all)
        self.scope = rx(cfg.scope)
        self.scope_in_label = rx(cfg.scope_in_label)
        self.generic_base = rx(cfg.generic_base)
        self.negated_stem = rx(cfg.negated_stem)

    # ------------------------------------------------------------------ counts

    def _counting_text(self, text: str) -> str:
        """The text counts are read from: full-width digits and signs made ASCII (NFKC), Chinese
        numerals made Arabic, ordinals too (第五件、第十二件 / 第三、十二、二十项). Names are kept from
        the text as printed."""
        arabic = to_arabic_in_text(unicodedata.normalize("NFKC", text), self.count_words)
        while (m := self.ordinal_numeral.search(arabic)) is not None \
                and (number := parse_cn_int(m.group("numeral"), self.numerals)) is not None:
            arabic = arabic[:m.start("numeral")] + str(number) + arabic[m.end("numeral"):]
        return arabic

    def _counts(self, text: str, doubts: list[str]) -> list[_Count]:
        found: list[_Count] = []
        for m in self.approximate.finditer(text):
            self._doubt(text, m, doubts)
        # 第17、18件 names items by number: none of its figures is a count
        taken: list[tuple[int, int]] = [m.span() for m in self.ordinal.finditer(text)]
        for m in self.groups.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            found.append(_Count(m.start(), m.end(), int(m.group("count")), self.item_unit, int(m.group("groups"))))
            taken.append(m.span())
        for m in self.count.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if m.group("approx_before") or m.group("approx_after"):
                self._doubt(text, m, doubts)
                continue
            found.append(_Count(m.start(), m.end(), int(m.group("count")), m.group("unit"), None))
        return sorted(found, key=lambda c: c.start)

    def _doubt(self, text: str, m: regex.Match[str], doubts: list[str]) -> None:
        """An approximate count (两三项, 十余项) makes the statement's sum uncertain only where it would
        have been a part: 十余项指标增速高于全市平均水平 states no status."""
        clause = text[self._clause_start(text, m.start()):self._clause_end(text, m.end())]
        if self.vocab.read(squash(clause)).status is not Status.UNKNOWN:
            doubts.append(f"'{m.group()}' is not an exact count")

    def _clause_start(self, text: str, at: int) -> int:
        bounds = [m.end() for m in self.clause_end.finditer(text, 0, at)]
        return bounds[-1] if bounds else 0

    def _clause_end(self, text: str, at: int) -> int:
        m = self.clause_end.search(text, at)
        return m.start() if m else len(text)

    def _is_total(self, left: str, right: str, count: _Count, left_reading: StatusReading,
                  right_reading: StatusReading) -> bool:
        if count.groups is not None:
            return True
        before = self.total_before.search(left)
        # 进度滞后共3项 / 暂未分解下达的1项为……: a status phrase before the count makes it a part
        status_left = (left_reading.status is not Status.UNKNOWN
                       and (before is None or self.vocab.read(left[:before.start()]).status is not Status.UNKNOWN))
        if not status_left and (before is not None or self.total_after.match(right)):
            return True
        if status_left or right_reading.status is not Status.UNKNOWN:
            return False
        return any(word in left or word in right for word in self.total_words)

    # ------------------------------------------------------------------ sentence

    def read(self, raw: str) -> SentenceRead:
        """One sentence as printed: the names in its lists are kept as printed, the rest is read
        with Chinese numerals made Arabic."""
        out = SentenceRead()
        raw = simplified(raw)
        pieces, found = self._split_lists(raw)
        outside = "".join(pieces)
        text = out.text = self._counting_text(outside)
        counts = self._counts(text, out.doubts)
        cursor = 0        # where the last part's phrase ended: the next part's words start after it
        for k, count in enumerate(counts):
            left_start = max(self._clause_start(text, count.start), cursor)
            left = squash(text[left_start:count.start])
            after = count.end
            # a bracket holding a share is the share, not a name (已解决的41件（51.9%）)
            lead = regex.match(r"\s*[（(](?![^）)]*[%％])[^）)]{0,40}[）)]", text[after:])
            if lead is not None:
                after += lead.end()      # 1项（城市更新片区）未下达目标任务: the name, then the status
            right_end = min([self._clause_end(text, after), _bracket(text, after)]
                            + [c.start for c in counts[k + 1:]])
            right = squash(text[after:right_end])
            lread, rread = self.vocab.read(left), self.vocab.read(right)
            runs_into_next = k + 1 < len(counts) and right_end == counts[k + 1].start
            if runs_into_next and lread.status is Status.UNKNOWN:
                # 计划新开工的32个项目已开工25个: words that run into the next count are its label
                rread = self.vocab.read("")
            opens = bool(self.total_after.match(right))
            cursor = count.end
            if out.total is None and self._is_total(left, right, count, lread, rread) \
                    and not self._shared(text, count.end):
                label = left if left and not self.total_before.fullmatch(left) else right
                out.total = TotalRead(label, count.value, count.unit, count.groups, start=count.start,
                                      scope=bool(self.total_after.match(right)))
                continue
            rest = bool(self.remainder.search(left))
            if lread.status is not Status.UNKNOWN:
                label = self.filler_after.sub("", self.filler_before.sub("", left))
                out.parts.append(PartRead(count.start, count.end, label or left, lread.status, count.value, count.unit,
                                          remainder=rest, opens=opens))
            elif rread.status is not Status.UNKNOWN:
                out.parts.append(PartRead(count.start, right_end, right, rread.status, count.value, count.unit,
                                          remainder=rest, opens=opens))
                cursor = right_end
            else:
                # its words run to the clause end: a share may follow them (有140个达到或超过序时进度，占88.6%)
                out.parts.append(PartRead(count.start, right_end, left if runs_into_next else left or right, None,
                                          count.value, count.unit, remainder=rest, opens=opens))
        self._read_all(text, counts, out)
        self._attach_shares(text, out)
        self._read_amounts(text, out)
        self._read_rates(text, out)
        self._read_items(text, out)
        for at, trigger, body in found:
            # 排名后三位的分别是卡子镇（91.2%）、县自然资源局（92.5%）: figures said of named items,
            # read (a ranking's order is not checked here)
            where = len(self._counting_text(outside[:at]))
            out.rates.extend(RateRead(where, "", trigger, pct.raw, pct.value)
                             for pct, _ in find_percents(self._counting_text(body), self.numerals))
            listed = self._read_list(outside[:at], where, trigger, body, out)
            head = self._counting_text(body[:self._clause_end(body, 0)]) if listed is not None else ""
            numbers = list(self.ordinal.finditer(head))
            if listed is not None and listed.status is not None and numbers:
                # 分别是A承办的第5件、B承办的第12件 / 分别是附件中的第4项和第11项: items named by number
                out.items.append(ItemsRead(listed.label, listed.status,
                                           tuple(int(n) for m in numbers for n in regex.findall(r"[0-9]+", m.group())),
                                           next((m.group("unit") for m in numbers if m.group("unit")), "")))
            elif listed is not None:
                out.lists.append(listed)
        if not found:
            self._single_in_brackets(text, out)
        self._names_first(outside, out)
        return out

    def _shared(self, text: str, at: int) -> bool:
        """A share follows the count ending at `at` (咨询类共33523件，占47.09%): a count with a share is
        a part of something, not a total, whatever words stand before it."""
        pct = next((span for _, span in find_percents(text, self.numerals) if span[0] >= at), None)
        return pct is not None and self.share_gap.fullmatch(text[at:pct[0]]) is not None

    def _names_first(self, raw: str, out: SentenceRead) -> None:
        """其中，A、B及C进展滞后: the names, then their status, in a clause without a count."""
        for m in self.names_first.finditer(raw):
            stop = self.clause_end.search(raw, m.end())
            clause = raw[m.end(): stop.start() if stop else len(raw)]
            if self.count.search(self._counting_text(clause)) or self.groups.search(self._counting_text(clause)):
                continue
            last_sep = max([x.end() for x in self.list_separator.finditer(clause)] + [0])
            # the predicate starts with its first word that is followed at once by a status word:
            # 人均 in 城镇居民人均可支配收入 is not the 均 of 均已完成
            cut = next((p for p in self.names_first_predicate.finditer(clause, last_sep + 2)
                        if 0 <= self.vocab.read(clause[p.start():]).start <= self.names_first_gap), None)
            if cut is None:
                continue
            reading = self.vocab.read(clause[cut.start():])
            names = self._names(clause[: cut.start()], single=False)
            if reading.status is Status.UNKNOWN or not names or any(len(squash(n)) < 2 for n in names):
                continue
            out.lists.append(ListRead(squash(clause[cut.start():]), reading.status, tuple(names), None,
                                      names_first=True))

    def _split_lists(self, raw: str) -> tuple[list[str], list[tuple[int, str, str]]]:
        """The sentence without its named lists, and each list as (where it stood in that text,
        its trigger, its body). A trigger followed by a count states a part, not a list (进展有序的
        指标有两项); a list ends at the sentence's end or where a clause with a count of its own
        begins (……以及C，1项正在开展前期工作).
        """
        pieces: list[str] = []
        found: list[tuple[int, str, str]] = []
        pos = search = 0
        while (m := self.list_trigger.search(raw, search)) is not None:
            search = m.end()
            ahead = regex.sub(r"^[\s：:，,]*", "", self._counting_text(raw[m.end():m.end() + 16]))
            ahead = self.total_lead.sub("", ahead)
            if self.count.match(ahead) or self.groups.match(ahead):
                continue
            # ，涉及企业诉求128件: a count follows, so 涉及 states a part, not a list of names
            clause = self._counting_text(raw[m.end():self._clause_end(raw, m.end())])
            if self.comma_trigger.match(m.group()) and (self.count.search(clause) or self.amount.search(clause)):
                continue
            end = self._list_end(raw, m.end())
            pieces.append(raw[pos:m.start()])
            found.append((sum(map(len, pieces)), m.group(), raw[m.end():end]))
            pos = search = end
        pieces.append(raw[pos:])
        return pieces, found

    def _list_end(self, raw: str, start: int) -> int:
        m = self.list_end.search(raw, start)
        end = m.start() if m else len(raw)
        for comma in regex.finditer(r"[，,]", raw[start:end]):
            clause = raw[start + comma.end():]
            stop = self.clause_end.search(clause)
            if self.count.search(self._counting_text(clause[: stop.start() if stop else len(clause)])):
                cut: int = start + comma.start()
                return cut
        return end

    def _read_all(self, text: str, counts: list[_Count], out: SentenceRead) -> None:
        """"均有序推进" / "全部完成": a part as large as the total, in a clause without a count."""
        for m in self.all_words.finditer(text):
            if any(self._clause_start(text, c.start) == self._clause_start(text, m.start()) for c in counts):
                continue
            rest = squash(text[m.end():self._clause_end(text, m.end())])
            reading = self.vocab.read(rest)
            if reading.status is Status.UNKNOWN or reading.start > 2:
                continue
            out.parts.append(PartRead(m.start(), m.end() + len(rest), squash(m.group()) + rest, reading.status,
                                      None, is_all=True))
        out.parts.sort(key=lambda p: p.start)

    def _attach_shares(self, text: str, out: SentenceRead) -> None:
        for pct, (start, _) in find_percents(text, self.numerals):
            before = [p for p in out.parts if p.end <= start and not p.is_all]
            if not before or before[-1].percent is not None:
                continue
            part = before[-1]
            if self.share_gap.fullmatch(text[part.end:start]) is None:
                continue
            if self.amount.search(text[part.start:start]):
                continue   # 24个项目累计完成投资23.85亿元，占年度计划的56.0%: the share is the amount's
            part.percent_raw, part.percent = pct.raw, pct.value
            of = self.share_of.search(text[part.end:start])
            part.of = squash(of.group("of")) if of else ""

    def _read_amounts(self, text: str, out: SentenceRead) -> None:
        """Amounts of money, each with the share printed right after it (占年度计划的24.2%)."""
        percents = find_percents(text, self.numerals)
        taken = {p.percent_raw and p.end for p in out.parts}
        for m in self.amount.finditer(text):
            number = m.group("value")
            try:
                value = Decimal(number) * self.amount_units[m.group("unit")]
            except (InvalidOperation, KeyError):
                continue
            decimals = len(number.split(".")[1]) if "." in number else 0
            step = self.amount_units[m.group("unit")] * Decimal(1).scaleb(-decimals)
            label = squash(text[self._clause_start(text, m.start()):m.start()])
            amount = AmountRead(m.start(), m.end(), squash(m.group()), value, step, label)
            nxt = next(((p, span) for p, span in percents if span[0] >= m.end()), None)
            if nxt is not None and m.end() not in taken:
                pct, (start, _) = nxt
                gap = text[m.end():start]
                inner = self.amount.search(gap)
                if self.share_gap.fullmatch(gap) and inner is None:
                    amount.percent_raw, amount.percent = pct.raw, pct.value
                    of = self.share_of.search(gap)
                    amount.of = squash(of.group("of")) if of else ""
                elif inner is not None and self.amount_share_before.fullmatch(gap[:inner.start()]) \
                        and self.amount_share_after.fullmatch(gap[inner.end():]):
                    # 完成投资126.35亿元，占年度计划186亿元的69.9%: the base is printed in the phrase
                    amount.percent_raw, amount.percent = pct.raw, pct.value
                    amount.base_raw = squash(inner.group())
                    taken.add(m.end() + inner.end())
            out.amounts.append(amount)

    def _read_rates(self, text: str, out: SentenceRead) -> None:
        """办结率95.8% / 开工率达80%: a percentage right after a word ending in 率."""
        attached = {p.percent_raw for p in out.parts if p.percent_raw} | {a.percent_raw for a in out.amounts if a.percent_raw}
        for pct, (start, _) in find_percents(text, self.numerals):
            if pct.raw in attached:
                continue
            clause = text[self._clause_start(text, start):start]
            m = self.rate.search(clause)
            if m is not None:
                # 满意率（含基本满意）: the rate counts both
                stem = m.group("stem") + (self.rate_plus + m.group("plus") if m.group("plus") else "")
                out.rates.append(RateRead(start, stem, m.group("stem") + self.rate_word, pct.raw, pct.value))
                continue
            m = self.subject_share.search(clause)
            if m is not None and not self.count.search(clause) and not self.amount_word.search(m.group("stem")):
                # 按期办结的督办件占全部督办件的67.9%: a share whose count was stated before
                out.rates.append(RateRead(start, squash(m.group("stem")), squash(m.group()), pct.raw, pct.value,
                                          of=squash(m.group("of"))))
                continue
            # a figure said of nothing counted (同比下降18.2%, 卡子镇（91.2%）): read, not checkable
            out.rates.append(RateRead(start, "", squash(clause) or pct.raw, pct.raw, pct.value))

    def _read_items(self, text: str, out: SentenceRead) -> None:
        """第1件、县发改局负责的第4件、第17、18件确定事项进展滞后: the numbers of one clause's
        ordinals, with the status the words after the last one give them."""
        found = list(self.ordinal.finditer(text))
        k = 0
        while k < len(found):
            start = self._clause_start(text, found[k].start())
            run = [m for m in found[k:] if self._clause_start(text, m.start()) == start]
            k += len(run)
            unit = run[-1].group("unit")
            if not unit:
                continue
            # the words after the last one, to the sentence's end (第6件已超过办理时限，至今未办结)
            predicate = squash(text[run[-1].end():])
            status: Status | None = self.vocab.read(predicate).status
            if status is Status.UNKNOWN:
                # 逾期未整改2处，为第5号和第10号隐患: the items of the part just before them;
                # 正在整改的问题中，第4、11号……: of the scope they stand in; else said of, with no status
                before = [p for p in out.parts if p.end <= run[0].start() and p.status is not None]
                scope = self.scope.match(text)
                if before and self._clause_start(text, run[0].start()) - before[-1].end <= 2:
                    predicate, status = before[-1].label, before[-1].status
                elif scope is not None and self.vocab.read(scope.group("scope")).status is not Status.UNKNOWN:
                    predicate, status = squash(scope.group("scope")), self.vocab.read(scope.group("scope")).status
                else:
                    status = None
            numbers = tuple(int(n) for m in run for n in regex.findall(r"[0-9]+", m.group()))
            out.items.append(ItemsRead(predicate, status, numbers, unit))

    def _single_in_brackets(self, text: str, out: SentenceRead) -> None:
        """尚有1项未下达（县域普通高中“徐特立项目”）: a part of one with its name in brackets."""
        for part in out.parts:
            if part.count != 1 or part.status is None:
                continue
            m = self.single_in_brackets.match(text, part.end)
            if m is not None:
                out.lists.append(ListRead(part.label, part.status, (m.group("name").strip(),), 1))

    def _read_list(self, before: str, at: int, trigger: str, body: str, out: SentenceRead) -> ListRead | None:
        """`before`: the sentence up to the trigger (lists taken out); `at`: where that ends among
        the parts' positions."""
        clause = before[self._clause_start(before, len(before)):]
        clause_counts = [int(m.group("count")) for m in self.count.finditer(self._counting_text(clause))]
        reading = self.vocab.read(clause)
        status: Status | None = reading.status if reading.status is not Status.UNKNOWN else None
        if status is None:
            stated = [p.status for p in out.parts if p.status is not None and p.start < at]
            status = stated[-1] if stated else None
        one = clause_counts[0] if len(clause_counts) == 1 else None
        names = self._names(body, single=one == 1)
        if not names:
            return None
        # a trigger doubled by a typo ("分别为分别为") is shown once
        label = squash(clause) + regex.sub(r"^(.+?)\1+", r"\1", squash(trigger))
        return ListRead(label, status, tuple(names), one)

    def _names(self, body: str, single: bool) -> list[str]:
        pieces = [body] if single else self.list_separator.split(body)
        names = []
        for piece in pieces:
            name = self.list_strip.sub("", piece.strip().strip("，,：:")).strip()
            if name:
                names.append(name)
        return names

    def split_last(self, names: tuple[str, ...], expected: int | None) -> tuple[str, ...]:
        """A、B和C: split the last name on 和/及 only when the list's stated count needs one more name."""
        if expected is None or len(names) != expected - 1 or not names:
            return names
        pieces = self.list_last.split(names[-1])
        if len(pieces) != 2 or not all(p.strip() for p in pieces):
            return names
        return names[:-1] + tuple(p.strip() for p in pieces)


def _grammar(rules: Rules) -> ClaimGrammar:
    return ClaimGrammar(rules, StatusVocabulary.from_rules(rules))
