"""Ownership: import links, draw a party's owners and holdings, and apply the 50 % Affiliates rule.

Owners and owned companies are named by party id (any record id) or by exact name or alias; an
owned company that is no party of the store is kept as a named node (``name:<normalised name>``),
and becomes its party's node once a party of that exact name exists. An owner must be a party or
a company owned by someone in the file or the store; anything else is a one-line error naming
the line, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select

from entitylist.affiliates import affiliates_rule
from entitylist.errors import InvalidInput, NotFound
from entitylist.lookup import find_in, name_key
from entitylist.ownership import NAME_NODE, Aggregation, OwnershipLink, aggregate, current_links
from entitylist.ownership_files import RawLink, read_links
from entitylist.parties import Parties
from entitylist.state import PartyState
from entitylist.services.current import KnowsParties
from entitylist.services.license_models import Affiliation, OwnershipEdge, OwnershipImportReport, OwnershipView, RuleState
from entitylist.store import audit, schema

DATASET = "ownership"


@dataclass
class Graph:
    """The ownership graph on a date, with its 50 % aggregation and node names."""

    links: list[OwnershipLink]
    aggregation: Aggregation
    names: dict[str, str]
    as_of: dt.date


class OwnershipService(KnowsParties):
    """Ownership links of one store and what the Affiliates rule makes of them."""

    _names_of: tuple[Parties, dict[str, set[str]]] | None = None

    def _by_name(self, parties: Parties) -> dict[str, set[str]]:
        """Party ids by every normalised name and alias (rebuilt when the parties are refolded)."""
        if self._names_of is None or self._names_of[0] is not parties:
            index: dict[str, set[str]] = {}
            for state in parties.states.values():
                for name in state.party.all_names():
                    index.setdefault(name_key(name), set()).add(state.id)
            self._names_of = (parties, index)
        return self._names_of[1]

    def _party_node(self, text: str, refs: tuple[str, ...] = (), parties: Parties | None = None) -> str | None:
        """The party a name or id stands for exactly (never a fuzzy match: links are facts)."""
        parties = parties or self._parties
        for ref in (*refs, text.strip()):
            party = parties.party_of.get(ref)
            if party is not None:
                return party
        found = self._by_name(parties).get(name_key(text), set())
        if len(found) > 1:
            raise InvalidInput(f"{text!r} names several parties ({', '.join(sorted(found))}); give an id")
        return next(iter(found), None)

    def node(self, text: str) -> tuple[str, str]:
        """The node (and its name) a person means: a party (exact, or a unique close match), or a
        company known to the ownership graph by name."""
        parties = self._parties
        party = self._party_node(text, (), parties)
        if party is None:
            named, stored = NAME_NODE + name_key(text), self._stored_names()
            if named in stored:
                return named, stored[named]
            state = find_in(parties, text)  # a close match, or NotFound naming the closest
            return state.id, state.party.name
        return party, parties.states[party].party.name

    def _stored_names(self) -> dict[str, str]:
        rows = self._store.read(select(schema.ownership_links.c.owned_id, schema.ownership_links.c.owned_name))
        return {str(r.owned_id): str(r.owned_name or r.owned_id) for r in rows if str(r.owned_id).startswith(NAME_NODE)}

    # -- import -------------------------------------------------------------------------------
    def import_file(self, path: Path) -> OwnershipImportReport:
        """Read, resolve and store every link of a file in one transaction, or nothing."""
        raw = read_links(path)
        if not raw:
            raise InvalidInput(f"{path}: holds no ownership links")
        parties = self._parties
        owned_names = set(self._stored_names()) | {
            NAME_NODE + name_key(r.owned) for r in raw if self._party_node(r.owned, r.owned_refs, parties) is None
        }
        rows = [self._resolve(link, owned_names, parties) for link in raw]
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        unknown = sum(1 for r in rows if r["share"] is None)
        named = len({r["owned_id"] for r in rows if str(r["owned_id"]).startswith(NAME_NODE)})
        summary = {"links": len(rows), "unknown_shares": unknown, "named_nodes": named}
        with self._store.transaction() as conn:
            import_id = self._store.log_import(conn, dataset=DATASET, format="ownership", location=str(path), checksum=checksum, summary=summary)
            conn.execute(insert(schema.ownership_links), [{**r, "import_id": import_id} for r in rows])
            audit.append(conn, "import", {"import_id": import_id, "dataset": DATASET, "format": "ownership",
                                          "location": str(path), "checksum": checksum, "summary": summary})
        return OwnershipImportReport(source=str(path), links=len(rows), unknown_shares=unknown, named_nodes=named, import_id=import_id)

    def _resolve(self, link: RawLink, owned_names: set[str], parties: Parties) -> dict[str, object]:
        try:
            owner = self._party_node(link.owner, link.owner_refs, parties)
            owned = self._party_node(link.owned, link.owned_refs, parties)
        except InvalidInput as error:
            raise InvalidInput(f"{link.location}: {error}") from None
        if owner is None:
            owner = NAME_NODE + name_key(link.owner)
            if owner not in owned_names:
                raise InvalidInput(
                    f"{link.location}: unknown owner {link.owner!r}: no party has this id or name, and no link says who owns it"
                )
        if owned is None:
            owned = NAME_NODE + name_key(link.owned)
        if owner == owned:
            raise InvalidInput(f"{link.location}: {link.owner!r} and {link.owned!r} are one party; it cannot own itself")
        return {
            "owner_id": owner, "owner_name": link.owner, "owned_id": owned, "owned_name": link.owned,
            "share": link.share, "source": link.source, "as_of": link.as_of,
        }

    # -- the graph ----------------------------------------------------------------------------
    _graphs: dict[tuple[dt.date, str | None, int], Graph] | None = None

    def graph(self, as_of: dt.date, listed_records: Mapping[str, PartyState] | None = None) -> Graph:
        """Every stored link (per pair, the latest dated on or before ``as_of``), nodes mapped to today's parties, aggregated
        over the parties of the rule's owner lists listed on ``as_of`` (from ``listed_records``,
        the records folded on that date, when the caller has them). Kept per date, list version
        and newest link (an ownership import leaves the list version as it is)."""
        newest = self._store.read(select(func.max(schema.ownership_links.c.sequence)))[0][0]
        key = (as_of, self._store.list_version(), int(newest or 0))
        if self._graphs is None or len(self._graphs) > 8:
            self._graphs = {}
        if key[1] is None or key not in self._graphs:
            self._graphs[key] = self._build_graph(as_of, listed_records)
        return self._graphs[key]

    def _build_graph(self, as_of: dt.date, listed_records: Mapping[str, PartyState] | None) -> Graph:
        rule = affiliates_rule()
        rows = self._store.read(select(schema.ownership_links).order_by(schema.ownership_links.c.sequence))
        parties = self._parties
        names: dict[str, str] = {s.id: s.party.name for s in parties.states.values()}
        if not rows:
            return Graph([], Aggregation(frozenset()), names, as_of)
        links: list[OwnershipLink] = []
        for row in rows:
            owner, owned = self._current(str(row.owner_id), parties), self._current(str(row.owned_id), parties)
            names.setdefault(owner, str(row.owner_name or owner))
            names.setdefault(owned, str(row.owned_name or owned))
            links.append(OwnershipLink(owner, owned, row.share, row.source, row.as_of, row.owner_name, row.owned_name))
        links = current_links(links, as_of)
        if listed_records is None:
            listed = {s.id for s in self._store.listed(as_of) if s.party.source in rule.owner_lists}
        else:
            party_of = parties.party_of
            listed = {party_of.get(r, r) for r, s in listed_records.items() if s.listed and s.party.source in rule.owner_lists}
        return Graph(links, aggregate(links, listed, rule.threshold), names, as_of)

    def _current(self, node: str, parties: Parties) -> str:
        """A stored node as today's party: a merged record leads to its party; a named company
        that has since become a party (one exact name) is that party."""
        if node.startswith(NAME_NODE):
            found = self._by_name(parties).get(node[len(NAME_NODE):], set())
            return next(iter(found)) if len(found) == 1 else node
        return parties.party_of.get(node, node)

    def affiliation(self, node: str, graph: Graph) -> Affiliation | None:
        """What the graph says of one node: None when no listed or restricted party owns any of it."""
        rule = affiliates_rule()
        status = rule.on(graph.as_of)
        state = RuleState(citation=rule.citation, status=status.status, in_effect=status.in_effect, period=status.describe())
        result = graph.aggregation
        restriction = result.restricted.get(node)
        if restriction is not None:
            return Affiliation(restricted_share=restriction.total, threshold=rule.threshold, meets_threshold=True,
                               path=result.paths(node, graph.names), rule=state, red_flag=None)
        counted = result.listed | set(result.restricted)
        owners = [link for link in graph.links if link.owned == node and link.owner in counted]
        if not owners:
            return None
        known = [link for link in owners if link.share is not None]
        total = round(sum(link.share for link in known if link.share is not None), 6)
        path = [line for link in owners for line in result.paths(link.owner, graph.names)]
        path.append("; ".join(
            f"{graph.names.get(link.owner, link.owner)} ({'listed' if link.owner in result.listed else 'restricted'}) owns "
            f"{'an unknown share' if link.share is None else f'{link.share:g} %'}" for link in owners
        ) + f" of {graph.names.get(node, node)}: {total:g} % known in all, under {rule.threshold:g} %")
        # (Red Flag 29 came with the rule: a date before it raises none)
        flag = rule.red_flag if node in result.unknown_shares and status.period is not None else None
        return Affiliation(restricted_share=total, threshold=rule.threshold, meets_threshold=False, path=path, rule=state, red_flag=flag)

    def show(self, query: str, as_of: dt.date) -> OwnershipView:
        """A party's (or a named company's) owners and holdings with their shares, on a date."""
        node, name = self.node(query)
        graph = self.graph(as_of)
        result = graph.aggregation

        def edge(other: str, link: OwnershipLink) -> OwnershipEdge:
            return OwnershipEdge(node=other, name=graph.names.get(other, other), share=link.share, source=link.source,
                                 as_of=link.as_of, listed=other in result.listed, restricted=other in result.restricted)

        owners = [edge(link.owner, link) for link in graph.links if link.owned == node]
        holdings = [edge(link.owned, link) for link in graph.links if link.owner == node]
        if not owners and not holdings and node.startswith(NAME_NODE):
            raise NotFound(f"no ownership links for {query!r}")
        return OwnershipView(node=node, name=name, as_of=as_of, listed=node in result.listed, owners=owners,
                             holdings=holdings, affiliation=self.affiliation(node, graph))
