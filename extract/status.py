"""Status vocabulary (rules/status.yaml): a 备注 cell or a narrative label -> canonical status."""
from __future__ import annotations

from extract.text import squash

UNKNOWN = "unknown"


def _phrases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    # longest phrase first, so a longer, more specific wording always wins
    pairs = [(squash(p), status) for status, phrases in table.items() for p in phrases]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def classify_status(text: str, status_rules: dict) -> str:
    """The status whose phrase the cell equals or starts with; `unknown` for anything else."""
    cell = squash(text)
    if not cell:
        return UNKNOWN
    for phrase, status in _phrases(status_rules["statuses"]):
        if cell == phrase or cell.startswith(phrase):
            return status
    return UNKNOWN


def label_status(label: str, status_rules: dict) -> str:
    """The status a narrative label names (已完成年度任务 -> completed); '' if none."""
    text = squash(label)
    for phrase, status in _phrases(status_rules.get("narrative_labels", {})):
        if phrase in text:
            return status
    return ""
