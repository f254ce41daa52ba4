"""A deterministic 20,000-row screening input, and the index it is screened against.

The expected outputs in ``tests/fixtures/batch_expected*.csv.gz`` were written by ``screen-file``
as it was before batch screening became an engine; the engine must reproduce them byte for byte.
Regenerate them only when the matching itself deliberately changes::

    PYTHONPATH=src python -m tests.batch_corpus
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import random
from pathlib import Path

from entitylist import bundled
from entitylist.screening import ListIndex
from entitylist.state import listed_on

ROWS = 20_000
SEED = 20_000
AS_OF = dt.date(2026, 11, 1)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = {False: FIXTURES / "batch_expected.csv.gz", True: FIXTURES / "batch_expected_all_matches.csv.gz"}

_UNLISTED_FIRST = ["Global", "Pacific", "Golden", "Northern", "Royal", "Atlas", "Summit", "Harbor", "Orient", "Sunrise"]
_UNLISTED_SECOND = ["Trading", "Logistics", "Shipping", "Textiles", "Machinery", "Foods", "Metals", "Optics", "Paper"]
_FORMS = ["Ltd", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "Company Limited", ""]
_PEOPLE = ["James Miller", "Maria Garcia", "Chen Wang", "Olga Ivanova", "Ahmed Hassan", "Priya Sharma", "Kenji Tanaka"]
_COUNTRIES = ["CN", "cn", "China", "RU", "Russia", "US", "DE", "Germany", "HK", "Atlantis", "XX", "", "", ""]


def index() -> ListIndex:
    _rules, actions = bundled.load()
    return ListIndex(listed_on(actions, AS_OF))


def _variant(name: str, rng: random.Random) -> str:
    """A listed name as a counterparty file may spell it."""
    words = name.replace(",", " ").split()
    choice = rng.randrange(6)
    if choice == 0:
        return name
    if choice == 1:
        return name.upper()
    if choice == 2 and words:
        longest = max(words, key=len)
        if len(longest) > 4:
            i = rng.randrange(1, len(longest) - 2)
            return name.replace(longest, longest[:i] + longest[i + 1] + longest[i] + longest[i + 2:], 1)
    if choice == 3 and len(words) > 1:
        rng.shuffle(words)
        return " ".join(words)
    if choice == 4:
        return f"  {name}  "
    return f"{name} {rng.choice(_FORMS)}".strip()


def rows(listed_names: list[str]) -> list[list[str]]:
    """Header and rows: listed-name variants, unlisted names, repeats, empty names, countries."""
    rng = random.Random(SEED)
    out = [["id", "name", "country", "note"]]
    seen: list[str] = []
    for number in range(1, ROWS + 1):
        roll = rng.random()
        if roll < 0.25:
            name = _variant(rng.choice(listed_names), rng)
        elif roll < 0.55:
            name = f"{rng.choice(_UNLISTED_FIRST)} {rng.choice(_UNLISTED_SECOND)} {rng.randrange(1, 5000)} {rng.choice(_FORMS)}".strip()
        elif roll < 0.65:
            name = f"{rng.choice(_PEOPLE)} {rng.randrange(1, 300)}"
        elif roll < 0.92 and seen:
            name = rng.choice(seen)  # a repeat
        elif roll < 0.97:
            name = rng.choice(["", " ", "\t"])
        else:
            name = rng.choice(["Huawei", "Hikvision", "海康威视", "Dahua", "SenseTime", "iFlytek", "Sense Time Group"])
        if name.strip():
            seen.append(name)
        note = rng.choice(["", "paid", "pending", "customer, since 2019", 'said "hello"', "line\nbreak"])
        out.append([str(number), name, rng.choice(_COUNTRIES), note])
    return out


def listed_names() -> list[str]:
    _rules, actions = bundled.load()
    return sorted({n for state in listed_on(actions, AS_OF) for n in state.party.all_names()})


def write_input(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows(listed_names()))


def _regenerate() -> None:
    """Write the expected outputs with the current ``screen_file``."""
    import tempfile

    from entitylist.batch import screen_file

    list_index = index()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.csv"
        write_input(source)
        for all_matches, expected in EXPECTED.items():
            target = Path(folder) / "out.csv"
            screen_file(list_index, source, target, column="name", country_column="country", all_matches=all_matches, workers=2,
                        raw=True)  # cells as read: the corpus has names that begin with a tab
            expected.write_bytes(gzip.compress(target.read_bytes(), mtime=0))


if __name__ == "__main__":
    _regenerate()
