"""emergency notification broadcasts: alert subscriptions with consent, broadcasts, their messages in the outbox

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("zip", sa.String(length=5), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("consent_method", sa.String(length=16), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("contact_id", name="uq_alert_subscriptions_contact_id"),
    )
    op.create_index("ix_alert_subscriptions_zip", "alert_subscriptions", ["zip"])
    op.create_index("ix_alert_subscriptions_status", "alert_subscriptions", ["status"])
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_es", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("zips", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rate", sa.Float(), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("staff_users.id"), nullable=True),
        sa.Column("created_via", sa.String(length=16), nullable=False),
        sa.Column("approved_by", sa.Integer(), sa.ForeignKey("staff_users.id"), nullable=True),
        sa.Column("cancelled_by", sa.Integer(), sa.ForeignKey("staff_users.id"), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_broadcasts_status", "broadcasts", ["status"])
    with op.batch_alter_table("outbound_messages") as batch:
        batch.add_column(sa.Column("broadcast_id", sa.Integer(), nullable=True))
    op.create_index(
        "uq_outbound_broadcast_conversation", "outbound_messages", ["broadcast_id", "conversation_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_outbound_broadcast_conversation", table_name="outbound_messages")
    with op.batch_alter_table("outbound_messages") as batch:
        batch.drop_column("broadcast_id")
    op.drop_index("ix_broadcasts_status", table_name="broadcasts")
    op.drop_table("broadcasts")
    op.drop_index("ix_alert_subscriptions_status", table_name="alert_subscriptions")
    op.drop_index("ix_alert_subscriptions_zip", table_name="alert_subscriptions")
    op.drop_table("alert_subscriptions")
