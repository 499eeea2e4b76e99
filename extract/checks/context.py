"""What every check reads: the bulletin's claims by statement, its tables by section, what was verified how."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from extract.chinese.numbers import CountWords, Numerals, parse_percent
from extract.chinese.status import StatusVocabulary
from extract.model import (
    Annex,
    Claim,
    ClaimKind,
    Finding,
    FindingKind,
    Indicator,
    Role,
    SectionKey,
    Severity,
    Status,
    TableMapping,
    TotalKind,
    Unchecked,
)
from extract.narrative.claims import NarrativeReading
from extract.narrative.links import SectionLink
from extract.settings.rules import Rules
from extract.settings.sections import Terms


class Verified(StrEnum):
    TABLE = "table"               # compared with the annex table
    ARITHMETIC = "arithmetic"     # compared with the document's own other figures


@dataclass
class Context:
    file: str
    rules: Rules
    vocab: StatusVocabulary
    reading: NarrativeReading
    indicators: list[Indicator]
    annexes: list[Annex]
    tables: dict[tuple[int, int], TableMapping] = field(default_factory=dict)
    by_section: dict[SectionKey, list[Claim]] = field(default_factory=dict)   # narrative claims, per statement
    cells_by_annex: dict[int, list[Claim]] = field(default_factory=dict)
    # claims a check compared with something (id -> Verified.TABLE / Verified.ARITHMETIC): the summary's counts
    verified: dict[int, Verified] = field(default_factory=dict)

    def verify(self, how: Verified, *claims: Claim) -> None:
        for claim in claims:
            if self.verified.get(id(claim)) is not Verified.TABLE:
                self.verified[id(claim)] = how

    @property
    def links(self) -> dict[SectionKey, SectionLink]:
        return self.reading.links

    @property
    def count_words(self) -> CountWords:
        """rules/numbers.yaml compiled (once per rules): the numeral system and the words of counts."""
        return CountWords.from_rules(self.rules)

    def annex(self, annex_no: int) -> str:
        """An annex as a detail names it (document.yaml `locators.annex`: 附件2)."""
        return self.rules.document.locators.at_annex(annex_no)

    @property
    def terms(self) -> Terms:
        """The document's words that a detail quotes when it points into the document (claims.yaml terms)."""
        return self.rules.claims.terms

    def doubts(self, section: SectionKey) -> list[str]:
        """Why a section's statements were not read whole (said of the section, any statement of it)."""
        return self.reading.doubts.get(section.section, [])

    def rows(self, section: SectionKey) -> list[Indicator] | None:
        """The linked table rows of a section; None when the section has no (unambiguous) table, or
        for a later statement of a genre section (a table speaks for the section's first only)."""
        link = None if section.is_later_statement else self.links.get(section)
        if link is None or link.annex_no is None:
            return None
        rows = [i for i in self.indicators if i.annex_no == link.annex_no]
        if link.subtable is not None:
            return [i for i in rows if i.section == link.subtable]
        if section.is_item:
            return None   # a sub-section ((六)1) whose sub-table could not be told
        return rows

    def uncertain_role(self, rows: list[Indicator], role: Role) -> TableMapping | None:
        """The first table of these rows whose `role` column is in doubt (None: all are certain)."""
        for key in dict.fromkeys((r.annex_no, r.table_no) for r in rows):
            mapping = self.tables.get(key)
            if mapping is not None and not mapping.is_certain(role):
                return mapping
        return None

    def unsure_column(self, rows: list[Indicator], role: Role, claim: Claim, what: str) -> Finding | None:
        """The unchecked line for a check resting on a `role` column whose mapping is uncertain."""
        shaky = self.uncertain_role(rows, role)
        if shaky is None:
            return None
        return self.unchecked(claim, Unchecked.COLUMN_UNSURE,
                              f"{what}: the {role} column of {self.annex(shaky.annex_no)} is uncertain "
                              f"({_role_note(shaky, role)})")

    def assessed(self, rows: list[Indicator]) -> list[Indicator]:
        if not self.rules.tolerances.table.count_only_assessed_rows:
            return rows
        return [r for r in rows if r.status != Status.UNKNOWN or r.completion_ratio is not None]

    def not_understood(self, rows: list[Indicator]) -> list[Indicator]:
        """Rows whose status cell has words the vocabulary could not read: any status is possible."""
        return [r for r in rows if r.status == Status.UNKNOWN and not self.vocab.understood(r.status_raw)]

    def finding(self, kind: FindingKind, claim: Claim, detail: str, severity: Severity = Severity.ERROR,
                section: SectionKey | None = None, stated: Any = "", computed: Any = "", basis: Any = "",
                reason: Unchecked | None = None) -> Finding:
        # a finding names the section as printed, never the statement key it was checked under
        section = SectionKey(claim.section) if section is None else section.section
        link = self.links.get(section)
        campaign = link.campaign if link is not None and link.campaign else claim.campaign
        annex_no = link.annex_no if link is not None and link.annex_no is not None else claim.annex_no
        return Finding(file=self.file, kind=kind, severity=severity, annex_no=annex_no, campaign=campaign,
                       detail=detail, page=claim.page, locator=claim.locator, section=section,
                       sentence=claim.text, label=claim.label, stated=str(stated), computed=str(computed),
                       basis=str(basis), reason=reason,
                       # a bare count is worded with its unit (各分项之和为86件); a share or an amount has its own.
                       # A statement of indicators read outside a genre keeps no unit: it counts items (项)
                       unit=(claim.unit or ("" if claim.genre else self.rules.claims.item_unit))
                       if isinstance(stated, int) and isinstance(computed, int) else "")

    def unchecked(self, claim: Claim, reason: Unchecked, why: str, section: SectionKey | None = None) -> Finding:
        """The info line for a statement not checked: `reason` for the reader, `why` with the figures."""
        return self.finding(FindingKind.UNCHECKED, claim, f"not checked: {why}", Severity.INFO, section, reason=reason)


