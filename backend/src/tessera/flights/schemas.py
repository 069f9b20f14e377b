from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

CabinName = Literal["first", "business", "premium_economy", "economy"]
Row = Annotated[int, msgspec.Meta(ge=1, le=99)]


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
