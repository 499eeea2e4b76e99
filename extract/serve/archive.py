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
from dataclasses import dataclass
from pathlib import Path

from extract.pipeline import printable_path

CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveRefused(Exception):
    """The archive as a whole is refused; the message is the Chinese sentence shown for it."""


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
           max_file: int) -> list[Member]:
    """Unpack the files of `archive_path` into `target` (which exists) as m0001, m0002 …; folders
    are skipped. `ArchiveRefused` for an archive that cannot be unpacked safely; a member over
    `max_file` or encrypted is listed with its reason and not written."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveRefused(f"压缩包「{label}」已损坏或不是 zip 格式，无法解压。") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_members:
            raise ArchiveRefused(f"压缩包「{label}」有 {len(infos)} 项，超过 {max_members} 项的限制。")
        for info in infos:
            shown = printable_path(_name(info))[:200]
            if _escapes(info.filename) or _escapes(_name(info)):
                raise ArchiveRefused(f"压缩包「{label}」含有指向压缩包以外的路径「{shown}」，为安全起见不予解压。")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ArchiveRefused(f"压缩包「{label}」含有符号链接「{shown}」，为安全起见不予解压。")
        if sum(info.file_size for info in infos) > max_total:
            raise ArchiveRefused(f"压缩包「{label}」解压后超过 {max_total / 2**20:g} MB 的限制。")
        members: list[Member] = []
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            name = printable_path(re.split(r"[\\/]", _name(info))[-1])[:120] or "未命名"
            if info.flag_bits & 0x1:
                members.append(Member(name, None, "压缩包中的文件已加密，无法读取"))
                continue
            if info.file_size > max_file:
                members.append(Member(name, None, f"解压后超过单个文件 {max_file / 2**20:g} MB 的限制"))
                continue
            path = target / f"m{len(members) + 1:04d}"
            size = 0
            try:
                with archive.open(info) as source, path.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > max_file or total > max_total:   # a header that lied about the size
                            raise ArchiveRefused(f"压缩包「{label}」解压后超过大小限制，为安全起见不予解压。")
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
                path.unlink(missing_ok=True)
                members.append(Member(name, None, f"无法从压缩包中解出（{type(exc).__name__}）"))
                continue
            members.append(Member(name, path))
        return members
