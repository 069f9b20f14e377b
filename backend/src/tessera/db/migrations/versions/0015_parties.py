"""parties: hosts, parties (managed listings with a sealed address) and their slots, which never overlap per host

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "party_hosts",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("approval_required", sa.Boolean(), nullable=False),
        sa.Column("avatar_url", sa.String(length=500), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["users.id"], name=op.f("fk_party_hosts_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_hosts")),
    )
    with op.batch_alter_table("party_hosts", schema=None) as batch_op:
        batch_op.create_index("ix_party_hosts_city_lower", [sa.literal_column("lower(city)")], unique=False)

    op.create_table(
        "party_details",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("host_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("movie_title", sa.String(length=200), nullable=False),
        sa.Column("movie_year", sa.SmallInteger(), nullable=True),
        sa.Column("movie_runtime_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("movie_url", sa.String(length=500), nullable=True),
        sa.Column("poster_url", sa.String(length=500), nullable=True),
        sa.Column("place_city", sa.String(length=100), nullable=False),
        sa.Column("place_public_area", sa.String(length=200), nullable=False),
        sa.Column("place_address_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("capacity", sa.SmallInteger(), nullable=False),
        sa.Column("max_places_per_guest", sa.SmallInteger(), nullable=False),
        sa.Column("approval_required", sa.Boolean(), nullable=False),
        sa.Column("buffer_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("booking_closes_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("ticket_type_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("booking_closes_minutes BETWEEN 0 AND 1440", name=op.f("ck_party_details_booking_closes")),
        sa.CheckConstraint("buffer_minutes BETWEEN 0 AND 240", name=op.f("ck_party_details_buffer")),
        sa.CheckConstraint("capacity BETWEEN 1 AND 50", name=op.f("ck_party_details_capacity")),
        sa.CheckConstraint("max_places_per_guest BETWEEN 1 AND capacity", name=op.f("ck_party_details_max_places")),
        sa.CheckConstraint("movie_runtime_minutes BETWEEN 1 AND 600", name=op.f("ck_party_details_runtime")),
        sa.CheckConstraint(
            "movie_year IS NULL OR movie_year BETWEEN 1888 AND 2100", name=op.f("ck_party_details_movie_year")
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_party_details_host_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["id"], ["listings.id"], name=op.f("fk_party_details_id_listings"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["ticket_type_id"],
            ["ticket_types.id"],
            name=op.f("fk_party_details_ticket_type_id_ticket_types"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_details")),
    )
    with op.batch_alter_table("party_details", schema=None) as batch_op:
        batch_op.create_index("ix_party_details_city_lower", [sa.literal_column("lower(place_city)")], unique=False)
        batch_op.create_index("ix_party_details_host", ["host_id"], unique=False)

    op.create_table(
        "party_slots",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("party_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("host_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("starts_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("ends_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f("ck_party_slots_status")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_party_slots_period")),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_party_slots_host_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["id"], ["sessions.id"], name=op.f("fk_party_slots_id_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party_details.id"], name=op.f("fk_party_slots_party_id_party_details"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_slots")),
    )
    with op.batch_alter_table("party_slots", schema=None) as batch_op:
        batch_op.create_index("ix_party_slots_host_starts", ["host_id", "starts_at"], unique=False)
        batch_op.create_index("ix_party_slots_party", ["party_id", "starts_at"], unique=False)
        batch_op.create_index(
            "ix_party_slots_upcoming",
            ["starts_at"],
            unique=False,
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )

    # One host's scheduled slots never overlap ("[)": a slot may start when the last one ends). Alembic does not
    # see exclusion constraints or triggers, so they live here only.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE party_slots ADD CONSTRAINT ex_party_slot_overlap EXCLUDE USING gist "
            "(host_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'scheduled')"
        )
    else:
        # SQLite has one writer at a time, so a check before each write is race-free. A later migration that
        # rebuilds party_slots (batch mode) drops these triggers and must create them again.
        overlap = (
            "WHEN NEW.status = 'scheduled' BEGIN "
            "SELECT RAISE(ABORT, 'ex_party_slot_overlap') WHERE EXISTS (SELECT 1 FROM party_slots s "
            "WHERE s.host_id = NEW.host_id AND s.status = 'scheduled' AND s.id <> NEW.id "
            "AND s.starts_at < NEW.ends_at AND NEW.starts_at < s.ends_at); END"
        )
        op.execute("CREATE TRIGGER party_slots_no_overlap_insert BEFORE INSERT ON party_slots " + overlap)
        op.execute(
            "CREATE TRIGGER party_slots_no_overlap_update "
            "BEFORE UPDATE OF host_id, starts_at, ends_at, status ON party_slots " + overlap
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS party_slots_no_overlap_insert")
        op.execute("DROP TRIGGER IF EXISTS party_slots_no_overlap_update")
    with op.batch_alter_table("party_slots", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_party_slots_upcoming",
            postgresql_where=sa.text("status = 'scheduled'"),
            sqlite_where=sa.text("status = 'scheduled'"),
        )
        batch_op.drop_index("ix_party_slots_party")
        batch_op.drop_index("ix_party_slots_host_starts")

    op.drop_table("party_slots")
    with op.batch_alter_table("party_details", schema=None) as batch_op:
        batch_op.drop_index("ix_party_details_host")
        batch_op.drop_index("ix_party_details_city_lower")

    op.drop_table("party_details")
    with op.batch_alter_table("party_hosts", schema=None) as batch_op:
        batch_op.drop_index("ix_party_hosts_city_lower")

    op.drop_table("party_hosts")
