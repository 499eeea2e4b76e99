"""PDF -> Document: running text lines and ruled-table fragments, in reading order, with pages.

The file is opened once and every page is analysed once: its words come from one
`page.extract_words()`, its tables from one `find_tables()` (see `extract.tables.detect`), and words
are assigned to table cells by their centre point. Words outside the data tables' bboxes are grouped
into `TextLine`s by `top` (CJK joined without spaces). Blocks of a page are ordered by their top edge.

Pages without a text layer (images, almost no characters: a scan) are read by OCR instead
(`extract.readers.ocr`, with `ocr="auto"`; every page with "always"; none with "never"). Their
blocks take the same form and go in the same place in the reading order.

Bad input raises `BulletinError` with a one-line reason: not a PDF, empty file, damaged
(any pdfminer/pdfplumber exception), encrypted (needs a password), no text layer (a scan, when
OCR is off or not installed: the reason then says how to install it).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.model import BulletinError, Document, Grid, TextLine
from extract.tables.detect import (
    DetectSettings,
    find_grids,
    group_lines,
    join_words,
    words_confidence,
)

WORD_SETTINGS = {"x_tolerance": 1.5, "y_tolerance": 3, "keep_blank_chars": False, "use_text_flow": False}
MIN_CHARS_PER_PAGE = 5          # fewer non-blank chars per page on average (with images): a scan


@dataclass(frozen=True)
class PageInfo:
    number: int
    width: float
    height: float


def _one_line(text: object) -> str:
    s = re.sub(r"\s+", " ", str(text)).strip()
    return s[:200] if s else ""


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise BulletinError(f"cannot open: {_one_line(e.strerror or e)}") from None
    if size == 0:
        raise BulletinError("empty file")
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise BulletinError(f"cannot open: {_one_line(e.strerror or e)}") from None
    if b"%PDF" not in head:
        raise BulletinError("not a PDF (no %PDF header)")


def _is_encrypted(path: Path) -> bool:
    import logging
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)     # a damaged file makes pypdf log warnings: not ours to show
    try:
        from pypdf import PdfReader
        return bool(PdfReader(str(path), strict=False).is_encrypted)
    except Exception:
        return False
    finally:
        log.setLevel(level)


def _camelot_tables(path: Path, n_pages: int) -> dict[int, list[Any]]:
    import camelot  # selectable engine: imported only when used
    tables = camelot.read_pdf(str(path), flavor="lattice", pages=f"1-{n_pages}" if n_pages > 1 else "1",
                              suppress_stdout=True)
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(int(t.page), []).append(t)
    return by_page


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= cx < bbox[2] and bbox[1] <= cy < bbox[3]


def place_blocks(words: list[dict], grids: list[Grid], page_no: int, line_tolerance: float = 3.0
                 ) -> list[TextLine | Grid]:
    """A page's blocks in reading order: its grids, and its words outside them as text lines
    (a line keeps the lowest OCR confidence of its words when they carry one)."""
    free = [w for w in words if not any(_inside(w, g.bbox) for g in grids)] if grids else words
    placed: list[tuple[float, int, TextLine | Grid]] = []
    loc = f"第{page_no}页"
    for line in group_lines(free, line_tolerance):
        text = join_words(line).strip()
        if text:
            placed.append((min(w["top"] for w in line), 1, TextLine(text, page_no, loc, words_confidence(line))))
    for g in grids:
        placed.append((g.bbox[1], 0, g))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [b for _, _, b in placed]


def _page_blocks(page: Any, words: list[dict], page_no: int, settings: DetectSettings,
                 camelot_tables: list[Any] | None) -> list[TextLine | Grid]:
    grids = find_grids(page, words, settings, page_no=page_no, camelot_tables=camelot_tables)
    return place_blocks(words, grids, page_no)


OCR_MODES = ("auto", "always", "never")


def read_pdf_pages(path: str | os.PathLike, engine: str = "pdfplumber",
                   settings: DetectSettings | None = None, ocr: str = "auto",
                   ocr_rules: dict | None = None) -> tuple[Document, list[PageInfo]]:
    """Like `read_pdf`, also returning each page's size (the stitcher uses page heights)."""
    import pdfplumber

    if ocr not in OCR_MODES:
        raise ValueError(f"unknown OCR mode '{ocr}' (choose from {', '.join(OCR_MODES)})")
    p = Path(path)
    _check_file(p)
    if settings is None:
        settings = DetectSettings(engine=engine)
    elif settings.engine != engine and engine != "pdfplumber":
        settings = DetectSettings(**{**settings.__dict__, "engine": engine})
    page_blocks: dict[int, list[TextLine | Grid]] = {}
    imaged: list[int] = []      # pages with images and (almost) no text: scans
    infos: list[PageInfo] = []
    n_chars = 0
    n_images = 0
    try:
        with pdfplumber.open(str(p)) as pdf:
            pages = pdf.pages
            cam = _camelot_tables(p, len(pages)) if settings.engine == "camelot" and ocr != "always" else {}
            for i, page in enumerate(pages, start=1):
                words = page.extract_words(**WORD_SETTINGS)
                nc = sum(len(w["text"]) for w in words)
                images = len(page.images)
                if images and nc < MIN_CHARS_PER_PAGE:
                    imaged.append(i)
                if ocr != "always" and not (ocr == "auto" and i in imaged):
                    page_blocks[i] = _page_blocks(page, words, i, settings, cam.get(i))
                n_chars += nc
                n_images += images
                infos.append(PageInfo(i, float(page.width), float(page.height)))
                page.close()  # drop the page's cached objects: memory stays flat on long files
    except BulletinError:
        raise
    except Exception as e:  # pdfminer / pdfplumber raise many types on bad input
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or _is_encrypted(p):
            raise BulletinError("encrypted PDF: needs a password") from None
        msg = _one_line(e)
        raise BulletinError(f"damaged PDF: {name}{': ' + msg if msg else ''}") from None
    if not infos:
        raise BulletinError("damaged PDF: no pages")
    to_read = [info.number for info in infos if info.number not in page_blocks]
    text_layer_enough = n_chars >= MIN_CHARS_PER_PAGE * len(infos)
    if to_read:
        from extract.readers.ocr import ocr_available, read_pages_by_ocr

        if ocr == "auto" and not ocr_available() and text_layer_enough:
            # a few image pages in a text document (a scanned signature page) do not stop it
            to_read = []
        else:
            page_blocks.update(read_pages_by_ocr(p, to_read, settings, ocr_rules, scanned=ocr == "auto"))
    elif not text_layer_enough:
        if n_images:
            raise BulletinError(
                f"no text layer (scanned image?): {len(infos)} page(s), {n_images} image(s), {n_chars} characters")
        raise BulletinError(f"no text layer: {len(infos)} page(s) with {n_chars} characters and no images")
    blocks = [b for info in infos for b in page_blocks.get(info.number, [])]
    return Document(path=str(path), kind="pdf", pages=len(infos), blocks=blocks,
                    page_heights=[info.height for info in infos], ocr_pages=tuple(to_read)), infos


def read_pdf(path: str | os.PathLike, engine: str = "pdfplumber",
             settings: DetectSettings | None = None, ocr: str = "auto", ocr_rules: dict | None = None) -> Document:
    """Read a PDF into text lines and table fragments (see the module docstring); pages without
    a text layer are read by OCR (`ocr="auto"`), every page with "always", none with "never"."""
    return read_pdf_pages(path, engine, settings, ocr, ocr_rules)[0]
