"""Seats: which a passenger may take, which are free, and who sits where. Each seat is claimed through the
booking core's per-seat guard (``session_seats``, unique per session and seat: a departure is a session), the
guard every seated listing uses, so two orders can never seat two people in one seat and a cabin can never
hold more passengers than it has seats. A passenger's assignment records the seat with its cabin and passport;
a live one is unique per passport and per ticket on a departure, and released ones are kept as history."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.seats import SeatAssignments
from tessera.core.db import insert_ignoring_conflicts
from tessera.flights.errors import (
    CabinSoldOutError,
    InvalidSeatError,
    PassengerAlreadyBookedError,
    SeatRestrictedError,
    SeatUnavailableError,
)
from tessera.flights.models import AircraftCabin, AircraftSeat, FlightSeatAssignment, SeatStatus
from tessera.flights.passengers import PassengerDraft

# Tries at auto-assignment when a seat it picked was taken a moment before (by a seat change).
_ATTEMPTS = 3


@dataclass(slots=True)
class Place:
    """One passenger on one leg, to be seated."""

    leg: int
    departure_id: uuid.UUID
    aircraft_id: uuid.UUID
    cabin: str
    passenger: PassengerDraft
    chosen: str | None  # the seat asked for, if any
    # The leg's booking and the passenger's ticket on it, once booked.
    booking_id: uuid.UUID | None = field(default=None)
    ticket_id: uuid.UUID | None = field(default=None)
    seat: str | None = field(default=None)  # the seat given

    @property
    def ticket(self) -> uuid.UUID:
        assert self.ticket_id is not None, "seated once booked"
        return self.ticket_id

    @property
    def seat_given(self) -> str:
        assert self.seat is not None, "seated once chosen"
        return self.seat

    def row(self, now: datetime) -> dict[str, Any]:
        return {
            "id": uuid7(),
            "departure_id": self.departure_id,
            "aircraft_id": self.aircraft_id,
            "seat_code": self.seat,
            "cabin": self.cabin,
            "passenger_id": self.passenger.id,
            "booking_id": self.booking_id,
            "ticket_id": self.ticket_id,
            "document_fingerprint": self.passenger.document_fingerprint,
            "status": SeatStatus.LIVE.value,
            "created_at": now,
            "updated_at": now,
        }


def _seat_list(items: Iterable[tuple[int, str]]) -> list[dict[str, object]]:
    return [{"leg": leg, "seat": seat} for leg, seat in sorted(items)]


@dataclass(frozen=True, slots=True)
class Seat:
    code: str
    row: int
    letter: str
    position: str
    exit_row: bool
    extra_legroom: bool
    blocked: bool


# An aircraft's seats never change (a new layout is a new aircraft), so each process reads a cabin once: every
# order on a hot departure would otherwise read the whole cabin again while holding the departure's row lock.
_CABINS: dict[tuple[uuid.UUID, str], list[Seat]] = {}
_CABINS_KEPT = 512


class Seating:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.claims = SeatAssignments(session)

    async def cabin_seats(self, aircraft_id: uuid.UUID, cabin: str) -> list[Seat]:
        """Every seat of a cabin, blocked ones included, front to back and left to right."""
        key = (aircraft_id, cabin)
        seats = _CABINS.get(key)
        if seats is None:
            rows = await self.session.execute(
                select(
                    AircraftSeat.code,
                    AircraftSeat.row,
                    AircraftSeat.letter,
                    AircraftSeat.position,
                    AircraftSeat.exit_row,
                    AircraftSeat.extra_legroom,
                    AircraftSeat.blocked,
                )
                .where(AircraftSeat.aircraft_id == aircraft_id, AircraftSeat.cabin == cabin)
                .order_by(AircraftSeat.row, AircraftSeat.letter)
            )
            seats = [Seat(*row) for row in rows]
            if len(_CABINS) >= _CABINS_KEPT:
                _CABINS.pop(next(iter(_CABINS)))
            _CABINS[key] = seats
        return seats

    async def check_chosen(self, places: Sequence[Place]) -> None:
        """Seats asked for exist in the order's cabin, are sold, and suit their passenger (exit rows are for
        adults); refused before any seat is taken."""
        invalid, restricted = [], []
        for place in places:
            if place.chosen is None:
                continue
            seats = {s.code: s for s in await self.cabin_seats(place.aircraft_id, place.cabin)}
            seat = seats.get(place.chosen)
            if seat is None or seat.blocked:
                invalid.append((place.leg, place.chosen))
            elif seat.exit_row and not place.passenger.is_adult:
                restricted.append((place.leg, place.chosen))
        if invalid:
            raise InvalidSeatError(
                "No such seat to sell in this cabin on this flight", extra={"seats": _seat_list(invalid)}
            )
        if restricted:
            raise SeatRestrictedError("Exit-row seats are for adults only", extra={"seats": _seat_list(restricted)})

    async def taken(self, departure_id: uuid.UUID) -> set[str]:
        """Seats of the departure held or sold, as the booking core's seat guard has them."""
        return await self.claims.taken(departure_id)

    async def seats_left(
        self, departure_ids: Iterable[uuid.UUID], aircraft: dict[uuid.UUID, uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, int]]:
        """Free seats per cabin of each departure (``aircraft``: each departure's aircraft): the cabin's
        sellable seats less its live assignments (one grouped count over the live-cabin index)."""
        ids = set(departure_ids)
        if not ids:
            return {}
        live: dict[tuple[uuid.UUID, str], int] = {}
        for departure_id, cabin, count in await self.session.execute(
            select(FlightSeatAssignment.departure_id, FlightSeatAssignment.cabin, func.count())
            .where(FlightSeatAssignment.departure_id.in_(ids), FlightSeatAssignment.status == SeatStatus.LIVE)
            .group_by(FlightSeatAssignment.departure_id, FlightSeatAssignment.cabin)
        ):
            live[(departure_id, cabin)] = count
        sizes: dict[uuid.UUID, list[tuple[str, int]]] = defaultdict(list)
        for aircraft_id, cabin, seat_count in await self.session.execute(
            select(AircraftCabin.aircraft_id, AircraftCabin.cabin, AircraftCabin.seat_count)
            .where(AircraftCabin.aircraft_id.in_(set(aircraft.values())))
            .order_by(AircraftCabin.first_row)
        ):
            sizes[aircraft_id].append((cabin, seat_count))
        return {d: {cabin: max(0, size - live.get((d, cabin), 0)) for cabin, size in sizes[aircraft[d]]} for d in ids}

    async def assign(self, places: Sequence[Place], now: datetime) -> None:
        """Seat everyone: chosen seats as asked, the others auto-assigned (together in a row when possible).
        Each seat is claimed through the booking core's per-seat guard, as every seated listing's seats are; a
        claim that finds its seat taken never aborts the transaction: a chosen seat is refused, an auto-assigned
        one chosen again (up to a limit). Then each passenger's assignment is written: one live assignment per
        passport and per ticket on a departure."""
        pending = list(places)
        for attempt in range(_ATTEMPTS):
            by_departure: dict[uuid.UUID, list[Place]] = defaultdict(list)
            for place in pending:
                by_departure[place.departure_id].append(place)
            for departure_places in by_departure.values():
                await self._choose(departure_places)
            claimed = await self.claims.claim_tickets({p.ticket: p.seat_given for p in pending}, now)
            pending = [p for p in pending if p.ticket not in claimed]
            if not pending:
                break
            chosen = [(p.leg, p.chosen) for p in pending if p.chosen is not None]
            if chosen:
                raise SeatUnavailableError(
                    "Someone else has this seat; choose another", extra={"seats": _seat_list(chosen)}
                )
            if attempt == _ATTEMPTS - 1:
                first = pending[0]
                raise CabinSoldOutError(
                    f"No seat left for everyone in {first.cabin} on leg {first.leg}",
                    extra={"leg": first.leg, "available": 0},
                )
        table = cast(Table, FlightSeatAssignment.__table__)
        rows = sorted((p.row(now) for p in places), key=lambda r: (r["departure_id"], r["seat_code"]))
        written = {
            ticket_id
            for (ticket_id,) in await self.session.execute(
                insert_ignoring_conflicts(self.session, table).returning(table.c.ticket_id), rows
            )
        }
        for place in places:
            if place.ticket_id not in written:  # only a passport already seated on that flight conflicts
                raise PassengerAlreadyBookedError(
                    f"Passenger {place.passenger.position} already has a seat on this flight",
                    extra={"leg": place.leg, "passenger": place.passenger.position},
                )

    async def _choose(self, places: list[Place]) -> None:
        taken = await self.taken(places[0].departure_id)
        unavailable = [(p.leg, p.chosen) for p in places if p.chosen is not None and p.chosen in taken]
        if unavailable:
            raise SeatUnavailableError(
                "Someone else has this seat; choose another", extra={"seats": _seat_list(unavailable)}
            )
        for place in places:
            place.seat = place.chosen
        automatic = [p for p in places if p.chosen is None]
        if not automatic:
            return
        taken |= {p.chosen for p in places if p.chosen is not None}
        first = automatic[0]
        free = [
            s for s in await self.cabin_seats(first.aircraft_id, first.cabin) if not s.blocked and s.code not in taken
        ]
        all_adults = all(p.passenger.is_adult for p in automatic)
        rows: dict[int, list[Seat]] = defaultdict(list)
        for seat in free:
            rows[seat.row].append(seat)
        # One row for the whole party when a row has room (exit rows only for a party of adults) ...
        for row_seats in rows.values():
            if len(row_seats) >= len(automatic) and (all_adults or not row_seats[0].exit_row):
                for place, seat in zip(automatic, row_seats, strict=False):
                    place.seat = seat.code
                return
        # ... else seat by seat, front to back.
        remaining = list(free)
        for place in automatic:
            fitting = next((s for s in remaining if place.passenger.is_adult or not s.exit_row), None)
            if fitting is None:
                raise CabinSoldOutError(
                    f"No seat left for everyone in {first.cabin} on leg {first.leg}",
                    extra={"leg": first.leg, "available": len(free)},
                )
            remaining.remove(fitting)
            place.seat = fitting.code

    async def release(self, booking_ids: Sequence[uuid.UUID], reason: str, now: datetime) -> None:
        """The bookings' seats are free again; the rows stay as history."""
        await self.session.execute(
            update(FlightSeatAssignment)
            .where(
                FlightSeatAssignment.booking_id.in_(list(booking_ids)), FlightSeatAssignment.status == SeatStatus.LIVE
            )
            .values(status=SeatStatus.RELEASED.value, released_at=now, release_reason=reason[:20], updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def revive(self, booking_ids: Sequence[uuid.UUID], now: datetime) -> bool:
        """The seats the bookings had when their hold ran out, taken again; False if any went to someone else."""
        released = await self.session.scalars(
            select(FlightSeatAssignment)
            .where(
                FlightSeatAssignment.booking_id.in_(list(booking_ids)),
                FlightSeatAssignment.status == SeatStatus.RELEASED,
                FlightSeatAssignment.release_reason == "expired",
            )
            .order_by(FlightSeatAssignment.released_at)
        )
        # Each ticket's seat when the hold ran out (a seat change leaves older released rows).
        latest = {row.ticket_id: row for row in released}
        if not latest:
            return True
        columns = ("departure_id", "aircraft_id", "seat_code", "cabin", "passenger_id", "booking_id", "ticket_id")
        rows = [
            {name: getattr(old, name) for name in columns}
            | {
                "id": uuid7(),
                "document_fingerprint": old.document_fingerprint,
                "status": SeatStatus.LIVE.value,
                "created_at": now,
                "updated_at": now,
            }
            for old in latest.values()
        ]
        table = cast(Table, FlightSeatAssignment.__table__)
        written = (
            await self.session.execute(insert_ignoring_conflicts(self.session, table).returning(table.c.id), rows)
        ).all()
        return len(written) == len(rows)
