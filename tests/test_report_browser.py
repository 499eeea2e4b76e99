"""The report as a person sees it: the whole corpus's report.html in headless Chromium.

Needs Debian's chromium (`.ci/run` installs it) and playwright's Python package (test extra; it
drives the system browser, nothing is downloaded). Skipped, saying why, when either is missing.
The load time is printed and written beside the screenshots, not asserted (no timed unit tests).
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from browsers import needs_chromium
from paths import CORPUS

from extract.cli import main

pytestmark = needs_chromium
MAX_BYTES = 5_000_000


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    """extract on every corpus PDF and draft, then report --html."""
    out = tmp_path_factory.mktemp("corpus-out")
    assert main(["extract", str(CORPUS / "pdf"), str(CORPUS / "docx"), "--out", str(out), "--no-cache",
                 "--jobs", "2"]) == 0
    target = out / "report.html"
    assert main(["report", str(out), "--html", str(target)]) == 0
    return out, target


def test_the_corpus_report_in_chromium(corpus_report, browser):
    out, target = corpus_report
    size = target.stat().st_size
    assert size < MAX_BYTES
    # playwright starts chromium with a fresh temporary --user-data-dir of its own
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(target.as_uri(), wait_until="load")
    timing = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                           " return {load: n.loadEventEnd, dom: n.domContentLoadedEventEnd}; }")
    assert problems == []
    assert [url for url in fetched if not url.startswith("file:")] == []     # nothing from the network
    shots = Path(os.environ.get("ZHUANBAO_SCREENSHOTS") or out)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "report-top.png"))

    findings = [r for r in _rows(out / "findings.csv") if r["severity"] in ("error", "warning")]
    bulletins = [r for r in _rows(out / "bulletins.csv") if r["status"] == "ok"]
    assert page.inner_text("#findings-count") == str(len(findings))
    assert page.locator("li.finding").count() == len(findings) > 0
    assert page.locator("section.bulletin").count() == len(bulletins) >= 10
    # the three charts of each bulletin are drawn, with bars
    for kind in ("status-mix", "behind-units", "ratio-histogram"):
        assert page.locator(f"svg.{kind}").count() == len(bulletins)
        assert page.locator(f"svg.{kind} rect").count() > 0
    assert page.locator("svg.status-mix rect").first.bounding_box()["width"] > 0

    # filter the first bulletin's indicators to one status, then sort them by completion
    first = bulletins[0]["file"]
    behind = sum(1 for r in _rows(out / "indicators.csv") if r["file"] == first and r["status"] == "behind")
    filters = page.locator("#b1 .filters")
    filters.locator("select[data-filter='status']").select_option("behind")
    assert page.locator("#t-b1 tbody tr:not([hidden])").count() == behind > 0
    assert filters.locator(".shown-count").inner_text().startswith(f"显示 {behind} /")
    filters.locator("select[data-filter='status']").select_option("")
    page.locator("#t-b1 th", has_text="完成率").click()
    assert page.locator("#t-b1 th", has_text="完成率").get_attribute("aria-sort") == "ascending"
    assert problems == []

    page.set_viewport_size({"width": 1280, "height": 1500})   # a bulletin's findings and charts
    page.evaluate("document.getElementById('b2').scrollIntoView()")
    page.screenshot(path=str(shots / "report-bulletin.png"))
    measured = {"bytes": size, "load_ms": round(timing["load"]), "dom_ms": round(timing["dom"]),
                "bulletins": len(bulletins), "findings": len(findings)}
    (shots / "report-timing.json").write_text(json.dumps(measured), encoding="utf-8")
    print(f"\nreport.html in chromium: {measured}")
    context.close()
