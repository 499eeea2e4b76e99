"""Ruled tables on one PDF page -> `Grid` fragments.

The page is analysed once by the reader (`extract.readers.pdf`): its words are extracted once and
passed in here with the page's tables as lists of cell bboxes (from `extract.tables.ruling`,
pdfplumber's `find_tables`, or camelot lattice), and words are assigned to cells by their centre
point. No per-cell `crop().extract_text()`.

Steps, in the style of pdfplumber's table.py (small named functions):

1. the tables' cells as bboxes (x0, top, x1, bottom) in pdfplumber's page coordinates; a merged
   cell is one bbox (`cells_from_camelot` converts camelot's cells).
2. `snap_positions`: column boundaries = sorted unique x's, row boundaries = sorted unique y's,
   values within `snap_tolerance` snapped to one.
3. `layout_cells`: every bbox -> (row0, row1, col0, col1) span; every grid position gets a slot; the
   positions of a merged cell share one slot. Positions no cell covers get a slot of their own.
4. `assign_words`: each word goes to the slot whose position contains the word's centre; a word that
   straddles a column boundary (two cells' texts run together) is split at the boundary by its chars.
5. `cell_text`: a slot's words grouped into lines by `top` and joined; lines joined with "\\n"
   where they wrapped and with `HARD_BREAK` where the writer broke them (CJK repair happens later).
6. `strip_narrative_rows`: leading / trailing runs of full-width single-cell rows that hold running
   text (a line filling most of the width) are taken out of the grid: 政府信息公开年报 files put body
   paragraphs in ruled frames, and those lines go back to the running text.
7. `is_data_table`: fewer than `min_rows` rows, or fewer than `min_cols` columns (also: every row a single
   full-width cell) -> not a data table.
8. `place_blocks`: a page's grids and its words outside them as text lines, in reading order (the
   PDF and the OCR readers both place a page this way).

Every position of a merged cell holds the *same* `GridCell` (same text, same origin = the merged
cell's top-left position), so consumers can read any position and still tell a merge from a blank.
The settings (`DetectSettings`) come from rules/geometry.yaml (detect:).
"""
from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from extract.chinese.text import HARD_BREAK, is_cjk
from extract.model import Grid, GridCell, TextLine, Word
from extract.settings.geometry import DetectSettings

T_bbox = tuple[float, float, float, float]


# --- text helpers shared with the reader ---------------------------------------------------

def group_lines(words: Iterable[Word], tolerance: float = 3.0) -> list[list[Word]]:
    """Words -> lines (top to bottom), each line's words left to right."""
    lines: list[list[Word]] = []
    tops: list[float] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - tops[-1]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
            tops.append(w["top"])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def join_words(line: Sequence[Word]) -> str:
    """Join one line's words: no space where CJK meets anything (unless the gap is wide)."""
    out: list[str] = []
    prev = None
    for w in line:
        text = w["text"]
        if prev is not None and text:
            gap = w["x0"] - prev["x1"]
            size = max(prev["bottom"] - prev["top"], 1.0)
            a, b = prev["text"][-1:], text[:1]
            if (is_cjk(a) or is_cjk(b)) and gap < 1.5 * size:
                pass
            else:
                out.append(" ")
        out.append(text)
        prev = w
    return "".join(out)


def words_confidence(words: Iterable[Word]) -> float | None:
    """The lowest OCR score among words that carry one (None for a text layer's words)."""
    scores = [w["confidence"] for w in words if w.get("confidence") is not None]
    return min(scores) if scores else None


def _inked(line: Sequence[Word]) -> float:
    """The width a line's words take, without the gaps: a justified or distributed line (县  住)
    spreads its characters over the cell, whatever it holds."""
    inked: float = sum(w["x1"] - w["x0"] for w in line)
    return inked


