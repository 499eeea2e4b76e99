"""Findings in the reviewer's words: one Chinese sentence each, worded by rules/review.yaml."""
from __future__ import annotations

import string
from collections.abc import Iterable

from extract.model import Finding
from extract.settings.sections import ReviewRules


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def wording(finding: Finding, review: ReviewRules) -> str:
    """"已完成年度任务占比应为22.2%（4/18），文中为22.3%"; the English detail when no template fits.
    An unchecked statement is worded by its reason (review.yaml `reasons`), not by the figures."""
    statuses = review.status_names
    values = {"label": finding.label, "stated": statuses.get(finding.stated, finding.stated),
              "computed": statuses.get(finding.computed, finding.computed), "basis": finding.basis,
              "annex_no": "" if finding.annex_no is None else str(finding.annex_no), "detail": finding.detail,
              "unit": finding.unit,
              "reason": review.reasons[finding.reason] if finding.reason is not None else ""}
    templates: Iterable[str] = review.templates.get(finding.kind) or ()
    for template in templates:
        # only the known fields, all filled: a template naming anything else is not used
        if all(values.get(name) for name in _fields(template)):
            return template.format_map(values)
    return finding.detail


def severity_name(finding: Finding, review: ReviewRules) -> str:
    name: str = review.severity.get(finding.severity, finding.severity)
    return name


def message(finding: Finding, review: ReviewRules) -> str:
    """The wording with the severity in front: "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%"."""
    return f"【{severity_name(finding, review)}】{wording(finding, review)}"


def is_shown(finding: Finding, review: ReviewRules) -> bool:
    """Whether a reviewer is shown the finding as one (error and warning; not info)."""
    return finding.severity in review.shown


def shown(findings: list[Finding], review: ReviewRules) -> list[Finding]:
    return [f for f in findings if is_shown(f, review)]
