from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from tessera.catalog.models import ListingSession, SessionStatus, TicketType, Venue
from tessera.core.money import DEFAULT_CURRENCY, Amount, Currency
from tessera.core.text import SINGLE_LINE_PATTERN

Kind = Literal["event", "flight", "party"]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
Description = Annotated[str, msgspec.Meta(max_length=20_000)]
Category = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=SINGLE_LINE_PATTERN)]
Tags = Annotated[list[Tag], msgspec.Meta(max_length=20)]
ImageUrl = Annotated[str, msgspec.Meta(max_length=500, pattern=r"^https?://")]
Capacity = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
CountryCode = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$", examples=["KZ"])]
Zone = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["stalls"])]
TimeZoneName = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, pattern=SINGLE_LINE_PATTERN, examples=["Asia/Almaty"])
]


class VenueCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
    city: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
    country: CountryCode
    timezone: TimeZoneName
    address: Annotated[str, msgspec.Meta(max_length=300, pattern=SINGLE_LINE_PATTERN)] = ""
    capacity: Capacity | None = None


class VenueRead(msgspec.Struct):
    id: uuid.UUID
    name: str
    address: str
    city: str
    country: str
    timezone: str
    capacity: int | None


class EventCreate(msgspec.Struct, forbid_unknown_fields=True):
    title: Title
    kind: Kind = "event"
    description: Description = ""
    category: Category = "other"
    tags: Tags = msgspec.field(default_factory=list)
    venue: VenueCreate | None = None
    venue_id: uuid.UUID | None = None
    image_url: ImageUrl | None = None


class EventUpdate(msgspec.Struct, forbid_unknown_fields=True):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    category: Category | msgspec.UnsetType = msgspec.UNSET
    tags: Tags | msgspec.UnsetType = msgspec.UNSET
    venue_id: uuid.UUID | msgspec.UnsetType = msgspec.UNSET
    image_url: ImageUrl | msgspec.UnsetType | None = msgspec.UNSET
    # Whether ticket holders may hand a ticket to someone else, and until how many hours before a session.
    transfers_enabled: bool | msgspec.UnsetType = msgspec.UNSET
    transfer_cutoff_hours: Annotated[int, msgspec.Meta(ge=0, le=720)] | msgspec.UnsetType = msgspec.UNSET
    # Whether every ticket is sold on the organizer's approval, and how long a request holds seats (0: none).
    approval_required: bool | msgspec.UnsetType = msgspec.UNSET
    approval_hold_minutes: Annotated[int, msgspec.Meta(ge=0, le=7 * 24 * 60)] | msgspec.UnsetType = msgspec.UNSET


class SessionCreate(msgspec.Struct, forbid_unknown_fields=True):
    starts_at: datetime
    ends_at: datetime
    # Required, unless the session sells a seat map's seats: then it is the map's sellable seats.
    capacity: Capacity | None = None
    sales_start_at: datetime | None = None
    sales_end_at: datetime | None = None
    seat_map_id: uuid.UUID | None = None


class SessionUpdate(msgspec.Struct, forbid_unknown_fields=True):
    starts_at: datetime | msgspec.UnsetType = msgspec.UNSET
    ends_at: datetime | msgspec.UnsetType = msgspec.UNSET
    capacity: Capacity | msgspec.UnsetType = msgspec.UNSET
    sales_start_at: datetime | msgspec.UnsetType | None = msgspec.UNSET
    sales_end_at: datetime | msgspec.UnsetType | None = msgspec.UNSET


class SessionRead(msgspec.Struct):
    id: uuid.UUID
    event_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    capacity: int
    available: int
    status: str
    sales_start_at: datetime | None
    sales_end_at: datetime | None
    seat_map_id: uuid.UUID | None = None


class Availability(msgspec.Struct):
    session_id: uuid.UUID
    capacity: int
    available: int
    held: int
    sold: int
    status: str
    on_sale: bool
    # The seat map whose seats the session sells one by one, if any (its live map: GET .../seat-map).
    seat_map_id: uuid.UUID | None = None


class TicketTypeCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
    price: Amount
    currency: Currency = DEFAULT_CURRENCY
    description: Annotated[str, msgspec.Meta(max_length=500)] = ""
    max_per_order: Annotated[int, msgspec.Meta(ge=1, le=100)] = 10
    # Reserved seating: the price zone of the seats it sells.
    zone: Zone | None = None
    # Sold only on the organizer's approval.
    approval_required: bool = False


class TicketTypeUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)] | msgspec.UnsetType
    ) = msgspec.UNSET
    description: Annotated[str, msgspec.Meta(max_length=500)] | msgspec.UnsetType = msgspec.UNSET
    price: Amount | msgspec.UnsetType = msgspec.UNSET
    max_per_order: Annotated[int, msgspec.Meta(ge=1, le=100)] | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    zone: Zone | msgspec.UnsetType | None = msgspec.UNSET
    approval_required: bool | msgspec.UnsetType = msgspec.UNSET


class TicketTypeRead(msgspec.Struct):
    id: uuid.UUID
    event_id: uuid.UUID
    name: str
    description: str
    price: int
    currency: str
    max_per_order: int
    is_active: bool
    zone: str | None = None
    approval_required: bool = False


class OrganizerRead(msgspec.Struct):
    id: uuid.UUID
    name: str


