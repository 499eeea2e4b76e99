"""Archive scale: worker pool, timeouts, Ctrl-C, resume from the cache, Dask executor.

Most tests inject a tiny per-file function (`fake_file`, module level so worker processes
and Dask workers can import it by name) so they test the batch machinery, not the PDF
pipeline; the last ones run the real pipeline on broken copies of the mini bulletin.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from paths import as_a_terminal_job, checkout_env

from extract.model import BulletinResult, Header, Indicator
from extract.outputs.export import OutputSet
from extract.pipeline import process_file
from extract.run import batch
from extract.run.batch import run_batch
from extract.run.options import BatchOptions
from extract.settings.rules import load_rules

RULES = load_rules()   # the shipped rules, as a run without --rules uses them
CSV_NAMES = ("bulletins.csv", "indicators.csv", "claims.csv", "findings.csv", "tables.csv")


# --- the injected per-file function ------------------------------------------------------------

def fake_file(path: str, name: str, rules, read, sha256: str = "") -> BulletinResult:
    """The file's first word says what to do: ok N | hang | boom | crash | slow SECONDS N | eat MIB |
    fail REASON (an error row, as for a damaged file) | parent N (ok N, noting the worker's parent)."""
    words = Path(path).read_text(encoding="utf-8").split()
    command = words[0]
    if command == "parent":
        Path(path + ".ppid").write_text(str(os.getppid()))
    if command == "fail":
        return BulletinResult(name, "sha", 0, Header(), [], [], [], status="error", error=" ".join(words[1:]))
    if command == "hang":
        Path(path + ".pid").write_text(str(os.getpid()))
        while True:
            time.sleep(60)
    if command == "eat":
        memory = bytearray(int(words[1]) * 2**20)
        words = ["ok", str(len(memory) // 2**30)]
    if command == "boom":
        raise RuntimeError("bad luck")
    if command == "crash":
        os._exit(3)
    if command == "slow":
        time.sleep(float(words[1]))
        words = words[1:]
    n = int(words[1])
    indicators = [
        Indicator(name, 1, "打好经济增长主动仗", "", str(k), f"指标{k}", ("县发改局",), "", "50%", 0.5,
                  "进展有序", "on_track", 1, 1)
        for k in range(n)
    ]
    return BulletinResult(name, "sha", 1 + n // 3, Header(title=f"专报 {n}"), indicators, [], [])


def slow_fake(path: str, name: str, rules, read, sha256: str = "") -> BulletinResult:
    time.sleep(0.4)
    return fake_file(path, name, rules, read, sha256)


def marker_fake(path: str, name: str, rules, read, sha256: str = "") -> BulletinResult:
    """A bulletin titled with the marker the worker's rules carry (a status.yaml word `marker`)."""
    return BulletinResult(name, "sha", 1, Header(title=rules.status.words.get("marker", ("shipped",))[0]), [], [], [])


def make_files(folder: Path, contents: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(contents):
        path = folder / f"b{i:02d}.pdf"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_csvs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in CSV_NAMES}


CONTENTS = ["ok 3", "ok 1", "boom", "ok 5", "ok 2", "ok 0", "ok 4", "ok 6"]  # all different: no cache hits inside a run


# --- the machinery, with the injected function --------------------------------------------------

def test_pool_output_is_independent_of_jobs_and_errors_become_rows(tmp_path):
    files = make_files(tmp_path / "in", CONTENTS)
    one = run_batch(files, tmp_path / "one", RULES, BatchOptions(jobs=1), fn=fake_file)
    two = run_batch(files, tmp_path / "two", RULES, BatchOptions(jobs=2, window=2), fn=fake_file)
    assert read_csvs(tmp_path / "one") == read_csvs(tmp_path / "two")
    assert (one.files, one.errors, two.errors) == (8, 1, 1)
    assert two.failed == [(str(files[2]), "internal error: RuntimeError: bad luck")]
    assert one.indicators == 21 and len(two.slowest_files()) == 5


def test_workers_fork_warm_when_alone_and_come_from_a_forkserver_beside_threads(tmp_path):
    """A single-threaded batch forks its workers (they start with the pipeline loaded); beside
    another thread, where forking can deadlock, they come from the forkserver. Same outputs."""
    if threading.active_count() > 1:
        pytest.skip("this test process runs other threads already (left by an earlier test)")
    files = make_files(tmp_path / "in", ["parent 2", "parent 1", "parent 3"])

    def parents() -> set[int]:
        return {int(Path(str(f) + ".ppid").read_text()) for f in files}

    run_batch(files, tmp_path / "alone", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert parents() == {os.getpid()}
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        run_batch(files, tmp_path / "beside", RULES, BatchOptions(jobs=1), fn=fake_file)
    finally:
        stop.set()
        other.join()
    assert os.getpid() not in parents()
    assert read_csvs(tmp_path / "alone") == read_csvs(tmp_path / "beside")


def test_a_thread_started_once_the_workers_exist_leaves_them_forked(tmp_path):
    """`on_started` (where the CLI starts its progress redrawing) runs after the workers started:
    they were forked, and the run ends with the same outputs."""
    if threading.active_count() > 1:
        pytest.skip("this test process runs other threads already (left by an earlier test)")
    files = make_files(tmp_path / "in", ["parent 2", "slow 0.3 1", "parent 3"])
    stop = threading.Event()
    started: list[threading.Thread] = []

    def on_started() -> None:
        started.append(threading.Thread(target=stop.wait))
        started[-1].start()

    try:
        run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=1), fn=fake_file, on_started=on_started)
    finally:
        stop.set()
        for thread in started:
            thread.join()
    assert len(started) == 1
    assert {int(Path(str(f) + ".ppid").read_text()) for f in (files[0], files[2])} == {os.getpid()}
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "ref")


@pytest.mark.parametrize("start", ["fork", "forkserver", "spawn"])
def test_workers_use_the_callers_rules_and_the_cache_keys_name_them(tmp_path, monkeypatch, start):
    """The workers read no rules: they get the very object the caller loaded (inherited by a fork,
    pickled to the others), not what the files say, and the cache keys name those rules."""
    import csv
    import dataclasses

    from extract.run.pools import START_METHOD_ENV

    monkeypatch.setenv(START_METHOD_ENV, start)
    county = dataclasses.replace(RULES, status=dataclasses.replace(
        RULES.status, words={**RULES.status.words, "marker": ("county", None)}))
    files = make_files(tmp_path / "in", ["a", "b", "c"])
    cache = tmp_path / "cache"

    def run(rules, out: str):
        summary = run_batch(files, tmp_path / out, rules, BatchOptions(jobs=2, cache_dir=cache), fn=marker_fake)
        with (tmp_path / out / "bulletins.csv").open(encoding="utf-8-sig") as handle:
            return [row["title"] for row in csv.DictReader(handle)], summary

    titles, shipped = run(RULES, "a")
    assert titles == ["shipped"] * 3 and shipped.processed == 3
    titles, first = run(county, "b")
    assert titles == ["county"] * 3 and (first.processed, first.cache_hits) == (3, 0)
    titles, again = run(county, "c")
    assert titles == ["county"] * 3 and again.cache_hits == 3


def test_timeout_kills_the_hung_worker_and_the_rest_complete(tmp_path):
    files = make_files(tmp_path / "in", ["ok 1", "hang", "ok 2", "crash", "ok 3"])
    summary = run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=2, timeout=1.5), fn=fake_file)
    assert summary.files == 5 and summary.ok == 3
    assert dict(summary.failed) == {str(files[1]): "timed out after 1.5s",
                                    str(files[3]): "worker died (exit code 3)"}
    pid = int(Path(str(files[1]) + ".pid").read_text())
    with pytest.raises(ProcessLookupError):  # really killed, not left running
        os.kill(pid, 0)
    rows = (tmp_path / "out" / "bulletins.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == [str(f) for f in files]  # input order


def test_cache_hits_on_rerun_and_changed_files_are_redone(tmp_path):
    files = make_files(tmp_path / "in", CONTENTS)
    cache = tmp_path / "cache"
    first = run_batch(files, tmp_path / "a", RULES, BatchOptions(jobs=2, cache_dir=cache), fn=fake_file)
    assert (first.processed, first.cache_hits) == (8, 0)
    files[4].write_text("ok 7", encoding="utf-8")
    second = run_batch(files, tmp_path / "b", RULES, BatchOptions(jobs=2, cache_dir=cache), fn=fake_file)
    # the changed file is converted again, and the internal error is retried (a bug may have been fixed)
    assert (second.processed, second.cache_hits) == (2, 6)
    run_batch(files, tmp_path / "c", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(tmp_path / "b") == read_csvs(tmp_path / "c")


def test_the_cache_keeps_errors_about_the_file_whatever_their_wording(tmp_path):
    """What is cached is decided by the result's transient flag, not by the wording of its error."""
    files = make_files(tmp_path / "in", ["fail timed out waiting for the xref table", "boom", "ok 1"])
    cache = tmp_path / "cache"
    first = run_batch(files, tmp_path / "a", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert first.failed[0] == (str(files[0]), "timed out waiting for the xref table")
    second = run_batch(files, tmp_path / "b", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert (second.cache_hits, second.processed) == (2, 1)   # the internal error (boom) is tried again


def test_cached_result_takes_the_name_of_a_copy(tmp_path):
    a, b = make_files(tmp_path / "in", ["ok 2", "ok 2"])
    cache = tmp_path / "cache"
    run_batch([a], tmp_path / "x", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    summary = run_batch([b], tmp_path / "y", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert summary.cache_hits == 1
    fresh = run_batch([b], tmp_path / "z", RULES, BatchOptions(), fn=fake_file)
    assert fresh.processed == 1 and read_csvs(tmp_path / "y") == read_csvs(tmp_path / "z")


def test_interrupt_commits_a_prefix_and_a_rerun_is_byte_identical(tmp_path):
    files = make_files(tmp_path / "in", [c for c in CONTENTS if c != "boom"] * 2)
    cache = tmp_path / "cache"
    seen = []

    def ctrl_c_after_five(outcome) -> None:
        seen.append(outcome.index)
        if len(seen) == 5:
            raise KeyboardInterrupt

    stopped = run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=2, cache_dir=cache), fn=fake_file,
                        on_result=ctrl_c_after_five)
    assert stopped.interrupted and stopped.files < len(files)
    bulletins = (tmp_path / "out" / "bulletins.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(bulletins) == 1 + stopped.files   # committed, complete rows of an input-order prefix
    resumed = run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=2, cache_dir=cache), fn=fake_file)
    assert resumed.cache_hits >= 5 and resumed.processed == len(files) - resumed.cache_hits
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "ref")


def test_ctrl_c_during_the_final_commit_is_held_and_reported(tmp_path, monkeypatch):
    """Ctrl-C that lands while the outputs are being committed waits for the commit, then ends
    the run as interrupted: whole outputs, no KeyboardInterrupt out of run_batch (it once killed
    the CLI with SIGINT instead of exit 130)."""
    files = make_files(tmp_path / "in", ["ok 1", "ok 2", "ok 3"])
    close = OutputSet.close
    # Ctrl-C as a terminal delivers it: a suite started where SIGINT is ignored (a background job of
    # a shell) would hand that on, and the batch rightly keeps an ignored signal ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)

    def close_then_ctrl_c(self):
        os.kill(os.getpid(), signal.SIGINT)     # held by the commit's signal mask until it ends
        close(self)

    monkeypatch.setattr(OutputSet, "close", close_then_ctrl_c)
    try:
        summary = run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=1), fn=fake_file)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert summary.interrupted and summary.files == 3
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "ref")


