"""Flights: search latency with 1,000 to 100,000 departures, and orders racing for one hot departure.

    make bench-flights      (make bench-catalog runs it too; or: backend/.venv/bin/python loadtests/bench_flights.py)

For each size it fills a fresh PostgreSQL database (``tessera migrate``; airports in SQL; a carrier, its
aircraft and its routes with their fares through the API; the departures bulk-inserted in SQL as sessions and
their ``flight_departures`` mirror rows, exactly as the flights service writes them: capacity the aircraft's
seats, sales closing an hour before, the local date at the origin, arrival after departure; then the routes
published through the API). The network grows with the size, the timetable of each route does not: every
route flies four times a day from 60 days ago to 64 days ahead, so a search answers the same number of
options at every size and only the tables grow. ``tessera serve`` runs in production mode (two workers)
and ``wrk`` drives ``GET /api/v1/flights/search`` in two traffic shapes:

- hot: one airport pair on one date, one way, over and over;
- spread: 5,000 different searches taken in turn: random routes and dates across the timetable, half of them
  round trips (``return_date``), 1 to 4 passengers, one in ten in business, one in ten between airports
  that have no flight.

The servers of all sizes run side by side and the sizes are measured in turn, ``--rounds`` times (3), so that
a drift in the machine's other load touches every size alike; each size's figure is its round with the median
p95 (every round is kept in the JSON). It prints p50/p95/p99 and requests/s per size and shape, p95 at the
largest size over p95 at the smallest (of the medians, and round by round),
and EXPLAIN ANALYZE of every statement one search sends (captured from the application as it runs the
search), flagging sequential scans of tables with more than 10,000 rows.

Then, on the largest database, orders (``POST /api/v1/flights/orders``, 64 connections, each request from
the next of 400 buyers, every passenger with a passport never used before) in three shapes: one passenger an
order on one hot A320 departure (156 economy seats) until it is sold out and beyond, two passengers an order
on another, and one passenger an order spread over 8 wide-body departures (850 seats each, not sold out).
After each it checks in SQL that no departure is oversold: live seat assignments equal the session's
held + sold and never exceed its capacity, no seat and no passport is live twice, every order has a live
seat for each passenger, and the orders in the database are the 201 answers wrk counted.

Before every measured case it notes the load average and how busy the CPU was in the two seconds before
(other processes may share the machine), waiting up to ``--settle-seconds`` for it to be quiet.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BIN, ROOT, free_port, fresh_database, stop, wait_until_up, wrk

PASSWORD = "bench-password-123"
DAYS_BACK, DAYS_AHEAD, PER_DAY = 60, 64, 4  # every route's timetable: 125 days, four flights a day
PER_ROUTE = (DAYS_BACK + DAYS_AHEAD + 1) * PER_DAY
LARGE_TABLE_ROWS = 10_000

# Real airports in 20 time zones (some with daylight saving), so local dates are computed as in production.
AIRPORTS = [
    ("ALA", "Almaty", "KZ", "Asia/Almaty"),
    ("NQZ", "Astana", "KZ", "Asia/Almaty"),
    ("CIT", "Shymkent", "KZ", "Asia/Almaty"),
    ("GUW", "Atyrau", "KZ", "Asia/Atyrau"),
    ("AKX", "Aktobe", "KZ", "Asia/Aqtobe"),
    ("SCO", "Aktau", "KZ", "Asia/Aqtau"),
    ("KGF", "Karaganda", "KZ", "Asia/Almaty"),
    ("PWQ", "Pavlodar", "KZ", "Asia/Almaty"),
    ("UKK", "Oskemen", "KZ", "Asia/Almaty"),
    ("URA", "Oral", "KZ", "Asia/Oral"),
    ("FRU", "Bishkek", "KG", "Asia/Bishkek"),
    ("OSS", "Osh", "KG", "Asia/Bishkek"),
    ("TAS", "Tashkent", "UZ", "Asia/Tashkent"),
    ("SKD", "Samarkand", "UZ", "Asia/Samarkand"),
    ("DYU", "Dushanbe", "TJ", "Asia/Dushanbe"),
    ("ASB", "Ashgabat", "TM", "Asia/Ashgabat"),
    ("GYD", "Baku", "AZ", "Asia/Baku"),
    ("TBS", "Tbilisi", "GE", "Asia/Tbilisi"),
    ("EVN", "Yerevan", "AM", "Asia/Yerevan"),
    ("IST", "Istanbul", "TR", "Europe/Istanbul"),
    ("DXB", "Dubai", "AE", "Asia/Dubai"),
    ("DOH", "Doha", "QA", "Asia/Qatar"),
    ("SVO", "Moscow", "RU", "Europe/Moscow"),
    ("LED", "Saint Petersburg", "RU", "Europe/Moscow"),
    ("OVB", "Novosibirsk", "RU", "Asia/Novosibirsk"),
    ("URC", "Urumqi", "CN", "Asia/Urumqi"),
    ("PEK", "Beijing", "CN", "Asia/Shanghai"),
    ("ICN", "Seoul", "KR", "Asia/Seoul"),
    ("DEL", "Delhi", "IN", "Asia/Kolkata"),
    ("FRA", "Frankfurt", "DE", "Europe/Berlin"),
    ("LHR", "London", "GB", "Europe/London"),
    ("JFK", "New York", "US", "America/New_York"),
]
FARES = [
    {"name": "Economy Light", "cabin": "economy", "price": 2_500_000},
    {"name": "Economy Flex", "cabin": "economy", "price": 3_900_000, "refundable": True, "changeable": True},
    {"name": "Business", "cabin": "business", "price": 9_000_000, "refundable": True, "checked_bags": 2},
]
NARROW_BODY = {  # 16 business + 156 economy seats
    "model": "Airbus A320-200",
    "cabins": [
        {"cabin": "business", "first_row": 1, "last_row": 4, "layout": "AC-DF"},
        {"cabin": "economy", "first_row": 5, "last_row": 30, "layout": "ABC-DEF"},
    ],
    "exit_rows": [12, 13],
}
WIDE_BODY = {  # 850 economy seats: the spread orders, which should not sell out
    "model": "Bench Wide-body",
    "cabins": [{"cabin": "economy", "first_row": 1, "last_row": 85, "layout": "ABC-DEFG-HJK"}],
}

# Departures in SQL, as ``Departures.add`` writes them: one session and its mirror row each, local times at the
# origin resolved in its zone (06:xx, 10:xx, 14:xx and 18:xx: never in a daylight-saving gap), one in fifty
# cancelled (session and mirror both) as carriers do; then each listing's span, as the catalog keeps it.
FILL_DEPARTURES = f"""
CREATE TEMP TABLE bench_slots AS
SELECT gen_random_uuid() AS id, r.id AS route_id, r.origin_airport_id, r.destination_airport_id,
       a.id AS aircraft_id, a.seat_count, local_day,
       (local_day + make_interval(hours => 6 + 4 * k, mins => ((r.n * 7) % 60)::int))
           AT TIME ZONE o.timezone AS departs_at,
       make_interval(mins => (60 + (r.n * 37) % 300)::int) AS duration,
       CASE WHEN (r.n + d + k) % 50 = 0 THEN 'cancelled' ELSE 'scheduled' END AS status
