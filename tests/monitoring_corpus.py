"""Generated counterparties for the monitoring tests and bench: ordinary company and people names
(made of random syllables, so the words are many and mostly unlisted), with spellings of chosen
listed names mixed in."""

from __future__ import annotations

import random
from collections.abc import Sequence

from entitylist.monitoring.portfolio_file import CounterpartyIn

_SYLLABLES = [
    "ka", "lo", "mi", "ra", "tes", "von", "ber", "gan", "shi", "tor", "vel", "mar", "dun", "pol", "rik", "sen",
    "tal", "zor", "han", "lin", "bru", "ced", "fay", "gro", "jun", "kel", "nos", "pra", "qui", "sto", "ul", "wex",
]
_FORMS = ["Ltd", "LLC", "GmbH", "Trading Co", "Industries", "Holdings", "S.A.", "Logistics", ""]
_COUNTRIES = [None, "CN", "DE", "US", "RU", "HK", "FR"]

# listed parties that "the next update" adds, as a CSL of three Entity List rows would
NEW_PARTIES = [
    "Zephyrion Quantum Photonics Research Institute",
    "Blackwater Meridian Avionics Corporation",
    "Ostrova Precision Machining Plant",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def spellings(name: str) -> list[str]:
    """How counterparty files write a listed name: as listed, upper case, a typo, words reordered, a form added."""
    words = name.split()
    longest = max(words, key=len)
    typo = name.replace(longest, longest[:3] + longest[4] + longest[3] + longest[5:], 1)
    return [name, name.upper(), typo, " ".join(words[1:] + words[:1]), f"{name} Co., Ltd."]


def counterparties(count: int, listed: Sequence[str] = (), seed: int = 16) -> list[CounterpartyIn]:
    """``count`` ordinary counterparties, then the spellings of each of ``listed`` and a near miss
    (one of its words in an ordinary name)."""
    rng = random.Random(seed)
    out = []
    for number in range(count):
        if rng.random() < 0.3:
            name = f"{_word(rng)} {_word(rng)}"
            party_type: str | None = "person"
        else:
            name = f"{_word(rng)} {_word(rng)} {rng.choice(_FORMS)}".strip()
            party_type = None
        out.append(CounterpartyIn(f"c{number}", name, rng.choice(_COUNTRIES), None, party_type))
    for n, name in enumerate(listed):
        for k, spelling in enumerate(spellings(name)):
            out.append(CounterpartyIn(f"l{n}-{k}", spelling, "CN" if k % 2 else None))
        out.append(CounterpartyIn(f"l{n}-near", f"{name.split()[0]} Bakery and Cafe", "FR"))
    return out
