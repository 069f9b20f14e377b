"""Demo data for ``make run`` and manual testing. Idempotent: running it again changes nothing.

Everything is made through the services, so demo data obeys the same rules as real data.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import User
from tessera.accounts.services import UserService
from tessera.booking.schemas import BookingCreate, BookingItem
from tessera.catalog.models import Listing
from tessera.catalog.schemas import EventCreate, SessionCreate, TicketTypeCreate, VenueCreate
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.security import Passwords
from tessera.flights.airports import AirportRecord, import_airports, records_from_airportsdata
from tessera.server.container import Container
from tessera.server.demo_flights import seed_flights
from tessera.server.demo_parties import seed_parties
from tessera.server.demo_seating import seed_seating

DEMO_ACCOUNTS = (
    ("admin@demo.tessera.test", "Demo Admin", Role.ADMIN),
    ("organizer@demo.tessera.test", "Aigerim Organizer", Role.ORGANIZER),
    ("events@steppe-live.test", "Steppe Live", Role.ORGANIZER),
    ("hello@silkroad-talks.test", "Silk Road Talks", Role.ORGANIZER),
    ("participant@demo.tessera.test", "Daniyar Participant", Role.PARTICIPANT),
    ("guest1@demo.tessera.test", "Madina Guest", Role.PARTICIPANT),
    ("guest2@demo.tessera.test", "Timur Guest", Role.PARTICIPANT),
    ("ops@tessera-air.test", "Tessera Air", Role.ORGANIZER),
    # Watch-party hosts: anyone may host, so they are participants.
    ("cinema@demo.tessera.test", "Aliya Kino", Role.PARTICIPANT),
    ("films@demo.tessera.test", "Ruslan Films", Role.PARTICIPANT),
)
# The demo airline (flights), apart from the organizers of events.
DEMO_CARRIER = "ops@tessera-air.test"


@dataclass(frozen=True)
class City:
    name: str
    country: str
    timezone: str
    currency: str
    price_unit: int  # a typical cheap ticket, in minor units


CITIES = (
    City("Almaty", "KZ", "Asia/Almaty", "KZT", 500_000),
    City("Astana", "KZ", "Asia/Almaty", "KZT", 450_000),
    City("Shymkent", "KZ", "Asia/Almaty", "KZT", 350_000),
    City("Bishkek", "KG", "Asia/Bishkek", "KGS", 80_000),
    City("Tashkent", "UZ", "Asia/Tashkent", "UZS", 12_000_000),
)

VENUES = {
    "Almaty": [("Kazakh State Philharmonic", "Kaldayakov St 35", 1200), ("Jazz Club Esentai", "Al-Farabi Ave 77", 180)],
    "Astana": [("Astana Opera", "Kunaev St 1", 1250), ("Hub Coworking Hall", "Mangilik El 55", 250)],
    "Shymkent": [("Shymkent Arena", "Tauke Khan Ave 12", 3000), ("Old Town Theatre", "Baitursynov St 8", 400)],
    "Bishkek": [("Philharmonia Hall", "Chuy Ave 253", 900), ("Tech Park Auditorium", "Erkindik Blvd 15", 300)],
    "Tashkent": [("Tashkent Concert Hall", "Amir Temur St 4", 1500), ("IT Park Forum", "Mustaqillik Ave 59", 350)],
}

# (category, title pattern, description, tiers as multiples of the city's price unit; 0 = free)
LISTINGS = (
    ("concerts", "{city} Jazz Evening", "Live jazz standards and new work by local quartets.", (2, 5)),
    ("concerts", "Dombra Unplugged", "Traditional and modern dombra pieces in an intimate acoustic set.", (1, 3)),
    ("concerts", "Symphony of the Steppe", "The city orchestra plays Kazakh and Russian romantic repertoire.", (3, 8)),
    ("theatre", "Abai: A Poet's Life", "A new staging of the life of Abai Kunanbaiuly.", (2, 4)),
    ("theatre", "Improv Night {city}", "Nothing is scripted; the audience decides what happens.", (1,)),
    ("conferences", "Central Asia Tech Summit", "Two tracks on cloud, data and product, with local founders.", (6, 12)),
    ("conferences", "Design Systems Day", "How teams in the region build and keep design systems.", (4,)),
    ("meetups", "Python {city} Meetup", "Three short talks and pizza. Beginners welcome.", (0,)),
    ("meetups", "Product Managers Breakfast", "Morning conversation about discovery and delivery.", (0,)),
    ("standup", "Stand-up Open Mic", "Ten comedians, five minutes each, one microphone.", (1, 2)),
    ("festivals", "Silk Road Food Festival", "Plov, lagman and samsa from twenty regional kitchens.", (1,)),
    ("exhibitions", "Contemporary Art of the Steppe", "Paintings and installations by young artists.", (1,)),
    ("sports", "{city} Half Marathon Expo", "Bib pick-up, talks with pacers and a warm-up session.", (0,)),
    ("kids", "Science Show for Kids", "Explosions, slime and liquid nitrogen (safely).", (1, 2)),
    ("workshops", "Felt-Making Workshop", "Learn to make a small shyrdak with a master craftswoman.", (3,)),
)

SOLD_OUT_EVERY = 9  # every ninth demo listing is small and fully booked


class DemoRefusedError(Exception):
    """Demo data would go where real people could reach it."""


# The airports of the demo's flights; `tessera import-airports` adds the rest of the world.
DEMO_AIRPORTS = frozenset({"ALA", "NQZ", "CIT", "FRU", "TAS", "SVO", "IST", "DXB"})


# Demo airports the package does not list (its data has gaps): described here, marked "manual".
MANUAL_AIRPORTS = (
    AirportRecord(
        iata="FRU",
        icao="UCFM",
        name="Manas International Airport",
        city="Bishkek",
        subdivision="",
        country="KG",
        latitude=Decimal("43.061300"),
        longitude=Decimal("74.477600"),
        timezone="Asia/Bishkek",
    ),
)


async def _seed_airports(session: AsyncSession) -> int:
    import airportsdata

    listed = [r for r in records_from_airportsdata(airportsdata.load("IATA")) if r.iata in DEMO_AIRPORTS]
    known = {r.iata for r in listed}
    source = f"airportsdata {airportsdata.__version__}"
    added = (await import_airports(session, listed, source=source, deactivate_missing=False)).added
    manual = [r for r in MANUAL_AIRPORTS if r.iata not in known]
    added += (await import_airports(session, manual, source="manual", deactivate_missing=False)).added
    return added


async def seed(settings: Settings, password: str | None = None) -> list[str]:
    """Demo accounts and listings. The accounts share one password: ``password``, or a random one made for
    this database and reported once, when the accounts are created (no demo password is ever known in
    advance). Refused in production and on a database that has accounts of real people."""
    if settings.is_production:
        raise DemoRefusedError("seed-demo refuses to run with TESSERA_ENV=production.")
    passwords = Passwords(settings.auth)
    container = Container.build(settings)
    report: list[str] = []
    try:
        async with container.sessions() as session:
            demo_emails = [email for email, _, _ in DEMO_ACCOUNTS]
            others = await session.scalar(
                select(func.count()).select_from(User).where(func.lower(User.email).not_in(demo_emails))
            )
            if others:
                raise DemoRefusedError(
                    f"seed-demo refuses a database with {others} account(s) besides the demo ones: "
                    "demo accounts must never sit beside real people's."
                )
            users = UserService(session=session)
            accounts: dict[str, CurrentUser] = {}
            chosen = password or secrets.token_urlsafe(12)
            created_any = False
            for email, name, role in DEMO_ACCOUNTS:
                user = await users.get_by_email(email)
                if user is None:
                    user = await users.create_user(
                        email=email,
                        password_hash=await passwords.hash(chosen),
                        name=name,
                        role=role,
                        email_verified=True,
                    )
                    report.append(f"created {role.value} {email}")
                    created_any = True
                accounts[email] = CurrentUser(id=user.id, role=Role(user.role), method=AuthMethod.BEARER)
            await session.commit()

            organizers = [a for email, a in accounts.items() if a.role is Role.ORGANIZER and email != DEMO_CARRIER]
            existing = await session.scalar(
                select(func.count()).select_from(Listing).where(Listing.organizer_id.in_([o.id for o in organizers]))
            )
            if not existing:
                created = await _seed_listings(session, container, settings, organizers, accounts)
                report.append(f"created {created} demo listings")
            airports = await _seed_airports(session)
            await session.commit()
            if airports:
                report.append(f"added {airports} demo airports")
            departures = await seed_flights(session, container, accounts[DEMO_CARRIER])
            await session.commit()
            if departures:
                report.append(f"scheduled {departures} demo flights")
            showings = await seed_parties(session, container, accounts)
            await session.commit()
            if showings:
                report.append(f"scheduled {showings} demo watch-party showings")
            seats = await seed_seating(session, container, accounts)
            await session.commit()
            if seats:
                report.append(f"drew a {seats}-seat demo hall")
    finally:
        await container.close()
    names = ", ".join(email for email, _, _ in DEMO_ACCOUNTS)
    if created_any:
        report.append(f"Demo accounts ({names}) use the password {chosen!r}; it is shown only this once.")
    else:
        report.append(f"Demo accounts ({names}) exist; their password was shown when they were created.")
    return report


async def _seed_listings(
    session: AsyncSession,
    container: Container,
    settings: Settings,
    organizers: list[CurrentUser],
    accounts: dict[str, CurrentUser],
) -> int:
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    catalog = container.catalog(session)
    bookings = container.holds(session)
    guests = [a for a in accounts.values() if a.role is Role.PARTICIPANT]
    today = datetime.now(UTC).date()
    count = 0
    for index in range(60):
        category, pattern, description, tiers = LISTINGS[index % len(LISTINGS)]
        city = CITIES[(index // len(LISTINGS) + index) % len(CITIES)]
        organizer = organizers[index % len(organizers)]
        venue_name, address, venue_capacity = VENUES[city.name][index % 2]
        sold_out = index % SOLD_OUT_EVERY == SOLD_OUT_EVERY - 1
        event = await catalog.create_event(
            EventCreate(
                title=pattern.format(city=city.name),
                kind="event",
                description=description,
                category=category,
                tags=[category, city.name.lower()],
                venue=VenueCreate(
                    name=venue_name,
                    address=address,
                    city=city.name,
                    country=city.country,
                    timezone=city.timezone,
                    capacity=venue_capacity,
                ),
            ),
            organizer,
        )
        capacity = 6 if sold_out else min(venue_capacity, rng.choice((40, 80, 150, 300)))
        zone = ZoneInfo(city.timezone)
        first_day = today + timedelta(days=3 + (index * 5) % 80)
        sessions = []
        for n in range(1 if sold_out else rng.choice((1, 1, 2, 3))):
            local_start = datetime.combine(first_day + timedelta(days=7 * n), time(19, 0), tzinfo=zone)
            sessions.append(
                await catalog.add_session(
                    event.id,
                    SessionCreate(
                        starts_at=local_start, ends_at=local_start + timedelta(hours=2, minutes=30), capacity=capacity
                    ),
                    organizer,
                )
            )
        ticket_types = []
        for position, multiple in enumerate((0,) if sold_out else tiers):
            ticket_types.append(
                await catalog.add_ticket_type(
                    event.id,
                    TicketTypeCreate(
                        name=("Standard", "VIP", "Backstage")[position] if multiple else "Free entry",
                        price=multiple * city.price_unit,
                        currency=city.currency,
                        max_per_order=6,
                    ),
                    organizer,
                )
            )
        await catalog.publish_event(event.id, organizer)
        if sold_out:
            for guest, seats in zip(guests, (3, 3), strict=False):
                await bookings.create(
                    guest,
                    BookingCreate(
                        session_id=sessions[0].id,
                        items=[BookingItem(ticket_type_id=ticket_types[0].id, quantity=seats)],
                    ),
                )
        await session.commit()
        count += 1
    catalog.invalidate()
    return count
