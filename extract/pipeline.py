"""One file through every stage: read -> segment -> tables -> records -> claims -> checks."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from extract.checks.checks import review
from extract.chinese.numbers import CountWords
from extract.chinese.period import with_period
from extract.chinese.status import StatusVocabulary
from extract.chinese.text import strip_controls, strip_document_controls
from extract.layout.segment import annex_heading_number, segment
from extract.model import (
    Annex,
    AnnexTable,
    BulletinError,
    BulletinResult,
    Document,
    Finding,
    FindingKind,
    Grid,
    Header,
    ReadChoice,
    ResultStatus,
    Severity,
    TextLine,
    Unchecked,
)
from extract.narrative.claims import read_narrative
from extract.narrative.grammar import ClaimGrammar
from extract.ocr.reader import OcrSettings
from extract.ocr.repair import punctuation_rules, repair_document_text, repair_tables, with_ocr_trace
from extract.settings.limits import Limits
from extract.settings.rules import Rules, load_rules
from extract.settings.sections import DocumentRules
from extract.tables.columns import map_table
from extract.tables.columns import settings as column_settings
from extract.tables.records import table_records
from extract.tables.stitch import stitch

SUPPORTED = (".pdf", ".docx", ".doc", ".wps")
# in a path: C0/C1 controls (tab and newline too: a name stays on one line), DEL, bidi overrides
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def load_settings(folder: str | Path | None = None) -> Rules:
    """A run's rules (`load_rules`), each file also compiled by the stages that read it, once: a
    county's value that loads but that a stage cannot use (a status word without its two meanings)
    fails here, as one line naming its file, and not file after file in the middle of the run."""
    rules = load_rules(folder)
    builds: tuple[tuple[str, Callable[[Rules], object]], ...] = (
        ("status", StatusVocabulary.from_rules),
        ("numbers", CountWords.from_rules),
        ("claims", ClaimGrammar.from_rules),
        ("columns", column_settings),
        ("ocr", lambda r: OcrSettings.from_rules(r.ocr)),
        ("ocr", lambda r: punctuation_rules(r.ocr)),
        ("limits", Limits.from_rules),
    )
    for name, build in builds:
        try:
            build(rules)
        except (ArithmeticError, KeyError, IndexError, TypeError, ValueError) as exc:
            reason = " ".join(str(exc).split()).removeprefix(f"rules file {name}.yaml: ")
            raise ValueError(f"rules file {name}.yaml: {reason}") from None
    return rules


def sha256_of(path: Path) -> str:
    """The sha256 of a regular file; "" for anything else (a FIFO would block, a device never
    ends) and for a file that cannot be read (the reader then says why)."""
    if not path.is_file():
        return ""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def printable_path(path: str | Path) -> str:
    """A path as text that any output and terminal can take: bytes that are not UTF-8 and control
    characters become backslash escapes (b"caf\\xe9.pdf" -> "caf\\xe9.pdf")."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def profile_uri(workdir: Path) -> str:
    """LibreOffice's -env:UserInstallation for a throwaway profile in `workdir`, a proper file URL."""
    return (Path(workdir).absolute() / "profile").as_uri()


