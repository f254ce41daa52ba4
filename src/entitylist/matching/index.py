"""An index over listed names for fast candidate generation.

Every listed name and alias is normalised once into tokens and "units" (each token, and each
pair of neighbouring tokens written as one word, so "Sense Time" meets "SenseTime"). Units are
indexed by text; each unit gets a weight from its rarity across all names (inverse document
frequency, scaled to 0-1, capped for the generic words of ``vocab/generic_words.yaml``). Typos
are found through a deletion index (every unit with one letter deleted), so the cost of a query
depends on its own tokens and the postings of the units it hits, not on the size of the list.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple, TypeAlias, TypeVar

from rapidfuzz.distance import DamerauLevenshtein
from rigour.text import metaphone

from entitylist.matching.chinese import CHINESE_COUNTRIES
from entitylist.matching.kinds import organization_words
from entitylist.matching.memo import Memo
from entitylist.matching.normalize import (
    KOREAN_MOST_LETTERS, SKELETON_DROPS, NormalizedName, Rewrites, eo_levelled, korean_key, korean_syllable_keys, letters_dropped,
    normalize_name, rewritten, skeleton, stopwords, written_once,
)
from entitylist.matching.greek import greek_pairs
from entitylist.matching.korean import korean_particles, korean_words
from entitylist.matching.palladius import palladius_syllables
from entitylist.matching.polivanov import polivanov_syllables
from entitylist.matching.vocabulary import (
    DERIVED_STEM_MIN_LENGTH, WRITTEN_ONCE, canonical_names, canonical_spellings, cyrillic_romanisations, derived_stem, gender_forms, generic_words,
    generic_words_file, given_name_genders,
    forms_of_two_people, given_name_spellings, government_abbreviations, initials_of, is_pinyin, letters_only, nicknames,
    other_spellings, patronymic_endings, pinyin_syllables,
    person_name_variants, same_given_name, theophoric_stem, two_names,
)
from entitylist.matching.vocabulary import warm as warm_vocabularies
from entitylist.matching.western_in_russian import western_names
from entitylist.matching.wade_giles import as_pinyin, as_wade_giles, is_wade_giles
from entitylist.matching.weights import Weights, default_weights
from entitylist.reference import load_package_yaml


def _python_spelling_similarity(first: str, second: str, score_cutoff: float) -> float:
    """``DamerauLevenshtein.normalized_similarity`` called from Python (where ``_spelling.c`` was
    not compiled, or does not know rapidfuzz's C interface)."""
    return DamerauLevenshtein.normalized_similarity(first, second, score_cutoff=score_cutoff)


def _spelling_scorer() -> Callable[[str, str, float], float]:
    """Two words' spelling similarity: rapidfuzz's normalized Damerau-Levenshtein similarity, 0.0
    below ``score_cutoff`` (0.0: never). Through rapidfuzz's C interface for scorers where
    ``_spelling.c`` was compiled and knows it: the same scorer, for about 1,000 instructions less
    a call, of which a word not met before makes many (see there)."""
    try:
        from entitylist.matching import _spelling
    except ImportError:
        return _python_spelling_similarity
    if not _spelling.bind(DamerauLevenshtein.normalized_similarity):
        return _python_spelling_similarity
    return _spelling.similarity


# (read once, a static of the compiled module)
_spelling_similarity: Final = _spelling_scorer()


@dataclass
class IndexedName:
    """One name (listed name or alias) of one record."""

    record: int
    name: str
    kind: str
    normalized: NormalizedName
    units: tuple[Unit, ...]
    position_weights: tuple[float, ...]
    total_weight: float
    generic_weight: float = 0.0  # weight of its generic words, which candidate search skips
    initials: str = ""  # first letters of its words, for acronyms
    # usual abbreviations of a government body whose words the name holds ("mss", "mofcom")
    abbreviations: frozenset[str] = frozenset()
    # positions of words a query may leave out at little cost (see optional_positions)
    optional: tuple[int, ...] = ()
    # those of them that say where the body or branch is ("Municipal", "(Shanshan)"): another
    # distinctive word in their place names another one (see score.another_body_named)
    replaceable: tuple[int, ...] = ()


class Unit:
    """A token, or two neighbouring tokens joined, with the token positions it covers.

    (A plain class: millions are made in batch screening, and the compiled core builds these
    directly, where a named tuple or a dataclass is built by interpreted Python.)
    """

    def __init__(self, text: str, positions: tuple[int, ...]) -> None:
        self.text: Final = text
        self.positions: Final = positions

    def __repr__(self) -> str:
        return f"Unit({self.text!r}, {self.positions!r})"


class EntryBound:
    """What candidate search reads of one entry to bound its score, in one object (``NameIndex.bounds``):
    the least its weight can count for with its optional and generic words left out (``total``),
    with its generic words counted in full (``plain_total``), its whole weight (``full_total``),
    its unit texts and those holding a distinctive word (None where it has none). An entry met is
    read once, where lists of a float object each lie far apart in memory (compiled, a native
    class keeps the floats in the object itself)."""

    def __init__(
        self, total: float, plain_total: float, full_total: float, texts: frozenset[str], distinctive: tuple[str, ...] | None,
    ) -> None:
        self.total: Final = total
        self.plain_total: Final = plain_total
        self.full_total: Final = full_total
        self.texts: Final = texts
        self.distinctive: Final = distinctive


class TokenMatch:
    """How well a query unit matches a listed unit, and by what rule
    (``how``: exact | fuzzy | synonym | joined | phonetic | romanisation | stem | derivation |
    skeleton | acronym | contraction | abbreviation | initials reordered | compound | initial)."""

    def __init__(self, similarity: float, how: str) -> None:
        self.similarity: Final = similarity
        self.how: Final = how

    def __repr__(self) -> str:
        return f"TokenMatch({self.similarity!r}, {self.how!r})"


# entry ids holding a listed unit, and the most that unit weighs in them: the ids in a flat array
# of machine integers, which candidate search reads in a run (a posting list's int objects lie
# scattered over the index's memory, a cache miss each as it walks them)
Walk: TypeAlias = "tuple[array[int], float]"  # (a string: array is no generic at run time before 3.12)


class UnitLookup(NamedTuple):
    """What the index knows of one query unit, worked out once per distinct text and kept.

    ``walks``: entries that hold a match as one word; ``joined_walks``: entries that hold it only
    as two words written together. ``best``: the most the unit can add to any entry's score;
    ``least``: the least listed weight a match of it can count for in the query's side of the
    score (a word met through a light joined word, "Guang Zhou" / "GUANGZHOU", costs that little).
    """

    found: dict[str, TokenMatch]
    best: float
    walks: tuple[Walk, ...]
    joined_walks: tuple[Walk, ...]
    cost: int  # entry ids on the walks
    joined_cost: int
    least: float = 0.0
    # the entries holding one of its matches (``walk_ids`` and ``joined_walk_ids`` of each but a
    # run of initials, which no entry's texts hold): how compiled candidate search knows an entry
    # holds a match of a word it set aside
    holding: tuple[array[int], ...] = ()
    acronym: bool = False  # whether one of its matches is a run of initials


NO_MATCH: Final = TokenMatch(0.0, "none")  # what a unit with no match meets (for comparisons)
NOT_CACHED: Final = TokenMatch(-1.0, "not cached")  # (a cache's answer for a pair it has not seen: None is an answer)
NO_LOOKUP: Final = UnitLookup({}, 0.0, (), (), 0, 0)  # shared by every unit with no match: never mutated


def _keep_better(found: dict[str, TokenMatch], listed: str, hit: TokenMatch) -> None:
    """Record ``hit`` for a listed word unless it is met better already."""
    if found.get(listed, NO_MATCH).similarity < hit.similarity:
        found[listed] = hit


def units_of(tokens: tuple[str, ...]) -> tuple[Unit, ...]:
    """Each token, and each pair of neighbouring words (not numbers) joined into one."""
    return tuple(unit_list(tokens))


# the positions of a unit of one word, and of two neighbouring words ending at a position, made
# once for the first positions of a name (most names' all): every query's units and every listed
# name's share them rather than each making and freeing tuples of its own
POSITIONS_SHARED: Final = 32
ONE_POSITION: Final[tuple[tuple[int, ...], ...]] = tuple([(at,) for at in range(POSITIONS_SHARED)])
_TWO_POSITIONS: Final[tuple[tuple[int, ...], ...]] = tuple([(at - 1, at) for at in range(POSITIONS_SHARED)])


def unit_list(tokens: tuple[str, ...]) -> list[Unit]:
    """``units_of``, as a list (a query adds more units to it). (A tuple of tokens, which compiled
    code walks by index; a ``Sequence`` it walks through an iterator.)"""
    units = [Unit(t, ONE_POSITION[i] if i < POSITIONS_SHARED else (i,)) for i, t in enumerate(tokens)]
    before = ""  # the token before, when it is a word of letters (each token tested once)
    for i, token in enumerate(tokens):
        if letters_only(token):
            if before:
                units.append(Unit(before + token, _TWO_POSITIONS[i] if i < POSITIONS_SHARED else (i - 1, i)))
            before = token
        else:
            before = ""
    return units


ACRONYM_MIN_WORDS: Final = 3  # names of fewer words are not looked up by their initials
# a query word may be the initials of a run of a listed organisation's words ("PSB" of "Aksu
# District Public Security Bureau"), as the scorer pairs it: such runs are indexed under this
# prefix (no unit's text begins so) for candidate search, by their initials
INITIALS_RUN_KEY: Final = "\x01"
INITIALS_RUN_MIN: Final = 3
INITIALS_RUN_MAX: Final = 6


def initials_runs(initials: str) -> set[str]:
    """The runs of three to six of a name's initials, each a word the scorer may pair as the
    acronym of those words (two-letter runs count only at a name's start: see the full initials)."""
    if len(initials) < INITIALS_RUN_MIN or not letters_only(initials):
        return set()
    return {
        initials[start:start + size]
        for size in range(INITIALS_RUN_MIN, min(INITIALS_RUN_MAX, len(initials)) + 1)
        for start in range(len(initials) - size + 1)
    }
ACRONYM_MAX_WORDS: Final = 8


def deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1:] for i in range(len(text))}


TYPO_KEY_BITS_MASK: Final = (1 << 20) - 1  # a bit for each of a million hash values: 128 KiB
TYPO_KEY_SALT_PROBE: Final = "entitylist typo keys"  # its hash tells whether str hashes are salted as they were
TYPO_KEYS_AFTER: Final = 64  # cold words' typo look-ups an index makes before it makes the filter (see _typo_key_bits)


def _typo_key_filter(*tables: Iterable[str]) -> bytes:
    """A bit set over hash values with a bit set for each key of the tables: a text whose bit is
    clear is in none of them, found out without probing the tables, which are large and mostly far
    off in memory (each key of a cold word's typo look-up, two deletions deep, misses them all
    but a few). Built in one process and used there (and in its forked workers), as str hashes
    are salted per process."""
    marks = bytearray((TYPO_KEY_BITS_MASK + 1) >> 3)
    for table in tables:
        for key in table:
            bit = hash(key) & TYPO_KEY_BITS_MASK
            marks[bit >> 3] |= 1 << (bit & 7)
    return bytes(marks)


COMPILED_TYPO_KEYS: Final = -1  # (a filter made by the compiled hash; no str hash is -1)
TypoFilter: TypeAlias = Callable[[Iterable[Iterable[str]]], bytes]
TypoCandidates: TypeAlias = Callable[[str, "bytes | None", dict[str, float], dict[str, list[str]], bool], set[str]]


def _compiled_typo_look_up() -> tuple[TypoFilter, TypoCandidates] | None:
    """The filter and the typo look-up of a cold word compiled from ``_typos.c`` where the build
    compiled them; else None, and ``NameIndex.matches`` walks the variants in Python, with the same
    candidates (the compiled filter hashes the keys its own way: see ``_typo_key_bits``)."""
    try:
        from entitylist.matching import _typos
    except ImportError:
        return None
    return _typos.typo_filter, _typos.typo_candidates


compiled_typos: tuple[TypoFilter, TypoCandidates] | None = _compiled_typo_look_up()  # (a test sets it to None)


def _may_be_key(keys: bytes | None, text: str) -> bool:
    """False when ``text`` is surely no key of the tables ``keys`` was made of (``_typo_key_filter``);
    True when it may be one, or when there is no such filter."""
    if keys is None:
        return True
    bit = hash(text) & TYPO_KEY_BITS_MASK
    return (keys[bit >> 3] >> (bit & 7)) & 1 == 1


TYPO_LENGTH_CHECKED: Final = 32  # a longer word is first checked against the longest listed word

# a word this long may be two edits from a listed word and still be alike enough to meet it
# (``token_min_similarity`` 0.74: 1 - 2/8); its typos are also looked up two deletions deep
TWO_EDITS_MIN_LENGTH: Final = 8

SOUND_OR_TYPO: Final = frozenset({"fuzzy", "phonetic"})  # matches of two spellings alike in letters or sound
PHONETIC_MIN_SPELLING: Final = 0.5  # sound-alikes must also share half their spelling ("motors" is not "madrassa")


# spellings of one sound across romanisations (Russian above all: "Yevgeny" / "Evgenii",
# "Kuznetsoff" / "Kuznetsov", "Nowikow" / "Novikov", "Fyodorov" / "Fedorov"; Indonesian "sy" for
# shin before "i", "Rosyid" / "Rashid", "Ba'asyir" / "Bashir", and at a word's start before any
# vowel, "Syarif" / "Sharif", in ``romanisation_key``: elsewhere before another vowel it is as often
# a Russian soft "s", "Kasyanov", no "Kashanov"), longest first
_ROMANISATION: Final[Rewrites] = (
    ("shch", "sc"), ("dzh", "j"), ("syi", "shi"), ("kh", "h"), ("ph", "f"), ("zh", "j"), ("ts", "c"), ("tz", "c"), ("ck", "k"),
    ("yo", "e"), ("ye", "e"), ("ie", "e"), ("yu", "u"), ("ya", "a"), ("ii", "i"), ("iy", "i"), ("ei", "i"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("eu", "u"), ("eo", "o"), ("aa", "a"), ("dh", "d"), ("gh", "g"),
    ("w", "v"), ("y", "i"), ("q", "k"),
)


_VOWELS_AFTER_SY: Final = frozenset("aeiou")  # (and "" is not among them: ``key[2:3]`` of "sy" alone)
# the keys of the words seen: asked for again and again (twice for every pair of words compared)
WORD_KEYS_KEPT: Final = 200_000
LOOKUPS_KEPT: Final = 250_000  # query units whose look-ups an index keeps, of each kind
PAIRS_KEPT: Final = 1_000_000  # pairs of words whose comparisons an index keeps, of each kind
_ROMANISATION_KEYS: Final[Memo[str, str]] = Memo(WORD_KEYS_KEPT)
_PHONETIC_KEYS: Final[Memo[str, str]] = Memo(WORD_KEYS_KEPT)


def other_korean_syllables(one: str, other: str) -> bool:
    """Two Korean syllables the romanisations write apart ("jang", 장 / "jong", 정; "kang" /
    "kong"): two syllables however alike they sound, for a syllable's vowel is half of it and a
    phonetic key drops it. (Spellings of one syllable share a ``korean_key``: "jong" / "jung".)
    Not where one is the other with its glide left out ("Kon" / "KWON", "Hon" / "HYON"), as
    sources carelessly write a syllable."""
    if len(one) > KOREAN_MOST_LETTERS or len(other) > KOREAN_MOST_LETTERS or _glide_left_out(one, other):
        return False
    keys = korean_syllable_keys()
    one_key, other_key = korean_key(one), korean_key(other)
    if one_key == other_key or one_key not in keys or other_key not in keys:
        return False
    one_levelled, other_levelled = eo_levelled(one_key), eo_levelled(other_key)
    return one_key != other_levelled and one_levelled != other_key and one_levelled != other_levelled


def _glide_left_out(one: str, other: str) -> bool:
    """Whether one word is the other with a "w" or "y" left out ("kon" / "kwon")."""
    longer, shorter = (one, other) if len(one) > len(other) else (other, one)
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[at] in "wy" and longer[:at] + longer[at + 1:] == shorter for at in range(1, len(longer)))


