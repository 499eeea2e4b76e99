"""Many files: collect inputs, run the per-file pipeline on a pool of workers, stream outputs.

The driver (`run_batch`) hands files to a pool (`extract.run.pools`) a few at a time and writes
results to the outputs strictly in input order, so the outputs never depend on scheduling, on
the executor, or on which results came from the cache. Only a bounded window of files is in
flight or waiting to be written, so memory does not grow with the archive.

The parent only schedules, writes and reports: hashing, cache reads and conversion happen in the
workers, under the timeout. A run holds a lock on its output folder, and Ctrl-C, SIGTERM and
SIGHUP all stop it the same clean way: the outputs hold complete rows for every file written
so far, nothing half-written is left behind, and the workers are gone.
"""
from __future__ import annotations

import heapq
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from extract.model import BulletinError, BulletinResult, OcrMode, ReadChoice, ResultStatus
from extract.outputs.export import LOCK_NAME, OutputSet
from extract.pipeline import SUPPORTED, printable_path
from extract.run.options import BatchOptions, Executor
from extract.run.pools import (
    STOP_SIGNALS,
    CacheSpec,
    Call,
    DaskPool,
    FileFunction,
    LocalPool,
    Outcome,
    Task,
    make_pool,
    memory_limit_enforced,
)
from extract.settings.document import DocumentMarks
from extract.settings.limits import Limits
from extract.settings.rules import Rules

if TYPE_CHECKING:
    from extract.run.cache import ResultCache

INPUT_SUFFIXES = SUPPORTED


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, depth first with an explicit stack: a folder nested thousands of levels
    deep must not exhaust Python's recursion limit. Symlinked folders are not followed (no loops);
    a folder that cannot be listed is passed over, as pathlib's rglob does."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(Path(entry.path))
                        elif entry.is_file():
                            yield Path(entry.path)
                    except OSError:
                        continue
        except OSError:
            continue


def pair_annexes(inputs: list[Path], marks: DocumentMarks) -> dict[Path, tuple[str, ...]]:
    """The spreadsheet annexes that travel beside each draft: files in its folder whose name is the
    draft's name followed by 附件 (草稿.docx + 草稿--附件1.xlsx / 草稿附件2.xls / 草稿-附件3.et), in
    their annex order. A spreadsheet no draft claims is not read."""
    from extract.readers.sheet import SHEET_SUFFIXES, annex_number

    out: dict[Path, tuple[str, ...]] = {}
    for draft in inputs:
        try:
            siblings = [p for p in draft.parent.iterdir() if p.suffix.lower() in SHEET_SUFFIXES and p.is_file()]
        except OSError:
            continue
        # the annex mark (附件N) starts within a few characters of the draft's name (a -- or - between)
        mine = [p for p in siblings if p.stem.startswith(draft.stem)
                and (m := marks.annex_file.search(p.stem, len(draft.stem))) and m.start() < len(draft.stem) + 4]
        if mine:
            out[draft] = tuple(str(p) for p in sorted(mine, key=lambda p: (annex_number(p, marks) or 0, p.name)))
    return out


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given (any type: a wrong one gets an error row) plus bulletins found under folders."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in _walk(path) if p.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):   # a symlink loop (RuntimeError before Python 3.13): its worker says so
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


# --- the per-file work -----------------------------------------------------------------------

def run_file(path: str, name: str, rules: Rules, read: ReadChoice, sha256: str,
             annexes: tuple[str, ...] = ()) -> BulletinResult:
    """One file, in a worker, with the rules the run's caller read (the worker reads no rules)."""
    from extract.pipeline import process_file

    return process_file(Path(path), rules, read, display_name=name, sha256=sha256, annexes=annexes)


# --- signals and the output lock ----------------------------------------------------------------

class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, stopping a run the way Ctrl-C does."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def stop_signals() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise `Interrupted`, as SIGINT raises KeyboardInterrupt.
    A signal the process ignores (`nohup`) stays ignored; outside the main thread nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> NoReturn:
        raise Interrupted(signum)

    previous = {}
    for signum in STOP_SIGNALS:
        old = signal.getsignal(signum)
        if signum == signal.SIGINT or old is signal.SIG_IGN:
            continue
        previous[signum] = signal.SIG_DFL if old is None else old
        signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold the stop signals (delivered on exit) while one file's rows are written or the pool starts.

    Two holds: the thread's signal mask (inherited by processes started inside, so a worker pool
    starting up is not hit), and Python handlers that only note the signal. The mask alone is not
    enough: the kernel hands a process-directed signal to any thread that does not block it (a
    thread of the pool or of the progress bar), and Python then runs the handler in the main
    thread, here, in the middle of a commit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(signum, lambda signum, frame: held.append(signum))
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
    except (AttributeError, ValueError, OSError):  # no signal masks here: the handlers hold alone
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)   # one pending here reaches the note-taker
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if held:   # now as if it came at this moment
            signum, handler = held[0], previous[held[0]]
            if callable(handler):
                handler(signum, None)
            elif signum == signal.SIGINT:
                raise KeyboardInterrupt
            else:
                os.kill(os.getpid(), signum)


