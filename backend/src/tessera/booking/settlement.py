"""What the payments module asks of a booking or a booking group: can it be paid, may a charge go ahead, and
the money arrived. A group is paid once and confirmed whole, or not at all."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.errors import AwaitingApprovalError, NotPayableError
from tessera.booking.groups import load_group, members_of
from tessera.booking.hooks import DomainHooks, SeatsListener
from tessera.booking.models import Booking, BookingGroup, BookingStatus, Ticket, TicketStatus
from tessera.booking.reads import load_booking
from tessera.booking.seats import SeatAssignments
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Outgoing, enqueue


@dataclass(frozen=True, slots=True)
class PayableBooking:
    """A booking, or a booking group, awaiting payment: what the payment page needs."""

    id: uuid.UUID
    user_id: uuid.UUID
    reference: str
    total: int
    currency: str
    expires_at: datetime
    title: str


def _not_payable(status: str, expires_at: datetime | None, now: datetime, what: str) -> NotPayableError | None:
    if status != BookingStatus.PENDING_PAYMENT:
        return NotPayableError(f"This {what} is not awaiting payment")
    if expires_at is None or expires_at <= now:
        return NotPayableError(f"The time to pay for this {what} has run out")
    return None


class Settlement:
    def __init__(
        self,
        session: AsyncSession,
        inventory: SeatInventory,
        hooks: Mapping[str, DomainHooks],
        listener: SeatsListener | None = None,
    ) -> None:
        self.session = session
        self.inventory = inventory
        self.hooks = hooks
        self.listener = listener
        self.seats = SeatAssignments(session)

    # -- one booking --------------------------------------------------------------------------------------

    async def payable(self, booking_id: uuid.UUID, user: CurrentUser) -> PayableBooking:
        """The customer's booking, if it can be paid now."""
        booking = await load_booking(self.session, booking_id, user)
        if booking.group_id is not None:
            raise NotPayableError("This booking is part of an order; the order is paid as a whole")
        if (problem := _not_payable(booking.status, booking.expires_at, datetime.now(UTC), "booking")) is not None:
            raise problem
        if booking.awaiting_approval:
            raise AwaitingApprovalError("The organizer has not approved this request yet; pay once it is approved")
        assert booking.expires_at is not None
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
        return (
            booking is not None
            and not booking.awaiting_approval
            and _not_payable(booking.status, booking.expires_at, now, "booking") is None
        )

    async def settle_payment(self, booking_id: uuid.UUID, now: datetime) -> bool:
        """Money for the booking arrived. Confirms it (held seats become sold) and returns True; or returns
        False when the booking can no longer be had and the money must go back: it was cancelled, already
        paid by another attempt, or its hold expired and the seats have been taken since."""
        booking = await self.session.scalar(
            select(Booking).where(Booking.id == booking_id).with_for_update().execution_options(populate_existing=True)
        )
        if booking is None or booking.group_id is not None:
            return False
        return await self._settle([booking], now)

    # -- a booking group ----------------------------------------------------------------------------------

    async def payable_group(self, group_id: uuid.UUID, user: CurrentUser) -> PayableBooking:
        """The customer's booking group, if it can be paid now."""
        group = await load_group(self.session, group_id, user)
        if (problem := _not_payable(group.status, group.expires_at, datetime.now(UTC), "order")) is not None:
            raise problem
        assert group.expires_at is not None
        members = await members_of(self.session, group.id)
        infos = await self.inventory.describe(m.session_id for m in members)
        return PayableBooking(
            id=group.id,
            user_id=group.user_id,
            reference=group.reference,
            total=group.total,
            currency=group.currency,
            expires_at=group.expires_at,
            title=" + ".join(dict.fromkeys(infos[m.session_id].title for m in members)),
        )

    async def accepts_group_payment(self, group_id: uuid.UUID, now: datetime) -> bool:
        """Whether a charge for the group may go ahead: its hold is still running."""
        group = await self.session.get(BookingGroup, group_id, populate_existing=True)
        return group is not None and _not_payable(group.status, group.expires_at, now, "order") is None

    async def settle_group_payment(self, group_id: uuid.UUID, now: datetime) -> bool:
        """Money for the whole group arrived: every live member is confirmed and True returned, or nothing
        changes and False says the money must go back (cancelled, already paid, or expired with seats gone on
        any one session). Never half a group."""
        group = await self.session.scalar(
            select(BookingGroup)
            .where(BookingGroup.id == group_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if group is None or group.status not in (BookingStatus.PENDING_PAYMENT, BookingStatus.EXPIRED):
            return False
        members = [m for m in await members_of(self.session, group.id, for_update=True) if m.status == group.status]
        if not members or not await self._settle(members, now):
            return False
        group.status = BookingStatus.CONFIRMED
        group.confirmed_at = now
        group.updated_at = now
        await self.session.flush()
        return True

    # -- both ---------------------------------------------------------------------------------------------

    async def _settle(self, bookings: Sequence[Booking], now: datetime) -> bool:
        """Confirm the bookings (all awaiting payment, or all expired) together, or none of them."""
        infos = await self.inventory.describe(b.session_id for b in bookings)
        ordered = sorted(bookings, key=lambda b: b.session_id)  # sessions are locked in id order
        # A savepoint, so that a seat count or a domain refusing halfway leaves everything as it was.
        savepoint = await self.session.begin_nested()
        if all(b.status == BookingStatus.PENDING_PAYMENT for b in ordered):
            taken = await self._take(ordered, late=False)
        elif all(b.status == BookingStatus.EXPIRED and infos[b.session_id].starts_at > now for b in ordered):
            # A late payment: keep the bookings if their seats are still free (and their domains agree).
            taken = (
                await self._take(ordered, late=True)
                and await self.seats.revive([b.id for b in ordered], now)
                and await self._revive(ordered, infos)
            )
        else:
            taken = False
        if not taken:
            await savepoint.rollback()
            return False
        await savepoint.commit()
        await self.session.execute(
            update(Ticket)
            .where(Ticket.booking_id.in_([b.id for b in bookings]))
            .values(status=TicketStatus.VALID, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        for booking in bookings:
            booking.status = BookingStatus.CONFIRMED
            booking.confirmed_at = now
            booking.updated_at = now
        managed = self._by_domain(bookings, infos)
        for domain, booking_ids in managed.items():
            await self.hooks[domain].on_confirmed(self.session, booking_ids)
        if self.listener is not None:
            await self.listener.bookings_confirmed(self.session, [b.id for b in bookings])
        told = {booking_id for ids in managed.values() for booking_id in ids}
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=b.user_id,
                    kind="booking_confirmed",
                    payload={"booking_id": str(b.id), "reference": b.reference},
                    dedupe_key=f"booking:{b.id}:confirmed",
                )
                for b in bookings
                if b.id not in told
            ],
        )
        await self.session.flush()
        return True

    async def _take(self, bookings: Sequence[Booking], *, late: bool) -> bool:
        """Held seats become sold; or, for a late payment, free seats are sold again. Stops at the first
        session without them."""
        for b in bookings:
            change = self.inventory.sell if late else self.inventory.confirm_held
            if not await change(b.session_id, b.quantity):
                return False
        return True

    async def _revive(self, bookings: Sequence[Booking], infos: Mapping[uuid.UUID, BookableSession]) -> bool:
        for domain, booking_ids in self._by_domain(bookings, infos).items():
            if not await self.hooks[domain].revive(self.session, booking_ids):
                return False
        return True

    def _by_domain(
        self, bookings: Sequence[Booking], infos: Mapping[uuid.UUID, BookableSession]
    ) -> dict[str, list[uuid.UUID]]:
        """The bookings on listings a domain manages (and has hooks for), by domain."""
        managed: dict[str, list[uuid.UUID]] = defaultdict(list)
        for booking in bookings:
            domain = infos[booking.session_id].managed_by
            if domain is not None and domain in self.hooks:
                managed[domain].append(booking.id)
        return managed
