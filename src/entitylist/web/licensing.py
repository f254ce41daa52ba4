"""The license-check form: a party (name or id), an item (ECCN or EAR99) and a date give the
determination the licensing service makes, with its policy text, citations and warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from entitylist.dates import parse_date
from entitylist.errors import EntityListError, InvalidInput
from entitylist.web.pages import error_status, services
from entitylist.web.templating import render

router = APIRouter(include_in_schema=False)

POLICY_LABELS = {
    "presumption_of_denial": "Presumption of denial",
    "case_by_case": "Case-by-case review",
    "presumption_of_approval": "Presumption of approval",
    "other": "Other (see the policy text)",
}
BASIS_LABELS = {
    "listed": "The party is on the Entity List",
    "affiliate": "Owned 50 % or more by listed parties (the Affiliates rule)",
    "red_flag": "Listed owners of unknown share (Red Flag 29: a license is needed until the ownership is determined)",
    "none": "No Entity List requirement found",
}


@router.get("/license-check")
def license_page(request: Request, party: str = "", item: str = "", date: str = "") -> Response:
    """The form; with a party and an item, the determination below it (a link can be shared)."""
    context: dict[str, Any] = {"party": party, "item": item, "date": date, "check": None}
    status = 200
    if party.strip() or item.strip():
        try:
            if not party.strip() or not item.strip():
                raise InvalidInput("give both a party (a name or an id) and an item (an ECCN such as 3A001, or EAR99)")
            as_of = parse_date(date) if date.strip() else dt.date.today()
            context["check"] = services(request).licensing.check(party.strip(), item.strip(), as_of)
        except EntityListError as error:
            status = error_status(error)
            context["message"] = str(error)
    return render(
        request, "license.html", status_code=status, nav="license", title="License check",
        policy_labels=POLICY_LABELS, basis_labels=BASIS_LABELS, **context,
    )
