"""flight seats on the core seat guard

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02

Flight seats are claimed in ``session_seats`` (a departure is a session), the per-seat guard every seated
listing uses; the flights module's own unique index on live seats goes. Live assignments are claimed there,
and their tickets carry their seats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from advanced_alchemy.types.datetime import DateTimeUTC
from advanced_alchemy.types.guid import GUID
from alembic import op
from uuid_utils.compat import uuid7

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status = 'live'")
_GUID = GUID(length=16)
ASSIGNMENTS = sa.table(
    "flight_seat_assignments",
    sa.column("departure_id", _GUID),
    sa.column("seat_code", sa.String),
    sa.column("booking_id", _GUID),
    sa.column("ticket_id", _GUID),
    sa.column("status", sa.String),
)
CLAIMS = sa.table(
    "session_seats",
    sa.column("id", _GUID),
    sa.column("session_id", _GUID),
    sa.column("seat", sa.String),
    sa.column("booking_id", _GUID),
    sa.column("ticket_id", _GUID),
    sa.column("created_at", DateTimeUTC(timezone=True)),
)
TICKETS = sa.table("tickets", sa.column("id", _GUID), sa.column("seat", sa.String))


def upgrade() -> None:
    bind = op.get_bind()
    a = ASSIGNMENTS.c
    live = bind.execute(
        sa.select(a.departure_id, a.seat_code, a.booking_id, a.ticket_id).where(a.status == "live")
    ).all()
    if live:
        now = datetime.now(UTC)
        bind.execute(
            CLAIMS.insert(),
            [
                {"id": uuid7(), "session_id": d, "seat": s, "booking_id": b, "ticket_id": t, "created_at": now}
                for d, s, b, t in live
            ],
        )
        bind.execute(
            TICKETS.update().where(TICKETS.c.id == sa.bindparam("ticket")).values(seat=sa.bindparam("code")),
            [{"ticket": t, "code": s} for _, s, _, t in live],
        )
    with op.batch_alter_table("flight_seat_assignments", schema=None) as batch_op:
        batch_op.drop_index("uq_flight_seat_live", postgresql_where=LIVE, sqlite_where=LIVE)


def downgrade() -> None:
    flight_tickets = sa.select(ASSIGNMENTS.c.ticket_id)
    op.execute(CLAIMS.delete().where(CLAIMS.c.ticket_id.in_(flight_tickets)))
    op.execute(TICKETS.update().where(TICKETS.c.id.in_(flight_tickets)).values(seat=None))
    with op.batch_alter_table("flight_seat_assignments", schema=None) as batch_op:
        batch_op.create_index(
            "uq_flight_seat_live", ["departure_id", "seat_code"], unique=True, postgresql_where=LIVE, sqlite_where=LIVE
        )
