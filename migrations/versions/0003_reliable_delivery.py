"""reliable delivery: retries with backoff both ways, claims and per-part provider records; reports tied to the message that filed them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbound_messages") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("verify", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "outbound_parts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_id", sa.Integer(), sa.ForeignKey("outbound_messages.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("provider_sid", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("message_id", "position", name="uq_outbound_part_position"),
        sa.UniqueConstraint("provider_sid", name="uq_outbound_part_provider_sid"),
    )
    op.create_index("ix_outbound_parts_message_id", "outbound_parts", ["message_id"])
    # A unique index, not a constraint: on SQLite a new constraint would rebuild the table and lose AUTOINCREMENT.
    with op.batch_alter_table("service_requests") as batch:
        batch.add_column(sa.Column("inbound_message_id", sa.Integer(), nullable=True))
    op.create_index(
        "ix_service_requests_inbound_message_id", "service_requests", ["inbound_message_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_service_requests_inbound_message_id", table_name="service_requests")
    with op.batch_alter_table("service_requests") as batch:
        batch.drop_column("inbound_message_id")
    op.drop_index("ix_outbound_parts_message_id", table_name="outbound_parts")
    op.drop_table("outbound_parts")
    with op.batch_alter_table("outbound_messages") as batch:
        for column in ("verify", "claimed_at", "next_attempt_at", "attempts"):
            batch.drop_column(column)
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_column("next_attempt_at")