FROM (SELECT *, row_number() OVER (ORDER BY flight_number) AS n FROM flight_routes) r
JOIN airports o ON o.id = r.origin_airport_id
JOIN aircraft a ON a.id = r.default_aircraft_id
CROSS JOIN generate_series(-{DAYS_BACK}, {DAYS_AHEAD}) d
CROSS JOIN generate_series(0, {PER_DAY - 1}) k
CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE o.timezone)::date + d AS local_day) l
WHERE r.id = ANY($1::uuid[]);

INSERT INTO sessions (id, event_id, starts_at, ends_at, capacity, held, sold, status, sales_end_at,
                      created_at, updated_at)
SELECT id, route_id, departs_at, departs_at + duration, seat_count, 0, 0, status,
       departs_at - interval '60 minutes', now(), now()
FROM bench_slots;

INSERT INTO flight_departures (id, route_id, origin_airport_id, destination_airport_id, aircraft_id, departs_at,
                               arrives_at, departure_date_local, status, created_at, updated_at)
SELECT id, route_id, origin_airport_id, destination_airport_id, aircraft_id, departs_at, departs_at + duration,
       local_day, status, now(), now()
FROM bench_slots;

UPDATE listings l SET starts_at = s.first, ends_at = s.last
FROM (SELECT event_id, min(starts_at) AS first, max(ends_at) AS last FROM sessions
      WHERE status = 'scheduled' GROUP BY event_id) s
WHERE l.id = s.event_id;

