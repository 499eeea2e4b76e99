"""Many files: collect inputs, run the per-file pipeline on a pool of workers, stream outputs.

The driver (`run_batch`) hands files to an executor a few at a time and writes results to
the outputs strictly in input order, so the outputs never depend on scheduling, on the
executor, or on which results came from the cache. Only a bounded window of files is in
flight or waiting to be written, so memory does not grow with the archive.

Executors:
- `LocalPool`: worker processes managed here (not a concurrent.futures pool) because a
  file that hangs must be stopped: its worker is killed and replaced, the batch goes on.
- `DaskPool`: the same per-file function on a Dask distributed cluster.
"""
from __future__ import annotations

import functools
import heapq
import logging
import multiprocessing
import multiprocessing.connection
import signal
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.export import OutputSet
from extract.model import BulletinResult, Header
from extract.pipeline import SUPPORTED
from extract.rules import load_rules

INPUT_SUFFIXES = SUPPORTED
DEFAULT_TIMEOUT = 300.0

# (path, display name, rules folder, engine) -> result; must be importable by name (module level)
# because worker processes and Dask workers receive it by reference
FileFunction = Callable[[str, str, "str | None", str], BulletinResult]


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given (any type: a wrong one gets an error row) plus bulletins found under folders."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


# --- the per-file work -----------------------------------------------------------------------

@lru_cache(maxsize=4)
def _rules(rules_dir: str | None):
    # once per worker process, not once per file
    return load_rules(rules_dir)


def run_file(path: str, name: str, rules_dir: str | None, engine: str, ocr: str = "auto") -> BulletinResult:
    from extract.pipeline import process_file

    return process_file(Path(path), _rules(rules_dir), engine=engine, display_name=name, ocr=ocr)


def error_result(name: str, sha256: str, reason: str) -> BulletinResult:
    return BulletinResult(name, sha256, 0, Header(), [], [], [], status="error", error=reason)


def _task_error(task: "Task", reason: str) -> BulletinResult:
    """An error row made outside the pipeline; it carries the file's hash like the pipeline's own,
    so the row is the same whether or not the cache (which hashes files up front) is on."""
    sha = task.sha256
    if not sha:
        from extract.pipeline import sha256_of

        try:
            sha = sha256_of(Path(task.path))
        except OSError:
            sha = ""
    return error_result(task.name, sha, reason)


@dataclass(frozen=True)
class Task:
    index: int
    path: str
    name: str          # the name in the output rows: the path as given
    sha256: str = ""   # known when the cache is on


@dataclass
class Outcome:
    index: int
    result: BulletinResult
    seconds: float
    cached: bool = False


def timed(fn: FileFunction, task: Task, rules_dir: str | None, engine: str) -> Outcome:
    """Run one file in a worker; an exception from `fn` becomes an error row, never a lost file."""
    start = time.perf_counter()
    try:
        result = fn(task.path, task.name, rules_dir, engine)
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200]
        result = _task_error(task, f"internal error: {type(exc).__name__}: {reason}")
    return Outcome(task.index, result, time.perf_counter() - start)


def _timeout_outcome(task: Task, seconds: float) -> Outcome:
    return Outcome(task.index, _task_error(task, f"timed out after {seconds:g}s"), seconds)


# --- local worker processes ------------------------------------------------------------------

def _worker_main(conn, fn: FileFunction, rules_dir: str | None, engine: str) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the parent alone decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        outcome = timed(fn, task, rules_dir, engine)
        try:
            conn.send(outcome)
        except Exception as exc:  # a result that cannot be pickled must still come back as a row
            conn.send(Outcome(task.index, _task_error(task, f"internal error: {type(exc).__name__}"), outcome.seconds))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    task: Task | None = None
    started: float = 0.0


