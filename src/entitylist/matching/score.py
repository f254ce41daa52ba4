"""Scoring one query against one indexed name, with an explanation built from the same features.

The name score aligns query units with listed units (greedily, best weighted similarity first,
each token used once) and combines two coverages: how much of the listed name's weight the query
explains, and how much of the query's weight the listed name explains. Then named features from
``vocab/match_weights.yaml`` add or subtract: exact name, legal-form agreement or conflict, and,
when the name alone is strong enough, country and address evidence.
"""

from __future__ import annotations

import math
import re
from operator import itemgetter
from typing import Any, Final, TypeAlias

from rapidfuzz.distance import Indel, JaroWinkler

from entitylist.matching import kinds
from entitylist.matching.evidence import NO_BIRTH_DATES, BirthDates, birth_dates_agree
from entitylist.matching.index import (
    ABJAD_RUN_MIN_LENGTH, ARTICLE_RUN_MIN_LENGTH, CONTRACTION_MIN_LENGTH, IBERIAN_PARTICLES, ONE_POSITION, PHONETIC_MIN_SPELLING,
    BURMESE_MOST_LETTERS, POSITIONS_SHARED, SOUND_OR_TYPO,
    IndexedName, NameIndex, administrative_words,
    TokenMatch, Unit, UnitLookup, abjad_key, abjad_run_skeletons, abjad_skeletons, acronym_initials, after_iberian_particle,
    article_run_core, burmese_key, cyrillic_spellings_agree, file_under, latin_skeletons_agree, lone_digit, middle_name_positions,
    other_korean_syllables,
    romanised_skeletons_agree, unit_list, units_of,
)
from entitylist.matching.burmese import BURMESE_WORD
from entitylist.matching.chinese import CHINESE_COUNTRIES
from entitylist.matching.japanese import japanese_form, loanword_forms, name_forms
from entitylist.matching.korean import hangul_forms, korean_form
from entitylist.matching.kontsevich import kontsevich_forms
from entitylist.matching.memo import Memo
from entitylist.matching.polivanov import polivanov_form
from entitylist.matching.western_in_russian import western_forms
from entitylist.matching.palladius import palladius_form
from entitylist.matching.thai import unaspirated
from entitylist.matching.normalize import (
    KOREAN_MOST_LETTERS, KOREAN_NAME_MOST_WORDS, NormalizedName, has_eo, het_read, korean_key, korean_syllable_name,
    normalize_name, separate_names, sin_read,
    stopwords,
)
from entitylist.matching.vocabulary import (
    LETTERS, abjad_particle_words, abjad_particles, given_name_spellings, government_abbreviations, in_simplified, initials_of,
    is_pinyin, korean_family_names_also_chinese, korean_family_names_every, letters_only, legal_form_letters, nicknames, numbers,
    one_syllable_apart, person_words, pinyin_syllables, single_syllables,
)
from entitylist.matching.wade_giles import as_pinyin, romanised_chinese
from entitylist.matching.weights import Weights

_ADDRESS_TOKEN: Final = re.compile(r"[0-9a-z]+")

EXACT_MATCH: Final = TokenMatch(1.0, "exact")  # (a word met as written, compared directly)


# The classes made for every query and candidate are plain classes: in the compiled core a
# dataclass's generated ``__init__`` runs as interpreted Python, about five times the cost.


class Evidence:
    """What the user gave besides the name."""

    def __init__(
        self,
        country: str | None = None,
        address_tokens: frozenset[str] = frozenset(),
        party_countries: frozenset[str] = frozenset(),
        party_address_tokens: frozenset[str] = frozenset(),
        party_is_person: bool = False,
        party_kind: str = kinds.UNKNOWN,
        query_kind: str = kinds.UNKNOWN,
        birth: BirthDates = NO_BIRTH_DATES,
        party_birth: BirthDates = NO_BIRTH_DATES,
        nationality: str | None = None,
        party_nationalities: frozenset[str] = frozenset(),
        identifiers: frozenset[str] = frozenset(),
        party_identifiers: frozenset[str] = frozenset(),
    ) -> None:
        """``party_kind`` / ``query_kind``: see :mod:`entitylist.matching.kinds`; the query's is
        what the user said it is (unknown when not said)."""
        self.country: Final = country
        self.address_tokens: Final = address_tokens
        self.party_countries: Final = party_countries
        self.party_address_tokens: Final = party_address_tokens
        self.party_kind: Final = kinds.PERSON if party_is_person and party_kind == kinds.UNKNOWN else party_kind
        self.party_is_person: Final = self.party_kind == kinds.PERSON
        self.query_kind: Final = query_kind
        self.birth: Final = birth
        self.party_birth: Final = party_birth
        self.nationality: Final = nationality
        self.party_nationalities: Final = party_nationalities
        self.identifiers: Final = identifiers
        self.party_identifiers: Final = party_identifiers


class PreparedQuery:
    """A query normalised once, with each unit's possible listed matches."""

    def __init__(
        self, normalized: NormalizedName, units: tuple[Unit, ...], lookups: list[UnitLookup], initials: str = "",
        pinyin: bool = False,
    ) -> None:
        self.normalized: Final = normalized
        self.units: Final = units
        self.lookups: Final = lookups
        self.initials: Final = initials
        self.pinyin: Final = pinyin  # written wholly in pinyin as names are (see ``_pinyin_name``)
        self._by_listed: dict[str, list[tuple[int, TokenMatch]]] | None = None
        self._middles: tuple[int, ...] | None = None
        self._weights: tuple[float, ...] = ()
        self._weights_of: NameIndex | None = None  # (the index they were weighed by)

    def token_weights(self, index: NameIndex) -> tuple[float, ...]:
        """Each token's ``index.weight``, weighed once (candidate search and the scoring of each
        candidate ask for them)."""
        if self._weights_of is not index:
            # (a listed word's weight read from the table, not through a call of ``NameIndex.weight``)
            listed = index.unit_weight
            self._weights = tuple([
                known if (known := listed.get(token)) is not None else index.weight(token) for token in self.normalized.tokens
            ])
            self._weights_of = index
        return self._weights

    def middle_names(self) -> tuple[int, ...]:
        """Where the query may be a person's name, its middle names (``index.middle_name_positions``):
        a listed name met in full may leave them out at an optional word's cost ("Pablo Emilio
        Escobar Gaviria" / "Pablo Escobar"); none in a name with a legal form or a word that only
        organisations' names carry. Worked out once, when first needed."""
        if self._middles is None:
            normalized = self.normalized
            tokens = normalized.tokens
            marks = kinds.organization_words()  # (compiled, ``any`` of a generator is a loop; ``isdisjoint`` a method call)
            if len(tokens) < 3 or normalized.organization_form or any(token in marks for token in tokens):
                self._middles = ()
            else:
                self._middles = middle_name_positions(normalized.given or normalized.text, tokens)
        return self._middles

    @classmethod
    def build(cls, normalized: NormalizedName, index: NameIndex) -> PreparedQuery:
        tokens = normalized.tokens
        units = unit_list(tokens)
        listed_words = index.unit_weight
        for start in range(len(tokens) - 2):  # three words the list writes as one ("Wu Jia Qu" / "WUJIAQU")
            joined = tokens[start] + tokens[start + 1] + tokens[start + 2]
            # (in an abjad script, looked up by their consonants: "امیر عبد الله" / "AMIR ABDULLAH")
            if (normalized.abjad or joined in listed_words) and letters_only(joined):
                units.append(Unit(joined, (start, start + 1, start + 2)))
        weights = index.weights
        starts = weights.phrase_starts
        for start, token in enumerate(tokens):  # multi-word synonyms ("know how" for technology)
            if token in starts:
                for size in (2, 3):
                    if start + size > len(tokens):
                        break
                    phrase = " ".join(tokens[start:start + size])
                    if phrase in weights.synonyms:
                        units.append(Unit(phrase, tuple(range(start, start + size))))
        lookups = index.lookups([u.text for u in units], [len(u.positions) == 1 for u in units], normalized.abjad)
        if normalized.abjad:  # its joined words by their consonants, the article of the second inside
            lookups = [
                index.abjad_run_lookup([tokens[p] for p in unit.positions]) if len(unit.positions) > 1 else lookup
                for unit, lookup in zip(units, lookups, strict=True)
            ]
        if normalized.abjad and normalized.written:  # its words put into English, also as written ("office", "mktb")
            lookups = _with_written_words(normalized, units, lookups, index)
        if normalized.cyrillic:  # its words as listed Latin words in other romanisations ("Хуавей" / "Huawei")
            lookups = [
                index.cyrillic_lookup(unit.text, lookup) if len(unit.positions) == 1 else lookup
                for unit, lookup in zip(units, lookups, strict=True)
            ]
        # (a name in Chinese characters too, read in pinyin: "毛泽东" / "Mao Tse-tung"; not one in kana or Hangul)
        original = normalized.original
        chinese = "" if normalized.abjad or (original != "" and _KANA_OR_HANGUL.search(original) is not None) else romanised_chinese(tokens)
        if chinese:  # Wade-Giles against pinyin ("Chang Chun-hsiung" / "Zhang Junxiong")
            wade_giles = chinese == "wade-giles"
            cyrillic = normalized.cyrillic
            lookups = [
                index.chinese_lookup(u.text, lookup, wade_giles, len(u.positions) == 1, cyrillic)
                for u, lookup in zip(units, lookups, strict=True)
            ]
        by_word = index.abbreviations_by_word
        for token in tokens:  # a government body's words in full, for its usual abbreviation listed ("FSB")
            abbreviated = by_word.get(token)
            if abbreviated is None:
                continue
            for short, needed in abbreviated:  # (a list, walked by index: with a tuple for none, an iterator)
                if short not in tokens and needed.issubset(tokens):
                    units.append(Unit(short, tuple(p for p, t in enumerate(tokens) if t in needed)))
                    lookups.append(index.abbreviation_lookup(short))
        pinyin = chinese == "pinyin" and all(is_pinyin(t) for t in tokens)  # (``_pinyin_name``, worked out once)
        # (made as PreparedQuery, not ``cls``: compiled, a call of the class object goes through the interpreter)
        return PreparedQuery(normalized, tuple(units), lookups, acronym_initials(normalized), pinyin)

    @property
    def by_listed(self) -> dict[str, list[tuple[int, TokenMatch]]]:
        """``matches`` inverted (listed unit text -> the query units it may match), so a
        candidate is scored by walking its own units once; made when first scored."""
        if self._by_listed is None:
            inverted: dict[str, list[tuple[int, TokenMatch]]] = {}
            for qi, lookup in enumerate(self.lookups):
                for text, hit in lookup.found.items():
                    file_under(inverted, text, (qi, hit))
            self._by_listed = inverted
        return self._by_listed


def _with_written_words(
    normalized: NormalizedName, units: list[Unit], lookups: list[UnitLookup], index: NameIndex,
) -> list[UnitLookup]:
    """The look-ups of a name in an abjad script whose generic words the vocabulary put into
    English, each such word's with what it meets as written (``NameIndex.written_lookup``)."""
    tokens, written, sources = normalized.tokens, normalized.written, normalized.sources
    out = list(lookups)
    for at, unit in enumerate(units):
        if len(unit.positions) != 1:
            continue
        source = sources[unit.positions[0]]
        if len(source) == 1 and written[source[0]] != tokens[unit.positions[0]]:
            out[at] = index.written_lookup(unit.text, written[source[0]], lookups[at])
    return out


def other_forms(normalized: NormalizedName, person: bool) -> tuple[NormalizedName, ...]:
    """The other forms a name is looked up and compared as, beside itself: a name in Chinese
    characters as its words read (``NormalizedName.read``), one that may be Japanese as it reads
    in Japanese (``japanese_form``) and as a person's name may (``name_forms``), a foreign name
    in katakana as the name it writes (``loanword_forms``), one that may be a Korean person's
    name as it reads in Korean (``korean_form``), a name in Hangul not said to be a person's as
    its words read (``hangul_forms``), a name in Thai with its aspirated consonants unaspirated
    (``thai.unaspirated``), one in Hebrew with its shin read as sin (``sin_read``) and its het as
    "ch" or "kh" (``het_read``); a name written in Russian as the Chinese name in pinyin
    (``palladius_form``), the Japanese name in Hepburn (``polivanov_form``), the Korean
    person's name in Hangul (``kontsevich_forms``) or the English or Spanish name
    (``western_forms``) it may write; none for most names. (Each reading asked only where the
    name holds its script: the Japanese, Korean and Russian readings are interpreted modules,
    not called for others.)"""
    read = normalized.read()
    if read is None and not normalized.original and not normalized.cyrillic and not normalized.abjad:
        return ()  # (most names: nothing made for them)
    found: list[NormalizedName] = []
    if read is not None:
        found.append(read)
    if normalized.abjad:
        # a name in Thai with an aspirated consonant also read without its "h"; one in Hebrew with
        # a shin also read with it as sin, and with a het as "ch" or "kh"
        for other in (unaspirated(normalized.given), sin_read(normalized.given), het_read(normalized.given)):
            if other is not None:
                form = normalize_name(other, person)
                if form.tokens != normalized.tokens:
                    found.append(form)
    if normalized.original:
        japanese = japanese_form(normalized, person)
        if japanese is not None:
            found.append(japanese)
            found.extend(name_forms(normalized, person))  # (a person's name in kanji read other ways: "菅義偉", "Suga")
        for loanword in loanword_forms(normalized, person):
            if japanese is None or loanword.tokens != japanese.tokens:
                found.append(loanword)
        korean = korean_form(normalized, person)
        if korean is not None:
            found.append(korean)
        found.extend(hangul_forms(normalized, person))
    if normalized.cyrillic:
        palladius = palladius_form(normalized, person)
        if palladius is not None:
            found.append(palladius)
        hepburn = polivanov_form(normalized, person)
        if hepburn is not None:
            found.append(hepburn)
        found.extend(kontsevich_forms(normalized, person))
        found.extend(western_forms(normalized, person))
    return tuple(found)