DROP TABLE bench_slots;
"""

# What must hold of the generated departures (each count must be 0).
CONSISTENCY = {
    "mirror rows without their session, or differing from it": """
        SELECT count(*) FROM flight_departures d LEFT JOIN sessions s ON s.id = d.id
        WHERE s.id IS NULL OR s.event_id <> d.route_id OR s.starts_at <> d.departs_at OR s.ends_at <> d.arrives_at
           OR s.status <> d.status""",
    "sessions of routes without a mirror row": """
        SELECT count(*) FROM sessions s JOIN flight_routes r ON r.id = s.event_id
        LEFT JOIN flight_departures d ON d.id = s.id WHERE d.id IS NULL""",
    "capacity other than the aircraft's seats": """
        SELECT count(*) FROM flight_departures d JOIN sessions s ON s.id = d.id JOIN aircraft a ON a.id = d.aircraft_id
        WHERE s.capacity <> a.seat_count""",
    "local date other than the departure's date at the origin": """
        SELECT count(*) FROM flight_departures d JOIN airports o ON o.id = d.origin_airport_id
        WHERE d.departure_date_local <> (d.departs_at AT TIME ZONE o.timezone)::date""",
    "airports other than the route's": """
        SELECT count(*) FROM flight_departures d JOIN flight_routes r ON r.id = d.route_id
        WHERE d.origin_airport_id <> r.origin_airport_id OR d.destination_airport_id <> r.destination_airport_id""",
}


class Api:
    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=60)

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json()

    def account(self, email: str, role: str = "participant") -> str:
        self.call("POST", "/auth/register", json={"email": email, "password": PASSWORD, "name": email, "role": role})
        token: str = self.call("POST", "/auth/token", json={"email": email, "password": PASSWORD})["access_token"]
        return token

    def sign_in(self, email: str) -> str:
        """A fresh access token (they expire: a run outlives the first ones)."""
        token: str = self.call("POST", "/auth/token", json={"email": email, "password": PASSWORD})["access_token"]
        return token

    def route(self, token: str, number: int, origin: str, destination: str, aircraft: dict[str, Any]) -> dict[str, Any]:
        cabins = {c["cabin"] for c in aircraft["cabins"]}
        body = {
            "flight_number": f"TS{number}",
            "origin": origin,
            "destination": destination,
            "aircraft_id": aircraft["id"],
            "fares": [f for f in FARES if f["cabin"] in cabins],
        }
        route: dict[str, Any] = self.call("POST", "/flights/routes", token, json=body)
        return route


def server_env(dsn: str, redis_url: str, port: int) -> dict[str, str]:
    """Production mode, as bench_booking.py starts it: secrets of this run, the payment emulator (nothing is
    paid here), rate limits off (one machine plays every traveller), cheap password hashing (accounts are
    made by the hundred; sign-in cost is not what this measures)."""
    return {
        **os.environ,
        "TESSERA_ENV": "production",
        "TESSERA_SECRET_KEY": secrets.token_urlsafe(48),
        "TESSERA_TICKET_KEYS": secrets.token_urlsafe(48),
        "TESSERA_PII_KEYS": "1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "TESSERA_PII_FINGERPRINT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "TESSERA_FREEDOMPAY_EMULATOR": "true",
        "TESSERA_FREEDOMPAY_SECRET_KEY": secrets.token_urlsafe(24),
        "TESSERA_DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1),
        "TESSERA_REDIS_URL": redis_url,
        "TESSERA_PORT": str(port),
        "TESSERA_HOST": "127.0.0.1",
        "TESSERA_WORKERS": "2",
        "TESSERA_RATE_LIMIT_ENABLED": "false",
        "TESSERA_REQUIRE_EMAIL_VERIFICATION": "false",  # its accounts sign up and pay at once
        "TESSERA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TESSERA_COOKIE_SECURE": "false",
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "1024",
    }


# -- the machine's other load -------------------------------------------------------------------------------


def _cpu_times() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_share(seconds: float = 2.0) -> float:
    busy, total = _cpu_times()
    time.sleep(seconds)
    busy2, total2 = _cpu_times()
    return (busy2 - busy) / max(1, total2 - total)


def settle(limit: float, seconds: float) -> dict[str, Any]:
    """Wait (bounded) until the machine is quiet before a measurement: under ``limit`` of the CPU busy in the
    two seconds before (the server under test is idle then, so this is everyone else). Returns what it saw."""
    deadline = time.monotonic() + seconds
    waited = 0.0
    while True:
        share = busy_share()
        if share <= limit or time.monotonic() >= deadline:
            break
        time.sleep(5)
        waited += 7
    load = [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    return {"loadavg": load, "busy_before": round(share, 3), "waited_s": round(waited)}


# -- filling the database -----------------------------------------------------------------------------------


async def insert_airports(dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.executemany(
            """INSERT INTO airports (id, iata, icao, name, city, subdivision, country, latitude, longitude, timezone,
                                     is_active, source, created_at, updated_at)
               VALUES (gen_random_uuid(), $1, NULL, $2 || ' International Airport', $2, '', $3, 0, 0, $4, true,
                       'bench', now(), now())""",
            AIRPORTS,
        )
    finally:
        await connection.close()


async def sql(dsn: str, statement: str, *args: Any, fetch: bool = False) -> Any:
    connection = await asyncpg.connect(dsn)
    try:
        if fetch:
            return await connection.fetch(statement, *args)
        return await connection.execute(statement, *args)
    finally:
        await connection.close()


async def fill_departures(dsn: str, route_ids: list[str]) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            statements = [s for s in FILL_DEPARTURES.split(";\n") if s.strip()]
            for statement in statements:
                if "$1" in statement:
                    await connection.execute(statement, [uuid.UUID(r) for r in route_ids])
                else:
                    await connection.execute(statement)
        return {name: await connection.fetchval(query) for name, query in CONSISTENCY.items()}
    finally:
        await connection.close()


def airport_pairs(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` different unordered airport pairs, the first always Almaty-Astana (the hot search)."""
    codes = [a[0] for a in AIRPORTS]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :] if (a, b) != ("ALA", "NQZ")]
    rng.shuffle(pairs)
    return [("ALA", "NQZ"), *pairs[: count - 1]]