class EventSummary(msgspec.Struct):
    id: uuid.UUID
    kind: str
    title: str
    slug: str
    category: str
    tags: list[str]
    status: str
    image_url: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    city: str | None
    venue_name: str | None
    timezone: str | None
    price_from: int | None
    currency: str | None
    sold_out: bool
    rating_average: float
    rating_count: int
    organizer_id: uuid.UUID
    # The domain that manages the listing (flights, parties): it is booked through that domain's pages.
    managed_by: str | None = None


class EventDetail(msgspec.Struct):
    id: uuid.UUID
    kind: str
    title: str
    slug: str
    description: str
    category: str
    tags: list[str]
    status: str
    image_url: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    venue: VenueRead | None
    organizer: OrganizerRead
    sessions: list[SessionRead]
    ticket_types: list[TicketTypeRead]
    sold_out: bool
    rating_average: float
    rating_count: int
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    # The domain that manages the listing (flights, parties): it is booked through that domain's pages.
    managed_by: str | None = None
    transfers_enabled: bool = True
    transfer_cutoff_hours: int = 0
    approval_required: bool = False
    approval_hold_minutes: int = 0


class EventPage(msgspec.Struct):
    items: list[EventSummary]
    total: int
    limit: int
    offset: int


def _available(session: ListingSession) -> int:
    return max(0, session.capacity - session.sold - session.held)


def venue_read(venue: Venue) -> VenueRead:
    return msgspec.convert(venue, VenueRead, from_attributes=True)


def ticket_type_read(ticket_type: TicketType) -> TicketTypeRead:
    return msgspec.convert(ticket_type, TicketTypeRead, from_attributes=True)


def session_read(session: ListingSession) -> SessionRead:
    return SessionRead(
        id=session.id,
        event_id=session.event_id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        capacity=session.capacity,
        available=_available(session) if session.status == SessionStatus.SCHEDULED else 0,
        status=session.status,
        sales_start_at=session.sales_start_at,
        sales_end_at=session.sales_end_at,
        seat_map_id=session.seat_map_id,
    )


# -- seat maps ---------------------------------------------------------------------------------------------

SeatNumbers = Annotated[list[Annotated[int, msgspec.Meta(ge=0, le=9999)]], msgspec.Meta(max_length=500)]


class SeatRowDraw(msgspec.Struct, forbid_unknown_fields=True):
    """One row: ``seats`` seats numbered from ``first``, drawn left to right after ``offset`` empty places, with
    an aisle (one empty place) after each seat number in ``aisles_after``."""

    label: Annotated[str, msgspec.Meta(min_length=1, max_length=4, pattern=r"^[A-Za-z0-9]+$", examples=["A"])]
    seats: Annotated[int, msgspec.Meta(ge=1, le=500)]
    first: Annotated[int, msgspec.Meta(ge=0, le=9000)] = 1
    offset: Annotated[int, msgspec.Meta(ge=0, le=500)] = 0
    aisles_after: SeatNumbers = msgspec.field(default_factory=list)
    accessible: SeatNumbers = msgspec.field(default_factory=list)
    blocked: SeatNumbers = msgspec.field(default_factory=list)
    # The row's price zone, when it differs from its section's.
    zone: Zone | None = None


class SeatSectionDraw(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=8, pattern=r"^[A-Z0-9]+$", examples=["STALLS"])]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
    zone: Zone
    rows: Annotated[list[SeatRowDraw], msgspec.Meta(min_length=1, max_length=200)]
    # Where the section's first row starts on the map's grid (x to the right, y towards the back).
    x: Annotated[int, msgspec.Meta(ge=0, le=2000)] = 0
    y: Annotated[int, msgspec.Meta(ge=0, le=2000)] = 0


class SeatMapDraw(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
    sections: Annotated[list[SeatSectionDraw], msgspec.Meta(min_length=1, max_length=50)]


class SeatRead(msgspec.Struct):
    code: str
    number: int
    x: int
    y: int
    zone: str
    accessible: bool


class SeatRowRead(msgspec.Struct):
    label: str
    seats: list[SeatRead]


class SeatSectionRead(msgspec.Struct):
    code: str
    name: str
    rows: list[SeatRowRead]


class ZoneCount(msgspec.Struct):
    zone: str
    seats: int


class SeatMapPreview(msgspec.Struct):
    """The seats a drawing generates: sellable seats per zone, the grid's size, every seat, and the blocked
    ones (never sold, whatever the session)."""

    seat_count: int
    zones: list[ZoneCount]
    width: int
    height: int
    sections: list[SeatSectionRead]
    blocked: list[str]


class SeatMapRead(SeatMapPreview):
    id: uuid.UUID
    venue_id: uuid.UUID
    name: str
    version: int
    # Whether a session sells its seats (the map can then no longer change).
    in_use: bool
    drawing: SeatMapDraw


class SeatMapSummary(msgspec.Struct):
    id: uuid.UUID
    venue_id: uuid.UUID
    name: str
    version: int
    seat_count: int
    in_use: bool
    created_at: datetime


class SeatPlan(msgspec.Struct):
    """A map version's seats as buyers see them. A version never changes, so the plan is served once per
    browser (and cached by any CDN in front) while the session's live map carries only what changes."""

    seat_map_id: uuid.UUID
    version: int
    name: str
    width: int
    height: int
    zones: list[ZoneCount]
    sections: list[SeatSectionRead]
