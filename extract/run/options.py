"""What a run chooses: one frozen, picklable `BatchOptions`, made once by the caller (the command
line, `serve`) and handed to the driver, the pools and the workers, beside the run's `Rules`.

The defaults live here and nowhere else: the command line's defaults are `DEFAULTS`' values, and
a function of `extract.run` takes a `BatchOptions` rather than keyword arguments with defaults of
their own. The run modes are enums (`Engine`, `Reader`, `OcrMode`, `Executor`); a text naming
one is taken for it, and any other value is a ValueError (one line) as the object is made.
"""
from __future__ import annotations

import codecs
import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from extract.model import Engine, OcrMode, ReadChoice, Reader, member
from extract.outputs.export import FORMATS


class Executor(StrEnum):
    """Where the workers run."""

    LOCAL = "local"   # worker processes of this machine (pools.LocalPool)
    DASK = "dask"     # a Dask distributed cluster (pools.DaskPool)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _whole(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


@dataclass(frozen=True)
class BatchOptions:
    """A run's choices. `timeout`: seconds a file may take (None: no limit); `memory_mb`: each
    worker's address-space limit in MiB (None: worker.memory_mb of rules/limits.yaml, 0: none);
    `cache_dir`: the results cache (None: none); `window`: files in flight or waiting to be written
    (None: four per worker, at least 32); `scheduler`: a Dask scheduler's address (None: a
    LocalCluster for the run); `wait_for_lock`: wait for another run writing the same outputs."""

    formats: tuple[str, ...] = ("csv",)
    encoding: str = "utf-8-sig"
    jobs: int = 1
    engine: Engine = ReadChoice.engine   # the run modes' defaults are ReadChoice's
    reader: Reader = ReadChoice.reader
    ocr: OcrMode = ReadChoice.ocr
    timeout: float | None = 300.0
    memory_mb: int | None = None
    cache_dir: str | Path | None = None
    executor: Executor = Executor.LOCAL
    scheduler: str | None = None
    window: int | None = None
    wait_for_lock: bool = False

    def __post_init__(self) -> None:
        set_ = object.__setattr__   # frozen: the checked values replace what was given
        set_(self, "formats", tuple(self.formats))
        for fmt in self.formats:
            if fmt not in FORMATS:
                raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ValueError(f"unknown encoding '{self.encoding}'") from None
        read = ReadChoice(self.engine, self.reader, self.ocr)   # the modes' texts made members, or one line
        set_(self, "engine", read.engine)
        set_(self, "reader", read.reader)
        set_(self, "ocr", read.ocr)
        set_(self, "executor", member(Executor, self.executor, "executor"))
        if not _whole(self.jobs, 1):
            raise ValueError(f"jobs {self.jobs!r}: must be a whole number >= 1")
        if self.timeout is not None and not (_number(self.timeout) and math.isfinite(self.timeout) and self.timeout > 0):
            raise ValueError(f"timeout {self.timeout!r}: must be a number of seconds above 0 (None: no limit)")
        if self.memory_mb is not None and not _whole(self.memory_mb, 0):
            raise ValueError(f"memory_mb {self.memory_mb!r}: must be a whole number of MiB >= 0 (0: none)")
        if self.window is not None and not _whole(self.window, 1):
            raise ValueError(f"window {self.window!r}: must be a whole number >= 1")
        if self.scheduler and self.executor != Executor.DASK:
            raise ValueError("--scheduler needs --executor dask")

    @property
    def read(self) -> ReadChoice:
        return ReadChoice(self.engine, self.reader, self.ocr)


DEFAULTS = BatchOptions()
