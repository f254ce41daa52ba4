"""Screening a file as a job over the API: 202 and Location at once, progress, the result file once
done (409 before), Server-Sent Events, bad input refused at once leaving nothing, bounded jobs."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from entitylist.errors import Busy
from entitylist.services import jobs as jobs_module
from entitylist.services.jobs import ScreeningJobs
from tests.api_fixtures import KEY, api_client, assert_problem, private_tmp  # noqa: F401 - a fixture
from tests.live_server import live_server

CLIENTS = b"name,country\nHikvision,CN\nAcme Bakery,US\nHuawei Technologies,CN\n"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with api_client(tmp_path / "store.sqlite") as client:
        yield client


def jobs_of(client: TestClient) -> ScreeningJobs:
    found: ScreeningJobs = client.app.state.upload_jobs  # type: ignore[attr-defined]
    return found


@pytest.fixture
def held(client: TestClient) -> Iterator[threading.Event]:
    """The jobs' one worker kept busy until the event is set: jobs submitted meanwhile wait."""
    release = threading.Event()
    jobs_of(client)._pool.submit(release.wait, 30)
    yield release
    release.set()


def finished(client: TestClient, location: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, object] = client.get(location).json()
        if status["state"] in ("done", "failed"):
            return status
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.02)


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_a_job_answers_at_once_then_gives_its_result(client: TestClient, private_tmp: Path) -> None:
    started = client.post("/api/screen/jobs", data={"country_column": "country", "output": "jsonl"}, files={"file": ("clients.csv", CLIENTS)})
    assert started.status_code == 202, started.text
    job = started.json()
    location = started.headers["location"]
    assert location == job["links"]["self"] == f"/api/screen/jobs/{job['id']}"
    assert job["state"] in ("waiting", "running", "done") and job["filename"] == "clients.csv" and job["output_kind"] == "jsonl"
    status = finished(client, location)
    assert status["state"] == "done" and status["percent"] == 100 and status["error"] is None
    assert status["done"] == status["total"] == len(CLIENTS) and status["unit"] == "bytes"
    assert status["report"] == {
        "as_of": status["report"]["as_of"], "rows": 3, "screened": 3, "distinct_names": 3,  # type: ignore[index]
        "rows_with_match": 2, "not_screened_rows": 0, "not_screened": [], "suppressed_rows": 0,
    }
    assert status["expires_at"] is not None
    result = client.get(job["links"]["result"])
    assert result.status_code == 200 and result.headers["content-type"] == "application/x-ndjson"
    assert 'filename="clients-screened.jsonl"' in result.headers["content-disposition"]
    assert result.headers["x-entitylist-rows-with-match"] == "2"
    rows = [json.loads(line) for line in result.text.splitlines()]
    assert [r["match_party_id"] for r in rows] == ["cn-hikvision", "", "cn-huawei-technologies"]
    assert client.get(job["links"]["result"]).status_code == 200  # kept: a client may fetch it again
    assert client.delete(location).status_code == 204
    assert_problem(client.get(location), 404, "no screening job")
    assert files_under(private_tmp) == []


def test_async_true_and_prefer_respond_async_start_a_job_and_the_plain_call_stays_synchronous(client: TestClient) -> None:
    for extra in ({"params": {"async": "true"}}, {"headers": {"Prefer": "respond-async, wait=5"}}):
        started = client.post("/api/screen/file", files={"file": ("clients.csv", CLIENTS)}, **extra)  # type: ignore[arg-type]
        assert started.status_code == 202, started.text
        assert finished(client, started.headers["location"])["state"] == "done"
    plain = client.post("/api/screen/file", files={"file": ("clients.csv", CLIENTS)})
    assert plain.status_code == 200 and plain.headers["x-entitylist-rows-with-match"] == "2"


