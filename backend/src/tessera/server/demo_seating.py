"""The demo's seated concert: a philharmonic hall drawn as a seat map, one session selling its seats, two prices
by zone, and a guest already in two balcony seats. Made through the catalog and booking services."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.schemas import BookingCreate, BookingItem
from tessera.catalog.models import Listing
from tessera.catalog.schemas import (
    EventCreate,
    SeatMapDraw,
    SeatRowDraw,
    SeatSectionDraw,
    SessionCreate,
    TicketTypeCreate,
    VenueCreate,
)
from tessera.catalog.seatmaps import SeatMaps
from tessera.core.auth import CurrentUser
from tessera.server.container import Container

TITLE = "Chamber Orchestra — Reserved Seating"
ORGANIZER = "organizer@demo.tessera.test"
HALL = SeatMapDraw(
    name="Main hall",
    sections=[
        SeatSectionDraw(
            code="STALLS",
            name="Stalls",
            zone="stalls",
            rows=[
                SeatRowDraw(label=label, seats=20, aisles_after=[10], accessible=[1, 2] if label == "A" else [])
                for label in "ABCDEFGHJKLM"
            ],
        ),
        SeatSectionDraw(
            code="BALC",
            name="Balcony",
            zone="balcony",
            x=2,
            y=14,
            rows=[SeatRowDraw(label=label, seats=16) for label in "ABCD"],
        ),
    ],
)


async def seed_seating(session: AsyncSession, container: Container, accounts: dict[str, CurrentUser]) -> int:
    """The seated concert, once; returns how many seats its session sells (0 if it exists)."""
    organizer = accounts[ORGANIZER]
    if await session.scalar(select(func.count()).select_from(Listing).where(Listing.title == TITLE)):
        return 0
    catalog = container.catalog(session)
    event = await catalog.create_event(
        EventCreate(
            title=TITLE,
            description="Mozart and Kurmangazy by candlelight. Choose your seat on the hall's map.",
            category="concerts",
            tags=["concerts", "almaty", "seated"],
            venue=VenueCreate(
                name="Zhambyl Philharmonic Hall",
                address="Kaldayakov St 35",
                city="Almaty",
                country="KZ",
                timezone="Asia/Almaty",
            ),
        ),
        organizer,
    )
    assert event.venue_id is not None  # made with its venue just above
    seat_map = await SeatMaps(session).create(event.venue_id, HALL, organizer)
    starts = datetime.combine(datetime.now(UTC).date() + timedelta(days=14), time(19, 0), ZoneInfo("Asia/Almaty"))
    concert = await catalog.add_session(
        event.id,
        SessionCreate(starts_at=starts, ends_at=starts + timedelta(hours=2), seat_map_id=seat_map.id),
        organizer,
    )
    await catalog.add_ticket_type(
        event.id,
        TicketTypeCreate(name="Stalls", price=1_200_000, currency="KZT", max_per_order=6, zone="stalls"),
        organizer,
    )
    balcony = await catalog.add_ticket_type(
        event.id, TicketTypeCreate(name="Balcony", price=0, currency="KZT", max_per_order=6, zone="balcony"), organizer
    )
    await catalog.publish_event(event.id, organizer)
    await container.holds(session).create(
        accounts["guest1@demo.tessera.test"],
        BookingCreate(
            session_id=concert.id,
            items=[BookingItem(ticket_type_id=balcony.id, quantity=2)],
            seats=["BALC-A-7", "BALC-A-8"],
        ),
    )
    catalog.invalidate()
    return concert.capacity
