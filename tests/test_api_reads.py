"""The REST API's reads, in-process: CSL search, yente match, screening, parties and changes, bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api_fixtures import api_client, assert_problem

CSL_FIELDS = {
    "id", "source", "entity_number", "type", "programs", "name", "title", "addresses", "federal_register_notice",
    "start_date", "end_date", "standard_order", "license_requirement", "license_policy", "call_sign", "vessel_type",
    "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with api_client(tmp_path_factory.mktemp("api") / "store.sqlite") as client:
        yield client


# -- GET /api/search (CSL) ----------------------------------------------------------------------
def test_search_returns_the_csl_shape(client: TestClient) -> None:
    body = client.get("/api/search", params={"name": "hikvision"}).json()
    assert set(body) == {"total", "offset", "sources_used", "search_performed_at", "results"}
    assert body["total"] == 1 and body["offset"] == 0
    (result,) = body["results"]
    assert CSL_FIELDS <= set(result)
    assert result["id"] == "cn-hikvision"
    assert result["source"] == "Entity List (EL) - Bureau of Industry and Security"
    assert result["start_date"] == "2019-10-09"
    assert result["title"] is None and result["places_of_birth"] == [] and result["vessel_flag"] is None
    assert "海康威视" in result["alt_names"]
    assert result["score"] is None  # only fuzzy search scores
    (used,) = body["sources_used"]
    assert set(used) == {"source", "source_last_updated", "last_imported", "import_rate"}
    assert used["source"].startswith("Entity List (EL)")


def test_exact_search_is_word_and_substring_containment(client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        return [r["id"] for r in client.get("/api/search", params={"size": "100", **params}).json()["results"]]

    assert ids(name="Technologies Huawei") == ids(name="huawei technologies")  # every word, any order
    assert "cn-huawei-technologies" in ids(name="Huawei Technologies")
    assert "cn-hikvision" in ids(name="HIKVIS")  # a substring of the name
    assert ids(name="Hikvisoin") == []  # a misspelling needs fuzzy_name


def test_fuzzy_search_scores_and_says_what_matched(client: TestClient) -> None:
    body = client.get("/api/search", params={"name": "Hikvisoin", "fuzzy_name": "true"}).json()
    first = body["results"][0]
    assert first["id"] == "cn-hikvision"
    assert 70 <= first["score"] <= 100
    assert first["matched_fields"] == ["name"]
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/search", params={"countries": "CN", "size": "100"}).json()
    assert everything["total"] >= 50
    assert all("CN" in {a["country"] for a in r["addresses"]} or r["id"].startswith("cn-") for r in everything["results"])
    page = client.get("/api/search", params={"countries": "cn", "offset": "5", "size": "3"}).json()
    assert page["total"] == everything["total"] and page["offset"] == 5
    assert [r["id"] for r in page["results"]] == [r["id"] for r in everything["results"][5:8]]
    assert client.get("/api/search", params={"types": "Individual"}).json()["total"] == 0
    assert client.get("/api/search", params={"type": "Entity", "sources": "EL"}).json()["total"] > 0
    assert client.get("/api/search", params={"sources": "SDN"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("params", "status", "needle"),
    [
        ({"size": "101"}, 422, "size"),
        ({"size": "0"}, 422, "size"),
        ({"offset": "-1"}, 422, "offset"),
        ({"offset": "x"}, 422, "offset"),
        ({"fuzzy_name": "maybe"}, 422, "fuzzy_name"),
        ({"sources": "XX"}, 400, "unknown source list"),
        ({"countries": "Narnia"}, 400, "unknown country"),
        ({"types": "Robot"}, 400, "unknown type"),
        ({"fuzzy_name": "true"}, 400, "needs a name"),
        ({"name": "x" * 2001}, 422, "name"),
    ],
)
def test_search_bad_input_is_a_problem(client: TestClient, params: dict[str, str], status: int, needle: str) -> None:
    assert_problem(client.get("/api/search", params=params), status, needle)


# -- yente: /api/match, /api/algorithms, /api/entities -------------------------------------------
def _match(client: TestClient, queries: dict[str, object], **params: str) -> object:
    return client.post("/api/match/default", params=params, json={"queries": queries})


def test_match_answers_in_yente_shape(client: TestClient) -> None:
    response = _match(
        client,
        {
            "q1": {"schema": "Company", "properties": {"name": ["Hikvision"], "country": ["cn"]}},
            "q2": {"schema": "Person", "properties": {"name": ["Nobody Atall Matches"]}},
        },
    )
    body = response.json()  # type: ignore[attr-defined]
    assert body["limit"] == 5
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200 and q1["query"]["schema"] == "Company"
    assert q1["total"] == {"value": len(q1["results"]), "relation": "eq"}
    top = q1["results"][0]
    assert top["id"] == "cn-hikvision" and top["caption"] == "Hikvision" and top["schema"] == "Company"
    assert top["match"] is True and top["score"] >= 0.7
    assert top["properties"]["name"] == ["Hikvision"]
    assert top["datasets"] == ["bundled"] and isinstance(top["referents"], list)
    assert top["features"]["name_similarity"] == 1.0
    assert set(top["explanations"]["name_similarity"]) == {"detail", "score", "query", "candidate"}
    assert body["responses"]["q2"]["results"] == []


def test_match_threshold_decides_match_and_cutoff_what_is_returned(client: TestClient) -> None:
    query = {"q": {"schema": "Company", "properties": {"name": ["Hikvisoin Digital"]}}}
    strict = _match(client, query, threshold="1.0").json()["responses"]["q"]["results"]  # type: ignore[attr-defined]
    assert strict and not any(r["match"] for r in strict)
    assert _match(client, query, cutoff="1.0").json()["responses"]["q"]["results"] == []  # type: ignore[attr-defined]


def test_match_by_dataset(client: TestClient) -> None:
    query = {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}
    assert client.post("/api/match/bundled", json={"queries": query}).json()["responses"]["q"]["results"]
    assert_problem(client.post("/api/match/nosuch", json={"queries": query}), 404, "no dataset 'nosuch'")


@pytest.mark.parametrize(
    ("body", "params", "status", "needle"),
    [
        ({"queries": {f"q{i}": {"schema": "Company", "properties": {"name": ["Acme"]}} for i in range(101)}}, {}, 400, "at most 100"),
        ({"queries": {"q": {"schema": "Compnay", "properties": {"name": ["Acme"]}}}}, {}, 400, "cannot match on schema"),
        ({"queries": {"q": {"schema": "Company", "properties": {"nmae": ["Acme"]}}}}, {}, 400, "at least one name"),
        ({"queries": {"q": {"schema": "Company", "properties": {"country": ["cn"]}}}}, {}, 400, "at least one name"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": {"a": 1}}}}}, {}, 422, "properties"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": ["x" * 2001]}}}}, {}, 422, "2000"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": [f"Acme {i}" for i in range(51)]}}}}, {}, 400, "at most 50"),
        ({"queries": {"q": {"schema": "Person", "properties": {"firstName": ["A", "B", "C", "D", "E", "F", "G", "H"],
                                                               "lastName": ["I", "J", "K", "L", "M", "N", "O"]}}}}, {}, 400, "56 names"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": ["Acme"]}}}}, {"algorithm": "magic"}, 400, "unknown algorithm"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": ["Acme"]}}}}, {"threshold": "2"}, 422, "threshold"),
        ({"queries": {"q": {"schema": "Company", "properties": {"name": ["Acme"], "country": ["Narnia"]}}}}, {}, 400, "unknown country"),
        ({"nothing": 1}, {}, 422, "queries"),
    ],
)
def test_match_bad_input_is_a_problem(client: TestClient, body: object, params: dict[str, str], status: int, needle: str) -> None:
    assert_problem(client.post("/api/match/default", params=params, json=body), status, needle)


def test_match_takes_what_yente_takes(client: TestClient) -> None:
    """One value for a list, a FollowTheMoney property matching does not use (skipped and named,
    as yente skips it), and a person named by the parts of the name, which are joined."""
    listed = {"q": {"schema": "Company", "properties": {"name": ["Hikvisoin"]}}}
    response = client.post("/api/match/default", json={"queries": listed})
    one = {"q": {"schema": "Company", "properties": {"name": "Hikvisoin", "wikidataId": "Q123", "birthPlace": ["Paris"]}}}
    taken = client.post("/api/match/default", json={"queries": one})
    assert taken.status_code == 200, taken.text
    assert [r["id"] for r in taken.json()["responses"]["q"]["results"]] == [r["id"] for r in response.json()["responses"]["q"]["results"]]
    assert taken.json()["responses"]["q"]["ignored_properties"] == ["wikidataId", "birthPlace"]
    assert taken.headers["X-Entitylist-Ignored-Properties"] == "wikidataId,birthPlace"
    assert "X-Entitylist-Ignored-Properties" not in response.headers
    parts = {"q": {"schema": "Person", "properties": {"firstName": ["Megvii"], "lastName": ["Technology"]}}}
    person = client.post("/api/match/default", params={"cutoff": "0.05"}, json={"queries": parts})
    assert person.status_code == 200, person.text
    assert person.json()["responses"]["q"]["results"][0]["id"] == "cn-megvii-technology"


def test_match_names_ignored_weights_safely_in_a_header(client: TestClient) -> None:
    """Ignored weight names are the client's own text: percent-encoded in the header, whatever they hold."""
    query = {"q": {"schema": "Company", "properties": {"name": ["Huawei"]}}}
    for name, written in (("名字", "%E5%90%8D%E5%AD%97"), ("x\r\nSet-Cookie: a=b", "x%0D%0ASet-Cookie%3A%20a%3Db")):
        response = client.post("/api/match/default", json={"weights": {name: 0.1}, "queries": query})
        assert response.status_code == 200, response.text
        assert response.headers["X-Entitylist-Ignored-Weights"] == written
        assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "body",
    [
        '{"queries":{"q":{"schema":"Company","properties":{"name":["\\ud800Huawei"]}}}}',
        '{"queries":{"q":{"schema":"Company","properties":{"name":["Huawei"],"country":["\\udfff"]}}}}',
        '{"queries":{"\\ud800":{"schema":"Company","properties":{"name":["Huawei"]}}}}',
        '{"weights":{"\\ud800":0.1},"queries":{"q":{"schema":"Company","properties":{"name":["Huawei"]}}}}',
    ],
)
def test_match_refuses_text_no_unicode_text_holds(client: TestClient, body: str) -> None:
    """A lone surrogate (valid JSON, no character of any text) is invalid input, not a server error."""
    response = client.post("/api/match/default", content=body.encode(), headers={"content-type": "application/json"})
    assert_problem(response, 422, "valid string")


