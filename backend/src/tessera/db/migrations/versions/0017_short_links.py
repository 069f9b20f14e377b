"""short links: one code per creator and target, with its click count

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "short_links",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("target_type", sa.String(length=10), nullable=False),
        sa.Column("target_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("created_by", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("clicks", sa.BigInteger(), nullable=False),
        sa.Column("last_clicked_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("disabled_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.CheckConstraint(
            "target_type IN ('party', 'slot', 'host', 'event')", name=op.f("ck_short_links_target_type")
        ),
        sa.CheckConstraint("clicks >= 0", name=op.f("ck_short_links_clicks")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_short_links_created_by_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_short_links")),
        sa.UniqueConstraint("code", name=op.f("uq_short_links_code")),
        sa.UniqueConstraint("created_by", "target_type", "target_id", name="uq_short_links_owner_target"),
    )
    with op.batch_alter_table("short_links", schema=None) as batch_op:
        batch_op.create_index("ix_short_links_creator_created", ["created_by", "created_at"], unique=False)
        batch_op.create_index("ix_short_links_target", ["target_type", "target_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("short_links", schema=None) as batch_op:
        batch_op.drop_index("ix_short_links_target")
        batch_op.drop_index("ix_short_links_creator_created")

    op.drop_table("short_links")
