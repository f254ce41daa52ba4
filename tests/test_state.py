"""As-of logic: the list on a date is the fold of the actions effective up to that date."""

from __future__ import annotations

import datetime as dt

from entitylist.model import ActionKind, Alias, AliasKind, Changes, ListingAction, Party
from entitylist.state import fold, listed_on

D = dt.date


def add(pid: str, on: dt.date, seq: int, name: str | None = None, published: dt.date | None = None) -> ListingAction:
    party = Party(id=pid, name=name or pid.upper(), country="CN")
    return ListingAction(kind=ActionKind.ADD, party_id=pid, effective_date=on, publication_date=published, party=party, sequence=seq)


def remove(pid: str, on: dt.date, seq: int, published: dt.date | None = None) -> ListingAction:
    return ListingAction(kind=ActionKind.REMOVE, party_id=pid, effective_date=on, publication_date=published, sequence=seq)


def modify(pid: str, on: dt.date, seq: int, **changes: object) -> ListingAction:
    return ListingAction(
        kind=ActionKind.MODIFY, party_id=pid, effective_date=on, changes=Changes.model_validate(changes), sequence=seq
    )


def ids(actions: list[ListingAction], on: dt.date) -> list[str]:
    return [s.id for s in listed_on(actions, on)]


def test_add_takes_effect_on_its_effective_date() -> None:
    log = [add("a", D(2019, 10, 9), 1)]
    assert ids(log, D(2019, 10, 8)) == []
    assert ids(log, D(2019, 10, 9)) == ["a"]
    assert ids(log, D(2030, 1, 1)) == ["a"]


def test_remove_ends_listing_and_keeps_history() -> None:
    log = [add("a", D(2020, 6, 5), 1), remove("a", D(2023, 11, 16), 2)]
    assert ids(log, D(2023, 11, 15)) == ["a"]
    assert ids(log, D(2023, 11, 16)) == []
    state = fold(log)["a"]
    assert not state.listed
    assert state.removed_on == D(2023, 11, 16)
    assert state.listed_since == D(2020, 6, 5)
    assert [a.kind for a in state.actions] == [ActionKind.ADD, ActionKind.REMOVE]


def test_relisting_restarts_listed_since() -> None:
    log = [add("a", D(2020, 1, 1), 1), remove("a", D(2021, 1, 1), 2), add("a", D(2022, 1, 1), 3)]
    state = fold(log, D(2022, 6, 1))["a"]
    assert state.listed and state.listed_since == D(2022, 1, 1) and state.removed_on is None


def test_modify_applies_from_its_date_only() -> None:
    log = [
        add("a", D(2019, 10, 9), 1),
        modify("a", D(2020, 7, 22), 2, license_review_policy="revised", aliases_added=[{"name": "A2"}]),
    ]
    before = fold(log, D(2020, 7, 21))["a"].party
    after = fold(log, D(2020, 7, 22))["a"].party
    assert before.license_review_policy is None and before.aliases == ()
    assert after.license_review_policy == "revised"
    assert [a.name for a in after.aliases] == ["A2"]


def test_rename_keeps_old_name_as_formerly_known_as() -> None:
    log = [add("a", D(2019, 1, 1), 1, name="Old Name"), modify("a", D(2020, 1, 1), 2, name="New Name")]
    party = fold(log)["a"].party
    assert party.name == "New Name"
    assert Alias(name="Old Name", kind=AliasKind.FKA) in party.aliases


def test_alias_removal_and_footnotes() -> None:
    log = [
        add("a", D(2019, 1, 1), 1),
        modify("a", D(2019, 2, 1), 2, aliases_added=[{"name": "X"}, {"name": "Y"}], footnotes_added=[1]),
        modify("a", D(2019, 3, 1), 3, aliases_removed=["x"]),
    ]
    party = fold(log)["a"].party
    assert [a.name for a in party.aliases] == ["Y"]
    assert party.footnotes == (1,)


def test_same_day_actions_apply_in_recording_order() -> None:
    # a rule that removes an entry and re-adds it the same day leaves it listed ...
    day = D(2021, 7, 12)
    log = [add("a", D(2020, 1, 1), 1), remove("a", day, 2), add("a", day, 3, name="A renamed")]
    assert ids(log, day) == ["a"]
    assert fold(log, day)["a"].party.name == "A renamed"
    # ... and the reverse order on one day leaves it removed, whatever order the log is given in
    log = [add("b", day, 5), remove("b", day, 6)]
    assert ids(list(reversed(log)), day) == []


def test_same_effective_date_orders_by_publication_date_first() -> None:
    day = D(2022, 2, 14)
    # recorded first but published later: the later-published removal wins
    log = [remove("a", day, 10, published=D(2022, 4, 11)), add("a", day, 11, published=D(2022, 2, 14))]
    assert ids(log, day) == []


def test_modify_or_remove_of_unknown_party_is_ignored_for_the_list() -> None:
    log = [remove("ghost", D(2020, 1, 1), 1), modify("ghost", D(2020, 1, 2), 2, name="G")]
    assert fold(log) == {}


def test_citations_are_collected_once_in_order() -> None:
    first = add("a", D(2019, 1, 1), 1).model_copy(update={"federal_register": "84 FR 54004, 10/9/19"})
    second = modify("a", D(2020, 1, 1), 2).model_copy(update={"citation": "85 FR 44159"})
    third = modify("a", D(2020, 2, 1), 3).model_copy(update={"citation": "85 FR 44159"})
    assert fold([first, second, third])["a"].citations() == ["84 FR 54004, 10/9/19", "85 FR 44159"]
