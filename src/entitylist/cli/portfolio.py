"""CLI commands for portfolios of saved counterparties: add, list, screen."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from entitylist.cli.common import JsonOption, count, emit_json, err, open_services
from entitylist.services.monitoring_models import AlertOut, ScreeningRun

console = Console()
portfolio_app = typer.Typer(help="Saved counterparties, screened again whenever the list changes.", no_args_is_help=True)


def alerts_table(title: str, alerts: list[AlertOut]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("alert", "portfolio", "counterparty", "score", "party", "matched name", "status"):
        table.add_column(column, overflow="fold")
    for a in alerts:
        status = a.status if a.status == "open" else f"closed: {a.closed_reason}"
        table.add_row(
            str(a.id), a.portfolio, f"{a.counterparty_name}\n[dim]{a.counterparty_id}[/dim]", f"{a.score:.3f}",
            f"{a.party_name}\n[dim]{a.party_id}[/dim]", a.matched_name, status,
        )
    return table


def _plural(number: int, one: str, many: str) -> str:
    return one if number == 1 else many


def print_runs(runs: list[ScreeningRun], as_json: bool) -> None:
    """One line per portfolio screened, the new alerts, and a warning per failed delivery."""
    if as_json:
        emit_json([r.as_json() for r in runs])
    for run in runs:
        for d in run.deliveries:
            if not d.ok:
                err.print(f"warning: {d.channel} delivery to {d.target} failed after {count(d.attempts, 'attempt')}: {d.error}")
        if as_json:
            continue
        typer.echo(
            f"portfolio {run.portfolio!r}: {run.full:,} {_plural(run.full, 'counterparty', 'counterparties')} screened "
            f"against the whole list, {run.delta:,} for {run.changed_parties:,} changed "
            f"{_plural(run.changed_parties, 'party', 'parties')}; {count(len(run.opened), 'new alert')}, {run.closed} closed "
            f"({run.seconds:.2f} s)"
        )
        if run.opened:
            console.print(alerts_table(f"New alerts in {run.portfolio!r}", run.opened))


def register(app: typer.Typer) -> None:
    """Add the ``portfolio`` command group to ``app``."""
    app.add_typer(portfolio_app, name="portfolio")


@portfolio_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Portfolio name (created if new).")],
    file: Annotated[Path, typer.Argument(help="CSV, TSV, Excel or JSON lines: id, name, country, address, type, birth_date.")],
    replace: Annotated[bool, typer.Option("--replace", help="Remove the counterparties whose ids the file no longer has.")] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of a CSV or TSV file.")] = "utf-8",
    as_json: JsonOption = False,
) -> None:
    """Save counterparties into a portfolio; re-adding a file updates it by the ids."""
    with open_services() as services:
        saved = services.portfolios.add(name, file, replace=replace, encoding=encoding)
    if as_json:
        emit_json(saved.as_json())
        return
    typer.echo(
        f"{file} -> portfolio {name!r}: {saved.added} added, {saved.updated} updated, {saved.unchanged} unchanged, "
        f"{saved.removed} removed (screened at the next 'entitylist portfolio screen')"
    )


@portfolio_app.command("list")
def list_portfolios(as_json: JsonOption = False) -> None:
    """Every portfolio with its counterparties and open alerts."""
    with open_services() as services:
        found = services.portfolios.portfolios()
    if as_json:
        emit_json([p.as_json() for p in found])
        return
    table = Table(title=f"{count(len(found), 'portfolio')}", title_justify="left")
    for column in ("portfolio", "counterparties", "open alerts", "last screened"):
        table.add_column(column)
    for p in found:
        screened = p.screened_at.strftime("%Y-%m-%d %H:%M") if p.screened_at else "never"
        table.add_row(p.name, f"{p.counterparties:,}", f"{p.open_alerts:,}", screened)
    console.print(table)


@portfolio_app.command("screen")
def screen(
    name: Annotated[str | None, typer.Argument(help="Portfolio (default: every portfolio).")] = None,
    full: Annotated[bool, typer.Option("--full", help="Screen every counterparty against the whole list.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (default: every core).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Screen a portfolio: new counterparties against the whole list, the others against what changed."""
    with open_services() as services:
        runs = services.portfolios.screen(name, full=full, workers=workers)
    print_runs(runs, as_json)
