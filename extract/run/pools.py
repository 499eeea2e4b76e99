"""Worker pools for the per-file work: one file at a time per worker, each under the timeout.

Everything slow or risky about a file happens in a worker, never in the parent: hashing it (a
huge sparse file takes minutes), reading its cache entry, converting it. A file over time gets
an error row and its worker is killed and replaced; the batch goes on.

- `LocalPool`: worker processes managed here (not a concurrent.futures pool) because a file
  that hangs must be stopped. Workers leave Ctrl-C, SIGTERM and SIGHUP to the parent, die with
  it (PR_SET_PDEATHSIG on Linux) and run under an address-space limit (RLIMIT_AS).
- `DaskPool`: the same per-file function on a Dask distributed cluster.
"""
from __future__ import annotations

import hashlib
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from extract.model import BulletinResult, Header, ReadChoice, ResultStatus
from extract.run.options import BatchOptions, Executor

if TYPE_CHECKING:
    from distributed import Future

    from extract.settings.rules import Rules

T = TypeVar("T")

# (path, display name, the run's rules, read choice, sha256 of the file, annexes=(...) only when the
# draft has spreadsheet annexes) -> result; must be importable by name (module level) because
# worker processes and Dask workers receive it by reference
FileFunction = Callable[..., BulletinResult]

# signals the parent turns into a clean stop (see batch.stop_signals); workers ignore them
START_METHOD_ENV = "ZHUANBAO_START_METHOD"   # fork | forkserver | spawn: forces how workers start
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@dataclass(frozen=True)
class CacheSpec:
    """Where the results cache is and what its keys depend on (besides the file's hash)."""

    folder: str
    version: str
    read: ReadChoice
    rules_fp: str

    def key(self, sha256: str) -> str:
        from extract.run.cache import cache_key

        return cache_key(sha256, self.version, self.read, self.rules_fp)


@dataclass(frozen=True)
class Task:
    index: int
    path: str          # what the worker opens (may hold bytes that are not UTF-8)
    name: str          # the name in the output rows: the path as given, printable
    annexes: tuple[str, ...] = ()   # spreadsheet annexes that belong to the draft (附件1.xlsx)


@dataclass(frozen=True)
class Call:
    """Work that is one function call rather than one file's conversion (`check --annotate`,
    `tables`): `fn(*args)` in a worker under the same timeout and memory limit. Its value comes
    back in `Outcome.value`; an exception, as for a file, as an error row with a one-line reason."""

    index: int
    name: str
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


@dataclass
class Outcome:
    index: int
    result: BulletinResult
    seconds: float
    cached: bool = False
    key: str = ""                      # the cache key, when the cache is on and the file was hashed
    warnings: tuple[str, ...] = ()     # for the user: a damaged cache entry
    value: Any = None                  # what a `Call` returned


# Imported once by the forkserver, so that each worker forked from it starts warm. The names are
# checked by tests/test_structure.py: a module that moves must be named here by its new place.
FORKSERVER_PRELOAD = ("extract.run.pools", "extract.pipeline")


def error_result(name: str, reason: str, sha256: str = "", transient: bool = True) -> BulletinResult:
    """An error row made outside the pipeline (timeout, crash, bug): transient, so never cached."""
    from extract.chinese.text import strip_controls

    reason = " ".join(strip_controls(reason).split())   # one line, whatever an exception said
    return BulletinResult(name, sha256, 0, Header(), [], [], [], status=ResultStatus.ERROR, error=reason,
                          transient=transient)


def _call(task: Call) -> Outcome:
    from extract.pipeline import failure

    start = time.perf_counter()
    try:
        value = task.fn(*task.args)
    except Exception as exc:
        reason, _ = failure(exc)
        return Outcome(task.index, error_result(task.name, reason), time.perf_counter() - start)
    done = BulletinResult(task.name, "", 0, Header(), [], [], [])
    return Outcome(task.index, done, time.perf_counter() - start, value=value)


