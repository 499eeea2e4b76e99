"""The output contract: file names, headers, BOM, formats, exit codes, the JSON shape."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from rawpdf import pdf_from_objects

from extract.cli import main
from extract.model import BulletinResult, Finding, Header, Indicator
from extract.outputs.export import (
    BULLETIN_COLUMNS,
    CLAIM_COLUMNS,
    FINDING_COLUMNS,
    INDICATOR_COLUMNS,
    OutputSet,
)
from extract.settings.rules import load_rules

CONTRACT = {
    "bulletins.csv": ["file", "sha256", "pages", "doc_number", "issuer", "title", "n_indicators", "n_claims",
                      "n_findings", "status", "error"],
    "indicators.csv": ["file", "annex_no", "campaign", "section", "seq", "target", "responsible_units", "progress",
                       "completion_raw", "completion_ratio", "status_raw", "status", "page_start", "page_end"],
    "claims.csv": ["file", "section", "campaign", "annex_no", "label", "status", "count", "total", "percent_raw",
                   "percent", "text", "page"],
    "findings.csv": ["file", "kind", "severity", "annex_no", "campaign", "detail", "page"],
    "tables.csv": ["file", "annex_no", "table_no", "table_name", "page_start", "page_end", "n_rows", "role",
                   "columns", "header", "evidence", "confidence", "certain"],
}

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


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
    assert set(sheets) == {"bulletins", "indicators", "claims", "findings", "tables"}
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
    done = subprocess.run([sys.executable, "-c", "import extract.settings.rules as r; print(r.load_rules().status.words['滞后'][0])"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.strip() == "behind"


def test_outputs_are_readable_by_others(tmp_path):
    import os
    import stat

    with OutputSet(tmp_path) as out:
        out.add(_result())
    mode = stat.S_IMODE(os.stat(tmp_path / "bulletins.csv").st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_a_real_report_that_is_no_bulletin_is_read_and_never_called_clean(rules, capsys):
    """A 政府信息公开 annual report has no annex tables but states counts: they are read, none can be
    checked, and the command says so instead of "No inconsistencies found"."""
    from paths import SHARED

    from extract.pipeline import process_file

    pdf = SHARED / "corpus-real" / "hongze-district-2023-gov-info-disclosure-annual-report.pdf"
    if not pdf.exists():
        pytest.skip("shared/corpus-real not present")
    result = process_file(pdf, rules)
    assert (result.status, result.pages) == ("ok", 5)
    assert result.coverage.statements > 0 and result.coverage.checked == 0
    assert not [f for f in result.findings if f.severity != "info"]
    assert main(["check", str(pdf), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "No inconsistencies found" not in out and "Nothing was checked" in out


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


# --- hostile content (issue 11: defects 2, 3, 4) ---------------------------------------------------

def _docx_variant(src, dst, paragraphs: dict[int, str], cell: str | None = None) -> None:
    """The mini bulletin draft with some paragraphs (by index) and the first indicator's target replaced."""
    import docx

    document = docx.Document(str(src))
    for index, text in paragraphs.items():
        paragraph = document.paragraphs[index]
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = text
    if cell is not None:
        document.tables[0].rows[1].cells[1].paragraphs[0].runs[0].text = cell
    document.save(str(dst))


