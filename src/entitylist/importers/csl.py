"""trade.gov's Consolidated Screening List (CSL), CSV and JSON downloads.

The CSL merges the Commerce, State and Treasury lists into one file of current entries. Its quirks
(described in the project's facts sheet) are handled here: ``"; "``-joined alias and address
lists with ``and`` leftovers, addresses glued with ``"; and"`` that share one trailing country
code, ``?`` in place of apostrophes in BIS rows, footnote numbers flattened into the license text,
and the "and any successor, sub-unit, or subsidiary thereof" suffix of State rows.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.ids import party_id, unique_id
from entitylist.importers.base import (
    BadRow,
    Entry,
    ImportFailed,
    ProgressCallback,
    Snapshot,
    check_name,
    clean_name,
    json_kind,
    load_json,
    malformed_csv,
    nul_problem,
    parse_iso_date,
    require_regular_file,
    sniff_html,
    texts_in,
)
from entitylist.lookup import name_key
from entitylist.model import Address, Alias, AliasKind, Party
from entitylist.reference import vocabulary

CSV_COLUMNS = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,"
    "end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
    "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
    "dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
).split(",")
REQUIRED_COLUMNS = ("source", "name")
SUCCESSOR_SUFFIX = re.compile(r";?\s*and any successor,? sub-unit,? or subsidiary thereof\.?\s*$", re.IGNORECASE)
SUCCESSOR_NOTE = "The listing covers any successor, sub-unit, or subsidiary."
_SOURCE_CODE = re.compile(r"\(([^()]+)\)\s*-\s*[^()]*$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_FOOTNOTE_AFTER_CITATION = re.compile(r"\),(\d{1,2})\s")
_FOOTNOTE_WORDS = re.compile(r"footnote\s+(\d{1,2})", re.IGNORECASE)
_OFAC_SOURCES = frozenset({"SDN", "SSI", "FSE", "PLC", "CAP", "CMIC", "MBS"})
_MAX_FIELD = 10 * 1024 * 1024
_ABBREVIATION_END = re.compile(r"\b(co|ltd|inc|corp|bhd|s\.a|l\.l\.c|jsc|llc)\.$", re.IGNORECASE)


def source_code(source_column: str) -> str:
    """The list code in a CSL ``source`` column, e.g. 'Entity List (EL) - Bureau of ...' -> 'EL'."""
    match = _SOURCE_CODE.search(source_column)
    if match:
        code = match.group(1).strip().upper().removeprefix("NS-").removesuffix(" LIST").strip()
        try:
            return vocabulary().source_code(code)
        except InvalidInput:
            pass
    return vocabulary().source_code(source_column)


def split_list(text: str | None) -> list[str]:
    """A ``"; "``-joined list, with the rule's 'and' and final period left over removed."""
    items = []
    raws = (text or "").split(";")
    for position, raw in enumerate(raws):
        item = clean_name(raw)
        leftover = item.lower().startswith("and ") or position == len(raws) - 1
        if item.lower().startswith("and "):
            item = item[4:].strip()
        if leftover and item.endswith(".") and not _ABBREVIATION_END.search(item):
            item = item[:-1].rstrip()
        if item:
            items.append(item)
    return items


def repair_bis_text(text: str) -> str:
    """BIS rows have had apostrophes and non-ASCII letters replaced by '?'."""
    if "?" not in text:
        return text
    return " ".join(text.replace("?s ", "'s ").replace("?", " ").split())


def detect_footnotes(*texts: str | None) -> tuple[int, ...]:
    found: set[int] = set()
    for text in texts:
        if text:
            found.update(int(n) for n in _FOOTNOTE_AFTER_CITATION.findall(text + " "))
            found.update(int(n) for n in _FOOTNOTE_WORDS.findall(text))
    return tuple(sorted(found))


def parse_csv_addresses(text: str | None) -> list[Address]:
    """CSV addresses: ``"; "``-separated, each ending with an ISO country code where known.

    Pieces glued on with ``"; and"`` belong to one rule address and share its trailing code.
    """
    groups: list[list[str]] = []
    for raw in (text or "").split(";"):
        piece = clean_name(raw)
        if not piece:
            continue
        if piece.lower().startswith("and ") and groups:
            groups[-1].append(piece[4:].strip())
        else:
            groups.append([piece])
    addresses: list[Address] = []
    for group in groups:
        parts = [p.strip() for p in group[-1].split(",")]
        country = parts[-1] if _COUNTRY_CODE.match(parts[-1]) else None
        for position, piece in enumerate(group):
            street = piece
            if country and position == len(group) - 1:
                street = ", ".join(parts[:-1])
            addresses.append(_address(street=street or None, country=country))
    return addresses


