"""PDF -> Document: running text lines and ruled-table fragments, in reading order, with pages.

Two readers give the same Document (the tests compare their records on every corpus file):
- `pdfium` (default, `extract.readers.pdfium`): pdfium parses the page; characters and ruling
  segments come out as pdfplumber would report them; words (`extract.readers.words`) and table
  cells (`extract.tables.ruling`) follow pdfplumber's rules, vectorised. About ten times faster,
  and pdfminer is never imported.
- `pdfplumber`: pdfplumber's `extract_words` and `find_tables`, kept for comparison.

Either way the file is opened once and every page is analysed once: its words are extracted once,
its tables found once (or taken from camelot's lattice run over the file, `engine="camelot"`), and
words are assigned to table cells by their centre point (`extract.tables.detect`). Words outside
the data tables' bboxes are grouped into `TextLine`s by `top` (CJK joined without spaces). Blocks of
a page are ordered by their top edge. A page with more ruling segments than the geometry's
`ruling.max_segments` gets no tables and a line in `Document.notes`.

Pages without a text layer (images, almost no characters: a scan) are read by OCR instead
(`extract.ocr.reader`, with `ocr="auto"`; every page with "always"; none with "never"). Their
blocks take the same form and go in the same place in the reading order.

Bad input raises `BulletinError` with a one-line reason: not a PDF, empty file, damaged,
encrypted (needs a password), no text layer (a scan, when OCR is off or not installed: the reason
then says how to install it).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.model import BulletinError, Document, Engine, Grid, OcrMode, ReadChoice, Reader, TextLine, Word
from extract.settings.document import Locators
from extract.settings.geometry import Geometry
from extract.settings.rules import Rules
from extract.tables.detect import (
    T_bbox,
    cells_from_camelot,
    find_grids,
    place_blocks,
)

READERS = tuple(Reader)
ENGINES = tuple(Engine)
MIN_CHARS_PER_PAGE = 5          # fewer non-blank chars per page on average (with images): a scan


@dataclass(frozen=True)
class PageInfo:
    number: int
    width: float
    height: float


@dataclass
class PageContent:
    """One page as either reader sees it, before tables and text lines are built."""

    number: int
    width: float
    height: float
    words: list[Word]                       # text, x0, x1, top, bottom, chars
    tables: list[list[T_bbox]]              # each table's cell bboxes (ruling lines)
    n_images: int
    note: str = ""                          # e.g. the segment limit was hit


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


def _over_limit_note(where: str, limit: int) -> str:
    return (f"{where}: more than {limit} ruling segments (geometry ruling.max_segments); "
            "tables on this page were not read, its text was")


def _camelot_tables(path: Path, n_pages: int) -> dict[int, list[Any]]:
    from camelot.io import read_pdf  # selectable engine: imported only when used
    tables = read_pdf(str(path), flavor="lattice", pages=f"1-{n_pages}" if n_pages > 1 else "1",
                              suppress_stdout=True)
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(int(t.page), []).append(t)
    return by_page


# --- the pdfium reader ----------------------------------------------------------------------------

def _pdfium_pages(path: Path, geometry: Geometry, camelot: bool, locators: Locators) -> Iterator[PageContent]:
    from extract.readers import pdfium
    from extract.readers.words import extract_words
    from extract.tables.ruling import find_tables

    words_cfg, ruling = geometry.words, geometry.ruling
    with pdfium.open_pdf(str(path)) as doc:
        cam = _camelot_tables(path, pdfium.page_count(doc)) if camelot else {}
        for raw in pdfium.pages(doc, ruling.max_segments):
            words = extract_words(raw.chars, words_cfg.x_tolerance, words_cfg.y_tolerance)
            note = ""
            if raw.over_limit:
                tables: list[list[T_bbox]] = []
                note = _over_limit_note(locators.at_page(raw.number), ruling.max_segments)
            elif camelot:
                tables = [cells_from_camelot(t, raw.height) for t in cam.get(raw.number, [])]
            else:
                tables = find_tables(raw.edges.box, raw.edges.orientation, ruling)
            yield PageContent(raw.number, raw.width, raw.height, words, tables, raw.n_images, note)


# --- the pdfplumber reader ------------------------------------------------------------------------

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


def _pdfplumber_pages(path: Path, geometry: Geometry, camelot: bool, locators: Locators) -> Iterator[PageContent]:
    import pdfplumber

    words_cfg, ruling = geometry.words, geometry.ruling
    word_settings = {"x_tolerance": words_cfg.x_tolerance, "y_tolerance": words_cfg.y_tolerance,
                     "keep_blank_chars": False, "use_text_flow": False}
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = pdf.pages
            cam = _camelot_tables(path, len(pages)) if camelot else {}
            for i, page in enumerate(pages, start=1):
                words = page.extract_words(return_chars=True, **word_settings)
                note = ""
                if len(page.edges) > ruling.max_segments:
                    tables: list[list[T_bbox]] = []
                    note = _over_limit_note(locators.at_page(i), ruling.max_segments)
                elif camelot:
                    tables = [cells_from_camelot(t, float(page.height)) for t in cam.get(i, [])]
                else:
                    tables = [list(t.cells) for t in page.find_tables(ruling.pdfplumber_table_settings()) if t.cells]
                content = PageContent(i, float(page.width), float(page.height), words, tables, len(page.images), note)
                page.close()  # drop the page's cached objects: memory stays flat on long files
                yield content
    except (BulletinError, MemoryError):   # out of memory is the run's limit (not cached), not a damaged file
        raise
    except Exception as e:  # pdfminer / pdfplumber raise many types on bad input
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or _is_encrypted(path):
            raise BulletinError("encrypted PDF: needs a password") from None
        msg = _one_line(e)
        raise BulletinError(f"damaged PDF: {name}{': ' + msg if msg else ''}") from None


def page_blocks(page: PageContent, geometry: Geometry, locators: Locators) -> list[TextLine | Grid]:
    """A page's grids and the running-text lines outside them, top to bottom."""
    where = locators.at_page(page.number)
    grids = find_grids(page.tables, page.words, geometry.detect, page.number, where) if page.tables else []
    return place_blocks(page.words, grids, page.number, geometry.words.line_tolerance, where)


