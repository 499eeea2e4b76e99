"""Table fragments (one per page) -> logical tables.

A logical table is built fragment by fragment, in small named steps (pdfplumber table.py style):

1. `_continues`: a fragment continues the table being built when
   - it is on the page right after the table's last fragment, and that fragment was the last thing on
     its page (no running text after it, page numbers and running headers/footers ignored), and
   - it starts at the top of its page: no running text above it (same exceptions), or its top edge
     lies within `top_fraction` (15 %) of the page height, and
   - it has the same number of columns, with column edges aligned within `edge_tolerance` (when both
     fragments know their edges).
   Otherwise it starts a new table. Without page context (bare Grids) a fragment on the next page
   with the same columns continues.
2. `_header_rows` (first fragment only): the leading rows whose non-empty cells are all short,
   non-numeric labels (a parenthesised note inside a label is not counted) and whose first cell is
   not a row number ("1", "一、", "（一）") or a total (合计); at most
   `max_header_rows`. Rows reached by a header cell that spans downwards (a vertically merged header
   label) belong to the header too.
3. `_drop_repeated_header`: a continuation whose leading rows equal the header (texts compared after
   whitespace removal) loses them; so does one that repeats only the header's last rows.
4. `_continue_merges`: a cell of the continuation's first body row continues the cell above it (takes
   its origin: one merged cell) when the cell above is vertically merged (spans >= 2 rows) or the
   continuation's cell itself spans >= 2 rows, and the continuation's cell is blank, or repeats the
   text above (normalised text a prefix of it: Excel prints a cut merged label on both pages).
   Both cells must cover the same columns. When the first column continues a merge this way (the
   row is a sub-row of a 序号 cut by the break), a blank cell in any column that merges elsewhere in
   the table (责任单位, a group name) continues the cell above too, even if neither part spans two
   rows on its own page.
1b. `union_edges` / `_regrid`: fragments with the same outer frame whose column lines are a subset of
   each other's are one table on the union of the lines (LibreOffice draws a column line only on the
   pages whose rows need it); a cell over a new line spans both columns.
5. `_join_split_row`: the continuation's first body row R is the rest of the table's last row P (a row
   cut by the page break) when R's key cell (its first cell that does not continue a merge) is
   empty while P's is not, and R does not look like a complete row of its own. R "looks complete" when
   some column has a number in both rows (numbers do not wrap across pages), or when R has its own
   text in every column where P has text. The reason: with a vertically merged 序号 cut by a page
   break (LibreOffice draws the remainder as a blank single cell), the new sub-row is complete —
   target, units, progress, status all filled — whereas the tail of a cut row fills only the long
   text columns and leaves the short ones (序号, 完成比, 备注/status) empty.
   When R's leading cells continue merges (step 4: a 序号 spanning several sub-rows, cut by the
   break) and its first own cell has text, R is the tail of the cut sub-row when it leaves empty some
   column (other than the continued ones) where P has text; a complete sub-row stays a row.
   A split row is joined cell by cell (texts joined with "\\n" when both are non-empty) and its row
   spans both pages in `row_pages`.
   A number cut in a narrow cell ("25.7" | "7%", "149" | ".6") marks R as a tail whatever else
   it holds; a first cell that is not a row number ("四、信息" | "报送") may be a tail too.
   When R is complete and its key cell is blank, the blank continues P's key cell as a merge only if
   that column has vertical merges elsewhere in the table (so it is a merging column, like a sub-row
   序号); otherwise the blank stays a blank.
6. `_finish`: origins re-based to the logical table (header origins index `header`, body origins
   index `rows`); every position of a merged cell holds the same `GridCell`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extract.model import Document, Grid, GridCell, TextLine
from extract.settings.document import DocumentMarks, Locators
from extract.settings.geometry import StitchSettings
from extract.settings.sections import DocumentRules

# --- slots: the mutable form of a merged cell while tables are joined ----------------------

class _Slot:
    __slots__ = ("confidence", "page", "raw", "text")

    def __init__(self, text: str, page: int | None, confidence: float | None = None, raw: str | None = None):
        self.text = text
        self.page = page
        self.confidence = confidence   # OCR only: carried through to the logical table's cell
        self.raw = raw


Row = list[_Slot]


def _slots(grid: Grid) -> list[Row]:
    """A Grid's positions as slots; positions sharing an origin share a slot."""
    by_origin: dict[tuple[int, int], _Slot] = {}
    out = []
    for row in grid.rows:
        out.append([by_origin.setdefault(cell.origin, _Slot(cell.text, cell.page, cell.confidence, cell.raw))
                    for cell in row])
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


