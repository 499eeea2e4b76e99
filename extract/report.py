"""Findings for people: rich renderables (the CLI prints them; nothing here prints).

Everything that comes from a document or a path goes in as `Text` or escaped: rich reads plain
strings as markup, and a title holding "[/x]" would otherwise crash the report."""
from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from extract.batch import BatchSummary
from extract.model import Annotated, BulletinResult

if TYPE_CHECKING:
    from extract.history import History

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def where(page: int | None, locator: str) -> str:
    if page is not None:
        return f"p.{page}"
    return locator or ""


def bulletin_panel(result: BulletinResult) -> Panel:
    header = result.header
    lines = [
        f"[bold]{escape(header.title) or '(no title found)'}[/bold]",
        escape(f"{header.issuer}  {header.doc_number}  {header.date}".strip()),
        escape(f"{result.file} · {f'{result.pages} pages' if result.pages else 'draft'} · "
               f"{len(result.indicators)} indicators · {len(result.claims)} claims · {len(result.findings)} findings"),
    ]
    return Panel("\n".join(lines), title="zhuanbao check", expand=False)


def coverage_line(result: BulletinResult) -> Text:
    """What was read and checked: a clean result means something only when something was checked."""
    c = result.coverage
    if result.status != "ok":
        return Text("")
    line = Text(f"Read {c.statements} counted statements: {c.table} checked against the tables, "
                f"{c.arithmetic} by arithmetic alone, {c.unchecked} unchecked", style="bold")
    if not c.checked and result.findings:
        line.append("\nNothing was checked: no statement could be compared with a table or with the "
                    "document's other figures.", style="bold yellow")
    return line


def findings_table(result: BulletinResult) -> Group | Text:
    if not result.findings:
        if result.status == "ok" and result.coverage.checked:
            return Text("No inconsistencies found.", style="bold green")
        return Text("Nothing was checked: no statement could be compared with a table or with the "
                    "document's other figures.", style="bold yellow")
    parts = []
    # sections in the order the narrative states them
    order: dict[str, int] = {}
    for claim in result.claims:
        order.setdefault(claim.section, len(order))
    ordered = sorted(result.findings, key=lambda f: order.get(f.section, len(order)))
    for section, group in groupby(ordered, key=lambda f: f.section):
        findings = list(group)
        table = Table(title=Text(f"{section or '(no section)'} {findings[0].campaign}"), title_justify="left",
                      show_lines=True, expand=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("sentence", ratio=2, style="dim", overflow="fold")
        table.add_column("detail (stated vs computed)", ratio=3, overflow="fold")
        table.add_column("where", no_wrap=True)
        for f in findings:
            table.add_row(Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")), Text(f.kind),
                          Text(f.sentence[:120]), Text(f.detail), Text(where(f.page, f.locator)))
        parts.append(table)
    return Group(*parts)


def annotated_line(annotated: Annotated | None, target: str) -> Text:
    """What `check --annotate` wrote (Text: document paths are never read as markup)."""
    if annotated is None:
        return Text(f"{target}: not written (not a bulletin that could be checked)", style="yellow")
    marks = "highlights" if target.lower().endswith(".pdf") else "comments"
    line = Text(f"{target}: {annotated.marks} {marks}", style="bold")
    for finding in annotated.approximate:
        line.append(f"\n  {finding.kind} {finding.section}: sentence not found at {where(finding.page, finding.locator) or '?'};"
                    " marked on its paragraph or page", style="yellow")
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
