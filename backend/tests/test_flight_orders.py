"""Flight orders: every leg for every passenger booked at once, each seated, documents sealed, never half a trip."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from tessera.booking.models import SessionSeat, Ticket
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import downgrade, migrate, session_scope
from tessera.core.outbox import Notification
from tessera.core.pii import PiiError, PiiVault
from tessera.flights.models import FlightPassenger, FlightSeatAssignment
from tessera.flights.passengers import document_binding

from .conftest import ClientFactory
from .flight_helpers import ECONOMY_LIGHT, add_airports, make_aircraft, make_trip, passenger, seats_on_the_core_guard
from .helpers import create_accounts, make_accounts

ORDERS = "/api/v1/flights/orders"
PRICE: int = ECONOMY_LIGHT["price"]


async def _seat_counts(settings: Settings, departure_id: str) -> tuple[int, int, int]:
    """(live seat assignments, held, sold) of a departure: the first always equals the other two together."""
    async with session_scope(settings.database) as session:
        live = await session.scalar(
            select(func.count()).where(
                FlightSeatAssignment.departure_id == uuid.UUID(departure_id), FlightSeatAssignment.status == "live"
            )
        )
        row = await session.get_one(ListingSession, uuid.UUID(departure_id))
    assert await seats_on_the_core_guard(settings, departure_id) == live
    return int(live or 0), row.held, row.sold


async def test_a_round_trip_books_and_seats_every_passenger_on_both_legs(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, stranger = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    body = {
        "cabin": "economy",
        "legs": trip.legs(),
        "passengers": [
            passenger("Aidar", "Nurlanov", "N12345678", seats=["5a", "20C"]),
            passenger("Dana", "Nurlanova", "N87654321", series="4502"),
            passenger("Timur", "Nurlanov", "N11223344", kind="child", birth="2018-03-01"),
        ],
        "expected_total": PRICE * 3 * 2,
    }
    created = await traveller.client.post(ORDERS, json=body, headers={"Idempotency-Key": "trip-1"})
    assert created.status_code == 201, created.text
    order = created.json()
    assert (order["status"], order["trip_type"], order["cabin"]) == ("pending_payment", "round_trip", "economy")
    assert (order["total"], order["currency"]) == (PRICE * 6, "KZT")
    assert order["expires_at"] is not None
    there, back = order["legs"]
    assert (there["leg"], there["flight_number"], there["origin"], there["destination"]) == (1, "TS101", "ALA", "NQZ")
    assert there["departs_at"].endswith("T07:30:00+05:00")
    assert (there["departure_timezone"], there["arrival_timezone"]) == ("Asia/Almaty", "Asia/Almaty")
    assert (back["flight_number"], back["origin"], back["status"]) == ("TS102", "NQZ", "pending_payment")
    assert there["fare"] == {
        "id": trip.fare(trip.outbound),
        "name": "Economy Light",
        "refundable": False,
        "changeable": False,
        "price": PRICE,
    }
    aidar, dana, timur = order["passengers"]
    assert (aidar["given_name"], aidar["family_name"], aidar["type"]) == ("AIDAR", "NURLANOV", "adult")
    assert aidar["document"] == {"type": "passport", "series_masked": None, "number_masked": "*******78"}
    assert dana["document"]["series_masked"] == "45**"
    assert [(s["leg"], s["seat"], s["cabin"]) for s in aidar["seats"]] == [(1, "5A", "economy"), (2, "20C", "economy")]
    # The others sit together, in a row that is not an exit row (a child is with them).
    for leg in (1, 2):
        dana_seat, timur_seat = (next(s["seat"] for s in p["seats"] if s["leg"] == leg) for p in (dana, timur))
        assert dana_seat[:-1] == timur_seat[:-1] not in {"12", "14"}
        assert dana_seat != timur_seat
    codes = {s["ticket_code"] for p in order["passengers"] for s in p["seats"]}
    assert len(codes) == 6
    # No document number, series or birth date ever comes back.
    for secret in ("N12345678", "N87654321", "4502", "1990-04-02", "2018-03-01", "2035-01-31"):
        assert secret not in created.text

    # The seats are taken for everyone: the seat map, seats left, and the core's counters agree.
    seat_map = (await stranger.client.get(f"/api/v1/flights/departures/{trip.out_departure}/seat-map")).json()
    economy = next(c for c in seat_map["cabins"] if c["cabin"] == "economy")
    seats = {s["code"]: s for r in economy["rows"] for s in r["seats"]}
    assert seats["5A"]["available"] is False
    assert seats["30F"]["available"] is False  # blocked
    assert seats["12A"]["restrictions"] == ["exit_row"]
    assert economy["seats_left"] == 155 - 3
    departure = (await stranger.client.get(f"/api/v1/flights/departures/{trip.out_departure}")).json()
    assert departure["seats_left"] == {"business": 12, "economy": 152}
    for departure_id in (trip.out_departure, trip.back_departure):
        assert await _seat_counts(settings, departure_id) == (3, 3, 0)

    # Documents are sealed to their row: another passenger's row does not open them.
    async with session_scope(settings.database) as session:
        rows = list(await session.scalars(select(FlightPassenger).order_by(FlightPassenger.position)))
    vault = PiiVault(settings.pii.keys, settings.pii.fingerprint_key)
    assert rows[0].document_ciphertext is not None
    assert b"N12345678" not in rows[0].document_ciphertext
    document = json.loads(vault.open(rows[0].document_ciphertext, document_binding(rows[0].id)))
    assert document == {
        "type": "passport",
        "series": None,
        "number": "N12345678",
        "expires_on": "2035-01-31",
        "birth_date": "1990-04-02",
        "issuing_country": "KZ",
    }
    with pytest.raises(PiiError):
        vault.open(rows[0].document_ciphertext, document_binding(rows[1].id))

    # The app notes the held trip; no stored notification carries a document value.
    async with session_scope(settings.database) as session:
        stored = list(await session.execute(select(Notification.kind, Notification.channel, Notification.payload)))
    assert [(k, c, p) for k, c, p in stored if k == "flight_order_created"] == [
        ("flight_order_created", "in_app", {"order_id": order["id"], "reference": order["reference"]})
    ]
    for secret in ("N12345678", "N87654321", "4502", "1990-04-02"):
        assert all(secret not in json.dumps(p) for _, _, p in stored)

    # The order is its buyer's: read, listed, replayed; nobody else's.
    assert (await traveller.client.get(f"{ORDERS}/{order['id']}")).json() == order
    assert (await stranger.client.get(f"{ORDERS}/{order['id']}")).status_code == 404
    listed = (await traveller.client.get(ORDERS)).json()
    assert (listed["total"], listed["items"][0]["id"]) == (1, order["id"])
    assert (await traveller.client.get(ORDERS, params={"status": "confirmed"})).json()["total"] == 0
    assert (await traveller.client.get(ORDERS, params={"status": "pending_payment"})).json()["total"] == 1
    assert (await stranger.client.get(ORDERS)).json()["total"] == 0
    replay = await traveller.client.post(ORDERS, json=body, headers={"Idempotency-Key": "trip-1"})
    assert (replay.status_code, replay.json()["id"], replay.headers["Idempotent-Replayed"]) == (
        201,
        order["id"],
        "true",
    )
    reused = await traveller.client.post(
        ORDERS, json={**body, "cabin": "business"}, headers={"Idempotency-Key": "trip-1"}
    )
    assert (reused.status_code, reused.json()["code"]) == (422, "idempotency_key_reused")
    anonymous = await (await client_factory()).post(ORDERS, json=body)
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")


async def test_orders_that_cannot_be_flown_are_refused_and_leave_nothing(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    trip = await make_trip(carrier.client)
    later = await make_trip(carrier.client, trip.aircraft, number=301)
    adult = passenger("Aidar", "Nurlanov", "N12345678")
    base: dict[str, Any] = {"cabin": "economy", "legs": trip.legs(), "passengers": [adult]}
    other_route_fare = trip.fare(later.outbound)
    refused: list[tuple[dict[str, Any], int, str]] = [
        ({"legs": trip.legs() + trip.legs()[:1]}, 400, "invalid_order"),
        ({"legs": [trip.legs()[0], trip.legs()[0]]}, 400, "invalid_order"),
        (
            {"passengers": [passenger("Timur", "Nurlanov", "N11223344", kind="child", birth="2018-03-01")]},
            400,
            "invalid_order",
        ),
        ({"passengers": [adult, {**adult, "given_name": "Twin"}]}, 400, "invalid_order"),  # one passport twice
        (
            {"passengers": [passenger(f"P{chr(65 + i)}", "Many", f"N0000000{i}") for i in range(10)]},
            400,
            "invalid_order",
        ),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", seats=["5A"])]}, 400, "invalid_order"),
        (
            {
                "passengers": [
                    passenger("A", "B", "N12345678", seats=["5A", "6A"]),
                    passenger("C", "D", "N12345679", seats=["5A", "7A"]),
                ]
            },
            400,
            "invalid_order",
        ),
        ({"legs": [trip.legs()[0], later.legs()[0]]}, 400, "invalid_round_trip"),
        (
            {"passengers": [passenger("Baby", "Nurlanov", "N11223345", kind="child", birth="2026-01-01"), adult]},
            400,
            "invalid_passenger",
        ),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", kind="child")]}, 400, "invalid_passenger"),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N1")]}, 400, "invalid_passenger"),
        ({"passengers": [{**adult, "nationality": "ZZ"}]}, 400, "invalid_passenger"),
        ({"passengers": [{**adult, "given_name": "Айдар"}]}, 400, "validation_error"),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", expires="2026-12-05")]}, 400, "document_expired"),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", seats=["99Z", None])]}, 400, "invalid_seat"),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", seats=["30F", None])]}, 400, "invalid_seat"),
        ({"passengers": [passenger("Aidar", "Nurlanov", "N12345678", seats=["1A", None])]}, 400, "invalid_seat"),
        (
            {
                "passengers": [
                    adult,
                    passenger("Timur", "Nurlanov", "N11223344", kind="child", birth="2018-03-01", seats=["12A", None]),
                ]
            },
            409,
            "seat_restricted",
        ),
        ({"legs": trip.legs(cabin="business")}, 409, "fare_not_in_cabin"),
        ({"legs": [{"departure_id": str(uuid.uuid4()), "fare_id": trip.fare(trip.outbound)}]}, 404, "not_found"),
        ({"legs": [{"departure_id": trip.out_departure, "fare_id": other_route_fare}]}, 404, "not_found"),
        ({"expected_total": 1}, 409, "price_changed"),
    ]
    for change, status, code in refused:
        answer = await traveller.client.post(ORDERS, json={**base, **change})
        assert (answer.status_code, answer.json().get("code")) == (status, code), (change, answer.text)
        if code == "price_changed":
            assert answer.json()["total"] == PRICE * 2
        if code in {"invalid_seat", "seat_restricted"}:
            assert answer.json()["seats"][0]["leg"] == 1
        if code == "document_expired":
            assert answer.json()["passenger"] == 1
    # A cancelled flight is not on sale.
    await carrier.client.post(f"/api/v1/flights/departures/{later.back_departure}/cancel", json={})
    answer = await traveller.client.post(ORDERS, json={**base, "legs": later.legs()})
    assert (answer.status_code, answer.json()["code"], answer.json()["leg"]) == (409, "not_on_sale", 2)
    # Nothing half-written by any refusal.
    assert (await traveller.client.get(ORDERS)).json()["total"] == 0
    for departure_id in (trip.out_departure, trip.back_departure, later.out_departure):
        assert await _seat_counts(settings, departure_id) == (0, 0, 0)


async def test_one_passport_holds_one_seat_per_departure(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    first, second = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    same = {"cabin": "economy", "passengers": [passenger("Aidar", "Nurlanov", "n 1234 5678")]}
    assert (await first.client.post(ORDERS, json={**same, "legs": trip.legs(round_trip=False)})).status_code == 201
    again = await second.client.post(ORDERS, json={**same, "legs": trip.legs()})
    assert (again.status_code, again.json()["code"]) == (409, "passenger_already_booked")
    assert (again.json()["leg"], again.json()["passenger"]) == (1, 1)
    assert await _seat_counts(settings, trip.back_departure) == (0, 0, 0)  # the return leg was taken back
    only_back = [trip.legs()[1]]
    assert (await second.client.post(ORDERS, json={**same, "legs": only_back})).status_code == 201


async def test_many_travellers_racing_for_one_seat_and_for_a_small_cabin(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    small = await make_aircraft(
        carrier.client,
        cabins=[{"cabin": "economy", "first_row": 1, "last_row": 10, "layout": "AB-C"}],
        skip_rows=[],
        exit_rows=[],
        extra_legroom_rows=[],
        blocked_seats=[],
    )
    trip = await make_trip(carrier.client, small, fares=[ECONOMY_LIGHT])
    travellers = []
    for user_id, _, token in await create_accounts(settings, 120):
        client = await client_factory()
        client.headers["Authorization"] = f"Bearer {token}"
        travellers.append((user_id, client))

    def order(i: int, seats: list[str | None] | None = None) -> dict[str, Any]:
        return {
            "cabin": "economy",
            "legs": trip.legs(round_trip=False),
            "passengers": [passenger("Racer", f"Number{chr(65 + i % 26)}", f"R{i:08d}", seats=seats)],
        }

    # Twenty travellers ask for seat 7A at once: one gets it.
    answers = await asyncio.gather(*(c.post(ORDERS, json=order(i, ["7A"])) for i, (_, c) in enumerate(travellers[:20])))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 19, [
        a.text for a in answers if a.status_code >= 500
    ]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"seat_unavailable"}

    # A hundred more race for the 29 seats left: exactly 29 are seated, the others hear the cabin is full.
    answers = await asyncio.gather(*(c.post(ORDERS, json=order(20 + i)) for i, (_, c) in enumerate(travellers[20:])))
    assert sorted(a.status_code for a in answers) == [201] * 29 + [409] * 71, [
        a.text for a in answers if a.status_code >= 500
    ]
    refusals = [a.json() for a in answers if a.status_code == 409]
    assert {(r["code"], r["leg"], r["available"]) for r in refusals} == {("cabin_sold_out", 1, 0)}
    seats = [s["seat"] for a in answers if a.status_code == 201 for s in a.json()["passengers"][0]["seats"]]
    assert len(set(seats)) == 29
    assert "7A" not in seats
    assert await _seat_counts(settings, trip.out_departure) == (30, 30, 0)


async def test_a_free_trip_is_confirmed_at_once_with_its_itinerary(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    trip = await make_trip(carrier.client, fares=[{**ECONOMY_LIGHT, "name": "Crew", "price": 0}])
    created = await traveller.client.post(
        ORDERS,
        json={"legs": trip.legs(round_trip=False), "passengers": [passenger("Aidar", "Nurlanov", "N12345678")]},
    )
    assert created.status_code == 201, created.text
    order = created.json()
    assert (order["status"], order["total"], order["expires_at"]) == ("confirmed", 0, None)
    async with session_scope(settings.database) as session:
        kinds = list(await session.scalars(select(Notification.kind).where(Notification.kind.like("flight_%"))))
    assert kinds == ["flight_order_confirmed"]


async def test_a_round_trip_whose_return_is_full_keeps_nothing_of_the_outbound(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    tiny = await make_aircraft(
        carrier.client,
        cabins=[{"cabin": "economy", "first_row": 1, "last_row": 2, "layout": "A-B"}],
        skip_rows=[],
        exit_rows=[],
        extra_legroom_rows=[],
        blocked_seats=[],
    )
    trip = await make_trip(carrier.client, tiny, fares=[ECONOMY_LIGHT])
    for i, (_, _, token) in enumerate(await create_accounts(settings, 4)):
        client = await client_factory()
        client.headers["Authorization"] = f"Bearer {token}"
        back_only = {"legs": [trip.legs()[1]], "passengers": [passenger("Full", f"Return{chr(65 + i)}", f"F{i:08d}")]}
        assert (await client.post(ORDERS, json=back_only)).status_code == 201
    refused = await traveller.client.post(
        ORDERS, json={"legs": trip.legs(), "passengers": [passenger("Aidar", "Nurlanov", "N12345678")]}
    )
    assert refused.status_code == 409, refused.text
    assert (refused.json()["code"], refused.json()["leg"], refused.json()["available"]) == ("cabin_sold_out", 2, 0)
    assert await _seat_counts(settings, trip.out_departure) == (0, 0, 0)
    assert (await traveller.client.get(ORDERS)).json()["total"] == 0


async def test_upgrading_puts_booked_flight_seats_on_the_core_seat_guard(
    settings: Settings, client_factory: ClientFactory
) -> None:
    """0024 moves the seat guard of flights onto the booking core's: seats booked before it are claimed there,
    and a downgrade gives them back to the flights module's own index, losing no seat either way."""
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(settings, client_factory, 1)
    trip = await make_trip(carrier.client)
    body = {
        "cabin": "economy",
        "legs": trip.legs(),
        "passengers": [
            passenger("Aidar", "Nurlanov", "N12345678", seats=["5A", "6A"]),
            passenger("Dana", "Nurlanova", "N87654321"),
        ],
    }
    assert (await traveller.client.post(ORDERS, json=body)).status_code == 201
    seated = {d: await _claims(settings, d) for d in (trip.out_departure, trip.back_departure)}
    assert [len(claims) for claims in seated.values()] == [2, 2]
    try:
        await downgrade(settings.database, "0023")
        assert [await _claims(settings, d) for d in seated] == [set(), set()]
        async with session_scope(settings.database) as session:
            assert await session.scalar(select(func.count()).where(Ticket.seat.is_not(None))) == 0
    finally:
        await migrate(settings.database)
    assert {d: await _claims(settings, d) for d in seated} == seated
    for departure_id in seated:
        assert await seats_on_the_core_guard(settings, departure_id) == 2
    # And the guard holds after the upgrade: the seats are taken.
    again = await traveller.client.post(
        ORDERS, json={**body, "passengers": [passenger("Other", "Person", "X98765432", seats=["5A", None])]}
    )
    assert (again.status_code, again.json()["code"]) == (409, "seat_unavailable")


async def _claims(settings: Settings, departure_id: str) -> set[tuple[uuid.UUID | None, str]]:
    async with session_scope(settings.database) as session:
        rows = await session.execute(
            select(SessionSeat.ticket_id, SessionSeat.seat).where(SessionSeat.session_id == uuid.UUID(departure_id))
        )
        return set(rows.tuples().all())
