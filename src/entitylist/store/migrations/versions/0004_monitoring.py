"""Monitoring: portfolios of counterparties, their token index, alerts and webhook deliveries.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

New tables only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CASCADE = "CASCADE"


def upgrade() -> None:
    op.create_table(
        "portfolios",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True)),
        sa.Column("screened_on", sa.Date),
        sa.Column("action_mark", sa.Integer),
        sa.Column("link_mark", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_portfolios"),
        sa.UniqueConstraint("name", name="uq_portfolios_name"),
    )
    op.create_table(
        "counterparties",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("portfolio_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(10)),
        sa.Column("address", sa.Text),
        sa.Column("type", sa.String(30)),
        sa.Column("birth_date", sa.String(10)),
        sa.Column("tokens", sa.Text, nullable=False),
        sa.Column("always", sa.Boolean, nullable=False),
        sa.Column("pending", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_counterparties"),
        sa.ForeignKeyConstraint(["portfolio_id"], ["portfolios.id"], name="fk_counterparties_portfolio_id_portfolios", ondelete=_CASCADE),
        sa.UniqueConstraint("portfolio_id", "key", name="uq_counterparties_portfolio_key"),
    )
    op.create_index("ix_counterparties_pending", "counterparties", ["portfolio_id", "pending"])
    op.create_table(
        "counterparty_tokens",
        sa.Column("portfolio_id", sa.Integer, nullable=False),
        sa.Column("counterparty_id", sa.Integer, nullable=False),
        sa.Column("token", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"], ["portfolios.id"], name="fk_counterparty_tokens_portfolio_id_portfolios", ondelete=_CASCADE
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["counterparties.id"], name="fk_counterparty_tokens_counterparty_id_counterparties",
            ondelete=_CASCADE,
        ),
    )
    op.create_index("ix_counterparty_tokens_token", "counterparty_tokens", ["portfolio_id", "token"])
    op.create_index("ix_counterparty_tokens_counterparty", "counterparty_tokens", ["counterparty_id"])
    op.create_table(
        "portfolio_token_keys",
        sa.Column("portfolio_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(201), nullable=False),
        sa.Column("token", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"], ["portfolios.id"], name="fk_portfolio_token_keys_portfolio_id_portfolios", ondelete=_CASCADE
        ),
    )
    op.create_index("ix_portfolio_token_keys_key", "portfolio_token_keys", ["portfolio_id", "key"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("portfolio_id", sa.Integer, nullable=False),
        sa.Column("counterparty_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.String(200), nullable=False),
        sa.Column("party_name", sa.Text, nullable=False),
        sa.Column("matched_name", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("closed_reason", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(["portfolio_id"], ["portfolios.id"], name="fk_alerts_portfolio_id_portfolios", ondelete=_CASCADE),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["counterparties.id"], name="fk_alerts_counterparty_id_counterparties", ondelete=_CASCADE
        ),
    )
    op.create_index("ix_alerts_portfolio_status", "alerts", ["portfolio_id", "status"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("alert_ids", sa.JSON, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_webhook_deliveries"),
    )


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_alerts_portfolio_status", "alerts")
    op.drop_table("alerts")
    op.drop_index("ix_portfolio_token_keys_key", "portfolio_token_keys")
    op.drop_table("portfolio_token_keys")
    op.drop_index("ix_counterparty_tokens_counterparty", "counterparty_tokens")
    op.drop_index("ix_counterparty_tokens_token", "counterparty_tokens")
    op.drop_table("counterparty_tokens")
    op.drop_index("ix_counterparties_pending", "counterparties")
    op.drop_table("counterparties")
    op.drop_table("portfolios")
