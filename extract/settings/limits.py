"""Resource limits against hostile input (rules/limits.yaml), read and validated once."""
from __future__ import annotations

from dataclasses import dataclass

from extract.settings.rules import Rules


@dataclass(frozen=True)
class Limits:
    docx_part_max_bytes: int
    docx_part_max_ratio: float
    max_table_columns: int
    worker_memory_mb: int          # 0: no limit
    sheet_max_cells: int
    worker_min_memory_mb: int
    report_max_cell_bytes: int
    report_page_max_bytes: int
    history_max_score_cells: int
    annotate_align_max_chars: int
    docx_package_max_bytes: int

    @classmethod
    def from_rules(cls, rules: Rules) -> Limits:
        """The limits of `rules` (once per rules object); a value under its least is a ValueError naming it."""
        return rules.view(_limits)

    def memory_limit(self, memory_mb: int | None) -> int:
        """A worker's address-space limit: `memory_mb` (--memory-limit) or the rules' default; a
        value no worker could run under is a ValueError (a usage error, before any file is read)."""
        if memory_mb is None:
            return self.worker_memory_mb
        if memory_mb < 0 or 0 < memory_mb < self.worker_min_memory_mb:
            raise ValueError(f"--memory-limit {memory_mb}: must be 0 (none) or at least {self.worker_min_memory_mb} MiB "
                             "(worker.min_memory_mb in rules/limits.yaml)")
        return memory_mb


def _limits(rules: Rules) -> Limits:
    data = rules.limits

    def number(section: str, key: str, minimum: float) -> float:
        value: float = getattr(getattr(data, section), key)
        if value < minimum:
            raise ValueError(f"rules file limits.yaml: {section}.{key} must be a number >= {minimum:g}")
        return value

    limits = Limits(
        docx_part_max_bytes=int(number("docx", "part_max_mb", 1) * 2**20),
        docx_part_max_ratio=float(number("docx", "part_max_ratio", 1)),
        max_table_columns=int(number("docx", "max_table_columns", 1)),
        worker_memory_mb=int(number("worker", "memory_mb", 0)),
        sheet_max_cells=int(number("sheet", "max_cells", 1)),
        worker_min_memory_mb=int(number("worker", "min_memory_mb", 1)),
        # csv.field_size_limit takes a C long: 32 bits on Windows
        report_max_cell_bytes=min(int(number("report", "max_cell_mb", 1) * 2**20), 2**31 - 1),
        report_page_max_bytes=int(number("report", "page_max_mb", 0.01) * 2**20),
        history_max_score_cells=int(number("history", "max_score_cells", 100)),
        docx_package_max_bytes=int(number("docx", "package_max_mb", 1) * 2**20),
        annotate_align_max_chars=int(number("annotate", "align_max_chars", 1)),
    )
    if 0 < limits.worker_memory_mb < limits.worker_min_memory_mb:
        raise ValueError(f"rules file limits.yaml: worker.memory_mb must be 0 (none) or at least "
                         f"worker.min_memory_mb ({limits.worker_min_memory_mb})")
    return limits
