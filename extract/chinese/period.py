"""A bulletin's reporting period, read from its title, its date and its doc number.

The wording (第三季度, 1-9月, 上半年, 截至9月底 …) and the labels are in rules/periods.yaml; this
module turns a match into ISO dates and says which evidence it used:

    title             the title names the period and its year (2023年第三季度)
    title+date        the title names the period, the year is the date's (第四季度, dated 2024年1月 → 2023)
    title+doc_number  the title names the period, the year is the doc number's
    date              no period in the title: the year to date, up to the bulletin's date
    doc_number        no period and no date: the doc number's whole year
    ""                nothing to go on
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from dataclasses import dataclass

import regex

from extract.chinese.numbers import Numerals, parse_cn_int
from extract.chinese.text import squash
from extract.model import Header
from extract.settings.rules import Rules
from extract.settings.sections import PeriodRules


@dataclass(frozen=True)
class Period:
    start: str = ""       # ISO date
    end: str = ""
    label: str = ""       # 2023年第三季度
    evidence: str = ""    # see the module docstring


def parse_date(text: str, date: str, numerals: Numerals) -> dt.date | None:
    """2023年5月12日 (digits or Chinese numerals; `date`: periods.yaml's pattern) -> a date; anything else -> None."""
    m = regex.search(date, squash(text or ""))
    if not m:
        return None
    year, month, day = (parse_cn_int(m.group(k), numerals) for k in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _number(fields: dict[str, str], key: str, top: int, numerals: Numerals) -> int | None:
    value = parse_cn_int(fields.get(key) or "", numerals)
    return value if value is not None and 1 <= value <= top else None


def _span(kind: str, fields: dict[str, str], year: int, first_half: str,
          numerals: Numerals) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period of this kind in this year; None when a number is out of range
    (`first_half`: the `half` word of the first half)."""
    if kind in ("quarter", "quarters"):
        n = _number(fields, "n", 4, numerals)
        if n is None:
            return None
        first = dt.date(year, 3 * n - 2, 1) if kind == "quarter" else dt.date(year, 1, 1)
        return first, _month_end(year, 3 * n)
    if kind == "half":
        return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if fields["half"] == first_half else \
            (dt.date(year, 7, 1), dt.date(year, 12, 31))
    if kind == "months":
        m1, m2 = _number(fields, "m1", 12, numerals), _number(fields, "m2", 12, numerals)
        if m1 is None or m2 is None or m1 > m2:
            return None
        return dt.date(year, m1, 1), _month_end(year, m2)
    if kind in ("upto", "month"):
        m = _number(fields, "m", 12, numerals)
        if m is None:
            return None
        return dt.date(year, 1 if kind == "upto" else m, 1), _month_end(year, m)
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise ValueError(f"rules/periods.yaml: unknown period kind {kind!r}")


def _title_match(title: str, rules: PeriodRules) -> tuple[str, dict[str, str]] | None:
    for pattern in rules.patterns:
        m = regex.search(pattern.regex, title)
        if m:
            return pattern.kind, {k: v for k, v in m.groupdict().items() if v is not None}
    return None


def _label(rules: PeriodRules, kind: str, year: int, fields: dict[str, str], numerals: Numerals) -> str:
    numbers = {k: str(parse_cn_int(v, numerals)) for k, v in fields.items() if k in ("n", "m", "m1", "m2")}
    n = int(numbers.get("n", "0"))
    template = rules.labels[kind]
    # the quarter in words as the labels print it (3 -> 三): the first digit of numbers.yaml of that value
    n_cn = next(ch for ch, value in numerals.digit_value.items() if value == n) if n else ""
    return template.format(year=year, n_cn=n_cn,
                           **{**fields, **numbers})


def read_period(title: str, date: str, doc_number: str, all_rules: Rules) -> Period:
    """The period a bulletin reports on (by rules/periods.yaml; numbers in words by numbers.yaml)."""
    rules, numerals = all_rules.periods, Numerals.from_rules(all_rules)
    text = squash(title or "")
    day = parse_date(date, rules.date, numerals)
    doc = all_rules.document.marks.doc_number.search(squash(doc_number or ""))
    doc_year = int(doc.group("year")) if doc else None
    found = _title_match(text, rules)
    stated = regex.search(rules.year, text)
    if stated:
        year, evidence = int(stated.group("year")), "title"
    elif day is not None:
        year, evidence = day.year, "title+date"
    elif doc_year is not None:
        year, evidence = doc_year, "title+doc_number"
    else:
        found = None     # a period with no year to place it in
    if found is not None:
        kind, fields = found
        span = _span(kind, fields, year, rules.first_half, numerals)
        if span is not None:
            if day is not None and evidence == "title+date" and \
                    (span[1] - day).days > rules.future_days:
                # a report cannot be about a period that ends well after it was dated
                year -= 1
                span = _span(kind, fields, year, rules.first_half, numerals) or span
            return Period(span[0].isoformat(), span[1].isoformat(), _label(rules, kind, year, fields, numerals), evidence)
    if day is not None:
        label = rules.labels["to_date"].format(year=day.year, month=day.month, day=day.day)
        return Period(dt.date(day.year, 1, 1).isoformat(), day.isoformat(), label, "date")
    if doc_year is not None:
        return Period(f"{doc_year}-01-01", f"{doc_year}-12-31",
                      rules.labels["year"].format(year=doc_year), "doc_number")
    return Period()


def with_period(header: Header, rules: Rules) -> Header:
    """The header with its period fields filled in."""
    period = read_period(header.title, header.date, header.doc_number, rules)
    return dataclasses.replace(header, period_start=period.start, period_end=period.end,
                               period_label=period.label, period_evidence=period.evidence)
