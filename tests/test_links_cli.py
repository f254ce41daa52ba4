"""Identity as a user meets it: imports that join bundled parties, link / unlink, and an upgrade of
a store the previous release made."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, create_engine, insert

from entitylist import bundled
from entitylist.importers import csl
from entitylist.lookup import find_in
from entitylist.model import ActionKind, ListingAction
from entitylist.state import fold
from entitylist.store import Store
from entitylist.store.store import SCHEMA_REVISION, _alembic_config

from .conftest import run_cli
from .official_formats import el_row, write_csl_csv
from .test_cli import assert_one_line_error
from .test_identity import HIK_ROW, IFS, entity_list_rows

pytestmark = pytest.mark.e2e
HIK_RECORD = "el-cn-hangzhou-hikvision-digital-technology"


def _json(*args: str, db: str) -> object:
    result = run_cli(*args, "--json", db=db)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _links(db: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from links").fetchone()[0])


@pytest.fixture(scope="module")
def imported_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled store after importing a CSL with Hikvision's and Dahua's rows (built once)."""
    folder = tmp_path_factory.mktemp("imported")
    db = str(folder / "template.sqlite")
    before = _json("list", db=db)
    source = write_csl_csv(folder / "consolidated.csv", entity_list_rows())
    result = run_cli("import", "csl", str(source), "--date", "2024-06-01", db=db)
    assert result.code == 0 and "2 linked" in result.stdout, result.stderr
    assert len(_json("list", db=db)) == len(before) + 1  # type: ignore[arg-type]
    return Path(db)


@pytest.fixture
def imported_db(imported_template: Path, tmp_path: Path) -> str:
    copy = tmp_path / "imported.sqlite"
    shutil.copyfile(imported_template, copy)
    return str(copy)


def test_imported_rows_of_bundled_parties_are_one_party(imported_db: str) -> None:
    shown = _json("show", "hikvision", db=imported_db)
    assert shown["id"] == "cn-hikvision" and shown["referents"] == ["cn-hikvision", HIK_RECORD]  # type: ignore[index]
    assert shown["datasets"] == ["bundled", "csl"]  # type: ignore[index]
    history = _json("history", "hikvision", db=imported_db)
    assert [a["dataset"] for a in history["actions"]] == ["bundled", "csl", "bundled"]  # type: ignore[index]
    screened = _json("screen", HIK_ROW, db=imported_db)
    assert [m["party_id"] for m in screened["matches"]].count("cn-hikvision") == 1  # type: ignore[index]
    table = run_cli("show", "hikvision", db=imported_db)
    assert f"cn-hikvision, {HIK_RECORD} (datasets: bundled, csl)" in table.stdout


def test_unlink_link_and_suggest(imported_db: str, tmp_path: Path) -> None:
    unlinked = run_cli("unlink", "cn-hikvision", HIK_RECORD, db=imported_db)
    assert unlinked.code == 0 and f"{HIK_RECORD} -> party {HIK_RECORD} (unlink)" in unlinked.stdout
    assert _json("show", HIK_RECORD, db=imported_db)["id"] == HIK_RECORD  # type: ignore[index]
    assert _json("link", "--suggest", db=imported_db) == []  # a person judged them apart: not suggested again
    count = _links(imported_db)
    assert_one_line_error(run_cli("link", "cn-hikvision", HIK_RECORD, db=imported_db), "judged different parties", "--force")
    assert _links(imported_db) == count
    linked = run_cli("link", "cn-hikvision", HIK_RECORD, "--force", "--note", "same company per BIS", "--json", db=imported_db)
    assert linked.code == 0, linked.stderr
    assert "(same company per BIS): cn-hikvision = " in json.loads(linked.stdout)[0]["evidence"]
    assert _json("show", HIK_RECORD, db=imported_db)["id"] == "cn-hikvision"  # type: ignore[index]
    assert "No unlinked parties" in run_cli("link", "--suggest", db=imported_db).stdout
    weak = write_csl_csv(tmp_path / "weak.csv", [el_row("Hikvision", _id="w", federal_register_notice="85 FR 1", start_date="2020-01-01")])
    assert run_cli("import", "csl", str(weak), "--dataset", "weak", db=imported_db).code == 0
    suggested = _json("link", "--suggest", db=imported_db)
    assert [(s["first"]["id"], s["second"]["id"], s["score"]) for s in suggested] == [("cn-hikvision", "el-cn-hikvision", 1.0)]  # type: ignore[index]
    assert "no agreeing Federal Register citation or start date" in suggested[0]["evidence"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["link", "cn-hikvision", "No Such Company Anywhere"], ["no party named"]),
        (["link", "cn-hikvision", IFS], ["was removed from the list"]),
        (["link", "hikvision", "hikvision"], ["cannot link 'hikvision' to itself"]),
        (["link", "cn-hikvision"], ["give two parties"]),
        (["link", "--suggest", "cn-hikvision"], ["--suggest takes no party"]),
    ],
)
def test_bad_judgements_are_one_line_errors_and_write_nothing(imported_db: str, args: list[str], needles: list[str]) -> None:
    count = _links(imported_db)
    result = run_cli(*args, db=imported_db)
    assert_one_line_error(result, *needles)
    assert _links(imported_db) == count


