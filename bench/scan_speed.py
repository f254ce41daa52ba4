"""Speed of ``entitylist scan`` (MB of text per CPU second: one core) beside a naive scan, in one run.

    python bench/scan_speed.py [--mb 8]

The list: the bundled Entity List plus the OFAC SDN names and aliases from
``../shared/data/watchman`` (about 17,000 names; the script stops with a message when the files
are absent). The text: a fixed-seed mix of the labelled corpus's paragraphs (news, invoices,
bills of lading, e-mails, contracts; about one listed name per kilobyte) and English business prose
made up from word lists, with capitalised names of unlisted companies, people and places, so most
capitalised words are not listed. Reported (per CPU second of this process, so other load on the machine counts less; wall-clock
MB/s beside it): the scanner's speed on a fresh finder (every word and
passage looked up for the first time) and again on the same finder (what it keeps helps), and the
naive scan's MB/s on the first megabyte (every listed name and alias searched in the lower-cased
text with ``str.find``), with the ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from common import WATCHMAN
from scan_accuracy import bundled_parties, document_text, load_corpus, sdn_parties

from entitylist.scanning.mentions import MentionFinder
from entitylist.screening import ListIndex

WORDS = (
    "the of and to in a is that for on with as was by at from it an be this are which or has have had not but "
    "were their been its more also will would said after all about into than other new one two three year years "
    "market company shares price prices sales profit quarter revenue growth investors analysts report government "
    "official officials trade export exports import imports supply chain factory factories production products "
    "customers contract agreement shipment shipments goods payment bank loan rate rates policy review meeting board "
    "week month statement percent million billion dollars euros region province city country countries industry "
    "technology equipment software cameras chips solar panels cotton yarn garments vessel port cargo freight terms"
).split()
CAPITALISED = (
    "Monday Tuesday Wednesday Thursday Friday January March April June July September October December "
    "London Paris Berlin Tokyo Singapore Sydney Chicago Texas California Ohio Brazil Mexico India Germany Japan "
    "Europe Asia Africa America Britain Canada Chinese European American British Japanese Korean German Indian"
).split()
FIRST = ["Global", "United", "Pacific", "Golden", "Eastern", "Northern", "Royal", "First", "Prime", "Silver", "Blue",
         "Green", "Atlas", "Delta", "Summit", "Harbor", "Crown", "Liberty", "Orient", "Sunrise", "Apex", "Nova"]
SECOND = ["Trading", "Logistics", "Shipping", "Electronics", "Textiles", "Machinery", "Foods", "Chemicals", "Metals",
          "Software", "Energy", "Pharma", "Garments", "Plastics", "Motors", "Optics", "Paper", "Furniture"]
FORMS = ["Ltd", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pte Ltd", "plc", "Corp."]
GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Priya", "Lucas", "Fatima", "Kenji", "Elena", "Omar", "Sofia",
         "David", "Laura", "Peter", "Anna", "Michael", "Sarah", "Thomas", "Julia"]
FAMILY = ["Smith", "Garcia", "Wang", "Ivanova", "Khan", "Patel", "Silva", "Haddad", "Tanaka", "Rossi", "Novak",
          "Brown", "Miller", "Schmidt", "Dubois", "Jensen", "Kowalski", "Lopez", "Nguyen", "Kim"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    for _ in range(rng.choice((0, 0, 0, 0, 1, 1, 1, 2))):  # news prose: a name in about half the sentences
        at = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.35:
            words[at] = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.choice(FORMS)}"
        elif roll < 0.7:
            words[at] = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        else:
            words[at] = rng.choice(CAPITALISED)
    words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99_999):,}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_text(megabytes: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs = [p for d in load_corpus() for p in document_text(d).split("\n\n") if p.strip()]
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        piece = rng.choice(paragraphs) if rng.random() < 0.25 else " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        parts.append(piece)
        size += len(piece) + 2
    return "\n\n".join(parts)


def naive(names: list[str], text: str) -> int:
    """Every listed name searched in the text: the count of places found."""
    lowered = text.casefold()
    found = 0
    for name in names:
        at = lowered.find(name)
        while at != -1:
            found += 1
            at = lowered.find(name, at + 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=8.0, help="megabytes of text to scan")
    args = parser.parse_args()
    extra = sdn_parties()
    if extra is None:
        print(f"OFAC SDN files not found in {WATCHMAN}: nothing measured", file=sys.stderr)
        return
    parties = bundled_parties() + extra
    started = time.perf_counter()
    index = ListIndex(parties)
    names = sorted({n.casefold() for s in parties for n in [s.party.name, *(a.name for a in s.party.aliases)] if len(n) >= 3})
    print(f"list: {len(parties)} parties, {len(names)} distinct names and aliases (index built in {time.perf_counter() - started:.1f} s)")
    text = make_text(args.mb)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    print(f"text: {megabytes:.1f} MB")
    pieces = [text[i:i + 1_000_000] for i in range(0, len(text), 1_000_000)]
    finder = MentionFinder(index)
    fresh = 0.0
    for label in ("fresh finder", "same finder, again"):
        started, cpu = time.perf_counter(), time.process_time()
        found = sum(1 for _ in finder.find_in_stream(iter(pieces)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"entitylist scan, {label}: {megabytes / cpu:.2f} MB per CPU second "
              f"({megabytes / elapsed:.2f} MB/s of wall time; {found} mentions)")
        fresh = fresh or megabytes / cpu
    sample = text[:1_000_000]
    cpu = time.process_time()
    hits = naive(names, sample)
    naive_rate = len(sample.encode("utf-8")) / 1_000_000 / (time.process_time() - cpu)
    print(f"naive scan (str.find of every name): {naive_rate:.3f} MB per CPU second ({hits} places in the first MB)")
    print(f"entitylist / naive (fresh finder): {fresh / naive_rate:.0f}x")


if __name__ == "__main__":
    main()
