"""Annexes that travel as spreadsheets beside a draft (附件1.xlsx): .xlsx, .xls, WPS .et, .ods, .csv.

Each sheet becomes the blocks a printed annex gives the pipeline: its 附件N heading, its title,
then one Grid (merged ranges resolved to origins), so that the same stitching, column roles and
repairs read it as a table of the draft. The top rows that hold a single text (附件1, the table's
title) are the heading and the title; the rest is the table. python-calamine reads every workbook
format (Rust, MIT); the format is told by the file's first bytes, never its name.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from extract.model import BulletinError, Grid, GridCell, TextLine
from extract.settings.document import DocumentMarks
from extract.settings.limits import Limits
from extract.settings.sections import DocumentRules

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"

# a sheet's merged ranges: ((first row, first column), (last row, last column)), inclusive
Merged = list[tuple[tuple[int, int], tuple[int, int]]]


def annex_number(path: Path, marks: DocumentMarks) -> int | None:
    """The N of a file named …附件N… (document.yaml `marks.annex_file`); None when its name gives none."""
    m = marks.annex_file.search(path.stem)
    return int(m.group(1)) if m else None


def read_annex_file(path: Path, no: int, limits: Limits, document: DocumentRules) -> list[TextLine | Grid]:
    """The blocks of one annex file, headed 附件`no` unless its first rows say otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BulletinError(f"annex {path.name}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not data:
        raise BulletinError(f"annex {path.name}: empty file")
    sheets = _csv(data, path) if not data.startswith((_ZIP, _OLE)) else _workbook(data, path, limits)
    blocks: list[TextLine | Grid] = []
    for k, (name, rows, merged) in enumerate(sheets):
        blocks.extend(_sheet_blocks(path, name, rows, merged, no, document, first=k == 0))
    if not any(isinstance(b, Grid) for b in blocks):
        raise BulletinError(f"annex {path.name}: no table in it")
    return blocks


def _workbook(data: bytes, path: Path, limits: Limits) -> list[tuple[str, list[list[str]], Merged]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out: list[tuple[str, list[list[str]], Merged]] = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.height * sheet.width > limits.sheet_max_cells:
                raise BulletinError(f"annex {path.name}: sheet {name} has {sheet.height * sheet.width} cells "
                                    f"(limit {limits.sheet_max_cells})")
            rows = [[_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            out.append((name, rows, list(sheet.merged_cell_ranges or [])))
        return out
    except (BulletinError, MemoryError):   # out of memory is the run's limit (not cached), not a damaged file
        raise
    except Exception as exc:   # calamine's own errors: a damaged or foreign file
        raise BulletinError(f"annex {path.name}: not a readable spreadsheet ({type(exc).__name__})") from None


def _csv(data: bytes, path: Path) -> list[tuple[str, list[list[str]], Merged]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BulletinError(f"annex {path.name}: neither a spreadsheet nor UTF-8/GB18030 text")
    if "\x00" in text:
        raise BulletinError(f"annex {path.name}: neither a spreadsheet nor text")
    return [(path.stem, [list(row) for row in csv.reader(io.StringIO(text))], [])]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _sheet_blocks(path: Path, name: str, rows: list[list[str]], merged: Merged, no: int,
                  document: DocumentRules, first: bool) -> list[TextLine | Grid]:
    marks, locators = document.marks, document.locators
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    origin = {(r, c): (r, c) for r in range(len(rows)) for c in range(width)}
    for (r0, c0), (r1, c1) in merged:
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                origin[(r, c)] = (r0, c0)
    # the top rows holding one text (附件1, the title) are no table rows
    top = 0
    while top < len(rows) and sum(1 for c in range(width) if rows[top][c] and origin[(top, c)] == (top, c)) <= 1:
        top += 1
    body = [r for r in range(top, len(rows)) if any(rows[r])]
    if not body:
        return []
    lines = [rows[r][next(c for c in range(width) if rows[r][c])] for r in range(top) if any(rows[r])]
    where = f"{path.name}·{name}"    # the "·" tells segment.py the annex came as a file (Annex.attached)
    blocks: list[TextLine | Grid] = []
    if not lines or not marks.annex_file.match(lines[0]):
        if not first:
            lines = [f"{name}"] + lines
        else:
            lines = [locators.at_annex(no)] + (lines or [marks.annex_file.sub("", path.stem).strip(" -_—：:")
                                                          or path.stem])
    blocks.extend(TextLine(text, None, where) for text in lines)
    cols = [c for c in range(width) if any(rows[r][c] for r in body)]
    grid_rows = []
    for i, r in enumerate(body):
        cells = []
        for j, c in enumerate(cols):
            r0, c0 = origin[(r, c)]
            # an origin above the body or left of the kept columns starts at the body's edge
            oi = body.index(r0) if r0 in body else i
            oj = cols.index(c0) if c0 in cols else j
            cells.append(GridCell(rows[r0][c0] if (r0, c0) != (r, c) else rows[r][c], (oi, oj)))
        grid_rows.append(cells)
    blocks.append(Grid(rows=grid_rows, row_pages=[(None, None)] * len(grid_rows),
                       row_locators=[locators.at_sheet_row(where, r + 1) for r in body]))
    return blocks
