"""One party per real party: source keys, stable record ids, records merged into parties, links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from entitylist import linking
from entitylist.changes import diff, stats
from entitylist.errors import InvalidInput, NotFound
from entitylist.importers import csl, ftm, sdn
from entitylist.importing import import_source
from entitylist.model import ActionKind, ListingAction
from entitylist.lookup import find_in
from entitylist.screener import Screener
from entitylist.services.models import PartyOut
from entitylist.store import Store

from .official_formats import ISN, SDN, el_row, ftm_lines, write_csl_csv, write_ftm, write_sdn_files

D = dt.date
ON = D(2024, 6, 1)
HIK_ROW = "Hangzhou Hikvision Digital Technology Co., Ltd."
IFS = "cn-ministry-of-public-securitys-institute-of-forensic-science-of-china"  # removed in 2023


def entity_list_rows() -> list[dict[str, str]]:
    """The CSL's Entity List rows of Hikvision and Dahua (as bundled), and one party new to the store."""
    return [
        el_row(HIK_ROW, _id="hik", alt_names="Hikvision; HIKVISION DIGITAL TECHNOLOGY", federal_register_notice="84 FR 54004, 10/9/19"),
        el_row("Zhejiang Dahua Technology Co., Ltd.", _id="dahua", alt_names="Dahua Technology; and Dahua.", federal_register_notice="84 FR 54004"),
        el_row("Totally New Widgets Co., Ltd.", _id="new", start_date="2024-05-01", federal_register_notice="89 FR 1234"),
    ]


def bundled_store(tmp_path: Path, name: str = "store.sqlite") -> Store:
    return Store.open(str(tmp_path / name))


def import_rows(store: Store, tmp_path: Path, rows: list[dict[str, str]], on: dt.date = ON, **kw: object) -> object:
    path = write_csl_csv(tmp_path / f"csl-{len(store.imports())}.csv", rows, with_id=bool(kw.pop("with_id", True)))
    return import_source(store, "csl", str(path), on=on, **kw)  # type: ignore[arg-type]


def test_csl_rows_of_bundled_parties_join_them(tmp_path: Path) -> None:
    store = bundled_store(tmp_path)
    before = len(store.listed(ON))
    reasons = stats(store.actions(until=ON), store.rules(), "reason", ON, store.membership())
    result = import_rows(store, tmp_path, entity_list_rows())
    assert result.summary.added == 3 and result.linked == 2  # type: ignore[attr-defined]
    assert len(store.listed(ON)) == before + 1  # only the genuinely new party
    parties = store.parties()
    hik = find_in(parties, "hikvision")
    assert hik.id == "cn-hikvision"
    assert hik.records == ["cn-hikvision", "el-cn-hangzhou-hikvision-digital-technology"]
    assert find_in(parties, "el-cn-hangzhou-hikvision-digital-technology") is hik  # the record id resolves to its party
    assert find_in(parties, HIK_ROW) is hik
    shown = PartyOut.from_state(hik).as_json()
    assert shown["datasets"] == ["bundled", "csl"] and shown["referents"] == hik.records
    assert {a.dataset for a in hik.actions} == {"bundled", "csl"}
    assert [a.effective_date for a in hik.actions] == sorted(a.effective_date for a in hik.actions)  # interleaved
    assert find_in(parties, "dahua").records == ["cn-dahua-technology", "el-cn-zhejiang-dahua-technology"]
    why = next(r.evidence for r in store.membership().rows if r.record_id.startswith("el-cn-hangzhou"))
    assert why is not None and "84 FR 54004" in why and "same list EL" in why
    # screening returns the party once, at its best name of any record
    matches = Screener(store).screen(HIK_ROW, as_of=ON)
    assert [m.party_id for m in matches].count("cn-hikvision") == 1
    assert matches[0].party_id == "cn-hikvision" and matches[0].matched_name == HIK_ROW and matches[0].score == 1.0
    # diff and stats count the party once: 84 FR 54002 still adds 28 parties
    changes = diff(store.actions(until=D(2019, 10, 9)), D(2019, 10, 8), D(2019, 10, 9), store.membership())
    assert len(changes) == 28
    by_country = stats(store.actions(until=ON), store.rules(), "country", ON, store.membership())
    assert sum(int(str(row["parties"])) for row in by_country) == before + 1
    by_reason = {str(r["reason"]): r["parties"] for r in stats(store.actions(until=ON), store.rules(), "reason", ON, store.membership())}
    expected = {str(r["reason"]): r["parties"] for r in reasons}
    expected["other"] = int(str(expected.get("other", 0))) + 1  # only the new party, which no rule added
    assert by_reason == expected
    # re-importing the same file changes nothing and links nothing more
    again = import_rows(store, tmp_path, entity_list_rows(), on=ON + dt.timedelta(days=1))
    assert (again.summary.added, again.summary.unchanged, again.linked) == (0, 3, 0)  # type: ignore[attr-defined]