_NOTE = re.compile(r"[（(][^（()）]*[)）]")


def _is_numeric(text: str, marks: DocumentMarks) -> bool:
    return bool(marks.number_cell.match(_norm(text)))


def is_page_number(text: str, marks: DocumentMarks) -> bool:
    """A line or cell that is only a page number (its spaces and dashes aside), or nothing."""
    t = re.sub(r"[\s\-—–－_·•]+", "", text)
    return not t or bool(marks.page_number.match(t))


# --- 1. does a fragment continue the table? ------------------------------------------------

@dataclass
class _Context:
    text_above: bool | None = None
    text_below: bool | None = None
    page_height: float | None = None


@dataclass
class _Table:
    header: list[Row]
    rows: list[Row]
    row_pages: list[list[int | None]]
    last: Grid
    last_ctx: _Context
    first: Grid
    edges: tuple[float, ...] = ()
    row_locators: list[str] = field(default_factory=list)   # the readers' own (表3第7行 for DOCX)


def _page(grid: Grid) -> int | None:
    return grid.row_pages[0][0] if grid.row_pages else None


def _continues(table: _Table, frag: Grid, ctx: _Context, settings: StitchSettings) -> bool:
    prev_page, page = _page(table.last), _page(frag)
    if prev_page is None or page is None or page != prev_page + 1:
        return False
    if table.last_ctx.text_below:
        return False
    at_top = ctx.text_above is None and ctx.page_height is None
    if ctx.text_above is False:
        at_top = True
    if ctx.page_height and frag.bbox and frag.bbox[1] <= settings.top_fraction * ctx.page_height:
        at_top = True
    if not at_top:
        return False
    a, b = table.edges, frag.col_edges
    if a and b:
        # every line of the sparser fragment lies on a line of the other: a column split drawn
        # only on some pages is allowed, a moved column line is another table
        few, many = (a, b) if len(a) <= len(b) else (b, a)
        same_frame = abs(a[0] - b[0]) <= settings.edge_tolerance and abs(a[-1] - b[-1]) <= settings.edge_tolerance
        return same_frame and all(any(abs(x - y) <= settings.edge_tolerance for y in many) for x in few)
    return frag.n_cols == table.last.n_cols


# --- 1b. one column grid for all fragments ---------------------------------------------------

def union_edges(a: Sequence[float], b: Sequence[float], tolerance: float) -> tuple[float, ...]:
    """Column edges of two fragments merged: an edge of either within `tolerance` of the other's is one."""
    merged = sorted(a)
    for x in b:
        if all(abs(x - y) > tolerance for y in merged):
            merged.append(x)
    return tuple(sorted(merged))


def _column_map(old: Sequence[float], new: Sequence[float]) -> list[int]:
    """For each column of the finer grid `new`, the column of `old` that contains it."""
    out = []
    for j in range(len(new) - 1):
        mid = (new[j] + new[j + 1]) / 2
        col = max((c for c in range(len(old) - 1) if old[c] <= mid), default=0)
        out.append(col)
    return out


def _regrid(rows: list[Row], old: Sequence[float], new: Sequence[float]) -> list[Row]:
    """Rows re-laid on a finer column grid: a cell over a new boundary spans both columns.

    LibreOffice draws a column line only on the pages where some row needs it (annex 6 of the
    reference has 10 columns on one page, 11 on the next); one grid keeps the columns aligned."""
    if tuple(old) == tuple(new):
        return rows
    mapping = _column_map(old, new)
    return [[row[c] for c in mapping] for row in rows]


def _regrid_grid(grid: Grid, new: Sequence[float]) -> Grid:
    old = grid.col_edges
    if not old or tuple(old) == tuple(new):
        return grid
    mapping = _column_map(old, new)
    return Grid(rows=[[row[c] for c in mapping] for row in grid.rows], row_pages=grid.row_pages,
                row_locators=grid.row_locators, header=grid.header, col_edges=tuple(new), bbox=grid.bbox)


