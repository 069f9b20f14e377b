"""Approval-only sales: tickets the organizer sells on approval are requested, not booked; a request holds
nothing or, when the listing says so, holds seats for a while; approval books them, decline and expiry
release them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from tessera.approvals.models import BookingRequest
from tessera.booking.models import Booking
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import downgrade, migrate, session_scope
from tessera.core.outbox import Notification
from tessera.sandbox.freedompay import APPROVE
from tessera.server.container import Container
from tessera.server.jobs import expire_booking_requests

from .conftest import ClientFactory
from .helpers import Account, book, make_accounts, make_listing
from .live import Live, pay_on_gateway_page

API = "/api/v1"


@pytest.fixture
async def organizer(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]


async def ask(account: Account, event: dict[str, Any], quantity: int = 1, tier: int = 0) -> Any:
    return await account.client.post(
        f"{API}/sessions/{event['sessions'][0]['id']}/requests",
        json={
            "items": [{"ticket_type_id": event["ticket_types"][tier]["id"], "quantity": quantity}],
            "message": "We are the band's family",
        },
    )


async def availability(account: Account, event: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = (
        await account.client.get(f"{API}/sessions/{event['sessions'][0]['id']}/availability")
    ).json()
    return answer


async def test_a_listing_sold_on_approval_takes_requests_the_organizer_approves_or_declines(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=5, prices=(300_000,), title="Private view")
    turned = await organizer.client.patch(f"{API}/events/{event['id']}", json={"approval_required": True})
    assert (turned.status_code, turned.json()["approval_required"]) == (200, True)
    buyer, other, rival = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")

    direct = await book(buyer.client, event, 1)
    assert (direct.status_code, direct.json()["code"]) == (409, "approval_required")
    assert direct.json()["path"].endswith("/requests")
    # Nor can they queue for it: an offer could never be booked.
    queued = await buyer.client.post(
        f"{API}/sessions/{event['sessions'][0]['id']}/waitlist",
        json={"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 1},
    )
    assert (queued.status_code, queued.json()["code"]) == (409, "approval_required")

    asked = await ask(buyer, event, 2)
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert (request["status"], request["holds_seats"], request["booking_id"]) == ("pending", False, None)
    assert (await availability(buyer, event))["available"] == 5  # nothing is held
    listed = (await organizer.client.get(f"{API}/sessions/{event['sessions'][0]['id']}/requests")).json()
    assert [(r["id"], r["message"], r["requester_name"] != "") for r in listed["items"]] == [
        (request["id"], "We are the band's family", True)
    ]
    async with session_scope(settings.database) as session:
        told = list(await session.scalars(select(Notification).where(Notification.kind == "booking_request_received")))
        assert [n.user_id for n in told] == [organizer.id]

    # Only the organizer decides.
    assert (await buyer.client.post(f"{API}/requests/{request['id']}/approve")).status_code == 403
    [stranger] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "stranger")
    assert (await stranger.client.post(f"{API}/requests/{request['id']}/approve")).status_code == 404

    approved = await organizer.client.post(f"{API}/requests/{request['id']}/approve")
    assert (approved.status_code, approved.json()["status"]) == (200, "approved"), approved.text
    booking = (await buyer.client.get(f"{API}/bookings/{approved.json()['booking_id']}")).json()
    assert (booking["status"], booking["quantity"], booking["total"]) == ("pending_payment", 2, 600_000)
    again = await organizer.client.post(f"{API}/requests/{request['id']}/approve")
    assert (again.status_code, again.json()["code"]) == (409, "request_not_pending")

    declined_one = (await ask(other, event)).json()
    declined = await organizer.client.post(
        f"{API}/requests/{declined_one['id']}/decline", json={"reason": "Family only"}
    )
    assert (declined.json()["status"], declined.json()["decline_reason"]) == ("declined", "Family only")
    async with session_scope(settings.database) as session:
        told = list(await session.scalars(select(Notification).where(Notification.kind == "booking_request_declined")))
        assert [(n.user_id, n.payload["reason"]) for n in told] == [(other.id, "Family only")]

    withdrawn_one = (await ask(rival, event)).json()
    assert (await other.client.post(f"{API}/requests/{withdrawn_one['id']}/withdraw")).status_code == 404
    withdrawn = await rival.client.post(f"{API}/requests/{withdrawn_one['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    mine = (await rival.client.get(f"{API}/requests")).json()["items"]
    assert [r["status"] for r in mine] == ["withdrawn"]


async def test_requests_that_hold_seats_never_oversell_and_release_them_when_declined_or_expired(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=2, prices=(0,), title="Tiny room")
    await organizer.client.patch(
        f"{API}/events/{event['id']}", json={"approval_required": True, "approval_hold_minutes": 30}
    )
    first, second, third = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")
    one = (await ask(first, event)).json()
    two = (await ask(second, event)).json()
    assert (one["holds_seats"], two["holds_seats"]) == (True, True)
    minutes = (datetime.fromisoformat(one["expires_at"]) - datetime.now(UTC)).total_seconds() / 60
    assert 28 < minutes <= 30
    assert (await availability(first, event))["available"] == 0
    full = await ask(third, event)
    assert (full.status_code, full.json()["code"]) == (409, "sold_out")

    declined = await organizer.client.post(f"{API}/requests/{two['id']}/decline", json={})
    assert declined.json()["status"] == "declined"
    assert (await availability(first, event))["available"] == 1
    approved = await organizer.client.post(f"{API}/requests/{one['id']}/approve")
    booking = (await first.client.get(f"{API}/bookings/{approved.json()['booking_id']}")).json()
    assert booking["status"] == "confirmed"  # free: confirmed on approval, in the seat it held
    assert (await availability(first, event))["sold"] == 1

    # Nobody decides the third request in time: it expires and its seat comes back.
    three = (await ask(third, event)).json()
    assert (await availability(first, event))["available"] == 0
    past = datetime.now(UTC) - timedelta(seconds=1)
    async with session_scope(settings.database) as session:
        request = await session.get_one(BookingRequest, uuid.UUID(three["id"]))
        await session.execute(update(BookingRequest).where(BookingRequest.id == request.id).values(expires_at=past))
        await session.execute(update(Booking).where(Booking.id == request.hold_booking_id).values(expires_at=past))
    container = Container.build(settings)
    try:
        assert await expire_booking_requests(container) == 1
    finally:
        await container.close()
    assert (await third.client.get(f"{API}/requests")).json()["items"][0]["status"] == "expired"
    assert (await availability(first, event))["available"] == 1


async def test_one_ticket_type_can_need_approval_while_the_others_sell_freely(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=3, prices=(0, 0), title="Mixed")
    press = event["ticket_types"][1]["id"]
    marked = await organizer.client.patch(f"{API}/ticket-types/{press}", json={"approval_required": True})
    assert (marked.status_code, marked.json()["approval_required"]) == (200, True)
    fan, journalist, late = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "fan")

    assert (await book(fan.client, event, 1, tier=0)).status_code == 201
    refused = await book(journalist.client, event, 1, tier=1)
    assert (refused.status_code, refused.json()["code"]) == (409, "approval_required")
    not_needed = await ask(fan, event, 1, tier=0)
    assert (not_needed.status_code, not_needed.json()["code"]) == (409, "approval_not_required")
    asked = (await ask(journalist, event, 1, tier=1)).json()

    # The room fills while the request waits (it held nothing): approval then finds no seat, and the request
    # stays pending for the organizer to decline or try again.
    assert (await book(late.client, event, 2, tier=0)).status_code == 201
    no_room = await organizer.client.post(f"{API}/requests/{asked['id']}/approve")
    assert (no_room.status_code, no_room.json()["code"]) == (409, "sold_out")
    assert (await journalist.client.get(f"{API}/requests")).json()["items"][0]["status"] == "pending"


async def test_an_erased_account_keeps_no_note_to_the_organizer_and_leaves_its_lines(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    from .conftest import PASSWORD

    asked_event = await make_listing(organizer.client, capacity=3, prices=(0,), title="Ask")
    await organizer.client.patch(f"{API}/events/{asked_event['id']}", json={"approval_required": True})
    full_event = await make_listing(organizer.client, capacity=1, prices=(0,), title="Full")
    buyer, holder = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    assert (await book(holder.client, full_event, 1)).status_code == 201
    request = (await ask(buyer, asked_event)).json()
    joined = await buyer.client.post(
        f"{API}/sessions/{full_event['sessions'][0]['id']}/waitlist",
        json={"ticket_type_id": full_event["ticket_types"][0]["id"], "quantity": 1},
    )
    assert joined.status_code == 201, joined.text

    exported = (await buyer.client.get(f"{API}/auth/me/export")).json()
    assert [(r["id"], r["message"]) for r in exported["booking_requests"]] == [
        (request["id"], "We are the band's family")
    ]
    assert [e["status"] for e in exported["waitlist_entries"]] == ["waiting"]

    erased = await buyer.client.request("DELETE", f"{API}/auth/me", json={"password": PASSWORD})
    assert erased.status_code == 204, erased.text
    async with session_scope(settings.database) as session:
        row = await session.get_one(BookingRequest, uuid.UUID(request["id"]))
        assert (row.message, row.status) == ("", "withdrawn")
    line = (await organizer.client.get(f"{API}/sessions/{full_event['sessions'][0]['id']}/waitlist")).json()
    assert (line["waiting"], [i["status"] for i in line["items"]]) == (0, ["left"])


async def test_seats_held_for_a_request_are_neither_paid_nor_cancelled_until_the_organizer_decides(
    live: Live,
) -> None:
    """From the buyer's side: the booking a request's hold makes is visible, but the gateway is never reached
    for it and it cannot be cancelled apart from its request; once approved it is paid as any booking."""
    organizer, buyer = await live.account(Role.ORGANIZER), await live.account()
    event = await make_listing(organizer, capacity=5, prices=(450_000,), title="Paid room")
    changed = await organizer.patch(
        f"{API}/events/{event['id']}", json={"approval_required": True, "approval_hold_minutes": 60}
    )
    assert changed.status_code == 200, changed.text
    asked = await buyer.post(
        f"{API}/sessions/{event['sessions'][0]['id']}/requests",
        json={"items": [{"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 2}], "message": ""},
    )
    assert asked.status_code == 201, asked.text
    held = (await buyer.get(f"{API}/bookings")).json()["items"][0]
    assert (held["status"], held["awaiting_approval"]) == ("pending_payment", True)

    paying = await buyer.post(f"{API}/payments", json={"booking_id": held["id"]})
    assert (paying.status_code, paying.json()["code"]) == (409, "awaiting_approval")
    assert (await buyer.get(f"{API}/payments", params={"booking_id": held["id"]})).json() == []
    cancelling = await buyer.post(f"{API}/bookings/{held['id']}/cancel", json={})
    assert (cancelling.status_code, cancelling.json()["code"]) == (409, "awaiting_approval")
    assert (await buyer.get(f"{API}/requests")).json()["items"][0]["status"] == "pending"

    approved = await organizer.post(f"{API}/requests/{asked.json()['id']}/approve")
    assert approved.json()["booking_id"] == held["id"]
    shown = (await buyer.get(f"{API}/bookings/{held['id']}")).json()
    assert (shown["status"], shown["awaiting_approval"]) == ("pending_payment", False)
    payment = await buyer.post(f"{API}/payments", json={"booking_id": held["id"]})
    assert payment.status_code == 201, payment.text
    await pay_on_gateway_page(payment.json()["redirect_url"], APPROVE)
    assert (await buyer.get(f"{API}/bookings/{held['id']}")).json()["status"] == "confirmed"


async def test_upgrading_marks_the_seats_held_by_pending_requests_as_awaiting_approval(
    organizer: Account, settings: Settings, client_factory: ClientFactory
) -> None:
    """0025 adds the mark; the holds of requests still pending when it runs get it, decided ones do not."""
    event = await make_listing(organizer.client, capacity=5, prices=(300_000,), title="Upgrade night")
    await organizer.client.patch(
        f"{API}/events/{event['id']}", json={"approval_required": True, "approval_hold_minutes": 60}
    )
    pending, approved = await make_accounts(settings, client_factory, 2, Role.PARTICIPANT, "fan")
    waiting = (await ask(pending, event)).json()
    decided = (await ask(approved, event)).json()
    assert (await organizer.client.post(f"{API}/requests/{decided['id']}/approve")).status_code == 200

    async def marks() -> dict[str, bool]:
        async with session_scope(settings.database) as session:
            rows = await session.execute(
                select(BookingRequest.id, Booking.awaiting_approval).join(
                    Booking, Booking.id == BookingRequest.hold_booking_id
                )
            )
            return {str(request_id): bool(mark) for request_id, mark in rows}

    before = await marks()
    assert before == {waiting["id"]: True, decided["id"]: False}
    try:
        await downgrade(settings.database, "0024")
    finally:
        await migrate(settings.database)
    assert await marks() == before
    held = (await pending.client.get(f"{API}/bookings")).json()["items"][0]
    assert held["awaiting_approval"] is True
    paying = await pending.client.post(f"{API}/payments", json={"booking_id": held["id"]})
    assert (paying.status_code, paying.json()["code"]) == (409, "awaiting_approval")
