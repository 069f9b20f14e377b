"""Ticket transfers: a holder hands one ticket to someone by e-mail; the recipient, signed in with that verified
address, takes it; the old code stops working at once and a new one is issued. The organizer decides whether
and until when transfers are allowed."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import select

from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification
from tessera.payments.models import Refund
from tessera.server.container import Container

from .conftest import ClientFactory, Inbox, SettingsFactory
from .helpers import Account, book, make_accounts, make_listing, reschedule

API = "/api/v1"


@pytest.fixture
def settings(make_settings: SettingsFactory, smtp: tuple[Inbox, int]) -> Settings:
    # The production default: an address must be verified before it can take a ticket offered to it.
    return make_settings(
        TESSERA_SMTP_URL=f"smtp://127.0.0.1:{smtp[1]}",
        TESSERA_REDIS_URL="",
        TESSERA_REQUIRE_EMAIL_VERIFICATION="true",
    )


async def _offer_mail(inbox: Inbox, to: str) -> EmailMessage:
    """The offer e-mailed to ``to``, once it has arrived (other mail may come before it)."""
    deadline = asyncio.get_running_loop().time() + 15
    while True:
        found = [
            m
            for m, recipients in zip(inbox.messages, inbox.recipients, strict=False)
            if recipients == [to] and "giving you a ticket" in str(m["Subject"])
        ]
        if found or asyncio.get_running_loop().time() > deadline:
            assert len(found) == 1, [(m["Subject"], r) for m, r in zip(inbox.messages, inbox.recipients, strict=False)]
            return found[0]
        await asyncio.sleep(0.05)


def _token(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"/transfers/accept\?token=([\w.\-]+)", str(body.get_content()))
    assert found, body.get_content()
    return found.group(1)


async def paid_booking(settings: Settings, holder: Account, event: dict[str, Any], quantity: int) -> dict[str, Any]:
    """A booking of ``quantity`` paid tickets, confirmed as a gateway callback confirms it."""
    held = await book(holder.client, event, quantity)
    assert held.status_code == 201, held.text
    container = Container.build(settings)
    try:
        async with container.sessions() as session, session.begin():
            assert await container.bookings(session).settlement.settle_payment(
                uuid.UUID(held.json()["id"]), datetime.now(UTC)
            )
    finally:
        await container.close()
    confirmed: dict[str, Any] = (await holder.client.get(f"{API}/bookings/{held.json()['id']}")).json()
    return confirmed


async def test_a_ticket_changes_hands_and_its_old_code_stops_working_at_the_door(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    holder, friend, stranger = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")
    event = await make_listing(organizer.client, prices=(400_000,), title="Two seats")
    booking = await paid_booking(settings, holder, event, 2)
    given, kept = booking["tickets"]
    offer_path = f"{API}/bookings/{booking['id']}/tickets/{given['id']}/transfer"

    own = await holder.client.post(offer_path, json={"email": holder.email.upper()})
    assert (own.status_code, own.json()["code"]) == (400, "invalid_transfer")
    foreign = await stranger.client.post(offer_path, json={"email": friend.email})
    assert foreign.status_code == 404
    offered = await holder.client.post(offer_path, json={"email": friend.email})
    assert (offered.status_code, offered.json()["status"]) == (201, "pending"), offered.text
    again = await holder.client.post(offer_path, json={"email": stranger.email})
    assert (again.status_code, again.json()["code"]) == (409, "transfer_pending")

    # The offer goes to the friend's address with the link; the outbox holds ids only, never the token.
    token = _token(await _offer_mail(smtp[0], friend.email))
    async with session_scope(settings.database) as session:
        row = await session.scalar(select(Notification).where(Notification.kind == "ticket_transfer_offered"))
        assert row is not None
        assert set(row.payload) == {"transfer_id", "booking_id"}
        assert token not in str(row.payload)

    shown = await stranger.client.post(f"{API}/transfers/view", json={"token": token})
    assert shown.status_code == 200
    assert (shown.json()["event_title"], shown.json()["status"], shown.json()["booking_id"]) == (
        "Two seats",
        "pending",
        None,
    )
    forged = token.split(".")[0] + ".AAAA"
    assert (await friend.client.post(f"{API}/transfers/accept", json={"token": forged})).status_code == 404
    wrong = await stranger.client.post(f"{API}/transfers/accept", json={"token": token})
    assert (wrong.status_code, wrong.json()["code"]) == (403, "wrong_recipient")

    taken = await friend.client.post(f"{API}/transfers/accept", json={"token": token})
    assert taken.status_code == 200, taken.text
    new_ticket = taken.json()["tickets"][0]
    assert (taken.json()["status"], taken.json()["total"], new_ticket["status"]) == ("confirmed", 0, "valid")
    assert new_ticket["code"] != given["code"]
    reused = await friend.client.post(f"{API}/transfers/accept", json={"token": token})
    assert (reused.status_code, reused.json()["code"]) == (409, "transfer_not_open")

    # The holder keeps one ticket and what they paid for it; the friend's ticket cost them nothing.
    mine = (await holder.client.get(f"{API}/bookings/{booking['id']}")).json()
    assert (mine["quantity"], mine["total"]) == (1, 400_000)
    assert {t["id"]: t["status"] for t in mine["tickets"]} == {given["id"]: "cancelled", kept["id"]: "valid"}
    async with session_scope(settings.database) as session:
        told = list(await session.scalars(select(Notification).where(Notification.kind == "ticket_transfer_accepted")))
        assert [n.user_id for n in told] == [holder.id]

    # At the door, from the other side: the old code is refused, the new one admitted.
    session_id = event["sessions"][0]["id"]
    await reschedule(settings, session_id, starts_in=1, ends_in=3)
    door = f"{API}/checkin"
    old = await organizer.client.post(door, json={"code": given["code"], "session_id": session_id})
    assert (old.status_code, old.json()["code"]) == (409, "ticket_not_valid")
    new = await organizer.client.post(door, json={"code": new_ticket["code"], "session_id": session_id})
    assert new.status_code == 200, new.text


async def test_the_friend_cancelling_gets_no_refund_and_the_seat_goes_back(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    holder, friend = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    event = await make_listing(organizer.client, prices=(250_000,), title="Refunds")
    booking = await paid_booking(settings, holder, event, 1)
    ticket = booking["tickets"][0]
    offered = await holder.client.post(
        f"{API}/bookings/{booking['id']}/tickets/{ticket['id']}/transfer", json={"email": friend.email}
    )
    assert offered.status_code == 201
    token = _token(await _offer_mail(smtp[0], friend.email))
    taken = (await friend.client.post(f"{API}/transfers/accept", json={"token": token})).json()
    # The holder's booking had one ticket: nothing is left of it.
    assert (await holder.client.get(f"{API}/bookings/{booking['id']}")).json()["status"] == "cancelled"
    cancelled = await friend.client.post(f"{API}/bookings/{taken['id']}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.text
    async with session_scope(settings.database) as session:
        assert list(await session.scalars(select(Refund))) == []
    availability = (await friend.client.get(f"{API}/sessions/{event['sessions'][0]['id']}/availability")).json()
    assert availability["sold"] == 0


async def test_the_organizer_turns_transfers_off_or_closes_them_before_the_start(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    holder, friend = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    event = await make_listing(organizer.client, prices=(0,), title="Rules", days_ahead=10)
    booking = (await book(holder.client, event, 1)).json()
    path = f"{API}/bookings/{booking['id']}/tickets/{booking['tickets'][0]['id']}/transfer"

    off = await organizer.client.patch(f"{API}/events/{event['id']}", json={"transfers_enabled": False})
    assert off.status_code == 200, off.text
    refused = await holder.client.post(path, json={"email": friend.email})
    assert (refused.status_code, refused.json()["code"]) == (409, "transfers_closed")
    # Allowed again, but only until 300 hours before the session, which starts in 240.
    closed = await organizer.client.patch(
        f"{API}/events/{event['id']}", json={"transfers_enabled": True, "transfer_cutoff_hours": 300}
    )
    assert closed.json()["transfer_cutoff_hours"] == 300
    late = await holder.client.post(path, json={"email": friend.email})
    assert (late.status_code, late.json()["code"], "closed_at" in late.json()) == (409, "transfers_closed", True)
    await organizer.client.patch(f"{API}/events/{event['id']}", json={"transfer_cutoff_hours": 24})
    offered = await holder.client.post(path, json={"email": friend.email})
    assert offered.status_code == 201, offered.text
    withdrawn = await holder.client.post(f"{API}/transfers/{offered.json()['id']}/cancel")
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "cancelled")
    listed = (await holder.client.get(f"{API}/bookings/{booking['id']}/transfers")).json()
    assert [t["status"] for t in listed] == ["cancelled"]


async def test_a_seat_moves_with_its_ticket(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    from .test_reserved_seating import guard_matches_counters, order, seated_listing

    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "hall")
    holder, friend = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    event = await seated_listing(organizer.client)
    booked = (await holder.client.post(f"{API}/bookings", json=order(event, "stalls", seats=["STALLS-C-4"]))).json()
    offered = await holder.client.post(
        f"{API}/bookings/{booked['id']}/tickets/{booked['tickets'][0]['id']}/transfer", json={"email": friend.email}
    )
    assert offered.status_code == 201, offered.text
    assert offered.json()["seat"] == "STALLS-C-4"
    token = _token(await _offer_mail(smtp[0], friend.email))
    taken = (await friend.client.post(f"{API}/transfers/accept", json={"token": token})).json()
    assert taken["tickets"][0]["seat"] == "STALLS-C-4"
    assert await guard_matches_counters(settings, event["sessions"][0]["id"]) == (45, 0, 1)


async def test_an_offer_to_an_erased_account_loses_its_address_and_closes(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    from tessera.booking.models import TicketTransfer

    from .conftest import PASSWORD

    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    holder, friend = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    event = await make_listing(organizer.client, prices=(0,), title="Erased")
    booking = (await book(holder.client, event, 1)).json()
    offered = await holder.client.post(
        f"{API}/bookings/{booking['id']}/tickets/{booking['tickets'][0]['id']}/transfer", json={"email": friend.email}
    )
    assert offered.status_code == 201, offered.text
    exported = (await holder.client.get(f"{API}/auth/me/export")).json()
    assert [(t["direction"], t["to_email"]) for t in exported["ticket_transfers"]] == [("sent", friend.email)]

    erased = await friend.client.request("DELETE", f"{API}/auth/me", json={"password": PASSWORD})
    assert erased.status_code == 204, erased.text
    async with session_scope(settings.database) as session:
        transfer = await session.get_one(TicketTransfer, uuid.UUID(offered.json()["id"]))
        assert (transfer.to_email, transfer.status) == ("", "cancelled")
