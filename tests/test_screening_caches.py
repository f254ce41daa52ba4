"""What a list index remembers between queries changes no answer: the entries a word not in the
list may contract, kept per word, are those the word's contraction keys reach for every query,
however the queries before it filled the cache and whatever the cap on a query's candidates."""

from __future__ import annotations

import random

from entitylist.matching.index import contraction_probes
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import PreparedQuery, contraction_parts
from entitylist.screening import ACRONYM_CANDIDATES, ListIndex, _contraction_alone, _contraction_words
from tests import golden_batch
from tests.counterparties import realistic_names


def _reference(index: ListIndex, query: PreparedQuery) -> list[int]:
    """The contraction candidates worked out from scratch, query by query."""
    contractions, found = index.index.contractions, []
    for word in _contraction_words(query, index.index):
        for key in contraction_probes(word):
            for entry_id in contractions.get(key, ()):
                if entry_id in found:
                    continue
                listed = index.index.entries[entry_id].normalized
                parts = contraction_parts(word, listed.written or listed.tokens)
                if parts and _contraction_alone(word, parts):
                    found.append(entry_id)
                    if len(found) >= ACRONYM_CANDIDATES:
                        return found
    return found


def _contractions_of_listed_names(index: ListIndex, count: int) -> list[str]:
    """Words made of the beginnings of a listed name's words ("Colcerdos"), two and three of them
    to a query, beside ordinary words."""
    rng = random.Random(5)
    out = []
    entries = [e for e in index.index.entries if len(e.normalized.tokens) >= 2]
    for _ in range(count):
        tokens = rng.choice(entries).normalized.tokens
        word = "".join(t[: rng.randint(2, 5)] for t in tokens[:3])
        other = "".join(t[: rng.randint(2, 5)] for t in rng.choice(entries).normalized.tokens[:3])
        out.append(f"{word} {other} Trading" if rng.random() < 0.5 else word)
    return out


def test_contraction_candidates_kept_per_word_are_those_worked_out_each_time() -> None:
    index = golden_batch.index()
    names = [*_contractions_of_listed_names(index, 1500), *realistic_names(index.parties, 1500, seed=9, listed_share=0.2)]
    # words that each contract a dozen or more names ("BANDAR ABBAS ...", "MIDDLE EAST ...", "HONG
    # KONG ..."): together past the cap on a query's candidates, in either order
    names += ["Bandabb Middeast Honkong", "Honkong Middeast Bandabb", "Middeast Honkong", "Bandabb"]
    queries = [PreparedQuery.build(normalize_name(name), index.index) for name in names]
    expected = [_reference(index, query) for query in queries]
    assert sum(1 for found in expected if found) > 200  # (queries that do reach contracted names)
    assert len(expected[-4]) == len(expected[-3]) == ACRONYM_CANDIDATES
    for order in (queries, list(reversed(queries)), queries):  # (cold, then filled in the other order, then warm)
        got = {id(query): index._contraction_candidates(query) for query in order}
        assert [got[id(query)] for query in queries] == expected


def test_listed_words_looked_up_ahead_change_no_answer() -> None:
    """A server looks every listed word up ahead (``NameIndex.look_up_listed_words``): its
    queries then find, score and explain exactly what an index that looks words up as queries
    meet them does, and a listed word's look-up is the one made ahead even once the memo of
    look-ups met since has been emptied."""
    ahead, met = golden_batch.index(), golden_batch.index()
    names = [name for name, _country in golden_batch.queries(met)[:2500]]
    listed = sorted(met.index.unit_weight)
    assert ahead.index.listed_words_looked_up == 0
    assert ahead.index.look_up_listed_words(7) == 7 == ahead.index.listed_words_looked_up  # (a few at a time, as a server asks)
    assert ahead.index.look_up_listed_words(7) == 14
    assert ahead.index.look_up_listed_words() == len(listed) == ahead.index.listed_words_looked_up  # (then the rest)
    for name in names:
        assert repr(ahead.screen(name, limit=3, explain=True)) == repr(met.screen(name, limit=3, explain=True)), name
    sample = listed[:: max(1, len(listed) // 400)]
    assert [repr(ahead.index.lookup(word)) for word in sample] == [repr(met.index.lookup(word)) for word in sample]
    kept = [ahead.index.lookup(word) for word in sample]
    ahead.index._lookups[1].clear()  # (the memo of words met, emptied whole when full)
    assert all(ahead.index.lookup(word) is same for word, same in zip(sample, kept, strict=True))
    assert ahead.index.look_up_listed_words() == len(listed)  # (asked again: nothing more to do)


def test_a_server_looking_its_listed_words_up_lets_its_other_threads_run() -> None:
    """The look-ahead runs beside a server's requests: it asks for a hundred words at a time, so
    that another thread gets the interpreter's lock between two calls (one compiled call for
    every word would hold it throughout: a second or two for the OFAC list)."""
    import gc
    import threading
    import time

    from entitylist.services.screening import _look_ahead

    index = golden_batch.index()
    gc.freeze()
    index.index.warm()
    done = threading.Event()

    def look_ahead() -> None:
        _look_ahead(index)
        done.set()

    thread = threading.Thread(target=look_ahead)
    woken = 0
    thread.start()
    while not done.is_set():
        time.sleep(0.001)
        woken += 1
    thread.join()
    assert index.index.listed_words_looked_up == len(index.index.unit_weight) > 5_000
    assert woken >= 5  # (15-25 times here, in a fifth of a second; once while one call held the lock)
