"""CLI commands that move data in and out: import, export, update."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from entitylist.cli import ownership
from entitylist.cli.common import JsonOption, RawOption, emit_json, open_services, progress_bar
from entitylist.dates import parse_date
from entitylist.formats import EXPORT_FORMATS, IMPORT_FORMATS
from entitylist.services.models import ImportReport

AllowRemovalsOption = Annotated[
    bool, typer.Option("--allow-removals", help="Import even if it removes many entries (or all: an empty source).")
]
MaxShareOption = Annotated[
    float | None,
    typer.Option("--max-removal-share", help="Refuse when more than this share of the dataset would go (default 0.10)."),
]


def print_summary(report: ImportReport, as_json: bool) -> None:
    if as_json:
        emit_json(report.as_json())
        return
    typer.echo(
        f"{report.source} -> dataset {report.dataset!r}: {report.added} added, {report.removed} removed, "
        f"{report.modified} modified, {report.unchanged} unchanged ({report.entries} entries, {report.seconds:.1f} s)"
        + (f"; {report.linked} linked to parties of other datasets" if report.linked else "")
    )
    if report.unreadable_birth_dates:
        typer.echo(f"{report.unreadable_birth_dates} dates of birth could not be read (kept as written; not used for matching)", err=True)
    if report.skipped_rows:
        typer.echo(f"skipped {len(report.skipped_rows)} bad rows:", err=True)
        for row in report.skipped_rows:
            typer.echo(f"  {row}", err=True)


def register(app: typer.Typer) -> None:
    """Add the import, export and update commands to ``app``."""

    @app.command("import")
    def import_command(
        format: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join((*IMPORT_FORMATS, ownership.FORMAT))}.")],
        source: Annotated[str, typer.Argument(help="File path or http(s) URL (sdn: sdn.csv or its folder).")],
        lists: Annotated[str | None, typer.Option("--source", help="Only these lists, e.g. EL,SDN (csl).")] = None,
        dataset: Annotated[str | None, typer.Option("--dataset", help="Name of the history this import updates.")] = None,
        skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Import the good rows and report the bad.")] = False,
        on: Annotated[str, typer.Option("--date", help="Date of changes the source does not date (default today).")] = "today",
        allow_removals: AllowRemovalsOption = False,
        max_removal_share: MaxShareOption = None,
        without: Annotated[
            str | None, typer.Option("--without", help="sdn: companion files left out on purpose (alt,add,comments); their fields are kept.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Import a source into the store, recording what was added, removed and modified."""
        if format == ownership.FORMAT:
            ownership.import_ownership(source, as_json)
            return
        date = parse_date(on)
        with open_services() as services, progress_bar(f"import {format}") as advance:
            report = services.imports.import_source(
                format, source, dataset=dataset, lists=lists, skip_bad_rows=skip_bad_rows, on=date,
                allow_removals=allow_removals, max_removal_share=max_removal_share, without=without, progress=advance,
            )
        print_summary(report, as_json)

    @app.command("export")
    def export_command(
        format: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(EXPORT_FORMATS)}.")],
        as_of: Annotated[str, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")] = "today",
        output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
        raw: RawOption = False,
    ) -> None:
        """Write the list on a date as CSL CSV, CSL JSON or FollowTheMoney JSON lines."""
        date = parse_date(as_of)
        with open_services() as services:
            if output is None:
                services.imports.export(format, date, sys.stdout, raw=raw)
                return
            report = services.imports.export_file(format, date, output, raw=raw)
        typer.echo(f"wrote {report.parties} parties listed on {date} to {output}", err=True)

    @app.command("update")
    def update_command(
        url: Annotated[str | None, typer.Option("--url", help="CSL URL (default: $ENTITYLIST_CSL_URL or trade.gov's).")] = None,
        force: Annotated[bool, typer.Option("--force", help="Download even if the server says it is unchanged.")] = False,
        allow_removals: AllowRemovalsOption = False,
        max_removal_share: MaxShareOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Fetch the current Consolidated Screening List and import it if it changed."""
        with open_services() as services, progress_bar("download") as advance:
            outcome = services.imports.update(
                url, force=force, allow_removals=allow_removals, max_removal_share=max_removal_share, progress=advance
            )
        if outcome.result is None:
            if as_json:
                emit_json({"source": outcome.source, "unchanged": True})
            else:
                typer.echo(f"{outcome.source}: unchanged since the last update")
            return
        print_summary(outcome.result, as_json)
