"""Naive baselines: what the table libraries give on their own, with a simple column mapping.

`zhuanbao eval corpus/ --baselines` scores these rows next to the pipeline's, so the value of
each of zhuanbao's repairs shows (issue 4). A baseline is what a user gets from the library
alone, WITHOUT any of zhuanbao's repairs:

- tables: pdfplumber's `page.extract_tables()` per page, or camelot lattice
  (`camelot.read_pdf(path, flavor="lattice", pages="all")`, each table's `.df` and `.page`);
- annexes: a page belongs to the annex whose "附件N" heading (a line of `page.extract_text()`
  matching document.yaml `marks.annex_heading`) last appeared, on that page or before it; pages before
  the first heading are ignored;
- header: the FIRST row of the annex's first raw table; its cells become `GridCell`s with distinct
  origins and go through `map_columns` with the shipped rules, the table's other rows as content (so a
  multi-row header is read by its top row only);
- records: every other row of every raw table of the annex is one record, mapped by column
  position: target = the first target column's text, responsible units split on 、 only,
  completion_ratio = `parse_percent` on the raw cell, status = `classify_status` on the raw cell.

Deliberately absent: no dropping of headers repeated on later pages, no joining of rows split by a
page break, no filling of merged cells (pdfplumber's None cells become ""), no "1、" seq split off
the target, no CJK wrap/space repair beyond what pdfplumber / camelot already do, no section-title
rows, no sub-table captions. Rows carry the indicators.csv columns so `extract.evaluation.corpus.score_bulletin`
scores them exactly like the pipeline's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.chinese.numbers import Numerals, parse_percent
from extract.chinese.status import classify_status
from extract.chinese.text import squash
from extract.layout.segment import campaign_from_title
from extract.model import Engine, GridCell
from extract.outputs.export import INDICATOR_COLUMNS
from extract.settings.document import DocumentMarks
from extract.settings.rules import Rules, load_rules
from extract.tables.columns import map_columns

ENGINES = tuple(Engine)


def _raw_tables(pdf_path: Path, engine: str, pdf: Any) -> dict[int, list[list[list[str]]]]:
    """Per 1-based page, its raw tables as lists of rows of strings (None -> "")."""
    by_page: dict[int, list[list[list[str]]]] = {}
    if engine == Engine.PDFPLUMBER:
        for number, page in enumerate(pdf.pages, start=1):
            tables = page.extract_tables()
            if tables:
                by_page[number] = [[[c if c is not None else "" for c in row] for row in t] for t in tables]
    elif engine == Engine.CAMELOT:
        from camelot.io import read_pdf  # optional engine: imported only when used

        for t in read_pdf(str(pdf_path), flavor="lattice", pages="all"):
            rows = [["" if c is None else str(c) for c in row] for row in t.df.values.tolist()]
            by_page.setdefault(int(t.page), []).append(rows)
    else:
        raise ValueError(f"unknown table engine: {engine!r}")
    return by_page


def _annex_of_pages(pdf: Any, marks: DocumentMarks) -> dict[int, tuple[int, str]]:
    """Page number -> (annex no, annex heading title) of the last 附件N heading seen so far."""
    current: tuple[int, str] | None = None
    out: dict[int, tuple[int, str]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        for line in (page.extract_text() or "").splitlines():
            match = marks.annex_heading.match(squash(line))
            if match:
                current = (int(match.group(1)), match.group(2))
        if current is not None:
            out[number] = current
    return out


def _cell(row: list[str], col: int | None) -> str:
    if col is None or col >= len(row):
        return ""
    return row[col]


def _first(roles: dict[str, list[int]], role: str) -> int | None:
    cols = roles.get(role)
    return cols[0] if cols else None


def raw_indicators(pdf_path: str | Path, engine: str, rules: Rules | None = None) -> list[dict[str, Any]]:
    """Indicator rows (indicators.csv shape) from the raw tables of `engine`; see the module docstring."""
    import pdfplumber

    rules = rules or load_rules()
    marks, locators = rules.document.marks, rules.document.locators
    pdf_path = Path(pdf_path)
    with pdfplumber.open(str(pdf_path)) as pdf:
        annex_of = _annex_of_pages(pdf, marks)
        tables = _raw_tables(pdf_path, engine, pdf)
    out: list[dict[str, Any]] = []
    roles_of: dict[int, dict[str, list[int]]] = {}
    for page in sorted(tables):
        if page not in annex_of:
            continue
        annex_no, title = annex_of[page]
        for table in tables[page]:
            rows = table
            if annex_no not in roles_of:
                if not rows:
                    continue
                header = [[GridCell(text, (0, c), page) for c, text in enumerate(rows[0])]]
                rows = rows[1:]
                body = [[GridCell(text, (r, c), page) for c, text in enumerate(row)] for r, row in enumerate(rows, 1)]
                mapping = map_columns(header, body, len(header[0]), rules)
                roles_of[annex_no] = {role.value: cols for role, cols in mapping.roles.items()}
            roles = roles_of[annex_no]
            for row in rows:
                units = _cell(row, _first(roles, "units"))
                completion_raw = _cell(row, _first(roles, "completion"))
                percent = parse_percent(completion_raw, Numerals.from_rules(rules)) if completion_raw else None
                status_raw = _cell(row, _first(roles, "status"))
                record = {
                    "file": pdf_path.name,
                    "annex_no": annex_no,
                    "campaign": campaign_from_title(title, rules.document),
                    "section": _cell(row, _first(roles, "section")),
                    "seq": _cell(row, _first(roles, "seq")),
                    "target": _cell(row, _first(roles, "target")),
                    "responsible_units": ";".join(u.strip() for u in units.split("、") if u.strip()),
                    "progress": _cell(row, _first(roles, "progress")),
                    "completion_raw": completion_raw,
                    "completion_ratio": percent.value if percent else None,
                    "status_raw": status_raw,
                    "status": classify_status(status_raw, rules),
                    "page_start": page,
                    "page_end": page,
                    "where": locators.at_page(page),
                }
                out.append({k: record.get(k) for k in INDICATOR_COLUMNS})   # no OCR columns: None
    return out
