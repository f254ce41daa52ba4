"""Delta screening: after the list changes, screen only what the change can affect.

A change (the actions and links recorded since a portfolio was last screened, and actions that
took effect since) touches some listed parties. Only counterparties whose names could match one
of those parties' names (found through the portfolio's token index, see :mod:`.terms`) are
screened, against the *whole* current index, exactly as a full re-screen screens them; of their
matches, those with a changed party are the change's. So the alerts a delta run opens are exactly
those a full re-screen would add, with the same scores (the index's word weights are the whole
list's). New or edited counterparties are screened against everything.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from entitylist.batch.executors import Executor, InProcessExecutor, Key, KeyScreener, Pending, Result, frozen_collector
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.screening import ListIndex
from entitylist.state import PartyState

LIMIT = 10  # matches kept per counterparty, as `entitylist screen` shows
# fewer counterparties are screened in this thread: starting workers costs a tenth of a second or
# two, what about 10,000 names save on two cores
PARALLEL_FROM = 10_000
CLEARED_BY_A_REVIEW: Final = "cleared by a review"  # (also what a review closing its pair's alert at once records)


@dataclass(frozen=True)
class Counterparty(CounterpartyIn):
    """A saved counterparty: as the user gave it, and its row id in the store."""

    id: int = -1


@dataclass(frozen=True)
class Hit:
    counterparty_id: int
    party_id: str
    party_name: str
    matched_name: str
    score: float


@dataclass(frozen=True)
class OpenAlert:
    id: int
    counterparty_id: int
    party_id: str


class ClearedPairs(Protocol):
    """Pairs a person has reviewed and cleared (the review issue): no alert is opened for them.
    The integration point for reviews, given the counterparty as the user saved it (their id and
    name) and the listed party's id; :class:`NoneCleared` until they are plugged in."""

    def cleared(self, counterparty_id: str, counterparty_name: str, party_id: str) -> bool: ...


class NoneCleared:
    def cleared(self, counterparty_id: str, counterparty_name: str, party_id: str) -> bool:
        return False


def screen(
    index: ListIndex, counterparties: Iterable[Counterparty], threshold: float | None = None, executor: Executor | None = None,
) -> list[Hit]:
    """Every match of every counterparty against ``index``, as a full screening finds them.
    ``executor``: where the screening runs (the batch engine's: this thread by default, or
    processes forked on every core; used from ``PARALLEL_FROM`` counterparties on); the hits are
    the same, in the counterparties' order."""
    saved = list(counterparties)
    if len(saved) < PARALLEL_FROM or isinstance(executor, InProcessExecutor):
        executor = None  # screened right here, without a batch's session
    keys: list[Key] = [(c.name, c.country, c.address, (c.type, c.birth_date, None, ())) for c in saved]
    screener = KeyScreener(index, threshold=threshold, limit=LIMIT)
    screened = screener(keys) if executor is None else _screen_keys(screener, keys, executor)
    return [
        Hit(c.id, party_id, party_name, matched_name, score)
        for c, found in zip(saved, screened, strict=True)
        for party_id, party_name, matched_name, score in found
    ]


def _screen_keys(screener: KeyScreener, keys: list[Key], executor: Executor) -> list[Result]:
    """One result per key, in order: chunks of the session's size, a window of them in flight.
    As a batch: the collector frozen meanwhile (which costs a full collection at the end when
    the index was frozen before, as a server's is: not worth it for a few keys)."""
    results: list[Result] = []
    with frozen_collector.during_batch():
        session = executor.open(screener)
        finished = False
        try:
            in_flight: deque[Pending] = deque()
            for start in range(0, len(keys), session.chunk_rows):
                in_flight.append(session.submit(keys[start : start + session.chunk_rows]))
                if len(in_flight) >= session.window:
                    results += in_flight.popleft().result()
            while in_flight:
                results += in_flight.popleft().result()
            finished = True
        finally:
            session.close(abandon=not finished)
    return results


def delta_hits(
    index: ListIndex, candidates: Iterable[Counterparty], changed: Collection[str], threshold: float | None = None,
    executor: Executor | None = None,
) -> list[Hit]:
    """The matches of ``candidates`` against the whole index that name a changed party: the
    matches a full re-screen finds that the change can have made."""
    return [h for h in screen(index, candidates, threshold, executor) if h.party_id in changed]


def changed_parties(listed: Sequence[PartyState], records: Collection[str]) -> list[PartyState]:
    """The listed parties that rest on one of the changed ``records``."""
    changed = set(records)
    return [s for s in listed if not changed.isdisjoint(s.records)]


def changed_index(full: ListIndex, parties: Sequence[PartyState]) -> ListIndex:
    """An index over the changed parties only, with the full index's weights: its names' units,
    synonyms, typo keys and acronyms are what a counterparty must share to match one of them."""
    return ListIndex(parties, full.index.weights)


@dataclass
class Reconciled:
    opened: list[Hit]
    closed: list[tuple[OpenAlert, str]]  # with the reason
    cleared: int  # hits not opened because a review cleared the pair


def reconcile(
    hits: Sequence[Hit],
    open_alerts: Sequence[OpenAlert],
    *,
    rescreened: Collection[int],
    changed: Collection[str],
    listed: Collection[str],
    saved: dict[int, Counterparty],
    reviews: ClearedPairs,
) -> Reconciled:
    """Which alerts to open and which to close.

    ``rescreened``: counterparties screened against the whole list (their every open alert is in
    question); the others were screened for the ``changed`` parties only. An open alert
    whose party is no longer listed closes; so does one whose pair a review has cleared since it
    was opened (``saved`` holds the counterparties of the open alerts too); one in question that
    no hit confirms closes.
    """
    open_pairs = {(a.counterparty_id, a.party_id) for a in open_alerts}
    hit_pairs = {(h.counterparty_id, h.party_id) for h in hits}
    opened, cleared = [], 0
    for hit in hits:
        if (hit.counterparty_id, hit.party_id) in open_pairs:
            continue
        counterparty = saved[hit.counterparty_id]
        if reviews.cleared(counterparty.key, counterparty.name, hit.party_id):
            cleared += 1
            continue
        opened.append(hit)
    closed: list[tuple[OpenAlert, str]] = []
    for alert in open_alerts:
        pair = (alert.counterparty_id, alert.party_id)
        alerted = saved.get(alert.counterparty_id)
        if alert.party_id not in listed:
            closed.append((alert, "party no longer listed"))
        elif alerted is not None and reviews.cleared(alerted.key, alerted.name, alert.party_id):
            closed.append((alert, CLEARED_BY_A_REVIEW))
        elif pair in hit_pairs:
            continue
        elif alert.counterparty_id in rescreened:
            closed.append((alert, "counterparty no longer matches"))
        elif alert.party_id in changed:  # a counterparty the change cannot reach no longer matches it
            closed.append((alert, "party changed and no longer matches"))
    return Reconciled(opened, closed, cleared)
