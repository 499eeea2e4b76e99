"""Number parsing: examples from the 凤凰县 专报, and property tests."""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.chinese.numbers import (
    CnNumber,
    CountWords,
    Percent,
    find_cn_numbers,
    find_percents,
    parse_cn_int,
    parse_percent,
    percent_of,
    to_arabic_in_text,
)
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts

# --------------------------------------------------------------- find_percents


def test_find_percents_in_running_text_with_spans() -> None:
    text = "已完成1项，占比2. 5%；进展有序26项，占比百分之六十五，同比增长－0.86%，履约率10-20%。"
    found = [(p.value, p.decimals, text[a:b]) for p, (a, b) in find_percents(text, WORDS.numerals)]
    assert found == [(0.025, 1, "2. 5%"), (0.65, 0, "百分之六十五"), (-0.0086, 2, "－0.86%"), (0.2, 0, "20%")]
    assert find_percents("截至目前,均有序推进。1-4 月", WORDS.numerals) == []


# --------------------------------------------------------------- parse_percent


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("29.00%", 0.29, 2),
        ("22. 3%", 0.223, 1),
        ("２２.３％", 0.223, 1),
        ("1%", 0.01, 0),
        ("65%", 0.65, 0),
        ("30.00%", 0.30, 2),
        ("百分之二十五", 0.25, 0),
        ("百分之三十二点五", 0.325, 1),
        ("百分之百", 1.0, 0),
        ("12.40 %", 0.124, 2),
        ("-0.86%", -0.0086, 2),
        ("2. 8 %", 0.028, 1),
        ("100.00%", 1.0, 2),
        ("0%", 0.0, 0),
        (" 16.66%\n", 0.1666, 2),
    ],
)
def test_parse_percent_reads_printed_forms(text: str, value: float, decimals: int) -> None:
    p = parse_percent(text, WORDS.numerals)
    assert p is not None
    assert p.value == pytest.approx(value, abs=1e-12)
    assert p.decimals == decimals


def test_parse_percent_keeps_raw_as_printed() -> None:
    assert parse_percent("22. 3%", WORDS.numerals) == Percent(value=0.223, decimals=1, raw="22. 3%")
    assert parse_percent(" ２２.３％ ", WORDS.numerals).raw == "２２.３％"


@pytest.mark.parametrize(
    "text",
    ["/", "", "   ", "考核上年度任务", "上云任务已完成", "湖南省网上中介服务超市发布采购公告完成14.50%",
     "22.3", "%", "22.3%%", "占比22.3%", "1", "百分之", "百分之三十二点", "两成"],
)
def test_parse_percent_rejects_anything_but_a_percentage(text: str) -> None:
    assert parse_percent(text, WORDS.numerals) is None


def test_percent_is_frozen() -> None:
    p = parse_percent("1%", WORDS.numerals)
    with pytest.raises(AttributeError):
        p.value = 0.5  # type: ignore[misc]


# ---------------------------------------------------------------- parse_cn_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("四十", 40), ("二百二十五", 225), ("两", 2), ("〇", 0), ("零", 0), ("十", 10),
        ("十三", 13), ("一百零五", 105), ("40", 40), ("４０", 40), ("两万", 20000),
        ("二〇二三", 2023), (" 十八 ", 18),
    ],
)
def test_parse_cn_int(text: str, value: int) -> None:
    assert parse_cn_int(text, WORDS.numerals) == value


@pytest.mark.parametrize(
    "text", ["", "十点五", "-5", "4.0", "四十项", "一户一表", "百", "千万", "十十", "abc", "40 5"]
)
def test_parse_cn_int_rejects(text: str) -> None:
    assert parse_cn_int(text, WORDS.numerals) is None


@given(st.integers(min_value=0, max_value=99999))
def test_parse_cn_int_reads_back_cn2an_rendering(n: int) -> None:
    assert parse_cn_int(cn2an.an2cn(n), WORDS.numerals) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_cn_int_reads_arabic_and_fullwidth_digits(n: int) -> None:
    fullwidth = "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    assert parse_cn_int(str(n), WORDS.numerals) == n
    assert parse_cn_int(fullwidth, WORDS.numerals) == n


# ---------------------------------------------------------------- percent_of


