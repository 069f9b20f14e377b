"""Who went to a listing: the one question other modules (reviews) ask of past bookings."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.catalog.services import SeatInventory


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
