"""Scanned PDF pages -> the same blocks the text reader makes (TextLines and Grid fragments).

Used by `extract.readers.pdf` for every page without a text layer (or every page with
`ocr="always"`). Per page:

1. render it in grey at `render.dpi` (pypdfium2) and straighten it (`skew_angle`: the angle
   whose horizontal ink profile is sharpest);
2. find the ruled tables' cells from the rules (`extract.tables.ruled_image`), then erase the
   rules (a rule beside a digit is read as "1");
3. OCR the page once (rapidocr: detection + recognition, with a box per character);
4. re-read cells that hold ink but got no text, from a padded crop with recognition only
   (a lone "/" or serial number is often missed by detection);
5. hand the text boxes, scaled to PDF points, to the text reader's own machinery:
   `grid_from_cells` places each box in the cell holding its centre and sorts a cell's boxes
   by line, then x; boxes outside tables become TextLines.

Every word carries the recognition score as `confidence`; cells and lines keep the lowest.
rapidocr and onnxruntime are the optional extra `zhuanbao[ocr]`; without them a scan is a
one-line error that says how to install it. Their models ship inside the rapidocr wheel and are
opened by path: nothing is downloaded at run time.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import regex

from extract.model import BulletinError, Grid, TextLine, Word
from extract.settings.document import Locators
from extract.settings.geometry import DetectSettings
from extract.settings.sections import EngineRules, OcrGrid, OcrRules, RenderRules
from extract.tables.detect import grid_from_cells, place_blocks
from extract.tables.ruled_image import GridSettings, find_tables

INSTALL_HINT = "install OCR support with: pip install 'zhuanbao[ocr]'"
_HAN = regex.compile(r"\p{Han}")
_ASCII_MARKS = {",": "，", ";": "；", ":": "："}


@dataclass(frozen=True)
class OcrSettings:
    """rules/ocr.yaml's `render`, `engine` and `grid` sections (lengths in points), with the scale
    of the rendered page."""

    render: RenderRules
    engine: EngineRules
    grid: OcrGrid

    @classmethod
    def from_rules(cls, ocr_rules: OcrRules) -> OcrSettings:
        return cls(ocr_rules.render, ocr_rules.engine, ocr_rules.grid)

    @property
    def scale(self) -> float:
        """Pixels per PDF point."""
        return self.render.dpi / 72.0

    def px(self, length: float) -> int:
        """A length in points (a `grid` setting) in whole pixels, at least one."""
        return max(1, round(length * self.scale))

    def grid_settings(self) -> GridSettings:
        grid = self.grid
        return GridSettings(
            min_horizontal_rule=self.px(grid.min_horizontal_rule), min_vertical_rule=self.px(grid.min_vertical_rule),
            snap=self.px(grid.snap), edge_coverage=grid.edge_coverage,
            min_table_width=self.px(grid.min_table_width), min_table_height=self.px(grid.min_table_height),
        )


# --- the engine ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OcrBox:
    """One detected text line: its text, score and pixel box; `chars` are (text, x0, x1) per character."""

    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[tuple[str, float, float], ...] = ()


def model_paths(det_model: str, rec_model: str) -> dict[str, Path]:
    """The model files inside the installed rapidocr package; BulletinError when one is missing."""
    try:
        import onnxruntime  # noqa: F401  rapidocr does not install it
        import rapidocr
    except ImportError:
        raise BulletinError(f"OCR is not installed: {INSTALL_HINT}") from None
    models = Path(rapidocr.__file__).resolve().parent / "models"
    paths = {"det": models / det_model, "rec": models / rec_model}
    for path in paths.values():
        if not path.is_file():
            raise BulletinError(f"OCR model {path.name} missing from the rapidocr package: "
                                f"reinstall with pip install --force-reinstall 'zhuanbao[ocr]'")
    return paths


class OcrEngine:
    """rapidocr with the wheel's models, opened by path.

    rapidocr 3.x keeps use_det/use_cls/use_rec from the previous call, so every call passes all
    three; a recognition-only call returns an object without `.boxes`."""

    def __init__(self, text_score: float, det_max_side: int, threads: int, det_model: str, rec_model: str):
        paths = model_paths(det_model, rec_model)
        import logging

        from rapidocr import RapidOCR

        threads = threads if threads > 0 else -1
        self._ocr = RapidOCR(params={
            "Global.log_level": "critical", "Global.text_score": text_score, "Global.use_cls": False,
            **({"Det.limit_type": "max", "Det.limit_side_len": det_max_side} if det_max_side > 0 else {}),
            "Det.model_path": str(paths["det"]), "Rec.model_path": str(paths["rec"]),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": threads,
        })
        logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)

    def read_page(self, image: np.ndarray) -> list[OcrBox]:
        out = self._ocr(image, use_det=True, use_cls=False, use_rec=True,
                        return_word_box=True, return_single_char_box=True)
        boxes = getattr(out, "boxes", None)
        if boxes is None or not len(boxes):
            return []
        words = getattr(out, "word_results", ()) or ()
        texts, scores = getattr(out, "txts", ()) or (), getattr(out, "scores", ()) or ()
        result = []
        for i, (quad, text, score) in enumerate(zip(boxes, texts, scores)):
            quad = np.asarray(quad, dtype=float)
            chars: tuple[tuple[str, float, float], ...] = ()
            if i < len(words) and words[i] and len(words[i]) == len(text):
                chars = tuple((str(t), float(min(p[0] for p in b)), float(max(p[0] for p in b)))
                              for t, _, b in words[i])
            result.append(OcrBox(str(text), float(score), float(quad[:, 0].min()), float(quad[:, 1].min()),
                                 float(quad[:, 0].max()), float(quad[:, 1].max()), chars))
        return result

    def read_line(self, image: np.ndarray) -> tuple[str, float]:
        """Recognition only, on a crop holding one short line of text."""
        out = self._ocr(image, use_det=False, use_cls=False, use_rec=True,
                        return_word_box=False, return_single_char_box=False)
        texts = getattr(out, "txts", None) or ()
        scores = getattr(out, "scores", None) or ()
        if not texts:
            return "", 0.0
        return str(texts[0]).strip(), float(scores[0]) if scores else 0.0


def restore_dropped_marks(box: OcrBox, gap_share: float, mark: str) -> OcrBox:
    """A mark recognition left out between two Chinese characters, put back where the gap
    between them is wider than `gap_share` of a character beyond the box's usual spacing."""
    chars = box.chars
    han = [c for c in chars if _HAN.match(c[0])]
    if len(han) < 3 or len(chars) != len(box.text):
        return box
    width = float(np.median([x1 - x0 for _, x0, x1 in han]))
    pairs = [(a, b) for a, b in itertools.pairwise(chars) if _HAN.match(a[0]) and _HAN.match(b[0])]
    if not pairs or width <= 0:
        return box
    usual = float(np.median([b[1] - a[2] for a, b in pairs]))
    text, new_chars = [], []
    for i, c in enumerate(chars):
        text.append(c[0])
        new_chars.append(c)
        if i + 1 < len(chars):
            nxt = chars[i + 1]
            if _HAN.match(c[0]) and _HAN.match(nxt[0]) and nxt[1] - c[2] - usual > gap_share * width:
                text.append(mark)
                new_chars.append((mark, c[2], nxt[1]))
    if len(text) == len(chars):
        return box
    return dataclasses.replace(box, text="".join(text), chars=tuple(new_chars))


