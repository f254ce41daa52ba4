"""The application factory: one ``Services`` per application, opened at start-up, closed at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from entitylist import __version__
from entitylist.api import monitoring
from entitylist.api.deps import ServicesDep
from entitylist.services import Services
from entitylist.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store the settings name (``ENTITYLIST_DB``, else the default file)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with Services.open(settings) as services:
            app.state.services = services
            yield

    app = FastAPI(
        title="entitylist",
        version=__version__,
        description="The U.S. Entity List with its history: search, screen, look up parties and changes.",
        lifespan=lifespan,
    )

    @app.get("/healthz", tags=["meta"], summary="Liveness and the list version served")
    def healthz(services: ServicesDep) -> dict[str, str | int]:
        return {"status": "ok", "version": __version__}

    app.include_router(monitoring.router)
    return app
