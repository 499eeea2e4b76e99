"""The output contract: five tables, written atomically, streamed row by row.

Every writer writes into a temporary file beside its target and renames it into place on
`close()`, so a crash or Ctrl-C never leaves a half-written file under the final name.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from extract.model import BulletinResult, Claim, Finding, Indicator, TableMapping, Unchecked

if TYPE_CHECKING:
    import pyarrow as pa
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Empty unless the row was read by OCR: the lowest recognition score of its cells, and each
# field as OCR read it before `extract.ocr.repair` (beside the repaired field).
OCR_RAW_FIELDS = ("target", "responsible_units", "progress", "completion_raw", "status_raw")
OCR_COLUMNS = ["ocr_confidence", *(f"{f}_raw_ocr" for f in OCR_RAW_FIELDS)]

BULLETIN_COLUMNS = [
    "file", "sha256", "pages", "doc_number", "issuer", "title",
    "n_indicators", "n_claims", "n_findings", "status", "error", "date",
    "period_start", "period_end", "period_label", "period_evidence", "ocr_pages",
    # the narrative's counted statements, and how many were checked against a table, by arithmetic
    # alone, or not at all (the info findings say why)
    "n_statements", "n_checked_table", "n_checked_arithmetic", "n_unchecked",
]
INDICATOR_COLUMNS = [
    "file", "annex_no", "campaign", "section", "seq", "target", "responsible_units", "progress",
    "completion_raw", "completion_ratio", "status_raw", "status", "page_start", "page_end", "where",
    *OCR_COLUMNS,
]
CLAIM_COLUMNS = [
    "file", "section", "campaign", "annex_no", "label", "status", "count", "total",
    "percent_raw", "percent", "text", "page", "where", "names",
    "kind", "statement", "unit", "amount_raw", "base_raw",
]
FINDING_COLUMNS = ["file", "kind", "severity", "annex_no", "campaign", "detail", "page", "section", "where", "text",
                   "label", "stated", "computed", "basis", "unit", "reason"]

# How each annex table's columns were read: one row per role found, with its evidence and
# confidence; `certain` False means the checks that rest on that column were not run.
TABLE_COLUMNS = ["file", "annex_no", "table_no", "table_name", "page_start", "page_end", "n_rows", "role",
                 "columns", "header", "evidence", "confidence", "certain"]

TABLES = {
    "bulletins": BULLETIN_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "findings": FINDING_COLUMNS,
    "tables": TABLE_COLUMNS,
}
FORMATS = ("csv", "parquet", "xlsx", "json")
LOCK_NAME = ".zhuanbao.lock"   # held by a run writing the folder (batch.lock_output)


def bulletin_row(result: BulletinResult) -> dict[str, Any]:
    return {
        "file": result.file, "sha256": result.sha256, "pages": result.pages,
        "doc_number": result.header.doc_number, "issuer": result.header.issuer,
        "title": result.header.title, "date": result.header.date,
        "period_start": result.header.period_start, "period_end": result.header.period_end,
        "period_label": result.header.period_label, "period_evidence": result.header.period_evidence,
        "n_indicators": len(result.indicators), "n_claims": len(result.claims),
        "n_findings": len(result.findings), "status": result.status, "error": result.error,
        "ocr_pages": result.ocr_pages,
        "n_statements": result.coverage.statements, "n_checked_table": result.coverage.table,
        "n_checked_arithmetic": result.coverage.arithmetic, "n_unchecked": result.coverage.unchecked,
    }


def _fields(record: Any) -> dict[str, Any]:
    # shallow: asdict would deep-copy every value of every row, a third of writing the outputs
    return {f.name: getattr(record, f.name) for f in fields(record)}


def indicator_row(ind: Indicator) -> dict[str, Any]:
    row = _fields(ind)
    row["responsible_units"] = ";".join(ind.responsible_units)
    row["where"] = row.pop("locator")
    row["ocr_confidence"] = None if ind.min_confidence is None else round(ind.min_confidence, 4)
    raw = dict(ind.raw_ocr)
    for field in OCR_RAW_FIELDS:
        row[f"{field}_raw_ocr"] = raw.get(field)
    return {k: row[k] for k in INDICATOR_COLUMNS}


def claim_row(claim: Claim) -> dict[str, Any]:
    row = _fields(claim)
    row["where"] = row.pop("locator")
    row["names"] = "、".join(claim.names)
    row["status"] = claim.status_text
    return {k: row[k] for k in CLAIM_COLUMNS}


def finding_row(finding: Finding) -> dict[str, Any]:
    row = _fields(finding)
    row["where"] = row.pop("locator")
    row["text"] = row.pop("sentence")
    return {k: row[k] for k in FINDING_COLUMNS}


def finding_from_row(row: dict[str, Any]) -> Finding:
    """A findings.csv row read back (the report works from the output folder, not the documents)."""

    def number(value: Any) -> int | None:
        return None if value in ("", None) else int(float(value))

    return Finding(file=row["file"], kind=row["kind"], severity=row["severity"], annex_no=number(row["annex_no"]),
                   campaign=row["campaign"], detail=row["detail"], page=number(row["page"]),
                   locator=row.get("where") or "", section=row.get("section") or "", sentence=row.get("text") or "",
                   label=row.get("label") or "", stated=row.get("stated") or "",
                   computed=row.get("computed") or "", basis=row.get("basis") or "", unit=row.get("unit") or "",
                   # a reason this version does not know (another version's file): its English detail is shown
                   reason=next((r for r in Unchecked if r.value == row.get("reason")), None))


def table_rows(file: str, mapping: TableMapping) -> list[dict[str, Any]]:
    return [{"file": file, "annex_no": mapping.annex_no, "table_no": mapping.table_no, "table_name": mapping.name,
             "page_start": mapping.page_start, "page_end": mapping.page_end, "n_rows": mapping.n_rows,
             "role": choice.role.value, "columns": ";".join(mapping.columns[c] or str(c + 1) for c in choice.columns),
             "header": choice.header, "evidence": choice.evidence, "confidence": choice.confidence,
             "certain": mapping.is_certain(choice.role)} for choice in mapping.choices]


def result_rows(result: BulletinResult) -> dict[str, list[dict[str, Any]]]:
    return {
        "bulletins": [bulletin_row(result)],
        "indicators": [indicator_row(i) for i in result.indicators],
        "claims": [claim_row(c) for c in result.claims],
        "findings": [finding_row(f) for f in result.findings],
        "tables": [row for mapping in result.tables for row in table_rows(result.file, mapping)],
    }


def _cell(value: Any) -> Any:
    return "" if value is None else value


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, shifts it into one); a hostile document or file name could run one on the reader's
# machine. Such a text cell gets a leading single quote (OWASP's CSV-injection advice) unless it
# is a plain number: "-1.8%" and "-5" stay numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?")


def is_formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def neutralize(value: Any) -> Any:
    """A CSV cell a spreadsheet will show as text: formula-like text is prefixed with a quote."""
    return "'" + value if isinstance(value, str) and is_formula_like(value) else value


def csv_text(rows: Iterable[Iterable[Any]], lineterminator: str = "\r\n") -> str:
    """Rows as CSV text for a whole small file (`zhuanbao tables`, `history`): every cell goes through
    `neutralize`, as in the streamed tables, and None is an empty cell."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator=lineterminator).writerows([neutralize(_cell(v)) for v in row] for row in rows)
    return buf.getvalue()