def build_network(api: Api, dsn: str, size: int, rng: random.Random) -> dict[str, Any]:
    """A carrier, its aircraft and ``size`` departures on routes flown both ways, published."""
    carrier = api.account("carrier@bench.test", "organizer")
    aircraft = api.call("POST", "/flights/aircraft", carrier, json=NARROW_BODY)
    pairs = airport_pairs(max(1, round(size / (2 * PER_ROUTE))), rng)
    routes = []
    for n, (origin, destination) in enumerate(pairs):
        out = api.route(carrier, 100 + 2 * n, origin, destination, aircraft)
        back = api.call(
            "POST", f"/flights/routes/{out['id']}/return", carrier, json={"flight_number": f"TS{101 + 2 * n}"}
        )
        routes += [out, back]
    consistency = asyncio.run(fill_departures(dsn, [r["id"] for r in routes]))
    broken = {k: v for k, v in consistency.items() if v}
    if broken:
        raise SystemExit(f"the generated departures are inconsistent: {broken}")
    for route in routes:
        api.call("POST", f"/flights/routes/{route['id']}/publish", carrier)
    counts = asyncio.run(
        sql(
            dsn,
            """SELECT (SELECT count(*) FROM flight_departures) AS departures,
                      (SELECT count(*) FROM flight_departures WHERE status = 'scheduled') AS scheduled,
                      (SELECT count(*) FROM sessions) AS sessions""",
            fetch=True,
        )
    )
    asyncio.run(sql(dsn, "VACUUM ANALYZE"))
    asyncio.run(sql(dsn, "CHECKPOINT"))
    return {"carrier": carrier, "routes": routes, "pairs": pairs, **dict(counts[0])}


# -- search -------------------------------------------------------------------------------------------------


def today_at(code: str) -> date:
    zone = next(a[3] for a in AIRPORTS if a[0] == code)
    return datetime.now(ZoneInfo(zone)).date()


def hot_search() -> str:
    return f"/api/v1/flights/search?origin=ALA&destination=NQZ&departure_date={today_at('ALA') + timedelta(days=7)}"


def spread_searches(pairs: list[tuple[str, str]], count: int, rng: random.Random) -> list[str]:
    served = {frozenset(p) for p in pairs}
    codes = [a[0] for a in AIRPORTS]
    unserved = [(a, b) for a in codes for b in codes if a != b and frozenset((a, b)) not in served]
    paths = []
    for _ in range(count):
        if rng.random() < 0.1 and unserved:
            origin, destination = rng.choice(unserved)
        else:
            origin, destination = rng.choice(pairs)
            if rng.random() < 0.5:
                origin, destination = destination, origin
        day = today_at(origin) + timedelta(days=rng.randint(1, DAYS_AHEAD - 5))
        path = f"/api/v1/flights/search?origin={origin}&destination={destination}&departure_date={day}"
        if rng.random() < 0.5:
            path += f"&return_date={day + timedelta(days=rng.randint(0, 4))}"
        path += f"&passengers={rng.randint(1, 4)}"
        if rng.random() < 0.1:
            path += "&cabin=business"
        paths.append(path)
    return paths


