"""Reviews of screening hits: a person clears (a false positive, with a reason), confirms or
escalates the pair (counterparty, listed party), and the decision is audited.

A pair is keyed by the listed party's stable id and the counterparty's normalised name (plus the
user's own id for the counterparty, when a batch row has one). A cleared pair is suppressed in
later screenings while the party's entry stays as it was reviewed: the review keeps the newest
action of the party's records, and any later action (a new alias, address, policy, a removal)
brings the hit back, with what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, get_args

from sqlalchemy import Connection, insert, select, update

from entitylist.errors import InvalidInput
from entitylist.lookup import find_in
from entitylist.monitoring.delta import CLEARED_BY_A_REVIEW
from entitylist.parties import LinkRow, Parties
from entitylist.services.current import KnowsParties
from entitylist.services.license_models import Decision, EntryChange, ReviewNote, ReviewOut
from entitylist.services.review_keys import counterparty_key
from entitylist.store import audit, schema

DECISIONS: tuple[str, ...] = get_args(Decision)
MAX_TEXT = 2000


def _text(value: str | None, what: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"{what} is longer than {MAX_TEXT} characters")
    return value.strip()


class ReviewService(KnowsParties):
    """Records reviews and tells screening which hits were reviewed, and whether they still hold."""

    def _last_action(self, party_id: str) -> int:
        state = self._parties.states[party_id]
        return max((a.sequence or 0 for a in state.actions), default=0)

    def record(
        self,
        counterparty: str,
        party: str,
        decision: str,
        *,
        reason: str | None = None,
        reviewer: str | None = None,
        counterparty_id: str | None = None,
    ) -> ReviewOut:
        """Record one decision on the pair; ``cleared`` needs a reason. Audited in the same transaction."""
        if decision not in DECISIONS:
            raise InvalidInput(f"unknown decision {decision!r}: use {', '.join(DECISIONS)}")
        reason = _text(reason, "the reason")
        if decision == "cleared" and not reason:
            raise InvalidInput("a cleared hit needs a reason (--reason): why is it not the listed party?")
        who = _text(reviewer, "the reviewer") or audit.login_name()
        key = counterparty_key(counterparty, counterparty_id)
        state = find_in(self._parties, party)
        now = dt.datetime.now(dt.timezone.utc)
        own_id = _text(counterparty_id, "the counterparty id")
        row = {
            "party_id": state.id, "counterparty_key": key, "counterparty_name": counterparty.strip(),
            "counterparty_id": own_id, "decision": decision, "reason": reason,
            "reviewer": who, "reviewed_at": now, "last_action": self._last_action(state.id),
        }
        with self._store.transaction() as conn:
            inserted = conn.execute(insert(schema.reviews).values(**row)).inserted_primary_key
            assert inserted is not None
            review_id = int(inserted[0])
            closed = _close_cleared_alerts(conn, key, own_id, state.id, now) if decision == "cleared" else []
            audit.append(conn, "review", {**{k: v for k, v in row.items() if k != "reviewed_at"}, "review_id": review_id,
                                          "reviewed_at": now.isoformat(), **({"closed_alerts": closed} if closed else {})}, actor=who)
        return ReviewOut(id=review_id, party_id=state.id, party_name=state.party.name, counterparty=row["counterparty_name"],
                         counterparty_id=own_id, decision=decision, reason=reason, reviewer=who, reviewed_at=now,
                         closed_alerts=closed)

    def any(self) -> bool:
        """Whether the store holds any review (``screen-file`` then adds the review columns)."""
        return bool(self._store.read(select(schema.reviews.c.id).limit(1)))

    def list(self, party: str | None = None) -> list[ReviewOut]:
        """Every review (of one party's hits, if given), oldest first."""
        parties = self._parties
        query = select(schema.reviews).order_by(schema.reviews.c.id)
        if party:
            query = query.where(schema.reviews.c.party_id == find_in(parties, party).id)
        return [self._out(r, parties) for r in self._store.read(query)]

    @staticmethod
    def _out(row: Any, parties: Parties) -> ReviewOut:
        state = parties.get(str(row.party_id))
        return ReviewOut(
            id=row.id, party_id=row.party_id, party_name=state.party.name if state else None, counterparty=row.counterparty_name,
            counterparty_id=row.counterparty_id, decision=row.decision, reason=row.reason, reviewer=row.reviewer,
            reviewed_at=_aware(row.reviewed_at),
        )

    def notes(self, keys: Iterable[str] | None = None, party_ids: Iterable[str] | None = None) -> dict[tuple[str, str], ReviewNote]:
        """The latest review of each (counterparty key, party) pair (among those given; all when
        None), with whether it still suppresses the hit."""
        wanted_keys = None if keys is None else set(keys)
        wanted_parties = None if party_ids is None else set(party_ids)
        if wanted_keys == set() or wanted_parties == set():
            return {}
        query = select(schema.reviews).order_by(schema.reviews.c.id)
        if wanted_keys is not None:
            query = query.where(schema.reviews.c.counterparty_key.in_(sorted(wanted_keys)))
        rows = self._store.read(query)
        if not rows:
            return {}  # the usual case for a single screening: one small read, nothing folded
        parties = self._parties
        latest = {}
        for row in rows:
            party = parties.party_of.get(str(row.party_id), str(row.party_id))
            if wanted_parties is None or party in wanted_parties:
                latest[(str(row.counterparty_key), party)] = row
        links = self._store.membership().rows
        notes: dict[tuple[str, str], ReviewNote] = {}
        for (key, party), row in latest.items():
            state = parties.states.get(party)
            changes = [
                EntryChange(kind=a.kind.value, effective_date=a.effective_date, rule=a.citation or a.fr_doc,
                            description=(a.changes.description if a.changes and a.changes.description else a.reason))
                for a in (state.actions if state else []) if (a.sequence or 0) > int(row.last_action)
            ]
            changes += _links_since(links, set(state.records) if state else set(), _aware(row.reviewed_at))
            notes[(key, party)] = ReviewNote(
                review_id=row.id, decision=row.decision, reviewer=row.reviewer, reason=row.reason,
                reviewed_at=_aware(row.reviewed_at), suppressed=row.decision == "cleared" and not changes, changed_since=changes,
            )
        return notes


def _close_cleared_alerts(conn: Connection, key: str, counterparty_id: str | None, party_id: str, now: dt.datetime) -> list[int]:
    """Close, in the review's transaction, the open alerts of the pair a review cleared: of a
    saved counterparty under the user's id for it (``counterparty_id``) whose name keys as the
    review's, and the party. The portfolio's next screening would close them for the same reason
    (``monitoring.delta``); a person who has just cleared a hit expects its alert gone now. The
    ids of the alerts closed (none for a review of a name alone: it is of no saved counterparty)."""
    if counterparty_id is None:
        return []
    a, c = schema.alerts.c, schema.counterparties.c
    rows = conn.execute(
        select(a.id, c.name, c.key).join(schema.counterparties, c.id == a.counterparty_id)
        .where(c.key == counterparty_id, a.party_id == party_id, a.status == "open").order_by(a.id)
    ).all()
    ids = [int(r.id) for r in rows if _key_or_none(str(r.name), str(r.key)) == key]
    if ids:
        conn.execute(
            update(schema.alerts).where(a.id.in_(ids), a.status == "open")
            .values(status="closed", closed_at=now, closed_reason=CLEARED_BY_A_REVIEW)
        )
    return ids


def _key_or_none(name: str, counterparty_id: str) -> str | None:
    """``counterparty_key`` of a saved counterparty, or None for one no review can key (a name of
    no letters or digits: it matches nothing, so no review clears it and it has no alert)."""
    try:
        return counterparty_key(name, counterparty_id)
    except InvalidInput:
        return None


def _links_since(links: Iterable[LinkRow], records: set[str], reviewed_at: dt.datetime) -> list[EntryChange]:
    """The links and unlinks of the party's records recorded after a review: the party it cleared
    is no longer the party it is (another's records, and their reviews, joined it, or its own
    left), which no action of the records shows, so the hit comes back until it is reviewed again."""
    changes: list[EntryChange] = []
    for link in links:
        if link.recorded_at is None or _aware(link.recorded_at) <= reviewed_at:
            continue
        if link.record_id in records or (link.other_id is not None and link.other_id in records):
            joined = f"{link.record_id} and {link.other_id}" if link.other_id else link.record_id
            what = "found to be one party" if link.kind != "unlink" else "found to be two parties"
            changes.append(EntryChange(kind=link.kind, effective_date=_aware(link.recorded_at).date(), rule=None,
                                       description=f"records {joined} {what}"))
    return changes


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive times: they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class ClearedByReviews:
    """The pairs that reviews cleared, as monitoring asks for them (``monitoring.delta.ClearedPairs``):
    a counterparty of a portfolio cleared for a party under the user's id for it gets no alert
    while the review still suppresses the hit (until the party's entry changes). As in
    ``screen --counterparty-id`` and ``screen-file --counterparty-id-column``, a review of the
    name alone is of another counterparty: one clearance never mutes every namesake."""

    def __init__(self, reviews: ReviewService) -> None:
        self._reviews = reviews

    def cleared(self, counterparty_id: str, counterparty_name: str, party_id: str) -> bool:
        key = _key_or_none(counterparty_name, counterparty_id)
        if key is None:
            return False
        note = self._reviews.notes(keys=[key], party_ids=[party_id]).get((key, party_id))
        return note is not None and note.suppressed
