"""Moving data in and out: import a source, keep the CSL current, export the list on a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from entitylist.errors import InvalidInput
from entitylist.exporters import EXPORTERS
from entitylist.import_guards import RemovalPolicy
from entitylist.importers.sdn import parse_without
from entitylist.importing import FORMATS, ImportOptions, ImportResult, Progress, import_source, parse_sources
from entitylist.paths import check_output_file
from entitylist.services.models import ExportReport, ImportReport, UpdateReport
from entitylist.services.base import StoreBacked
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
        linked=result.linked,
        unreadable_birth_dates=summary.unreadable_birth_dates,
    )


def _exporter(format: str) -> str:
    if format not in EXPORTERS:
        raise InvalidInput(f"unknown export format {format!r} (known: {', '.join(EXPORTERS)})")
    return format


class ImportService(StoreBacked):
    """Imports into, updates and exports from one store."""

    def import_source(
        self,
        format: str,
        location: str,
        *,
        dataset: str | None = None,
        lists: str | None = None,
        skip_bad_rows: bool = False,
        on: dt.date | None = None,
        allow_removals: bool = False,
        max_removal_share: float | None = None,
        without: str | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import ``location`` (path or URL) in ``format``; ``lists`` limits a CSL to some lists
        (``EL,SDN``); ``without`` names SDN companion files left out on purpose."""
        if format not in FORMATS:
            raise InvalidInput(f"unknown import format {format!r} (known: {', '.join(FORMATS)})")
        options = ImportOptions(
            skip_bad_rows=skip_bad_rows,
            removals=RemovalPolicy(allow_removals, max_removal_share),
            without=parse_without(without),
        )
        result = import_source(
            self._store, format, location, dataset=dataset, sources=parse_sources(lists), on=on, progress=progress,
            options=options,
        )
        return import_report(result)

    def update(
        self,
        url: str | None = None,
        *,
        force: bool = False,
        allow_removals: bool = False,
        max_removal_share: float | None = None,
        progress: Progress | None = None,
    ) -> UpdateReport:
        """Download the CSL if it changed since the last update and import it into dataset ``csl``."""
        removals = RemovalPolicy(allow_removals, max_removal_share)
        outcome = update(self._store, url, progress=progress, force=force, removals=removals)
        report = import_report(outcome.result) if outcome.result is not None else None
        return UpdateReport(source=outcome.url, unchanged=report is None, result=report)

    def export(self, format: str, as_of: dt.date, out: TextIO, *, raw: bool = False) -> int:
        """Write the list on ``as_of`` to ``out`` as CSL CSV, CSL JSON or FollowTheMoney; return the count.
        CSV cells a spreadsheet would run as formulas are neutralised unless ``raw``."""
        return EXPORTERS[_exporter(format)](self._store.listed(as_of), out, raw=raw)

    def export_file(self, format: str, as_of: dt.date, output: Path, *, raw: bool = False) -> ExportReport:
        """Export into ``output``, which appears whole or not at all."""
        _exporter(format)
        check_output_file(output)
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = self.export(format, as_of, out, raw=raw)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise InvalidInput(f"cannot write {output}: {error.strerror}") from None
        return ExportReport(format=format, as_of=as_of, output=str(output), parties=count)