def frame_csv_text(frame: Any) -> str:
    """A DataFrame as `csv_text` (what `DataFrame.to_csv(index=False)` writes, neutralised)."""
    cells = frame.astype(object).where(frame.notna(), None)
    return csv_text([list(frame.columns), *cells.values.tolist()], lineterminator="\n")


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _AtomicFile:
    def __init__(self, target: Path):
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        self.temp = Path(name)

    def commit(self) -> None:
        # mkstemp makes 0600 files; outputs are shared data, so give them the usual 0666 & ~umask
        os.chmod(self.temp, 0o666 & ~_current_umask())
        os.replace(self.temp, self.target)

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[str], Any]) -> None:
    """`write(path)` writes the whole file under a temporary name; it is renamed into place after."""
    file = _AtomicFile(Path(target))
    try:
        write(str(file.temp))
    except BaseException:
        file.discard()
        raise
    file.commit()


def write_text_atomic(target: Path, text: str, encoding: str = "utf-8-sig") -> None:
    """A whole small file at once, with the same temp-then-rename guarantee."""
    write_atomic(target, lambda path: Path(path).write_text(text, encoding=encoding, newline=""))


class _TextStreamWriter:
    """A text file streamed row by row into its temporary name; `finish` completes it there and
    `OutputSet.close` renames it into place with the others."""

    def __init__(self, target: Path, columns: list[str], encoding: str):
        self.columns = columns
        self.file: _AtomicFile | None = _AtomicFile(target)
        self.handle = self.file.temp.open("w", encoding=encoding, newline="")

    def finish(self) -> None:
        self.handle.close()   # the last buffered rows: where a full disk shows

    def abort(self) -> None:
        with contextlib.suppress(OSError):   # a close that failed once (a full disk) fails again
            self.handle.close()
        assert self.file is not None
        self.file.discard()