def _cli(args: list[str]) -> subprocess.Popen:
    # the CLI with the slow fake swapped in for the pipeline, as its own process group (like a terminal job)
    script = ("import sys, extract.run.batch as b, test_batch; b.run_file = test_batch.slow_fake; "
              "from extract.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", script, *args], env=checkout_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=as_a_terminal_job)


def test_sigint_to_the_cli_exits_130_and_the_rerun_resumes(tmp_path):
    # 40 distinct files of 0.4 s on 2 workers (8 s of work): every file is a cache miss, so the run
    # cannot end before the signal, sent once 3 files are done (identical contents would be cache
    # hits inside the run, which then ends at once and meets the signal in interpreter exit)
    files = make_files(tmp_path / "in", [f"ok {k % 4 + 1} file{k}" for k in range(40)])
    out = tmp_path / "out"
    proc = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    deadline = time.monotonic() + 30
    while len(list((out / ".zhuanbao-cache").rglob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list((out / ".zhuanbao-cache").rglob("*.json"))) >= 3, "the run did not start within 30 s"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group: parent and workers
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    # the signal landed mid-run: the outputs hold fewer rows than files
    with (out / "bulletins.csv").open(encoding="utf-8-sig") as handle:
        assert len(handle.read().splitlines()) - 1 < len(files)
    again = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    stdout, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, stderr.decode()
    assert "cache hits" in stdout.decode()
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(out) == read_csvs(tmp_path / "ref")


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster
    cluster.close()


def test_dask_executor_gives_the_same_outputs(tmp_path, dask_cluster):
    files = make_files(tmp_path / "in", CONTENTS)
    local = run_batch(files, tmp_path / "local", RULES, BatchOptions(jobs=2), fn=fake_file)
    dask = run_batch(files, tmp_path / "dask", RULES,
                     BatchOptions(executor="dask", scheduler=dask_cluster.scheduler_address), fn=fake_file)
    assert read_csvs(tmp_path / "local") == read_csvs(tmp_path / "dask")
    assert (dask.files, dask.errors) == (local.files, local.errors) == (8, 1)


def test_dask_executor_times_out_a_hung_file(tmp_path, dask_cluster):
    files = make_files(tmp_path / "in", ["ok 1", "hang", "ok 2"])
    summary = run_batch(files, tmp_path / "out", RULES,
                        BatchOptions(executor="dask", scheduler=dask_cluster.scheduler_address, timeout=2), fn=fake_file)
    assert dict(summary.failed) == {str(files[1]): "timed out after 2s"} and summary.ok == 2


# --- the real pipeline on broken files ----------------------------------------------------------

@pytest.fixture
def broken_batch(tmp_path, mini_pdf):
    if not mini_pdf.exists():
        pytest.skip("tests/fixtures/mini-bulletin.pdf not built yet")
    data = mini_pdf.read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    good = []
    for i in range(3):
        (folder / f"good{i}.pdf").write_bytes(data)
        good.append(folder / f"good{i}.pdf")
    bad = {"truncated.pdf": data[: len(data) // 3], "corrupt.pdf": b"%PDF-1.7\n" + os.urandom(2000),
           "empty.pdf": b""}
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(mini_pdf)))
    writer.encrypt("secret")
    with (folder / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    return folder, good, sorted(set(bad) | {"encrypted.pdf"})


def test_bad_files_are_errors_and_the_rest_match_single_runs(tmp_path, broken_batch, rules):
    folder, good, bad = broken_batch
    inputs = batch.collect_inputs([folder])
    summary = run_batch(inputs, tmp_path / "out", RULES, BatchOptions(jobs=2, cache_dir=tmp_path / "cache"))
    assert sorted(Path(name).name for name, _ in summary.failed) == bad
    assert summary.ok == len(good)
    with OutputSet(tmp_path / "single") as outputs:  # the same files one at a time, no pool, no cache
        for path in inputs:
            outputs.add(process_file(path, rules, display_name=str(path)))
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "single")
    # a cached rerun gives the same bytes
    again = run_batch(inputs, tmp_path / "again", RULES, BatchOptions(jobs=2, cache_dir=tmp_path / "cache"))
    assert again.processed == 0 and read_csvs(tmp_path / "out") == read_csvs(tmp_path / "again")


