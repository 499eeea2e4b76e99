"""The web application of `zhuanbao serve`: a page to check a draft, and the same as a JSON API.

Safety, as the README's "zhuanbao serve" section says: loopback only unless a token guards every
request; the type of an upload decided by its bytes, its name never used as a path; size limits
per file and per request; each check in a worker process under the timeout and memory limit (one
at a time by default: more uploads wait their turn); every document text escaped by Jinja2; a
Content-Security-Policy with scripts and styles only from this server; POSTs from this origin only.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import re
import secrets
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
from jinja2 import PackageLoader
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, DispatchFunction, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from extract.outputs.export import finding_from_row
from extract.outputs.html import SPARK_H, SPARK_W, bulletin_view, template_env
from extract.pipeline import load_settings, printable_path
from extract.readers.sheet import annex_number
from extract.serve.archive import ArchiveRefused, is_archive, mb, unpack
from extract.serve.batches import DATASET, DONE, REPORT, Batch, Runner
from extract.serve.jobs import Job, Settings, Store, run_check
from extract.serve.sniff import document_suffix, sheet_suffix
from extract.settings.rules import Rules

COOKIE = "zhuanbao_token"
MIN_TOKEN = 16
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# the files the pages load, all from the package (no CDN: the office network may have no internet)
STATIC = {"report.css": ("extract.outputs", "templates/report.css", "text/css"),
          "report.js": ("extract.outputs", "templates/report.js", "text/javascript"),
          "serve.css": ("extract.serve", "templates/serve.css", "text/css"),
          "serve.js": ("extract.serve", "templates/serve.js", "text/javascript")}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|;\s]+')
CHUNK = 1 << 20


class Refused(Exception):
    """An upload or request refused, with the HTTP status and the Chinese sentence shown for it."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def label(filename: str | None, words: Mapping[str, Any]) -> str:
    """The name a browser sent, as a label: its last component, printable, at most 120 characters."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    return printable_path(name)[:120] or words["unnamed"]


def download_name(name: str, tail: str) -> str:
    stem = _UNSAFE_NAME.sub("_", name.rsplit(".", 1)[0] if "." in name else name).strip("._") or "draft"
    return f"{stem}{tail}"


# --------------------------------------------------------------------------- uploads

def _rules(request: Request) -> Rules:
    """The rules the server loaded."""
    rules: Rules = request.app.state.rules
    return rules


def _words(request: Request) -> Mapping[str, Any]:
    """What the page says (rules/review.yaml `web`), from the rules the server loaded."""
    return _rules(request).review.web


async def _save(upload: UploadFile, target: Path, settings: Settings, words: Mapping[str, Any]) -> None:
    """Copy one uploaded file into the upload's folder under a name chosen here, within the limit."""
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > settings.max_upload_bytes:
                raise Refused(413, words["file_too_large"].format(name=label(upload.filename, words),
                                                                  limit=mb(settings.max_upload_bytes)))
            out.write(chunk)
    if size == 0:
        raise Refused(400, words["empty_file"].format(name=label(upload.filename, words)))


def _within_request_limit(request: Request, settings: Settings) -> None:
    """The request's size from Content-Length, before anything is read."""
    words = _words(request)
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise Refused(411, words["no_length"])
    if int(length) > settings.max_request_bytes:
        raise Refused(413, words["request_too_large"].format(limit=mb(settings.max_request_bytes)))


async def _receive(request: Request, store: Store, settings: Settings) -> tuple[Job, Path, tuple[str, ...]]:
    """The upload's job, its saved draft and annexes; `Refused` for anything that cannot be checked."""
    words = _words(request)
    _within_request_limit(request, settings)
    try:
        form = await request.form(max_files=settings.max_annexes + 1, max_fields=8)
    except HTTPException as exc:
        raise Refused(400, words["bad_form"].format(reason=exc.detail)) from None
    document = form.get("file")
    if not isinstance(document, UploadFile) or not document.filename:
        raise Refused(400, words["no_draft"])
    annexes = [a for a in form.getlist("annex") if isinstance(a, UploadFile) and a.filename]
    if len(annexes) > settings.max_annexes:
        raise Refused(400, words["too_many_annexes"].format(max=settings.max_annexes))
    job = store.new(label(document.filename, words))
    try:
        raw = job.folder / "upload"
        await _save(document, raw, settings, words)
        suffix = document_suffix(raw)
        if suffix is None:
            raise Refused(415, words["not_checkable"].format(name=job.name, not_a_bulletin=words["not_a_bulletin"]))
        draft = raw.rename(job.folder / f"draft{suffix}")
        sheets = []
        for i, annex in enumerate(annexes, 1):
            raw = job.folder / f"annex-{i}"
            await _save(annex, raw, settings, words)
            kind = sheet_suffix(raw)
            if kind is None:
                raise Refused(415, words["not_a_sheet"].format(name=label(annex.filename, words)))
            # the N of 附件N in the name, as text only
            number = annex_number(Path(label(annex.filename, words)), _rules(request).document.marks)
            # the annex keeps its number (附件2) where its name gives one, else it follows the draft's own
            stem = words["annex_file"].format(number=number, index=i) if number else f"sheet-{i}"
            sheets.append(str(raw.rename(job.folder / f"{stem}{kind}")))
        return job, draft, tuple(sheets)
    except BaseException:
        store.drop(job)
        raise
    finally:
        await form.close()


