from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from tessera.core.money import DEFAULT_CURRENCY, Amount, Currency
from tessera.core.text import SINGLE_LINE_PATTERN

CabinName = Literal["first", "business", "premium_economy", "economy"]
Row = Annotated[int, msgspec.Meta(ge=1, le=99)]
FlightNumber = Annotated[str, msgspec.Meta(min_length=3, max_length=10, examples=["TS101"])]
FareName = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
Bags = Annotated[int, msgspec.Meta(ge=0, le=5)]
Reason = Annotated[str, msgspec.Meta(max_length=300, pattern=SINGLE_LINE_PATTERN)]


class AirportRead(msgspec.Struct):
    iata: str
    icao: str | None
    name: str
    city: str
    country: str
    timezone: str


class AirportList(msgspec.Struct):
    items: list[AirportRead]


class CabinCreate(msgspec.Struct, forbid_unknown_fields=True):
    cabin: CabinName
    first_row: Row
    last_row: Row
    layout: Annotated[str, msgspec.Meta(min_length=1, max_length=20, examples=["ABC-DEF"])]


class AircraftCreate(msgspec.Struct, forbid_unknown_fields=True):
    model: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    cabins: Annotated[list[CabinCreate], msgspec.Meta(min_length=1, max_length=4)]
    registration: Annotated[str, msgspec.Meta(min_length=1, max_length=10)] | None = None
    skip_rows: Annotated[list[Row], msgspec.Meta(max_length=99)] = []
    exit_rows: Annotated[list[Row], msgspec.Meta(max_length=99)] = []
    extra_legroom_rows: Annotated[list[Row], msgspec.Meta(max_length=99)] = []
    blocked_seats: Annotated[list[Annotated[str, msgspec.Meta(max_length=4)]], msgspec.Meta(max_length=853)] = []


class CabinRead(msgspec.Struct):
    cabin: str
    first_row: int
    last_row: int
    layout: str
    seat_count: int


class AircraftRead(msgspec.Struct):
    id: uuid.UUID
    model: str
    registration: str | None
    seat_count: int
    cabins: list[CabinRead]
    in_use: bool
    created_at: datetime


class SeatRead(msgspec.Struct):
    code: str
    cabin: str
    position: str
    exit_row: bool
    extra_legroom: bool
    blocked: bool


class AircraftDetail(msgspec.Struct):
    id: uuid.UUID
    model: str
    registration: str | None
    seat_count: int
    cabins: list[CabinRead]
    in_use: bool
    created_at: datetime
    seats: list[SeatRead]


# -- routes, fares, departures ------------------------------------------------------------------------------


class FareCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: FareName
    cabin: CabinName
    price: Amount
    currency: Currency = DEFAULT_CURRENCY
    refundable: bool = False
    changeable: bool = False
    cabin_bags: Bags = 1
    checked_bags: Bags = 0


class FareUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: FareName | msgspec.UnsetType = msgspec.UNSET
    price: Amount | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    refundable: bool | msgspec.UnsetType = msgspec.UNSET
    changeable: bool | msgspec.UnsetType = msgspec.UNSET
    cabin_bags: Bags | msgspec.UnsetType = msgspec.UNSET
    checked_bags: Bags | msgspec.UnsetType = msgspec.UNSET


class FareRead(msgspec.Struct):
    id: uuid.UUID
    name: str
    cabin: str
    price: int
    currency: str
    refundable: bool
    changeable: bool
    cabin_bags: int
    checked_bags: int
    is_active: bool


class RouteCreate(msgspec.Struct, forbid_unknown_fields=True):
    flight_number: FlightNumber
    origin: Annotated[str, msgspec.Meta(min_length=3, max_length=3, examples=["ALA"])]
    destination: Annotated[str, msgspec.Meta(min_length=3, max_length=3, examples=["NQZ"])]
    aircraft_id: uuid.UUID
    fares: Annotated[list[FareCreate], msgspec.Meta(min_length=1, max_length=12)]
    description: Annotated[str, msgspec.Meta(max_length=20_000)] = ""


class ReturnRouteCreate(msgspec.Struct, forbid_unknown_fields=True):
    flight_number: FlightNumber


