"""The bundled default dataset: real Entity List rules and their actions, shipped with the package.

The file (``data/entity_list.yaml``) holds one document per rule with its actions; loading it
validates every rule and action against the model. A new store is filled with it on first use.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.model import ListingAction, Rule

BUNDLE_FORMAT = "entitylist-bundle/1"
_FILE = "entity_list.yaml"


def _raw_bytes() -> bytes:
    return resources.files("entitylist.data").joinpath(_FILE).read_bytes()


@functools.cache
def checksum() -> str:
    """SHA-256 of the bundled file: a store re-seeds itself when this changes."""
    return hashlib.sha256(_raw_bytes()).hexdigest()


def parse_bundle(document: dict[str, Any]) -> tuple[list[Rule], list[ListingAction]]:
    """Validate a bundle document into rules and their actions, in file order."""
    if document.get("format") != BUNDLE_FORMAT:
        raise InvalidInput(f"not an entitylist bundle (format {document.get('format')!r})")
    rules: list[Rule] = []
    actions: list[ListingAction] = []
    for raw_rule in document["rules"]:
        raw_actions = raw_rule.get("actions", [])
        try:
            rule = Rule.model_validate({k: v for k, v in raw_rule.items() if k != "actions"})
            rules.append(rule)
            for raw in raw_actions:
                actions.append(ListingAction.model_validate({**rule.action_fields("bundled"), **raw}))
        except ValidationError as error:
            raise InvalidInput(f"bundled rule {raw_rule.get('id')!r} is invalid: {error}") from None
    return rules, actions


@functools.cache
def _document() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~8x faster
    loaded: dict[str, Any] = yaml.load(_raw_bytes(), Loader=loader)  # noqa: S506 - a safe loader
    return loaded


def load() -> tuple[list[Rule], list[ListingAction]]:
    """The bundled rules and actions, validated."""
    return parse_bundle(_document())


def regulatory_changes() -> list[dict[str, Any]]:
    """Rules that change how the list works rather than who is on it (e.g. the Affiliates rule)."""
    changes: list[dict[str, Any]] = _document().get("regulatory_changes", [])
    return changes