def test_percent_of_examples_from_bulletin() -> None:
    assert percent_of(5, 30, 2) == Decimal("16.67")
    assert percent_of(5, 30, 2, rounding=ROUND_DOWN) == Decimal("16.66")
    assert percent_of(1, 40, 1) == Decimal("2.5")
    assert percent_of(13, 40, 1) == Decimal("32.5")
    assert percent_of(4, 18, 1) == Decimal("22.2")  # the bulletin printed 22.3%
    assert percent_of(2, 18, 0) == Decimal("11")
    assert percent_of(6, 6, 2) == Decimal("100.00")
    assert str(percent_of(0, 3, 2)) == "0.00"


def test_percent_of_half_up_on_exact_tie() -> None:
    assert percent_of(1, 8, 1) == Decimal("12.5")
    assert percent_of(1, 8, 0) == Decimal("13")
    assert percent_of(1, 800, 2) == Decimal("0.13")  # 0.125 exactly


def test_percent_of_rejects_zero_total_and_unknown_rounding() -> None:
    with pytest.raises(ZeroDivisionError):
        percent_of(1, 0, 2)
    with pytest.raises(ValueError):
        percent_of(1, 3, 2, rounding="ROUND_HALF_EVEN")


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=4),
)
def test_percent_of_is_within_half_a_step_and_truncate_below(count: int, total: int, d: int) -> None:
    exact = Fraction(count * 100, total)
    step = Fraction(1, 10**d)
    rounded = percent_of(count, total, d)
    cut = percent_of(count, total, d, rounding=ROUND_DOWN)
    assert rounded.as_tuple().exponent == -d
    assert abs(Fraction(rounded) - exact) <= step / 2
    assert Fraction(cut) <= exact < Fraction(cut) + step
    # A tie goes up: exactly half a step above the cut rounds to cut + step.
    if exact - Fraction(cut) == step / 2:
        assert Fraction(rounded) == Fraction(cut) + step


# -------------------------------------------------- percent round-trip property


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c in "%." else c for c in s)


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=0, max_value=2))
def test_printed_percentages_parse_back(units: int, d: int) -> None:
    number = Decimal(units).scaleb(-d)  # e.g. 2230 at d=2 → 22.30
    printed = f"{number:.{d}f}"
    expected = float(number / 100)
    forms = [f"{printed}%", f"{printed} %", _fullwidth(f"{printed}%")]
    if d:
        whole, frac = printed.split(".")
        forms.append(f"{whole}. {frac}%")  # "22. 3%": the extraction split
    for form in forms:
        p = parse_percent(form, WORDS.numerals)
        assert p is not None, form
        assert p.value == expected, form
        assert p.decimals == d, form
        assert p.raw == form.strip()


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=9))
def test_chinese_percentages_parse_back(whole: int, tenth: int) -> None:
    text = f"百分之{cn2an.an2cn(whole)}点{cn2an.an2cn(tenth)}"
    p = parse_percent(text, WORDS.numerals)
    assert p is not None
    assert p.value == float(Decimal(f"{whole}.{tenth}") / 100)
    assert p.decimals == 1


# ------------------------------------------------------------ never raise


def _consistent(text: str) -> None:
    """What any text gives: a finite share printed in the text, numbers found in order inside it and
    rewritten in place, nothing else of the text changed."""
    percent = parse_percent(text, WORDS.numerals)
    if percent is not None:
        assert math.isfinite(percent.value) and percent.decimals >= 0 and percent.raw.strip() in text
    found = find_cn_numbers(text, WORDS)
    spans = [hit.span for hit in found]
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))   # left to right, no overlap
    whole = parse_cn_int(text, WORDS.numerals)
    assert whole is None or whole >= 0
    rewritten = to_arabic_in_text(text, WORDS)
    # outside the numerals' spans the text is kept as it was
    kept, pos = [], 0
    for a, b in spans:
        kept.append(text[pos:a])
        pos = b
    kept.append(text[pos:])
    assert all(piece in rewritten for piece in kept)
    assert rewritten == text if not found else rewritten != text or all(hit.arabic == text[slice(*hit.span)]
                                                                        for hit in found)


@given(st.text())
def test_parsers_on_arbitrary_text(text: str) -> None:
    _consistent(text)


_NUMERALISH = st.lists(
    st.sampled_from(list("零〇一二三四五六七八九十百千万亿两点百分之项件个户万元%.0123456789第是大季度表 ")),
    max_size=20,
).map("".join)


@given(_NUMERALISH)
def test_parsers_on_numeral_soup(text: str) -> None:
    _consistent(text)


# ------------------------------------------------- Chinese numerals in text


