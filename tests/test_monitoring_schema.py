"""The migrations create the tables exactly as ``store/schema.py`` declares them (the monitoring
tables of 0004 included: columns, keys, indexes)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from entitylist.store import Store
from entitylist.store.schema import metadata


def test_migrated_store_matches_the_schema(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.sqlite'}") as store, store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
