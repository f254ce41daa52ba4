"""Shared fixtures: store URLs for every backend under test, and a CLI runner over subprocesses.

PostgreSQL tests run when ``ENTITYLIST_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts one
on 127.0.0.1); with ``ENTITYLIST_REQUIRE_POSTGRES=1`` a missing server fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from entitylist.store.schema import metadata

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
POSTGRES_URL = os.environ.get("ENTITYLIST_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend under test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    if not POSTGRES_URL:
        if os.environ.get("ENTITYLIST_REQUIRE_POSTGRES") == "1":
            pytest.fail("ENTITYLIST_REQUIRE_POSTGRES=1 but ENTITYLIST_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server (set ENTITYLIST_TEST_POSTGRES_URL)")
    _reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL
    _reset_postgres(POSTGRES_URL)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user's data directory or an inherited ENTITYLIST_DB."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ENTITYLIST_DB", raising=False)


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: str | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
    """Run the installed ``entitylist`` program as a user would, in a subprocess."""
    full_env = dict(os.environ)
    full_env.pop("ENTITYLIST_DEBUG", None)
    full_env["COLUMNS"] = "200"
    if env:
        full_env.update(env)
    script = Path(sys.executable).parent / "entitylist"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "entitylist"]
    cmd = [*program, *(("--db", db) if db else ()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


_MODULES_PROBE = """
import json, sys
from entitylist.cli import main
prefixes = tuple(json.loads(sys.argv[1]))
sys.argv = ["entitylist", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith(prefixes))), file=sys.stderr)
"""


def modules_loaded_by(*args: str, prefixes: tuple[str, ...], env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """Run the CLI with ``args`` in a new process: what it printed, and which modules whose names
    start with one of ``prefixes`` it had imported by the end."""
    proc = subprocess.run([sys.executable, "-c", _MODULES_PROBE, json.dumps(prefixes), *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})
    return proc.stdout, set(json.loads(proc.stderr.strip().splitlines()[-1]))


@pytest.fixture
def cli_db(tmp_path: Path) -> str:
    """A SQLite file path for CLI tests (created and seeded by the first command)."""
    return str(tmp_path / "cli.sqlite")
