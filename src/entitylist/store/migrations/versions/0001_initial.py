"""Initial schema: rules, the action log, imports and meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rules",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("dataset", sa.String(100), nullable=False),
        sa.Column("citation", sa.String(100)),
        sa.Column("fr_doc", sa.String(50)),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("publication_date", sa.Date),
        sa.Column("document", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rules"),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.String(100), nullable=False),
        sa.Column("format", sa.String(50), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
    )
    op.create_table(
        "actions",
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.String(100), nullable=False),
        sa.Column("party_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("publication_date", sa.Date),
        sa.Column("rule_id", sa.String(200)),
        sa.Column("import_id", sa.Integer),
        sa.Column("document", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("sequence", name="pk_actions"),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name="fk_actions_rule_id_rules", ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_actions_import_id_imports", ondelete="RESTRICT"
        ),
    )
    op.create_index("ix_actions_effective", "actions", ["effective_date"])
    op.create_index("ix_actions_party", "actions", ["party_id"])
    op.create_index("ix_actions_dataset", "actions", ["dataset"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_index("ix_actions_dataset", "actions")
    op.drop_index("ix_actions_party", "actions")
    op.drop_index("ix_actions_effective", "actions")
    op.drop_table("actions")
    op.drop_table("imports")
    op.drop_table("rules")
