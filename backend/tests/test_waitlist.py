"""Waiting lists: people queue for a sold-out session and get timed offers, in order, when seats come back; an
offer is a hold of the booking core, so no seat is ever offered twice or held for two people."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from tessera.booking.models import Booking, BookingStatus
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.background import drain
from tessera.core.db import session_scope
from tessera.core.outbox import Notification
from tessera.server.container import Container
from tessera.server.jobs import expire_holds, offer_waitlist_seats, sweep_waitlists
from tessera.waitlist.models import WaitlistEntry

from .conftest import ClientFactory
from .helpers import Account, book, make_accounts, make_listing
from .live import wait_for

API = "/api/v1"


@pytest.fixture
async def organizer(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]


async def join(account: Account, event: dict[str, Any], quantity: int = 1) -> Any:
    session_id = event["sessions"][0]["id"]
    return await account.client.post(
        f"{API}/sessions/{session_id}/waitlist",
        json={"ticket_type_id": event["ticket_types"][0]["id"], "quantity": quantity},
    )


async def entries(settings: Settings, session_id: str) -> list[WaitlistEntry]:
    async with session_scope(settings.database) as session:
        return list(
            await session.scalars(
                select(WaitlistEntry)
                .where(WaitlistEntry.session_id == uuid.UUID(session_id))
                .order_by(WaitlistEntry.created_at)
            )
        )


async def counts(settings: Settings, session_id: str) -> tuple[int, int, int]:
    async with session_scope(settings.database) as session:
        row = await session.get_one(ListingSession, uuid.UUID(session_id))
        return row.capacity, row.held, row.sold


async def expire_now(settings: Settings, booking_ids: list[uuid.UUID]) -> None:
    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking)
            .where(Booking.id.in_(booking_ids))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )


async def test_people_in_line_are_offered_freed_seats_in_order_and_take_leave_or_lose_them(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=3, prices=(0,), title="Small room")
    session_id = event["sessions"][0]["id"]
    fans = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")
    first, second, third = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "wait")

    early = await join(first, event)
    assert (early.status_code, early.json()["code"], early.json()["available"]) == (409, "seats_available", 3)
    held = [await book(fan.client, event) for fan in fans]
    assert [b.status_code for b in held] == [201, 201, 201]

    joined = [await join(first, event), await join(second, event), await join(third, event, 2)]
    assert [j.status_code for j in joined] == [201, 201, 201], [j.text for j in joined]
    assert [j.json()["position"] for j in joined] == [1, 2, 3]
    twice = await join(first, event)
    assert (twice.status_code, twice.json()["code"]) == (409, "already_waiting")
    line = (await organizer.client.get(f"{API}/sessions/{session_id}/waitlist")).json()
    assert (line["waiting"], line["seats_wanted"]) == (3, 4)
    assert [item["position"] for item in line["items"]] == [1, 2, 3]
    assert (await first.client.get(f"{API}/sessions/{session_id}/waitlist")).status_code == 403

    # A cancellation frees a seat: once it commits, the first in line is offered it, held for them.
    assert (await fans[0].client.post(f"{API}/bookings/{held[0].json()['id']}/cancel", json={})).status_code == 200

    async def status_of(account: Account) -> str:
        mine = (await account.client.get(f"{API}/waitlist")).json()["items"]
        return str(mine[0]["status"]) if mine else ""

    async def offered(account: Account) -> None:
        """The commit queued an offer pass: with Redis it waits for a worker, which this test does not run,
        so the organizer runs the pass; without, it runs in this process."""
        if settings.redis_url:
            assert (await organizer.client.post(f"{API}/sessions/{session_id}/waitlist/offer")).status_code == 200
        await wait_for(lambda: _is(status_of(account), "offered"))

    await offered(first)
    offer = (await first.client.get(f"{API}/waitlist")).json()["items"][0]
    assert offer["offer_total"] == 0
    minutes = (datetime.fromisoformat(offer["offer_expires_at"]) - datetime.now(UTC)).total_seconds() / 60
    assert 58 < minutes <= 60  # TESSERA_WAITLIST_OFFER_MINUTES, 60 by default
    pending = (await first.client.get(f"{API}/bookings/{offer['booking_id']}")).json()
    assert (pending["status"], pending["quantity"]) == ("pending_payment", 1)
    assert await counts(settings, session_id) == (3, 1, 2)
    assert (await status_of(second), (await second.client.get(f"{API}/waitlist")).json()["items"][0]["position"]) == (
        "waiting",
        1,
    )
    async with session_scope(settings.database) as session:
        told = list(await session.scalars(select(Notification).where(Notification.kind == "waitlist_offer")))
        assert [(n.user_id, n.payload["booking_id"]) for n in told] == [(first.id, offer["booking_id"])]

    # The first takes it: the free booking is confirmed.
    taken = await first.client.post(f"{API}/waitlist/{offer['id']}/accept")
    assert (taken.status_code, taken.json()["status"]) == (200, "booked")
    assert (await first.client.get(f"{API}/bookings/{offer['booking_id']}")).json()["status"] == "confirmed"
    assert await counts(settings, session_id) == (3, 0, 3)

    # Another seat frees; the second is offered it and declines: it passes on, but the third wants two, so the
    # seat stays free until another comes back, and then both go to the third.
    assert (await fans[1].client.post(f"{API}/bookings/{held[1].json()['id']}/cancel", json={})).status_code == 200
    await offered(second)
    entry = (await second.client.get(f"{API}/waitlist")).json()["items"][0]
    declined = await second.client.post(f"{API}/waitlist/{entry['id']}/leave")
    assert (declined.status_code, declined.json()["status"]) == (200, "left")
    assert (await second.client.get(f"{API}/bookings/{entry['booking_id']}")).json()["status"] == "cancelled"
    assert await counts(settings, session_id) == (3, 0, 2)
    assert await status_of(third) == "waiting"
    assert (await fans[2].client.post(f"{API}/bookings/{held[2].json()['id']}/cancel", json={})).status_code == 200
    await offered(third)
    assert await counts(settings, session_id) == (3, 2, 1)

    # The third lets the offer run out: it lapses and the seats are free again, with nobody left waiting.
    entry = (await third.client.get(f"{API}/waitlist")).json()["items"][0]
    await expire_now(settings, [uuid.UUID(entry["booking_id"])])
    container = Container.build(settings)
    try:
        assert await expire_holds(container) == 1
    finally:
        await container.close()
    assert await status_of(third) == "lapsed"
    late = await third.client.post(f"{API}/waitlist/{entry['id']}/accept")
    assert (late.status_code, late.json()["code"]) == (409, "not_waiting")
    assert await counts(settings, session_id) == (3, 0, 1)
    again = await join(third, event, 2)
    assert (again.status_code, again.json()["code"]) == (409, "seats_available")


async def _is(value: Any, expected: str) -> bool:
    return bool(await value == expected)


async def test_a_paid_offer_is_taken_by_paying_and_the_organizer_manages_the_line(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=1, prices=(300_000,), title="One seat")
    session_id = event["sessions"][0]["id"]
    buyer, waiter, other = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "pay")
    hold = await book(buyer.client, event)
    assert hold.json()["status"] == "pending_payment"
    entry = (await join(waiter, event)).json()
    removed_one = (await join(other, event)).json()

    removed = await organizer.client.delete(f"{API}/sessions/{session_id}/waitlist/{removed_one['id']}")
    assert removed.status_code == 200, removed.text
    assert [(i["status"], i["position"]) for i in removed.json()["items"]] == [("waiting", 1), ("removed", None)]
    again = await organizer.client.delete(f"{API}/sessions/{session_id}/waitlist/{removed_one['id']}")
    assert (again.status_code, again.json()["code"]) == (409, "not_waiting")

    # The buyer's hold runs out: the expiry frees the seat and the waiter is offered it, to pay for.
    await expire_now(settings, [uuid.UUID(hold.json()["id"])])
    container = Container.build(settings)
    try:
        assert await expire_holds(container) == 1
        # This container queues no work (as a CLI process): the sweep makes the offer a kick would have made.
        assert await sweep_waitlists(container) == 1
        assert await _entry_status(settings, entry["id"], "offered")
        # A second pass (the sweep again, or a kick arriving twice) offers nothing more.
        assert await offer_waitlist_seats(container, uuid.UUID(session_id)) == 0
        assert await sweep_waitlists(container) == 0
    finally:
        await container.close()
    offer = (await waiter.client.get(f"{API}/waitlist")).json()["items"][0]
    assert (offer["offer_total"], offer["offer_currency"]) == (300_000, "KZT")
    refused = await waiter.client.post(f"{API}/waitlist/{offer['id']}/accept")
    assert (refused.status_code, refused.json()["code"], refused.json()["booking_id"]) == (
        409,
        "payment_required",
        offer["booking_id"],
    )
    # The money arrives (as a gateway callback would settle it): the entry is booked.
    container = Container.build(settings)
    try:
        async with container.sessions() as session, session.begin():
            settled = await container.bookings(session).settlement.settle_payment(
                uuid.UUID(offer["booking_id"]), datetime.now(UTC)
            )
        assert settled is True
    finally:
        await container.close()
    assert (await waiter.client.get(f"{API}/waitlist")).json()["items"][0]["status"] == "booked"
    assert await counts(settings, session_id) == (1, 0, 1)


async def _entry_status(settings: Settings, entry_id: str, expected: str) -> bool:
    async with session_scope(settings.database) as session:
        return (
            await session.scalar(select(WaitlistEntry.status).where(WaitlistEntry.id == uuid.UUID(entry_id)))
            == expected
        )


async def test_concurrent_cancellations_hand_each_freed_seat_to_one_person_in_line_order(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    """Twelve of twenty ticket holders cancel at once while offer passes run side by side: exactly twelve
    people are offered a seat, the first twelve in line, each with a hold of their own, and the counters agree."""
    event = await make_listing(organizer.client, capacity=20, prices=(0,), title="Full house")
    session_id = event["sessions"][0]["id"]
    holders = await make_accounts(settings, client_factory, 20, Role.PARTICIPANT, "holder")
    waiters = await make_accounts(settings, client_factory, 30, Role.PARTICIPANT, "waiter")
    booked = [await book(h.client, event) for h in holders]
    assert {b.status_code for b in booked} == {201}
    for waiter in waiters:  # one by one: the line's order is the order of joining
        assert (await join(waiter, event)).status_code == 201

    offer_now = f"{API}/sessions/{session_id}/waitlist/offer"
    cancels = [holders[n].client.post(f"{API}/bookings/{booked[n].json()['id']}/cancel", json={}) for n in range(12)]
    passes = [organizer.client.post(offer_now) for _ in range(6)]
    results = await asyncio.gather(*cancels, *passes)
    assert {r.status_code for r in results} == {200}, [r.text for r in results if r.status_code != 200][:3]
    assert (await organizer.client.post(offer_now)).status_code == 200  # whatever the kicks have not offered yet
    await wait_for(lambda: _offered_count(settings, session_id, 12))
    await drain()  # kicks still running would show here as a thirteenth offer

    line = await entries(settings, session_id)
    offered = [e for e in line if e.status == "offered"]
    assert [e.user_id for e in offered] == [w.id for w in waiters[:12]]
    assert all(e.status == "waiting" for e in line[12:])
    assert len({e.booking_id for e in offered}) == 12
    async with session_scope(settings.database) as session:
        holds = list(await session.scalars(select(Booking).where(Booking.id.in_([e.booking_id for e in offered]))))
    assert sorted((b.status, b.quantity) for b in holds) == [(BookingStatus.PENDING_PAYMENT, 1)] * 12
    assert {b.user_id for b in holds} == {w.id for w in waiters[:12]}
    assert await counts(settings, session_id) == (20, 12, 8)


async def _offered_count(settings: Settings, session_id: str, expected: int) -> bool:
    return sum(1 for e in await entries(settings, session_id) if e.status == "offered") >= expected


async def test_a_seated_sessions_line_waits_for_its_zone_and_offers_seats_on_the_map(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    from .test_reserved_seating import guard_matches_counters, order, seated_listing

    event = await seated_listing(organizer.client)
    session_id = event["sessions"][0]["id"]
    buyers = await make_accounts(settings, client_factory, 8, Role.PARTICIPANT, "balcony")
    [waiter] = await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "waiter")
    sold = [await b.client.post(f"{API}/bookings", json=order(event, "balcony", "balcony")) for b in buyers]
    assert {s.status_code for s in sold} == {201}
    types = {t["zone"]: t["id"] for t in event["ticket_types"]}

    async def join_zone(zone: str) -> Any:
        return await waiter.client.post(
            f"{API}/sessions/{session_id}/waitlist", json={"ticket_type_id": types[zone], "quantity": 2}
        )

    stalls = await join_zone("stalls")
    assert (stalls.status_code, stalls.json()["code"]) == (409, "seats_available")  # the stalls have seats
    balcony = await join_zone("balcony")
    assert balcony.status_code == 201, balcony.text

    freed = {t["seat"] for t in sold[3].json()["tickets"]}
    assert (await buyers[3].client.post(f"{API}/bookings/{sold[3].json()['id']}/cancel", json={})).status_code == 200
    assert (await organizer.client.post(f"{API}/sessions/{session_id}/waitlist/offer")).status_code == 200
    await drain()
    offer = (await waiter.client.get(f"{API}/waitlist")).json()["items"][0]
    assert offer["status"] == "offered"
    held = (await waiter.client.get(f"{API}/bookings/{offer['booking_id']}")).json()
    assert {t["seat"] for t in held["tickets"]} == freed
    assert await guard_matches_counters(settings, session_id) == (45, 2, 14)
