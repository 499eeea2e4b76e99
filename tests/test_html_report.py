"""report OUTDIR --html: one self-contained, escaped page from the tables extract wrote."""
from __future__ import annotations

import csv
import shutil

import pytest
from lxml import html as lxml_html
from paths import CORPUS

from extract.cli import main
from extract.export import FINDING_COLUMNS


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    """extract's output for the five corpus drafts and one file that is not a bulletin."""
    folder = tmp_path_factory.mktemp("drafts")
    for draft in (CORPUS / "docx").glob("*.docx"):
        if not draft.name.startswith("var-"):   # the layout variants add nothing here but time
            shutil.copy(draft, folder)
    (folder / "broken.docx").write_bytes(b"not a zip")
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", str(folder), "--out", str(out), "--no-cache", "--jobs", "1"]) == 1   # one error row
    return out


def _report(outdir, tmp_path):
    target = tmp_path / "report.html"
    assert main(["report", str(outdir), "--html", str(target)]) == 0
    return target, lxml_html.fromstring(target.read_text(encoding="utf-8"))


def test_the_page_counts_what_the_tables_hold(outdir, tmp_path):
    _, page = _report(outdir, tmp_path)
    findings = [r for r in _rows(outdir / "findings.csv") if r["severity"] in ("error", "warning")]
    assert findings
    assert page.get_element_by_id("findings-count").get("data-count") == str(len(findings))
    assert len(page.cssselect("li.finding")) == len(findings)
    assert len(page.cssselect("table.indicators tbody tr")) == len(_rows(outdir / "indicators.csv"))
    bulletins = page.cssselect("section.bulletin")
    assert len(bulletins) == 5
    assert len(page.cssselect("figure.chart")) == 15
    # the failed file is listed, not drawn
    assert "broken.docx" in page.cssselect("ul.others")[0].text_content()


def test_a_finding_shows_its_sentence_and_stated_vs_computed(outdir, tmp_path):
    _, page = _report(outdir, tmp_path)
    item = next(li for li in page.cssselect("li.finding") if "22.3%" in li.text_content())
    assert item.cssselect("p.msg")[0].text_content().strip() == "错误 已完成年度任务占比应为22.2%（4/18），文中为22.3%"
    assert item.cssselect("blockquote.sentence")[0].text_content() == "共有重点监测指标18项，截至目前，已完成年度任务4项，占比22.3%；"
    numbers = [e.text_content() for e in item.cssselect("dl.numbers > *")]
    assert numbers == ["文中", "22.3%", "核算", "22.2%", "依据", "4/18"]
    assert "第7段" in item.cssselect("p.meta")[0].text_content()
    # grouped under its section, in the narrative's order
    section = item.getparent().getprevious()
    assert section.tag == "h4" and section.text_content().startswith("(二)")


def test_the_page_is_self_contained(outdir, tmp_path):
    target, page = _report(outdir, tmp_path)
    assert not page.cssselect("[src], link, iframe, object, embed, img")
    assert all(not a.get("href").startswith(("http:", "https:", "//")) for a in page.cssselect("[href]"))
    text = target.read_text(encoding="utf-8")
    assert "url(" not in text and "@import" not in text
    assert len(page.cssselect("script")) == 1


def test_document_text_is_escaped(outdir, tmp_path):
    hostile = tmp_path / "hostile"
    shutil.copytree(outdir, hostile)
    bulletins = _rows(hostile / "bulletins.csv")
    bulletins[0]["title"] = '<script>alert("title")</script>'
    _write(hostile / "bulletins.csv", bulletins)
    indicators = _rows(hostile / "indicators.csv")
    indicators[0]["campaign"] = '"><img src=x onerror=alert(1)>'
    indicators[0]["responsible_units"] = "县<b>发改</b>局;A&B"
    _write(hostile / "indicators.csv", indicators)
    target, page = _report(hostile, tmp_path)
    text = target.read_text(encoding="utf-8")
    assert '<script>alert("title")' not in text and "<img" not in text and "<b>发改" not in text
    assert len(page.cssselect("script")) == 1 and not page.cssselect("img, b")
    assert '<script>alert("title")</script>' in page.cssselect("section.bulletin h2")[0].text_content()
    row = page.cssselect("table.indicators tbody tr")[0]
    assert row.get("data-campaign") == '"><img src=x onerror=alert(1)>'
    assert "A&B" in row.get("data-units")


def test_info_findings_are_listed_apart_and_not_counted(outdir, tmp_path):
    folder = tmp_path / "with-info"
    shutil.copytree(outdir, folder)
    findings = _rows(folder / "findings.csv")
    info = dict(findings[0], kind="unchecked", severity="info", detail="(四) not checked: no linked table",
                stated="", computed="", basis="", label="")
    _write(folder / "findings.csv", [*findings, info])
    _, page = _report(folder, tmp_path)
    shown = [f for f in findings if f["severity"] != "info"]
    assert len(shown) < len(findings) + 1
    assert page.get_element_by_id("findings-count").get("data-count") == str(len(shown))
    listed = " ".join(d.text_content() for d in page.cssselect("details.unchecked"))
    assert "未核对：(四) not checked: no linked table" in listed


def test_findings_csv_has_the_numbers(outdir):
    assert FINDING_COLUMNS[-4:] == ["label", "stated", "computed", "basis"]
    row = next(r for r in _rows(outdir / "findings.csv") if r["kind"] == "percent_mismatch")
    assert (row["stated"], row["computed"]) != ("", "")


@pytest.mark.parametrize("setup, reason", [
    (lambda d: None, "not a folder"),
    (lambda d: d.mkdir(), "no bulletins.csv"),
])
def test_a_folder_that_is_not_an_output_is_a_one_line_error(tmp_path, capsys, setup, reason):
    folder = tmp_path / "nothing"
    setup(folder)
    assert main(["report", str(folder), "--html", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_a_bulletin_with_nothing_checked_is_never_called_clean(outdir, tmp_path):
    # a bulletin whose statements were read but none compared with anything, and no findings
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    bulletins = _rows(copy / "bulletins.csv")
    kept = next(b for b in bulletins if b["status"] == "ok")
    for b in bulletins:
        if b is kept:
            b.update(n_checked_table="0", n_checked_arithmetic="0")
    _write(copy / "bulletins.csv", bulletins)
    findings = [r for r in _rows(copy / "findings.csv") if r["file"] != kept["file"]]
    _write(copy / "findings.csv", findings)
    _, page = _report(copy, tmp_path)
    section = next(s for s in page.cssselect("section.bulletin") if kept["file"] in s.text_content())
    assert not section.cssselect("p.ok")
    assert "未能核查" in section.cssselect("p.nothing-checked")[0].text_content()
    # …while one whose statements were checked says how many
    other = next(s for s in page.cssselect("section.bulletin") if s is not section and s.cssselect("p.ok"))
    assert "已核查" in other.cssselect("p.ok")[0].text_content()
