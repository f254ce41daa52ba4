"""The web UI: server-rendered pages (Jinja2, a little htmx) over the same services as the API.

``mount_web(app)`` adds the pages and ``/static`` (the stylesheet, the page scripts and the
vendored htmx and Chart.js, served from the package: no CDN). Like the CLI and the API, this
layer calls :mod:`entitylist.services` and renders the models they return; it never touches the
store.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from entitylist.web import alerts, documents, licensing, pages, uploads


def mount_web(app: FastAPI) -> None:
    """Add the web UI's routes and its static files to ``app``; its upload page runs the
    application's screening jobs (``app.state.upload_jobs``, shared with the API)."""
    app.mount("/static", StaticFiles(packages=[("entitylist.web", "static")]), name="static")
    app.include_router(pages.router)
    app.include_router(uploads.router)
    app.include_router(documents.router)
    app.include_router(licensing.router)
    app.include_router(alerts.router)
    app.add_middleware(uploads.UploadSizeGuard)  # added last: the outermost, before any body limit


__all__ = ["mount_web"]
