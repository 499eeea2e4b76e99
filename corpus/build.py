"""Build the sample corpus: corpus/sources/NAME.yaml -> .docx, .pdf, scanned .pdf and truth .json.

    python corpus/build.py                 # every source in corpus/sources/
    python corpus/build.py NAME [NAME ...] # only these (a NAME may also be a path to a .yaml file)
    python corpus/build.py --no-pdf NAME   # docx + truth only (no LibreOffice needed)
    python corpus/build.py --scan-only     # scanned copies only, from the PDFs already built
    python corpus/build.py --out DIR PATH  # write docx/ pdf/ scan/ truth/ under DIR instead of corpus/
    python corpus/build.py --no-variants   # no layout variants (variants/)

The source format is described in corpus/SCHEMA.md. The truth derivation in `truth_for` is the
mapping contract of ../shared/conventions.md applied to the clean cells of a source; the renderer
(`render_docx`) imitates a county office's Word/WPS file so that the PDF LibreOffice makes of it has
the features the extractor must cope with: ruled tables, merged cells, header rows repeated on every
page, rows split by page breaks, landscape annex sections.

Only the standard library, python-docx, PyYAML and (for scans) pypdfium2 + Pillow are used; the
package `extract` is deliberately not imported so that the corpus is independent of the code it tests.
"""
from __future__ import annotations

import argparse
import copy
import datetime as _dt
import functools
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent
REPO = CORPUS.parent
VOCABULARY = CORPUS / "vocabulary.yaml"   # the corpus's own status words (never the tool's)

MERGE_LEFT = "<"   # cell merged with the cell on its left
MERGE_UP = "^"     # cell merged with the cell above

# Fixed metadata so that rebuilding an unchanged source gives byte-identical .docx files.
FIXED_TIME = _dt.datetime(2023, 5, 12, 9, 0, 0)
FIXED_AUTHOR = "县政府督查室"

# Fonts (family names as fontconfig reports them; LibreOffice resolves them the same way).
FONT_BODY = "AR PL UMing CN"        # Song/Ming style: body text and table cells
FONT_TITLE = "Noto Serif CJK SC"    # bold Song: masthead, title, header cells
FONT_HEI = "Noto Sans CJK SC"       # Hei: "一、" headings and the "附件N：" line


# =============================================================================================
# Loading and validating a source
# =============================================================================================

