"""Every error as RFC 9457 problem details (``application/problem+json``): type, title, status, detail.

Bad input is a 4xx with a message a person can act on, never a 5xx or a traceback; an
unexpected failure is a 500 problem that says nothing of the server's internals.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from entitylist.errors import Ambiguous, Busy, EntityListError, InvalidInput, NotFound, StoreError

PROBLEM_MEDIA_TYPE = "application/problem+json"
_log = logging.getLogger("entitylist.api")


class Problem(BaseModel):
    """An error (RFC 9457)."""

    type: str = Field(default="about:blank", description="A URI naming the kind of problem")
    title: str = Field(description="The HTTP status phrase")
    status: int
    detail: str = Field(description="What went wrong, for a person")


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": HTTPStatus(status).phrase}
    for status in (400, 401, 403, 404, 409, 413, 422)
}


def problem(status: int, detail: str, *, headers: dict[str, str] | None = None, kind: str | None = None) -> JSONResponse:
    """A problem+json response."""
    body = Problem(
        type=f"urn:entitylist:problem:{kind}" if kind else "about:blank",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    where = loc[0] if loc else ""
    name = ".".join(parts)
    return f"{where} parameter {name!r}" if where in ("query", "path", "header") else f"field {name!r}" if name else "the body"


def validation_detail(error: RequestValidationError) -> str:
    """One line per invalid field: where it is and what is wrong with it."""
    lines = []
    for item in error.errors()[:5]:
        lines.append(f"{_location(item.get('loc', ()))}: {item.get('msg', 'invalid')}")
    return "; ".join(lines) or "invalid request"


def _allowed_methods(request: Request) -> list[str]:
    """The methods the app's documented operations take at the request's path (its OpenAPI
    paths, whose templates are matched as routes match them)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)), request.url.path):
            methods.update(method.upper() for method in operations)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def problem_schemas(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with each error response's Problem schema under the media type it is
    sent as (FastAPI files a response model under application/json, and left problem+json empty)."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status.isdigit() and int(status) >= 400 and PROBLEM_MEDIA_TYPE in content and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    return schema


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem+json."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return problem(422, validation_detail(error), kind="invalid-request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        headers = dict(getattr(error, "headers", None) or {})
        if error.status_code == 405:
            # (each route answers for its own methods: a path served by two routes, GET by one and
            # DELETE by another, named only the first's)
            headers["Allow"] = ", ".join(_allowed_methods(request)) or headers.get("Allow", "")
        kind = "too-large" if error.status_code == 413 else None
        return problem(error.status_code, detail, headers=headers or None, kind=kind)

    @app.exception_handler(EntityListError)
    async def _domain(request: Request, error: EntityListError) -> JSONResponse:
        if isinstance(error, Ambiguous):
            return problem(409, str(error), kind="ambiguous")
        if isinstance(error, NotFound):
            return problem(404, str(error), kind="not-found")
        if isinstance(error, InvalidInput):
            return problem(400, str(error), kind="invalid-input")
        if isinstance(error, StoreError):
            return problem(503, str(error), kind="store-unavailable")
        if isinstance(error, Busy):
            return problem(503, str(error), kind="busy", headers={"Retry-After": str(error.retry_after)})
        return problem(400, str(error), kind="refused")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        _log.exception("unexpected error serving %s %s", request.method, request.url.path)
        return problem(500, "the server failed to answer this request; the error is in its log", kind="internal")
