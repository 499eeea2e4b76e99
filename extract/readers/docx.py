"""Draft bulletins (.docx) read straight from the document structure with python-docx.

Paragraphs become TextLines located as "第N段"; tables become whole Grids (no page breaks to
repair) with merged cells resolved from w:gridSpan (horizontal) and w:vMerge (vertical).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from extract.model import BulletinError, Document, Grid, GridCell, TextLine

# Locators count the body's own paragraphs (empty ones too) and tables, 1-based.
PARAGRAPH_LOCATOR = "第{}段"
ROW_LOCATOR = "表{}第{}行"
_PARAGRAPH = re.compile(r"第(\d+)段")
_ROW = re.compile(r"表(\d+)第(\d+)行")


def parse_locator(locator: str) -> tuple[int] | tuple[int, int] | None:
    """(paragraph,) or (table, row), 1-based, from a locator this reader wrote; None otherwise."""
    if m := _PARAGRAPH.fullmatch(locator):
        return (int(m.group(1)),)
    if m := _ROW.fullmatch(locator):
        return int(m.group(1)), int(m.group(2))
    return None


def _cell_text(tc) -> str:
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return "\n".join(p for p in paragraphs if p.strip())


def _grid_from_table(tbl, table_no: int) -> Grid | None:
    rows: list[list[GridCell]] = []
    for r, tr in enumerate(tbl.iter(qn("w:tr"))):
        if tr.getparent() is not tbl:   # rows of nested tables belong to those tables
            continue
        row: list[GridCell] = []
        tr_pr = tr.find(qn("w:trPr"))
        before = 0
        if tr_pr is not None and tr_pr.find(qn("w:gridBefore")) is not None:
            before = int(tr_pr.find(qn("w:gridBefore")).get(qn("w:val"), "0"))
        for _ in range(before):
            row.append(GridCell("", (len(rows), len(row))))
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if tc_pr is not None:
                grid_span = tc_pr.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val"), "1"))
                vm = tc_pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            col = len(row)
            r_idx = len(rows)
            if vmerge == "continue" and rows and col < len(rows[-1]):
                above = rows[-1][col]
                cells = [GridCell(above.text, above.origin) for _ in range(span)]
            else:
                text = _cell_text(tc)
                cells = [GridCell(text, (r_idx, col)) for _ in range(span)]
            row.extend(cells)
        rows.append(row)
    if not rows:
        return None
    width = max(len(r) for r in rows)
    for i, row in enumerate(rows):
        while len(row) < width:
            row.append(GridCell("", (i, len(row))))
    return Grid(
        rows=rows,
        row_pages=[(None, None)] * len(rows),
        row_locators=[ROW_LOCATOR.format(table_no, i + 1) for i in range(len(rows))],
    )


def read_docx(path: str | Path) -> Document:
    path = Path(path)
    if path.stat().st_size == 0:
        raise BulletinError("empty file")
    if not zipfile.is_zipfile(path):
        raise BulletinError("not a .docx file (not a ZIP package)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise BulletinError(f"damaged .docx: {type(exc).__name__}") from None
    blocks: list[TextLine | Grid] = []
    paragraph_no = table_no = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph_no += 1
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text.strip():
                blocks.append(TextLine(text=text, page=None, locator=PARAGRAPH_LOCATOR.format(paragraph_no)))
        elif element.tag == qn("w:tbl"):
            table_no += 1
            grid = _grid_from_table(element, table_no)
            if grid is not None:
                blocks.append(grid)
    return Document(path=str(path), kind="docx", pages=0, blocks=blocks)
