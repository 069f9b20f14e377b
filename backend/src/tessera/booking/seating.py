"""A seated session's map for buyers (live: which seats can be chosen now) and the organizer's seat desk: who
holds each seat, blocking and releasing seats, moving a ticket to another seat."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.errors import InvalidSeatError, SeatUnavailableError
from tessera.booking.models import Booking, SessionSeat, Ticket, TicketStatus
from tessera.booking.releases import Releases
from tessera.booking.schemas import (
    SeatHolder,
    SeatMove,
    SessionSeating,
    SessionSeatMap,
    ZoneOffer,
    ZonePrice,
)
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.catalog.models import ListingSession, TicketType
from tessera.catalog.seatmaps import Plan, SeatMaps
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser, Role
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import Outgoing, enqueue

# Live maps by session, with when each was read (monotonic seconds); kept ``cache_seconds``.
_LIVE_MAPS: dict[uuid.UUID, tuple[float, SessionSeatMap]] = {}
_LIVE_MAPS_KEPT = 2048


class Seating:
    def __init__(
        self, session: AsyncSession, inventory: SeatInventory, releases: Releases, cache_seconds: float = 0
    ) -> None:
        self.session = session
        self.inventory = inventory
        self.releases = releases
        self.seats = releases.seats
        self.seat_maps = SeatMaps(session)
        self.cache_seconds = cache_seconds

    # -- buyers ------------------------------------------------------------------------------------------

    async def seat_map(self, session_id: uuid.UUID, user: CurrentUser | None) -> SessionSeatMap:
        """The session's map with the seats that cannot be chosen now; holds that ran out are released first,
        so they never show as taken. Buyers may get it from this process's memory, up to ``cache_seconds``
        old (a booking refused for a seat taken meanwhile names it); organizers and admins read it fresh."""
        fresh = self.cache_seconds <= 0 or (user is not None and user.role in (Role.ORGANIZER, Role.ADMIN))
        kept = None if fresh else _LIVE_MAPS.get(session_id)
        if kept is not None and time.monotonic() - kept[0] < self.cache_seconds:
            return kept[1]
        answer = await self._live_map(session_id, user)
        if self.cache_seconds > 0 and answer.on_sale:
            if len(_LIVE_MAPS) >= _LIVE_MAPS_KEPT:
                _LIVE_MAPS.pop(next(iter(_LIVE_MAPS)))
            _LIVE_MAPS[session_id] = (time.monotonic(), answer)
        return answer

    async def _live_map(self, session_id: uuid.UUID, user: CurrentUser | None) -> SessionSeatMap:
        now = datetime.now(UTC)
        info = (await self.inventory.bookable_many([session_id], now)).get(session_id)
        if info is None:  # a draft: only its organizer sees it
            info = (await self.inventory.describe([session_id])).get(session_id)
            if info is None or user is None or not (user.is_admin or info.organizer_id == user.id):
                raise NotFoundAppError("Session not found")
        if info.seat_map_id is None:
            raise NotFoundAppError("This session has no seat map")
        if await self.releases.has_overdue_holds(session_id, now):
            await self.releases.expire_overdue_holds(now, session_id=session_id)
        plan = await self.seat_maps.session_plan(info.seat_map_id)
        taken = await self.seats.taken(session_id)
        closed = Counter(plan.seats[code].zone for code in taken if code in plan.seats)
        prices = await self.session.scalars(
            select(TicketType)
            .where(TicketType.event_id == info.event_id, TicketType.is_active.is_(True), TicketType.zone.is_not(None))
            .order_by(TicketType.price)
        )
        by_zone: dict[str, list[ZonePrice]] = {zone: [] for zone in plan.zones}
        for t in prices:
            if t.zone in by_zone:
                by_zone[t.zone].append(ZonePrice(ticket_type_id=t.id, name=t.name, price=t.price, currency=t.currency))
        return SessionSeatMap(
            session_id=session_id,
            seat_map_id=info.seat_map_id,
            version=plan.version,
            name=plan.name,
            width=plan.width,
            height=plan.height,
            on_sale=info.on_sale,
            zones=[
                ZoneOffer(zone=z, seats=n, available=max(0, n - closed[z]), prices=by_zone[z])
                for z, n in sorted(plan.zones.items())
            ],
            unavailable=sorted(taken.union(plan.blocked)),
        )

    # -- the organizer -----------------------------------------------------------------------------------

    async def _seated(self, session_id: uuid.UUID, user: CurrentUser) -> tuple[BookableSession, Plan]:
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None or not (user.is_admin or info.organizer_id == user.id):
            raise NotFoundAppError("Session not found")
        if info.seat_map_id is None:
            raise InvalidSeatError("This session has no seat map")
        return info, await self.seat_maps.session_plan(info.seat_map_id)

    @staticmethod
    def _check_codes(plan: Plan, codes: Sequence[str]) -> None:
        if len(set(codes)) != len(codes):
            raise InvalidSeatError("Each seat can be named once")
        unknown = [code for code in codes if code not in plan.seats]
        if unknown:
            raise InvalidSeatError("No such seat on this map", extra={"seats": unknown})
        closed = [code for code in codes if plan.seats[code].blocked]
        if closed:
            raise InvalidSeatError("These seats are blocked on the map itself", extra={"seats": closed})

    async def _resize(self, session_id: uuid.UUID, change: int) -> bool:
        """Capacity up or down by the seats released or blocked: the session's row lock, taken first as every
        writer of its seats does; never below what is held or sold."""
        result = await self.session.execute(
            update(ListingSession)
            .where(
                ListingSession.id == session_id,
                ListingSession.capacity + change >= ListingSession.held + ListingSession.sold,
            )
            .values(capacity=ListingSession.capacity + change)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def block(self, session_id: uuid.UUID, codes: Sequence[str], user: CurrentUser) -> SessionSeating:
        """Take free seats off sale for this session (a camera, a guest of the house); ``409 seat_unavailable``
        names any already held, sold or blocked, and nothing changes."""
        _, plan = await self._seated(session_id, user)
        self._check_codes(plan, codes)
        if not await self._resize(session_id, -len(codes)):
            raise SeatUnavailableError("Fewer seats are free than you asked to block")
        now = datetime.now(UTC)
        await self.seats.insert(
            [
                {
                    "id": uuid7(),
                    "session_id": session_id,
                    "seat": code,
                    "booking_id": None,
                    "ticket_id": None,
                    "created_at": now,
                }
                for code in codes
            ]
        )
        audit(self.session, "session.seats_blocked", session_id, {"seats": [None, sorted(codes)]})
        return await self.holders(session_id, user)

    async def release(self, session_id: uuid.UUID, codes: Sequence[str], user: CurrentUser) -> SessionSeating:
        """Put seats the organizer blocked for this session back on sale."""
        _, plan = await self._seated(session_id, user)
        self._check_codes(plan, codes)
        await self._resize(session_id, len(codes))
        freed = set(
            await self.session.scalars(
                delete(SessionSeat)
                .where(
                    SessionSeat.session_id == session_id,
                    SessionSeat.seat.in_(codes),
                    SessionSeat.booking_id.is_(None),
                )
                .returning(SessionSeat.seat)
            )
        )
        if missing := sorted(set(codes) - freed):
            raise InvalidSeatError("These seats are not blocked for this session", extra={"seats": missing})
        audit(self.session, "session.seats_released", session_id, {"seats": [sorted(codes), None]})
        await self.releases.seats_returned({session_id})
        return await self.holders(session_id, user)

    async def move(self, session_id: uuid.UUID, data: SeatMove, user: CurrentUser) -> SessionSeating:
        """Move a live ticket to a free seat of the same price zone; the holder is told, the code stays."""
        _, plan = await self._seated(session_id, user)
        self._check_codes(plan, [data.seat])
        await self._resize(session_id, 0)  # the session's row lock: no booking takes a seat meanwhile
        row = (
            await self.session.execute(
                select(Ticket, Booking.user_id, Booking.reference)
                .join(Booking, Booking.id == Ticket.booking_id)
                .where(Ticket.id == data.ticket_id, Ticket.session_id == session_id)
                .with_for_update(of=Ticket)
            )
        ).first()
        if row is None:
            raise NotFoundAppError("Ticket not found")
        ticket, holder_id, reference = row
        if ticket.status not in (TicketStatus.PENDING, TicketStatus.VALID) or ticket.seat is None:
            raise InvalidSeatError("Only a live ticket with a seat can move")
        previous = ticket.seat
        if plan.seats[data.seat].zone != plan.seats[previous].zone:
            raise InvalidSeatError("A ticket moves within its price zone", extra={"zone": plan.seats[previous].zone})
        if data.seat == previous:
            return await self.holders(session_id, user)
        occupied = await self.session.scalar(
            select(exists().where(SessionSeat.session_id == session_id, SessionSeat.seat == data.seat))
        )
        if occupied:
            raise SeatUnavailableError("That seat is taken", extra={"seats": [data.seat]})
        await self.session.execute(update(SessionSeat).where(SessionSeat.ticket_id == ticket.id).values(seat=data.seat))
        ticket.seat = data.seat
        audit(self.session, "ticket.seat_moved", ticket.id, {"seat": [previous, data.seat]})
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=holder_id,
                    kind="seat_moved",
                    payload={
                        "booking_id": str(ticket.booking_id),
                        "reference": reference,
                        "seat": data.seat,
                        "previous_seat": previous,
                    },
                    dedupe_key=f"ticket:{ticket.id}:seat:{previous}:{data.seat}",
                )
            ],
        )
        await self.session.flush()
        return await self.holders(session_id, user)

    async def holders(self, session_id: uuid.UUID, user: CurrentUser) -> SessionSeating:
        """Every taken seat of the session and who holds it, in seat order."""
        await self._seated(session_id, user)
        counts = await self.inventory.counts(session_id)
        rows = (
            await self.session.execute(
                select(SessionSeat.seat, Booking, Ticket)
                .outerjoin(Ticket, Ticket.id == SessionSeat.ticket_id)
                .outerjoin(Booking, Booking.id == SessionSeat.booking_id)
                .where(SessionSeat.session_id == session_id)
                .order_by(SessionSeat.seat)
            )
        ).all()
        holders = [
            SeatHolder(
                seat=seat,
                status="blocked" if ticket is None else ("held" if ticket.status == TicketStatus.PENDING else "sold"),
                booking_id=None if booking is None else booking.id,
                booking_reference=None if booking is None else booking.reference,
                ticket_id=None if ticket is None else ticket.id,
                ticket_type_name=None if ticket is None else ticket.ticket_type_name,
                attendee_name=None if ticket is None else ticket.attendee_name,
                checked_in=ticket is not None and ticket.status == TicketStatus.USED,
            )
            for seat, booking, ticket in rows
        ]
        return SessionSeating(
            session_id=session_id,
            capacity=counts.capacity,
            held=counts.held,
            sold=counts.sold,
            blocked=sum(1 for h in holders if h.status == "blocked"),
            holders=holders,
        )
