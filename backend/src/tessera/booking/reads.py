"""Reading bookings: the customer's own, the organizer's view of a session's attendees and of a listing's
sales, and any booking for system use (notifications)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.booking.schemas import (
    AttendeeBooking,
    AttendeeBookingPage,
    BookingPage,
    BookingRead,
    EventSales,
    SessionSales,
    TicketRead,
)
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError


class TicketFields(Protocol):
    """What a ticket's answer is read from: a stored ``Ticket`` or a new one's row about to be written."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def code(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def ticket_type_id(self) -> uuid.UUID: ...
    @property
    def ticket_type_name(self) -> str: ...
    @property
    def seat(self) -> str | None: ...
    @property
    def price(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def attendee_name(self) -> str | None: ...
    @property
    def checked_in_at(self) -> datetime | None: ...


class BookingFields(Protocol):
    """What a booking's answer is read from: a stored ``Booking`` or a new one's row about to be written."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def reference(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def session_id(self) -> uuid.UUID: ...
    @property
    def event_id(self) -> uuid.UUID: ...
    @property
    def quantity(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def expires_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def confirmed_at(self) -> datetime | None: ...
    @property
    def cancelled_at(self) -> datetime | None: ...
    @property
    def group_id(self) -> uuid.UUID | None: ...
    @property
    def awaiting_approval(self) -> bool: ...


async def load_booking(
    session: AsyncSession, booking_id: uuid.UUID, user: CurrentUser, *, for_update: bool = False
) -> Booking:
    """The booking if ``user`` owns it (or is an admin); anyone else gets 404, never 403."""
    stmt = select(Booking).where(Booking.id == booking_id).execution_options(populate_existing=True)
    if not user.is_admin:
        stmt = stmt.where(Booking.user_id == user.id)
    if for_update:
        stmt = stmt.with_for_update()
    booking = await session.scalar(stmt)
    if booking is None:
        raise NotFoundAppError("Booking not found")
    return booking


class BookingReads:
    def __init__(self, session: AsyncSession, inventory: SeatInventory) -> None:
        self.session = session
        self.inventory = inventory

    async def get(self, booking_id: uuid.UUID, user: CurrentUser) -> BookingRead:
        booking = await load_booking(self.session, booking_id, user)
        return (await self.of([booking]))[0]

    async def views(self, booking_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, BookingRead]:
        """Bookings by id, for the domain that made them (which checks who may see them)."""
        ids = set(booking_ids)
        if not ids:
            return {}
        bookings = list(await self.session.scalars(select(Booking).where(Booking.id.in_(ids))))
        return {read.id: read for read in await self.of(bookings)}

    async def view(self, booking_id: uuid.UUID) -> BookingRead | None:
        """Any booking, for system use (notifications); never exposed to a request directly."""
        booking = await self.session.get(Booking, booking_id)
        return (await self.of([booking]))[0] if booking else None

    async def list_mine(self, user: CurrentUser, limit: int, offset: int, status: str | None) -> BookingPage:
        stmt = select(Booking).where(Booking.user_id == user.id)
        if status is not None:
            stmt = stmt.where(Booking.status == status)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        bookings = list(
            await self.session.scalars(stmt.order_by(Booking.created_at.desc()).limit(limit).offset(offset))
        )
        return BookingPage(items=await self.of(bookings), total=total, limit=limit, offset=offset)

    async def of(self, bookings: Sequence[Booking]) -> list[BookingRead]:
        if not bookings:
            return []
        tickets: dict[uuid.UUID, list[Ticket]] = defaultdict(list)
        for ticket in await self.session.scalars(
            select(Ticket).where(Ticket.booking_id.in_([b.id for b in bookings])).order_by(Ticket.created_at)
        ):
            tickets[ticket.booking_id].append(ticket)
        infos = await self.inventory.describe(b.session_id for b in bookings)
        return [booking_read(b, tickets[b.id], infos[b.session_id]) for b in bookings]

    async def confirmed_tickets(self, ticket_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, TicketRead]:
        """The valid tickets of confirmed bookings among ``ticket_ids`` (a domain's passenger list)."""
        ids = set(ticket_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(
            select(Ticket)
            .join(Booking, Booking.id == Ticket.booking_id)
            .where(Ticket.id.in_(ids), Ticket.status == TicketStatus.VALID, Booking.status == BookingStatus.CONFIRMED)
        )
        return {ticket.id: ticket_read(ticket) for ticket in rows}

    async def attendees_of_session(
        self, session_id: uuid.UUID, user: CurrentUser, limit: int, offset: int
    ) -> AttendeeBookingPage:
        """The organizer's view of a session's bookings: names and check-ins, no contact or payment data."""
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None or not (user.is_admin or info.organizer_id == user.id):
            raise NotFoundAppError("Session not found")
        stmt = select(Booking).where(Booking.session_id == session_id)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        bookings = list(await self.session.scalars(stmt.order_by(Booking.created_at).limit(limit).offset(offset)))
        tickets: dict[uuid.UUID, list[Ticket]] = defaultdict(list)
        for ticket in await self.session.scalars(select(Ticket).where(Ticket.booking_id.in_([b.id for b in bookings]))):
            tickets[ticket.booking_id].append(ticket)
        names = await UserService(session=self.session).names([b.user_id for b in bookings])
        items = [
            AttendeeBooking(
                id=b.id,
                reference=b.reference,
                status=b.status,
                quantity=b.quantity,
                booked_by=names.get(b.user_id, ""),
                attendee_names=[
                    t.attendee_name or names.get(b.user_id, "")
                    for t in tickets[b.id]
                    if t.status != TicketStatus.CANCELLED
                ],
                checked_in=sum(1 for t in tickets[b.id] if t.status == TicketStatus.USED),
                created_at=b.created_at,
            )
            for b in bookings
        ]
        return AttendeeBookingPage(items=items, total=total, limit=limit, offset=offset)

    async def sales_of_event(self, event_id: uuid.UUID, user: CurrentUser) -> EventSales:
        """Seats sold, check-ins and revenue per session of the organizer's listing, from live tickets."""
        owner = await self.inventory.event_owner(event_id)
        if owner is None or not (user.is_admin or owner == user.id):
            raise NotFoundAppError("Listing not found")
        live = Ticket.status.in_([TicketStatus.VALID, TicketStatus.USED])
        rows = (
            await self.session.execute(
                select(
                    Ticket.session_id,
                    Ticket.currency,
                    func.count(func.distinct(Ticket.booking_id)),
                    func.count(),
                    func.count().filter(Ticket.status == TicketStatus.USED),
                    func.coalesce(func.sum(Ticket.price), 0),
                )
                .join(Booking, Booking.id == Ticket.booking_id)
                .where(Booking.event_id == event_id, Booking.status == BookingStatus.CONFIRMED, live)
                .group_by(Ticket.session_id, Ticket.currency)
                .order_by(Ticket.session_id)
            )
        ).all()
        sessions = [
            SessionSales(session_id=r[0], bookings=r[2], tickets_sold=r[3], checked_in=r[4], revenue=int(r[5]))
            for r in rows
        ]
        return EventSales(
            event_id=event_id,
            currency=rows[0][1] if rows else None,
            bookings=sum(s.bookings for s in sessions),
            tickets_sold=sum(s.tickets_sold for s in sessions),
            checked_in=sum(s.checked_in for s in sessions),
            revenue=sum(s.revenue for s in sessions),
            sessions=sessions,
        )


def ticket_read(ticket: TicketFields) -> TicketRead:
    return TicketRead(
        id=ticket.id,
        code=ticket.code,
        status=ticket.status,
        ticket_type_id=ticket.ticket_type_id,
        ticket_type_name=ticket.ticket_type_name,
        price=ticket.price,
        currency=ticket.currency,
        attendee_name=ticket.attendee_name,
        checked_in_at=ticket.checked_in_at,
        seat=ticket.seat,
    )


def booking_read(booking: BookingFields, tickets: Sequence[TicketFields], info: BookableSession) -> BookingRead:
    return BookingRead(
        id=booking.id,
        reference=booking.reference,
        status=booking.status,
        session_id=booking.session_id,
        event_id=booking.event_id,
        event_title=info.title,
        session_starts_at=info.starts_at,
        session_ends_at=info.ends_at,
        timezone=info.timezone,
        venue_name=info.venue_name,
        quantity=booking.quantity,
        total=booking.total,
        currency=booking.currency,
        expires_at=booking.expires_at,
        created_at=booking.created_at,
        confirmed_at=booking.confirmed_at,
        cancelled_at=booking.cancelled_at,
        group_id=booking.group_id,
        tickets=[ticket_read(t) for t in tickets],
        awaiting_approval=booking.awaiting_approval,
    )
