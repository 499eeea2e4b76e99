"""The pdfium reader sees what pdfplumber sees: character boxes, pages turned or moved, forms, hyphens,
a hostile number of ruling segments, several threads; and it never imports pdfminer."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from paths import CORPUS, CORPUS_REAL, FIXTURES, checkout_env
from pdfs import Page, build_pdf, ruled_table

from extract.model import Grid, ReadChoice, Reader, TextLine
from extract.readers import pdfium
from extract.readers.pdf import read_pdf
from extract.settings.rules import default_geometry, load_rules

needs_real = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="corpus-real not available")

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def _blocks(doc) -> list[tuple]:
    out = []
    for b in doc.blocks:
        if isinstance(b, TextLine):
            out.append(("text", b.page, b.text))
        else:
            out.append(("grid", b.row_pages, tuple(round(v, 2) for v in b.bbox), b.col_edges,
                        [[(c.text, c.origin) for c in row] for row in b.rows]))
    return out


def test_default_reader_never_imports_pdfminer(mini_pdf):
    code = ("import sys\nfrom pathlib import Path\nfrom extract.pipeline import process_file\n"
            "from extract.settings.rules import load_rules\n"
            f"result = process_file(Path({str(mini_pdf)!r}), load_rules())\n"
            "assert result.status == 'ok' and result.indicators, result.error\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfminer', 'pdfplumber', 'camelot')))\n")
    done = subprocess.run([sys.executable, "-c", code], env=checkout_env(), capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_turned_and_moved_pages_and_forms_read_as_pdfplumber_does(tmp_path):
    body = b"BT /F1 12 Tf 60 780 Td (Heading text here) Tj ET\n" + ruled_table(60, 700, 4, 5)
    form = (ruled_table(10, 200, 3, 3, label="f{r}{c}"), (1, 0, 0, 1, 5, 5), (0, 0, 500, 400))
    pages = [Page(body + b"\nq 0.8 0 0 0.8 40 100 cm /X1 Do Q", mediabox=box, rotate=rotate, forms={"X1": form})
             for rotate in (0, 90, 180, 270) for box in ((0, 0, 595, 842), (-20, 30, 575, 872))]
    path = tmp_path / "turned.pdf"
    path.write_bytes(build_pdf(pages))
    ours, theirs = read_pdf(path, SHIPPED), read_pdf(path, SHIPPED, ReadChoice(reader=Reader.PDFPLUMBER))
    assert _blocks(ours) == _blocks(theirs)
    assert ours.page_heights == theirs.page_heights
    grids = [b for b in ours.blocks if isinstance(b, Grid)]
    assert len(grids) == 16           # the page's own table and the form's, on all eight pages
    assert [c.text for c in grids[0].rows[1]] == ["r1c0 1.5", "r1c1 1.5", "r1c2 1.5", "r1c3 1.5"]


def test_hyphen_at_a_line_end_stays_a_hyphen(tmp_path):
    # pdfium reports "amount-" at a line end followed by a word as U+0002 (U+FFFE in its text)
    content = b"BT /F1 12 Tf 72 700 Td (Total amount-) Tj 0 -14 Td (units below) Tj ET"
    path = tmp_path / "hyphen.pdf"
    path.write_bytes(build_pdf([Page(content)]))
    lines = [b.text for b in read_pdf(path, SHIPPED).blocks]
    assert lines == ["Total amount-", "units below"] == [b.text for b in read_pdf(path, SHIPPED, ReadChoice(reader=Reader.PDFPLUMBER)).blocks]


def _char_boxes_agree(path: Path, page: int, tolerance: float = 0.01) -> int:
    """Every non-blank character of the page has the same text and box (within `tolerance`) in both."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        theirs = [(c["text"], c["x0"], c["x1"], c["top"], c["bottom"])
                  for c in pdf.pages[page - 1].chars if not c["text"].isspace()]
    with pdfium.open_pdf(str(path)) as doc:
        raw = next(p for p in pdfium.pages(doc, 20000) if p.number == page)
    c = raw.chars
    ours = [(c.text[i], float(c.x0[i]), float(c.x1[i]), float(c.top[i]), float(c.bottom[i]))
            for i in range(len(c)) if not c.text[i].isspace()]
    waiting: dict[str, list[tuple]] = {}
    for char in theirs:
        waiting.setdefault(char[0], []).append(char)
    unmatched = []
    for char in ours:
        pool = waiting.get(char[0], [])
        hit = next((k for k, other in enumerate(pool)
                    if all(abs(a - b) <= tolerance for a, b in zip(char[1:], other[1:]))), None)
        if hit is None:
            unmatched.append(char)
        else:
            pool.pop(hit)
    assert unmatched == [] and not any(waiting.values())
    return len(ours)


def test_char_boxes_scaled_risen_and_turned_text(tmp_path):
    content = (b"BT /F1 12 Tf 50 Tz 72 700 Td (Scaled text) Tj ET BT /F1 12 Tf 3 Ts 1 Tc 72 650 Td (Risen) Tj ET "
               b"BT /F1 10 Tf 2 0 0 2 100 500 Tm (Big) Tj ET BT /F1 10 Tf 0 1 -1 0 300 300 Tm (Turned) Tj ET")
    path = tmp_path / "chars.pdf"
    path.write_bytes(build_pdf([Page(content)]))
    assert _char_boxes_agree(path, 1) == 24


