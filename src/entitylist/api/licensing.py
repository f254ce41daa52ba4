"""License determination over HTTP: ``GET /api/license-check``, the answer ``license-check --json`` gives."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey
from entitylist.dates import parse_date
from entitylist.services.license_models import LicenseCheck

router = APIRouter(tags=["licensing"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)


@router.get("/api/license-check", response_model=LicenseCheck, summary="May an item go to a party on a date?")
def license_check(
    services: ServicesDep,
    party: Annotated[str, Query(min_length=1, max_length=300, description="Party id, name or alias (a close match is answered with a warning)")],
    item: Annotated[str, Query(min_length=1, max_length=40, description="ECCN (3A001.a.1, 5E002, 1A004.c) or EAR99")],
    date: Annotated[str, Query(max_length=20, description="Date of the transaction, YYYY-MM-DD or today")] = "today",
) -> LicenseCheck:
    """Whether a license is required and how an application would be reviewed, with the entry's
    citation, footnotes and warnings. A malformed ECCN or date, or a date before the Entity List
    began, is a 400; a party that nothing matches a 404."""
    return services.licensing.check(party, item, parse_date(date))
