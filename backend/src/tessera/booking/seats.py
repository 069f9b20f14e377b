"""Reserved seating: which seat each ticket of a seated session gets, and the per-seat guard behind it.

A seated session sells the seats of a seat map one by one. Its seat counters (``sessions.held/sold``) stay the
guard for capacity, taken first as for any session; then each ticket gets a seat, chosen by the buyer or the
best available together, and the seats are claimed in ``session_seats``, whose unique (session, seat) index is
the database's own refusal to hold or sell a seat twice. Every writer of a session's seats (bookings, expiry,
cancellation, the organizer's blocks and moves) changes the session's counter row first, so they take the
session's row lock in the same order and never deadlock; a claim that still finds its seat taken refuses the
whole transaction (``409 seat_unavailable``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol, cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.drafts import OrderDraft
from tessera.booking.errors import InvalidBookingError, InvalidSeatError, SeatUnavailableError, SoldOutError
from tessera.booking.models import SessionSeat, Ticket
from tessera.catalog.models import TicketType
from tessera.catalog.seatmaps import PlacedSeat, Plan, SeatMaps
from tessera.core.db import insert_ignoring_conflicts


def best_together(plan: Plan, zone: str, count: int, taken: Collection[str]) -> list[PlacedSeat] | None:
    """The best ``count`` free seats of a zone side by side in one row (next to each other, no aisle between):
    the front-most row, then the run nearest the middle of its section; or None when no row has such a run."""
    rows: dict[tuple[str, str], list[tuple[int, PlacedSeat]]] = defaultdict(list)
    for rank, seat in enumerate(plan.ranked(zone)):
        if seat.code not in taken:
            rows[(seat.section, seat.row)].append((rank, seat))
    best: tuple[tuple[int, int], list[PlacedSeat]] | None = None
    for members in rows.values():
        if len(members) < count:
            continue
        members.sort(key=lambda m: m[1].x)
        for start in range(len(members) - count + 1):
            run = members[start : start + count]
            if run[-1][1].x - run[0][1].x != count - 1:
                continue
            score = (run[0][1].y, sum(rank for rank, _ in run))
            if best is None or score < best[0]:
                best = (score, [seat for _, seat in run])
    return None if best is None else best[1]


class _SeatedTicket(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def booking_id(self) -> uuid.UUID: ...
    @property
    def session_id(self) -> uuid.UUID: ...
    @property
    def seat(self) -> str | None: ...


def _claim(ticket: _SeatedTicket, now: datetime) -> dict[str, object]:
    """A ``session_seats`` row: the ticket's seat, claimed for it."""
    return {
        "id": uuid7(),
        "session_id": ticket.session_id,
        "seat": ticket.seat,
        "booking_id": ticket.booking_id,
        "ticket_id": ticket.id,
        "created_at": now,
    }


