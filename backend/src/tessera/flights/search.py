"""Flight search: departures between two airports on a local date at the origin, one slice each way, with the
fares of one cabin priced for the party and the seats left in it. Seat counts are live but advisory: the order
is the authority."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.flights.airports import AirportDirectory, airport_read
from tessera.flights.departures import Departures
from tessera.flights.errors import InvalidSearchError
from tessera.flights.models import Airport, DepartureStatus, FlightDeparture
from tessera.flights.schemas import (
    DepartureRead,
    SearchEcho,
    SearchFare,
    SearchOption,
    SearchResult,
    SearchSlice,
)

MAX_DAYS_AHEAD = 365
# Departures of one airport pair on one date read before filtering: far more than any timetable flies.
MAX_CANDIDATES = 500


class FlightSearch:
    def __init__(self, session: AsyncSession, airports: AirportDirectory, departures: Departures) -> None:
        self.session = session
        self.airports = airports
        self.departures = departures

    async def search(
        self,
        origin_code: str,
        destination_code: str,
        departure_date: date,
        return_date: date | None,
        passengers: int,
        cabin: str,
        limit: int,
    ) -> SearchResult:
        origin = await self.airports.active(origin_code)
        destination = await self.airports.active(destination_code)
        if origin.id == destination.id:
            raise InvalidSearchError("Origin and destination are the same airport")
        _check_date(departure_date, origin, "departure_date")
        if return_date is not None:
            if return_date < departure_date:
                raise InvalidSearchError("return_date is before departure_date")
            _check_date(return_date, destination, "return_date")
        slices = [await self._slice("outbound", origin, destination, departure_date, passengers, cabin, limit)]
        if return_date is not None:
            slices.append(await self._slice("return", destination, origin, return_date, passengers, cabin, limit))
        return SearchResult(
            search=SearchEcho(
                origin=origin.iata,
                destination=destination.iata,
                departure_date=departure_date,
                return_date=return_date,
                passengers=passengers,
                cabin=cabin,
            ),
            slices=slices,
        )

    async def _slice(
        self,
        direction: str,
        origin: Airport,
        destination: Airport,
        day: date,
        passengers: int,
        cabin: str,
        limit: int,
    ) -> SearchSlice:
        found = await self.session.scalars(
            select(FlightDeparture)
            .where(
                FlightDeparture.origin_airport_id == origin.id,
                FlightDeparture.destination_airport_id == destination.id,
                FlightDeparture.departure_date_local == day,
                FlightDeparture.status == DepartureStatus.SCHEDULED,
                FlightDeparture.departs_at > datetime.now(UTC),
            )
            .order_by(FlightDeparture.departs_at)
            .limit(MAX_CANDIDATES)
        )
        options = [
            option
            for departure in await self.departures.reads(list(found), None)
            if (option := _option(departure, passengers, cabin)) is not None
        ]
        options.sort(key=lambda o: (o.departs_at, o.lowest_total))
        return SearchSlice(
            direction="outbound" if direction == "outbound" else "return",
            origin=airport_read(origin),
            destination=airport_read(destination),
            date=day,
            options=options[:limit],
        )


def _check_date(day: date, airport: Airport, field: str) -> None:
    today = datetime.now(ZoneInfo(airport.timezone)).date()
    if day < today:
        raise InvalidSearchError(f"{field} is in the past in {airport.city}")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidSearchError(f"{field} is more than {MAX_DAYS_AHEAD} days ahead")


def _option(departure: DepartureRead, passengers: int, cabin: str) -> SearchOption | None:
    """The departure as an option for ``passengers`` in ``cabin``, or None when it cannot sell them that."""
    seats_left = departure.seats_left.get(cabin, 0)
    fares = [f for f in departure.fares if f.cabin == cabin and f.is_active]
    if not departure.on_sale or not fares or seats_left < passengers:
        return None
    priced = [
        SearchFare(
            fare_id=f.id,
            name=f.name,
            cabin=f.cabin,
            price=f.price,
            currency=f.currency,
            total=f.price * passengers,
            refundable=f.refundable,
            changeable=f.changeable,
            cabin_bags=f.cabin_bags,
            checked_bags=f.checked_bags,
        )
        for f in fares
    ]
    return SearchOption(
        departure_id=departure.id,
        route_id=departure.route_id,
        flight_number=departure.flight_number,
        carrier=departure.carrier,
        origin=departure.origin.iata,
        destination=departure.destination.iata,
        departs_at=departure.departs_at,
        arrives_at=departure.arrives_at,
        departure_timezone=departure.departure_timezone,
        arrival_timezone=departure.arrival_timezone,
        duration_minutes=departure.duration_minutes,
        aircraft=departure.aircraft,
        cabin=cabin,
        seats_left=seats_left,
        fares=priced,
        lowest_total=min(f.total for f in priced),
    )
