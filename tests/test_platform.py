"""Issue 24, item 15: Windows and macOS. Workers start by spawn where fork and forkserver are
missing, and a limit the platform cannot enforce is said in one line."""
from __future__ import annotations

import builtins
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from paths import checkout_env
from test_batch import CONTENTS, RULES, fake_file, make_files, read_csvs

from extract.pipeline import profile_uri
from extract.run import batch, pools
from extract.run.batch import run_batch
from extract.run.options import BatchOptions


def test_spawn_is_chosen_where_fork_and_forkserver_are_missing(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert pools.LocalPool._context().get_start_method() == "spawn"


def test_a_batch_with_spawned_workers_writes_the_same_outputs(tmp_path, monkeypatch):
    files = make_files(tmp_path / "in", CONTENTS)
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=2), fn=fake_file)
    monkeypatch.setenv(pools.START_METHOD_ENV, "spawn")
    started: list[str] = []
    real = pools.LocalPool._context

    def recording():
        ctx = real()
        started.append(ctx.get_start_method())
        return ctx

    monkeypatch.setattr(pools.LocalPool, "_context", staticmethod(recording))
    run_batch(files, tmp_path / "spawn", RULES, BatchOptions(jobs=2), fn=fake_file)
    assert started and set(started) == {"spawn"}
    assert read_csvs(tmp_path / "spawn") == read_csvs(tmp_path / "ref")


def test_a_start_method_this_platform_lacks_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setenv(pools.START_METHOD_ENV, "forkserver")
    with pytest.raises(ValueError, match="not available here"):
        pools.LocalPool._context()


def _without(monkeypatch, module: str) -> None:
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == module:
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


WITHOUT_FCNTL = """
import sys, warnings
sys.modules["fcntl"] = None   # import fcntl raises ImportError, as on Windows
from pathlib import Path
from extract.run.batch import OutputLocked, lock_output
out, said = Path(sys.argv[1]), []
with lock_output(out, False, said.append):
    try:
        with lock_output(out, False, said.append):
            print("not locked")
    except OutputLocked as exc:
        print("locked:", exc)
with lock_output(out, False, said.append):   # released at the end of the block
    print("released")
print(len(said), *said)
import filelock
assert not filelock.has_fcntl   # the lock above was filelock's for a platform without fcntl
"""


def test_without_fcntl_the_output_is_still_locked(tmp_path):
    """Windows, or any platform without `fcntl`: filelock's lock for that platform still keeps a
    second run out (in a child process: filelock decides as it is imported). Before, no lock."""
    child = subprocess.run([sys.executable, "-c", WITHOUT_FCNTL, str(tmp_path / "out")],
                           env=checkout_env(), capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    locked, released, warnings = child.stdout.splitlines()
    assert locked.startswith("locked:") and "in use by another zhuanbao run" in locked
    assert released == "released" and warnings.startswith(("0", "1 "))   # at most filelock's note, in one line
    assert "Warning" not in child.stderr


@pytest.mark.parametrize("platform, has_resource", [("win32", False), ("darwin", True)])
def test_a_memory_limit_that_cannot_be_enforced_is_said_in_one_warning(tmp_path, monkeypatch, platform,
                                                                        has_resource):
    files = make_files(tmp_path / "in", ["ok 1"])
    monkeypatch.setattr(sys, "platform", platform)
    if not has_resource:
        _without(monkeypatch, "resource")
    monkeypatch.setattr(pools, "_limit_memory", lambda mb: None)   # what the worker does there
    summary = run_batch(files, tmp_path / "out", RULES, BatchOptions(memory_mb=2048), fn=fake_file)
    assert [w for w in summary.warnings if "memory limit" in w] == [
        f"the memory limit (2048 MiB) cannot be enforced on this platform ({platform}): workers run without one"]


def test_the_libreoffice_profile_is_a_proper_file_url(tmp_path):
    odd = tmp_path / "a b%20c#d"
    assert profile_uri(odd) == (odd / "profile").as_uri()
    assert " " not in profile_uri(odd) and profile_uri(odd).startswith("file:///")
    assert Path(profile_uri(Path("rel"))[len("file://"):]).is_absolute()


@pytest.mark.parametrize("platform, has_resource", [("win32", False), ("darwin", True)])
def test_check_says_in_one_line_when_the_memory_limit_cannot_be_enforced(tmp_path, monkeypatch, capsys, platform,
                                                                          has_resource):
    from multiprocessing import resource_tracker

    from extract.cli import main

    file = make_files(tmp_path / "in", ["ok 1"])[0]
    resource_tracker.ensure_running()   # a spawned worker (win32) needs it, and starting it is POSIX's own
    monkeypatch.setattr(sys, "platform", platform)
    if not has_resource:
        _without(monkeypatch, "resource")
    monkeypatch.setattr(pools, "_limit_memory", lambda mb: None)   # what the worker does there
    expected = (f"the memory limit (2048 MiB) cannot be enforced on this platform ({platform}): "
                "the file is read without one")
    main(["check", str(file), "--memory-limit", "2048", "--json"])   # not a bulletin: what it says of memory
    [line] = [line for line in capsys.readouterr().err.splitlines() if "memory limit" in line]
    assert line == f"warning {expected}"
    said: list[str] = []
    single = batch.run_single(file, RULES, BatchOptions(memory_mb=2048), fn=fake_file, on_warning=said.append)
    assert single.status == "ok"
    assert said == [expected]