class SeatAssignments:
    """The seats of seated sessions' tickets, in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seat_maps = SeatMaps(session)

    async def taken(self, session_id: uuid.UUID) -> set[str]:
        """Seats of the session held, sold or blocked for it (the map's own blocked seats are not included).
        Read as one joined string: thousands of one-column rows cost more to decode than the query itself."""
        joined = (
            func.string_agg(SessionSeat.seat, ",")
            if self.session.get_bind().dialect.name == "postgresql"
            else func.group_concat(SessionSeat.seat, ",")
        )
        codes = await self.session.scalar(select(joined).where(SessionSeat.session_id == session_id))
        return set(codes.split(",")) if codes else set()

    async def place(
        self, order: OrderDraft, chosen: Sequence[str] | None, types: Mapping[uuid.UUID, TicketType]
    ) -> None:
        """Give each ticket of an order on a seated session its seat: the ones chosen, matched to the tickets by
        price zone in the order given, or the best free seats together. Called once the session's counters are
        taken (its row lock held), so the seats read as free here stay free until this transaction ends."""
        info = order.info
        if info.seat_map_id is None:
            if chosen is not None:
                raise InvalidBookingError("This session has no seat map: leave seats out")
            return
        plan = await self.seat_maps.session_plan(info.seat_map_id)
        by_zone: dict[str, list[int]] = defaultdict(list)
        for i, ticket in enumerate(order.tickets):
            zone = types[ticket.ticket_type_id].zone
            if zone is None or zone not in plan.zones:
                raise InvalidBookingError(
                    f"Ticket type {ticket.ticket_type_name!r} sells no seats of this session's map",
                    extra={"ticket_type_id": str(ticket.ticket_type_id)},
                )
            by_zone[zone].append(i)
        if chosen is not None:
            self._match_chosen(order, chosen, plan, by_zone)
            return
        taken = await self.taken(info.session_id)
        for zone, members in by_zone.items():
            seats = best_together(plan, zone, len(members), taken)
            if seats is None:  # no run long enough: the best seats, apart
                seats = [s for s in plan.ranked(zone) if s.code not in taken][: len(members)]
            if len(seats) < len(members):
                raise SoldOutError(
                    f"Only {len(seats)} seat(s) left in {zone}" if seats else f"No seats left in {zone}",
                    extra={"zone": zone, "available": len(seats)},
                )
            for i, seat in zip(members, seats, strict=False):
                order.tickets[i].seat = seat.code
                taken.add(seat.code)

    @staticmethod
    def _match_chosen(order: OrderDraft, chosen: Sequence[str], plan: Plan, by_zone: Mapping[str, list[int]]) -> None:
        if len(chosen) != len(order.tickets):
            raise InvalidSeatError(f"Choose one seat per ticket ({len(order.tickets)}), or none")
        if len(set(chosen)) != len(chosen):
            raise InvalidSeatError("Each seat can be chosen once")
        unknown = [code for code in chosen if code not in plan.seats]
        if unknown:
            raise InvalidSeatError("No such seat on this map", extra={"seats": unknown})
        closed = [code for code in chosen if plan.seats[code].blocked]
        if closed:
            raise SeatUnavailableError("These seats are not for sale", extra={"seats": closed})
        picked: dict[str, list[str]] = defaultdict(list)
        for code in chosen:
            picked[plan.seats[code].zone].append(code)
        for zone in {*picked, *by_zone}:
            if len(picked.get(zone, [])) != len(by_zone.get(zone, [])):
                raise InvalidSeatError(
                    f"{len(picked.get(zone, []))} seat(s) chosen in {zone}, {len(by_zone.get(zone, []))} ticket(s) "
                    "priced for it",
                    extra={"zone": zone},
                )
        for zone, members in by_zone.items():
            for i, code in zip(members, picked[zone], strict=True):
                order.tickets[i].seat = code

    async def claim(self, orders: Iterable[OrderDraft], now: datetime) -> None:
        """Claim the seats of written tickets; any already taken refuses the whole transaction."""
        await self.insert([_claim(t, now) for order in orders for t in order.tickets if t.seat is not None])

    async def revive(self, booking_ids: Sequence[uuid.UUID], now: datetime) -> bool:
        """A late payment revives expired bookings: claim their tickets' seats again, or return False when any
        went to someone else meanwhile (the caller's savepoint then undoes the claims made here)."""
        tickets = await self.session.scalars(
            select(Ticket).where(Ticket.booking_id.in_(booking_ids), Ticket.seat.is_not(None))
        )
        rows = [_claim(t, now) for t in tickets]
        try:
            await self.insert(rows)
        except SeatUnavailableError:
            return False
        return True

    async def insert(self, rows: list[dict[str, object]]) -> None:
        """Claim seats (rows of ``session_seats``): all of them, or ``409 seat_unavailable`` naming those taken."""
        if not rows:
            return
        table = cast(Table, SessionSeat.__table__)
        connection = await self.session.connection()
        written = {
            (session_id, seat)
            for session_id, seat in await connection.execute(
                insert_ignoring_conflicts(self.session, table).returning(table.c.session_id, table.c.seat), rows
            )
        }
        lost = sorted(str(r["seat"]) for r in rows if (r["session_id"], r["seat"]) not in written)
        if lost:
            raise SeatUnavailableError("These seats were just taken", extra={"seats": lost})

    async def claim_tickets(self, seats: Mapping[uuid.UUID, str], now: datetime) -> set[uuid.UUID]:
        """Claim seats for written tickets whose domain places them itself (flights: an aircraft's seats),
        ticket id → seat. Each claim goes in unless its seat is taken: the tickets claimed are returned, the
        others' callers choose again or refuse. A claimed ticket carries its seat (check-in shows it, and a late
        payment claims it again)."""
        if not seats:
            return set()
        tickets = await self.session.execute(
            select(Ticket.id, Ticket.booking_id, Ticket.session_id).where(Ticket.id.in_(list(seats)))
        )
        rows = sorted(
            (
                {
                    "id": uuid7(),
                    "session_id": session_id,
                    "seat": seats[ticket_id],
                    "booking_id": booking_id,
                    "ticket_id": ticket_id,
                    "created_at": now,
                }
                for ticket_id, booking_id, session_id in tickets
            ),
            key=lambda r: (str(r["session_id"]), str(r["seat"])),  # one order for every writer: no deadlock
        )
        if not rows:
            return set()
        table = cast(Table, SessionSeat.__table__)
        connection = await self.session.connection()
        claimed = {
            ticket_id
            for (ticket_id,) in await connection.execute(
                insert_ignoring_conflicts(self.session, table).returning(table.c.ticket_id), rows
            )
        }
        if claimed:
            tickets_table = cast(Table, Ticket.__table__)
            await connection.execute(
                update(tickets_table)
                .where(tickets_table.c.id == bindparam("claimed_ticket"))
                .values(seat=bindparam("claimed_seat")),
                [{"claimed_ticket": ticket_id, "claimed_seat": seats[ticket_id]} for ticket_id in claimed],
            )
        return claimed

    async def reseat(self, seats: Mapping[uuid.UUID, str], now: datetime) -> set[uuid.UUID]:
        """Live tickets to other seats of their sessions (a seat change, another aircraft), ticket id → seat:
        their claims are given up and made again together, so tickets may swap seats. Returns the tickets
        seated; the caller refuses the change (its rollback restores every seat) when any is missing."""
        await self.release_tickets(list(seats))
        return await self.claim_tickets(seats, now)

    async def release_bookings(self, booking_ids: Sequence[uuid.UUID]) -> None:
        """The bookings' seats are free again (expiry, cancellation)."""
        if booking_ids:
            await self.session.execute(delete(SessionSeat).where(SessionSeat.booking_id.in_(booking_ids)))

    async def release_tickets(self, ticket_ids: Sequence[uuid.UUID]) -> None:
        """Some tickets of a booking were cancelled: their seats are free again."""
        if ticket_ids:
            await self.session.execute(delete(SessionSeat).where(SessionSeat.ticket_id.in_(ticket_ids)))