def work(fn: FileFunction, task: Task | Call, rules: Rules, read: ReadChoice, cache: CacheSpec | None) -> Outcome:
    """One file, in a worker: hash it, answer from the cache if it holds the file, else convert it.
    An exception from `fn` becomes an error row, never a lost file. A `Call` is just called."""
    from extract.pipeline import sha256_of
    from extract.run.cache import DamagedEntry, ResultCache, relabel

    if isinstance(task, Call):
        return _call(task)
    start = time.perf_counter()
    before = _identity(task.path)
    sha = sha256_of(Path(task.path))
    if sha and task.annexes:
        # the result depends on the annex files too: the cache must miss when one of them changes
        sha = hashlib.sha256("\0".join([sha, *(sha256_of(Path(a)) for a in task.annexes)]).encode()).hexdigest()
    key = cache.key(sha) if cache is not None and sha else ""
    warnings: tuple[str, ...] = ()
    if cache is not None and key:
        try:
            hit = ResultCache(cache.folder).get(key)
        except DamagedEntry as exc:
            hit = None
            warnings = (f"cache entry {key[:12]}… for {task.name} is damaged ({exc}): converted again",)
        if hit is not None:
            return Outcome(task.index, relabel(hit, task.name), time.perf_counter() - start, cached=True, key=key)
    try:
        result = fn(task.path, task.name, rules, read, sha, annexes=task.annexes) if task.annexes else \
            fn(task.path, task.name, rules, read, sha)
    except Exception as exc:
        result = error_result(task.name, f"internal error: {type(exc).__name__}: {str(exc)[:200]}", sha)
    if before != _identity(task.path):
        # the file hashed may not be the one parsed (replaced with `mv`, or written to, meanwhile):
        # its row and a cache entry would pair one file's hash with the other's content
        result = error_result(task.name, "the file changed while it was read (replaced or written to): "
                                         "run again", sha)
        key = ""
    return Outcome(task.index, result, time.perf_counter() - start, key=key, warnings=warnings)


def _identity(path: str) -> tuple[int, ...] | None:
    """What tells one file from another at `path`, or the same file rewritten."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _timeout_outcome(task: Task | Call, seconds: float) -> Outcome:
    return Outcome(task.index, error_result(task.name, f"timed out after {seconds:g}s"), seconds)


# --- local worker processes ------------------------------------------------------------------

def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when its parent dies, however the batch process ended.

    A worker's parent is the batch process (forked) or the forkserver. The forkserver exits once no
    process holds the "alive" pipe it hands to the batch process and to each of its children; a
    worker keeping its copy (a forkserver child, or a forked child of a process that started a
    forkserver before) would keep the server alive, so it closes it: then the forkserver goes when
    the batch process goes, and the kernel kills the workers."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if server is not None and alive is not None:
        try:
            os.close(alive)
        except OSError:
            pass
        server._forkserver_alive_fd = None   # this process starts no processes of its own
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:   # the parent died before prctl: nobody will send the signal
        os._exit(1)


def memory_limit_enforced() -> bool:
    """Whether a worker's RLIMIT_AS holds here: Windows has no `resource`, macOS ignores RLIMIT_AS."""
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return sys.platform != "darwin"


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:   # not on this platform
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: multiprocessing.connection.Connection, fn: FileFunction, rules: Rules, read: ReadChoice,
                 cache: CacheSpec | None, memory_mb: int) -> None:
    # a signal to the terminal's process group reaches the workers too: the parent alone decides
    # what stops, and a worker dies when the parent does
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    _die_with_parent()
    if memory_mb:
        _limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        outcome = work(fn, task, rules, read, cache)
        try:
            conn.send(outcome)
        except Exception as exc:  # a result that cannot be pickled must still come back as a row
            conn.send(Outcome(task.index, error_result(task.name, f"internal error: {type(exc).__name__}"),
                              outcome.seconds))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    task: Task | Call | None = None
    started: float = 0.0


