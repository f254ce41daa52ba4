"""Typed models of the monitoring services (portfolios, screening runs, alerts, deliveries)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from entitylist.services.output_model import Out as _Out


class PortfolioOut(_Out):
    name: str
    counterparties: int
    open_alerts: int
    created_at: dt.datetime
    screened_at: dt.datetime | None = Field(description="When it was last screened (None: never)")


class PortfolioSaved(_Out):
    """What ``portfolio add`` did, by the user's ids."""

    portfolio: str
    added: int
    updated: int
    unchanged: int
    removed: int


class AlertOut(_Out):
    id: int
    portfolio: str
    counterparty_id: str = Field(description="The user's own id of the counterparty")
    counterparty_name: str
    party_id: str
    party_name: str
    matched_name: str
    score: float
    status: Literal["open", "closed"]
    opened_at: dt.datetime
    closed_at: dt.datetime | None = None
    closed_reason: str | None = None


class DeliveryOut(_Out):
    channel: Literal["webhook", "email"]
    target: str
    ok: bool
    attempts: int
    error: str | None = None


class ScreeningRun(_Out):
    """One screening of one portfolio: what was screened, and the alerts it opened and closed."""

    portfolio: str
    as_of: dt.date
    changed_parties: int = Field(description="Listed parties the list changes since the last screening touched")
    full: int = Field(description="Counterparties screened against the whole list (new, edited, or the first run)")
    delta: int = Field(description="Counterparties screened for the changed parties only")
    opened: list[AlertOut]
    closed: int
    cleared: int = Field(description="Matches not alerted because a review cleared the pair")
    seconds: float
    deliveries: list[DeliveryOut] = Field(default_factory=list)
