"""Golden tests on the corpus: the scorer's figures are pinned, so they can only improve.

Every corpus bulletin, as its PDF (LibreOffice print), as its .docx draft and as two layout variants
of the PDF (pages turned; header repetition swapped), must give every truth row, every field right,
and exactly the expected findings (recall and precision 100%).
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from extract.eval import FIELDS, evaluate_corpus
from extract.export import finding_row, indicator_row
from extract.pipeline import process_file
from extract.text import squash

from conftest import CORPUS

NAMES = sorted(p.stem for p in (CORPUS / "truth").glob("*.json"))
# the pinned floor: raise these when the pipeline improves, never lower them
PINNED = {"row_recall": 1.0, "findings_recall": 1.0, "findings_precision": 1.0,
          **{f"field:{f}": 1.0 for f in FIELDS}}


@pytest.fixture(scope="module")
def scores():
    return evaluate_corpus(CORPUS, kinds=("pdf", "docx", "variants"))


VARIANTS = sorted(p.name for p in (CORPUS / "variants").glob("*.pdf"))
DOCS = [f"{n}.{k}" for n in NAMES for k in ("pdf", "docx")] + VARIANTS


def test_corpus_has_five_bulletins_in_both_forms_and_two_layout_variants(scores):
    assert len(NAMES) >= 5 and len(VARIANTS) == 2 * len(NAMES)
    assert set(scores["bulletins"]) == set(DOCS)


@pytest.mark.parametrize("doc", DOCS)
def test_every_row_found_and_every_field_right(scores, doc):
    s = scores["bulletins"][doc]
    assert s["status"] == "ok", s["error"]
    for annex, a in s["annexes"].items():
        assert a["found"] == a["expected"] == a["aligned"], (annex, a)
    assert s["mismatches"] == []


@pytest.mark.parametrize("doc", DOCS)
def test_findings_are_exactly_the_expected_ones(scores, doc):
    s = scores["bulletins"][doc]
    assert s["findings_found"] == s["findings_expected"]


def test_overall_figures_do_not_regress(scores):
    o = scores["overall"]
    measured = {"row_recall": o["row_recall"], "findings_recall": o["findings_recall"],
                "findings_precision": o["findings_precision"],
                **{f"field:{f}": o["field_accuracy"][f] for f in FIELDS}}
    for key, floor in PINNED.items():
        assert measured[key] >= floor, (key, measured[key])


def _comparable(rows: list[dict], drop: tuple[str, ...]) -> list[dict]:
    return [{k: squash(str(v)) for k, v in r.items() if k not in drop} for r in rows]


@pytest.mark.parametrize("name", NAMES)
def test_docx_draft_and_pdf_agree(name, rules):
    """A writer checking the draft gets what the finished PDF would give (issue: drafts)."""
    pdf = process_file(CORPUS / "pdf" / f"{name}.pdf", rules)
    docx = process_file(CORPUS / "docx" / f"{name}.docx", rules)
    place = ("file", "page_start", "page_end", "where", "page")
    assert _comparable([indicator_row(i) for i in pdf.indicators], place) == \
        _comparable([indicator_row(i) for i in docx.indicators], place)
    assert _comparable([finding_row(f) for f in pdf.findings], place) == \
        _comparable([finding_row(f) for f in docx.findings], place)
    assert pdf.header == docx.header


def test_docx_findings_name_the_paragraph(rules):
    result = process_file(CORPUS / "docx" / "fenghuang-2023-13.docx", rules)
    assert result.findings and all(f.page is None and f.locator.startswith("第") and f.locator.endswith("段")
                                   for f in result.findings)


def test_scanned_variant_is_a_clear_error(rules):
    scans = sorted((CORPUS / "scan").glob("*.pdf"))
    assert scans, "the corpus must carry a scanned variant"
    for scan in scans:
        result = process_file(scan, rules)
        assert result.status == "error" and result.error.startswith("no text layer"), result.error


def test_reference_pdf_golden_header_and_counts(rules):
    truth = json.loads((CORPUS / "truth" / "fenghuang-2023-13.json").read_text(encoding="utf-8"))
    result = process_file(CORPUS / "pdf" / "fenghuang-2023-13.pdf", rules)
    assert (result.header.issuer, result.header.doc_number, result.header.title) == \
        (truth["issuer"], truth["doc_number"], truth["title"])
    per_annex = Counter(i.annex_no for i in result.indicators)
    assert per_annex == {1: 40, 2: 18, 3: 5, 4: 39, 5: 23, 6: 61}
    row21 = [i for i in result.indicators if i.annex_no == 1 and i.seq == "21"]
    assert len(row21) == 1 and row21[0].target.count("\n") == 1    # two sub-rows, one indicator
