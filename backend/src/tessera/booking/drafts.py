"""New bookings and tickets as they are planned, checked and written: plain rows, not ORM objects (under a
flash sale, building an ORM object per booking and ticket cost more than the statements that write them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table

from tessera.booking.models import Booking, BookingGroup, BookingStatus, Ticket, TicketStatus
from tessera.booking.reads import booking_read
from tessera.booking.schemas import BookingRead
from tessera.catalog.inventory import BookableSession
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


def _columns(model: type[Booking | BookingGroup | Ticket]) -> tuple[str, ...]:
    return tuple(c.name for c in cast(Table, model.__table__).columns if c.name != "sa_orm_sentinel")


# What each INSERT writes; a column the rows lack fails every booking test at once.
_COLUMNS = {"booking_groups": _columns(BookingGroup), "bookings": _columns(Booking), "tickets": _columns(Ticket)}


def row_values(table: Table, entity: BookingDraft | TicketDraft | BookingGroup) -> dict[str, object]:
    """The entity's column values for a Core INSERT (many rows in one statement)."""
    return {name: getattr(entity, name) for name in _COLUMNS[table.name]}
