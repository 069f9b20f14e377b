"""airports: the flights domain's first table, filled by `tessera import-airports`

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Autocomplete looks for a city or name containing what was typed: on PostgreSQL these trigram indexes
# serve it (named ix_trgm_* and left out of model comparison); SQLite scans the few thousand rows.
TRIGRAM_INDEXES = {"ix_trgm_airports_name": "name", "ix_trgm_airports_city": "city"}


def upgrade() -> None:
    op.create_table(
        "airports",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("iata", sa.String(length=3), nullable=False),
        sa.Column("icao", sa.String(length=4), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("subdivision", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("latitude", sa.Numeric(precision=9, scale=6), nullable=False),
        sa.Column("longitude", sa.Numeric(precision=9, scale=6), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint("length(iata) = 3 AND iata = upper(iata)", name=op.f("ck_airports_iata")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_airports")),
    )
    op.create_index("ix_airports_country", "airports", ["country"], unique=False)
    op.create_index(
        "uq_airports_iata_active",
        "airports",
        ["iata"],
        unique=True,
        postgresql_where=sa.text("is_active"),
        sqlite_where=sa.text("is_active"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON airports USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("uq_airports_iata_active", table_name="airports")
    op.drop_index("ix_airports_country", table_name="airports")
    op.drop_table("airports")