class OutputLocked(ValueError):
    """Another run is writing to the same output folder."""


@contextmanager
def lock_output(out_dir: Path, wait: bool, warn: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on OUT/.zhuanbao.lock for the block: two runs writing one folder
    would each rename their own tables into place, and the formats could come from different
    runs. A second run fails at once with `OutputLocked`, or with `wait` waits its turn.

    filelock picks the platform's lock: flock on Linux and macOS, msvcrt.locking on Windows, and
    where neither exists (or the filesystem has no flock: some network mounts) a lock file made
    with O_EXCL; it says so in a Python warning, passed on here as one warning line."""
    import warnings

    out_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        import filelock  # here: imported where it has only a lock file, it warns

        lock = filelock.FileLock(out_dir / LOCK_NAME, thread_local=False)
        try:
            lock.acquire(blocking=False)
            taken = True
        except filelock.Timeout:
            taken = False
    for message in dict.fromkeys(" ".join(str(w.message).split()) for w in said):
        warn(f"{printable_path(out_dir)}: {message}")
    if not taken:
        if not wait:
            raise OutputLocked(
                f"{printable_path(out_dir)} is in use by another zhuanbao run (it holds {LOCK_NAME}); "
                "wait for it to finish, pass --wait, or choose another --out")
        lock.acquire()   # outside catch_warnings, which is process-wide: the wait may be long
    try:
        yield
    finally:
        lock.release()


def _say_unenforced_memory_limit(memory_mb: int, consequence: str, warn: Callable[[str], None] | None) -> None:
    """One warning line when a memory limit is asked for and this platform cannot enforce it."""
    if memory_mb and warn is not None and not memory_limit_enforced():
        warn(f"the memory limit ({memory_mb} MiB) cannot be enforced on this platform ({sys.platform}): {consequence}")


# --- the driver ------------------------------------------------------------------------------

@dataclass
class BatchSummary:
    files: int = 0
    ok: int = 0
    skipped: int = 0
    errors: int = 0
    pages: int = 0
    ocr_pages: int = 0             # of `pages`, those read by OCR
    indicators: int = 0
    findings_by_kind: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)
    total: int = 0                 # files in the batch (files < total after an interrupt)
    cache_hits: int = 0
    processed: int = 0             # files converted in this run
    slowest: list[tuple[float, str]] = field(default_factory=list)   # heap of the 5 slowest: (seconds, file)
    interrupted: bool = False
    signal: int = 0                # the signal that stopped the run (SIGINT for Ctrl-C)
    warnings: list[str] = field(default_factory=list)   # for the user: cache trouble, no lock

    def add(self, result: BulletinResult, seconds: float = 0.0, cached: bool = False) -> None:
        self.files += 1
        self.pages += result.pages
        self.ocr_pages += result.ocr_pages
        self.indicators += len(result.indicators)
        if result.status == ResultStatus.OK:
            self.ok += 1
        elif result.status == ResultStatus.SKIPPED:
            self.skipped += 1
        else:
            self.errors += 1
            self.failed.append((result.file, result.error))
        for finding in result.findings:
            self.findings_by_kind[finding.kind] = self.findings_by_kind.get(finding.kind, 0) + 1
        if cached:
            self.cache_hits += 1
        else:
            self.processed += 1
            heapq.heappush(self.slowest, (seconds, result.file))
            if len(self.slowest) > 5:
                heapq.heappop(self.slowest)

    def slowest_files(self) -> list[tuple[str, float]]:
        return [(name, seconds) for seconds, name in sorted(self.slowest, reverse=True)]


def _open_cache(cache_dir: str | Path | None, warn: Callable[[str], None]) -> ResultCache | None:
    """The cache, or None when there is none or it cannot be used (then the run goes on without it)."""
    from extract.run.cache import ResultCache

    if cache_dir is None:
        return None
    cache = ResultCache(cache_dir)
    try:
        cache.check()
    except OSError as exc:
        warn(f"cache {printable_path(cache_dir)} is not usable ({exc.strerror or exc}): continuing without it")
        return None
    return cache


def _resolved(options: BatchOptions, rules: Rules) -> BatchOptions:
    """`options` with what the rules decide: the memory limit (None: the rules' default; one no
    worker runs under is a ValueError, before any worker starts) and, unless OCR is off, no more
    workers than the memory holds (an OCR worker holds ~1 GB)."""
    jobs = options.jobs
    if options.ocr != OcrMode.NEVER:
        from extract.ocr.reader import max_ocr_workers

        jobs = min(jobs, max_ocr_workers(rules.ocr))
    return replace(options, jobs=jobs, memory_mb=Limits.from_rules(rules).memory_limit(options.memory_mb))


def _interrupted(summary: BatchSummary, exc: KeyboardInterrupt) -> None:
    summary.interrupted = True
    summary.signal = getattr(exc, "signum", signal.SIGINT)


@dataclass(eq=False)
class _Driver:
    """One run's moving parts: `feed` hands files to the pool, `collect` takes the outcomes of those
    that finished (caching them), `commit` writes the finished files that come next in input order.
    At most `window` files are in flight or waiting to be written."""

    tasks: list[Task]
    summary: BatchSummary
    outputs: OutputSet
    cache: ResultCache | None
    warn: Callable[[str], None]
    on_result: Callable[[Outcome], None] | None
    window: int
    pool: LocalPool | DaskPool | None = None
    next_send: int = 0      # the next file to hand to the pool
    next_write: int = 0     # the next file to write: every file before it is in the outputs
    finished: dict[int, Outcome] = field(default_factory=dict)   # done, waiting for the files before them

    @property
    def done(self) -> bool:
        return self.next_write >= len(self.tasks)

    def start(self, make: Callable[[], LocalPool | DaskPool]) -> None:
        # the stop signals are held until the pool exists, so it can be stopped (Dask's
        # LocalCluster breaks if interrupted half-started)
        with _no_interrupt():
            self.pool = make()
        self.window = max(self.window, 2 * self.pool.capacity)  # a big Dask cluster must not idle

    def feed(self) -> None:
        """Submit files while a worker is free and the window allows."""
        assert self.pool is not None
        limit = min(len(self.tasks), self.next_write + self.window)
        while self.next_send < limit and self.pool.capacity > 0:
            self.pool.submit(self.tasks[self.next_send])
            self.next_send += 1

    def collect(self, max_wait: float | None) -> None:
        """The outcomes of the files that finish within `max_wait` seconds (None: at least one)."""
        assert self.pool is not None
        for outcome in self.pool.wait(max_wait=max_wait):
            for message in outcome.warnings:
                self.warn(message)
            if self.cache is not None and outcome.key and not outcome.cached and not outcome.result.transient:
                self._cache(outcome)
            self.finished[outcome.index] = outcome
            if self.on_result:
                self.on_result(outcome)

    def _cache(self, outcome: Outcome) -> None:
        assert self.cache is not None
        try:
            self.cache.put(outcome.key, outcome.result)
        except OSError as exc:
            self.warn(f"cache {printable_path(self.cache.folder)} cannot be written ({exc.strerror or exc}): "
                      "continuing without it")
            self.cache = None
        except ValueError as exc:   # a result JSON cannot hold: that file is converted again next time
            self.warn(f"{outcome.result.file}: result not cached ({exc})")

    def commit(self) -> None:
        """Write the finished files that come next in input order, each whole (the stop signals are
        held while its rows are written)."""
        while self.next_write in self.finished:
            outcome = self.finished.pop(self.next_write)
            with _no_interrupt():
                self.outputs.add(outcome.result)
                self.summary.add(outcome.result, outcome.seconds, outcome.cached)
            self.next_write += 1

    def abort(self) -> None:
        """A failure of the run itself: the workers killed, no output touched."""
        if self.pool is not None:
            self.pool.kill()
        self.outputs.abort()

    def close(self) -> None:
        """The workers stopped (killed after an interrupt) and the outputs completed, with the stop
        signals held until the end: a signal must not stop the commit half-way."""
        with _no_interrupt():
            if self.pool is not None:
                if self.summary.interrupted:
                    self.pool.kill()
                else:
                    self.pool.close()
            self.outputs.close()


def run_batch(
    inputs: list[Path],
    out_dir: str | Path,
    rules: Rules,
    options: BatchOptions,
    *,
    names: list[str] | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_started: Callable[[], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    fn: FileFunction | None = None,
) -> BatchSummary:
    """Convert `inputs` into the outputs in `out_dir` with `rules`, as `options` say; returns what happened.

    The workers use these very rules (they read none), and the cache keys name them. `names` are
    the files' names in the output rows (by default each path as given, printable): `serve` saves
    uploads under names it chooses and keeps the names they came with. `on_result` is called as
    each file finishes (in completion order, cache hits included), and `on_warning` with each
    warning as it comes (they are also in the summary), `on_started` once the workers exist: a
    thread started there (a progress display's) no longer keeps them from being forked warm (see
    pools.LocalPool). `should_stop` is asked at least twice a second: once it says yes the run
    stops as on Ctrl-C (a server shutting down). Ctrl-C, SIGTERM and SIGHUP stop the workers,
    commit the outputs with every file written so far (an input-order prefix) and return a
    summary with `interrupted=True`; results already computed are in the cache, so a rerun picks
    up where this one stopped. Another run holding `out_dir` raises `OutputLocked` (or is waited
    for, with `options.wait_for_lock`). `fn` replaces the per-file function (tests).
    """
    from extract.run.cache import rules_fingerprint, tool_version

    fn = fn or run_file  # looked up at call time so tests can swap the module's run_file
    options = _resolved(options, rules)
    if names is not None and len(names) != len(inputs):
        raise ValueError(f"{len(names)} names for {len(inputs)} inputs")
    annexes = pair_annexes(inputs, rules.document.marks)
    tasks = [Task(i, str(p), names[i] if names is not None else printable_path(p), annexes.get(p, ()))
             for i, p in enumerate(inputs)]
    summary = BatchSummary(total=len(tasks))

    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning:
            on_warning(message)

    if options.executor == Executor.LOCAL:
        _say_unenforced_memory_limit(options.memory_mb or 0, "workers run without one", warn)
    with stop_signals(), lock_output(Path(out_dir), options.wait_for_lock, warn):
        cache = _open_cache(options.cache_dir, warn)
        spec = CacheSpec(str(cache.folder), tool_version(), options.read, rules_fingerprint(rules)) if cache else None
        run = _Driver(tasks, summary, OutputSet(out_dir, options.formats, options.encoding), cache, warn, on_result,
                      options.window or max(32, 4 * options.jobs))
        try:
            while not run.done:
                if run.pool is None:
                    run.start(lambda: make_pool(fn, rules, options, spec))
                    if on_started:
                        on_started()
                run.feed()
                run.collect(max_wait=None if should_stop is None else 0.5)
                if should_stop is not None and should_stop():
                    raise KeyboardInterrupt
                run.feed()   # the freed workers get their next file before this process writes: they overlap
                run.commit()
        except KeyboardInterrupt as exc:
            _interrupted(summary, exc)
        except BaseException:
            run.abort()
            raise
        try:
            run.close()
        except KeyboardInterrupt as exc:   # held during the commit and delivered after it: the outputs are whole
            _interrupted(summary, exc)
    return summary


def run_single(path: str | Path, rules: Rules, options: BatchOptions, *, fn: FileFunction | None = None,
               name: str | None = None, annexes: tuple[str, ...] = (),
               on_warning: Callable[[str], None] | None = None) -> BulletinResult:
    """One file converted in a worker process with `rules`, under the options' timeout and memory
    limit (`check`): a file that hangs a parser ends in a timeout error, and Ctrl-C, SIGTERM or
    SIGHUP stop it at once (KeyboardInterrupt; `Interrupted` for the last two). The row is named
    `name`, by default the file name. `on_warning` hears, in one line, of a memory limit this
    platform cannot enforce."""
    path = Path(path)
    task = Task(0, str(path), name or printable_path(path.name), annexes)
    return _in_worker(task, fn or run_file, rules, options, on_warning).result


def run_call(fn: Callable[..., Any], *args: Any, name: str, rules: Rules, options: BatchOptions,
             on_warning: Callable[[str], None] | None = None) -> Any:
    """`fn(*args)` in a worker process, as `run_single` converts a file: under the options' timeout
    and memory limit (`rules` say the default limit), stopped at once by Ctrl-C, SIGTERM or SIGHUP.
    Its value; over time, over memory or any exception is a BulletinError with the one-line reason.
    `fn` must be importable by name; what it needs of the rules comes in `args`."""
    outcome = _in_worker(Call(0, name, fn, args), run_file, rules, options, on_warning)
    if outcome.result.status == ResultStatus.ERROR:
        raise BulletinError(outcome.result.error)
    return outcome.value


def _in_worker(task: Task | Call, fn: FileFunction, rules: Rules, options: BatchOptions,
               on_warning: Callable[[str], None] | None = None) -> Outcome:
    memory_mb = Limits.from_rules(rules).memory_limit(options.memory_mb)
    _say_unenforced_memory_limit(memory_mb, "the file is read without one", on_warning)
    with stop_signals():
        with _no_interrupt():
            pool = LocalPool(fn, 1, rules, options.read, options.timeout, None, memory_mb)
        try:
            pool.submit(task)
            while True:
                for outcome in pool.wait():
                    return outcome
        finally:
            pool.kill()
