"""Turning a source's snapshot into listing actions against what the store already holds.

The store keeps history; a source file only says what is listed today. Reconciling the two
records exactly the difference: an ``add`` for each new entry (dated by the source's own first
listing date when it gives one and the entry is new to the store, else by the import date), a
``remove`` for each entry the source no longer lists, and a ``modify`` carrying the new entry
text (with a readable account of what changed) for each entry whose text changed. Entries are
matched to the store's records by the source's own key first (:func:`match_records`), so a
renamed entry is a ``modify`` of the same record, never a removal plus an addition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from entitylist.ids import unique_id
from entitylist.importers.base import BadRow, Snapshot
from entitylist.model import ActionKind, Changes, ListingAction, Party
from entitylist.state import PartyState

_SCALARS = ("name", "type", "country", "license_requirement", "license_review_policy")


@dataclass
class ImportSummary:
    added: int = 0
    removed: int = 0
    modified: int = 0
    unchanged: int = 0
    skipped_rows: list[BadRow] = field(default_factory=list)
    unreadable_birth_dates: int = 0  # listed dates of birth matching cannot read (ignored, not fatal)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "removed": self.removed,
            "modified": self.modified,
            "unchanged": self.unchanged,
            "skipped_rows": [str(b) for b in self.skipped_rows],
            "unreadable_birth_dates": self.unreadable_birth_dates,
        }


def describe_changes(old: Party, new: Party) -> Changes:
    """What differs between two versions of an entry, as structured changes with a summary."""
    old_aliases = {a.name for a in old.aliases}
    new_aliases = {a.name for a in new.aliases}
    fields: dict[str, object] = {
        "aliases_added": tuple(a for a in new.aliases if a.name not in old_aliases),
        "aliases_removed": tuple(a.name for a in old.aliases if a.name not in new_aliases),
        "addresses_added": tuple(a for a in new.addresses if a not in old.addresses),
        "addresses_removed": tuple(a for a in old.addresses if a not in new.addresses),
        "footnotes_added": tuple(f for f in new.footnotes if f not in old.footnotes),
    }
    words = []
    for attr in _SCALARS:
        if getattr(old, attr) != getattr(new, attr):
            fields[attr] = getattr(new, attr)
            words.append(f"renamed from {old.name!r}" if attr == "name" else attr.replace("_", " "))
    for key, noun, verb in (
        ("aliases_added", "alias", "added"),
        ("aliases_removed", "alias", "removed"),
        ("addresses_added", "address", "added"),
        ("addresses_removed", "address", "removed"),
        ("footnotes_added", "footnote", "added"),
    ):
        count = len(fields[key])  # type: ignore[arg-type]
        if count:
            words.append(f"{count} {noun if count == 1 else noun + 'es' if noun.endswith('s') else noun + 's'} {verb}")
    other = [
        name
        for name in Party.model_fields
        if name not in _SCALARS and name not in ("aliases", "addresses", "footnotes") and getattr(old, name) != getattr(new, name)
    ]
    words += [name.replace("_", " ") + " changed" for name in other]
    fields["description"] = "; ".join(words) or "entry text changed"
    return Changes.model_validate(fields)


def _last_citation(state: PartyState) -> str | None:
    return next((a.federal_register for a in reversed(state.actions) if a.federal_register), None)


def match_records(current: Mapping[str, PartyState], snapshot: Snapshot, taken: Set[str]) -> list[str]:
    """The record id of each snapshot entry, in order.

    By source key first, so that a renamed or re-addressed entry keeps its record; then, for
    records the keys did not claim (stored before keys existed, or re-keyed by the source), by
    the id the importer derives from the entry; else a new id, unique across the store.
    """
    by_key = {state.source_key: record_id for record_id, state in current.items() if state.source_key}
    keys = {entry.source_key for entry in snapshot.entries if entry.source_key}
    claimed: set[str] = set()
    ids: list[str | None] = []
    for entry in snapshot.entries:
        record_id = by_key.get(entry.source_key) if entry.source_key else None
        if record_id is not None and record_id not in claimed:
            claimed.add(record_id)
            ids.append(record_id)
        else:
            ids.append(None)
    used = set(taken) | set(current)
    result: list[str] = []
    for entry, record_id in zip(snapshot.entries, ids):
        if record_id is None:
            candidate = entry.party.id
            state = current.get(candidate)
            if state is not None and candidate not in claimed and state.source_key not in keys:
                record_id = candidate
            else:
                record_id = unique_id(candidate, used)
            claimed.add(record_id)
            used.add(record_id)
        result.append(record_id)
    return result


def reconcile(
    current: Mapping[str, PartyState],
    snapshot: Snapshot,
    *,
    dataset: str,
    on: dt.date,
    reason: str | None = None,
    taken: Set[str] = frozenset(),
    record_ids: Sequence[str] | None = None,
) -> tuple[list[ListingAction], ImportSummary]:
    """The actions that bring ``current`` (this dataset's records) to the snapshot, and counts.

    ``taken`` holds the record ids used anywhere in the store, which a new record's id avoids;
    ``record_ids``, when the caller has them, are :func:`match_records`'s answer for this snapshot.
    """
    summary = ImportSummary()
    actions: list[ListingAction] = []
    seen: set[str] = set()
    if record_ids is None:
        record_ids = match_records(current, snapshot, taken)
    for entry, record_id in zip(snapshot.entries, record_ids, strict=True):
        party = entry.party if entry.party.id == record_id else entry.party.model_copy(update={"id": record_id})
        seen.add(record_id)
        state = current.get(record_id)
        common = {"dataset": dataset, "reason": reason, "source_key": entry.source_key}
        if state is None or not state.listed:
            first_time = state is None
            date = entry.listed_since if first_time and entry.listed_since and entry.listed_since <= on else on
            actions.append(
                ListingAction(
                    kind=ActionKind.ADD,
                    party_id=record_id,
                    effective_date=date,
                    party=party,
                    federal_register=entry.federal_register,
                    **common,
                )
            )
            summary.added += 1
        elif state.party != party or _last_citation(state) != entry.federal_register:
            changes = describe_changes(state.party, party)
            if state.party == party:
                changes = Changes(description="Federal Register citation changed")
            actions.append(
                ListingAction(
                    kind=ActionKind.MODIFY,
                    party_id=record_id,
                    effective_date=on,
                    party=party,
                    changes=changes,
                    federal_register=entry.federal_register,
                    **common,
                )
            )
            summary.modified += 1
        else:
            summary.unchanged += 1
    for record_id, state in sorted(current.items()):
        if state.listed and record_id not in seen and state.party.source in snapshot.sources:
            actions.append(
                ListingAction(kind=ActionKind.REMOVE, party_id=record_id, effective_date=on, dataset=dataset, reason=reason)
            )
            summary.removed += 1
    return actions, summary
