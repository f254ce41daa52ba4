"""Names to comparable tokens: the same steps for listed names and for what users type.

NFKC and case folding; control characters dropped; legal forms found with rigour's org-type data
(also at the end of an unspaced Chinese or Japanese name) and set aside; Chinese characters to
pinyin syllables, every other script to ASCII with anyascii; apostrophes joined ("IS'Vision"),
dotted initials joined ("R.I.A."), other punctuation split; short forms expanded from
``vocab/abbreviations.yaml``; stopwords dropped. Names in abjad scripts (Arabic, Hebrew) and Thai
are flagged so that matching may compare consonant skeletons.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final, TypeAlias

from anyascii import anyascii
from rigour.names import extract_org_types
from rigour.text.normalize import Cleanup, Normalize

from entitylist.matching.chinese import reading
from entitylist.matching.greek import GREEK_WORD, read_greek
from entitylist.matching.burmese import BURMESE_WORD, burmese_syllables, read_burmese
from entitylist.matching.indic import INDIC_WORD, read_indic
from entitylist.matching.thai import THAI_WORD, read_thai
from entitylist.matching.memo import Memo, Once
from entitylist.matching.vocabulary import (
    LETTERS, abjad_honorifics, abjad_stopwords, abjad_words, generic_words, honorifics, initialisms, initials_of, is_pinyin,
    joined_places, korean_family_spellings, vietnamese_family_names,
    name_variants, numbers, person_name_variants, person_words, pinyin_syllables,
    read_hangul, rewritten_words, single_syllables, sino_korean_syllables, syllable_beside_syllable, transliterated_phrases,
)
from entitylist.matching.wade_giles import romanised_chinese
from entitylist.reference import MAX_NAME_LENGTH, load_package_yaml

# letters each followed by a dot, or the last without one ("s.a.", "s.a", "c.a": "S.A" is "SA")
_INITIALS: Final = re.compile(r"\b(?:[a-z]\.){2,}|\b(?:[a-z]\.)+[a-z]\b(?!\.)")
# a one-letter stopword followed by a dot and not by another letter and dot: an initial ("A.",
# not the "a" of "S.A.", which ``_INITIALS`` joins)
_STOPWORD_INITIAL: Final = re.compile(r"(?<![a-z.])([aey])\.(?![a-z]\.)")
_APOSTROPHES: Final = re.compile(r"['’`ʼ‘]")
# a French article elided before a vowel ("Centre d'Etudes", "l'Industrie"): not a letter of the next word
_ELIDED_ARTICLE: Final = re.compile(r"(?<![a-z])[dl]['’](?=[aeiouyh])")
_SEPARATORS: Final = re.compile(r"[^0-9a-z]+")
# the same split as a byte table: translating ASCII bytes is several times faster than the pattern
_ASCII_SEPARATORS: Final = bytes(32 if _SEPARATORS.fullmatch(chr(c)) else c for c in range(256))
_HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KATAKANA_END: Final = re.compile(r"[\u30a1-\u30fa\u30fc]")  # a katakana letter or the prolonged sound mark
_CJK_RUN: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_HANGUL: Final = re.compile(r"[\uac00-\ud7af]")
_ZWNJ: Final = "\u200c"
_INVISIBLE_IN_WORDS: Final = "\u00ad\u200b\u200d\u2060\ufeff"  # (see ``_normalized``)
_ABJAD: Final = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0e00-\u0e7f]")
_NON_LATIN: Final = re.compile(r"[\u0370-\u1dff\u2e80-\uffef]")  # Greek onwards, short of Latin's extensions
_CYRILLIC: Final = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
# a word of Russian letters, lower case, and a word of letters of any script: what the readers of
# names written in Russian cut a casefolded name into (palladius.py, polivanov.py, kontsevich.py,
# western_in_russian.py)
RUSSIAN_WORD: Final = re.compile(r"[а-яё]+")
LETTER_RUN: Final = re.compile(r"[^\W\d_]+")
# a legal form written onto the end of the name ("VolkswagenAG", "DahuaLtd"): a lower-case
# letter, then the form in its usual capitals, then the end of the word
_GLUED_FORMS = ("AG", "GmbH", "Ltd", "LTD", "LLC", "Inc", "INC", "Corp", "CORP", "PLC", "JSC", "LLP", "SpA", "BV", "NV", "SARL", "Co")
_GLUED_FORM: Final = re.compile(rf"(?<=[a-z])({'|'.join(_GLUED_FORMS)})(?![A-Za-z])")
# what each of them needs, searched first: a capital that begins one right after a lower-case
# letter (searched from the capitals, which are few in a name, it is the much faster search)
_GLUED_CAPITALS: Final = "".join(sorted({form[0] for form in _GLUED_FORMS}))
_GLUED_START: Final = re.compile(rf"[{_GLUED_CAPITALS}](?<=[a-z][{_GLUED_CAPITALS}])")
# an ASCII text's characters by what normalising asks of them, in one pass (``_ascii_shape``):
# "a" a small letter, "A" a capital that begins a glued form, "c" a control character (not
# printable), " " anything else; so "aA" is in the shape where ``_GLUED_START`` finds a match
_ASCII_SHAPES: Final = bytes(
    ord("a") if 97 <= c <= 122 else ord("A") if chr(c) in _GLUED_CAPITALS else ord("c") if c < 32 or c == 127 else 32
    for c in range(256)
)
# What normalising asks of a text before it splits it into words, a bit a question (``text_marks``):
# of an ASCII name as given, whether a legal form may be glued on ("aA" in its shape) and whether
# it holds a control character ("c"); of the text being split, whether it holds an apostrophe or
# a backtick, a hyphen, "a.", "e." or "y." (an initial that may be a stopword's letter), a run of
# initials written with dots (``_may_have_initials``), an ampersand, and " u" (an article's "ud"),
# those letters in either case: the marks of a name as given are those of its text lowercased.
MARK_GLUED_START: Final = 1
MARK_CONTROL: Final = 2
MARK_APOSTROPHE: Final = 4
MARK_HYPHEN: Final = 8
MARK_STOPWORD_INITIAL: Final = 16
MARK_DOTTED_INITIALS: Final = 32
MARK_AMPERSAND: Final = 64
MARK_SPACE_U: Final = 128
# the Arabic article assimilated to a "sun letter" ("ad-Dagestani", "ash-Shami", "az-Zarqawi",
# "ud-Din"): written before a word beginning with that letter, it is the article "al"; with a
# space only in forms no English word takes ("ad Dawah", "Mati-ur Rehman", "Zia ud Din"; not
# "US Steel" or "at the")
_ASSIMILATED_ARTICLE: Final = re.compile(r"(?<![a-z])(?:[aeu](t|th|d|dh|r|z|s|sh|n)-(?=\1)|u(d|dh|r|z|sh|th) (?=\2))")
_SPACED_ARTICLES: Final = frozenset(["ad", "adh", "ar", "az", "ash", "ath"])
_ORDINAL: Final = re.compile(r"^([0-9]+)(?:st|nd|rd|th)$")
SKELETON_DROPS: Final = b"aeiouwy"  # (the letters a skeleton drops)
_DROP_TABLES: Final[dict[bytes, dict[int, int | None]]] = {}  # letters -> their ``str.translate`` table, made when first asked


# a NormalizedName's attributes as plain values (see NormalizedName.fields)
NormalizedFields = tuple[
    str, tuple[str, ...], tuple[str, ...], bool, bool, str, tuple[str, ...], bool, tuple[str, ...], bool,
    tuple[str, ...], tuple[tuple[int, ...], ...], str,
]


class NormalizedName:
    """A name as matching sees it; never changed once made.

    A plain class with ``Final`` attributes rather than a frozen dataclass: one is made for every
    name screened, and in the compiled core a dataclass's generated ``__init__`` still runs as
    interpreted Python (five times the cost).
    """

    def __init__(
        self, text: str, tokens: tuple[str, ...], legal_forms: frozenset[str], abjad: bool = False,
        foreign_script: bool = False, original: str = "", particles: tuple[str, ...] = (),
        organization_form: bool = False, reading: tuple[str, ...] = (),
        is_reading: bool = False, written: tuple[str, ...] = (), sources: tuple[tuple[int, ...], ...] = (),
        given: str = "",
    ) -> None:
        self.text: Final = text
        # the name as it was given: its comma tells a family name written first ("FAMILY, Given
        # Middle"), which a person's middle names are counted from (``index.middle_name_positions``)
        self.given: Final = given
        self.tokens: Final = tokens
        self.legal_forms: Final = legal_forms
        self.abjad: Final = abjad
        # written in a script other than Latin (its tokens are a transliteration)
        self.foreign_script: Final = foreign_script
        # the Chinese, Japanese or Korean characters of the name, to compare in that script
        self.original: Final = original
        # name particles dropped from the tokens ("van", "der"), compared as a whole for people
        self.particles: Final = particles
        # a legal form that marks an organization: not a one- or two-letter form inside the name,
        # which may as well be a word of a person's name ("KU, Seung Sub", "Yu Jin")
        self.organization_form: Final = organization_form
        # a name in Chinese characters as its words read ("hangzhou haikang weishi digital
        # technology"): compared with Latin names (see chinese.py); its tokens are the syllables
        self.reading: Final = reading
        # this is such a reading (made by read()), not the name as written
        self.is_reading: Final = is_reading
        # when transliterated words were rewritten to English: the words as written (stopwords
        # left out), and for each token the positions in ``written`` it comes from, so that an
        # abbreviation or contraction of the source's words ("Coinma" / "Compagnie Industrielle
        # de Materiels", "Mosoblbank") still finds the tokens they became
        self.written: Final = written
        self.sources: Final = sources
        # their initials: an acronym keeps the source's words ("DSK" of "Dorozhnaya Stroitelnaya Kompaniya")
        self.written_initials: Final = initials_of(written)

    @property
    def empty(self) -> bool:
        return not self.tokens

    @property
    def cyrillic(self) -> bool:
        """Written in Cyrillic (its tokens transliterated from it): a word may then be a listed
        Latin word in another romanisation ("Хуавей": "khuavey", Huawei)."""
        return self.foreign_script and not self.abjad and written_in_cyrillic(self.given)

    def fields(self) -> NormalizedFields:
        """Every attribute, as plain values (``marshal`` keeps them): ``NormalizedName.of(fields)``
        makes the same name again. (A new attribute belongs here too.)"""
        return (
            self.text, self.tokens, tuple(sorted(self.legal_forms)), self.abjad, self.foreign_script, self.original,
            self.particles, self.organization_form, self.reading, self.is_reading, self.written, self.sources,
            self.given,
        )

    @staticmethod
    def of(fields: NormalizedFields) -> NormalizedName:
        text, tokens, legal, abjad, foreign, original, particles, organization, reading, is_reading, written, sources, given = fields
        return NormalizedName(
            text, tokens, frozenset(legal), abjad, foreign, original, particles, organization, reading, is_reading,
            written, sources, given,
        )

    def read(self) -> NormalizedName | None:
        """The name as its words read (see ``reading``), to compare with Latin names; None for a
        name not in Chinese characters. It keeps the characters, so that against another name
        in characters the characters still decide."""
        if not self.reading:
            return None
        return NormalizedName(
            " ".join(self.reading), self.reading, self.legal_forms, False, True, self.original, (),
            self.organization_form, (), True,
        )

    def __repr__(self) -> str:
        return f"NormalizedName({self.text!r}, {self.tokens!r}, {set(self.legal_forms)!r}, abjad={self.abjad})"


@functools.cache
def abbreviations() -> dict[str, str]:
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "abbreviations.yaml")
    mapping: dict[str, str] = {}
    for word, shorts in raw.items():
        for short in shorts:
            mapping[_SEPARATORS.sub("", str(short).casefold())] = word
    mapping.update(name_variants())
    return mapping


@functools.cache
def person_abbreviations() -> dict[str, str]:
    """``abbreviations`` and, for people's names only, the given names that companies' names
    also use as words ("Petro")."""
    return {**abbreviations(), **person_name_variants()}


@functools.cache
def _stopword_lists() -> dict[str, list[Any]]:
    """stopwords.yaml as written (read once for both of its lists)."""
    raw: dict[str, list[Any]] = load_package_yaml("entitylist.vocab", "stopwords.yaml")
    return raw


@functools.cache
def stopwords() -> frozenset[str]:
    return frozenset(str(w) for w in _stopword_lists()["words"])


@functools.cache
def stopwords_not_in_cyrillic() -> frozenset[str]:
    """The stopwords Russian never writes as words of a name in Cyrillic ("in", "and"): in a name
    written so, the words they transliterate to are other words ("Пай Ин", a Korean syllable)."""
    return frozenset(str(w) for w in _stopword_lists()["not_written_in_cyrillic"])


# What a word is to the vocabularies ``_tokens`` asks of each word of a name, as bits of
# ``_Words.kinds``: one look-up a word tells which of them a name's words may be in, where each
# vocabulary asked of every word was a loop of its own (seven loops a name: about 1,500
# instructions a name of the 2 % mix, which one look-up a word saves).
_KIND_INITIALISM: Final = 1
_KIND_SPACED_ARTICLE: Final = 2
_KIND_REWRITTEN: Final = 4
_KIND_STOPWORD: Final = 8  # (every set of stopwords a name is read with is one of ``stopwords``, or fewer)
_KIND_TITLE: Final = 16
_KIND_ABBREVIATION: Final = 32
_KIND_PERSON_ABBREVIATION: Final = 64


class _Words:
    """The vocabularies normalising reads for every name, fetched once: called from the compiled
    core, each cached vocabulary function costs a call through the interpreter's machinery."""

    def __init__(self) -> None:
        self.numbers: Final = numbers()
        self.phrases: Final = transliterated_phrases()
        self.joined_places: Final = joined_places()
        self.rewritten: Final = rewritten_words()
        self.initialisms: Final = initialisms()
        self.abbreviations: Final = abbreviations()
        self.person_abbreviations: Final = person_abbreviations()
        self.stopwords: Final = stopwords()
        self.stopwords_not_syllables: Final = stopwords() - pinyin_syllables()
        self.not_in_cyrillic: Final = stopwords_not_in_cyrillic()
        self.honorifics: Final = honorifics()
        self.abjad_honorifics: Final = abjad_honorifics()  # (as an abjad script's consonants: "hjy")
        self.abjad_words: Final = abjad_words()  # (the same: "dwlh", state; and those read only beside another)
        self.abjad_stopwords: Final = abjad_stopwords()  # (the same: "fy", in)
        self.particles: Final = person_words()[0]
        self.links: Final = person_words()[1]  # patronymic links ("bin", "ag")
        self.korean_families: Final = korean_family_spellings()  # (as written: "ri", "pak")
        self.vietnamese_families: Final = vietnamese_family_names()
        kinds: dict[str, int] = {}
        for bit, words in (
            (_KIND_INITIALISM, frozenset(self.initialisms)),
            (_KIND_SPACED_ARTICLE, _SPACED_ARTICLES),
            (_KIND_REWRITTEN, self.rewritten),
            (_KIND_STOPWORD, self.stopwords),
            (_KIND_TITLE, self.honorifics),
            (_KIND_ABBREVIATION, frozenset(self.abbreviations)),
            (_KIND_PERSON_ABBREVIATION, frozenset(self.person_abbreviations)),
        ):
            for word in words:
                kinds[word] = kinds.get(word, 0) | bit
        self.kinds: Final = kinds


