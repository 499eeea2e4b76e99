"""Ruled tables on a page *image* (a scan) -> cell bboxes, like pdfplumber's `table.cells`.

The bulletins' tables are fully ruled, so their cells are found from the rules alone (OpenCV),
without a layout model:

1. `rule_masks`: dark runs longer than a character stroke, horizontal and vertical
   (morphological opening of the binarised page with a long thin kernel).
2. `table_regions`: connected components of the two masks together, big enough to be a table.
3. `rule_positions`: per region, the y of every horizontal rule and the x of every vertical one
   (segments clustered within `snap`).
4. `merged_cells`: every elementary cell between adjacent positions; an edge between two cells
   that no rule covers (below `edge_coverage` of its length) joins them into one merged cell
   (`extract.tables.detect.merged_groups`, as for camelot's edge flags).

Coordinates are pixels of the image given; the caller scales them to PDF points.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extract.tables.detect import T_bbox, merged_groups, snap_positions


@dataclass(frozen=True)
class GridSettings:
    """Lengths in pixels (the OCR reader converts rules/ocr.yaml's points at its dpi)."""

    min_horizontal_rule: int
    min_vertical_rule: int
    snap: int
    edge_coverage: float
    min_table_width: int
    min_table_height: int


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink = 255, paper = 0; a local threshold copes with uneven scan brightness."""
    import cv2

    return cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 25, -15)


def rule_masks(ink: np.ndarray, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) rule masks of a binarised page."""
    import cv2

    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (settings.min_horizontal_rule, 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, settings.min_vertical_rule))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, h_kernel)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, v_kernel)
    # bridge small gaps a scan leaves in thin rules
    bridge = max(3, settings.snap * 2)
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    return horizontal, vertical


def _segments(mask: np.ndarray, axis: int, min_length: int) -> list[tuple[float, int, int]]:
    """Connected runs of one mask as (position across, start, end along); axis 0 = horizontal."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _ in stats[1:n]:
        if axis == 0 and w >= min_length:
            out.append((y + h / 2, int(x), int(x + w)))
        elif axis == 1 and h >= min_length:
            out.append((x + w / 2, int(y), int(y + h)))
    return out


def table_regions(horizontal: np.ndarray, vertical: np.ndarray, settings: GridSettings) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of the connected rule networks big enough to be tables."""
    import cv2

    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8), iterations=settings.snap)
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    regions = []
    for x, y, w, h, _ in stats[1:n]:
        if w >= settings.min_table_width and h >= settings.min_table_height:
            regions.append((int(x), int(y), int(x + w), int(y + h)))
    return sorted(regions, key=lambda r: (r[1], r[0]))


def rule_positions(horizontal: np.ndarray, vertical: np.ndarray, region: tuple[int, int, int, int],
                   settings: GridSettings) -> tuple[list[float], list[float]]:
    """(xs, ys): positions of the vertical and horizontal rules inside a region.

    A vertical run counts only when it reaches a horizontal rule at both ends (strokes of a big
    title character do not)."""
    x0, y0, x1, y1 = region
    h_sub = horizontal[y0:y1, x0:x1]
    v_sub = vertical[y0:y1, x0:x1]
    h_segs = _segments(h_sub, 0, settings.min_horizontal_rule)
    ys = snap_positions([y for y, _, _ in h_segs], settings.snap)
    if len(ys) < 2:
        return [], []
    reach = settings.snap * 2 + 2

    def near_rule(y: float) -> bool:
        return any(abs(y - r) <= reach for r in ys)

    v_segs = [s for s in _segments(v_sub, 1, settings.min_vertical_rule) if near_rule(s[1]) and near_rule(s[2])]
    xs = snap_positions([x for x, _, _ in v_segs], settings.snap)
    return [x + x0 for x in xs], [y + y0 for y in ys]


def _coverage(mask: np.ndarray, fixed: float, start: float, end: float, horizontal: bool, band: int) -> float:
    """Share of the edge from `start` to `end` (at `fixed` across) that the mask covers."""
    lo, hi = round(start) + band, round(end) - band
    if hi <= lo:
        return 1.0
    f0, f1 = max(round(fixed) - band, 0), round(fixed) + band + 1
    strip = mask[f0:f1, lo:hi] if horizontal else mask[lo:hi, f0:f1]
    if strip.size == 0:
        return 0.0
    covered = strip.max(axis=0 if horizontal else 1) > 0
    return float(covered.mean())


def merged_cells(horizontal: np.ndarray, vertical: np.ndarray, xs: list[float], ys: list[float],
                 settings: GridSettings) -> list[T_bbox]:
    """Cell bboxes (x0, top, x1, bottom) of the grid on xs/ys; undrawn edges merge cells."""
    n_r, n_c = len(ys) - 1, len(xs) - 1
    if n_r < 1 or n_c < 1:
        return []
    band = settings.snap
    groups = merged_groups(
        n_r, n_c,
        joins_right=lambda r, c: _coverage(vertical, xs[c + 1], ys[r], ys[r + 1], False, band) < settings.edge_coverage,
        joins_down=lambda r, c: _coverage(horizontal, ys[r + 1], xs[c], xs[c + 1], True, band) < settings.edge_coverage,
    )
    cells = []
    for members in groups:
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members) + 1
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members) + 1
        cells.append((xs[c0], ys[r0], xs[c1], ys[r1]))
    return cells


def find_tables(gray: np.ndarray, settings: GridSettings) -> tuple[list[list[T_bbox]], np.ndarray]:
    """Cell bboxes of every ruled table on a grey page image, top to bottom, and the rule mask
    (so the caller can erase the rules before OCR: a rule beside a digit is read as "1")."""
    import cv2

    ink = binarise(gray)
    horizontal, vertical = rule_masks(ink, settings)
    both = cv2.bitwise_or(horizontal, vertical)
    rules = np.zeros_like(both)
    tables = []
    for region in table_regions(horizontal, vertical, settings):
        xs, ys = rule_positions(horizontal, vertical, region, settings)
        if len(xs) >= 2 and len(ys) >= 2:
            cells = merged_cells(horizontal, vertical, xs, ys, settings)
            if cells:
                tables.append(cells)
                # only a table's own rules: outside tables, long strokes of big title characters
                # (打, 〔) look like rules too and must stay
                x0, y0, x1, y1 = region
                rules[y0:y1, x0:x1] = both[y0:y1, x0:x1]
    return tables, cv2.dilate(rules, np.ones((3, 3), np.uint8))
