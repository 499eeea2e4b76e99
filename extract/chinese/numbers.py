"""All number parsing: percentages, Chinese numerals and the counts they form, shares.

Bulletins print numbers in several ways: "22.3%", "22. 3%" (extraction split),
"２２.３％" (full-width template), "百分之二十五", "四十项", "2.8万户". Every stage
reads numbers through this module so that each form is handled once.

Arithmetic is done with Decimal/Fraction: checks compare printed shares with
count/total, and a float error (or Python's banker's rounding) would turn a
correct bulletin into a false finding.

Chinese numerals are converted with cn2an, but only where the numeral is
clearly a number: cn2an.transform rewrites words such as 一户一表, 一季度 and
十大, so running text goes through `find_cn_numbers`, which has its own rule.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

import cn2an
import regex

from extract.chinese.text import alternation
from extract.settings.rules import Rules

Span = tuple[int, int]

_WS = regex.compile(r"\s+")
# Whitespace between two digits separates two numbers ("1 2"); joining them
# would invent a third.
_SPLIT_DIGITS = regex.compile(r"[0-9]\s+[0-9]")
_ASCII_PERCENT = regex.compile(r"(?P<num>[+-]?[0-9]+(?:\.(?P<frac>[0-9]+))?)%")
# A percentage in running text, as extraction leaves it: spaces inside
# ("22. 3%", "12.40 %"), full-width digits. Spaces, not line breaks, may split
# it there: "1.\n20%" is more likely an item number than a decimal. A minus
# counts only when no digit precedes it: "10-20%" is a range, not -20%.
# (A percentage in words is the other alternative: Numerals.find_percent.)
_FIND_ARABIC_PERCENT = (
    r"(?<![0-9０-９.．])"
    r"(?:(?<![0-9０-９])[-−－+＋])?"
    r"[0-9０-９]+(?:[ \t\u3000\u00a0]*[.．][ \t\u3000\u00a0]*[0-9０-９]+)?"
    r"[ \t\u3000\u00a0]*[%％]"
)
_ARABIC_INT = regex.compile(r"[0-9]+")

# The range of the outputs, not a tolerance: every table holds an integer as int64 (parquet) and a
# share as a float, which carries 15 significant digits exactly (DBL_DIG). A number a document
# prints beyond that is read as no number (unparsed, said so), never as inf or a wrapped value.
INT_MAX = 2**63 - 1
PERCENT_MAX_DIGITS = 15


def int_in_range(value: int) -> bool:
    return -INT_MAX <= value <= INT_MAX


# ------------------------------------------------------------ the numeral system


@dataclass(frozen=True, eq=False)   # hashed by identity: one per rules (compiled), a key of parse_percent's cache
class Numerals:
    """How a Chinese numeral is written (rules/numbers.yaml `numerals`), compiled once per rules:
    the characters that form one, what each digit is worth, the forms cn2an reads instead of
    〇 and 两, and the patterns of a percentage in words."""

    chars: frozenset[str]                 # every character of a numeral: the digits, their forms, the units
    digit_value: dict[str, int]           # each digit and digit form by value
    forms: tuple[tuple[str, str], ...]    # (form, the digit cn2an reads instead)
    units: dict[str, int]                 # the multipliers by value
    run: regex.Pattern[str]               # a run of numeral characters
    percent: regex.Pattern[str]           # a percentage in words (百分之二十五, 百分之百)
    find_percent: regex.Pattern[str]      # a percentage in running text, in digits or in words

    @classmethod
    def from_rules(cls, rules: Rules) -> Numerals:
        return rules.view(_numerals)


def _char_class(chars: list[str]) -> str:
    return "".join(regex.escape(ch) for ch in chars)


def _numerals(rules: Rules) -> Numerals:
    system = rules.numbers.numerals
    digits = list(system.digits)
    forms = tuple(system.digit_forms.items())
    by_digit = {d: i for i, d in enumerate(digits)}
    digit_value = by_digit | {form: by_digit[digit] for form, digit in forms}
    units = dict(system.units)
    digit_class, numeral_class = _char_class(list(digit_value)), _char_class([*digit_value, *units])
    point, percent, whole = (regex.escape(key) for key in (system.point, system.percent, system.whole))
    # `whole` alone is tried first: it is also a numeral character, and alone not a numeral cn2an reads
    in_words = (rf"{percent}(?:(?P<hundred>{whole})(?![{numeral_class}]|{point})"
                rf"|(?P<int>[{numeral_class}]+)(?:{point}(?P<frac>[{digit_class}]+))?)")
    return Numerals(chars=frozenset(digit_value) | frozenset(units), digit_value=digit_value, forms=forms,
                    units=units, run=regex.compile(rf"[{numeral_class}]+"), percent=regex.compile(in_words),
                    find_percent=regex.compile(rf"{_FIND_ARABIC_PERCENT}|{in_words}"))


# ---------------------------------------------------------------- percentages


@dataclass(frozen=True)
class Percent:
    """A printed percentage: its value as a fraction and how it was printed."""

    value: float  # 0.223 for 22.3%
    decimals: int  # digits printed after the point: 22.3% → 1, 30.00% → 2
    raw: str  # the text as printed


def _normalize_number_text(text: str) -> str | None:
    """NFKC (full-width digits, ％, －) and no whitespace: how a number is read.

    None when whitespace separates two digits: that is two numbers, not one.
    """
    s = unicodedata.normalize("NFKC", text)
    if _SPLIT_DIGITS.search(s):
        return None
    plain: str = _WS.sub("", s)
    return plain.replace("−", "-")


def _percent_number(m: regex.Match[str], numerals: Numerals) -> tuple[Decimal, int] | None:
    """The printed number (22.3 for 22.3%) and its decimals from a percent match."""
    groups = m.groupdict()
    if groups.get("num") is not None:
        return Decimal(groups["num"]), len(groups["frac"] or "")
    if groups.get("hundred"):
        return Decimal(100), 0
    whole = parse_cn_int(groups["int"], numerals)
    if whole is None:
        return None
    frac = "".join(str(numerals.digit_value[ch]) for ch in (groups["frac"] or ""))
    return (Decimal(f"{whole}.{frac}") if frac else Decimal(whole)), len(frac)


@functools.lru_cache(maxsize=1 << 15)   # pure; a column's cells are read as percentages by several tests
def parse_percent(text: str, numerals: Numerals) -> Percent | None:
    """Read `text` as a whole as one percentage ("29.00%", "22. 3%", "百分之二十五").

    Anything that is not just a percentage ("/", "", "完成14.50%") gives None, so
    a cell saying more than a number is never mistaken for one. `numerals`: the run's
    (Numerals.from_rules).
    """
    raw = text.strip()
    norm = _normalize_number_text(raw)
    if norm is None:
        return None
    m = _ASCII_PERCENT.fullmatch(norm) or numerals.percent.fullmatch(norm)
    number = _percent_number(m, numerals) if m else None
    if number is None or len(number[0].as_tuple().digits) > PERCENT_MAX_DIGITS:
        return None
    return Percent(value=float(number[0] / 100), decimals=number[1], raw=raw)


# ---------------------------------------------------------- Chinese numerals


def find_percents(text: str, numerals: Numerals) -> list[tuple[Percent, Span]]:
    """Every percentage in running text (a share claim's figure), with its span in `text`."""
    found: list[tuple[Percent, Span]] = []
    for m in numerals.find_percent.finditer(text):
        p = parse_percent(m.group(), numerals)
        if p is not None:
            found.append((p, m.span()))
    return found


def parse_cn_int(text: str, numerals: Numerals) -> int | None:
    """A non-negative integer written in Chinese ("二百二十五", "两", "〇") or digits.

    Full-width digits are accepted ("４０"). Digit-by-digit forms ("二〇二三")
    read as their digits. Anything else, including decimals, gives None.
    `numerals`: the run's (Numerals.from_rules).
    """
    s = _normalize_number_text(text)
    if not s:
        return None
    if _ARABIC_INT.fullmatch(s):
        return int(s)
    if any(ch not in numerals.chars for ch in s):
        return None
    if len(s) > 1 and all(ch in numerals.digit_value for ch in s):
        return int("".join(str(numerals.digit_value[ch]) for ch in s))
    for form, digit in numerals.forms:    # 两 -> 二, 〇 -> 零: cn2an's strict reading rejects the forms
        s = s.replace(form, digit)
    try:
        value = cn2an.cn2an(s, "strict")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    # cn2an returns float for some inputs; an int parser accepts only whole values.
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value) if value >= 0 else None


