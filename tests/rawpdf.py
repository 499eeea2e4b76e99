"""PDF files written byte by byte, for tests of what no PDF library would write."""
from __future__ import annotations


def pdf_from_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF whose objects 1..N are `objects` (object `root` the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def length_cycle_pdf() -> bytes:
    """A page whose content stream's /Length is a reference to a reference to itself: pdfminer (the
    pdfplumber reader) loops on it, pdfium does not."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length 5 0 R >>\nstream\nBT /F1 12 Tf 72 712 Td (hello) Tj ET\nendstream",
        b"6 0 R",
        b"5 0 R",
    ])
