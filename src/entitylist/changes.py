"""What changed on the list between two dates, and counts over the history."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from entitylist.errors import InvalidInput
from entitylist.model import ActionKind, ListingAction, Rule
from entitylist.parties import Membership, merge
from entitylist.state import PartyState, action_order, fold

ChangeKind = Literal["added", "removed", "modified", "added_and_removed"]
StatsBy = Literal["year", "country", "reason", "rule"]


@dataclass
class PartyChange:
    """One party's net change over a period, with the actions (and so the rules) that made it."""

    kind: ChangeKind
    state: PartyState
    actions: list[ListingAction]


def diff(
    actions: Iterable[ListingAction], start: dt.date, end: dt.date, membership: Membership | None = None
) -> list[PartyChange]:
    """Net changes of parties (records merged by ``membership``) between the end of ``start`` and
    the end of ``end`` (actions in (start, end])."""
    if start > end:
        raise InvalidInput(f"the first date ({start}) is after the second ({end})")
    links = membership or Membership()
    log = sorted(actions, key=action_order)
    before, after = merge(fold(log, start), links), merge(fold(log, end), links)
    window: dict[str, list[ListingAction]] = {}
    for action in log:
        party_id = links.party_of(action.party_id)
        if start < action.effective_date <= end and party_id in after:
            window.setdefault(party_id, []).append(action)
    result: list[PartyChange] = []
    for party_id, acts in window.items():
        was = party_id in before and before[party_id].listed
        now = after[party_id].listed
        kind: ChangeKind
        if now and not was:
            kind = "added"
        elif was and not now:
            kind = "removed"
        elif was and now:
            kind = "modified"
        else:
            kind = "added_and_removed"
        result.append(PartyChange(kind, after[party_id], acts))
    order = {"added": 0, "removed": 1, "modified": 2, "added_and_removed": 3}
    result.sort(key=lambda c: (order[c.kind], c.state.party.country or "", c.state.party.name.casefold()))
    return result


def stats(
    actions: Iterable[ListingAction],
    rules: Mapping[str, Rule],
    by: StatsBy,
    as_of: dt.date,
    membership: Membership | None = None,
) -> list[dict[str, object]]:
    """Rows of counts: actions per year or rule; listed parties per country or reason category."""
    log = [a for a in actions if a.effective_date <= as_of]
    if by == "year":
        per_year: dict[int, Counter[str]] = {}
        for action in log:
            per_year.setdefault(action.effective_date.year, Counter())[action.kind.value] += 1
        return [{"year": y, **_kinds(c)} for y, c in sorted(per_year.items())]
    if by == "rule":
        per_rule: dict[str, Counter[str]] = {}
        for action in log:
            per_rule.setdefault(action.rule_id or "(no rule)", Counter())[action.kind.value] += 1
        rows: list[dict[str, object]] = []
        for rule_id, counts in per_rule.items():
            rule = rules.get(rule_id)
            rows.append(
                {
                    "rule": rule.label() if rule else rule_id,
                    "effective_date": rule.effective_date.isoformat() if rule else None,
                    **_kinds(counts),
                }
            )
        return sorted(rows, key=lambda r: (str(r["effective_date"]), str(r["rule"])))
    listed = [s for s in merge(fold(log, as_of), membership or Membership()).values() if s.listed]
    if by == "country":
        counts = Counter(s.party.country or "??" for s in listed)
        return [{"country": c, "parties": n} for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if by == "reason":
        counts = Counter(_reason_of(s, rules) for s in listed)
        return [{"reason": r, "parties": n} for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    raise InvalidInput(f"unknown statistic {by!r}: use year, country, reason or rule")


def _kinds(counts: Counter[str]) -> dict[str, int]:
    return {k.value: counts.get(k.value, 0) for k in ActionKind}


def _reason_of(state: PartyState, rules: Mapping[str, Rule]) -> str:
    """The reason category of the rule that (last) added the party (imports name no rule)."""
    added_by = [rules[a.rule_id] for a in state.actions if a.kind is ActionKind.ADD and a.rule_id and a.rule_id in rules]
    return (added_by[-1].reason_category if added_by else None) or "other"
