"""managed listings: a listing a domain (flights, parties) manages itself, which the generic endpoints refuse

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOMAINS = "managed_by IN ('flights', 'parties')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("listings", sa.Column("managed_by", sa.String(length=12), nullable=True))
        op.create_check_constraint(op.f("ck_listings_managed_by"), "listings", DOMAINS)
        return
    # SQLite adds a column with its own CHECK in place; a table constraint would need a rebuild.
    op.execute(
        f"ALTER TABLE listings ADD COLUMN managed_by VARCHAR(12) CONSTRAINT ck_listings_managed_by CHECK ({DOMAINS})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("listings", "managed_by")
        return
    # SQLite drops a column in place unless a constraint of the table names it; this one is the column's own.
    op.execute("ALTER TABLE listings DROP COLUMN managed_by")