def test_dask_on_real_files_matches_the_local_pool(tmp_path, broken_batch, dask_cluster):
    folder, _, _ = broken_batch
    inputs = batch.collect_inputs([folder])
    run_batch(inputs, tmp_path / "local", RULES, BatchOptions(jobs=2))
    run_batch(inputs, tmp_path / "dask", RULES, BatchOptions(executor="dask", scheduler=dask_cluster.scheduler_address))
    assert read_csvs(tmp_path / "local") == read_csvs(tmp_path / "dask")


# --- hostile input and careless use (issue 11: defects 1, 5, 7-12) --------------------------------

class _Planted:
    """A pickle that runs a command when loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_entry_never_runs_and_is_converted_again(tmp_path):
    import pickle

    files = make_files(tmp_path / "in", ["ok 1", "ok 2", "ok 3"])
    cache = tmp_path / "out" / ".zhuanbao-cache"
    run_batch(files, tmp_path / "out", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert len(entries) == 3
    marker = tmp_path / "pwned"
    # a pickle that runs a command, garbage, and an entry whose fields do not fit the records
    planted = [pickle.dumps(_Planted(marker)), b"\x00garbage{",
               entries[2].read_bytes().replace(b'"pages": ', b'"pages": "two", "_pages": ')]
    for entry, content in zip(entries, planted):
        entry.write_bytes(content)
    summary = run_batch(files, tmp_path / "again", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert not marker.exists(), "a cache entry ran code"
    assert (summary.processed, summary.cache_hits) == (3, 0)   # every bad entry converted again
    assert len(summary.warnings) == 3 and all("damaged" in w for w in summary.warnings), summary.warnings
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(), fn=fake_file)
    assert read_csvs(tmp_path / "again") == read_csvs(tmp_path / "ref")
    third = run_batch(files, tmp_path / "third", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert third.cache_hits == 3   # rewritten


def test_a_worker_over_the_memory_limit_gives_an_error_row(tmp_path):
    files = make_files(tmp_path / "in", ["ok 1", "eat 2048", "ok 2"])
    summary = run_batch(files, tmp_path / "out", RULES, BatchOptions(jobs=1, memory_mb=512), fn=fake_file)
    assert summary.ok == 2 and [Path(name).name for name, _ in summary.failed] == ["b01.pdf"]
    assert "MemoryError" in summary.failed[0][1]


def test_a_huge_file_is_hashed_in_the_worker_under_the_timeout(tmp_path, mini_pdf):
    """A sparse 64 GiB file: hashing it takes minutes. The parent must not stall on it, and the time
    counts against the file's timeout like any other work on it."""
    folder = tmp_path / "in"
    folder.mkdir()
    huge = folder / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(64 * 2**30)
    (folder / "small.pdf").write_bytes(mini_pdf.read_bytes())
    started = time.monotonic()
    summary = run_batch(batch.collect_inputs([folder]), tmp_path / "out", RULES,
                        BatchOptions(jobs=2, timeout=20, cache_dir=tmp_path / "cache"))
    assert time.monotonic() - started < 120
    assert summary.failed == [(str(huge), "timed out after 20s")] and summary.ok == 1


