"""Who owns a transaction: the request or the job, never a service. A write of several steps that fails at
its last step leaves nothing behind, and what was to follow the commit does not happen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tessera.catalog.errors import CurrencyMismatchError
from tessera.catalog.models import Listing, ListingSession, TicketType, Venue
from tessera.catalog.schemas import EventCreate, SessionCreate, TicketTypeCreate, VenueCreate
from tessera.catalog.services import CATALOG_NAMESPACE
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.background import transaction
from tessera.server.container import Container

from .helpers import create_accounts

VENUE = VenueCreate(name="Small Hall", city="Almaty", country="KZ", timezone="Asia/Almaty", capacity=80)


async def _rows(container: Container) -> dict[str, int]:
    async with container.sessions() as session:
        return {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Venue, Listing, ListingSession, TicketType)
        }


async def _write_listing(
    container: Container, organizer: CurrentUser, prices: list[TicketTypeCreate], version: str
) -> None:
    """A venue, a listing, a session and its prices in one job-owned transaction (each step changes the
    catalog); the cached catalog is dropped only after the commit."""
    starts = datetime.now(UTC) + timedelta(days=7)
    async with transaction(container.sessions) as session:
        catalog = container.catalog(session)
        listing = await catalog.create_event(EventCreate(title="Quartet at the Hall", venue=VENUE), organizer)
        session_data = SessionCreate(starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=80)
        await catalog.add_session(listing.id, session_data, organizer)
        for price in prices:
            await catalog.add_ticket_type(listing.id, price, organizer)
        assert await container.cache.key(CATALOG_NAMESPACE) == version  # nothing dropped before the commit


async def test_a_listing_written_in_steps_that_fails_at_the_last_step_leaves_nothing_behind(
    settings: Settings,
) -> None:
    [(organizer_id, _, _)] = await create_accounts(settings, 1, Role.ORGANIZER)
    organizer = CurrentUser(id=organizer_id, role=Role.ORGANIZER, method=AuthMethod.BEARER)
    standard = TicketTypeCreate(name="Standard", price=500_000, currency="KZT")
    abroad = TicketTypeCreate(name="Abroad", price=1_000, currency="USD")  # refused: one currency per listing
    container = Container.build(settings)
    try:
        version = await container.cache.key(CATALOG_NAMESPACE)
        with pytest.raises(CurrencyMismatchError):
            await _write_listing(container, organizer, [standard, abroad], version)
        assert await _rows(container) == {"venues": 0, "listings": 0, "sessions": 0, "ticket_types": 0}
        # The catalog's cached responses were not dropped for a change that never happened.
        assert await container.cache.key(CATALOG_NAMESPACE) == version

        await _write_listing(container, organizer, [standard], version)
        assert await _rows(container) == {"venues": 1, "listings": 1, "sessions": 1, "ticket_types": 1}
        assert await container.cache.key(CATALOG_NAMESPACE) != version
    finally:
        await container.close()
