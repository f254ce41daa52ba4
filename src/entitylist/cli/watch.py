"""``entitylist watch``: keep the list current and screen every portfolio, on a schedule."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from entitylist.cli.common import err, open_services
from entitylist.cli.portfolio import print_runs
from entitylist.durations import parse_duration
from entitylist.errors import EntityListError


def register(app: typer.Typer) -> None:
    """Add the ``watch`` command to ``app``."""

    @app.command("watch")
    def watch(
        every: Annotated[str, typer.Option("--every", help="Time between runs: 6h, 30m, 1d, 1h30m ...")] = "6h",
        max_runs: Annotated[int | None, typer.Option("--max-runs", min=1, help="Stop after this many runs (default: never).")] = None,
        url: Annotated[str | None, typer.Option("--url", help="CSL to download (default: $ENTITYLIST_CSL_URL, else trade.gov's).")] = None,
        no_update: Annotated[bool, typer.Option("--no-update", help="Only screen the portfolios; do not download the list.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print each run's screening as JSON.")] = False,
    ) -> None:
        """Every interval: `entitylist update`, then screen every portfolio for what changed.
        A failed run (download, import guard, database) is reported and the next run goes ahead;
        the exit status is that of the last run."""
        interval = parse_duration(every)
        runs = 0
        failed = False
        with open_services() as services:
            services.portfolios.check_delivery()  # a bad webhook URL stops here, before the first run
            while True:
                runs += 1
                failed = False
                try:
                    if not no_update:
                        outcome = services.imports.update(url)
                        if not as_json:
                            typer.echo(f"{outcome.source}: {'unchanged' if outcome.unchanged else 'imported'}")
                    print_runs(services.portfolios.screen(workers=None), as_json)  # every core
                except EntityListError as error:
                    failed = True
                    err.print(f"error: {error}", markup=False, highlight=False)
                if max_runs is not None and runs >= max_runs:
                    break
                time.sleep(interval)
        if failed:
            raise typer.Exit(1)
