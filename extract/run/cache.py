"""A results cache so a rerun of a big archive only converts what is new or changed.

One JSON file per key under the cache folder (default OUT/.zhuanbao-cache/). The key hashes
everything the result depends on: the file's bytes, the tool version (and its source code),
the table engine and the loaded rules. A cached result is relabelled with the display name of the file being
processed now, so a renamed or copied file is still a hit and its rows are the same as a
fresh run's.

OUT is often a shared folder, so an entry is untrusted input: it is plain JSON (never pickle,
which runs code on load), signed with an HMAC under a key kept outside the output folder (in the
user's cache dir, created 0600: `key_file()`), and read back field by field against the typed
records of `extract.model`. An entry that is not signed with this user's key or does not read
back exactly is `DamagedEntry`: the caller warns and converts the file again. Symlinks inside the
cache are never followed: a planted `xx/` link would make a run read or write outside it.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
import tempfile
import types
import typing
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from extract.model import BulletinResult, ReadChoice
from extract.settings.rules import Rules

DEFAULT_DIRNAME = ".zhuanbao-cache"
FORMAT = 3   # bumped when the entry layout changes; older entries are misses (3: signed)
MAX_ENTRY_BYTES = 256 * 2**20   # no real result comes near this; a bigger file is not ours


KEY_DIR_ENV = "ZHUANBAO_KEY_DIR"   # where the signing key is, instead of the user's cache dir
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def key_file() -> Path:
    """The user's cache signing key: in the user's cache dir, never in an output folder others share."""
    if os.environ.get(KEY_DIR_ENV):
        return Path(os.environ[KEY_DIR_ENV]) / "cache.key"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "zhuanbao" / "cache.key"


@lru_cache(maxsize=4)
def _secret(path: str) -> bytes:
    """The key at `path`, created (32 random bytes, mode 0600) when there is none; OSError when it
    cannot be made or is not a key. Written beside and linked into place: a second process never
    reads half a key."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not target.exists():
        fd, name = tempfile.mkstemp(prefix=".key-", dir=target.parent)   # mode 0600
        try:
            os.write(fd, secrets.token_bytes(32))
            os.close(fd)
            try:
                os.link(name, target)
            except FileExistsError:   # another process made it first: use theirs
                pass
        finally:
            Path(name).unlink(missing_ok=True)
    fd = os.open(target, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or os.fstat(fd).st_size != 32:
            raise OSError(f"{target}: not a cache key (32 bytes); delete it to make a new one")
        return handle.read()


def secret() -> bytes:
    return _secret(str(key_file()))


class DamagedEntry(ValueError):
    """A cache entry that is not a result this version wrote (damaged, foreign or tampered with)."""


# rules files the extraction never reads (the reviewer's wording, `zhuanbao history`'s linking):
# editing them keeps the cache
UNCACHED_RULES = ("review", "history")


def rules_fingerprint(rules: Rules) -> str:
    """A stable hash of the loaded rules (not of the files: comments and order do not matter)."""
    loaded = {k: dataclasses.asdict(v) for k, v in rules.sections().items() if k not in UNCACHED_RULES}
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


def cache_key(file_sha256: str, version: str, read: ReadChoice, rules_fp: str) -> str:
    text = f"{file_sha256}\0{version}\0{read.engine}\0{read.reader}\0{rules_fp}\0{read.ocr}"
    return hashlib.sha256(text.encode()).hexdigest()


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


# --- typed records <-> plain JSON data ------------------------------------------------------

@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _typed(tp: Any, value: Any, where: str) -> Any:
    """`value` (parsed JSON) as an instance of type `tp`, checked all the way down."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                try:
                    return _typed(option, value, where)
                except DamagedEntry:
                    pass
        raise DamagedEntry(f"{where}: unexpected {type(value).__name__}")
    if origin in (list, tuple):
        args = typing.get_args(tp)
        if not isinstance(value, list):
            raise DamagedEntry(f"{where}: expected a list")
        if origin is list:
            return [_typed(args[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise DamagedEntry(f"{where}: expected {len(args)} items")
        return tuple(_typed(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, value)))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise DamagedEntry(f"{where}: expected an object")
        fields = {f.name: f for f in dataclasses.fields(tp)}
        unknown = set(value) - set(fields)
        missing = [n for n, f in fields.items() if n not in value
                   and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        if unknown or missing:
            raise DamagedEntry(f"{where}: fields {sorted(unknown) or missing} do not match {tp.__name__}")
        hints = _hints(tp)
        return tp(**{name: _typed(hints[name], v, f"{where}.{name}") for name, v in value.items()})
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            raise DamagedEntry(f"{where}: {value!r} is not a {tp.__name__}") from None
    if isinstance(tp, type) and issubclass(tp, str) and tp is not str:   # a key type such as SectionKey
        if type(value) is not str:
            raise DamagedEntry(f"{where}: expected {tp.__name__}")
        return tp(value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, float, bool):
        if type(value) is not tp:
            raise DamagedEntry(f"{where}: expected {tp.__name__}")
        return value
    raise TypeError(f"the cache cannot store {tp!r} ({where})")   # a new model type: teach _typed


def _mac(body: bytes, key: bytes | None) -> bytes:
    return hmac.new(secret() if key is None else key, body, hashlib.sha256).hexdigest().encode()


def entry_bytes(result: BulletinResult, key: str, signing_key: bytes | None = None) -> bytes:
    """The entry: its HMAC (hex), a newline, the JSON. `signing_key` defaults to the user's."""
    entry = {"format": FORMAT, "key": key, "result": dataclasses.asdict(result)}
    body = json.dumps(entry, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return _mac(body, signing_key) + b"\n" + body


def entry_result(data: bytes, key: str, signing_key: bytes | None = None) -> BulletinResult:
    """The result stored in an entry for `key`; DamagedEntry for anything else."""
    def no_constants(name: str) -> Any:
        raise DamagedEntry(f"{name} in a cache entry")

    mac, _, body = data.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(body, signing_key)):
        raise DamagedEntry("not signed with this user's cache key (edited, or written by another user)")
    try:
        entry = json.loads(body.decode("utf-8"), parse_constant=no_constants)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise DamagedEntry("not JSON") from None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        raise DamagedEntry("not an entry of this cache format for this key")
    result: BulletinResult = _typed(BulletinResult, entry.get("result"), "result")
    return result


# --- the folder -------------------------------------------------------------------------------

class ResultCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _subfolder(self, key: str, create: bool) -> Path | None:
        """The entry's folder (`xx/`) if it is a real folder, never a symlink planted to lead a run
        outside the cache: a link is removed when writing, a miss when reading."""
        sub = self.folder / key[:2]
        try:
            mode = os.lstat(sub).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISDIR(mode):
            if not create:
                return None
            if not stat.S_ISLNK(mode):   # a file in the way: the cache is not usable (the caller warns)
                raise NotADirectoryError(f"{sub}: not a folder")
            sub.unlink()
            mode = None
        if mode is None:
            if not create:
                return None
            try:
                sub.mkdir()
            except FileExistsError:   # another worker made it meanwhile: checked again below
                pass
            if not stat.S_ISDIR(os.lstat(sub).st_mode):
                raise OSError(f"{sub}: not a folder")
        return sub

    def check(self) -> None:
        """Raise OSError unless entries can be written and read back here and the signing key is
        there (run once, up front)."""
        secret()
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".probe-", suffix=".part", dir=self.folder)
        try:
            os.write(fd, b"{}")
        finally:
            os.close(fd)
            Path(name).unlink()
        os.listdir(self.folder)

    def get(self, key: str) -> BulletinResult | None:
        """The cached result, None when there is none; DamagedEntry for a bad entry (a miss too)."""
        if self._subfolder(key, create=False) is None:
            return None
        try:
            # O_NONBLOCK: a FIFO planted as an entry must not block the open; O_NOFOLLOW: nor a link
            # lead outside the cache
            fd = os.open(self._path(key), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise DamagedEntry(f"unreadable ({exc.strerror or type(exc).__name__})") from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                raise DamagedEntry("not a regular file of a plausible size")
            try:
                data = handle.read()
            except OSError as exc:
                raise DamagedEntry(f"unreadable ({exc.strerror or type(exc).__name__})") from None
        return entry_result(data, key)

    def put(self, key: str, result: BulletinResult) -> None:
        """Write to a temporary file beside the entry and rename: readers never see half an entry."""
        target = self._path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._subfolder(key, create=True)
        fd, name = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(entry_bytes(result, key))
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
