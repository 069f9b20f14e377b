"""hardening: sign-ins, token versions and a revocation feed for immediate revocation; payments held for review; refunds
whose outcome is unknown; one currency per listing kept by the database; 64-bit ticket prices

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_ins",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("revoked_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sign_ins_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_ins")),
    )
    op.create_index(op.f("ix_sign_ins_user_id"), "sign_ins", ["user_id"], unique=False)
    op.create_table(
        "access_revocations",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_access_revocations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_revocations")),
    )
    op.create_index("ix_access_revocations_created", "access_revocations", ["created_at"], unique=False)
    # Every existing refresh-token family becomes a sign-in, live unless all its tokens were revoked.
    op.execute(
        "INSERT INTO sign_ins (id, user_id, revoked_at, created_at, updated_at) "
        "SELECT family_id, user_id, "
        "CASE WHEN COUNT(*) = COUNT(revoked_at) THEN MAX(revoked_at) END, MIN(created_at), MAX(updated_at) "
        "FROM refresh_tokens GROUP BY family_id, user_id"
    )
    # A plain ADD COLUMN: a batch rebuild on SQLite would lose the expression index on lower(email).
    op.add_column("users", sa.Column("token_version", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("payments", sa.Column("review_reason", sa.String(length=300), nullable=True))
    with op.batch_alter_table("refunds") as batch:
        batch.drop_constraint(op.f("ck_refunds_status"), type_="check")
        batch.create_check_constraint(op.f("ck_refunds_status"), "status IN ('pending', 'unknown', 'done', 'failed')")
    op.add_column("events", sa.Column("currency", sa.String(length=3), nullable=True))
    op.execute("UPDATE events SET currency = (SELECT MIN(currency) FROM ticket_types WHERE event_id = events.id)")
    op.create_index("uq_events_id_currency", "events", ["id", "currency"], unique=True)
    with op.batch_alter_table("ticket_types") as batch:
        batch.alter_column("price", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
        batch.create_foreign_key(
            "fk_ticket_types_event_currency",
            "events",
            ["event_id", "currency"],
            ["id", "currency"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket_types") as batch:
        batch.drop_constraint("fk_ticket_types_event_currency", type_="foreignkey")
        batch.alter_column("price", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
    op.drop_index("uq_events_id_currency", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("currency")
    op.execute("UPDATE refunds SET status = 'pending' WHERE status = 'unknown'")
    with op.batch_alter_table("refunds") as batch:
        batch.drop_constraint(op.f("ck_refunds_status"), type_="check")
        batch.create_check_constraint(op.f("ck_refunds_status"), "status IN ('pending', 'done', 'failed')")
    with op.batch_alter_table("payments") as batch:
        batch.drop_column("review_reason")
    # SQLite rebuilds the table to drop a column, and the rebuild cannot carry an expression index.
    op.drop_index("uq_users_email_lower", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_version")
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
    op.drop_index("ix_access_revocations_created", table_name="access_revocations")
    op.drop_table("access_revocations")
    op.drop_index(op.f("ix_sign_ins_user_id"), table_name="sign_ins")
    op.drop_table("sign_ins")
