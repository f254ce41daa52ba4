"""CLI commands that move data in and out: import, export, update."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from entitylist.cli.common import JsonOption, RawOption, emit_json, open_store
from entitylist.dates import parse_date
from entitylist.errors import InvalidInput
from entitylist.exporters import EXPORTERS
from entitylist.import_guards import RemovalPolicy
from entitylist.importers.sdn import parse_without
from entitylist.importing import FORMATS, ImportOptions, ImportResult, Progress as ProgressFn, import_source, parse_sources
from entitylist.paths import check_output_file
from entitylist.update import csl_url, update

err = Console(stderr=True)
AllowRemovalsOption = Annotated[
    bool, typer.Option("--allow-removals", help="Import even if it removes many entries (or all: an empty source).")
]
MaxShareOption = Annotated[
    float | None,
    typer.Option("--max-removal-share", help="Refuse when more than this share of the dataset would go (default 0.10)."),
]


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[ProgressFn]:
    """A Rich progress bar on stderr (bytes done of total), shown only on a terminal."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def print_summary(result: ImportResult, as_json: bool) -> None:
    summary = result.summary
    if as_json:
        emit_json(
            {
                "format": result.format,
                "dataset": result.dataset,
                "source": result.location,
                "entries": result.entries,
                "seconds": round(result.seconds, 3),
                **summary.as_dict(),
                "linked": result.linked,
            }
        )
        return
    typer.echo(
        f"{result.location} -> dataset {result.dataset!r}: {summary.added} added, {summary.removed} removed, "
        f"{summary.modified} modified, {summary.unchanged} unchanged ({result.entries} entries, {result.seconds:.1f} s)"
        + (f"; {result.linked} linked to parties of other datasets" if result.linked else "")
    )
    if summary.skipped_rows:
        typer.echo(f"skipped {len(summary.skipped_rows)} bad rows:", err=True)
        for row in summary.skipped_rows:
            typer.echo(f"  {row}", err=True)


def register(app: typer.Typer) -> None:
    """Add the import, export and update commands to ``app``."""

    @app.command("import")
    def import_command(
        format: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}.")],
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
        if format not in FORMATS:
            raise InvalidInput(f"unknown import format {format!r} (known: {', '.join(FORMATS)})")
        wanted = parse_sources(lists)
        date = parse_date(on)
        options = ImportOptions(
            skip_bad_rows=skip_bad_rows,
            removals=RemovalPolicy(allow_removals, max_removal_share),
            without=parse_without(without),
        )
        with open_store() as store, progress_bar(f"import {format}") as advance:
            result = import_source(
                store, format, source, dataset=dataset, sources=wanted, on=date, progress=advance, options=options
            )
        print_summary(result, as_json)

    @app.command("export")
    def export_command(
        format: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(EXPORTERS)}.")],
        as_of: Annotated[str, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")] = "today",
        output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
        raw: RawOption = False,
    ) -> None:
        """Write the list on a date as CSL CSV, CSL JSON or FollowTheMoney JSON lines."""
        writer = EXPORTERS.get(format)
        if writer is None:
            raise InvalidInput(f"unknown export format {format!r} (known: {', '.join(EXPORTERS)})")
        date: dt.date = parse_date(as_of)
        if output is not None:
            check_output_file(output)
        with open_store() as store:
            parties = store.listed(date)
        if output is None:
            writer(parties, sys.stdout, raw=raw)
            return
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = writer(parties, out, raw=raw)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise InvalidInput(f"cannot write {output}: {error.strerror}") from None
        typer.echo(f"wrote {count} parties listed on {date} to {output}", err=True)

    @app.command("update")
    def update_command(
        url: Annotated[str | None, typer.Option("--url", help="CSL URL (default: $ENTITYLIST_CSL_URL or trade.gov's).")] = None,
        force: Annotated[bool, typer.Option("--force", help="Download even if the server says it is unchanged.")] = False,
        allow_removals: AllowRemovalsOption = False,
        max_removal_share: MaxShareOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Fetch the current Consolidated Screening List and import it if it changed."""
        removals = RemovalPolicy(allow_removals, max_removal_share)
        with open_store() as store, progress_bar("download") as advance:
            outcome = update(store, url, progress=advance, force=force, removals=removals)
        if outcome.unchanged or outcome.result is None:
            if as_json:
                        emit_json({"source": csl_url(url), "unchanged": True})
            else:
                typer.echo(f"{outcome.url}: unchanged since the last update")
            return
        print_summary(outcome.result, as_json)
