"""A .zip of bulletins uploaded to the batch page, unpacked safely.

The whole archive is refused (in Chinese, nothing unpacked) when a member names a place outside it
(an absolute path, a drive, `..`), is a symbolic link, or when there are more members or more bytes
than allowed; sizes are counted as the bytes come out, not believed from the header. Member names
are labels only: each member is written under a name chosen here. What a member is, is decided by
its bytes afterwards, as for an upload.
"""
from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.pipeline import printable_path

CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveRefused(Exception):
    """The archive as a whole is refused; the message is the Chinese sentence shown for it."""


def mb(n: float) -> str:
    """A size limit as the page states it: 50 MB."""
    return f"{n / 2**20:g} MB"


@dataclass
class Member:
    name: str                  # the member's name inside the archive, printable: a label only
    path: Path | None          # where it was written (None: not unpacked, see `reason`)
    reason: str = ""


def is_archive(path: Path) -> bool:
    """A ZIP that is not itself a Word draft (no word/document.xml among its members)."""
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" not in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return True   # damaged: `unpack` says so


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: without the UTF-8 flag, Chinese Windows tools write
    GBK, which zipfile has read as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _escapes(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


def unpack(archive_path: Path, label: str, target: Path, max_members: int, max_total: int,
           max_file: int, words: Mapping[str, Any]) -> list[Member]:
    """Unpack the files of `archive_path` into `target` (which exists) as m0001, m0002 …; folders
    are skipped. `ArchiveRefused` for an archive that cannot be unpacked safely; a member over
    `max_file` or encrypted is listed with its reason and not written. `words`: rules/review.yaml
    `web` (the reasons are its `archive`)."""
    said = words["archive"]
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveRefused(said["damaged"].format(archive=label)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_members:
            raise ArchiveRefused(said["too_many"].format(archive=label, count=len(infos), max=max_members))
        for info in infos:
            shown = printable_path(_name(info))[:200]
            if _escapes(info.filename) or _escapes(_name(info)):
                raise ArchiveRefused(said["escapes"].format(archive=label, member=shown))
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ArchiveRefused(said["link"].format(archive=label, member=shown))
        if sum(info.file_size for info in infos) > max_total:
            raise ArchiveRefused(said["too_large"].format(archive=label, limit=mb(max_total)))
        members: list[Member] = []
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            name = printable_path(re.split(r"[\\/]", _name(info))[-1])[:120] or words["unnamed"]
            if info.flag_bits & 0x1:
                members.append(Member(name, None, said["encrypted"]))
                continue
            if info.file_size > max_file:
                members.append(Member(name, None, said["member_too_large"].format(limit=mb(max_file))))
                continue
            path = target / f"m{len(members) + 1:04d}"
            size = 0
            try:
                with archive.open(info) as source, path.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > max_file or total > max_total:   # a header that lied about the size
                            raise ArchiveRefused(said["overflow"].format(archive=label))
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
                path.unlink(missing_ok=True)
                members.append(Member(name, None, said["unreadable"].format(error=type(exc).__name__)))
                continue
            members.append(Member(name, path))
        return members
