"""Naive baselines (extract/evaluation/baselines.py): the raw libraries' tables without zhuanbao's repairs.

On the smallest corpus bulletin (by pages) the raw pdfplumber rows must be worse than the pipeline's:
more rows than expected (repeated header rows and rows split by page breaks kept as records), fewer
aligned rows, fewer right targets. Camelot is slow (about 4 s on this 11-page file), so only its
shape and the same comparison are checked; the timing belongs to `zhuanbao eval --baselines`.
"""
from __future__ import annotations

import json
import time

import pdfplumber
import pytest
from paths import CORPUS

from extract.evaluation.baselines import raw_indicators
from extract.evaluation.corpus import _slim, baselines_table, overall, score_bulletin
from extract.outputs.export import INDICATOR_COLUMNS, indicator_row
from extract.pipeline import process_file


def _smallest_pdf():
    def pages(path):
        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)

    return min(sorted((CORPUS / "pdf").glob("*.pdf")), key=pages)


@pytest.fixture(scope="module")
def small():
    path = _smallest_pdf()
    truth = json.loads((CORPUS / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
    return path, truth


@pytest.fixture(scope="module")
def pipeline_score(small, rules):
    path, truth = small
    result = process_file(path, rules)
    return score_bulletin(truth, [indicator_row(i) for i in result.indicators], [])


def test_raw_rows_have_the_indicator_shape(small, rules):
    path, truth = small
    rows = raw_indicators(path, "pdfplumber", rules)
    assert rows and all(list(r) == INDICATOR_COLUMNS for r in rows)
    assert {r["annex_no"] for r in rows} == {int(r["annex_no"]) for r in truth["indicators"]}
    # nothing before the first annex heading, every row from a page of its annex
    assert all(isinstance(r["page_start"], int) for r in rows)


def test_pipeline_beats_raw_pdfplumber(small, rules, pipeline_score):
    path, truth = small
    raw = score_bulletin(truth, raw_indicators(path, "pdfplumber", rules), [])
    expected = len(truth["indicators"])
    # repeated headers and rows split across pages stay in the raw rows
    assert raw["rows_found"] > expected
    assert pipeline_score["rows_found"] == expected
    assert pipeline_score["rows_aligned"] > raw["rows_aligned"]
    # right targets among the expected rows
    assert pipeline_score["field_hits"].get("target", 0) > raw["field_hits"].get("target", 0)
    assert _slim(pipeline_score)["rows_all_right"] > _slim(raw)["rows_all_right"]


def test_pipeline_beats_raw_camelot(small, rules, pipeline_score):
    pytest.importorskip("camelot")
    path, truth = small
    started = time.perf_counter()
    rows = raw_indicators(path, "camelot", rules)
    if time.perf_counter() - started > 10:
        pytest.skip("camelot took over 10 s on this machine")
    raw = score_bulletin(truth, rows, [])
    assert rows and all(list(r) == INDICATOR_COLUMNS for r in rows)
    assert pipeline_score["rows_aligned"] > raw["rows_aligned"]
    assert pipeline_score["field_hits"].get("target", 0) > raw["field_hits"].get("target", 0)


def test_unknown_engine(small, rules):
    with pytest.raises(ValueError):
        raw_indicators(small[0], "tabula", rules)


def test_baselines_table_has_a_column_per_system(small, rules, pipeline_score):
    path, truth = small
    raw = score_bulletin(truth, raw_indicators(path, "pdfplumber", rules), [])
    systems = {
        "zhuanbao pdfplumber": {"seconds": 1.0, "overall": overall([pipeline_score]),
                                "bulletins": {path.name: _slim(pipeline_score)}},
        "raw pdfplumber": {"seconds": None, "overall": overall([raw]), "bulletins": {path.name: _slim(raw)}},
    }
    table = baselines_table({"systems": systems})
    assert [c.header for c in table.columns] == ["measure", "zhuanbao pdfplumber", "raw pdfplumber"]
    assert table.row_count >= 10
