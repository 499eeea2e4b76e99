"""Resource limits against hostile input (rules/limits.yaml), read and validated once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.rules import Rules, load_rules


@dataclass(frozen=True)
class Limits:
    docx_part_max_bytes: int
    docx_part_max_ratio: float
    max_table_columns: int
    worker_memory_mb: int          # 0: no limit
    sheet_max_cells: int

    @classmethod
    def from_rules(cls, rules: Rules) -> Limits:
        """The limits of `rules`; a missing or non-positive value is a ValueError naming it."""
        data = rules.limits or {}

        def number(section: str, key: str, minimum: float) -> Any:
            value = (data.get(section) or {}).get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
                raise ValueError(f"rules file limits.yaml: {section}.{key} must be a number >= {minimum:g}")
            return value

        return cls(
            docx_part_max_bytes=int(number("docx", "part_max_mb", 1) * 2**20),
            docx_part_max_ratio=float(number("docx", "part_max_ratio", 1)),
            max_table_columns=int(number("docx", "max_table_columns", 1)),
            worker_memory_mb=int(number("worker", "memory_mb", 0)),
            sheet_max_cells=int(number("sheet", "max_cells", 1)),
        )

    @classmethod
    def shipped(cls) -> Limits:
        return cls.from_rules(load_rules())
