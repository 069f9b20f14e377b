"""A carrier's changes to flights people have booked: new times, another aircraft (seats kept, moved or the
change refused), a cancelled departure or route. Every affected order is recorded with the change and told;
its traveller may accept or reject it (``change_answers.py``). Cancelled flights are refunded in full,
whatever the fare."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.cancellation import Cancellations
from tessera.booking.groups import BookingGroups
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import BookingRead
from tessera.catalog.schemas import SessionUpdate
from tessera.catalog.services import CatalogService
from tessera.config import FlightSettings
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Outgoing, enqueue
from tessera.flights.departures import Departures
from tessera.flights.errors import (
    AircraftChangeConflictError,
    CabinSoldOutError,
    DepartureCancelledError,
    InvalidScheduleError,
)
from tessera.flights.models import (
    Aircraft,
    Airport,
    AnswerStatus,
    ChangeKind,
    DepartureStatus,
    FlightDeparture,
    FlightOrder,
    FlightOrderChange,
    FlightOrderLeg,
    FlightPassenger,
    FlightScheduleChange,
    FlightSeatAssignment,
    PassengerType,
    SeatStatus,
)
from tessera.flights.routes import Routes
from tessera.flights.schedules import Slot, aware, check_slot
from tessera.flights.schemas import DepartureRead, DepartureUpdate, RouteRead

# A traveller answers a change until this long before the changed flight leaves.
ANSWER_CLOSES = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Affected:
    """An order with a leg on the changed departure."""

    order: FlightOrder
    leg: FlightOrderLeg
    other: FlightOrderLeg | None  # the order's other leg, if it has one
    bookings: dict[uuid.UUID, BookingRead]  # the order's bookings by id

    def live(self, leg: FlightOrderLeg | None) -> bool:
        return leg is not None and self.bookings[leg.booking_id].status in (
            BookingStatus.PENDING_PAYMENT,
            BookingStatus.CONFIRMED,
        )


class Disruptions:
    def __init__(
        self,
        session: AsyncSession,
        settings: FlightSettings,
        catalog: CatalogService,
        routes: Routes,
        departures: Departures,
        groups: BookingGroups,
        cancellations: Cancellations,
    ) -> None:
        self.session = session
        self.settings = settings
        self.catalog = catalog  # acting for the flights domain
        self.routes = routes
        self.departures = departures
        self.groups = groups
        self.cancellations = cancellations

    # -- retiming and aircraft swaps --------------------------------------------------------------------

    async def change(self, departure_id: uuid.UUID, data: DepartureUpdate, user: CurrentUser) -> DepartureRead:
        departure = await self.departures.owned(departure_id, user)
        if departure.status == DepartureStatus.CANCELLED:
            raise DepartureCancelledError("This departure is cancelled and can no longer change")
        now = datetime.now(UTC)
        departs = aware(data.departs_at, "departs_at") if data.departs_at else departure.departs_at
        arrives = aware(data.arrives_at, "arrives_at") if data.arrives_at else departure.arrives_at
        retimed = (departs, arrives) != (departure.departs_at, departure.arrives_at)
        if retimed:
            check_slot(Slot(departs, arrives), now)
            taken = await self.session.scalar(
                select(FlightDeparture.id).where(
                    FlightDeparture.route_id == departure.route_id,
                    FlightDeparture.status == DepartureStatus.SCHEDULED,
                    FlightDeparture.departs_at == departs,
                    FlightDeparture.id != departure.id,
                )
            )
            if taken is not None:
                raise InvalidScheduleError("The route already flies at that time")
        aircraft = None
        if data.aircraft_id is not None and data.aircraft_id != departure.aircraft_id:
            aircraft = await self.departures.fleet.owned(data.aircraft_id, user)
        if not retimed and aircraft is None:
            [read] = await self.departures.reads([departure], user)
            return read
        old_aircraft_id = departure.aircraft_id
        change = FlightScheduleChange(
            id=uuid7(),
            departure_id=departure.id,
            kind=(ChangeKind.RETIMED if retimed else ChangeKind.AIRCRAFT).value,
            old_departs_at=departure.departs_at,
            old_arrives_at=departure.arrives_at,
            new_departs_at=departs,
            new_arrives_at=arrives,
            old_aircraft_id=old_aircraft_id,
            new_aircraft_id=aircraft.id if aircraft else old_aircraft_id,
            reason=data.reason,
            created_by=user.id,
        )
        if aircraft is not None:
            await self._move_to(departure, aircraft, reassign=data.reassign, now=now)
        close = timedelta(minutes=self.settings.sales_close_minutes)
        await self.catalog.update_session(
            departure.id,
            SessionUpdate(
                starts_at=departs,
                ends_at=arrives,
                capacity=aircraft.seat_count if aircraft else msgspec.UNSET,
                sales_end_at=departs - close,
            ),
            user,
        )
        origin = await self.session.get_one(Airport, departure.origin_airport_id)
        departure.departs_at, departure.arrives_at = departs, arrives
        departure.departure_date_local = departs.astimezone(ZoneInfo(origin.timezone)).date()
        if aircraft is not None:
            departure.aircraft_id = aircraft.id
        self.session.add(change)
        audit(
            self.session,
            "departure.changed",
            departure.id,
            {
                "departs_at": [change.old_departs_at, change.new_departs_at],
                "arrives_at": [change.old_arrives_at, change.new_arrives_at],
                "aircraft_id": [change.old_aircraft_id, change.new_aircraft_id],
            },
        )
        await self.session.flush()
        affected = [a for a in await self._affected(departure) if a.live(a.leg)]
        await self._record(change, departure, affected, affected, now)
        self.catalog.invalidate()
        [read] = await self.departures.reads([departure], user)
        return read

    async def _move_to(self, departure: FlightDeparture, aircraft: Aircraft, *, reassign: bool, now: datetime) -> None:
        """Every live seat onto the new aircraft: the same seat where it has one, else (with ``reassign``) a free
        seat of the same cabin; refused when it does not fit."""
        live = list(
            await self.session.scalars(
                select(FlightSeatAssignment)
                .where(
                    FlightSeatAssignment.departure_id == departure.id, FlightSeatAssignment.status == SeatStatus.LIVE
                )
                .order_by(FlightSeatAssignment.cabin, FlightSeatAssignment.seat_code)
            )
        )
        if not live:
            return
        children = set(
            await self.session.scalars(
                select(FlightPassenger.id).where(
                    FlightPassenger.id.in_([row.passenger_id for row in live]),
                    FlightPassenger.passenger_type == PassengerType.CHILD,
                )
            )
        )
        by_cabin: dict[str, list[FlightSeatAssignment]] = defaultdict(list)
        for row in live:
            by_cabin[row.cabin].append(row)
        seating = self.departures.seating
        target: dict[uuid.UUID, str] = {}
        lacking: list[dict[str, str]] = []
        for cabin, rows in by_cabin.items():
            seats = {s.code: s for s in await seating.cabin_seats(aircraft.id, cabin) if not s.blocked}
            if len(rows) > len(seats):
                raise CabinSoldOutError(
                    f"The new aircraft has {len(seats)} {cabin} seats for {len(rows)} passengers",
                    extra={"cabin": cabin, "available": len(seats)},
                )
            homeless = []
            for row in rows:
                seat = seats.get(row.seat_code)
                if seat is not None and not (seat.exit_row and row.passenger_id in children):
                    target[row.id] = row.seat_code
                else:
                    homeless.append(row)
                    lacking.append({"seat": row.seat_code, "cabin": cabin})
            if homeless and reassign:
                free = [s for code, s in seats.items() if code not in set(target.values())]
                for row in homeless:
                    seat = next((s for s in free if row.passenger_id not in children or not s.exit_row), None)
                    if seat is None:
                        raise CabinSoldOutError(
                            f"No {cabin} seat left on the new aircraft for every passenger",
                            extra={"cabin": cabin, "available": 0},
                        )
                    free.remove(seat)
                    target[row.id] = seat.code
        if lacking and not reassign:
            raise AircraftChangeConflictError(
                "The new aircraft lacks seats passengers hold: send reassign=true to move them",
                extra={"seats": lacking},
            )
        # Every seat is claimed again on the booking core's seat guard, all together, so passengers may swap.
        seated = await seating.claims.reseat({row.ticket_id: target[row.id] for row in live}, now)
        if len(seated) != len(live):  # a seat change took a seat meanwhile: the carrier tries again
            raise AircraftChangeConflictError("Seats changed while the aircraft was being swapped; try again")
        await self.session.execute(
            update(FlightSeatAssignment)
            .where(FlightSeatAssignment.id.in_([row.id for row in live]))
            .values(status=SeatStatus.RELEASED.value, released_at=now, release_reason="aircraft_change", updated_at=now)
            .execution_options(synchronize_session=False)
        )
        columns = ("departure_id", "cabin", "passenger_id", "booking_id", "ticket_id", "document_fingerprint")
        await self.session.execute(
            insert(FlightSeatAssignment),
            [
                {name: getattr(row, name) for name in columns}
                | {
                    "id": uuid7(),
                    "aircraft_id": aircraft.id,
                    "seat_code": target[row.id],
                    "status": SeatStatus.LIVE.value,
                    "created_at": now,
                    "updated_at": now,
                }
                for row in live
            ],
        )

    # -- cancellations ----------------------------------------------------------------------------------

    async def cancel_departure(self, departure_id: uuid.UUID, reason: str, user: CurrentUser) -> DepartureRead:
        departure = await self.departures.owned(departure_id, user)
        if departure.status != DepartureStatus.CANCELLED:
            await self._cancel(departure, reason or "The carrier cancelled this flight", user, datetime.now(UTC))
            self.catalog.invalidate()
        [read] = await self.departures.reads([departure], user)
        return read

    async def cancel_route(self, route_id: uuid.UUID, reason: str, user: CurrentUser) -> RouteRead:
        """Every scheduled departure is cancelled as one departure would be, then the route."""
        route = await self.routes.owned(route_id, user)
        now = datetime.now(UTC)
        scheduled = list(
            await self.session.scalars(
                select(FlightDeparture)
                .where(FlightDeparture.route_id == route.id, FlightDeparture.status == DepartureStatus.SCHEDULED)
                .order_by(FlightDeparture.departs_at)
            )
        )
        for departure in scheduled:
            await self._cancel(departure, reason or "The carrier cancelled this route", user, now)
        listing = await self.catalog.event_for_editing(route.id, user)
        await self.catalog.mark_event_cancelled(listing)
        self.catalog.invalidate()
        return await self.routes.read(route)

    async def _cancel(self, departure: FlightDeparture, reason: str, user: CurrentUser, now: datetime) -> None:
        """Bookings on the departure cancelled with everything paid for them refunded; an unpaid trip is
        cancelled whole; a paid round trip keeps its other flight, and its traveller may reject that too."""
        audit(self.session, "departure.cancelled", departure.id, {"status": [departure.status, "cancelled"]})
        affected = [a for a in await self._affected(departure) if a.live(a.leg)]
        cancel: list[uuid.UUID] = []
        refunds: dict[uuid.UUID, int] = {}
        keeping: list[Affected] = []  # paid trips that keep their other flight
        for item in affected:
            legs = [item.leg]
            if item.live(item.other):
                if item.bookings[item.leg.booking_id].status == BookingStatus.PENDING_PAYMENT:
                    legs.append(cast(FlightOrderLeg, item.other))
                else:
                    keeping.append(item)
            for leg in legs:
                booking = item.bookings[leg.booking_id]
                cancel.append(booking.id)
                refunds[booking.id] = booking.total if booking.status == BookingStatus.CONFIRMED else 0
        if cancel:
            await self.cancellations.cancel_managed(cancel, refunds=refunds, reason=reason, kind=None)
        await self.catalog.mark_session_cancelled(departure.id, user)
        change = FlightScheduleChange(
            id=uuid7(),
            departure_id=departure.id,
            kind=ChangeKind.CANCELLED.value,
            old_departs_at=departure.departs_at,
            old_arrives_at=departure.arrives_at,
            old_aircraft_id=departure.aircraft_id,
            reason=reason[:300],
            created_by=user.id,
        )
        departure.status = DepartureStatus.CANCELLED
        self.session.add(change)
        await self.session.flush()
        await self._record(change, departure, keeping, affected, now, refunds=refunds)

    # -- the orders it touches --------------------------------------------------------------------------

    async def _affected(self, departure: FlightDeparture) -> list[Affected]:
        legs = list(
            await self.session.scalars(select(FlightOrderLeg).where(FlightOrderLeg.departure_id == departure.id))
        )
        if not legs:
            return []
        orders = {
            o.id: o
            for o in await self.session.scalars(
                select(FlightOrder).where(FlightOrder.id.in_([leg.order_id for leg in legs]))
            )
        }
        others = {
            leg.order_id: leg
            for leg in await self.session.scalars(
                select(FlightOrderLeg).where(
                    FlightOrderLeg.order_id.in_(list(orders)), FlightOrderLeg.departure_id != departure.id
                )
            )
        }
        groups = await self.groups.views(o.booking_group_id for o in orders.values())
        return [
            Affected(
                order=orders[leg.order_id],
                leg=leg,
                other=others.get(leg.order_id),
                bookings={b.id: b for b in groups[orders[leg.order_id].booking_group_id].bookings},
            )
            for leg in legs
        ]

    async def _record(
        self,
        change: FlightScheduleChange,
        departure: FlightDeparture,
        answerable: list[Affected],
        affected: list[Affected],
        now: datetime,
        refunds: dict[uuid.UUID, int] | None = None,
    ) -> None:
        """One answerable change per order in ``answerable`` (those still flying with it, or keeping their other
        flight when this one is cancelled), their earlier unanswered changes superseded, and every order in
        ``affected`` told."""
        if not affected:
            return
        cancelled = change.kind == ChangeKind.CANCELLED
        if answerable:
            await self.session.execute(
                update(FlightOrderChange)
                .where(
                    FlightOrderChange.order_id.in_([a.order.id for a in answerable]),
                    FlightOrderChange.status == AnswerStatus.PENDING,
                )
                .values(status=AnswerStatus.SUPERSEDED.value, responded_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        others = {
            d.id: d
            for d in await self.session.scalars(
                select(FlightDeparture).where(
                    FlightDeparture.id.in_([a.other.departure_id for a in affected if a.other is not None])
                )
            )
        }
        turnaround = timedelta(minutes=self.settings.min_turnaround_minutes)
        for item in answerable:
            other = others.get(item.other.departure_id) if item.other is not None else None
            conflicts = False
            if other is not None and not cancelled:
                if item.leg.leg == 1:
                    conflicts = other.departs_at < departure.arrives_at + turnaround
                else:
                    conflicts = departure.departs_at < other.arrives_at + turnaround
            # An answer is due before the flight the traveller still has leaves.
            deadline = (other.departs_at if cancelled and other is not None else departure.departs_at) - ANSWER_CLOSES
            self.session.add(
                FlightOrderChange(
                    order_id=item.order.id,
                    change_id=change.id,
                    leg=item.leg.leg,
                    conflicts_with_return=conflicts,
                    respond_by=max(deadline, now),
                )
            )
        await self.session.flush()
        kind = "flight_cancelled" if cancelled else "flight_schedule_changed"
        refunds = refunds or {}
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=item.order.user_id,
                    kind=kind,
                    payload={
                        "order_id": str(item.order.id),
                        "reference": item.order.reference,
                        "change_id": str(change.id),
                        "refund": sum(refunds.get(b, 0) for b in item.bookings),
                        "currency": next(iter(item.bookings.values())).currency,
                    },
                    dedupe_key=f"flight_order:{item.order.id}:change:{change.id}",
                )
                for item in affected
            ],
        )
