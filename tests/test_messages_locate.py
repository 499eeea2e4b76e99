"""A finding in Chinese (rules/review.yaml), and finding its sentence in printed text."""
from __future__ import annotations

import dataclasses

import regex as re

from extract.chinese.numbers import CountWords
from extract.model import Finding, FindingKind
from extract.outputs.locate import find_sentence
from extract.outputs.messages import message, wording
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts

TEXT = "（一）打好经济增长主动仗。共有重点监测指标四十项，截至目前，已完成年度任务十项，占比百分之二十五；有序推进三十项。"


def _finding(**fields) -> Finding:
    finding = Finding(file="x.pdf", kind="percent_mismatch", severity="error", annex_no=2, campaign="打好科技创新攻坚仗",
                      detail="(二) 已完成年度任务 4/18: stated 22.3%, computed 22.2%", page=1, label="已完成年度任务",
                      stated="22.3%", computed="22.2%", basis="4/18")
    return dataclasses.replace(finding, **fields)


def test_a_finding_in_chinese(rules):
    assert message(_finding(), rules.review) == "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%"
    # the shares of one total: no basis, so the second template of the kind
    assert wording(_finding(stated="99.9%（22.3% + 77.6%）", computed="100%", basis=""), rules.review) == \
        "各项占比之和为99.9%（22.3% + 77.6%），应为100%"
    # no annex: the template without one
    total = _finding(kind="total_vs_table", label="共有重点监测指标", stated="27", computed="26", basis="")
    assert wording(total, rules.review) == "共有重点监测指标：文中总数为27，附件2表中为26"
    assert wording(dataclasses.replace(total, annex_no=None), rules.review) == "文中总数为27，附件表中为26"


def test_a_kind_without_a_template_keeps_its_detail(rules):
    review = dataclasses.replace(rules.review, templates={})
    f = _finding(kind="name_variant", severity="warning", detail="'县发改局' is written '县发展改革局'")
    assert message(f, review) == "【警告】'县发改局' is written '县发展改革局'"


def test_every_finding_kind_has_a_chinese_template(rules):
    assert set(rules.review.templates) == set(FindingKind)


def test_the_new_kinds_in_chinese(rules):
    variant = _finding(kind="name_variant", severity="warning", stated="大唐领域", computed="大唐领御", basis="",
                       label="")
    assert message(variant, rules.review) == "【警告】名称不一致：文中为“大唐领域”，附件2表中为“大唐领御”"
    # statuses are shown in the status_names wording
    status = _finding(kind="named_item_status", stated="behind", computed="completed", basis="新建5G基站")
    assert wording(status, rules.review) == "文中将“新建5G基站”列为滞后，附件2表中为已完成"
    unchecked = _finding(kind="unchecked", severity="info", label="", stated="", computed="", basis="",
                         detail="not checked: no annex table is linked to this section")
    assert message(unchecked, rules.review) == "【说明】未核对：not checked: no annex table is linked to this section"
    words = _finding(kind="unknown_status_words", severity="info", stated="待定、缓办", computed="", basis="")
    assert wording(words, rules.review).startswith("附件2表中的进展用语“待定、缓办”未能识别")


def test_a_template_naming_an_unknown_field_is_not_used(rules):
    review = dataclasses.replace(rules.review, templates={"percent_mismatch": ("{label.__class__}", "{stated}→{computed}")})
    assert wording(_finding(), review) == "22.3%→22.2%"


def test_the_sentence_as_printed_with_chinese_numerals():
    span = find_sentence("共有重点监测指标40项，截至目前，已完成年度任务10项，占比25%；", TEXT, 80, align_max_chars=1000, words=WORDS)
    assert TEXT[span[0]:span[1]] == "共有重点监测指标四十项，截至目前，已完成年度任务十项，占比百分之二十五；"
    span = find_sentence("有序推进30项。", TEXT, 80, align_max_chars=1000, words=WORDS)
    assert TEXT[span[0]:span[1]] == "有序推进三十项。"


def test_line_breaks_and_full_width_digits_do_not_matter():
    printed = "共有重点监测指标１８项，截\n至目前，已完成年度任务４项，占比２２．３％；进展有序"
    span = find_sentence("共有重点监测指标18项，截至目前，已完成年度任务4项，占比22.3%；", printed, 80, align_max_chars=1000, words=WORDS)
    assert printed[span[0]:span[1]] == "共有重点监测指标１８项，截\n至目前，已完成年度任务４项，占比２２．３％；"


def test_a_sentence_with_a_changed_word_is_aligned_and_one_that_is_not_there_is_not():
    printed = "近期工作。处于前期准备阶段5项，占比16.66%，1项待州里下达具体任务。其他。"
    span = find_sentence("处于前期准备阶段5项，占比16.66%，1项待州级下达具体任务。", printed, 80, align_max_chars=1000, words=WORDS)
    assert printed[span[0]:span[1]] == "处于前期准备阶段5项，占比16.66%，1项待州里下达具体任务。"
    assert find_sentence("完全无关的一句话出现在这里。", printed, 80, align_max_chars=1000, words=WORDS) is None


def test_every_reason_a_statement_was_not_checked_has_the_readers_words(rules):
    """A new reason in the code without its wording in review.yaml fails here, not in a reader's face."""
    from extract.model import Unchecked

    assert set(rules.review.reasons) == {reason.value for reason in Unchecked}
    assert all(re.search(r"\p{Han}", words) for words in rules.review.reasons.values())


def test_an_unchecked_statement_is_told_by_its_reason_not_in_english(rules):
    """Office staff read Chinese: 未核对 and why, in words; the English detail keeps the figures."""
    from pathlib import Path

    from extract.pipeline import process_file

    genres = Path(__file__).resolve().parents[1] / "corpus" / "genres" / "docx"
    findings = [f for path in sorted(genres.glob("*.docx")) for f in process_file(path, rules).findings
                if f.kind is FindingKind.UNCHECKED]
    assert len({f.reason for f in findings}) >= 6, {f.reason for f in findings}   # the genres reach many reasons
    for f in findings:
        assert f.reason is not None, f.detail
        said = wording(f, rules.review)
        assert said.startswith("未核对") and said.endswith(rules.review.reasons[f.reason]), said
        assert not re.search(r"[A-Za-z]{3,}", said), said
        assert f.detail.startswith("not checked")


def test_a_finding_without_a_reason_keeps_its_detail(rules):
    unread = _finding(kind="unchecked", severity="info", label="", detail="not checked: an older findings.csv")
    assert wording(unread, rules.review) == "未核对：not checked: an older findings.csv"


def test_a_sum_is_worded_in_the_unit_its_counts_count(rules):
    """件 in a hotline bulletin, 项 in a task list, and no unit where stated and computed carry their own."""
    sums = _finding(kind="sum_mismatch", label="", stated="28440", computed="23575", basis="12459 + 5667 + 5449")
    assert wording(dataclasses.replace(sums, unit="件"), rules.review) == \
        "各分项之和为23575件（12459 + 5667 + 5449），总数为28440件"
    amounts = dataclasses.replace(sums, stated="212.6亿元", computed="222.6亿元", basis="150.3亿元 + 72.3亿元")
    assert wording(amounts, rules.review) == "各分项之和为222.6亿元（150.3亿元 + 72.3亿元），总数为212.6亿元"