def _unique(name: str, seen: set[str]) -> str:
    """`name`, or 名称（2）.pdf when the batch has one of that name already: the name is the row's key."""
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    shown, n = name, 1
    while shown in seen:
        n += 1
        shown = f"{stem}（{n}）{dot}{ext}"
    seen.add(shown)
    return shown


async def _receive_batch(request: Request, store: Store, settings: Settings) -> Job:
    """A batch's job: its files saved (archives unpacked) under names chosen here, each decided by its
    bytes; a file that is no bulletin is listed with its reason and the rest go on. `Refused` for a
    request over a limit or an archive that cannot be unpacked safely."""
    words = _words(request)
    _within_request_limit(request, settings)
    try:
        form = await request.form(max_files=settings.max_batch_files, max_fields=8)
    except HTTPException as exc:
        raise Refused(400, words["bad_form"].format(reason=exc.detail)) from None
    try:
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
        if not uploads:
            raise Refused(400, words["no_batch_files"])
        job = store.new(words["batch_name"].format(count=len(uploads)))
        try:
            batch = Batch([], [])
            inbox = job.folder / "in"
            inbox.mkdir(mode=0o700)
            seen: set[str] = set()
            budget = settings.max_unpacked_bytes

            def add(name: str, path: Path | None, reason: str = "") -> None:
                name = _unique(name, seen)
                if path is not None and not reason:
                    suffix = document_suffix(path)
                    reason = words["archive"]["nested"] if suffix is None and is_archive(path) else \
                        words["not_a_bulletin"] if suffix is None else ""
                    if not reason:
                        batch.inputs.append(path.rename(path.with_name(path.name + (suffix or ""))))
                        batch.names.append(name)
                        return
                    path.unlink()
                batch.refused.append((name, reason))

            for i, upload in enumerate(uploads, 1):
                name, raw = label(upload.filename, words), inbox / f"u{i:04d}"
                try:
                    await _save(upload, raw, settings, words)
                except Refused as exc:
                    if exc.status != 400:   # over the size limit: the request is refused
                        raise
                    add(name, None, words["empty"])
                    continue
                if not is_archive(raw):
                    add(name, raw)
                    continue
                folder = inbox / f"u{i:04d}.d"
                folder.mkdir(mode=0o700)
                try:
                    members = unpack(raw, name, folder, 4 * settings.max_batch_files, budget, settings.max_upload_bytes,
                                     words)
                except ArchiveRefused as exc:
                    raise Refused(422, str(exc)) from None
                budget -= sum(m.path.stat().st_size for m in members if m.path is not None)
                raw.unlink()
                for member in members:
                    add(member.name, member.path, member.reason)
            if len(batch.inputs) > settings.max_batch_files:
                raise Refused(413, words["too_many_bulletins"].format(max=settings.max_batch_files,
                                                                      count=len(batch.inputs)))
        except BaseException:
            store.drop(job)
            raise
    finally:
        await form.close()
    job.batch = batch
    request.app.state.runner.submit(job)
    return job


def _batch_urls(request: Request, job: Job) -> dict[str, Any]:
    done = job.batch is not None and job.batch.state == DONE
    return {"page": str(request.url_for("batch_page", job_id=job.id)),
            "status": str(request.url_for("api_batch_status", job_id=job.id)),
            "downloads": {"dataset": str(request.url_for("batch_file", job_id=job.id, what=DATASET)),
                          "report": str(request.url_for("batch_file", job_id=job.id, what=REPORT))} if done else None}


async def _check(request: Request) -> Job:
    state = request.app.state
    job, draft, annexes = await _receive(request, state.store, state.settings)
    # at most `settings.jobs` checks at once, each in its worker process; the others wait here
    await anyio.to_thread.run_sync(run_check, job, draft, annexes, state.settings, state.rules, limiter=state.limiter)
    return job


