"""Bad input, built for real: each gets a one-line reason, `check` exits 2, `extract` goes on.

Plus 200 randomly mutated PDFs (bytes flipped, truncated at random offsets): every one ends
in a clean error or a result, never an exception or a hang.
"""
from __future__ import annotations

import io
import multiprocessing
import random
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.pipeline import process_file
from extract.rules import load_rules


def _encrypted(src: Path, dst: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(src)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with dst.open("wb") as handle:
        writer.write(handle)


def _scanned(src: Path, dst: Path) -> None:
    """Pages as images only: what a scanner produces."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(src))
    images = [pdf[i].render(scale=0.6).to_pil().convert("L") for i in range(len(pdf))]
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=72)


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, mini_pdf) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    data = mini_pdf.read_bytes()
    files = {
        "not_pdf": folder / "not_pdf.pdf",
        "text_file": folder / "notes.txt",
        "empty_pdf": folder / "empty.pdf",
        "empty_docx": folder / "empty.docx",
        "truncated": folder / "truncated.pdf",
        "corrupted": folder / "corrupted.pdf",
        "encrypted": folder / "encrypted.pdf",
        "scan": folder / "scan.pdf",
        "fake_docx": folder / "fake.docx",
        "zip_not_docx": folder / "zip.docx",
    }
    files["not_pdf"].write_text("这不是PDF文件。", encoding="utf-8")
    files["text_file"].write_text("hello", encoding="utf-8")
    files["empty_pdf"].write_bytes(b"")
    files["empty_docx"].write_bytes(b"")
    files["truncated"].write_bytes(data[: len(data) // 2])
    # keep the header, overwrite the middle (content streams, xref) with noise
    noise = bytes(random.Random(7).randrange(256) for _ in range(len(data) // 2))
    files["corrupted"].write_bytes(data[:16] + noise + data[16 + len(noise):][:100])
    _encrypted(mini_pdf, files["encrypted"])
    _scanned(mini_pdf, files["scan"])
    files["fake_docx"].write_text("plain text named .docx", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    files["zip_not_docx"].write_bytes(buffer.getvalue())
    return files


EXPECTED_REASON = {
    "not_pdf": "not a PDF",
    "text_file": "unsupported file type",
    "empty_pdf": "empty file",
    "empty_docx": "empty file",
    "truncated": "",
    "corrupted": "",
    "encrypted": "encrypted",
    "scan": "no text layer",
    "fake_docx": "not a .docx",
    "zip_not_docx": ".docx",
}


# a scan is read by OCR when the `ocr` extra is installed (tests/test_ocr.py); without OCR it is
# an unreadable file like the others
@pytest.mark.parametrize("case", sorted(EXPECTED_REASON))
def test_bad_file_gives_one_line_reason(bad_files, case, rules):
    result = process_file(bad_files[case], rules, ocr="never")
    assert result.status == "error", (case, result.status)
    assert result.error and "\n" not in result.error
    assert EXPECTED_REASON[case].lower() in result.error.lower(), result.error
    assert "internal error" not in result.error, result.error


@pytest.mark.parametrize("case", sorted(EXPECTED_REASON))
def test_check_exits_2_with_one_line(bad_files, case, capsys):
    assert main(["check", str(bad_files[case]), "--ocr", "never"]) == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err


def test_extract_records_errors_and_goes_on(bad_files, mini_pdf, tmp_path):
    inputs = [str(p) for p in bad_files.values()] + [str(mini_pdf)]
    code = main(["extract", *inputs, "--out", str(tmp_path / "out"), "--jobs", "2", "--ocr", "never"])
    assert code == 1  # some files failed; the outputs are complete all the same
    bulletins = pd.read_csv(tmp_path / "out" / "bulletins.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(bulletins) == len(inputs)
    assert (bulletins["status"] == "error").sum() == len(bad_files)
    ok = bulletins[bulletins["status"] == "ok"]
    assert len(ok) == 1 and ok.iloc[0]["file"].endswith("mini-bulletin.pdf")
    assert all(bulletins.loc[bulletins["status"] == "error", "error"].str.len() > 0)
    indicators = pd.read_csv(tmp_path / "out" / "indicators.csv", encoding="utf-8-sig")
    assert len(indicators) == 6


def test_not_a_bulletin_is_skipped(tmp_path, rules):
    import docx

    document = docx.Document()
    document.add_paragraph("会议纪要")
    document.add_paragraph("今天开了一个会。")
    path = tmp_path / "memo.docx"
    document.save(str(path))
    result = process_file(path, rules)
    assert result.status == "skipped" and "not a bulletin" in result.error


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["flip", "truncate", "flip_and_truncate", "splice"])
    out = bytearray(data)
    if kind in ("flip", "flip_and_truncate"):
        for _ in range(rng.randint(1, 40)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    if kind in ("truncate", "flip_and_truncate"):
        out = out[: rng.randrange(1, len(out))]
    if kind == "splice":
        start = rng.randrange(len(out))
        out[start:start + rng.randint(1, 2000)] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    return bytes(out)


def _process(path: str) -> tuple[str, str, str]:
    result = process_file(Path(path), load_rules())
    return path, result.status, result.error


def test_mutated_pdfs_never_crash_or_hang(mini_pdf, tmp_path):
    rng = random.Random(20231113)
    data = mini_pdf.read_bytes()
    paths = []
    for i in range(200):
        path = tmp_path / f"mutant_{i:03d}.pdf"
        path.write_bytes(_mutate(data, rng))
        paths.append(str(path))
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(2)
    try:
        pending = [pool.apply_async(_process, (p,)) for p in paths]
        outcomes = [job.get(timeout=120) for job in pending]   # a hang fails here
    finally:
        pool.terminate()
    statuses = {status for _, status, _ in outcomes}
    assert statuses <= {"ok", "skipped", "error"}
    for path, status, error in outcomes:
        if status == "error":
            assert error and "\n" not in error, (path, error)
    # the mutations must really exercise the error path, and some files must still parse
    assert sum(s == "error" for _, s, _ in outcomes) >= 20
    assert sum(s == "ok" for _, s, _ in outcomes) >= 5
