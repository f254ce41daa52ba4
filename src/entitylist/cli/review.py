"""CLI commands for reviews of screening hits: ``review add`` and ``review list``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entitylist.cli.common import JsonOption, emit_json, open_services

console = Console()
review_app = typer.Typer(help="Review screening hits: clear, confirm or escalate a (counterparty, listed party) pair.",
                         no_args_is_help=True)


@review_app.command("add")
def add(
    counterparty: Annotated[str, typer.Argument(help="The counterparty's name, as screened.")],
    party: Annotated[str, typer.Argument(help="The listed party of the hit (id, name or alias).")],
    decision: Annotated[str, typer.Option("--decision", help="cleared (a false positive), confirmed or escalated.")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why (required to clear).")] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="Who decided (default: the login name).")] = None,
    counterparty_id: Annotated[str | None, typer.Option("--counterparty-id", help="Your own id for the counterparty.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a decision on a hit; a cleared pair is suppressed in later screenings until the party's entry changes."""
    with open_services() as services:
        review = services.reviews.record(counterparty, party, decision, reason=reason, reviewer=reviewer, counterparty_id=counterparty_id)
    if as_json:
        emit_json(review.as_json())
        return
    typer.echo(f"review {review.id}: {review.counterparty!r} / {review.party_name} [{review.party_id}] {review.decision} "
               f"by {review.reviewer}")
    if review.closed_alerts:
        plural = "s" if len(review.closed_alerts) > 1 else ""
        typer.echo(f"closed its open alert{plural} {', '.join(str(i) for i in review.closed_alerts)}")


@review_app.command("list")
def list_reviews(
    party: Annotated[str | None, typer.Option("--party", help="Only the reviews of this party's hits.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Every review, oldest first."""
    with open_services() as services:
        reviews = services.reviews.list(party)
    if as_json:
        emit_json([r.as_json() for r in reviews])
        return
    table = Table(title=f"{len(reviews)} reviews", title_justify="left")
    for column in ("id", "counterparty", "party", "decision", "reviewer", "when", "reason"):
        table.add_column(column, overflow="fold")
    for r in reviews:
        table.add_row(str(r.id), escape(r.counterparty + (f" [{r.counterparty_id}]" if r.counterparty_id else "")),
                      f"{escape(r.party_name or '')}\n[dim]{r.party_id}[/dim]", r.decision, escape(r.reviewer),
                      r.reviewed_at.isoformat(timespec="seconds"), escape(r.reason or ""))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
