"""CLI commands for the audit log: ``audit verify`` and ``audit export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from entitylist.cli.common import JsonOption, emit_json, open_services
from entitylist.errors import EntityListError, InvalidInput

audit_app = typer.Typer(help="The tamper-evident audit log of imports, link judgements and reviews.", no_args_is_help=True)


@audit_app.command("verify")
def verify(as_json: JsonOption = False) -> None:
    """Check the hash chain; name the first edited, moved or deleted record (exit 1 if any)."""
    with open_services() as services:
        result = services.audit.verify()
    if as_json:
        emit_json(result.as_json())
    elif result.ok:
        typer.echo(f"audit log intact: {result.records} records; last hash {result.head or '(none)'}")
    if not result.ok:
        if not as_json:
            typer.echo(f"error: audit log broken at record {result.first_bad}: {result.problem}", err=True)
        raise typer.Exit(1)


@audit_app.command("export")
def export(
    format: Annotated[str, typer.Option("--format", help="csv or json.")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
) -> None:
    """Write every audit record (sequence, time, kind, actor, payload, hashes) for auditors."""
    with open_services() as services:
        if output is None:
            services.audit.export(format, sys.stdout)
            return
        if format not in ("csv", "json"):
            raise InvalidInput(f"unknown audit export format {format!r} (known: csv, json)")
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = services.audit.export(format, out)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise EntityListError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"wrote {count} audit records to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