# what an explanation is made of (see ``score``): kept with a score until the explanation is asked for
ExplanationParts: TypeAlias = tuple[
    IndexedName, tuple[str, ...], list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]], set[int], set[int], list[int],
    tuple[float, ...], float, float, float, bool, list[tuple[str, float, float]], Weights,
]


class Scored:
    """A score, the name similarity it started from, and (when asked for) its explanation, or
    what it is made of (``parts``: see :func:`explanation_of`)."""

    def __init__(
        self, score: float, name_score: float, explanation: dict[str, Any] | None = None, parts: ExplanationParts | None = None,
    ) -> None:
        self.score: Final = score
        self.name_score: Final = name_score
        self.explanation: Final = explanation if explanation is not None else {}
        self.parts: Final = parts


_NO_ADDRESS: Final[frozenset[str]] = frozenset()  # (one, not one made for every query without an address)


def address_tokens(text: str | None) -> frozenset[str]:
    if not text:
        return _NO_ADDRESS
    return frozenset(t for t in _ADDRESS_TOKEN.findall(text.casefold()) if len(t) >= 3)


def _initials_span(short: str, initials: str, leading: bool = True) -> tuple[int, ...] | None:
    """The positions of a run of at least two words whose initials spell ``short``. Two letters
    spell some run of a long name too often: they count only for the first words of the name,
    and only when ``leading`` (the short word begins its own name: "MB Bank" / "Mir Business
    Bank", not "Doncoaltrade SP" / "... Shanghai Pudong ...")."""
    if not 2 <= len(short) <= 6 or len(initials) < 2 or not letters_only(short):
        return None
    if len(short) == 2:
        return (0, 1) if leading and initials.startswith(short) else None
    at = initials.find(short)
    return tuple(range(at, at + len(short))) if at >= 0 else None


