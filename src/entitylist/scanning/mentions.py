"""Mentions of listed parties in running text, found with the screening core.

There is no second matcher: passages of the text are screened by the core's
:class:`~entitylist.screening.ListIndex` (its normalisation, token index and scoring), and this
module only decides which passages to screen and which results are mentions.

1. Every word is looked up once per distinct spelling in the core's index (exact, synonym,
   typo and sound-alike matches of its normalised tokens). A word that may be a distinctive
   listed word (weight at least the core's ``distinctive_min_weight``) is a *seed*.
2. From each seed, for each listed name holding the word, the passage grows over neighbouring
   words that the same name holds (legal forms may close it; "and", "of" may sit inside; at
   most ``max_gap_words`` unexplained words in a row; never across a hard break). Two
   proposals per name: without gaps and with them. Government-body wording is read as the
   listed wording ("police department" as "public security bureau", ``vocab/scan.yaml``).
3. Each proposed passage is screened; its best match that passes the checks below is a
   candidate worth ``score x words explained``. Overlapping candidates are resolved by choosing
   the non-overlapping set of greatest total worth, which splits names run together in a list
   at the right boundaries and prefers one whole name over two fragments of it.

Checks (a high score is not enough in running text): the match rests on a distinctive listed
word matched closely; a person or a vessel is named by two words or more; a government body or
institute by a word saying what it is, not its place alone; a one-word mention is capitalised,
not written in lower case elsewhere in the text, and stands for a name whose other words are
generic ("Dahua" for Dahua Technology); a one-word or shortened mention is not the first or last
part of another capitalised name ("Leon Smith" is not Leon Technology); a small joining word the
listed name lacks ends a passage ("bureaus in Kashgar"); generic phrases ("public security
bureaus") never count. A chosen passage then takes in a capitalised place before it and legal
forms after it ("Zhejiang Dahua Technology Co").

Only the stretches of text around capitalised seed words are read word by word; a long text is
read in overlapping windows (:meth:`MentionFinder.find_in_stream`), so memory stays flat.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

from rapidfuzz.distance import Levenshtein

from entitylist.matching.index import NameIndex
from entitylist.matching.japanese import loanword_readings
from entitylist.matching.korean import hangul_forms
from entitylist.matching.normalize import normalize_name, stopwords, written_in_abjad, written_in_cyrillic
from entitylist.matching.vocabulary import generic_words_file
from entitylist.reference import load_package_yaml
from entitylist.scanning.han import HanWords
from entitylist.scanning.tokens import (
    _LINE_HYPHEN, _POSSESSIVE, ALLAH_AFTER, COMMA, HAN_CHARACTER, JOINED, MARKS, SENTENCE, UNSPACED_CHARACTER, WORD_PATTERN, WORD_TAIL,
    Words,
)
from entitylist.scanning.vocabulary import ScanVocabulary, phrase_key, scan_vocabulary
from entitylist.screening import ListIndex, Match
from entitylist.state import PartyState

SEED_SIMILARITY: Final = 0.8  # a word matched less closely does not start a passage
NAMES_PER_SEED: Final = 24  # listed names a passage is grown for, per seed word
WINDOW_CHARS: Final = 1 << 20  # a long text is read in windows of this many characters ...
OVERLAP_CHARS: Final = 4096  # ... each overlapping the next by this many (far longer than any name)
PASSAGE_CACHE: Final = 100_000
CONTEXT_CHARS: Final = 80  # text kept either side of a mention, to show it
REGION_CHARS: Final = 300  # text read word by word either side of a seed (longer than any name)
# a word that may start a name in a text that writes capitals: a capitalised word (Latin, Greek,
# Cyrillic), or any word of a script that writes none (Chinese, Japanese, Korean; Arabic, Hebrew
# and the scripts of India, whose names quoted in an English text were otherwise never read)
_CAPITALISED = re.compile(
    rf"(?<![^\W_])(?<![{MARKS}])(?:[a-z]?[A-Z\u00c0-\u00d6\u00d8-\u00de\u0386-\u03ab\u0400-\u042f]{WORD_TAIL}"
    rf"(?:(?:['’]|-[ \t]*\r?\n[ \t]*(?=[a-z]))[^\W_]{WORD_TAIL})*"
    rf"|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{WORD_TAIL}"
    rf"|[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u0750-\u077f\u0900-\u0dff]{WORD_TAIL}"
    rf"(?:['’\u05f3\u05f4][^\W_]{WORD_TAIL})*{ALLAH_AFTER})"
)
_ABJAD_OR_INDIC: Final = re.compile(r"[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u0750-\u077f\u0900-\u0dff]")
_KATAKANA_WORD: Final = re.compile(r"[\u30a0-\u30ff\u3099\u309a]+")  # (voicing marks written apart too)
_HANGUL_WORD: Final = re.compile(r"[\uac00-\ud7a3]{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_ANY_WORD = re.compile(WORD_PATTERN)
CASELESS_SHARE: Final = 0.02  # a text with fewer capitalised words than this is read as caseless


class Mention:
    """A passage of the text that names a listed party; offsets are the document's characters."""

    def __init__(self, match: Match, text: str, start: int, end: int, before: str = "", after: str = "") -> None:
        self.match: Final = match
        self.text: Final = text
        self.start: Final = start
        self.end: Final = end
        self.before: Final = before  # the text just before and after the passage, to show it
        self.after: Final = after

    @property
    def party_id(self) -> str:
        return self.match.party_id

    @property
    def state(self) -> PartyState:
        return self.match.state

    def __repr__(self) -> str:
        return f"Mention({self.text!r}, {self.match.party_id!r}, {self.start}, {self.end}, {self.match.score:.3f})"