class CnNumber(NamedTuple):
    """A Chinese numeral found in running text and its Arabic rendering."""

    span: Span  # of the numeral (of the whole "百分之…" for a percentage)
    value: Decimal
    unit: str  # the unit it counts ("项", "万人"), or "%" for 百分之…
    arabic: str  # what replaces the span: "40", "25%"


@dataclass(frozen=True)
class CountWords:
    """The words with which a Chinese numeral in running text is told to count (四十项) or to be
    part of a word (一户一表): rules/numbers.yaml, compiled once per rules."""

    numerals: Numerals
    count_units: frozenset[str]
    item_units: frozenset[str]
    vague_units: frozenset[str]
    not_count_before: frozenset[str]
    count_context: tuple[str, ...]
    count_context_particle: str         # 其余的四项: between a count word and the numeral
    among: str                          # 七件十项中: ends a count's phrase
    set_phrases: tuple[str, ...]
    ordinal_prefix: frozenset[str]
    name_openers: frozenset[str]
    end_magnitudes: frozenset[str]      # numeral units that, ending a numeral, are its magnitude (四十万人)
    after_numeral: regex.Pattern[str]   # 余/多, a magnitude, a unit: what makes a numeral a count

    @classmethod
    def from_rules(cls, rules: Rules) -> CountWords:
        return rules.view(_count_words)