def load_source(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as f:
        source = yaml.safe_load(f)
    validate_source(source, str(path))
    return source


def _is_title_row(row) -> bool:
    return isinstance(row, dict) and "title" in row


def annex_no(annex: dict) -> int | None:
    """The annex number. `no: 1` unquoted is the boolean False to PyYAML (YAML 1.1 reads no/yes/
    on/off as booleans), so a source written as SCHEMA.md shows has the key False, not "no"."""
    for key in ("no", False):
        if key in annex and annex[key] is not None and not isinstance(annex[key], bool):
            return int(annex[key])
    return None


def table_ncols(table: dict) -> int:
    if table.get("widths"):
        return len(table["widths"])
    if table.get("header"):
        return len(table["header"][0])
    for row in table.get("rows") or []:
        if not _is_title_row(row):
            return len(row)
    raise ValueError("table without widths, header or rows")


def _target_cols(roles: dict) -> list[int]:
    t = roles.get("target")
    if t is None:
        return []
    return [t] if isinstance(t, int) else list(t)


def validate_source(source: dict, where: str = "source") -> None:
    """Raise ValueError with a precise message for a malformed source (the renderer and the truth
    would otherwise fail far from the cause, or silently produce a wrong grid)."""
    for key in ("name", "header", "annexes"):
        if key not in source:
            raise ValueError(f"{where}: missing key {key!r}")
    for a_i, annex in enumerate(source["annexes"]):
        if annex_no(annex) is None:
            raise ValueError(f"{where}: annex #{a_i + 1}: missing key 'no'")
        for key in ("title", "tables"):
            if key not in annex:
                raise ValueError(f"{where}: annex #{a_i + 1}: missing key {key!r}")
        for t_i, table in enumerate(annex["tables"]):
            here = f"{where}: annex {annex_no(annex)} table {t_i + 1}"
            n = table_ncols(table)
            header = table.get("header") or []
            rows = table.get("rows") or []
            for r_i, row in enumerate(header):
                if not isinstance(row, list) or len(row) != n:
                    raise ValueError(f"{here}: header row {r_i + 1} has {len(row)} cells, expected {n}")
            for r_i, row in enumerate(rows):
                if _is_title_row(row):
                    continue
                if not isinstance(row, list):
                    raise ValueError(f"{here}: row {r_i + 1} is neither a list nor {{title: ...}}")
                if len(row) != n:
                    raise ValueError(f"{here}: row {r_i + 1} has {len(row)} cells, expected {n}: {row!r}")
            roles = table.get("roles") or {}
            cols = _target_cols(roles)
            for key in ("seq", "units", "progress", "completion", "status", "section", "target_goal"):
                v = roles.get(key)
                if v is not None:
                    cols.append(v)
            for c in cols:
                if not isinstance(c, int) or not 0 <= c < n:
                    raise ValueError(f"{here}: role column {c!r} out of range 0..{n - 1}")
            # the merge markers must be resolvable (raises with the position otherwise)
            grid_origins(_layout_rows(table), here)


def _layout_rows(table: dict) -> list[list[str]]:
    """All rows of a table as drawn: header rows, the name row (when the name is printed inside
    the table), body rows; a title row becomes [X, "<", "<", ...]."""
    n = table_ncols(table)
    out = [["" if c is None else str(c) for c in row] for row in (table.get("header") or [])]
    if table.get("name") and not table.get("caption"):
        out.append([str(table["name"])] + [MERGE_LEFT] * (n - 1))
    for row in table.get("rows") or []:
        if _is_title_row(row):
            out.append([str(row["title"])] + [MERGE_LEFT] * (n - 1))
        else:
            out.append(["" if c is None else str(c) for c in row])
    return out


def grid_origins(rows: list[list[str]], where: str = "table") -> list[list[tuple[int, int]]]:
    """The top-left position of the merged cell each position belongs to.

    "<" takes the origin of the cell on its left, "^" that of the cell above; every other cell is
    its own origin. Raises ValueError when a marker points outside the table or when the cells of
    one origin do not form a rectangle (Word cannot draw that)."""
    origins: list[list[tuple[int, int]]] = []
    for r, row in enumerate(rows):
        line = []
        for c, text in enumerate(row):
            if text == MERGE_LEFT:
                if c == 0:
                    raise ValueError(f"{where}: row {r + 1} col 1 is '<' (nothing on its left)")
                line.append(line[c - 1])
            elif text == MERGE_UP:
                if r == 0:
                    raise ValueError(f"{where}: row 1 col {c + 1} is '^' (nothing above)")
                line.append(origins[r - 1][c])
            else:
                line.append((r, c))
        origins.append(line)
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r, line in enumerate(origins):
        for c, o in enumerate(line):
            spans.setdefault(o, []).append((r, c))
    for o, cells in spans.items():
        r0 = min(p[0] for p in cells)
        r1 = max(p[0] for p in cells)
        c0 = min(p[1] for p in cells)
        c1 = max(p[1] for p in cells)
        if (r0, c0) != o or len(cells) != (r1 - r0 + 1) * (c1 - c0 + 1):
            raise ValueError(f"{where}: merged cell starting at row {o[0] + 1} col {o[1] + 1} "
                             f"is not a rectangle")
    return origins


# =============================================================================================
# Truth
# =============================================================================================
# Deliberately independent of extract/: the truth must not be derived by the code it scores, so
# the few rules both need (campaign from the title, percent, status vocabulary) are written here
# again, on clean source cells, in their simplest form.

_CAMPAIGN_SUFFIX = re.compile(r"(?:\(\d+\)|（\d+）)?\s*$")
_CAMPAIGN_TABLE = re.compile(r"(?:重要指标监测表|指标监测表|监测表)$")
_PLACE_PREFIX = re.compile(r"^.{1,8}?[县市区]")
_PERCENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")
_SEQ_IN_TARGET = re.compile(r"^\s*(\d+)\s*、\s*")
_UNIT_SPLIT = re.compile(r"[、，,；;\n\r]+")


def campaign_of(annex_title: str) -> str:
    """凤凰县打好经济增长主动仗重要指标监测表(1) -> 打好经济增长主动仗.

    The campaign is what the annex title says between the place name and 监测表: a "(1)" numbering of
    a multi-part annex and the table word are dropped; when the campaign is an 打好…仗 one, it starts
    at 打好 (which also removes any place prefix); otherwise a leading XX县/XX市/XX区 is removed."""
    t = _CAMPAIGN_SUFFIX.sub("", annex_title.strip())
    t = _CAMPAIGN_TABLE.sub("", t).strip()
    i = t.find("打好")
    if i >= 0:
        return t[i:]
    return _PLACE_PREFIX.sub("", t, count=1)


def parse_percent(text: str) -> float | None:
    """"12.40%" -> 0.124; anything that is not a percentage as a whole -> None.
    Decimal keeps 12.40/100 from becoming 0.12400000000000001."""
    m = _PERCENT.match(text or "")
    if not m:
        return None
    try:
        return float(Decimal(m.group(1)) / Decimal(100))
    except InvalidOperation:
        return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@functools.lru_cache(maxsize=None)
def status_vocabulary(path: str | Path = VOCABULARY) -> tuple[tuple[str, str], ...]:
    """(normalised phrase, status) pairs of corpus/vocabulary.yaml, longest phrase first."""
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    pairs = [(_norm(p), status) for status, phrases in data["statuses"].items() for p in phrases]
    pairs.sort(key=lambda p: -len(p[0]))     # stable: equal lengths keep the file's order
    return tuple(pairs)


def status_of(status_raw: str) -> str:
    """corpus/vocabulary.yaml applied to a 备注 cell: after NFKC and whitespace removal, the longest phrase
    that the text equals or starts with; nothing (or an empty cell) -> unknown."""
    text = _norm(status_raw)
    if not text:
        return "unknown"
    for phrase, status in status_vocabulary():
        if phrase and text.startswith(phrase):
            return status
    return "unknown"


def split_units(text: str) -> list[str]:
    """县发改局、县农业农村局 -> [县发改局, 县农业农村局]; also ，,；; and line breaks."""
    return [p.strip() for p in _UNIT_SPLIT.split(text or "") if p.strip()]


def _join_distinct(values) -> str:
    """The distinct non-empty values, in order, joined by a line break (a record of several rows)."""
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return "\n".join(out)


def resolve_rows(rows: list) -> tuple[list, list]:
    """Body rows with merge markers replaced by values.

    Returns (resolved, kinds): resolved[r] is a list of texts ("^" = value above, "<" = value on
    the left) or the title dict unchanged; kinds[r][c] is "" for an own cell, "^" or "<" for an
    inherited one. A "^" directly under a title row, or in the first row, is an error."""
    resolved: list = []
    kinds: list = []
    for r, row in enumerate(rows):
        if _is_title_row(row):
            resolved.append(row)
            kinds.append(None)
            continue
        vals: list[str] = []
        ks: list[str] = []
        for c, cell in enumerate(row):
            cell = "" if cell is None else str(cell)
            if cell == MERGE_UP:
                if r == 0 or kinds[r - 1] is None:
                    raise ValueError(f"body row {r + 1} col {c + 1}: '^' with no body row above")
                vals.append(resolved[r - 1][c])
                ks.append(MERGE_UP)
            elif cell == MERGE_LEFT:
                if c == 0:
                    raise ValueError(f"body row {r + 1} col 1: '<' with no cell on the left")
                vals.append(vals[c - 1])
                ks.append(MERGE_LEFT)
            else:
                vals.append(cell)
                ks.append("")
        resolved.append(vals)
        kinds.append(ks)
    return resolved, kinds


def _row_target_col(row: list[str], raw: list, tcols: list[int]) -> int | None:
    """The column giving a row's target: the rightmost target column that is non-empty and whose
    value is not just the value of a target column on its left carried over by "<" (a cell merged
    across 考核指标 columns has its text in the leftmost one; a sub-indicator column that has its own
    text is the most specific description of the indicator). Skipping a "<" copy gives the same
    text as the cell it copies, so this only makes explicit *which* cell is the target: the one
    that owns the text (whose merge group the target_goal rule looks at)."""
    tset = set(tcols)
    for c in sorted(tcols, reverse=True):
        if not row[c]:
            continue
        if raw[c] == MERGE_LEFT:
            # follow the "<" chain to the cell that owns the text
            o = c
            while o > 0 and raw[o] == MERGE_LEFT:
                o -= 1
            if o in tset and o < c:
                continue
        return c
    return None


def table_records(table: dict, annex_no: int, campaign: str) -> list[dict]:
    """The indicator records of one table (see the module docstring of corpus/SCHEMA.md)."""
    roles = table.get("roles") or {}
    tcols = _target_cols(roles)
    seq_col = roles.get("seq")
    key_col = seq_col if seq_col is not None else (tcols[0] if tcols else None)
    status_col = roles.get("status")
    rows = table.get("rows") or []
    resolved, kinds = resolve_rows(rows)
    # origins of the body cells (for the target_goal rule: which rows share one name cell)
    body_layout = [[str(row["title"])] + [MERGE_LEFT] * (table_ncols(table) - 1)
                   if _is_title_row(row) else ["" if c is None else str(c) for c in row]
                   for row in rows]
    origins = grid_origins(body_layout, "body") if rows else []

    # 1. group body rows into records, remembering the section in force for each record
    groups: list[tuple[str, list[int]]] = []
    title_section: str | None = None
    prev_was_body = False
    for r, row in enumerate(rows):
        if _is_title_row(row):
            title_section = str(row["title"])    # a section-title row is not a record
            prev_was_body = False
            continue
        raw = row
        continues = (prev_was_body and key_col is not None and raw[key_col] == MERGE_UP
                     and (status_col is None or raw[status_col] == MERGE_UP))
        if continues:
            groups[-1][1].append(r)
        else:
            groups.append((title_section, [r]))
        prev_was_body = True

    record_of_row = {r: i for i, (_, rs) in enumerate(groups) for r in rs}

    def cell(r: int, role: str) -> str:
        c = roles.get(role)
        return resolved[r][c] if c is not None else ""

    records = []
    for title_sec, rs in groups:
        # target, row by row
        targets = []
        for r in rs:
            c = _row_target_col(resolved[r], rows[r], tcols) if tcols else None
            if c is None:
                targets.append("")
                continue
            value = resolved[r][c]
            goal_col = roles.get("target_goal")
            if goal_col is not None:
                # one name cell shared by several records (州 table: 教育事业发展 over two
                # indicators with their own status): the 工作目标 tells them apart.
                o = origins[r][c]
                sharing = {record_of_row[rr] for rr, line in enumerate(origins)
                           if rr in record_of_row and line[c] == o}
                if len(sharing) > 1 and resolved[r][goal_col]:
                    value = resolved[r][goal_col]
            targets.append(value)
        target = _join_distinct(targets)

        seq = _join_distinct(resolved[r][seq_col] for r in rs) if seq_col is not None else ""
        m = _SEQ_IN_TARGET.match(target)
        if m and (roles.get("seq_in_target") or not seq):
            # "1、地区生产总值…" in the target cell: the number is the 序号
            seq = m.group(1)
            target = target[m.end():]

        if title_sec is not None:
            section = title_sec
        elif table.get("name"):
            section = str(table["name"])
        elif roles.get("section") is not None:
            section = _join_distinct(cell(r, "section") for r in rs)
        else:
            section = ""

        units: list[str] = []
        for r in rs:
            for u in split_units(cell(r, "units")):
                if u not in units:
                    units.append(u)

        completion_raw = _join_distinct(cell(r, "completion") for r in rs)
        status_raw = _join_distinct(cell(r, "status") for r in rs)
        records.append({
            "annex_no": annex_no,
            "campaign": campaign,
            "section": section,
            "seq": seq,
            "target": target,
            "responsible_units": units,
            "progress": _join_distinct(cell(r, "progress") for r in rs),
            "completion_raw": completion_raw,
            "completion_ratio": parse_percent(completion_raw),
            "status_raw": status_raw,
            "status": status_of(status_raw),
        })
    return records


def truth_for(source: dict) -> dict:
    """The truth file of a source: header fields, indicator records, claims, expected findings."""
    header = source.get("header") or {}
    indicators: list[dict] = []
    for annex in source["annexes"]:
        campaign = campaign_of(annex["title"])
        for table in annex["tables"]:
            indicators.extend(table_records(table, annex_no(annex), campaign))
    truth = {
        "name": source["name"],
        "doc_number": header.get("doc_number", ""),
        "issuer": header.get("issuer", ""),
        "title": header.get("title", ""),
        "date": header.get("date", "") or "",
        "indicators": indicators,
        "claims": list(source.get("claims") or []),
        "expected_findings": list(source.get("expected_findings") or []),
    }
    if source.get("families"):
        # a generated variant (corpus/gen): its wording family, status vocabulary and header
        # layout, so that the evaluation can score each family
        truth["families"] = dict(source["families"])
    return truth


# =============================================================================================
# DOCX
# =============================================================================================

def _docx():
    # imported lazily so that truth_for works without python-docx
    import docx  # noqa: F401
    from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: F401  (returned through locals())
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT  # noqa: F401
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT  # noqa: F401
    from docx.oxml import OxmlElement  # noqa: F401
    from docx.oxml.ns import qn  # noqa: F401
    from docx.shared import Cm, Pt, RGBColor, Emu  # noqa: F401
    return locals()


def _set_font(run, family: str, size: float, bold: bool = False, color=None) -> None:
    d = _docx()
    qn = d["qn"]
    run.font.name = family
    run.font.size = d["Pt"](size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = d["OxmlElement"]("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), family)


def _para(container, text: str = "", *, font=FONT_BODY, size=16.0, bold=False, color=None,
          align=None, first_indent=None, left_indent=None, line_exact=None,
          space_before=0.0, space_after=0.0):
    d = _docx()
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.space_before = d["Pt"](space_before)
    pf.space_after = d["Pt"](space_after)
    if line_exact:
        pf.line_spacing_rule = d["WD_LINE_SPACING"].EXACTLY
        pf.line_spacing = d["Pt"](line_exact)
    if align is not None:
        pf.alignment = align
    if first_indent is not None:
        pf.first_line_indent = d["Pt"](first_indent)
    if left_indent is not None:
        pf.left_indent = d["Pt"](left_indent)
    if text:
        _set_font(p.add_run(text), font, size, bold, color)
    return p


def _setup_section(section, orientation: str, margins: tuple[float, float, float, float]) -> None:
    """A4 in the given orientation; margins (top, bottom, left, right) in cm."""
    d = _docx()
    Cm = d["Cm"]
    if orientation == "landscape":
        section.orientation = d["WD_ORIENT"].LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = d["WD_ORIENT"].PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(1.75)


def _page_number_footer(section) -> None:
    """"— 3 —" centred in the footer, as GB/T 9704 pages carry; later sections inherit it, so the
    annex pages have page numbers under their tables too (the reader must take them as noise)."""
    d = _docx()
    qn, OxmlElement = d["qn"], d["OxmlElement"]
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = d["WD_ALIGN_PARAGRAPH"].CENTER
    _set_font(paragraph.add_run("— "), FONT_BODY, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)
    _set_font(paragraph.add_run(" —"), FONT_BODY, 14)


MAIN_MARGINS = (3.7, 3.5, 2.8, 2.6)     # GB/T 9704 official-document page
ANNEX_MARGINS = (2.6, 2.4, 2.8, 2.6)    # annex tables: the office narrows top/bottom

TABLE_FONT_SIZE = 10.5                   # 五号
BODY_SIZE = 16.0                         # 三号
BODY_LINE = 28.0                         # 22 lines a page
RED = None                               # set in render_docx (needs RGBColor)


def _set_borders(table) -> None:
    """All borders single lines, set on the table itself (no reliance on a table style)."""
    d = _docx()
    qn, OxmlElement = d["qn"], d["OxmlElement"]
    tblPr = table._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "6")          # eighths of a point: 0.75 pt
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    # schema order inside tblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, ...
    after = None
    for tag in ("w:tblInd", "w:tblCellSpacing", "w:jc", "w:tblW"):
        after = tblPr.find(qn(tag))
        if after is not None:
            break
    if after is not None:
        after.addnext(borders)
    else:
        tblPr.append(borders)


def _set_cell_margins(table, left_cm=0.12, right_cm=0.12, top_cm=0.04, bottom_cm=0.04) -> None:
    d = _docx()
    qn, OxmlElement = d["qn"], d["OxmlElement"]
    tblPr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, cm in (("top", top_cm), ("left", left_cm), ("bottom", bottom_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(cm / 2.54 * 1440)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                "w:tblPrChange")


def _mark_header_row(row) -> None:
    """Word's "repeat as header row at the top of each page"."""
    d = _docx()
    trPr = row._tr.get_or_add_trPr()
    el = d["OxmlElement"]("w:tblHeader")
    el.set(d["qn"]("w:val"), "true")
    trPr.append(el)


def _fill_cell(cell, text: str, *, bold=False, center=False, font=FONT_BODY,
               size=TABLE_FONT_SIZE) -> None:
    """Cell text; a "\\n" starts a new paragraph (as an office worker's Enter would)."""
    d = _docx()
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = d["Pt"](0)
        pf.space_after = d["Pt"](0)
        pf.line_spacing = 1.0
        short = len(text) <= 8 and "\n" not in text
        pf.alignment = (d["WD_ALIGN_PARAGRAPH"].CENTER if (center or short)
                        else d["WD_ALIGN_PARAGRAPH"].JUSTIFY)
        if line:
            _set_font(p.add_run(line), font, size, bold)


def _add_table(container, table: dict, text_width_emu: int) -> None:
    d = _docx()
    Emu = d["Emu"]
    n = table_ncols(table)
    layout = _layout_rows(table)
    origins = grid_origins(layout, "table")
    n_header = len(table.get("header") or [])
    title_rows = set()
    r = n_header
    if table.get("name") and not table.get("caption"):
        title_rows.add(r)
        r += 1
    for row in table.get("rows") or []:
        if _is_title_row(row):
            title_rows.add(r)
        r += 1

    widths = table.get("widths") or [1] * n
    total = float(sum(widths))
    col_w = [int(text_width_emu * w / total) for w in widths]

    t = container.add_table(rows=len(layout), cols=n)
    t.alignment = d["WD_TABLE_ALIGNMENT"].CENTER
    t.autofit = False                       # fixed layout: LibreOffice keeps our widths
    _set_borders(t)
    _set_cell_margins(t)
    for c, w in enumerate(col_w):
        t.columns[c].width = Emu(w)
    tblW = t._tbl.tblPr.find(d["qn"]("w:tblW"))
    if tblW is not None:                    # the table's own width, as Word writes it
        tblW.set(d["qn"]("w:type"), "dxa")
        tblW.set(d["qn"]("w:w"), str(sum(Emu(w).twips for w in col_w)))

    # text and widths first (merge() adds the widths of absorbed cells and moves their text)
    for r, row in enumerate(layout):
        cells = t.rows[r].cells
        for c, text in enumerate(row):
            cell = cells[c]
            cell.width = Emu(col_w[c])
            cell.vertical_alignment = d["WD_CELL_VERTICAL_ALIGNMENT"].CENTER
            if origins[r][c] != (r, c):
                continue                    # absorbed by a merge: stays empty
            if r < n_header:
                _fill_cell(cell, text, bold=True, center=True, font=FONT_TITLE)
            elif r in title_rows:
                _fill_cell(cell, text, bold=True, center=True, font=FONT_TITLE)
            else:
                _fill_cell(cell, text)
    # merges: one rectangle per origin
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, line in enumerate(origins):
        for c, o in enumerate(line):
            end = spans.get(o, o)
            spans[o] = (max(end[0], r), max(end[1], c))
    for o, end in spans.items():
        if end != o:
            t.cell(*o).merge(t.cell(*end))
    if table.get("repeat_header", True):
        for r in range(n_header):
            _mark_header_row(t.rows[r])


def _shrink_para(p) -> None:
    """Make a structural empty paragraph (after a table, carrying a section break) tiny, so that a
    table ending at the page foot does not push an empty line onto a blank page."""
    d = _docx()
    qn, OxmlElement = d["qn"], d["OxmlElement"]
    pPr = p._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "2")
    rpr.append(sz)
    pPr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    pf = p.paragraph_format
    pf.space_before = d["Pt"](0)
    pf.space_after = d["Pt"](0)
    pf.line_spacing_rule = d["WD_LINE_SPACING"].EXACTLY
    pf.line_spacing = d["Pt"](1)


def _text_width(section) -> int:
    return int(section.page_width - section.left_margin - section.right_margin)


def _fix_zip(path: Path) -> None:
    """Rewrite the .docx zip with fixed member timestamps (python-docx stamps the current time)."""
    data = Path(path).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(item.filename))
    Path(path).write_bytes(out.getvalue())


# pPr children that come after w:pBdr in the schema (Word rejects out-of-order elements)
_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                   "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                   "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                   "w:rPr", "w:sectPr", "w:pPrChange")
_HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")


