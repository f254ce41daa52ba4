"""Imports never silently lose data: each finding of issue 17 (import half) as a test.

Every test here failed on the code before the guards: the import went through (exit 0) and
removed or cleared entries, or the error was an "internal error", or the command hung.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from entitylist.errors import InvalidInput
from entitylist.fetch import FetchFailed
from entitylist.import_guards import ImportRefused, RemovalPolicy
from entitylist.importers import ImportFailed, sdn
from entitylist.importing import ImportOptions, import_source
from entitylist.store import Store
from entitylist.update import update

from .conftest import run_cli
from .official_formats import SDN, base_rows, el_row, ftm_lines, write_csl_csv, write_csl_json, write_ftm, write_sdn_files
from .test_cli import assert_one_line_error
from .test_export_update import _CslServer, csl_server  # noqa: F401 - the fixture is used by name

D = dt.date
ALLOW = ImportOptions(removals=RemovalPolicy(allow_removals=True))


def twenty_rows() -> list[dict[str, str]]:
    return [el_row(f"Example Trading Company Number {i}") for i in range(20)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(str(tmp_path / "guards.sqlite"), seed=False)
    yield opened
    opened.close()


def _log(store: Store) -> list[tuple[str, str]]:
    return [(a.kind.value, a.party_id) for a in store.actions()]


# -- snapshot guards ------------------------------------------------------------------------------


def test_header_only_csl_does_not_empty_the_dataset(tmp_path: Path, store: Store) -> None:
    import_source(store, "csl", str(write_csl_csv(tmp_path / "full.csv", base_rows())), on=D(2024, 1, 1))
    before = _log(store)
    header_only = write_csl_csv(tmp_path / "header.csv", [])
    with pytest.raises(ImportRefused, match=r"header\.csv: holds no entries, so importing it would remove all 5 entries of dataset 'csl'.*--allow-removals"):
        import_source(store, "csl", str(header_only))
    assert _log(store) == before
    refused = store.imports()[-1]
    assert refused["ok"] is False and refused["summary"]["removed"] == 5 and "holds no entries" in refused["summary"]["refused"]
    emptied = import_source(store, "csl", str(header_only), options=ALLOW)  # on purpose: the list really was emptied
    assert emptied.summary.removed == 5


def test_removal_share_guard(tmp_path: Path, store: Store) -> None:
    rows = twenty_rows()
    first = import_source(store, "csl", str(write_csl_csv(tmp_path / "v1.csv", rows)), on=D(2024, 1, 1))
    assert first.summary.added == 20  # a first import into an empty dataset is never refused
    two_gone = import_source(store, "csl", str(write_csl_csv(tmp_path / "v2.csv", rows[2:])), on=D(2024, 1, 2))
    assert two_gone.summary.removed == 2  # 2 of 20 = 10 %: allowed
    before = _log(store)
    three_more = write_csl_csv(tmp_path / "v3.csv", rows[5:])
    with pytest.raises(ImportRefused, match=r"would remove 3 of the 18 entries of dataset 'csl' \(17%; at most 10%.*--allow-removals"):
        import_source(store, "csl", str(three_more), on=D(2024, 1, 3))
    assert _log(store) == before
    log = store.imports()[-1]
    assert (log["ok"], log["summary"]["removed"], log["summary"]["listed"], log["summary"]["entries"]) == (False, 3, 18, 15)
    wider = ImportOptions(removals=RemovalPolicy(max_share=0.2))
    assert import_source(store, "csl", str(three_more), on=D(2024, 1, 3), options=wider).summary.removed == 3
    with pytest.raises(InvalidInput, match="between 0 and 1"):
        RemovalPolicy(max_share=10)


def test_removals_count_only_the_lists_the_source_speaks_for(tmp_path: Path, store: Store) -> None:
    import_source(store, "csl", str(write_csl_csv(tmp_path / "all.csv", base_rows())), on=D(2024, 1, 1))
    only_el = [r for r in base_rows() if "Entity List" in r["source"]]
    result = import_source(store, "csl", str(write_csl_csv(tmp_path / "el.csv", only_el)), sources={"EL"}, on=D(2024, 1, 2))
    assert (result.summary.removed, result.summary.unchanged) == (0, 3)


def test_csl_json_total_is_checked_against_the_results(tmp_path: Path, store: Store) -> None:
    path = write_csl_json(tmp_path / "page.json", base_rows())
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"total": 12, **document}), encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"page\.json: the file announces 12 results but holds 5"):
        import_source(store, "csl", str(path), options=ALLOW)  # not even on purpose: it is not the whole list
    assert store.actions() == []
    path.write_text(json.dumps({"total": 5, **document}), encoding="utf-8")
    assert import_source(store, "csl", str(path)).summary.added == 5


# -- OFAC companion files -------------------------------------------------------------------------


@pytest.mark.parametrize(("missing", "field"), [("alt.csv", "aliases"), ("add.csv", "addresses"), ("sdn_comments.csv", "remarks")])
def test_missing_sdn_companion_is_an_error(tmp_path: Path, store: Store, missing: str, field: str) -> None:
    folder = write_sdn_files(tmp_path / "ofac")
    import_source(store, "sdn", str(folder))
    (folder / missing).unlink()
    before = _log(store)
    with pytest.raises(ImportFailed, match=rf"{missing}: missing; without it every entry would lose its {field}.*--without"):
        import_source(store, "sdn", str(folder))
    assert _log(store) == before


def test_without_companions_keeps_the_fields_of_records_under_another_id(tmp_path: Path, store: Store) -> None:
    """A record whose id the store assigned (its natural id was taken by another dataset) still
    keeps its fields: carry-over finds records as reconciliation does, by source key."""
    row = {"_id": "x306", "source": SDN, "entity_number": "306", "name": "BANCO NACIONAL DE CUBA", "type": "Entity"}
    import_source(store, "csl", str(write_csl_csv(tmp_path / "csl.csv", [row])))  # takes the id sdn-306
    folder = write_sdn_files(tmp_path / "ofac")
    import_source(store, "sdn", str(folder), on=D(2024, 1, 1))
    record = next(r for r, s in store.records().items() if r != "sdn-306" and s.party.name == "BANCO NACIONAL DE CUBA")
    aliases = store.records()[record].party.aliases
    assert aliases  # the SDN record's own aliases, from alt.csv
    (folder / "alt.csv").unlink()
    result = import_source(store, "sdn", str(folder), on=D(2024, 2, 1), options=ImportOptions(without=frozenset({"alt"})))
    assert (result.summary.modified, result.summary.unchanged) == (0, 3)
    assert store.records()[record].party.aliases == aliases


def test_without_companions_keeps_the_fields_they_fill(tmp_path: Path, store: Store) -> None:
    folder = write_sdn_files(tmp_path / "ofac")
    import_source(store, "sdn", str(folder), on=D(2024, 1, 1))
    bank = store.states()["sdn-306"].party
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        (folder / name).unlink()
    with (folder / "sdn.csv").open("a", encoding="utf-8") as out:  # one new entry, and one changed title
        out.write('5000,"NEW TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')
    text = (folder / "sdn.csv").read_text(encoding="utf-8").replace('"individual","SDNT",-0- ', '"individual","SDNT","Director"')
    (folder / "sdn.csv").write_text(text, encoding="utf-8")
    without = ImportOptions(without=sdn.parse_without("alt,add,comments"))
    result = import_source(store, "sdn", str(folder), on=D(2024, 2, 1), options=without)
    assert (result.summary.added, result.summary.removed, result.summary.modified, result.summary.unchanged) == (1, 0, 1, 2)
    kept = store.states()["sdn-306"].party
    assert (kept.aliases, kept.addresses, kept.country, kept.remarks) == (bank.aliases, bank.addresses, bank.country, bank.remarks)
    assert store.states()["sdn-4319"].party.title == "Director"
    with pytest.raises(InvalidInput, match="unknown companion aliases"):
        sdn.parse_without("alt,aliases")
    with pytest.raises(InvalidInput, match="import sdn' only"):
        import_source(store, "csl", str(folder), options=without)


def test_sdn_cut_off_at_a_line_end_is_refused(tmp_path: Path, store: Store) -> None:
    folder = write_sdn_files(tmp_path / "ofac")
    import_source(store, "sdn", str(folder))
    lines = (folder / "sdn.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "sdn.csv").write_text(lines[0], encoding="utf-8")  # cut exactly after the first entry
    before = _log(store)
    with pytest.raises(ImportRefused, match=r"alt\.csv / add\.csv speak of 1 entry sdn\.csv lacks \(1 numbered beyond its last entry, 36; e\.g\. 306\).*cut off"):
        import_source(store, "sdn", str(folder), options=ALLOW)  # a cut-off file is refused even then
    assert _log(store) == before


def test_a_few_companion_rows_for_absent_entries_are_tolerated(tmp_path: Path) -> None:
    folder = write_sdn_files(tmp_path / "ofac")
    with (folder / "alt.csv").open("a", encoding="utf-8") as out:
        out.write('20,1,"aka","OLD ALIAS",-0- \n30,2,"aka","OLD ALIAS 2",-0- \n')
    assert sdn.read(folder).cut_off is None  # OFAC's own files have a few such rows
    with (folder / "alt.csv").open("a", encoding="utf-8") as out:
        out.write('21,3,"aka","X",-0- \n22,4,"aka","Y",-0- \n')
    assert "speak of 4 entries sdn.csv lacks" in (sdn.read(folder).cut_off or "")


# -- strict readers -------------------------------------------------------------------------------


def test_csl_json_field_of_the_wrong_type_is_a_bad_row(tmp_path: Path, store: Store) -> None:
    import_source(store, "csl", str(write_csl_json(tmp_path / "good.json", base_rows())))
    before = _log(store)
    path = write_csl_json(tmp_path / "typed.json", base_rows())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["results"][3]["name"] = {"x": 1}
    document["results"][1]["alt_names"] = ["ok", 7]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"typed\.json: results\[1\]: alt_names: expected a list of texts, found a number in it \(and 1 more"):
        import_source(store, "csl", str(path))
    with pytest.raises(ImportRefused):  # skipping them is fine, but not when it removes what they were
        import_source(store, "csl", str(path), options=ImportOptions(skip_bad_rows=True))
    assert _log(store) == before
    skipped = import_source(store, "csl", str(path), options=ImportOptions(skip_bad_rows=True, removals=ALLOW.removals))
    assert [str(b) for b in skipped.summary.skipped_rows] == [
        "typed.json: results[1]: alt_names: expected a list of texts, found a number in it",
        "typed.json: results[3]: name: expected text, found an object",
    ]


def test_csl_csv_nul_bytes_and_short_rows_are_bad_rows(tmp_path: Path, store: Store) -> None:
    path = write_csl_csv(tmp_path / "nul.csv", base_rows())
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Hebei", "He\x00bei")
    lines[3] = '"x","Entity List (EL) - Bureau of Industry and Security","","","","Short Row Co"\n'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"nul\.csv:3: NUL byte in the row.*1 more bad rows"):
        import_source(store, "csl", str(path))
    skipped = import_source(store, "csl", str(path), options=ImportOptions(skip_bad_rows=True))
    assert [str(b) for b in skipped.summary.skipped_rows][1] == "nul.csv:4: expected 29 columns, found 6 (a cut-off or hand-edited row?)"


def test_ftm_unknown_schema_wrong_types_and_no_parties(tmp_path: Path, store: Store) -> None:
    lines = ftm_lines()
    lines[1]["schema"] = "Compnay"
    lines[4]["properties"]["alias"] = [{"not": "an entity"}]
    lines.append({"id": "NK-good", "schema": "Company", "properties": {"name": ["Good Example Co"]}})
    path = write_ftm(tmp_path / "ftm.json", lines)
    with pytest.raises(ImportFailed, match=r"ftm\.json:2: unknown FollowTheMoney schema 'Compnay'.*1 more bad rows"):
        import_source(store, "ftm", str(path))
    skipped = import_source(store, "ftm", str(path), options=ImportOptions(skip_bad_rows=True))
    assert str(skipped.summary.skipped_rows[1]) == "ftm.json:5: properties.alias: expected text or an entity, found an object"
    assert skipped.summary.added == 1 and len(skipped.summary.skipped_rows) == 2
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"empty\.json: no entries found"):
        import_source(store, "ftm", str(empty), dataset="other")
    addresses_only = write_ftm(tmp_path / "addresses.json", [ftm_lines()[0]])
    with pytest.raises(ImportRefused, match="no entries found"):
        import_source(store, "ftm", str(addresses_only), dataset="other")
    with pytest.raises(ImportRefused, match="would remove all 1 entries of dataset 'ftm'"):
        import_source(store, "ftm", str(empty))
    assert [i["ok"] for i in store.imports()] == [True, False, False, False]


@pytest.mark.parametrize(
    ("dataset", "message"),
    [("", "the name is empty"), ("a" * 500, "500 characters long"), ("My List!", "not a dataset name"), ("../x", "not a dataset name")],
)
def test_dataset_names_are_validated(tmp_path: Path, store: Store, dataset: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        import_source(store, "csl", str(write_csl_csv(tmp_path / "c.csv", base_rows())), dataset=dataset)
    assert store.imports() == []
    assert import_source(store, "csl", str(tmp_path / "c.csv"), dataset="csl-2024.el_only").dataset == "csl-2024.el_only"


# -- every error is a clear one -------------------------------------------------------------------


def test_deep_nesting_and_huge_numbers_are_clear_errors(tmp_path: Path, store: Store) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"deep\.json: malformed JSON: nested too deeply"):
        import_source(store, "csl", str(deep))
    huge = tmp_path / "huge.json"
    huge.write_text('{"results": [{"name": "A", "entity_number": ' + "9" * 5000 + "}]}", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"huge\.json: malformed JSON: exceeds the limit \(4300 digits\)"):
        import_source(store, "csl", str(huge))
    line = tmp_path / "deep.ftm.json"
    line.write_text('{"schema": "Company", "properties": {"name": ' + "[" * 50_000 + "]" * 50_000 + "}}\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"deep\.ftm\.json:1: not a JSON line: nested too deeply"):
        import_source(store, "ftm", str(line))


@pytest.mark.parametrize("format", ["csl", "ftm", "fr-rule"])
def test_a_directory_is_refused_clearly(tmp_path: Path, store: Store, format: str) -> None:
    with pytest.raises(ImportFailed, match="is a directory, not a file"):
        import_source(store, format, str(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("format", ["csl", "sdn", "ftm", "fr-rule"])
def test_a_fifo_is_refused_instead_of_hanging(tmp_path: Path, store: Store, format: str) -> None:
    fifo = tmp_path / "sdn.csv"
    if format == "sdn":  # the folder has every companion; sdn.csv itself is the FIFO
        write_sdn_files(tmp_path)
        fifo.unlink()
    os.mkfifo(fifo)
    unblocked = threading.Event()

    def watchdog() -> None:  # a reader that blocks is released (EOF) after a while, so a regression fails, not hangs
        if not unblocked.wait(20):
            with open(fifo, "wb"):
                pass

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        with pytest.raises(ImportFailed, match=r"sdn\.csv: is a FIFO, not a regular file"):
            import_source(store, format, str(fifo))
    finally:
        unblocked.set()


# -- over HTTP ------------------------------------------------------------------------------------


class _ShortBody(http.server.BaseHTTPRequestHandler):
    """Announces more bytes than it sends, then closes: a download cut off mid-way."""

    body = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body) + 5000))
        self.end_headers()
        self.wfile.write(self.body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        return


@contextlib.contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler], body: bytes) -> Iterator[str]:
    """A local HTTP server answering with ``handler`` (given ``body``); yields the CSL URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (handler,), {"body": body}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/consolidated.csv"
    finally:
        server.shutdown()
        server.server_close()


