"""A bounded memo of a function's results, for the matching core's per-word and per-name work,
and a value made once when first asked (``Once``), for the vocabularies they read.

``functools.lru_cache`` is called through the interpreter: from compiled code each call builds
its arguments as a tuple, and each miss reorders a linked list and may free the entry it pushes
out. A batch meets mostly new names and many new words, so those misses cost more than the
look-ups save (0.8 us of the 6.5 us a name's normalising takes). A ``Memo`` is a plain dict,
emptied whole when full, whose methods compiled code calls directly. For the same reason a
vocabulary that every name asks for is made by a ``Once``, not behind ``functools.cache``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Results by key, at most ``most`` of them (all forgotten at once when there would be more)."""

    def __init__(self, most: int) -> None:
        if most < 1:
            raise ValueError("a memo keeps at least one result")
        self.most = most
        self._kept: dict[K, V] = {}

    def get(self, key: K, default: V | None = None) -> V | None:
        """The result kept for ``key``, or ``default`` (where None is a result: a sentinel)."""
        return self._kept.get(key, default)

    def keep(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` and give it back."""
        kept = self._kept
        if len(kept) >= self.most:
            kept.clear()
        kept[key] = value
        return value

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        self._kept.clear()


class Once(Generic[V]):
    """A value made by ``make`` when first asked for, and kept (``functools.cache`` of a function
    of no arguments, whose ``get`` compiled code calls directly)."""

    def __init__(self, make: Callable[[], V]) -> None:
        self._make = make
        self._made: list[V] = []  # (empty until made: the value may be anything, None too)

    def get(self) -> V:
        made = self._made
        if not made:
            made.append(self._make())
        return made[0]
