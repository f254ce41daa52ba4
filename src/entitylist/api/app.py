"""The application factory: one ``Services`` per application, opened at start-up, closed at shutdown."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from entitylist import __version__
from entitylist.api import csl, licensing, monitoring, parties, problems, scan, screening, writes, yente
from entitylist.api.limits import BodySizeLimit
from entitylist.api.security import open_reads
from entitylist.services import Services
from entitylist.services.jobs import ScreeningJobs
from entitylist.settings import Settings
from entitylist.web import mount_web


def _warm(services: Services) -> None:
    """Open the store (creating a new one with the bundled data), build today's index and look
    its listed words up before the first requests ask for them; a failure here is the first
    request's to report."""
    try:
        services.search.warm()
        services.screening.look_up_listed_words()
    except Exception:  # noqa: BLE001 - the request that needs the store reports what is wrong
        logging.getLogger("entitylist.api").debug("warming the index failed", exc_info=True)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store the settings name (``ENTITYLIST_DB``, else the default file)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with Services.open(settings) as services:
            app.state.services = services
            try:  # created (and seeded) here, before any request or the warm-up can race to create it
                services.store  # noqa: B018 - opening is the point
            except Exception:  # noqa: BLE001 - the first request that needs the store reports what is wrong
                logging.getLogger("entitylist.api").debug("opening the store failed", exc_info=True)
            if settings.warm_index:
                threading.Thread(target=_warm, args=(services,), name="entitylist-warm", daemon=True).start()
            try:
                yield
            finally:
                app.state.upload_jobs.close()  # uploads and results are not kept across restarts

    app = FastAPI(
        title="entitylist",
        version=__version__,
        description="The U.S. Entity List with its history: search, screen, look up parties and changes. "
        "Errors are RFC 9457 problem details (application/problem+json).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.upload_jobs = ScreeningJobs()  # files screened in the background: the API's jobs and the web's uploads
    problems.install(app)
    documented = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = open_reads(problems.problem_schemas(documented()), settings.read_requires_key)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(BodySizeLimit, upload_bytes=settings.max_upload_bytes, other_bytes=settings.max_json_bytes)
    for module in (csl, yente, screening, parties, writes, monitoring, licensing, scan):
        app.include_router(module.router)

    @app.get("/healthz", tags=["meta"], summary="Liveness: the server answers, and its version")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    mount_web(app)
    return app
