"""Personal data: an account's export holds everything Tessera keeps about it, and deleting the account leaves
none of its personal values anywhere in the database (every text column is scanned), while what accounting
needs stays."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pyotp
from httpx import AsyncClient
from sqlalchemy import JSON, LargeBinary, select

from tessera.booking.models import Booking
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import metadata, session_scope
from tessera.payments.models import Payment, PaymentStatus
from tessera.reviews.models import Review

from .conftest import PASSWORD, ClientFactory
from .flight_helpers import add_airports, make_trip, passenger
from .helpers import book, make_accounts, make_listing
from .test_parties import _host, _party

AUTH = "/api/v1/auth"
NAME = "Zhanna Qwertyova"
EMAIL = "zhanna.qwertyova@example.com"
DOCUMENT = "N55500011"
NEEDLES = ("qwertyova", DOCUMENT.lower())


async def _person(client_factory: ClientFactory) -> AsyncClient:
    client = await client_factory()
    registered = await client.post(f"{AUTH}/register", json={"email": EMAIL, "password": PASSWORD, "name": NAME})
    assert registered.status_code == 201, registered.text
    token = (await client.post(f"{AUTH}/token", json={"email": EMAIL, "password": PASSWORD})).json()
    client.headers["Authorization"] = f"Bearer {token['access_token']}"
    return client


async def _a_life(settings: Settings, client_factory: ClientFactory, person: AsyncClient) -> dict[str, Any]:
    """Bookings, a flight order with a passport, a host profile and a party: what the person leaves behind."""
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    event = await make_listing(organizer.client, prices=(500_000,))
    held = await book(person, event, 2)
    assert held.status_code == 201, held.text
    await add_airports(settings)
    trip = await make_trip(carrier.client)
    order = await person.post(
        "/api/v1/flights/orders",
        json={
            "cabin": "economy",
            "legs": trip.legs(round_trip=False),
            "passengers": [passenger("Zhanna", "Qwertyova", DOCUMENT)],
        },
    )
    assert order.status_code == 201, order.text
    await _host(person, display_name=NAME, bio="Films at Qwertyova's place")
    party = await _party(person)
    # What a paid attempt and a review leave behind (their own suites make them through the gateway and
    # attendance): rows as those paths write them.
    me = uuid.UUID((await person.get(f"{AUTH}/me")).json()["id"])
    async with session_scope(settings.database) as session:
        session.add(
            Payment(
                booking_id=uuid.UUID(held.json()["id"]),
                user_id=me,
                amount=1_000_000,
                currency="KZT",
                status=PaymentStatus.FAILED,
                card_pan="4405-64XX-XXXX-6150",
            )
        )
        session.add(Review(event_id=uuid.UUID(event["id"]), user_id=me, rating=4, comment="Qwertyova loved it"))
    return {"booking": held.json(), "order": order.json(), "party": party}


async def _mentions(settings: Settings) -> list[tuple[str, str]]:
    """(table, column) of every stored text (or JSON) value that contains one of the person's values."""
    found = []
    async with session_scope(settings.database) as session:
        for table in metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, LargeBinary):
                    continue  # sealed values: checked by opening them, not by reading
                try:
                    python_type = column.type.python_type
                except NotImplementedError:
                    python_type = object
                if python_type not in (str, dict, list) and not isinstance(column.type, JSON):
                    continue
                for (value,) in await session.execute(select(column).where(column.is_not(None))):
                    text = json.dumps(value) if not isinstance(value, str) else value
                    if any(needle in text.lower() for needle in NEEDLES):
                        found.append((table.name, column.name))
    return sorted(set(found))


