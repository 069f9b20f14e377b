"""Departures: the dated flights of a route, each a session of the route's listing (its seat counters are
the aircraft-wide guard), mirrored in ``flight_departures`` with what search and seat maps need."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.rules import manages
from tessera.catalog.schemas import SessionCreate
from tessera.catalog.services import CatalogService
from tessera.config import FlightSettings
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import airport_read
from tessera.flights.errors import InvalidScheduleError
from tessera.flights.models import Aircraft, AircraftCabin, Airport, DepartureStatus, FlightDeparture, FlightRoute
from tessera.flights.routes import Routes, fare_read
from tessera.flights.schedules import planned_slots
from tessera.flights.schemas import (
    AircraftBrief,
    Carrier,
    DepartureList,
    DepartureRead,
    DeparturesCreate,
    FareRead,
    SeatMap,
    SeatMapCabin,
    SeatMapRow,
    SeatMapSeat,
)
from tessera.flights.seating import Seating


class Departures:
    def __init__(
        self,
        session: AsyncSession,
        settings: FlightSettings,
        catalog: CatalogService,
        routes: Routes,
        fleet: Fleet,
        seating: Seating,
    ) -> None:
        self.session = session
        self.settings = settings
        self.catalog = catalog  # acting for the flights domain
        self.routes = routes
        self.fleet = fleet
        self.seating = seating

    # -- writing ----------------------------------------------------------------------------------------

    async def add(self, route_id: uuid.UUID, data: DeparturesCreate, user: CurrentUser) -> DepartureList:
        """One departure or a schedule of them, all or none."""
        route = await self.routes.owned(route_id, user)
        aircraft = await self.fleet.owned(data.aircraft_id or route.default_aircraft_id, user)
        origin = await self.session.get_one(Airport, route.origin_airport_id)
        zone = ZoneInfo(origin.timezone)
        slots = planned_slots(data, origin.timezone, datetime.now(UTC))
        times = [slot.departs_at for slot in slots]
        taken = await self.session.scalar(
            select(func.min(FlightDeparture.departs_at)).where(
                FlightDeparture.route_id == route.id,
                FlightDeparture.status == DepartureStatus.SCHEDULED,
                FlightDeparture.departs_at.in_(times),
            )
        )
        if taken is not None or len(set(times)) != len(times):
            moment = (taken or times[0]).astimezone(zone).isoformat()
            raise InvalidScheduleError(f"{route.flight_number} already departs at {moment}")
        close = timedelta(minutes=self.settings.sales_close_minutes)
        sessions = await self.catalog.add_sessions(
            route.id,
            [
                SessionCreate(
                    starts_at=slot.departs_at,
                    ends_at=slot.arrives_at,
                    capacity=aircraft.seat_count,
                    sales_end_at=slot.departs_at - close,
                )
                for slot in slots
            ],
            user,
        )
        rows = [
            {
                "id": session.id,
                "route_id": route.id,
                "origin_airport_id": route.origin_airport_id,
                "destination_airport_id": route.destination_airport_id,
                "aircraft_id": aircraft.id,
                "departs_at": slot.departs_at,
                "arrives_at": slot.arrives_at,
                "departure_date_local": slot.departs_at.astimezone(zone).date(),
                "status": DepartureStatus.SCHEDULED.value,
            }
            for session, slot in zip(sessions, slots, strict=True)
        ]
        try:
            async with self.session.begin_nested():  # a concurrent request added one of these times first
                await self.session.execute(insert(FlightDeparture), rows)
        except IntegrityError as exc:
            raise InvalidScheduleError(f"{route.flight_number} already departs at one of these times") from exc
        created = await self.session.scalars(
            select(FlightDeparture).where(FlightDeparture.id.in_([row["id"] for row in rows]))
        )
        return DepartureList(items=await self.reads(sorted(created, key=lambda d: d.departs_at), user))

    # -- reading ----------------------------------------------------------------------------------------

    async def owned(self, departure_id: uuid.UUID, user: CurrentUser) -> FlightDeparture:
        departure = await self.session.get(FlightDeparture, departure_id)
        if departure is None:
            raise NotFoundAppError("Departure not found")
        await self.routes.owned(departure.route_id, user)
        return departure

    async def get(self, departure_id: uuid.UUID, user: CurrentUser | None) -> DepartureRead:
        """A departure of a published or cancelled route; a draft's only to its carrier."""
        departure = await self.session.get(FlightDeparture, departure_id)
        if departure is None:
            raise NotFoundAppError("Departure not found")
        await self.catalog.visible_event(departure.route_id, user)
        [read] = await self.reads([departure], user)
        return read

    async def seat_map(self, departure_id: uuid.UUID, user: CurrentUser | None) -> SeatMap:
        """Every seat of the departure's aircraft, cabin by cabin and row by row, with whether it is free now."""
        departure = await self.session.get(FlightDeparture, departure_id)
        if departure is None:
            raise NotFoundAppError("Departure not found")
        await self.catalog.visible_event(departure.route_id, user)
        aircraft = await self.session.get_one(Aircraft, departure.aircraft_id)
        taken = await self.seating.taken(departure.id)
        cabins = []
        for cabin in await self.session.scalars(
            select(AircraftCabin).where(AircraftCabin.aircraft_id == aircraft.id).order_by(AircraftCabin.first_row)
        ):
            rows: dict[int, SeatMapRow] = {}
            left = 0
            for seat in await self.seating.cabin_seats(aircraft.id, cabin.cabin):
                available = not seat.blocked and seat.code not in taken
                left += available
                row = rows.setdefault(seat.row, SeatMapRow(row=seat.row, exit_row=seat.exit_row, seats=[]))
                row.seats.append(
                    SeatMapSeat(
                        code=seat.code,
                        letter=seat.letter,
                        position=seat.position,
                        available=available,
                        extra_legroom=seat.extra_legroom,
                        restrictions=["exit_row"] if seat.exit_row else [],
                    )
                )
            cabins.append(
                SeatMapCabin(cabin=cabin.cabin, layout=cabin.layout, seats_left=left, rows=list(rows.values()))
            )
        return SeatMap(
            departure_id=departure.id, aircraft=AircraftBrief(id=aircraft.id, model=aircraft.model), cabins=cabins
        )

    async def of_route(
        self, route_id: uuid.UUID, user: CurrentUser, limit: int, offset: int
    ) -> tuple[list[DepartureRead], int]:
        """The carrier's view of a route's departures, in time order."""
        route = await self.routes.owned(route_id, user)
        query = select(FlightDeparture).where(FlightDeparture.route_id == route.id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(FlightDeparture.departs_at, FlightDeparture.id).limit(limit).offset(offset)
        )
        return await self.reads(list(rows), user), total or 0

    async def by_ids(self, departure_ids: Iterable[uuid.UUID]) -> list[FlightDeparture]:
        ids = set(departure_ids)
        if not ids:
            return []
        return list(await self.session.scalars(select(FlightDeparture).where(FlightDeparture.id.in_(ids))))

    async def reads(
        self, departures: list[FlightDeparture], user: CurrentUser | None, *, all_fares: bool = False
    ) -> list[DepartureRead]:
        """``all_fares``: withdrawn fares too (an order shows the fare it was sold)."""
        if not departures:
            return []
        route_ids = {d.route_id for d in departures}
        routes = {r.id: r for r in await self.session.scalars(select(FlightRoute).where(FlightRoute.id.in_(route_ids)))}
        listings = await self.catalog.listings(route_ids)
        airports = await self.routes.airports.by_ids(
            [d.origin_airport_id for d in departures] + [d.destination_airport_id for d in departures]
        )
        aircraft_ids = {d.aircraft_id for d in departures}
        aircraft = {a.id: a for a in await self.session.scalars(select(Aircraft).where(Aircraft.id.in_(aircraft_ids)))}
        seats_left = await self.seating.seats_left(
            [d.id for d in departures], {d.id: d.aircraft_id for d in departures}
        )
        carriers = await UserService(session=self.session).names([r.organizer_id for r in routes.values()])
        bookable = await SeatInventory(self.session).bookable_many([d.id for d in departures], datetime.now(UTC))
        fares: dict[uuid.UUID, list[FareRead]] = {route_id: [] for route_id in route_ids}
        for fare, ticket_type in await self.routes.fares_of(route_ids):
            # The public sees what is sold; the carrier every fare.
            if all_fares or ticket_type.is_active or manages(listings[fare.route_id], user):
                fares[fare.route_id].append(fare_read(fare, ticket_type))
        reads = []
        for d in departures:
            route, origin, destination = (
                routes[d.route_id],
                airports[d.origin_airport_id],
                airports[d.destination_airport_id],
            )
            seats = seats_left[d.id]
            reads.append(
                DepartureRead(
                    id=d.id,
                    route_id=route.id,
                    flight_number=route.flight_number,
                    carrier=Carrier(id=route.organizer_id, name=carriers.get(route.organizer_id, "")),
                    origin=airport_read(origin),
                    destination=airport_read(destination),
                    departs_at=d.departs_at.astimezone(ZoneInfo(origin.timezone)),
                    arrives_at=d.arrives_at.astimezone(ZoneInfo(destination.timezone)),
                    departure_timezone=origin.timezone,
                    arrival_timezone=destination.timezone,
                    duration_minutes=int((d.arrives_at - d.departs_at).total_seconds() // 60),
                    aircraft=AircraftBrief(id=d.aircraft_id, model=aircraft[d.aircraft_id].model),
                    status=d.status,
                    on_sale=d.status == DepartureStatus.SCHEDULED and d.id in bookable and bookable[d.id].on_sale,
                    seats_left=seats,
                    fares=[f for f in fares[d.route_id] if all_fares or f.cabin in seats],
                )
            )
        return reads