def _previous_release_store(url: str, tmp_path: Path) -> list[ListingAction]:
    """A store as the previous release (schema 0001) wrote it: the bundled history and a CSL import
    whose Hikvision and Dahua rows stand beside the bundled parties. Returns the actions."""
    rules, actions = bundled.load()
    snapshot = csl.read(write_csl_csv(tmp_path / "old.csv", entity_list_rows()))
    actions += [
        ListingAction(kind=ActionKind.ADD, party_id=e.party.id, effective_date=e.listed_since or dt.date(2024, 1, 1),
                      party=e.party, federal_register=e.federal_register, dataset="csl", reason="csl import")
        for e in snapshot.entries
    ]
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        tables = MetaData()
        rules_t, actions_t, meta_t = (Table(n, tables, autoload_with=conn) for n in ("rules", "actions", "meta"))
        assert "source_key" not in actions_t.c
        conn.execute(insert(rules_t), [
            {"id": r.id, "dataset": "bundled", "citation": r.citation, "fr_doc": r.fr_doc, "effective_date": r.effective_date,
             "publication_date": r.publication_date, "document": r.model_dump(mode="json")} for r in rules
        ])
        conn.execute(insert(actions_t), [
            {"dataset": a.dataset, "party_id": a.party_id, "kind": a.kind.value, "effective_date": a.effective_date,
             "publication_date": a.publication_date, "rule_id": a.rule_id,
             "document": a.model_dump(mode="json", exclude={"sequence", "source_key"})} for a in actions
        ])
        conn.execute(insert(meta_t).values(key="bundled_sha256", value=bundled.checksum()))
    engine.dispose()
    return actions


def test_a_store_of_the_previous_release_upgrades_intact(store_url: str, tmp_path: Path) -> None:
    actions = _previous_release_store(store_url, tmp_path)
    old = fold(actions)
    with pytest.raises(Exception, match="db upgrade"):
        Store.open(store_url, migrate=False)
    upgrade = run_cli("db", "upgrade", db=store_url)
    assert upgrade.code == 0 and f"schema {SCHEMA_REVISION}" in upgrade.stdout, upgrade.stderr
    with Store.open(store_url, migrate=False) as store:
        parties = store.parties()
        assert set(parties.states) == set(old) and len(store.actions()) == len(actions)
        for old_id, state in old.items():  # every party, alias, id and history as it was
            found = find_in(parties, old_id)
            assert found.id == old_id and found.party.name == state.party.name
            assert found.party.aliases == state.party.aliases and found.listed == state.listed
            assert [a.kind for a in found.actions] == [a.kind for a in state.actions]
    assert _json("show", HIK_RECORD, db=store_url)["id"] == HIK_RECORD  # type: ignore[index]
    # the next import of the same list finds its records by their old ids, and joins the duplicates
    source = write_csl_csv(tmp_path / "again.csv", entity_list_rows())
    again = _json("import", "csl", str(source), "--date", "2024-06-01", db=store_url)
    assert (again["added"], again["removed"], again["linked"]) == (0, 0, 2)  # type: ignore[index]
    assert _json("show", HIK_RECORD, db=store_url)["id"] == "cn-hikvision"  # type: ignore[index]
