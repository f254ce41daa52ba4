"""CLI command that lists alerts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from entitylist.cli.common import JsonOption, count, emit_json, open_services
from entitylist.cli.portfolio import alerts_table

console = Console()


def register(app: typer.Typer) -> None:
    """Add the ``alerts`` command to ``app``."""

    @app.command("alerts")
    def alerts(
        portfolio: Annotated[str | None, typer.Option("--portfolio", help="One portfolio's alerts.")] = None,
        status: Annotated[str, typer.Option("--status", help="open, closed or all.")] = "open",
        as_json: JsonOption = False,
    ) -> None:
        """Alerts: saved counterparties that may be listed parties (open ones unless told)."""
        with open_services() as services:
            found = services.alerts.alerts(portfolio=portfolio, status=status)
        if as_json:
            emit_json([a.as_json() for a in found])
            return
        if not found:
            typer.echo(f"No {'' if status == 'all' else status + ' '}alerts.")
            return
        console.print(alerts_table(f"{count(len(found), (status + ' ' if status != 'all' else '') + 'alert')}", found))