class WordInfo:
    """What the index knows of one spelling of a word."""

    def __init__(
        self, keys: frozenset[str], seeds: tuple[str, ...], legal: bool, neutral: bool, listed: bool = False,
        alone: bool = False, phrase_start: bool = False, cjk: bool = False,
    ) -> None:
        self.cjk: Final = cjk  # written in Chinese, Japanese or Korean script
        self.phrase_start: Final = phrase_start  # it may open a government-body wording or a spun phrase
        self.alone: Final = alone  # it may name a listed organisation on its own ("Hikvision", "Dahua", "XPCC")
        self.keys: Final = keys  # listed units the word may stand for
        self.seeds: Final = seeds  # distinctive listed units it matches closely
        self.listed: Final = listed  # it is, as written, a distinctive word of a listed name
        self.legal: Final = legal  # a legal form ("Co", "Ltd"), which may close a name
        self.neutral: Final = neutral  # nothing to match ("and", "of", "the"), may sit inside a name


class _Infos:
    """The :class:`WordInfo` of each word of a window, looked up when first needed."""

    def __init__(self, finder: MentionFinder, spellings: list[str], caseless: bool, lower_case: _LowerCase) -> None:
        self._finder = finder
        self._spellings = spellings
        self._known: list[WordInfo | None] = [None] * len(spellings)
        self.caseless: Final = caseless  # the text has (almost) no capitals: case says nothing
        self.lower_case: Final = lower_case

    def __len__(self) -> int:
        return len(self._spellings)

    def __getitem__(self, at: int) -> WordInfo:
        info = self._known[at]
        if info is None:
            info = self._known[at] = self._finder.word(self._spellings[at])
        return info