def _abbreviated_span(short: str, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The positions of the words a government abbreviation stands for ("mss": ministry, state,
    security)."""
    stops = stopwords()
    needed = {w for w in government_abbreviations()[short] if w not in stops}
    return tuple(p for p, t in enumerate(tokens) if t in needed)




def _contraction_from(word: str, at: int, tokens: tuple[str, ...], position: int, used: list[tuple[int, int]]) -> bool:
    """Whether ``word[at:]`` is spelt by prefixes of the words from ``position`` on, in order,
    one word at most skipped between two prefixes; (word position, prefix length) of each part
    is appended to ``used``."""
    token = tokens[position]
    longest = 0
    while longest < len(token) and at + longest < len(word) and word[at + longest] == token[longest]:
        longest += 1
    for size in range(longest, 0, -1):  # the longest prefix first: "colcerdos" = "col" + "cerdos"
        used.append((position, size))
        end = at + size
        if end == len(word):
            return True
        for following in (position + 1, position + 2):
            if following < len(tokens) and letters_only(tokens[following]) and _contraction_from(word, end, tokens, following, used):
                return True
        used.pop()
    return False


def contraction_span(word: str, tokens: tuple[str, ...]) -> tuple[int, ...] | None:
    """The positions of the words a one-word contraction is made of: the beginnings of two or
    more words run together, as Spanish and Russian company names are shortened ("Colcerdos" for
    "Colombiana de Cerdos", "Impecua" for "Industrial Minera y Pecuaria"). At least one part has
    three letters, and the word is not simply two words written together."""
    parts = contraction_parts(word, tokens)
    return tuple(p for p, _size in parts) if parts else None


_CONTRACTION_PARTS: Final = LETTERS.contraction_parts


def contraction_parts(word: str, tokens: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """:func:`contraction_span` with the length of each part: (word position, letters taken).
    (The search in C where compiled, for ASCII words: matching asks it of each word of a query
    it has not met before against every listed name the word's contraction keys reach, 2 % of
    the time of a file of company names; ``_letters.c`` leaves only pinyin to be asked here.)"""
    if len(word) < CONTRACTION_MIN_LENGTH or not letters_only(word) or len(tokens) < 2:
        return None
    compiled = _CONTRACTION_PARTS(word, tokens)
    if not isinstance(compiled, bool):
        # (tested last: reading pinyin's syllables takes a second the first time)
        return None if compiled is None or is_pinyin(word) else compiled
    for start in range(len(tokens) - 1):
        first = tokens[start]
        if first[0] != word[0] or first == word or not letters_only(first):
            continue
        used: list[tuple[int, int]] = []
        if _contraction_from(word, 0, tokens, start, used) and len(used) >= 2:
            if "".join(tokens[p] for p, _size in used) != word and max(size for _p, size in used) >= 3:
                # (tested last: reading pinyin's syllables takes a second the first time)
                return None if is_pinyin(word) else used  # a romanised Chinese name is syllables, not
                # beginnings ("Lianchuang" / "Lianhai Chuangzhi")
    return None


ABBREVIATION_LENGTHS: Final = (3, 8)  # letters of a word that may abbreviate a name
ABBREVIATION_PART_MAX: Final = 3  # letters one word gives an abbreviation
ABBREVIATION_MIN_PARTS: Final = 3


def _abbreviation_from(word: str, at: int, tokens: tuple[str, ...], position: int, skipped: bool, used: list[int]) -> bool:
    """Whether ``word[at:]`` is spelt by the first letters of the words from ``position`` on, in
    order, at most one word skipped in all; the positions used are appended to ``used``."""
    token = tokens[position]
    longest = 0
    while longest < min(len(token), ABBREVIATION_PART_MAX) and at + longest < len(word) and word[at + longest] == token[longest]:
        longest += 1
    for size in range(longest, 0, -1):
        used.append(position)
        end = at + size
        if end == len(word):
            return True
        for following in (position + 1, position + 2):
            skips = following == position + 2
            if skips and skipped:
                break
            if following < len(tokens) and letters_only(tokens[following]) and _abbreviation_from(word, end, tokens, following, skipped or skips, used):
                return True
        used.pop()
    return False


def abbreviation_span(word: str, tokens: tuple[str, ...], legal_form: bool = False) -> tuple[int, ...] | None:
    """The positions of the words a one-word abbreviation is made of: the first one to three
    letters of each, in order from the name's first word, at most one word skipped, at least three
    words and half the name's words used ("HDASCO" / "Hafez Darya Arya Shipping Company", "Cimex" /
    "Compania de Importacion y Exportacion Iberia", "Trapsa" / "Taller de Reparaciones de
    Aerodinos sus Partes y Servicios Aereos"). ``legal_form``: the name carries a legal form,
    whose letters may end the abbreviation as one more part ("Osermaca" / "Obras, Servicios y
    Mantenimientos C.A."; see ``vocab/legal_form_letters.yaml``). Not a romanised Chinese word."""
    shortest, longest = ABBREVIATION_LENGTHS
    if not shortest <= len(word) <= longest or not letters_only(word) or len(tokens) < 2:
        return None
    if not letters_only(tokens[0]) or tokens[0][0] != word[0] or word in tokens:
        return None
    endings = [""]
    if legal_form:
        endings += [e for e in legal_form_letters() if len(word) - len(e) >= 2 and word.endswith(e)]
    for ending in endings:
        used: list[int] = []
        stem = word[: len(word) - len(ending)]
        if not _abbreviation_from(stem, 0, tokens, 0, False, used):
            continue
        parts = len(used) + (1 if ending else 0)
        # two parts only when they are the whole name, two letters or more each ("Coiba" /
        # "Comercial Iberoamericana")
        whole = parts == 2 and not ending and len(tokens) == 2 and any(
            word[:k] == tokens[0][:k] and word[k:] == tokens[1][:len(word) - k] for k in range(2, len(word) - 1)
        )
        if (parts < ABBREVIATION_MIN_PARTS and not whole) or 2 * len(used) < len(tokens) or is_pinyin(word):
            continue
        return tuple(used)
    return None


Pair = tuple[float, tuple[int, ...], tuple[int, ...], TokenMatch]
_VALUE: Final = itemgetter(0)  # a pair's value, what pairs are sorted by (called in C, no Python function per pair)


def _runs_against_singles(
    runs_of: tuple[str, ...], singles_of: tuple[str, ...], used_runs: int, used_singles: int,
    both_orders: bool = False,
) -> list[tuple[tuple[tuple[int, ...], str], tuple[int, str]]]:
    """Runs of 2-3 unpaired words on one side, each with every long unpaired word on the other.
    ``used_runs``, ``used_singles``: the positions already paired on each side, as bits (see
    ``_token_pairs``). ``both_orders``: two words are also joined the other way round (a person's name written
    "FAMILY, Given": "ULLAH, Aman" is "Amanullah")."""
    # (the singles' lengths first, and a run's length before anything is made for it: most pairs
    # of names have no run within three letters of a single, and nothing is built for them)
    shortest = longest = 0
    for p in range(len(singles_of)):
        size = len(singles_of[p])
        if size >= 6 and not (used_singles >> p) & 1:
            if not longest:
                shortest = longest = size
            elif size < shortest:
                shortest = size
            elif size > longest:
                longest = size
    if not longest:
        return []
    runs: list[tuple[tuple[int, ...], str]] = []
    free: list[bool] = []  # (words a run may hold: asked once a run's length is in reach)
    for size in (2, 3):
        for start in range(len(runs_of) - size + 1):
            length = len(runs_of[start]) + len(runs_of[start + 1]) + (len(runs_of[start + 2]) if size == 3 else 0)
            if length < shortest - 3 or length > longest + 3:
                continue  # (a run more than three letters longer or shorter than every single meets none)
            if not free:
                free = [not (used_runs >> p) & 1 and letters_only(token) for p, token in enumerate(runs_of)]
            if free[start] and free[start + 1] and (size == 2 or free[start + 2]):
                positions: tuple[int, ...] = (start, start + 1) if size == 2 else (start, start + 1, start + 2)
                joined = runs_of[start] + runs_of[start + 1]
                runs.append((positions, joined if size == 2 else joined + runs_of[start + 2]))
                if both_orders and size == 2:
                    runs.append((positions, runs_of[start + 1] + runs_of[start]))
    if not runs:
        return []
    singles = [(p, t) for p, t in enumerate(singles_of) if not (used_singles >> p) & 1 and len(t) >= 6]
    return [(run, single) for run in runs for single in singles if abs(len(run[1]) - len(single[1])) <= 3]


def _abjad_runs(q_tokens: tuple[str, ...], l_tokens: tuple[str, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(query positions, listed positions) of 2-3 neighbouring words on one side that the other
    side writes as one, for a query in an abjad script, by levelled consonants: "سعد الدين" /
    "Saduddin", "عبد الرحمن" / "Abderrahmane", "عبدالرحمن" / "Abdul Rahman". Words already paired
    are not left out: a word may pair alone by chance ("سعد" / "Sayyed") and belong to a run."""
    found: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for size in (2, 3):
        for start in range(len(q_tokens) - size + 1):
            words = list(q_tokens[start:start + size])
            if not all(letters_only(word) for word in words):
                continue
            for lp, listed in enumerate(l_tokens):
                if len(listed) < ABJAD_RUN_MIN_LENGTH or not letters_only(listed):
                    continue
                if abjad_key(listed) in abjad_run_skeletons(words, listed):
                    found.append((tuple(range(start, start + size)), (lp,)))
        for start in range(len(l_tokens) - size + 1):
            run = l_tokens[start:start + size]
            if not all(letters_only(word) for word in run):
                continue
            key = abjad_key("".join(run))
            for qp, word in enumerate(q_tokens):
                if letters_only(word) and key in abjad_skeletons(word, run[-1]):
                    found.append(((qp,), tuple(range(start, start + size))))
    return found


def _korean(tokens: tuple[str, ...], pinyin: bool = False) -> bool:
    """Whether a person's name holds a Korean family name (see person_names.yaml); one that is a
    Chinese family name in pinyin too ("Yu", "Gu") only where the pair is not two names in pinyin
    (``pinyin``: "Gu Bin" / "Gu Pin" are two Chinese names, "Yoo Jae-suk" a Korean one). (One set
    asked a word, as before the Chinese-too names: scoring asks it of every pair of people's names.)"""
    every = korean_family_names_every()
    for token in tokens:
        if token in every and not (pinyin and token in korean_family_names_also_chinese()):
            return True
    return False


_WORD: Final = re.compile(r"\w+")


def acronyms_unwritten(name: NormalizedName) -> bool:
    """Whether a name of two words or more is written in small letters and capitals with none of
    its words in capitals, as an acronym or initials are written ("IRGC", "Bank SEPAH", "E. S.
    Co."): its words are then words, not acronyms ("Хегай Сен" is no "Servicios Educativos y de
    Negocios"; "Синдзо Абэ" no "Alomgy and Bros. Exchange"). A name all in capitals, or all in
    small letters, says nothing either way."""
    given = name.given
    known = _ACRONYMS_UNWRITTEN.get(given)
    if known is None:
        words = [] if given == given.upper() or given.islower() else _WORD.findall(given)
        # (initials too: "E. S. Co.")
        known = _ACRONYMS_UNWRITTEN.keep(given, len(words) > 1 and not any(word.isupper() for word in words))
    return known


# (asked of a query for each candidate scored, as organisations' names are: kept by the name as given)
_ACRONYMS_UNWRITTEN: Final[Memo[str, bool]] = Memo(10_000)


_HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")
_KANA_OR_HANGUL: Final = re.compile(r"[\u3040-\u30ff\uac00-\ud7a3]")


def _korean_syllables_alike(query: str, listed: str, eo: bool = False) -> bool:
    """Two words short enough to be Korean syllables (a longer word of a name with a Korean
    family name, "Mahmoud", is compared as any other) with one ``korean_key`` (``eo``: see there)."""
    return (
        len(query) <= KOREAN_MOST_LETTERS and len(listed) <= KOREAN_MOST_LETTERS
        and korean_key(query, eo) == korean_key(listed, eo)
    )


def _burmese_syllables_alike(query: str, listed: str) -> bool:
    """Two spellings of one Burmese syllable ("Soe" / "so", "Htay" / "hte"): one ``burmese_key``."""
    return (
        query != listed and len(query) <= BURMESE_MOST_LETTERS and len(listed) <= BURMESE_MOST_LETTERS
        and burmese_key(query) == burmese_key(listed)
    )


# a Japanese long vowel as passports and other lists write it: "oh" before a consonant or at a
# word's end ("Itoh", "Ohno"), "oo" and "uu" ("Oota", "Yuuki"); readings of Japanese write it as
# the vowel alone. ("ou" is not levelled: pinyin's "hou" is no Cantonese "Ho".)
_LONG_VOWEL: Final = re.compile(r"oh(?![aeiouy])|(?<=o)o|(?<=u)u")


def _long_vowel_spelt(query: str, listed: str) -> bool:
    """Whether a listed word is the query's with a Japanese long vowel written ("ito" / "itoh")."""
    return len(listed) > len(query) and _LONG_VOWEL.sub(lambda match: "o" if match.group() == "oh" else "", listed) == query


def _in_hangul(normalized: NormalizedName) -> bool:
    """Whether a name was written in Hangul: a Korean name, whatever its family name reads as
    ("유": "yu", which is also a Chinese family name)."""
    return normalized.original != "" and _HANGUL.search(normalized.original) is not None


def _eo_positions(normalized: NormalizedName) -> int:
    """The words of a name written in Hangul, a word per syllable, whose syllable's vowel is eo or
    yeo (ㅓ, ㅕ), as bits (bit p: word p): the vowel South Korean names also write "u" ("전",
    "Chun"; "현", "Hyun"); 0 for a name not written so, or whose words are not its syllables."""
    syllables = [ch for ch in normalized.original if 0xAC00 <= ord(ch) <= 0xD7A3]
    if not syllables or len(syllables) != len(normalized.tokens):
        return 0
    return sum(1 << p for p, block in enumerate(syllables) if has_eo(block))


def _spellings_agree(index: NameIndex, query: str, listed: str, person: bool) -> bool:
    """Two romanisations of one name word: ``romanised_skeletons_agree`` (people's words) or
    ``latin_skeletons_agree`` (an organisation's, "Shargh" / "SHARQ", "Haramayn" / "HARAMAIN"),
    or ``cyrillic_spellings_agree``; kept per pair of words in the index (a batch meets the same
    pairs of name words again and again)."""
    cache = index.person_pair_cache if person else index.organization_pair_cache
    key = (query, listed)
    found = cache.get(key)
    if found is None:
        agree = romanised_skeletons_agree(query, listed) if person else latin_skeletons_agree(query, listed)
        found = cache.keep(key, agree or cyrillic_spellings_agree(query, listed))
    return found


def _article_run(index: NameIndex, query: str, listed: str, abjad: bool, person: bool) -> TokenMatch | None:
    """Two name words once the Arabic article run onto one is cut (``NameIndex.article_run``),
    or two romanisations of one word so ("Ihsan" / "ELEHSSAN": "ehssan")."""
    found = index.article_run(query, listed, abjad)
    if found is None and _spellings_agree(index, query, listed, person):
        found = index.article_skeleton_match
    return found


TECH_SPELLINGS: Final[tuple[str, ...]] = ("teck", "tech", "tek", "tec")  # one ending of brand names, however spelt (see normalize.Rewrites)


def _tech_spelt_otherwise(query: str, listed: str) -> bool:
    """Two brand words that differ only in how they write their "-tech" ending ("Iflytech" /
    "IFLYTEK", "Sinotek" / "Sinotech"): one brand, not a typo away."""
    if query == listed or not query.endswith(TECH_SPELLINGS) or not listed.endswith(TECH_SPELLINGS):
        return False
    q_stem = next(query[: -len(e)] for e in TECH_SPELLINGS if query.endswith(e))
    l_stem = next(listed[: -len(e)] for e in TECH_SPELLINGS if listed.endswith(e))
    return q_stem == l_stem and len(q_stem) >= 3


def _as_romanisation(hit: TokenMatch, query: str, listed: str, romanised: TokenMatch, person: bool) -> TokenMatch:
    """Words met as a typo that are one word spelt two ways met as that romanisation: a person's
    name in two romanisations of Cyrillic ("Yevgeniy" / "Evgeny"), a brand's "-tech" ending
    ("Iflytech" / "IFLYTEK"); any other hit as it is."""
    if hit.how != "fuzzy":
        return hit
    if person:
        agree = hit.similarity < romanised.similarity and cyrillic_spellings_agree(query, listed)
    else:
        agree = _tech_spelt_otherwise(query, listed)
    return romanised if agree else hit


def _token_pairs(
    query: PreparedQuery, entry: IndexedName, index: NameIndex, acronyms: bool = True, person: bool = False
) -> list[Pair]:
    """Every (query positions, listed positions) pair that may match, with its similarity.
    ``person``: people's names, whose words are also compared by their romanised consonants."""
    params = index.weights.name
    listed_weights = entry.position_weights
    romanised = index.romanisation_match
    # two people's names in pinyin: syllables that differ are other characters, other names ("Wang
    # Fang" / "WANG, Feng", "Chen Wei" / "CHENG, Wei"), not typos or sound-alikes of each other
    # (a name in Chinese characters is read in pinyin for sure, whether or not its syllables look
    # like a name's: its syllables are no Wade-Giles spelling, "市场" / "ZHANG, Shi")
    original = query.normalized.original
    read_pinyin = person and original != "" and _KANA_OR_HANGUL.search(original) is None
    pinyin = person and (query.pinyin or read_pinyin) and _pinyin_name(entry.normalized.tokens)
    q_tokens, l_tokens = query.normalized.tokens, entry.normalized.tokens
    # a Korean person's name on both sides: syllables as each romanisation writes them
    korean_listed = person and _korean(l_tokens, pinyin)
    korean = korean_listed and (_korean(q_tokens, pinyin) or _in_hangul(query.normalized))
    # (and against a name in Wade-Giles, whose syllables are pinyin's in another spelling: "Pu Gang"
    # is no "PU, Chiang", jiang, nor "Pu Cheng"; but not a Korean name, which Wade-Giles syllables
    # also spell: "HAN, Jang Su" is a "Han Chang-su", as McCune-Reischauer writes 장)
    syllables_apart = pinyin or (
        person and (query.pinyin or read_pinyin) and not korean_listed and romanised_chinese(l_tokens) == "wade-giles"
    )
    read_pinyin = read_pinyin and syllables_apart
    eo = _eo_positions(query.normalized) if korean else 0
    # two Korean names written a syllable a word: syllables the romanisations write apart are other
    # syllables, other names ("Jang" / "JONG", "Kang" / "KONG"), as in pinyin above, not typos or
    # sound-alikes of each other
    syllable_names = korean and korean_syllable_name(q_tokens) and korean_syllable_name(l_tokens)
    # a person's name written in Burmese: its syllables as each English spelling writes them
    burmese = person and not korean and query.normalized.foreign_script and BURMESE_WORD.search(query.normalized.given) is not None
    # a person's name written in Chinese or Japanese characters or kana: a listed Japanese name's
    # long vowel as passports write it ("ITOH", "OHNO", "YUUKI") is its syllable as a reading writes it
    long_vowels = person and not korean and original != ""
    pairs: list[Pair] = []
    # the positions paired on each side, as bits (bit p: position p), as are ``spelt_q`` and
    # ``spelt_l`` below: compiled, an int's bits are asked and set natively, where a set of
    # positions is made, boxes each position and hashes it (a few percent of a candidate's scoring)
    paired_q = 0
    paired_l = 0
    by_listed = query.by_listed  # (a property: asked once, not for each unit)
    for li, unit in enumerate(entry.units):
        hits = by_listed.get(unit.text)
        if not hits:
            continue
        weight = sum(listed_weights[p] for p in unit.positions)
        for qi, hit in hits:
            if person and hit.how == "derivation":
                continue  # "Maria" / "Mario": two people, not two forms of one place name
            if syllables_apart and hit.how != "exact" and _other_syllables(query.units[qi].text, unit.text, read_pinyin):
                continue
            if syllable_names and hit.how in SOUND_OR_TYPO and other_korean_syllables(query.units[qi].text, unit.text):
                continue
            # (whether the Hangul says the unit, one syllable, holds eo: see ``korean_key``)
            unit_eo = eo != 0 and len(query.units[qi].positions) == 1 and (eo >> query.units[qi].positions[0]) & 1 == 1
            if hit.how == "burmese" or (burmese and hit.how == "korean"):
                # (the index's Burmese syllables in another spelling: for a name written in Burmese only)
                if not burmese or not _burmese_syllables_alike(query.units[qi].text, unit.text):
                    continue
                hit = romanised
            elif hit.how == "korean":  # (the index's Korean syllables in another romanisation: in two Korean names only)
                if not korean or not _korean_syllables_alike(query.units[qi].text, unit.text, unit_eo):
                    continue  # (the index files eo's "o" levelled too: taken where the Hangul says the vowel is eo)
                hit = romanised
            elif korean and hit.similarity < romanised.similarity and _korean_syllables_alike(query.units[qi].text, unit.text, unit_eo):
                hit = romanised  # a typo that is the syllable in another romanisation ("thae" / "Tae")
            elif burmese and hit.similarity < romanised.similarity and _burmese_syllables_alike(query.units[qi].text, unit.text):
                hit = romanised  # ("htun" / "Tun")
            if not person and hit.how == "skeleton" and not query.normalized.abjad:
                continue  # a listed person's word in another romanisation: compared so in people's names only
            if hit.how == "acronym" and len(query.units[qi].positions) < len(unit.positions) and (
                acronyms_unwritten(query.normalized)
            ):
                continue  # (a query word for a listed run of words: the acronym is the query's)
            hit = _as_romanisation(hit, query.units[qi].text, unit.text, romanised, person)
            q_positions = query.units[qi].positions
            if len(q_positions) > 2 and len(unit.positions) > 1:
                continue  # three words run together meet one listed word, not a listed pair
            if len(q_positions) != len(unit.positions) and hit.how != "acronym":  # ("acronym": "Federal Security Service" / "FSB")
                hit = TokenMatch(min(hit.similarity, params.joined_similarity), "joined")
            pairs.append((hit.similarity * weight, q_positions, unit.positions, hit))
            if hit.how != "short form":  # (a short form leaves its words free to meet joined:
                # "ULLAH, Aman" / "Amanullah")
                for p in q_positions:
                    paired_q |= 1 << p
                for p in unit.positions:
                    paired_l |= 1 << p
    # tokens the index paired with nothing here: compare directly (2-edit typos, sound-alikes)
    abjad = query.normalized.abjad
    spelt_q = 0  # words met by spelling here: not taken for contractions below
    spelt_l = 0
    for qp, q_token in enumerate(q_tokens):
        if (paired_q >> qp) & 1:
            continue
        if len(q_token) < params.fuzzy_min_length and not abjad and q_token not in index.unit_weight:
            # a short word the index has never seen, as the listed name of a pair compared apart
            # from the list may hold ("Xi", "Mao"), which no look-up or spelling below pairs: met
            # as written (a listed word is always the index's, and met so by its look-up)
            for lp in range(len(l_tokens)):
                if not (paired_l >> lp) & 1 and l_tokens[lp] == q_token:  # (paired as a look-up pairs: no run below takes it)
                    pairs.append((listed_weights[lp], (qp,), (lp,), EXACT_MATCH))
                    paired_q |= 1 << qp
                    paired_l |= 1 << lp
                    break
            if (paired_q >> qp) & 1:
                continue
        if len(q_token) < params.fuzzy_min_length - 1 and not abjad:  # "jon" / "john" too
            if korean or burmese:
                # a Korean syllable of a letter or two in another romanisation ("u" / "Woo", "o" /
                # "Oh"), a Burmese one in another spelling ("so" / "Soe", "u" / "Oo")
                for lp, l_token in enumerate(l_tokens):
                    if not (paired_l >> lp) & 1 and (
                        _korean_syllables_alike(q_token, l_token, (eo >> qp) & 1 == 1) if korean
                        else _burmese_syllables_alike(q_token, l_token)
                    ):
                        pairs.append((romanised.similarity * listed_weights[lp], (qp,), (lp,), romanised))
                        spelt_q |= 1 << qp
                        spelt_l |= 1 << lp
            continue
        for lp, l_token in enumerate(l_tokens):
            if (paired_l >> lp) & 1 or (syllables_apart and _other_syllables(q_token, l_token, read_pinyin)):
                continue
            if syllable_names and other_korean_syllables(q_token, l_token):
                continue
            direct = index.pair_similarity(q_token, l_token, abjad)
            if person and direct is not None and direct.how == "derivation":
                direct = None
            if direct is not None:
                direct = _as_romanisation(direct, q_token, l_token, romanised, person)
            # other romanisations of a name word; an organisation's common words are taken as
            # written ("Shark" is no "Sharq")
            spellable = direct is None and (person or not (index.ordinary_word(q_token) or index.ordinary_word(l_token)))
            if spellable and _spellings_agree(index, q_token, l_token, person):
                direct = index.skeleton_match
            elif spellable:
                listed_core = article_run_core(l_token)
                if listed_core:  # "Sisi" / "ALSISI", "Ihsan" / "ELEHSSAN"
                    direct = _article_run(index, q_token, listed_core, abjad, person)
                # "Alsisi" / "SISI" (a longer query word: pair_similarity)
                query_core = article_run_core(q_token) if direct is None and len(q_token) == ARTICLE_RUN_MIN_LENGTH else ""
                if query_core:
                    direct = _article_run(index, query_core, l_token, abjad, person)
            if korean and (
                korean_key(q_token) == korean_key(l_token) or _korean_syllables_alike(q_token, l_token, (eo >> qp) & 1 == 1)
                if direct is None
                else direct.similarity < romanised.similarity and _korean_syllables_alike(q_token, l_token, (eo >> qp) & 1 == 1)
            ):
                direct = romanised  # (and before a syllable's typo: "thae" / "Tae", 태 read with its aspiration written)
            elif burmese and (direct is None or direct.similarity < romanised.similarity) and _burmese_syllables_alike(q_token, l_token):
                direct = romanised  # ("hte" / "Htay")
            elif long_vowels and direct is None and _long_vowel_spelt(q_token, l_token):
                direct = romanised  # ("伊藤", "ito" / "ITOH")
            if direct is None:  # "Mohmed" / "MOHAMMED" (read "muhammad")
                direct = index.misspelt_variant(q_token, l_token)
            if direct is None and person and _particle_run_on(q_token, l_token, query.normalized, entry.normalized):
                direct = index.joined_match  # "Deleon" / "DE LEON"
            if direct is not None:
                pairs.append((direct.similarity * listed_weights[lp], (qp,), (lp,), direct))
                spelt_q |= 1 << qp
                spelt_l |= 1 << lp
    if person:
        pairs.extend(_initials(q_tokens, l_tokens, paired_q | spelt_q, paired_l | spelt_l, listed_weights, index.initial_match))
    if entry.normalized.written or query.normalized.written:
        pairs.extend(_typos_of_written(query, entry, index, paired_q | spelt_q, paired_l | spelt_l))
    # words run together or split apart beyond neighbour pairs, with typos ("Had Kaew" / "Hatkaew",
    # "Nam Chon Gang" / "Namchongang"): join runs of two or three unpaired words on one side
    joined_cap = params.joined_similarity
    joinable = ("fuzzy", "phonetic", "romanisation") if person else ("fuzzy",)  # "Kheir Beik" / "Khayrbik"
    for q_run, l_one in _runs_against_singles(q_tokens, l_tokens, paired_q, paired_l, person):
        if not person and not index.may_be_fuzzy(q_run[1], l_one[1]):
            continue  # (most runs: alike in spelling to no listed word)
        direct = index.pair_similarity(q_run[1], l_one[1], False)
        if direct is not None and direct.how in joinable:
            hit = TokenMatch(min(direct.similarity, joined_cap), "joined")
            pairs.append((hit.similarity * listed_weights[l_one[0]], q_run[0], (l_one[0],), hit))
    for l_run, q_one in _runs_against_singles(l_tokens, q_tokens, paired_l, paired_q, person):
        if not person and not index.may_be_fuzzy(q_one[1], l_run[1]):
            continue
        direct = index.pair_similarity(q_one[1], l_run[1], False)
        if direct is not None and direct.how in joinable:
            hit = TokenMatch(min(direct.similarity, joined_cap), "joined")
            pairs.append((hit.similarity * sum(listed_weights[p] for p in l_run[0]), (q_one[0],), l_run[0], hit))
    if abjad:  # by consonants, a name in an abjad script ("شمس الدين" / "Shamsuddin", "عبدالله" / "Abd Allah")
        abjad_joined = TokenMatch(min(params.skeleton_similarity, joined_cap), "joined")
        for q_pos, l_pos in _abjad_runs(q_tokens, l_tokens):
            pairs.append((abjad_joined.similarity * sum(listed_weights[p] for p in l_pos), q_pos, l_pos, abjad_joined))
    # an acronym on one side for a run of words on the other ("TRO", "IRGC")
    if not acronyms:  # a person's initials are not an acronym ("K.J." is not "Kim Jong")
        return pairs
    acronym = index.acronym_match
    # the pinyin syllables of a name in Chinese characters ("shi" of "Kuang Shi") are no acronyms
    reordered = index.reordered_initials_match  # (weak: see _initials_reordered)
    # only between names that share nothing else, read from a short form that begins its name
    # ("RSRM" is no reordering of "Rajah Solaiman Movement (RSM)", nor "SAC" of "Atlas Shipping Company")
    alone = not pairs
    # (the initials counting small words, never an ordinary word: "Asia" / "al-Salah Islamic Association")
    small_l, small_q = index.acronym_with_small_words(entry.normalized), index.acronym_with_small_words(query.normalized)
    # (none in a name that writes no acronym: see ``acronyms_unwritten``)
    query_acronyms: list[tuple[tuple[int, ...], str]] = [] if query.normalized.original else _acronym_forms(q_tokens, paired_q)
    if query_acronyms and acronyms_unwritten(query.normalized):
        query_acronyms = []
    for positions, token in query_acronyms:
        leading = positions[0] == 0
        span = _initials_span(token, entry.initials, leading)
        if span is None and token in entry.abbreviations:
            span = _abbreviated_span(token, entry.normalized.tokens)
        if span is None:  # the initials of the listed words as written
            span = _written_initials_span(token, entry.normalized, leading)
        if span is None and token == small_l:
            span = tuple(range(len(l_tokens)))
        if span:
            pairs.append((acronym.similarity * sum(listed_weights[p] for p in span), positions, span, acronym))
        elif alone and leading and _initials_reordered(token, entry.normalized) and not index.ordinary_word(token):
            pairs.append((reordered.similarity * sum(listed_weights), positions, tuple(range(len(l_tokens))), reordered))
    for positions, token in () if entry.normalized.original else _acronym_forms(l_tokens, paired_l):
        leading = positions[0] == 0
        span = _initials_span(token, query.initials, leading)
        if span is None:
            span = _written_initials_span(token, query.normalized, leading)
        if span is None and token == small_q:
            span = tuple(range(len(q_tokens)))
        weight = sum(listed_weights[p] for p in positions)
        if span:
            pairs.append((acronym.similarity * weight, span, positions, acronym))
        elif alone and leading and _initials_reordered(token, query.normalized) and not index.ordinary_word(token):
            pairs.append((reordered.similarity * weight, tuple(range(len(q_tokens))), positions, reordered))
    # one word for several on the other side, unpaired words only: a contraction ("Colcerdos"),
    # then an abbreviation ("HDASCO"), which romanised Chinese syllables never are
    shortenings = [(index.contraction_match, False)]
    if not query.normalized.original and not entry.normalized.original:
        shortenings.append((index.abbreviation_match, True))
    for match, abbreviation in shortenings:
        for position, token in enumerate(q_tokens):
            if not ((paired_q | spelt_q) >> position) & 1 and not index.ordinary_word(token):
                span = _span_in(token, entry.normalized, abbreviation)
                if span:
                    weight = sum(listed_weights[p] for p in span)
                    pairs.append((match.similarity * weight, (position,), span, match))
        for position, token in enumerate(l_tokens):
            if not ((paired_l | spelt_l) >> position) & 1 and not index.ordinary_word(token):
                span = _span_in(token, query.normalized, abbreviation)
                if span:
                    pairs.append((match.similarity * listed_weights[position], span, (position,), match))
    # a word that is another word with a part run onto it ("Petrobarrancos" / "Barrancos",
    # "Kahanetzadak" / "Kahane"): weaker still than an abbreviation (``compound_similarity``)
    compound = index.compound_match
    for qp, q_token in enumerate(q_tokens):
        if ((paired_q | spelt_q) >> qp) & 1:
            continue
        for lp, l_token in enumerate(l_tokens):
            if len(q_token) + len(l_token) < 2 * COMPOUND_PART_MIN + COMPOUND_RUN_ON_MIN:
                continue  # (too short for a word and another with a part run on: most pairs)
            if not ((paired_l | spelt_l) >> lp) & 1 and _compound_of(q_token, l_token, index):
                pairs.append((compound.similarity * listed_weights[lp], (qp,), (lp,), compound))
    return pairs


COMPOUND_PART_MIN: Final = 5  # letters of the word inside the compound
COMPOUND_RUN_ON_MIN: Final = 3  # letters run onto it


def _compound_of(one: str, other: str, index: NameIndex) -> bool:
    """Whether one word begins or ends with the whole of the other, with at least three letters
    run on, neither a common or generic word ("Interexpress" / "Express", "Petroleum" / "Petro")."""
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    if len(short) < COMPOUND_PART_MIN or len(long) - len(short) < COMPOUND_RUN_ON_MIN:
        return False
    if not (long.startswith(short) or long.endswith(short)) or not letters_only(long):
        return False
    return not index.ordinary_word(short) and not index.ordinary_word(long)


def _pinyin_name(tokens: tuple[str, ...]) -> bool:
    """A name written wholly in pinyin as names write it (see ``romanised_chinese``; no
    interjection or vowel-initial syllable inside a word: "Sung" is Korean, not "su-ng")."""
    return romanised_chinese(tokens) == "pinyin" and all(is_pinyin(t) for t in tokens)


SPELT: Final = frozenset({"fuzzy", "phonetic", "romanisation", "skeleton", "joined", "stem"})  # matches by spelling or sound


def _another_chinese_name(pair: Pair, q_tokens: tuple[str, ...], l_tokens: tuple[str, ...]) -> bool:
    """An organisation's words met by spelling or sound that are romanised Chinese one syllable
    apart ("Huawen" / "Huawei", "Sailong" / "Sailing", "Hua Wen" / "华为" read "hua wei"): two
    names, whose characters differ, not a typo of one (``vocabulary.one_syllable_apart``)."""
    _value, q_pos, l_pos, hit = pair
    if hit.how not in SPELT:
        return False
    return one_syllable_apart("".join([q_tokens[p] for p in q_pos]), "".join([l_tokens[p] for p in l_pos]))


def _other_syllables(query: str, listed: str, read_pinyin: bool = False) -> bool:
    """Two words of people's names in pinyin that write other syllables, other characters
    ("Fang" / "Feng", "Chen" / "Cheng"), unless one is the other's Wade-Giles spelling ("Chang" /
    "Zhang", "Chao" / "Zhao"), which a pinyin-looking name may be written in. ``read_pinyin``:
    the query is a name in characters read in pinyin, so only the listed word may be a Wade-Giles
    spelling ("市场", "shi chang", the market, is no "ZHANG, Shi"; "张石" is a "CHANG, Shih")."""
    return query != listed and query not in as_pinyin(listed) and (read_pinyin or listed not in as_pinyin(query))


def _initials(
    q_tokens: tuple[str, ...], l_tokens: tuple[str, ...], used_q: int, used_l: int,
    listed_weights: tuple[float, ...], initial: TokenMatch,
) -> list[Pair]:
    """A person's initial on either side for an unmatched name word it begins ("J." / "John")."""
    found: list[Pair] = []
    for qp, q_token in enumerate(q_tokens):
        if (used_q >> qp) & 1:
            continue
        for lp, l_token in enumerate(l_tokens):
            if (used_l >> lp) & 1 or (len(q_token) == 1) == (len(l_token) == 1) or q_token[0] != l_token[0]:
                continue  # (one side a letter, the other a word of two letters or more)
            if letters_only(q_token) and letters_only(l_token):
                found.append((initial.similarity * listed_weights[lp], (qp,), (lp,), initial))
    return found


def _typos_of_written(
    query: PreparedQuery, entry: IndexedName, index: NameIndex, used_q: int, used_l: int,
) -> list[Pair]:
    """A word spelt like a word of the other name as written, which the vocabulary put into
    English ("Kontsren" / "Kontsern", read "concern"; "Recherhces" / "Recherches", read
    "research"), on either side: a typo of the word still meets the tokens it became. A query in
    an abjad script meets the written word by its consonants ("المهاجرين" / "Muhajirin", read
    "emigrants"); its own words as written meet the listed words through its look-ups
    (``NameIndex.written_lookup``: "مكتب", read "office" / "Makhtab")."""
    params = index.weights.name
    listed = entry.normalized
    abjad = query.normalized.abjad
    accepted = ("fuzzy", "skeleton") if abjad else ("fuzzy",)
    weights = entry.position_weights
    found: list[Pair] = []
    for span, word in _rewritten_words(listed, used_l):
        weight = sum(weights[p] for p in span)
        for qp, q_token in enumerate(query.normalized.tokens):
            if (used_q >> qp) & 1 or (len(q_token) < params.fuzzy_min_length and not abjad):
                continue
            direct = index.pair_similarity(q_token, word, abjad)
            if direct is not None and direct.how in accepted:
                found.append((direct.similarity * weight, (qp,), span, direct))
    for span, word in _rewritten_words(query.normalized, used_q):  # ("Катиба", read "brigade" / "Khatiba")
        for lp, l_token in enumerate(listed.tokens):
            if (used_l >> lp) & 1 or len(l_token) < params.fuzzy_min_length:
                continue
            direct = index.pair_similarity(word, l_token, False)
            if direct is not None and direct.how == "fuzzy":
                found.append((direct.similarity * weights[lp], span, (lp,), direct))
    return found


def _rewritten_words(name: NormalizedName, used: int) -> list[tuple[tuple[int, ...], str]]:
    """The words of a name as written that the vocabulary rewrote and that nothing met yet (``used``:
    the positions met, as bits), each with the token positions it became."""
    found: list[tuple[tuple[int, ...], str]] = []
    for wp, word in enumerate(name.written):
        span = tuple(p for p, source in enumerate(name.sources) if source == (wp,))
        if span and not (len(span) == 1 and name.tokens[span[0]] == word) and not any((used >> p) & 1 for p in span):
            found.append((span, word))
    return found


def _acronym_forms(tokens: tuple[str, ...], paired: int) -> list[tuple[tuple[int, ...], str]]:
    """The words of a name that may be an acronym, with their positions: each word, and each run
    of two or more lone letters that met nothing else, read as one ("B R C S.A." / "Barrera Rios
    Camacho ... S.A."; not "S. C. S." / "S. C. S.", met letter by letter)."""
    forms: list[tuple[tuple[int, ...], str]] = []
    run: list[int] = []
    for p, token in enumerate(tokens):
        forms.append((ONE_POSITION[p] if p < POSITIONS_SHARED else (p,), token))  # (the shared tuple: see ``unit_list``)
        if len(token) == 1 and letters_only(token) and not (paired >> p) & 1:
            run.append(p)
        elif run:
            if len(run) >= 2:
                forms.append((tuple(run), "".join(tokens[r] for r in run)))
            run = []
    if len(run) >= 2:
        forms.append((tuple(run), "".join(tokens[r] for r in run)))
    return forms


def _written_initials_span(short: str, name: NormalizedName, leading: bool) -> tuple[int, ...] | None:
    """The token positions of a run of words whose initials as written spell ``short``, for a
    name whose transliterated words were put into English ("SMP" / "Bank Severny Morskoy Put",
    read "bank northern sea put"): the tokens those words became."""
    if not name.written:
        return None
    return _tokens_of_written(name, _initials_span(short, name.written_initials, leading))


def _tokens_of_written(name: NormalizedName, span: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """The token positions that the words at ``span`` of ``name.written`` became."""
    if not span:
        return None
    wanted = set(span)
    return tuple(t for t, source in enumerate(name.sources) if wanted.intersection(source)) or None


REORDERED_INITIALS_LENGTHS: Final = (3, 6)


def _initials_reordered(short: str, name: NormalizedName) -> bool:
    """Whether a word is spelt by the initials of all of a name's words in another order: the
    acronym of the name in its own language, whose word order the translation changed ("FARC" /
    "Revolutionary Armed Forces of Colombia", "GICM" / "Moroccan Islamic Combatant Group"). Weak
    evidence (an abbreviation's similarity): alone it stays below the threshold."""
    shortest, longest = REORDERED_INITIALS_LENGTHS
    if not shortest <= len(short) <= longest or not letters_only(short):
        return False
    initials = name.written_initials or initials_of(name.tokens)
    return short != initials and sorted(short) == sorted(initials)


def _span_in(word: str, name: NormalizedName, abbreviation: bool) -> tuple[int, ...] | None:
    """The token positions an abbreviation or a contraction stands for. A name whose
    transliterated words were put into English is shortened only from its words as written
    ("Coinma" / "Compagnie Industrielle de Materiels", whose first words read "company
    industrial"; "Mosoblbank" / "Moskovskii Oblastnoi Bank"): the tokens those words became."""
    words = name.written or name.tokens
    if abbreviation:
        span = abbreviation_span(word, words, bool(name.legal_forms)) or _abbreviation_with_stopwords(word, name)
    else:
        span = contraction_span(word, words)
    if not span or not name.written:
        return span
    return _tokens_of_written(name, span)


def _abbreviation_with_stopwords(word: str, name: NormalizedName) -> tuple[int, ...] | None:
    """An abbreviation that keeps the initials of the small words normalising drops ("Crymsa" /
    "Comercial Rodajes y Maquinaria S.A.", "Modlex" / "Ministry of Defense Logistics Export"):
    the token positions of the other words it spells. Only for a name whose words are its tokens
    with those small words between them (nothing rewritten)."""
    words = tuple(name.text.split())
    if len(words) == len(name.tokens) or name.written:
        return None
    positions: list[int] = []  # each word's token position, -1 for a dropped small word
    stops = stopwords()
    at = 0
    for text_word in words:
        if at < len(name.tokens) and text_word == name.tokens[at]:
            positions.append(at)
            at += 1
        elif text_word in stops:
            positions.append(-1)
        else:
            return None
    if at != len(name.tokens):
        return None
    span = abbreviation_span(word, words, bool(name.legal_forms))
    if span is None or all(positions[p] >= 0 for p in span):
        return None  # (spelt without a small word: the tokens alone would have found it)
    used = tuple(positions[p] for p in span if positions[p] >= 0)
    # the name's own words make the abbreviation, as many as one without small words needs
    # ("Iosa" is no "Infinity (Fisheries) of ... S.A.")
    return used if len(used) >= ABBREVIATION_MIN_PARTS and 2 * len(used) >= len(name.tokens) else None


def _rests_on_common_words(
    accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]], entry: IndexedName, index: NameIndex
) -> bool:
    """Whether every matched listed word is a common or generic word ("LOTUS" of "LOTUS
    TEXTILES", a vessel named "HARBOR", "IRON MOUNTAIN"): such a match says little when the
    names otherwise differ."""
    tokens = entry.normalized.tokens
    common, generic = index.common, index.generic
    for _q, l_pos, hit in accepted:
        if hit.how in SHORT_FORMS:
            return False
        if hit.how == "derivation":
            continue  # another form of a word ("Kuwait" / "Kuwaiti", "Africa" / "Africana") is weak alone
        for p in l_pos:
            if tokens[p] not in common and tokens[p] not in generic:
                return False
    return bool(accepted)


def _party_evidence(evidence: Evidence, weights: Weights) -> list[tuple[str, float, float]]:
    """Date of birth, nationality and identifiers, where both sides give them."""
    found: list[tuple[str, float, float]] = []
    agreement = birth_dates_agree(evidence.birth, evidence.party_birth)
    if agreement is not None:
        key = {"date": "birth_date_matches", "year": "birth_year_matches", "differs": "birth_date_differs"}[agreement]
        found.append((key, 1.0, weights.feature(key).weight))
    if evidence.nationality and evidence.party_nationalities:
        key = "nationality_matches" if evidence.nationality in evidence.party_nationalities else "nationality_differs"
        found.append((key, 1.0, weights.feature(key).weight))
    if evidence.identifiers and evidence.party_identifiers and evidence.identifiers & evidence.party_identifiers:
        found.append(("identifier_matches", 1.0, weights.feature("identifier_matches").weight))
    return found


def _particle_words(name: NormalizedName, tokens: tuple[str, ...], particles: frozenset[str]) -> list[str]:
    """The particles among a person's name words, none in a name of Chinese syllables, in CJK
    characters, in Burmese or of Korean syllables, which spell them ("Zhu De", "Li Da", "Du Wei":
    see ``single_syllables``; "သိန်းလေး", Thein Lay, "le"; "Kim Do Hyun", ``korean_syllable_name``)."""
    found = [t for t in tokens if t in particles]
    return [] if found and (
        name.original or single_syllables(tokens) or BURMESE_WORD.search(name.given) is not None or korean_syllable_name(tokens)
    ) else found


def _without_one(particles: list[str], kinds_of: frozenset[str], count: int) -> list[str]:
    """The particles without ``count`` of those in ``kinds_of`` (each before a surname one side adds)."""
    kept = list(particles)
    for particle in particles:
        if count and particle in kinds_of:
            kept.remove(particle)
            count -= 1
    return kept


PARTICLE_RUN_MIN_REST: Final = 3  # letters of the name after a particle run onto it ("Abubakar": "bakar")


def _links_only(q_tokens: tuple[str, ...], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]]) -> bool:
    """Whether every word matched is a patronymic link ("bin", "ibn", "ould"), which is no name."""
    links = person_words()[1]
    return all(q_tokens[p] in links for q_pos, _l, _hit in accepted for p in q_pos)


def another_body_named(
    q_tokens: tuple[str, ...], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]],
    used_q: int, used_l: int, left_out: list[int], entry: IndexedName, index: NameIndex,
) -> tuple[list[int], bool]:
    """Whether an organisation query names another body, branch or college than the listed one,
    by a word of its own: a place where the listed name has another place or distinctive word
    ("Sichuan Police College" / "Xinjiang Police College", "Huawei Cloud Wuhan" / "Huawei Cloud
    Beijing", "Ningxia Hui Autonomous Region ..." / "Changji Hui ..."); a distinctive word where
    the listed name has only optional words that say where the body or branch is ("Municipal",
    "People's" of "People's Government", "(Shanshan)"), between the same matched words or after
    the last ("Urumqi Tianshan District Public Security Bureau" / "Urumqi Municipal ...",
    "Hoshine Silicon Industry (Yongsheng)" / "... (Shanshan)"); or a distinctive word before an
    administrative word ("XUAR Boyuan Government Public Security Bureau": Boyuan's government); or,
    in a body's official name, a word of its own where the listed name has words of its own (what
    the body does: "Tourism Bureau" / "Public Security Bureau"). Returns the listed words so
    replaced (they count in full, not as words left out) and whether the query names another body.
    ``used_q``, ``used_l``: the positions met on each side, as bits (see ``score``)."""
    if not accepted or used_q == (1 << len(q_tokens)) - 1:
        return [], False  # (nothing of the query's own)
    least = index.weights.name.distinctive_min_weight
    places, regions = index.places, index.generic_places
    l_tokens = entry.normalized.tokens
    if any(t in places or t in regions for p, t in enumerate(q_tokens) if not (used_q >> p) & 1) and any(
        t in places or t in regions or entry.position_weights[l] >= least
        for l, t in enumerate(l_tokens) if not (used_l >> l) & 1 and l not in left_out
    ):
        return [], True  # another place's body or branch
    if not entry.replaceable:
        return [], False  # (a listed name that says nowhere where its body or branch is)
    to_listed: dict[int, tuple[int, ...]] = {p: l_pos for q_pos, l_pos, _hit in accepted for p in q_pos}
    matched = {l for l_pos in to_listed.values() for l in l_pos}
    replaceable = [p for p in entry.replaceable if p in left_out]
    administrative = administrative_words()
    # a government body's name with words of its own the query does not meet (what the body does)
    own_words_left = any(l_tokens[l] in administrative for l in entry.replaceable) and any(
        l not in matched and l not in entry.optional for l in range(len(l_tokens))
    )
    stops = stopwords()
    replaced: list[int] = []
    named = False
    for p, token in enumerate(q_tokens):
        if p in to_listed or token in administrative:
            continue
        if own_words_left and token not in stops:
            # where the listed body's name says what it does ("Yili ... Prefecture Tourism Bureau" /
            # "... Public Security Bureau", "XUAR Department of Commerce" / "XUAR Public Security
            # Department")
            named = True
        if index.weight(token) < least or index.ordinary_word(token):
            continue
        if p + 1 < len(q_tokens) and q_tokens[p + 1] in administrative:
            named = True  # "Boyuan Government", "Tianshan District"
        before = max((q for q in to_listed if q < p), default=None)
        if not replaceable or before is None:
            continue  # (a word added before the name is not in its place)
        after = min((q for q in to_listed if q > p), default=None)
        low, high = max(to_listed[before]), len(entry.position_weights) if after is None else min(to_listed[after])
        between = [l for l in range(low + 1, high) if l not in matched]
        if between and all(l in replaceable for l in between):  # (in the place of those words alone)
            replaced.extend(l for l in between if l not in replaced)
            named = True
    return replaced, named


