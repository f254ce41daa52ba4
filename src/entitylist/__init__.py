"""entitylist: the U.S. Entity List with its history, and screening against it."""

from typing import TYPE_CHECKING, Any

from entitylist.compiled import check_fresh
from entitylist.errors import EntityListError, InvalidInput, NotFound, StoreError
from entitylist.model import ActionKind, Address, Alias, AliasKind, Changes, ListingAction, Party, Relation, Rule
from entitylist.state import PartyState

if TYPE_CHECKING:
    from entitylist.store import Store

check_fresh()  # before any compiled module is imported


def __getattr__(name: str) -> Any:
    """``Store`` on first use: it brings SQLAlchemy, which a screening from its snapshot does without."""
    if name == "Store":
        from entitylist.store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "ActionKind",
    "Address",
    "Alias",
    "AliasKind",
    "Changes",
    "EntityListError",
    "InvalidInput",
    "ListingAction",
    "NotFound",
    "Party",
    "PartyState",
    "Relation",
    "Rule",
    "Store",
    "StoreError",
    "__version__",
]
