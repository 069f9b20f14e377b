"""Booking benchmark: Tessera over HTTP against the database's own ceiling, measured in one run.

    make bench            (or: backend/.venv/bin/python loadtests/bench_booking.py --help)

It creates a fresh PostgreSQL database, starts ``tessera serve`` in production mode (PostgreSQL + Redis)
and a bare Litestar "hello" app the same way, makes the data it needs through the API, then measures:

- the raw ceiling: the bare booking transaction (conditional UPDATE of the session row + INSERT of the
  booking, one transaction each) issued directly with asyncpg, no HTTP;
- Tessera: ``POST /api/v1/bookings`` with bearer clients (each request with its own Idempotency-Key),
  on one hot session and spread over 1,000 sessions, for 8, 32 and 64 concurrent clients;
- reads: cached ``GET /api/v1/events``, uncached ``GET /api/v1/sessions/{id}/availability`` and the bare
  framework endpoint.

The load generator is a few processes of plain asyncio over keep-alive HTTP/1.1 connections (no HTTP
library in the loop), so it stays light on the shared cores; its CPU share is reported. Afterwards it
checks that no session is oversold and every successful booking has exactly its rows. It prints a table
and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "bench-password-123"


# -- load generation --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """What each simulated client does, picklable for the load processes."""

    kind: str  # "book" | "get" | "raw"
    port: int = 0
    path: str = ""
    tokens: tuple[str, ...] = ()
    sessions: tuple[tuple[str, str], ...] = ()  # (session id, ticket type id)
    dsn: str = ""
    user_id: str = ""
    event_ids: tuple[str, ...] = ()  # per session, for the raw INSERT
    case: int = 0  # keeps the raw INSERT's booking references unique across cases


@dataclass
class Outcome:
    completed: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    samples: list[str] = field(default_factory=list)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("server closed the connection")
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    return int(status_line[9:12]), await reader.readexactly(length)


async def _http_client(load: Load, index: int, start: float, stop: float, out: Outcome) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", load.port)
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    token = load.tokens[index % len(load.tokens)] if load.tokens else ""
    counter = 0
    await asyncio.sleep(max(0.0, start - time.time()))
    while (now := time.perf_counter()) < stop:
        counter += 1
        if load.kind == "book":
            session_id, ticket_type_id = load.sessions[(index * 7919 + counter) % len(load.sessions)]
            body = (
                f'{{"session_id":"{session_id}","items":[{{"ticket_type_id":"{ticket_type_id}","quantity":1}}]}}'
            ).encode()
            head = (
                f"POST /api/v1/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nIdempotency-Key: {uuid.uuid4().hex}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            writer.write(head.encode() + body)
        else:
            path = load.path
            if load.sessions:
                path = path.replace("{session}", load.sessions[counter % len(load.sessions)][0])
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        status, payload = await _read_response(reader)
        done = time.perf_counter()
        if done <= stop:
            out.completed += 1
            out.statuses[status] += 1
            out.latencies.append(done - now)
            if status >= 400 and len(out.samples) < 3:
                out.samples.append(f"{status} {payload[:200].decode(errors='replace')}")
    writer.close()


async def _raw_client(load: Load, index: int, start: float, stop: float, out: Outcome) -> None:
    """The naive booking transaction, exactly one booking per transaction."""
    connection = await asyncpg.connect(load.dsn)
    update = "UPDATE sessions SET held = held + 1 WHERE id = $1 AND sold + held + 1 <= capacity"
    insert = (
        "INSERT INTO bookings (id, reference, user_id, session_id, event_id, status, quantity, total, currency,"
        " expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending_payment', 1, 100000, 'KZT',"
        " $6, $7, $7)"
    )
    user_id = uuid.UUID(load.user_id)
    counter = 0
    await asyncio.sleep(max(0.0, start - time.time()))
    while (now := time.perf_counter()) < stop:
        counter += 1
        slot = (index * 7919 + counter) % len(load.sessions)
        session_id = uuid.UUID(load.sessions[slot][0])
        moment = datetime.now(UTC)
        async with connection.transaction():
            taken = await connection.execute(update, session_id)
            if taken == "UPDATE 1":
                await connection.execute(
                    insert,
                    uuid.uuid4(),
                    _reference(load.case * 8_000_000 + index * 120_000 + counter),
                    user_id,
                    session_id,
                    uuid.UUID(load.event_ids[slot]),
                    moment + timedelta(minutes=15),
                    moment,
                )
        done = time.perf_counter()
        if done <= stop:
            out.completed += 1
            out.statuses[201 if taken == "UPDATE 1" else 409] += 1
            out.latencies.append(done - now)
    await connection.close()


def _reference(number: int) -> str:
    """A "0" and five base-36 digits: unique for every (case, client, counter) of a run, and never one of
    Tessera's own references (its alphabet has no 0)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    for _ in range(5):
        number, digit = divmod(number, 36)
        text = digits[digit] + text
    return "0" + text


