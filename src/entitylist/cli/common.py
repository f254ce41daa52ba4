"""What every CLI command shares: the chosen database, option types and JSON output."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from entitylist.services import Services
from entitylist.settings import Settings as RunSettings
from entitylist.store import Store

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy database URL or SQLite file (default: $ENTITYLIST_DB, else the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RawOption = Annotated[
    bool, typer.Option("--raw", help="Write cells as they are, even those a spreadsheet would run as formulas (CSV, Excel).")
]
AsOfOption = Annotated[str, typer.Option("--as-of", help="Date (YYYY-MM-DD); default today.")]


class Settings:
    """Global options, set by the app callback before any command runs."""

    db: str | None = None


settings = Settings()


def open_store(*, seed: bool = True, migrate: bool = True) -> Store:
    return Store.open(settings.db, seed=seed, migrate=migrate)


def open_services() -> Services:
    """The services over the database the options and environment name."""
    return Services.open(RunSettings(db=settings.db) if settings.db else RunSettings())


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
