"""Batches of the serve page (批量转换): many bulletins converted by the batch engine, one batch at a time.

A batch's files are saved in its upload folder (names chosen here) and converted by
`batch.run_batch`, as `zhuanbao extract` converts them: `Settings.jobs` worker processes under the
timeout and the memory limit. Batches queue for one runner thread, so twenty uploads never start
twenty pools. When the files are done: the history of the issuers with several bulletins
(`zhuanbao history`, in a worker), the HTML report (`zhuanbao report`, in a worker) and the
dataset: the five tables as CSV, xlsx and parquet in one .zip.
"""
from __future__ import annotations

import queue
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.model import BulletinError, ResultStatus
from extract.run.batch import run_batch, run_call
from extract.run.options import BatchOptions
from extract.run.pools import Outcome
from extract.serve.jobs import Job, Settings
from extract.settings.rules import Rules

OUT = "out"                      # the batch's output folder, inside its upload folder
DATASET = "dataset.zip"
REPORT = "report.html"
FORMATS = ("csv", "xlsx", "parquet")
RUNNING, QUEUED, DONE, STOPPED, FAILED = "running", "queued", "done", "stopped", "failed"


@dataclass
class Batch:
    """One batch's files and progress. `refused`: uploads that are no bulletin (by their bytes),
    with their reasons; they count as done and failed from the start."""

    inputs: list[Path]
    names: list[str]
    refused: list[tuple[str, str]] = field(default_factory=list)
    state: str = QUEUED
    done: int = 0
    pages: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    started: float | None = None
    finished: float | None = None
    message: str = ""                 # why the batch as a whole could not finish
    series: dict[str, int] = field(default_factory=dict)   # issuer: bulletins, for issuers with several
    links: int = 0    # indicators found again in an issuer's next bulletin: 0 means nothing could be compared
    laggards: list[Any] = field(default_factory=list)      # html.Laggard, for the page
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        return len(self.inputs) + len(self.refused)

    def record(self, outcome: Outcome) -> None:
        """One file converted (the engine's `on_result`, in completion order)."""
        with self.lock:
            self.done += 1
            self.pages += outcome.result.pages
            if outcome.result.status == ResultStatus.ERROR:
                self.failed.append((outcome.result.file, outcome.result.error))

    def progress(self) -> dict[str, Any]:
        with self.lock:
            done = self.done + len(self.refused)
            elapsed = ((self.finished or time.monotonic()) - self.started) if self.started else 0.0
            eta = None
            if self.state == RUNNING and self.done:
                eta = round(elapsed / self.done * (len(self.inputs) - self.done), 1)
            return {"state": self.state, "files": self.total, "done": done,
                    "percent": 100 if self.state == DONE else int(100 * done / max(1, self.total)),
                    "pages": self.pages, "errors": len(self.failed) + len(self.refused),
                    "elapsed_seconds": round(elapsed, 1), "eta_seconds": eta,
                    "failed": [{"file": f, "reason": r} for f, r in [*self.refused, *self.failed]],
                    "message": self.message}


def make_report(out_dir: str, target: str, rules: Rules) -> None:
    """In a worker: `zhuanbao report OUT --html target`."""
    from extract.outputs.html import write_report

    write_report(Path(out_dir), Path(target), rules)


def _dataset(out: Path, target: Path) -> None:
    """The tables of `out` (every format, with the history when it was written) in one .zip."""
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.suffix in (".csv", ".xlsx", ".parquet"):
                archive.write(path, path.name)
    partial.replace(target)


def _history(job: Job, batch: Batch, rules: Rules, options: BatchOptions) -> None:
    """history.csv and laggards.csv beside the tables, and the laggards for the page, when an issuer
    has several bulletins in the batch."""
    from extract.history.history import run_history, write_history
    from extract.outputs.html import laggard_views

    out = job.folder / OUT
    result = run_history(out, rules, options)
    counts = result.history.groupby("issuer")["file"].nunique()
    batch.series = {str(k): int(v) for k, v in counts.items() if v >= 2}
    if batch.series:
        write_history(result, out)
        batch.links = int(result.history["link"].isin(["next", "gap"]).sum())
        batch.laggards = laggard_views(out, rules)


def run_one(job: Job, settings: Settings, rules: Rules, stop: threading.Event) -> None:
    """Convert `job`'s batch (blocking; in the runner thread)."""
    batch = job.batch
    assert batch is not None
    with batch.lock:
        batch.state, batch.started = RUNNING, time.monotonic()
    out = job.folder / OUT
    try:
        options = BatchOptions(formats=FORMATS, jobs=max(1, min(settings.jobs, len(batch.inputs))),
                               timeout=settings.timeout, memory_mb=settings.memory_mb)
        summary = run_batch(batch.inputs, out, rules, options, names=batch.names, on_result=batch.record,
                            should_stop=stop.is_set)
        if summary.interrupted:
            batch.state = STOPPED
            return
        if summary.ok >= 2:
            _history(job, batch, rules, options)
        run_call(make_report, str(out), str(job.folder / REPORT), rules, name=REPORT, rules=rules, options=options)
        _dataset(out, job.folder / DATASET)
        batch.state = DONE
    except (BulletinError, OSError, ValueError) as exc:
        batch.message, batch.state = " ".join(str(exc).split()), FAILED
    finally:
        batch.finished = time.monotonic()
        job.created = time.monotonic()   # a result is kept `ttl` from when it is ready


class Runner:
    """One thread converting the batches one after another, in the order they came. `words`:
    rules/review.yaml `web`, for a batch stopped by an error of the server."""

    def __init__(self, settings: Settings, rules: Rules):
        self.settings, self.rules, self.words = settings, rules, rules.review.web
        self.queue: queue.Queue[Job | None] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="zhuanbao-batches", daemon=True)
        self.thread.start()

    def submit(self, job: Job) -> None:
        self.queue.put(job)

    def _run(self) -> None:
        while (job := self.queue.get()) is not None:
            if self.stop.is_set():
                break
            try:
                run_one(job, self.settings, self.rules, self.stop)
            except Exception as exc:   # never the runner: the next batch still runs
                assert job.batch is not None
                job.batch.message = self.words["internal_error"].format(error=type(exc).__name__)
                job.batch.state = FAILED

    def close(self, timeout: float = 30.0) -> None:
        """Stop the batch running (its workers are killed) and drop those waiting."""
        self.stop.set()
        self.queue.put(None)
        self.thread.join(timeout)
