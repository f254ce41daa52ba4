"""``entitylist serve``: the REST API (and web UI) on a local port, with Uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from entitylist.cli.common import err, options, settings


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes; each keeps its own index (about one per core).")
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the web UI until interrupted."""
    import uvicorn

    from entitylist.api import create_app

    chosen = settings()  # a bad ENTITYLIST_* value is refused here, before anything starts
    shown = f"[{host}]" if ":" in host else host
    err.print(f"entitylist serving on [bold]http://{shown}:{port}/[/bold] (API docs at /docs); Ctrl+C stops it")
    if workers == 1:
        uvicorn.run(create_app(chosen), host=host, port=port, log_level="warning")
        return
    if options.db:
        os.environ["ENTITYLIST_DB"] = options.db  # worker processes read their settings from the environment
    uvicorn.run("entitylist.api:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command()(serve)