def _count_words(rules: Rules) -> CountWords:
    numerals, cfg = Numerals.from_rules(rules), rules.numbers
    units = alternation([*cfg.count_units, *cfg.measure_units])
    approximate = alternation(list(cfg.approximate_after))
    return CountWords(
        numerals=numerals,
        count_units=frozenset(cfg.count_units), item_units=frozenset(cfg.item_units),
        vague_units=frozenset(cfg.vague_units), not_count_before=frozenset(cfg.not_count_before),
        count_context=cfg.count_context, count_context_particle=cfg.count_context_particle,
        among=cfg.among, set_phrases=cfg.set_phrases,
        ordinal_prefix=frozenset(cfg.ordinal_prefix), name_openers=frozenset(cfg.name_openers),
        end_magnitudes=frozenset(m for m in cfg.magnitudes if m in numerals.units),
        after_numeral=regex.compile(rf"(?P<approx>{approximate})?(?P<unit>{alternation(list(cfg.magnitudes))}?{units})"))


# Separators after which a lone numeral starts a new phrase and may be a count.
_PHRASE_BREAK = regex.compile(r"[\s，,；;：:、。（()）！？!?]")


def _lone_numeral_in_count_context(text: str, start: int, unit: str, after: int, words: CountWords) -> bool:
    """Whether a one-character numeral at `start`, before `unit` (which ends at `after`), stands
    where a count stands."""
    if start == 0 or _PHRASE_BREAK.match(text[start - 1]):
        return True
    ends_phrase = after >= len(text) or bool(_PHRASE_BREAK.match(text[after])) \
        or text[after] in words.numerals.chars or (bool(words.among) and text.startswith(words.among, after))
    # 已竣工四个，/ 专题研究整改工作四次。: a counting measure word that ends its phrase
    counting = unit in words.item_units or (unit in words.count_units and unit not in words.vague_units)
    if counting and ends_phrase and text[start - 1] not in words.not_count_before:
        return True
    particle = words.count_context_particle
    if unit in words.item_units and particle and text.endswith(particle, 0, start) \
            and any(text.endswith(w, 0, start - len(particle)) for w in words.count_context):
        return True     # 其余的四项低于序时进度, 暂未分解下达的一项为……
    return any(text.endswith(word, 0, start) for word in words.count_context)


def _starts_set_phrase_tail(text: str, pos: int, words: CountWords) -> bool:
    """Whether the text from `pos`, right after a numeral+unit, continues a set phrase.

    "一户一表", "五个一工程", "一人一档": a numeral follows the unit but is not
    itself a count. "十五件二十项" lists two counts and is not a phrase.
    """
    m = words.numerals.run.match(text, pos)
    if m is None:
        return False
    counted = words.after_numeral.match(text, m.end()) or (m.group()[-1] in words.end_magnitudes and len(m.group()) > 1)
    return not counted


def _in_set_phrase(text: str, pos: int, words: CountWords) -> bool:
    """Whether position `pos` lies inside one of the set phrases."""
    for phrase in words.set_phrases:
        start = text.find(phrase, max(0, pos - len(phrase) + 1))
        if start != -1 and start <= pos < start + len(phrase):
            return True
    return False


