"""The list and its history over HTTP: one party, its timeline, changes between dates, counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey
from entitylist.dates import parse_date
from entitylist.services.models import Diff, History, PartyOut, Stats, StatsBy

router = APIRouter(tags=["parties"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)

PartyKey = Annotated[str, Path(min_length=1, max_length=300, description="Party id, record id, name or alias")]
Day = Annotated[str, Query(max_length=20, description="YYYY-MM-DD or today")]


@router.get("/api/parties/{party}", response_model=PartyOut, summary="One party as it stood on a date")
def party(services: ServicesDep, party: PartyKey, as_of: Day = "today") -> PartyOut:
    """By id, name, alias or a unique close match; 404 when none, 409 when several answer."""
    return services.lists.show(party, parse_date(as_of))


@router.get("/api/parties/{party}/history", response_model=History, summary="A party's timeline of listing actions")
def history(services: ServicesDep, party: PartyKey) -> History:
    return services.lists.history(party)


@router.get("/api/changes", response_model=Diff, summary="Net changes after one date up to another")
def changes(services: ServicesDep, since: Day, until: Day = "today") -> Diff:
    """Parties added, removed or modified after the end of ``since`` up to the end of ``until``."""
    return services.lists.diff(parse_date(since), parse_date(until))


@router.get("/api/stats", response_model=Stats, summary="Counts per year, rule, country or reason")
def stats(services: ServicesDep, by: StatsBy = "year", as_of: Day = "today") -> Stats:
    return services.lists.stats(by, parse_date(as_of))
