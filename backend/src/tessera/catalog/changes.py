"""Organizer actions that change a listing and, through it, its bookings: cancelling a listing or a session
(bookings cancelled, refunds requested, customers told) and moving a session (customers told).

The catalog sits below the booking module, so it states what it needs of bookings as a protocol; the
composition root hands it the booking module's implementation.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Protocol

import msgspec

from tessera.catalog.models import Listing, ListingSession, ListingStatus
from tessera.catalog.schemas import Availability, SessionUpdate
from tessera.catalog.services import CatalogService
from tessera.core.auth import CurrentUser


class SessionBookings(Protocol):
    """What the catalog asks of the bookings on its sessions, in the caller's transaction."""

    async def cancel_for_sessions(self, session_ids: Sequence[uuid.UUID], reason: str, kind: str) -> int: ...

    async def notify_session_changed(self, session_id: uuid.UUID, starts_at: datetime) -> None: ...


class LiveAvailability(Protocol):
    async def live_availability(self, session_id: uuid.UUID, now: datetime) -> Availability: ...

    async def seats_returned(self, session_ids: Collection[uuid.UUID]) -> None: ...


class ListingChanges:
    def __init__(self, catalog: CatalogService, bookings: SessionBookings, seats: LiveAvailability) -> None:
        self.catalog = catalog
        self.bookings = bookings
        self.seats = seats

    async def cancel_event(self, event_id: uuid.UUID, user: CurrentUser, reason: str | None) -> Listing:
        event = await self.catalog.event_for_editing(event_id, user)
        if event.status != ListingStatus.CANCELLED:
            session_ids = await self.catalog.mark_event_cancelled(event)
            await self.bookings.cancel_for_sessions(
                session_ids, reason or "The organizer cancelled this listing", "event_cancelled"
            )
            self.catalog.invalidate()
        return event

    async def cancel_session(self, session_id: uuid.UUID, user: CurrentUser, reason: str | None) -> ListingSession:
        row = await self.catalog.mark_session_cancelled(session_id, user)
        await self.bookings.cancel_for_sessions(
            [row.id], reason or "The organizer cancelled this session", "session_cancelled"
        )
        self.catalog.invalidate()
        return row

    async def update_session(self, session_id: uuid.UUID, data: SessionUpdate, user: CurrentUser) -> ListingSession:
        row, time_changed = await self.catalog.update_session(session_id, data, user)
        if data.capacity is not msgspec.UNSET:  # more seats, perhaps: whoever waits for them hears of it
            await self.seats.seats_returned({row.id})
        if time_changed:
            await self.bookings.notify_session_changed(row.id, row.starts_at)
        self.catalog.invalidate()
        return row

    async def availability(self, session_id: uuid.UUID) -> Availability:
        return await self.seats.live_availability(session_id, datetime.now(UTC))
