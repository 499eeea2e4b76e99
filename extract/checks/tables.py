"""Checks against the linked annex tables: totals and counts by status, numbered items, the
counts printed in cells, campaign names, status words not understood."""
from __future__ import annotations

from collections import defaultdict
from enum import StrEnum

import regex

from extract.checks.context import Context, Verified, parts_of, row_name, total_of
from extract.chinese.text import squash
from extract.model import (
    Claim,
    ClaimKind,
    Finding,
    FindingKind,
    Indicator,
    Role,
    SectionKey,
    Severity,
    Status,
    TotalKind,
    Unchecked,
)


def check_counts_in_table_words(ctx: Context) -> list[Finding]:
    """A genre bulletin whose table is the list of its items (a linked statement's total is exactly
    the table's rows) may state a status count anywhere: 正在办理的28件事项中 in its problems part,
    已开工项目中，已竣工3个 in a breakdown of the started ones. Each count whose words hold one of the
    table's own status words, in that total's unit and over a base that is the total or a status, is
    compared with the rows that print that word. Counts already compared with the table are not
    compared again."""
    out: list[Finding] = []
    tables: dict[int, tuple[list[Indicator], str]] = {}
    for key, claims in ctx.by_section.items():
        rows, total = ctx.rows(key), total_of(claims)
        if rows and total is not None and total.genre and total.count == len(ctx.assessed(rows)):
            tables.setdefault(rows[0].annex_no, (rows, total.unit))
    if len(tables) != 1:
        return out
    rows, unit = next(iter(tables.values()))
    words = sorted({squash(r.status_raw) for r in rows if len(squash(r.status_raw)) >= 2}, key=len, reverse=True)
    claims = [c for section in ctx.by_section.values() for c in section]
    labels: dict[tuple[str, int | None], str] = {}
    for c in claims:       # what each count of a section says it counts (the first saying)
        if c.kind in (ClaimKind.TOTAL, ClaimKind.PART) and c.genre:
            labels.setdefault((c.section, c.count), c.label)
    for c in claims:
        if not c.genre or c.unit != unit or c.count is None or ctx.verified.get(id(c)) is Verified.TABLE:
            continue
        # 正在办理的28件事项中 says a status of its count; 19件确定事项中已办结8件 says one of the next count's
        said_of_it = squash(c.label).split(ctx.count_words.among)[0] if c.kind is ClaimKind.TOTAL else squash(c.label)
        word = next((w for w in words if w in said_of_it), None)
        if word is None or c.kind not in (ClaimKind.PART, ClaimKind.TOTAL) or c.sub_part:
            continue
        if c.kind is ClaimKind.TOTAL and ctx.vocab.read(c.label).status is Status.UNKNOWN:
            continue
        base = labels.get((c.section, c.total)) if c.kind is ClaimKind.PART else None
        if c.kind is ClaimKind.PART and (base is None or (c.total != len(ctx.assessed(rows))
                                                          and ctx.vocab.read(base).status is Status.UNKNOWN)):
            continue   # a count over a department's or a town's share of the items is no count of the table
        ctx.verify(Verified.TABLE, c)
        have = sum(1 for r in rows if word in squash(r.status_raw))
        status = ctx.vocab.read(word).status
        if have != c.count and c.count != sum(1 for r in rows if r.status == status):
            out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, c,
                                   f"{c.section} {c.label} ({word}): stated {c.count}, the table has {have} rows {word}",
                                   stated=c.count, computed=have))
    return out


