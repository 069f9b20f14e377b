from __future__ import annotations

import msgspec


class AirportRead(msgspec.Struct):
    iata: str
    icao: str | None
    name: str
    city: str
    country: str
    timezone: str


class AirportList(msgspec.Struct):
    items: list[AirportRead]
