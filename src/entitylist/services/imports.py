"""Moving data in and out: import a source, keep the CSL current, export the list on a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from entitylist.errors import InvalidInput
from entitylist.exporters import EXPORTERS
from entitylist.importing import FORMATS, ImportResult, Progress, import_source, parse_sources
from entitylist.services.models import ImportReport, UpdateReport
from entitylist.settings import Settings
from entitylist.store import Store
from entitylist.update import update


def import_report(result: ImportResult) -> ImportReport:
    summary = result.summary
    return ImportReport(
        format=result.format,
        dataset=result.dataset,
        source=result.location,
        entries=result.entries,
        seconds=round(result.seconds, 3),
        added=summary.added,
        removed=summary.removed,
        modified=summary.modified,
        unchanged=summary.unchanged,
        skipped_rows=[str(b) for b in summary.skipped_rows],
    )


class ImportService:
    """Imports into, updates and exports from one store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def import_source(
        self,
        format: str,
        location: str,
        *,
        dataset: str | None = None,
        lists: str | None = None,
        skip_bad_rows: bool = False,
        on: dt.date | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import ``location`` (path or URL) in ``format``; ``lists`` limits a CSL to some lists (``EL,SDN``)."""
        if format not in FORMATS:
            raise InvalidInput(f"unknown import format {format!r} (known: {', '.join(FORMATS)})")
        result = import_source(
            self._store,
            format,
            location,
            dataset=dataset,
            sources=parse_sources(lists),
            skip_bad_rows=skip_bad_rows,
            on=on,
            progress=progress,
        )
        return import_report(result)

    def update(self, url: str | None = None, *, force: bool = False, progress: Progress | None = None) -> UpdateReport:
        """Download the CSL if it changed since the last update and import it into dataset ``csl``."""
        location = url or Settings().csl_url
        outcome = update(self._store, location, progress=progress, force=force)
        report = import_report(outcome.result) if outcome.result is not None else None
        return UpdateReport(source=outcome.url, unchanged=outcome.unchanged or report is None, result=report)

    def export(self, format: str, as_of: dt.date, out: TextIO) -> int:
        """Write the list on ``as_of`` to ``out`` as CSL CSV, CSL JSON or FollowTheMoney; return the count."""
        writer = EXPORTERS.get(format)
        if writer is None:
            raise InvalidInput(f"unknown export format {format!r} (known: {', '.join(EXPORTERS)})")
        return writer(self._store.listed(as_of), out)

    def export_file(self, format: str, as_of: dt.date, output: Path) -> int:
        """Export into ``output``, which appears whole or not at all."""
        if format not in EXPORTERS:
            raise InvalidInput(f"unknown export format {format!r} (known: {', '.join(EXPORTERS)})")
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = self.export(format, as_of, out)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise InvalidInput(f"cannot write {output}: {error.strerror}") from None
        return count
