"""What the licensing, ownership, review and audit services return (typed Pydantic models)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from entitylist.services.output_model import Out as _Out

ReviewPolicy = Literal["presumption_of_denial", "case_by_case", "presumption_of_approval", "other"]
Decision = Literal["cleared", "confirmed", "escalated"]


class Footnote(_Out):
    number: int
    label: str
    effect: str
    citation: str


class PartyBrief(_Out):
    """The party an answer rests on."""

    id: str
    name: str
    country: str | None
    source: str = Field(description="Code of the list (EL, SDN, ...)")
    listed: bool = Field(description="Listed on the date asked")


class RuleState(_Out):
    """The Affiliates rule on the date asked."""

    citation: str
    status: Literal["in_effect", "suspended", "not_yet_in_force"]
    in_effect: bool
    period: str


class Affiliation(_Out):
    """What the ownership graph says of a party on the date: its aggregate listed ownership."""

    restricted_share: float | None = Field(description="Summed percent of listed and restricted owners (None: none)")
    threshold: float
    meets_threshold: bool
    path: list[str] = Field(description="The ownership path, from the listed owners down")
    rule: RuleState
    red_flag: str | None = Field(description="Red Flag 29 when listed or restricted owners hold unknown shares")


class LicenseCheck(_Out):
    """``license-check``: may ``item`` go to ``party`` on ``as_of`` without a license?"""

    query: str
    item: str
    as_of: dt.date
    license_required: bool
    review_policy: ReviewPolicy | None = Field(description="How an application would be reviewed (None: no license required)")
    policy_text: str | None = Field(description="The review policy as listed, verbatim")
    requirement_text: str | None = Field(description="The license requirement as listed, verbatim")
    citation: list[str] = Field(description="Federal Register citations of the entry (and the Affiliates rule for an affiliate)")
    effective_date: dt.date | None = Field(description="When the entry's terms in force on the date took effect")
    footnotes: list[Footnote]
    references: list[str] = Field(description="CFR sections the terms cite (§ 744.11(b), ...)")
    party: PartyBrief | None = Field(description="The listed party the answer rests on")
    basis: Literal["listed", "affiliate", "red_flag", "none"] = Field(
        description="listed: the party's own entry; affiliate: owned 50 % or more by listed or restricted parties "
        "(the Affiliates rule in effect); red_flag: listed or restricted owners of unknown share (Red Flag 29: a license "
        "is needed until the ownership is determined); none: no Entity List requirement found"
    )
    affiliation: Affiliation | None = None
    warnings: list[str]


class OwnershipEdge(_Out):
    node: str = Field(description="Party id, or name:<name> for a company that is no party of the store")
    name: str
    share: float | None
    source: str | None
    as_of: dt.date | None
    listed: bool
    restricted: bool


class OwnershipView(_Out):
    """``ownership show``: a party's owners and holdings, and what the 50 % rule makes of it."""

    node: str
    name: str
    as_of: dt.date
    listed: bool
    owners: list[OwnershipEdge]
    holdings: list[OwnershipEdge]
    affiliation: Affiliation | None


class OwnershipImportReport(_Out):
    source: str
    links: int
    unknown_shares: int
    named_nodes: int = Field(description="Owned companies that are no party of the store, kept by name")
    import_id: int


class ReviewOut(_Out):
    id: int
    party_id: str
    party_name: str | None
    counterparty: str
    counterparty_id: str | None
    decision: Decision
    reason: str | None
    reviewer: str
    reviewed_at: dt.datetime
    closed_alerts: list[int] = []  # (a cleared pair's open monitoring alerts, closed by the review)


class EntryChange(_Out):
    """An action on a reviewed party after the review: why a cleared hit came back."""

    kind: str
    effective_date: dt.date
    rule: str | None
    description: str | None


class ReviewNote(_Out):
    """The latest review of a hit's (counterparty, party) pair, shown with the hit."""

    review_id: int
    decision: Decision
    reviewer: str
    reason: str | None
    reviewed_at: dt.datetime
    suppressed: bool = Field(description="A cleared pair whose listed entry has not changed since: not a hit")
    changed_since: list[EntryChange] = Field(description="What changed in the entry after the review")


class AuditRecordOut(_Out):
    sequence: int
    recorded_at: str
    kind: str
    actor: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class AuditVerification(_Out):
    ok: bool
    records: int
    head: str | None = Field(description="Hash of the last record (keep it outside the database to anchor the chain)")
    first_bad: int | None
    problem: str | None