def test_match_refuses_a_body_that_is_not_json(client: TestClient) -> None:
    response = client.post("/api/match/default", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(response, 422, "json")


def _top(client: TestClient, name: str, country: str | None = None, **body: object) -> dict[str, object]:
    properties = {"name": [name], **({"country": [country]} if country else {})}
    query = {"queries": {"q": {"schema": "Company", "properties": properties}}, **body}
    response = client.post("/api/match/default", params={"cutoff": "0.05"}, json=query)
    assert response.status_code == 200, response.text
    top: dict[str, object] = response.json()["responses"]["q"]["results"][0]
    return top


def test_match_weights_replace_feature_weights_for_the_request(client: TestClient) -> None:
    default = _top(client, "Hikvisoin", "us")  # a misspelt name in the wrong country: country_differs (-0.12)
    assert default["id"] == "cn-hikvision" and "country_differs" in default["explanations"]  # type: ignore[operator]
    every_default = {k: v["coefficient"] for k, v in client.get("/api/algorithms").json()["algorithms"][0]["features"].items()}
    assert _top(client, "Hikvisoin", "us", weights=every_default, config={"nm_number_mismatch": None}) == default
    ignored = _top(client, "Hikvisoin", "us", weights={"country_differs": 0.0})
    assert ignored["score"] == pytest.approx(default["score"] + 0.12, abs=0.002)  # type: ignore[operator]
    harsher = _top(client, "Hikvisoin", "us", weights={"country_differs": -0.3})
    assert harsher["score"] == pytest.approx(default["score"] - 0.18, abs=0.002)  # type: ignore[operator]
    assert "adds -0.3" in harsher["explanations"]["country_differs"]["detail"]  # type: ignore[index]
    assert _top(client, "Hikvisoin", "us") == default  # the next request scores with the defaults again


def test_match_config_sets_the_algorithms_parameters(client: TestClient) -> None:
    default = _top(client, "Hikvisoin", "us")
    floor_raised = _top(client, "Hikvisoin", "us", config={"evidence_name_floor": 1.0})  # the country no longer counts
    assert "country_differs" not in floor_raised["explanations"]  # type: ignore[operator]
    assert floor_raised["score"] > default["score"]  # type: ignore[operator]
    config = client.get("/api/algorithms").json()["algorithms"][0]["config"]
    assert config["nm_number_mismatch"] == {"type": "float", "description": config["nm_number_mismatch"]["description"], "default": 0.3}


def test_match_ignores_weights_of_features_it_lacks_as_yente_does(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}, "weights": {"name_literal": 0.8}}
    response = client.post("/api/match/default", json=body)
    assert response.status_code == 200 and response.headers["x-entitylist-ignored-weights"] == "name_literal"
    assert "x-entitylist-ignored-weights" not in client.post("/api/match/default", json={**body, "weights": {}}).headers


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({"config": {"nm_extra_query_name": 0.8}}, "invalid configuration parameter 'nm_extra_query_name'"),
        ({"config": {"evidence_name_floor": 1.5}}, "from 0 to 1"),
        ({"config": {"nm_number_mismatch": True}}, "must be a number"),
        ({"config": {"nm_number_mismatch": "much"}}, "must be a number"),
        ({"weights": {"country_differs": 3}}, "from -1 to 1"),
        ({"weights": {"name_similarity": 0.5}}, "name_similarity is the base of the score"),
    ],
)
def test_match_bad_weights_and_config_are_problems(client: TestClient, extra: dict[str, object], needle: str) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}, **extra}
    assert_problem(client.post("/api/match/default", json=body), 400, needle)


