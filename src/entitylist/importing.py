"""Running an import: fetch the source, parse it, reconcile it with the store, record it atomically.

Every import is one database transaction: the import run, its actions and any bookkeeping (such
as the ETag of a downloaded list) are written together or not at all. Re-importing the same
snapshot records an import run with no actions.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Set
from dataclasses import dataclass

from entitylist.errors import InvalidInput
from entitylist.fetch import Fetched, fetch, file_checksum
from entitylist.importers import SNAPSHOT_READERS, ImportFailed
from entitylist.importers import fr_rule, sdn
from entitylist.linking import auto_links
from entitylist.model import ActionKind, ListingAction
from entitylist.parties import LinkRow
from entitylist.reconcile import ImportSummary, match_records, reconcile
from entitylist.reference import vocabulary
from entitylist.state import FEDERAL_REGISTER, FEDERAL_REGISTER_DATASETS, fold, namespace
from entitylist.store import Store

FORMATS = (*SNAPSHOT_READERS, "fr-rule")
DEFAULT_DATASETS = {"csl": "csl", "sdn": "sdn", "ftm": "ftm", "fr-rule": FEDERAL_REGISTER}
Progress = Callable[[int, int | None], None]


@dataclass
class ImportResult:
    format: str
    dataset: str
    location: str
    summary: ImportSummary
    seconds: float
    import_id: int | None
    entries: int
    linked: int = 0  # records this import linked to a party of another dataset


def parse_sources(text: str | None) -> set[str] | None:
    """``--source EL,SDN`` as a set of known list codes (None: every list in the file)."""
    if not text:
        return None
    codes = {vocabulary().source_code(part) for part in text.split(",") if part.strip()}
    if not codes:
        raise InvalidInput("--source names no list")
    return codes


def import_source(
    store: Store,
    format: str,
    location: str,
    *,
    dataset: str | None = None,
    sources: set[str] | None = None,
    skip_bad_rows: bool = False,
    on: dt.date | None = None,
    progress: Progress | None = None,
    meta: Callable[[Fetched], dict[str, str]] | None = None,
    fetched: Fetched | None = None,
) -> ImportResult:
    """Import ``location`` (path or URL) in ``format`` into ``store``; see the module docstring."""
    if format not in FORMATS:
        raise InvalidInput(f"unknown import format {format!r} (known: {', '.join(FORMATS)})")
    dataset = dataset or DEFAULT_DATASETS[format]
    if format == "fr-rule" and namespace(dataset) != FEDERAL_REGISTER:
        raise InvalidInput("Federal Register rules go into the 'federal-register' dataset")
    if format != "fr-rule" and namespace(dataset) == FEDERAL_REGISTER:
        raise InvalidInput(f"dataset {dataset!r} is reserved for Federal Register rules")
    on = on or dt.date.today()
    started = time.perf_counter()
    if fetched is not None:
        return _import_local(store, format, fetched, dataset, sources, skip_bad_rows, on, progress, meta, started)
    companions = sdn.SIBLINGS if format == "sdn" else ()
    with fetch(location, progress=progress, companions=companions) as local:
        return _import_local(store, format, local, dataset, sources, skip_bad_rows, on, progress, meta, started)


def _import_local(
    store: Store,
    format: str,
    local: Fetched,
    dataset: str,
    sources: set[str] | None,
    skip_bad_rows: bool,
    on: dt.date,
    progress: Progress | None,
    meta: Callable[[Fetched], dict[str, str]] | None,
    started: float,
) -> ImportResult:
    size = local.path.stat().st_size if local.path.is_file() else None

    def report(done: int) -> None:
        if progress:
            progress(done, size)

    if format == "fr-rule":
        if sources is not None and sources != {"EL"}:
            raise InvalidInput("a Federal Register rule amends the Entity List only (--source EL)")
        rule, actions, summary = fr_rule.import_rule(local.path, store, on=on, skip_bad_rows=skip_bad_rows)
        entries = summary.added + summary.modified + summary.removed
        rules = [rule] if rule is not None else []
        links = _auto_links(store, FEDERAL_REGISTER_DATASETS, actions, [a.party_id for a in actions if a.kind is ActionKind.ADD], {})
    else:
        snapshot = SNAPSHOT_READERS[format](local.path, sources, report)
        if snapshot.bad_rows and not skip_bad_rows:
            first = snapshot.bad_rows[0]
            more = f" (and {len(snapshot.bad_rows) - 1} more bad rows)" if len(snapshot.bad_rows) > 1 else ""
            raise ImportFailed(f"{first}{more}; nothing was imported (use --skip-bad-rows to import the rest)")
        if not snapshot.entries and not snapshot.sources:
            raise ImportFailed(f"{local.path.name}: no entries found; nothing was imported")
        own = store.actions(datasets=[dataset])
        current = fold(own)
        taken = store.record_ids()
        actions, summary = reconcile(
            current, snapshot, dataset=dataset, on=on, reason=f"{format} import of {local.location}", taken=taken
        )
        record_ids = match_records(current, snapshot, taken)
        starts = {rid: e.listed_since for rid, e in zip(record_ids, snapshot.entries) if e.listed_since}
        links = _auto_links(store, {dataset}, actions, record_ids, starts, own)
        summary.skipped_rows = list(snapshot.bad_rows)
        entries = len(snapshot.entries)
        rules = []
    import_id = store.record_import(
        dataset=dataset,
        format=format,
        location=local.location,
        checksum=file_checksum(local.path) if local.path.is_file() else "",
        summary=summary.as_dict(),
        actions=actions,
        rules=rules,
        meta=meta(local) if meta else None,
        links=links,
    )
    return ImportResult(format, dataset, local.location, summary, time.perf_counter() - started, import_id, entries, len(links))


def _auto_links(
    store: Store,
    datasets: Set[str],
    actions: list[ListingAction],
    subjects: list[str],
    starts: dict[str, dt.date],
    own: list[ListingAction] | None = None,
) -> list[LinkRow]:
    """Links the import makes on strong evidence, judged on the store as the import leaves it.

    ``own`` is the log of the imported ``datasets`` when the caller has read it already."""
    others = store.datasets() - set(datasets)
    if not subjects or not others:
        return []
    log = (store.actions(datasets=datasets) if own is None else own) + store.actions(datasets=others)
    last = max((a.sequence or 0 for a in log), default=0)
    pending = [a.model_copy(update={"sequence": last + n}) for n, a in enumerate(actions, start=1)]
    return auto_links(fold(log + pending), store.membership(), subjects, starts)

