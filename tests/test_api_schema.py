"""Schemathesis against the API's own OpenAPI schema, in-process (ASGI): whatever it sends, the
API answers with a status and a body its schema documents, and never a 5xx. Bounded: a few
examples per operation, about half a minute in all."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from entitylist.api import create_app
from entitylist.settings import Settings
from tests.api_fixtures import KEY


_FOLDER = tempfile.TemporaryDirectory(prefix="entitylist-schemathesis-")  # removed when the run ends
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(db=str(Path(_FOLDER.name) / "store.sqlite"), api_keys=KEY))
)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"X-API-Key": KEY},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
