"""API keys: writes always need one; reads need one when ``read_requires_key`` is set.

A key comes in ``X-API-Key`` or ``Authorization: Bearer``, and is compared with every
configured key in constant time (``hmac.compare_digest``), so timing tells nothing of a key.
Keys are never logged or echoed back.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from entitylist.settings import Settings

_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key (ENTITYLIST_API_KEYS)")
_bearer = HTTPBearer(auto_error=False, description="An API key as a bearer token")
# the same keys as reads present them, under schemes of their own: needed only where the server
# closes reads (ENTITYLIST_READ_REQUIRES_KEY), which its OpenAPI document then says
_read_header = APIKeyHeader(
    name="X-API-Key", scheme_name="ReadAPIKeyHeader", auto_error=False,
    description="An API key, for reads where the server requires one (ENTITYLIST_READ_REQUIRES_KEY)",
)
_read_bearer = HTTPBearer(
    scheme_name="ReadHTTPBearer", auto_error=False, description="An API key as a bearer token, for reads where the server requires one",
)
READ_SCHEMES = frozenset({"ReadAPIKeyHeader", "ReadHTTPBearer"})


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def key_is_valid(given: str, keys: list[str]) -> bool:
    """Whether ``given`` is one of ``keys``; every key is compared, each in constant time."""
    presented = given.encode()
    found = False
    for key in keys:
        found |= hmac.compare_digest(presented, key.encode())
    return found


def _check(settings: Settings, header: str | None, bearer: HTTPAuthorizationCredentials | None, what: str) -> None:
    keys = settings.api_key_list()
    if not keys:
        raise HTTPException(403, f"{what} are disabled: no API key is configured on this server (set ENTITYLIST_API_KEYS)")
    given = header or (bearer.credentials if bearer else None)
    if not given:
        raise HTTPException(
            401, f"{what} need an API key: send it as X-API-Key or Authorization: Bearer", headers={"WWW-Authenticate": "Bearer"}
        )
    if not key_is_valid(given, keys):
        raise HTTPException(403, "the API key is not valid")


async def require_write_key(
    request: Request,
    header: Annotated[str | None, Depends(_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Dependency of every write endpoint."""
    _check(_settings(request), header, bearer, "writes")


async def require_read_key(
    request: Request,
    header: Annotated[str | None, Depends(_read_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_read_bearer)],
) -> None:
    """Dependency of every read endpoint: open unless the server closes reads."""
    settings = _settings(request)
    if settings.read_requires_key:
        _check(settings, header, bearer, "reads")


WriteKey = Depends(require_write_key)
ReadKey = Depends(require_read_key)



def open_reads(schema: dict[str, Any], read_requires_key: bool) -> dict[str, Any]:
    """The OpenAPI document saying that a read needs no key where the server leaves reads open:
    each operation secured by the read schemes alone lists the empty requirement too (a client
    generator took the schemes as required)."""
    if read_requires_key:
        return schema
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security")
            if security and all(set(requirement) <= READ_SCHEMES for requirement in security) and {} not in security:
                security.append({})
    return schema