class _LowerCase:
    """Whether a text writes a word in lower case somewhere, searched when first asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}

    def holds(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._search(word)
        return known

    def _search(self, word: str) -> bool:
        text, size = self._text, len(word)
        at = text.find(word)
        while at != -1:
            before = text[at - 1:at]
            after = text[at + size:at + size + 1]
            if not (before.isalnum() or after.isalnum()):
                return True
            at = text.find(word, at + 1)
        return False


class Candidate:
    """A passage (words ``first``..``last``) and the match it is taken for."""

    def __init__(self, first: int, last: int, match: Match, worth: float) -> None:
        self.first: Final = first
        self.last: Final = last
        self.match: Final = match
        self.worth: Final = worth


class Judged:
    """What screening a passage gave, independent of where it stands: the match, the words of
    the passage that it explains, and whether it names the party only in part."""

    def __init__(self, match: Match, explained: int, shortened: bool) -> None:
        self.match: Final = match
        self.explained: Final = explained
        self.shortened: Final = shortened  # some word of the listed name is not in the passage




class MentionFinder:
    """Finds mentions of the parties of one :class:`ListIndex`; keeps what it learns of words
    and passages, so use one finder for many documents."""

    def __init__(self, index: ListIndex, threshold: float | None = None) -> None:
        self.index = index
        self.names: NameIndex = index.index
        self.vocabulary: ScanVocabulary = scan_vocabulary()
        self.threshold = self.vocabulary.threshold if threshold is None else threshold
        params = self.names.weights.name
        self._generic_weight = params.generic_word_weight
        self._seed_units = self._distinctive_units()
        self._solo_units = self._units_standing_alone()
        self._words: dict[str, WordInfo] = {}
        self._passages: dict[str, Judged | None] = {}  # None: not a mention
        self._synonym_starts = frozenset(key[0] for key in self.vocabulary.body_synonyms)
        self._phrase_starts = self._synonym_starts | self.names.weights.phrase_starts
        self._units_by_party: dict[str, frozenset[str]] | None = None
        self._seed_names: dict[tuple[str, ...], tuple[list[int], frozenset[str]]] = {}
        self._han: HanWords | None = None  # made when a text first holds Chinese

    def han_words(self) -> HanWords:
        """The cutter of Chinese text into words, with the list's Chinese names (made when first needed)."""
        han = self._han
        if han is None:
            han = self._han = HanWords(entry.name for entry in self.names.entries)
        return han

    def split(self, word: str) -> list[tuple[int, int]] | None:
        """The words inside a run of letters holding Chinese (see :mod:`.han`), or None."""
        return self.han_words().split(word)

    # -- words ------------------------------------------------------------------------------

    def word(self, spelling: str) -> WordInfo:
        """What the index knows of a word as written, worked out once per spelling."""
        info = self._words.get(spelling)
        if info is None:
            info = self._words[spelling] = self._learn(spelling)
        return info

    def _learn(self, spelling: str) -> WordInfo:
        normalized = normalize_name(spelling)
        names = self.names
        keys: set[str] = set()
        seeds: list[str] = []
        distinctive = names.weights.name.distinctive_min_weight
        exact = False
        cyrillic = normalized.cyrillic  # (its words as listed Latin words in other romanisations: "Хуавей")
        abjad = normalized.abjad  # (a word in Arabic or Hebrew script: by its consonants, as screening meets it)
        tokens = normalized.tokens
        if _KATAKANA_WORD.fullmatch(spelling) is not None:
            # a foreign name in katakana as the name it writes, as screening also reads it ("カスペルスキー": "kasperski")
            for reading in loanword_readings(spelling):
                tokens = (*tokens, *normalize_name(reading).tokens)
        elif _HANGUL_WORD.fullmatch(spelling) is not None:
            # a company's or a place's name in Hangul as its words, as screening also reads it ("삼성전자는": "samsong electronics")
            for form in hangul_forms(normalized):
                tokens = (*tokens, *form.tokens)
        # (and the words of one word of Words in an abjad script looked up as one run: "حزب الله", "HIZBALLAH")
        looked_up = [(" ".join(tokens), names.abjad_run_lookup(list(tokens)))] if abjad and len(tokens) > 1 else []
        for token in tokens:
            lookup = names.lookup(token, abjad)
            looked_up.append((token, names.cyrillic_lookup(token, lookup) if cyrillic else lookup))
        for token, lookup in looked_up:
            for listed, hit in lookup.found.items():
                keys.add(listed)
                if hit.similarity >= SEED_SIMILARITY and listed in self._seed_units:
                    seeds.append(listed)
                    exact = exact or (
                        listed == token and len(token) >= LISTED_WORD_LENGTH and token not in names.common
                        and names.unit_weight[listed] >= distinctive
                    )
        if seeds and not spelling.isascii() and HAN_CHARACTER.search(spelling) is not None and not self._listed_chinese(spelling, normalized.tokens):
            seeds = []
        if len(normalized.tokens) == 1 and len(normalized.tokens[0]) >= ACRONYM_MIN_LETTERS and normalized.tokens[0] in names.acronyms:
            seeds.append(normalized.tokens[0])  # the initials of a long name ("XPCC")
        legal = spelling.casefold() in self.vocabulary.closing_words
        alone = (
            not self._solo_units.isdisjoint(seeds)
            or len(normalized.tokens) > 1  # a word of several (Chinese characters read as syllables): a name in itself
            or (len(normalized.tokens) == 1 and normalized.tokens[0] in names.acronyms)
        )
        phrase_start = spelling.casefold() in self._phrase_starts
        cjk = _CJK.match(spelling) is not None
        return WordInfo(frozenset(keys), tuple(seeds), legal, not normalized.tokens, exact, alone, phrase_start, cjk)

    def _listed_chinese(self, spelling: str, tokens: tuple[str, ...]) -> bool:
        """Whether a word in Chinese may start a passage: its characters are part of a listed
        name in Chinese ("海康威视"), or read as one word it is a listed word ("新疆" as
        "xinjiang"). Its syllables alone say little: Chinese has some 400, and nearly every word
        of a Chinese text reads like some syllable of a listed name (港口 "gang kou" like "gong",
        "kang"), so that every word started passages, each screened and turned down."""
        if self.han_words().holds(spelling):
            return True
        return len(tokens) > 1 and "".join(tokens) in self.names.unit_weight

    def _spun_phrase(self, words: Words, at: int) -> tuple[int, WordInfo] | None:
        """A multi-word synonym of a listed word (``vocab/synonyms.yaml``: "know how") starting at
        word ``at``: its length and the listed words it may stand for."""
        weights = self.names.weights
        first = words.spellings[at].casefold()
        if first not in weights.phrase_starts:
            return None
        for size in (3, 2):
            if at + size > len(words) or not all(words.joined(at + k) for k in range(size - 1)):
                continue
            phrase = " ".join([first, *(words.spellings[at + k].casefold() for k in range(1, size))])
            listed = weights.synonyms.get(phrase)
            if listed:
                return size, WordInfo(frozenset(listed), (), False, False)
        return None

    def _distinctive_units(self) -> frozenset[str]:
        """Listed units that may start a passage: those weighing more than the generic words,
        and the weightiest word of each name (a name of generic words only, "Urumqi Municipal
        Public Security Bureau", is found through its place); never a word that names no one
        (legal forms, business and ordinary words, initials: "Co", "Technology", "S" of "S.A.")."""
        names = self.names
        places = _generic_places()
        found = {unit for unit, weight in names.unit_weight.items() if weight > self._generic_weight}
        for entry in names.entries:
            weights = entry.position_weights
            if weights:
                top = max(weights)
                found.update(t for t, w in zip(entry.normalized.tokens, weights, strict=True) if w == top)
        vocabulary = self.vocabulary
        plain = (names.generic - places) | names.common | vocabulary.closing_words
        seeds = {u for u in found if len(u) >= SEED_MIN_LENGTH and u not in plain}
        for entry in names.entries:  # a name of plain words only: found through its rarest word
            tokens = [t for t in entry.normalized.tokens if len(t) >= SEED_MIN_LENGTH and t not in vocabulary.closing_words]
            if tokens and seeds.isdisjoint(tokens):
                seeds.add(min(tokens, key=lambda t: len(names.postings.get(t, ()))))
        return frozenset(seeds)

    def _units_standing_alone(self) -> frozenset[str]:
        """Units that may be a one-word mention: the distinctive word of an organisation's name
        whose other words are all plain ("dahua" of Dahua Technology), or a whole one-word name
        ("hikvision")."""
        names = self.names
        found: set[str] = set()
        for entry in names.entries:
            if self.index.parties[entry.record].party.type in ("individual", "vessel"):
                continue
            tokens = entry.normalized.tokens
            distinct = [t for t in tokens if not self._plain_word(t)]
            if len(distinct) == 1 and distinct[0] in self._seed_units:
                found.add(distinct[0])
            for unit in entry.units:
                if len(unit.positions) == len(tokens) == 2:
                    found.add(unit.text)  # "Sense Time" written "SenseTime"
        return frozenset(found)

    def _phrase(self, words: Words, at: int) -> tuple[int, str] | None:
        """A government-body wording starting at word ``at``: (its length, the listed wording)."""
        vocabulary = self.vocabulary
        if words.spellings[at].casefold() not in self._synonym_starts:
            return None
        for size in range(min(vocabulary.longest_synonym, len(words) - at), 0, -1):
            if size > 1 and not all(words.joined(at + k) for k in range(size - 1)):
                continue
            key = tuple(phrase_key(words.spellings[at + k]) for k in range(size))
            listed = vocabulary.body_synonyms.get(key)
            if listed is not None:
                if size == 1 and at + 1 < len(words) and words.joined(at) and words.title_case(at + 1):
                    continue  # "Xinjiang Police College": the word is part of a name, not the body
                return size, listed
        return None

    # -- passages ---------------------------------------------------------------------------

    def find(self, text: str, base: int = 0) -> list[Mention]:
        """The mentions in ``text``, in order; ``base`` is added to every offset.

        Names are written with capitals: in a text that uses them, only capitalised words start
        a passage (the words around them are still read: "the Kashgar prefecture police").
        Only the stretches around such words are read word by word.
        """
        seeds: list[tuple[int, int]] = []
        word = self.word
        words_seen = 0
        for match in _CAPITALISED.finditer(text):
            # (a word of Arabic, Hebrew or a script of India says nothing of capitals: a text of
            # them alone is read as caseless, as before such words could start a name here)
            words_seen += _ABJAD_OR_INDIC.match(match.group()) is None
            self._seeds_in(match, seeds)
        caseless = words_seen < CASELESS_SHARE * (text.count(" ") + text.count("\n"))
        if caseless:
            seeds = []
            for match in _ANY_WORD.finditer(text):
                self._seeds_in(match, seeds)
        mentions: list[Mention] = []
        lower_case = _LowerCase(text)
        for start, end, inside in _regions(text, seeds):
            seed_starts = [s - start for s, _e in inside]
            mentions.extend(self._find_in(text[start:end], base + start, seed_starts, caseless, lower_case))
        return mentions

    def _seeds_in(self, match: re.Match[str], seeds: list[tuple[int, int]]) -> None:
        """Add the span of the word ``match`` to ``seeds`` if it is one, or those of the seeds
        among the words of a run of Chinese (which :class:`Words` cuts alike)."""
        spelling = match.group()
        cut = None if spelling.isascii() or UNSPACED_CHARACTER.search(spelling) is None else self.split(spelling)
        if cut is None:
            if self.word(_clean(spelling)).seeds:
                seeds.append(match.span())
            return
        at = match.start()
        for start, end in cut:
            if self.word(_clean(spelling[start:end])).seeds:
                seeds.append((at + start, at + end))

    def _find_in(
        self, text: str, base: int, seed_starts: list[int], caseless: bool, lower_case: _LowerCase
    ) -> list[Mention]:
        """The mentions of one stretch of text around seed words (``seed_starts``: where they
        start in it)."""
        words = Words(text, base, self.split)
        infos = _Infos(self, words.spellings, caseless, lower_case)
        spelled: dict[int, str] = {}
        proposals: set[tuple[int, int]] = set()
        starts = words.starts
        for offset in seed_starts:
            at = bisect.bisect_left(starts, offset)
            if at < len(starts) and starts[at] == offset and infos[at].seeds:
                proposals.update(self._grow(words, infos, spelled, at))
        if not proposals:
            return []
        candidates = [c for c in (self._candidate(words, infos, spelled, first, last) for first, last in proposals) if c]
        mentions = []
        chosen = _best_cover(candidates)
        floor = 0
        for k, candidate in enumerate(chosen):
            ceiling = chosen[k + 1].first - 1 if k + 1 < len(chosen) else len(words) - 1
            first, last = self._widen(words, infos, candidate.first, candidate.last, floor, ceiling)
            floor = last + 1
            start, end = words.span(first, last)
            low, high = start - base, end - base
            before, after = text[max(0, low - CONTEXT_CHARS):low], text[high:high + CONTEXT_CHARS]
            mentions.append(Mention(candidate.match, text[low:high], start, end, before, after))
        return mentions

    def find_in_stream(self, chunks: Iterable[str]) -> Iterator[Mention]:
        """The mentions of a text read piece by piece, in order, holding at most about
        ``WINDOW_CHARS`` of it: windows overlap, and a mention is reported by the window it
        starts in, once."""
        buffer = ""
        base = 0  # document offset of buffer[0]
        reported_to = 0  # document offset up to which mentions have been reported
        for chunk in chunks:
            buffer += chunk
            while len(buffer) >= WINDOW_CHARS + OVERLAP_CHARS:
                # (each cut between words near where it is wanted, else right there: a "word" of
                # half a million characters names no party, and a window cut back to a break far
                # before it, at the start of such a word, never moved on)
                own_end = _cut(buffer, WINDOW_CHARS, WINDOW_CHARS // 2)
                for mention in self.find(buffer[:own_end + OVERLAP_CHARS], base):
                    if mention.start >= reported_to and mention.start < base + own_end:
                        reported_to = mention.end
                        yield mention
                keep_from = _cut(buffer, own_end - OVERLAP_CHARS, own_end - 2 * OVERLAP_CHARS)
                buffer, base = buffer[keep_from:], base + keep_from
                reported_to = max(reported_to, base)
        for mention in self.find(buffer, base):
            if mention.start >= reported_to:
                reported_to = mention.end
                yield mention

    def _widen(self, words: Words, infos: _Infos, first: int, last: int, floor: int, ceiling: int) -> tuple[int, int]:
        """The mention's passage with the words around it that belong to the name as written
        though the listed name lacks them: a capitalised place before it ("Zhejiang Dahua
        Technology"), legal forms after it ("Co., Ltd.")."""
        generic = self.names.generic
        while (
            first - 1 >= floor and words.joined(first - 1) and not words.opens_sentence(first)
            and not words.comma_between(first - 1) and words.title_case(first - 1) and not infos[first - 1].legal
            and words.spellings[first - 1].casefold() in generic
        ):
            first -= 1
        while (
            last + 1 <= ceiling and words.joined(last) and infos[last + 1].legal
            and (not words.opens_sentence(last + 1) or _initial_or_form(words, infos, last))
            and (not words.comma_between(last) or infos[last].legal or last + 1 <= ceiling)
        ):
            last += 1
        return first, last

    def _grow(self, words: Words, infos: _Infos, spelled: dict[int, str], seed: int) -> set[tuple[int, int]]:
        """Passages around a seed word, grown over the words each listed name holding it holds:
        for each name, one without unexplained words and one with up to ``max_gap_words``."""
        names = self.names
        info = infos[seed]
        entries, reachable = self._names_of(info.seeds)
        if not self._neighbour_reaches(words, infos, seed, reachable):
            # no word of its names beside it: the word alone, if it can name a party alone
            return {(seed, seed)} if info.alone else set()
        left = self._steps(words, infos, spelled, seed, -1, reachable)
        right = self._steps(words, infos, spelled, seed, 1, reachable)
        closing = _reach(right, frozenset(), self.vocabulary.max_gap_words)
        found: set[tuple[int, int]] = {(seed, closing[-1] if closing else seed)}
        if all(info.keys.isdisjoint(reachable) for _at, info in left) and all(
            info.keys.isdisjoint(reachable) for _at, info in right
        ):
            return found
        gaps = self.vocabulary.max_gap_words
        for entry_id in entries:
            units = names.entry_texts[entry_id]
            starts = [seed, *_reach(left, units, gaps, closing=False)]
            ends = [seed, *_reach(right, units, gaps)]
            found.update((first, last) for first in starts for last in ends)
        return found

    def _neighbour_reaches(self, words: Words, infos: _Infos, seed: int, reachable: frozenset[str]) -> bool:
        """Whether a word within ``max_gap_words`` + 1 of the seed may be a word of one of its
        names, a legal form or a government-body wording (a quick look before the full walk)."""
        reach = self.vocabulary.max_gap_words + 1
        for at in range(max(0, seed - reach), min(len(infos), seed + reach + 1)):
            if at == seed:
                continue
            info = infos[at]
            if info.legal or info.phrase_start or not info.keys.isdisjoint(reachable):
                return True
        return False

    def _names_of(self, seeds: tuple[str, ...]) -> tuple[list[int], frozenset[str]]:
        """The listed names (one per distinct set of units) holding a seed word's units, and all
        their units; kept per seed."""
        known = self._seed_names.get(seeds)
        if known is None:
            names = self.names
            entry_ids: list[int] = []
            for unit in seeds:
                entry_ids.extend(names.postings.get(unit, ()))
                entry_ids.extend(names.joined_postings.get(unit, ()))
            kept: list[int] = []
            seen: set[frozenset[str]] = set()
            for entry_id in entry_ids[:NAMES_PER_SEED]:
                units = names.entry_texts[entry_id]
                if units not in seen:
                    seen.add(units)
                    kept.append(entry_id)
            known = self._seed_names[seeds] = (kept, frozenset().union(*seen))
        return known

    def _steps(
        self, words: Words, infos: _Infos, spelled: dict[int, str], seed: int, step: int, reachable: frozenset[str]
    ) -> list[tuple[int, WordInfo]]:
        """The words met going ``step`` from the seed (a government-body wording or a multi-word
        synonym as one), up to the longest name, a hard break, a sentence end, or more
        unexplained words in a row than any name may hold (``reachable``: the units that explain)."""
        limit = self.vocabulary.max_mention_words
        gaps = self.vocabulary.max_gap_words
        met: list[tuple[int, WordInfo]] = []
        gap_kind, spellings, count = words.gap_kind, words.spellings, len(infos)
        at = seed
        missing = 0
        while abs(at - seed) < limit and missing <= gaps:
            nxt = at + step
            if nxt < 0 or nxt >= count:
                break
            low, high = (at, nxt) if step > 0 else (nxt, at)
            kind = gap_kind(low)
            if not kind & JOINED:
                break
            if kind & SENTENCE and len(spellings[low]) > 1 and not infos[low].legal:
                break  # "Dahua Technology.The company": a sentence ends inside (not "Co." or "R.I.A.")
            if kind & COMMA and not infos[high].legal:
                break  # "Hikvision, Dahua and Megvii": a comma ends a name, but for "Co., Ltd."
            info = infos[nxt]
            if info.cjk != infos[at].cjk:
                break  # "Xinjiang Police College (新疆警察学院)": a name and its Chinese form, two mentions
            if step > 0 and info.phrase_start:
                phrase = self._phrase(words, nxt)
                if phrase is not None:  # "police department": read as "public security bureau"
                    size, listed = phrase
                    spelled[nxt] = listed
                    for k in range(1, size):
                        spelled[nxt + k] = ""
                    info = self.word(listed)
                    nxt += size - 1
                else:
                    spun = self._spun_phrase(words, nxt)
                    if spun is not None:  # "know how" for technology: the core's multi-word synonyms
                        size, info = spun
                        nxt += size - 1
            met.append((nxt, info))
            at = nxt
            if info.legal or not info.keys.isdisjoint(reachable):
                missing = 0
            elif not info.neutral:
                missing += 1
        return met

    def _candidate(
        self, words: Words, infos: _Infos, spelled: dict[int, str], first: int, last: int
    ) -> Candidate | None:
        passage = words.passage(first, last, spelled)
        if passage in self._passages:
            judged = self._passages[passage]
        else:
            judged = self._judge(passage)
            if len(self._passages) >= PASSAGE_CACHE:
                self._passages.clear()
            self._passages[passage] = judged
        if judged is None:
            return None
        if written_in_abjad(passage) and not self._abjad_evidence(words, first, last, judged):
            return None
        if judged.explained == 1 and not self._one_word_fits(words, infos, first, judged):
            return None
        if (judged.explained == 1 or judged.shortened) and self._inside_other_name(words, infos, first, last, judged.match):
            return None
        return Candidate(first, last, judged.match, judged.match.score * judged.explained)

    def _abjad_evidence(self, words: Words, first: int, last: int, judged: Judged) -> bool:
        """Whether a passage in Arabic or Hebrew script names its party, not only shares its
        consonants with the party's name by chance, as common words of these scripts, written
        without their vowels, often do ("التقى الرئيس", met the president / "ALTUG, Risa"): a
        distinctive word met as written (a Latin one); else, for one word, a word beside it
        saying what kind of body it names (``abjad_body_cues``: "حركة حماس"); for more, at least
        ``ABJAD_MENTION_CONSONANTS`` consonants among the words matched."""
        aligned: list[dict[str, Any]] = judged.match.explanation["tokens"]
        seeds = self._seed_units
        if any(t["how"] == "exact" and t["query"].isascii() and not seeds.isdisjoint(t["listed"].split()) for t in aligned):
            return True  # ("קבוצת NSO": "NSO" as the list writes it; a run of abjad words "joined" is by consonants too)
        if judged.explained == 1:
            cues = self.vocabulary.abjad_body_cues
            around = [words.spellings[at] for at in (first - 1, first, last, last + 1) if 0 <= at < len(words.spellings)]
            return any(_without_abjad_prefix(word) in cues for word in around)
        return sum(_abjad_consonants(t["query"]) for t in aligned) >= ABJAD_MENTION_CONSONANTS

    def _judge(self, passage: str) -> Judged | None:
        """Screen a passage; its best match that may be a mention in running text, or None."""
        vocabulary = self.vocabulary
        if phrase_key(passage) in vocabulary.generic_phrases:
            return None
        for match in self.index.screen(passage, threshold=self.threshold, limit=3, explain=True):
            judged = self._accept(match, passage)
            if judged is not None:
                return judged
        return None

    def _accept(self, match: Match, passage: str) -> Judged | None:
        """The match as a mention, unless running text says otherwise (see the module's checks)."""
        explanation: dict[str, Any] = match.explanation
        aligned = explanation["tokens"]
        seeds = self._seed_units
        # (a passage in Cyrillic writes a listed Latin word in its own letters: "Хуавэй", Huawei)
        cyrillic = written_in_cyrillic(passage)
        abjad = written_in_abjad(passage)  # (a passage in Arabic or Hebrew meets its listed words by their consonants)
        # (so does a foreign name in katakana, read as it sounds in Japanese: "プリゴジン", "prigojin" / "PRIGOZHIN",
        # a person's, whose one word alone is no mention anyway)
        by_consonants = abjad or _KATAKANA_WORD.search(passage) is not None
        if not any((_close(t, cyrillic, by_consonants) or t["how"] == "acronym") and not seeds.isdisjoint(t["listed"].split()) for t in aligned):
            return None  # nothing distinctive matched closely
        explained = sum(len(t["query"].split()) for t in aligned)
        if self._foreign_small_words(passage, match):
            return None  # "bureaus in Kashgar", "Dahua and Megvii": words joining two things, not a name
        listed = {word for t in aligned for word in t["listed"].split()}
        names, vocabulary = self.names, self.vocabulary
        if explained == 1:
            if aligned[0]["how"] == "acronym":
                if not _acronym(passage, aligned[0]):
                    return None
            elif not _close_single(aligned[0], cyrillic, abjad) or self._plain_word(aligned[0]["listed"]):
                return None  # one word, only like a listed word ("Clause" / "Claude"), or an ordinary one ("BANK")
            elif not all(self._plain_word(t) for t in explanation["unmatched_listed"]):
                return None  # one word standing for a name only when the rest is generic ("Dahua" for Dahua Technology)
        partial = any(names.weight(t) > self._generic_weight for t in explanation["unmatched_listed"])
        party_type = match.state.party.type
        if party_type in ("individual", "vessel"):
            if explained < 2:
                return None  # one word of a person's or a ship's name is anyone's
        elif party_type in ("government_agency", "institute") and vocabulary.body_words.isdisjoint(listed):
            if not _CJK.search(passage) or not passage.rstrip().endswith(vocabulary.han_body_endings):
                return None  # a place, not the body (in Chinese, matched as syllables: its last character says)
        if partial:
            plain = vocabulary.descriptive_words | names.generic | names.common
            if all(word in plain for word in listed):
                return None  # "the Xinjiang police": a description
        return Judged(match, explained, bool(explanation["unmatched_listed"]))

    def _foreign_small_words(self, passage: str, match: Match) -> bool:
        """Whether the passage holds a small word ("in", "and", "of") that the listed name does not."""
        small = stopwords()
        inside = {w for w in phrase_key(passage).split() if w in small}
        if not inside:
            return False
        names = [match.matched_name, match.party_name, *(a.name for a in match.state.party.aliases)]
        return not inside <= {w for name in names for w in phrase_key(name).split()}

    def _plain_word(self, word: str) -> bool:
        """A word that names no one: generic, common, descriptive of a body, a legal form."""
        names, vocabulary = self.names, self.vocabulary
        return (
            word in names.generic or word in names.common or word in vocabulary.descriptive_words
            or word in vocabulary.closing_words
        )

    def _one_word_fits(self, words: Words, infos: _Infos, first: int, judged: Judged) -> bool:
        """Whether a one-word mention stands as a name stands in this text: capitalised (unless
        the text has no capitals), and not written in lower case elsewhere in it ("Process"
        opening a sentence, "process" in the next)."""
        spelling = words.spellings[first]
        if infos.caseless:
            return True
        return _capitalised(spelling) and not infos.lower_case.holds(spelling.casefold())

    def _inside_other_name(self, words: Words, infos: _Infos, first: int, last: int, match: Match) -> bool:
        """Whether a one-word or shortened name stands beside another capitalised word that its
        party's names do not hold ("Leon Smith", "Dahua Mountain Resort", "Silk Road Tech
        Trading"): part of another name, not this party's. Headlines, capitalised throughout,
        say nothing."""
        if words.in_title_line(first):
            return False
        units = self._party_units(match)
        names = self.names
        for neighbour in (first - 1, last + 1):
            if neighbour < 0 or neighbour >= len(infos) or not words.joined(min(neighbour, first if neighbour < first else last)):
                continue
            if neighbour > last and words.opens_sentence(neighbour):
                continue
            if not words.title_case(neighbour) or infos[neighbour].neutral or infos[neighbour].legal:
                continue
            lowered = words.spellings[neighbour].casefold()
            if lowered in names.generic or lowered in self.vocabulary.descriptive_words:
                continue  # a place or a kind of body ("Zhejiang Dahua", "Hikvision Technology")
            if infos[neighbour].keys & units or infos[neighbour].listed or lowered in names.weights.synonyms:
                continue  # the party's own word, a word of another listed name (a list run together), a spun word
            if _near_closing(lowered, self.vocabulary.closing_words):
                continue  # a legal form with a typo ("SenseTime Grop")
            return True
        return False

    def _party_units(self, match: Match) -> frozenset[str]:
        """The units of every name of the party, gathered once per party."""
        if self._units_by_party is None:
            gathered: dict[str, set[str]] = {}
            for entry, texts in zip(self.names.entries, self.names.entry_texts, strict=True):
                gathered.setdefault(self.index.parties[entry.record].id, set()).update(texts)
            self._units_by_party = {party: frozenset(texts) for party, texts in gathered.items()}
        return self._units_by_party.get(match.party_id, frozenset())


CLOSE_MATCHES: Final = ("exact", "joined", "synonym")
LISTED_WORD_LENGTH: Final = 5  # shorter listed words (pinyin syllables, initials) are everywhere
SINGLE_MIN_LENGTH: Final = 4  # shorter single words are initials, codes, first names ("Ian", "CFD")
SINGLE_TYPO_LENGTH: Final = 7  # a one-word mention may carry a typo only in a word this long


def _close(pair: dict[str, Any], cyrillic: bool = False, abjad: bool = False) -> bool:
    """An aligned pair of words that is the listed word, its synonym or a close typo of it (not a
    sound-alike, skeleton or acronym, which running text meets by chance); in a passage written in
    Cyrillic (``cyrillic``), also the listed word as its letters write it ("khuavey": "huawei"),
    and in one written in Arabic or Hebrew (``abjad``), the listed word's consonants, the only way
    a word of those scripts meets a Latin one ("أسامة": "usama"; and katakana's foreign names)."""
    how = pair["how"]
    return (
        how in CLOSE_MATCHES or (how == "fuzzy" and pair["similarity"] >= SEED_SIMILARITY)
        or (cyrillic and how == "romanisation") or (abjad and how == "skeleton")
    )


ABJAD_MENTION_CONSONANTS: Final = 6  # "أسامة بن لادن" has 8, "إسماعيل هنية" 6; "التقى الرئيس", met the president, 4
_ABJAD_PREFIXES: Final[tuple[str, ...]] = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ה", "ו")  # (longest first)


def _without_abjad_prefix(word: str) -> str:
    """An Arabic or Hebrew word without the article and the one-letter conjunction or preposition
    written onto it ("والحركة" -> "حركة"; Hebrew "והתנועה" -> "תנועה", "and", then "the")."""
    for _twice in range(2):
        for prefix in _ABJAD_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                break
    return word


def _abjad_consonants(query: str) -> int:
    """The consonants of an aligned passage's words as normalising transliterated them, an
    article's "l" aside ("lriys", الرئيس: "r", "s")."""
    count = 0
    for word in query.split():
        core = word[1:] if word.startswith("l") and len(word) >= 4 else word
        count += sum(1 for letter in core if letter not in "aeiouwy")
    return count


ACRONYM_MIN_LETTERS: Final = 4
ACRONYM_MIN_WORDS: Final = 3


def _acronym(passage: str, pair: dict[str, Any]) -> bool:
    """A one-word mention by initials: written in capitals, at least four of them, for a name of
    three words or more ("XPCC"); shorter ones are everywhere ("BIS", "EAR", "CFD")."""
    word = passage.strip()
    return word.isupper() and word.isalpha() and len(word) >= ACRONYM_MIN_LETTERS and len(pair["listed"].split()) >= ACRONYM_MIN_WORDS


def _near_closing(word: str, closing: frozenset[str]) -> bool:
    """A legal form or "group" with one letter wrong."""
    return len(word) >= 4 and any(len(c) >= 4 and Levenshtein.distance(word, c, score_cutoff=1) <= 1 for c in closing)


def _close_single(pair: dict[str, Any], cyrillic: bool = False, abjad: bool = False) -> bool:
    """A one-word mention's word: the listed word (or two listed words run together, or in a
    passage written in Cyrillic, the word as its letters write it, in one written in Arabic or
    Hebrew, a listed word of five letters or more by its consonants: "حماس" / "Hamas"), or a
    one-letter typo of a long one."""
    if abjad and pair["how"] == "skeleton":
        return len(pair["listed"]) >= SINGLE_MIN_LENGTH + 1
    if pair["how"] in ("exact", "joined") or (cyrillic and pair["how"] == "romanisation"):
        return len(pair["query"]) >= SINGLE_MIN_LENGTH
    return pair["how"] == "fuzzy" and pair["similarity"] >= 0.85 and len(pair["listed"]) >= SINGLE_TYPO_LENGTH


def _reach(steps: list[tuple[int, WordInfo]], units: frozenset[str], gaps: int, closing: bool = True) -> list[int]:
    """The words of ``steps`` where a passage for the listed name may end: each word the name's
    units explain, with at most ``gaps`` unexplained words in a row before it, and a legal form
    right after such a word ("Co., Ltd." after the name)."""
    ends: list[int] = []
    missing = 0
    explained = True  # the previous word was the seed or explained
    for at, info in steps:
        if not info.keys.isdisjoint(units):
            ends.append(at)
            missing, explained = 0, True
        elif info.legal and explained and closing:
            ends.append(at)
        elif not info.neutral:
            missing += 1
            explained = False
            if missing > gaps:
                break
    return ends


def _initial_or_form(words: Words, infos: _Infos, at: int) -> bool:
    """Whether word ``at`` is an initial or a legal form, whose full stop ends no sentence."""
    return len(words.spellings[at]) == 1 or infos[at].legal


SEED_MIN_LENGTH: Final = 3


@functools.cache
def _generic_places() -> frozenset[str]:
    """The places among the generic words (provinces, large cities): a name made only of generic
    words is found through its place."""
    return frozenset(str(w) for w in generic_words_file()["places"])


def _capitalised(word: str) -> bool:
    """Written as a name is: a capital first or second ("Dahua", "iFlytek"), or Chinese,
    Japanese or Korean script (which has no capitals)."""
    return word[0].isupper() or (len(word) > 1 and word[1].isupper()) or _CJK.match(word) is not None


def _clean(word: str) -> str:
    """A word as :class:`Words` spells it: a line-end hyphenation joined, a possessive dropped."""
    if word.isalnum():
        return word  # most words: nothing to undo
    if "-" in word:
        word = _LINE_HYPHEN.sub("", word)
    if word.endswith(_POSSESSIVE) and len(word) > 3:
        word = word[:-2]
    return word


def _regions(text: str, seeds: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Stretches of text around the seeds (``REGION_CHARS`` either side, cut between words),
    overlapping stretches merged, each with the seeds inside it."""
    regions: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in seeds:
        low = _cut(text, start - REGION_CHARS)
        high = _cut_after(text, end + REGION_CHARS)
        if regions and low <= regions[-1][1]:
            regions[-1][2].append((start, end))
            regions[-1] = (regions[-1][0], max(regions[-1][1], high), regions[-1][2])
        else:
            regions.append((low, high, [(start, end)]))
    return regions


def _cut_after(text: str, at: int) -> int:
    """A position at or after ``at`` between two words."""
    if at >= len(text):
        return len(text)
    spaces = [p for p in (text.find(" ", at), text.find("\n", at)) if p != -1]
    return min(spaces) if spaces else len(text)


def _cut(text: str, at: int, floor: int = 0) -> int:
    """A position at or before ``at`` between two words (a whitespace), so no word is cut; not
    before ``floor``: where no whitespace lies between them, ``at`` itself."""
    if at <= 0:
        return 0
    space = max(text.rfind(" ", floor, at), text.rfind("\n", floor, at))
    return space + 1 if space > 0 else at


def _best_cover(candidates: list[Candidate]) -> list[Candidate]:
    """The non-overlapping candidates of greatest total worth (weighted interval scheduling),
    in text order; among equal totals, fewer and longer passages."""
    ordered = sorted(candidates, key=lambda c: (c.last, c.first))
    ends = [c.last for c in ordered]
    best: list[float] = [0.0] * (len(ordered) + 1)
    take: list[bool] = [False] * len(ordered)
    previous: list[int] = [0] * len(ordered)
    for k, candidate in enumerate(ordered):
        previous[k] = bisect.bisect_left(ends, candidate.first, 0, k)  # candidates ending before it
        with_it = best[previous[k]] + candidate.worth
        if with_it > best[k] + 1e-9:
            best[k + 1] = with_it
            take[k] = True
        else:
            best[k + 1] = best[k]
    chosen: list[Candidate] = []
    k = len(ordered) - 1
    while k >= 0:
        if take[k]:
            chosen.append(ordered[k])
            k = previous[k] - 1
        else:
            k -= 1
    chosen.reverse()
    return chosen
