"""`zhuanbao serve` over HTTP (Starlette's TestClient): the page, the JSON API and its safety rules.

The checks run for real, in worker processes, on the reference bulletin.
"""
from __future__ import annotations

import io
import threading
import time
import warnings
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html as lxml_html
from paths import CORPUS
from read_annotations import read_comments
from serving import check_json as check_json_of
from serving import shown

pytest.importorskip("starlette", reason="serve needs its extra: pip install '.[serve]'")
with warnings.catch_warnings():   # starlette's note that it will move from httpx to httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from extract.cli import main  # noqa: E402
from extract.serve import jobs  # noqa: E402
from extract.serve.app import create_app  # noqa: E402
from extract.serve.jobs import Settings  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
DRAFT = CORPUS / "docx" / "fenghuang-2023-13.docx"
PDF = CORPUS / "pdf" / "fenghuang-2023-13.pdf"
LOCAL = "http://127.0.0.1:8765"


def _client(settings: Settings | None = None, loopback_only: bool = True, base_url: str = LOCAL) -> TestClient:
    return TestClient(create_app(settings or Settings(timeout=120), loopback_only), base_url=base_url)


def _upload(path: Path, name: str | None = None, annexes: tuple[tuple[str, bytes], ...] = ()):
    return [("file", (name or path.name, path.read_bytes()))] + [("annex", a) for a in annexes]


@pytest.fixture(scope="module")
def client():
    with _client() as c:
        yield c


@pytest.fixture(scope="module")
def check_json():
    """What `zhuanbao check --json` prints for each reference file."""
    return {path.suffix: check_json_of(path) for path in (DRAFT, PDF)}


@pytest.mark.parametrize("path", [DRAFT, PDF], ids=["docx", "pdf"])
def test_api_check_answers_what_check_json_prints(client, check_json, path):
    started = time.perf_counter()
    response = client.post("/api/check", files=_upload(path))
    seconds = time.perf_counter() - started
    print(f"\nPOST /api/check {path.name}: {seconds:.2f} s")
    assert response.status_code == 200, response.text
    data = response.json()
    expected = check_json[path.suffix]
    assert len(shown(data["findings"])) == len(shown(expected["findings"])) == 3
    assert data["findings"] == expected["findings"]
    assert data["indicators"] == expected["indicators"] and data["claims"] == expected["claims"]
    assert {k: v for k, v in data["bulletin"].items() if k != "sha256"} == \
        {k: v for k, v in expected["bulletin"].items() if k != "sha256"}
    downloads = data["downloads"]
    annotated = client.get(downloads["annotated"])
    assert annotated.status_code == 200
    assert annotated.content.startswith(b"%PDF-" if path.suffix == ".pdf" else b"PK")
    assert unquote(annotated.headers["content-disposition"]).endswith(f"fenghuang-2023-13-核查批注{path.suffix}")
    xlsx = client.get(downloads["xlsx"])
    assert xlsx.status_code == 200 and "findings" in zipfile.ZipFile(io.BytesIO(xlsx.content)).read(
        "xl/workbook.xml").decode()
    assert unquote(xlsx.headers["content-disposition"]).endswith("fenghuang-2023-13-核查结果.xlsx")
    assert client.get(downloads["json"]).json() == {k: v for k, v in data.items() if k != "downloads"}


def test_the_annotated_draft_holds_the_findings_as_word_comments(client, tmp_path):
    data = client.post("/api/check", files=_upload(DRAFT)).json()
    target = tmp_path / "annotated.docx"
    target.write_bytes(client.get(data["downloads"]["annotated"]).content)
    comments = read_comments(target)
    assert len(comments) == len(shown(data["findings"]))
    assert any(c.text == "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" for c in comments)


def test_the_page_shows_the_findings_as_cards(client, check_json):
    response = client.post("/check", files=_upload(DRAFT, "凤凰县专报（草稿）.docx"))
    assert response.status_code == 200 and "/r/" in str(response.url)   # after the 303
    page = lxml_html.fromstring(response.text)
    visible = shown(check_json[".docx"]["findings"])
    cards = page.cssselect("li.finding")
    assert len(cards) == len(visible) == 3
    messages = [c.cssselect("p.msg")[0].text_content().strip() for c in cards]
    assert "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" in messages
    first = cards[0]
    assert first.cssselect("blockquote.sentence") and "段" in first.cssselect("p.meta")[0].text_content()
    assert [dt.text for dt in first.cssselect("dl.numbers dt")] == ["文中", "核算", "依据"]
    facts = page.cssselect("dl.facts")[0].text_content()
    assert "凤政督函〔2023〕13号" in facts and "186 项" in facts and "对照表格" in facts
    unchecked = page.cssselect("details.unchecked li")
    assert len(unchecked) == len(check_json[".docx"]["findings"]) - len(visible)
    assert page.cssselect("title")[0].text == "核对结果 · 凤凰县专报（草稿）.docx"
    links = {a.get("id"): a.get("href") for a in page.cssselect("section.downloads a")}
    assert set(links) == {"dl-annotated", "dl-xlsx", "dl-json"}
    disposition = client.get(links["dl-annotated"]).headers["content-disposition"]
    assert disposition.startswith("attachment;") and ".docx" in disposition
    # no inline script or style: the policy would block them
    assert not page.xpath("//script[not(@src)]") and not page.xpath("//*[@style]")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_a_bulletin_with_nothing_to_check_does_not_say_no_problems(client, tmp_path):
    import docx

    draft = docx.Document()
    draft.add_paragraph("凤凰县人民政府督查室")
    draft.add_paragraph("关于近期工作情况的通报")
    draft.add_paragraph("近期各单位认真落实各项部署，工作总体平稳有序。")
    path = tmp_path / "plain.docx"
    draft.save(str(path))
    text = client.post("/check", files=_upload(path)).text
    assert "未能核查" in text and "不代表没有问题" in text and "未发现" not in text


