"""Draft bulletins (.docx) read straight from the document structure.

Paragraphs become TextLines located as "第N段"; tables become whole Grids (no page breaks to
repair) with merged cells resolved from w:gridSpan (horizontal) and w:vMerge (vertical).

A .docx is a ZIP package, and a small package can inflate to gigabytes. So the reader opens
only the parts it needs (the package relationships and the main document part, never media:
python-docx's `Document()` would inflate every part), refuses a part whose inflated size or
compression ratio is over the limits in rules/limits.yaml, parses it without entities, DTDs
or network access, and caps column spans at Word's own limit.
"""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from extract.chinese.text import HARD_BREAK
from extract.model import BulletinError, Document, Grid, GridCell, TextLine
from extract.settings.document import Locators
from extract.settings.limits import Limits

_RELATIONSHIPS = "_rels/.rels"
_MAIN_PART = "word/document.xml"   # where Word puts it; the package relationships say for sure
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=True)


def _read_part(package: zipfile.ZipFile, name: str, limits: Limits) -> bytes | None:
    """A part's bytes, or None when the package has no such part; over a limit is a BulletinError.

    The sizes checked are the ones the archive declares; zipfile stops inflating at the declared
    size and checks the CRC, so a part cannot inflate past them unnoticed."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    mb = info.file_size / 2**20
    if info.file_size > limits.docx_part_max_bytes:
        raise BulletinError(f"damaged .docx: part {name} inflates to {mb:.0f} MiB "
                            f"(limit {limits.docx_part_max_bytes / 2**20:g} MiB)")
    if info.file_size > limits.docx_part_max_ratio * max(info.compress_size, 1):
        raise BulletinError(f"damaged .docx: part {name} inflates {info.file_size / max(info.compress_size, 1):.0f}x "
                            f"(limit {limits.docx_part_max_ratio:g}x)")
    return package.read(info)


def _main_part_name(package: zipfile.ZipFile, limits: Limits) -> str | None:
    rels = _read_part(package, _RELATIONSHIPS, limits)
    if rels is None:
        return _MAIN_PART if _MAIN_PART in package.namelist() else None
    for rel in etree.fromstring(rels, _PARSER):
        # transitional and strict OOXML name the relationship type in different namespaces
        if str(rel.get("Type", "")).endswith("/officeDocument") and rel.get("TargetMode") != "External":
            return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return None


def _grid_count(element: etree._Element | None, default: int, minimum: int, limits: Limits) -> int:
    """A w:gridSpan / w:gridBefore value as a whole number within [minimum, max columns];
    anything else ("abc", -5) is the default."""
    if element is None:
        return default
    try:
        value = int(element.get(qn("w:val"), default))
    except ValueError:
        return default
    return min(value, limits.max_table_columns) if value >= minimum else default


def _cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs, each ended by the writer's Enter: hard breaks (a draft has no wrapped lines)."""
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return HARD_BREAK.join(p for p in paragraphs if p.strip())


def _grid_from_table(tbl: etree._Element, table_no: int, limits: Limits, locators: Locators) -> Grid | None:
    def too_wide() -> BulletinError:
        return BulletinError(f"damaged .docx: table {table_no} is wider than {limits.max_table_columns} columns")

    rows: list[list[GridCell]] = []
    for tr in tbl.iter(qn("w:tr")):
        if tr.getparent() is not tbl:   # rows of nested tables belong to those tables
            continue
        row: list[GridCell] = []
        tr_pr = tr.find(qn("w:trPr"))
        before = _grid_count(tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None, 0, 0, limits)
        for _ in range(before):
            row.append(GridCell("", (len(rows), len(row))))
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if tc_pr is not None:
                span = _grid_count(tc_pr.find(qn("w:gridSpan")), 1, 1, limits)
                vm = tc_pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            if len(row) + span > limits.max_table_columns:
                raise too_wide()
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
        row_locators=[locators.at_table_row(table_no, i + 1) for i in range(len(rows))],
    )


def _body(path: Path, limits: Limits) -> etree._Element:
    """The w:body element of the package's main document part."""
    try:
        with zipfile.ZipFile(path) as package:
            name = _main_part_name(package, limits)
            data = _read_part(package, name, limits) if name else None
            if data is None:
                raise BulletinError("not a .docx file (no Word document part in the package)")
            root = etree.fromstring(data, _PARSER)
    except BulletinError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, etree.XMLSyntaxError, EOFError, OSError, ValueError,
            NotImplementedError) as exc:   # NotImplementedError: an unsupported compression method
        raise BulletinError(f"damaged .docx: {type(exc).__name__}") from None
    body = root.find(qn("w:body"))
    if root.tag != qn("w:document") or body is None:
        raise BulletinError("not a .docx file (its main part is not a Word document)")
    return body


def read_docx(path: str | Path, limits: Limits, locators: Locators) -> Document:
    """A draft's paragraphs and tables in order; locators count the body's own paragraphs (empty
    ones too) and tables, from 1."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise BulletinError("empty file")
    if not zipfile.is_zipfile(path):
        raise BulletinError("not a .docx file (not a ZIP package)")
    blocks: list[TextLine | Grid] = []
    paragraph_no = table_no = 0
    for element in _body(path, limits).iterchildren():
        if element.tag == qn("w:p"):
            paragraph_no += 1
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text.strip():
                blocks.append(TextLine(text=text, page=None, locator=locators.at_paragraph(paragraph_no)))
        elif element.tag == qn("w:tbl"):
            table_no += 1
            grid = _grid_from_table(element, table_no, limits, locators)
            if grid is not None:
                blocks.append(grid)
    return Document(path=str(path), kind="docx", pages=0, blocks=blocks)
