"""The demo's watch parties: two hosts with upcoming showings, a request awaiting approval, and a past evening
whose ratings are revealed. Made through the parties services, so demo parties obey the same rules as real ones;
the past evening is the one exception: a showing can only be created ahead, so it is moved back afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.models import ListingSession
from tessera.core.auth import CurrentUser
from tessera.parties.models import PartyDetail, PartyEncounter, PartySlot
from tessera.parties.schemas import (
    BookingRequestIn,
    HostProfileUpdate,
    MovieIn,
    PartyCreate,
    PlaceIn,
    RatingIn,
    SlotCreate,
)
from tessera.server.container import Container

HOSTS = {
    "cinema@demo.tessera.test": HostProfileUpdate(
        display_name="Kino Club Almaty",
        city="Almaty",
        country="KZ",
        timezone="Asia/Almaty",
        bio="Classic films on a big screen in a small flat, tea and apples included.",
    ),
    "films@demo.tessera.test": HostProfileUpdate(
        display_name="Astana Film Nights",
        city="Astana",
        country="KZ",
        timezone="Asia/Almaty",
        bio="New festival films, then a talk over plov.",
        approval_required=True,
    ),
}
PARTIES = {
    "cinema@demo.tessera.test": PartyCreate(
        movie=MovieIn(title="Stalker", year=1979, runtime_minutes=162),
        place=PlaceIn(
            name="Kino Club living room",
            city="Almaty",
            country="KZ",
            timezone="Asia/Almaty",
            public_area="Medeu district, near Abay metro",
            address="Abay Ave 10, flat 42",
        ),
        capacity=8,
        max_places_per_guest=2,
        description="Tarkovsky's walk into the Zone, with Russian and English subtitles.",
    ),
    "films@demo.tessera.test": PartyCreate(
        movie=MovieIn(title="Aftersun", year=2022, runtime_minutes=101),
        place=PlaceIn(
            name="Film Nights loft",
            city="Astana",
            country="KZ",
            timezone="Asia/Almaty",
            public_area="Yesil district, near the Khan Shatyr",
            address="Kabanbay Batyr Ave 11, loft 3",
        ),
        capacity=6,
        approval_required=True,
    ),
}


def _evening(days: int) -> datetime:
    return datetime.combine(
        datetime.now(UTC).date() + timedelta(days=days), time(19, 30), tzinfo=ZoneInfo("Asia/Almaty")
    )


async def seed_parties(session: AsyncSession, container: Container, accounts: dict[str, CurrentUser]) -> int:
    """The demo parties, once; returns how many showings were scheduled (0 if they exist)."""
    hosts = [accounts[email] for email in HOSTS]
    if await session.scalar(
        select(func.count()).select_from(PartyDetail).where(PartyDetail.host_id.in_([h.id for h in hosts]))
    ):
        return 0
    parties = container.parties(session)
    slots = container.party_slots(session)
    bookings = container.party_bookings(session)
    guest1, guest2 = accounts["guest1@demo.tessera.test"], accounts["guest2@demo.tessera.test"]
    scheduled = 0
    made = {}
    for email, profile in HOSTS.items():
        host = accounts[email]
        await parties.hosts.save_profile(profile, host)
        party = await parties.create(PARTIES[email], host)
        made[email] = party
        for days in (3, 10):
            await slots.add(party.id, SlotCreate(starts_at=_evening(days)), host)
            scheduled += 1
        await parties.publish(party.id, host)
    # A request awaiting the Astana host's approval.
    astana = await slots.of_party(made["films@demo.tessera.test"].id, include_past=False, date_from=None, date_to=None)
    await bookings.book(
        astana[0].id, BookingRequestIn(places=1, message="Loved Aftersun at the festival!"), guest2, None
    )
    # A past evening in Almaty: booked ahead, moved into the past, rated by both sides and so revealed.
    cinema = accounts["cinema@demo.tessera.test"]
    past = await slots.add(made["cinema@demo.tessera.test"].id, SlotCreate(starts_at=_evening(20)), cinema)
    scheduled += 1
    outcome = await bookings.book(past.id, BookingRequestIn(places=2), guest1, None)
    encounter_id = outcome[1].booking.encounter_id  # type: ignore[union-attr]
    starts, ends = _evening(-3), _evening(-3) + timedelta(minutes=192)
    await session.execute(update(PartySlot).where(PartySlot.id == past.id).values(starts_at=starts, ends_at=ends))
    await session.execute(
        update(ListingSession)
        .where(ListingSession.id == past.id)
        .values(starts_at=starts, ends_at=ends, sales_end_at=None)
    )
    await session.execute(
        update(PartyEncounter)
        .where(PartyEncounter.id == encounter_id)
        .values(window_opens_at=ends, window_closes_at=ends + timedelta(days=14))
    )
    encounters = container.encounters(session)
    await encounters.rate(encounter_id, RatingIn(score=5, comment="Brought homemade baursaks. Come again!"), cinema)
    await encounters.rate(encounter_id, RatingIn(score=5, comment="Cosy, great sound, real film talk after."), guest1)
    return scheduled