def test_a_text_file_named_docx_is_refused_in_chinese(client):
    response = client.post("/check", files=[("file", ("草稿.docx", "这不是一份文档".encode()))])
    assert response.status_code == 415
    assert "不是可核对的文件" in response.text and "按文件内容判断" in response.text
    api = client.post("/api/check", files=[("file", ("草稿.docx", b"plain text"))])
    assert api.status_code == 415 and "不是可核对的文件" in api.json()["error"]
    assert client.get("/").status_code == 200   # the server still answers


def test_a_damaged_document_gives_its_one_line_error_on_the_page(client):
    broken = b"%PDF-1.7\n" + b"\x00garbage" * 200
    page = client.post("/check", files=[("file", ("坏文件.pdf", broken))])
    assert page.status_code == 200
    refused = lxml_html.fromstring(page.text).cssselect("p.refused")[0].text_content()
    assert refused.startswith("无法核对这个文件：") and "\n" not in refused
    api = client.post("/api/check", files=[("file", ("坏文件.pdf", broken))])
    assert api.status_code == 422 and api.json()["reason"]
    assert api.json()["error"] == f"「坏文件.pdf」无法核对：{api.json()['reason']}"
    assert client.post("/api/check", files=_upload(DRAFT)).status_code == 200


def test_a_hanging_check_times_out_and_the_server_goes_on(monkeypatch):
    with _client(Settings(timeout=1)) as c:
        monkeypatch.setattr(jobs, "check_upload", _sleep)   # the worker receives it by name: module level
        response = c.post("/api/check", files=_upload(DRAFT))
        assert response.status_code == 422 and "timed out" in response.json()["reason"]
        assert c.get("/").status_code == 200


def _sleep(*args, **kwargs):
    time.sleep(60)


def test_files_over_the_limits_are_refused():
    small = Settings(max_upload_bytes=10_000, max_request_bytes=2_000_000)
    with _client(small) as c:
        response = c.post("/check", files=_upload(DRAFT))
        assert response.status_code == 413 and "超过单个文件" in response.text
        assert c.get("/").status_code == 200
    with _client(Settings(max_upload_bytes=10_000_000, max_request_bytes=10_000)) as c:
        response = c.post("/api/check", files=_upload(DRAFT))
        assert response.status_code == 413 and "上传总量超过" in response.json()["error"]


def test_names_are_never_paths(client):
    store = client.app.state.store
    for name in ("../../evil.docx", "..\\..\\evil.docx", "/tmp/evil.docx", "evil\x00.docx"):
        data = client.post("/api/check", files=_upload(DRAFT, name)).json()
        label = data["bulletin"]["file"]
        assert label.startswith("evil") and label.endswith(".docx") and "/" not in label and ".." not in label
    # nothing written beside the private folder, nor where the names point
    assert not [p for p in store.root.parent.iterdir() if "evil" in p.name]
    assert not Path("/tmp/evil.docx").exists() and not (store.root / "evil.docx").exists()
    for job in store.jobs.values():
        assert job.folder.parent == store.root
        assert {p.name for p in job.folder.iterdir()} <= {"draft.docx", "draft.pdf", "draft.doc", "annotated.docx",
                                                           "annotated.pdf", "tables"}
    page = client.post("/check", files=_upload(DRAFT, "<img src=x onerror=alert(1)>.docx")).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.docx" in page


def test_results_expire_and_go_with_the_server():
    with _client() as c:
        store = c.app.state.store
        url = c.post("/api/check", files=_upload(DRAFT)).json()["downloads"]["page"]
        job = next(iter(store.jobs.values()))
        assert c.get(url).status_code == 200 and job.folder.is_dir()
        store.purge(now=time.monotonic() + store.ttl)
        assert not job.folder.exists()
        assert c.get(url).status_code == 404 and "这份核对结果已过期或不存在，请重新上传。" in c.get(url).text
        gone = c.get(url + "/json")
        assert gone.status_code == 404 and gone.text == "已过期或不存在"
        url = c.post("/api/check", files=_upload(DRAFT)).json()["downloads"]["page"]
        other = c.get(url + "/other")
        assert other.status_code == 404 and other.text == "没有这个文件"
    assert not store.root.exists()


