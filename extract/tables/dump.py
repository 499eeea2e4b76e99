"""Every logical table of any PDF as CSV files (`zhuanbao tables PATH --out DIR`).

Tables are stitched across pages (repeated headers dropped, split rows rejoined); a merged cell's text
fills every position it covers. Files: `table_001.csv` ... (UTF-8 with BOM, the flattened header
first) and `index.csv` (table, page_start, page_end, n_rows, n_cols, columns). Each file is written
atomically: a temporary file in the same folder, then `os.replace`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from extract.chinese.text import cell_item, repair_cell, strip_document_controls
from extract.model import ReadChoice
from extract.ocr.repair import repair_document_text
from extract.outputs.export import csv_text, write_text_atomic
from extract.readers.pdf import read_pdf_pages
from extract.settings.rules import Rules
from extract.tables.columns import flat_headers
from extract.tables.stitch import stitch_document

INDEX_FIELDS = ["table", "page_start", "page_end", "n_rows", "n_cols", "columns"]


def table_files(pdf_path: str | os.PathLike[str], rules: Rules,
                read: ReadChoice) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """The PDF's logical tables as CSV texts: (file name, text) for each, and the index rows. Pages
    without a text layer are read by OCR (see `read_pdf`), their text repaired as the pipeline does."""
    geometry = rules.geometry
    doc, infos = read_pdf_pages(pdf_path, rules, read)
    doc = strip_document_controls(doc)   # no control character in a CSV, as for the pipeline
    if doc.ocr_pages:
        doc = repair_document_text(doc, rules.ocr)
    tables = stitch_document(doc, geometry.stitch, rules.document,
                             page_heights={i.number: i.height for i in infos})
    files: list[tuple[str, str]] = []
    index: list[dict[str, Any]] = []
    item = cell_item(rules)
    for n, grid in enumerate(tables, start=1):
        name = f"table_{n:03d}.csv"
        columns = flat_headers(grid.header, grid.n_cols)
        body = [[repair_cell(cell.text, item=item) for cell in row] for row in grid.rows]
        files.append((name, csv_text(([columns] if grid.header else []) + body)))
        index.append({
            "table": name,
            "page_start": grid.page_start,
            "page_end": grid.page_end,
            "n_rows": len(grid.rows),
            "n_cols": grid.n_cols,
            "columns": " | ".join(columns),
        })
    return files, index


def write_tables(out_dir: str | os.PathLike[str], files: list[tuple[str, str]], index: list[dict[str, Any]]) -> None:
    """Each table file, then index.csv, each written whole (a temporary file, then `os.replace`)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files:
        write_text_atomic(out / name, text)
    write_text_atomic(out / "index.csv", csv_text([INDEX_FIELDS] + [
        [str(r[f] if r[f] is not None else "") for f in INDEX_FIELDS] for r in index]))
