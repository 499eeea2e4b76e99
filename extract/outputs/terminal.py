"""Findings for people: rich renderables (the CLI prints them; nothing here prints).

Everything that comes from a document or a path goes in as `Text` or escaped: rich reads plain
strings as markup, and a title holding "[/x]" would otherwise crash the report."""
from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from extract.model import Annotated, BulletinResult, ResultStatus
from extract.outputs.messages import message
from extract.run.batch import BatchSummary
from extract.settings.sections import ReviewRules

if TYPE_CHECKING:
    from extract.history.history import History

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


class Lang(StrEnum):
    """The language `check` speaks in a terminal (rules/review.yaml `terminal:` words it)."""

    ZH = "zh"
    EN = "en"


def where(page: int | None, locator: str, words: Mapping[str, str]) -> str:
    if page is not None:
        return words["page"].format(page=page)
    return locator or ""


def bulletin_panel(result: BulletinResult, words: Mapping[str, str]) -> Panel:
    header = result.header
    pages = words["pages"].format(pages=result.pages) if result.pages else words["draft"]
    lines = [
        f"[bold]{escape(header.title) or escape(words['no_title'])}[/bold]",
        escape(f"{header.issuer}  {header.doc_number}  {header.date}".strip()),
        escape(words["facts"].format(file=result.file, pages=pages, indicators=len(result.indicators),
                                     claims=len(result.claims), findings=len(result.findings))),
    ]
    return Panel("\n".join(lines), title=escape(words["title"]), expand=False)


def coverage_line(result: BulletinResult, words: Mapping[str, str]) -> Text:
    """What was read and checked: a clean result means something only when something was checked."""
    c = result.coverage
    if result.status != "ok":
        return Text("")
    line = Text(words["coverage"].format(statements=c.statements, table=c.table, arithmetic=c.arithmetic,
                                         unchecked=c.unchecked), style="bold")
    if not c.checked and result.findings:
        line.append("\n" + words["nothing_checked"], style="bold yellow")
    return line


def findings_table(result: BulletinResult, review: ReviewRules, lang: Lang) -> Group | Text:
    """The findings by section: in Chinese the reviewer's wording (as in the Word comments), in
    English each finding's kind and detail."""
    words = review.terminal[lang.value]
    if not result.findings:
        if result.status == ResultStatus.OK and result.coverage.checked:
            return Text(words["clean"].format(checked=result.coverage.checked), style="bold green")
        return Text(words["nothing_checked"], style="bold yellow")
    parts = []
    # sections in the order the narrative states them
    order: dict[str, int] = {}
    for claim in result.claims:
        order.setdefault(claim.section, len(order))
    ordered = sorted(result.findings, key=lambda f: order.get(f.section, len(order)))
    for section, group in groupby(ordered, key=lambda f: f.section):
        findings = list(group)
        table = Table(title=Text(f"{section or words['no_section']} {findings[0].campaign}"), title_justify="left",
                      show_lines=True, expand=True)
        if lang is Lang.EN:
            table.add_column("severity", no_wrap=True)
            table.add_column("kind", no_wrap=True)
        table.add_column(words["sentence"], ratio=2, style="dim", overflow="fold")
        table.add_column(words["finding"], ratio=3, overflow="fold")
        table.add_column(words["where"], no_wrap=True)
        for f in findings:
            style = SEVERITY_STYLE.get(f.severity, "")
            if lang is Lang.EN:
                cells = [Text(f.severity, style=style), Text(f.kind), Text(f.sentence[:120]), Text(f.detail)]
            else:
                # as the Word comment says it: 【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%
                cells = [Text(f.sentence[:120]), Text(message(f, review), style=style)]
            table.add_row(*cells, Text(where(f.page, f.locator, words)))
        parts.append(table)
    return Group(*parts)


def annotated_line(annotated: Annotated | None, target: str, words: Mapping[str, str]) -> Text:
    """What `check --annotate` wrote (Text: document paths are never read as markup)."""
    if annotated is None:
        return Text(words["not_annotated"].format(target=target), style="yellow")
    marks = "highlights" if target.lower().endswith(".pdf") else "comments"
    line = Text(words[marks].format(target=target, marks=annotated.marks), style="bold")
    for finding in annotated.approximate:
        line.append("\n  " + words["approximate"].format(
            section=finding.section, where=where(finding.page, finding.locator, words) or "?"), style="yellow")
    return line


def summary_table(summary: BatchSummary, slowest: list[tuple[str, float]] | None = None) -> Table:
    table = Table(title="zhuanbao extract", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    files = f"{summary.files} of {summary.total}" if summary.total > summary.files else str(summary.files)
    table.add_row("files", files + (" (interrupted)" if summary.interrupted else ""))
    table.add_row("ok", str(summary.ok))
    table.add_row("skipped", str(summary.skipped))
    table.add_row("errors", Text(str(summary.errors), style="red" if summary.errors else ""))
    table.add_row("pages", str(summary.pages))
    if summary.ocr_pages:
        table.add_row("pages read by OCR", str(summary.ocr_pages))
    table.add_row("indicators", str(summary.indicators))
    for kind, n in sorted(summary.findings_by_kind.items()):
        table.add_row(Text(f"findings: {kind}"), str(n))
    table.add_row("converted", str(summary.processed))
    table.add_row("cache hits", str(summary.cache_hits))
    for name, seconds in slowest if slowest is not None else summary.slowest_files():
        table.add_row(Text(f"slow: {Path(name).name}"), f"{seconds:.1f}s")
    return table


def laggards_table(result: History) -> Group:
    """What `zhuanbao history` found: counts, then the laggards, longest runs first."""
    history, laggards = result.history, result.laggards
    linked = history["link"].isin(["next", "gap"]).sum()
    counts = Text(f"{history['issuer'].nunique()} issuers · {history['file'].nunique()} bulletins · "
                  f"{len(history)} rows · {history['indicator_id'].nunique()} indicators · {linked} links "
                  f"({(history['link'] == 'gap').sum()} across a gap) · {len(laggards)} laggard runs")
    if not linked:
        # one bulletin per issuer, or none read: no run could be looked for, which is no clean result
        return Group(counts, Text("Nothing to compare: no indicator was found in two bulletins of one issuer.",
                                  style="bold yellow"))
    if laggards.empty:
        return Group(counts, Text("No indicator is behind in consecutive bulletins.", style="bold green"))
    table = Table(title="laggards (behind in consecutive bulletins)", title_justify="left", show_lines=True,
                  expand=True)
    for column, options in (("run", {"justify": "right", "no_wrap": True}), ("periods", {"ratio": 2}),
                            ("indicator", {"ratio": 4, "overflow": "fold"}), ("units", {"ratio": 2}),
                            ("last progress", {"ratio": 4, "overflow": "fold", "style": "dim"})):
        table.add_column(column, **options)
    for row in laggards.itertuples():
        # Text, not markup: document text may contain [brackets]
        table.add_row(Text(str(row.run) + (" (ongoing)" if row.ongoing else "")),
                      Text(f"{row.first_period} → {row.last_period}"),
                      Text(f"{row.indicator_id} {row.campaign}: {row.target}"),
                      Text(str(row.responsible_units).replace(";", "、")), Text(str(row.last_progress)[:160]))
    return Group(counts, table)
