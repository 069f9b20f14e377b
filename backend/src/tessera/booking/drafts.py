"""New bookings and tickets as they are planned, checked and written: plain rows, not ORM objects (under a
flash sale, building an ORM object per booking and ticket cost more than the statements that write them)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table
from uuid_utils.compat import uuid7

from tessera.booking.codes import TicketCodes, new_reference
from tessera.booking.errors import ApprovalRequiredError, InvalidBookingError
from tessera.booking.models import Booking, BookingGroup, BookingStatus, Ticket, TicketStatus
from tessera.booking.reads import booking_read
from tessera.booking.schemas import BookingCreate, BookingRead
from tessera.catalog.inventory import BookableSession
from tessera.catalog.models import TicketType
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Channel, Outgoing


@dataclass(slots=True)
class BookingDraft:
    """A new row of ``bookings``, written with Core."""

    id: uuid.UUID
    reference: str
    user_id: uuid.UUID
    session_id: uuid.UUID
    event_id: uuid.UUID
    status: str
    quantity: int
    total: int
    currency: str
    expires_at: datetime | None
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    expired_at: datetime | None
    cancel_reason: str | None
    group_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    awaiting_approval: bool = False


@dataclass(slots=True)
class TicketDraft:
    """A new row of ``tickets``, written with Core."""

    id: uuid.UUID
    booking_id: uuid.UUID
    session_id: uuid.UUID
    ticket_type_id: uuid.UUID
    ticket_type_name: str
    code: str
    price: int
    currency: str
    status: str
    attendee_name: str | None
    checked_in_at: datetime | None
    created_at: datetime
    updated_at: datetime
    seat: str | None = None  # reserved seating: given by booking.seats once the counters are taken


@dataclass(slots=True)
class OrderDraft:
    """One request's booking and tickets, built and checked but not yet saved."""

    booking: BookingDraft
    tickets: list[TicketDraft]
    info: BookableSession
    paid: bool

    def read(self) -> BookingRead:
        return booking_read(self.booking, self.tickets, self.info)

    def hold_until(self, expires_at: datetime | None) -> None:
        """Await payment until ``expires_at`` even if free (a free leg of a paid group is paid with it)."""
        self.paid = True
        self.booking.status = BookingStatus.PENDING_PAYMENT
        self.booking.expires_at = expires_at
        self.booking.confirmed_at = None
        for ticket in self.tickets:
            ticket.status = TicketStatus.PENDING

    def announcement(self) -> Outgoing:
        return Outgoing(
            user_id=self.booking.user_id,
            kind="booking_created" if self.paid else "booking_confirmed",
            payload={"booking_id": str(self.booking.id), "reference": self.booking.reference},
            dedupe_key=f"booking:{self.booking.id}:{self.booking.status}",
            # A booking awaiting payment is news for the app, not worth an e-mail.
            channel=Channel.IN_APP if self.paid else Channel.EMAIL,
        )


def plan_order(
    user: CurrentUser,
    data: BookingCreate,
    info: BookableSession,
    types: Mapping[uuid.UUID, TicketType],
    now: datetime,
    codes: TicketCodes,
    hold_minutes: int,
    *,
    approved: bool = False,
) -> OrderDraft:
    """Check one request against its listing's ticket types and build its booking and tickets (unsaved)."""
    quantities: dict[uuid.UUID, int] = defaultdict(int)
    for item in data.items:
        quantities[item.ticket_type_id] += item.quantity
    unknown = [str(t) for t in quantities if t not in types or types[t].event_id != info.event_id]
    if unknown:
        raise InvalidBookingError(f"Unknown ticket type for this listing: {', '.join(unknown)}")
    for type_id, quantity in quantities.items():
        if quantity > types[type_id].max_per_order:
            raise InvalidBookingError(
                f"At most {types[type_id].max_per_order} {types[type_id].name!r} tickets per order"
            )
    if not approved and (info.approval_required or any(types[t].approval_required for t in quantities)):
        raise ApprovalRequiredError(
            "These tickets are sold on the organizer's approval: send a request instead",
            extra={"path": f"/api/v1/sessions/{info.session_id}/requests"},
        )
    seats = sum(quantities.values())
    if data.attendees is not None and len(data.attendees) != seats:
        raise InvalidBookingError(f"Give one attendee per seat ({seats}), or none")
    currencies = {types[t].currency for t in quantities}
    if len(currencies) != 1:  # pragma: no cover - the catalog keeps one currency per listing
        raise InvalidBookingError("All tickets of one booking must be in one currency")
    total = sum(types[t].price * q for t, q in quantities.items())
    paid = total > 0
    booking = BookingDraft(
        id=uuid7(),
        reference=new_reference(),
        user_id=user.id,
        session_id=info.session_id,
        event_id=info.event_id,
        status=BookingStatus.PENDING_PAYMENT if paid else BookingStatus.CONFIRMED,
        quantity=seats,
        total=total,
        currency=currencies.pop(),
        expires_at=now + timedelta(minutes=hold_minutes) if paid else None,
        confirmed_at=None if paid else now,
        cancelled_at=None,
        expired_at=None,
        cancel_reason=None,
        group_id=None,
        created_at=now,
        updated_at=now,
    )
    names = iter(a.name.strip() for a in data.attendees or [])
    tickets = [
        TicketDraft(
            id=uuid7(),
            booking_id=booking.id,
            session_id=info.session_id,
            ticket_type_id=type_id,
            ticket_type_name=types[type_id].name,
            code=codes.new(),
            price=types[type_id].price,
            currency=types[type_id].currency,
            status=TicketStatus.PENDING if paid else TicketStatus.VALID,
            attendee_name=next(names, None),
            checked_in_at=None,
            created_at=now,
            updated_at=now,
        )
        for type_id, quantity in quantities.items()
        for _ in range(quantity)
    ]
    return OrderDraft(booking, tickets, info, paid)


def _columns(model: type[Booking | BookingGroup | Ticket]) -> tuple[str, ...]:
    return tuple(c.name for c in cast(Table, model.__table__).columns if c.name != "sa_orm_sentinel")


# What each INSERT writes; a column the rows lack fails every booking test at once.
_COLUMNS = {"booking_groups": _columns(BookingGroup), "bookings": _columns(Booking), "tickets": _columns(Ticket)}


def row_values(table: Table, entity: BookingDraft | TicketDraft | BookingGroup) -> dict[str, object]:
    """The entity's column values for a Core INSERT (many rows in one statement)."""
    return {name: getattr(entity, name) for name in _COLUMNS[table.name]}
