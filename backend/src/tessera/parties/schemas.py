"""What hosts and guests send and get: host profiles, parties and their slots."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from tessera.core.text import SINGLE_LINE_PATTERN

Line = Annotated[str, msgspec.Meta(pattern=SINGLE_LINE_PATTERN)]
Url = Annotated[str, msgspec.Meta(max_length=500, pattern=r"^https?://")]
CountryCode = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$", examples=["KZ"])]
TimeZoneName = Annotated[str, msgspec.Meta(min_length=1, max_length=64, examples=["Asia/Almaty"])]
Places = Annotated[int, msgspec.Meta(ge=1, le=50)]


class HostProfileUpdate(msgspec.Struct, forbid_unknown_fields=True):
    display_name: Annotated[str, msgspec.Meta(min_length=1, max_length=80, pattern=SINGLE_LINE_PATTERN)]
    city: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
    country: CountryCode
    timezone: TimeZoneName
    bio: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    approval_required: bool = False
    avatar_url: Url | None = None


class HostRating(msgspec.Struct):
    average: float | None  # None until three ratings are revealed
    count: int


class GuestRating(msgspec.Struct):
    average: float | None
    count: int
    no_shows: int
    attended: int


class Reputation(msgspec.Struct):
    user_id: uuid.UUID
    name: str
    as_host: HostRating
    as_guest: GuestRating


class MovieIn(msgspec.Struct, forbid_unknown_fields=True):
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
    runtime_minutes: Annotated[int, msgspec.Meta(ge=1, le=600)]
    year: Annotated[int, msgspec.Meta(ge=1888, le=2100)] | None = None
    url: Url | None = None
    poster_url: Url | None = None


class PlaceIn(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
    city: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN)]
    country: CountryCode
    timezone: TimeZoneName
    public_area: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
    address: Annotated[str, msgspec.Meta(min_length=1, max_length=300, pattern=SINGLE_LINE_PATTERN)]


class PartyCreate(msgspec.Struct, forbid_unknown_fields=True):
    movie: MovieIn
    place: PlaceIn
    capacity: Places
    description: Annotated[str, msgspec.Meta(max_length=20_000)] = ""
    max_places_per_guest: Places = 1
    approval_required: bool | None = None  # the host's default when absent
    buffer_minutes: Annotated[int, msgspec.Meta(ge=0, le=240)] = 30
    booking_closes_minutes: Annotated[int, msgspec.Meta(ge=0, le=1440)] = 60


class PartyUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Runtime, buffer and capacity apply to slots created afterwards."""

    movie: MovieIn | msgspec.UnsetType = msgspec.UNSET
    place: PlaceIn | msgspec.UnsetType = msgspec.UNSET
    capacity: Places | msgspec.UnsetType = msgspec.UNSET
    description: Annotated[str, msgspec.Meta(max_length=20_000)] | msgspec.UnsetType = msgspec.UNSET
    max_places_per_guest: Places | msgspec.UnsetType = msgspec.UNSET
    approval_required: bool | msgspec.UnsetType = msgspec.UNSET
    buffer_minutes: Annotated[int, msgspec.Meta(ge=0, le=240)] | msgspec.UnsetType = msgspec.UNSET
    booking_closes_minutes: Annotated[int, msgspec.Meta(ge=0, le=1440)] | msgspec.UnsetType = msgspec.UNSET


class SlotCreate(msgspec.Struct, forbid_unknown_fields=True):
    starts_at: datetime
    ends_at: datetime | None = None  # the film's runtime and the buffer after it
    capacity: Places | None = None  # the party's


class SlotUpdate(msgspec.Struct, forbid_unknown_fields=True):
    starts_at: datetime | msgspec.UnsetType = msgspec.UNSET
    ends_at: datetime | msgspec.UnsetType = msgspec.UNSET
    capacity: Places | msgspec.UnsetType = msgspec.UNSET


class CancelRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=300, pattern=SINGLE_LINE_PATTERN)] = ""


class SlotRead(msgspec.Struct):
    id: uuid.UUID
    party_id: uuid.UUID
    starts_at: datetime  # in the place's zone
    ends_at: datetime
    timezone: str
    capacity: int
    seats_left: int
    status: str
    booking_closes_at: datetime
    on_sale: bool


class SlotList(msgspec.Struct):
    items: list[SlotRead]


class HostBrief(msgspec.Struct):
    user_id: uuid.UUID
    display_name: str


class HostWithReputation(msgspec.Struct):
    user_id: uuid.UUID
    display_name: str
    reputation: Reputation


class MovieRead(msgspec.Struct):
    title: str
    year: int | None
    runtime_minutes: int
    url: str | None
    poster_url: str | None


class MovieBrief(msgspec.Struct):
    title: str
    year: int | None
    runtime_minutes: int
    poster_url: str | None


class PlaceRead(msgspec.Struct):
    name: str
    city: str
    country: str
    timezone: str
    public_area: str
    address: str | None  # for the host and guests with a live booking only