def test_uploads_at_once_queue_for_one_worker(monkeypatch):
    running, most = [0], [0]
    lock = threading.Lock()
    real = jobs.run_single

    def counted(*args, **kwargs):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(jobs, "run_single", counted)
    with _client(Settings(jobs=1)) as c:
        codes: list[int] = []
        threads = [threading.Thread(target=lambda: codes.append(
            c.post("/api/check", files=_upload(DRAFT)).status_code)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert codes == [200, 200, 200] and most[0] == 1


def test_annex_spreadsheets_are_decided_by_content(client, tmp_path):
    response = client.post("/api/check", files=_upload(DRAFT, annexes=(("附件1.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00"),)))
    assert response.status_code == 415
    assert response.json()["error"] == "附件「附件1.xlsx」不是表格：按文件内容判断，它不是 .xlsx / .xls / .et / .ods / .csv。"


def test_an_annex_keeps_the_number_its_name_gives(client):
    store = client.app.state.store
    before = set(store.jobs)
    annexes = (("草稿附件3.xlsx", "指标,进展\n甲,已完成\n".encode()), ("表.csv", "指标,进展\n乙,滞后\n".encode()))
    assert client.post("/api/check", files=_upload(DRAFT, annexes=annexes)).status_code == 200
    (job,) = [store.jobs[k] for k in set(store.jobs) - before]
    saved = {p.name for p in job.folder.iterdir()}
    assert {"附件3-1.csv", "sheet-2.csv"} <= saved   # the reader takes 附件N from the name


def test_refusals_are_worded_as_rules_review_yaml_says(client):
    """What the page says when it refuses an upload, word for word (rules/review.yaml `web`)."""
    chunked = client.post("/api/check", content=iter([b"x"]), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert chunked.status_code == 411 and chunked.json()["error"] == "请求缺少 Content-Length，无法判断上传大小。"
    fields = client.post("/api/check", files=_upload(DRAFT), data={f"f{i}": "1" for i in range(9)})
    error = fields.json()["error"]
    assert fields.status_code == 400 and error.startswith("上传的表单无法读取（") and error.endswith("）。")
    nothing = client.post("/api/check", files=[("other", ("a.txt", b"a"))])
    assert nothing.status_code == 400 and nothing.json()["error"] == "请选择要核对的草稿（.docx / .doc / .wps）或 PDF 文件。"
    empty = client.post("/api/check", files=[("file", ("草稿.docx", b""))])
    assert empty.status_code == 400 and empty.json()["error"] == "「草稿.docx」是空文件。"
    unnamed = client.post("/api/check", files=[("file", ("/", b""))])
    assert unnamed.status_code == 400 and unnamed.json()["error"] == "「未命名」是空文件。"
    text = client.post("/api/check", files=[("file", ("草稿.docx", b"plain text"))])
    assert text.json()["error"] == ("「草稿.docx」不是可核对的文件：按文件内容判断，它既不是 PDF，也不是 Word 草稿"
                                    "（.docx，或 .doc / .wps）。请上传专报的 PDF 或草稿。")
    with _client(Settings(max_upload_bytes=10_000, max_request_bytes=2_000_000)) as c:
        big = c.post("/api/check", files=_upload(DRAFT, "草稿.docx")).json()["error"]
        assert big == "「草稿.docx」超过单个文件 0.00953674 MB 的上传限制。"
    with _client(Settings(max_request_bytes=10 * 2**20 - 1)) as c:
        assert c.post("/api/check", files=_upload(DRAFT, annexes=(("a.csv", b"a" * 10 * 2**20),))).json()["error"] == \
            "上传总量超过 10 MB 的限制。"


def test_the_token_guards_every_request():
    token = "t" * 24
    with _client(Settings(token=token), loopback_only=False, base_url="http://192.0.2.7:8765") as c:
        assert c.get("/").status_code == 401 and c.get("/").text == \
            "需要访问令牌：请使用启动服务时给出的带 token 的地址，或在请求头中加 Authorization: Bearer <token>。"
        assert c.get("/static/serve.js").status_code == 401
        assert c.post("/api/check", files=_upload(DRAFT)).status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        link = c.get(f"/?token={token}", follow_redirects=False)   # the printed link sets a cookie
        assert link.status_code == 303 and "token" not in link.headers["location"]
        assert c.get("/").status_code == 200
    with pytest.raises(ValueError, match="token"):
        create_app(Settings(), loopback_only=False)
    with pytest.raises(ValueError, match="16"):
        create_app(Settings(token="short"))
    assert main(["serve", "--host", "0.0.0.0", "--token", "short"]) == 2


def test_other_hosts_and_other_origins_are_refused(client):
    with _client(base_url="http://rebound.example:8765") as c:
        assert c.get("/").status_code == 421 and c.get("/").text == "Host 不是本机地址，请求被拒绝。"
    response = client.post("/api/check", files=_upload(DRAFT), headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and response.text == "跨站请求被拒绝。"
    response = client.post("/api/check", files=_upload(DRAFT), headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert client.post("/api/check", files=_upload(DRAFT), headers={"Origin": LOCAL}).status_code == 200
