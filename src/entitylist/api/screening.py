"""Screening over HTTP: ``POST /api/screen`` (one name or many), ``POST /api/screen/file`` (a file,
answered with the result file), and the same file screened as a job: ``POST /api/screen/jobs``
(or ``/api/screen/file?async=true``, or ``Prefer: respond-async``) answers 202 at once with the
job's id and ``Location``; ``GET /api/screen/jobs/{id}`` tells its progress, ``.../events``
streams it (Server-Sent Events), ``.../result`` gives the result file once done, ``DELETE``
drops it. Jobs are the application's (:mod:`entitylist.services.jobs`), shared with the web UI.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, model_validator
from starlette.background import BackgroundTask

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, Problem
from entitylist.api.security import ReadKey
from entitylist.api.uploads import safe_name, saved_upload
from entitylist.dates import parse_date
from entitylist.errors import InvalidInput, NotFound
from entitylist.services import Services
from entitylist.services.jobs import JobOut, ScreeningJob, ScreeningJobs
from entitylist.services.models import ScreenQuery, ScreenResult

router = APIRouter(tags=["screening"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)

MAX_NAMES = 100
OUTPUT_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values", "jsonl": "application/x-ndjson",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class NameQuery(BaseModel):
    name: str = Field(min_length=1, max_length=2000)
    country: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=2000)
    as_of: str | None = Field(default=None, description="YYYY-MM-DD or today (default)")
    type: str | None = Field(default=None, description="person, organization or vessel, when known")
    birth_date: str | None = Field(default=None, description="YYYY or YYYY-MM-DD")
    nationality: str | None = None
    identifiers: list[str] = Field(default_factory=list, max_length=20)


class ScreenRequest(BaseModel):
    """One name (``name``, with the other fields of a query) or many (``queries``)."""

    name: str | None = Field(default=None, max_length=2000)
    country: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=2000)
    as_of: str | None = Field(default=None, description="YYYY-MM-DD or today (default)")
    queries: list[NameQuery] = Field(default_factory=list, max_length=MAX_NAMES)
    threshold: float | None = Field(default=None, ge=0, le=1, description="Default: the matcher's match threshold")
    limit: int = Field(default=10, ge=1, le=100)

    @model_validator(mode="after")
    def _one_or_many(self) -> ScreenRequest:
        if (self.name is None) == (not self.queries):
            raise ValueError("give either name or queries (1 to 100 of them)")
        return self


class ScreenResponse(BaseModel):
    results: list[ScreenResult]


def _kind_of(source: FilePath) -> str:
    """The output kind of an input file: its own (an unknown one is refused when it is read)."""
    suffix = source.suffix.lstrip(".").lower()
    return {"tab": "tsv", "ndjson": "jsonl"}.get(suffix, suffix if suffix in OUTPUT_TYPES else "csv")


def _query(q: NameQuery | ScreenRequest, default_as_of: str | None) -> ScreenQuery:
    as_of = parse_date(q.as_of or default_as_of or "today")
    if isinstance(q, ScreenRequest):
        return ScreenQuery(name=q.name or "", country=q.country, address=q.address, as_of=as_of)
    return ScreenQuery(
        name=q.name, country=q.country, address=q.address, as_of=as_of, type=q.type, birth_date=q.birth_date,
        nationality=q.nationality, identifiers=q.identifiers,
    )


@router.post("/api/screen", response_model=ScreenResponse, summary="Screen one name or up to 100")
def screen(services: ServicesDep, body: ScreenRequest) -> ScreenResponse:
    """Listed parties each name may be, best first, each with its score and explanation."""
    queries = [_query(body, None)] if body.name is not None else [_query(q, body.as_of) for q in body.queries]
    results = services.screening.screen_many(queries, threshold=body.threshold, limit=body.limit)
    return ScreenResponse(results=results)


@dataclass
class FileForm:
    """The upload and how to screen it: the form of ``/api/screen/file`` and ``/api/screen/jobs``."""

    file: UploadFile
    column: str
    country_column: str | None
    address_column: str | None
    as_of: str
    threshold: float | None
    all_matches: bool
    encoding: str
    output: str


def file_form(
    file: Annotated[UploadFile, File(description="CSV, TSV, Excel (.xlsx) or JSON lines")],
    column: Annotated[str, Form(max_length=200)] = "name",
    country_column: Annotated[str | None, Form(max_length=200)] = None,
    address_column: Annotated[str | None, Form(max_length=200)] = None,
    as_of: Annotated[str, Form(max_length=20)] = "today",
    threshold: Annotated[float | None, Form(ge=0, le=1)] = None,
    all_matches: Annotated[bool, Form()] = False,
    encoding: Annotated[str, Form(max_length=40)] = "utf-8",
    output: Annotated[str, Form(description="csv, tsv, xlsx or jsonl (default: the input's kind)", max_length=10)] = "",
) -> FileForm:
    return FileForm(file, column, country_column, address_column, as_of, threshold, all_matches, encoding, output)


FileFormDep = Annotated[FileForm, Depends(file_form)]
JobId = Annotated[str, Path(max_length=64, description="The id POST /api/screen/jobs answered with")]
RESULT_FILE = {"content": {t: {} for t in OUTPUT_TYPES.values()}, "description": "The screened file"}
EVENT_INTERVAL = 0.25  # seconds between looks at a job's progress
KEEP_ALIVE = 15.0  # seconds of silence after which an event stream sends a comment


class JobLinks(BaseModel):
    self: str = Field(description="This job's status")
    result: str = Field(description="The result file, once the job is done")
    events: str = Field(description="The job's progress as Server-Sent Events")


class JobStatus(JobOut):
    """A screening job: state, progress (done of total, percent), errors, and once done its report."""

    links: JobLinks


def _jobs(request: Request) -> ScreeningJobs:
    jobs: ScreeningJobs = request.app.state.upload_jobs
    return jobs


def _status(request: Request, job: ScreeningJob) -> JobStatus:
    path = request.app.url_path_for
    links = JobLinks(
        self=path("screen_job", job_id=job.id), result=path("screen_job_result", job_id=job.id),
        events=path("screen_job_events", job_id=job.id),
    )
    return JobStatus(**JobOut.of(job).model_dump(), links=links)


def _known(request: Request, job_id: str) -> ScreeningJob:
    job = _jobs(request).get(job_id)
    if job is None:
        raise NotFound(f"no screening job {job_id!r}: finished jobs are kept for an hour, and not across restarts")
    return job


def _start(request: Request, services: Services, form: FileForm) -> JSONResponse:
    """Queue the upload as a job: 202, its status and ``Location``; refused at once (400) when
    the file or a column named cannot be screened, and then nothing of it is kept."""
    date = parse_date(form.as_of)
    job = _jobs(request).submit(
        services, form.file.file, safe_name(form.file.filename), column=form.column, country_column=form.country_column,
        address_column=form.address_column, as_of=date, threshold=form.threshold, all_matches=form.all_matches,
        encoding=form.encoding, output=form.output, max_bytes=services.settings.max_upload_bytes, check_columns=True,
    )
    status = _status(request, job)
    return JSONResponse(status.model_dump(mode="json"), status_code=202, headers={"Location": status.links.self})


def _wants_async(run_async: bool, prefer: str | None) -> bool:
    return run_async or "respond-async" in (prefer or "").lower()


JOB_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {
        "model": JobStatus,
        "description": "The file is queued for screening: follow Location for its progress",
        "headers": {"Location": {"description": "The job's status", "schema": {"type": "string"}}},
    },
    503: {
        "model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}},
        "description": "As many files as the server takes are waiting: try again after Retry-After seconds",
    },
}


@router.post(
    "/api/screen/file",
    summary="Screen every row of an uploaded file; returns the result file (or, asked, starts a job)",
    response_class=FileResponse,
    responses={200: RESULT_FILE, **JOB_ACCEPTED},
)
def screen_file(
    request: Request,
    services: ServicesDep,
    form: FileFormDep,
    run_async: Annotated[bool, Query(alias="async", description="Answer 202 at once with a job (see /api/screen/jobs)")] = False,
    prefer: Annotated[str | None, Header(max_length=200, description="respond-async: as async=true (RFC 7240)")] = None,
) -> Response:
    """Screen the rows in this process (a threaded server never forks) and answer with the file;
    the report is in the ``X-Entitylist-*`` headers. Nothing is kept on the server. With
    ``async=true`` (or ``Prefer: respond-async``) the file is screened as a job instead, as
    ``POST /api/screen/jobs`` does."""
    if _wants_async(run_async, prefer):
        return _start(request, services, form)
    date = parse_date(form.as_of)
    with saved_upload(form.file) as (folder, source):
        kind = form.output.strip().lower()
        if kind and kind not in OUTPUT_TYPES:
            raise InvalidInput(f"unknown output kind {kind!r} (use {', '.join(OUTPUT_TYPES)})")
        kind = kind or _kind_of(source)
        target = folder / f"{source.stem}-screened.{kind}"
        report = services.screening.screen_file(
            source, target, column=form.column, country_column=form.country_column, address_column=form.address_column,
            as_of=date, threshold=form.threshold, all_matches=form.all_matches, workers=1, encoding=form.encoding,
        )
        kept = tempfile.mkdtemp(prefix="entitylist-result-")
        result = FilePath(kept) / target.name
        shutil.move(str(target), result)
    headers = {
        "X-Entitylist-Rows": str(report.rows),
        "X-Entitylist-Rows-With-Match": str(report.rows_with_match),
        "X-Entitylist-Not-Screened-Rows": str(report.not_screened_rows),
    }
    return FileResponse(
        result, media_type=OUTPUT_TYPES[kind], filename=result.name, headers=headers,
        background=BackgroundTask(shutil.rmtree, kept, ignore_errors=True),
    )


@router.post(
    "/api/screen/jobs", status_code=202, response_model=JobStatus, responses=JOB_ACCEPTED,
    summary="Start screening an uploaded file in the background; answers at once with the job",
)
def start_job(request: Request, services: ServicesDep, form: FileFormDep) -> JSONResponse:
    """The form of ``POST /api/screen/file``. A file of an unknown kind or encoding, an empty one,
    or one without a column named is refused at once (400) and nothing of it is kept; a file that
    fails later (a malformed row) fails its job, whose status then says why. Jobs run one after
    another; at most 20 wait or run at once (503 beyond, with Retry-After). A finished job and its
    result are kept for an hour."""
    return _start(request, services, form)


@router.get("/api/screen/jobs/{job_id}", response_model=JobStatus, name="screen_job", summary="A screening job's state and progress")
def job_status(request: Request, job_id: JobId) -> JobStatus:
    return _status(request, _known(request, job_id))


@router.get(
    "/api/screen/jobs/{job_id}/result", name="screen_job_result", response_class=FileResponse, responses={200: RESULT_FILE},
    summary="The result file of a finished job (409 while it runs)",
)
def job_result(request: Request, job_id: JobId) -> FileResponse:
    """Every input row with its match columns, in the output kind asked; the report is in the
    ``X-Entitylist-*`` headers. 409 while the job waits or runs, or when it failed."""
    job = _known(request, job_id)
    state, report = job.state, job.report
    if state == "failed":
        raise HTTPException(409, f"the job failed, so it has no result: {job.error}")
    if state != "done" or report is None:
        raise HTTPException(409, f"the job is still {state} ({job.percent}% done): its result is not ready yet")
    if not job.output.exists():
        raise NotFound(f"the result of job {job_id!r} is no longer kept")
    headers = {
        "X-Entitylist-Rows": str(report.rows),
        "X-Entitylist-Rows-With-Match": str(report.rows_with_match),
        "X-Entitylist-Not-Screened-Rows": str(report.not_screened_rows),
    }
    return FileResponse(job.output, media_type=OUTPUT_TYPES[job.output_kind], filename=job.download_name, headers=headers)


@router.get(
    "/api/screen/jobs/{job_id}/events", name="screen_job_events", response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "progress, then done or failed events"}},
    summary="A job's progress as Server-Sent Events, until it is done or failed",
)
async def job_events(request: Request, job_id: JobId) -> StreamingResponse:
    """An event each time the job's progress changes: ``progress`` while it waits or runs, then one
    ``done`` or ``failed``, after which the stream ends; each event's data is the job's status
    (as ``GET /api/screen/jobs/{id}``). A comment every 15 s keeps a quiet stream open."""
    _known(request, job_id)

    async def stream() -> AsyncIterator[str]:
        last: tuple[str, int, int | None] | None = None
        quiet = 0.0
        while True:
            job = _jobs(request).peek(job_id)  # no pruning (file removals) on the event loop
            if job is None:  # dropped meanwhile (deleted, or the server shutting down)
                return
            status = _status(request, job)
            seen = (status.state, status.done, status.total)
            if seen != last:
                event = status.state if status.state in ("done", "failed") else "progress"
                yield f"event: {event}\ndata: {status.model_dump_json()}\n\n"
                last, quiet = seen, 0.0
                if event != "progress":
                    return
            elif quiet >= KEEP_ALIVE:
                yield ": still working\n\n"
                quiet = 0.0
            if await request.is_disconnected():
                return
            await asyncio.sleep(EVENT_INTERVAL)
            quiet += EVENT_INTERVAL

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.delete(
    "/api/screen/jobs/{job_id}", status_code=204, response_class=Response,
    summary="Drop a job and its files: a waiting one is cancelled (409 while it runs)",
)
def delete_job(request: Request, job_id: JobId) -> Response:
    _known(request, job_id)
    if not _jobs(request).remove(job_id):
        raise HTTPException(409, "the job is running: it can be dropped once it is done or failed")
    return Response(status_code=204)
