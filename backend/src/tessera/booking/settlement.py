"""What the payments module asks of a booking: can it be paid, may a charge go ahead, and the money arrived."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.errors import NotPayableError
from tessera.booking.hooks import DomainHooks
from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.booking.reads import load_booking
from tessera.catalog.inventory import SeatInventory
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Outgoing, enqueue


@dataclass(frozen=True, slots=True)
class PayableBooking:
    id: uuid.UUID
    user_id: uuid.UUID
    reference: str
    total: int
    currency: str
    expires_at: datetime
    title: str


class Settlement:
    def __init__(self, session: AsyncSession, inventory: SeatInventory, hooks: Mapping[str, DomainHooks]) -> None:
        self.session = session
        self.inventory = inventory
        self.hooks = hooks

    async def payable(self, booking_id: uuid.UUID, user: CurrentUser) -> PayableBooking:
        """The customer's booking, if it can be paid now."""
        booking = await load_booking(self.session, booking_id, user)
        now = datetime.now(UTC)
        if booking.status != BookingStatus.PENDING_PAYMENT or booking.expires_at is None or booking.expires_at <= now:
            raise NotPayableError(
                "This booking is not awaiting payment"
                if booking.status != BookingStatus.PENDING_PAYMENT
                else "The time to pay for this booking has run out"
            )
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        return PayableBooking(
            id=booking.id,
            user_id=booking.user_id,
            reference=booking.reference,
            total=booking.total,
            currency=booking.currency,
            expires_at=booking.expires_at,
            title=info.title,
        )

    async def accepts_payment(self, booking_id: uuid.UUID, now: datetime) -> bool:
        """Whether a charge may go ahead (the gateway's check call): the hold is still running."""
        booking = await self.session.get(Booking, booking_id, populate_existing=True)
        return bool(
            booking is not None
            and booking.status == BookingStatus.PENDING_PAYMENT
            and booking.expires_at is not None
            and booking.expires_at > now
        )

    async def settle_payment(self, booking_id: uuid.UUID, now: datetime) -> bool:
        """Money for the booking arrived. Confirms it (held seats become sold) and returns True; or returns
        False when the booking can no longer be had and the money must go back: it was cancelled, already
        paid by another attempt, or its hold expired and the seats have been taken since."""
        booking = await self.session.scalar(
            select(Booking).where(Booking.id == booking_id).with_for_update().execution_options(populate_existing=True)
        )
        if booking is None:
            return False
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        if booking.status == BookingStatus.PENDING_PAYMENT:
            taken = await self.inventory.confirm_held(booking.session_id, booking.quantity)
        elif booking.status == BookingStatus.EXPIRED and info.starts_at > now:
            # A late payment: keep the booking if its seats are still free (and its domain agrees).
            taken = await self._revive(booking, info.managed_by)
        else:
            return False
        if not taken:
            return False
        await self.session.execute(
            update(Ticket)
            .where(Ticket.booking_id == booking.id)
            .values(status=TicketStatus.VALID, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = now
        booking.updated_at = now
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=booking.user_id,
                    kind="booking_confirmed",
                    payload={"booking_id": str(booking.id), "reference": booking.reference},
                    dedupe_key=f"booking:{booking.id}:confirmed",
                )
            ],
        )
        await self.session.flush()
        return True

    async def _revive(self, booking: Booking, domain: str | None) -> bool:
        if domain is None or domain not in self.hooks:
            return await self.inventory.sell(booking.session_id, booking.quantity)
        # A savepoint, so that a domain refusing leaves the seat counts (and its own rows) as they were.
        savepoint = await self.session.begin_nested()
        if await self.inventory.sell(booking.session_id, booking.quantity) and await self.hooks[domain].revive(
            self.session, [booking.id]
        ):
            await savepoint.commit()
            return True
        await savepoint.rollback()
        return False
