"""The carrier changes flights people booked: every affected order is recorded and told, and its traveller
accepts the change or rejects it for a full refund, whatever the fare."""

from __future__ import annotations

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
from tessera.flights.models import FlightOrderChange
from tessera.server.container import Container
from tessera.server.jobs import accept_unanswered_changes

from .conftest import ClientFactory
from .flight_helpers import ECONOMY_LIGHT, Trip, add_airports, make_aircraft, make_trip, passenger
from .helpers import make_accounts
from .test_flight_orders import _seat_counts

ORDERS = "/api/v1/flights/orders"
DEPARTURES = "/api/v1/flights/departures"


async def _order(client: AsyncClient, trip: Trip, *people: dict[str, Any], round_trip: bool = True) -> dict[str, Any]:
    created = await client.post(
        ORDERS, json={"cabin": "economy", "legs": trip.legs(round_trip), "passengers": list(people)}
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


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


async def _told(settings: Settings, kind: str) -> list[dict[str, Any]]:
    async with session_scope(settings.database) as session:
        return list(await session.scalars(select(Notification.payload).where(Notification.kind == kind)))


def _at(moment: str, hours: float) -> str:
    return (datetime.fromisoformat(moment) + timedelta(hours=hours)).isoformat()


async def test_a_retimed_flight_is_accepted_or_rejected_for_a_full_refund(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, other = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    paid = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"))
    await _confirm(settings, paid)
    unpaid = await _order(other.client, trip, passenger("Dana", "Nurlanova", "N87654321"), round_trip=False)
    before = (await carrier.client.get(f"{DEPARTURES}/{trip.out_departure}")).json()

    later = await carrier.client.patch(
        f"{DEPARTURES}/{trip.out_departure}",
        json={"departs_at": _at(before["departs_at"], 3), "arrives_at": _at(before["arrives_at"], 3), "reason": "Crew"},
    )
    assert later.status_code == 200, later.text
    assert later.json()["departs_at"].endswith("T10:30:00+05:00")
    availability = (await other.client.get(f"/api/v1/sessions/{trip.out_departure}/availability")).json()
    assert availability["held"] == 1
    assert availability["sold"] == 1
    changes = (await traveller.client.get(f"{ORDERS}/{paid['id']}/schedule-changes")).json()["items"]
    [change] = changes
    assert (change["kind"], change["leg"], change["status"], change["conflicts_with_return"]) == (
        "retimed",
        1,
        "pending",
        False,
    )
    assert change["new_departs_at"].endswith("T10:30:00+05:00")
    shown = (await traveller.client.get(f"{ORDERS}/{paid['id']}")).json()
    assert shown["legs"][0]["pending_change"]["change_id"] == change["change_id"]
    assert shown["legs"][0]["departs_at"].endswith("T10:30:00+05:00")
    assert shown["legs"][1]["pending_change"] is None
    told = await _told(settings, "flight_schedule_changed")
    assert sorted(p["order_id"] for p in told) == sorted([paid["id"], unpaid["id"]])

    # Moved again, past the return flight: the first change is superseded; this one breaks the round trip.
    much_later = await carrier.client.patch(
        f"{DEPARTURES}/{trip.out_departure}",
        json={"departs_at": _at(before["departs_at"], 24 * 7 + 8), "arrives_at": _at(before["arrives_at"], 24 * 7 + 8)},
    )
    assert much_later.status_code == 200, much_later.text
    first, second = (await traveller.client.get(f"{ORDERS}/{paid['id']}/schedule-changes")).json()["items"]
    assert (first["status"], second["status"], second["conflicts_with_return"]) == ("superseded", "pending", True)
    stale = await traveller.client.post(f"{ORDERS}/{paid['id']}/schedule-changes/{first['change_id']}/accept")
    assert (stale.status_code, stale.json()["code"]) == (409, "change_not_pending")
    assert (
        await other.client.post(f"{ORDERS}/{paid['id']}/schedule-changes/{second['change_id']}/reject", json={})
    ).status_code == 404

    # The other traveller keeps the flight; the first rejects it: everything paid comes back, though the fare
    # is not refundable.
    [theirs] = (await other.client.get(f"{ORDERS}/{unpaid['id']}/schedule-changes")).json()["items"][-1:]
    kept = await other.client.post(f"{ORDERS}/{unpaid['id']}/schedule-changes/{theirs['change_id']}/accept")
    assert (kept.status_code, kept.json()["status"]) == (200, "pending_payment")
    rejected = await traveller.client.post(
        f"{ORDERS}/{paid['id']}/schedule-changes/{second['change_id']}/reject", json={"reason": "Too late for us"}
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "cancelled"
    [refunded] = [p for p in await _told(settings, "flight_order_cancelled") if p["order_id"] == paid["id"]]
    assert refunded["refund"] == 2 * ECONOMY_LIGHT["price"]
    twice = await traveller.client.post(f"{ORDERS}/{paid['id']}/schedule-changes/{second['change_id']}/reject", json={})
    assert (twice.status_code, twice.json()["code"]) == (409, "change_not_pending")
    for departure_id in (trip.out_departure, trip.back_departure):
        assert (await _seat_counts(settings, departure_id))[0] == (1 if departure_id == trip.out_departure else 0)

    refused = [
        ({"departs_at": "2027-05-01T07:30:00"}, 400, "invalid_schedule"),
        ({"departs_at": _at(before["departs_at"], -24 * 30)}, 400, "invalid_schedule"),
    ]
    for body, status, code in refused:
        answer = await carrier.client.patch(f"{DEPARTURES}/{trip.out_departure}", json=body)
        assert (answer.status_code, answer.json()["code"]) == (status, code), body


async def test_an_aircraft_swap_keeps_seats_moves_passengers_or_is_refused(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    trip = await make_trip(carrier.client)
    order = await _order(
        traveller.client,
        trip,
        passenger("Aidar", "Nurlanov", "N12345678", seats=["5A", None]),
        passenger("Dana", "Nurlanova", "N87654321", seats=["25A", None]),
    )
    shorter = await make_aircraft(
        carrier.client,
        model="Airbus A319",
        cabins=[
            {"cabin": "business", "first_row": 1, "last_row": 2, "layout": "AC-DF"},
            {"cabin": "economy", "first_row": 3, "last_row": 20, "layout": "ABC-DEF"},
        ],
        skip_rows=[],
        exit_rows=[10],
        extra_legroom_rows=[],
        blocked_seats=[],
    )
    url = f"{DEPARTURES}/{trip.out_departure}"
    conflict = await carrier.client.patch(url, json={"aircraft_id": shorter["id"]})
    assert (conflict.status_code, conflict.json()["code"]) == (409, "aircraft_change_conflict")
    assert conflict.json()["seats"] == [{"seat": "25A", "cabin": "economy"}]
    swapped = await carrier.client.patch(url, json={"aircraft_id": shorter["id"], "reassign": True})
    assert swapped.status_code == 200, swapped.text
    assert swapped.json()["aircraft"]["model"] == "Airbus A319"
    assert swapped.json()["seats_left"] == {"business": 8, "economy": 108 - 2}
    seats = [
        p["seats"][0]["seat"] for p in (await traveller.client.get(f"{ORDERS}/{order['id']}")).json()["passengers"]
    ]
    assert seats[0] == "5A"
    assert seats[1] != "25A"
    availability = (await traveller.client.get(f"/api/v1/sessions/{trip.out_departure}/availability")).json()
    assert availability["capacity"] == 116
    assert (await _seat_counts(settings, trip.out_departure)) == (2, 2, 0)
    [change] = (await traveller.client.get(f"{ORDERS}/{order['id']}/schedule-changes")).json()["items"]
    assert change["kind"] == "aircraft"

    # No business cabin on this one, and a business passenger flies: refused.
    economy_only = await make_aircraft(
        carrier.client,
        cabins=[{"cabin": "economy", "first_row": 1, "last_row": 30, "layout": "ABC-DEF"}],
        skip_rows=[],
        exit_rows=[],
        extra_legroom_rows=[],
        blocked_seats=[],
    )
    business = await traveller.client.post(
        ORDERS,
        json={
            "cabin": "business",
            "legs": trip.legs(cabin="business"),
            "passengers": [passenger("B", "C", "B12345678")],
        },
    )
    assert business.status_code == 201, business.text
    full = await carrier.client.patch(url, json={"aircraft_id": economy_only["id"], "reassign": True})
    assert (full.status_code, full.json()["code"]) == (409, "cabin_sold_out")


async def test_a_cancelled_flight_is_refunded_and_its_return_may_be_rejected(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, other = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    paid = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"))
    await _confirm(settings, paid)
    unpaid = await _order(other.client, trip, passenger("Dana", "Nurlanova", "N87654321"))

    cancelled = await carrier.client.post(f"{DEPARTURES}/{trip.out_departure}/cancel", json={"reason": "Weather"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert await _seat_counts(settings, trip.out_departure) == (0, 0, 0)
    # The unpaid trip is cancelled whole; the paid one keeps its return and may reject it.
    assert (await other.client.get(f"{ORDERS}/{unpaid['id']}")).json()["status"] == "cancelled"
    assert await _seat_counts(settings, trip.back_departure) == (1, 0, 1)
    shown = (await traveller.client.get(f"{ORDERS}/{paid['id']}")).json()
    assert (shown["status"], [leg["status"] for leg in shown["legs"]]) == (
        "partially_cancelled",
        ["cancelled", "confirmed"],
    )
    told = {p["order_id"]: p for p in await _told(settings, "flight_cancelled")}
    assert told[paid["id"]]["refund"] == ECONOMY_LIGHT["price"]
    assert told[unpaid["id"]]["refund"] == 0
    [change] = (await traveller.client.get(f"{ORDERS}/{paid['id']}/schedule-changes")).json()["items"]
    assert (change["kind"], change["status"]) == ("cancelled", "pending")
    assert (await other.client.get(f"{ORDERS}/{unpaid['id']}/schedule-changes")).json()["items"] == []
    container = Container.build(settings)
    try:
        composer = container.message_composers()["flight_cancelled"]
        async with container.sessions() as session:
            for language, words in (("en", "cancelled a flight"), ("ru", "отменила рейс")):
                composed = await composer.compose(
                    session, "flight_cancelled", told[paid["id"]], Recipient("A", language)
                )
                assert words in composed.paragraphs[0]
    finally:
        await container.close()

    rejected = await traveller.client.post(
        f"{ORDERS}/{paid['id']}/schedule-changes/{change['change_id']}/reject", json={}
    )
    assert rejected.json()["status"] == "cancelled"
    assert await _seat_counts(settings, trip.back_departure) == (0, 0, 0)

    # The route itself is cancelled: every departure goes, and nothing can be added.
    ended = await carrier.client.post(
        f"/api/v1/flights/routes/{trip.back['id']}/cancel", json={"reason": "Season over"}
    )
    assert (ended.status_code, ended.json()["status"]) == (200, "cancelled")
    assert (await other.client.get(f"{DEPARTURES}/{trip.back_departure}")).json()["status"] == "cancelled"


async def test_a_change_nobody_answers_counts_as_accepted(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    trip = await make_trip(carrier.client)
    order = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"), round_trip=False)
    before = (await carrier.client.get(f"{DEPARTURES}/{trip.out_departure}")).json()
    await carrier.client.patch(
        f"{DEPARTURES}/{trip.out_departure}",
        json={"departs_at": _at(before["departs_at"], 1), "arrives_at": _at(before["arrives_at"], 1)},
    )
    container = Container.build(settings)
    try:
        assert await accept_unanswered_changes(container) == 0
        async with session_scope(settings.database) as session:
            await session.execute(update(FlightOrderChange).values(respond_by=datetime.now(UTC) - timedelta(minutes=1)))
        assert await accept_unanswered_changes(container) == 1
    finally:
        await container.close()
    [change] = (await traveller.client.get(f"{ORDERS}/{order['id']}/schedule-changes")).json()["items"]
    assert change["status"] == "accepted"
    late = await traveller.client.post(f"{ORDERS}/{order['id']}/schedule-changes/{change['change_id']}/reject", json={})
    assert (late.status_code, late.json()["code"]) == (409, "change_not_pending")
