"""`zhuanbao history`: one indicator across a county's bulletins, scored on corpus/series.

The series (corpus/series, six 花垣县 bulletins from 2023年上半年 to 2024年1-6月) carries the true
series id of every row and the expected laggards in truth/history/series.json.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from paths import CORPUS, ROOT

import extract
import extract.history.link
from extract.chinese.text import squash
from extract.cli import main
from extract.history.history import build_history, find_laggards
from extract.settings.rules import load_rules

SERIES = CORPUS / "series"
TRUTH = json.loads((SERIES / "truth" / "history" / "series.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("series")
    assert main(["extract", str(SERIES / "pdf"), "--out", str(out), "--jobs", "2", "--no-cache"]) == 0
    assert main(["history", str(out)]) == 0
    return out


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def history(out_dir) -> pd.DataFrame:
    """history.csv with each row's true series id (sid) from the truth."""
    table = _read(out_dir / "history.csv")
    truth = {(b["name"], r["annex_no"], r["section"], r["seq"]): r for b in TRUTH["bulletins"] for r in b["rows"]}
    sids = []
    for row in table.itertuples():
        true_row = truth[(Path(row.file).stem, int(row.annex_no), row.section, row.seq)]
        assert squash(true_row["target"]) == squash(row.target)
        sids.append(true_row["sid"])
    return table.assign(sid=sids)


def _pairs(table: pd.DataFrame, column: str) -> set[frozenset]:
    """Every pair of rows that `column` says are the same indicator."""
    return {frozenset(pair) for _, group in table.groupby(column)
            for pair in itertools.combinations(group.index, 2)}


def test_links_on_the_series_match_the_truth(history):
    predicted, true = _pairs(history, "indicator_id"), _pairs(history, "sid")
    precision = len(predicted & true) / len(predicted)
    recall = len(predicted & true) / len(true)
    assert len(history) == sum(len(b["rows"]) for b in TRUTH["bulletins"]) == 290
    assert precision >= 0.99 and recall >= 0.97, (precision, recall)


def test_an_id_is_never_shared_by_two_rows_of_one_bulletin(history):
    assert not history.duplicated(["file", "indicator_id"]).any()
    assert history["indicator_id"].str.len().gt(0).all()


def test_links_carry_their_score_and_kind(history):
    first = history.groupby("indicator_id").head(1)
    assert (first["link"] == "new").all() and (first["link_score"] == "").all()
    later = history.drop(first.index)
    assert later["link"].isin(["next", "gap"]).all()
    assert later["link_score"].astype(float).between(0.72, 1.0).all()
    # E20 (粮食播种面积) skips huayuan-2024-04 and comes back with its id
    e20 = history[history["sid"] == "E20"]
    assert e20["indicator_id"].nunique() == 1 and e20["link"].tolist() == ["new", "next", "next", "gap", "next"]


def test_history_is_in_period_order_with_the_period_labels(history):
    labels = [b["period_label"] for b in TRUTH["bulletins"]]
    assert list(dict.fromkeys(history["period"])) == labels
    assert history["issuer"].unique().tolist() == [TRUTH["issuer"]]


def test_bulletins_csv_periods_match_the_truth(out_dir):
    bulletins = _read(out_dir / "bulletins.csv").assign(name=lambda t: t["file"].map(lambda f: Path(f).stem))
    got = bulletins.set_index("name")
    for b in TRUTH["bulletins"]:
        row = got.loc[b["name"]]
        assert (row["issuer"], row["period_start"], row["period_end"], row["period_label"], row["period_evidence"]) == \
            (TRUTH["issuer"], b["period_start"], b["period_end"], b["period_label"], b["period_evidence"]), b["name"]


def _expected_laggards(min_run: int) -> set[tuple]:
    label = {b["name"]: b["period_label"] for b in TRUTH["bulletins"]}
    return {(lag["sid"], lag["run"], label[lag["first"]], label[lag["last"]], str(lag["ongoing"]),
             squash(lag["target"]), lag["units"], squash(lag["last_progress"]))
            for lag in TRUTH["laggards"] if lag["run"] >= min_run}


def _found_laggards(laggards: pd.DataFrame, history: pd.DataFrame) -> list[tuple]:
    sid_of = history.groupby("indicator_id")["sid"].agg(lambda s: "/".join(sorted(set(s))))
    return [(sid_of[row.indicator_id], int(row.run), row.first_period, row.last_period, str(row.ongoing),
             squash(row.target), row.responsible_units, squash(row.last_progress))
            for row in laggards.itertuples()]


