"""Text repair: every example is damage seen in the 凤凰县 专报 (shared/seeds/000_…)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.chinese.text import (
    cell_item,
    fullwidth_to_ascii,
    is_cjk,
    nfkc,
    repair_cell,
    repair_cjk,
    squash,
    starts_item,
)
from extract.settings.rules import load_rules

ITEM = cell_item(load_rules())   # the shipped claims.yaml cell_item

# ------------------------------------------------------------- nfkc / squash


def test_nfkc_folds_fullwidth_forms() -> None:
    assert nfkc("２２.３％，") == "22.3%,"


def test_squash_removes_all_whitespace_after_nfkc() -> None:
    assert squash("完成年度任务 之比") == "完成年度任务之比"
    assert squash("县园区办 、凤凰产\n业开发区\u3000管委会") == "县园区办、凤凰产业开发区管委会"


def test_squash_makes_fullwidth_and_ascii_punctuation_compare_equal() -> None:
    assert squash("（详见附件 1）") == squash("(详见附件1)")


# --------------------------------------------------------------------- is_cjk


@pytest.mark.parametrize("ch", ["凤", "〇", "，", "、", "。", "（", "）", "；", "：", "２", "①"])
def test_is_cjk_true(ch: str) -> None:
    assert is_cjk(ch)


@pytest.mark.parametrize("ch", ["A", "5", "%", ".", " ", "\n", ",", "(", "凤凰"])
def test_is_cjk_false(ch: str) -> None:
    assert not is_cjk(ch)


# ----------------------------------------------------------------- repair_cjk


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("新增批发、零售、住宿、餐饮限上企业风 凰县6家。", "新增批发、零售、住宿、餐饮限上企业风凰县6家。"),
        ("未完成时 序进度", "未完成时序进度"),
        ("新增有资质的建筑企业和有经营活动的房\n地产开发经营企业4家。",
         "新增有资质的建筑企业和有经营活动的房地产开发经营企业4家。"),
        ("县科技工\n信局", "县科技工信局"),
        ("完成年度任务 之比", "完成年度任务之比"),
    ],
)
def test_repair_cjk_joins_split_words(damaged: str, repaired: str) -> None:
    assert repair_cjk(damaged) == repaired


def test_repair_cjk_removes_space_before_cjk_punctuation() -> None:
    assert repair_cjk("县园区办 、凤凰产\n业开发区") == "县园区办、凤凰产业开发区"


def test_repair_cjk_removes_space_between_percent_and_full_stop() -> None:
    assert repair_cjk("固定资产投资79.4亿元，增长 10% 。") == "固定资产投资79.4亿元，增长10%。"


def test_repair_cjk_removes_spaces_around_digits_next_to_cjk() -> None:
    assert repair_cjk("共有重点监测指标 40 项") == "共有重点监测指标40项"
    assert repair_cjk("园区技工贸总收入突破15 亿元。") == "园区技工贸总收入突破15亿元。"
    assert repair_cjk("是省委、省政府确定 2023 年经济社会发展的") == "是省委、省政府确定2023年经济社会发展的"


def test_repair_cjk_removes_space_between_latin_and_cjk() -> None:
    assert repair_cjk("支持凤凰古城创成国家 5A 级旅游景区。") == "支持凤凰古城创成国家5A级旅游景区。"


def test_repair_cjk_removes_space_after_closing_quote() -> None:
    assert repair_cjk("城镇住宅小区居民“一户一表” 改造") == "城镇住宅小区居民“一户一表”改造"


def test_repair_cjk_keeps_space_between_latin_words() -> None:
    assert repair_cjk("Hello world") == "Hello world"


def test_repair_cjk_keeps_space_between_numbers() -> None:
    assert repair_cjk("1 2") == "1 2"


def test_repair_cjk_turns_break_between_latin_tokens_into_one_space() -> None:
    assert repair_cjk("HUNAN\nFENGHUANG") == "HUNAN FENGHUANG"
    assert repair_cjk("2021\n2022") == "2021 2022"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("占比 22. 3%", "占比22.3%"),
        ("进展有序 12 项,占比 66. 7%", "进展有序12项,占比66.7%"),
        ("技术合同成交额仅完成全年任务的 2. 8 %", "技术合同成交额仅完成全年任务的2.8%"),
        ("12.40 %", "12.40%"),
        ("22.\n3%", "22.3%"),
    ],
)
def test_repair_cjk_rejoins_broken_percentages(damaged: str, repaired: str) -> None:
    assert repair_cjk(damaged) == repaired


def test_repair_cjk_does_not_glue_item_number_to_following_year() -> None:
    # "1. 2023…" is item 1 followed by a year; only a digit run ending in % is a decimal.
    assert repair_cjk("1. 2023 年") == "1. 2023年"


def test_repair_cjk_converts_fullwidth_digits_and_percent() -> None:
    assert repair_cjk("２２.３％") == "22.3%"
    assert repair_cjk("占比２２．３％") == "占比22.3%"
    assert repair_cjk("国家５Ａ级") == "国家5A级"


def test_repair_cjk_keeps_fullwidth_cjk_punctuation() -> None:
    text = "截至4月30日，凤凰县地方财政收入完成27221万元；（详见附件1）“夜湘村”、。："
    assert repair_cjk(text) == text


def test_repair_cjk_strips_cell_edges_and_ideographic_space() -> None:
    assert repair_cjk("\u3000 正在摸底。\n") == "正在摸底。"
    assert repair_cjk("县文旅广\u3000电局") == "县文旅广电局"


def test_repair_cjk_long_cell_from_seed() -> None:
    damaged = (
        "截至4月30日，凤凰县地方财政收入完成27221万元，完成年初 预算数86748万元的31.38%，"
        "同比增加2096万元，增长8.34%。"
    )
    assert repair_cjk(damaged) == damaged.replace("年初 预算", "年初预算")


# ---------------------------------------------------------------- repair_cell


def test_repair_cell_without_item_marks_is_repair_cjk() -> None:
    text = "一是做好百家旅行\n社走进凤凰采风活动。\n二是做好自驾游\n活动。"
    assert repair_cell(text) == repair_cjk(text)
    assert repair_cell(text) == "一是做好百家旅行社走进凤凰采风活动。二是做好自驾游活动。"


def test_repair_cell_keeps_break_before_shi_items() -> None:
    text = "稳步筹备第二届湘西州旅游发展大会工作：一是做好百家旅行\n社走进凤凰采风活动。\n二是做好自驾游\n活动。\n三是“神秘湘西・天下凤凰”全城狂欢。"
    assert repair_cell(text, item=ITEM) == (
        "稳步筹备第二届湘西州旅游发展大会工作：一是做好百家旅行社走进凤凰采风活动。\n"
        "二是做好自驾游活动。\n"
        "三是“神秘湘西・天下凤凰”全城狂欢。"
    )


def test_repair_cell_keeps_break_before_numbered_items() -> None:
    text = "1.凤凰县打好经济增长主动仗重要指\n标监测表\n2、凤凰县打好科技\n创新攻坚仗\n（三）安全生产"
    assert repair_cell(text, item=ITEM) == (
        "1.凤凰县打好经济增长主动仗重要指标监测表\n2、凤凰县打好科技创新攻坚仗\n（三）安全生产"
    )


def test_repair_cell_joins_wrapped_decimal_at_line_start() -> None:
    # "2.5亿元" starting a line is a wrapped amount, not item 2.
    assert repair_cell("预计完成\n2.5亿元", item=ITEM) == "预计完成2.5亿元"


def test_repair_cell_drops_blank_lines() -> None:
    assert repair_cell("1.甲\n\n2.乙\n", item=ITEM) == "1.甲\n2.乙"


@pytest.mark.parametrize("line", ["2.县发改局", "2、县商务局", "（二）打好", "(2)x", "二是做好", "②做好", "２．做好"])
def test_starts_item_true(line: str) -> None:
    assert starts_item(line, ITEM)


@pytest.mark.parametrize("line", ["2.5亿元", "业开发区", "1-4月", "2023年", "是省委"])
def test_starts_item_false(line: str) -> None:
    assert not starts_item(line, ITEM)


def test_a_countys_item_marker_is_a_rules_edit(tmp_path) -> None:
    # a county whose cells list items as 其一/其二 says so in its claims.yaml; the shipped rules join them
    county = tmp_path / "county"
    county.mkdir()
    (county / "claims.yaml").write_text("cell_item: '^\\s*其[一二三四五六七八九十]+[，,、]'\n", encoding="utf-8")
    text = "两项工作：\n其一，修路；\n其二，建桥。"
    assert repair_cell(text, item=ITEM) == repair_cell(text, item=ITEM) == \
        "两项工作：其一，修路；其二，建桥。"
    assert repair_cell(text, item=cell_item(load_rules(county))) == "两项工作：\n其一，修路；\n其二，建桥。"


def test_fullwidth_to_ascii_leaves_cjk_punctuation() -> None:
    assert fullwidth_to_ascii("（１２ａＢ％．，）") == "（12aB%.，）"


# ------------------------------------------------------------------ properties

_BULLETIN_CHARS = st.sampled_from(
    list("凤凰县园区办产业开发一户表季度")
    + list("0123456789.%AaZz")
    + list("０１２３％．Ａ")
    + list("，、。；：（）“”,;:()-")
    + [" ", "\n", "\u3000", "\t"]
)
_BULLETIN_TEXT = st.lists(_BULLETIN_CHARS, max_size=40).map("".join)


@given(_BULLETIN_TEXT)
def test_repair_cjk_changes_only_what_squash_ignores(text: str) -> None:
    # Repairs touch whitespace and full-width ASCII only, never what texts are compared on.
    assert squash(repair_cjk(text)) == squash(text)


@given(_BULLETIN_TEXT)
def test_repair_cjk_returns_one_line_and_is_idempotent(text: str) -> None:
    once = repair_cjk(text)
    assert "\n" not in once
    assert repair_cjk(once) == once


@given(_BULLETIN_TEXT)
def test_repair_cell_keeping_item_breaks_matches_repair_cjk_after_squash(text: str) -> None:
    assert squash(repair_cell(text, item=ITEM)) == squash(text)


@given(st.text())
def test_repair_functions_never_raise(text: str) -> None:
    assert isinstance(repair_cjk(text), str)
    assert isinstance(repair_cell(text, item=ITEM), str)


def test_number_broken_by_a_narrow_cell_is_rejoined():
    assert repair_cjk("100.0\n0%") == "100.00%"
    assert repair_cjk("105.6\n7%") == "105.67%"
    assert repair_cjk("1 2") == "1 2"   # two numbers typed with a space stay apart
    assert repair_cjk("10\n0%") == "100%"
    assert repair_cjk("2021\n2022") == "2021 2022"


def test_justified_decimal_in_a_narrow_cell():
    assert repair_cjk("98 . 7\n5 %") == "98.75%"
