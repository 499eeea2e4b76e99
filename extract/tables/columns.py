"""Column roles from the header AND the content (rules/columns.yaml).

Like pdfplumber's table finder works from evidence (edges -> intersections -> cells), this works
from two kinds of evidence per column:
1. the header: a full synonym of a role (strong), or a role word inside the header text (weak);
2. the content: a profile per role (a target is long text, rarely a bare number; a ratio column
   holds percentages or "/"; a status column short phrases with few distinct values that the status
   vocabulary reads; units end like 局/办/委 …). Content can veto a header (a 工作目标 column of
   bare numbers is no target) and can find a role whose header no list names.
Each table then gets the best consistent assignment (scipy's linear_sum_assignment over roles x
columns), and every chosen role a confidence, so later stages know what to trust.
"""
from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import regex
from scipy.optimize import linear_sum_assignment

from extract.chinese.numbers import Numerals, parse_percent
from extract.chinese.status import StatusVocabulary
from extract.chinese.text import cell_item, repair_cell, squash
from extract.model import Grid, GridCell, Role, RoleChoice, TableMapping
from extract.settings.rules import Rules

_VETO = -1e6


def is_title_row(row: list[GridCell]) -> bool:
    """A section-title row: one cell spanning the whole width (省重点民生实事项目)."""
    return len(row) > 1 and len({c.origin for c in row}) == 1 and bool(squash(row[0].text))


def column_headers(header: list[list[GridCell]], n_cols: int) -> list[list[str]]:
    """Per column, its distinct header texts from the lowest (most specific) row up."""
    stacks: list[list[str]] = []
    for col in range(n_cols):
        texts: list[str] = []
        for row in reversed(header):
            if col < len(row):
                text = squash(row[col].text)
                if text and text not in texts:
                    texts.append(text)
        stacks.append(texts)
    return stacks


def flat_headers(header: list[list[GridCell]], n_cols: int) -> list[str]:
    """One label per column: the header texts top-down joined with '/' (完成情况/已完成数)."""
    return ["/".join(reversed(stack)) for stack in column_headers(header, n_cols)]


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's body cells look like (each merged cell counted once)."""

    n: int                 # non-empty distinct cells
    coverage: float        # body rows per distinct cell: > 1 where cells are merged down (group columns)
    mean_chars: float
    numbers: float         # share of bare numbers ("94", "46648", "2.3亿元")
    ratios: float          # share of percentages or placeholders ("/", "—")
    percents: float        # share of real percentages
    unit_names: float      # share of cells whose every part reads as a unit name (县发改局、县财政局)
    statuses: float        # share the status vocabulary reads as a status
    distinct: float        # distinct values / n
    seq_numbers: float     # share of small integers (1, 2, 3)
    digits: float          # share of cells with a digit in them
    sentences: float       # share of cells written as sentences (，。；): progress, not a status phrase


@dataclass(frozen=True)
class _Settings:
    roles: tuple[tuple[Role, tuple[regex.Pattern[str], ...]], ...]
    words: tuple[tuple[Role, tuple[str, ...]], ...]
    header_required: frozenset[Role]
    header_full: float
    header_upper: float
    header_word: float
    min_score: float
    min_content_only: float
    margin: float
    min_confidence: float
    long_text: float
    status_max: float
    status_max_distinct: float
    measure_unit_max: float
    unit_name_max: float
    placeholder: regex.Pattern[str]
    sentence_mark: regex.Pattern[str]
    number: regex.Pattern[str]
    seq_value: regex.Pattern[str]
    unit_separators: regex.Pattern[str]
    unit_suffixes: tuple[str, ...]
    run_always: tuple[regex.Pattern[str], ...]
    run_with_quantity: tuple[regex.Pattern[str], ...]
    unit_boundary: regex.Pattern[str] | None   # a unit suffix right before the start of another unit name


def _compile(rules: Rules) -> _Settings:
    cols = rules.columns
    scores, content = cols.scores, cols.content
    return _Settings(
        roles=tuple((Role(role), tuple(regex.compile(p) for p in pats)) for role, pats in cols.roles.items()),
        words=tuple((Role(role), words) for role, words in cols.header_words.items()),
        header_required=frozenset(Role(r) for r in cols.header_required),
        header_full=scores.header_full, header_upper=scores.header_upper,
        header_word=scores.header_word, min_score=scores.min_score,
        min_content_only=scores.min_content_only, margin=scores.ambiguity_margin,
        min_confidence=scores.min_confidence,
        long_text=content.long_text_chars, status_max=content.status_max_chars,
        status_max_distinct=content.status_max_distinct,
        measure_unit_max=content.measure_unit_max_chars,
        unit_name_max=content.unit_name_max_chars,
        placeholder=regex.compile(content.placeholder), number=regex.compile(content.number),
        sentence_mark=regex.compile(content.sentence_mark),
        seq_value=regex.compile(cols.seq_value),
        unit_separators=regex.compile(cols.unit_separators),
        unit_suffixes=cols.unit_suffixes,
        run_always=tuple(regex.compile(p) for p in cols.target_run.always),
        run_with_quantity=tuple(regex.compile(p) for p in cols.target_run.with_quantity),
        unit_boundary=_unit_boundary(cols.unit_suffixes, cols.unit_prefixes),
    )


