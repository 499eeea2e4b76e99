"""Small PDFs written byte by byte for reader tests: pages of content-stream operators, Helvetica text.

    build_pdf([Page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")])  -> bytes of a one-page PDF

A page may set its MediaBox, its /Rotate, and form XObjects (name -> (content, matrix, bbox)) that
its content draws with `/Name Do`. Streams are Flate-compressed, so a page of 500,000 segments stays
a few MB.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from rawpdf import pdf_from_objects


@dataclass
class Page:
    content: bytes
    mediabox: tuple[float, float, float, float] = (0, 0, 595, 842)
    rotate: int = 0
    forms: dict[str, tuple[bytes, tuple[float, ...], tuple[float, ...]]] = field(default_factory=dict)


def _numbers(values) -> bytes:
    return " ".join(f"{v:g}" for v in values).encode()


def _stream(head: bytes, data: bytes) -> bytes:
    packed = zlib.compress(data)
    return b"<< " + head + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream"


def build_pdf(pages: list[Page]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    resources = b"/Font << /F1 %d 0 R >>" % font
    made = []
    for page in pages:
        forms = {name: add(_stream(b"/Type /XObject /Subtype /Form /BBox [%s] /Matrix [%s] /Resources << %s >>"
                                   % (_numbers(bbox), _numbers(matrix), resources), content))
                 for name, (content, matrix, bbox) in page.forms.items()}
        made.append((page, add(_stream(b"", page.content)), forms))
    parent = len(objects) + len(made) + 1
    kids = []
    for page, content, forms in made:
        xobjects = b" ".join(b"/%s %d 0 R" % (name.encode(), ref) for name, ref in forms.items())
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [%s] /Rotate %d /Contents %d 0 R "
                        b"/Resources << %s /XObject << %s >> >> >>"
                        % (parent, _numbers(page.mediabox), page.rotate, content, resources, xobjects)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == parent
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    return pdf_from_objects(objects, root=catalog)


def ruled_table(x0: float, top: float, cols: int, rows: int, width: float = 90, height: float = 20,
                label: str = "r{r}c{c} 1.5") -> bytes:
    """Operators for a ruled table (lines, and a rectangle frame around it) with a text per cell."""
    ops = [b"%g %g m %g %g l S" % (x0, top - r * height, x0 + cols * width, top - r * height) for r in range(rows + 1)]
    ops += [b"%g %g m %g %g l S" % (x0 + c * width, top, x0 + c * width, top - rows * height) for c in range(cols + 1)]
    ops.append(b"%g %g %g %g re S" % (x0 - 5, top - rows * height - 5, cols * width + 10, rows * height + 10))
    ops += [b"BT /F1 10 Tf %g %g Td (%s) Tj ET" % (x0 + c * width + 4, top - r * height - 14,
                                                  label.format(r=r, c=c).encode())
            for r in range(rows) for c in range(cols)]
    return b"\n".join(ops)