def _address(**fields: str | None) -> Address:
    try:
        return Address(**fields)
    except (ValidationError, InvalidInput):
        country = fields.pop("country", None)
        street = ", ".join(p for p in (fields.get("street"), country) if p)
        return Address(**{**fields, "street": street or None})


def _json_addresses(value: Any) -> list[Address]:
    if isinstance(value, str):
        return parse_csv_addresses(value)
    addresses = []
    for item in value or []:
        if not isinstance(item, Mapping):
            continue
        fields = {
            "street": clean_name(item.get("address")) or None,
            "city": clean_name(item.get("city")) or None,
            "region": clean_name(item.get("state") or item.get("state_or_province")) or None,
            "postal_code": clean_name(item.get("postal_code")) or None,
            "country": clean_name(item.get("country")) or None,
        }
        if any(fields.values()):
            addresses.append(_address(**fields))
    return addresses


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [clean_name(str(v)) for v in value if v is not None and clean_name(str(v))]
    return split_list(str(value))


def _ids(value: Any) -> list[str]:
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, Mapping):
                parts = [str(item.get(k) or "").strip() for k in ("type", "number", "country")]
                text = ", ".join(p for p in parts if p)
                if text:
                    out.append(text)
            elif item:
                out.append(clean_name(str(item)))
        return out
    return [clean_name(p) for p in str(value or "").split(";") if clean_name(p)]


_TEXT_FIELDS = (
    "id", "_id", "source", "entity_number", "type", "name", "title", "federal_register_notice", "start_date",
    "end_date", "standard_order", "license_requirement", "license_policy", "call_sign", "vessel_type",
    "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "source_information_url",
)  # fmt: skip
_NUMBER_OK = frozenset({"id", "_id", "entity_number", "gross_tonnage", "gross_registered_tonnage"})
_LIST_FIELDS = ("alt_names", "programs", "nationalities", "citizenships", "dates_of_birth", "places_of_birth")
_OBJECT_LIST_FIELDS = ("addresses", "ids")


def _is_text(value: object, number_ok: bool = False) -> bool:
    if value is None or isinstance(value, str):
        return True
    return number_ok and isinstance(value, (int, float)) and not isinstance(value, bool)


def record_problem(record: object) -> str | None:
    """Why a CSL JSON record does not have the shape trade.gov publishes (None when it does).

    Text fields hold text (or null); list fields a list of texts (or "; "-joined text);
    ``addresses`` and ``ids`` a list of objects whose fields are texts.
    """
    if not isinstance(record, dict):
        return f"expected an object, found {json_kind(record)}"
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if not _is_text(value, key in _NUMBER_OK):
            return f"{key}: expected text, found {json_kind(value)}"
    for key in _LIST_FIELDS:
        value = record.get(key)
        if isinstance(value, list):
            wrong = [v for v in value if not isinstance(v, str)]
            if wrong:
                return f"{key}: expected a list of texts, found {json_kind(wrong[0])} in it"
        elif not _is_text(value):
            return f"{key}: expected a list of texts, found {json_kind(value)}"
    for key in _OBJECT_LIST_FIELDS:
        value = record.get(key)
        if value is None or isinstance(value, str):
            continue
        if not isinstance(value, list):
            return f"{key}: expected a list of objects, found {json_kind(value)}"
        for position, item in enumerate(value):
            if isinstance(item, str) and key == "ids":
                continue
            if not isinstance(item, dict):
                return f"{key}[{position}]: expected an object, found {json_kind(item)}"
            for field, inner in item.items():
                if not _is_text(inner, number_ok=True):
                    return f"{key}[{position}].{field}: expected text, found {json_kind(inner)}"
    # a "\u0000" in a value, as a NUL byte in a CSV row: a corrupt file (dropped, it renamed the entry)
    return nul_problem(texts_in(record))


class RowError(ValueError):
    """A problem with one row."""


