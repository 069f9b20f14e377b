"""Reserved seating: seat maps drawn by organizers, seats chosen or assigned on the event page, and the per-seat
guard that never holds or sells a seat twice, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
from httpx import AsyncClient
from sqlalchemy import func, select, update

from tessera.booking.models import Booking, SessionSeat, Ticket, TicketStatus
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.background import transaction
from tessera.core.db import session_scope
from tessera.core.errors import AppError
from tessera.core.outbox import Notification
from tessera.server.app import create_app
from tessera.server.container import Container

from .conftest import ClientFactory, SettingsFactory
from .helpers import Account, at, create_accounts, make_accounts, reschedule

API = "/api/v1"
HALL = {
    "name": "Main hall",
    "sections": [
        {
            "code": "STALLS",
            "name": "Stalls",
            "zone": "stalls",
            "rows": [
                {"label": "A", "seats": 10, "aisles_after": [5], "accessible": [1]},
                {"label": "B", "seats": 10, "blocked": [10]},
                {"label": "C", "seats": 10},
            ],
        },
        {
            "code": "BALC",
            "name": "Balcony",
            "zone": "balcony",
            "y": 5,
            "rows": [{"label": "A", "seats": 8}, {"label": "B", "seats": 8}],
        },
    ],
}
LIVE_TICKETS = [TicketStatus.PENDING, TicketStatus.VALID, TicketStatus.USED]


@pytest.fixture
async def organizer(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "hall"))[0]


async def seated_listing(
    organizer: AsyncClient,
    drawing: dict[str, Any] = HALL,
    prices: dict[str, int] | None = None,
    *,
    publish: bool = True,
) -> dict[str, Any]:
    """A published listing whose one session sells the seats of ``drawing``; its ticket types price the zones.
    Returns the event detail with ``seat_map`` (the map as created)."""
    prices = prices if prices is not None else {"stalls": 0, "balcony": 0}
    event = await organizer.post(
        f"{API}/events",
        json={
            "title": "Seated concert",
            "category": "concerts",
            "venue": {"name": "Opera", "city": "Almaty", "country": "KZ", "timezone": "Asia/Almaty"},
        },
    )
    assert event.status_code == 201, event.text
    venue_id = event.json()["venue"]["id"]
    seat_map = await organizer.post(f"{API}/venues/{venue_id}/seat-maps", json=drawing)
    assert seat_map.status_code == 201, seat_map.text
    event_id = event.json()["id"]
    session = await organizer.post(
        f"{API}/events/{event_id}/sessions",
        json={"starts_at": at(10), "ends_at": at(10, hours=3), "seat_map_id": seat_map.json()["id"]},
    )
    assert session.status_code == 201, session.text
    for zone, price in prices.items():
        created = await organizer.post(
            f"{API}/events/{event_id}/ticket-types",
            json={"name": zone.title(), "price": price, "currency": "KZT", "zone": zone},
        )
        assert created.status_code == 201, created.text
    if publish:
        assert (await organizer.post(f"{API}/events/{event_id}/publish")).status_code == 200
    detail: dict[str, Any] = (await organizer.get(f"{API}/events/{event_id}")).json()
    detail["seat_map"] = seat_map.json()
    return detail


def order(event: dict[str, Any], *zones: str, seats: list[str] | None = None) -> dict[str, Any]:
    """A booking of one ticket per zone named (a zone named twice: two tickets)."""
    types = {t["zone"]: t["id"] for t in event["ticket_types"]}
    body: dict[str, Any] = {
        "session_id": event["sessions"][0]["id"],
        "items": [{"ticket_type_id": types[z], "quantity": n} for z, n in Counter(zones).items()],
    }
    if seats is not None:
        body["seats"] = seats
    return body


async def guard_matches_counters(settings: Settings, session_id: str) -> tuple[int, int, int]:
    """Asserts the invariant of reserved seating and returns (capacity, held, sold): the live tickets' seats are
    all different, each is claimed in session_seats by that ticket, and they number held + sold."""
    async with session_scope(settings.database) as session:
        sid = uuid.UUID(session_id)
        row = await session.get_one(ListingSession, sid)
        tickets = (
            await session.execute(
                select(Ticket.id, Ticket.seat).where(Ticket.session_id == sid, Ticket.status.in_(LIVE_TICKETS))
            )
        ).all()
        claims = (
            await session.execute(
                select(SessionSeat.ticket_id, SessionSeat.seat).where(
                    SessionSeat.session_id == sid, SessionSeat.ticket_id.is_not(None)
                )
            )
        ).all()
        assert len({seat for _, seat in tickets}) == len(tickets), "a seat is held or sold twice"
        assert None not in {seat for _, seat in tickets}
        assert sorted(tickets) == sorted(claims)
        assert len(tickets) == row.held + row.sold
        return row.capacity, row.held, row.sold


async def test_an_organizer_draws_a_map_and_broken_drawings_are_refused_with_every_problem(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client)
    seat_map = event["seat_map"]
    assert seat_map["seat_count"] == 45  # 30 + 16 seats, one of them blocked
    assert seat_map["zones"] == [{"zone": "balcony", "seats": 16}, {"zone": "stalls", "seats": 29}]
    assert seat_map["blocked"] == ["STALLS-B-10"]
    assert seat_map["in_use"] is False  # as created; a session now sells it
    row_a = seat_map["sections"][0]["rows"][0]["seats"]
    assert [s["code"] for s in row_a][:2] == ["STALLS-A-1", "STALLS-A-2"]
    assert [s["x"] for s in row_a] == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]  # an aisle after seat 5
    assert row_a[0]["accessible"] is True
    assert seat_map["sections"][1]["rows"][1]["seats"][0]["y"] == 6
    assert event["sessions"][0]["capacity"] == 45
    assert event["sessions"][0]["seat_map_id"] == seat_map["id"]

    venue_id = event["venue"]["id"]
    broken = {
        "name": "Broken",
        "sections": [
            {"code": "A", "name": "A", "zone": "a", "rows": [{"label": "1", "seats": 3, "accessible": [7]}]},
            {
                "code": "A",
                "name": "A again",
                "zone": "a",
                "rows": [{"label": "1", "seats": 2}, {"label": "1", "seats": 2}],
            },
        ],
    }
    refused = await organizer.client.post(f"{API}/venues/{venue_id}/seat-maps", json=broken)
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_seat_map")
    problems = refused.json()["problems"]
    assert any("accessible" in p and "[7]" in p for p in problems)
    assert any("used twice" in p for p in problems)
    assert any("drawn twice" in p for p in problems)
    assert any("same place" in p for p in problems)  # the second section's rows lie on the first's
    all_blocked = {
        "name": "Closed",
        "sections": [{"code": "A", "name": "A", "zone": "a", "rows": [{"label": "1", "seats": 2, "blocked": [1, 2]}]}],
    }
    assert (await organizer.client.post(f"{API}/seat-maps/preview", json=all_blocked)).json()[
        "code"
    ] == "invalid_seat_map"
    huge = {
        "name": "Stadium of millions",
        "sections": [
            {
                "code": f"S{n}",
                "name": f"S{n}",
                "zone": "a",
                "rows": [{"label": f"R{r}", "seats": 500} for r in range(200)],
            }
            for n in range(50)
        ],
    }
    refused_huge = await organizer.client.post(f"{API}/seat-maps/preview", json=huge)  # 5,000,000 seats
    assert (refused_huge.status_code, refused_huge.json()["problems"]) == (
        400,
        ["A map holds at most 20000 seats; this one draws 5000000"],
    )
    preview = await organizer.client.post(f"{API}/seat-maps/preview", json=HALL)
    assert (preview.status_code, preview.json()["seat_count"]) == (200, 45)
    async with session_scope(settings.database) as session:  # nothing was saved by a refusal or a preview
        assert await session.scalar(select(func.count()).select_from(SessionSeat)) == 0

    # A map a session sells can no longer change; a new one can, and is versioned.
    in_use = await organizer.client.put(f"{API}/seat-maps/{seat_map['id']}", json=HALL)
    assert (in_use.status_code, in_use.json()["code"]) == (409, "seat_map_in_use")
    spare = (await organizer.client.post(f"{API}/venues/{venue_id}/seat-maps", json=HALL)).json()
    smaller = {**HALL, "sections": HALL["sections"][:1]}
    redrawn = await organizer.client.put(f"{API}/seat-maps/{spare['id']}", json=smaller)
    assert (redrawn.status_code, redrawn.json()["version"], redrawn.json()["seat_count"]) == (200, 2, 29)
    listed = (await organizer.client.get(f"{API}/venues/{venue_id}/seat-maps")).json()
    assert {(m["id"], m["in_use"]) for m in listed} == {(seat_map["id"], True), (spare["id"], False)}

    # A seated session's capacity follows its map.
    session_id = event["sessions"][0]["id"]
    resized = await organizer.client.patch(f"{API}/sessions/{session_id}", json={"capacity": 10})
    assert (resized.status_code, resized.json()["code"]) == (400, "invalid_listing")

    # Other people: a participant may not draw, another organizer does not see the venue.
    [fan] = await make_accounts(settings, client_factory, 1)
    [rival] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival")
    assert (await fan.client.post(f"{API}/venues/{venue_id}/seat-maps", json=HALL)).status_code == 403
    assert (await rival.client.post(f"{API}/venues/{venue_id}/seat-maps", json=HALL)).status_code == 404
    assert (await rival.client.get(f"{API}/seat-maps/{seat_map['id']}")).status_code == 404
    # A map of another venue cannot be sold by this listing's sessions.
    other = await rival.client.post(
        f"{API}/events",
        json={
            "title": "Elsewhere",
            "venue": {"name": "Club", "city": "Astana", "country": "KZ", "timezone": "Asia/Almaty"},
        },
    )
    wrong = await rival.client.post(
        f"{API}/events/{other.json()['id']}/sessions",
        json={"starts_at": at(5), "ends_at": at(5, hours=2), "seat_map_id": seat_map["id"]},
    )
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_seat_map")


async def test_the_plan_of_a_map_version_is_cached_for_good_once_sold_and_private_until_then(
    organizer: Account, client: AsyncClient, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client, publish=False)
    seat_map = event["seat_map"]
    url = f"{API}/seat-maps/{seat_map['id']}/plans/{seat_map['version']}"
    (rival,) = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, prefix="rival")
    # A draft's map is its organizer's: nobody else learns it exists, and no shared cache keeps it.
    assert (await client.get(url)).status_code == 404
    assert (await rival.client.get(url)).status_code == 404
    own = await organizer.client.get(url)
    assert own.status_code == 200, own.text
    assert own.headers["cache-control"] == "private, max-age=31536000, immutable"

    assert (await organizer.client.post(f"{API}/events/{event['id']}/publish")).status_code == 200
    public = await client.get(url)
    assert public.status_code == 200
    assert public.headers["cache-control"] == "public, max-age=31536000, immutable"
    plan = public.json()
    assert (plan["seat_map_id"], plan["version"], plan["name"]) == (seat_map["id"], seat_map["version"], HALL["name"])
    assert plan["sections"] == seat_map["sections"]
    assert plan["zones"] == seat_map["zones"]
    # The same plan the organizer's editor shows, and a revalidation costs no body.
    etag = public.headers["etag"]
    again = await client.get(url, headers={"If-None-Match": f'"other", {etag}'})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert (await client.get(url, headers={"If-None-Match": '"other"'})).status_code == 200
    # Another version of the map is not this plan.
    gone = await client.get(f"{API}/seat-maps/{seat_map['id']}/plans/{seat_map['version'] + 1}")
    assert (gone.status_code, gone.json()["code"]) == (404, "not_found")
    assert (await client.get(f"{API}/seat-maps/{uuid.uuid4()}/plans/1")).status_code == 404
    # The session's availability says it sells a map's seats; the live map names the plan, and stays small.
    availability = (await client.get(f"{API}/sessions/{event['sessions'][0]['id']}/availability")).json()
    assert availability["seat_map_id"] == seat_map["id"]
    live = await client.get(f"{API}/sessions/{event['sessions'][0]['id']}/seat-map")
    assert (live.json()["seat_map_id"], live.json()["version"]) == (seat_map["id"], seat_map["version"])
    assert len(live.content) < len(public.content) / 2


async def test_buyers_may_read_a_live_map_seconds_old_and_organizers_always_read_it_fresh(
    organizer: Account, settings: Settings, make_settings: SettingsFactory, client_factory: ClientFactory
) -> None:
    """Under a sale, thousands of open pickers poll the live map: each process answers them from memory for a
    moment, while the organizer's seat desk and the per-seat guard never rely on it."""
    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    cached = create_app(make_settings(TESSERA_SEAT_MAP_CACHE_MS="2000"))
    [(_, _, token)] = await create_accounts(settings, 1)
    buyer, anonymous, desk = [await client_factory(cached) for _ in range(3)]
    buyer.headers["Authorization"] = f"Bearer {token}"
    desk.headers["Authorization"] = organizer.client.headers["Authorization"]
    url = f"{API}/sessions/{session_id}/seat-map"

    assert "STALLS-C-1" not in (await anonymous.get(url)).json()["unavailable"]
    blocked = await desk.post(f"{API}/sessions/{session_id}/seats/block", json={"seats": ["STALLS-C-1"]})
    assert blocked.status_code == 200, blocked.text
    assert "STALLS-C-1" not in (await buyer.get(url)).json()["unavailable"]  # a buyer: the map as it was
    # Booking never trusts the map: the guard refuses the seat whatever the buyer saw.
    refused = await buyer.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-1"]))
    assert (refused.status_code, refused.json()["code"], refused.json()["seats"]) == (
        409,
        "seat_unavailable",
        ["STALLS-C-1"],
    )
    await asyncio.sleep(2.1)
    for reader in (buyer, anonymous):
        assert "STALLS-C-1" in (await reader.get(url)).json()["unavailable"]
    # The organizer reads it fresh at once, and buyers then get that fresher map.
    released = await desk.post(f"{API}/sessions/{session_id}/seats/release", json={"seats": ["STALLS-C-1"]})
    assert released.status_code == 200, released.text
    assert "STALLS-C-1" not in (await desk.get(url)).json()["unavailable"]
    assert "STALLS-C-1" not in (await buyer.get(url)).json()["unavailable"]