def render_docx(source: dict, path) -> Path:
    """Write the bulletin as a county office's Word file: red masthead, doc number, title, body,
    附件 list, date; then each annex in its own section (new page, its own orientation)."""
    import docx
    d = _docx()
    Pt, RGBColor = d["Pt"], d["RGBColor"]
    CENTER = d["WD_ALIGN_PARAGRAPH"].CENTER
    red = RGBColor(0xE6, 0x00, 0x12)
    header = source.get("header") or {}

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT_BODY
    normal.font.size = Pt(BODY_SIZE)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(d["qn"]("w:rFonts"))
    if rfonts is None:
        rfonts = d["OxmlElement"]("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(d["qn"](attr), FONT_BODY)

    cp = doc.core_properties
    cp.author = FIXED_AUTHOR
    cp.last_modified_by = FIXED_AUTHOR
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = header.get("title", "")
    cp.comments = ""

    sec = doc.sections[0]
    _setup_section(sec, "portrait", MAIN_MARGINS)
    _page_number_footer(sec)

    # masthead
    if header.get("issuer"):
        _para(doc, header["issuer"], font=FONT_TITLE, size=30, bold=True, color=red, align=CENTER,
              space_before=12, space_after=24)
    if header.get("doc_number"):
        p = _para(doc, header["doc_number"], size=BODY_SIZE, align=CENTER, space_after=6)
        # the red rule under the doc number
        pPr = p._p.get_or_add_pPr()
        pbdr = d["OxmlElement"]("w:pBdr")
        bottom = d["OxmlElement"]("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "E60012")):
            bottom.set(d["qn"](k), v)
        pbdr.append(bottom)
        pPr.insert_element_before(pbdr, *_PPR_AFTER_PBDR)
    if header.get("title"):
        _para(doc, header["title"], font=FONT_TITLE, size=22, bold=True, align=CENTER,
              space_before=24, space_after=18, line_exact=34)

    for text in source.get("body") or []:
        text = str(text)
        font = FONT_HEI if _HEADING_1.match(text) and len(text) < 40 else FONT_BODY
        _para(doc, text, font=font, size=BODY_SIZE, first_indent=2 * BODY_SIZE,
              line_exact=BODY_LINE)

    annexes = source.get("annexes") or []
    if source.get("annex_list") and annexes:
        _para(doc, "", line_exact=BODY_LINE)
        for i, annex in enumerate(annexes):
            title = _CAMPAIGN_SUFFIX.sub("", str(annex["title"]))
            if i == 0:
                _para(doc, f"附件：{annex_no(annex)}. {title}", first_indent=2 * BODY_SIZE,
                      line_exact=BODY_LINE)
            else:
                # aligned under the "1." of the first line (2 chars indent + "附件：")
                _para(doc, f"{annex_no(annex)}. {title}", left_indent=5 * BODY_SIZE,
                      line_exact=BODY_LINE)
    if header.get("date"):
        _para(doc, "", line_exact=BODY_LINE)
        p = _para(doc, str(header["date"]), align=d["WD_ALIGN_PARAGRAPH"].RIGHT,
                  line_exact=BODY_LINE)
        p.paragraph_format.right_indent = Pt(4 * BODY_SIZE)

    for annex in annexes:
        orientation = annex.get("orientation", "portrait")
        sec = doc.add_section(d["WD_SECTION"].NEW_PAGE)
        _shrink_para(doc.paragraphs[-1])   # the paragraph that carries the previous sectPr
        _setup_section(sec, orientation, ANNEX_MARGINS)
        width = _text_width(sec)
        _para(doc, f"附件{annex_no(annex)}：", font=FONT_HEI, size=16, line_exact=BODY_LINE)
        _para(doc, str(annex["title"]), font=FONT_TITLE, size=18, bold=True, align=CENTER,
              space_before=6, space_after=10)
        unit, person = annex.get("filler_unit"), annex.get("filler_person")
        if unit or person:
            p = _para(doc, "", size=12, space_after=6)
            if unit and person:
                # both on one line: the person at a right-aligned tab stop
                p.paragraph_format.tab_stops.add_tab_stop(
                    d["Emu"](width - int(Pt(24))), d["WD_TAB_ALIGNMENT"].RIGHT)
                _set_font(p.add_run(f"填报单位：{unit}\t填报人：{person}"), FONT_BODY, 12)
            elif unit:
                _set_font(p.add_run(f"填报单位：{unit}"), FONT_BODY, 12)
            else:
                _set_font(p.add_run(f"填报人：{person}"), FONT_BODY, 12)
        for t_i, table in enumerate(annex["tables"]):
            if table.get("caption") and table.get("name"):
                _para(doc, str(table["name"]), font=FONT_TITLE, size=14, bold=True, align=CENTER,
                      space_before=10 if t_i else 0, space_after=6)
            elif t_i:
                _para(doc, "", size=10.5)   # two tables never touch (Word would join them)
            _add_table(doc, table, width)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    _fix_zip(path)
    return path


# =============================================================================================
# PDF and scan
# =============================================================================================

def render_pdf(docx_path, pdf_dir) -> Path:
    """LibreOffice headless conversion, with a private profile so that parallel runs don't clash."""
    docx_path = Path(docx_path).resolve()
    pdf_dir = Path(pdf_dir).resolve()
    pdf_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("soffice (LibreOffice) not found; use --no-pdf for docx and truth only")
    profile = Path(tempfile.mkdtemp(prefix="lo_profile_"))
    try:
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(pdf_dir), str(docx_path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        out = pdf_dir / (docx_path.stem + ".pdf")
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"soffice failed ({proc.returncode}): {proc.stderr or proc.stdout}")
        return out
    finally:
        shutil.rmtree(profile, ignore_errors=True)


SCAN_DEFAULTS = {"dpi": 100, "angle": 0.6, "noise": 1.0, "jpeg": 75, "blur": 0.3}


def scan_settings(source: dict) -> dict | None:
    """The source's `variants: scan:` as render_scan's settings: `true` for the defaults, or a
    mapping overriding some of them (dpi, angle, noise, jpeg, blur); None when there is no scan."""
    scan = (source.get("variants") or {}).get("scan")
    if not scan:
        return None
    settings = dict(SCAN_DEFAULTS)
    if isinstance(scan, dict):
        unknown = set(scan) - set(settings)
        if unknown:
            raise ValueError(f"variants.scan: unknown keys {sorted(unknown)} (known: {sorted(settings)})")
        settings.update(scan)
    return settings


def scan_name(name: str, settings: dict) -> str:
    return f"{name}--scan{int(settings['dpi'])}.pdf"


def render_scan(pdf_path, out_path, dpi: int = 100, angle: float = 0.6, noise: float = 1.0,
                jpeg: int = 75, blur: float = 0.3) -> Path:
    """A scanned copy: every page rasterised in grey at `dpi`, turned by up to `angle` degrees
    either way, with dust specks (`noise` times the usual density) and a slight `blur`, saved as
    JPEG of quality `jpeg` in an image-only PDF (no text layer). Seeded by the file name, so
    reruns give the same pixels."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(Path(pdf_path).stem)
    pages = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            img = img.rotate(rng.uniform(-angle, angle), resample=Image.BICUBIC, expand=False, fillcolor=255)
            # sparse speckle, like dust on the scanner glass
            px = img.load()
            w, h = img.size
            for _ in range(int(w * h * noise / 4000)):
                x, y = rng.randrange(w), rng.randrange(h)
                px[x, y] = rng.choice((90, 140, 200))
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(blur))
            pages.append(img)
    finally:
        pdf.close()
    pages[0].save(str(out_path), "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=int(jpeg),
                  creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple(), producer="scanner")
    return out_path


# =============================================================================================
# main
# =============================================================================================

def write_truth(source: dict, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(truth_for(source), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path


# Layout variants: the same bulletin printed with other page geometry, so the stitcher is tested on
# other page breaks, column widths and header repetition than the ones it was developed on. Their
# truth is the bulletin's own (corpus/truth/NAME.json); only the PDF is kept (corpus/variants/).
def _turned(source: dict) -> dict:
    """Every annex in the other orientation: portrait pages cut rows and numbers in narrow cells."""
    for annex in source["annexes"]:
        annex["orientation"] = "portrait" if annex.get("orientation", "landscape") == "landscape" else "landscape"
    return source


def _header_swapped(source: dict) -> dict:
    """Tables that repeat their header stop doing so, and the others start."""
    for annex in source["annexes"]:
        for table in annex["tables"]:
            table["repeat_header"] = not table.get("repeat_header", True)
    return source


LAYOUT_VARIANTS = {"turned": _turned, "header-swapped": _header_swapped}


def build_scan(source_path: Path, out: Path) -> list[Path]:
    """Only the scanned copy, from the PDF already built (no LibreOffice needed)."""
    source = load_source(source_path)
    scan = scan_settings(source)
    if not scan:
        return []
    name = source["name"]
    return [render_scan(out / "pdf" / f"{name}.pdf", out / "scan" / scan_name(name, scan), **scan)]


def build(source_path: Path, out: Path, pdf: bool = True, variants: bool = True) -> list[Path]:
    source = load_source(source_path)
    name = source["name"]
    written = [write_truth(source, out / "truth" / f"{name}.json"),
               render_docx(source, out / "docx" / f"{name}.docx")]
    if pdf:
        pdf_path = render_pdf(written[1], out / "pdf")
        written.append(pdf_path)
        scan = scan_settings(source)
        if scan:
            written.append(render_scan(pdf_path, out / "scan" / scan_name(name, scan), **scan))
        with tempfile.TemporaryDirectory(prefix="corpus-variant-") as tmp:
            for label, change in (LAYOUT_VARIANTS.items() if variants else ()):
                variant = change(copy.deepcopy(source))
                docx_path = render_docx(variant, Path(tmp) / f"{name}--{label}.docx")
                written.append(render_pdf(docx_path, out / "variants"))
    return written


def _source_paths(names: list[str]) -> list[Path]:
    if not names:
        return sorted((CORPUS / "sources").glob("*.yaml"))
    paths = []
    for n in names:
        p = Path(n)
        if p.suffix in (".yaml", ".yml") and p.exists():
            paths.append(p)
        else:
            p = CORPUS / "sources" / f"{n}.yaml"
            if not p.exists():
                raise SystemExit(f"no source {p}")
            paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="source names (corpus/sources/NAME.yaml) or .yaml paths")
    ap.add_argument("--no-pdf", action="store_true", help="docx and truth only (no LibreOffice)")
    ap.add_argument("--scan-only", action="store_true",
                    help="only the scanned copies, from the PDFs already in OUT/pdf/ (no LibreOffice)")
    ap.add_argument("--out", type=Path, default=CORPUS, help="output root (default: corpus/)")
    ap.add_argument("--no-variants", action="store_true", help="no layout variants (variants/)")
    args = ap.parse_args(argv)
    failed = 0
    for path in _source_paths(args.names):
        try:
            written = (build_scan(path, args.out) if args.scan_only
                       else build(path, args.out, pdf=not args.no_pdf, variants=not args.no_variants))
            for w in written:
                print(w)
        except Exception as e:  # report and go on with the other sources
            failed += 1
            print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
