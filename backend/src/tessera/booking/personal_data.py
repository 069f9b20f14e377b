"""The booking core's share of an account's personal data: bookings, tickets (attendee names) and ticket
transfers (the addresses offers went to)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService, normalize_email
from tessera.booking.models import Booking, BookingStatus, Ticket, TicketTransfer, TransferStatus
from tessera.catalog.models import ListingSession


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class BookingPersonalData:
    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        bookings = list(
            await session.scalars(select(Booking).where(Booking.user_id == user_id).order_by(Booking.created_at))
        )
        tickets = await session.scalars(
            select(Ticket).where(Ticket.booking_id.in_([b.id for b in bookings])).order_by(Ticket.created_at)
        )
        transfers = await session.scalars(
            select(TicketTransfer)
            .where(or_(TicketTransfer.from_user_id == user_id, TicketTransfer.to_user_id == user_id))
            .order_by(TicketTransfer.created_at)
        )
        return {
            "ticket_transfers": [
                {
                    "id": str(t.id),
                    "direction": "sent" if t.from_user_id == user_id else "received",
                    "ticket_id": str(t.ticket_id),
                    "to_email": t.to_email,
                    "status": t.status,
                    "created_at": _when(t.created_at),
                    "accepted_at": _when(t.accepted_at),
                }
                for t in transfers
            ],
            "bookings": [
                {
                    "id": str(b.id),
                    "reference": b.reference,
                    "listing_id": str(b.event_id),
                    "session_id": str(b.session_id),
                    "status": b.status,
                    "quantity": b.quantity,
                    "total": b.total,
                    "currency": b.currency,
                    "created_at": _when(b.created_at),
                    "confirmed_at": _when(b.confirmed_at),
                    "cancelled_at": _when(b.cancelled_at),
                    "cancel_reason": b.cancel_reason,
                }
                for b in bookings
            ],
            "tickets": [
                {
                    "id": str(t.id),
                    "booking_id": str(t.booking_id),
                    "code": t.code,
                    "ticket_type": t.ticket_type_name,
                    "price": t.price,
                    "currency": t.currency,
                    "status": t.status,
                    "attendee_name": t.attendee_name,
                    "checked_in_at": _when(t.checked_in_at),
                }
                for t in tickets
            ],
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        upcoming = await session.scalar(
            select(func.count())
            .select_from(Booking)
            .join(ListingSession, ListingSession.id == Booking.session_id)
            .where(
                Booking.user_id == user_id,
                Booking.status == BookingStatus.CONFIRMED,
                ListingSession.starts_at > datetime.now(UTC),
            )
        )
        if upcoming:
            return f"You have {upcoming} confirmed booking(s) still to come: cancel them first"
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        mine = select(Booking.id).where(Booking.user_id == user_id).scalar_subquery()
        await session.execute(update(Ticket).where(Ticket.booking_id.in_(mine)).values(attendee_name=None))
        await session.execute(update(Booking).where(Booking.user_id == user_id).values(cancel_reason=None))
        # Offers made by or to the account lose the address; one still open is withdrawn.
        address = normalize_email((await UserService(session=session).get_user(user_id)).email)
        touched = or_(
            TicketTransfer.from_user_id == user_id,
            TicketTransfer.to_user_id == user_id,
            TicketTransfer.to_email == address,
        )
        await session.execute(
            update(TicketTransfer)
            .where(touched, TicketTransfer.status == TransferStatus.PENDING)
            .values(status=TransferStatus.CANCELLED)
        )
        await session.execute(update(TicketTransfer).where(touched).values(to_email=""))