def test_cut_off_download_is_refused(tmp_path: Path, store: Store) -> None:
    with serving(_ShortBody, write_csl_csv(tmp_path / "c.csv", base_rows()).read_bytes()) as url:
        with pytest.raises(FetchFailed, match="consolidated.csv: download failed|cut off"):
            update(store, url)
    assert store.actions() == []


# -- the headline findings as a user meets them -----------------------------------------------------


@pytest.mark.e2e
def test_cli_refusals_and_overrides(tmp_path: Path, cli_db: str) -> None:
    full = write_csl_csv(tmp_path / "full.csv", base_rows())
    assert run_cli("import", "csl", str(full), db=cli_db).code == 0
    with Store.open(cli_db) as opened:
        before = _log(opened)
    header = write_csl_csv(tmp_path / "header.csv", [])
    refused = run_cli("import", "csl", str(header), db=cli_db)
    assert refused.code == 2
    assert_one_line_error(refused, "error: ", "would remove all 5 entries of dataset 'csl'", "--allow-removals")
    with Store.open(cli_db) as opened:
        assert _log(opened) == before and opened.imports()[-1]["ok"] is False
    folder = write_sdn_files(tmp_path / "ofac")
    assert run_cli("import", "sdn", str(folder), db=cli_db).code == 0
    shutil.move(folder / "alt.csv", tmp_path / "alt.csv")
    assert_one_line_error(run_cli("import", "sdn", str(folder), db=cli_db), "alt.csv: missing", "--without alt")
    kept = run_cli("import", "sdn", str(folder), "--without", "alt", db=cli_db)
    assert kept.code == 0 and "0 added, 0 removed, 0 modified, 3 unchanged" in kept.stdout, kept.stderr
    allowed = run_cli("import", "csl", str(header), "--allow-removals", db=cli_db)
    assert allowed.code == 0 and "5 removed" in allowed.stdout


