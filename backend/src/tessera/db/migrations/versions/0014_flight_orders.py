"""flight orders: orders of booking groups, their legs, passengers with sealed documents, seat assignments,
the log of document reveals, and schedule changes with each order's answer

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flight_orders",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("booking_group_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("reference", sa.String(length=6), nullable=False),
        sa.Column("trip_type", sa.String(length=10), nullable=False),
        sa.Column("cabin", sa.String(length=16), nullable=False),
        sa.Column("passenger_count", sa.SmallInteger(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "cabin IN ('first', 'business', 'premium_economy', 'economy')", name=op.f("ck_flight_orders_cabin")
        ),
        sa.CheckConstraint("trip_type IN ('one_way', 'round_trip')", name=op.f("ck_flight_orders_trip_type")),
        sa.CheckConstraint("passenger_count BETWEEN 1 AND 9", name=op.f("ck_flight_orders_passenger_count")),
        sa.ForeignKeyConstraint(
            ["booking_group_id"],
            ["booking_groups.id"],
            name=op.f("fk_flight_orders_booking_group_id_booking_groups"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_flight_orders_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_orders")),
        sa.UniqueConstraint("booking_group_id", name=op.f("uq_flight_orders_booking_group_id")),
        sa.UniqueConstraint("reference", name=op.f("uq_flight_orders_reference")),
    )
    with op.batch_alter_table("flight_orders", schema=None) as batch_op:
        batch_op.create_index("ix_flight_orders_user_created", ["user_id", "created_at"], unique=False)

    op.create_table(
        "flight_passengers",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("order_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("passenger_type", sa.String(length=6), nullable=False),
        sa.Column("given_name", sa.String(length=60), nullable=False),
        sa.Column("family_name", sa.String(length=60), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("document_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("document_number_masked", sa.String(length=24), nullable=False),
        sa.Column("document_series_masked", sa.String(length=12), nullable=True),
        sa.Column("document_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("purged_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("passenger_type IN ('adult', 'child')", name=op.f("ck_flight_passengers_passenger_type")),
        sa.CheckConstraint("position BETWEEN 1 AND 9", name=op.f("ck_flight_passengers_position")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["flight_orders.id"],
            name=op.f("fk_flight_passengers_order_id_flight_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_passengers")),
        sa.UniqueConstraint("order_id", "position", name="uq_flight_passengers_position"),
    )
    op.create_table(
        "flight_document_reveals",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("departure_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("passenger_count", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["departure_id"],
            ["flight_departures.id"],
            name=op.f("fk_flight_document_reveals_departure_id_flight_departures"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_flight_document_reveals_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_document_reveals")),
    )
    with op.batch_alter_table("flight_document_reveals", schema=None) as batch_op:
        batch_op.create_index("ix_flight_document_reveals_departure", ["departure_id", "created_at"], unique=False)

    op.create_table(
        "flight_order_legs",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("order_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("leg", sa.SmallInteger(), nullable=False),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("departure_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("fare_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("leg IN (1, 2)", name=op.f("ck_flight_order_legs_leg")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_flight_order_legs_booking_id_bookings"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["departure_id"],
            ["flight_departures.id"],
            name=op.f("fk_flight_order_legs_departure_id_flight_departures"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["fare_id"],
            ["flight_fares.id"],
            name=op.f("fk_flight_order_legs_fare_id_flight_fares"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["flight_orders.id"],
            name=op.f("fk_flight_order_legs_order_id_flight_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_order_legs")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_flight_order_legs_booking_id")),
        sa.UniqueConstraint("order_id", "leg", name="uq_flight_order_legs_leg"),
    )
    with op.batch_alter_table("flight_order_legs", schema=None) as batch_op:
        batch_op.create_index("ix_flight_order_legs_departure", ["departure_id"], unique=False)

    op.create_table(
        "flight_schedule_changes",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("departure_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("old_departs_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("old_arrives_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("new_departs_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("new_arrives_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("old_aircraft_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("new_aircraft_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("created_by", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('retimed', 'aircraft', 'cancelled')", name=op.f("ck_flight_schedule_changes_kind")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_flight_schedule_changes_created_by_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["departure_id"],
            ["flight_departures.id"],
            name=op.f("fk_flight_schedule_changes_departure_id_flight_departures"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["new_aircraft_id"],
            ["aircraft.id"],
            name=op.f("fk_flight_schedule_changes_new_aircraft_id_aircraft"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["old_aircraft_id"],
            ["aircraft.id"],
            name=op.f("fk_flight_schedule_changes_old_aircraft_id_aircraft"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_schedule_changes")),
    )
    with op.batch_alter_table("flight_schedule_changes", schema=None) as batch_op:
        batch_op.create_index("ix_flight_schedule_changes_departure", ["departure_id", "created_at"], unique=False)

    op.create_table(
        "flight_order_changes",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("order_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("change_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("leg", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("conflicts_with_return", sa.Boolean(), nullable=False),
        sa.Column("respond_by", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("responded_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected', 'superseded')", name=op.f("ck_flight_order_changes_status")
        ),
        sa.CheckConstraint("leg IN (1, 2)", name=op.f("ck_flight_order_changes_leg")),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["flight_schedule_changes.id"],
            name=op.f("fk_flight_order_changes_change_id_flight_schedule_changes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["flight_orders.id"],
            name=op.f("fk_flight_order_changes_order_id_flight_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_order_changes")),
        sa.UniqueConstraint("order_id", "change_id", name="uq_flight_order_changes_change"),
    )
    with op.batch_alter_table("flight_order_changes", schema=None) as batch_op:
        batch_op.create_index("ix_flight_order_changes_order_status", ["order_id", "status"], unique=False)
        batch_op.create_index(
            "ix_flight_order_changes_pending_due",
            ["respond_by"],
            unique=False,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )

    op.create_table(
        "flight_seat_assignments",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("departure_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("aircraft_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("seat_code", sa.String(length=4), nullable=False),
        sa.Column("cabin", sa.String(length=16), nullable=False),
        sa.Column("passenger_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("booking_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("ticket_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("document_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("released_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("release_reason", sa.String(length=20), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "cabin IN ('first', 'business', 'premium_economy', 'economy')",
            name=op.f("ck_flight_seat_assignments_cabin"),
        ),
        sa.CheckConstraint("status IN ('live', 'released')", name=op.f("ck_flight_seat_assignments_status")),
        sa.ForeignKeyConstraint(
            ["aircraft_id"],
            ["aircraft.id"],
            name=op.f("fk_flight_seat_assignments_aircraft_id_aircraft"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_flight_seat_assignments_booking_id_bookings"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["departure_id"],
            ["flight_departures.id"],
            name=op.f("fk_flight_seat_assignments_departure_id_flight_departures"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["passenger_id"],
            ["flight_passengers.id"],
            name=op.f("fk_flight_seat_assignments_passenger_id_flight_passengers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_flight_seat_assignments_ticket_id_tickets"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_seat_assignments")),
    )
    with op.batch_alter_table("flight_seat_assignments", schema=None) as batch_op:
        batch_op.create_index("ix_flight_seat_booking", ["booking_id"], unique=False)
        batch_op.create_index(
            "ix_flight_seat_cabin_live",
            ["departure_id", "cabin"],
            unique=False,
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.create_index("ix_flight_seat_passenger", ["passenger_id"], unique=False)
        batch_op.create_index(
            "uq_flight_passport_live",
            ["departure_id", "document_fingerprint"],
            unique=True,
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.create_index(
            "uq_flight_seat_live",
            ["departure_id", "seat_code"],
            unique=True,
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.create_index(
            "uq_flight_ticket_live",
            ["ticket_id"],
            unique=True,
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("flight_seat_assignments", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_flight_ticket_live",
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.drop_index(
            "uq_flight_seat_live", postgresql_where=sa.text("status = 'live'"), sqlite_where=sa.text("status = 'live'")
        )
        batch_op.drop_index(
            "uq_flight_passport_live",
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.drop_index("ix_flight_seat_passenger")
        batch_op.drop_index(
            "ix_flight_seat_cabin_live",
            postgresql_where=sa.text("status = 'live'"),
            sqlite_where=sa.text("status = 'live'"),
        )
        batch_op.drop_index("ix_flight_seat_booking")

    op.drop_table("flight_seat_assignments")
    with op.batch_alter_table("flight_order_changes", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_flight_order_changes_pending_due",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index("ix_flight_order_changes_order_status")

    op.drop_table("flight_order_changes")
    with op.batch_alter_table("flight_schedule_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_schedule_changes_departure")

    op.drop_table("flight_schedule_changes")
    with op.batch_alter_table("flight_order_legs", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_order_legs_departure")

    op.drop_table("flight_order_legs")
    with op.batch_alter_table("flight_document_reveals", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_document_reveals_departure")

    op.drop_table("flight_document_reveals")
    op.drop_table("flight_passengers")
    with op.batch_alter_table("flight_orders", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_orders_user_created")

    op.drop_table("flight_orders")