def sound_alike(query: str, listed: str, code: str) -> bool:
    """Whether two words sound alike: one phonetic key (``code``, the query's), half the spelling
    shared ("motors" is no "madrassa"), a short word about as many syllables as the other (a
    phonetic key drops the vowels: "Khon" is no "KAHANE"; see ``_syllables_differ``), and not
    two Korean syllables (``other_korean_syllables``)."""
    return (
        code == phonetic_key(listed) and _spelling_similarity(query, listed, 0.0) >= PHONETIC_MIN_SPELLING
        and not (min(len(query), len(listed)) <= SHORT_SOUND_MOST_LETTERS and _syllables_differ(query, listed))
        and not other_korean_syllables(query, listed)
    )


SHORT_SOUND_MOST_LETTERS: Final = 4


_VOWEL_GROUP: Final = re.compile("[aeiouy]+")


def _syllables_differ(one: str, other: str) -> bool:
    """Whether two words written with their vowels differ by two syllables or more (runs of
    vowels); not a word of an abjad script, written without them ("hsn")."""
    ones, others = len(_VOWEL_GROUP.findall(one)), len(_VOWEL_GROUP.findall(other))
    return ones > 0 and others > 0 and abs(ones - others) > 1


def romanisation_key(text: str) -> str:
    """A word with the usual romanisation differences levelled ("kuznetsoff" -> "kuznecov")."""
    known = _ROMANISATION_KEYS.get(text)
    if known is not None:
        return known
    key = text[1:] if text.startswith("ye") else text
    if key.startswith("sy") and key[2:3] in _VOWELS_AFTER_SY:  # (Indonesian shin: see ``_ROMANISATION``)
        key = "sh" + key[2:]
    if key.endswith("ff"):
        key = key[:-2] + "v"
    # then doubled letters written once ("Moussa" / "Musa", "Shabbir" / "Shabir")
    return _ROMANISATION_KEYS.keep(text, rewritten(key, _ROMANISATION, True))


def _metaphone_core() -> Callable[[str], str]:
    """rigour's compiled ``metaphone``, which its public function wraps in an ``lru_cache`` of
    its own: ``phonetic_key`` keeps a memo in front of it, so the public function met only words
    the memo had not, each a miss of that cache too and a call through the interpreter (about
    3,000 instructions a cold word). The public function where this rigour has no such function
    (``tests/test_memo.py`` checks both give the same codes)."""
    try:
        from rigour._core import metaphone as core
    except ImportError:  # pragma: no cover - another build of rigour
        return metaphone
    return core


_METAPHONE: Final = _metaphone_core()


def phonetic_key(text: str) -> str:
    """Metaphone code of a token (rigour's), or '' when too short to mean anything."""
    if len(text) < 4 or not letters_only(text):
        return ""
    known = _PHONETIC_KEYS.get(text)
    if known is not None:
        return known
    code = _METAPHONE(text)
    return _PHONETIC_KEYS.keep(text, code if len(code) >= 3 else "")


STEM_MIN_LENGTH: Final = 7  # a shared beginning this long ...
STEM_MIN_SHARE: Final = 0.75  # ... and this share of the shorter word


def shared_stem(one: str, other: str) -> bool:
    """Whether two long words are one stem with other endings, as languages inflect and derive
    names ("Krasnodarskiy" / "Krasnodar", "Palestinische" / "Palestinian"); never a patronymic and
    the given name it is made from ("Vladimirovich" / "Vladimir")."""
    if len(one) < STEM_MIN_LENGTH or len(other) < STEM_MIN_LENGTH or one[:STEM_MIN_LENGTH] != other[:STEM_MIN_LENGTH]:
        return False
    size = STEM_MIN_LENGTH
    limit = min(len(one), len(other))
    while size < limit and one[size] == other[size]:
        size += 1
    longer = one if len(one) > len(other) else other
    return size >= STEM_MIN_SHARE * limit and not longer.endswith(patronymic_endings())


def derived_pair(one: str, other: str) -> bool:
    """Whether two words are forms of one place or people's name ("Yalta" / "Yaltinskaya",
    "Iranian" / "Irano"): the same stem once a derivation ending (vocab/derivations.yaml) is cut.
    (Two words whose stems agree begin with the stem, which a cut leaves ``DERIVED_STEM_MIN_LENGTH``
    letters long at least: words that begin otherwise are told apart without their stems.)"""
    return (
        one != other and one[:DERIVED_STEM_MIN_LENGTH] == other[:DERIVED_STEM_MIN_LENGTH] and letters_only(one)
        and letters_only(other) and derived_stem(one) == derived_stem(other)
    )


def stem_keys(word: str) -> tuple[str, ...]:
    """The keys under which the index files a word for stem and derivation look-ups: its
    beginning of ``STEM_MIN_LENGTH`` letters and its derived stem."""
    if not letters_only(word) or len(word) < DERIVED_STEM_MIN_LENGTH:
        return ()
    derived = "d:" + derived_stem(word)
    return (derived, "s:" + word[:STEM_MIN_LENGTH]) if len(word) >= STEM_MIN_LENGTH else (derived,)


ARTICLE_RUN_MIN_LENGTH: Final = 6  # letters of a word with the article run on: two and a name of four ("Alsisi")
ARTICLE_RUN_SHARE: Final = 0.95  # of their similarity, two words met once the article is cut


def article_run_core(word: str) -> str:
    """A name word without the Arabic article run onto it ("alsisi": "sisi", "addagestani":
    "dagestani"), or "" for a word too short or a given name that only begins so ("Alfred" is no
    "Fred", "Elmira" no "Mira": names the nicknames know)."""
    if len(word) < ARTICLE_RUN_MIN_LENGTH or not runs_article_on(word) or not letters_only(word):
        return ""
    known = nicknames()
    return "" if word in known or word[2:] in known else word[2:]


Key = TypeVar("Key")
Item = TypeVar("Item")


def _words_by(words: Iterable[str], key: Callable[[str], str]) -> dict[str, list[str]]:
    """Words by a key made of each, in the order given; a word whose key is "" is left out."""
    found: dict[str, list[str]] = {}
    for word in words:
        made = key(word)
        if made:
            file_under(found, made, word)
    return found


def _theophoric_stem_key(word: str) -> str:
    """The ``romanisation_key`` of a theophoric name's first part ("nasiruddin": "nasir"), or ""
    for another word."""
    stem = theophoric_stem(word)
    return romanisation_key(stem) if stem else ""


def file_under(table: dict[Key, list[Item]], key: Key, item: Item) -> None:
    """``item`` appended to ``table[key]``, the list made when the key is new. (Compiled, a look-up
    of a ``defaultdict`` is a generic item look-up, and its missing key a call back into Python to
    make the list: ten times the cost; ``setdefault`` with a new list costs twice a look-up and a
    store. For each word of the tables ``NameIndex.warm`` makes, and each match a scored query
    inverts, ``PreparedQuery.by_listed``.)"""
    held = table.get(key)
    if held is None:
        table[key] = [item]
    else:
        held.append(item)


def runs_article_on(word: str) -> bool:
    """Whether a word may begin with the Arabic article written onto it: "al", "el", or the
    article assimilated to a sun letter ("addagestani", "asshami", "azzarqawi")."""
    return word[:2] in ("al", "el") or (word[0] in "aeu" and word[1] == word[2] and word[1] in "tdrzsn")


CONTRACTION_MIN_LENGTH: Final = 6  # shorter words are too easily spelt by chance ("Dahua" from "Dalian Huawei")
CONTRACTION_REACH: Final = 3  # a contraction's later parts begin at most this many words after its first


def contraction_keys(tokens: Sequence[str]) -> set[str]:
    """The keys under which a listed name is found by a contraction of its words: the first
    letter of a word and the first three letters of a later word, at most CONTRACTION_REACH on
    ("Colombiana de Cerdos" -> "ccer")."""
    keys: set[str] = set()
    for i, first in enumerate(tokens):
        if not letters_only(first):
            continue
        for later in tokens[i + 1:i + 1 + CONTRACTION_REACH]:
            if len(later) >= 3 and letters_only(later):
                keys.add(first[0] + later[:3])
    return keys


CONTRACTION_FIRST_PART_MAX: Final = 4  # a contraction's second part begins within its first letters


def contraction_probes(word: str) -> list[str]:
    """The contraction keys a query word may be found under: its first letter with each run of
    three letters where its second part may begin ("colcerdos" -> "colc", "cole", "ccer", "cerd")."""
    if len(word) < CONTRACTION_MIN_LENGTH or not letters_only(word):
        return []
    return [word[0] + word[k:k + 3] for k in range(1, min(len(word) - 2, CONTRACTION_FIRST_PART_MAX + 1))]


COMPOUND_SHARED_END: Final = 6  # letters two compound words share at their end ...
COMPOUND_OTHER_START: Final = 2  # ... after beginnings of at least this many letters that differ


OTHER_INITIAL_MOST_LETTERS: Final = 4
_VOWEL_LETTERS: Final = frozenset("aeiouy")


def _other_initial(one: str, other: str) -> bool:
    """Whether two words, the shorter a short one, differ in their first consonant, which no
    romanisation writes otherwise ("Hong" / "KONG", "Wang" / "YANG", "Chan" / "KHAN"; a letter
    before it, "Hong" / "THONG", "Amir" / "SAMIR"): other names, not a typo of one another; a
    short word's first letter is most of it, and sources spell it right. Not two
    vowels ("Omar" / "AMAR"), nor other romanisations' spellings of one sound: of Arabic and
    Russian (``romanisation_key``, ``arabic_readings``, ``cyrillic_readings``: "Sham" / "CHAM"),
    of a Korean syllable ("Pong" / "BONG", ``korean_key``), of Chinese in Wade-Giles ("Chao" /
    "ZHAO"), of Somali ("Cabdi" / "ABDI"); nor a first "h" left unwritten ("Abib" / "HABIB")."""
    if (len(one) > OTHER_INITIAL_MOST_LETTERS and len(other) > OTHER_INITIAL_MOST_LETTERS) or one[0] == other[0]:
        return False
    if one[0] in _VOWEL_LETTERS and other[0] in _VOWEL_LETTERS:
        return False
    if _initial_h_dropped(one, other) or _initial_h_dropped(other, one):
        return False  # ("Abib" / "HABIB", "Otel" / "HOTEL", as French and Russian write them)
    if romanisation_key(one)[:1] == romanisation_key(other)[:1] or korean_key(one)[:1] == korean_key(other)[:1]:
        return False
    if somali_as_arabic(one)[:1] == somali_as_arabic(other)[:1]:
        return False  # ("Cabdi" / "ABDI": Somali writes ayn "c")
    if any(len(reading) >= 3 for reading in arabic_readings(one) & arabic_readings(other)):
        return False  # ("Sham" / "CHAM", shin as French writes it)
    if not cyrillic_readings(one).isdisjoint(cyrillic_readings(other)):
        return False
    return one not in as_pinyin(other) and other not in as_pinyin(one)


def _initial_h_dropped(one: str, other: str) -> bool:
    """Whether ``other`` is ``one`` with an "h" before its first letter, a vowel: the "h" many
    romanisations and languages do not write ("Abib" / "HABIB", "Assan" / "HASSAN", "Otel" / "HOTEL")."""
    return other[0] == "h" and len(other) > 1 and other[1] == one[0] and one[0] in _VOWEL_LETTERS


def _other_first_part(one: str, other: str) -> bool:
    """Whether two long words of about one length are alike only by a shared second part, their
    first parts being other words ("Aviastroitelnaya" / "Sudostroitelnaya": aircraft and ship
    building; "Petrochemical" / "Agrochemical"): not a typo of one another."""
    if abs(len(one) - len(other)) > 2:
        return False
    shared = 0
    while shared < min(len(one), len(other)) and one[-1 - shared] == other[-1 - shared]:
        shared += 1
    if shared < COMPOUND_SHARED_END:
        return False
    first, second = one[: len(one) - shared], other[: len(other) - shared]
    if len(first) < COMPOUND_OTHER_START or len(second) < COMPOUND_OTHER_START:
        return False
    return _spelling_similarity(first, second, 0.0) < 0.5


def _inner_letter_added(one: str, other: str, long: int) -> bool:
    """Whether a word one letter short of ``long`` is the other, ``long`` letters, with one
    letter taken out of its inside (not its first or last letter)."""
    short, full = (one, other) if len(one) < len(other) else (other, one)
    if len(short) != long - 1 or len(full) != long or not letters_only(full):
        return False
    return any(full[:k] + full[k + 1:] == short for k in range(1, long - 1))


def plural_pair(one: str, other: str) -> bool:
    """Whether two words differ only by a plural ending ("machine" / "machines")."""
    short, long = (one, other) if len(one) < len(other) else (other, one)
    more = len(long) - len(short)  # (told without making the two plurals: most pairs are no plural)
    return ((more == 1 and long[-1] == "s") or (more == 2 and long.endswith("es"))) and long.startswith(short)


@functools.cache
def common_words() -> frozenset[str]:
    """Ordinary words many unrelated businesses and vessels are named after (common_words.yaml)."""
    raw = load_package_yaml("entitylist.vocab", "common_words.yaml")
    return frozenset(str(w) for group in raw.values() for w in group)


@functools.cache
def common_places() -> frozenset[str]:
    """The places among the common words ("Iran", "Arabian"): another form of one is the same place."""
    raw = load_package_yaml("entitylist.vocab", "common_words.yaml")
    return frozenset(str(w) for w in raw["places"])


@functools.cache
def generic_places() -> frozenset[str]:
    """The provinces, cities and regions among the generic words ("Beijing", "Europe"): added to
    a brand, they name where a company is, not another business."""
    raw = generic_words_file()
    return frozenset(str(w) for group in ("places", "regions") for w in raw[group])


@functools.cache
def optional_words() -> frozenset[str]:
    """Words of government bodies' official names that names people write leave out (optional_words.yaml)."""
    raw = load_package_yaml("entitylist.vocab", "optional_words.yaml")
    return frozenset(str(w) for group in raw.values() for w in group)


@functools.cache
def administrative_words() -> frozenset[str]:
    """The optional words that say which government a body belongs to ("Municipal", "People's
    Government"), not what kind of organisation it is ("Company")."""
    return frozenset(str(w) for w in load_package_yaml("entitylist.vocab", "optional_words.yaml")["administrative"])


