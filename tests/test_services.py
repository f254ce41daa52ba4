"""The service layer, called in process as the CLI and the API call it: typed models out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from entitylist.errors import Ambiguous, InvalidInput, NotFound
from entitylist.services import Services
from entitylist.services.models import Explanation, PartyOut, ScreenResult
from entitylist.settings import Settings


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    path = tmp_path_factory.mktemp("services") / "store.sqlite"
    with Services.open(Settings(db=str(path))) as opened:
        yield opened


def test_list_returns_typed_parties(services: Services) -> None:
    listed = services.lists.list_parties(dt.date(2019, 10, 9), country="China")
    assert listed.country == "CN" and len(listed.parties) == 29
    hik = next(p for p in listed.parties if p.id == "cn-hikvision")
    assert isinstance(hik, PartyOut) and hik.status == "listed" and hik.listed_since == dt.date(2019, 10, 9)
    assert hik.as_json()["listed_since"] == "2019-10-09"


def test_show_resolves_through_the_screening_matcher(services: Services) -> None:
    on = dt.date(2021, 1, 1)
    assert services.lists.show("Hikvison", on).id == "cn-hikvision"  # a typo
    assert services.lists.show("海康威视", on).id == "cn-hikvision"  # the original script
    assert services.lists.show("Hangzhou Hikvision Digital Tech", on).id == "cn-hikvision"  # a variant
    early = services.lists.show("cn-hikvision", dt.date(2019, 1, 1))
    assert early.status == "not yet listed"
    with pytest.raises(Ambiguous, match="several parties"):
        services.lists.show("huawei cloud", on)
    with pytest.raises(NotFound, match="no party named"):
        services.lists.show("Acme Widgets Trading", on)
    with pytest.raises(InvalidInput, match="empty party name"):
        services.lists.show("  ", on)


def test_history_diff_and_stats(services: Services) -> None:
    history = services.lists.history("hikvision")
    assert [a.kind for a in history.actions] == ["add", "modify"]
    assert history.actions[0].citation == "84 FR 54002"
    diff = services.lists.diff(dt.date(2019, 10, 1), dt.date(2019, 10, 31))
    assert len(diff.changes) == 28 and {c.change for c in diff.changes} == {"added"}
    assert diff.as_json()["from"] == "2019-10-01"
    stats = services.lists.stats("year", dt.date(2023, 12, 31))
    assert stats.rows[0] == {"year": 2019, "add": 29, "modify": 1, "remove": 0}
    with pytest.raises(InvalidInput, match="unknown --by"):
        services.lists.stats("colour", dt.date(2023, 12, 31))


def test_screen_returns_a_typed_explanation(services: Services) -> None:
    result = services.screening.screen("Xiamen Meiya Pico Details Co", country="CN", as_of=dt.date(2021, 1, 1))
    assert isinstance(result, ScreenResult)
    best = result.matches[0]
    assert best.party_id == "cn-xiamen-meiya-pico-information"
    assert isinstance(best.explanation, Explanation)
    assert "synonym" in {t.how for t in best.explanation.tokens}
    assert best.explanation.features[0].feature == "name_similarity"
    data = result.as_json()
    assert data["matches"][0]["explanation"]["features"][0]["feature"] == "name_similarity"
    assert "weight" not in data["matches"][0]["explanation"]["features"][0]
    many = services.screening.screen_many([result.query, result.query.model_copy(update={"name": "Acme Widgets"})])
    assert [len(r.matches) > 0 for r in many] == [True, False]
    with pytest.raises(InvalidInput, match="outside 0-1"):
        services.screening.screen("Hikvision", threshold=1.5)


def test_screen_file_returns_a_report(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("name\nHikvision\n\nAcme Widgets\n", encoding="utf-8")
    report = services.screening.screen_file(source, tmp_path / "out.csv", column="name", workers=1)
    assert (report.rows, report.screened, report.rows_with_match, report.not_screened_rows) == (3, 2, 1, 1)
    assert report.not_screened[0].reason == "empty name"


def test_format_names_are_the_readers_and_writers() -> None:
    from entitylist.exporters import EXPORTERS
    from entitylist.formats import EXPORT_FORMATS, IMPORT_FORMATS
    from entitylist.importing import FORMATS

    assert IMPORT_FORMATS == FORMATS and EXPORT_FORMATS == tuple(EXPORTERS)


def test_settings_come_from_the_environment_with_clear_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from entitylist.settings import load_settings

    monkeypatch.setenv("ENTITYLIST_DB", str(tmp_path / "env.sqlite"))
    monkeypatch.setenv("ENTITYLIST_CSL_URL", "http://127.0.0.1:9/consolidated.csv")
    assert load_settings().db == str(tmp_path / "env.sqlite")
    assert load_settings(db="other.sqlite").db == "other.sqlite"  # --db wins
    assert load_settings().csl_url.startswith("http://127.0.0.1:9/")
    monkeypatch.setenv("ENTITYLIST_DEBUG", "")
    assert load_settings().debug is False  # empty means unset
    monkeypatch.setenv("ENTITYLIST_DEBUG", "perhaps")
    with pytest.raises(InvalidInput, match="ENTITYLIST_DEBUG"):
        load_settings()


def test_a_bad_argument_opens_no_database(tmp_path: Path) -> None:
    path = tmp_path / "never.sqlite"
    with Services.open(Settings(db=str(path))) as services:
        with pytest.raises(InvalidInput, match="unknown import format"):
            services.imports.import_source("xml", "list.xml")
        with pytest.raises(InvalidInput, match="unknown export format"):
            services.imports.export_file("pdf", dt.date(2020, 1, 1), tmp_path / "out.pdf")
    assert not path.exists()


def test_compare_and_evaluate_score_as_screening_does(services: Services, tmp_path: Path) -> None:
    same = services.validation.compare("Hikvison Digital", "Hangzhou Hikvision Digital Technology Co., Ltd.")
    assert 0.7 < same.score < 1.0 and "fuzzy" in {t.how for t in same.explanation.tokens}
    people = services.validation.compare("Ali bin Hassan", "Hassan bin Ali", type="person")
    assert people.score < 0.72  # a reversed patronymic chain is another person
    with pytest.raises(InvalidInput, match="persn"):
        services.validation.compare("A", "B", type="persn")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "left,right,label,type\n"
        "Hikvison Digital,Hangzhou Hikvision Digital Technology Co. Ltd.,1,organization\n"
        "Zhejiang Dahua Tech,Zhejiang Dahua Technology Co. Ltd.,1,organization\n"
        "Lotus Mining,Lotus Textiles,0,organization\n"
        "Ali bin Hassan,Hassan bin Ali,0,person\n",
        encoding="utf-8",
    )
    report = services.validation.evaluate(pairs)
    assert (report.pairs, report.positives, report.negatives) == (4, 2, 2)
    assert report.auc == 1.0 and report.recall == 1.0 and report.precision == 1.0
    assert set(report.by_type) == {"organization", "person"} and report.errors == []
    assert set(report.as_json()) >= {"pairs", "auc", "recall_at_1pct_fpr", "recall_at_5pct_fpr", "threshold",
                                     "precision", "recall", "f1", "by_type", "errors"}
    with pytest.raises(InvalidInput, match="missing column"):
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n", encoding="utf-8")
        services.validation.evaluate(bad)


def test_screen_takes_the_evidence_beside_the_name(services: Services) -> None:
    result = services.screening.screen("Hikvision", type="organization", as_of=dt.date(2021, 1, 1))
    assert result.matches[0].party_id == "cn-hikvision" and result.query.type == "organization"
    with pytest.raises(InvalidInput, match="invalid date of birth"):
        services.screening.screen("Hikvision", birth_date="19x")
    with pytest.raises(InvalidInput, match="persn"):
        services.screening.screen("Hikvision", type="persn")
