"""Word-level reference data of normalisation, read once from ``vocab/*.yaml``: numbers,
spelling variants, transliterated phrases and their English, people's name particles,
government abbreviations."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple

from nicknames import NickNamer
from rigour.text import metaphone

from entitylist.matching.memo import Memo, Once
from entitylist.reference import load_package_yaml

_WORDS: Final = re.compile(r"[^0-9a-z@]+")
JOINED_PLACES: Final = "joined_places"  # (generic_words.yaml: places of two words, written as one word)


def _words(text: str) -> str:
    return " ".join(_WORDS.sub(" ", str(text).casefold()).split())


def numbers() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """(words read as a number: cardinals, ordinals, Roman numerals; tens that combine with a
    following unit, "twenty one"; generation marks and numerals that are never legal forms)."""
    return _NUMBERS.get()


def _numbers_made() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """``numbers``, made (once: see ``_NUMBERS``)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "numbers.yaml")
    single = {str(k): int(v) for group in ("cardinals", "ordinals", "roman") for k, v in raw[group].items()}
    tens = {str(k): int(v) for k, v in raw["tens"].items()}
    single.update(tens)
    keep = frozenset(str(k) for k in raw["roman"]) | frozenset(str(w) for w in raw["generations"])
    return single, tens, keep


_NUMBERS: Final = Once(_numbers_made)  # (compiled code calls its ``get`` directly: see ``memo.Once``)


@functools.cache
def name_variants() -> dict[str, str]:
    """Spelling variant -> canonical word (vocab/name_variants.yaml)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "name_variants.yaml")
    return {str(variant): str(word) for word, variants in raw.items() for variant in variants}


@functools.cache
def person_name_variants() -> dict[str, str]:
    """Spelling variant -> canonical word, for people's names only: given names that are also
    words of company names (vocab/person_name_variants.yaml)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_name_variants.yaml")
    return {str(variant): str(word) for word, variants in raw.items() for variant in variants}


def canonical_names() -> frozenset[str]:
    """The canonical words of name_variants.yaml: each is one name, and two of them are two
    names however alike they sound ("Hasan" and "Husayn", "Ahmad" and "Hamid")."""
    return _CANONICAL_NAMES.get()


def _canonical_names_made() -> frozenset[str]:
    """``canonical_names``, made (once: see ``_CANONICAL_NAMES``)."""
    return frozenset(canonical_spellings())


_CANONICAL_NAMES: Final = Once(_canonical_names_made)


def canonical_spellings() -> dict[str, tuple[str, ...]]:
    """Each canonical word of name_variants.yaml with the spellings normalisation makes it from
    ("muhammad": "mohammed", "mohamed", ...): a misspelling of one of them ("Mohmed", "Mochammad")
    is a misspelling of the name, though far from the canonical word's own spelling."""
    return _CANONICAL_SPELLINGS.get()