# consonants that romanisations of Arabic, Persian and Hebrew write differently, levelled on the
# consonant skeletons of both sides: Hebrew tsadi as "tz" or "ts" ("Yitzhak", "Peretz"), French "dj" and "ch" ("Djamel", "Akkacha"), Egyptian "g" for
# jim ("Gamal"), "k" for a Latin "q", "dh" and "d" ("Riyadh", "Riyad"), "s" for tha ("Usman");
# in this order (digraphs before their letters). Dad, dhal and za, which romanisations write "d",
# "dh" or "z" ("Ramadan", "Faiz", "Mazloom"), are transliterated "dh" and, like qaf, read every
# way they are written (see ``_READINGS``)
_ABJAD_LEVELS: Final[Rewrites] = (
    ("tz", "ts"), ("dj", "j"), ("ch", "sh"), ("gh", "g"), ("j", "g"), ("q", "k"), ("dh", "d"), ("th", "s"), ("ph", "f"),
)
_ABJAD_LEVELS_THEN_K: Final[Rewrites] = (*_ABJAD_LEVELS, ("c", "k"))  # (a "c" the levels leave is a "k": ``_levelled``)
# letters the romanisations write in more than one way, read each way (at most _READ_MOST of
# each in one word): dad, dhal and za (transliterated "dh"), and qaf, a "k" or, in the Maghreb,
# Libya and the Gulf, a "g" ("بلقاسم" / "Belgacem", "القذافي" / "Gaddafi")
_READINGS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (("dh", ("d", "z")), ("q", ("k", "g")))  # (see Rewrites)
_READ_MOST: Final = 3
# ... and in a word of an abjad script only: a "v", which only Hebrew's bet after a word's first
# letter is read as (``normalize._hebrew_read``; Arabic script writes no "v"), is as often a "b",
# which a dagesh the script leaves unwritten makes it ("רבין" / "Rabin", "יעקב" / "Jacob")
_ABJAD_READINGS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (*_READINGS, ("v", ("v", "b")))
_VOWELS: Final = SKELETON_DROPS  # (the letters ``skeleton`` drops: see ``letters_dropped``)
_SOFT_C: Final = re.compile(r"c(?=[eiy])")  # "Lounici": c before e, i, y is an s; any other c a k
_HARD_C: Final = re.compile(r"c(?=[aou])")  # ... and a "k" before the vowels that dropping them would run onto an "h" ("Cohen")


def _soft_c_read(word: str) -> str:
    """A word with each "c" before e, i or y written "s" (``_SOFT_C``); the pattern is not run
    over a word without a "c" (most of them, and every consonant skeleton ``abjad_key`` is given)."""
    return _SOFT_C.sub("s", word) if "c" in word else word


def abjad_key(word: str) -> str:
    """A word's consonant skeleton with the romanisation differences of Arabic and Persian
    letters levelled (see ``_ABJAD_LEVELS``): what a Latin word and a word in an abjad script
    (Arabic, Hebrew) transliterated share when they write one name."""
    if "c" in word:
        word = _HARD_C.sub("k", _soft_c_read(word).replace("ck", "k"))
    return _levelled(letters_dropped(word, _VOWELS))


def _levelled(shape: str) -> str:
    """``abjad_key`` of a word's consonants: ``_ABJAD_LEVELS`` applied, then each doubled letter
    written once."""
    # (levelled before doubled letters are written once: "mdhhr" of "مظهری" is "mzhr", as "Mazhari";
    # and a "c" left by the levels is a "k")
    return rewritten(shape, _ABJAD_LEVELS_THEN_K, True)


# "Abd" with the article of the name after it, as Latin names write it onto the "Abd" ("Abdul
# Rahman", "Abdur Rehman", "Abdel Kader"; "عبد الرحمن": the article stays with "Rahman")
_ABD_ARTICLE: Final = re.compile(r"abd(?:[aeiou](?:l|r|s|n|z|t|d|sh))")


def latin_abjad_keys(listed: str) -> tuple[str, ...]:
    """The levelled skeletons (``abjad_key``) a Latin word may meet a word of an abjad script
    by: its own, that of "Abd" for "Abd" with an article run on ("Abdul", "Abdur"), with a "th"
    read "t", as English writes Hebrew's tav ("Jonathan", "Nathan", "Ruth"; levelled, "th" is
    tha, read "s" as Persian and Urdu say it: "Usman"), and with a "ch" or "kh" read "x", as a
    Hebrew het read so writes it (``normalize.het_read``: "Chaim", "Khaim", "Menachem"; levelled,
    "ch" is shin, as French writes it, "Chahed", and "kh" kha)."""
    key = abjad_key(listed)
    if _ABD_ARTICLE.fullmatch(listed):
        return (key, abjad_key("abd"))
    if "th" not in listed and "ch" not in listed and "kh" not in listed:
        return (key,)  # (most words)
    keys = [key]
    if "th" in listed:
        keys.append(abjad_key(listed.replace("th", "t")))
    if "ch" in listed or "kh" in listed:
        het = abjad_key(listed.replace("ch", "x").replace("kh", "x"))
        if len(het) >= 2 and het not in keys:  # (a word of one consonant, "Chu", is no name's het: "חי")
            keys.append(het)
    return tuple(keys)


# letters that an "h" after makes one sound ("dh", "sh", "th"); not "k": "kh" is as often kaf and
# the feminine ending ("حركة", "شركة") as it is kha
_DIGRAPH_FIRSTS: Final = frozenset("dgstz")


def abjad_skeletons(word: str, listed: str | None = None) -> tuple[str, ...]:
    """The levelled consonant skeletons (``abjad_key``) a word written in an abjad script may
    have in Latin letters: its own; without a final "h" when that is a feminine ending (ta
    marbuta, "أسامة" -> "'smh", romanised "Usama", "Fatima"), which only a Latin word ending in a
    vowel leaves out (``listed``, when given, is that word), or read "t" before another noun
    ("حركة" / "Harakat"), as a Latin word ending in "t" writes it; and without the article written onto
    it ("الحمزي" -> "lhmzy", romanised "al-Hamzi" or "Hamzi"), which Latin names write apart."""
    raw = letters_dropped(word, _VOWELS)  # (one consonant only meets a word of three letters: "علي" / "Ali")
    size = len(written_once(raw))  # ("الله" -> "llh": two consonants, neither ending nor article)
    # waw is a vowel ("u", "o") or, as Persian names are romanised, a "v" ("وحید": "Vahid")
    shapes = [raw, letters_dropped(word.replace("w", "v"), _VOWELS)] if "w" in word else [raw]
    if word.startswith("y") and (listed is None or listed.startswith("j")):
        # a first yod or ya that English writes "j", as it writes Hebrew names and the Balkans
        # Arabic ones ("יוסף" / "Joseph", "יעקב" / "Jacob", "يوسف" / "Jusuf"): against a Latin
        # word that begins so only, since the levels read "j" as Egyptian "g" ("ياسين" is no
        # "Ghassan"); a look-up by the shapes alone (``listed`` None) is checked word by word after
        shapes.extend([letters_dropped("j" + word[1:], _VOWELS)])
    if size >= 3 and raw.endswith("h"):
        written = list(shapes)
        # (Hebrew's final he too: "a", "e" or "o", "שלמה" / "Shlomo")
        if listed is None or listed[-1:] in ("a", "e", "o"):
            shapes.extend(shape[:-1] for shape in written)
        if (listed is None or listed[-1:] == "t") and raw[-2:-1] not in _DIGRAPH_FIRSTS:
            # the ending read in a construct ("حركة" / "Harakat al-..."); not the "h" of a digraph ("فيض": "fydh")
            shapes.extend(shape[:-1] + "t" for shape in written)
    if word.startswith("l") and size >= 3:
        shapes.extend([shape[1:] for shape in shapes])
    # a compound written as one word with the article of its second part inside it ("نورالدين",
    # "nwrldyn"): Latin names assimilate it ("Nuruddin") or write it apart and drop it ("Nur
    # al-Din"), so the "l" is left out too
    inner = [(shape, _inner_article(shape)) for shape in shapes]
    shapes.extend([shape[:at] + shape[at + 1:] for shape, at in inner if at > 0])
    shapes = _read_every_way(shapes, raw, _ABJAD_READINGS)  # "فيض" -> "fydh": "Faiz"; "رمضان": "Ramadan"; "قاسمي": "Gasmi"
    return tuple(dict.fromkeys(abjad_key(shape) for shape in shapes))


# the letters that begin the transliteration of a sun letter, which the article before it
# assimilates ("ad-Din", "as-Salam", "ar-Rahman", "an-Nur", "at-Tawhid", "az-Zaman")
_SUN_LETTERS: Final = frozenset("tdrzsn")
_DIGRAPH_FIRSTS_H: Final = _DIGRAPH_FIRSTS | {"k"}  # letters an "h" after makes one sound with: "kh" too, in a count of sounds
_INNER_ARTICLE_BEFORE: Final = 2  # consonants of the compound's first part, at least ("nr" of "nrldn")
_INNER_ARTICLE_AFTER: Final = 2  # ... and of its second part ("dn")


def _inner_article(shape: str) -> int:
    """Where the "l" of the article of a compound's second part stands in the consonants of a
    word of an abjad script written as one ("nrldn" of "نورالدين": 2; "jmlldn" of "جمالالدين": 3,
    the second "l"), before a sun letter and with two consonants or more on either side; 0 for a
    word with none (a radical "l" stands nearer the start or the end: "sltn", "khldn", "khld")."""
    at = shape.find("l", _INNER_ARTICLE_BEFORE)
    while at != -1:
        if (
            shape[at + 1:at + 2] in _SUN_LETTERS and _sounds(shape[at + 1:]) >= _INNER_ARTICLE_AFTER
            and _sounds(shape[:at]) >= _INNER_ARTICLE_BEFORE
        ):
            return at
        at = shape.find("l", at + 1)
    return 0


def _sounds(letters: str) -> int:
    """Consonants, a digraph ("kh", "sh", "dh") one: "khldn" of "خلدون" (Khaldun) has one
    before its "l", a radical one."""
    return len(letters) - sum(1 for at in range(1, len(letters)) if letters[at] == "h" and letters[at - 1] in _DIGRAPH_FIRSTS_H)


def _read_every_way(
    shapes: list[str], raw: str, readings: tuple[tuple[str, tuple[str, ...]], ...] = _READINGS,
) -> list[str]:
    """``shapes`` with each letter of ``readings`` that ``raw`` (their consonants) holds read
    every way it is written."""
    for written, sounds in readings:
        if written in raw:
            shapes = [variant for shape in shapes for variant in _read_as(shape, written, sounds)]
    return shapes


def _read_as(shape: str, written: str, sounds: tuple[str, ...]) -> list[str]:
    """A skeleton with each ``written`` (see ``_READINGS``) read as each of ``sounds``."""
    parts = shape.split(written)
    if len(parts) - 1 > _READ_MOST:
        return [shape]
    readings = [parts[0]]
    for part in parts[1:]:
        readings = [reading + sound + part for reading in readings for sound in sounds]
    return readings


_ARABIC_READINGS: Final[Memo[str, frozenset[str]]] = Memo(100_000)


def arabic_readings(word: str) -> frozenset[str]:
    """The levelled skeletons (``abjad_key``) a Latin word may stand for as a romanisation of an
    Arabic name: each "dh" read as "d" or "z" and each "q" as "k" or "g", as other romanisations
    write those letters ("Qadhafi" / "Gaddafi", "Dhawahri" / "Zawahiri"). A first "y" or "w"
    before a vowel is the consonant ya or waw, not a long vowel, and stays ("Yasmin" is no
    "SAMMAN", "Walid" no "LID")."""
    known = _ARABIC_READINGS.get(word)
    if known is not None:
        return known
    spelt = _soft_c_read(word).replace("ck", "k")
    lead = spelt[0] if spelt[:1] in ("y", "w") and spelt[1:2] in ("a", "e", "i", "o", "u") else ""
    raw = lead + letters_dropped(spelt[len(lead):], _VOWELS)
    # (each shape is ``abjad_key`` of itself but for the soft "c" and the vowels, which ``raw`` has
    # none of left: only a "ck" that dropping the vowels brought together is still to be read)
    readings = frozenset(_levelled(shape.replace("ck", "k")) for shape in _read_every_way([raw], raw))
    return _ARABIC_READINGS.keep(word, readings)


_SOMALI_AYN: Final = re.compile(r"c(?![hk])")  # Somali "c" is the Arabic ayn ("Cabdi", "Cali"); "ch" and "ck" are not Somali


def somali_as_arabic(word: str) -> str:
    """A name word in Somali spelling as other romanisations of its Arabic write it: "x" is ha
    ("Xasan": "Hasan", "Maxamed": "Mahamed") and "c" is ayn, which they leave out ("Cabdi":
    "Abdi"); the word unchanged when it has neither."""
    if "x" not in word and "c" not in word:
        return word
    return _SOMALI_AYN.sub("", word.replace("x", "h"))


PERSON_SKELETON_MIN_LENGTH: Final = 5
PERSON_SKELETON_MIN_SPELLING: Final = 0.6  # "Muhammad" and "Mahmud" share their consonants, not their spelling


IBERIAN_PARTICLES: Final = frozenset(["de", "del", "da", "do", "dos", "das"])


def after_iberian_particle(name: NormalizedName) -> tuple[int, ...]:
    """Token positions right after a Spanish or Portuguese "de" ("de Toledo", "de Leon", "del
    Rosario"): a second surname or a married woman's husband's, which sources write or leave out
    ("ARELLANO FELIX DE TOLEDO, Enedina" / "ARELLANO FELIX, Enedina"). Found by walking the
    name's words as written beside its tokens; none where the two do not line up."""
    if not name.particles or not any(particle in IBERIAN_PARTICLES for particle in name.particles):
        return ()  # (most names: no particle, asked without making a set)
    words = name.text.split()
    dropped = stopwords()
    found: list[int] = []
    position = 0
    after = False
    for word in words:
        if word in dropped and (position >= len(name.tokens) or name.tokens[position] != word):
            after = after or word in IBERIAN_PARTICLES
            continue
        if position < len(name.tokens) and after:
            found.append(position)
        position += 1
        after = False
    return tuple(found) if position == len(name.tokens) else ()


SON_OF: Final = frozenset(["bin", "ben", "ibn"])  # one patronymic link as romanisations write it


def _one_begins_other(one: str, other: str) -> bool:
    return one.startswith(other) or other.startswith(one)


def romanised_skeletons_agree(query: str, listed: str) -> bool:
    """Two spellings of one person's name word as romanisations of Arabic and Persian write it:
    the same consonants once the usual romanisation differences are levelled and the vowels
    dropped ("Sugayer" / "Sughayr"), the same first letter, or the same consonants as the
    romanisations of Arabic letters write them (``arabic_readings``: "Qadhafi" / "Gaddafi"), and
    most of the spelling shared; or so once Somali spelling is read (``somali_as_arabic``:
    "Xasan" / "Hassan", "Cabdilaahi" / "Abdullahi"), a first "c" read as the ayn only against a
    word the other romanisations begin with its vowel (``_ayn_first_unmet``)."""
    if latin_skeletons_agree(query, listed):
        return True
    somali_query, somali_listed = somali_as_arabic(query), somali_as_arabic(listed)
    if somali_query == query and somali_listed == listed:
        return False
    return not (_ayn_first_unmet(query, listed) or _ayn_first_unmet(listed, query)) and latin_skeletons_agree(
        somali_query, somali_listed,
    )