def _syllables_reordered(
    query: NormalizedName, listed: NormalizedName, accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]],
) -> bool:
    """Whether a Latin query meets the syllables of a name in Chinese characters in another order:
    an organisation's name is its characters in their order ("Wei Hua" is not 华为, Huawei), unlike
    a person's, whose family and given names sources write either way round."""
    if not listed.original or listed.is_reading or query.original or len(accepted) < 2:
        return False
    order = [l_pos[0] for _q, l_pos, _hit in sorted(accepted, key=lambda pair: pair[0][0])]
    return any(later < earlier for earlier, later in zip(order, order[1:]))


def _korean_name_shape(name: NormalizedName) -> bool:
    """Whether a query may be a Korean person's name written a syllable a word: one in Latin
    letters (``korean_syllable_name``), or one written in Cyrillic as it transliterates, a Korean
    family name first or last among two to four short words ("Pak Nam Chkhol", "Пак Нам Чхоль",
    whose syllables its Kontsevich reading spells as the lists do)."""
    tokens = name.tokens
    if korean_syllable_name(tokens):
        return True
    families = korean_family_names_every()
    return (
        name.cyrillic and 1 < len(tokens) <= KOREAN_NAME_MOST_WORDS and (tokens[0] in families or tokens[-1] in families)
        and all(len(token) <= KOREAN_MOST_LETTERS and letters_only(token) for token in tokens)
    )


