"""requests hold seats awaiting approval

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02

The booking a request's hold makes is marked until the organizer decides, so it is neither paid nor cancelled
apart from its request; the holds of requests pending now are marked as they are upgraded.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # In place on SQLite too (no table rebuild): bookings is the largest table and many tables point at it.
    op.add_column(
        "bookings", sa.Column("awaiting_approval", sa.Boolean(), server_default=sa.text("false"), nullable=False)
    )
    op.execute(
        "UPDATE bookings SET awaiting_approval = true WHERE id IN"
        " (SELECT hold_booking_id FROM booking_requests WHERE status = 'pending' AND hold_booking_id IS NOT NULL)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("bookings", "awaiting_approval")
    else:
        op.execute("ALTER TABLE bookings DROP COLUMN awaiting_approval")