def test_renamed_entry_under_the_same_key_is_one_modify(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite"), seed=False)
    import_rows(store, tmp_path, entity_list_rows())
    rows = entity_list_rows()
    rows[2]["name"] = "Totally Renamed Gadgets Co., Ltd."
    rows[2]["addresses"] = "No. 9 Other Road, Shenzhen, Guangdong, CN"
    later = import_rows(store, tmp_path, rows, on=D(2024, 7, 1))
    assert (later.summary.added, later.summary.removed, later.summary.modified) == (0, 0, 1)  # type: ignore[attr-defined]
    modify = store.actions()[-1]
    assert modify.kind is ActionKind.MODIFY and modify.party_id == "el-cn-totally-new-widgets"
    assert modify.changes is not None and "renamed from 'Totally New Widgets Co., Ltd.'" in (modify.changes.description or "")
    parties = store.parties()
    renamed = find_in(parties, "Totally Renamed Gadgets")
    assert renamed.id == "el-cn-totally-new-widgets" and [a.kind for a in renamed.actions] == [ActionKind.ADD, ActionKind.MODIFY]
    assert renamed.listed and renamed.listed_since == D(2024, 5, 1)  # history unbroken
    assert len(parties.states) == 3
    # a new party reusing the old name later gets a new id: ids are never reused or recomputed
    rows.append(el_row("Totally New Widgets Co., Ltd.", _id="new-2", start_date="2024-08-01"))
    import_rows(store, tmp_path, rows, on=D(2024, 8, 1))
    assert "el-cn-totally-new-widgets-2" in store.states()


@pytest.mark.parametrize("layout", ["entity number", "name and country"])
def test_older_layout_keys(tmp_path: Path, layout: str) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite"), seed=False)
    sdn_row = {"source": SDN, "entity_number": "29045", "type": "Individual", "name": "RIM, Ryong Nam", "addresses": "Shenyang, CN"}
    row = sdn_row if layout == "entity number" else el_row("Xi?an Institute of Optics", addresses="Xi?an, Shaanxi, CN")
    import_rows(store, tmp_path, [dict(row)], with_id=False)
    changed = dict(row)
    if layout == "entity number":
        changed["name"] = "RIM, Ryong-Nam"  # renamed under the same list + entry number
    else:
        changed["addresses"] = "No. 17 Xinxi Road, Xi'an, Shaanxi, CN"  # re-addressed: same name, same country
    later = import_rows(store, tmp_path, [changed], on=D(2024, 7, 1), with_id=False)
    assert (later.summary.added, later.summary.removed, later.summary.modified) == (0, 0, 1)  # type: ignore[attr-defined]
    key = store.actions()[-1].source_key
    assert key == ("csl:SDN:29045" if layout == "entity number" else "csl:EL:xi an institute of optics:CN")


def test_source_keys_of_every_importer(tmp_path: Path) -> None:
    rows = entity_list_rows()
    current = csl.read(write_csl_csv(tmp_path / "a.csv", rows))
    assert [e.source_key for e in current.entries] == ["csl:hik", "csl:dahua", "csl:new"]
    assert {e.source_key for e in sdn.read(write_sdn_files(tmp_path / "ofac")).entries} == {"sdn:36", "sdn:306", "sdn:4319"}
    assert {e.source_key for e in ftm.read(write_ftm(tmp_path / "f.json", ftm_lines())).entries} == {"ftm:NK-dahua", "ftm:NK-nested"}


def test_records_stored_before_keys_are_found_by_their_id(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite"), seed=False)
    snapshot = csl.read(write_csl_csv(tmp_path / "a.csv", entity_list_rows()))
    legacy = [  # as the previous release recorded them: no source key
        ListingAction(kind=ActionKind.ADD, party_id=e.party.id, effective_date=D(2024, 1, 1), party=e.party,
                      federal_register=e.federal_register, dataset="csl")
        for e in snapshot.entries
    ]
    store.record(legacy)
    rows = entity_list_rows()
    rows[0]["alt_names"] += "; Haikang Weishi"
    result = import_rows(store, tmp_path, rows)
    assert (result.summary.added, result.summary.removed, result.summary.modified) == (0, 0, 1)  # type: ignore[attr-defined]
    assert store.actions()[-1].source_key == "csl:hik"  # the key is kept from now on
    rows[0]["name"] = "Hangzhou Hikvision Digital Tech. Co."  # and a later rename is found by it
    renamed = import_rows(store, tmp_path, rows, on=D(2024, 7, 1))
    assert (renamed.summary.added, renamed.summary.removed, renamed.summary.modified) == (0, 0, 1)  # type: ignore[attr-defined]


def test_new_record_ids_are_unique_across_the_store(tmp_path: Path) -> None:
    store = bundled_store(tmp_path)
    import_rows(store, tmp_path, entity_list_rows())
    count = len(store.listed(ON))
    mirror = import_rows(store, tmp_path, entity_list_rows(), dataset="mirror")
    assert mirror.linked == 3  # type: ignore[attr-defined]
    mirror_ids = {a.party_id for a in store.actions(datasets=["mirror"])}
    assert mirror_ids == {"el-cn-hangzhou-hikvision-digital-technology-2", "el-cn-zhejiang-dahua-technology-2", "el-cn-totally-new-widgets-2"}
    assert len(store.listed(ON)) == count
    assert find_in(store.parties(), "Totally New Widgets").records == ["el-cn-totally-new-widgets", "el-cn-totally-new-widgets-2"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"federal_register_notice": "85 FR 1", "start_date": "2020-01-01"}, "no agreeing Federal Register citation or start date"),
        ({"source": ISN}, "different lists (EL, ISN)"),
        ({"addresses": "1 Main Street, Seoul, KR"}, None),  # another country: not even suggested
    ],
)
def test_weak_evidence_never_links(tmp_path: Path, change: dict[str, str], expected: str | None) -> None:
    store = bundled_store(tmp_path)
    row = el_row("Hikvision", _id="weak", **change)
    result = import_rows(store, tmp_path, [row])
    assert result.linked == 0  # type: ignore[attr-defined]
    assert len(find_in(store.parties(), "cn-hikvision").records) == 1
    suggestions = linking.suggest(store.records(), store.membership())
    hik = [s for s in suggestions if "cn-hikvision" in (s.first.id, s.second.id)]
    if expected is None:
        assert not hik
    else:
        assert len(hik) == 1 and expected in hik[0].evidence and hik[0].score == 1.0


