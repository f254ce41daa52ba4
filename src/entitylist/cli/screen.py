"""CLI commands that screen names: one name, or a whole file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from entitylist.cli.common import AsOfOption, JsonOption, RawOption, emit_json, open_store
from entitylist.cli.transfer import progress_bar
from entitylist.dates import parse_date
from entitylist.errors import InvalidInput

EXIT_MATCH = 3
console = Console()

ThresholdOption = Annotated[float | None, typer.Option("--threshold", help="Score (0-1) at which a candidate is a match.")]


def _threshold(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise InvalidInput(f"--threshold {value} is outside 0-1")
    return value


def register(app: typer.Typer) -> None:
    """Add the screen and screen-file commands to ``app``."""

    @app.command()
    def screen(
        name: Annotated[str, typer.Argument(help="The name to screen.")],
        country: Annotated[str | None, typer.Option("--country", help="Country of the counterparty (code or name).")] = None,
        address: Annotated[str | None, typer.Option("--address", help="Address of the counterparty.")] = None,
        as_of: AsOfOption = "today",
        threshold: ThresholdOption = None,
        limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many matches.")] = 10,
        fail_on_match: Annotated[bool, typer.Option("--fail-on-match", help=f"Exit {EXIT_MATCH} when anything matches.")] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Screen one name against the list on a date; explain every match."""
        from entitylist.screening import Screener  # the matching core: only for the commands that screen

        date = parse_date(as_of)
        with open_store() as store:
            matches = Screener(store).screen(name, country=country, address=address, as_of=date, threshold=_threshold(threshold), limit=limit)
        if as_json:
            emit_json({"query": {"name": name, "country": country, "address": address, "as_of": date.isoformat()},
                       "matches": [m.as_json() for m in matches]})
        elif not matches:
            console.print(f"No listed party matches [bold]{name}[/bold] (as of {date}).")
        else:
            table = Table(title=f"Matches for {name!r} (as of {date})", title_justify="left")
            for column in ("score", "party", "matched name", "list", "why"):
                table.add_column(column, overflow="fold")
            for match in matches:
                why = ", ".join(
                    f"{t['query']}~{t['listed']} ({t['how']} {t['similarity']:.2f})" for t in match.explanation.get("tokens", [])
                )
                extra = [f["feature"] for f in match.explanation.get("features", [])[1:]]
                if extra:
                    why += "; " + ", ".join(extra)
                table.add_row(f"{match.score:.3f}", f"{match.party_name}\n[dim]{match.party_id}[/dim]", match.matched_name,
                              f"{match.listing['source']} {match.listing['country'] or ''}", why)
            console.print(table)
        if matches and fail_on_match:
            raise typer.Exit(EXIT_MATCH)

    @app.command("screen-file")
    def screen_file_command(
        source: Annotated[Path, typer.Argument(metavar="INPUT", help="CSV, TSV, Excel (.xlsx) or JSON lines (.jsonl).")],
        output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the screened rows (same kinds).")],
        column: Annotated[str, typer.Option("--column", help="The column holding the names.")],
        country_column: Annotated[str | None, typer.Option("--country-column", help="Column holding countries.")] = None,
        address_column: Annotated[str | None, typer.Option("--address-column", help="Column holding addresses.")] = None,
        as_of: AsOfOption = "today",
        threshold: ThresholdOption = None,
        all_matches: Annotated[bool, typer.Option("--all-matches", help="One output row per match.")] = False,
        workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (default: every core).")] = None,
        raw: RawOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """Screen every row of a file; every row is written out, with the best match (or all)."""
        from entitylist.batch import check_paths, screen_file
        from entitylist.screening import Screener

        date = parse_date(as_of)
        check_paths(source, output)  # before the index is built: a bad path fails at once
        with open_store() as store:
            index = Screener(store).index_for(date)
        with progress_bar("screen") as advance:
            report = screen_file(
                index, source, output, column=column, country_column=country_column, address_column=address_column,
                threshold=_threshold(threshold), all_matches=all_matches, workers=workers, raw=raw,
                progress=advance,
            )
        summary = {
            "input": str(source), "output": str(output), "as_of": date.isoformat(), "rows": report.rows,
            "screened": report.screened, "distinct_names": report.distinct, "rows_with_match": report.matched_rows,
            "not_screened_rows": report.not_screened,
            "not_screened": [{"row": r, "reason": why} for r, why in report.unscreenable],  # the first 1,000
        }
        if as_json:
            emit_json(summary)
            return
        typer.echo(f"{_count(report.rows, 'row')} ({_count(report.distinct, 'distinct name')}) screened against the "
                   f"list of {date}: {_count(report.matched_rows, 'row')} matched; written to {output}")
        if report.not_screened:
            typer.echo(f"{_count(report.not_screened, 'row')} could not be screened (kept, with empty match columns):", err=True)
            for row, why in report.unscreenable[:20]:
                typer.echo(f"  row {row}: {why}", err=True)
            if report.not_screened > 20:
                typer.echo(f"  ... and {report.not_screened - 20:,} more", err=True)


def _count(number: int, noun: str) -> str:
    """A count with its noun: "1 row", "2 rows"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