class RouteUpdate(msgspec.Struct, forbid_unknown_fields=True):
    description: Annotated[str, msgspec.Meta(max_length=20_000)] | msgspec.UnsetType = msgspec.UNSET
    default_aircraft_id: uuid.UUID | msgspec.UnsetType = msgspec.UNSET


class RouteRead(msgspec.Struct):
    id: uuid.UUID
    flight_number: str
    origin: AirportRead
    destination: AirportRead
    status: str
    default_aircraft_id: uuid.UUID
    fares: list[FareRead]
    return_route_id: uuid.UUID | None
    description: str
    created_at: datetime


class Schedule(msgspec.Struct, forbid_unknown_fields=True, rename={"from_": "from"}):
    """Departures on some weekdays of a date range (both ends included), at one local time at the origin."""

    from_: date
    to: date
    weekdays: Annotated[list[Annotated[int, msgspec.Meta(ge=1, le=7)]], msgspec.Meta(min_length=1, max_length=7)]
    departure_local_time: Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["07:30"])]
    duration_minutes: Annotated[int, msgspec.Meta(ge=10, le=24 * 60)]


class DeparturesCreate(msgspec.Struct, forbid_unknown_fields=True):
    """One departure (``departs_at`` and ``arrives_at``, with offsets) or many (``schedule``)."""

    departs_at: datetime | None = None
    arrives_at: datetime | None = None
    schedule: Schedule | None = None
    aircraft_id: uuid.UUID | None = None


class CancelRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason = ""


class Carrier(msgspec.Struct):
    id: uuid.UUID
    name: str


class AircraftBrief(msgspec.Struct):
    id: uuid.UUID
    model: str


class DepartureRead(msgspec.Struct):
    id: uuid.UUID
    route_id: uuid.UUID
    flight_number: str
    carrier: Carrier
    origin: AirportRead
    destination: AirportRead
    # In the local offset of their own airport.
    departs_at: datetime
    arrives_at: datetime
    departure_timezone: str
    arrival_timezone: str
    duration_minutes: int
    aircraft: AircraftBrief
    status: str
    on_sale: bool
    seats_left: dict[str, int]
    fares: list[FareRead]


class DepartureList(msgspec.Struct):
    items: list[DepartureRead]


# -- search ---------------------------------------------------------------------------------------------------


class SearchFare(msgspec.Struct):
    fare_id: uuid.UUID
    name: str
    cabin: str
    price: int
    currency: str
    total: int  # the price times the passengers
    refundable: bool
    changeable: bool
    cabin_bags: int
    checked_bags: int


class SearchOption(msgspec.Struct):
    departure_id: uuid.UUID
    route_id: uuid.UUID
    flight_number: str
    carrier: Carrier
    origin: str
    destination: str
    departs_at: datetime
    arrives_at: datetime
    departure_timezone: str
    arrival_timezone: str
    duration_minutes: int
    aircraft: AircraftBrief
    cabin: str
    seats_left: int
    fares: list[SearchFare]
    lowest_total: int


class SearchSlice(msgspec.Struct):
    direction: Literal["outbound", "return"]
    origin: AirportRead
    destination: AirportRead
    date: date
    options: list[SearchOption]


class SearchEcho(msgspec.Struct):
    origin: str
    destination: str
    departure_date: date
    return_date: date | None
    passengers: int
    cabin: str


class SearchResult(msgspec.Struct):
    search: SearchEcho
    slices: list[SearchSlice]


class SeatMapSeat(msgspec.Struct):
    code: str
    letter: str
    position: str
    available: bool
    extra_legroom: bool
    restrictions: list[str]


class SeatMapRow(msgspec.Struct):
    row: int
    exit_row: bool
    seats: list[SeatMapSeat]


class SeatMapCabin(msgspec.Struct):
    cabin: str
    layout: str
    seats_left: int
    rows: list[SeatMapRow]


class SeatMap(msgspec.Struct):
    departure_id: uuid.UUID
    aircraft: AircraftBrief
    cabins: list[SeatMapCabin]


class DepartureUpdate(msgspec.Struct, forbid_unknown_fields=True):
    departs_at: datetime | None = None
    arrives_at: datetime | None = None
    aircraft_id: uuid.UUID | None = None
    # With another aircraft: move passengers whose seat it lacks to free seats of their cabin (else refused).
    reassign: bool = False
    reason: Reason = ""
