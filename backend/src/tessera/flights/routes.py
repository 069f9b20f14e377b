"""A carrier's routes: a flight number between two airports, sold as a managed listing whose ticket types are
the fares. Created with their fares, linked to a return route, published and cancelled through the catalog."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence

import msgspec
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.errors import CurrencyMismatchError, EventCancelledError
from tessera.catalog.models import ListingKind, ListingStatus, TicketType
from tessera.catalog.schemas import EventCreate, EventUpdate, TicketTypeCreate, TicketTypeUpdate
from tessera.catalog.services import CatalogService
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import AirportDirectory, airport_read
from tessera.flights.errors import FlightNumberTakenError, InvalidRouteError, ReturnExistsError
from tessera.flights.models import CABIN_ORDER, Airport, FlightFare, FlightRoute
from tessera.flights.schemas import (
    FareCreate,
    FareRead,
    FareUpdate,
    ReturnRouteCreate,
    RouteCreate,
    RouteRead,
    RouteUpdate,
)

# Two characters of airline designator, then up to four digits and an optional suffix letter: TS101, KC9A.
FLIGHT_NUMBER = re.compile(r"[A-Z0-9]{2}[0-9]{1,4}[A-Z]?")
# A passenger books one fare for everyone in the order, at most nine of them.
MAX_PASSENGERS = 9


def fare_read(fare: FlightFare, ticket_type: TicketType) -> FareRead:
    return FareRead(
        id=fare.id,
        name=ticket_type.name,
        cabin=fare.cabin,
        price=ticket_type.price,
        currency=ticket_type.currency,
        refundable=fare.refundable,
        changeable=fare.changeable,
        cabin_bags=fare.cabin_bags,
        checked_bags=fare.checked_bags,
        is_active=ticket_type.is_active,
    )


def flight_number(raw: str) -> str:
    number = re.sub(r"\s+", "", raw).upper()
    if not FLIGHT_NUMBER.fullmatch(number):
        raise InvalidRouteError(f"{raw!r} is not a flight number: use the airline code and digits, such as TS101")
    return number


class Routes:
    def __init__(
        self,
        session: AsyncSession,
        catalog: CatalogService,
        airports: AirportDirectory,
        fleet: Fleet,
    ) -> None:
        self.session = session
        self.catalog = catalog  # acting for the flights domain: it edits only flights' listings
        self.airports = airports
        self.fleet = fleet

    # -- access -----------------------------------------------------------------------------------------

    async def owned(self, route_id: uuid.UUID, user: CurrentUser) -> FlightRoute:
        """The carrier's own route (any, for an admin); someone else's is not found either."""
        route = await self.session.get(FlightRoute, route_id)
        if route is None or not (user.is_admin or route.organizer_id == user.id):
            raise NotFoundAppError("Route not found")
        return route

    async def _cabins(self, aircraft_id: uuid.UUID) -> dict[str, int]:
        return (await self.fleet.cabin_seats([aircraft_id])).get(aircraft_id, {})

    # -- writing ----------------------------------------------------------------------------------------

    async def create(self, data: RouteCreate, user: CurrentUser) -> RouteRead:
        number = flight_number(data.flight_number)
        origin, destination = await self.airports.active(data.origin), await self.airports.active(data.destination)
        if origin.id == destination.id:
            raise InvalidRouteError("A route flies between two different airports")
        aircraft = await self.fleet.owned(data.aircraft_id, user)
        self._check_fares(data.fares, await self._cabins(aircraft.id))
        route = await self._insert(number, origin, destination, aircraft.id, data.description, user)
        for fare in data.fares:
            await self._add_fare(route, fare, user)
        return await self.read(route)

    def _check_fares(self, fares: Sequence[FareCreate], cabins: dict[str, int]) -> None:
        missing = sorted({fare.cabin for fare in fares} - set(cabins))
        if missing:
            raise InvalidRouteError(f"The aircraft has no {', '.join(missing)} cabin")
        if len({fare.currency for fare in fares}) > 1:
            raise CurrencyMismatchError("A route's fares share one currency")

    async def _insert(
        self,
        number: str,
        origin: Airport,
        destination: Airport,
        aircraft_id: uuid.UUID,
        description: str,
        user: CurrentUser,
    ) -> FlightRoute:
        listing = await self.catalog.create_event(
            EventCreate(
                title=f"{number} {origin.city} → {destination.city}"[:200],
                kind=ListingKind.FLIGHT.value,
                description=description,
                category="flights",
            ),
            user,
        )
        route = FlightRoute(
            id=listing.id,
            organizer_id=listing.organizer_id,
            flight_number=number,
            origin_airport_id=origin.id,
            destination_airport_id=destination.id,
            default_aircraft_id=aircraft_id,
        )
        try:
            async with self.session.begin_nested():  # two requests racing for one flight number: one wins
                self.session.add(route)
        except IntegrityError as exc:
            raise FlightNumberTakenError(f"You already fly {number}") from exc
        return route

    async def _add_fare(self, route: FlightRoute, data: FareCreate, user: CurrentUser) -> FlightFare:
        ticket_type = await self.catalog.add_ticket_type(
            route.id,
            TicketTypeCreate(name=data.name, price=data.price, currency=data.currency, max_per_order=MAX_PASSENGERS),
            user,
        )
        fare = FlightFare(
            id=ticket_type.id,
            route_id=route.id,
            cabin=data.cabin,
            refundable=data.refundable,
            changeable=data.changeable,
            cabin_bags=data.cabin_bags,
            checked_bags=data.checked_bags,
        )
        self.session.add(fare)
        await self.session.flush()
        return fare

    async def create_return(self, route_id: uuid.UUID, data: ReturnRouteCreate, user: CurrentUser) -> RouteRead:
        """The same route flown back, under a new flight number, with copies of the fares; both are linked."""
        route = await self.owned(route_id, user)
        if route.return_route_id is not None:
            raise ReturnExistsError("This route already has a return route", extra={"route_id": route.return_route_id})
        listing = await self.catalog.event_for_editing(route.id, user)
        if listing.status == ListingStatus.CANCELLED:
            raise EventCancelledError("This route is cancelled")
        origin = await self.session.get_one(Airport, route.destination_airport_id)
        destination = await self.session.get_one(Airport, route.origin_airport_id)
        back = await self._insert(
            flight_number(data.flight_number), origin, destination, route.default_aircraft_id, listing.description, user
        )
        back.return_route_id = route.id
        for fare, ticket_type in await self.fares_of([route.id]):
            # A copy as the carrier would have typed it (and as checked as if it had been).
            read = fare_read(fare, ticket_type)
            fields = {name: getattr(read, name) for name in FareCreate.__struct_fields__}
            copied = await self._add_fare(back, msgspec.convert(fields, FareCreate), user)
            if not ticket_type.is_active:
                await self.catalog.update_ticket_type(copied.id, TicketTypeUpdate(is_active=False), user)
        await self.session.flush()
        # Conditional: of two requests creating a return at once, the second finds it taken (and rolls back).
        linked = await self.session.execute(
            update(FlightRoute)
            .where(FlightRoute.id == route.id, FlightRoute.return_route_id.is_(None))
            .values(return_route_id=back.id)
            .execution_options(synchronize_session=False)
        )
        if linked.rowcount != 1:  # type: ignore[attr-defined]
            raise ReturnExistsError("This route already has a return route")
        await self.session.refresh(route)
        return await self.read(back)

    async def update(self, route_id: uuid.UUID, data: RouteUpdate, user: CurrentUser) -> RouteRead:
        route = await self.owned(route_id, user)
        if data.description is not msgspec.UNSET:
            await self.catalog.update_event(route.id, EventUpdate(description=data.description), user)
        if data.default_aircraft_id is not msgspec.UNSET:
            aircraft = await self.fleet.owned(data.default_aircraft_id, user)
            cabins = await self._cabins(aircraft.id)
            sold = {fare.cabin for fare, ticket_type in await self.fares_of([route.id]) if ticket_type.is_active}
            missing = sorted(sold - set(cabins))
            if missing:
                raise InvalidRouteError(f"The aircraft has no {', '.join(missing)} cabin, which this route sells")
            await self.catalog.event_for_editing(route.id, user)  # a cancelled route keeps its aircraft
            route.default_aircraft_id = aircraft.id
            await self.session.flush()
        return await self.read(route)

    async def add_fare(self, route_id: uuid.UUID, data: FareCreate, user: CurrentUser) -> FareRead:
        route = await self.owned(route_id, user)
        if data.cabin not in await self._cabins(route.default_aircraft_id):
            raise InvalidRouteError(f"The route's aircraft has no {data.cabin} cabin")
        fare = await self._add_fare(route, data, user)
        [(_, ticket_type)] = await self.fares_of([route.id], [fare.id])
        return fare_read(fare, ticket_type)

    async def update_fare(self, fare_id: uuid.UUID, data: FareUpdate, user: CurrentUser) -> FareRead:
        fare = await self.session.get(FlightFare, fare_id)
        if fare is None:
            raise NotFoundAppError("Fare not found")
        await self.owned(fare.route_id, user)
        ticket_type = await self.catalog.update_ticket_type(
            fare.id, TicketTypeUpdate(name=data.name, price=data.price, is_active=data.is_active), user
        )
        for field in ("refundable", "changeable", "cabin_bags", "checked_bags"):
            value = getattr(data, field)
            if value is not msgspec.UNSET:
                setattr(fare, field, value)
        await self.session.flush()
        return fare_read(fare, ticket_type)

    async def publish(self, route_id: uuid.UUID, user: CurrentUser) -> RouteRead:
        route = await self.owned(route_id, user)
        await self.catalog.publish_event(route.id, user)
        return await self.read(route)

    # -- reading ----------------------------------------------------------------------------------------

    async def list_mine(self, user: CurrentUser, limit: int, offset: int) -> tuple[list[RouteRead], int]:
        """The carrier's routes, newest first (every carrier's for an admin)."""
        query = select(FlightRoute)
        if not user.is_admin:
            query = query.where(FlightRoute.organizer_id == user.id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(FlightRoute.created_at.desc(), FlightRoute.id.desc()).limit(limit).offset(offset)
        )
        return await self.reads(list(rows)), total or 0

    async def get(self, route_id: uuid.UUID, user: CurrentUser) -> RouteRead:
        return await self.read(await self.owned(route_id, user))

    async def read(self, route: FlightRoute) -> RouteRead:
        [read] = await self.reads([route])
        return read

    async def reads(self, routes: list[FlightRoute]) -> list[RouteRead]:
        ids = [route.id for route in routes]
        listings = await self.catalog.listings(ids)
        airports = await self.airports.by_ids(
            [r.origin_airport_id for r in routes] + [r.destination_airport_id for r in routes]
        )
        fares: dict[uuid.UUID, list[FareRead]] = {route_id: [] for route_id in ids}
        for fare, ticket_type in await self.fares_of(ids):
            fares[fare.route_id].append(fare_read(fare, ticket_type))
        return [
            RouteRead(
                id=route.id,
                flight_number=route.flight_number,
                origin=airport_read(airports[route.origin_airport_id]),
                destination=airport_read(airports[route.destination_airport_id]),
                status=listings[route.id].status,
                default_aircraft_id=route.default_aircraft_id,
                fares=fares[route.id],
                return_route_id=route.return_route_id,
                description=listings[route.id].description,
                created_at=route.created_at,
            )
            for route in routes
        ]

    async def fares_of(
        self, route_ids: Iterable[uuid.UUID], fare_ids: Iterable[uuid.UUID] | None = None
    ) -> list[tuple[FlightFare, TicketType]]:
        query = select(FlightFare).where(FlightFare.route_id.in_(set(route_ids)))
        if fare_ids is not None:
            query = query.where(FlightFare.id.in_(set(fare_ids)))
        fares = list(await self.session.scalars(query))
        ticket_types = await self.catalog.ticket_types(f.id for f in fares)
        pairs = [(fare, ticket_types[fare.id]) for fare in fares]
        # Cheapest first within each cabin, cabins from the front of the aircraft.
        return sorted(pairs, key=lambda pair: (CABIN_ORDER[pair[0].cabin], pair[1].price, pair[1].name))