def _canonical_spellings_made() -> dict[str, tuple[str, ...]]:
    """``canonical_spellings``, made (once: see ``_CANONICAL_SPELLINGS``)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "name_variants.yaml")
    return {str(word): tuple(str(v) for v in variants) for word, variants in raw.items()}


_CANONICAL_SPELLINGS: Final = Once(_canonical_spellings_made)


def two_names(one: str, other: str) -> bool:
    """Whether two words are two different names, however alike they are spelt or sound: two
    canonical names (see ``canonical_names``), two given names whose consonants differ (see
    ``given_name_spellings``: "Ahmad" / "Hamid", "Yasin" / "Yasir") or a woman's and a man's
    ("Salma" / "Salim"), or two names the nicknames know (``two_familiar_names``)."""
    if one == other:
        return False
    names = canonical_names()
    if one in names and other in names:
        return True
    spellings = given_name_spellings()
    name, other_name = spellings.get(one), spellings.get(other)
    if name is not None and other_name is not None:
        if name == other_name:
            return False
        women = feminine_given_names()
        return (name in women) != (other_name in women) or consonant_shape(one) != consonant_shape(other)
    return two_familiar_names(one, other)


def feminine_given_names() -> frozenset[str]:
    """The women's names of ``given_name_spellings`` (person_names.yaml ``feminine_given_names``):
    a woman's name and a man's are two names however alike they are spelt ("Salma" / "Salim")."""
    return _FEMININE_GIVEN_NAMES.get()


def _feminine_given_names_made() -> frozenset[str]:
    """``feminine_given_names``, made (once: see ``_FEMININE_GIVEN_NAMES``); each a name of
    ``given_name_spellings``."""
    names = frozenset(str(name) for name in raw_person_names()["feminine_given_names"])
    unknown = sorted(names - set(raw_person_names()["given_name_spellings"]))
    if unknown:
        raise ValueError(f"feminine given names not among the given name spellings: {unknown}")
    return names


_FEMININE_GIVEN_NAMES: Final = Once(_feminine_given_names_made)


def two_familiar_names(one: str, other: str) -> bool:
    """Whether two words are two given names ``nicknames`` knows, neither a familiar form of the
    other nor sharing one, that sound otherwise: "Mary" / "Mark", "Paul" / "Saul" are two people,
    not a typo away. One name's spellings share a familiar form ("Steven" / "Stephen": "Steve"),
    their consonants, a first "h" or "y" aside ("Alan" / "Allen", "Elena" / "Yelena", "Helena",
    "Olena"), or their sound ("Victor" / "Viktar")."""
    known = nicknames()
    forms, other_forms = known.get(one), known.get(other)
    if forms is None or other_forms is None or other in forms or one in other_forms or not forms.isdisjoint(other_forms):
        return False
    return _name_consonants(one) != _name_consonants(other) and metaphone(one) != metaphone(other)


def _name_consonants(word: str) -> str:
    """``consonant_shape`` of a given name without the "h" or "y" before its first vowel, which
    romanisations write or leave out ("Yelena", "Helena", "Elena")."""
    return consonant_shape(word[1:] if word[:1] in "hy" and word[1:2] in _VOWELS else word)


def same_given_name(one: str, other: str) -> bool:
    """Whether two words are two spellings of one given name (``given_name_spellings``:
    "Yehia" / "Yahya")."""
    spellings = given_name_spellings()
    name = spellings.get(one)
    return one != other and name is not None and name == spellings.get(other)


def given_name_spellings() -> dict[str, str]:
    """A spelling of an Arabic, Persian or Turkic given name -> the name (person_names.yaml
    ``given_name_spellings``); each name is also a spelling of itself."""
    return _GIVEN_NAME_SPELLINGS.get()


def _given_name_spellings_made() -> dict[str, str]:
    """``given_name_spellings``, made (once: see ``_GIVEN_NAME_SPELLINGS``)."""
    found: dict[str, str] = {}
    for name, spellings in raw_person_names()["given_name_spellings"].items():
        for spelling in (name, *(spellings or ())):
            if found.setdefault(str(spelling), str(name)) != str(name):
                raise ValueError(f"given name spelling {spelling!r} is both {found[str(spelling)]!r} and {name!r}")
    return found


_GIVEN_NAME_SPELLINGS: Final = Once(_given_name_spellings_made)


@functools.cache
def _spellings_by_name() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for spelling, name in given_name_spellings().items():
        found[name].append(spelling)
    return {name: tuple(spellings) for name, spellings in found.items()}


def other_spellings(word: str) -> tuple[str, ...]:
    """The other spellings of the given name a word spells ("yehia": "yahya", "yahia" ...), or ()."""
    name = given_name_spellings().get(word)
    return () if name is None else tuple(s for s in _spellings_by_name()[name] if s != word)


_VOWELS: Final = frozenset("aeiouyw")  # (and the semivowels after a name's first letter: "Sulayman" / "Suleiman")


def consonant_shape(word: str) -> str:
    """A romanised name's consonants in order, a doubled one once, marked where the name begins
    with a vowel: what spellings of vowels leave alike ("Salah" / "Saleh": "slh"; "Sayed" /
    "Saeed": "sd") and other names do not ("Ahmad" / "Hamid": "-hmd" / "hmd"; "Yasin" / "Yasir")."""
    shape = "-" if word[:1] in "aeiou" else word[:1]
    for letter in word[1:]:
        if letter not in _VOWELS and not shape.endswith(letter):
            shape += letter
    return shape


@functools.cache
def raw_person_names() -> dict[str, Any]:
    """person_names.yaml as written."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return raw


GIVEN_GENDER_MIN_STEM: Final = 3  # letters before a given name's gender ending ("Jan" / "Jana")


@functools.cache
def _given_gender_endings() -> tuple[tuple[str, str], ...]:
    pairs = [(str(a), str(b)) for a, b in raw_person_names()["given_gender_endings"]]
    return tuple([*pairs, *((b, a) for a, b in pairs)])


def given_name_genders(one: str, other: str) -> bool:
    """Whether two words are a given name's masculine and feminine forms ("mario" / "maria",
    "daniel" / "daniela"; person_names.yaml), one of them a given name ``nicknames`` knows: two
    names, however alike they are spelt. Other words with such endings are spellings of one word
    ("Lukashenko" / "LUKASHENKA", "Baraka" / "BARAKO"), as a Slavic family name's two forms
    ("ivanov" / "ivanova") are one family's."""
    names = nicknames()  # (tested first: most words are no given name, and their endings need not be read)
    return (one in names or other in names) and _gender_endings_differ(one, other)


def _gender_endings_differ(one: str, other: str) -> bool:
    """Whether two words are one stem with a masculine and a feminine ending of given names."""
    for ending, other_ending in _given_gender_endings():
        stem = len(one) - len(ending)
        if (
            stem >= GIVEN_GENDER_MIN_STEM and one.endswith(ending) and len(other) == stem + len(other_ending)
            and other.startswith(one[:stem]) and other.endswith(other_ending)
        ):
            return other not in gender_forms(one)
    return False


NICKNAME_MIN_LENGTH: Final = 3  # letters of a name and its familiar form ("Al", "Jo" are words of other names; but see two_letter_familiar_forms)


def nicknames() -> dict[str, frozenset[str]]:
    """A given name -> the names it is a familiar form of, and the familiar forms it has ("bill":
    "william"; "william": "bill", "will", "billy"): the nicknames package's curated English names
    and person_names.yaml's diminutives of other languages ("sasha": "aleksandr"). Each name is
    written as normalisation writes it (name_variants.yaml's spelling: "mike" meets "mikhail",
    which "Michael" becomes); two familiar forms of one name are not related to each other."""
    return _NICKNAMES.get()