def check_numbered_items(ctx: Context) -> list[Finding]:
    """Items named by number (第1件、第17、18件……进展滞后) against the 序号 of the linked table, or of
    the bulletin's only table: a number that no row carries, a row of another status."""
    out: list[Finding] = []
    only = {(i.annex_no, i.table_no) for i in ctx.indicators}
    terms = ctx.terms
    for key, claims in ctx.by_section.items():
        for c in claims:
            if c.kind is not ClaimKind.ITEMS:
                continue
            rows = ctx.rows(key) or (ctx.indicators if len(only) == 1 else None)
            numbered = {n: r for r in rows or [] if (n := _seq_number(r.seq)) is not None}
            if not numbered:
                out.append(ctx.unchecked(c, Unchecked.NO_NUMBERED_TABLE,
                                         f"{key.section} items {'、'.join(c.names)} ({c.status_text}): "
                                            "no table numbers its rows"))
                continue
            unsure = ctx.unsure_column(rows or [], Role.STATUS, c, f"{key.section} items by number")
            if unsure is not None:
                out.append(unsure)
                continue
            ctx.verify(Verified.TABLE, c)
            # a table that only says 已办结 / 正在办理 cannot tell a late item from an ongoing one:
            # the item conflicts with its row only on done / not done
            strict = c.status in {r.status for r in rows or []}
            for number in c.names:
                row = numbered.get(int(number))
                if row is None:
                    out.append(ctx.finding(FindingKind.NAME_NOT_FOUND, c,
                                           f"{key.section} {c.label}: item {number} is not a {terms.seq} of the "
                                           f"table (it numbers {min(numbered)}-{max(numbered)})",
                                           stated=f"{terms.ordinal}{number}{c.unit}", computed=""))
                elif row.status != Status.UNKNOWN and (row.status != c.status if strict else
                                                       (row.status == Status.COMPLETED) != (c.status == Status.COMPLETED)):
                    out.append(ctx.finding(FindingKind.NAMED_ITEM_STATUS, c,
                                           f"{key.section} {c.label} names item {number} ({c.status_text}), but its row "
                                           f"'{row_name(row)}' is {row.status} ({row.status_raw})",
                                           stated=f"{terms.ordinal}{number}{c.unit}: {c.status_text}", computed=row.status,
                                           basis=row_name(row)))
    return out


