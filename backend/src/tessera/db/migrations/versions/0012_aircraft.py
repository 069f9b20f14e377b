"""aircraft: carriers' aircraft with their cabins and generated seats

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CABINS = "('first', 'business', 'premium_economy', 'economy')"


def _audit() -> list[sa.Column[Any]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    guid = advanced_alchemy.types.guid.GUID(length=16)
    op.create_table(
        "aircraft",
        sa.Column("id", guid, nullable=False),
        sa.Column("organizer_id", guid, nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("registration", sa.String(length=10), nullable=True),
        sa.Column("seat_count", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        *_audit(),
        sa.CheckConstraint("seat_count > 0", name=op.f("ck_aircraft_seat_count")),
        sa.ForeignKeyConstraint(
            ["organizer_id"], ["users.id"], name=op.f("fk_aircraft_organizer_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aircraft")),
        sa.UniqueConstraint("organizer_id", "registration", name=op.f("uq_aircraft_organizer_id")),
    )
    op.create_index("ix_aircraft_organizer_created", "aircraft", ["organizer_id", "created_at"], unique=False)
    op.create_table(
        "aircraft_cabins",
        sa.Column("id", guid, nullable=False),
        sa.Column("aircraft_id", guid, nullable=False),
        sa.Column("cabin", sa.String(length=16), nullable=False),
        sa.Column("first_row", sa.SmallInteger(), nullable=False),
        sa.Column("last_row", sa.SmallInteger(), nullable=False),
        sa.Column("layout", sa.String(length=20), nullable=False),
        sa.Column("seat_count", sa.Integer(), nullable=False),
        *_audit(),
        sa.CheckConstraint(f"cabin IN {CABINS}", name=op.f("ck_aircraft_cabins_cabin")),
        sa.CheckConstraint(
            "first_row >= 1 AND last_row >= first_row AND last_row <= 99", name=op.f("ck_aircraft_cabins_rows")
        ),
        sa.ForeignKeyConstraint(
            ["aircraft_id"], ["aircraft.id"], name=op.f("fk_aircraft_cabins_aircraft_id_aircraft"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aircraft_cabins")),
        sa.UniqueConstraint("aircraft_id", "cabin", name=op.f("uq_aircraft_cabins_aircraft_id")),
    )
    op.create_table(
        "aircraft_seats",
        sa.Column("id", guid, nullable=False),
        sa.Column("aircraft_id", guid, nullable=False),
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("row", sa.SmallInteger(), nullable=False),
        sa.Column("letter", sa.String(length=1), nullable=False),
        sa.Column("cabin", sa.String(length=16), nullable=False),
        sa.Column("position", sa.String(length=6), nullable=False),
        sa.Column("exit_row", sa.Boolean(), nullable=False),
        sa.Column("extra_legroom", sa.Boolean(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        *_audit(),
        sa.CheckConstraint(f"cabin IN {CABINS}", name=op.f("ck_aircraft_seats_cabin")),
        sa.CheckConstraint("position IN ('window', 'middle', 'aisle')", name=op.f("ck_aircraft_seats_position")),
        sa.ForeignKeyConstraint(
            ["aircraft_id"], ["aircraft.id"], name=op.f("fk_aircraft_seats_aircraft_id_aircraft"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aircraft_seats")),
        sa.UniqueConstraint("aircraft_id", "code", name=op.f("uq_aircraft_seats_code")),
        sa.UniqueConstraint("aircraft_id", "row", "letter", name=op.f("uq_aircraft_seats_row_letter")),
    )
    op.create_index("ix_aircraft_seats_cabin", "aircraft_seats", ["aircraft_id", "cabin"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_aircraft_seats_cabin", table_name="aircraft_seats")
    op.drop_table("aircraft_seats")
    op.drop_table("aircraft_cabins")
    op.drop_index("ix_aircraft_organizer_created", table_name="aircraft")
    op.drop_table("aircraft")