def _nicknames_made() -> dict[str, frozenset[str]]:
    """``nicknames``, made (once: see ``_NICKNAMES``)."""
    canonical = {**name_variants(), **person_name_variants()}
    pairs = [(name, short) for name, shorts in NickNamer().nickname_lookup.items() for short in shorts]
    pairs.extend((str(name), str(short)) for name, shorts in raw_person_names()["diminutives"].items() for short in shorts)
    # never a familiar form: a name of its own in the variants table ("Ali", not Alison's), a
    # particle ("Ben", "Del"), a Korean family name ("Kim")
    person_names = raw_person_names()
    own = canonical_names() | {str(w) for key in ("particles", "patronymic", "korean_family_names") for w in person_names[key]}
    two_letters = frozenset(str(w) for w in person_names["two_letter_familiar_forms"])
    related: dict[str, set[str]] = defaultdict(set)
    for written_name, written_short in pairs:
        name, short = canonical.get(written_name, written_name), canonical.get(written_short, written_short)
        long_enough = min(len(name), len(short)) >= NICKNAME_MIN_LENGTH or (short in two_letters and len(name) > 2)
        if (
            name != short and long_enough and name.isalpha() and short.isalpha()
            and short not in own and name not in own - canonical_names() and not _gender_endings_differ(name, short)
        ):
            related[name].add(short)
            related[short].add(name)
    return {word: frozenset(names) for word, names in related.items()}


_NICKNAMES: Final = Once(_nicknames_made)


Phrases = tuple[dict[tuple[str, ...], str], int, frozenset[str]]


STEM_MARK: Final = "*"
# (the sections of transliterated_words.yaml of words in Arabic script, not a language's phrases)
ABJAD_WORDS: Final = "abjad"
HANGUL_WORDS: Final = "hangul"  # (Korean words read only in a name written in Hangul: ``korean.korean_words``)
ABJAD_WORDS_BESIDE: Final = "abjad_beside"
MAX_FORMS_PER_PHRASE: Final = 5_000  # a phrase of inflected words stands for every combination of forms


def _forms(phrase: str, endings: tuple[str, ...]) -> list[str]:
    """Each form a phrase stands for: a word ending in "*" is a stem taking any of its language's
    endings ("gosudarstvenn*" -> "gosudarstvennyi", "gosudarstvennaya", "gosudarstvennogo" ...),
    so one line meets a word however it is inflected and however the ending is romanised."""
    words = phrase.split()
    options = [[w[:-1] + e for e in endings] if w.endswith(STEM_MARK) else [w] for w in words]
    if any(w.endswith(STEM_MARK) for w in words) and not endings:
        raise ValueError(f"transliterated phrase {phrase!r}: stems need their language's endings")
    if math.prod(len(o) for o in options) > MAX_FORMS_PER_PHRASE:
        raise ValueError(f"transliterated phrase {phrase!r} stands for too many forms")
    return [" ".join(parts) for parts in itertools.product(*options)]


def _phrase_table(pairs: list[tuple[str, str]]) -> Phrases:
    table: dict[tuple[str, ...], str] = {}
    for phrase, english in pairs:
        key, value = tuple(_words(phrase).split()), _words(english)
        if table.setdefault(key, value) != value:  # two lines (or a stem's forms) giving one form two meanings
            raise ValueError(f"transliterated phrase {' '.join(key)!r} is both {table[key]!r} and {value!r}")
    return table, max(len(k) for k in table), frozenset(k[0] for k in table)


@functools.cache
def initialisms() -> dict[str, str]:
    """Russian initialisms of an organisation's kind -> their English ("nii" -> "scientific
    research institute")."""
    raw: dict[str, dict[str, str]] = load_package_yaml("entitylist.vocab", "transliterated_words.yaml")
    return {str(short): _words(english) for short, english in raw["initialisms"].items()}


@functools.cache
def transliterated_phrases() -> Phrases:
    """Transliterated phrase (as words) -> English words or "@form", the longest phrase's length,
    and the phrases' first words (most names have none of them). Chinese words as romanised
    names write them, syllables joined ("keji")."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "transliterated_words.yaml")
    endings: dict[str, list[str]] = raw["endings"]
    # (and the places of two words written as one: "hong kong" is "hongkong", see generic_words.yaml)
    places = joined_places()
    return _phrase_table([
        *((form, str(english))
          for language, words in raw.items() if language not in ("initialisms", "endings", ABJAD_WORDS, ABJAD_WORDS_BESIDE, HANGUL_WORDS)
          for phrase, english in words.items()
          for form in _forms(str(phrase).replace("-", ""), tuple(str(e) for e in endings.get(language, ())))),
        *((" ".join(place), joined) for place, joined in places.items()),
    ])


@functools.cache
def generic_words_file() -> dict[str, Any]:
    """generic_words.yaml as read, once for every reader of its lists (the generic words, the
    places among them, the places of two words written as one)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "generic_words.yaml")
    return raw


@functools.cache
def joined_places() -> dict[tuple[str, str], str]:
    """The places of two words written as one (generic_words.yaml, ``joined_places``): their
    words -> the one word ("hong", "kong" -> "hongkong")."""
    raw: dict[str, str] = generic_words_file()[JOINED_PLACES]
    pairs: dict[tuple[str, str], str] = {}
    for place, joined in raw.items():
        first, second = str(place).split()
        pairs[first, second] = str(joined)
    return pairs


@functools.cache
def rewritten_words() -> frozenset[str]:
    """Every word that normalisation may rewrite: first words of transliterated phrases, number
    words and Roman numerals."""
    return transliterated_phrases()[2] | frozenset(numbers()[0])


def person_words() -> tuple[frozenset[str], frozenset[str]]:
    """(name particles compared as a whole, patronymic links)."""
    return _PERSON_WORDS.get()


