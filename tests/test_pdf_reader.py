"""The PDF reader: bad input gives a one-line BulletinError; good input gives text lines and grids."""
from __future__ import annotations

from pathlib import Path

import pytest
from paths import CORPUS_REAL

from extract.model import BulletinError, Grid, ReadChoice, Reader, TextLine
from extract.readers.pdf import read_pdf
from extract.settings.rules import load_rules

SMALL = CORPUS_REAL / "hongze-district-2023-gov-info-disclosure-annual-report.pdf"

needs_corpus = pytest.mark.skipif(not SMALL.exists(), reason="corpus-real not available")
# every bad-input case holds for both readers
pytestmark = pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def reason(path: Path, reader: str, ocr: str = ReadChoice.ocr) -> str:
    with pytest.raises(BulletinError) as info:
        read_pdf(path, SHIPPED, ReadChoice.named("pdfplumber", reader, ocr))
    msg = str(info.value)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


def test_not_a_pdf(tmp_path, reader):
    p = tmp_path / "bulletin.pdf"
    p.write_text("这不是PDF文件，只是一段文字。\n", encoding="utf-8")
    assert reason(p, reader=reader).startswith("not a PDF")


def test_empty(tmp_path, reader):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    assert reason(p, reader=reader) == "empty file"


def test_missing_file(tmp_path, reader):
    assert reason(tmp_path / "nope.pdf", reader=reader).startswith("cannot open")


@needs_corpus
def test_truncated(tmp_path, reader):
    data = SMALL.read_bytes()
    p = tmp_path / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    assert reason(p, reader=reader).startswith("damaged PDF")


def test_garbage_after_header(tmp_path, reader):
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert reason(p, reader=reader).startswith("damaged PDF")


@needs_corpus
def test_encrypted(tmp_path, reader):
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(SMALL))
    w.encrypt("secret")
    p = tmp_path / "encrypted.pdf"
    with p.open("wb") as f:
        w.write(f)
    assert reason(p, reader=reader) == "encrypted PDF: needs a password"


@needs_corpus
def test_encrypted_with_empty_user_password_is_read(tmp_path, reader):
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(SMALL))
    w.encrypt(user_password="", owner_password="owner")
    p = tmp_path / "owner-only.pdf"
    with p.open("wb") as f:
        w.write(f)
    doc = read_pdf(p, SHIPPED, ReadChoice(reader=Reader(reader)))
    assert doc.pages == 5 and any(isinstance(b, TextLine) for b in doc.blocks)


@needs_corpus
def test_scan(tmp_path, reader):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SMALL))
    image = pdf[0].render(scale=1).to_pil().convert("RGB")
    pdf.close()
    p = tmp_path / "scan.pdf"
    image.save(p, "PDF", resolution=72.0)
    assert reason(p, reader=reader, ocr="never").startswith("no text layer (scanned image?)")


@needs_corpus
def test_reads_text_and_grids_in_order(reader):
    doc = read_pdf(SMALL, SHIPPED, ReadChoice(reader=Reader(reader)))
    assert doc.kind == "pdf" and doc.pages == 5
    lines = [b for b in doc.blocks if isinstance(b, TextLine)]
    grids = [b for b in doc.blocks if isinstance(b, Grid)]
    # the narrative in single-cell ruled frames is running text, not a table
    assert any("本报告由淮安市洪泽区人民政府办公室" in b.text for b in lines)
    assert all(g.n_cols >= 2 and len(g.rows) >= 2 for g in grids)
    assert all(b.locator == f"第{b.page}页" for b in lines)
    # CJK lines carry no spaces between characters
    assert not any(" " in b.text for b in lines if "本报告由" in b.text)
    # reading order: page numbers never go backwards
    pages = [b.page if isinstance(b, TextLine) else b.row_pages[0][0] for b in doc.blocks]
    assert pages == sorted(pages)
    # every position of a grid is filled, merged positions share their origin cell
    for g in grids:
        for r, row in enumerate(g.rows):
            assert len(row) == g.n_cols
            for c, cell in enumerate(row):
                orow, ocol = cell.origin
                assert g.rows[orow][ocol] is cell and orow <= r and ocol <= c
