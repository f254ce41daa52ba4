"""yente-style matching (OpenSanctions' ``/match`` API): FollowTheMoney example entities in,
listed parties as FollowTheMoney entities out, each scored and explained by the screening matcher.

How a query's properties feed screening is data (``vocab/ftm_match.yaml``): every name and
alias is screened, the evidence properties (country, nationality, date of birth, address,
identifiers) weigh in as they do for ``screen``, and a party keeps its best score.

A request's ``weights`` and ``config`` are honoured as yente honours them (nomenklatura's
``ScoringConfig``): a weight replaces the weight of the feature of that name (the features of
``vocab/match_weights.yaml``, listed by ``GET /api/algorithms``) for this request only, and a
weight named for a feature this algorithm lacks is ignored; a ``config`` key must be one the
algorithm defines (``config`` in ``vocab/ftm_match.yaml``), else the request is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from entitylist.errors import InvalidInput, NotFound
from entitylist.exporters import ftm_properties, ftm_schema
from entitylist.matching.weights import Weights, default_weights
from entitylist.reference import MAX_NAME_LENGTH, load_package_yaml, vocabulary
from entitylist.screening import ListIndex
from entitylist.services.base import StoreBacked
from entitylist.services.models import MatchOut
from entitylist.services.output_model import Out as _Out
from entitylist.services.screening import ScreeningService
from entitylist.state import PartyState

ALGORITHM = "entitylist"
ALGORITHM_NAMES = (ALGORITHM, "best")  # "best" as yente clients ask for it
MAX_QUERIES = 100
MAX_NAMES = 50  # names a query is screened by: its names and aliases, and the names its parts make
# (constrained strings are checked character by character: a lone surrogate, which no text can
# hold, is refused as invalid input, where it passed through to the matcher and failed there)
Key = Annotated[str, StringConstraints(max_length=300)]
Value = Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH)]  # (the longest name ``screen`` takes)
DEFAULT_DATASET = "default"  # everything loaded
MAX_LIMIT = 500
NAME_FEATURE = "name_similarity"  # the score's base: its coefficient is 1, not a weight to change
ConfigValue = str | int | float | bool | None  # as yente's ScoringConfig takes them


@functools.cache
def _mapping() -> tuple[dict[str, str | None], dict[str, str]]:
    raw = load_package_yaml("entitylist.vocab", "ftm_match.yaml")
    return dict(raw["schemata"]), dict(raw["properties"])


@functools.cache
def _name_parts() -> tuple[str, ...]:
    """The properties a person's name is made of, in the order they are joined (``name_parts``)."""
    return tuple(str(p) for p in load_package_yaml("entitylist.vocab", "ftm_match.yaml")["name_parts"])


@functools.cache
def _config_keys() -> dict[str, dict[str, str]]:
    raw = load_package_yaml("entitylist.vocab", "ftm_match.yaml")
    return {str(key): {str(k): str(v) for k, v in spec.items()} for key, spec in raw["config"].items()}


def _config_default(spec: dict[str, str]) -> float:
    weights = default_weights()
    return -weights.feature(spec["penalty"]).weight if "penalty" in spec else weights.evidence_name_floor


@dataclass(frozen=True)
class Scoring:
    """What a match request scores with: its own weights (None: the defaults), and the weights
    it named for features this algorithm lacks (ignored, as yente ignores them)."""

    weights: Weights | None = None
    ignored: tuple[str, ...] = ()


