"""Uploaded files screened in the background, one job per upload: what the web UI's upload page
and the API's screening jobs (``/api/screen/jobs``) both run.

A job's files live in a folder of their own under one temporary directory: the upload as it came
and the screened output. Screening runs in one worker thread of this process through the
screening service (in-process executor, never a pool forked from a request thread), so jobs run
one after another and the server's other requests keep a core. A job that fails (an encoding
error, a malformed CSV, a missing column) keeps only its message: its folder is removed, so a
failed upload leaves nothing behind. At most ``MAX_ACTIVE`` jobs wait or run at once (more are
refused with :class:`~entitylist.errors.Busy`); finished jobs are dropped ``JOB_TTL`` seconds
after they finish, or when more than ``MAX_JOBS`` are kept, and all at shutdown.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import Field

from entitylist.errors import Busy, EntityListError, InvalidInput
from entitylist.services import Services
from entitylist.services.models import BatchReport, NotScreened
from entitylist.services.output_model import Out

log = logging.getLogger(__name__)

KINDS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
OUTPUT_SUFFIXES = {"csv": ".csv", "tsv": ".tsv", "xlsx": ".xlsx", "jsonl": ".jsonl"}
JOB_TTL = 3600.0  # seconds a finished job (and its result file) is kept
MAX_JOBS = 50  # finished jobs kept at most
MAX_ACTIVE = 20  # jobs waiting or running at most: each holds its upload on disk
RETRY_AFTER = 30  # seconds a refused client is told to wait
COPY_BLOCK = 1 << 20

State = Literal["waiting", "running", "done", "failed"]
Unit = Literal["bytes", "rows"]


def save_upload(stream: BinaryIO, path: Path, name: str, max_bytes: int) -> None:
    """Copy an uploaded file to a new ``path`` block by block, refusing it once past ``max_bytes``
    (a body sent without a declared size is counted here) or when it is empty."""
    written = 0
    with path.open("xb") as out:
        while block := stream.read(COPY_BLOCK):
            written += len(block)
            if written > max_bytes:
                raise InvalidInput(f"{name}: the file is larger than {megabytes(max_bytes)}")
            out.write(block)
    if written == 0:
        raise InvalidInput(f"{name}: the file is empty")


def megabytes(size: int) -> str:
    """A size limit as a person reads it: '50 MB', '0.5 MB'."""
    return f"{size / 1_000_000:g} MB"


@dataclass(frozen=True)
class FileOptions:
    """How a job screens its file (as ``ScreeningService.screen_file`` takes them)."""

    column: str = "name"
    country_column: str | None = None
    address_column: str | None = None
    as_of: dt.date | None = None
    threshold: float | None = None
    all_matches: bool = False
    encoding: str = "utf-8"


@dataclass
class ScreeningJob:
    """One uploaded file and where its screening has got to."""

    id: str
    filename: str
    suffix: str
    output_suffix: str
    folder: Path
    options: FileOptions
    created: float = field(default_factory=time.monotonic)
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    finished: float | None = None
    finished_at: dt.datetime | None = None
    state: State = "waiting"
    done: int = 0
    total: int | None = None
    report: BatchReport | None = None
    error: str | None = None

    @property
    def column(self) -> str:
        return self.options.column

    @property
    def country_column(self) -> str | None:
        return self.options.country_column

    @property
    def input(self) -> Path:
        return self.folder / f"input{self.suffix}"

    @property
    def output(self) -> Path:
        return self.folder / f"screened{self.output_suffix}"

    @property
    def output_kind(self) -> str:
        return KINDS[self.output_suffix]

    @property
    def download_name(self) -> str:
        stem = Path(self.filename).stem or "upload"
        return f"{stem}-screened{self.output_suffix}"

    @property
    def unit(self) -> Unit:
        """What ``done`` and ``total`` count: an Excel workbook's rows, else the file's bytes."""
        return "rows" if self.suffix == ".xlsx" else "bytes"

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        if not self.total:
            return 0
        return min(99, int(self.done * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.state in ("done", "failed")


class JobReport(Out):
    """What screening a job's file did (the file's own report, without the server's paths)."""

    as_of: dt.date
    rows: int
    screened: int
    distinct_names: int
    rows_with_match: int
    not_screened_rows: int
    not_screened: list[NotScreened] = Field(description="The first 1,000 rows that could not be screened")
    suppressed_rows: int