def test_a_shared_identifier_links_records_of_different_lists(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite"), seed=False)
    person = {"source": SDN, "entity_number": "29045", "type": "Individual", "name": "RIM, Ryong Nam",
              "addresses": "Shenyang, CN", "ids": "Passport, 836238033, KP", "_id": "rim-sdn"}
    import_rows(store, tmp_path, [person])
    other = {**person, "_id": "rim-isn", "source": ISN, "entity_number": "", "name": "Rim Ryong-nam"}
    result = import_rows(store, tmp_path, [other], dataset="isn")
    assert result.linked == 1  # type: ignore[attr-defined]
    party = find_in(store.parties(), "Rim Ryong-nam")
    assert party.id == "sdn-29045" and len(party.records) == 2
    assert "shared identifier 'Passport, 836238033, KP'" in (store.membership().rows[-1].evidence or "")


def test_audit_verify_finds_an_import_s_links_deleted(tmp_path: Path) -> None:
    """The links an import made (which records are one party) are counted against its record."""
    import sqlite3

    from entitylist.services import Services
    from entitylist.settings import Settings

    store = bundled_store(tmp_path)
    import_rows(store, tmp_path, entity_list_rows())  # links two records to bundled parties
    path = tmp_path / "store.sqlite"
    with Services(Settings(db=str(path), cache_dir="off")) as services:
        assert services.audit.verify().ok
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM links WHERE sequence = (SELECT MAX(sequence) FROM links WHERE import_id IS NOT NULL)")
    with Services(Settings(db=str(path), cache_dir="off")) as services:
        verdict = services.audit.verify()
    assert not verdict.ok and "recorded 2 links" in (verdict.problem or "") and "the table holds 1" in (verdict.problem or "")


def test_judgements_are_kept_by_later_imports(tmp_path: Path) -> None:
    store = bundled_store(tmp_path)
    import_rows(store, tmp_path, entity_list_rows())
    record = "el-cn-hangzhou-hikvision-digital-technology"
    rows = linking.unlink(store.parties(), store.membership(), "hikvision", record)  # a name means the founding record
    assert [(r.record_id, r.party_id, r.kind) for r in rows] == [(record, record, "unlink")]
    count = len(store.listed(ON))  # (kept in the list cache, which a judgement must make stale)
    store.record_links(rows)
    assert find_in(store.parties(), record).records == [record]
    assert len(store.listed(ON)) == count + 1
    changed = entity_list_rows()
    changed[0]["alt_names"] += "; Haikang Weishi"
    import_rows(store, tmp_path, changed, on=D(2024, 7, 1))
    assert find_in(store.parties(), record).records == [record]  # the import did not link it again
    # a person links it back: the party keeps the older id, and imports keep that too
    with pytest.raises(InvalidInput, match="judged different parties.*--force"):
        linking.link(store.parties(), store.membership(), record, "cn-hikvision")
    store.record_links(linking.link(store.parties(), store.membership(), record, "cn-hikvision", force=True))
    import_rows(store, tmp_path, entity_list_rows(), on=D(2024, 8, 1))
    assert find_in(store.parties(), record).id == "cn-hikvision"
    # two bundled parties a person says are one: the older founding record's id survives
    store.record_links(linking.link(store.parties(), store.membership(), "cn-dahua-technology", "cn-megvii-technology"))
    parties = store.parties()
    assert find_in(parties, "cn-megvii-technology") is find_in(parties, "cn-dahua-technology")


@pytest.mark.parametrize(
    ("verb", "first", "second", "message"),
    [
        ("link", "cn-hikvision", "no such party at all", "no party named"),
        ("link", "cn-hikvision", IFS, "was removed from the list on 2023-"),
        ("link", "cn-hikvision", "cn-hikvision", "cannot link 'cn-hikvision' to itself"),
        ("link", "cn-hikvision", "el-cn-hangzhou-hikvision-digital-technology", r"already one party \(cn-hikvision\)"),
        ("unlink", "cn-hikvision", "cn-hikvision", "cannot unlink 'cn-hikvision' from itself"),
        ("unlink", "cn-hikvision", "cn-dahua-technology", "are not one party"),
        ("unlink", "cn-hikvision", IFS, "are not one party"),
    ],
)
def test_bad_judgements_are_refused(tmp_path: Path, verb: str, first: str, second: str, message: str) -> None:
    store = bundled_store(tmp_path)
    import_rows(store, tmp_path, entity_list_rows())
    judge = linking.link if verb == "link" else linking.unlink
    with pytest.raises((InvalidInput, NotFound), match=message):
        judge(store.parties(), store.membership(), first, second)


def test_citations_are_normalised() -> None:
    assert linking.citations("84 FR 54004, 10/9/19; 85 F.R. 44159") == {"84 FR 54004", "85 FR 44159"}
    assert linking.citations("Vol. 88, No. 151, 08/08/2023") == set()


def test_a_federal_register_rule_joins_the_csl_record_of_its_entry(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite"), seed=False)
    row = el_row("Hoshine Silicon Industry (Shanshan) Co., Ltd", _id="hoshine", start_date="2021-06-24",
                 federal_register_notice="86 FR 33119", addresses="Shanshan, Xinjiang, CN")
    import_rows(store, tmp_path, [row])
    rule = import_source(store, "fr-rule", str(Path(__file__).parent / "fixtures" / "fr_2021-13395.txt"))
    assert rule.summary.added == 5 and rule.linked == 1
    hoshine = find_in(store.parties(), "cn-hoshine-silicon-industry-shanshan")
    assert hoshine.id == "el-cn-hoshine-silicon-industry-shanshan"  # the first record's id
    assert hoshine.records == ["el-cn-hoshine-silicon-industry-shanshan", "cn-hoshine-silicon-industry-shanshan"]
    assert sorted(hoshine.datasets) == ["csl", "federal-register"]
    fr_key = next(a.source_key for a in store.actions(datasets=["federal-register"]) if a.party_id == hoshine.records[1])
    assert fr_key is not None and fr_key.startswith("fr:") and fr_key.endswith(":hoshine-silicon-industry-shanshan-co-ltd")
