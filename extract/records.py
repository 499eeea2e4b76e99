"""Annex tables -> Indicator records, following the mapping conventions (README, "Conventions").

One record per logical indicator:
- a full-width title row (one cell across the table) is not a record; it sets `section`;
- a row continues the record above when its seq cell (or, without a seq column, its first
  target cell) and its status cell are both the same merged cells as the row above: one
  indicator drawn as sub-rows (annex 1 row 21). Sub-rows with their own status are separate
  records that share the merged seq (annex 6 sub-indicators);
- a merged cell's text belongs to every row it covers (the Grid already repeats it);
- fields of a multi-row record join the distinct texts of its rows with a line break.
"""
from __future__ import annotations

import regex

from extract.model import AnnexTable, GridCell, Indicator
from extract.numbers import parse_percent
from extract.status import classify_status
from extract.tables.columns import seq_column_is_section
from extract.text import repair_cell, squash


def _col(table: AnnexTable, role: str) -> int | None:
    cols = table.roles.get(role)
    return cols[0] if cols else None


def is_title_row(row: list[GridCell]) -> bool:
    """A section-title row: one cell spanning the whole width (省重点民生实事项目)."""
    return len(row) > 1 and len({c.origin for c in row}) == 1 and bool(squash(row[0].text))


def _join_distinct(cells: list[GridCell]) -> str:
    texts: list[str] = []
    seen_origins = set()
    for cell in cells:
        if cell.origin in seen_origins:
            continue
        seen_origins.add(cell.origin)
        text = repair_cell(cell.text, keep_breaks=True)
        if text and text not in texts:
            texts.append(text)
    return "\n".join(texts)


def _most_specific_target(row: list[GridCell], target_cols: list[int]) -> GridCell | None:
    """The rightmost non-empty target cell; a cell merged across columns counts once."""
    best = None
    seen = set()
    for col in target_cols:
        cell = row[col]
        if cell.origin in seen:
            continue
        seen.add(cell.origin)
        if squash(cell.text):
            best = cell
    return best


def group_records(table: AnnexTable) -> list[tuple[str, list[int]]]:
    """Split body rows into (section title, row indexes) records."""
    grid = table.grid
    seq_col = _col(table, "seq")
    status_col = _col(table, "status")
    key_col = seq_col if seq_col is not None else (table.roles.get("target") or [None])[0]
    records: list[tuple[str, list[int]]] = []
    title = ""
    for i, row in enumerate(grid.rows):
        if is_title_row(row):
            title = repair_cell(row[0].text)
            continue
        if records and i > 0 and records[-1][1][-1] == i - 1 and key_col is not None and status_col is not None:
            above = grid.rows[i - 1]
            if row[key_col].origin == above[key_col].origin and row[status_col].origin == above[status_col].origin:
                records[-1][1].append(i)
                continue
        records.append((title, [i]))
    return records


def _split_units(text: str, column_rules: dict) -> tuple[str, ...]:
    separators = regex.compile(column_rules.get("unit_separators", r"[、，,；;]"))
    suffixes = tuple(column_rules.get("unit_suffixes", []))
    units: list[str] = []
    for part in separators.split(text):
        pieces = [p.strip() for p in part.split("\n")]
        current = ""
        for piece in pieces:
            if not piece:
                continue
            # a line break ends a unit only when the text before it already reads as one
            if current and current.endswith(suffixes):
                units.append(current)
                current = piece
            else:
                current += piece
        if current:
            units.append(current)
    prefixes = column_rules.get("unit_prefixes", [])
    if suffixes and prefixes:
        # a suffix directly followed by the start of another unit name: two units run together
        boundary = regex.compile("(?<=" + "|".join(map(regex.escape, suffixes)) + ")(?=" +
                                 "|".join(map(regex.escape, prefixes)) + ")")
        units = [piece for unit in units for piece in boundary.split(squash(unit))]
    return tuple(squash(u) for u in units if squash(u))


def table_records(table: AnnexTable, file: str, rules) -> list[Indicator]:
    grid = table.grid
    column_rules = rules.columns
    seq_col = _col(table, "seq")
    section_col = _col(table, "section")
    if seq_col is not None and seq_column_is_section(grid, seq_col, column_rules):
        section_col, seq_col = seq_col, None
    target_cols = table.roles.get("target", [])
    goal_col = _col(table, "target_goal")
    seq_in_target = regex.compile(column_rules.get("seq_in_target", r"^\s*(\d{1,3})\s*[、.．]\s*"))

    groups = group_records(table)
    # how many records each name cell covers (州 table: a shared name -> use 工作目标)
    name_use: dict[tuple[int, int], int] = {}
    if goal_col is not None and target_cols:
        for _, rows in groups:
            origin = grid.rows[rows[0]][target_cols[0]].origin
            name_use[origin] = name_use.get(origin, 0) + 1

    def field(rows: list[int], col: int | None) -> str:
        if col is None:
            return ""
        return _join_distinct([grid.rows[r][col] for r in rows])

    out: list[Indicator] = []
    for title, rows in groups:
        if goal_col is not None and target_cols and name_use.get(grid.rows[rows[0]][target_cols[0]].origin, 0) > 1:
            target = field(rows, goal_col)
        else:
            cells = [c for r in rows if (c := _most_specific_target(grid.rows[r], target_cols)) is not None]
            target = _join_distinct(cells)
        seq = squash(field(rows, seq_col)) if seq_col is not None else ""
        if not seq:
            match = seq_in_target.match(target)
            if match:
                seq = match.group(1)
                target = target[match.end():]
        section = title or table.name or (repair_cell(field(rows, section_col)) if section_col is not None else "")
        units_text = field(rows, _col(table, "units"))
        completion_raw = repair_cell(field(rows, _col(table, "completion")))
        percent = parse_percent(completion_raw) if completion_raw else None
        status_raw = field(rows, _col(table, "status"))
        pages = [p for r in rows for p in grid.row_pages[r] if p is not None]
        out.append(
            Indicator(
                file=file,
                annex_no=table.annex_no,
                campaign=table.campaign,
                section=section,
                seq=seq,
                target=target,
                responsible_units=_split_units(units_text, column_rules),
                progress=field(rows, _col(table, "progress")),
                completion_raw=completion_raw,
                completion_ratio=percent.value if percent else None,
                status_raw=status_raw,
                status=classify_status(status_raw, rules.status),
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
                locator=grid.row_locators[rows[0]] if grid.row_locators else "",
            )
        )
    return out