def _seq_number(seq: str) -> int | None:
    m = regex.fullmatch(r"\s*([0-9]{1,4})\s*[.、．]?\s*", seq or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- against the tables


def _cell_total(ctx: Context, annex_no: int | None) -> int | None:
    cells = ctx.cells_by_annex.get(annex_no) if annex_no is not None else None
    if not cells:
        return None
    return sum(c.count for c in cells if c.status == TotalKind.TOTAL and c.count is not None)


class Counted(StrEnum):
    """What a section's counts count in its linked table."""

    ROWS = "rows"               # the table's assessed rows
    CELLS = "cells"             # the tallies printed in its cells (共有37项任务清单，其中已完成6项…)
    AMBIGUOUS = "ambiguous"     # the stated total is neither


def _mode(ctx: Context, section: SectionKey, claims: list[Claim]) -> Counted:
    """What the section's counts count: the table's rows, or the counts printed in its cells.

    Decided by the document's own evidence: a table whose rows carry no assessment but whose cells
    state counts is counted by its cells; where both exist, by whichever the stated total equals;
    neither when it equals neither."""
    rows = ctx.rows(section) or []
    link = ctx.links.get(section)
    cell_total = _cell_total(ctx, link.annex_no if link else None)
    if cell_total is None:
        return Counted.ROWS
    if not ctx.assessed(rows):
        return Counted.CELLS
    total = total_of(claims)
    if total is None or total.count == len(ctx.assessed(rows)):
        return Counted.ROWS
    if total.count == cell_total:
        return Counted.CELLS
    return Counted.AMBIGUOUS


def check_totals_vs_table(ctx: Context) -> list[Finding]:
    """A stated total (项) vs the linked table's rows; 件 vs its distinct 序号.

    Rows without a status may or may not be counted by the narrative (sub-rows, 未下指标 lines):
    a total between the assessed rows and all rows is an info line, not an error."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        total = total_of(claims)
        if not rows or total is None or total.count is None:
            continue
        mode = _mode(ctx, section, claims)
        if mode is Counted.CELLS:
            continue
        assessed = ctx.assessed(rows)
        if total.genre and not _lists_what_it_counts(ctx, total, assessed):
            link = ctx.links.get(section)
            if link is not None and not link.implicit:
                out.append(ctx.unchecked(total, Unchecked.TABLE_LISTS_OTHER,
                                         f"{section.section} total {total.count}{total.unit}: the linked table's "
                                                f"{len(assessed)} rows list something else"))
            continue
        if mode is Counted.AMBIGUOUS:
            out.append(ctx.unchecked(total, Unchecked.TOTAL_SCOPE_UNSURE,
                                     f"{section.section} total {total.count} is neither the table's {len(assessed)} "
                                            f"rows nor the {_cell_total(ctx, total.annex_no)} items its cells count"))
            continue
        if assessed:
            ctx.verify(Verified.TABLE, total)
        if assessed and total.count == len(assessed) < len(rows):
            out.append(ctx.unchecked(total, Unchecked.ROWS_WITHOUT_STATUS,
                                     f"{section.section} total {total.count} is taken to leave out the table's "
                                            f"{len(rows) - len(assessed)} rows without a status "
                                            f"({len(rows)} rows in all)"))
        elif assessed and total.count != len(assessed):
            detail = f"{section.section} {total.label}: stated total {total.count}, the table has {len(assessed)} assessed rows"
            if len(assessed) <= total.count <= len(rows):
                out.append(ctx.unchecked(total, Unchecked.ROWS_WITHOUT_STATUS,
                                         f"{detail}; {len(rows) - len(assessed)} more rows have no status, "
                                                f"and the narrative may count them"))
            elif ctx.uncertain_role(rows, Role.STATUS) is not None:
                out.append(ctx.unchecked(total, Unchecked.COLUMN_UNSURE, f"{detail}, but the status column is uncertain"))
            else:
                out.append(ctx.finding(FindingKind.TOTAL_VS_TABLE, total,
                                       f"{detail}" + (f" ({len(rows)} rows in all)" if len(rows) != len(assessed) else ""),
                                       stated=total.count, computed=len(assessed)))
        groups = total_of(claims, TotalKind.GROUPS)
        seqs = {r.seq.strip() for r in rows if r.seq and r.seq.strip()}
        if groups is not None and seqs and groups.count != len(seqs):
            out.append(ctx.finding(FindingKind.TOTAL_VS_TABLE, groups,
                                   f"{section.section} {groups.label}: stated {groups.count} {ctx.terms.groups_unit}, "
                                   f"the table has {len(seqs)} distinct {ctx.terms.seq}", stated=groups.count,
                                   computed=len(seqs)))
    return out


def _lists_what_it_counts(ctx: Context, total: Claim, assessed: list[Indicator]) -> bool:
    """A genre statement's table lists the items its total counts when the two are close: a table
    of those items may miss or repeat a row; one of very another size lists something else (the 18
    late tasks of 96, the 14 hazards of 32 firms inspected). A statement that does not refer to the
    table (the bulletin's only table, no 详见附件) must count exactly its rows."""
    link = ctx.links.get(SectionKey(total.section))
    if link is not None and link.implicit:
        return total.count == len(assessed)
    band = max(ctx.rules.tolerances.table.genre_rows_band,
               round(ctx.rules.tolerances.table.genre_rows_share * len(assessed)))
    return total.count is not None and abs(total.count - len(assessed)) <= band


def _table_word(group: list[Claim], rows: list[Indicator]) -> str:
    """A genre statement's label that the table's status cells use as printed (超进度, 正在办理): what
    its count is compared with, finer than the status it reads as; "" when the table does not."""
    labels = {squash(c.label) for c in group}
    if not group[0].genre or len(labels) != 1:
        return ""
    label = labels.pop()
    return label if label and any(label in squash(r.status_raw) for r in rows) else ""


def _learned_key(claim: Claim, rows: list[Indicator]) -> str | None:
    """A part whose label the vocabulary could not read, matched to a table word that is not
    understood either but that the label contains (the bulletin's own word for a status)."""
    label = squash(claim.label)
    words = {squash(r.status_raw) for r in rows if r.status == Status.UNKNOWN and squash(r.status_raw)}
    hits = [w for w in words if w and (w in label or label in w)]
    return hits[0] if len(hits) == 1 else None


def check_counts_vs_table(ctx: Context) -> list[Finding]:
    """Each per-status count vs the number of linked rows with that status.

    Rows whose status words were not understood could hold any status: a count is an error only
    when it lies outside [rows with the status, rows with the status + rows not understood]."""
    out: list[Finding] = []
    for section, claims in ctx.by_section.items():
        rows = ctx.rows(section)
        if not rows or _mode(ctx, section, claims) is not Counted.ROWS:
            continue
        assessed = ctx.assessed(rows)
        if not assessed:
            continue
        parts = [c for c in parts_of(claims) if not c.sub_part]
        if not parts:
            continue
        total = total_of(claims)
        if parts[0].genre and (total is None or not _lists_what_it_counts(ctx, total, assessed)):
            continue   # the table lists something else than these counts (check_totals_vs_table says so)
        # 其余9件正在加快推进，其中第8、15件进度滞后: the 9 count the statuses its breakdown names too
        broken = {c.text: {x.status for x in claims if x.text == c.text and x.status and x.status != c.status
                           and (x.kind is ClaimKind.ITEMS or x.sub_part)} for c in parts if c.genre}
        unsure = ctx.unsure_column(rows, Role.STATUS, parts[0], f"{section.section} counts by status")
        if unsure is not None:
            out.append(unsure)
            continue
        unread = ctx.not_understood(rows)
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in parts:
            if c.status:
                stated[c.status].append(c)
            else:
                word = _learned_key(c, rows)
                if word is not None:
                    stated[f"word:{word}"].append(c)
        for key, group in stated.items():
            ctx.verify(Verified.TABLE, *group)
            said = sum(c.count for c in group if c.count is not None)
            own = _table_word(group, rows)
            if key.startswith("word:"):
                have, slack, name = sum(1 for r in rows if squash(r.status_raw) == key[5:]), 0, key[5:]
            elif own:
                # 超进度 / 正在办理 as the table itself writes them: 达进度 rows are on_track too, and
                # 正在办理（进展滞后） is still 正在办理
                have, slack, name = sum(1 for r in rows if own in squash(r.status_raw)), 0, own
            else:
                have, slack, name = sum(1 for r in assessed if r.status == key), len(unread), key
            wider = {s for c in group for s in broken.get(c.text, set())} if group[0].genre else set()
            if said == have or (wider and said == have + sum(1 for r in assessed if r.status in wider)):
                continue
            if own and said == sum(1 for r in assessed if r.status == key):
                continue   # 已完工4项: 3 rows 已完工 and 1 已投入使用, both done: one reading makes it right
            if own and have < said <= have + len(unread):
                slack = len(unread)
            labels = "/".join(dict.fromkeys(c.label for c in group))
            detail = f"{section.section} {labels} ({name}): stated {said}, the table has {have} rows {name}"
            if have < said <= have + slack:
                words = "、".join(dict.fromkeys(squash(r.status_raw) for r in unread))
                out.append(ctx.unchecked(group[0], Unchecked.STATUS_WORDS_UNKNOWN,
                                         f"{detail}; {slack} rows have status words not understood ({words})"))
            else:
                out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, group[0], detail, stated=said, computed=have))
    return out




