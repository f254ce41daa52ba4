"""English and Spanish names written in Russian read back into their own spellings ("Джон Смит":
"John Smith", "Хорхе Родригес": "Jorge Rodriguez").

Russian writes a foreign name as it sounds, not letter by letter: "Джон Смит" transliterated is
"Dzhon Smit", "Майкл Джексон" "Maykl Dzhekson", "Хоакин Гусман" "Khoakin Gusman", which meet no
"John Smith", "Michael Jackson" or "Joaquin Guzman". A name written in Cyrillic that holds one of
a language's commonest given or family names in its Russian spelling
(``vocab/western_in_russian.yaml``) is also compared with that name as the language writes it,
its other words read as the language spells the sounds Russian writes (English: "дж" "j", "х" "h",
"Джозеф Кони", "Joseph Kony"; Spanish: "х" "j", "Хименес", "Jimenez"). One more form a name is
compared as: a Russian name that happens to hold such a word ("Кит", whale, is also Keith) meets
only what the foreign name would.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from entitylist.matching.normalize import RUSSIAN_WORD, NormalizedName, normalize_name
from entitylist.reference import load_package_yaml

Language = tuple[dict[str, str], re.Pattern[str], dict[str, str]]  # (names, the letters' pattern, the letters)


@functools.cache
def western_names() -> tuple[Language, ...]:
    """Each language's (Russian spelling -> its own, of given and family names; the pattern of
    the letters read otherwise, longest first; each such letter's reading)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "western_in_russian.yaml")
    languages: list[Language] = []
    for section in raw.values():
        names = {str(russian): str(own) for part in ("given_names", "family_names") for russian, own in section[part].items()}
        letters = {str(russian): str(own) for russian, own in section["letters"].items()}
        languages.append((names, re.compile("|".join(sorted(letters, key=len, reverse=True))), letters))
    return tuple(languages)


def western_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A name written in Cyrillic as the English or Spanish name it writes (see the module): one
    form for each language one of whose names it holds; none for most names."""
    if not normalized.cyrillic or normalized.legal_forms:
        return []  # (and no company's: "ООО Картер" is no Carter)
    text = normalized.given.casefold()
    words = RUSSIAN_WORD.findall(text)
    forms: list[NormalizedName] = []
    for names, pattern, letters in western_names():
        if not any(word in names for word in words):
            continue  # (most names)

        def read(match: re.Match[str], names: dict[str, str] = names, pattern: re.Pattern[str] = pattern,
                 letters: dict[str, str] = letters) -> str:
            word = match.group()
            known = names.get(word)
            return known if known is not None else pattern.sub(lambda letter: letters[letter.group()], word)

        form = normalize_name(RUSSIAN_WORD.sub(read, text), person)
        if (
            not form.empty and form.tokens != normalized.tokens and all(form.tokens != other.tokens for other in forms)
            and len(form.tokens) >= len(normalized.tokens)  # (none that loses a word: "Тони Ан", whose "an" is no article)
        ):
            forms.append(form)
    return forms
