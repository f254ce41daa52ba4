"""CLI commands that screen names: one name, or a whole file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entitylist.cli.common import AsOfOption, JsonOption, RawOption, count, emit_json, open_services, progress_bar
from entitylist.dates import parse_date
from entitylist.cli.license import ItemOption, verdict
from entitylist.services.models import MatchOut

EXIT_MATCH = 3
console = Console()

ThresholdOption = Annotated[float | None, typer.Option("--threshold", help="Score (0-1) at which a candidate is a match.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="What the name is: person, organization or vessel.")]


def _why(match: MatchOut) -> str:
    """The explanation on one line: aligned words, then the features beyond the name."""
    explanation = match.explanation
    if explanation is None:
        return ""
    why = ", ".join(f"{t.query}~{t.listed} ({t.how} {t.similarity:.2f})" for t in explanation.tokens)
    extra = [f.feature for f in explanation.features[1:]]
    return why + ("; " + ", ".join(extra) if extra else "")


def _reviewed(match: MatchOut) -> str:
    """A review of the hit: suppressed when cleared and unchanged, or back with what changed."""
    note = match.review
    if note is None:
        return ""
    when = note.reviewed_at.date().isoformat()
    if match.suppressed:
        return f"\n[dim]suppressed: cleared by {escape(note.reviewer)} on {when} ({escape(note.reason or '')})[/dim]"
    changed = "; ".join(f"{c.kind} {c.effective_date} {c.rule or ''}".strip() for c in note.changed_since)
    return f"\n[yellow]{note.decision} by {escape(note.reviewer)} on {when}" + (f"; entry changed since: {changed}" if changed else "") + "[/yellow]"


def register(app: typer.Typer) -> None:
    """Add the screen, screen-file, compare and evaluate commands to ``app``."""

    @app.command()
    def compare(
        left: Annotated[str, typer.Argument(help="The name screened (the query).")],
        right: Annotated[str, typer.Argument(help="The name it is compared with, as if listed.")],
        party_type: TypeOption = None,
        as_of: AsOfOption = "today",
        as_json: JsonOption = False,
    ) -> None:
        """Score one pair of names as screening scores a query against a listed name, and explain it."""
        date = parse_date(as_of)
        with open_services() as services:
            result = services.validation.compare(left, right, type=party_type, as_of=date)
        if as_json:
            emit_json(result.as_json())
            return
        console.print(f"[bold]{result.score:.3f}[/bold]  {left!r} against {right!r}")
        for token in result.explanation.tokens:
            console.print(f"  {token.query} ~ {token.listed}: {token.how} {token.similarity:.2f} (weight {token.weight:.2f})")
        for words, side in ((result.explanation.unmatched_query, "query"), (result.explanation.unmatched_listed, "listed")):
            if words:
                console.print(f"  unmatched in the {side}: {', '.join(words)}")
        for feature in result.explanation.features:
            console.print(f"  {feature.feature}: {feature.value:.3f} -> {feature.contribution:+.3f}")

    @app.command()
    def evaluate(
        pairs: Annotated[Path, typer.Argument(metavar="PAIRS.csv", help="Columns left, right, label (1 or 0), optional type.")],
        threshold: ThresholdOption = None,
        as_of: AsOfOption = "today",
        as_json: JsonOption = False,
    ) -> None:
        """Metrics of the matcher on labelled pairs: ROC AUC, recall at 1 % and 5 % false positives,
        precision, recall and F1 at the threshold, per type, with every miss and false hit."""
        date = parse_date(as_of)
        with open_services() as services:
            report = services.validation.evaluate(pairs, threshold=threshold, as_of=date)
        if as_json:
            emit_json(report.as_json())
            return
        table = Table(title=f"{count(report.pairs, 'pair')} at threshold {report.threshold}", title_justify="left")
        for column in ("type", "pairs", "ROC AUC", "recall @1% FPR", "recall @5% FPR", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "type" else "right")
        rows = [("all", report), *sorted(report.by_type.items())]
        for kind, m in rows:
            cells = (m.auc, m.recall_at_1pct_fpr, m.recall_at_5pct_fpr, m.precision, m.recall, m.f1)
            table.add_row(kind, str(m.pairs), *("" if v is None else f"{v:.3f}" for v in cells))
        console.print(table)
        for error in report.errors[:20]:
            console.print(f"  {error.kind.replace('_', ' ')}: {error.left!r} / {error.right!r} scored {error.score:.3f}")
        if len(report.errors) > 20:
            console.print(f"  ... and {len(report.errors) - 20} more (--json lists them all)")

    @app.command()
    def screen(
        name: Annotated[str, typer.Argument(help="The name to screen.")],
        country: Annotated[str | None, typer.Option("--country", help="Country of the counterparty (code or name).")] = None,
        address: Annotated[str | None, typer.Option("--address", help="Address of the counterparty.")] = None,
        as_of: AsOfOption = "today",
        threshold: ThresholdOption = None,
        limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many matches.")] = 10,
        fail_on_match: Annotated[bool, typer.Option("--fail-on-match", help=f"Exit {EXIT_MATCH} when anything matches.")] = False,
        party_type: TypeOption = None,
        birth_date: Annotated[str | None, typer.Option("--birth-date", help="Date of birth: YYYY or YYYY-MM-DD.")] = None,
        nationality: Annotated[str | None, typer.Option("--nationality", help="Nationality or citizenship (code or name).")] = None,
        identifiers: Annotated[list[str] | None, typer.Option("--id", help="Passport, registration or IMO number (repeatable).")] = None,
        item: ItemOption = None,
        counterparty_id: Annotated[str | None, typer.Option("--counterparty-id", help="Your own id for the counterparty (reviews key on it).")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Screen one name against the list on a date; explain every match (and its review, and
        the license determination for --item)."""
        date = parse_date(as_of)
        with open_services() as services:
            result = services.screening.screen(
                name, country=country, address=address, as_of=date, threshold=threshold, limit=limit, type=party_type,
                birth_date=birth_date, nationality=nationality, identifiers=identifiers or (), item=item,
                counterparty_id=counterparty_id,
            )
        if as_json:
            emit_json(result.as_json())
        elif not result.matches:
            console.print(f"No listed party matches [bold]{name}[/bold] (as of {date}).")
        else:
            table = Table(title=f"Matches for {name!r} (as of {date})", title_justify="left")
            for column in ("score", "party", "matched name", "list", "why"):
                table.add_column(column, overflow="fold")
            for match in result.matches:
                table.add_row(
                    f"{match.score:.3f}",
                    f"{match.party_name}\n[dim]{match.party_id}[/dim]",
                    match.matched_name,
                    f"{match.listing.source} {match.listing.country or ''}",
                    _why(match) + _reviewed(match) + (f"\n[bold]{item}: {verdict(match.license)}[/bold]" if match.license else ""),
                )
            console.print(table)
        if any(not m.suppressed for m in result.matches) and fail_on_match:
            raise typer.Exit(EXIT_MATCH)

    @app.command("screen-file")
    def screen_file_command(
        source: Annotated[Path, typer.Argument(metavar="INPUT", help="CSV, TSV, Excel (.xlsx) or JSON lines (.jsonl).")],
        output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the screened rows (same kinds).")],
        column: Annotated[str, typer.Option("--column", help="The column holding the names.")],
        country_column: Annotated[str | None, typer.Option("--country-column", help="Column holding countries.")] = None,
        address_column: Annotated[str | None, typer.Option("--address-column", help="Column holding addresses.")] = None,
        type_column: Annotated[str | None, typer.Option("--type-column", help="Column holding the party's type (person, organization, vessel).")] = None,
        birth_date_column: Annotated[str | None, typer.Option("--birth-date-column", help="Column holding dates of birth (YYYY or YYYY-MM-DD).")] = None,
        nationality_column: Annotated[str | None, typer.Option("--nationality-column", help="Column holding nationalities.")] = None,
        id_column: Annotated[str | None, typer.Option("--id-column", help="Column holding passport, registration or IMO numbers.")] = None,
        as_of: AsOfOption = "today",
        threshold: ThresholdOption = None,
        all_matches: Annotated[bool, typer.Option("--all-matches", help="One output row per match.")] = False,
        workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (default: every core).")] = None,
        raw: RawOption = False,
        encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of CSV or TSV input (default UTF-8).")] = "utf-8",
        item: ItemOption = None,
        counterparty_id_column: Annotated[str | None, typer.Option("--counterparty-id-column", help="Column holding your ids for counterparties (reviews key on them).")] = None,
        engine: Annotated[str, typer.Option("--engine", help="local (this machine's cores) or dask (a Dask cluster).")] = "local",
        scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Screen every row of a file; every row is written out, with the best match (or all).
        Type, date-of-birth, nationality and identifier columns count as in ``screen`` (found by
        their header names when not named)."""
        date = parse_date(as_of)
        with open_services() as services, progress_bar("screen") as advance:
            report = services.screening.screen_file(
                source, output, column=column, country_column=country_column, address_column=address_column,
                as_of=date, threshold=threshold, all_matches=all_matches, workers=workers, raw=raw, encoding=encoding,
                progress=advance, type_column=type_column, birth_date_column=birth_date_column,
                nationality_column=nationality_column, id_column=id_column, item=item,
                counterparty_id_column=counterparty_id_column, engine=engine, scheduler=scheduler,
            )
        if as_json:
            emit_json(report.as_json())
            return
        typer.echo(f"{count(report.rows, 'row')} ({count(report.distinct_names, 'distinct name')}) screened against the "
                   f"list of {date}: {count(report.rows_with_match, 'row')} matched"
                   + (f" ({count(report.suppressed_rows, 'row')} cleared by a review)" if report.suppressed_rows else "")
                   + f"; written to {output}")
        if report.not_screened_rows:
            typer.echo(f"{count(report.not_screened_rows, 'row')} could not be screened (kept, with empty match columns):", err=True)
            for row in report.not_screened[:20]:
                typer.echo(f"  row {row.row}: {row.reason}", err=True)
            if report.not_screened_rows > 20:
                typer.echo(f"  ... and {report.not_screened_rows - 20:,} more", err=True)