def _downloads(request: Request, job: Job) -> dict[str, str | None]:
    return {"annotated": str(request.url_for("download", job_id=job.id, what="annotated")) if job.annotated() else None,
            "xlsx": str(request.url_for("download", job_id=job.id, what="xlsx")) if job.xlsx() else None,
            "json": str(request.url_for("download", job_id=job.id, what="json")),
            "page": str(request.url_for("result", job_id=job.id))}


# --------------------------------------------------------------------------- pages

def _page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    state = request.app.state
    html = state.env.get_template(template).render(
        status_names=_rules(request).review.status_names, max_upload=mb(state.settings.max_upload_bytes),
        max_request=mb(state.settings.max_request_bytes), **values)
    return HTMLResponse(html, status_code=status)


async def index(request: Request) -> Response:
    return _page(request, "index.html.j2", error="")


async def check_form(request: Request) -> Response:
    try:
        job = await _check(request)
    except Refused as exc:
        return _page(request, "index.html.j2", status=exc.status, error=exc.message)
    return RedirectResponse(request.url_for("result", job_id=job.id), status_code=303)


async def result(request: Request) -> Response:
    job = request.app.state.store.get(request.path_params["job_id"])
    if job is None or job.data is None:
        return _page(request, "index.html.j2", status=404, error=_words(request)["result_gone"])
    data = job.data
    rules = _rules(request)
    view = None
    if not job.error:
        view = bulletin_view(1, data["bulletin"], data["indicators"],
                             [finding_from_row(row) for row in data["findings"]], data["claims"], rules)
    return _page(request, "result.html.j2", job=job, v=view, bulletin=data["bulletin"],
                 downloads=_downloads(request, job))


async def download(request: Request) -> Response:
    words = _words(request)
    job = request.app.state.store.get(request.path_params["job_id"])
    what = request.path_params["what"]
    if job is None or job.data is None:
        raise HTTPException(404, words["download_gone"])
    if what == "json":
        name = quote(download_name(job.name, ".json"))
        return JSONResponse(job.data, headers={"Content-Disposition": f"attachment; filename*=utf-8''{name}"})
    path = job.annotated() if what == "annotated" else job.xlsx() if what == "xlsx" else None
    if path is None:
        raise HTTPException(404, words["no_such_file"])
    tail = words["annotated_tail"].format(suffix=path.suffix) if what == "annotated" else words["xlsx_tail"]
    return FileResponse(path, filename=download_name(job.name, tail))


async def api_check(request: Request) -> Response:
    try:
        job = await _check(request)
    except Refused as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    if job.error:
        return JSONResponse({"error": _words(request)["cannot_check"].format(name=job.name, reason=job.error),
                             "reason": job.error}, status_code=422)
    assert job.data is not None
    return JSONResponse({**job.data, "downloads": _downloads(request, job)})


def _batch_of(request: Request) -> tuple[Job, Batch] | None:
    job = request.app.state.store.get(request.path_params["job_id"])
    if job is None or job.batch is None:
        return None
    return job, job.batch


async def batch_index(request: Request) -> Response:
    return _page(request, "batch.html.j2", error="")


async def batch_form(request: Request) -> Response:
    try:
        job = await _receive_batch(request, request.app.state.store, request.app.state.settings)
    except Refused as exc:
        return _page(request, "batch.html.j2", status=exc.status, error=exc.message)
    return RedirectResponse(request.url_for("batch_page", job_id=job.id), status_code=303)


async def batch_page(request: Request) -> Response:
    found = _batch_of(request)
    if found is None:
        return _page(request, "batch.html.j2", status=404, error=_words(request)["batch_gone"])
    job, batch = found
    return _page(request, "batch_result.html.j2", job=job, p=batch.progress(), urls=_batch_urls(request, job),
                 series=batch.series, links=batch.links, laggards=batch.laggards, spark=(SPARK_W, SPARK_H))


async def batch_file(request: Request) -> Response:
    words = _words(request)
    found = _batch_of(request)
    what = request.path_params["what"]
    if found is None or found[1].state != DONE or what not in (DATASET, REPORT):
        raise HTTPException(404, words["download_gone"])
    # the report is a page of its own with inline script and style: downloaded, opened from the disk
    name = words["dataset_name"] if what == DATASET else words["report_name"]
    return FileResponse(found[0].folder / what, filename=name)


