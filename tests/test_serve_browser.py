"""`zhuanbao serve` as a reviewer uses it: a real server (uvicorn) and Debian's chromium, headless.

Upload the reference draft, wait for the finding cards, count them, download the annotated draft
and read its Word comments back. The page is photographed into docs/serve-check.png (the README
shows it) when ZHUANBAO_SCREENSHOTS names a folder, else into the test's temporary folder. The time
from sending the upload to the cards on the page is printed, not asserted.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from browsers import needs_chromium
from paths import CORPUS
from read_annotations import read_comments
from serving import check_json, shown
from test_serve_batch import FIVE, PDFS, dataset_tables, extract_counts

pytestmark = needs_chromium
DRAFT = CORPUS / "docx" / "fenghuang-2023-13.docx"


@pytest.fixture(scope="module")
def server():
    uvicorn = pytest.importorskip("uvicorn", reason="serve needs its extra: pip install '.[serve]'")
    from extract.serve.app import create_app
    from extract.serve.jobs import Settings

    app = create_app(Settings(timeout=120))
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:   # uvicorn sets the flag once it listens
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", app
    running.should_exit = True
    thread.join(timeout=30)
    assert not app.state.store.root.exists()   # the uploads went with the server


def photograph_and_download(page, picture: str, link: str, tmp_path: Path) -> Path:
    """The page photographed (into $ZHUANBAO_SCREENSHOTS, else the test's folder), then the file
    behind `link` downloaded into the test's folder."""
    shots = Path(os.environ.get("ZHUANBAO_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / picture))
    with page.expect_download() as download:
        page.click(link)
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_check_a_draft_in_chromium(server, browser, tmp_path):
    url, app = server
    expected = shown(check_json(DRAFT)["findings"])
    context = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url + "/", wait_until="load")
    assert page.locator("#drop .drop-title").inner_text() == "把专报草稿拖到这里，或点击选择文件"
    page.set_input_files("#file", str(DRAFT))
    assert page.locator("#file-chosen").inner_text() == DRAFT.name   # serve.js ran (no inline script)
    started = time.perf_counter()
    page.click("#submit")
    page.wait_for_selector("li.finding")
    seconds = time.perf_counter() - started
    print(f"\nupload to finding cards in chromium: {seconds:.2f} s")
    cards = page.locator("li.finding")
    assert cards.count() == len(expected) == 3
    assert "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" in cards.all_inner_texts()[0]
    assert page.locator("details.unchecked").count() == 1
    assert problems == []     # a script or style blocked by the Content-Security-Policy would say so here
    assert [u for u in fetched if not u.startswith(url)] == []   # nothing from the network

    target = photograph_and_download(page, "serve-check.png", "#dl-annotated", tmp_path)
    assert target.suffix == ".docx"
    comments = read_comments(target)
    assert len(comments) == len(expected)
    assert "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" in [c.text for c in comments]
    context.close()


def test_a_batch_in_chromium(server, browser, tmp_path):
    """Three PDFs on the batch page: the bar reaches 100%, the dataset's five tables hold what
    `zhuanbao extract` writes. The page is photographed into docs/serve-batch.png (with
    ZHUANBAO_SCREENSHOTS)."""
    url, app = server
    context = browser.new_context(viewport={"width": 1280, "height": 620}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url + "/batch", wait_until="load")
    page.set_input_files("#files", [str(p) for p in PDFS])
    assert page.locator("#files-chosen").inner_text().startswith("3 个文件")   # serve.js ran
    started = time.perf_counter()
    page.click("#submit")
    page.wait_for_selector("#batch[data-state='done']", timeout=300_000)   # the page reloads once it is done
    print(f"\nthree PDFs in chromium, upload to done: {time.perf_counter() - started:.2f} s")
    assert page.locator("#percent").inner_text() == "100%"
    assert page.locator("#bar").get_attribute("value") == "3" and page.locator("#done").inner_text() == "3"
    assert problems == []

    target = photograph_and_download(page, "serve-batch.png", "#dl-dataset", tmp_path)
    assert target.suffix == ".zip"
    tables = dataset_tables(target.read_bytes())
    assert {name: len(t) for name, t in tables.items()} == extract_counts(PDFS, tmp_path / "out")
    assert set(tables) == set(FIVE)
    context.close()