def _first_piece_width(line: Sequence[Word]) -> float:
    """The width the line's first piece needed on the line above: one CJK character, or the whole
    leading Latin/digit run (those break only at spaces), with the punctuation line breaking keeps
    with it (禁则: an opening bracket never ends a line, a closing one or a comma never starts one)."""
    text = "".join(w["text"] for w in line)
    if not text:
        return 0.0
    i = 0
    while i < len(text) and unicodedata.category(text[i]) in ("Ps", "Pi"):
        i += 1
    if i < len(text) and not is_cjk(text[i]):
        i = next((j for j in range(i, len(text)) if is_cjk(text[j])), len(text))
    else:
        i += 1
    while i < len(text) and unicodedata.category(text[i]) in ("Pe", "Pf", "Po"):
        i += 1
    return _inked(line) * min(i, len(text)) / len(text)


def cell_text(words: Iterable[Word], width: float, settings: DetectSettings) -> str:
    """A cell's lines joined by "\n" where a line wrapped and by `HARD_BREAK` where it was broken
    by hand: its next line's first piece would have fitted in the room the cell gives (the widest
    line, or the cell less its margins). Widths, not right ends, so centred cells read alike."""
    lines = group_lines(words, settings.line_tolerance)
    if not lines:
        return ""
    widths = [_inked(line) for line in lines]
    room = max(max(widths), width - 2 * settings.cell_padding)
    out = [join_words(lines[0])]
    for above, line in zip(widths, lines[1:]):
        size = max(line[0]["bottom"] - line[0]["top"], 1.0)
        fits = above + _first_piece_width(line) + settings.hard_break_slack * size <= room
        out.append(HARD_BREAK if fits else "\n")
        out.append(join_words(line))
    return "".join(out)


# --- 1. engine cells -----------------------------------------------------------------------

def merged_groups(n_r: int, n_c: int, joins_right: Callable[[int, int], bool],
                  joins_down: Callable[[int, int], bool]) -> list[list[tuple[int, int]]]:
    """The positions of an n_r x n_c grid grouped into merged cells (union-find): position (r, c)
    joins its right neighbour when `joins_right(r, c)`, the one below when `joins_down(r, c)`
    (an edge that is not drawn). Groups in order of their first position."""
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and joins_right(r, c):
                union(r * n_c + c, r * n_c + c + 1)
            if r + 1 < n_r and joins_down(r, c):
                union(r * n_c + c, (r + 1) * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find(r * n_c + c), []).append((r, c))
    return list(groups.values())


def cells_from_camelot(table: Any, page_height: float) -> list[T_bbox]:
    """A camelot lattice table's cells -> merged-cell bboxes in pdfplumber coordinates.

    camelot 2.0 gives a full rows x cols matrix of `Cell`s with edge flags (left/right/top/bottom);
    a missing right edge joins a cell with its right neighbour, a missing bottom edge with the cell
    below. The joined groups (union-find) are the merged cells.
    """
    rows = table.cells
    n_r = len(rows)
    n_c = len(rows[0]) if rows else 0
    groups = merged_groups(
        n_r, n_c,
        joins_right=lambda r, c: not (rows[r][c].right or rows[r][c + 1].left),
        joins_down=lambda r, c: not (rows[r][c].bottom or rows[r + 1][c].top),
    )
    out = []
    for members in groups:
        cells = [rows[r][c] for r, c in members]
        x0 = min(cl.x1 for cl in cells)
        x1 = max(cl.x2 for cl in cells)
        y_top = max(cl.y2 for cl in cells)      # PDF y grows upwards
        y_bot = min(cl.y1 for cl in cells)
        out.append((x0, page_height - y_top, x1, page_height - y_bot))
    return out


# --- 2. boundaries -------------------------------------------------------------------------

def snap_positions(values: Iterable[float], tolerance: float) -> list[float]:
    """Sorted cluster means of values, clusters chained within `tolerance`."""
    vals = sorted(values)
    if not vals:
        return []
    clusters: list[list[float]] = [[vals[0]]]
    for v in vals[1:]:
        if v - clusters[-1][-1] <= tolerance:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    return [sum(c) / len(c) for c in clusters]


def nearest_index(edges: Sequence[float], v: float) -> int:
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - v < v - edges[i - 1] else i - 1


# --- 3. layout -----------------------------------------------------------------------------

class _Slot:
    """A (possibly merged) cell while its grid is built: positions share one slot."""

    __slots__ = ("r0", "c0", "r1", "c1", "words")

    def __init__(self, r0: int, c0: int, r1: int, c1: int):
        self.r0, self.c0, self.r1, self.c1 = r0, c0, r1, c1
        self.words: list[Word] = []


