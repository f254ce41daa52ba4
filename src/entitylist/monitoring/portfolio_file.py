"""Reading a portfolio file: the user's counterparties, one a row, checked whole before anything is saved.

Columns (CSV, TSV, Excel or JSON lines, as batch screening reads them): ``id`` and ``name``
(required), ``country``, ``address``, ``type`` (person, organization, vessel) and ``birth_date``
(YYYY or YYYY-MM-DD). An unknown column, a repeated id, an empty id or name, or a value that
screening cannot read is a one-line error naming the row, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entitylist.batch.readers import RowSource, from_path
from entitylist.errors import InvalidInput
from entitylist.matching.evidence import parse_birth_date
from entitylist.matching.kinds import parse_kind
from entitylist.reference import MAX_NAME_LENGTH, vocabulary

REQUIRED = ("id", "name")
COLUMNS = (*REQUIRED, "country", "address", "type", "birth_date")
MAX_ID_LENGTH = 200


@dataclass(frozen=True)
class CounterpartyIn:
    """One counterparty as the user gives it (country as an ISO code)."""

    key: str
    name: str
    country: str | None = None
    address: str | None = None
    type: str | None = None
    birth_date: str | None = None


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def _counterparty(where: str, values: dict[str, str | None]) -> CounterpartyIn:
    key, name = values.get("id"), values.get("name")
    if not key:
        raise InvalidInput(f"{where}: empty id")
    if len(key) > MAX_ID_LENGTH:
        raise InvalidInput(f"{where}: id of {len(key)} characters (at most {MAX_ID_LENGTH})")
    if not name:
        raise InvalidInput(f"{where}: empty name (id {key!r})")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"{where}: name of {len(name)} characters (at most {MAX_NAME_LENGTH})")
    country, party_type, birth = values.get("country"), values.get("type"), values.get("birth_date")
    try:
        code = vocabulary().country_code(country) if country else None
        parse_kind(party_type)
        parse_birth_date(birth)
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error}") from None
    return CounterpartyIn(key, name, code, values.get("address"), party_type, birth)


def read_counterparties(source: RowSource) -> list[CounterpartyIn]:
    """Every counterparty of ``source``, or an :class:`InvalidInput` for the first bad row."""
    header = [h.strip() for h in source.header]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InvalidInput(
            f"{source.name}: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(COLUMNS)})"
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput(f"{source.name}: no column {' or '.join(map(repr, missing))} (columns: {', '.join(header) or 'none'})")
    if len(set(header)) != len(header):
        raise InvalidInput(f"{source.name}: a column is named twice")
    found: list[CounterpartyIn] = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(source.rows(), start=1):
        where = f"{source.name}: row {number}"
        if isinstance(row, dict):
            extra = [k for k in row if k.strip() not in COLUMNS]
            if extra:
                raise InvalidInput(f"{where}: unknown key {extra[0]!r} (known: {', '.join(COLUMNS)})")
            values = {k.strip(): _cell(v) for k, v in row.items()}
        else:
            if len(row) > len(header) and any(_cell(v) for v in row[len(header):]):
                raise InvalidInput(f"{where}: more cells than the header has columns")
            values = {column: _cell(v) for column, v in zip(header, row)}
        counterparty = _counterparty(where, values)
        if counterparty.key in first_row:
            raise InvalidInput(f"{where}: id {counterparty.key!r} is already used by row {first_row[counterparty.key]}")
        first_row[counterparty.key] = number
        found.append(counterparty)
    return found


def read_portfolio_file(path: Path, encoding: str = "utf-8") -> list[CounterpartyIn]:
    source = from_path(path, encoding)
    try:
        return read_counterparties(source)
    finally:
        source.close()
