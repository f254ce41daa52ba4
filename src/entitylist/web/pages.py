"""The read-only pages: search (results as you type), a party, what changed, charts.

Each page parses its query, calls a service and renders what it returns; errors a person can act
on (an unknown party, a malformed date) are shown as one message, with a 4xx status.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from entitylist.dates import parse_date
from entitylist.errors import EntityListError, InvalidInput, NotFound
from entitylist.reference import load_package_yaml
from entitylist.services import Services
from entitylist.web.templating import render, render_error

router = APIRouter(include_in_schema=False)

SEARCH_LIMIT = 10
MAX_QUERY = 500  # characters of a search box worth screening
MIN_COMPLETION = 2  # characters typed before names beginning with them are offered
CHANGE_LABELS = {
    "added": "Added",
    "removed": "Removed",
    "modified": "Modified",
    "added_and_removed": "Added and removed within the period",
}


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def error_status(error: EntityListError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidInput):
        return 400
    return 500


@router.get("/")
def search_page(request: Request, q: str = "", country: str = "") -> Response:
    """The search page; with ``q`` (no JavaScript, or a shared link) the results are in it."""
    context = _search(request, q, country)
    return render(request, "search.html", nav="search", title="Search", q=q, country=country, **context)


@router.get("/search/results")
def search_results(request: Request, q: str = "", country: str = "") -> Response:
    """The results fragment that the search box asks for as the user types; the browser's address
    becomes the search page's with the query, so reloading, going back or sharing the link keeps it."""
    context = _search(request, q, country)
    status = 400 if context.get("message") and context.get("kind") == "error" else 200
    query = urlencode({k: v for k, v in (("q", q.strip()), ("country", country.strip())) if v})
    page = str(request.url_for("search_page")) + (f"?{query}" if query else "")
    return render(
        request, "_search_results.html", status_code=status, headers={"HX-Replace-Url": page}, q=q, country=country,
        **context,
    )


def _search(request: Request, q: str, country: str) -> dict[str, Any]:
    """Screening matches for the name, and the listed names that begin with what was typed
    (the matches left out), so that a word still being typed already shows something."""
    name = q.strip()
    if not name:
        return {"result": None, "completions": []}
    if len(name) > MAX_QUERY:
        message = f"the name is {len(name)} characters long; at most {MAX_QUERY} are searched"
        return {"result": None, "completions": [], "message": message, "kind": "error"}
    try:
        result = services(request).screening.screen(name, country=country.strip() or None, limit=SEARCH_LIMIT)
        completions = services(request).completion.complete(name, dt.date.today()) if len(name) >= MIN_COMPLETION else []
    except EntityListError as error:
        return {"result": None, "completions": [], "message": str(error), "kind": "error"}
    matched = {m.party_id for m in result.matches}
    return {"result": result, "completions": [c for c in completions if c.party_id not in matched]}


@router.get("/parties/{party}")
def party_page(request: Request, party: str) -> Response:
    """A party: names, aliases, addresses, related parties (those it names, and the listed parties
    that name it: a parent's affiliates), source records, its timeline."""
    try:
        history = services(request).lists.history(party)
        listed = services(request).lists.list_parties(dt.date.today()).parties
    except EntityListError as error:
        return render_error(request, error_status(error), str(error))
    names = {p.id: p.name for p in listed}
    named_by = [(r.kind, p) for p in listed for r in p.relations if r.party_id == history.party.id]
    return render(
        request, "party.html", nav="search", title=history.party.name, history=history, party=history.party,
        names=names, named_by=named_by, relation_labels=relation_labels(),
    )


@functools.cache
def relation_labels() -> dict[str, tuple[str, str]]:
    """Each relation kind's label and its inverse's ("Affiliate of", "Has affiliate")."""
    raw = load_package_yaml("entitylist.vocab", "relation_kinds.yaml")
    return {code: (spec["label"], spec.get("inverse") or spec["label"]) for code, spec in raw.items()}


@router.get("/changes")
def changes_page(
    request: Request,
    start: Annotated[str, Query(alias="from")] = "",
    end: Annotated[str, Query(alias="to")] = "",
) -> Response:
    """What changed after one date up to another (both ISO dates; by default the last year)."""
    today = dt.date.today()
    start_text = start.strip() or (today - dt.timedelta(days=365)).isoformat()
    end_text = end.strip() or today.isoformat()
    presets = [
        (label, (today - dt.timedelta(days=days)).isoformat(), today.isoformat())
        for label, days in (("Last 30 days", 30), ("Last year", 365), ("Last 5 years", 5 * 365), ("Last 10 years", 3652))
    ]
    context: dict[str, Any] = {"start": start_text, "end": end_text, "diff": None, "presets": presets}
    status = 200
    try:
        diff = services(request).lists.diff(parse_date(start_text), parse_date(end_text))
        context["diff"] = diff
        context["groups"] = [
            (kind, label, [c for c in diff.changes if c.change == kind])
            for kind, label in CHANGE_LABELS.items()
            if any(c.change == kind for c in diff.changes)
        ]
    except EntityListError as error:
        status = error_status(error)
        context["message"] = str(error)
    return render(request, "changes.html", status_code=status, nav="changes", title="What changed", **context)


@router.get("/charts")
def charts_page(request: Request, as_of: str = "") -> Response:
    """Charts of the list's growth: parties listed per year by country and by reason; the largest rules."""
    try:
        date = parse_date(as_of) if as_of.strip() else dt.date.today()
        insights = services(request).insights.insights(date)
    except EntityListError as error:
        return render_error(request, error_status(error), str(error))
    return render(
        request, "charts.html", nav="charts", title="Charts", insights=insights,
        chart_data=insights.model_dump(mode="json"),
    )
