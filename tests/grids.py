"""Hand-made table cells for tests, from a text spec."""
from __future__ import annotations

from extract.model import GridCell


def cells_from_spec(spec: list[list[str]], page: int | None = None) -> list[list[GridCell]]:
    """Rows of GridCells: "^" = the cell above continues here (vertical merge), "<" = the cell on
    the left continues here (horizontal merge); merged positions share one GridCell."""
    cells: list[list[GridCell]] = []
    for r, row in enumerate(spec):
        line: list[GridCell] = []
        for c, text in enumerate(row):
            if text == "^":
                line.append(cells[r - 1][c])
            elif text == "<":
                line.append(line[c - 1])
            else:
                line.append(GridCell(text, (r, c), page))
        cells.append(line)
    return cells