def layout_cells(cells: Sequence[T_bbox], xs: Sequence[float], ys: Sequence[float]) -> list[list[_Slot]]:
    n_r, n_c = len(ys) - 1, len(xs) - 1
    matrix: list[list[_Slot | None]] = [[None] * n_c for _ in range(n_r)]
    # bigger cells last, so a stray overlap never hides a small cell
    for x0, top, x1, bottom in sorted(cells, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])):
        c0, c1 = nearest_index(xs, x0), nearest_index(xs, x1)
        r0, r1 = nearest_index(ys, top), nearest_index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        slot = _Slot(r0, c0, r1, c1)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if matrix[r][c] is None:
                    matrix[r][c] = slot
    for r in range(n_r):
        for c in range(n_c):
            if matrix[r][c] is None:
                matrix[r][c] = _Slot(r, c, r + 1, c + 1)
    # a slot partly hidden by overlaps: its origin is its first visible position
    seen: set[int] = set()
    for r in range(n_r):
        for c in range(n_c):
            s = matrix[r][c]
            assert s is not None   # every position was filled above
            if id(s) not in seen:
                seen.add(id(s))
                s.r0, s.c0 = r, c
    return cast("list[list[_Slot]]", matrix)   # every position was filled above


# --- 4. words -> slots ---------------------------------------------------------------------

def _split_word(word: Word, xs: Sequence[float]) -> list[Word]:
    """A word that crosses a column boundary, cut into one word per column (by its chars)."""
    inner = [x for x in xs[1:-1] if word["x0"] + 1 < x < word["x1"] - 1]
    if not inner:
        return [word]
    mine = list(word.get("chars") or ())
    if not mine:
        return [word]
    parts: dict[int, list[Word]] = {}
    for ch in mine:
        parts.setdefault(bisect.bisect_right(inner, (ch["x0"] + ch["x1"]) / 2), []).append(ch)
    out = []
    for _, chs in sorted(parts.items()):
        chs.sort(key=lambda ch: ch["x0"])
        out.append({
            "text": "".join(ch["text"] for ch in chs),
            "x0": chs[0]["x0"], "x1": chs[-1]["x1"],
            "top": min(ch["top"] for ch in chs), "bottom": max(ch["bottom"] for ch in chs),
            "confidence": word.get("confidence"),
        })
    return out


def assign_words(matrix: list[list[_Slot]], xs: Sequence[float], ys: Sequence[float],
                 words: Iterable[Word]) -> None:
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    for word in words:
        pieces = _split_word(word, xs) if word["x1"] - word["x0"] > 0 else [word]
        for w in pieces:
            cx = (w["x0"] + w["x1"]) / 2
            cy = (w["top"] + w["bottom"]) / 2
            if not (x_lo <= cx < x_hi and y_lo <= cy < y_hi):
                continue
            c = bisect.bisect_right(xs, cx) - 1
            r = bisect.bisect_right(ys, cy) - 1
            matrix[r][c].words.append(w)


# --- 5-7. grid -----------------------------------------------------------------------------

def _is_full_width_row(row: Sequence[_Slot]) -> bool:
    return all(s is row[0] for s in row)


def _prose_row(row: Sequence[_Slot], xs: Sequence[float], fill: float, tolerance: float) -> bool:
    """A full-width single-cell row with a text line that fills most of the width."""
    if not _is_full_width_row(row) or not row[0].words:
        return False
    width = xs[-1] - xs[0]
    for line in group_lines(row[0].words, tolerance):
        if line[-1]["x1"] - line[0]["x0"] >= fill * width:
            return True
    return False


def strip_narrative_rows(matrix: list[list[_Slot]], xs: Sequence[float], settings: DetectSettings
                         ) -> tuple[int, int]:
    """Row range [start, end) left after cutting leading / trailing runs of prose rows.

    A run is cut only when it holds at least one line of running text; short headings inside the
    run (二、主动公开政府信息情况) go with it.
    """
    n = len(matrix)
    start = 0
    while start < n and _is_full_width_row(matrix[start]):
        start += 1
    lead = range(0, start)
    if not any(_prose_row(matrix[r], xs, settings.narrative_fill, settings.line_tolerance) for r in lead):
        start = 0
    end = n
    while end > start and _is_full_width_row(matrix[end - 1]):
        end -= 1
    trail = range(end, n)
    if not any(_prose_row(matrix[r], xs, settings.narrative_fill, settings.line_tolerance) for r in trail):
        end = n
    return start, end


