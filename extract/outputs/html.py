"""`report OUTDIR --html FILE`: one self-contained HTML page from the tables `extract` wrote.

Per bulletin: its header facts, its findings by section (sentence, stated vs computed), three
charts and its indicators table (sortable, filterable). Everything is inline: the charts are
SVG drawn here (no chart library, no script needed to see them), the table's sorting and
filtering a few lines of plain JavaScript, the fonts named from what Windows, macOS and Linux
ship. Every document text goes through Jinja2's autoescaping.
"""
from __future__ import annotations

import csv
import os
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from extract.model import Finding, ResultStatus, Severity
from extract.outputs.export import LOCK_NAME, finding_from_row, write_text_atomic
from extract.outputs.export import TABLES as EXPORT_TABLES
from extract.outputs.messages import is_shown, message, severity_name, shown, wording
from extract.run.cache import DEFAULT_DIRNAME
from extract.settings.limits import Limits
from extract.settings.rules import Rules
from extract.settings.sections import ReviewRules

TABLES = ("bulletins", "indicators", "findings", "claims")
HISTORY_TABLES = ("history", "laggards")   # from `zhuanbao history OUTDIR`, when it was run
SPARK_W, SPARK_H = 120.0, 28.0             # a laggard's completion sparkline
RATIO_BINS = 10          # completion ratio histogram: 0-10% ... 90-100%, then one bar for 100% and over
TOP_UNITS = 12           # the behind-per-unit chart shows the units with most behind indicators
BEHIND = "behind"        # the canonical status the second chart counts


@dataclass
class Report:
    path: str
    bulletins: int
    indicators: int
    findings: int          # shown ones (error and warning)
    size: int              # bytes
    left_out: int = 0      # bulletins listed in the overview only (the page's size budget)


# The columns the page reads, per table: a hand-edited table without one is refused by name (not
# a KeyError half-way through the page).
NEEDED = {
    "bulletins": ("file", "status", "error", "title", "doc_number", "issuer", "date", "pages", "n_statements",
                  "n_checked_table", "n_checked_arithmetic", "n_unchecked"),
    "indicators": ("file", "annex_no", "campaign", "section", "seq", "target", "responsible_units", "progress",
                   "completion_raw", "completion_ratio", "status_raw", "status", "where"),
    "findings": ("file", "kind", "severity", "annex_no", "campaign", "detail", "page"),
    "claims": ("file", "section"),
    "history": ("issuer", "indicator_id", "period", "status", "completion_ratio"),
    "laggards": ("issuer", "indicator_id", "target", "responsible_units", "run", "first_period", "last_period",
                 "ongoing", "last_completion_ratio", "last_progress"),
}


