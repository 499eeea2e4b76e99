"""Render the genre corpus: every `sources/NAME.yaml` -> docx/, pdf/, xlsx/ (spreadsheet annexes), truth/.

    python corpus/genres/build.py              # every source
    python corpus/genres/build.py NAME ...     # some of them
    python corpus/genres/build.py --no-pdf     # without LibreOffice

The drafts are drawn by corpus/build.py's renderer (the same masthead, body and annex tables). A
source with `annex_format: xlsx` is rendered as the draft without its annex tables, plus one
spreadsheet per annex (`xlsx/NAME--附件N.xlsx`: the annex heading and title above the table, merged
cells merged), as offices send them. The truth is the source's own `statements` and
`expected_findings` (written by its generator) plus the annex records corpus/build.py derives with
the corpus's vocabulary. Like the rest of corpus/, nothing here reads rules/ or imports extract.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import build as corpus_build  # noqa: E402  (corpus/build.py: the renderer and the record truth)


def truth_for(source: dict) -> dict:
    truth = corpus_build.truth_for(source)
    truth["genre"] = source["genre"]
    truth["annex_format"] = source.get("annex_format", "docx")
    truth["statements"] = list(source.get("statements") or [])
    truth["families"] = {"genre": source["genre"]}
    return truth


def write_xlsx(source: dict, annex: dict, path: Path) -> Path:
    """One annex as a spreadsheet: 附件N, its title, then the table (header rows and body rows,
    merge markers as merged cells)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"附件{corpus_build.annex_no(annex)}"
    sheet.append([f"附件{corpus_build.annex_no(annex)}"])
    sheet.append([annex["title"]])
    for table in annex["tables"]:
        rows = corpus_build._layout_rows(table)
        origins = corpus_build.grid_origins(rows, source["name"])
        top = sheet.max_row + 1
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if origins[r][c] == (r, c):
                    sheet.cell(top + r, c + 1, text)
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(origins):
            for c, origin in enumerate(row):
                low = spans.get(origin, (r, c))
                spans[origin] = (max(low[0], r), max(low[1], c))
        for (r0, c0), (r1, c1) in spans.items():
            if (r1, c1) != (r0, c0):
                sheet.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    _fix_zip(path)
    return path


def _fix_zip(path: Path) -> None:
    """Fixed zip timestamps and document dates: a rebuild gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = _fixed_dates(data)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def _fixed_dates(core: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", core)


def build(path: Path, out: Path, pdf: bool) -> list[Path]:
    source = corpus_build.load_source(path)
    name = source["name"]
    truth = out / "truth" / f"{name}.json"
    truth.parent.mkdir(parents=True, exist_ok=True)
    truth.write_text(json.dumps(truth_for(source), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written = [truth]
    draft = copy.deepcopy(source)
    if source.get("annex_format") == "xlsx":
        for annex in source["annexes"]:
            written.append(write_xlsx(source, annex, out / "xlsx" / f"{name}--附件{corpus_build.annex_no(annex)}.xlsx"))
        draft["annexes"] = []
    docx_path = corpus_build.render_docx(draft, out / "docx" / f"{name}.docx")
    written.append(docx_path)
    if pdf:
        pdf_path = corpus_build.render_pdf(docx_path, out / "pdf")
        written.append(pdf_path)
        scan = scans(out).get(name)
        if scan:
            written.append(corpus_build.render_scan(pdf_path, out / "scan" / corpus_build.scan_name(name, scan), **scan))
    return written


def scans(out: Path) -> dict[str, dict]:
    """OUT/scans.yaml: the bulletins that get a scanned twin, with render_scan's settings."""
    import yaml

    path = out / "scans.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="source names (sources/NAME.yaml)")
    ap.add_argument("--no-pdf", action="store_true", help="docx, xlsx and truth only (no LibreOffice)")
    ap.add_argument("--out", type=Path, default=HERE, help="output root (default: corpus/genres/)")
    ap.add_argument("--sources", type=Path, default=None, help="the sources folder (default: OUT/sources)")
    args = ap.parse_args(argv)
    sources = args.sources or args.out / "sources"
    paths = [sources / f"{n}.yaml" for n in args.names] or sorted(sources.glob("*.yaml"))
    for path in paths:
        for written in build(path, args.out, pdf=not args.no_pdf):
            print(written.relative_to(args.out) if written.is_relative_to(args.out) else written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