def _ayn_first_unmet(word: str, other: str) -> bool:
    """Whether a word begins with a Somali "c", the ayn that the other romanisations of Arabic
    write as the vowel after it ("Cabdi" / "Abdi", "Cumar" / "Umar", "Ciise" / "Isa"), and the other
    word begins with a consonant: a Western name's "c" then is no ayn ("Carmen" is no "Ramon",
    "Carlos" no "Rashid")."""
    return word[:1] == "c" and word[1:2] not in ("h", "k") and other[:1] not in _AYN_COUNTERPARTS


_AYN_COUNTERPARTS: Final = frozenset("aeiouc")  # (a vowel, or the Somali "c" itself: "Cabdi" / "Cabdulahi")


def latin_skeletons_agree(query: str, listed: str) -> bool:
    """``romanised_skeletons_agree`` of two Latin spellings as they are written (no Somali
    reading: an organisation's "Cabrasa" is no "Abrasa")."""
    if len(query) < PERSON_SKELETON_MIN_LENGTH or len(listed) < PERSON_SKELETON_MIN_LENGTH:
        return False
    if not letters_only(query) or not letters_only(listed):
        return False
    # levelled first: "q" and "k" write one Arabic letter ("Kobeissi" / "Qubaysi"); most pairs
    # compared share too little of their spelling, told first (each test here only says no)
    query_key, listed_key = romanisation_key(query), romanisation_key(listed)
    if not query_key or not listed_key:
        return False
    if _spelling_similarity(query_key, listed_key, 0.0) < PERSON_SKELETON_MIN_SPELLING:
        return False
    if two_names(query, listed) or given_name_genders(query, listed):
        return False
    syllables = pinyin_syllables()
    if query in syllables and listed in syllables:
        return False  # two Chinese syllables ("Jiang" / "ZHANG"), not romanisations of Arabic
    shape = skeleton(query_key)
    if query_key[0] == listed_key[0] and len(shape) >= 3 and shape == skeleton(listed_key):
        return True
    return any(len(reading) >= 3 for reading in arabic_readings(query) & arabic_readings(listed))


def person_skeleton_keys(word: str) -> tuple[str, ...]:
    """The keys under which the index files a listed person's word, and looks a query word up,
    for ``romanised_skeletons_agree``: the first letter and consonants of its levelled
    romanisation, and each reading of its letters as a romanisation of Arabic (``arabic_readings``),
    for the word as written and read as Somali spelling. Two words that agree share a key."""
    if len(word) < PERSON_SKELETON_MIN_LENGTH or not letters_only(word):
        return ()
    keys: list[str] = []  # (each once, in the order found: a word has a handful)
    somali = somali_as_arabic(word)
    for spelling in [word] if somali == word else [word, somali]:
        key = romanisation_key(spelling)
        shape = skeleton(key) if key else ""
        if len(shape) >= 3:
            found = "s:" + key[0] + shape
            if found not in keys:
                keys.append(found)
        for reading in arabic_readings(spelling):
            if len(reading) >= 3:
                found = "r:" + reading
                if found not in keys:
                    keys.append(found)
    return tuple(keys)


# the differences between the ways one Burmese syllable is spelt in English: "oe" and "o" for one
# vowel ("Soe", "Myo"), "ay" and "e" for another ("Htay", "Ne"; "Aye", "e"), "uu", "oo" and "u" ("Suu",
# "Htoo", "U"), "hs" and "s" for "ဆ" ("Hsu", "San"), and "Tun" for "ထွန်း", "Htun", as names write
# it. (Not an aspirate and the plain consonant: "ထင်", Htin, and "တင်", Tin, are two names; nor
# voicing: "Zaw" and "Saw".)
_BURMESE_LEVELS: Final[Rewrites] = (
    ("htun", "tun"), ("hs", "s"), ("oe", "o"), ("aye", "e"), ("ay", "e"), ("uu", "u"), ("oo", "u"),
)
BURMESE_MOST_LETTERS: Final = 6  # longer words are no Burmese syllable ("hlaing", "myaung")


def burmese_key(syllable: str) -> str:
    """A Burmese syllable as English spellings write it, their differences levelled ("Htay" and
    "Hte": "hte"; "Soe" and "So": "so")."""
    return rewritten(syllable, _BURMESE_LEVELS)


CYRILLIC_MIN_LENGTH: Final = 4  # words and readings shorter than this are not compared so
CYRILLIC_MOST_READINGS: Final = 64  # readings of one word, at most (a spelling read more ways is left as written beyond)


_CYRILLIC_READINGS: Final[Memo[str, frozenset[str]]] = Memo(100_000)


def cyrillic_readings(word: str) -> frozenset[str]:
    """The spellings a Latin word may level to as a romanisation of a Russian, Ukrainian or
    Belarusian name, each system's way of writing a sound read into one (see
    ``vocab/cyrillic_romanisations.yaml``): "Chouvalov", "Schuwalow" and "Shuvalov" share
    "shuvalov"; "Jewgeni" and "Yevgeny" share "evgeni"."""
    if len(word) < CYRILLIC_MIN_LENGTH or not letters_only(word):
        return frozenset()
    known = _CYRILLIC_READINGS.get(word)
    if known is not None:
        return known
    return _CYRILLIC_READINGS.keep(word, _cyrillic_readings(word))


def _cyrillic_readings(word: str) -> frozenset[str]:
    """``cyrillic_readings``, worked out."""
    spellings, ambiguous, levels = cyrillic_romanisations()
    shape = _rewritten(word, spellings)
    readings = [shape]
    for pattern, sounds, letters, needs in ambiguous:
        if len(readings) * len(sounds) > CYRILLIC_MOST_READINGS:
            continue
        if letters not in shape if letters else (needs and needs not in shape) or not pattern.search(shape):
            continue
        readings = [variant for reading in readings for variant in _each_reading(pattern, reading, sounds)]
    out = set()
    for reading in readings:
        reading = _rewritten(reading, levels)
        if len(reading) >= CYRILLIC_MIN_LENGTH:
            out.add(reading)
    return frozenset(out)


def _rewritten(word: str, rewrites: tuple[tuple[re.Pattern[str], str, str, str], ...]) -> str:
    """``word`` with each rewrite applied in turn: plain letters replaced where they occur, a
    pattern substituted where the letters it needs occur or, needing none, where it matches (a
    search costs a quarter of a substitution that finds nothing), doubled letters written once
    without it (``vocabulary.WRITTEN_ONCE``: most words have none, and a substitution that finds
    them calls back into Python for its template)."""
    for pattern, into, letters, needs in rewrites:
        if letters:
            if letters in word:
                word = word.replace(letters, into)
        elif needs == WRITTEN_ONCE:
            word = written_once(word)
        elif needs in word if needs else pattern.search(word) is not None:
            word = pattern.sub(into, word)
    return word


def _each_reading(pattern: re.Pattern[str], shape: str, sounds: tuple[str, ...]) -> list[str]:
    """``shape`` with each place ``pattern`` finds read as each of ``sounds`` (at most two places; more are left as written)."""
    places = [match.span() for match in pattern.finditer(shape)]
    if len(places) > 2:
        return [shape]
    readings = [""]
    last = 0
    for start, end in places:
        readings = [reading + shape[last:start] + sound for reading in readings for sound in sounds]
        last = end
    return [reading + shape[last:] for reading in readings]


def cyrillic_spellings_agree(query: str, listed: str) -> bool:
    """Whether two Latin words may write one Russian, Ukrainian or Belarusian name in two
    romanisations (``cyrillic_readings`` in common); never two romanised Chinese syllable words,
    whose spellings are the syllables themselves ("Jiang" is not "Zhang")."""
    if query == listed or cyrillic_readings(query).isdisjoint(cyrillic_readings(listed)):
        return False
    return not (is_pinyin(query) and is_pinyin(listed))


def cyrillic_spellings_agree_at(reading: str, query: str, listed: str) -> bool:
    """``cyrillic_spellings_agree`` of a query word and a listed word filed under ``reading``, one
    of the query word's readings: a reading they share, told without comparing all their readings
    (which only a table made otherwise would need)."""
    if reading not in cyrillic_readings(listed):
        return cyrillic_spellings_agree(query, listed)
    return query != listed and not (is_pinyin(query) and is_pinyin(listed))


def abjad_run_skeletons(words: Sequence[str], listed: str | None) -> set[str]:
    """The levelled skeletons of neighbouring words in an abjad script written as one (each with
    its article variants, see ``abjad_skeletons``; the feminine ending left out of the last word
    only, as the ``listed`` word ends, or either way when None: inside, a compound writes it
    "-at" or "-ah", "هبة الله" / "Hibatullah")."""
    each = [abjad_skeletons(word, listed if at == len(words) - 1 else "") for at, word in enumerate(words)]
    if math.prod(len(variants) for variants in each) > ABJAD_RUN_MOST:
        return set()  # words of many ambiguous letters: too many readings to try together
    shapes = {""}
    for variants in each:
        shapes = {shape + variant for shape in shapes for variant in variants}
    return {abjad_key(shape) for shape in shapes}


ABJAD_RUN_MIN_LENGTH: Final = 6  # a Latin word that may write several words of an abjad script
ABJAD_RUN_MOST: Final = 256  # readings of a run of words tried together, at most


def acronym_initials(normalized: NormalizedName) -> str:
    """The first letters of a name's words, which an acronym of it spells; none for a name whose
    transliterated words were put into English, which is abbreviated as written (its
    ``written_initials``), never by its translation ("SARI" is not "Jamiat Ayat-ur-Rhas al
    Islamia" read as "Society ... Islamic")."""
    return "" if normalized.written_initials else initials_of(normalized.tokens)


def initials_with_small_words(normalized: NormalizedName) -> str:
    """The first letters of every word of a name, the small words normalising drops too, when it
    drops some: an acronym may count the article ("AIAI" / "al-Itihaad al-Islamiya")."""
    text = normalized.text
    if text.count(" ") + 1 == len(normalized.tokens):  # (no word dropped: most names, told without splitting)
        return ""
    words = text.split()
    if len(words) == len(normalized.tokens) or not ACRONYM_MIN_WORDS <= len(words) <= ACRONYM_MAX_WORDS:
        return ""
    return initials_of(words)


def lone_digit(token: str) -> bool:
    """Whether a name's word is a lone digit ("First", "One", "No. 1" and "1st" are all "1"): it
    keeps its weight on the list, where numbers are rare (a vessel's "KANG SONG 1", whose number
    tells it from its sister ships, and two names whose numbers differ differ: ``number_differs``),
    but it is no distinctive word: a name met on it and generic words alone is discounted as one
    met on generic words is ("First Trading" / "FIRST FURAT TRADING LLC"), by the scorer and by
    candidate search's bounds alike."""
    return len(token) == 1 and token.isdigit()


def weighs_as_generic(text: str, generic: frozenset[str]) -> bool:
    """Whether a word's weight is capped at the generic weight: a generic word, or a lone letter
    ("M/S", "Ana I"), which says little whatever the list."""
    return text in generic or (len(text) == 1 and letters_only(text))


def skeletons_agree(word: str, listed: str) -> bool:
    """Whether a word in an abjad script and a Latin word have one consonant skeleton (see
    abjad_skeletons); a skeleton of one consonant only for a word of three letters ("علي" / "Ali"),
    and otherwise the letters besides the short vowels (see ``_semivowels_agree``)."""
    shapes = abjad_skeletons(word, listed)
    if any((len(shape) >= 2 or len(listed) == 3) and shape in shapes for shape in latin_abjad_keys(listed) if shape):
        return True
    # (and without the article written onto it, as Latin names write it apart: "الراوي", "lrwy", /
    # "al-Rawi", "العزاوي" / "al-Azzawi", where the rest is too short for ``abjad_skeletons`` to cut it)
    return _semivowels_agree(word, listed) or (word.startswith("l") and len(word) > 3 and _semivowels_agree(word[1:], listed))


_SHORT_VOWELS: Final = b"aeiou"
_SEMIVOWELS_MOST: Final = 3  # "w" and "y" of one word each read both ways, at most


def _semivowels_agree(word: str, listed: str) -> bool:
    """Short names of one consonant besides "w" and "y" ("يحيى" / "Yahia", "ايوب" / "Ayyub",
    "آغا" / "Agha"): their letters but the short vowels alike, each "w" or "y" of the abjad word
    read as a consonant or as the long vowel it also writes (and so left out), a final "y" too
    ("Yahia" for "yhya"). Only where the consonant skeletons are too short to compare."""
    if len(abjad_key(listed)) >= 2 or not letters_only(listed):
        return False
    latin = letters_dropped(listed, _SHORT_VOWELS, once=True)
    if len(latin) < 2:
        return False
    letters = letters_dropped(word, _SHORT_VOWELS)
    if sum(letters.count(c) for c in "wy") > _SEMIVOWELS_MOST:
        return False
    readings = {""}
    for letter in letters:
        readings = {r + letter for r in readings} | ({r for r in readings} if letter in "wy" else set())
    return latin in {written_once(reading) for reading in readings}


