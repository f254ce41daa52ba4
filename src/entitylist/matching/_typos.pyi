"""A cold word's typo look-up, compiled from ``_typos.c`` (see ``index.py``)."""

from collections.abc import Iterable, Mapping, Sequence

def typo_filter(tables: Iterable[Iterable[str]], /) -> bytes: ...
def typo_candidates(
    text: str, keys: bytes | None, unit_weight: Mapping[str, float], deletes: Mapping[str, Sequence[str]], twice: bool, /
) -> set[str]: ...
