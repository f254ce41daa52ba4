"""Folding listing actions into the list as it stood on a date.

This is the one place that defines what the list *is*: the result of applying, in order, every
action effective on or before the date. Order: effective date, then publication date (unknown
last), then the order the actions were recorded (a rule's amendatory instructions in their
order). So on one day a later rule's action wins over an earlier rule's, and a rule that removes
an entry and re-adds it leaves it listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from entitylist.model import ActionKind, Alias, AliasKind, ListingAction, Party

_FAR_FUTURE = dt.date.max


def action_order(action: ListingAction) -> tuple[dt.date, dt.date, int]:
    """The sort key that defines the order actions apply in."""
    return (action.effective_date, action.publication_date or _FAR_FUTURE, action.sequence or 0)


@dataclass
class PartyState:
    """A party's entry as folded from its actions, with the history that produced it."""

    party: Party
    listed: bool
    listed_since: dt.date | None
    removed_on: dt.date | None = None
    actions: list[ListingAction] = field(default_factory=list)
    referents: list[str] = field(default_factory=list)  # a merged party's record ids (see parties)

    @property
    def id(self) -> str:
        return self.party.id

    @property
    def records(self) -> list[str]:
        """The ids of the source records this state rests on (itself, for one record)."""
        return self.referents or [self.id]

    @property
    def datasets(self) -> list[str]:
        """The datasets whose actions made this state, in order of first action."""
        return list(dict.fromkeys(a.dataset for a in self.actions))

    @property
    def source_key(self) -> str | None:
        """The source's key for this record, as its latest action that carries one gave it."""
        return next((a.source_key for a in reversed(self.actions) if a.source_key), None)

    def citations(self) -> list[str]:
        """Federal Register citations of every action on the party, oldest first, once each."""
        seen: list[str] = []
        for action in self.actions:
            cite = action.federal_register or action.citation
            if cite and cite not in seen:
                seen.append(cite)
        return seen


def apply_changes(party: Party, action: ListingAction) -> Party:
    """The entry after a modify action: the new entry if it carries one, else the old one changed."""
    if action.party is not None:
        return action.party
    changes = action.changes
    if changes is None:
        return party
    removed = {n.casefold() for n in changes.aliases_removed}
    aliases = [a for a in party.aliases if a.name.casefold() not in removed]
    known = {a.name.casefold() for a in aliases}
    for alias in changes.aliases_added:
        if alias.name.casefold() not in known:
            aliases.append(alias)
            known.add(alias.name.casefold())
    addresses = [a for a in party.addresses if a not in changes.addresses_removed]
    addresses += [a for a in changes.addresses_added if a not in addresses]
    relations = list(party.relations) + [r for r in changes.relations_added if r not in party.relations]
    footnotes = tuple(sorted(set(party.footnotes) | set(changes.footnotes_added)))
    update: dict[str, object] = {
        "aliases": tuple(aliases),
        "addresses": tuple(addresses),
        "relations": tuple(relations),
        "footnotes": footnotes,
    }
    if changes.name and changes.name != party.name:
        update["name"] = changes.name
        if party.name.casefold() not in known:  # the old name stays findable
            update["aliases"] = (*aliases, Alias(name=party.name, kind=AliasKind.FKA))
    for attr in ("type", "country", "license_requirement", "license_review_policy"):
        value = getattr(changes, attr)
        if value is not None:
            update[attr] = value
    return party.model_copy(update=update)


FEDERAL_REGISTER = "federal-register"  # the dataset imported Federal Register rules go into
FEDERAL_REGISTER_DATASETS = frozenset({"bundled", FEDERAL_REGISTER})


def namespace(dataset: str) -> str:
    """Datasets whose actions fold together: the bundled history and imported rules are one
    Federal Register history (a later rule may amend a bundled entry); every other import is its
    own snapshot history."""
    return FEDERAL_REGISTER if dataset in FEDERAL_REGISTER_DATASETS else dataset


def fold(actions: Iterable[ListingAction], as_of: dt.date | None = None) -> dict[str, PartyState]:
    """Every party ever added up to ``as_of`` (all dates if None), keyed by id, listed or not.

    Each dataset namespace folds on its own, so a removal in one import never ends a listing that
    another source still carries; where two namespaces know the same id, the listed entry wins.
    """
    groups: dict[str, list[ListingAction]] = {}
    for action in actions:
        groups.setdefault(namespace(action.dataset), []).append(action)
    merged: dict[str, PartyState] = {}
    for group in groups.values():
        for party_id, state in _fold_one(group, as_of).items():
            known = merged.get(party_id)
            if known is None or (state.listed and not known.listed):
                merged[party_id] = state
    return merged


def _fold_one(actions: Iterable[ListingAction], as_of: dt.date | None) -> dict[str, PartyState]:
    states: dict[str, PartyState] = {}
    for action in sorted(actions, key=action_order):
        if as_of is not None and action.effective_date > as_of:
            continue
        state = states.get(action.party_id)
        if action.kind is ActionKind.ADD:
            assert action.party is not None
            if state is None:
                state = PartyState(action.party, listed=True, listed_since=action.effective_date)
                states[action.party_id] = state
            else:  # a re-listing, or a second add for the same entry: the new entry text wins
                state.party = action.party
                if not state.listed:
                    state.listed_since = action.effective_date
                state.listed, state.removed_on = True, None
        elif state is None:
            continue  # a modify/remove for a party this history never added
        elif action.kind is ActionKind.MODIFY:
            state.party = apply_changes(state.party, action)
        else:
            state.listed, state.removed_on = False, action.effective_date
        state.actions.append(action)
    return states


def listed_on(actions: Iterable[ListingAction], as_of: dt.date) -> list[PartyState]:
    """The parties on the list at the end of ``as_of``, sorted by country then name."""
    states = fold(actions, as_of)
    listed = [s for s in states.values() if s.listed]
    return sorted(listed, key=lambda s: (s.party.country or "", s.party.name.casefold(), s.id))
