"""Plain-JSON forms of parties, actions and changes, shared by the CLI's --json and later the API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from entitylist.changes import PartyChange
from entitylist.model import ListingAction, Rule
from entitylist.state import PartyState


def party_json(state: PartyState) -> dict[str, Any]:
    party = state.party
    return {
        "id": party.id,
        "name": party.name,
        "datasets": state.datasets,
        "referents": state.records,
        "country": party.country,
        "type": party.type,
        "source": party.source,
        "aliases": [a.model_dump(mode="json") for a in party.aliases],
        "addresses": [a.model_dump(mode="json", exclude_none=True) for a in party.addresses],
        "relations": [r.model_dump(mode="json") for r in party.relations],
        "status": "listed" if state.listed else "removed",
        "listed_since": state.listed_since.isoformat() if state.listed_since else None,
        "removed_on": state.removed_on.isoformat() if state.removed_on else None,
        "federal_register": state.citations(),
        "license_requirement": party.license_requirement,
        "license_review_policy": party.license_review_policy,
        "license_exceptions": party.license_exceptions,
        "footnotes": list(party.footnotes),
        "unverified": party.unverified,
        "unverified_fields": list(party.unverified_fields),
    }


LISTING_FIELDS = (
    "source", "country", "type", "listed_since", "federal_register", "license_requirement",
    "license_review_policy", "unverified",
)


def listing_json(state: PartyState) -> dict[str, Any]:
    """The listing facts a screening match reports beside the party's name."""
    full = party_json(state)
    return {**{key: full[key] for key in LISTING_FIELDS}, "programs": list(state.party.programs)}


def action_json(action: ListingAction, rules: Mapping[str, Rule]) -> dict[str, Any]:
    rule = rules.get(action.rule_id or "")
    return {
        "kind": action.kind.value,
        "party_id": action.party_id,
        "dataset": action.dataset,
        "effective_date": action.effective_date.isoformat(),
        "publication_date": action.publication_date.isoformat() if action.publication_date else None,
        "rule": rule.label() if rule else action.citation,
        "citation": action.citation,
        "fr_doc": action.fr_doc,
        "federal_register": action.federal_register,
        "title": rule.title if rule else None,
        "reason": action.reason,
        "change": action.changes.model_dump(mode="json", exclude_defaults=True) if action.changes else None,
        "unverified": action.unverified,
        "unverified_fields": list(action.unverified_fields),
        "notes": action.notes,
    }


def change_json(change: PartyChange, rules: Mapping[str, Rule]) -> dict[str, Any]:
    return {
        "change": change.kind,
        "party": {k: v for k, v in party_json(change.state).items() if k in ("id", "name", "country", "type")},
        "actions": [action_json(a, rules) for a in change.actions],
    }
