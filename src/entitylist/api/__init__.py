"""The REST API (FastAPI): serves what the services return, over HTTP.

``create_app(settings)`` builds the application; ``entitylist serve`` runs it with Uvicorn.
Like the CLI, this layer parses requests, calls :mod:`entitylist.services` and renders the
typed models they return; it never touches the store itself.
"""

from entitylist.api.app import create_app

__all__ = ["create_app"]