def _load_process(load: Load, clients: list[int], start: float, seconds: float) -> Outcome:
    out = Outcome()
    cpu = time.process_time()

    async def main() -> None:
        # Every process starts on the same wall-clock instant; the window is measured on its own clock.
        stop = time.perf_counter() + max(0.0, start - time.time()) + seconds
        runner = _raw_client if load.kind == "raw" else _http_client
        await asyncio.gather(*(runner(load, i, start, stop, out) for i in clients))

    asyncio.run(main())
    out.cpu_seconds = time.process_time() - cpu
    return out


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def drive(load: Load, clients: int, seconds: float, processes: int) -> dict[str, Any]:
    """Run ``clients`` concurrent clients for ``seconds`` and summarise what they saw."""
    start = time.time() + 1.0
    shares = [list(range(p, clients, processes)) for p in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        outcomes = pool.starmap(_load_process, [(load, share, start, seconds) for share in shares if share])
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    for o in outcomes:
        statuses.update(o.statuses)
        latencies.extend(o.latencies)
    completed = sum(o.completed for o in outcomes)
    ok = statuses.get(201, 0) + statuses.get(200, 0)
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": completed,
        "ok": ok,
        "per_second": round(ok / seconds, 1),
        "errors": completed - ok,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "client_cpu_share": round(sum(o.cpu_seconds for o in outcomes) / (seconds * (os.cpu_count() or 1)), 3),
        "error_samples": [s for o in outcomes for s in o.samples][:3],
    }


