"""CLI commands that record a person's judgement of identity: link, unlink, and suggestions.

``entitylist.linking`` uses the matching code, so it is imported when one of these commands
runs, not when the CLI starts."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from entitylist.cli.common import JsonOption, emit_json, open_store
from entitylist.errors import InvalidInput
from entitylist.parties import LinkRow

console = Console()
PartyArgument = Annotated[str | None, typer.Argument(help="Party or record id, name or alias.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an earlier, contrary judgement on the same records.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why (kept with the judgement).")]


def _judge(note: str | None) -> str:
    """Who judged, as the evidence column records it: the login name, and the note if given."""
    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        who = "a person"
    return who + (f" ({note})" if note else "")


def _report(rows: list[LinkRow], as_json: bool) -> None:
    if as_json:
        emit_json([{"record": r.record_id, "party": r.party_id, "kind": r.kind, "other": r.other_id, "evidence": r.evidence} for r in rows])
        return
    for row in rows:
        typer.echo(f"{row.record_id} -> party {row.party_id} ({row.kind})")


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
        from entitylist import linking

        with open_store() as store:
            membership = store.membership()
            rows = linking.link(store.parties(), membership, first, second, force=force, by=_judge(note))
            store.record_links(rows)
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
        from entitylist import linking

        with open_store() as store:
            membership = store.membership()
            rows = linking.unlink(store.parties(), membership, first, second, force=force, by=_judge(note))
            store.record_links(rows)
        _report(rows, as_json)


def _suggest(as_json: bool) -> None:
    from entitylist import linking

    with open_store() as store:
        found = linking.suggest(store.records(), store.membership())
    if as_json:
        emit_json(
            [
                {
                    "first": {"id": s.first.id, "name": s.first.party.name, "source": s.first.party.source, "datasets": s.first.datasets},
                    "second": {"id": s.second.id, "name": s.second.party.name, "source": s.second.party.source, "datasets": s.second.datasets},
                    "score": round(s.score, 4),
                    "matched_name": s.matched_name,
                    "evidence": s.evidence,
                }
                for s in found
            ]
        )
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
            f"{s.first.party.name}\n[dim]{s.first.id} ({s.first.party.source})[/dim]",
            f"{s.second.party.name}\n[dim]{s.second.id} ({s.second.party.source})[/dim]",
            s.evidence,
        )
    console.print(table)
