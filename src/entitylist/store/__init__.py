"""Persistence of the action log (SQLAlchemy 2 + Alembic).

``Store`` is imported on first use: SQLAlchemy costs a fifth of a one-shot command, and a
screening answered from its snapshot reads the store through :mod:`entitylist.store.quick`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from entitylist.store.config import resolve_url

if TYPE_CHECKING:
    from entitylist.store.store import Store


def __getattr__(name: str) -> Any:
    if name == "Store":
        from entitylist.store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Store", "resolve_url"]
