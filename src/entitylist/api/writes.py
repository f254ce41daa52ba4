"""Writes, each behind an API key: ``POST /api/imports`` (an uploaded source), ``POST`` and
``DELETE /api/links`` (a person's judgement that two parties are one, or are not)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import WriteKey
from entitylist.api.uploads import saved_upload
from entitylist.dates import parse_date
from entitylist.services.models import ImportReport, LinkOut

router = APIRouter(tags=["writes"], dependencies=[WriteKey], responses=PROBLEM_RESPONSES)

ImportFormat = Literal["csl", "sdn", "ftm", "fr-rule"]


@router.post("/api/imports", response_model=ImportReport, summary="Import an uploaded source into a dataset")
def import_source(
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="The source file (CSL CSV or JSON, sdn.csv, FollowTheMoney, FR rule)")],
    format: Annotated[ImportFormat, Form()],
    dataset: Annotated[str | None, Form(max_length=100)] = None,
    sources: Annotated[str | None, Form(max_length=200, description="CSL list codes, e.g. EL,MEU")] = None,
    on: Annotated[str | None, Form(max_length=20, description="Date of entries the source does not date")] = None,
    skip_bad_rows: Annotated[bool, Form()] = False,
    allow_removals: Annotated[bool, Form()] = False,
    without: Annotated[str | None, Form(max_length=100, description="SDN companion files not sent: alt,add,comments")] = None,
) -> ImportReport:
    """One transaction, as ``entitylist import``: a bad file leaves the store as it was; the
    upload is removed either way. Served at the next request."""
    date = parse_date(on) if on else None
    with saved_upload(file, f"upload.{format}") as (_folder, path):
        return services.imports.import_source(
            format, str(path), dataset=dataset, lists=sources, skip_bad_rows=skip_bad_rows, on=date,
            allow_removals=allow_removals, without=without,
        )


class LinkRequest(BaseModel):
    first: str = Field(min_length=1, max_length=300)
    second: str = Field(min_length=1, max_length=300)
    force: bool = False
    note: str | None = Field(default=None, max_length=500)


def _note(note: str | None) -> str:
    return f"via the API: {note}" if note else "via the API"


@router.post("/api/links", response_model=list[LinkOut], summary="Two parties are one")
def link(services: ServicesDep, body: LinkRequest) -> list[LinkOut]:
    return services.links.link(body.first, body.second, force=body.force, note=_note(body.note))


@router.delete("/api/links", response_model=list[LinkOut], summary="Two records of one party are different parties")
def unlink(
    services: ServicesDep,
    first: Annotated[str, Query(min_length=1, max_length=300)],
    second: Annotated[str, Query(min_length=1, max_length=300)],
    force: bool = False,
    note: Annotated[str | None, Query(max_length=500)] = None,
) -> list[LinkOut]:
    return services.links.unlink(first, second, force=force, note=_note(note))
