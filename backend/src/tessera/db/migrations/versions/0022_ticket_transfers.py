"""ticket transfers

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ticket_transfers",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("ticket_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("from_user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("to_email", sa.String(length=320), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("expires_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("to_user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("new_ticket_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("accepted_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'cancelled')", name=op.f("ck_ticket_transfers_status")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_ticket_transfers_booking_id_bookings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["from_user_id"], ["users.id"], name=op.f("fk_ticket_transfers_from_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["new_ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_transfers_new_ticket_id_tickets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_transfers_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"], ["users.id"], name=op.f("fk_ticket_transfers_to_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_transfers")),
    )
    with op.batch_alter_table("ticket_transfers", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_transfers_booking", ["booking_id"], unique=False)
        batch_op.create_index("ix_ticket_transfers_to_user", ["to_user_id"], unique=False)
        batch_op.create_index(
            "uq_ticket_transfers_pending",
            ["ticket_id"],
            unique=True,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )

    op.add_column(
        "listings", sa.Column("transfers_enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False)
    )
    op.add_column(
        "listings", sa.Column("transfer_cutoff_hours", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )


def downgrade() -> None:
    # Plain columns without constraints: both databases drop them in place (no rebuild of listings).
    for column in ("transfer_cutoff_hours", "transfers_enabled"):
        if op.get_bind().dialect.name == "postgresql":
            op.drop_column("listings", column)
        else:
            op.execute(f"ALTER TABLE listings DROP COLUMN {column}")

    with op.batch_alter_table("ticket_transfers", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_ticket_transfers_pending",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index("ix_ticket_transfers_to_user")
        batch_op.drop_index("ix_ticket_transfers_booking")

    op.drop_table("ticket_transfers")
