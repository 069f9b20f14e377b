"""On PostgreSQL with 100,000 sessions, every query the catalog and booking paths send uses an index.

The data looks like a catalog a few years old: 10,000 listings spread over the past three years and the
next two months, ten sessions each, 100,000 bookings.

The queries are not written out here: the real service methods run while a listener records each statement
the application sends, then each is EXPLAINed with its own parameters. A plan that reads a large table
sequentially fails the test. Run with ``-s`` to see the plans.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.stores.memory import MemoryStore
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tessera.booking.holds import BookingRequest
from tessera.booking.schemas import BookingCreate, BookingItem
from tessera.catalog.browse import CatalogBrowser, CatalogQuery
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.cache import VersionedCache
from tessera.core.db import create_engine
from tessera.core.errors import AppError
from tessera.server.container import Container

from .conftest import PG_URL

pytestmark = pytest.mark.skipif(PG_URL is None, reason="query plans are checked on PostgreSQL")

SESSIONS = 100_000
EVENTS = 10_000
BOOKINGS = 100_000
LARGE_TABLES = {
    "listings",
    "sessions",
    "bookings",
    "tickets",
    "ticket_types",
    "venues",
    "users",
    "flight_routes",
    "flight_departures",
    "flight_fares",
    "flight_seat_assignments",
}

FILL = [
    """INSERT INTO users (id, email, name, password_hash, role, is_active, language, created_at, updated_at)
       SELECT gen_random_uuid(), 'bulk' || g || '@example.com', 'Bulk ' || g, 'x',
              CASE WHEN g <= 500 THEN 'organizer' ELSE 'participant' END, true, 'en', now(), now()
       FROM generate_series(1, 20000) g""",
    """INSERT INTO venues (id, organizer_id, name, address, city, country, timezone, created_at, updated_at)
       SELECT gen_random_uuid(), (SELECT id FROM users WHERE email = 'bulk' || (1 + g % 500) || '@example.com'),
              'Venue ' || g, '', (ARRAY['Almaty','Astana','Shymkent','Bishkek','Tashkent'])[1 + g % 5] || g % 40,
              'KZ', 'Asia/Almaty', now(), now()
       FROM generate_series(1, 1000) g""",
    """WITH v AS (SELECT array_agg(id) AS ids FROM venues), o AS (SELECT array_agg(organizer_id) AS ids FROM venues)
       INSERT INTO listings (id, kind, title, slug, description, category, tags, organizer_id, venue_id, status,
                           starts_at, ends_at, rating_average, rating_count, created_at, updated_at)
       SELECT gen_random_uuid(), (ARRAY['event','flight','party'])[1 + g % 3], 'Listing ' || md5(g::text),
              'listing-' || g, 'About ' || md5((g * 7)::text), 'category' || g % 30, '[]'::jsonb,
              o.ids[1 + g % 1000], v.ids[1 + g % 1000],
              CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'published' END,
              now() - interval '1000 days' + g * interval '107 minutes',
              now() - interval '999 days' + g * interval '107 minutes', 0, 0, now(), now()
       FROM generate_series(1, 10000) g, v, o""",
    """INSERT INTO sessions (id, event_id, starts_at, ends_at, capacity, held, sold, status, created_at, updated_at)
       SELECT gen_random_uuid(), e.id, e.starts_at + n * interval '2 hours', e.starts_at + n * interval '2 hours'
              + interval '90 minutes', 100, 0, 1, 'scheduled', now(), now()
       FROM listings e, generate_series(0, 9) n""",
    "UPDATE listings SET currency = 'KZT'",  # as the first ticket type does through the service
    """INSERT INTO ticket_types (id, event_id, name, description, price, currency, max_per_order, is_active,
                                 created_at, updated_at)
       SELECT gen_random_uuid(), id, 'Standard', '', 500000, 'KZT', 10, true, now(), now() FROM listings""",
    """WITH s AS (SELECT array_agg(id ORDER BY id) AS ids FROM sessions),
            u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users)
       INSERT INTO bookings (id, reference, user_id, session_id, event_id, status, quantity, total, currency,
                             expires_at, created_at, updated_at)
       SELECT gen_random_uuid(), upper(substr(md5(g::text), 1, 6)) || '', u.ids[1 + g % 20000],
              s.ids[1 + g % 100000], (SELECT event_id FROM sessions WHERE id = s.ids[1 + g % 100000]),
              CASE WHEN g % 20 = 0 THEN 'pending_payment' ELSE 'confirmed' END, 1, 500000, 'KZT',
              CASE WHEN g % 20 = 0 THEN now() + interval '10 minutes' END, now(), now()
       FROM generate_series(1, 100000) g, s, u
       ON CONFLICT DO NOTHING""",
    """INSERT INTO tickets (id, booking_id, session_id, ticket_type_id, ticket_type_name, code, price, currency,
                            status, created_at, updated_at)
       SELECT gen_random_uuid(), b.id, b.session_id,
              (SELECT id FROM ticket_types t WHERE t.event_id = b.event_id LIMIT 1), 'Standard',
              md5(b.id::text), 500000, 'KZT', 'valid', now(), now()
       FROM bookings b""",
    "ANALYZE",
]


# Every third listing of the catalog above is a flight route between two of ten airports: about 3,300 routes
# and 33,000 departures over the next two years.
FLIGHTS_FILL = [
    """INSERT INTO airports (id, iata, name, city, subdivision, country, latitude, longitude, timezone, is_active,
                              source, created_at, updated_at)
        SELECT gen_random_uuid(), code, code || ' Airport', code || ' City', '', 'KZ', 43, 77, 'Asia/Almaty', true,
               'test', now(), now()
        FROM unnest(ARRAY['ALA', 'NQZ', 'CIT', 'FRU', 'TAS', 'SVO', 'IST', 'DXB', 'AKX', 'GUW']) code""",
    """INSERT INTO aircraft (id, organizer_id, model, registration, seat_count, is_active, created_at, updated_at)
       SELECT gen_random_uuid(), (SELECT id FROM users WHERE role = 'organizer' LIMIT 1), 'A320', 'UP-1', 100, true,
              now(), now()""",
    """INSERT INTO aircraft_cabins (id, aircraft_id, cabin, first_row, last_row, layout, seat_count, created_at,
                                    updated_at)
       SELECT gen_random_uuid(), id, 'economy', 1, 25, 'AB-CD', 100, now(), now() FROM aircraft""",
    """INSERT INTO aircraft_seats (id, aircraft_id, code, "row", letter, cabin, position, exit_row, extra_legroom,
                                   blocked, created_at, updated_at)
       SELECT gen_random_uuid(), a.id, r || l, r, l, 'economy', CASE WHEN l IN ('A', 'D') THEN 'window' ELSE 'aisle'
              END, false, false, false, now(), now()
       FROM aircraft a, generate_series(1, 25) r, unnest(ARRAY['A', 'B', 'C', 'D']) l""",
    """WITH a AS (SELECT array_agg(id ORDER BY iata) AS ids FROM airports)
       INSERT INTO flight_routes (id, organizer_id, flight_number, origin_airport_id, destination_airport_id,
                                  default_aircraft_id, created_at, updated_at)
       SELECT l.id, l.organizer_id, 'TS' || row_number() OVER (PARTITION BY l.organizer_id ORDER BY l.id),
              a.ids[1 + n % 10], a.ids[1 + (n + 1 + (n / 10) % 9) % 10], (SELECT id FROM aircraft), now(), now()
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM listings WHERE kind = 'flight') l, a""",
    """INSERT INTO flight_fares (id, route_id, cabin, refundable, changeable, cabin_bags, checked_bags, created_at,
                                 updated_at)
       SELECT t.id, t.event_id, 'economy', false, false, 1, 0, now(), now()
       FROM ticket_types t JOIN flight_routes r ON r.id = t.event_id""",
    # The catalog's sessions are mostly past: flights fly in the two years ahead.
    """UPDATE sessions s SET starts_at = s.starts_at + interval '800 days', ends_at = s.ends_at + interval '800 days'
       FROM flight_routes r WHERE r.id = s.event_id""",
    """INSERT INTO flight_departures (id, route_id, origin_airport_id, destination_airport_id, aircraft_id,
                                      departs_at, arrives_at, departure_date_local, status, created_at, updated_at)
       SELECT s.id, r.id, r.origin_airport_id, r.destination_airport_id, r.default_aircraft_id, s.starts_at,
              s.ends_at, (s.starts_at AT TIME ZONE 'Asia/Almaty')::date, 'scheduled', now(), now()
       FROM sessions s JOIN flight_routes r ON r.id = s.event_id""",
    # Each booking on a flight becomes a one-passenger order with a seat: about 33,000 live seats.
    """INSERT INTO booking_groups (id, reference, user_id, status, total, currency, created_at, updated_at)
       SELECT b.id, upper(substr(md5(b.id::text), 1, 6)), b.user_id, b.status, b.total, 'KZT', now(), now()
       FROM bookings b JOIN flight_routes r ON r.id = b.event_id
       ON CONFLICT DO NOTHING""",
    "UPDATE bookings b SET group_id = b.id FROM booking_groups g WHERE g.id = b.id",
    """INSERT INTO flight_orders (id, booking_group_id, user_id, reference, trip_type, cabin, passenger_count,
                                  created_at, updated_at)
       SELECT g.id, g.id, g.user_id, g.reference, 'one_way', 'economy', 1, now(), now() FROM booking_groups g""",
    """INSERT INTO flight_passengers (id, order_id, position, passenger_type, given_name, family_name, nationality,
                                      document_number_masked, document_fingerprint, created_at, updated_at)
       SELECT o.id, o.id, 1, 'adult', 'BULK', 'PASSENGER', 'KZ', '*******00', md5(o.id::text) || md5(o.reference),
              now(), now()
       FROM flight_orders o""",
    """INSERT INTO flight_seat_assignments (id, departure_id, aircraft_id, seat_code, cabin, passenger_id,
                                            booking_id, ticket_id, document_fingerprint, status, created_at,
                                            updated_at)
       SELECT gen_random_uuid(), b.session_id, (SELECT id FROM aircraft),
              ((n - 1) % 25 + 1) || (ARRAY['A', 'B', 'C', 'D'])[1 + (n - 1) / 25], 'economy', b.id, b.id,
              (SELECT t.id FROM tickets t WHERE t.booking_id = b.id LIMIT 1), p.document_fingerprint, 'live', now(),
              now()
       FROM (SELECT *, row_number() OVER (PARTITION BY session_id ORDER BY id) AS n FROM bookings) b
       JOIN flight_passengers p ON p.id = b.id
       WHERE b.n <= 100""",
    "ANALYZE",
]


@pytest.fixture
async def large_catalog(database_url: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database)
    async with engine.begin() as connection:
        for statement in FILL:
            await connection.execute(text(statement))
    yield engine
    await engine.dispose()


class StatementLog:
    def __init__(self, engine: AsyncEngine) -> None:
        self.statements: list[tuple[str, Any]] = []
        self.engine = engine
        event.listen(engine.sync_engine, "before_cursor_execute", self._record)

    def _record(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
            self.statements.append((statement, parameters))

    def close(self) -> None:
        event.remove(self.engine.sync_engine, "before_cursor_execute", self._record)


def _scans(plan: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    if "Relation Name" in plan:
        found.append((plan["Node Type"], plan["Relation Name"]))
    for child in plan.get("Plans", []):
        found.extend(_scans(child))
    return found


async def test_catalog_and_booking_queries_use_indexes(large_catalog: AsyncEngine, settings: Settings) -> None:
    engine = large_catalog
    async with engine.connect() as connection:
        counts = (
            await connection.execute(text("SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM bookings)"))
        ).one()
        assert counts[0] >= SESSIONS
        assert counts[1] >= BOOKINGS * 0.99
        some = (
            await connection.execute(
                text(
                    "SELECT b.user_id, b.session_id, e.organizer_id, e.id, t.id AS ticket_type_id FROM bookings b "
                    "JOIN listings e ON e.id = b.event_id JOIN ticket_types t ON t.event_id = e.id "
                    "WHERE e.status = 'published' LIMIT 1"
                )
            )
        ).one()
    user = CurrentUser(id=some.user_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)
    organizer = CurrentUser(id=some.organizer_id, role=Role.ORGANIZER, method=AuthMethod.BEARER)

    container = Container.build(settings)
    log = StatementLog(engine)
    now = datetime.now(UTC)
    async with async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)() as session:
        catalog = CatalogBrowser(session, VersionedCache(MemoryStore(), timedelta(seconds=0)))
        bookings = container.bookings(session)
        for query in (
            CatalogQuery(limit=20, offset=0),
            CatalogQuery(limit=20, offset=0, kind="flight"),
            CatalogQuery(limit=20, offset=0, category="category7"),
            CatalogQuery(limit=20, offset=0, city="almaty1"),
            CatalogQuery(limit=20, offset=0, q="deadbeef"),
            CatalogQuery(limit=20, offset=0, date_from=now + timedelta(days=10), date_to=now + timedelta(days=11)),
            CatalogQuery(limit=20, offset=0, organizer_id=organizer.id),
        ):
            await catalog.public_catalog(query)
        await catalog.event_detail(some.id, None)
        await bookings.reads.list_mine(user, 20, 0, None)
        await bookings.reads.attendees_of_session(some.session_id, organizer, 50, 0)
        await bookings.releases.inventory.bookable(some.session_id, now)
        await bookings.releases.inventory.counts(some.session_id)
        await bookings.releases.expire_overdue_holds(now)
        await bookings.releases.has_overdue_holds(some.session_id, now)
        order = BookingCreate(
            session_id=some.session_id, items=[BookingItem(ticket_type_id=some.ticket_type_id, quantity=1)]
        )
        with contextlib.suppress(AppError):  # sold out or over the limit: its statements ran all the same
            await bookings.holds.create(user, order, None)  # the limit check, the seat update, the writer
        await bookings.holds.create_batch(
            [BookingRequest(user, order, "plan-1"), BookingRequest(organizer, order, None)]
        )
        await session.rollback()
    log.close()
    await container.close()

    assert len(log.statements) > 15
    problems = []
    async with engine.connect() as connection:
        for statement, parameters in log.statements:
            if "pg_advisory" in statement:
                continue
            raw = (await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)).scalar()
            explained: Any = json.loads(raw) if isinstance(raw, str) else raw
            plan = explained[0]["Plan"]
            scans = _scans(plan)
            print(f"\n{' '.join(statement.split())[:160]}\n  -> {scans}")  # noqa: T201 - the plans are the documentation (-s)
            problems += [(statement, s) for s in scans if s[0] == "Seq Scan" and s[1] in LARGE_TABLES]
        await connection.rollback()
    assert not problems, "sequential scans on large tables:\n" + "\n".join(f"{s}: {q[:200]}" for q, s in problems)


async def _explain_all(engine: AsyncEngine, statements: list[tuple[str, Any]]) -> list[tuple[str, tuple[str, str]]]:
    problems = []
    async with engine.connect() as connection:
        for statement, parameters in statements:
            raw = (await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)).scalar()
            explained: Any = json.loads(raw) if isinstance(raw, str) else raw
            scans = _scans(explained[0]["Plan"])
            print(f"\n{' '.join(statement.split())[:160]}\n  -> {scans}")  # noqa: T201 - the plans are the documentation (-s)
            problems += [(statement, s) for s in scans if s[0] == "Seq Scan" and s[1] in LARGE_TABLES]
        await connection.rollback()
    return problems


async def test_flight_search_and_seat_queries_use_indexes(large_catalog: AsyncEngine, settings: Settings) -> None:
    engine = large_catalog
    async with engine.begin() as connection:
        for statement in FLIGHTS_FILL:
            await connection.execute(text(statement))
        busy = (
            await connection.execute(
                text(
                    "SELECT d.id, o.iata AS origin, t.iata AS destination, d.departure_date_local AS day "
                    "FROM flight_departures d JOIN airports o ON o.id = d.origin_airport_id "
                    "JOIN airports t ON t.id = d.destination_airport_id JOIN listings l ON l.id = d.route_id "
                    "WHERE d.departs_at > now() + interval '2 days' AND l.status = 'published' "
                    "ORDER BY d.departs_at LIMIT 1"
                )
            )
        ).one()
        assert await connection.scalar(text("SELECT count(*) FROM flight_departures")) > 30_000
        assert await connection.scalar(text("SELECT count(*) FROM flight_seat_assignments")) > 30_000
    container = Container.build(settings)
    log = StatementLog(engine)
    async with async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)() as session:
        search = container.flight_search(session)
        found = await search.search(
            busy.origin, busy.destination, busy.day, busy.day + timedelta(days=3), 1, "economy", 50
        )
        assert found.slices[0].options, "the departure is found"
        departures = container.departures(session)
        await departures.get(busy.id, None)
        await departures.seat_map(busy.id, None)
        await session.rollback()
    log.close()
    await container.close()
    assert len(log.statements) > 8
    problems = await _explain_all(engine, log.statements)
    assert not problems, "sequential scans on large tables:\n" + "\n".join(f"{s}: {q[:200]}" for q, s in problems)


def test_plan_walker_finds_nested_scans() -> None:
    plan = {
        "Node Type": "Nested Loop",
        "Plans": [
            {"Node Type": "Index Scan", "Relation Name": "listings"},
            {"Node Type": "Seq Scan", "Relation Name": "sessions"},
        ],
    }
    assert _scans(plan) == [("Index Scan", "listings"), ("Seq Scan", "sessions")]
