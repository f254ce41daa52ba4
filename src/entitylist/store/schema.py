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
    Float,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
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

# -- licenses, ownership and reviews (revision 0003) ---------------------------------------------
# Who owns what: one row per link an import gave; for an (owner, owned) pair the latest row wins.
# Nodes are party ids, or "name:<normalised name>" for a company that is no party of the store.
ownership_links = Table(
    "ownership_links",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=True),
    Column("owner_id", String(300), nullable=False),
    Column("owner_name", Text),
    Column("owned_id", String(300), nullable=False),
    Column("owned_name", Text),
    Column("share", Float),  # percent; NULL when the source does not know it
    Column("source", Text),
    Column("as_of", Date),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="RESTRICT")),
    Index("ix_ownership_links_owned", "owned_id"),
    Index("ix_ownership_links_owner", "owner_id"),
)

# A person's review of a screening hit: the (counterparty, listed party) pair, the decision and
# the newest action of the party's records at the time (a later action brings a cleared pair back).
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("party_id", String(200), nullable=False),
    Column("counterparty_key", String(2300), nullable=False),
    Column("counterparty_name", Text, nullable=False),
    Column("counterparty_id", String(200)),
    Column("decision", String(20), nullable=False),  # cleared | confirmed | escalated
    Column("reason", Text),
    Column("reviewer", String(200), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("last_action", Integer, nullable=False),
    Index("ix_reviews_counterparty", "counterparty_key"),
)

# The append-only, hash-chained audit log: each record's hash covers its canonical JSON, which
# holds the previous record's hash. Times and payloads are kept as text so that they read back
# byte for byte on every database.
audit_log = Table(
    "audit_log",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=False),
    Column("recorded_at", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)


# -- monitoring (issue 16): saved counterparties, their alerts and the deliveries of those alerts --
# ``counterparty_tokens`` and ``portfolio_token_keys`` are an inverted index over the saved names
# (normalised tokens; deletion and sound-alike keys of each token), so delta screening finds the
# counterparties a changed listed name could match without reading the whole portfolio.

portfolios = Table(
    "portfolios",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("screened_at", DateTime(timezone=True)),
    Column("screened_on", Date),  # the list date of the last screening
    Column("action_mark", Integer),  # the last action sequence that screening saw
    Column("link_mark", Integer),  # the last links sequence that screening saw
)

counterparties = Table(
    "counterparties",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("portfolio_id", Integer, ForeignKey("portfolios.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),  # the user's own id
    Column("name", Text, nullable=False),
    Column("country", String(10)),
    Column("address", Text),
    Column("type", String(30)),
    Column("birth_date", String(10)),
    Column("tokens", Text, nullable=False),  # normalised tokens, space-separated
    Column("always", Boolean, nullable=False),  # screened on every change (a name the token index cannot serve)
    Column("pending", Boolean, nullable=False),  # new or changed: screened against the whole list next time
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("portfolio_id", "key", name="uq_counterparties_portfolio_key"),
    Index("ix_counterparties_pending", "portfolio_id", "pending"),
)

counterparty_tokens = Table(
    "counterparty_tokens",
    metadata,
    Column("portfolio_id", Integer, ForeignKey("portfolios.id", ondelete="CASCADE"), nullable=False),
    Column("counterparty_id", Integer, ForeignKey("counterparties.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(200), nullable=False),
    Index("ix_counterparty_tokens_token", "portfolio_id", "token"),
    Index("ix_counterparty_tokens_counterparty", "counterparty_id"),
)

portfolio_token_keys = Table(
    "portfolio_token_keys",
    metadata,
    Column("portfolio_id", Integer, ForeignKey("portfolios.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(201), nullable=False),
    Column("token", String(200), nullable=False),
    Index("ix_portfolio_token_keys_key", "portfolio_id", "key"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("portfolio_id", Integer, ForeignKey("portfolios.id", ondelete="CASCADE"), nullable=False),
    Column("counterparty_id", Integer, ForeignKey("counterparties.id", ondelete="CASCADE"), nullable=False),
    Column("party_id", String(200), nullable=False),
    Column("party_name", Text, nullable=False),
    Column("matched_name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("status", String(10), nullable=False),  # open | closed
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed_reason", Text),
    Index("ix_alerts_portfolio_status", "portfolio_id", "status"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("alert_ids", JSON, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("status_code", Integer),
    Column("error", Text),
    Column("ok", Boolean, nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=False),
)
