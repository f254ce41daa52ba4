"""English names written in Russian read back into English ("Джон Смит": "John Smith").

Russian writes an English name as it sounds, not letter by letter: "Джон Смит" transliterated is
"Dzhon Smit", "Майкл Джексон" "Maykl Dzhekson", "Уильям" "Uil'yam", which meet no "John Smith",
"Michael Jackson" or "William". A name written in Cyrillic that holds one of the commonest
English given or family names in its Russian spelling (``vocab/english_in_russian.yaml``) is
also compared with that name in English, and its other words read as English spells the sounds
Russian writes ("дж" as "j", "х" as "h": "Джозеф Кони", "Joseph Kony"). One more form a name is
compared as: a Russian name that happens to hold such a word ("Кит", whale, is also Keith) meets
only what the English name would.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from entitylist.matching.normalize import NormalizedName, normalize_name
from entitylist.reference import load_package_yaml

_CYRILLIC_WORD: Final = re.compile(r"[а-яё]+")


@functools.cache
def english_names() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    """(Russian spelling -> English, of given and family names; the pattern of the letters read
    otherwise, longest first; each such letter's English)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "english_in_russian.yaml")
    names = {str(russian): str(english) for section in ("given_names", "family_names") for russian, english in raw[section].items()}
    letters = {str(russian): str(english) for russian, english in raw["letters"].items()}
    pattern = re.compile("|".join(sorted(letters, key=len, reverse=True)))
    return names, pattern, letters


def english_form(normalized: NormalizedName, person: bool = False) -> NormalizedName | None:
    """A name written in Cyrillic as the English name it writes (see the module), or None where
    it holds no English name in its Russian spelling."""
    if not normalized.cyrillic:
        return None
    names, pattern, letters = english_names()
    words = _CYRILLIC_WORD.findall(normalized.given.casefold())
    if not any(word in names for word in words):
        return None  # (most names)

    def english(match: re.Match[str]) -> str:
        word = match.group()
        known = names.get(word)
        return known if known is not None else pattern.sub(lambda letter: letters[letter.group()], word)

    form = normalize_name(_CYRILLIC_WORD.sub(english, normalized.given.casefold()), person)
    return None if form.empty or form.tokens == normalized.tokens else form
