"""Bookings: holds without oversell, idempotency, limits, expiry, cancellation, privacy and check-in."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from httpx import AsyncClient
from sqlalchemy import func, select, update

from tessera.booking.models import Booking, Ticket
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import create_engine, session_scope
from tessera.core.outbox import Notification
from tessera.server.cli import main
from tessera.server.container import Container

from .conftest import ClientFactory, SettingsFactory, bearer_token
from .helpers import Account, book, make_accounts, make_listing, reschedule

REFERENCE = re.compile(r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$")
DOORS_OPEN = 1 / 24  # days ahead: a session starting in an hour, whose check-in is open


@pytest.fixture
async def organizer(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]


@pytest.fixture
async def fans(settings: Settings, client_factory: ClientFactory) -> list[Account]:
    return await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")


async def seats(settings: Settings, session_id: str) -> tuple[int, int, int]:
    async with session_scope(settings.database) as session:
        row = await session.get(ListingSession, uuid.UUID(session_id))
        assert row is not None
        return row.capacity, row.held, row.sold


async def outbox(settings: Settings, kind: str) -> list[Notification]:
    async with session_scope(settings.database) as session:
        return list(await session.scalars(select(Notification).where(Notification.kind == kind)))


async def test_paid_booking_holds_seats_until_payment(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client, prices=(450_000, 900_000))
    response = await fans[0].client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][0]["id"],
            "items": [
                {"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 2},
                {"ticket_type_id": event["ticket_types"][1]["id"], "quantity": 1},
            ],
            "attendees": [{"name": "Ada"}, {"name": "Grace"}, {"name": "Alan"}],
        },
    )
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["status"] == "pending_payment"
    assert REFERENCE.match(booking["reference"])
    assert booking["total"] == 2 * 450_000 + 900_000  # priced by the server
    assert booking["currency"] == "KZT"
    assert booking["quantity"] == 3
    expires = datetime.fromisoformat(booking["expires_at"])
    assert timedelta(minutes=14) < expires - datetime.now(UTC) <= timedelta(minutes=15)
    assert len(booking["tickets"]) == 3
    assert len({t["code"] for t in booking["tickets"]}) == 3
    assert {t["status"] for t in booking["tickets"]} == {"pending"}
    assert sorted(t["attendee_name"] for t in booking["tickets"]) == ["Ada", "Alan", "Grace"]
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 3, 0)
    assert len(await outbox(settings, "booking_created")) == 1

    # Clients cannot set prices: unknown fields are refused, nothing is booked.
    tampered = await fans[1].client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][0]["id"],
            "items": [{"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 1, "price": 1}],
        },
    )
    assert tampered.status_code == 400
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 3, 0)


async def test_free_booking_is_confirmed_at_once(organizer: Account, fans: list[Account], settings: Settings) -> None:
    event = await make_listing(organizer.client, prices=(0,))
    response = await book(fans[0].client, event, 2)
    assert response.status_code == 201
    booking = response.json()
    assert booking["status"] == "confirmed"
    assert booking["expires_at"] is None
    assert booking["total"] == 0
    assert {t["status"] for t in booking["tickets"]} == {"valid"}
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 0, 2)
    assert len(await outbox(settings, "booking_confirmed")) == 1


async def test_sold_out_is_409_and_takes_nothing(organizer: Account, fans: list[Account], settings: Settings) -> None:
    event = await make_listing(organizer.client, capacity=3)
    assert (await book(fans[0].client, event, 2)).status_code == 201
    too_many = await book(fans[1].client, event, 2)
    assert too_many.status_code == 409
    assert too_many.json()["code"] == "sold_out"
    assert too_many.json()["available"] == 1
    assert (await book(fans[1].client, event, 1)).status_code == 201
    gone = await book(fans[2].client, event, 1)
    assert gone.status_code == 409
    assert gone.json()["detail"] == "Sold out"
    assert await seats(settings, event["sessions"][0]["id"]) == (3, 3, 0)


async def test_idempotent_retry_returns_the_first_booking(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client)
    first = await book(fans[0].client, event, 2, key="checkout-1")
    retry = await book(fans[0].client, event, 2, key="checkout-1")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 2, 0)

    changed = await book(fans[0].client, event, 3, key="checkout-1")
    assert changed.status_code == 422
    assert changed.json()["code"] == "idempotency_key_reused"

    # Keys belong to their account: another customer's identical key is a new booking.
    other = await book(fans[1].client, event, 2, key="checkout-1")
    assert other.status_code == 201
    assert other.json()["id"] != first.json()["id"]

    # Simultaneous retries of one request still make one booking.
    racing = await asyncio.gather(*(book(fans[2].client, event, 1, key="race") for _ in range(20)))
    assert {r.status_code for r in racing} == {201}
    assert len({r.json()["id"] for r in racing}) == 1
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 5, 0)


async def test_order_and_account_limits(
    organizer: Account, fans: list[Account], client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    event = await make_listing(organizer.client, max_per_order=4)
    per_order = await book(fans[0].client, event, 5)
    assert per_order.status_code == 400
    assert per_order.json()["code"] == "invalid_booking"

    from tessera.server.app import create_app

    strict = make_settings(TESSERA_MAX_TICKETS_PER_USER="6")
    app = create_app(strict)
    client = await client_factory(app)
    client.headers["Authorization"] = fans[0].client.headers["Authorization"]
    assert (await book(client, event, 4)).status_code == 201
    over = await book(client, event, 3)
    assert over.status_code == 409
    assert over.json()["code"] == "ticket_limit_reached"
    assert (await book(client, event, 2)).status_code == 201


async def test_unknown_and_foreign_ticket_types_are_refused(organizer: Account, fans: list[Account]) -> None:
    event = await make_listing(organizer.client)
    other = await make_listing(organizer.client, title="Other")
    response = await fans[0].client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][0]["id"],
            "items": [{"ticket_type_id": other["ticket_types"][0]["id"], "quantity": 1}],
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_booking"
    wrong_count = await fans[0].client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][0]["id"],
            "items": [{"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 2}],
            "attendees": [{"name": "Only one"}],
        },
    )
    assert wrong_count.status_code == 400
    missing = await fans[0].client.post(
        "/api/v1/bookings",
        json={"session_id": str(uuid.uuid4()), "items": [{"ticket_type_id": str(uuid.uuid4()), "quantity": 1}]},
    )
    assert missing.status_code == 404


async def test_only_sessions_on_sale_can_be_booked(
    organizer: Account, fans: list[Account], client_factory: ClientFactory
) -> None:
    draft = await make_listing(organizer.client, publish=False)
    assert (await book(fans[0].client, draft)).status_code == 404

    event = await make_listing(organizer.client, sessions=2)
    future_sales = await organizer.client.patch(
        f"/api/v1/sessions/{event['sessions'][0]['id']}",
        json={"sales_start_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
    )
    assert future_sales.status_code == 200
    not_yet = await book(fans[0].client, event, session=0)
    assert not_yet.status_code == 409
    assert not_yet.json()["code"] == "not_on_sale"
    assert "not opened" in not_yet.json()["detail"]

    assert (await organizer.client.post(f"/api/v1/sessions/{event['sessions'][1]['id']}/cancel")).status_code == 200
    cancelled = await book(fans[0].client, event, session=1)
    assert cancelled.status_code == 409
    assert "cancelled" in cancelled.json()["detail"]

    anonymous = await book(await client_factory(), event)
    assert anonymous.status_code == 401


async def test_expired_holds_give_their_seats_back(
    organizer: Account, fans: list[Account], settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=2)
    session_id = event["sessions"][0]["id"]
    held = (await book(fans[0].client, event, 2)).json()
    assert (await book(fans[1].client, event, 1)).status_code == 409

    # Nothing is due yet.
    result = await asyncio.to_thread(
        CliRunner().invoke, main, ["expire-holds"], env={"TESSERA_DATABASE_URL": settings.database.url}
    )
    assert result.exit_code == 0, result.output
    assert "Expired 0 hold(s)" in result.output

    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking).where(Booking.id == held["id"]).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    result = await asyncio.to_thread(
        CliRunner().invoke, main, ["expire-holds"], env={"TESSERA_DATABASE_URL": settings.database.url}
    )
    assert "Expired 1 hold(s)" in result.output
    assert await seats(settings, session_id) == (2, 0, 0)

    mine = (await fans[0].client.get(f"/api/v1/bookings/{held['id']}")).json()
    assert mine["status"] == "expired"
    assert {t["status"] for t in mine["tickets"]} == {"cancelled"}
    assert len(await outbox(settings, "hold_expired")) == 1
    assert (await book(fans[1].client, event, 2)).status_code == 201


async def test_availability_and_booking_release_overdue_holds_first(
    organizer: Account, fans: list[Account], settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=2)
    session_id = event["sessions"][0]["id"]
    held = (await book(fans[0].client, event, 2)).json()
    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking).where(Booking.id == held["id"]).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    public = await client_factory()
    availability = (await public.get(f"/api/v1/sessions/{session_id}/availability")).json()
    assert availability["available"] == 2
    assert availability["held"] == 0

    second = (await book(fans[1].client, event, 2)).json()
    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking)
            .where(Booking.id == second["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    # The next booking finds the seats taken only by an overdue hold, and gets them.
    assert (await book(fans[2].client, event, 2)).status_code == 201


async def test_expiry_runs_safely_on_several_workers(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client, capacity=30)
    session_id = event["sessions"][0]["id"]
    for fan in fans:
        for _ in range(3):
            assert (await book(fan.client, event, 3)).status_code == 201
    later = datetime.now(UTC) + timedelta(minutes=16)
    container = Container.build(settings)

    async def worker() -> int:
        async with container.sessions() as session, session.begin():
            return await container.bookings(session).releases.expire_overdue_holds(later)

    counts = await asyncio.gather(*(worker() for _ in range(4)))
    await container.close()
    assert sum(counts) == 9  # every hold expired exactly once
    assert await seats(settings, session_id) == (30, 0, 0)
    assert len(await outbox(settings, "hold_expired")) == 9


async def test_customer_cancels_whole_or_part(organizer: Account, fans: list[Account], settings: Settings) -> None:
    free = await make_listing(organizer.client, prices=(0,), title="Free talk")
    session_id = free["sessions"][0]["id"]
    booking = (await book(fans[0].client, free, 3)).json()
    csrf_free = fans[0].client  # bearer client: no CSRF needed

    partial = await csrf_free.post(
        f"/api/v1/bookings/{booking['id']}/cancel", json={"ticket_ids": [booking["tickets"][0]["id"]]}
    )
    assert partial.status_code == 200, partial.text
    body = partial.json()
    assert body["status"] == "confirmed"
    assert body["quantity"] == 2
    assert [t["status"] for t in body["tickets"]].count("cancelled") == 1
    assert await seats(settings, session_id) == (50, 0, 2)

    whole = await csrf_free.post(f"/api/v1/bookings/{booking['id']}/cancel", json={"reason": "Plans changed"})
    assert whole.json()["status"] == "cancelled"
    assert whole.json()["quantity"] == 0
    assert await seats(settings, session_id) == (50, 0, 0)
    again = await csrf_free.post(f"/api/v1/bookings/{booking['id']}/cancel")
    assert again.status_code == 409
    assert again.json()["code"] == "not_cancellable"
    assert len(await outbox(settings, "tickets_cancelled")) == 1
    assert len(await outbox(settings, "booking_cancelled")) == 1

    paid = await make_listing(organizer.client, title="Paid show")
    pending = (await book(fans[1].client, paid, 2)).json()
    only_one = await fans[1].client.post(
        f"/api/v1/bookings/{pending['id']}/cancel", json={"ticket_ids": [pending["tickets"][0]["id"]]}
    )
    assert only_one.status_code == 409
    cancelled = await fans[1].client.post(f"/api/v1/bookings/{pending['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert await seats(settings, paid["sessions"][0]["id"]) == (50, 0, 0)


async def test_organizer_cancelling_a_session_cancels_its_bookings(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client, prices=(0,), sessions=2)
    first = (await book(fans[0].client, event, 2, session=0)).json()
    second = (await book(fans[1].client, event, 1, session=0)).json()
    other_session = (await book(fans[2].client, event, 1, session=1)).json()

    response = await organizer.client.post(
        f"/api/v1/sessions/{event['sessions'][0]['id']}/cancel", json={"reason": "Artist ill"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    for fan, booking in ((fans[0], first), (fans[1], second)):
        assert (await fan.client.get(f"/api/v1/bookings/{booking['id']}")).json()["status"] == "cancelled"
    assert (await fans[2].client.get(f"/api/v1/bookings/{other_session['id']}")).json()["status"] == "confirmed"
    notices = await outbox(settings, "session_cancelled")
    assert {n.payload["booking_id"] for n in notices} == {first["id"], second["id"]}
    assert notices[0].payload["reason"] == "Artist ill"
    assert await seats(settings, event["sessions"][0]["id"]) == (50, 0, 0)

    await organizer.client.post(f"/api/v1/events/{event['id']}/cancel")
    assert (await fans[2].client.get(f"/api/v1/bookings/{other_session['id']}")).json()["status"] == "cancelled"
    assert len(await outbox(settings, "event_cancelled")) == 1


async def test_moving_a_session_tells_its_attendees(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client, prices=(0,))
    booking = (await book(fans[0].client, event)).json()
    session_id = event["sessions"][0]["id"]
    new_start = datetime.now(UTC) + timedelta(days=30)
    moved = await organizer.client.patch(
        f"/api/v1/sessions/{session_id}",
        json={"starts_at": new_start.isoformat(), "ends_at": (new_start + timedelta(hours=2)).isoformat()},
    )
    assert moved.status_code == 200
    notices = await outbox(settings, "session_changed")
    assert [n.payload["booking_id"] for n in notices] == [booking["id"]]
    shrink = await organizer.client.patch(f"/api/v1/sessions/{session_id}", json={"capacity": 0})
    assert shrink.status_code == 400
    assert (await book(fans[1].client, event, 3)).status_code == 201
    below = await organizer.client.patch(f"/api/v1/sessions/{session_id}", json={"capacity": 3})
    assert below.status_code == 409
    assert below.json()["code"] == "capacity_below_booked"
    assert (await organizer.client.patch(f"/api/v1/sessions/{session_id}", json={"capacity": 4})).status_code == 200


async def test_bookings_are_private(
    organizer: Account, fans: list[Account], settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, prices=(0,))
    mine = (await book(fans[0].client, event, 2)).json()
    theirs = (await book(fans[1].client, event, 1)).json()

    assert (await fans[0].client.get(f"/api/v1/bookings/{theirs['id']}")).status_code == 404
    assert (await fans[0].client.post(f"/api/v1/bookings/{theirs['id']}/cancel")).status_code == 404
    listed = (await fans[0].client.get("/api/v1/bookings")).json()
    assert [b["id"] for b in listed["items"]] == [mine["id"]]
    assert listed["total"] == 1
    assert (await organizer.client.get(f"/api/v1/bookings/{mine['id']}")).status_code == 404

    attendees = (await organizer.client.get(f"/api/v1/sessions/{event['sessions'][0]['id']}/bookings")).json()
    assert attendees["total"] == 2
    assert sorted(b["quantity"] for b in attendees["items"]) == [1, 2]
    assert all("email" not in b and "total" not in b for b in attendees["items"])

    rival = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival"))[0]
    assert (await rival.client.get(f"/api/v1/sessions/{event['sessions'][0]['id']}/bookings")).status_code == 404
    assert (await fans[0].client.get(f"/api/v1/sessions/{event['sessions'][0]['id']}/bookings")).status_code == 403


async def test_check_in_admits_a_ticket_once(
    organizer: Account, fans: list[Account], settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, prices=(0,), days_ahead=DOORS_OPEN)
    door = event["sessions"][0]["id"]
    booking = (await book(fans[0].client, event, 2)).json()
    code = booking["tickets"][0]["code"]

    def scan(client: AsyncClient, code: str, session_id: str = door) -> Any:
        return client.post("/api/v1/checkin", json={"code": code, "session_id": session_id})

    first = await scan(organizer.client, code.lower())
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "used"
    assert first.json()["booking_reference"] == booking["reference"]
    second = await scan(organizer.client, code)
    assert second.status_code == 409
    assert second.json()["code"] == "already_checked_in"
    assert second.json()["checked_in_at"] == first.json()["checked_in_at"]

    forged = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
    refused = await scan(organizer.client, forged)
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_ticket_code"

    rival = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival"))[0]
    other_code = booking["tickets"][1]["code"]
    assert (await scan(rival.client, other_code)).status_code == 404
    assert (await scan(fans[0].client, other_code)).status_code == 403

    paid = await make_listing(organizer.client, title="Paid", days_ahead=DOORS_OPEN)
    unpaid = (await book(fans[1].client, paid)).json()
    not_paid = await scan(organizer.client, unpaid["tickets"][0]["code"], paid["sessions"][0]["id"])
    assert not_paid.status_code == 409
    assert not_paid.json()["code"] == "ticket_not_valid"

    used = await fans[0].client.post(f"/api/v1/bookings/{booking['id']}/cancel")
    assert used.status_code == 409  # a used ticket cannot be refunded away

    # Simultaneous scans of one ticket: exactly one admits.
    fresh = (await book(fans[2].client, event)).json()["tickets"][0]["code"]
    scans = await asyncio.gather(*(scan(organizer.client, fresh) for _ in range(10)))
    assert sorted(s.status_code for s in scans) == [200] + [409] * 9


async def test_check_in_admits_only_the_sessions_own_tickets_while_its_doors_are_open(
    organizer: Account, fans: list[Account], settings: Settings
) -> None:
    event = await make_listing(organizer.client, prices=(0,), sessions=2, days_ahead=DOORS_OPEN)
    today, tomorrow = (s["id"] for s in event["sessions"])
    for_tomorrow = (await book(fans[0].client, event, session=1)).json()["tickets"][0]
    for_today = (await book(fans[1].client, event)).json()["tickets"][0]

    wrong = await organizer.client.post("/api/v1/checkin", json={"code": for_tomorrow["code"], "session_id": today})
    assert wrong.status_code == 409
    assert wrong.json()["code"] == "wrong_session"
    # Tomorrow's doors are not open yet (240 minutes before the start by default).
    early = await organizer.client.post("/api/v1/checkin", json={"code": for_tomorrow["code"], "session_id": tomorrow})
    assert early.status_code == 409
    assert early.json()["code"] == "checkin_closed"
    # Nothing was admitted by either attempt.
    tickets = (await fans[0].client.get("/api/v1/bookings")).json()["items"][0]["tickets"]
    assert tickets[0]["status"] == "valid"

    await reschedule(settings, today, starts_in=-3, ends_in=-0.02)  # today's session is over
    late = await organizer.client.post("/api/v1/checkin", json={"code": for_today["code"], "session_id": today})
    assert late.status_code == 409
    assert late.json()["code"] == "checkin_closed"
    unknown = await organizer.client.post(
        "/api/v1/checkin", json={"code": for_today["code"], "session_id": str(uuid.uuid4())}
    )
    assert unknown.status_code == 404


async def test_organizer_sees_seats_sold_and_revenue(
    organizer: Account, fans: list[Account], settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, prices=(500_000, 200_000), sessions=2)
    url = f"/api/v1/events/{event['id']}/sales"
    nothing = (await organizer.client.get(url)).json()
    assert (nothing["currency"], nothing["revenue"], nothing["tickets_sold"], nothing["sessions"]) == (None, 0, 0, [])

    cheap, dear = sorted(event["ticket_types"], key=lambda t: t["price"])  # listed cheapest first
    first = (await book(fans[0].client, event, 3, tier=1)).json()  # 3 x 5,000.00 on session 1
    second = (await book(fans[1].client, event, 2, session=1, tier=0)).json()  # 2 x 2,000.00 on session 2
    assert (await book(fans[2].client, event, 4)).status_code == 201  # never paid: not revenue
    container = Container.build(settings)
    async with container.sessions() as session, session.begin():
        settlement = container.bookings(session).settlement
        for booking in (first, second):
            assert await settlement.settle_payment(uuid.UUID(booking["id"]), datetime.now(UTC))
    await container.close()
    await reschedule(settings, event["sessions"][1]["id"], starts_in=1, ends_in=3)  # its doors are open
    admitted = await organizer.client.post(
        "/api/v1/checkin", json={"code": second["tickets"][0]["code"], "session_id": event["sessions"][1]["id"]}
    )
    assert admitted.status_code == 200, admitted.text

    sales = (await organizer.client.get(url)).json()
    assert sales["currency"] == "KZT"
    assert (sales["bookings"], sales["tickets_sold"], sales["checked_in"]) == (2, 5, 1)
    assert sales["revenue"] == 3 * dear["price"] + 2 * cheap["price"] == 1_900_000
    per_session = {s["session_id"]: s for s in sales["sessions"]}
    assert per_session[event["sessions"][0]["id"]]["revenue"] == 1_500_000
    assert per_session[event["sessions"][1]["id"]]["tickets_sold"] == 2

    free = await make_listing(organizer.client, prices=(0,), title="Free talk")
    kept = (await book(fans[0].client, free, 3)).json()
    dropped = await fans[0].client.post(
        f"/api/v1/bookings/{kept['id']}/cancel", json={"ticket_ids": [kept["tickets"][0]["id"]]}
    )
    assert dropped.status_code == 200, dropped.text
    free_sales = (await organizer.client.get(f"/api/v1/events/{free['id']}/sales")).json()
    assert (free_sales["tickets_sold"], free_sales["revenue"]) == (2, 0)  # the cancelled ticket is not sold

    rival = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival"))[0]
    assert (await rival.client.get(url)).status_code == 404
    assert (await fans[0].client.get(url)).status_code == 403


async def test_simultaneous_mixed_requests_each_get_the_answer_they_would_get_alone(
    organizer: Account, settings: Settings, client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    """Requests arriving together share one transaction; every rule still answers each one as if alone."""
    from tessera.server.app import create_app

    app = create_app(make_settings(TESSERA_MAX_TICKETS_PER_USER="10"))
    client = await client_factory(app)
    people = await make_accounts(settings, client_factory, 14, Role.PARTICIPANT, "mix")
    paid = await make_listing(organizer.client, capacity=10, title="Small room")
    free = await make_listing(organizer.client, capacity=100, prices=(0,), title="Open day")
    foreign = await make_listing(organizer.client, title="Elsewhere")

    def as_(person: Account) -> dict[str, str]:
        return {"Authorization": person.client.headers["Authorization"]}

    def order(event: dict[str, Any], seats: int, *, tier: str | None = None) -> dict[str, Any]:
        return {
            "session_id": event["sessions"][0]["id"],
            "items": [{"ticket_type_id": tier or event["ticket_types"][0]["id"], "quantity": seats}],
        }

    calls: list[tuple[str, Account, dict[str, Any], str | None]] = [
        ("seat", p, order(paid, 1), None)
        for p in people[:12]  # 12 people, 10 seats
    ]
    calls += [("limit", people[12], order(free, 4), None) for _ in range(3)]  # 12 seats > limit of 10
    calls += [("twin", people[13], order(free, 2), "same-key")] * 2
    named = order(free, 1) | {"attendees": [{"name": "Aliya"}]}  # same seats, different body
    calls += [("reuse", people[13], order(free, 1), "reused"), ("reuse", people[13], named, "reused")]
    calls += [("invalid", people[13], order(free, 1, tier=foreign["ticket_types"][0]["id"]), None)]

    async def call(person: Account, body: dict[str, Any], key: str | None) -> Any:
        headers = as_(person) | ({"Idempotency-Key": key} if key else {})
        return await client.post("/api/v1/bookings", json=body, headers=headers)

    # Everyone's sign-in was checked a moment ago (their page loaded), so the burst arrives together instead
    # of trickling in behind one access check each.
    for person in people:
        assert (await client.get("/api/v1/auth/me", headers=as_(person))).status_code == 200
    before = await _batched_requests(client)
    answers = await asyncio.gather(*(call(p, body, key) for _, p, body, key in calls))
    by_kind: dict[str, list[Any]] = {}
    for (kind, *_), answer in zip(calls, answers, strict=True):
        by_kind.setdefault(kind, []).append(answer)

    assert sorted(a.status_code for a in by_kind["seat"]) == [201] * 10 + [409] * 2
    assert {a.json()["code"] for a in by_kind["seat"] if a.status_code == 409} == {"sold_out"}
    assert sorted(a.status_code for a in by_kind["limit"]) == [201, 201, 409]
    assert [a.json()["code"] for a in by_kind["limit"] if a.status_code == 409] == ["ticket_limit_reached"]
    twins = by_kind["twin"]
    assert [t.status_code for t in twins] == [201, 201]
    assert twins[0].json()["id"] == twins[1].json()["id"]
    assert sorted(t.headers.get("Idempotent-Replayed", "") for t in twins) == ["", "true"]
    assert sorted(a.status_code for a in by_kind["reuse"]) == [201, 422]
    assert by_kind["invalid"][0].status_code == 400

    async with session_scope(settings.database) as session:
        for event in (paid, free):
            session_id = uuid.UUID(event["sessions"][0]["id"])
            found = await session.get(ListingSession, session_id)
            assert found is not None
            row = found
            seats = await session.scalar(
                select(func.coalesce(func.sum(Booking.quantity), 0)).where(Booking.session_id == session_id)
            )
            tickets = await session.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.session_id == session_id)
            )
            assert row.held + row.sold == seats == tickets
        assert (row.capacity, row.held + row.sold) == (100, 8 + 2 + 1)
        bookings = await session.scalar(select(func.count()).select_from(Booking))
        announced = await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind.in_(["booking_created", "booking_confirmed"]))
        )
    assert bookings == announced == 10 + 2 + 1 + 1
    assert await _batched_requests(client) > before  # some of them really did share a transaction


async def test_batches_of_two_processes_share_sessions_without_overselling_or_failing(
    organizer: Account,
    settings: Settings,
    client_factory: ClientFactory,
    make_settings: SettingsFactory,
) -> None:
    """Two API processes (two batchers) booking the same sessions at once: every seat goes exactly once,
    and no shared transaction fails."""
    from tessera.server.app import create_app

    people = await make_accounts(settings, client_factory, 40, Role.PARTICIPANT, "two")
    event = await make_listing(organizer.client, capacity=30, sessions=5, max_per_order=10, title="Five nights")
    apps = [await client_factory(create_app(make_settings())) for _ in range(2)]

    async def attempt(n: int) -> Any:
        person = people[n % len(people)]
        body = {
            "session_id": event["sessions"][(n * 3) % 5]["id"],
            "items": [{"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 1 + n % 2}],
        }
        headers = {"Authorization": person.client.headers["Authorization"]}
        return await apps[n % 2].post("/api/v1/bookings", json=body, headers=headers)

    failed_before = await _failed_batches(apps[0])
    answers = await asyncio.gather(*(attempt(n) for n in range(240)))
    codes = {a.status_code for a in answers}
    assert codes <= {201, 409}, [a.text for a in answers if a.status_code not in (201, 409)][:3]
    booked = sum(a.json()["quantity"] for a in answers if a.status_code == 201)
    assert booked == 5 * 30  # 240 requests for 360 seats' worth: every one of the 150 seats is sold, once
    for session in event["sessions"]:
        assert await seats(settings, session["id"]) == (30, 30, 0)
    assert await _failed_batches(apps[0]) == failed_before


async def test_one_process_writes_one_booking_transaction_at_a_time_however_requests_arrive(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    """People arrive one by one, a few milliseconds apart, as a real crowd does (not in synchronised waves):
    the process still writes one transaction at a time, a request alone in the queue included, and the
    requests a batch cannot settle take the single-file lane, with the same answers as ever."""
    from tessera.booking.batching import BookingBatcher
    from tessera.booking.holds import BookingRequest
    from tessera.booking.schemas import BookingCreate, BookingItem
    from tessera.core.errors import AppError

    people = await make_accounts(settings, client_factory, 50, Role.PARTICIPANT, "crowd")
    event = await make_listing(organizer.client, capacity=40, max_per_order=10, title="Spread out")
    order = BookingCreate(
        session_id=uuid.UUID(event["sessions"][0]["id"]),
        items=[BookingItem(ticket_type_id=uuid.UUID(event["ticket_types"][0]["id"]), quantity=1)],
    )
    greedy = BookingCreate(session_id=order.session_id, items=[BookingItem(order.items[0].ticket_type_id, 6)])
    requests = [BookingRequest(_as(people[44]), order, "twice")] * 2  # a retried request
    requests += [BookingRequest(_as(people[45]), greedy, None)] * 2  # 12 seats > 10 per account
    requests += [BookingRequest(_as(p), order, None) for p in people[:44]]  # 44 people for the 33 seats left
    container = Container.build(settings)
    batcher = BookingBatcher(container.sessions, container.holds)

    async def arrive(n: int, request: BookingRequest) -> str:
        await asyncio.sleep(n * 0.003)
        try:
            created = await batcher.book(request)
        except AppError as refusal:
            return refusal.code
        return "replayed" if created.replayed else "booked"

    try:
        answers = await asyncio.gather(*(arrive(n, r) for n, r in enumerate(requests)))
    finally:
        await batcher.close()
        await container.close()
    assert batcher.most_writing == 1
    assert answers[:4] == ["booked", "replayed", "booked", "ticket_limit_reached"]
    assert sorted(answers[4:]) == ["booked"] * 33 + ["sold_out"] * 11
    assert await seats(settings, event["sessions"][0]["id"]) == (40, 40, 0)


def _as(account: Account) -> Any:
    from tessera.core.auth import AuthMethod, CurrentUser

    return CurrentUser(id=account.id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)


async def test_a_warm_process_books_without_compiling_sql(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    """Every statement of a booking, single or batched, comes from SQLAlchemy's compiled cache once the
    process has booked before: compiling them again cost about a quarter of a booking's CPU."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.engine.interfaces import CacheStats

    people = await make_accounts(settings, client_factory, 12, Role.PARTICIPANT, "warm")
    event_detail = await make_listing(organizer.client, capacity=100, max_per_order=10, title="Warm")
    for person in people[:2]:  # warm up: the first booking of each shape compiles its statements
        assert (await book(person.client, event_detail, 1)).status_code == 201
    assert {a.status_code for a in await asyncio.gather(*(book(p.client, event_detail, 1) for p in people[2:6]))} == {
        201
    }
    uncached: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        # Only statements SQLAlchemy compiles count (the driver's own BEGIN and COMMIT do not).
        if context.compiled is not None and context.cache_hit in (CacheStats.NO_CACHE_KEY, CacheStats.CACHE_MISS):
            uncached.append(f"{context.cache_hit.name}: {statement[:100]}")

    event.listen(Engine, "after_cursor_execute", record)
    try:
        alone = await book(people[6].client, event_detail, 1)
        crowd = await asyncio.gather(*(book(p.client, event_detail, 1) for p in people[7:]))
    finally:
        event.remove(Engine, "after_cursor_execute", record)
    assert alone.status_code == 201
    assert {a.status_code for a in crowd} == {201}
    assert uncached == []


