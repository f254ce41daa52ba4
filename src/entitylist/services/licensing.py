"""License determination: may an item go to a party on a date, and what would an application face?

The answer rests on the party's Entity List entry as folded on the date (its license requirement,
review policy and footnotes, read by :mod:`entitylist.license_policy`), or, for a party that is
not listed, on the ownership graph and the Affiliates rule in force on the date. It answers the
Entity List requirement only: a party found only on another list (OFAC SDN, ...) is told so.
"""

from __future__ import annotations

import datetime as dt
import functools
from functools import cached_property
from typing import Literal

from entitylist.affiliates import affiliates_rule
from entitylist.eccn import Eccn, parse_eccn
from entitylist.errors import InvalidInput
from entitylist.license_policy import determine
from entitylist.lookup import find_in, name_key
from entitylist.model import ActionKind
from entitylist.ownership import NAME_NODE
from entitylist.parties import Parties
from entitylist.reference import load_package_yaml
from entitylist.services.current import KnowsParties
from entitylist.services.license_models import Affiliation, Footnote, LicenseCheck, PartyBrief
from entitylist.services.ownership import Graph, OwnershipService
from entitylist.state import PartyState

ENTITY_LIST = "EL"
ENTITY_LIST_BEGAN = dt.date(1997, 2, 3)  # 62 FR 4910: the Entity List (Supplement No. 4 to part 744) first published
_STRICTNESS = {"presumption_of_denial": 3, "other": 2, "case_by_case": 1, "presumption_of_approval": 0, None: -1}


def _strictness(entry: PartyState, eccn: Eccn) -> tuple[bool, int, int, int]:
    """How strict an entry's terms are for an item, to compare listed owners' (larger: stricter):
    a license required; the review policy; the footnotes that widen the requirement's reach; the
    exceptions, fewer being stricter (items under a milder policy, items left out)."""
    party = entry.party
    answer = determine(party.license_requirement, party.license_review_policy, eccn)
    footnotes = set(party.footnotes) | set(answer.footnotes)
    return answer.license_required, _STRICTNESS[answer.review_policy], len(footnotes), -answer.exceptions


@functools.cache
def _footnote_table() -> dict[int, Footnote]:
    raw = load_package_yaml("entitylist.vocab", "license_footnotes.yaml")
    return {int(k): Footnote(number=int(k), label=v["label"], effect=" ".join(v["effect"].split()), citation=v["citation"]) for k, v in raw.items()}


def footnote(number: int) -> Footnote:
    return _footnote_table().get(number) or Footnote(number=number, label=f"footnote {number}", effect="(not described here)", citation="")


def check_date(as_of: dt.date) -> None:
    if as_of < ENTITY_LIST_BEGAN:
        raise InvalidInput(
            f"{as_of.isoformat()} is before the Entity List began ({ENTITY_LIST_BEGAN.isoformat()}, 62 FR 4910): no data"
        )


