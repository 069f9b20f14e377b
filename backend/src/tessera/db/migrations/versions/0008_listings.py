"""listings: the table of events, flights and watch parties is called what it holds; every row is kept

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Old name -> new name, both ways.
INDEXES = {
    "ix_events_status_ends": ("ix_listings_status_ends", ["status", "ends_at"], False),
    "ix_events_status_kind_ends": ("ix_listings_status_kind_ends", ["status", "kind", "ends_at"], False),
    "ix_events_category_ends": ("ix_listings_category_ends", ["category", "ends_at"], False),
    "ix_events_organizer": ("ix_listings_organizer", ["organizer_id"], False),
    "ix_events_venue": ("ix_listings_venue", ["venue_id"], False),
    "uq_events_id_currency": ("uq_listings_id_currency", ["id", "currency"], True),
}
POSTGRES_ONLY_INDEXES = {
    "ix_trgm_events_title": "ix_trgm_listings_title",
    "ix_trgm_events_description": "ix_trgm_listings_description",
}
OWN_CONSTRAINTS = {
    "pk_events": "pk_listings",
    "uq_events_slug": "uq_listings_slug",
    "ck_events_kind": "ck_listings_kind",
    "ck_events_status": "ck_listings_status",
    "fk_events_organizer_id_users": "fk_listings_organizer_id_users",
    "fk_events_venue_id_venues": "fk_listings_venue_id_venues",
}
# Foreign keys of other tables that point at it.
REFERENCING = {
    "sessions": ("fk_sessions_event_id_events", "fk_sessions_event_id_listings"),
    "ticket_types": ("fk_ticket_types_event_id_events", "fk_ticket_types_event_id_listings"),
    "bookings": ("fk_bookings_event_id_events", "fk_bookings_event_id_listings"),
    "reviews": ("fk_reviews_event_id_events", "fk_reviews_event_id_listings"),
}
KINDS = "kind IN ('event', 'flight', 'party')"
STATUSES = "status IN ('draft', 'published', 'cancelled')"


def upgrade() -> None:
    _rename("events", "listings", forward=True)


def downgrade() -> None:
    _rename("listings", "events", forward=False)


def _rename(old_table: str, new_table: str, *, forward: bool) -> None:
    """Rename the table, its indexes and its constraints. PostgreSQL renames in place. SQLite renames the
    table in place too (and rewrites the foreign keys of other tables that point at it), then rebuilds it
    once to rename the constraints written into its definition; the migration runner has foreign keys off
    meanwhile, so the rebuild's drop of the old copy cascades nowhere."""

    def name(old: str, new: str) -> tuple[str, str]:
        return (old, new) if forward else (new, old)

    op.rename_table(old_table, new_table)
    if op.get_bind().dialect.name == "postgresql":
        for old, new in OWN_CONSTRAINTS.items():
            source, target = name(old, new)
            op.execute(f"ALTER TABLE {new_table} RENAME CONSTRAINT {source} TO {target}")
        for table, (old, new) in REFERENCING.items():
            source, target = name(old, new)
            op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {source} TO {target}")
        for old, (new, _, _) in INDEXES.items():
            source, target = name(old, new)
            op.execute(f"ALTER INDEX {source} RENAME TO {target}")
        for old, new in POSTGRES_ONLY_INDEXES.items():
            source, target = name(old, new)
            op.execute(f"ALTER INDEX {source} RENAME TO {target}")
        return

    # SQLite. The foreign keys of other tables keep their constraint names (SQLite never shows them), which
    # spares rebuilding the largest tables (bookings, tickets' parent) just to rename them.
    for old, (new, _, _) in INDEXES.items():
        op.drop_index(name(old, new)[0], table_name=new_table)
    # SQLite reflects a GUID column (BINARY(16)) with numeric affinity; the rebuilt table keeps the real type.
    # The columns given here replace the reflected ones, foreign keys included, so those are created anew.
    guid = advanced_alchemy.types.GUID(length=16)
    replaced: tuple[sa.schema.SchemaItem, ...] = (
        sa.Column("id", guid, primary_key=True, nullable=False),
        sa.Column("organizer_id", guid, nullable=False),
        sa.Column("venue_id", guid, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{new_table}")),
    )
    with op.batch_alter_table(new_table, recreate="always", reflect_args=replaced) as batch:
        for old, new in OWN_CONSTRAINTS.items():
            source, _ = name(old, new)
            if source.startswith(("ck_", "uq_")):
                batch.drop_constraint(op.f(source), type_=_kind(source))
        prefix = new_table
        batch.create_unique_constraint(op.f(f"uq_{prefix}_slug"), ["slug"])
        batch.create_check_constraint(op.f(f"ck_{prefix}_kind"), KINDS)
        batch.create_check_constraint(op.f(f"ck_{prefix}_status"), STATUSES)
        batch.create_foreign_key(
            op.f(f"fk_{prefix}_organizer_id_users"), "users", ["organizer_id"], ["id"], ondelete="RESTRICT"
        )
        batch.create_foreign_key(
            op.f(f"fk_{prefix}_venue_id_venues"), "venues", ["venue_id"], ["id"], ondelete="RESTRICT"
        )
    for old, (new, columns, unique) in INDEXES.items():
        op.create_index(name(old, new)[1], new_table, columns, unique=unique)


def _kind(constraint: str) -> str:
    return {"ck": "check", "uq": "unique"}[constraint[:2]]
