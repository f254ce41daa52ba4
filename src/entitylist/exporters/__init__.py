"""Exporters: the list on a date in the CSL layout (CSV, JSON) or as FollowTheMoney JSON lines.

The CSV's cells are safe to open in a spreadsheet (``entitylist.cells``) unless ``raw``; the JSON
formats are written as they are (``raw`` changes nothing there).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, Protocol, TextIO

from entitylist.cells import neutralise

from entitylist.importers.csl import CSV_COLUMNS, detect_footnotes
from entitylist.reference import vocabulary
from entitylist.state import PartyState

_CSL_TYPES = {"individual": "Individual", "vessel": "Vessel", "aircraft": "Aircraft"}
_FTM_SCHEMATA = {
    "individual": "Person",
    "government_agency": "PublicBody",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "company": "Company",
    "institute": "Organization",
    "university": "Organization",
}


def csl_record(state: PartyState) -> dict[str, Any]:
    """One party as a CSL record (JSON field names; the CSV writer joins the lists)."""
    party = state.party
    number = party.id.split("-", 1)[1] if party.id.startswith("sdn-") else ""
    return {
        "id": party.id,
        "source": vocabulary().csl_names.get(party.source, party.source),
        "entity_number": number,
        "type": _CSL_TYPES.get(party.type, ""),
        "programs": list(party.programs),
        "name": party.name,
        "title": party.title or "",
        "addresses": [
            {
                "address": a.street or "",
                "city": a.city or "",
                "state": a.region or "",
                "postal_code": a.postal_code or "",
                "country": a.country or "",
            }
            for a in party.addresses
        ],
        "federal_register_notice": "; ".join(state.citations()),
        "start_date": state.listed_since.isoformat() if state.listed_since else "",
        "end_date": "",
        "standard_order": {True: "Y", False: "N"}.get(party.standard_order, "") if party.standard_order is not None else "",
        "license_requirement": _with_footnotes(party.license_requirement or "", party.license_review_policy, party.footnotes),
        "license_policy": party.license_review_policy or "",
        "remarks": party.remarks or "",
        "source_list_url": party.source_url or "",
        "alt_names": [a.name for a in party.aliases],
        "citizenships": [],
        "dates_of_birth": list(party.birth_dates),
        "nationalities": list(party.nationalities),
        "places_of_birth": [],
        "source_information_url": party.source_url or "",
        "ids": [_csl_id(i) for i in party.identifiers],
    }


def _with_footnotes(requirement: str, policy: str | None, footnotes: tuple[int, ...]) -> str:
    """The license requirement as the CSL writes it, with the entry's footnotes its text does not
    carry (a rule's entry keeps them apart) marked as "(footnote N)", which an import reads back:
    without them an export lost the foreign direct product rule's reach."""
    missing = [n for n in footnotes if n not in detect_footnotes(requirement, policy)]
    return " ".join([requirement, *(f"(footnote {n})" for n in missing)]).strip()


def _csl_id(identifier: str) -> dict[str, str]:
    """An identifier as a CSL ``ids`` item: a CSL's own "type, number, country" (as its import keeps
    it) in its three fields, any other value (a FollowTheMoney passport number) as the number."""
    parts = [p.strip() for p in identifier.split(",")]
    if 2 <= len(parts) <= 3 and parts[0] and not any(c.isdigit() for c in parts[0]) and parts[1]:
        return {"type": parts[0], "number": parts[1], "country": parts[2] if len(parts) == 3 else "",
                "issue_date": "", "expiration_date": ""}
    return {"type": "", "number": identifier, "country": "", "issue_date": "", "expiration_date": ""}


def write_csv(states: Iterable[PartyState], out: TextIO, *, raw: bool = False) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_ALL, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for state in states:
        record = csl_record(state)
        record["_id"] = record.pop("id")
        record["addresses"] = "; ".join(
            ", ".join(p for p in (a["address"], a["city"], a["state"], a["postal_code"], a["country"]) if p)
            for a in record["addresses"]
        )
        record["ids"] = "; ".join(", ".join(p for p in (i["type"], i["number"], i["country"]) if p) for i in record["ids"])
        for key in ("programs", "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth"):
            record[key] = "; ".join(record[key])
        writer.writerow(record if raw else {key: neutralise(value) for key, value in record.items()})
        count += 1
    return count


def write_json(states: Iterable[PartyState], out: TextIO, *, raw: bool = False) -> int:
    records = [csl_record(s) for s in states]
    json.dump({"results": records}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def ftm_schema(state: PartyState) -> str:
    """The FollowTheMoney schema of a party."""
    return _FTM_SCHEMATA.get(state.party.type, "LegalEntity")


def ftm_properties(state: PartyState) -> dict[str, list[str]]:
    """A party's FollowTheMoney properties (addresses as one-line ``address`` values), empty ones left out."""
    party = state.party
    props: dict[str, list[str]] = {"name": [party.name]}
    if party.aliases:
        props["alias"] = [a.name for a in party.aliases if a.kind.value != "fka"]
        props["previousName"] = [a.name for a in party.aliases if a.kind.value == "fka"]
    if party.country:
        props["country"] = [party.country.lower()]
    if party.programs:
        props["program"] = list(party.programs)
    if party.birth_dates:
        props["birthDate"] = list(party.birth_dates)
    schema = ftm_schema(state)
    if party.nationalities and schema == "Person":  # (a Person's property in FollowTheMoney)
        props["nationality"] = [n.lower() for n in party.nationalities]
    if party.identifiers and schema not in ("Vessel", "Airplane"):  # (a legal entity's; their kind is not kept apart)
        props["idNumber"] = list(party.identifiers)
    if party.remarks:
        props["notes"] = [party.remarks]
    props["topics"] = ["sanction"]
    return {k: v for k, v in props.items() if v}


def write_ftm(states: Iterable[PartyState], out: TextIO, *, raw: bool = False) -> int:
    """FollowTheMoney JSON lines: one entity per party, one Sanction per listing, one Address each."""
    count = 0
    for state in states:
        party = state.party
        props = ftm_properties(state)
        address_ids = []
        for index, address in enumerate(party.addresses):
            address_id = f"{party.id}-addr-{index}"
            address_ids.append(address_id)
            aprops = {
                "full": [address.one_line()],
                **({"street": [address.street]} if address.street else {}),
                **({"city": [address.city]} if address.city else {}),
                **({"state": [address.region]} if address.region else {}),
                **({"postalCode": [address.postal_code]} if address.postal_code else {}),
                **({"country": [address.country.lower()]} if address.country else {}),
            }
            _line(out, {"id": address_id, "schema": "Address", "properties": aprops})
        if address_ids:
            props["addressEntity"] = address_ids
        _line(out, {"id": party.id, "schema": ftm_schema(state), "properties": props, "target": True})
        sanction: dict[str, list[str]] = {"entity": [party.id], "authority": [vocabulary().csl_names.get(party.source, party.source)]}
        if state.listed_since:
            sanction["startDate"] = [state.listed_since.isoformat()]
        if party.license_review_policy:
            sanction["provisions"] = [party.license_review_policy]
        if state.citations():
            sanction["reason"] = ["; ".join(state.citations())]
        if party.source_url:
            sanction["sourceUrl"] = [party.source_url]
        _line(out, {"id": f"{party.id}-sanction", "schema": "Sanction", "properties": sanction})
        count += 1
    return count


def _line(out: TextIO, entity: dict[str, Any]) -> None:
    out.write(json.dumps(entity, ensure_ascii=False) + "\n")


class Exporter(Protocol):
    def __call__(self, states: Iterable[PartyState], out: TextIO, *, raw: bool = False) -> int: ...


EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv,
    "json": write_json,
    "ftm": write_ftm,
}
