"""Generated counterparty files that look like real ones, and a synthetic sanctions-style list.

Real counterparty files are mostly ordinary company names made of common business words, places
and legal forms ("Golden Star Trading LLC", "Dubai Marine Logistics FZE"), with a few people and
a small share of listed names as files spell them (a typo, words reordered, a legal form added,
case and punctuation). Such names share words with many listed names, which is what makes them
slow to screen: ``bench/speed.py`` times them ("realistic mix") and
``tests/golden_batch.py`` pins what screening finds for them.

``synthetic_list`` makes a list of the same vocabulary (companies, people, vessels), so the
tests reach the common-word candidates without ``../shared/data``; the bench screens against
the OFAC SDN list instead. Everything is drawn from one ``random.Random(seed)``: the same seed
gives the same names.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from entitylist.model import Alias, Party
from entitylist.state import PartyState

COMMON = ["Lotus", "Harbor", "Eagle", "Summit", "Pioneer", "Phoenix", "Golden", "Silver", "Star", "Ocean", "River",
          "Mountain", "Sun", "Moon", "Crystal", "Diamond", "Royal", "Crown", "Liberty", "Victory", "Atlas", "Apex",
          "Zenith", "Horizon", "Falcon", "Tiger", "Lion", "Dragon", "Panda", "Orchid", "Jade", "Pearl", "Maple", "Oak",
          "Cedar", "Pine", "Unity", "Alliance", "Fortune", "Harmony", "Vista", "Nova", "Vertex", "Bright", "Blue",
          "Green", "Red", "White", "Black", "Northern", "Southern", "Eastern", "Western", "Pacific", "Atlantic",
          "Coastal", "Delta", "Alpha", "Omega", "Prime", "First", "United", "Global", "Grand", "Great", "New",
          "Modern", "Smart", "Rapid", "Swift", "Sterling", "Noble", "Trust", "Heritage", "Legacy", "Frontier",
          "Bridge", "Gateway", "Anchor", "Beacon", "Compass", "Meridian", "Rainbow", "Sunrise", "Sunset", "Spring",
          "Galaxy", "Orbit", "Infinity", "Evergreen", "Iron", "Stone", "Rock", "Forest", "Garden", "Valley", "Lake",
          "Island", "Bay", "Coral", "Amber", "Ruby", "Sapphire", "Emerald", "Ivory", "Persian", "Arya", "Kish",
          "Parsian", "Sepehr", "Pars", "Nur", "Al Noor", "Baraka", "Sahara", "Oasis", "Neva", "Volga", "Ural"]
BUSINESS = ["Trading", "Logistics", "Mining", "Textiles", "Shipping", "Foods", "Chemicals", "Consulting",
            "Construction", "Electronics", "Motors", "Pharma", "Software", "Energy", "Holdings", "Group",
            "Industries", "Services", "Solutions", "Systems", "Technologies", "Technology", "Partners", "Capital",
            "Investments", "Resources", "Marine", "Agro", "Plastics", "Steel", "Paper", "Furniture", "Garments",
            "Media", "Design", "Engineering", "Equipment", "Machinery", "Supplies", "Imports", "Exports",
            "Distribution", "Transport", "Freight", "Packaging", "Printing", "Security", "Medical", "Dental",
            "Optics", "Metals", "Minerals", "Petroleum", "Gas", "Oil", "Power", "Solar", "Networks", "Digital",
            "Data", "Automation", "Robotics", "Aviation", "Travel", "Hotels", "Properties", "Realty", "Development",
            "Manufacturing", "Fabrics", "Apparel", "Cosmetics", "Beverages", "Dairy", "Seafood", "Fisheries",
            "Bank", "Exchange", "Insurance", "Tanker", "Navigation", "Petrochemical", "Industrial", "Commercial"]
PLACES = ["Dubai", "Hong Kong", "Shenzhen", "Istanbul", "Moscow", "Tehran", "Singapore", "London", "Hamburg",
          "Rotterdam", "Mumbai", "Karachi", "Lagos", "Nairobi", "Cairo", "Jakarta", "Manila", "Bangkok", "Hanoi",
          "Shanghai", "Beijing", "Guangzhou", "Tianjin", "Minsk", "Almaty", "Tashkent", "Baku", "Yerevan", "Tbilisi",
          "Kyiv", "Warsaw", "Berlin", "Paris", "Madrid", "Milan", "Zurich", "Vienna", "Athens", "Beirut", "Amman",
          "Doha", "Muscat", "Riyadh", "Kuwait", "Caracas", "Panama", "Miami", "Houston", "Toronto", "Sydney",
          "Asia", "Euro", "Africa", "America", "Gulf", "Middle East", "Caspian", "Baltic", "Mediterranean",
          "Damascus", "Pyongyang", "Havana", "Sevastopol", "Crimea", "Isfahan", "Shiraz", "Bandar Abbas"]
FORMS = ["Ltd", "Ltd.", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pte Ltd", "SARL", "FZE", "FZCO", "LLP",
         "JSC", "OOO", "A.S.", "S.R.L.", "Limited", "Corporation", "Company", "PLC", "AG", "S.p.A.", ""]
SYLLABLES = ["vel", "tri", "nor", "va", "ka", "zen", "lum", "ora", "dex", "tal", "mira", "quin", "sol", "vit", "ex",
             "ar", "io", "neo", "tek", "ron", "ax", "ly", "ven", "tor", "pex", "sa", "mo", "ri", "cor", "lin"]
GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Priya", "Lucas", "Fatima", "Kenji", "Elena", "Omar", "Sofia",
         "Mohammad", "Ali", "Hassan", "Hossein", "Reza", "Sergei", "Dmitry", "Igor", "Vladimir", "Yevgeny", "Wei",
         "Li", "Jong", "Abdul", "Ibrahim", "Khalid", "Mahmoud", "Nikolai", "Aleksandr", "Mustafa", "Yusuf"]
FAMILY = ["Miller", "Garcia", "Wang", "Ivanova", "Hassan", "Sharma", "Silva", "Khan", "Tanaka", "Rossi", "Novak",
          "Ahmadi", "Hosseini", "Rezaei", "Karimi", "Petrov", "Ivanov", "Smirnov", "Kuznetsov", "Volkov", "Zhang",
          "Liu", "Kim", "Pak", "Al-Rashid", "Al-Masri", "Haddad", "Nasser", "Aziz", "Rahman", "Sokolov", "Orlov"]


def coined_word(rng: random.Random) -> str:
    """An invented brand word ("Veltrix"): no vocabulary knows it."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))).capitalize()


