"""OFAC's Specially Designated Nationals list in its legacy CSV files.

``sdn.csv`` (primary records), with ``alt.csv`` (aliases), ``add.csv`` (addresses) and
``sdn_comments.csv`` (remarks too long for sdn.csv) beside it when present. None has a header;
``-0-`` means empty. OFAC's files give no listing dates, so entries are dated by the import.
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
    sniff_html,
)
from entitylist.model import Address, Alias, AliasKind, Party
from entitylist.reference import vocabulary

SIBLINGS = ("alt.csv", "add.csv", "sdn_comments.csv")
_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "company"}
_ALIAS_KINDS = {"aka": AliasKind.AKA, "fka": AliasKind.FKA, "nka": AliasKind.AKA}


def _value(text: str) -> str:
    value = clean_name(text)
    return "" if value == "-0-" else value


def _rows(path: Path, width: int, progress: ProgressCallback | None = None) -> Iterator[tuple[str, list[str]]]:
    sniff_html(path)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text, strict=True)
        try:
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip("\x1a \r\n")):
                    continue  # blank lines and the DOS end-of-file byte OFAC files end with
                location = f"{path.name}:{reader.line_num}"
                if len(row) < width:
                    raise ImportFailed(
                        f"{location}: expected {width} columns, found {len(row)}; is this OFAC's {path.name}?"
                    )
                if progress:
                    progress(raw.tell())
                yield location, row
        except csv.Error as error:
            raise ImportFailed(f"{path.name}:{reader.line_num}: malformed CSV ({error}); the file may be truncated") from None


def _country(name: str) -> str | None:
    try:
        return vocabulary().country_code(name) if name else None
    except InvalidInput:
        return None


def read(path: Path, wanted: set[str] | None = None, progress: ProgressCallback | None = None) -> Snapshot:
    """Read ``sdn.csv`` (or a folder holding it) and its sibling files."""
    main = path / "sdn.csv" if path.is_dir() else path
    if not main.exists():
        raise ImportFailed(f"{main}: no such file")
    if wanted is not None and wanted != {"SDN"}:
        raise ImportFailed(f"the SDN files hold only the SDN list, not {', '.join(sorted(wanted - {'SDN'}))}")
    folder = main.parent
    snapshot = Snapshot(sources={"SDN"})
    aliases: dict[str, list[Alias]] = {}
    if (folder / "alt.csv").exists():
        for _loc, row in _rows(folder / "alt.csv", 4):
            name = _value(row[3])
            if name and not check_name(name):
                kind = _ALIAS_KINDS.get(_value(row[2]).lower(), AliasKind.AKA)
                aliases.setdefault(row[0].strip(), []).append(Alias(name=name, kind=kind))
    addresses: dict[str, list[Address]] = {}
    if (folder / "add.csv").exists():
        for _loc, row in _rows(folder / "add.csv", 5):
            street, city, country_name = _value(row[2]), _value(row[3]), _value(row[4])
            country = _country(country_name)
            if country is None and country_name:
                city = ", ".join(p for p in (city, country_name) if p)
            if street or city or country:
                addresses.setdefault(row[0].strip(), []).append(
                    Address(street=street or None, city=city or None, country=country)
                )
    comments: dict[str, str] = {}
    if (folder / "sdn_comments.csv").exists():
        for _loc, row in _rows(folder / "sdn_comments.csv", 2):
            comments[row[0].strip()] = _value(row[1])
    seen: set[str] = set()
    for location, row in _rows(main, 12, progress):
        number = row[0].strip()
        name = _value(row[1])
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
    return snapshot
