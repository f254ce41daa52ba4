"""What one query needs of a list's screening index, kept on disk per list version and date.

Building the whole index (normalising every listed name and alias, counting and weighing their
words, the typo and sound-alike look-ups) is most of what a single ``entitylist screen`` costs,
yet one query scores only the few parties that share a word, a typo or a sound with it. A
snapshot keeps what is global to the list, the index's :class:`IndexStatistics`, and for each
listed word the parties whose names hold it. A query then looks up the words it reaches with the
whole list's statistics, loads only those parties and builds an index over them with the same
statistics: it finds and scores exactly what the whole index would (``tests/test_snapshot.py``
checks that on thousands of queries), in a few milliseconds.

The snapshot is a SQLite file: the word weights (which every query consults throughout) are one
``marshal`` blob read whole; the typo look-up, the parties holding each word and the parties
themselves are rows read by key, so a query reads only what it touches.
"""

from __future__ import annotations

import contextlib
import marshal
import pickle
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from entitylist.matching import kinds
from entitylist.matching.index import (
    TWO_EDITS_MIN_LENGTH, IndexStatistics, article_run_core, deletions, person_skeleton_keys, romanisation_key, units_of,
)
from entitylist.matching.normalize import NormalizedFields, NormalizedName, has_han, normalize_name
from entitylist.matching.score import other_forms
from entitylist.matching.weights import Weights
from entitylist.screening import ListIndex
from entitylist.state import PartyState

FORMAT = 8
_CHUNK = 500  # keys per query: old SQLite builds take at most 999 parameters
KeptName = tuple[str, bool, NormalizedFields]  # a name, whether it is a person's, and its normalised form

_SCHEMA = """
CREATE TABLE meta (format INTEGER NOT NULL, globals BLOB NOT NULL);
CREATE TABLE deletes (variant TEXT PRIMARY KEY, words BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE romanised (key TEXT PRIMARY KEY, words BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE skeletons (key TEXT PRIMARY KEY, words BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE words (unit TEXT PRIMARY KEY, records BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE parties (record INTEGER PRIMARY KEY, state BLOB NOT NULL, chinese BLOB);
"""


