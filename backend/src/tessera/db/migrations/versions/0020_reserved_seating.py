"""reserved seating

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guid() -> advanced_alchemy.types.GUID:
    return advanced_alchemy.types.GUID(length=16)


def _moment() -> advanced_alchemy.types.DateTimeUTC:
    return advanced_alchemy.types.DateTimeUTC(timezone=True)


def upgrade() -> None:
    op.create_table(
        "seat_maps",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("venue_id", _guid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "layout",
            sa.JSON()
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
            .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
            .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("seat_count", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.CheckConstraint("seat_count > 0", name=op.f("ck_seat_maps_seat_count")),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venues.id"], name=op.f("fk_seat_maps_venue_id_venues"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seat_maps")),
    )
    op.create_index("ix_seat_maps_venue", "seat_maps", ["venue_id"])

    if op.get_bind().dialect.name == "postgresql":
        op.add_column("sessions", sa.Column("seat_map_id", _guid(), nullable=True))
        op.create_foreign_key(
            op.f("fk_sessions_seat_map_id_seat_maps"), "sessions", "seat_maps", ["seat_map_id"], ["id"]
        )
    else:
        # SQLite adds a column with its own foreign key in place; rebuilding sessions is not needed.
        op.execute(
            "ALTER TABLE sessions ADD COLUMN seat_map_id BINARY(16) CONSTRAINT fk_sessions_seat_map_id_seat_maps "
            "REFERENCES seat_maps (id)"
        )
    op.create_index(op.f("ix_sessions_seat_map_id"), "sessions", ["seat_map_id"])
    op.add_column("ticket_types", sa.Column("zone", sa.String(length=40), nullable=True))
    op.add_column("tickets", sa.Column("seat", sa.String(length=24), nullable=True))

    op.create_table(
        "session_seats",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("session_id", _guid(), nullable=False),
        sa.Column("seat", sa.String(length=24), nullable=False),
        sa.Column("booking_id", _guid(), nullable=True),
        sa.Column("ticket_id", _guid(), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.CheckConstraint("(booking_id IS NULL) = (ticket_id IS NULL)", name=op.f("ck_session_seats_holder")),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_session_seats_booking_id_bookings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_session_seats_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_session_seats_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_seats")),
    )
    op.create_index("ix_session_seats_booking", "session_seats", ["booking_id"])
    op.create_index("uq_session_seats_seat", "session_seats", ["session_id", "seat"], unique=True)
    op.create_index("uq_session_seats_ticket", "session_seats", ["ticket_id"], unique=True)


def downgrade() -> None:
    # Seats sold on a map have no place in the older schema: refuse rather than lose where people sit.
    if op.get_bind().execute(sa.text("SELECT count(*) FROM seat_maps")).scalar():
        raise RuntimeError("seat maps exist; downgrading past 0020 would lose them and the seats sold on them")
    op.drop_table("session_seats")
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("seat")
    with op.batch_alter_table("ticket_types") as batch_op:
        batch_op.drop_column("zone")
    op.drop_index(op.f("ix_sessions_seat_map_id"), table_name="sessions")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_sessions_seat_map_id_seat_maps"), "sessions", type_="foreignkey")
        op.drop_column("sessions", "seat_map_id")
    else:
        # The column's own foreign key goes with it; SQLite drops it in place.
        op.execute("ALTER TABLE sessions DROP COLUMN seat_map_id")
    op.drop_index("ix_seat_maps_venue", table_name="seat_maps")
    op.drop_table("seat_maps")
