"""Waiting lists: people queued for a sold-out session (a ticket type and a quantity), and the timed offers
made to them when seats come back."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class EntryStatus(enum.StrEnum):
    WAITING = "waiting"  # in line
    OFFERED = "offered"  # seats are held for them until offer_expires_at
    BOOKED = "booked"  # they took the offer (paid, or confirmed a free one)
    LAPSED = "lapsed"  # the offer ran out or was declined; the seats went to the next in line
    LEFT = "left"  # they left the list
    REMOVED = "removed"  # the organizer took them off, or the session can no longer be booked


LIVE = text("status IN ('waiting', 'offered')")


class WaitlistEntry(UUIDv7AuditBase):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(EntryStatus)}", name="status"),
        CheckConstraint("quantity >= 1", name="quantity"),
        # One place in line per person, session and ticket type.
        Index(
            "uq_waitlist_live",
            "session_id",
            "user_id",
            "ticket_type_id",
            unique=True,
            postgresql_where=LIVE,
            sqlite_where=LIVE,
        ),
        # The line: who waits on a session, first come first served.
        Index("ix_waitlist_session_status_created", "session_id", "status", "created_at"),
        Index("ix_waitlist_user_created", "user_id", "created_at"),
        Index("ix_waitlist_booking", "booking_id"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="CASCADE"))
    ticket_type_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("ticket_types.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=EntryStatus.WAITING.value)
    # The hold made for them with the offer.
    booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="SET NULL"), default=None
    )
    offered_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    offer_expires_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
