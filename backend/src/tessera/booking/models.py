"""Bookings (one customer's seats on one session), their tickets (one per seat) and booking groups (bookings on
several sessions sold as one)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase, UUIDv7Base
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class BookingStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class TicketStatus(enum.StrEnum):
    PENDING = "pending"  # its booking awaits payment
    VALID = "valid"
    USED = "used"  # checked in
    CANCELLED = "cancelled"


class BookingGroup(UUIDv7AuditBase):
    """Bookings on several sessions held, paid, confirmed and expired as one (a round trip): created whole or
    not at all, with one hold time and one payment. Its members are the bookings that name it."""

    __tablename__ = "booking_groups"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(BookingStatus)}", name="status"),
        CheckConstraint("total >= 0", name="total"),
        Index("ix_booking_groups_user_created", "user_id", "created_at"),
        Index(
            "ix_booking_groups_pending_expiry",
            "expires_at",
            postgresql_where=text("status = 'pending_payment'"),
            sqlite_where=text("status = 'pending_payment'"),
        ),
    )

    reference: Mapped[str] = mapped_column(String(6), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20))
    # The live members' totals: what one payment for the whole group charges.
    total: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    expires_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    expired_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class Booking(UUIDv7AuditBase):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(BookingStatus)}", name="status"),
        CheckConstraint("quantity >= 0 AND total >= 0", name="amounts"),
        Index("ix_bookings_user_created", "user_id", "created_at"),
        Index("ix_bookings_user_session", "user_id", "session_id"),
        Index("ix_bookings_session_status", "session_id", "status"),
        Index("ix_bookings_event", "event_id"),
        Index("ix_bookings_group", "group_id"),
        # The expiry job's queue: only holds awaiting payment, in expiry order.
        Index(
            "ix_bookings_pending_expiry",
            "expires_at",
            postgresql_where=text("status = 'pending_payment'"),
            sqlite_where=text("status = 'pending_payment'"),
        ),
    )

    reference: Mapped[str] = mapped_column(String(6), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    session_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="RESTRICT"))
    event_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20))
    # Seats and amount still booked (partial cancellation lowers both).
    quantity: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    expires_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    expired_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(String(300), default=None)
    # The group this booking is held, paid and confirmed with, if any. (No ON DELETE clause: SQLite adds this
    # column in place, and reads a column's own clause back without it; NO ACTION refuses deletes all the same.)
    group_id: Mapped[uuid.UUID | None] = mapped_column(GUID, ForeignKey("booking_groups.id"), default=None)
    # Seats held for a request the organizer has not decided yet: not to be paid or cancelled as a booking.
    awaiting_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class Ticket(UUIDv7AuditBase):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(TicketStatus)}", name="status"),
        Index("ix_tickets_booking", "booking_id"),
        Index("ix_tickets_session", "session_id"),
    )

    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="CASCADE"))
    session_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="RESTRICT"))
    ticket_type_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("ticket_types.id", ondelete="RESTRICT"))
    ticket_type_name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    price: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(12))
    attendee_name: Mapped[str | None] = mapped_column(String(200), default=None)
    # Reserved seating: the seat's code on the session's seat map (the guard is session_seats).
    seat: Mapped[str | None] = mapped_column(String(24), default=None)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class SessionSeat(UUIDv7Base):
    """The per-seat guard of reserved seating: one row per seat of a session that is taken, by a live ticket
    (held or sold, with its booking) or by the organizer's block (neither). Unique per (session, seat), so a
    seat is never held or sold twice; rows are deleted when their tickets are released, so the live tickets
    with a seat on a session always equal its held + sold seats."""

    __tablename__ = "session_seats"
    __table_args__ = (
        Index("uq_session_seats_seat", "session_id", "seat", unique=True),
        Index("ix_session_seats_booking", "booking_id"),
        Index("uq_session_seats_ticket", "ticket_id", unique=True),
        CheckConstraint("(booking_id IS NULL) = (ticket_id IS NULL)", name="holder"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="CASCADE"))
    seat: Mapped[str] = mapped_column(String(24))
    booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="CASCADE"), default=None
    )
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("tickets.id", ondelete="CASCADE"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class TransferStatus(enum.StrEnum):
    PENDING = "pending"  # offered, not yet accepted
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"  # withdrawn by its sender, or its ticket changed hands otherwise


class TicketTransfer(UUIDv7AuditBase):
    """One ticket of a confirmed booking offered to someone else by e-mail. Accepting it cancels the ticket and
    issues the recipient a new one (a new code, the same seat) on a booking of their own; the link carries
    ``<id>.<HMAC>``, so the row holds no secret."""

    __tablename__ = "ticket_transfers"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(TransferStatus)}", name="status"),
        # One offer at a time per ticket.
        Index(
            "uq_ticket_transfers_pending",
            "ticket_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
        Index("ix_ticket_transfers_booking", "booking_id"),
        Index("ix_ticket_transfers_to_user", "to_user_id"),
    )

    ticket_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("tickets.id", ondelete="CASCADE"))
    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="CASCADE"))
    from_user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    # Where the offer was sent (normalised); blanked when either side's account is erased.
    to_email: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(10), default=TransferStatus.PENDING.value)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    to_user_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    new_ticket_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("tickets.id", ondelete="SET NULL"), default=None
    )
    accepted_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
