"""Use cases over the list store, shared by every interface (CLI, API, library).

``Services`` opens the store the settings name and hands out one service per concern:
``lists`` (list, show, history, diff, stats), ``screening`` (one name, many, a file),
``imports`` (import, update, export), ``links`` (link, unlink, suggestions), ``validation``
(compare one pair, evaluate labelled pairs), ``scan`` (listed parties mentioned in documents) and ``database`` (where it is, creating and
upgrading it). Each returns the
typed models of :mod:`entitylist.services.models`; interfaces parse their input, call a service
and render what it returns, and never touch the store themselves. A service's module is imported
when it is first used, so a command loads only the code it needs.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from entitylist.settings import Settings

if TYPE_CHECKING:
    from entitylist.store import Store
    from entitylist.store.quick import QuickReader
    from entitylist.services.completion import CompletionService
    from entitylist.services.database import DatabaseService
    from entitylist.services.imports import ImportService
    from entitylist.services.insights import InsightService
    from entitylist.services.links import LinkService
    from entitylist.services.lists import ListService
    from entitylist.services.scan import ScanService
    from entitylist.services.screening import ScreeningService
    from entitylist.services.search import SearchService
    from entitylist.services.match import MatchService
    from entitylist.services.validation import ValidationService
    from entitylist.services.audit import AuditService
    from entitylist.services.licensing import LicensingService
    from entitylist.services.ownership import OwnershipService
    from entitylist.services.reviews import ReviewService
    from entitylist.services.alerts import AlertService
    from entitylist.services.portfolios import PortfolioService


class Services:
    """The services over one store, which is opened when a service first needs it (so a bad
    argument is refused before any database is touched); close with ``with`` or :meth:`close`."""

    def __init__(self, settings: Settings | None = None, *, store: Store | None = None, quick_reads: bool = False) -> None:
        """``quick_reads``: a one-shot process (a command) may read a current SQLite store's list
        version without opening the store, and screen from the version's snapshot without
        importing SQLAlchemy at all (see :mod:`entitylist.store.quick`)."""
        self.settings = settings or Settings()
        self._opened = store
        self._opening = threading.Lock()  # a server's threads open the store once
        self._quick_reads = quick_reads and store is None

    @classmethod
    def open(cls, settings: Settings | None = None, *, quick_reads: bool = False) -> Services:
        """Services over the store the settings name (``ENTITYLIST_DB``, else the default file)."""
        return cls(settings, quick_reads=quick_reads)

    @property
    def store(self) -> Store:
        if self._opened is None:
            with self._opening:
                if self._opened is None:
                    from entitylist.store import Store

                    self._opened = Store.open(self.settings.db)
        return self._opened

    @cached_property
    def _quick(self) -> QuickReader | None:
        """A SQLAlchemy-free reader of the store, when quick reads were asked for and the store qualifies."""
        if not self._quick_reads or self._opened is not None:
            return None
        from entitylist.store.quick import QuickReader

        return QuickReader.open(self.settings.db)

    def _opener(self) -> Store:
        return self.store

    @cached_property
    def lists(self) -> ListService:
        from entitylist.services.lists import ListService

        return ListService(self._opener)

    @cached_property
    def screening(self) -> ScreeningService:
        from entitylist.services.screening import ScreeningService

        return ScreeningService(self._opener, quick=(lambda: self._quick) if self._quick_reads else None)

    @cached_property
    def imports(self) -> ImportService:
        from entitylist.services.imports import ImportService

        return ImportService(self._opener)

    @cached_property
    def links(self) -> LinkService:
        from entitylist.services.links import LinkService

        return LinkService(self._opener)

    @cached_property
    def validation(self) -> ValidationService:
        from entitylist.services.validation import ValidationService

        return ValidationService(self._opener)

    @cached_property
    def database(self) -> DatabaseService:
        from entitylist.services.database import DatabaseService

        return DatabaseService(self.settings)

    @cached_property
    def search(self) -> SearchService:
        from entitylist.services.search import SearchService

        return SearchService(self._opener, self.screening)

    @cached_property
    def match(self) -> MatchService:
        from entitylist.services.match import MatchService

        return MatchService(self._opener, self.screening)

    @cached_property
    def insights(self) -> InsightService:
        from entitylist.services.insights import InsightService

        return InsightService(self._opener)

    @cached_property
    def completion(self) -> CompletionService:
        from entitylist.services.completion import CompletionService

        return CompletionService(self._opener)

    @cached_property
    def licensing(self) -> LicensingService:
        from entitylist.services.licensing import LicensingService

        return LicensingService(self._opener)

    @cached_property
    def ownership(self) -> OwnershipService:
        from entitylist.services.ownership import OwnershipService

        return OwnershipService(self._opener)

    @cached_property
    def reviews(self) -> ReviewService:
        from entitylist.services.reviews import ReviewService

        return ReviewService(self._opener)

    @cached_property
    def audit(self) -> AuditService:
        from entitylist.services.audit import AuditService

        return AuditService(self._opener)

    @cached_property
    def portfolios(self) -> PortfolioService:
        from entitylist.services.portfolios import PortfolioService
        from entitylist.services.reviews import ClearedByReviews

        return PortfolioService(
            self._opener, self.settings, reviews=ClearedByReviews(self.reviews), index_for=self.screening.listed_index,
        )

    @cached_property
    def alerts(self) -> AlertService:
        from entitylist.services.alerts import AlertService

        return AlertService(self._opener, self.settings)

    @cached_property
    def scan(self) -> ScanService:
        from entitylist.services.scan import ScanService

        return ScanService(self._opener, index_for=self.screening.listed_index)

    def close(self) -> None:
        quick = self.__dict__.get("_quick")
        if quick is not None:
            quick.close()
        if self._opened is not None:
            self._opened.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Services", "Settings"]