def _person_words_made() -> tuple[frozenset[str], frozenset[str]]:
    """``person_words``, made (once: see ``_PERSON_WORDS``)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return frozenset(str(w) for w in raw["particles"]), frozenset(str(w) for w in raw["patronymic"])


_PERSON_WORDS: Final = Once(_person_words_made)


@functools.cache
def abjad_particles() -> dict[str, str]:
    """The particles of a name in Arabic script by their transliterated consonants ("wld": "ould")."""
    raw: dict[str, dict[str, str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return {str(k): str(v) for k, v in raw["abjad_particles"].items()}


@functools.cache
def abjad_particle_words() -> frozenset[str]:
    """The particles a name in Arabic script may hold, as the Latin names write them ("ould", "abu")."""
    return frozenset(abjad_particles().values())


def korean_family_names() -> frozenset[str]:
    """Korean family names as normalised (person_names.yaml), in the romanisations and as South
    Koreans spell them: a name holding one is Korean."""
    return _KOREAN_FAMILY_NAMES.get()


def _korean_family_names_made() -> frozenset[str]:
    """``korean_family_names``, made (once: see ``_KOREAN_FAMILY_NAMES``)."""
    raw = raw_person_names()
    return frozenset(str(w) for key in ("korean_family_names", "korean_family_names_south") for w in raw[key])


@functools.cache
def korean_family_readings() -> frozenset[str]:
    """Korean family names as a Korean reading of a Chinese character writes them (person_names.yaml's
    ``korean_family_names`` and ``korean_family_names_also_chinese``; not South Korean spellings,
    "Jung" for 정, which are other syllables' readings too, 중)."""
    raw = raw_person_names()
    return frozenset(str(w) for key in ("korean_family_names", "korean_family_names_also_chinese") for w in raw[key])


_KOREAN_FAMILY_NAMES: Final = Once(_korean_family_names_made)


def vietnamese_family_names() -> frozenset[str]:
    """Vietnamese family names as written without diacritics (person_names.yaml
    ``vietnamese_family_names``): "nguyen", "le", "do", "ngo"."""
    return _VIETNAMESE_FAMILY_NAMES.get()


def _vietnamese_family_names_made() -> frozenset[str]:
    """``vietnamese_family_names``, made (once)."""
    return frozenset(str(w) for w in raw_person_names()["vietnamese_family_names"])


_VIETNAMESE_FAMILY_NAMES: Final = Once(_vietnamese_family_names_made)


def korean_family_spellings() -> frozenset[str]:
    """``korean_family_names`` and every spelling of them ``name_variants.yaml`` writes for them
    ("ri", "yi" and "rhee" for "lee", "pak" for "park", "choe" for "choi"): what a name's words
    are before those spellings are rewritten."""
    return _KOREAN_FAMILY_SPELLINGS.get()


def _korean_family_spellings_made() -> frozenset[str]:
    """``korean_family_spellings``, made (once)."""
    names = korean_family_names()
    return names | frozenset(variant for variant, word in name_variants().items() if word in names)


_KOREAN_FAMILY_SPELLINGS: Final = Once(_korean_family_spellings_made)


def korean_family_names_also_chinese() -> frozenset[str]:
    """Korean family names that are Chinese family names in pinyin too ("yu", "gu";
    person_names.yaml), which make a name Korean only where it is not one of two names in pinyin."""
    return _KOREAN_ALSO_CHINESE.get()


def _korean_also_chinese_made() -> frozenset[str]:
    """``korean_family_names_also_chinese``, made (once)."""
    return frozenset(str(w) for w in raw_person_names()["korean_family_names_also_chinese"])


_KOREAN_ALSO_CHINESE: Final = Once(_korean_also_chinese_made)


def korean_family_names_every() -> frozenset[str]:
    """``korean_family_names`` and ``korean_family_names_also_chinese``: one set to ask a word."""
    return _KOREAN_EVERY.get()


def _korean_every_made() -> frozenset[str]:
    """``korean_family_names_every``, made (once)."""
    return korean_family_names() | korean_family_names_also_chinese()


_KOREAN_EVERY: Final = Once(_korean_every_made)


@functools.cache
def honorifics() -> frozenset[str]:
    """Titles written with a person's name ("Sheikh", "Hajji", "Mullah", "Dr.") and alias markers
    ("a.k.a."): no identity."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return frozenset(str(w) for w in (*raw["honorifics"], *raw["alias_markers"]))


@functools.cache
def abjad_honorifics() -> frozenset[str]:
    """The honorifics of a name in Arabic script by their transliterated consonants ("hjy": Haji)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return frozenset(str(w) for w in raw["abjad_honorifics"])


@functools.cache
def abjad_stopwords() -> frozenset[str]:
    """The small words of a name in Arabic script by their transliterated consonants ("fy": in)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return frozenset(str(w) for w in raw["abjad_stopwords"])


@functools.cache
def abjad_words() -> tuple[dict[str, str], dict[str, str]]:
    """The generic words of organisations' names in Arabic script by their transliterated
    consonants, without an article ("dwlh": state), with the English their romanisations are
    rewritten to, or "@form" for a legal form (``transliterated_words.yaml``, ``abjad``); and those
    read so only beside another of them (``abjad_beside``: "slmy", islamic, is al-Sulami too)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "transliterated_words.yaml")
    return (
        {str(word): str(english) for word, english in raw[ABJAD_WORDS].items()},
        {str(word): str(english) for word, english in raw[ABJAD_WORDS_BESIDE].items()},
    )


