"""How fast is zhuanbao on an archive, and where does the time go?

    python benchmarks/run.py --copies 20          # quick
    python benchmarks/run.py --copies 200         # the archive-scale number
    python benchmarks/run.py --profile            # cProfile of one bulletin, top 25 by cumulative time

One run measures, on the same files: zhuanbao (extract + check, --jobs 1) against raw
pdfplumber (open + extract_text + extract_tables on every page) and raw camelot lattice
(on a few pages: it is slow), the speed-up from --jobs 1 to --jobs 2, and the peak memory of
one worker on the largest corpus bulletin. Timing lives here only, never in the unit tests.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDF = ROOT / "corpus" / "pdf"


def build_archive(sources: list[Path], copies: int, folder: Path) -> list[Path]:
    """`copies` files cycling through the corpus, each under its own name (hard links when possible)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(copies):
        source = sources[i % len(sources)]
        target = folder / f"{i:05d}-{source.name}"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        files.append(target)
    return files


def page_count(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(path)).pages)


def time_zhuanbao(files: list[Path], jobs: int, out: Path) -> tuple[float, int]:
    from extract.batch import run_batch

    start = time.perf_counter()
    summary = run_batch(files, out, jobs=jobs, timeout=None, cache_dir=None)
    return time.perf_counter() - start, summary.pages


def time_pdfplumber(files: list[Path]) -> tuple[float, int]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return time.perf_counter() - start, pages


def time_camelot(path: Path, max_pages: int) -> tuple[float, int]:
    import camelot

    n = min(max_pages, page_count(path))
    start = time.perf_counter()
    camelot.read_pdf(str(path), pages=f"1-{n}", flavor="lattice")
    return time.perf_counter() - start, n


_RSS_CHILD = """
import json, resource, sys
from pathlib import Path

def peak_kib():
    # VmHWM belongs to this process image; ru_maxrss would carry over the parent's peak across fork+exec
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from extract.pipeline import process_file
from extract.rules import load_rules
rules = load_rules()
before = peak_kib()
result = process_file(Path(sys.argv[1]), rules)
print(json.dumps({"imports_kb": before, "peak_kb": peak_kib(), "pages": result.pages, "status": result.status}))
"""


def worker_peak_rss(path: Path) -> dict:
    """A fresh process does what one worker does for one file and reports its high-water RSS (KiB)."""
    done = subprocess.run([sys.executable, "-c", _RSS_CHILD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(path: Path, top: int = 25) -> str:
    from extract.pipeline import process_file
    from extract.rules import load_rules

    rules = load_rules()
    process_file(path, rules)  # warm: imports and lazy set-up are not the hot spots we are after
    profiler = cProfile.Profile()
    profiler.enable()
    process_file(path, rules)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    return stream.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_PDF, help="folder of source PDFs (default corpus/pdf)")
    parser.add_argument("--copies", type=int, default=200, help="files in the archive (default 200; 20 is quick)")
    parser.add_argument("--camelot-pages", type=int, default=6, help="pages timed with camelot lattice (default 6)")
    parser.add_argument("--profile", action="store_true", help="only profile one bulletin (the largest, or --file)")
    parser.add_argument("--file", type=Path, help="the bulletin to profile / measure memory on")
    args = parser.parse_args(argv)

    sources = sorted(args.corpus.glob("*.pdf"))
    if not sources:
        print(f"no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    largest = args.file or max(sources, key=page_count)
    if args.profile:
        print(f"cProfile of {largest} ({page_count(largest)} pages), top 25 by cumulative time\n")
        print(profile(largest))
        return 0

    with tempfile.TemporaryDirectory(prefix="zhuanbao-bench-") as tmp:
        tmp = Path(tmp)
        files = build_archive(sources, args.copies, tmp / "archive")
        print(f"archive: {len(files)} files from {len(sources)} corpus PDFs, "
              f"{sum(page_count(p) for p in sources[:len(files)])} distinct pages; {os.cpu_count()} cores")

        t1, pages1 = time_zhuanbao(files, 1, tmp / "out1")
        t2, pages2 = time_zhuanbao(files, 2, tmp / "out2")
        tp, pages_p = time_pdfplumber(files)
        tc, pages_c = time_camelot(largest, args.camelot_pages)
        rss = worker_peak_rss(largest)

    zb, pl, cm = pages1 / t1, pages_p / tp, pages_c / tc
    print()
    print(f"zhuanbao --jobs 1 (extract + check) {pages1:6d} pages {t1:8.1f} s {zb:8.1f} pages/s")
    print(f"zhuanbao --jobs 2                   {pages2:6d} pages {t2:8.1f} s {pages2 / t2:8.1f} pages/s")
    print(f"raw pdfplumber text + tables        {pages_p:6d} pages {tp:8.1f} s {pl:8.1f} pages/s")
    print(f"raw camelot lattice ({largest.name}) {pages_c:4d} pages {tc:8.1f} s {cm:8.2f} pages/s "
          f"({1000 * tc / pages_c:.0f} ms/page)")
    print()
    print(f"zhuanbao / raw pdfplumber speed:  {zb / pl:.2f}x  (zhuanbao takes {t1 / tp:.2f}x the time)")
    print(f"zhuanbao / raw camelot speed:     {zb / cm:.2f}x")
    print(f"speed-up --jobs 1 -> --jobs 2:    {t1 / t2:.2f}x")
    print(f"peak RSS of one worker on {largest.name} ({rss['pages']} pages): {rss['peak_kb'] / 1024:.0f} MiB "
          f"({rss['imports_kb'] / 1024:.0f} MiB after imports, +{(rss['peak_kb'] - rss['imports_kb']) / 1024:.0f} MiB "
          f"for the file)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
