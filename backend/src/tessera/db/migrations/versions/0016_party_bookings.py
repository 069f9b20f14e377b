"""party bookings: approval requests, and encounters (a guest's booking on a slot, with attendance and ratings)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "party_encounters",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("slot_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("party_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("host_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("guest_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("places", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("no_show", sa.Boolean(), nullable=False),
        sa.Column("no_show_marked_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("no_show_disputed_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("no_show_dispute_reason", sa.String(length=500), nullable=True),
        sa.Column("no_show_resolution", sa.String(length=10), nullable=True),
        sa.Column("score_for_guest", sa.SmallInteger(), nullable=True),
        sa.Column("comment_for_guest", sa.Text(), nullable=True),
        sa.Column("host_rated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("score_for_host", sa.SmallInteger(), nullable=True),
        sa.Column("comment_for_host", sa.Text(), nullable=True),
        sa.Column("guest_rated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("window_opens_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("window_closes_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("revealed_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "no_show_resolution IN ('upheld', 'overturned')", name=op.f("ck_party_encounters_no_show_resolution")
        ),
        sa.CheckConstraint("status IN ('booked', 'cancelled')", name=op.f("ck_party_encounters_status")),
        sa.CheckConstraint("host_id <> guest_id", name=op.f("ck_party_encounters_not_own")),
        sa.CheckConstraint(
            "score_for_guest IS NULL OR score_for_guest BETWEEN 1 AND 5",
            name=op.f("ck_party_encounters_score_for_guest"),
        ),
        sa.CheckConstraint(
            "score_for_host IS NULL OR score_for_host BETWEEN 1 AND 5", name=op.f("ck_party_encounters_score_for_host")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_party_encounters_booking_id_bookings"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["users.id"], name=op.f("fk_party_encounters_guest_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_party_encounters_host_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party_details.id"],
            name=op.f("fk_party_encounters_party_id_party_details"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["party_slots.id"], name=op.f("fk_party_encounters_slot_id_party_slots"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_encounters")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_party_encounters_booking_id")),
    )
    with op.batch_alter_table("party_encounters", schema=None) as batch_op:
        batch_op.create_index("ix_party_encounters_guest", ["guest_id", "revealed_at"], unique=False)
        batch_op.create_index("ix_party_encounters_host", ["host_id", "revealed_at"], unique=False)
        batch_op.create_index(
            "ix_party_encounters_reveal_due",
            ["window_closes_at"],
            unique=False,
            postgresql_where=sa.text("revealed_at IS NULL AND status = 'booked'"),
            sqlite_where=sa.text("revealed_at IS NULL AND status = 'booked'"),
        )
        batch_op.create_index(
            "uq_party_encounters_live",
            ["slot_id", "guest_id"],
            unique=True,
            postgresql_where=sa.text("status = 'booked'"),
            sqlite_where=sa.text("status = 'booked'"),
        )

    op.create_table(
        "party_requests",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("slot_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("party_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("host_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("guest_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("places", sa.SmallInteger(), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("decided_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("decline_reason", sa.String(length=300), nullable=True),
        sa.Column("expires_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'declined', 'withdrawn', 'expired')",
            name=op.f("ck_party_requests_status"),
        ),
        sa.CheckConstraint("host_id <> guest_id", name=op.f("ck_party_requests_not_own")),
        sa.CheckConstraint("places >= 1", name=op.f("ck_party_requests_places")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_party_requests_booking_id_bookings"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["users.id"], name=op.f("fk_party_requests_guest_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_party_requests_host_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party_details.id"],
            name=op.f("fk_party_requests_party_id_party_details"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["party_slots.id"], name=op.f("fk_party_requests_slot_id_party_slots"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_requests")),
    )
    with op.batch_alter_table("party_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_party_requests_expiry",
            ["expires_at"],
            unique=False,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.create_index("ix_party_requests_guest_created", ["guest_id", "created_at"], unique=False)
        batch_op.create_index("ix_party_requests_host_status", ["host_id", "status", "created_at"], unique=False)
        batch_op.create_index(
            "uq_party_requests_pending",
            ["slot_id", "guest_id"],
            unique=True,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("party_requests", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_party_requests_pending",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index("ix_party_requests_host_status")
        batch_op.drop_index("ix_party_requests_guest_created")
        batch_op.drop_index(
            "ix_party_requests_expiry",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )

    op.drop_table("party_requests")
    with op.batch_alter_table("party_encounters", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_party_encounters_live",
            postgresql_where=sa.text("status = 'booked'"),
            sqlite_where=sa.text("status = 'booked'"),
        )
        batch_op.drop_index(
            "ix_party_encounters_reveal_due",
            postgresql_where=sa.text("revealed_at IS NULL AND status = 'booked'"),
            sqlite_where=sa.text("revealed_at IS NULL AND status = 'booked'"),
        )
        batch_op.drop_index("ix_party_encounters_host")
        batch_op.drop_index("ix_party_encounters_guest")

    op.drop_table("party_encounters")
