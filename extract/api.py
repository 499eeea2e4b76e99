"""The Python API for notebooks: `extract.read_bulletin(path)`."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract.history.history import History, indicator_history
from extract.model import BulletinError, BulletinResult, ReadChoice, ResultStatus
from extract.outputs.export import CLAIM_COLUMNS, FINDING_COLUMNS, INDICATOR_COLUMNS, result_rows
from extract.pipeline import load_settings, process_file
from extract.settings.geometry import Geometry


@dataclass
class Bulletin:
    """One bulletin's fields plus its three tables as pandas DataFrames."""

    file: str
    sha256: str
    pages: int
    doc_number: str
    issuer: str
    title: str
    date: str
    period_start: str
    period_end: str
    period_label: str
    status: str
    error: str
    indicators: pd.DataFrame
    claims: pd.DataFrame
    findings: pd.DataFrame
    result: BulletinResult


def read_bulletin(path: str | Path, rules_dir: str | Path | None = None, engine: str = ReadChoice.engine,
                  strict: bool = True, reader: str = ReadChoice.reader, geometry: Geometry | None = None,
                  ocr: str = ReadChoice.ocr) -> Bulletin:
    """Extract and check one bulletin. With strict=True an unreadable file raises BulletinError.

    reader: "pdfium" (default) or "pdfplumber" (same records, slower). geometry: tolerances to use
    instead of the rules folder's geometry.yaml, e.g.
    `load_settings().geometry.replace(words={"x_tolerance": 2})`. ocr: "auto" reads PDF pages without
    a text layer by OCR (needs `zhuanbao[ocr]`), "always" every page, "never" none."""
    rules = load_settings(rules_dir)
    if geometry is not None:
        rules = dataclasses.replace(rules, geometry=geometry)
    result = process_file(Path(path), rules, ReadChoice.named(engine, reader, ocr))
    if strict and result.status == ResultStatus.ERROR:
        raise BulletinError(result.error)
    rows = result_rows(result)
    return Bulletin(
        file=result.file, sha256=result.sha256, pages=result.pages,
        doc_number=result.header.doc_number, issuer=result.header.issuer, title=result.header.title,
        date=result.header.date, period_start=result.header.period_start, period_end=result.header.period_end,
        period_label=result.header.period_label, status=result.status, error=result.error,
        indicators=pd.DataFrame(rows["indicators"], columns=INDICATOR_COLUMNS),
        claims=pd.DataFrame(rows["claims"], columns=CLAIM_COLUMNS),
        findings=pd.DataFrame(rows["findings"], columns=FINDING_COLUMNS),
        result=result,
    )


def read_history(out_dir: str | Path, rules_dir: str | Path | None = None, min_run: int | None = None) -> History:
    """Link each indicator across the bulletins that `zhuanbao extract --out OUT_DIR` wrote.

    Returns History with two DataFrames: `history` (one row per indicator per bulletin, with its
    `indicator_id`) and `laggards` (runs of >= min_run consecutive bulletins behind); `.series()`
    gives each indicator's periods, completion ratios and statuses as lists."""
    return indicator_history(out_dir, load_settings(rules_dir), min_run=min_run)
