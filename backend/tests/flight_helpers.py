"""Building blocks for flights tests: airports in the database, an aircraft and a route made through the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from httpx import AsyncClient

from tessera.config import Settings
from tessera.core.db import session_scope
from tessera.flights.airports import AirportRecord, import_airports

A320: dict[str, Any] = {
    "model": "Airbus A320-200",
    "registration": "UP-A2001",
    "cabins": [
        {"cabin": "business", "first_row": 1, "last_row": 3, "layout": "AC-DF"},
        {"cabin": "economy", "first_row": 4, "last_row": 30, "layout": "ABC-DEF"},
    ],
    "skip_rows": [13],
    "exit_rows": [12, 14],
    "extra_legroom_rows": [4, 12, 14],
    "blocked_seats": ["30F"],
}
A320_SEATS = {"business": 12, "economy": 155}

ECONOMY_LIGHT = {"name": "Economy Light", "cabin": "economy", "price": 2_500_000, "currency": "KZT"}
BUSINESS_FLEX = {
    "name": "Business Flex",
    "cabin": "business",
    "price": 9_000_000,
    "currency": "KZT",
    "refundable": True,
    "changeable": True,
    "cabin_bags": 2,
    "checked_bags": 2,
}


def airport_record(iata: str, city: str, name: str, country: str = "KZ", tz: str = "Asia/Almaty") -> AirportRecord:
    return AirportRecord(
        iata=iata,
        icao=None,
        name=name,
        city=city,
        subdivision="",
        country=country,
        latitude=Decimal("43.352100"),
        longitude=Decimal("77.040500"),
        timezone=tz,
    )


AIRPORTS = [
    airport_record("ALA", "Almaty", "Almaty International Airport", "KZ", "Asia/Almaty"),
    airport_record("NQZ", "Astana", "Nursultan Nazarbayev International Airport", "KZ", "Asia/Almaty"),
    airport_record("FRU", "Bishkek", "Manas International Airport", "KG", "Asia/Bishkek"),
    # Zones with daylight saving time.
    airport_record("FRA", "Frankfurt", "Frankfurt am Main Airport", "DE", "Europe/Berlin"),
    airport_record("IST", "Istanbul", "Istanbul Airport", "TR", "Europe/Istanbul"),
]


async def add_airports(settings: Settings) -> None:
    async with session_scope(settings.database) as session:
        await import_airports(session, AIRPORTS, source="test", deactivate_missing=False)


async def make_aircraft(client: AsyncClient, **changes: Any) -> dict[str, Any]:
    created = await client.post("/api/v1/flights/aircraft", json={**A320, "registration": None, **changes})
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def make_route(
    client: AsyncClient, aircraft_id: str, flight_number: str = "TS101", origin: str = "ALA", destination: str = "NQZ"
) -> dict[str, Any]:
    created = await client.post(
        "/api/v1/flights/routes",
        json={
            "flight_number": flight_number,
            "origin": origin,
            "destination": destination,
            "aircraft_id": aircraft_id,
            "fares": [ECONOMY_LIGHT, BUSINESS_FLEX],
        },
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body