def convert_legacy(path: Path, workdir: Path) -> Path:
    """Old binary Word/WPS files go through LibreOffice to .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise BulletinError(
            f"{path.suffix} needs LibreOffice to convert it; install it (Debian: apt-get install libreoffice-writer)"
        )
    try:
        subprocess.run(
            # as_uri: a Windows path (C:\\…) or one with spaces or % is no URL pasted after file://
            [soffice, f"-env:UserInstallation={profile_uri(workdir)}", "--headless",
             "--convert-to", "docx", "--outdir", str(workdir), str(path)],
            check=True, capture_output=True, timeout=180,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        raise BulletinError(f"LibreOffice could not convert {path.suffix}: {type(exc).__name__}") from None
    converted = workdir / (path.stem + ".docx")
    if not converted.exists():
        raise BulletinError(f"LibreOffice could not convert {path.suffix} file")
    return converted


def read_document(path: str | Path, rules: Rules, read: ReadChoice | None = None,
                  annexes: tuple[str | Path, ...] = ()) -> Document:
    """Dispatch on the file's type; every failure is a BulletinError with a one-line reason.

    PDFs: `read.reader` is pdfium or pdfplumber (the same records, slower), `read.engine` the table
    finder (ruling lines as pdfplumber does, or camelot lattice); the tolerances are `rules.geometry`;
    `read.ocr` (auto | always | never) which pages are read by OCR (see `read_pdf`). Drafts and
    spreadsheets are read within `rules`' limits.

    `annexes`: spreadsheet files (附件1.xlsx …) that belong to the draft; their tables follow its own.

    Control characters are stripped from every text the reader returns (`strip_document_controls`)."""
    limits = Limits.from_rules(rules)
    document = _read(Path(path), rules, read or ReadChoice(), limits)
    if annexes:
        document.blocks = document.blocks + annex_blocks(document, [Path(a) for a in annexes], limits,
                                                        rules.document)
    return strip_document_controls(document)


def _tables_left_out(document: Document, annexes: list[Annex], file: str) -> list[Finding]:
    """A table of several rows outside every annex (in the body, with no 附件 heading above it) is
    not read: nothing is checked against it, and the reader is told so rather than left to think
    it was."""
    read = {id(grid) for annex in annexes for grid in annex.fragments}
    return [Finding(file=file, kind=FindingKind.UNCHECKED, severity=Severity.INFO, annex_no=None, campaign="",
                    detail=f"not checked: a table of {len(grid.rows)} rows outside any annex was not read",
                    page=grid.row_pages[0][0] if grid.row_pages else None,
                    locator=grid.row_locators[0] if grid.row_locators else "", reason=Unchecked.TABLE_NOT_READ)
            for grid in document.blocks
            if isinstance(grid, Grid) and id(grid) not in read and len(grid.rows) >= 3 and grid.n_cols >= 2]


def annex_blocks(document: Document, paths: list[Path], limits: Limits,
                 document_rules: DocumentRules) -> list[TextLine | Grid]:
    """The blocks of annex spreadsheets, numbered by their names (附件2.xlsx) or after the draft's own."""
    from extract.readers.sheet import annex_number, read_annex_file

    marks = document_rules.marks
    taken = {m for block in document.blocks if isinstance(block, TextLine)
             for m in [annex_heading_number(block.text, marks)] if m is not None}
    blocks: list[TextLine | Grid] = []
    for path in paths:
        no = annex_number(path, marks) or max(taken, default=0) + 1
        taken.add(no)
        blocks.extend(read_annex_file(path, no, limits, document_rules))
    return blocks


def _read(path: Path, rules: Rules, read: ReadChoice, limits: Limits) -> Document:
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

        return read_pdf(path, rules, read)
    from extract.readers.docx import read_docx

    if suffix == ".docx":
        return read_docx(path, limits, rules.document.locators)
    with tempfile.TemporaryDirectory(prefix="zhuanbao-") as tmp:
        document = read_docx(convert_legacy(path, Path(tmp)), limits, rules.document.locators)
        document.path = str(path)
        return document


def annex_tables(annex: Annex, rules: Rules, page_heights: list[float]) -> list[AnnexTable]:
    """Stitch an annex's fragments into logical tables (captions split sub-tables) and map their columns."""
    cuts = sorted({index for index, _ in annex.captions if 0 < index < len(annex.fragments)})
    names = {index: text for index, text in annex.captions}
    bounds = [0] + cuts + [len(annex.fragments)]
    tables: list[AnnexTable] = []
    for start, end in zip(bounds, bounds[1:]):
        around = annex.text_around[start:end]
        logical = stitch(annex.fragments[start:end], rules.geometry.stitch, rules.document,
                         page_heights=page_heights or None,
                         text_above=[a for a, _ in around], text_below=[b for _, b in around])
        for k, grid in enumerate(logical):
            name = names.get(start, "") if k == 0 else ""
            # a sub-table without a header of its own is read by the annex's previous header when
            # it has the same columns (counties often print the header once per annex)
            shaped = [t.grid.header for t in tables if t.grid.header and t.grid.n_cols == grid.n_cols]
            mapping = map_table(grid, rules, shaped[-1] if shaped else None)
            mapping = replace(mapping, annex_no=annex.no, table_no=len(tables),
                              name=name, n_rows=len(grid.rows), page_start=grid.page_start,
                              page_end=grid.page_end)
            tables.append(AnnexTable(annex.no, annex.campaign, name, grid, mapping, table_no=len(tables)))
    return tables


