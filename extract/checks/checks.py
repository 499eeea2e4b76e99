"""Claims x tables x arithmetic -> Finding records.

Precision first: an error is reported only where the document contradicts itself. Where an input
is uncertain (a column whose role is in doubt, status words not understood, a count that is not
exact, a sentence the grammar could not read whole), a check that would have fired says so in one
`unchecked` info line instead. Where the tables leave room (rows without a status, status words
not understood), a count is an error only when no reading of those rows could make it right.

Finding kinds (severity error unless noted):
- percent_mismatch     a stated share is not count/total rounded half-up at its printed decimals,
                       or the shares of one total do not add to 100 within rounding
- percent_truncated    (warning) the stated share is count/total cut, not rounded ("16.66%" for 5/30)
- sum_mismatch         the parts do not add to the stated total (also: a table cell's parts vs its
                       total; the narrative total vs the sum of the table's cells)
- total_vs_table       a stated total vs the number of the linked table's rows (项), or its number
                       of distinct 序号 (件)
- count_vs_table       a per-status count vs the number of linked rows with that status (or the
                       sum of the table's cells for that status)
- named_item_status    a named item matches a row whose status is another one
- name_not_found       a named item matches no row of the linked table
- named_item_missing   a row with the list's status that the list does not name
- name_variant         (warning) a named item matches a row only with one or two characters changed
- campaign_name_drift  (warning) the narrative names the linked annex's campaign differently
- unchecked            (info) a check not run, or not trusted, and why
- unknown_status_words (info) status words of the tables that were not understood
Thresholds live in rules/tolerances.yaml.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from extract.checks.arithmetic import (
    check_amount_shares,
    check_amount_sums,
    check_genre_sums,
    check_percent_sum,
    check_percents,
    check_sums,
)
from extract.checks.context import Context, Verified, build_context, row_name
from extract.checks.names import check_named_lists
from extract.checks.tables import (
    check_campaign_drift,
    check_cells,
    check_counts_in_table_words,
    check_counts_vs_table,
    check_numbered_items,
    check_status_words,
    check_totals_vs_table,
)
from extract.model import (
    Annex,
    ClaimKind,
    Coverage,
    Finding,
    FindingKind,
    Indicator,
    SectionKey,
    Severity,
    TableMapping,
    Unchecked,
)
from extract.narrative.claims import NarrativeReading
from extract.ocr.repair import doubtful
from extract.settings.rules import Rules

CHECKS: tuple[Callable[[Context], list[Finding]], ...] = (
    check_campaign_drift,
    check_percents,
    check_percent_sum,
    check_sums,
    check_genre_sums,
    check_amount_shares,
    check_amount_sums,
    check_numbered_items,
    check_totals_vs_table,
    check_counts_vs_table,
    check_counts_in_table_words,
    check_named_lists,
    check_cells,
    check_status_words,
)


def check(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Rules, file: str,
          tables: Iterable[TableMapping] = ()) -> list[Finding]:
    """Every finding of one bulletin: its narrative's claims against its tables and arithmetic."""
    return review(reading, indicators, annexes, rules, file, tables)[0]


def review(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Rules, file: str,
           tables: Iterable[TableMapping] = ()) -> tuple[list[Finding], Coverage]:
    """The findings, and how many of the narrative's counted statements were checked and how."""
    ctx = build_context(reading, indicators, annexes, rules, file, tables)
    findings: list[Finding] = []
    for fn in CHECKS:
        findings.extend(fn(ctx))
    findings = [_unless_ocr_doubt(ctx, f) for f in findings]
    read = [c for c in reading.claims if c.kind is not ClaimKind.CELL]
    how = [ctx.verified.get(id(c)) for c in read]
    coverage = Coverage(statements=len(read), table=how.count(Verified.TABLE),
                        arithmetic=how.count(Verified.ARITHMETIC), unchecked=how.count(None))
    return findings, coverage


# the table fields each kind of finding rests on
_ROW_FIELDS: dict[FindingKind, tuple[str, ...]] = {
    FindingKind.TOTAL_VS_TABLE: ("status_raw", "seq"),
    FindingKind.COUNT_VS_TABLE: ("status_raw",),
    FindingKind.NAMED_ITEM_STATUS: ("status_raw", "target"),
    FindingKind.NAMED_ITEM_MISSING: ("status_raw", "target"),
    FindingKind.NAME_NOT_FOUND: ("target",),
    FindingKind.NAME_VARIANT: ("target",),
}


def _unless_ocr_doubt(ctx: Context, f: Finding) -> Finding:
    """A finding that rests on OCR text read with low confidence (its sentence, or the fields of
    its section's rows) becomes an info line saying so: a misread is not the document's mistake."""
    if f.severity is Severity.INFO:
        return f
    section = SectionKey(f.section) if f.section else None
    sentence = [c.confidence for key, claims in ctx.by_section.items() if key.section == section for c in claims
                if c.text == f.sentence and c.confidence is not None and doubtful(c.confidence, ctx.rules)] \
        if section else []
    why = ""
    if sentence:
        why = f"OCR confidence {min(sentence):.2f} on the sentence"
    elif f.kind in _ROW_FIELDS and section is not None:
        scores = [(score, row) for row in ctx.rows(section) or [] for name, score in row.confidence
                  if name in _ROW_FIELDS[f.kind] and doubtful(score, ctx.rules)]
        if scores:
            score, row = min(scores, key=lambda s: s[0])
            why = f"OCR confidence {score:.2f} in row '{row_name(row)}' of {ctx.annex(row.annex_no)}"
    if not why:
        return f
    return dataclasses.replace(f, kind=FindingKind.UNCHECKED, severity=Severity.INFO, reason=Unchecked.OCR_DOUBT,
                               detail=f"not checked ({f.kind}): {why}; {f.detail}")
