"""Figures for charts: parties listed per year (by country, by reason) and the largest rules.

``stats`` counts actions per year, or listed parties per country on one date; a chart of how the
list grew needs both at once, so this service counts each party once, in the year it was first
added, under its country and the reason category of the rule that added it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from pydantic import Field

from entitylist.model import ActionKind, Rule
from entitylist.reference import vocabulary
from entitylist.services.base import StoreBacked
from entitylist.services.output_model import Out as _Out
from entitylist.state import PartyState

OTHER = "other"


class YearSeries(_Out):
    """One line of a chart: a country's (or reason's) count of parties first added in each year."""

    key: str = Field(description="ISO country code or reason category; 'other' gathers the rest")
    label: str
    counts: list[int] = Field(description="One count per year of Insights.years")
    total: int


class RuleSize(_Out):
    """A rule and how many listing actions it ordered."""

    rule: str = Field(description="How a person cites the rule (its FR citation, else document number)")
    title: str | None
    effective_date: dt.date
    added: int
    modified: int
    removed: int
    total: int


class Insights(_Out):
    """What the charts show, as of a date."""

    as_of: dt.date
    years: list[int]
    parties: int = Field(description="Parties ever added up to as_of, each once")
    by_country: list[YearSeries] = Field(description="The largest countries first, then 'other'")
    by_reason: list[YearSeries]
    largest_rules: list[RuleSize] = Field(description="Rules by the number of actions they ordered, largest first")


class InsightService(StoreBacked):
    """Counts over the history for charts (read-only)."""

    def insights(self, as_of: dt.date, *, top_countries: int = 8, top_rules: int = 10) -> Insights:
        """Parties first added per year, by country (the ``top_countries`` largest, the rest as
        'other') and by reason category; the ``top_rules`` rules that ordered most actions."""
        rules = self._store.rules()
        states = [s for s in self._store.states(as_of).values() if _first_added(s) is not None]
        years = sorted({_year(s) for s in states})
        countries = Counter(s.party.country or "??" for s in states)
        kept = {code for code, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:top_countries]}
        vocab = vocabulary()
        by_country = _series(
            years,
            [(s.party.country or "??" if (s.party.country or "??") in kept else OTHER, _year(s)) for s in states],
            lambda code: "Other countries" if code == OTHER else vocab.country_name(code) if code != "??" else "Unknown",
        )
        reason_labels = {code: label for code, (label, _phrases) in vocab.reason_categories.items()}
        by_reason = _series(
            years,
            [(_reason_of(s, rules), _year(s)) for s in states],
            lambda code: reason_labels.get(code, code),
        )
        return Insights(
            as_of=as_of,
            years=years,
            parties=len(states),
            by_country=by_country,
            by_reason=by_reason,
            largest_rules=self._largest_rules(as_of, rules, top_rules),
        )

    def _largest_rules(self, as_of: dt.date, rules: dict[str, Rule], top: int) -> list[RuleSize]:
        per_rule: dict[str, Counter[ActionKind]] = {}
        for action in self._store.actions(until=as_of):
            if action.rule_id in rules:
                per_rule.setdefault(action.rule_id or "", Counter())[action.kind] += 1
        sizes = [
            RuleSize(
                rule=rules[rule_id].label(),
                title=rules[rule_id].title,
                effective_date=rules[rule_id].effective_date,
                added=counts[ActionKind.ADD],
                modified=counts[ActionKind.MODIFY],
                removed=counts[ActionKind.REMOVE],
                total=sum(counts.values()),
            )
            for rule_id, counts in per_rule.items()
        ]
        sizes.sort(key=lambda r: (-r.total, r.effective_date, r.rule))
        return sizes[:top]


def _first_added(state: PartyState) -> dt.date | None:
    return min((a.effective_date for a in state.actions if a.kind is ActionKind.ADD), default=None)


def _year(state: PartyState) -> int:
    first = _first_added(state)
    assert first is not None  # only parties that were added are counted
    return first.year


def _reason_of(state: PartyState, rules: dict[str, Rule]) -> str:
    """The reason category of the rule that first added the party; 'other' for imports, which name none."""
    adds = sorted((a for a in state.actions if a.kind is ActionKind.ADD), key=lambda a: a.effective_date)
    rule = rules.get(adds[0].rule_id or "") if adds else None
    if rule is None:
        return OTHER
    return rule.reason_category or vocabulary().reason_category(rule.reason)


def _series(years: list[int], points: list[tuple[str, int]], label: Callable[[str], str]) -> list[YearSeries]:
    """Count (key, year) points into one series per key, largest total first, 'other' last."""
    at = {year: i for i, year in enumerate(years)}
    counts: dict[str, list[int]] = {}
    for key, year in points:
        counts.setdefault(key, [0] * len(years))[at[year]] += 1
    series = [YearSeries(key=k, label=label(k), counts=c, total=sum(c)) for k, c in counts.items()]
    series.sort(key=lambda s: (s.key == OTHER, -s.total, s.label))
    return series
