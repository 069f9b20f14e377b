"""Giving seats back: holds that ran out, and bookings cancelled for any reason; and the live seat counts,
which release overdue holds first so they never show as taken."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.hooks import DomainHooks, SeatsListener
from tessera.booking.models import Booking, BookingGroup, BookingStatus, Ticket, TicketStatus
from tessera.booking.seats import SeatAssignments
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.schemas import Availability
from tessera.core.outbox import Outgoing, enqueue

EXPIRY_BATCH = 500


class Releases:
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

    async def has_overdue_holds(self, session_id: uuid.UUID, now: datetime) -> bool:
        overdue = await self.session.scalar(
            select(
                exists().where(
                    Booking.session_id == session_id,
                    Booking.status == BookingStatus.PENDING_PAYMENT,
                    Booking.expires_at <= now,
                )
            )
        )
        return bool(overdue)

    async def live_availability(self, session_id: uuid.UUID, now: datetime) -> Availability:
        """Live seat counts, never cached; overdue holds are released first so they never show as taken.
        Usually there are none: then it is two reads, no write (visitors poll this while a sale is on)."""
        info = await self.inventory.bookable(session_id, now)
        capacity, held, sold, status = info.capacity, info.held, info.sold, info.status
        if await self.has_overdue_holds(session_id, now):
            await self.expire_overdue_holds(now, session_id=session_id)
            counts = await self.inventory.counts(session_id)
            capacity, held, sold, status = counts.capacity, counts.held, counts.sold, counts.status
        return Availability(
            session_id=session_id,
            capacity=capacity,
            available=max(0, capacity - sold - held) if info.on_sale else 0,
            held=held,
            sold=sold,
            status=status,
            on_sale=info.on_sale,
            seat_map_id=info.seat_map_id,
        )

    async def seats_returned(self, session_ids: Collection[uuid.UUID], booking_ids: Sequence[uuid.UUID] = ()) -> None:
        """Seats of these sessions are back on sale (released bookings, cancelled tickets, more capacity): the
        listener (the waiting list) hears of it in this transaction."""
        if self.listener is not None and session_ids:
            await self.listener.seats_freed(self.session, session_ids, booking_ids)

    async def expire_overdue_holds(self, now: datetime, *, session_id: uuid.UUID | None = None) -> int:
        """Expire holds past ``expires_at`` and give their seats back; a booking group expires whole, with one
        message. Safe on many workers at once: each batch claims its rows with SKIP LOCKED (PostgreSQL; SQLite
        runs one writer at a time). Returns how many bookings expired."""
        released = await self._expire_overdue_groups(now, session_id)
        while True:
            due = (
                select(Booking.id)
                .where(
                    Booking.status == BookingStatus.PENDING_PAYMENT,
                    Booking.expires_at <= now,
                    Booking.group_id.is_(None),
                )
                .order_by(Booking.expires_at)
                .limit(EXPIRY_BATCH)
                .with_for_update(skip_locked=True)
            )
            if session_id is not None:
                due = due.where(Booking.session_id == session_id)
            rows = (
                await self.session.execute(
                    update(Booking)
                    .where(Booking.id.in_(due.scalar_subquery()), Booking.status == BookingStatus.PENDING_PAYMENT)
                    .values(status=BookingStatus.EXPIRED, expired_at=now, updated_at=now)
                    .returning(Booking.id, Booking.user_id, Booking.session_id, Booking.quantity, Booking.reference)
                    .execution_options(synchronize_session=False)
                )
            ).all()
            if not rows:
                return released
            await self.release([(r.id, r.session_id, r.quantity) for r in rows], held=True, now=now, reason="expired")
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user_id=r.user_id,
                        kind="hold_expired",
                        payload={"booking_id": str(r.id), "reference": r.reference},
                        dedupe_key=f"booking:{r.id}:expired",
                    )
                    for r in rows
                ],
            )
            released += len(rows)
            if len(rows) < EXPIRY_BATCH:
                return released

    async def _expire_overdue_groups(self, now: datetime, session_id: uuid.UUID | None) -> int:
        """Expire groups past ``expires_at`` with all their held members (the group's row is claimed first,
        so a payment settling the same group waits for it, or it for the payment)."""
        released = 0
        while True:
            due = (
                select(BookingGroup.id)
                .where(BookingGroup.status == BookingStatus.PENDING_PAYMENT, BookingGroup.expires_at <= now)
                .order_by(BookingGroup.expires_at)
                .limit(EXPIRY_BATCH)
                .with_for_update(skip_locked=True)
            )
            if session_id is not None:
                due = due.where(
                    BookingGroup.id.in_(
                        select(Booking.group_id).where(
                            Booking.session_id == session_id, Booking.status == BookingStatus.PENDING_PAYMENT
                        )
                    )
                )
            groups = (
                await self.session.execute(
                    update(BookingGroup)
                    .where(
                        BookingGroup.id.in_(due.scalar_subquery()),
                        BookingGroup.status == BookingStatus.PENDING_PAYMENT,
                    )
                    .values(status=BookingStatus.EXPIRED, expired_at=now, updated_at=now)
                    .returning(BookingGroup.id, BookingGroup.user_id, BookingGroup.reference)
                    .execution_options(synchronize_session=False)
                )
            ).all()
            if not groups:
                return released
            members = (
                await self.session.execute(
                    update(Booking)
                    .where(
                        Booking.group_id.in_([g.id for g in groups]),
                        Booking.status == BookingStatus.PENDING_PAYMENT,
                    )
                    .values(status=BookingStatus.EXPIRED, expired_at=now, updated_at=now)
                    .returning(Booking.id, Booking.session_id, Booking.quantity)
                    .execution_options(synchronize_session=False)
                )
            ).all()
            if members:
                await self.release(
                    [(m.id, m.session_id, m.quantity) for m in members], held=True, now=now, reason="expired"
                )
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user_id=g.user_id,
                        kind="group_expired",
                        payload={"booking_group_id": str(g.id), "reference": g.reference},
                        dedupe_key=f"group:{g.id}:expired",
                    )
                    for g in groups
                ],
            )
            released += len(members)
            if len(groups) < EXPIRY_BATCH:
                return released

    async def release(
        self, bookings: Sequence[tuple[uuid.UUID, uuid.UUID, int]], *, held: bool, now: datetime, reason: str
    ) -> None:
        """Cancel the bookings' live tickets and give their seats back."""
        await self.session.execute(
            update(Ticket)
            .where(
                Ticket.booking_id.in_([b[0] for b in bookings]),
                Ticket.status.in_([TicketStatus.PENDING, TicketStatus.VALID]),
            )
            .values(status=TicketStatus.CANCELLED, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        per_session: dict[uuid.UUID, int] = defaultdict(int)
        for _, session_id, quantity in bookings:
            per_session[session_id] += quantity
        await self.inventory.release(held=per_session if held else {}, sold={} if held else per_session)
        await self.seats.release_bookings([b[0] for b in bookings])
        await self.seats_returned(per_session, [b[0] for b in bookings])
        if self.hooks:  # bookings on listings a domain manages: that domain frees what it keeps per seat
            domains = {sid: info.managed_by for sid, info in (await self.inventory.describe(per_session)).items()}
            managed: dict[str, list[uuid.UUID]] = defaultdict(list)
            for booking_id, session_id, _ in bookings:
                if (domain := domains.get(session_id)) is not None:
                    managed[domain].append(booking_id)
            for domain, booking_ids in managed.items():
                await self.hooks[domain].on_released(self.session, booking_ids, reason)
