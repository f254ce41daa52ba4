"""Build the labelled screening evaluation set, ``bench/eval/screening_eval.csv``.

    python bench/make_eval_set.py

Also writes ``bench/eval/person_pairs.csv`` (people's pairs with hard negatives) and
``bench/eval/special_pairs.csv`` (numbers, particles, acronyms, glued legal forms), labelled
pairs in the columns ``entitylist evaluate`` reads (left, right, label, type) plus category and
note, and ``bench/eval/entity_list_aliases.csv`` (Entity List style Russian and Chinese entries
with transliterated, translated and abbreviated aliases).

Rows are (query, expected listed name or empty, category, note). Positives are variants of the
bundled Entity List's names made the ways real input varies: typos, legal forms, word order,
abbreviations, text-spinner synonyms, a dropped city prefix, joined or split words, case and
punctuation noise, aliases and original-script names. Negatives are names that must not hit:
the hand-written near misses of ``bench/eval/handwritten.csv``, listed names whose distinctive
word is replaced by another real-looking word (same city, same generic words), and generic
combinations of places and business words. A fixed seed keeps the file stable.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from pathlib import Path

from entitylist import bundled
from entitylist.matching.index import generic_words
from entitylist.matching.normalize import normalize_name
from entitylist.state import listed_on

HERE = Path(__file__).resolve().parent / "eval"
OUTPUT = HERE / "screening_eval.csv"
SEED = 20261126

ABBREVIATIONS = {"Technology": "Tech", "Technologies": "Techs", "Information": "Info", "International": "Intl",
                 "Science": "Sci", "Group": "Grp", "University": "Univ", "Company": "Co", "Corporation": "Corp",
                 "Institute": "Inst", "Electronics": "Elec", "Development": "Dev"}
SPINNER = {"Information": "Details", "Technology": "Know-how", "Industry": "Trade", "Intelligent": "Clever",
           "System": "Method", "Security": "Safety", "Company": "Firm", "New": "Novel", "Energy": "Power",
           "Material": "Substance", "Network": "Web", "Public": "Community", "Bureau": "Office"}
FILLER_WORDS = ["Fuchun", "Jinlong", "Tianma", "Hengtong", "Xinhua", "Baoli", "Ruifeng", "Jiahe", "Longxin", "Dongfang",
                "Huaxin", "Yongsheng", "Shengda", "Kaiyuan", "Mingyang", "Zhonghe", "Guangda", "Lianchuang",
                "Anxin", "Boyuan", "Chenguang", "Dingsheng", "Fengyuan", "Haitian", "Jinyu", "Qiming"]
LEGAL_FORMS = ["Co., Ltd.", "Company Limited", "Ltd.", "Co.", "Limited", "Group Co., Ltd.", ""]
BUSINESS = ["Technology", "Information Technology", "Electronics", "Trading", "Industrial", "New Energy",
            "Security Systems", "Digital", "Intelligent Equipment", "Network Technology", "Science and Technology"]
PLACES = ["Hangzhou", "Beijing", "Shanghai", "Shenzhen", "Xinjiang", "Urumqi", "Xiamen", "Suzhou", "Chengdu", "Hefei",
          "Zhejiang", "Nanjing", "Wuhan", "Guangzhou"]


REGIONS = ["Europe", "Asia", "Africa", "Eurasia", "Americas", "Asia Pacific", "Latin America"]


def distinctive_token(name: str) -> str | None:
    """The longest word of the name that is not a generic business word or place."""
    generic = generic_words()
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", name) if w.lower().strip("'") not in generic and len(w) >= 4]
    return max(words, key=len) if words else None


def typos(word: str, rng: random.Random) -> list[str]:
    i = rng.randrange(1, len(word) - 2)
    swap = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    drop = word[:i] + word[i + 1:]
    j = rng.randrange(1, len(word) - 1)
    letter = rng.choice("aeiounrst")
    sub = word[:j] + letter + word[j + 1:] if word[j].lower() != letter else word[:j] + "x" + word[j + 1:]
    return [swap, drop, sub]


def positives(name: str, aliases: list[str], rng: random.Random) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = [(name, "exact", "the listed name")]
    token = distinctive_token(name)
    if token and len(token) >= 5:
        for variant, note in zip(typos(token, rng)[:2], ("transposed letters", "dropped letter"), strict=True):
            rows.append((name.replace(token, variant, 1), "typo", note))
    core = re.sub(r",?\s*(Co\.,? Ltd\.?|Co\. Ltd\.?|Company Limited|Ltd\.?|Limited|Co\.)\s*$", "", name).strip(" ,")
    if core != name:
        rows.append((core, "legal_form", "legal form dropped"))
        rows.append((core + " Company Limited", "legal_form", "legal form spelled out"))
    else:
        rows.append((name + " Co., Ltd.", "legal_form", "legal form added"))
    words = core.split()
    if 2 <= len(words) <= 5:
        rows.append((" ".join(words[1:] + words[:1]), "word_order", "first word moved last"))
    for long, short in ABBREVIATIONS.items():
        if re.search(rf"\b{long}\b", name):
            rows.append((re.sub(rf"\b{long}\b", short, name, count=1), "abbreviation", f"{long} -> {short}"))
            break
    for word, spun in SPINNER.items():
        if re.search(rf"\b{word}\b", name):
            rows.append((re.sub(rf"\b{word}\b", spun, name, count=1), "spinner", f"{word} -> {spun}"))
            break
    rest = name.split()[1:]
    if words and words[0].lower() in generic_words() and len(words) >= 3 and distinctive_token(" ".join(rest)):
        rows.append((" ".join(rest), "city_dropped", f"{words[0]} dropped"))
    if len(words) >= 2 and token:
        at = words.index(token) if token in words else -1
        if 0 <= at < len(words) - 1 and words[at + 1][0].isupper():
            joined = words[:at] + [words[at] + words[at + 1].lower()] + words[at + 2:]
            rows.append((" ".join(joined), "joined", "two words written as one"))
        elif token and len(token) >= 8:
            mid = len(token) // 2
            rows.append((name.replace(token, token[:mid] + " " + token[mid:].capitalize(), 1), "split", "word split in two"))
    rows.append((name.upper().replace(",", "").replace(".", ""), "case", "upper case, no punctuation"))
    for alias in aliases:
        rows.append((alias, "alias", "listed alias"))
    return rows


def negatives(names: list[str], rng: random.Random) -> list[tuple[str, str]]:
    listed = {normalize_name(n).text for n in names}
    rows: list[tuple[str, str]] = []
    for name in names:
        token = distinctive_token(name)
        if not token:
            continue
        filler = rng.choice(FILLER_WORDS)
        candidate = name.replace(token, filler, 1)
        remainder = normalize_name(name.replace(token, "", 1)).text
        if normalize_name(candidate).text not in listed and remainder not in listed:
            rows.append((candidate, f"distinctive word replaced ({token} -> {filler})"))
    for _ in range(120):
        candidate = f"{rng.choice(PLACES)} {rng.choice(FILLER_WORDS)} {rng.choice(BUSINESS)} {rng.choice(LEGAL_FORMS)}".strip()
        rows.append((candidate, "unlisted-looking company: place, made-up brand, business words"))
    for _ in range(60):
        candidate = f"{rng.choice(PLACES)} {rng.choice(BUSINESS)} {rng.choice(LEGAL_FORMS)}".strip()
        if normalize_name(candidate).text not in listed:
            rows.append((candidate, "generic words only"))
    return rows


PERSONS = HERE / "person_pairs.csv"
SPECIAL = HERE / "special_pairs.csv"
PAIR_FIELDS = ["left", "right", "label", "type", "category", "note"]

# Name pools for people's pairs, several naming traditions. Variants pair a written form with
# the forms other sources use for the same name (not all of them in the matcher's vocabulary).
ARABIC_GIVEN = ["Ali", "Hassan", "Omar", "Khalid", "Yusuf", "Ibrahim", "Tariq", "Faisal", "Nasser", "Walid", "Karim",
                "Samir", "Hamza", "Bilal", "Jamal", "Rashid", "Mustafa", "Salim", "Ziad", "Adnan"]
ARABIC_FAMILY = ["Al-Tikriti", "Haddad", "Mansour", "Khoury", "Al-Masri", "Nasrallah", "Al-Zahrani", "Darwish",
                 "Al-Hashimi", "Qasim", "Saleh", "Al-Amin", "Barakat", "Shami", "Al-Khatib"]
RUSSIAN = [("Aleksandr", "Alexander"), ("Sergei", "Sergey"), ("Dmitrii", "Dmitry"), ("Yurii", "Yuri"),
           ("Andrei", "Andrey"), ("Aleksei", "Alexey"), ("Nikolai", "Nikolay"), ("Mikhail", "Michael"),
           ("Evgenii", "Yevgeny"), ("Vasilii", "Vasily")]
RUSSIAN_FAMILY = [("Kuznetsov", "Kuznetsoff"), ("Sokolov", "Sokoloff"), ("Popov", "Popoff"), ("Volkov", "Wolkow"),
                  ("Fedorov", "Fyodorov"), ("Morozov", "Morosov"), ("Lebedev", "Lebedeff"), ("Kozlov", "Koslov"),
                  ("Novikov", "Nowikow"), ("Solovyov", "Soloviev")]
PATRONYMIC = ["Ivanovich", "Petrovich", "Sergeyevich", "Nikolayevich", "Viktorovich", "Alekseyevich"]
SPANISH_GIVEN = ["Jose", "Luis", "Carlos", "Miguel", "Juan", "Pedro", "Jorge", "Rafael", "Manuel", "Fernando"]
SPANISH_FAMILY = ["Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez",
                  "Torres", "Flores", "Rivera"]
DUTCH = [("Pieter", "van den Berg"), ("Jan", "de Vries"), ("Willem", "van der Meer"), ("Hendrik", "van Dijk"),
         ("Cornelis", "de Jong"), ("Johannes", "van Leeuwen"), ("Marco", "di Stefano"), ("Luca", "de Luca")]
EAST_ASIAN = [("Kim", "Jong Su", "Gim", "Jeong Su"), ("Park", "Min Ho", "Pak", "Min Ho"), ("Lee", "Sung Jin", "Yi", "Seong Jin"),
              ("Choi", "Young Ho", "Choe", "Yeong Ho"), ("Zhang", "Wei", "Chang", "Wei"), ("Wang", "Jianguo", "Wang", "Chien Kuo"),
              ("Chen", "Xiaoming", "Chen", "Hsiao Ming"), ("Liu", "Yang", "Liu", "Yang")]
SPELLINGS = {"Muhammad": ["Mohammed", "Mohd", "Mohamed", "Muhammed"], "Abdul": ["Abd", "Abdel"],
             "Hussein": ["Husain", "Hussain", "Hossein"], "Yusuf": ["Youssef", "Yousef"], "Ahmad": ["Ahmed"],
             "Osama": ["Usama"], "Abdullah": ["Abdallah"], "Mahmoud": ["Mahmud"], "Khalid": ["Khaled"]}


# a given name and its familiar form (the nicknames package's English names, person_names.yaml's diminutives)
FAMILIAR = [("William", "Bill"), ("Robert", "Bob"), ("James", "Jim"), ("Richard", "Dick"), ("Elizabeth", "Liz"),
            ("Katherine", "Kate"), ("Michael", "Mike"), ("Margaret", "Peggy"), ("Edward", "Ted"), ("Aleksandr", "Sasha"),
            ("Vladimir", "Volodya"), ("Dmitriy", "Dima"), ("Jose", "Pepe"), ("Francisco", "Paco"), ("Giuseppe", "Beppe")]
FAMILIAR_FAMILY = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Orlov", "Morozov", "Herrera", "Rossi"]
# a given name's masculine and feminine forms: two people
# Arabic given names of other consonants, however alike: two people of one family
OTHER_ARABIC_NAMES = [("Ahmad", "Hamid"), ("Yasin", "Yasir"), ("Khalid", "Khalil"), ("Hasan", "Husam"), ("Jamal", "Jalal"),
                      ("Rashid", "Rasmi"), ("Amjad", "Ahmad"), ("Walid", "Khalid"), ("Hamza", "Hamdan"), ("Nabil", "Nabih")]
# romanisations of one Arabic given name too far apart for a typo
ARABIC_SPELLINGS = [("Yahya", "Yehia"), ("Aisha", "Ayesha"), ("Qasim", "Kassem"), ("Ihsan", "Ehsan"), ("Zaynab", "Zeinab"),
                    ("Umar", "Omer"), ("Uthman", "Othman"), ("Murtada", "Morteza"), ("Rida", "Reza"), ("Jafar", "Djafar")]
GENDER_FORMS = [("Mario", "Maria"), ("Daniel", "Daniela"), ("Antonio", "Antonia"), ("Ivan", "Ivana"), ("Julio", "Julia"),
                ("Aleksandr", "Aleksandra"), ("Roberto", "Roberta"), ("Gabriel", "Gabriela")]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(word) - 2))
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i + 1:i + 2] + word[i] + word[i + 2:]


def person_pairs(rng: random.Random) -> list[dict[str, str]]:
    """People's pairs: positives the ways sources write one person, hard negatives that share most
    of a name with another person (same family name and another given name, a patronymic chain
    reversed, a sibling, another generation, a particle more)."""
    rows: list[dict[str, str]] = []

    def add(left: str, right: str, label: int, category: str, note: str) -> None:
        rows.append({"left": left, "right": right, "label": str(label), "type": "person", "category": category, "note": note})

    for _ in range(60):  # Arabic names with patronymic chains
        own, father, other = rng.sample(ARABIC_GIVEN, 3)
        family = rng.choice(ARABIC_FAMILY)
        listed = f"{family.upper()}, {own} bin {father}"
        add(f"{own} bin {father} {family}", listed, 1, "person_order", "OFAC order turned round")
        add(f"{father} bin {own} {family}", listed, 0, "person_patronymic", "patronymic chain reversed")
        add(f"{other} bin {father} {family}", listed, 0, "person_sibling", "a brother: another given name, same father")
        spelled = next(((k, v) for k, v in SPELLINGS.items() if k == own), None)
        if rng.random() < 0.5:
            add(f"{own} {_typo(family.replace('Al-', ''), rng) if len(family) > 6 else family}", listed, 1, "person_typo",
                "father's name left out, family name misspelt")
        elif spelled:
            add(f"{rng.choice(spelled[1])} bin {father} {family}", listed, 1, "person_spelling", "given name spelt otherwise")
    for _ in range(50):  # the spellings of common Arabic given names
        given, variants = rng.choice(list(SPELLINGS.items()))
        family = rng.choice(ARABIC_FAMILY)
        second = rng.choice(ARABIC_GIVEN)
        listed = f"{given} {second} {family.upper()}"
        add(f"{rng.choice(variants)} {second} {family}", listed, 1, "person_spelling", f"{given} spelt otherwise")
        other = rng.choice([g for g in SPELLINGS if g != given])
        add(f"{other} {second} {family}", listed, 0, "person_given_differs", "same family name, another given name")
    for _ in range(50):  # Russian names: transliteration, patronymic, order
        (given, given_en), (family, family_en) = rng.choice(RUSSIAN), rng.choice(RUSSIAN_FAMILY)
        patronymic = rng.choice(PATRONYMIC)
        listed = f"{family.upper()}, {given} {patronymic}"
        add(f"{given_en} {patronymic} {family_en}", listed, 1, "person_transliteration", "another transliteration")
        add(f"{given} {family}", listed, 1, "person_order", "patronymic left out, order turned round")
        other = rng.choice([g for g, _e in RUSSIAN if g != given])
        add(f"{other} {patronymic} {family}", listed, 0, "person_given_differs", "another given name, same family")
    for _ in range(40):  # Spanish names: two family names, a generation
        given, second = rng.sample(SPANISH_GIVEN, 2)
        first_family, mother = rng.sample(SPANISH_FAMILY, 2)
        listed = f"{first_family.upper()} {mother.upper()}, {given}"
        add(f"{given} {first_family} {mother}", listed, 1, "person_order", "OFAC order turned round")
        add(f"{given} {_typo(first_family, rng)} {mother}", listed, 1, "person_typo", "family name misspelt")
        add(f"{second} {first_family} {mother}", listed, 0, "person_given_differs", "a relative: another given name")
        add(f"{given} {first_family} {mother} II", f"{given} {first_family} {mother} III", 0, "person_generation",
            "father and son")
    for given, family in DUTCH:  # particles
        listed = f"{given} {family.upper()}"
        bare = family.split()[-1]
        add(f"{given} {family}", listed, 1, "person_particle", "particles kept")
        add(f"{family.upper()}, {given}", listed, 1, "person_order", "order turned round")
        add(f"{given} {bare}", listed, 0, "person_particle", "particles left out: another family")
    for family, given, family_variant, given_variant in EAST_ASIAN:  # romanisations and order
        listed = f"{family.upper()} {given}"
        add(f"{given_variant} {family_variant}", listed, 1, "person_transliteration", "another romanisation, order turned")
        add(f"{family} {given}", listed, 1, "person_order", "as listed")
        initials = "".join(w[0] for w in given.split())
        add(f"{family} {'.'.join(initials)}.", listed, 0, "person_initials", "initials are not the name")
        other = rng.choice([g for _f, g, _fv, _gv in EAST_ASIAN if g != given])
        add(f"{family} {other}", listed, 0, "person_given_differs", "same family name, another given name")
    for name, familiar in FAMILIAR:  # familiar forms, either side listed
        family = rng.choice(FAMILIAR_FAMILY)
        add(f"{familiar} {family}", f"{family.upper()}, {name}", 1, "person_nickname", "the given name's familiar form")
        add(f"{name} {family}", f"{family.upper()}, {familiar}", 1, "person_nickname", "listed by the familiar form")
        other = rng.choice([f for n, f in FAMILIAR if n != name])
        add(f"{other} {family}", f"{family.upper()}, {name}", 0, "person_given_differs", "another name's familiar form")
    for masculine, feminine in GENDER_FORMS:
        family = rng.choice(SPANISH_FAMILY + ARABIC_FAMILY)
        add(f"{feminine} {family}", f"{family.upper()}, {masculine}", 0, "person_gender", "the feminine form: another person")
        add(f"{masculine} {family}", f"{family.upper()}, {feminine}", 0, "person_gender", "the masculine form: another person")
    for listed_name, other in OTHER_ARABIC_NAMES:
        family = rng.choice(ARABIC_FAMILY)
        add(f"{other} {family}", f"{family.upper()}, {listed_name}", 0, "person_given_differs", "another name of like consonants")
    for listed_name, spelling in ARABIC_SPELLINGS:
        family = rng.choice(ARABIC_FAMILY)
        add(f"{spelling} {family}", f"{family.upper()}, {listed_name}", 1, "person_spelling", "another romanisation of the name")
    for _ in range(30):  # Spanish and Portuguese: a married name after "de", a compound given name shortened
        given, second, other = rng.sample(SPANISH_GIVEN, 3)
        first_family, mother, husband, stranger = rng.sample(SPANISH_FAMILY, 4)
        listed = f"{first_family.upper()} {mother.upper()}, {given} {second}"
        add(f"{first_family.upper()} DE {husband.upper()}, {given} {second}", listed, 1, "person_married_name",
            "the husband's name after 'de' for the second surname")
        add(f"{first_family.upper()} {mother.upper()} DE {husband.upper()}, {given} {second}", listed, 1,
            "person_married_name", "the husband's name after 'de' added")
        add(f"{second} {first_family} {mother}", listed, 1, "person_compound_given", "the compound given name's second part")
        add(f"{given} {second} {stranger} de {husband}", listed, 0, "person_family_differs", "another first surname")
        add(f"{other} {first_family} de {husband}", listed, 0, "person_given_differs", "another given name")
        add(f"{given} {second} {first_family} {stranger}", listed, 0, "person_family_differs", "another second surname")
    for _ in range(20):  # "bin", "ben", "ibn": one patronymic link
        own, father, other = rng.sample(ARABIC_GIVEN, 3)
        family = rng.choice(ARABIC_FAMILY)
        listed = f"{family.upper()}, {own} bin {father}"
        add(f"{own} {rng.choice(['ben', 'ibn'])} {father} {family}", listed, 1, "person_spelling", "the link written otherwise")
        add(f"{other} ben {father} {family}", listed, 0, "person_sibling", "a brother, the link written otherwise")
    return rows


def special_pairs(rng: random.Random) -> list[dict[str, str]]:
    """Number, particle, acronym and glued-legal-form cases of organisations."""
    rows: list[dict[str, str]] = []

    def add(left: str, right: str, label: int, category: str, note: str, kind: str = "organization") -> None:
        rows.append({"left": left, "right": right, "label": str(label), "type": kind, "category": category, "note": note})

    ordinals = [("1st", "First"), ("2nd", "Second"), ("3rd", "Third"), ("4th", "Fourth"), ("5th", "Fifth"), ("7th", "Seventh"),
                ("10th", "Tenth"), ("12th", "Twelfth")]
    units = ["Battalion", "Brigade", "Regiment", "Research Institute", "Design Bureau", "Shipyard", "Factory"]
    for _ in range(30):
        (digits, word), unit = rng.choice(ordinals), rng.choice(units)
        (other, _w) = rng.choice([o for o in ordinals if o[0] != digits])
        place = rng.choice(PLACES)
        add(f"{word} {unit} of {place}", f"{digits} {unit} of {place}", 1, "number", "ordinal written out")
        add(f"{other} {unit} of {place}", f"{digits} {unit} of {place}", 0, "number", "another number")
    for number, words in [(21, "Twenty-One"), (32, "Thirty-Two"), (45, "Forty-Five"), (99, "Ninety-Nine"), (7, "Seven")]:
        brand = rng.choice(FILLER_WORDS)
        add(f"{brand} {words} Trading", f"{brand} {number} Trading", 1, "number", "number in words")
        add(f"{brand} {number + 1} Trading", f"{brand} {number} Trading", 0, "number", "the next number")
    forms = [("AG", "AG"), ("Ltd", "Ltd."), ("GmbH", "GmbH"), ("LLC", "LLC"), ("Inc", "Inc.")]
    for _ in range(25):
        brand, (glued, spaced) = rng.choice(FILLER_WORDS), rng.choice(forms)
        add(f"{brand}{glued}", f"{brand} {spaced}", 1, "glued_legal_form", "legal form written onto the name")
        other = rng.choice([f for f in FILLER_WORDS if f != brand])
        add(f"{other}{glued}", f"{brand} {spaced}", 0, "glued_legal_form", "another name, same form")
    long_names = ["National University of Defense Technology", "China Academy of Engineering Physics",
                  "Beijing Institute of Technology", "Harbin Institute of Technology", "Northwestern Polytechnical University",
                  "China Electronics Technology Group Corporation", "Islamic Revolutionary Guard Corps",
                  "Shanghai Institute of Optics and Fine Mechanics", "Sichuan Aerospace Industry Corporation",
                  "Beijing Computational Science Research Center", "China State Shipbuilding Corporation",
                  "Aviation Industry Corporation of China", "Korea Mining Development Trading Corporation",
                  "Defense Industries Organization", "Aerospace Industries Organization"]
    stops = {"of", "and", "the", "for"}
    for name in long_names:
        acronym = "".join(w[0] for w in name.split() if w.lower() not in stops).upper()
        add(acronym, name, 1, "acronym", "initials of the significant words")
        shuffled = "".join(rng.sample(acronym, len(acronym)))
        if shuffled != acronym:
            add(shuffled, name, 0, "acronym", "the same letters in another order")
    for given, family in DUTCH[:5]:
        add(f"{given} {family}", f"{given} {family}", 1, "particle", "particles kept", "person")
        add(f"{given} {family.split()[-1]}", f"{given} {family}", 0, "particle", "particles left out", "person")
    rows.extend(cyrillic_pairs(random.Random(SEED + 4)))
    for wade_giles, pinyin in WADE_GILES:
        add(wade_giles, pinyin, 1, "wade_giles", "Wade-Giles against pinyin", "person")
    for wade_giles, pinyin in WADE_GILES_OTHERS:
        add(wade_giles, pinyin, 0, "wade_giles", "another person of the family name", "person")
    for _ in range(20):  # a brand met without its listed place and business words, or with a region added
        brand, place, business = rng.choice(FILLER_WORDS), rng.choice(PLACES), rng.choice(BUSINESS)
        listed = f"{place} {brand} {business} Co., Ltd."
        add(brand, listed, 1, "brand", "the brand alone")
        add(f"{brand} {rng.choice(REGIONS)}", f"{brand} {business}", 1, "brand", "a region added to the brand")
        other = rng.choice([b for b in FILLER_WORDS if b != brand])
        add(f"{other} {rng.choice(REGIONS)}", listed, 0, "brand", "another brand of the place and business")
    return rows


# People known by both romanisations of Chinese (hand-written from the historical record, not from
# the matcher's tables): Wade-Giles as older and Taiwanese sources write it, without apostrophes
WADE_GILES = [
    ("Chiang Ching-kuo", "Jiang Jingguo"), ("Hsieh Chang-ting", "Xie Changting"), ("Lien Chan", "Lian Zhan"),
    ("Wang Chin-ping", "Wang Jinping"), ("Su Tseng-chang", "Su Zhenchang"), ("Lai Ching-te", "Lai Qingde"),
    ("Tsai Ing-wen", "Cai Yingwen"), ("Chou En-lai", "Zhou Enlai"), ("Mao Tse-tung", "Mao Zedong"),
    ("Teng Hsiao-ping", "Deng Xiaoping"), ("Liu Shao-chi", "Liu Shaoqi"), ("Lin Piao", "Lin Biao"),
    ("Hua Kuo-feng", "Hua Guofeng"), ("Chao Tzu-yang", "Zhao Ziyang"), ("Hu Yao-pang", "Hu Yaobang"),
    ("Li Hsien-nien", "Li Xiannian"), ("Chiang Ching", "Jiang Qing"), ("Wang Hung-wen", "Wang Hongwen"),
    ("Chang Chun-chiao", "Zhang Chunqiao"), ("Tsao Hsueh-chin", "Cao Xueqin"), ("Lu Hsun", "Lu Xun"),
    ("Hsu Chih-mo", "Xu Zhimo"), ("Chang Hsueh-liang", "Zhang Xueliang"), ("Yen Hsi-shan", "Yan Xishan"),
    ("Feng Yu-hsiang", "Feng Yuxiang"), ("Pai Chung-hsi", "Bai Chongxi"), ("Tai Li", "Dai Li"),
    ("Ho Ying-chin", "He Yingqin"), ("Peng Teh-huai", "Peng Dehuai"), ("Liu Po-cheng", "Liu Bocheng"),
    ("Yeh Chien-ying", "Ye Jianying"), ("Nieh Jung-chen", "Nie Rongzhen"), ("Hsu Hsiang-chien", "Xu Xiangqian"),
    ("Lo Jui-ching", "Luo Ruiqing"), ("Kuo Mo-jo", "Guo Moruo"), ("Chu Teh", "Zhu De"), ("Hu Shih", "Hu Shi"),
]
WADE_GILES_OTHERS = [
    ("Chang Chun-chiao", "Zhang Xueliang"), ("Chou En-lai", "Zhou Yang"), ("Liu Shao-chi", "Liu Bocheng"),
    ("Hsu Chih-mo", "Xu Xiangqian"), ("Wang Hung-wen", "Wang Jinping"), ("Chiang Ching", "Jiang Jingguo"),
    ("Teng Hsiao-ping", "Deng Yingchao"), ("Mao Tse-tung", "Mao Anying"), ("Lin Piao", "Lin Liguo"),
    ("Hu Yao-pang", "Hu Jintao"), ("Li Hsien-nien", "Li Peng"), ("Yeh Chien-ying", "Ye Qun"),
    ("Chang Hsueh-liang", "Zhang Zuolin"), ("Peng Teh-huai", "Peng Zhen"), ("Chao Tzu-yang", "Zhao Leji"),
    ("Tsai Ing-wen", "Cai Qi"), ("Lai Ching-te", "Lai Changxing"), ("Su Tseng-chang", "Su Rong"),
]


# Russian names in Cyrillic, romanised here as English, French, German and passport (ICAO) sources
# write them: the English form listed, another system's form screened. The tables are this
# script's own, written from the systems' published rules, not the matcher's levelling.
CYRILLIC_NAMES = [
    "Юрий Ушаков", "Игорь Шувалов", "Сергей Чемезов", "Вячеслав Володин", "Геннадий Тимченко", "Евгений Пригожин",
    "Дмитрий Рогозин", "Алексей Навальный", "Юрий Чайка", "Наталья Поклонская", "Рамзан Кадыров", "Аркадий Ротенберг",
    "Олег Дерипаска", "Михаил Фридман", "Пётр Авен", "Андрей Костин", "Виктор Вексельберг", "Татьяна Голикова",
    "Валентина Матвиенко", "Сергей Шойгу", "Георгий Жуков", "Максим Орешкин", "Людмила Нарусова", "Николай Патрушев",
    "Александр Бортников", "Владимир Якунин", "Эльвира Набиуллина", "Борис Ковальчук", "Евгений Зиничев",
    "Жанна Щукина", "Захар Цветков", "Ксения Чечёткина", "Фёдор Емельяненко", "Ярослав Ящук", "Юлия Самойлова",
]
CYRILLIC_NEAR = {  # another person: a surname of the same stem with another ending or suffix
    "Ушаков": "Ушакин", "Володин": "Володарский", "Рогозин": "Розин", "Кадыров": "Кадышев", "Костин": "Костенко",
    "Жуков": "Жуковский", "Зиничев": "Зинченко", "Цветков": "Цветаев", "Емельяненко": "Емельянов",
    "Голикова": "Голованова", "Набиуллина": "Нуриева", "Орешкин": "Орехов", "Навальный": "Навроцкий",
}
_ROMANISATIONS: dict[str, dict[str, str]] = {
    "English": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
        "a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
        "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True)),
    "French": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
        "a", "b", "v", "g", "d", "e", "io", "j", "z", "i", "ï", "k", "l", "m", "n", "o", "p", "r", "s", "t", "ou", "f", "kh",
        "ts", "tch", "ch", "chtch", "", "y", "", "e", "iou", "ia"], strict=True)),
    "German": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
        "a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "ch",
        "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju", "ja"], strict=True)),
    "ICAO": dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
        "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"], strict=True)),
}
_VOWELS_RU = set("аеёиоуыэюяьъ")


def romanise(word: str, system: str) -> str:
    """A Cyrillic name word in a romanisation system: its letter table, with the systems' rules
    for е (ye, ie, je at the start and after a vowel), the French "gu" and "ss", and -ий / -ый."""
    table, low, out = _ROMANISATIONS[system], word.lower(), []
    for at, letter in enumerate(low):
        before = low[at - 1] if at else ""
        after = low[at + 1] if at + 1 < len(low) else ""
        sound = table[letter]
        if letter == "е" and (not before or before in _VOWELS_RU):
            sound = {"English": "ye", "French": "ie", "German": "je", "ICAO": "e"}[system]
        elif letter == "г" and system == "French" and after in "еиэ":
            sound = "gu"
        elif letter == "с" and system in ("French", "German") and before in _VOWELS_RU and after in _VOWELS_RU:
            sound = "ss"
        elif letter == "й" and before in "иы" and not after:
            sound = {"English": "y", "French": "", "German": "j", "ICAO": "i"}[system]
        out.append(sound)
    text = "".join(out)
    return text[:1].upper() + text[1:]


def cyrillic_pairs(rng: random.Random) -> list[dict[str, str]]:
    """Russian names romanised by one system against the English form (positives), and against
    another person's name in English: the same given name with a surname of the same stem, or
    the same surname with another given name (negatives)."""
    rows: list[dict[str, str]] = []

    def add(left: str, right: str, label: int, note: str) -> None:
        rows.append({"left": left, "right": right, "label": str(label), "type": "person",
                     "category": "cyrillic_romanisation", "note": note})

    def written(name: str, system: str) -> str:
        return " ".join(romanise(word, system) for word in name.split())

    given_names = [name.split()[0] for name in CYRILLIC_NAMES]
    for name in CYRILLIC_NAMES:
        listed = written(name, "English")
        for system in ("French", "German", "ICAO"):
            query = written(name, system)
            if query != listed:
                add(query, listed, 1, f"{system} romanisation")
        given, family = name.split()
        system = rng.choice(("French", "German", "ICAO"))
        if family in CYRILLIC_NEAR:
            add(written(f"{given} {CYRILLIC_NEAR[family]}", system), listed, 0, f"another surname, {system}")
        other = rng.choice([g for g in given_names if g != given and g[-1] in "ая" if given[-1] in "ая"] or
                           [g for g in given_names if g != given and g[-1] not in "ая"])
        add(written(f"{other} {family}", system), listed, 0, f"another given name, {system}")
    return rows


EL_ALIASES = HERE / "entity_list_aliases.csv"
RU_BRANDS = ["Almaz", "Kometa", "Vympel", "Granit", "Kristall", "Zvezda", "Impuls", "Raduga", "Strela", "Elektron",
             "Kvant", "Polyus", "Sokol", "Rubin", "Topaz", "Okean", "Svyaz", "Avangard", "Mayak", "Istok", "Pulsar",
             "Luch", "Meteor", "Krasnoe Znamya", "Progress", "Salyut", "Volna", "Tsiklon", "Argon", "Sapfir"]
CN_BRANDS = ["Huaxing", "Zhongke", "Tianhe", "Hengtong", "Jinlong", "Ruixin", "Haiguang", "Xinhang", "Dongfang",
             "Changfeng", "Weixing", "Lianxin", "Kaiyuan", "Shenghong", "Taiji", "Yuanwang", "Hongda", "Jiuzhou",
             "Guoxin", "Anke"]
CN_CITIES = ["Shenzhen", "Beijing", "Shanghai", "Chengdu", "Wuhan", "Xian", "Nanjing", "Hefei", "Changsha", "Harbin"]
RU_CITIES = ["Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Tula", "Omsk", "Perm"]


def entity_list_aliases(rng: random.Random) -> list[dict[str, str]]:
    """Entity List style entries (the primary name as the list writes it, in English) with the
    aliases such entries carry: transliterations of the Russian or Chinese name, the legal form
    in the other language or as its initials, acronyms of the full name, a subsidiary named with
    its city."""
    rows: list[dict[str, str]] = []

    def add(entry: str, alias: str, category: str) -> None:
        rows.append({"entry": entry, "alias": alias, "category": category})

    for brand in RU_BRANDS:
        city = rng.choice(RU_CITIES)
        pattern = rng.randrange(5)
        if pattern == 0:
            entry = f"Joint Stock Company Scientific Research Institute {brand}"
            add(entry, f"Aktsionernoe Obshchestvo Nauchno-Issledovatelskii Institut {brand}", "ru_transliteration")
            add(entry, f"AO NII {brand}", "ru_initials")
        elif pattern == 1:
            entry = f"Design Bureau {brand}, Joint Stock Company"
            add(entry, f"AO Konstruktorskoe Byuro {brand}", "ru_transliteration")
            add(entry, f"KB {brand} JSC", "ru_initials")
        elif pattern == 2:
            entry = f"{brand} Machine Building Plant"
            add(entry, f"Mashinostroitelnyi Zavod {brand}", "ru_transliteration")
            add(entry, f"OAO {brand} Machine Building Plant", "ru_legal_form")
        elif pattern == 3:
            entry = f"Limited Liability Company {brand} {city}"
            add(entry, f"Obshchestvo s Ogranichennoi Otvetstvennostyu {brand} {city}", "ru_transliteration")
            add(entry, f"OOO {brand}", "ru_legal_form")
        else:
            entry = f"{city} Scientific Production Association {brand}"
            add(entry, f"Nauchno-Proizvodstvennoe Obedinenie {brand}", "ru_transliteration")
            add(entry, f"NPO {brand}", "ru_initials")
    for brand in CN_BRANDS:
        city = rng.choice(CN_CITIES)
        pattern = rng.randrange(4)
        if pattern == 0:
            entry = f"{city} {brand} Technology Co., Ltd."
            add(entry, f"{city} {brand} Keji Youxian Gongsi", "zh_transliteration")
            add(entry, f"{brand} Technology", "zh_short")
        elif pattern == 1:
            entry = f"{city} {brand} Research Institute"
            add(entry, f"{city} {brand} Yanjiusuo", "zh_transliteration")
            add(entry, f"{city} {brand} Research Inst.", "zh_short")
        elif pattern == 2:
            entry = f"{brand} Electronics Group Co., Ltd."
            add(entry, f"{brand} Dianzi Jituan Youxian Gongsi", "zh_transliteration")
            add(entry, f"{city} {brand} Electronics Co., Ltd.", "subsidiary_with_city")
        else:
            entry = f"{brand} Information Technology Co., Ltd."
            add(entry, f"{brand} Xinxi Jishu Youxian Gongsi", "zh_transliteration")
            add(entry, "".join(w[0] for w in f"{brand} Information Technology".split()).upper(), "acronym")
    return rows


def write_pairs(path: Path, rows: list[dict[str, str]]) -> None:
    seen: set[tuple[str, str]] = set()
    unique = [r for r in rows if (r["left"], r["right"]) not in seen and not seen.add((r["left"], r["right"]))]  # type: ignore[func-returns-value]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=PAIR_FIELDS)
        writer.writeheader()
        writer.writerows(unique)
    positives_count = sum(1 for r in unique if r["label"] == "1")
    print(f"wrote {path.name}: {len(unique)} pairs, {positives_count} positives, {len(unique) - positives_count} negatives")


def main() -> None:
    write_pairs(PERSONS, person_pairs(random.Random(SEED + 1)))
    write_pairs(SPECIAL, special_pairs(random.Random(SEED + 2)))
    aliases = entity_list_aliases(random.Random(SEED + 3))
    with EL_ALIASES.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["entry", "alias", "category"])
        writer.writeheader()
        writer.writerows(aliases)
    print(f"wrote {EL_ALIASES.name}: {len(aliases)} aliases of {len({r['entry'] for r in aliases})} entries")
    rng = random.Random(SEED)
    _rules, actions = bundled.load()
    parties = listed_on(actions, dt.date(2026, 11, 1))
    rows: list[dict[str, str]] = []
    with (HERE / "handwritten.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append({**row, "source": "handwritten"})
    for state in parties:
        aliases = [a.name for a in state.party.aliases]
        for query, category, note in positives(state.party.name, aliases, rng):
            rows.append({"query": query, "expected": state.party.name, "category": category, "note": note, "source": "generated"})
    for query, note in negatives([s.party.name for s in parties], rng):
        rows.append({"query": query, "expected": "", "category": "negative", "note": note, "source": "generated"})
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in rows:
        key = (row["query"], row["expected"])
        if key not in seen and row["query"].strip():
            seen.add(key)
            unique.append(row)
    with OUTPUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["query", "expected", "category", "note", "source"])
        writer.writeheader()
        writer.writerows(unique)
    positives_count = sum(1 for r in unique if r["expected"])
    print(f"wrote {OUTPUT.name}: {len(unique)} rows, {positives_count} positives, {len(unique) - positives_count} negatives")


if __name__ == "__main__":
    main()