def _vertical_chars(path: Path, page: int) -> int:
    """Characters of a vertical-writing font on the page (pdfium: a negative, vertical advance)."""
    import ctypes

    import pypdfium2 as pdfium_lib
    from pypdfium2 import raw

    pdf = pdfium_lib.PdfDocument(str(path))
    try:
        text = pdf[page - 1].get_textpage()
        width = ctypes.c_float()
        count = 0
        for i in range(text.count_chars()):
            font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text.raw, i))
            ok = font and raw.FPDFFont_GetGlyphWidth(font, raw.FPDFText_GetUnicode(text.raw, i), 10, width)
            count += bool(ok and width.value < 0)
        return count
    finally:
        pdf.close()


@needs_real
def test_the_vertical_text_page_has_vertical_text():
    # a heading down the left margin (三、本…) is set in a vertical 宋体 font: nine characters
    assert _vertical_chars(CORPUS_REAL / "hongze-district-2023-gov-info-disclosure-annual-report.pdf", 3) == 9


@needs_real
@pytest.mark.parametrize("name, page", [
    ("hongze-district-2023-gov-info-disclosure-annual-report.pdf", 3),   # WPS, vertical (Identity-V) text
    ("csrc-2018q3-listed-company-industry-classification.pdf", 1),       # Acrobat, MediaBox not at the origin
    ("putuo-finance-bureau-2024-final-accounts.pdf", 5),                 # ONLYOFFICE, text above the page
])
def test_char_boxes_of_real_pages(name, page):
    assert _char_boxes_agree(CORPUS_REAL / name, page) > 100


def test_char_boxes_with_fonts_declaring_no_descent():
    # LibreOffice writes Ascent 0 Descent 0: pdfminer's boxes then sit on the baseline
    assert _char_boxes_agree(CORPUS / "pdf" / "fenghuang-2023-13.pdf", 12) > 500


def test_page_with_500000_ruling_segments_is_read_without_its_tables(tmp_path):
    hostile = b"\n".join(b"%d %d m %d %d l S" % (40 + i % 500, 60 + (i // 500) % 700, 41 + i % 500, 60 + (i // 500) % 700)
                         for i in range(500_000))
    pages = [Page(b"BT /F1 12 Tf 60 780 Td (First page) Tj ET\n" + ruled_table(60, 700, 3, 3)),
             Page(b"BT /F1 12 Tf 60 780 Td (Second page survives) Tj ET\n" + hostile)]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(build_pdf(pages))
    doc = read_pdf(path, SHIPPED)
    limit = default_geometry().ruling.max_segments
    assert doc.notes == [(f"第2页: more than {limit} ruling segments (geometry ruling.max_segments); "
                          "tables on this page were not read, its text was")]
    assert ("text", 2, "Second page survives") in _blocks(doc)
    assert [b.row_pages[0][0] for b in doc.blocks if isinstance(b, Grid)] == [1]


def test_segment_limit_is_a_setting_and_both_readers_note_it(mini_pdf):
    geometry = default_geometry().replace(ruling={"max_segments": 10})
    ours = read_pdf(mini_pdf, dataclasses.replace(SHIPPED, geometry=geometry))
    theirs = read_pdf(mini_pdf, dataclasses.replace(SHIPPED, geometry=geometry), ReadChoice(reader=Reader.PDFPLUMBER))
    assert ours.notes == theirs.notes and len(ours.notes) >= 1
    assert "more than 10 ruling segments" in ours.notes[0]
    assert not any(isinstance(b, Grid) for b in ours.blocks)
    assert any(isinstance(b, Grid) for b in read_pdf(mini_pdf, SHIPPED).blocks)


def test_threads_read_side_by_side():
    files = sorted((CORPUS / "pdf").glob("*.pdf"))[:3] + [FIXTURES / "mini-bulletin.pdf"]
    alone = [_blocks(read_pdf(f, SHIPPED)) for f in files]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda f: _blocks(read_pdf(f, SHIPPED)), files * 2))
    assert together == alone * 2


def test_a_readers_note_reaches_the_findings_as_an_info_line(mini_pdf):
    """What the reader left out limits the checks: the user sees it beside the findings."""
    from extract.pipeline import process_document
    from extract.settings.rules import load_rules

    document = read_pdf(mini_pdf, SHIPPED)
    assert not [f for f in process_document(document, load_rules(), "m.pdf", "").findings if f.kind == "unchecked"]
    document.notes.append("第9页: more than 10 ruling segments (geometry ruling.max_segments); "
                          "tables on this page were not read, its text was")
    [note] = [f for f in process_document(document, load_rules(), "m.pdf", "").findings if f.kind == "unchecked"]
    assert note.severity == "info" and note.detail.startswith("not fully read: 第9页: more than 10 ruling segments")