# --- 2. header rows ------------------------------------------------------------------------

def _distinct(row: Row) -> list[_Slot]:
    seen: list[_Slot] = []
    for s in row:
        if not any(s is t for t in seen):
            seen.append(s)
    return seen


def _header_like(row: Row, settings: StitchSettings, marks: DocumentMarks) -> bool:
    texts = [_norm(s.text) for s in _distinct(row)]
    if not any(texts):
        return False
    if texts[0] and (marks.row_number.match(texts[0]) or marks.total_row.match(texts[0])):
        return False
    texts = [_NOTE.sub("", t) for t in texts]     # a parenthesised note does not make a label long
    return all(not t or (len(t) <= settings.header_max_chars and not _is_numeric(t, marks)) for t in texts)


def _is_title_row(row: Row) -> bool:
    """One cell across the whole table: a section title (省重点民生实事项目), not a header."""
    return len(row) > 1 and len(_distinct(row)) == 1


def _header_rows(rows: Sequence[Row], settings: StitchSettings, marks: DocumentMarks) -> int:
    k = 0
    while (k < min(len(rows) - 1, settings.max_header_rows) and _header_like(rows[k], settings, marks)
           and not (k > 0 and _is_title_row(rows[k]))):
        k += 1
    if k == 0:
        return 0
    # header cells that span downwards pull the rows they reach into the header
    grown = True
    while grown and k < len(rows) - 1:
        grown = any(rows[k][c] is rows[k - 1][c] for c in range(len(rows[k])))
        if grown:
            k += 1
    return k


# --- 3. repeated header --------------------------------------------------------------------

def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(_norm(s.text) for s in row)