def _kinds_of(words: list[str], kinds: dict[str, int]) -> int:
    """The bits of ``_Words.kinds`` of any of the words: a word list cut shorter since keeps at
    most these (so each bit is asked as "may any word be", and the words themselves then)."""
    found = 0
    for word in words:
        found |= kinds.get(word, 0)
    return found


_WORDS: Final = Once(_Words)  # the one _Words, made on first use


def _words() -> _Words:
    return _WORDS.get()


# Spellings rewritten as one, in order (see ``rewritten``). Typed as tuples of any length: compiled,
# a constant typed as a tuple of fixed length is kept unboxed, and every loop over it would build
# it again as a Python tuple (27 pairs on every romanisation key).
Rewrites: TypeAlias = tuple[tuple[str, str], ...]
NO_REWRITES: Final[Rewrites] = ()
# the steps of normalising written in C, where compiled (see ``vocabulary.LETTERS``)
_DROPPED: Final = LETTERS.dropped
_REWRITTEN: Final = LETTERS.rewritten
_RUNS: Final = LETTERS.runs
_SPLIT: Final = LETTERS.words
_MARKS: Final = LETTERS.marks
_CUT: Final = LETTERS.cut


def ascii_runs(text: str, table: bytes) -> list[str]:
    """The words of an ASCII text once ``table`` has translated its bytes (each to itself or to a
    space): ``text.encode("ascii").translate(table).decode("ascii").split()``, in one call in C
    where compiled (normalising splits every name so: without the three new texts and a scan of
    each, a fifth of the cost of the splitting, the rest being the words themselves)."""
    found = _RUNS(text, table)
    if found is not None:
        return found
    return text.encode("ascii").translate(table).decode("ascii").split()


def ascii_words(text: str, table: bytes, kinds: dict[str, int]) -> tuple[list[str], str, int]:
    """``ascii_runs(text, table)``, those words joined by single spaces, and their kinds' bits
    (``_kinds_of``): in one call in C where compiled, where the join and the look-up of each word
    were calls of their own."""
    made = _SPLIT(text, table, kinds)
    if made is not None:
        return made
    words = ascii_runs(text, table)
    return words, " ".join(words), _kinds_of(words, kinds)


def form_cut(text: str, form: str) -> str:
    """``text`` with each occurrence of ``form`` between two spaces made one space, as often as
    one is left (a cut may bring two together): in one call in C where compiled and both are
    ASCII, where the padded form was made and each pass searched and replaced through calls."""
    done = _CUT(text, form)
    if done is not None:
        return done
    padded = f" {form} "
    while padded in text:
        text = text.replace(padded, " ")
    return text


def rewritten(text: str, rules: Rewrites, once: bool = False) -> str:
    """``text`` with each (spelling, sound) of ``rules`` applied in turn as ``str.replace`` applies
    it, then, with ``once``, each run of one character written once (``written_once``). In C for
    an ASCII text: a name's new words are rewritten so by tens of rules each (a romanisation key
    is 27), each a substring test and a new string in compiled Python."""
    done = _REWRITTEN(text, rules, once)
    if done is not None:
        return done
    for spelling, sound in rules:
        if spelling in text:
            text = text.replace(spelling, sound)
    return written_once(text) if once else text


