"""Booking groups: bookings on several sessions (a round trip's legs) created, held, paid, confirmed, expired
and refunded as one unit, never half of one, under real concurrency and with real payments."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.errors import InvalidOrderError, SoldOutError, TicketLimitError
from tessera.booking.models import Booking, BookingGroup
from tessera.booking.schemas import BookingCreate, BookingGroupRead, BookingItem
from tessera.booking.services import Bookings
from tessera.catalog.models import ListingDomain, ListingSession
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.background import transaction
from tessera.core.db import session_scope
from tessera.core.messages import Recipient
from tessera.core.outbox import Notification
from tessera.payments.models import Payment, Refund
from tessera.payments.services import OpenedAttempt
from tessera.sandbox.freedompay import APPROVE, LOST_CALLBACK
from tessera.server.container import Container
from tessera.server.jobs import expire_holds

from .conftest import ClientFactory, SettingsFactory
from .helpers import Account, book, create_accounts, make_accounts, make_listing
from .live import Live, gateway, pay_on_gateway_page, wait_for
from .test_booking_core import RecordingHooks, managed_listing

PRICE = 450_000


def _leg(session_id: Any, ticket_type_id: Any, quantity: int = 1) -> BookingCreate:
    return BookingCreate(
        session_id=uuid.UUID(str(session_id)),
        items=[BookingItem(ticket_type_id=uuid.UUID(str(ticket_type_id)), quantity=quantity)],
    )


def _legs(outbound: dict[str, Any], inbound: dict[str, Any], quantity: int = 1) -> list[BookingCreate]:
    """A round trip: the first session and the dearest ticket type of each listing."""
    return [
        _leg(listing["sessions"][0]["id"], max(listing["ticket_types"], key=lambda t: t["price"])["id"], quantity)
        for listing in (outbound, inbound)
    ]


def _customer(user_id: uuid.UUID) -> CurrentUser:
    return CurrentUser(id=user_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)


async def _seats(container: Container, session_id: Any) -> tuple[int, int]:
    async with container.sessions() as session:
        row = await session.get_one(ListingSession, uuid.UUID(str(session_id)))
        return row.held, row.sold


async def _count(container: Container, *what: Any) -> list[int]:
    async with container.sessions() as session:
        return [int(await session.scalar(select(func.count()).select_from(table)) or 0) for table in what]


async def _outbox(container: Container) -> list[tuple[str, dict[str, Any]]]:
    async with container.sessions() as session:
        rows = await session.execute(select(Notification.kind, Notification.payload).order_by(Notification.id))
        return [(kind, payload) for kind, payload in rows]


async def test_a_group_is_made_whole_or_not_at_all(
    make_settings: SettingsFactory, settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER)
    traveller, rival = await make_accounts(settings, client_factory, 2)
    outbound = await make_listing(organizer.client, title="ALA-TSE", capacity=3, prices=(PRICE,))
    inbound = await make_listing(organizer.client, title="TSE-ALA", capacity=1, prices=(0, PRICE))
    abroad = await make_listing(organizer.client, title="TSE-IST", prices=(), publish=False)
    added = await organizer.client.post(
        f"/api/v1/events/{abroad['id']}/ticket-types", json={"name": "Economy", "price": 9_900, "currency": "USD"}
    )
    assert added.status_code == 201, added.text
    assert (await organizer.client.post(f"/api/v1/events/{abroad['id']}/publish")).status_code == 200
    abroad = (await organizer.client.get(f"/api/v1/events/{abroad['id']}")).json()
    container = Container.build(make_settings(TESSERA_MAX_TICKETS_PER_USER="3"))
    me = _customer(traveller.id)

    async def create(legs: list[BookingCreate]) -> BookingGroupRead:
        async with transaction(container.sessions) as session:
            return await container.bookings(session).holds.create_group(me, legs)

    try:
        # The return flight's only seat goes to someone else: the whole order is refused, naming that
        # session, and the outbound seats it had taken are back.
        assert (await book(rival.client, inbound, 1, tier=1)).status_code == 201  # a paid hold
        with pytest.raises(SoldOutError) as refused:
            await create(_legs(outbound, inbound, 2))
        assert refused.value.extra == {"session_id": inbound["sessions"][0]["id"], "available": 0}
        assert await _seats(container, outbound["sessions"][0]["id"]) == (0, 0)
        assert await _count(container, BookingGroup.__table__) == [0]

        # Orders that cannot be one order are refused with their own codes, and write nothing.
        other = outbound["sessions"][0]["id"]
        for legs, error in [
            ([*_legs(outbound, inbound), _leg(other, outbound["ticket_types"][0]["id"])], InvalidOrderError),
            (_legs(outbound, abroad), InvalidOrderError),
            ([_leg(other, outbound["ticket_types"][0]["id"], 4)], TicketLimitError),  # 3 per account
        ]:
            with pytest.raises(error):
                await create(legs)
        assert await _count(container, BookingGroup.__table__, Booking.__table__) == [0, 1]  # the rival's

        # A paid leg and a free one: both are held until the one payment, with one expiry time.
        # The rival's hold on the return seat has run out, and no job has freed it yet: the order frees it.
        async with session_scope(settings.database) as session:
            await session.execute(
                update(Booking)
                .where(Booking.user_id == rival.id)
                .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
        group = await create(
            [
                _leg(other, outbound["ticket_types"][0]["id"], 2),
                _leg(inbound["sessions"][0]["id"], inbound["ticket_types"][0]["id"]),  # free
            ]
        )
        assert (group.status, group.total, group.currency) == ("pending_payment", 2 * PRICE, "KZT")
        assert [(b.status, b.total, b.expires_at) for b in group.bookings] == [
            ("pending_payment", 2 * PRICE, group.expires_at),
            ("pending_payment", 0, group.expires_at),
        ]
        assert await _seats(container, other) == (2, 0)
        assert await _seats(container, inbound["sessions"][0]["id"]) == (1, 0)
        assert (await rival.client.get("/api/v1/bookings")).json()["items"][0]["status"] == "expired"

        # Each booking says which group it is in; it is paid and cancelled only with its group.
        for member in group.bookings:
            shown = (await traveller.client.get(f"/api/v1/bookings/{member.id}")).json()
            assert shown["group_id"] == str(group.id)
            paying = await traveller.client.post("/api/v1/payments", json={"booking_id": str(member.id)})
            assert (paying.status_code, paying.json()["code"]) == (409, "booking_not_payable")
            cancelling = await traveller.client.post(f"/api/v1/bookings/{member.id}/cancel", json={})
            assert (cancelling.status_code, cancelling.json()["code"]) == (409, "not_cancellable")
        async with container.sessions() as session:
            assert (await container.bookings(session).groups.get(group.id, me)).bookings == group.bookings
    finally:
        await container.close()


async def test_a_group_expires_whole_with_one_message_and_a_late_payment_revives_all_or_nothing(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, prefix="carrier")
    traveller, rival = await make_accounts(settings, client_factory, 2)
    carrier = CurrentUser(id=organizer.id, role=Role.ORGANIZER, method=AuthMethod.BEARER)
    hooks = RecordingHooks()
    container = Container.build(settings)

    def flights(session: AsyncSession) -> Bookings:
        return Bookings.build(
            session,
            settings.booking,
            container.ticket_codes,
            container.refunds,
            {"flights": hooks},
            domain=ListingDomain.FLIGHTS,
        )

    async def statuses(group_id: uuid.UUID) -> tuple[str, list[str]]:
        async with container.sessions() as session:
            group = await session.get_one(BookingGroup, group_id)
            members = await session.scalars(select(Booking.status).where(Booking.group_id == group_id))
            return group.status, sorted(members)

    try:
        listing = await managed_listing(container, carrier)  # two departures of 3 seats each
        there, back = listing.sessions
        legs = [_leg(there, listing.fare, 2), _leg(back, listing.fare, 2)]
        async with transaction(container.sessions) as session:
            group = await flights(session).holds.create_group(_customer(traveller.id), legs, announce=False)
        members = [b.id for b in group.bookings]
        assert await _outbox(container) == []  # the domain tells its customer itself
        assert [await _seats(container, s) for s in (there, back)] == [(2, 0), (2, 0)]

        # Someone looks at the return flight after the hold ran out: the whole group expires, both legs'
        # seats come back, the domain hears once, and the customer gets one message about the order.
        later = datetime.now(UTC) + timedelta(hours=1)
        async with transaction(container.sessions) as session:
            availability = await flights(session).releases.live_availability(back, later)
        assert availability.available == 3
        assert await statuses(group.id) == ("expired", ["expired", "expired"])
        assert [await _seats(container, s) for s in (there, back)] == [(0, 0), (0, 0)]
        assert [(sorted(ids), reason) for ids, reason in hooks.released] == [(sorted(members), "expired")]
        assert await _outbox(container) == [
            ("group_expired", {"booking_group_id": str(group.id), "reference": group.reference})
        ]
        async with transaction(container.sessions) as session:
            assert await flights(session).releases.expire_overdue_holds(later) == 0  # expired once
        composer = container.message_composers()["group_expired"]
        async with container.sessions() as session:
            payload = {"booking_group_id": str(group.id), "reference": group.reference}
            english = await composer.compose(session, "group_expired", payload, Recipient("Ann", "en"))
            russian = await composer.compose(session, "group_expired", payload, Recipient("Анна", "ru"))
        assert (english.subject, russian.subject) == (
            f"Order {group.reference} expired",
            f"Заказ {group.reference} истёк",
        )
        assert [label for label, _ in english.details] == ["Order", "KC 851 ALA-NQZ", "KC 851 ALA-NQZ"]

        # The money arrives late, while the return flight has been sold out in between: nothing is
        # revived, not even the outbound leg whose seats are free, and the caller refunds everything.
        async with transaction(container.sessions) as session:
            taken = await flights(session).holds.create(_customer(rival.id), _leg(back, listing.fare, 2))
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_group_payment(group.id, datetime.now(UTC)) is False
        assert await statuses(group.id) == ("expired", ["expired", "expired"])
        assert [await _seats(container, s) for s in (there, back)] == [(0, 0), (2, 0)]
        assert (hooks.revived, hooks.confirmed) == ([], [])

        # Once seats are free on both legs but the domain refuses (its seats were reassigned): still nothing.
        async with transaction(container.sessions) as session:
            await flights(session).cancellations.cancel_managed(
                [uuid.UUID(str(taken.body.id))],  # type: ignore[union-attr]
                refunds={},
                reason="Changed plans",
                kind=None,
            )
        hooks.allow_revival = False
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_group_payment(group.id, datetime.now(UTC)) is False
        assert [await _seats(container, s) for s in (there, back)] == [(0, 0), (0, 0)]

        # The domain agrees: both legs are confirmed together, and the domain (not the core) tells the customer.
        hooks.allow_revival = True
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_group_payment(group.id, datetime.now(UTC)) is True
        assert await statuses(group.id) == ("confirmed", ["confirmed", "confirmed"])
        assert [await _seats(container, s) for s in (there, back)] == [(0, 2), (0, 2)]
        assert [sorted(ids) for ids in hooks.revived + hooks.confirmed] == [sorted(members)] * 2
        ours = {str(group.id), *map(str, members)}
        told = [kind for kind, p in await _outbox(container) if ours & {p.get("booking_group_id"), p.get("booking_id")}]
        assert told == ["group_expired"]
        async with transaction(container.sessions) as session:  # a repeated callback changes nothing
            assert await flights(session).settlement.settle_group_payment(group.id, datetime.now(UTC)) is False
    finally:
        await container.close()


async def test_an_unpaid_order_is_cancelled_whole_and_a_paid_one_leg_by_leg(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER)
    [traveller] = await make_accounts(settings, client_factory, 1)
    outbound = await make_listing(organizer.client, title="ALA-TSE", prices=(PRICE,))
    inbound = await make_listing(organizer.client, title="TSE-ALA", prices=(PRICE,))
    container = Container.build(settings)
    try:
        async with transaction(container.sessions) as session:
            group = await container.bookings(session).holds.create_group(
                _customer(traveller.id), _legs(outbound, inbound)
            )
        first, second = (b.id for b in group.bookings)
        with pytest.raises(Exception, match="cancelled whole"):
            async with transaction(container.sessions) as session:
                await container.bookings(session).cancellations.cancel_managed(
                    [second], refunds={}, reason="Return not needed", kind=None
                )
        async with transaction(container.sessions) as session:
            await container.bookings(session).cancellations.cancel_managed(
                [first, second], refunds={}, reason="Changed plans", kind="booking_cancelled"
            )
        async with container.sessions() as session:
            row = await session.get_one(BookingGroup, group.id)
            assert (row.status, row.total, row.cancelled_at is not None) == ("cancelled", 0, True)
        for listing in (outbound, inbound):
            assert await _seats(container, listing["sessions"][0]["id"]) == (0, 0)
    finally:
        await container.close()


# -- paying for a group, end to end over HTTP with the emulator ------------------------------------------------


async def _group_checkout(
    live: Live, capacity: int = 10
) -> tuple[Container, Account, dict[str, Any], BookingGroupRead]:
    organizer = await live.account(Role.ORGANIZER)
    [(user_id, email, token)] = await create_accounts(live.settings, 1)
    traveller = Account(user_id, email, live.client(token))
    outbound = await make_listing(organizer, title="ALA-TSE", capacity=capacity, prices=(PRICE,))
    inbound = await make_listing(organizer, title="TSE-ALA", capacity=capacity, prices=(PRICE,))
    container = Container.build(live.settings)
    async with transaction(container.sessions) as session:
        group = await container.bookings(session).holds.create_group(_customer(user_id), _legs(outbound, inbound, 2))
    return container, traveller, {"outbound": outbound, "inbound": inbound}, group


async def _start_group_payment(container: Container, traveller: Account, group: BookingGroupRead) -> dict[str, Any]:
    """What a domain's pay endpoint does: record the attempt, commit it, then ask the gateway."""
    async with container.sessions() as session:
        payments = container.payments(session)
        attempt = await payments.open_group_attempt(
            _customer(traveller.id), group.id, None, return_path=f"/flights/orders/{group.id}/payment"
        )
        assert isinstance(attempt, OpenedAttempt)
        await session.commit()
        started = await payments.send_to_gateway(attempt)
        await session.commit()
    body = started.body
    assert not isinstance(body, dict)
    return {"id": str(body.id), "redirect_url": body.redirect_url, "amount": body.amount}