class PlaceBrief(msgspec.Struct):
    name: str
    city: str
    public_area: str


class PartyDetailRead(msgspec.Struct):
    id: uuid.UUID
    status: Literal["draft", "published", "cancelled"]
    host: HostWithReputation
    movie: MovieRead
    description: str
    place: PlaceRead
    capacity: int
    max_places_per_guest: int
    approval_required: bool
    buffer_minutes: int
    booking_closes_minutes: int
    slots: list[SlotRead]
    created_at: datetime


class PartySummary(msgspec.Struct):
    id: uuid.UUID
    status: str
    host: HostBrief
    movie: MovieBrief
    place: PlaceBrief
    capacity: int
    next_slot_starts_at: datetime | None  # in the place's zone
    upcoming_slots: int
    timezone: str


class HostProfileRead(msgspec.Struct):
    user_id: uuid.UUID
    display_name: str
    bio: str
    city: str
    country: str
    timezone: str
    avatar_url: str | None
    approval_required: bool
    member_since: datetime
    reputation: Reputation
    parties: list[PartySummary]


class BookingRequestIn(msgspec.Struct, forbid_unknown_fields=True):
    places: Places = 1
    message: Annotated[str, msgspec.Meta(max_length=500)] = ""


class PartyBookingRead(msgspec.Struct):
    id: uuid.UUID
    reference: str
    slot_id: uuid.UUID
    party_id: uuid.UUID
    movie_title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    places: int
    status: Literal["confirmed", "cancelled"]
    place: PlaceRead
    host: HostBrief
    ticket_codes: list[str]
    encounter_id: uuid.UUID
    created_at: datetime
    cancelled_at: datetime | None


class GuestBrief(msgspec.Struct):
    user_id: uuid.UUID
    name: str
    reputation: Reputation


class PartyRequestRead(msgspec.Struct):
    id: uuid.UUID
    slot_id: uuid.UUID
    party_id: uuid.UUID
    guest: GuestBrief
    places: int
    message: str
    status: str
    booking_id: uuid.UUID | None
    decline_reason: str | None
    expires_at: datetime
    created_at: datetime
    decided_at: datetime | None
    movie_title: str
    starts_at: datetime  # the slot's, in the place's zone
    timezone: str


class BookingOutcome(msgspec.Struct):
    status: Literal["confirmed", "requested"]
    booking: PartyBookingRead | None
    request: PartyRequestRead | None


class ApprovalOutcome(msgspec.Struct):
    request: PartyRequestRead
    booking: PartyBookingRead


class Person(msgspec.Struct):
    user_id: uuid.UUID
    name: str


class SlotGuest(msgspec.Struct):
    booking_id: uuid.UUID
    encounter_id: uuid.UUID
    guest: Person
    places: int
    checked_in: bool
    no_show: bool
    guest_reputation: GuestRating
    created_at: datetime


class SlotGuests(msgspec.Struct):
    items: list[SlotGuest]
    total: int
    places_taken: int
    capacity: int


class RatingIn(msgspec.Struct, forbid_unknown_fields=True):
    score: Annotated[int, msgspec.Meta(ge=1, le=5)]
    comment: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class RatingRead(msgspec.Struct):
    score: int
    comment: str
    rated_at: datetime


class EncounterRead(msgspec.Struct):
    id: uuid.UUID
    slot_id: uuid.UUID
    party_id: uuid.UUID
    movie_title: str
    starts_at: datetime
    role: Literal["host", "guest"]
    counterpart: Person
    places: int
    status: str
    no_show: bool
    window_opens_at: datetime
    window_closes_at: datetime
    mine: RatingRead | None
    theirs: RatingRead | None  # null until revealed (and for a voided guest rating)
    counterpart_rated: bool
    revealed_at: datetime | None
    timezone: str  # the place's: starts_at and the window are shown in it
    disputed_at: datetime | None
    dispute_resolution: str | None


class DisputeIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class DisputeResolution(msgspec.Struct, forbid_unknown_fields=True):
    outcome: Literal["upheld", "overturned"]


class DisputeRead(msgspec.Struct):
    encounter: EncounterRead
    guest: Person
    host: Person
    reason: str
    disputed_at: datetime
    resolution: str | None


class PartyCheckIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class PublicRating(msgspec.Struct):
    score: int
    comment: str
    author: Person
    party_title: str
    slot_starts_at: datetime
    revealed_at: datetime


class NextSlot(msgspec.Struct):
    slot_id: uuid.UUID
    party_id: uuid.UUID
    movie_title: str
    starts_at: datetime
    seats_left: int


class HostSummary(msgspec.Struct):
    user_id: uuid.UUID
    display_name: str
    city: str
    avatar_url: str | None
    approval_required: bool
    reputation: Reputation
    next_slot: NextSlot | None
    upcoming_slots: int