def _korean_syllable_left_out(query: NormalizedName, l_tokens: tuple[str, ...], used_q: int, used_l: int) -> bool:
    """Whether a query that may be a Korean person's name written a syllable a word
    (``_korean_name_shape``) is a listed one without a syllable of it, all its own words met ("Ri
    Thae" / "RI, Thae Chol", "Ли Тхэ"): a Korean given name is its syllables, and one of them
    alone is another given name. (``used_q``, ``used_l``: how many positions of each are met.
    Where the query has a word of its own, ``name_word_replaced`` counts; the order is not asked:
    lists and files write a name's words in any order. A listed name of three words at most: a
    Korean name is three syllables, rarely four; Hong Kong writes a family name, two syllables and
    an English given name, "LEE, Ka Chiu John", whose "John Lee" is the same man.)"""
    return (
        used_q == len(query.tokens) and used_l < len(l_tokens) <= KOREAN_LISTED_MOST_WORDS
        and korean_syllable_name(l_tokens) and _korean_name_shape(query)
    )


KOREAN_LISTED_MOST_WORDS: Final = 3


def _chinese_syllable_left_out(query: NormalizedName, l_tokens: tuple[str, ...], used_q: int, used_l: int) -> bool:
    """Whether a query that is a person's name written a syllable a word, in pinyin, Wade-Giles
    or a Korean romanisation, is a listed one so written without a syllable of it, all its own
    words met, one of the two a Chinese name ("Ying Guo" / "WANG, Guo Ying", "Li He" / "LI,
    Cheng He", "Qiang He" / "PAK, Kwang Ho"): a Chinese name is a family name and a given name of
    one or two syllables, and without one of them it is another person's (the family name Guo,
    the given name He), as ``_korean_syllable_left_out`` finds of two Korean names. A listed name
    of three words at most (see there); a given name written as one word may meet two syllables
    ("Guoying" / "Guo Ying"). A given name of other peoples that pinyin could spell ("Hasan",
    "Julia") makes no Chinese name: "Hassan Zhang" is "ZHANG, Hassan Hassan" without a name said
    twice."""
    if used_q != len(query.tokens) or not used_l < len(l_tokens) <= KOREAN_LISTED_MOST_WORDS or len(query.tokens) < 2:
        return False
    q_chinese, l_chinese = _chinese_syllable_name(query.tokens), _chinese_syllable_name(l_tokens)
    return (q_chinese or l_chinese) and (q_chinese or _korean_name_shape(query)) and (l_chinese or korean_syllable_name(l_tokens))


