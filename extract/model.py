"""The typed records that pass between the pipeline's stages.

Data flows one way: readers -> segment -> tables -> records -> claims -> checks -> export.
Every record carries where it came from (page for PDFs, a locator such as "第12段" for DOCX)
so that a finding can always say where to look.
"""
from __future__ import annotations

from dataclasses import dataclass, field


# --- reader output -------------------------------------------------------------------------

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
    raw: str | None = None            # the OCR text before `extract.ocr_repair` changed it; None: unchanged


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
    ocr_pages: tuple[int, ...] = ()        # pages read by OCR (no text layer, or --ocr always)


# --- segmentation --------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    issuer: str = ""
    doc_number: str = ""
    title: str = ""
    date: str = ""


@dataclass
class Annex:
    no: int
    title: str                    # 凤凰县打好经济增长主动仗重要指标监测表
    campaign: str                 # 打好经济增长主动仗
    filler_unit: str = ""         # 填报单位
    filler_person: str = ""       # 填报人
    page: int | None = None
    locator: str = ""
    fragments: list[Grid] = field(default_factory=list)     # table fragments in page order
    captions: list[tuple[int, str]] = field(default_factory=list)  # (index of next fragment, text) for sub-table titles between fragments
    text_around: list[tuple[bool, bool]] = field(default_factory=list)  # per fragment: running text above / below it on its page


@dataclass
class Segmented:
    header: Header
    narrative: list[TextLine]
    annexes: list[Annex]


# --- tables -> records ---------------------------------------------------------------------

@dataclass
class AnnexTable:
    """A logical table of an annex with its columns mapped to canonical roles."""

    annex_no: int
    campaign: str
    name: str                     # sub-table name ("" when the annex has one table)
    grid: Grid
    columns: list[str]            # flattened header text per column
    roles: dict[str, list[int]]   # canonical role -> column indexes (target may span several)


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
    status: str
    page_start: int | None
    page_end: int | None
    locator: str = ""
    # OCR only (all empty for a text layer): the lowest recognition score of the record's cells,
    # per field, and the text of each field as OCR read it before repair
    min_confidence: float | None = None
    confidence: tuple[tuple[str, float], ...] = ()    # (field, lowest score)
    raw_ocr: tuple[tuple[str, str], ...] = ()          # (field, OCR text before repair)


@dataclass(frozen=True)
class Claim:
    """One counted part of a narrative statement (or of a summary sentence in a table cell)."""

    file: str
    section: str                  # "(一)", "(六)1"
    campaign: str
    annex_no: int | None
    label: str                    # 已完成年度任务 / 共有重点监测指标 / 未完成时序进度的指标分别为
    status: str                   # canonical status of the part; "total" for the total; "" for none
    count: int | None
    total: int | None
    percent_raw: str
    percent: float | None         # a fraction: 0.025
    text: str                     # the sentence
    page: int | None
    locator: str = ""
    names: tuple[str, ...] = ()   # for named lists
    kind: str = "part"            # total | part | names | all | cell


@dataclass(frozen=True)
class Finding:
    file: str
    kind: str
    severity: str                 # error | warning
    annex_no: int | None
    campaign: str
    detail: str
    page: int | None
    locator: str = ""
    section: str = ""
    sentence: str = ""            # the statement the finding is about, for the report


@dataclass
class BulletinResult:
    file: str
    sha256: str
    pages: int
    header: Header
    indicators: list[Indicator]
    claims: list[Claim]
    findings: list[Finding]
    status: str = "ok"            # ok | skipped | error
    error: str = ""
    ocr_pages: int = 0            # pages read by OCR


class BulletinError(Exception):
    """A document that cannot be read; the message is the one-line reason shown to the user."""


class NotABulletin(Exception):
    """A readable document that is not a bulletin (no 附件 tables): status=skipped."""
