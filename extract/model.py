"""The typed records that pass between the pipeline's stages.

Data flows one way: readers -> segment -> tables -> records -> claims -> checks -> export.
Every record carries where it came from (page for PDFs, a locator such as "第12段" for DOCX)
so that a finding can always say where to look.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

# --- value types ---------------------------------------------------------------------------


class Status(StrEnum):
    """An indicator's assessed progress (the 备注 / 进展评价 cell, or a narrative label)."""

    COMPLETED = "completed"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    PREPARING = "preparing"
    UNASSIGNED = "unassigned"
    UNKNOWN = "unknown"


class TotalKind(StrEnum):
    """What a total claim counts: items (项) or groups (件, "共10件30项")."""

    TOTAL = "total"
    GROUPS = "total_groups"


class ClaimKind(StrEnum):
    TOTAL = "total"      # 共有重点监测指标40项
    PART = "part"        # 已完成年度任务1项
    ALL = "all"          # 均有序推进: one part whose count is the total
    NAMES = "names"      # 未完成时序进度的指标分别为A、B
    CELL = "cell"        # a count printed inside a table cell (任务清单)
    ITEMS = "items"      # items named by number: 第1件、第17、18件……进展滞后
    RATE = "rate"        # 办结率95.8%: a share whose count is a part of the statement
    AMOUNT = "amount"    # 完成投资4.28亿元，占年度计划的24.2%


class Severity(StrEnum):
    ERROR = "error"      # the document contradicts itself
    WARNING = "warning"  # probably a slip (a cut share, a misspelt name, a renamed campaign)
    INFO = "info"        # not a problem of the document: a check not run, words not understood


class FindingKind(StrEnum):
    PERCENT_MISMATCH = "percent_mismatch"
    PERCENT_TRUNCATED = "percent_truncated"
    SUM_MISMATCH = "sum_mismatch"
    TOTAL_VS_TABLE = "total_vs_table"
    COUNT_VS_TABLE = "count_vs_table"
    NAMED_ITEM_STATUS = "named_item_status"
    NAMED_ITEM_MISSING = "named_item_missing"
    NAME_NOT_FOUND = "name_not_found"
    NAME_VARIANT = "name_variant"
    CAMPAIGN_NAME_DRIFT = "campaign_name_drift"
    UNCHECKED = "unchecked"                    # info: a check not run, and why
    UNKNOWN_STATUS_WORDS = "unknown_status_words"   # info: status words not understood


class Unchecked(StrEnum):
    """Why a statement was not checked (an UNCHECKED finding's `reason`): each has its wording for the
    reader in review.yaml `reasons`, beside the English `detail` with the figures."""

    RATE_NO_COUNT = "rate_no_count"                    # a rate, and no count of what it counts
    PART_OF_PART = "part_of_part"                      # a share of a part of another part: its base unsure
    NO_TOTAL = "no_total"                              # a share, and no total in its unit
    RATE_COUNTS_UNSURE = "rate_counts_unsure"          # another reading of a rate's counts gives its share
    NOT_READ_WHOLE = "not_read_whole"                  # the statement was not read whole
    PARTS_NOT_EXHAUSTIVE = "parts_not_exhaustive"      # nothing says the parts make up the total
    AMOUNT_BASE_UNSURE = "amount_base_unsure"          # which amount a share is of
    NO_NUMBERED_TABLE = "no_numbered_table"            # items named by number, no table numbers its rows
    TABLE_LISTS_OTHER = "table_lists_other"            # the linked table lists other things than counted
    TOTAL_SCOPE_UNSURE = "total_scope_unsure"          # rows or the items the cells count: neither fits
    ROWS_WITHOUT_STATUS = "rows_without_status"        # the total may leave out rows without a status
    COLUMN_UNSURE = "column_unsure"                    # a column the check rests on was not read surely
    STATUS_WORDS_UNKNOWN = "status_words_unknown"      # rows whose status words were not understood
    NO_TABLE_LINKED = "no_table_linked"                # names, and no annex table for their section
    LIST_STATUS_UNKNOWN = "list_status_unknown"        # names, and the status their list says not read
    OCR_DOUBT = "ocr_doubt"                            # OCR read the figures with low confidence
    NOT_FULLY_READ = "not_fully_read"                  # part of the file was not read (a limit)
    TABLE_NOT_READ = "table_not_read"                  # a table outside every annex
    OUT_OF_RANGE = "out_of_range"                      # a figure too large to be a count


class Reader(StrEnum):
    """How a PDF's pages are parsed (`--reader`)."""

    PDFIUM = "pdfium"           # pdfium's chars and segments, as pdfplumber reports them (fast)
    PDFPLUMBER = "pdfplumber"   # pdfminer through pdfplumber (the same records, slower)


