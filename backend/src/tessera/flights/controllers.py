"""The public and the carrier's side of flights: airports, aircraft, routes and fares, departures with their
seat maps and manifests, search."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from litestar import Controller, get, patch, post
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.core.auth import CurrentUser, requires_organizer, requires_verified_email
from tessera.core.errors import documented_error
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import AirportDirectory
from tessera.flights.departures import Departures
from tessera.flights.disruptions import Disruptions
from tessera.flights.manifest import Manifests
from tessera.flights.order_schemas import Manifest
from tessera.flights.routes import Routes
from tessera.flights.schemas import (
    AircraftCreate,
    AircraftDetail,
    AircraftRead,
    AirportList,
    AirportRead,
    CabinName,
    CancelRequest,
    DepartureList,
    DepartureRead,
    DeparturesCreate,
    DepartureUpdate,
    FareCreate,
    FareRead,
    FareUpdate,
    ReturnRouteCreate,
    RouteCreate,
    RouteRead,
    RouteUpdate,
    SearchResult,
    SeatMap,
)
from tessera.flights.search import FlightSearch

# Answers are kept per process for a second: autocomplete asks on every keystroke, and an import is seen
# within a second by every process, whatever the cache store.
AIRPORT_CACHE_SECONDS = 1


class AirportController(Controller):
    path = "/airports"
    tags = ["flights"]

    @get(
        "/",
        operation_id="searchAirports",
        summary="Airports for autocomplete: codes starting with q first, then cities and names containing it",
        cache=AIRPORT_CACHE_SECONDS,
    )
    async def search(
        self,
        airports: NamedDependency[AirportDirectory],
        q: Annotated[str, QueryParameter(max_length=100, description="IATA code, city or airport name")] = "",
        limit: Annotated[int, QueryParameter(ge=1, le=50, description="At most this many airports")] = 10,
    ) -> AirportList:
        return await airports.search(q, limit)

    @get("/{iata:str}", operation_id="getAirport", summary="One airport by IATA code", cache=AIRPORT_CACHE_SECONDS)
    async def get_airport(self, iata: FromPath[str], airports: NamedDependency[AirportDirectory]) -> AirportRead:
        return await airports.get(iata)


class AircraftController(Controller):
    path = "/flights/aircraft"
    tags = ["flights"]
    guards = [requires_organizer]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @post(
        "/",
        operation_id="createAircraft",
        status_code=HTTP_201_CREATED,
        summary="Describe an aircraft: cabins with row ranges and layouts; the server generates the seats",
    )
    async def create(
        self, data: JSONBody[AircraftCreate], fleet: NamedDependency[Fleet], current_user: NamedDependency[CurrentUser]
    ) -> AircraftRead:
        return await fleet.create(data, current_user)

    @get("/", operation_id="listMyAircraft", summary="Your aircraft, newest first (every carrier's for admins)")
    async def list_aircraft(
        self,
        fleet: NamedDependency[Fleet],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> OffsetPagination[AircraftRead]:
        items, total = await fleet.list_mine(current_user, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/{aircraft_id:uuid}", operation_id="getAircraft", summary="One of your aircraft with every seat")
    async def get_aircraft(
        self,
        aircraft_id: FromPath[uuid.UUID],
        fleet: NamedDependency[Fleet],
        current_user: NamedDependency[CurrentUser],
    ) -> AircraftDetail:
        return await fleet.get(aircraft_id, current_user)


class RouteController(Controller):
    path = "/flights/routes"
    tags = ["flights"]
    guards = [requires_organizer]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @post(
        "/",
        operation_id="createRoute",
        status_code=HTTP_201_CREATED,
        summary="A flight number between two airports, with its fares; a draft until published",
    )
    async def create(
        self, data: JSONBody[RouteCreate], routes: NamedDependency[Routes], current_user: NamedDependency[CurrentUser]
    ) -> RouteRead:
        return await routes.create(data, current_user)

    @get("/", operation_id="listMyRoutes", summary="Your routes, newest first (every carrier's for admins)")
    async def list_routes(
        self,
        routes: NamedDependency[Routes],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> OffsetPagination[RouteRead]:
        items, total = await routes.list_mine(current_user, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/{route_id:uuid}", operation_id="getRoute", summary="One of your routes with its fares")
    async def get_route(
        self, route_id: FromPath[uuid.UUID], routes: NamedDependency[Routes], current_user: NamedDependency[CurrentUser]
    ) -> RouteRead:
        return await routes.get(route_id, current_user)

    @patch("/{route_id:uuid}", operation_id="updateRoute", summary="Change a route's description or default aircraft")
    async def update(
        self,
        route_id: FromPath[uuid.UUID],
        data: JSONBody[RouteUpdate],
        routes: NamedDependency[Routes],
        current_user: NamedDependency[CurrentUser],
    ) -> RouteRead:
        return await routes.update(route_id, data, current_user)

    @post(
        "/{route_id:uuid}/return",
        operation_id="createReturnRoute",
        status_code=HTTP_201_CREATED,
        summary="The route flown back under a new flight number, with copies of its fares; both are linked",
    )
    async def create_return(
        self,
        route_id: FromPath[uuid.UUID],
        data: JSONBody[ReturnRouteCreate],
        routes: NamedDependency[Routes],
        current_user: NamedDependency[CurrentUser],
    ) -> RouteRead:
        return await routes.create_return(route_id, data, current_user)

    @post("/{route_id:uuid}/fares", operation_id="addFare", status_code=HTTP_201_CREATED, summary="Add a fare")
    async def add_fare(
        self,
        route_id: FromPath[uuid.UUID],
        data: JSONBody[FareCreate],
        routes: NamedDependency[Routes],
        current_user: NamedDependency[CurrentUser],
    ) -> FareRead:
        return await routes.add_fare(route_id, data, current_user)

    @post(
        "/{route_id:uuid}/departures",
        operation_id="addDepartures",
        status_code=HTTP_201_CREATED,
        summary="One departure, or a weekly schedule in the origin's local time (daylight saving included)",
    )
    async def add_departures(
        self,
        route_id: FromPath[uuid.UUID],
        data: JSONBody[DeparturesCreate],
        departures: NamedDependency[Departures],
        current_user: NamedDependency[CurrentUser],
    ) -> DepartureList:
        return await departures.add(route_id, data, current_user)

    @get(
        "/{route_id:uuid}/departures", operation_id="listRouteDepartures", summary="A route's departures in time order"
    )
    async def list_departures(
        self,
        route_id: FromPath[uuid.UUID],
        departures: NamedDependency[Departures],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> OffsetPagination[DepartureRead]:
        items, total = await departures.of_route(route_id, current_user, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @post(
        "/{route_id:uuid}/publish",
        operation_id="publishRoute",
        guards=[requires_verified_email],
        status_code=HTTP_200_OK,
        summary="Put on sale",
    )
    async def publish(
        self, route_id: FromPath[uuid.UUID], routes: NamedDependency[Routes], current_user: NamedDependency[CurrentUser]
    ) -> RouteRead:
        return await routes.publish(route_id, current_user)

    @post(
        "/{route_id:uuid}/cancel",
        operation_id="cancelRoute",
        status_code=HTTP_200_OK,
        summary="Cancel the route and every departure; passengers are refunded in full",
    )
    async def cancel(
        self,
        route_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        disruptions: NamedDependency[Disruptions],
        current_user: NamedDependency[CurrentUser],
    ) -> RouteRead:
        return await disruptions.cancel_route(route_id, data.reason, current_user)


class FareController(Controller):
    path = "/flights/fares"
    tags = ["flights"]
    guards = [requires_organizer]

    @patch("/{fare_id:uuid}", operation_id="updateFare", summary="Change a fare; orders keep the price they paid")
    async def update(
        self,
        fare_id: FromPath[uuid.UUID],
        data: JSONBody[FareUpdate],
        routes: NamedDependency[Routes],
        current_user: NamedDependency[CurrentUser],
    ) -> FareRead:
        return await routes.update_fare(fare_id, data, current_user)


class DepartureController(Controller):
    path = "/flights/departures"
    tags = ["flights"]

    @get("/{departure_id:uuid}", operation_id="getDeparture", summary="One departure with its fares and seats left")
    async def get_departure(
        self,
        departure_id: FromPath[uuid.UUID],
        departures: NamedDependency[Departures],
        viewer: NamedDependency[CurrentUser | None],
    ) -> DepartureRead:
        return await departures.get(departure_id, viewer)

    @get(
        "/{departure_id:uuid}/seat-map",
        operation_id="getSeatMap",
        summary="Every seat of the departure, cabin by cabin, with whether it is free now",
        cache_control=CacheControlHeader(no_store=True),
    )
    async def seat_map(
        self,
        departure_id: FromPath[uuid.UUID],
        departures: NamedDependency[Departures],
        viewer: NamedDependency[CurrentUser | None],
    ) -> SeatMap:
        return await departures.seat_map(departure_id, viewer)

    @get(
        "/{departure_id:uuid}/manifest",
        operation_id="getManifest",
        guards=[requires_organizer],
        summary="Confirmed passengers with seats and boarding; full documents only with reveal=documents",
        description=(
            "Documents are masked unless reveal=documents, which works from TESSERA_FLIGHT_MANIFEST_WINDOW_HOURS "
            "before departure until a day after arrival, and is logged each time."
        ),
        cache_control=CacheControlHeader(no_store=True),
        responses={409: documented_error("manifest_not_available: outside the reveal window, or documents erased")},
    )
    async def manifest(
        self,
        departure_id: FromPath[uuid.UUID],
        manifests: NamedDependency[Manifests],
        current_user: NamedDependency[CurrentUser],
        reveal: FromQuery[Literal["documents"] | None] = None,
    ) -> Manifest:
        return await manifests.manifest(departure_id, current_user, reveal=reveal == "documents")

    @post(
        "/{departure_id:uuid}/cancel",
        operation_id="cancelDeparture",
        status_code=HTTP_200_OK,
        guards=[requires_organizer],
        summary="Cancel a departure; its passengers are refunded in full",
    )
    async def cancel(
        self,
        departure_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        disruptions: NamedDependency[Disruptions],
        current_user: NamedDependency[CurrentUser],
    ) -> DepartureRead:
        return await disruptions.cancel_departure(departure_id, data.reason, current_user)

    @patch(
        "/{departure_id:uuid}",
        operation_id="changeDeparture",
        guards=[requires_organizer],
        summary="Retime a departure or swap its aircraft; every affected order is recorded and told",
    )
    async def change(
        self,
        departure_id: FromPath[uuid.UUID],
        data: JSONBody[DepartureUpdate],
        disruptions: NamedDependency[Disruptions],
        current_user: NamedDependency[CurrentUser],
    ) -> DepartureRead:
        return await disruptions.change(departure_id, data, current_user)


class FlightSearchController(Controller):
    path = "/flights/search"
    tags = ["flights"]

    @get(
        "/",
        operation_id="searchFlights",
        summary="Departures on a local date at the origin, and back on return_date: one slice each way",
    )
    async def search(
        self,
        flight_search: NamedDependency[FlightSearch],
        origin: Annotated[str, QueryParameter(pattern=r"^[A-Za-z]{3}$", description="IATA code")],
        destination: Annotated[str, QueryParameter(pattern=r"^[A-Za-z]{3}$", description="IATA code")],
        departure_date: Annotated[date, QueryParameter(description="Local date at the origin")],
        return_date: Annotated[date | None, QueryParameter(description="Local date at the destination")] = None,
        passengers: Annotated[int, QueryParameter(ge=1, le=9)] = 1,
        cabin: FromQuery[CabinName] = "economy",
        limit: Annotated[int, QueryParameter(ge=1, le=100, description="At most this many options a slice")] = 50,
    ) -> SearchResult:
        return await flight_search.search(origin, destination, departure_date, return_date, passengers, cabin, limit)
