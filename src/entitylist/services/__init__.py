"""Use cases over the list store, shared by every interface (CLI, API, library).

``Services`` opens the store named by the settings and hands out one service per concern:
``lists`` (list, show, history, diff, stats), ``screening`` (one name, many, a file) and
``imports`` (import, update, export). Each returns the typed models of
:mod:`entitylist.services.models`; interfaces parse their input, call a service and render
what it returns, and never touch the store themselves.
"""

from __future__ import annotations

from functools import cached_property

from entitylist.services.imports import ImportService
from entitylist.services.lists import ListService
from entitylist.services.screening import ScreeningService
from entitylist.settings import Settings
from entitylist.store import Store


class Services:
    """The services over one store; open with :meth:`open`, close with ``with`` or :meth:`close`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, settings: Settings | None = None, *, seed: bool = True) -> Services:
        """Services over the store the settings name (``ENTITYLIST_DB``, else the default file)."""
        chosen = settings or Settings()
        return cls(Store.open(chosen.db, seed=seed))

    @cached_property
    def lists(self) -> ListService:
        return ListService(self.store)

    @cached_property
    def screening(self) -> ScreeningService:
        return ScreeningService(self.store)

    @cached_property
    def imports(self) -> ImportService:
        return ImportService(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["ImportService", "ListService", "ScreeningService", "Services"]
