"""``entitylist serve``: the REST API (and web UI) on a local port, with Uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from entitylist.cli.common import err, settings


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the web UI until interrupted."""
    import uvicorn

    from entitylist.api import create_app

    app = create_app(settings())
    shown = f"[{host}]" if ":" in host else host
    err.print(f"entitylist serving on [bold]http://{shown}:{port}/[/bold] (API docs at /docs); Ctrl+C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning")
