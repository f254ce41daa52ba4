"""entitylist: the U.S. Entity List with its history, and screening against it."""

from entitylist.compiled import check_fresh
from entitylist.errors import EntityListError, InvalidInput, NotFound, StoreError
from entitylist.model import ActionKind, Address, Alias, AliasKind, Changes, ListingAction, Party, Relation, Rule
from entitylist.state import PartyState
from entitylist.store import Store

check_fresh()  # before any compiled module is imported

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
