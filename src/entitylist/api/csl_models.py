"""The trade.gov Consolidated Screening List search API (v1) response, field for field."""

from __future__ import annotations

import datetime as dt
from pydantic import BaseModel, Field


class CslAddress(BaseModel):
    address: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None


class CslId(BaseModel):
    type: str | None = None
    number: str | None = None
    country: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


class CslResult(BaseModel):
    """One entry, with every CSL column: null or [] where the entry has nothing."""

    id: str
    source: str
    entity_number: str | None = None
    type: str | None = None
    programs: list[str] = Field(default_factory=list)
    name: str
    title: str | None = None
    addresses: list[CslAddress] = Field(default_factory=list)
    federal_register_notice: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    standard_order: str | None = None
    license_requirement: str | None = None
    license_policy: str | None = None
    call_sign: str | None = None
    vessel_type: str | None = None
    gross_tonnage: str | None = None
    gross_registered_tonnage: str | None = None
    vessel_flag: str | None = None
    vessel_owner: str | None = None
    remarks: str | None = None
    source_list_url: str | None = None
    alt_names: list[str] = Field(default_factory=list)
    citizenships: list[str] = Field(default_factory=list)
    dates_of_birth: list[str] = Field(default_factory=list)
    nationalities: list[str] = Field(default_factory=list)
    places_of_birth: list[str] = Field(default_factory=list)
    source_information_url: str | None = None
    ids: list[CslId] = Field(default_factory=list)
    score: float | None = Field(default=None, description="fuzzy_name=true only: 0-100, see the README")
    matched_fields: list[str] | None = Field(default=None, description="fuzzy_name=true only: name or alt_names")


class CslSourceUsed(BaseModel):
    source: str
    source_last_updated: dt.datetime | None
    last_imported: dt.datetime | None
    import_rate: str


class CslSearchResponse(BaseModel):
    total: int
    offset: int
    sources_used: list[CslSourceUsed]
    search_performed_at: dt.datetime
    results: list[CslResult]
