"""Cancelling: a customer cancels a booking or some of its tickets; an organizer's cancelled sessions cancel
their bookings; a moved session tells its customers. Refunds are asked of the payments module."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.codes import digest
from tessera.booking.errors import AwaitingApprovalError, InvalidBookingError, NotCancellableError
from tessera.booking.groups import lock_groups_of, sync_groups
from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.booking.reads import BookingReads, load_booking
from tessera.booking.releases import Releases
from tessera.booking.schemas import BookingCancel, BookingRead
from tessera.catalog.errors import check_domain
from tessera.catalog.inventory import SeatInventory
from tessera.config import BookingSettings
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Outgoing, enqueue


class RefundRequester(Protocol):
    """How booking asks for money back. The payments module implements it; it must work inside the
    caller's transaction (record the request durably, talk to the gateway after commit)."""

    async def request_refund(
        self,
        session: AsyncSession,
        *,
        booking_id: uuid.UUID,
        amount: int,
        currency: str,
        reason: str,
    ) -> None: ...


class Cancellations:
    def __init__(
        self,
        session: AsyncSession,
        settings: BookingSettings,
        inventory: SeatInventory,
        refunds: RefundRequester,
        releases: Releases,
        reads: BookingReads,
    ) -> None:
        self.session = session
        self.settings = settings
        self.inventory = inventory
        self.refunds = refunds
        self.releases = releases
        self.reads = reads

    async def cancel(
        self, booking_id: uuid.UUID, user: CurrentUser, data: BookingCancel, *, request_closed: bool = False
    ) -> BookingRead:
        """The customer cancels a whole booking, or some tickets of a confirmed one (partial refund). Seats held
        for a request awaiting the organizer's approval go back only when the request is closed
        (``request_closed``: withdrawn, declined or expired); cancelled on their own they are refused."""
        now = datetime.now(UTC)
        booking = await load_booking(self.session, booking_id, user, for_update=True)
        if booking.awaiting_approval and not request_closed:
            raise AwaitingApprovalError("These seats are held for your request: withdraw the request instead")
        if booking.status not in (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED):
            raise NotCancellableError(f"A booking that is {booking.status.replace('_', ' ')} cannot be cancelled")
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        check_domain(info.managed_by, None)  # a managed listing's bookings are cancelled through its domain
        if booking.group_id is not None:
            raise NotCancellableError("This booking is part of an order; cancel the order instead")
        if info.starts_at <= now:
            raise NotCancellableError("The session has started; the booking can no longer be cancelled")
        live = list(
            await self.session.scalars(
                select(Ticket).where(
                    Ticket.booking_id == booking.id,
                    Ticket.status.in_([TicketStatus.PENDING, TicketStatus.VALID, TicketStatus.USED]),
                )
            )
        )
        chosen = live
        if data.ticket_ids is not None:
            wanted = set(data.ticket_ids)
            chosen = [t for t in live if t.id in wanted]
            if len(chosen) != len(wanted):
                raise InvalidBookingError("Some tickets are not part of this booking or are already cancelled")
            if booking.status == BookingStatus.PENDING_PAYMENT and len(chosen) != len(live):
                raise NotCancellableError("An unpaid booking can only be cancelled as a whole")
        if any(t.status == TicketStatus.USED for t in chosen):
            raise NotCancellableError("A ticket that was already used cannot be cancelled")

        held = booking.status == BookingStatus.PENDING_PAYMENT
        # Never more than the booking still holds: a ticket received by transfer was paid for by its sender.
        amount = min(sum(t.price for t in chosen), booking.total)
        # Policy: a full refund until the cut-off before the session, none after.
        cutoff = info.starts_at - timedelta(hours=self.settings.refund_cutoff_hours)
        refund = amount if not held and now <= cutoff else 0
        for ticket in chosen:
            ticket.status = TicketStatus.CANCELLED
        booking.quantity -= len(chosen)
        booking.total -= amount
        whole = booking.quantity == 0
        audit(
            self.session,
            "booking.cancelled" if whole else "booking.tickets_cancelled",
            booking.id,
            {"quantity": [booking.quantity + len(chosen), booking.quantity], "refund": [0, refund]},
        )
        if whole:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.cancel_reason = data.reason or "Cancelled by the customer"
        await self.session.flush()
        per_session = {booking.session_id: len(chosen)}
        await self.inventory.release(held=per_session if held else {}, sold={} if held else per_session)
        await self.releases.seats.release_tickets([t.id for t in chosen])
        await self.releases.seats_returned({booking.session_id}, [booking.id] if whole else [])
        if refund > 0:
            await self.refunds.request_refund(
                self.session,
                booking_id=booking.id,
                amount=refund,
                currency=booking.currency,
                reason=data.reason or "Cancelled by the customer",
            )
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=booking.user_id,
                    kind="booking_cancelled" if whole else "tickets_cancelled",
                    payload={
                        "booking_id": str(booking.id),
                        "reference": booking.reference,
                        "tickets": [str(t.id) for t in chosen],
                        "refund": refund,
                        "currency": booking.currency,
                    },
                    dedupe_key=f"booking:{booking.id}:cancel:{digest(sorted(str(t.id) for t in chosen))}",
                )
            ],
        )
        return (await self.reads.of([booking]))[0]

    async def cancel_for_sessions(self, session_ids: Sequence[uuid.UUID], reason: str, kind: str) -> int:
        """The organizer cancelled these sessions: cancel every live booking on them, refund what was paid
        and tell each customer. Returns how many bookings were cancelled."""
        if not session_ids:
            return 0
        await lock_groups_of(self.session, Booking.session_id.in_(session_ids))
        bookings = list(
            await self.session.scalars(
                select(Booking)
                .where(
                    Booking.session_id.in_(session_ids),
                    Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
                )
                .with_for_update()
            )
        )
        paid = {b.id: b.total for b in bookings if b.status == BookingStatus.CONFIRMED}
        await self._cancel(bookings, refunds=paid, reason=reason, kind=kind)
        return len(bookings)

    async def cancel_managed(
        self, booking_ids: Sequence[uuid.UUID], *, refunds: Mapping[uuid.UUID, int], reason: str, kind: str | None
    ) -> None:
        """A domain cancels some of its bookings with refunds it decided (fare rules, its own schedule
        changes). The core checks each refund against what was paid, gives the seats back (the domain's
        hooks hear of it), asks for the refunds and, given a ``kind``, tells each customer. An order awaiting
        payment is cancelled whole: with one of its bookings come all of them."""
        await lock_groups_of(self.session, Booking.id.in_(booking_ids))
        bookings = list(
            await self.session.scalars(
                select(Booking)
                .where(Booking.id.in_(booking_ids))
                .order_by(Booking.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )
        if len(bookings) != len(set(booking_ids)):
            raise InvalidBookingError("Some of these bookings do not exist")
        for booking in bookings:
            if booking.status not in (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED):
                raise NotCancellableError(f"Booking {booking.reference} is {booking.status.replace('_', ' ')}")
            paid = booking.total if booking.status == BookingStatus.CONFIRMED else 0
            if not 0 <= refunds.get(booking.id, 0) <= paid:
                raise InvalidBookingError(f"Booking {booking.reference} can be refunded between 0 and {paid}")
        unpaid_groups = {b.group_id for b in bookings if b.group_id and b.status == BookingStatus.PENDING_PAYMENT}
        if unpaid_groups:
            left_out = await self.session.scalar(
                select(Booking.reference).where(
                    Booking.group_id.in_(unpaid_groups),
                    Booking.status == BookingStatus.PENDING_PAYMENT,
                    Booking.id.not_in([b.id for b in bookings]),
                )
            )
            if left_out is not None:
                raise NotCancellableError(f"An unpaid order is cancelled whole; booking {left_out} was left out")
        await self._cancel(bookings, refunds=refunds, reason=reason, kind=kind)

    async def _cancel(
        self, bookings: Sequence[Booking], *, refunds: Mapping[uuid.UUID, int], reason: str, kind: str | None
    ) -> None:
        """Cancel live bookings whole: seats back (and the domains told), refunds asked, customers told."""
        if not bookings:
            return
        now = datetime.now(UTC)
        held = [(b.id, b.session_id, b.quantity) for b in bookings if b.status == BookingStatus.PENDING_PAYMENT]
        sold = [(b.id, b.session_id, b.quantity) for b in bookings if b.status == BookingStatus.CONFIRMED]
        if held:
            await self.releases.release(held, held=True, now=now, reason=reason)
        if sold:
            await self.releases.release(sold, held=False, now=now, reason=reason)
        for booking in bookings:
            if refund := refunds.get(booking.id, 0):
                await self.refunds.request_refund(
                    self.session, booking_id=booking.id, amount=refund, currency=booking.currency, reason=reason
                )
            audit(
                self.session,
                "booking.cancelled",
                booking.id,
                {"status": [booking.status, BookingStatus.CANCELLED], "refund": [0, refunds.get(booking.id, 0)]},
            )
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.cancel_reason = reason
        if kind is not None:
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user_id=b.user_id,
                        kind=kind,
                        payload={
                            "booking_id": str(b.id),
                            "reference": b.reference,
                            "reason": reason,
                            "refund": refunds.get(b.id, 0),
                            "currency": b.currency,
                        },
                        dedupe_key=f"booking:{b.id}:{kind}",
                    )
                    for b in bookings
                ],
            )
        await self.session.flush()
        await sync_groups(self.session, {b.group_id for b in bookings if b.group_id is not None}, now)

    async def notify_session_changed(self, session_id: uuid.UUID, starts_at: datetime) -> None:
        bookings = (
            await self.session.execute(
                select(Booking.id, Booking.user_id, Booking.reference).where(
                    Booking.session_id == session_id,
                    Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
                )
            )
        ).all()
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=b.user_id,
                    kind="session_changed",
                    payload={"booking_id": str(b.id), "reference": b.reference, "starts_at": starts_at.isoformat()},
                    dedupe_key=f"booking:{b.id}:session_changed:{starts_at.isoformat()}",
                )
                for b in bookings
            ],
        )
