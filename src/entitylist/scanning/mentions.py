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
word; a person is named by two words or more; a government body or institute by a word saying
what it is, not its place alone; a shortened name ("Dahua" for Dahua Technology) keeps a word
beyond the descriptive ones and is not the first or last part of another capitalised name
("Leon Smith" is not Leon Technology); generic phrases ("public security bureaus") never count.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import Any, Final

from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name
from entitylist.scanning.tokens import Words
from entitylist.scanning.vocabulary import ScanVocabulary, phrase_key, scan_vocabulary
from entitylist.screening import ListIndex, Match
from entitylist.state import PartyState

SEED_SIMILARITY: Final = 0.8  # a word matched less closely does not start a passage
NAMES_PER_SEED: Final = 64  # listed names a passage is grown for, per seed word
WINDOW_CHARS: Final = 1 << 20  # a long text is read in windows of this many characters ...
OVERLAP_CHARS: Final = 4096  # ... each overlapping the next by this many (far longer than any name)
PASSAGE_CACHE: Final = 100_000


class Mention:
    """A passage of the text that names a listed party; offsets are the document's characters."""

    def __init__(self, match: Match, text: str, start: int, end: int) -> None:
        self.match: Final = match
        self.text: Final = text
        self.start: Final = start
        self.end: Final = end

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

    def __init__(self, keys: frozenset[str], seeds: tuple[str, ...], legal: bool, neutral: bool) -> None:
        self.keys: Final = keys  # listed units the word may stand for
        self.seeds: Final = seeds  # distinctive listed units it matches closely
        self.legal: Final = legal  # a legal form ("Co", "Ltd"), which may close a name
        self.neutral: Final = neutral  # nothing to match ("and", "of", "the"), may sit inside a name


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


