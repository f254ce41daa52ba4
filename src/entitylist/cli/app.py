"""The ``entitylist`` command: parse the arguments, call a service, render what it returns."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from entitylist.cli.common import AsOfOption, DbOption, JsonOption, emit_json, err, open_services, options
from entitylist.cli.lazy import LazyCommands
from entitylist.dates import parse_date
from entitylist.reference import vocabulary

app = typer.Typer(
    help="The U.S. Entity List with its history: list, look up, compare dates, import, export, screen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyCommands,  # the commands of other modules load when invoked (see entitylist.cli.lazy)
)
db_app = typer.Typer(help="Manage the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
_SENTENCE_END = re.compile(r"(?<=[A-Za-z)]{2}\.)\s+(?=[A-Z])")


@app.callback()
def _main(db: DbOption = None) -> None:
    options.db = db


@app.command("list")
def list_parties(
    as_of: AsOfOption = "today",
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 code or country name.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Parties on the list on a date."""
    date = parse_date(as_of)
    with open_services() as services:
        result = services.lists.list_parties(date, country)
    if as_json:
        emit_json([p.as_json() for p in result.parties])
    else:
        table = Table(title=f"Entity List on {date.isoformat()}: {len(result.parties)} parties", title_justify="left")
        for column in ("id", "name", "country", "type", "listed since", "Federal Register"):
            table.add_column(column, overflow="fold")
        for p in result.parties:
            name = p.name + (" [dim](unverified)[/dim]" if p.unverified else "")
            since = p.listed_since.isoformat() if p.listed_since else ""
            table.add_row(p.id, name, p.country or "", p.type, since, "; ".join(p.federal_register))
        console.print(table)
    note = _history_note(date, result.history_from, result.history_to)
    if note:
        err.print(note)


def _history_note(date: dt.date, first: dt.date | None, last: dt.date | None) -> str | None:
    """What a list on ``date`` cannot show: a date before the store's history begins (an empty
    list there means nothing is recorded, not that nobody was listed), or one still to come."""
    if first is None or last is None:
        return "note: this store holds no list history yet (entitylist import, or entitylist update)"
    if date < first:
        return f"note: this store's history of the list begins on {first.isoformat()}: nothing is recorded before it"
    if date > max(last, dt.date.today()):
        return (
            f"note: {date.isoformat()} is still to come: the list as the rules recorded so far make it "
            f"(the last change recorded takes effect on {last.isoformat()})"
        )
    return None


@app.command()
def show(
    party: Annotated[str, typer.Argument(help="Party id, name or alias (a unique close match will do).")],
    as_of: AsOfOption = "today",
    as_json: JsonOption = False,
) -> None:
    """One party: names, aliases, addresses, relations, status and license terms."""
    date = parse_date(as_of)
    with open_services() as services:
        p = services.lists.show(party, date)
    if as_json:
        emit_json(p.as_json())
        return
    if p.status == "not yet listed":
        console.print(f"[bold]{p.name}[/bold] ({p.id}) was not yet listed on {date}.")
        status = "not yet listed"
    elif p.status == "listed":
        status = f"[green]listed[/green] since {p.listed_since}"
    else:
        status = f"[red]removed[/red] on {p.removed_on} (listed {p.listed_since})"
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Name", p.name)
    grid.add_row("Id", p.id)
    grid.add_row("Status", f"{status} (as of {date})")
    grid.add_row("Country", f"{vocabulary().country_name(p.country)} ({p.country})" if p.country else "")
    grid.add_row("Type", p.type)
    grid.add_row("List", p.source)
    if len(p.referents) > 1:
        grid.add_row("Records", ", ".join(p.referents) + f" (datasets: {', '.join(p.datasets)})")
    for alias in p.aliases:
        grid.add_row(f"Alias ({alias.kind})", alias.name)
    for address in p.addresses:
        grid.add_row("Address", ", ".join(x for x in (address.street, address.city, address.region, address.postal_code, address.country) if x))
    for relation in p.relations:
        flag = " (unverified)" if relation.unverified else ""
        grid.add_row(relation.kind.replace("_", " ").capitalize(), f"{relation.name or ''} [{relation.party_id}]{flag}")
    grid.add_row("License requirement", p.license_requirement or "(not recorded)")
    grid.add_row("License review policy", p.license_review_policy or "(not recorded)")
    if p.license_exceptions:
        grid.add_row("License exceptions", p.license_exceptions)
    if p.footnotes:
        grid.add_row("Footnotes", ", ".join(str(f) for f in p.footnotes))
    grid.add_row("Federal Register", "; ".join(p.federal_register))
    if p.unverified or p.unverified_fields:
        grid.add_row("Unverified", ", ".join(p.unverified_fields) + (" (the listed name itself)" if p.unverified else ""))
    console.print(grid)