def optional_positions(tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The words of a name that a query may leave out at little cost: the words official names
    of government bodies carry (optional_words.yaml: "Municipal", "People's Government"), and a
    short form written beside the words it abbreviates ("XUAR" after "Xinjiang Uyghur Autonomous
    Region")."""
    optional = optional_words()
    if len(tokens) < 3 and not any(token in optional for token in tokens):
        return ()
    initials = initials_of(tokens)
    found = []
    for p, token in enumerate(tokens):
        if token in optional:
            found.append(p)
        elif 2 <= len(token) <= 6 and letters_only(token) and len(tokens) > len(token):
            at = initials.find(token)
            if at >= 0 and not at <= p < at + len(token):
                found.append(p)
    return tuple(found)


_BRACKETED: Final = re.compile(r"[(（]([^()（）]*)[)）]")


def bracketed_positions(name: str, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The words an organisation's name writes in brackets after its first word: the seat of a
    subsidiary or branch ("Hoshine Silicon Industry (Shanshan)", "LIMMT (Dalian) Metallurgy"),
    a short form, a country ("Housing Bank (of Iran)"). The name is whole without them, and names
    people write often leave them out; a bracket that holds the whole name is no such part."""
    if "(" not in name and "（" not in name:
        return ()
    found: list[int] = []
    for match in _BRACKETED.finditer(name):
        inner = normalize_name(match.group(1)).tokens
        if not inner or match.start() == 0:
            continue
        size = len(inner)
        for at in range(1, len(tokens) - size + 1):
            if tokens[at:at + size] == inner:
                found.extend(p for p in range(at, at + size) if p not in found)
                break
    return tuple(found) if len(found) < len(tokens) else ()


MIDDLE_NAMES_MIN_WORDS: Final = 4


def _optional_or_after_de(entry: IndexedName, person_records: frozenset[int]) -> set[int]:
    """An entry's optional words, and a listed person's words after "de" (``after_iberian_particle``)."""
    positions = set(entry.optional)
    if entry.record in person_records:
        positions.update(after_iberian_particle(entry.normalized))
    return positions


def middle_name_positions(name: str, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """A listed person's middle names, which a query may leave out at little cost as people and
    other lists write the name ("Anwar al-Aulaqi" for "Anwar Nasser Abdulla al-Aulaqi", the
    father's and grandfather's names of an Arabic name): the words between the first given name
    and the family name, in names of four words or more (of three, the middle word is as often
    part of the given name: "KIM Jong Un"), and a Slavic patronymic in a name of three words
    ("CHAYKA, Yuriy Yakovlevich" for "Yuriy Chayka"). Written "FAMILY, Given Middle", the words
    after the first given name; otherwise every word but the first and the last."""
    if len(tokens) < MIDDLE_NAMES_MIN_WORDS - 1:
        return ()
    # (the comma found, not partitioned; the positions walked by a loop over a range, which
    # compiled code runs natively, where a range object and a generator are each made and called)
    comma = name.find(",")
    if comma >= 0:
        first_given = len(normalize_name(name[:comma], True).tokens)
        if not 0 < first_given < len(tokens) - 1:
            return ()
        start, stop = first_given + 1, len(tokens)
    else:
        start, stop = 1, len(tokens) - 1
    if len(tokens) >= MIDDLE_NAMES_MIN_WORDS:
        return tuple([p for p in range(start, stop)])
    endings = patronymic_endings()
    return tuple([p for p in range(start, stop) if len(tokens[p]) > 6 and tokens[p].endswith(endings)])


def _share_ids(postings: dict[str, list[int]], size: int) -> None:
    """Posting lists made to hold one shared object per entry id, made in one run: walking a
    list touches each id, and the ids the compiled core boxes one by one as it appends them lie
    among the index's other objects, a cache miss each (and, in a forked worker, a page copied
    at each first touch). The values are unchanged."""
    ids = list(range(size))
    shared = ids.__getitem__
    for text, entry_ids in postings.items():
        postings[text] = list(map(shared, entry_ids))


class IndexStatistics:
    """What an index knows of the whole list, beyond the entries it holds: how many names, what
    each unit weighs (and at most weighs in any name), and the typo and sound-alike look-ups.

    An index built over a few of the list's names with the whole list's statistics scores and
    finds those names exactly as the whole index does (see :mod:`entitylist.screen_snapshot`).
    Plain dicts and lists, so they are kept on disk with ``marshal``.
    """

    def __init__(
        self, size: int, unit_weight: dict[str, float], unit_bound: dict[str, float],
        deletes: dict[str, list[str]], phonetic: dict[str, list[str]], stems: dict[str, list[str]],
        cyrillic: dict[str, list[str]], people: list[str], person_skeletons: dict[str, list[str]],
        romanised: dict[str, list[str]],
    ) -> None:
        self.size: Final = size
        self.unit_weight: Final = unit_weight
        self.unit_bound: Final = unit_bound
        self.deletes: Final = deletes
        self.phonetic: Final = phonetic
        self.stems: Final = stems  # stem key -> listed words (see stem_keys)
        self.cyrillic: Final = cyrillic  # reading -> people's listed name words (see cyrillic_readings)
        self.people: Final = people  # the words of listed people's names, sorted
        self.person_skeletons: Final = person_skeletons  # key -> people's words (see person_skeleton_keys)
        self.romanised: Final = romanised  # romanisation key -> listed words (see romanisation_key)


class NameIndex:
    """Listed names, their units' weights and postings, and the deletion index for typos."""

    def __init__(
        self, names: Iterable[tuple[int, str, str]], weights: Weights | None = None,
        person_records: frozenset[int] = frozenset(), statistics: IndexStatistics | None = None,
        prepared: dict[tuple[str, bool], NormalizedName] | None = None,
    ) -> None:
        """``names``: (record number, name, kind) for every listed name and alias;
        ``person_records``: the records that are people (no legal forms looked for in their names);
        ``statistics``: the whole list's, when ``names`` are only some of its names;
        ``prepared``: names already normalised, by (name, is a person's)."""
        self.weights = weights or default_weights()
        params = self.weights.name
        entries: list[IndexedName] = []
        seen: set[tuple[int, str]] = set()
        df: dict[str, int] = defaultdict(int)
        read_df: dict[str, int] = defaultdict(int)  # units of names in Chinese characters as read
        read_seen: set[tuple[int, str]] = set()
        readings = 0
        pending: list[tuple[int, str, str, NormalizedName, tuple[Unit, ...]]] = []
        known = prepared or {}
        for record, name, kind in names:
            person = record in person_records
            given = known.get((name, person)) if known else None
            normalized = given if given is not None else normalize_name(name, person)
            if normalized.empty or (record, normalized.text) in seen:
                continue
            seen.add((record, normalized.text))
            # a name in Chinese characters is indexed twice: in its characters, and as its words
            # read (see chinese.py), which Latin names meet
            read = normalized.read()
            known_read = read is None or (record, read.text) in seen or (record, read.text) in read_seen
            for form in (normalized,) if read is None or known_read else (normalized, read):
                # a reading never stands in for a name written so later ("Hangzhou Hikvision ...")
                (seen if form is normalized else read_seen).add((record, form.text))
                units = units_of(form.tokens)
                pending.append((record, name, kind, form, units))
                if statistics is None:
                    # a reading is the same name again: it weighs only the words no name has
                    counts = df if form is normalized else read_df
                    for text in {u.text for u in units}:
                        counts[text] += 1
                    readings += form is not normalized
        for text, count in read_df.items():
            if text not in df:
                df[text] = count
        self.size = len(pending) - readings if statistics is None else statistics.size
        stops = stopwords()
        self._abbreviations = [
            (short, frozenset(w for w in words if w not in stops)) for short, words in government_abbreviations().items()
        ]
        # the same by their first word, for a query that writes a body's words in full ("Federal
        # Security Service" for a listed "FSB")
        self.abbreviations_by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for short, needed in self._abbreviations:
            self.abbreviations_by_word.setdefault(min(needed), []).append((short, needed))
        scale = math.log(self.size + 1) or 1.0
        generic = self.generic = generic_words()
        self.generic_places = generic_places()
        self.common = common_words()
        self.places = common_places()
        self.unit_weight: dict[str, float] = {} if statistics is None else statistics.unit_weight
        for text, count in df.items():
            weight = min(1.0, max(0.02, math.log((self.size + 1) / (count + 0.5)) / scale))
            if weighs_as_generic(text, generic):
                weight = min(weight, params.generic_word_weight)
            self.unit_weight[text] = weight
        # entries that hold a unit as one word, and entries that hold it only as two words joined:
        # a query's own joined pairs need not walk the second when the query's words are listed words
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.joined_postings: dict[str, list[int]] = defaultdict(list)
        run_weights: dict[str, float] = {}  # (see INITIALS_RUN_KEY)
        for entry_id, (record, name, kind, normalized, units) in enumerate(pending):
            entries.append(self._entry(record, name, kind, normalized, units, record in person_records))
            words = set(normalized.tokens)
            for text in {u.text for u in units}:
                (self.postings if text in words else self.joined_postings)[text].append(entry_id)
            if record not in person_records:
                entry = entries[-1]
                for run in initials_runs(entry.initials):
                    key = INITIALS_RUN_KEY + run
                    self.postings[key].append(entry_id)
                    at = entry.initials.find(run)  # (where the scorer pairs it: its first run)
                    weight = sum(entry.position_weights[at:at + len(run)])
                    if weight > run_weights.get(key, 0.0):
                        run_weights[key] = weight  # a run of initials weighs its words together
        _share_ids(self.postings, len(entries))
        _share_ids(self.joined_postings, len(entries))
        # the same ids in flat arrays of machine integers, what candidate search walks (``Walk``)
        self.walk_ids: dict[str, array[int]] = {text: array("i", ids) for text, ids in self.postings.items()}
        self.joined_walk_ids: dict[str, array[int]] = {text: array("i", ids) for text, ids in self.joined_postings.items()}
        self.entries = entries
        # a short query word may be the acronym of a long organisation name, or a government
        # body's usual abbreviation: the entries each could stand for (not people's names)
        self.acronyms: dict[str, list[int]] = defaultdict(list)
        for entry_id, entry in enumerate(entries):
            if entry.record in person_records:
                continue
            for initials in {entry.initials, entry.normalized.written_initials, self.acronym_with_small_words(entry.normalized)}:
                if ACRONYM_MIN_WORDS <= len(initials) <= ACRONYM_MAX_WORDS and letters_only(initials):
                    self.acronyms[initials].append(entry_id)
            for short in entry.abbreviations:
                self.acronyms[short].append(entry_id)
        # a word made of the beginnings of several words ("Colcerdos" for "Colombiana de Cerdos")
        # shares no word with its name: the entries each key of contraction_probes may stand for
        self.contractions: dict[str, list[int]] = defaultdict(list)
        for entry_id, entry in enumerate(entries):
            if entry.record not in person_records and len(entry.normalized.tokens) >= 2:
                # (of its words as written, when they were put into English: "Mosoblbank")
                for key in contraction_keys(entry.normalized.written or entry.normalized.tokens):
                    self.contractions[key].append(entry_id)
        self.entry_texts = [frozenset(u.text for u in e.units) for e in entries]  # to test set-aside words
        # each entry's unit texts that hold a distinctive word, where it has one it may not leave
        # out (None where it has none): met by none of them, it is met on generic words alone,
        # which the scorer discounts (``generic_only_factor``), and candidate search bounds it so
        least = params.distinctive_min_weight
        # (a tuple, which compiled code walks by index: a set it walks through an iterator)
        # (a lone digit is no distinctive word, however rare on the list: ``lone_digit``)
        distinctive_texts: list[tuple[str, ...] | None] = [
            tuple(dict.fromkeys([
                u.text for u in e.units
                if max((e.position_weights[p] for p in u.positions if not lone_digit(e.normalized.tokens[p])), default=0.0) >= least
            ]))
            if any(
                w >= least and not lone_digit(e.normalized.tokens[p]) for p, w in enumerate(e.position_weights) if p not in e.optional
            ) else None
            for e in entries
        ]
        # the least each entry's weight can count for (its optional and generic words left out):
        # the candidate bounds stay upper bounds of the scores
        keep, keep_generic = 1.0 - params.optional_word_factor, 1.0 - params.generic_left_out_factor
        heaviest_generic = params.generic_word_weight
        # (``plain_totals``: with the generic words counted in full, for a query that has a word
        # of its own the entry does not hold, as the scorer counts them then)
        # (and a listed person's word after "de", a second or married surname a query may leave out)
        plain_totals = [
            e.total_weight - keep * sum(e.position_weights[p] for p in _optional_or_after_de(e, person_records)) for e in entries
        ]
        totals = [
            plain - keep_generic * sum(w for p, w in enumerate(e.position_weights) if w <= heaviest_generic and p not in e.optional)
            for plain, e in zip(plain_totals, entries, strict=True)
        ]
        full_totals = [e.total_weight for e in entries]  # (what a query may meet of each)
        self.bounds = [
            EntryBound(*figures)
            for figures in zip(totals, plain_totals, full_totals, self.entry_texts, distinctive_texts, strict=True)
        ]
        # the totals again in flat arrays of C doubles, what candidate search's compiled gathering
        # step reads for every entry it meets (``_gather.c``)
        self.bound_totals = array("d", totals)
        self.bound_plain_totals = array("d", plain_totals)
        self.bound_full_totals = array("d", full_totals)
        if statistics is not None:
            self.unit_bound: dict[str, float] = statistics.unit_bound
            self.deletes: dict[str, list[str]] = statistics.deletes
            self.phonetic: dict[str, list[str]] = statistics.phonetic
            self.stems: dict[str, list[str]] = statistics.stems
            self.cyrillic: dict[str, list[str]] = statistics.cyrillic
            self.people_words: frozenset[str] = frozenset(statistics.people)  # the words of listed people's names
            self.people_in_order: tuple[str, ...] = tuple(sorted(statistics.people))  # (kept sorted: in order already)
            self._person_skeletons: dict[str, list[str]] | None = statistics.person_skeletons
            self._romanised: dict[str, list[str]] | None = statistics.romanised
            self._finish()
            return
        # the most a unit can weigh in any entry: a joined pair weighs its two words together
        self.unit_bound = dict(self.unit_weight)
        self.unit_bound.update(run_weights)
        for entry in entries:
            for unit in entry.units:
                if len(unit.positions) > 1:
                    weight = sum(entry.position_weights[p] for p in unit.positions)
                    if weight > self.unit_bound[unit.text]:
                        self.unit_bound[unit.text] = weight
        # typo and sound-alike look-ups cover single words; joined pairs are met exactly or by the
        # scorer's direct comparison of runs
        words = {t for e in entries for t in e.normalized.tokens if len(t) >= params.fuzzy_min_length and letters_only(t)}
        self.deletes = defaultdict(list)
        for text in words:
            for variant in deletions(text):
                self.deletes[variant].append(text)
        self.phonetic = defaultdict(list)
        for text in words:
            key = phonetic_key(text)
            if key:
                self.phonetic[key].append(text)
        # long words of one stem and forms of one place name, so that a query word met only so
        # finds its listed names ("Krasnodarskiy" / "Krasnodar", "Yaltinskaya" / "Yalta")
        self.stems = defaultdict(list)
        for text in words:
            for key in stem_keys(text):
                self.stems[key].append(text)
        # people's name words by their readings as romanisations of Russian, Ukrainian and
        # Belarusian names ("Ouchakov", "Uschakow" for "Ushakov"): no typo or sound-alike of each other
        self.cyrillic = defaultdict(list)
        self.people_words = frozenset([t for e in entries if e.record in person_records for t in e.normalized.tokens])
        # (sorted once: the tables made of people's words file them in this order, the same in every process)
        self.people_in_order = tuple(sorted(self.people_words))
        for text in self.people_in_order:
            for reading in cyrillic_readings(text):
                self.cyrillic[reading].append(text)
        self._person_skeletons = None  # (made when first asked, or for a snapshot's statistics)
        self._romanised = None
        self._finish()

    def _finish(self) -> None:
        """The caches, empty."""
        params = self.weights.name
        self._skeletons: dict[str, list[str]] | None = None
        self._typo_keys: bytes | None = None  # (see ``_typo_key_filter`` and ``_typo_key_bits``)
        self._typo_keys_salt = 0  # the hash of TYPO_KEY_SALT_PROBE where it was made
        self._typo_lookups = 0  # cold words' typo look-ups before the filter was made
        self._longest = -1  # (see ``_longest_word``)
        # looked-up query units, one cache per (abjad, fuzzy) pair: index abjad * 2 + fuzzy
        self._lookups: list[Memo[str, UnitLookup]] = [Memo(LOOKUPS_KEPT) for _ in range(4)]
        # the listed words' own look-ups as fuzzy query units, made ahead (see ``look_up_listed_words``)
        # and kept for the index's life: not in the memo above, which is emptied whole when full
        self._listed_lookups: dict[str, UnitLookup] = {}
        self._listed_order: tuple[str, ...] | None = None  # (the listed words in the order they are looked up ahead)
        # (unit, in Wade-Giles, one word, written in Cyrillic) -> look-up
        self._chinese_lookups: Memo[tuple[str, bool, bool, bool], UnitLookup] = Memo(LOOKUPS_KEPT)
        self._cyrillic_lookups: Memo[str, UnitLookup] = Memo(LOOKUPS_KEPT)  # (see ``cyrillic_lookup``)
        self._written_lookups: Memo[tuple[str, str], UnitLookup] = Memo(LOOKUPS_KEPT)  # (see ``written_lookup``)
        self._organization_readings: dict[str, list[str]] | None = None  # (see ``_organization_words_read``)
        self._pair_cache: Memo[tuple[str, str, bool], TokenMatch | None] = Memo(PAIRS_KEPT)
        self._misspelt_cache: Memo[tuple[str, str], TokenMatch | None] = Memo(PAIRS_KEPT)  # (see ``misspelt_variant``)
        self.acronym_match = TokenMatch(params.acronym_similarity, "acronym")  # the same for every pair
        self.contraction_match = TokenMatch(params.contraction_similarity, "contraction")
        self.abbreviation_match = TokenMatch(params.abbreviation_similarity, "abbreviation")
        self.compound_match = TokenMatch(params.compound_similarity, "compound")
        self.reordered_initials_match = TokenMatch(params.abbreviation_similarity, "initials reordered")
        self.skeleton_match = TokenMatch(params.skeleton_similarity, "skeleton")
        self.joined_match = TokenMatch(params.joined_similarity, "joined")  # "deleon" / "de leon"
        self.initial_match = TokenMatch(params.initial_similarity, "initial")  # "j" / "john"
        self.korean_match = TokenMatch(params.romanisation_similarity, "korean")  # "cho" / "jo", in two Korean names only
        self.burmese_match = TokenMatch(params.romanisation_similarity, "burmese")  # "Htay" / "hte", for a name written in Burmese only
        self.romanisation_match = TokenMatch(params.romanisation_similarity, "romanisation")
        self._given_names = person_name_variants()  # ("petro": "pyotr", made one only in people's names)
        self.short_form_match = TokenMatch(params.stem_similarity, "short form")
        self.nickname_match = TokenMatch(params.nickname_similarity, "nickname")
        self.article_match = TokenMatch(ARTICLE_RUN_SHARE, "article")  # "alhakim" / "hakim"
        self.article_skeleton_match = TokenMatch(params.skeleton_similarity * ARTICLE_RUN_SHARE, "skeleton")  # "elehssan" / "ihsan"
        self._article_words: dict[str, list[str]] | None = None  # "sisi": ["alsisi"], made when first asked
        self._korean_words: dict[str, list[str]] | None = None  # "jo": ["cho", "jo"], made when first asked
        self._burmese_words: dict[str, list[str]] | None = None  # "te": ["htay", "hte"], made when first asked
        self._short_forms: dict[str, list[str]] | None = None  # "siraj": ["sirajuddin"], made when first asked
        # name words compared by their romanised consonants (see score.py), by pair: people's and
        # organisations' (whose words are not read as Somali spelling)
        self.person_pair_cache: Memo[tuple[str, str], bool] = Memo(PAIRS_KEPT)
        self.organization_pair_cache: Memo[tuple[str, str], bool] = Memo(PAIRS_KEPT)

    def statistics(self) -> IndexStatistics:
        """This index's statistics of the whole list (plain dicts, to keep on disk)."""
        return IndexStatistics(
            self.size, dict(self.unit_weight), dict(self.unit_bound),
            {k: list(v) for k, v in self.deletes.items()}, {k: list(v) for k, v in self.phonetic.items()},
            {k: list(v) for k, v in self.stems.items()}, {k: list(v) for k, v in self.cyrillic.items()},
            list(self.people_in_order), self._person_skeleton_table(), self._romanised_table(),
        )

    def _entry(
        self, record: int, name: str, kind: str, normalized: NormalizedName, units: tuple[Unit, ...], person: bool = False
    ) -> IndexedName:
        weights = tuple(self.weight(t) for t in normalized.tokens)
        floor = self.weights.name.generic_word_weight
        words = set(normalized.tokens)
        optional: tuple[int, ...] = ()
        replaceable: tuple[int, ...] = ()
        if person:
            # (a name in Chinese characters, or its reading, has syllables, not middle names)
            optional = () if normalized.original else middle_name_positions(name, normalized.tokens)
        else:
            administrative = administrative_words()
            bracketed = bracketed_positions(name, normalized.tokens)
            official = optional_positions(normalized.tokens)
            optional = tuple(sorted({*official, *bracketed}))
            replaceable = tuple(p for p in optional if p in bracketed or normalized.tokens[p] in administrative)
        return IndexedName(
            record, name, kind, normalized, units, weights, sum(weights),
            generic_weight=sum(w for w in weights if w <= floor),
            initials=acronym_initials(normalized),
            abbreviations=frozenset(short for short, needed in self._abbreviations if needed <= words),
            optional=optional,
            replaceable=replaceable,
        )

    def make_entry(self, name: str, kind: str = "name", record: int = -1, person: bool = False) -> IndexedName:
        """An entry for a name outside the index, weighed with the index's statistics."""
        normalized = normalize_name(name, person)
        return self._entry(record, name, kind, normalized, units_of(normalized.tokens), person)

    def entry_of(self, entry: IndexedName, normalized: NormalizedName) -> IndexedName:
        """Another normalised form of an entry's name (its Chinese characters as read)."""
        return self._entry(entry.record, entry.name, entry.kind, normalized, units_of(normalized.tokens))

    def pair_similarity(self, query: str, listed: str, abjad: bool) -> TokenMatch | None:
        """Direct comparison of two tokens the index did not pair (typos beyond one deletion,
        sound-alike spellings, consonant skeletons), cached."""
        key = (query, listed, abjad)
        cached = self._pair_cache.get(key, NOT_CACHED)  # (one look-up of the key, whose hash a tuple does not keep)
        if cached is not NOT_CACHED:
            return cached
        params = self.weights.name
        found: TokenMatch | None = None
        # (not a script's consonants: "agh" / "agha"; a family name and a patronymic, "Alekseev" /
        # "Alekseevna", are two words as a given name's two genders are)
        genders = not abjad and forms_of_two_people(query, listed)
        if genders or two_names(query, listed):
            pass  # "Hasan" / "Husayn", "Mario" / "Maria": two names, alike in spelling or sound only
        elif same_given_name(query, listed):  # "Yehia" / "Yahya"
            found = self.romanisation_match
        elif query in SON_OF and listed in SON_OF:  # "BIN KHALIFA" / "BEN KHALIFA"
            found = self.romanisation_match
        elif query in self.common and not plural_pair(query, listed):
            # a correctly spelled common word is not a typo of another word ("garden", "gardenia"),
            # but a place may be written in another form ("Iran" / "Irano"; not "Galaxy" / "Galax")
            if query in self.places and derived_pair(query, listed):
                found = TokenMatch(params.stem_similarity, "derivation")
        elif _inner_letter_added(query, listed, params.fuzzy_min_length):
            # a short name word with a letter more or less inside it ("Jon" / "John", "Ana" /
            # "Anna"; not at its end: "Eva" / "Evan", "Ali" / "Alia" are other names), whichever
            # side is listed: the index finds the one way round by its deletions only
            found = TokenMatch(_spelling_similarity(query, listed, 0.0), "fuzzy")
        elif len(query) >= params.fuzzy_min_length and len(listed) >= params.fuzzy_min_length:
            similarity = _spelling_similarity(query, listed, params.token_min_similarity)
            if similarity and (_other_first_part(query, listed) or _other_initial(query, listed)):
                similarity = 0.0
            if similarity:
                found = TokenMatch(similarity, "fuzzy")
            else:
                code = "" if query in self.generic else phonetic_key(query)
                if code and sound_alike(query, listed, code):
                    found = TokenMatch(params.phonetic_similarity, "phonetic")
                elif letters_only(query) and romanisation_key(query) == romanisation_key(listed):
                    found = TokenMatch(params.romanisation_similarity, "romanisation")
                elif shared_stem(query, listed):
                    found = TokenMatch(params.stem_similarity, "stem")
                elif derived_pair(query, listed) or plural_pair(query, listed):
                    # (a plural whose "-es" is too many letters for a typo: "Hotel" / "Hoteles"; another
                    # form of the word, so not between people's names: "Flor" / "Flores")
                    found = TokenMatch(params.stem_similarity, "derivation")
        core = article_run_core(query) if found is None and not genders and len(query) > ARTICLE_RUN_MIN_LENGTH else ""
        if core:  # an Arabic article run on ("Alhakim", "Addagestani", "Asshami")
            found = self.article_run(core, listed, abjad)
        if found is None and not genders and abjad and len(listed) >= 3:
            if skeletons_agree(query, listed):
                found = TokenMatch(params.skeleton_similarity, "skeleton")
        return self._pair_cache.keep(key, found)

    def may_be_fuzzy(self, query: str, listed: str) -> bool:
        """Whether ``pair_similarity`` could find two words alike in spelling ("fuzzy"): only
        where they are at least ``token_min_similarity`` alike, one is the other with a letter
        taken out of its inside, or the query has the Arabic article run on. Words run together
        ("Nam Chon Gang" / "Namchongang") meet an organisation's word only so: most such pairs
        are told apart here without their sound or romanisation keys."""
        params = self.weights.name
        return bool(
            _spelling_similarity(query, listed, params.token_min_similarity)
            or _inner_letter_added(query, listed, params.fuzzy_min_length)
            or article_run_core(query)
        )

    def misspelt_variant(self, query: str, listed: str) -> TokenMatch | None:
        """A word misspelt from one of the spellings normalisation makes a canonical name from
        ("Mohmed" of "Mohamed", "Mochammad" of "Mohammad": both "muhammad"), at that typo's
        similarity; either side may be the canonical word. A typo keeps the first letter and
        most of the spelling ("Hammud" is no "Mohammud"); a spelling with letters added at its
        end is another name ("Hosseini", of Hossein's family). Cached where either word is a
        canonical name, which has dozens of spellings, each compared."""
        spellings = canonical_spellings()
        if listed not in spellings and query not in spellings:
            return None  # (most pairs: neither word has spellings to be misspelt from)
        key = (query, listed)
        cached = self._misspelt_cache.get(key, NOT_CACHED)
        if cached is not NOT_CACHED:
            return cached
        params = self.weights.name
        found: TokenMatch | None = None
        for canonical, other in ((listed, query), (query, listed)):
            variants = spellings.get(canonical)
            if not variants or len(other) < params.fuzzy_min_length or other in spellings or not letters_only(other):
                continue
            best = max(
                (_spelling_similarity(other, v, params.variant_typo_min_similarity)
                 for v in variants
                 if v[0] == other[0] and len(v) >= params.fuzzy_min_length and not _one_begins_other(v, other)),
                default=0.0,
            )
            if best:
                found = TokenMatch(best, "fuzzy")
                break
        return self._misspelt_cache.keep(key, found)

    def article_run(self, query: str, listed: str, abjad: bool) -> TokenMatch | None:
        """Two words once the Arabic article run onto one of them is cut ("hakim" of "alhakim"),
        at a little less than they match."""
        if query == listed:
            return self.article_match
        stripped = self.pair_similarity(query, listed, abjad)
        return TokenMatch(stripped.similarity * ARTICLE_RUN_SHARE, stripped.how) if stripped else None

    def _article_runs(self) -> dict[str, list[str]]:
        """Listed words with the Arabic article run on, by the word without it ("sisi":
        "alsisi", "nour": "annour"), made when first asked: people's words, and others but the
        common and generic words."""
        if self._article_words is None:
            found = _words_by(self.people_in_order, article_run_core)
            # (an organisation's word with the article written "al" or "el": a brand's
            # "Arronmira" is no "ar-Ronmira"; the prefix tested first, most words have none)
            others = sorted([
                w for w in self.unit_weight
                if w.startswith(("al", "el")) and w not in self.people_words and letters_only(w) and not self.ordinary_word(w)
            ])
            for core, words in _words_by(others, self._organization_article_core).items():
                found.setdefault(core, []).extend(words)
            self._article_words = found
        return self._article_words

    def _organization_article_core(self, word: str) -> str:
        """``article_run_core`` of an organisation's word, unless the rest is a common word
        ("Alpine" is no "al-Pine")."""
        core = article_run_core(word)
        return "" if self.ordinary_word(core) else core

    def _korean_syllables(self) -> dict[str, list[str]]:
        """Listed people's words short enough to be a Korean syllable, by ``korean_key`` ("jo":
        "cho", "jo"), and by it with eo's "o" levelled where that differs ("jun": "jon", "chun"; the
        scorer takes that only for a syllable the Hangul says holds eo), made when first asked."""
        if self._korean_words is None:
            short = [w for w in self.people_in_order if len(w) <= KOREAN_MOST_LETTERS and letters_only(w)]
            table = _words_by(short, korean_key)
            for word in short:
                key = korean_key(word)
                levelled = eo_levelled(key)
                if levelled != key and word not in table.get(levelled, ()):
                    file_under(table, levelled, word)
            self._korean_words = table
        return self._korean_words

    def _burmese_syllables(self) -> dict[str, list[str]]:
        """Listed people's words short enough to be a Burmese syllable, by ``burmese_key`` ("so":
        "soe", "so"), made when first asked."""
        if self._burmese_words is None:
            self._burmese_words = _words_by(
                [w for w in self.people_in_order if len(w) <= BURMESE_MOST_LETTERS and letters_only(w)], burmese_key,
            )
        return self._burmese_words

    def _korean_keys(self, text: str) -> tuple[str, ...]:
        """A query word's ``korean_key``, and with eo's "o" levelled where that differs (levelled
        from the key: one set of rewrites a word, as before eo's)."""
        key = korean_key(text)
        levelled = eo_levelled(key)
        return (key,) if levelled == key else (key, levelled)

    def _korean_key_listed(self, text: str) -> bool:
        """Whether a listed people's word may be a query word's Korean syllable (``_korean_keys``)."""
        table = self._korean_syllables()
        key = korean_key(text)
        return key in table or eo_levelled(key) in table

    def ordinary_word(self, text: str) -> bool:
        """A common or generic word ("Winter", "Pharma"): never a contraction of other words."""
        return text in self.common or text in self.generic

    def weight(self, text: str) -> float:
        """A unit's weight; a text the list has never seen weighs as an unexplained rare word,
        unless it is one of the generic words."""
        known = self.unit_weight.get(text)
        if known is not None:
            return known
        params = self.weights.name
        return params.generic_word_weight if weighs_as_generic(text, self.generic) else params.unknown_token_weight

    def _theophoric_names(self) -> dict[str, list[str]]:
        """Listed people's theophoric name words by the ``romanisation_key`` of their first part
        ("siraj": "sirajuddin"; "nasir": "nasiruddin", which "Nassir" and "Naseer" are keyed as
        too), made when first asked."""
        if self._short_forms is None:
            self._short_forms = _words_by(self.people_in_order, _theophoric_stem_key)
        return self._short_forms

    def _spellings_of_stem(self, stem: str) -> list[str]:
        """The listed people's words that are the first part of a theophoric name as written
        (``stem``) or in another romanisation's spelling of it ("nasir": "naseer", "nassir")."""
        people = self.people_words
        found = [stem] if stem in people else []
        if len(stem) >= self.weights.name.fuzzy_min_length:  # (the words ``_romanised_table`` files)
            found.extend(w for w in self._romanised_table().get(romanisation_key(stem), ()) if w in people and w != stem)
        return found

    def _nicknamed(self, text: str) -> list[str]:
        """Listed people's words that a given name is a familiar form of, or that are one of it
        ("bill": "william"; "aleksandr": "sasha"), the listed name in any romanisation the list
        writes it in ("seryozha": "sergei" as well as "sergey")."""
        names = nicknames().get(text)
        if not names:
            return []
        people, found = self.people_words, []
        for name in sorted(names):
            if name in people:
                found.append(name)
            for reading in cyrillic_readings(name):
                for listed in self.cyrillic.get(reading, ()):
                    if listed != name and listed not in found and cyrillic_spellings_agree_at(reading, name, listed):
                        found.append(listed)
        return found

    def _spelt_alike(self, text: str) -> list[str]:
        """Listed words that are other spellings of the given name a word spells
        (``given_name_spellings``: "yehia": "yahya")."""
        return [spelling for spelling in other_spellings(text) if spelling in self.unit_weight]

    def _romanised_spellings(self, text: str) -> list[str]:
        """Listed words of letters with the query word's ``romanisation_key`` (``_romanised_table``)."""
        if len(text) < self.weights.name.fuzzy_min_length:
            return []
        return [listed for listed in self._romanised_table().get(romanisation_key(text), ()) if listed != text]

    def warm(self) -> None:
        """Make the look-up tables and the vocabularies that are otherwise made when first asked,
        so that worker processes forked after this share one copy instead of each making its own."""
        self._romanised_table()
        self._person_skeleton_table()
        self._article_runs()
        self._theophoric_names()
        self._korean_syllables()
        self._burmese_syllables()
        if self._typo_keys is None:
            self._make_typo_keys()
        # and every vocabulary the matching core reads (some only once screening asks for them)
        warm_vocabularies()
        korean_syllable_keys()
        organization_words()
        CHINESE_COUNTRIES.get()
        palladius_syllables()
        korean_words()
        korean_particles()
        polivanov_syllables()
        western_names()
        greek_pairs()

    def _make_typo_keys(self) -> None:
        compiled = compiled_typos
        if compiled is not None:
            self._typo_keys = compiled[0]((self.unit_weight, self.deletes))
            self._typo_keys_salt = COMPILED_TYPO_KEYS
        else:
            self._typo_keys = _typo_key_filter(self.unit_weight, self.deletes)
            self._typo_keys_salt = hash(TYPO_KEY_SALT_PROBE)

    def _typo_key_bits(self) -> bytes | None:
        """The filter of the typo tables' keys (``_typo_key_filter``) where it was made in this
        process or before its fork; None while there is none. ``warm`` makes it, and so does the
        ``TYPO_KEYS_AFTER``-th cold word's typo look-up: a server or a library loop that never
        warmed its index would otherwise probe both tables for every variant of every cold word
        (a query screened with its words cold cost about a sixth more), while the first few queries of a
        short-lived index need not pay for it (15 ms for the OFAC list). It skips only variants
        neither table holds: the matches are the same with or without it. Compiled
        (``compiled_typos``), it is made with the C look-up's own hash, which is not salted, and
        the look-up hashes each variant in the word's letters, making a string only of the few
        the filter lets through."""
        compiled = compiled_typos is not None
        if self._typo_keys is None:
            self._typo_lookups += 1
            if self._typo_lookups < TYPO_KEYS_AFTER:
                return None
            self._make_typo_keys()
        elif (self._typo_keys_salt == COMPILED_TYPO_KEYS) != compiled:
            self._make_typo_keys()  # made by the other way's hash (a test compares both ways)
        if compiled:
            return self._typo_keys  # (its hash is unsalted: good in any process)
        return self._typo_keys if self._typo_keys_salt == hash(TYPO_KEY_SALT_PROBE) else None

    def _romanised_table(self) -> dict[str, list[str]]:
        """Listed words of letters by their ``romanisation_key``, made when first asked. (Each
        list sorted, as filing the words in sorted order would make it, without sorting them
        all: only the order of the keys differs, and nothing reads it.)"""
        if self._romanised is None:
            filed: dict[str, list[str]] = {}
            least = self.weights.name.fuzzy_min_length
            for word in self.unit_weight:
                if len(word) >= least and letters_only(word):
                    file_under(filed, romanisation_key(word), word)
            for words in filed.values():
                if len(words) > 1:
                    words.sort()
            self._romanised = filed
        return self._romanised

    def _person_skeleton_table(self) -> dict[str, list[str]]:
        """Listed people's words by their ``person_skeleton_keys``, made when first asked."""
        if self._person_skeletons is None:
            filed: dict[str, list[str]] = {}
            for word in self.people_in_order:
                for key in person_skeleton_keys(word):
                    file_under(filed, key, word)
            self._person_skeletons = filed
        return self._person_skeletons

    def _skeleton_spellings(self, text: str) -> list[str]:
        """Listed people's words that ``romanised_skeletons_agree`` with a query word, found by
        their ``person_skeleton_keys``."""
        keys = person_skeleton_keys(text)
        if not keys:
            return []
        table = self._person_skeleton_table()
        found: list[str] = []
        tried: set[str] = set()  # (a word filed under two of the keys is compared once: a fifth of the comparisons)
        for key in keys:
            for listed in table.get(key, ()):
                if listed != text and listed not in tried:
                    tried.add(listed)
                    if romanised_skeletons_agree(text, listed):
                        found.append(listed)
        return found

    def _skeleton_index(self) -> dict[str, list[str]]:
        """Listed words by their ``latin_abjad_keys``, what a word in an abjad script is looked up
        by: keys of two consonants or more, and a key of one for a word of three letters ("Ali")
        or a word of letters whose other letters are vowels, "w" or "y" ("Agha", "Yahya", "Ayyub"),
        which ``skeletons_agree`` pairs by their semivowels: the scorer paired "آغا" / "Agha",
        and screening never reached the name that way ("عبدالرحمان آغا" / "ABDUL RAHMAN AGHA")."""
        if self._skeletons is None:
            index: dict[str, list[str]] = defaultdict(list)
            for text in self.unit_weight:
                for key in latin_abjad_keys(text):
                    if len(key) >= 2 or (key and (len(text) == 3 or letters_only(text))):
                        index[key].append(text)
            self._skeletons = index
        return self._skeletons

    def lookups(self, texts: list[str], fuzzy: list[bool], abjad: bool = False) -> list[UnitLookup]:
        """:meth:`lookup` of several query units (``fuzzy``: a flag for each)."""
        if len(texts) != len(fuzzy):
            raise ValueError(f"{len(texts)} query units, {len(fuzzy)} flags")
        # (by position: compiled, ``zip(..., strict=True)`` is called through the interpreter; lists, whose
        # items compiled code reads directly)
        return [self.lookup(texts[at], abjad, fuzzy[at]) for at in range(len(texts))]

    def lookup(self, text: str, abjad: bool = False, fuzzy: bool = True) -> UnitLookup:
        """A query unit's matches with the postings and bounds candidate search walks, cached."""
        # (a unit looked up as written, neither fuzzy nor abjad, is asked ``_may_match`` before its
        # cache is probed: most are a query's neighbouring words joined, which the list does not hold)
        plain = not (fuzzy or abjad)
        if plain and not self._may_match(text, abjad, fuzzy):
            return NO_LOOKUP
        cache = self._lookups[abjad * 2 + fuzzy]
        cached = cache.get(text)
        if cached is not None:
            return cached
        if fuzzy and not abjad:
            cached = self._listed_lookups.get(text)  # (empty unless made ahead)
            if cached is not None:
                return cached
        if not plain and not self._may_match(text, abjad, fuzzy):
            return NO_LOOKUP  # a number or a word the list has never seen, not kept: most are one-offs
        return cache.keep(text, self._lookup_of(self.matches(text, abjad, fuzzy)))

    def look_up_listed_words(self, most: int = 0) -> int:
        """Look the listed words up ahead as fuzzy query units (what :meth:`lookup` would make of
        each when a query first meets it), kept for the index's life: those not yet looked up,
        ``most`` of them at a time (0: all). The number of listed words looked up ahead so far.

        A listed name's variant is mostly listed words, the only words whose look-ups can be made
        before a query brings them, and a word's first look-up is dear: its typos, sound-alikes,
        readings and skeletons, and the listed words each meets compared with it (25-35 us a word).
        A long-running server makes them once at start-up (a second or two and 60 MB for the OFAC
        and Entity lists together): no query makes them, nor the files its screening jobs screen
        in its process. It asks for a hundred at a time: compiled, one call for every word would
        hold the interpreter's lock throughout, and the server's other threads could not answer
        meanwhile. One-shot commands do not make them: a single screening meets a few words, and
        a batch's workers make those their names meet side by side in less time than one process
        would take to make them all before forking."""
        kept = self._listed_lookups
        order = self._listed_order
        if order is None:
            order = tuple(self.unit_weight)
            self._listed_order = order
        start = len(kept)
        end = len(order) if most <= 0 else min(len(order), start + most)
        cache = self._lookups[1]  # (not abjad, fuzzy)
        for at in range(start, end):
            text = order[at]
            found = cache.get(text)
            kept[text] = found if found is not None else self._lookup_of(self.matches(text, False, True))
        return len(kept)

    @property
    def listed_words_looked_up(self) -> int:
        """How many listed words :meth:`look_up_listed_words` has looked up ahead (0 until asked)."""
        return len(self._listed_lookups)

    def abbreviation_lookup(self, short: str) -> UnitLookup:
        """The listed names that write a government body as its usual abbreviation ("FSB"), for
        a query that writes the body's words in full: met as an acronym."""
        key = "\x00" + short  # (no query unit's text begins so)
        cache = self._lookups[0]
        cached = cache.get(key)
        if cached is None:
            found = self._lookup_of({short: self.acronym_match}) if short in self.unit_weight else NO_LOOKUP
            cached = cache.keep(key, found)
        return cached

    def abjad_run_lookup(self, words: Sequence[str]) -> UnitLookup:
        """Neighbouring words of a name in an abjad script that a listed name may write as one
        ("شمس الدين" / "Shamsuddin"), by their levelled consonants (see ``abjad_run_skeletons``;
        the joined text's own look-up cannot tell where the article of the second word begins)."""
        key = " ".join(words)
        cache = self._lookups[2]  # (abjad, not fuzzy: what a joined unit of such a name is looked up as)
        cached = cache.get(key)
        if cached is not None:
            return cached
        skeletons = self._skeleton_index()
        found = dict(self.matches("".join(words), abjad=True, fuzzy=False))  # what the joined text meets itself
        for shape in abjad_run_skeletons(words, None):
            for listed in skeletons.get(shape, ()):
                if (
                    listed not in found and len(listed) >= ABJAD_RUN_MIN_LENGTH and letters_only(listed)
                    and abjad_key(listed) in abjad_run_skeletons(words, listed)  # (its ending as the listed word ends)
                ):
                    found[listed] = self.skeleton_match
        return cache.keep(key, self._lookup_of(found))

    def chinese_lookup(self, text: str, lookup: UnitLookup, wade_giles: bool, word: bool, cyrillic: bool) -> UnitLookup:
        """A query unit's ``lookup`` with the listed words that write it in the other romanisation
        of Chinese (see :mod:`entitylist.matching.wade_giles`): the pinyin words a unit of a
        name in Wade-Giles may write ("chunhsiung": "junxiong"), or the Wade-Giles spelling of a
        unit of a name in pinyin, where that is no pinyin word itself ("zedong": "tsetung";
        "zhang" is not met as "chang", another name in pinyin). Kept by what ``lookup`` was made
        as: a unit of one ``word`` (looked up with its typos) or words joined (not), of a name
        written in Cyrillic (``cyrillic_lookup``) or not. (Kept by its text alone, a joined pair
        took the look-up of the one word it spells that an earlier name had: "Сун Чан" met
        "SUNSHINE" at 0.82 after "Лу Сунчан" was screened, and nothing before.)"""
        key = (text, wade_giles, word, cyrillic)
        cached = self._chinese_lookups.get(key)
        if cached is not None:
            return cached
        if wade_giles:
            spellings = as_pinyin(text)
        else:
            written = as_wade_giles(text)
            spellings = frozenset([written]) if is_wade_giles(written) else frozenset()
        found = dict(lookup.found)
        romanised = self.romanisation_match
        more = [
            s for s in spellings
            if s in self.unit_weight and (found.get(s, NO_MATCH).similarity < romanised.similarity or found[s].how == "korean")
        ]
        for spelling in more:
            found[spelling] = romanised
        return self._chinese_lookups.keep(key, self._lookup_of(found) if more else lookup)

    def cyrillic_lookup(self, text: str, lookup: UnitLookup) -> UnitLookup:
        """A query unit's ``lookup`` with the listed words its Cyrillic original may write in
        another romanisation, organisations' words too ("Хуавей", "khuavey": "huawei"; "Дахуа",
        "dakhua": "dahua"), for a unit of a name written in Cyrillic. The plain look-up meets
        only people's words so (``cyrillic_readings``): a Latin word with an organisation's
        reading is mostly another word, a transliteration from Cyrillic mostly that one."""
        cached = self._cyrillic_lookups.get(text)
        if cached is not None:
            return cached
        found = dict(lookup.found)
        more = False
        if len(text) >= CYRILLIC_MIN_LENGTH and letters_only(text) and not self.ordinary_word(text):
            table = self._organization_words_read()
            romanised = self.romanisation_match
            for reading in sorted(cyrillic_readings(text)):  # (in order: the same walks in every process)
                for listed in table.get(reading, ()):
                    if found.get(listed, NO_MATCH).similarity < romanised.similarity and cyrillic_spellings_agree_at(reading, text, listed):
                        found[listed] = romanised
                        more = True
        return self._cyrillic_lookups.keep(text, self._lookup_of(found) if more else lookup)

    def written_lookup(self, text: str, written: str, lookup: UnitLookup) -> UnitLookup:
        """A query unit's ``lookup`` with what its word as written meets, for a word of a name in
        an abjad script that the vocabulary put into English ("مكتب", "mktb", read "office"):
        the romanisations the vocabulary does not rewrite are met by the consonants as written
        ("mktb" / "Makhtab"), each listed word at the better of the two ways."""
        key = (text, written)
        cached = self._written_lookups.get(key)
        if cached is not None:
            return cached
        found = dict(lookup.found)
        more = False
        for listed, hit in self.lookup(written, abjad=True).found.items():
            if found.get(listed, NO_MATCH).similarity < hit.similarity:
                found[listed] = hit
                more = True
        return self._written_lookups.keep(key, self._lookup_of(found) if more else lookup)

    def _organization_words_read(self) -> dict[str, list[str]]:
        """The listed words that are not people's, by their ``cyrillic_readings`` (the people's
        are in ``cyrillic``), but the common and generic words: made when a name written in
        Cyrillic first asks (0.15 s for the OFAC and Entity lists together)."""
        if self._organization_readings is None:
            table: dict[str, list[str]] = {}
            people = self.people_words
            for word in sorted(self.unit_weight):
                if word in people or len(word) < CYRILLIC_MIN_LENGTH or not letters_only(word) or self.ordinary_word(word):
                    continue
                for reading in cyrillic_readings(word):
                    file_under(table, reading, word)
            self._organization_readings = table
        return self._organization_readings

    def _lookup_of(self, found: dict[str, TokenMatch]) -> UnitLookup:
        """The postings and bounds candidate search walks for a query unit's matches."""
        walks: list[Walk] = []
        joined: list[Walk] = []
        holding: list[array[int]] = []
        acronym = False
        best = 0.0
        least = math.inf
        for listed, hit in found.items():
            value = self.unit_bound[listed] * hit.similarity
            best = max(best, value)
            run = listed.startswith(INITIALS_RUN_KEY)
            acronym = acronym or run
            ids = self.walk_ids.get(listed)  # (the keys of ``postings``: nothing adds to either after the build)
            if ids is not None:
                walks.append((ids, value))
                if not run:
                    holding.append(ids)
            joined_ids = self.joined_walk_ids.get(listed)
            if joined_ids is not None:
                joined.append((joined_ids, value))
                if not run:
                    holding.append(joined_ids)
            # (a listed pair of words, or a run of initials, weighs what its words weigh in each entry)
            joined_or_run = listed in self.joined_postings or run
            least = min(least, 0.0 if joined_or_run else self.unit_weight.get(listed, 0.0))
        # (made by ``tuple.__new__``, called in C: a named tuple's own ``__new__`` is interpreted Python)
        return tuple.__new__(UnitLookup, (
            found, best, tuple(walks), tuple(joined), sum(len(w) for w, _v in walks), sum(len(w) for w, _v in joined),
            least if found else 0.0, tuple(holding), acronym,
        ))

    def _may_match(self, text: str, abjad: bool, fuzzy: bool) -> bool:
        """False when :meth:`matches` has nothing for the text: not listed, no synonym, no typo
        or sound-alike search (numbers, short words, joined pairs), no consonant skeleton, no
        given name a nickname may stand for ("Jim"), no Korean or Burmese syllable in another
        romanisation."""
        if abjad or text in self.unit_weight or text in self.weights.synonyms or self._typo_searchable(text, fuzzy):
            return True
        if not fuzzy:
            return False
        if text.isdigit():
            # (a number, in most names a one-off: no run of initials, given name or Korean syllable
            # is written in digits; asked first, before a key is made of it)
            return False
        if INITIALS_RUN_KEY + text in self.unit_bound:  # (not listed itself: asked above)
            return True
        return (
            text in nicknames() or text in given_name_spellings()
            or (len(text) <= KOREAN_MOST_LETTERS and self._korean_key_listed(text))  # "pom" / "BOM"
            or (len(text) <= BURMESE_MOST_LETTERS and burmese_key(text) in self._burmese_syllables())  # "hte" / "HTAY"
        )

    def _rarely_listed(self, text: str) -> bool:
        """Whether the list does not use a word, or uses it rarely (a distinctive weight): such a
        word is looked up by its typos and other spellings; a word the list uses often is taken as
        written, as its look-ups would bring in its many bearers again."""
        return self.unit_weight.get(text, math.inf) >= self.weights.name.distinctive_min_weight

    def acronym_with_small_words(self, normalized: NormalizedName) -> str:
        """``initials_with_small_words``, unless they spell an ordinary word, which is no
        acronym ("Asia" / "al-Salah Islamic Association")."""
        small = initials_with_small_words(normalized)
        return "" if self.ordinary_word(small) else small

    def _longest_word(self) -> int:
        """The length of the longest listed unit (of the whole list's statistics), worked out
        when a long word first asks."""
        if self._longest < 0:
            self._longest = max((len(text) for text in self.unit_weight), default=0)
        return self._longest

    def _typo_searchable(self, text: str, fuzzy: bool) -> bool:
        """Whether typos and sound-alikes of a query unit are looked up: single words of letters
        long enough to have any."""
        return fuzzy and len(text) >= self.weights.name.fuzzy_min_length and letters_only(text)

    def _typo_candidates(self, text: str, twice: bool) -> set[str]:
        """The listed words a word's typos may be (the Python loop of ``_typos.typo_candidates``):
        ``deletes[text]``, and each deletion variant, one letter shorter and, where ``twice``, two
        ("Hekhmartyar" / "HEKMATYAR"), that is a listed word, with ``deletes[variant]``."""
        candidates = set(self.deletes.get(text, ()))
        # (each word two deletions shorter is reached from two variants: looked up the first
        # time only, the index's large tables being where a cold word's look-up spends its time)
        seen: set[str] = set()
        # (the variants in neither table are passed over: most of them; not by a filter made
        # where str hashes are salted otherwise, were the index ever copied to another process)
        keys = self._typo_key_bits()
        for variant in deletions(text):
            if _may_be_key(keys, variant):
                if variant in self.unit_weight:
                    candidates.add(variant)
                candidates.update(self.deletes.get(variant, ()))
            if twice:
                for shorter in deletions(variant):
                    if not _may_be_key(keys, shorter) or shorter in seen:
                        continue
                    seen.add(shorter)
                    if shorter in self.unit_weight:
                        candidates.add(shorter)
                    candidates.update(self.deletes.get(shorter, ()))
        return candidates

    def matches(self, text: str, abjad: bool = False, fuzzy: bool = True) -> dict[str, TokenMatch]:
        """Listed units that a query unit may stand for, with similarity and kind of match.

        ``fuzzy=False`` (for joined word pairs) looks for exact and synonym matches only.
        """
        params = self.weights.name
        found: dict[str, TokenMatch] = {}
        if text in self.unit_weight:
            found[text] = TokenMatch(1.0, "exact")
        for listed in self.weights.synonyms.get(text, ()):
            if listed in self.unit_weight and listed not in found:
                found[listed] = TokenMatch(self.weights.synonym_similarity, "synonym")
        given_name = self._given_names.get(text)
        if given_name is not None and given_name in self.unit_weight and given_name not in found:
            # a given name that companies also use as a word, in a name not said to be a person's
            # ("Petro Poroshenko"), meets the name as people's names write it ("pyotr")
            found[given_name] = self.romanisation_match
        # a word the list itself uses often is taken as written (numbers too): looking for its
        # typos would mostly find other real words. A rare listed word is looked up as a typo
        # too, as the scorer compares it, so that screening finds what the score would raise
        # ("Cortes" of another entry / "ABRIL CORTEZ, Oliverio", "HAMIEH, Jamil" / "Jamiel")
        if self._typo_searchable(text, fuzzy) and self._rarely_listed(text):
            twice = len(text) >= TWO_EDITS_MIN_LENGTH  # (two edits apart, as the scorer meets a long word)
            compiled = compiled_typos
            # (a word longer by more than two letters than every listed word has none of them two
            # deletions away: a pathological word of a thousand letters costs nothing here)
            if len(text) > TYPO_LENGTH_CHECKED and len(text) - 2 > self._longest_word():
                candidates: set[str] = set(self.deletes.get(text, ()))
            elif compiled is not None:  # (no string made per variant the filter turns away)
                candidates = compiled[1](text, self._typo_key_bits(), self.unit_weight, self.deletes, twice)
            else:
                candidates = self._typo_candidates(text, twice)
            common = text in self.common  # a common word meets only its own plural or singular
            least = params.token_min_similarity
            for listed in candidates:
                if listed in found or (common and not plural_pair(text, listed)):
                    continue
                # (the spelling first: most candidates, two deletions deep above all, are too far)
                similarity = _spelling_similarity(text, listed, least)
                if not similarity or _other_first_part(text, listed) or _other_initial(text, listed):
                    continue
                if not abjad and forms_of_two_people(text, listed):
                    continue  # "Maria" / "Mario": two names; "Alekseev" / "Alekseevna", a family name and a patronymic
                if len(listed) < params.fuzzy_min_length and not _inner_letter_added(text, listed, params.fuzzy_min_length):
                    continue  # "Evan" / "Eva", "Alia" / "Ali": a letter on the end of a short word, another name
                found[listed] = TokenMatch(similarity, "fuzzy")
            key_code = "" if text in self.generic or common else phonetic_key(text)
            for listed in self.phonetic.get(key_code, ()) if key_code else ():
                if (
                    found.get(listed, NO_MATCH).similarity < params.phonetic_similarity  # (a typo that sounds alike: the better)
                    and sound_alike(text, listed, key_code)
                    and (abjad or not forms_of_two_people(text, listed))
                ):
                    found[listed] = TokenMatch(params.phonetic_similarity, "phonetic")
        if fuzzy and letters_only(text):
            people = self.people_words
            for form in gender_forms(text):
                if form in people and form not in found:
                    # a family name's other gender form ("Ivanov" / "IVANOVA"), met as the typo it
                    # is, even where the list uses the word itself and typos are not looked up
                    found[form] = TokenMatch(_spelling_similarity(text, form, 0.0), "fuzzy")
            # a theophoric given name and its first part, which sources write for it ("Siraj" /
            # "SIRAJUDDIN", "Rahmatullah" / "RAHMAT"), either way round, the part in any of the
            # romanisations' spellings ("Nassir", "Naseer" / "NASIRUDDIN"; "Nasiruddin" / "NASEER")
            stem = theophoric_stem(text)
            short_forms = self._spellings_of_stem(stem) if stem else []
            # (each of these meets a listed word at the best of the ways it does: a typo found
            # above does not hide a closer reading, "Alotaibi" / "OTAIBI" run-on article; the
            # other romanisations below only pair what nothing else did, as the scorer does)
            for listed in [*short_forms, *self._theophoric_names().get(romanisation_key(text), ())]:
                _keep_better(found, listed, self.short_form_match)
            for listed in self._nicknamed(text):
                _keep_better(found, listed, self.nickname_match)
            for listed in self._spelt_alike(text):  # "Yehia" / "YAHYA"
                _keep_better(found, listed, self.romanisation_match)
            if not abjad and self._rarely_listed(text):
                # a listed person's word in another romanisation of Arabic ("Hameiah" / "HAMIEH",
                # "Qadhafi" / "GADDAFI"), which the scorer pairs in people's names
                for listed in self._skeleton_spellings(text):
                    if listed not in found:  # (a typo found above stays one, as the scorer takes it)
                        found[listed] = self.skeleton_match
                if not self.ordinary_word(text):
                    # a listed word spelt as another romanisation writes it ("Taiba" / "TAYYIBA",
                    # "Vimonsri" / "WIMONSI"), as the scorer compares words the index did not pair
                    for listed in self._romanised_spellings(text):
                        if listed not in found:
                            found[listed] = self.romanisation_match
            # a listed word with the Arabic article run on, or written without it, either way
            # round ("Sisi" / "ALSISI", "Alhakim" / "HAKIM", "Annour" / "AL NOUR RADIO"), as the
            # scorer pairs them (an organisation's common words aside: "Alliance" is no "liance")
            core = article_run_core(text)
            kept = core in people or (core in self.unit_weight and not self.ordinary_word(core))
            for listed in [*([core] if kept else []), *self._article_runs().get(text, ())]:
                _keep_better(found, listed, self.article_match)
            if core and not kept and text not in self.unit_weight and not self.ordinary_word(core):
                # the rest of an unlisted word with the article run on, spelt as a listed
                # person's word in another romanisation ("Elkaddafi" / "QADHAFI": "kaddafi"), as
                # the scorer pairs them
                for listed, hit in self.matches(core, abjad, fuzzy).items():
                    if listed in people and hit.how != "article":
                        _keep_better(found, listed, TokenMatch(hit.similarity * ARTICLE_RUN_SHARE, hit.how))
        if fuzzy and letters_only(text) and (text in self.places or (text not in self.unit_weight and not self.ordinary_word(text))):
            # long words of one stem and forms of one place name ("Krasnodarskogo" / "Krasnodarskiy",
            # "Iran" / "Iranian"): a place always, another word when the list does not use it
            # (taken as written, as for typos); never a generic or common word, whose other forms
            # weigh little and are in many names
            for stem_key in stem_keys(text):
                for listed in self.stems.get(stem_key, ()):
                    if listed in found:
                        continue
                    if shared_stem(text, listed) and text not in self.common:
                        found[listed] = TokenMatch(params.stem_similarity, "stem")
                    elif derived_pair(text, listed):
                        found[listed] = TokenMatch(params.stem_similarity, "derivation")
        if fuzzy and not self.ordinary_word(text):
            # a typo that is another romanisation's spelling ("Wiktor" / "Viktor") is that
            # spelling; a word is looked up by its readings unless the list uses it often (a
            # common given name, whose spellings would bring in every one of their many bearers
            # again: name_variants.yaml makes those one word)
            romanised = TokenMatch(params.romanisation_similarity, "romanisation")
            for listed, hit in found.items():
                if hit.how in SOUND_OR_TYPO and hit.similarity < romanised.similarity and listed in self.people_words:
                    if cyrillic_spellings_agree(text, listed):  # (a company's word with a typo stays a typo)
                        found[listed] = romanised
            if self._rarely_listed(text):
                for reading in cyrillic_readings(text):
                    for listed in self.cyrillic.get(reading, ()):
                        if listed not in found and cyrillic_spellings_agree_at(reading, text, listed):
                            found[listed] = romanised
        if abjad:
            skeletons = self._skeleton_index()
            for key_text in abjad_skeletons(text):
                for listed in skeletons.get(key_text, ()):
                    if listed not in found and skeletons_agree(text, listed):
                        found[listed] = TokenMatch(params.skeleton_similarity, "skeleton")
        if text in canonical_names() or text in given_name_spellings() or text in nicknames():  # "Hasan" meets no "Husayn", "Mary" no "Mark": two names
            for listed in [listed for listed, hit in found.items() if hit.how != "synonym" and two_names(text, listed)]:
                del found[listed]
        if fuzzy and len(text) <= KOREAN_MOST_LETTERS:
            # a listed person's Korean syllable in another romanisation ("CHO, Yong Chol" / "JO,
            # Yong Chol", "Pom" / "BOM"), which the scorer pairs in two Korean names only: what
            # nothing else met (last, so that no other reading is hidden behind it)
            for listed in [word for key in self._korean_keys(text) for word in self._korean_syllables().get(key, ())]:
                if listed != text and listed not in found:
                    found[listed] = self.korean_match
        if fuzzy and len(text) <= BURMESE_MOST_LETTERS:
            # a listed person's Burmese syllable in another English spelling ("HTAY" / "hte", "SOE"
            # / "so"), which the scorer pairs for a name written in Burmese only: what nothing else met
            for listed in self._burmese_syllables().get(burmese_key(text), ()):
                if listed != text and listed not in found:
                    found[listed] = self.burmese_match
        if fuzzy and not abjad and text not in self.unit_weight and INITIALS_RUN_KEY + text in self.unit_bound:
            # the initials of a run of listed words ("PSB"): looked up for a word the list does not
            # write (one it writes, "Ben", "Sun", meets its own bearers, and so many runs by chance)
            found[INITIALS_RUN_KEY + text] = self.acronym_match
        return found
