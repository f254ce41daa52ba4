"""What the services return: typed Pydantic models, shared by the CLI's ``--json`` and the API.

Each model is built from the domain (``PartyState``, ``ListingAction``, a screening ``Match``)
by a ``from_...`` constructor, so there is one place where a party becomes JSON. The CLI
renders these models as tables or dumps them; the API serves them, and its OpenAPI schema
comes from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ConfigDict, Field

from entitylist.model import Address, ListingAction, Rule
from entitylist.parties import LinkRow
from entitylist.services.license_models import LicenseCheck, ReviewNote
from entitylist.services.output_model import Out as _Out
from entitylist.state import PartyState




class AliasOut(_Out):
    name: str
    kind: str = Field(description="aka, fka, translation or original_script")


class AddressOut(_Out):
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    @classmethod
    def from_address(cls, address: Address) -> AddressOut:
        return cls.model_validate(address.model_dump())


class RelationOut(_Out):
    kind: str
    party_id: str
    name: str | None = None
    unverified: bool = False


class PartyOut(_Out):
    """A party as listed on a date (or as last listed, when removed)."""

    id: str = Field(description="The party's id: stable, and every record id also leads to it")
    name: str
    datasets: list[str] = Field(description="The datasets whose records describe the party")
    referents: list[str] = Field(description="The ids of the source records the party rests on")
    country: str | None
    type: str
    source: str = Field(description="Code of the list the entry comes from (EL, SDN, ...)")
    aliases: list[AliasOut]
    addresses: list[AddressOut]
    relations: list[RelationOut]
    status: Literal["listed", "removed", "not yet listed"]
    listed_since: dt.date | None
    removed_on: dt.date | None
    federal_register: list[str] = Field(description="Federal Register citations of the entry's history, oldest first")
    license_requirement: str | None
    license_review_policy: str | None
    license_exceptions: str | None
    footnotes: list[int]
    unverified: bool
    unverified_fields: list[str]

    @classmethod
    def from_state(cls, state: PartyState, status: Literal["listed", "removed", "not yet listed"] | None = None) -> PartyOut:
        """The party as its state holds it; ``not yet listed`` (a date before its listing): who it
        is and when it was listed, with no license terms or citations, none of which were in force."""
        party = state.party
        if status == "not yet listed":
            party = party.model_copy(update={
                "license_requirement": None, "license_review_policy": None, "license_exceptions": None, "footnotes": (),
            })
        return cls(
            id=party.id,
            name=party.name,
            datasets=state.datasets,
            referents=state.records,
            country=party.country,
            type=party.type,
            source=party.source,
            aliases=[AliasOut(name=a.name, kind=a.kind.value) for a in party.aliases],
            addresses=[AddressOut.from_address(a) for a in party.addresses],
            relations=[RelationOut.model_validate(r.model_dump()) for r in party.relations],
            status=status or ("listed" if state.listed else "removed"),
            listed_since=state.listed_since,
            removed_on=state.removed_on,
            federal_register=state.citations() if status != "not yet listed" else [],
            license_requirement=party.license_requirement,
            license_review_policy=party.license_review_policy,
            license_exceptions=party.license_exceptions,
            footnotes=list(party.footnotes),
            unverified=party.unverified,
            unverified_fields=list(party.unverified_fields),
        )

    def as_json(self) -> Any:
        """As JSON; addresses leave out the parts they do not have."""
        data = self.model_dump(mode="json")
        data["addresses"] = [a.model_dump(mode="json", exclude_none=True) for a in self.addresses]
        return data


class PartySummary(_Out):
    id: str
    name: str
    country: str | None
    type: str

    @classmethod
    def from_state(cls, state: PartyState) -> PartySummary:
        return cls(id=state.party.id, name=state.party.name, country=state.party.country, type=state.party.type)


class ActionOut(_Out):
    """One add / modify / remove of a party, with the rule that ordered it."""

    kind: Literal["add", "modify", "remove"]
    party_id: str = Field(description="The id of the record the action changed")
    dataset: str
    effective_date: dt.date
    publication_date: dt.date | None
    rule: str | None = Field(description="How a person cites the rule (its FR citation, else document number)")
    citation: str | None
    fr_doc: str | None
    federal_register: str | None = Field(description="The list's Federal Register column for this action")
    title: str | None
    reason: str | None
    change: dict[str, Any] | None = Field(description="What a modify changed (only the fields it sets)")
    unverified: bool
    unverified_fields: list[str]
    notes: str | None

    @classmethod
    def from_action(cls, action: ListingAction, rules: Mapping[str, Rule]) -> ActionOut:
        rule = rules.get(action.rule_id or "")
        return cls(
            kind=action.kind.value,
            party_id=action.party_id,
            dataset=action.dataset,
            effective_date=action.effective_date,
            publication_date=action.publication_date,
            rule=rule.label() if rule else action.citation,
            citation=action.citation,
            fr_doc=action.fr_doc,
            federal_register=action.federal_register,
            title=rule.title if rule else None,
            reason=action.reason,
            change=action.changes.model_dump(mode="json", exclude_defaults=True) if action.changes else None,
            unverified=action.unverified,
            unverified_fields=list(action.unverified_fields),
            notes=action.notes,
        )


class PartyList(_Out):
    as_of: dt.date
    country: str | None
    parties: list[PartyOut]
    # the first and last dates of the store's history (None for an empty store): a date before
    # the first gets an empty list because nothing is recorded then, not because nobody was listed
    history_from: dt.date | None = None
    history_to: dt.date | None = None


class History(_Out):
    party: PartyOut
    actions: list[ActionOut]


class Change(_Out):
    """One party's net change over a period, with the actions that made it."""

    change: Literal["added", "removed", "modified", "added_and_removed"]
    party: PartySummary
    actions: list[ActionOut]


