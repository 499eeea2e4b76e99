"""Every logical table of any PDF as CSV files (`zhuanbao tables PATH --out DIR`).

Tables are stitched across pages (repeated headers dropped, split rows rejoined); a merged cell's text
fills every position it covers. Files: `table_001.csv` ... (UTF-8 with BOM, the flattened header
first) and `index.csv` (table, page_start, page_end, n_rows, n_cols, columns). Each file is written
atomically: a temporary file in the same folder, then `os.replace`.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from extract.model import Grid
from extract.readers.pdf import read_pdf_pages
from extract.tables.stitch import StitchSettings, stitch_document


def flatten_header(grid: Grid) -> list[str]:
    """One label per column: the distinct header texts of the column, top to bottom, joined by "/"."""
    cols = []
    for c in range(grid.n_cols):
        parts: list[str] = []
        for row in grid.header:
            t = " ".join(row[c].text.split())
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        cols.append("/".join(parts))
    return cols


def write_atomic(path: Path, text: str, encoding: str = "utf-8-sig") -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def dump_tables(pdf_path: str | os.PathLike, out_dir: str | os.PathLike, engine: str = "pdfplumber",
                settings: StitchSettings | None = None) -> list[dict[str, Any]]:
    """Write the PDF's logical tables as CSV into out_dir; return the index rows."""
    doc, infos = read_pdf_pages(pdf_path, engine)
    tables = stitch_document(doc, settings, page_heights={i.number: i.height for i in infos})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    index: list[dict[str, Any]] = []
    for n, grid in enumerate(tables, start=1):
        name = f"table_{n:03d}.csv"
        columns = flatten_header(grid)
        body = [[cell.text for cell in row] for row in grid.rows]
        write_atomic(out / name, _csv(([columns] if grid.header else []) + body))
        index.append({
            "table": name,
            "page_start": grid.page_start,
            "page_end": grid.page_end,
            "n_rows": len(grid.rows),
            "n_cols": grid.n_cols,
            "columns": " | ".join(columns),
        })
    fields = ["table", "page_start", "page_end", "n_rows", "n_cols", "columns"]
    write_atomic(out / "index.csv", _csv([fields] + [[str(r[f] if r[f] is not None else "") for f in fields]
                                                      for r in index]))
    return index
