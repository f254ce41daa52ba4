"""Candidate search's gathering step, compiled from ``_gather.c`` (see ``candidates.py``)."""

from array import array
from collections.abc import Sequence

from entitylist.matching.index import UnitLookup, Unit, Walk

def gather(
    seeds: Sequence[Sequence[Walk]], size: int, loose_extra: float, least_met: float, min_listed: float,
    totals: array[float], full_totals: array[float], a: float, b: float, query_floor: float, floor_met_in_full: float,
    least: float, aside: Sequence[tuple[float, Sequence[array[int]]]] | None = None, extra: float = 0.0,
    plain_totals: array[float] | None = None, may_discount: bool = True, tight_least: float = 0.0, /,
) -> tuple[list[tuple[float, float, bool, int]], dict[int, float]]: ...
def search(
    lookups: list[UnitLookup], units: tuple[Unit, ...], tokens: tuple[str, ...], listed_words: dict[str, float],
    weights: tuple[float, ...], places: frozenset[str], after_de: tuple[int, ...], middles: tuple[int, ...], floor: float,
    generic_factor: float, optional_factor: float, need: float, a: float, b: float, least: float, min_listed: float,
    margin: float, tight_least: float, size: int, totals: array[float], full_totals: array[float],
    plain_totals: array[float], /,
) -> tuple[list[tuple[float, float, bool, int]], dict[int, float], float, list[tuple[float, list[int]]], float, float, bool] | None: ...
