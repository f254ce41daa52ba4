"""Ownership links, reviews of screening hits and the hash-chained audit log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

New tables only: a store of the previous release upgrades with everything it holds unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ownership_links",
        sa.Column("sequence", sa.Integer, autoincrement=True),
        sa.Column("owner_id", sa.String(300), nullable=False),
        sa.Column("owner_name", sa.Text),
        sa.Column("owned_id", sa.String(300), nullable=False),
        sa.Column("owned_name", sa.Text),
        sa.Column("share", sa.Float),
        sa.Column("source", sa.Text),
        sa.Column("as_of", sa.Date),
        sa.Column("import_id", sa.Integer),
        sa.PrimaryKeyConstraint("sequence", name="pk_ownership_links"),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"], name="fk_ownership_links_import_id_imports", ondelete="RESTRICT"),
    )
    op.create_index("ix_ownership_links_owned", "ownership_links", ["owned_id"])
    op.create_index("ix_ownership_links_owner", "ownership_links", ["owner_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("party_id", sa.String(200), nullable=False),
        sa.Column("counterparty_key", sa.String(2300), nullable=False),
        sa.Column("counterparty_name", sa.Text, nullable=False),
        sa.Column("counterparty_id", sa.String(200)),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_action", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_counterparty", "reviews", ["counterparty_key"])
    op.create_table(
        "audit_log",
        sa.Column("sequence", sa.Integer, autoincrement=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name="pk_audit_log"),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_reviews_counterparty", "reviews")
    op.drop_table("reviews")
    op.drop_index("ix_ownership_links_owner", "ownership_links")
    op.drop_index("ix_ownership_links_owned", "ownership_links")
    op.drop_table("ownership_links")
