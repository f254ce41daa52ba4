"""False alarms on ordinary company names, entitylist beside rapidfuzz WRatio at equal recall.

    python bench/false_alarms.py [--rows N]

The list: the bundled Entity List plus the OFAC SDN list (``../shared/data/watchman``). The rows
(default 100,000, fixed seed): 98 % ordinary company names made up from common words, invented brand
words, business words, places and legal forms (any that normalise to a listed name are left out), 2 % variants
of listed SDN and Entity List names (a typo, words reordered, a legal form added or changed,
case and punctuation). Prints, in one run:

- entitylist at its default threshold: share of ordinary names flagged, recall on the variants;
- entitylist and rapidfuzz WRatio at the threshold that gives the same recall as entitylist's
  default: share of ordinary names flagged by each (rapidfuzz over a fixed sample of the
  ordinary names, all of the variants: a full scan of every row would take hours);
- both at 0.97 recall;
- ordinary people's names of thirteen traditions (``people_names.py``), the share each flags at
  those thresholds, and entitylist's flags by tradition at its default.

A variant counts as found when its own party scores at or above the threshold; an ordinary name
counts as flagged when any party does.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Sequence

from people_names import people_names
from speed import load_parties
from tests.counterparties import coined_word, listed_variant  # shared with the golden test (speed puts the root on the path)

from entitylist.matching.normalize import normalize_name
from entitylist.screening import ListIndex
from entitylist.state import PartyState

COMMON = ["Lotus", "Harbor", "Eagle", "Summit", "Pioneer", "Phoenix", "Golden", "Silver", "Star", "Ocean", "River",
          "Mountain", "Sun", "Moon", "Crystal", "Diamond", "Royal", "Crown", "Liberty", "Victory", "Atlas", "Apex",
          "Zenith", "Horizon", "Falcon", "Tiger", "Lion", "Dragon", "Panda", "Orchid", "Jade", "Pearl", "Maple", "Oak",
          "Cedar", "Pine", "Unity", "Alliance", "Fortune", "Harmony", "Vista", "Nova", "Vertex", "Bright", "Blue",
          "Green", "Red", "White", "Black", "Northern", "Southern", "Eastern", "Western", "Pacific", "Atlantic",
          "Coastal", "Delta", "Alpha", "Omega", "Prime", "First", "United", "Global", "Grand", "Great", "New",
          "Modern", "Smart", "Rapid", "Swift", "Sterling", "Noble", "Trust", "Heritage", "Legacy", "Frontier",
          "Bridge", "Gateway", "Anchor", "Beacon", "Compass", "Meridian", "Rainbow", "Sunrise", "Sunset", "Spring",
          "Autumn", "Winter", "Galaxy", "Orbit", "Comet", "Infinity", "Evergreen", "Iron", "Stone", "Rock", "Forest",
          "Garden", "Valley", "Lake", "Island", "Bay", "Coral", "Amber", "Ruby", "Sapphire", "Emerald", "Ivory"]
BUSINESS = ["Trading", "Logistics", "Mining", "Textiles", "Shipping", "Foods", "Chemicals", "Consulting",
            "Construction", "Electronics", "Motors", "Pharma", "Software", "Energy", "Holdings", "Group",
            "Industries", "Services", "Solutions", "Systems", "Technologies", "Technology", "Partners", "Capital",
            "Investments", "Resources", "Marine", "Agro", "Plastics", "Steel", "Paper", "Furniture", "Garments",
            "Media", "Design", "Engineering", "Equipment", "Machinery", "Supplies", "Imports", "Exports",
            "Distribution", "Transport", "Freight", "Packaging", "Printing", "Security", "Medical", "Dental",
            "Optics", "Metals", "Minerals", "Petroleum", "Gas", "Oil", "Power", "Solar", "Networks", "Digital",
            "Data", "Automation", "Robotics", "Aviation", "Travel", "Hotels", "Properties", "Realty", "Development",
            "Manufacturing", "Fabrics", "Apparel", "Cosmetics", "Beverages", "Dairy", "Seafood", "Fisheries"]
PLACES = ["Dubai", "Hong Kong", "Shenzhen", "Istanbul", "Moscow", "Tehran", "Singapore", "London", "Hamburg",
          "Rotterdam", "Mumbai", "Karachi", "Lagos", "Nairobi", "Cairo", "Jakarta", "Manila", "Bangkok", "Hanoi",
          "Shanghai", "Beijing", "Guangzhou", "Tianjin", "Minsk", "Almaty", "Tashkent", "Baku", "Yerevan", "Tbilisi",
          "Kyiv", "Warsaw", "Berlin", "Paris", "Madrid", "Milan", "Zurich", "Vienna", "Athens", "Beirut", "Amman",
          "Doha", "Muscat", "Riyadh", "Kuwait", "Caracas", "Panama", "Miami", "Houston", "Toronto", "Sydney",
          "Asia", "Euro", "Africa", "America", "Gulf", "Middle East", "Caspian", "Baltic", "Mediterranean"]
FORMS = ["Ltd", "Ltd.", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pte Ltd", "SARL", "FZE", "FZCO", "LLP",
         "JSC", "OOO", "A.S.", "S.R.L.", "Limited", "Corporation", "Company", "PLC", "AG", "S.p.A.", ""]


def ordinary_name(rng: random.Random) -> str:
    pattern = rng.randrange(7)
    if pattern == 6:  # an invented brand, as one in five real company names has
        return " ".join(p for p in [coined_word(rng), rng.choice(BUSINESS), rng.choice(FORMS)] if p)
    word, business, place, form = rng.choice(COMMON), rng.choice(BUSINESS), rng.choice(PLACES), rng.choice(FORMS)
    if pattern == 0:
        parts = [word, business, form]
    elif pattern == 1:
        parts = [place, word, business, form]
    elif pattern == 2:
        parts = [word, rng.choice(COMMON), business, form]
    elif pattern == 3:
        parts = [word, business, rng.choice(BUSINESS), form]
    elif pattern == 4:
        parts = [place, business, rng.choice(BUSINESS), form]
    else:
        parts = [word, business, "of", place, form]
    return " ".join(p for p in parts if p)


def make_rows(parties: Sequence[PartyState], count: int, seed: int = 2026) -> tuple[list[str], list[tuple[str, str]]]:
    """Ordinary names, and (variant, party id) pairs: 2 % of ``count``."""
    rng = random.Random(seed)
    listed_texts = {normalize_name(n).text for p in parties for n in p.party.all_names()}
    ordinary: set[str] = set()
    want = count - count // 50
    while len(ordinary) < want:
        name = ordinary_name(rng)
        if normalize_name(name).text not in listed_texts:
            ordinary.add(name)
    pool = [(n, p.id, p.party.type) for p in parties for n in p.party.all_names() if len(n) >= 4]
    variants: list[tuple[str, str]] = []
    while len(variants) < count // 50:
        name, pid, kind = rng.choice(pool)
        variant = listed_variant(name, rng)
        if kind not in ("individual", "vessel", "aircraft") or not normalize_name(variant).legal_forms:
            variants.append((variant, pid))  # a person or vessel is not written with a company legal form
    # (shuffled from their sorted order: a set's own order moves with the hash seed, and with it
    # the fixed sample the peers score, whose share flagged moved by a point from run to run)
    return sorted(sorted(ordinary), key=lambda _n: rng.random()), variants


def flagged_share(scores: Sequence[float], threshold: float) -> float:
    return sum(1 for s in scores if s >= threshold) / len(scores)


def threshold_for_recall(scores: Sequence[float], recall: float) -> float:
    """The highest threshold at which at least ``recall`` of the scores pass."""
    ordered = sorted(scores, reverse=True)
    return ordered[max(0, min(len(ordered) - 1, int(round(recall * len(ordered))) - 1))]


def main() -> None:
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 100_000
    peer_sample = int(sys.argv[sys.argv.index("--peer-sample") + 1]) if "--peer-sample" in sys.argv else 10_000
    parties = load_parties()
    index = ListIndex(parties)
    default = index.index.weights.match_threshold
    ordinary, variants = make_rows(parties, rows)
    floor = 0.5  # scores below it count as 0: no threshold worth reporting is that low
    started = time.perf_counter()
    ours_ordinary = [m[0].score if (m := index.screen(n, threshold=floor, limit=1, explain=False)) else 0.0 for n in ordinary]
    ours_variants = []
    for query, party_id in variants:
        found = index.screen(query, threshold=floor, limit=10, explain=False)
        ours_variants.append(next((m.score for m in found if m.party_id == party_id), 0.0))
    elapsed = time.perf_counter() - started
    recall_default = flagged_share(ours_variants, default)
    print(f"list: {len(parties)} parties; rows: {len(ordinary)} ordinary names, {len(variants)} listed-name variants "
          f"(entitylist screened them in {elapsed:.0f} s)")
    print(f"\nentitylist at its default threshold {default}: {flagged_share(ours_ordinary, default) * 100:.2f} % of "
          f"ordinary names flagged, recall on variants {recall_default:.3f}")

    from rapidfuzz import fuzz, process, utils

    rng = random.Random(5)
    sample = rng.sample(ordinary, min(peer_sample, len(ordinary)))
    names_of: dict[str, list[str]] = {}
    for state in parties:
        names_of[state.id] = [utils.default_process(n) for n in state.party.all_names()]
    choices = [n for names in names_of.values() for n in names]
    started = time.perf_counter()
    queries = [utils.default_process(n) for n in sample]
    try:  # (every core at once, where numpy is installed: rapidfuzz's cdist needs it)
        import numpy  # noqa: F401

        peer_ordinary = [float(v) / 100 for v in process.cdist(queries, choices, scorer=fuzz.WRatio, workers=-1).max(axis=1)]
    except ImportError:  # the same best score of each name, one at a time
        peer_ordinary = [
            (found[1] if (found := process.extractOne(q, choices, scorer=fuzz.WRatio, processor=None)) else 0.0) / 100
            for q in queries
        ]
    peer_variants = [
        max(fuzz.WRatio(utils.default_process(q), n) for n in names_of[pid]) / 100 for q, pid in variants
    ]
    peer_elapsed = time.perf_counter() - started
    print(f"rapidfuzz WRatio scored {len(sample)} ordinary names (a fixed sample) and every variant in {peer_elapsed:.0f} s")
    print(f"\n  {'at equal recall':34} {'recall':>7} {'threshold':>10} {'ordinary names flagged':>24}")
    thresholds: list[tuple[str, float, float]] = []  # (label, entitylist's threshold, the peer's)
    for label, recall in ((f"entitylist's default ({recall_default:.3f})", recall_default), ("0.97", 0.97)):
        ours_t = threshold_for_recall(ours_variants, recall)
        peer_t = threshold_for_recall(peer_variants, recall)
        thresholds.append((label, ours_t, peer_t))
        print(f"  {label}")
        print(f"    {'entitylist':30} {flagged_share(ours_variants, ours_t):7.3f} {ours_t:10.3f} "
              f"{flagged_share(ours_ordinary, ours_t) * 100:22.2f} %")
        print(f"    {'rapidfuzz WRatio':30} {flagged_share(peer_variants, peer_t):7.3f} {peer_t:10.3f} "
              f"{flagged_share(peer_ordinary, peer_t) * 100:22.2f} %")
    people_set(index, choices, thresholds, floor, peer_sample)


def people_set(index: ListIndex, choices: list[str], thresholds: list[tuple[str, float, float]], floor: float, peer_sample: int) -> None:
    """Ordinary people's names of thirteen traditions (``people_names.py``), screened as the
    company names are: the share flagged, by tradition, at the thresholds of equal recall on the
    listed-name variants (rapidfuzz over a fixed sample of them)."""
    from rapidfuzz import fuzz, process, utils

    people = people_names()
    started = time.perf_counter()
    ours = [m[0].score if (m := index.screen(n, threshold=floor, limit=1, explain=False)) else 0.0 for _t, n in people]
    elapsed = time.perf_counter() - started
    sample = sorted(random.Random(11).sample(range(len(people)), min(peer_sample // 10, len(people))))
    peer = {
        at: (found[1] if (found := process.extractOne(utils.default_process(people[at][1]), choices, scorer=fuzz.WRatio,
                                                       processor=None)) else 0.0) / 100
        for at in sample
    }
    traditions = sorted({t for t, _n in people})
    print(f"\nOrdinary people's names: {len(people)} of {len(traditions)} traditions (given name, family name), "
          f"entitylist screened them in {elapsed:.1f} s, rapidfuzz WRatio a fixed sample of {len(sample)}")
    for label, ours_t, peer_t in thresholds:
        mine = [s for s in ours if s >= ours_t]
        theirs = [s for s in peer.values() if s >= peer_t]
        print(f"  at equal recall, {label}: entitylist flags {len(mine) / len(ours) * 100:.2f} % (threshold {ours_t:.3f}), "
              f"rapidfuzz WRatio {len(theirs) / len(peer) * 100:.2f} % (threshold {peer_t:.3f})")
    default = index.index.weights.match_threshold
    print(f"  entitylist at its default threshold {default}, by tradition:")
    for tradition in traditions:
        scores = [s for (t, _n), s in zip(people, ours) if t == tradition]
        print(f"    {tradition:12} {sum(1 for s in scores if s >= default):4} of {len(scores):4} flagged")


if __name__ == "__main__":
    main()
