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

from extract.chinese.numbers import Numerals, parse_percent
from extract.chinese.status import StatusVocabulary
from extract.chinese.text import HARD_BREAK, cell_item, repair_cell, squash
from extract.model import AnnexTable, GridCell, Indicator, Role
from extract.settings.rules import Rules
from extract.tables.columns import is_title_row, split_units

_NUMBER_PIECES = regex.compile(r"[0-9０-９][0-9０-９.．\s]*[%％]")


def _col(table: AnnexTable, role: Role) -> int | None:
    cols = table.roles.get(role)
    return cols[0] if cols else None


def _join_distinct(cells: list[GridCell], item: regex.Pattern[str], hard_breaks: bool = False) -> str:
    """The distinct texts of a record's cells, one per line (and a cell's listed items, `item`: the
    rules' `cell_item`); with `hard_breaks` the lines a writer broke by hand stay apart too (a units
    cell: 县交通运输局 | 公路建设养护中心)."""
    texts: list[str] = []
    seen_origins = set()
    for cell in cells:
        if cell.origin in seen_origins:
            continue
        seen_origins.add(cell.origin)
        pieces = cell.text.split(HARD_BREAK) if hard_breaks else [cell.text]
        text = "\n".join(t for t in (repair_cell(p, item=item) for p in pieces) if t)
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


class _Fields:
    """One annex table read field by field: each method gives one field of the record made of
    `rows` (the grid rows group_records put together)."""

    def __init__(self, table: AnnexTable, rules: Rules):
        self.table, self.grid, self.rules = table, table.grid, rules
        self.vocab, self.numerals, self.item = StatusVocabulary.from_rules(rules), Numerals.from_rules(rules), cell_item(rules)
        self.seq_col, self.section_col = _col(table, Role.SEQ), _col(table, Role.SECTION)
        self.target_cols = table.roles.get(Role.TARGET, [])
        self.goal_col = _col(table, Role.TARGET_GOAL)
        self.seq_in_target = regex.compile(rules.columns.seq_in_target)
        self.name_use: dict[tuple[int, int], int] = {}   # records per name cell (州 table: a shared name)

    def count_names(self, groups: list[tuple[str, list[int]]]) -> None:
        if self.goal_col is not None and self.target_cols:
            for _, rows in groups:
                origin = self.grid.rows[rows[0]][self.target_cols[0]].origin
                self.name_use[origin] = self.name_use.get(origin, 0) + 1

    def text(self, rows: list[int], col: int | None, hard_breaks: bool = False) -> str:
        return "" if col is None else _join_distinct([self.grid.rows[r][col] for r in rows], self.item, hard_breaks)

    def target_and_seq(self, rows: list[int]) -> tuple[str, str]:
        name_cell = self.grid.rows[rows[0]][self.target_cols[0]] if self.target_cols else None
        # a name shared by several rows, or none (a merged name cut by a page break and left blank
        # on the new page): the row's 工作目标 says what it is
        if self.goal_col is not None and name_cell is not None and (self.name_use.get(name_cell.origin, 0) > 1
                                                                    or not squash(name_cell.text)):
            target = self.text(rows, self.goal_col)
        else:
            cells = [c for r in rows if (c := _most_specific_target(self.grid.rows[r], self.target_cols)) is not None]
            target = _join_distinct(cells, self.item)
        seq = squash(self.text(rows, self.seq_col)) if self.seq_col is not None else ""
        if not seq and (match := self.seq_in_target.match(target)):
            seq, target = match.group(1), target[match.end():]
        return target, seq

    def section(self, title: str, rows: list[int]) -> str:
        return title or self.table.name or (repair_cell(self.text(rows, self.section_col))
                                            if self.section_col is not None else "")

    def completion(self, rows: list[int]) -> tuple[str, float | None]:
        raw = repair_cell(self.text(rows, _col(self.table, Role.COMPLETION)))
        if _NUMBER_PIECES.fullmatch(raw) and parse_percent(raw, self.numerals) is None:
            # a narrow ratio cell wraps one number over lines (1 | 1 | 5.9 | 7%): its pieces are one value
            raw = regex.sub(r"\s+", "", raw)
        percent = parse_percent(raw, self.numerals) if raw else None
        return raw, percent.value if percent else None

    def pages(self, rows: list[int]) -> list[int]:
        return [p for r in rows for p in self.grid.row_pages[r] if p is not None]


def table_records(table: AnnexTable, file: str, rules: Rules) -> list[Indicator]:
    """The table's rows as Indicator records (the conventions of the README), field by field."""
    fields = _Fields(table, rules)
    groups = group_records(table)
    fields.count_names(groups)
    out: list[Indicator] = []
    for title, rows in groups:
        target, seq = fields.target_and_seq(rows)
        section = fields.section(title, rows)
        units_text = fields.text(rows, _col(table, Role.UNITS), hard_breaks=True)
        pages = fields.pages(rows)
        previous = out[-1] if out and out[-1].section == section else None
        if (not seq and fields.seq_col is not None and previous is not None and previous.page_end is not None
                and pages and min(pages) == previous.page_end + 1):
            # the first row of a page with a blank 序号: a merged 序号 (and 牵头单位) cut by the page
            # break, which the renderer does not repeat; the row is a sub-indicator of the one above
            seq = previous.seq
            units_text = units_text or "、".join(previous.responsible_units)
        completion_raw, ratio = fields.completion(rows)
        status_raw = fields.text(rows, _col(table, Role.STATUS))
        out.append(Indicator(
            file=file, annex_no=table.annex_no, campaign=table.campaign, section=section, seq=seq, target=target,
            responsible_units=split_units(units_text, fields.rules),
            progress=fields.text(rows, _col(table, Role.PROGRESS)),
            completion_raw=completion_raw, completion_ratio=ratio,
            status_raw=status_raw, status=fields.vocab.read_cell(status_raw),
            page_start=min(pages) if pages else None, page_end=max(pages) if pages else None,
            locator=table.grid.row_locators[rows[0]] if table.grid.row_locators else "",
            table_no=table.table_no,
        ))
    return out
