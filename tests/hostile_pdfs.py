"""PDFs that pdfium reads and pypdf does not (or reads wrongly), built byte by byte for the
`--annotate` tests: each has one page of text, so a highlight has somewhere to go."""
from __future__ import annotations

from rawpdf import pdf_from_objects

_TEXT = b"BT /F1 12 Tf 72 712 Td (Hello world) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page(extra: bytes = b"", parent: int = 2, contents: int = 4) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >>%s >>" % (parent, contents, extra))


def _stream(data: bytes, length: bytes | None = None) -> bytes:
    return b"<< /Length %s >>\nstream\n" % (length or b"%d" % len(data)) + data + b"\nendstream"


def kids_loop() -> bytes:
    """The page tree's second /Kids entry is the tree itself."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>",
        _page(), _stream(_TEXT), _FONT,
    ])


def length_cycle() -> bytes:
    """An unused stream whose /Length is a reference to a reference to itself (pdfium never reads it)."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(), _stream(_TEXT), _FONT,
        _stream(b"q Q", b"7 0 R"), b"8 0 R", b"7 0 R",
    ])


def deep_array(depth: int = 20_000) -> bytes:
    """An unused entry of the catalog nested `depth` arrays deep."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(), _stream(_TEXT), _FONT,
        b"[" * depth + b"]" * depth,
    ])


def self_annots() -> bytes:
    """The page's /Annots array holds itself."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b" /Annots 6 0 R"), _stream(_TEXT), _FONT,
        b"6 0 R",
    ])


def shared_annots(pages: int = 3) -> bytes:
    """`pages` pages whose /Annots is one array (empty), shared by all."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"[]",
    ]
    contents, font = first + pages, first + pages + 1
    objects += [_page(b" /Annots 3 0 R", contents=contents).replace(b"/F1 5 0 R", b"/F1 %d 0 R" % font)
                for _ in range(pages)]
    objects += [_stream(_TEXT), _FONT]
    return pdf_from_objects(objects)