def build_context(reading: NarrativeReading, indicators: list[Indicator], annexes: list[Annex], rules: Rules, file: str,
             tables: Iterable[TableMapping]) -> Context:
    ctx = Context(file, rules, StatusVocabulary.from_rules(rules), reading, indicators, annexes,
                  {(t.annex_no, t.table_no): t for t in tables})
    by_section: dict[SectionKey, list[Claim]] = defaultdict(list)
    cells: dict[int, list[Claim]] = defaultdict(list)
    for c in reading.claims:
        if c.kind is ClaimKind.CELL:
            if c.annex_no is not None:
                cells[c.annex_no].append(c)
        elif c.section:
            # a genre section's later statements are checked on their own (never against a table)
            by_section[SectionKey.statement_of(c.section, c.statement)].append(c)
    ctx.by_section = dict(by_section)
    ctx.cells_by_annex = dict(cells)
    return ctx


def total_of(claims: Iterable[Claim], kind: TotalKind = TotalKind.TOTAL) -> Claim | None:
    return next((c for c in claims if c.kind is ClaimKind.TOTAL and c.status == kind and c.count is not None), None)


def parts_of(claims: Iterable[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in (ClaimKind.PART, ClaimKind.ALL) and c.count is not None]


def stated_share(claim: Claim, numerals: Numerals) -> tuple[Decimal, int] | None:
    p = parse_percent(claim.percent_raw, numerals) if claim.percent_raw else None
    if p is None:
        return None
    value = (Decimal(repr(p.value)) * 100).quantize(Decimal(1).scaleb(-p.decimals))
    return value, p.decimals


def row_name(row: Indicator) -> str:
    text = (row.target or row.progress or "").replace("\n", " ")
    seq = f"{row.seq} " if row.seq else ""
    return f"{seq}{text[:30]}{'…' if len(text) > 30 else ''}"

def _role_note(mapping: TableMapping, role: Role) -> str:
    choice = mapping.choice(role)
    if choice is None:
        return "no column found"
    return f"column '{choice.header}', {choice.evidence}, confidence {choice.confidence:.2f}"
