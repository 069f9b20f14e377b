from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from tessera.core.text import SINGLE_LINE_PATTERN

Quantity = Annotated[int, msgspec.Meta(ge=1, le=100)]
SeatCode = Annotated[
    str, msgspec.Meta(min_length=1, max_length=24, pattern=r"^[A-Za-z0-9-]+$", examples=["STALLS-A-12"])
]


class BookingItem(msgspec.Struct, forbid_unknown_fields=True):
    ticket_type_id: uuid.UUID
    quantity: Quantity


class Attendee(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]


class BookingCreate(msgspec.Struct, forbid_unknown_fields=True):
    session_id: uuid.UUID
    items: Annotated[list[BookingItem], msgspec.Meta(min_length=1, max_length=20)]
    # One per seat, in the order of the items, when the organizer needs names on tickets.
    attendees: Annotated[list[Attendee], msgspec.Meta(max_length=100)] | None = None
    # Reserved seating: the seats chosen on the map, one per ticket, matched to the items by price zone in
    # the order given; left out, the best seats available together are given.
    seats: Annotated[list[SeatCode], msgspec.Meta(min_length=1, max_length=100)] | None = None


class BookingCancel(msgspec.Struct, forbid_unknown_fields=True):
    """Cancel the whole booking, or only ``ticket_ids`` of a confirmed one."""

    ticket_ids: Annotated[list[uuid.UUID], msgspec.Meta(min_length=1, max_length=100)] | None = None
    reason: Annotated[str, msgspec.Meta(max_length=300)] | None = None


class TicketRead(msgspec.Struct):
    id: uuid.UUID
    code: str
    status: str
    ticket_type_id: uuid.UUID
    ticket_type_name: str
    price: int
    currency: str
    attendee_name: str | None
    checked_in_at: datetime | None
    # Reserved seating: the seat's code on the session's seat map (section-row-number).
    seat: str | None = None


class BookingRead(msgspec.Struct):
    id: uuid.UUID
    reference: str
    status: str
    session_id: uuid.UUID
    event_id: uuid.UUID
    event_title: str
    session_starts_at: datetime
    session_ends_at: datetime
    timezone: str | None
    venue_name: str | None
    quantity: int
    total: int
    currency: str
    expires_at: datetime | None
    created_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    # The booking group it is held, paid and confirmed with (a round trip's legs), if any.
    group_id: uuid.UUID | None
    tickets: list[TicketRead]
    # Seats held for a request the organizer has not decided yet: payable once approved.
    awaiting_approval: bool = False


class BookingGroupRead(msgspec.Struct):
    """Bookings on several sessions sold as one: one hold time, one payment, confirmed together."""

    id: uuid.UUID
    reference: str
    status: str
    total: int
    currency: str
    expires_at: datetime | None
    created_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    bookings: list[BookingRead]


class BookingPage(msgspec.Struct):
    items: list[BookingRead]
    total: int
    limit: int
    offset: int


class AttendeeBooking(msgspec.Struct):
    """What an organizer sees of a booking on their session: names, not contact or payment data."""

    id: uuid.UUID
    reference: str
    status: str
    quantity: int
    booked_by: str
    attendee_names: list[str]
    checked_in: int
    created_at: datetime


class AttendeeBookingPage(msgspec.Struct):
    items: list[AttendeeBooking]
    total: int
    limit: int
    offset: int


class SessionSales(msgspec.Struct):
    session_id: uuid.UUID
    bookings: int
    tickets_sold: int
    checked_in: int
    revenue: int


class EventSales(msgspec.Struct):
    """What a listing has sold: confirmed bookings' live tickets (cancelled and refunded ones excluded).

    Amounts are in minor units of ``currency`` (a listing sells in one currency); ``currency`` is null
    until something is sold. Sessions without sales are left out."""

    event_id: uuid.UUID
    currency: str | None
    bookings: int
    tickets_sold: int
    checked_in: int
    revenue: int
    sessions: list[SessionSales]


class CheckInRequest(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    # The session the door belongs to: a ticket for any other session is refused.
    session_id: uuid.UUID


class CheckInResult(msgspec.Struct):
    ticket_id: uuid.UUID
    code: str
    status: str
    checked_in_at: datetime
    attendee_name: str | None
    ticket_type_name: str
    booking_reference: str
    session_id: uuid.UUID
    # Reserved seating: where the holder sits.
    seat: str | None = None


# -- reserved seating ---------------------------------------------------------------------------------------


class ZonePrice(msgspec.Struct):
    ticket_type_id: uuid.UUID
    name: str
    price: int
    currency: str


class ZoneOffer(msgspec.Struct):
    zone: str
    seats: int  # the zone's sellable seats on the map
    available: int  # free now
    prices: list[ZonePrice]


class SessionSeatMap(msgspec.Struct):
    """A seated session's live map for buyers: which seats cannot be chosen right now (held, sold or blocked)
    and what each zone costs. The seats themselves are the plan of the map version
    (``GET /seat-maps/{seat_map_id}/plans/{version}``), cached for good."""

    session_id: uuid.UUID
    seat_map_id: uuid.UUID
    version: int
    name: str
    width: int
    height: int
    on_sale: bool
    zones: list[ZoneOffer]
    unavailable: list[str]


class SeatCodes(msgspec.Struct, forbid_unknown_fields=True):
    seats: Annotated[list[SeatCode], msgspec.Meta(min_length=1, max_length=1000)]


class SeatMove(msgspec.Struct, forbid_unknown_fields=True):
    ticket_id: uuid.UUID
    seat: SeatCode


class SeatHolder(msgspec.Struct):
    """Who holds a seat of the organizer's session: a ticket (``held`` awaiting payment or ``sold``) or the
    organizer's own block."""

    seat: str
    status: str  # held, sold, blocked
    booking_id: uuid.UUID | None
    booking_reference: str | None
    ticket_id: uuid.UUID | None
    ticket_type_name: str | None
    attendee_name: str | None
    checked_in: bool


class SessionSeating(msgspec.Struct):
    session_id: uuid.UUID
    capacity: int
    held: int
    sold: int
    blocked: int
    holders: list[SeatHolder]


# -- ticket transfers ---------------------------------------------------------------------------------------


class TransferCreate(msgspec.Struct, forbid_unknown_fields=True):
    email: Annotated[str, msgspec.Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")]


class TransferRead(msgspec.Struct):
    """A ticket offered to someone: what the sender and the recipient (through the link) see."""

    id: uuid.UUID
    status: str  # pending, accepted, cancelled; "expired" once a pending offer has run out
    ticket_id: uuid.UUID
    ticket_type_name: str
    seat: str | None
    event_id: uuid.UUID
    event_title: str
    session_starts_at: datetime
    timezone: str | None
    venue_name: str | None
    from_name: str
    to_email: str
    expires_at: datetime
    accepted_at: datetime | None
    # The recipient's booking, once accepted (shown to the recipient only).
    booking_id: uuid.UUID | None


class TransferAccept(msgspec.Struct, forbid_unknown_fields=True):
    token: Annotated[str, msgspec.Meta(min_length=10, max_length=200)]