def test_match_number_mismatch_penalty_is_the_config_value(tmp_path: Path) -> None:
    from entitylist.services import Services
    from entitylist.settings import Settings
    from tests.official_formats import el_row, write_csl_csv

    db = tmp_path / "store.sqlite"
    with Services(Settings(db=str(db))) as services:
        services.imports.import_source("csl", str(write_csl_csv(tmp_path / "csl.csv", [el_row("Orion Research Institute 28")])))
    with api_client(db) as numbered:
        default = _top(numbered, "Orion Research Institute 29")
        assert "number_differs" in default["explanations"]  # type: ignore[operator]
        lenient = _top(numbered, "Orion Research Institute 29", config={"nm_number_mismatch": 0.1})
        assert lenient["score"] == pytest.approx(default["score"] + 0.2, abs=0.01)  # type: ignore[operator]


def test_algorithms_and_entities(client: TestClient) -> None:
    algorithms = client.get("/api/algorithms").json()
    assert algorithms["default"] == algorithms["best"] == "entitylist"
    assert "name_similarity" in algorithms["algorithms"][0]["features"]
    entity = client.get("/api/entities/cn-hikvision").json()
    assert entity["schema"] == "Company" and entity["caption"] == "Hikvision"
    assert entity["first_seen"].startswith("2019-10-09")
    assert_problem(client.get("/api/entities/no-such-party"), 404, "no-such-party")


