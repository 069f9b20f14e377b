"""Who goes and who went: the confirmed bookings of sessions (reminders, review invitations) and whether a
person attended a listing (the one question the reviews module asks of past bookings)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.catalog.inventory import SeatInventory
from tessera.core.outbox import Outgoing, enqueue


class Attendance:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def has_attended(self, user_id: uuid.UUID, event_id: uuid.UUID, now: datetime) -> bool:
        """Whether the user went: a confirmed booking on the listing whose session has begun, or a ticket of
        theirs was checked in."""
        bookings = (
            await self.session.execute(
                select(Booking.id, Booking.session_id).where(
                    Booking.user_id == user_id,
                    Booking.event_id == event_id,
                    Booking.status == BookingStatus.CONFIRMED,
                )
            )
        ).all()
        if not bookings:
            return False
        sessions = await SeatInventory(self.session).describe(b.session_id for b in bookings)
        if any(sessions[b.session_id].starts_at <= now for b in bookings):
            return True
        used = await self.session.scalar(
            select(func.count()).where(
                Ticket.booking_id.in_([b.id for b in bookings]), Ticket.status == TicketStatus.USED
            )
        )
        return bool(used)

    async def checked_in(self, booking_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """The bookings with a ticket checked in."""
        if not booking_ids:
            return set()
        rows = await self.session.scalars(
            select(Ticket.booking_id)
            .where(Ticket.booking_id.in_(booking_ids), Ticket.status == TicketStatus.USED)
            .distinct()
        )
        return set(rows)

    async def notify_attendees(self, session_ids: Sequence[uuid.UUID], kind: str) -> int:
        """One ``kind`` notification per confirmed booking on the sessions (reminders, review invitations);
        repeated runs add nothing. Returns how many were new."""
        if not session_ids:
            return 0
        rows = (
            await self.session.execute(
                select(Booking.id, Booking.user_id, Booking.reference).where(
                    Booking.session_id.in_(session_ids), Booking.status == BookingStatus.CONFIRMED
                )
            )
        ).all()
        written = await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=r.user_id,
                    kind=kind,
                    payload={"booking_id": str(r.id), "reference": r.reference},
                    dedupe_key=f"booking:{r.id}:{kind}",
                )
                for r in rows
            ],
        )
        return len(written)
