"""Ownership links and the 50 percent aggregation of the Affiliates rule.

Counted as OFAC's 50 Percent Rule guidance counts: a party that the rule restricts counts, in
turn, as a listed owner of what it owns; the shares of all listed and restricted owners of an
entity are summed; an entity whose sum reaches the threshold is restricted. The restricted set
only grows while it is computed, so cycles (A owns B owns A) end. A share that is not known
cannot be summed: an entity with a listed or restricted owner of unknown share is flagged (the
rule's "Red Flag 29"), never silently cleared.

Nodes are party ids for known parties and ``name:<normalised name>`` for companies that are not
parties of the store (an owned company need not be listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NAME_NODE = "name:"


@dataclass(frozen=True)
class OwnershipLink:
    """``owner`` holds ``share`` percent (None: not known) of ``owned``."""

    owner: str
    owned: str
    share: float | None
    source: str | None = None
    as_of: dt.date | None = None
    owner_name: str | None = None
    owned_name: str | None = None


@dataclass
class Restriction:
    """Why an entity is restricted: its listed or restricted owners and their summed share."""

    node: str
    total: float
    owners: list[OwnershipLink]


@dataclass
class Aggregation:
    """The outcome over a whole graph: restricted nodes with their reasons, and red flags (nodes
    with a listed or restricted owner whose share is not known, that the known shares do not
    restrict)."""

    listed: frozenset[str]
    restricted: dict[str, Restriction] = field(default_factory=dict)
    unknown_shares: dict[str, list[OwnershipLink]] = field(default_factory=dict)

    def is_restricted(self, node: str) -> bool:
        return node in self.restricted

    def paths(self, node: str, names: Mapping[str, str]) -> list[str]:
        """Lines that explain a node's restriction, from the listed owners down."""
        lines: list[str] = []
        self._explain(node, names, lines, set())
        return lines

    def _explain(self, node: str, names: Mapping[str, str], lines: list[str], seen: set[str]) -> None:
        reason = self.restricted.get(node)
        if reason is None or node in seen:
            return
        seen.add(node)
        for link in reason.owners:
            self._explain(link.owner, names, lines, seen)
        parts = [
            f"{_label(link.owner, names)} ({'listed' if link.owner in self.listed else 'restricted'}) owns "
            f"{_percent(link.share)}" for link in reason.owners
        ]
        lines.append(f"{'; '.join(parts)} of {_label(node, names)}: {_percent(reason.total)} in all")


def _percent(value: float | None) -> str:
    return "an unknown share" if value is None else f"{value:g} %"


def _label(node: str, names: Mapping[str, str]) -> str:
    name = names.get(node)
    if node.startswith(NAME_NODE):
        return name or node[len(NAME_NODE):]
    return f"{name} [{node}]" if name else node


def current_links(links: Iterable[OwnershipLink], on: dt.date | None = None) -> list[OwnershipLink]:
    """One link per (owner, owned), as it stands on ``on`` (None: the latest): of the links
    dated on or before it (an undated one counts from always), the latest dated; among links of
    one date, the last one given (a later import replaces a share). A link dated after ``on``
    says nothing of that date."""
    latest: dict[tuple[str, str], OwnershipLink] = {}
    for link in links:
        if on is not None and link.as_of is not None and link.as_of > on:
            continue
        key = (link.owner, link.owned)
        kept = latest.get(key)
        if kept is None or (link.as_of or dt.date.min) >= (kept.as_of or dt.date.min):
            latest[key] = link
    return list(latest.values())


def aggregate(links: Iterable[OwnershipLink], listed: Iterable[str], threshold: float) -> Aggregation:
    """Which nodes listed owners restrict, directly or through restricted owners, at ``threshold``."""
    result = Aggregation(frozenset(listed))
    owners_of: dict[str, list[OwnershipLink]] = {}
    for link in current_links(links):
        if link.owner != link.owned:
            owners_of.setdefault(link.owned, []).append(link)
    counted = set(result.listed)
    changed = True
    while changed:  # every pass restricts at least one more node or stops: at most one pass per node
        changed = False
        for node, owners in owners_of.items():
            if node in counted:
                continue
            holding = [link for link in owners if link.owner in counted and link.share is not None]
            total = round(sum(link.share for link in holding if link.share is not None), 6)
            if total >= threshold:
                result.restricted[node] = Restriction(node, total, holding)
                counted.add(node)
                changed = True
    for node, owners in owners_of.items():
        if node in counted:
            continue
        unknown = [link for link in owners if link.owner in counted and link.share is None]
        if unknown:
            result.unknown_shares[node] = unknown
    return result