@functools.cache
def derivation_endings() -> tuple[str, ...]:
    """Endings that derive a form of a place or people's name (vocab/derivations.yaml), longest first."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "derivations.yaml")
    return tuple(sorted({str(w) for w in raw["endings"]}, key=lambda w: (-len(w), w)))


DERIVED_STEM_MIN_LENGTH: Final = 4


def _derivation_ending_sizes() -> tuple[frozenset[str], tuple[int, ...]]:
    """The derivation endings, and their lengths longest first: a word's ending of each length
    is looked up (a few set look-ups, not one test per ending)."""
    return _DERIVATION_ENDING_SIZES.get()


def _derivation_ending_sizes_made() -> tuple[frozenset[str], tuple[int, ...]]:
    """``_derivation_ending_sizes``, made (once: see ``_DERIVATION_ENDING_SIZES``)."""
    endings = derivation_endings()
    return frozenset(endings), tuple(sorted({len(e) for e in endings}, reverse=True))


_DERIVATION_ENDING_SIZES: Final = Once(_derivation_ending_sizes_made)


_DERIVED_STEMS: Final[Memo[str, str]] = Memo(200_000)


def derived_stem(word: str) -> str:
    """The word with the longest derivation ending cut off that leaves at least four letters
    ("yaltinskaya" -> "yalt", "iranian" -> "iran"); the word itself when none does."""
    known = _DERIVED_STEMS.get(word)
    if known is not None:
        return known
    endings, sizes = _derivation_ending_sizes()
    for size in sizes:
        if len(word) - size >= DERIVED_STEM_MIN_LENGTH and word[-size:] in endings:
            return _DERIVED_STEMS.keep(word, word[:-size])
    return _DERIVED_STEMS.keep(word, word)


@functools.cache
def patronymic_endings() -> tuple[str, ...]:
    """Endings of Slavic patronymics ("-ovich", "-evna")."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return tuple(str(w) for w in raw["patronymic_endings"])


def patronymic_and_other(one: str, other: str) -> bool:
    """Whether one of two words is a Slavic patronymic and the other the family name made from
    the same given name, which the patronymic begins with ("Alekseevna" / "Alekseev", "Petrovich" /
    "Petrov", "Ivanovna" / "Ivanova"): a father's name and a family name, two words however alike
    they are spelt. (Two spellings of one patronymic are not: "Ivanovich" / "Ivanovic", nor
    another language's, whose ending the list of endings may lack: "Uladzimiravich" /
    "Vladimirovich".)"""
    endings = patronymic_endings()
    if one.endswith(endings) == other.endswith(endings):
        return False
    patronymic, family = (one, other) if one.endswith(endings) else (other, one)
    return len(family) >= PATRONYMIC_FAMILY_MIN_LENGTH and patronymic.startswith(family[:-1])


PATRONYMIC_FAMILY_MIN_LENGTH: Final = 5  # a family name's letters ("Petrov"), at least


def forms_of_two_people(one: str, other: str) -> bool:
    """Whether two words are two forms of one name that name two people, however alike they are
    spelt: a given name's masculine and feminine forms (``given_name_genders``: "Mario" / "Maria")
    or a family name and the patronymic made from the same name (``patronymic_and_other``:
    "Alekseev" / "Alekseevna"). Never a typo or sound-alike of one another."""
    return given_name_genders(one, other) or patronymic_and_other(one, other)


THEOPHORIC_MIN_STEM: Final = 4  # letters of a theophoric name's first part ("Siraj", not "Nur")


def theophoric_endings() -> tuple[str, ...]:
    """Endings of theophoric given names, longest first ("uddin", "ullah": person_names.yaml)."""
    return _THEOPHORIC_ENDINGS.get()