@contextmanager
def _field_limit(max_bytes: int) -> Iterator[None]:
    # csv's limit is process-wide: restored for whoever reads CSV next
    old = csv.field_size_limit(max_bytes)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _read_csv(path: Path, name: str, max_cell: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:   # with or without the BOM
        reader = csv.DictReader(handle, restval="")   # a short row's missing cells are empty
        try:
            with _field_limit(max_cell):
                rows = list(reader)
        except csv.Error as exc:
            raise ValueError(f"{path}: line {reader.line_num}: {exc} (report.max_cell_mb in rules/limits.yaml "
                             f"is {max_cell / 2**20:g} MiB)") from None
        except UnicodeDecodeError:
            raise ValueError(f"{path}: not UTF-8 text (expected a table `zhuanbao extract` wrote)") from None
    missing = [c for c in NEEDED[name] if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"{path}: no column {', '.join(missing)} (expected the {name} table `zhuanbao extract` "
                         "or `zhuanbao history` wrote)")
    return rows


def _read(outdir: Path, max_cell: int) -> dict[str, list[dict[str, str]]]:
    if not outdir.is_dir():
        raise ValueError(f"{outdir}: not a folder (expected the folder `zhuanbao extract --out DIR` wrote)")
    tables = {}
    for name in TABLES:
        path = outdir / f"{name}.csv"
        if not path.is_file():
            raise ValueError(f"{outdir}: no {name}.csv (run `zhuanbao extract ... --out {outdir}` with CSV output)")
        tables[name] = _read_csv(path, name, max_cell)
    for name in HISTORY_TABLES:
        path = outdir / f"{name}.csv"
        if path.is_file():
            tables[name] = _read_csv(path, name, max_cell)
    return tables


def _refuse_outputs(outdir: Path, target: Path) -> None:
    """The page may not replace a table it is made from, nor any other output of the folder (a
    typo such as `--html out/indicators.csv` would silently destroy it)."""
    if target.is_dir():
        raise ValueError(f"--html {target}: is a folder")
    names = [*(f"{t}.{ext}" for t in (*EXPORT_TABLES, *HISTORY_TABLES) for ext in ("csv", "jsonl", "parquet")),
             "zhuanbao.xlsx", LOCK_NAME]
    protected = [outdir / n for n in names]
    where = target.resolve()
    cache = (outdir / DEFAULT_DIRNAME).resolve()
    same = where == cache or cache in where.parents or any(where == p.resolve() for p in protected)
    if not same and target.exists():   # a hard link or another path to one of them
        same = any(p.exists() and os.path.samefile(p, target) for p in protected)
    if same:
        raise ValueError(f"--html {target}: is one of the outputs of {outdir} (choose another file, e.g. report.html)")


@dataclass
class Laggard:
    row: dict[str, str]
    points: str            # the sparkline's polyline ("x,y x,y ..."): completion over the issuer's periods
    dots: list[tuple[float, float, str, str]]    # x, y, tooltip, css: one per bulletin of the indicator


def _laggards(tables: dict[str, list[dict[str, str]]], behind: str, words: Mapping[str, str]) -> list[Laggard]:
    """laggards.csv with, for each, its completion ratio bulletin by bulletin (history.csv); `words`:
    rules/review.yaml `report`."""
    series: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in tables.get("history", []):
        series[(row["issuer"], row["indicator_id"])].append(row)
    out = []
    for lag in tables.get("laggards", []):
        rows = series.get((lag["issuer"], lag["indicator_id"]), [])
        ratios = [float(r["completion_ratio"]) if r.get("completion_ratio") else None for r in rows]
        top = max([1.0] + [v for v in ratios if v is not None])
        step = SPARK_W / max(1, len(rows) - 1)
        dots = []
        for k, (r, v) in enumerate(zip(rows, ratios)):
            # a bulletin that printed no ratio ("/") still shows its status, on the middle line
            y = SPARK_H / 2 if v is None else SPARK_H - 2 - (SPARK_H - 4) * v / top
            tip = words["laggard_dot"].format(period=r["period"], ratio=words["no_ratio"] if v is None else f"{v:.1%}",
                                              status=r["status"])
            css = "status-behind" if r["status"] == behind else ("dot" if v is not None else "dot none")
            dots.append((k * step, y, tip, css))
        line = " ".join(f"{x:.1f},{y:.1f}" for (x, y, _, _), v in zip(dots, ratios) if v is not None)
        out.append(Laggard(lag, line, dots))
    return out


def laggard_views(outdir: Path, rules: Rules) -> list[Laggard]:
    """The laggards of OUTDIR's history.csv and laggards.csv (`zhuanbao history`), each with its
    sparkline, as the report draws them; none when the history was not written."""
    max_cell = Limits.from_rules(rules).report_max_cell_bytes
    tables = {name: _read_csv(outdir / f"{name}.csv", name, max_cell) for name in HISTORY_TABLES
              if (outdir / f"{name}.csv").is_file()}
    return _laggards(tables, BEHIND, rules.review.report)


# --------------------------------------------------------------------------- charts (SVG geometry)

@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    css: str               # a class naming its colour (status-behind, bar)
    title: str             # the tooltip
    label: str = ""        # printed inside when it fits


@dataclass
class Chart:
    title: str
    kind: str
    width: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    labels: list[tuple[float, float, str, str]] = field(default_factory=list)   # x, y, anchor, text
    legend: list[tuple[str, str]] = field(default_factory=list)                 # css class, text
    empty: str = ""


def _status_mix(indicators: list[dict[str, str]], statuses: list[str], names: Mapping[str, str],
                words: Mapping[str, str]) -> Chart:
    by_campaign: dict[str, Counter[str]] = defaultdict(Counter)
    for row in indicators:
        by_campaign[row["campaign"] or words["no_campaign"]][row["status"] or "unknown"] += 1
    left, width, row_h = 160.0, 480.0, 30.0
    chart = Chart(words["status_mix"], "status-mix", width, 24 + row_h * len(by_campaign) + 8)
    chart.legend = [(f"status-{s}", names.get(s, s)) for s in statuses
                    if any(c[s] for c in by_campaign.values())]
    scale = (width - left - 12) / max((sum(c.values()) for c in by_campaign.values()), default=1)
    for i, (campaign, counts) in enumerate(by_campaign.items()):
        y = 12 + i * row_h
        chart.labels.append((left - 8, y + row_h / 2, "end", campaign))
        x = left
        for status in statuses + sorted(set(counts) - set(statuses)):
            n = counts.get(status, 0)
            if not n:
                continue
            w = n * scale
            tip = words["bar"].format(name=campaign, status=names.get(status, status), count=n)
            chart.bars.append(Bar(x, y + 3, w, row_h - 8, f"status-{status}", tip, str(n) if w >= 18 else ""))
            x += w
    if not by_campaign:
        chart.empty = words["no_indicators"]
    return chart


def _behind_per_unit(indicators: list[dict[str, str]], behind: str, names: Mapping[str, str],
                     words: Mapping[str, str]) -> Chart:
    counts: Counter[str] = Counter()
    for row in indicators:
        if row["status"] == behind:
            for unit in filter(None, (u.strip() for u in row["responsible_units"].split(";"))):
                counts[unit] += 1
    top = counts.most_common(TOP_UNITS)
    left, width, row_h = 140.0, 480.0, 24.0
    chart = Chart(words["behind_units"], "behind-units", width, 16 + row_h * max(len(top), 1) + 8)
    scale = (width - left - 40) / max((n for _, n in top), default=1)
    for i, (unit, n) in enumerate(top):
        y = 10 + i * row_h
        chart.labels.append((left - 8, y + row_h / 2, "end", unit))
        tip = words["bar"].format(name=unit, status=names.get(behind, behind), count=n)
        chart.bars.append(Bar(left, y + 3, n * scale, row_h - 8, "status-behind", tip))
        chart.labels.append((left + n * scale + 6, y + row_h / 2, "start", str(n)))
    if not top:
        chart.empty = words["no_behind_units"]
    elif len(counts) > TOP_UNITS:
        chart.title += words["top_units"].format(top=TOP_UNITS, total=len(counts))
    return chart


def _ratio_histogram(indicators: list[dict[str, str]], words: Mapping[str, str]) -> Chart:
    ratios = [float(r["completion_ratio"]) for r in indicators if r["completion_ratio"] not in ("", None)]
    bins = [0] * (RATIO_BINS + 1)
    for ratio in ratios:
        bins[min(int(max(ratio, 0) * RATIO_BINS), RATIO_BINS)] += 1
    width, height, bottom, left = 480.0, 190.0, 162.0, 10.0
    chart = Chart(words["ratio_histogram"].format(count=len(ratios)), "ratio-histogram", width, height)
    step = (width - left - 10) / len(bins)
    scale = (bottom - 30) / max(max(bins), 1)
    for i, n in enumerate(bins):
        name = f"{i * 10}–{i * 10 + 10}%" if i < RATIO_BINS else "≥100%"
        x = left + i * step
        h = n * scale
        chart.bars.append(Bar(x + 3, bottom - h, step - 6, h, "bar", words["ratio_bar"].format(bin=name, count=n)))
        chart.labels.append((x + step / 2, bottom + 16, "middle", f"{i * 10}%" if i < RATIO_BINS else "≥100%"))
        if n:
            chart.labels.append((x + step / 2, bottom - h - 5, "middle", str(n)))
    if not ratios:
        chart.empty = words["no_ratios"]
    return chart


# --------------------------------------------------------------------------- the page

def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _section_order(claims: list[dict[str, str]]) -> dict[str, int]:
    order: dict[str, int] = {}
    for claim in claims:
        order.setdefault(claim["section"], len(order))
    return order


def _finding_view(finding: Finding, review: ReviewRules) -> dict[str, Any]:
    where = review.report["page"].format(page=finding.page) if finding.page is not None else finding.locator
    return {"f": finding, "wording": wording(finding, review), "severity": severity_name(finding, review),
            "message": message(finding, review), "where": where}


def bulletin_view(index: int, bulletin: dict[str, str], indicators: list[dict[str, str]],
                   findings: list[Finding], claims: list[dict[str, str]], rules: Rules) -> dict[str, Any]:
    """One bulletin as the page shows it: header facts, findings by section, the unchecked (info)
    lines apart, charts. Rows as `extract` writes them (CSV strings) or as `result_rows` gives them."""
    review, words = rules.review, rules.review.report
    order = _section_order(claims)
    visible = sorted(shown(findings, review), key=lambda f: order.get(f.section, len(order)))
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in visible:
        heading = f"{f.section} {f.campaign}".strip() or words["no_section"]
        groups.setdefault(heading, []).append(_finding_view(f, review))
    statuses = list(review.status_names)
    names = review.status_names
    units = sorted({u.strip() for r in indicators for u in r["responsible_units"].split(";") if u.strip()})
    return {
        "anchor": f"b{index}",
        "b": bulletin,
        "groups": groups,
        "n_shown": len(visible),
        "n_errors": sum(f.severity == Severity.ERROR for f in visible),
        "n_warnings": sum(f.severity == Severity.WARNING for f in visible),
        "others": [_finding_view(f, review) for f in findings if not is_shown(f, review)],
        "indicators": indicators,
        "campaigns": list(dict.fromkeys(r["campaign"] for r in indicators if r["campaign"])),
        "statuses": [s for s in dict.fromkeys(r["status"] for r in indicators) if s],
        "units": units,
        "charts": [_status_mix(indicators, statuses, names, words),
                   _behind_per_unit(indicators, BEHIND, names, words),
                   _ratio_histogram(indicators, words)],
    }


def template_env(*loaders: BaseLoader) -> Environment:
    """The report's Jinja2 environment (autoescaping, its filters); `loaders` are searched before
    the report's own templates (the serve page adds its own folder)."""
    env = Environment(loader=ChoiceLoader([*loaders, PackageLoader("extract.outputs", "templates")]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["ratio"] = lambda v: f"{float(v):.1%}" if v not in ("", None) else ""
    env.filters["num"] = _int
    env.filters["basename"] = lambda path: Path(path).name
    return env


def render_report(tables: dict[str, list[dict[str, str]]], rules: Rules, source: str,
                  page_max_bytes: int | None = None) -> tuple[str, int, int, int]:
    """The page, the numbers of indicators and shown findings on it, and of bulletins not drawn. Bulletins are drawn in full
    until the page would pass `page_max_bytes` (default: report.page_max_mb in rules/limits.yaml);
    the rest are listed in the overview only, and the page says how many."""
    if page_max_bytes is None:
        page_max_bytes = Limits.from_rules(rules).report_page_max_bytes
    by_file: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("indicators", "findings", "claims"):
        for row in tables[name]:
            by_file[row["file"]][name].append(row)
    views: list[dict[str, Any]] = []
    others: list[dict[str, str]] = []
    for bulletin in tables["bulletins"]:
        if bulletin["status"] != "ok":
            others.append(bulletin)
            continue
        rows = by_file[bulletin["file"]]
        findings = [finding_from_row(r) for r in rows["findings"]]
        views.append(bulletin_view(len(views) + 1, bulletin, rows["indicators"], findings, rows["claims"], rules))
    env = template_env()
    names = {"status_names": rules.review.status_names, "severity_names": rules.review.severity}
    page = {"bulletins": views, "others": others, "laggards": _laggards(tables, BEHIND, rules.review.report),
            "spark": (SPARK_W, SPARK_H),
            "source": source, "n_findings": sum(v["n_shown"] for v in views),
            "n_indicators": sum(len(v["indicators"]) for v in views),
            "n_errors": sum(v["n_errors"] for v in views), "n_warnings": sum(v["n_warnings"] for v in views),
            "generated": datetime.now().strftime("%Y-%m-%d %H:%M"), "budget_mb": f"{page_max_bytes / 2**20:g}",
            **names}
    # the page without any bulletin drawn (the overview lists them all), then each bulletin's
    # section while the total stays within the budget; the count is in UTF-8 bytes, as written
    for view in views:
        view["section"] = ""
    page["left_out"] = len(views)
    report = env.get_template("report.html.j2")
    size = len(report.render(page).encode("utf-8"))
    section = env.get_template("bulletin.html.j2")
    for view in views:
        html = section.render(v=view, **names)
        size += len(html.encode("utf-8")) + 1
        if size > page_max_bytes:
            break
        view["section"] = Markup(html)
        page["left_out"] -= 1
    html = report.render(page)
    return html, page["n_indicators"], page["n_findings"], page["left_out"]


def write_report(outdir: Path, target: Path, rules: Rules) -> Report:
    """Read OUTDIR's CSV tables and write the report to `target` (whole, or not at all)."""
    _refuse_outputs(outdir, target)
    limits = Limits.from_rules(rules)
    tables = _read(outdir, limits.report_max_cell_bytes)
    html, n_indicators, n_findings, left_out = render_report(tables, rules, outdir.name or str(outdir),
                                                             limits.report_page_max_bytes)
    write_text_atomic(target, html, encoding="utf-8")
    ok = sum(b["status"] == ResultStatus.OK for b in tables["bulletins"])
    return Report(str(target), ok, n_indicators, n_findings, target.stat().st_size, left_out)