class Engine(StrEnum):
    """Which finder turns a page's ruling into table cells (`--engine`)."""

    PDFPLUMBER = "pdfplumber"   # ruling lines, as pdfplumber's "lines" strategy
    CAMELOT = "camelot"         # camelot lattice


class OcrMode(StrEnum):
    """Which PDF pages are read by OCR (`--ocr`)."""

    AUTO = "auto"       # pages without a text layer
    ALWAYS = "always"   # every page
    NEVER = "never"     # none


E = TypeVar("E", bound=StrEnum)


def member(kind: type[E], value: str, what: str) -> E:
    """The member of `kind` a text names; any other text is a ValueError with one line."""
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"unknown {what} {value!r} (choose from {', '.join(kind)})") from None


@dataclass(frozen=True)
class ReadChoice:
    """How a file is read: the table engine, the PDF reader and which PDF pages are read by OCR.
    These are the run's defaults (the command line's and `BatchOptions`' too); a text naming a
    member is taken for it, any other is a ValueError with one line."""

    engine: Engine = Engine.PDFPLUMBER
    reader: Reader = Reader.PDFIUM
    ocr: OcrMode = OcrMode.AUTO

    def __post_init__(self) -> None:
        # frozen: the member replaces its text
        object.__setattr__(self, "engine", member(Engine, self.engine, "engine"))
        object.__setattr__(self, "reader", member(Reader, self.reader, "reader"))
        object.__setattr__(self, "ocr", member(OcrMode, self.ocr, "OCR mode"))

    @classmethod
    def named(cls, engine: str, reader: str, ocr: str) -> ReadChoice:
        """From the modes' names (the Python API's and the command line's texts)."""
        return cls(engine, reader, ocr)   # type: ignore[arg-type]  # __post_init__ makes them members