@functools.lru_cache(maxsize=2)
def _engine(text_score: float, det_max_side: int, threads: int, det_model: str, rec_model: str) -> OcrEngine:
    return OcrEngine(text_score, det_max_side, threads, det_model, rec_model)


def load_engine(settings: OcrSettings) -> OcrEngine:
    """The engine for these settings, once per process: loading the models costs more than a page."""
    return _engine(settings.engine.text_score, settings.engine.det_max_side, settings.engine.threads, settings.engine.det_model,
                   settings.engine.rec_model)


# --- page image ------------------------------------------------------------------------------

def render_page(page: Any, dpi: int) -> np.ndarray:
    """A pypdfium2 page as a grey uint8 array (0 = black)."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    image = np.asarray(bitmap.to_numpy())
    if image.ndim == 3:
        image = image[..., 0] if image.shape[2] == 1 else image.mean(axis=2).astype(np.uint8)
    return np.ascontiguousarray(image)


def skew_angle(gray: np.ndarray, max_degrees: float, step: float) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's text lines horizontal:
    the angle whose row profile of ink is sharpest (projection-profile deskew)."""
    import cv2

    scale = min(1.0, 800.0 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_LINEAR)
        profile = turned.sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    coarse = np.arange(-max_degrees, max_degrees + 1e-9, max(step * 4, 0.1))
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 2 * max(step * 4, 0.1), best + 2 * max(step * 4, 0.1) + 1e-9, step)
    angle = float(max(fine, key=sharpness))
    return 0.0 if abs(angle) < step / 2 else angle


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    if angle == 0:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


