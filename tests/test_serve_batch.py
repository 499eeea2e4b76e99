"""`zhuanbao serve`'s batch page (批量转换) and `/api/batch` over HTTP (Starlette's TestClient).

Real batches, converted by the batch engine in worker processes: three corpus PDFs reach done and
the dataset's five tables hold what `zhuanbao extract` writes for the same files; a damaged file
among them gets its one-line reason; archives that reach outside themselves are refused in Chinese;
a series of one issuer shows its laggards with their sparklines. The time from upload to done is
printed, not asserted.
"""
from __future__ import annotations

import io
import os
import stat
import time
import warnings
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from lxml import html as lxml_html
from paths import CORPUS

pytest.importorskip("starlette", reason="serve needs its extra: pip install '.[serve]'")
with warnings.catch_warnings():   # starlette's note that it will move from httpx to httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from extract.cli import main  # noqa: E402
from extract.serve import batches  # noqa: E402
from extract.serve.app import create_app  # noqa: E402
from extract.serve.jobs import Settings  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PDFS = [CORPUS / "pdf" / n for n in ("fenghuang-2023-13.pdf", "jishou-2024-02.pdf", "luxi-2023-07.pdf")]
SERIES = sorted((CORPUS / "series" / "pdf").glob("*.pdf"))
FIVE = ("bulletins", "indicators", "claims", "findings", "tables")
BROKEN = b"%PDF-1.7\n" + b"\x00garbage" * 200
LOCAL = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(timeout=120, jobs=2)), base_url=LOCAL) as c:
        yield c


def _files(paths: list[Path]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in paths]


def wait_done(client: TestClient, status_url: str, limit: float = 300) -> dict:
    deadline = time.monotonic() + limit
    while True:
        data = client.get(status_url).json()
        if data["state"] not in ("queued", "running"):
            return data
        assert time.monotonic() < deadline, data
        time.sleep(0.2)


def extract_counts(paths: list[Path], out: Path) -> dict[str, int]:
    """Rows per table that `zhuanbao extract` writes for the same files."""
    assert main(["extract", *map(str, paths), "--out", str(out), "--no-cache", "--jobs", "2"]) == 0
    return {name: len(pd.read_csv(out / f"{name}.csv", dtype=str)) for name in FIVE}


