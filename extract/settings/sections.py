"""The rules files as typed sections: one frozen dataclass per file (geometry.yaml's is `Geometry`).

`load_rules` first merges a county's file over the shipped one and checks its shape (rules.py); the
merged mapping is then built into the file's section here, key by key: a field per key, a nested
dataclass for a nested schema mapping, a `Mapping` where the keys are the document's words or the
code's names (status words, column roles, finding kinds), a tuple for a list, a compiled pattern
where a field says `regex.Pattern[str]`. The dataclasses and the shipped files must agree at every
depth (a key without a field, or a field without a key, stops the load), so a stage reads
`rules.claims.milestone`, never a key by its name, and mypy sees what each value is.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, Union

import regex

from extract.model import Severity, Status
from extract.settings.document import DocumentMarks, Locators
from extract.settings.patterns import BySource, Pattern, checked_pattern

S = TypeVar("S")


# ------------------------------------------------------------------ status.yaml

@dataclass(frozen=True)
class StatusRules:
    words: Mapping[str, tuple[str | None, ...]]   # word -> [status when affirmed, status when negated]
    negations: tuple[str, ...]
    not_negations: tuple[str, ...]
    negation_reach: int
    priority: tuple[Status, ...]
    cell_summary: Pattern
    max_unknown_share: float


# ------------------------------------------------------------------ columns.yaml

@dataclass(frozen=True)
class ColumnScores:
    header_full: float
    header_upper: float
    header_word: float
    min_score: float
    min_content_only: float
    ambiguity_margin: float
    min_confidence: float


@dataclass(frozen=True)
class ColumnContent:
    long_text_chars: int
    status_max_chars: int
    status_max_distinct: float
    sentence_mark: Pattern
    measure_unit_max_chars: int
    unit_name_max_chars: int
    placeholder: Pattern
    number: Pattern


@dataclass(frozen=True)
class TargetRun:
    always: tuple[Pattern, ...]
    with_quantity: tuple[Pattern, ...]


@dataclass(frozen=True)
class ColumnRules:
    roles: Mapping[str, tuple[Pattern, ...]]        # role -> header patterns
    header_words: Mapping[str, tuple[str, ...]]     # role -> words a header of it contains
    header_required: tuple[str, ...]
    scores: ColumnScores
    content: ColumnContent
    target_run: TargetRun
    seq_value: Pattern
    seq_in_target: Pattern
    unit_separators: Pattern
    unit_suffixes: tuple[str, ...]
    unit_prefixes: tuple[str, ...]


# ------------------------------------------------------------------ claims.yaml

@dataclass(frozen=True)
class Headings:
    part: Pattern
    section: Pattern
    item: Pattern


@dataclass(frozen=True)
class Parts:
    include: tuple[str, ...]
    exclude: tuple[str, ...]


@dataclass(frozen=True)
class Terms:
    seq: str
    ordinal: str
    groups_unit: str


@dataclass(frozen=True, eq=False)
class ClaimRules(BySource):
    headings: Headings
    cell_item: regex.Pattern[str]
    bullet: Pattern
    stop: Pattern
    heading_only_max_chars: int
    parts: Parts
    preamble_key: str
    sentence_end: Pattern
    clause_end: Pattern
    annex_ref: Pattern
    count: Pattern
    approximate: Pattern
    label_filler_before: Pattern
    label_filler_after: Pattern
    remainder: Pattern
    item_unit: str
    groups: Pattern
    total_before: Pattern
    total_after: Pattern
    total_words: tuple[str, ...]
    all_words: Pattern
    share_gap: Pattern
    list_trigger: Pattern
    total_lead: Pattern
    comma_trigger: Pattern
    list_separator: Pattern
    list_last_separator: Pattern
    list_end: Pattern
    list_strip: Pattern
    names_first: Pattern
    names_first_predicate: Pattern
    names_first_gap: int
    single_in_brackets: Pattern
    terms: Terms
    ordinal: Pattern
    ordinal_numeral: Pattern
    rate: Pattern
    rate_word: str
    rate_plus: str
    amount: Pattern
    amount_units: Mapping[str, Decimal]            # unit word -> its value in 元
    share_of: Pattern
    amount_base_min_coverage: float
    own_plan_words: Pattern
    amount_share_before: Pattern
    amount_share_after: Pattern
    amount_word: Pattern
    subject_share: Pattern
    breakdown: Pattern
    partition: Pattern
    partition_strong: Pattern
    inferred_base_max_slip: float
    catch_all: Pattern
    piece_end: Pattern
    remainder_word: Pattern
    each: Pattern
    overlap: Pattern
    label_noise: Pattern
    label_fillers: str
    class_fillers: str
    milestone: Pattern
    another: Pattern
    scope: Pattern
    scope_in_label: Pattern
    generic_base: Pattern
    negated_stem: Pattern
    cell_min_parts: int
    cell_tally_share: float
    run_together: regex.Pattern[str]


# ------------------------------------------------------------------ tolerances.yaml

@dataclass(frozen=True)
class PercentTolerance:
    truncated_severity: Severity
    slack_points: Decimal
    sum_slack_points: Decimal


@dataclass(frozen=True)
class SumTolerance:
    min_parts: int


@dataclass(frozen=True)
class TableTolerance:
    count_only_assessed_rows: bool
    genre_rows_band: int
    genre_rows_share: float


@dataclass(frozen=True)
class LinkingTolerance:
    campaign_min_score: float
    subtable_min_score: float


@dataclass(frozen=True)
class NameTolerance:
    fallback_weight: float
    min_score_same_status: float
    status_margin: float
    min_score: float
    variant_max_changes: int


@dataclass(frozen=True)
class OcrTolerance:
    min_confidence: float


@dataclass(frozen=True)
class Tolerances:
    percent: PercentTolerance
    sums: SumTolerance
    table: TableTolerance
    linking: LinkingTolerance
    names: NameTolerance
    ocr: OcrTolerance


# ------------------------------------------------------------------ document.yaml

@dataclass(frozen=True)
class HeaderWords:
    issuer_endings: tuple[str, ...]
    title_endings: tuple[str, ...]
    title_tails: tuple[str, ...]
    body_starts: tuple[str, ...]
    title_max_chars: int
    addressees_max_chars: int
    addressee_endings: tuple[str, ...]


@dataclass(frozen=True)
class AnnexWords:
    title_suffixes: tuple[str, ...]
    campaign_starts: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRules:
    header: HeaderWords
    annex: AnnexWords
    marks: DocumentMarks
    locators: Locators


# ------------------------------------------------------------------ limits.yaml (read through settings/limits.py)

@dataclass(frozen=True)
class DocxLimits:
    part_max_mb: float
    part_max_ratio: float
    max_table_columns: int
    package_max_mb: float


@dataclass(frozen=True)
class SheetLimits:
    max_cells: int


@dataclass(frozen=True)
class AnnotateLimits:
    align_max_chars: int


@dataclass(frozen=True)
class WorkerLimits:
    memory_mb: int
    min_memory_mb: int


@dataclass(frozen=True)
class ReportLimits:
    max_cell_mb: float
    page_max_mb: float


@dataclass(frozen=True)
class HistoryLimits:
    max_score_cells: int


@dataclass(frozen=True)
class LimitRules:
    docx: DocxLimits
    sheet: SheetLimits
    annotate: AnnotateLimits
    worker: WorkerLimits
    report: ReportLimits
    history: HistoryLimits


# ------------------------------------------------------------------ review.yaml

@dataclass(frozen=True)
class Anchor:
    min_score: float
    max_paragraphs: int
    max_pages: int


@dataclass(frozen=True)
class ReviewRules:
    anchor: Anchor
    author: str
    initials: str
    shown: tuple[Severity, ...]
    severity: Mapping[str, str]                     # severity -> its name for the reader
    templates: Mapping[str, tuple[str, ...]]        # finding kind -> its wordings, the first that fits
    reasons: Mapping[str, str]                      # why a statement was not checked -> the reader's words
    status_names: Mapping[str, str]
    terminal: Mapping[str, Mapping[str, str]]       # language -> the terminal's words
    report: Mapping[str, str]                       # the HTML report's words
    web: Mapping[str, Any]                          # the web page's words (the archive's nested)


# ------------------------------------------------------------------ periods.yaml

@dataclass(frozen=True)
class PeriodPattern:
    kind: str
    regex: Pattern


@dataclass(frozen=True)
class PeriodRules:
    future_days: int
    date: Pattern
    year: Pattern
    patterns: tuple[PeriodPattern, ...]
    first_half: str
    labels: Mapping[str, str]                       # period kind -> its label template


# ------------------------------------------------------------------ history.yaml

@dataclass(frozen=True)
class Replacement:
    pattern: Pattern
    replace: str


@dataclass(frozen=True)
class HistoryWeights:
    target: float
    units: float
    campaign: float
    section: float


@dataclass(frozen=True)
class HistoryRules:
    mask: tuple[Replacement, ...]
    weights: HistoryWeights
    threshold: float
    max_gap: int
    gap_threshold: float
    behind: tuple[str, ...]
    min_run: int


# ------------------------------------------------------------------ ocr.yaml

@dataclass(frozen=True)
class RenderRules:
    dpi: int
    deskew_max_degrees: float
    deskew_step: float


@dataclass(frozen=True)
class EngineRules:
    text_score: float
    det_max_side: int
    dropped_mark_gap: float
    dropped_mark: str
    trailing_marks: str
    threads: int
    det_model: str
    rec_model: str
    worker_memory_mb: int


@dataclass(frozen=True)
class OcrGrid:
    min_horizontal_rule: float
    min_vertical_rule: float
    snap: float
    edge_coverage: float
    min_table_width: float
    min_table_height: float
    min_ink_pixels: int
    ink_threshold: int
    missed_ink_pixels: int
    trailing_ink_pixels: int
    reread_padding: float
    tall_box_factor: float
    line_tolerance: float


@dataclass(frozen=True)
class OcrRepair:
    confusables: tuple[tuple[str, ...], ...]
    min_support: int
    quote_marks: tuple[str, ...]
    unit_max_edits: int
    unit_sure_confidence: float
    status_max_edit_share: float
    punctuation: tuple[Replacement, ...]
    ratio_slash_lookalikes: Pattern


@dataclass(frozen=True)
class OcrRules:
    render: RenderRules
    engine: EngineRules
    grid: OcrGrid
    repair: OcrRepair


# ------------------------------------------------------------------ numbers.yaml

@dataclass(frozen=True)
class NumeralWords:
    digits: tuple[str, ...]
    digit_forms: Mapping[str, str]
    units: Mapping[str, int]
    point: str
    percent: str
    whole: str


@dataclass(frozen=True)
class NumberRules:
    numerals: NumeralWords
    count_units: tuple[str, ...]
    measure_units: tuple[str, ...]
    magnitudes: tuple[str, ...]
    approximate_after: tuple[str, ...]
    count_context: tuple[str, ...]
    count_context_particle: str
    item_units: tuple[str, ...]
    not_count_before: tuple[str, ...]
    among: str
    vague_units: tuple[str, ...]
    set_phrases: tuple[str, ...]
    ordinal_prefix: tuple[str, ...]
    name_openers: tuple[str, ...]


# ------------------------------------------------------------------ building a section

def build_section(cls: type[S], data: Any, where: str) -> S:
    """`data` (a merged, shape-checked rules mapping) as `cls`; a value that is not what the field
    says is a ValueError naming its key path."""
    built: S = _build(cls, data, where)
    return built


def _build(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _build(inner, value, where)
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint, value, where)
    if origin is tuple:
        _expect(value, (list, tuple), "a list", where)
        item = args[0]
        return tuple(_build(item, v, f"{where} item {v!r}") for v in value)
    if origin is regex.Pattern:
        return regex.compile(value if isinstance(value, Pattern) else checked_pattern(value, where))
    if origin is Mapping:
        _expect(value, dict, "a mapping", where)
        return {str(k): _build(args[1], v, f"{where} {k}") for k, v in value.items()}
    return _scalar(hint, value, where)


def _dataclass(cls: Any, value: Any, where: str) -> Any:
    _expect(value, dict, "a mapping", where)
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    for key in value:
        if key not in hints:
            raise ValueError(f"{where}: unknown key {key!r}")
    for name in names:
        if name not in value:
            raise ValueError(f"{where}: missing key {name!r}")
    built = {name: _build(hints[name], value[name], f"{where} {name}") for name in names}
    try:
        return cls(**built)
    except ValueError as exc:     # a section that checks its values together (document.yaml locators)
        raise ValueError(f"{where} {exc}") from None


def _scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is Any:
        return value
    if hint is Pattern:
        # the shipped file's `!re` values were compiled as they were read; a county's plain text is checked here
        return value if isinstance(value, Pattern) else checked_pattern(value, where)
    if hint is bool:
        _expect(value, bool, "true or false", where)
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: must be a whole number (not {value!r})")
        return value
    if hint is float or hint is Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}: must be a number (not {value!r})")
        # 70 in the file is the number the field says: 70.0, or Decimal("70") for a percent slack
        return float(value) if hint is float else Decimal(str(value))
    if hint is str:
        _expect(value, str, "a text", where)
        return value
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in hint)
            raise ValueError(f"{where}: must be one of {choices} (not {value!r})") from None
    raise TypeError(f"{where}: no way to build a {hint!r}")   # a field type this module does not know


def _expect(value: Any, kinds: type | tuple[type, ...], name: str, where: str) -> None:
    if not isinstance(value, kinds):
        raise ValueError(f"{where}: must be {name} (not {value!r})")
