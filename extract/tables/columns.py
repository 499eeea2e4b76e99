"""Header cells -> canonical column roles, through the synonyms in rules/columns.yaml.

A new wording in a county's header row is a rules edit, not a code change.
"""
from __future__ import annotations

import regex

from extract.model import Grid, GridCell
from extract.text import squash


def column_headers(header: list[list[GridCell]], n_cols: int) -> list[list[str]]:
    """Per column, its distinct header texts from the lowest (most specific) row up."""
    stacks: list[list[str]] = []
    for col in range(n_cols):
        texts: list[str] = []
        for row in reversed(header):
            if col < len(row):
                text = squash(row[col].text)
                if text and text not in texts:
                    texts.append(text)
        stacks.append(texts)
    return stacks


def flat_headers(header: list[list[GridCell]], n_cols: int) -> list[str]:
    """One label per column: the header texts top-down joined with '/' (完成情况/已完成数)."""
    return ["/".join(reversed(stack)) for stack in column_headers(header, n_cols)]


def assign_roles(header: list[list[GridCell]], n_cols: int, column_rules: dict) -> dict[str, list[int]]:
    """Map roles to column indexes; see rules/columns.yaml for the matching order."""
    stacks = column_headers(header, n_cols)
    taken: set[int] = set()
    roles: dict[str, list[int]] = {}
    for role, patterns in column_rules["roles"].items():
        for pattern in patterns:
            compiled = regex.compile(pattern)
            # most specific header level first, across all columns, before trying a level up
            depth = max((len(s) for s in stacks), default=0)
            hit: list[int] = []
            for level in range(depth):
                for col, stack in enumerate(stacks):
                    if col in taken or level >= len(stack):
                        continue
                    if compiled.fullmatch(stack[level]):
                        hit.append(col)
                if hit:
                    break
            if not hit:
                continue
            if role != "target":
                hit = hit[:1]
            else:
                # a horizontally merged header spans adjacent columns; keep that run only
                run = [hit[0]]
                for col in hit[1:]:
                    if col == run[-1] + 1:
                        run.append(col)
                hit = run
            roles[role] = hit
            taken.update(hit)
            break
    return roles


def seq_column_is_section(grid: Grid, seq_col: int, column_rules: dict) -> bool:
    """A 序号 column holding group names (一、创新成果转化攻坚行动) instead of numbers."""
    seq_value = regex.compile(column_rules.get("seq_value", r"\d{1,3}"))
    values = [squash(row[seq_col].text) for row in grid.rows if seq_col < len(row)]
    values = [v for v in values if v]
    if not values:
        return False
    numeric = sum(1 for v in values if seq_value.fullmatch(v))
    return numeric * 2 < len(values)