# --------------------------------------------------------------------------- table cells


def _cell_groups(cells: list[Claim]) -> list[list[Claim]]:
    groups: list[list[Claim]] = []
    for c in cells:
        if c.status == TotalKind.TOTAL or not groups:
            groups.append([c])
        else:
            groups[-1].append(c)
    return groups


def check_cells(ctx: Context) -> list[Finding]:
    """Counts printed in table cells: each cell adds up; their sums match the narrative."""
    out: list[Finding] = []
    for annex_no, cells in ctx.cells_by_annex.items():
        groups = _cell_groups(cells)
        for group in groups:
            total = group[0] if group[0].status == TotalKind.TOTAL else None
            parts = [c for c in group[1:] if c.count is not None]
            got = sum(c.count for c in parts if c.count is not None)
            if total is not None and len(parts) >= 2 and got != total.count:
                terms = " + ".join(f"{c.label} {c.count}" for c in parts)
                out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                                       f"annex {annex_no} table cell ({total.locator or total.page}): parts add to "
                                       f"{got} ({terms}), the cell states {total.count}",
                                       stated=total.count, computed=got, basis=" + ".join(str(c.count) for c in parts)))
        section = next((c.section for c in cells if c.section), None)
        if section is None:
            continue
        claims = ctx.by_section.get(section, [])
        if _mode(ctx, section, claims) is not Counted.CELLS:
            continue
        cell_total = sum(g[0].count for g in groups if g[0].status == TotalKind.TOTAL and g[0].count is not None)
        total = total_of(claims)
        ctx.verify(Verified.TABLE, *[c for c in claims if c.kind is not ClaimKind.NAMES])
        if total is not None and cell_total != total.count:
            terms = " + ".join(str(g[0].count) for g in groups if g[0].status == TotalKind.TOTAL)
            out.append(ctx.finding(FindingKind.SUM_MISMATCH, total,
                                   f"{section.section} {total.label}: stated total {total.count}, the sum of the "
                                   f"table's cells is {cell_total} ({terms})", stated=total.count, computed=cell_total,
                                   basis=terms))
        by_status: dict[str, int] = defaultdict(int)
        for c in cells:
            if c.status is not None and c.status != TotalKind.TOTAL and c.count is not None:
                by_status[c.status] += c.count
        stated: dict[str, list[Claim]] = defaultdict(list)
        for c in parts_of(claims):
            if c.status:
                stated[c.status].append(c)
        for status, parts in stated.items():
            said = sum(c.count for c in parts if c.count is not None)
            if said != by_status.get(status, 0):
                out.append(ctx.finding(FindingKind.COUNT_VS_TABLE, parts[0],
                                       f"{section.section} {parts[0].label} ({status}): stated {said}, the sum of the "
                                       f"table's cells is {by_status.get(status, 0)}",
                                       stated=said, computed=by_status.get(status, 0)))
    return out


