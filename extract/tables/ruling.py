"""Ruling lines -> table cells: pdfplumber's "lines" strategy (TableFinder), in near-linear time.

The same steps and the same results as pdfplumber's `page.find_tables()` with the settings of
`rules/geometry.yaml` (ruling:), on edges given as arrays:

1. `_prefilter`: horizontal and vertical edges of at least `edge_min_length_prefilter`;
2. `_snap`: parallel edges whose positions chain within `snap_tolerance` move to their mean;
3. `_join`: collinear edges overlapping or apart by at most `join_tolerance` become one;
   then edges shorter than `edge_min_length` go;
4. `_intersections`: every vertical/horizontal pair crossing within `intersection_tolerance` makes
   a vertex (the vertical's x, the horizontal's top) that knows its edges;
5. `_cells`: from each vertex (sorted by x, then y) the smallest cell whose four corners are
   vertices joined by common edges;
6. `_tables`: cells sharing a corner form a table (tables of one cell are dropped), ordered by
   their top-left-most cell.

pdfplumber compares every vertex with every later one and every edge with every edge; here sorting
and binary search keep the work proportional to the edges plus the crossings. The crossings of a
grid are its output, so a hostile page can still make many: the reader caps segments per page.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from extract.settings.geometry import RulingSettings

T_bbox = tuple[float, float, float, float]
H, V = 0, 1
_PAIR_CHUNK = 1 << 20           # candidate crossings examined per numpy step


def _prefilter(box: np.ndarray, orientation: np.ndarray, min_length: float) -> tuple[np.ndarray, np.ndarray]:
    x0, top, x1, bottom = box.T
    h = box[(orientation == H) & (x1 - x0 >= min_length)]
    v = box[(orientation == V) & (bottom - top >= min_length)]
    return h, v


def _snap(edges: np.ndarray, position: int, tolerance: float) -> np.ndarray:
    """Move edges whose positions chain within `tolerance` to their cluster's mean (pdfplumber snap_objects)."""
    if tolerance <= 0 or len(edges) == 0:
        return edges
    pos = edges[:, position]
    order = np.argsort(pos, kind="stable")
    sorted_pos = pos[order]
    cluster = np.cumsum(np.concatenate(([True], np.diff(sorted_pos) > tolerance))) - 1
    mean = np.bincount(cluster, weights=sorted_pos) / np.bincount(cluster)
    shift = np.empty_like(pos)
    shift[order] = mean[cluster] - sorted_pos
    out = edges.copy()
    if position == 0:           # vertical edges move sideways: x0 and x1
        out[:, 0] += shift
        out[:, 2] += shift
    else:                       # horizontal edges move up or down: top and bottom
        out[:, 1] += shift
        out[:, 3] += shift
    return out


def _join(edges: np.ndarray, position: int, lo: int, hi: int, tolerance: float) -> list[list[float]]:
    """Collinear edges (same position) overlapping or within `tolerance` -> one (pdfplumber join_edge_group)."""
    if len(edges) == 0:
        return []
    order = np.lexsort((edges[:, lo], edges[:, position]))
    joined: list[list[float]] = []
    last_pos = None
    for row in edges[order].tolist():
        if joined and row[position] == last_pos and row[lo] <= joined[-1][hi] + tolerance:
            joined[-1][hi] = max(joined[-1][hi], row[hi])
        else:
            joined.append(row)
            last_pos = row[position]
    return joined