def test_laggards_csv_is_exactly_right(out_dir, history):
    laggards = _read(out_dir / "laggards.csv")
    found = _found_laggards(laggards, history)
    assert len(found) == len(set(found))
    assert set(found) == _expected_laggards(TRUTH["min_run"])
    assert len(found) == 21
    # the longest runs first: 技术合同成交额 behind in five bulletins in a row, across the year's end
    assert found[0][:2] == ("T05", 5)


def test_min_run_keeps_the_longer_runs(out_dir, history, tmp_path):
    assert main(["history", str(out_dir), "--min-run", "3", "--out", str(tmp_path)]) == 0
    found = _found_laggards(_read(tmp_path / "laggards.csv"), history)
    assert set(found) == _expected_laggards(3)
    assert {f[0] for f in found} == {"T05", "E07", "R04", "E01", "E02", "E15", "S03"}


def test_outputs_carry_the_bom_and_the_contract_columns(out_dir):
    for name, first in (("history.csv", "issuer,indicator_id,period,target,completion_ratio,status,file,link_score"),
                        ("laggards.csv", "issuer,indicator_id,run")):
        raw = (out_dir / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8-sig").startswith(first)


def test_python_api_returns_the_same_tables(out_dir, history):
    result = extract.read_history(out_dir)
    assert result.history["indicator_id"].tolist() == history["indicator_id"].tolist()
    series = result.series()
    assert len(series) == history["indicator_id"].nunique()
    t05 = series[series["indicator_id"] == history.loc[history["sid"] == "T05", "indicator_id"].iloc[0]].iloc[0]
    assert t05["statuses"] == ["behind"] * 5 + ["on_track"]
    assert len(t05["completion"]) == 6 and t05["periods"][0] == "2023年上半年"


def test_outputs_of_an_older_extract_without_periods_get_them_from_the_title(out_dir, tmp_path, history):
    """bulletins.csv written before the period columns existed: the same order, the same links."""
    shutil.copy(out_dir / "indicators.csv", tmp_path)
    bulletins = _read(out_dir / "bulletins.csv")
    bulletins.drop(columns=["period_start", "period_end", "period_label", "period_evidence"]) \
        .sample(frac=1, random_state=3).to_csv(tmp_path / "bulletins.csv", index=False)
    again = extract.read_history(tmp_path).history
    assert again["indicator_id"].tolist() == history["indicator_id"].tolist()


# --- linking, on hand-made tables ------------------------------------------------------------------

ISSUER = "花垣县人民政府督查室"


def _tables(bulletins: list[list[tuple]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """bulletins: per bulletin, rows of (campaign, section, target, units, status)."""
    b_rows, i_rows = [], []
    for k, rows in enumerate(bulletins):
        file = f"b{k}.pdf"
        b_rows.append({"file": file, "status": "ok", "issuer": ISSUER, "title": f"{2020 + k}年第一季度工作情况专报",
                       "doc_number": f"花政督函〔{2020 + k}〕1号", "date": ""})
        for n, (campaign, section, target, units, status) in enumerate(rows, start=1):
            i_rows.append({"file": file, "annex_no": "1", "campaign": campaign, "section": section, "seq": str(n),
                           "target": target, "responsible_units": units, "progress": f"进展{k}-{n}",
                           "completion_raw": "", "completion_ratio": "", "status": status})
    return pd.DataFrame(b_rows), pd.DataFrame(i_rows)


ECO = "打好经济增长主动仗"
LIFE = "打好重点民生保障仗"


def _ids(bulletins, rules=None) -> list[list[str]]:
    history = build_history(*_tables(bulletins), rules or load_rules())
    return [group["indicator_id"].tolist() for _, group in history.groupby("file", sort=True)]


def test_the_same_wording_in_two_sub_tables_stays_two_indicators():
    """农村公路提质改造 in both the 省 and the 州 table, the same unit: told apart by the sub-table."""
    province, prefecture = "省重点民生实事项目", "州定民生实事项目"
    ids = _ids([
        [(LIFE, province, "完成农村公路提质改造30公里。", "县交通运输局", "behind"),
         (LIFE, prefecture, "完成农村公路提质改造15公里。", "县交通运输局", "on_track")],
        [(LIFE, prefecture, "完成农村公路提质改造20公里。", "县交通运输局", "on_track"),
         (LIFE, province, "完成农村公路提质改造35公里。", "县交通运输局", "behind")],
    ])
    assert len(set(ids[0])) == 2 and ids[1] == [ids[0][1], ids[0][0]]


def test_identical_rows_in_one_bulletin_never_share_an_id():
    row = (ECO, "", "新增规模以上工业企业8家。", "县工信局", "on_track")
    ids = _ids([[row, row, row], [row, row]])
    assert len(set(ids[0])) == 3 and len(set(ids[1])) == 2 and set(ids[1]) <= set(ids[0])


def test_reworded_numbers_link_and_a_new_indicator_does_not():
    ids = _ids([
        [(ECO, "", "2023年度地区生产总值增长7.5%以上。", "县发改局", "behind"),
         (ECO, "", "净增高新技术企业3家。", "县科工局", "on_track"),
         (ECO, "", "新增科技特派员服务企业20家。", "县科工局", "on_track")],
        [(ECO, "", "净增高新技术企业5家。", "县科技局", "on_track"),        # reworded, unit renamed
         (ECO, "", "2024年度地区生产总值增长8%以上。", "县发改局", "behind"),  # and reordered
         (ECO, "", "城乡居民医保参保人数稳定在25万人以上。", "县医保局", "on_track")],  # new
    ])
    assert ids[1][0] == ids[0][1] and ids[1][1] == ids[0][0]
    assert ids[1][2] not in ids[0]     # not forced onto the dropped 科技特派员 row


def test_a_gap_is_bridged_only_when_the_rules_say_so(tmp_path):
    gdp = (ECO, "", "地区生产总值增长7.5%以上。", "县发改局", "behind")
    other = (ECO, "", "社会消费品零售总额增长7%。", "县商务局", "on_track")
    bulletins = [[gdp, other], [other], [gdp, other]]
    ids = _ids(bulletins)
    assert ids[2][0] == ids[0][0]
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    text = (ROOT / "rules" / "history.yaml").read_text(encoding="utf-8").replace("max_gap: 1", "max_gap: 0")
    (rules_dir / "history.yaml").write_text(text, encoding="utf-8")
    ids = _ids(bulletins, load_rules(rules_dir))
    assert ids[2][0] != ids[0][0] and ids[2][1] == ids[0][1]


def test_a_gap_breaks_a_laggards_run():
    gdp = (ECO, "", "地区生产总值增长7.5%以上。", "县发改局", "behind")
    other = (ECO, "", "社会消费品零售总额增长7%。", "县商务局", "behind")
    rules = load_rules()
    history = build_history(*_tables([[gdp, other], [other], [gdp, other], [gdp]]), rules)
    laggards = find_laggards(history, rules)
    assert sorted(zip(laggards["target"], laggards["run"], laggards["ongoing"])) == [
        ("地区生产总值增长7.5%以上。", 2, True), ("社会消费品零售总额增长7%。", 3, False)]


def test_issuers_are_linked_separately():
    row = (ECO, "", "地区生产总值增长7.5%以上。", "县发改局", "behind")
    bulletins, indicators = _tables([[row], [row]])
    bulletins.loc[1, "issuer"] = "保靖县人民政府督查室"
    history = build_history(bulletins, indicators, load_rules())
    assert history["indicator_id"].nunique() == 2
    assert find_laggards(history, load_rules()).empty


# --- bad input ---------------------------------------------------------------------------------------

def test_bad_folders_give_a_one_line_error(tmp_path, capsys):
    assert main(["history", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["history", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no bulletins.csv" in err and "Traceback" not in err
    (tmp_path / "bulletins.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "indicators.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["history", str(tmp_path)]) == 2
    assert "has no column" in capsys.readouterr().err
    assert not (tmp_path / "history.csv").exists()


def test_min_run_below_one_is_a_usage_error(out_dir, capsys):
    assert main(["history", str(out_dir), "--min-run", "0"]) == 2
    assert "--min-run" in capsys.readouterr().err


def test_the_report_shows_the_laggards_with_their_completion_over_time(out_dir, tmp_path):
    """After `zhuanbao history`, report.html lists each laggard run with a sparkline of its
    completion ratio, one dot per bulletin of the indicator (red where it was behind)."""
    import re

    html_path = tmp_path / "report.html"
    assert main(["report", str(out_dir), "--html", str(html_path)]) == 0
    html = html_path.read_text(encoding="utf-8")
    laggards = _read(out_dir / "laggards.csv")
    rows = re.findall(r'<tr data-id="([^"]+)">(.*?)</tr>', html, flags=re.S)
    assert [i for i, _ in rows] == list(laggards["indicator_id"])
    history = _read(out_dir / "history.csv")
    for (indicator_id, row), (_, lag) in zip(rows, laggards.iterrows()):
        mine = history[history["indicator_id"] == indicator_id]
        assert row.count("<circle") == len(mine) and int(lag["run"]) >= 2
        assert row.count('class="status-behind"') >= int(lag["run"])


# --- issue 24: hostile output folders and rules ------------------------------------------------

_NOT_MASKED = [chr(c) for c in range(0x5000, 0x7000) if chr(c) not in "零〇一二两三四五六七八九十百千个家项件所名户套座条次人亿万元"]


def _distinct(n: int) -> list[list[tuple]]:
    """Two bulletins of n rows, every target and unit set its own; each row of the second is its
    partner of the first with the target's last character changed."""
    rng = random.Random(24)
    first = [(ECO, "", "".join(rng.choices(_NOT_MASKED, k=12)), "县" + "".join(rng.choices(_NOT_MASKED, k=3)) + "局",
              "behind") for _ in range(n)]
    second = [(c, s, t[:-1] + rng.choice(_NOT_MASKED), u, st) for c, s, t, u, st in first]
    return [first, second]


def test_linking_memory_is_bounded_by_max_score_cells(tmp_path, monkeypatch):
    """600 distinct unit sets: the old per-issuer table of every unit set against every other had
    600 x 600 cells, and two bulletins of 300 rows a 300 x 300 score matrix; a budget of 10,000
    cells (history.max_score_cells) bounds every matrix built, with the same links."""
    cells: list[int] = []
    real = extract.history.link.cdist

    def counting(a, b, **kw):
        cells.append(len(a) * len(b))
        return real(a, b, **kw)

    monkeypatch.setattr(extract.history.link, "cdist", counting)
    bulletins = _distinct(300)
    dense = _ids(bulletins)
    assert dense[1] == dense[0] and len(set(dense[0])) == 300
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "limits.yaml").write_text("history: {max_score_cells: 10000}\n", encoding="utf-8")
    cells.clear()
    assert _ids(bulletins, load_rules(rules_dir)) == dense
    assert cells and max(cells) <= 10_000


def _write_outputs(out: Path, bulletins: list[list[tuple]]) -> Path:
    out.mkdir()
    b, i = _tables(bulletins)
    b.to_csv(out / "bulletins.csv", index=False)
    i.to_csv(out / "indicators.csv", index=False)
    return out


def test_a_rules_pattern_that_never_ends_times_out_in_one_line(tmp_path, capsys):
    row = (ECO, "", "a" * 40 + "!", "县发改局", "behind")
    out = _write_outputs(tmp_path / "out", [[row], [row]])
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "history.yaml").write_text("mask:\n  - {pattern: '(a|a)+$', replace: ''}\n", encoding="utf-8")
    assert main(["history", str(out), "--rules", str(rules_dir), "--timeout", "3"]) == 2
    err = capsys.readouterr().err
    assert "timed out after 3s" in err and len(err.strip().splitlines()) == 1
    assert not (out / "history.csv").exists() and not (out / "laggards.csv").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("name", ["indicators.csv", "bulletins.csv"])
def test_a_fifo_as_a_table_is_refused_not_read(tmp_path, capsys, name):
    row = (ECO, "", "地区生产总值增长7.5%以上。", "县发改局", "behind")
    out = _write_outputs(tmp_path / "out", [[row], [row]])
    (out / name).unlink()
    os.mkfifo(out / name)
    assert main(["history", str(out), "--timeout", "60"]) == 2
    err = capsys.readouterr().err
    assert f"{name}: not a regular file" in err and len(err.strip().splitlines()) == 1


def test_a_byte_identical_copy_of_a_bulletin_is_counted_once():
    gdp = (ECO, "", "地区生产总值增长7.5%以上。", "县发改局", "behind")
    bulletins, indicators = _tables([[gdp], [gdp], [gdp]])
    bulletins["sha256"] = [f"{k:064x}" for k in range(3)]
    copy = bulletins.iloc[[1]].assign(file="b1 (1).pdf")   # the same download twice
    bulletins = pd.concat([bulletins, copy], ignore_index=True)
    indicators = pd.concat([indicators, indicators[indicators["file"] == "b1.pdf"].assign(file="b1 (1).pdf")],
                           ignore_index=True)
    rules = load_rules()
    history = build_history(bulletins, indicators, rules)
    assert "b1 (1).pdf" not in set(history["file"]) and len(history) == 3
    assert find_laggards(history, rules)["run"].tolist() == [3]


def test_one_bulletin_is_nothing_to_compare_not_a_clean_history(tmp_path, capsys):
    # a single bulletin links nothing: that is no "no indicator is behind"
    one = sorted((SERIES / "pdf").glob("*.pdf"))[0]
    assert main(["extract", str(one), "--out", str(tmp_path), "--no-cache"]) == 0
    capsys.readouterr()
    assert main(["history", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Nothing to compare" in out and "No indicator is behind" not in out