def row_to_entry(row: Mapping[str, Any], taken: set[str]) -> Entry:
    """One CSL record (CSV row or JSON object) as an entry."""
    try:
        code = source_code(str(row.get("source") or ""))
    except InvalidInput as error:
        raise RowError(str(error)) from None
    bis = code in {"EL", "DPL", "UVL", "MEU"}
    name = clean_name(row.get("name"))
    notes = None
    if SUCCESSOR_SUFFIX.search(name):
        name, notes = SUCCESSOR_SUFFIX.sub("", name).strip(), SUCCESSOR_NOTE
    if bis:
        name = repair_bis_text(name)
    if problem := check_name(name):
        raise RowError(problem)
    aliases = _as_list(row.get("alt_names"))
    if bis:
        aliases = [repair_bis_text(a) for a in aliases]
    raw_addresses = row.get("addresses")
    addresses = _json_addresses(raw_addresses) if not isinstance(raw_addresses, str) else parse_csv_addresses(raw_addresses)
    nationalities = _as_list(row.get("nationalities")) + _as_list(row.get("citizenships"))
    country = next((a.country for a in addresses if a.country), None)
    if country is None:
        country = next((n for n in nationalities if _COUNTRY_CODE.match(n)), None)
    try:
        listed_since = parse_iso_date(str(row.get("start_date") or ""))
    except ValueError as error:
        raise RowError(f"start_date: {error}") from None
    kind = clean_name(row.get("type")).lower()
    party_type = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}.get(kind, "company")
    number = clean_name(str(row.get("entity_number") or ""))
    if code in _OFAC_SOURCES and number:
        candidate = f"{code.lower()}-{number}"
    else:
        candidate = f"{code.lower()}-{party_id(name, country)}"
    pid = unique_id(candidate, taken)
    taken.add(pid)
    standard = clean_name(row.get("standard_order")).upper()
    requirement = clean_name(row.get("license_requirement")) or None
    policy = clean_name(row.get("license_policy")) or None
    try:
        party = Party(
            id=pid,
            name=name,
            type=party_type,
            country=country,
            source=code,
            aliases=tuple(dict.fromkeys(Alias(name=a, kind=AliasKind.AKA) for a in aliases if a != name)),
            addresses=tuple(dict.fromkeys(addresses)),
            license_requirement=requirement,
            license_review_policy=policy,
            footnotes=detect_footnotes(requirement, policy),
            programs=tuple(_as_list(row.get("programs"))),
            title=clean_name(row.get("title")) or None,
            birth_dates=tuple(_as_list(row.get("dates_of_birth"))),
            nationalities=tuple(dict.fromkeys(nationalities)),
            identifiers=tuple(_ids(row.get("ids"))),
            remarks=clean_name(row.get("remarks")) or None,
            standard_order=True if standard == "Y" else False if standard == "N" else None,
            source_url=clean_name(row.get("source_information_url") or row.get("source_list_url")) or None,
            notes=notes,
        )
    except (ValidationError, InvalidInput) as error:
        raise RowError(str(error).splitlines()[0]) from None
    return Entry(party, listed_since, clean_name(row.get("federal_register_notice")) or None, _source_key(row, code, name, country))


def _nth_key(key: str, keys: Mapping[str, str]) -> str:
    """A name-made source key met again: ``key#2``, ``key#3``, ... (the first free)."""
    count = 2
    while f"{key}#{count}" in keys:
        count += 1
    return f"{key}#{count}"


def _source_key(row: Mapping[str, Any], code: str, name: str, country: str | None) -> str:
    """The CSL's own key: ``_id`` (``id`` in JSON); in the older layout, list + entity number, else
    list + normalised name + country."""
    return _own_key(row, code) or f"csl:{code}:{name_key(name)}:{country or ''}"


def _own_key(row: Mapping[str, Any], code: str) -> str:
    """The source key the list itself gives a row (its ``_id``, ``id`` or entity number), or ""
    where it gives none and the key is made of the entry's name."""
    record_id = clean_name(str(row.get("_id") or row.get("id") or ""))
    if record_id:
        return f"csl:{record_id}"
    number = clean_name(str(row.get("entity_number") or ""))
    return f"csl:{code}:{number}" if number else ""


def _collect(
    rows: Iterator[tuple[str, Mapping[str, Any]]], snapshot: Snapshot, wanted: set[str] | None
) -> Snapshot:
    taken: set[str] = set()
    keys: dict[str, str] = {}  # each source key met, and where
    for location, row in rows:
        try:
            code = source_code(str(row.get("source") or ""))
        except InvalidInput as error:
            snapshot.bad_rows.append(BadRow(location, str(error)))
            continue
        if wanted is not None and code not in wanted:
            continue
        snapshot.sources.add(code)
        try:
            entry = row_to_entry(row, taken)
        except RowError as error:
            snapshot.bad_rows.append(BadRow(location, str(error)))
            continue
        key = entry.source_key or ""
        first = keys.get(key)
        if first is not None and _own_key(row, code):
            # the list's own key twice: a damaged file (each import would take one row for a new
            # party and the other for the known one, and the next would remove the known one)
            snapshot.bad_rows.append(BadRow(location, f"the entry's key {key.removeprefix('csl:')!r} appears twice "
                                                      f"(first at {first})"))
            continue
        if first is not None:
            # (no key of the list's own: two entries of one name and country in one list, told
            # apart by their order, the same in every import of the file)
            key = _nth_key(key, keys)
            entry = dataclasses.replace(entry, source_key=key)
        keys[key] = location
        snapshot.entries.append(entry)
    # the scope of removals: a full CSL speaks for every list it carries, a subset for that subset
    snapshot.sources |= wanted if wanted is not None else vocabulary().csl_sources
    return snapshot