def written_once(text: str) -> str:
    """``text`` with each run of one character written once, as ``re.sub(r"(.)\1+", r"\1", text)``
    ("moussa" -> "musa"; line breaks, which "." does not match, left as they are), without the
    regular expression: a substitution whose template refers to a group calls back into Python
    to read the template each time, and most words have no doubled letter at all. (An ASCII text
    in C: see ``rewritten``.)"""
    done = _REWRITTEN(text, NO_REWRITES, True)
    if done is not None:
        return done
    previous = ""
    for character in text:
        if character == previous and character != "\n":
            break
        previous = character
    else:
        return text
    kept: list[str] = []
    previous = ""
    for character in text:
        if character != previous or character == "\n":
            kept.append(character)
        previous = character
    return "".join(kept)


def letters_dropped(text: str, letters: bytes, once: bool = False) -> str:
    """``text`` without the (ASCII) ``letters``, as ``text.translate(str.maketrans("", "", letters))``
    gives it, then, with ``once``, each run of one character written once (``written_once``): an
    ASCII text (every token is one) in one pass in C (``_letters.dropped``: both steps in one
    call; where not compiled, through ``bytes.translate``), where ``str.translate`` looks each
    character up in a dict (about 3,000 instructions for a word)."""
    done = _DROPPED(text, letters, once)
    if done is not None:
        return done
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError:
        table = _DROP_TABLES.get(letters)
        if table is None:
            table = _DROP_TABLES[letters] = str.maketrans("", "", letters.decode("ascii"))
        kept = text.translate(table)
    else:
        kept = raw.translate(None, letters).decode("ascii")
    return written_once(kept) if once else kept


SKELETONS_KEPT: Final = 200_000  # words whose skeletons are kept (a pair's two words are asked for theirs at each comparison)
_SKELETONS: Final[Memo[str, str]] = Memo(SKELETONS_KEPT)


def skeleton(token: str) -> str:
    """Consonants only, doubled letters collapsed: 'mohammed' -> 'mhmd', 'abdullah' -> 'bdlh'.
    Remembered: a query word is compared so with each listed word that shares one of its keys."""
    known = _SKELETONS.get(token)
    if known is not None:
        return known
    return _SKELETONS.keep(token, letters_dropped(token, SKELETON_DROPS, once=True))


# one Korean syllable as McCune-Reischauer (North Korean names as OFAC lists them: "Chang-su",
# "To'k-chin"), the Revised or North Korean romanisations ("Jang Su", "Tok Jin") and South Korean
# people's own spellings ("Chun Doo-hwan", "Lee Kun-hee", "Ahn Cheol-soo") write it: unaspirated
# initials written voiceless or voiced, aspirated ones with an "h" or without (a reading of
# Hangul writes "thae" for 태, "Tae"), "sh" for "s" ("Shin"), "ck" for "k"; "eo" and "eu" for "o"
# and "u", "oo" and "ou" for "u"; "ee", "ui" and "eui" for "i" ("Kun-hee": 희, "hui"; "Eui-sun");
# the "h" South Korean names write after "a" and "o" ("Ahn", "Oh"; not "Suh", 서, against "Su",
# 수); the family name 노 written "Roh" as "No"; and French spellings, "Sou" for Su, and "Woo" for U
_KOREAN_LEVELS: Final[Rewrites] = (
    ("roh", "no"), ("eui", "i"), ("ck", "k"), ("ah", "a"), ("oh", "o"), ("tch", "j"), ("ch", "j"), ("th", "t"), ("kh", "k"),
    ("ph", "p"), ("sh", "s"), ("k", "g"), ("t", "d"), ("p", "b"),
    ("ee", "i"), ("ui", "i"), ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ou", "u"), ("wu", "u"),
)
# the vowel eo (ŏ) before a final consonant, which South Korean names write "u" as often as "eo" or
# "o" ("Chun", "Kun", "Suk", "Sung", "Hyun", "Duck"): where a name written in Hangul says the
# syllable holds that vowel (``korean_key``'s ``eo``), an "o" there is levelled with "u". (Not
# otherwise: McCune-Reischauer writes "o" and "u" for two other vowels, "Son" and "Sun" are 선 and
# 순, and in an open syllable "Jo" and "Ju" are 조 and 주.)
_KOREAN_CLOSED_O: Final = re.compile(r"o(?=[bdgjlmnrs])")
KOREAN_MOST_LETTERS: Final = 6  # longer words are no Korean syllable


def korean_key(syllable: str, eo: bool = False) -> str:
    """A Korean syllable with the romanisations' differences levelled ("chang" -> "jang"); with
    ``eo`` (the syllable's vowel is eo, ㅓ or ㅕ, as Hangul writes it), "o" before a final consonant
    as "u" too ("jon" and "chun" -> "jun")."""
    key = _KOREAN_KEYS.get(syllable)
    if key is None:
        key = _KOREAN_KEYS.keep(syllable, rewritten(syllable, _KOREAN_LEVELS))
    return eo_levelled(key) if eo else key


# (the keys of the words seen: asked for each pair of short words a scorer or a look-up compares)
_KOREAN_KEYS: Final[Memo[str, str]] = Memo(SKELETONS_KEPT)


def has_eo(block: str) -> bool:
    """Whether a Hangul syllable block's vowel is eo or yeo (ㅓ, ㅕ: medials 4 and 6 in Unicode's
    order), the vowel South Korean names also write "u" (see ``korean_key``)."""
    return ((ord(block) - 0xAC00) % 588) // 28 in (4, 6)


def eo_levelled(key: str) -> str:
    """A ``korean_key`` with eo's "o" before a final consonant as "u" (see ``_KOREAN_CLOSED_O``)."""
    return _KOREAN_CLOSED_O.sub("u", key) if "o" in key else key


KOREAN_NAME_MOST_WORDS: Final = 4  # of a Korean person's name written a word per syllable: a family name and three


def korean_syllable_keys() -> frozenset[str]:
    """The ``korean_key`` of every Sino-Korean syllable, those Korean people's names are made of
    (``sino_korean_syllables``), as North Korean names (``read_hangul``) and the Revised
    Romanization (anyascii) write it, and with eo levelled where its vowel is eo."""
    return _KOREAN_SYLLABLE_KEYS.get()


def _korean_syllable_keys_made() -> frozenset[str]:
    """``korean_syllable_keys``, made (once)."""
    keys: set[str] = set()
    for block in sino_korean_syllables():
        for spelt in (read_hangul(block), anyascii(block).lower()):
            key = korean_key(spelt)
            keys.add(key)
            if has_eo(block):
                keys.add(eo_levelled(key))
    return frozenset(keys)


_KOREAN_SYLLABLE_KEYS: Final = Once(_korean_syllable_keys_made)


def korean_syllable_name(words: Sequence[str]) -> bool:
    """Whether a name's words are a Korean person's name written a word per syllable: two to
    ``KOREAN_NAME_MOST_WORDS`` words, a Korean family name first or last (as it is spelt: "Park",
    "Rhee", "Ri") and every other word a syllable or two (``korean_syllables_only``)."""
    if not 1 < len(words) <= KOREAN_NAME_MOST_WORDS:
        return False
    families = _words().korean_families
    return (words[0] in families and korean_syllables_only(words[1:])) or (
        words[-1] in families and korean_syllables_only(words[:-1])
    )


VIETNAMESE_NAME_MOST_WORDS: Final = 5  # of a Vietnamese person's name: a family name, a middle name or two, a given name or two
# one Vietnamese syllable as written without diacritics: an initial consonant (or none; "p" only
# in "ph"), one to three vowels, a final consonant (or none): "nguyen", "thanh", "phuong", "anh",
# "quoc"; not "pen", "mans", "tour"
_VIETNAMESE_SYLLABLE: Final = re.compile(r"(?:ngh|ng|nh|gh|gi|kh|ch|ph|th|tr|qu|[bcdghklmnrstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?")
# syllable-shaped words that are a company's, not a name's: "Co" (company), "Ty" of "Cong Ty"
_NOT_VIETNAMESE_NAME_WORDS: Final = frozenset({"co", "ty"})


def vietnamese_name(words: Sequence[str]) -> bool:
    """Whether a name's words are a Vietnamese person's name: two to ``VIETNAMESE_NAME_MOST_WORDS``
    words, a Vietnamese family name first (``vietnamese_family_names``) and every word one
    syllable as Vietnamese writes it without diacritics. Its "Le", "Do", "Van" and "Ngo" are
    syllables of the name ("Le Van Anh", "Nguyen Van Ngo"), neither particles nor legal forms:
    dropped, "Le Van Anh" was "Anh" alone and met "YK-ANH" at 0.97."""
    if not 1 < len(words) <= VIETNAMESE_NAME_MOST_WORDS or words[0] not in _words().vietnamese_families:
        return False
    for word in words:
        if word in _NOT_VIETNAMESE_NAME_WORDS or _VIETNAMESE_SYLLABLE.fullmatch(word) is None:
            return False
    return True


def korean_syllables_only(words: Sequence[str]) -> bool:
    """Whether every word of a name is one Korean syllable, or two written as one ("Jonghyok"), in
    one of the romanisations (``korean_key``): a Korean person's name whose "In", "An" and "Do"
    ("Kim In Ho", "AN Chol Su", "Kim Do Hyun") are syllables of the name, not the English and
    Romance words they spell in other names."""
    keys = korean_syllable_keys()
    for word in words:
        if _korean_syllable(word, keys):
            continue
        if not any(_korean_syllable(word[:at], keys) and _korean_syllable(word[at:], keys) for at in range(1, len(word))):
            return False
    return True


def _korean_syllable(text: str, keys: frozenset[str]) -> bool:
    return len(text) <= KOREAN_MOST_LETTERS and korean_key(text) in keys


