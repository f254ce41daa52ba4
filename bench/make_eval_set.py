"""Build the labelled screening evaluation set, ``bench/eval/screening_eval.csv``.

    python bench/make_eval_set.py

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


def main() -> None:
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