def _number(what: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidInput(f"{what} must be a number from {low:g} to {high:g}, not {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput(f"{what} must be a number from {low:g} to {high:g}, not {value!r}") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InvalidInput(f"{what} must be a number from {low:g} to {high:g}, not {value!r}")
    return number


class EntityExample(_Out):
    """A query: an example entity of a FollowTheMoney schema."""

    id: Key | None = None
    schema_: Key = Field(alias="schema", description="A FollowTheMoney schema: Person, Company, Organization, ...")
    properties: dict[Key, list[Value]] = Field(
        default_factory=dict,
        description="Property: its values (a list, or one value as yente takes it; numbers are read as text)",
    )

    model_config = {"frozen": True, "populate_by_name": True}

    @field_validator("properties", mode="before")
    @classmethod
    def _values_as_lists(cls, properties: object) -> object:
        """One value, or a number, as yente takes it: a list of the value as text."""
        if not isinstance(properties, Mapping):
            return properties
        return {key: [_as_text(v) for v in (values if isinstance(values, list) else [values])] for key, values in properties.items()}


def _as_text(value: object) -> object:
    """A number as text ("imoNumber": 9123456); anything else as given, for validation to judge."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class FeatureExplanation(_Out):
    detail: str
    score: float
    query: list[str]
    candidate: list[str]


class EntityOut(_Out):
    """A listed party as a FollowTheMoney entity (yente's entity shape)."""

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str]
    target: bool = True
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    last_change: dt.datetime | None = None

    model_config = {"frozen": True, "populate_by_name": True}


class ScoredEntity(EntityOut):
    score: float
    match: bool
    features: dict[str, float]
    explanations: dict[str, FeatureExplanation]


class QueryMatches(_Out):
    status: int = 200
    results: list[ScoredEntity]
    total: dict[str, int | str]
    query: EntityExample
    ignored_properties: list[str] = Field(
        default_factory=list,
        description="The query's properties matching does not use (not FollowTheMoney properties it knows), "
        "skipped as yente skips them (an entitylist addition)",
    )


class AlgorithmFeature(_Out):
    description: str
    coefficient: float


class ConfigVar(_Out):
    """A ``config`` key of a match request (yente's ``ConfigVar``)."""

    type: Literal["float"] = "float"
    description: str
    default: float


class AlgorithmDocs(_Out):
    """The algorithm as yente documents one: its features and its ``config`` keys."""

    name: str
    description: str
    config: dict[str, ConfigVar]
    features: dict[str, AlgorithmFeature]


class AlgorithmOut(_Out):
    name: str
    description: str
    features: dict[str, AlgorithmFeature] = Field(description="As in docs.features (yente's older field)")
    config: dict[str, ConfigVar] = Field(description="The config keys a match request may set")
    docs: AlgorithmDocs


class Algorithms(_Out):
    algorithms: list[AlgorithmOut]
    default: str
    best: str


def _at(date: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(date, dt.time(), dt.timezone.utc) if date else None


def entity_out(state: PartyState) -> EntityOut:
    """A party as yente shows an entity; addresses as one-line ``address`` values."""
    properties = ftm_properties(state)
    addresses = [a.one_line() for a in state.party.addresses]
    if addresses:
        properties["address"] = addresses
    changed = max((a.effective_date for a in state.actions), default=None)
    return EntityOut(
        id=state.id,
        caption=state.party.name,
        schema_=ftm_schema(state),
        properties=properties,
        datasets=state.datasets,
        referents=[r for r in state.records if r != state.id],
        first_seen=_at(state.listed_since),
        last_seen=_at(dt.date.today()),
        last_change=_at(changed),
    )


class _Query:
    """A checked example: what screening is asked."""

    def __init__(self, example: EntityExample) -> None:
        schemata, roles = _mapping()
        if example.schema_ not in schemata:
            raise InvalidInput(f"cannot match on schema {example.schema_!r} (matchable: {', '.join(schemata)})")
        self.kind = schemata[example.schema_]
        values: dict[str, list[str]] = {}
        self.ignored: list[str] = []  # properties matching does not know, skipped as yente skips them
        parts: dict[str, list[str]] = {}
        for prop, items in example.properties.items():
            given = [v.strip() for v in items if v and v.strip()]
            role = roles.get(prop)
            if role is None:
                self.ignored.append(prop)
            elif role == "name_part":
                parts[prop] = given
            else:
                values.setdefault(role, []).extend(given)
        names = values.get("name", [])
        if example.schema_ == "Person":
            names = names + _combined_names(parts)
        self.names = list(dict.fromkeys(names))
        if not self.names:
            raise InvalidInput(
                "a query needs at least one name (properties.name, or a person's firstName, lastName, ...)"
            )
        if len(self.names) > MAX_NAMES:
            raise InvalidInput(f"a query has {len(self.names)} names (its names and those its name parts make): at most {MAX_NAMES}")
        countries = values.get("country", [])
        self.country = countries[0] if countries else None
        nationalities = values.get("nationality", [])
        self.nationality = nationalities[0] if nationalities else None
        births = values.get("birth_date", [])
        self.birth_date = births[0] if births else None
        addresses = values.get("address", [])
        self.address = addresses[0] if addresses else None
        self.identifiers = values.get("identifier", [])
        if self.country:
            vocabulary().country_code(self.country)


def _combined_names(parts: Mapping[str, list[str]]) -> list[str]:
    """A person's full names made of the name parts given (first, second, middle, father's,
    mother's and last names, in that order, each way the parts' values combine), as yente makes
    them for matching (FollowTheMoney's ``combine_names``); a last name alone where it is the
    only part."""
    given = [parts[p] for p in _name_parts() if parts.get(p)]
    if not given:
        return []
    count = math.prod(len(values) for values in given)
    if count > MAX_NAMES:
        raise InvalidInput(f"the name parts combine into {count} names: at most {MAX_NAMES}")
    return [" ".join(" ".join(combination).split()) for combination in itertools.product(*given)]


class MatchService(StoreBacked):
    """Matches example entities against the list on a date; shares the screening service's indexes."""

    def __init__(self, store: Any, screening: ScreeningService) -> None:
        super().__init__(store)
        self._screening = screening
        self._by_id: tuple[ListIndex, dict[str, PartyState]] | None = None

    def _states(self, as_of: dt.date | None) -> dict[str, PartyState]:
        index = self._screening.listed_index(as_of)
        known = self._by_id
        if known is None or known[0] is not index:
            known = (index, {s.id: s for s in index.parties})
            self._by_id = known
        return known[1]

    @staticmethod
    def check(algorithm: str, limit: int, threshold: float, cutoff: float, queries: int) -> None:
        """Refuse what cannot be answered, before anything is screened."""
        if algorithm not in ALGORITHM_NAMES:
            raise InvalidInput(f"unknown algorithm {algorithm!r} (known: {', '.join(ALGORITHM_NAMES)})")
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        for name, value in (("threshold", threshold), ("cutoff", cutoff)):
            if not 0.0 <= value <= 1.0:
                raise InvalidInput(f"{name} must be between 0 and 1, not {value}")
        if queries > MAX_QUERIES:
            raise InvalidInput(f"too many queries: {queries} (at most {MAX_QUERIES} per request)")

    def match(
        self,
        queries: dict[str, EntityExample],
        *,
        limit: int = 5,
        threshold: float = 0.7,
        cutoff: float = 0.5,
        algorithm: str = ALGORITHM,
        dataset: str = DEFAULT_DATASET,
        as_of: dt.date | None = None,
        scoring: Scoring | None = None,
    ) -> dict[str, QueryMatches]:
        """Each query's best ``limit`` parties scoring at least ``cutoff``; ``match`` from ``threshold`` up.
        ``dataset``: ``default`` (everything loaded) or one dataset of the store; ``scoring``: the
        request's own weights (see :meth:`scoring`)."""
        features = scoring.weights if scoring is not None else None
        self.check(algorithm, limit, threshold, cutoff, len(queries))
        if dataset != DEFAULT_DATASET and dataset not in self._store.datasets():
            raise NotFound(f"no dataset {dataset!r} (known: {', '.join(sorted({DEFAULT_DATASET, *self._store.datasets()}))})")
        checked = {key: _Query(example) for key, example in queries.items()}  # every query checked first
        states = self._states(as_of)
        wanted = limit if dataset == DEFAULT_DATASET else MAX_LIMIT
        responses: dict[str, QueryMatches] = {}
        for key, query in checked.items():
            best: dict[str, MatchOut] = {}
            for name in query.names:
                result = self._screening.screen(
                    name, country=query.country, address=query.address, as_of=as_of, threshold=cutoff, limit=wanted,
                    type=query.kind, birth_date=query.birth_date, nationality=query.nationality,
                    identifiers=query.identifiers, features=features,
                )
                for found in result.matches:
                    state = states.get(found.party_id)
                    if state is None or (dataset != DEFAULT_DATASET and dataset not in state.datasets):
                        continue
                    known = best.get(found.party_id)
                    if known is None or found.score > known.score:
                        best[found.party_id] = found
            ranked = sorted(best.values(), key=lambda m: -m.score)[:limit]
            results = [self._scored(states[m.party_id], m, threshold) for m in ranked]
            responses[key] = QueryMatches(
                results=results, total={"value": len(results), "relation": "eq"}, query=queries[key],
                ignored_properties=query.ignored,
            )
        return responses

    @staticmethod
    def _scored(state: PartyState, found: MatchOut, threshold: float) -> ScoredEntity:
        features: dict[str, float] = {}
        explanations: dict[str, FeatureExplanation] = {}
        explanation = found.explanation
        query_name = found.matched_name
        if explanation is not None:
            query_words = [t.query for t in explanation.tokens] + explanation.unmatched_query
            query_name = " ".join(query_words) or found.matched_name
            for feature in explanation.features:
                features[feature.feature] = feature.value
                detail = (
                    f"{len(explanation.tokens)} word(s) aligned with {found.matched_name!r} ({explanation.name_kind})"
                    if feature.feature == "name_similarity"
                    else f"{feature.feature}: {feature.value:g}, adds {feature.contribution:g} to the score"
                )
                explanations[feature.feature] = FeatureExplanation(
                    detail=detail, score=feature.value, query=[query_name], candidate=[found.matched_name]
                )
        entity = entity_out(state)
        return ScoredEntity(
            **entity.model_dump(by_alias=False),
            score=found.score,
            match=found.score >= threshold,
            features=features,
            explanations=explanations,
        )

    def entity(self, entity_id: str, as_of: dt.date | None = None) -> EntityOut:
        """One party by its id or the id of one of its records, as listed on ``as_of`` (today) or last listed."""
        state = self._states(as_of).get(entity_id)
        if state is None and entity_id in self._store.record_ids():  # a record merged into a party, or removed
            state = self._store.parties().get(entity_id)
        if state is None:
            raise NotFound(f"no entity has the id {entity_id!r}")
        return entity_out(state)

    @staticmethod
    def scoring(weights: Mapping[str, object] | None = None, config: Mapping[str, object] | None = None) -> Scoring:
        """A request's ``weights`` (feature name: weight from -1 to 1) and ``config`` (key: value
        from 0 to 1, null for the default), checked and applied to the default weights."""
        defaults = default_weights()
        keys = _config_keys()
        overrides: dict[str, float] = {}
        floor: float | None = None
        for key, value in (config or {}).items():
            spec = keys.get(key)
            if spec is None:
                known = ", ".join(keys)
                raise InvalidInput(f"invalid configuration parameter {key!r} for algorithm {ALGORITHM!r} (known: {known})")
            if value is None:
                continue
            number = _number(f"config {key!r}", value, 0.0, 1.0)
            if "penalty" in spec:
                overrides[spec["penalty"]] = -number
            else:
                floor = number
        ignored: list[str] = []
        for name, value in (weights or {}).items():
            weight = _number(f"the weight of {name!r}", value, -1.0, 1.0)
            if name == NAME_FEATURE:
                if weight != 1.0:
                    raise InvalidInput(f"{NAME_FEATURE} is the base of the score: its weight is 1 and cannot be changed")
            elif name in defaults.features:
                overrides[name] = weight
            else:
                ignored.append(name)
        if not overrides and floor is None:
            return Scoring(None, tuple(ignored))
        return Scoring(defaults.overridden(overrides, floor), tuple(ignored))

    @staticmethod
    def algorithms() -> Algorithms:
        """The one scoring algorithm, with its features and their weights."""
        weights = default_weights()
        features = {"name_similarity": AlgorithmFeature(description="How alike the names are, word by word", coefficient=1.0)}
        for key, feature in weights.features.items():
            features[key] = AlgorithmFeature(description=feature.description, coefficient=feature.weight)
        config = {
            key: ConfigVar(description=spec["description"], default=_config_default(spec))
            for key, spec in _config_keys().items()
        }
        description = (
            "entitylist's screening score: name similarity with evidence adjustments "
            f"(a match from {weights.match_threshold:g} by default)"
        )
        docs = AlgorithmDocs(name=ALGORITHM, description=description, config=config, features=features)
        return Algorithms(
            algorithms=[
                AlgorithmOut(name=ALGORITHM, description=description, features=features, config=config, docs=docs)
            ],
            default=ALGORITHM,
            best=ALGORITHM,
        )


