"""Guests book places on watch-party slots: never more than the host has, one live booking per guest and slot,
requests that hold nothing until the host approves, and an address shown only to those who booked."""

from __future__ import annotations

import asyncio
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from tessera.config import Settings
from tessera.core.db import session_scope
from tessera.core.messages import Recipient
from tessera.core.outbox import Notification
from tessera.server.container import Container

from .conftest import ClientFactory
from .helpers import create_accounts, make_accounts
from .test_parties import PARTIES, PARTY, _at, _host, _party, _slot

SLOTS = f"{PARTIES}/slots"


async def _published(client: AsyncClient, **changes: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    party = await _party(client, **changes)
    slot = (await _slot(client, party["id"], _at(5, 19))).json()
    assert (await client.post(f"{PARTIES}/{party['id']}/publish")).status_code == 200
    return party, slot


async def test_twenty_guests_racing_for_five_places(settings: Settings, client_factory: ClientFactory) -> None:
    [host] = await make_accounts(settings, client_factory, 1)
    await _host(host.client)
    party, slot = await _published(host.client, capacity=5)
    guests = []
    for _, _, token in await create_accounts(settings, 20):
        client = await client_factory()
        client.headers["Authorization"] = f"Bearer {token}"
        guests.append(client)
    answers = await asyncio.gather(*(g.post(f"{SLOTS}/{slot['id']}/bookings", json={"places": 1}) for g in guests))
    assert sorted(a.status_code for a in answers) == [201] * 5 + [409] * 15, [
        a.text for a in answers if a.status_code >= 500
    ]
    assert {(a.json()["code"], a.json()["available"]) for a in answers if a.status_code == 409} == {("sold_out", 0)}
    availability = (await host.client.get(f"/api/v1/sessions/{slot['id']}/availability")).json()
    assert (availability["sold"], availability["available"]) == (5, 0)
    listed = (await host.client.get(f"{SLOTS}/{slot['id']}/guests")).json()
    assert (listed["total"], listed["places_taken"], listed["capacity"]) == (5, 5, 5)
    assert party["id"] == slot["party_id"]


async def test_a_booking_shows_the_address_and_gives_it_back_when_cancelled(
    settings: Settings, client_factory: ClientFactory
) -> None:
    host, guest, other = await make_accounts(settings, client_factory, 3)
    await _host(host.client)
    party, slot = await _published(host.client)
    url = f"{SLOTS}/{slot['id']}/bookings"
    assert (await guest.client.get(f"{PARTIES}/{party['id']}")).json()["place"]["address"] is None
    own = await host.client.post(url, json={"places": 1})
    assert (own.status_code, own.json()["code"]) == (409, "own_party")
    too_many = await guest.client.post(url, json={"places": 3})
    assert (too_many.status_code, too_many.json()["code"]) == (409, "ticket_limit_reached")

    booked = await guest.client.post(url, json={"places": 2}, headers={"Idempotency-Key": "party-1"})
    assert booked.status_code == 201, booked.text
    outcome = booked.json()
    assert (outcome["status"], outcome["request"]) == ("confirmed", None)
    booking = outcome["booking"]
    assert (booking["status"], booking["places"], len(booking["ticket_codes"])) == ("confirmed", 2, 2)
    assert booking["place"]["address"] == "Abay Ave 10, flat 42"
    assert booking["starts_at"] == _at(5, 19)
    assert booking["host"]["display_name"] == "Aigerim's Cinema Club"
    replay = await guest.client.post(url, json={"places": 2}, headers={"Idempotency-Key": "party-1"})
    assert (replay.status_code, replay.json()["booking"]["id"]) == (201, booking["id"])
    again = await guest.client.post(url, json={"places": 1})
    assert (again.status_code, again.json()["code"]) == (409, "already_booked")
    assert (await guest.client.get(f"{PARTIES}/{party['id']}")).json()["place"]["address"] == "Abay Ave 10, flat 42"
    assert (await other.client.get(f"{PARTIES}/{party['id']}")).json()["place"]["address"] is None
    assert (await other.client.get(f"{PARTIES}/bookings/{booking['id']}")).status_code == 404
    assert (await other.client.get(f"{SLOTS}/{slot['id']}/guests")).status_code == 404
    guests = (await host.client.get(f"{SLOTS}/{slot['id']}/guests")).json()
    assert [(g["guest"]["user_id"], g["places"], g["checked_in"]) for g in guests["items"]] == [
        (str(guest.id), 2, False)
    ]

    # The guest's e-mail: the address (unsealed when it is written, never stored in the outbox) and a code
    # with its QR per place; the host hears of the guest in the app.
    async with session_scope(settings.database) as session:
        told = {
            kind: (user_id, channel, payload)
            for kind, user_id, channel, payload in await session.execute(
                select(Notification.kind, Notification.user_id, Notification.channel, Notification.payload).where(
                    Notification.kind.like("party_%")
                )
            )
        }
    assert told["party_guest_joined"][:2] == (host.id, "in_app")
    user_id, channel, payload = told["party_booking_confirmed"]
    assert (user_id, channel) == (guest.id, "email")
    assert "Abay" not in str(payload)
    container = Container.build(settings)
    try:
        composer = container.message_composers()["party_booking_confirmed"]
        async with container.sessions() as session:
            english = await composer.compose(session, "party_booking_confirmed", payload, Recipient("Ann", "en"))
            russian = await composer.compose(session, "party_booking_confirmed", payload, Recipient("Анна", "ru"))
    finally:
        await container.close()
    assert (english.subject, russian.subject) == ("You're in: Stalker", "Вы идёте: Stalker")
    assert ("Address", "Abay Ave 10, flat 42") in english.details
    assert sorted(c.value for c in english.codes) == sorted(booking["ticket_codes"])
    assert [a.filename for a in english.attachments if a.filename.endswith(".ics")] == ["party.ics"]

    # The host moves the party: the booked guest hears of the new place, with its address.
    moved = await host.client.patch(
        f"{PARTIES}/{party['id']}", json={"place": {**PARTY["place"], "address": "Dostyk Ave 5, flat 7"}}
    )
    assert moved.status_code == 200, moved.text
    async with session_scope(settings.database) as session:
        [(user_id, payload)] = list(
            await session.execute(
                select(Notification.user_id, Notification.payload).where(Notification.kind == "party_place_changed")
            )
        )
    assert user_id == guest.id
    container = Container.build(settings)
    try:
        composer = container.message_composers()["party_place_changed"]
        async with container.sessions() as session:
            moved_mail = await composer.compose(session, "party_place_changed", payload, Recipient("Ann", "en"))
    finally:
        await container.close()
    assert ("Address", "Dostyk Ave 5, flat 7") in moved_mail.details

    cancelled = await guest.client.post(f"{PARTIES}/bookings/{booking['id']}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.text
    assert (cancelled.json()["status"], cancelled.json()["place"]["address"], cancelled.json()["ticket_codes"]) == (
        "cancelled",
        None,
        [],
    )
    assert (await guest.client.get(f"{PARTIES}/{party['id']}")).json()["place"]["address"] is None
    assert (await host.client.get(f"/api/v1/sessions/{slot['id']}/availability")).json()["available"] == 6
    assert (await guest.client.get(f"{PARTIES}/bookings", params={"status": "cancelled"})).json()["total"] == 1
    # Booking again after cancelling is allowed; the host cancelling the slot ends it too.
    assert (await guest.client.post(url, json={"places": 1})).status_code == 201
    await host.client.post(f"{SLOTS}/{slot['id']}/cancel", json={"reason": "Power cut"})
    [latest, _] = (await guest.client.get(f"{PARTIES}/bookings")).json()["items"]
    assert latest["status"] == "cancelled"
    closed = await other.client.post(url, json={"places": 1})
    assert (closed.status_code, closed.json()["code"]) == (409, "not_on_sale")


async def test_requests_hold_nothing_until_the_host_approves(settings: Settings, client_factory: ClientFactory) -> None:
    host, first, second, third = await make_accounts(settings, client_factory, 4)
    await _host(host.client)
    party, slot = await _published(host.client, capacity=4, approval_required=True)
    url = f"{SLOTS}/{slot['id']}/bookings"
    requests = []
    for guest in (first, second, third):
        asked = await guest.client.post(url, json={"places": 2, "message": "Big fan"})
        assert asked.status_code == 202, asked.text
        assert (asked.json()["status"], asked.json()["booking"]) == ("requested", None)
        requests.append(asked.json()["request"])
    twice = await first.client.post(url, json={"places": 1})
    assert (twice.status_code, twice.json()["code"]) == (409, "already_requested")
    assert (await host.client.get(f"/api/v1/sessions/{slot['id']}/availability")).json()["available"] == 4
    queue = (await host.client.get(f"{PARTIES}/requests", params={"role": "host", "status": "pending"})).json()
    assert queue["total"] == 3
    assert queue["items"][0]["guest"]["reputation"]["as_guest"]["count"] == 0

    answers = [await host.client.post(f"{PARTIES}/requests/{r['id']}/approve") for r in requests]
    assert [a.status_code for a in answers] == [200, 200, 409]
    assert answers[2].json()["code"] == "sold_out"
    approved = answers[0].json()
    assert (approved["request"]["status"], approved["booking"]["status"]) == ("approved", "confirmed")
    still = (await third.client.get(f"{PARTIES}/requests")).json()["items"][0]
    assert still["status"] == "pending"  # the full slot left it waiting
    assert (await first.client.post(f"{PARTIES}/requests/{requests[0]['id']}/approve")).status_code == 404
    answered = await host.client.post(f"{PARTIES}/requests/{requests[0]['id']}/decline", json={})
    assert (answered.status_code, answered.json()["code"]) == (409, "request_not_pending")
    async with session_scope(settings.database) as session:
        kinds = sorted(
            (await session.scalars(select(Notification.kind).where(Notification.kind.like("party_request%")))).all()
        )
    assert kinds == ["party_request_received"] * 3
    withdrawn = await third.client.post(f"{PARTIES}/requests/{requests[2]['id']}/withdraw")
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert party["approval_required"] is True
