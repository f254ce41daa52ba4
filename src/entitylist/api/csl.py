"""``GET /api/search``: the trade.gov Consolidated Screening List search API (v1), on our list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic_core import to_json

from entitylist.api.csl_models import CslSearchResponse
from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey
from entitylist.services.search import SearchQuery, parse_list

router = APIRouter(tags=["CSL search"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)

Listed = Annotated[str | None, Query(max_length=2000, description="Comma-separated values")]
Text = Annotated[str | None, Query(max_length=2000)]


@router.get("/api/search", response_model=CslSearchResponse, response_model_exclude_none=False, summary="Search the list as the CSL API does")
def search(
    services: ServicesDep,
    name: Text = None,
    fuzzy_name: bool = False,
    sources: Listed = None,
    types: Listed = None,
    type: Listed = None,
    countries: Listed = None,
    address: Text = None,
    city: Text = None,
    state: Text = None,
    postal_code: Text = None,
    full_address: Text = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    size: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:
    """Entries whose name or alias holds every word of ``name``, the last word perhaps only
    begun (``fuzzy_name=true``: that the screening matcher scores as the name, best first),
    filtered by list code (``sources``: EL, SDN, ...), type (Individual, Entity, Vessel,
    Aircraft), country code and address parts. The body is encoded straight from the
    prepared records (the schema documents it), which keeps a search at about a millisecond."""
    query = SearchQuery(
        name=name,
        fuzzy_name=fuzzy_name,
        sources=parse_list(sources),
        types=parse_list(types) + parse_list(type),
        countries=parse_list(countries),
        address=address,
        city=city,
        state=state,
        postal_code=postal_code,
        full_address=full_address,
        offset=offset,
        size=size,
    )
    page = services.search.search(query)
    body = {
        "total": page.total,
        "offset": page.offset,
        "sources_used": [
            {
                "source": s.source,
                "source_last_updated": s.source_last_updated,
                "last_imported": s.last_imported,
                "import_rate": s.import_rate,
            }
            for s in page.sources_used
        ],
        "search_performed_at": page.search_performed_at,
        "results": [
            {**hit.record, "score": hit.score, "matched_fields": hit.matched_fields} for hit in page.results
        ],
    }
    return Response(to_json(body), media_type="application/json")
