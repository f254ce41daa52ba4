"""The ``scan`` command: listed parties mentioned in documents."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entitylist.cli.common import AsOfOption, JsonOption, count, emit_json, err, open_services, progress_bar
from entitylist.cli.license import ItemOption, verdict
from entitylist.dates import parse_date
from entitylist.services.models import DocumentScan, ScanReport

_SPACES = re.compile(r"\s+")
EXIT_FOUND = 3  # as `screen --fail-on-match`
EXIT_UNREADABLE = 2  # a file could not be read (bad input), nothing found
EXIT_FOUND_AND_UNREADABLE = 4
console = Console()


def register(app: typer.Typer) -> None:
    """Add the scan command to ``app``."""

    @app.command()
    def scan(
        paths: Annotated[list[str], typer.Argument(metavar="FILE_OR_DIR...", help="Files or folders to scan; - reads standard input.")],
        as_of: AsOfOption = "today",
        threshold: Annotated[float | None, typer.Option("--threshold", help="Score (0-1) at which a passage is a mention (default 0.80).")] = None,
        fail_on_match: Annotated[
            bool, typer.Option("--fail-on-match", help=f"Exit {EXIT_FOUND} when a listed party is mentioned ({EXIT_FOUND_AND_UNREADABLE} if a file was also unreadable).")
        ] = False,
        as_json: JsonOption = False,
        item: ItemOption = None,
    ) -> None:
        """Find every mention of a listed party in documents: plain text, HTML, PDF, DOCX, e-mail (.eml with
        its attachments). A file that cannot be read is reported and the others are scanned; the exit code is
        2 when a file could not be read."""
        date = parse_date(as_of)
        with open_services() as services, progress_bar("scan") as advance:
            report = services.scan.scan(paths, as_of=date, threshold=threshold, progress=advance, item=item)
        if as_json:
            emit_json(report.as_json())
        else:
            _render(report)
        for document in report.documents:
            if document.unreadable:
                err.print(f"{escape(document.source)}: {escape(document.warnings[0])}", highlight=False)
        raise typer.Exit(exit_code(report, fail_on_match))


def exit_code(report: ScanReport, fail_on_match: bool) -> int:
    found = fail_on_match and report.found
    if report.unreadable:
        return EXIT_FOUND_AND_UNREADABLE if found else EXIT_UNREADABLE
    return EXIT_FOUND if found else 0


def _render(report: ScanReport) -> None:
    """Each document's mentions in their passages, then one table of the parties found."""
    for document in report.documents:
        _render_document(document)
    parties: dict[str, dict[str, object]] = {}
    for document in report.documents:
        for mention in document.mentions:
            row = parties.setdefault(
                mention.party_id,
                {"name": mention.party_name, "country": mention.country or "", "mentions": 0, "documents": set(), "best": 0.0,
                 "license": verdict(mention.license) if mention.license else ""},
            )
            row["mentions"] = int(str(row["mentions"])) + 1
            documents = row["documents"]
            assert isinstance(documents, set)
            documents.add(document.source)
            row["best"] = max(float(str(row["best"])), mention.score)
    scanned = count(len(report.documents), "document")
    if not parties:
        console.print(f"No listed party is mentioned in {scanned} (list of {report.as_of}).")
        return
    table = Table(title=f"Listed parties mentioned in {scanned} (list of {report.as_of})", title_justify="left")
    columns = ["party", "id", "country", "mentions", "documents", "best score"]
    if report.item is not None:
        columns.append(f"license for {report.item}")
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column in ("mentions", "documents", "best score") else "left")
    for party_id, row in sorted(parties.items(), key=lambda kv: (-int(str(kv[1]["mentions"])), kv[0])):
        documents = row["documents"]
        assert isinstance(documents, set)
        cells = [
            escape(str(row["name"])), party_id, str(row["country"]), str(row["mentions"]), str(len(documents)),
            f"{float(str(row['best'])):.3f}",
        ]
        if report.item is not None:
            cells.append(escape(str(row["license"])))
        table.add_row(*cells)
    console.print(table)


def _render_document(document: DocumentScan) -> None:
    if document.unreadable or (not document.mentions and not document.warnings):
        return  # unreadable files are reported on standard error
    console.print(f"[bold]{escape(document.source)}[/bold]: {count(len(document.mentions), 'mention')}", highlight=False)
    for warning in document.warnings if not document.unreadable else ():
        console.print(f"  [yellow]warning:[/yellow] {escape(warning)}", highlight=False)
    for mention in document.mentions:
        before = _SPACES.sub(" ", mention.before)[-60:]
        after = _SPACES.sub(" ", mention.after)[:60]
        passage = f"…{escape(before)}[bold red]{escape(_SPACES.sub(' ', mention.text))}[/bold red]{escape(after)}…"
        console.print(
            f"  {mention.start:>8}  {passage}\n            [dim]→ {escape(mention.party_name)} ({mention.party_id}), "
            f"score {mention.score:.3f}{'; ' + verdict(mention.license) if mention.license else ''}[/dim]",
            highlight=False,
        )
