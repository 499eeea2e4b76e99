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
import time
from pathlib import Path

import pytest

from extract import batch
from extract.batch import run_batch
from extract.export import OutputSet
from extract.model import BulletinResult, Header, Indicator
from extract.pipeline import process_file

TESTS = Path(__file__).resolve().parent
CSV_NAMES = ("bulletins.csv", "indicators.csv", "claims.csv", "findings.csv")


# --- the injected per-file function ------------------------------------------------------------

def fake_file(path: str, name: str, rules_dir, engine: str, reader: str) -> BulletinResult:
    """The file's first word says what to do: ok N | hang | boom | crash | slow SECONDS N."""
    words = Path(path).read_text(encoding="utf-8").split()
    command = words[0]
    if command == "hang":
        Path(path + ".pid").write_text(str(os.getpid()))
        while True:
            time.sleep(60)
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


def slow_fake(path: str, name: str, rules_dir, engine: str, reader: str) -> BulletinResult:
    time.sleep(0.4)
    return fake_file(path, name, rules_dir, engine, reader)


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
    one = run_batch(files, tmp_path / "one", jobs=1, fn=fake_file)
    two = run_batch(files, tmp_path / "two", jobs=2, fn=fake_file, window=2)
    assert read_csvs(tmp_path / "one") == read_csvs(tmp_path / "two")
    assert (one.files, one.errors, two.errors) == (8, 1, 1)
    assert two.failed == [(str(files[2]), "internal error: RuntimeError: bad luck")]
    assert one.indicators == 21 and len(two.slowest_files()) == 5


def test_timeout_kills_the_hung_worker_and_the_rest_complete(tmp_path):
    files = make_files(tmp_path / "in", ["ok 1", "hang", "ok 2", "crash", "ok 3"])
    summary = run_batch(files, tmp_path / "out", jobs=2, fn=fake_file, timeout=1.5)
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
    first = run_batch(files, tmp_path / "a", jobs=2, fn=fake_file, cache_dir=cache)
    assert (first.processed, first.cache_hits) == (8, 0)
    files[4].write_text("ok 7", encoding="utf-8")
    second = run_batch(files, tmp_path / "b", jobs=2, fn=fake_file, cache_dir=cache)
    # the changed file is converted again, and the internal error is retried (a bug may have been fixed)
    assert (second.processed, second.cache_hits) == (2, 6)
    run_batch(files, tmp_path / "c", jobs=1, fn=fake_file)
    assert read_csvs(tmp_path / "b") == read_csvs(tmp_path / "c")


def test_cached_result_takes_the_name_of_a_copy(tmp_path):
    a, b = make_files(tmp_path / "in", ["ok 2", "ok 2"])
    cache = tmp_path / "cache"
    run_batch([a], tmp_path / "x", fn=fake_file, cache_dir=cache)
    summary = run_batch([b], tmp_path / "y", fn=fake_file, cache_dir=cache)
    assert summary.cache_hits == 1
    fresh = run_batch([b], tmp_path / "z", fn=fake_file)
    assert fresh.processed == 1 and read_csvs(tmp_path / "y") == read_csvs(tmp_path / "z")


def test_interrupt_commits_a_prefix_and_a_rerun_is_byte_identical(tmp_path):
    files = make_files(tmp_path / "in", [c for c in CONTENTS if c != "boom"] * 2)
    cache = tmp_path / "cache"
    seen = []

    def ctrl_c_after_five(outcome) -> None:
        seen.append(outcome.index)
        if len(seen) == 5:
            raise KeyboardInterrupt

    stopped = run_batch(files, tmp_path / "out", jobs=2, fn=fake_file, cache_dir=cache, on_result=ctrl_c_after_five)
    assert stopped.interrupted and stopped.files < len(files)
    bulletins = (tmp_path / "out" / "bulletins.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(bulletins) == 1 + stopped.files   # committed, complete rows of an input-order prefix
    resumed = run_batch(files, tmp_path / "out", jobs=2, fn=fake_file, cache_dir=cache)
    assert resumed.cache_hits >= 5 and resumed.processed == len(files) - resumed.cache_hits
    run_batch(files, tmp_path / "ref", jobs=1, fn=fake_file)
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "ref")


def _cli(args: list[str]) -> subprocess.Popen:
    # the CLI with the slow fake swapped in for the pipeline, as its own process group (like a terminal job)
    script = ("import sys, extract.batch as b, test_batch; b.run_file = test_batch.slow_fake; "
              "from extract.cli import main; sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def test_sigint_to_the_cli_exits_130_and_the_rerun_resumes(tmp_path):
    files = make_files(tmp_path / "in", ["ok 1", "ok 2", "ok 3", "ok 4"] * 3)
    out = tmp_path / "out"
    proc = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    deadline = time.monotonic() + 30
    while len(list((out / ".zhuanbao-cache").rglob("*.pkl"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group: parent and workers
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    assert (out / "bulletins.csv").exists()
    again = _cli(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"])
    stdout, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, stderr.decode()
    assert "cache hits" in stdout.decode()
    run_batch(files, tmp_path / "ref", jobs=1, fn=fake_file)
    assert read_csvs(out) == read_csvs(tmp_path / "ref")


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster
    cluster.close()


def test_dask_executor_gives_the_same_outputs(tmp_path, dask_cluster):
    files = make_files(tmp_path / "in", CONTENTS)
    local = run_batch(files, tmp_path / "local", jobs=2, fn=fake_file)
    dask = run_batch(files, tmp_path / "dask", fn=fake_file, executor="dask",
                     scheduler=dask_cluster.scheduler_address)
    assert read_csvs(tmp_path / "local") == read_csvs(tmp_path / "dask")
    assert (dask.files, dask.errors) == (local.files, local.errors) == (8, 1)


def test_dask_executor_times_out_a_hung_file(tmp_path, dask_cluster):
    files = make_files(tmp_path / "in", ["ok 1", "hang", "ok 2"])
    summary = run_batch(files, tmp_path / "out", fn=fake_file, executor="dask",
                        scheduler=dask_cluster.scheduler_address, timeout=2)
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
    summary = run_batch(inputs, tmp_path / "out", jobs=2, cache_dir=tmp_path / "cache")
    assert sorted(Path(name).name for name, _ in summary.failed) == bad
    assert summary.ok == len(good)
    with OutputSet(tmp_path / "single") as outputs:  # the same files one at a time, no pool, no cache
        for path in inputs:
            outputs.add(process_file(path, rules, display_name=str(path)))
    assert read_csvs(tmp_path / "out") == read_csvs(tmp_path / "single")
    # a cached rerun gives the same bytes
    again = run_batch(inputs, tmp_path / "again", jobs=2, cache_dir=tmp_path / "cache")
    assert again.processed == 0 and read_csvs(tmp_path / "out") == read_csvs(tmp_path / "again")


def test_dask_on_real_files_matches_the_local_pool(tmp_path, broken_batch, dask_cluster):
    folder, _, _ = broken_batch
    inputs = batch.collect_inputs([folder])
    run_batch(inputs, tmp_path / "local", jobs=2)
    run_batch(inputs, tmp_path / "dask", executor="dask", scheduler=dask_cluster.scheduler_address)
    assert read_csvs(tmp_path / "local") == read_csvs(tmp_path / "dask")
