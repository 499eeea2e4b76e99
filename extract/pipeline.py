"""One file through every stage: read -> segment -> tables -> records -> claims -> checks."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.checks import check
from extract.claims import extract_claims
from extract.model import (
    Annex,
    AnnexTable,
    BulletinError,
    BulletinResult,
    Document,
    Header,
    NotABulletin,
)
from extract.ocr_repair import repair_document_text, repair_tables, with_ocr_trace
from extract.records import table_records
from extract.rules import Rules
from extract.segment import segment
from extract.tables.columns import assign_roles, flat_headers
from extract.tables.stitch import stitch

SUPPORTED = (".pdf", ".docx", ".doc", ".wps")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _convert_legacy(path: Path, workdir: Path) -> Path:
    """Old binary Word/WPS files go through LibreOffice to .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise BulletinError(
            f"{path.suffix} needs LibreOffice to convert it; install it (Debian: apt-get install libreoffice-writer)"
        )
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{workdir}/profile", "--headless",
             "--convert-to", "docx", "--outdir", str(workdir), str(path)],
            check=True, capture_output=True, timeout=180,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        raise BulletinError(f"LibreOffice could not convert {path.suffix}: {type(exc).__name__}") from None
    converted = workdir / (path.stem + ".docx")
    if not converted.exists():
        raise BulletinError(f"LibreOffice could not convert {path.suffix} file")
    return converted


def read_document(path: str | Path, engine: str = "pdfplumber", ocr: str = "auto",
                  ocr_rules: dict | None = None) -> Document:
    """Dispatch on the file's type; every failure is a BulletinError with a one-line reason.
    `ocr` (auto | always | never) says which PDF pages are read by OCR (see `read_pdf`)."""
    path = Path(path)
    if not path.exists():
        raise BulletinError("no such file")
    if path.is_dir():
        raise BulletinError("is a directory")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BulletinError(f"unsupported file type '{suffix or path.name}' (expected .pdf or .docx)")
    if path.stat().st_size == 0:
        raise BulletinError("empty file")
    if suffix == ".pdf":
        from extract.readers.pdf import read_pdf

        return read_pdf(path, engine=engine, ocr=ocr, ocr_rules=ocr_rules)
    from extract.readers.docx import read_docx

    if suffix == ".docx":
        return read_docx(path)
    with tempfile.TemporaryDirectory(prefix="zhuanbao-") as tmp:
        document = read_docx(_convert_legacy(path, Path(tmp)))
        document.path = str(path)
        return document


def annex_tables(annex: Annex, rules: Rules, page_heights: list[float]) -> list[AnnexTable]:
    """Stitch an annex's fragments into logical tables; captions split sub-tables."""
    cuts = sorted({index for index, _ in annex.captions if 0 < index < len(annex.fragments)})
    names = {index: text for index, text in annex.captions}
    bounds = [0] + cuts + [len(annex.fragments)]
    tables: list[AnnexTable] = []
    for start, end in zip(bounds, bounds[1:]):
        around = annex.text_around[start:end]
        logical = stitch(annex.fragments[start:end], page_heights=page_heights or None,
                         text_above=[a for a, _ in around], text_below=[b for _, b in around])
        for k, grid in enumerate(logical):
            name = names.get(start, "") if k == 0 else ""
            columns = flat_headers(grid.header, grid.n_cols)
            roles = assign_roles(grid.header, grid.n_cols, rules.columns)
            tables.append(AnnexTable(annex.no, annex.campaign, name, grid, columns, roles))
    return tables


def process_document(document: Document, rules: Rules, file: str, sha256: str) -> BulletinResult:
    if document.ocr_pages:
        document = repair_document_text(document, rules.ocr)
    parts = segment(document, rules.document)
    if not parts.annexes:
        raise NotABulletin("no 附件 tables: not a bulletin")
    tables = [table for annex in parts.annexes for table in annex_tables(annex, rules, document.page_heights)]
    if document.ocr_pages:
        tables = repair_tables(tables, rules)
    indicators = []
    for table in tables:
        records = table_records(table, file, rules)
        indicators.extend(with_ocr_trace(records, table) if document.ocr_pages else records)
    claims = extract_claims(parts.narrative, parts.annexes, indicators, rules, file)
    findings = check(claims, indicators, parts.annexes, rules, file)
    return BulletinResult(
        file=file, sha256=sha256, pages=document.pages, header=parts.header,
        indicators=indicators, claims=claims, findings=findings, ocr_pages=len(document.ocr_pages),
    )


def process_file(path: str | Path, rules: Rules, engine: str = "pdfplumber", display_name: str | None = None,
                 ocr: str = "auto") -> BulletinResult:
    """Never raises for a bad document: the result carries status error/skipped and the reason.
    A bad argument (an unknown `ocr` mode) is a ValueError."""
    from extract.readers.pdf import OCR_MODES

    if ocr not in OCR_MODES:
        raise ValueError(f"unknown OCR mode '{ocr}' (choose from {', '.join(OCR_MODES)})")
    path = Path(path)
    file = display_name or path.name
    sha = ""
    pages = 0

    def failed(status: str, reason: str) -> BulletinResult:
        return BulletinResult(file, sha, pages, Header(), [], [], [], status=status, error=reason)

    try:
        sha = sha256_of(path) if path.is_file() else ""
        document = read_document(path, engine=engine, ocr=ocr, ocr_rules=rules.ocr)
        pages = document.pages
        return process_document(document, rules, file, sha)
    except NotABulletin as exc:
        return failed("skipped", str(exc))
    except BulletinError as exc:
        return failed("error", str(exc))
    except RecursionError:
        return failed("error", "damaged document: nesting too deep")
    except MemoryError:
        return failed("error", "document too large for memory")
    except Exception as exc:  # a bug must not stop a batch; the row says what went wrong
        reason = " ".join(str(exc).split())[:200]
        return failed("error", f"internal error: {type(exc).__name__}: {reason}")