def _cn_count_at(text: str, m: regex.Match[str], words: CountWords) -> CnNumber | None:
    """The count a run of numeral characters forms with the unit after it, if any.

    The rule, in order:
    - a numeral after 第/周/初 or an opening quote is an ordinal or a name;
    - a trailing 万/亿 is a magnitude and stays printed ("四十万人" → "40万人");
    - the numeral must be followed by a measure word ("项", "个", "元"), possibly
      after 余/多, or be followed by a magnitude alone ("四十万");
    - a numeral right after that unit makes a set phrase ("一户一表", "五个一");
    - a one-character numeral also needs a count context (numbers.yaml count_context),
      and then only a counting measure word: not a currency ("一元化"), not a
      vague one ("引进一批人才").
    """
    start, run = m.start(), m.group()
    if _in_set_phrase(text, start, words):
        return None
    if start > 0 and (text[start - 1] in words.ordinal_prefix or text[start - 1] in words.name_openers):
        return None
    magnitude = ""
    if len(run) > 1 and run[-1] in words.end_magnitudes:
        run, magnitude = run[:-1], run[-1]
    if len(run) > 1 and all(ch in words.numerals.digit_value for ch in run):
        # digit-by-digit numerals are years and codes (二〇二三年); before a measure word two
        # neighbouring digits are an estimate (两三项, 三四个), not a count
        return None
    value = parse_cn_int(run, words.numerals)
    if value is None:
        return None
    end = start + len(run)
    # Matched in place (pos=…) rather than on slices: long cells have many runs.
    tail = words.after_numeral.match(text, end + len(magnitude))
    if tail and magnitude and tail.group("unit") in words.item_units:
        # 一万项: a count of items, not a magnitude kept printed (四十万人 stays 40万人)
        value *= words.numerals.units[magnitude]
        magnitude = ""
        unit, rest_at = tail.group("unit"), tail.end()
        end = tail.start()
    elif tail:
        unit, rest_at = magnitude + tail.group("unit"), tail.end()
    elif magnitude:
        unit, rest_at = magnitude, end + len(magnitude)
    else:
        return None
    if _starts_set_phrase_tail(text, rest_at, words):
        return None
    if len(run) == 1:
        if not _lone_numeral_in_count_context(text, start, tail.group("unit") if tail else "", rest_at, words):
            return None
        if tail and (tail.group("unit") not in words.count_units or tail.group("unit") in words.vague_units):
            return None
    return CnNumber(span=(start, end), value=Decimal(value), unit=unit, arabic=str(value))


def find_cn_numbers(text: str, words: CountWords) -> list[CnNumber]:
    """Chinese-numeral counts and percentages in running text, left to right.

    Finds "四十项", "十三项", "一千二百万元", "百分之二十五"; leaves words alone:
    一户一表, 一季度, 一网通办, 十大, 一是/二是, 第一, 一帮一, 三湘四水.
    """
    found: list[CnNumber] = []
    taken_until = 0
    for pm in words.numerals.percent.finditer(text):
        parsed = _percent_number(pm, words.numerals)
        if parsed is None:
            continue
        number = parsed[0]
        found.append(CnNumber(span=pm.span(), value=number, unit="%", arabic=f"{number}%"))
    percent_spans = [c.span for c in found]
    for m in words.numerals.run.finditer(text):
        if m.start() < taken_until or any(a <= m.start() < b for a, b in percent_spans):
            continue
        hit = _cn_count_at(text, m, words)
        if hit is not None:
            found.append(hit)
            taken_until = hit.span[1]
    return sorted(found, key=lambda c: c.span)


def to_arabic_in_text(text: str, words: CountWords) -> str:
    """Rewrite Chinese-numeral counts and percentages in running text as Arabic.

    "共有重点监测指标四十项" → "共有重点监测指标40项", "百分之二十五" → "25%";
    words that merely contain numerals (一户一表, 十大, 一季度) are kept.
    """
    parts: list[str] = []
    pos = 0
    for hit in find_cn_numbers(text, words):
        start, end = hit.span
        parts.append(text[pos:start])
        parts.append(hit.arabic)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------- shares


def percent_of(count: int, total: int, decimals: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """count/total*100 at `decimals` places, computed exactly.

    rounding is ROUND_HALF_UP (the default: 5/30 → 16.67) or ROUND_DOWN (the
    truncation some bulletins print: 16.66). The division is done on a Fraction,
    so no binary or 28-digit context error can move a tie. Raises
    ZeroDivisionError when total is 0: a share of nothing has no value.
    """
    if rounding not in (ROUND_HALF_UP, ROUND_DOWN):
        raise ValueError(f"unsupported rounding: {rounding}")
    exact = Fraction(count * 100, total) * 10**decimals
    sign = -1 if exact < 0 else 1
    whole, rest = divmod(abs(exact.numerator), exact.denominator)
    if rounding == ROUND_HALF_UP and 2 * rest >= exact.denominator:
        whole += 1
    # Built from a string: exact at any size, with exactly `decimals` places.
    return Decimal(f"{sign * whole}E{-decimals}")