NOT_A_MENTION: Final = Judged(Match("", "", "", 0.0, {}, None), 0, False)  # type: ignore[arg-type]


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
        self._words: dict[str, WordInfo] = {}
        self._passages: dict[str, Judged] = {}
        self._synonym_starts = frozenset(key[0] for key in self.vocabulary.body_synonyms)
        self._units_by_party: dict[str, frozenset[str]] | None = None

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
        for token in normalized.tokens:
            lookup = names.lookup(token)
            for listed, hit in lookup.found.items():
                keys.add(listed)
                if hit.similarity >= SEED_SIMILARITY and listed in self._seed_units:
                    seeds.append(listed)
        legal = spelling.casefold() in self.vocabulary.closing_words
        return WordInfo(frozenset(keys), tuple(seeds), legal, not normalized.tokens)

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
        Public Security Bureau", is found through its place)."""
        names = self.names
        found = {unit for unit, weight in names.unit_weight.items() if weight > self._generic_weight and unit not in names.common}
        for entry in names.entries:
            weights = entry.position_weights
            if weights:
                top = max(weights)
                found.update(t for t, w in zip(entry.normalized.tokens, weights, strict=True) if w == top)
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
                return size, listed
        return None

    # -- passages ---------------------------------------------------------------------------

    def find(self, text: str, base: int = 0) -> list[Mention]:
        """The mentions in ``text``, in order; ``base`` is added to every offset."""
        words = Words(text, base)
        spellings = words.spellings
        infos = [self.word(w) for w in spellings]
        spelled: dict[int, str] = {}
        proposals: set[tuple[int, int]] = set()
        for at, info in enumerate(infos):
            if info.seeds:
                proposals.update(self._grow(words, infos, spelled, at))
        if not proposals:
            return []
        candidates = [c for c in (self._candidate(words, infos, spelled, first, last) for first, last in proposals) if c]
        chosen = _best_cover(candidates)
        mentions = []
        for candidate in chosen:
            start, end = words.span(candidate.first, candidate.last)
            mentions.append(Mention(candidate.match, text[start - base:end - base], start, end))
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
                own_end = _cut(buffer, WINDOW_CHARS)
                for mention in self.find(buffer[:own_end + OVERLAP_CHARS], base):
                    if mention.start >= reported_to and mention.start < base + own_end:
                        reported_to = mention.end
                        yield mention
                keep_from = _cut(buffer, max(0, own_end - OVERLAP_CHARS))
                buffer, base = buffer[keep_from:], base + keep_from
                reported_to = max(reported_to, base)
        for mention in self.find(buffer, base):
            if mention.start >= reported_to:
                reported_to = mention.end
                yield mention

    def _grow(self, words: Words, infos: list[WordInfo], spelled: dict[int, str], seed: int) -> set[tuple[int, int]]:
        """Passages around a seed word, grown over the words each listed name holding it holds."""
        names = self.names
        entry_ids: list[int] = []
        for unit in infos[seed].seeds:
            entry_ids.extend(names.postings.get(unit, ()))
            entry_ids.extend(names.joined_postings.get(unit, ()))
        found: set[tuple[int, int]] = set()
        seen_units: set[frozenset[str]] = set()
        for entry_id in entry_ids[:NAMES_PER_SEED]:
            units = names.entry_texts[entry_id]
            if units in seen_units:
                continue
            seen_units.add(units)
            for gaps in (0, self.vocabulary.max_gap_words):
                first = self._reach(words, infos, spelled, seed, units, gaps, -1)
                last = self._reach(words, infos, spelled, seed, units, gaps, 1)
                found.add((first, last))
        return found

    def _reach(
        self, words: Words, infos: list[WordInfo], spelled: dict[int, str], seed: int, units: frozenset[str],
        gaps: int, step: int,
    ) -> int:
        """The farthest word from ``seed`` (going ``step``) that the listed name's units explain,
        with at most ``gaps`` unexplained words in a row; a legal form may close it going right."""
        limit = self.vocabulary.max_mention_words
        best = at = seed
        missing = 0
        while abs(at - seed) < limit:
            nxt = at + step
            if nxt < 0 or nxt >= len(infos) or not words.joined(min(at, nxt)):
                break
            if words.opens_sentence(max(at, nxt)) and not _initial_or_form(words, infos, min(at, nxt)):
                break  # "Dahua Technology.The company": a sentence ends inside
            phrase = self._phrase(words, nxt) if step > 0 else None
            if phrase is not None:  # "police department": read as "public security bureau"
                size, listed = phrase
                spelled[nxt] = listed
                for k in range(1, size):
                    spelled[nxt + k] = ""
                info = self.word(listed)
                nxt += size - 1
            else:
                info = infos[nxt]
                spun = self._spun_phrase(words, nxt) if step > 0 else None
                if spun is not None:  # "know how" for technology: the core's multi-word synonyms
                    size, info = spun
                    nxt += size - 1
            at = nxt
            if info.keys & units:
                best, missing = at, 0
            elif info.legal and step > 0 and best == at - 1:
                best = at  # a legal form right after the name ("Co., Ltd.")
            elif not info.neutral:
                missing += 1
                if missing > gaps:
                    break
        return best

    def _candidate(
        self, words: Words, infos: list[WordInfo], spelled: dict[int, str], first: int, last: int
    ) -> Candidate | None:
        passage = words.passage(first, last, spelled)
        judged = self._passages.get(passage)
        if judged is None:
            judged = self._judge(passage)
            if len(self._passages) >= PASSAGE_CACHE:
                self._passages.clear()
            self._passages[passage] = judged
        if judged is NOT_A_MENTION:
            return None
        if judged.shortened and judged.explained == 1 and self._inside_other_name(words, infos, first, last, judged.match):
            return None
        return Candidate(first, last, judged.match, judged.match.score * judged.explained)

    def _judge(self, passage: str) -> Judged:
        """Screen a passage; its best match that may be a mention in running text."""
        vocabulary = self.vocabulary
        if phrase_key(passage) in vocabulary.generic_phrases:
            return NOT_A_MENTION
        for match in self.index.screen(passage, threshold=self.threshold, limit=3, explain=True):
            judged = self._accept(match)
            if judged is not None:
                return judged
        return NOT_A_MENTION

    def _accept(self, match: Match) -> Judged | None:
        explanation: dict[str, Any] = match.explanation
        aligned = explanation["tokens"]
        seeds = self._seed_units
        if not any(t["similarity"] >= SEED_SIMILARITY and not seeds.isdisjoint(t["listed"].split()) for t in aligned):
            return None  # nothing distinctive matched
        explained = sum(len(t["query"].split()) for t in aligned)
        listed = {word for t in aligned for word in t["listed"].split()}
        names, vocabulary = self.names, self.vocabulary
        partial = any(names.weight(t) > self._generic_weight for t in explanation["unmatched_listed"])
        party_type = match.state.party.type
        if party_type == "individual":
            if explained < 2:
                return None  # one word of a person's name is anyone's
        elif party_type in ("government_agency", "institute") and vocabulary.body_words.isdisjoint(listed):
            return None  # a place, not the body
        if partial:
            plain = vocabulary.descriptive_words | names.generic | names.common
            if all(word in plain for word in listed):
                return None  # "the Xinjiang police": a description
        return Judged(match, explained, bool(explanation["unmatched_listed"]))

    def _inside_other_name(self, words: Words, infos: list[WordInfo], first: int, last: int, match: Match) -> bool:
        """Whether a one-word short name stands beside another capitalised word that its party's
        name does not hold ("Leon Smith"): part of another name, not this party's."""
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
            if lowered in names.generic or lowered in names.common or lowered in self.vocabulary.descriptive_words:
                continue
            if infos[neighbour].keys & units:
                continue
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


def _initial_or_form(words: Words, infos: list[WordInfo], at: int) -> bool:
    """Whether word ``at`` is an initial or a legal form, whose full stop ends no sentence."""
    return len(words.spellings[at]) == 1 or infos[at].legal


def _cut(text: str, at: int) -> int:
    """A position at or before ``at`` between two words (a whitespace), so no word is cut."""
    if at <= 0:
        return 0
    space = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at))
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
