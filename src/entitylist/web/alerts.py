"""The alerts page: the hits that monitoring raised on the saved portfolios, open by default,
closed or all by a filter, of one portfolio or of every one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from entitylist.errors import EntityListError
from entitylist.web.pages import error_status, services
from entitylist.web.templating import render

router = APIRouter(include_in_schema=False)

STATUS_LABELS = {"open": "Open", "closed": "Closed", "all": "All"}


@router.get("/alerts")
def alerts_page(request: Request, status: str = "open", portfolio: str = "") -> Response:
    """Newest alerts first; the filters are a plain GET form, so the address keeps them."""
    context: dict[str, Any] = {"status": status, "portfolio": portfolio, "alerts": None}
    code = 200
    try:
        context["portfolios"] = services(request).portfolios.portfolios()
        found = services(request).alerts.alerts(portfolio=portfolio.strip() or None, status=status.strip() or "open")
        context["alerts"] = sorted(found, key=lambda a: a.opened_at, reverse=True)
    except EntityListError as error:
        code = error_status(error)
        context["message"] = str(error)
        context.setdefault("portfolios", [])
    return render(
        request, "alerts.html", status_code=code, nav="alerts", title="Alerts", status_labels=STATUS_LABELS, **context,
    )
