"""catalog archive: finished listings leave the text-search indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGRAM_INDEXES = {"ix_trgm_events_title": "title", "ix_trgm_events_description": "description"}


def upgrade() -> None:
    op.add_column("events", sa.Column("archived", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.execute("UPDATE events SET archived = true WHERE ends_at <= CURRENT_TIMESTAMP")
    if op.get_bind().dialect.name == "postgresql":
        # Only what the public search can find: its cost then follows the listings on sale, not history.
        for name, column in TRIGRAM_INDEXES.items():
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(
                f"CREATE INDEX {name} ON events USING gin ({column} gin_trgm_ops) "
                "WHERE status = 'published' AND NOT archived"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, column in TRIGRAM_INDEXES.items():
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"CREATE INDEX {name} ON events USING gin ({column} gin_trgm_ops)")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("archived")