def process_document(document: Document, rules: Rules, file: str, sha256: str) -> BulletinResult:
    if document.ocr_pages:
        document = repair_document_text(document, rules.ocr)
    parts = segment(document, rules)
    header = with_period(parts.header, rules)
    tables = [table for annex in parts.annexes for table in annex_tables(annex, rules, document.page_heights)]
    if document.ocr_pages:
        tables = repair_tables(tables, rules)
    indicators = []
    mappings = []
    for table in tables:
        mappings.append(table.mapping)
        records = table_records(table, file, rules)
        indicators.extend(with_ocr_trace(records, table) if document.ocr_pages else records)
    reading = read_narrative(parts.narrative, parts.annexes, indicators, rules, file)
    if not parts.annexes and not reading.claims:
        # what was read is kept: a reviewer sees which document it was, and how many pages OCR read
        return BulletinResult(file=file, sha256=sha256, pages=document.pages, header=header, indicators=[], claims=[],
                              findings=[], status=ResultStatus.SKIPPED, ocr_pages=len(document.ocr_pages),
                              error="no annex tables and no counted statement: not a bulletin")
    findings, coverage = review(reading, indicators, parts.annexes, rules, file, tables=mappings)
    # what the reader had to leave out (a page over the segment cap) limits every check after it
    findings += [Finding(file=file, kind=FindingKind.UNCHECKED, severity=Severity.INFO, annex_no=None, campaign="",
                         detail=f"not fully read: {note}", page=None, reason=Unchecked.NOT_FULLY_READ)
                 for note in document.notes]
    findings += _tables_left_out(document, parts.annexes, file)
    findings += [Finding(file=file, kind=FindingKind.UNCHECKED, severity=Severity.INFO, annex_no=claim.annex_no,
                         campaign=claim.campaign, detail=f"{claim.section} {claim.label}: {why}", page=claim.page,
                         locator=claim.locator, section=claim.section, sentence=claim.text, reason=Unchecked.OUT_OF_RANGE)
                 for claim, why in reading.unread]
    return BulletinResult(
        file=file, sha256=sha256, pages=document.pages, header=header,
        indicators=indicators, claims=reading.claims, findings=findings, tables=mappings,
        ocr_pages=len(document.ocr_pages), coverage=coverage,
    )


def failure(exc: Exception) -> tuple[str, bool]:
    """The one-line reason for an exception that stopped the work on a document, and whether it is
    transient (not the document's fault, so never cached)."""
    if isinstance(exc, BulletinError):
        return str(exc), False
    if isinstance(exc, RecursionError):
        return "damaged document: nesting too deep", False
    if isinstance(exc, MemoryError):   # a rerun with a higher --memory-limit may read it
        return "document too large for memory", True
    return f"internal error: {type(exc).__name__}: {str(exc)[:200]}", True


def process_file(path: str | Path, rules: Rules, read: ReadChoice | None = None, display_name: str | None = None,
                 sha256: str | None = None, annexes: tuple[str | Path, ...] = ()) -> BulletinResult:
    """Never raises for a bad document: the result carries status error/skipped and the reason.

    `read`: how the file is read (None: ReadChoice's defaults); `sha256`: the file's hash when the
    caller has it already (the batch hashes before the cache lookup); `annexes`: spreadsheet annexes
    of the draft (see `read_document`)."""
    path = Path(path)
    file = display_name or printable_path(path.name)
    sha = sha256 or ""
    pages = 0

    def failed(status: ResultStatus, reason: str, transient: bool = False) -> BulletinResult:
        # a reason may quote the document (a parser message): no control characters, one line
        reason = " ".join(strip_controls(reason).split())
        return BulletinResult(file, sha, pages, Header(), [], [], [], status=status, error=reason, transient=transient)

    try:
        if sha256 is None:
            sha = sha256_of(path)
        document = read_document(path, rules, read or ReadChoice(), annexes=annexes)
        pages = document.pages
        return process_document(document, rules, file, sha)
    except Exception as exc:  # a bug must not stop a batch either; the row says what went wrong
        return failed(ResultStatus.ERROR, *failure(exc))
