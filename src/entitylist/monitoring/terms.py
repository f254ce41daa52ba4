"""The terms a saved counterparty is found by when a listed name changes.

Screening finds a listed name only through the query's units (its normalised tokens, neighbouring
tokens joined, multi-word synonyms) that the index pairs with a unit of that name: the same unit,
a synonym, a typo (the deletion index: one letter deleted on either side), a sound-alike
(metaphone), or the name's initials or usual abbreviation (see ``entitylist.matching.index`` and
``entitylist.matching.candidates``). Every other comparison only scores names so found.

So a counterparty is kept under its tokens, and each token under its *keys* (itself and its
one-letter deletions, ``d:``; its metaphone code, ``p:``). For a set of changed listed names,
:func:`probes` gives the tokens and keys that any counterparty able to match one of them must
hold: a superset of the counterparties a full re-screen could match to those names, found by a
few indexed look-ups instead of a pass over the portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from entitylist.matching import kinds
from entitylist.matching.index import NameIndex, deletions, phonetic_key
from entitylist.matching.normalize import normalize_name

MAX_TOKEN_LENGTH = 200  # longer tokens are not indexed: their counterparty is screened on every change


@dataclass(frozen=True)
class NameTerms:
    """A counterparty's normalised tokens, as screening normalises it as a query."""

    tokens: tuple[str, ...]
    always: bool  # a name the token index cannot serve (Arabic-script skeletons, overlong tokens)


def name_terms(name: str, party_type: str | None) -> NameTerms:
    normalized = normalize_name(name, kinds.parse_kind(party_type) == kinds.PERSON)
    tokens = normalized.tokens
    return NameTerms(tokens, normalized.abjad or any(len(t) > MAX_TOKEN_LENGTH for t in tokens))


def token_keys(token: str, fuzzy_min_length: int) -> set[str]:
    """The typo and sound-alike keys of one token (none for numbers and short words, which the
    index never looks up by typo)."""
    if len(token) < fuzzy_min_length or not token.isalpha():
        return set()
    keys = {"d:" + token} | {"d:" + d for d in deletions(token)}
    code = phonetic_key(token)
    if code:
        keys.add("p:" + code)
    return keys


@dataclass
class Probes:
    """What to look up in a portfolio's token index for a set of changed listed names."""

    tokens: set[str] = field(default_factory=set)  # a counterparty holding one of these may match
    keys: set[str] = field(default_factory=set)  # a counterparty holding a token with one of these keys may match
    pairs: set[tuple[str, str]] = field(default_factory=set)  # a counterparty holding both may match (joined words)

    def __bool__(self) -> bool:
        return bool(self.tokens or self.keys or self.pairs)


def probes(changed: NameIndex) -> Probes:
    """The probes for the names of ``changed``, an index over the changed listed parties only
    (built with the same weights as the full index)."""
    weights = changed.weights
    found = Probes()
    units = set(changed.unit_weight)  # every unit of every changed name: words and joined pairs
    # query texts that an exact or synonym look-up pairs with one of those units
    reachable = set(units)
    for phrase, targets in weights.synonyms.items():
        if not targets.isdisjoint(units):
            reachable.add(phrase)
    for text in reachable:
        words = text.split()
        found.tokens.update(words)  # a multi-word synonym needs all its words; one is enough to look for
        if len(words) == 1:
            # a query's two neighbouring words joined ("sense" "time" -> "sensetime") meet the unit too
            found.pairs.update((text[:i], text[i:]) for i in range(1, len(text)))
    found.tokens.update(changed.acronyms)  # a query word that is a changed name's initials or abbreviation
    for entry in changed.entries:
        for token in entry.normalized.tokens:
            keys = token_keys(token, weights.name.fuzzy_min_length)
            found.keys.update(keys)
    # a query word one letter longer than a unit (the unit is one of its deletions)
    found.keys.update("d:" + text for text in units)
    return found