async def captured_statements(database_url: str, origin: str, destination: str, day: date) -> list[dict[str, Any]]:
    """What one search really sends (a round trip: both slices), with its parameters, from the application's
    own services as the API builds them."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from tessera.config import load_settings
    from tessera.server.container import Container

    container = Container.build(load_settings({"TESSERA_DATABASE_URL": database_url}))
    statements: list[dict[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append({"sql": statement, "params": list(parameters or ())})

    event.listen(Engine, "before_cursor_execute", record)
    try:
        async with container.sessions() as session:
            found = await container.flight_search(session).search(
                origin, destination, day, day + timedelta(days=3), 1, "economy", 50
            )
    finally:
        event.remove(Engine, "before_cursor_execute", record)
        await container.close()
    print(f"captured search: {sum(len(s.options) for s in found.slices)} options in {len(found.slices)} slices")
    return statements


async def explain(dsn: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    connection = await asyncpg.connect(dsn)
    plans = []
    try:
        sizes = {
            r["relname"]: int(r["reltuples"])
            for r in await connection.fetch("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        }
        for s in statements:
            rows = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {s['sql']}", *s["params"])
            plan = "\n".join(r[0] for r in rows)
            scans = re.findall(r"Seq Scan on (\w+)", plan)
            large = sorted({t for t in scans if sizes.get(t, 0) > LARGE_TABLE_ROWS})
            executed = re.search(r"Execution Time: ([\d.]+) ms", plan)
            plans.append(
                {
                    "sql": " ".join(s["sql"].split())[:400],
                    "plan": plan,
                    "execution_ms": float(executed[1]) if executed else None,
                    "seq_scans": sorted(set(scans)),
                    "seq_scans_of_large_tables": {t: sizes[t] for t in large},
                }
            )
    finally:
        await connection.close()
    return plans


# -- orders -------------------------------------------------------------------------------------------------


def order_targets(
    api: Api, carrier: str, origin: str, destination: str, aircraft: dict[str, Any], count: int, number: int
) -> tuple[str, list[tuple[str, str]]]:
    """A published route with ``count`` departures 10 days ahead: its id and (departure id, economy fare id)."""
    route = api.route(carrier, number, origin, destination, aircraft)
    fare = next(f["id"] for f in route["fares"] if f["name"] == "Economy Light")
    first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=10)
    departures = []
    for i in range(count):
        departs = first + timedelta(hours=3 * i)
        made = api.call(
            "POST",
            f"/flights/routes/{route['id']}/departures",
            carrier,
            json={
                "departs_at": departs.isoformat(),
                "arrives_at": (departs + timedelta(minutes=95)).isoformat(),
                "aircraft_id": aircraft["id"],
            },
        )
        departures += [d["id"] for d in made["items"]]
    api.call("POST", f"/flights/routes/{route['id']}/publish", carrier)
    return route["id"], [(d, fare) for d in departures]


async def verify_orders(dsn: str, departure_ids: list[str]) -> dict[str, Any]:
    ids = [uuid.UUID(d) for d in departure_ids]
    connection = await asyncpg.connect(dsn)
    try:
        per_departure = await connection.fetch(
            """SELECT s.id, s.capacity, s.held, s.sold,
                      (SELECT count(*) FROM flight_seat_assignments a
                       WHERE a.departure_id = s.id AND a.status = 'live') AS live_seats,
                      (SELECT coalesce(sum(b.quantity), 0) FROM bookings b
                       WHERE b.session_id = s.id AND b.status IN ('pending_payment', 'confirmed')) AS booked
               FROM sessions s WHERE s.id = ANY($1) ORDER BY s.starts_at""",
            ids,
        )
        seats_twice = await connection.fetchval(
            """SELECT count(*) FROM (SELECT 1 FROM flight_seat_assignments WHERE departure_id = ANY($1)
               AND status = 'live' GROUP BY departure_id, seat_code HAVING count(*) > 1) x""",
            ids,
        )
        passports_twice = await connection.fetchval(
            """SELECT count(*) FROM (SELECT 1 FROM flight_seat_assignments WHERE departure_id = ANY($1)
               AND status = 'live' GROUP BY departure_id, document_fingerprint HAVING count(*) > 1) x""",
            ids,
        )
        orders = await connection.fetchval(
            "SELECT count(DISTINCT order_id) FROM flight_order_legs WHERE departure_id = ANY($1)", ids
        )
        # Every order (so every 201) has a live seat for each of its passengers on its leg.
        orders_missing_seats = await connection.fetchval(
            """SELECT count(*) FROM flight_orders o JOIN flight_order_legs l ON l.order_id = o.id
               WHERE l.departure_id = ANY($1) AND o.passenger_count <> (
                   SELECT count(*) FROM flight_seat_assignments a WHERE a.booking_id = l.booking_id
                   AND a.status = 'live')""",
            ids,
        )
    finally:
        await connection.close()
    rows = [dict(r) for r in per_departure]
    return {
        "departures": len(rows),
        "capacity": sum(r["capacity"] for r in rows),
        "live_seats": sum(r["live_seats"] for r in rows),
        "held_plus_sold": sum(r["held"] + r["sold"] for r in rows),
        "oversold_departures": sum(
            r["live_seats"] > r["capacity"] or r["held"] + r["sold"] > r["capacity"] for r in rows
        ),
        "departures_whose_live_seats_differ_from_held_plus_sold": sum(
            r["live_seats"] != r["held"] + r["sold"] for r in rows
        ),
        "departures_whose_bookings_differ_from_held_plus_sold": sum(r["booked"] != r["held"] + r["sold"] for r in rows),
        "seats_live_twice": seats_twice,
        "passports_live_twice": passports_twice,
        "orders": orders,
        "orders_missing_seats": orders_missing_seats,
    }


async def selling_window(dsn: str, departure_ids: list[str]) -> float | None:
    """Seconds from the first order to the last on these departures (how fast they sold)."""
    connection = await asyncpg.connect(dsn)
    try:
        span = await connection.fetchval(
            """SELECT extract(epoch FROM max(o.created_at) - min(o.created_at)) FROM flight_orders o
               WHERE o.id IN (SELECT order_id FROM flight_order_legs WHERE departure_id = ANY($1))""",
            [uuid.UUID(d) for d in departure_ids],
        )
    finally:
        await connection.close()
    return float(span) if span is not None else None


def code_version() -> dict[str, Any]:
    """The commit measured, and the backend files changed in the working tree (others may be editing it)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    changed = git("status", "--short", "--", "backend/src")
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_backend_files": len(changed.splitlines())}


