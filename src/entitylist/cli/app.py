"""The ``entitylist`` command: a thin adapter from the terminal to the store and queries."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from entitylist import changes as change_queries
from entitylist.dates import parse_date
from entitylist.errors import InvalidInput
from entitylist.parties import Parties, merge
from entitylist.reference import vocabulary
from entitylist.serialize import action_json, change_json, party_json
from entitylist.cli import links, screen, transfer
from entitylist.cli.common import AsOfOption, DbOption, JsonOption, emit_json, open_store, settings
from entitylist.state import fold
from entitylist.store import Store, resolve_url

app = typer.Typer(
    help="The U.S. Entity List with its history: list, look up, compare dates, import, export, screen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Manage the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
_SENTENCE_END = re.compile(r"(?<=[A-Za-z)]{2}\.)\s+(?=[A-Z])")

@app.callback()
def _main(db: DbOption = None) -> None:
    settings.db = db


def _country(value: str | None) -> str | None:
    return vocabulary().country_code(value) if value else None


@app.command("list")
def list_parties(
    as_of: AsOfOption = "today",
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 code or country name.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Parties on the list on a date."""
    date, cc = parse_date(as_of), _country(country)
    with open_store() as store:
        parties = store.listed(date, cc)
    if as_json:
        emit_json([party_json(p) for p in parties])
        return
    table = Table(title=f"Entity List on {date.isoformat()}: {len(parties)} parties", title_justify="left")
    for column in ("id", "name", "country", "type", "listed since", "Federal Register"):
        table.add_column(column, overflow="fold")
    for state in parties:
        p = state.party
        name = p.name + (" [dim](unverified)[/dim]" if p.unverified else "")
        since = state.listed_since.isoformat() if state.listed_since else ""
        table.add_row(p.id, name, p.country or "", p.type, since, "; ".join(state.citations()))
    console.print(table)


