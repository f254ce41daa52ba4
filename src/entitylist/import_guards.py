"""Snapshot guards: an import never silently loses data.

A source that was cut off, emptied or only partly read looks, to reconciliation, exactly like a
list that shrank: every entry it lacks becomes a ``remove``, and every later screening misses
real hits. So before anything is written an import is refused when

* the reader found that the source did not reach its own known size (``Snapshot.cut_off``: CSL
  JSON's ``total``, OFAC companion files speaking of entries sdn.csv lacks);
* the snapshot holds no entries at all (it may never remove anything without --allow-removals);
* it would remove more than a share of the dataset's listed entries within the lists the source
  speaks for (``vocab/import_limits.yaml``, 10 %; ``--max-removal-share`` for one run).

A refusal is logged in the store's import log (``ok`` false, with the would-be counts and the
reason) and raised as :class:`ImportRefused`. Fields a source left out on purpose (``--without``)
are carried over from the store so that reconciliation sees no change in them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from entitylist.errors import InvalidInput
from entitylist.importers.base import ImportFailed, Snapshot
from entitylist.importers.limits import import_limits
from entitylist.reconcile import ImportSummary
from entitylist.state import PartyState


class ImportRefused(ImportFailed):
    """The guards refused the import; the store holds a record of the refusal and nothing else."""


@dataclass(frozen=True)
class RemovalPolicy:
    """How many removals an import may make: ``--allow-removals`` / ``--max-removal-share``."""

    allow_removals: bool = False
    max_share: float | None = None  # None: the package's default (import_limits.yaml)

    def __post_init__(self) -> None:
        if self.max_share is not None and not 0.0 <= self.max_share <= 1.0:
            raise InvalidInput(f"--max-removal-share must be between 0 and 1 (e.g. 0.25), not {self.max_share}")

    @property
    def share(self) -> float:
        return import_limits().max_removal_share if self.max_share is None else self.max_share


def carry_over(snapshot: Snapshot, current: Mapping[str, PartyState], record_ids: Sequence[str]) -> None:
    """Give entries the store already knows its values of the fields the source left out;
    ``record_ids`` are the entries' records as reconciliation matches them (by source key first)."""
    if not snapshot.kept_fields:
        return
    for entry, record_id in zip(snapshot.entries, record_ids, strict=True):
        state = current.get(record_id)
        if state is not None:
            kept = {name: getattr(state.party, name) for name in snapshot.kept_fields}
            entry.party = entry.party.model_copy(update=kept)


def listed_in_scope(snapshot: Snapshot, current: Mapping[str, PartyState]) -> int:
    """The dataset's listed entries that this snapshot speaks for (and so could remove)."""
    return sum(1 for state in current.values() if state.listed and state.party.source in snapshot.sources)


def refusal(
    snapshot: Snapshot,
    summary: ImportSummary,
    listed: int,
    *,
    source: str,
    dataset: str,
    policy: RemovalPolicy,
) -> str | None:
    """Why this import must not be recorded (None: it may)."""
    if snapshot.cut_off:
        return f"{snapshot.cut_off}; nothing was imported"
    if not snapshot.entries and not policy.allow_removals:
        if not listed:
            return f"{source}: no entries found; nothing was imported"
        return (
            f"{source}: holds no entries, so importing it would remove all {listed} entries of dataset {dataset!r} "
            "(an empty or cut-off download?); nothing was imported. If the list really was emptied, "
            "run again with --allow-removals"
        )
    if policy.allow_removals or summary.removed <= policy.share * listed:
        return None
    return (
        f"{source}: would remove {summary.removed} of the {listed} entries of dataset {dataset!r} "
        f"({summary.removed / listed:.0%}; at most {policy.share:.0%} may go in one import), "
        f"add {summary.added} and modify {summary.modified}; nothing was imported. A cut-off or partial "
        "file looks like this; if the list really shrank, run again with --allow-removals "
        "(or --max-removal-share)"
    )
