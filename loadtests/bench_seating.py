"""Reserved seating on a 10,000-seat hall: the seat map as buyers load it, and 64 buyers picking seats at once.

    make bench      (after the booking benchmark; or: backend/.venv/bin/python loadtests/bench_seating.py)

It fills a fresh PostgreSQL database (``tessera migrate``; an organizer, a venue drawn as a 10,000-seat map:
four sections of 25 rows of 100 seats with aisles, three price zones; one session selling it; through the API),
sells a share of the hall first (``--presold``, best available, so the live availability has thousands of
taken seats to report), and runs ``tessera serve`` in production mode (two workers). ``wrk`` then drives:

- the live map: ``GET /api/v1/sessions/{id}/seat-map`` (the taken seats and the zones' prices, what an open
  picker polls), 8 connections, alone and while 64 buyers book seats on the same session;
- the plan: ``GET /api/v1/seat-maps/{id}/plans/{version}`` (every seat; browsers and CDNs keep it for good, so
  this is what first visits cost without a CDN), 8 connections, alone and while 64 buyers book;
- seat picks, 64 connections, each request a buyer choosing 2 seats: seats at random across the orchestra
  (alone; while the live map is polled 100 times a second, as 3,000 open pickers polling every 30 s would;
  while 8 more connections read the live map, then the plan uncached, as fast as they are answered),
  everyone after the same 200 front-row seats, and best available (no seats named).

After each booking case it checks in SQL that no seat is held or sold twice and that the seat guard matches
the counters: the live tickets' seats are all different, each is claimed by its own ticket in
``session_seats``, their number is the session's held + sold, and held + sold never exceeds capacity. It exits
non-zero if any check fails. Figures go to ``loadtests/results/bench_seating.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_flights import Api, code_version, line, server_env, settle, sql
from harness import BIN, ROOT, WRK_THREADS, free_port, fresh_database, stop, wait_until_up, wrk

SECTIONS = [("ORCH", "Orchestra", "orchestra", 0, 0), ("LEFT", "Left", "sides", 0, 26),
            ("RGHT", "Right", "sides", 104, 26), ("BALC", "Balcony", "balcony", 0, 52)]  # fmt: skip
ROWS, PER_ROW = 25, 100


def hall() -> dict[str, Any]:
    """10,000 seats: four sections of 25 rows of 100 seats, an aisle every 25 seats, three price zones."""
    return {
        "name": "Grand hall",
        "sections": [
            {
                "code": code,
                "name": name,
                "zone": zone,
                "x": x,
                "y": y,
                "rows": [
                    {
                        "label": f"R{r + 1}",
                        "seats": PER_ROW,
                        "aisles_after": [25, 50, 75],
                        "accessible": [1, 2] if r == 0 else [],
                    }
                    for r in range(ROWS)
                ],
            }
            for code, name, zone, x, y in SECTIONS
        ],
    }


def build(api: Api, buyers: int, files: Path) -> dict[str, Any]:
    organizer = api.account("hall@bench.test", "organizer")
    event = api.call(
        "POST",
        "/events",
        organizer,
        json={
            "title": "Seated benchmark",
            "category": "concerts",
            "venue": {"name": "Grand hall", "city": "Almaty", "country": "KZ", "timezone": "Asia/Almaty"},
        },
    )
    seat_map = api.call("POST", f"/venues/{event['venue']['id']}/seat-maps", organizer, json=hall())
    starts = datetime.now(UTC) + timedelta(days=30)
    session = api.call(
        "POST",
        f"/events/{event['id']}/sessions",
        organizer,
        json={
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "seat_map_id": seat_map["id"],
        },
    )
    types = {
        zone: api.call(
            "POST",
            f"/events/{event['id']}/ticket-types",
            organizer,
            json={"name": zone.title(), "price": 0, "currency": "KZT", "zone": zone, "max_per_order": 100},
        )["id"]
        for zone in ("orchestra", "sides", "balcony")
    }
    api.call("POST", f"/events/{event['id']}/publish", organizer)
    (files / "tokens").write_text("\n".join(api.account(f"fan{i}@bench.test") for i in range(buyers)))
    codes = [s["code"] for section in seat_map["sections"] for row in section["rows"] for s in row["seats"]]
    return {"session": session["id"], "types": types, "codes": codes, "seats": seat_map["seat_count"]}


def presell(api: Api, hall_: dict[str, Any], share: float) -> int:
    """Sell ``share`` of the balcony and sides, best available, 50 seats an order, as one patient buyer."""
    token = api.account("early@bench.test")
    sold = 0
    for zone, zone_seats in (("balcony", ROWS * PER_ROW), ("sides", 2 * ROWS * PER_ROW)):
        for _ in range(int(zone_seats * share) // 50):
            body = {"session_id": hall_["session"], "items": [{"ticket_type_id": hall_["types"][zone], "quantity": 50}]}
            sold += api.call("POST", "/bookings", token, json=body)["quantity"]
    return sold


async def verify(dsn: str, session_id: str) -> dict[str, Any]:
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            """
            SELECT s.capacity, s.held, s.sold,
              (SELECT count(*) FROM tickets t WHERE t.session_id = s.id AND t.status IN ('pending', 'valid', 'used'))
                AS live_tickets,
              (SELECT count(DISTINCT t.seat) FROM tickets t
                 WHERE t.session_id = s.id AND t.status IN ('pending', 'valid', 'used')) AS distinct_seats,
              (SELECT count(*) FROM session_seats g WHERE g.session_id = s.id AND g.ticket_id IS NOT NULL) AS claims,
              (SELECT count(*) FROM session_seats g JOIN tickets t ON t.id = g.ticket_id
                 WHERE g.session_id = s.id AND t.seat = g.seat AND t.status IN ('pending', 'valid', 'used'))
                AS matching_claims,
              (SELECT count(*) FROM bookings b WHERE b.session_id = s.id) AS bookings
            FROM sessions s WHERE s.id = $1
            """,
            session_id,
        )
    finally:
        await connection.close()
    assert row is not None
    check = dict(row)
    check["sound"] = (
        check["held"] + check["sold"] <= check["capacity"]
        and check["live_tickets"] == check["held"] + check["sold"]
        and check["distinct_seats"] == check["live_tickets"]
        and check["claims"] == check["live_tickets"] == check["matching_claims"]
    )
    return check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="tessera_seating_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each case")
    parser.add_argument("--map-connections", type=int, default=8)
    parser.add_argument("--buyers", type=int, default=64, help="connections, and accounts they take in turn")
    parser.add_argument("--presold", type=float, default=0.4, help="share of balcony and sides sold first")
    parser.add_argument("--quiet-share", type=float, default=0.25, help="CPU share others may use before a case")
    parser.add_argument("--settle-seconds", type=float, default=60, help="longest wait for that, per case")
    parser.add_argument("--output", type=Path, default=ROOT / "loadtests" / "results" / "bench_seating.json")
    args = parser.parse_args()
    files = Path(tempfile.mkdtemp(prefix="bench-seating-"))
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}, "code": code_version(), "cases": {}}
    subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True, capture_output=True)
    asyncio.run(fresh_database(args.database_url, args.database))
    dsn = args.database_url.rsplit("/", 1)[0] + f"/{args.database}"
    port = free_port()
    env = {**server_env(dsn, args.redis_url, port), "TESSERA_MAX_TICKETS_PER_USER": "100000"}
    subprocess.run([str(BIN / "tessera"), "migrate"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(BIN / "tessera"), "serve"], env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    sound = True
    try:
        wait_until_up(f"{base}/health/ready", server)
        api = Api(base)
        built = build(api, args.buyers, files)
        presold = presell(api, built, args.presold)
        session = built["session"]
        print(f"a {built['seats']:,}-seat hall, {presold:,} seats sold before the cases", flush=True)
        (files / "map").write_text(f"/api/v1/sessions/{session}/seat-map\n")
        probe = api.http.get(f"/api/v1/sessions/{session}/seat-map")
        plan_path = f"/api/v1/seat-maps/{probe.json()['seat_map_id']}/plans/{probe.json()['version']}"
        (files / "plan").write_text(plan_path + "\n")
        plan = api.http.get(plan_path)
        results["map_bytes"] = len(probe.content)
        results["plan_bytes"] = len(plan.content)
        results["presold"] = presold
        print(f"the live map answers {len(probe.content):,} bytes, {len(probe.json()['unavailable']):,} seats taken;"
              f" the plan {len(plan.content):,} bytes ({plan.headers['cache-control']})")  # fmt: skip

        def measure(name: str, what: str, machine: dict[str, Any], rate: float = 0) -> dict[str, Any]:
            """GET ``what`` on 8 connections: as fast as answered, or ``rate`` a second on a clock."""
            env = {"BENCH_PATHS": str(files / what), "BENCH_RATE": str(rate / WRK_THREADS)}
            case = wrk(base, "get.lua", connections=args.map_connections, seconds=args.seconds, env=env)
            case["machine"] = machine
            results["cases"][name] = case
            print(line(name, case), flush=True)
            return case

        for what, label in (("map", "live map"), ("plan", "plan, uncached")):
            asyncio.run(sql(dsn, "CHECKPOINT"))
            measure(f"{label}, quiet", what, settle(args.quiet_share, args.settle_seconds))

        orchestra = [c for c in built["codes"] if c.startswith("ORCH-")]
        (files / "random").write_text("\n".join(orchestra))
        (files / "front").write_text("\n".join([c for c in orchestra if c.split("-")[1] in ("R1", "R2")][:200]))
        # (seats to pick from, ticket type, what 8 more connections read meanwhile, and at what rate: 0 for as
        # fast as answered; 100/s is 3,000 buyers with the picker open, each polling every 30 s)
        orchestra_type = built["types"]["orchestra"]
        shapes: dict[str, tuple[str, str, str | None, float]] = {
            "picks, random seats across the orchestra": ("random", orchestra_type, None, 0),
            "picks, random, while 3,000 open pickers poll the live map": ("random", orchestra_type, "map", 100),
            "picks, random, while the live map is read flat out": ("random", orchestra_type, "map", 0),
            "picks, random, while the plan is read uncached flat out": ("random", orchestra_type, "plan", 0),
            "picks, everyone after the same front-row seats": ("front", orchestra_type, None, 0),
            "best available, sides": ("", built["types"]["sides"], None, 0),
        }
        for name, (seats, type_id, during, rate) in shapes.items():
            codes_file = files / f"codes-{len(results['cases'])}"
            asyncio.run(sql(dsn, "CHECKPOINT"))
            machine = settle(args.quiet_share, args.settle_seconds)
            reader = None
            if during is not None:  # read while this case books: the shape a sale opening has
                label = "live map" if during == "map" else "plan, uncached"
                label += f" at {rate:g}/s" if rate else " flat out"
                reader = threading.Thread(
                    target=measure, args=(f"{label}, while {args.buyers} buyers book", during, machine, rate)
                )
                reader.start()
            case = wrk(
                base,
                "seat_picks.lua",
                connections=args.buyers,
                seconds=args.seconds,
                env={
                    "BENCH_TOKENS": str(files / "tokens"),
                    "BENCH_SESSION": session,
                    "BENCH_TYPE": type_id,
                    "BENCH_SEATS": str(files / seats) if seats else "",
                    "BENCH_CODES": str(codes_file),
                },
            )
            if reader is not None:
                reader.join()
            case["machine"] = machine
            case["answers"] = json.loads(codes_file.read_text())
            time.sleep(1)  # requests in flight when wrk stopped
            case["verification"] = asyncio.run(verify(dsn, session))
            sound = sound and case["verification"]["sound"]
            results["cases"][name] = case
            print(line(name, case), flush=True)
            print(f"  answers {json.dumps(case['answers'], sort_keys=True)}", flush=True)
            check = case["verification"]
            print(f"  verification {json.dumps(check)}: {'sound' if check['sound'] else 'BROKEN'}", flush=True)
    finally:
        stop(server)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str))
    print(f"written {args.output}")
    return 0 if sound else 1


if __name__ == "__main__":
    sys.exit(main())
