"""Batch screening on Dask: the same output as the local engine on 200,000 rows (a local cluster
of two worker processes), and an unreachable scheduler refused with one line."""

from __future__ import annotations

import csv
import random
import time
from pathlib import Path

import pytest

from entitylist.batch import screen_file
from entitylist.batch.dask_executor import DaskExecutor
from entitylist.errors import InvalidInput

from . import batch_corpus
from .conftest import run_cli
from .live_server import free_port
from .test_cli import assert_one_line_error

pytestmark = pytest.mark.dask

ROWS = 200_000


def write_rows(path: Path) -> None:
    """200,000 rows: ordinary names (most repeated, as customer files repeat them), listed-name
    spellings, countries, blanks; about 18,000 distinct keys."""
    listed = batch_corpus.listed_names()
    rng = random.Random(200)
    words = ["Global", "Pacific", "Golden", "Atlas", "Summit", "Harbor", "Orient", "Sunrise", "Nordic", "Delta"]
    kinds = ["Trading", "Logistics", "Shipping", "Textiles", "Machinery", "Foods", "Metals", "Optics", "Paper"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "name", "country"])
        seen: list[tuple[str, str]] = []
        for number in range(ROWS):
            roll = rng.random()
            country = rng.choice(["CN", "", "DE", "Russia"])
            if roll < 0.03:
                name = batch_corpus._variant(rng.choice(listed), rng)
            elif roll < 0.92 and seen:
                name, country = rng.choice(seen)  # a customer that recurs
            elif roll < 0.94:
                name = ""
            else:
                name = f"{rng.choice(words)} {rng.choice(kinds)} {rng.randrange(1, 1_000_000)}"
                seen.append((name, country))
            writer.writerow([number, name, country])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("dask")
    source = folder / "in.csv"
    write_rows(source)
    index = batch_corpus.index()
    local, distributed = folder / "local.csv", folder / "dask.csv"
    screen_file(index, source, local, column="name", country_column="country", workers=2)
    executor = DaskExecutor(workers=2)
    try:
        screen_file(index, source, distributed, column="name", country_column="country", executor=executor)
    finally:
        executor.close()
    return local.read_bytes(), distributed.read_bytes()


def test_dask_writes_the_same_output_as_the_local_engine_on_200000_rows(outputs: tuple[bytes, bytes]) -> None:
    local, distributed = outputs
    assert local.count(b"\n") == ROWS + 1
    assert b",cn-" in local  # some rows matched
    assert distributed == local


def _tokens_held() -> list[str]:
    """On a worker: the batches' indexes it holds."""
    from entitylist.batch import dask_worker

    return sorted(dask_worker._built)


def test_each_worker_keeps_the_index_it_was_sent_until_another_replaces_it(tmp_path: Path) -> None:
    """Shipped once as a worker plugin: later batches over the same index find it on every
    worker (Dask's memory manager does not drop it, as it drops copies of scattered data); a
    batch with other options replaces it, and the old one is dropped."""
    source = tmp_path / "in.csv"
    source.write_text("name\nHuawei Technologies\nAcme Widgets\n", encoding="utf-8")
    index = batch_corpus.index()
    executor = DaskExecutor(workers=2)
    try:
        screen_file(index, source, tmp_path / "a.csv", column="name", executor=executor)
        first = executor._client.run(_tokens_held)
        assert len(first) == 2 and all(len(held) == 1 for held in first.values())
        assert len({tuple(held) for held in first.values()}) == 1  # the same index on both
        time.sleep(2.5)  # longer than the memory manager's interval
        screen_file(index, source, tmp_path / "b.csv", column="name", executor=executor)
        assert executor._client.run(_tokens_held) == first
        screen_file(index, source, tmp_path / "c.csv", column="name", executor=executor, threshold=0.9)
        replaced = executor._client.run(_tokens_held)
        assert all(len(held) == 1 and held != first[w] for w, held in replaced.items())
    finally:
        executor.close()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert b"cn-huawei-technologies" in (tmp_path / "a.csv").read_bytes()


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    executor = DaskExecutor(f"tcp://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(InvalidInput, match="cannot reach the Dask scheduler"):
        executor.start()


@pytest.mark.e2e
def test_screen_file_engine_options_from_the_command_line(cli_db: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("name\nHuawei\n", encoding="utf-8")
    output = tmp_path / "out.csv"
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_cli("screen-file", str(source), "-o", str(output), "--column", "name", "--engine", "dask", "--scheduler", address, db=cli_db)
    assert_one_line_error(result, f"cannot reach the Dask scheduler at '{address}'")
    assert result.code == 2 and not output.exists()
    wrong = run_cli("screen-file", str(source), "-o", str(output), "--column", "name", "--scheduler", address, db=cli_db)
    assert_one_line_error(wrong, "--scheduler needs --engine dask")
    unknown = run_cli("screen-file", str(source), "-o", str(output), "--column", "name", "--engine", "spark", db=cli_db)
    assert_one_line_error(unknown, "unknown engine 'spark'")
    local = run_cli("screen-file", str(source), "-o", str(output), "--column", "name", "--engine", "dask", "--workers", "1", db=cli_db)
    assert local.code == 0, local.stderr
    assert "cn-huawei-technologies" in output.read_text(encoding="utf-8")
