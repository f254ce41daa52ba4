"""Screening an uploaded file: the form, the job's progress (polled by htmx), the results table
with its filters, and the download of the result file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from entitylist.errors import Busy, InvalidInput
from entitylist.services.jobs import ScreeningJob, ScreeningJobs, megabytes
from entitylist.web.documents import scan_page
from entitylist.web.pages import services
from entitylist.web.results import SHOWN_ROWS, read_results
from entitylist.web.templating import render, render_error

router = APIRouter(include_in_schema=False)

UNKNOWN_JOB = "this upload is not known here: uploads are kept for an hour, and not across restarts of the server"
SUFFIXES = {".csv": "CSV", ".tsv": "TSV", ".xlsx": "Excel", ".jsonl": "JSON lines"}  # the kinds the form offers
ENCODINGS = {  # of CSV and TSV uploads; the bytes must be text in the one chosen
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252 (Western Europe)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "gb18030": "GB 18030 (Chinese)",
    "shift_jis": "Shift JIS (Japanese)",
}


def jobs(request: Request) -> ScreeningJobs:
    """The application's screening jobs, shared with the API's ``/api/screen/jobs``."""
    found: ScreeningJobs = request.app.state.upload_jobs
    return found


def _in_the_forms_words(message: str | None) -> str:
    """A screening error with the form's words for what the command line calls an option."""
    return (message or "").replace("e.g. --encoding cp1252", "e.g. Windows-1252, in the form")


def _form(request: Request, status_code: int = 200, message: str | None = None, **values: str) -> Response:
    fields: dict[str, Any] = {"column": "name", "country_column": "", "encoding": "utf-8", **values}
    return render(
        request, "upload.html", status_code=status_code, nav="upload", title="Screen a file", message=message,
        suffixes=SUFFIXES, encodings=ENCODINGS, max_size=megabytes(services(request).settings.max_upload_bytes), **fields,
    )


@router.get("/upload")
def upload_form(request: Request) -> Response:
    return _form(request)


@router.post("/upload")
def upload(
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    column: Annotated[str, Form()] = "name",
    country_column: Annotated[str, Form()] = "",
    encoding: Annotated[str, Form()] = "utf-8",
) -> Response:
    """Save the file, start its job and send the browser to the job's page."""
    max_bytes = services(request).settings.max_upload_bytes
    values = {"column": column, "country_column": country_column, "encoding": encoding}
    if file is None or not file.filename:
        return _form(request, 400, "choose a file to screen", **values)
    suffix = Path(file.filename).suffix.lower()
    if suffix not in SUFFIXES:
        kinds = ", ".join(SUFFIXES)
        return _form(request, 400, f"{file.filename}: unknown file type {suffix or '(none)'!r} (use {kinds})", **values)
    if encoding not in ENCODINGS:
        return _form(request, 400, f"unknown encoding {encoding!r} (use {', '.join(ENCODINGS)})", **values)
    try:
        job = jobs(request).submit(
            services(request), file.file, file.filename, column=column, country_column=country_column,
            encoding=encoding, max_bytes=max_bytes,
        )
    except InvalidInput as error:
        return _form(request, 400, str(error), **values)
    except Busy as error:
        return _form(request, 503, str(error), **values)
    return RedirectResponse(request.url_for("upload_job", job_id=job.id), status_code=303)


def _job(request: Request, job_id: str) -> ScreeningJob | None:
    return jobs(request).get(job_id)


@router.get("/upload/{job_id}", name="upload_job")
def upload_job(request: Request, job_id: str) -> Response:
    job = _job(request, job_id)
    if job is None:
        return render_error(request, 404, UNKNOWN_JOB)
    return render(request, "upload_job.html", nav="upload", title=f"Screening {job.filename}", job=job, **_results(request, job))


@router.get("/upload/{job_id}/status")
def upload_status(request: Request, job_id: str) -> Response:
    """The progress fragment; once the job is done it carries the results table."""
    job = _job(request, job_id)
    if job is None:
        return render_error(request, 404, UNKNOWN_JOB)
    return render(request, "_upload_status.html", job=job, **_results(request, job))


@router.get("/upload/{job_id}/results")
def upload_results(
    request: Request, job_id: str, matched: str = "", min_score: str = "", page: str = "1"
) -> Response:
    """The results table, filtered: matched rows only, a minimum score (0 to 100 %)."""
    job = _job(request, job_id)
    if job is None or job.state != "done":
        return render_error(request, 404, UNKNOWN_JOB if job is None else "this upload has no results yet")
    try:
        score = _percent(min_score)
        number = _page(page)
    except InvalidInput as error:
        return render_error(request, 400, str(error))
    return render(request, "_upload_results.html", job=job, **_results(request, job, bool(matched), score, number))


def _page(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise InvalidInput(f"page {text!r}: give a page number from 1")
    return int(text)


def _percent(text: str) -> float:
    if not text.strip():
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"minimum score {text!r}: give a number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise InvalidInput(f"minimum score {text!r}: give a number from 0 to 100")
    return value / 100


def _results(
    request: Request, job: ScreeningJob, matched_only: bool = False, min_score: float = 0.0, page: int = 1
) -> dict[str, Any]:
    """The results table's context: a page of rows and the links to its neighbours, and the job's
    state as it was read once (the job runs on in its thread while the page is rendered)."""
    state = job.state
    if state != "done":
        return {"results": None, "state": state, "error": _in_the_forms_words(job.error)}
    results = read_results(
        job.output, column=job.column, country_column=job.country_column, matched_only=matched_only,
        min_score=min_score, offset=(page - 1) * SHOWN_ROWS,
    )
    pages = max(1, -(-results.matching // SHOWN_ROWS))
    percent = round(min_score * 100)

    def link(number: int) -> str | None:
        if not 1 <= number <= pages or number == page:
            return None
        query = urlencode({"matched": "1" if matched_only else "", "min_score": percent or "", "page": number})
        return f"{request.url_for('upload_results', job_id=job.id)}?{query}"

    return {
        "state": state, "results": results, "matched_only": matched_only, "min_score": percent, "page": page, "pages": pages,
        "previous_page": link(page - 1), "next_page": link(page + 1),
    }


@router.get("/upload/{job_id}/download")
def upload_download(request: Request, job_id: str) -> Response:
    """The result file: every input row with its match columns, as the format uploaded."""
    job = _job(request, job_id)
    if job is None or job.state != "done" or not job.output.exists():
        return render_error(request, 404, UNKNOWN_JOB if job is None else "this upload has no result file")
    return FileResponse(job.output, filename=job.download_name)


UPLOAD_FORMS: dict[str, Callable[[Request, str], Response]] = {
    "/upload": lambda request, message: _form(request, 413, message),
    "/scan": lambda request, message: scan_page(request, 413, message=message),
}


class UploadSizeGuard:
    """Refuses an upload whose declared size is over the limit before its body is read, with the
    form and a message (a browser always declares the size of a form it posts). It sits outside
    every other middleware, so a limit the API enforces on every body answers a person with this
    page rather than with JSON. A body sent without a size is counted as it is copied (``submit``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        form = UPLOAD_FORMS.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if form is not None:
            request = Request(scope, receive)
            limit = services(request).settings.max_upload_bytes
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                response = form(request, f"the upload is larger than {megabytes(limit)}")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
