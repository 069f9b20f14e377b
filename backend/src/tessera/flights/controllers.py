from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter

from tessera.flights.airports import AirportDirectory
from tessera.flights.schemas import AirportList, AirportRead

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
