"""FollowTheMoney entities as JSON lines, as OpenSanctions publishes them.

Each line is one entity: ``{"id", "schema", "properties": {prop: [values]}, ...}``. Parties are
the "thing" schemata (Person, Company, Organization, LegalEntity, PublicBody, Vessel, Airplane);
``Address`` entities referenced through ``addressEntity`` become addresses, and ``Sanction``
entities give each party its programme and listing date. Properties may also hold nested
entities (OpenSanctions' ``targets.nested.json``), which are read the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.ids import slugify
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
    nul_problem,
    parse_iso_date,
    sniff_html,
    texts_in,
)
from entitylist.model import Address, Alias, AliasKind, Party
from entitylist.reference import load_package_yaml, vocabulary

PARTY_SCHEMATA = {
    "Person": "individual",
    "Company": "company",
    "Organization": "company",
    "LegalEntity": "company",
    "PublicBody": "government_agency",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
_ALIAS_PROPS = {"alias": AliasKind.AKA, "weakAlias": AliasKind.AKA, "previousName": AliasKind.FKA}


@dataclass
class _Collected:
    parties: dict[str, tuple[str, Mapping[str, Any]]] = field(default_factory=dict)
    addresses: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    sanctions: dict[str, list[Mapping[str, Any]]] = field(default_factory=dict)


def _values(props: Mapping[str, Any], name: str) -> list[Any]:
    value = props.get(name) or []
    return value if isinstance(value, list) else [value]


def _strings(props: Mapping[str, Any], name: str) -> list[str]:
    return [clean_name(v) for v in _values(props, name) if isinstance(v, str) and clean_name(v)]


@functools.cache
def known_schemata() -> frozenset[str]:
    """Every schema FollowTheMoney defines (``vocab/ftm_schemata.yaml``)."""
    return frozenset(str(name) for name in load_package_yaml("entitylist.vocab", "ftm_schemata.yaml"))


def _check_shape(entity: Mapping[str, Any]) -> None:
    """An entity as FollowTheMoney writes it: known schema, text id, properties of texts or nested entities."""
    schema = entity.get("schema")
    if not isinstance(schema, str):
        raise ValueError(f"schema: expected text, found {json_kind(schema)}")
    if schema not in known_schemata():
        raise ValueError(f"unknown FollowTheMoney schema {schema[:60]!r}")
    if not isinstance(entity.get("id", ""), (str, type(None))):
        raise ValueError(f"id: expected text, found {json_kind(entity.get('id'))}")
    datasets = entity.get("datasets") or []
    if not isinstance(datasets, list) or not all(isinstance(d, str) for d in datasets):
        raise ValueError("datasets: expected a list of texts")
    props = entity.get("properties") or {}
    if not isinstance(props, Mapping):
        raise ValueError(f"properties: expected an object, found {json_kind(props)}")
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str) and not (isinstance(value, Mapping) and "schema" in value):
                raise ValueError(f"properties.{prop}: expected text or an entity, found {json_kind(value)}")


def _collect(entity: Mapping[str, Any], location: str, found: _Collected) -> None:
    """Check and index one entity and any nested entities inside its properties."""
    _check_shape(entity)
    props = entity.get("properties") or {}
    for values in props.values():
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, Mapping):
                _collect(value, location, found)
    schema = entity.get("schema")
    entity_id = str(entity.get("id") or "")
    if schema in PARTY_SCHEMATA:
        if not entity_id:
            raise ValueError("entity without an id")
        earlier = found.parties.get(entity_id)
        if earlier is None:
            found.parties[entity_id] = (location, entity)
        else:  # fragments of one entity, as FollowTheMoney streams may hold them: merged
            found.parties[entity_id] = (earlier[0], _merged(earlier[1], entity, entity_id, earlier[0]))
    elif schema == "Address" and entity_id:
        earlier_props = found.addresses.get(entity_id)
        found.addresses[entity_id] = props if earlier_props is None else _merged_properties(earlier_props, props)
    elif schema == "Sanction":
        for target in _values(props, "entity"):
            target_id = target.get("id") if isinstance(target, Mapping) else target
            if target_id:
                found.sanctions.setdefault(str(target_id), []).append(props)


def _merged_properties(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Each property's values of both, in order, each once."""
    merged: dict[str, list[Any]] = {}
    for props in (first, second):
        for prop in props:
            values = merged.setdefault(prop, [])
            for value in _values(props, prop):
                if value not in values:
                    values.append(value)
    return merged


def _merged(first: Mapping[str, Any], second: Mapping[str, Any], entity_id: str, at: str) -> dict[str, Any]:
    """One entity from two fragments with its id (``ftm aggregate`` merges them alike): each
    property's values of both, both datasets; listed when either fragment says so. Fragments of
    two schemata are two entities that share an id: an error, the earlier one kept."""
    if first.get("schema") != second.get("schema"):
        raise ValueError(
            f"entity {entity_id!r} appears twice, as {first.get('schema')} (at {at}) and as {second.get('schema')}"
        )
    merged = dict(first)
    merged["properties"] = _merged_properties(first.get("properties") or {}, second.get("properties") or {})
    merged["datasets"] = list(dict.fromkeys([*(first.get("datasets") or []), *(second.get("datasets") or [])]))
    targets = (first.get("target"), second.get("target"))
    merged["target"] = True if True in targets else (False if targets == (False, False) else None)
    return merged