FORMULAS = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def test_formula_like_text_is_neutralised_in_csv_and_xlsx_but_numbers_stay_numbers(tmp_path):
    from dataclasses import replace

    from openpyxl import load_workbook

    result = _result()
    indicator = replace(result.indicators[0], file="=1+2.docx", target=FORMULAS[0], progress=FORMULAS[1],
                        status_raw=FORMULAS[2], seq=FORMULAS[3], section=FORMULAS[4], campaign=FORMULAS[5],
                        completion_raw="-1.8%", completion_ratio=-0.018)
    result.indicators[0] = indicator
    with OutputSet(tmp_path, formats=["csv", "xlsx", "json"]) as out:
        out.add(result)
    [row] = list(csv.DictReader((tmp_path / "indicators.csv").open(encoding="utf-8-sig", newline="")))
    assert row["file"] == "'=1+2.docx"
    assert [row[c] for c in ("target", "progress", "status_raw", "seq", "section", "campaign")] == \
        ["'" + f for f in FORMULAS]
    assert (row["completion_raw"], row["completion_ratio"]) == ("-1.8%", "-0.018")   # numbers stay numbers
    sheet = load_workbook(tmp_path / "zhuanbao.xlsx")["indicators"]
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert all(cell.data_type != "f" for cell in cells.values()), "a formula cell in the workbook"
    assert cells["target"].value == "=1+2" and cells["target"].data_type == "s" and cells["target"].quotePrefix
    assert cells["completion_ratio"].value == -0.018 and cells["page_start"].value == 3
    # JSON lines are data for programs, kept as printed
    assert json.loads((tmp_path / "indicators.jsonl").read_text(encoding="utf-8"))["target"] == "=1+2"


