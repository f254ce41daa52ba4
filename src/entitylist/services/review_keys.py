"""How a reviewed counterparty is recognised again (apart from the review service, so that
screening can key its hits without loading the store)."""

from __future__ import annotations

from entitylist.errors import InvalidInput
from entitylist.lookup import name_key
from entitylist.text_input import check_text


def counterparty_key(name: str, counterparty_id: str | None = None) -> str:
    """How a counterparty is recognised again: its normalised name, and the user's id for it."""
    check_text(name, "counterparty name")
    if counterparty_id:
        check_text(counterparty_id, "counterparty id")
    key = name_key(name)
    if not key:
        raise InvalidInput(f"counterparty {name!r} has no letters or digits")
    return key + (f"\x1f{counterparty_id.strip()}" if counterparty_id and counterparty_id.strip() else "")