class CsvWriter(_TextStreamWriter):
    def __init__(self, target: Path, columns: list[str], encoding: str = "utf-8-sig"):
        # utf-8-sig writes the BOM that Excel and WPS need to read the Chinese text
        super().__init__(target, columns, encoding)
        self.writer = csv.DictWriter(self.handle, fieldnames=columns, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        self.writer.writerows({k: neutralize(_cell(r.get(k))) for k in self.columns} for r in rows)


class JsonLinesWriter(_TextStreamWriter):
    def __init__(self, target: Path, columns: list[str]):
        super().__init__(target, columns, "utf-8")

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.handle.write(json.dumps({k: row.get(k) for k in self.columns}, ensure_ascii=False) + "\n")


def _arrow_schema(columns: list[str]) -> pa.Schema:
    import pyarrow as pa

    numeric = {"pages": pa.int64(), "n_indicators": pa.int64(), "n_claims": pa.int64(), "n_findings": pa.int64(),
               "annex_no": pa.int64(), "page_start": pa.int64(), "page_end": pa.int64(), "page": pa.int64(),
               "count": pa.int64(), "total": pa.int64(), "completion_ratio": pa.float64(), "percent": pa.float64(),
               "ocr_pages": pa.int64(), "ocr_confidence": pa.float64()}
    return pa.schema([(c, numeric.get(c, pa.string())) for c in columns])


class ParquetWriter:
    """Row groups are flushed as they come, so a batch never holds all rows in memory."""

    def __init__(self, target: Path, columns: list[str]):
        import pyarrow.parquet as pq

        self.columns = columns
        self.schema = _arrow_schema(columns)
        self.file: _AtomicFile | None = _AtomicFile(target)
        self.writer = pq.ParquetWriter(str(self.file.temp), self.schema)

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        import pyarrow as pa

        rows = list(rows)
        if not rows:
            return
        data = {}
        for field in self.schema:
            values = [r.get(field.name) for r in rows]
            if pa.types.is_string(field.type):
                values = [None if v is None else str(v) for v in values]
            data[field.name] = values
        self.writer.write_table(pa.table(data, schema=self.schema))

    def finish(self) -> None:
        self.writer.close()   # the footer

    def abort(self) -> None:
        with contextlib.suppress(Exception):   # pyarrow's errors on a full disk are its own
            self.writer.close()
        assert self.file is not None
        self.file.discard()


class XlsxBook:
    """One workbook, a sheet per table (openpyxl write-only mode streams rows to disk)."""

    def __init__(self, target: Path):
        from openpyxl import Workbook

        self.file: _AtomicFile | None = _AtomicFile(target)
        self.book = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}

    def sheet_writer(self, name: str, columns: list[str]) -> XlsxSheet:
        sheet = self.book.create_sheet(title=name)
        sheet.append(columns)
        return XlsxSheet(sheet, columns)

    def finish(self) -> None:
        assert self.file is not None
        self.book.save(str(self.file.temp))

    def abort(self) -> None:
        assert self.file is not None
        self.file.discard()


class XlsxSheet:
    file = None   # the workbook's file holds every sheet

    def __init__(self, sheet: WriteOnlyWorksheet, columns: list[str]):
        self.sheet = sheet
        self.columns = columns

    def _cell(self, value: Any) -> Any:
        """Text is always a string cell, never a formula (openpyxl makes "=…" one); formula-like
        text also gets Excel's quote prefix, so editing the cell keeps it text."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if not isinstance(value, str):
            return value
        # control characters (say in a file name) are not allowed in a worksheet
        cell = WriteOnlyCell(self.sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
        return cell

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.sheet.append([self._cell(_cell(row.get(c))) for c in self.columns])

    def finish(self) -> None:  # the workbook writes all sheets at once
        pass

    def abort(self) -> None:
        pass


class OutputSet:
    """All output tables in all requested formats; `add(result)` streams one bulletin's rows."""

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = ("csv",), encoding: str = "utf-8-sig"):
        self.out_dir = Path(out_dir)
        self.writers: list[Any] = []
        self.by_table: dict[str, list[Any]] = {name: [] for name in TABLES}
        self.book = None
        for fmt in dict.fromkeys(formats):
            if fmt not in FORMATS:
                raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
            if fmt == "xlsx":
                self.book = XlsxBook(self.out_dir / "zhuanbao.xlsx")
            for name, columns in TABLES.items():
                writer: Any
                if fmt == "csv":
                    writer = CsvWriter(self.out_dir / f"{name}.csv", columns, encoding)
                elif fmt == "json":
                    writer = JsonLinesWriter(self.out_dir / f"{name}.jsonl", columns)
                elif fmt == "parquet":
                    writer = ParquetWriter(self.out_dir / f"{name}.parquet", columns)
                else:
                    assert self.book is not None
                    writer = self.book.sheet_writer(name, columns)
                self.writers.append(writer)
                self.by_table[name].append(writer)

    def add(self, result: BulletinResult) -> None:
        for name, rows in result_rows(result).items():
            for writer in self.by_table[name]:
                writer.write(rows)

    def close(self) -> None:
        """All or nothing: every file is completed under its temporary name first (where a full disk
        or any other failure shows: then every temporary file is removed and the previous outputs
        stay as they were), and only then are they renamed into place, which needs no space."""
        writers = [*self.writers, *([self.book] if self.book is not None else [])]
        try:
            for writer in writers:
                writer.finish()
        except BaseException:
            self.abort()
            raise
        for writer in writers:
            if writer.file is not None:
                writer.file.commit()

    def abort(self) -> None:
        for writer in self.writers:
            writer.abort()
        if self.book is not None:
            self.book.abort()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def result_to_json(result: BulletinResult) -> dict[str, Any]:
    """The `check --json` object."""
    rows = result_rows(result)
    bulletin = rows["bulletins"][0]
    return {
        "bulletin": bulletin,
        "indicators": rows["indicators"],
        "claims": rows["claims"],
        "findings": rows["findings"],
    }
