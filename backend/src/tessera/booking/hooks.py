"""How a domain that manages its listings (flights, parties) takes part in the booking core's life cycle.

The core knows nothing of seat maps, passengers or guests. When it releases the seats of bookings on a
managed listing (a hold ran out, the organizer cancelled a session) it tells that domain, which frees what
it keeps per seat; when a late payment would revive an expired booking it asks that domain first, which
may refuse (the seat it assigned went to someone else); when a payment confirms bookings it tells that
domain, which tells its customers in its own words (the core sends no ``booking_confirmed`` for them). All
run in the caller's transaction. A domain may
keep its own per-seat guard (a unique live assignment per seat) on top of the core's seat counters, which
stay the guard for capacity.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession


class DomainHooks(Protocol):
    async def on_released(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID], reason: str) -> None:
        """The bookings' seats went back to the pool (``reason``: ``expired``, or the organizer's reason)."""
        ...

    async def revive(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> bool:
        """A late payment would revive these expired bookings, whose seats the core has taken back: take
        again what the domain keeps per seat, or return False to refuse (the money is then refunded)."""
        ...

    async def on_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        """A payment confirmed these bookings (all of a group's at once)."""
        ...


class SeatsListener(Protocol):
    """Who else hears of seats changing hands on any session (the waiting list): in the caller's transaction,
    so whatever it writes commits or rolls back with the change."""

    async def seats_freed(
        self, session: AsyncSession, session_ids: Collection[uuid.UUID], booking_ids: Sequence[uuid.UUID]
    ) -> None:
        """Seats of these sessions went back on sale (``booking_ids``: the bookings released whole, if any)."""
        ...

    async def bookings_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        """These bookings were confirmed (paid, or a held free booking accepted)."""
        ...