def _theophoric_endings_made() -> tuple[str, ...]:
    """``theophoric_endings``, made (once: see ``_THEOPHORIC_ENDINGS``)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    return tuple(sorted((str(w) for w in raw["theophoric_endings"]), key=lambda w: -len(w)))


_THEOPHORIC_ENDINGS: Final = Once(_theophoric_endings_made)


def theophoric_stem(word: str) -> str:
    """The first part of a theophoric name ("sirajuddin": "siraj"), or "" for another word."""
    for ending in theophoric_endings():
        if word.endswith(ending) and len(word) - len(ending) >= THEOPHORIC_MIN_STEM:
            return word[: len(word) - len(ending)]
    return ""


GENDER_FORM_MIN_STEM: Final = 3  # letters before a masculine or feminine ending ("Putin", not "Lin")


def _gender_endings() -> tuple[tuple[str, str], ...]:
    """The (ending, other gender's ending) pairs of Slavic family names, either way round, the longest first."""
    return _GENDER_ENDINGS.get()


def _gender_endings_made() -> tuple[tuple[str, str], ...]:
    """``_gender_endings``, made (once: see ``_GENDER_ENDINGS``)."""
    raw: dict[str, list[list[str]]] = load_package_yaml("entitylist.vocab", "person_names.yaml")
    pairs = [(str(a), str(b)) for a, b in raw["gender_endings"]]
    return tuple(sorted([*pairs, *((b, a) for a, b in pairs)], key=lambda pair: -len(pair[0])))


_GENDER_ENDINGS: Final = Once(_gender_endings_made)


def gender_forms(word: str) -> list[str]:
    """The other forms of a Slavic family name by its masculine or feminine ending ("ivanov":
    "ivanova"; "tolstaya": "tolstoy", "tolstiy"), longest endings first; none for a short stem."""
    return [
        word[: len(word) - len(ending)] + other
        for ending, other in _gender_endings()
        if word.endswith(ending) and len(word) - len(ending) >= GENDER_FORM_MIN_STEM
    ]


@functools.cache
def government_abbreviations() -> dict[str, tuple[str, ...]]:
    """Abbreviation -> the words (normalised, stopwords left out) a listed name must contain."""
    raw: dict[str, str] = load_package_yaml("entitylist.vocab", "government_abbreviations.yaml")
    return {str(k): tuple(_words(v).split()) for k, v in raw.items()}


def pinyin_syllables() -> frozenset[str]:
    """Every pinyin syllable without its tone ("lian", "chuang"), as pypinyin's dictionary reads
    characters (``vocab/pinyin_syllables.yaml``: read, not worked out in every process)."""
    return _PINYIN_SYLLABLES.get()


def _pinyin_syllables_made() -> frozenset[str]:
    """``pinyin_syllables``, made (once: see ``_PINYIN_SYLLABLES``)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "pinyin_syllables.yaml")
    return frozenset(str(s) for s in raw["syllables"])


_PINYIN_SYLLABLES: Final = Once(_pinyin_syllables_made)


def single_syllables(words: Sequence[str]) -> bool:
    """Whether a name of several words is written wholly in single pinyin syllables ("Zhu De",
    "Li Da", "Du Wei"): its "de", "da", "du" and "an" are syllables, not the articles and
    particles they spell in other names ("Luca de Luca", "Juan de la Cruz")."""
    syllables = pinyin_syllables()
    return len(words) > 1 and all(word in syllables for word in words)


def generic_words() -> frozenset[str]:
    """Words common in listed and unlisted names alike: business words and places (generic_words.yaml)."""
    return _GENERIC_WORDS.get()


def _generic_words_made() -> frozenset[str]:
    """``generic_words``, made (once: see ``_GENERIC_WORDS``)."""
    return frozenset(str(w) for key, group in generic_words_file().items() if key != JOINED_PLACES for w in group)


_GENERIC_WORDS: Final = Once(_generic_words_made)


def syllable_beside_syllable(words: Sequence[str], stops: frozenset[str]) -> bool:
    """Whether a stopword that is also a pinyin syllable stands beside a syllable of a name of
    pinyin and business words ("Da Hua Technology", "Shenzhen Hua An Tai Intelligent Technology"):
    there it is a syllable of the name ("大华", "华安泰"), not the article it spells in other
    names ("Banco da China", "Juan de la Cruz": "Cruz" is no pinyin)."""
    syllables = pinyin_syllables()
    generic = generic_words()
    if not all(word in stops or word in generic or is_pinyin(word) for word in words):
        return False
    last = len(words) - 1
    return any(
        word in stops and word in syllables
        and any(0 <= at <= last and words[at] in syllables and words[at] not in stops for at in (i - 1, i + 1))
        for i, word in enumerate(words)
    )


# pinyin writes an apostrophe before a syllable beginning with one of these inside a word
# ("Xi'an", "Tian'anmen"): without one, the letters run on from the syllable before
_APOSTROPHE_BEFORE: Final = frozenset("aeo")


@functools.cache
def name_syllables() -> frozenset[str]:
    """The pinyin syllables a Chinese name is written in: every syllable but those no name is
    written with (``vocab/pinyin_syllables.yaml``: interjections, "lve")."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "pinyin_syllables.yaml")
    return pinyin_syllables() - frozenset(str(s) for s in raw["not_in_names"])


_PINYIN: Final[Memo[str, bool]] = Memo(65_536)


class Letters(NamedTuple):
    """The functions of ``_letters.c`` (a word's letters asked, dropped, rewritten, split and
    marked, an acronym's letters, a form cut out, a contraction's parts), each called by the
    module whose Python path it stands for."""

    letters_only: Callable[[str], bool]
    dropped: Callable[[str, bytes, bool], str | None]
    rewritten: Callable[[str, tuple[tuple[str, str], ...], bool], str | None]
    runs: Callable[[str, bytes], list[str] | None]
    words: Callable[[str, bytes, dict[str, int]], tuple[list[str], str, int] | None]
    marks: Callable[[str, bytes], int | None]
    initials: Callable[[tuple[str, ...] | list[str]], str | None]
    cut: Callable[[str, str], str | None]
    contraction_parts: Callable[[str, tuple[str, ...]], list[tuple[int, int]] | None | bool]


def _left_to_python(*_given: object) -> None:
    """What ``_letters.c``'s functions but ``letters_only`` answer for a text they leave to
    Python: None (and where the module was not compiled, for every text)."""
    return None


def _contraction_left_to_python(_word: str, _tokens: tuple[str, ...]) -> bool:
    """What ``_letters.contraction_parts`` answers for a word it leaves to Python: False."""
    return False


def _compiled_letters() -> Letters:
    """``_letters.c``'s functions where the build compiled them (an ASCII word read by its bytes,
    in one call); else ``str.isalpha`` itself and functions that leave every text to the callers'
    Python paths, which give the same results. (The one place the module is imported.)"""
    try:
        from entitylist.matching import _letters
    except ImportError:
        return Letters(
            str.isalpha, _left_to_python, _left_to_python, _left_to_python, _left_to_python, _left_to_python, _left_to_python,
            _left_to_python, _contraction_left_to_python,
        )
    return Letters(
        _letters.letters_only, _letters.dropped, _letters.rewritten, _letters.runs, _letters.words, _letters.marks,
        _letters.initials, _letters.cut, _letters.contraction_parts,
    )


LETTERS: Final = _compiled_letters()
# (a function object: compiled code calls a ``str`` method it does not translate, ``isalpha``
# among them, by looking it up by name through the interpreter, several times the cost)
_LETTERS_ONLY: Final[Callable[[str], bool]] = LETTERS.letters_only


def letters_only(word: str) -> bool:
    """``word.isalpha()``: a name's words are asked again and again (for their units, their
    romanisation, the runs the scorer joins them into). ``str.isalpha`` asks the Unicode
    database of each letter, and compiled code calls it through the interpreter; remembering the
    answers cost about as much as a look-up (see ``_letters.c``)."""
    return _LETTERS_ONLY(word)


_INITIALS: Final = LETTERS.initials


def initials_of(words: tuple[str, ...] | list[str]) -> str:
    """The first letter of each word, joined (an acronym's letters): in one call in C where
    compiled, where joining them made a list and a string of each letter and called ``join``."""
    made = _INITIALS(words)
    if made is not None:
        return made
    return "".join([word[0] for word in words])


def is_pinyin(word: str) -> bool:
    """Whether a word is written wholly in pinyin syllables as a Chinese name is ("lianchuang" =
    "lian" + "chuang"): no interjection ("m", "ng") and no syllable beginning with a vowel inside
    the word, where pinyin writes an apostrophe ("Canalve" is not "ca-na-lve", "Foundation" not
    "fo-un-da-ti-o-n")."""
    known = _PINYIN.get(word)
    if known is not None:
        return known
    syllables = name_syllables()
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in syllables and (start == 0 or word[start] not in _APOSTROPHE_BEFORE)
            for start in range(max(0, end - 6), end)
        )
    return _PINYIN.keep(word, reachable[len(word)])