def _chinese_syllable_name(tokens: tuple[str, ...]) -> bool:
    """Whether a name's words are a romanised Chinese name (``romanised_chinese``), none of them
    a given name of other peoples of more than one syllable ("hasan", "julia")."""
    if romanised_chinese(tokens) == "":
        return False
    foreign, other_foreign, syllables = given_name_spellings(), nicknames(), pinyin_syllables()
    return not any((token in foreign or token in other_foreign) and token not in syllables for token in tokens)


def _named_as_a_person(q_tokens: tuple[str, ...], used_q: set[int], index: NameIndex) -> bool:
    """Whether the words a query adds to a listed vessel's name are words of people's names on
    the list, never an ordinary word ("Marina Kim", "Amina Khan" / the vessel "AMINA", named as
    vessels often are after a woman): the query is a person's name. (Not "Amina Star", "MV
    Amina", "Amina 1".)"""
    added = [t for p, t in enumerate(q_tokens) if p not in used_q]
    people = index.people_words
    return bool(added) and len(added) < len(q_tokens) and all(
        t in people and letters_only(t) and not index.ordinary_word(t) for t in added
    )


GIVEN_NAME_QUERY_MOST_WORDS: Final = 3  # a person's name of a given name and a family name or two


def _a_given_name_unwritten(
    q_tokens: tuple[str, ...], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]], index: NameIndex,
) -> bool:
    """Whether a query met to an organisation's name is a person's: two or three words, none an
    organisation's, one of them a given name (``nicknames``, ``given_name_spellings``; no
    ordinary word: "Rose", "Grant") that the organisation's name does not hold, the others met
    ("Felix Wagner" / "PRIVATE MILITARY COMPANY 'WAGNER'"). An organisation named after a person
    holds the given name, however spelt ("Donna Shell" / "DONA-SHELL")."""
    if not 1 < len(q_tokens) <= GIVEN_NAME_QUERY_MOST_WORDS or not all(letters_only(t) for t in q_tokens):
        return False
    met: set[int] = set()
    for q_pos, _l_pos, _hit in accepted:
        met.update(q_pos)
    if len(met) != len(q_tokens) - 1:
        return False
    unmet = next(token for p, token in enumerate(q_tokens) if p not in met)
    marks = kinds.organization_words()
    return (
        (unmet in nicknames() or unmet in given_name_spellings()) and not index.ordinary_word(unmet)
        and not any(token in marks for token in q_tokens)
    )


def _brand_missing(l_tokens: tuple[str, ...], used_l: set[int], left_out: list[int], index: NameIndex) -> bool:
    """Whether a listed word that is no common, generic or place word stands unmatched: a brand,
    however many listed parties it names ("Huawei" of a hundred affiliates weighs little, yet
    "Wulanchabu Alibaba Cloud Computing" is not "Wulanchabu Huawei Cloud Computing")."""
    return any(
        p not in used_l and p not in left_out and len(t) >= BRAND_MIN_LETTERS and letters_only(t)
        and not index.ordinary_word(t) and t not in index.places and t not in index.generic_places
        for p, t in enumerate(l_tokens)
    )


BRAND_MIN_LETTERS: Final = 4


SHORT_FORMS: Final = ("acronym", "abbreviation", "contraction", "initials reordered")
SPELT_OUT_SIMILARITY: Final = 0.9  # the query's own words meet the listed words at least this well


def _short_forms_spelt_out(pairs: list[Pair]) -> list[int]:
    """The query positions of short forms (acronyms, abbreviations, contractions) whose listed
    words other query words meet one by one: the query spells the short form out beside it."""
    if not any(hit.how in SHORT_FORMS for _v, _q, _l, hit in pairs):
        return []
    met: dict[int, set[int]] = {}  # listed position -> query positions meeting it alone, closely
    for _value, q_pos, l_pos, hit in pairs:
        if len(q_pos) == 1 and len(l_pos) == 1 and hit.similarity >= SPELT_OUT_SIMILARITY:
            met.setdefault(l_pos[0], set()).add(q_pos[0])
    return list(dict.fromkeys(
        q_pos[0] for _value, q_pos, l_pos, hit in pairs
        if hit.how in SHORT_FORMS and len(q_pos) == 1 and len(l_pos) > 1
        and all(met.get(p, set()) - {q_pos[0]} for p in l_pos)
    ))


def _particle_run_on(q_token: str, l_token: str, query: NormalizedName, listed: NormalizedName) -> bool:
    """Whether one word is the other with a particle the other name writes apart (and drops)
    run onto it: "Deleon" / "DE LEON", "Vandenberg" / "VAN DEN BERG"."""
    for word, other, particles in ((q_token, l_token, listed.particles), (l_token, q_token, query.particles)):
        if particles and word.endswith(other) and len(other) >= PARTICLE_RUN_MIN_REST and word != other:
            if word[: len(word) - len(other)] in ("".join(particles[i:j]) for i in range(len(particles)) for j in range(i + 1, len(particles) + 1)):
                return True
    return False


def _particles_run_on(query: list[str], listed: list[str], q_tokens: tuple[str, ...], l_tokens: tuple[str, ...]) -> bool:
    """Whether the particles only one side writes apart the other writes onto the next word
    ("Abu Bakar" / "ABUBAKAR", "de la Cruz" / "DELACRUZ"): one name, written two ways."""
    q_only, l_only = list(query), list(listed)
    for particle in listed:
        if particle in q_only:
            q_only.remove(particle)
            l_only.remove(particle)

    def run_on(particle: str, tokens: tuple[str, ...]) -> bool:
        return any(t.startswith(particle) and len(t) >= len(particle) + PARTICLE_RUN_MIN_REST for t in tokens)

    return all(run_on(p, l_tokens) for p in q_only) and all(run_on(p, q_tokens) for p in l_only)


def _abjad_particles_read(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A name in Arabic script with a particle written onto the word after it read as the Latin
    names write the particle ("ابوبكر", "bwbkr": "abubkr"), so that a listed name writing it apart
    ("Abu Bakr") is the same name written two ways, as "Abubakar" is (``_particles_run_on``).
    Particles of one letter ("m", umm) are not read so: many words begin with that letter."""
    written = abjad_particles()
    read: list[str] = []
    for token in tokens:
        for form, particle in written.items():
            if len(form) >= 2 and token.startswith(form) and len(token) >= len(form) + PARTICLE_RUN_MIN_REST:
                token = particle + token[len(form):]
                break
        read.append(token)
    return tuple(read)


def _person_features(
    query: NormalizedName, listed: NormalizedName, used_q: set[int], used_l: set[int], weights: Weights,
    middles: tuple[int, ...] = (), q_surnames: frozenset[int] = frozenset(), l_surnames: frozenset[int] = frozenset(),
    q_left_out: frozenset[int] = frozenset(),
) -> list[tuple[str, float, float]]:
    """People's names: particles compared as a whole ("Van den Berg" is not "Berg"), a name
    word of the listed person left unmatched while the query has another in its place (two
    people who share a family name), and the listed person's first given name left unmatched
    while the query meets the middle names after it (``middles``, see
    ``index.middle_name_positions``): the query names a father or a son of one name chain.
    ``q_surnames`` / ``l_surnames``: the words after "de" (``after_iberian_particle``) left
    unmatched, a surname one side adds: neither the word nor its "de" counts as differing (a "de"
    before a word both sides write is a particle of the name: "Jan de Vries" is not "Jan Vries").
    ``q_left_out``: the query's middle names a listed name met in full leaves out (``PreparedQuery.middle_names``)."""
    found: list[tuple[str, float, float]] = []
    particles = person_words()[0]
    q_tokens = query.tokens
    q_particle_words = particles
    if query.abjad:  # its particles as the Latin names write them ("wld": "ould"), and no other word
        written = abjad_particles()  # ("على", "la", is Ali as Egypt writes it, no Romance article)
        q_tokens = tuple(written.get(t, t) for t in q_tokens)
        q_particle_words = abjad_particle_words()
    # (a particle among the middle names one side leaves out is left out with them: "Muammar
    # Gaddafi" / "Muammar Muhammad Abu Minyar al-Qadhafi", either way round)
    if q_left_out:
        q_tokens = tuple(t for p, t in enumerate(q_tokens) if p not in q_left_out)
    q_particles = sorted([*query.particles, *_particle_words(query, q_tokens, q_particle_words)])
    left_out = frozenset(p for p in middles if p not in used_l)
    l_words = tuple(t for p, t in enumerate(listed.tokens) if p not in left_out) if left_out else listed.tokens
    l_particles = sorted([*listed.particles, *_particle_words(listed, l_words, particles)])
    if q_surnames:
        q_particles = _without_one(q_particles, IBERIAN_PARTICLES, len(q_surnames))
    if l_surnames:
        l_particles = _without_one(l_particles, IBERIAN_PARTICLES, len(l_surnames))
    run_tokens = _abjad_particles_read(q_tokens) if query.abjad else q_tokens
    if q_particles != l_particles and not _particles_run_on(q_particles, l_particles, run_tokens, listed.tokens):
        found.append(("particles_differ", 1.0, weights.feature("particles_differ").weight))
    spare_q = any(letters_only(t) for p, t in enumerate(query.tokens) if p not in used_q and p not in q_surnames)
    spare_l = any(letters_only(t) for p, t in enumerate(listed.tokens) if p not in used_l and p not in l_surnames)
    if spare_q and spare_l:
        found.append(("name_word_replaced", 1.0, weights.feature("name_word_replaced").weight))
    elif (
        middles and middles[0] - 1 not in used_l and not used_l.isdisjoint(middles)
        and not _double_surname(listed.tokens, middles[0] - 1)
    ):
        found.append(("given_name_left_out", 1.0, weights.feature("given_name_left_out").weight))
    return found


def _only_particles(tokens: tuple[str, ...], positions: tuple[int, ...], abjad: bool) -> bool:
    """Whether the words at ``positions`` are all name particles or patronymic links."""
    particles, links = person_words()
    written = abjad_particles() if abjad else {}
    return all((word := written.get(tokens[p], tokens[p])) in particles or word in links for p in positions)


def _double_surname(tokens: tuple[str, ...], family_size: int) -> bool:
    """Whether a listed person's name written "FAMILY, Given" has two family names or more and
    no patronymic link among them ("VERA LOPEZ, Fabian Felipe"): a Spanish or Portuguese name,
    whose given names are one compound name that people shorten to either part ("Felipe Vera
    Lopez"), not an Arabic chain of a father's and a grandfather's names."""
    links = person_words()[1]
    return family_size >= 2 and not any(token in links for token in tokens[:family_size])


def _patronymic_reversed(
    q_tokens: tuple[str, ...], l_tokens: tuple[str, ...], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]],
    listed_name: str = "",
) -> bool:
    """Whether a "X bin Y" of the query is matched to "Y bin X" of the listed name, read in the
    order the name is said: "BIN AHMED, Ali" (written "FAMILY, Given") is "Ali bin Ahmed"."""
    links = person_words()[1]
    # (loops of set look-ups: compiled, ``isdisjoint`` is a method call through the interpreter)
    if not any(token in links for token in q_tokens) or not any(token in links for token in l_tokens):
        return False
    spoken = _spoken_order(listed_name, l_tokens, links)
    to_listed: dict[int, int] = {}
    for q_pos, l_pos, _hit in accepted:
        for q, l in zip(q_pos, l_pos if len(l_pos) == len(q_pos) else l_pos[:1] * len(q_pos)):
            to_listed[q] = spoken[l]
    in_order = sorted(range(len(l_tokens)), key=lambda p: spoken[p])  # listed positions as the name is said
    for at in range(1, len(q_tokens) - 1):
        if q_tokens[at] in links:
            own, father = to_listed.get(at - 1), to_listed.get(at + 1)
            if own is not None and father is not None and father < own:
                if any(l_tokens[in_order[p]] in links for p in range(father + 1, own)):
                    return True
    return False


