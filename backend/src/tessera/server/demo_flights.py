"""The demo's airline: two aircraft, ALA⇄NQZ and ALA⇄FRU with two weeks of departures, on sale. Made through
the flights services, so demo flights obey the same rules as real ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.auth import CurrentUser
from tessera.flights.aircraft import Fleet
from tessera.flights.models import FlightRoute
from tessera.flights.schemas import (
    AircraftCreate,
    CabinCreate,
    DeparturesCreate,
    FareCreate,
    ReturnRouteCreate,
    RouteCreate,
    Schedule,
)
from tessera.server.container import Container

DAYS = 14
AIRCRAFT: dict[str, AircraftCreate] = {
    "A320": AircraftCreate(
        model="Airbus A320-200",
        registration="UP-A3201",
        cabins=[
            CabinCreate(cabin="business", first_row=1, last_row=3, layout="AC-DF"),
            CabinCreate(cabin="economy", first_row=4, last_row=30, layout="ABC-DEF"),
        ],
        skip_rows=[13],
        exit_rows=[12, 14],
        extra_legroom_rows=[4, 12, 14],
        blocked_seats=["30F"],
    ),
    "E190": AircraftCreate(
        model="Embraer E190",
        registration="UP-E1901",
        cabins=[
            CabinCreate(cabin="business", first_row=1, last_row=2, layout="AC-DF"),
            CabinCreate(cabin="economy", first_row=3, last_row=24, layout="AC-DF"),
        ],
        skip_rows=[13],
        exit_rows=[10, 11],
        extra_legroom_rows=[3, 10, 11],
    ),
}


def _fares(economy: int) -> list[FareCreate]:
    return [
        FareCreate(name="Economy Light", cabin="economy", price=economy, currency="KZT", cabin_bags=1),
        FareCreate(
            name="Economy Flex",
            cabin="economy",
            price=economy * 3 // 2,
            currency="KZT",
            refundable=True,
            changeable=True,
            checked_bags=1,
        ),
        FareCreate(
            name="Business",
            cabin="business",
            price=economy * 4,
            currency="KZT",
            refundable=True,
            changeable=True,
            cabin_bags=2,
            checked_bags=2,
        ),
    ]


# (aircraft, flight number, origin, destination, economy price, minutes, [(local time out, back)], weekdays,
# return flight number)
ROUTES: list[tuple[str, str, str, str, int, int, list[tuple[str, str]], list[int], str]] = [
    (
        "A320",
        "TS101",
        "ALA",
        "NQZ",
        2_500_000,
        100,
        [("07:30", "11:00"), ("18:45", "21:30")],
        [1, 2, 3, 4, 5, 6, 7],
        "TS102",
    ),
    ("E190", "TS201", "ALA", "FRU", 1_900_000, 55, [("09:00", "12:00")], [1, 3, 5, 7], "TS202"),
]


async def seed_flights(session: AsyncSession, container: Container, carrier: CurrentUser) -> int:
    """The demo airline's routes, once; returns how many departures were scheduled (0 if they exist)."""
    existing = await session.scalar(
        select(func.count()).select_from(FlightRoute).where(FlightRoute.organizer_id == carrier.id)
    )
    if existing:
        return 0
    fleet = Fleet(session)
    aircraft = {name: (await fleet.create(spec, carrier)).id for name, spec in AIRCRAFT.items()}
    routes = container.routes(session)
    departures = container.departures(session)
    first = datetime.now(UTC).date() + timedelta(days=1)
    scheduled = 0
    for plane, number, origin, destination, price, minutes, times, weekdays, back_number in ROUTES:
        out = await routes.create(
            RouteCreate(
                flight_number=number,
                origin=origin,
                destination=destination,
                aircraft_id=aircraft[plane],
                fares=_fares(price),
                description=f"Direct flight {origin} → {destination}, {minutes} minutes.",
            ),
            carrier,
        )
        back = await routes.create_return(out.id, ReturnRouteCreate(flight_number=back_number), carrier)
        for route_id, slot in ((out.id, 0), (back.id, 1)):
            for pair in times:
                plan: dict[str, Any] = {
                    "from_": first,
                    "to": first + timedelta(days=DAYS - 1),
                    "weekdays": weekdays,
                    "departure_local_time": pair[slot],
                    "duration_minutes": minutes,
                }
                made = await departures.add(route_id, DeparturesCreate(schedule=Schedule(**plan)), carrier)
                scheduled += len(made.items)
            await routes.publish(route_id, carrier)
    return scheduled