class JobOut(Out):
    """A screening job as a client sees it: its state, its progress, and once done its report."""

    id: str
    filename: str = Field(description="The file's name as uploaded")
    state: State = Field(description="waiting (for an earlier job), running, done or failed")
    done: int = Field(description="How far screening has got, in unit (the rows of a workbook, else bytes of the file)")
    total: int | None = Field(description="The whole file in unit, when known")
    unit: Unit
    percent: int = Field(ge=0, le=100, description="100 only once the result file is ready")
    error: str | None = Field(description="Why a failed job failed (nothing of its file is kept)")
    report: JobReport | None = Field(description="Once done: rows, rows with a match, rows not screened")
    created_at: dt.datetime
    finished_at: dt.datetime | None
    expires_at: dt.datetime | None = Field(description="When a finished job and its result are dropped")
    output_kind: str = Field(description="The result file's kind: csv, tsv, xlsx or jsonl")

    @classmethod
    def of(cls, job: ScreeningJob) -> JobOut:
        state, report, finished_at = job.state, job.report, job.finished_at  # the worker moves on meanwhile
        return cls(
            id=job.id, filename=job.filename, state=state, done=job.done, total=job.total, unit=job.unit,
            percent=100 if state == "done" else job.percent, error=job.error,
            report=JobReport.model_validate(report.model_dump(exclude={"input", "output"})) if report and state == "done" else None,
            created_at=job.created_at, finished_at=finished_at,
            expires_at=finished_at + dt.timedelta(seconds=JOB_TTL) if finished_at else None,
            output_kind=job.output_kind,
        )