async def api_batch(request: Request) -> Response:
    try:
        job = await _receive_batch(request, request.app.state.store, request.app.state.settings)
    except Refused as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    return JSONResponse({"id": job.id, **_batch_urls(request, job)}, status_code=202)


async def api_batch_status(request: Request) -> Response:
    found = _batch_of(request)
    if found is None:
        return JSONResponse({"error": _words(request)["batch_status_gone"]}, status_code=404)
    job, batch = found
    return JSONResponse({"id": job.id, **batch.progress(), **_batch_urls(request, job)})


async def no_icon(request: Request) -> Response:
    return Response(status_code=204)


async def static(request: Request) -> Response:
    entry = STATIC.get(request.path_params["name"])
    if entry is None:
        raise HTTPException(404)
    package, path, media = entry
    return Response(resources.files(package).joinpath(path).read_bytes(), media_type=media,
                    headers={"Cache-Control": "no-cache"})


# --------------------------------------------------------------------------- guard

def _same_origin(request: Request) -> bool:
    """A browser says where a request comes from (Sec-Fetch-Site, else Origin); a client that says
    neither (curl, a script) is no page of another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _guard(settings: Settings, loopback_only: bool, words: Mapping[str, Any]) -> DispatchFunction:
    async def guard(request: Request, call_next: RequestResponseEndpoint) -> Response:
        host = (request.url.hostname or "").strip("[]")
        if loopback_only and not is_loopback(host):
            # a page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is not this one
            return PlainTextResponse(words["not_local"], status_code=421)
        if settings.token:
            given = request.query_params.get("token")
            if given is not None and request.method == "GET" and hmac.compare_digest(given, settings.token):
                # the link with ?token= sets a cookie and is replaced by the address without it
                response: Response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
                response.set_cookie(COOKIE, settings.token, httponly=True, samesite="strict")
                return _secured(response)
            auth = request.headers.get("authorization", "")
            presented = auth[7:] if auth.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
            if not hmac.compare_digest(presented.encode(), settings.token.encode()):
                return _secured(PlainTextResponse(words["token_needed"], status_code=401))
        if request.method not in ("GET", "HEAD") and not _same_origin(request):
            return _secured(PlainTextResponse(words["cross_site"], status_code=403))
        return _secured(await call_next(request))

    return guard


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # not no-referrer: a browser then sends "Origin: null" with its own form posts
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


# --------------------------------------------------------------------------- the application

def create_app(settings: Settings | None = None, loopback_only: bool = True) -> Starlette:
    """The application. `loopback_only`: refuse requests whose Host is not this machine (the
    default bind); a server reachable from other machines must have `settings.token`."""
    settings = settings or Settings()
    if not loopback_only and not settings.token:
        raise ValueError("a server reachable from other machines needs a token")
    if settings.token is not None and len(settings.token) < MIN_TOKEN:
        raise ValueError(f"a token needs at least {MIN_TOKEN} characters")
    rules = load_settings(settings.rules_dir)   # bad rules fail here, before the server starts
    store = Store(settings.ttl)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.limiter = anyio.CapacityLimiter(max(1, settings.jobs))
        app.state.runner = Runner(settings, rules)   # the batches, one after another

        async def expire() -> None:
            while True:
                await asyncio.sleep(min(60.0, max(settings.ttl / 2, 1.0)))
                store.purge()

        task = asyncio.create_task(expire())
        try:
            yield
        finally:
            task.cancel()
            await anyio.to_thread.run_sync(app.state.runner.close)   # a batch running is stopped
            store.close()   # every upload and result goes with the server

    app = Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/check", check_form, methods=["POST"]),
        Route("/r/{job_id}", result, methods=["GET"], name="result"),
        Route("/r/{job_id}/{what}", download, methods=["GET"], name="download"),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/batch", batch_index, methods=["GET"]),
        Route("/batch", batch_form, methods=["POST"]),
        Route("/b/{job_id}", batch_page, methods=["GET"], name="batch_page"),
        Route("/b/{job_id}/{what}", batch_file, methods=["GET"], name="batch_file"),
        Route("/api/batch", api_batch, methods=["POST"]),
        Route("/api/batch/{job_id}", api_batch_status, methods=["GET"], name="api_batch_status"),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
    ], middleware=[Middleware(BaseHTTPMiddleware, dispatch=_guard(settings, loopback_only, rules.review.web))],
        lifespan=lifespan)
    app.state.settings, app.state.rules, app.state.store = settings, rules, store
    app.state.env = template_env(PackageLoader("extract.serve", "templates"))
    return app


def new_token() -> str:
    return secrets.token_urlsafe(24)
