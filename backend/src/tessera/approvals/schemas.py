from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from tessera.booking.schemas import BookingItem


class RequestCreate(msgspec.Struct, forbid_unknown_fields=True):
    items: Annotated[list[BookingItem], msgspec.Meta(min_length=1, max_length=20)]
    message: Annotated[str, msgspec.Meta(max_length=500)] = ""


class RequestDecline(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=300)] | None = None


class RequestItem(msgspec.Struct):
    ticket_type_id: uuid.UUID
    ticket_type_name: str
    quantity: int


class RequestRead(msgspec.Struct):
    id: uuid.UUID
    session_id: uuid.UUID
    event_id: uuid.UUID
    event_title: str
    session_starts_at: datetime
    status: str  # pending, approved, declined, expired, withdrawn
    items: list[RequestItem]
    message: str
    expires_at: datetime
    # Seats held while the organizer decides.
    holds_seats: bool
    # The booking made on approval: pay it (or it is confirmed, when free).
    booking_id: uuid.UUID | None
    decline_reason: str | None
    decided_at: datetime | None
    created_at: datetime
    # Who asked (the organizer's view; the buyer sees their own name).
    requester_name: str


class RequestPage(msgspec.Struct):
    items: list[RequestRead]
    total: int
    limit: int
    offset: int
