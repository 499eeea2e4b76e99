"""The `zhuanbao` command line. The only module that prints (through rich)."""
from __future__ import annotations

import argparse
import json
import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from extract.model import Engine, OcrMode, Reader, ResultStatus, Severity
from extract.outputs.export import FORMATS
from extract.run.options import DEFAULTS, BatchOptions, Executor

if TYPE_CHECKING:
    from rich.progress import Progress

    from extract.run.pools import Outcome

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _member(kind: type[StrEnum]) -> Callable[[str], StrEnum]:
    """An argparse type for a StrEnum option, with argparse's own words for a value not among them."""
    def parse(text: str) -> StrEnum:
        try:
            return kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"invalid choice: {text!r} (choose from {', '.join(kind)})") from None
    return parse


def _parser() -> argparse.ArgumentParser:
    from rich_argparse import RichHelpFormatter  # --help and usage errors rendered by rich too

    parser = argparse.ArgumentParser(
        prog="zhuanbao", formatter_class=RichHelpFormatter,
        description="Turn supervision bulletins of county offices (PDF, DOCX) into clean, cross-checked indicator data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", formatter_class=RichHelpFormatter,
                        help="extract bulletins into bulletins/indicators/claims/findings tables",
                        description="Extract every bulletin under PATH... into five tables in --out.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".pdf/.docx files or folders (searched recursively)")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ex.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    ex.add_argument("--format", dest="formats", action="append", choices=list(FORMATS),
                    help="output format; repeat for several (default: csv)")
    ex.add_argument("--encoding", choices=["utf-8-sig", "utf-8"], default=DEFAULTS.encoding,
                    help="CSV encoding; utf-8-sig (default) writes the BOM that Excel/WPS need")
    _timeout(ex, "give up on a file after this long: it gets an error row, its worker is replaced")
    ex.add_argument("--wait", action="store_true",
                    help="if another run is writing to --out, wait for it to finish (default: fail at once)")
    ex.add_argument("--cache", metavar="DIR", help="results cache folder (default: OUT/.zhuanbao-cache); "
                                                  "a rerun skips files already converted")
    ex.add_argument("--no-cache", action="store_true", help="convert every file again and cache nothing")
    ex.add_argument("--executor", choices=[str(e) for e in Executor], default=DEFAULTS.executor,
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
    ck.add_argument("--annex", action="append", default=[], metavar="SHEET",
                    help="an annex that travels as a spreadsheet beside the draft (.xlsx/.xls/.et/.ods/.csv); "
                         "repeat for each annex file: its tables are checked as the draft's own")
    ck.add_argument("--annotate", metavar="OUT", help="also write a copy with the findings marked in it: "
                    "Word comments for a .docx/.doc/.wps draft (OUT.docx), highlights for a PDF (OUT.pdf)")
    ck.add_argument("--lang", choices=("zh", "en"), default="zh",
                    help="the language of the report in the terminal: zh, worded as the Word comments "
                         "(default), or en; --json is the same in both")
    _timeout(ck, "give up after this long (exit 2)")
    _common(ck)

    tb = sub.add_parser("tables", formatter_class=RichHelpFormatter,
                        help="write every logical table of any PDF as CSV",
                        description="Stitch ruled tables across pages (repeated headers dropped, split rows "
                                    "rejoined, merged cells filled) and write one CSV per table plus index.csv.")
    tb.add_argument("path", metavar="PATH", help="a PDF file")
    tb.add_argument("--out", required=True, metavar="DIR", help="output folder")
    _timeout(tb, "give up after this long (exit 2)")
    _common(tb)

    rp = sub.add_parser("report", formatter_class=RichHelpFormatter,
                        help="write a self-contained HTML report of an extract output folder",
                        description="Read the tables `extract --out DIR` wrote and write one HTML file that "
                                    "works offline: per bulletin its findings, indicators and charts.")
    rp.add_argument("outdir", metavar="DIR", help="a folder written by `zhuanbao extract --out DIR`")
    rp.add_argument("--html", required=True, metavar="FILE", help="the report to write (report.html)")
    rp.add_argument("--rules", metavar="DIR", help="a folder of rules/*.yaml (review.yaml words the findings)")

    hi = sub.add_parser("history", formatter_class=RichHelpFormatter,
                        help="link each indicator across a county's bulletins; find the chronic laggards",
                        description="Read the bulletins and indicators that `zhuanbao extract --out OUTDIR` wrote, "
                                    "link the same indicator across each issuer's bulletins (in period order) and "
                                    "write history.csv (one row per indicator per bulletin, with a stable "
                                    "indicator_id) and laggards.csv (indicators behind in N or more consecutive "
                                    "bulletins).")
    hi.add_argument("out_dir", metavar="OUTDIR", help="the output folder of `zhuanbao extract`")
    hi.add_argument("--min-run", type=int, metavar="N",
                    help="a laggard is behind in at least N consecutive bulletins (default 2, rules/history.yaml)")
    hi.add_argument("--out", metavar="DIR", help="where to write history.csv and laggards.csv (default: OUTDIR)")
    hi.add_argument("--encoding", choices=["utf-8-sig", "utf-8"], default=DEFAULTS.encoding,
                    help="CSV encoding; utf-8-sig (default) writes the BOM that Excel/WPS need")
    hi.add_argument("--rules", metavar="DIR", help="a folder of rules/*.yaml overriding the shipped rules")
    _timeout(hi, "give up after this long (exit 2): the linking runs in a worker process")

    sv = sub.add_parser("serve", formatter_class=RichHelpFormatter,
                        help="a local web page where reviewers drop a draft and get it back checked",
                        description="Serve a page (Chinese) where a draft or PDF is uploaded and checked: its findings "
                                    "by section, the annotated draft, findings.xlsx and the JSON to download; and "
                                    "POST /api/check, the same as `check --json`; and batch conversion, many files or .zip "
                                    "archives converted as extract converts them (POST /api/batch, GET "
                                    "/api/batch/ID). Binds 127.0.0.1 by default; any other address needs a token on "
                                    "every request.")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    sv.add_argument("--token", help="a secret every request must carry (at least 16 characters); generated and "
                                    "printed when --host is not loopback and none is given")
    sv.add_argument("--max-upload-mb", type=float, default=50, metavar="MB", help="largest file (default 50)")
    sv.add_argument("--max-request-mb", type=float, metavar="MB",
                    help="largest upload, all files together (default: twice --max-upload-mb)")
    sv.add_argument("--keep-minutes", type=float, default=60, metavar="MIN",
                    help="minutes an upload and its results are kept (default 60); all go when the server stops")
    sv.add_argument("--jobs", type=int, default=1, metavar="N",
                    help="checks at once, each in its own worker process (default 1); more uploads wait their turn")
    _timeout(sv, "give up on a file after this long: the page says so")
    sv.add_argument("--rules", metavar="DIR", help="a folder of rules/*.yaml overriding the shipped rules")

    ev = sub.add_parser("eval", formatter_class=RichHelpFormatter,
                        help="score the pipeline against the corpus truth",
                        description="Run the pipeline on every corpus bulletin and compare with corpus/truth.")
    ev.add_argument("corpus", metavar="DIR", help="the corpus folder (with pdf/ and truth/)")
    ev.add_argument("--json", dest="json_out", metavar="FILE", help="also write the scores as JSON")
    ev.add_argument("--engine", choices=list(Engine), type=_member(Engine), default=DEFAULTS.engine)
    _reader(ev)
    ev.add_argument("--docx", action="store_true", help="also score each bulletin's .docx draft (corpus/docx/)")
    ev.add_argument("--variants", action="store_true",
                    help="also score the layout variants (corpus/variants/: turned pages, header repetition swapped)")
    ev.add_argument("--scan", action="store_true",
                    help="also score the scanned twins (corpus/scan/: read by OCR; slow, several seconds a page)")
    ev.add_argument("--baselines", action="store_true",
                    help="also score raw pdfplumber/camelot tables (no repairs) and the pipeline with each "
                         "engine, side by side with timings (slower: runs camelot)")
    return parser


def _seconds(text: str) -> float:
    """--timeout: a finite number of seconds, 0 for none (inf would overflow the waits, nan never
    time out, a negative time out every file)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number of seconds >= 0 (0 = no limit)")
    return value


def _mebibytes(text: str) -> int:
    """--memory-limit: a whole number of MiB >= 0 (the rules' minimum is checked once they are read)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of MiB >= 0 (0 = none)")
    return value


def _timeout(sub: argparse.ArgumentParser, what: str) -> None:
    sub.add_argument("--timeout", type=_seconds, default=DEFAULTS.timeout, metavar="SECONDS",
                     help=f"{what} (default {DEFAULTS.timeout:g}; 0 = no limit)")
    sub.add_argument("--memory-limit", type=_mebibytes, metavar="MIB",
                     help="address-space limit of each worker process in MiB (default: worker.memory_mb in "
                          "rules/limits.yaml, 4096; 0 = none); a file over it gets an error row")


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--rules", metavar="DIR", help="a folder of rules/*.yaml overriding the shipped rules "
                                                    "(geometry.yaml holds the PDF tolerances)")
    sub.add_argument("--engine", choices=list(Engine), type=_member(Engine), default=DEFAULTS.engine,
                     help="table detection engine for PDFs")
    _reader(sub)
    _ocr_option(sub)


def _reader(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--reader", choices=list(Reader), type=_member(Reader), default=DEFAULTS.reader,
                     help="PDF reader: pdfium (default, fast) or pdfplumber (the same records, slower)")


def _ocr_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--ocr", choices=list(OcrMode), type=_member(OcrMode), default=DEFAULTS.ocr,
                     help="read PDF pages by OCR: auto (default) = pages without a text layer (scans); "
                          "always = every page; never = none (a scan is an error). "
                          "Needs pip install 'zhuanbao[ocr]'")


def _options(args: argparse.Namespace, **more: Any) -> BatchOptions:
    """The run's choices as the command's options give them (those it has), the rest by default."""
    given = {name: getattr(args, name) for name in ("engine", "reader", "ocr") if hasattr(args, name)}
    return BatchOptions(timeout=args.timeout or None, memory_mb=args.memory_limit, **given, **more)


def _version() -> str:
    from extract import __version__

    return __version__


def _fail(console: Console, message: str, code: int) -> int:
    """One line on stderr. `message` is plain text: never markup, no control characters."""
    from extract.chinese.text import strip_controls

    console.print(f"[bold red]zhuanbao:[/bold red] {escape(' '.join(strip_controls(message).split()))}",
                  soft_wrap=True)
    return code


def _warnings_to(err: Console) -> Callable[[str], None]:
    """Each warning as one line on `err`."""
    def warn(message: str) -> None:
        err.print(f"[yellow]warning[/yellow] {escape(message)}", soft_wrap=True)

    return warn


def _shown(path: str) -> str:
    from extract.pipeline import printable_path

    return printable_path(path)


def cmd_check(args: argparse.Namespace, out: Console, err: Console) -> int:
    from extract.outputs.export import result_to_json
    from extract.outputs.terminal import Lang, annotated_line, bulletin_panel, coverage_line, findings_table
    from extract.pipeline import load_settings
    from extract.readers.sheet import SHEET_SUFFIXES
    from extract.run.batch import run_single

    warn = _warnings_to(err)   # stderr: with `--json` stdout holds the JSON alone
    annexes = tuple(args.annex)
    for annex in annexes:
        if not Path(annex).is_file():
            return _fail(err, f"{_shown(annex)}: no such annex file", EXIT_UNREADABLE)
        if Path(annex).suffix.lower() not in SHEET_SUFFIXES:
            return _fail(err, f"{_shown(annex)}: an annex must be a spreadsheet ({', '.join(SHEET_SUFFIXES)})",
                         EXIT_UNREADABLE)
    rules = load_settings(args.rules)
    options = _options(args)
    lang = Lang(args.lang)
    words = rules.review.terminal[lang.value]
    annotated = None
    if args.annotate:
        from extract.model import BulletinError
        from extract.outputs.annotate import annotate_in_worker

        try:
            result, annotated = annotate_in_worker(Path(args.file), Path(args.annotate), rules, options, annexes, warn)
        except BulletinError as exc:
            return _fail(err, f"{_shown(args.file)}: {exc}", EXIT_UNREADABLE)
    else:
        # in a worker process under the timeout: a file that hangs a parser must not hang the command
        result = run_single(Path(args.file), rules, options, annexes=annexes, on_warning=warn)
    if result.status == ResultStatus.ERROR:
        return _fail(err, f"{_shown(args.file)}: {result.error}", EXIT_UNREADABLE)
    if args.json:
        sys.stdout.write(json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n")
    else:
        out.print(bulletin_panel(result, words))
        if result.status == ResultStatus.SKIPPED:
            out.print(Text(words["skipped"].format(reason=result.error), style="yellow"))
        out.print(findings_table(result, rules.review, lang))
        if result.status == ResultStatus.OK:
            out.print(coverage_line(result, words))
    if args.annotate:
        (err if args.json else out).print(annotated_line(annotated, args.annotate, words), soft_wrap=True)
    return EXIT_FINDINGS if any(f.severity == Severity.ERROR for f in result.findings) else EXIT_OK


@contextmanager
def _redrawing(progress: Progress) -> Iterator[Callable[[], None]]:
    """A `start` that redraws `progress` twice a second from a thread until the block ends.

    rich's own refresh thread would run before the batch starts its workers, and a process with
    threads starts them from a forkserver, cold (see pools.LocalPool): `run_batch` calls `start`
    once they exist. Each finished file redraws too."""
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def redraw() -> None:
        while not stop.wait(0.5):
            progress.refresh()

    def start() -> None:
        threads.append(threading.Thread(target=redraw, name="progress", daemon=True))
        threads[-1].start()

    try:
        yield start
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def cmd_extract(args: argparse.Namespace, out: Console, err: Console) -> int:
    import os
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from extract.outputs.terminal import summary_table
    from extract.pipeline import load_settings
    from extract.run.batch import collect_inputs, run_batch
    from extract.run.cache import DEFAULT_DIRNAME
    from extract.settings.limits import Limits

    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        return _fail(err, f"--out {_shown(args.out)}: exists and is not a folder", EXIT_UNREADABLE)
    inputs = collect_inputs(args.paths)
    if not inputs:
        return _fail(err, "no .pdf or .docx files found in the given paths", EXIT_UNREADABLE)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    options = _options(args, formats=tuple(args.formats or DEFAULTS.formats), encoding=args.encoding,
                       jobs=min(jobs, len(inputs)), executor=args.executor, scheduler=args.scheduler,
                       cache_dir=None if args.no_cache else (args.cache or Path(args.out) / DEFAULT_DIRNAME),
                       wait_for_lock=args.wait)   # --scheduler without --executor dask: one line, here
    # bad rules or a memory limit no worker runs under: one line, before the progress display starts
    rules = load_settings(args.rules)
    Limits.from_rules(rules).memory_limit(options.memory_mb)
    errors = pages = ocr_pages = 0
    started = time.monotonic()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} pages/s"), TextColumn("OCR: {task.fields[ocr]} pages"),
                  TextColumn("errors: {task.fields[errors]}"),
                  TimeRemainingColumn(), console=err, transient=True, auto_refresh=False) as progress, \
            _redrawing(progress) as keep_redrawing:
        task = progress.add_task("extracting", total=len(inputs), errors=0, rate="-", ocr=0)

        def on_result(outcome: Outcome) -> None:
            nonlocal errors, pages, ocr_pages
            errors += outcome.result.status == ResultStatus.ERROR
            if not outcome.cached:  # the rate of conversion, not of cache reads
                pages += outcome.result.pages
                ocr_pages += outcome.result.ocr_pages
            rate = pages / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, errors=errors, rate=f"{rate:.1f}", ocr=ocr_pages, refresh=True)

        summary = run_batch(inputs, args.out, rules, options, on_result=on_result, on_warning=_warnings_to(err),
                            on_started=keep_redrawing)
    out.print(summary_table(summary))
    for name, reason in summary.failed:
        err.print(f"[red]error[/red] {escape(name)}: {escape(reason)}", soft_wrap=True)
    if summary.interrupted:
        what = "interrupted" if summary.signal == signal.SIGINT else f"stopped by {signal.Signals(summary.signal).name}"
        return _fail(err, f"{what}: {summary.files} of {summary.total} files written to {_shown(args.out)}; "
                          "run the same command again to resume", 128 + summary.signal)
    return EXIT_FINDINGS if summary.errors else EXIT_OK


def cmd_tables(args: argparse.Namespace, out: Console, err: Console) -> int:
    from extract.model import BulletinError
    from extract.pipeline import load_settings
    from extract.run.batch import run_call
    from extract.tables.dump import table_files, write_tables

    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        return _fail(err, f"--out {_shown(args.out)}: exists and is not a folder", EXIT_UNREADABLE)
    rules, options = load_settings(args.rules), _options(args)
    try:
        # read in a worker under the timeout and the memory limit, as check reads a file; written here
        files, index = run_call(table_files, args.path, rules, options.read,
                                name=_shown(args.path), rules=rules, options=options)
    except BulletinError as exc:
        return _fail(err, f"{_shown(args.path)}: {exc}", EXIT_UNREADABLE)
    write_tables(out_dir, files, index)
    from rich.table import Table

    table = Table(title=Text(f"{len(index)} tables written to {_shown(args.out)}"))
    for column in ("table", "pages", "rows", "cols", "columns"):
        table.add_column(column, overflow="ellipsis", no_wrap=column != "columns")
    for row in index:
        pages = f"{row['page_start']}-{row['page_end']}" if row["page_end"] != row["page_start"] else str(row["page_start"])
        table.add_row(str(row["table"]), pages, str(row["n_rows"]), str(row["n_cols"]), Text(str(row["columns"])[:120]))
    out.print(table)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, out: Console, err: Console) -> int:
    import time

    from extract.evaluation.corpus import evaluate_corpus, score_tables

    started = time.perf_counter()
    if not (Path(args.corpus) / "truth").is_dir():
        return _fail(err, f"{_shown(args.corpus)}: no truth/ folder (expected a corpus with pdf/ and truth/)",
                     EXIT_UNREADABLE)
    if (Path(args.corpus) / "sources").is_dir() and any((Path(args.corpus) / "xlsx").glob("*")):
        # the genre corpus (corpus/genres): statements read and findings per genre
        from extract.evaluation.genres import evaluate_genres, genre_table

        scores = evaluate_genres(Path(args.corpus), kinds=("docx", "pdf") + (("scan",) if args.scan else ()))
        out.print(genre_table(scores))
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")
        return EXIT_OK
    kinds = ("pdf",) + (("docx",) if args.docx else ()) + (("variants",) if args.variants else ()) + \
        (("scan",) if args.scan else ())
    scores = evaluate_corpus(Path(args.corpus), engine=args.engine, kinds=kinds, reader=args.reader)
    scores["seconds"] = time.perf_counter() - started
    for table in score_tables(scores):
        out.print(table)
    if args.baselines:
        from extract.evaluation.corpus import baselines_table, evaluate_baselines

        with err.status("baselines: running the pipeline and the raw libraries with each engine"):
            scores["baselines"] = evaluate_baselines(Path(args.corpus), pipeline={args.engine: scores})
        out.print(baselines_table(scores["baselines"]))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: Console, err: Console) -> int:
    from extract.outputs.html import write_report
    from extract.pipeline import load_settings

    report = write_report(Path(args.outdir), Path(args.html), load_settings(args.rules))
    out.print(f"{escape(_shown(args.html))}: {report.bulletins} bulletins, {report.findings} findings, "
              f"{report.indicators} indicators, {report.size / 1e6:.2f} MB")
    if report.left_out:
        err.print(f"[yellow]warning[/yellow] {report.left_out} bulletins are listed in the overview only: the page "
                  "reached its size budget (report.page_max_mb in rules/limits.yaml)", soft_wrap=True)
    return EXIT_OK


def cmd_history(args: argparse.Namespace, out: Console, err: Console) -> int:
    from extract.history.history import run_history, write_history
    from extract.outputs.terminal import laggards_table
    from extract.pipeline import load_settings

    target = Path(args.out or args.out_dir)
    if target.exists() and not target.is_dir():
        return _fail(err, f"--out {_shown(str(target))}: exists and is not a folder", EXIT_UNREADABLE)
    result = run_history(args.out_dir, load_settings(args.rules), _options(args), min_run=args.min_run)
    write_history(result, target, encoding=args.encoding)
    out.print(laggards_table(result))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        import uvicorn

        from extract.serve.app import MIN_TOKEN, create_app, is_loopback, new_token
        from extract.serve.jobs import Settings
    except ImportError as exc:
        return _fail(err, f"serve needs its web packages ({exc.name}): pip install 'zhuanbao[serve]'", EXIT_UNREADABLE)
    loopback = is_loopback(args.host)
    token = args.token
    if token is not None and len(token) < MIN_TOKEN:
        return _fail(err, f"--token: at least {MIN_TOKEN} characters (or leave it out to have one generated)",
                     EXIT_UNREADABLE)
    if not loopback and token is None:
        token = new_token()
    upload = int(args.max_upload_mb * 2**20)
    settings = Settings(rules_dir=args.rules, timeout=args.timeout or None, memory_mb=args.memory_limit,
                        ttl=args.keep_minutes * 60, max_upload_bytes=upload,
                        max_request_bytes=int(args.max_request_mb * 2**20) if args.max_request_mb else 2 * upload,
                        jobs=max(1, args.jobs), token=token)
    app = create_app(settings, loopback_only=loopback)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    # listening on every address: the others open it by this machine's name or address
    url = f"http://{'THIS-MACHINE' if args.host in ('0.0.0.0', '::') else shown}:{args.port}/"
    out.print(f"zhuanbao serve: open {escape(url + (f'?token={token}' if token else ''))}", soft_wrap=True)
    if token and not args.token:
        out.print(f"token (generated; API: Authorization: Bearer …): {escape(token)}", soft_wrap=True)
    out.print("Ctrl-C stops the server; every upload and result is removed then.")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return EXIT_OK


COMMANDS = {"check": cmd_check, "extract": cmd_extract, "tables": cmd_tables, "eval": cmd_eval,
            "report": cmd_report, "history": cmd_history,
            "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    out, err = Console(), Console(stderr=True)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return COMMANDS[args.command](args, out, err)
    except KeyboardInterrupt as exc:   # Ctrl-C; SIGTERM and SIGHUP too while a worker runs (batch.Interrupted)
        signum = getattr(exc, "signum", signal.SIGINT)
        return _fail(err, "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}",
                     128 + signum)
    except (OSError, ValueError) as exc:
        return _fail(err, str(exc), EXIT_UNREADABLE)


if __name__ == "__main__":
    sys.exit(main())