def test_update_refuses_a_list_that_lost_most_entries_and_retries_next_time(
    tmp_path: Path, csl_server: tuple[str, type[_CslServer]]
) -> None:
    base, handler = csl_server
    url = f"{base}/consolidated.csv"
    handler.body = write_csl_csv(tmp_path / "v1.csv", twenty_rows()).read_bytes()
    store = Store.open(str(tmp_path / "s.sqlite"), seed=False)
    assert update(store, url).result is not None
    etag = store.meta_value(f"update.etag:{url}")
    handler.body = write_csl_csv(tmp_path / "v2.csv", twenty_rows()[:4]).read_bytes()
    with pytest.raises(ImportRefused, match="would remove 16 of the 20 entries of dataset 'csl'"):
        update(store, url)
    assert store.meta_value(f"update.etag:{url}") == etag  # not the refused list's: the next update checks again
    forced = update(store, url, removals=RemovalPolicy(allow_removals=True))
    assert forced.result is not None and forced.result.summary.removed == 16


def test_refusals_are_logged_on_every_backend(tmp_path: Path, store_url: str) -> None:
    with Store.open(store_url, seed=False) as backend:
        import_source(backend, "csl", str(write_csl_csv(tmp_path / "full.csv", base_rows())))
        with pytest.raises(ImportRefused):
            import_source(backend, "csl", str(write_csl_csv(tmp_path / "header.csv", [])))
        log = backend.imports()
        assert [row["ok"] for row in log] == [True, False] and len(backend.actions()) == 5
        assert log[1]["summary"]["removed"] == 5 and log[1]["summary"]["entries"] == 0


