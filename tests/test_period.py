"""A bulletin's reporting period from its title, date and doc number (rules/periods.yaml)."""
from __future__ import annotations

import shutil

import pytest
from paths import ROOT

from extract.chinese.period import Period, read_period, with_period
from extract.cli import main
from extract.model import Header
from extract.settings.rules import load_rules

DOC = "花政督函〔2023〕12号"


@pytest.fixture(scope="module")
def periods():
    return load_rules()


@pytest.mark.parametrize("title, date, expected", [
    ("花垣县打好“发展六仗”2023年第三季度工作情况专报", "2023年10月20日",
     ("2023-07-01", "2023-09-30", "2023年第三季度", "title")),
    ("全县重点工作1-9月推进情况通报", "2023年10月8日", ("2023-01-01", "2023-09-30", "2023年1-9月", "title+date")),
    ("全县重点工作１－９月推进情况通报", "2023年10月8日", ("2023-01-01", "2023-09-30", "2023年1-9月", "title+date")),
    ("全县重点工作1月至5月推进情况通报", "2023年6月8日", ("2023-01-01", "2023-05-31", "2023年1-5月", "title+date")),
    ("关于2024年上半年重点工作推进情况的通报", "2024年7月2日", ("2024-01-01", "2024-06-30", "2024年上半年", "title")),
    ("吉首市打好“发展六仗”一季度工作情况专报", "2024年4月22日",
     ("2024-01-01", "2024-03-31", "2024年第一季度", "title+date")),
    ("重点指标截至9月底完成情况通报", "2023年10月12日", ("2023-01-01", "2023-09-30", "2023年1-9月", "title+date")),
    ("2023年5月重点工作督查专报", "2023年6月2日", ("2023-05-01", "2023-05-31", "2023年5月", "title")),
    ("重点工作十一月份督查专报", "2023年12月4日", ("2023-11-01", "2023-11-30", "2023年11月", "title+date")),
    ("2023年前三季度重点工作督查专报", "2023年10月30日", ("2023-01-01", "2023-09-30", "2023年前三季度", "title")),
    ("2023年度重点工作完成情况通报", "2024年1月25日", ("2023-01-01", "2023-12-31", "2023年", "title")),
    ("2023年下半年重点工作专报", "", ("2023-07-01", "2023-12-31", "2023年下半年", "title")),
])
def test_the_period_named_in_the_title(periods, title, date, expected):
    assert read_period(title, date, DOC, periods) == Period(*expected)


def test_a_year_end_report_printed_in_january_is_about_the_year_before(periods):
    assert read_period("打好“发展六仗”第四季度工作情况专报", "2024年1月19日", "花政督函〔2024〕1号", periods) == \
        Period("2023-10-01", "2023-12-31", "2023年第四季度", "title+date")
    assert read_period("全年工作完成情况通报", "2024年1月10日", "", periods) == \
        Period("2023-01-01", "2023-12-31", "2023年", "title+date")
    # a quarter that has just ended stays in its own year
    assert read_period("第三季度工作情况专报", "2023年10月9日", "", periods).start == "2023-07-01"


def test_without_a_period_in_the_title_the_date_then_the_doc_number(periods):
    title = "凤凰县打好“发展六仗”工作情况专报"
    assert read_period(title, "2023年5月12日", "凤政督函〔2023〕13号", periods) == \
        Period("2023-01-01", "2023-05-12", "2023年截至5月12日", "date")
    assert read_period(title, "", "凤政督函〔2023〕13号", periods) == \
        Period("2023-01-01", "2023-12-31", "2023年", "doc_number")
    assert read_period("第三季度工作情况专报", "", "凤政督函〔2023〕13号", periods) == \
        Period("2023-07-01", "2023-09-30", "2023年第三季度", "title+doc_number")
    assert read_period(title, "", "", periods) == Period()
    assert read_period("第三季度工作情况专报", "", "", periods) == Period()


def test_impossible_numbers_fall_back_instead_of_failing(periods):
    assert read_period("重点工作13月份专报", "2023年6月2日", "", periods).evidence == "date"
    assert read_period("重点工作9-3月专报", "2023年6月2日", "", periods).evidence == "date"
    assert read_period("工作情况专报", "2023年2月30日", DOC, periods).evidence == "doc_number"
    assert read_period("工作情况专报", "二〇二三年五月十二日", DOC, periods).end == "2023-05-12"


def test_header_gets_the_period_fields(periods):
    header = with_period(Header("泸溪县人民政府督查室", "泸政督函〔2023〕7号", "泸溪县打好“发展六仗”工作情况专报",
                                "2023年6月16日"), periods)
    assert (header.period_start, header.period_end, header.period_evidence) == ("2023-01-01", "2023-06-16", "date")
    assert header.issuer == "泸溪县人民政府督查室"


def test_a_countys_own_wording_is_a_rules_edit(tmp_path):
    """A county that writes its quarters as 'Q3' adds a pattern to its own periods.yaml."""
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "periods.yaml", rules)
    text = (rules / "periods.yaml").read_text(encoding="utf-8")
    text = text.replace("patterns:\n", "patterns:\n  - kind: quarter\n    regex: 'Q(?P<n>[1-4])'\n", 1)
    (rules / "periods.yaml").write_text(text, encoding="utf-8")
    own = load_rules(rules)
    assert read_period("2023年 Q3 督查专报", "", "", own) == \
        Period("2023-07-01", "2023-09-30", "2023年第三季度", "title")
    assert read_period("2023年 Q3 督查专报", "", "", load_rules()) == Period()


def test_bulletins_csv_carries_the_period(mini_pdf, tmp_path):
    import pandas as pd

    assert main(["extract", str(mini_pdf), "--out", str(tmp_path), "--jobs", "1", "--no-cache"]) == 0
    row = pd.read_csv(tmp_path / "bulletins.csv", dtype=str, keep_default_na=False).iloc[0]
    assert row["period_end"] and row["period_evidence"] in ("title", "title+date", "date", "doc_number")
    assert row["period_start"] <= row["period_end"]
