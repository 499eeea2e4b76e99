"""Findings for people: rich renderables (the CLI prints them; nothing here prints)."""
from __future__ import annotations

from itertools import groupby
from pathlib import Path

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from extract.batch import BatchSummary
from extract.model import BulletinResult

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def where(page: int | None, locator: str) -> str:
    if page is not None:
        return f"p.{page}"
    return locator or ""


def bulletin_panel(result: BulletinResult) -> Panel:
    header = result.header
    lines = [
        f"[bold]{header.title or '(no title found)'}[/bold]",
        f"{header.issuer}  {header.doc_number}  {header.date}".strip(),
        f"{result.file} · {f'{result.pages} pages' if result.pages else 'draft'} · {len(result.indicators)} indicators · "
        f"{len(result.claims)} claims · {len(result.findings)} findings",
    ]
    return Panel("\n".join(lines), title="zhuanbao check", expand=False)


def findings_table(result: BulletinResult) -> Group | Text:
    if not result.findings:
        return Text("No inconsistencies found.", style="bold green")
    parts = []
    # sections in the order the narrative states them
    order = {}
    for claim in result.claims:
        order.setdefault(claim.section, len(order))
    ordered = sorted(result.findings, key=lambda f: order.get(f.section, len(order)))
    for section, findings in groupby(ordered, key=lambda f: f.section):
        findings = list(findings)
        table = Table(title=f"{section or '(no section)'} {findings[0].campaign}", title_justify="left",
                      show_lines=True, expand=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("sentence", ratio=2, style="dim", overflow="fold")
        table.add_column("detail (stated vs computed)", ratio=3, overflow="fold")
        table.add_column("where", no_wrap=True)
        for f in findings:
            table.add_row(Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")), f.kind, f.sentence[:120],
                          f.detail, where(f.page, f.locator))
        parts.append(table)
    return Group(*parts)


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
        table.add_row(f"findings: {kind}", str(n))
    table.add_row("converted", str(summary.processed))
    table.add_row("cache hits", str(summary.cache_hits))
    for name, seconds in slowest if slowest is not None else summary.slowest_files():
        table.add_row(f"slow: {Path(name).name}", f"{seconds:.1f}s")
    return table
