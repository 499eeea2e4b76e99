"""A PDF given back with its findings as highlight annotations, the message as popup text (pypdf).

The sentence's characters are found on the finding's page (and the next ones, for a sentence
that runs on) through pypdfium2's text page, whose character boxes are in the PDF's own user
space, the space annotations are drawn in. A table-cell finding's sentence is the cell's text, so
its highlight covers the cell's lines. The original file is only read.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Popup
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from extract.chinese.numbers import CountWords
from extract.model import Annotated, BulletinError, Finding
from extract.outputs.export import write_atomic
from extract.outputs.locate import find_sentence, matched_characters
from extract.outputs.messages import message, shown
from extract.settings.limits import Limits
from extract.settings.sections import Anchor, ReviewRules

Box = tuple[float, float, float, float]   # left, bottom, right, top in PDF user space
HIGHLIGHT_COLOR = "ffd400"


def _page_chars(document: pdfium.PdfDocument, index: int) -> tuple[str, list[Box]]:
    textpage = document[index].get_textpage()
    n = textpage.count_chars()
    text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    return text, [textpage.get_charbox(i, loose=True) for i in range(n)]   # the line's full height


def _lines(boxes: list[Box]) -> list[Box]:
    """Character boxes merged into one box per printed line (a new line when a box leaves the band)."""
    out: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right <= left or top <= bottom:   # a generated space or line break: no ink
            continue
        middle = (bottom + top) / 2
        line = out[-1] if out else None
        if line is not None and line[1] <= middle <= line[3] and left >= line[0] - 1:
            line[0], line[1], line[2], line[3] = min(line[0], left), min(line[1], bottom), \
                max(line[2], right), max(line[3], top)
        else:
            out.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in out]


def _quads(lines: list[Box]) -> ArrayObject:
    # per line: upper-left, upper-right, lower-left, lower-right (the order readers expect)
    return ArrayObject(FloatObject(round(v, 2)) for x0, y0, x1, y1 in lines
                       for v in (x0, y1, x1, y1, x0, y0, x1, y0))


def _locate(finding: Finding, document: pdfium.PdfDocument, anchor: Anchor, limits: Limits, words: CountWords,
            cache: dict[int, tuple[str, list[Box]]]) -> dict[int, list[Box]]:
    """Page index -> line boxes of the finding's sentence, from its page on."""
    if finding.page is None or not finding.sentence or not 0 < finding.page <= len(document):
        return {}
    first = finding.page - 1
    pages = range(first, min(len(document), first + anchor.max_pages))
    text = ""
    where: list[tuple[int, Box]] = []   # page index and box of each character of text
    for index in pages:
        if index not in cache:
            cache[index] = _page_chars(document, index)
        page_text, boxes = cache[index]
        text += page_text
        where.extend((index, box) for box in boxes)
    span = find_sentence(finding.sentence, text, anchor.min_score,
                         align_max_chars=limits.annotate_align_max_chars, words=words)
    if span is None:
        return {}
    # on each page, from the first to the last character that aligns with the sentence: the footer
    # and header between the parts of a sentence that runs on (—1—) are in the span, not the sentence
    ends: dict[int, tuple[int, int]] = {}
    for at in matched_characters(finding.sentence, text, span, words):
        index = where[at][0]
        ends[index] = (ends.get(index, (at, at))[0], at)
    by_page: dict[int, list[Box]] = {}
    for index, (first_at, last_at) in ends.items():
        by_page[index] = [box for _, box in where[first_at:last_at + 1]]
    return {index: lines for index, boxes in by_page.items() if (lines := _lines(boxes))}


def _add_note(writer: PdfWriter, index: int, lines: list[Box], text: str, author: str, stamp: str) -> None:
    rect = (min(b[0] for b in lines), min(b[1] for b in lines), max(b[2] for b in lines), max(b[3] for b in lines))
    highlight = Highlight(rect=rect, quad_points=_quads(lines), highlight_color=HIGHLIGHT_COLOR, printing=True)
    highlight[NameObject("/Contents")] = TextStringObject(text)
    highlight[NameObject("/T")] = TextStringObject(author)
    highlight[NameObject("/M")] = TextStringObject(stamp)
    added = writer.add_annotation(index, highlight)
    box = writer.pages[index].mediabox
    popup_left = min(rect[2] + 10, float(box.right) - 200)
    writer.add_annotation(index, Popup(rect=(popup_left, rect[3] - 120, popup_left + 200, rect[3]), parent=added))


Mark = tuple[int, list[Box], str]   # page index, line boxes, note


def annotate_pdf(source: Path, findings: list[Finding], target: Path, review: ReviewRules,
                 limits: Limits, words: CountWords) -> Annotated:
    """Write `target`: a copy of `source` with a highlight (and popup note) per shown finding.
    An encrypted PDF is refused: the copy would be written without its encryption and permissions."""
    try:
        document = pdfium.PdfDocument(str(source))
    except (OSError, pdfium.PdfiumError) as exc:   # read once already: changed under us
        raise BulletinError(f"cannot reopen the PDF to annotate it: {type(exc).__name__}") from None
    done = Annotated(str(target))
    marks: list[Mark] = []
    cache: dict[int, tuple[str, list[Box]]] = {}
    try:
        for finding in shown(findings, review):
            text = message(finding, review)
            found = _locate(finding, document, review.anchor, limits, words, cache)
            if not found:
                # no sentence to mark: a note at the top of its page (or the first), saying so
                done.approximate.append(finding)
                index = finding.page - 1 if finding.page and 0 < finding.page <= len(document) else 0
                left, _, _, top = document[index].get_mediabox()
                found = {index: [(left + 36, top - 50, left + 50, top - 36)]}
                text += f"（{finding.section}：{finding.sentence[:60]}）"
            marks.extend((index, lines, text) for index, lines in found.items())
            done.marks += 1
    finally:
        document.close()
    try:
        _write(source, marks, target, review.author)
    except (BulletinError, MemoryError):
        raise
    except Exception as exc:   # pdfium read it, pypdf cannot rewrite it: a /Kids loop, a /Length cycle
        raise BulletinError(f"cannot write an annotated copy of this PDF ({type(exc).__name__}: "
                            f"{str(exc)[:120]})") from None
    return done


def _write(source: Path, marks: list[Mark], target: Path, author: str) -> None:
    reader = PdfReader(str(source))
    if reader.is_encrypted:
        raise BulletinError("encrypted PDF: not annotated, since the copy would lose its encryption and "
                            "permissions; annotate a copy saved without encryption")
    writer = PdfWriter(clone_from=reader)
    stamp = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    own: set[int] = set()
    for index, lines, text in marks:
        if index not in own:   # pages may share one /Annots array: a mark on one would be on all
            page = writer.pages[index]
            annots = page.get("/Annots")
            annots = annots.get_object() if annots is not None else None
            page[NameObject("/Annots")] = ArrayObject(annots if isinstance(annots, ArrayObject) else [])
            own.add(index)
        _add_note(writer, index, lines, text, author, stamp)
    write_atomic(target, writer.write)
