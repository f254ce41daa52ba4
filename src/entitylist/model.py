"""The domain model: parties, the Federal Register rules that list them, and listing actions.

The model knows nothing of storage or interfaces. A party's state on a date is never stored:
it is folded from the listing actions effective up to that date (see :mod:`entitylist.state`).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from entitylist.reference import vocabulary

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActionKind(str, enum.Enum):
    """What a listing action does to a party's entry."""

    ADD = "add"
    MODIFY = "modify"
    REMOVE = "remove"


class AliasKind(str, enum.Enum):
    """Why a party carries a second name."""

    AKA = "aka"
    FKA = "fka"
    TRANSLATION = "translation"
    ORIGINAL_SCRIPT = "original_script"


class Alias(_Frozen):
    """Another name of a party, with the kind of name it is."""

    name: NonEmptyStr
    kind: AliasKind = AliasKind.AKA


class Address(_Frozen):
    """A postal address as the list gives it; any part may be missing."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        return None if value is None else vocabulary().country_code(value)

    def one_line(self) -> str:
        parts = [self.street, self.city, self.region, self.postal_code, self.country]
        return ", ".join(p for p in parts if p)


class Relation(_Frozen):
    """A stated link to another party (e.g. a bureau subordinate to a provincial bureau)."""

    kind: NonEmptyStr
    party_id: NonEmptyStr
    name: str | None = None
    unverified: bool = False

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        return vocabulary().relation_kind(value)


class Party(_Frozen):
    """A listed party as one entry of a list describes it."""

    id: NonEmptyStr
    name: NonEmptyStr
    type: NonEmptyStr = "company"
    country: str | None = None
    source: NonEmptyStr = "EL"
    aliases: tuple[Alias, ...] = ()
    addresses: tuple[Address, ...] = ()
    relations: tuple[Relation, ...] = ()
    license_requirement: str | None = None
    license_review_policy: str | None = None
    license_exceptions: str | None = None
    footnotes: tuple[int, ...] = ()
    programs: tuple[str, ...] = ()
    title: str | None = None
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    remarks: str | None = None
    standard_order: bool | None = None
    source_url: str | None = None
    unverified: bool = False
    unverified_fields: tuple[str, ...] = ()
    notes: str | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        return vocabulary().party_type(value)

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        return vocabulary().source_code(value)

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        return None if value is None else vocabulary().country_code(value)

    def all_names(self) -> list[str]:
        """The listed name first, then every alias."""
        return [self.name, *(a.name for a in self.aliases)]


class Changes(_Frozen):
    """What a modification does to an entry. Unset fields are left as they were."""

    name: str | None = None
    type: str | None = None
    country: str | None = None
    aliases_added: tuple[Alias, ...] = ()
    aliases_removed: tuple[str, ...] = ()
    addresses_added: tuple[Address, ...] = ()
    addresses_removed: tuple[Address, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    license_requirement: str | None = None
    license_review_policy: str | None = None
    footnotes_added: tuple[int, ...] = ()
    description: str | None = None

    def is_empty(self) -> bool:
        """True when the change is only described in words, with nothing structured to apply."""
        return self.model_dump(exclude_defaults=True).keys() <= {"description"}


class Rule(_Frozen):
    """A Federal Register rule (or other act) that changes the list."""

    id: NonEmptyStr
    citation: str | None = None
    fr_doc: str | None = None
    docket: str | None = None
    rin: str | None = None
    title: str | None = None
    publication_date: dt.date | None = None
    effective_date: dt.date
    reason: str | None = None
    reason_category: str | None = None
    source_url: str | None = None
    license_requirement: str | None = None
    license_review_policy: str | None = None
    license_exceptions: str | None = None
    unresolved_actions: tuple[str, ...] = Field(
        default=(), description="Amendments the source states without naming the entries they change."
    )
    unverified: bool = False
    unverified_fields: tuple[str, ...] = ()
    notes: str | None = None

    def action_fields(self, dataset: str) -> dict[str, object]:
        """What every action ordered by this rule carries from it (dates, citation, reason)."""
        return {
            "effective_date": self.effective_date,
            "publication_date": self.publication_date,
            "rule_id": self.id,
            "citation": self.citation,
            "fr_doc": self.fr_doc,
            "reason": self.reason,
            "dataset": dataset,
        }

    def label(self) -> str:
        """How a person refers to the rule: its citation, or its document number, or its date."""
        if self.citation:
            return self.citation
        if self.fr_doc:
            return f"FR Doc {self.fr_doc}"
        return f"rule of {(self.publication_date or self.effective_date).isoformat()}"


class ListingAction(_Frozen):
    """One add / modify / remove of one party, as a rule (or an import) ordered it.

    ``party`` is the full entry for an add. A modify says what it changes in ``changes``; when it
    also carries ``party`` (an import that saw the entry's new text), that entry replaces the old
    one whole. A remove carries neither. ``federal_register`` keeps the text of the list's
    "Federal Register citation" column.
    """

    kind: ActionKind
    party_id: NonEmptyStr
    effective_date: dt.date
    publication_date: dt.date | None = None
    rule_id: str | None = None
    citation: str | None = None
    fr_doc: str | None = None
    reason: str | None = None
    federal_register: str | None = None
    party: Party | None = None
    changes: Changes | None = None
    dataset: NonEmptyStr = "bundled"
    source_key: str | None = Field(
        default=None, description="The source's own key for the entry (CSL _id, OFAC ent_num, ...); see reconcile."
    )
    unverified: bool = False
    unverified_fields: tuple[str, ...] = ()
    notes: str | None = None
    sequence: int | None = Field(default=None, description="Order of recording; set by the store.")

    def model_post_init(self, __context: object) -> None:
        if self.kind is ActionKind.ADD and self.party is None:
            raise ValueError(f"an add action needs the party's entry ({self.party_id})")
        if self.party is not None and self.party.id != self.party_id:
            raise ValueError(f"action party_id {self.party_id!r} differs from entry id {self.party.id!r}")
        if self.kind is not ActionKind.MODIFY and self.changes is not None:
            raise ValueError("only a modify action carries changes")
        if self.kind is ActionKind.REMOVE and self.party is not None:
            raise ValueError("a remove action carries no entry")
