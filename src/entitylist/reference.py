"""Reference vocabularies (party types, relation kinds, source lists, reason categories).

They live as YAML files in ``entitylist/vocab`` so they can be read and corrected without touching
code; this module loads each once and answers lookups. Countries come from rigour's territory
database rather than a table of our own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import yaml

from entitylist.errors import InvalidInput

# The longest name entitylist takes anywhere: a listed name (a longer one means a broken file) or a
# name to screen (a longer one is not a name). One limit, so that every listed name can be screened.
MAX_NAME_LENGTH = 2000


# libyaml's parser where PyYAML was built with it (ten times faster: the vocabularies are read at
# every start), else PyYAML's own; both parse the same safe subset
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOLEAN: Final = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _VocabularyLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader with YAML 1.2's booleans: only "true" and "false". YAML 1.1 also reads
    "on", "off", "yes" and "no" as booleans, which in word lists are words: the Wade-Giles
    syllable "no" and a license-policy filler word "on" were read as True and False."""


_VocabularyLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
_VocabularyLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOLEAN, list("tTfF"))
_SAFE_LOADER: Final[type[yaml.SafeLoader]] = _VocabularyLoader


def load_package_yaml(package: str, name: str) -> Any:
    """Parse a YAML file shipped inside the package."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    synonyms: tuple[str, ...]


class Vocabulary:
    """All reference vocabularies, loaded from the package's YAML files."""

    def __init__(self) -> None:
        self.party_types = self._terms("party_types.yaml")
        self.relation_kinds = self._terms("relation_kinds.yaml")
        self.sources = self._terms("sources.yaml")
        self._country_cache: dict[str, str | None] = {}
        raw_sources = load_package_yaml("entitylist.vocab", "sources.yaml")
        self.source_by_csl_name = {v["csl_name"].casefold(): k for k, v in raw_sources.items()}
        self.csl_names: dict[str, str] = {k: v["csl_name"] for k, v in raw_sources.items()}
        self.csl_sources = frozenset(k for k, v in raw_sources.items() if v.get("in_csl", True))
        raw_reasons = load_package_yaml("entitylist.vocab", "reason_categories.yaml")
        self.reason_categories: dict[str, tuple[str, tuple[str, ...]]] = {
            code: (spec["label"], tuple(p.casefold() for p in spec.get("phrases") or ()))
            for code, spec in raw_reasons.items()
        }

    @staticmethod
    def _terms(name: str) -> dict[str, Term]:
        raw = load_package_yaml("entitylist.vocab", name)
        return {
            code: Term(code, spec["label"], tuple(s.casefold() for s in spec.get("synonyms") or ()))
            for code, spec in raw.items()
        }

    @staticmethod
    def _lookup(terms: dict[str, Term], value: str, what: str) -> str:
        key = value.strip().casefold().replace(" ", "_")
        if key in terms:
            return key
        plain = value.strip().casefold()
        for term in terms.values():
            if plain in term.synonyms or plain == term.label.casefold():
                return term.code
        raise InvalidInput(f"unknown {what} {value!r} (known: {', '.join(terms)})")

    def party_type(self, value: str) -> str:
        return self._lookup(self.party_types, value, "party type")

    def relation_kind(self, value: str) -> str:
        return self._lookup(self.relation_kinds, value, "relation kind")

    def source_code(self, value: str) -> str:
        code = value.strip().upper()
        if code in self.sources:
            return code
        by_name: str | None = self.source_by_csl_name.get(value.strip().casefold())
        if by_name:
            return by_name
        raise InvalidInput(f"unknown source list {value!r} (known: {', '.join(self.sources)})")

    def country_code(self, value: str) -> str:
        """ISO 3166 alpha-2 code (upper case) for a code or a country name."""
        if value not in self._country_cache:
            self._country_cache[value] = self._lookup_country(value)
        code = self._country_cache[value]
        if code is None:
            raise InvalidInput(f"unknown country {value!r}")
        return code

    def _lookup_country(self, value: str) -> str | None:
        # imported on first use: rigour's territory tables take a twentieth of a second to load,
        # which a command that meets no country need not pay
        from rigour.territories import get_territory, lookup_territory

        text = value.strip()
        territory = get_territory(text.lower()) if len(text) == 2 else None
        if territory is None:
            territory = lookup_territory(text)
        if territory is None or len(territory.code) != 2 or territory.code == "zz":  # zz: "Global"
            return None
        return territory.code.upper()

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        from rigour.territories import get_territory

        territory = get_territory(code.lower())
        return territory.name if territory else code

    def reason_category(self, reason: str | None) -> str:
        text = (reason or "").casefold()
        for code, (_label, phrases) in self.reason_categories.items():
            if any(p in text for p in phrases):
                return code
        return "other"


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabularies, loaded on first use and shared."""
    return Vocabulary()
