"""The booking core as the domains (flights, parties) use it: listings a domain manages are refused by the
generic endpoints, and the domain's hooks run in the same transaction when the core releases or revives the
seats of its bookings."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.errors import InvalidBookingError
from tessera.booking.models import Booking, BookingStatus
from tessera.booking.schemas import BookingCreate, BookingItem
from tessera.booking.services import Bookings
from tessera.catalog.changes import ListingChanges
from tessera.catalog.models import ListingDomain, ListingSession
from tessera.catalog.schemas import EventCreate, SessionCreate, TicketTypeCreate, VenueCreate
from tessera.catalog.services import CatalogService
from tessera.config import Settings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.background import transaction
from tessera.core.outbox import Notification
from tessera.server.container import Container

from .conftest import ClientFactory
from .helpers import Account, make_accounts

FLIGHTS = ListingDomain.FLIGHTS


@dataclass
class RecordingHooks:
    """A domain's hooks that record what the core told them, and answer revivals as told."""

    allow_revival: bool = True
    released: list[tuple[list[uuid.UUID], str]] = field(default_factory=list)
    revived: list[list[uuid.UUID]] = field(default_factory=list)
    confirmed: list[list[uuid.UUID]] = field(default_factory=list)

    async def on_released(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID], reason: str) -> None:
        assert session.in_transaction()
        self.released.append((list(booking_ids), reason))

    async def revive(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> bool:
        assert session.in_transaction()
        if self.allow_revival:
            self.revived.append(list(booking_ids))
        return self.allow_revival

    async def on_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        assert session.in_transaction()
        self.confirmed.append(list(booking_ids))


@dataclass(frozen=True)
class ManagedListing:
    id: uuid.UUID
    sessions: list[uuid.UUID]
    fare: uuid.UUID
    crew: uuid.UUID  # a free ticket type


def _user(account: Account, role: Role) -> CurrentUser:
    return CurrentUser(id=account.id, role=role, method=AuthMethod.BEARER)


async def managed_listing(container: Container, organizer: CurrentUser) -> ManagedListing:
    """A flights listing, made as the flights domain makes them: through the catalog acting for it."""
    starts = datetime.now(UTC) + timedelta(days=20)
    async with transaction(container.sessions) as session:
        catalog = CatalogService(session, container.cache, domain=FLIGHTS)
        venue = VenueCreate(name="ALA", city="Almaty", country="KZ", timezone="Asia/Almaty")
        listing = await catalog.create_event(EventCreate(title="KC 851 ALA-NQZ", kind="flight", venue=venue), organizer)
        sessions = [
            await catalog.add_session(
                listing.id,
                SessionCreate(
                    starts_at=starts + timedelta(days=i), ends_at=starts + timedelta(days=i, hours=2), capacity=3
                ),
                organizer,
            )
            for i in range(2)
        ]
        fare = await catalog.add_ticket_type(listing.id, TicketTypeCreate(name="Economy", price=4_500_000), organizer)
        crew = await catalog.add_ticket_type(listing.id, TicketTypeCreate(name="Crew", price=0), organizer)
        await catalog.publish_event(listing.id, organizer)
        return ManagedListing(listing.id, [s.id for s in sessions], fare.id, crew.id)


def _order(session_id: uuid.UUID, ticket_type_id: uuid.UUID, quantity: int = 1) -> BookingCreate:
    return BookingCreate(session_id=session_id, items=[BookingItem(ticket_type_id=ticket_type_id, quantity=quantity)])


async def test_the_generic_endpoints_refuse_a_listing_a_domain_manages_and_still_show_it(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, prefix="carrier")
    fans = await make_accounts(settings, client_factory, 20)
    container = Container.build(settings)
    try:
        listing = await managed_listing(container, _user(organizer, Role.ORGANIZER))
    finally:
        await container.close()
    first = listing.sessions[0]
    booking = {"session_id": str(first), "items": [{"ticket_type_id": str(listing.fare), "quantity": 1}]}

    # Booking: one request, and a crowd of them (the batched fast path hands them to the single path).
    answers = await asyncio.gather(*(fan.client.post("/api/v1/bookings", json=booking) for fan in fans))
    assert {a.status_code for a in answers} == {409}
    assert {a.json()["code"] for a in answers} == {"domain_booking_required"}
    assert answers[0].json()["path"] == "/api/v1/flights"

    o = organizer.client
    ticket_type = {"name": "Business", "price": 9_000_000, "currency": "KZT"}
    edits: list[tuple[str, str, dict[str, Any] | None]] = [
        ("PATCH", f"/api/v1/events/{listing.id}", {"title": "Renamed"}),
        ("POST", f"/api/v1/events/{listing.id}/publish", None),
        ("POST", f"/api/v1/events/{listing.id}/cancel", {"reason": "no"}),
        (
            "POST",
            f"/api/v1/events/{listing.id}/sessions",
            {"starts_at": "2030-01-01T10:00:00+05:00", "ends_at": "2030-01-01T12:00:00+05:00", "capacity": 9},
        ),
        ("PATCH", f"/api/v1/sessions/{first}", {"capacity": 300}),
        ("POST", f"/api/v1/sessions/{first}/cancel", None),
        ("POST", f"/api/v1/events/{listing.id}/ticket-types", ticket_type),
        ("PATCH", f"/api/v1/ticket-types/{listing.fare}", {"price": 1}),
    ]
    for method, path, body in edits:
        answer = await o.request(method, path, json=body)
        assert (answer.status_code, answer.json()["code"]) == (409, "domain_booking_required"), (path, answer.text)

    # Reading keeps working, and says who manages the listing.
    detail = (await fans[0].client.get(f"/api/v1/events/{listing.id}")).json()
    assert (detail["managed_by"], detail["title"], len(detail["sessions"])) == ("flights", "KC 851 ALA-NQZ", 2)
    assert (detail["sessions"][0]["capacity"], detail["sessions"][0]["status"]) == (3, "scheduled")
    assert [t["price"] for t in detail["ticket_types"]] == [0, 4_500_000]
    found = (await fans[0].client.get("/api/v1/events", params={"kind": "flight"})).json()["items"]
    assert [(e["id"], e["managed_by"]) for e in found] == [(str(listing.id), "flights")]
    availability = (await fans[0].client.get(f"/api/v1/sessions/{first}/availability")).json()
    assert (availability["available"], availability["held"], availability["sold"]) == (3, 0, 0)


async def test_a_domain_hears_when_its_seats_are_released_and_decides_whether_a_late_payment_revives(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, prefix="carrier")
    [passenger] = await make_accounts(settings, client_factory, 1)
    carrier, traveller = _user(organizer, Role.ORGANIZER), _user(passenger, Role.PARTICIPANT)
    hooks = RecordingHooks()
    container = Container.build(settings)

    def flights(session: AsyncSession) -> Bookings:
        return Bookings.build(
            session, settings.booking, container.ticket_codes, container.refunds, {"flights": hooks}, domain=FLIGHTS
        )

    async def seats(session_id: uuid.UUID) -> tuple[int, int]:
        async with container.sessions() as session:
            row = await session.get_one(ListingSession, session_id)
            return row.held, row.sold

    async def status(booking_id: uuid.UUID) -> str:
        async with container.sessions() as session:
            return await session.scalar(select(Booking.status).where(Booking.id == booking_id)) or ""

    try:
        listing = await managed_listing(container, carrier)
        first, second = listing.sessions
        async with transaction(container.sessions) as session:
            created = await flights(session).holds.create(traveller, _order(first, listing.fare, 2))
        paid = uuid.UUID(str(created.body.id))  # type: ignore[union-attr]
        assert await seats(first) == (2, 0)

        # The hold runs out: the seats go back and the domain is told, in the same transaction.
        later = datetime.now(UTC) + timedelta(hours=1)
        async with transaction(container.sessions) as session:
            assert await flights(session).releases.expire_overdue_holds(later) == 1
        assert hooks.released == [([paid], "expired")]
        assert (await seats(first), await status(paid)) == ((0, 0), BookingStatus.EXPIRED)

        # The money arrives late. The domain refuses (say, the seat it assigned is gone): nothing changes,
        # and the caller refunds.
        hooks.allow_revival = False
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_payment(paid, datetime.now(UTC)) is False
        assert (await seats(first), await status(paid), hooks.revived) == ((0, 0), BookingStatus.EXPIRED, [])

        # The domain agrees: the booking is confirmed on seats taken again.
        hooks.allow_revival = True
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_payment(paid, datetime.now(UTC)) is True
        assert (await seats(first), await status(paid), hooks.revived) == ((0, 2), BookingStatus.CONFIRMED, [[paid]])

        # The customer cannot cancel it through the generic endpoint: the flights domain applies its fare rules.
        refused = await passenger.client.post(f"/api/v1/bookings/{paid}/cancel", json={})
        assert (refused.status_code, refused.json()["code"]) == (409, "domain_booking_required")
        assert (await seats(first), await status(paid)) == ((0, 2), BookingStatus.CONFIRMED)

        # The carrier cancels the other departure: its bookings are cancelled and the domain is told why.
        async with transaction(container.sessions) as session:
            free = await flights(session).holds.create(traveller, _order(second, listing.crew))
        crew = uuid.UUID(str(free.body.id))  # type: ignore[union-attr]
        async with transaction(container.sessions) as session:
            bookings = flights(session)
            changes = ListingChanges(
                CatalogService(session, container.cache, domain=FLIGHTS), bookings.cancellations, bookings.releases
            )
            await changes.cancel_session(second, carrier, "Aircraft unavailable")
        assert hooks.released[1:] == [([crew], "Aircraft unavailable")]
        assert (await seats(second), await status(crew)) == ((0, 0), BookingStatus.CANCELLED)

        # A domain books only its own listings.
        async with transaction(container.sessions) as session:
            parties = Bookings.build(
                session, settings.booking, container.ticket_codes, container.refunds, {}, domain=ListingDomain.PARTIES
            )
            with pytest.raises(Exception, match="managed by flights"):
                await parties.holds.create(traveller, _order(first, listing.fare))
    finally:
        await container.close()


@dataclass
class RecordingRefunds:
    """The payments module's side of a refund request, recorded (its own tests cover the gateway)."""

    asked: list[tuple[uuid.UUID, int, str]] = field(default_factory=list)

    async def request_refund(
        self, session: AsyncSession, *, booking_id: uuid.UUID, amount: int, currency: str, reason: str
    ) -> None:
        self.asked.append((booking_id, amount, currency))


async def test_a_domain_books_quietly_and_cancels_with_the_refunds_it_decides(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, prefix="carrier")
    [passenger] = await make_accounts(settings, client_factory, 1)
    carrier, traveller = _user(organizer, Role.ORGANIZER), _user(passenger, Role.PARTICIPANT)
    hooks, refunds = RecordingHooks(), RecordingRefunds()
    container = Container.build(settings)

    def flights(session: AsyncSession) -> Bookings:
        return Bookings.build(
            session, settings.booking, container.ticket_codes, refunds, {"flights": hooks}, domain=FLIGHTS
        )

    async def outbox_kinds(booking_id: uuid.UUID) -> list[str]:
        async with container.sessions() as session:
            rows = await session.execute(select(Notification.kind, Notification.payload).order_by(Notification.id))
            return [kind for kind, payload in rows if payload.get("booking_id") == str(booking_id)]

    try:
        listing = await managed_listing(container, carrier)
        first = listing.sessions[0]
        async with transaction(container.sessions) as session:
            created = await flights(session).holds.create(traveller, _order(first, listing.fare, 2), announce=False)
        booking_id = uuid.UUID(str(created.body.id))  # type: ignore[union-attr]
        assert await outbox_kinds(booking_id) == []  # the domain tells its customer itself
        async with transaction(container.sessions) as session:
            assert await flights(session).settlement.settle_payment(booking_id, datetime.now(UTC))

        paid = 2 * 4_500_000
        with pytest.raises(InvalidBookingError):
            async with transaction(container.sessions) as session:
                await flights(session).cancellations.cancel_managed(
                    [booking_id], refunds={booking_id: paid + 1}, reason="Fare rules", kind="booking_cancelled"
                )
        async with transaction(container.sessions) as session:
            await flights(session).cancellations.cancel_managed(
                [booking_id], refunds={booking_id: paid * 6 // 10}, reason="Fare rules", kind="booking_cancelled"
            )
        assert refunds.asked == [(booking_id, paid * 6 // 10, "KZT")]
        assert hooks.released == [([booking_id], "Fare rules")]
        async with container.sessions() as session:
            booking = await session.get_one(Booking, booking_id)
            row = await session.get_one(ListingSession, first)
        assert (booking.status, booking.cancel_reason, row.held, row.sold) == ("cancelled", "Fare rules", 0, 0)
        # The payment's confirmation went to the domain, which tells its customer in its own words.
        assert hooks.confirmed == [[booking_id]]
        assert await outbox_kinds(booking_id) == ["booking_cancelled"]
    finally:
        await container.close()