async def test_a_batch_for_a_sold_out_session_costs_a_few_statements_however_big(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    """Once a sale is sold out, most requests are for seats that are gone: a batch of them is answered
    with a few statements, not one failed seat update per request."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from tessera.booking.holds import BookingRequest
    from tessera.booking.schemas import BookingCreate, BookingItem
    from tessera.core.background import transaction
    from tessera.core.errors import AppError

    people = await make_accounts(settings, client_factory, 40, Role.PARTICIPANT, "late")
    sold = await make_listing(organizer.client, capacity=2, title="Gone")
    assert (await book(people[0].client, sold, 2)).status_code == 201
    order = BookingCreate(
        session_id=uuid.UUID(sold["sessions"][0]["id"]),
        items=[BookingItem(ticket_type_id=uuid.UUID(sold["ticket_types"][0]["id"]), quantity=1)],
    )
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        statements.append(statement)

    container = Container.build(settings)
    try:
        event.listen(Engine, "before_cursor_execute", count)
        try:
            async with transaction(container.sessions) as session:
                answers = await container.holds(session).create_batch(
                    [BookingRequest(_as(p), order, None) for p in people[1:]]
                )
        finally:
            event.remove(Engine, "before_cursor_execute", count)
    finally:
        await container.close()
    assert {a.code for a in answers if isinstance(a, AppError)} == {"sold_out"}
    assert len(answers) == 39
    assert len(statements) <= 12, statements


async def _failed_batches(client: Any) -> float:
    found = re.search(r"^tessera_booking_batches_failed_total (\S+)$", (await client.get("/metrics")).text, re.M)
    assert found is not None
    return float(found[1])


async def _batched_requests(client: Any) -> float:
    """Requests written in shared transactions of two or more, from the Prometheus histogram."""
    text = (await client.get("/metrics")).text
    total = sum(float(v) for v in re.findall(r"^tessera_booking_batch_size_sum (\S+)$", text, re.MULTILINE))
    alone = re.findall(r'^tessera_booking_batch_size_bucket\{le="1.0"\} (\S+)$', text, re.MULTILINE)
    return total - float(alone[0]) if alone else total


async def test_hundreds_of_simultaneous_bookings_never_oversell(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    capacity, buyers = 50, 300
    event = await make_listing(organizer.client, capacity=capacity)
    session_id = event["sessions"][0]["id"]
    accounts = await make_accounts(settings, client_factory, buyers, prefix="crowd")

    samples: list[tuple[int, int]] = []
    done = asyncio.Event()
    engine = create_engine(settings.database, pooled=False)

    async def watch() -> None:
        async with engine.connect() as connection:
            while not done.is_set():
                row = (
                    await connection.execute(
                        select(ListingSession.held, ListingSession.sold).where(
                            ListingSession.id == uuid.UUID(session_id)
                        )
                    )
                ).one()
                samples.append((row.held, row.sold))
                await connection.rollback()
                await asyncio.sleep(0.005)

    watcher = asyncio.create_task(watch())
    responses = await asyncio.gather(*(book(a.client, event) for a in accounts))
    done.set()
    await watcher
    await engine.dispose()

    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == capacity
    assert statuses.count(409) == buyers - capacity
    assert all(r.json()["code"] == "sold_out" for r in responses if r.status_code == 409)
    assert samples
    assert all(held + sold <= capacity for held, sold in samples)
    assert await seats(settings, session_id) == (capacity, capacity, 0)
    async with session_scope(settings.database) as session:
        bookings = await session.scalar(select(func.count()).select_from(Booking))
        tickets = await session.scalar(select(func.count()).select_from(Ticket))
        references = await session.scalar(select(func.count(func.distinct(Booking.reference))))
    assert bookings == tickets == references == capacity
    winners = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(winners) == capacity


async def test_ticket_codes_survive_a_new_secret_key_and_ticket_keys_rotate(
    organizer: Account, fans: list[Account], make_settings: SettingsFactory, client_factory: ClientFactory
) -> None:
    from tessera.server.app import create_app

    old_key, new_key = "k" * 40, "n" * 40
    event = await make_listing(organizer.client, prices=(0,), days_ahead=DOORS_OPEN)
    door_id = event["sessions"][0]["id"]
    issued = create_app(make_settings(TESSERA_TICKET_KEYS=old_key))
    fan = await client_factory(issued)
    fan.headers["Authorization"] = fans[0].client.headers["Authorization"]
    codes = [t["code"] for t in (await book(fan, event, 2)).json()["tickets"]]

    async def door(**settings: str) -> AsyncClient:
        client = await client_factory(create_app(make_settings(**settings)))
        client.headers["Authorization"] = f"Bearer {await bearer_token(client, organizer.email)}"
        return client

    # A new session secret, and a new ticket key that signs while the old one still verifies.
    rotated = await door(TESSERA_SECRET_KEY="x" * 40, TESSERA_TICKET_KEYS=f"{new_key},{old_key}")
    admitted = await rotated.post("/api/v1/checkin", json={"code": codes[0], "session_id": door_id})
    assert admitted.status_code == 200, admitted.text
    # Once the old key is dropped, its codes are refused as forgeries before any lookup.
    dropped = await door(TESSERA_TICKET_KEYS=new_key)
    refused = await dropped.post("/api/v1/checkin", json={"code": codes[1], "session_id": door_id})
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_ticket_code"