# --- boxes -> words (PDF points) -------------------------------------------------------------

def split_at_rules(box: OcrBox, tables: list[list[tuple[float, float, float, float]]],
                   reread: Callable[[float, float], OcrBox | None]) -> list[OcrBox]:
    """A box that runs across a table's column rule (two cells' texts close together, the rule
    erased) cut into one box per cell: at its characters, or, when recognition gave no character
    positions, by reading each cell's part of the box again (`reread(x0, x1)`)."""
    cy = (box.top + box.bottom) / 2
    edges = sorted({x for cells in tables for x0, y0, x1, y1 in cells if y0 <= cy < y1 for x in (x0, x1)})
    inner = [x for x in edges if box.x0 + 2 < x < box.x1 - 2]
    if not inner:
        return [box]
    if not box.chars or len(box.chars) != len(box.text):
        bounds = [box.x0, *inner, box.x1]
        return [piece for a, b in itertools.pairwise(bounds) if (piece := reread(a, b)) is not None]
    parts: dict[int, list[tuple[str, float, float]]] = {}
    for ch in box.chars:
        parts.setdefault(bisect.bisect_right(inner, (ch[1] + ch[2]) / 2), []).append(ch)
    return [OcrBox("".join(c[0] for c in chars), box.score, chars[0][1], box.top, chars[-1][2], box.bottom,
                   tuple(chars)) for _, chars in sorted(parts.items())]


def _reread_part(gray: np.ndarray, box: OcrBox, x0: float, x1: float, engine: OcrEngine,
                 settings: OcrSettings) -> OcrBox | None:
    """The part of a box between x0 and x1 (pixels) read again with recognition only."""
    top, bottom = max(int(box.top), 0), math.ceil(box.bottom)
    left, right = max(int(x0), 0), math.ceil(x1)
    crop = gray[top:bottom, left:right]
    if crop.size == 0 or int((crop < settings.grid.ink_threshold).sum()) < settings.grid.min_ink_pixels:
        return None
    pad = settings.px(settings.grid.reread_padding)
    text, score = engine.read_line(np.ascontiguousarray(np.pad(crop, pad, constant_values=255)))
    if not text or score < settings.engine.text_score:
        return None
    return OcrBox(text, score, float(left), box.top, float(right), box.bottom)


def restore_trailing_mark(box: OcrBox, boxes: list[OcrBox], gray: np.ndarray, right: float,
                          engine: OcrEngine, settings: OcrSettings) -> OcrBox:
    """A mark at the end of a line that detection left out of the box, or recognition out of the
    text (justified lines squeeze a trailing "，" against the cell's edge): when ink follows the
    last character within a character's width, with no other box there, the end of the line is
    read again and a final mark taken from that reading. `right` is where the box's cell (or the
    page) ends."""
    marks = settings.engine.trailing_marks
    if not box.text or box.text[-1] in marks or unicodedata.normalize("NFKC", box.text[-1]) in _ASCII_MARKS:
        return box
    height = box.bottom - box.top
    width = float(np.median([x1 - x0 for _, x0, x1 in box.chars])) if box.chars else 0.75 * height
    # recognition may also drop a mark the box does hold: look from the last character on
    last = box.chars[-1][2] if box.chars else box.x1
    end = min(max(box.x1, last + 1.3 * width), right)
    if end - last < 0.4 * width:
        return box
    for other in boxes:
        if other is not box and other.x0 < end and other.x1 > last + 1 and \
                min(other.bottom, box.bottom) - max(other.top, box.top) > 0.5 * height:
            return box
    top, bottom = max(int(box.top), 0), math.ceil(box.bottom)
    after = gray[top:bottom, math.ceil(last) + 1:int(end)]
    min_ink = max(1, int(settings.grid.trailing_ink_pixels * (settings.render.dpi / 200.0) ** 2))
    if after.size == 0 or int((after < settings.grid.ink_threshold).sum()) < min_ink:
        return box
    crop = gray[top:bottom, max(int(last - 2 * width), 0):int(end)]
    pad = settings.px(settings.grid.reread_padding)
    text, score = engine.read_line(np.ascontiguousarray(np.pad(crop, pad, constant_values=255)))
    mark = _ASCII_MARKS.get(text[-1:], text[-1:])
    if len(text) < 2 or mark not in marks or score < settings.engine.text_score:
        return box
    chars = (*box.chars, (mark, last, end)) if box.chars else ()
    return dataclasses.replace(box, text=box.text + mark, x1=max(box.x1, end), chars=chars)