def read_pdf_pages(path: str | os.PathLike[str], rules: Rules,
                   read: ReadChoice | None = None) -> tuple[Document, list[PageInfo]]:
    """Like `read_pdf`, also returning each page's size (the stitcher uses page heights)."""
    read = read or ReadChoice()
    engine, reader, ocr = read.engine, read.reader, read.ocr
    geometry = rules.geometry
    p = Path(path)
    _check_file(p)
    source = _pdfium_pages if reader == Reader.PDFIUM else _pdfplumber_pages
    by_page: dict[int, list[TextLine | Grid]] = {}
    infos: list[PageInfo] = []
    notes: list[str] = []
    n_chars = n_images = 0
    locators = rules.document.locators
    for page in source(p, geometry, engine == Engine.CAMELOT and ocr != OcrMode.ALWAYS, locators):
        nc = sum(len(w["text"]) for w in page.words)
        scanned = page.n_images > 0 and nc < MIN_CHARS_PER_PAGE   # images and (almost) no text
        if ocr != OcrMode.ALWAYS and not (ocr == OcrMode.AUTO and scanned):
            by_page[page.number] = page_blocks(page, geometry, locators)
        n_chars += nc
        n_images += page.n_images
        infos.append(PageInfo(page.number, page.width, page.height))
        if page.note:
            notes.append(page.note)
    if not infos:
        raise BulletinError("damaged PDF: no pages")
    to_read = [info.number for info in infos if info.number not in by_page]
    text_layer_enough = n_chars >= MIN_CHARS_PER_PAGE * len(infos)
    if to_read:
        from extract.ocr.reader import ocr_available, read_pages_by_ocr

        if ocr == OcrMode.AUTO and not ocr_available() and text_layer_enough:
            # a few image pages in a text document (a scanned signature page) do not stop it
            to_read = []
        else:
            by_page.update(read_pages_by_ocr(p, to_read, geometry.detect, rules.ocr, locators,
                                             scanned=ocr == OcrMode.AUTO))
    elif not text_layer_enough:
        if n_images:
            raise BulletinError(
                f"no text layer (scanned image?): {len(infos)} page(s), {n_images} image(s), {n_chars} characters")
        raise BulletinError(f"no text layer: {len(infos)} page(s) with {n_chars} characters and no images")
    blocks = [b for info in infos for b in by_page.get(info.number, [])]
    return Document(path=str(path), kind="pdf", pages=len(infos), blocks=blocks,
                    page_heights=[info.height for info in infos], notes=notes, ocr_pages=tuple(to_read)), infos


def read_pdf(path: str | os.PathLike[str], rules: Rules, read: ReadChoice | None = None) -> Document:
    """Read a PDF into text lines and table fragments (see the module docstring) with the
    geometry and OCR settings of `rules`, by `read`'s reader and table engine; pages without a text
    layer are read by OCR (`read.ocr` auto), every page with always, none with never (None: ReadChoice's
    defaults)."""
    return read_pdf_pages(path, rules, read)[0]
