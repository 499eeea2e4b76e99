"""Issue 24, item 13: the results cache does not trust what it reads. A well-formed but edited
entry, symlinks planted inside the cache and a file replaced while it is read, each built here."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_batch import RULES, fake_file, make_files, read_csvs

from extract.run.batch import run_batch
from extract.run.options import BatchOptions


def swapping_fake(path: str, name: str, rules, read, sha256: str = ""):
    """Replaces the file (`mv`) after it was hashed, before it is read: what a download finishing
    or a user's `mv` does while a run is on it."""
    os.replace(path + ".new", path)
    return fake_file(path, name, rules, read, sha256)


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.is_file())


def test_an_edited_well_formed_entry_is_converted_again(tmp_path):
    files = make_files(tmp_path / "in", ["ok 3"])
    cache = tmp_path / "cache"
    run_batch(files, tmp_path / "a", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    reference = read_csvs(tmp_path / "a")
    [entry] = _entries(cache)
    data = entry.read_bytes()
    head, _, body = data.partition(b"\n")
    signed = bool(body)          # the line before the JSON is its signature
    forged = json.loads(body if signed else head)
    forged["result"]["header"]["title"] = "伪造的标题"
    for indicator in forged["result"]["indicators"]:
        indicator["status"] = "completed"
    forged["result"]["findings"] = []
    text = json.dumps(forged, ensure_ascii=False).encode("utf-8")
    entry.write_bytes(head + b"\n" + text if signed else text)
    again = run_batch(files, tmp_path / "b", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert (again.cache_hits, again.processed) == (0, 1)
    assert any("damaged" in w and "not signed" in w for w in again.warnings)
    assert read_csvs(tmp_path / "b") == reference
    assert "伪造".encode() not in entry.read_bytes()   # converted again and written back, signed


def test_an_entry_signed_with_another_key_is_not_served(tmp_path, monkeypatch):
    files = make_files(tmp_path / "in", ["ok 2"])
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZHUANBAO_KEY_DIR", str(tmp_path / "other-user"))
    run_batch(files, tmp_path / "a", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert oct((tmp_path / "other-user" / "cache.key").stat().st_mode & 0o777) == "0o600"
    monkeypatch.undo()
    again = run_batch(files, tmp_path / "b", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert again.cache_hits == 0 and again.processed == 1


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlinks_inside_the_cache_are_never_followed(tmp_path):
    files = make_files(tmp_path / "in", ["ok 1", "ok 4"])
    cache = tmp_path / "out" / ".zhuanbao-cache"
    cache.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    for n in range(256):   # every entry folder a link out of the cache
        (cache / f"{n:02x}").symlink_to(outside, target_is_directory=True)
    run_batch(files, tmp_path / "out", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert list(outside.iterdir()) == []
    entries = _entries(cache)
    assert len(entries) == 2 and all(not p.parent.is_symlink() for p in entries)
    # an entry that is itself a link to a forged one elsewhere is a miss, not read
    rerun = run_batch(files, tmp_path / "again", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert rerun.cache_hits == 2
    target = outside / "planted.json"
    target.write_bytes(entries[0].read_bytes())
    entries[0].unlink()
    entries[0].symlink_to(target)
    third = run_batch(files, tmp_path / "third", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert third.cache_hits == 1 and any("damaged" in w for w in third.warnings)


def test_a_file_replaced_while_it_is_read_is_never_cached_under_the_other_hash(tmp_path):
    [path] = make_files(tmp_path / "in", ["swap: hashed, never read"])
    Path(str(path) + ".new").write_text("ok 7", encoding="utf-8")
    cache = tmp_path / "cache"
    summary = run_batch([path], tmp_path / "a", RULES, BatchOptions(cache_dir=cache), fn=swapping_fake)
    assert summary.errors == 1 and "changed while it was read" in summary.failed[0][1]
    assert _entries(cache) == []