def _spoken_order(name: str, tokens: tuple[str, ...], links: frozenset[str]) -> list[int]:
    """Each token position's place in the name as it is said, where a patronymic chain is cut by
    the comma of "FAMILY, Given" ("BIN AHMED, Ali": "Ali bin Ahmed"): the given names first
    (the family part's tokens counted by normalising it); else as written."""
    size = len(tokens)
    if tokens[0] not in links or "," not in name:
        return list(range(size))
    cut = len(normalize_name(name.partition(",")[0], True).tokens)
    if not 0 < cut < size:
        return list(range(size))
    return [p + size - cut if p < cut else p - cut for p in range(size)]


def _marks_left(tokens: tuple[str, ...], used: set[int] | None = None) -> bool:
    """Whether a name carries a number or generation mark ("3", "Jr"; a Roman numeral is read as
    its number), among its words not in ``used`` when given."""
    marks = numbers()[2]
    return any((t.isdigit() or t in marks) and (used is None or p not in used) for p, t in enumerate(tokens))


def _numbers_differ(q_tokens: tuple[str, ...], l_tokens: tuple[str, ...], used_q: set[int], used_l: set[int]) -> bool:
    """Both names carry a number or generation mark that the other does not ("3rd" / "4th
    Battalion", "II" / "III")."""
    if len(used_q) == len(q_tokens) or len(used_l) == len(l_tokens):
        return False
    return _marks_left(q_tokens, used_q) and _marks_left(l_tokens, used_l)


def _generation_one_side(q_tokens: tuple[str, ...], l_tokens: tuple[str, ...], used_q: set[int], used_l: set[int]) -> bool:
    """One person's name carries a generation mark ("Jr.", "Sr.", "III") and the other none
    ("Donald Trump" / "Donald Trump Jr."): a father and his son are two people. (A Roman numeral
    is read as its number: "III" is "3".)"""
    spare_q, spare_l = _marks_left(q_tokens, used_q), _marks_left(l_tokens, used_l)
    if spare_q == spare_l:
        return False  # (none, or one on each side: number_differs)
    return not _marks_left(l_tokens if spare_q else q_tokens)


SHORT_WORD: Final = 6  # a one-letter change in a word this short often makes another real word


def _rests_on_short_look_alikes(
    accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]], entry: IndexedName, index: NameIndex
) -> bool:
    """Whether every matched listed word above the generic weight is a short word matched only
    by spelling or sound ("Katek" / "KADEK", "Corsa" / "CRAS"): look-alikes, not evidence."""
    floor = index.weights.name.generic_word_weight
    tokens, weights = entry.normalized.tokens, entry.position_weights
    carrying = 0
    for _q, l_pos, hit in accepted:
        if len(l_pos) != 1 or weights[l_pos[0]] <= floor:
            continue
        if hit.how not in SOUND_OR_TYPO or len(tokens[l_pos[0]]) > SHORT_WORD:
            return False
        carrying += 1
    return carrying > 0


def word_spelling(one: tuple[str, ...], other: tuple[str, ...], index: NameIndex) -> float:
    """How alike two names are spelt, word by word in any order: each word of the shorter name
    against the most alike word of the other (Jaro-Winkler), averaged by the words' weights, so
    a common word ("Muhammad") counts less than a rare one ("GHATHAFI, Aisha" / "GADDAFI,
    Ayesha"). Orders the pairs that match no word, far below any threshold."""
    if not one or not other:
        return 0.0
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    total = alike = 0.0
    for word in short:
        weight = index.weight(word)
        total += weight
        alike += weight * max(JaroWinkler.similarity(word, against) for against in long)
    return alike / total if total else 0.0


KNEE: Final = 0.9  # scores of non-identical names above this are compressed towards CEILING
CEILING: Final = 0.99


def identical(query: NormalizedName, listed: NormalizedName) -> bool:
    """The same normalised words in the same order with the same legal forms: the only pairs
    that may score 1.0."""
    return (
        query.tokens == listed.tokens
        and query.legal_forms == listed.legal_forms
        and (
            query.original == listed.original
            or (query.original != "" and listed.original != "" and in_simplified(query.original) == in_simplified(listed.original))
            # a name in characters and its pinyin in Latin letters are one name ("李明" / "Li Ming"),
            # its words read and translated ("公安厅" / "Public Security Department") are not
            or ((not query.original or not listed.original) and not query.is_reading and not listed.is_reading)
        )
    )


def _used_positions(
    spelt_out: list[int], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]],
) -> tuple[set[int], set[int]]:
    """The query's and the listed name's positions used, as sets made as ``score`` once made them
    (so they are walked in the same order)."""
    used_q = set(spelt_out)
    used_l: set[int] = set()
    for q_pos, l_pos, _hit in accepted:
        for p in q_pos:
            used_q.add(p)
        for p in l_pos:
            used_l.add(p)
    return used_q, used_l


def _coverage_kept(
    listed_weights: tuple[float, ...], accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]], kept: float,
) -> float:
    """The share of ``kept`` that the listed words met weigh, summed in the order the set of their
    positions walks them (as the scorer summed them: the same float)."""
    return sum(listed_weights[p] for p in _used_positions([], accepted)[1]) / kept if kept > 0 else 0.0


def below_identical(total: float) -> float:
    """Map a non-identical pair's score into [0, CEILING): unchanged up to KNEE, then compressed
    smoothly and strictly increasingly, so variants never tie with each other or with the
    identical name (a ranking at a low false-positive rate keeps its resolution)."""
    if total <= KNEE:
        return total
    room = CEILING - KNEE
    return KNEE + room * (1.0 - math.exp(-(total - KNEE) / room))