# -- the system under test --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def fresh_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


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
        event = self.call(
            "POST",
            "/events",
            token,
            json={
                "kind": "event",
                "title": title,
                "description": "Benchmark listing",
                "category": "concerts",
                "venue": {
                    "name": "Bench Hall",
                    "address": "1 Main St",
                    "city": "Almaty",
                    "country": "KZ",
                    "timezone": "Asia/Almaty",
                },
            },
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


def pairs(detail: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    ticket_type = detail["ticket_types"][0]["id"]
    return tuple((s["id"], ticket_type) for s in detail["sessions"])


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


# -- the run ----------------------------------------------------------------------------------------------


def markdown(results: dict[str, Any], spread: int) -> str:
    """The figures as the Markdown tables of docs/performance.md."""
    cases = {(c["case"], c["clients"]): c for c in results["cases"]}
    lines = [
        "| case | clients | raw SQL ceiling /s | Tessera over HTTP /s | ratio | Tessera p50 / p95 / p99 ms |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for kind in ("one hot session", f"{spread} sessions"):
        for r in (r for r in results["ratios"] if "tessera_per_second" in r):
            if (r["case"] == "hot") != (kind == "one hot session"):
                continue
            mine = cases[(f"tessera HTTP, {kind}", r["clients"])]
            lines.append(
                f"| {kind} | {r['clients']} | {r['raw_per_second']:,.0f} | {r['tessera_per_second']:,.0f} |"
                f" {r['ratio']:.2f} | {mine['p50_ms']} / {mine['p95_ms']} / {mine['p99_ms']} |"
            )
    lines += [
        "",
        "| request (32 clients) | requests/s | p50 / p95 / p99 ms | of the bare framework |",
        "|---|---:|---|---:|",
    ]
    hello = cases[("GET /hello (bare Litestar)", 32)]
    for name in ("GET /hello (bare Litestar)", "GET /api/v1/events (cached)", "GET /sessions/{id}/availability"):
        c = cases[(name, 32)]
        share = c["per_second"] / hello["per_second"]
        lines.append(
            f"| `{name}` | {c['per_second']:,.0f} | {c['p50_ms']} / {c['p95_ms']} / {c['p99_ms']} | {share:.0%} |"
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
    parser.add_argument("--clients", default="8,32,64")
    parser.add_argument("--spread-sessions", type=int, default=1000)
    parser.add_argument("--api-workers", type=int, default=2, help="server processes (TESSERA_WORKERS)")
    parser.add_argument("--load-processes", type=int, default=2)
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    parser.add_argument("--output", type=Path, default=ROOT / "loadtests" / "results" / "bench_booking.json")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]

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
        # No payment is taken here: the emulator, with a key of this run, stands in for the gateway.
        "TESSERA_FREEDOMPAY_EMULATOR": "true",
        "TESSERA_FREEDOMPAY_SECRET_KEY": secrets.token_urlsafe(24),
        "TESSERA_DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1),
        "TESSERA_REDIS_URL": args.redis_url,
        "TESSERA_PORT": str(port),
        "TESSERA_HOST": "127.0.0.1",
        "TESSERA_WORKERS": str(args.api_workers),
        "TESSERA_LOG_LEVEL": "WARNING",
        "TESSERA_RATE_LIMIT_ENABLED": "false",  # one machine plays thousands of users
        "TESSERA_MAX_TICKETS_PER_USER": "1000000",
        "TESSERA_DATABASE_POOL_SIZE": "20",
        "TESSERA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TESSERA_COOKIE_SECURE": "false",
        # Accounts are made by the hundred here; sign-in cost is not what this measures.
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "1024",
    }
    subprocess.run([str(BIN / "tessera"), "migrate"], env=env, check=True, capture_output=True)
    servers = [
        subprocess.Popen([str(BIN / "tessera"), "serve"], env=env, start_new_session=True),
        subprocess.Popen(
            [
                str(BIN / "uvicorn"),
                "hello_app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(hello_port),
                "--workers",
                str(args.api_workers),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT / "loadtests",
            start_new_session=True,
        ),
    ]
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "api_workers": args.api_workers,
            "load_processes": args.load_processes,
            "seconds_per_case": args.seconds,
        },
        "cases": [],
    }
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health/ready", servers[0])
        wait_until_up(f"http://127.0.0.1:{hello_port}/hello", servers[1])
        api = Api(f"http://127.0.0.1:{port}")
        organizer, _ = api.account("organizer@bench.test", "organizer")
        buyers = [api.account(f"buyer{i}@bench.test") for i in range(max(clients))]
        tokens = tuple(token for token, _ in buyers)
        raw_user = buyers[0][1]
        print("making listings ...", flush=True)
        hot_http = api.listing(organizer, "Hot sale (HTTP)", 1, 1_000_000)
        hot_raw = api.listing(organizer, "Hot sale (raw)", 1, 1_000_000)
        spread_http = api.listing(organizer, "Festival (HTTP)", args.spread_sessions, 100_000)
        spread_raw = api.listing(organizer, "Festival (raw)", args.spread_sessions, 100_000)

        raw_cases = iter(range(1, 100))

        def raw(detail: dict[str, Any]) -> Load:
            return Load(
                kind="raw",
                dsn=dsn,
                user_id=raw_user,
                sessions=pairs(detail),
                event_ids=tuple(detail["id"] for _ in detail["sessions"]),
                case=next(raw_cases),
            )

        def book(detail: dict[str, Any]) -> Load:
            return Load(kind="book", port=port, tokens=tokens, sessions=pairs(detail))

        def record(name: str, load: Load, n: int) -> dict[str, Any]:
            if args.only not in name:
                return {}
            case = {"case": name, **drive(load, n, args.seconds, args.load_processes)}
            results["cases"].append(case)
            print(
                f"{name:<34} {n:>3} clients {case['per_second']:>9.1f}/s  p50 {case['p50_ms']:>7.2f} ms"
                f"  p95 {case['p95_ms']:>7.2f}  p99 {case['p99_ms']:>7.2f}  errors {case['errors']:>5}"
                f"  load cpu {case['client_cpu_share']:.0%}",
                flush=True,
            )
            return case

        for n in clients:
            record("raw SQL, one hot session", raw(hot_raw), n)
            record("tessera HTTP, one hot session", book(hot_http), n)
            record(f"raw SQL, {args.spread_sessions} sessions", raw(spread_raw), n)
            record(f"tessera HTTP, {args.spread_sessions} sessions", book(spread_http), n)
        some = pairs(spread_http)
        record("GET /hello (bare Litestar)", Load(kind="get", port=hello_port, path="/hello"), 32)
        record("GET /api/v1/events (cached)", Load(kind="get", port=port, path="/api/v1/events?limit=20"), 32)
        record(
            "GET /sessions/{id}/availability",
            Load(kind="get", port=port, sessions=some, path="/api/v1/sessions/{session}/availability"),
            32,
        )
        http_sessions = {s for d in (hot_http, spread_http) for s, _ in pairs(d)}
        results["verification"] = asyncio.run(verify(dsn, http_sessions))
    finally:
        for server in servers:
            stop(server)

    by_name = {(c["case"], c["clients"]): c for c in results["cases"]}
    ratios: list[dict[str, Any]] = []
    if args.only:
        clients = []  # a partial run has no ratios to show
    for n in clients:
        for kind, label in (("one hot session", "hot"), (f"{args.spread_sessions} sessions", "spread")):
            mine, ceiling = by_name[(f"tessera HTTP, {kind}", n)], by_name[(f"raw SQL, {kind}", n)]
            ratios.append(
                {
                    "case": label,
                    "clients": n,
                    "tessera_per_second": mine["per_second"],
                    "raw_per_second": ceiling["per_second"],
                    "ratio": round(mine["per_second"] / max(ceiling["per_second"], 0.1), 2),
                }
            )
    hello = by_name.get(("GET /hello (bare Litestar)", 32), {}).get("per_second", 0.0)
    for name in ("GET /api/v1/events (cached)", "GET /sessions/{id}/availability") if not args.only else ():
        ratios.append(
            {
                "case": name,
                "clients": 32,
                "per_second": by_name[(name, 32)]["per_second"],
                "framework_ceiling": hello,
                "ratio": round(by_name[(name, 32)]["per_second"] / hello, 2),
            }
        )
    results["ratios"] = ratios
    print("\nratios (Tessera / ceiling measured in this run)")
    for r in ratios:
        print(f"  {r['case']:<34} {r['clients']:>3} clients  ratio {r['ratio']:.2f}")
    if not args.only:
        print("\n" + markdown(results, args.spread_sessions))
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


if __name__ == "__main__":
    sys.exit(main())
