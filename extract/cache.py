"""A results cache so a rerun of a big archive only converts what is new or changed.

One file per key under the cache folder (default OUT/.zhuanbao-cache/). The key hashes
everything the result depends on: the file's bytes, the tool version (and its source code),
the table engine and the loaded rules. A cached result is relabelled with the display name of the file being
processed now, so a renamed or copied file is still a hit and its rows are the same as a
fresh run's.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from extract.model import BulletinResult
from extract.rules import Rules

DEFAULT_DIRNAME = ".zhuanbao-cache"

# errors that say something about this run (a slow machine, a crash, a bug being fixed),
# not about the file: never cached, so the next run tries the file again
TRANSIENT_PREFIXES = ("timed out", "worker died", "internal error")


def rules_fingerprint(rules: Rules) -> str:
    """A stable hash of the loaded rules (not of the files: comments and order do not matter).
    history.yaml is left out: it is read by `zhuanbao history`, never by the extraction."""
    loaded = {k: v for k, v in dataclasses.asdict(rules).items() if k != "history"}
    text = json.dumps(loaded, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tool_version() -> str:
    """`extract.__version__` plus a hash of the package's source: the version number alone is not
    bumped for every change, and an edited checkout must not be served results of the old code."""
    import extract

    digest = hashlib.sha256()
    package = Path(extract.__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return f"{extract.__version__}+{digest.hexdigest()[:16]}"


def cache_key(file_sha256: str, version: str, engine: str, rules_fp: str) -> str:
    return hashlib.sha256(f"{file_sha256}\0{version}\0{engine}\0{rules_fp}".encode()).hexdigest()


def relabel(result: BulletinResult, file: str) -> BulletinResult:
    """The same result as if the file had been processed under the name `file`."""
    if result.file == file:
        return result
    return dataclasses.replace(
        result,
        file=file,
        indicators=[dataclasses.replace(x, file=file) for x in result.indicators],
        claims=[dataclasses.replace(x, file=file) for x in result.claims],
        findings=[dataclasses.replace(x, file=file) for x in result.findings],
    )


def cacheable(result: BulletinResult) -> bool:
    return bool(result.sha256) and not (result.status == "error" and result.error.startswith(TRANSIENT_PREFIXES))


class ResultCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> BulletinResult | None:
        try:
            with self._path(key).open("rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry (disk full, killed mid-write elsewhere) is a miss
            return None
        return result if isinstance(result, BulletinResult) else None

    def put(self, key: str, result: BulletinResult) -> None:
        """Write to a temporary file beside the entry and rename: readers never see half an entry."""
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
