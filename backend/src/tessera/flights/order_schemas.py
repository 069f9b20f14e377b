"""What travellers send and get about their orders: passengers, legs, seats, cancellation, schedule changes,
and the carrier's passenger list."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from tessera.core.money import Amount
from tessera.flights.schemas import CabinName, Reason

# -- orders ---------------------------------------------------------------------------------------------------


LatinName = Annotated[
    str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^[A-Za-z][A-Za-z' -]{0,59}$", examples=["Aidar"])
]


CountryField = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z]{2}$", examples=["KZ"])]


SeatCode = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{1,2}[A-Za-z]$", examples=["12A"])]


class DocumentCreate(msgspec.Struct, forbid_unknown_fields=True):
    number: Annotated[str, msgspec.Meta(min_length=1, max_length=30)]
    expires_on: date
    issuing_country: CountryField
    type: Literal["passport"] = "passport"
    series: Annotated[str, msgspec.Meta(max_length=12)] | None = None


class PassengerCreate(msgspec.Struct, forbid_unknown_fields=True):
    type: Literal["adult", "child"]
    given_name: LatinName
    family_name: LatinName
    birth_date: date
    nationality: CountryField
    document: DocumentCreate
    # One per leg when given; None lets the server choose that leg's seat.
    seats: Annotated[list[SeatCode | None], msgspec.Meta(max_length=2)] | None = None


class LegCreate(msgspec.Struct, forbid_unknown_fields=True):
    departure_id: uuid.UUID
    fare_id: uuid.UUID


class OrderCreate(msgspec.Struct, forbid_unknown_fields=True):
    legs: Annotated[list[LegCreate], msgspec.Meta(min_length=1, max_length=4)]
    passengers: Annotated[list[PassengerCreate], msgspec.Meta(min_length=1, max_length=20)]
    cabin: CabinName = "economy"
    expected_total: Amount | None = None


class DocumentMasked(msgspec.Struct):
    type: str
    series_masked: str | None
    number_masked: str


class PassengerSeat(msgspec.Struct):
    leg: int
    seat: str
    cabin: str
    ticket_code: str


class PassengerRead(msgspec.Struct):
    id: uuid.UUID
    position: int
    type: str
    given_name: str
    family_name: str
    nationality: str
    document: DocumentMasked
    seats: list[PassengerSeat]


class LegFare(msgspec.Struct):
    id: uuid.UUID
    name: str
    refundable: bool
    changeable: bool
    price: int


class PendingChange(msgspec.Struct):
    change_id: uuid.UUID
    kind: str
    new_departs_at: datetime | None
    new_arrives_at: datetime | None
    conflicts_with_return: bool
    respond_by: datetime


class LegRead(msgspec.Struct):
    leg: int
    booking_id: uuid.UUID
    departure_id: uuid.UUID
    flight_number: str
    origin: str
    destination: str
    departs_at: datetime
    arrives_at: datetime
    departure_timezone: str
    arrival_timezone: str
    fare: LegFare
    status: str
    pending_change: PendingChange | None


class OrderRead(msgspec.Struct):
    id: uuid.UUID
    reference: str
    status: str
    trip_type: str
    cabin: str
    total: int
    currency: str
    expires_at: datetime | None
    created_at: datetime
    confirmed_at: datetime | None
    legs: list[LegRead]
    passengers: list[PassengerRead]


class ManifestDocument(msgspec.Struct):
    """Masked (``series_masked``, ``number_masked``), or with ``reveal=documents`` in full (the other fields)."""

    type: str
    series_masked: str | msgspec.UnsetType | None = msgspec.UNSET
    number_masked: str | msgspec.UnsetType = msgspec.UNSET
    series: str | msgspec.UnsetType | None = msgspec.UNSET
    number: str | msgspec.UnsetType = msgspec.UNSET
    expires_on: date | msgspec.UnsetType = msgspec.UNSET
    birth_date: date | msgspec.UnsetType = msgspec.UNSET
    issuing_country: str | msgspec.UnsetType = msgspec.UNSET


class ManifestItem(msgspec.Struct):
    order_reference: str
    booking_id: uuid.UUID
    passenger_id: uuid.UUID
    position: int
    type: str
    given_name: str
    family_name: str
    nationality: str
    seat: str
    cabin: str
    ticket_code: str
    checked_in_at: datetime | None
    document: ManifestDocument


class Manifest(msgspec.Struct):
    departure_id: uuid.UUID
    flight_number: str
    departs_at: datetime
    items: list[ManifestItem]
    total: int


class SeatChange(msgspec.Struct, forbid_unknown_fields=True):
    passenger_id: uuid.UUID
    leg: Annotated[int, msgspec.Meta(ge=1, le=2)]
    seat: SeatCode


class SeatChanges(msgspec.Struct, forbid_unknown_fields=True):
    changes: Annotated[list[SeatChange], msgspec.Meta(min_length=1, max_length=18)]


class OrderCancel(msgspec.Struct, forbid_unknown_fields=True):
    """``legs`` None cancels the whole order; ``[2]`` only the return."""

    legs: Annotated[list[Annotated[int, msgspec.Meta(ge=1, le=2)]], msgspec.Meta(min_length=1, max_length=2)] | None = (
        None
    )
    reason: Reason = ""


class CancellationQuote(msgspec.Struct):
    legs: list[int]
    refund: int
    currency: str
    involuntary: bool


class OrderChangeRead(msgspec.Struct):
    id: uuid.UUID
    change_id: uuid.UUID
    kind: str
    departure_id: uuid.UUID
    leg: int
    old_departs_at: datetime
    new_departs_at: datetime | None
    old_arrives_at: datetime
    new_arrives_at: datetime | None
    conflicts_with_return: bool
    status: str
    respond_by: datetime
    created_at: datetime


class OrderChangeList(msgspec.Struct):
    items: list[OrderChangeRead]


class ChangeRejection(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason = ""