def _right_edge(box: OcrBox, tables: list[list[tuple[float, float, float, float]]], page_right: float,
                inset: int) -> float:
    """Where the text of the box's cell ends (inside the rule), or the page's right edge."""
    cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    for cells in tables:
        for x0, y0, x1, y1 in cells:
            if x0 <= cx < x1 and y0 <= cy < y1:
                return x1 - inset
    return page_right


def _words(boxes: list[OcrBox], scale: float) -> list[Word]:
    """OCR boxes as the text reader's word dicts, in PDF points, with the score as `confidence`."""
    return [{"text": b.text, "x0": b.x0 / scale, "x1": b.x1 / scale, "top": b.top / scale,
             "bottom": b.bottom / scale, "confidence": b.score} for b in boxes if b.text.strip()]


def _centre_in(word: Word, cell: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    inside: bool = cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]
    return inside


def ink_lines(ink: np.ndarray, min_area: int) -> list[tuple[int, int, int, int]]:
    """Text lines of a cell crop's ink mask as (top, bottom, left, right), top to bottom.

    Rows with ink form runs; specks smaller than `min_area` pixels are ignored; a run much
    shorter than a line (the two strokes of 二 leave a gap) is merged with its nearer neighbour
    when the two together are no taller than a line."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    mask = keep[labels]
    rows = np.flatnonzero(mask.any(axis=1))
    if not len(rows):
        return []
    runs: list[list[int]] = [[int(rows[0]), int(rows[0]) + 1]]
    for r in rows[1:]:
        if r == runs[-1][1]:
            runs[-1][1] = int(r) + 1
        else:
            runs.append([int(r), int(r) + 1])
    tallest = max(b - a for a, b in runs)
    line = float(np.median([b - a for a, b in runs if b - a >= tallest / 2]))
    merged = True
    while merged and len(runs) > 1:
        merged = False
        for i, (a, b) in enumerate(runs):
            if b - a >= 0.6 * line:
                continue
            options = []
            if i > 0 and b - runs[i - 1][0] <= 1.3 * line:
                options.append((a - runs[i - 1][1], i - 1))
            if i + 1 < len(runs) and runs[i + 1][1] - a <= 1.3 * line:
                options.append((runs[i + 1][0] - b, i + 1))
            if options:
                _, j = min(options)
                lo, hi = min(i, j), max(i, j)
                runs[lo:hi + 1] = [[runs[lo][0], runs[hi][1]]]
                merged = True
                break
    out = []
    for a, b in runs:
        cols = np.flatnonzero(mask[a:b].any(axis=0))
        out.append((a, b, int(cols[0]), int(cols[-1]) + 1))
    return out


def _read_cell_lines(gray: np.ndarray, cell: tuple[float, float, float, float], engine: OcrEngine,
                     settings: OcrSettings) -> list[Word]:
    """A cell (pixel bbox) read line by line with recognition only: one word per text line."""
    scale = settings.scale
    inset = settings.px(settings.grid.snap) + 1
    pad = settings.px(settings.grid.reread_padding)
    x0, y0, x1, y1 = cell
    ix0, iy0, ix1, iy1 = int(x0) + inset, int(y0) + inset, math.ceil(x1) - inset, math.ceil(y1) - inset
    if ix1 - ix0 < 4 or iy1 - iy0 < 4:
        return []
    crop = gray[iy0:iy1, ix0:ix1]
    min_ink = int(settings.grid.min_ink_pixels * (settings.render.dpi / 200.0) ** 2)
    ink = crop < settings.grid.ink_threshold
    if int(ink.sum()) < min_ink:
        return []
    words = []
    for top, bottom, left, right in ink_lines(ink, max(2, min_ink // 3)):
        piece = crop[max(top - 1, 0):bottom + 1, max(left - 1, 0):right + 1]
        text, score = engine.read_line(np.ascontiguousarray(np.pad(piece, pad, constant_values=255)))
        if text and score >= settings.engine.text_score:
            words.append({"text": text, "x0": (ix0 + left) / scale, "x1": (ix0 + right) / scale,
                          "top": (iy0 + top) / scale, "bottom": (iy0 + bottom) / scale, "confidence": score})
    return words


def _uncovered_ink(gray: np.ndarray, cell: tuple[float, float, float, float], inside: list[Word],
                   settings: OcrSettings) -> int:
    """Ink pixels of a cell that no text box covers (text detection or recognition missed)."""
    scale = settings.scale
    inset = settings.px(settings.grid.snap) + 1
    x0, y0 = int(cell[0]) + inset, int(cell[1]) + inset
    x1, y1 = math.ceil(cell[2]) - inset, math.ceil(cell[3]) - inset
    if x1 - x0 < 4 or y1 - y0 < 4:
        return 0
    ink = gray[y0:y1, x0:x1] < settings.grid.ink_threshold
    margin = 2
    for w in inside:
        a, b = int(w["x0"] * scale) - x0 - margin, math.ceil(w["x1"] * scale) - x0 + margin
        c, d = int(w["top"] * scale) - y0 - margin, math.ceil(w["bottom"] * scale) - y0 + margin
        ink[max(c, 0):max(d, 0), max(a, 0):max(b, 0)] = False
    return int(ink.sum())


def _reread_cells(gray: np.ndarray, cells: list[tuple[float, float, float, float]], words: list[Word],
                  engine: OcrEngine, settings: OcrSettings) -> list[Word]:
    """Cells the page OCR did not read well, read again line by line:
    - cells with ink no text box covers (a lone "/" or "1" is often not detected; a header line
      with wide gaps between cells may be dropped by recognition);
    - cells holding a box much taller than a text line (in narrow cells, three characters a
      line, detection joins lines or reads them as vertical text).
    The line-by-line reading replaces the cell's boxes when they ran lines together, or when it
    reads more characters than they hold."""
    scale = settings.scale
    heights = [w["bottom"] - w["top"] for w in words]
    line = float(np.median(heights)) if heights else 0.0
    tall = float(settings.grid.tall_box_factor) * line
    min_missed = int(settings.grid.missed_ink_pixels * (settings.render.dpi / 200.0) ** 2)
    for cell in cells:
        cell_pt = (cell[0] / scale, cell[1] / scale, cell[2] / scale, cell[3] / scale)
        inside = [w for w in words if _centre_in(w, cell_pt)]
        vertical = [w for w in inside if len(w["text"]) > 1 and w["bottom"] - w["top"] > tall]
        if inside and not vertical and _uncovered_ink(gray, cell, inside, settings) < min_missed:
            continue
        found = _read_cell_lines(gray, cell, engine, settings)
        if not found:
            continue
        if not vertical:
            found = _longer_per_line(found, inside)
            if sum(len(w["text"]) for w in found) <= sum(len(w["text"]) for w in inside):
                continue   # the line-by-line reading found no more than the page OCR: keep that
        gone = {id(w) for w in inside}
        words = [w for w in words if id(w) not in gone] + found
    return words


def _longer_per_line(lines: list[Word], boxes: list[Word]) -> list[Word]:
    """Line by line, the line reading or the page OCR's boxes on that line, whichever reads more
    characters (recognition of a lone line sometimes drops a final mark the page OCR kept), or
    as many with more confidence."""
    out: list[Word] = []
    used: set[int] = set()
    for line in lines:
        height = line["bottom"] - line["top"]
        same = [b for b in boxes if min(b["bottom"], line["bottom"]) - max(b["top"], line["top"]) > 0.5 * height
                and b["bottom"] - b["top"] < 2.2 * height and id(b) not in used]   # one line, not two
        n = sum(len(b["text"]) for b in same)
        if same and (n > len(line["text"]) or
                     (n == len(line["text"]) and min(b["confidence"] for b in same) > line["confidence"])):
            out.extend(same)
            used.update(id(b) for b in same)
        else:
            out.append(line)
    return out


def ocr_page_blocks(gray: np.ndarray, page_no: int, engine: OcrEngine, settings: OcrSettings,
                    detect: DetectSettings, where: str) -> list[TextLine | Grid]:
    """One page image -> its blocks in reading order (see the module docstring)."""
    gray = rotate(gray, skew_angle(gray, settings.render.deskew_max_degrees, settings.render.deskew_step))
    tables, rules = find_tables(gray, settings.grid_settings())
    clean = gray.copy()
    clean[rules > 0] = 255
    boxes = [restore_dropped_marks(piece, settings.engine.dropped_mark_gap, settings.engine.dropped_mark)
             for box in engine.read_page(clean)
             for piece in split_at_rules(box, tables, functools.partial(_reread_part, clean, box,
                                                                         engine=engine, settings=settings))]
    inset = settings.px(settings.grid.snap) + 1
    boxes = [restore_trailing_mark(b, boxes, clean, _right_edge(b, tables, clean.shape[1], inset), engine, settings)
             for b in boxes]
    scale = settings.scale
    words = _words(boxes, scale)
    for cells in tables:
        words = _reread_cells(clean, cells, words, engine, settings)
    line_tolerance = float(settings.grid.line_tolerance)
    detect = dataclasses.replace(detect, line_tolerance=line_tolerance)
    grids = []
    for cells in tables:
        cells_pt = [(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for x0, y0, x1, y1 in cells]
        grid = grid_from_cells(cells_pt, words, page_no, detect, where)
        if grid is not None:
            grids.append(grid)
    return place_blocks(words, grids, page_no, line_tolerance, where)


def available_memory_mb() -> int | None:
    """MemAvailable of /proc/meminfo (Linux), else free physical pages; None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (AttributeError, ValueError, OSError):
        return None


