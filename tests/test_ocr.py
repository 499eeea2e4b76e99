"""Scanned bulletins: the ruled-line grid, deskew, repairs from the document's own evidence, the
install hint without the `ocr` extra, and (with the extra) a two-page scan read end to end.

The full scanned corpus is scored by `zhuanbao eval corpus/ --scan` and by the `ocr_corpus`
marker in tests/test_corpus_golden.py (slow: run with `python -m pytest -m ocr_corpus`).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from grids import cells_from_spec

from extract.model import AnnexTable, Grid, GridCell, OcrMode, ReadChoice, Role, RoleChoice, TableMapping
from extract.ocr import reader as ocr
from extract.ocr.reader import (
    OcrBox,
    OcrSettings,
    ink_lines,
    restore_dropped_marks,
    skew_angle,
    split_at_rules,
)
from extract.ocr.repair import (
    ngram_counts,
    repair_confusables,
    repair_document_text,
    repair_ratios,
    repair_statuses,
    repair_units,
)
from extract.outputs.export import indicator_row
from extract.pipeline import process_file
from extract.run.cache import entry_bytes, entry_result
from extract.settings.rules import default_geometry, load_rules
from extract.tables.ruled_image import find_tables
from extract.tables.stitch import stitch

needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="OCR extra not installed: pip install 'zhuanbao[ocr]'")


@pytest.fixture(scope="module")
def settings(rules) -> OcrSettings:
    return OcrSettings.from_rules(rules.ocr)


def scan_of(pdf: Path, out: Path, dpi: int = 150, angle: float = 0.0) -> Path:
    """Pages of a PDF as grey JPEG images only, optionally turned: what a scanner produces."""
    import pypdfium2
    from PIL import Image

    doc = pypdfium2.PdfDocument(str(pdf))
    pages = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    doc.close()
    pages = [p.rotate(angle, resample=Image.BICUBIC, fillcolor=255) for p in pages]
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=80)
    return out


# --- the grid from the rules ------------------------------------------------------------------

def _ruled_page() -> np.ndarray:
    """A white page with one ruled 3x3 table whose first column merges rows 2 and 3, and some
    'text' strokes in the cells (short lines that must not be taken for rules)."""
    import cv2

    page = np.full((600, 800), 255, np.uint8)
    xs, ys = [100, 250, 500, 700], [100, 160, 260, 360]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    cv2.rectangle(page, (102, 162), (248, 358), 255, -1)         # erase the rule between rows 2 and 3 in column 1
    cv2.line(page, (100, 160), (100, 360), 0, 2)
    cv2.line(page, (250, 160), (250, 360), 0, 2)
    for x0 in (120, 280, 520):
        cv2.line(page, (x0, 130), (x0 + 30, 130), 0, 2)          # strokes of characters
        cv2.line(page, (x0 + 15, 120), (x0 + 15, 140), 0, 2)
    return page


def test_cells_come_from_the_rules_and_an_undrawn_edge_merges_two_cells(settings):
    tables, rules = find_tables(_ruled_page(), settings.grid_settings())
    assert len(tables) == 1
    cells = sorted((round(x0), round(y0), round(x1), round(y1)) for x0, y0, x1, y1 in tables[0])
    assert len(cells) == 8                                        # 9 positions, 2 of them one cell
    merged = [c for c in cells if c[3] - c[1] > 150]
    assert len(merged) == 1 and abs(merged[0][0] - 100) <= 3 and abs(merged[0][1] - 160) <= 3
    assert rules[130, 135] == 0, "a character's stroke is not a rule to erase"
    assert rules[100, 400] > 0


def test_a_page_without_rules_has_no_table(settings):
    page = np.full((400, 400), 255, np.uint8)
    page[200:204, 50:120] = 0
    assert find_tables(page, settings.grid_settings())[0] == []


def test_deskew_finds_the_angle_a_scanner_turned_the_page(mini_pdf, settings):
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(mini_pdf))
    gray = ocr.render_page(doc[1], 100)
    doc.close()
    for angle in (0.0, 0.7, -1.2):
        found = skew_angle(ocr.rotate(gray, angle), settings.render.deskew_max_degrees, settings.render.deskew_step)
        assert abs(found + angle) <= 0.1, (angle, found)


def test_ink_lines_split_a_narrow_cell_into_its_lines():
    ink = np.zeros((70, 40), bool)
    for top in (2, 26, 50):            # three lines of 'characters', 5 px apart
        ink[top:top + 18, 3:35] = True
    ink[26 + 7:26 + 9, :] = False      # a character with a gap inside (二) stays one line
    lines = ink_lines(ink, 2)
    assert [(a, b) for a, b, _, _ in lines] == [(2, 20), (26, 44), (50, 68)]


# --- boxes --------------------------------------------------------------------------------------

def _box(text: str, xs: list[float]) -> OcrBox:
    chars = tuple((t, x, x + 10) for t, x in zip(text, xs))
    return OcrBox(text, 0.99, xs[0], 0, xs[-1] + 10, 12, chars)


def test_a_mark_dropped_by_recognition_comes_back_where_its_room_is_left():
    box = _box("帮扶机制安排专人", [0, 11, 22, 33, 55, 66, 77, 88])   # a character's room after 制
    assert restore_dropped_marks(box, 0.6, "，").text == "帮扶机制，安排专人"
    tight = _box("帮扶机制安排专人", [0, 11, 22, 33, 44, 55, 66, 77])
    assert restore_dropped_marks(tight, 0.6, "，").text == "帮扶机制安排专人"


def test_a_box_across_a_column_rule_is_cut_at_its_characters():
    box = _box("县发改局进展有序", [0, 11, 22, 33, 60, 71, 82, 93])
    cells = [[(-5, -5, 50, 20), (50, -5, 120, 20)]]
    assert [b.text for b in split_at_rules(box, cells, lambda a, b: None)] == ["县发改局", "进展有序"]
    no_chars = dataclasses.replace(box, chars=())
    parts = split_at_rules(no_chars, cells, lambda a, b: OcrBox(f"{a:g}-{b:g}", 0.9, a, 0, b, 12))
    assert [b.text for b in parts] == ["0-50", "50-103"]                 # each part read again


# --- repairs from the document's own evidence ---------------------------------------------------

def _table(rows: list[list[str]], roles: dict[str, list[int]], confidence: float | None = 0.9) -> AnnexTable:
    grid = Grid(rows=[[GridCell(t, (r, c), 1, confidence) for c, t in enumerate(row)] for r, row in enumerate(rows)],
                row_pages=[(1, 1)] * len(rows), row_locators=["第1页"] * len(rows))
    choices = tuple(RoleChoice(role=Role(r), columns=tuple(c), header=r, evidence="header", confidence=1.0)
                    for r, c in roles.items())
    return AnnexTable(1, "打好经济增长主动仗", "", grid, TableMapping(columns=tuple(roles), choices=choices,
                                                              min_confidence=0.6))


def test_a_unit_name_read_once_is_corrected_toward_the_name_that_recurs(rules):
    table = _table([["风凰县发改局"], ["凤凰县发改局"], ["凤凰县发改局、县财政局"], ["县财政局"]], {"units": [0]})
    fixed = repair_units([table], rules)[0].grid
    assert fixed.rows[0][0].text == "凤凰县发改局" and fixed.rows[0][0].raw == "风凰县发改局"
    assert fixed.rows[2][0].text == "凤凰县发改局、县财政局" and fixed.rows[2][0].raw is None
    sure = _table([["县民政局"], ["县财政局"], ["县财政局"]], {"units": [0]}, confidence=0.9999)
    assert repair_units([sure], rules)[0].grid.rows[0][0].text == "县民政局"   # another unit, read clearly


def test_text_layer_cells_are_never_repaired(rules):
    table = _table([["风凰县发改局"], ["凤凰县发改局"], ["凤凰县发改局"]], {"units": [0]}, confidence=None)
    assert repair_units([table], rules)[0].grid.rows[0][0].text == "风凰县发改局"


def test_status_snaps_to_a_recurring_value_but_a_different_wording_stays(rules):
    table = _table([["进展有厅"], ["进展有序"], ["进展有序"], ["预计完成年度任务"], ["完成年度任务"]], {"status": [0]})
    fixed = [row[0].text for row in repair_statuses([table], rules)[0].grid.rows]
    assert fixed == ["进展有序", "进展有序", "进展有序", "预计完成年度任务", "完成年度任务"]


def test_ratio_column_holds_percentages_or_a_slash(rules):
    table = _table([["1"], ["1."], ["43.53%"], ["l"], ["未下指标"]], {"completion": [0]})
    fixed = [row[0].text for row in repair_ratios([table], rules)[0].grid.rows]
    assert fixed == ["/", "/", "43.53%", "/", "未下指标"]


def test_confusable_characters_follow_the_spelling_the_document_uses(rules):
    pairs = {"人": {"入"}, "入": {"人"}}
    texts = ["项目入库3个", "已入库2家", "全县累计接待游客268万人次", "拟入库"]
    counts = ngram_counts(texts + ["新增人库1家"])
    assert repair_confusables("新增人库1家", counts, pairs, 2) == "新增入库1家"
    assert repair_confusables("接待游客10万人次", ngram_counts(texts + ["接待游客10万人次"]), pairs, 2) == "接待游客10万人次"


def test_punctuation_lookalikes_and_the_page_number(rules, mini_pdf):
    from extract.model import Document, TextLine

    lines = [TextLine(t, 1, "第1页", 0.9) for t in ("泸政督函[2023]7号", "县发改局,县财政局", "-11一", "增长12，4%")]
    doc = repair_document_text(Document("x.pdf", "pdf", 1, list(lines), [842.0], (1,)), rules.ocr)
    assert [b.text for b in doc.blocks] == ["泸政督函〔2023〕7号", "县发改局，县财政局", "— 11 —", "增长12.4%"]


def test_confidence_and_raw_text_survive_stitching():
    def frag(page: int, rows: list[list[str]], score: float) -> Grid:
        cells = [[dataclasses.replace(c, confidence=score, raw="raw" + c.text if c.text else None) for c in row]
                 for row in cells_from_spec(rows, page)]
        return Grid(rows=cells, row_pages=[(page, page)] * len(rows), row_locators=[f"第{page}页"] * len(rows),
                    col_edges=(0, 30, 80, 120), bbox=(0, 10, 120, 90))

    first = frag(1, [["序号", "责任单位", "备注"], ["1", "县发改局", "进展有序"]], 0.97)
    rest = frag(2, [["", "县财政局", ""]], 0.62)                      # the rest of row 1, cut by the break
    table = stitch([first, rest], default_geometry().stitch, load_rules().document, page_heights=[100.0, 100.0], text_above=[True, False], text_below=[False, False])[0]
    cell = table.rows[0][1]
    assert cell.text == "县发改局\n县财政局" and cell.confidence == 0.62 and cell.raw == "raw县发改局\nraw县财政局"
    assert table.rows[0][2].confidence == 0.97


# --- without the extra: one line saying how to install it ---------------------------------------

def test_a_scan_without_the_ocr_extra_is_a_one_line_install_hint(tmp_path, mini_pdf, rules, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    scan = scan_of(mini_pdf, tmp_path / "scan.pdf", dpi=72)
    result = process_file(scan, rules)
    assert result.status == "error" and "\n" not in result.error
    assert result.error.startswith("no text layer (scanned image?)")
    assert "pip install 'zhuanbao[ocr]'" in result.error
    always = process_file(mini_pdf, rules, ReadChoice(ocr=OcrMode.ALWAYS))
    assert always.status == "error" and always.error == "OCR is not installed: " + ocr.INSTALL_HINT


def test_never_keeps_a_scan_an_error_and_a_wrong_mode_is_refused(tmp_path, mini_pdf, rules):
    scan = scan_of(mini_pdf, tmp_path / "scan.pdf", dpi=72)
    assert process_file(scan, rules, ReadChoice(ocr=OcrMode.NEVER)).error.startswith("no text layer (scanned image?)")
    with pytest.raises(ValueError, match="unknown OCR mode"):
        process_file(scan, rules, ReadChoice.named("pdfplumber", "pdfium", "sometimes"))


# --- with the extra: the models ship in the wheel, and a scan is read ---------------------------

@needs_ocr
def test_models_are_opened_from_the_installed_package_not_downloaded(settings):
    import rapidocr

    paths = ocr.model_paths(settings.engine.det_model, settings.engine.rec_model)
    package = Path(rapidocr.__file__).resolve().parent
    assert all(p.is_file() and package in p.parents for p in paths.values())
    engine = ocr.load_engine(settings)
    assert Path(str(engine._ocr.cfg.Det.model_path)) == paths["det"]
    assert Path(str(engine._ocr.cfg.Rec.model_path)) == paths["rec"]


@needs_ocr
def test_a_two_page_scan_reads_like_its_born_digital_twin(tmp_path, mini_pdf, rules):
    scan = scan_of(mini_pdf, tmp_path / "mini-scan.pdf", dpi=150, angle=0.5)
    digital = process_file(mini_pdf, rules)
    scanned = process_file(scan, rules)
    assert scanned.status == "ok", scanned.error
    assert scanned.ocr_pages == 2 and digital.ocr_pages == 0
    assert scanned.header == digital.header
    assert len(scanned.indicators) == len(digital.indicators) == 6
    fields = ("seq", "target", "responsible_units", "completion_raw", "status_raw", "status")
    wrong = [(f, a, b) for x, y in zip(digital.indicators, scanned.indicators) for f in fields
             if (a := getattr(x, f)) != (b := getattr(y, f))]
    assert len(wrong) <= 1, wrong
    assert [f.kind for f in scanned.findings] == [f.kind for f in digital.findings]
    row = indicator_row(scanned.indicators[0])
    assert 0 < row["ocr_confidence"] <= 1 and row["target_raw_ocr"]
    assert indicator_row(digital.indicators[0])["ocr_confidence"] is None
    # the OCR fields (confidence per field, raw text, pages read by OCR) come back from the cache typed
    assert scanned.indicators[0].confidence and scanned.indicators[0].raw_ocr
    assert entry_result(entry_bytes(scanned, "key"), "key") == scanned


def test_a_reading_below_the_tolerance_is_doubtful_and_a_text_layer_never_is(rules):
    from extract.ocr.repair import doubtful

    floor = rules.tolerances.ocr.min_confidence
    assert doubtful(floor - 0.01, rules) and not doubtful(floor, rules) and not doubtful(None, rules)


def test_ocr_workers_are_capped_by_the_available_memory(rules, monkeypatch):
    per_worker = rules.ocr.engine.worker_memory_mb
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    monkeypatch.setattr(ocr, "available_memory_mb", lambda: int(2.5 * per_worker))
    assert ocr.max_ocr_workers(rules.ocr) == 2
    monkeypatch.setattr(ocr, "available_memory_mb", lambda: per_worker // 3)
    assert ocr.max_ocr_workers(rules.ocr) == 1                  # one worker always runs
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    assert ocr.max_ocr_workers(rules.ocr) > 1000                # no OCR, no models in memory


@needs_ocr
def test_a_mixed_folder_is_extracted_with_its_ocr_pages_counted(tmp_path, mini_pdf, capsys):
    import shutil

    import pandas as pd

    from extract.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(mini_pdf, folder / "a-printed.pdf")
    scan_of(mini_pdf, folder / "b-scanned.pdf", dpi=150)
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2"]) == 0
    bulletins = pd.read_csv(tmp_path / "out" / "bulletins.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(bulletins["status"]) == ["ok", "ok"] and list(bulletins["ocr_pages"]) == [0, 2]
    indicators = pd.read_csv(tmp_path / "out" / "indicators.csv", encoding="utf-8-sig", keep_default_na=False)
    scanned = indicators[indicators["file"].str.endswith("b-scanned.pdf")]
    assert len(scanned) == 6 and (scanned["ocr_confidence"] != "").all()
    assert (indicators.loc[indicators["file"].str.endswith("a-printed.pdf"), "ocr_confidence"] == "").all()
    assert "pages read by OCR" in capsys.readouterr().out


def test_a_comma_in_a_dropped_quotes_room_becomes_the_quote_the_document_writes_there():
    from extract.ocr.repair import repair_quotes

    texts = ["全面开展“一企一策”辅导", "对企业开展“一企一策”帮扶", "企业开展，一企一策辅导"]
    counts = ngram_counts(texts, sizes=(5,))
    assert repair_quotes("企业开展，一企一策辅导", counts, "，", ["“", "”"], 2) == "企业开展“一企一策辅导"
    assert repair_quotes("工作开展，一是加强", counts, "，", ["“", "”"], 2) == "工作开展，一是加强"   # no evidence