def test_a_waiting_job_has_no_result_yet_and_can_be_cancelled(client: TestClient, held: threading.Event, private_tmp: Path) -> None:
    first = client.post("/api/screen/jobs", files={"file": ("first.csv", CLIENTS)}).headers["location"]
    second = client.post("/api/screen/jobs", files={"file": ("second.csv", CLIENTS)}).headers["location"]
    assert client.get(first).json()["state"] == "waiting"
    assert_problem(client.get(f"{first}/result"), 409, "still waiting", "not ready")
    assert client.delete(second).status_code == 204  # cancelled: it never runs
    held.set()
    assert finished(client, first)["state"] == "done"
    assert client.get(f"{first}/result").status_code == 200
    assert_problem(client.get(second), 404, "no screening job")
    assert [p.name for p in files_under(private_tmp)] == ["screened.csv"]  # the first's result only


def test_jobs_waiting_or_running_are_bounded(client: TestClient, held: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs_module, "MAX_ACTIVE", 2)
    waiting = [client.post("/api/screen/jobs", files={"file": (f"f{i}.csv", CLIENTS)}) for i in range(2)]
    assert [r.status_code for r in waiting] == [202, 202]
    refused = client.post("/api/screen/jobs", files={"file": ("f3.csv", CLIENTS)})
    assert_problem(refused, 503, "try again later")
    assert refused.headers["retry-after"] == str(jobs_module.RETRY_AFTER)
    held.set()
    for response in waiting:
        assert finished(client, response.headers["location"])["state"] == "done"
    assert client.post("/api/screen/jobs", files={"file": ("f3.csv", CLIENTS)}).status_code == 202


def test_concurrent_uploads_cannot_pass_the_bound(client: TestClient, held: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs_module, "MAX_ACTIVE", 3)
    services = client.app.state.services  # type: ignore[attr-defined]
    outcomes: list[str] = []

    def submit(number: int) -> None:
        try:
            jobs_of(client).submit(services, io.BytesIO(CLIENTS), f"f{number}.csv", column="name", max_bytes=10_000)
            outcomes.append("queued")
        except Busy:
            outcomes.append("busy")

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["busy"] * 5 + ["queued"] * 3


def test_events_stream_progress_then_done(client: TestClient, held: threading.Event) -> None:
    location = client.post("/api/screen/jobs", files={"file": ("clients.csv", CLIENTS)}).headers["location"]
    events: list[tuple[str, dict[str, object]]] = []
    with client.stream("GET", f"{location}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in stream.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: "))))
                if name == "progress" and len(events) == 1:
                    held.set()  # the job runs once the stream has shown it waiting
    assert events[0][0] == "progress" and events[0][1]["state"] == "waiting"
    assert events[-1][0] == "done" and events[-1][1]["percent"] == 100
    assert all(name == "progress" for name, _ in events[:-1])


def test_a_job_that_fails_later_says_why_and_keeps_nothing(client: TestClient, private_tmp: Path) -> None:
    content = b"name\n" + b"Acme Trading\n" * 3000 + b'"Hikvision\nAcme\n'
    location = client.post("/api/screen/jobs", files={"file": ("quote.csv", content)}).headers["location"]
    status = finished(client, location)
    assert status["state"] == "failed" and status["report"] is None
    assert "quote.csv" in str(status["error"]) and "never closed" in str(status["error"])
    assert "input.csv" not in str(status["error"])  # named as uploaded, not as kept on the server
    assert_problem(client.get(f"{location}/result"), 409, "failed", "never closed")
    assert files_under(private_tmp) == []