class Diff(_Out):
    from_date: dt.date = Field(serialization_alias="from")
    to_date: dt.date = Field(serialization_alias="to")
    changes: list[Change]

    def as_json(self) -> Any:
        return self.model_dump(mode="json", by_alias=True)


StatsBy = Literal["year", "country", "reason", "rule"]


class Stats(_Out):
    """Counts: actions per year or rule, or listed parties per country or reason category."""

    by: StatsBy
    as_of: dt.date
    rows: list[dict[str, str | int | None]] = Field(
        description="year: {year, add, modify, remove}; rule: {rule, effective_date, add, modify, remove}; "
        "country: {country, parties}; reason: {reason, parties}"
    )


# -- screening ---------------------------------------------------------------------------------
class TokenAlignment(_Out):
    """A query word (or words) aligned to a listed word, and how they were found alike."""

    query: str
    listed: str
    how: str = Field(description="exact, fuzzy, phonetic, synonym, joined, acronym, skeleton, ...")
    similarity: float
    weight: float = Field(description="Weight of the listed words in the listed name")


class FeatureContribution(_Out):
    """One named feature of the score and what it added (name_similarity first)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    feature: str
    value: float
    contribution: float
    weight: float | None = None


class Explanation(_Out):
    """Why a name matched: the aligned words, the words left over, and each feature's part."""

    matched_name: str
    name_kind: str = Field(description="name, or the kind of alias matched")
    tokens: list[TokenAlignment]
    unmatched_query: list[str]
    unmatched_listed: list[str]
    features: list[FeatureContribution]

    def as_json(self) -> Any:
        return self.model_dump(mode="json", exclude_none=True)


class Listing(_Out):
    """The listing facts a match reports beside the party's name."""

    source: str
    country: str | None
    type: str
    listed_since: dt.date | None
    federal_register: list[str]
    license_requirement: str | None
    license_review_policy: str | None
    unverified: bool
    programs: list[str]

    @classmethod
    def from_state(cls, state: PartyState) -> Listing:
        party = state.party
        return cls(
            source=party.source,
            country=party.country,
            type=party.type,
            listed_since=state.listed_since,
            federal_register=state.citations(),
            license_requirement=party.license_requirement,
            license_review_policy=party.license_review_policy,
            unverified=party.unverified,
            programs=list(party.programs),
        )


class MatchOut(_Out):
    """A listed party a screened name may be, with its score in [0, 1] and why."""

    party_id: str
    party_name: str
    matched_name: str
    score: float
    explanation: Explanation | None
    listing: Listing
    review: ReviewNote | None = Field(default=None, description="The latest review of this (counterparty, party) pair")
    suppressed: bool = Field(default=False, description="Cleared by a review and unchanged since: shown, but not a hit")
    license: LicenseCheck | None = Field(default=None, description="The license determination for the item asked (--item)")


class ScreenQuery(_Out):
    name: str
    country: str | None = None
    address: str | None = None
    as_of: dt.date
    type: str | None = Field(default=None, description="person, organization or vessel, when known")
    birth_date: str | None = Field(default=None, description="YYYY or YYYY-MM-DD")
    nationality: str | None = None
    identifiers: list[str] = Field(default_factory=list, description="Passport, registration or IMO numbers")
    counterparty_id: str | None = Field(default=None, description="The user's own id for the counterparty (reviews key on it)")
    item: str | None = Field(default=None, description="ECCN or EAR99 whose license determination each match carries")


class ScreenResult(_Out):
    query: ScreenQuery
    matches: list[MatchOut]

    def as_json(self) -> Any:
        data = self.model_dump(mode="json")
        for match, source in zip(data["matches"], self.matches, strict=True):
            match["explanation"] = source.explanation.as_json() if source.explanation else {}
        return data


class NotScreened(_Out):
    row: int
    reason: str


class BatchReport(_Out):
    """What screening a file did."""

    input: str
    output: str
    as_of: dt.date
    rows: int
    screened: int
    distinct_names: int
    rows_with_match: int
    not_screened_rows: int
    not_screened: list[NotScreened] = Field(description="The first 1,000 rows that could not be screened")
    suppressed_rows: int = Field(default=0, description="Output rows whose match a review cleared (entry unchanged since)")


