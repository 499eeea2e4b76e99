"""Many files: collect inputs, run the per-file pipeline in a process pool, stream outputs."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from extract.export import OutputSet
from extract.model import BulletinResult
from extract.pipeline import SUPPORTED, process_file
from extract.rules import load_rules

INPUT_SUFFIXES = SUPPORTED


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


def _run_one(path: str, rules_dir: str | None, engine: str) -> BulletinResult:
    return process_file(Path(path), load_rules(rules_dir), engine=engine, display_name=path)


@dataclass
class BatchSummary:
    files: int = 0
    ok: int = 0
    skipped: int = 0
    errors: int = 0
    pages: int = 0
    indicators: int = 0
    findings_by_kind: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: BulletinResult) -> None:
        self.files += 1
        self.pages += result.pages
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


def run_batch(
    inputs: list[Path],
    out_dir: str | Path,
    formats: Iterable[str] = ("csv",),
    jobs: int = 1,
    rules_dir: str | None = None,
    engine: str = "pdfplumber",
    encoding: str = "utf-8-sig",
    on_result: Callable[[BulletinResult], None] | None = None,
) -> BatchSummary:
    summary = BatchSummary()
    # results are written in input order, so outputs do not depend on scheduling
    with OutputSet(out_dir, formats, encoding) as outputs:
        if jobs <= 1:
            for path in inputs:
                result = _run_one(str(path), rules_dir, engine)
                outputs.add(result)
                summary.add(result)
                if on_result:
                    on_result(result)
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_run_one, str(p), rules_dir, engine): i for i, p in enumerate(inputs)}
                done: dict[int, BulletinResult] = {}
                next_index = 0
                for future in as_completed(futures):
                    done[futures[future]] = future.result()
                    if on_result:
                        on_result(done[futures[future]])
                    while next_index in done:
                        result = done.pop(next_index)
                        outputs.add(result)
                        summary.add(result)
                        next_index += 1
    return summary