def _rigour_core() -> Any:
    """rigour's compiled ``extract_org_types``, which its public function calls with the flags
    (as ints) the alias table was built with; None where this rigour has no such function. Called
    directly it saves the public function's interpreted frame and flag conversions, half the cost
    of a call (``tests/test_normalize_fast_paths.py`` checks both give the same forms)."""
    try:
        from rigour import _core
    except ImportError:  # pragma: no cover - another build of rigour
        return None
    return getattr(_core, "extract_org_types", None)


_ORG_TYPES_CORE: Final = _rigour_core()
_ORG_TYPES_FLAGS: Final = int(Normalize.CASEFOLD)  # (extract_org_types' defaults)
_ORG_TYPES_CLEANUP: Final = int(Cleanup.Noop)


def org_types(text: str) -> list[tuple[str, str]]:
    """``rigour.names.extract_org_types(text, generic=True)``: each legal form the text holds
    (as written in it) with its generic kind."""
    if _ORG_TYPES_CORE is not None:
        found: list[tuple[str, str]] = _ORG_TYPES_CORE(text, _ORG_TYPES_FLAGS, _ORG_TYPES_CLEANUP, True)
        return found
    return extract_org_types(text, generic=True)


def _split_cjk_legal_form(text: str) -> str:
    """Put a space before a legal form that ends an unspaced CJK name so rigour can see it."""
    def spaced(match: re.Match[str]) -> str:
        run = match.group(0)
        for size in range(min(7, len(run) - 1), 1, -1):
            head, tail = run[:-size], run[-size:]
            if any(matched == tail for matched, _target in org_types(tail)):
                return f"{head} {tail}"
        return run

    return _CJK_RUN.sub(spaced, text)


def _supplementary_forms() -> tuple[dict[str, str], dict[str, str], frozenset[str], int, frozenset[str], frozenset[str]]:
    """(suffix form -> kind, prefix form -> kind, the words a suffix may stand before, most words
    in a form, every word of a form or of what a suffix may stand before, the Cyrillic forms never
    a name's syllables) of vocab/legal_forms.yaml."""
    return _SUPPLEMENTARY_FORMS.get()


