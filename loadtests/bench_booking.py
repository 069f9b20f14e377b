"""Booking benchmark: Tessera over HTTP against the database's own ceiling, measured in one run.

    make bench            (or: backend/.venv/bin/python loadtests/bench_booking.py --help)

It creates a fresh PostgreSQL database, starts ``tessera serve`` in production mode (PostgreSQL + Redis,
two workers, the default log level) and a bare Litestar "hello" app the same way, makes the data it needs
through the API, then measures with C load generators, so the client does not take the server's CPU:

- the ceiling: ``pgbench``, 64 connections, each transaction the naive single-statement booking
  (``WITH u AS (UPDATE sessions ... RETURNING) INSERT INTO bookings ...``), on one hot session and spread
  over 1,000 sessions;
- Tessera, ``POST /api/v1/bookings`` with ``wrk`` (a fresh Idempotency-Key per request, each request from the
  next of 2,000 buyers, so that nobody holds more seats than people do), in three traffic shapes on the hot
  session: a closed loop (64 connections, each sends again when answered), several requests in flight per
  buyer (256 connections, all from the same 64 buyers), and an open loop (Poisson arrivals at a
  fixed offered rate, stepped up until p99 passes 1 s; the highest rate served whole with p99 <= 250 ms is
  reported); and the closed loop over 1,000 sessions;
- reads: cached ``GET /api/v1/events``, uncached ``GET /api/v1/sessions/{id}/availability`` and the bare
  framework endpoint.

Afterwards it checks that no session is oversold and every booking made over HTTP has exactly its rows.
It prints one table with the ratios and writes the figures as JSON.
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
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BIN, ROOT, WRK_THREADS, free_port, fresh_database, pgbench, stop, wait_until_up, wrk

PASSWORD = "bench-password-123"
# The naive booking, one statement per transaction: take a seat if one is free, and write the booking.
NAIVE_BOOKING = """\\set n random(1, {rows})
WITH t AS (SELECT session_id, event_id, user_id FROM {table} WHERE n = :n),
u AS (UPDATE sessions s SET held = s.held + 1 FROM t
      WHERE s.id = t.session_id AND s.sold + s.held + 1 <= s.capacity
      RETURNING s.id, t.event_id, t.user_id)
INSERT INTO bookings (id, reference, user_id, session_id, event_id, status, quantity, total, currency,
                      expires_at, created_at, updated_at)
SELECT gen_random_uuid(), '0' || lpad(to_hex(nextval('bench_reference')), 5, '0'), u.user_id, u.id, u.event_id,
       'pending_payment', 1, 100000, 'KZT', now() + interval '15 minutes', now(), now() FROM u;
"""


class Api:
    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=30)

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json()

    def account(self, email: str, role: str = "participant") -> tuple[str, str]:
        self.call("POST", "/auth/register", json={"email": email, "password": PASSWORD, "name": email, "role": role})
        token = self.call("POST", "/auth/token", json={"email": email, "password": PASSWORD})["access_token"]
        return token, self.call("GET", "/auth/me", token)["id"]

    def listing(self, token: str, title: str, sessions: int, capacity: int) -> dict[str, Any]:
        venue = {
            "name": "Bench Hall",
            "address": "1 Main St",
            "city": "Almaty",
            "country": "KZ",
            "timezone": "Asia/Almaty",
        }
        event = self.call(
            "POST",
            "/events",
            token,
            json={"kind": "event", "title": title, "description": "Benchmark", "category": "concerts", "venue": venue},
        )
        first = datetime.now(UTC) + timedelta(days=30)
        for i in range(sessions):
            starts = first + timedelta(hours=i)
            self.call(
                "POST",
                f"/events/{event['id']}/sessions",
                token,
                json={
                    "starts_at": starts.isoformat(),
                    "ends_at": (starts + timedelta(hours=2)).isoformat(),
                    "capacity": capacity,
                },
            )
        self.call(
            "POST",
            f"/events/{event['id']}/ticket-types",
            token,
            json={"name": "Standard", "price": 100000, "currency": "KZT", "max_per_order": 10},
        )
        self.call("POST", f"/events/{event['id']}/publish", token)
        detail: dict[str, Any] = self.call("GET", f"/events/{event['id']}")
        return detail


async def naive_targets(dsn: str, table: str, detail: dict[str, Any], user_id: str) -> None:
    """The rows pgbench books: session n of the listing, for one user."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("CREATE SEQUENCE IF NOT EXISTS bench_reference")
        await connection.execute(
            f"CREATE TABLE {table} (n integer PRIMARY KEY, session_id uuid NOT NULL, event_id uuid NOT NULL,"
            " user_id uuid NOT NULL)"
        )
        await connection.executemany(
            f"INSERT INTO {table} VALUES ($1, $2, $3, $4)",
            [
                (n, uuid.UUID(s["id"]), uuid.UUID(detail["id"]), uuid.UUID(user_id))
                for n, s in enumerate(detail["sessions"], start=1)
            ],
        )
    finally:
        await connection.close()