def pinyin_segmentations(word: str, most: int = 8) -> list[tuple[str, ...]]:
    """The ways a word written wholly in pinyin syllables splits into them (``is_pinyin``'s
    syllables and apostrophe rule), at most ``most`` of them: "huawei" is ("hua", "wei")."""
    found: list[tuple[str, ...]] = []
    _split_pinyin(word, 0, (), name_syllables(), most, found)
    return found


def _split_pinyin(
    word: str, start: int, parts: tuple[str, ...], syllables: frozenset[str], most: int, found: list[tuple[str, ...]],
) -> None:
    """``pinyin_segmentations`` of ``word`` from ``start`` on, after ``parts``, into ``found``.
    (A function of its own, not one nested in the other: a nested function that calls itself is
    a reference cycle, and each call left one for the garbage collector, the only one screening
    made: a batch's workers keep what a chunk leaves out of the collector's walks.)"""
    if len(found) >= most:
        return
    if start == len(word):
        found.append(parts)
        return
    if start and word[start] in _APOSTROPHE_BEFORE:
        return
    for end in range(start + 1, min(len(word), start + 6) + 1):
        if word[start:end] in syllables:
            _split_pinyin(word, end, (*parts, word[start:end]), syllables, most, found)


SYLLABLE_WORD_MOST: Final = 24  # letters of a romanised Chinese word split into syllables (a brand: a few syllables)


_SYLLABLES_APART: Final[Memo[tuple[str, str], bool]] = Memo(65_536)


def one_syllable_apart(one: str, other: str) -> bool:
    """Whether two words written wholly in pinyin, of two syllables or more, differ in exactly one
    syllable by one letter put in the place of another ("Huawen" / "Huawei", "Taiyuan" /
    "Tanyuan", "Sailong" / "Sailing"): two names, as their characters differ, not a typo of one.
    A letter left out, added or swapped is as often a typo that happens to spell a syllable
    ("Huwei", "Tayuan", "Mieling"), and a typo outside the syllables ("Dahau") is always one."""
    if len(one) != len(other) or len(one) > SYLLABLE_WORD_MOST or sum(a != b for a, b in zip(one, other)) != 1:
        return False
    known = _SYLLABLES_APART.get((one, other))
    if known is not None:
        return known
    apart = is_pinyin(one) and is_pinyin(other) and any(
        len(a) == len(b) >= 2 and sum(x != y for x, y in zip(a, b)) == 1
        for a in pinyin_segmentations(one) for b in pinyin_segmentations(other)
    )
    return _SYLLABLES_APART.keep((one, other), apart)


# a pattern, what it becomes, the pattern itself when it is plain letters (replaced without the
# regular expression engine, and only where it occurs: most words hold few of them), and else the
# letters every match of it holds, when it has such (the engine is run only where they occur)
Rewrite = tuple[re.Pattern[str], str, str, str]
# the rewrite of doubled letters into one (``(.)\1+`` into ``\1``), which matching applies as
# ``normalize.written_once`` does, without the engine: the needed letters it is given instead (no
# pattern's letters are a control character)
DOUBLED_LETTERS: Final = ("(.)\\1+", "\\1")
WRITTEN_ONCE: Final = "\x00"
Reading = tuple[re.Pattern[str], tuple[str, ...], str, str]
_LOOKAROUND: Final = re.compile(r"\(\?<?[=!][^)]*\)")


def _needed_letters(pattern: str) -> str:
    """The letters every match of a pattern holds, when it is letters with lookarounds and
    anchors only ("gu(?=[ei])": "gu", "ine$": "ine"); else "" (the pattern is always tried)."""
    core = _LOOKAROUND.sub("", pattern).strip("^$")
    return core if core.isalpha() else ""


