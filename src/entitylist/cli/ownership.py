"""CLI commands for ownership: ``import ownership FILE`` (through ``import``) and ``ownership show``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from entitylist.cli.common import AsOfOption, JsonOption, emit_json, open_services
from entitylist.dates import parse_date
from entitylist.services.license_models import OwnershipEdge

FORMAT = "ownership"
console = Console()
ownership_app = typer.Typer(help="Ownership links and the 50 % Affiliates rule.", no_args_is_help=True)


def import_ownership(source: str, as_json: bool) -> None:
    """``entitylist import ownership FILE``: CSV (owner, owned, share, source, as_of) or FollowTheMoney."""
    with open_services() as services:
        report = services.ownership.import_file(Path(source))
    if as_json:
        emit_json(report.as_json())
        return
    typer.echo(f"{report.source} -> {report.links} ownership links ({report.unknown_shares} with unknown shares, "
               f"{report.named_nodes} owned companies that are no listed party, kept by name)")


def _edge(edge: OwnershipEdge) -> str:
    share = "unknown share" if edge.share is None else f"{edge.share:g} %"
    marks = " [red](listed)[/red]" if edge.listed else " [yellow](restricted)[/yellow]" if edge.restricted else ""
    source = f" [dim]{escape(edge.source or '')}{' as of ' + edge.as_of.isoformat() if edge.as_of else ''}[/dim]"
    return f"{share}  {escape(edge.name)}{marks}{source}"


@ownership_app.command("show")
def show(
    party: Annotated[str, typer.Argument(help="Party id, name or alias, or a company named in ownership links.")],
    as_of: AsOfOption = "today",
    as_json: JsonOption = False,
) -> None:
    """Draw a party's owners and holdings with their shares, and what the 50 % rule makes of it."""
    date = parse_date(as_of)
    with open_services() as services:
        view = services.ownership.show(party, date)
    if as_json:
        emit_json(view.as_json())
        return
    status = "listed" if view.listed else "not listed"
    tree = Tree(f"[bold]{escape(view.name)}[/bold] " + escape(f"[{view.node}] ({status} on {date})"))
    owners = tree.add("owned by")
    for edge in view.owners or []:
        owners.add(_edge(edge))
    if not view.owners:
        owners.add("[dim](no owners recorded)[/dim]")
    holdings = tree.add("owns")
    for edge in view.holdings:
        holdings.add(_edge(edge))
    if not view.holdings:
        holdings.add("[dim](no holdings recorded)[/dim]")
    console.print(tree)
    a = view.affiliation
    if a is not None:
        share = f"{a.restricted_share:g} %" if a.restricted_share is not None else "unknown"
        verdict = "restricted as an affiliate" if a.meets_threshold and a.rule.in_effect else (
            "at or over the threshold, but the rule is not in effect" if a.meets_threshold else "under the threshold")
        console.print(f"Listed and restricted owners hold {share} (threshold {a.threshold:g} %): {verdict}; "
                      f"Affiliates rule {a.rule.period}")
        for line in a.path:
            console.print("  " + escape(line))
        if a.red_flag:
            console.print(f"[yellow]{a.red_flag}[/yellow]")


def register(app: typer.Typer) -> None:
    app.add_typer(ownership_app, name="ownership")