def check_campaign_drift(ctx: Context) -> list[Finding]:
    """The narrative names the linked annex's campaign differently (warning)."""
    out: list[Finding] = []
    seen: set[tuple[int | None, str]] = set()
    for section, claims in ctx.by_section.items():
        link = ctx.links.get(section)
        if link is None or not link.drift or (link.annex_no, link.stated) in seen:
            continue
        seen.add((link.annex_no, link.stated))
        out.append(ctx.finding(FindingKind.CAMPAIGN_NAME_DRIFT, claims[0],
                               f"{section.parent} names the campaign '{link.stated}', annex {link.annex_no} is "
                               f"'{link.campaign}'", Severity.WARNING, section=section,
                               stated=link.stated, computed=link.campaign))
    return out


def check_status_words(ctx: Context) -> list[Finding]:
    """One info line per bulletin: the tables' status words the vocabulary did not understand."""
    words = list(dict.fromkeys(squash(r.status_raw) for r in ctx.not_understood(ctx.indicators)))
    if not words:
        return []
    first = next(r for r in ctx.not_understood(ctx.indicators))
    return [Finding(file=ctx.file, kind=FindingKind.UNKNOWN_STATUS_WORDS, severity=Severity.INFO,
                    annex_no=first.annex_no, campaign=first.campaign,
                    detail=f"status words not understood: {'、'.join(words)} (add them to rules/status.yaml)",
                    page=first.page_start, locator=first.locator, stated="、".join(words))]