def max_ocr_workers(ocr_rules: OcrRules) -> int:
    """How many OCR workers the available memory holds (at least one; unbounded when OCR is not
    installed, since then no worker loads the models)."""
    memory = available_memory_mb()
    if memory is None or not ocr_available():
        return 1 << 16
    return max(1, memory // ocr_rules.engine.worker_memory_mb)


def ocr_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


def read_pages_by_ocr(path: Path, pages: list[int], detect: DetectSettings, ocr_rules: OcrRules,
                      locators: Locators, scanned: bool) -> dict[int, list[TextLine | Grid]]:
    """The blocks of the given pages (1-based) of a PDF, read by OCR.

    `scanned`: the pages were chosen for having no text layer, so a missing OCR install is
    reported as such."""
    if not ocr_available():
        if scanned:
            raise BulletinError(f"no text layer (scanned image?): {len(pages)} page(s) need OCR; {INSTALL_HINT}")
        raise BulletinError(f"OCR is not installed: {INSTALL_HINT}")
    settings = OcrSettings.from_rules(ocr_rules)
    engine = load_engine(settings)
    import pypdfium2 as pdfium

    out: dict[int, list[TextLine | Grid]] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in pages:
            page = pdf[number - 1]
            try:
                gray = render_page(page, settings.render.dpi)
            finally:
                page.close()
            try:
                out[number] = ocr_page_blocks(gray, number, engine, settings, detect,
                                              locators.at_page(number))
            except (BulletinError, MemoryError):   # out of memory is the run's limit, not the page's fault
                raise
            except Exception as exc:  # noqa: BLE001  onnxruntime / OpenCV failing on one page: a clear reason
                raise BulletinError(f"OCR failed on page {number}: {type(exc).__name__}") from None
    finally:
        pdf.close()
    return out