class ResultStatus(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"   # readable, but not a bulletin
    ERROR = "error"


class Role(StrEnum):
    """What a column of an annex table holds (rules/columns.yaml explains each)."""

    SEQ = "seq"
    SECTION = "section"
    TARGET = "target"
    TARGET_GOAL = "target_goal"
    UNITS = "units"
    MEASURE_UNIT = "measure_unit"
    PLANNED = "planned"
    FUNDS = "funds"
    PROGRESS = "progress"
    COMPLETION = "completion"
    STATUS = "status"


class SectionKey(str):
    """A narrative section: "(一)", or an item inside one: "(六)1".

    A str (it is written to CSV as printed) that knows its parts, so no caller parses it.
    """

    __slots__ = ()

    @classmethod
    def of(cls, section: str, item: int | None = None) -> SectionKey:
        return cls(f"{section}{item}" if item is not None else section)

    @property
    def parent(self) -> SectionKey:
        """The section an item belongs to ("(六)" for "(六)1"); a section is its own parent."""
        return SectionKey(self.section.rstrip("0123456789"))

    @property
    def is_item(self) -> bool:
        return self.section != self.parent

    @classmethod
    def statement_of(cls, section: str, statement: int) -> SectionKey:
        """The key of one statement of a section (claims are checked per statement); statement 0 is
        the section itself, the one its linked table speaks for."""
        return cls(f"{section}#{statement}" if statement else section)

    @property
    def section(self) -> SectionKey:
        """The section a statement key belongs to (itself for a section): what a reader is shown."""
        return SectionKey(self.partition("#")[0])

    @property
    def is_later_statement(self) -> bool:
        return "#" in self


# --- reader output -------------------------------------------------------------------------

# A word as pdfplumber reports it: text, x0, x1, top, bottom (PDF points), and per reader upright
# and chars (a text layer) or confidence (OCR). The readers hand them to the table finder.
Word = dict[str, Any]


@dataclass(frozen=True)
class TextLine:
    """One line (PDF) or paragraph (DOCX) of running text outside tables."""

    text: str
    page: int | None          # 1-based page number; None for DOCX (no pages)
    locator: str              # human location: "第3页" or "第12段"
    confidence: float | None = None   # lowest OCR score of the line's words (0-1); None: a text layer


@dataclass(frozen=True)
class GridCell:
    """One position of a table grid.

    A merged cell occupies several positions; all of them carry the same `origin`
    (row, col of the merged cell's top-left position), so a consumer can tell a
    vertically merged cell (same origin as the cell above) from a blank one.
    """

    text: str
    origin: tuple[int, int]
    page: int | None = None
    confidence: float | None = None   # lowest OCR score of the cell's words (0-1); None: a text layer
    raw: str | None = None            # the OCR text before `extract.ocr.repair` changed it; None: unchanged


@dataclass
class Grid:
    """A ruled table as a full rectangle of GridCells.

    From a reader: one fragment (the part of a table on one page; a whole table for DOCX).
    After stitching: one logical table, header rows split off into `header`.
    """

    rows: list[list[GridCell]]
    row_pages: list[tuple[int | None, int | None]]   # (first page, last page) of each row
    row_locators: list[str]                          # "第5页" / "表3第7行"
    header: list[list[GridCell]] = field(default_factory=list)
    col_edges: tuple[float, ...] = ()                # x positions of column boundaries (PDF only)
    bbox: tuple[float, float, float, float] | None = None   # (x0, top, x1, bottom) on its page

    @property
    def n_cols(self) -> int:
        return len(self.rows[0]) if self.rows else (len(self.header[0]) if self.header else 0)

    @property
    def page_start(self) -> int | None:
        pages = [p for pair in self.row_pages for p in pair if p is not None]
        return min(pages) if pages else None

    @property
    def page_end(self) -> int | None:
        pages = [p for pair in self.row_pages for p in pair if p is not None]
        return max(pages) if pages else None


@dataclass
class Document:
    """What a reader returns: running text and table fragments, in reading order."""

    path: str
    kind: str                              # "pdf" | "docx"
    pages: int                             # 0 for DOCX
    blocks: list[TextLine | Grid]
    page_heights: list[float] = field(default_factory=list)   # PDF points, page 1 first
    notes: list[str] = field(default_factory=list)   # one-line remarks of the reader (a page skipped, ...)
    ocr_pages: tuple[int, ...] = ()        # pages read by OCR (no text layer, or --ocr always)


# --- segmentation --------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    issuer: str = ""
    doc_number: str = ""
    title: str = ""
    date: str = ""
    period_start: str = ""        # ISO dates of the period reported on (extract/chinese/period.py)
    period_end: str = ""
    period_label: str = ""        # 2023年第三季度
    period_evidence: str = ""     # title | title+date | title+doc_number | date | doc_number | ""


@dataclass
class Annex:
    no: int
    title: str                    # 凤凰县打好经济增长主动仗重要指标监测表
    campaign: str                 # 打好经济增长主动仗
    page: int | None = None
    locator: str = ""
    fragments: list[Grid] = field(default_factory=list)     # table fragments in page order
    # (index of the next fragment, text): sub-table titles before or between fragments
    captions: list[tuple[int, str]] = field(default_factory=list)
    # per fragment: running text above / below it on its page
    text_around: list[tuple[bool, bool]] = field(default_factory=list)
    attached: bool = False        # came as a file beside the draft (check --annex): the writer says it belongs


@dataclass
class Segmented:
    header: Header
    narrative: list[TextLine]
    annexes: list[Annex]


# --- tables -> records ---------------------------------------------------------------------

@dataclass(frozen=True)
class RoleChoice:
    """One role of a table's column mapping and why it was chosen."""

    role: Role
    columns: tuple[int, ...]      # the target may span a run of columns
    header: str                   # the (lowest) header text of the first column
    evidence: str                 # "header+content", "header", "content", … (", ambiguous")
    confidence: float             # 0..1


@dataclass(frozen=True)
class TableMapping:
    """How one annex table's columns were read: shown in tables.csv, trusted (or not) by checks."""

    columns: tuple[str, ...]      # flattened header text per column
    choices: tuple[RoleChoice, ...]
    min_confidence: float         # below this a role is uncertain (rules/columns.yaml)
    annex_no: int = 0
    table_no: int = 0
    name: str = ""
    n_rows: int = 0
    page_start: int | None = None
    page_end: int | None = None

    @property
    def roles(self) -> dict[Role, list[int]]:
        return {c.role: list(c.columns) for c in self.choices}

    def choice(self, role: Role) -> RoleChoice | None:
        return next((c for c in self.choices if c.role is role), None)

    def is_certain(self, role: Role) -> bool:
        """The role was found, and well enough to check the document against it."""
        c = self.choice(role)
        return c is not None and c.confidence >= self.min_confidence

    @property
    def confidence(self) -> float:
        """The weakest of the roles records and checks rest on (target, status)."""
        found = [c.confidence for c in self.choices if c.role in (Role.TARGET, Role.STATUS)]
        return min(found) if found else 0.0


@dataclass
class AnnexTable:
    """A logical table of an annex with its columns mapped to canonical roles."""

    annex_no: int
    campaign: str
    name: str                     # sub-table name ("" when the annex has one table)
    grid: Grid
    mapping: TableMapping
    table_no: int = 0

    @property
    def roles(self) -> dict[Role, list[int]]:
        return self.mapping.roles


@dataclass(frozen=True)
class Indicator:
    file: str
    annex_no: int
    campaign: str
    section: str
    seq: str
    target: str
    responsible_units: tuple[str, ...]
    progress: str
    completion_raw: str
    completion_ratio: float | None
    status_raw: str
    status: Status
    page_start: int | None
    page_end: int | None
    locator: str = ""
    table_no: int = 0             # which logical table of its annex (0-based): its column mapping is in tables.csv
    # OCR only (all empty for a text layer): the lowest recognition score of the record's cells,
    # per field, and the text of each field as OCR read it before repair
    min_confidence: float | None = None
    confidence: tuple[tuple[str, float], ...] = ()    # (field, lowest score)
    raw_ocr: tuple[tuple[str, str], ...] = ()          # (field, OCR text before repair)


@dataclass(frozen=True)
class Claim:
    """One counted part of a narrative statement (or of a summary sentence in a table cell)."""

    file: str
    section: SectionKey           # "(一)", "(六)1"
    campaign: str
    annex_no: int | None
    label: str                    # 已完成年度任务 / 共有重点监测指标 / 未完成时序进度的指标分别为
    status: Status | TotalKind | None   # a Status for parts and lists; a TotalKind for totals; None when not
                                        # understood (or a rate, an amount: no status), written as ""
    count: int | None
    total: int | None
    percent_raw: str
    percent: float | None         # a fraction: 0.025
    text: str                     # the sentence
    page: int | None
    locator: str = ""
    names: tuple[str, ...] = ()   # for named lists
    kind: ClaimKind = ClaimKind.PART
    confidence: float | None = None   # the lowest OCR score of its sentence; None: a text layer
    # which statement of its section (a total and the counts after it; a genre section may hold
    # several: 确定事项44项，完成43项；第八次常务会确定事项38项……)
    statement: int = 0
    unit: str = ""                # 项 / 件 / 个 / 处 … (亿元 for an amount)
    amount_raw: str = ""          # AMOUNT: the amount as printed (4.28亿元)
    base_raw: str = ""            # AMOUNT: the amount its share is of, as printed (17.68亿元)
    genre: bool = False           # read from a genre section (any kind of bulletin), not a campaign section
    sub_part: bool = False        # breaks down the part before it (已办结20件，其中按期办结18件): no part of the total
    exhaustive: bool = False      # genre sections: the text says its run covers its base (其余N件 / 其他类 / 按类型分：/
                                  # statuses done and not done), so the run must add up to it
    run: int = -1                 # genre sections: the classification (run of sibling counts) it is a member of

    @property
    def status_text(self) -> str:
        """The status as the outputs and details write it: "" when there is none."""
        return "" if self.status is None else self.status.value


@dataclass(frozen=True)
class Finding:
    file: str
    kind: FindingKind
    severity: Severity
    annex_no: int | None
    campaign: str
    detail: str
    page: int | None
    locator: str = ""
    section: str = ""
    sentence: str = ""            # the statement the finding is about, for the report
    # the numbers behind `detail`, for messages in other words (annotated drafts, HTML report)
    label: str = ""               # the claim's wording: 已完成年度任务, 共有重点监测指标
    stated: str = ""              # what the document says ("22.3%", "17", "大唐领域"), when one value is at stake
    computed: str = ""            # what the tables or arithmetic give ("22.2%", "16", "大唐领御", a row's status)
    basis: str = ""               # how `computed` was found: 4/18, 2 + 9 + 4, the matching row
    unit: str = ""                # what stated and computed count, when they are bare counts (项, 件, 个)
    reason: Unchecked | None = None   # why an UNCHECKED finding's statement was not checked


@dataclass(frozen=True)
class Coverage:
    """What the checks could do with the narrative: its counted statements (claims) and how many of
    them were compared with a table, with the document's other figures alone, or with nothing."""

    statements: int = 0
    table: int = 0
    arithmetic: int = 0
    unchecked: int = 0

    @property
    def checked(self) -> int:
        return self.table + self.arithmetic


@dataclass
class BulletinResult:
    file: str
    sha256: str
    pages: int
    header: Header
    indicators: list[Indicator]
    claims: list[Claim]
    findings: list[Finding]
    status: ResultStatus = ResultStatus.OK
    error: str = ""
    tables: list[TableMapping] = field(default_factory=list)   # how each annex table's columns were read
    # the error says something about this run (a timeout, a crash, a memory limit, a bug), not
    # about the file: never cached, so the next run tries the file again
    transient: bool = False
    ocr_pages: int = 0            # pages read by OCR
    coverage: Coverage = field(default_factory=Coverage)


@dataclass
class Annotated:
    """What `check --annotate` wrote: a copy of the input with its findings marked in it."""

    path: str
    marks: int = 0                                            # comments (draft) / highlighted findings (PDF)
    approximate: list[Finding] = field(default_factory=list)  # sentence not found: on its paragraph or page top


class BulletinError(Exception):
    """A document that cannot be read; the message is the one-line reason shown to the user."""