@pytest.mark.parametrize(
    ("text", "converted"),
    [
        ("共有重点监测指标四十项", "共有重点监测指标40项"),
        ("四十项", "40项"),
        ("共有重点监测指标四十项，截至目前，已完成年度任务一项，未完成时序进度十三项",
         "共有重点监测指标40项，截至目前，已完成年度任务1项，未完成时序进度13项"),
        ("百分之二十五", "25%"),
        ("占比百分之三十二点五。", "占比32.5%。"),
        ("共有二百二十五项", "共有225项"),
        ("其中两项", "其中2项"),
        ("涉及我县共十五件二十项", "涉及我县共15件20项"),
        ("惠及四十万人", "惠及40万人"),
        ("投资一千二百万元", "投资1200万元"),
        ("完成四十余项", "完成40余项"),
        ("已完成十三批", "已完成13批"),
    ],
)
def test_to_arabic_in_text_converts_counts(text: str, converted: str) -> None:
    assert to_arabic_in_text(text, WORDS) == converted


@pytest.mark.parametrize(
    "text",
    [
        "城镇住宅小区居民“一户一表”改造",
        "一户一表",
        "一季度，我县固定资产投资增速排名全州第八",
        "推行一网通办",
        "1. 省定十大重点民生实事项目",
        "一是有的经济指标未达预期。二是重点民生实事项目进展不平衡",
        "第一季度深化“放管服”改革",
        "开展一帮一结对",
        "三湘四水 自驾湖南",
        "主要是诚信体系建设、投诉七项机制建立",
        "是抓实三大支撑八项重点的重要举措",
        "是省委、省政府确定2023年经济社会发展的一个主抓手",
        "推进“一件事一次办”",
        "推进一件事一次办改革",
        "推行一人一档",
        "实施五个一工程",
        "“十四五”规划",
        "千家万户",
        "推进一元化管理",
        "第十三项",
        "设计一个方案",
        "积极引进一批高层次人才",
        "打造一支专业队伍",
    ],
)
def test_to_arabic_in_text_leaves_words_alone(text: str) -> None:
    assert to_arabic_in_text(text, WORDS) == text


def test_find_cn_numbers_reports_value_unit_and_span() -> None:
    text = "共有重点监测指标四十项，占比百分之二十五"
    assert find_cn_numbers(text, WORDS) == [
        CnNumber(span=(8, 10), value=Decimal(40), unit="项", arabic="40"),
        CnNumber(span=(14, 20), value=Decimal(25), unit="%", arabic="25%"),
    ]
    assert text[8:10] == "四十"


def test_find_cn_numbers_keeps_magnitude_in_unit() -> None:
    [hit] = find_cn_numbers("惠及四十万人", WORDS)
    assert (hit.value, hit.unit, hit.arabic) == (Decimal(40), "万人", "40")


@given(st.integers(min_value=10, max_value=99999))
def test_to_arabic_in_text_converts_any_multi_character_count(n: int) -> None:
    assert to_arabic_in_text(f"共有重点监测指标{cn2an.an2cn(n)}项。", WORDS) == f"共有重点监测指标{n}项。"


def test_a_countys_measure_word_is_a_rules_edit(tmp_path):
    # 打井十二眼: 眼 counts wells in some counties; a county adds it in its numbers.yaml, no code change
    county = tmp_path / "county"
    county.mkdir()
    (county / "numbers.yaml").write_text("count_units+: [眼]\n", encoding="utf-8")
    text = "今年计划新打机井十二眼，已完成八眼。"
    assert to_arabic_in_text(text, WORDS) == text
    assert to_arabic_in_text(text, CountWords.from_rules(load_rules(county))) == "今年计划新打机井12眼，已完成8眼。"


def test_the_numeral_system_is_rules_data(tmp_path):
    # 兩 (the traditional 两) is no numeral character of the shipped rules; a county adds it as a digit form
    county = tmp_path / "county"
    county.mkdir()
    (county / "numbers.yaml").write_text("numerals: {digit_forms: {兩: 二}}\n", encoding="utf-8")
    words = CountWords.from_rules(load_rules(county))
    assert parse_cn_int("兩百", WORDS.numerals) is None
    assert parse_cn_int("兩百", words.numerals) == 200
    assert parse_cn_int("两百", words.numerals) == 200   # the shipped forms are kept
    assert to_arabic_in_text("共有指标兩百项", words) == "共有指标200项"
    assert parse_percent("百分之兩十", words.numerals).value == 0.2
    assert parse_percent("百分之兩十", WORDS.numerals) is None
