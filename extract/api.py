"""The Python API for notebooks: `extract.read_bulletin(path)`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract.export import CLAIM_COLUMNS, FINDING_COLUMNS, INDICATOR_COLUMNS, result_rows
from extract.model import BulletinError, BulletinResult
from extract.pipeline import process_file
from extract.rules import load_rules


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
    status: str
    error: str
    indicators: pd.DataFrame
    claims: pd.DataFrame
    findings: pd.DataFrame
    result: BulletinResult


def read_bulletin(path: str | Path, rules_dir: str | Path | None = None, engine: str = "pdfplumber",
                  strict: bool = True, ocr: str = "auto") -> Bulletin:
    """Extract and check one bulletin. With strict=True an unreadable file raises BulletinError.

    `ocr`: "auto" reads PDF pages without a text layer by OCR (needs `zhuanbao[ocr]`), "always"
    every page, "never" none."""
    result = process_file(Path(path), load_rules(rules_dir), engine=engine, ocr=ocr)
    if strict and result.status == "error":
        raise BulletinError(result.error)
    rows = result_rows(result)
    return Bulletin(
        file=result.file, sha256=result.sha256, pages=result.pages,
        doc_number=result.header.doc_number, issuer=result.header.issuer, title=result.header.title,
        date=result.header.date, status=result.status, error=result.error,
        indicators=pd.DataFrame(rows["indicators"], columns=INDICATOR_COLUMNS),
        claims=pd.DataFrame(rows["claims"], columns=CLAIM_COLUMNS),
        findings=pd.DataFrame(rows["findings"], columns=FINDING_COLUMNS),
        result=result,
    )
