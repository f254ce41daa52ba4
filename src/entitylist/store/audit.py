"""The hash-chained audit log: append a record, read them back, and verify the chain.

Each record is ``{sequence, recorded_at, kind, actor, payload, prev_hash}``; its hash is the
SHA-256 of that object as canonical JSON (sorted keys, no spaces, UTF-8), and ``prev_hash`` is
the hash of the record before (64 zeros for the first). Editing a record breaks its own hash,
moving or deleting one breaks the next record's ``prev_hash`` or the sequence, and deleting the
last ones leaves the log shorter than the head kept in ``meta`` (whose loss, with records left, is
itself a finding). Appends run inside the write transaction that makes the change they record, so
a change and its record land together; and the reviews that screening reads (which hits stay
cleared) are checked against their records (``review_problem``), so a review edited, added or
deleted in the table is found too, as are the links that make records one party (``link_problem``).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from entitylist.store import schema

GENESIS = "0" * 64
HEAD_KEY = "audit_head"  # meta: "<sequence>:<hash>" of the newest record


def canonical(value: Any) -> str:
    """The one JSON text of a value that its hash is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def login_name() -> str:
    """Who is at the keyboard, as far as the system knows."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass(frozen=True)
class AuditRecord:
    sequence: int
    recorded_at: str
    kind: str
    actor: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """What the hash covers."""
        return {
            "sequence": self.sequence, "recorded_at": self.recorded_at, "kind": self.kind, "actor": self.actor,
            "payload": self.payload, "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return hashlib.sha256(canonical(self.body()).encode("utf-8")).hexdigest()


def append(conn: Connection, kind: str, payload: dict[str, Any], actor: str | None = None) -> AuditRecord:
    """Add one record after the newest, in the caller's (write-locked) transaction."""
    last = conn.execute(
        select(schema.audit_log.c.sequence, schema.audit_log.c.hash).order_by(schema.audit_log.c.sequence.desc()).limit(1)
    ).first()
    sequence, prev = (int(last.sequence) + 1, str(last.hash)) if last else (1, GENESIS)
    draft = AuditRecord(
        sequence, dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"), kind, actor or login_name(),
        json.loads(canonical(payload)), prev, "",
    )
    record = AuditRecord(**{**draft.body(), "hash": draft.computed_hash()})
    conn.execute(
        insert(schema.audit_log).values(
            sequence=record.sequence, recorded_at=record.recorded_at, kind=record.kind, actor=record.actor,
            payload=canonical(record.payload), prev_hash=record.prev_hash, hash=record.hash,
        )
    )
    conn.execute(delete(schema.meta).where(schema.meta.c.key == HEAD_KEY))
    conn.execute(insert(schema.meta).values(key=HEAD_KEY, value=f"{record.sequence}:{record.hash}"))
    return record


def from_row(row: Any) -> AuditRecord:
    """A stored row as a record (a payload that is no JSON object reads as ``{"unreadable": text}``)."""
    try:
        payload = json.loads(row.payload)
    except ValueError:
        payload = {"unreadable": row.payload}
    if not isinstance(payload, dict):
        payload = {"unreadable": row.payload}
    return AuditRecord(int(row.sequence), str(row.recorded_at), str(row.kind), str(row.actor), payload, str(row.prev_hash), str(row.hash))


@dataclass(frozen=True)
class Verdict:
    """The chain's state: ``ok``, or the first bad record and what is wrong with it."""

    ok: bool
    records: int
    head: str | None
    first_bad: int | None = None
    problem: str | None = None


def verify(rows: list[Any], head: str | None) -> Verdict:
    """Walk the chain in sequence order; the first record that does not hold is named."""
    if rows and head is None:
        return Verdict(False, len(rows), head, None,
                       f"the head of the log ({HEAD_KEY} in meta) is missing: records may have been cut from its end")
    previous_hash, expected = GENESIS, 1
    for row in rows:
        record = from_row(row)
        if record.sequence != expected:
            return Verdict(False, len(rows), head, expected, f"record {expected} is missing (the next is {record.sequence})")
        if record.prev_hash != previous_hash:
            return Verdict(False, len(rows), head, record.sequence,
                           f"record {record.sequence} does not follow record {expected - 1} (moved, or one before it was changed)")
        if record.computed_hash() != record.hash:
            return Verdict(False, len(rows), head, record.sequence, f"record {record.sequence} was changed after it was written")
        if canonical(record.payload) != row.payload:
            return Verdict(False, len(rows), head, record.sequence, f"record {record.sequence} was changed after it was written")
        previous_hash, expected = record.hash, expected + 1
    if head is not None:
        head_sequence, _, head_hash = head.partition(":")
        if head_sequence.isdigit() and int(head_sequence) >= expected:
            return Verdict(False, len(rows), head, expected, f"record {expected} and later are missing (the log held {head_sequence})")
        if rows and head_hash != previous_hash:
            return Verdict(False, len(rows), head, expected - 1, f"record {expected - 1} is not the last record written")
    return Verdict(True, len(rows), previous_hash if rows else None)