def read_csv(path: Path, wanted: set[str] | None = None, progress: ProgressCallback | None = None) -> Snapshot:
    """Parse a CSL CSV file (current layout with ``_id``, or the older one without)."""
    sniff_html(path)
    csv.field_size_limit(_MAX_FIELD)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.DictReader(text, strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as error:
            raise ImportFailed(f"{path.name}: cannot read the header: {error}") from None
        except UnicodeDecodeError as error:
            raise ImportFailed(
                f"{path.name}: not UTF-8 text ({error.reason} near byte {error.start}; a compressed file, or another encoding?)"
            ) from None
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            found = ", ".join(clean_name(c)[:40] for c in header[:6])
            raise ImportFailed(
                f"{path.name}: not a Consolidated Screening List CSV (missing column {', '.join(missing)}; "
                f"found {found or 'nothing'})"
            )

        width = len(dict.fromkeys(header))
        snapshot = Snapshot()

        def rows() -> Iterator[tuple[str, Mapping[str, Any]]]:
            line = 1
            try:
                for row in reader:
                    line = reader.line_num
                    if problem := _row_shape_problem(row, width):
                        snapshot.bad_rows.append(BadRow(f"{path.name}:{line}", problem))
                        continue
                    if progress:
                        progress(raw.tell())
                    yield f"{path.name}:{line}", row
            except csv.Error as error:
                # (the record after the last one read: a DictReader's own line count stops there)
                raise ImportFailed(malformed_csv(path.name, line + 1, error)) from None
            except UnicodeDecodeError as error:
                raise ImportFailed(f"{path.name}: near line {line + 1}: not UTF-8 text ({error.reason})") from None

        return _collect(rows(), snapshot, wanted)


def _row_shape_problem(row: Mapping[str | None, Any], width: int) -> str | None:
    """A CSV row with fewer or more cells than the header, or holding NUL bytes."""
    cells: list[str] = [value for key, value in row.items() if key is not None and value is not None]
    found = len(cells) + len(row.get(None) or [])
    if found != width:
        return f"expected {width} columns, found {found} (a cut-off or hand-edited row?)"
    return nul_problem(cells + list(row.get(None) or []))


def read_json(path: Path, wanted: set[str] | None = None, progress: ProgressCallback | None = None) -> Snapshot:
    """Parse a CSL JSON file: ``{"results": [...]}`` (a bare array is accepted too)."""
    sniff_html(path)
    document = load_json(path.read_bytes(), path.name)
    records = document.get("results") if isinstance(document, dict) else document
    if not isinstance(records, list):
        raise ImportFailed(f"{path.name}: not a Consolidated Screening List JSON file (no 'results' array)")
    snapshot = Snapshot()
    if isinstance(document, dict) and "total" in document:
        total = document["total"]
        if not isinstance(total, int) or isinstance(total, bool) or total < 0:
            found = str(total) if isinstance(total, int) and not isinstance(total, bool) else json_kind(total)
            raise ImportFailed(f"{path.name}: total: expected a whole number, found {found}")
        if total != len(records):
            snapshot.cut_off = (
                f"{path.name}: the file announces {total} results but holds {len(records)} "
                "(a cut-off download, or one page of the API?)"
            )

    def rows() -> Iterator[tuple[str, Mapping[str, Any]]]:
        for index, record in enumerate(records):
            if progress:
                progress(index + 1)
            location = f"{path.name}: results[{index}]"
            problem = record_problem(record)
            if problem:
                snapshot.bad_rows.append(BadRow(location, problem))
                continue
            yield location, record

    return _collect(rows(), snapshot, wanted)


def read(path: Path, wanted: set[str] | None = None, progress: ProgressCallback | None = None) -> Snapshot:
    """CSV or JSON, by the file's first non-blank character (or a ``.json`` name)."""
    require_regular_file(path)
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")) or path.suffix.lower() == ".json":  # (a ".json" holding null is no CSV)
        return read_json(path, wanted, progress)
    return read_csv(path, wanted, progress)
