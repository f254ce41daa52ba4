"""Database tables. The action log is the only source of truth; nothing here holds derived state.

Tables: ``rules`` (Federal Register rules and other acts), ``actions`` (the append-only log of
add / modify / remove), ``imports`` (one row per import run, for provenance), ``links`` (the
append-only log of which party each source record belongs to, and why) and ``meta`` (key/value
facts about the store, such as the checksum of the bundled data it holds).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

rules = Table(
    "rules",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("dataset", String(100), nullable=False),
    Column("citation", String(100)),
    Column("fr_doc", String(50)),
    Column("effective_date", Date, nullable=False),
    Column("publication_date", Date),
    Column("document", JSON, nullable=False),
)

actions = Table(
    "actions",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(100), nullable=False),
    Column("party_id", String(200), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("publication_date", Date),
    Column("rule_id", String(200), ForeignKey("rules.id", ondelete="RESTRICT")),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="RESTRICT")),
    Column("document", JSON, nullable=False),
    Column("source_key", String(300)),
    Index("ix_actions_effective", "effective_date"),
    Index("ix_actions_party", "party_id"),
    Index("ix_actions_dataset", "dataset"),
    Index("ix_actions_source_key", "source_key"),
)

links = Table(
    "links",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(200), nullable=False),
    Column("party_id", String(200), nullable=False),
    Column("kind", String(10), nullable=False),  # auto | link | unlink
    Column("other_id", String(200)),
    Column("evidence", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="RESTRICT")),
    Index("ix_links_record", "record_id"),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(100), nullable=False),
    Column("format", String(50), nullable=False),
    Column("location", Text, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("summary", JSON, nullable=False),
    Column("ok", Boolean, nullable=False, default=True),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
