"""What an uploaded file is, decided by its bytes: the name a browser sends is only a label."""
from __future__ import annotations

import mmap
from pathlib import Path

_PDF, _ZIP, _OLE = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def _holds(path: Path, needle: bytes) -> bool:
    """Whether the file's bytes hold `needle` (a ZIP member's name is in its central directory);
    searched through a memory map, never by unpacking the archive."""
    with path.open("rb") as handle:
        try:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(needle) >= 0
        except ValueError:   # an empty file cannot be mapped
            return False


def document_suffix(path: Path) -> str | None:
    """.pdf, .docx or .doc (an OLE file: Word 97-2003 or WPS, converted by LibreOffice); None otherwise."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if _PDF in head:   # PDF readers accept the header anywhere in the first KiB
        return ".pdf"
    if head.startswith(_ZIP) and _holds(path, b"word/document.xml"):
        return ".docx"
    if head.startswith(_OLE):
        return ".doc"
    return None


def sheet_suffix(path: Path) -> str | None:
    """.xlsx, .ods, .xls (OLE: Excel 97-2003 or WPS .et) or .csv (text); None otherwise."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(_ZIP):
        if head.startswith(_ODS, 30):
            return ".ods"
        return ".xlsx" if _holds(path, b"xl/workbook.xml") else None
    if head.startswith(_OLE):
        return ".xls"
    if head and b"\0" not in head:
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
                return ".csv"
            except UnicodeDecodeError as exc:
                if exc.start >= len(head) - 4:   # a character cut by the 4 KiB window
                    return ".csv"
    return None
