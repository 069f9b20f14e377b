"""waiting lists

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status IN ('waiting', 'offered')")
STATUSES = "status IN ('waiting', 'offered', 'booked', 'lapsed', 'left', 'removed')"


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _moment() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def upgrade() -> None:
    op.create_table(
        "waitlist_entries",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("session_id", _guid(), nullable=False),
        sa.Column("ticket_type_id", _guid(), nullable=False),
        sa.Column("user_id", _guid(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("booking_id", _guid(), nullable=True),
        sa.Column("offered_at", _moment(), nullable=True),
        sa.Column("offer_expires_at", _moment(), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_waitlist_entries_status")),
        sa.CheckConstraint("quantity >= 1", name=op.f("ck_waitlist_entries_quantity")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_waitlist_entries_booking_id_bookings"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_waitlist_entries_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_type_id"],
            ["ticket_types.id"],
            name=op.f("fk_waitlist_entries_ticket_type_id_ticket_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_waitlist_entries_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entries")),
    )
    op.create_index("ix_waitlist_booking", "waitlist_entries", ["booking_id"])
    op.create_index("ix_waitlist_session_status_created", "waitlist_entries", ["session_id", "status", "created_at"])
    op.create_index("ix_waitlist_user_created", "waitlist_entries", ["user_id", "created_at"])
    op.create_index(
        "uq_waitlist_live",
        "waitlist_entries",
        ["session_id", "user_id", "ticket_type_id"],
        unique=True,
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_waitlist_live", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_user_created", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_session_status_created", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_booking", table_name="waitlist_entries")
    op.drop_table("waitlist_entries")
