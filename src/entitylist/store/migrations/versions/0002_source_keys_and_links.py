"""Source keys on actions, and the links table that groups source records into parties.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Existing rows keep every id: an action without a source key is found again by its record id,
and a record without a link is a party of its own, under its own id.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("actions", sa.Column("source_key", sa.String(300)))
    op.create_index("ix_actions_source_key", "actions", ["source_key"])
    op.create_table(
        "links",
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("party_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("other_id", sa.String(200)),
        sa.Column("evidence", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("import_id", sa.Integer),
        sa.PrimaryKeyConstraint("sequence", name="pk_links"),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"], name="fk_links_import_id_imports", ondelete="RESTRICT"),
    )
    op.create_index("ix_links_record", "links", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_links_record", "links")
    op.drop_table("links")
    op.drop_index("ix_actions_source_key", "actions")
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("source_key")
