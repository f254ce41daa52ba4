"""Running an import: fetch the source, parse it, reconcile it with the store, record it atomically.

Every import is one database transaction: the import run, its actions and any bookkeeping (such
as the ETag of a downloaded list) are written together or not at all. Re-importing the same
snapshot records an import run with no actions. Before anything is written the snapshot guards
(``entitylist.import_guards``) may refuse the import; then only the refusal is logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field

from entitylist.errors import InvalidInput
from entitylist.fetch import Fetched, fetch, file_checksum
from entitylist.import_guards import ImportRefused, RemovalPolicy, carry_over, listed_in_scope, refusal
from entitylist.importers import SNAPSHOT_READERS, ImportFailed
from entitylist.importers.base import Snapshot
from entitylist.importers import fr_rule, sdn
from entitylist.importers.limits import import_limits
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


@dataclass(frozen=True)
class ImportOptions:
    """How strictly to import: bad rows, removals, and SDN companion files left out on purpose."""

    skip_bad_rows: bool = False
    removals: RemovalPolicy = field(default_factory=RemovalPolicy)
    without: frozenset[str] = frozenset()  # sdn: companion files not to read (``--without``)


def dataset_name(text: str | None, format: str) -> str:
    """The dataset an import updates: the format's default, or a name the store can hold."""
    if text is None:
        return DEFAULT_DATASETS[format]
    limits = import_limits()
    if not text:
        raise InvalidInput("--dataset: the name is empty (leave the option out for the default)")
    if len(text) > limits.dataset_name_max_length:
        raise InvalidInput(f"--dataset: the name is {len(text)} characters long (at most {limits.dataset_name_max_length})")
    if not limits.dataset_name_pattern.match(text):
        raise InvalidInput(
            f"--dataset: {text[:60]!r} is not a dataset name (lower-case letters, digits, '.', '_' and '-', "
            "starting with a letter or digit)"
        )
    return text


def _unreadable_birth_dates(snapshot: Snapshot) -> int:
    """Dates of birth in the entries (their field, and "DOB ..." in remarks) that matching cannot
    read: they are kept as written and left out of the date-of-birth feature, and counted here."""
    if not any(e.party.birth_dates or e.party.remarks for e in snapshot.entries):
        return 0
    from entitylist.matching.evidence import listed_birth_dates  # the matching code: only when there are any

    return sum(listed_birth_dates(e.party.birth_dates, e.party.remarks)[1] for e in snapshot.entries)


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
    options: ImportOptions | None = None,
) -> ImportResult:
    """Import ``location`` (path or URL) in ``format`` into ``store``; see the module docstring.

    ``options`` (bad rows, removals, SDN companions left out) supersedes ``skip_bad_rows``.
    """
    if format not in FORMATS:
        raise InvalidInput(f"unknown import format {format!r} (known: {', '.join(FORMATS)})")
    options = options or ImportOptions(skip_bad_rows=skip_bad_rows)
    if options.without and format != "sdn":
        raise InvalidInput("--without names OFAC companion files; it applies to 'import sdn' only")
    dataset = dataset_name(dataset, format)
    if format == "fr-rule" and namespace(dataset) != FEDERAL_REGISTER:
        raise InvalidInput("Federal Register rules go into the 'federal-register' dataset")
    if format != "fr-rule" and namespace(dataset) == FEDERAL_REGISTER:
        raise InvalidInput(f"dataset {dataset!r} is reserved for Federal Register rules")
    on = on or dt.date.today()
    started = time.perf_counter()
    if fetched is not None:
        return _import_local(store, format, fetched, dataset, sources, options, on, progress, meta, started)
    companions = sdn.SIBLINGS if format == "sdn" else ()
    with fetch(location, progress=progress, companions=companions) as local:
        return _import_local(store, format, local, dataset, sources, options, on, progress, meta, started)


