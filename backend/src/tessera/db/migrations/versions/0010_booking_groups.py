"""booking groups: bookings on several sessions held, paid and confirmed as one; a payment is for a booking or a group

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "status IN ('pending_payment', 'confirmed', 'cancelled', 'expired')"
PAYMENT_STATUSES = "status IN ('created', 'pending', 'paid', 'failed', 'cancelled')"
ONE_TARGET = "(booking_id IS NULL) <> (booking_group_id IS NULL)"
PENDING = sa.text("status = 'pending_payment'")
PAYMENT_INDEXES = {
    "ix_payments_booking": ["booking_id"],
    "ix_payments_provider_payment": ["provider", "provider_payment_id"],
    "ix_payments_status_created": ["status", "created_at"],
}


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _moment() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def upgrade() -> None:
    op.create_table(
        "booking_groups",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("reference", sa.String(length=6), nullable=False),
        sa.Column("user_id", _guid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expires_at", _moment(), nullable=True),
        sa.Column("confirmed_at", _moment(), nullable=True),
        sa.Column("cancelled_at", _moment(), nullable=True),
        sa.Column("expired_at", _moment(), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_booking_groups_status")),
        sa.CheckConstraint("total >= 0", name=op.f("ck_booking_groups_total")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_booking_groups_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_groups")),
        sa.UniqueConstraint("reference", name=op.f("uq_booking_groups_reference")),
    )
    op.create_index("ix_booking_groups_user_created", "booking_groups", ["user_id", "created_at"])
    op.create_index(
        "ix_booking_groups_pending_expiry",
        "booking_groups",
        ["expires_at"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.add_column("bookings", sa.Column("group_id", _guid(), nullable=True))
        op.create_foreign_key(
            op.f("fk_bookings_group_id_booking_groups"),
            "bookings",
            "booking_groups",
            ["group_id"],
            ["id"],
        )
    else:
        # SQLite adds a column with its own foreign key in place; rebuilding bookings is not needed.
        op.execute(
            "ALTER TABLE bookings ADD COLUMN group_id BINARY(16) CONSTRAINT fk_bookings_group_id_booking_groups "
            "REFERENCES booking_groups (id)"
        )
    op.create_index("ix_bookings_group", "bookings", ["group_id"])

    if postgres:
        op.alter_column("payments", "booking_id", existing_type=_guid(), nullable=True)
        op.add_column("payments", sa.Column("booking_group_id", _guid(), nullable=True))
        op.create_foreign_key(
            op.f("fk_payments_booking_group_id_booking_groups"),
            "payments",
            "booking_groups",
            ["booking_group_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        op.create_check_constraint(op.f("ck_payments_target"), "payments", ONE_TARGET)
    else:
        _rebuild_payments(grouped=True)
    op.create_index("ix_payments_group", "payments", ["booking_group_id"])


def downgrade() -> None:
    # Group payments and grouped bookings have no place in the older schema; an upgrade that was never used
    # goes back cleanly, one that was used refuses rather than lose them.
    if op.get_bind().execute(sa.text("SELECT count(*) FROM booking_groups")).scalar():
        raise RuntimeError("booking groups exist; downgrading past 0010 would lose them")
    op.drop_index("ix_payments_group", table_name="payments")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_payments_target"), "payments", type_="check")
        op.drop_constraint(op.f("fk_payments_booking_group_id_booking_groups"), "payments", type_="foreignkey")
        op.drop_column("payments", "booking_group_id")
        op.alter_column("payments", "booking_id", existing_type=_guid(), nullable=False)
        op.drop_index("ix_bookings_group", table_name="bookings")
        op.drop_constraint(op.f("fk_bookings_group_id_booking_groups"), "bookings", type_="foreignkey")
        op.drop_column("bookings", "group_id")
    else:
        _rebuild_payments(grouped=False)
        op.drop_index("ix_bookings_group", table_name="bookings")
        # The column's own foreign key goes with it; SQLite drops it in place.
        op.execute("ALTER TABLE bookings DROP COLUMN group_id")
    op.drop_index("ix_booking_groups_pending_expiry", table_name="booking_groups")
    op.drop_index("ix_booking_groups_user_created", table_name="booking_groups")
    op.drop_table("booking_groups")


def _rebuild_payments(*, grouped: bool) -> None:
    """SQLite cannot make a column nullable or add a table CHECK in place: build the table anew, copy every
    row, and swap it in (the migration runner has foreign keys off, so refunds keep pointing at it)."""
    columns: list[sa.Column[Any]] = [
        sa.Column("id", _guid(), nullable=False),
        sa.Column("booking_id", _guid(), nullable=grouped),
        sa.Column("user_id", _guid(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("provider_payment_id", sa.String(length=64), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("redirect_url", sa.String(length=1000), nullable=True),
        sa.Column("card_pan", sa.String(length=32), nullable=True),
        sa.Column("card_brand", sa.String(length=16), nullable=True),
        sa.Column("failure_reason", sa.String(length=300), nullable=True),
        sa.Column("paid_at", _moment(), nullable=True),
        sa.Column("failed_at", _moment(), nullable=True),
        sa.Column("last_checked_at", _moment(), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.Column("review_reason", sa.String(length=300), nullable=True),
    ]
    constraints: list[sa.schema.SchemaItem] = [
        sa.CheckConstraint(PAYMENT_STATUSES, name=op.f("ck_payments_status")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_payments_booking_id_bookings"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_payments_user_id_users"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    ]
    if grouped:
        columns.append(sa.Column("booking_group_id", _guid(), nullable=True))
        constraints += [
            sa.CheckConstraint(ONE_TARGET, name=op.f("ck_payments_target")),
            sa.ForeignKeyConstraint(
                ["booking_group_id"],
                ["booking_groups.id"],
                name=op.f("fk_payments_booking_group_id_booking_groups"),
                ondelete="RESTRICT",
            ),
        ]
    kept = ", ".join(c.name for c in columns if c.name != "booking_group_id")
    for index in PAYMENT_INDEXES:
        op.drop_index(index, table_name="payments")
    op.create_table("payments_rebuilt", *columns, *constraints)
    op.execute(f"INSERT INTO payments_rebuilt ({kept}) SELECT {kept} FROM payments")  # noqa: S608 - our column names
    op.drop_table("payments")
    op.rename_table("payments_rebuilt", "payments")
    for index, indexed in PAYMENT_INDEXES.items():
        op.create_index(index, "payments", indexed)