class ImportReport(_Out):
    """What an import did to its dataset."""

    format: str
    dataset: str
    source: str
    entries: int
    seconds: float
    added: int
    removed: int
    modified: int
    unchanged: int
    skipped_rows: list[str]
    linked: int = Field(default=0, description="Records this import linked to parties of other datasets")
    unreadable_birth_dates: int = Field(
        default=0, description="Listed dates of birth matching cannot read: kept as written, left out of the date-of-birth feature"
    )


class ExportReport(_Out):
    format: str
    as_of: dt.date
    output: str
    parties: int


class UpdateReport(_Out):
    """What ``update`` did: nothing when the server said the list is unchanged."""

    source: str
    unchanged: bool
    result: ImportReport | None = None


class PartyRef(_Out):
    """A party named in a link suggestion."""

    id: str
    name: str
    source: str
    datasets: list[str]

    @classmethod
    def from_state(cls, state: PartyState) -> PartyRef:
        return cls(id=state.id, name=state.party.name, source=state.party.source, datasets=state.datasets)


class LinkOut(_Out):
    """One row a link or unlink wrote: ``record`` now belongs to ``party``."""

    record: str
    party: str
    kind: Literal["auto", "link", "unlink"]
    other: str | None
    evidence: str | None

    @classmethod
    def from_row(cls, row: LinkRow) -> LinkOut:
        return cls(record=row.record_id, party=row.party_id, kind=row.kind, other=row.other_id, evidence=row.evidence)


class LinkSuggestion(_Out):
    """Two parties that may be one, with the matched name and what speaks for and against it."""

    first: PartyRef
    second: PartyRef
    score: float
    matched_name: str
    evidence: str


class DatabaseStatus(_Out):
    url: str = Field(description="The database URL, password hidden")
    schema_revision: str | None
    actions: int


class Metrics(_Out):
    """How well scores separate labelled pairs; None where one label is absent."""

    pairs: int
    positives: int
    negatives: int
    auc: float | None = Field(description="ROC AUC: the chance a true pair outscores a false one")
    recall_at_1pct_fpr: float | None
    recall_at_5pct_fpr: float | None
    threshold: float
    precision: float | None = Field(description="At the threshold")
    recall: float | None
    f1: float | None


class PairError(_Out):
    """A true pair scored under the threshold (miss) or a false pair at or above it (false_hit)."""

    kind: Literal["miss", "false_hit"]
    left: str
    right: str
    type: str
    label: int
    score: float


class Evaluation(Metrics):
    """``evaluate``: the metrics over every pair, per type, and the errors at the threshold."""

    by_type: dict[str, Metrics]
    errors: list[PairError]


class Comparison(_Out):
    """``compare``: one name scored as a query against another as a listed name."""

    left: str
    right: str
    type: str | None
    score: float
    explanation: Explanation

    def as_json(self) -> Any:
        data = self.model_dump(mode="json")
        data["explanation"] = self.explanation.as_json()
        return data


# -- document scanning -------------------------------------------------------------------------
class MentionOut(_Out):
    """A passage of a document that names a listed party."""

    party_id: str
    party_name: str
    text: str = Field(description="The passage as the document writes it")
    start: int = Field(description="Character offset of the passage in the document's extracted text")
    end: int = Field(description="Character offset just after the passage")
    score: float
    explanation: Explanation | None
    # for terminal output: the text around the passage, and the party's listing
    before: str = Field(default="", exclude=True)
    after: str = Field(default="", exclude=True)
    country: str | None = Field(default=None, exclude=True)
    license: LicenseCheck | None = Field(
        default=None, description="The license determination of the party for the item asked (--item); absent without one"
    )


class DocumentScan(_Out):
    """One document's mentions, and what got in the way of reading it."""

    source: str = Field(description="The file (an e-mail attachment: 'message.eml / attachment.pdf'; '-': standard input)")
    mentions: list[MentionOut]
    warnings: list[str] = Field(description="Why the document could not be read, or what of it could not be")
    unreadable: bool = Field(default=False, exclude=True)


class ScanReport(_Out):
    """Every document scanned, in order."""

    documents: list[DocumentScan]
    as_of: dt.date | None = Field(default=None, exclude=True)
    threshold: float | None = Field(default=None, exclude=True)
    item: str | None = Field(default=None, exclude=True)

    def as_json(self) -> Any:
        """The report's JSON; a mention carries ``license`` only when an item was asked."""
        data = self.model_dump(mode="json")
        if self.item is None:
            for document in data["documents"]:
                for mention in document["mentions"]:
                    mention.pop("license", None)
        return data

    @property
    def unreadable(self) -> int:
        return sum(1 for d in self.documents if d.unreadable)

    @property
    def found(self) -> bool:
        return any(d.mentions for d in self.documents)