class _Gzipped(http.server.BaseHTTPRequestHandler):
    """Serves the body gzip-encoded: Content-Length counts the compressed bytes."""

    body = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        packed = gzip.compress(self.body)
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(packed)))
        self.end_headers()
        self.wfile.write(packed)

    def log_message(self, *args: object) -> None:
        return


def test_a_compressed_download_is_measured_as_sent(tmp_path: Path, store: Store) -> None:
    with serving(_Gzipped, write_csl_csv(tmp_path / "c.csv", base_rows()).read_bytes()) as url:
        result = update(store, url)
    assert result.result is not None and result.result.summary.added == 5


def test_unreadable_listed_birth_dates_are_counted_not_fatal(tmp_path: Path, store: Store) -> None:
    person = {"_id": "p1", "source": SDN, "entity_number": "901", "name": "PETROV, Ivan", "type": "Individual",
              "dates_of_birth": "circa the seventies; 1971"}
    result = import_source(store, "csl", str(write_csl_csv(tmp_path / "csl.csv", [person])))
    assert result.summary.added == 1 and result.summary.unreadable_birth_dates == 1
    assert result.summary.as_dict()["unreadable_birth_dates"] == 1
    assert store.records()["sdn-901"].party.birth_dates == ("circa the seventies", "1971")  # kept as written
