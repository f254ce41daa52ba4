"""Importers on fixtures in the official formats, and reconciliation with the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from entitylist.errors import InvalidInput
from entitylist.importers import ImportFailed, csl, ftm, sdn
from entitylist.importers import fr_rule
from entitylist.import_guards import RemovalPolicy
from entitylist.importing import ImportOptions, import_source, parse_sources
from entitylist.model import ActionKind, AliasKind
from entitylist.store import Store

from .conftest import SHARED
from .official_formats import base_rows, el_row, ftm_lines, write_csl_csv, write_csl_json, write_ftm, write_sdn_files

FIXTURES = Path(__file__).parent / "fixtures"
D = dt.date


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    return Store.open(str(tmp_path / "empty.sqlite"), seed=False)


def test_csl_csv_quirks(tmp_path: Path) -> None:
    snapshot = csl.read(write_csl_csv(tmp_path / "consolidated.csv", base_rows()))
    assert not snapshot.bad_rows
    parties = {e.party.name: e for e in snapshot.entries}
    hik = parties["Hangzhou Hikvision Digital Technology Co., Ltd."]
    assert hik.party.id == "el-cn-hangzhou-hikvision-digital-technology" and hik.party.source == "EL"
    assert [a.name for a in hik.party.aliases] == ["Hikvision", "HIKVISION DIGITAL TECHNOLOGY", "Hangzhou Hikvision"]
    assert [a.one_line() for a in hik.party.addresses] == [
        "No. 555 Qianmo Road, Binjiang District, Hangzhou, Zhejiang, China, CN",
        "700 Dongliu Road, Binjiang District, Hangzhou, Zhejiang, CN",
    ]
    assert hik.listed_since == D(2019, 10, 9) and hik.federal_register == "84 FR 54002"
    assert hik.party.license_requirement == "For all items subject to the EAR. (See §744.11 of the EAR)"
    cetc = parties["China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"]
    assert cetc.party.footnotes == (3,) and cetc.federal_register == "83 FR 37423; 87 FR 77505"
    assert [a.name for a in cetc.party.aliases][-1] == "CETC Research Institute 13"
    assert "Xi an Institute of Optics" in parties  # BIS '?' repaired to a space
    rim = parties["RIM, Ryong Nam"]
    assert rim.party.id == "sdn-29045" and rim.party.type == "individual" and rim.party.programs == ("NPWMD", "IFSR")
    sino = parties["Sinobright Import and Export Company"]
    assert sino.party.source == "ISN" and sino.party.notes == csl.SUCCESSOR_NOTE
    assert snapshot.sources >= {"EL", "SDN", "ISN", "DPL", "MEU"}  # a full CSL speaks for all its lists


def test_csl_older_layout_and_json_read_the_same(tmp_path: Path) -> None:
    current = csl.read(write_csl_csv(tmp_path / "a.csv", base_rows()))
    older = csl.read(write_csl_csv(tmp_path / "b.csv", base_rows(), with_id=False))
    as_json = csl.read(write_csl_json(tmp_path / "c.json", base_rows()))
    names = lambda s: sorted(e.party.name for e in s.entries)  # noqa: E731
    assert names(current) == names(older) == names(as_json)
    by_name = {e.party.name: e.party for e in as_json.entries}
    assert [a.name for a in by_name["Hangzhou Hikvision Digital Technology Co., Ltd."].aliases][0] == "Hikvision"
    assert by_name["RIM, Ryong Nam"].country == "CN"


def test_source_subset_and_unknown_source_code(tmp_path: Path) -> None:
    snapshot = csl.read(write_csl_csv(tmp_path / "a.csv", base_rows()), wanted={"EL"})
    assert {e.party.source for e in snapshot.entries} == {"EL"} and snapshot.sources == {"EL"}
    assert parse_sources("el, SDN") == {"EL", "SDN"}
    with pytest.raises(InvalidInput, match="unknown source list 'XYZ'"):
        parse_sources("EL,XYZ")


def test_reimport_changes_nothing_and_later_snapshot_records_exact_changes(tmp_path: Path, empty_store: Store) -> None:
    first = write_csl_csv(tmp_path / "v1.csv", base_rows())
    result = import_source(empty_store, "csl", str(first), on=D(2024, 1, 1))
    assert (result.summary.added, result.summary.removed, result.summary.modified) == (5, 0, 0)
    count = len(empty_store.actions())
    again = import_source(empty_store, "csl", str(first), on=D(2024, 1, 2))
    assert (again.summary.added, again.summary.removed, again.summary.modified, again.summary.unchanged) == (0, 0, 0, 5)
    assert len(empty_store.actions()) == count

    rows = base_rows()
    rows[0]["alt_names"] += "; Haikang Weishi"  # modified: one alias more
    del rows[2]  # removed: Xi'an institute
    rows.append(el_row("Megvii Technology Limited", start_date="2019-10-09"))  # added
    one_in_five = ImportOptions(removals=RemovalPolicy(max_share=0.2))  # more than the default 10 % of a tiny list
    later = import_source(empty_store, "csl", str(write_csl_csv(tmp_path / "v2.csv", rows)), on=D(2024, 2, 1), options=one_in_five)
    assert (later.summary.added, later.summary.removed, later.summary.modified, later.summary.unchanged) == (1, 1, 1, 3)
    new = empty_store.actions()[count:]
    kinds = {(a.kind, a.party_id) for a in new}
    assert kinds == {
        (ActionKind.ADD, "el-cn-megvii-technology"),
        (ActionKind.REMOVE, "el-cn-xi-an-institute-of-optics"),
        (ActionKind.MODIFY, "el-cn-hangzhou-hikvision-digital-technology"),
    }
    modify = next(a for a in new if a.kind is ActionKind.MODIFY)
    assert modify.changes is not None and [a.name for a in modify.changes.aliases_added] == ["Haikang Weishi"]
    # history and as-of queries work on imported data exactly as on the bundled data
    assert "el-cn-xi-an-institute-of-optics" in {s.id for s in empty_store.listed(D(2024, 1, 31))}
    assert "el-cn-xi-an-institute-of-optics" not in {s.id for s in empty_store.listed(D(2024, 2, 1))}
    megvii = empty_store.states()["el-cn-megvii-technology"]
    assert megvii.listed_since == D(2019, 10, 9)  # dated by the source's start_date
    hik = empty_store.states(D(2024, 1, 15))["el-cn-hangzhou-hikvision-digital-technology"]
    assert "Haikang Weishi" not in [a.name for a in hik.party.aliases]


def test_bad_rows_fail_the_import_or_are_skipped_and_reported(tmp_path: Path, empty_store: Store) -> None:
    rows = base_rows()
    rows[1]["start_date"] = "2018-13-45"
    rows[2]["name"] = "   "
    path = write_csl_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportFailed, match=r"bad\.csv:3: start_date: invalid date '2018-13-45'.*1 more bad rows.*nothing was imported"):
        import_source(empty_store, "csl", str(path))
    assert empty_store.actions() == [] and empty_store.imports() == []
    result = import_source(empty_store, "csl", str(path), skip_bad_rows=True)
    assert result.summary.added == 3
    assert [str(b) for b in result.summary.skipped_rows] == [
        "bad.csv:3: start_date: invalid date '2018-13-45'",
        "bad.csv:4: empty name",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<!DOCTYPE html><html><body>503 Service Unavailable</body></html>", "HTML page"),
        ('"_id","source","name"\n"1","Entity List (EL) - Bureau of Industry and Security","Truncated Co', "truncated"),
        ("id;title;country\n1;x;CN\n", "not a Consolidated Screening List CSV"),
        ('{"results": [{"name": "A", "source": "Ent', "malformed JSON"),
        ('{"items": []}', "no 'results' array"),
    ],
)
def test_broken_files_are_refused_with_a_clear_error(tmp_path: Path, empty_store: Store, content: str, message: str) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=message) as info:
        import_source(empty_store, "csl", str(path))
    assert "consolidated.csv" in str(info.value)
    assert empty_store.actions() == []


def test_very_long_name_is_a_bad_row(tmp_path: Path, empty_store: Store) -> None:
    rows = base_rows() + [el_row("X" * 200_000)]
    with pytest.raises(ImportFailed, match="name is 200000 characters long"):
        import_source(empty_store, "csl", str(write_csl_csv(tmp_path / "long.csv", rows)))


def test_sdn_files(tmp_path: Path, empty_store: Store) -> None:
    folder = write_sdn_files(tmp_path / "ofac")
    snapshot = sdn.read(folder)
    parties = {e.party.id: e.party for e in snapshot.entries}
    assert set(parties) == {"sdn-36", "sdn-306", "sdn-4319"}
    bank = parties["sdn-306"]
    assert [(a.name, a.kind) for a in bank.aliases] == [("NATIONAL BANK OF CUBA", AliasKind.AKA), ("BNC OLD", AliasKind.FKA)]
    assert bank.addresses[0].country == "CH" and bank.addresses[0].city == "Zurich CH-8022"
    assert bank.remarks == "a.k.a. 'BNC'. Linked To: BANCO CENTRAL."
    assert parties["sdn-4319"].type == "individual" and parties["sdn-36"].country == "CU"
    result = import_source(empty_store, "sdn", str(folder / "sdn.csv"))
    assert result.summary.added == 3 and result.dataset == "sdn"
    with pytest.raises(ImportFailed, match="expected 12 columns"):
        (tmp_path / "wrong").mkdir()
        (tmp_path / "wrong" / "sdn.csv").write_text("a,b,c\n", encoding="utf-8")
        sdn.read(tmp_path / "wrong")


@pytest.mark.skipif(not (SHARED / "data" / "watchman" / "sdn.csv").exists(), reason="shared SDN data not present")
def test_real_sdn_files_load_every_entry_with_aliases(empty_store: Store) -> None:
    folder = SHARED / "data" / "watchman"
    rows = [line for line in (folder / "sdn.csv").read_text(encoding="utf-8", errors="replace").splitlines() if line.strip("\x1a ")]
    result = import_source(empty_store, "sdn", str(folder))
    assert result.summary.added == len(rows) == 7379
    parties = empty_store.listed(dt.date.today())
    assert sum(len(p.party.aliases) for p in parties) > 9000
    assert all(p.party.source == "SDN" for p in parties)


def test_ftm_entities(tmp_path: Path, empty_store: Store) -> None:
    snapshot = ftm.read(write_ftm(tmp_path / "entities.ftm.json", ftm_lines()))
    parties = {e.party.name: e for e in snapshot.entries}
    assert set(parties) == {"Zhejiang Dahua Technology Co., Ltd.", "Xinjiang Production and Construction Corps"}
    dahua = parties["Zhejiang Dahua Technology Co., Ltd."]
    assert dahua.listed_since == D(2019, 10, 9) and dahua.party.programs == ("Entity List",)
    assert dahua.party.addresses[0].city == "Hangzhou" and dahua.party.country == "CN"
    assert "浙江大华技术股份有限公司" in [a.name for a in dahua.party.aliases]
    assert parties["Xinjiang Production and Construction Corps"].party.addresses[0].city == "Urumqi"
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "schema": "Company", "properties": {"name": ["A"]}}\n{"id": "y", "sch', encoding="utf-8")
    with pytest.raises(ImportFailed, match="broken.json:2: not a JSON line"):
        ftm.read(broken)


def test_ftm_fragments_of_one_entity_are_merged(tmp_path: Path) -> None:
    """An id met twice is one entity in fragments (as ``ftm aggregate`` merges them): before,
    the later fragment replaced the earlier, and its names and countries were lost."""
    lines = [
        {"id": "NK-1", "schema": "Company", "datasets": ["a"], "properties": {"name": ["Acme Trading"], "alias": ["Acme"]}},
        {"id": "NK-1", "schema": "Company", "target": True, "datasets": ["b"],
         "properties": {"name": ["Acme Trading"], "alias": ["Acme Intl"], "country": ["ir"]}},
    ]
    (entry,) = ftm.read(write_ftm(tmp_path / "fragments.json", lines)).entries
    assert [a.name for a in entry.party.aliases] == ["Acme", "Acme Intl"]
    assert entry.party.country == "IR" and entry.party.notes == "Datasets: a, b"
    clash = [lines[0], {"id": "NK-1", "schema": "Person", "properties": {"name": ["Ann Acme"]}}]
    snapshot = ftm.read(write_ftm(tmp_path / "clash.json", clash))
    assert [e.party.name for e in snapshot.entries] == ["Acme Trading"]
    (bad,) = snapshot.bad_rows
    assert bad.location == "clash.json:2" and "'NK-1' appears twice, as Company (at clash.json:1) and as Person" in bad.problem


def test_fr_rule_parsing() -> None:
    parsed = fr_rule.parse_rule(FIXTURES / "fr_2021-13395.txt")
    rule = parsed.rule
    assert (rule.citation, rule.fr_doc, rule.docket, rule.rin) == ("86 FR 33119", "2021-13395", "210617-0134", "0694-AI56")
    assert (rule.publication_date, rule.effective_date) == (D(2021, 6, 24), D(2021, 6, 24))
    assert rule.title == "Addition of Certain Entities to the Entity List" and rule.reason_category == "forced_labor"
    names = [e.name for e in parsed.entries]
    assert names == [
        "Hoshine Silicon Industry (Shanshan) Co., Ltd",
        "Xinjiang Daqo New Energy, Co. Ltd",
        "Xinjiang East Hope Nonferrous Metals Co. Ltd.",
        "Xinjiang GCL New Energy Material Technology, Co. Ltd",
        "Xinjiang Production and Construction Corps",
    ]
    assert parsed.instructions[0].verb == "adding" and parsed.instructions[0].names == names
    xpcc = parsed.entries[-1]
    assert xpcc.aliases == ["XPCC", "Bingtuan", "China Xinjian Group"]
    assert [a.one_line() for a in parsed.entries[2].addresses] == [
        "Wucaiwan Industrial Park, Zhundong, Changji, Xinjiang, CN",
        "18 Huanghe Road, Urumqi, Xinjiang, CN",
    ]
    assert parsed.entries[0].license_review_policy.startswith("Case-by-case review for ECCNs 1A004.c")
    revision = fr_rule.parse_rule(FIXTURES / "fr_revision.html")
    assert revision.entries[0].footnotes == (1,) and revision.instructions[0].verb == "revising"
    removal = fr_rule.parse_rule(FIXTURES / "fr_2023-removal.txt")
    assert removal.instructions[0].names == ["Ministry of Public Security's Institute of Forensic Science of China"]


def test_fr_rules_into_an_empty_store_then_a_removal(tmp_path: Path, empty_store: Store) -> None:
    added = import_source(empty_store, "fr-rule", str(FIXTURES / "fr_2021-13395.txt"))
    assert added.summary.added == 5 and added.dataset == "federal-register"
    hoshine = empty_store.states()["cn-hoshine-silicon-industry-shanshan"]
    assert hoshine.listed_since == D(2021, 6, 24)
    assert hoshine.actions[0].federal_register == "86 FR 33119, 6/24/21"
    again = import_source(empty_store, "fr-rule", str(FIXTURES / "fr_2021-13395.txt"))
    assert (again.summary.added, again.summary.unchanged) == (0, 5)
    with pytest.raises(ImportFailed, match="removes .Ministry of Public Security's Institute.*not on the list"):
        import_source(empty_store, "fr-rule", str(FIXTURES / "fr_2023-removal.txt"))


def test_fr_rules_amend_the_bundled_history(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "seeded.sqlite"))
    same = import_source(store, "fr-rule", str(FIXTURES / "fr_2021-13395.txt"))
    assert same.summary.unchanged == 5 and same.summary.added == 0  # already in the bundled history
    revised = import_source(store, "fr-rule", str(FIXTURES / "fr_revision.html"))
    assert revised.summary.modified == 1
    before = store.states(D(2024, 1, 17))["cn-hikvision"].party
    after = store.states(D(2024, 1, 18))["cn-hikvision"].party
    assert "Hangzhou Hikvision Digital Technology Co., Ltd." not in [a.name for a in before.aliases]
    assert "Hangzhou Hikvision Digital Technology Co., Ltd." in [a.name for a in after.aliases]
    assert after.footnotes == (1,) and after.license_review_policy == "Presumption of denial."
    assert "杭州海康威视数字技术股份有限公司" in [a.name for a in after.aliases]  # our original-script alias kept


def test_not_a_rule_is_refused(tmp_path: Path, empty_store: Store) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("DEPARTMENT OF AGRICULTURE\nNotice of a meeting.\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a Federal Register rule amending the Entity List"):
        import_source(empty_store, "fr-rule", str(path))
    with pytest.raises(InvalidInput, match="unknown import format"):
        import_source(empty_store, "xml", str(path))


def test_imports_on_every_backend(tmp_path: Path, store_url: str) -> None:
    """Import, re-import and a later snapshot on SQLite and PostgreSQL alike."""
    store = Store.open(store_url)
    bundled_count = len(store.actions())
    first = import_source(store, "csl", str(write_csl_csv(tmp_path / "v1.csv", base_rows())), on=D(2024, 1, 1))
    assert first.summary.added == 5
    assert import_source(store, "csl", str(tmp_path / "v1.csv"), on=D(2024, 1, 2)).summary.unchanged == 5
    rows = base_rows()[:-1]
    allowed = ImportOptions(removals=RemovalPolicy(allow_removals=True))
    later = import_source(store, "csl", str(write_csl_csv(tmp_path / "v2.csv", rows)), on=D(2024, 2, 1), options=allowed)
    assert (later.summary.removed, later.summary.unchanged) == (1, 4)
    assert len(store.actions()) == bundled_count + 6 and len(store.imports()) == 3
    revised = import_source(store, "fr-rule", str(FIXTURES / "fr_revision.html"))
    assert revised.summary.modified == 1
    with pytest.raises(ImportFailed):
        import_source(store, "csl", str(write_csl_csv(tmp_path / "bad.csv", [{**base_rows()[0], "start_date": "x"}])))
    assert len(store.actions()) == bundled_count + 7
    store.close()


def test_an_export_keeps_footnotes_and_identifiers_as_the_csl_writes_them(tmp_path: Path) -> None:
    """A bundled entry keeps its footnotes apart from its requirement text: the export marks them
    ("(footnote 1)"), so an import of it gives them back; a CSL identifier's type, number and
    country stay in their fields."""
    from entitylist.exporters import csl_record, ftm_properties, write_csv

    source = Store.open(str(tmp_path / 'a.sqlite'))
    import_source(source, "csl", str(write_csl_csv(tmp_path / "c.csv", base_rows())), dataset="csl")
    huawei = next(s for s in source.listed(dt.date(2021, 1, 1)) if s.id == "cn-huawei-technologies")
    assert huawei.party.footnotes == (1,) and "footnote" not in (huawei.party.license_requirement or "")
    assert csl_record(huawei)["license_requirement"].endswith("(footnote 1)")
    rim = next(s for s in source.listed(dt.date.today()) if s.party.name == "RIM, Ryong Nam")
    assert ftm_properties(rim)["nationality"] == ["kp"] and ftm_properties(rim)["idNumber"] == ["Passport, 836238033, KP"]
    assert csl_record(rim)["ids"] == [{"type": "Passport", "number": "836238033", "country": "KP", "issue_date": "", "expiration_date": ""}]
    exported = tmp_path / "export.csv"
    with exported.open("w", encoding="utf-8", newline="") as out:
        write_csv(source.listed(dt.date(2021, 1, 1)), out, raw=True)
    fresh = Store.open(str(tmp_path / 'b.sqlite'), seed=False)
    import_source(fresh, "csl", str(exported), dataset="csl")
    back = next(s for s in fresh.listed(dt.date.today()) if s.party.name == huawei.party.name)
    assert back.party.footnotes == (1,)
