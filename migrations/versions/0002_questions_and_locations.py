"""the form question a conversation is waiting on; a report's location parsed and normalised

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("question", sa.String(length=64), nullable=True))
    with op.batch_alter_table("service_requests") as batch:
        batch.add_column(sa.Column("location_normalized", sa.Text(), nullable=True))
        batch.add_column(sa.Column("location_street", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("location_cross_street", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("location_quadrant", sa.String(length=4), nullable=True))
        batch.add_column(sa.Column("location_landmark", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("service_requests") as batch:
        for column in ("location_landmark", "location_quadrant", "location_cross_street", "location_street"):
            batch.drop_column(column)
        batch.drop_column("location_normalized")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("question")