async def test_one_payment_confirms_every_booking_of_a_group(live: Live) -> None:
    container, traveller, listings, group = await _group_checkout(live)
    try:
        started = await _start_group_payment(container, traveller, group)
        assert started["amount"] == group.total == 4 * PRICE
        back = await pay_on_gateway_page(started["redirect_url"], APPROVE)
        assert urlsplit(back.headers["location"]).path == f"/flights/orders/{group.id}/payment"

        payment = (await traveller.client.get(f"/api/v1/payments/{started['id']}")).json()
        assert (payment["status"], payment["booking_id"], payment["booking_group_id"]) == (
            "paid",
            None,
            str(group.id),
        )
        for member in group.bookings:
            shown = (await traveller.client.get(f"/api/v1/bookings/{member.id}")).json()
            assert shown["status"] == "confirmed"
            assert {t["status"] for t in shown["tickets"]} == {"valid"}
            listed = (await traveller.client.get("/api/v1/payments", params={"booking_id": str(member.id)})).json()
            assert [p["id"] for p in listed] == [started["id"]]
        for listing in listings.values():
            assert await _seats(container, listing["sessions"][0]["id"]) == (0, 2)
        confirmations = [p["booking_id"] for kind, p in await _outbox(container) if kind == "booking_confirmed"]
        assert sorted(confirmations) == sorted(str(b.id) for b in group.bookings)

        # The return leg alone is cancelled with part of its fare back: the refund is paid out of the group's
        # payment, the order stays confirmed and now costs what its outbound leg costs.
        second = group.bookings[1].id
        async with transaction(container.sessions) as session:
            await container.bookings(session).cancellations.cancel_managed(
                [second], refunds={second: PRICE}, reason="Return not needed", kind="booking_cancelled"
            )

        async def refunded() -> bool:
            refunds = (await traveller.client.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
            return [(r["amount"], r["status"]) for r in refunds] == [(PRICE, "done")]

        await wait_for(refunded)
        async with container.sessions() as session:
            row = await session.get_one(BookingGroup, group.id)
            assert (row.status, row.total) == ("confirmed", 2 * PRICE)
            assert await session.scalar(select(Refund.booking_id)) == second
        assert await _seats(container, listings["inbound"]["sessions"][0]["id"]) == (0, 0)
    finally:
        await container.close()


async def test_a_late_group_payment_with_one_leg_gone_is_refunded_in_full(live: Live) -> None:
    container, traveller, listings, group = await _group_checkout(live, capacity=2)
    try:
        started = await _start_group_payment(container, traveller, group)
        await pay_on_gateway_page(started["redirect_url"], LOST_CALLBACK)  # money taken, callback delayed
        past = datetime.now(UTC) - timedelta(seconds=1)
        async with session_scope(live.settings.database) as session:
            await session.execute(update(BookingGroup).where(BookingGroup.id == group.id).values(expires_at=past))
            await session.execute(update(Booking).where(Booking.group_id == group.id).values(expires_at=past))
        assert await expire_holds(container) == 2
        rival = await live.account()
        assert (await book(rival, listings["inbound"], 2)).status_code == 201  # the return seats are sold again

        await gateway(live).deliver_result(int(started["redirect_url"].split("/pay/")[1].split("?")[0]))

        async def refunded() -> bool:
            refunds = (await traveller.client.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
            return len(refunds) == 2 and {r["status"] for r in refunds} == {"done"}

        await wait_for(refunded)
        payment = (await traveller.client.get(f"/api/v1/payments/{started['id']}")).json()
        assert payment["status"] == "paid"
        assert sum(r["amount"] for r in payment["refunds"]) == payment["amount"] == 4 * PRICE
        gateway_side = next(p for p in gateway(live).payments.values() if p.order_id == started["id"])
        assert gateway_side.status == "revoked"
        for member in group.bookings:
            assert (await traveller.client.get(f"/api/v1/bookings/{member.id}")).json()["status"] == "expired"
        assert await _seats(container, listings["outbound"]["sessions"][0]["id"]) == (0, 0)
        assert await _seats(container, listings["inbound"]["sessions"][0]["id"]) == (2, 0)  # the rival's hold

        outbox = await _outbox(container)
        assert [p for kind, p in outbox if kind == "group_expired"] == [
            {"booking_group_id": str(group.id), "reference": group.reference}
        ]
        assert [kind for kind, _ in outbox if kind == "hold_expired"] == []
        [(kind, told)] = [(k, p) for k, p in outbox if k == "payment_refunded"]
        assert told == {"booking_group_id": str(group.id), "payment_id": started["id"]}
        # The message names the order and each of its bookings, in both languages.
        composer = container.message_composers()[kind]
        async with container.sessions() as session:
            for language in ("en", "ru"):
                composed = await composer.compose(session, kind, told, Recipient("Ann", language))
                assert group.reference in composed.subject
                assert {title for title, _ in composed.details} >= {"ALA-TSE", "TSE-ALA"}
    finally:
        await container.close()


# -- real concurrency -------------------------------------------------------------------------------------------


async def test_groups_racing_over_the_same_sessions_in_opposite_orders_never_deadlock_or_split(
    settings: Settings, client_factory: ClientFactory
) -> None:
    """A hundred travellers book round trips over the same two flights at once, half of them listing the
    legs in the opposite order, while the expiry job and late payments run over the same groups."""
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER)
    travellers = [user_id for user_id, _, _ in await create_accounts(settings, 100)]
    capacity = 30
    outbound = await make_listing(organizer.client, title="ALA-TSE", capacity=capacity, prices=(PRICE,))
    inbound = await make_listing(organizer.client, title="TSE-ALA", capacity=capacity, prices=(PRICE,))
    legs = _legs(outbound, inbound)
    sessions = [outbound["sessions"][0]["id"], inbound["sessions"][0]["id"]]
    container = Container.build(settings)

    async def order(index: int, user_id: uuid.UUID) -> uuid.UUID | None:
        try:
            async with transaction(container.sessions) as session:
                group = await container.bookings(session).holds.create_group(
                    _customer(user_id), legs if index % 2 else legs[::-1]
                )
                return group.id
        except SoldOutError:
            return None

    try:
        made = [g for g in await asyncio.gather(*(order(i, u) for i, u in enumerate(travellers))) if g]
        assert len(made) == capacity
        assert [await _seats(container, s) for s in sessions] == [(capacity, 0), (capacity, 0)]
        async with container.sessions() as session:
            sizes = await session.execute(
                select(Booking.group_id, func.count())
                .where(Booking.status == "pending_payment")
                .group_by(Booking.group_id)
            )
            assert sorted(size for _, size in sizes) == [2] * capacity

        # Every hold runs out while every payment arrives: the expiry job (on two workers) and the payments
        # race for the same groups. Each group ends paid for whole (confirmed on time, or revived late).
        later = datetime.now(UTC) + timedelta(hours=1)

        async def expire() -> int:
            async with transaction(container.sessions) as session:
                return await container.bookings(session).releases.expire_overdue_holds(later)

        async def settle(group_id: uuid.UUID) -> bool:
            async with transaction(container.sessions) as session:
                return await container.bookings(session).settlement.settle_group_payment(group_id, later)

        outcomes = await asyncio.gather(expire(), *(settle(g) for g in made), expire())
        assert all(outcomes[1:-1])
        assert [await _seats(container, s) for s in sessions] == [(0, capacity), (0, capacity)]
        async with container.sessions() as session:
            groups = await session.execute(select(BookingGroup.status, func.count()).group_by(BookingGroup.status))
            assert [tuple(row) for row in groups] == [("confirmed", capacity)]
            members = await session.execute(select(Booking.status, func.count()).group_by(Booking.status))
            assert [tuple(row) for row in members] == [("confirmed", 2 * capacity)]
            assert await session.scalar(select(func.count()).select_from(Payment)) == 0
    finally:
        await container.close()