class ScreeningJobs:
    """The jobs of one application; ``close`` at shutdown removes every file they made."""

    def __init__(self, workers: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="entitylist-upload")
        self._jobs: dict[str, ScreeningJob] = {}
        self._queued: dict[str, Future[None]] = {}
        self._saving = 0  # uploads being saved, each holding a place among the active jobs
        self._lock = threading.Lock()
        self._root: Path | None = None

    def _folder(self) -> Path:
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="entitylist-uploads-"))
            folder = self._root / uuid.uuid4().hex
        folder.mkdir(mode=0o700)
        return folder

    def submit(
        self,
        services: Services,
        stream: BinaryIO,
        filename: str,
        *,
        column: str,
        country_column: str | None = None,
        encoding: str = "utf-8",
        max_bytes: int,
        address_column: str | None = None,
        as_of: dt.date | None = None,
        threshold: float | None = None,
        all_matches: bool = False,
        output: str | None = None,
        check_columns: bool = False,
    ) -> ScreeningJob:
        """Save the upload and queue its screening; a file of an unknown kind, an empty one or one
        over the size limit is refused here, and nothing of it is kept. ``output``: the result's
        kind (csv, tsv, xlsx, jsonl; default the input's). ``check_columns``: read the file's
        header now and refuse it here when a column named is missing (else the job fails)."""
        suffix = Path(filename).suffix.lower()
        if suffix not in KINDS:
            raise InvalidInput(f"{filename or 'the file'}: unknown file type {suffix or '(none)'!r} (use .csv, .tsv, .xlsx or .jsonl)")
        kind = (output or "").strip().lower() or KINDS[suffix]
        if kind not in OUTPUT_SUFFIXES:
            raise InvalidInput(f"unknown output kind {kind!r} (use {', '.join(OUTPUT_SUFFIXES)})")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidInput(f"unknown text encoding {encoding!r} (e.g. utf-8, cp1252, latin-1)") from None
        if not column.strip():
            raise InvalidInput("name the column that holds the names to screen")
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InvalidInput(f"threshold {threshold} is outside 0-1")
        self._prune()
        with self._lock:  # a place is taken before the upload is saved: concurrent uploads cannot pass the bound
            active = self._saving + sum(1 for j in self._jobs.values() if not j.is_finished)
            if active >= MAX_ACTIVE:
                raise Busy(f"{active} files are waiting or being screened, the most this server takes: try again later", RETRY_AFTER)
            self._saving += 1
        try:
            return self._queue(services, stream, filename, suffix, kind, max_bytes, check_columns, FileOptions(
                column=column.strip(), country_column=(country_column or "").strip() or None,
                address_column=(address_column or "").strip() or None, as_of=as_of, threshold=threshold,
                all_matches=all_matches, encoding=encoding,
            ))
        finally:
            with self._lock:
                self._saving -= 1

    def _queue(
        self, services: Services, stream: BinaryIO, filename: str, suffix: str, kind: str, max_bytes: int,
        check_columns: bool, options: FileOptions,
    ) -> ScreeningJob:
        """Save the upload in a folder of its own and queue its screening; a refused upload's folder is removed."""
        job = ScreeningJob(
            id=uuid.uuid4().hex, filename=filename, suffix=suffix, output_suffix=OUTPUT_SUFFIXES[kind],
            folder=self._folder(), options=options,
        )
        try:
            save_upload(stream, job.input, job.filename, max_bytes)
            if check_columns:
                self._check_columns(services, job)
        except BaseException:
            shutil.rmtree(job.folder, ignore_errors=True)
            raise
        with self._lock:
            self._jobs[job.id] = job
            self._queued[job.id] = self._pool.submit(self._run, services, job)
        return job

    def _check_columns(self, services: Services, job: ScreeningJob) -> None:
        options = job.options
        try:
            services.screening.check_columns(
                job.input, column=options.column, country_column=options.country_column,
                address_column=options.address_column, encoding=options.encoding,
            )
        except EntityListError as error:
            raise InvalidInput(self._explained(str(error), job)) from None

    def _run(self, services: Services, job: ScreeningJob) -> None:
        with self._lock:
            self._queued.pop(job.id, None)
            if job.id not in self._jobs:  # removed while it waited
                return
            job.state = "running"

        def progress(done: int, total: int | None) -> None:
            job.done, job.total = done, total

        options = job.options
        try:
            report = services.screening.screen_file(
                job.input, job.output, column=options.column, country_column=options.country_column,
                address_column=options.address_column, as_of=options.as_of, threshold=options.threshold,
                all_matches=options.all_matches, workers=1, encoding=options.encoding, progress=progress,
            )
        except EntityListError as error:
            self._fail(job, self._explained(str(error), job))
            return
        except Exception:  # a bug, not the file: say so without a trace, and log it for the operator
            log.exception("screening upload %s failed", job.id)
            self._fail(job, "screening this file failed unexpectedly; nothing was kept")
            return
        job.input.unlink(missing_ok=True)
        job.report = report
        self._finish(job, "done")

    @staticmethod
    def _finish(job: ScreeningJob, state: State) -> None:
        job.finished_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        job.finished = time.monotonic()
        job.state = state  # last: a reader that sees the state sees the rest

    def _fail(self, job: ScreeningJob, message: str) -> None:
        shutil.rmtree(job.folder, ignore_errors=True)
        job.error = message
        self._finish(job, "failed")

    def _explained(self, message: str, job: ScreeningJob) -> str:
        """An error as the uploader knows the file: by its name, not by where the server keeps it."""
        text = message.replace(str(job.input), job.filename).replace(job.input.name, job.filename)
        return text.rstrip(".")

    def get(self, job_id: str) -> ScreeningJob | None:
        """The job, unless unknown or dropped (finished jobs past their time are dropped first)."""
        self._prune()
        return self.peek(job_id)

    def peek(self, job_id: str) -> ScreeningJob | None:
        """The job as :meth:`get` finds it, without dropping old ones (no file is touched)."""
        with self._lock:
            return self._jobs.get(job_id)

    def remove(self, job_id: str) -> bool:
        """Drop a job and its files (a waiting one never runs); False when it is running."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return True
            if job.state == "running":
                return False
            queued = self._queued.pop(job_id, None)
            if queued is not None:
                queued.cancel()
            del self._jobs[job_id]
        shutil.rmtree(job.folder, ignore_errors=True)
        return True

    def _prune(self) -> None:
        now = time.monotonic()
        with self._lock:
            finished = sorted((j for j in self._jobs.values() if j.finished is not None), key=lambda j: j.finished or 0.0)
            expired = [j for j in finished if now - (j.finished or now) > JOB_TTL]
            expired += finished[len(expired) : max(len(expired), len(finished) - MAX_JOBS + 1)]
            for job in expired:
                del self._jobs[job.id]
        for job in expired:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        """Stop taking jobs and remove every file: uploads are not kept across restarts."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            root, self._root = self._root, None
            self._jobs.clear()
            self._queued.clear()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)
