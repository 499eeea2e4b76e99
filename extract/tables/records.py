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

from extract.chinese.numbers import parse_percent
from extract.chinese.status import vocabulary
from extract.chinese.text import HARD_BREAK, repair_cell, squash
from extract.model import AnnexTable, GridCell, Indicator, Role
from extract.tables.columns import is_title_row, seq_column_is_section, split_units

_NUMBER_PIECES = regex.compile(r"[0-9０-９][0-9０-９.．\s]*[%％]")


def _col(table: AnnexTable, role: Role) -> int | None:
    cols = table.roles.get(role)
    return cols[0] if cols else None


def _join_distinct(cells: list[GridCell], hard_breaks: bool = False) -> str:
    """The distinct texts of a record's cells, one per line; with `hard_breaks` the lines a writer
    broke by hand stay apart too (a units cell: 县交通运输局 | 公路建设养护中心)."""
    texts: list[str] = []
    seen_origins = set()
    for cell in cells:
        if cell.origin in seen_origins:
            continue
        seen_origins.add(cell.origin)
        pieces = cell.text.split(HARD_BREAK) if hard_breaks else [cell.text]
        text = "\n".join(t for t in (repair_cell(p, keep_breaks=True) for p in pieces) if t)
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
    seq_col = _col(table, Role.SEQ)
    status_col = _col(table, Role.STATUS)
    key_col = seq_col if seq_col is not None else _col(table, Role.TARGET)
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


def table_records(table: AnnexTable, file: str, rules) -> list[Indicator]:
    grid = table.grid
    column_rules = rules.columns
    vocab = vocabulary(rules)
    seq_col = _col(table, Role.SEQ)
    section_col = _col(table, Role.SECTION)
    if seq_col is not None and seq_column_is_section(grid, seq_col, column_rules):
        section_col, seq_col = seq_col, None
    target_cols = table.roles.get(Role.TARGET, [])
    goal_col = _col(table, Role.TARGET_GOAL)
    seq_in_target = regex.compile(column_rules["seq_in_target"])

    groups = group_records(table)
    # how many records each name cell covers (州 table: a shared name -> use 工作目标)
    name_use: dict[tuple[int, int], int] = {}
    if goal_col is not None and target_cols:
        for _, rows in groups:
            origin = grid.rows[rows[0]][target_cols[0]].origin
            name_use[origin] = name_use.get(origin, 0) + 1

    def field(rows: list[int], col: int | None, hard_breaks: bool = False) -> str:
        if col is None:
            return ""
        return _join_distinct([grid.rows[r][col] for r in rows], hard_breaks)

    out: list[Indicator] = []
    for title, rows in groups:
        name_cell = grid.rows[rows[0]][target_cols[0]] if target_cols else None
        # a name shared by several rows, or none (a merged name cut by a page break and left blank
        # on the new page): the row's 工作目标 says what it is
        if goal_col is not None and name_cell is not None and (name_use.get(name_cell.origin, 0) > 1
                                                               or not squash(name_cell.text)):
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
        units_text = field(rows, _col(table, Role.UNITS), hard_breaks=True)
        pages = [p for r in rows for p in grid.row_pages[r] if p is not None]
        previous = out[-1] if out and out[-1].section == section else None
        if (not seq and seq_col is not None and previous is not None and previous.page_end is not None
                and pages and min(pages) == previous.page_end + 1):
            # the first row of a page with a blank 序号: a merged 序号 (and 牵头单位) cut by the page
            # break, which the renderer does not repeat; the row is a sub-indicator of the one above
            seq = previous.seq
            units_text = units_text or "、".join(previous.responsible_units)
        completion_raw = repair_cell(field(rows, _col(table, Role.COMPLETION)))
        if _NUMBER_PIECES.fullmatch(completion_raw) and parse_percent(completion_raw) is None:
            # a narrow ratio cell wraps one number over lines (1 | 1 | 5.9 | 7%): its pieces are one value
            completion_raw = regex.sub(r"\s+", "", completion_raw)
        percent = parse_percent(completion_raw) if completion_raw else None
        status_raw = field(rows, _col(table, Role.STATUS))
        out.append(
            Indicator(
                file=file,
                annex_no=table.annex_no,
                campaign=table.campaign,
                section=section,
                seq=seq,
                target=target,
                responsible_units=split_units(units_text, column_rules),
                progress=field(rows, _col(table, Role.PROGRESS)),
                completion_raw=completion_raw,
                completion_ratio=percent.value if percent else None,
                status_raw=status_raw,
                status=vocab.read_cell(status_raw),
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
                locator=grid.row_locators[rows[0]] if grid.row_locators else "",
                table_no=table.table_no,
            )
        )
    return out