def _supplementary_forms_made() -> tuple[dict[str, str], dict[str, str], frozenset[str], int, frozenset[str], frozenset[str]]:
    """``_supplementary_forms``, made (once: see ``_SUPPLEMENTARY_FORMS``)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "legal_forms.yaml")
    suffixes = {str(form): str(kind) for kind, forms in raw["suffixes"].items() for form in forms}
    prefixes = {str(form): str(kind) for kind, forms in raw["prefixes"].items() for form in forms}
    after = frozenset(str(words) for words in raw["after"])
    words = frozenset(word for form in [*suffixes, *after, *prefixes] for word in form.split())
    # (and the Cyrillic forms that are never a name's syllables: see ``_cyrillic_name_syllables``)
    never_syllables = frozenset(str(form) for form in raw["cyrillic_forms_never_syllables"])
    return suffixes, prefixes, after, max(len(form.split()) for form in [*suffixes, *prefixes]), words, never_syllables


_SUPPLEMENTARY_FORMS: Final = Once(_supplementary_forms_made)  # (compiled code calls its ``get`` directly: see ``memo.Once``)


def _supplementary_matches(words: list[str]) -> list[tuple[str, str]]:
    """The legal forms of vocab/legal_forms.yaml that a name's words end with (or end with but
    for one or two words that follow forms: "pvt ltd", "sal off shore") or begin with, each
    ``(form, kind)``; none that would leave no word ("Sae Chang" keeps its "Sae")."""
    suffixes, prefixes, after, most, form_words, _never_syllables = _supplementary_forms()
    found: list[tuple[str, str]] = []
    size = len(words)
    last = words[-1] if words else ""
    # (loops over ranges, compiled natively, under an ``if``: a loop over a tuple or an empty one
    # walks an iterator)
    if last in form_words:  # (most names end in no such word)
        for end in range(size, size - 3, -1):  # (the last word, or one or two after the form)
            # (what follows the form: one word as it is; two joined only where the first is a form
            # word, as every word of what may follow one is)
            if end == size - 1:
                if words[end] not in after:
                    continue
            elif end < size and (words[end] not in form_words or " ".join(words[end:]) not in after):
                continue
            for length in range(1, most + 1):
                # (every word of a form is a form word: past the first that is not, no longer form is one)
                if end - length < 1 or words[end - length] not in form_words:
                    break
                form = " ".join(words[end - length:end])
                if form in suffixes:
                    found.append((form, suffixes[form]))
    if not words or words[0] not in form_words:
        return found
    for length in range(1, min(most, size - 1) + 1):
        if words[length - 1] not in form_words:
            break
        form = " ".join(words[:length])
        if form in prefixes:
            found.append((form, prefixes[form]))
    return found


def _strip_legal_forms(
    text: str, found: set[str], spaced: bool = False, clear: list[bool] | None = None, chinese_words: list[str] | None = None,
    apostrophe_words: frozenset[str] = frozenset(), words: list[str] | None = None,
) -> str:
    """Remove the legal forms rigour finds (adding their generic kinds to ``found``).

    ``spaced``: the text is words of letters and digits between single spaces, so a form is
    cut out by plain string replacement rather than a pattern. A name that is nothing but a
    legal form keeps its text. ``chinese_words``: words that, where they are romanised Chinese
    syllables, make a form of two letters a syllable of the name ("Yu", "Na": "Wang Yu", "Li
    Na"), asked only when such a form is found (most names have none).
    ``apostrophe_words``: words of the spaced text that were written with an apostrophe inside
    them, which no legal form is: the ayn or hamza of an Arabic name ("Sa'd" is no Spanish
    "S.A.D.", "Sa’d" holds no "S.A."); and, in a Korean name, short parts written onto a word with
    a hyphen (the syllable "in" of "Jae-in" is no Slovenian form). ``words``: the spaced text's
    words, where the caller has them.
    """
    matches = org_types(text)
    if spaced:  # (and the forms rigour's table lacks: "Pvt Ltd", "Kabushiki Kaisha", "PT ... Tbk")
        more = [m for m in _supplementary_matches(text.split() if words is None else words) if m not in matches]
        if more:  # the longest first: "private limited" before rigour's "limited"
            matches = sorted([*matches, *more], key=lambda match: -len(match[0]))
    if not matches:
        return text
    stripped = f" {text} " if spaced else text
    keep = _words().numbers[2]
    name_links = _words().links
    form_words: set[str] | None = None  # (the words of every form found: made where a link asks, rarely)
    chinese = -1  # (whether ``chinese_words`` are romanised Chinese: -1 until asked)
    for matched, target in matches:
        if matched in keep or matched in apostrophe_words:
            continue  # "II", "Jr": a generation, not a legal form; "Sa'd": a name
        if len(matched) <= 2 and chinese_words is not None:
            if chinese < 0:
                chinese = 1 if romanised_chinese(tuple(chinese_words)) != "" else 0
            if chinese and is_pinyin(matched):
                continue
        if spaced and matched in name_links:
            if form_words is None:
                form_words = {word for form, _target in matches for word in form.split()}
            if _inside_name(matched, stripped, form_words):
                continue  # "Iyad Ag Ghaly": a patronymic link between two words of the name, not a form
        if not spaced and _only_beside_apostrophes(matched, stripped):
            continue  # only inside a word written with an apostrophe ("sa" of "sa’d")
        found.add(target)
        if clear is not None and (len(matched) > 2 or not spaced or stripped.endswith(f" {matched} ")):
            clear.append(True)  # a form of three letters or more, or at the end: not a word of a name
        if spaced:
            stripped = form_cut(stripped, matched)
        else:
            stripped = re.sub(rf"(?<!\w){re.escape(matched)}(?!\w)", " ", stripped)
    if spaced and words is not None:
        # (the text is its words between single spaces, and a form cut out for one space leaves it
        # so: without its padding it is its words joined again, with no split and join)
        return stripped[1:-1] or text
    stripped = " ".join(stripped.split())
    return stripped or text


def _strip_written_suffixes(text: str, found: set[str], clear: list[bool], syllables: frozenset[str] = frozenset()) -> str:
    """Cut the legal form of vocab/legal_forms.yaml that a name written in another script ends
    with, before it is transliterated ("Хуавэй Текнолоджиз Ко., Лтд.": the English forms as
    Russian writes them), adding its kind to ``found``. Those forms are in that script's
    letters, which the forms' search after transliteration never meets, and the punctuation
    between their words is still there: they are told by the name's runs of letters. None that
    would leave no word, and no form in Latin letters, which the search after transliteration
    finds with its own checks (a Chinese syllable, a word inside a person's name). ``syllables``:
    the name's words that are syllables of it as written (``_cyrillic_name_syllables``): the
    second of a name of two words is no form ("Ирина Ко" is the Korean family name Ko; "Хуавэй
    Ко." with its period, and "Хуавэй Текнолоджиз Ко", a company's name, end in the form)."""
    suffixes = _supplementary_forms()[0]
    runs = list(_LETTER_RUN.finditer(text))
    for length in (2, 1):
        if len(runs) <= length:
            continue
        form = " ".join(run.group() for run in runs[-length:])
        if length == 1 and len(runs) == 2 and form in syllables:
            continue  # (a given name and a family name: "Ирина Ко"; "Хуавэй Текнолоджиз Ко" is a company's)
        kind = suffixes.get(form)
        if kind is not None and not form.isascii():  # (a Latin form is the later search's, with its checks)
            found.add(kind)
            clear.append(True)  # (at the end: not a word of a name)
            return text[:runs[-length].start()].rstrip(" ,.")
    return text


def _inside_name(form: str, spaced: str, forms: set[str]) -> bool:
    """Whether a form stands only between two words of a person's name, never at its start or
    end nor beside a business or place word or another form: the Tuareg "Ag" (son of) of "Iyad
    Ag Ghaly", not the "AG" of "White Foods AG Co., Ltd." or "Aviation Holdings AG Bangkok"."""
    words = spaced.split()
    places = [at for at, word in enumerate(words) if word == form]
    generic = generic_words()
    return bool(places) and all(
        0 < at < len(words) - 1
        and not any(words[side] in generic or words[side] in forms for side in (at - 1, at + 1))
        for at in places
    )


_LETTER_RUN: Final = re.compile(r"[^\W\d_]+")
# the same runs of an ASCII text as a byte table: every byte but a letter's becomes a space
_ASCII_NON_LETTERS: Final = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


def _letter_runs(text: str, in_ascii: bool) -> list[str]:
    """``_LETTER_RUN.findall(text)``; an ASCII text's (``in_ascii``) by translating its bytes
    and splitting, compiled natively, where the pattern is a call through the interpreter and a
    scan of every position (most names with a hyphen hold no Korean name to look for)."""
    if in_ascii:
        return ascii_runs(text, _ASCII_NON_LETTERS)
    return _LETTER_RUN.findall(text)


# what ``_ASSIMILATED_ARTICLE`` needs before it can match: a hyphen right after one of the
# consonants its first form ends in, or its second form, "u" and consonants before a space
_ARTICLE_BEFORE_HYPHEN: Final = frozenset("tdhrzsn")
_SPACED_ASSIMILATED: Final[tuple[str, ...]] = ("ud ", "udh ", "ur ", "uz ", "ush ", "uth ")  # (see Rewrites: kept a Python tuple)


def _may_hold_assimilated_article(text: str) -> bool:
    """Whether ``_ASSIMILATED_ARTICLE`` may find a match in ``text``; False only where it
    surely finds none ("Garcia-96155": a hyphen after a vowel; "Smith-Jones": after a consonant
    the next word does not begin with; no "u" and a consonant before a space that the next word
    begins with): asked by substring searches, compiled natively, before the pattern's scan of
    every position. (The article's consonant begins the next word again: "ad-Dagestani",
    "ash-Shami", "Zia ud Din".)"""
    at = text.find("-", 1)  # (a hyphen that begins the text follows nothing)
    while at > 0:
        before = text[at - 1]
        if before in _ARTICLE_BEFORE_HYPHEN and at + 1 < len(text):
            after = text[at + 1]  # (the consonant's first letter: "th", "dh", "sh" end in "h")
            if after == before or (before == "h" and at >= 2 and after == text[at - 2]):
                return True
        at = text.find("-", at + 1)
    for spaced in _SPACED_ASSIMILATED:
        at = text.find(spaced)
        while at >= 0:
            end = at + len(spaced)
            if end < len(text) and text[end] == spaced[1]:
                return True
            at = text.find(spaced, at + 1)
    return False


_HYPHENATED: Final = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+")  # "jae-in", "abd-al-amir"
_WITH_APOSTROPHE: Final = re.compile(r"[^\W_]+(?:['’`ʼ‘][^\W_]+)+")


def _only_beside_apostrophes(form: str, text: str) -> bool:
    """Whether a legal form found in the text stands only beside an apostrophe, as part of a word
    written with one ("sa" of "sa’d"), and nowhere as a word of its own."""
    if not _APOSTROPHES.search(text):
        return False
    escaped = re.escape(form)
    alone = re.search(rf"(?<!\w){escaped}(?!\w)", text) is not None
    return alone and re.search(rf"(?<![\w'’`ʼ‘]){escaped}(?![\w'’`ʼ‘])", text) is None


def _may_have_stopword_initial(text: str) -> bool:
    """Whether ``_STOPWORD_INITIAL`` may find an "a", "e" or "y" written as an initial: one with
    a dot after it and neither a small letter nor a dot before it ("John A. Smith"; not the "a."
    of "s.a.", which two in five company names write). Asked of a text that holds one of them
    (most do not, told by three native substring tests): the pattern is a call through the
    interpreter."""
    for initial in ("a.", "e.", "y."):
        at = text.find(initial)
        while at != -1:
            before = text[at - 1] if at else " "
            if not ("a" <= before <= "z" or before == "."):
                return True
            at = text.find(initial, at + 1)
    return False


def _may_have_initials(text: str) -> bool:
    """Whether the text has a letter, a dot, a letter and a dot or a word's end in a row ("r.i.a.",
    "s.a"): most names with dots have none ("co., ltd."), and the initials pattern is the slower test."""
    at = text.find(".")
    while at != -1:
        if text[at + 1:at + 2].isalpha() and (text[at + 2:at + 3] == "." or not text[at + 2:at + 3].isalnum()):
            return True
        at = text.find(".", at + 1)
    return False


def _initials_joined(text: str) -> str:
    """Each run of initials written with dots without its dots ("s.r.l." -> "srl", "r.i.a" ->
    "ria"): ``_INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)``, read letter by letter
    (a pattern whose replacement is a function calls back into Python for every run, and two in
    five realistic names write their legal form so). A run begins a word, a letter and
    a dot after a character that is no letter, digit or underscore: two or more letters each with
    its dot, all taken; or one, then a letter that ends its word with no dot after it."""
    out: list[str] = []
    copied = 0  # (the end of what is in ``out``)
    at = text.find(".")
    size = len(text)
    while at != -1:
        start = at - 1  # (a run's first letter stands right before a dot)
        at = text.find(".", at + 1)
        if start < copied or not "a" <= text[start] <= "z" or (start > 0 and _word_character(text[start - 1])):
            continue
        end = start  # past the letters with their dots
        while end + 1 < size and "a" <= text[end] <= "z" and text[end + 1] == ".":
            end += 2
        if end - start < 4:  # one letter and its dot: a run only with a last letter that ends its word
            if not (end < size and "a" <= text[end] <= "z" and (end + 1 == size or not _word_character(text[end + 1]))):
                continue
            end += 1  # (a word's end that is no dot)
        out.append(text[copied:start])
        out.append(text[start:end].replace(".", ""))
        copied = end
        while at != -1 and at < end:
            at = text.find(".", at + 1)
    if not out:
        return text
    out.append(text[copied:])
    return "".join(out)


def _word_character(character: str) -> bool:
    """What a pattern's ``\\w`` matches (of a str pattern): a letter, a digit or an underscore."""
    return character.isalnum() or character == "_"


# a word of one or two Cyrillic letters, the first a capital and any other small, standing
# alone (no period after it: "Ко." is a form shortened)
_CYRILLIC_SYLLABLE: Final = re.compile(r"(?<!\w)([\u0400-\u042f][\u0430-\u045f]?)(?![\w.])")


def _cyrillic_name_syllables(text: str) -> frozenset[str]:
    """The words of a name written in Cyrillic that are syllables of the name, never legal forms,
    casefolded: words of one or two letters written as a name's words are, a capital and a small
    letter ("Ю", "Бо", "Гу", "Во"), in a name of two words or more. Russian writes the
    abbreviations of its legal forms all in capitals ("АО", "НО", "ГУ"), and a foreign form
    shortened with a period ("Ко."); a Korean, Chinese or Vietnamese name in Russian writes its
    syllables so ("Айдар Ю", "Хон Бо", "Гу Ин", "Во Кхань"). Read as the legal forms they spell,
    the name lost a word ("Кайрат Ю" was "Kayrat" alone, and met "KARAT INDUSTRY CO., LTD.");
    read in Latin letters, "Ю" is "yu", a legal form there too. In a name all in capitals the
    two cannot be told apart, and the form is taken as before."""
    if not written_in_cyrillic(text) or " " not in text.strip():
        return _NO_WORDS
    # (but the common forms, which are no syllable: "Ао Рособоронэкспорт" title-cased; and a word
    # of consonants alone, "Пк", no syllable either)
    never = _supplementary_forms()[5]
    return frozenset(
        word for word in (found.casefold() for found in _CYRILLIC_SYLLABLE.findall(text))
        if word not in never and _CYRILLIC_VOWEL.search(word) is not None
    )


_CYRILLIC_VOWEL: Final = re.compile(r"[аеёиоуыэюяіїєў]")


def written_in_cyrillic(text: str) -> bool:
    """Whether a text holds Cyrillic letters."""
    return _CYRILLIC.search(text) is not None


def _characters_of(text: str) -> str:
    """A name's runs of CJK characters, kept to compare in their own script (``original``): put
    together, but for two runs of katakana, a foreign name's words, which stay apart by the middle
    dot Japanese writes between them ("ドナルド トランプ", "ウサマ＝ビンラディン": read word by word,
    ``japanese.loanword_reading``)."""
    runs: list[str] = _CJK_RUN.findall(text)
    out = runs[0] if runs else ""
    for run in runs[1:]:
        out += ("\u30fb" if _KATAKANA_END.match(out[-1]) and _KATAKANA_END.match(run[0]) else "") + run
    return out


def written_in_abjad(text: str) -> bool:
    """Whether a text holds letters of the scripts whose words are compared by their consonants
    (Arabic, Hebrew, and Thai, read alike; see ``NormalizedName.abjad``)."""
    return _ABJAD.search(text) is not None


def has_han(text: str) -> bool:
    """Whether a name holds Chinese characters, which normalising reads with pypinyin."""
    return _HAN.search(text) is not None


def _transliterate(text: str) -> str:
    if _HAN.search(text):
        # imported here: pypinyin's dictionaries take a fifth of a second to load, which a
        # command that meets no Chinese name (most single screenings) need not pay
        from pypinyin import Style, lazy_pinyin

        parts = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: chars)
        text = " ".join(parts)
    if _HANGUL.search(text):  # one word per syllable block, as Korean names are romanised
        text = "".join(f" {read_hangul(ch)} " if _HANGUL.match(ch) else ch for ch in text)
    if _HEBREW_WORD.search(text):
        text = _HEBREW_WORD.sub(_hebrew_read, _HEBREW_LTD.sub(" ltd ", text))
    if INDIC_WORD.search(text):  # a consonant's own vowel written ("मसूद अज़हर": "Masud Azhar", not "msud azhr")
        text = read_indic(text)
    if THAI_WORD.search(text):  # letters in the order said, silent ones left out ("สมศักดิ์": "Somsak", not "smsakdi")
        text = read_thai(text)
    if BURMESE_WORD.search(text):  # a word a syllable, as spelt in English ("မင်းအောင်လှိုင်": "Min Aung Hlaing")
        text = read_burmese(text)
    if GREEK_WORD.search(text):  # letter pairs read together ("Ντόναλντ Τραμπ": "Donald Tramp")
        text = read_greek(text)
    return anyascii(text)


_HEBREW_WORD: Final = re.compile(r"[\u05d0-\u05ea\u05ef]+")  # (and ``het_read``'s het)
# "בע״מ" (be'eravon mugbal), Ltd, written with or without its gershayim (or a double quote for them)
_HEBREW_LTD: Final = re.compile(r"(?<![\u05d0-\u05ea])\u05d1\u05e2[\u05f4\"\u201d\u201c]?\u05de(?![\u05d0-\u05ea])")
# Hebrew letters as names are romanised, where a letter-by-letter transliteration reads them one
# way only: bet, kaf and pe are "b", "k", "p" at a word's start and "v", "kh", "f" after a vowel
# (their final forms always so); shin is "sh" far more often than sin is "s"; vav is a vowel ("o",
# "u") or a "v", written "w", which matching reads both ways (see ``index.abjad_skeletons``)
_HET_MARK: Final = "\u05ef"  # (Hebrew yod triangle: see ``het_read``)
_HEBREW_FIRST: Final = {"\u05d1": "b", "\u05db": "k", "\u05e4": "p"}
_HEBREW_AFTER: Final = {
    "\u05d1": "v", "\u05db": "kh", "\u05da": "kh", "\u05e4": "f", "\u05e3": "f", "\u05e9": "sh", "\u05d5": "w", _HET_MARK: "x",
}


def het_read(text: str) -> str | None:
    """A name in Hebrew with its het read as Israeli, Yiddish and Russian spellings write it, "ch"
    or "kh" ("חיים" / "Chaim", "Khaim"; "מנחם" / "Menachem"; "רחל" / "Rachel"), where
    ``_hebrew_read`` reads it "h" ("Haim", "Menahem"); None where it holds no het. The het is read
    "x", which no other reading of an abjad script writes, and which a Latin word meets by its
    "ch" or "kh" (``index.latin_abjad_keys``): so it never meets "sh" ("חנה" is no "Shana"), and
    Arabic kha, "kh" too, meets no "ch" ("خان" is no "Chan"). (The het is written as
    ``_HET_MARK``, a sign no name is written with, which ``_hebrew_read`` reads "x".)"""
    return text.replace("\u05d7", _HET_MARK) if "\u05d7" in text else None


def sin_read(text: str) -> str | None:
    """A name in Hebrew with its shin read as sin, "s" ("שרה" / "Sarah", "ישראל" / "Israel"), which
    the script writes with the same letter and ``_hebrew_read`` reads "sh"; None where it holds no
    shin."""
    return text.replace("\u05e9", "\u05e1") if "\u05e9" in text else None


def _hebrew_read(match: re.Match[str]) -> str:
    """A Hebrew word's letters as names are romanised (see ``_HEBREW_AFTER``). A final he, a
    vowel's mark, is kept as an "h" that matching reads as the ending Latin names write ("a",
    "e", "o" or "eh": "שלמה" / "Shlomo", "גולדה" / "Golda", "הנייה" / "Haniyeh"; see
    ``index.abjad_skeletons``). The other letters are left to anyascii."""
    word = match.group()
    first = _HEBREW_FIRST.get(word[0])
    head = first if first is not None else _HEBREW_AFTER.get(word[0], word[0])
    return head + "".join([_HEBREW_AFTER.get(letter, letter) for letter in word[1:]])


# A small cache: a name is often normalised twice in a row (checked, then screened), but a batch
# of distinct names would fill a large one with objects that the garbage collector then has to
# walk again and again.
def _rewrite_words(words: list[str], legal: set[str], sources: list[range], may_rewrite: bool = True) -> list[str]:
    """Transliterated phrases to English ("nauchno issledovatelskii" -> "scientific research",
    legal forms set aside), number words and ordinals to digits ("twenty one", "21st" -> "21").
    ``sources`` receives, for each word returned, the positions of the words it comes from (only
    when a new list is returned). ``may_rewrite``: False where no word is known to be among
    those rewritten (``_KIND_REWRITTEN``)."""
    vocab = _words()
    phrases, longest, starts = vocab.phrases
    # (membership word by word: compiled, a loop of set look-ups, where ``isdisjoint`` is a method call)
    if not (may_rewrite and any(word in vocab.rewritten for word in words)):
        for word in words:
            if word[0].isdigit() and not word.isdigit():
                break  # an ordinal ("21st") to read
        else:
            return words  # the common case: nothing to rewrite
    single, tens, _keep = vocab.numbers
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        replaced = False
        for size in range(min(longest, len(words) - i) if word in starts else 0, 0, -1):
            english = phrases.get(tuple(words[i:i + size]))
            if english is not None:
                if english.startswith("@"):
                    legal.add(english[1:])
                else:
                    for part in english.split():
                        out.append(part)
                        sources.append(range(i, i + size))
                i += size
                replaced = True
                break
        if replaced:
            continue
        value = single.get(word)
        if value is not None and word in _PINYIN_NUMERALS and (i == 0 or romanised_chinese(tuple(words)) != ""):
            value = None  # "Xi Jinping", "Wang Xi": a Chinese syllable, not Louis XI's numeral
        if value is not None:
            following = single.get(words[i + 1]) if word in tens and i + 1 < len(words) else None
            start = i
            if following is not None and following < 10:
                value += following
                i += 1
            out.append(str(value))
            sources.append(range(start, i + 1))
        else:
            out.append(word.rstrip("stndrh") if word[0].isdigit() and _ORDINAL.match(word) else word)
            sources.append(range(i, i + 1))
        i += 1
    for (first, second), joined in vocab.joined_places.items():
        if first in out and second in out and romanised_chinese(tuple(words)) == "":
            # the place's words apart, in a name that is no Chinese name ("Huawei Kong Cloud Hong":
            # its words reordered; "Kong Wei Hong" is a person, 孔伟洪), still the place, one word
            at, other = out.index(first), out.index(second)
            out[at] = joined
            del out[other]
            del sources[other]
    return out


_ARTICLES_ON_ABJAD_WORDS: Final[tuple[str, ...]] = ("wl", "ll", "l")  # (wa-l, li-l, al: longest first)
ABJAD_WORD_LEAST: Final = 3  # consonants of a generic word in Arabic script, its article aside, at least


def _abjad_word(word: str, table: dict[str, str]) -> str | None:
    """What a transliterated word in Arabic script is rewritten to (``abjad_words``), with or
    without its article ("ldwlh", "dwlh": state); None for most words."""
    english = table.get(word)
    if english is not None:
        return english
    for article in _ARTICLES_ON_ABJAD_WORDS:
        if word.startswith(article) and len(word) - len(article) >= ABJAD_WORD_LEAST:
            english = table.get(word[len(article):])
            if english is not None:
                return english
    return None


def _abjad_words_read(words: list[str], legal: set[str], sources: list[range]) -> list[str]:
    """A name in Arabic script with its generic words put into English ("ldwlh lslmyh": "state
    islamic"), as ``_rewrite_words`` puts their romanisations (legal forms set aside); a word
    that may also be a person's name or a place ("lslmy", al-Sulami) only beside another such
    word, and a name of legal forms alone kept as written. ``sources`` receives each word's
    position as written, only when a new list is returned."""
    table, beside = _words().abjad_words
    english: list[str | None] = [_abjad_word(word, table) for word in words]
    near = [_abjad_word(word, beside) for word in words]
    if sum(read is not None or other is not None for read, other in zip(english, near)) > 1:
        english = [read if read is not None else other for read, other in zip(english, near)]
    if all(read is None for read in english) or all(read is not None and read.startswith("@") for read in english):
        return words  # (most names in Arabic script, a person's; or legal forms alone, kept as a Latin "Ltd" alone is)
    out: list[str] = []
    for at, word in enumerate(words):
        read = english[at]
        if read is None:
            out.append(word)
            sources.append(range(at, at + 1))
        elif read.startswith("@"):
            legal.add(read[1:])
        else:
            for part in read.split():
                out.append(part)
                sources.append(range(at, at + 1))
    return out


# Roman numerals that are also syllables of romanised Chinese: read as a number only after
# another word of a name that is not romanised Chinese (a regnal number follows its name)
_PINYIN_NUMERALS: Final = frozenset(["xi"])
_NAME_SEPARATORS: Final = re.compile("[;\u061b]")  # ";" and the Arabic semicolon ("；" is ";" once NFKC-normalised)


def separate_names(text: str) -> list[str]:
    """The names a cell lists apart, separated by semicolons ("Behman Asgharpour; Behman
    Asgharpur", as lists and registries export aliases): no one name holds a semicolon. A text
    without one, with one name only, or with a part of less than two letters or digits (an
    escaped "AT&amp;T") is that one name."""
    if ";" not in text and "\u061b" not in text and "\uff1b" not in text:
        return [text]
    parts = [part.strip() for part in _NAME_SEPARATORS.split(unicodedata.normalize("NFKC", text))]
    names = [part for part in parts if part]
    if len(names) < 2 or any(sum(ch.isalnum() for ch in name) < 2 for name in names):
        return [text]
    return names


_NO_WORDS: Final[frozenset[str]] = frozenset()  # (one empty set, not one made for every name)
_MOST_LETTERS: Final = MAX_NAME_LENGTH  # (a static of the compiled module, not a look-up of its globals)

# Small memos: a name is often normalised twice in a row (checked, then screened), but a batch
# of distinct names would fill large ones with objects that the garbage collector then has to
# walk again and again, and that are freed long after they were made, when their memory has left
# the processor's caches (4,096 names kept: 3 % more time a name in a batch worker).
NAMES_KEPT: Final = 256
_NORMALIZED: Final[Memo[str, NormalizedName]] = Memo(NAMES_KEPT)
_NORMALIZED_PERSONS: Final[Memo[str, NormalizedName]] = Memo(NAMES_KEPT)


def normalize_name(name: str, person: bool = False) -> NormalizedName:
    """The tokens, legal forms and script flags of one name.

    ``person``: the name is a person's, so no legal forms are looked for in it ("SA" of "Saadi").
    """
    memo = _NORMALIZED_PERSONS if person else _NORMALIZED
    known = memo.get(name)
    if known is not None:
        return known
    return memo.keep(name, _normalized(name, person))


def read_as(normalized: NormalizedName, reading: str, person: bool) -> NormalizedName | None:
    """A name in characters as another reading of them (in Japanese, in Korean), to compare with
    Latin names; None where it reads as nothing or as the name's own words. A reading, not a
    translation: it keeps the characters, so that against another name in characters the
    characters still decide."""
    form = normalize_name(reading, person)
    if form.empty or form.tokens == normalized.tokens:
        return None
    return NormalizedName(
        form.text, form.tokens, form.legal_forms | normalized.legal_forms, False, True, normalized.original,
        form.particles, form.organization_form or normalized.organization_form, (), False, form.written, form.sources,
        form.given,
    )


def text_marks(text: str) -> int:
    """The ``MARK_*`` bits of a text: in C where compiled and the text is ASCII (the questions
    were eight substring searches and a translation, a call each); the shape's two only of an
    ASCII text."""
    found = _MARKS(text, _ASCII_SHAPES)
    if found is not None:
        return found
    marks = 0
    if text.isascii():
        shape = _ascii_shape(text)
        if "aA" in shape:
            marks |= MARK_GLUED_START
        if "c" in shape:
            marks |= MARK_CONTROL
    if "'" in text or "`" in text:
        marks |= MARK_APOSTROPHE
    if "-" in text:
        marks |= MARK_HYPHEN
    if any(initial in text for initial in ("a.", "e.", "y.", "A.", "E.", "Y.")):
        marks |= MARK_STOPWORD_INITIAL
    if _may_have_initials(text):
        marks |= MARK_DOTTED_INITIALS
    if "&" in text:
        marks |= MARK_AMPERSAND
    if " u" in text or " U" in text:
        marks |= MARK_SPACE_U
    return marks


def _ascii_shape(text: str) -> str:
    """An ASCII text's shape (``_ASCII_SHAPES``): whether a form may be glued on and whether it is
    printable, asked by two substring searches (compiled natively) instead of a pattern and a
    scan, each a call through the interpreter from compiled code."""
    return text.encode("ascii").translate(_ASCII_SHAPES).decode("ascii")


def _normalized(name: str, person: bool) -> NormalizedName:
    """``normalize_name``, worked out."""
    text = name[:_MOST_LETTERS]
    in_ascii = text.isascii()  # (and so it stays below: ASCII is its own NFKC form, casefolded it is ASCII)
    # (a form glued on begins with a capital right after a small letter: ``_GLUED_START``, which
    # an ASCII name is asked by its shape, tells most names from those)
    # (and the rest of what its words' split asks, which lowercasing does not change: ``MARK_*``)
    marks = text_marks(text) if in_ascii else -1
    if not in_ascii:
        text = unicodedata.normalize("NFKC", text)
    if not person and ((marks & MARK_GLUED_START) if in_ascii else _GLUED_START.search(text) is not None) and _GLUED_FORM.search(text):
        text = _GLUED_FORM.sub(r" \1", text)
        marks = text_marks(text) if in_ascii else -1
    # (a short Cyrillic word that is a syllable of the name, as it is written: see ``_cyrillic_name_syllables``)
    syllables_not_forms = _NO_WORDS if in_ascii or person else _cyrillic_name_syllables(text)
    text = text.lower() if in_ascii else text.casefold()  # (the same for ASCII text; ``lower`` is compiled natively)
    if not in_ascii and _ZWNJ in text and _ABJAD.search(text):
        # Persian writes a word's parts apart with a zero-width non-joiner, after a heh that is a
        # vowel ("خامنه‌ای": Khamenei, "احمدی‌نژاد": Ahmadinejad): one word, the heh no consonant
        text = text.replace("\u0647" + _ZWNJ, "").replace(_ZWNJ, "")
    if (marks & MARK_CONTROL) if in_ascii else not text.isprintable():  # control and format characters become spaces
        # (but those written inside a word, which no reader sees, join it: a soft hyphen, a
        # zero-width space or joiner, a word joiner, a byte-order mark: "Hik\u00advision")
        text = "".join(ch if ch.isprintable() else "" if ch in _INVISIBLE_IN_WORDS else " " for ch in text)
        marks = text_marks(text) if in_ascii else -1
    abjad = foreign = False
    original = ""
    legal: set[str] = set()
    clear: list[bool] = []
    if not in_ascii and not text.isascii():
        abjad = bool(_ABJAD.search(text))
        foreign = bool(_NON_LATIN.search(text))
        if _CJK_RUN.search(text):
            original = _characters_of(text)
            if not person:
                text = _split_cjk_legal_form(text)
        if not person:
            text = _strip_legal_forms(text, legal, clear=clear, apostrophe_words=syllables_not_forms)
            if foreign and not abjad:
                text = _strip_written_suffixes(text, legal, clear, syllables_not_forms)
            if original:
                original = _characters_of(text)
    han_text = text if original and has_han(original) else ""
    reading_text = reading(han_text) if han_text else ""
    read_syllables = _NO_WORDS  # (words read from a script's syllables: no stopword, no legal form)
    if not in_ascii and not text.isascii():
        if BURMESE_WORD.search(text):
            read_syllables = burmese_syllables(text)
        if abjad:  # dad is romanised "d", "dh" or "z": written as za ("dh"), which matching reads every way
            # (and Persian zhe as jim: "نژاد" is romanised "Nejad" as often as "Nezhad"; Pashto dze
            # and tse as zain and sin, as Afghan names are romanised: "ځدران" is "Zadran", not "Dzadran")
            text = text.replace("\u0636", "\u0638").replace("\u0698", "\u062c")
            text = text.replace("\u0681", "\u0632").replace("\u0685", "\u0633")
        elif foreign and written_in_cyrillic(text):  # ("Ин" is no English "in": see ``stopwords_not_in_cyrillic``)
            read_syllables = read_syllables | _words().not_in_cyrillic
        text = _transliterate(text).casefold()
        if syllables_not_forms:  # (as read: "Ю" is "yu", no Latin form either)
            syllables_not_forms = frozenset(_transliterate(word).casefold() for word in syllables_not_forms)
    syllables = original != ""  # its characters' readings are syllables
    # (a Hangul syllable's reading is no legal form, whose Korean forms were cut out before: "인" of
    # "문재인" is no Slovenian "in", "구" of "정몽구" no "KU")
    if syllables and _HANGUL.search(original):
        read_syllables = frozenset([read_hangul(ch) for ch in original if _HANGUL.match(ch)])
    text, tokens, particles, rewritten, (written, sources) = _tokens(
        text, person, legal, clear, abjad, syllables, in_ascii, marks, read_syllables, syllables_not_forms,
    )
    if han_text and not reading_text and not person and tokens != text.split():
        # a short name whose syllables the vocabularies read as other words ("依图": "yi" as the
        # family name Lee, "用友": "you" as "yu") reads as its syllables, joined as a brand writes
        # them in Latin letters ("yitu", "yongyou"): its tokens no longer spell them
        reading_text = reading(han_text, short=True)
    read: tuple[str, ...] = ()
    if reading_text:
        read = tuple(_tokens(anyascii(reading_text).casefold(), person, set(legal), [], syllables=True)[1])
    return NormalizedName(
        text, tuple(tokens), frozenset(legal), abjad, foreign, original, tuple(particles), bool(clear or (legal and rewritten)),
        read, False, written, sources, name[:_MOST_LETTERS],
    )


def _tokens(
    text: str, person: bool, legal: set[str], clear: list[bool], abjad: bool = False, syllables: bool = False,
    in_ascii: bool = False, marks: int = -1, syllable_words: frozenset[str] = frozenset(),
    not_forms: frozenset[str] = frozenset(),
) -> tuple[str, list[str], list[str], bool, tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]]:
    """Transliterated text to its words: (text, tokens, particles dropped, whether any words
    were rewritten, and then the words as written and each token's sources among them: see
    ``NormalizedName.written``). ``syllables``: the name holds CJK characters, whose readings
    are syllables even where they spell an article ("大华": "da hua"). ``abjad``: the text is a
    transliterated abjad script, consonants without their vowels, which the vocabularies of words
    written in Latin letters would misread (Arabic "زاهد" is "zhd", not the Russian railway's
    initials). ``in_ascii``: the text is known to be ASCII (a name written so: it is asked once).
    ``marks``: its ``text_marks``, where known (-1 where not). ``syllable_words``: words read from
    syllables of a script whose legal forms were cut out before reading it (Hangul), none of them
    a legal form written in Latin letters. ``not_forms``: words that are no legal form, though
    they spell one (see ``_cyrillic_name_syllables``)."""
    vocab = _words()
    inverted = "," in text  # ("CRUZ, Juan de la": the particles of the family name before the comma, written last)
    in_ascii = in_ascii or text.isascii()  # (nothing below writes a character outside ASCII into it)
    if marks < 0:
        marks = text_marks(text)  # (and asked again wherever the text is changed below)
    apostrophe_words = _NO_WORDS
    if marks & MARK_APOSTROPHE or not in_ascii:
        if not person:
            text = _ELIDED_ARTICLE.sub(" ", text)
            apostrophe_words = frozenset(_APOSTROPHES.sub("", word) for word in _WITH_APOSTROPHE.findall(text))
        text = _APOSTROPHES.sub("", text)
        marks = text_marks(text)
    if syllable_words:
        apostrophe_words |= syllable_words
    if not_forms:
        apostrophe_words |= not_forms
    hyphen_parts = _NO_WORDS
    families = vocab.korean_families  # (compiled, ``any`` of a generator is a loop; ``isdisjoint`` a method call)
    if marks & MARK_HYPHEN and any(word in families for word in _letter_runs(text, in_ascii)):
        # a Korean given name's syllable written onto the other with a hyphen ("Moon Jae-in"), not
        # the English "in" nor a legal form
        hyphenated = [word.split("-") for word in _HYPHENATED.findall(text)]
        apostrophe_words |= frozenset(part for parts in hyphenated for part in parts if len(part) <= 2)
        hyphen_parts = frozenset(  # (a Korean given name is two syllables: "Jae-in", not "Nam-avaran-e")
            parts[1] for parts in hyphenated if len(parts) == 2 and len(parts[1]) <= 2 and parts[0] not in vocab.stopwords
        )
    # a one-letter word written as an initial ("John A. Smith") is no article or conjunction
    initials = (
        frozenset(_STOPWORD_INITIAL.findall(text))
        if marks & MARK_STOPWORD_INITIAL and _may_have_stopword_initial(text) else _NO_WORDS
    )
    dotted = (marks & MARK_DOTTED_INITIALS) != 0
    if dotted:
        text = _initials_joined(text)
        marks = text_marks(text)
    if marks & MARK_AMPERSAND:
        text = text.replace("&", " and ")  # ("A&U": " and u" holds " u")
        marks = text_marks(text)
    if marks & (MARK_HYPHEN | MARK_SPACE_U) and _may_hold_assimilated_article(text):
        text = _ASSIMILATED_ARTICLE.sub(" ", text)
    word_kinds = vocab.kinds
    if in_ascii:
        written, spaced, found = ascii_words(text, _ASCII_SEPARATORS, word_kinds)
    else:
        written = _SEPARATORS.sub(" ", text).split()
        spaced = " ".join(written)
        found = _kinds_of(written, word_kinds)
    text = spaced
    name_syllables = _NO_WORDS
    if not abjad and (korean_syllable_name(written) or vietnamese_name(written)):
        # a Korean or Vietnamese person's name written a word per syllable: its "In", "An", "Do",
        # "Le" and "Van" are syllables of the name ("Kim In Ho", "AN Chol Su", "Le Van Thanh"),
        # neither stopwords nor legal forms (the English "in", the Slovenian form "in", the
        # Dutch "van", NGO)
        name_syllables = frozenset(written)
        apostrophe_words = apostrophe_words | name_syllables
    read_out = False  # (whether initialisms were read as their words)
    if not person and not abjad:  # (an abjad script's legal forms were found before transliterating)
        kinds = vocab.initialisms
        words: list[str] | None = written
        if found & _KIND_INITIALISM:  # "NII", "KB": not the legal forms they spell elsewhere
            text = " ".join(kinds.get(word, word) for word in written)
            words = None  # (split again, as an initialism's reading may be several words)
            read_out = True
        # (a form written with dots, "S.A.", is one whatever the name)
        text = _strip_legal_forms(
            text, legal, spaced=True, clear=clear, chinese_words=written if len(written) > 1 and not dotted else None,
            apostrophe_words=apostrophe_words, words=words,
        )
    if text is not spaced:  # (otherwise ``written`` are its words still)
        written = text.split()
        if read_out:  # (legal forms cut out take whole words: the rest are among the words asked)
            found = _kinds_of(written, word_kinds)
    # "ad Dawah": the article before its sun letter
    if found & _KIND_SPACED_ARTICLE and any(word in _SPACED_ARTICLES for word in written):
        written = [
            w for i, w in enumerate(written)
            if not (w in _SPACED_ARTICLES and i + 1 < len(written) and written[i + 1].startswith(w[1:]))
        ]
        text = " ".join(written)
    sources: list[range] = []
    may_rewrite = (found & _KIND_REWRITTEN) != 0
    if not text:
        words = []
    elif abjad:  # (its own generic words, by their consonants; none in a person's name)
        words = written if person else _abjad_words_read(written, legal, sources)
    else:
        words = _rewrite_words(written, legal, sources, may_rewrite)
    rewritten = words != written
    if rewritten:  # (new words: numbers, phrases in English)
        found = _kinds_of(words, word_kinds)
    shorts = {} if abjad else vocab.person_abbreviations if person else vocab.abbreviations
    shortened = not abjad and (found & (_KIND_PERSON_ABBREVIATION if person else _KIND_ABBREVIATION)) != 0
    stops = vocab.abjad_stopwords if abjad else vocab.stopwords  # ("على", "la": Ali, no article)
    stopped = abjad or (found & _KIND_STOPWORD) != 0  # (an abjad script's own: asked of its words)
    if not abjad and stopped and any(word in stops for word in words) and (
        syllables or single_syllables(words) or syllable_beside_syllable(words, stops)
    ):
        stops = vocab.stopwords_not_syllables  # "Wang De", "Du Wei", "Li Da": Chinese syllables, not articles
    particles: list[str] = []
    # (in an abjad script, its own: "mr" is عمر's consonants, "hjy" is حاجی, Haji)
    titles = vocab.abjad_honorifics if abjad else vocab.honorifics
    if len(words) > 1 and (abjad or found & _KIND_TITLE) and any(word in titles for word in words):
        # a title written with a person's name ("Sheikh", "Haji", "Mullah", "Dr."), dropped
        # wherever it stands (a query need not say it is a person's name), unless nothing else is left
        kept = [p for p, word in enumerate(words) if word not in titles]
        if kept and len(kept) < len(words):
            words = [words[p] for p in kept]
            sources = [sources[p] for p in kept] if rewritten else sources
    if initials:
        stops = stops - initials
    if hyphen_parts:
        stops = stops - hyphen_parts
    if syllable_words:  # ("인": "in", a syllable, not the English word)
        stops = stops - syllable_words
    if name_syllables:
        stops = stops - name_syllables
    if len(words) > 1 and not (inverted or legal) and words[-1] in stops and words[-1] in vocab.particles:
        # a particle stands before the name it belongs to: the last word of a name (a person's:
        # no legal form), it is a word of the name ("Nguyen Thi Le", "Алина Де": the Vietnamese
        # family name Le, the Koryo-saram's 대; "SORGUITA S.A. LA" is a company's reordered)
        stops = stops - {words[-1]}
    if not (stopped and any(word in stops for word in words)):
        tokens = [shorts.get(word, word) for word in words] if shortened else words
    else:
        particle_words = vocab.particles
        particles = [word for word in words if word in particle_words and word in stops]
        if rewritten:
            sources = [src for src, word in zip(sources, words) if word not in stops]
        tokens = [shorts.get(word, word) for word in words if word not in stops]
    source_words: tuple[tuple[str, ...], tuple[tuple[int, ...], ...]] = ((), ())
    if rewritten:
        source_words = _written_sources(written, sources, stops)
    return text, tokens, particles, rewritten, source_words


def _written_sources(
    written: list[str], sources: list[range], stops: frozenset[str],
) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
    """The written words without stopwords, and for each token the positions among them it
    comes from (a token from stopwords alone, none)."""
    kept = [p for p, word in enumerate(written) if word not in stops]
    position = {p: k for k, p in enumerate(kept)}
    return (
        tuple(written[p] for p in kept),
        tuple(tuple(position[p] for p in src if p in position) for src in sources),
    )