async def checkpoint(dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()


async def verify(dsn: str, http_sessions: set[str]) -> dict[str, Any]:
    """No session oversold; the seats counted on each session are exactly its bookings; every booking made
    over HTTP has one ticket per seat, one outbox row and its idempotency record."""
    connection = await asyncpg.connect(dsn)
    try:
        oversold = await connection.fetchval("SELECT count(*) FROM sessions WHERE held + sold > capacity")
        mismatched = await connection.fetchval(
            """SELECT count(*) FROM sessions s LEFT JOIN (
                   SELECT session_id, sum(quantity) AS seats FROM bookings
                   WHERE status IN ('pending_payment', 'confirmed') GROUP BY session_id) b ON b.session_id = s.id
               WHERE s.held + s.sold <> coalesce(b.seats, 0)"""
        )
        ids = [uuid.UUID(s) for s in http_sessions]
        bookings = await connection.fetchval("SELECT count(*) FROM bookings WHERE session_id = ANY($1)", ids)
        seats = await connection.fetchval(
            "SELECT coalesce(sum(quantity), 0) FROM bookings WHERE session_id = ANY($1)", ids
        )
        tickets = await connection.fetchval("SELECT count(*) FROM tickets WHERE session_id = ANY($1)", ids)
        outbox = await connection.fetchval(
            "SELECT count(*) FROM notifications WHERE kind = 'booking_created'"
            " AND (payload->>'booking_id')::uuid IN (SELECT id FROM bookings WHERE session_id = ANY($1))",
            ids,
        )
        keys = await connection.fetchval(
            "SELECT count(*) FROM idempotency_keys WHERE scope = 'bookings' AND response_status = 201"
        )
    finally:
        await connection.close()
    return {
        "oversold_sessions": oversold,
        "sessions_whose_seats_differ_from_bookings": mismatched,
        "http_bookings": bookings,
        "http_seats": seats,
        "http_tickets": tickets,
        "http_outbox_rows": outbox,
        "http_idempotency_records": keys,
    }


def table(results: dict[str, Any]) -> str:
    """The figures as the Markdown table of docs/performance.md."""
    lines = [
        "| case | generator | connections | per second | p50 / p95 / p99 ms | ratio | of |",
        "|---|---|---:|---:|---|---:|---|",
    ]
    for c in results["cases"]:
        ratio = f"{c['ratio']:.2f}" if "ratio" in c else ""
        lines.append(
            f"| {c['case']} | {c['generator']} | {c['connections']} | {c['per_second']:,.0f} |"
            f" {c['p50_ms']} / {c['p95_ms']} / {c['p99_ms']} | {ratio} | {c.get('of', '')} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--database", default="tessera_bench", help="created afresh (dropped if it exists)")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measured case")
    parser.add_argument("--connections", type=int, default=64, help="connections of the closed loop")
    parser.add_argument("--buyers", type=int, default=2000, help="accounts the requests take in turn")
    parser.add_argument("--in-flight", type=int, default=4, help="requests each buyer has in flight at once")
    parser.add_argument("--open-connections", type=int, default=512, help="connections of the open loop")
    parser.add_argument(
        "--open-rates",
        default="0.25,0.5,0.75,1,1.1,1.2,1.35,1.5,2",
        help="offered rates of the open loop, as fractions of the hot ceiling measured in the same run",
    )
    parser.add_argument("--spread-sessions", type=int, default=1000)
    parser.add_argument("--api-workers", type=int, default=2, help="server processes (TESSERA_WORKERS)")
    parser.add_argument("--log-level", default=None, help="TESSERA_LOG_LEVEL (default: the production default)")
    parser.add_argument("--output", type=Path, default=ROOT / "loadtests" / "results" / "bench_booking.json")
    args = parser.parse_args()

    admin_dsn: str = args.database_url
    dsn = admin_dsn.rsplit("/", 1)[0] + f"/{args.database}"
    asyncio.run(fresh_database(admin_dsn, args.database))
    subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True, capture_output=True)
    port, hello_port = free_port(), free_port()
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
        "TESSERA_PORT": str(port),
        "TESSERA_HOST": "127.0.0.1",
        "TESSERA_WORKERS": str(args.api_workers),
        "TESSERA_RATE_LIMIT_ENABLED": "false",  # one machine plays thousands of users
        "TESSERA_REQUIRE_EMAIL_VERIFICATION": "false",  # its accounts sign up and pay at once
        "TESSERA_MAX_TICKETS_PER_USER": "1000000",
        "TESSERA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TESSERA_COOKIE_SECURE": "false",
        # Accounts are made by the hundred here; sign-in cost is not what this measures.
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "1024",
    }
    if args.log_level:
        env["TESSERA_LOG_LEVEL"] = args.log_level
    subprocess.run([str(BIN / "tessera"), "migrate"], env=env, check=True, capture_output=True)
    hello = [
        str(BIN / "uvicorn"),
        "hello_app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(hello_port),
    ]
    servers = [
        # The server's log goes where a container's would (collected, not shown here).
        subprocess.Popen([str(BIN / "tessera"), "serve"], env=env, start_new_session=True, stdout=subprocess.DEVNULL),
        subprocess.Popen(
            [*hello, "--workers", str(args.api_workers), "--log-level", "warning", "--no-access-log"],
            cwd=ROOT / "loadtests",
            start_new_session=True,
        ),
    ]
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "api_workers": args.api_workers},
        "cases": [],
    }
    base = f"http://127.0.0.1:{port}"

    def settled(measure: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Measure after a checkpoint, so that no case pays for the dirty pages of the one before it."""
        asyncio.run(checkpoint(dsn))
        return measure(*args, **kwargs)

    def record(name: str, figures: dict[str, Any], of: dict[str, Any] | None = None) -> dict[str, Any]:
        case = {"case": name, **figures}
        if of is not None:
            case["ratio"] = round(case["per_second"] / max(of["per_second"], 0.1), 2)
            case["of"] = of["case"]
        results["cases"].append(case)
        print(
            f"{name:<44} {case['generator']:<8} {case['connections']:>4} conns {case['per_second']:>8.1f}/s"
            f"  p50 {case['p50_ms']:>8.2f}  p99 {case['p99_ms']:>8.2f} ms  errors {case['errors']:>4}"
            f"  load cpu {case['load_cpu_share']:.0%}" + (f"  ratio {case['ratio']:.2f}" if of else ""),
            flush=True,
        )
        return case

    try:
        wait_until_up(f"{base}/health/ready", servers[0])
        wait_until_up(f"http://127.0.0.1:{hello_port}/hello", servers[1])
        api = Api(base)
        organizer, _ = api.account("organizer@bench.test", "organizer")
        print(f"making {args.buyers} buyers ...", flush=True)
        buyers = [api.account(f"buyer{i}@bench.test") for i in range(max(args.buyers, args.connections))]
        print("making listings ...", flush=True)
        hot_http = api.listing(organizer, "Hot sale (HTTP)", 1, 1_000_000)
        hot_sql = api.listing(organizer, "Hot sale (SQL)", 1, 1_000_000)
        spread_http = api.listing(organizer, "Festival (HTTP)", args.spread_sessions, 100_000)
        spread_sql = api.listing(organizer, "Festival (SQL)", args.spread_sessions, 100_000)
        asyncio.run(naive_targets(dsn, "bench_hot", hot_sql, buyers[0][1]))
        asyncio.run(naive_targets(dsn, "bench_spread", spread_sql, buyers[0][1]))
        files = Path(tempfile.mkdtemp(prefix="bench-"))
        (files / "tokens").write_text("\n".join(token for token, _ in buyers))
        # The buyers with several requests in flight: one per closed-loop connection.
        (files / "few-tokens").write_text("\n".join(token for token, _ in buyers[: args.connections]))

        def targets(detail: dict[str, Any]) -> dict[str, str]:
            path = files / f"targets-{detail['id']}"
            path.write_text("\n".join(f"{s['id']} {detail['ticket_types'][0]['id']}" for s in detail["sessions"]))
            return {"BENCH_TOKENS": str(files / "tokens"), "BENCH_TARGETS": str(path)}

        seconds, n = args.seconds, args.connections
        naive = NAIVE_BOOKING.format
        hot_ceiling = record(
            "ceiling: naive SQL booking, one hot session",
            settled(pgbench, dsn, naive(rows=1, table="bench_hot"), clients=n, seconds=seconds),
        )
        spread_ceiling = record(
            f"ceiling: naive SQL booking, {args.spread_sessions} sessions",
            settled(pgbench, dsn, naive(rows=args.spread_sessions, table="bench_spread"), clients=n, seconds=seconds),
        )
        hot = targets(hot_http)
        record(
            "POST /bookings, one hot session, closed loop",
            settled(wrk, base, "booking.lua", connections=n, seconds=seconds, env=hot),
            hot_ceiling,
        )
        record(
            f"POST /bookings, one hot session, {args.in_flight} in flight per buyer",
            settled(
                wrk,
                base,
                "booking.lua",
                connections=n * args.in_flight,
                seconds=seconds,
                env={**hot, "BENCH_TOKENS": str(files / "few-tokens")},
            ),
            hot_ceiling,
        )
        best: dict[str, Any] | None = None
        rates = [max(10, round(float(f) * hot_ceiling["per_second"], -1)) for f in args.open_rates.split(",")]
        for rate in rates:
            step = settled(
                wrk,
                base,
                "booking.lua",
                connections=args.open_connections,
                seconds=seconds,
                env={**hot, "BENCH_RATE": str(rate / WRK_THREADS)},
            )
            step["offered_per_second"] = rate
            # Served in full: (almost) every arrival started on time, was answered 2xx, and p99 stayed low.
            served = (
                step["per_second"] >= 0.95 * rate
                and step["p99_ms"] <= 250
                and step["errors"] <= step["requests"] / 1000
                and step["late"] <= step["requests"] / 100
            )
            print(
                f"  open loop, offered {rate:>5}/s: served {step['per_second']:>7.1f}/s, "
                f"p50 {step['p50_ms']:.1f} ms, p99 {step['p99_ms']:.1f} ms, late starts {step['late']}",
                flush=True,
            )
            results.setdefault("open_loop_steps", []).append(step)
            if served:
                best = step
            if step["p99_ms"] > 1000:
                break
        if best is not None:
            record("POST /bookings, one hot session, open loop (best rate with p99 <= 250 ms)", best, hot_ceiling)
        record(
            f"POST /bookings, {args.spread_sessions} sessions, closed loop",
            settled(wrk, base, "booking.lua", connections=n, seconds=seconds, env=targets(spread_http)),
            spread_ceiling,
        )
        paths = files / "availability"
        paths.write_text("\n".join(f"/api/v1/sessions/{s['id']}/availability" for s in spread_http["sessions"]))
        bare = record(
            "GET /hello (bare Litestar)",
            settled(
                wrk,
                f"http://127.0.0.1:{hello_port}/hello",
                "get.lua",
                connections=32,
                seconds=seconds,
                env={"BENCH_PATHS": str(_one(files, "/hello"))},
            ),
        )
        record(
            "GET /api/v1/events (cached)",
            settled(
                wrk,
                base,
                "get.lua",
                connections=32,
                seconds=seconds,
                env={"BENCH_PATHS": str(_one(files, "/api/v1/events?limit=20"))},
            ),
            bare,
        )
        record(
            "GET /sessions/{id}/availability",
            settled(wrk, base, "get.lua", connections=32, seconds=seconds, env={"BENCH_PATHS": str(paths)}),
            bare,
        )
        results["verification"] = asyncio.run(
            verify(dsn, {s["id"] for d in (hot_http, spread_http) for s in d["sessions"]})
        )
    finally:
        for server in servers:
            stop(server)

    print("\n" + table(results))
    verification = results["verification"]
    print("\nverification", json.dumps(verification))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2))
    print(f"written {args.output}")
    sound = (
        verification["oversold_sessions"] == 0
        and verification["sessions_whose_seats_differ_from_bookings"] == 0
        and verification["http_seats"] == verification["http_tickets"]
        and verification["http_bookings"] == verification["http_outbox_rows"]
        and verification["http_bookings"] == verification["http_idempotency_records"]
    )
    return 0 if sound else 1


def _one(files: Path, path: str) -> Path:
    target = files / f"path-{uuid.uuid4().hex}"
    target.write_text(path)
    return target


if __name__ == "__main__":
    sys.exit(main())
