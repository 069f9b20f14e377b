"""After booking: changing seats (all or none, never into a taken seat) and cancelling by the fare's rules."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, update

from tessera.booking.models import Booking
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.background import transaction
from tessera.core.db import session_scope
from tessera.core.messages import Recipient
from tessera.core.outbox import Notification
from tessera.flights.models import FlightDeparture
from tessera.server.container import Container

from .conftest import ClientFactory
from .flight_helpers import BUSINESS_FLEX, Trip, add_airports, make_trip, passenger
from .helpers import create_accounts, make_accounts
from .test_flight_orders import _seat_counts

ORDERS = "/api/v1/flights/orders"


async def _order(client: AsyncClient, trip: Trip, *people: dict[str, Any], cabin: str = "economy") -> dict[str, Any]:
    created = await client.post(
        ORDERS, json={"cabin": cabin, "legs": trip.legs(cabin=cabin), "passengers": list(people)}
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def _seats(order: dict[str, Any], leg: int) -> list[str]:
    return [next(s["seat"] for s in p["seats"] if s["leg"] == leg) for p in order["passengers"]]


async def _confirm(settings: Settings, order: dict[str, Any]) -> None:
    container = Container.build(settings)
    try:
        async with transaction(container.sessions) as session:
            group_id = await session.scalar(
                select(Booking.group_id).where(Booking.id == order["legs"][0]["booking_id"])
            )
            assert group_id is not None
            assert await container.bookings(session).settlement.settle_group_payment(group_id, datetime.now(UTC))
    finally:
        await container.close()


async def test_passengers_change_seats_all_or_none(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, other = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    family = await _order(
        traveller.client,
        trip,
        passenger("Aidar", "Nurlanov", "N12345678", seats=["5A", "5A"]),
        passenger("Timur", "Nurlanov", "N11223344", kind="child", birth="2018-03-01", seats=["5B", "5B"]),
    )
    stranger = await _order(other.client, trip, passenger("Other", "Person", "O12345678", seats=["7A", "7A"]))
    aidar, timur = (p["id"] for p in family["passengers"])
    seats_url = f"{ORDERS}/{family['id']}/seats"

    # Father and son swap seats on the outbound flight: both seats are released before either is taken.
    swapped = await traveller.client.put(
        seats_url,
        json={
            "changes": [
                {"passenger_id": aidar, "leg": 1, "seat": "5B"},
                {"passenger_id": timur, "leg": 1, "seat": "5a"},
            ]
        },
    )
    assert swapped.status_code == 200, swapped.text
    assert _seats(swapped.json(), 1) == ["5B", "5A"]
    assert _seats(swapped.json(), 2) == ["5A", "5B"]

    refused: list[tuple[list[dict[str, Any]], int, str]] = [
        ([{"passenger_id": aidar, "leg": 1, "seat": "7A"}], 409, "seat_unavailable"),  # the stranger's
        ([{"passenger_id": timur, "leg": 2, "seat": "12C"}], 409, "seat_restricted"),  # an exit row
        ([{"passenger_id": aidar, "leg": 1, "seat": "30F"}], 400, "invalid_seat"),  # blocked
        ([{"passenger_id": aidar, "leg": 1, "seat": "2A"}], 400, "invalid_seat"),  # business
        ([{"passenger_id": stranger["passengers"][0]["id"], "leg": 1, "seat": "9A"}], 400, "invalid_seat"),
        # All or none: the first change would be fine, the second is not, so neither happens.
        (
            [{"passenger_id": aidar, "leg": 2, "seat": "9A"}, {"passenger_id": timur, "leg": 2, "seat": "7A"}],
            409,
            "seat_unavailable",
        ),
    ]
    empty = await traveller.client.put(seats_url, json={"changes": []})
    assert (empty.status_code, empty.json()["code"]) == (400, "validation_error")
    for changes, status, code in refused:
        answer = await traveller.client.put(seats_url, json={"changes": changes})
        assert (answer.status_code, answer.json()["code"]) == (status, code), (changes, answer.text)
    now = (await traveller.client.get(f"{ORDERS}/{family['id']}")).json()
    assert (_seats(now, 1), _seats(now, 2)) == (["5B", "5A"], ["5A", "5B"])
    assert (
        await other.client.put(seats_url, json={"changes": [{"passenger_id": aidar, "leg": 1, "seat": "9A"}]})
    ).status_code == 404
    for departure_id in (trip.out_departure, trip.back_departure):
        assert await _seat_counts(settings, departure_id) == (3, 3, 0)

    # Ten travellers try to move into 15A at once: one does.
    movers = []
    for i, (_, _, token) in enumerate(await create_accounts(settings, 10)):
        client = await client_factory()
        client.headers["Authorization"] = f"Bearer {token}"
        order = await _order(client, trip, passenger("Mover", f"Number{chr(65 + i)}", f"M{i:08d}"))
        movers.append((client, order))
    answers = await asyncio.gather(
        *(
            client.put(
                f"{ORDERS}/{order['id']}/seats",
                json={"changes": [{"passenger_id": order["passengers"][0]["id"], "leg": 1, "seat": "15A"}]},
            )
            for client, order in movers
        )
    )
    assert sorted(a.status_code for a in answers) == [200] + [409] * 9, [
        a.text for a in answers if a.status_code >= 500
    ]
    assert await _seat_counts(settings, trip.out_departure) == (13, 13, 0)

    # A cancelled order changes nothing.
    assert (await traveller.client.post(f"{ORDERS}/{family['id']}/cancel", json={})).status_code == 200
    late = await traveller.client.put(seats_url, json={"changes": [{"passenger_id": aidar, "leg": 1, "seat": "9A"}]})
    assert (late.status_code, late.json()["code"]) == (409, "not_changeable")


async def test_cancelling_the_whole_trip_or_its_return_by_the_fare_rules(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, other = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    unpaid = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"))
    quote_url = f"{ORDERS}/{unpaid['id']}/cancellation-quote"
    for legs, code in (("2", "invalid_cancel"), ("3", "invalid_cancel"), ("x", "invalid_cancel")):
        answer = await traveller.client.get(quote_url, params={"legs": legs})
        assert (answer.status_code, answer.json()["code"]) == (400, code), legs
    whole = (await traveller.client.get(quote_url)).json()
    assert whole == {"legs": [1, 2], "refund": 0, "currency": "KZT", "involuntary": False}
    assert (await other.client.get(quote_url)).status_code == 404
    cancelled = await traveller.client.post(f"{ORDERS}/{unpaid['id']}/cancel", json={"reason": "Plans changed"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    again = await traveller.client.post(f"{ORDERS}/{unpaid['id']}/cancel", json={})
    assert (again.status_code, again.json()["code"]) == (409, "not_cancellable")
    assert await _seat_counts(settings, trip.out_departure) == (0, 0, 0)

    # A paid business trip (refundable fare): the return alone, then the rest.
    paid = await _order(
        traveller.client,
        trip,
        passenger("Aidar", "Nurlanov", "N12345678"),
        passenger("Dana", "Nurlanova", "N87654321"),
        cabin="business",
    )
    await _confirm(settings, paid)
    quote_url = f"{ORDERS}/{paid['id']}/cancellation-quote"
    alone = await traveller.client.get(quote_url, params={"legs": "1"})
    assert (alone.status_code, alone.json()["code"]) == (400, "invalid_cancel")
    back = (await traveller.client.get(quote_url, params={"legs": "2"})).json()
    assert back == {"legs": [2], "refund": 2 * BUSINESS_FLEX["price"], "currency": "KZT", "involuntary": False}
    partial = await traveller.client.post(f"{ORDERS}/{paid['id']}/cancel", json={"legs": [2]})
    assert partial.status_code == 200, partial.text
    body = partial.json()
    assert (body["status"], [leg["status"] for leg in body["legs"]]) == (
        "partially_cancelled",
        ["confirmed", "cancelled"],
    )
    assert body["total"] == 2 * BUSINESS_FLEX["price"]
    assert await _seat_counts(settings, trip.back_departure) == (0, 0, 0)
    assert await _seat_counts(settings, trip.out_departure) == (2, 0, 2)
    assert (await traveller.client.get(quote_url, params={"legs": "2"})).json()["code"] == "not_cancellable"
    rest = await traveller.client.post(f"{ORDERS}/{paid['id']}/cancel", json={})
    assert rest.json()["status"] == "cancelled"

    async with session_scope(settings.database) as session:
        told = list(
            await session.scalars(select(Notification.payload).where(Notification.kind == "flight_order_cancelled"))
        )
    assert [(p["legs"], p["refund"]) for p in told if p["order_id"] == paid["id"]] == [
        ([2], 2 * BUSINESS_FLEX["price"]),
        ([1], 2 * BUSINESS_FLEX["price"]),
    ]
    container = Container.build(settings)
    try:
        composer = container.message_composers()["flight_order_cancelled"]
        payload = next(p for p in told if p["legs"] == [2])
        async with container.sessions() as session:
            english = await composer.compose(session, "flight_order_cancelled", payload, Recipient("Ann", "en"))
            russian = await composer.compose(session, "flight_order_cancelled", payload, Recipient("Анна", "ru"))
    finally:
        await container.close()
    assert english.subject == f"Trip {paid['reference']}: return flight cancelled"
    assert "We refund 180000.00 KZT" in " ".join(english.paragraphs)
    assert (english.codes, english.attachments) == ([], [])  # boarding codes only come with the itinerary
    assert russian.subject == f"Поездка {paid['reference']}: обратный рейс отменён"


async def test_a_flight_about_to_leave_keeps_its_seats(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=130)
    trip = await make_trip(carrier.client, leaves_at=soon)
    order = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"))
    async with session_scope(settings.database) as session:
        await session.execute(
            update(FlightDeparture)
            .where(FlightDeparture.id == trip.out_departure)
            .values(departs_at=soon - timedelta(minutes=80))
        )
    moved = await traveller.client.put(
        f"{ORDERS}/{order['id']}/seats",
        json={"changes": [{"passenger_id": order["passengers"][0]["id"], "leg": 1, "seat": "9A"}]},
    )
    assert (moved.status_code, moved.json()["code"]) == (409, "not_changeable")