def is_data_table(matrix: Sequence[Sequence[_Slot]], settings: DetectSettings) -> bool:
    if len(matrix) < settings.min_rows:
        return False
    if not matrix or len(matrix[0]) < settings.min_cols:
        return False
    if all(_is_full_width_row(row) for row in matrix):
        return False
    # an empty ruled frame (a blank page's box) holds no data
    return any(slot.words for row in matrix for slot in row)


def grid_from_cells(cells: Sequence[T_bbox], words: Sequence[Word], page_no: int | None,
                    settings: DetectSettings, where: str) -> Grid | None:
    """Cells of one table -> a Grid fragment, or None when it is not a data table (`where`: the
    page's locator, given to each row)."""
    tol = settings.snap_tolerance
    xs = snap_positions([v for b in cells for v in (b[0], b[2])], tol)
    ys = snap_positions([v for b in cells for v in (b[1], b[3])], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    matrix = layout_cells(cells, xs, ys)
    bbox_words = [w for w in words
                  if xs[0] <= (w["x0"] + w["x1"]) / 2 < xs[-1] and ys[0] <= (w["top"] + w["bottom"]) / 2 < ys[-1]]
    assign_words(matrix, xs, ys, bbox_words)
    start, end = strip_narrative_rows(matrix, xs, settings)
    matrix = matrix[start:end]
    if not is_data_table(matrix, settings):
        return None
    made: dict[int, GridCell] = {}
    rows: list[list[GridCell]] = []
    for row in matrix:
        out = []
        for slot in row:
            cell = made.get(id(slot))
            if cell is None:
                # a merged cell cut by the stripped rows starts at its first kept row
                origin = (max(slot.r0 - start, 0), slot.c0)
                cell = GridCell(cell_text(slot.words, xs[slot.c1] - xs[slot.c0], settings), origin, page_no,
                                confidence=words_confidence(slot.words))
                made[id(slot)] = cell
            out.append(cell)
        rows.append(out)
    return Grid(
        rows=rows,
        row_pages=[(page_no, page_no)] * len(rows),
        row_locators=[where] * len(rows),
        col_edges=tuple(round(x, 2) for x in xs),
        bbox=(xs[0], ys[start], xs[-1], ys[end]),
    )


def find_grids(tables: Sequence[Sequence[T_bbox]], words: Sequence[Word], settings: DetectSettings,
               page_no: int | None, where: str) -> list[Grid]:
    """A page's ruled data tables, top to bottom.

    `tables`: each table's cell bboxes (merged cells are one bbox); `words`: the page's words,
    computed once by the reader, each with its "chars" (used to split a word across a column line).
    """
    grids = [g for cells in tables if (g := grid_from_cells(cells, words, page_no, settings, where))]
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]) if g.bbox else (0.0, 0.0))
    return grids


# --- 8. a page: its grids and its words outside them (the PDF and the OCR readers) -------------

def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    inside: bool = bbox[0] <= cx < bbox[2] and bbox[1] <= cy < bbox[3]
    return inside


def place_blocks(words: list[Word], grids: list[Grid], page_no: int, line_tolerance: float,
                 where: str) -> list[TextLine | Grid]:
    """A page's blocks in reading order: its grids, and its words outside them as text lines
    (a line keeps the lowest OCR confidence of its words when they carry one)."""
    free = [w for w in words if not any(g.bbox and _inside(w, g.bbox) for g in grids)] if grids else words
    placed: list[tuple[float, int, TextLine | Grid]] = []
    for line in group_lines(free, line_tolerance):
        text = join_words(line).strip()
        if text:
            placed.append((min(w["top"] for w in line), 1, TextLine(text, page_no, where, words_confidence(line))))
    for g in grids:
        placed.append((g.bbox[1] if g.bbox else 0.0, 0, g))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [b for _, _, b in placed]
