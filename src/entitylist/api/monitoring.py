"""API routes of monitoring: portfolios and their alerts (the same models as the CLI's ``--json``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey, WriteKey
from entitylist.errors import InvalidInput
from entitylist.services.monitoring_models import AlertOut, PortfolioOut, ScreeningRun

router = APIRouter(prefix="/api", tags=["monitoring"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)


@router.get("/portfolios", summary="Saved portfolios with their counterparties and open alerts")
def portfolios(services: ServicesDep) -> list[PortfolioOut]:
    return services.portfolios.portfolios()


@router.get("/alerts", summary="Alerts: saved counterparties that may be listed parties")
def alerts(
    services: ServicesDep,
    portfolio: Annotated[str | None, Query(description="One portfolio's alerts")] = None,
    status: Annotated[Literal["open", "closed", "all"], Query(description="Which alerts")] = "open",
) -> list[AlertOut]:
    try:
        return services.alerts.alerts(portfolio=portfolio, status=status)
    except InvalidInput as error:
        raise HTTPException(status_code=404, detail=str(error)) from None


@router.post("/portfolios/{name}/screen", dependencies=[WriteKey], summary="Screen a portfolio for what the list changed (new counterparties in full)")
def screen(services: ServicesDep, name: str) -> ScreeningRun:
    try:
        return services.portfolios.screen(name)[0]
    except InvalidInput as error:
        raise HTTPException(status_code=404 if "no portfolio" in str(error) else 400, detail=str(error)) from None
