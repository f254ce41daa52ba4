"""The Affiliates rule as data: its citation, threshold, owner lists and when it is in force.

Read from ``vocab/affiliates_rule.yaml``. A date outside every period is before the rule (not in
force); a suspension is a period of status ``suspended``. Whether a party is an affiliate is the
ownership graph's question (:mod:`entitylist.ownership`); this module says whether that matters
on a date.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from entitylist.reference import load_package_yaml

STATUSES = ("in_effect", "suspended")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None
    status: str
    citation: str

    def holds(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class RuleStatus:
    """The rule on one date: ``status`` is in_effect, suspended or not_yet_in_force."""

    status: str
    period: Period | None

    @property
    def in_effect(self) -> bool:
        return self.status == "in_effect"

    def describe(self) -> str:
        if self.period is None:
            return "not yet in force"
        until = f" until {self.period.end.isoformat()}" if self.period.end else ""
        words = "in effect" if self.in_effect else "suspended"
        return f"{words} from {self.period.start.isoformat()}{until} ({self.period.citation})"


@dataclass(frozen=True)
class AffiliatesRule:
    name: str
    citation: str
    threshold: float
    owner_lists: frozenset[str]
    red_flag: str
    periods: tuple[Period, ...]

    def on(self, date: dt.date) -> RuleStatus:
        for period in self.periods:
            if period.holds(date):
                return RuleStatus(period.status, period)
        return RuleStatus("not_yet_in_force", None)


@functools.cache
def affiliates_rule() -> AffiliatesRule:
    """The rule as the package's YAML describes it."""
    return rule_from(load_package_yaml("entitylist.vocab", "affiliates_rule.yaml"))


def rule_from(raw: dict[str, Any]) -> AffiliatesRule:
    """The rule from its YAML data (checked: statuses known, periods in order)."""
    periods = tuple(
        Period(p["start"], p.get("end"), p["status"], str(p.get("citation") or raw["citation"])) for p in raw["periods"]
    )
    for earlier, later in zip(periods, periods[1:]):
        if earlier.end is None or later.start <= earlier.end:
            raise ValueError("affiliates_rule.yaml: periods overlap or are out of order")
    if any(p.status not in STATUSES for p in periods):
        raise ValueError(f"affiliates_rule.yaml: a period's status is not one of {', '.join(STATUSES)}")
    return AffiliatesRule(
        name=str(raw["name"]),
        citation=str(raw["citation"]),
        threshold=float(raw["threshold_percent"]),
        owner_lists=frozenset(raw["owner_lists"]),
        red_flag=" ".join(str(raw["red_flag"]).split()),
        periods=periods,
    )