@app.command()
def history(
    party: Annotated[str, typer.Argument(help="Party id, name or alias.")],
    as_json: JsonOption = False,
) -> None:
    """A party's timeline: every add, modify and remove, with its rule and reason."""
    with open_services() as services:
        result = services.lists.history(party)
    if as_json:
        emit_json(result.as_json())
        return
    table = Table(title=f"History of {result.party.name} ({result.party.id})", title_justify="left")
    for column in ("effective", "action", "dataset", "rule", "Federal Register column", "what / why"):
        table.add_column(column, overflow="fold")
    for action in result.actions:
        described = (action.change or {}).get("description")
        what = described if isinstance(described, str) and described else _first_sentence(action.reason)
        table.add_row(
            action.effective_date.isoformat(),
            action.kind,
            action.dataset,
            action.rule or "",
            action.federal_register or "",
            what,
        )
    console.print(table)


@app.command()
def diff(
    from_date: Annotated[str, typer.Argument(metavar="FROM_DATE", help="Start date (YYYY-MM-DD), exclusive.")],
    to_date: Annotated[str, typer.Argument(metavar="TO_DATE", help="End date (YYYY-MM-DD), inclusive.")],
    as_json: JsonOption = False,
) -> None:
    """Parties added, removed and modified between two dates, each with the rule that did it."""
    start, end = parse_date(from_date), parse_date(to_date)
    with open_services() as services:
        result = services.lists.diff(start, end)
    if as_json:
        emit_json(result.as_json())
        return
    table = Table(title=f"Changes after {start} up to {end}: {len(result.changes)} parties", title_justify="left")
    for column in ("change", "party", "country", "effective", "rule"):
        table.add_column(column, overflow="fold")
    for change in result.changes:
        dates = ", ".join(sorted({a.effective_date.isoformat() for a in change.actions}))
        labels = "; ".join(sorted({a.rule or "" for a in change.actions}))
        table.add_row(change.change.replace("_", " "), change.party.name, change.party.country or "", dates, labels)
    console.print(table)


def _first_sentence(text: str | None) -> str:
    """The first sentence of a rule's reason, for tables (JSON output keeps it whole)."""
    if not text:
        return ""
    return _SENTENCE_END.split(text, maxsplit=1)[0]


@app.command()
def stats(
    by: Annotated[str, typer.Option("--by", help="year | country | reason | rule")] = "year",
    as_of: AsOfOption = "today",
    as_json: JsonOption = False,
) -> None:
    """Counts: actions per year or rule; listed parties per country or reason."""
    date = parse_date(as_of)
    with open_services() as services:
        result = services.lists.stats(by, date)
    if as_json:
        emit_json(result.as_json()["rows"])
        return
    table = Table(title=f"Entity List by {by}, as of {date}", title_justify="left")
    columns = list(result.rows[0]) if result.rows else [by]
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right" if column in ("add", "modify", "remove", "parties") else "left")
    for row in result.rows:
        table.add_row(*(str(row[c]) if row[c] is not None else "" for c in columns))
    console.print(table)


@db_app.command("path")
def db_path() -> None:
    """Print the database URL in use (password hidden)."""
    with open_services() as services:
        url, is_default = services.database.location()
    typer.echo(url + ("  (default)" if is_default else ""))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the current version and refresh the bundled data."""
    with open_services() as services:
        status = services.database.upgrade()
    typer.echo(f"{status.url}: schema {status.schema_revision}, {status.actions} actions")


@db_app.command("init")
def db_init(
    empty: Annotated[bool, typer.Option("--empty", help="Create the schema without the bundled data.")] = False,
) -> None:
    """Create the database (with the bundled Entity List history unless --empty)."""
    with open_services() as services:
        status = services.database.upgrade(seed=not empty)
    typer.echo(f"{status.url}: {status.actions} actions")