def test_a_file_named_like_a_formula_is_neutralised(mini_docx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(mini_docx, tmp_path / "=1+2.docx")
    assert main(["extract", "=1+2.docx", "--out", "out", "--format", "csv", "--format", "xlsx"]) == 0
    with open("out/indicators.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 and {r["file"] for r in rows} == {"'=1+2.docx"}
    from openpyxl import load_workbook

    sheet = load_workbook("out/zhuanbao.xlsx")["bulletins"]
    assert sheet["A2"].value == "=1+2.docx" and sheet["A2"].data_type == "s"


def test_control_characters_and_bidi_overrides_never_reach_outputs(mini_docx, tmp_path, capsys, monkeypatch):
    # XML cannot hold ESC (see the PDF test below): a draft can carry right-to-left override,
    # left-to-right isolate, DEL, the one-byte CSI and NEL
    draft_hostile = "\u202e\u2066\x7f\x9b\x85"
    path = tmp_path / "controls.docx"
    _docx_variant(mini_docx, path, paragraphs={2: f"测试县{draft_hostile}重点工作情况专报",
                                               5: "（一）打好经济增长主动仗。共有重点监测指标6项，截至目前，"
                                                  f"已完成年度任务1项{draft_hostile}，占比17.7%；进展有序4项，占比66.7%；"
                                                  "未完成时序进度1项，占比16.7%，"},
                  cell=f"地区生产总值{draft_hostile}增长7%。")
    assert main(["extract", str(path), "--out", str(tmp_path / "out"), "--format", "csv", "--format", "json"]) == 0
    outputs = [p for p in (tmp_path / "out").iterdir() if p.suffix in (".csv", ".jsonl")]
    for output in outputs:
        text = output.read_text(encoding="utf-8-sig")
        bad = {ch for ch in text if ch in draft_hostile}
        assert not bad, (output.name, bad)
    indicators = pd.read_csv(tmp_path / "out" / "indicators.csv", encoding="utf-8-sig")
    assert indicators.loc[0, "target"] == "地区生产总值增长7%。"
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", "1000")   # no wrapping: the sentence is printed whole
    assert main(["check", str(path)]) == 1   # the 17.7% is a finding, its sentence printed
    shown = capsys.readouterr().out
    assert "已完成年度任务1项，占比17.7%" in shown
    assert not {ch for ch in shown if ch in draft_hostile}


def _pdf_with_text(codes: bytes, unicode_hex: dict[int, str]) -> bytes:
    """A one-page PDF showing `codes` in Helvetica, with a ToUnicode map saying what each code means."""
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"{len(unicode_hex)} beginbfchar "
            + " ".join(f"<{code:02X}> <{target}>" for code, target in unicode_hex.items())
            + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    content = b"BT /F1 14 Tf 72 700 Td <" + codes.hex().encode() + b"> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return pdf_from_objects(objects)


def test_control_characters_in_a_pdf_text_layer_are_stripped_by_the_reader(tmp_path):
    from extract.model import TextLine
    from extract.pipeline import read_document

    # code 1 reads as an ANSI colour escape, 2 as a right-to-left override, 3 as BEL; the rest is text
    mapping = {1: "001B005B00330031006D", 2: "202E", 3: "0007"} | {c: f"{c:04X}" for c in range(0x41, 0x5B)}
    path = tmp_path / "controls.pdf"
    path.write_bytes(_pdf_with_text(b"REPORT\x01RED\x02TEXT\x03END", mapping))
    [line] = [b for b in read_document(path, SHIPPED).blocks if isinstance(b, TextLine)]
    assert line.text == "REPORTREDTEXTEND"


def test_markup_in_document_text_and_paths_is_printed_as_text(mini_docx, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "[" / "x]"   # the path holds "[/x]"
    folder.mkdir(parents=True)
    path = folder / "a[bold]b.docx"
    _docx_variant(mini_docx, path, paragraphs={
        2: "[/x]测试县重点工作情况专报[bold]",
        5: "（一）打好经济增长主动仗。共有重点监测指标6项，截至目前[/red]，已完成年度任务1项，占比17.7%；"
           "进展有序4项，占比66.7%；未完成时序进度1项，占比16.7%，"})
    monkeypatch.setenv("COLUMNS", "1000")
    assert main(["check", str(path)]) == 1   # a finding (17.7%), not a crash
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    out = captured.out
    assert "[/x]测试县重点工作情况专报[bold]" in out and "a[bold]b.docx" in out and "截至目前[/red]" in out
    assert main(["check", str(folder / "missing[/b].pdf")]) == 2   # a path in an error line
    err = capsys.readouterr().err
    assert "[/x]/missing[/b].pdf" in err and len(err.strip().splitlines()) == 1


def test_missing_dependencies_are_named_in_one_line_before_collection(tmp_path):
    """A Python without the project's dependencies gets one usage error naming them (pytest exit 4),
    not an ImportError per test module."""
    from paths import missing_distributions

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "zhuanbao"\ndependencies = ["pytest>=7", "no-such-dist-zhuanbao>=1"]\n'
                         '[project.optional-dependencies]\ntest = ["zhuanbao[ocr]", "also-missing[extra]>=2"]\n',
                         encoding="utf-8")
    assert missing_distributions(pyproject) == ["no-such-dist-zhuanbao", "also-missing"]
    assert missing_distributions() == []     # this run has them all


def test_every_folder_of_the_package_is_installed():
    # pyproject lists the packages by hand (rules/ ships as extract.rules_data): a new folder of
    # extract/ that is not listed would install without its files
    import tomllib

    from paths import ROOT

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(d.relative_to(ROOT).parts) for d in (ROOT / "extract").rglob("*")
               if d.is_dir() and d.name != "__pycache__" and any(f.is_file() for f in d.iterdir())}
    assert folders | {"extract"} <= listed


def test_every_format_writes_the_same_rows_for_a_bulletin_whose_columns_are_read_by_content(tmp_path):
    """A table whose roles come partly from its cells (scored with numpy) must still export: JSON has
    no numpy booleans, and each table of JSON lines holds the rows of its CSV."""
    from paths import CORPUS

    out = tmp_path / "out"
    assert main(["extract", str(CORPUS / "pdf" / "var-jinxi-2023-04.pdf"), "--out", str(out), "--no-cache",
                 "--format", "csv", "--format", "json"]) == 0
    for name in ("bulletins", "indicators", "findings", "claims", "tables"):
        rows = [json.loads(line) for line in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(rows) == len(pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig")), name
    tables = [json.loads(line) for line in (out / "tables.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {type(row["certain"]) for row in tables} == {bool}
