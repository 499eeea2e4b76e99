"""The output contract: file names, headers, BOM, formats, exit codes, the JSON shape."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from extract.cli import main
from extract.export import (
    BULLETIN_COLUMNS,
    CLAIM_COLUMNS,
    FINDING_COLUMNS,
    INDICATOR_COLUMNS,
    OutputSet,
)
from extract.model import BulletinResult, Finding, Header, Indicator

CONTRACT = {
    "bulletins.csv": ["file", "sha256", "pages", "doc_number", "issuer", "title", "n_indicators", "n_claims",
                      "n_findings", "status", "error"],
    "indicators.csv": ["file", "annex_no", "campaign", "section", "seq", "target", "responsible_units", "progress",
                       "completion_raw", "completion_ratio", "status_raw", "status", "page_start", "page_end"],
    "claims.csv": ["file", "section", "campaign", "annex_no", "label", "status", "count", "total", "percent_raw",
                   "percent", "text", "page"],
    "findings.csv": ["file", "kind", "severity", "annex_no", "campaign", "detail", "page"],
}


def _result() -> BulletinResult:
    indicator = Indicator("a.pdf", 1, "打好经济增长主动仗", "", "5", "园区技工贸总收入突破15亿元。",
                          ("县园区办", "凤凰产业开发区管委会"), "1-3月，1.86亿元。", "12.40%", 0.124, "未完成时序进度",
                          "behind", 3, 4, "第3页")
    finding = Finding("a.pdf", "percent_mismatch", "error", 2, "打好科技创新攻坚仗", "stated 22.3%, computed 22.2%", 1)
    return BulletinResult("a.pdf", "ab" * 32, 9, Header("凤凰县人民政府督查室", "凤政督函〔2023〕13号", "专报"),
                          [indicator], [], [finding])


def test_csv_headers_start_with_the_contract_columns_and_carry_a_bom(tmp_path):
    with OutputSet(tmp_path) as out:
        out.add(_result())
    for name, columns in CONTRACT.items():
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        header = next(csv.reader(raw.decode("utf-8-sig").splitlines()))
        assert header[: len(columns)] == columns, name
    rows = list(csv.DictReader((tmp_path / "indicators.csv").open(encoding="utf-8-sig")))
    assert rows[0]["responsible_units"] == "县园区办;凤凰产业开发区管委会"
    assert rows[0]["completion_ratio"] == "0.124"
    assert not list(tmp_path.glob("*.part")), "temporary files left behind"


def test_plain_utf8_has_no_bom(tmp_path):
    with OutputSet(tmp_path, encoding="utf-8") as out:
        out.add(_result())
    assert not (tmp_path / "bulletins.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_aborted_write_leaves_no_output(tmp_path):
    with pytest.raises(RuntimeError):
        with OutputSet(tmp_path) as out:
            out.add(_result())
            raise RuntimeError("crash mid-batch")
    assert list(tmp_path.iterdir()) == []


def test_every_format_opens_in_pandas(tmp_path):
    with OutputSet(tmp_path, formats=["csv", "parquet", "xlsx", "json"]) as out:
        out.add(_result())
    assert list(pd.read_parquet(tmp_path / "indicators.parquet").columns) == INDICATOR_COLUMNS
    sheets = pd.read_excel(tmp_path / "zhuanbao.xlsx", sheet_name=None)
    assert set(sheets) == {"bulletins", "indicators", "claims", "findings"}
    assert list(sheets["findings"].columns) == FINDING_COLUMNS
    first = json.loads((tmp_path / "claims.jsonl").read_text(encoding="utf-8") or "null")
    assert first is None  # no claims in this result: an empty file, not a missing one
    finding = json.loads((tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert finding["kind"] == "percent_mismatch"
    assert list(pd.read_parquet(tmp_path / "bulletins.parquet").columns) == BULLETIN_COLUMNS
    assert list(pd.read_parquet(tmp_path / "claims.parquet").columns) == CLAIM_COLUMNS


def test_extract_writes_all_four_tables(mini_pdf, tmp_path, capsys):
    code = main(["extract", str(mini_pdf), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == 0
    bulletins = pd.read_csv(tmp_path / "out" / "bulletins.csv", encoding="utf-8-sig")
    assert bulletins.loc[0, "status"] == "ok"
    assert bulletins.loc[0, "doc_number"] == "测政督函〔2024〕1号"
    indicators = pd.read_csv(tmp_path / "out" / "indicators.csv", encoding="utf-8-sig")
    assert len(indicators) == 6
    assert indicators["page_start"].notna().all()


def test_check_exit_codes(mini_pdf, reference_pdf, tmp_path, capsys):
    assert main(["check", str(mini_pdf)]) == 0
    assert main(["check", str(reference_pdf)]) == 1   # the reference's real 22.3% mistake
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf at all", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.pdf" in err and "\n" not in err and "Traceback" not in err


def test_check_json_shape(reference_pdf, capsys):
    main(["check", str(reference_pdf), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"bulletin", "indicators", "claims", "findings"}
    assert data["bulletin"]["doc_number"] == "凤政督函〔2023〕13号"
    assert data["bulletin"]["issuer"] == "凤凰县人民政府督查室"
    kinds = {f["kind"] for f in data["findings"]}
    assert {"percent_mismatch", "percent_truncated"} <= kinds


def test_python_api(mini_pdf):
    import extract

    bulletin = extract.read_bulletin(mini_pdf)
    assert bulletin.doc_number == "测政督函〔2024〕1号"
    assert list(bulletin.indicators.columns) == INDICATOR_COLUMNS
    assert len(bulletin.indicators) == 6
    assert bulletin.findings.empty


@pytest.mark.skipif(shutil.which("zhuanbao") is None, reason="console script not installed")
def test_console_script_runs_from_another_folder(mini_pdf, tmp_path):
    """The installed package carries its rules: run it where no source tree is around."""
    for args in (["--help"], ["extract", "--help"], ["check", "--help"], ["tables", "--help"], ["eval", "--help"],
                 ["history", "--help"]):
        done = subprocess.run(["zhuanbao", *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    done = subprocess.run(["zhuanbao", "check", str(mini_pdf), "--json"], cwd=tmp_path, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["bulletin"]["status"] == "ok"
    done = subprocess.run([sys.executable, "-c", "import extract.rules as r; print(r.load_rules().status['statuses']['behind'][0])"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.strip() == "未完成时序进度"


def test_outputs_are_readable_by_others(tmp_path):
    import os
    import stat

    with OutputSet(tmp_path) as out:
        out.add(_result())
    mode = stat.S_IMODE(os.stat(tmp_path / "bulletins.csv").st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_a_real_pdf_that_is_not_a_bulletin_is_skipped_with_its_pages(rules):
    from conftest import SHARED
    from extract.pipeline import process_file

    pdf = SHARED / "corpus-real" / "hongze-district-2023-gov-info-disclosure-annual-report.pdf"
    if not pdf.exists():
        pytest.skip("shared/corpus-real not present")
    result = process_file(pdf, rules)
    assert (result.status, result.pages) == ("skipped", 5)
    assert "not a bulletin" in result.error


def test_out_that_is_a_file_is_a_one_line_usage_error(mini_pdf, tmp_path, capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("keep me", encoding="utf-8")
    assert main(["extract", str(mini_pdf), "--out", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a folder" in err and "\n" not in err
    assert target.read_text(encoding="utf-8") == "keep me"    # nothing overwritten


def test_control_characters_do_not_break_the_workbook(tmp_path):
    from dataclasses import replace

    result = _result()
    damaged = replace(result.indicators[0], progress="1-3月\x0c，1.86亿元\x01。")
    result.indicators[0] = damaged
    with OutputSet(tmp_path, formats=["xlsx", "csv"]) as out:
        out.add(result)
    sheet = pd.read_excel(tmp_path / "zhuanbao.xlsx", sheet_name="indicators")
    assert sheet.loc[0, "progress"] == "1-3月，1.86亿元。"
