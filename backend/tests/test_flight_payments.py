"""Paying for a trip: one payment confirms every leg, boarding codes work at the gate, an unpaid trip expires
whole, and money that arrives late revives every leg in its seats or is refunded in full."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select, update

from tessera.booking.models import Booking, BookingGroup
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.messages import Recipient
from tessera.core.outbox import Notification
from tessera.sandbox.freedompay import APPROVE, LOST_CALLBACK
from tessera.server.container import Container
from tessera.server.jobs import expire_holds

from .flight_helpers import BUSINESS_FLEX, Trip, add_airports, make_trip, passenger, seats_on_the_core_guard
from .live import Live, gateway, pay_on_gateway_page, wait_for

ORDERS = "/api/v1/flights/orders"


async def _order(client: httpx.AsyncClient, trip: Trip, *people: dict[str, Any]) -> dict[str, Any]:
    created = await client.post(ORDERS, json={"cabin": "economy", "legs": trip.legs(), "passengers": list(people)})
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def _pay(client: httpx.AsyncClient, order: dict[str, Any], card: str) -> dict[str, Any]:
    started = await client.post(f"{ORDERS}/{order['id']}/pay")
    assert started.status_code == 201, started.text
    payment: dict[str, Any] = started.json()
    assert (payment["amount"], payment["booking_id"]) == (order["total"], None)
    back = await pay_on_gateway_page(payment["redirect_url"], card)
    assert urlsplit(back.headers["location"]).path == f"/flights/orders/{order['id']}/payment"
    return payment


async def _outbox(live: Live, kind: str) -> list[dict[str, Any]]:
    async with session_scope(live.settings.database) as session:
        rows = await session.scalars(select(Notification.payload).where(Notification.kind == kind))
        return list(rows)


async def test_one_payment_confirms_the_whole_trip_and_each_code_boards_once(live: Live) -> None:
    await add_airports(live.settings)
    carrier = await live.account(Role.ORGANIZER)
    traveller = await live.account()
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)  # boarding opens four hours before
    trip = await make_trip(carrier, leaves_at=soon)
    order = await _order(
        traveller,
        trip,
        passenger("Aidar", "Nurlanov", "N12345678"),
        passenger("Dana", "Nurlanova", "N87654321", series="4502"),
    )
    payment = await _pay(traveller, order, APPROVE)

    async def confirmed() -> bool:
        status: str = (await traveller.get(f"{ORDERS}/{order['id']}")).json()["status"]
        return status == "confirmed"

    await wait_for(confirmed)
    paid = (await traveller.get(f"{ORDERS}/{order['id']}")).json()
    assert [leg["status"] for leg in paid["legs"]] == ["confirmed", "confirmed"]
    assert paid["confirmed_at"] is not None
    assert (await traveller.get(f"/api/v1/payments/{payment['id']}")).json()["booking_group_id"] is not None
    assert (await traveller.get(ORDERS, params={"status": "confirmed"})).json()["total"] == 1

    # Boarding is the core's check-in, by the carrier, with the departure as the session.
    code = paid["passengers"][0]["seats"][0]["ticket_code"]
    boarded = await carrier.post("/api/v1/checkin", json={"code": code, "session_id": trip.out_departure})
    assert boarded.status_code == 200, boarded.text
    assert boarded.json()["seat"] == paid["passengers"][0]["seats"][0]["seat"]  # the gate sees the seat
    again = await carrier.post("/api/v1/checkin", json={"code": code, "session_id": trip.out_departure})
    assert (again.status_code, again.json()["code"]) == (409, "already_checked_in")
    wrong_flight = await carrier.post("/api/v1/checkin", json={"code": code, "session_id": trip.back_departure})
    assert wrong_flight.status_code != 200

    # One itinerary per order, in the traveller's language: every leg, every passenger's code, a calendar file
    # per leg, and documents only as masks.
    [told] = await _outbox(live, "flight_order_confirmed")
    assert told == {"order_id": order["id"], "reference": order["reference"]}
    assert await _outbox(live, "booking_confirmed") == []
    container = Container.build(live.settings)
    try:
        composer = container.message_composers()["flight_order_confirmed"]
        async with container.sessions() as session:
            english = await composer.compose(session, "flight_order_confirmed", told, Recipient("Ann", "en"))
            russian = await composer.compose(session, "flight_order_confirmed", told, Recipient("Анна", "ru"))
    finally:
        await container.close()
    assert english.subject == f"Your trip {order['reference']} is confirmed"
    assert russian.subject == f"Поездка {order['reference']} подтверждена"
    assert {c.value for c in english.codes} == {s["ticket_code"] for p in paid["passengers"] for s in p["seats"]}
    assert sorted(a.filename for a in english.attachments if a.filename.endswith(".ics")) == [
        "flight-1-TS101.ics",
        "flight-2-TS102.ics",
    ]
    shown = " ".join(f"{label} {value}" for label, value in english.details)
    assert "TS101 ALA → NQZ" in shown
    assert "*******78" in shown
    assert "45**" in shown
    assert "N12345678" not in shown
    assert "4502 " not in shown
    assert "1990" not in shown


async def test_an_unpaid_trip_expires_whole_and_late_money_revives_it_or_is_refunded(live: Live) -> None:
    await add_airports(live.settings)
    carrier = await live.account(Role.ORGANIZER)
    traveller, rival = await live.account(), await live.account()
    trip = await make_trip(carrier)
    first = await _order(traveller, trip, passenger("Aidar", "Nurlanov", "N12345678", seats=["5A", "6A"]))
    second = await _order(traveller, trip, passenger("Dana", "Nurlanova", "N87654321", seats=["8A", "9A"]))
    paying = {o["id"]: await _pay(traveller, o, LOST_CALLBACK) for o in (first, second)}  # callbacks delayed

    past = datetime.now(UTC) - timedelta(seconds=1)
    async with session_scope(live.settings.database) as session:
        await session.execute(update(BookingGroup).values(expires_at=past))
        await session.execute(update(Booking).values(expires_at=past))
    container = Container.build(live.settings)
    try:
        assert await expire_holds(container) == 4
    finally:
        await container.close()
    for order in (first, second):
        assert (await traveller.get(f"{ORDERS}/{order['id']}")).json()["status"] == "expired"
    seat_map = (await rival.get(f"/api/v1/flights/departures/{trip.out_departure}/seat-map")).json()
    free = {s["code"] for c in seat_map["cabins"] for r in c["rows"] for s in r["seats"] if s["available"]}
    assert {"5A", "8A"} <= free
    assert await seats_on_the_core_guard(live.settings, trip.out_departure) == 0
    assert len(await _outbox(live, "group_expired")) == 2

    # Someone takes 9A, the second order's return seat: its late money is refunded; the first order's seats
    # are still free, so its late money confirms it in the very same seats.
    taken = await rival.post(
        ORDERS,
        json={
            "cabin": "economy",
            "legs": [trip.legs()[1]],
            "passengers": [passenger("Rival", "Person", "R12345678", seats=["9A"])],
        },
    )
    assert taken.status_code == 201, taken.text
    for order in (first, second):
        payment = paying[order["id"]]
        await gateway(live).deliver_result(int(payment["redirect_url"].split("/pay/")[1].split("?")[0]))

    async def settled() -> bool:
        statuses = [(await traveller.get(f"{ORDERS}/{o['id']}")).json()["status"] for o in (first, second)]
        refunds = (await traveller.get(f"/api/v1/payments/{paying[second['id']]['id']}")).json()["refunds"]
        return statuses == ["confirmed", "expired"] and bool(refunds) and {r["status"] for r in refunds} == {"done"}

    await wait_for(settled)
    revived = (await traveller.get(f"{ORDERS}/{first['id']}")).json()
    assert [(s["leg"], s["seat"]) for s in revived["passengers"][0]["seats"]] == [(1, "5A"), (2, "6A")]
    refunds = (await traveller.get(f"/api/v1/payments/{paying[second['id']]['id']}")).json()["refunds"]
    assert sum(r["amount"] for r in refunds) == second["total"]
    seat_map = (await rival.get(f"/api/v1/flights/departures/{trip.out_departure}/seat-map")).json()
    states = {s["code"]: s["available"] for c in seat_map["cabins"] for r in c["rows"] for s in r["seats"]}
    assert (states["5A"], states["8A"]) == (False, True)
    # The revived seats are claimed on the booking core's seat guard again, as they were before expiry.
    assert await seats_on_the_core_guard(live.settings, trip.out_departure) == 1
    assert await seats_on_the_core_guard(live.settings, trip.back_departure) == 2


async def test_cancelling_a_paid_return_flight_refunds_it_through_the_gateway(live: Live) -> None:
    await add_airports(live.settings)
    carrier = await live.account(Role.ORGANIZER)
    traveller = await live.account()
    trip = await make_trip(carrier)
    created = await traveller.post(
        ORDERS,
        json={
            "cabin": "business",
            "legs": trip.legs(cabin="business"),
            "passengers": [passenger("Aidar", "Nurlanov", "N12345678")],
        },
    )
    assert created.status_code == 201, created.text
    order = created.json()
    payment = await _pay(traveller, order, APPROVE)

    async def confirmed() -> bool:
        status: str = (await traveller.get(f"{ORDERS}/{order['id']}")).json()["status"]
        return status == "confirmed"

    await wait_for(confirmed)
    cancelled = await traveller.post(f"{ORDERS}/{order['id']}/cancel", json={"legs": [2], "reason": "Staying longer"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "partially_cancelled"
    price = BUSINESS_FLEX["price"]

    async def refunded() -> bool:
        refunds = (await traveller.get(f"/api/v1/payments/{payment['id']}")).json()["refunds"]
        return [(r["amount"], r["status"]) for r in refunds] == [(price, "done")]

    await wait_for(refunded)
    assert (await traveller.get(f"{ORDERS}/{order['id']}")).json()["total"] == price