class LocalPool:
    """`jobs` worker processes, one file at a time each, so a stuck file can be killed with its worker."""

    def __init__(self, fn: FileFunction, jobs: int, rules_dir: str | None, engine: str, timeout: float | None):
        # forkserver, not fork: the parent runs threads (the progress bar, maybe Dask) and forking
        # a threaded process can deadlock; the server preloads the pipeline so workers start warm
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(["extract.batch", "extract.pipeline"])
        self.args = (fn, rules_dir, engine)
        self.timeout = timeout
        self.workers = [self._start() for _ in range(max(1, jobs))]

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_main, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._start()

    @property
    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers)

    @property
    def capacity(self) -> int:
        return len(self.workers) - self.busy

    def submit(self, task: Task) -> None:
        worker = next(w for w in self.workers if w.task is None)
        try:
            worker.conn.send(task)
        except OSError:  # an idle worker died (killed from outside): replace it and send again
            self._replace(worker)
            worker = next(w for w in self.workers if w.task is None)
            worker.conn.send(task)
        worker.task, worker.started = task, time.monotonic()

    def wait(self) -> list[Outcome]:
        """Block until at least one file finishes, fails or times out."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        wait_for = None
        if self.timeout is not None:
            wait_for = max(0.0, min(w.started for w in busy) + self.timeout - time.monotonic())
        handles = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = multiprocessing.connection.wait(list(handles), wait_for)
        outcomes = []
        for w in dict.fromkeys(handles[h] for h in ready):  # each worker once, in a stable order
            task = w.task
            try:
                outcomes.append(w.conn.recv())
                w.task = None
            except (EOFError, OSError):  # the worker died: a crash in a C library, the OOM killer
                w.process.join(timeout=5)
                code = w.process.exitcode
                outcomes.append(Outcome(task.index, _task_error(task, f"worker died (exit code {code})"), 0.0))
                self._replace(w)
        now = time.monotonic()
        for w in [w for w in self.workers if w.task is not None]:
            if self.timeout is not None and now - w.started >= self.timeout:
                outcomes.append(_timeout_outcome(w.task, self.timeout))
                self._replace(w)  # the new worker is idle
        return outcomes

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.workers:
            w.process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        for w in self.workers:
            if w.process.is_alive():
                w.process.kill()
            w.process.join()
            w.conn.close()


# --- Dask -----------------------------------------------------------------------------------

class DaskPool:
    """The same per-file function on a Dask cluster: `scheduler` address, or a LocalCluster for the run.

    The driver keeps at most one file per worker thread in flight, so a file starts when it is
    submitted and the timeout can be measured from there. A file over time gets its error row
    and its worker is restarted (with a LocalCluster of one thread per worker, that stops it).
    """

    def __init__(self, fn: FileFunction, jobs: int, rules_dir: str | None, engine: str,
                 timeout: float | None, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ValueError("--executor dask needs Dask: pip install 'zhuanbao[dask]'") from None

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            # silence_logs: Dask's shutdown warnings (e.g. after Ctrl-C) would bury the summary
            self.cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.args = (fn, rules_dir, engine)
        self.timeout = timeout
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.running: dict = {}  # future -> (task, started)

    @property
    def busy(self) -> int:
        return len(self.running)

    @property
    def capacity(self) -> int:
        return self.slots - len(self.running)

    def submit(self, task: Task) -> None:
        fn, rules_dir, engine = self.args
        future = self.client.submit(timed, fn, task, rules_dir, engine, pure=False,
                                    key=f"zhuanbao-{task.index}-{uuid.uuid4().hex}")
        self.running[future] = (task, time.monotonic())

    def wait(self) -> list[Outcome]:
        from distributed import wait

        if not self.running:
            return []
        wait_for = None
        if self.timeout is not None:
            wait_for = max(0.05, min(s for _, s in self.running.values()) + self.timeout - time.monotonic())
        try:
            wait(list(self.running), timeout=wait_for, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        outcomes = []
        for future in [f for f in self.running if f.done()]:
            task, _ = self.running.pop(future)
            if future.status == "finished":
                outcomes.append(future.result())
            else:
                reason = f"worker died ({future.status})"
                outcomes.append(Outcome(task.index, _task_error(task, reason), 0.0))
        now = time.monotonic()
        for future, (task, started) in list(self.running.items()):
            if self.timeout is not None and now - started >= self.timeout:
                del self.running[future]
                outcomes.append(_timeout_outcome(task, self.timeout))
                self._stop(future)
        return outcomes

    def _stop(self, future) -> None:
        """Cancel a stuck task and restart the worker running it (a running thread cannot be cancelled)."""
        workers = [addr for addr, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if workers:
            try:
                self.client.restart_workers(workers, raise_for_error=False)
            except Exception:  # best effort: an external cluster may not allow it
                pass

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def kill(self) -> None:
        try:
            self.client.cancel(list(self.running))
        finally:
            self.close()


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

    def add(self, result: BulletinResult, seconds: float = 0.0, cached: bool = False) -> None:
        self.files += 1
        self.pages += result.pages
        self.ocr_pages += result.ocr_pages
        self.indicators += len(result.indicators)
        if result.status == "ok":
            self.ok += 1
        elif result.status == "skipped":
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


@contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (delivered on exit) while one file's rows are written or the pool starts."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):  # not supported here: write unprotected
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a held Ctrl-C is raised now


def run_batch(
    inputs: list[Path],
    out_dir: str | Path,
    formats: Iterable[str] = ("csv",),
    jobs: int = 1,
    rules_dir: str | None = None,
    engine: str = "pdfplumber",
    encoding: str = "utf-8-sig",
    on_result: Callable[[Outcome], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache_dir: str | Path | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    fn: FileFunction | None = None,
    window: int | None = None,
    ocr: str = "auto",
) -> BatchSummary:
    """Convert `inputs` into the outputs in `out_dir`; returns what happened.

    `on_result` is called as each file finishes (in completion order, cache hits included).
    Ctrl-C (KeyboardInterrupt) stops the workers, commits the outputs with every file written
    so far (an input-order prefix) and returns a summary with `interrupted=True`; results
    already computed are in the cache, so a rerun picks up where this one stopped.
    """
    from extract.cache import ResultCache, cache_key, cacheable, relabel, rules_fingerprint, tool_version
    from extract.pipeline import sha256_of

    # looked up at call time so tests can swap the module's run_file
    fn = fn or (run_file if ocr == "auto" else functools.partial(run_file, ocr=ocr))
    rules = load_rules(rules_dir)  # in the parent too: bad rules fail before any worker starts
    if ocr != "never":  # an OCR worker holds ~1 GB: no more workers than the memory holds
        from extract.readers.ocr import max_ocr_workers

        jobs = min(jobs, max_ocr_workers(rules.ocr))
    cache = ResultCache(cache_dir) if cache_dir is not None else None
    rules_fp = rules_fingerprint(rules) if cache else ""
    version = tool_version() if cache else ""
    window = window or max(32, 4 * jobs)

    tasks = [Task(i, str(p), str(p)) for i, p in enumerate(inputs)]
    keys: dict[int, str] = {}
    summary = BatchSummary(total=len(tasks))
    buffer: dict[int, Outcome] = {}   # finished, waiting for the files before them
    pool: LocalPool | DaskPool | None = None

    def lookup(i: int) -> tuple[Task, Outcome | None]:
        task = tasks[i]
        if cache is None or not Path(task.path).is_file():
            return task, None
        if i not in keys:
            task = tasks[i] = Task(task.index, task.path, task.name, sha256_of(Path(task.path)))
            keys[i] = cache_key(task.sha256, version, engine if ocr == "auto" else f"{engine}/ocr={ocr}", rules_fp)
        hit = cache.get(keys[i])
        return task, (Outcome(i, relabel(hit, task.name), 0.0, cached=True) if hit else None)

    def finished(outcome: Outcome) -> None:
        if cache is not None and not outcome.cached and outcome.index in keys and cacheable(outcome.result):
            cache.put(keys[outcome.index], outcome.result)
        buffer[outcome.index] = outcome
        if on_result:
            on_result(outcome)

    outputs = OutputSet(out_dir, formats, encoding)
    next_write = next_send = 0
    try:
        while next_write < len(tasks):
            while next_send < len(tasks) and next_send < next_write + window:
                task, hit = lookup(next_send)
                if hit is None:
                    if pool is None:  # started on the first miss: a rerun of cached files starts no workers
                        # Ctrl-C is held until the pool exists, so it can be stopped (Dask's LocalCluster
                        # breaks if interrupted half-started); workers inherit the mask and leave Ctrl-C
                        # to this process
                        with _no_interrupt():
                            pool = _make_pool(executor, fn, jobs, rules_dir, engine, timeout, scheduler)
                        window = max(window, 2 * pool.capacity)  # a big Dask cluster must not idle
                    if pool.capacity == 0:
                        break
                    pool.submit(task)
                else:
                    finished(hit)
                next_send += 1
            if pool is not None:
                for outcome in pool.wait():
                    finished(outcome)
            while next_write in buffer:
                outcome = buffer.pop(next_write)
                with _no_interrupt():
                    outputs.add(outcome.result)
                    summary.add(outcome.result, outcome.seconds, outcome.cached)
                next_write += 1
    except KeyboardInterrupt:
        summary.interrupted = True
    except BaseException:
        if pool is not None:
            pool.kill()
        outputs.abort()
        raise
    if pool is not None:
        if summary.interrupted:
            pool.kill()
        else:
            pool.close()
    outputs.close()
    return summary


def _make_pool(executor: str, fn: FileFunction, jobs: int, rules_dir: str | None, engine: str,
               timeout: float | None, scheduler: str | None) -> LocalPool | DaskPool:
    if executor == "dask":
        return DaskPool(fn, jobs, rules_dir, engine, timeout, scheduler)
    if executor == "local":
        return LocalPool(fn, jobs, rules_dir, engine, timeout)
    raise ValueError(f"unknown executor '{executor}' (choose local or dask)")
