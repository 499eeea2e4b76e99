"""OCR text repaired from the document's own evidence (rules/ocr.yaml, `repair`).

A scan's OCR text has the errors of its glyphs' look-alikes: 风凰县 for 凤凰县, 深人 for 深入,
"1" for a lone "/", ", " for "，". What is right is decided by the document itself, never by an
outside dictionary: bulletins repeat their unit names, their few status values and their phrases.

- `repair_document_text` (before segmentation): punctuation look-alikes in every OCR text, then
  confusable characters (and a dropped quote) corrected toward the spelling the rest of the
  document uses.
- `repair_tables` (after stitching, when column roles are known): unit names toward a recurring
  name one character away; status cells toward the column's recurring values (or a phrase of
  rules/status.yaml); the ratio column to a percentage or "/".
- `with_ocr_trace`: each indicator gets the lowest OCR confidence of its cells and the raw OCR
  text of its fields, so a check can tell a finding resting on a doubtful reading.

Only OCR text is touched (cells and lines with a `confidence`); a cell's text before repair is
kept in `GridCell.raw`.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable

import regex
from rapidfuzz.distance import Levenshtein

from extract.chinese.status import StatusVocabulary
from extract.chinese.text import squash
from extract.model import (
    AnnexTable,
    Document,
    Grid,
    GridCell,
    Indicator,
    Role,
    TextLine,
)
from extract.settings.rules import Rules
from extract.settings.sections import OcrRules
from extract.tables.records import group_records

# --- text-level repairs ----------------------------------------------------------------------


def punctuation_rules(ocr_rules: OcrRules) -> list[tuple[regex.Pattern[str], str]]:
    return [(regex.compile(rule.pattern), rule.replace) for rule in ocr_rules.repair.punctuation]


def repair_punctuation(text: str, rules: list[tuple[regex.Pattern[str], str]]) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


def _pairs(ocr_rules: OcrRules) -> dict[str, set[str]]:
    """Each confusable character -> the characters OCR mistakes it for."""
    out: dict[str, set[str]] = {}
    for group in ocr_rules.repair.confusables:
        for ch in group:
            out.setdefault(ch, set()).update(c for c in group if c != ch)
    return out


def ngram_counts(texts: Iterable[str], sizes: Iterable[int] = (2,)) -> Counter[str]:
    """The character sequences of these lengths in the texts (compared in `squash` form)."""
    counts: Counter[str] = Counter()
    sizes = tuple(sizes)
    for text in texts:
        t = squash(text)
        for n in sizes:
            counts.update(t[i:i + n] for i in range(len(t) - n + 1))
    return counts


def repair_confusables(text: str, counts: Counter[str], pairs: dict[str, set[str]], min_support: int) -> str:
    """Swap a confusable character for its twin when the document spells the twin's neighbourhood
    at least `min_support` times and never spells this one's elsewhere (人园 -> 入园 when 入园
    recurs). `counts` are the document's bigrams in `squash` form, this text included (its own
    occurrence is discounted)."""
    chars = list(text)
    for i, ch in enumerate(chars):
        twins = pairs.get(ch)
        if not twins:
            continue
        prev = _neighbour(chars, i, -1)
        nxt = _neighbour(chars, i, 1)

        def support(c: str, own: int, prev: str = prev, nxt: str = nxt) -> int:
            pairs_around = [squash(prev + c)] if prev else []
            if nxt:
                pairs_around.append(squash(c + nxt))
            return sum(max(counts[g] - own, 0) for g in pairs_around if len(g) == 2)

        if support(ch, 1) > 0:
            continue
        best = max(twins, key=lambda c: support(c, 0))
        if support(best, 0) >= min_support:
            chars[i] = best
    return "".join(chars)


def repair_quotes(text: str, counts: Counter[str], comma: str, quotes: list[str], min_support: int) -> str:
    """A comma put back in a dropped quote's room changed to that quote: where the document
    writes the same two characters on each side with the quote between at least `min_support`
    times and never with the comma. `counts` are the document's five-character sequences in
    `squash` form."""
    key = squash(comma)
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch != comma:
            continue
        left = "".join(_neighbours(chars, i, -1, 2))
        right = "".join(_neighbours(chars, i, 1, 2))
        if len(left) < 2 or len(right) < 2 or counts[left + key + right] > 1:   # own occurrence counts once
            continue
        best = max(quotes, key=lambda q: counts[left + squash(q) + right])
        if counts[left + squash(best) + right] >= min_support:
            chars[i] = best
    return "".join(chars)


def _neighbours(chars: list[str], i: int, step: int, n: int) -> list[str]:
    """The `n` nearest non-space characters before (step -1) or after (step 1) position i, in
    reading order, in `squash` form."""
    out: list[str] = []
    j = i + step
    while 0 <= j < len(chars) and len(out) < n:
        if not chars[j].isspace():
            out.append(squash(chars[j]))
        j += step
    return out[::-1] if step < 0 else out


def _neighbour(chars: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(chars) and chars[j].isspace():
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _map_cells(grid: Grid, fix: Callable[[GridCell], str]) -> Grid:
    """The grid with every OCR cell's text replaced by `fix(cell)`; a changed cell keeps its
    first raw text; positions of one merged cell keep sharing one GridCell."""
    made: dict[int, GridCell] = {}

    def new(cell: GridCell) -> GridCell:
        if id(cell) not in made:
            text = fix(cell) if cell.confidence is not None else cell.text
            made[id(cell)] = cell if text == cell.text else dataclasses.replace(
                cell, text=text, raw=cell.raw if cell.raw is not None else cell.text)
        return made[id(cell)]

    return dataclasses.replace(grid, rows=[[new(c) for c in row] for row in grid.rows],
                               header=[[new(c) for c in row] for row in grid.header])


def _texts(blocks: list[TextLine | Grid]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, TextLine):
            yield block.text
        else:
            seen: set[int] = set()
            for row in [*block.header, *block.rows]:
                for cell in row:
                    if id(cell) not in seen:
                        seen.add(id(cell))
                        yield cell.text


def repair_document_text(document: Document, ocr_rules: OcrRules) -> Document:
    """Punctuation, confusable characters and dropped quotes of every OCR line and cell (see the
    module docstring)."""
    punct = punctuation_rules(ocr_rules)
    pairs = _pairs(ocr_rules)
    min_support = ocr_rules.repair.min_support
    quotes = list(ocr_rules.repair.quote_marks)
    comma = ocr_rules.engine.dropped_mark

    def each(blocks: list[TextLine | Grid], fix: Callable[[str], str]) -> list[TextLine | Grid]:
        out: list[TextLine | Grid] = []
        for block in blocks:
            if isinstance(block, TextLine):
                out.append(block if block.confidence is None else dataclasses.replace(block, text=fix(block.text)))
            else:
                out.append(_map_cells(block, lambda c: fix(c.text)))
        return out

    blocks = each(document.blocks, lambda t: repair_punctuation(t, punct))
    counts = ngram_counts(_texts(blocks))
    blocks = each(blocks, lambda t: repair_confusables(t, counts, pairs, min_support))
    counts = ngram_counts(_texts(blocks), sizes=(5,))
    blocks = each(blocks, lambda t: repair_quotes(t, counts, comma, quotes, min_support))
    return dataclasses.replace(document, blocks=blocks)


# --- column-level repairs --------------------------------------------------------------------

def _column_cells(tables: list[AnnexTable], role: Role) -> list[GridCell]:
    """The distinct body cells of a role's columns in all tables."""
    out: list[GridCell] = []
    seen: set[int] = set()
    for table in tables:
        for col in table.roles.get(role, [])[:1]:
            for row in table.grid.rows:
                cell = row[col]
                if id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
    return out


