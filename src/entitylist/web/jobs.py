"""Uploaded files screened in the background, one job per upload, polled by the page.

A job's files live in a folder of their own under one temporary directory: the upload as it came
and the screened output. Screening runs in one worker thread of this process through the
screening service (in-process executor, never a pool forked from a request thread). A job that
fails (an encoding error, a malformed CSV, a missing column) keeps only its message: its folder
is removed, so a failed upload leaves nothing behind. Finished jobs are dropped after
``JOB_TTL`` seconds, or when more than ``MAX_JOBS`` are kept, and all at shutdown.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from entitylist.errors import EntityListError, InvalidInput
from entitylist.services import Services
from entitylist.services.models import BatchReport

log = logging.getLogger(__name__)

SUFFIXES = {".csv": "CSV", ".tsv": "TSV", ".xlsx": "Excel", ".jsonl": "JSON lines"}
ENCODINGS = {  # of CSV and TSV uploads; the bytes must be text in the one chosen
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252 (Western Europe)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "gb18030": "GB 18030 (Chinese)",
    "shift_jis": "Shift JIS (Japanese)",
}
JOB_TTL = 3600.0
MAX_JOBS = 50
COPY_BLOCK = 1 << 20

State = Literal["waiting", "running", "done", "failed"]


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


@dataclass
class UploadJob:
    """One uploaded file and where its screening has got to."""

    id: str
    filename: str
    suffix: str
    folder: Path
    column: str
    country_column: str | None
    encoding: str
    created: float = field(default_factory=time.monotonic)
    state: State = "waiting"
    done: int = 0
    total: int | None = None
    report: BatchReport | None = None
    error: str | None = None

    @property
    def input(self) -> Path:
        return self.folder / f"input{self.suffix}"

    @property
    def output(self) -> Path:
        return self.folder / f"screened{self.suffix}"

    @property
    def download_name(self) -> str:
        stem = Path(self.filename).stem or "upload"
        return f"{stem}-screened{self.suffix}"

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        if not self.total:
            return 0
        return min(99, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class UploadJobs:
    """The jobs of one application; ``close`` at shutdown removes every file they made."""

    def __init__(self, workers: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="entitylist-upload")
        self._jobs: dict[str, UploadJob] = {}
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
        country_column: str | None,
        encoding: str,
        max_bytes: int,
    ) -> UploadJob:
        """Save the upload and queue its screening; a file of an unknown kind, an empty one or one
        over the size limit is refused here, and nothing of it is kept."""
        suffix = Path(filename).suffix.lower()
        if suffix not in SUFFIXES:
            kinds = ", ".join(SUFFIXES)
            raise InvalidInput(f"{filename or 'the file'}: unknown file type {suffix or '(none)'!r} (use {kinds})")
        if encoding not in ENCODINGS:
            raise InvalidInput(f"unknown encoding {encoding!r} (use {', '.join(ENCODINGS)})")
        if not column.strip():
            raise InvalidInput("name the column that holds the names to screen")
        self._prune()
        job = UploadJob(
            id=uuid.uuid4().hex, filename=filename, suffix=suffix, folder=self._folder(), column=column.strip(),
            country_column=(country_column or "").strip() or None, encoding=encoding,
        )
        try:
            self._save(stream, job, max_bytes)
        except BaseException:
            shutil.rmtree(job.folder, ignore_errors=True)
            raise
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, services, job)
        return job

    @staticmethod
    def _save(stream: BinaryIO, job: UploadJob, max_bytes: int) -> None:
        save_upload(stream, job.input, job.filename, max_bytes)

    def _run(self, services: Services, job: UploadJob) -> None:
        job.state = "running"

        def progress(done: int, total: int | None) -> None:
            job.done, job.total = done, total

        try:
            job.report = services.screening.screen_file(
                job.input, job.output, column=job.column, country_column=job.country_column, workers=1,
                encoding=job.encoding, progress=progress,
            )
        except EntityListError as error:
            self._fail(job, _for_the_web(str(error), job))
            return
        except Exception:  # a bug, not the file: say so without a trace, and log it for the operator
            log.exception("screening upload %s failed", job.id)
            self._fail(job, "screening this file failed unexpectedly; nothing was kept")
            return
        job.input.unlink(missing_ok=True)
        job.state = "done"

    def _fail(self, job: UploadJob, message: str) -> None:
        shutil.rmtree(job.folder, ignore_errors=True)
        job.error, job.state = message, "failed"

    def get(self, job_id: str) -> UploadJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _prune(self) -> None:
        now = time.monotonic()
        with self._lock:
            finished = sorted((j for j in self._jobs.values() if j.finished), key=lambda j: j.created)
            expired = [j for j in finished if now - j.created > JOB_TTL]
            expired += finished[len(expired) : max(len(expired), len(self._jobs) - MAX_JOBS + 1)]
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
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def _for_the_web(message: str, job: UploadJob) -> str:
    """A screening error as the uploader knows the file: by its name, with the form's words."""
    text = message.replace(str(job.input), job.filename).replace(job.input.name, job.filename)
    return text.replace("e.g. --encoding cp1252", "e.g. Windows-1252, in the form").rstrip(".")