def _pids(folder: Path) -> list[int]:
    return [int(p.read_text()) for p in folder.glob("*.pid") if p.read_text()]


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                os.kill(pid, 0)
                alive.append(pid)
            except ProcessLookupError:
                pass
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("signum, to_group", [(signal.SIGTERM, False), (signal.SIGHUP, True)])
def test_sigterm_and_sighup_stop_like_ctrl_c(tmp_path, signum, to_group):
    """`kill PID` (SIGTERM to the parent alone) and a closed terminal (SIGHUP to the whole group):
    complete outputs for the files done, no temporary files, no workers left, and a rerun resumes."""
    files = make_files(tmp_path / "in", ["ok 1", "ok 2", "ok 3", "ok 4"] * 3 + ["hang"])
    out = tmp_path / "out"
    proc = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    try:
        deadline = time.monotonic() + 60
        while len(list((out / ".zhuanbao-cache").rglob("*.json"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        (os.killpg if to_group else os.kill)(proc.pid, signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, stderr.decode()
    assert signal.Signals(signum).name in stderr.decode()
    rows = (out / "bulletins.csv").read_text(encoding="utf-8-sig").splitlines()
    assert 1 < len(rows) < 1 + len(files)
    assert [r.split(",")[0] for r in rows[1:]] == [str(f) for f in files[: len(rows) - 1]]   # an input-order prefix
    assert not [p for p in out.rglob("*.part")], "temporary files left behind"
    assert _gone(_pids(tmp_path / "in"), within=10), "a worker outlived the run"
    files[-1].write_text("ok 9", encoding="utf-8")
    again = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr.decode()
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(jobs=1), fn=fake_file)
    assert read_csvs(out) == read_csvs(tmp_path / "ref")


def test_workers_die_with_their_parent(tmp_path):
    """The parent killed outright (SIGKILL, the OOM killer): its workers must not run on."""
    make_files(tmp_path / "in", ["hang", "hang"])
    proc = _cli(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--jobs", "2"])
    try:
        deadline = time.monotonic() + 60
        while len(_pids(tmp_path / "in")) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _pids(tmp_path / "in")
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert _gone(workers, within=15), "workers outlived their parent"
    finally:
        for pid in _pids(tmp_path / "in"):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_a_file_name_that_is_not_utf8_is_escaped_and_the_batch_goes_on(tmp_path, mini_pdf):
    folder = tmp_path / "in"
    folder.mkdir()
    os.close(os.open(os.path.join(os.fsencode(folder), b"caf\xe9-\x1b[31m.pdf"), os.O_WRONLY | os.O_CREAT))
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-\x1b[31m.pdf"), "wb") as handle:
        handle.write(mini_pdf.read_bytes())
    (folder / "plain.pdf").write_bytes(mini_pdf.read_bytes())
    from extract.cli import main

    code = main(["extract", str(folder), "--out", str(tmp_path / "out"), "--format", "csv", "--format", "json"])
    assert code == 0
    rows = (tmp_path / "out" / "bulletins.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == [f"{folder}/caf\\xe9-\\x1b[31m.pdf", f"{folder}/plain.pdf"]
    assert len((tmp_path / "out" / "indicators.jsonl").read_text(encoding="utf-8").splitlines()) == 12


@pytest.mark.parametrize("broken", ["a file", "a file in the way of an entry"])
def test_an_unusable_cache_warns_and_the_batch_goes_on(tmp_path, broken):
    files = make_files(tmp_path / "in", ["ok 1", "ok 2"])
    cache = tmp_path / "cache"
    if broken == "a file":
        cache.write_text("not a folder", encoding="utf-8")
    else:   # the cache works until it writes: every shard folder name is taken by a file
        cache.mkdir()
        for i in range(256):
            (cache / f"{i:02x}").write_text("", encoding="utf-8")
    summary = run_batch(files, tmp_path / "out", RULES, BatchOptions(cache_dir=cache), fn=fake_file)
    assert (summary.files, summary.ok) == (2, 2)
    warnings = summary.warnings
    assert len(warnings) == 1 and "cache" in warnings[0] and "continuing without it" in warnings[0], warnings
    run_batch(files, tmp_path / "ref", RULES, BatchOptions(), fn=fake_file)
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "ref")


def test_a_second_run_on_the_same_out_fails_at_once_or_waits(tmp_path, capsys):
    import fcntl
    import threading

    from extract.cli import main

    files = make_files(tmp_path / "in", ["ok 1", "ok 2"])
    out = tmp_path / "out"
    out.mkdir()
    holder = os.open(out / ".zhuanbao.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)   # another run is writing
    try:
        started = time.monotonic()
        assert main(["extract", str(tmp_path / "in"), "--out", str(out), "--no-cache"]) == 2
        assert time.monotonic() - started < 30
        err = capsys.readouterr().err.strip()
        assert "in use by another zhuanbao run" in err and "\n" not in err, err
        assert not (out / "bulletins.csv").exists()
        done = []
        waiter = threading.Thread(target=lambda: done.append(
            run_batch(files, out, RULES, BatchOptions(wait_for_lock=True), fn=fake_file)))
        waiter.start()
        time.sleep(1.5)
        assert not done and not (out / "bulletins.csv").exists()   # waiting its turn
    finally:
        os.close(holder)
    waiter.join(timeout=60)
    assert done and done[0].ok == 2


HOLD_THE_LOCK = """
import sys
from pathlib import Path
from extract.run.batch import lock_output
with lock_output(Path(sys.argv[1]), False, print):
    print("held", flush=True)
    sys.stdin.read()   # until the test closes our stdin
"""


def test_the_output_lock_holds_between_two_processes(tmp_path, capsys):
    from extract.cli import main

    files = make_files(tmp_path / "in", ["ok 1"])
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(out)], env=checkout_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert main(["extract", str(files[0]), "--out", str(out), "--no-cache"]) == 2
        assert "in use by another zhuanbao run" in capsys.readouterr().err
    finally:
        holder.communicate("", timeout=60)   # the holder ends, its lock goes with it
    assert holder.returncode == 0
    assert run_batch(files, out, RULES, BatchOptions(), fn=fake_file).ok == 1


def test_a_deeply_nested_folder_is_walked(tmp_path, mini_pdf):
    root = tmp_path / "deep"
    root.mkdir()
    (root / "top.pdf").write_bytes(mini_pdf.read_bytes())
    here = os.open(root, os.O_RDONLY)
    try:   # 1,100 levels, made relative to the last one: no path is ever too long to pass
        for _ in range(1100):
            os.mkdir("d", dir_fd=here)
            below = os.open("d", os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = below
        with open(os.open("bottom.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=here), "wb") as handle:
            handle.write(mini_pdf.read_bytes())
    finally:
        os.close(here)
    try:
        found = batch.collect_inputs([root])
        assert [p.name for p in found] == ["bottom.pdf", "top.pdf"] and found[0].parts.count("d") == 1100
    finally:
        _remove_deep(root)


def _remove_deep(root: Path) -> None:
    """shutil.rmtree recurses; undo the nesting from the bottom up instead."""
    depth = 0
    path = root
    while (path / "d").is_dir():
        path, depth = path / "d", depth + 1
    for entry in path.iterdir():
        entry.unlink()
    while path != root:
        path = path.parent
        for entry in path.iterdir():
            entry.rmdir() if entry.is_dir() else entry.unlink()
    root.rmdir()