@pytest.mark.parametrize(
    ("data", "filename", "content", "needle"),
    [
        ({}, "clients.pdf", b"name\nAcme\n", "unknown file type"),
        ({"column": "company"}, "clients.csv", b"name\nAcme\n", "no column 'company'"),
        ({"encoding": "klingon-8"}, "clients.csv", b"name\nAcme\n", "klingon-8"),
        ({}, "clients.csv", "name\nSoci\u00e9t\u00e9\n".encode("utf-16"), "utf-16"),
        ({"output": "docx"}, "clients.csv", b"name\nAcme\n", "unknown output"),
        ({"as_of": "2020-02-31"}, "clients.csv", b"name\nAcme\n", "invalid date"),
        ({}, "clients.xlsx", b"not a workbook", "clients.xlsx"),
        ({}, "clients.csv", b"", "empty"),
    ],
)
def test_bad_input_is_refused_at_once_and_leaves_nothing(
    client: TestClient, private_tmp: Path, data: dict[str, str], filename: str, content: bytes, needle: str
) -> None:
    assert_problem(client.post("/api/screen/jobs", data=data, files={"file": (filename, content)}), 400, needle)
    assert files_under(private_tmp) == [] and not jobs_of(client)._jobs


def test_unknown_jobs_are_404_problems(client: TestClient) -> None:
    for method, suffix in (("GET", ""), ("GET", "/result"), ("GET", "/events"), ("DELETE", "")):
        assert_problem(client.request(method, f"/api/screen/jobs/0123456789abcdef{suffix}"), 404, "no screening job")


def test_finished_jobs_are_dropped_after_their_time(client: TestClient, monkeypatch: pytest.MonkeyPatch, private_tmp: Path) -> None:
    location = client.post("/api/screen/jobs", files={"file": ("clients.csv", CLIENTS)}).headers["location"]
    assert finished(client, location)["state"] == "done" and files_under(private_tmp)
    monkeypatch.setattr(jobs_module, "JOB_TTL", 0.0)
    time.sleep(0.01)
    assert_problem(client.get(location), 404, "kept for an hour")
    assert files_under(private_tmp) == []


def test_jobs_follow_the_read_key_rule(tmp_path: Path) -> None:
    with api_client(tmp_path / "store.sqlite", api_keys=KEY, read_requires_key=True) as closed:
        assert_problem(closed.post("/api/screen/jobs", files={"file": ("c.csv", CLIENTS)}), 401, "need an API key")
        started = closed.post("/api/screen/jobs", files={"file": ("c.csv", CLIENTS)}, headers={"X-API-Key": KEY})
        assert started.status_code == 202
        location = started.headers["location"]
        assert_problem(closed.get(location), 401, "need an API key")
        assert closed.get(location, headers={"X-API-Key": KEY}).status_code == 200


@pytest.mark.e2e
def test_the_real_server_reports_a_jobs_progress_as_it_goes(tmp_path: Path) -> None:
    # (as many distinct names as rows: a job long enough to be seen running at a look every quarter
    # second, however fast reading and writing the file are)
    names = [f"Orion Northern Trading {n} Ltd" for n in range(200_000)]
    content = ("name\n" + "\n".join(names[i % len(names)] for i in range(200_000)) + "\n").encode()
    with live_server(str(tmp_path / "served.sqlite")) as base, httpx.Client(base_url=base, timeout=60) as http:
        started = http.post("/api/screen/jobs", files={"file": ("many.csv", content)})
        assert started.status_code == 202, started.text
        location = started.headers["location"]
        events: list[tuple[str, dict[str, object]]] = []
        with http.stream("GET", f"{location}/events") as stream:
            name = ""
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    events.append((name, json.loads(line.removeprefix("data: "))))
        running = [e["percent"] for n, e in events if n == "progress" and e["state"] == "running"]
        assert len([p for p in running if 0 < p < 100]) >= 2, events  # progress seen between start and end
        assert running == sorted(running)
        assert events[-1][0] == "done" and events[-1][1]["report"]["rows"] == 200_000  # type: ignore[index]
        status = http.get(location).json()
        assert status["state"] == "done" and status["done"] == status["total"] == len(content)
        result = http.get(f"{location}/result")
        assert result.status_code == 200 and len(result.text.splitlines()) == 200_001
