"""Status by meaning: a 备注 cell or a narrative label -> Status, through the words in it.

Counties word statuses their own way, so a text is not looked up in a closed list: the words of
rules/status.yaml are found in it (longest first), each negated or not by the word before it, and
the statuses they give are settled by the rules' priority. See rules/status.yaml for the format.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extract.chinese.text import squash
from extract.model import Status
from extract.settings.rules import Rules

_PUNCT = regex.compile(r"[\p{P}\p{S}]")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class StatusReading:
    """What a text says about status, and the words it was read from."""

    status: Status
    words: tuple[str, ...]          # the matched words, "未+完成" style for a negated one
    start: int = -1                 # where the first matched word starts in the squashed text


_READINGS_KEPT = 1 << 14


@dataclass(frozen=True)
class StatusVocabulary:
    """rules/status.yaml, compiled once per rules object."""

    words: tuple[tuple[str, Status | None, Status | None], ...]   # longest first
    pattern: regex.Pattern[str]       # the words as one alternation, in the same order
    meanings: dict[str, tuple[Status | None, Status | None]]   # word -> (affirmed, negated)
    negations: tuple[str, ...]
    not_negations: tuple[str, ...]
    reach: int
    priority: tuple[Status, ...]
    max_unknown_share: float
    cell_summary: regex.Pattern[str]
    # readings by text: a status column repeats a few phrases, and each is read by several stages
    _readings: dict[str, StatusReading] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def from_rules(cls, rules: Rules) -> StatusVocabulary:
        """rules/status.yaml compiled, once per rules object."""
        return rules.view(_compile)

    def read(self, text: str) -> StatusReading:
        """The status a text states; Status.UNKNOWN when none of its words is a status word."""
        readings = self._readings
        reading = readings.get(text)
        if reading is None:
            if len(readings) >= _READINGS_KEPT:   # bounded over a long batch: start again
                readings.clear()
            reading = readings[text] = self._read(text)
        return reading

    def _read(self, text: str) -> StatusReading:
        s = squash(text)
        if not s:
            return StatusReading(Status.UNKNOWN, ())
        found: list[tuple[int, int, str, Status | None]] = []   # (start, end, shown word, status)
        meanings = self.meanings
        for m in self.pattern.finditer(s):     # leftmost first; at one place, the longer word
            word, i = m.group(), m.start()
            affirmed, negated = meanings[word]
            neg, at = self._negation_before(s, i, found[-1][1] if found else 0)
            found.append((at, m.end(), f"{neg}+{word}" if neg else word, negated if neg else affirmed))
        statuses = [status for _, _, _, status in found if status is not None]
        if not statuses:
            return StatusReading(Status.UNKNOWN, tuple(w for _, _, w, _ in found))
        best = min(statuses, key=self.priority.index)
        return StatusReading(best, tuple(w for _, _, w, _ in found), found[0][0])

    def read_cell(self, text: str) -> Status:
        """A table cell's status: as `read`, except that a cell counting things is a summary (unknown)."""
        if self.cell_summary.search(squash(text)):
            return Status.UNKNOWN
        return self.read(text).status

    def _negation_before(self, s: str, at: int, floor: int) -> tuple[str, int]:
        """The negation word governing the word at `at` and where it starts (("", at) for none).

        It must end within `reach` characters before the word, after the previous matched word,
        with no punctuation between (未完成 / 尚未全部完成 / 待州里下达; not 未发生…，完成…)."""
        lo = max(floor, at - self.reach - 3)
        window = s[lo:at]
        best, where = "", at
        for neg in self.negations:
            pos = window.rfind(neg)
            while pos != -1:
                gap = window[pos + len(neg):]
                absolute = lo + pos
                if len(gap) <= self.reach and not _PUNCT.search(gap) and not self._is_not_negation(s, absolute):
                    if len(neg) > len(best):
                        best, where = neg, absolute
                    break
                pos = window.rfind(neg, 0, pos)
        return best, where

    def _is_not_negation(self, s: str, at: int) -> bool:
        return any(s.startswith(word, at) for word in self.not_negations)

    def understood(self, text: str) -> bool:
        """Whether a cell's words were read: as a status or as a summary. Blank and punctuation-only
        cells ("/", "—") hold no words to read."""
        s = squash(text or "")
        if not _HAN.search(s) or self.cell_summary.search(s):
            return True
        return self.read(s).status is not Status.UNKNOWN


def _meanings(word: str, pair: tuple[str | None, ...]) -> tuple[Status | None, Status | None]:
    """A word's [status when affirmed, status when negated] (~: the word says nothing then)."""
    names = {s.value for s in Status}
    if len(pair) != 2 or any(v is not None and v not in names for v in pair):
        raise ValueError(f"words {word}: must be [status when affirmed, status when negated], each one of "
                         f"{', '.join(sorted(names))} or ~ (not {list(pair)!r})")
    affirmed, negated = (None if v is None else Status(v) for v in pair)
    return affirmed, negated


def _compile(all_rules: Rules) -> StatusVocabulary:
    rules = all_rules.status
    words = [(squash(word), *_meanings(word, pair)) for word, pair in rules.words.items()]
    words.sort(key=lambda w: -len(w[0]))
    return StatusVocabulary(
        words=tuple(words),
        pattern=regex.compile("|".join(regex.escape(word) for word, _, _ in words if word) or "(?!)"),
        meanings={word: (affirmed, negated) for word, affirmed, negated in words},
        negations=tuple(sorted(rules.negations, key=len, reverse=True)),
        not_negations=rules.not_negations,
        reach=rules.negation_reach,
        priority=rules.priority,
        max_unknown_share=rules.max_unknown_share,
        cell_summary=regex.compile(rules.cell_summary),
    )


def classify_status(text: str, rules: Rules) -> Status:
    """The status a table cell states (Status.UNKNOWN when its words say none)."""
    return StatusVocabulary.from_rules(rules).read_cell(text)
