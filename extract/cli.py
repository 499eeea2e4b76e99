"""The `zhuanbao` command line. The only module that prints (through rich)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from rich_argparse import RichHelpFormatter   # --help and usage errors rendered by rich too

    parser = argparse.ArgumentParser(
        prog="zhuanbao", formatter_class=RichHelpFormatter,
        description="Turn 督查室 专报/通报 bulletins (PDF, DOCX) into clean, cross-checked indicator data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", formatter_class=RichHelpFormatter,
                        help="extract bulletins into bulletins/indicators/claims/findings tables",
                        description="Extract every bulletin under PATH... into four tables in --out.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".pdf/.docx files or folders (searched recursively)")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ex.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    ex.add_argument("--format", dest="formats", action="append", choices=["csv", "parquet", "xlsx", "json"],
                    help="output format; repeat for several (default: csv)")
    ex.add_argument("--encoding", choices=["utf-8-sig", "utf-8"], default="utf-8-sig",
                    help="CSV encoding; utf-8-sig (default) writes the BOM that Excel/WPS need")
    ex.add_argument("--timeout", type=float, default=300, metavar="SECONDS",
                    help="give up on a file after this long: it gets an error row, its worker is replaced "
                         "(default 300; 0 = no limit)")
    ex.add_argument("--cache", metavar="DIR", help="results cache folder (default: OUT/.zhuanbao-cache); "
                                                  "a rerun skips files already converted")
    ex.add_argument("--no-cache", action="store_true", help="convert every file again and cache nothing")
    ex.add_argument("--executor", choices=["local", "dask"], default="local",
                    help="local worker processes (default) or a Dask distributed cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler address (tcp://host:8786); without it --executor dask starts a "
                         "LocalCluster of --jobs workers for the run")
    _common(ex)

    ck = sub.add_parser("check", formatter_class=RichHelpFormatter,
                        help="check one bulletin and report its inconsistencies",
                        description="Extract one bulletin and report every inconsistency between its narrative, "
                                    "its arithmetic and its tables. Exit 0: no error; 1: errors found; 2: unreadable.")
    ck.add_argument("file", metavar="FILE", help="a .pdf or .docx bulletin")
    ck.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    _common(ck)

    tb = sub.add_parser("tables", formatter_class=RichHelpFormatter,
                        help="write every logical table of any PDF as CSV",
                        description="Stitch ruled tables across pages (repeated headers dropped, split rows "
                                    "rejoined, merged cells filled) and write one CSV per table plus index.csv.")
    tb.add_argument("path", metavar="PATH", help="a PDF file")
    tb.add_argument("--out", required=True, metavar="DIR", help="output folder")
    tb.add_argument("--engine", choices=["pdfplumber", "camelot"], default="pdfplumber")
    _ocr_option(tb)

    ev = sub.add_parser("eval", formatter_class=RichHelpFormatter,
                        help="score the pipeline against the corpus truth",
                        description="Run the pipeline on every corpus bulletin and compare with corpus/truth.")
    ev.add_argument("corpus", metavar="DIR", help="the corpus folder (with pdf/ and truth/)")
    ev.add_argument("--json", dest="json_out", metavar="FILE", help="also write the scores as JSON")
    ev.add_argument("--engine", choices=["pdfplumber", "camelot"], default="pdfplumber")
    ev.add_argument("--docx", action="store_true", help="also score each bulletin's .docx draft (corpus/docx/)")
    ev.add_argument("--variants", action="store_true",
                    help="also score the layout variants (corpus/variants/: turned pages, header repetition swapped)")
    ev.add_argument("--scan", action="store_true",
                    help="also score the scanned twins (corpus/scan/: read by OCR; slow, several seconds a page)")
    ev.add_argument("--baselines", action="store_true",
                    help="also score raw pdfplumber/camelot tables (no repairs) and the pipeline with each "
                         "engine, side by side with timings (slower: runs camelot)")
    return parser


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--rules", metavar="DIR", help="a folder of rules/*.yaml overriding the shipped rules")
    sub.add_argument("--engine", choices=["pdfplumber", "camelot"], default="pdfplumber",
                     help="table detection engine for PDFs")
    _ocr_option(sub)


def _ocr_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--ocr", choices=["auto", "always", "never"], default="auto",
                     help="read PDF pages by OCR: auto (default) = pages without a text layer (scans); "
                          "always = every page; never = none (a scan is an error). "
                          "Needs pip install 'zhuanbao[ocr]'")


def _version() -> str:
    from extract import __version__

    return __version__


def _fail(console: Console, message: str, code: int) -> int:
    console.print(f"[bold red]zhuanbao:[/bold red] {message}", soft_wrap=True)
    return code


def cmd_check(args, out: Console, err: Console) -> int:
    from extract.export import result_to_json
    from extract.pipeline import process_file
    from extract.report import bulletin_panel, findings_table
    from extract.rules import load_rules

    result = process_file(Path(args.file), load_rules(args.rules), engine=args.engine, ocr=args.ocr)
    if result.status == "error":
        return _fail(err, f"{args.file}: {result.error}", EXIT_UNREADABLE)
    if args.json:
        sys.stdout.write(json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n")
    else:
        out.print(bulletin_panel(result))
        if result.status == "skipped":
            out.print(f"[yellow]skipped:[/yellow] {result.error}")
        out.print(findings_table(result))
    return EXIT_FINDINGS if any(f.severity == "error" for f in result.findings) else EXIT_OK


def cmd_extract(args, out: Console, err: Console) -> int:
    import os
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from extract.batch import collect_inputs, run_batch
    from extract.cache import DEFAULT_DIRNAME
    from extract.report import summary_table

    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        return _fail(err, f"--out {args.out}: exists and is not a folder", EXIT_UNREADABLE)
    inputs = collect_inputs(args.paths)
    if not inputs:
        return _fail(err, "no .pdf or .docx files found in the given paths", EXIT_UNREADABLE)
    if args.scheduler and args.executor != "dask":
        return _fail(err, "--scheduler needs --executor dask", EXIT_UNREADABLE)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    cache_dir = None if args.no_cache else (args.cache or Path(args.out) / DEFAULT_DIRNAME)
    errors = pages = ocr_pages = 0
    started = time.monotonic()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} pages/s"), TextColumn("OCR: {task.fields[ocr]} pages"),
                  TextColumn("errors: {task.fields[errors]}"),
                  TimeRemainingColumn(), console=err, transient=True) as progress:
        task = progress.add_task("extracting", total=len(inputs), errors=0, rate="-", ocr=0)

        def on_result(outcome) -> None:
            nonlocal errors, pages, ocr_pages
            errors += outcome.result.status == "error"
            if not outcome.cached:  # the rate of conversion, not of cache reads
                pages += outcome.result.pages
                ocr_pages += outcome.result.ocr_pages
            rate = pages / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, errors=errors, rate=f"{rate:.1f}", ocr=ocr_pages)

        summary = run_batch(inputs, args.out, formats=args.formats or ["csv"], jobs=min(jobs, len(inputs)),
                            rules_dir=args.rules, engine=args.engine, encoding=args.encoding,
                            on_result=on_result, timeout=args.timeout or None, cache_dir=cache_dir,
                            executor=args.executor, scheduler=args.scheduler, ocr=args.ocr)
    out.print(summary_table(summary))
    for name, reason in summary.failed:
        err.print(f"[red]error[/red] {name}: {reason}", soft_wrap=True)
    if summary.interrupted:
        return _fail(err, f"interrupted: {summary.files} of {summary.total} files written to {args.out}; "
                          "run the same command again to resume", 130)
    return EXIT_FINDINGS if summary.errors else EXIT_OK


def cmd_tables(args, out: Console, err: Console) -> int:
    from extract.model import BulletinError
    from extract.tables.dump import dump_tables

    try:
        index = dump_tables(Path(args.path), Path(args.out), engine=args.engine, ocr=args.ocr)
    except BulletinError as exc:
        return _fail(err, f"{args.path}: {exc}", EXIT_UNREADABLE)
    from rich.table import Table

    table = Table(title=f"{len(index)} tables written to {args.out}")
    for column in ("table", "pages", "rows", "cols", "columns"):
        table.add_column(column, overflow="ellipsis", no_wrap=column != "columns")
    for row in index:
        pages = f"{row['page_start']}-{row['page_end']}" if row["page_end"] != row["page_start"] else str(row["page_start"])
        table.add_row(str(row["table"]), pages, str(row["n_rows"]), str(row["n_cols"]), str(row["columns"])[:120])
    out.print(table)
    return EXIT_OK


def cmd_eval(args, out: Console, err: Console) -> int:
    import time

    from extract.eval import evaluate_corpus, score_tables

    started = time.perf_counter()
    if not (Path(args.corpus) / "truth").is_dir():
        return _fail(err, f"{args.corpus}: no truth/ folder (expected a corpus with pdf/ and truth/)", EXIT_UNREADABLE)
    kinds = ("pdf",) + (("docx",) if args.docx else ()) + (("variants",) if args.variants else ()) + \
        (("scan",) if args.scan else ())
    scores = evaluate_corpus(Path(args.corpus), engine=args.engine, kinds=kinds)
    scores["seconds"] = time.perf_counter() - started
    for table in score_tables(scores):
        out.print(table)
    if args.baselines:
        from extract.eval import baselines_table, evaluate_baselines

        with err.status("baselines: running the pipeline and the raw libraries with each engine"):
            scores["baselines"] = evaluate_baselines(Path(args.corpus), pipeline={args.engine: scores})
        out.print(baselines_table(scores["baselines"]))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "extract": cmd_extract, "tables": cmd_tables, "eval": cmd_eval}


def main(argv: list[str] | None = None) -> int:
    out, err = Console(), Console(stderr=True)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return COMMANDS[args.command](args, out, err)
    except KeyboardInterrupt:
        return _fail(err, "interrupted", 130)
    except (OSError, ValueError) as exc:
        return _fail(err, " ".join(str(exc).split()), EXIT_UNREADABLE)


if __name__ == "__main__":
    sys.exit(main())