# -- screening ------------------------------------------------------------------------------------
def test_screen_one_name_and_many(client: TestClient) -> None:
    one = client.post("/api/screen", json={"name": "Huawei Technologies", "country": "CN"}).json()
    (result,) = one["results"]
    assert result["matches"][0]["party_id"] == "cn-huawei-technologies"
    assert result["matches"][0]["explanation"]["tokens"]
    many = client.post(
        "/api/screen", json={"queries": [{"name": "Hikvision"}, {"name": "Dahua", "as_of": "2019-01-01"}], "limit": 1}
    ).json()
    assert [r["query"]["name"] for r in many["results"]] == ["Hikvision", "Dahua"]
    assert many["results"][0]["matches"][0]["party_id"] == "cn-hikvision"
    assert many["results"][1]["matches"] == []  # Dahua was listed in October 2019


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({}, 422, "either name or queries"),
        ({"name": "a", "queries": [{"name": "b"}]}, 422, "either name or queries"),
        ({"name": "Hikvision", "as_of": "2019-02-30"}, 400, "invalid date"),
        ({"name": "!!!"}, 400, "no letters or digits"),
        ({"name": "Hikvision", "threshold": 1.5}, 422, "threshold"),
        ({"queries": [{"name": "a"}] * 101}, 422, "queries"),
        ({"queries": [{"name": "Acme", "type": "robot"}]}, 400, "robot"),
    ],
)
def test_screen_bad_input_is_a_problem(client: TestClient, body: object, status: int, needle: str) -> None:
    assert_problem(client.post("/api/screen", json=body), status, needle)