def _intersections(h: np.ndarray, v: np.ndarray, x_tol: float, y_tol: float
                   ) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """Vertex (x, y) -> (ids of its vertical edges, ids of its horizontal edges)."""
    vertices: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    if len(h) == 0 or len(v) == 0:
        return vertices
    v_order = np.argsort(v[:, 0], kind="stable")
    vx = v[v_order, 0]
    lo = np.searchsorted(vx, h[:, 0] - x_tol, side="left")
    hi = np.searchsorted(vx, h[:, 2] + x_tol, side="right")
    counts = np.maximum(hi - lo, 0)
    pairs_h: list[np.ndarray] = []
    pairs_v: list[np.ndarray] = []
    start = 0
    cumulative = np.cumsum(counts)
    while start < len(h):     # bounded memory: about _PAIR_CHUNK candidate pairs at a time
        base = cumulative[start - 1] if start else 0
        stop = int(np.searchsorted(cumulative, base + _PAIR_CHUNK, side="right"))
        stop = max(stop, start + 1)
        c = counts[start:stop]
        hs = np.repeat(np.arange(start, stop), c)
        offsets = np.arange(len(hs)) - np.repeat(np.cumsum(c) - c, c)
        vs = v_order[np.repeat(lo[start:stop], c) + offsets]
        htop = h[hs, 1]
        keep = (v[vs, 1] <= htop + y_tol) & (v[vs, 3] >= htop - y_tol)
        pairs_h.append(hs[keep])
        pairs_v.append(vs[keep])
        start = stop
    hs = np.concatenate(pairs_h)
    vs = np.concatenate(pairs_v)
    for hi_, vi_, x, y in zip(hs.tolist(), vs.tolist(), v[vs, 0].tolist(), h[hs, 1].tolist()):
        entry = vertices.get((x, y))
        if entry is None:
            entry = vertices[(x, y)] = (set(), set())
        entry[0].add(vi_)
        entry[1].add(hi_)
    return vertices


def _cells(vertices: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[T_bbox]:
    """pdfplumber's intersections_to_cells, with the scans over all later vertices replaced by
    each vertex's own column and row. Edges are intervals, so the vertices joined to a vertex along
    its column (row) come first and without a gap: the scans stop at the first one that is not."""
    points = sorted(vertices)
    columns: dict[float, list[float]] = {}
    rows: dict[float, list[float]] = {}
    for x, y in points:
        columns.setdefault(x, []).append(y)
        rows.setdefault(y, []).append(x)
    column_index = {(x, y): i for x, ys in columns.items() for i, y in enumerate(ys)}
    row_index = {(x, y): i for y, xs in rows.items() for i, x in enumerate(xs)}
    cells: list[T_bbox] = []
    for x, y in points:
        v_here, h_here = vertices[(x, y)]
        col = columns[x]
        row = rows[y]
        found = None
        for by in col[column_index[(x, y)] + 1:]:
            below = vertices[(x, by)]
            if not (v_here & below[0]):
                break
            for rx in row[row_index[(x, y)] + 1:]:
                right = vertices[(rx, y)]
                if not (h_here & right[1]):
                    break
                corner = vertices.get((rx, by))
                if corner is not None and (corner[0] & right[0]) and (corner[1] & below[1]):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: Sequence[T_bbox]) -> list[list[T_bbox]]:
    """Cells sharing a corner -> one table (union-find); tables of one cell dropped."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[T_bbox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(find(i), []).append(cell)
    tables = [g for g in groups.values() if len(g) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables


def find_tables(box: np.ndarray, orientation: np.ndarray, settings: RulingSettings) -> list[list[T_bbox]]:
    """Edges (rows x0, top, x1, bottom; orientation H/V/other) -> tables as lists of cell bboxes."""
    if len(box) == 0:
        return []
    h, v = _prefilter(box, orientation, settings.edge_min_length_prefilter)
    if len(h) < 2 or len(v) < 2:
        return []   # a cell needs two of each
    h = _snap(h, 1, settings.snap_tolerance)
    v = _snap(v, 0, settings.snap_tolerance)
    hj = np.array(_join(h, 1, 0, 2, settings.join_tolerance), dtype=np.float64).reshape(-1, 4)
    vj = np.array(_join(v, 0, 1, 3, settings.join_tolerance), dtype=np.float64).reshape(-1, 4)
    hj = hj[hj[:, 2] - hj[:, 0] >= settings.edge_min_length]
    vj = vj[vj[:, 3] - vj[:, 1] >= settings.edge_min_length]
    tol = settings.intersection_tolerance
    vertices = _intersections(hj, vj, tol, tol)
    return _tables(_cells(vertices))
