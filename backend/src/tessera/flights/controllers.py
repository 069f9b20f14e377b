from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from tessera.core.auth import CurrentUser, requires_organizer
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import AirportDirectory
from tessera.flights.schemas import AircraftCreate, AircraftDetail, AircraftRead, AirportList, AirportRead

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