class LocalPool:
    """`jobs` worker processes, one file at a time each, so a stuck file can be killed with its worker.
    Each worker gets the run's rules as it starts (pickled once per worker, or inherited by a fork)."""

    def __init__(self, fn: FileFunction, jobs: int, rules: Rules, read: ReadChoice, timeout: float | None,
                 cache: CacheSpec | None = None, memory_mb: int = 0):
        self.args = (fn, rules, read, cache, memory_mb)
        self.timeout = timeout
        self.workers = [self._start() for _ in range(max(1, jobs))]

    @staticmethod
    def _context() -> multiprocessing.context.BaseContext:
        # A process with one thread forks its workers: they start warm, with the pipeline imported
        # (over a second less per run) and the run's rules as this process holds them. Once there
        # are other threads (a progress bar, Dask) a fork can deadlock, so workers come from a
        # forkserver that has the pipeline preloaded (the rules are pickled to each). Where neither
        # exists (Windows) workers are spawned: each imports the pipeline itself, slower to start,
        # the same results. Decided at every start: a worker replaced later may see threads.
        # $ZHUANBAO_START_METHOD forces one (tests, diagnosis).
        methods = multiprocessing.get_all_start_methods()
        forced = os.environ.get(START_METHOD_ENV)
        if forced and forced not in methods:
            raise ValueError(f"{START_METHOD_ENV}={forced}: not available here (choose from {', '.join(methods)})")
        if forced:
            method = forced
        elif threading.active_count() == 1 and "fork" in methods:
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        return ctx

    def _start(self) -> _Worker:
        ctx = self._context()
        parent, child = ctx.Pipe()
        process = ctx.Process(  # type: ignore[attr-defined]   # every start method's context has it
            target=_worker_main, args=(child, *self.args), daemon=True)
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

    def submit(self, task: Task | Call) -> None:
        worker = next(w for w in self.workers if w.task is None)
        try:
            worker.conn.send(task)
        except OSError:  # an idle worker died (killed from outside): replace it and send again
            self._replace(worker)
            worker = next(w for w in self.workers if w.task is None)
            worker.conn.send(task)
        worker.task, worker.started = task, time.monotonic()

    def wait(self, max_wait: float | None = None) -> list[Outcome]:
        """Block until at least one file finishes, fails or times out (or `max_wait` seconds pass:
        then possibly nothing)."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        wait_for = max_wait
        if self.timeout is not None:
            wait_for = min(max(0.0, min(w.started for w in busy) + self.timeout - time.monotonic()),
                           math.inf if max_wait is None else max_wait)
        handles: dict[Any, _Worker] = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = multiprocessing.connection.wait(list(handles), wait_for)
        outcomes = []
        for w in dict.fromkeys(handles[h] for h in ready):  # each worker once, in a stable order
            task = w.task
            if task is None:
                continue
            try:
                outcomes.append(w.conn.recv())
                w.task = None
            except (EOFError, OSError):  # the worker died: a crash in a C library, the OOM killer
                w.process.join(timeout=5)
                code = w.process.exitcode
                outcomes.append(Outcome(task.index, error_result(task.name, f"worker died (exit code {code})"), 0.0))
                self._replace(w)
        now = time.monotonic()
        for w in list(self.workers):
            if w.task is not None and self.timeout is not None and now - w.started >= self.timeout:
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


# --- one call in a worker ---------------------------------------------------------------------

def _call_main(conn: multiprocessing.connection.Connection, fn: Callable[..., Any], args: tuple[Any, ...],
               memory_mb: int) -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    _die_with_parent()
    if memory_mb:
        _limit_memory(memory_mb)
    try:
        reply: tuple[str, Any] = ("ok", fn(*args))
    except Exception as exc:
        reply = ("error", exc)
    try:
        conn.send(reply)
    except Exception as exc:   # an exception or a result that cannot be pickled still comes back as one line
        conn.send(("error", ValueError(f"internal error: {type(exc).__name__}: {str(exc)[:200]}")))


def call_in_worker(fn: Callable[..., T], args: tuple[Any, ...], timeout: float | None, memory_mb: int = 0) -> T:
    """`fn(*args)` in a worker process under the timeout and the memory limit, as a file is: its
    exception is raised here, and after `timeout` seconds the worker is killed and TimeoutError
    raised. `fn` must be importable by name (module level): a spawned worker imports it."""
    ctx = LocalPool._context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(  # type: ignore[attr-defined]   # every start method's context has it
        target=_call_main, args=(child, fn, args, memory_mb), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise TimeoutError(f"timed out after {timeout:g}s")
        try:
            kind, value = parent.recv()
        except (EOFError, OSError):   # a crash in a C library, the OOM killer
            process.join(timeout=5)
            raise ValueError(f"worker died (exit code {process.exitcode})") from None
        if kind == "error":
            raise value
        result: T = value
        return result
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        parent.close()


# --- Dask -----------------------------------------------------------------------------------

class DaskPool:
    """The same per-file function on a Dask cluster: `scheduler` address, or a LocalCluster for the run.

    The driver keeps at most one file per worker thread in flight, so a file starts when it is
    submitted and the timeout can be measured from there. A file over time gets its error row
    and its worker is restarted (with a LocalCluster of one thread per worker, that stops it).
    The memory limit becomes the LocalCluster's per-worker memory_limit (its nanny restarts a
    worker over it); an external cluster keeps its own settings. The rules travel with each file
    (22 KB pickled): a worker on another machine needs no rules folder of its own.
    """

    def __init__(self, fn: FileFunction, jobs: int, rules: Rules, read: ReadChoice,
                 timeout: float | None, cache: CacheSpec | None = None, memory_mb: int = 0,
                 scheduler: str | None = None):
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
                                        dashboard_address=None, silence_logs=logging.ERROR,
                                        memory_limit=memory_mb * 2**20 if memory_mb else "auto")
            self.client = Client(self.cluster)
        self.args = (fn, rules, read, cache)
        self.timeout = timeout
        self.slots: int = max(1, sum(self.client.nthreads().values()))
        self.running: dict[Future[Outcome], tuple[Task, float]] = {}  # future -> (task, started)

    @property
    def busy(self) -> int:
        return len(self.running)

    @property
    def capacity(self) -> int:
        return self.slots - len(self.running)

    def submit(self, task: Task) -> None:
        fn, rules, read, cache = self.args
        future = self.client.submit(work, fn, task, rules, read, cache, pure=False,
                                    key=f"zhuanbao-{task.index}-{uuid.uuid4().hex}")
        self.running[future] = (task, time.monotonic())

    def wait(self, max_wait: float | None = None) -> list[Outcome]:
        from distributed import wait

        if not self.running:
            return []
        wait_for = max_wait
        if self.timeout is not None:
            wait_for = min(max(0.05, min(s for _, s in self.running.values()) + self.timeout - time.monotonic()),
                           math.inf if max_wait is None else max_wait)
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
                outcomes.append(Outcome(task.index, error_result(task.name, f"worker died ({future.status})"), 0.0))
        now = time.monotonic()
        for future, (task, started) in list(self.running.items()):
            if self.timeout is not None and now - started >= self.timeout:
                del self.running[future]
                outcomes.append(_timeout_outcome(task, self.timeout))
                self._stop(future)
        return outcomes

    def _stop(self, future: Future[Outcome]) -> None:
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


def make_pool(fn: FileFunction, rules: Rules, options: BatchOptions, cache: CacheSpec | None) -> LocalPool | DaskPool:
    """The pool `options.executor` names, of `options.jobs` workers under `options.memory_mb`
    (the resolved limit: 0 is none)."""
    memory_mb = options.memory_mb or 0
    if options.executor == Executor.DASK:
        return DaskPool(fn, options.jobs, rules, options.read, options.timeout, cache, memory_mb, options.scheduler)
    return LocalPool(fn, options.jobs, rules, options.read, options.timeout, cache, memory_mb)
