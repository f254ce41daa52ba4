"""What every CLI command shares: the chosen database, option types, progress bars and JSON output."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from entitylist.services import Services
from entitylist.settings import Settings, load_settings

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy database URL or SQLite file (default: $ENTITYLIST_DB, else the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RawOption = Annotated[
    bool, typer.Option("--raw", help="Write cells as they are, even those a spreadsheet would run as formulas (CSV, Excel).")
]
AsOfOption = Annotated[str, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")]
ProgressFn = Callable[[int, int | None], None]
err = Console(stderr=True)


class GlobalOptions:
    """Options given before the command (``--db``), set by the app callback before any command runs."""

    db: str | None = None


options = GlobalOptions()


def settings() -> Settings:
    """The run-time settings: the environment's, with ``--db`` over ``ENTITYLIST_DB``."""
    return load_settings(db=options.db)


def open_services() -> Services:
    """The services over the database the options and environment name (a command is one
    process: its screenings may read a current SQLite store without opening it in full)."""
    return Services.open(settings(), quick_reads=True)


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


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


def count(number: int, noun: str) -> str:
    """A count with its noun: "1 row", "2 rows"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
