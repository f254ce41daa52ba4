"""CLI commands that record a person's judgement of identity: link, unlink, and suggestions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from entitylist.cli.common import JsonOption, emit_json, open_services
from entitylist.errors import InvalidInput
from entitylist.services.models import LinkOut

console = Console()
PartyArgument = Annotated[str | None, typer.Argument(help="Party or record id, name or alias.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an earlier, contrary judgement on the same records.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why (kept with the judgement).")]


def _report(rows: list[LinkOut], as_json: bool) -> None:
    if as_json:
        emit_json([r.as_json() for r in rows])
        return
    for row in rows:
        typer.echo(f"{row.record} -> party {row.party} ({row.kind})")


def register(app: typer.Typer) -> None:
    """Add the link and unlink commands to ``app``."""

    @app.command("link")
    def link_command(
        first: PartyArgument = None,
        second: PartyArgument = None,
        suggest: Annotated[bool, typer.Option("--suggest", help="List parties that may be one, and why no import linked them.")] = False,
        force: ForceOption = False,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Record that two parties are one (later imports respect it), or list candidates with --suggest."""
        if suggest:
            if first or second:
                raise InvalidInput("--suggest takes no party; give two parties or --suggest")
            _suggest(as_json)
            return
        if not first or not second:
            raise InvalidInput("give two parties to link (or --suggest)")
        with open_services() as services:
            rows = services.links.link(first, second, force=force, note=note)
        _report(rows, as_json)

    @app.command("unlink")
    def unlink_command(
        first: Annotated[str, typer.Argument(help="Record id (a party name means the record whose id it bears).")],
        second: Annotated[str, typer.Argument(help="Record id (a party name means the record whose id it bears).")],
        force: ForceOption = False,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Record that two records of one party are different parties; the one that does not found
        the party leaves it, under its own record id."""
        with open_services() as services:
            rows = services.links.unlink(first, second, force=force, note=note)
        _report(rows, as_json)


def _suggest(as_json: bool) -> None:
    with open_services() as services:
        found = services.links.suggest()
    if as_json:
        emit_json([s.as_json() for s in found])
        return
    if not found:
        console.print("No unlinked parties look alike.")
        return
    table = Table(title=f"{len(found)} pairs that may be one party (entitylist link A B to join them)", title_justify="left")
    for column in ("score", "party A", "party B", "why not linked"):
        table.add_column(column, overflow="fold")
    for s in found:
        table.add_row(
            f"{s.score:.3f}",
            f"{s.first.name}\n[dim]{s.first.id} ({s.first.source})[/dim]",
            f"{s.second.name}\n[dim]{s.second.id} ({s.second.source})[/dim]",
            s.evidence,
        )
    console.print(table)
