"""The near-linear ruling-line table finder gives pdfplumber's cells, on random rulings.

Random segments on a jittered lattice (cut lines, merged cells, near-duplicates within the snap
tolerance, gaps within and beyond the join tolerance, short stubs, slanted lines) go through
`extract.tables.ruling.find_tables` and through pdfplumber's own functions (merge_edges,
edges_to_intersections, intersections_to_cells, cells_to_tables): the same tables, the same cells.
"""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.settings.rules import default_geometry
from extract.tables.ruling import H, V, find_tables

RULING = default_geometry().ruling


def _pdfplumber_tables(edges: list[dict]) -> list[list[tuple]]:
    from pdfplumber import table, utils

    s = RULING
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = table.merge_edges(v + h, s.snap_tolerance, s.snap_tolerance, s.join_tolerance, s.join_tolerance)
    merged = utils.filter_edges(merged, min_length=s.edge_min_length)
    points = table.edges_to_intersections(merged, s.intersection_tolerance, s.intersection_tolerance)
    return table.cells_to_tables(table.intersections_to_cells(points))


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


@st.composite
def rulings(draw) -> list[dict]:
    cols, rows = draw(st.integers(1, 6)), draw(st.integers(1, 8))
    xs = [40.0 + 60 * i for i in range(cols + 1)]
    ys = [50.0 + 25 * j for j in range(rows + 1)]
    jitter = st.sampled_from([0.0, 0.0, 0.0, 0.4, -0.7, 1.9, 2.5, 3.5])
    edges = []

    def rule(at: float, across: list[float]) -> list[tuple[float, float, float]]:
        """One rule at `at`, cut at some lattice lines into pieces, some dropped, some with a gap."""
        cuts = sorted(draw(st.lists(st.sampled_from(across), max_size=3, unique=True)))
        stops = [across[0], *cuts, across[-1]]
        return [(at + draw(jitter), a + draw(st.sampled_from([0.0, 0.0, 2.0, 4.0])), b)
                for a, b in itertools.pairwise(stops) if a < b and draw(st.integers(0, 3))]  # 3 in 4 kept

    for y in ys:
        edges += [_edge(a, yy, b, yy, "h") for yy, a, b in rule(y, xs)]
    for x in xs:
        edges += [_edge(xx, a, xx, b, "v") for xx, a, b in rule(x, ys)]
    if draw(st.booleans()):            # a slanted line: pdfplumber takes it for a vertical one
        edges.append(_edge(xs[0], ys[0], xs[0] + 0.5, ys[-1], "v"))
    if draw(st.booleans()):            # a stub shorter than the minimum length
        edges.append(_edge(xs[0], ys[0] + 1, xs[0], ys[0] + 2, "v"))
    return edges


@settings(max_examples=150, deadline=None)
@given(rulings())
def test_same_cells_as_pdfplumber(edges):
    box = np.array([[e["x0"], e["top"], e["x1"], e["bottom"]] for e in edges], dtype=np.float64).reshape(-1, 4)
    orientation = np.array([H if e["orientation"] == "h" else V for e in edges], dtype=np.int8)
    ours = find_tables(box, orientation, RULING)
    theirs = _pdfplumber_tables(edges)

    def norm(tables):
        return [sorted(tuple(round(v, 6) for v in cell) for cell in t) for t in tables]

    assert norm(ours) == norm(theirs)


def test_no_edges_no_tables():
    assert find_tables(np.zeros((0, 4)), np.zeros(0, np.int8), RULING) == []