def dataset_tables(content: bytes) -> dict[str, pd.DataFrame]:
    """The five tables of a dataset .zip, each read from its CSV, xlsx sheet and parquet file; all three agree."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = set(archive.namelist())
    assert {f"{t}.csv" for t in FIVE} | {f"{t}.parquet" for t in FIVE} | {"zhuanbao.xlsx"} <= names
    tables = {}
    for name in FIVE:
        csv = pd.read_csv(io.BytesIO(archive.read(f"{name}.csv")), dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(io.BytesIO(archive.read(f"{name}.parquet")))
        sheet = pd.read_excel(io.BytesIO(archive.read("zhuanbao.xlsx")), sheet_name=name, engine="calamine")
        assert len(csv) == len(parquet) == len(sheet), name
        tables[name] = csv
    return tables


def test_three_pdfs_reach_done_with_the_tables_extract_writes(client, tmp_path):
    started = time.perf_counter()
    answer = client.post("/api/batch", files=_files(PDFS))
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert set(body) == {"id", "page", "status", "downloads"} and body["downloads"] is None
    data = wait_done(client, body["status"])
    print(f"\nthree PDFs, upload to done: {time.perf_counter() - started:.2f} s")
    assert data["state"] == "done" and data["done"] == data["files"] == 3 and data["percent"] == 100
    assert data["errors"] == 0 and data["failed"] == [] and data["pages"] > 3 and data["eta_seconds"] is None
    tables = dataset_tables(client.get(data["downloads"]["dataset"]).content)
    expected = extract_counts(PDFS, tmp_path / "out")
    assert {name: len(t) for name, t in tables.items()} == expected
    assert list(tables["bulletins"]["file"]) == [p.name for p in PDFS]   # the names they came with
    report = client.get(data["downloads"]["report"])
    assert report.status_code == 200 and report.headers["content-disposition"].startswith("attachment")
    assert unquote(report.headers["content-disposition"]).endswith("专报核查报告.html")
    dataset = client.get(data["downloads"]["dataset"])
    assert unquote(dataset.headers["content-disposition"]).endswith("专报数据集.zip")
    assert client.app.state.store.get(body["id"]).name == "批量转换（3个文件）"
    assert "凤政督函〔2023〕13号" in report.text
    page = lxml_html.fromstring(client.get(data["page"]).text)
    assert page.cssselect("#batch")[0].get("data-state") == "done"
    assert page.cssselect("#percent")[0].text == "100%"
    assert {a.get("id") for a in page.cssselect("section.downloads a")} == {"dl-dataset", "dl-report"}
    assert not page.xpath("//script[not(@src)]") and not page.xpath("//*[@style]")


def test_a_bad_file_gets_its_reason_and_the_others_are_converted(client):
    files = _files(PDFS[:2]) + [("files", ("坏文件.pdf", BROKEN)), ("files", ("说明.docx", "不是文档".encode()))]
    response = client.post("/batch", files=files)   # the form: 303 to the batch's page
    assert response.status_code == 200 and "/b/" in str(response.url)
    data = wait_done(client, client.get(str(response.url).replace("/b/", "/api/batch/")).json()["status"])
    assert data["state"] == "done" and data["files"] == 4 and data["errors"] == 2
    reasons = {f["file"]: f["reason"] for f in data["failed"]}
    assert set(reasons) == {"坏文件.pdf", "说明.docx"} and all("\n" not in r and r for r in reasons.values())
    assert "不是 PDF" in reasons["说明.docx"]
    tables = dataset_tables(client.get(data["downloads"]["dataset"]).content)
    ok = tables["bulletins"][tables["bulletins"]["status"] == "ok"]
    assert sorted(ok["file"]) == sorted(p.name for p in PDFS[:2])
    page = lxml_html.fromstring(client.get(data["page"]).text)
    shown = [li.text_content() for li in page.cssselect("#failed li")]
    assert any(s.startswith("坏文件.pdf：") for s in shown) and len(shown) == 2


def _zip(entries: list[tuple[str, bytes]], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


@pytest.mark.parametrize("archive, words", [
    (_zip([("a.pdf", PDFS[0].read_bytes()), ("../../evil.pdf", b"%PDF-1.4")]), "指向压缩包以外的路径"),
    (_zip([("/tmp/evil.pdf", b"%PDF-1.4")]), "指向压缩包以外的路径"),
    (_zip([("a.pdf", PDFS[0].read_bytes())], symlink="link.pdf"), "符号链接"),
], ids=["dotdot", "absolute", "symlink"])
def test_archives_reaching_outside_are_refused_in_chinese(client, archive, words):
    store = client.app.state.store
    before = set(store.jobs)
    response = client.post("/api/batch", files=[("files", ("专报.zip", archive))])
    assert response.status_code == 422 and words in response.json()["error"] and "专报.zip" in response.json()["error"]
    page = client.post("/batch", files=[("files", ("专报.zip", archive))])
    assert page.status_code == 422 and words in lxml_html.fromstring(page.text).cssselect("p.refused")[0].text_content()
    assert set(store.jobs) == before and not Path("/tmp/evil.pdf").exists()   # nothing kept, nothing written


def test_an_archive_of_bulletins_is_unpacked_and_converted(client):
    gbk = "专报/凤凰.pdf".encode("gb18030")   # as Chinese Windows writes it: GBK, no UTF-8 flag
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("X" * 4 + "/" + "X" * 4 + ".pdf", PDFS[0].read_bytes())
        archive.writestr("专报/吉首.pdf", PDFS[1].read_bytes())
        archive.writestr("专报/", b"")
        archive.writestr("readme.txt", "说明".encode())
    content = buffer.getvalue().replace(b"XXXX/XXXX.pdf", gbk)
    response = client.post("/api/batch", files=[("files", ("一批.zip", content))])
    assert response.status_code == 202
    data = wait_done(client, response.json()["status"])
    assert data["state"] == "done" and data["files"] == 3 and data["errors"] == 1
    assert [f["file"] for f in data["failed"]] == ["readme.txt"]
    tables = dataset_tables(client.get(data["downloads"]["dataset"]).content)
    assert sorted(tables["bulletins"]["file"]) == ["凤凰.pdf", "吉首.pdf"]


def test_limits_of_a_batch():
    small = Settings(max_upload_bytes=15_000, max_request_bytes=5_000_000)
    with TestClient(create_app(small), base_url=LOCAL) as c:
        response = c.post("/api/batch", files=_files(PDFS[:1]))
        assert response.status_code == 413 and "超过单个文件" in response.json()["error"]
        big = _zip([("big.pdf", b"%PDF-1.4\n" + b"0" * 20_000)])
        data = wait_done(c, c.post("/api/batch", files=[("files", ("a.zip", big))]).json()["status"])
        assert data["failed"][0]["reason"] == "解压后超过单个文件 0.0143051 MB 的限制"
    with TestClient(create_app(Settings(max_unpacked_bytes=50_000)), base_url=LOCAL) as c:
        bomb = _zip([(f"{i}.pdf", b"%PDF-1.4\n" + b"0" * 20_000) for i in range(4)])   # deflates to little
        response = c.post("/api/batch", files=[("files", ("a.zip", bomb))])
        assert response.status_code == 422 and response.json()["error"] == "压缩包「a.zip」解压后超过 0.0476837 MB 的限制。"
    with TestClient(create_app(Settings(max_batch_files=2)), base_url=LOCAL) as c:
        assert c.post("/api/batch", files=_files(PDFS)).status_code == 400   # the form's own count of files
        three = _zip([(f"{i}.pdf", b"%PDF-1.4\n") for i in range(3)])
        response = c.post("/api/batch", files=[("files", ("a.zip", three))])
        assert response.status_code == 413 and response.json()["error"] == "一批最多 2 份专报，这次有 3 份。"
        many = _zip([(f"{i}.pdf", b"%PDF-1.4\n") for i in range(9)])   # more members than 4 x max_batch_files
        response = c.post("/api/batch", files=[("files", ("a.zip", many))])
        assert response.status_code == 422 and response.json()["error"] == "压缩包「a.zip」有 9 项，超过 8 项的限制。"
    with TestClient(create_app(), base_url=LOCAL) as c:
        gone = c.get("/api/batch/nonexistent-id-0000")
        assert gone.status_code == 404 and gone.json()["error"] == "这批转换结果已过期或不存在。"
        page = c.get("/b/nonexistent-id-0000")
        assert page.status_code == 404 and "这批转换结果已过期或不存在，请重新上传。" in page.text
        download = c.get("/b/nonexistent-id-0000/report.html")
        assert download.status_code == 404 and download.text == "已过期或不存在"


def _encrypted_member() -> bytes:
    """A .zip whose one member says it is encrypted (its flag; nothing is read from it)."""
    data = bytearray(_zip([("secret.pdf", b"%PDF-1.4\n")]))
    data[6] |= 1                              # the local header's flags
    data[data.index(b"PK\x01\x02") + 8] |= 1  # the central directory's
    return bytes(data)


def test_files_a_batch_leaves_out_are_listed_with_their_reasons(monkeypatch):
    """Reasons and refusals word for word (rules/review.yaml `web`), without converting anything."""
    monkeypatch.setattr(batches, "run_one", _fails)   # the runner's call: its message, not a conversion
    with TestClient(create_app(), base_url=LOCAL) as c:
        nothing = c.post("/api/batch", files=[("other", ("a.pdf", b"%PDF-1.4"))])
        assert nothing.status_code == 400 and nothing.json()["error"] == \
            "请选择要转换的专报文件：PDF、Word 草稿（.docx / .doc / .wps），或装有它们的 .zip 压缩包。"
        damaged = c.post("/api/batch", files=[("files", ("坏.zip", b"PK\x03\x04" + b"\x00" * 64))])
        assert damaged.status_code == 422 and damaged.json()["error"] == "压缩包「坏.zip」已损坏或不是 zip 格式，无法解压。"
        files = [("files", ("空.pdf", b"")), ("files", ("套.zip", _zip([("inner.zip", _zip([("a.pdf", b"%PDF-1.4")]))]))),
                 ("files", ("密.zip", _encrypted_member())), ("files", ("a.pdf", b"%PDF-1.4\n"))]
        data = wait_done(c, c.post("/api/batch", files=files).json()["status"])
        assert data["state"] == "failed" and data["message"] == "内部错误：RuntimeError"
        assert {f["file"]: f["reason"] for f in data["failed"]} == {
            "空.pdf": "空文件", "inner.zip": "压缩包中的压缩包不再解压", "secret.pdf": "压缩包中的文件已加密，无法读取"}


def _fails(*args, **kwargs):
    raise RuntimeError("no conversion here")


def test_a_series_of_one_issuer_shows_its_laggards(client):
    data = wait_done(client, client.post("/api/batch", files=_files(SERIES)).json()["status"])
    assert data["state"] == "done" and data["errors"] == 0
    page = lxml_html.fromstring(client.get(data["page"]).text)
    rows = page.cssselect("section.history table.laggards tbody tr")
    assert rows and all(r.cssselect("svg.spark circle") for r in rows)
    assert "技术合同" in page.cssselect("section.history")[0].text_content()
    names = zipfile.ZipFile(io.BytesIO(client.get(data["downloads"]["dataset"]).content)).namelist()
    assert {"history.csv", "laggards.csv"} <= set(names)
    assert "连续滞后的指标" in client.get(data["downloads"]["report"]).text   # the report lists them too


def test_the_batch_page_and_its_folder_go_with_the_server():
    with TestClient(create_app(Settings(timeout=120)), base_url=LOCAL) as c:
        root = c.app.state.store.root
        page = c.get("/batch")
        assert page.status_code == 200 and "批量转换" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert c.post("/api/batch", files=_files(PDFS[:1]), headers={"Origin": "http://evil.example"}).status_code == 403
        c.post("/api/batch", files=_files(PDFS))   # still running when the server stops: stopped, removed
    assert not root.exists()
    assert os.path.isdir(root.parent)
