"""Reading ownership files: CSV (``owner, owned, share, source, as_of``) and FollowTheMoney
``Ownership`` entities (JSON lines, with the entities they point to).

Reading is strict and names the line of every problem: a share that is not a number, negative,
over 100 % (alone, or summed over one owned company's owners in the file), a date that is not
ISO, an owner or owned left empty, a company owning itself. A share left empty is *unknown*,
which the Affiliates rule treats as a red flag, not as zero. Names are resolved to parties by
the ownership service, which reports an unknown owner with the line it is on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entitylist.errors import InvalidInput
from entitylist.ids import slugify
from entitylist.paths import check_input_file

REQUIRED = ("owner", "owned", "share")
MAX_BYTES = 200_000_000
_TOLERANCE = 0.01  # percent: rounding in a source's shares


@dataclass(frozen=True)
class RawLink:
    """One link as a file gives it; ``owner_refs`` / ``owned_refs`` are record ids to try first."""

    location: str
    owner: str
    owned: str
    share: float | None
    source: str | None
    as_of: dt.date | None
    owner_refs: tuple[str, ...] = ()
    owned_refs: tuple[str, ...] = ()


def _share(text: str, where: str) -> float | None:
    value = text.strip().rstrip("%").strip()
    if not value:
        return None
    try:
        share = float(value)
    except ValueError:
        raise InvalidInput(f"{where}: share {text!r} is not a number (percent, 0-100; empty if unknown)") from None
    if share != share or share in (float("inf"), float("-inf")):
        raise InvalidInput(f"{where}: share {text!r} is not a number (percent, 0-100; empty if unknown)")
    if share < 0:
        raise InvalidInput(f"{where}: share {text!r} is negative")
    if share > 100:
        raise InvalidInput(f"{where}: share {text!r} is over 100 %")
    return share


def _date(text: str, where: str) -> dt.date | None:
    value = text.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10] if len(value) > 10 and value[10] == "T" else value)
    except ValueError:
        raise InvalidInput(f"{where}: as_of {text!r} is not a date (YYYY-MM-DD)") from None


def _text(path: Path) -> str:
    check_input_file(path)
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{path}: larger than {MAX_BYTES:,} bytes")
    if b"\x00" in data:
        raise InvalidInput(f"{path}: holds a NUL byte (a binary or UTF-16 file?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(f"{path}:{line}: byte 0x{data[error.start]:02X} is not utf-8 text") from None


def _link(where: str, owner: str, owned: str, share: str, source: str, as_of: str, **refs: tuple[str, ...]) -> RawLink:
    owner, owned = owner.strip(), owned.strip()
    if not owner or not owned:
        raise InvalidInput(f"{where}: {'owner' if not owner else 'owned'} is empty")
    if owner.casefold() == owned.casefold():
        raise InvalidInput(f"{where}: {owner!r} cannot own itself")
    return RawLink(where, owner, owned, _share(share, where), source.strip() or None, _date(as_of, where), **refs)


def read_csv(path: Path) -> list[RawLink]:
    reader = csv.reader(io.StringIO(_text(path), newline=""), strict=True)
    try:
        header = [h.strip().casefold() for h in next(reader, [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InvalidInput(f"{path}:1: missing column(s) {', '.join(missing)} (need owner, owned, share; optional source, as_of)")
        links: list[RawLink] = []
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InvalidInput(f"{where}: {len(row)} cells, the header has {len(header)}")
            cells = dict(zip(header, row, strict=True))
            links.append(_link(where, cells["owner"], cells["owned"], cells["share"], cells.get("source", ""), cells.get("as_of", "")))
    except csv.Error as error:
        raise InvalidInput(f"{path}:{reader.line_num}: {error}") from None
    return _checked_totals(links)


def _first(props: dict[str, Any], *names: str) -> str:
    for name in names:
        values = props.get(name) or []
        if isinstance(values, list) and values:
            value = values[0]
            return value.get("id", "") if isinstance(value, dict) else str(value)
    return ""


def read_ftm(path: Path) -> list[RawLink]:
    """FollowTheMoney JSON lines: ``Ownership`` entities (owner, asset, percentage, date,
    sourceUrl/publisher), their owners and assets named by the other entities of the file."""
    names: dict[str, str] = {}
    ownerships: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            entity = json.loads(line)
        except ValueError as error:
            raise InvalidInput(f"{where}: not JSON ({error.args[0].split(':')[0]})") from None
        except RecursionError:
            raise InvalidInput(f"{where}: JSON nested too deeply") from None
        if not isinstance(entity, dict) or not isinstance(entity.get("properties", {}), dict):
            raise InvalidInput(f"{where}: not a FollowTheMoney entity (an object with schema and properties)")
        props = entity.get("properties") or {}
        if entity.get("schema") == "Ownership":
            ownerships.append((where, props))
        elif entity.get("id"):
            name = _first(props, "name")
            if name:
                names[str(entity["id"])] = name
    links = []
    for where, props in ownerships:
        owner_ref, asset_ref = _first(props, "owner"), _first(props, "asset")
        if not owner_ref or not asset_ref:
            raise InvalidInput(f"{where}: an Ownership needs an owner and an asset")
        links.append(
            _link(
                where, names.get(owner_ref, owner_ref), names.get(asset_ref, asset_ref), _first(props, "percentage", "sharesValue"),
                _first(props, "sourceUrl", "publisher", "recordId"), _first(props, "date", "startDate", "modifiedAt"),
                owner_refs=(f"ftm-{slugify(owner_ref)}", owner_ref), owned_refs=(f"ftm-{slugify(asset_ref)}", asset_ref),
            )
        )
    return _checked_totals(links)


def _checked_totals(links: list[RawLink]) -> list[RawLink]:
    """Refuse a file whose known shares of one owned company sum to more than 100 %."""
    totals: dict[str, float] = {}
    for link in links:
        key = link.owned.casefold()
        totals[key] = totals.get(key, 0.0) + (link.share or 0.0)
        if totals[key] > 100 + _TOLERANCE:
            raise InvalidInput(f"{link.location}: the shares of {link.owned!r} in this file sum to {totals[key]:g} %, over 100 %")
    return links


def read_links(path: Path) -> list[RawLink]:
    """Links from a CSV, or from FollowTheMoney JSON lines (``.json``, ``.jsonl``, ``.ftm``)."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".json", ".jsonl", ".ftm", ".ijson"):
        return read_ftm(path)
    raise InvalidInput(f"{path}: ownership files are .csv (owner, owned, share, source, as_of) or FollowTheMoney .json/.jsonl")
