"""Catalog scaling: list and search latency with 10,000 and with 1,000,000 sessions.

    make bench-catalog      (or: backend/.venv/bin/python loadtests/bench_catalog.py --help)

For each size it fills a fresh PostgreSQL database with a catalog a few years old (listings spread over
the past three years and the next two months, ten sessions each, ticket types, venues in five cities),
starts ``tessera serve`` in production mode with the response cache switched off (so every request
reaches the database), measures the catalog list, a text search and a filtered list, and prints the
query plans of what the catalog sends (EXPLAIN ANALYZE). It ends with p95 at the largest size divided
by p95 at the smallest, per request.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BIN, ROOT, Load, drive, free_port, fresh_database, stop, wait_until_up

REQUESTS = {
    "list": "/api/v1/events?limit=20",
    "search": "/api/v1/events?q=quartet&limit=20",
    "city + kind": "/api/v1/events?city=Almaty7&kind=event&limit=20",
    "second page": "/api/v1/events?limit=20&offset=20",
}


# Titles and descriptions made of words, as people write them (and search them): 40 x 50 combinations.
ADJECTIVES = (
    "(ARRAY["
    + ",".join(
        f"'{w}'"
        for w in (
            "Golden",
            "Silent",
            "Electric",
            "Midnight",
            "Grand",
            "Little",
            "Wild",
            "Blue",
            "Velvet",
            "Northern",
            "Southern",
            "Open",
            "Secret",
            "Late",
            "Early",
            "Bright",
            "Urban",
            "Royal",
            "Free",
            "Classic",
            "Modern",
            "Young",
            "Old",
            "Summer",
            "Winter",
            "Spring",
            "Autumn",
            "Happy",
            "Dark",
            "Quiet",
            "Loud",
            "Hidden",
            "Great",
            "Final",
            "First",
            "Lucky",
            "Crystal",
            "Silver",
            "Iron",
            "Paper",
        )
    )
    + "])"
)
NOUNS = (
    "(ARRAY["
    + ",".join(
        f"'{w}'"
        for w in (
            "Jazz",
            "Opera",
            "Quartet",
            "Festival",
            "Summit",
            "Comedy",
            "Theatre",
            "Ballet",
            "Choir",
            "Orchestra",
            "Market",
            "Fair",
            "Marathon",
            "Derby",
            "Cup",
            "Match",
            "Lecture",
            "Workshop",
            "Hackathon",
            "Conference",
            "Flight",
            "Voyage",
            "Tour",
            "Cruise",
            "Party",
            "Premiere",
            "Screening",
            "Gala",
            "Recital",
            "Concert",
            "Circus",
            "Carnival",
            "Exhibition",
            "Show",
            "Night",
            "Dance",
            "Rave",
            "Session",
            "Meetup",
            "Forum",
            "Expo",
            "Parade",
            "Tasting",
            "Readings",
            "Slam",
            "Quiz",
            "Cabaret",
            "Musical",
            "Symphony",
            "Duet",
        )
    )
    + "])"
)


def fill(sessions: int) -> list[str]:
    """Statements that make ``sessions`` sessions (ten per listing) and what they need."""
    events = sessions // 10
    organizers = max(10, events // 200)
    return [
        f"""INSERT INTO users (id, email, name, password_hash, role, is_active, language, created_at, updated_at)
            SELECT gen_random_uuid(), 'org' || g || '@bench.test', 'Organizer ' || g, 'x', 'organizer', true, 'en',
                   now(), now()
            FROM generate_series(1, {organizers}) g""",
        """INSERT INTO venues (id, organizer_id, name, address, city, country, timezone, created_at, updated_at)
           SELECT gen_random_uuid(), (SELECT id FROM users ORDER BY id LIMIT 1 OFFSET g % (SELECT count(*) FROM users)),
                  'Venue ' || g, '', (ARRAY['Almaty','Astana','Shymkent','Bishkek','Tashkent'])[1 + g % 5] || g % 40,
                  'KZ', 'Asia/Almaty', now(), now()
           FROM generate_series(1, 1000) g""",
        # Three years back and two months ahead, evenly: about 5 % of listings are upcoming at any time.
        f"""WITH v AS (SELECT array_agg(id) AS ids, array_agg(organizer_id) AS owners FROM venues)
            INSERT INTO listings (id, kind, title, slug, description, category, tags, organizer_id, venue_id, status,
                                published_at, starts_at, ends_at, rating_average, rating_count, created_at,
                                updated_at)
            SELECT gen_random_uuid(), (ARRAY['event','flight','party'])[1 + g % 3],
                   {ADJECTIVES}[1 + g % 40] || ' ' || {NOUNS}[1 + (g / 40) % 50] || ' ' || g,
                   'listing-' || g,
                   'An evening of ' || {NOUNS}[1 + (g * 7) % 50] || ', ' || {ADJECTIVES}[1 + (g * 3) % 40]
                       || ' and unforgettable. Doors open an hour before. ' || md5(g::text),
                   'category' || g % 30, '[]'::jsonb,
                   v.owners[1 + g % 1000], v.ids[1 + g % 1000],
                   CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'published' END, now(),
                   now() - interval '1095 days' + (g::float / {events}) * interval '1155 days',
                   now() - interval '1094 days' + (g::float / {events}) * interval '1155 days', 0, 0, now(), now()
            FROM generate_series(1, {events}) g, v""",
        """INSERT INTO sessions (id, event_id, starts_at, ends_at, capacity, held, sold, status, created_at,
                                 updated_at)
           SELECT gen_random_uuid(), e.id, e.starts_at + n * interval '2 hours',
                  e.starts_at + n * interval '2 hours' + interval '90 minutes', 100, 0, n, 'scheduled', now(), now()
           FROM listings e, generate_series(0, 9) n""",
        "UPDATE listings SET currency = 'KZT'",  # as the first ticket type does through the service
        """INSERT INTO ticket_types (id, event_id, name, description, price, currency, max_per_order, is_active,
                                     created_at, updated_at)
           SELECT gen_random_uuid(), id, 'Standard', '', 500000, 'KZT', 10, true, now(), now() FROM listings""",
        "UPDATE listings SET archived = true WHERE ends_at <= now()",  # what the scheduler's archive job keeps up
        "VACUUM ANALYZE",  # the steady state autovacuum keeps: no dead entries from the bulk UPDATE
    ]


async def explain(dsn: str, statements: list[tuple[str, list[Any]]]) -> list[str]:
    connection = await asyncpg.connect(dsn)
    plans = []
    try:
        for sql, params in statements:
            rows = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", *params)
            plans.append(" ".join(sql.split())[:300] + "\n" + "\n".join(r[0] for r in rows))
    finally:
        await connection.close()
    return plans


async def captured_statements(database_url: str) -> list[tuple[str, list[Any]]]:
    """What the catalog really sends for the measured requests, with its parameters."""
    from datetime import timedelta

    from litestar.stores.memory import MemoryStore
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from tessera.catalog.services import CatalogQuery, CatalogService
    from tessera.config import load_settings
    from tessera.core.cache import VersionedCache
    from tessera.core.db import session_scope

    settings = load_settings({"TESSERA_DATABASE_URL": database_url})
    statements: list[tuple[str, list[Any]]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, list(parameters or ())))

    event.listen(Engine, "before_cursor_execute", record)  # every engine: session_scope makes its own
    try:
        async with session_scope(settings.database) as session:
            catalog = CatalogService(session, VersionedCache(MemoryStore(), timedelta(seconds=0)))
            await catalog.public_catalog(CatalogQuery(limit=20, offset=0))
            await catalog.public_catalog(CatalogQuery(limit=20, offset=0, q="quartet"))
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return statements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="tessera_catalog_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--sizes", default="10000,1000000", help="session counts")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4, help="few: this measures latency, not saturation")
    parser.add_argument("--output", type=Path, default=ROOT / "loadtests" / "results" / "bench_catalog.json")
    args = parser.parse_args()
    dsn = args.database_url.rsplit("/", 1)[0] + f"/{args.database}"
    results: dict[str, Any] = {"sizes": {}}
    for size in (int(s) for s in args.sizes.split(",")):
        asyncio.run(fresh_database(args.database_url, args.database))
        env = {
            **os.environ,
            "TESSERA_ENV": "production",
            "TESSERA_SECRET_KEY": secrets.token_urlsafe(48),
            "TESSERA_TICKET_KEYS": secrets.token_urlsafe(48),
            "TESSERA_PII_KEYS": "1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "TESSERA_PII_FINGERPRINT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            # No payment is taken here: the emulator, with a key of this run, stands in for the gateway.
            "TESSERA_FREEDOMPAY_EMULATOR": "true",
            "TESSERA_FREEDOMPAY_SECRET_KEY": secrets.token_urlsafe(24),
            "TESSERA_DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1),
            "TESSERA_REDIS_URL": args.redis_url,
            "TESSERA_CATALOG_CACHE_SECONDS": "0",  # every request reaches the database
            "TESSERA_LOG_LEVEL": "WARNING",
            "TESSERA_RATE_LIMIT_ENABLED": "false",
            "TESSERA_REQUIRE_EMAIL_VERIFICATION": "false",
            "TESSERA_WORKERS": "2",
        }
        subprocess.run([str(BIN / "tessera"), "migrate"], env=env, check=True, capture_output=True)
        started = time.monotonic()

        async def load(size: int) -> None:
            connection = await asyncpg.connect(dsn)
            try:
                for statement in fill(size):
                    await connection.execute(statement)
            finally:
                await connection.close()

        asyncio.run(load(size))
        print(f"\n{size:,} sessions generated in {time.monotonic() - started:.0f} s", flush=True)
        port = free_port()
        env["TESSERA_PORT"] = str(port)
        server = subprocess.Popen([str(BIN / "tessera"), "serve"], env=env, start_new_session=True)
        figures: dict[str, Any] = {}
        try:
            wait_until_up(f"http://127.0.0.1:{port}/health/ready", server)
            for name, path in REQUESTS.items():
                case = drive(Load(port=port, path=path), args.clients, args.seconds, 2)
                figures[name] = case
                print(
                    f"{name:<14} {case['per_second']:>8.1f}/s  p50 {case['p50_ms']:>7.2f} ms"
                    f"  p95 {case['p95_ms']:>7.2f}  p99 {case['p99_ms']:>7.2f}  errors {case['errors']}",
                    flush=True,
                )
        finally:
            stop(server)
        plans = asyncio.run(explain(dsn, asyncio.run(captured_statements(env["TESSERA_DATABASE_URL"]))))
        figures["plans"] = plans
        results["sizes"][str(size)] = figures
        for plan in plans:
            print("\n" + plan)
    sizes = list(results["sizes"])
    smallest, largest = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
    print(f"\np95 at {int(sizes[-1]):,} sessions / p95 at {int(sizes[0]):,} sessions")
    results["p95_ratios"] = {}
    for name in REQUESTS:
        ratio = largest[name]["p95_ms"] / smallest[name]["p95_ms"]
        results["p95_ratios"][name] = round(ratio, 2)
        print(f"  {name:<14} {smallest[name]['p95_ms']:>7.2f} ms -> {largest[name]['p95_ms']:>7.2f} ms  x{ratio:.2f}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
