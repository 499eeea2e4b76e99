"""Bad input, built for real: each gets a one-line reason, `check` exits 2, `extract` goes on.

Plus 200 randomly mutated PDFs (bytes flipped, truncated at random offsets): every one ends
in a clean error or a result, never an exception or a hang.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from paths import as_a_terminal_job, checkout_env
from rawpdf import length_cycle_pdf

from extract.cli import main
from extract.model import OcrMode, ReadChoice
from extract.pipeline import process_file
from extract.settings.limits import Limits
from extract.settings.rules import load_rules

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


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
    "truncated": "damaged PDF",
    "corrupted": "damaged PDF",
    "encrypted": "encrypted",
    "scan": "no text layer",
    "fake_docx": "not a .docx",
    "zip_not_docx": ".docx",
}


# a scan is read by OCR when the `ocr` extra is installed (tests/test_ocr.py); without OCR it is
# an unreadable file like the others
@pytest.mark.parametrize("case", sorted(EXPECTED_REASON))
def test_bad_file_gives_one_line_reason(bad_files, case, rules):
    result = process_file(bad_files[case], rules, ReadChoice(ocr=OcrMode.NEVER))
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
    for path, status, error in outcomes:
        # an ok result carries no error; any other says why, in one line
        assert (status == "ok") == (error == ""), (path, status, error)
        if status != "ok":
            assert "\n" not in error, (path, error)
        if status == "error":
            assert "internal error" not in error, (path, error)   # a bug, not a reason
    # the mutations must really exercise the error path, and some files must still parse
    assert sum(s == "error" for _, s, _ in outcomes) >= 20
    assert sum(s == "ok" for _, s, _ in outcomes) >= 5


# --- resources (issue 11: defects 5 and 6) ----------------------------------------------------------

def _repack(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
            corrupt: frozenset[str] = frozenset()) -> None:
    """A copy of the .docx package `src` with parts replaced or added; parts in `corrupt` get a
    wrong CRC (the bytes of a stored entry flipped after writing)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info)))
        for name, data in add.items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    if corrupt:
        data = bytearray(dst.read_bytes())
        with zipfile.ZipFile(dst) as package:
            for name in corrupt:
                info = package.getinfo(name)
                start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
                data[start + info.compress_size // 2] ^= 0xFF
        dst.write_bytes(bytes(data))


def _with_media(src: Path, dst: Path, media: bytes, corrupt: bool) -> None:
    """The draft with an image part the document refers to but never shows."""
    with zipfile.ZipFile(src) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    rel = ('<Relationship Id="rIdBomb" Target="media/image99.png" '
           'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>')
    rels = rels.replace("</Relationships>", rel + "</Relationships>")
    if 'Extension="png"' not in types:
        types = types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    _repack(src, dst, replace={"word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()},
            add={"word/media/image99.png": media}, corrupt=frozenset({"word/media/image99.png"} if corrupt else ()))


def test_docx_media_parts_are_never_inflated(mini_docx, tmp_path, rules):
    """64 MiB of zeros in 64 KB, with a broken checksum: inflating it would cost the memory and then
    fail; the reader never opens it, so the draft reads as if it were not there."""
    path = tmp_path / "media.docx"
    _with_media(mini_docx, path, bytes(64 * 2**20), corrupt=True)
    assert path.stat().st_size < 200_000
    result = process_file(path, rules)
    assert (result.status, result.error) == ("ok", "")
    assert result.indicators == process_file(mini_docx, rules, display_name="media.docx").indicators


def test_docx_parts_over_the_size_or_ratio_limit_are_refused(mini_docx, tmp_path, rules):
    with zipfile.ZipFile(mini_docx) as package:
        document = package.read("word/document.xml")
    # valid XML, padded with 20 MB of spaces: it inflates about 1000x
    padded = document.replace(b"</w:body>", b" " * (20 * 2**20) + b"</w:body>")
    path = tmp_path / "bomb.docx"
    _repack(mini_docx, path, replace={"word/document.xml": padded})
    result = process_file(path, rules)
    assert result.status == "error" and "word/document.xml inflates" in result.error, result.error
    assert "x (limit 200x)" in result.error
    # over the size limit (1 MiB in a county's own rules/limits.yaml) at an ordinary ratio
    import base64

    from extract.settings.rules import load_rules

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "limits.yaml").write_text(
        "docx: {part_max_mb: 1, part_max_ratio: 200, max_table_columns: 63}\nworker: {memory_mb: 0}\n")
    noise = base64.b64encode(random.Random(5).randbytes(2**20))
    big = document.replace(b"</w:body>", b"<w:p><w:r><w:t>" + noise + b"</w:t></w:r></w:p></w:body>")
    path = tmp_path / "big.docx"
    _repack(mini_docx, path, replace={"word/document.xml": big})
    assert process_file(path, rules).status == "ok"
    result = process_file(path, load_rules(tmp_path / "rules"))
    assert result.status == "error" and "inflates to 1 MiB (limit 1 MiB)" in result.error, result.error


def _table_docx(path: Path, spans: list[str], before: str | None = None) -> None:
    """A draft with one table: first row cells with these w:gridSpan values, a second plain row."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=2, cols=len(spans))
    for c in range(len(spans)):
        for r in range(2):
            table.cell(r, c).text = f"{r}{c}"
    first, second = (row._tr for row in table.rows)
    for tc, span in zip(first.tc_lst, spans):   # raw XML: python-docx itself cannot read "abc"
        element = OxmlElement("w:gridSpan")
        element.set(qn("w:val"), span)
        tc.get_or_add_tcPr().append(element)
    if before is not None:
        tr_pr = second.get_or_add_trPr()
        element = OxmlElement("w:gridBefore")
        element.set(qn("w:val"), before)
        tr_pr.append(element)
    document.save(str(path))


def test_docx_grid_spans_are_validated_and_capped(tmp_path):
    from extract.model import BulletinError, Grid
    from extract.readers.docx import read_docx

    path = tmp_path / "spans.docx"
    _table_docx(path, ["abc", "-5", "1"], before="x")   # nonsense values count as 1 (gridBefore: 0)
    [grid] = [b for b in read_docx(path, Limits.from_rules(SHIPPED), SHIPPED.document.locators).blocks if isinstance(b, Grid)]
    assert [[c.text for c in row] for row in grid.rows] == [["00", "01", "02"], ["10", "11", "12"]]
    _table_docx(path, ["100000000"])                     # one cell as wide as Word allows
    [grid] = [b for b in read_docx(path, Limits.from_rules(SHIPPED), SHIPPED.document.locators).blocks if isinstance(b, Grid)]
    assert grid.n_cols == 63
    _table_docx(path, ["100000000", "2"], before="100000000")
    with pytest.raises(BulletinError, match="table 1 is wider than 63 columns"):
        read_docx(path, Limits.from_rules(SHIPPED), SHIPPED.document.locators)


def _check(args: list[str]) -> subprocess.Popen:
    # pdfminer (the pdfplumber reader) loops on a /Length cycle; pdfium does not, so it is the
    # reader that shows whether check stops a file that hangs its parser
    return subprocess.Popen([sys.executable, "-m", "extract.cli", "check", "--reader", "pdfplumber", *args],
                            env=checkout_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=as_a_terminal_job)


def test_check_gives_up_on_a_length_cycle_after_the_timeout(tmp_path):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(length_cycle_pdf())
    proc = _check([str(path), "--timeout", "2", "--memory-limit", "1024"])
    try:
        _, err = proc.communicate(timeout=90)
    finally:
        os.killpg(proc.pid, signal.SIGKILL) if proc.poll() is None else None
    assert proc.returncode == 2, err
    assert err.strip().splitlines() == [f"zhuanbao: {path}: timed out after 2s"]


def _holders(session: int, path: Path) -> list[str]:
    """The processes of a session, other than its leader, that have `path` open (/proc/PID/fd)."""
    group = subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True, check=False).stdout.split()
    found = []
    for pid in group:
        if pid == str(session):
            continue
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:   # gone, or not ours to read
            continue
        if str(path) in links:
            found.append(pid)
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_check_on_a_length_cycle(tmp_path, signum):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(length_cycle_pdf())
    proc = _check([str(path)])
    try:
        # the event that matters: a worker of the check has the file open (its parser is in the loop),
        # however workers are started (forked, or from a forkserver)
        deadline = time.monotonic() + 60
        while not _holders(proc.pid, path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _holders(proc.pid, path), "no worker of the check opened the file within 60 s"
        os.killpg(proc.pid, signum)   # as a terminal does: to the whole group
        _, err = proc.communicate(timeout=30)   # a check that does not stop fails here
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
