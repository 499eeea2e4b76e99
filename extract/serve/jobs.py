"""Uploads and their results: a private folder per upload, removed when its result expires.

A check runs in a worker process of `extract.run.pools` through `batch.run_single`, under the same
timeout and memory limit as `extract`; everything done with the file (reading, checking, marking
the findings in a copy, writing findings.xlsx) happens there, never in the server process.
"""
from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.model import BulletinResult, ReadChoice, ResultStatus
from extract.outputs.annotate import check_and_annotate, output_suffix
from extract.outputs.export import OutputSet, result_to_json
from extract.run.batch import run_file, run_single
from extract.run.options import DEFAULTS, BatchOptions
from extract.settings.rules import Rules

ANNOTATED = "annotated"          # annotated.docx / annotated.pdf in the upload's folder
TABLES = "tables"                # the five tables as one workbook: tables/zhuanbao.xlsx
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Settings:
    rules_dir: str | None = None
    timeout: float | None = DEFAULTS.timeout
    memory_mb: int | None = None          # None: rules/limits.yaml
    ttl: float = 3600.0                   # seconds a result (and its files) is kept
    max_upload_bytes: int = 50 * 2**20    # one file
    max_request_bytes: int = 100 * 2**20  # one request, all files together
    max_annexes: int = 20
    max_batch_files: int = 200            # bulletins in one batch, archives unpacked
    max_unpacked_bytes: int = 1024 * 2**20   # one batch's .zip archives unpacked, all together
    jobs: int = 1                         # checks at once; more uploads wait their turn
    token: str | None = None


@dataclass
class Job:
    id: str
    folder: Path
    name: str                  # the name the browser sent, printable: a label, never a path
    created: float
    data: dict[str, Any] | None = None   # the `check --json` object
    error: str = ""                      # the one-line reason a file could not be checked
    document: Path | None = None         # where the upload was saved (a name chosen here)
    batch: Any = None                    # a batch's files and progress (batches.Batch)

    def busy(self) -> bool:
        """A batch queued or running: its folder stays until it is done."""
        return self.batch is not None and self.batch.finished is None

    def annotated(self) -> Path | None:
        if self.document is None:
            return None
        path = self.folder / f"{ANNOTATED}{output_suffix(self.document)}"
        return path if path.is_file() else None

    def xlsx(self) -> Path | None:
        path = self.folder / TABLES / "zhuanbao.xlsx"
        return path if path.is_file() else None


@dataclass
class Store:
    """The uploads of one server: a private temporary folder (0700), one subfolder per upload named
    by a random id; a result and its files go when `ttl` has passed, and everything at `close`."""

    ttl: float
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="zhuanbao-serve-")))
    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def new(self, name: str) -> Job:
        self.purge()
        job_id = secrets.token_urlsafe(18)
        folder = self.root / job_id
        folder.mkdir(mode=0o700)
        job = Job(job_id, folder, name, time.monotonic())
        with self.lock:
            self.jobs[job_id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        self.purge()
        if not _ID.fullmatch(job_id):
            return None
        with self.lock:
            return self.jobs.get(job_id)

    def drop(self, job: Job) -> None:
        with self.lock:
            self.jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def purge(self, now: float | None = None) -> int:
        """Remove the results older than `ttl`; how many went."""
        now = time.monotonic() if now is None else now
        with self.lock:
            old = [job for job in self.jobs.values() if now - job.created >= self.ttl and not job.busy()]
        for job in old:
            self.drop(job)
        return len(old)

    def close(self) -> None:
        with self.lock:
            self.jobs.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def check_upload(path: str, name: str, rules: Rules, read: ReadChoice, sha256: str,
                 annexes: tuple[str, ...] = ()) -> BulletinResult:
    """In the worker: check the upload, mark its findings in a copy beside it (annotated.docx or
    annotated.pdf) and write its tables as tables/zhuanbao.xlsx. A copy that cannot be marked
    leaves the check's result standing, without the copy."""
    source = Path(path)
    checked: list[BulletinResult] = []

    def check(draft: Path, _name: str | None) -> BulletinResult:
        checked.append(run_file(str(draft), name, rules, read, sha256, annexes))
        return checked[-1]

    try:
        result, _ = check_and_annotate(source, source.parent / f"{ANNOTATED}{output_suffix(source)}",
                                       rules, check)
    except Exception:
        if not checked:
            raise
        result = checked[-1]
    result.file, result.sha256 = name, sha256
    if result.status == ResultStatus.OK:
        with OutputSet(source.parent / TABLES, ["xlsx"]) as tables:
            tables.add(result)
    return result


def run_check(job: Job, document: Path, annexes: tuple[str, ...], settings: Settings, rules: Rules) -> None:
    """Check `job`'s saved upload in a worker process (blocking) and keep the result in the job (a
    failure that gave no reason is said in rules/review.yaml `web` words)."""
    job.document = document
    result = run_single(document, rules, BatchOptions(timeout=settings.timeout, memory_mb=settings.memory_mb),
                        fn=check_upload, name=job.name, annexes=annexes)
    if result.status == ResultStatus.ERROR:
        job.error = result.error or rules.review.web["unreadable"]
    job.data = result_to_json(result)
