"""Waiting lists: people join a sold-out session's line; when seats come back, the next in line whose quantity
fits gets a timed offer: a hold made for them through the booking core (so a seat is never offered twice or
held for two people), taken by paying (or accepting a free one) before it runs out, else it lapses and the
seats go to the next. Offers for one session are made one transaction at a time, under the session's row lock.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.booking.errors import ApprovalRequiredError, InvalidBookingError, NotOnSaleError, SoldOutError
from tessera.booking.schemas import BookingCancel, BookingCreate, BookingItem, BookingRead
from tessera.booking.services import Bookings
from tessera.catalog.errors import check_domain
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.catalog.models import SessionStatus
from tessera.config import BookingSettings
from tessera.core.audit import audit
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.background import on_commit
from tessera.core.errors import AppError, NotFoundAppError
from tessera.core.outbox import Outgoing, enqueue
from tessera.waitlist.models import EntryStatus, WaitlistEntry
from tessera.waitlist.schemas import SessionWaitlist, WaitlistEntryRead, WaitlistJoin, WaitlistLine, WaitlistPage

# People offered seats per pass: a session rarely frees more at once; the next pass takes the rest.
OFFER_BATCH = 200
LIVE = (EntryStatus.WAITING, EntryStatus.OFFERED)


class SeatsAvailableError(AppError):
    status_code = 409
    code = "seats_available"


class AlreadyWaitingError(AppError):
    status_code = 409
    code = "already_waiting"


class NotWaitingError(AppError):
    status_code = 409
    code = "not_waiting"


class PaymentRequiredError(AppError):
    status_code = 409
    code = "payment_required"


class OfferLapsedError(AppError):
    status_code = 409
    code = "offer_lapsed"


Kick = Callable[[Sequence[uuid.UUID]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class WaitlistListener:
    """The booking core's ``SeatsListener``: offers that were released lapse, offers paid for are booked, and
    sessions with people waiting get an offer pass once the transaction that freed seats commits."""

    kick: Kick

    async def seats_freed(
        self, session: AsyncSession, session_ids: Collection[uuid.UUID], booking_ids: Sequence[uuid.UUID]
    ) -> None:
        if booking_ids:
            await session.execute(
                update(WaitlistEntry)
                .where(WaitlistEntry.booking_id.in_(booking_ids), WaitlistEntry.status == EntryStatus.OFFERED)
                .values(status=EntryStatus.LAPSED)
                .execution_options(synchronize_session=False)
            )
        waited = list(
            await session.scalars(
                select(WaitlistEntry.session_id)
                .where(WaitlistEntry.session_id.in_(list(session_ids)), WaitlistEntry.status == EntryStatus.WAITING)
                .distinct()
            )
        )
        if waited:

            async def kick() -> None:
                await self.kick(waited)

            on_commit(session, kick)

    async def bookings_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        await session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.booking_id.in_(booking_ids), WaitlistEntry.status == EntryStatus.OFFERED)
            .values(status=EntryStatus.BOOKED)
            .execution_options(synchronize_session=False)
        )


def _as_customer(user_id: uuid.UUID) -> CurrentUser:
    return CurrentUser(id=user_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)


class Waitlist:
    def __init__(self, session: AsyncSession, bookings: Bookings, settings: BookingSettings) -> None:
        self.session = session
        self.bookings = bookings
        self.settings = settings
        self.inventory = SeatInventory(session)

    # -- the people in line ------------------------------------------------------------------------------

    async def join(self, session_id: uuid.UUID, data: WaitlistJoin, user: CurrentUser) -> WaitlistEntryRead:
        """Queue for a session with no seats left for ``quantity`` tickets of a type (``409 seats_available``
        when there are: book them instead)."""
        now = datetime.now(UTC)
        info = await self.inventory.bookable(session_id, now)
        check_domain(info.managed_by, None)
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This session cannot be booked")
        ticket_type = (await self.inventory.active_ticket_types([data.ticket_type_id])).get(data.ticket_type_id)
        if ticket_type is None or ticket_type.event_id != info.event_id:
            raise InvalidBookingError("Unknown ticket type for this listing")
        if info.approval_required or ticket_type.approval_required:  # an offer could never be booked
            raise ApprovalRequiredError(
                "These tickets are sold on the organizer's approval: send a request instead",
                extra={"path": f"/api/v1/sessions/{info.session_id}/requests"},
            )
        if data.quantity > min(ticket_type.max_per_order, self.settings.max_tickets_per_user):
            raise InvalidBookingError(f"At most {ticket_type.max_per_order} {ticket_type.name!r} tickets per order")
        free = await self._free_for(info, ticket_type.zone, now)
        if free >= data.quantity:
            raise SeatsAvailableError("Seats are free: book them instead", extra={"available": free})
        entry = WaitlistEntry(
            session_id=info.session_id,
            ticket_type_id=ticket_type.id,
            user_id=user.id,
            quantity=data.quantity,
            status=EntryStatus.WAITING,
        )
        try:
            async with self.session.begin_nested():
                self.session.add(entry)
                await self.session.flush()
        except IntegrityError:
            raise AlreadyWaitingError("You are already in line for these tickets") from None
        audit(self.session, "waitlist.joined", entry.id, {"session_id": [None, info.session_id]})
        return (await self._reads([entry]))[0]

    async def _free_for(self, info: BookableSession, zone: str | None, now: datetime) -> int:
        """Seats a new booking could take now: the session's, or its zone's when seated."""
        counts = await self.bookings.releases.live_availability(info.session_id, now)
        if info.seat_map_id is None or zone is None:
            return counts.available
        seat_map = await self.bookings.seating.seat_map(info.session_id, None)
        return next((z.available for z in seat_map.zones if z.zone == zone), 0)

    async def mine(self, user: CurrentUser, limit: int, offset: int) -> WaitlistPage:
        stmt = select(WaitlistEntry).where(WaitlistEntry.user_id == user.id)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        entries = list(
            await self.session.scalars(stmt.order_by(WaitlistEntry.created_at.desc()).limit(limit).offset(offset))
        )
        return WaitlistPage(items=await self._reads(entries), total=total, limit=limit, offset=offset)

    async def _own(self, entry_id: uuid.UUID, user: CurrentUser) -> WaitlistEntry:
        entry = await self.session.scalar(
            select(WaitlistEntry)
            .where(WaitlistEntry.id == entry_id, WaitlistEntry.user_id == user.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if entry is None:
            raise NotFoundAppError("Waiting-list entry not found")
        return entry

    async def leave(self, entry_id: uuid.UUID, user: CurrentUser) -> WaitlistEntryRead:
        """Leave the line; an offer running is declined, and its seats pass to the next in line."""
        entry = await self._own(entry_id, user)
        if entry.status not in LIVE:
            raise NotWaitingError(f"This entry is {entry.status}")
        if entry.status == EntryStatus.OFFERED and entry.booking_id is not None:
            await self.bookings.cancellations.cancel(
                entry.booking_id, user, BookingCancel(reason="Declined the waiting-list offer")
            )
        entry.status = EntryStatus.LEFT
        await self.session.flush()
        audit(self.session, "waitlist.left", entry.id, {"status": [None, EntryStatus.LEFT]})
        return (await self._reads([entry]))[0]

    async def accept(self, entry_id: uuid.UUID, user: CurrentUser) -> WaitlistEntryRead:
        """Take a free offer (a paid one is taken by paying for its booking: ``409 payment_required``)."""
        entry = await self._own(entry_id, user)
        if entry.status != EntryStatus.OFFERED or entry.booking_id is None:
            raise NotWaitingError(f"This entry is {entry.status}, with no offer running")
        booking = await self.bookings.reads.view(entry.booking_id)
        if booking is None or booking.status != "pending_payment":
            raise OfferLapsedError("This offer has ended")
        if booking.total > 0:
            raise PaymentRequiredError("Pay for the booking to take these seats", extra={"booking_id": str(booking.id)})
        if not await self.bookings.settlement.settle_payment(booking.id, datetime.now(UTC)):
            raise OfferLapsedError("This offer has ended")
        await self.session.refresh(entry)
        return (await self._reads([entry]))[0]

    # -- the organizer -----------------------------------------------------------------------------------

    async def _organized(self, session_id: uuid.UUID, user: CurrentUser) -> BookableSession:
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None or not (user.is_admin or info.organizer_id == user.id):
            raise NotFoundAppError("Session not found")
        return info

    async def line(self, session_id: uuid.UUID, user: CurrentUser) -> SessionWaitlist:
        """The session's line: people waiting and offers running, in order, then the last 200 settled."""
        await self._organized(session_id, user)
        live = list(
            await self.session.scalars(
                select(WaitlistEntry)
                .where(WaitlistEntry.session_id == session_id, WaitlistEntry.status.in_(LIVE))
                .order_by(WaitlistEntry.created_at)
            )
        )
        settled = list(
            await self.session.scalars(
                select(WaitlistEntry)
                .where(WaitlistEntry.session_id == session_id, WaitlistEntry.status.not_in(LIVE))
                .order_by(WaitlistEntry.updated_at.desc())
                .limit(200)
            )
        )
        entries = live + settled
        names = await UserService(session=self.session).names([e.user_id for e in entries])
        types = await self.inventory.ticket_types(e.ticket_type_id for e in entries)
        waiting = [e for e in live if e.status == EntryStatus.WAITING]
        positions = {e.id: n for n, e in enumerate(waiting, start=1)}
        return SessionWaitlist(
            session_id=session_id,
            waiting=len(waiting),
            seats_wanted=sum(e.quantity for e in waiting),
            offered=sum(1 for e in live if e.status == EntryStatus.OFFERED),
            items=[
                WaitlistLine(
                    id=e.id,
                    name=names.get(e.user_id, ""),
                    ticket_type_name=types[e.ticket_type_id].name if e.ticket_type_id in types else "",
                    quantity=e.quantity,
                    status=e.status,
                    position=positions.get(e.id),
                    booking_id=e.booking_id,
                    offer_expires_at=e.offer_expires_at,
                    created_at=e.created_at,
                )
                for e in entries
            ],
        )

    async def offer_now(self, session_id: uuid.UUID, user: CurrentUser) -> int:
        """The organizer runs an offer pass on their session without waiting for one."""
        await self._organized(session_id, user)
        return await self.offer_freed_seats(session_id, datetime.now(UTC))

    async def remove(self, session_id: uuid.UUID, entry_id: uuid.UUID, user: CurrentUser) -> SessionWaitlist:
        """Take someone off the line (an offer already running runs its course)."""
        await self._organized(session_id, user)
        removed = await self.session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.session_id == session_id,
                WaitlistEntry.status == EntryStatus.WAITING,
            )
            .values(status=EntryStatus.REMOVED)
            .execution_options(synchronize_session=False)
        )
        if removed.rowcount != 1:  # type: ignore[attr-defined]
            raise NotWaitingError("Only someone still waiting can be taken off the line")
        audit(self.session, "waitlist.removed", entry_id, {"status": [EntryStatus.WAITING, EntryStatus.REMOVED]})
        return await self.line(session_id, user)

    # -- offers ------------------------------------------------------------------------------------------

    async def offer_freed_seats(self, session_id: uuid.UUID, now: datetime) -> int:
        """Offer the session's free seats to the people in line, first come first served (someone wanting more
        seats than are free keeps their place while people behind them who fit are offered). Returns how many
        offers were made."""
        if self.session.get_bind().dialect.name == "postgresql":
            # One offer pass per session at a time: a second waits here, then sees what the first did.
            await self.session.execute(text("SELECT 1 FROM sessions WHERE id = :id FOR UPDATE"), {"id": session_id})
        if await self.bookings.releases.has_overdue_holds(session_id, now):
            await self.bookings.releases.expire_overdue_holds(now, session_id=session_id)
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None:
            return 0
        if info.status == SessionStatus.CANCELLED or info.starts_at <= now:
            await self.session.execute(
                update(WaitlistEntry)
                .where(WaitlistEntry.session_id == session_id, WaitlistEntry.status == EntryStatus.WAITING)
                .values(status=EntryStatus.REMOVED)
                .execution_options(synchronize_session=False)
            )
            return 0
        counts = await self.inventory.counts(session_id)
        free = counts.capacity - counts.held - counts.sold
        if free <= 0:
            return 0
        # Plain rows: a savepoint rolled back below expires the session's objects.
        line = (
            await self.session.execute(
                select(WaitlistEntry.id, WaitlistEntry.user_id, WaitlistEntry.ticket_type_id, WaitlistEntry.quantity)
                .where(WaitlistEntry.session_id == session_id, WaitlistEntry.status == EntryStatus.WAITING)
                .order_by(WaitlistEntry.created_at)
                .limit(OFFER_BATCH)
            )
        ).all()
        until = now + timedelta(minutes=self.settings.waitlist_offer_minutes)
        offers: list[Outgoing] = []
        for entry_id, user_id, ticket_type_id, quantity in line:
            if quantity > free:
                continue
            savepoint = await self.session.begin_nested()
            try:
                created = await self.bookings.holds.create(
                    _as_customer(user_id),
                    BookingCreate(
                        session_id=session_id, items=[BookingItem(ticket_type_id=ticket_type_id, quantity=quantity)]
                    ),
                    announce=False,
                    hold_until=until,
                )
            except SoldOutError:  # a seated session's zone is full: others may fit
                await savepoint.rollback()
                continue
            except AppError:  # the ticket type is off sale, or the person holds their limit already
                await savepoint.rollback()
                await self._settle_entry(entry_id, EntryStatus.REMOVED)
                continue
            booking_id = (
                created.body.id if isinstance(created.body, BookingRead) else uuid.UUID(str(created.body["id"]))
            )
            claimed = await self.session.execute(
                update(WaitlistEntry)
                .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == EntryStatus.WAITING)
                .values(status=EntryStatus.OFFERED, booking_id=booking_id, offered_at=now, offer_expires_at=until)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]  # they left meanwhile
                await savepoint.rollback()
                continue
            await savepoint.commit()
            offers.append(
                Outgoing(
                    user_id=user_id,
                    kind="waitlist_offer",
                    payload={"booking_id": str(booking_id), "waitlist_entry_id": str(entry_id)},
                    dedupe_key=f"waitlist:{entry_id}:offer",
                )
            )
            free -= quantity
            if free <= 0:
                break
        await self.session.flush()
        await enqueue(self.session, offers)
        return len(offers)

    async def _settle_entry(self, entry_id: uuid.UUID, status: EntryStatus) -> None:
        await self.session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == EntryStatus.WAITING)
            .values(status=status)
            .execution_options(synchronize_session=False)
        )

    async def sessions_to_offer(self) -> list[uuid.UUID]:
        """Sessions with people waiting and seats free (the sweep's work list)."""
        waited = list(
            await self.session.scalars(
                select(WaitlistEntry.session_id).where(WaitlistEntry.status == EntryStatus.WAITING).distinct()
            )
        )
        infos = await self.inventory.describe(waited)
        return sorted(sid for sid, info in infos.items() if info.capacity - info.held - info.sold > 0)

    # -- reading -----------------------------------------------------------------------------------------

    async def _reads(self, entries: Sequence[WaitlistEntry]) -> list[WaitlistEntryRead]:
        infos = await self.inventory.describe(e.session_id for e in entries)
        types = await self.inventory.ticket_types(e.ticket_type_id for e in entries)
        offers = await self.bookings.reads.views(e.booking_id for e in entries if e.booking_id is not None)
        reads = []
        for e in entries:
            position = None
            if e.status == EntryStatus.WAITING:
                ahead = await self.session.scalar(
                    select(func.count())
                    .select_from(WaitlistEntry)
                    .where(
                        WaitlistEntry.session_id == e.session_id,
                        WaitlistEntry.status == EntryStatus.WAITING,
                        WaitlistEntry.created_at < e.created_at,
                    )
                )
                position = (ahead or 0) + 1
            info = infos[e.session_id]
            offer = offers.get(e.booking_id) if e.booking_id is not None else None
            reads.append(
                WaitlistEntryRead(
                    id=e.id,
                    session_id=e.session_id,
                    event_id=info.event_id,
                    event_title=info.title,
                    session_starts_at=info.starts_at,
                    ticket_type_id=e.ticket_type_id,
                    ticket_type_name=types[e.ticket_type_id].name if e.ticket_type_id in types else "",
                    quantity=e.quantity,
                    status=e.status,
                    position=position,
                    booking_id=e.booking_id,
                    offer_expires_at=e.offer_expires_at,
                    offer_total=offer.total if offer is not None else None,
                    offer_currency=offer.currency if offer is not None else None,
                    created_at=e.created_at,
                )
            )
        return reads
