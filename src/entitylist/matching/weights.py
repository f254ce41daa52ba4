"""The screening score's weights and thresholds, read from ``vocab/match_weights.yaml``."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from entitylist.matching.chinese import brand_readings
from entitylist.reference import load_package_yaml


@dataclass(frozen=True)
class NameParams:
    listed_exponent: float
    query_exponent: float
    token_min_similarity: float
    fuzzy_min_length: int
    variant_typo_min_similarity: float
    joined_similarity: float
    skeleton_similarity: float
    phonetic_similarity: float
    romanisation_similarity: float
    stem_similarity: float
    nickname_similarity: float
    initial_similarity: float
    acronym_similarity: float
    contraction_similarity: float
    abbreviation_similarity: float
    compound_similarity: float
    distinctive_min_weight: float
    generic_only_factor: float
    generic_word_weight: float
    unknown_token_weight: float
    unmatched_generic_factor: float
    optional_word_factor: float
    generic_left_out_factor: float
    penalty_floor_share: float
    spelling_residual: float


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    description: str


@dataclass(frozen=True)
class Weights:
    name: NameParams
    features: dict[str, Feature]
    evidence_name_floor: float
    match_threshold: float
    candidates: int
    synonym_similarity: float
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    # first words of the multi-word synonym phrases ("know" of "know how"), read for every query:
    # a plain field worked out once (the compiled core has no cached properties)
    phrase_starts: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        starts = frozenset(phrase.split()[0] for phrase in self.synonyms if " " in phrase)
        object.__setattr__(self, "phrase_starts", starts)

    def feature(self, key: str) -> Feature:
        return self.features[key]

    def overridden(self, features: Mapping[str, float], evidence_name_floor: float | None = None) -> Weights:
        """These weights with some features' weights (by name: each one of ``features``) and the
        evidence floor replaced, for one request; the name parameters and thresholds stay."""
        return Weights(
            name=self.name,
            features={k: Feature(k, features.get(k, f.weight), f.description) for k, f in self.features.items()},
            evidence_name_floor=self.evidence_name_floor if evidence_name_floor is None else evidence_name_floor,
            match_threshold=self.match_threshold,
            candidates=self.candidates,
            synonym_similarity=self.synonym_similarity,
            synonyms=self.synonyms,
        )


def _load_synonyms() -> tuple[float, dict[str, frozenset[str]]]:
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "synonyms.yaml")
    by_phrase: dict[str, set[str]] = {}
    for listed, phrases in raw["words"].items():
        for phrase in phrases:
            key = " ".join(str(phrase).casefold().replace("-", " ").split())
            by_phrase.setdefault(key, set()).add(str(listed))
    for reading, brand in brand_readings().items():  # a Chinese brand in pinyin for its English name
        by_phrase.setdefault(reading, set()).add(brand)
    return float(raw["similarity"]), {k: frozenset(v) for k, v in by_phrase.items()}


@functools.cache
def default_weights() -> Weights:
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "match_weights.yaml")
    features_raw = dict(raw["features"])
    floor = float(features_raw.pop("evidence_name_floor"))
    features = {
        key: Feature(key, float(spec["weight"]), str(spec["description"])) for key, spec in features_raw.items()
    }
    similarity, synonyms = _load_synonyms()
    return Weights(
        name=NameParams(**{k: type(v)(v) for k, v in raw["name"].items()}),
        features=features,
        evidence_name_floor=floor,
        match_threshold=float(raw["thresholds"]["match"]),
        candidates=int(raw["thresholds"]["candidates"]),
        synonym_similarity=similarity,
        synonyms=synonyms,
    )