# -- parties, history, changes, stats --------------------------------------------------------------
def test_party_history_changes_and_stats(client: TestClient) -> None:
    party = client.get("/api/parties/Hikvison").json()  # a close match, as `show` takes it
    assert party["id"] == "cn-hikvision" and party["status"] == "listed"
    before = client.get("/api/parties/cn-hikvision", params={"as_of": "2019-01-01"}).json()
    assert before["status"] == "not yet listed" and before["listed_since"] == "2019-10-09"
    # nothing in force before the listing: no terms, no citations of rules published after the date
    assert (before["federal_register"], before["license_requirement"], before["license_review_policy"], before["footnotes"]) == ([], None, None, [])
    history = client.get("/api/parties/cn-hikvision/history").json()
    assert [a["kind"] for a in history["actions"]] == ["add", "modify"]
    changes = client.get("/api/changes", params={"since": "2021-06-01", "until": "2021-06-30"}).json()
    assert changes["from"] == "2021-06-01" and len(changes["changes"]) == 5
    stats = client.get("/api/stats", params={"by": "year", "as_of": "2023-12-31"}).json()
    assert {"year": 2019, "add": 29, "modify": 1, "remove": 0} in stats["rows"]


@pytest.mark.parametrize(
    ("url", "status", "needle"),
    [
        ("/api/parties/zzzz-no-such-party-qqq", 404, "zzzz"),
        # a word of several parties' names, which one of them also holds as read from its Chinese name
        ("/api/parties/beijing", 409, "part of several parties' names"),
        ("/api/parties/beijing/history", 409, "cn-huawei-cloud-beijing"),
        ("/api/changes", 422, "since"),
        ("/api/changes?since=yesterday-ish", 400, "invalid date"),
        ("/api/stats?by=colour", 422, "by"),
        ("/api/parties/cn-hikvision?as_of=2019-13-01", 400, "invalid date"),
        ("/api/no-such-endpoint", 404, "not found"),
    ],
)
def test_read_bad_input_is_a_problem(client: TestClient, url: str, status: int, needle: str) -> None:
    assert_problem(client.get(url), status, needle)


def test_wrong_method_is_a_problem(client: TestClient) -> None:
    assert_problem(client.delete("/api/search"), 405, "method not allowed")


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/match/{dataset}", "/api/screen", "/api/screen/file", "/api/imports", "/api/links"):
        assert path in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_an_unexpected_failure_is_a_500_problem_without_internals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from entitylist.services.lists import ListService

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(ListService, "stats", broken)
    with api_client(tmp_path / "store.sqlite") as client:
        body = assert_problem(client.get("/api/stats"), 500, "the server failed")
    assert "secret" not in str(body)


def test_the_openapi_document_says_what_the_server_does(client: TestClient) -> None:
    """Errors are documented as the problem+json they are sent as; a read needs no key where the
    server leaves reads open (writes do); a 405 names every method the path takes."""
    document = client.get("/openapi.json").json()
    search = document["paths"]["/api/search"]["get"]
    assert {} in search["security"]
    assert "$ref" in str(search["responses"]["400"]["content"]["application/problem+json"]["schema"])
    assert "application/json" not in search["responses"]["400"]["content"]
    imports = document["paths"]["/api/imports"]["post"]
    assert imports["security"] and {} not in imports["security"]
    response = client.post("/api/screen/jobs/no-such-job")
    assert response.status_code == 405 and response.headers["allow"] == "DELETE, GET, HEAD"
