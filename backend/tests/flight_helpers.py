"""Building blocks for flights tests: airports in the database, an aircraft and a route made through the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from tessera.booking.models import SessionSeat, Ticket, TicketStatus
from tessera.config import Settings
from tessera.core.db import session_scope
from tessera.flights.airports import AirportRecord, import_airports
from tessera.flights.models import FlightSeatAssignment

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

ECONOMY_LIGHT: dict[str, Any] = {"name": "Economy Light", "cabin": "economy", "price": 2_500_000, "currency": "KZT"}
BUSINESS_FLEX: dict[str, Any] = {
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
    client: AsyncClient,
    aircraft_id: str,
    flight_number: str = "TS101",
    origin: str = "ALA",
    destination: str = "NQZ",
    fares: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    created = await client.post(
        "/api/v1/flights/routes",
        json={
            "flight_number": flight_number,
            "origin": origin,
            "destination": destination,
            "aircraft_id": aircraft_id,
            "fares": fares or [ECONOMY_LIGHT, BUSINESS_FLEX],
        },
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def passenger(
    given: str,
    family: str,
    number: str,
    *,
    kind: str = "adult",
    birth: str = "1990-04-02",
    seats: list[str | None] | None = None,
    expires: str = "2035-01-31",
    series: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": kind,
        "given_name": given,
        "family_name": family,
        "birth_date": birth,
        "nationality": "KZ",
        "document": {
            "type": "passport",
            "series": series,
            "number": number,
            "expires_on": expires,
            "issuing_country": "KZ",
        },
    }
    if seats is not None:
        body["seats"] = seats
    return body


async def add_departure(client: AsyncClient, route_id: str, departs_at: datetime, minutes: int = 100) -> str:
    made = await client.post(
        f"/api/v1/flights/routes/{route_id}/departures",
        json={
            "departs_at": departs_at.isoformat(),
            "arrives_at": (departs_at + timedelta(minutes=minutes)).isoformat(),
        },
    )
    assert made.status_code == 201, made.text
    departure_id: str = made.json()["items"][0]["id"]
    return departure_id


@dataclass
class Trip:
    """A published round trip ALA⇄NQZ: departures out in ten days and back a week later."""

    aircraft: dict[str, Any]
    outbound: dict[str, Any]
    back: dict[str, Any]
    out_departure: str
    back_departure: str

    def fare(self, route: dict[str, Any], cabin: str = "economy") -> str:
        fare_id: str = next(f["id"] for f in route["fares"] if f["cabin"] == cabin)
        return fare_id

    def legs(self, round_trip: bool = True, cabin: str = "economy") -> list[dict[str, str]]:
        legs = [{"departure_id": self.out_departure, "fare_id": self.fare(self.outbound, cabin)}]
        if round_trip:
            legs.append({"departure_id": self.back_departure, "fare_id": self.fare(self.back, cabin)})
        return legs


async def make_trip(
    client: AsyncClient,
    aircraft: dict[str, Any] | None = None,
    number: int = 101,
    fares: list[dict[str, Any]] | None = None,
    leaves_at: datetime | None = None,
) -> Trip:
    """``leaves_at``: the outbound departure (by default ten days ahead, at 07:30 in Almaty)."""
    aircraft = aircraft or await make_aircraft(client)
    outbound = await make_route(client, aircraft["id"], f"TS{number}", "ALA", "NQZ", fares)
    made = await client.post(
        f"/api/v1/flights/routes/{outbound['id']}/return", json={"flight_number": f"TS{number + 1}"}
    )
    assert made.status_code == 201, made.text
    back = made.json()
    day = leaves_at or datetime.now(UTC).replace(hour=2, minute=30, second=0, microsecond=0) + timedelta(days=10)
    out_departure = await add_departure(client, outbound["id"], day)
    back_departure = await add_departure(client, back["id"], day + timedelta(days=7))
    for route in (outbound, back):
        assert (await client.post(f"/api/v1/flights/routes/{route['id']}/publish")).status_code == 200
    return Trip(aircraft, outbound, back, out_departure, back_departure)


async def seats_on_the_core_guard(settings: Settings, departure_id: str) -> int:
    """Asserts a departure's seats are guarded by the booking core, as every seated session's are: each live
    passenger's seat is claimed in ``session_seats`` by that passenger's ticket, the ticket carries it, and
    nothing else is claimed. Returns how many seats are taken."""
    session_id = uuid.UUID(departure_id)
    async with session_scope(settings.database) as session:
        live = set(
            (
                await session.execute(
                    select(FlightSeatAssignment.ticket_id, FlightSeatAssignment.seat_code).where(
                        FlightSeatAssignment.departure_id == session_id, FlightSeatAssignment.status == "live"
                    )
                )
            ).all()
        )
        claims = (
            await session.execute(
                select(SessionSeat.ticket_id, SessionSeat.seat).where(SessionSeat.session_id == session_id)
            )
        ).all()
        tickets = set(
            (
                await session.execute(
                    select(Ticket.id, Ticket.seat).where(
                        Ticket.session_id == session_id,
                        Ticket.status.in_([TicketStatus.PENDING, TicketStatus.VALID, TicketStatus.USED]),
                    )
                )
            ).all()
        )
    assert len(claims) == len(set(claims)) == len(live), "one claim per seated passenger"
    assert set(claims) == live == tickets
    return len(live)
