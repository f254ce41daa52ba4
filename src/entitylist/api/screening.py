"""Screening over HTTP: ``POST /api/screen`` (one name or many), ``POST /api/screen/file`` (a file)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field, model_validator
from starlette.background import BackgroundTask

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey
from entitylist.api.uploads import saved_upload
from entitylist.dates import parse_date
from entitylist.errors import InvalidInput
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


@router.post(
    "/api/screen/file",
    summary="Screen every row of an uploaded file; returns the result file",
    response_class=FileResponse,
    responses={200: {"content": {t: {} for t in OUTPUT_TYPES.values()}, "description": "The screened file"}},
)
def screen_file(
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="CSV, TSV, Excel (.xlsx) or JSON lines")],
    column: Annotated[str, Form(max_length=200)] = "name",
    country_column: Annotated[str | None, Form(max_length=200)] = None,
    address_column: Annotated[str | None, Form(max_length=200)] = None,
    as_of: Annotated[str, Form(max_length=20)] = "today",
    threshold: Annotated[float | None, Form(ge=0, le=1)] = None,
    all_matches: Annotated[bool, Form()] = False,
    encoding: Annotated[str, Form(max_length=40)] = "utf-8",
    output: Annotated[str, Form(description="csv, tsv, xlsx or jsonl (default: the input's kind)", max_length=10)] = "",
) -> FileResponse:
    """Screen the rows in this process (a threaded server never forks) and answer with the file;
    the report is in the ``X-Entitylist-*`` headers. Nothing is kept on the server."""
    date = parse_date(as_of)
    with saved_upload(file) as (folder, source):
        kind = output.strip().lower()
        if kind and kind not in OUTPUT_TYPES:
            raise InvalidInput(f"unknown output kind {kind!r} (use {', '.join(OUTPUT_TYPES)})")
        kind = kind or _kind_of(source)
        target = folder / f"{source.stem}-screened.{kind}"
        report = services.screening.screen_file(
            source, target, column=column, country_column=country_column, address_column=address_column, as_of=date,
            threshold=threshold, all_matches=all_matches, workers=1, encoding=encoding,
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