@app.command()
def show(
    party: Annotated[str, typer.Argument(help="Party id, name or alias (a unique close match will do).")],
    as_of: AsOfOption = "today",
    as_json: JsonOption = False,
) -> None:
    """One party: names, aliases, addresses, relations, status and license terms."""
    date = parse_date(as_of)
    with open_store() as store:
        log, membership = store.actions(), store.membership()
        found = Parties.build(fold(log), membership).find(party)
        state = merge(fold(log, date), membership).get(found.id)
    if as_json:
        emit_json(party_json(state) if state else {**party_json(found), "status": "not yet listed"})
        return
    if state is None:
        console.print(f"[bold]{found.party.name}[/bold] ({found.id}) was not yet listed on {date}.")
        state = found
    p = state.party
    status = (
        f"[green]listed[/green] since {state.listed_since}"
        if state.listed
        else f"[red]removed[/red] on {state.removed_on} (listed {state.listed_since})"
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Name", p.name)
    grid.add_row("Id", p.id)
    grid.add_row("Status", f"{status} (as of {date})")
    grid.add_row("Country", f"{vocabulary().country_name(p.country)} ({p.country})" if p.country else "")
    grid.add_row("Type", p.type)
    grid.add_row("List", p.source)
    if len(found.records) > 1:
        grid.add_row("Records", ", ".join(found.records) + f" (datasets: {', '.join(found.datasets)})")
    for alias in p.aliases:
        grid.add_row(f"Alias ({alias.kind.value})", alias.name)
    for address in p.addresses:
        grid.add_row("Address", address.one_line())
    for relation in p.relations:
        flag = " (unverified)" if relation.unverified else ""
        grid.add_row(relation.kind.replace("_", " ").capitalize(), f"{relation.name or ''} [{relation.party_id}]{flag}")
    grid.add_row("License requirement", p.license_requirement or "(not recorded)")
    grid.add_row("License review policy", p.license_review_policy or "(not recorded)")
    if p.license_exceptions:
        grid.add_row("License exceptions", p.license_exceptions)
    if p.footnotes:
        grid.add_row("Footnotes", ", ".join(str(f) for f in p.footnotes))
    grid.add_row("Federal Register", "; ".join(state.citations()))
    if p.unverified or p.unverified_fields:
        grid.add_row("Unverified", ", ".join(p.unverified_fields) + (" (the listed name itself)" if p.unverified else ""))
    console.print(grid)


@app.command()
def history(
    party: Annotated[str, typer.Argument(help="Party id, name or alias.")],
    as_json: JsonOption = False,
) -> None:
    """A party's timeline: every add, modify and remove, with its rule and reason."""
    with open_store() as store:
        found = store.parties().find(party)
        rules = store.rules()
    if as_json:
        emit_json({"party": party_json(found), "actions": [action_json(a, rules) for a in found.actions]})
        return
    table = Table(title=f"History of {found.party.name} ({found.id})", title_justify="left")
    for column in ("effective", "action", "dataset", "rule", "Federal Register column", "what / why"):
        table.add_column(column, overflow="fold")
    for action in found.actions:
        rule = rules.get(action.rule_id or "")
        what = action.changes.description if action.changes and action.changes.description else _first_sentence(action.reason)
        table.add_row(
            action.effective_date.isoformat(),
            action.kind.value,
            action.dataset,
            (rule.label() if rule else action.citation) or "",
            action.federal_register or "",
            what or "",
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
    with open_store() as store:
        result = change_queries.diff(store.actions(until=end), start, end, store.membership())
        rules = store.rules()
    if as_json:
        emit_json({"from": start.isoformat(), "to": end.isoformat(), "changes": [change_json(c, rules) for c in result]})
        return
    table = Table(title=f"Changes after {start} up to {end}: {len(result)} parties", title_justify="left")
    for column in ("change", "party", "country", "effective", "rule"):
        table.add_column(column, overflow="fold")
    for change in result:
        cites = {(a.effective_date.isoformat(), _rule_label(rules, a.rule_id, a.citation)) for a in change.actions}
        dates = ", ".join(sorted({d for d, _ in cites}))
        labels = "; ".join(sorted({r for _, r in cites}))
        table.add_row(change.kind.replace("_", " "), change.state.party.name, change.state.party.country or "", dates, labels)
    console.print(table)


def _first_sentence(text: str | None) -> str:
    """The first sentence of a rule's reason, for tables (JSON output keeps it whole)."""
    if not text:
        return ""
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _rule_label(rules: dict[str, Any], rule_id: str | None, citation: str | None) -> str:
    rule = rules.get(rule_id or "")
    return str(rule.label()) if rule else (citation or "")


@app.command()
def stats(
    by: Annotated[str, typer.Option("--by", help="year | country | reason | rule")] = "year",
    as_of: AsOfOption = "today",
    as_json: JsonOption = False,
) -> None:
    """Counts: actions per year or rule; listed parties per country or reason."""
    if by not in ("year", "country", "reason", "rule"):
        raise InvalidInput(f"unknown --by {by!r}: use year, country, reason or rule")
    date = parse_date(as_of)
    with open_store() as store:
        rows = change_queries.stats(store.actions(until=date), store.rules(), by, date, store.membership())  # type: ignore[arg-type]
    if as_json:
        emit_json(rows)
        return
    table = Table(title=f"Entity List by {by}, as of {date}", title_justify="left")
    columns = list(rows[0]) if rows else [by]
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right" if column in ("add", "modify", "remove", "parties") else "left")
    for row in rows:
        table.add_row(*(str(row[c]) if row[c] is not None else "" for c in columns))
    console.print(table)


transfer.register(app)
screen.register(app)
links.register(app)


@db_app.command("path")
def db_path() -> None:
    """Print the database URL in use (password hidden)."""
    url, is_default = resolve_url(settings.db)
    from sqlalchemy.engine import make_url

    shown = make_url(url).render_as_string(hide_password=True)
    typer.echo(shown + ("  (default)" if is_default else ""))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the current version and refresh the bundled data."""
    with Store.open(settings.db, seed=True, migrate=True) as store:
        revision = store.schema_revision()
        count = len(store.actions())
    typer.echo(f"{store.describe()}: schema {revision}, {count} actions")


@db_app.command("init")
def db_init(
    empty: Annotated[bool, typer.Option("--empty", help="Create the schema without the bundled data.")] = False,
) -> None:
    """Create the database (with the bundled Entity List history unless --empty)."""
    with Store.open(settings.db, seed=not empty, migrate=True) as store:
        count = len(store.actions())
    typer.echo(f"{store.describe()}: {count} actions")

