"""`check FILE --annotate OUT`: check one bulletin and give it back with its findings marked in it.

A PDF gets highlight annotations (annotate_pdf); a draft gets Word comments (annotate_docx). An
old .doc/.wps draft is converted through LibreOffice once, checked as that .docx and annotated
as a .docx. The input is only ever read; OUT is written whole or not at all.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from extract.chinese.numbers import CountWords
from extract.model import Annotated, BulletinError, BulletinResult, ReadChoice, ResultStatus
from extract.pipeline import convert_legacy, printable_path, process_file, sha256_of
from extract.run.options import BatchOptions
from extract.settings.limits import Limits
from extract.settings.rules import Rules

LEGACY = (".doc", ".wps")
Checker = Callable[[Path, str | None], BulletinResult]


def output_suffix(source: Path) -> str:
    return ".pdf" if source.suffix.lower() == ".pdf" else ".docx"


def _check_target(source: Path, target: Path) -> None:
    want = output_suffix(source)
    if target.suffix.lower() != want:
        raise ValueError(f"--annotate {target}: a {source.suffix or 'file'} input is annotated as a {want} file")
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise ValueError(f"--annotate {target}: is the input itself; name a new file (the input is never changed)")
    if target.is_dir():
        raise ValueError(f"--annotate {target}: is a folder")


def _annotate(source: Path, result: BulletinResult, target: Path, rules: Rules) -> Annotated:
    if source.suffix.lower() == ".pdf":
        from extract.outputs.annotate_pdf import annotate_pdf

        return annotate_pdf(source, result.findings, target, rules.review, Limits.from_rules(rules),
                            CountWords.from_rules(rules))
    from extract.outputs.annotate_docx import annotate_docx

    return annotate_docx(source, result.findings, target, rules.review, Limits.from_rules(rules),
                         CountWords.from_rules(rules), rules.document.locators)


def check_and_annotate(source: Path, target: Path, rules: Rules,
                       check: Checker | None = None) -> tuple[BulletinResult, Annotated | None]:
    """The check's result, and what was written (None when the file is not a readable bulletin),
    all in this process (`annotate_in_worker` is the command's way).

    `check(path, name)` checks one file naming its row `name`; by default in this process."""
    _check_target(source, target)
    if check is None:
        def check(path: Path, name: str | None) -> BulletinResult:
            return process_file(path, rules, display_name=name)

    return _check_and_annotate(source, target, rules, check)


def _check_and_annotate(source: Path, target: Path, rules: Rules,
                        check: Checker) -> tuple[BulletinResult, Annotated | None]:
    if source.suffix.lower() not in LEGACY or not source.is_file():
        result = check(source, None)
        return result, (_annotate(source, result, target, rules) if result.status == ResultStatus.OK else None)
    with tempfile.TemporaryDirectory(prefix="zhuanbao-") as tmp:
        try:
            draft = convert_legacy(source, Path(tmp))
        except BulletinError:
            return check(source, None), None   # the same one-line reason
        result = check(draft, printable_path(source.name))
        result.sha256 = sha256_of(source)
        return result, (_annotate(draft, result, target, rules) if result.status == ResultStatus.OK else None)


def _worker_check_and_annotate(source: str, target: str, rules: Rules, read: ReadChoice,
                               annexes: tuple[str, ...]) -> tuple[BulletinResult, Annotated | None]:
    """In a worker (see `annotate_in_worker`)."""
    def check(path: Path, name: str | None) -> BulletinResult:
        return process_file(path, rules, read, display_name=name, annexes=annexes)

    return _check_and_annotate(Path(source), Path(target), rules, check)


def annotate_in_worker(source: Path, target: Path, rules: Rules, options: BatchOptions, annexes: tuple[str, ...] = (),
                       on_warning: Callable[[str], None] | None = None) -> tuple[BulletinResult, Annotated | None]:
    """`check_and_annotate` in a worker process under the options' timeout and memory limit, as `check`
    reads a file: reading and rewriting a hostile draft or PDF is as risky as checking it. Over
    time, over memory or a copy that cannot be written is a BulletinError (one line).

    The worker writes into a folder of its own beside `target`, and this process renames the copy
    into place: a worker killed half-way through writing leaves nothing behind."""
    from extract.run.batch import run_call

    _check_target(source, target)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as tmp:
        draft = Path(tmp) / f"annotated{target.suffix}"
        result, annotated = run_call(_worker_check_and_annotate, str(source), str(draft), rules, options.read,
                                     annexes, name=printable_path(source), rules=rules, options=options,
                                     on_warning=on_warning)
        if annotated is not None:
            os.replace(draft, target)
            annotated.path = str(target)
    return result, annotated
