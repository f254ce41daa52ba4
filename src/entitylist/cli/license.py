"""CLI command for license determination: ``license-check --party P --item ECCN [--date D]``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entitylist.cli.common import JsonOption, emit_json, open_services
from entitylist.dates import parse_date
from entitylist.services.license_models import LicenseCheck

console = Console()
ItemOption = Annotated[str | None, typer.Option("--item", help="ECCN (3A001.a.1, 5E002) or EAR99: add its license determination.")]


def verdict(check: LicenseCheck) -> str:
    """One line: required or not, and the review policy."""
    if not check.license_required:
        return "no license required"
    policy = (check.review_policy or "other").replace("_", " ")
    suffix = {"affiliate": " (as an affiliate)", "red_flag": " (Red Flag 29: owners of unknown share)"}.get(check.basis, "")
    return f"license required, {policy}{suffix}"


def render(check: LicenseCheck) -> None:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Answer", f"[bold]{verdict(check)}[/bold] for {check.item} on {check.as_of}")
    if check.party:
        grid.add_row("Party", escape(f"{check.party.name} [{check.party.id}] ({check.party.source}, ")
                     + f"{'listed' if check.party.listed else 'not listed'} on {check.as_of})")
    grid.add_row("Basis", check.basis)
    if check.requirement_text:
        grid.add_row("License requirement", escape(check.requirement_text))
    if check.policy_text:
        grid.add_row("Review policy", escape(check.policy_text))
    if check.citation:
        grid.add_row("Citation", "; ".join(check.citation))
    if check.effective_date:
        grid.add_row("Terms effective", check.effective_date.isoformat())
    for note in check.footnotes:
        grid.add_row(f"Footnote {note.number}", f"{note.label}: {note.effect}")
    if check.references:
        grid.add_row("References", ", ".join(check.references))
    if check.affiliation:
        a = check.affiliation
        share = "unknown" if a.restricted_share is None else f"{a.restricted_share:g} %"
        grid.add_row("Listed ownership", f"{share} (threshold {a.threshold:g} %); Affiliates rule {a.rule.period}")
        for line in a.path:
            grid.add_row("", escape(line))
    for warning in check.warnings:
        grid.add_row("[yellow]Warning[/yellow]", escape(warning))
    console.print(grid)


def register(app: typer.Typer) -> None:
    """Add the license-check command to ``app``."""

    @app.command("license-check")
    def license_check(
        party: Annotated[str, typer.Option("--party", help="Party id, name or alias (a close match is answered with a warning).")],
        item: Annotated[str, typer.Option("--item", help="ECCN (3A001.a.1, 5E002, 1A004.c) or EAR99.")],
        on: Annotated[str, typer.Option("--date", help="Date of the transaction (YYYY-MM-DD); default today.")] = "today",
        as_json: JsonOption = False,
    ) -> None:
        """May ITEM go to PARTY on DATE without a license, and if not, how would an application be reviewed?"""
        date = parse_date(on)
        with open_services() as services:
            check = services.licensing.check(party, item, date)
        if as_json:
            emit_json(check.as_json())
            return
        render(check)
