"""The audit log as a service: verify the hash chain, list and export its records."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from sqlalchemy import select

from entitylist.cells import neutralise_row
from entitylist.errors import InvalidInput
from entitylist.services.base import StoreBacked
from entitylist.services.license_models import AuditRecordOut, AuditVerification
from entitylist.store import audit, schema

EXPORT_FORMATS = ("csv", "json")


class AuditService(StoreBacked):
    """Reads the store's audit log; nothing here writes to it."""

    def _rows(self) -> list[object]:
        return self._store.read(select(schema.audit_log).order_by(schema.audit_log.c.sequence))

    def verify(self) -> AuditVerification:
        """Walk the chain; the first edited, moved or missing record is named. Then the reviews
        screening reads and the links that make records one party: each must agree with its
        record, and each recorded one must be there."""
        rows = self._rows()
        verdict = audit.verify(rows, self._store.meta_value(audit.HEAD_KEY))
        if verdict.ok:
            reviews = self._store.read(select(schema.reviews).order_by(schema.reviews.c.id))
            records = [audit.from_row(row) for row in rows]
            found = audit.review_problem(reviews, records)
            if found is None:  # (which records are one party: a judgement edited in the table would merge two)
                found = audit.link_problem(self._store.read(select(schema.links).order_by(schema.links.c.sequence)), records)
            if found is not None:
                return AuditVerification(ok=False, records=verdict.records, head=verdict.head, first_bad=found[0], problem=found[1])
        return AuditVerification(ok=verdict.ok, records=verdict.records, head=verdict.head, first_bad=verdict.first_bad,
                                 problem=verdict.problem)

    def records(self) -> list[AuditRecordOut]:
        out = []
        for row in self._rows():
            record = audit.from_row(row)
            out.append(AuditRecordOut(sequence=record.sequence, recorded_at=record.recorded_at, kind=record.kind, actor=record.actor,
                                      payload=record.payload, prev_hash=record.prev_hash, hash=record.hash))
        return out

    def export(self, format: str, out: TextIO) -> int:
        """Every record as CSV (payload as canonical JSON in one cell) or a JSON array; the count."""
        if format not in EXPORT_FORMATS:
            raise InvalidInput(f"unknown audit export format {format!r} (known: {', '.join(EXPORT_FORMATS)})")
        records = self.records()
        if format == "json":
            json.dump([r.as_json() for r in records], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["sequence", "recorded_at", "kind", "actor", "payload", "prev_hash", "hash"])
            for r in records:
                # cells a spreadsheet would run as formulas get an apostrophe, as every CSV output does
                writer.writerow(neutralise_row([r.sequence, r.recorded_at, r.kind, r.actor, audit.canonical(r.payload), r.prev_hash, r.hash]))
        return len(records)