def cyrillic_romanisations() -> tuple[tuple[Rewrite, ...], tuple[Reading, ...], tuple[Rewrite, ...]]:
    """(spellings read one way, spellings read more ways, levels) of how romanisations of
    Russian, Ukrainian and Belarusian names write one sound (cyrillic_romanisations.yaml)."""
    return _CYRILLIC_ROMANISATIONS.get()


def _cyrillic_romanisations_made() -> tuple[tuple[Rewrite, ...], tuple[Reading, ...], tuple[Rewrite, ...]]:
    """``cyrillic_romanisations``, made (once: see ``_CYRILLIC_ROMANISATIONS``)."""
    raw: dict[str, list[list[Any]]] = load_package_yaml("entitylist.vocab", "cyrillic_romanisations.yaml")

    def plain(pattern: str) -> str:
        return pattern if pattern.isalpha() else ""

    def needs(pattern: str, into: str) -> str:
        return WRITTEN_ONCE if (pattern, into) == DOUBLED_LETTERS else _needed_letters(pattern)

    def rewrites(group: str) -> tuple[Rewrite, ...]:
        return tuple((re.compile(str(p)), str(into), plain(str(p)), needs(str(p), str(into))) for p, into in raw[group])

    readings = tuple(
        (re.compile(str(p)), tuple(str(s) for s in sounds), plain(str(p)), _needed_letters(str(p)))
        for p, sounds in raw["readings"]
    )
    return rewrites("spellings"), readings, rewrites("levels")


_CYRILLIC_ROMANISATIONS: Final = Once(_cyrillic_romanisations_made)


@functools.cache
def legal_form_letters() -> tuple[str, ...]:
    """The letters of legal forms that abbreviations end with ("Crymsa": "... S.A.")."""
    return tuple(str(w) for w in load_package_yaml("entitylist.vocab", "legal_form_letters.yaml"))


def warm() -> None:
    """Make every vocabulary of this module, each otherwise made when first asked (most by an
    index being built, the rest by the first names screened that need them): made before a
    batch forks its workers (``NameIndex.warm``), they are shared, where each worker made its
    own (YAML read and tables built, a few milliseconds each). ``tests/test_screening.py``
    finds any left unmade."""
    for made in (
        numbers, canonical_names, canonical_spellings, given_name_spellings, feminine_given_names, _spellings_by_name, nicknames,
        person_words,
        korean_family_names, korean_family_spellings, korean_family_names_also_chinese, korean_family_names_every,
        korean_family_readings,
        _derivation_ending_sizes, theophoric_endings, _gender_endings, pinyin_syllables, generic_words,
        cyrillic_romanisations, name_variants, person_name_variants, raw_person_names, _given_gender_endings, initialisms,
        transliterated_phrases, rewritten_words, abjad_particles, abjad_particle_words, abjad_honorifics, abjad_stopwords,
        abjad_words, honorifics, derivation_endings, patronymic_endings, government_abbreviations, name_syllables,
        legal_form_letters, hangul_tables, sino_korean_syllables, simplified_characters,
    ):
        made()


@functools.cache
def hangul_tables() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """(initials, medials, finals, whole syllables read otherwise) of hangul.yaml."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "hangul.yaml")
    initials, medials, finals = (tuple(str(x) for x in raw[k]) for k in ("initials", "medials", "finals"))
    if (len(initials), len(medials), len(finals)) != (19, 21, 28):
        raise ValueError("hangul.yaml: 19 initials, 21 medials and 28 finals expected")
    return initials, medials, finals, {str(k): str(v) for k, v in raw["family_names"].items()}


def hanja_reading_lines() -> list[list[str]]:
    """``hanja_readings.yaml``'s lines, each a Han character and its readings in Hangul ("金 금 김")."""
    raw: dict[str, str] = load_package_yaml("entitylist.vocab", "hanja_readings.yaml")
    return [line.split() for line in str(raw["readings"]).splitlines()]


@functools.cache
def sino_korean_syllables() -> frozenset[str]:
    """The Hangul syllables that read a Han character (Sino-Korean): those a Korean person's name
    is made of (``hanja_readings.yaml``; read in a few milliseconds, without the mapping of 8,000
    characters ``korean.hanja_readings`` makes)."""
    return frozenset(syllable for line in hanja_reading_lines() for syllable in line[1:])


@functools.cache
def simplified_characters() -> dict[int, str]:
    """Traditional Chinese and Japanese Han characters -> their simplified forms, a
    ``str.translate`` table (``vocab/simplified_characters.yaml``, from OpenCC's tables: one
    character for one, "華" "华", "場" "场", Japanese "売" "卖")."""
    raw: dict[str, str] = load_package_yaml("entitylist.vocab", "simplified_characters.yaml")
    return {ord(line[0]): line[1] for line in str(raw["characters"]).splitlines() if len(line) == 2}


def in_simplified(characters: str) -> str:
    """Han characters as simplified Chinese writes them (``simplified_characters``): what two
    names in characters are compared as, whether Taiwan, Hong Kong, Japan or the mainland wrote
    them ("華為" and "华为" are one name)."""
    return characters.translate(simplified_characters())


def read_hangul(syllable: str) -> str:
    """One Hangul syllable block in Latin letters, as North Korean names are listed."""
    initials, medials, finals, whole = hangul_tables()
    if syllable in whole:
        return whole[syllable]
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return syllable
    return initials[code // 588] + medials[(code % 588) // 28] + finals[code % 28]
