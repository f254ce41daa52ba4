"""The web UI: server-rendered pages (Jinja2, a little htmx) over the same services as the API.

``mount_web(app)`` adds the pages and ``/static`` (the stylesheet, the page scripts and the
vendored htmx and Chart.js, served from the package: no CDN). Like the CLI and the API, this
layer calls :mod:`entitylist.services` and renders the models they return; it never touches the
store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from entitylist.web import alerts, documents, licensing, pages, uploads
from entitylist.web.jobs import UploadJobs


def mount_web(app: FastAPI) -> None:
    """Add the web UI's routes, its static files and its upload jobs (removed at shutdown) to ``app``."""
    app.state.upload_jobs = UploadJobs()
    app.mount("/static", StaticFiles(packages=[("entitylist.web", "static")]), name="static")
    app.include_router(pages.router)
    app.include_router(uploads.router)
    app.include_router(documents.router)
    app.include_router(licensing.router)
    app.include_router(alerts.router)
    app.add_middleware(uploads.UploadSizeGuard)  # added last: the outermost, before any body limit
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        try:
            async with inner(application):
                yield
        finally:
            application.state.upload_jobs.close()

    app.router.lifespan_context = lifespan


__all__ = ["mount_web"]
