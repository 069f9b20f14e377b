"""Passport documents after the order: the carrier's manifest (masked; in full only around the flight, and
logged), key rotation, and erasure once the trip is over."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from tessera.booking.models import Booking, BookingGroup
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.background import transaction
from tessera.core.db import session_scope
from tessera.core.pii import PiiError, PiiVault
from tessera.flights.models import FlightDeparture, FlightDocumentReveal, FlightPassenger
from tessera.flights.passengers import document_binding
from tessera.server.app import create_app
from tessera.server.container import Container
from tessera.server.jobs import expire_holds, purge_travel_documents, rotate_pii_keys

from .conftest import ClientFactory, SettingsFactory
from .flight_helpers import Trip, add_airports, make_trip, passenger
from .helpers import make_accounts

ORDERS = "/api/v1/flights/orders"


async def _order(client: Any, trip: Trip, *people: dict[str, Any], round_trip: bool = True) -> dict[str, Any]:
    created = await client.post(
        ORDERS, json={"cabin": "economy", "legs": trip.legs(round_trip), "passengers": list(people)}
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def _confirm(settings: Settings, order: dict[str, Any]) -> None:
    """What the gateway's signed result callback does for a paid order."""
    container = Container.build(settings)
    try:
        async with container.sessions() as session:
            group_id = await session.scalar(
                select(Booking.group_id).where(Booking.id == order["legs"][0]["booking_id"])
            )
        assert group_id is not None
        async with transaction(container.sessions) as session:
            assert await container.bookings(session).settlement.settle_group_payment(group_id, datetime.now(UTC))
    finally:
        await container.close()


async def test_the_carrier_sees_a_masked_manifest_and_documents_only_around_the_flight(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    carrier, rival = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "carrier")
    traveller, other = await make_accounts(settings, client_factory, 2)
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=5)
    trip = await make_trip(carrier.client, leaves_at=soon)
    paid = await _order(
        traveller.client,
        trip,
        passenger("Aidar", "Nurlanov", "N12345678", seats=["5A", None]),
        passenger("Dana", "Nurlanova", "N87654321", series="4502", seats=["5B", None]),
    )
    await _confirm(settings, paid)
    await _order(other.client, trip, passenger("Unpaid", "Person", "U12345678"))  # held, not on the manifest

    manifest_url = f"/api/v1/flights/departures/{trip.out_departure}/manifest"
    masked = await carrier.client.get(manifest_url)
    assert masked.status_code == 200, masked.text
    body = masked.json()
    assert (body["flight_number"], body["total"]) == ("TS101", 2)
    assert [(i["seat"], i["family_name"], i["order_reference"]) for i in body["items"]] == [
        ("5A", "NURLANOV", paid["reference"]),
        ("5B", "NURLANOVA", paid["reference"]),
    ]
    assert body["items"][1]["document"] == {"type": "passport", "series_masked": "45**", "number_masked": "*******21"}
    assert body["items"][0]["ticket_code"] == paid["passengers"][0]["seats"][0]["ticket_code"]
    assert "N12345678" not in masked.text
    assert masked.headers["cache-control"] == "no-store"

    revealed = await carrier.client.get(manifest_url, params={"reveal": "documents"})
    assert revealed.status_code == 200, revealed.text
    assert revealed.json()["items"][1]["document"] == {
        "type": "passport",
        "series": "4502",
        "number": "N87654321",
        "expires_on": "2035-01-31",
        "birth_date": "1990-04-02",
        "issuing_country": "KZ",
    }
    async with session_scope(settings.database) as session:
        [log] = list(await session.scalars(select(FlightDocumentReveal)))
    assert (log.user_id, str(log.departure_id), log.passenger_count) == (carrier.id, trip.out_departure, 2)

    # The return flight is a week away: outside the window, documents stay masked.
    too_early = await carrier.client.get(
        f"/api/v1/flights/departures/{trip.back_departure}/manifest", params={"reveal": "documents"}
    )
    assert (too_early.status_code, too_early.json()["code"]) == (409, "manifest_not_available")
    assert (await rival.client.get(manifest_url, params={"reveal": "documents"})).status_code == 404
    assert (await traveller.client.get(manifest_url)).status_code == 403
    async with session_scope(settings.database) as session:
        assert await session.scalar(select(func.count()).select_from(FlightDocumentReveal)) == 1