# -- the run ------------------------------------------------------------------------------------------------


def line(name: str, case: dict[str, Any]) -> str:
    return (
        f"{name:<32} {case['per_second']:>8.1f}/s  p50 {case['p50_ms']:>7.2f} ms  p95 {case['p95_ms']:>7.2f}"
        f"  p99 {case['p99_ms']:>7.2f}  non-2xx/errors {case['errors']}  load {case['machine']['loadavg'][0]:.2f}"
        f"  busy before {case['machine']['busy_before']:.0%}"
    )


def report_plans(plans: list[dict[str, Any]]) -> None:
    print(f"\n{len(plans)} statements in one round-trip search (both slices), EXPLAIN ANALYZE:")
    for p in plans:
        flag = (
            f"  <-- SEQ SCAN of a large table: {p['seq_scans_of_large_tables']}"
            if p["seq_scans_of_large_tables"]
            else ""
        )
        print(f"\n{p['sql'][:300]}\n{p['plan']}{flag}")
    flagged = [p for p in plans if p["seq_scans_of_large_tables"]]
    print(f"\nsequential scans of tables over {LARGE_TABLE_ROWS:,} rows: {len(flagged)} statement(s)")
    for p in flagged:
        print(f"  {p['seq_scans_of_large_tables']}: {p['sql'][:160]}")
    print(f"database execution time of the search's statements: {sum(p['execution_ms'] or 0 for p in plans):.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="tessera_flights_bench", help="prefix: one fresh database per size")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--sizes", default="1000,10000,100000", help="departure counts")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each search case")
    parser.add_argument("--rounds", type=int, default=3, help="search: the sizes measured in turn, this many times")
    parser.add_argument("--connections", type=int, default=4, help="search: few, this measures latency")
    parser.add_argument("--order-seconds", type=float, default=15.0, help="length of each order case")
    parser.add_argument("--order-connections", type=int, default=64)
    parser.add_argument("--buyers", type=int, default=400, help="accounts the orders take in turn")
    parser.add_argument("--no-orders", action="store_true", help="search only")
    parser.add_argument("--quiet-share", type=float, default=0.25, help="CPU share others may use before a case")
    parser.add_argument("--settle-seconds", type=float, default=60, help="longest wait for that, per case")
    parser.add_argument("--output", type=Path, default=ROOT / "loadtests" / "results" / "bench_flights.json")
    args = parser.parse_args()
    rng = random.Random(16)
    files = Path(tempfile.mkdtemp(prefix="bench-flights-"))
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}, "code": code_version(), "sizes": {}}
    print(f"code: {results['code']}", flush=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True, capture_output=True)
    # One database and one server per size, all up at once, so that the sizes can be measured in turn: a
    # slow drift of the machine's other load then touches every size alike.
    stacks: dict[int, dict[str, Any]] = {}
    sound = True
    try:
        for size in sizes:
            name = f"{args.database}_{size}"
            dsn = args.database_url.rsplit("/", 1)[0] + f"/{name}"
            asyncio.run(fresh_database(args.database_url, name))
            port = free_port()
            env = server_env(dsn, args.redis_url, port)
            subprocess.run([str(BIN / "tessera"), "migrate"], env=env, check=True, capture_output=True)
            asyncio.run(insert_airports(dsn))
            server = subprocess.Popen(
                [str(BIN / "tessera"), "serve"], env=env, start_new_session=True, stdout=subprocess.DEVNULL
            )
            base = f"http://127.0.0.1:{port}"
            stacks[size] = {"dsn": dsn, "env": env, "server": server, "base": base}
            wait_until_up(f"{base}/health/ready", server)
            api = Api(base)
            started = time.monotonic()
            network = build_network(api, dsn, size, rng)
            stacks[size].update(api=api, network=network)
            results["sizes"][str(size)] = {
                "network": {
                    **{k: network[k] for k in ("departures", "scheduled", "sessions")},
                    "routes": len(network["routes"]),
                },
                "rounds": {"hot": [], "spread": []},
            }
            hot = hot_search()
            probe = api.call("GET", hot.removeprefix("/api/v1"))
            print(
                f"\n{network['departures']:,} departures ({network['scheduled']:,} scheduled) on"
                f" {len(network['routes'])} routes, made in {time.monotonic() - started:.0f} s;"
                f" the hot search answers {len(probe['slices'][0]['options'])} options: {hot}",
                flush=True,
            )
            (files / f"hot-{size}").write_text(hot)
            (files / f"spread-{size}").write_text("\n".join(spread_searches(network["pairs"], 5000, rng)))
        for round_ in range(1, args.rounds + 1):
            print(f"\nround {round_} of {args.rounds}", flush=True)
            for shape in ("hot", "spread"):
                for size in sizes:
                    machine = settle(args.quiet_share, args.settle_seconds)
                    case = wrk(
                        stacks[size]["base"],
                        "get.lua",
                        connections=args.connections,
                        seconds=args.seconds,
                        env={"BENCH_PATHS": str(files / f"{shape}-{size}")},
                    )
                    case["machine"] = machine
                    results["sizes"][str(size)]["rounds"][shape].append(case)
                    print(line(f"search, {shape}, {size:,}", case), flush=True)
        largest = stacks[sizes[-1]]
        if not args.no_orders:
            results["orders"] = orders(largest["api"], largest["network"]["carrier"], largest["dsn"], files, args)
            sound = all(o["sound"] for o in results["orders"].values())
    finally:
        for stack in stacks.values():
            stop(stack["server"])
    for size in sizes:
        stack = stacks[size]
        day = today_at("ALA") + timedelta(days=7)
        statements = asyncio.run(captured_statements(stack["env"]["TESSERA_DATABASE_URL"], "ALA", "NQZ", day))
        plans = asyncio.run(explain(stack["dsn"], statements))
        results["sizes"][str(size)]["plans"] = plans
        print(f"\n-- {size:,} departures")
        report_plans(plans)
    if args.rounds == 0:  # orders only
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2, default=str))
        print(f"written {args.output}")
        return 0 if sound else 1
    # Each size's figure: the round with the median p95 (every round is kept in the JSON).
    print("\nsearch, the round with the median p95 of each size and shape:")
    for size in sizes:
        figures = results["sizes"][str(size)]
        for shape in ("hot", "spread"):
            rounds = sorted(figures["rounds"][shape], key=lambda c: c["p95_ms"])
            figures[shape] = rounds[len(rounds) // 2]
            print(line(f"search, {shape}, {size:,}", figures[shape]))
            print(f"{'':<32} p95 of each round: {', '.join(str(c['p95_ms']) for c in figures['rounds'][shape])}")
    # A round is quiet when, before each of its cases, the rest of the machine used at most --quiet-share.
    quiet = [
        all(
            figures["rounds"][shape][i]["machine"]["busy_before"] <= args.quiet_share
            for figures in results["sizes"].values()
            for shape in ("hot", "spread")
        )
        for i in range(args.rounds)
    ]
    results["quiet_rounds"] = [i + 1 for i, q in enumerate(quiet) if q]
    print(
        f"\nquiet rounds (others used at most {args.quiet_share:.0%} of the CPU before each case): "
        f"{results['quiet_rounds'] or 'none'}"
    )
    print(f"search p95 at {sizes[-1]:,} departures / p95 at {sizes[0]:,} departures")
    smallest, biggest = results["sizes"][str(sizes[0])], results["sizes"][str(sizes[-1])]
    results["p95_ratios"] = {}
    for shape in ("hot", "spread"):
        ratio = biggest[shape]["p95_ms"] / smallest[shape]["p95_ms"]
        per_round = [
            round(b["p95_ms"] / s["p95_ms"], 2)
            for s, b in zip(smallest["rounds"][shape], biggest["rounds"][shape], strict=True)
        ]
        calm = [r for r, q in zip(per_round, quiet, strict=True) if q]
        results["p95_ratios"][shape] = {"of_medians": round(ratio, 2), "per_round": per_round, "quiet_rounds": calm}
        print(
            f"  {shape:<8} {smallest[shape]['p95_ms']:>7.2f} ms -> {biggest[shape]['p95_ms']:>7.2f} ms  x{ratio:.2f}"
            f"  (round by round: {', '.join(f'x{r:.2f}' for r in per_round)};"
            f" quiet rounds: {', '.join(f'x{r:.2f}' for r in calm) or 'none'})"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str))
    print(f"written {args.output}")
    return 0 if sound else 1