def _lines(path: Path, progress: ProgressCallback | None) -> Iterator[tuple[str, Mapping[str, Any]]]:
    sniff_html(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            location = f"{path.name}:{number}"
            if not raw.strip():
                continue
            entity = load_json(raw, location, json_line=True)
            if not isinstance(entity, dict) or "schema" not in entity:
                raise ImportFailed(f"{location}: not a FollowTheMoney entity (no 'schema')")
            if progress:
                progress(handle.tell())
            yield location, entity


def _address(value: Any, found: _Collected) -> Address | None:
    if isinstance(value, Mapping):
        props = value.get("properties") or {}
    else:
        props = found.addresses.get(str(value)) or {}
        if not props:
            return Address(street=clean_name(str(value))) if isinstance(value, str) and " " in value else None
    country = next(iter(_strings(props, "country")), None)
    try:
        code = vocabulary().country_code(country) if country else None
    except InvalidInput:
        code = None
    street = ", ".join(_strings(props, "street") + _strings(props, "street2")) or next(iter(_strings(props, "full")), "")
    fields = {
        "street": street or None,
        "city": next(iter(_strings(props, "city")), None),
        "region": next(iter(_strings(props, "state")), None),
        "postal_code": next(iter(_strings(props, "postalCode")), None),
        "country": code,
    }
    return Address(**fields) if any(fields.values()) else None


def _entry(entity_id: str, entity: Mapping[str, Any], found: _Collected) -> Entry:
    props = entity.get("properties") or {}
    names = _strings(props, "name")
    if not names:
        raise ValueError("entity has no name")
    name = names[0]
    if problem := check_name(name):
        raise ValueError(problem)
    aliases = [Alias(name=n, kind=AliasKind.AKA) for n in names[1:]]
    for prop, kind in _ALIAS_PROPS.items():
        aliases += [Alias(name=n, kind=kind) for n in _strings(props, prop) if not check_name(n)]
    countries: list[str] = []
    for value in _strings(props, "country") + _strings(props, "jurisdiction") + _strings(props, "nationality"):
        try:
            countries.append(vocabulary().country_code(value))
        except InvalidInput:
            continue
    addresses = [a for a in (_address(v, found) for v in _values(props, "addressEntity")) if a]
    addresses += [Address(street=s) for s in _strings(props, "address") if s not in {a.one_line() for a in addresses}]
    sanctions = found.sanctions.get(entity_id, [])
    starts = []
    programs: list[str] = []
    urls: list[str] = []
    for sanction in sanctions:
        programs += _strings(sanction, "program")
        urls += _strings(sanction, "sourceUrl")
        for key in ("startDate", "listingDate"):
            for value in _strings(sanction, key):
                try:
                    date = parse_iso_date(value)
                except ValueError as error:
                    raise ValueError(f"sanction {key}: {error}") from None
                if date:
                    starts.append(date)
    datasets = [str(d) for d in entity.get("datasets") or []]
    party = Party(
        id=f"ftm-{slugify(entity_id)}",
        name=name,
        type=PARTY_SCHEMATA[str(entity["schema"])],
        country=countries[0] if countries else next((a.country for a in addresses if a.country), None),
        source="FTM",
        aliases=tuple(dict.fromkeys(a for a in aliases if a.name != name)),
        addresses=tuple(dict.fromkeys(addresses)),
        programs=tuple(dict.fromkeys(programs + _strings(props, "program"))),
        birth_dates=tuple(_strings(props, "birthDate")),
        nationalities=tuple(dict.fromkeys(c for c in countries[1:])),
        identifiers=tuple(_strings(props, "registrationNumber") + _strings(props, "idNumber") + _strings(props, "passportNumber")),
        remarks=" ".join(_strings(props, "notes")) or None,
        source_url=next(iter(urls + _strings(props, "sourceUrl")), None),
        notes=f"Datasets: {', '.join(datasets)}" if datasets else None,
    )
    return Entry(party, min(starts) if starts else None, source_key=f"ftm:{entity_id}")


def read(path: Path, wanted: set[str] | None = None, progress: ProgressCallback | None = None) -> Snapshot:
    """Read a FollowTheMoney JSON-lines file."""
    if wanted is not None and wanted != {"FTM"}:
        raise ImportFailed("FollowTheMoney files are imported whole (their lists are named in each entity's datasets)")
    found = _Collected()
    snapshot = Snapshot(sources={"FTM"})
    for location, entity in _lines(path, progress):
        try:
            if problem := nul_problem(texts_in(entity)):  # (a corrupt file, as a NUL byte in a CSV row)
                raise ValueError(problem)
            _collect(entity, location, found)
        except ValueError as error:
            snapshot.bad_rows.append(BadRow(location, str(error)))
        except RecursionError:
            snapshot.bad_rows.append(BadRow(location, "entities nested too deeply"))
    for entity_id, (location, entity) in found.parties.items():
        if entity.get("target") is False:
            continue  # a related party (owner, associate), not itself listed
        try:
            snapshot.entries.append(_entry(entity_id, entity, found))
        except (ValueError, ValidationError, InvalidInput) as error:
            snapshot.bad_rows.append(BadRow(location, str(error).splitlines()[0]))
    return snapshot
