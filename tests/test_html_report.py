"""report OUTDIR --html: one self-contained, escaped page from the tables extract wrote."""
from __future__ import annotations

import csv
import shutil

import pytest
from lxml import html as lxml_html
from paths import CORPUS

from extract.cli import main
from extract.outputs.export import FINDING_COLUMNS


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
                stated="", computed="", basis="", label="", reason="")
    why = dict(info, detail="(五) names: no annex table is linked to this section", label="未完成的指标",
               reason="no_table_linked")
    later = dict(info, detail="(六) not checked: a reason of a later version", reason="from_a_later_version")
    _write(folder / "findings.csv", [*findings, info, why, later])
    _, page = _report(folder, tmp_path)
    shown = [f for f in findings if f["severity"] != "info"]
    assert len(shown) < len(findings) + 1
    assert page.get_element_by_id("findings-count").get("data-count") == str(len(shown))
    listed = " ".join(d.text_content() for d in page.cssselect("details.unchecked"))
    assert "未核对：(四) not checked: no linked table" in listed
    # a reason is told in the reader's words (an older findings.csv without one keeps its detail)
    assert "未核对“未完成的指标”：本节没有对应的附件表格，所列名单未逐项核对" in listed
    assert "未核对：(六) not checked: a reason of a later version" in listed


def test_findings_csv_has_the_numbers(outdir):
    assert FINDING_COLUMNS[-6:] == ["label", "stated", "computed", "basis", "unit", "reason"]
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


# --- issue 24: hostile output folders ----------------------------------------------------------

def _one_line_failure(capsys, args, target):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not target.exists()
    return err


def test_a_cell_over_the_csv_modules_limit_is_read(outdir, tmp_path, capsys):
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    indicators = _rows(copy / "indicators.csv")
    indicators[0]["progress"] = "进" * 200_000   # beyond csv's default 131,072
    _write(copy / "indicators.csv", indicators)
    _, page = _report(copy, tmp_path)
    assert any(len(td.text_content()) == 200_000 for td in page.cssselect("table.indicators td.long"))
    # over the limit of the rules (report.max_cell_mb): one line naming the file and the limit
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "limits.yaml").write_text("report: {max_cell_mb: 1}\n", encoding="utf-8")
    indicators[0]["progress"] = "x" * (2**20 + 1)
    _write(copy / "indicators.csv", indicators)
    target = tmp_path / "again.html"
    err = _one_line_failure(capsys, ["report", str(copy), "--html", str(target), "--rules", str(rules)], target)
    assert "indicators.csv" in err and "max_cell_mb" in err


@pytest.mark.parametrize("table, column", [("indicators", "campaign"), ("bulletins", "title"),
                                           ("findings", "severity"), ("claims", "section")])
def test_a_table_without_a_column_the_page_reads_is_refused_by_name(outdir, tmp_path, capsys, table, column):
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    rows = [{k: v for k, v in r.items() if k != column} for r in _rows(copy / f"{table}.csv")]
    _write(copy / f"{table}.csv", rows)
    target = tmp_path / "r.html"
    err = _one_line_failure(capsys, ["report", str(copy), "--html", str(target)], target)
    assert f"{table}.csv" in err and column in err


@pytest.mark.parametrize("name", ["indicators.csv", "bulletins.csv", "findings.jsonl", "laggards.csv",
                                  "zhuanbao.xlsx", ".zhuanbao-cache/ab/x.json", "sub/../claims.csv"])
def test_the_page_never_replaces_an_output_of_the_folder(outdir, tmp_path, capsys, name):
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    (copy / "sub").mkdir()
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert main(["report", str(copy), "--html", str(copy / name)]) == 2
    err = capsys.readouterr().err
    assert "is one of the outputs" in err and len(err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before
    # another name to the same file (a hard link) is refused too; report.html beside them is fine
    (tmp_path / "link.csv").hardlink_to(copy / "indicators.csv")
    assert main(["report", str(copy), "--html", str(tmp_path / "link.csv")]) == 2
    assert main(["report", str(copy), "--html", str(copy / "report.html")]) == 0


def test_a_page_over_its_size_budget_lists_the_rest_and_says_so(outdir, tmp_path, capsys):
    # 40 copies of each bulletin under other names: far over a 0.5 MiB budget
    copy = tmp_path / "out"
    copy.mkdir()
    for table in ("bulletins", "indicators", "findings", "claims"):
        rows = _rows(outdir / f"{table}.csv")
        _write(copy / f"{table}.csv", [dict(r, file=f"{k}-{r['file']}") for k in range(40) for r in rows])
    n_ok = sum(b["status"] == "ok" for b in _rows(copy / "bulletins.csv"))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "limits.yaml").write_text("report: {page_max_mb: 0.5}\n", encoding="utf-8")
    target = tmp_path / "r.html"
    assert main(["report", str(copy), "--html", str(target), "--rules", str(rules)]) == 0
    assert "listed in the overview only" in capsys.readouterr().err
    assert target.stat().st_size <= 0.5 * 2**20
    page = lxml_html.fromstring(target.read_text(encoding="utf-8"))
    drawn = len(page.cssselect("section.bulletin"))
    note = page.get_element_by_id("left-out")
    assert 0 < drawn < n_ok and int(note.get("data-count")) == n_ok - drawn
    assert "report.page_max_mb" in note.text_content()
    assert len(page.cssselect("section.overview > table tbody tr")) == n_ok   # every bulletin is listed
    assert len(page.cssselect("section.overview > table a[href^='#b']")) == drawn