def score(
    query: PreparedQuery, entry: IndexedName, index: NameIndex, evidence: Evidence, explain: bool = True,
    order_unmatched: bool = True, features: Weights | None = None, explainable: bool = False,
    settled_below: float | None = None,
) -> Scored:
    """The query against one listed name. ``order_unmatched=False`` skips ordering the pairs
    that score below ``spelling_residual`` by their spelling (for a screening threshold above it,
    where such pairs are dropped anyway). ``features``: weights whose features and evidence floor
    count instead of the index's (a request's own; the name parameters stay the index's).
    ``explainable``: without ``explain``, keep what the explanation is made of, for
    :func:`explanation_of` to make it only for the pairs that are shown (no second scoring).
    ``settled_below``: a name score under which the caller drops the pair whatever its features
    add (its threshold less the most they can add: the query's bonus and
    ``screening.beyond_bonus``): such a pair's features are not worked out, and it comes back
    with its name score as its score, below the caller's threshold and with nothing to explain
    (most candidates a screen scores)."""
    params = index.weights.name
    q_tokens = query.normalized.tokens
    listed_weights = entry.position_weights
    person = kinds.PERSON in (evidence.party_kind, evidence.query_kind)
    pairs = _token_pairs(query, entry, index, acronyms=not person, person=person)
    chinese = CHINESE_COUNTRIES.get()  # (a loop of set look-ups: compiled, ``isdisjoint`` is a method call)
    if not person and (entry.normalized.original or any(country in chinese for country in evidence.party_countries)):
        # a Chinese organisation's romanised name: its syllables tell names apart
        pairs = [pair for pair in pairs if not _another_chinese_name(pair, q_tokens, entry.normalized.tokens)]
    if query.normalized.abjad:
        # among equal values, the pair that explains more words first ("سعد الدين" as "Saduddin"
        # before "سعد" alone as "Sayyed"), then the longer query words ("العبيدي" as "al-Ubaidi"
        # before "عبد", two consonants alike)
        pairs.sort(key=lambda p: (-p[0], -len(p[1]) - len(p[2]), -sum(len(q_tokens[q]) for q in p[1])))
    else:  # (the best first; a stable sort, reversed, keeps pairs of one value in their order)
        pairs.sort(key=_VALUE, reverse=True)
    # a short form the query gives beside the words it stands for ("Xinjiang Production and
    # Construction Corps (XPCC)"): those words meet the listed words, the short form explains
    # nothing more and costs nothing
    spelt_out = _short_forms_spelt_out(pairs)
    if spelt_out:
        pairs = [pair for pair in pairs if not (pair[3].how in SHORT_FORMS and pair[1][0] in spelt_out)]
        # (one that also meets a listed word of its own, "(XUAR)" / "(XUAR)", still does)
        spelt_out = [p for p in spelt_out if not any(p in pair[1] for pair in pairs)]
    # the positions used on each side, as bits (bit p: position p; as in ``_token_pairs``), up to
    # the name score: made into sets only for what follows it (for the few pairs that go on)
    spelt_bits = 0
    for p in spelt_out:
        spelt_bits |= 1 << p
    used_q_bits, used_l_bits = spelt_bits, 0
    accepted: list[tuple[tuple[int, ...], tuple[int, ...], TokenMatch]] = []
    for _value, q_pos, l_pos, hit in pairs:
        q_bits = l_bits = 0
        for p in q_pos:
            q_bits |= 1 << p
        for p in l_pos:
            l_bits |= 1 << p
        if q_bits & used_q_bits or l_bits & used_l_bits:
            continue
        used_q_bits |= q_bits
        used_l_bits |= l_bits
        accepted.append((q_pos, l_pos, hit))
    if person and accepted and _links_only(q_tokens, accepted):
        # two people's names that share only "bin" or "ibn" share no name
        accepted, used_q_bits, used_l_bits = [], spelt_bits, 0
    # (every listed position used: the bits are those of the name's words)
    all_l_used = used_l_bits == (1 << len(listed_weights)) - 1
    listed_matched = 0.0
    query_total = 0.0
    distinctive = False
    exact = not spelt_out
    # an initial that agrees with a word the listed name may leave out (a middle name: "Gennady
    # A." / "Gennadii Anatolievich") is explained, and the word left out as the query leaves it
    initialled = {l_pos[0] for _q, l_pos, hit in accepted if hit.how == "initial" and l_pos[0] in entry.optional}
    l_tokens = entry.normalized.tokens
    for q_pos, l_pos, hit in accepted:
        if initialled and l_pos[0] in initialled:
            exact = False
            continue
        l_weight = sum(listed_weights[p] for p in l_pos)
        listed_matched += hit.similarity * l_weight
        query_total += l_weight
        if hit.similarity >= 0.8 and any(
            listed_weights[p] >= params.distinctive_min_weight and not lone_digit(l_tokens[p]) for p in l_pos
        ):
            distinctive = True
        elif hit.how in ("acronym", "abbreviation", "initials reordered") and max(len(l_pos), len(q_pos)) >= 3:
            # an acronym of three words or more is distinctive, on either side
            distinctive = True
        if hit.how != "exact" or len(q_pos) != len(l_pos):
            exact = False
    # a country or city a query adds to an organisation's name met in full says where it is, as a
    # generic word would ("Sberbank of Russia" / "SBERBANK", "Bank Melli Iran" / "BANK MELLI"),
    # unless the name is all common words ("London Green Shipping" is another "GREEN SHIPPING");
    # in a person's name a place word is a name ("al-Iraqi", "Masri")
    listed_met = not person and all_l_used
    # a person's name word after "de" (a second or married surname: "ARELLANO FELIX DE TOLEDO" /
    # "ARELLANO FELIX") which the other name lacks costs as a word a name may leave out
    q_after = after_iberian_particle(query.normalized) if person else ()
    l_after = after_iberian_particle(entry.normalized) if person else ()
    # a listed person's name met in full by a query that adds middle names ("Pablo Emilio Escobar
    # Gaviria" / "Pablo Escobar", "Usama bin Muhammad bin Awad bin Ladin" / "Osama bin Laden"):
    # they cost as a query's middle names a listed name leaves out do
    q_middles = (
        tuple(p for p in query.middle_names() if not (used_q_bits >> p) & 1)
        if person and all_l_used and len(q_tokens) > len(listed_weights) else ()
    )
    if q_middles and _only_particles(q_tokens, q_middles, query.normalized.abjad):
        q_middles = ()  # a particle alone is no middle name ("Abderrahmane ould el-Amar": el-Amar's son)
    q_weights = query.token_weights(index)
    for position, token in enumerate(q_tokens):
        if position in q_middles or (position in q_after and not (used_q_bits >> position) & 1):
            query_total += q_weights[position] * params.optional_word_factor
            exact = False
        elif not (used_q_bits >> position) & 1:  # an unexplained generic word ("Trading") costs less than a rare one
            weight = q_weights[position]
            if (
                listed_met and token in index.places and weight > params.generic_word_weight
                and not all(index.ordinary_word(t) for t in entry.normalized.tokens)
            ):
                weight = params.generic_word_weight
            query_total += weight * params.unmatched_generic_factor if weight <= params.generic_word_weight else weight
            exact = False
    if not all_l_used:
        exact = False
    listed_total = entry.total_weight
    left_out = [p for p in entry.optional if not (used_l_bits >> p) & 1 or p in initialled]  # "Municipal", "People's Government", "(XUAR)"
    left_out.extend(p for p in l_after if not (used_l_bits >> p) & 1 and p not in left_out)  # "DE LEON"
    replaced, another_body = ([], False) if person else another_body_named(
        q_tokens, accepted, used_q_bits, used_l_bits, left_out, entry, index,
    )
    if replaced:  # another body's name in the place of an optional word: it counts in full
        left_out = [p for p in left_out if p not in replaced]
    optional_weight = sum(listed_weights[p] for p in left_out) if left_out else 0.0
    listed_total -= (1.0 - params.optional_word_factor) * optional_weight
    if not person and all((used_q_bits >> p) & 1 or t in index.generic_places for p, t in enumerate(q_tokens)):
        # an organisation's generic words that a query of no other words (but a place) leaves out
        # ("Hikvision", "Hikvision Europe" / "HANGZHOU HIKVISION DIGITAL TECHNOLOGY"; not "Quinron
        # Dental" / "QUINRON BANK", another business)
        generic_left = sum(
            w for p, w in enumerate(listed_weights)
            if w <= params.generic_word_weight and not (used_l_bits >> p) & 1 and p not in left_out
        )
        listed_total -= (1.0 - params.generic_left_out_factor) * generic_left
    coverage_listed = listed_matched / listed_total if listed_total else 0.0
    # how much of the listed name's weight the query covers, however alike the words matched (the
    # words it may leave out aside): a name of generic words met in full by spelling variants
    # ("محمد علي" / "Mohamed Ali") is still met in full
    kept = entry.total_weight - optional_weight
    coverage_query = listed_matched / query_total if query_total else 0.0
    # (``math.pow``, compiled natively: ``**`` of two floats is a generic call; the same C pow() of shares never below 0)
    name_score = math.pow(coverage_listed, params.listed_exponent) * math.pow(coverage_query, params.query_exponent) if accepted else 0.0
    q_original, l_original = query.normalized.original, entry.normalized.original
    if q_original and l_original and q_original != l_original:
        # both written in Chinese or Japanese characters: compare the characters, not the reading
        # (different characters with one reading are different names), as simplified Chinese
        # writes them ("杭州海康威視" in Taiwan's characters is "杭州海康威视")
        q_simplified, l_simplified = in_simplified(q_original), in_simplified(l_original)
        if q_simplified != l_simplified:
            name_score *= Indel.normalized_similarity(q_simplified, l_simplified) ** 2
    # the heaviest word kept (none: 0.0) reaches the distinctive weight, asked word by word (compiled,
    # ``max`` of a generator is a call through the interpreter)
    entry_distinctive = any(
        w >= params.distinctive_min_weight and not lone_digit(l_tokens[p]) for p, w in enumerate(listed_weights) if p not in left_out
    ) or (
        params.distinctive_min_weight <= 0.0 and all(p in left_out for p in range(len(listed_weights)))
    )
    if accepted and not distinctive and (entry_distinctive or _coverage_kept(listed_weights, accepted, kept) < 0.9):
        name_score *= params.generic_only_factor
    if settled_below is not None and name_score < settled_below and not explain:
        return Scored(name_score, name_score)
    used_q, used_l = _used_positions(spelt_out, accepted)
    contributions: list[tuple[str, float, float]] = []  # (feature, value, contribution)
    weights = index.weights if features is None else features
    if not person and _syllables_reordered(query.normalized, entry.normalized, accepted):
        contributions.append(("syllable_order_differs", 1.0, weights.feature("syllable_order_differs").weight))
    elif exact:
        contributions.append(("exact_name", 1.0, weights.feature("exact_name").weight))
    # the heaviest listed word left unmet (``max`` of them, 0.0 for none: a loop, where compiled
    # ``max`` of a generator is a call through the interpreter)
    missing = 0.0
    unmet = False
    for p, w in enumerate(listed_weights):
        if p not in used_l and p not in left_out and (not unmet or w > missing):
            missing, unmet = w, True
    if person:
        middles = entry.optional if evidence.party_kind == kinds.PERSON else ()  # (a person's optional words: middle names)
        contributions.extend(_person_features(
            query.normalized, entry.normalized, used_q, used_l, weights, middles,
            frozenset(p for p in q_after if p not in used_q), frozenset(p for p in l_after if p not in used_l),
            frozenset(q_middles),
        ))
    elif missing >= params.distinctive_min_weight or _brand_missing(l_tokens, used_l, left_out, index):
        # a distinctive listed word, or a brand the list names many parties by ("Huawei"), stands unmatched ...
        if any(w >= params.distinctive_min_weight for p, w in enumerate(q_weights) if p not in used_q):
            # ... and the query has another distinctive word in its place
            contributions.append(("distinctive_word_replaced", 1.0, weights.feature("distinctive_word_replaced").weight))
    if person and accepted and _korean_syllable_left_out(query.normalized, l_tokens, len(used_q), len(used_l)):
        contributions.append(("korean_syllable_left_out", 1.0, weights.feature("korean_syllable_left_out").weight))
    elif person and accepted and _chinese_syllable_left_out(query.normalized, l_tokens, len(used_q), len(used_l)):
        contributions.append(("chinese_syllable_left_out", 1.0, weights.feature("chinese_syllable_left_out").weight))
    if another_body:
        contributions.append(("another_body_named", 1.0, weights.feature("another_body_named").weight))
    if _patronymic_reversed(q_tokens, l_tokens, accepted, entry.name):
        contributions.append(("patronymic_reversed", 1.0, weights.feature("patronymic_reversed").weight))
    if _numbers_differ(q_tokens, l_tokens, used_q, used_l):
        contributions.append(("number_differs", 1.0, weights.feature("number_differs").weight))
    elif person and accepted and _generation_one_side(q_tokens, l_tokens, used_q, used_l):
        contributions.append(("generation_one_side", 1.0, weights.feature("generation_one_side").weight))
    q_legal, l_legal = query.normalized.legal_forms, entry.normalized.legal_forms
    if q_legal and l_legal:
        key = "legal_form_agrees" if q_legal & l_legal else "legal_form_conflicts"
        contributions.append((key, 1.0, weights.feature(key).weight))
    organization = query.normalized.organization_form
    if not organization and evidence.party_kind in (kinds.PERSON, kinds.VESSEL) and len(used_q) < len(q_tokens):
        # a word left over that only organisations' names carry ("Noor Trading" / a vessel "NOOR")
        marks = kinds.organization_words()
        organization = any(t in marks for p, t in enumerate(q_tokens) if p not in used_q)
    if kinds.conflicts(kinds.query_kind(evidence.query_kind, organization), evidence.party_kind) or (
        evidence.party_kind == kinds.VESSEL and evidence.query_kind == kinds.UNKNOWN and not organization
        and _named_as_a_person(q_tokens, used_q, index)
    ) or (
        evidence.party_kind == kinds.ORGANIZATION and evidence.query_kind == kinds.UNKNOWN and not organization
        and _a_given_name_unwritten(q_tokens, accepted, index)
    ):
        contributions.append(("party_kind_conflicts", 1.0, weights.feature("party_kind_conflicts").weight))
    differs = len(used_q) < len(q_tokens) or len(used_l) + len(left_out) < len(listed_weights)
    if differs and _rests_on_common_words(accepted, entry, index):
        contributions.append(("only_common_words_shared", 1.0, weights.feature("only_common_words_shared").weight))
    elif (
        len(used_q) < len(q_tokens)
        and not query.normalized.foreign_script
        and kinds.PERSON not in (evidence.party_kind, evidence.query_kind)
        and _rests_on_short_look_alikes(accepted, entry, index)
    ):
        contributions.append(("short_look_alike", 1.0, weights.feature("short_look_alike").weight))
    if name_score >= weights.evidence_name_floor:
        if evidence.country and evidence.party_countries:
            key = "country_matches" if evidence.country in evidence.party_countries else "country_differs"
            contributions.append((key, 1.0, weights.feature(key).weight))
        contributions.extend(_party_evidence(evidence, weights))
        if evidence.address_tokens and evidence.party_address_tokens:
            share = len(evidence.address_tokens & evidence.party_address_tokens) / len(evidence.address_tokens)
            if share:
                contributions.append(("address_overlap", share, share * weights.feature("address_overlap").weight))
    total = name_score + sum(c for _f, _v, c in contributions)
    if not identical(query.normalized, entry.normalized):
        total = below_identical(total)  # only the identical name scores 1.0; variants keep their order
    # penalties never take a pair with some name similarity to zero: they keep the order the
    # name similarity gives, so a ranking at a low false-positive rate is not a mass of ties
    final = max(max(name_score * params.penalty_floor_share, min(1.0, total)), 0.0)  # (two of two: compiled natively)
    if order_unmatched and final < params.spelling_residual:
        # little or nothing matched word for word: the spelling of the words still orders
        # such pairs ("MOZHOVVY, Oleksiy" / "MOZGOVOY, Aleksey"), far below any threshold
        spelling = word_spelling(q_tokens, entry.normalized.tokens, index)
        final = max(final, params.spelling_residual * spelling * spelling)
    parts = (
        (entry, q_tokens, accepted, used_q, used_l, spelt_out, listed_weights, float(name_score), coverage_listed,
         coverage_query, distinctive, contributions, weights)
        if explain or explainable else None
    )
    if explain and parts is not None:
        return Scored(final, name_score, _explanation(parts))
    return Scored(final, name_score, parts=parts)


def explanation_of(scored: Scored) -> dict[str, Any]:
    """The explanation of a score made with ``explainable`` (or ``explain``): the same as scoring
    the pair again with ``explain`` would give."""
    if scored.parts is None:
        return scored.explanation
    return _explanation(scored.parts)


def _explanation(parts: ExplanationParts) -> dict[str, Any]:
    """Which words met which, how, and what each feature added."""
    (entry, q_tokens, accepted, used_q, used_l, spelt_out, listed_weights, name_score, coverage_listed, coverage_query,
     distinctive, contributions, weights) = parts
    return {
        "matched_name": entry.name,
        "name_kind": entry.kind,
        "tokens": [
            {
                "query": " ".join(q_tokens[p] for p in q_pos),
                "listed": " ".join(entry.normalized.tokens[p] for p in l_pos),
                "how": hit.how,
                "similarity": round(hit.similarity, 3),
                "weight": round(sum(listed_weights[p] for p in l_pos), 3),
            }
            for q_pos, l_pos, hit in accepted
        ],
        "unmatched_query": [t for p, t in enumerate(q_tokens) if p not in used_q],
        **({"spelt_out": [q_tokens[p] for p in spelt_out]} if spelt_out else {}),
        "unmatched_listed": [t for p, t in enumerate(entry.normalized.tokens) if p not in used_l],
        "features": [
            {"feature": "name_similarity", "value": round(name_score, 4), "contribution": round(name_score, 4),
             "coverage_listed": round(coverage_listed, 4), "coverage_query": round(coverage_query, 4),
             "distinctive": distinctive},
            *(
                {"feature": f, "value": round(v, 4), "weight": weights.feature(f).weight, "contribution": round(c, 4)}
                for f, v, c in contributions
            ),
        ],
    }


def compare(
    index: NameIndex, query: str, listed: str, explain: bool = False, listed_kind: str = kinds.UNKNOWN,
    query_kind: str = kinds.UNKNOWN,
) -> Scored:
    """Score one name against another as screening scores a query against a listed name, using
    ``index`` for word weights. ``listed_kind`` / ``query_kind``: see :mod:`.kinds`. Names a
    side lists apart ("A; B", see ``separate_names``) are each compared: the best pair counts."""
    query_names, listed_names = separate_names(query), separate_names(listed)
    if len(query_names) > 1 or len(listed_names) > 1:
        return max(
            (compare(index, one, other, explain, listed_kind, query_kind) for one in query_names for other in listed_names),
            key=lambda scored: scored.score,
        )
    normalized = normalize_name(query, query_kind == kinds.PERSON)
    if normalized.empty:
        return Scored(0.0, 0.0)
    entry = index.make_entry(listed, person=listed_kind == kinds.PERSON)
    if entry.normalized.empty:
        return Scored(0.0, 0.0)
    evidence = Evidence(party_kind=listed_kind, query_kind=query_kind)
    # a name is also compared as its other forms (its Chinese words read, ...), as screening finds it
    queries = [normalized, *other_forms(normalized, query_kind == kinds.PERSON)]
    listed_read = entry.normalized.read()
    entries = [entry] if listed_read is None else [entry, index.entry_of(entry, listed_read)]
    prepared = [PreparedQuery.build(form, index) for form in queries]
    return max((score(q, one, index, evidence, explain=explain) for q in prepared for one in entries), key=lambda s: s.score)