def _check_dated_after_history(own: Sequence[ListingAction], actions: Sequence[ListingAction], on: dt.date) -> None:
    """Refuse an import whose changes to known records would be dated before a change the
    history already holds for them (``--date`` in the past, or a history dated ahead of today):
    the list of a date applies actions in date order, so such a removal or change would take
    effect before the later one and be undone by it, reported and never in force."""
    latest: dict[str, dt.date] = {}
    for action in own:
        known = latest.get(action.party_id)
        if known is None or action.effective_date > known:
            latest[action.party_id] = action.effective_date
    early = [a for a in actions if a.party_id in latest and a.effective_date < latest[a.party_id]]
    if early:
        last = max(latest[a.party_id] for a in early)
        raise InvalidInput(
            f"{len(early)} change(s) would be dated {on.isoformat()}, before the history's latest change to those "
            f"records ({last.isoformat()}), and would never take effect; import with --date {last.isoformat()} or later"
        )


def _import_local(
    store: Store,
    format: str,
    local: Fetched,
    dataset: str,
    sources: set[str] | None,
    options: ImportOptions,
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
        rule, actions, summary = fr_rule.import_rule(local.path, store, on=on, skip_bad_rows=options.skip_bad_rows)
        entries = summary.added + summary.modified + summary.removed
        rules = [rule] if rule is not None else []
        links = _auto_links(store, FEDERAL_REGISTER_DATASETS, actions, [a.party_id for a in actions if a.kind is ActionKind.ADD], {})
    else:
        reader = functools.partial(sdn.read, without=options.without) if format == "sdn" else SNAPSHOT_READERS[format]
        snapshot = reader(local.path, sources, report)
        if snapshot.bad_rows and not options.skip_bad_rows:
            first = snapshot.bad_rows[0]
            more = f" (and {len(snapshot.bad_rows) - 1} more bad rows)" if len(snapshot.bad_rows) > 1 else ""
            raise ImportFailed(f"{first}{more}; nothing was imported (use --skip-bad-rows to import the rest)")
        own = store.actions(datasets=[dataset])
        current = fold(own)
        record_ids = match_records(current, snapshot, store.record_ids())  # each entry's record, once
        carry_over(snapshot, current, record_ids)
        actions, summary = reconcile(
            current, snapshot, dataset=dataset, on=on, reason=f"{format} import of {local.location}",
            record_ids=record_ids,
        )
        _check_dated_after_history(own, actions, on)
        listed = listed_in_scope(snapshot, current)
        refused = refusal(snapshot, summary, listed, source=local.location, dataset=dataset, policy=options.removals)
        if refused:
            store.record_refused_import(
                dataset=dataset,
                format=format,
                location=local.location,
                checksum=_checksum(local),
                summary={**summary.as_dict(), "entries": len(snapshot.entries), "listed": listed, "refused": refused},
            )
            raise ImportRefused(refused)
        starts = {rid: e.listed_since for rid, e in zip(record_ids, snapshot.entries) if e.listed_since}
        links = _auto_links(store, {dataset}, actions, record_ids, starts, own)
        summary.skipped_rows = list(snapshot.bad_rows)
        summary.unreadable_birth_dates = _unreadable_birth_dates(snapshot)
        entries = len(snapshot.entries)
        rules = []
    import_id = store.record_import(
        dataset=dataset,
        format=format,
        location=local.location,
        checksum=_checksum(local),
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

    ``own`` is the log of the imported ``datasets`` when the caller has read it already. (The
    matching code is imported here, only when there is something to link.)"""
    others = store.datasets() - set(datasets)
    if not subjects or not others:
        return []
    from entitylist.linking import auto_links

    log = (store.actions(datasets=datasets) if own is None else own) + store.actions(datasets=others)
    last = max((a.sequence or 0 for a in log), default=0)
    pending = [a.model_copy(update={"sequence": last + n}) for n, a in enumerate(actions, start=1)]
    return auto_links(fold(log + pending), store.membership(), subjects, starts)



def _checksum(local: Fetched) -> str:
    return file_checksum(local.path) if local.path.is_file() else ""
