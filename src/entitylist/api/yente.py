"""yente-compatible matching (OpenSanctions): ``POST /api/match/{dataset}``, ``GET /api/algorithms``,
``GET /api/entities/{id}``, in yente's request and response shapes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from entitylist.api.deps import ServicesDep
from entitylist.api.problems import PROBLEM_RESPONSES
from entitylist.api.security import ReadKey
from entitylist.services.match import (
    ALGORITHM,
    MAX_QUERIES,
    Algorithms,
    ConfigValue,
    EntityExample,
    EntityOut,
    Key,
    MatchService,
    QueryMatches,
)

router = APIRouter(tags=["yente matching"], dependencies=[ReadKey], responses=PROBLEM_RESPONSES)


IGNORED_WEIGHTS = "X-Entitylist-Ignored-Weights"
IGNORED_PROPERTIES = "X-Entitylist-Ignored-Properties"


def header_list(names: Iterable[str]) -> str:
    """Names as a header value: each percent-encoded as UTF-8 (a header holds Latin-1 and no line
    breaks; the names are the client's own), comma-separated, each once."""
    return ",".join(quote(name, safe="") for name in dict.fromkeys(names))


class MatchRequest(BaseModel):
    """yente's match body: named example entities, and the request's own feature weights and config."""

    weights: dict[Key, float] = Field(
        default_factory=dict, examples=[{"country_differs": -0.3}],
        description="Feature name: weight (-1 to 1), replacing that feature's weight for this request "
        "(the features of GET /api/algorithms); a name the algorithm lacks is ignored, as yente ignores it, "
        f"and named in the {IGNORED_WEIGHTS} header (percent-encoded)",
    )
    config: dict[Key, ConfigValue] = Field(
        default_factory=dict, examples=[{"nm_number_mismatch": 0.4}],
        description="Algorithm-specific parameters (the config of GET /api/algorithms; null: the default); "
        "an unknown key is a 400",
    )
    queries: dict[Key, EntityExample] = Field(description=f"At most {MAX_QUERIES} named queries")


class MatchResponse(BaseModel):
    responses: dict[str, QueryMatches]
    limit: int


DatasetName = Annotated[str, Path(max_length=100, description="default: everything loaded; or one dataset")]


@router.post(
    "/api/match/{dataset}", response_model=MatchResponse, summary="Match example entities (yente)",
    responses={200: {"headers": {
        IGNORED_WEIGHTS: {
            "description": "The weights named for features this algorithm lacks (ignored), each percent-encoded "
            "(UTF-8), comma-separated",
            "schema": {"type": "string"},
        },
        IGNORED_PROPERTIES: {
            "description": "The queries' properties matching does not use (skipped), each percent-encoded (UTF-8), "
            "comma-separated",
            "schema": {"type": "string"},
        },
    }}},
)
def match(
    services: ServicesDep,
    body: MatchRequest,
    response: Response,
    dataset: DatasetName,
    limit: Annotated[int, Query(ge=1, le=500)] = 5,
    threshold: Annotated[float, Query(ge=0, le=1)] = 0.7,
    cutoff: Annotated[float, Query(ge=0, le=1)] = 0.5,
    algorithm: Annotated[str, Query(max_length=100)] = ALGORITHM,
) -> MatchResponse:
    """Each query's best ``limit`` listed parties scoring at least ``cutoff``; ``match`` is true
    from ``threshold`` up. More than 100 queries: 400. ``weights`` and ``config`` change the score
    for this request only, as yente's do."""
    scoring = MatchService.scoring(body.weights, body.config)
    responses = services.match.match(
        body.queries, limit=limit, threshold=threshold, cutoff=cutoff, algorithm=algorithm, dataset=dataset,
        scoring=scoring,
    )
    if scoring.ignored:
        response.headers[IGNORED_WEIGHTS] = header_list(scoring.ignored)
    ignored = [name for found in responses.values() for name in found.ignored_properties]
    if ignored:
        response.headers[IGNORED_PROPERTIES] = header_list(ignored)
    return MatchResponse(responses=responses, limit=limit)


@router.get("/api/algorithms", response_model=Algorithms, summary="The scoring algorithm and its features (yente)")
def algorithms() -> Algorithms:
    return MatchService.algorithms()


@router.get("/api/entities/{entity_id}", response_model=EntityOut, summary="One party as a FollowTheMoney entity (yente)")
def entity(services: ServicesDep, entity_id: Annotated[str, Path(max_length=300)]) -> EntityOut:
    return services.match.entity(entity_id)