def write(index: ListIndex, path: Path) -> None:
    """Write the snapshot of a whole list's index into a new SQLite file at ``path``."""
    names = index.index
    statistics = names.statistics()
    records = [entry.record for entry in names.entries]

    def by_record(postings: Iterable[tuple[str, list[int]]], into: dict[str, set[int]]) -> None:
        for text, entry_ids in postings:
            into.setdefault(text, set()).update(records[e] for e in entry_ids)

    words: dict[str, set[int]] = {}
    by_record(names.postings.items(), words)
    by_record(names.joined_postings.items(), words)
    acronyms: dict[str, set[int]] = {}
    by_record(names.acronyms.items(), acronyms)
    contractions: dict[str, set[int]] = {}
    by_record(names.contractions.items(), contractions)
    chinese: dict[int, list[KeptName]] = {}
    kept: set[tuple[int, str]] = set()
    for entry in names.entries:
        # a name in characters is indexed twice (in script, then as read): its normalised form is the first
        if has_han(entry.name) and (entry.record, entry.name) not in kept:
            kept.add((entry.record, entry.name))
            person = index.parties[entry.record].party.type == "individual"
            chinese.setdefault(entry.record, []).append((entry.name, person, entry.normalized.fields()))
    held = marshal.dumps((
        statistics.size, statistics.unit_weight, statistics.unit_bound, statistics.phonetic,
        {text: sorted(found) for text, found in acronyms.items()}, statistics.stems,
        {key: sorted(found) for key, found in contractions.items()}, statistics.cyrillic, statistics.people,
    ))
    path.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES (?, ?)", (FORMAT, held))
        db.executemany("INSERT INTO deletes VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in statistics.deletes.items()))
        db.executemany("INSERT INTO romanised VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in statistics.romanised.items()))
        db.executemany(
            "INSERT INTO skeletons VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in statistics.person_skeletons.items())
        )
        db.executemany("INSERT INTO words VALUES (?, ?)", ((k, marshal.dumps(sorted(v))) for k, v in words.items()))
        db.executemany(
            "INSERT INTO parties VALUES (?, ?, ?)",
            (
                (n, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL),
                 marshal.dumps(chinese[n]) if n in chinese else None)
                for n, state in enumerate(index.parties)
            ),
        )


class ScreenSnapshot:
    """A kept snapshot, open for reading: makes the index each query needs."""

    def __init__(self, path: Path) -> None:
        """Open the snapshot at ``path``; ValueError when it is not one (or not of this format)."""
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            row = self._db.execute("SELECT format, globals FROM meta").fetchone()
            if row is None or row[0] != FORMAT:
                raise ValueError(f"{path} is not a screening snapshot of format {FORMAT}")
            size, unit_weight, unit_bound, phonetic, acronyms, stems, contractions, cyrillic, people = marshal.loads(row[1])
        except (sqlite3.Error, EOFError, TypeError, ValueError) as error:
            with contextlib.suppress(AttributeError):
                self._db.close()
            raise ValueError(f"{path} is not a readable screening snapshot: {error}") from None
        self.size: int = size
        self.unit_weight: dict[str, float] = unit_weight
        self.unit_bound: dict[str, float] = unit_bound
        self.phonetic: dict[str, list[str]] = phonetic
        self.stems: dict[str, list[str]] = stems
        self.cyrillic: dict[str, list[str]] = cyrillic
        self.people: list[str] = people
        self.contraction_records: dict[str, list[int]] = contractions
        self.acronym_records: dict[str, list[int]] = acronyms
        self._lock = threading.Lock()  # one connection, shared by a server's threads

    def close(self) -> None:
        self._db.close()

    def index_for(self, name: str, query_type: str | None = None, weights: Weights | None = None) -> ListIndex:
        """An index over the parties the query can reach, which screens it exactly as the whole
        list's index would. ``weights``: those the snapshot's index was built with (the default)."""
        person = kinds.parse_kind(query_type) == kinds.PERSON
        normalized = normalize_name(name, person)
        # (and its other forms: a name in Chinese characters as its words read, ...)
        texts = [unit.text for form in (normalized, *other_forms(normalized, person)) for unit in units_of(form.tokens)]
        texts += [core for text in texts if (core := article_run_core(text))]  # (looked up too: see NameIndex.matches)
        # every key the typo look-up can ask for: each query word, each with one letter deleted,
        # and a long word with two deleted
        keys = {variant for text in texts if text.isalpha() for variant in (text, *deletions(text))}
        keys.update(
            twice for text in texts if text.isalpha() and len(text) >= TWO_EDITS_MIN_LENGTH
            for once in deletions(text) for twice in deletions(once)
        )
        # and the keys of the romanisation and people's-name look-ups
        spelled = [text for text in texts if text.isalpha()]
        romanised_keys = {romanisation_key(text) for text in spelled}
        skeleton_keys = {key for text in spelled for key in person_skeleton_keys(text)}
        statistics = IndexStatistics(
            self.size, self.unit_weight, self.unit_bound,
            {key: marshal.loads(words) for key, words in self._rows("SELECT variant, words FROM deletes WHERE variant", keys)},
            self.phonetic, self.stems, self.cyrillic, self.people,
            {key: marshal.loads(found) for key, found in self._rows("SELECT key, words FROM skeletons WHERE key", skeleton_keys)},
            {key: marshal.loads(found) for key, found in self._rows("SELECT key, words FROM romanised WHERE key", romanised_keys)},
        )
        probe = ListIndex([], weights, statistics)  # no parties: it only looks up what the query reaches
        reached, acronym_words, contraction_keys = probe.reached(name, query_type)
        records: set[int] = set()
        for _unit, held in self._rows("SELECT unit, records FROM words WHERE unit", reached):
            records.update(marshal.loads(held))
        for word in acronym_words:
            records.update(self.acronym_records.get(word, ()))
        for key in contraction_keys:
            records.update(self.contraction_records.get(key, ()))
        parties: list[PartyState] = []
        prepared: dict[tuple[str, bool], NormalizedName] = {}
        for _record, state, chinese in sorted(self._rows("SELECT record, state, chinese FROM parties WHERE record", records)):
            parties.append(pickle.loads(state))  # noqa: S301 - the user's own cache, written by this module
            for kept_name, kept_person, fields in marshal.loads(chinese) if chinese else ():
                prepared[(kept_name, kept_person)] = NormalizedName.of(fields)
        return ListIndex(parties, weights, statistics, prepared)

    def _rows(self, select: str, keys: Iterable[object]) -> list[Any]:
        """Rows whose key (the select's last column, completed by `` IN (...)``) is one of ``keys``."""
        chosen = list(keys)
        rows: list[Any] = []
        with self._lock:
            for start in range(0, len(chosen), _CHUNK):
                part = chosen[start:start + _CHUNK]
                rows += self._db.execute(f"{select} IN ({', '.join('?' * len(part))})", part).fetchall()  # noqa: S608 - placeholders only
        return rows