def _unit_boundary(suffixes: tuple[str, ...], prefixes: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not suffixes or not prefixes:
        return None
    return regex.compile("(?<=" + "|".join(map(regex.escape, suffixes)) + ")(?=" +
                         "|".join(map(regex.escape, prefixes)) + ")")


def settings(rules: Rules) -> _Settings:
    """rules/columns.yaml compiled, once per rules object."""
    return rules.view(_compile)


def _is_unit_name(text: str, rules: Rules, s: _Settings) -> bool:
    units = split_units(text, rules)
    return bool(units) and all(len(u) <= s.unit_name_max and u.endswith(s.unit_suffixes) for u in units)


def split_units(text: str, rules: Rules) -> tuple[str, ...]:
    """A units cell's unit names: split on separators, on line breaks after a complete unit name,
    and between two names run together (县应急管理局县林业局)."""
    s = settings(rules)
    separators, suffixes = s.unit_separators, s.unit_suffixes
    units: list[str] = []
    for part in separators.split(text):
        pieces = [p.strip() for p in part.split("\n")]
        current = ""
        for piece in pieces:
            if not piece:
                continue
            # a line break ends a unit only when the text before it already reads as one
            if current and current.endswith(suffixes):
                units.append(current)
                current = piece
            else:
                current += piece
        if current:
            units.append(current)
    if s.unit_boundary is not None:
        # a suffix directly followed by the start of another unit name: two units run together
        units = [piece for unit in units for piece in s.unit_boundary.split(squash(unit))]
    return tuple(squash(u) for u in units if squash(u))




def profile(cells: Iterable[GridCell], rules: Rules) -> ColumnProfile:
    vocab, numerals = StatusVocabulary.from_rules(rules), Numerals.from_rules(rules)
    s, item = settings(rules), cell_item(rules)
    seen: set[tuple[int, int]] = set()
    texts: list[str] = []
    filled_rows = 0
    for cell in cells:
        if not squash(cell.text):
            continue
        filled_rows += 1
        if cell.origin in seen:
            continue
        seen.add(cell.origin)
        texts.append(repair_cell(cell.text, item=item))
    n = len(texts)
    if n == 0:
        return ColumnProfile(0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    flat = [squash(t) for t in texts]

    def share(test: Callable[[str], bool]) -> float:
        return sum(1 for t in flat if test(t)) / n

    percents = share(lambda t: parse_percent(t, numerals) is not None)
    return ColumnProfile(
        n=n,
        coverage=filled_rows / n,
        mean_chars=statistics.fmean(len(t) for t in flat),
        numbers=share(lambda t: s.number.fullmatch(t) is not None),
        ratios=share(lambda t: parse_percent(t, numerals) is not None or s.placeholder.fullmatch(t) is not None),
        percents=percents,
        unit_names=sum(1 for t in texts if _is_unit_name(t, rules, s)) / n,
        statuses=share(lambda t: len(t) <= s.status_max and vocab.read_cell(t).value != "unknown"),
        distinct=len(set(flat)) / n,
        seq_numbers=share(lambda t: s.seq_value.fullmatch(t) is not None),
        digits=share(lambda t: any(ch.isdigit() for ch in t)),
        sentences=share(lambda t: s.sentence_mark.search(t) is not None),
    )


def content_score(role: Role, p: ColumnProfile, s: _Settings) -> float:
    """How well a column's content fits a role: 0..1, or _VETO when it cannot be that role."""
    if p.n == 0:
        return 0.0
    text = min(1.0, p.mean_chars / s.long_text)
    numeric = p.numbers + p.percents
    # a status column repeats a few phrases; "已完成29户" also reads as a status, but in a column
    # whose cells differ row by row (progress, or a target such as 完成危房改造74户)
    status_like = (p.statuses > 0.6 and p.digits < 0.3 and p.sentences < 0.3
                   and (p.n < 6 or p.distinct <= s.status_max_distinct))
    if role is Role.SEQ:
        # a 序号 column may hold group labels instead (一、创新成果转化攻坚行动): records make it `section`
        if p.ratios > 0.5 or p.statuses > 0.5:
            return _VETO
        return p.seq_numbers
    if role is Role.SECTION:
        if numeric > 0.5:
            return _VETO
        return 0.6 * (1 - 1 / p.coverage) + 0.3 * text
    if role in (Role.TARGET, Role.TARGET_GOAL):
        if p.numbers > 0.5 or p.ratios > 0.5 or status_like or p.unit_names > 0.6:
            return _VETO
        return text * (1 - p.numbers)
    if role is Role.UNITS:
        if p.unit_names < 0.3:
            return _VETO
        return p.unit_names
    if role is Role.MEASURE_UNIT:
        if p.mean_chars > s.measure_unit_max + 2 or p.unit_names > 0.5:
            return _VETO
        return 0.8 if p.mean_chars <= s.measure_unit_max and p.numbers < 0.5 else 0.3
    if role in (Role.PLANNED, Role.FUNDS):
        return p.numbers if p.numbers >= 0.5 else _VETO   # a quantity column holds figures
    if role is Role.PROGRESS:
        # "已完成29户" reads as a status, but a progress column's cells differ row by row
        if p.ratios > 0.6 or status_like or p.unit_names > 0.6:
            return _VETO
        return text * (0.6 + 0.4 * p.digits)
    if role is Role.COMPLETION:
        if p.ratios < 0.4:
            return _VETO
        return p.ratios if p.percents > 0 else 0.3
    if role is Role.STATUS:
        if numeric > 0.5 or p.unit_names > 0.6:
            return _VETO
        if p.statuses >= 0.5:
            return p.statuses if status_like else 0.5 * p.statuses
        if p.mean_chars <= s.status_max and p.distinct <= 0.5:
            return 0.4
        return 0.1
    return 0.0


# --------------------------------------------------------------------------- header


def header_score(role: Role, stack: list[str], s: _Settings) -> float:
    """How strongly a column's header texts (lowest first) name a role.

    A synonym listed earlier weighs a little more, so that the rules' order settles two columns
    whose content fits equally (risk table: 风险类型 is the group, not 工作任务)."""
    patterns = dict(s.roles).get(role, ())
    for level, text in enumerate(stack):
        rank = next((k for k, p in enumerate(patterns) if p.fullmatch(text)), None)
        if rank is not None:
            return (s.header_full if level == 0 else s.header_upper) - 0.01 * min(rank, 9)
    words = dict(s.words).get(role, ())
    if stack and any(w in stack[0] for w in words):
        return s.header_word
    return 0.0


# --------------------------------------------------------------------------- assignment


def _body_rows(grid: Grid) -> list[list[GridCell]]:
    return [row for row in grid.rows if not is_title_row(row)]


def map_columns(header: list[list[GridCell]], body: list[list[GridCell]], n_cols: int,
                rules: Rules) -> TableMapping:
    """The role of each column of one table, with the evidence and a confidence per role."""
    s = settings(rules)
    stacks = column_headers(header, n_cols)
    profiles = [profile((row[c] for row in body if c < len(row)), rules) for c in range(n_cols)]
    roles = [role for role, _ in s.roles]
    heads = np.array([[header_score(r, stacks[c], s) for c in range(n_cols)] for r in roles]).reshape(len(roles), n_cols)
    contents = np.array([[content_score(r, profiles[c], s) for c in range(n_cols)] for r in roles]).reshape(len(roles), n_cols)
    score = np.where(contents <= _VETO, _VETO, heads + np.clip(contents, 0, None))
    # a column with no header evidence needs strong content to take a role, and some roles need a header
    needs_header = np.array([[r in s.header_required] for r in roles])
    score = np.where((heads == 0) & ((contents < s.min_content_only) | needs_header), _VETO, score)
    # a description (建设内容, target_run.with_quantity) never names the indicator itself: it can only
    # join a name column's run, beside a quantity column (_target_run)
    for c in range(n_cols):
        if stacks[c] and any(p.fullmatch(stacks[c][0]) for p in s.run_with_quantity):
            score[roles.index(Role.TARGET), c] = _VETO
    # one dummy column per role: leaving the role unassigned is worth min_score
    dummies = np.full((len(roles), len(roles)), _VETO)
    np.fill_diagonal(dummies, s.min_score)
    rows, cols = linear_sum_assignment(np.hstack([score, dummies]), maximize=True)
    chosen: dict[Role, int] = {roles[r]: int(c) for r, c in zip(rows, cols) if c < n_cols and score[r, c] > _VETO}

    if Role.TARGET not in chosen and Role.TARGET_GOAL in chosen:
        # 工作目标 with no name column beside it: it is the target itself
        chosen[Role.TARGET] = chosen.pop(Role.TARGET_GOAL)
        heads[roles.index(Role.TARGET)] = heads[roles.index(Role.TARGET_GOAL)]
    run = _target_run(chosen[Role.TARGET], header, stacks, n_cols, chosen, contents[roles.index(Role.TARGET)],
                      heads[roles.index(Role.TARGET)], s) if Role.TARGET in chosen else ()
    if chosen.get(Role.TARGET_GOAL) in run:
        del chosen[Role.TARGET_GOAL]

    choices: list[RoleChoice] = []
    for role, col in chosen.items():
        r = roles.index(role)
        columns = run if role is Role.TARGET else (col,)
        others = [score[r, c] for c in range(n_cols)
                  if c not in columns and c not in chosen.values() and score[r, c] > _VETO]
        choices.append(_choice(role, columns, stacks[col], heads[r, col], contents[r, col], others, s))
    choices.sort(key=lambda c: c.columns[0])
    return TableMapping(columns=tuple(flat_headers(header, n_cols)), choices=tuple(choices),
                        min_confidence=s.min_confidence)


def _target_run(col: int, header: list[list[GridCell]], stacks: list[list[str]], n_cols: int,
                chosen: dict[Role, int], target_content: np.ndarray, target_head: np.ndarray,
                s: _Settings) -> tuple[int, ...]:
    """The target column plus the columns that describe the same indicator with it: its neighbours
    under one merged header cell (考核指标 over group | sub-indicator | sub-sub-indicator), and a
    name column with the more specific column beside it (项目名称 | 目标任务, see target_run in
    rules/columns.yaml). A column another role took, or whose content vetoes a target, stays out."""
    taken = {c for role, c in chosen.items() if role not in (Role.TARGET, Role.TARGET_GOAL)}
    quantity = Role.MEASURE_UNIT in chosen

    def free(c: int) -> bool:
        return 0 <= c < n_cols and c not in taken and target_content[c] > _VETO

    def same_header(a: int, b: int) -> bool:
        return any(a < len(row) and b < len(row) and row[a].origin == row[b].origin and squash(row[a].text)
                   for row in header)

    def specific(c: int) -> bool:
        """The column's header says it is the specific form of the indicator named on its left."""
        text = stacks[c][0] if stacks[c] else ""
        return (any(p.fullmatch(text) for p in s.run_always)
                or (quantity and any(p.fullmatch(text) for p in s.run_with_quantity)))

    start = end = col
    while free(start - 1) and (same_header(start - 1, start) or (specific(start) and target_head[start - 1] > 0)):
        start -= 1
    while free(end + 1) and (same_header(end, end + 1) or specific(end + 1)):
        end += 1
    return tuple(range(start, end + 1))


def _choice(role: Role, columns: tuple[int, ...], stack: list[str], head: float, content: float,
            others: list[float], s: _Settings) -> RoleChoice:
    if head >= s.header_upper - 0.1 and content >= 0.5:
        evidence, confidence = "header+content", 1.0
    elif head >= s.header_upper - 0.1:
        evidence, confidence = "header", 0.7 if content > 0 else 0.6
    elif head > 0:
        evidence, confidence = "header word+content", 0.5 + 0.4 * min(1.0, content)
    else:
        evidence, confidence = "content", 0.4 + 0.5 * min(1.0, content)
    best = head + max(content, 0.0)
    if others and max(others) >= best - s.margin:
        evidence += ", ambiguous"
        confidence *= 0.7
    return RoleChoice(role=role, columns=columns, header=stack[0] if stack else "", evidence=evidence,
                      confidence=round(float(confidence), 2))   # a content score may be numpy's


def map_table(grid: Grid, rules: Rules, header: list[list[GridCell]] | None = None) -> TableMapping:
    """`header`: the header to read the columns by when the grid has none of its own (a sub-table
    printed under the previous one's header, which is not repeated)."""
    mapping = map_columns(grid.header or header or [], _body_rows(grid), grid.n_cols, rules)
    seq = mapping.choice(Role.SEQ)
    if seq is None or not seq_column_is_section(grid, seq.columns[0], rules):
        return mapping
    # a 序号 column of group names (一、创新成果转化攻坚行动): the table's sections, so said in
    # tables.csv too, not changed later by the records
    section = dataclasses.replace(seq, role=Role.SECTION, evidence=f"{seq.evidence}, holds group names")
    choices = tuple(c for c in mapping.choices if c.role is not Role.SECTION and c is not seq) + (section,)
    return dataclasses.replace(mapping, choices=choices)


def seq_column_is_section(grid: Grid, seq_col: int, rules: Rules) -> bool:
    """A 序号 column holding group names (一、创新成果转化攻坚行动) instead of numbers."""
    seq_value = settings(rules).seq_value
    values = [squash(row[seq_col].text) for row in grid.rows if seq_col < len(row)]
    values = [v for v in values if v]
    if not values:
        return False
    numeric = sum(1 for v in values if seq_value.fullmatch(v))
    return numeric * 2 < len(values)