class LicensingService(KnowsParties):
    """Answers license questions from one store."""

    @cached_property
    def _ownership(self) -> OwnershipService:
        return OwnershipService(self._store).sharing_parties_with(self)

    def graph(self, as_of: dt.date) -> Graph:
        """The ownership graph on a date, for :meth:`for_state` over many parties."""
        return self._ownership.graph(as_of, self._records_on(as_of))

    def check(self, party: str, item: str, as_of: dt.date) -> LicenseCheck:
        """``license-check``: the determination for ``item`` (an ECCN or EAR99) and ``party``."""
        eccn = parse_eccn(item)
        check_date(as_of)
        if not party.strip():
            raise InvalidInput("empty party name")
        graph = self.graph(as_of)
        node = NAME_NODE + name_key(party)
        if node in graph.names:  # a company the ownership graph knows by name (no party bears it exactly)
            return self._unlisted(party, eccn, as_of, node, graph.names[node], graph, [])
        parties = self._parties
        found = find_in(parties, party)
        if parties.party_of.get(party.strip()) == found.id or any(name_key(n) == name_key(party) for n in found.party.all_names()):
            return self.for_state(party, found, eccn, as_of, graph, [])
        warning = (f"{party!r} is not a listed name or id: the answer is for its closest party, {found.party.name} "
                   f"({found.id}); confirm the identity before relying on it")
        return self.for_state(party, found, eccn, as_of, graph, [warning])

    def for_state(self, query: str, found: PartyState, eccn: Eccn, as_of: dt.date, graph: Graph, warnings: list[str]) -> LicenseCheck:
        """The determination for a party already found (screening calls this for each hit)."""
        records = self._records_on(as_of)
        listed = [records[r] for r in found.records if r in records and records[r].listed]
        entity_list = [s for s in listed if s.party.source == ENTITY_LIST]
        warnings = list(warnings) + self._relations(found, as_of)
        if entity_list:
            return self._listed(query, found, entity_list[0], eccn, as_of, graph, warnings)
        if listed:
            lists = ", ".join(sorted({s.party.source for s in listed}))
            warnings.append(
                f"{found.party.name} is on another list ({lists}), not on the Entity List on {as_of}: this answers the "
                "Entity List license requirement only; the other list's own restrictions (OFAC sanctions, ...) still apply"
            )
        elif removals := [d for r in found.records if r in records and (d := records[r].removed_on) is not None]:
            warnings.append(f"{found.party.name} was removed from the list on {max(removals)}")
        else:
            warnings.append(f"{found.party.name} is not yet listed on {as_of}")
        return self._unlisted(query, eccn, as_of, found.id, found.party.name, graph, warnings, brief=self._brief(found, as_of, False))

    def _records_on(self, as_of: dt.date) -> dict[str, PartyState]:
        """Every record folded on the date (kept for the last date asked: a batch asks one date)."""
        key = (as_of, self._store.list_version())
        if self._records_key != key or key[1] is None:
            self._records_key, self._records = key, self._store.records(as_of)
        return self._records

    _listed_ids: tuple[dict[str, PartyState], set[str]] | None = None  # parties listed in the folded records
    _records_key: tuple[dt.date, str | None] | None = None
    _records: dict[str, PartyState] = {}

    def _listed(self, query: str, found: PartyState, record: PartyState, eccn: Eccn, as_of: dt.date, graph: Graph,
                warnings: list[str]) -> LicenseCheck:
        party = record.party
        answer = determine(party.license_requirement, party.license_review_policy, eccn)
        notes = sorted(set(party.footnotes) | set(answer.footnotes))
        for number in notes:
            warnings.append(f"footnote {number}: {footnote(number).label}; the requirement also reaches foreign-produced items")
        affiliation = self._ownership.affiliation(found.id, graph)
        return LicenseCheck(
            query=query, item=eccn.text, as_of=as_of, license_required=answer.license_required,
            review_policy=answer.review_policy,
            policy_text=party.license_review_policy, requirement_text=party.license_requirement,
            citation=record.citations(), effective_date=self._terms_since(record),
            footnotes=[footnote(n) for n in notes], references=answer.references,
            party=self._brief(found, as_of, True), basis="listed", affiliation=affiliation,
            warnings=warnings + answer.warnings,
        )

    @staticmethod
    def _terms_since(record: PartyState) -> dt.date | None:
        """When the entry's license terms in force took effect: its last add or the last
        modification that changed them."""
        since: dt.date | None = None
        for action in record.actions:
            if action.kind is ActionKind.ADD:
                since = action.effective_date
            elif action.kind is ActionKind.MODIFY and (
                action.party is not None
                or (action.changes is not None and (action.changes.license_requirement or action.changes.license_review_policy
                                                    or action.changes.footnotes_added))
            ):
                since = action.effective_date
        return since

    def _unlisted(self, query: str, eccn: Eccn, as_of: dt.date, node: str, name: str, graph: Graph, warnings: list[str],
                  brief: PartyBrief | None = None) -> LicenseCheck:
        """A party not on the Entity List on the date: an affiliate of listed owners, one whose
        listed owners' shares are not known (Red Flag 29), or no requirement."""
        affiliation = self._ownership.affiliation(node, graph)
        if affiliation is not None and affiliation.red_flag:
            warnings.append(affiliation.red_flag)
        if affiliation is not None and not affiliation.meets_threshold and affiliation.red_flag and affiliation.rule.in_effect:
            # the rule's Red Flag 29: listed owners of unknown share, while the rule is in effect,
            # mean a license is needed until the ownership is determined
            roots = self._owners_roots(node, graph)
            return self._as_affiliate(query, eccn, as_of, name, graph, roots, affiliation, warnings, basis="red_flag")
        if affiliation is None or not affiliation.meets_threshold:
            return LicenseCheck(
                query=query, item=eccn.text, as_of=as_of, license_required=False, review_policy=None, policy_text=None,
                requirement_text=None, citation=[], effective_date=None, footnotes=[], references=[], party=brief,
                basis="none", affiliation=affiliation, warnings=[*warnings, f"no Entity List license requirement for {name} on {as_of}"],
            )
        if not affiliation.rule.in_effect:
            warnings.append(
                f"{name} is owned {affiliation.restricted_share:g} % by listed or restricted parties, but the Affiliates rule is "
                f"{affiliation.rule.period} on {as_of}: restrictions follow only the listed names; ownership stays a red flag"
            )
            return LicenseCheck(
                query=query, item=eccn.text, as_of=as_of, license_required=False, review_policy=None, policy_text=None,
                requirement_text=None, citation=[], effective_date=None, footnotes=[], references=[], party=brief,
                basis="none", affiliation=affiliation, warnings=warnings,
            )
        return self._as_affiliate(query, eccn, as_of, name, graph, self._listed_roots(node, graph), affiliation, warnings)

    def _as_affiliate(self, query: str, eccn: Eccn, as_of: dt.date, name: str, graph: Graph, roots: list[str],
                      affiliation: Affiliation, warnings: list[str], basis: Literal["affiliate", "red_flag"] = "affiliate",
                      ) -> LicenseCheck:
        """The strictest terms of the listed parties at the roots of the affiliate's ownership:
        a license required over none, then the stricter review policy, then the wider reach
        (footnotes that extend the requirement to foreign-produced items), then the fewer
        exceptions (items under a milder policy, items the requirement leaves out); the order of
        the owners or their shares never decides."""
        records = self._records_on(as_of)
        best: tuple[tuple[bool, int, int, int], str, PartyState, PartyState] | None = None
        states = self._parties.states
        for root in roots:
            state = states.get(root)
            if state is None:
                continue
            entry = next((records[r] for r in state.records if r in records and records[r].listed and records[r].party.source == ENTITY_LIST), None)
            if entry is None:
                continue
            key = _strictness(entry, eccn)
            if best is None or key > best[0] or (key == best[0] and root < best[1]):  # (equal terms: the id decides, not the order)
                best = (key, root, state, entry)
        rule = affiliates_rule()
        if basis == "red_flag":
            warnings.append(f"{name} is not listed itself, and its listed or restricted owners' shares are not all known: a "
                            f"license is needed until the ownership is determined (Red Flag 29, {rule.citation}; "
                            f"{affiliation.rule.period})")
        else:
            warnings.append(f"{name} is not listed itself: it is restricted as an affiliate, owned {affiliation.restricted_share:g} % "
                            f"by listed or restricted parties ({rule.citation}; {affiliation.rule.period})")
        if best is None:
            return LicenseCheck(
                query=query, item=eccn.text, as_of=as_of, license_required=True, review_policy="other", policy_text=None,
                requirement_text=None, citation=[rule.citation], effective_date=None, footnotes=[], references=[], party=None,
                basis=basis, affiliation=affiliation, warnings=[*warnings, "the listed owners' terms could not be read"],
            )
        others = [states[r].party.name for r in roots if r != best[1] and r in states]
        if others:
            warnings.append(f"also owned through {', '.join(others)}: the strictest of the listed owners' terms are given")
        answer = self._listed(query, best[2], best[3], eccn, as_of, graph, [])
        return answer.model_copy(update={
            "basis": basis, "affiliation": affiliation, "citation": [*answer.citation, rule.citation],
            "warnings": [*warnings, *answer.warnings],
        })

    @classmethod
    def _owners_roots(cls, node: str, graph: Graph) -> list[str]:
        """The listed parties behind a node's listed and restricted owners, whatever their shares
        (known or not): those whose terms a license under Red Flag 29 would meet."""
        result = graph.aggregation
        roots: list[str] = []
        for link in graph.links:
            if link.owned != node:
                continue
            found = [link.owner] if link.owner in result.listed else cls._listed_roots(link.owner, graph)
            roots.extend(root for root in found if root not in roots)
        return roots

    @staticmethod
    def _listed_roots(node: str, graph: Graph) -> list[str]:
        """The listed parties the node's restriction rests on, through restricted owners."""
        result = graph.aggregation
        roots: list[str] = []
        todo, seen = [node], {node}
        while todo:
            current = todo.pop()
            restriction = result.restricted.get(current)
            for link in restriction.owners if restriction else []:
                if link.owner in result.listed and link.owner not in roots:
                    roots.append(link.owner)
                elif link.owner not in seen:
                    seen.add(link.owner)
                    todo.append(link.owner)
        return roots

    def _relations(self, found: PartyState, as_of: dt.date) -> list[str]:
        """The party's stated relations to other parties (subordinate, affiliate), and, for a party
        not listed itself, the listed parties that name it in theirs."""
        notes = []
        parties = self._parties  # one look at the list version for the whole walk
        records = self._records_on(as_of)
        if self._listed_ids is None or self._listed_ids[0] is not records:
            self._listed_ids = (records, {parties.party_of.get(r, r) for r, s in records.items() if s.listed})
        listed_ids = self._listed_ids[1]
        for relation in found.party.relations:
            other = parties.party_of.get(relation.party_id, relation.party_id)
            status = "listed" if other in listed_ids else "not listed"
            flag = " (unverified)" if relation.unverified else ""
            notes.append(f"{found.party.name} is {relation.kind.replace('_', ' ')} {relation.name or other} [{other}]{flag}, "
                         f"which is {status} on {as_of}")
        if found.id in listed_ids:
            return notes  # a listed party's own subordinates add nothing to its answer
        for state in parties.states.values():
            if state.id not in listed_ids:
                continue
            for relation in state.party.relations:
                if parties.party_of.get(relation.party_id, relation.party_id) == found.id and state.id != found.id:
                    status = "listed" if state.id in listed_ids else "not listed"
                    notes.append(f"{state.party.name} [{state.id}], {status} on {as_of}, is "
                                 f"{relation.kind.replace('_', ' ')} {found.party.name}")
        return notes

    def _brief(self, found: PartyState, as_of: dt.date, listed: bool) -> PartyBrief:
        return PartyBrief(id=found.id, name=found.party.name, country=found.party.country, source=found.party.source, listed=listed)