def company_name(rng: random.Random) -> str:
    """An ordinary company name of common words, business words, places and a legal form."""
    pattern = rng.randrange(8)
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
    elif pattern == 5:
        parts = [word, business, "of", place, form]
    else:  # an invented brand, as one in four real company names has
        parts = [coined_word(rng), business, form] if pattern == 6 else [place, coined_word(rng), business, form]
    return " ".join(p for p in parts if p)


def person_name(rng: random.Random, listed_style: bool = False) -> str:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    if listed_style:
        middle = f" {rng.choice(GIVEN)}" if rng.random() < 0.4 else ""
        return f"{family.upper()}, {given}{middle}"
    return f"{given} {family}"


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # letters swapped
    return word[:i] + word[i + 1:]  # a letter dropped


def listed_variant(name: str, rng: random.Random) -> str:
    """A listed name as input files vary it: a typo (one or two), words reordered ("FAMILY,
    Given" turned round), a word left out of a long name, case and punctuation, a legal form."""
    words = name.replace(",", " ").split()
    long_words = [w for w in words if len(w) > 5 and w.isalpha()]
    choice = rng.randrange(7)
    if choice == 0 and long_words:
        w = rng.choice(long_words)
        return name.replace(w, _typo(w, rng), 1)
    if choice == 1 and len(long_words) >= 2:
        first, second = rng.sample(long_words, 2)
        return name.replace(first, _typo(first, rng), 1).replace(second, _typo(second, rng), 1)
    if choice == 2 and len(words) > 1:
        if "," in name:
            family, _comma, given = name.partition(",")
            return f"{given.strip()} {family.strip()}"
        return " ".join(words[1:] + words[:1])
    if choice == 3 and len(words) >= 4:
        drop = rng.randrange(len(words))
        return " ".join(w for i, w in enumerate(words) if i != drop)
    if choice == 4:
        return name.upper().replace(".", "").replace(",", "")
    if choice == 5:
        return name.title().replace("-", " ")
    return f"{name} {rng.choice(['Ltd', 'LLC', 'Co., Ltd.', 'GmbH', 'S.A.'])}" if words else name


def synthetic_list(size: int, seed: int) -> list[PartyState]:
    """``size`` listed parties in the counterparties' vocabulary: companies (some with an alias),
    people written "FAMILY, Given", vessels named after common words."""
    rng = random.Random(seed)
    states: list[PartyState] = []
    for number in range(size):
        roll = rng.random()
        aliases: tuple[Alias, ...] = ()
        if roll < 0.6:
            kind, name = "company", company_name(rng).upper() if rng.random() < 0.5 else company_name(rng)
            if rng.random() < 0.3:
                aliases = (Alias(name=company_name(rng)),)
        elif roll < 0.9:
            kind, name = "individual", person_name(rng, listed_style=True)
            if rng.random() < 0.2:
                aliases = (Alias(name=person_name(rng)),)
        else:
            kind, name = "vessel", " ".join(rng.choice(COMMON).upper() for _ in range(rng.randrange(1, 3)))
        party = Party(id=f"synthetic-{number}", name=name, type=kind, aliases=aliases)
        states.append(PartyState(party, listed=True, listed_since=None))
    return states


def realistic_names(
    parties: Sequence[PartyState], count: int, seed: int, listed_share: float = 0.02, people_share: float = 0.1
) -> list[str]:
    """``count`` distinct names: ``listed_share`` variants of the parties' names, ``people_share``
    people's names, the rest ordinary company names, in a shuffled order."""
    rng = random.Random(seed)
    pool = [n for p in parties for n in p.party.all_names() if len(n) >= 4]
    out: dict[str, None] = {}
    while len(out) < count:
        roll = rng.random()
        if roll < listed_share:
            name = listed_variant(rng.choice(pool), rng)
        elif roll < listed_share + people_share:
            name = person_name(rng)
            if name in out:
                name = f"{rng.choice(GIVEN)} {name}"
        else:
            name = company_name(rng)
        out[name] = None
    names = list(out)
    rng.shuffle(names)
    return names


def with_repeats(names: Sequence[str], rows: int, seed: int) -> list[str]:
    """``rows`` rows of a file holding ``names``: every name once, then repeats of recent ones
    (a customer met again), shuffled within runs of a thousand, as real files repeat names."""
    rng = random.Random(seed)
    out = list(names)
    while len(out) < rows:
        out.append(out[rng.randrange(max(0, len(out) - 50_000), len(out))])
    for start in range(0, len(out), 1000):
        block = out[start:start + 1000]
        rng.shuffle(block)
        out[start:start + 1000] = block
    return out
