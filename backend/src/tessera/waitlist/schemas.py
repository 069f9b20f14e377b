from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec


class WaitlistJoin(msgspec.Struct, forbid_unknown_fields=True):
    ticket_type_id: uuid.UUID
    quantity: Annotated[int, msgspec.Meta(ge=1, le=100)] = 1


class WaitlistEntryRead(msgspec.Struct):
    id: uuid.UUID
    session_id: uuid.UUID
    event_id: uuid.UUID
    event_title: str
    session_starts_at: datetime
    ticket_type_id: uuid.UUID
    ticket_type_name: str
    quantity: int
    status: str  # waiting, offered, booked, lapsed, left, removed
    # Place in line while waiting (1: next to be offered seats).
    position: int | None
    # The offer: the booking holding the seats, until when, and whether it must be paid (else accepted).
    booking_id: uuid.UUID | None
    offer_expires_at: datetime | None
    offer_total: int | None
    offer_currency: str | None
    created_at: datetime


class WaitlistPage(msgspec.Struct):
    items: list[WaitlistEntryRead]
    total: int
    limit: int
    offset: int


class WaitlistLine(msgspec.Struct):
    """What the organizer sees of one person in line: a name, not contact data."""

    id: uuid.UUID
    name: str
    ticket_type_name: str
    quantity: int
    status: str
    position: int | None
    booking_id: uuid.UUID | None
    offer_expires_at: datetime | None
    created_at: datetime


class SessionWaitlist(msgspec.Struct):
    session_id: uuid.UUID
    waiting: int  # people in line
    seats_wanted: int  # seats they want together
    offered: int  # offers running now
    items: list[WaitlistLine]
