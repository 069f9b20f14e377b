"""approval only sales

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("listings", "approval_required", sa.Boolean(), "false"),
    ("listings", "approval_hold_minutes", sa.Integer(), "0"),
    ("ticket_types", "approval_required", sa.Boolean(), "false"),
)


def upgrade() -> None:
    op.create_table(
        "booking_requests",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("session_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column(
            "items",
            sa.JSON()
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
            .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("expires_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("hold_booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("decided_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("decline_reason", sa.String(length=300), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'declined', 'expired', 'withdrawn')",
            name=op.f("ck_booking_requests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_booking_requests_booking_id_bookings"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["hold_booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_requests_hold_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_booking_requests_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_booking_requests_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_requests")),
    )
    with op.batch_alter_table("booking_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_booking_requests_pending_expiry",
            ["expires_at"],
            unique=False,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.create_index(
            "ix_booking_requests_session_status", ["session_id", "status", "created_at"], unique=False
        )
        batch_op.create_index("ix_booking_requests_user_created", ["user_id", "created_at"], unique=False)

    for table, name, kind, default in COLUMNS:
        op.add_column(table, sa.Column(name, kind, server_default=sa.text(default), nullable=False))


def downgrade() -> None:
    # Plain columns without constraints: both databases drop them in place (no rebuild of listings).
    for table, name, _, _ in reversed(COLUMNS):
        if op.get_bind().dialect.name == "postgresql":
            op.drop_column(table, name)
        else:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")

    with op.batch_alter_table("booking_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_booking_requests_user_created")
        batch_op.drop_index("ix_booking_requests_session_status")
        batch_op.drop_index(
            "ix_booking_requests_pending_expiry",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )

    op.drop_table("booking_requests")