async def test_documents_are_erased_after_the_trip_and_masks_stay(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    traveller, late = await make_accounts(settings, client_factory, 2)
    trip = await make_trip(carrier.client)
    flown = await _order(traveller.client, trip, passenger("Aidar", "Nurlanov", "N12345678"))
    await _confirm(settings, flown)
    unpaid = await _order(late.client, trip, passenger("Dana", "Nurlanova", "N87654321"))
    container = Container.build(settings)
    try:
        assert await purge_travel_documents(container) == 0  # the trip is ahead

        # The hold of the unpaid order ran out two days ago; the paid trip landed 31 days ago.
        long_ago = datetime.now(UTC) - timedelta(days=2)
        async with session_scope(settings.database) as session:
            group_id = await session.scalar(
                select(Booking.group_id).where(Booking.id == unpaid["legs"][0]["booking_id"])
            )
            await session.execute(update(BookingGroup).where(BookingGroup.id == group_id).values(expires_at=long_ago))
            await session.execute(update(Booking).where(Booking.group_id == group_id).values(expires_at=long_ago))
        assert await expire_holds(container) == 2
        async with session_scope(settings.database) as session:
            await session.execute(update(BookingGroup).where(BookingGroup.id == group_id).values(expired_at=long_ago))
        assert await purge_travel_documents(container) == 1
        landed = datetime.now(UTC) - timedelta(days=31)
        async with session_scope(settings.database) as session:
            await session.execute(
                update(FlightDeparture).values(departs_at=landed - timedelta(hours=2), arrives_at=landed)
            )
        assert await purge_travel_documents(container) == 1
        assert await purge_travel_documents(container) == 0
    finally:
        await container.close()
    async with session_scope(settings.database) as session:
        rows = list(await session.scalars(select(FlightPassenger)))
    assert {(r.document_ciphertext, r.document_fingerprint) for r in rows} == {(None, None)}
    assert all(r.purged_at is not None for r in rows)
    shown = (await traveller.client.get(f"{ORDERS}/{flown['id']}")).json()
    assert shown["passengers"][0]["document"]["number_masked"] == "*******78"


async def test_rotating_the_keys_reseals_every_document(
    settings: Settings, make_settings: SettingsFactory, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    old, new = base64.b64encode(b"o" * 32).decode(), base64.b64encode(b"n" * 32).decode()
    before = make_settings(TESSERA_PII_KEYS=f"1:{old}")
    [carrier] = await make_accounts(before, client_factory, 1, Role.ORGANIZER, "carrier")
    [traveller] = await make_accounts(before, client_factory, 1)
    client = await client_factory(create_app(before))
    client.headers["Authorization"] = traveller.client.headers["Authorization"]
    trip = await make_trip(carrier.client)
    await _order(client, trip, passenger("Aidar", "Nurlanov", "N12345678"), passenger("Dana", "Nurlanova", "N87654321"))

    rotated = make_settings(TESSERA_PII_KEYS=f"2:{new},1:{old}")
    container = Container.build(rotated)
    try:
        assert await rotate_pii_keys(container) == 2
        assert await rotate_pii_keys(container) == 0
    finally:
        await container.close()
    async with session_scope(settings.database) as session:
        rows = list(await session.scalars(select(FlightPassenger).order_by(FlightPassenger.position)))
    only_new = PiiVault([(2, b"n" * 32)], rotated.pii.fingerprint_key)
    for row in rows:
        assert row.document_ciphertext is not None
        assert row.document_ciphertext[1] == 2
        document = json.loads(only_new.open(row.document_ciphertext, document_binding(row.id)))
        assert document["number"] in {"N12345678", "N87654321"}
        with pytest.raises(PiiError):
            PiiVault([(1, b"o" * 32)], rotated.pii.fingerprint_key).open(
                row.document_ciphertext, document_binding(row.id)
            )
