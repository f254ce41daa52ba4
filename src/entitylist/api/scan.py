"""Document scanning over HTTP: ``POST /api/scan`` takes an uploaded document (multipart) or a text
(JSON) and answers with the scan service's report, ``{"documents": [...]}``.

The upload is copied into a private temporary folder (:func:`entitylist.api.uploads.saved_upload`)
that is removed whatever happens; the body size limits of every other upload apply.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import UploadFile

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES, Problem
from entitylist.api.security import ReadKey
from entitylist.api.uploads import saved_upload
from entitylist.dates import parse_date
from entitylist.services import Services
from entitylist.services.models import ScanReport

router = APIRouter(tags=["scanning"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)


class ScanOptions(BaseModel):
    """What a scan may be told besides its document."""

    as_of: str | None = Field(default=None, max_length=20, description="The list of this date, YYYY-MM-DD or today (default)")
    threshold: float | None = Field(default=None, ge=0, le=1, description="Score at which a passage is a mention (default 0.80)")
    item: str | None = Field(default=None, max_length=40, description="ECCN or EAR99: each mention carries its party's license determination")


class ScanText(ScanOptions):
    """A text to scan, given whole."""

    text: str = Field(min_length=1, description="The text (the request size limit applies)")
    source: str = Field(default="text", max_length=200, description="The name the report gives the text")


def _form_schema() -> dict[str, Any]:
    options = ScanOptions.model_json_schema()
    return {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": "A document: plain text, HTML, PDF, DOCX or e-mail (.eml, with its attachments)"},
            **options["properties"],
        },
    }


REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ScanText.model_json_schema()},
        "multipart/form-data": {"schema": _form_schema()},
    },
}


def _validated(model: type[ScanText] | type[ScanOptions], data: object, where: str) -> ScanText | ScanOptions:
    """The body as the model, or the 422 problem every other endpoint gives for an invalid body."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": (where, *e["loc"])} for e in error.errors(include_url=False, include_context=False)]
        ) from None


def _scan_upload(services: Services, upload: UploadFile, options: ScanOptions) -> dict[str, Any]:
    as_of = parse_date(options.as_of or "today")
    with saved_upload(upload, "document") as (_folder, path):
        report = services.scan.scan_upload(path, name=path.name, as_of=as_of, threshold=options.threshold, item=options.item)
    result: dict[str, Any] = report.as_json()
    return result


def _scan_text(services: Services, body: ScanText) -> dict[str, Any]:
    as_of = parse_date(body.as_of or "today")
    report = services.scan.scan_texts([(body.source, body.text)], as_of=as_of, threshold=body.threshold, item=body.item)
    result: dict[str, Any] = report.as_json()
    return result


@router.post(
    "/api/scan",
    response_model=ScanReport,
    summary="Listed parties mentioned in a document (upload) or a text (JSON)",
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={415: {"model": Problem, "content": {"application/problem+json": {}}, "description": "Unsupported Media Type"}},
)
async def scan(request: Request, services: ServicesDep) -> JSONResponse:
    """Every mention of a listed party, with its offsets into the extracted text, score and
    explanation; with ``item``, its party's license determination. A document that cannot be read
    (an encrypted PDF, a binary file) is reported with a warning, not refused."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        async with request.form(max_files=1, max_fields=10) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise RequestValidationError([{"type": "missing", "loc": ("body", "file"), "msg": "a document upload is required"}])
            options = _validated(ScanOptions, fields, "body")
            return JSONResponse(await run_in_threadpool(_scan_upload, services, upload, options))
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(400, "the body is not valid JSON") from None
        body = _validated(ScanText, data, "body")
        assert isinstance(body, ScanText)
        return JSONResponse(await run_in_threadpool(_scan_text, services, body))
    raise HTTPException(415, "send a document as multipart/form-data (field 'file') or a text as JSON ({\"text\": ...})")