def _repeats(printed: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """A header row printed again, maybe with a tall cell cut short (工作目 for 工作目标: the repeated
    header row is lower and its last character falls into the row below)."""
    return len(printed) == len(header) and all(p == h or (p and h.startswith(p)) for p, h in zip(printed, header))


def _drop_repeated_header(header: Sequence[Row], rows: list[Row]) -> list[Row]:
    if not header:
        return rows
    keys = [_row_key(r) for r in header]
    for k in range(len(keys), 0, -1):               # whole header, then its last k rows
        if len(rows) >= k and all(_repeats(_row_key(r), key) for r, key in zip(rows[:k], keys[-k:])):
            if len(rows) > k:
                # the cut-off characters of a header cell sit in the first row below it: not data
                last, below = _row_key(rows[k - 1]), rows[k]
                for c, (p, h) in enumerate(zip(last, keys[-1])):
                    if p != h and p + _norm(below[c].text) == h:
                        below[c].text = ""
            return rows[k:]
    return rows


# --- 4. merged cells cut by the page break -------------------------------------------------

def _cols_of(row: Row, slot: _Slot) -> tuple[int, ...]:
    return tuple(c for c, s in enumerate(row) if s is slot)


def _replace(rows: list[Row], old: _Slot, new: _Slot) -> None:
    for row in rows:
        for c, s in enumerate(row):
            if s is old:
                row[c] = new


def _spans_down(rows: Sequence[Row], r: int, c: int) -> bool:
    return r + 1 < len(rows) and rows[r + 1][c] is rows[r][c]


def _continue_merges(table: _Table, rows: list[Row]) -> set[int]:
    """Blank (or repeated) cells of the first row that continue a merge from above: their columns."""
    done: set[int] = set()
    if not rows or not table.rows:
        return done
    P, R = table.rows[-1], rows[0]
    for c in range(len(R)):
        if c in done or R[c] is P[c]:
            continue
        above, here = P[c], R[c]
        merged_above = len(table.rows) >= 2 and table.rows[-2][c] is above
        merged_here = _spans_down(rows, 0, c)
        if not (merged_above or merged_here):
            continue
        if _cols_of(P, above) != _cols_of(R, here):
            continue
        t_here, t_above = _norm(here.text), _norm(above.text)
        if t_here and not (merged_above and len(t_here) >= 2 and t_above.startswith(t_here)):
            continue
        _replace(rows, here, above)
        done.update(_cols_of(P, above))
    # a sub-row: its first column continues a merge (a 序号 over sub-rows), so a blank cell in a
    # column that merges elsewhere in the table (责任单位, a group name) is that merge cut short by
    # the break too, even where neither part spans two rows on its own page
    if 0 in done:
        for c in range(1, len(R)):
            above, here = P[c], rows[0][c]
            if (c not in done and here is not above and not here.text.strip() and above.text.strip()
                    and _cols_of(P, above) == _cols_of(rows[0], here) and _column_merges(table.rows, c)
                    and not _spans_down(rows, 0, c)):
                _replace(rows, here, above)
                done.update(_cols_of(P, above))
    return done


# --- 5. rows cut by the page break ---------------------------------------------------------

def _cut_number(above: str, below: str, marks: DocumentMarks) -> bool:
    """A number cut by the page break in a narrow cell: "25.7" | "7%", "149" | ".6"."""
    above, below = _norm(above), _norm(below)
    if not above or not below or not _is_numeric(above + below, marks):
        return False
    return below[0] in ".．" or (below.endswith(("%", "％")) and not above.endswith(("%", "％")))


def _column_values(rows: Sequence[Row], width: int, besides: Sequence[Row]) -> list[set[str]]:
    """Each column's whole cell texts in cells other than those of `besides`: a value the table
    repeats elsewhere (进展有序, 县民政局) is a complete one."""
    mine = {id(slot) for row in besides for slot in row}
    values: list[set[str]] = [set() for _ in range(width)]
    for row in rows:
        for c, slot in enumerate(row[:width]):
            if id(slot) not in mine and (text := _norm(slot.text)):
                values[c].add(text)
    return values


def _looks_complete(P: Row, R: Row, own: Sequence[int], key: int | None, values: Sequence[set[str]],
                    marks: DocumentMarks) -> bool:
    """R is a row of its own, not the tail of P cut by the page break. `values`: the whole cell texts
    of each column in the table's other rows."""
    if any(_cut_number(P[c].text, R[c].text, marks) for c in own):
        return False
    for c in own:
        if R[c].text.strip() and P[c].text.strip() and _is_numeric(R[c].text, marks) and _is_numeric(P[c].text, marks):
            return True
        # numbers and the words a column repeats (a status, a unit) do not wrap across pages: two
        # such values there are two rows (养老服务提升 | 进展有序, then | 前期准备); the same one may be
        # a merged cell printed on both pages
        above, below = _norm(P[c].text), _norm(R[c].text)
        if c < len(values) and above != below and {above, below} <= values[c] and len(below) >= 2:
            return True
    p_cols = {c for c in own if P[c].text.strip()} - {key}
    r_cols = {c for c in own if R[c].text.strip()}
    return bool(p_cols) and p_cols <= r_cols


def _column_merges(rows: Sequence[Row], c: int) -> bool:
    return any(rows[r][c] is rows[r + 1][c] for r in range(len(rows) - 1))


def _join_ocr(dst: _Slot, src: _Slot) -> None:
    """An OCR cell joined with its rest: the lower confidence, the raw texts joined."""
    scores = [s for s in (dst.confidence, src.confidence) if s is not None]
    dst.confidence = min(scores) if scores else None
    if dst.raw is not None or src.raw is not None:
        parts = [x for x in (dst.raw if dst.raw is not None else dst.text,
                             src.raw if src.raw is not None else src.text) if x.strip()]
        dst.raw = "\n".join(parts)


def _join_split_row(table: _Table, rows: list[Row], page: int | None, marks: DocumentMarks) -> list[Row]:
    if not rows or not table.rows:
        return rows
    P, R = table.rows[-1], rows[0]
    own = [c for c in range(len(R)) if R[c] is not P[c]]
    values = _column_values([*table.rows, *rows], len(R), (P, R))
    if own:
        key = own[0]
        if R[key].text.strip():
            # the leading columns continue merges (a 序号 spanning sub-rows): R is the tail of a cut
            # sub-row only if it leaves P's short columns empty
            # a row number in the first column starts a row; other text there may be the cut
            # tail of a group label ("四、信息" | "报送") when the rest of the row is a tail too
            if (key == 0 and marks.row_number.match(_norm(R[0].text))) or _looks_complete(P, R, own, None, values, marks):
                return rows
        elif not P[key].text.strip():
            return rows
        elif _looks_complete(P, R, own, key, values, marks):
            if _column_merges(table.rows, key) and not _spans_down(rows, 0, key):
                _replace(rows, R[key], P[key])
            return rows
    joined: set[tuple[int, int]] = set()
    for c in own:
        src = R[c]
        first = _cols_of(R, src)[0]
        dst = P[first]
        if src is dst or (id(dst), id(src)) in joined:   # a wide cell already joined via its first column
            continue
        joined.add((id(dst), id(src)))
        if src.text.strip():
            _join_ocr(dst, src)
            dst.text = f"{dst.text}\n{src.text}" if dst.text.strip() else src.text
        _replace(rows, src, dst)   # a remainder cell spanning further down stays one cell
    pages = table.row_pages[-1]
    if page is not None:
        pages[1] = max(p for p in (pages[1], page) if p is not None)
    return rows[1:]


# --- 6. the logical table as a Grid --------------------------------------------------------

def _cells(section: Sequence[Row]) -> list[list[GridCell]]:
    made: dict[int, GridCell] = {}
    out = []
    for r, row in enumerate(section):
        line = []
        for c, s in enumerate(row):
            cell = made.get(id(s))
            if cell is None:
                cell = made[id(s)] = GridCell(s.text, (r, c), s.page, s.confidence, s.raw)
            line.append(cell)
        out.append(line)
    return out


def _locator(pages: Sequence[int | None], locators: Locators) -> str:
    a, b = pages
    return "" if a is None else locators.at_pages(a, b)


def _finish(table: _Table, locators: Locators) -> Grid:
    return Grid(
        rows=_cells(table.rows),
        row_pages=[(p[0], p[1]) for p in table.row_pages],
        row_locators=[_locator(p, locators) or loc for p, loc in zip(table.row_pages, table.row_locators)],
        header=_cells(table.header),
        col_edges=table.edges or table.first.col_edges,
        bbox=table.first.bbox,
    )


def _start(frag: Grid, ctx: _Context, settings: StitchSettings, marks: DocumentMarks) -> _Table:
    rows = _slots(frag)
    k = _header_rows(rows, settings, marks)
    if k == 0 and len(rows) <= settings.max_header_rows and all(
            _header_like(r, settings, marks) and not _is_title_row(r) for r in rows):
        k = len(rows)   # a header alone at a page's foot: its body (and maybe its lower rows) follow
    return _Table(header=rows[:k], rows=rows[k:], row_pages=[list(p) for p in frag.row_pages[k:]],
                  last=frag, last_ctx=ctx, first=frag, edges=tuple(frag.col_edges),
                  row_locators=list(frag.row_locators[k:]))


def _extend(table: _Table, frag: Grid, ctx: _Context, settings: StitchSettings, marks: DocumentMarks) -> None:
    if table.edges and frag.col_edges:
        edges = union_edges(table.edges, frag.col_edges, settings.edge_tolerance)
        table.header = _regrid(table.header, table.edges, edges)
        table.rows = _regrid(table.rows, table.edges, edges)
        table.edges = edges
        frag = _regrid_grid(frag, edges)
    rows = _slots(frag)
    n_before = len(rows)
    if not table.rows and table.header:
        rows = _continue_header(table, rows, settings, marks)
    rows = _drop_repeated_header(table.header, rows)
    pages = [list(p) for p in frag.row_pages[n_before - len(rows):]]
    locators = frag.row_locators[n_before - len(rows):]
    _continue_merges(table, rows)
    kept = _join_split_row(table, rows, _page(frag), marks)
    pages = pages[len(rows) - len(kept):]
    table.rows.extend(kept)
    table.row_pages.extend(pages)
    table.row_locators.extend(locators[len(rows) - len(kept):])
    table.last, table.last_ctx = frag, ctx


def _continue_header(table: _Table, rows: list[Row], settings: StitchSettings, marks: DocumentMarks) -> list[Row]:
    """The table so far is a header cut by the page break: this fragment's leading header rows
    are its lower rows (推进情况 | 完成比例 | 评价 under 完成情况), their blank cells the header cells
    above them continued."""
    k = 0
    while (k < len(rows) - 1 and len(table.header) + k < settings.max_header_rows
           and _header_like(rows[k], settings, marks) and not _is_title_row(rows[k])
           and any(not s.text.strip() for s in rows[k])):
        k += 1
    for row in rows[:k]:
        for c, slot in enumerate(row):
            if not slot.text.strip():
                row[c] = table.header[-1][c]
    table.header.extend(rows[:k])
    return rows[k:]


def stitch(fragments: Sequence[Grid], settings: StitchSettings, document: DocumentRules, *,
           page_heights: Mapping[int, float] | Sequence[float] | None = None,
           text_above: Sequence[bool] | None = None,
           text_below: Sequence[bool] | None = None) -> list[Grid]:
    """Join fragments (in reading order) into logical tables with `header` split off.

    document: rules/document.yaml (its marks, and how a row's pages are written).
    page_heights: page number -> height (or a list indexed by page - 1).
    text_above / text_below: per fragment, whether running text precedes / follows it on its page
    (`stitch_document` works these out from a Document's blocks).
    """
    marks, locators = document.marks, document.locators
    out: list[Grid] = []
    table: _Table | None = None
    for i, frag in enumerate(fragments):
        if not frag.rows:
            continue
        page = _page(frag)
        height = None
        if page_heights is not None and page is not None:
            if isinstance(page_heights, Mapping):
                height = page_heights.get(page)
            elif 0 < page <= len(page_heights):
                height = page_heights[page - 1]
        ctx = _Context(text_above[i] if text_above is not None else None,
                       text_below[i] if text_below is not None else None, height)
        if table is not None and _continues(table, frag, ctx, settings):
            _extend(table, frag, ctx, settings, marks)
        else:
            if table is not None:
                out.append(_finish(table, locators))
            table = _start(frag, ctx, settings, marks)
    if table is not None:
        out.append(_finish(table, locators))
    return out


def _running_key(text: str) -> str:
    return _norm(re.sub(r"\d+", "#", text))


def running_lines(doc: Document, settings: StitchSettings) -> set[str]:
    """Texts printed on most pages (running headers / footers), as `_running_key`s."""
    if doc.pages < 3:
        return set()
    pages_of: dict[str, set[Any]] = {}
    for b in doc.blocks:
        if isinstance(b, TextLine):
            pages_of.setdefault(_running_key(b.text), set()).add(b.page)
    return {t for t, ps in pages_of.items() if len(ps) > settings.running_share * doc.pages}


def page_furniture(doc: Document, settings: StitchSettings, marks: DocumentMarks) -> Callable[[str], bool]:
    """Whether a line of `doc` is page furniture, not text: a page number or a running header/footer."""
    running = running_lines(doc, settings)
    return lambda text: is_page_number(text, marks) or _running_key(text) in running


def fragment_context(doc: Document, settings: StitchSettings, marks: DocumentMarks) -> list[tuple[bool, bool]]:
    """For each table fragment of `doc`, in reading order: is there running text above it on its
    page, and is there text or another table below it? Page furniture (`page_furniture`) does not
    count as text. A fragment without a page (DOCX) is a whole table.

    The one place this is worked out: the pipeline (per annex) and `stitch_document` both use it."""
    furniture = page_furniture(doc, settings, marks)

    def text(b: TextLine | Grid) -> bool:
        return isinstance(b, TextLine) and not furniture(b.text)

    by_page: dict[Any, list[TextLine | Grid]] = {}
    for b in doc.blocks:
        by_page.setdefault(b.page if isinstance(b, TextLine) else _page(b), []).append(b)
    context: dict[int, tuple[bool, bool]] = {}
    for page, blocks in by_page.items():
        for j, b in enumerate(blocks):
            if isinstance(b, Grid):
                if page is None:
                    context[id(b)] = (True, True)
                    continue
                above = any(text(x) for x in blocks[:j])
                below = any(text(x) or isinstance(x, Grid) for x in blocks[j + 1:])
                context[id(b)] = (above, below)
    return [context[id(b)] for b in doc.blocks if isinstance(b, Grid)]


def stitch_document(doc: Document, settings: StitchSettings, document: DocumentRules,
                    page_heights: Mapping[int, float] | Sequence[float] | None = None) -> list[Grid]:
    """Stitch a Document's Grid blocks, using the text around them on their pages."""
    frags = [b for b in doc.blocks if isinstance(b, Grid)]
    context = fragment_context(doc, settings, document.marks)
    return stitch(frags, settings, document, page_heights=page_heights,
                  text_above=[a for a, _ in context], text_below=[b for _, b in context])