def _replace_in_column(table: AnnexTable, role: Role, fix: Callable[[GridCell], str]) -> AnnexTable:
    cols = set(table.roles.get(role, [])[:1])
    if not cols:
        return table
    grid = table.grid
    made: dict[int, GridCell] = {}
    rows = []
    for row in grid.rows:
        out = []
        for c, cell in enumerate(row):
            if c in cols and cell.confidence is not None:
                if id(cell) not in made:
                    text = fix(cell)
                    made[id(cell)] = cell if text == cell.text else dataclasses.replace(
                        cell, text=text, raw=cell.raw if cell.raw is not None else cell.text)
                cell = made[id(cell)]
            out.append(cell)
        rows.append(out)
    return dataclasses.replace(table, grid=dataclasses.replace(grid, rows=rows))


def _substitute_keeping_breaks(text: str, start: int, end: int, new: str) -> str:
    """Replace text[start:end] (whose non-space characters number len(new)) with `new`,
    keeping the line breaks where they were."""
    out, k = [], 0
    for ch in text[start:end]:
        if ch.isspace():
            out.append(ch)
        else:
            out.append(new[k])
            k += 1
    return text[:start] + "".join(out) + text[end:]


def repair_units(tables: list[AnnexTable], rules: Rules) -> list[AnnexTable]:
    """Unit names toward a name that recurs in the document, `unit_max_edits` substitutions away."""
    separators = regex.compile(rules.columns.unit_separators)
    max_edits = rules.ocr.repair.unit_max_edits
    sure = float(rules.ocr.repair.unit_sure_confidence)
    cells = _column_cells(tables, Role.UNITS)
    counts: Counter[str] = Counter()
    for cell in cells:
        counts.update({squash(p) for p in separators.split(cell.text) if squash(p)})
    recurring = [name for name, n in counts.items() if n >= 2]

    def fix(cell: GridCell) -> str:
        text = cell.text
        if cell.confidence is not None and cell.confidence >= sure:
            return text   # read without doubt: 县财政局 next to a recurring 县民政局 is another unit
        pos = 0
        for part in separators.split(cell.text):
            start = text.index(part, pos)
            pos = start + len(part)
            name = squash(part)
            if not name or counts[name] >= 2:
                continue
            near = [r for r in recurring if len(r) == len(name) and Levenshtein.distance(r, name) <= max_edits]
            if len(near) == 1 and len(regex.sub(r"\s", "", part)) == len(name):
                text = _substitute_keeping_breaks(text, start, pos, near[0])
        return text

    return [_replace_in_column(t, Role.UNITS, fix) for t in tables]


