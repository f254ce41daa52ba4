"""Exporters round-trip through the importers; `update` honours ETag and Last-Modified."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from entitylist.exporters import EXPORTERS
from entitylist.fetch import FetchFailed
from entitylist.import_guards import RemovalPolicy
from entitylist.importing import ImportOptions, import_source
from entitylist.store import Store
from entitylist.update import update

from .official_formats import base_rows, write_csl_csv

AS_OF = dt.date(2024, 1, 1)


def _signature(store: Store, on: dt.date) -> set[tuple[object, ...]]:
    """What must survive a round trip: names, aliases, addresses (as text) and listing dates."""
    return {
        (
            s.party.name,
            tuple(sorted(a.name for a in s.party.aliases)),
            tuple(sorted(a.one_line() for a in s.party.addresses)),
            s.listed_since,
        )
        for s in store.listed(on)
    }


@pytest.mark.parametrize(("fmt", "importer", "suffix"), [("csv", "csl", ".csv"), ("json", "csl", ".json"), ("ftm", "ftm", ".ftm.json")])
def test_export_then_import_gives_back_the_same_parties(tmp_path: Path, fmt: str, importer: str, suffix: str) -> None:
    source = Store.open(str(tmp_path / "source.sqlite"))
    import_source(source, "csl", str(write_csl_csv(tmp_path / "csl.csv", base_rows())), on=dt.date(2023, 6, 1))
    exported = tmp_path / f"export{suffix}"
    with exported.open("w", encoding="utf-8", newline="") as out:
        count = EXPORTERS[fmt](source.listed(AS_OF), out)
    # 91 bundled less the IFS (removed 2023), + 5 imported, of which the Hikvision row joins the bundled Hikvision
    assert count == len(source.listed(AS_OF)) == 90 + 4

    target = Store.open(str(tmp_path / "target.sqlite"), seed=False)
    result = import_source(target, importer, str(exported), on=dt.date(2024, 6, 1))
    assert result.summary.added == count and not result.summary.skipped_rows
    assert _signature(target, dt.date(2024, 6, 1)) == _signature(source, AS_OF)


def test_csv_export_has_the_csl_header_and_quoting(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.sqlite"))
    out = io.StringIO()
    EXPORTERS["csv"](store.listed(dt.date(2019, 10, 9)), out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith('"_id","source","entity_number","type","programs","name"')
    assert any('"Hikvision"' in line and '"Entity List (EL) - Bureau of Industry and Security"' in line for line in lines)
    assert len(lines) == 30


class _CslServer(http.server.BaseHTTPRequestHandler):
    body = b""
    full_responses = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        etag = '"' + hashlib.sha256(type(self).body).hexdigest()[:16] + '"'
        if self.path == "/missing.csv":
            self.send_response(404)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        type(self).full_responses += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(type(self).body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def csl_server(tmp_path: Path) -> Iterator[tuple[str, type[_CslServer]]]:
    handler = type("Handler", (_CslServer,), {"body": b"", "full_responses": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def test_update_downloads_only_when_changed(tmp_path: Path, csl_server: tuple[str, type[_CslServer]]) -> None:
    base, handler = csl_server
    handler.body = write_csl_csv(tmp_path / "v1.csv", base_rows()).read_bytes()
    store = Store.open(str(tmp_path / "s.sqlite"), seed=False)
    first = update(store, f"{base}/consolidated.csv")
    assert not first.unchanged and first.result is not None and first.result.summary.added == 5
    second = update(store, f"{base}/consolidated.csv")
    assert second.unchanged and handler.full_responses == 1
    rows = base_rows()[:-1]
    handler.body = write_csl_csv(tmp_path / "v2.csv", rows).read_bytes()
    third = update(store, f"{base}/consolidated.csv", removals=RemovalPolicy(max_share=0.2))  # 1 of 5 goes
    assert third.result is not None and third.result.summary.removed == 1 and handler.full_responses == 2
    forced = update(store, f"{base}/consolidated.csv", force=True)
    assert forced.result is not None and forced.result.summary.unchanged == 4


def test_update_errors_leave_the_store_alone(tmp_path: Path, csl_server: tuple[str, type[_CslServer]]) -> None:
    base, handler = csl_server
    store = Store.open(str(tmp_path / "s.sqlite"), seed=False)
    with pytest.raises(FetchFailed, match="answered 404"):
        update(store, f"{base}/missing.csv")
    handler.body = b"<html><body>Service temporarily unavailable</body></html>"
    with pytest.raises(Exception, match="HTML page"):
        update(store, f"{base}/consolidated.csv")
    with pytest.raises(FetchFailed, match="download failed"):
        update(store, "http://127.0.0.1:9/consolidated.csv")
    assert store.actions() == [] and store.meta_value(f"update.etag:{base}/consolidated.csv") is None


def test_sdn_over_http_brings_its_companion_files(tmp_path: Path) -> None:
    from functools import partial

    from .official_formats import write_sdn_files

    folder = write_sdn_files(tmp_path / "ofac")
    (folder / "sdn_comments.csv").unlink()  # a companion the server does not have, left out on purpose
    handler = partial(_QuietFiles, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        store = Store.open(str(tmp_path / "s.sqlite"), seed=False)
        result = import_source(
            store, "sdn", f"http://127.0.0.1:{server.server_address[1]}/sdn.csv", options=ImportOptions(without=frozenset({"comments"}))
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.summary.added == 3
    bank = store.states()["sdn-306"].party
    assert [a.name for a in bank.aliases] == ["NATIONAL BANK OF CUBA", "BNC OLD"] and bank.addresses


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return
