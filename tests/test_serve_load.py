"""`zhuanbao serve` under load, on loopback: a real server process (`python -m extract.cli serve`) and
20 drafts posted at once to /api/check. Every one is answered with its own result (none lost, none
mixed up); the peak memory of the server and of the server with its workers, sampled from /proc, is
printed, not asserted (the machine is shared), as is the time.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from paths import CORPUS, ROOT

httpx = pytest.importorskip("httpx", reason="the load test posts through httpx (pip install '.[test]')")
pytest.importorskip("uvicorn", reason="serve needs its extra: pip install '.[serve]'")
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="memory is read from Linux's /proc")
DRAFT = CORPUS / "docx" / "fenghuang-2023-13.docx"
UPLOADS = 20


def _tree_rss(root: int) -> tuple[int, int, int]:
    """RSS of `root`, of `root` with all its descendants (bytes), and how many processes that is."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry)] = int(statm[1]) * page
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return rss.get(root, 0), sum(rss.get(p, 0) for p in tree), len(tree)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_twenty_drafts_at_once_are_all_answered(tmp_path):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "extract.cli", "serve", "--port", str(port), "--jobs", "2",
                               "--timeout", "120"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        idle = _tree_rss(server.pid)
        peak = [0, 0, 0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.05):
                for i, value in enumerate(_tree_rss(server.pid)):
                    peak[i] = max(peak[i], value)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        content = DRAFT.read_bytes()
        answers: list[tuple[int, dict]] = []
        lock = threading.Lock()

        def post(i: int) -> None:
            with httpx.Client(timeout=600) as client:
                response = client.post(url + "/api/check", files=[("file", (f"草稿{i}.docx", content))])
            with lock:
                answers.append((response.status_code, response.json()))

        started = time.perf_counter()
        threads = [threading.Thread(target=post, args=(i,)) for i in range(UPLOADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
        assert len(answers) == UPLOADS and [code for code, _ in answers] == [200] * UPLOADS
        assert sorted(data["bulletin"]["file"] for _, data in answers) == sorted(f"草稿{i}.docx" for i in range(UPLOADS))
        assert len({data["downloads"]["page"] for _, data in answers}) == UPLOADS   # each its own result
        assert all(len([f for f in data["findings"] if f["severity"] != "info"]) == 3 for _, data in answers)
        print(f"\n{UPLOADS} drafts at once to /api/check (--jobs 2): all answered in {seconds:.1f} s; server "
              f"{idle[0] / 2**20:.0f} MiB idle, peak {peak[0] / 2**20:.0f} MiB; server and workers peak "
              f"{peak[1] / 2**20:.0f} MiB, at most {peak[2]} processes")
    finally:
        server.send_signal(signal.SIGINT)   # as Ctrl-C: the uploads are removed
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