def repair_statuses(tables: list[AnnexTable], rules: Rules) -> list[AnnexTable]:
    """A status cell that is not one of the recurring values (or a word of rules/status.yaml) and
    whose words the status vocabulary cannot read snaps to the closest of them, when it is a few
    substitutions away."""
    share = float(rules.ocr.repair.status_max_edit_share)
    cells = _column_cells(tables, Role.STATUS)
    counts = Counter(squash(c.text) for c in cells if squash(c.text))
    printed: dict[str, str] = {}
    for cell in cells:
        printed.setdefault(squash(cell.text), cell.text)
    vocabulary = {v for v, n in counts.items() if n >= 2}
    vocabulary |= {squash(word) for word in rules.status.words}
    status_words = StatusVocabulary.from_rules(rules)

    def fix(cell: GridCell) -> str:
        value = squash(cell.text)
        # a cell the status words already read is left alone: 未完成 is not a misread 完成
        if not value or value in vocabulary or status_words.understood(cell.text):
            return cell.text
        best = min(vocabulary, key=lambda v: (Levenshtein.distance(v, value), -counts[v]))
        distance = Levenshtein.distance(best, value)
        if abs(len(best) - len(value)) <= 1 and distance <= max(1, round(len(best) * share)):
            return printed.get(best, best)
        return cell.text

    return [_replace_in_column(t, Role.STATUS, fix) for t in tables]


def repair_ratios(tables: list[AnnexTable], rules: Rules) -> list[AnnexTable]:
    """The ratio column holds a percentage or "/": a slash look-alike becomes "/"."""
    slash = regex.compile(rules.ocr.repair.ratio_slash_lookalikes)

    def fix(cell: GridCell) -> str:
        value = squash(cell.text).rstrip(".,。，")
        if slash.match(value):
            return "/"
        return cell.text

    return [_replace_in_column(t, Role.COMPLETION, fix) for t in tables]


def repair_tables(tables: list[AnnexTable], rules: Rules) -> list[AnnexTable]:
    """Column-aware repairs of the OCR cells of a document's tables (see the module docstring)."""
    tables = repair_units(tables, rules)
    tables = repair_statuses(tables, rules)
    return repair_ratios(tables, rules)


# --- confidence and raw text per indicator ---------------------------------------------------

FIELD_ROLES = {"target": Role.TARGET, "responsible_units": Role.UNITS, "progress": Role.PROGRESS,
               "completion_raw": Role.COMPLETION, "status_raw": Role.STATUS, "seq": Role.SEQ}


def with_ocr_trace(indicators: list[Indicator], table: AnnexTable) -> list[Indicator]:
    """The table's indicators with their OCR confidence and raw text (indicators come from
    `table_records`, one per record of `group_records`, in order)."""
    groups = group_records(table)
    if len(groups) != len(indicators):   # cannot pair records with rows: the table's lowest score
        low = min((c.confidence for row in table.grid.rows for c in row if c.confidence is not None), default=None)
        return [dataclasses.replace(i, min_confidence=low) for i in indicators]
    out = []
    for indicator, (_, rows) in zip(indicators, groups):
        confidence: list[tuple[str, float]] = []
        raw: list[tuple[str, str]] = []
        for field, role in FIELD_ROLES.items():
            cells: list[GridCell] = []
            for col in table.roles.get(role, []):
                for r in rows:
                    cell = table.grid.rows[r][col]
                    if cell not in cells and cell.text.strip():
                        cells.append(cell)
            # a lone "/" carries no number or name a finding could rest on
            scores = [c.confidence for c in cells if c.confidence is not None and squash(c.text) != "/"]
            if scores:
                confidence.append((field, min(scores)))
            if any(c.confidence is not None for c in cells):
                raw.append((field, "\n".join(c.raw if c.raw is not None else c.text for c in cells)))
        low = min((s for _, s in confidence), default=None)
        out.append(dataclasses.replace(indicator, min_confidence=low, confidence=tuple(confidence),
                                       raw_ocr=tuple(raw)))
    return out


def doubtful(confidence: float | None, rules: Rules) -> bool:
    """Whether a reading (an `Indicator.min_confidence`, a cell's or a line's `confidence`) is too
    uncertain for a finding to rest on it (tolerances.yaml: ocr.min_confidence); a text layer's
    text (None) never is."""
    return confidence is not None and confidence < float(rules.tolerances.ocr.min_confidence)
