"""OFAC's Specially Designated Nationals list in its legacy CSV files.

``sdn.csv`` (primary records), with ``alt.csv`` (aliases), ``add.csv`` (addresses) and
``sdn_comments.csv`` (remarks too long for sdn.csv) beside it. None has a header; ``-0-`` means
empty. OFAC's files give no listing dates, so entries are dated by the import.

A companion file that is missing would silently clear the field it fills on every entry, so it
is an error unless the import says it goes ``without`` it; the field is then carried over from
the store (``Snapshot.kept_fields``). alt.csv and add.csv rows for entries sdn.csv does not hold
mean sdn.csv was cut off (OFAC publishes the files together); sdn_comments.csv is not used for
that check, as OFAC's own copies carry comments for entries published later.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.importers.base import (
    BadRow,
    Entry,
    ImportFailed,
    ProgressCallback,
    Snapshot,
    check_name,
    clean_name,
    malformed_csv,
    nul_problem,
    require_regular_file,
    sniff_html,
)
from entitylist.importers.limits import import_limits
from entitylist.model import Address, Alias, AliasKind, Party
from entitylist.reference import vocabulary

SIBLINGS = ("alt.csv", "add.csv", "sdn_comments.csv")
# --without KEY: the companion file, and the Party fields it fills (carried over when left out)
COMPANIONS: dict[str, tuple[str, frozenset[str]]] = {
    "alt": ("alt.csv", frozenset({"aliases"})),
    "add": ("add.csv", frozenset({"addresses", "country"})),
    "comments": ("sdn_comments.csv", frozenset({"remarks"})),
}
_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "company"}
_ALIAS_KINDS = {"aka": AliasKind.AKA, "fka": AliasKind.FKA, "nka": AliasKind.AKA}


def _value(text: str) -> str:
    value = clean_name(text)
    return "" if value == "-0-" else value


def _rows(
    path: Path, width: int, progress: ProgressCallback | None = None, *, companion: bool = True
) -> Iterator[tuple[str, list[str]]]:
    """A headerless OFAC file's rows; a companion's broken row fails the import (sdn.csv's are bad rows)."""
    sniff_html(path)
    with path.open("rb") as raw:
        # (strictly: a byte that is not UTF-8 is a file in another encoding, whose names a
        # replacement character would quietly rename, as the CSL importer refuses it too)
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        reader = csv.reader(text, strict=True)
        line = 0  # where the last record read ends
        try:
            for row in reader:
                line = reader.line_num
                if not row or (len(row) == 1 and not row[0].strip("\x1a \r\n")):
                    continue  # blank lines and the DOS end-of-file byte OFAC files end with
                location = f"{path.name}:{reader.line_num}"
                if len(row) < width:
                    raise ImportFailed(
                        f"{location}: expected {width} columns, found {len(row)}; is this OFAC's {path.name}?"
                    )
                if companion and (problem := nul_problem(row)):
                    raise ImportFailed(f"{location}: {problem}")
                if progress:
                    progress(raw.tell())
                yield location, row
        except csv.Error as error:
            raise ImportFailed(malformed_csv(path.name, line + 1, error)) from None
        except UnicodeDecodeError as error:
            raise ImportFailed(
                f"{path.name}: near line {reader.line_num + 1}: not UTF-8 text ({error.reason}; saved in another encoding?)"
            ) from None


def _country(name: str) -> str | None:
    try:
        return vocabulary().country_code(name) if name else None
    except InvalidInput:
        return None


def parse_without(text: str | None) -> frozenset[str]:
    """``--without alt,add,comments`` as a set of companion keys."""
    keys = frozenset(part.strip().lower() for part in (text or "").split(",") if part.strip())
    unknown = sorted(keys - set(COMPANIONS))
    if unknown:
        raise InvalidInput(f"--without: unknown companion {', '.join(unknown)} (known: {', '.join(COMPANIONS)})")
    return keys


def _companion(folder: Path, key: str, without: frozenset[str]) -> Path | None:
    """The companion file to read, None when left out on purpose; missing otherwise is an error."""
    name, fields = COMPANIONS[key]
    if key in without:
        return None
    if not (folder / name).exists():
        raise ImportFailed(
            f"{folder / name}: missing; without it every entry would lose its {' and '.join(sorted(fields - {'country'}))} "
            f"(put OFAC's {name} beside sdn.csv, or pass --without {key} to keep what the store holds)"
        )
    return folder / name


def read(
    path: Path,
    wanted: set[str] | None = None,
    progress: ProgressCallback | None = None,
    *,
    without: frozenset[str] = frozenset(),
) -> Snapshot:
    """Read ``sdn.csv`` (or a folder holding it) and its companion files (but those ``without``)."""
    main = path / "sdn.csv" if path.is_dir() else path
    if not main.exists():
        raise ImportFailed(f"{main}: no such file")
    require_regular_file(main)
    if wanted is not None and wanted != {"SDN"}:
        raise ImportFailed(f"the SDN files hold only the SDN list, not {', '.join(sorted(wanted - {'SDN'}))}")
    folder = main.parent
    next(_rows(main, 12, companion=False), None)  # is this sdn.csv at all? say so before asking for companions
    snapshot = Snapshot(sources={"SDN"})
    for key in without:
        snapshot.kept_fields |= COMPANIONS[key][1]
    referenced: set[str] = set()  # entry numbers alt.csv and add.csv speak of
    aliases: dict[str, list[Alias]] = {}
    if alt := _companion(folder, "alt", without):
        for _loc, row in _rows(alt, 4):
            referenced.add(row[0].strip())
            name = _value(row[3])
            if name and not check_name(name):
                kind = _ALIAS_KINDS.get(_value(row[2]).lower(), AliasKind.AKA)
                aliases.setdefault(row[0].strip(), []).append(Alias(name=name, kind=kind))
    addresses: dict[str, list[Address]] = {}
    if add := _companion(folder, "add", without):
        for _loc, row in _rows(add, 5):
            referenced.add(row[0].strip())
            street, city, country_name = _value(row[2]), _value(row[3]), _value(row[4])
            country = _country(country_name)
            if country is None and country_name:
                city = ", ".join(p for p in (city, country_name) if p)
            if street or city or country:
                addresses.setdefault(row[0].strip(), []).append(
                    Address(street=street or None, city=city or None, country=country)
                )
    comments: dict[str, str] = {}
    if comments_file := _companion(folder, "comments", without):
        for _loc, row in _rows(comments_file, 2):
            comments[row[0].strip()] = _value(row[1])
    present: set[str] = set()
    seen: set[str] = set()
    for location, row in _rows(main, 12, progress, companion=False):
        number = row[0].strip()
        present.add(number)
        name = _value(row[1])
        if problem := nul_problem(row):
            snapshot.bad_rows.append(BadRow(location, problem))
            continue
        if not number.isdigit():
            snapshot.bad_rows.append(BadRow(location, f"entry number {number!r} is not a number"))
            continue
        if number in seen:
            snapshot.bad_rows.append(BadRow(location, f"entry number {number} appears twice"))
            continue
        if problem := check_name(name):
            snapshot.bad_rows.append(BadRow(location, problem))
            continue
        seen.add(number)
        remarks = " ".join(p for p in (_value(row[11]), comments.get(number, "")) if p)
        entry_addresses = tuple(dict.fromkeys(addresses.get(number, [])))
        programs = tuple(p.strip(" []") for p in _value(row[3]).split("] [") if p.strip(" []"))
        try:
            party = Party(
                id=f"sdn-{number}",
                name=name,
                type=_TYPES.get(_value(row[2]).lower(), "company"),
                country=next((a.country for a in entry_addresses if a.country), None),
                source="SDN",
                aliases=tuple(dict.fromkeys(a for a in aliases.get(number, []) if a.name != name)),
                addresses=entry_addresses,
                programs=programs,
                title=_value(row[4]) or None,
                remarks=remarks or None,
            )
        except (ValidationError, InvalidInput) as error:
            snapshot.bad_rows.append(BadRow(location, str(error).splitlines()[0]))
            continue
        snapshot.entries.append(Entry(party, source_key=f"sdn:{number}"))
    snapshot.cut_off = _cut_off(main, present, referenced)
    return snapshot


def _cut_off(main: Path, present: set[str], referenced: set[str]) -> str | None:
    """Whether alt.csv / add.csv speak of entries sdn.csv lacks, as a cut-off sdn.csv would."""
    numbers = [int(n) for n in present if n.isdigit()]
    orphans = sorted(int(n) for n in referenced - present if n.isdigit())
    if not orphans:
        return None
    last = max(numbers, default=0)
    beyond = [n for n in orphans if n > last]
    if not beyond and len(orphans) <= import_limits().ofac_companion_orphans:
        return None
    if not numbers:
        return f"{main}: holds no entries, but alt.csv / add.csv speak of {len(orphans)}: sdn.csv looks cut off"
    return (
        f"{main}: alt.csv / add.csv speak of {len(orphans)} {'entry' if len(orphans) == 1 else 'entries'} sdn.csv lacks "
        f"({len(beyond)} numbered beyond its last entry, {last}; e.g. {(beyond or orphans)[0]}): sdn.csv looks cut off"
    )