# what a review's record holds of its row, compared field by field (its time apart: see below)
_REVIEW_FIELDS = (
    "party_id", "counterparty_key", "counterparty_name", "counterparty_id", "decision", "reason", "reviewer", "last_action",
)


def review_problem(reviews: list[Any], records: list[AuditRecord]) -> tuple[int | None, str] | None:
    """The first review of the ``reviews`` table that its audit record does not vouch for (edited,
    or added without one) or whose record names a review the table lacks (deleted): (the record's
    sequence, or None, and what is wrong); None when every review and its record agree. Screening
    suppresses cleared hits by the table, so the table is what a forger would edit."""
    logged: dict[int, AuditRecord] = {}
    for record in records:
        review_id = record.payload.get("review_id") if record.kind == "review" else None
        if isinstance(review_id, int):
            logged[review_id] = record
    for row in sorted(reviews, key=lambda r: int(r.id)):
        found = logged.pop(int(row.id), None)
        if found is None:
            return None, f"review {row.id} has no audit record: it was added to the table, not recorded"
        record = found
        for field in _REVIEW_FIELDS:
            kept, written = getattr(row, field), record.payload.get(field)
            if kept != written:
                return record.sequence, (
                    f"review {row.id} differs from its audit record {record.sequence}: {field} is {kept!r} in the table, "
                    f"{written!r} when it was recorded"
                )
        if not _same_time(row.reviewed_at, record.payload.get("reviewed_at")):
            return record.sequence, f"review {row.id} differs from its audit record {record.sequence}: reviewed_at was changed"
    if logged:
        review_id, record = min(logged.items())
        return record.sequence, f"review {review_id}, recorded by audit record {record.sequence}, was deleted from the table"
    return None


def link_problem(links: list[Any], records: list[AuditRecord]) -> tuple[int | None, str] | None:
    """The first disagreement between the ``links`` table, which decides which records are one
    party, and the audit records that wrote it: a person's judgement (link or unlink) edited,
    added without a record or deleted; an import's links more or fewer than it recorded. (sequence
    of the record concerned, or None, and what is wrong); None when they agree."""
    judged: Counter[tuple[Any, ...]] = Counter()
    recorded_by: dict[tuple[Any, ...], int] = {}
    per_import: dict[int, tuple[int, int]] = {}  # import id -> (links it recorded, its record)
    for record in records:
        if record.kind == "link_judgement":
            for link in record.payload.get("links") or []:
                key = (link.get("record"), link.get("party"), link.get("kind"), link.get("other"), link.get("evidence"))
                judged[key] += 1
                recorded_by.setdefault(key, record.sequence)
        elif record.kind == "import" and isinstance(record.payload.get("links"), int):
            per_import[int(record.payload["import_id"])] = (int(record.payload["links"]), record.sequence)
    kept: Counter[tuple[Any, ...]] = Counter()
    imported: Counter[int] = Counter()
    for row in links:
        if row.import_id is None:
            kept[(row.record_id, row.party_id, row.kind, row.other_id, row.evidence)] += 1
        else:
            imported[int(row.import_id)] += 1
    unrecorded = sorted(kept - judged, key=repr)
    if unrecorded:
        return None, f"the link judgement {_described(unrecorded[0])} has no audit record: it was added to the table, or changed in it"
    missing = sorted(judged - kept, key=lambda key: (recorded_by[key], repr(key)))
    if missing:
        sequence = recorded_by[missing[0]]
        return sequence, f"the link judgement {_described(missing[0])}, recorded by audit record {sequence}, is not in the table: deleted or changed"
    for import_id, (count, sequence) in sorted(per_import.items()):
        if imported[import_id] != count:
            return sequence, (
                f"import {import_id} recorded {count} links (audit record {sequence}); the table holds {imported[import_id]}"
            )
    return None


def _described(key: tuple[Any, ...]) -> str:
    record, party, kind, other, _evidence = key
    return f"{kind} of {record} to {party}" + (f" (with {other})" if other else "")


def _same_time(kept: Any, written: Any) -> bool:
    """A review's time as the database hands it back (SQLite: naive, in UTC) against the ISO time its record holds."""
    if not isinstance(kept, dt.datetime) or not isinstance(written, str):
        return False
    try:
        recorded = dt.datetime.fromisoformat(written)
    except ValueError:
        return False
    aware = kept if kept.tzinfo else kept.replace(tzinfo=dt.timezone.utc)
    return aware == recorded