async def test_the_export_holds_everything_about_the_account(settings: Settings, client_factory: ClientFactory) -> None:
    person = await _person(client_factory)
    life = await _a_life(settings, client_factory, person)
    [stranger] = await make_accounts(settings, client_factory, 1)

    exported = await person.get(f"{AUTH}/me/export")
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-disposition"].startswith("attachment;")
    data = exported.json()
    assert (data["account"]["email"], data["account"]["name"]) == (EMAIL, NAME)
    assert {b["id"] for b in data["bookings"]} >= {life["booking"]["id"]}
    assert len([t for t in data["tickets"] if t["booking_id"] == life["booking"]["id"]]) == 2
    [traveller] = data["flight_passengers"]
    assert (traveller["family_name"], traveller["document"]["number"]) == ("QWERTYOVA", DOCUMENT)
    assert data["party_host_profile"]["display_name"] == NAME
    assert {"welcome", "verify_email"} <= {n["kind"] for n in data["notifications"]}
    assert data["sign_ins"]
    assert all("ip" in s for s in data["sign_ins"])
    for section in ("refunds", "party_requests", "party_ratings"):
        assert isinstance(data[section], list), section
    [payment] = data["payments"]
    assert (payment["amount"], payment["status"]) == (1_000_000, "failed")
    assert "6150" not in json.dumps(data)  # no card data, not even the masked number
    [written] = data["reviews"]
    assert (written["rating"], written["comment"]) == (4, "Qwertyova loved it")

    theirs = (await stranger.client.get(f"{AUTH}/me/export")).json()
    assert theirs["bookings"] == []
    assert theirs["flight_passengers"] == []
    assert DOCUMENT not in json.dumps(theirs)


async def test_deleting_the_account_leaves_no_personal_value_anywhere(
    settings: Settings, client_factory: ClientFactory
) -> None:
    person = await _person(client_factory)
    life = await _a_life(settings, client_factory, person)
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "free")
    free = await make_listing(organizer.client, prices=(0,))
    confirmed = (await book(person, free, 1)).json()
    assert confirmed["status"] == "confirmed"
    setup = (await person.post(f"{AUTH}/2fa/setup")).json()
    codes = (await person.post(f"{AUTH}/2fa/enable", json={"code": pyotp.TOTP(setup["secret"]).now()})).json()[
        "recovery_codes"
    ]

    wrong = await person.request("DELETE", f"{AUTH}/me", json={"password": "not mine", "code": codes[0]})
    assert (wrong.status_code, wrong.json()["code"]) == (403, "invalid_credentials")
    no_code = await person.request("DELETE", f"{AUTH}/me", json={"password": PASSWORD})
    assert (no_code.status_code, no_code.json()["code"]) == (400, "invalid_code")
    coming = await person.request("DELETE", f"{AUTH}/me", json={"password": PASSWORD, "code": codes[0]})
    assert (coming.status_code, coming.json()["code"]) == (409, "has_future_bookings")
    assert (await person.post(f"/api/v1/bookings/{confirmed['id']}/cancel", json={})).status_code == 200

    erased = await person.request("DELETE", f"{AUTH}/me", json={"password": PASSWORD, "code": codes[1]})
    assert erased.status_code == 204, erased.text
    assert await _mentions(settings) == []
    # What accounting needs stays: the bookings, their amounts and references.
    async with session_scope(settings.database) as session:
        kept = await session.get(Booking, uuid.UUID(life["booking"]["id"]))
        assert kept is not None
        assert (kept.reference, kept.total) == (life["booking"]["reference"], life["booking"]["total"])
    # From the attacker's side: the old token fails at the server, the password no longer signs in.
    assert (await person.get(f"{AUTH}/me")).status_code == 401
    anonymous = await client_factory()
    gone = await anonymous.post(f"{AUTH}/token", json={"email": EMAIL, "password": PASSWORD})
    assert (gone.status_code, gone.json()["code"]) == (401, "invalid_credentials")
    again = await anonymous.post(f"{AUTH}/register", json={"email": EMAIL, "password": PASSWORD, "name": "New"})
    assert again.status_code == 201
    audit = await _admin_audit(settings, client_factory)
    assert len(audit) == 1
    assert "qwertyova" not in json.dumps(audit).lower()


async def _admin_audit(settings: Settings, client_factory: ClientFactory) -> list[dict[str, Any]]:
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    answer = await admin.client.get("/api/v1/admin/audit", params={"action": "account.deleted"})
    items: list[dict[str, Any]] = answer.json()["items"]
    return items