async def test_buyers_choose_seats_or_get_the_best_ones_together(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    alice, bob = await make_accounts(settings, client_factory, 2)

    shown = (await alice.client.get(f"{API}/sessions/{session_id}/seat-map")).json()
    assert shown["unavailable"] == ["STALLS-B-10"]
    assert [(z["zone"], z["available"], [p["name"] for p in z["prices"]]) for z in shown["zones"]] == [
        ("balcony", 16, ["Balcony"]),
        ("stalls", 29, ["Stalls"]),
    ]
    assert "sections" not in shown  # the seats are the map version's plan, fetched once
    plan = (await alice.client.get(f"{API}/seat-maps/{shown['seat_map_id']}/plans/{shown['version']}")).json()
    assert plan["sections"][0]["rows"][0]["seats"][0]["code"] == "STALLS-A-1"

    chosen = await alice.client.post(
        f"{API}/bookings", json=order(event, "stalls", "balcony", seats=["BALC-B-3", "STALLS-C-2"])
    )
    assert chosen.status_code == 201, chosen.text
    assert sorted(t["seat"] for t in chosen.json()["tickets"]) == ["BALC-B-3", "STALLS-C-2"]
    by_type = {t["ticket_type_name"]: t["seat"] for t in chosen.json()["tickets"]}
    assert by_type == {"Stalls": "STALLS-C-2", "Balcony": "BALC-B-3"}  # matched by zone, not by position

    taken = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-2"]))
    assert (taken.status_code, taken.json()["code"]) == (409, "seat_unavailable")
    refusals = {
        "zone": order(event, "stalls", seats=["BALC-A-1"]),
        "count": order(event, "stalls", "stalls", seats=["STALLS-C-5"]),
        "unknown": order(event, "stalls", seats=["STALLS-Z-1"]),
        "twice": order(event, "stalls", "stalls", seats=["STALLS-C-5", "STALLS-C-5"]),
    }
    for why, body in refusals.items():
        refused = await bob.client.post(f"{API}/bookings", json=body)
        assert (refused.status_code, refused.json()["code"]) == (400, "invalid_seat"), why
    blocked = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-B-10"]))
    assert (blocked.status_code, blocked.json()["code"]) == (409, "seat_unavailable")

    # Left to the system: two seats side by side in the front row, nearest the middle, never across the aisle
    # and never the wheelchair place.
    assigned = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", "stalls"))
    assert assigned.status_code == 201, assigned.text
    assert sorted(t["seat"] for t in assigned.json()["tickets"]) == ["STALLS-A-4", "STALLS-A-5"]
    again = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", "stalls"))
    assert sorted(t["seat"] for t in again.json()["tickets"]) == ["STALLS-A-6", "STALLS-A-7"]
    # The wheelchair place is given when asked for.
    accessible = await alice.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-A-1"]))
    assert accessible.status_code == 201, accessible.text

    shown = (await bob.client.get(f"{API}/sessions/{session_id}/seat-map")).json()
    assert set(shown["unavailable"]) == {
        "STALLS-B-10",
        "BALC-B-3",
        "STALLS-C-2",
        "STALLS-A-4",
        "STALLS-A-5",
        "STALLS-A-6",
        "STALLS-A-7",
        "STALLS-A-1",
    }
    assert {z["zone"]: z["available"] for z in shown["zones"]} == {"balcony": 15, "stalls": 23}
    assert await guard_matches_counters(settings, session_id) == (45, 0, 7)

    # Seats on a session without a map, and a ticket type that prices no zone of the map, are refused.
    plain = await organizer.client.post(
        f"{API}/events/{event['id']}/sessions", json={"starts_at": at(12), "ends_at": at(12, hours=2), "capacity": 10}
    )
    unseated = {**order(event, "stalls", seats=["STALLS-C-9"]), "session_id": plain.json()["id"]}
    refused = await bob.client.post(f"{API}/bookings", json=unseated)
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_booking")
    general = await organizer.client.post(
        f"{API}/events/{event['id']}/ticket-types", json={"name": "Standing", "price": 0, "currency": "KZT"}
    )
    standing = {
        "session_id": session_id,
        "items": [{"ticket_type_id": general.json()["id"], "quantity": 1}],
    }
    refused = await bob.client.post(f"{API}/bookings", json=standing)
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_booking")
    assert await guard_matches_counters(settings, session_id) == (45, 0, 7)


async def test_seats_come_back_when_holds_expire_or_tickets_are_cancelled_and_a_late_payment_needs_them_free(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client, prices={"stalls": 200_000, "balcony": 0})
    session_id = event["sessions"][0]["id"]
    alice, bob = await make_accounts(settings, client_factory, 2)

    held = await alice.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-3"]))
    assert (held.status_code, held.json()["status"]) == (201, "pending_payment")
    assert await guard_matches_counters(settings, session_id) == (45, 1, 0)
    busy = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-3"]))
    assert busy.json()["code"] == "seat_unavailable"

    # The hold runs out: the next buyer gets the seat (the overdue hold is released on the way).
    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking)
            .where(Booking.id == uuid.UUID(held.json()["id"]))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert "STALLS-C-3" not in (await bob.client.get(f"{API}/sessions/{session_id}/seat-map")).json()["unavailable"]
    taken_over = await bob.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-3"]))
    assert taken_over.status_code == 201, taken_over.text
    assert await guard_matches_counters(settings, session_id) == (45, 1, 0)

    # Alice's money arrives late: her seat is gone, so the payment is refused (and refunded by payments).
    container = Container.build(settings)
    try:
        async with container.sessions() as session, session.begin():
            bookings = container.bookings(session)
            revived = await bookings.settlement.settle_payment(uuid.UUID(held.json()["id"]), datetime.now(UTC))
        assert revived is False
        assert await guard_matches_counters(settings, session_id) == (45, 1, 0)

        # Bob's hold expires too, and his late money finds the seat free: confirmed, in the same seat.
        async with session_scope(settings.database) as session:
            await session.execute(
                update(Booking)
                .where(Booking.id == uuid.UUID(taken_over.json()["id"]))
                .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
        async with container.sessions() as session, session.begin():
            assert await container.bookings(session).releases.expire_overdue_holds(datetime.now(UTC)) == 1
        assert await guard_matches_counters(settings, session_id) == (45, 0, 0)
        async with container.sessions() as session, session.begin():
            bookings = container.bookings(session)
            revived = await bookings.settlement.settle_payment(uuid.UUID(taken_over.json()["id"]), datetime.now(UTC))
        assert revived is True
        assert await guard_matches_counters(settings, session_id) == (45, 0, 1)
    finally:
        await container.close()

    # Cancelling some tickets frees exactly their seats.
    free = await alice.client.post(
        f"{API}/bookings",
        json=order(event, "balcony", "balcony", "balcony", seats=["BALC-A-1", "BALC-A-2", "BALC-A-3"]),
    )
    assert free.status_code == 201, free.text
    middle = next(t["id"] for t in free.json()["tickets"] if t["seat"] == "BALC-A-2")
    cancelled = await alice.client.post(f"{API}/bookings/{free.json()['id']}/cancel", json={"ticket_ids": [middle]})
    assert cancelled.status_code == 200, cancelled.text
    unavailable = set((await bob.client.get(f"{API}/sessions/{session_id}/seat-map")).json()["unavailable"])
    assert {"BALC-A-1", "BALC-A-3"} <= unavailable
    assert "BALC-A-2" not in unavailable
    assert await guard_matches_counters(settings, session_id) == (45, 0, 3)
    whole = await alice.client.post(f"{API}/bookings/{free.json()['id']}/cancel", json={})
    assert whole.status_code == 200, whole.text
    assert await guard_matches_counters(settings, session_id) == (45, 0, 1)

    # The organizer cancels the session: every seat is free again.
    assert (await organizer.client.post(f"{API}/sessions/{session_id}/cancel", json={})).status_code == 200
    assert await guard_matches_counters(settings, session_id) == (45, 0, 0)


async def test_many_buyers_racing_for_the_same_seats_get_each_seat_once(
    organizer: Account, settings: Settings, client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    """300 buyers at once, each choosing two of the same twelve seats (or asking for the best two): 200 through
    two API processes' HTTP endpoints and 100 in transactions of their own, all racing. Every seat goes to one
    buyer, refusals say seat_unavailable (naming seats really sold) or sold_out, and the guard matches the
    counters."""
    from tessera.booking.schemas import BookingCreate
    from tessera.server.app import create_app

    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    buyers = await make_accounts(settings, client_factory, 300, Role.PARTICIPANT, "racer")
    apps = [await client_factory(create_app(make_settings())) for _ in range(2)]
    hot = [f"STALLS-C-{n}" for n in range(1, 11)] + ["BALC-A-4", "BALC-A-5"]
    rng = random.Random(7)

    def wish(n: int) -> dict[str, Any]:
        if n % 5 == 0:
            return order(event, "balcony", "balcony")  # the best two together
        first, second = rng.sample(hot, 2)
        zones = ["balcony" if s.startswith("BALC") else "stalls" for s in (first, second)]
        return order(event, *zones, seats=[first, second])

    container = Container.build(settings)

    async def attempt(n: int) -> tuple[int, dict[str, Any]]:
        buyer, body = buyers[n], wish(n)
        if n < 200:
            headers = {"Authorization": buyer.client.headers["Authorization"]}
            answer = await apps[n % 2].post(f"{API}/bookings", json=body, headers=headers)
            return answer.status_code, answer.json()
        try:
            async with transaction(container.sessions) as session:
                created = await container.holds(session).create(_as(buyer), msgspec.convert(body, BookingCreate))
        except AppError as refusal:
            return refusal.status_code, {"code": refusal.code, **refusal.extra}
        return created.status_code, msgspec.to_builtins(created.body)

    try:
        answers = await asyncio.gather(*(attempt(n) for n in range(len(buyers))))
    finally:
        await container.close()
    codes = Counter(status for status, _ in answers)
    assert set(codes) <= {201, 409}, [body for status, body in answers if status not in (201, 409)][:3]
    assert codes[201] > 0
    assert codes[409] > 0
    assert {body["code"] for status, body in answers if status == 409} <= {"seat_unavailable", "sold_out"}
    sold = [t["seat"] for status, body in answers if status == 201 for t in body["tickets"]]
    assert len(sold) == len(set(sold))
    named = {seat for status, body in answers if status == 409 for seat in body.get("seats", [])}
    assert named
    assert named <= set(sold)
    assert len([s for s in sold if s.startswith("BALC")]) >= 15  # the balcony sold out, but for a lone seat
    assert await guard_matches_counters(settings, session_id) == (45, 0, len(sold))


def _as(account: Account) -> CurrentUser:
    return CurrentUser(id=account.id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)


async def test_a_section_sells_out_seat_by_seat(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    buyers = await make_accounts(settings, client_factory, 40, Role.PARTICIPANT, "one")
    answers = await asyncio.gather(*(b.client.post(f"{API}/bookings", json=order(event, "stalls")) for b in buyers))
    booked = [a for a in answers if a.status_code == 201]
    assert len(booked) == 28  # 29 stalls seats less the wheelchair place, which is never given unasked
    assert {a.json()["code"] for a in answers if a.status_code != 201} == {"sold_out"}
    assert (await guard_matches_counters(settings, session_id))[1:] == (0, 28)
    shown = (await buyers[0].client.get(f"{API}/sessions/{session_id}/seat-map")).json()
    assert {z["zone"]: z["available"] for z in shown["zones"]} == {"balcony": 16, "stalls": 1}
    last = await buyers[0].client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-A-1"]))
    assert last.status_code == 201, last.text
    assert (await guard_matches_counters(settings, session_id))[1:] == (0, 29)


async def test_the_organizer_blocks_releases_and_moves_seats_and_the_door_shows_the_seat(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    [fan] = await make_accounts(settings, client_factory, 1)
    [rival] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival")
    booked = await fan.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-5"]))
    ticket = booked.json()["tickets"][0]

    desk = f"{API}/sessions/{session_id}/seats"
    blocked = await organizer.client.post(f"{desk}/block", json={"seats": ["STALLS-C-6", "STALLS-C-7"]})
    assert blocked.status_code == 200, blocked.text
    assert (blocked.json()["capacity"], blocked.json()["blocked"]) == (43, 2)
    assert [(h["seat"], h["status"]) for h in blocked.json()["holders"]] == [
        ("STALLS-C-5", "sold"),
        ("STALLS-C-6", "blocked"),
        ("STALLS-C-7", "blocked"),
    ]
    assert blocked.json()["holders"][0]["booking_reference"] == booked.json()["reference"]
    # A sold seat cannot be blocked, and a refusal changes nothing.
    refused = await organizer.client.post(f"{desk}/block", json={"seats": ["STALLS-C-8", "STALLS-C-5"]})
    assert (refused.status_code, refused.json()["code"], refused.json()["seats"]) == (
        409,
        "seat_unavailable",
        ["STALLS-C-5"],
    )
    assert await guard_matches_counters(settings, session_id) == (43, 0, 1)
    taken = await fan.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-6"]))
    assert taken.json()["code"] == "seat_unavailable"
    released = await organizer.client.post(f"{desk}/release", json={"seats": ["STALLS-C-7"]})
    assert (released.status_code, released.json()["capacity"]) == (200, 44)
    not_blocked = await organizer.client.post(f"{desk}/release", json={"seats": ["STALLS-C-5"]})
    assert (not_blocked.status_code, not_blocked.json()["code"]) == (400, "invalid_seat")
    assert await guard_matches_counters(settings, session_id) == (44, 0, 1)

    # Moving: within the zone, to a free seat; the holder is told and keeps the ticket code.
    for seat, status, code in (("BALC-A-1", 400, "invalid_seat"), ("STALLS-C-6", 409, "seat_unavailable")):
        wrong = await organizer.client.post(f"{desk}/move", json={"ticket_id": ticket["id"], "seat": seat})
        assert (wrong.status_code, wrong.json()["code"]) == (status, code)
    moved = await organizer.client.post(f"{desk}/move", json={"ticket_id": ticket["id"], "seat": "STALLS-B-3"})
    assert moved.status_code == 200, moved.text
    assert [h["seat"] for h in moved.json()["holders"] if h["status"] == "sold"] == ["STALLS-B-3"]
    mine = (await fan.client.get(f"{API}/bookings/{booked.json()['id']}")).json()["tickets"][0]
    assert (mine["seat"], mine["code"]) == ("STALLS-B-3", ticket["code"])
    async with session_scope(settings.database) as session:
        told = list(await session.scalars(select(Notification).where(Notification.kind == "seat_moved")))
        assert [(n.user_id, n.payload["previous_seat"], n.payload["seat"]) for n in told] == [
            (fan.id, "STALLS-C-5", "STALLS-B-3")
        ]
    assert await guard_matches_counters(settings, session_id) == (44, 0, 1)
    reused = await fan.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-5"]))
    assert reused.status_code == 201, reused.text

    # Only the organizer: a participant is forbidden, another organizer sees nothing.
    assert (await fan.client.post(f"{desk}/block", json={"seats": ["STALLS-C-9"]})).status_code == 403
    assert (await rival.client.post(f"{desk}/block", json={"seats": ["STALLS-C-9"]})).status_code == 404
    assert (await rival.client.get(desk)).status_code == 404

    # At the door, the scan shows where the holder sits.
    await reschedule(settings, session_id, starts_in=1, ends_in=3)
    scanned = await organizer.client.post(f"{API}/checkin", json={"code": ticket["code"], "session_id": session_id})
    assert (scanned.status_code, scanned.json()["seat"]) == (200, "STALLS-B-3")
    again = await organizer.client.post(f"{API}/checkin", json={"code": ticket["code"], "session_id": session_id})
    assert (again.status_code, again.json()["seat"]) == (409, "STALLS-B-3")
