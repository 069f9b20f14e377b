"""flight routes: routes (managed listings), their fares (ticket types) and departures (sessions)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flight_routes",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("organizer_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("flight_number", sa.String(length=8), nullable=False),
        sa.Column("origin_airport_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("destination_airport_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("default_aircraft_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("return_route_id", advanced_alchemy.types.guid.GUID(length=16), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("origin_airport_id <> destination_airport_id", name=op.f("ck_flight_routes_airports")),
        sa.ForeignKeyConstraint(
            ["default_aircraft_id"],
            ["aircraft.id"],
            name=op.f("fk_flight_routes_default_aircraft_id_aircraft"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["destination_airport_id"],
            ["airports.id"],
            name=op.f("fk_flight_routes_destination_airport_id_airports"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(["id"], ["listings.id"], name=op.f("fk_flight_routes_id_listings"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["organizer_id"], ["users.id"], name=op.f("fk_flight_routes_organizer_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["origin_airport_id"],
            ["airports.id"],
            name=op.f("fk_flight_routes_origin_airport_id_airports"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["return_route_id"],
            ["flight_routes.id"],
            name=op.f("fk_flight_routes_return_route_id_flight_routes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_routes")),
        sa.UniqueConstraint("organizer_id", "flight_number", name="uq_flight_routes_flight_number"),
    )
    with op.batch_alter_table("flight_routes", schema=None) as batch_op:
        batch_op.create_index("ix_flight_routes_organizer_created", ["organizer_id", "created_at"], unique=False)

    op.create_table(
        "flight_departures",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("route_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("origin_airport_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("destination_airport_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("aircraft_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("departs_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("arrives_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("departure_date_local", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f("ck_flight_departures_status")),
        sa.CheckConstraint("arrives_at > departs_at", name=op.f("ck_flight_departures_period")),
        sa.ForeignKeyConstraint(
            ["aircraft_id"],
            ["aircraft.id"],
            name=op.f("fk_flight_departures_aircraft_id_aircraft"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["destination_airport_id"],
            ["airports.id"],
            name=op.f("fk_flight_departures_destination_airport_id_airports"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["sessions.id"], name=op.f("fk_flight_departures_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["origin_airport_id"],
            ["airports.id"],
            name=op.f("fk_flight_departures_origin_airport_id_airports"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["flight_routes.id"],
            name=op.f("fk_flight_departures_route_id_flight_routes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_departures")),
    )
    with op.batch_alter_table("flight_departures", schema=None) as batch_op:
        batch_op.create_index("ix_flight_departures_aircraft", ["aircraft_id"], unique=False)
        batch_op.create_index(
            "ix_flight_departures_search",
            ["origin_airport_id", "destination_airport_id", "departure_date_local", "departs_at"],
            unique=False,
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )
        batch_op.create_index(
            "uq_flight_departures_route_time",
            ["route_id", "departs_at"],
            unique=True,
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )

    op.create_table(
        "flight_fares",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("route_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("cabin", sa.String(length=16), nullable=False),
        sa.Column("refundable", sa.Boolean(), nullable=False),
        sa.Column("changeable", sa.Boolean(), nullable=False),
        sa.Column("cabin_bags", sa.SmallInteger(), nullable=False),
        sa.Column("checked_bags", sa.SmallInteger(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "cabin IN ('first', 'business', 'premium_economy', 'economy')", name=op.f("ck_flight_fares_cabin")
        ),
        sa.CheckConstraint(
            "cabin_bags BETWEEN 0 AND 5 AND checked_bags BETWEEN 0 AND 5", name=op.f("ck_flight_fares_bags")
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["ticket_types.id"], name=op.f("fk_flight_fares_id_ticket_types"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["route_id"], ["flight_routes.id"], name=op.f("fk_flight_fares_route_id_flight_routes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flight_fares")),
    )
    with op.batch_alter_table("flight_fares", schema=None) as batch_op:
        batch_op.create_index("ix_flight_fares_route_cabin", ["route_id", "cabin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("flight_fares", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_fares_route_cabin")

    op.drop_table("flight_fares")
    with op.batch_alter_table("flight_departures", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_flight_departures_route_time",
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )
        batch_op.drop_index(
            "ix_flight_departures_search",
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )
        batch_op.drop_index("ix_flight_departures_aircraft")

    op.drop_table("flight_departures")
    with op.batch_alter_table("flight_routes", schema=None) as batch_op:
        batch_op.drop_index("ix_flight_routes_organizer_created")

    op.drop_table("flight_routes")
