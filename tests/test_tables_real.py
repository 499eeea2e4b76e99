"""Tables of real government PDFs (corpus-real): detection, stitching, dumping.

The corpus sits next to the repository (../shared/corpus-real); the tests skip without it. The 85-page
CSRC file is read once per session (module fixture), about 3 s.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from paths import CORPUS_REAL

from extract.model import Grid, ReadChoice, TextLine
from extract.readers.pdf import read_pdf_pages
from extract.settings.rules import load_rules
from extract.tables.dump import table_files, write_tables
from extract.tables.stitch import stitch_document

CSRC = CORPUS_REAL / "csrc-2018q3-listed-company-industry-classification.pdf"
HONGZE = CORPUS_REAL / "hongze-district-2023-gov-info-disclosure-annual-report.pdf"
WANLI = CORPUS_REAL / "putuo-wanli-subdistrict-2023-dept-budget.pdf"
FINANCE = CORPUS_REAL / "putuo-finance-bureau-2024-final-accounts.pdf"

pytestmark = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="corpus-real not available")

CSRC_HEADER = ["门类名称及代码", "行业大类代码", "行业大类名称", "上市公司代码", "上市公司简称"]
CSRC_COMPANIES = 3563      # 6-digit 上市公司代码 in the file (checked by hand against pdfium's text)

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def _read(path: Path):
    doc, infos = read_pdf_pages(path, SHIPPED)
    return doc, stitch_document(doc, SHIPPED.geometry.stitch, SHIPPED.document, page_heights={i.number: i.height for i in infos})


@pytest.fixture(scope="module")
def csrc():
    return _read(CSRC)


def _codes_by_pdfium(path: Path) -> int:
    """Company codes counted through another PDF engine's text layer (independent of pdfplumber)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return sum(len(re.findall(r"(?<!\d)\d{6}(?!\d)", pdf[i].get_textpage().get_text_range()))
                   for i in range(len(pdf)))
    finally:
        pdf.close()


def test_csrc_is_one_table_with_every_row(csrc):
    doc, tables = csrc
    fragments = [b for b in doc.blocks if isinstance(b, Grid)]
    assert doc.pages == 85 and len(fragments) == 85
    # each page repeats the header: raw rows minus one header row per page
    expected = sum(len(f.rows) - 1 for f in fragments)
    assert [[c.text for c in f.rows[0]] for f in fragments] == [CSRC_HEADER] * 85
    assert len(tables) == 1
    [t] = tables
    assert [c.text for c in t.header[0]] == CSRC_HEADER and len(t.header) == 1
    assert len(t.rows) == expected == CSRC_COMPANIES == _codes_by_pdfium(CSRC)
    assert (t.page_start, t.page_end) == (1, 85)
    assert all(re.fullmatch(r"\d{6}", row[3].text) for row in t.rows)
    assert len({row[3].text for row in t.rows}) == CSRC_COMPANIES
    assert all(row[4].text for row in t.rows)


def test_csrc_group_cells_continue_across_pages(csrc):
    _, [t] = csrc
    # 门类 A spans the bottom of page 1 and the top of page 2: one merged cell
    first_p2 = next(i for i, p in enumerate(t.row_pages) if p[0] == 2)
    assert t.rows[first_p2][0] is t.rows[first_p2 - 1][0]
    assert t.rows[first_p2][0].text.startswith("农、林、牧、渔业")
    # origins index the logical table
    for r, row in enumerate(t.rows):
        for cell in row:
            orow, ocol = cell.origin
            assert t.rows[orow][ocol] is cell and orow <= r


def test_hongze_narrative_boxes_are_not_tables():
    doc, tables = _read(HONGZE)
    frags = [b for b in doc.blocks if isinstance(b, Grid)]
    for g in frags:
        text = "".join(c.text for row in g.rows for c in row)
        assert "本报告由淮安市洪泽区人民政府办公室" not in text
        assert "依申请公开工作规范性还有待提" not in text
        assert not all(all(c is row[0] for c in row) for row in g.rows)
    lines = "".join(b.text for b in doc.blocks if isinstance(b, TextLine))
    assert "本报告由淮安市洪泽区人民政府办公室" in lines
    assert "六、其他需要报告的事项" in lines
    # the 10-column 申请情况 table runs from page 3 to page 4 without a repeated header: one table
    ten = [t for t in tables if t.n_cols == 10]
    assert len(ten) == 1 and (ten[0].page_start, ten[0].page_end) == (3, 4)
    assert len(ten[0].header) == 3
    assert ten[0].rows[-1][0].text.startswith("四、结转下年度继续办理")


def test_putuo_budget_table_spans_pages_without_header_repeat():
    doc, tables = _read(WANLI)
    spanning = [t for t in tables if (t.page_start, t.page_end) == (11, 14)]
    assert len(spanning) == 1
    [t] = spanning
    frags = [b for b in doc.blocks if isinstance(b, Grid) and 11 <= b.row_pages[0][0] <= 14]
    assert len(frags) == 4
    assert len(t.rows) == sum(len(f.rows) for f in frags) - len(t.header) == 67
    assert t.rows[-1][0].text == "合计"
    assert all(re.fullmatch(r"\d{3}", row[0].text) for row in t.rows[:-1])
    assert "功能分类科目名称" in [c.text for c in t.header[-1]] + [c.text for c in t.header[-2]]


def test_putuo_final_accounts_pairs(tmp_path):
    files, index = table_files(FINANCE, SHIPPED, ReadChoice())
    write_tables(tmp_path, files, index)
    spans = {(r["page_start"], r["page_end"]) for r in index}
    assert {(6, 7), (8, 9), (10, 11), (12, 13), (16, 17)} <= spans
    with (tmp_path / "index.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["table"] for r in rows] == [f"table_{i:03d}.csv" for i in range(1, len(index) + 1)]
    raw = (tmp_path / "table_001.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.glob("*.tmp"))