def orders(api: Api, carrier: str, dsn: str, files: Path, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\norders: making {args.buyers} buyers ...", flush=True)
    (files / "tokens").write_text("\n".join(api.account(f"buyer{i}@bench.test") for i in range(args.buyers)))
    carrier = api.sign_in("carrier@bench.test")  # the token made with the network may have expired
    narrow = api.call("POST", "/flights/aircraft", carrier, json={**NARROW_BODY, "registration": "UP-B0001"})
    wide = api.call("POST", "/flights/aircraft", carrier, json=WIDE_BODY)
    shapes = {
        "one hot departure, 1 passenger an order": (order_targets(api, carrier, "ALA", "DXB", narrow, 1, 9001), 1),
        "one hot departure, 2 passengers an order": (order_targets(api, carrier, "ALA", "IST", narrow, 1, 9003), 2),
        "8 wide-body departures, 1 passenger an order": (order_targets(api, carrier, "ALA", "TAS", wide, 8, 9005), 1),
    }
    out: dict[str, Any] = {}
    for name, ((_, targets), passengers) in shapes.items():
        path = files / f"targets-{passengers}-{len(targets)}"
        path.write_text("\n".join(f"{d} {f}" for d, f in targets))
        codes_file = files / f"codes-{len(out)}"
        asyncio.run(sql(dsn, "CHECKPOINT"))
        machine = settle(args.quiet_share, args.settle_seconds)
        case = wrk(
            f"http://127.0.0.1:{api.http.base_url.port}",
            "flight_orders.lua",
            connections=args.order_connections,
            seconds=args.order_seconds,
            env={
                "BENCH_TOKENS": str(files / "tokens"),
                "BENCH_TARGETS": str(path),
                "BENCH_PASSENGERS": str(passengers),
                "BENCH_CODES": str(codes_file),
            },
        )
        case["machine"] = machine
        case["answers"] = json.loads(codes_file.read_text())
        departure_ids = [d for d, _ in targets]
        check = asyncio.run(verify_orders(dsn, departure_ids))
        window = asyncio.run(selling_window(dsn, departure_ids))
        created = case["answers"].get("201", 0)
        case["verification"] = check
        case["selling_seconds"] = window
        case["orders_per_second_while_selling"] = round(check["orders"] / window, 1) if window else None
        # wrk stops counting at the end of its window: requests then in flight (at most one per connection)
        # may still have been booked, unseen. On a departure sold out before the end, none can be.
        unseen = check["orders"] - created
        case["sound"] = (
            check["oversold_departures"] == 0
            and check["departures_whose_live_seats_differ_from_held_plus_sold"] == 0
            and check["departures_whose_bookings_differ_from_held_plus_sold"] == 0
            and check["seats_live_twice"] == 0
            and check["passports_live_twice"] == 0
            and check["orders_missing_seats"] == 0
            and 0 <= unseen <= args.order_connections
            and check["orders"] > 0
        )
        out[name] = case
        print(line(name, case), flush=True)
        print(
            f"  answers {json.dumps(case['answers'], sort_keys=True)}; {check['orders']} orders in"
            f" {window or 0:.1f} s ({case['orders_per_second_while_selling']}/s while selling);"
            f" seats {check['live_seats']} live of {check['capacity']}, held+sold {check['held_plus_sold']}",
            flush=True,
        )
        print(f"  verification {json.dumps(check)}: {'sound' if case['sound'] else 'BROKEN'}", flush=True)
    return out


if __name__ == "__main__":
    sys.exit(main())
