"""Persistence of the action log (SQLAlchemy 2 + Alembic)."""

from entitylist.store.config import resolve_url
from entitylist.store.store import Store

__all__ = ["Store", "resolve_url"]
